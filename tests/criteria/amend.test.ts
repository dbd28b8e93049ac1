/**
 * Amendments: the Văn Lâm 2021 → 2022 example, every kind of change, errors that name the change that caused
 * them, patches that replay and undo, and the properties of issue 6 (identity, diff lists exactly the changes,
 * old versions keep their scores in a registry).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { applyPatches, enablePatches } from 'immer';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/core/errors.js';
import { canonicalJson, contentHash } from '../../src/core/hash.js';
import { amend, applyAmendment } from '../../src/criteria/amend.js';
import { loadChanges } from '../../src/criteria/changes.js';
import { criteriaYaml } from '../../src/criteria/criteria-yaml.js';
import { diff } from '../../src/criteria/diff.js';
import { describeNodeDiff } from '../../src/report/diff.js';
import { criteriaData, loadCriteriaSet, type CriteriaSet } from '../../src/criteria/load.js';
import { CriteriaRegistry } from '../../src/criteria/registry.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { loadEvidence } from '../../src/evidence/load.js';
import { commands } from '../../src/cli/versions.js';
import { criteriaArb, scenarioArb } from '../support/arbitraries.js';
import { issuesOf, makeSet } from '../support/support.js';
import { changePlanArb, changesDoc, singleChange } from '../support/versions-support.js';
import { root } from '../support/paths.js';

enablePatches();
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const set2021 = loadCriteriaSet(read('criteria/examples/van-lam-commune-2021.yaml'), { file: 'van-lam-commune-2021.yaml' });
const changesText = read('criteria/examples/van-lam-commune-2022.changes.yaml');
const CHANGES_FILE = 'van-lam-commune-2022.changes.yaml';

/** A small valid set: field 1 (3 = 1 + 2) and field 2 (5 = 5), with bands. */
const small = () =>
  makeSet(
    [
      {
        id: '1',
        title: 'Lĩnh vực một',
        max: 3,
        children: [
          { id: '1.1', title: 'Kế hoạch', max: 1, rule: { kind: 'appraisal' } },
          { id: '1.2', title: 'Báo cáo', max: 2, rule: { kind: 'appraisal' } },
        ],
      },
      {
        id: '2',
        title: 'Lĩnh vực hai',
        max: 5,
        children: [
          {
            id: '2.1',
            title: 'Hồ sơ đúng hạn',
            max: 5,
            rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'full' },
          },
        ],
      },
    ],
    {
      bands: {
        levels: [
          { id: 'tot', label: 'Tốt', min: 80, max: 100, maxInclusive: true },
          { id: 'kha', label: 'Khá', min: 50, max: 80 },
          { id: 'yeu', label: 'Yếu', max: 50 },
        ],
      },
    },
  );
const doc = (set: CriteriaSet, changes: Record<string, unknown>[]) => changesDoc(set, changes);

