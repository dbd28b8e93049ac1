/**
 * Combining the earlier values of a merged unit's predecessors (gộp kết quả các đơn vị trước sáp nhập), as the
 * unit map declares: the mean, or the mean weighted by population, dossiers…; exact, then rounded. Used by
 * `compareYears` and by `rescore` with a map, so both give the same figure for the same predecessors.
 * @module
 */
import { Exact, type RoundingMode } from '../core/exact.js';
import type { Text } from '../core/text.js';
import type { UnitMap } from './unit-map.js';

/**
 * The mean (no weights) or weighted mean Σ wᵢ·xᵢ ÷ Σ wᵢ of the values, in exact arithmetic, rounded to `decimals`
 * by `mode` (half-up when the set's is not known, as on score cards); null when there is no value or any is null
 * (a predecessor without an index is not averaged away).
 */
export function combineValues(
  xs: readonly (number | null)[],
  weights: readonly number[] | undefined,
  decimals: number,
  mode: RoundingMode = 'half-up',
): number | null {
  if (xs.length === 0 || xs.some((x) => x === null)) return null;
  let sum = Exact.ZERO;
  let wsum = Exact.ZERO;
  xs.forEach((x, i) => {
    const w = weights ? Exact.of(weights[i]!) : Exact.ONE;
    sum = sum.add(Exact.of(x!).mul(w));
    wsum = wsum.add(w);
  });
  return sum.div(wsum).round(decimals, mode).toNumber();
}

/** What a unit map says the weights count, in both languages (English falls back to the Vietnamese text). */
export function weightsOf(map: UnitMap): Text {
  const vi = map.weightsOf ?? '';
  return { vi, en: map.weightsOfEn ?? vi };
}

/** How one entry's later unit gets its earlier values, given which of its predecessors have a result. */
export interface EntryBasis {
  /** `unit` (one predecessor's values), `mean`, `weighted-mean` or `none` (not compared). */
  readonly basis: 'unit' | 'mean' | 'weighted-mean' | 'none';
  /** For `unit`: the predecessor whose values are used. */
  readonly unit?: string;
  /** For `weighted-mean`: each present predecessor's weight, in the order given. */
  readonly weights?: readonly number[];
}

/**
 * The basis of an entry of a loaded map (its `baseline` resolved by `loadUnitMap`) over the predecessors that
 * have a result (`present`, in the entry's order). A declared predecessor without a result gives `none`: it is
 * warned about by the caller, never replaced by a mean.
 */
export function entryBasis(entry: UnitMap['entries'][number] | undefined, present: readonly string[]): EntryBasis {
  const how = entry?.baseline;
  if (how === 'none') return { basis: 'none' };
  if (how === 'mean' || how === 'weighted-mean' || how === undefined) {
    if (present.length === 1) return { basis: 'unit', unit: present[0]! };
    if (how === 'weighted-mean') return { basis: how, weights: present.map((id) => entry!.weights![id]!) };
    return { basis: 'mean' };
  }
  return present.includes(how) ? { basis: 'unit', unit: how } : { basis: 'none' };
}
