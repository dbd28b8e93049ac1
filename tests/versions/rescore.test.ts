/**
 * Re-scoring the same evidence under two versions: the Văn Lâm 2021 evidence under the 2022 criteria (and the
 * committed report of it, which must be current), leaf-level attribution, evidence for renumbered or removed
 * nodes, ranks that move, and the residual that leaves cannot explain.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Exact } from '../../src/core/exact.js';
import { amend } from '../../src/criteria/amend.js';
import { criteriaData, loadCriteriaSet } from '../../src/criteria/load.js';
import { UsageError } from '../../src/cli/command.js';
import { makeCommands } from '../../src/cli/versions.js';
import { dossierSource } from '../../src/io/dossier-source.js';
import { inspectionSource } from '../../src/io/inspection-source.js';
import { readEvidenceSources } from '../../src/io/sources.js';
import { surveySource } from '../../src/io/survey-source.js';
import { renderRescore } from '../../src/report/rescore.js';
import { rescore } from '../../src/versions/rescore.js';
import { loadUnitMap } from '../../src/ranking/unit-map.js';
import { generate, OUTPUTS } from '../../scripts/generate-van-lam-2022.js';
import { makeEvidence, makeSet } from '../support/support.js';
import { changesDoc } from '../support/versions-support.js';
import { root } from '../support/paths.js';

const read = (p: string) => readFileSync(join(root, p), 'utf8');
const a = loadCriteriaSet(read('criteria/examples/van-lam-commune-2021.yaml'), { file: 'van-lam-commune-2021.yaml' });
const b = loadCriteriaSet(read('criteria/examples/van-lam-commune-2022.yaml'), { file: 'van-lam-commune-2022.yaml' });
const readers = [dossierSource, inspectionSource, surveySource];
const evidence = await readEvidenceSources([join(root, 'fixtures/van-lam-2021')], { readers, set: a });
const r = rescore(a, b, evidence);

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s.add(Exact.of(x)), Exact.ZERO);

describe('the 2021 evidence under the 2022 criteria', () => {
  it('re-scores all 11 units, in rank order under 2022', () => {
    expect(r.units).toHaveLength(11);
    expect(r.units.map((u) => u.b.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(r.a).toMatchObject({ version: '2021', hash: a.hash });
    expect(r.b).toMatchObject({ version: '2022', hash: b.hash });
    expect(r.evidence).toEqual({ hash: evidence.hash, year: 2021 });
  });

  it('explains every total: field changes add up to it, and leaf changes plus the residual too', () => {
    for (const u of r.units) {
      expect(sum(u.fields.map((f) => f.delta)).toNumber(), u.unit.id).toBe(u.delta.total);
      expect(sum([...u.causes.map((c) => c.delta), u.residual]).toNumber(), u.unit.id).toBe(u.delta.total);
      // No bonus or penalty cap binds in this example, and rounding is at the leaves: nothing unexplained.
      expect(u.residual, u.unit.id).toBe(0);
      expect(u.delta.total).toBe(Exact.of(u.b.total).sub(Exact.of(u.a.total)).toNumber());
    }
  });

  it('attributes the raised report threshold to 1.2 exactly where 80 % ≤ on time < 90 %', () => {
    for (const u of r.units) {
      const m = evidence.units.find((x) => x.id === u.unit.id)!.measures;
      const share = (m['reports.onTime']!.value / m['reports.required']!.value) * 100;
      const cause = u.causes.find((c) => c.id === '1.2');
      if (share >= 80 && share < 90)
        expect(cause, u.unit.id).toMatchObject({ presence: 'both', delta: -1, a: { points: 1 }, b: { points: 0 } });
      else expect(cause, u.unit.id).toBeUndefined();
    }
    expect(r.units.filter((u) => u.causes.some((c) => c.id === '1.2')).length).toBeGreaterThan(0);
  });

  it('reports nodes that exist in one version only, and the renumbered node under its old number', () => {
    for (const u of r.units) {
      expect(
        u.causes.find((c) => c.id === '7.2.3'),
        u.unit.id,
      ).toMatchObject({ presence: 'only-b', a: null, b: { points: 0, max: 1, status: 'missing' }, delta: 0 });
      expect(
        u.causes.find((c) => c.id === '10.2'),
        u.unit.id,
      ).toMatchObject({ presence: 'only-a', b: null });
      expect(
        u.causes.find((c) => c.id === '7.3.3'),
        u.unit.id,
      ).toMatchObject({ presence: 'both', fromId: '7.1.3', delta: 0 });
    }
  });

  it('shows the bands that change with the new threshold (Xuất sắc from 92)', () => {
    const lacDao = r.units.find((u) => u.unit.id === 'lac-dao')!;
    expect(lacDao.a.band?.id).toBe('xuat-sac');
    expect(lacDao.b.band?.id).toBe('tot');
    expect(lacDao.a.index! >= 90 && lacDao.b.index! < 92).toBe(true);
  });

  it('says how the evidence was read: the counterfactual year, the warnings of each side', () => {
    expect(r.notes.map((n) => n.code)).toEqual(['rescore.counterfactual-year']);
    expect(r.notes[0]!.message).toMatch(/^b: .* scores 2022; the 2021 evidence is scored under it as if it applied in 2021/);
    expect(r.warnings.b.find((w) => w.node === '7.2.3')).toMatchObject({
      code: 'evidence.missing',
      units: expect.arrayContaining(['nhu-quynh']),
    });
    expect(r.warnings.b.find((w) => w.node === '7.2.3')!.units).toHaveLength(11);
    expect(r.warnings.b.find((w) => w.code === 'evidence.unknown-measure')!.message).toMatch(/complaints\.escalated/);
    expect(r.warnings.a.map((w) => `${w.code} ${w.node}`)).toEqual(['evidence.missing 5.2']);
  });

  it('is frozen, and leaves the evidence and the sets as they were', () => {
    expect(Object.isFrozen(r) && Object.isFrozen(r.units[0]!.causes)).toBe(true);
    expect(Object.isFrozen(evidence)).toBe(true);
    expect(rescore(a, b, evidence)).toEqual(r);
    expect(b.years).toEqual([2022]);
  });
});

describe('the committed re-scoring report', () => {
  it('is current: regenerating the 2022 set and both reports gives the same bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vl2022-'));
    await generate(root, dir);
    for (const f of Object.values(OUTPUTS)) expect(readFileSync(join(dir, f), 'utf8'), f).toBe(read(f));
  });

  it('reads as a report in both languages', () => {
    const vi = read(OUTPUTS.reportVi);
    expect(vi).toMatch(/^# Chấm lại minh chứng năm 2021 theo hai phiên bản bộ tiêu chí/);
    expect(vi).toMatch(/\| 7\.2\.3 \| .* \| — \| 0\/1 \(thiếu minh chứng\) \| 0,00 \| chỉ có ở B \|/);
    expect(vi).toMatch(/mã cũ 7\.1\.3/);
    const en = read(OUTPUTS.reportEn);
    expect(en).toMatch(/\| Lạc Đạo \| 92\.46 \| 91\.57 \| −0\.89 \| 3\/11 \| 0 \| Excellent → Good \|/);
    expect(en).toMatch(/\[rescore\.counterfactual-year\]/);
  });
});

describe('attribution on small sets', () => {
  const tree = (w1: number, w2: number, extra: unknown[] = []) => [
    {
      id: '1',
      title: 'Hồ sơ',
      max: w1,
      children: [
        { id: '1.1', title: 'Đúng hạn', max: w1, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'full' } },
      ],
    },
    {
      id: '2',
      title: 'Thẩm định',
      max: w2 + 1,
      children: [
        { id: '2.1', title: 'Kế hoạch', max: w2, rule: { kind: 'rate', numerator: 'violations', base: 'received', whenBaseZero: 'zero' } },
        { id: '2.2', title: 'Báo cáo', max: 1, rule: { kind: 'appraisal' } },
      ],
    },
    ...extra,
  ];

  it('reports the rank a unit gains or loses when the weights change', () => {
    const x = makeSet(tree(8, 2));
    const y = loadCriteriaSet({ ...criteriaData(x), version: '2', tree: tree(2, 8) });
    const ev = makeEvidence(
      [
        { measures: { onTime: 10, resolved: 10, violations: 0, received: 10 }, appraisals: { '2.2': { round1: 1 } } },
        { measures: { onTime: 0, resolved: 10, violations: 10, received: 10 }, appraisals: { '2.2': { round1: 1 } } },
      ],
      { source: 'thử' },
    );
    const res = rescore(x, y, ev);
    const u1 = res.units.find((u) => u.unit.id === 'u1')!;
    const u2 = res.units.find((u) => u.unit.id === 'u2')!;
    expect([u1.a.rank, u1.b.rank, u1.delta.rank]).toEqual([1, 2, -1]);
    expect([u2.a.rank, u2.b.rank, u2.delta.rank]).toEqual([2, 1, 1]);
    // 1.1 lost 6 of its weight; 2.1 scores 0 either way but its maximum moved (2 → 8), so it is listed.
    expect(u1.causes.map((c) => [c.id, c.delta, c.a?.max, c.b?.max])).toEqual([
      ['1.1', -6, 8, 2],
      ['2.1', 0, 2, 8],
    ]);
    expect(renderRescore(res, 'en')).toMatch(/\| 2\/2 \| Xã 1 \| 81\.82 \| 27\.27 \| −54\.55 \| 1\/2 \| −1 \|/);
  });

  it('carries evidence of a renumbered node to its new number, and lists evidence of a removed node as unused', () => {
    const x = makeSet(tree(2, 2));
    const y = amend(
      x,
      changesDoc(x, [
        { op: 'move', id: '2.2', parent: '1', newId: '1.2' },
        { op: 'points', id: '1', max: 3 },
        { op: 'points', id: '2', max: 2 },
        { op: 'remove', id: '2.1' },
        { op: 'add', parent: '2', node: { id: '2.3', title: 'Mới', max: 2, rule: { kind: 'appraisal' } } },
      ]),
    ).set;
    const ev = makeEvidence(
      [
        {
          measures: { onTime: 5, resolved: 10, violations: 3, received: 4 },
          appraisals: { '2.2': { round1: 1 } },
          findings: [{ id: 'f1', node: '2.1', description: 'Thiếu hồ sơ' }],
          notApplicable: [{ node: '2.2', reason: 'không có đối tượng' }],
        },
      ],
      { source: 'thử' },
    );
    const res = rescore(x, y, ev);
    expect(res.notes.map((n) => `${n.code} ${n.node}`).sort()).toEqual(
      ['rescore.evidence-not-used 2.1', 'rescore.evidence-remapped 2.2', 'rescore.evidence-remapped 2.2'].sort(),
    );
    expect(res.notes.find((n) => n.code === 'rescore.evidence-not-used')!.messageVi).toMatch(/không có tiêu chí 2\.1/);
    const u = res.units[0]!;
    // 1.2 (was 2.2) is still declared not applicable, so it scores nothing under either version.
    expect(u.causes.find((c) => c.id === '1.2')).toMatchObject({
      fromId: '2.2',
      a: { status: 'not-applicable' },
      b: { status: 'not-applicable' },
    });
    // 2.1: 2 × 3 ÷ 4 = 1.5 under a; gone under b.
    expect(u.causes.find((c) => c.id === '2.1')).toMatchObject({ presence: 'only-a', delta: -1.5 });
    expect(u.causes.find((c) => c.id === '2.3')).toMatchObject({ presence: 'only-b', b: { status: 'missing' } });
  });

  it('puts what a penalty cap takes in the residual, not on a leaf', () => {
    const pen = (cap: number) => [
      {
        id: '9',
        title: 'Điểm trừ',
        block: { kind: 'penalty', cap },
        children: [{ id: '9.1', title: 'Vi phạm', max: 2, rule: { kind: 'deduction', count: 'violations', per: 0.5, floor: 0 } }],
      },
    ];
    // The deduction leaf scores max − 0.5 × violations; a penalty block subtracts what its leaf scores.
    const x = makeSet(tree(2, 2, pen(1)));
    const y = loadCriteriaSet({ ...criteriaData(x), version: '2', tree: tree(2, 2, pen(2)) });
    const ev = makeEvidence([{ measures: { onTime: 1, resolved: 1, violations: 0, received: 1 }, appraisals: { '2.2': { round1: 1 } } }], {
      source: 'thử',
    });
    const u = rescore(x, y, ev).units[0]!;
    expect(u.delta.total).toBe(-1);
    expect(u.causes).toEqual([]);
    expect(u.residual).toBe(-1);
  });
});

describe('par-index rescore', () => {
  const cmd = makeCommands(readers).rescore!;
  it('prints JSON or Markdown, exit 0', async () => {
    const out: string[] = [];
    const code = await cmd.run(
      [
        join(root, 'criteria/examples/van-lam-commune-2021.yaml'),
        join(root, 'criteria/examples/van-lam-commune-2022.yaml'),
        join(root, 'fixtures/van-lam-2021'),
      ],
      { format: 'json', lang: 'en' },
      { out: (s) => out.push(s), err: () => {} },
    );
    expect(code).toBe(0);
    const parsed = JSON.parse(out.join('\n'));
    expect(parsed.format).toBe('par-index/rescore@1');
    expect(parsed.units).toHaveLength(11);
  });

  it('refuses a command line without evidence', async () => {
    await expect(async () => cmd.run(['a.yaml', 'b.yaml'], { format: 'md' }, { out: () => {}, err: () => {} })).rejects.toThrow(UsageError);
  });
});

describe('rescore with a unit map: merged units get their predecessors combined as declared', () => {
  const leaf = (id: string, max: number, m: string) => ({
    id,
    title: `Lĩnh vực ${id}`,
    max,
    children: [{ id: `${id}.1`, title: 'x', max, rule: { kind: 'rate', numerator: m, base: 'resolved', whenBaseZero: 'zero' } }],
  });
  // A: fields 1 and 2 of 10 points; B doubles field 2 (20 points). resolved = 10 throughout, so
  // index A = (onTime + received) ÷ 20 × 100 and index B = (onTime + 2 × received) ÷ 30 × 100.
  const setA = makeSet([leaf('1', 10, 'onTime'), leaf('2', 10, 'received')]);
  const setB = makeSet([leaf('1', 10, 'onTime'), leaf('2', 20, 'received')], { version: '2' });
  const units = [
    { id: 'p', onTime: 8, received: 6 }, // A 70, B 20/30 = 66.67
    { id: 'q', onTime: 9, received: 9 }, // A 90, B 27/30 = 90
    { id: 'r', onTime: 5, received: 5 }, // A 50, B 15/30 = 50
    { id: 's', onTime: 7, received: 3 }, // A 50, B 13/30 = 43.33
    { id: 't', onTime: 6, received: 6 }, // A 60, B 60
    { id: 'u', onTime: 4, received: 4 }, // A 40, B 40
  ];
  const ev = makeEvidence(
    units.map((u) => ({ id: u.id, name: `Xã ${u.id}`, measures: { onTime: u.onTime, received: u.received, resolved: 10 } })),
  );
  const mapDoc = {
    format: 'par-index/unit-map@1',
    from: 2021,
    decision: { number: '1/NQ-UBTVQH15 (minh họa)', date: '2025-06-16' },
    weightsOf: 'dân số (người)',
    weightsOfEn: 'population (persons)',
    weights: { p: 1000, q: 3000 },
    entries: [
      { from: ['p', 'q'], to: 'pq', name: 'Xã Phú Quý (minh họa)', baseline: 'weighted-mean' },
      { from: ['r', 's'], to: 'rs' },
      { from: ['t', 'u', 'v'], to: 'tuv', baseline: 'none' },
    ],
  };
  const map = loadUnitMap(mapDoc, { file: 'map.yaml' });
  const r = rescore(setA, setB, ev, { map });
  const m = (id: string) => r.merged!.find((x) => x.unit.id === id)!;

  it('weighted mean: A (70 × 1000 + 90 × 3000) ÷ 4000 = 85; B (66.67 + 3 × 90) ÷ 4 = 84.1675 → 84.17', () => {
    expect(m('pq')).toMatchObject({ unit: { id: 'pq', name: 'Xã Phú Quý (minh họa)' }, basis: 'weighted-mean' });
    expect(m('pq').index).toEqual({ a: 85, b: 84.17, delta: -0.83 });
    // Field 2: A (6 + 27) ÷ 4 = 8.25; B (12 + 54) ÷ 4 = 16.5. Field 1 is the same under both: (8 + 27) ÷ 4 = 8.75.
    expect(m('pq').fields).toEqual([
      { id: '1', title: 'Lĩnh vực 1', a: 8.75, b: 8.75, delta: 0 },
      { id: '2', title: 'Lĩnh vực 2', a: 8.25, b: 16.5, delta: 8.25 },
    ]);
    expect(m('pq').weights?.units).toEqual([
      { id: 'p', weight: 1000 },
      { id: 'q', weight: 3000 },
    ]);
  });

  it('mean: A (50 + 50) ÷ 2 = 50; B (50 + 43.33) ÷ 2 = 46.665 → 46.67 half-up (exact, not 46.66)', () => {
    expect([m('rs').basis, m('rs').index]).toEqual(['mean', { a: 50, b: 46.67, delta: -3.33 }]);
    expect(m('rs').unit.name).toBe('rs');
  });

  it('rounds as each set rounds: under a B whose index is rounded down, (50 + 43.33) ÷ 2 = 46.665 → 46.66', () => {
    const down = makeSet([leaf('1', 10, 'onTime'), leaf('2', 20, 'received')], { version: '3', rounding: { indexMode: 'down' } });
    expect(rescore(setA, down, ev, { map }).merged!.find((x) => x.unit.id === 'rs')!.index).toEqual({ a: 50, b: 46.66, delta: -3.34 });
  });

  it('none: listed with its predecessors and no combined values; a predecessor not in the evidence is named', () => {
    expect(m('tuv')).toMatchObject({ basis: 'none', index: { a: null, b: null, delta: null }, fields: [], missing: ['v'] });
    expect(m('tuv').from.map((f) => [f.id, f.a.index, f.b.index])).toEqual([
      ['t', 60, 60],
      ['u', 40, 40],
    ]);
    expect(r.notes.filter((n) => n.code === 'compare.unknown-unit').map((n) => n.unit)).toEqual(['v']);
  });

  it('keeps every pre-merger unit re-scored as before, and has no merged section without a map', () => {
    expect(r.units.map((u) => u.unit.id).sort()).toEqual(['p', 'q', 'r', 's', 't', 'u']);
    expect(rescore(setA, setB, ev).merged).toBeUndefined();
  });

  it('renders a section per merged unit, in Vietnamese and English', () => {
    const vi = renderRescore(r, 'vi');
    expect(vi).toContain('## Đơn vị sau sáp nhập (theo bảng đối chiếu đơn vị)');
    expect(vi).toContain('### Xã Phú Quý (minh họa) (pq) ← p + q');
    expect(vi).toContain('Cơ sở: bình quân gia quyền theo dân số (người) (p 1000, q 3000).');
    expect(vi).toContain('| **Gộp** | 85,00 | 84,17 | −0,83 | 8,75 → 8,75 | 8,25 → 16,50 |');
    expect(vi).toContain('| **Không so sánh** | — | — | — | — | — |');
    const en = renderRescore(r, 'en');
    expect(en).toContain('Basis: mean weighted by population (persons) (p 1000, q 3000).');
    expect(en).toContain('### rs (rs) ← r + s');
    expect(en).toContain('| **Combined** | 50.00 | 46.67 | −3.33 |');
    expect(en).toContain('Not in the evidence: v.');
    expect(JSON.parse(renderRescore(r, 'en', 'json')).merged).toHaveLength(3);
  });

  it('par-index rescore --map', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'par-rescore-map-'));
    writeFileSync(join(dir, 'a.yaml'), stringify(criteriaData(setA)));
    writeFileSync(join(dir, 'b.yaml'), stringify(criteriaData(setB)));
    writeFileSync(
      join(dir, 'ev.yaml'),
      stringify({
        format: 'par-index/evidence@1',
        year: 2021,
        source: 'Báo cáo thử',
        units: units.map((u) => ({ id: u.id, name: `Xã ${u.id}`, measures: { onTime: u.onTime, received: u.received, resolved: 10 } })),
      }),
    );
    writeFileSync(join(dir, 'map.yaml'), stringify(mapDoc));
    const out: string[] = [];
    const err: string[] = [];
    const code = await makeCommands([]).rescore!.run(
      [join(dir, 'a.yaml'), join(dir, 'b.yaml'), join(dir, 'ev.yaml')],
      { format: 'json', map: join(dir, 'map.yaml') },
      { out: (s) => out.push(s), err: (s) => err.push(s) },
    );
    expect(code).toBe(0);
    const j = JSON.parse(out.join('\n'));
    expect(j.merged.map((x: { unit: { id: string }; index: { a: number | null } }) => [x.unit.id, x.index.a])).toEqual([
      ['pq', 85],
      ['rs', 50],
      ['tuv', null],
    ]);
    expect(err.join('\n')).toMatch(/"v"/);
  });
});
