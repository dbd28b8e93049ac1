/**
 * How the nodes of two versions of a criteria set are paired (the rule the diff and the re-scoring rely on):
 * 1. a node of `a` and a node of `b` with the same id are the same node;
 * 2. of the nodes left over, a node removed from `a` and a node added in `b` whose titles are equal (ignoring
 *    case, surrounding and repeated spaces) are the same node under a new number — but only when that title is
 *    unique among the removed and among the added nodes, so a pairing is never a guess.
 * @module
 */
import type { CriteriaNode, CriteriaSetData } from './schema.js';

/**
 * How the nodes of two sets correspond: the same id, or else the same title when it is unique on both sides.
 *
 * @example matchNodes(a, b).bToA.get('7.3.3') // '7.1.3'
 */
export interface NodeMatch {
  /** a's id → b's id, for every paired node. */
  readonly aToB: ReadonlyMap<string, string>;
  /** b's id → a's id. */
  readonly bToA: ReadonlyMap<string, string>;
}

/** A node with where it sits: parent, position among siblings, depth-first order, inside a penalty block. */
export interface Located {
  readonly node: CriteriaNode;
  readonly parent: string | null;
  readonly position: number;
  readonly order: number;
  readonly penalty: boolean;
}

/** Every node of a tree by id, with where it sits. */
export function locateNodes(tree: readonly CriteriaNode[]): Map<string, Located> {
  const out = new Map<string, Located>();
  let order = 0;
  const go = (list: readonly CriteriaNode[], parent: string | null, penalty: boolean) => {
    list.forEach((node, position) => {
      // A duplicate id is a checker error; keep the first so the diff stays defined.
      const inPenalty = penalty || node.block?.kind === 'penalty';
      if (!out.has(node.id)) out.set(node.id, { node, parent, position, order: order++, penalty: inPenalty });
      if (node.children) go(node.children, node.id, inPenalty);
    });
  };
  go(tree, null, false);
  return out;
}

/** Title as compared for pairing renumbered nodes: case-folded, spaces collapsed, NFC. */
function titleKey(t: string): string {
  return t.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
}

/**
 * Pairs the nodes of two sets: same id, or (among the rest) the same title when that title is unique on both
 * sides.
 *
 * @example
 * ```ts
 * const m = matchNodes(set2021, set2022);
 * m.aToB.get('7.1.3'); // "7.3.3" — the node moved and was renumbered
 * ```
 */
export function matchNodes(a: Pick<CriteriaSetData, 'tree'>, b: Pick<CriteriaSetData, 'tree'>): NodeMatch {
  const ia = locateNodes(a.tree);
  const ib = locateNodes(b.tree);
  const aToB = new Map<string, string>();
  const bToA = new Map<string, string>();
  for (const id of ia.keys()) {
    if (ib.has(id)) {
      aToB.set(id, id);
      bToA.set(id, id);
    }
  }
  const count = (m: Map<string, Located>, taken: Map<string, string>) => {
    const by = new Map<string, string[]>();
    for (const [id, l] of m) {
      if (taken.has(id)) continue;
      const k = titleKey(l.node.title);
      by.set(k, [...(by.get(k) ?? []), id]);
    }
    return by;
  };
  const ra = count(ia, aToB);
  const rb = count(ib, bToA);
  for (const [k, ids] of ra) {
    const other = rb.get(k);
    if (ids.length === 1 && other?.length === 1) {
      aToB.set(ids[0]!, other[0]!);
      bToA.set(other[0]!, ids[0]!);
    }
  }
  return { aToB, bToA };
}
