/**
 * Streaming reads of CSV and XLSX exports (Node): rows arrive in batches (a CSV file is parsed 16 KiB at a time,
 * each piece into the rows it completes) with their row numbers, so memory does not grow with the file's
 * length and no promise is awaited per row. A size limit is checked before reading.
 * @module
 */
import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import type ExcelJS from 'exceljs';
import { excel } from './exceljs.js';
import { issue, ParIndexError } from '../core/errors.js';
import { beyondLimit, DEFAULT_LIMITS, resolveLimits, type Limits } from '../core/limits.js';
import { tableRow, type Cell, type TableRow } from '../core/table.js';
import {
  chunksOf,
  countedChunks,
  csvTable,
  DEFAULT_MAX_TABLE_BYTES,
  finishTable,
  openCsvStream,
  tableFormat,
  type TableData,
  type TableInput,
  type TableStream,
} from '../core/table-stream.js';
import { nfc } from '../core/text.js';
import { cannotRead, displayPath } from './files.js';
import { joinInlineRuns } from './xlsx-inline.js';
import { zipEntries, zipEntriesOfBytes } from './zip-directory.js';

export { DEFAULT_MAX_TABLE_BYTES, type TableData, type TableInput, type TableStream };

/**
 * Default largest workbook that has to be read whole (see {@link TableOptions.maxWholeBytes}): 50 MiB, the limit
 * of every other file read whole (`DEFAULT_LIMITS.maxFileBytes`).
 *
 * @example `openTable('ho-so.xlsx', { maxWholeBytes: 2 * DEFAULT_MAX_WHOLE_TABLE_BYTES })`
 */
export const DEFAULT_MAX_WHOLE_TABLE_BYTES = DEFAULT_LIMITS.maxFileBytes;

/**
 * How a dossier or survey table (CSV/XLSX) is read: size and row limits, the sheet of a workbook.
 *
 * @example `await summariseRecordFiles(['ho-so.xlsx'], { calendar, period, table: { sheet: 'Hồ sơ', maxBytes: 500_000_000 } })`
 */
export interface TableOptions {
  /** Refuse larger files before reading (default 512 MiB). */
  maxBytes?: number;
  /**
   * Refuse, before reading it, a workbook larger than this that cannot be streamed and would be read whole into
   * memory (one whose zip lists a worksheet before `xl/workbook.xml`; see SECURITY.md). Default 50 MiB.
   */
  maxWholeBytes?: number;
  /** How the refusal of a file over `maxBytes` names the option that raises it (default "maxBytes / --max-bytes"). */
  maxBytesOption?: string;
  /** XLSX: the sheet to read, by name or 1-based position (default the first). */
  sheet?: string | number;
  /**
   * Refuse the file, while reading, at its first data row beyond this many (default `DEFAULT_LIMITS.maxRows`,
   * 10 000 000; see SECURITY.md). Memory does not grow with rows; this bounds the time a hostile file can take.
   */
  maxRows?: number;
  /**
   * XLSX: the limits on a workbook's parts and cells (`maxXlsxSheetBytes`, `maxXlsxPartBytes`, `maxCellChars`;
   * see SECURITY.md). The sizes the zip declares are checked before anything is inflated.
   */
  limits?: Partial<Limits>;
}

/** Bytes read from a CSV file at a time (one buffer, reused): fewer, larger reads cost less than a stream's. */
const CSV_READ_BYTES = 1024 * 1024;
/**
 * Bytes decoded and parsed at a time, i.e. one batch (about 140 dossier rows): small, so the rows of a batch are
 * dead by the next young-generation collection. (Before rows and records were built by constructors, larger
 * pieces made V8 switch their allocation sites to the old generation more often — see DataRow in core/table.ts;
 * since then 64 KiB pieces measured the same as 16 KiB.)
 */
