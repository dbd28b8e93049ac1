/**
 * Sheet and file names (issue 21, item 6): the XLSX report names a sheet per field and the CSV export a file per
 * field. Two field ids that differ only in case, or share their first 22 characters, must give distinct names —
 * compared without case, as Excel, Windows and macOS compare them — within Excel's 31 characters, without the
 * characters Excel or Windows forbid, and never a name Windows reserves (CON, NUL, COM1…).
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { excel } from '../../src/io/exceljs.js';
import { officeTablesXlsx, reportXlsx, writeOfficeTablesCsv, writeReportCsv } from '../../src/io/xlsx.js';
import { rank } from '../../src/ranking/rank.js';
import { officeTables, safeFileStems, safeSheetNames, type OfficeTable } from '../../src/report/office-tables.js';
import { makeEvidence, makeSet } from '../support/support.js';
import { CORPUS_CASES } from '../support/hostile-support.js';

const LONG = 'abcdefghijklmnopqrstuvw'; // 23 characters: "Lĩnh vực " + 22 of them fill Excel's 31
const leaf = (id: string) => ({
  id: `${id}.1`,
  title: `Tiêu chí ${id}`,
  max: 5,
  rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'full' },
});
const field = (id: string) => ({ id, title: `Lĩnh vực ${id}`, max: 5, children: [leaf(id)] });
const set = makeSet([field('a'), field('A'), field(`${LONG}1`), field(`${LONG}2`)], {});
const ranking = rank(evaluate(set, makeEvidence([{ measures: { onTime: 1, resolved: 2 } }])), set.ranking);

/** Windows refuses these characters in file names, and names ending in a dot or a space. */
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const WINDOWS_BAD = /[<>:"/\\|?*\u0000-\u001f]|[. ]$/;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

function expectValidSheetNames(names: readonly string[]): void {
  const lower = names.map((n) => n.toLowerCase());
  expect(new Set(lower).size, `unique without case: ${names.join(' | ')}`).toBe(names.length);
  for (const n of names) {
    expect(n.length, n).toBeGreaterThan(0);
    expect(n.length, n).toBeLessThanOrEqual(31);
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    expect(n, n).not.toMatch(/[[\]:*?/\\\u0000-\u001f]|^'|'$/);
    expect(n.toLowerCase(), n).not.toBe('history');
  }
}

function expectValidFileNames(files: readonly string[]): void {
  const lower = files.map((f) => f.normalize('NFC').toLowerCase());
  expect(new Set(lower).size, `unique without case: ${files.join(' | ')}`).toBe(files.length);
  for (const f of files) {
    expect(f, f).not.toMatch(WINDOWS_BAD);
    expect(f, f).not.toMatch(RESERVED);
    expect(f.length, f).toBeLessThanOrEqual(120);
  }
}

describe('field ids that differ only in case or share their first 22 characters', () => {
  it('the XLSX report is written, with one distinct sheet per table', async () => {
    const tables = officeTables(ranking, 'vi');
    expectValidSheetNames(tables.map((t) => t.name));
    const wb = new (await excel()).Workbook();
    await wb.xlsx.load((await reportXlsx(ranking, { lang: 'vi' })).buffer as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toHaveLength(tables.length);
    expectValidSheetNames(names);
    // Each field's sheet holds that field: its title row names it.
    for (const [i, w] of wb.worksheets.entries()) expect(String(w.getCell(1, 1).value)).toBe(tables[i]!.title);
  });

  it('the CSV export writes one file per table, none overwriting another', () => {
    const dir = mkdtempSync(join(tmpdir(), 'par-index-names-'));
    const files = writeReportCsv(dir, ranking, { lang: 'vi' });
    const tables = officeTables(ranking, 'vi');
    expect(files).toHaveLength(tables.length);
    const base = files.map((f) => f.slice(dir.length + 1));
    expectValidFileNames(base);
    expect(readdirSync(dir).sort()).toEqual([...base].sort());
    expect(base).toContain('field-a.csv');
    expect(base.filter((b) => /^field-a(-\d+)?\.csv$/i.test(b))).toHaveLength(2);
  });
});

describe('any list of office tables is written under valid, distinct names', () => {
  const t = (key: string, name: string): OfficeTable => ({ key, name, title: key, header: ['x'], decimals: [null], rows: [['1']] });
  const hostile = [
    t('con', 'History'),
    t('CON', 'history'),
    t('nul.txt', "'quoted'"),
    t('a:b', 'a[b]:c*d?e/f\\g'),
    t('trailing. ', 'x'.repeat(40)),
    t('', 'X'.repeat(40)),
    t('lpt1', ''),
    t('ok', 'Ok'),
    t('OK', 'ok'),
    t('tab\there', 'tab\there'),
  ];

  it('safeSheetNames and safeFileStems', () => {
    expect(hostile.length).toBe(CORPUS_CASES['hostile sheet and file names (tests/hostile/sheet-names.test.ts)']);
    expectValidSheetNames(safeSheetNames(hostile.map((x) => x.name)));
    expectValidFileNames(safeFileStems(hostile.map((x) => x.key)).map((s) => `${s}.csv`));
    // Names that are fine already are kept as they are.
    expect(safeSheetNames(['Xếp hạng', 'Lĩnh vực 1', 'Cảnh báo'])).toEqual(['Xếp hạng', 'Lĩnh vực 1', 'Cảnh báo']);
    expect(safeFileStems(['ranking', 'field-1', 'warnings'])).toEqual(['ranking', 'field-1', 'warnings']);
  });

  it('officeTablesXlsx and writeOfficeTablesCsv', async () => {
    const wb = new (await excel()).Workbook();
    await wb.xlsx.load((await officeTablesXlsx(hostile)).buffer as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(hostile.length);
    expectValidSheetNames(wb.worksheets.map((w) => w.name));
    const dir = mkdtempSync(join(tmpdir(), 'par-index-names-'));
    const files = writeOfficeTablesCsv(dir, hostile);
    expect(readdirSync(dir)).toHaveLength(hostile.length);
    expectValidFileNames(files.map((f) => f.slice(dir.length + 1)));
  });
});
