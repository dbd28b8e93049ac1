/**
 * A group's measures as a summary gives them: sum measures counted from their parts, rates from their counts,
 * and groups set under any key. Shared by the aggregator and the merge of summaries. Pure: no Node.
 * @module
 */
import { DOSSIER_RATES } from './dossier-measures.js';
import type { MeasureCount, RateValue } from './dossier-summary.js';
import { mergeSmallest } from './id-order.js';

/** A sum measure from its parts, already in `measures`: the counts add, the ids are the smallest of theirs. */
export function sumOfParts(parts: readonly string[], measures: Readonly<Record<string, MeasureCount>>, limit: number): MeasureCount {
  let count = 0;
  let ids: string[] = [];
  for (const p of parts) {
    const x = measures[p]!;
    count += x.count;
    if (limit > 0) ids = mergeSmallest(ids, x.ids, limit);
  }
  return { count, ids, idsTruncated: count > ids.length };
}

/** The rates of DOSSIER_RATES from the counts of `measures`. */
export function ratesOf(measures: Readonly<Record<string, MeasureCount>>): Record<string, RateValue> {
  const rates: Record<string, RateValue> = {};
  for (const r of DOSSIER_RATES) {
    const num = measures[r.numerator]!.count;
    const den = measures[r.base]!.count;
    rates[r.id] = { numerator: r.numerator, base: r.base, num, den, value: den === 0 ? null : num / den };
  }
  return rates;
}

/**
 * Sets an own property even for the key "__proto__" (a unit may be named anything in an export): plain
 * assignment would set the object's prototype instead and lose the group.
 */
export function setOwn<T>(o: Record<string, T>, k: string, v: T): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}
