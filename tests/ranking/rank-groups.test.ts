/**
 * Ranking's keys and groups checked by result (mutation testing, issue 27): groups by parent and by attribute,
 * units without an index wherever their id sorts, node tie-breaks on cards that lack the node, the exact index.
 */
import { describe, expect, it } from 'vitest';
import { Exact } from '../../src/core/exact.js';
import type { ScoreCard } from '../../src/engine/types.js';
import { assignRanks, cardsOf, cmpId, groupIndices, groupOf, nodeExact, rank, rankIndexOf, type Ranking } from '../../src/ranking/rank.js';

/** A card with only what ranking reads: unit, printed and exact index, and the given nodes' points. */
function card(id: string, index: string | null, unit: Record<string, unknown> = {}, nodes: Record<string, string> = {}): ScoreCard {
  const exact = index === null ? null : Exact.parse(index)!;
  const ns = Object.entries(nodes).map(([nid, p]) => ({ id: nid, points: Exact.parse(p)!.toNumber(), exact: Exact.parse(p)!.toRatio() }));
  return Object.freeze({
    unit: { id, name: `Xã ${id}`, ...unit },
    index: exact === null ? null : exact.round(2, 'half-up').toNumber(),
    exact: { total: '0', max: '100', index: exact === null ? null : exact.toRatio() },
    nodes: ns,
  }) as unknown as ScoreCard;
}
const rows = (r: Ranking) => r.rows.map((x) => [x.group, x.card.unit.id, x.rank, x.rankOf]);

describe('groups', () => {
  it('by parent: each parent ranked apart, units without one in the group ""', () => {
    const cs = [card('a', '50', { parent: 'h2' }), card('b', '60', { parent: 'h1' }), card('c', '70'), card('d', '80', { parent: 'h2' })];
    expect(rows(rank(cs, {}, { groupBy: 'parent' }))).toEqual([
      ['', 'c', 1, '1/1'],
      ['h1', 'b', 1, '1/1'],
      ['h2', 'd', 1, '1/2'],
      ['h2', 'a', 2, '2/2'],
    ]);
  });

  it('by an attribute: values as text, groups in byte order ("10" before "2"), no attribute in ""', () => {
    const cs = [
      card('a', '50', { attributes: { vung: 2 } }),
      card('b', '60', { attributes: { vung: '10' } }),
      card('c', '70', { attributes: { khac: 'x' } }),
      card('d', '80', { attributes: { vung: 2 } }),
      card('e', '90', { kind: 'xa', parent: 'h' }),
    ];
    expect(rows(rank(cs, {}, { groupBy: 'vung' }))).toEqual([
      ['', 'e', 1, '1/2'],
      ['', 'c', 2, '2/2'],
      ['10', 'b', 1, '1/1'],
      ['2', 'd', 1, '1/2'],
      ['2', 'a', 2, '2/2'],
    ]);
    expect(rows(rank(cs, {}, { groupBy: 'kind' })).map((r) => r[0])).toEqual(['', '', '', '', 'xa']);
  });

  it('groupOf reads kind, parent or an attribute, "" when absent or not grouped', () => {
    const c = card('a', '1', { kind: 'xa', parent: 'h', attributes: { vung: 3, kind: 'not this' } });
    expect([groupOf(c, undefined), groupOf(c, 'kind'), groupOf(c, 'parent'), groupOf(c, 'vung'), groupOf(c, 'khac')]).toEqual([
      '',
      'xa',
      'h',
      '3',
      '',
    ]);
    // Not grouped means one group, even for a unit with an attribute that happens to be called "undefined".
    const odd = card('o', '1', { attributes: { undefined: 'x' } });
    expect(groupOf(odd, undefined)).toBe('');
    expect(rows(rank([odd, card('p', '2')]))).toEqual([
      [null, 'p', 1, '1/2'],
      [null, 'o', 2, '2/2'],
    ]);
    const bare = card('b', '1');
    expect([groupOf(bare, 'kind'), groupOf(bare, 'parent'), groupOf(bare, 'vung')]).toEqual(['', '', '']);
  });

  it("groupIndices keeps each group's members in input order, groups in byte order", () => {
    expect(groupIndices(['b1', 'a1', 'b2', 'A1', 'a2'], (x) => x[0]!)).toEqual([
      ['A', [3]],
      ['a', [1, 4]],
      ['b', [0, 2]],
    ]);
  });
});