describe('the Văn Lâm 2021 → 2022 example', () => {
  const r = amend(set2021, changesText, { file: CHANGES_FILE });

  it('gives a checked set with its own hash, amends pointing at 2021, and no warning', () => {
    expect(r.set.version).toBe('2022');
    expect(r.set.years).toEqual([2022]);
    expect(r.set.hash).not.toBe(set2021.hash);
    expect(r.set.hash).toBe(contentHash(criteriaData(r.set)));
    expect(r.set.amends).toEqual({ id: set2021.id, version: '2021', decision: set2021.decision.number, date: set2021.decision.date });
    expect(r.set.decision).toMatchObject({ number: '…/QĐ-UBND (minh họa, sửa đổi)', date: '2022-03-10' });
    expect(r.warnings).toEqual([]);
    expect(Object.isFrozen(r.set) && Object.isFrozen(r.set.tree[0])).toBe(true);
  });

  it('records the amending decision with the patches, step by step', () => {
    const a = r.amendment;
    expect(a.decision).toMatchObject({ number: '…/QĐ-UBND (minh họa, sửa đổi)', date: '2022-03-10' });
    expect(a.base).toEqual({ id: set2021.id, version: '2021', hash: set2021.hash });
    expect(a.result.hash).toBe(r.set.hash);
    const changes = loadChanges(changesText, { file: CHANGES_FILE }).changes;
    expect(a.steps.filter((s) => s.index >= 0).map((s) => s.op)).toEqual(changes.map((c) => c.op));
    expect(a.steps.every((s) => s.index < 0 || s.patches.length > 0)).toBe(true);
    expect(a.patches).toEqual(a.steps.flatMap((s) => s.patches));
  });

  it('is what the committed van-lam-commune-2022.yaml holds: regenerating gives the same hash', () => {
    const committed = loadCriteriaSet(read('criteria/examples/van-lam-commune-2022.yaml'), { file: 'van-lam-commune-2022.yaml' });
    expect(committed.hash).toBe(r.set.hash);
  });

  it('leaves the 2021 set as it was: same hash, frozen, and the same scores', () => {
    const ev = loadEvidence({
      data: {
        format: 'par-index/evidence@1',
        year: 2021,
        source: 'thử',
        units: [
          {
            id: 'x',
            name: 'Xã',
            measures: { 'dossiers.resolved': 10, 'dossiers.onTime': 9, 'reports.required': 12, 'reports.onTime': 10 },
          },
        ],
      },
    });
    const before = canonicalJson(evaluate(set2021, ev, { trace: false }));
    amend(set2021, changesText, { file: CHANGES_FILE });
    expect(set2021.hash).toBe(contentHash(criteriaData(set2021)));
    expect(Object.isFrozen(set2021.tree)).toBe(true);
    expect(canonicalJson(evaluate(set2021, ev, { trace: false }))).toBe(before);
  });

  it('replays from its patches and undoes with the inverse patches', () => {
    expect(applyAmendment(set2021, r.amendment).hash).toBe(r.set.hash);
    expect(contentHash(applyPatches(criteriaData(set2021), r.amendment.patches))).toBe(r.set.hash);
    expect(contentHash(applyPatches(criteriaData(r.set), r.amendment.inversePatches))).toBe(set2021.hash);
  });

  it('refuses to replay on another base, and a tampered patch list', () => {
    const other = amend(set2021, { ...doc(set2021, [{ op: 'points', id: '1.5', max: 2 }]), version: '2021b' }).set;
    expect(issuesOf(() => applyAmendment(other, r.amendment))[0]!.code).toBe('amend.base-mismatch');
    const bad = { ...r.amendment, patches: r.amendment.patches.slice(1) };
    expect(issuesOf(() => applyAmendment(set2021, bad)).map((i) => i.code)).toContain('amend.patch-mismatch');
  });

  it('writes YAML that loads to the same hash', () => {
    const text = criteriaYaml(r.set, { header: 'a header\nover two lines' });
    expect(text.startsWith('# a header\n# over two lines\n')).toBe(true);
    expect(loadCriteriaSet(text).hash).toBe(r.set.hash);
  });
});

