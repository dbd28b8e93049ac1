/**
 * The results of scoring: score cards (phiếu điểm) and their trace (diễn giải).
 * @module
 */
import type { Issue } from '../core/errors.js';
import type { Text } from '../core/text.js';
import type { LegalRef } from '../core/zod-helpers.js';
import type { DecisionRef } from '../criteria/diff.js';
import type { LeafStatus, TraceStep } from '../rules/types.js';
import type { TraceInput } from './view.js';

/**
 * The format tag of score cards in JSON.
 *
 * @example `card.format === SCORECARD_FORMAT // true`
 */
export const SCORECARD_FORMAT = 'par-index/scorecard@1';

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
 */
export interface NodeScore {
  /** The node's id, as the decision numbers it ("2.3.1"). */
  readonly id: string;
  /** The node's title. */
  readonly title: string;
  /** 1 for a field, 2 for a criterion, 3 for a sub-criterion… */
  readonly depth: number;
  /** Points, as printed. */
  readonly points: number;
  /** The exact value ("n/d"), for checks and exact ranking. */
  readonly exact: string;
  /** The applicable maximum (after not-applicable nodes and shared points), as printed. */
  readonly max: number;
  /** The exact applicable maximum ("n/d"); it differs from `max` only when shared points make it non-decimal. */
  readonly exactMax: string;
  /** The maximum the decision prints for the node. */
  readonly fullMax: number;
  /** How the node came out. */
  readonly status: NodeStatus;
  /** Set on a bonus or penalty block (khối điểm thưởng / điểm trừ): how much it can add or subtract. */
  readonly block?: BlockInfo;
}

/**
 * A bonus or penalty block as a card shows it.
 *
 * @example `card.nodes.find((n) => n.block?.kind === 'penalty')?.block?.cap // 5`
 */
export interface BlockInfo {
  /** `bonus` adds to the total (điểm thưởng), `penalty` subtracts from it (điểm trừ). */
  readonly kind: 'bonus' | 'penalty';
  /** The most the block can add or subtract. */
  readonly cap: number;
  /** Whether a bonus counts inside the set's maximum (otherwise it can lift the total above it). */
  readonly withinMax: boolean;
}

/**
 * A classification level reached (xếp loại).
 *
 * @example `card.band // { id: 'xuat-sac', label: 'Xuất sắc', labelEn: 'Excellent' }`
 */
export interface BandResult {
  /** The band's id. */
  readonly id: string;
  /** The band's label (Vietnamese). */
  readonly label: string;
  /** The band's label in English. */
  readonly labelEn?: string;
}

/**
 * One unit's result (phiếu điểm của một đơn vị). Frozen.
 *
 * @example `const [card] = rank(evaluate(set, evidence), set.ranking); `${card.rankOf} ${card.unit.name} ${card.total}/${card.max}``
 */
export interface ScoreCard {
  /** The format tag, so stored cards can be read back safely. */
  readonly format: typeof SCORECARD_FORMAT;
  /** The unit scored (đơn vị). */
  readonly unit: CardUnit;
  /** The criteria set that scored it. */
  readonly criteria: CardCriteria;
  /** The evidence scored. */
  readonly evidence: CardEvidence;
  /** Total points (tổng điểm). */
  readonly total: number;
  /** The applicable maximum (tổng điểm tối đa áp dụng). */
  readonly max: number;
  /** The maximum of the whole set, before not-applicable nodes. */
  readonly fullMax: number;
  /** total ÷ max × 100, rounded as declared; null when no node applies. */
  readonly index: number | null;
  /** The band reached (xếp loại), or null when the set has no bands or no index applies. */
  readonly band: BandResult | null;
  /** Rank, once ranked by {@link rank}; null before. */
  readonly rank: number | null;
  /** "k/N", once ranked. */
  readonly rankOf: string | null;
  /** Exact values ("n/d"). */
  readonly exact: CardExact;
  /** The fields (lĩnh vực), in the decision's order. */
  readonly fields: readonly NodeScore[];
  /** Every node, in the decision's order (depth-first). */
  readonly nodes: readonly NodeScore[];
  /** Leaves scored 0 for missing evidence. */
  readonly missing: number;
  /** Problems found while scoring (missing evidence, clipped values…), never a silent change of a number. */
  readonly warnings: readonly Issue[];
  /** The explanation of every point, when evaluated with `trace: true`. */
  readonly trace?: readonly TraceNode[];
}

