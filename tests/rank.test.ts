/** Ranking under the declared tie rules. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/engine/evaluate.js';
import { rank } from '../src/ranking/rank.js';
import { makeEvidence, makeSet } from './support.js';

const set = makeSet([
  { id: '1', title: 'F1', max: 10, children: [{ id: '1.1', title: 'a', max: 10, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'zero' } }] },
  { id: '2', title: 'F2', max: 10, children: [{ id: '2.1', title: 'b', max: 10, rule: { kind: 'rate', numerator: 'received', base: 'resolved', whenBaseZero: 'zero' } }] },
]);
// Indices: A 80, B 70, C 70 (C stronger in field 2), D 50.
const units = [
  { id: 'a', name: 'Xã An', measures: { onTime: 8, received: 8, resolved: 10 } },
  { id: 'b', name: 'Xã Bình', measures: { onTime: 8, received: 6, resolved: 10 } },
  { id: 'c', name: 'Xã Cường', measures: { onTime: 6, received: 8, resolved: 10 } },
  { id: 'd', name: 'Xã Dũng', measures: { onTime: 5, received: 5, resolved: 10 }, kind: 'thi-tran' },
];
const cards = evaluate(set, makeEvidence(units));
const ranks = (cs: ReturnType<typeof rank>) => Object.fromEntries(cs.map((c) => [c.unit.id, c.rank]));

describe('rank', () => {
  it('competition ranking: 1, 2, 2, 4', () => {
    const r = rank(cards);
    expect(ranks(r)).toEqual({ a: 1, b: 2, c: 2, d: 4 });
    expect(r.map((c) => c.rankOf)).toEqual(['1/4', '2/4', '2/4', '4/4']);
  });
  it('dense ranking: 1, 2, 2, 3', () => {
    expect(ranks(rank(cards, { method: 'dense' }))).toEqual({ a: 1, b: 2, c: 2, d: 3 });
  });
  it('a tie-break on a field separates the tie', () => {
    expect(ranks(rank(cards, { tieBreak: [{ by: 'node', id: '2' }] }))).toEqual({ a: 1, c: 2, b: 3, d: 4 });
  });
  it('ordinal ranking gives every unit its own rank, deterministically', () => {
    const r = rank(cards, { method: 'ordinal' });
    expect(new Set(r.map((c) => c.rank)).size).toBe(4);
    expect(ranks(rank([...cards].reverse(), { method: 'ordinal' }))).toEqual(ranks(r));
  });
  it('is invariant under the input order', () => {
    expect(ranks(rank([...cards].reverse()))).toEqual(ranks(rank(cards)));
  });
  it('ranks within groups', () => {
    const r = rank(cards, {}, { groupBy: 'kind' });
    expect(r.find((c) => c.unit.id === 'd')!.rankOf).toBe('1/1');
    expect(r.find((c) => c.unit.id === 'a')!.rankOf).toBe('1/3');
  });
  it('does not change the cards it is given', () => {
    rank(cards);
    expect(cards.every((c) => c.rank === null)).toBe(true);
  });
});