const CSV_PIECE_BYTES = 16 * 1024;
/**
 * Rows per batch of an XLSX sheet. Small: the sheet reader allocates heavily per row, so rows held for long
 * outlive young-generation collections and get promoted (larger batches were measurably slower).
 */
const XLSX_BATCH_ROWS = 100;

/**
 * Table options for a table kept whole because it is small by nature (a procedure catalogue, published counts per
 * unit, a published decision): held to the limit of files read whole (`maxBytes`, else `limits.maxFileBytes`,
 * 50 MB), not to the streamed tables' 512 MiB. Internal to the io layer.
 */
export function wholeTable(read: { maxBytes?: number | undefined; limits?: Partial<Limits> | undefined } | undefined): TableOptions {
  return { maxBytes: read?.maxBytes ?? resolveLimits(read?.limits).maxFileBytes, maxBytesOption: 'limits.maxFileBytes (maxBytes)' };
}

/** Sizes in messages: bytes, and MiB when that reads more easily. */
function bytesText(n: number): string {
  return n >= 1024 ** 2 ? `${n} bytes (${(n / 1024 ** 2).toFixed(1)} MiB)` : `${n} bytes`;
}

/** The refusal of a file over a size limit, naming the limit and the option that raises it. */
function tooLarge(file: string, size: number, max: number, option: string, whole = false): ParIndexError {
  const en = whole
    ? `the workbook is ${bytesText(size)}; it cannot be streamed (its zip lists a worksheet before xl/workbook.xml) and would be read whole, which is allowed up to ${bytesText(max)}: save it again from a spreadsheet program, export it as CSV, or raise ${option}`
    : `the file is ${bytesText(size)}; the limit for a table file is ${bytesText(max)}. It was refused before being read. To read it, raise ${option} (the file is read in pieces, so memory stays flat)`;
  const vi = whole
    ? `tệp XLSX có ${size} byte; không đọc từng phần được (tệp zip xếp trang tính trước xl/workbook.xml) nên phải đọc cả tệp vào bộ nhớ, chỉ cho phép đến ${max} byte: lưu lại tệp bằng chương trình bảng tính, xuất ra CSV, hoặc nâng ${option}`
    : `tệp có ${size} byte; giới hạn cho tệp bảng là ${max} byte. Tệp bị từ chối trước khi đọc. Muốn đọc, nâng ${option} (tệp được đọc từng phần nên bộ nhớ không tăng)`;
  return new ParIndexError([issue('io.too-large', 'error', [], en, vi, { file })]);
}

/**
 * Opens a CSV or XLSX table for streaming: a file path, or a {@link TableInput} — an upload's body (a Node
 * `Readable`, a web `ReadableStream`, an async iterable of chunks) or bytes in memory (a `Buffer`), with the name
 * messages show. Throws {@link ParIndexError} for a missing file, a file over the limit, an unknown extension or
 * an empty table. A CSV stream is parsed as it arrives; an XLSX workbook given as bytes or a stream is held in
 * memory, up to `maxWholeBytes` (50 MiB), and read from there. Every table hands the event loop a turn every few
 * milliseconds of work.
 *
 * @example
 * ```ts
 * const t = await openTable('exports/ho-so-2021.csv');
 * for await (const r of t.rows) console.log(r.row, r.cells);
 * // In a request handler: the body as it arrives, named as uploaded.
 * const u = await openTable({ name: 'ho-so-2021.csv', data: req });
 * ```
 */