describe('changes', () => {
  it('add, remove, move with a new number, points, rule (whole and partial), node fields, metadata', () => {
    const a = small();
    const r = amend(
      a,
      doc(a, [
        { op: 'add', parent: '2', before: '2.1', node: { id: '2.0', title: 'Mới', max: 1, rule: { kind: 'appraisal' } } },
        { op: 'points', id: '2', max: 6 },
        { op: 'move', id: '1.1', parent: '2', after: '2.1', newId: '2.2' },
        { op: 'points', id: '1', max: 2 },
        { op: 'points', id: '2', max: 7 },
        { op: 'rule', id: '2.1', set: { target: 90 } },
        { op: 'rule', id: '1.2', rule: { kind: 'appraisal', useSelfScore: true } },
        { op: 'node', id: '1.2', set: { title: 'Báo cáo định kỳ', legal: 'Thông tư 01/2022' } },
        { op: 'meta', set: { years: [2022], titleEn: 'Test set' } },
      ]),
    );
    const s = r.set;
    expect(s.tree[1]!.children!.map((n) => n.id)).toEqual(['2.0', '2.1', '2.2']);
    expect(s.tree[0]!.children!.map((n) => n.id)).toEqual(['1.2']);
    expect(s.tree[1]!.children![1]!.rule).toMatchObject({ kind: 'rate', target: 90, whenBaseZero: 'full' });
    expect(s.tree[0]!.children![0]).toMatchObject({
      title: 'Báo cáo định kỳ',
      legal: [{ ref: 'Thông tư 01/2022' }],
      rule: { kind: 'appraisal', useSelfScore: true },
    });
    expect(s.years).toEqual([2022]);
    expect(s.titleEn).toBe('Test set');
    // The base is untouched.
    expect(a.tree[0]!.children!.map((n) => n.id)).toEqual(['1.1', '1.2']);
  });

  it('rounding, ranking, a band level, the bands, a measure and a survey', () => {
    const a = small();
    const r = amend(
      a,
      doc(a, [
        { op: 'rounding', set: { stage: 'criterion', precision: 3 } },
        { op: 'ranking', set: { method: 'dense' } },
        { op: 'band', id: 'tot', set: { min: 85 } },
        { op: 'band', id: 'kha', set: { max: 85 } },
        { op: 'measure', id: 'digitised', decl: { title: 'Số hồ sơ số hóa', unit: 'count' } },
        { op: 'measure', id: 'violations', decl: null },
        { op: 'survey', id: 'sipas', decl: { title: 'SIPAS mới' } },
      ]),
    );
    expect(r.set.rounding).toMatchObject({ stage: 'criterion', precision: 3, mode: 'half-up' });
    expect(r.set.ranking.method).toBe('dense');
    expect(r.set.bands!.levels.map((l) => [l.id, l.min, l.max])).toEqual([
      ['tot', 85, 100],
      ['kha', 50, 85],
      ['yeu', undefined, 50],
    ]);
    expect(r.set.measures['digitised']).toMatchObject({ unit: 'count' });
    expect(r.set.measures['violations']).toBeUndefined();
    expect(r.set.surveys['sipas']!.title).toBe('SIPAS mới');
    const r2 = amend(a, doc(a, [{ op: 'bands', bands: null }]));
    expect(r2.set.bands).toBeUndefined();
  });

  it('warns about a change that changes nothing, and about keeping the same version', () => {
    const a = small();
    const r = amend(a, {
      ...doc(a, [
        { op: 'points', id: '1.1', max: 1 },
        { op: 'points', id: '1.2', max: 2 },
        { op: 'rule', id: '2.1', set: { target: 80 } },
        { op: 'rule', id: '2.1', set: { target: null } },
      ]),
      version: a.version,
    });
    const codes = r.warnings.map((w) => `${w.code} ${JSON.stringify(w.path)}`);
    expect(codes).toContain('amend.no-effect ["changes",0]');
    expect(codes).toContain('amend.no-effect ["changes",1]');
    expect(codes).toContain('amend.invalid-change ["version"]');
    // target 80 then removed again: the set is as before except for the header.
    expect(r.set.tree[1]!.children![0]!.rule).toEqual(a.tree[1]!.children![0]!.rule);
  });
});

