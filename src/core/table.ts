/**
 * Tables (bảng dữ liệu) as one-stop systems and survey tools export them: CSV text parsed in the pure core
 * (so a browser or notebook can read a pasted export), with row numbers kept for every message, and header
 * matching that tolerates Vietnamese diacritics, case and spacing ("Ngày tiếp nhận" = "ngay tiep nhan").
 * @module
 */
import Papa from 'papaparse';
import { issue, ParIndexError, type Issue } from './errors.js';
import { nfc } from './text.js';
import { beyondLimit, resolveLimits, type Limits } from './limits.js';
import { pushAll } from './lists.js';

/**
 * A cell as read: text from CSV; text, number, boolean or an ISO date from XLSX; null when empty.
 *
 * @example parseCsv('ma,ten\n1,\n').rows[0].cells // ['1', null]
 */
export type Cell = string | number | boolean | null;

/**
 * One data row with its row number in the file (the header is row 1 in a CSV; XLSX keeps the sheet's numbers).
 *
 * @example parseCsv('ma,ten\n1,Xã An\n').rows[0] // { row: 2, cells: ['1', 'Xã An'] }
 */
export interface TableRow {
  /** The row number in the file, as an editor or a spreadsheet shows it (the header is row 1 in a CSV). */
  readonly row: number;
  /** The row's cells, in the header's order; empty cells are null. */
  readonly cells: readonly Cell[];
}

/**
 * A whole table in memory: the header and the data rows (blank rows are skipped).
 *
 * @example parseCsv('ma;ten\n1;Xã An\n2;Xã Bình\n') // { header: ['ma', 'ten'], rows: [{ row: 2, … }, { row: 3, … }] }
 */
export interface Table {
  /** The header row's cells, trimmed. */
  readonly header: readonly string[];
  /** The data rows, in file order. */
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

/**
 * The delimiter of a CSV export, from its header line: the most frequent of , ; tab | outside quotes
 * (exports from Vietnamese systems often use ";" because "," is the decimal separator).
 *
 * @example detectDelimiter('Mã hồ sơ;Ngày tiếp nhận\nHS1;01/02/2021') // ";"
 */
export function detectDelimiter(text: string): string {
  const firstLine = (/^[^\r\n]*[^\s\r\n][^\r\n]*/m.exec(text.replace(/^\uFEFF/, '')) ?? [''])[0];
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
    ['|', 0],
  ]);
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
 * The line break of a CSV export, from its first 1 MiB: `\r\n` when most breaks outside quotes are CR LF, `\r`
 * when they are lone CRs, else `\n` (papaparse's rule, decided once so every chunk of a streamed file agrees).
 *
 * @example detectNewline('ma;ten\r\n1;"Xã\nAn"\r\n') // "\r\n"
 */
export function detectNewline(text: string): '\n' | '\r\n' | '\r' {
  const end = Math.min(text.length, 1 << 20);
  let quoted = false;
  let cr = 0;
  let crlf = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 10) {
      if (cr === 0) return '\n';
    } else if (c === 13) {
      cr++;
      if (text.charCodeAt(i + 1) === 10) crlf++;
    }
  }
  if (cr === 0) return '\n';
  return crlf >= cr / 2 ? '\r\n' : '\r';
}

/**
 * Options of {@link CsvChunkParser}.
 * @example new CsvChunkParser({ delimiter: ';', newline: '\r\n', file: 'ho-so.csv' })
 */
export interface CsvChunkOptions {
  /** The field delimiter (see {@link detectDelimiter}). */
  readonly delimiter: string;
  /** The line break (see {@link detectNewline}). */
  readonly newline: '\n' | '\r\n' | '\r';
  /** The file, as shown in messages. */
  readonly file?: string | undefined;
  /**
   * A record still unfinished after this many characters stops the read (`parse.csv`): it is almost always a
   * quote that is never closed, which would otherwise pull the rest of the file into memory. Default 2^23.
   */
  readonly maxRecordChars?: number | undefined;
}

/**
 * A {@link TableRow} made by a constructor rather than an object literal: V8 tracks an allocation site for every
 * literal and, when a garbage collection happens to find most of a site's recent objects alive, allocates all
 * later ones straight in the old generation ("pretenuring"). For rows, which die a batch later, that turned a
 * 2-second read of a million rows into 5 seconds and 400 MiB about one run in three. Constructed objects have
 * no allocation site.
 */
