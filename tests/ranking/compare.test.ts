/** Year-over-year comparison: matching by id and through a unit map, unmatched units listed, fields by id. */
import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ParIndexError } from '../../src/core/errors.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { compareYears } from '../../src/ranking/compare.js';
import { loadUnitMap } from '../../src/ranking/unit-map.js';
import { cardsOf, rank, type Ranking } from '../../src/ranking/rank.js';
import { loadScoreCards } from '../../src/ranking/scores.js';
import { makeEvidence, makeSet } from '../support/support.js';

const leaf = (id: string, max: number, m: string) => ({
  id,
  title: `Lĩnh vực ${id}`,
  max,
  children: [{ id: `${id}.1`, title: 'x', max, rule: { kind: 'rate', numerator: m, base: 'resolved', whenBaseZero: 'zero' } }],
});
const setA = makeSet([leaf('1', 10, 'onTime'), leaf('2', 10, 'received')]);
// The later year's criteria: field 2's maximum changed and a field 3 was added.
const setB = makeSet([leaf('1', 10, 'onTime'), leaf('2', 20, 'received'), leaf('3', 5, 'violations')], { version: '2' });
const ev = (units: { id: string; a: number; b: number }[]) =>
  makeEvidence(units.map((u) => ({ id: u.id, name: `Xã ${u.id}`, measures: { onTime: u.a, received: u.b, violations: 5, resolved: 10 } })));
const year = (set: typeof setA, units: { id: string; a: number; b: number }[]) =>
  rank(evaluate(set, ev(units), { trace: false }), set.ranking);
const MAP = (entries: unknown[]) =>
  loadUnitMap(
    {
      format: 'par-index/unit-map@1',
      decision: { number: '653/NQ-UBTVQH14', date: '2019-03-12', issuer: 'Ủy ban Thường vụ Quốc hội' },
      entries,
    },
    { file: 'map.yaml' },
  );