describe('errors name the change, in both languages', () => {
  const a = small();
  const expectBilingual = (i: Issue) => {
    expect(i.message.length).toBeGreaterThan(10);
    expect(i.messageVi.length).toBeGreaterThan(10);
    expect(i.messageVi).not.toBe(i.message);
  };

  it('a change naming a missing node', () => {
    const [i] = issuesOf(() =>
      amend(
        a,
        doc(a, [
          { op: 'points', id: '1.1', max: 1 },
          { op: 'remove', id: '9.9' },
        ]),
        { file: 'c.yaml' },
      ),
    );
    expect(i).toMatchObject({ code: 'amend.unknown-node', file: 'c.yaml', path: ['changes', 1, 'id'] });
    expect(i!.message).toMatch(/no node "9\.9"/);
    expect(i!.messageVi).toMatch(/không có tiêu chí "9\.9"/);
    expectBilingual(i!);
  });

  it('a parent whose max no longer adds up: the message names the change that broke it', () => {
    const issues = issuesOf(() =>
      amend(
        a,
        doc(a, [
          { op: 'rule', id: '2.1', set: { target: 95 } },
          { op: 'points', id: '1.2', max: 3 },
        ]),
        { file: 'c.yaml' },
      ),
    );
    expect(issues).toHaveLength(1);
    const i = issues[0]!;
    expect(i).toMatchObject({ code: 'criteria.max-mismatch', file: 'c.yaml', path: ['changes', 1], node: '1' });
    expect(i.message).toMatch(/tree\[0\]\.max: max is 3 but its children add up to 4 — caused by changes\[1\] \(max of 1\.2 → 3\)/);
    expect(i.messageVi).toMatch(/do changes\[1\] \(điểm tối đa của 1\.2 → 3\)/);
    expectBilingual(i);
  });

  it('a move that leaves both parents wrong names the move for both', () => {
    const issues = issuesOf(() => amend(a, doc(a, [{ op: 'move', id: '1.1', parent: '2' }]), { file: 'c.yaml' }));
    expect(issues.map((i) => [i.code, i.node, i.path.join('.')])).toEqual([
      ['criteria.max-mismatch', '1', 'changes.0'],
      ['criteria.max-mismatch', '2', 'changes.0'],
    ]);
  });

  it('a rule made invalid by a partial change', () => {
    const [i] = issuesOf(() => amend(a, doc(a, [{ op: 'rule', id: '2.1', set: { target: 150 } }]), { file: 'c.yaml' }));
    expect(i).toMatchObject({ code: 'criteria.threshold-range', path: ['changes', 0], node: '2.1' });
  });

  it('a value of the wrong type, at its path in the change', () => {
    const [i] = issuesOf(() => amend(a, doc(a, [{ op: 'rule', id: '2.1', set: { whenBaseZero: 'sometimes' } }]), { file: 'c.yaml' }));
    expect(i).toMatchObject({ code: 'schema.invalid-value', file: 'c.yaml', path: ['changes', 0, 'set', 'whenBaseZero'] });
  });

  it('duplicate ids, moves into oneself, unknown siblings and targets, misplaced keys', () => {
    const codes = (changes: Record<string, unknown>[]) =>
      issuesOf(() => amend(a, doc(a, changes))).map((i) => `${i.code} ${i.path.join('.')}`);
    expect(codes([{ op: 'add', parent: '1', node: { id: '2.1', title: 'x', max: 0, rule: { kind: 'appraisal' } } }])).toEqual([
      'amend.duplicate-id changes.0.node.id',
    ]);
    expect(codes([{ op: 'move', id: '1', parent: '1.1' }])).toEqual(['amend.invalid-move changes.0.parent']);
    expect(codes([{ op: 'move', id: '1.1', parent: '2', newId: '2.1' }])).toEqual(['amend.duplicate-id changes.0.newId']);
    expect(codes([{ op: 'add', parent: '1', after: '1.7', node: { id: '1.3', title: 'x', max: 0, rule: { kind: 'appraisal' } } }])).toEqual(
      ['amend.unknown-node changes.0.after'],
    );
    expect(codes([{ op: 'band', id: 'xuat-sac', set: { min: 95 } }])).toEqual(['amend.unknown-target changes.0.id']);
    expect(codes([{ op: 'measure', id: 'nope', decl: null }])).toEqual(['amend.unknown-target changes.0.id']);
    expect(codes([{ op: 'node', id: '1.1', set: { max: 4 } }])).toEqual(['amend.invalid-change changes.0.set.max']);
    expect(codes([{ op: 'rule', id: '1', rule: { kind: 'appraisal' } }])).toEqual(['amend.invalid-change changes.0.id']);
    expect(codes([{ op: 'explode', id: '1' }])[0]).toMatch(/^schema\./);
  });

  it('node: applies, whenNotApplicable and printedId can be set and removed, and the set is checked again', () => {
    const a = small();
    const contact = { attribute: 'tiep-xuc', equals: true };
    const r = amend(
      a,
      doc(a, [
        { op: 'node', id: '1.1', set: { applies: contact, whenNotApplicable: { redistribute: 'even', over: ['1.2'] }, printedId: 'I.1' } },
      ]),
    );
    const n = r.set.tree[0]!.children![0]!;
    expect([n.applies, n.whenNotApplicable, n.printedId]).toEqual([
      { ...contact, whenMissing: 'error' },
      { redistribute: 'even', over: ['1.2'] },
      'I.1',
    ]);
    // Scored: 1.1 does not apply to a unit without public contact; its 1 point goes to 1.2 (2 of 2 → 3 of 3).
    const ev = loadEvidence({
      data: {
        format: 'par-index/evidence@1',
        year: 2021,
        source: 'thử',
        units: [
          {
            id: 'u1',
            name: 'Xã 1',
            attributes: { 'tiep-xuc': false },
            appraisals: { '1.2': { round1: 2 } },
            measures: { onTime: 5, resolved: 5 },
          },
        ],
      },
    });
    const [c] = evaluate(r.set, ev);
    expect([c!.nodes.find((x) => x.id === '1.1')!.status, c!.nodes.find((x) => x.id === '1.2')!.points, c!.total, c!.max]).toEqual([
      'shared',
      3,
      8,
      8,
    ]);
    // The diff says what changed, in its own kinds.
    expect(diff(a, r.set).nodes.map((x) => [x.kind, x.id])).toEqual([
      ['applicability', '1.1'],
      ['printedId', '1.1'],
    ]);
    const printed = diff(a, r.set).nodes.find((x) => x.kind === 'printedId')!;
    expect([describeNodeDiff(printed, 'vi'), describeNodeDiff(printed, 'en')]).toEqual(['số in: — → I.1', 'printed number: — → I.1']);
    // null removes them again.
    const back = amend(r.set, doc(r.set, [{ op: 'node', id: '1.1', set: { applies: null, whenNotApplicable: null, printedId: null } }]));
    expect(diff(a, back.set).nodes).toEqual([]);
    // A redistribution to a node that does not exist is refused as any set would be.
    const bad = issuesOf(() =>
      amend(a, doc(a, [{ op: 'node', id: '1.1', set: { applies: contact, whenNotApplicable: { redistribute: 'even', over: ['9.9'] } } }])),
    );
    expect(bad.map((i) => i.code)).toEqual(['criteria.share-target']);
  });

  it('a changes file for another set, or another text of it', () => {
    expect(issuesOf(() => amend(a, { ...doc(a, []), base: { id: 'other', version: '1' } }))[0]!.code).toBe('amend.base-mismatch');
    expect(issuesOf(() => amend(a, { ...doc(a, []), base: { id: a.id, version: a.version, hash: 'sha256:00' } }))[0]).toMatchObject({
      code: 'amend.base-mismatch',
      path: ['base', 'hash'],
    });
  });

  it('a changes file without its format tag, of a future version, or without the decision', () => {
    expect(issuesOf(() => loadChanges({ base: { id: 'x', version: '1' } }))[0]!.code).toBe('format.missing');
    expect(issuesOf(() => loadChanges({ format: 'par-index/criteria-changes@9', base: { id: 'x', version: '1' } }))[0]!.code).toBe(
      'format.future-version',
    );
    const missing = issuesOf(() =>
      loadChanges(
        { format: 'par-index/criteria-changes@1', base: { id: 'x', version: '1' }, changes: [{ op: 'remove', id: '1' }] },
        { file: 'c.yaml' },
      ),
    );
    expect(missing.map((i) => i.path.join('.'))).toEqual(['version', 'decision']);
    expect(missing.every((i) => i.file === 'c.yaml' && i.messageVi.length > 0)).toBe(true);
  });
});