class DataRow implements TableRow {
  constructor(
    readonly row: number,
    readonly cells: readonly Cell[],
  ) {}
}

/**
 * A data row, built the way every table reader (CSV here, XLSX in io/table.ts) builds them: see {@link DataRow}.
 *
 * @example tableRow(2, ['HS1', null]) // { row: 2, cells: ['HS1', null] }
 */
export function tableRow(row: number, cells: readonly Cell[]): TableRow {
  return new DataRow(row, cells);
}

/**
 * True for a code unit that `String#trim` never removes, over the ranges cells mostly start and end with (ASCII,
 * Latin and Vietnamese letters); false may also mean "not sure". For per-cell paths: checking a cell's ends
 * costs less than calling trim on it.
 * @example surelyNotSpace('H'.charCodeAt(0)) // true; surelyNotSpace(0xa0) // false (no-break space)
 */
export function surelyNotSpace(c: number): boolean {
  return (c > 32 && c < 0x7f) || (c > 0xa0 && c < 0x1680) || (c >= 0x1e00 && c < 0x2000);
}

/** Quote problems listed (their count is exact); one is enough to refuse the file. */
const QUOTE_ISSUES_LISTED = 20;

/**
 * Parses CSV text fed in pieces of any size (a file read in chunks, or a whole text) into data rows with their
 * physical line numbers, returned a batch per piece. Pure: papaparse's core parser does the tokenising; this
 * class carries the unfinished last record from one piece to the next (so a piece may end anywhere, even inside
 * a quoted field or between CR and LF), finds the header (the first record that is not blank), skips blank
 * records while counting their lines, and counts the line breaks inside quoted cells so row numbers stay the
 * lines an editor shows. Empty cells become null. Quote problems (a closing quote followed by text, a quote
 * never closed) are collected in {@link CsvChunkParser.issues} with their line.
 *
 * @example
 * ```ts
 * const p = new CsvChunkParser({ delimiter: ',', newline: '\n' });
 * p.push('ma,ten\n1,"Xã\nA');   // [] — the record is not finished yet
 * p.push('n"\n2,B\n');          // [{ row: 2, cells: ['1', 'Xã\nAn'] }, { row: 4, cells: ['2', 'B'] }]
 * p.end();                       // []
 * p.header;                      // ['ma', 'ten']
 * ```
 */
export class CsvChunkParser {
  /** The header row's cells (trimmed, without a BOM), once a non-blank record has been read. */
  header: string[] | undefined;
  /** Quote problems found so far (at most 20 listed), as `parse.csv` errors naming the row. */
  readonly issues: Issue[] = [];
  /** How many quote problems were found (exact). */
  quoteProblems = 0;
  private readonly parser: Papa.Parser;
  private readonly opts: CsvChunkOptions;
  private readonly max: number;
  /** The newline sequence holds an LF, so a piece whose LFs equal its records has no line break in a cell. */
  private readonly lfPerRecord: number;
  private partial = '';
  /**
   * Text held before it is parsed again, after a parse that completed no record: a record that spans many pieces
   * (a line without a break, a quote never closed) is parsed at doubling lengths, so reaching the record limit
   * costs time in proportion to it, not to its square.
   */
  private waitFor = 0;
  private line = 1;
  private started = false;
  private ended = false;

  constructor(opts: CsvChunkOptions) {
    this.opts = opts;
    this.max = opts.maxRecordChars ?? 1 << 23;
    this.lfPerRecord = opts.newline === '\r' ? 0 : 1;
    this.parser = new Papa.Parser({ delimiter: opts.delimiter, newline: opts.newline, quoteChar: '"' });
  }

  /** The physical line of the next record (the first line is 1). */
  get nextLine(): number {
    return this.line;
  }