export async function openTable(source: string | TableInput, opts: TableOptions = {}): Promise<TableStream> {
  const limits = resolveLimits({ ...opts.limits, ...(opts.maxRows !== undefined ? { maxRows: opts.maxRows } : {}) });
  const option = opts.maxBytesOption ?? 'maxBytes / --max-bytes';
  if (typeof source !== 'string') {
    if (tableFormat(source) === 'csv') return openCsvStream(source, { maxBytes: opts.maxBytes, maxBytesOption: option, limits });
    const max = Math.min(opts.maxBytes ?? DEFAULT_MAX_TABLE_BYTES, opts.maxWholeBytes ?? DEFAULT_MAX_WHOLE_TABLE_BYTES);
    const bytes = await gather(
      countedChunks(chunksOf(source.data), source.name, max, opts.maxBytes !== undefined ? option : 'maxWholeBytes'),
      source.name,
    );
    const t = await openXlsx({ bytes }, source.name, opts.sheet, { size: bytes.length, max }, limits);
    return finishTable(t.file, t.header, t.batches, limits.maxRows);
  }
  const path = source;
  const file = displayPath(path);
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    throw cannotRead(e, file);
  }
  const max = opts.maxBytes ?? DEFAULT_MAX_TABLE_BYTES;
  if (size > max) throw tooLarge(file, size, max, option);
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') {
    const at: ReadPosition = { bytes: 0, utf8: new TextDecoder('utf-8') };
    return csvTable(() => textPieces(path, file, at), file, {
      reopen: true,
      maxRecordChars: limits.maxCellChars * 256,
      maxRows: limits.maxRows,
    });
  }
  if (ext === '.xlsx') {
    const t = await openXlsx({ path }, file, opts.sheet, { size, max: opts.maxWholeBytes ?? DEFAULT_MAX_WHOLE_TABLE_BYTES }, limits);
    return finishTable(t.file, t.header, t.batches, limits.maxRows);
  }
  throw new ParIndexError([
    issue(
      'io.read',
      'error',
      [],
      `unknown table type "${ext}": expected .csv or .xlsx`,
      `loại tệp "${ext}" không hỗ trợ: cần .csv hoặc .xlsx`,
      { file },
    ),
  ]);
}

/** A workbook's chunks as one buffer (an XLSX zip is read from its end: it cannot be parsed as it arrives). */
async function gather(chunks: AsyncIterable<Uint8Array | string>, file: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) {
    if (typeof c === 'string')
      throw new ParIndexError([
        issue(
          'usage.invalid',
          'error',
          ['data'],
          'an XLSX workbook is binary: give its bytes (Buffer, Uint8Array, a byte stream), not text',
          'tệp XLSX là dữ liệu nhị phân: cần đưa byte (Buffer, Uint8Array, luồng byte), không phải văn bản',
          { file },
        ),
      ]);
    parts.push(Buffer.from(c.buffer, c.byteOffset, c.byteLength));
  }
  return Buffer.concat(parts);
}

/** Where a workbook is: a file, or bytes in memory. */
type Workbook = { readonly path: string } | { readonly bytes: Buffer };

/** A table as a reader opens it, before its rows are limited and paced (finishTable). */
type OpenedTable = Pick<TableStream, 'file' | 'header' | 'batches'>;

/** Where a file's reading stands: the next byte to read, and the UTF-8 decoder (it may hold part of a character). */
interface ReadPosition {
  bytes: number;
  readonly utf8: TextDecoder;
}

/**
 * A file's text from `at`, in pieces of about {@link CSV_PIECE_BYTES} that end after a line break (LF) wherever
 * the piece holds one: read a MiB at a time into one buffer and decoded as UTF-8 (a character split between
 * pieces, in a line longer than a piece, is completed by the next; a BOM is dropped). The file is
 * open only while the generator runs: closing it early closes the file, and another generator from the same
 * position goes on where this one stopped.
 */
