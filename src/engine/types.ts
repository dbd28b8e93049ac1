/**
 * The results of scoring: score cards (phiếu điểm) and their trace (diễn giải).
 * @module
 */
import type { z } from 'zod';
import type { Issue } from '../core/errors.js';
import type { RoundingMode } from '../core/exact.js';
import type { LeafStatus } from '../rules/types.js';
import type {
  BandResultSchema,
  BlockInfoSchema,
  CardCriteriaSchema,
  CardEvidenceSchema,
  CardExactSchema,
  CardUnitSchema,
  NodeScoreSchema,
  ScoreCardSchema,
} from './card-schema.js';
import type { TraceRuleSchema } from './trace-schema.js';
export type { TraceNode } from './trace-schema.js';

/**
 * How a node came out: a leaf's {@link LeafStatus}, or for a parent, scored unless every child is not applicable.
 *
 * @example `card.nodes.filter((n) => n.status === 'missing').map((n) => n.id)`
 */
export type NodeStatus = LeafStatus;

/**
 * A node's score in a card. Points are rounded as the criteria set declares; `exact` is the exact value.
 *
 * @example `card.fields.map((f) => `${f.id}: ${f.points}/${f.max}`)`
 * @interface
 */
export type NodeScore = z.output<typeof NodeScoreSchema>;

/**
 * A bonus or penalty block as a card shows it.
 *
 * @example `card.nodes.find((n) => n.block?.kind === 'penalty')?.block?.cap // 5`
 * @interface
 */
export type BlockInfo = z.output<typeof BlockInfoSchema>;

/**
 * A classification level reached (xếp loại).
 *
 * @example `card.band // { id: 'xuat-sac', label: 'Xuất sắc', labelEn: 'Excellent' }`
 * @interface
 */
export type BandResult = z.output<typeof BandResultSchema>;

/**
 * One unit's result (phiếu điểm của một đơn vị). Frozen. Its place in a ranking is not part of it: `rank()`
 * returns a `Ranking` whose rows hold the card and its rank. Its JSON form is {@link ScoreCardSchema}'s, but for one
 * field that differs in memory: its warnings carry this library's issue codes (a file may hold another version's).
 *
 * @example `const [card] = evaluate(set, evidence); `${card.unit.name} ${card.total}/${card.max}``
 * @interface
 */
export type ScoreCard = Omit<z.output<typeof ScoreCardSchema>, 'warnings'> & {
  /** Problems found while scoring (missing evidence, clipped values…), never a silent change of a number. */
  readonly warnings: readonly Issue[];
};

/**
 * Options of {@link evaluate}.
 *
 * @example `evaluate(set, evidence, { trace: false, units: [{ id: 'nhu-quynh', name: 'Như Quỳnh' }] })`
 */
export interface EvaluateOptions {
  /** Build the trace (default true). The numbers are the same either way. */
  readonly trace?: boolean;
  /**
   * The units that must be scored (the district's roster). A unit in the evidence but not in the roster is an
   * error; a roster unit without evidence gets a card whose every leaf shows "missing evidence".
   */
  readonly units?: readonly UnitRef[];
  /**
   * Score with this rounding instead of the set's (what-if analyses, rank uncertainty): the cards are those of
   * the set with its `rounding` so changed, hash included. Invalid values are refused (`eval.invalid-option`).
   */
  readonly rounding?: RoundingOverride;
  /**
   * Score as if the set also covered this year (counterfactual re-scoring): evidence of that year is not refused
   * as `evidence.year-mismatch`. The cards name the set with the year added to its `years`.
   */
  readonly year?: number;
  /**
   * Score even when the evidence names what the set does not know (a measure, survey index, task or node it
   * does not declare, a unit not in the roster): those are then warnings on the cards instead of errors. Off by
   * default: a mistyped name must not score as missing evidence without stopping the run.
   */
  readonly lenient?: boolean;
}

/**
 * A change of a criteria set's rounding for one {@link evaluate} call; what it leaves out stays as the set
 * declares it.
 *
 * @example `evaluate(set, evidence, { rounding: { precision: 1, mode: 'down', stage: 'criterion' } satisfies RoundingOverride })`
 */
export interface RoundingOverride {
  /** Decimals of points (0–6). */
  readonly precision?: number;
  /** How points are rounded. */
  readonly mode?: RoundingMode;
  /** Where points are rounded: at every leaf, at each criterion or at each field. */
  readonly stage?: 'leaf' | 'criterion' | 'field';
  /** Decimals of the index (0–6). */
  readonly indexPrecision?: number;
  /** How the index is rounded. */
  readonly indexMode?: RoundingMode;
}

/**
 * A unit named in a roster: its id and name.
 *
 * @example `evaluate(set, evidence, { units: [{ id: 'nhu-quynh', name: 'Xã Như Quỳnh' } satisfies UnitRef] })`
 */
export interface UnitRef {
  /** The unit's id, as the evidence names it. */
  readonly id: string;
  /** The unit's name, as printed. */
  readonly name: string;
}

/**
 * The unit a card scores.
 *
 * @example `card.unit // { id: 'nhu-quynh', name: 'Xã Như Quỳnh', kind: 'xã' }`
 * @interface
 */
export type CardUnit = z.output<typeof CardUnitSchema>;

/**
 * The criteria set a card was scored with, so a stored card names its decision and the exact set.
 *
 * @example `card.criteria.decision.number // "1234/QĐ-UBND"`
 * @interface
 */
export type CardCriteria = z.output<typeof CardCriteriaSchema>;

/**
 * The evidence a card was scored from.
 *
 * @example `card.evidence // { hash: 'sha256:…', year: 2021 }`
 * @interface
 */
export type CardEvidence = z.output<typeof CardEvidenceSchema>;

/**
 * A card's figures as exact fractions ("n/d"), for checks and exact ranking.
 *
 * @example `card.exact // { total: '3649/40', max: '100', index: '3649/40' }`
 * @interface
 */
export type CardExact = z.output<typeof CardExactSchema>;

/**
 * A leaf's rule as a trace shows it.
 *
 * @example `card.trace?.[0]?.children[0]?.rule // { kind: 'rate', title: { vi: 'tỷ lệ', en: 'rate' }, params: { numerator: '…', base: '…' } }`
 * @interface
 */
export type TraceRule = z.output<typeof TraceRuleSchema>;