  /** Feeds the next piece of text; returns the data rows it completed (often the whole piece but its last line). */
  push(text: string): TableRow[] {
    if (this.ended) throw new Error('CsvChunkParser: push after end');
    const input = this.start(text);
    if (input.length < this.waitFor) {
      this.partial = input;
      return [];
    }
    const r = this.parser.parse(input, 0, true) as Papa.ParseResult<string[]>;
    const cursor = r.meta.cursor;
    this.partial = cursor >= input.length ? '' : input.slice(cursor);
    this.waitFor = r.data.length === 0 ? Math.min(2 * input.length, this.max + 1) : 0;
    if (this.partial.length > this.max) {
      const where = this.line + r.data.length;
      throw new ParIndexError([
        issue(
          'parse.csv',
          'error',
          ['row', where],
          `row ${where} and on: a record runs past ${this.max} characters without ending; most likely a quote (") that is never closed`,
          `dòng ${where} trở đi: một dòng dữ liệu dài quá ${this.max} ký tự mà chưa kết thúc; nhiều khả năng có dấu ngoặc kép (") mở mà không đóng`,
          { file: this.opts.file },
        ),
      ]);
    }
    // Without a quote the piece was split at its line breaks, so with LF breaks no cell can hold one; otherwise
    // count: as many LFs as records (one each, CRLF or LF) means none is inside a cell.
    const simple = (this.opts.newline === '\n' && input.indexOf('"') < 0) || countLf(input, cursor) === r.data.length * this.lfPerRecord;
    return this.take(r.data, r.errors, simple);
  }

  /** Ends the input (optionally with a last piece); returns the last data rows. */
  end(text = ''): TableRow[] {
    if (this.ended) return [];
    const input = this.start(text);
    this.ended = true;
    this.partial = '';
    if (input === '') return [];
    const r = this.parser.parse(input, 0, false) as Papa.ParseResult<string[]>;
    return this.take(r.data, r.errors, false);
  }

