/**
 * Tallies (bảng đếm): per unit × item × answer code, the number of respondents, and — for weighted surveys —
 * the sum of their weights and of their squared weights (for the effective sample size). A unit's tally is a
 * fixed-size array whatever its number of respondents, and tallies merge by adding: so a large survey can be
 * counted in parts, in workers, or in any data engine (a GROUP BY unit, item, answer), and merged here.
 *
 * Why integers: merging must be associative and commutative and agree exactly with tallying the concatenation.
 * Floating-point sums are not associative, so weights are counted as whole multiples of 10^-decimals (the
 * questionnaire declares `decimals`). Sums of weights and of squared weights outgrow 2^53 quickly (a weight of
 * 1 to 6 decimals squares to 10^12: 9,008 such respondents pass 2^53), so they are exact integers of any size,
 * written as decimal strings; respondent counts stay numbers (they would need 2^53 respondents to overflow).
 *
 * This file holds the tally's data shape and format tag; counting is `tallier.ts`, converting weights
 * `weights.ts`, merging and pooling `tally-merge.ts`, reading a saved tally `tally-file.ts`.
 * @module
 */
import { issue, ParIndexError } from '../core/errors.js';
import { BLANK, type Layout } from './layout.js';

/**
 * The format tag of tally files.
 *
 * @example `JSON.parse(text).format === \`${TALLY_FORMAT}@${TALLY_FORMAT_VERSION}\``
 */
export const TALLY_FORMAT = 'par-index/sipas-tally';
/**
 * The newest tally format version this library reads.
 *
 * Version 2 writes the weight sums (`weight`, `weights`, `weights2`) as decimal strings, exact at any size;
 * version 1 files (numbers) are still read.
 *
 * @example `TALLY_FORMAT_VERSION // 2`
 */
export const TALLY_FORMAT_VERSION = 2;

/**
 * One unit's counts, in the questionnaire's slot order (see `layoutOf`).
 *
 * @example `tally.units['nhu-quynh'].counts.length === layoutOf(q).size // true`
 */
export interface UnitTally {
  /** Respondents counted (rows used). */
  readonly respondents: number;
  /** Weighted tallies: Σ weight of the respondents, in units of 10^-decimals, as a decimal integer string. */
  readonly weight?: string;
  /** Respondents per slot. */
  readonly counts: readonly number[];
  /** Weighted tallies: Σ weight per slot, in units of 10^-decimals (decimal integer strings: exact at any size). */
  readonly weights?: readonly string[];
  /** Weighted tallies: Σ weight² per slot, in units of 10^-2·decimals (decimal integer strings). */
  readonly weights2?: readonly string[];
}

/**
 * A mergeable tally (plain data; JSON as is).
 *
 * @example
 * ```ts
 * const t = tallyRows(q, [{ unit: 'nhu-quynh', answers: { '1.1': 5, '1.2': 4 } }]);
 * JSON.stringify(t); // '{"format":"par-index/sipas-tally@2",…}'
 * ```
 */
export interface Tally {
  /** The format tag of a tally. */
  readonly format: string;
  /** The questionnaire it counts answers of. */
  readonly questionnaire: {
    /** The questionnaire's id. */
    readonly id: string;
    /** Its version. */
    readonly version: string;
    /** Its content hash: a tally merges only with tallies of the same questionnaire. */
    readonly hash: string;
  };
  /** Each item's answer codes in slot order; `null` is the "no answer" slot. */
  readonly layout: readonly {
    /** The item's id. */
    readonly item: string;
    /** The answer code of each counted slot (null: no opinion or not applicable). */
    readonly codes: readonly (number | null)[];
  }[];
  /** Whether weights were counted. */
  readonly weighted: boolean;
  /** Weights are counted in units of 10^-decimals. */
  readonly decimals: number;
  /** Units by id, in sorted order. */
  readonly units: Readonly<Record<string, UnitTally>>;
}

/** The layout as a tally file writes it (`null` for the no-answer slot); the reader compares against it. */
export function layoutJson(layout: Layout): Tally['layout'] {
  return layout.items.map((i) => ({ item: i.id, codes: i.codes.map((c) => (c === BLANK ? null : c)) }));
}

/** The refusal of a sum that would pass 2^53, shared by counting and merging. */
export const overflow = (what: string) =>
  new ParIndexError([
    issue(
      'sipas.tally-overflow',
      'error',
      [],
      `${what} passed 2^53 and can no longer be counted exactly: declare fewer weight decimals, normalise the weights, or tally in smaller units`,
      `${what} vượt quá 2^53, không còn đếm chính xác được: giảm số chữ số thập phân của trọng số, chuẩn hóa trọng số hoặc đếm theo đơn vị nhỏ hơn`,
    ),
  ]);
