/**
 * The results of scoring: score cards (phiếu điểm) and their trace (diễn giải).
 * @module
 */
import type { Issue } from '../core/errors.js';
import type { Text } from '../core/text.js';
import type { LegalRef } from '../core/zod-helpers.js';
import type { LeafStatus, TraceStep } from '../rules/types.js';
import type { TraceInput } from './view.js';

/** The format tag of score cards in JSON. */
export const SCORECARD_FORMAT = 'par-index/scorecard@1';

/** How a node came out: a leaf's {@link LeafStatus}, or for a parent, scored unless every child is not applicable. */
export type NodeStatus = LeafStatus;

/** A node's score in a card. Points are rounded as the criteria set declares; `exact` is the exact value. */
export interface NodeScore {
  readonly id: string;
  readonly title: string;
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
  readonly status: NodeStatus;
  /** Set on a bonus or penalty block (khối điểm thưởng / điểm trừ): how much it can add or subtract. */
  readonly block?: { readonly kind: 'bonus' | 'penalty'; readonly cap: number; readonly withinMax: boolean };
}

/** A classification level reached (xếp loại). */
export interface BandResult {
  readonly id: string;
  readonly label: string;
  readonly labelEn?: string;
}

/** One unit's result (phiếu điểm của một đơn vị). Frozen. */
export interface ScoreCard {
  readonly format: typeof SCORECARD_FORMAT;
  readonly unit: { readonly id: string; readonly name: string; readonly kind?: string; readonly parent?: string; readonly attributes?: Readonly<Record<string, string | number | boolean>> };
  readonly criteria: { readonly id: string; readonly version: string; readonly hash: string; readonly title: string; readonly issuer: string; readonly decision: { readonly number: string; readonly date: string }; readonly precision: number; readonly indexPrecision: number };
  readonly evidence: { readonly hash: string; readonly year: number };
  /** Total points (tổng điểm). */
  readonly total: number;
  /** The applicable maximum (tổng điểm tối đa áp dụng). */
  readonly max: number;
  /** The maximum of the whole set, before not-applicable nodes. */
  readonly fullMax: number;
  /** total ÷ max × 100, rounded as declared; null when no node applies. */
  readonly index: number | null;
  readonly band: BandResult | null;
  /** Rank, once ranked by {@link rank}; null before. */
  readonly rank: number | null;
  /** "k/N", once ranked. */
  readonly rankOf: string | null;
  /** Exact values ("n/d"). */
  readonly exact: { readonly total: string; readonly max: string; readonly index: string | null };
  /** The fields (lĩnh vực), in the decision's order. */
  readonly fields: readonly NodeScore[];
  /** Every node, in the decision's order (depth-first). */
  readonly nodes: readonly NodeScore[];
  /** Leaves scored 0 for missing evidence. */
  readonly missing: number;
  readonly warnings: readonly Issue[];
  /** The explanation of every point, when evaluated with `trace: true`. */
  readonly trace?: readonly TraceNode[];
}

/** The explanation of one node. A civil servant can follow it line by line back to the decision and the evidence. */
export interface TraceNode {
  readonly id: string;
  readonly title: string;
  readonly titleEn?: string;
  readonly depth: number;
  /** The legal text behind the node. */
  readonly legal: readonly LegalRef[];
  /** The rule and its parameters (leaves). */
  readonly rule?: { readonly kind: string; readonly title: Text; readonly params: Readonly<Record<string, unknown>> };
  /** Every value the rule read, with its provenance. */
  readonly inputs: readonly TraceInput[];
  /** The arithmetic, step by step. */
  readonly steps: readonly TraceStep[];
  /** A leaf's points as its rule computed them, before shared points and rounding ("n/d"). */
  readonly raw?: string;
  readonly points: number;
  readonly exact: string;
  readonly max: number;
  readonly exactMax: string;
  readonly fullMax: number;
  readonly status: NodeStatus;
  /** Points lost (max − points) and why. */
  readonly lostPoints: number;
  readonly lost: readonly Text[];
  readonly warnings: readonly Text[];
  readonly children: readonly TraceNode[];
}

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** Build the trace (default true). The numbers are the same either way. */
  readonly trace?: boolean;
  /**
   * The units that must be scored (the district's roster). A unit in the evidence but not in the roster is an
   * error; a roster unit without evidence gets a card whose every leaf shows "missing evidence".
   */
  readonly units?: readonly { readonly id: string; readonly name: string }[];
}
