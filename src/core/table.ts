/**
 * Tables (bảng dữ liệu) as one-stop systems and survey tools export them: CSV text parsed in the pure core
 * (so a browser or notebook can read a pasted export), with row numbers kept for every message, and header
 * matching that tolerates Vietnamese diacritics, case and spacing ("Ngày tiếp nhận" = "ngay tiep nhan").
 * @module
 */
import Papa from 'papaparse';
import { issue, ParIndexError } from './errors.js';

/** A cell as read: text from CSV; text, number, boolean or an ISO date from XLSX; null when empty. */
export type Cell = string | number | boolean | null;

/** One data row with its row number in the file (the header is row 1 in a CSV; XLSX keeps the sheet's numbers). */
export interface TableRow {
  readonly row: number;
  readonly cells: readonly Cell[];
}

/** A whole table in memory. */
export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly TableRow[];
}

/**
 * Folds a header for matching: lower case, no diacritics (đ → d), single spaces, no punctuation at the ends.
 * @example normalizeHeader('  Ngày  Tiếp nhận ') // "ngay tiep nhan"
 */
export function normalizeHeader(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .replace(/^[\s:.*#-]+|[\s:.*#-]+$/g, '')
    .trim();
}

/** Papa's options shared by the in-memory and the streaming readers. */
export const CSV_OPTIONS: { skipEmptyLines: false } = { skipEmptyLines: false };

/**
 * The delimiter of a CSV export, from its header line: the most frequent of , ; tab | outside quotes
 * (exports from Vietnamese systems often use ";" because "," is the decimal separator).
 */
export function detectDelimiter(text: string): string {
  const firstLine = (/^[^\r\n]*[^\s\r\n][^\r\n]*/m.exec(text.replace(/^\uFEFF/, '')) ?? [''])[0];
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0], ['|', 0]]);
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/**
 * Turns parsed records into data rows with their physical line numbers: blank records are skipped but still
 * counted, and a quoted cell spanning lines moves the count on by its line breaks.
 */
export class RowNumberer {
  private line = 1;
  /** Returns the row for the next record, or undefined for a blank line. */
  next(cells: readonly string[]): TableRow | undefined {
    this.line += 1;
    const row = this.line;
    for (const c of cells) for (let i = 0; i < c.length; i++) if (c.charCodeAt(i) === 10) this.line++;
    if (cells.every((c) => c.trim() === '')) return undefined;
    return { row, cells: cells.map((c) => (c === '' ? null : c)) };
  }
}

/**
 * Parses CSV text (a UTF-8 BOM is dropped; the delimiter among , ; tab | is detected). Throws
 * {@link ParIndexError} (`parse.csv`) naming the row of a malformed quote, or for an empty file.
 *
 * @example parseCsv('ma,ten\n1,Xã An\n', { file: 'x.csv' }).rows[0] // { row: 2, cells: ['1', 'Xã An'] }
 */
export function parseCsv(text: string, opts: { file?: string | undefined } = {}): Table {
  const clean = text.replace(/^\uFEFF/, '');
  const r = Papa.parse<string[]>(clean, { ...CSV_OPTIONS, delimiter: detectDelimiter(clean), header: false });
  const bad = r.errors.filter((e) => e.type === 'Quotes');
  if (bad.length > 0) {
    throw new ParIndexError(bad.slice(0, 20).map((e) => issue('parse.csv', 'error', ['row', (e.row ?? 0) + 1], `row ${(e.row ?? 0) + 1}: ${e.message}`, `dòng ${(e.row ?? 0) + 1}: ${e.message}`, { file: opts.file })));
  }
  const records = r.data;
  let h = 0;
  while (h < records.length && records[h]!.every((c) => c.trim() === '')) h++;
  const header = records[h];
  if (!header) {
    throw new ParIndexError([issue('parse.csv', 'error', [], 'the file is empty: expected a header row', 'tệp rỗng: cần một dòng tiêu đề', { file: opts.file })]);
  }
  const numberer = new RowNumberer();
  const rows: TableRow[] = [];
  for (let i = h + 1; i < records.length; i++) {
    const row = numberer.next(records[i]!);
    if (row) rows.push(h === 0 ? row : { ...row, row: row.row + h });
  }
  return { header: header.map((x) => x.trim()), rows };
}

/**
 * Finds the column of each wanted field by its accepted header names (compared with {@link normalizeHeader}).
 * Returns the index per field (or -1) and the headers no field claimed.
 */
export function matchColumns<K extends string>(header: readonly string[], wanted: Readonly<Record<K, readonly string[]>>): { index: Record<K, number>; unknown: string[] } {
  const folded = header.map(normalizeHeader);
  const index = {} as Record<K, number>;
  const claimed = new Set<number>();
  for (const key of Object.keys(wanted) as K[]) {
    const names = wanted[key].map(normalizeHeader);
    const i = folded.findIndex((h, j) => !claimed.has(j) && names.includes(h));
    index[key] = i;
    if (i >= 0) claimed.add(i);
  }
  return { index, unknown: header.filter((_, j) => !claimed.has(j)) };
}