async function* textPieces(path: string, file: string, at: ReadPosition): AsyncGenerator<string> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw cannotRead(e, file);
  }
  try {
    const buf = Buffer.allocUnsafe(CSV_READ_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, buf.length, at.bytes);
      if (bytesRead === 0) break;
      // The file may go on past this buffer.
      const more = bytesRead === buf.length;
      let from = 0;
      while (from < bytesRead) {
        let to = Math.min(bytesRead, from + CSV_PIECE_BYTES);
        if (to < bytesRead || more) {
          // End the piece after its last line break (LF is one byte, never part of a UTF-8 character), so the parser
          // is not left holding the start of a line to join with the next piece: joining copies the whole piece.
          const lf = buf.lastIndexOf(10, to - 1);
          if (lf >= from) to = lf + 1;
          // The buffer's tail holds no line break: read it again with what follows rather than cut a line there.
          else if (more && to === bytesRead && from > 0) break;
        }
        const text = at.utf8.decode(buf.subarray(from, to), { stream: true });
        at.bytes += to - from;
        from = to;
        if (text !== '') yield text;
      }
    }
    const rest = at.utf8.decode();
    if (rest !== '') yield rest;
  } finally {
    await handle.close();
  }
}

/**
 * A date cell as the text a CSV export of it holds: the day, and the time of day to the minute when it has one
 * (an hour deadline needs it). exceljs gives the serial's wall-clock time as UTC; the serial's binary fraction is
 * rounded to the nearest minute, as parseDateTime reads a serial number.
 */
function excelMoment(v: Date): Cell {
  const t = v.getTime();
  if (Number.isNaN(t)) return String(v); // "Invalid Date": refused as a date where one is read
  const iso = new Date(Math.round(t / 60_000) * 60_000).toISOString();
  return iso.slice(11, 16) === '00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return excelMoment(v);
  // Text is composed (NFC), as CSV cells are: see nfc in core/text.ts.
  if (typeof v === 'string') return v === '' ? null : nfc(v);
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'object') {
    if ('result' in v) return cellValue((v as ExcelJS.CellFormulaValue).result);
    if ('richText' in v) return nfc(v.richText.map((t) => t.text).join(''));
    if ('text' in v) return nfc(String(v.text));
    if ('error' in v) return null;
  }
  return String(v);
}

/** The refusal of a workbook without the sheet asked for. */
function noSheet(sheet: string | number | undefined, file: string): ParIndexError {
  return new ParIndexError([
    issue(
      'parse.xlsx',
      'error',
      [],
      `no sheet ${sheet === undefined ? '' : `"${sheet}" `}in the workbook`,
      `không có trang tính ${sheet === undefined ? '' : `"${sheet}" `}trong tệp`,
      { file },
    ),
  ]);
}

/**
 * Finds the sheet with exceljs's streaming reader. That reader fails (a TypeError inside exceljs) on a valid
 * workbook whose zip lists the shared strings, then a worksheet, before `xl/workbook.xml` — an order exceljs's own
 * writer produces now and then, since it adds the workbook part last. Such a workbook is read whole instead.
 */
async function openXlsx(
  book: Workbook,
  file: string,
  sheet: string | number | undefined,
  whole: { size: number; max: number },
  limits: Readonly<Limits>,
): Promise<OpenedTable> {
  checkZipSizes(book, file, whole.size, limits);
  let ws: ExcelJS.stream.xlsx.WorksheetReader | undefined;
  try {
    ws = await streamedSheet(book, sheet, file, limits);
  } catch (e) {
    if (e instanceof ParIndexError) throw e;
    if (whole.size > whole.max) throw tooLarge(file, whole.size, whole.max, 'maxWholeBytes', true);
    return openXlsxWhole(book, file, sheet, limits);
  }
  if (!ws) throw noSheet(sheet, file);
  return xlsxTable((ws as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator](), file, limits);
}

/** A worksheet part: streamed row by row, so held to the sheet limit; other XML parts are held in memory. */
const SHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;

/** Whether a part is read into memory whole by exceljs (XML and relationships; media are skipped, streamed). */
const KEPT_PART = /\.(xml|rels)$/i;

/** The limit a part of the workbook is held to, by its name. */
function partLimit(name: string): 'maxXlsxSheetBytes' | 'maxXlsxPartBytes' {
  return SHEET_PART.test(name) || !KEPT_PART.test(name) ? 'maxXlsxSheetBytes' : 'maxXlsxPartBytes';
}

