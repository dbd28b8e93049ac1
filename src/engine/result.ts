/**
 * How a unit's results are kept once it is scored. A card lives as long as its caller keeps it, so what it
 * holds decides the memory and the garbage-collection cost of scoring many units: points are kept as whole
 * numbers of 10^-precision in one typed array per run (no object per node), and only values that are not such
 * multiples (exact shares such as 2/3 below the rounding stage) are kept as {@link Exact} beside them.
 * @module
 */
import { Exact } from '../core/exact.js';
import type { Text } from '../core/text.js';
import type { LeafOutcome, LeafStatus } from '../rules/types.js';
import type { Plan } from './plan.js';

/** A share of a "no case arose" node's maximum received by a sibling, kept for the trace. */
export interface ShareNote {
  readonly from: string;
  readonly add: Exact;
  readonly oldMax: Exact;
  readonly before: Exact;
  readonly after: Exact;
  /** How the points came: a sibling's "no case arose" share (absent), or a node that does not apply, redistributed. */
  readonly redistributed?: 'even' | 'proportional';
}

/** Less common facts about one node, kept only when tracing; the trace's text is written from them on demand. */
export interface Facts {
  na?: { readonly reason: string; readonly source: string };
  roundedDown?: boolean;
  blockSum?: Exact;
  shares?: ShareNote[];
  shareFailed?: boolean;
  /** The `applies` condition that did not hold (the node, or an ancestor, does not apply), as the trace words it. */
  applies?: Text;
  /** A node that does not apply whose points went to other nodes: how, and to which. */
  redistributed?: { readonly mode: 'even' | 'proportional'; readonly to: readonly string[] };
}

/**
 * One unit's results, read by node position (the plan's `idx`; the root is at `plan.all.length`). The traced
 * fields are present only on a walk run with recording on.
 */
export interface UnitResult {
  /** The node's points (after sharing and, at or above the rounding stage, rounding). */
  pt(i: number): Exact;
  /** The node's applicable maximum; the plan node's own `max` object when unchanged. */
  max(i: number): Exact;
  status(i: number): LeafStatus;
  /** Per node, only when tracing: the leaf's outcome (its points before sharing and rounding, its explanation). */
  readonly outcomes?: readonly (LeafOutcome | undefined)[] | undefined;
  /** Per leaf, only when tracing: what the rule read, flat (kind, id, record)… as the recorder kept it. */
  readonly reads?: readonly (unknown[] | undefined)[] | undefined;
  /** Per node, only when tracing: the value before rounding, where rounding changed it. */
  readonly unrounded?: readonly (Exact | undefined)[] | undefined;
  /** Per node, only when tracing: shares, caps, not-applicable reasons. */
  readonly facts?: readonly (Facts | undefined)[] | undefined;
}

const STATUSES: readonly LeafStatus[] = ['scored', 'not-applicable', 'missing', 'shared'];
const STATUS_CODE: Readonly<Record<LeafStatus, number>> = { scored: 0, 'not-applicable': 1, missing: 2, shared: 3 };

/**
 * The results of every unit of one `evaluate()` call, packed: for unit `u` and node `i`, slot `u × width + i`
 * holds the points (and, in a second array, the maximum) × 10^precision when that is a safe integer, else NaN
 * with the exact value in a side map. The arrays are filled as units are scored.
 */
export class ResultStore {
  readonly width: number;
  private readonly pts: Float64Array;
  private readonly mxs: Float64Array;
  private readonly sts: Uint8Array;
  private readonly scale: number;
  private xp: Map<number, Exact> | undefined;
  private xm: Map<number, Exact> | undefined;

  constructor(
    readonly plan: Plan,
    units: number,
  ) {
    this.width = plan.all.length + 1;
    this.pts = new Float64Array(units * this.width);
    this.mxs = new Float64Array(units * this.width);
    this.sts = new Uint8Array(units * this.width);
    this.scale = 10 ** plan.precision;
  }

  /** Copies one unit's walk into slot `unit`, and returns the unit's view of it. */
  put(unit: number, pts: readonly Exact[], mxs: readonly Exact[], sts: readonly LeafStatus[]): UnitResult {
    const p = this.plan.precision;
    const at = unit * this.width;
    for (let i = 0; i < this.width; i++) {
      const k = at + i;
      const x = pts[i]!;
      const s = x.scaled(p);
      if (s === undefined) (this.xp ??= new Map()).set(k, x);
      this.pts[k] = s ?? Number.NaN;
      const m = mxs[i]!;
      const ms = m.scaled(p);
      if (ms === undefined) (this.xm ??= new Map()).set(k, m);
      this.mxs[k] = ms ?? Number.NaN;
      this.sts[k] = STATUS_CODE[sts[i]!];
    }
    return new PackedUnit(this, at);
  }

  /** @internal */
  pointAt(k: number): Exact {
    const v = this.pts[k]!;
    if (v !== v) return this.xp!.get(k)!;
    return v === 0 ? Exact.ZERO : Exact.ratio(v, this.scale);
  }

  /** @internal */
  maxAt(k: number, i: number): Exact {
    const v = this.mxs[k]!;
    if (v !== v) return this.xm!.get(k)!;
    const n = this.plan.all[i];
    if (n && v === n.maxScaled) return n.max;
    return v === 0 ? Exact.ZERO : Exact.ratio(v, this.scale);
  }

  /** @internal */
  statusAt(k: number): LeafStatus {
    return STATUSES[this.sts[k]!]!;
  }
}

/** One unit's slice of a {@link ResultStore}. */
class PackedUnit implements UnitResult {
  constructor(
    private readonly store: ResultStore,
    private readonly at: number,
  ) {}
  pt(i: number): Exact {
    return this.store.pointAt(this.at + i);
  }
  max(i: number): Exact {
    return this.store.maxAt(this.at + i, i);
  }
  status(i: number): LeafStatus {
    return this.store.statusAt(this.at + i);
  }
}
