/**
 * The result of a rank-uncertainty analysis: per unit its plain rank, median rank, 5–95 % interval and the
 * fields whose weight moves it most, with the draws, seed and options that produced it.
 * @module
 */
import type { UncertaintyOption } from './uncertainty-spec.js';

/**
 * How strongly one field's weight moves a unit's rank.
 *
 * @example r.units[0].drivers[0] // { field: '8', title: '…', corr: 0.61, share: 0.372 }
 */
export interface RankDriver {
  /** The field's id. */
  readonly field: string;
  /** The field's title. */
  readonly title: string;
  /** Pearson correlation of the field's weight factor with the unit's rank over the draws (positive: more weight, worse rank). */
  readonly corr: number;
  /** corr², the share of the rank's variance a straight line in this weight explains (the weights are drawn independently). */
  readonly share: number;
}

/**
 * One unit's rank over the draws.
 *
 * @example r.units.map((u: UnitUncertainty) => `${u.name}: ${u.median} [${u.p05}–${u.p95}]`)
 */
export interface UnitUncertainty {
  /** The unit's id. */
  readonly id: string;
  /** The unit's name. */
  readonly name: string;
  /** The group it is ranked in ("" when ungrouped). */
  readonly group: string;
  /** The plain ranking (the criteria set's own rule, weights as declared). */
  readonly rank: number | null;
  /** The plain rank as "k/N". */
  readonly rankOf: string | null;
  /** The plain index (%). */
  readonly index: number | null;
  /** Nearest-rank percentiles of the rank over the draws (every value is a rank some draw gave). */
  readonly median: number | null;
  /** 5th percentile of the rank. */
  readonly p05: number | null;
  /** 95th percentile of the rank. */
  readonly p95: number | null;
  /** Best rank over the draws. */
  readonly min: number | null;
  /** Worst rank over the draws. */
  readonly max: number | null;
  /** Mean rank over the draws. */
  readonly mean: number | null;
  /** Varied fields, the one that moves the rank most first. */
  readonly drivers: readonly RankDriver[];
  /** For each option varied, the unit's mean rank under each of its values. */
  readonly options: Readonly<Record<string, Readonly<Record<string, number | null>>>>;
}

/**
 * The result of {@link rankUncertainty}. Frozen; its JSON is byte-identical for the same inputs and seed.
 *
 * @example const r: UncertaintyResult = rankUncertainty(set, evidence, spec, { draws: 1000, seed: 42 })
 */
export interface UncertaintyResult {
  /** The criteria set analysed. */
  readonly criteria: {
    /** The set's id. */
    readonly id: string;
    /** Its version. */
    readonly version: string;
    /** Its content hash. */
    readonly hash: string;
  };
  /** The seed used (same seed, same result). */
  readonly seed: number;
  /** Number of draws. */
  readonly draws: number;
  /** Each top-level node's weight range, as used. */
  readonly weights: readonly {
    /** The field's id. */
    readonly field: string;
    /** Its title. */
    readonly title: string;
    /** Lowest weight factor drawn. */
    readonly low: number;
    /** Highest weight factor drawn. */
    readonly high: number;
  }[];
  /** The methodology options varied and their values. */
  readonly options: Readonly<Partial<Record<UncertaintyOption, readonly (string | number)[]>>>;
  /** The grouping of the ranks, or null. */
  readonly groupBy: string | null;
  /** How many scoring variants were evaluated (1 + one per distinct scoring option combination drawn). */
  readonly evaluations: number;
  /** How percentiles and drivers were computed, in words. */
  readonly method: {
    /** How the percentiles are taken. */
    readonly percentiles: string;
    /** How the drivers are measured. */
    readonly drivers: string;
  };
  /** One entry per unit. */
  readonly units: readonly UnitUncertainty[];
}