/** The refusal of a part of the workbook that inflates beyond its limit. */
function partTooLarge(name: string, bytes: number, key: 'maxXlsxSheetBytes' | 'maxXlsxPartBytes', limits: Readonly<Limits>, file: string) {
  return beyondLimit(
    key,
    `${name} ${bytes} bytes`,
    limits[key],
    { en: 'a part of the workbook is too large once uncompressed', vi: 'một phần của tệp XLSX quá lớn khi giải nén' },
    [name],
    file,
  );
}

/**
 * Checks the uncompressed size the zip's central directory declares for every part against the limits, before
 * anything is inflated (a zip bomb's shared strings inflate 500-fold). What is inflated is counted as well (see
 * {@link decodeAsStream}), so a directory that understates a size does not get past the limit either.
 */
function checkZipSizes(book: Workbook, file: string, size: number, limits: Readonly<Limits>): void {
  let entries;
  try {
    entries = 'path' in book ? zipEntries(book.path, size) : zipEntriesOfBytes(book.bytes);
  } catch (e) {
    throw cannotRead(e, file);
  }
  for (const e of entries ?? []) {
    const key = partLimit(e.name);
    if (e.uncompressed > limits[key]) throw partTooLarge(e.name, e.uncompressed, key, limits, file);
  }
}

/** A part of the workbook's zip as text, decoded as one stream: a character split between two chunks stays whole. */
async function* utf8Text(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const utf8 = new TextDecoder('utf-8');
  for await (const c of chunks) {
    const s = typeof c === 'string' ? c : utf8.decode(c, { stream: true });
    if (s !== '') yield s;
  }
  const rest = utf8.decode();
  if (rest !== '') yield rest;
}

/**
 * A part's text, counted as it is inflated: refused beyond its limit (whatever the zip declared), and beyond a
 * stretch of more characters without a tag than any cell may hold (escaped as `&amp;…`, up to 8 characters each),
 * before exceljs's XML parser gathers them into one string (a 600 KB workbook held one of 500 M characters and
 * ended in an untyped RangeError).
 */
async function* boundedText(
  chunks: AsyncIterable<string>,
  name: string,
  key: 'maxXlsxSheetBytes' | 'maxXlsxPartBytes',
  limits: Readonly<Limits>,
  file: string,
): AsyncGenerator<string> {
  let chars = 0;
  let run = 0;
  const maxRun = limits.maxCellChars * 8 + 1024;
  for await (const c of chunks) {
    // Characters, not bytes: a UTF-8 byte count would need a second pass, and a part's characters are at most its bytes.
    chars += c.length;
    if (chars > limits[key]) throw partTooLarge(name, chars, key, limits, file);
    // The characters since the last '<', carried from chunk to chunk.
    for (let i = 0; ;) {
      const j = c.indexOf('<', i);
      run += (j < 0 ? c.length : j) - i;
      if (j < 0 || run > maxRun) break;
      run = 0;
      i = j + 1;
    }
    if (run > maxRun) throw cellTooLong(file, name, limits);
    yield c;
  }
}

/** The refusal of a cell (or a stretch of a part without a tag) longer than a cell may be. */
function cellTooLong(file: string, where: string | number, limits: Readonly<Limits>, found?: number): ParIndexError {
  return beyondLimit(
    'maxCellChars',
    found === undefined ? `${where}: more than ${limits.maxCellChars} characters of text in one place` : `${found} characters`,
    limits.maxCellChars,
    { en: 'a cell of the workbook holds too long a text', vi: 'một ô của tệp XLSX chứa văn bản quá dài' },
    typeof where === 'number' ? ['row', where] : [where],
    file,
  );
}

/** The two methods of exceljs's streaming reader that feed a part's raw chunks to its XML parser. */
interface ChunkedParts {
  _parseWorksheet?: (chunks: AsyncIterable<Uint8Array | string>, sheetNo: string) => unknown;
  _parseSharedStrings?: (entry: AsyncIterable<Uint8Array | string>) => unknown;
}

