/**
 * Streaming reads of CSV and XLSX exports (Node): rows arrive one at a time with their row numbers, so memory
 * does not grow with the file's length. A size limit is checked before reading.
 * @module
 */
import { createReadStream, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { issue, ParIndexError } from '../core/errors.js';
import { CSV_OPTIONS, detectDelimiter, RowNumberer, type Cell, type TableRow } from '../core/table.js';
import { displayPath } from './index.js';

/**
 * Default largest table file: 2 GiB (streamed, so memory stays flat; raise or lower with `maxBytes`).
 *
 * @example `openTable('ho-so.csv', { maxBytes: DEFAULT_MAX_TABLE_BYTES / 2 })`
 */
export const DEFAULT_MAX_TABLE_BYTES = 2 * 1024 ** 3;

/**
 * Options of {@link openTable}.
 *
 * @example `openTable('ho-so.xlsx', { sheet: 'Hồ sơ', maxBytes: 500_000_000 })`
 */
export interface TableOptions {
  /** Refuse larger files before reading (default 2 GiB). */
  maxBytes?: number;
  /** XLSX: the sheet to read, by name or 1-based position (default the first). */
  sheet?: string | number;
}

/**
 * An open table: its header and an async iterator over its data rows.
 *
 * @example `const t = await openTable('ho-so.csv'); for await (const row of t.rows) console.log(row)`
 */
export interface TableStream {
  /** The file, as shown in messages. */
  readonly file: string;
  /** The header row's cells. */
  readonly header: readonly string[];
  /** The data rows, read as they are needed. */
  readonly rows: AsyncIterable<TableRow>;
}

/**
 * Opens a CSV or XLSX file for streaming. Throws {@link ParIndexError} for a missing file, a file over the
 * limit, an unknown extension or an empty file.
 *
 * @example
 * ```ts
 * const t = await openTable('exports/ho-so-2021.csv');
 * for await (const r of t.rows) console.log(r.row, r.cells);
 * ```
 */
export async function openTable(path: string, opts: TableOptions = {}): Promise<TableStream> {
  const file = displayPath(path);
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    throw new ParIndexError([issue('io.read', 'error', [], `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, `không đọc được tệp: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file })]);
  }
  const max = opts.maxBytes ?? DEFAULT_MAX_TABLE_BYTES;
  if (size > max) {
    throw new ParIndexError([issue('io.too-large', 'error', [], `the file is ${size} bytes; the limit is ${max} bytes (set maxBytes / --max-bytes to raise it)`, `tệp có ${size} byte; giới hạn là ${max} byte`, { file })]);
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return openCsv(path, file);
  if (ext === '.xlsx') return openXlsx(path, file, opts.sheet);
  throw new ParIndexError([issue('io.read', 'error', [], `unknown table type "${ext}": expected .csv or .xlsx`, `loại tệp "${ext}" không hỗ trợ: cần .csv hoặc .xlsx`, { file })]);
}

async function openCsv(path: string, file: string): Promise<TableStream> {
  const delimiter = detectDelimiter(await readHead(path));
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { ...CSV_OPTIONS, delimiter, header: false }) as unknown as NodeJS.ReadWriteStream;
  const input = createReadStream(path, { encoding: 'utf8' });
  input.on('error', (e) => parser.emit('error', e));
  input.pipe(parser);
  const it = (parser as unknown as AsyncIterable<string[]>)[Symbol.asyncIterator]();
  const numberer = new RowNumberer();
  let first = await it.next();
  let skipped = 0;
  while (!first.done && first.value.every((h) => h.trim() === '')) {
    skipped++;
    first = await it.next();
  }
  if (first.done) {
    throw new ParIndexError([issue('parse.csv', 'error', [], 'the file is empty: expected a header row', 'tệp rỗng: cần một dòng tiêu đề', { file })]);
  }
  const header = first.value.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  async function* rows(): AsyncGenerator<TableRow> {
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      const row = numberer.next(r.value);
      if (row) yield skipped ? { ...row, row: row.row + skipped } : row;
    }
  }
  return { file, header, rows: rows() };
}

/** The first 64 KiB of a file, enough to see its header line. */
async function readHead(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(65536);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v === '' ? null : v;
  if (typeof v === 'object') {
    if ('result' in v) return cellValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
    if ('text' in v) return String((v as ExcelJS.CellHyperlinkValue).text);
    if ('error' in v) return null;
  }
  return String(v);
}

async function openXlsx(path: string, file: string, sheet: string | number | undefined): Promise<TableStream> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { entries: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit' });
  const sheets = reader[Symbol.asyncIterator]();
  let ws: ExcelJS.stream.xlsx.WorksheetReader | undefined;
  let pos = 0;
  for (;;) {
    const n = await sheets.next();
    if (n.done) break;
    pos += 1;
    const w = n.value as ExcelJS.stream.xlsx.WorksheetReader & { name?: string };
    if (sheet === undefined || sheet === pos || sheet === w.name) {
      ws = w;
      break;
    }
    // Drain sheets that are not wanted so the reader can move on.
    for await (const _ of w) void _;
  }
  if (!ws) throw new ParIndexError([issue('parse.xlsx', 'error', [], `no sheet ${sheet === undefined ? '' : `"${sheet}" `}in the workbook`, `không có trang tính ${sheet === undefined ? '' : `"${sheet}" `}trong tệp`, { file })]);
  const it = (ws as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator]();
  const toCells = (r: ExcelJS.Row): Cell[] => {
    const values = r.values as ExcelJS.CellValue[];
    const out: Cell[] = [];
    for (let i = 1; i < values.length; i++) out.push(cellValue(values[i]));
    return out;
  };
  const first = await it.next();
  if (first.done) throw new ParIndexError([issue('parse.xlsx', 'error', [], 'the sheet is empty: expected a header row', 'trang tính rỗng: cần một dòng tiêu đề', { file })]);
  const header = toCells(first.value).map((c) => (c === null ? '' : String(c).trim()));
  async function* rows(): AsyncGenerator<TableRow> {
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      const cells = toCells(r.value);
      if (cells.every((c) => c === null)) continue;
      yield { row: r.value.number, cells };
    }
  }
  return { file, header, rows: rows() };
}
