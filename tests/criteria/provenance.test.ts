/**
 * Provenance (nguồn gốc): every shipped official file says, node by node, how sure it is; `check` lists the
 * assumptions and `check --strict` refuses them; the HTML report carries them as a footnote. Expected values are
 * counted by hand from the files and the docs' example.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { criteriaProvenance } from '../../src/criteria/check.js';
import { diff as diffSets } from '../../src/criteria/diff.js';
import { checkCriteriaSet, loadCriteriaSet, type CriteriaSet } from '../../src/criteria/load.js';
import { fullyVerified, type ProvenanceReport } from '../../src/criteria/provenance.js';
import { provenanceLines } from '../../src/report/provenance.js';
import type { CriteriaNode } from '../../src/criteria/schema.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { loadEvidence } from '../../src/evidence/load.js';
import { rank } from '../../src/ranking/rank.js';
import { reportHtml } from '../../src/report/html.js';
import { checkQuestionnaire } from '../../src/sipas/questionnaire.js';
import { root } from '../support/paths.js';

const read = (f: string) => readFileSync(join(root, f), 'utf8');
const load = (f: string): CriteriaSet => loadCriteriaSet(read(f), { file: f });

/** The provenance example of docs/criteria-format.md, as the guide prints it. */
const docExample = [...read('docs/criteria-format.md').matchAll(/```yaml\n([\s\S]*?)```/g)]
  .map((m) => m[1]!)
  .find((t) => t.includes('id: vn.example.provenance'))!;
const docData = () => parse(docExample) as Record<string, unknown> & { tree: Record<string, unknown>[]; provenance?: unknown };

function* nodes(tree: readonly CriteriaNode[]): Generator<CriteriaNode> {
  for (const n of tree) {
    yield n;
    if (n.children) yield* nodes(n.children);
  }
}
const pairs = (r: ProvenanceReport) => r.assumptions.map((a) => `${a.label}${a.at ? ` ${a.at}` : ''}`);

