/** Small builders for tests: a criteria set and evidence written inline, as a criteria author would. */
import { loadCriteriaSet, type CriteriaSet } from '../../src/criteria/load.js';
import { loadEvidence, type Evidence } from '../../src/evidence/load.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { ScoreCard } from '../../src/engine/types.js';
import { ParIndexError, type Issue } from '../../src/core/errors.js';

/** A criteria-set document around a tree. */
export function criteriaDoc(tree: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: 'par-index/criteria@1',
    id: 'test.set',
    version: '1',
    title: 'Bộ tiêu chí thử',
    issuer: 'UBND huyện Thử',
    decision: { number: '1/QĐ-UBND', date: '2021-01-05' },
    level: 'commune',
    years: [2021],
    measures: {
      onTime: { title: 'Hồ sơ đúng hạn', unit: 'count' },
      resolved: { title: 'Hồ sơ đã giải quyết', unit: 'count' },
      received: { title: 'Hồ sơ tiếp nhận', unit: 'count' },
      violations: { title: 'Vi phạm', unit: 'count' },
      share: { title: 'Tỷ lệ', unit: 'percent' },
    },
    surveys: { sipas: { title: 'SIPAS' } },
    tree,
    ...extra,
  };
}

/** Loads a set built by {@link criteriaDoc}. */
export function makeSet(tree: unknown[], extra: Record<string, unknown> = {}): CriteriaSet {
  return loadCriteriaSet(criteriaDoc(tree, extra));
}

/** Evidence for units given as partial unit objects. */
export function makeEvidence(units: Record<string, unknown>[], extra: Record<string, unknown> = {}): Evidence {
  return loadEvidence({
    data: {
      format: 'par-index/evidence@1',
      year: 2021,
      source: 'Báo cáo thử',
      units: units.map((u, i) => ({ id: `u${i + 1}`, name: `Xã ${i + 1}`, ...u })),
      ...extra,
    },
  });
}

/** Scores one unit against a one-leaf set and returns its card. */
export function scoreLeaf(leaf: Record<string, unknown>, unit: Record<string, unknown>, extra: Record<string, unknown> = {}): ScoreCard {
  const set = makeSet(
    [{ id: '1', title: 'Lĩnh vực 1', max: leaf['max'] ?? 10, children: [{ id: '1.1', title: 'Tiêu chí 1.1', max: 10, ...leaf }] }],
    extra,
  );
  return evaluate(set, makeEvidence([unit]))[0]!;
}

/** A node's points in a card, by id. */
export function pts(card: ScoreCard, id: string): number {
  const n = card.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}`);
  return n.points;
}

/** A node's status in a card, by id. */
export function status(card: ScoreCard, id: string): string {
  return card.nodes.find((x) => x.id === id)!.status;
}

/** The issues of the ParIndexError that `f` throws (fails the test when it throws nothing or something else). */
export function issuesOf(f: () => unknown): readonly Issue[] {
  try {
    f();
  } catch (e) {
    if (e instanceof ParIndexError) return e.issues;
    throw e;
  }
  throw new Error('expected a ParIndexError');
}
