/**
 * Helpers shared by the amendment, diff and re-scoring tests: generated single changes with the expected diff
 * entries, and a plain reader of generated criteria data.
 */
import fc from 'fast-check';
import type { CriteriaSet } from '../../src/criteria/load.js';
import type { CriteriaNode } from '../../src/criteria/schema.js';

/** Where a node sits in a loaded set. */
export interface Loc {
  readonly node: CriteriaNode;
  readonly parent: CriteriaNode | undefined;
  readonly ancestors: readonly CriteriaNode[];
  readonly siblings: readonly CriteriaNode[];
  readonly index: number;
}

/** Every node of a set with its parent chain, depth-first. */
export function locate(set: CriteriaSet): Loc[] {
  const out: Loc[] = [];
  const go = (list: readonly CriteriaNode[], chain: CriteriaNode[]) => {
    list.forEach((node, index) => {
      out.push({ node, parent: chain[chain.length - 1], ancestors: [...chain].reverse(), siblings: list, index });
      if (node.children) go(node.children, [...chain, node]);
    });
  };
  go(set.tree, []);
  return out;
}

const cents = (x: number | undefined) => Math.round((x ?? 0) * 100);
const isLeaf = (n: CriteriaNode) => !n.children || n.children.length === 0;

/** Node ids named in some rule's shareWith: removing or moving them would break their sibling's rule. */
function shareTargets(set: CriteriaSet): Set<string> {
  const out = new Set<string>();
  for (const l of locate(set)) for (const id of (l.node.rule as { shareWith?: string[] } | undefined)?.shareWith ?? []) out.add(id);
  return out;
}

/** A generated single change: the changes to write and the node entries (`kind:id`) the diff must list. */
export interface SingleChange {
  readonly kind: 'points' | 'add' | 'remove' | 'move' | 'rule';
  readonly changes: Record<string, unknown>[];
  readonly expected: ReadonlySet<string>;
  /** For a move within the same parent by one place, the diff may name the neighbour instead. */
  readonly swapWith?: string;
}

/** Points changes along a chain of ancestors, one per ancestor whose max changes by `delta` cents. */
function chain(ancestors: readonly CriteriaNode[], delta: number): Record<string, unknown>[] {
  if (delta === 0) return [];
  return ancestors.map((a) => ({ op: 'points', id: a.id, max: (cents(a.max) + delta) / 100 }));
}

/**
 * Builds one valid single change of the given kind on a loaded set, from random choices; undefined when the
 * set offers no place for it (the property then skips the run).
 */
