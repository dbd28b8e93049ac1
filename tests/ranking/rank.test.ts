/** Ranking under the declared tie rules: a Ranking whose rows hold the very cards, never copies. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import type { ScoreCard } from '../../src/engine/types.js';
import { cardsOf, rank, type Ranking } from '../../src/ranking/rank.js';
import { makeEvidence, makeSet } from '../support/support.js';

const set = makeSet([
  {
    id: '1',
    title: 'F1',
    max: 10,
    children: [{ id: '1.1', title: 'a', max: 10, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'zero' } }],
  },
  {
    id: '2',
    title: 'F2',
    max: 10,
    children: [{ id: '2.1', title: 'b', max: 10, rule: { kind: 'rate', numerator: 'received', base: 'resolved', whenBaseZero: 'zero' } }],
  },
]);
// Indices: A 80, B 70, C 70 (C stronger in field 2), D 50.
const units = [
  { id: 'a', name: 'Xã An', measures: { onTime: 8, received: 8, resolved: 10 } },
  { id: 'b', name: 'Xã Bình', measures: { onTime: 8, received: 6, resolved: 10 } },
  { id: 'c', name: 'Xã Cường', measures: { onTime: 6, received: 8, resolved: 10 } },
  { id: 'd', name: 'Xã Dũng', measures: { onTime: 5, received: 5, resolved: 10 }, kind: 'thi-tran' },
];
const cards = evaluate(set, makeEvidence(units));
const ranks = (r: Ranking) => Object.fromEntries(r.rows.map((x) => [x.card.unit.id, x.rank]));

/** Stand-ins for cards whose lazy `nodes` and `trace` count how often they are built. */
function counted(cs: readonly ScoreCard[]): { cards: ScoreCard[]; reads: { nodes: number; trace: number } } {
  const reads = { nodes: 0, trace: 0 };
  const out = cs.map((c) => {
    const d = Object.getOwnPropertyDescriptors(c);
    const nodes = d['nodes'].get!;
    const trace = d['trace']!.get!;
    return Object.freeze(
      Object.defineProperties(
        {},
        {
          ...d,
          nodes: { enumerable: true, get: () => (reads.nodes++, nodes.call(c)) },
          trace: { enumerable: true, get: () => (reads.trace++, trace.call(c)) },
        },
      ),
    ) as ScoreCard;
  });
  return { cards: out, reads };
}

describe('rank', () => {
  it('competition ranking: 1, 2, 2, 4', () => {
    const r = rank(cards);
    expect(ranks(r)).toEqual({ a: 1, b: 2, c: 2, d: 4 });
    expect(r.rows.map((x) => x.rankOf)).toEqual(['1/4', '2/4', '2/4', '4/4']);
  });
  it('dense ranking: 1, 2, 2, 3', () => {
    expect(ranks(rank(cards, { method: 'dense' }))).toEqual({ a: 1, b: 2, c: 2, d: 3 });
  });
  it('a tie-break on a field separates the tie', () => {
    expect(ranks(rank(cards, { tieBreak: [{ by: 'node', id: '2' }] }))).toEqual({ a: 1, c: 2, b: 3, d: 4 });
  });
  it('ordinal ranking gives every unit its own rank, deterministically', () => {
    const r = rank(cards, { method: 'ordinal' });
    expect(new Set(r.rows.map((x) => x.rank)).size).toBe(4);
    expect(ranks(rank([...cards].reverse(), { method: 'ordinal' }))).toEqual(ranks(r));
  });
  it('is invariant under the input order', () => {
    expect(ranks(rank([...cards].reverse()))).toEqual(ranks(rank(cards)));
  });
  it('ranks within groups, and says which group each row is in', () => {
    const r = rank(cards, {}, { groupBy: 'kind' });
    expect(r.rows.find((x) => x.card.unit.id === 'd')).toMatchObject({ rankOf: '1/1', group: 'thi-tran' });
    expect(r.rows.find((x) => x.card.unit.id === 'a')).toMatchObject({ rankOf: '1/3', group: '' });
    expect(rank(cards).rows.every((x) => x.group === null)).toBe(true);
  });
  it('keeps the rule it ranked under, and is frozen', () => {
    const rule = { method: 'dense' as const };
    const r = rank(cards, rule);
    expect(r.rule).toBe(rule);
    expect(Object.isFrozen(r) && Object.isFrozen(r.rows) && r.rows.every((x) => Object.isFrozen(x))).toBe(true);
  });
  it('returns the very cards it is given, in rank order, and does not change them', () => {
    const r = rank([...cards].reverse());
    for (const x of r.rows) expect(x.card).toBe(cards.find((c) => c.unit.id === x.card.unit.id));
    expect(cardsOf(r).map((c) => c.unit.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(cards.every((c) => !('rank' in c) && !('rankOf' in c) && Object.isFrozen(c))).toBe(true);
  });
  it('builds nothing a card builds lazily: no trace, and nodes only to break a tie by a node', () => {
    const plain = counted(cards);
    const r = rank(plain.cards, { method: 'dense', on: 'exact', tieBreak: [{ by: 'name' }] });
    // Compared by hand: an assertion on the cards themselves would read every property.
    expect(r.rows.every((x) => plain.cards.includes(x.card))).toBe(true);
    expect(plain.reads).toEqual({ nodes: 0, trace: 0 });
    // Reading a rank does not build them either.
    expect(r.rows.map((x) => x.rankOf)).toEqual(['1/4', '2/4', '3/4', '4/4']);
    expect(plain.reads).toEqual({ nodes: 0, trace: 0 });
    const byNode = counted(cards);
    rank(byNode.cards, { tieBreak: [{ by: 'node', id: '2' }] });
    expect(byNode.reads.trace).toBe(0);
    expect(byNode.reads.nodes).toBeGreaterThan(0);
  });
});
