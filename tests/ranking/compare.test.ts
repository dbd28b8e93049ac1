/** Year-over-year comparison: matching by id and through a unit map, unmatched units listed, fields by id. */
import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ParIndexError } from '../../src/core/errors.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { compareYears } from '../../src/ranking/compare.js';
import { renderComparison } from '../../src/report/comparison.js';
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

describe('the declared combination of a merger (mean, weighted mean, one predecessor, none)', () => {
  // index = (onTime + received) ÷ 20 × 100 under setA (two fields of 10 points, resolved = 10).
  const before = year(setA, [
    { id: 'p', a: 8, b: 8 }, // 80
    { id: 'q', a: 9, b: 9 }, // 90
    { id: 'r', a: 7, b: 7 }, // 70
    { id: 's', a: 6, b: 6 }, // 60
    { id: 't', a: 5, b: 5 }, // 50
    { id: 'u', a: 4, b: 4 }, // 40
  ]);
  const after = year(setA, [
    { id: 'pq', a: 9, b: 9 }, // 90
    { id: 'rs', a: 7, b: 7 }, // 70
    { id: 'tu', a: 6, b: 6 }, // 60
  ]);
  const doc = (extra: Record<string, unknown>, entries: unknown[]) => ({
    format: 'par-index/unit-map@1',
    decision: { number: '1/NQ-UBTVQH15 (minh họa)', date: '2025-06-16' },
    ...extra,
    entries,
  });
  const cmp = compareYears(
    before,
    after,
    loadUnitMap(
      doc({ baseline: 'mean', weightsOf: 'dân số (người)', weightsOfEn: 'population (persons)', weights: { p: 1000, q: 3000 } }, [
        { from: ['p', 'q'], to: 'pq', baseline: 'weighted-mean' },
        { from: ['r', 's'], to: 'rs' },
        { from: ['t', 'u'], to: 'tu', baseline: 'none' },
      ]),
      { file: 'map.yaml' },
    ),
  );
  const of = (id: string) => cmp.changes.find((c) => c.after.id === id)!;

  it('weighted mean: indices 80 and 90 with weights 1 000 and 3 000 give 87.5, fields likewise', () => {
    const pq = of('pq');
    expect(pq.basis).toBe('weighted-mean');
    // (80 × 1000 + 90 × 3000) ÷ 4000 = 350 000 ÷ 4 000 = 87.5; after 90 → +2.5.
    expect(pq.index).toEqual({ before: 87.5, after: 90, change: 2.5 });
    // Field 1: (8 × 1 + 9 × 3) ÷ 4 = 8.75; after 9 → +0.25. Its maximum 10 stays 10.
    expect(pq.fields.find((f) => f.id === '1')).toMatchObject({ before: 8.75, after: 9, change: 0.25, beforeMax: 10 });
    expect(pq.rank.before).toBeNull();
    expect(pq.weights).toEqual({
      of: { vi: 'dân số (người)', en: 'population (persons)' },
      units: [
        { id: 'p', weight: 1000 },
        { id: 'q', weight: 3000 },
      ],
    });
  });

  it("the file's default applies to an entry that declares none: mean of 70 and 60 is 65", () => {
    const rs = of('rs');
    expect(rs.basis).toBe('mean');
    expect(rs.index).toEqual({ before: 65, after: 70, change: 5 });
    expect(rs.weights).toBeUndefined();
  });

  it('none: listed with its predecessors, no earlier values and no change', () => {
    const tu = of('tu');
    expect(tu.basis).toBe('none');
    expect(tu.before.map((b) => b.id)).toEqual(['t', 'u']);
    expect(tu.index).toEqual({ before: null, after: 60, change: null });
    expect(tu.rank.before).toBeNull();
    expect(tu.band.changed).toBeNull();
    expect(tu.fields.map((f) => [f.id, f.before, f.after, f.change, f.match])).toEqual([
      ['1', null, 6, null, 'both'],
      ['2', null, 6, null, 'both'],
    ]);
    expect(cmp.beforeOnly).toEqual([]);
  });

  it('a file default of weighted-mean, with per-entry weights taking precedence over the file’s', () => {
    const c = compareYears(
      before,
      after,
      loadUnitMap(
        doc({ baseline: 'weighted-mean', weightsOf: 'số hồ sơ', weights: { p: 1, q: 1, r: 1, s: 1 } }, [
          { from: ['p', 'q'], to: 'pq', weights: { q: 3 } },
          { from: ['r', 's'], to: 'rs' },
          { from: ['t', 'u'], to: 'tu', baseline: 't' },
        ]),
      ),
    );
    const get = (id: string) => c.changes.find((x) => x.after.id === id)!;
    // p 1 (file), q 3 (entry): (80 + 270) ÷ 4 = 87.5. r, s 1 and 1: (70 + 60) ÷ 2 = 65.
    expect([get('pq').basis, get('pq').index.before]).toEqual(['weighted-mean', 87.5]);
    expect([get('rs').basis, get('rs').index.before]).toEqual(['weighted-mean', 65]);
    // English falls back to the Vietnamese text when weightsOfEn is not given.
    expect(get('rs').weights?.of).toEqual({ vi: 'số hồ sơ', en: 'số hồ sơ' });
    // One predecessor named: its values and rank (t is 5th of 6 at 50 %).
    expect([get('tu').basis, get('tu').baseline, get('tu').index.before, get('tu').rank.beforeOf]).toEqual(['unit', 't', 50, '5/6']);
  });

  it('a declared predecessor missing from the earlier scores: not compared (warned), never a mean', () => {
    const fewer: Ranking = { rule: before.rule, rows: before.rows.filter((r) => r.card.unit.id !== 't') };
    const c = compareYears(fewer, after, loadUnitMap(doc({}, [{ from: ['t', 'u'], to: 'tu', baseline: 't' }])));
    expect(c.changes.find((x) => x.after.id === 'tu')).toMatchObject({ basis: 'none', index: { before: null, change: null } });
    expect(c.warnings.map((w) => w.unit)).toEqual(['t']);
    // A weighted mean with a predecessor missing: over those present (warned), here p 80 and q 90 at 1 : 3 = 87.5.
    const w = compareYears(
      { rule: before.rule, rows: before.rows.filter((r) => r.card.unit.id !== 'r') },
      after,
      loadUnitMap(
        doc({ weightsOf: 'dân số', weights: { p: 1, q: 3, r: 5 } }, [{ from: ['p', 'q', 'r'], to: 'pq', baseline: 'weighted-mean' }]),
      ),
    );
    expect(w.changes.find((x) => x.after.id === 'pq')).toMatchObject({ basis: 'weighted-mean', index: { before: 87.5 } });
    expect(w.changes.find((x) => x.after.id === 'pq')!.weights!.units.map((u) => u.id)).toEqual(['p', 'q']);
    expect(w.warnings.map((x) => x.unit)).toEqual(['r']);
  });

  it('the report names the basis of each merged unit in Vietnamese and English', () => {
    const en = renderComparison(cmp, 'en');
    expect(en).toMatch(/pq ← Xã p \+ Xã q\s+merged \(weighted mean\)\s+87\.5\s+90\s+\+2\.5/);
    expect(en).toContain('Xã pq (pq) ← p + q: mean weighted by population (persons) (p 1000, q 3000)');
    expect(en).toContain('Xã rs (rs) ← r + s: mean');
    expect(en).toMatch(/Xã tu ← Xã t \+ Xã u\s+merged \(not compared\)\s+—\s+60\s+—/);
    expect(en).toContain('Xã tu (tu) ← t + u: not compared');
    const vi = renderComparison(cmp, 'vi', true);
    expect(vi).toContain('Xã pq (pq) ← p + q: bình quân gia quyền theo dân số (người) (p 1000, q 3000)');
    expect(vi).toContain('Xã tu (tu) ← t + u: không so sánh');
    expect(vi).toMatch(/\| 87,5 \| 90 \| \+2,5 \|/);
  });
});

