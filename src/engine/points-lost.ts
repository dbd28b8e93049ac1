/**
 * The warnings that cost points (cảnh báo làm mất điểm): a warning attached to a node that scored below its
 * applicable maximum — missing evidence scored 0, an unreadable value… — with the points the node lacks.
 * @module
 */
import { Exact } from '../core/exact.js';
import type { Issue } from '../core/errors.js';
import type { ScoreCard } from './types.js';

/**
 * One warning that cost points, with the points: (max − points) of the node it concerns, exactly.
 *
 * @example `{ unit: 'tan-quang', node: '5.2', points: 2, exact: '2', code: 'evidence.missing', message: 'node 5.2: missing evidence …', messageVi: '…' }`
 */
export interface PointsLost {
  /** The unit scored. */
  readonly unit: string;
  /** The node the warning concerns. */
  readonly node: string;
  /** The points the node lacks, as a number. */
  readonly points: number;
  /** The same, exactly ("n/d" or a whole number). */
  readonly exact: string;
  /** The warning's code. */
  readonly code: Issue['code'];
  /** The warning, in English. */
  readonly message: string;
  /** The warning, in Vietnamese. */
  readonly messageVi: string;
}

/**
 * The warnings of a card that cost points, in the card's order. A warning counts when it names a node that
 * scored below its applicable maximum; nodes inside a penalty block score the size of a penalty, so a warning
 * there never costs points (a penalty not counted only lowers it).
 *
 * @example `pointsLost(card).map((l) => `${l.node} −${l.exact}`) // ['5.2 −2']`
 */
export function pointsLost(card: ScoreCard): readonly PointsLost[] {
  const named = card.warnings.filter((w) => w.node !== undefined);
  if (named.length === 0) return [];
  // The nodes come depth-first: a stack of the open ancestors tells whether a node is inside a penalty block.
  const lack = new Map<string, Exact>();
  const open: { depth: number; penalty: boolean }[] = [];
  for (const n of card.nodes) {
    while (open.length > 0 && open[open.length - 1]!.depth >= n.depth) open.pop();
    const inPenalty = open.some((o) => o.penalty) || n.block?.kind === 'penalty';
    open.push({ depth: n.depth, penalty: inPenalty });
    if (inPenalty) continue;
    const gap = Exact.fromRatio(n.exactMax)!.sub(Exact.fromRatio(n.exact)!);
    if (gap.sign() > 0) lack.set(n.id, gap);
  }
  const out: PointsLost[] = [];
  for (const w of named) {
    const gap = lack.get(w.node!);
    if (!gap) continue;
    out.push(
      Object.freeze({
        unit: card.unit.id,
        node: w.node!,
        points: gap.toNumber(),
        exact: gap.toRatio(),
        code: w.code,
        message: w.message,
        messageVi: w.messageVi,
      }),
    );
  }
  return Object.freeze(out);
}
