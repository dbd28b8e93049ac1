/**
 * Diffs between criteria sets: node by node and at set level, the pairing rule for renumbered nodes, the
 * readable report in both languages, and the patches that turn one set into the other (property).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { applyPatches, enablePatches } from 'immer';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from '../../src/core/hash.js';
import { amend } from '../../src/criteria/amend.js';
import { diff } from '../../src/criteria/diff.js';
import { diffPatches } from '../../src/criteria/diff-patches.js';
import { matchNodes } from '../../src/criteria/match.js';
import { describeNodeDiff, renderDiff } from '../../src/report/diff.js';
import { criteriaData, loadCriteriaSet } from '../../src/criteria/load.js';
import { commands } from '../../src/cli/versions.js';
import { criteriaArb } from '../support/arbitraries.js';
import { criteriaDoc, makeSet } from '../support/support.js';
import { changePlanArb, changesDoc, singleChange } from '../support/versions-support.js';
import { root } from '../support/paths.js';

enablePatches();
const load = (p: string) => loadCriteriaSet(readFileSync(join(root, p), 'utf8'), { file: p });
const a = load('criteria/examples/van-lam-commune-2021.yaml');
const b = load('criteria/examples/van-lam-commune-2022.yaml');

const leaf = (id: string, title = `Tiêu chí ${id}`, max = 1) => ({ id, title, max, rule: { kind: 'appraisal' } });

describe('the Văn Lâm 2021 → 2022 diff', () => {
  const d = diff(a, b);
  const of = (kind: string) => d.nodes.filter((n) => n.kind === kind).map((n) => n.id);

  it('lists the amendment node by node', () => {
    expect(of('added')).toEqual(['7.2.3']);
    expect(of('removed')).toEqual(['10.2']);
    expect(of('moved')).toEqual(['7.3.3']);
    expect(of('points')).toEqual(['7', '7.1', '7.2', '7.3', '8', '8.3']);
    expect(of('rule')).toEqual(['1.2', '3.2.3']);
    expect(of('title')).toEqual(['8.3']);
    expect(of('legal')).toEqual(['3.2']);
    expect(of('block')).toEqual(['10']);
    expect(d.counts).toMatchObject({
      added: 1,
      removed: 1,
      moved: 1,
      points: 6,
      rule: 2,
      title: 1,
      legal: 1,
      block: 1,
      applicability: 0,
      notes: 0,
      provenance: 0,
    });
  });

  it('says how each node changed', () => {
    const moved = d.nodes.find((n) => n.kind === 'moved')!;
    expect(moved).toMatchObject({
      id: '7.3.3',
      renumbered: true,
      reparented: true,
      from: { id: '7.1.3', parent: '7.1', position: 2 },
      to: { id: '7.3.3', parent: '7.3', position: 2 },
    });
    const target = d.nodes.find((n) => n.kind === 'rule' && n.id === '3.2.3')!;
    expect(target).toMatchObject({ changed: ['target'], from: { target: 80 }, to: { target: 90 } });
    expect(d.nodes.find((n) => n.kind === 'points' && n.id === '7.1')).toMatchObject({ from: 5, to: 4 });
    expect(d.nodes.find((n) => n.kind === 'added')).toMatchObject({ leaf: true, to: { parent: '7.2', position: 2, max: 1 } });
  });

  it('lists set-level changes: metadata, bands, measures', () => {
    const keys = d.set.map((s) => `${s.key} ${s.change}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'version changed',
        'years changed',
        'decision changed',
        'amends added',
        'bands.levels.xuat-sac changed',
        'bands.levels.tot changed',
        'measures.complaints.escalated removed',
        'measures.dossiers.digitisedResults added',
      ]),
    );
    expect(keys.some((k) => k.startsWith('rounding') || k.startsWith('ranking'))).toBe(false);
  });

  it('reads in Vietnamese and in English, as text, Markdown and JSON', () => {
    const vi = renderDiff(d, 'vi');
    expect(vi).toMatch(/So sánh hai phiên bản bộ tiêu chí/);
    expect(vi).toMatch(/7\.3\.3 .* — đổi mã 7\.1\.3 → 7\.3\.3; chuyển từ 7\.1, vị trí 3 sang 7\.3, vị trí 3/);
    expect(vi).toMatch(/3\.2\.3 .* quy tắc \(rate\): target: 80 → 90/);
    expect(vi).toMatch(/\[90; 100\) → 1/);
    const en = renderDiff(d, 'en', 'md');
    expect(en).toMatch(/^# Differences between two criteria sets/);
    expect(en).toMatch(/\| 7\.2\.3 \| .* \| added \| added under 7\.2, position 3, 1 points \|/);
    expect(en).toMatch(/- decision: …\/QĐ-UBND \(minh họa\) \(2021-03-15\) → …\/QĐ-UBND \(minh họa, sửa đổi\) \(2022-03-10\)/);
    expect(JSON.parse(renderDiff(d, 'en', 'json'))).toEqual(JSON.parse(JSON.stringify(d)));
  });

  it('is frozen and does not depend on the inputs being re-read', () => {
    expect(Object.isFrozen(d) && Object.isFrozen(d.nodes[0])).toBe(true);
    expect(
      canonicalJson(diff(load('criteria/examples/van-lam-commune-2021.yaml'), load('criteria/examples/van-lam-commune-2022.yaml'))),
    ).toBe(canonicalJson(d));
  });
});

describe('pairing and moves', () => {
  it('two identical sets: nothing changed', () => {
    const d = diff(a, load('criteria/examples/van-lam-commune-2021.yaml'));
    expect(d.same).toBe(true);
    expect(d.nodes).toEqual([]);
    expect(d.set).toEqual([]);
    expect(renderDiff(d, 'en')).toMatch(/identical/);
  });

  it('an insertion does not make the siblings after it "moved"; a reorder moves only what left the order', () => {
    const x = makeSet([{ id: '1', title: 'F', max: 4, children: [leaf('1.1'), leaf('1.2'), leaf('1.3'), leaf('1.4')] }]);
    const inserted = makeSet([
      { id: '1', title: 'F', max: 5, children: [leaf('1.0', 'Mới'), leaf('1.1'), leaf('1.2'), leaf('1.3'), leaf('1.4')] },
    ]);
    expect(diff(x, inserted).nodes.map((n) => `${n.kind}:${n.id}`)).toEqual(['points:1', 'added:1.0']);
    const reordered = makeSet([{ id: '1', title: 'F', max: 4, children: [leaf('1.2'), leaf('1.3'), leaf('1.4'), leaf('1.1')] }]);
    const d = diff(x, reordered);
    expect(d.nodes.map((n) => `${n.kind}:${n.id}`)).toEqual(['moved:1.1']);
    expect(d.nodes[0]).toMatchObject({ reparented: false, renumbered: false, from: { position: 0 }, to: { position: 3 } });
    expect(renderDiff(d, 'en')).toMatch(/order under 1: position 1 → 4/);
  });

  it('pairs a removed and an added node by title only when the title is unique on both sides', () => {
    const x = makeSet([
      { id: '1', title: 'F', max: 3, children: [leaf('1.1', 'Kế hoạch'), leaf('1.2', 'Báo cáo'), leaf('1.3', 'Báo cáo')] },
    ]);
    const y = makeSet([
      { id: '1', title: 'F', max: 3, children: [leaf('1.4', '  kế   hoạch '), leaf('1.5', 'Báo cáo'), leaf('1.6', 'Báo cáo')] },
    ]);
    const m = matchNodes(x, y);
    expect(m.aToB.get('1.1')).toBe('1.4');
    expect(m.aToB.has('1.2')).toBe(false);
    const d = diff(x, y);
    expect(d.nodes.map((n) => `${n.kind}:${n.id}`).sort()).toEqual(
      ['added:1.5', 'added:1.6', 'moved:1.4', 'removed:1.2', 'removed:1.3', 'title:1.4'].sort(),
    );
    expect(d.nodes.find((n) => n.kind === 'moved')).toMatchObject({ renumbered: true, reparented: false });
  });

  it('set level: rounding, ranking, bands added and removed, a band level reordered', () => {
    const base = small();
    const changed = amend(
      base,
      changesDoc(base, [
        { op: 'rounding', set: { stage: 'field' } },
        { op: 'ranking', set: { on: 'exact' } },
        {
          op: 'bands',
          bands: {
            levels: [
              { id: 'yeu', label: 'Yếu', max: 50 },
              { id: 'tot', label: 'Tốt', min: 50, max: 100, maxInclusive: true },
            ],
          },
        },
      ]),
    ).set;
    const keys = diff(base, changed).set.map((s) => `${s.key} ${s.change}`);
    expect(keys).toEqual([
      'version changed',
      'decision changed',
      'amends added',
      'rounding.stage changed',
      'ranking.on changed',
      'bands.levels.tot changed',
      'bands.levels.kha removed',
      'bands.levels changed',
    ]);
    const noBands = amend(base, changesDoc(base, [{ op: 'bands', bands: null }])).set;
    expect(diff(base, noBands).set.find((s) => s.key === 'bands')).toMatchObject({ change: 'removed' });
    expect(diff(noBands, base).set.find((s) => s.key === 'bands')).toMatchObject({ change: 'added' });
  });
});

function small() {
  return makeSet([{ id: '1', title: 'F', max: 3, children: [leaf('1.1'), leaf('1.2', 'x', 2)] }], {
    bands: {
      levels: [
        { id: 'tot', label: 'Tốt', min: 80, max: 100, maxInclusive: true },
        { id: 'kha', label: 'Khá', min: 50, max: 80 },
        { id: 'yeu', label: 'Yếu', max: 50 },
      ],
    },
  });
}

describe('diffPatches', () => {
  it('turns the 2021 set into the 2022 set, a moved node being one removal and one insertion', () => {
    const p = diffPatches(a, b);
    expect(contentHash(applyPatches(criteriaData(a), p))).toBe(b.hash);
    const moves = p.filter((x) => x.path.join('.').startsWith('tree.6.children'));
    expect(moves.filter((x) => x.op === 'remove').map((x) => x.path.join('.'))).toEqual(['tree.6.children.0.children.2']);
    expect(diffPatches(a, a)).toEqual([]);
  });

  it('applying the patches of diff(a, b) to a gives b — any two generated sets', () => {
    fc.assert(
      fc.property(criteriaArb(), criteriaArb(), (ga, gb) => {
        const x = loadCriteriaSet(ga.data);
        const y = loadCriteriaSet(gb.data);
        const data = criteriaData(x);
        const before = canonicalJson(data);
        expect(contentHash(applyPatches(data, diffPatches(x, y)))).toBe(y.hash);
        expect(canonicalJson(data)).toBe(before);
      }),
      { numRuns: 80 },
    );
  });

  it('applying the patches of diff(a, amend(a, change)) to a gives the amended set', () => {
    fc.assert(
      fc.property(criteriaArb(), changePlanArb, (g, plan) => {
        const x = loadCriteriaSet(g.data);
        const c = singleChange(x, plan.kind, plan.pick, plan.pick2, plan.amount);
        fc.pre(c !== undefined);
        const y = amend(x, changesDoc(x, c.changes)).set;
        expect(contentHash(applyPatches(criteriaData(x), diffPatches(x, y)))).toBe(y.hash);
      }),
      { numRuns: 80 },
    );
  });
});

describe('par-index diff', () => {
  it('prints the report in the chosen format and language, exit 0', () => {
    for (const [format, lang, pattern] of [
      ['text', 'vi', /So sánh hai phiên bản/],
      ['md', 'en', /^# Differences/],
      ['json', 'en', /"format": "par-index\/criteria-diff@1"/],
    ] as const) {
      const out: string[] = [];
      const code = commands.diff!.run(
        [join(root, 'criteria/examples/van-lam-commune-2021.yaml'), join(root, 'criteria/examples/van-lam-commune-2022.yaml')],
        { format, lang },
        { out: (s) => out.push(s), err: () => {} },
      );
      expect(code).toBe(0);
      expect(out.join('\n')).toMatch(pattern);
    }
  });
});

describe('issue 22: applies and whenNotApplicable are compared', () => {
  it('a node that gains a whenNotApplicable is reported, in words', () => {
    const leaf = (id: string, extra: Record<string, unknown> = {}) => ({
      id,
      title: `T ${id}`,
      max: 2,
      rule: { kind: 'task', task: `t${id}` },
      ...extra,
    });
    const a = loadCriteriaSet(
      criteriaDoc([{ id: '1', title: 'A', max: 4, children: [leaf('1.1'), leaf('1.2', { applies: { attribute: 'x', equals: true } })] }]),
    );
    const b = loadCriteriaSet(
      criteriaDoc([
        {
          id: '1',
          title: 'A',
          max: 4,
          children: [
            leaf('1.1'),
            leaf('1.2', { applies: { attribute: 'x', equals: true }, whenNotApplicable: { redistribute: 'even', over: ['1.1'] } }),
          ],
        },
      ]),
    );
    const d = diff(a, b);
    expect(d.counts.applicability).toBe(1);
    const c = d.nodes.find((n) => n.kind === 'applicability');
    if (c?.kind !== 'applicability') throw new Error('no applicability change');
    expect(c.id).toBe('1.2');
    expect(c.to).toEqual({
      applies: { attribute: 'x', equals: true, whenMissing: 'error' },
      whenNotApplicable: { redistribute: 'even', over: ['1.1'] },
    });
    expect(describeNodeDiff(c, 'vi')).toMatch(/^điều kiện áp dụng: /);
    expect(describeNodeDiff(c, 'en')).toMatch(
      /^applicability: .*"applies".* → .*"whenNotApplicable":\{"redistribute":"even","over":\["1\.1"\]\}/,
    );
  });
});