describe('the provenance construct', () => {
  it('the example of docs/criteria-format.md: two assumptions, every node verified, derived or assumed', () => {
    const set = loadCriteriaSet(docExample, { file: 'provenance.yaml' });
    const r = criteriaProvenance(set, 'provenance.yaml');
    // 1.1 is verified with its empty-base rule assumed; 1.2 is assumed as a whole; 1 inherits the set's
    // verified provenance, 2 is derived and 2.1 inherits it: 5 nodes, 4 of them verified or derived.
    expect(pairs(r)).toEqual(['1.1 rule.whenBaseZero', '1.2']);
    expect(r.assumptions.map((a) => a.path)).toEqual([
      ['tree', 0, 'children', 0],
      ['tree', 0, 'children', 1],
    ]);
    expect([r.entries, r.verified, r.unmarked.length, r.unsourced.length]).toEqual([5, 4, 0, 0]);
    expect(fullyVerified(r)).toBe(false);
  });

  it('says it in both languages, naming the file, the path and the node', () => {
    const r = criteriaProvenance(loadCriteriaSet(docExample), 'provenance.yaml');
    const en = provenanceLines(r, 'en');
    const vi = provenanceLines(r, 'vi');
    expect(en[0]).toBe('This set contains 2 assumptions (content that no source read confirms):');
    expect(vi[0]).toBe('Bộ tiêu chí có 2 giả định (nội dung chưa được nguồn nào đã đọc xác nhận):');
    expect(en[1]).toBe(
      '  - provenance.yaml: tree[0].children[0] (1.1) rule.whenBaseZero: The annex does not say what a department that resolved no dossier scores; full points are assumed.',
    );
    expect(vi[2]).toMatch(/^ {2}- provenance\.yaml: tree\[0\]\.children\[1\] \(1\.2\): The annex's table is illegible/);
  });

  it('is inherited down the tree: an assumed field covers its children, which are then not verified', () => {
    const d = docData();
    d.tree[1]!['provenance'] = { status: 'assumed', note: 'Lĩnh vực 2 lấy từ dự thảo.' };
    const r = criteriaProvenance(loadCriteriaSet(d), 'x.yaml');
    const field2 = r.assumptions.find((a) => a.label === '2')!;
    // Field 2 and its one child, 2.1, which declares nothing of its own.
    expect(field2.covers).toBe(2);
    expect([r.entries, r.verified]).toEqual([5, 2]);
  });

  it('a set that declares nothing has every node unmarked, and is not verified', () => {
    const d = docData();
    delete d.provenance;
    const strip = (ns: Record<string, unknown>[]) =>
      ns.forEach((n) => {
        delete n['provenance'];
        if (Array.isArray(n['children'])) strip(n['children'] as Record<string, unknown>[]);
      });
    strip(d.tree);
    const r = criteriaProvenance(loadCriteriaSet(d), 'x.yaml');
    expect(r.assumptions).toEqual([]);
    expect(r.unmarked.map((u) => u.label)).toEqual(['1', '1.1', '1.2', '2', '2.1']);
    expect(fullyVerified(r)).toBe(false);
    expect(provenanceLines(r, 'en')).toEqual([
      'This set declares no assumption.',
      '5/5 node(s) declare no provenance (x.yaml): 1, 1.1, 1.2, 2, 2.1',
    ]);
  });

  it('reads the one-word marks of earlier files: unverified is an assumption, official needs a legal reference', () => {
    const d = docData();
    delete d.provenance;
    const f1 = d.tree[0]!;
    f1['provenance'] = 'official';
    f1['legal'] = 'Quyết định 34/QĐ-UBND, mục 1';
    const kids = f1['children'] as Record<string, unknown>[];
    kids[0]!['provenance'] = 'unverified';
    delete kids[1]!['provenance'];
    d.tree[1]!['provenance'] = 'official';
    (d.tree[1]!['children'] as Record<string, unknown>[])[0]!['provenance'] = 'operational';
    const r = criteriaProvenance(loadCriteriaSet(d), 'x.yaml');
    expect(pairs(r)).toEqual(['1.1']);
    expect(r.assumptions[0]!.note).toMatch(/marked "unverified"/);
    // 1 and 1.2 (inheriting 1) have the legal reference as source; 2 and 2.1 have none anywhere above them.
    expect(r.unsourced.map((u) => u.label)).toEqual(['2', '2.1']);
    expect(r.verified).toBe(2);
  });

  it('refuses a verified provenance without a source, an assumed one without a note, and an assumption about a part the node lacks', () => {
    const d = docData();
    const kids = d.tree[0]!['children'] as Record<string, unknown>[];
    kids[0]!['provenance'] = { status: 'verified' };
    kids[1]!['provenance'] = { status: 'assumed' };
    let r = checkCriteriaSet(d, { file: 'bad.yaml' });
    expect(r.ok).toBe(false);
    const byPath = new Map(r.issues.map((i) => [i.path.join('.'), i]));
    expect(byPath.get('tree.0.children.0.provenance.source')!.messageVi).toMatch(/cần nguồn/);
    expect(byPath.get('tree.0.children.0.provenance.source')!.message).toMatch(/needs a source/);
    expect(byPath.get('tree.0.children.1.provenance.note')!.message).toMatch(/needs a note saying what was assumed/);
    for (const i of r.issues) expect(i.file).toBe('bad.yaml');

    const e = docData();
    (
      ((e.tree[0]!['children'] as Record<string, unknown>[])[0]!['provenance'] as Record<string, unknown>)['assumptions'] as Record<
        string,
        unknown
      >[]
    )[0]!['at'] = 'rule.target';
    r = checkCriteriaSet(e, { file: 'bad.yaml' });
    expect(r.ok).toBe(false);
    expect(r.issues).toMatchObject([
      {
        code: 'schema.invalid-value',
        path: ['tree', 0, 'children', 0, 'provenance', 'assumptions', 0, 'at'],
        node: '1.1',
        file: 'bad.yaml',
      },
    ]);
    expect(r.issues[0]!.message).toBe('the assumption is about "rule.target", which node "1.1" does not have');
    expect(r.issues[0]!.messageVi).toBe('giả định nói về "rule.target" nhưng tiêu chí "1.1" không có phần đó');
  });

  it('diffs compare provenance by content and report it in words', () => {
    const a = loadCriteriaSet(docExample);
    // The same file loaded twice: equal provenance objects are no change.
    expect(diffSets(a, loadCriteriaSet(docExample)).nodes.filter((c) => c.kind === 'provenance')).toEqual([]);
    const d = docData();
    (d.tree[0]!['children'] as Record<string, unknown>[])[1]!['provenance'] = {
      status: 'verified',
      source: 'Quyết định 34/QĐ-UBND, Phụ lục, mục 1.2',
    };
    const changes = diffSets(a, loadCriteriaSet(d)).nodes.filter((c) => c.kind === 'provenance');
    expect(changes).toMatchObject([
      {
        id: '1.2',
        from: "assumed: The annex's table is illegible for 1.2; its points and rule are taken from the 2023 set.",
        to: 'verified: Quyết định 34/QĐ-UBND, Phụ lục, mục 1.2',
      },
    ]);
  });
});

describe('the shipped official files', () => {
  const criteria = readdirSync(join(root, 'criteria/national')).filter((f) => f.endsWith('.yaml') && !f.endsWith('.cases.yaml'));
  const questionnaires = readdirSync(join(root, 'questionnaires')).filter((f) => f.startsWith('sipas-'));

  it('are the files the issue names', () => {
    expect(criteria.sort()).toEqual(['766-2022.yaml', '876-2022-ministry.yaml', 'provincial-index.yaml']);
    expect(questionnaires.sort()).toEqual(['sipas-1001-2023.yaml', 'sipas-2640-2017.yaml']);
  });

  it.each(criteria)('criteria/national/%s: every node verified (with a source) or assumed (with a note)', (f) => {
    const r = criteriaProvenance(load(`criteria/national/${f}`), f);
    expect(r.unmarked).toEqual([]);
    expect(r.unsourced).toEqual([]);
    for (const a of r.assumptions) expect(a.note.length, a.label).toBeGreaterThan(20);
    // No one-word "official" mark is left: each node gives its source.
    for (const n of nodes(load(`criteria/national/${f}`).tree))
      expect(typeof n.provenance === 'string' ? n.provenance : 'object', n.id).toBe('object');
  });

  it.each(questionnaires)('questionnaires/%s: every entry verified (with a source) or assumed (with a note)', (f) => {
    const r = checkQuestionnaire(read(`questionnaires/${f}`), { file: f });
    expect(r.issues).toEqual([]);
    const p = r.questionnaire!.provenanceReport;
    expect(p.unmarked).toEqual([]);
    expect(p.unsourced).toEqual([]);
    for (const a of p.assumptions) expect(a.note.length, a.label).toBeGreaterThan(20);
  });
});

describe("766/QĐ-TTg: the empty-base rules are assumptions, except 5.2, 5.3 and 4.2's parts", () => {
  const set = load('criteria/national/766-2022.yaml');
  const r = criteriaProvenance(set, 'criteria/national/766-2022.yaml');
  const node = (id: string) => [...nodes(set.tree)].find((n) => n.id === id)!;

  it('declares 23 assumptions, listed by hand from the file', () => {
    expect(pairs(r)).toEqual([
      'set measures',
      'rounding mode',
      '1.1 rule.whenBaseZero',
      '1.2 rule.whenBaseZero',
      '1.3 rule.whenBaseZero',
      '1.4 rule.whenBaseZero',
      '2.1 rule.whenBaseZero',
      '2.1 rule.base',
      '3.1 rule.expr',
      '3.2 rule.whenBaseZero',
      '3.3 rule.base',
      '3.3 rule.whenBaseZero',
      '3.4 rule',
      '3.4 rule.whenBaseZero',
      '3.5 rule.whenBaseZero',
      '3.6 rule.whenBaseZero',
      '3.7 rule.whenBaseZero',
      '4.1.1',
      '4.1.2',
      '4.2.2 rule.base',
      '4.2.3 rule.target',
      '5.1 rule.inputs',
      '5.1 rule.expr',
    ]);
  });

  it("every leaf's rule for an empty base is assumed, but 5.2 and 5.3 (the portal's 0/0 → 6) and 4.2's parts (0/0 → 0)", () => {
    const leaves = [...nodes(set.tree)].filter((n) => !n.children);
    // 1.1–1.4, 2.1, 3.1–3.7, 4.1.1, 4.1.2, 4.2.1–4.2.3, 5.1–5.3: 4 + 1 + 7 + 5 + 3 = 20.
    expect(leaves).toHaveLength(20);
    const cited = ['5.2', '5.3', '4.2.1', '4.2.2', '4.2.3'];
    for (const n of leaves) {
      const covered = r.assumptions.some(
        (a) => a.label === n.id && (a.at === undefined || ['rule', 'rule.whenBaseZero', 'rule.expr'].includes(a.at)),
      );
      expect(covered, n.id).toBe(!cited.includes(n.id));
    }
    for (const id of ['5.2', '5.3']) {
      expect(node(id).rule).toMatchObject({ kind: 'rate', whenBaseZero: 'full' });
      expect(JSON.stringify(node(id).provenance)).toMatch(/mẫu số bằng 0 → 6 điểm/);
    }
    for (const id of ['4.2.1', '4.2.2', '4.2.3']) expect(node(id).rule).toMatchObject({ kind: 'rate', whenBaseZero: 'zero' });
    expect(JSON.stringify(node('4.2').provenance)).toMatch(/mẫu số bằng 0 → tỷ lệ đó bằng 0/);
  });

  it("scores 4.2 as the portal does: three parts of 6, 2 and 2, not one rate against the description's 80 % target", () => {
    expect(node('4.2').max).toBe(10);
    expect(node('4.2').children!.map((c) => [c.id, c.max, c.rule])).toEqual([
      ['4.2.1', 6, { kind: 'rate', numerator: 'dossiers.paidOnline', base: 'dossiers.financialObligation', whenBaseZero: 'zero' }],
      ['4.2.2', 2, { kind: 'rate', numerator: 'procedures.paidOnline', base: 'procedures.withFee', target: 80, whenBaseZero: 'zero' }],
      ['4.2.3', 2, { kind: 'rate', numerator: 'procedures.withFeeOnPortal', base: 'procedures.withFee', target: 80, whenBaseZero: 'zero' }],
    ]);
    // The reading not chosen is recorded, with the reason.
    expect(node('4.2').notes).toMatch(
      /Not chosen: the technical description's single rate .* 80 % target .* because the portal's\s+behaviour is what units are scored by/s,
    );
  });

  it('876 ministry: every field verified through the set; provincial index: every field assumed, after 1150', () => {
    const ministry = criteriaProvenance(load('criteria/national/876-2022-ministry.yaml'));
    expect([ministry.assumptions.length, ministry.entries, ministry.verified]).toEqual([0, 7, 7]);
    expect(fullyVerified(ministry)).toBe(true);
    const province = criteriaProvenance(load('criteria/national/provincial-index.yaml'));
    expect(pairs(province)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect([province.entries, province.verified]).toEqual([8, 0]);
    for (const a of province.assumptions) expect(a.source).toMatch(/1150\/QĐ-BNV/);
  });
});

describe('the HTML report carries the assumptions as a footnote', () => {
  const set = loadCriteriaSet(docExample, { file: 'provenance.yaml' });
  const ev = loadEvidence({
    data: {
      format: 'par-index/evidence@1',
      year: 2024,
      source: 'Báo cáo thử',
      units: [
        {
          id: 'so-a',
          name: 'Sở A',
          measures: { 'dossiers.resolved': 10, 'dossiers.onTime': 9, 'feedback.received': 0, 'feedback.onTime': 0 },
          tasks: { 'chu-ky-so': { done: '2024-05-01' } },
        },
      ],
    },
  });
  const cards = rank(evaluate(set, ev, { trace: true }), set.ranking);

  it('lists every assumption with its node and note, in the chosen language, marked beside the set', () => {
    const html = reportHtml(cards, { lang: 'en', assumptions: criteriaProvenance(set, 'provenance.yaml') });
    expect(html).toContain('<sup><a href="#assumptions">*</a></sup>');
    expect(html).toContain('<footer id="assumptions" class="st"><h2>* Assumptions</h2><p>This set contains 2 assumptions');
    expect(html).toContain(
      '<li><code>tree[0].children[0]</code> <b>1.1</b> <code>rule.whenBaseZero</code>: The annex does not say what a department that resolved no dossier scores; full points are assumed.</li>',
    );
    expect(html).toContain('<b>1.2</b>: The annex&#39;s table is illegible for 1.2');
    const vi = reportHtml(cards, { lang: 'vi', assumptions: criteriaProvenance(set, 'provenance.yaml') });
    expect(vi).toContain('<h2>* Giả định</h2><p>Bộ tiêu chí có 2 giả định');
  });

  it('has no footnote when it is not given one', () => {
    const html = reportHtml(cards, { lang: 'en' });
    expect(html).not.toContain('id="assumptions"');
    expect(html).not.toContain('href="#assumptions"');
  });
});

describe('through the built command (node dist/cli.js)', () => {
  const run = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(root, 'dist/cli.js'), ...args], { cwd: root });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, stdout: x.stdout, stderr: x.stderr };
    }
  };

  it('check criteria/national/766-2022.yaml prints its 23 assumptions and exits 0', async () => {
    const r = await run('check', 'criteria/national/766-2022.yaml', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Valid: vn\.ttg\.766 2022 \(sha256:[0-9a-f]{64}\)\n$/);
    expect(r.stderr).toContain('This set contains 23 assumptions (content that no source read confirms):');
    expect(r.stderr).toContain(
      '  - criteria/national/766-2022.yaml: tree[0].children[1] (1.2) rule.whenBaseZero: Không phát sinh → điểm tối đa (giả định)',
    );
    expect(r.stderr.split('\n').filter((l) => l.startsWith('  - criteria/national/766-2022.yaml'))).toHaveLength(23);
    expect(r.stderr).not.toMatch(/\(5\.[23]\)/);
  });

  it('in Vietnamese too', async () => {
    const r = await run('check', 'criteria/national/766-2022.yaml', '--lang', 'vi');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Hợp lệ: vn\.ttg\.766 2022/);
    expect(r.stderr).toContain('Bộ tiêu chí có 23 giả định');
  });

  it('check --strict exits 1 on the 766 set, and 0 on the verified 876 ministry structure', async () => {
    const r = await run('check', 'criteria/national/766-2022.yaml', '--strict', '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--strict: 23 item(s) not verified against a source');
    const ok = await run('check', 'criteria/national/876-2022-ministry.yaml', '--strict', '--lang', 'en');
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain('Every node (7) is verified against a source.');
  });

  it('check takes a questionnaire: the 1001 form, its 18 assumptions, and --strict', async () => {
    const r = await run('check', 'questionnaires/sipas-1001-2023.yaml', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Valid: vn\.bnv\.sipas\.1001 2023 \(sha256:/);
    expect(r.stderr).toContain('This questionnaire contains 18 assumptions');
    expect(r.stderr).toContain('questionnaires/sipas-1001-2023.yaml: options.weights: Không dùng trọng số');
    const strict = await run('check', 'questionnaires/sipas-1001-2023.yaml', '--strict', '--lang', 'vi');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('--strict: 18 nội dung chưa được xác nhận bằng nguồn');
  });

  it('a broken questionnaire is reported with its file and path, exit 1', async () => {
    const doc = parse(read('questionnaires/sipas-1001-2023.yaml')) as { options: { weights: Record<string, unknown> } };
    doc.options.weights['provenance'] = { status: 'verified' };
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const f = join(mkdtempSync(join(tmpdir(), 'prov-')), 'q.yaml');
    writeFileSync(f, stringify(doc));
    const r = await run('check', f, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/q\.yaml: options\.weights\.provenance\.source: status "verified" needs a source/);
  });
});
