/**
 * Tie rules checked by result (issue 27): units whose name order and id order differ, so a tie broken by name
 * cannot pass by falling back to id; node tie-breaks in both directions; every method; groups; no index.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { rank, type Ranking, type RankRule } from '../../src/ranking/rank.js';
import { makeEvidence, makeSet } from '../support/support.js';

const leaf = (id: string, numerator: string) => ({
  id,
  title: id,
  max: 10,
  rule: { kind: 'rate', numerator, base: 'resolved', whenBaseZero: 'not-applicable' },
});
const set = makeSet([
  { id: '1', title: 'F1', max: 10, children: [leaf('1.1', 'onTime')] },
  { id: '2', title: 'F2', max: 10, children: [leaf('2.1', 'received')] },
]);
// Index = (onTime + received) ÷ 20 × 100. Three units tie at 70; by id u1 < u2 < u3, by name An (u2) < Bình (u3)
// < Cường (u1); by field 2 (received) u1 8 > u3 7 > u2 6. u5 has no case at all, hence no index.
const units = [
  { id: 'u0', name: 'Xã Dũng', measures: { onTime: 8, received: 8, resolved: 10 } },
  { id: 'u1', name: 'Xã Cường', measures: { onTime: 6, received: 8, resolved: 10 } },
  { id: 'u2', name: 'Xã An', measures: { onTime: 8, received: 6, resolved: 10 } },
  { id: 'u3', name: 'Xã Bình', measures: { onTime: 7, received: 7, resolved: 10 } },
  { id: 'u4', name: 'Xã Đông', kind: 'thi-tran', measures: { onTime: 5, received: 5, resolved: 10 } },
  { id: 'u5', name: 'Xã Giang', measures: { onTime: 0, received: 0, resolved: 0 } },
];
const cards = evaluate(set, makeEvidence(units));
const rows = (r: Ranking) => r.rows.map((x) => [x.card.unit.id, x.rank, x.rankOf]);
const run = (rule: RankRule) => rows(rank(cards, rule));

describe('ranking with ties', () => {
  it('the fixture: indices 80, 70, 70, 70, 50 and none', () => {
    expect(cards.map((c) => c.index)).toEqual([80, 70, 70, 70, 50, null]);
  });
  it('competition without tie-break: tied units share a rank, listed by id; the next rank skips', () => {
    expect(run({})).toEqual([
      ['u0', 1, '1/5'],
      ['u1', 2, '2/5'],
      ['u2', 2, '2/5'],
      ['u3', 2, '2/5'],
      ['u4', 5, '5/5'],
      ['u5', null, null],
    ]);
  });
  it('dense: the next rank follows', () => {
    expect(run({ method: 'dense' }).map((r) => r[1])).toEqual([1, 2, 2, 2, 3, null]);
  });
  it('ordinal: every unit its own rank, ties by id', () => {
    expect(run({ method: 'ordinal' }).map((r) => r[0])).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5']);
    expect(run({ method: 'ordinal' }).map((r) => r[1])).toEqual([1, 2, 3, 4, 5, null]);
  });
  it('tie-break by name: An, Bình, Cường — not the id order', () => {
    expect(run({ tieBreak: [{ by: 'name' }] })).toEqual([
      ['u0', 1, '1/5'],
      ['u2', 2, '2/5'],
      ['u3', 3, '3/5'],
      ['u1', 4, '4/5'],
      ['u4', 5, '5/5'],
      ['u5', null, null],
    ]);
  });
  it('tie-break by id', () => {
    expect(run({ tieBreak: [{ by: 'id' }] }).map((r) => r[1])).toEqual([1, 2, 3, 4, 5, null]);
    expect(run({ tieBreak: [{ by: 'id' }] }).map((r) => r[0])).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5']);
  });
  it('tie-break by a node, descending (the default) and ascending', () => {
    expect(run({ tieBreak: [{ by: 'node', id: '2' }] }).map((r) => r[0])).toEqual(['u0', 'u1', 'u3', 'u2', 'u4', 'u5']);
    expect(run({ tieBreak: [{ by: 'node', id: '2', order: 'desc' }] }).map((r) => r[1])).toEqual([1, 2, 3, 4, 5, null]);
    expect(run({ tieBreak: [{ by: 'node', id: '2', order: 'asc' }] }).map((r) => r[0])).toEqual(['u0', 'u2', 'u3', 'u1', 'u4', 'u5']);
    expect(run({ tieBreak: [{ by: 'node', id: '1', order: 'asc' }], method: 'dense' })).toEqual([
      ['u0', 1, '1/5'],
      ['u1', 2, '2/5'],
      ['u3', 3, '3/5'],
      ['u2', 4, '4/5'],
      ['u4', 5, '5/5'],
      ['u5', null, null],
    ]);
  });
  it('a key that separates nobody passes the tie on to the next key', () => {
    expect(run({ tieBreak: [{ by: 'node', id: '9' }] }).map((r) => r[1])).toEqual([1, 2, 2, 2, 5, null]);
    expect(run({ tieBreak: [{ by: 'node', id: '9' }, { by: 'name' }] }).map((r) => r[0])).toEqual(['u0', 'u2', 'u3', 'u1', 'u4', 'u5']);
  });
  it('the input order does not matter', () => {
    const rule: RankRule = { tieBreak: [{ by: 'name' }] };
    expect(rows(rank([...cards].reverse(), rule))).toEqual(run(rule));
    expect(rows(rank([...cards].reverse(), {}))).toEqual(run({}));
  });
  it('groups are ranked apart, in byte order of the group', () => {
    const r = rank(cards, { method: 'dense' }, { groupBy: 'kind' });
    expect(r.rows.map((x) => [x.group, x.card.unit.id, x.rankOf])).toEqual([
      ['', 'u0', '1/4'],
      ['', 'u1', '2/4'],
      ['', 'u2', '2/4'],
      ['', 'u3', '2/4'],
      ['', 'u5', null],
      ['thi-tran', 'u4', '1/1'],
    ]);
    expect(rank(cards).rows.map((x) => x.group)).toEqual([null, null, null, null, null, null]);
  });
});