describe('properties', () => {
  it('amend with no changes is the identity (same hash, same set)', () => {
    fc.assert(
      fc.property(criteriaArb(), fc.boolean(), (g, withHeader) => {
        const a = loadCriteriaSet(g.data);
        const d = withHeader
          ? { ...changesDoc(a, []), version: a.version, decision: a.decision }
          : { format: 'par-index/criteria-changes@1', base: { id: a.id, version: a.version } };
        const r = amend(a, d);
        expect(r.set.hash).toBe(a.hash);
        expect(r.set).toBe(a);
        expect(r.amendment.patches).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('diff(a, amend(a, change)) lists exactly that change: points, add, remove, move, rule', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(criteriaArb(), changePlanArb, (g, plan) => {
        const a = loadCriteriaSet(g.data);
        const c = singleChange(a, plan.kind, plan.pick, plan.pick2, plan.amount);
        fc.pre(c !== undefined);
        const r = amend(a, changesDoc(a, c.changes));
        const d = diff(a, r.set);
        let listed = new Set(d.nodes.map((n) => `${n.kind}:${n.id}`));
        if (c.swapWith && listed.has(`moved:${c.swapWith}`))
          listed = new Set(
            [...listed].map((x) =>
              x === `moved:${c.swapWith}` ? `moved:${[...c.expected].find((e) => e.startsWith('moved:'))!.slice(6)}` : x,
            ),
          );
        expect(listed).toEqual(c.expected);
        expect(d.set.map((s) => s.key).sort()).toEqual(['amends', 'decision', 'version']);
        // And the amendment's patches replay it.
        expect(contentHash(applyPatches(criteriaData(a), r.amendment.patches))).toBe(r.set.hash);
        expect(contentHash(applyPatches(criteriaData(r.set), r.amendment.inversePatches))).toBe(a.hash);
        seen.add(plan.kind);
      }),
      { numRuns: 150 },
    );
    expect([...seen].sort()).toEqual(['add', 'move', 'points', 'remove', 'rule']);
  });

  it("an old version's scores never change after a new one is added to the registry", () => {
    fc.assert(
      fc.property(scenarioArb({ maxUnits: 3 }), changePlanArb, (s, plan) => {
        const a = loadCriteriaSet(s.criteria.data);
        const ev = loadEvidence([{ data: s.evidence }]);
        const reg = new CriteriaRegistry([a]);
        const before = canonicalJson(evaluate(reg.get(a.id, a.version), ev, { trace: false }));
        const c = singleChange(a, plan.kind, plan.pick, plan.pick2, plan.amount) ?? singleChange(a, 'rule', plan.pick, 0, 0)!;
        const b = amend(a, changesDoc(a, c.changes)).set;
        reg.add(b);
        expect(reg.get(a.id, a.version)).toBe(a);
        expect(reg.get(a.id).version).toBe(b.version);
        expect(canonicalJson(evaluate(reg.get(a.id, a.version), ev, { trace: false }))).toBe(before);
        expect(a.hash).toBe(contentHash(criteriaData(a)));
      }),
      { numRuns: 40 },
    );
  });
});

describe('par-index amend', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) } };
  };

  it('writes the new set and the patches, and says what it wrote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amend-'));
    const t = io();
    const code = await commands.amend!.run(
      [join(root, 'criteria/examples/van-lam-commune-2021.yaml'), join(root, 'criteria/examples/van-lam-commune-2022.changes.yaml')],
      { out: join(dir, 'x.yaml'), patches: join(dir, 'p.json'), lang: 'en' },
      t.io,
    );
    expect(code).toBe(0);
    const written = loadCriteriaSet(readFileSync(join(dir, 'x.yaml'), 'utf8'));
    expect(written.version).toBe('2022');
    expect(readFileSync(join(dir, 'x.yaml'), 'utf8')).toBe(read('criteria/examples/van-lam-commune-2022.yaml'));
    const amendment = JSON.parse(readFileSync(join(dir, 'p.json'), 'utf8'));
    expect(amendment.result.hash).toBe(written.hash);
    expect(t.err.join('\n')).toMatch(/Wrote .*x\.yaml: vn\.hung-yen\.van-lam\.commune 2022/);
  });

  it('prints to standard output without --out', async () => {
    const t = io();
    await commands.amend!.run(
      [join(root, 'criteria/examples/van-lam-commune-2021.yaml'), join(root, 'criteria/examples/van-lam-commune-2022.changes.yaml')],
      { lang: 'vi' },
      t.io,
    );
    expect(loadCriteriaSet(t.out.join('\n')).version).toBe('2022');
  });
});

describe('the guide docs/versions.md', () => {
  it('has a changes example that applies to its criteria example and gives a checked set', () => {
    const guide = read('docs/versions.md');
    const blocks = [...guide.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const base = loadCriteriaSet(
      blocks.find((b) => b.startsWith('format: par-index/criteria@1'))!,
      { file: 'docs/versions.md' },
    );
    const r = amend(
      base,
      blocks.find((b) => b.startsWith('format: par-index/criteria-changes@1'))!,
      { file: 'docs/versions.md' },
    );
    expect(r.warnings).toEqual([]);
    expect(r.set.tree.map((f) => [f.id, f.max, f.children!.map((c) => c.id)])).toEqual([
      ['1', 2, ['1.1', '1.3']],
      ['2', 5, ['2.1', '2.2']],
    ]);
    // Field 1 ends at 2 again (one node out, one in): only field 2's maximum changed.
    expect(diff(base, r.set).counts).toMatchObject({ added: 1, moved: 1, points: 1, rule: 1 });
  });
});
