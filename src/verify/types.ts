/**
 * What verifying a published decision reports: each discrepancy (what, where, published and expected
 * values, the nodes behind it), the checks run, the whole report, and the options of a verification.
 * @module
 */
import type { Text } from '../core/text.js';
import type { CriteriaSet } from '../criteria/load.js';
import type { ScoreCard } from '../engine/types.js';
import type { Evidence } from '../evidence/load.js';
import type { Ranking, RankMethod, TieBreakKey } from '../ranking/rank.js';
import type { DecisionMeta } from './decision.js';

/**
 * What a discrepancy is about. Table checks: `sum`, `above-max`, `index`, `rank`, `band`, `summary`. Against the recomputed cards: `field-differs`, `total-differs`, `max-differs`, `index-differs`, `rank-differs`, `band-differs`, `unit-not-recomputed`, `unit-not-published`, `unit-name-differs`, `metadata`.
 *
 * @example report.discrepancies.filter((d) => d.kind === ('rank' satisfies DiscrepancyKind))
 */
export type DiscrepancyKind =
  | 'sum'
  | 'above-max'
  | 'index'
  | 'rank'
  | 'band'
  | 'summary'
  | 'field-differs'
  | 'total-differs'
  | 'max-differs'
  | 'index-differs'
  | 'rank-differs'
  | 'band-differs'
  | 'unit-not-recomputed'
  | 'unit-not-published'
  | 'unit-name-differs'
  | 'metadata';

/**
 * The kinds, in the order reports list their explanations.
 *
 * @example DISCREPANCY_KINDS.indexOf('sum') // 0
 */
export const DISCREPANCY_KINDS: readonly DiscrepancyKind[] = [
  'sum',
  'above-max',
  'index',
  'rank',
  'band',
  'summary',
  'field-differs',
  'total-differs',
  'max-differs',
  'index-differs',
  'rank-differs',
  'band-differs',
  'unit-not-recomputed',
  'unit-not-published',
  'unit-name-differs',
  'metadata',
];

/**
 * A recomputed node named by a discrepancy: where the difference arises.
 *
 * @example report.discrepancies[0].nodes?.map((n: TracedNode) => `${n.id} ${n.points}/${n.max}`)
 */
export interface TracedNode {
  /** The node's id. */
  readonly id: string;
  /** The node's title. */
  readonly title: string;
  /** Points recomputed. */
  readonly points: number;
  /** The applicable maximum. */
  readonly max: number;
  /** How the node came out. */
  readonly status: string;
  /** Why points were lost, from the trace. */
  readonly lost: readonly Text[];
}

/**
 * One discrepancy: a printed cell and what it should be.
 *
 * @example const d: Discrepancy = report.discrepancies[0] // { kind: 'sum', unit: 'Xã Lạc Hồng', published: 91.74, expected: 91.65, delta: 0.09, … }
 */
export interface Discrepancy {
  /** Which check found it. */
  readonly kind: DiscrepancyKind;
  /** `table`: the table contradicts itself; `evidence`: the recomputation differs; `both`: both say the same. */
  readonly source: 'table' | 'evidence' | 'both';
  /** The unit as printed; null for the table as a whole (summaries, metadata). */
  readonly unit: string | null;
  /** The unit's id (printed, or of the matching score card). */
  readonly unitId?: string;
  /** The row in the published file. */
  readonly row?: number;
  /** The printed cell: a field's points, the total, max, index, rank, band; a summary's count or percent; metadata. */
  readonly cell: 'field' | 'total' | 'max' | 'index' | 'rank' | 'band' | 'count' | 'percent' | 'unit' | 'metadata';
  /** The field id (cell `field`), the band (summaries) or the metadata key. */
  readonly field?: string;
  /** The printed value. */
  readonly published: number | string | null;
  /** What it should be. */
  readonly expected: number | string | null;
  /** published − expected, when both are numbers. */
  readonly delta: number | null;
  /** The tolerance the comparison used. */
  readonly tolerance?: number;
  /** How that tolerance was found, when it is not half of the cell's last printed digit: a sum of parts each rounded on its own, or a declared one. */
  readonly toleranceRule?: Text;
  /** The discrepancy in English. */
  readonly message: string;
  /** The discrepancy in Vietnamese. */
  readonly messageVi: string;
  /** For differences against the recomputation: the recomputed nodes behind the cell. */
  readonly nodes?: readonly TracedNode[];
}