describe('unit map weights, refused with the entry, the unit and what is expected', () => {
  const d = { number: '1/NQ', date: '2025-06-16' };
  const issues = (doc: Record<string, unknown>) => {
    try {
      loadUnitMap({ format: 'par-index/unit-map@1', decision: d, ...doc }, { file: 'm.yaml' });
      return [];
    } catch (e) {
      return (e as ParIndexError).issues.map((i) => ({ path: i.path, en: i.message, vi: i.messageVi, unit: i.unit }));
    }
  };
  it('weighted-mean without weights', () => {
    const r = issues({ weightsOf: 'dân số', entries: [{ from: ['a', 'b'], to: 'ab', baseline: 'weighted-mean', weights: { a: 2 } }] });
    expect(r).toHaveLength(1);
    expect(r[0]!.path).toEqual(['entries', 0, 'weights', 'b']);
    expect(r[0]!.unit).toBe('b');
    expect(r[0]!.en).toMatch(/entry 0 \(a, b → ab\) is combined by weighted-mean but unit "b" has no weight: give a positive weight/);
    expect(r[0]!.vi).toMatch(/mục 0 \(a, b → ab\) tính bình quân gia quyền nhưng đơn vị "b" chưa có trọng số/);
    // Without any weight nor weightsOf: each predecessor, and the missing description.
    expect(issues({ baseline: 'weighted-mean', entries: [{ from: ['a', 'b'], to: 'ab' }] }).map((i) => i.path)).toEqual([
      ['entries', 0, 'weights', 'a'],
      ['entries', 0, 'weights', 'b'],
      ['weightsOf'],
    ]);
  });
  it('a weight ≤ 0, in the entry or the file', () => {
    const r = issues({
      weightsOf: 'dân số',
      weights: { a: 0 },
      entries: [{ from: ['a', 'b'], to: 'ab', baseline: 'weighted-mean', weights: { b: -5 } }],
    });
    expect(r.map((i) => [i.path, i.en])).toEqual([
      [['entries', 0, 'weights', 'b'], 'entry 0 (a, b → ab): the weight of unit "b" is -5; expected a positive number'],
      [['weights', 'a'], 'the weight of unit "a" is 0; expected a positive number'],
    ]);
    expect(r[0]!.vi).toBe('mục 0 (a, b → ab): trọng số của đơn vị "b" là -5; phải là số dương');
  });
  it('a weight for a unit not in the entry, or that no weighted-mean entry merges', () => {
    const r = issues({
      weightsOf: 'dân số',
      weights: { zz: 7 },
      entries: [
        { from: ['a', 'b'], to: 'ab', baseline: 'weighted-mean', weights: { a: 1, b: 1, c: 1 } },
        { from: ['c', 'd'], to: 'cd' },
      ],
    });
    expect(r.map((i) => [i.path, i.unit])).toEqual([
      [['entries', 0, 'weights', 'c'], 'c'],
      [['weights', 'zz'], 'zz'],
    ]);
    expect(r[0]!.en).toMatch(/entry 0 \(a, b → ab\): a weight for unit "c", which is not one of its predecessors \(a, b\)/);
    expect(r[1]!.vi).toMatch(/không mục bình quân gia quyền nào sáp nhập đơn vị này/);
  });
  it('weights on an entry combined otherwise, and an unknown baseline', () => {
    expect(issues({ entries: [{ from: ['a', 'b'], to: 'ab', weights: { a: 1, b: 2 } }] }).map((i) => i.en)).toEqual([
      'entry 0 (a, b → ab): weights are given but the entry is combined by mean; write baseline: weighted-mean or remove them',
    ]);
    expect(issues({ entries: [{ from: ['a', 'b'], to: 'ab', baseline: 'median' }] }).map((i) => i.path)).toEqual([
      ['entries', 0, 'baseline'],
    ]);
  });
});