/**
 * exceljs's streaming reader decodes each chunk of a part on its own (a fresh `TextDecoder.decode` per chunk, in
 * its `parse-sax`), so a multi-byte character that straddles two chunks of the sheet or of the shared strings
 * became two U+FFFD — a unit name then no longer matched and its rows were rejected or counted as another unit.
 * It has no option for this, but passes text chunks through as they are: hand it the parts as text decoded as a
 * stream, a sheet's inline rich text joined into one run (see `xlsx-inline.ts`). False when this exceljs lacks those methods (the caller then reads the workbook whole, which decodes
 * each part in one piece).
 */
function decodeAsStream(reader: object, file: string, limits: Readonly<Limits>): boolean {
  const r = reader as ChunkedParts;
  const sheet = r._parseWorksheet;
  const strings = r._parseSharedStrings;
  if (typeof sheet !== 'function' || typeof strings !== 'function') return false;
  r._parseWorksheet = (chunks, sheetNo) =>
    sheet.call(
      r,
      joinInlineRuns(boundedText(utf8Text(chunks), `xl/worksheets/sheet${sheetNo}.xml`, 'maxXlsxSheetBytes', limits, file), file),
      sheetNo,
    );
  // The shared strings are read as a stream (on 'data'), not iterated: give it one that emits the decoded text.
  r._parseSharedStrings = (entry) =>
    strings.call(r, Readable.from(boundedText(utf8Text(entry), 'xl/sharedStrings.xml', 'maxXlsxPartBytes', limits, file)));
  return true;
}