  private start(text: string): string {
    if (!this.started && text !== '') {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    // Composed (NFC) before parsing, so cells compare exactly whichever Unicode form the export was written in.
    // Only the new piece is composed (the unfinished record held from the last one is already): composing the
    // whole held text again at every piece would be quadratic in a long record. Combining marks that open the
    // piece belong to the held text's last character, so that seam is composed again.
    text = nfc(text);
    if (this.partial === '') return text;
    const marks = text.charCodeAt(0) >= 0x300 ? /^\p{M}+/u.exec(text) : null;
    if (!marks) return this.partial + text;
    let base = this.partial.length;
    while (base > 0 && /\p{M}/u.test(this.partial[base - 1]!)) base--;
    base = Math.max(0, base - 1);
    return this.partial.slice(0, base) + (this.partial.slice(base) + marks[0]).normalize('NFC') + text.slice(marks[0].length);
  }

  /** Numbers the records of one parsed piece; `simple`: no cell holds a line break (each record is one line). */
  private take(records: string[][], errors: readonly Papa.ParseError[], simple: boolean): TableRow[] {
    const out: TableRow[] = [];
    const starts: number[] | undefined = errors.length > 0 ? [] : undefined;
    for (let k = 0; k < records.length; k++) {
      // Papa's record arrays are this parser's own: empty cells become null in place rather than copying.
      const cells = records[k] as (string | null)[];
      const row = this.line;
      starts?.push(row);
      let blank = true;
      for (let j = 0; j < cells.length; j++) {
        const c = cells[j] as string;
        if (c === '') cells[j] = null;
        else {
          if (blank && (surelyNotSpace(c.charCodeAt(0)) || c.trim() !== '')) blank = false;
          if (!simple) this.line += countLf(c, c.length);
        }
      }
      this.line += 1;
      if (blank) continue;
      if (this.header === undefined) this.header = (cells as string[]).map((h) => (h ?? '').trim());
      else out.push(tableRow(row, cells));
    }
    for (const e of errors) {
      // An error in the unfinished last record is reported again when the next piece completes it.
      if (e.type !== 'Quotes' || e.row === undefined || e.row >= records.length) continue;
      this.quoteProblems++;
      if (this.issues.length >= QUOTE_ISSUES_LISTED) continue;
      const at = starts![e.row]!;
      const missing = e.code === 'MissingQuotes';
      this.issues.push(
        issue(
          'parse.csv',
          'error',
          ['row', at],
          `row ${at}: ${missing ? 'a quoted field is never closed' : 'a closing quote is followed by other text in the same field'}`,
          `dòng ${at}: ${missing ? 'ô mở dấu ngoặc kép nhưng không đóng' : 'sau dấu ngoặc kép đóng ô còn ký tự khác trong cùng ô'}`,
          { file: this.opts.file },
        ),
      );
    }
    return out;
  }
}

/** The number of LFs in `s` before `end`. */
function countLf(s: string, end: number): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0 && i < end; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Parses CSV text (a UTF-8 BOM is dropped; the delimiter among , ; tab | and the line break are detected).
 * Throws {@link ParIndexError} (`parse.csv`) naming the row of a malformed quote, or for an empty file. Limits
 * hold in memory as on disk: text over `limits.maxChars` is refused before it is parsed, a table is refused at
 * its first data row beyond `limits.maxRows`, a record (row) longer than `limits.maxCellChars` × 256 characters
 * is refused (`io.too-large`).
 *
 * @example parseCsv('ma,ten\n1,Xã An\n', { file: 'x.csv' }).rows[0] // { row: 2, cells: ['1', 'Xã An'] }
 */
export function parseCsv(text: string, opts: { file?: string | undefined; limits?: Partial<Limits> | undefined } = {}): Table {
  const lim = resolveLimits(opts.limits);
  const file = opts.file;
  if (text.length > lim.maxChars)
    throw beyondLimit('maxChars', text.length, lim.maxChars, { en: 'the table text is too long', vi: 'bảng quá dài' }, [], file);
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const p = new CsvChunkParser({
    delimiter: detectDelimiter(clean),
    newline: detectNewline(clean),
    file,
    maxRecordChars: lim.maxCellChars * 256,
  });
  // Fed in pieces, so that a table beyond maxRows is refused at that row rather than after parsing it all.
  const rows: TableRow[] = [];
  const take = (b: readonly TableRow[]) => {
    if (p.issues.length > 0) throw new ParIndexError(p.issues);
    pushAll(rows, b);
    if (rows.length > lim.maxRows)
      throw beyondLimit(
        'maxRows',
        rows.length,
        lim.maxRows,
        {
          en: `more than ${lim.maxRows} data rows (row ${rows[lim.maxRows]!.row})`,
          vi: `quá ${lim.maxRows} dòng dữ liệu (dòng ${rows[lim.maxRows]!.row})`,
        },
        [],
        file,
      );
  };
  for (let at = 0; at < clean.length; at += CSV_PIECE) take(p.push(clean.slice(at, at + CSV_PIECE)));
  take(p.end());
  if (!p.header) {
    throw new ParIndexError([
      issue('parse.csv', 'error', [], 'the file is empty: expected a header row', 'tệp rỗng: cần một dòng tiêu đề', { file }),
    ]);
  }
  return { header: p.header, rows };
}

/** How much CSV text parseCsv hands the parser at a time. */
const CSV_PIECE = 1 << 20;

/**
 * Finds the column of each wanted field by its accepted header names (compared with {@link normalizeHeader}).
 * Returns the index per field (or -1) and the headers no field claimed.
 */
export function matchColumns<K extends string>(
  header: readonly string[],
  wanted: Readonly<Record<K, readonly string[]>>,
): { index: Record<K, number>; unknown: string[] } {
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

/**
 * A header's columns as an error message names them. A row recognised as a header (some column the table needs is
 * there) is listed, each name cut to 40 characters, at most 30 of them. A row that has none is not listed: the
 * file may be the wrong one, and its first line data that an error must not echo.
 *
 * @example `headerColumns(['Mã hồ sơ', 'Ngày'], true).en // 'Mã hồ sơ, Ngày'`
 */
export function headerColumns(header: readonly string[], recognised: boolean): { en: string; vi: string } {
  if (!recognised) {
    const n = header.length;
    return {
      en: `(not listed: the first row, ${n} cell${n === 1 ? '' : 's'}, has none of the columns expected; is it the right file?)`,
      vi: `(không liệt kê: dòng đầu, ${n} ô, không có cột nào cần có; có đúng tệp không?)`,
    };
  }
  const shown = header.slice(0, 30).map((h) => (h.length > 40 ? `${h.slice(0, 39)}…` : h));
  const more = header.length > 30 ? ` (+${header.length - 30})` : '';
  const text = `${shown.join(', ') || '(none)'}${more}`;
  return { en: text, vi: text === '(none)' ? '(không có)' : text };
}