export function singleChange(
  set: CriteriaSet,
  kind: SingleChange['kind'],
  pick: number,
  pick2: number,
  amount: number,
): SingleChange | undefined {
  const all = locate(set);
  const leaves = all.filter((l) => isLeaf(l.node) && !l.node.block);
  const shared = shareTargets(set);
  const at = <T>(xs: readonly T[], k: number): T | undefined => (xs.length ? xs[k % xs.length] : undefined);
  switch (kind) {
    case 'points': {
      // Rate, appraisal and survey rules hold for any max; other kinds tie parameters to it (bands rows, late points).
      const l = at(
        leaves.filter((x) => ['rate', 'appraisal', 'survey'].includes(x.node.rule!.kind)),
        pick,
      );
      if (!l) return undefined;
      const next = cents(l.node.max) + 1 + (amount % 500);
      const delta = next - cents(l.node.max);
      return {
        kind,
        changes: [{ op: 'points', id: l.node.id, max: next / 100 }, ...chain(l.ancestors, delta)],
        expected: new Set([`points:${l.node.id}`, ...l.ancestors.map((a) => `points:${a.id}`)]),
      };
    }
    case 'add': {
      const parents = [undefined, ...all.filter((l) => !isLeaf(l.node))];
      const p = parents[pick % parents.length];
      const siblings = p ? p.node.children! : set.tree;
      const id = p ? `${p.node.id}.${siblings.length + 1}` : `${siblings.length + 1}`;
      const max = amount % 400;
      const ancestors = p ? [p.node, ...p.ancestors] : [];
      return {
        kind,
        changes: [
          {
            op: 'add',
            ...(p ? { parent: p.node.id } : {}),
            position: pick2 % (siblings.length + 1),
            node: { id, title: `Tiêu chí mới ${id}`, max: max / 100, rule: { kind: 'appraisal' } },
          },
          ...chain(ancestors, max),
        ],
        expected: new Set([`added:${id}`, ...(max ? ancestors.map((a) => `points:${a.id}`) : [])]),
      };
    }
    case 'remove': {
      const l = at(
        leaves.filter((x) => x.siblings.length >= 2 && !shared.has(x.node.id)),
        pick,
      );
      if (!l) return undefined;
      const m = cents(l.node.max);
      return {
        kind,
        changes: [{ op: 'remove', id: l.node.id }, ...chain(l.ancestors, -m)],
        expected: new Set([`removed:${l.node.id}`, ...(m ? l.ancestors.map((a) => `points:${a.id}`) : [])]),
      };
    }
    case 'move': {
      const movable = leaves.filter(
        (x) => x.siblings.length >= 2 && !shared.has(x.node.id) && (x.node.rule as { whenBaseZero?: string }).whenBaseZero !== 'share',
      );
      const l = at(movable, pick);
      if (!l) return undefined;
      const targets = [undefined, ...all.filter((x) => !isLeaf(x.node) && x.node.id !== l.node.id)];
      const t = targets[pick2 % targets.length];
      const tChildren = t ? t.node.children! : set.tree;
      const sameParent = (t?.node.id ?? null) === (l.parent?.id ?? null);
      const room = sameParent ? tChildren.length - 1 : tChildren.length;
      const position = amount % (room + 1);
      if (sameParent && position === l.index) return undefined;
      const m = cents(l.node.max);
      const net = new Map<string, { node: CriteriaNode; delta: number }>();
      for (const a of l.ancestors) net.set(a.id, { node: a, delta: (net.get(a.id)?.delta ?? 0) - m });
      for (const a of t ? [t.node, ...t.ancestors] : []) net.set(a.id, { node: a, delta: (net.get(a.id)?.delta ?? 0) + m });
      const pts = [...net.values()].filter((x) => x.delta !== 0);
      const changes = [
        { op: 'move', id: l.node.id, parent: t ? t.node.id : null, position },
        ...pts.map((x) => ({ op: 'points', id: x.node.id, max: (cents(x.node.max) + x.delta) / 100 })),
      ];
      const swap = sameParent && Math.abs(position - l.index) === 1 ? l.siblings[position]?.id : undefined;
      return {
        kind,
        changes,
        expected: new Set([`moved:${l.node.id}`, ...pts.map((x) => `points:${x.node.id}`)]),
        ...(swap ? { swapWith: swap } : {}),
      };
    }
    case 'rule': {
      const l = at(leaves, pick);
      if (!l) return undefined;
      const r = l.node.rule as { kind: string; useSelfScore?: boolean };
      const rule = r.kind === 'appraisal' ? { kind: 'appraisal', useSelfScore: !r.useSelfScore } : { kind: 'appraisal' };
      return { kind, changes: [{ op: 'rule', id: l.node.id, rule }], expected: new Set([`rule:${l.node.id}`]) };
    }
  }
}

/** A random single-change plan: which kind, and three numbers the builder picks with. */
export const changePlanArb = fc.record({
  kind: fc.constantFrom<SingleChange['kind']>('points', 'add', 'remove', 'move', 'rule'),
  pick: fc.nat(1000),
  pick2: fc.nat(1000),
  amount: fc.nat(10_000),
});

/** A changes document around a list of changes, amending generated set `set`. */
export function changesDoc(set: CriteriaSet, changes: Record<string, unknown>[], version = '2'): Record<string, unknown> {
  return {
    format: 'par-index/criteria-changes@1',
    base: { id: set.id, version: set.version },
    version,
    decision: { number: '2/QĐ-TEST', date: '2021-06-01' },
    changes,
  };
}