async function streamedSheet(
  book: Workbook,
  sheet: string | number | undefined,
  file: string,
  limits: Readonly<Limits>,
): Promise<ExcelJS.stream.xlsx.WorksheetReader | undefined> {
  const reader = new (await excel()).stream.xlsx.WorkbookReader('path' in book ? book.path : Readable.from([book.bytes]), {
    entries: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  // Thrown outside ParIndexError: openXlsx then reads the workbook whole.
  if (!decodeAsStream(reader, file, limits)) throw new Error('exceljs: streaming reader without _parseWorksheet/_parseSharedStrings');
  const sheets = reader[Symbol.asyncIterator]();
  let pos = 0;
  for (;;) {
    const n = await sheets.next();
    if (n.done) return undefined;
    pos += 1;
    const w = n.value as ExcelJS.stream.xlsx.WorksheetReader & { name?: string };
    if (sheet === undefined || sheet === pos || sheet === w.name) return w;
    // Drain sheets that are not wanted so the reader can move on.
    for await (const _ of w) void _;
  }
}

/**
 * Reads the whole workbook into memory (exceljs's non-streaming reader) and serves the sheet's rows as the
 * streaming path does. Only for workbooks the streaming reader cannot read (see {@link openXlsx}); a file that is
 * not a workbook at all is refused with `parse.xlsx`.
 */
async function openXlsxWhole(
  book: Workbook,
  file: string,
  sheet: string | number | undefined,
  limits: Readonly<Limits>,
): Promise<OpenedTable> {
  const wb = new (await excel()).Workbook();
  try {
    if ('path' in book) await wb.xlsx.readFile(book.path);
    else await wb.xlsx.load(book.bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new ParIndexError(
      [
        issue(
          'parse.xlsx',
          'error',
          [],
          `not a readable XLSX workbook: ${(e as Error).message}`,
          `không đọc được tệp XLSX: ${(e as Error).message}`,
          { file },
        ),
      ],
      { cause: e },
    );
  }
  const ws =
    sheet === undefined
      ? wb.worksheets[0]
      : typeof sheet === 'number'
        ? wb.worksheets[sheet - 1]
        : wb.worksheets.find((w) => w.name === sheet);
  if (!ws) throw noSheet(sheet, file);
  const rows: ExcelJS.Row[] = [];
  ws.eachRow((r) => rows.push(r));
  async function* each(): AsyncGenerator<ExcelJS.Row> {
    for (const r of rows) yield r;
  }
  return xlsxTable(each(), file, limits);
}

/** Excel's last row and column (XFD1048576): a reference beyond them is not a worksheet's. */
const EXCEL_ROWS = 1_048_576;
const EXCEL_COLUMNS = 16_384;

/**
 * The next row from exceljs, anything it throws made a `parse.xlsx` refusal: a reference such as `ZZZZZZ2`
 * made it throw "Out of bounds", and a huge cell a RangeError, past the promise that only ParIndexError escapes.
 */
async function nextRow(it: AsyncIterator<ExcelJS.Row>, file: string): Promise<IteratorResult<ExcelJS.Row>> {
  try {
    return await it.next();
  } catch (e) {
    if (e instanceof ParIndexError) throw e;
    const why = e instanceof Error ? e.message : String(e);
    throw new ParIndexError(
      [
        issue(
          'parse.xlsx',
          'error',
          [],
          `the sheet cannot be read (a cell reference beyond XFD1048576, or a part too large to hold?): ${why}`,
          `không đọc được trang tính (ô có địa chỉ vượt quá XFD1048576, hoặc một phần quá lớn?): ${why}`,
          { file },
        ),
      ],
      { cause: e },
    );
  }
}

/** The refusal of a row or a cell outside Excel's grid. */
function outsideGrid(file: string, row: number, col?: number): ParIndexError {
  const where = col === undefined ? `row ${row}` : `row ${row}, column ${col}`;
  return new ParIndexError([
    issue(
      'parse.xlsx',
      'error',
      ['row', row],
      `${where} is outside a worksheet (the last cell is XFD1048576: ${EXCEL_ROWS} rows, ${EXCEL_COLUMNS} columns)`,
      `${col === undefined ? `dòng ${row}` : `dòng ${row}, cột ${col}`} nằm ngoài trang tính (ô cuối cùng là XFD1048576: ${EXCEL_ROWS} dòng, ${EXCEL_COLUMNS} cột)`,
      { file },
    ),
  ]);
}

/** The table of a sheet from its rows in order: the first is the header, blank rows are skipped. */
async function xlsxTable(it: AsyncIterator<ExcelJS.Row>, file: string, limits: Readonly<Limits>): Promise<OpenedTable> {
  const toCells = (r: ExcelJS.Row): Cell[] => {
    if (!(r.number >= 1 && r.number <= EXCEL_ROWS)) throw outsideGrid(file, r.number);
    const values = r.values as ExcelJS.CellValue[];
    if (values.length - 1 > EXCEL_COLUMNS) throw outsideGrid(file, r.number, values.length - 1);
    const out: Cell[] = [];
    for (let i = 1; i < values.length; i++) {
      const c = cellValue(values[i]);
      if (typeof c === 'string' && c.length > limits.maxCellChars) throw cellTooLong(file, r.number, limits, c.length);
      out.push(c);
    }
    return out;
  };
  const first = await nextRow(it, file);
  if (first.done)
    throw new ParIndexError([
      issue('parse.xlsx', 'error', [], 'the sheet is empty: expected a header row', 'trang tính rỗng: cần một dòng tiêu đề', { file }),
    ]);
  const header = toCells(first.value).map((c) => (c === null ? '' : String(c).trim()));
  async function* batches(): AsyncGenerator<readonly TableRow[]> {
    let batch: TableRow[] = [];
    for (;;) {
      const r = await nextRow(it, file);
      if (r.done) break;
      const cells = toCells(r.value);
      if (cells.every((c) => c === null)) continue;
      batch.push(tableRow(r.value.number, cells));
      if (batch.length >= XLSX_BATCH_ROWS) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
  return { file, header, batches: batches() };
}
