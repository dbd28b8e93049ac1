/**
 * The merge algebra of dossier summaries: two summaries of disjoint records over one period merge into the
 * summary of their union; summaries of two adjacent periods combine into the summary of the whole. Pure: no Node.
 * @module
 */
import { deepFreeze } from '../core/document.js';
import { dayFromIso, isoOf } from '../calendar/dates.js';
import { DOSSIER_MEASURES } from './dossier-measures.js';
import { unavailableOf, type DossierSummary, type GroupSummary, type MeasureCount, type Period } from './dossier-summary.js';
import { ratesOf, setOwn, sumOfParts } from './group-summary.js';
import { mergeSmallest } from './id-order.js';
import type { DossierField } from './vocabulary.js';

function sameKeys(a: DossierSummary, b: DossierSummary): void {
  for (const x of [a, b]) {
    // JSON writes idLimit: Infinity as null (the command line's --format json writes "all"); merging such a part
    // would silently keep no ids, so it is refused.
    if (typeof x.idLimit !== 'number' || !(x.idLimit >= 0))
      throw new RangeError(
        `a summary's idLimit is ${String(x.idLimit)}, not a number ≥ 0: a summary kept with idLimit Infinity cannot go through JSON (it becomes null, or "all" as par-index dossiers --ids all writes it); keep idLimit finite, or pass summaries by structured clone`,
      );
  }
  if (a.by !== b.by || a.idLimit !== b.idLimit) throw new RangeError('summaries group differently or keep a different number of ids');
}

function combineGroups(a: GroupSummary | undefined, b: GroupSummary | undefined, limit: number, stockFrom: 'sum' | 'second'): GroupSummary {
  const measures: Record<string, MeasureCount> = {};
  for (const d of DOSSIER_MEASURES) {
    if (d.sumOf) {
      // Counted again from its combined parts: a sum of a flow and a stock neither adds nor carries over as a whole.
      measures[d.id] = sumOfParts(d.sumOf, measures, limit);
      continue;
    }
    const x = a?.measures[d.id];
    const y = b?.measures[d.id];
    if (d.kind === 'stock' && stockFrom === 'second') {
      measures[d.id] = y ?? { count: 0, ids: [], idsTruncated: false };
      continue;
    }
    const count = (x?.count ?? 0) + (y?.count ?? 0);
    const ids = limit > 0 ? mergeSmallest(x?.ids ?? [], y?.ids ?? [], limit) : [];
    measures[d.id] = { count, ids, idsTruncated: count > ids.length };
  }
  return { measures, rates: ratesOf(measures) };
}

function combine(a: DossierSummary, b: DossierSummary, period: Period, stockFrom: 'sum' | 'second'): DossierSummary {
  sameKeys(a, b);
  const keys = [...new Set([...Object.keys(a.groups), ...Object.keys(b.groups)])].sort();
  const groups: Record<string, GroupSummary> = {};
  for (const k of keys)
    setOwn(
      groups,
      k,
      combineGroups(
        Object.hasOwn(a.groups, k) ? a.groups[k] : undefined,
        Object.hasOwn(b.groups, k) ? b.groups[k] : undefined,
        a.idLimit,
        stockFrom,
      ),
    );
  const sumCodes = (x: Readonly<Record<string, number>>, y: Readonly<Record<string, number>>) => {
    const o: Record<string, number> = { ...x };
    for (const [k, v] of Object.entries(y)) o[k] = (o[k] ?? 0) + v;
    return o;
  };
  // A field missing from either part is missing from the whole. (`missing` may be absent from a summary written
  // before it existed: its `needs` then names the one field.)
  const lacking = new Map<string, Set<DossierField>>();
  for (const u of [...a.unavailable, ...b.unavailable]) {
    let set = lacking.get(u.measure);
    if (!set) lacking.set(u.measure, (set = new Set()));
    for (const f of u.missing ?? [u.needs]) set.add(f);
  }
  return deepFreeze({
    period,
    by: a.by,
    idLimit: a.idLimit,
    groups,
    total: combineGroups(a.total, b.total, a.idLimit, stockFrom),
    rows:
      stockFrom === 'sum'
        ? {
            in: a.rows.in + b.rows.in,
            used: a.rows.used + b.rows.used,
            rejected: a.rows.rejected + b.rows.rejected,
            outsidePeriod: a.rows.outsidePeriod + b.rows.outsidePeriod,
          }
        : b.rows,
    rejected: [...a.rejected, ...b.rejected],
    rejectedByCode: sumCodes(a.rejectedByCode, b.rejectedByCode),
    ...(a.rejectedByUnit || b.rejectedByUnit ? { rejectedByUnit: sumCodes(a.rejectedByUnit ?? {}, b.rejectedByUnit ?? {}) } : {}),
    warnings: [...a.warnings, ...b.warnings],
    warningsByCode: sumCodes(a.warningsByCode, b.warningsByCode),
    unavailable: unavailableOf((m) => (m.needs ?? []).filter((f) => lacking.get(m.id)?.has(f) === true)),
    files: [...new Set([...a.files, ...b.files])],
  });
}

/**
 * Merges summaries of two disjoint sets of records over the same period (two halves of an export, two
 * exports): equal to summarising all the records together. Inputs are not changed.
 *
 * @example mergeSummaries(summaryOfJanToJun, summaryOfAnotherSystem).total.measures.received.count
 */
export function mergeSummaries(a: DossierSummary, b: DossierSummary): DossierSummary {
  if (a.period.from !== b.period.from || a.period.to !== b.period.to)
    throw new RangeError(
      `periods differ: ${a.period.from}..${a.period.to} and ${b.period.from}..${b.period.to}; use combinePeriods for adjacent periods`,
    );
  return combine(a, b, a.period, 'sum');
}

/**
 * Combines the summaries of two adjacent periods of the same records (the second starting the day after the
 * first ends) into the summary of the whole: flows add; stocks (in process, suspended at the end) are the
 * second period's. Row counts are the second's (every row is read in both).
 *
 * @example combinePeriods(h1, h2).period // { from: h1.period.from, to: h2.period.to }
 */
export function combinePeriods(first: DossierSummary, second: DossierSummary): DossierSummary {
  const end = dayFromIso(first.period.to)!;
  if (isoOf(end + 1) !== second.period.from)
    throw new RangeError(
      `the second period must start on ${isoOf(end + 1)}, the day after ${first.period.to}; it starts ${second.period.from}`,
    );
  const { rejectedByUnit: _, ...whole } = combine(first, second, { from: first.period.from, to: second.period.to }, 'second');
  return deepFreeze({
    ...whole,
    rejected: second.rejected,
    rejectedByCode: second.rejectedByCode,
    ...(second.rejectedByUnit ? { rejectedByUnit: second.rejectedByUnit } : {}),
    warnings: second.warnings,
    warningsByCode: second.warningsByCode,
  });
}
