/**
 * Merging tallies of the same questionnaire by adding their counts, and pooling a tally's units into one.
 * @module
 */
import { deepFreeze } from '../core/document.js';
import { issue, ParIndexError } from '../core/errors.js';
import { overflow, type Tally, type UnitTally } from './tally.js';

function mismatch(en: string, vi: string, file?: string): ParIndexError {
  return new ParIndexError([issue('sipas.tally-mismatch', 'error', [], en, vi, { file })]);
}

function compatible(a: Tally, b: Tally): void {
  if (a.questionnaire.hash !== b.questionnaire.hash) {
    throw mismatch(
      `cannot merge tallies of different questionnaires: ${a.questionnaire.id} ${a.questionnaire.version} (${a.questionnaire.hash}) and ${b.questionnaire.id} ${b.questionnaire.version} (${b.questionnaire.hash})`,
      `không gộp được bảng đếm của hai bộ câu hỏi khác nhau: ${a.questionnaire.id} ${a.questionnaire.version} và ${b.questionnaire.id} ${b.questionnaire.version}`,
    );
  }
  if (a.weighted !== b.weighted || a.decimals !== b.decimals) {
    throw mismatch(
      'cannot merge a weighted tally with an unweighted one, or tallies with different weight decimals',
      'không gộp được bảng đếm có trọng số với bảng không có trọng số, hoặc khác số chữ số thập phân của trọng số',
    );
  }
}

function addArrays(x: readonly number[], y: readonly number[], what: string): number[] {
  const out = new Array<number>(x.length);
  for (let i = 0; i < x.length; i++) {
    const s = x[i]! + y[i]!;
    if (s > Number.MAX_SAFE_INTEGER) throw overflow(what);
    out[i] = s;
  }
  return out;
}

/** Adds sums written as decimal integer strings, exactly. */
function addDecimals(x: readonly string[], y: readonly string[]): string[] {
  return x.map((v, i) => String(BigInt(v) + BigInt(y[i]!)));
}

/** Two units' counts added; `what` names, in a refusal, what is being added (the merged unit, or a pool). */
function mergeUnit(a: UnitTally, b: UnitTally, what: string): UnitTally {
  const weighted = a.weights !== undefined;
  return {
    respondents: a.respondents + b.respondents,
    ...(weighted ? { weight: String(BigInt(a.weight ?? '0') + BigInt(b.weight ?? '0')) } : {}),
    counts: addArrays(a.counts, b.counts, `the counts of ${what}`),
    ...(weighted ? { weights: addDecimals(a.weights, b.weights!), weights2: addDecimals(a.weights2!, b.weights2!) } : {}),
  };
}

/**
 * Merges tallies of the same questionnaire by adding their counts unit by unit. Associative and commutative,
 * and merging the tallies of two batches equals tallying both together. Inputs are not changed.
 *
 * @example
 * ```ts
 * const all = mergeTallies([tallyOfJanuary, tallyOfFebruary]);
 * ```
 */
export function mergeTallies(tallies: readonly Tally[]): Tally {
  const first = tallies[0];
  if (!first) throw mismatch('no tally to merge', 'không có bảng đếm để gộp');
  for (const t of tallies.slice(1)) compatible(first, t);
  const units = new Map<string, UnitTally>();
  for (const t of tallies) {
    for (const [id, u] of Object.entries(t.units)) {
      const prev = units.get(id);
      units.set(id, prev ? mergeUnit(prev, u, `unit "${id}"`) : u);
    }
  }
  const sorted: Record<string, UnitTally> = {};
  for (const id of [...units.keys()].sort()) sorted[id] = structuredClone(units.get(id)!);
  return deepFreeze({
    ...structuredClone({
      format: first.format,
      questionnaire: first.questionnaire,
      layout: first.layout,
      weighted: first.weighted,
      decimals: first.decimals,
    }),
    units: sorted,
  });
}

/**
 * All units of a tally merged into one (for a result over every respondent).
 *
 * @example poolUnits(tally, 'van-lam').units['van-lam'].respondents // every respondent
 */
export function poolUnits(tally: Tally, id = '*'): Tally {
  const us = Object.entries(tally.units);
  if (us.length === 0) return deepFreeze({ ...structuredClone(tally), units: {} });
  let acc = us[0]![1];
  // A refusal names the pool, not the unit being added: that unit may be fine on its own.
  for (const [, u] of us.slice(1)) acc = mergeUnit(acc, u, `the units pooled as "${id}"`);
  const pooled = {
    ...structuredClone({
      format: tally.format,
      questionnaire: tally.questionnaire,
      layout: tally.layout,
      weighted: tally.weighted,
      decimals: tally.decimals,
    }),
    units: { [id]: structuredClone(acc) },
  };
  // The pooled tally remembers its units (not serialised): a questionnaire whose figure over several units is
  // the mean of the units' indices (options.units: mean-of-units) is then computed that way by computeIndices,
  // wherever the pooling was asked for (the command line pools when --by unit is not given).
  if (us.length > 1) Object.defineProperty(pooled, POOLED_FROM, { enumerable: false, value: tally });
  return deepFreeze(pooled);
}

/** The key under which a pooled tally keeps the tally it pooled. */
export const POOLED_FROM: unique symbol = Symbol('par-index.pooledFrom');

/**
 * The tally a pooled tally was made from (several units), when it was made by {@link poolUnits}.
 *
 * @example `pooledFrom(poolUnits(t))?.units // the units before pooling`
 */
export function pooledFrom(tally: Tally): Tally | undefined {
  return (tally as Tally & { [POOLED_FROM]?: Tally })[POOLED_FROM];
}