/**
 * Whether a check ran, and if not, why.
 *
 * @example report.checks.filter((c: CheckRun) => !c.run).map((c) => c.reason?.en)
 */
export interface CheckRun {
  /** The check's id. */
  readonly id: 'sum' | 'above-max' | 'index' | 'rank' | 'band' | 'summary' | 'recompute';
  /** The check in words. */
  readonly title: Text;
  /** Whether it ran. */
  readonly run: boolean;
  /** Why it did not run. */
  readonly reason?: Text;
  /** Discrepancies it found. */
  readonly discrepancies: number;
}

/**
 * The result of {@link verifyDecision}: data, rendered by `renderVerifyMarkdown`/`Html`/`Json`. Frozen.
 *
 * @example const r: VerifyReport = verifyDecision(decision, { set, evidence }); process.exitCode = r.ok ? 0 : 1
 */
export interface VerifyReport {
  /** True when no discrepancy was found. */
  readonly ok: boolean;
  /** The decision checked: its metadata and number of rows. */
  readonly decision: DecisionMeta & {
    /** The criteria set the decision names. */
    readonly criteria?: {
      /** The set's id. */
      readonly id: string;
      /** Its version, when named. */
      readonly version?: string;
    };
    /** Rows of the published table. */
    readonly rows: number;
  };
  /** The criteria set recomputed with, when given. */
  readonly criteria?: {
    /** The set's id. */
    readonly id: string;
    /** Its version. */
    readonly version: string;
    /** Its content hash. */
    readonly hash: string;
  };
  /** The tolerance: declared in the decision, or the rule applied per cell. */
  readonly tolerance: {
    /** The tolerance the decision declares (or `--tolerance`); null: the per-cell rule applies. */
    readonly declared: number | null;
    /** The rule applied, in words. */
    readonly rule: Text;
  };
  /** The tie rule and bands the checks applied, and where they came from. */
  readonly rules: {
    /** The ranking rule applied. */
    readonly ranking: {
      /** Competition, dense or ordinal ranking. */
      readonly method: RankMethod;
      /** Ranked on the rounded (printed) or the exact index. */
      readonly on: 'rounded' | 'exact';
      /** How ties are broken. */
      readonly tieBreak: readonly TieBreakKey[];
      /** Where the rule came from: the decision, the criteria set, or the default. */
      readonly from: 'decision' | 'criteria' | 'default';
    };
    /** Where the bands came from; null when there were none to check against. */
    readonly bands: 'decision' | 'criteria' | null;
    /** The attribute units are ranked within, if any. */
    readonly groupBy: string | null;
  };
  /** Every check, run or not. */
  readonly checks: readonly CheckRun[];
  /** Every discrepancy found. */
  readonly discrepancies: readonly Discrepancy[];
  /** Notes on how the checks were made. */
  readonly notes: readonly Text[];
}

/**
 * Options of {@link verifyDecision}.
 *
 * @example verifyDecision(decision, { set, evidence, tolerance: 0.01 } satisfies VerifyOptions)
 */
export interface VerifyOptions {
  /** The criteria set: its tie rule, bands and maxima apply; with `evidence`, `cards` or `ranking`, the table is reconciled. */
  readonly set?: CriteriaSet;
  /** Evidence to score and rank with `set` (with a trace, to name the nodes behind each difference). */
  readonly evidence?: Evidence;
  /** Score cards already computed, instead of `evidence`: ranked here under the set's rule. */
  readonly cards?: readonly ScoreCard[];
  /** Score cards already computed and ranked, instead of `evidence`: their ranks are checked as they are. */
  readonly ranking?: Ranking;
  /** An absolute tolerance replacing the default rule (half of the last printed digit of each cell). */
  readonly tolerance?: number;
  /** The tolerance of a printed total against the sum of its printed parts, replacing the bound each part's own rounding allows. */
  readonly partsTolerance?: number;
  /** Score `evidence` leniently: names the set does not declare are warnings, not errors (see `evaluate`). */
  readonly lenient?: boolean;
}
