/**
 * A verification report renders the way the run report does: one self-contained HTML file, an XLSX workbook
 * (summary, checks, discrepancies) and CSV tables — through the library and through `par-index verify`, on the
 * worked example's erroneous published decision.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { officeTablesXlsx } from '../../src/io/xlsx.js';
import { officeTableCsv } from '../../src/report/office-tables.js';
import { renderVerifyHtml, verifyTables } from '../../src/report/verify.js';
import { readPublishedDecision } from '../../src/io/verify-files.js';
import { decisionFields, verifyDecision } from '../../src/verify/verify.js';
import { criteriaFile, evidence, fixtureDir, set } from '../support/report-example.js';

const published = join(fixtureDir, 'published/cong-bo-chi-so-cchc-2021-co-loi.yaml');
const report = verifyDecision(await readPublishedDecision(published, { fields: decisionFields(set) }), { set, evidence });
const dir = mkdtempSync(join(tmpdir(), 'par-verify-report-'));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s) };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function workbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe('verifyTables', () => {
  it('has a summary, the checks and one row per discrepancy, in either language', () => {
    expect(report.ok).toBe(false);
    const vi = verifyTables(report, 'vi');
    const en = verifyTables(report, 'en');
    expect(vi.map((t) => [t.key, t.name])).toEqual([
      ['summary', 'Tóm tắt'],
      ['checks', 'Các phép kiểm tra'],
      ['discrepancies', 'Sai lệch'],
    ]);
    expect(en.map((t) => t.name)).toEqual(['Summary', 'Checks', 'Discrepancies']);
    expect(vi[0]!.rows[0]).toEqual(['Kết quả', `Phát hiện ${report.discrepancies.length} sai lệch.`]);
    expect(en[0]!.rows[0]).toEqual(['Result', `${report.discrepancies.length} discrepancy(ies) found.`]);
    expect(vi[1]!.rows).toHaveLength(report.checks.length);
    const d = en[2]!;
    expect(d.rows).toHaveLength(report.discrepancies.length);
    for (const r of d.rows) expect(r).toHaveLength(d.header.length);
    // Numbers stay numbers: the first discrepancy is Lạc Hồng's field 3, printed 18.78 where 18.87 is recomputed.
    const first = report.discrepancies[0]!;
    expect(d.rows[0]!.slice(0, 9)).toEqual([
      1,
      'Field differs from the recomputation',
      'evidence',
      first.unit,
      first.row,
      'field 3',
      18.78,
      18.87,
      first.delta,
    ]);
    expect(String(d.rows[0]![10])).toMatch(/^3\.1\.1 /);
  });

  it('says the same as the HTML report', () => {
    const html = renderVerifyHtml(report, 'vi');
    for (const r of verifyTables(report, 'vi')[2]!.rows) expect(html).toContain(String(r[1]));
  });
});

describe('par-index verify --format xlsx|csv|html', () => {
  it('writes a workbook with a sheet each for the summary, the checks and the discrepancies', async () => {
    const file = join(dir, 'kiem-tra.xlsx');
    const r = await run(
      'verify',
      published,
      '--criteria',
      criteriaFile,
      '--evidence',
      fixtureDir,
      '--format',
      'xlsx',
      '--out',
      file,
      '--lang',
      'vi',
    );
    expect(r.code).toBe(1); // discrepancies found
    expect(r.err).toContain(`${report.discrepancies.length} sai lệch.`);
    const wb = await workbook(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tóm tắt', 'Các phép kiểm tra', 'Sai lệch']);
    const sheet = wb.getWorksheet('Sai lệch')!;
    expect(sheet.getCell(3, 1).value).toBe('#');
    expect(sheet.getCell(3, 7).value).toBe('Công bố');
    expect(sheet.getCell(4, 4).value).toBe('Xã Lạc Hồng');
    expect(sheet.getCell(4, 7).value).toBe(18.78);
    expect(sheet.getCell(4, 8).value).toBe(18.87);
    expect(sheet.rowCount).toBe(3 + report.discrepancies.length);
    expect(wb.getWorksheet('Tóm tắt')!.getCell(4, 2).value).toBe(`Phát hiện ${report.discrepancies.length} sai lệch.`);
    // The same bytes as the library's workbook of the same tables.
    const lib = new ExcelJS.Workbook();
    await lib.xlsx.load((await officeTablesXlsx(verifyTables(report, 'vi'))).buffer as ArrayBuffer);
    expect(lib.getWorksheet('Sai lệch')!.getSheetValues()).toEqual(sheet.getSheetValues());
  });

  it('refuses a workbook without --out', async () => {
    const r = await run('verify', published, '--format', 'xlsx', '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.err).toContain('give --out FILE.xlsx');
  });

  it('writes every table as CSV in a folder, or the discrepancies on standard output', async () => {
    const folder = join(dir, 'csv');
    expect(
      (
        await run(
          'verify',
          published,
          '--criteria',
          criteriaFile,
          '--evidence',
          fixtureDir,
          '--format',
          'csv',
          '--out',
          folder,
          '--lang',
          'en',
        )
      ).code,
    ).toBe(1);
    expect(readdirSync(folder).sort()).toEqual(['checks.csv', 'discrepancies.csv', 'summary.csv']);
    const tables = verifyTables(report, 'en');
    expect(readFileSync(join(folder, 'discrepancies.csv'), 'utf8')).toBe(`\uFEFF${officeTableCsv(tables[2]!)}`);
    const piped = await run('verify', published, '--criteria', criteriaFile, '--evidence', fixtureDir, '--format', 'csv', '--lang', 'en');
    expect(piped.code).toBe(1);
    expect(`${piped.out}\n`).toBe(officeTableCsv(tables[2]!));
    expect(piped.out.split('\n')[0]).toBe(
      '#,Kind,Found by,Unit,Row,Cell,Published,Expected,Difference,Explanation,Nodes behind it (recomputed)',
    );
  });

  it('writes one self-contained HTML file: nothing fetched from the network', async () => {
    const file = join(dir, 'kiem-tra.html');
    expect(
      (
        await run(
          'verify',
          published,
          '--criteria',
          criteriaFile,
          '--evidence',
          fixtureDir,
          '--format',
          'html',
          '--out',
          file,
          '--lang',
          'en',
        )
      ).code,
    ).toBe(1);
    const html = readFileSync(file, 'utf8');
    expect(html).toBe(renderVerifyHtml(report, 'en'));
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Xã Lạc Hồng');
    expect(html).not.toMatch(/\s(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);
  });
});
