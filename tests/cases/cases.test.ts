/**
 * Test cases as data: every `*.cases.yaml` in the repository passes; the runner compares with margins and
 * reports the differing nodes; bad input is refused with file, path and both languages; `par-index test` exits
 * 0, 1 or 2. Also the national structure-only sets: `check` accepts them, scoring refuses them.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParIndexError } from '../../src/core/errors.js';
import { loadCases } from '../../src/cases/load.js';
import { renderCasesReport } from '../../src/report/cases.js';
import { runCases, within } from '../../src/cases/run.js';
import { findCaseFiles, runCaseFile } from '../../src/io/cases-files.js';
import { checkCriteriaSet, loadCriteriaSet } from '../../src/criteria/load.js';
import type { CriteriaNode } from '../../src/criteria/schema.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { commands } from '../../src/cli/versions.js';
import { issuesOf, makeEvidence } from '../support/support.js';
import { ENTRIES, specifier } from '../../scripts/build/entries.mjs';
import { root } from '../support/paths.js';

const read = (p: string) => readFileSync(join(root, p), 'utf8');
const set2021 = loadCriteriaSet(read('criteria/examples/van-lam-commune-2021.yaml'), { file: 'van-lam-commune-2021.yaml' });

const files = findCaseFiles([root]).map((f) => relative(root, f));

describe('every *.cases.yaml in the repository', () => {
  it('is found, outside node_modules', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'criteria/examples/van-lam-commune-2021.cases.yaml',
        'criteria/examples/van-lam-commune-2022.cases.yaml',
        'criteria/national/876-2022-ministry.cases.yaml',
        'criteria/national/provincial-index.cases.yaml',
        'criteria/provinces/hai-phong-212-2025-phu-luc-02.cases.yaml',
        'criteria/provinces/hai-phong-212-2025-phu-luc-03.cases.yaml',
      ]),
    );
    expect(files.some((f) => f.includes('node_modules'))).toBe(false);
  });

  it.each(files)('%s passes', (f) => {
    const r = runCaseFile(join(root, f));
    const failures = r.results.filter((c) => !c.pass).map((c) => `${c.name}: ${renderCasesReport({ ...r, results: [c] }, 'en')}`);
    expect(failures).toEqual([]);
    expect(r.passed).toBeGreaterThan(0);
  });
});

const cases = (extra: Record<string, unknown>[], head: Record<string, unknown> = {}) => ({
  format: 'par-index/cases@1',
  criteria: 'van-lam-commune-2021.yaml',
  ...head,
  cases: extra,
});

describe('the runner', () => {
  it('reports each differing node with what was expected and what came out, in both languages', () => {
    const data = loadCases(
      cases([
        { name: 'right', unit: { measures: { 'dossiers.resolved': 10, 'dossiers.onTime': 9 } }, expect: { nodes: { '3.2.1': 4.5 } } },
        {
          name: 'wrong',
          unit: { measures: { 'dossiers.resolved': 10, 'dossiers.onTime': 9 } },
          expect: { nodes: { '3.2.1': 4.4, '3.2.2': { status: 'scored' } } },
        },
      ]),
    );
    const r = runCases(data, set2021, { file: 'x.cases.yaml' });
    expect([r.passed, r.failed]).toEqual([1, 1]);
    const wrong = r.results[1]!;
    expect(wrong.checks.filter((c) => !c.pass)).toEqual([
      { what: 'points', node: '3.2.1', expected: 4.4, actual: 4.5, pass: false },
      { what: 'status', node: '3.2.2', expected: 'scored', actual: 'missing', pass: false },
    ]);
    const en = renderCasesReport(r, 'en');
    expect(en).toMatch(/wrong\s+FAIL\s+3\.2\.1 points: expected 4\.4, got 4\.5; 3\.2\.2 status: expected scored, got missing/);
    expect(en).toMatch(/1 passed, 1 failed\./);
    const vi = renderCasesReport(r, 'vi', 'md');
    expect(vi).toMatch(/\| wrong \| KHÔNG ĐẠT \| 3\.2\.1 điểm: mong đợi 4,4, nhận 4,5; /);
    expect(vi).toMatch(/1 ca đạt, 1 ca không đạt\./);
  });

  it('compares within an absolute or a relative margin, case or file wide, and exactly without one', () => {
    expect(within(4.97, 4.97, undefined)).toBe(true);
    expect(within(4.97, 4.972, undefined)).toBe(false);
    expect(within(4.97, 4.972, { absolute: 0.005 })).toBe(true);
    expect(within(4.97, 4.98, { absolute: 0.005 })).toBe(false);
    expect(within(100, 101, { relative: 0.01 })).toBe(true);
    expect(within(100, 102, { relative: 0.01 })).toBe(false);
    // 0.1 + 0.2 in floating point is 0.30000000000000004: the comparison is exact decimal, so it is 0.3.
    expect(within(0.1 + 0.2, 0.3, undefined)).toBe(false);
    expect(within(0.3, 0.3, undefined)).toBe(true);
    const data = loadCases(
      cases(
        [
          {
            name: 'file-margin',
            unit: { measures: { 'dossiers.resolved': 1460, 'dossiers.onTime': 1452 } },
            expect: { nodes: { '3.2.1': 4.9726 } },
          },
          {
            name: 'case-margin',
            margin: { relative: 0.0001 },
            unit: { measures: { 'dossiers.resolved': 1460, 'dossiers.onTime': 1452 } },
            expect: { nodes: { '3.2.1': 4.9726 } },
          },
        ],
        { margin: 0.005 },
      ),
    );
    const r = runCases(data, set2021);
    expect(r.results.map((c) => c.pass)).toEqual([true, false]);
  });

  it('checks an expected refusal, and fails a case whose evidence is refused unexpectedly', () => {
    const data = loadCases(
      cases([
        { name: 'expected', unit: { surveys: { sipas: 120 } }, expect: { error: 'evidence.out-of-range' } },
        { name: 'unexpected', unit: { surveys: { sipas: 120 } }, expect: { index: 50 } },
        { name: 'refused-other-way', unit: { measures: { 'dossiers.resolved': 1 } }, expect: { error: 'evidence.out-of-range' } },
      ]),
    );
    const r = runCases(data, set2021, { file: 'x.cases.yaml' });
    expect(r.results.map((c) => c.pass)).toEqual([true, false, false]);
    expect(r.results[1]!.problems[0]).toMatchObject({
      code: 'evidence.out-of-range',
      path: ['cases', 1, 'unit', 'surveys', 'sipas', 'value'],
    });
    expect(renderCasesReport(r, 'vi')).toMatch(/Lý do bị từ chối:\n {2}unexpected: lỗi \[evidence\.out-of-range\]/);
  });

  it('refuses bad input with the file, the path and both languages', () => {
    const unknown = issuesOf(() =>
      runCases(loadCases(cases([{ name: 'n', unit: {}, expect: { nodes: { '42.1': 1 } } }])), set2021, { file: 'x.cases.yaml' }),
    );
    expect(unknown[0]).toMatchObject({ code: 'cases.unknown-node', file: 'x.cases.yaml', path: ['cases', 0, 'expect', 'nodes', '42.1'] });
    expect(unknown[0]!.messageVi).toMatch(/không có tiêu chí "42\.1"/);
    const codes = (doc: unknown) => issuesOf(() => loadCases(doc, { file: 'x.cases.yaml' })).map((i) => `${i.code} ${i.path.join('.')}`);
    expect(codes(cases([{ name: 'a', unit: {}, expect: {} }]))).toEqual(['cases.invalid cases.0.expect']);
    expect(
      codes(
        cases([
          { name: 'a', unit: {}, expect: { index: 1 } },
          { name: 'a', unit: {}, expect: { index: 1 } },
        ]),
      ),
    ).toEqual(['cases.invalid cases.1.name']);
    expect(codes(cases([{ name: 'a', unit: {}, expect: { index: 1, error: 'x' } }]))).toEqual(['cases.invalid cases.0.expect.error']);
    expect(codes(cases([{ name: 'a', unit: {}, expect: { index: 1 }, margin: -1 }]))[0]).toMatch(/^schema\.invalid-\w+ cases\.0\.margin/);
    expect(codes({ ...cases([]), format: 'par-index/criteria@1' })).toEqual(['format.unknown format']);
    expect(codes(cases([]))).toEqual(['schema.invalid-value cases']);
    expect(
      issuesOf(() => runCases(loadCases(cases([{ name: 'a', unit: {}, expect: { index: 1 } }], { version: '2020' })), set2021))[0]!.code,
    ).toBe('cases.criteria');
  });

  it('never changes the criteria set, and returns a frozen report', () => {
    const data = loadCases(
      cases([{ name: 'a', unit: { measures: { 'plan.tasks': 0, 'plan.tasksDone': 0 } }, expect: { nodes: { '1.1.2': 0 } } }]),
    );
    const hash = set2021.hash;
    const r = runCases(data, set2021);
    expect(set2021.hash).toBe(hash);
    expect(Object.isFrozen(r) && Object.isFrozen(r.results[0]!.checks)).toBe(true);
    expect(Object.isFrozen(data.cases[0]!.unit)).toBe(true);
  });
});

describe('the guide docs/test-cases.md', () => {
  it('has a cases example that runs and passes against the Văn Lâm 2021 set', () => {
    const guide = read('docs/test-cases.md');
    const blocks = [...guide.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((m) => m[1]!)
      .filter((b) => b.startsWith('format: par-index/cases@1'));
    expect(blocks.length).toBeGreaterThan(0);
    for (const b of blocks) {
      const r = runCases(loadCases(b, { file: 'docs/test-cases.md' }), set2021);
      expect(r.failed).toBe(0);
    }
  });
});

describe('par-index test', () => {
  const direct = async (args: string[], opts: Record<string, unknown> = {}) => {
    const out: string[] = [];
    try {
      const code = await commands.test!.run(args, { format: 'text', ...opts }, { out: (s) => out.push(s), err: (s) => out.push(s) });
      return { code, out: out.join('\n') };
    } catch (e) {
      if (e instanceof ParIndexError) return { code: 2, out: e.issues.map((i) => i.message).join('\n') };
      throw e;
    }
  };
  const dir = mkdtempSync(join(tmpdir(), 'cases-'));
  writeFileSync(join(dir, 'set.yaml'), read('criteria/examples/van-lam-commune-2021.yaml'));
  writeFileSync(
    join(dir, 'ok.cases.yaml'),
    'format: par-index/cases@1\ncriteria: set.yaml\ncases:\n  - { name: ok, unit: { measures: { plan.tasks: 0, plan.tasksDone: 0 } }, expect: { nodes: { "1.1.2": 0 } } }\n',
  );
  writeFileSync(
    join(dir, 'fail.cases.yaml'),
    'format: par-index/cases@1\ncriteria: set.yaml\ncases:\n  - { name: bad, unit: { measures: { plan.tasks: 0, plan.tasksDone: 0 } }, expect: { nodes: { "1.1.2": 2 } } }\n',
  );
  writeFileSync(
    join(dir, 'broken.yaml'),
    'format: par-index/cases@1\ncriteria: set.yaml\ncases:\n  - { name: x, unit: {}, expect: { nodes: { "99": 1 } } }\n',
  );

  it('exits 0 when every case passes, printing the table', async () => {
    const r = await direct([join(dir, 'ok.cases.yaml')], { lang: 'en' });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ok\s+PASS/);
  });

  it('exits 1 when a case fails, naming the node', async () => {
    const r = await direct([join(dir, 'ok.cases.yaml'), join(dir, 'fail.cases.yaml')], { lang: 'vi' });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/bad\s+KHÔNG ĐẠT\s+1\.1\.2 điểm: mong đợi 2, nhận 0/);
    expect(r.out).toMatch(/Tổng: 2 tệp, 1 ca đạt, 1 ca không đạt\./);
  });

  it('exits 2 on bad input; reads a folder recursively for *.cases.yaml', async () => {
    expect((await direct([join(dir, 'broken.yaml')])).code).toBe(2);
    expect((await direct([join(dir, 'missing.cases.yaml')])).code).toBe(2);
    const folder = await direct([dir], { lang: 'en', format: 'json' });
    expect(folder.code).toBe(1);
    expect(JSON.parse(folder.out).map((r: { file: string }) => r.file.split('/').pop())).toEqual(['fail.cases.yaml', 'ok.cases.yaml']);
  });
});

describe('national structures (drafts)', () => {
  const ministry = read('criteria/national/876-2022-ministry.yaml');
  const province = read('criteria/national/provincial-index.yaml');
  function* nodes(tree: readonly CriteriaNode[]): Generator<CriteriaNode> {
    for (const n of tree) {
      yield n;
      if (n.children) yield* nodes(n.children);
    }
  }

  it('pass check as drafts (no error, no warning) — and scoring refuses them', () => {
    for (const [text, file] of [
      [ministry, '876-2022-ministry.yaml'],
      [province, 'provincial-index.yaml'],
    ] as const) {
      const r = checkCriteriaSet(text, { file });
      expect(r.issues, file).toEqual([]);
      expect(r.ok).toBe(true);
      expect(r.set!.status).toBe('draft');
      const issues = issuesOf(() => evaluate(r.set!, makeEvidence([{}], { source: 'thử', year: 2022 })));
      expect(issues[0]).toMatchObject({ code: 'criteria.draft', path: ['status'] });
      expect(issues[0]!.messageVi).toMatch(/bản nháp/);
    }
  });

  it('876 ministry: 7 official fields, 38 criteria and 97 sub-criteria as counted, survey 31.50 of 100 — and no invented points', () => {
    const s = loadCriteriaSet(ministry);
    expect(s.decision).toMatchObject({ number: '876/QĐ-BNV', date: '2022-11-10' });
    expect(s.level).toBe('ministry');
    expect(s.tree).toHaveLength(7);
    // The fields inherit the set's provenance: verified against two published summaries that agree.
    expect(s.tree.every((f) => f.provenance === undefined)).toBe(true);
    expect(s.provenance).toMatchObject({
      status: 'verified',
      source: expect.arrayContaining([expect.stringMatching(/thuvienphapluat/), expect.stringMatching(/baophapluat/)]),
    });
    const counts = s.tree.map((f) =>
      /(\d+) tiêu chí, (\d+) tiêu chí thành phần/
        .exec(f.notes ?? '')!
        .slice(1)
        .map(Number),
    );
    expect(counts.reduce((t, [c]) => t + c!, 0)).toBe(38);
    expect(counts.reduce((t, [, sc]) => t + sc!, 0)).toBe(97);
    expect(s.notes).toMatch(/31\.50 points come from the sociological survey/);
    expect(s.notes).toMatch(/31,50 điểm điều tra xã hội học/);
    expect([...nodes(s.tree)].every((n) => n.max === undefined && n.rule === undefined)).toBe(true);
    expect(ministry.split('\n').slice(0, 25).join('\n')).toMatch(/NOT FILLED IN/);
  });

  it('provincial index: 8 fields, every one an assumption (the 876 provincial list was not found), no invented points', () => {
    const s = loadCriteriaSet(province);
    expect(s.level).toBe('province');
    expect(s.tree.map((f) => f.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    // Eight fields is the earlier 1150/QĐ-BNV structure: no field is claimed as 876's text.
    expect(s.tree.map((f) => (typeof f.provenance === 'object' ? f.provenance.status : f.provenance))).toEqual(Array(8).fill('assumed'));
    for (const f of s.tree) expect(JSON.stringify(f.provenance)).toMatch(/1150\/QĐ-BNV/);
    expect(s.tree[7]!.title).toMatch(/^Tác động của cải cách hành chính/);
    expect([...nodes(s.tree)].every((n) => n.max === undefined && n.rule === undefined)).toBe(true);
    expect(province).toMatch(/NOT FILLED IN/);
  });
});

describe('the code of the guides docs/versions.md and docs/test-cases.md', () => {
  const blocks = ['docs/versions.md', 'docs/test-cases.md'].flatMap((g) =>
    [...read(g).matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m, n) => ({ g, n, code: m[1]! })),
  );
  it.each(blocks.map((b) => [`${b.g} block ${b.n}`, b] as const))('%s runs and prints what it says', { timeout: 120_000 }, async (_, b) => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const dir = mkdtempSync(join(tmpdir(), 'guide-'));
    const file = join(dir, 'block.mts');
    let code = b.code;
    for (const e of ENTRIES) code = code.replaceAll(`from '${specifier(e)}'`, `from ${JSON.stringify(join(root, e.source))}`);
    writeFileSync(file, code);
    const { stdout } = await promisify(execFile)(join(root, 'node_modules/.bin/tsx'), [file], {
      cwd: root,
      timeout: 110_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const expected = [...b.code.matchAll(/\/\/ → (.+)$/gm)].map((m) => m[1]!.trim());
    expect(expected.length).toBeGreaterThan(0);
    for (const e of expected) expect(stdout).toContain(e);
  });
});
