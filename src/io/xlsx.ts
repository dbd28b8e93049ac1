/**
 * Spreadsheets of a scoring run in the layout district offices use (Node): one XLSX workbook with a sheet for
 * the ranking, one per field (lĩnh vực) and one for the warnings; or the same tables as CSV files. The tables
 * come from `officeTables` in the core, so the XLSX, the CSV and the HTML report never disagree. Any other list
 * of office tables (a verification report's `verifyTables`) is written the same way.
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type ExcelJS from 'exceljs';
import { excel } from './exceljs.js';
import type { Lang } from '../core/errors.js';
import type { ProvenanceReport } from '../criteria/provenance.js';
import type { Ranking } from '../ranking/rank.js';
import { officeTableCsv, officeTables, safeFileStems, safeSheetNames, type OfficeTable } from '../report/office-tables.js';
import { writeText } from './files.js';
import { maxOf } from '../core/lists.js';

/**
 * Options of {@link reportXlsx}.
 *
 * @example `await reportXlsx(rank(cards, set.ranking), { lang: 'en' })`
 */
export interface XlsxOptions {
  /** Sheet names, headers and band labels in this language (default Vietnamese). */
  readonly lang?: Lang;
  /**
   * The workbook's creation date recorded in its properties. Fixed by default (2000-01-01) so the same cards
   * give the same workbook contents; pass the real date when a record of it is wanted.
   */
  readonly created?: Date;
  /** The criteria set's assumptions (`criteriaProvenance(set)`): listed on a sheet of their own when there are any. */
  readonly assumptions?: ProvenanceReport | undefined;
}

/** A date that makes the workbook's properties a function of the cards alone. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

function numFmt(decimals: number): string {
  return decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`;
}

function addSheet(wb: ExcelJS.Workbook, t: OfficeTable, name: string): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3, xSplit: 2 }] });
  const width = t.header.length;
  ws.getCell(1, 1).value = t.title;
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  if (width > 1) ws.mergeCells(1, 1, 1, width);
  // Row 2 left empty: offices write the signing block or a note there; the header is row 3.
  const header = ws.getRow(3);
  t.header.forEach((h, i) => {
    const c = header.getCell(i + 1);
    c.value = h;
    c.font = { bold: true };
    c.alignment = { wrapText: true, vertical: 'top' };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE9ECEF' } };
    c.border = { bottom: { style: 'thin' } };
  });
  t.rows.forEach((r, ri) => {
    const row = ws.getRow(4 + ri);
    r.forEach((v, i) => {
      const c = row.getCell(i + 1);
      c.value = v;
      const d = t.decimals[i];
      if (typeof v === 'number' && d !== null && d !== undefined) c.numFmt = numFmt(d);
    });
  });
  t.header.forEach((h, i) => {
    const longest = maxOf([h.length > 24 ? 24 : h.length, ...t.rows.map((r) => String(r[i] ?? '').length)]);
    ws.getColumn(i + 1).width = Math.min(60, Math.max(8, longest + 2));
  });
}

/**
 * Office tables as XLSX bytes, one sheet per table in order: the title in row 1, the header in row 3, the rows
 * below; numbers stored as numbers with each column's decimals as their format.
 *
 * @example `writeFileSync('out/kiem-tra.xlsx', await officeTablesXlsx(verifyTables(report, 'vi')))`
 */
export async function officeTablesXlsx(tables: readonly OfficeTable[], opts: Pick<XlsxOptions, 'created'> = {}): Promise<Uint8Array> {
  const wb = new (await excel()).Workbook();
  wb.creator = 'par-index';
  wb.lastModifiedBy = 'par-index';
  wb.created = opts.created ?? FIXED_DATE;
  wb.modified = opts.created ?? FIXED_DATE;
  // Any list of tables (not only officeTables'): names Excel would refuse or take as the same are made valid here.
  const names = safeSheetNames(tables.map((t) => t.name));
  tables.forEach((t, i) => addSheet(wb, t, names[i]!));
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf);
}

/**
 * Writes the workbook of {@link officeTablesXlsx} to a file, creating its folder.
 *
 * @example `await writeOfficeTablesXlsx('out/kiem-tra.xlsx', verifyTables(report, 'en'))`
 */
export async function writeOfficeTablesXlsx(
  path: string,
  tables: readonly OfficeTable[],
  opts: Pick<XlsxOptions, 'created'> = {},
): Promise<void> {
  const bytes = await officeTablesXlsx(tables, opts);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}

/**
 * Writes office tables as CSV files in a folder, one per table named by its key (`<key>.csv`), each with a
 * UTF-8 byte-order mark so that Excel reads Vietnamese letters correctly. Returns the files written. Keys that
 * would clash where case is ignored, or that Windows refuses, are made valid and distinct (`field-A-2.csv`).
 *
 * @example `writeOfficeTablesCsv('out/kiem-tra', verifyTables(report, 'vi')) // ['out/kiem-tra/summary.csv', …]`
 */
export function writeOfficeTablesCsv(dir: string, tables: readonly OfficeTable[]): string[] {
  // Keys that differ only in case (field-a, field-A) would overwrite each other on Windows and macOS.
  const stems = safeFileStems(tables.map((t) => t.key));
  return tables.map((t, i) => {
    const f = join(dir, `${stems[i]!}.csv`);
    writeText(f, `\uFEFF${officeTableCsv(t)}`);
    return f;
  });
}

/**
 * The workbook as XLSX bytes: sheet "Xếp hạng" (Ranking), then "Lĩnh vực 1" … (Field 1 …), then "Cảnh báo"
 * (Warnings). Numbers are stored as numbers with the criteria set's decimals as their format, so a
 * spreadsheet can sum them and prints "19,90" in a Vietnamese locale.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('out/xep-hang-2021.xlsx', await reportXlsx(rank(evaluate(set, evidence), set.ranking), { lang: 'vi' }));
 * ```
 */
export function reportXlsx(ranking: Ranking, opts: XlsxOptions = {}): Promise<Uint8Array> {
  return officeTablesXlsx(officeTables(ranking, opts.lang ?? 'vi', { assumptions: opts.assumptions }), opts);
}

/**
 * Writes the workbook of {@link reportXlsx} to a file, creating its folder.
 *
 * @example `await writeReportXlsx('out/xep-hang-2021.xlsx', ranking, { lang: 'vi' })`
 */
export function writeReportXlsx(path: string, ranking: Ranking, opts: XlsxOptions = {}): Promise<void> {
  return writeOfficeTablesXlsx(path, officeTables(ranking, opts.lang ?? 'vi', { assumptions: opts.assumptions }), opts);
}

/**
 * Writes the office tables as CSV files in a folder: `ranking.csv`, `field-1.csv` …, `warnings.csv`, each with
 * a UTF-8 byte-order mark so that Excel reads Vietnamese letters correctly. Returns the files written.
 *
 * @example `writeReportCsv('out/csv', ranking, { lang: 'vi' }) // ['out/csv/ranking.csv', 'out/csv/field-1.csv', …]`
 */
export function writeReportCsv(
  dir: string,
  ranking: Ranking,
  opts: { readonly lang?: Lang; readonly assumptions?: ProvenanceReport | undefined } = {},
): string[] {
  return writeOfficeTablesCsv(dir, officeTables(ranking, opts.lang ?? 'vi', { assumptions: opts.assumptions }));
}
