/**
 * Limits (issue 9): each one refuses input beyond it with a clear bilingual error that names the limit and how to
 * raise it, and raising it lets the same input through. The defaults are those SECURITY.md lists.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseText } from '../../src/core/document.js';
import type { Issue } from '../../src/core/errors.js';
import { DEFAULT_LIMITS, resolveLimits } from '../../src/core/limits.js';
import { parseCsv } from '../../src/core/table.js';
import { loadCriteriaSet } from '../../src/criteria/load.js';
import { loadEvidence } from '../../src/evidence/load.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { FORMULA_LIMITS } from '../../src/formula/limits.js';
import { loadQuestionnaire } from '../../src/sipas/questionnaire.js';
import { importResponses } from '../../src/sipas/responses.js';
import { decisionFromTable } from '../../src/verify/decision-table.js';
import { parsePublished } from '../../src/verify/published.js';
import { readCriteriaSet, readEvidence, readText } from '../../src/io/index.js';
import { readResponses } from '../../src/io/survey-source.js';
import { readCalendar, summariseRecordFiles } from '../../src/io/dossier-source.js';
import { openTable } from '../../src/io/table.js';
import { readPublishedDecision } from '../../src/io/verify-files.js';
import ExcelJS from 'exceljs';
import { criteriaDoc } from '../support/support.js';
import { expectParIndexError, refused, refusedAsync } from '../support/hostile-support.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'par-limits-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The first issue of the refusal. */
const refusal = (f: () => unknown, file?: string): Issue => refused(f, file)[0]!;
const refusalAsync = async (f: () => Promise<unknown>, file?: string): Promise<Issue> => (await refusedAsync(f, file))[0]!;

/** The message names the limit option, in both languages. */
function namesLimit(i: Issue, key: string): void {
  expect(i.code).toBe('io.too-large');
  expect(i.message).toContain(`limits.${key}`);
  expect(i.messageVi).toContain(`limits.${key}`);
}

const units = (n: number) => ({
  format: 'par-index/evidence@1',
  year: 2021,
  source: 'Báo cáo',
  units: Array.from({ length: n }, (_, i) => ({ id: `u${i}`, name: `Xã ${i}` })),
});

describe('the limits in one place', () => {
  it('has the documented defaults, frozen', () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxFileBytes: 52_428_800,
      maxChars: 50_000_000,
      maxAliases: 100,
      maxDepth: 64,
      maxTreeDepth: 8,
      maxUnits: 100_000,
      maxRows: 10_000_000,
      maxDraws: 1_000_000,
      maxFormulaLength: 2000,
      maxFormulaDepth: 64,
      maxXlsxSheetBytes: 4_294_967_296,
      maxXlsxPartBytes: 268_435_456,
      maxCellChars: 32_767,
    });
    expect(Object.isFrozen(DEFAULT_LIMITS)).toBe(true);
    expect(FORMULA_LIMITS).toEqual({ maxLength: 2000, maxDepth: 64 });
  });

  it('SECURITY.md lists every limit with its default', () => {
    const doc = readFileSync('SECURITY.md', 'utf8');
    for (const [k, v] of Object.entries(DEFAULT_LIMITS))
      expect(doc, k).toMatch(new RegExp(`\\| \`${k}\` \\|[^|]*\\| ${v.toLocaleString('en').replace(/,/g, ' ')}`));
  });

  it('refuses a limit that is not a whole number ≥ 1 instead of ignoring it', () => {
    for (const bad of [0, -1, 1.5, NaN, Infinity]) {
      const i = refusal(() => resolveLimits({ maxUnits: bad }));
      expect(i.code).toBe('usage.invalid');
      expect(i.path).toEqual(['limits', 'maxUnits']);
    }
    expect(resolveLimits({ maxUnits: 3 })).toEqual({ ...DEFAULT_LIMITS, maxUnits: 3 });
  });
});