describe('cmpId', () => {
  it('is byte order, 0 only for the same id', () => {
    expect([cmpId('a', 'b'), cmpId('b', 'a'), cmpId('a', 'a'), cmpId('', '')]).toEqual([-1, 1, 0, 0]);
    // Not a locale's order: capitals before small letters, "đ" (U+0111) after "z", "u10" before "u9".
    expect([cmpId('B', 'a'), cmpId('đ', 'z'), cmpId('u10', 'u9')]).toEqual([-1, 1, -1]);
  });
});

describe('units without an index', () => {
  it('come last whatever their id, listed by id, unranked, not counted', () => {
    const cs = [card('m', null), card('b', null), card('k', '70'), card('z', '80'), card('a', null)];
    for (const method of ['competition', 'dense', 'ordinal'] as const) {
      expect(rows(rank(cs, { method }))).toEqual([
        [null, 'z', 1, '1/2'],
        [null, 'k', 2, '2/2'],
        [null, 'a', null, null],
        [null, 'b', null, null],
        [null, 'm', null, null],
      ]);
    }
    expect(rows(rank([card('a', null)]))).toEqual([[null, 'a', null, null]]);
  });

  it('assignRanks: a tie right after an entry without an index is still a tie', () => {
    // Entries 0 and 2 have no index; 1 and 3 tie at 5; 4 is below.
    const idx = [null, 5, null, 5, 1];
    const r = assignRanks(
      5,
      (i) => idx[i] !== null,
      (i, j) => idx[j]! - idx[i]!,
      () => 0,
      (i, j) => i - j,
      'competition',
    );
    expect([r.order, r.ranks, r.of]).toEqual([[1, 3, 4, 0, 2], [null, 1, null, 1, 3], 3]);
    expect(
      assignRanks(
        5,
        (i) => idx[i] !== null,
        (i, j) => idx[j]! - idx[i]!,
        () => 0,
        (i, j) => i - j,
        'dense',
      ).ranks,
    ).toEqual([null, 1, null, 1, 2]);
  });
});

describe('keys', () => {
  it('a node tie-break counts a card without that node as 0 points, in both directions', () => {
    const cs = [card('a', '70', {}, { '1': '2' }), card('b', '70'), card('c', '70', {}, { '1': '-1' })];
    expect(rows(rank(cs, { tieBreak: [{ by: 'node', id: '1' }] })).map((r) => r[1])).toEqual(['a', 'b', 'c']);
    expect(rows(rank(cs, { tieBreak: [{ by: 'node', id: '1', order: 'asc' }] })).map((r) => r[1])).toEqual(['c', 'b', 'a']);
    expect(nodeExact(cs[1]!, '1')).toBe(Exact.ZERO);
    expect(nodeExact(cs[2]!, '1').toRatio()).toBe('-1');
  });

  it('a node tie-break reads the exact points, not the printed ones', () => {
    // Both print 3.33; the exact points are 10/3 and 333/100.
    const cs = [card('a', '70', {}, { '1': '3.33' }), card('b', '70')];
    const b = Object.freeze({ ...cs[1]!, nodes: [{ id: '1', points: 3.33, exact: '10/3' }] }) as unknown as ScoreCard;
    expect(rows(rank([cs[0]!, b], { tieBreak: [{ by: 'node', id: '1' }] }))).toEqual([
      [null, 'b', 1, '1/2'],
      [null, 'a', 2, '2/2'],
    ]);
  });

  it('the index ranked on: printed by default and under "rounded", exact under "exact"', () => {
    const c = card('a', '70.004');
    expect(rankIndexOf(c, 'rounded')!.toRatio()).toBe('70');
    expect(rankIndexOf(c, 'exact')!.toRatio()).toBe('17501/250');
    expect(rankIndexOf(card('b', null), 'exact')).toBeNull();
    // A card with a printed index but no exact one (written by hand, or by an older tool) is ranked on the printed.
    const printedOnly = Object.freeze({ ...c, exact: { total: '0', max: '100', index: null } }) as unknown as ScoreCard;
    expect(rankIndexOf(printedOnly, 'exact')!.toRatio()).toBe('70');
    // 70.004 and 70.001 print alike: tied unless the rule ranks on the exact index.
    const cs = [card('x', '70.001'), c];
    expect(rows(rank(cs))).toEqual([
      [null, 'a', 1, '1/2'],
      [null, 'x', 1, '1/2'],
    ]);
    expect(rows(rank(cs, { on: 'exact' }))).toEqual([
      [null, 'a', 1, '1/2'],
      [null, 'x', 2, '2/2'],
    ]);
  });

  it('cardsOf gives the very cards in rank order', () => {
    const cs = [card('a', '1'), card('b', '2')];
    const got = cardsOf(rank(cs));
    expect(got).toHaveLength(2);
    expect(got[0]).toBe(cs[1]);
    expect(got[1]).toBe(cs[0]);
  });
});