/**
 * The explanation of one node. A civil servant can follow it line by line back to the decision and the evidence.
 *
 * @example `card.trace?.[0]?.children.filter((t) => t.lostPoints > 0).map((t) => t.id)`
 */
export interface TraceNode {
  /** The node's id, as the decision numbers it. */
  readonly id: string;
  /** The node's title (Vietnamese). */
  readonly title: string;
  /** The node's title in English, if the set gives one. */
  readonly titleEn?: string;
  /** 1 for a field, 2 for a criterion, 3 for a sub-criterion… */
  readonly depth: number;
  /** The legal text behind the node. */
  readonly legal: readonly LegalRef[];
  /** The rule and its parameters (leaves). */
  readonly rule?: TraceRule;
  /** Every value the rule read, with its provenance. */
  readonly inputs: readonly TraceInput[];
  /** The arithmetic, step by step. */
  readonly steps: readonly TraceStep[];
  /** A leaf's points as its rule computed them, before shared points and rounding ("n/d"). */
  readonly raw?: string;
  /** Points, as printed. */
  readonly points: number;
  /** Points, exactly ("n/d"). */
  readonly exact: string;
  /** The applicable maximum, as printed. */
  readonly max: number;
  /** The applicable maximum, exactly. */
  readonly exactMax: string;
  /** The maximum the decision prints. */
  readonly fullMax: number;
  /** How the node came out. */
  readonly status: NodeStatus;
  /** Points lost (max − points) and why. */
  readonly lostPoints: number;
  /** Why points were lost, in both languages. */
  readonly lost: readonly Text[];
  /** Warnings on this node. */
  readonly warnings: readonly Text[];
  /** The child nodes, in the decision's order. */
  readonly children: readonly TraceNode[];
}

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
 */
export interface CardUnit {
  /** The unit's id. */
  readonly id: string;
  /** The unit's name. */
  readonly name: string;
  /** The unit's kind (xã, thị trấn…), if the evidence gives it. */
  readonly kind?: string;
  /** The parent unit's id, if the evidence gives it. */
  readonly parent?: string;
  /** Attributes for grouping and tie rules, when the unit has any. */
  readonly attributes?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * The criteria set a card was scored with, so a stored card names its decision and the exact set.
 *
 * @example `card.criteria.decision.number // "1234/QĐ-UBND"`
 */
export interface CardCriteria {
  /** The set's id. */
  readonly id: string;
  /** The set's version. */
  readonly version: string;
  /** The set's content hash (`sha256:…`). */
  readonly hash: string;
  /** The set's title. */
  readonly title: string;
  /** Who issued the decision. */
  readonly issuer: string;
  /** The decision's number and date. */
  readonly decision: DecisionRef;
  /** Decimals of points, as the set declares. */
  readonly precision: number;
  /** Decimals of the index, as the set declares. */
  readonly indexPrecision: number;
}

/**
 * The evidence a card was scored from.
 *
 * @example `card.evidence // { hash: 'sha256:…', year: 2021 }`
 */
export interface CardEvidence {
  /** The evidence's content hash (`sha256:…`). */
  readonly hash: string;
  /** The year assessed. */
  readonly year: number;
}

/**
 * A card's figures as exact fractions ("n/d"), for checks and exact ranking.
 *
 * @example `card.exact // { total: '3649/40', max: '100', index: '3649/40' }`
 */
export interface CardExact {
  /** Total points, exactly. */
  readonly total: string;
  /** The applicable maximum, exactly. */
  readonly max: string;
  /** The index, exactly; null when no node applies. */
  readonly index: string | null;
}

/**
 * A leaf's rule as a trace shows it.
 *
 * @example `card.trace?.[0]?.children[0]?.rule // { kind: 'rate', title: { vi: 'tỷ lệ', en: 'rate' }, params: { numerator: '…', base: '…' } }`
 */
export interface TraceRule {
  /** The rule kind, as criteria files write it. */
  readonly kind: string;
  /** The kind's name in both languages. */
  readonly title: Text;
  /** The rule's parameters as the criteria set writes them. */
  readonly params: Readonly<Record<string, unknown>>;
}