describe('each limit refuses beyond it, and raising it lets the input through', () => {
  it('maxFileBytes: files are refused by size before they are read', () => {
    const p = join(dir, 'c.yaml');
    writeFileSync(p, readFileSync('criteria/examples/van-lam-commune-2021.yaml'));
    const i = refusal(() => readCriteriaSet(p, { limits: { maxFileBytes: 1000 } }));
    expect(i.code).toBe('io.too-large');
    expect(i.message).toMatch(/the limit is 1000 bytes/);
    expect(readCriteriaSet(p, { limits: { maxFileBytes: 10_000_000 } }).id).toBe('vn.hung-yen.van-lam.commune');
    expect(() => readText(p, { maxBytes: 1000 })).toThrow(/the limit is 1000 bytes/);
  });

  it("maxFileBytes: a published decision table, kept whole, is held to it rather than to the streamed tables' 512 MiB", async () => {
    const p = join(dir, 'cong-bo.csv');
    writeFileSync(p, readFileSync('fixtures/van-lam-2021/published/cong-bo-chi-so-cchc-2021.csv'));
    const size = readFileSync(p).length;
    const e = await readPublishedDecision(p, { maxBytes: size - 1 }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect((e as { issues: Issue[] }).issues[0]).toMatchObject({
      code: 'io.too-large',
      message: expect.stringMatching(
        new RegExp(`the file is ${size} bytes; the limit for a table file is ${size - 1} bytes.*raise limits\\.maxFileBytes`),
      ),
    });
    expect((await readPublishedDecision(p, { maxBytes: size })).rows).toHaveLength(11);
  });

  it('maxChars: text longer than the limit is refused before it is parsed', () => {
    const text = readFileSync('criteria/examples/van-lam-commune-2021.yaml', 'utf8');
    namesLimit(
      refusal(() => loadCriteriaSet(text, { file: 'c.yaml', limits: { maxChars: 10_000 } }), 'c.yaml'),
      'maxChars',
    );
    expect(loadCriteriaSet(text, { file: 'c.yaml', limits: { maxChars: text.length } }).id).toBe('vn.hung-yen.van-lam.commune');
    namesLimit(
      refusal(
        () => loadEvidence([{ data: 'format: par-index/evidence@1\n'.padEnd(200, '#'), file: 'e.yaml' }], { limits: { maxChars: 100 } }),
        'e.yaml',
      ),
      'maxChars',
    );
  });

  it('maxAliases: a document with more alias expansions is refused', () => {
    const text = `a: &a 1\nb: [${Array(10).fill('*a').join(', ')}]`;
    expect(refusal(() => parseText(text, { file: 'a.yaml', limits: { maxAliases: 5 } }), 'a.yaml').message).toMatch(/limits\.maxAliases/);
    expect((parseText(text, { file: 'a.yaml', limits: { maxAliases: 100 } }) as { b: number[] }).b).toHaveLength(10);
  });

  it('maxDepth: nesting deeper than the limit, in text or in parsed data', () => {
    const text = `${'['.repeat(10)}${']'.repeat(10)}`;
    expect(refusal(() => parseText(text, { file: 'd.json', limits: { maxDepth: 9 } }), 'd.json').message).toMatch(/limits\.maxDepth/);
    expect(() => parseText(text, { file: 'd.json', limits: { maxDepth: 10 } })).not.toThrow();
    const nested = { ...units(1), notes: 'x' } as Record<string, unknown>;
    (nested['units'] as Record<string, unknown>[])[0]!['attributes'] = { a: 1 };
    const i = refusal(() => loadEvidence([{ data: nested, file: 'e.json' }], { limits: { maxDepth: 3 } }), 'e.json');
    expect(i.path).toEqual(['units', 0, 'attributes']);
    expect(i.messageVi).toContain('limits.maxDepth');
    expect(loadEvidence([{ data: nested, file: 'e.json' }], { limits: { maxDepth: 4 } }).units[0]!.attributes).toEqual({ a: 1 });
  });

  it('maxTreeDepth: a criteria tree deeper than the limit is refused at its first too-deep node', () => {
    const leaf = { id: '1.1.1.1', title: 'Cấp 4', max: 1, rule: { kind: 'task', task: 't' } };
    const doc = criteriaDoc([
      {
        id: '1',
        title: 'Cấp 1',
        max: 1,
        children: [{ id: '1.1', title: 'Cấp 2', max: 1, children: [{ id: '1.1.1', title: 'Cấp 3', max: 1, children: [leaf] }] }],
      },
    ]);
    const i = refusal(() => loadCriteriaSet(doc, { file: 'c.yaml', limits: { maxTreeDepth: 3 } }), 'c.yaml');
    namesLimit(i, 'maxTreeDepth');
    expect(i.path).toEqual(['tree', 0, 'children', 0, 'children', 0, 'children', 0]);
    expect(
      loadCriteriaSet(doc, { file: 'c.yaml', limits: { maxTreeDepth: 4 } }).tree[0]!.children![0]!.children![0]!.children![0]!.id,
    ).toBe('1.1.1.1');
    // The default (8) passes this four-level tree.
    expect(loadCriteriaSet(doc, { file: 'c.yaml' }).id).toBe('test.set');
  });

  it('maxFormulaLength and maxFormulaDepth: refused at load by default, accepted when raised, and scored alike', () => {
    const long = `min(max, onTime / resolved * max)${' '.repeat(2100)}`;
    const deep = `${'('.repeat(70)}onTime / resolved * max${')'.repeat(70)}`;
    const doc = (expr: string) =>
      criteriaDoc([
        {
          id: '1',
          title: 'Công thức',
          max: 2,
          rule: { kind: 'formula', inputs: { onTime: 'onTime', resolved: 'resolved' }, expr, clamp: true },
        },
      ]);
    const ev = loadEvidence([
      {
        data: {
          format: 'par-index/evidence@1',
          year: 2021,
          source: 'Báo cáo',
          units: [{ id: 'u1', name: 'Xã 1', measures: { onTime: 3, resolved: 4 } }],
        },
      },
    ]);
    for (const [expr, key, raised] of [
      [long, 'maxFormulaLength', { maxFormulaLength: 3000 }],
      [deep, 'maxFormulaDepth', { maxFormulaDepth: 80 }],
    ] as const) {
      let refused: unknown;
      try {
        loadCriteriaSet(doc(expr), { file: 'f.yaml' });
      } catch (e) {
        refused = e;
      }
      expectParIndexError(refused, 'f.yaml');
      const i = refused.issues[0]!;
      expect(i.code).toBe('criteria.formula-forbidden');
      expect(i.path).toEqual(['tree', 0, 'rule', 'expr']);
      expect(i.message).toContain(`limits.${key}`);
      expect(i.messageVi).toContain(`limits.${key}`);
      const set = loadCriteriaSet(doc(expr), { file: 'f.yaml', limits: raised });
      // The set remembers how it was checked, so scoring compiles the same formula instead of refusing it.
      expect(evaluate(set, ev)[0]!.total).toBe(1.5);
    }
  });

  it('maxUnits: evidence with more units than the limit, over all its documents', () => {
    namesLimit(
      refusal(() => loadEvidence([{ data: units(5), file: 'e.json' }], { limits: { maxUnits: 4 } }), 'e.json'),
      'maxUnits',
    );
    expect(loadEvidence([{ data: units(5), file: 'e.json' }], { limits: { maxUnits: 5 } }).units).toHaveLength(5);
    const two = [
      { data: units(3), file: 'a.json' },
      { data: { ...units(0), units: [{ id: 'v', name: 'V' }] }, file: 'b.json' },
    ];
    namesLimit(
      refusal(() => loadEvidence(two, { limits: { maxUnits: 3 } })),
      'maxUnits',
    );
    const p = join(dir, 'e.json');
    writeFileSync(p, JSON.stringify(units(5)));
    namesLimit(
      refusal(() => readEvidence(p, { limits: { maxUnits: 2 } })),
      'maxUnits',
    );
    expect(readEvidence(p, { limits: { maxUnits: 5 } }).units).toHaveLength(5);
  });

  it('maxRows: survey responses (in memory and streamed from a file) and published decision tables', async () => {
    const q = loadQuestionnaire(readFileSync('questionnaires/van-lam-commune-2021.yaml', 'utf8'), { file: 'q.yaml' });
    const lines = readFileSync('fixtures/van-lam-2021/survey/responses-2021.csv', 'utf8').split(/\r?\n/).slice(0, 4).join('\n');
    const i = refusal(() => importResponses(q, parseCsv(lines), { file: 'r.csv', unitColumn: 'xa', limits: { maxRows: 2 } }), 'r.csv');
    namesLimit(i, 'maxRows');
    expect(i.path).toEqual(['row', 4]);
    expect(importResponses(q, parseCsv(lines), { file: 'r.csv', unitColumn: 'xa', limits: { maxRows: 3 } }).report.rowsIn).toBe(3);
    const p = join(dir, 'r.csv');
    writeFileSync(p, lines);
    namesLimit(await refusalAsync(() => readResponses(p, q, { unitColumn: 'xa', limits: { maxRows: 1 } })), 'maxRows');
    expect((await readResponses(p, q, { unitColumn: 'xa', limits: { maxRows: 3 } })).report.rowsUsed).toBe(3);

    const table = parseCsv('Đơn vị;Tổng điểm\nXã A;90\nXã B;80\nXã C;70\n');
    const meta = parsePublished({ format: 'par-index/published@1', year: 2021, table: 'qd.csv' });
    namesLimit(
      refusal(() => decisionFromTable(table, meta, { file: 'qd.csv', limits: { maxRows: 2 } }), 'qd.csv'),
      'maxRows',
    );
    expect(decisionFromTable(table, meta, { file: 'qd.csv', limits: { maxRows: 3 } }).rows).toHaveLength(3);
  });

  it('maxRows: streamed CSV and XLSX tables (dossier exports) are refused at their first row beyond it', async () => {
    const lines = readFileSync('fixtures/van-lam-2021/ho-so-mot-cua-2021.csv', 'utf8').split(/\r?\n/).slice(0, 6).join('\n');
    const csv = join(dir, 'ho-so.csv');
    writeFileSync(csv, lines);
    const xlsx = join(dir, 'ho-so.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hồ sơ');
    for (const l of lines.split('\n')) ws.addRow(l.split(','));
    await wb.xlsx.writeFile(xlsx);
    const readAll = async (p: string, maxRows?: number) => {
      const t = await openTable(p, maxRows === undefined ? {} : { maxRows });
      let n = 0;
      for await (const b of t.batches) n += b.length;
      return n;
    };
    for (const p of [csv, xlsx]) {
      const i = await refusalAsync(() => readAll(p, 3));
      namesLimit(i, 'maxRows');
      expect(i.path).toEqual(['row', 5]);
      expect(await readAll(p, 5)).toBe(5);
      expect(await readAll(p)).toBe(5);
    }
    const period = { from: '2020-01-01', to: '2021-12-31' };
    namesLimit(
      await refusalAsync(() => summariseRecordFiles([csv], { calendar: readCalendar('vn'), period, table: { maxRows: 4 } })),
      'maxRows',
    );
    expect((await summariseRecordFiles([csv], { calendar: readCalendar('vn'), period, table: { maxRows: 5 } })).rows.in).toBe(5);
  });
});