describe('compareYears', () => {
  const before = year(setA, [
    { id: 'an', a: 8, b: 6 },
    { id: 'binh', a: 5, b: 5 },
    { id: 'cuong', a: 9, b: 9 },
    { id: 'dung', a: 4, b: 4 },
    { id: 'giang', a: 7, b: 7 },
  ]);
  const after = year(setA, [
    { id: 'an', a: 9, b: 6 },
    { id: 'binh-cuong', a: 7, b: 8 },
    { id: 'dung-moi', a: 6, b: 6 },
    { id: 'hoa', a: 5, b: 5 },
  ]);
  const map = MAP([
    { from: ['binh', 'cuong'], to: 'binh-cuong' },
    { from: 'dung', to: 'dung-moi' },
  ]);
  const cmp = compareYears(before, after, map);

  it('matches same ids, renamed and merged units, and lists every other unit', () => {
    expect(cmp.changes.map((c) => [c.after.id, c.match, c.before.map((b) => b.id)])).toEqual([
      ['an', 'same', ['an']],
      ['binh-cuong', 'merged', ['binh', 'cuong']],
      ['dung-moi', 'renamed', ['dung']],
    ]);
    expect(cmp.beforeOnly.map((u) => u.id)).toEqual(['giang']);
    expect(cmp.afterOnly.map((u) => u.id)).toEqual(['hoa']);
    // Nothing dropped: every unit of each year appears once.
    const seenBefore = [...cmp.changes.flatMap((c) => c.before.map((b) => b.id)), ...cmp.beforeOnly.map((u) => u.id)].sort();
    expect(seenBefore).toEqual(
      cardsOf(before)
        .map((c) => c.unit.id)
        .sort(),
    );
    expect([...cmp.changes.map((c) => c.after.id), ...cmp.afterOnly.map((u) => u.id)].sort()).toEqual(
      cardsOf(after)
        .map((c) => c.unit.id)
        .sort(),
    );
  });

  it('gives index, rank, band and field changes exactly; a merger is compared with the mean of its predecessors', () => {
    const an = cmp.changes.find((c) => c.after.id === 'an')!;
    expect(an.index).toEqual({ before: 70, after: 75, change: 5 });
    expect(an.fields.map((f) => [f.id, f.before, f.after, f.change])).toEqual([
      ['1', 8, 9, 1],
      ['2', 6, 6, 0],
    ]);
    expect(an.rank.change).toBe(an.rank.before! - an.rank.after!);
    const merged = cmp.changes.find((c) => c.after.id === 'binh-cuong')!;
    expect(merged.basis).toBe('mean');
    // binh 50 %, cuong 90 % → mean 70 %; after 75 %.
    expect(merged.index).toEqual({ before: 70, after: 75, change: 5 });
    expect(merged.rank.before).toBeNull();
    expect(merged.decision?.number).toBe('653/NQ-UBTVQH14');
  });

  it('uses a declared baseline predecessor, with its rank', () => {
    const c = compareYears(before, after, MAP([{ from: ['binh', 'cuong'], to: 'binh-cuong', baseline: 'cuong' }])).changes.find(
      (x) => x.after.id === 'binh-cuong',
    )!;
    expect(c.basis).toBe('unit');
    expect(c.index.before).toBe(90);
    expect(c.rank.beforeOf).toBe(before.rows.find((x) => x.card.unit.id === 'cuong')!.rankOf);
  });

  it('matches fields by id when the structure changed, and says so', () => {
    const later = year(setB, [{ id: 'an', a: 9, b: 6 }]);
    const r = compareYears(before, later);
    expect(r.sameCriteria).toBe(false);
    expect(r.fieldMatch).toEqual({ both: ['1', '2'], beforeOnly: [], afterOnly: ['3'], maxChanged: ['2'] });
    const f = r.changes[0]!.fields;
    expect(f.find((x) => x.id === '2')).toMatchObject({
      match: 'max-changed',
      before: 6,
      after: 12,
      change: 6,
      beforeMax: 10,
      afterMax: 20,
      shareChange: 0,
    });
    expect(f.find((x) => x.id === '3')).toMatchObject({ match: 'after-only', before: null, change: null });
    expect(r.notes.map((n) => n.en).join(' ')).toMatch(/different criteria sets/);
  });

  it('ranks a year whose rows carry no rank (a score file written unranked), and says so', () => {
    const unranked: Ranking = { rule: undefined, rows: before.rows.map((r) => ({ ...r, rank: null, rankOf: null })) };
    const r = compareYears(unranked, after, map);
    expect(r.changes.map((c) => [c.after.id, c.rank.beforeOf])).toEqual(cmp.changes.map((c) => [c.after.id, c.rank.beforeOf]));
    expect(r.notes.map((n) => n.en).join(' ')).toMatch(/carried no rank: they were ranked here/);
    expect(cmp.notes.map((n) => n.en).join(' ')).not.toMatch(/carried no rank/);
  });

  it('warns about map ids neither year has, without dropping anything', () => {
    const r = compareYears(before, after, MAP([{ from: ['zzz'], to: 'hoa' }]));
    expect(r.warnings.map((w) => w.code)).toEqual(['compare.unknown-unit']);
    expect(r.afterOnly.map((u) => u.id)).toContain('hoa');
  });

  test.prop([fc.shuffledSubarray(['an', 'binh', 'cuong', 'dung', 'giang'], { minLength: 5, maxLength: 5 })])(
    'does not depend on the input order',
    (order) => {
      const shuffled = { rule: before.rule, rows: order.map((id) => before.rows.find((x) => x.card.unit.id === id)!) };
      expect(JSON.stringify(compareYears(shuffled, { rule: after.rule, rows: [...after.rows].reverse() }, map))).toBe(JSON.stringify(cmp));
    },
  );

  it('refuses a map without a decision, many-to-many entries, a unit in two entries, a newer version', () => {
    const codes = (doc: unknown) => {
      try {
        loadUnitMap(doc, { file: 'm.yaml' });
        return [];
      } catch (e) {
        return (e as ParIndexError).issues.map((i) => `${i.code} ${JSON.stringify(i.path)}`);
      }
    };
    expect(codes({ format: 'par-index/unit-map@1', entries: [{ from: 'a', to: 'b' }] })).toEqual([
      'compare.map-invalid ["entries",0,"decision"]',
    ]);
    const d = { number: '1/NQ', date: '2020-01-01' };
    expect(codes({ format: 'par-index/unit-map@1', decision: d, entries: [{ from: ['a', 'b'], to: ['c', 'd'] }] })).toEqual([
      'compare.map-invalid ["entries",0]',
    ]);
    expect(
      codes({
        format: 'par-index/unit-map@1',
        decision: d,
        entries: [
          { from: 'a', to: 'b' },
          { from: 'a', to: 'c' },
        ],
      }),
    ).toEqual(['compare.map-invalid ["entries",1,"from"]']);
    expect(codes({ format: 'par-index/unit-map@2', decision: d, entries: [{ from: 'a', to: 'b' }] })).toEqual([
      'format.future-version ["format"]',
    ]);
  });
});

describe('the Văn Lâm 2020 → 2021 example', () => {
  const before = loadScoreCards(readFileSync('fixtures/van-lam-2020/scores-2020.json', 'utf8'), { file: 'scores-2020.json' });
  const map = loadUnitMap(readFileSync('fixtures/van-lam-2020/unit-map-2021.yaml', 'utf8'), { file: 'unit-map-2021.yaml' });
  // The 2021 side: the 2020 file's own structure with the town back under its 2021 id is enough to exercise the map.
  const after: Ranking = {
    rule: undefined,
    rows: before.rows
      .filter((r) => r.card.unit.id !== 'tan-hoa' && r.card.unit.id !== 'hoa-binh')
      .map((r) => ({
        ...r,
        card: {
          ...r.card,
          unit: { ...r.card.unit, id: r.card.unit.id === 'tt-nhu-quynh' ? 'nhu-quynh' : r.card.unit.id },
          evidence: { ...r.card.evidence, year: 2021 },
        },
      })),
  };
  it("renames the town, merges Tân Hòa into Tân Quang on Tân Quang's baseline, lists Hòa Bình", () => {
    const r = compareYears(before, after, map);
    expect(r.warnings).toEqual([]);
    expect(r.changes.find((c) => c.after.id === 'nhu-quynh')!.match).toBe('renamed');
    const tq = r.changes.find((c) => c.after.id === 'tan-quang')!;
    expect([tq.match, tq.basis, tq.index.change]).toEqual(['merged', 'unit', 0]);
    expect(r.beforeOnly.map((u) => u.id)).toEqual(['hoa-binh']);
    expect(r.afterOnly).toEqual([]);
  });
});
