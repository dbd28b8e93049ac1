/**
 * Tables read as they arrive (pure, no Node built-in): an upload's body — a web `ReadableStream`, a Node
 * `Readable`, any `AsyncIterable` of byte or text chunks, or bytes and text already in memory — parsed as CSV
 * batch by batch, with a display name for every message. Every table stream, from a file or from a request,
 * hands control back to the event loop between batches (see {@link yieldToEventLoop}), so a server answers other
 * requests while a large table is read.
 * @module
 */
import { issue, ParIndexError } from './errors.js';
import { beyondLimit, resolveLimits, type Limits } from './limits.js';
import { CsvChunkParser, detectDelimiter, detectNewline, type TableRow } from './table.js';

/**
 * Default largest table: 512 MiB, about 4 million rows of a one-stop export (a district's year is a few thousand,
 * a province's a few hundred thousand). A larger file is refused before it is read, a larger stream when it
 * passes the limit, naming it; raise it with `maxBytes` (`--max-bytes`): tables are read in pieces, so memory
 * stays flat whatever the size.
 *
 * @example `openTable('ho-so-ca-nuoc.csv', { maxBytes: 4 * DEFAULT_MAX_TABLE_BYTES })`
 */
export const DEFAULT_MAX_TABLE_BYTES = 512 * 1024 ** 2;

/**
 * Where a table's bytes come from, when not from a file path: bytes or text in memory (a `Buffer` is a
 * `Uint8Array`), an async iterable of chunks (a Node `Readable`, such as an HTTP request, is one), or a web
 * `ReadableStream` (`fetch`'s `response.body`, a `File`'s `stream()`). Bytes are read as UTF-8.
 *
 * @example `const data: TableData = request; // node:http IncomingMessage`
 */
export type TableData = Uint8Array | string | AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array | string>;

/**
 * A table given by its content rather than its path: what an app has of an upload. `name` is what messages and
 * summaries show (the upload's file name: never a temporary path); its extension picks CSV or XLSX unless
 * `format` says.
 *
 * @example `{ name: 'ho-so-2021.csv', data: request }`
 */
export interface TableInput {
  /** The table's name in messages and provenance (e.g. the uploaded file's name). */
  readonly name: string;
  /** Its content. A stream is read once; bytes and text may be read twice (a dossier summary's duplicate check). */
  readonly data: TableData;
  /** `csv` or `xlsx`; default from `name`'s extension (`.xlsx` is XLSX, anything else CSV). */
  readonly format?: 'csv' | 'xlsx' | undefined;
}

/**
 * An open table: its header and its data rows, read as they are needed — one by one (`rows`) or in batches
 * (`batches`, much faster for large files: one await per batch instead of one per row). Both draw from the same
 * reader: iterate one of them, once. Leaving a loop early closes a file.
 *
 * @example
 * ```ts
 * const t = await openCsvStream({ name: 'ho-so.csv', data: 'Mã hồ sơ,Đơn vị\nHS1,Xã An\n' });
 * for await (const batch of t.batches) for (const row of batch) console.log(row.row, row.cells); // 2 ['HS1', 'Xã An']
 * ```
 */
export interface TableStream {
  /** The file, as shown in messages. */
  readonly file: string;
  /** The header row's cells. */
  readonly header: readonly string[];
  /** The data rows one by one, read as they are needed. */
  readonly rows: AsyncIterable<TableRow>;
  /** The data rows in order, in non-empty batches (CSV: the rows of about 16 KiB of text; XLSX: up to 100 rows). */
  readonly batches: AsyncIterable<readonly TableRow[]>;
  /**
   * Stops reading before the rows are iterated (a wrong header, say): a stream given is cancelled. Leaving a loop
   * over `rows` or `batches` early does the same by itself.
   */
  close(): Promise<void>;
}

/**
 * How long a table stream works between two turns of the event loop. Short enough that a timer or another
 * request waits at most a few batches' time; long enough that the turns cost nothing measurable (about 100 a
 * second). docs/performance.md has the event-loop delay measured during a 1M-row read.
 */
const SLICE_MS = 8;

/** Characters of text parsed at a time: about 140 dossier rows (see CSV_PIECE_BYTES in io/table.ts). */
const PIECE_CHARS = 16 * 1024;

/** Bytes handed on at a time from bytes already in memory, so that a large buffer is read batch by batch too. */
const MEMORY_CHUNK = 1024 * 1024;

const now: () => number = typeof performance === 'object' ? () => performance.now() : () => Date.now();

/** The quickest way to the next turn of the event loop here: setImmediate in Node, a message port in a browser. */
const nextTurn: () => Promise<void> =
  typeof setImmediate === 'function'
    ? () => new Promise((ok) => setImmediate(ok))
    : typeof MessageChannel === 'function'
      ? () =>
          new Promise((ok) => {
            const ch = new MessageChannel();
            // A browser's MessagePort (Node's types describe Node's, which has no onmessage).
            (ch.port1 as unknown as { onmessage: () => void }).onmessage = () => {
              ch.port1.close();
              ok();
            };
            ch.port2.postMessage(null);
          })
      : () => new Promise((ok) => setTimeout(ok, 0));

/**
 * Lets the event loop run (timers, I/O, other requests): awaiting a resolved promise does not, as promise
 * callbacks run before the loop moves on. Node uses setImmediate; a browser a message port (setTimeout would be
 * held back 4 ms at a time).
 *
 * @example `for (const part of parts) { work(part); await yieldToEventLoop(); }`
 */
export function yieldToEventLoop(): Promise<void> {
  return nextTurn();
}

/**
 * Runs work given in steps (a generator) to its end, with a turn of the event loop whenever about
 * {@link SLICE_MS} of it has gone by: for the end of a large summary, which is not a table read. Internal.
 */
export async function runPaced<T>(steps: Generator<unknown, T>): Promise<T> {
  let since = now();
  for (;;) {
    const n = steps.next();
    if (n.done) return n.value;
    if (now() - since >= SLICE_MS) {
      await nextTurn();
      since = now();
    }
  }
}

/**
 * The same batches, with a turn of the event loop whenever about {@link SLICE_MS} of work (this reader's and
 * the caller's between two batches) has gone by since the last.
 */
async function* paced<T>(batches: AsyncIterable<T>): AsyncGenerator<T> {
  let since = now();
  for await (const b of batches) {
    yield b;
    if (now() - since >= SLICE_MS) {
      await nextTurn();
      since = now();
    }
  }
}

/** A stream of batches seen as a stream of rows. */
async function* rowsOf(batches: AsyncIterable<readonly TableRow[]>): AsyncGenerator<TableRow> {
  for await (const b of batches) for (const r of b) yield r;
}

/**
 * The table as every reader hands it out: refused with `io.too-large` at its first data row beyond `maxRows`, and
 * paced (a turn of the event loop every few milliseconds of work). Internal to the table readers.
 */
export function finishTable(
  file: string,
  header: readonly string[],
  batches: AsyncIterable<readonly TableRow[]>,
  maxRows: number,
  close: () => Promise<void> = async () => undefined,
): TableStream {
  async function* limited(): AsyncGenerator<readonly TableRow[]> {
    let n = 0;
    for await (const b of batches) {
      n += b.length;
      if (n > maxRows) {
        const first = b[b.length - (n - maxRows)]!;
        throw beyondLimit(
          'maxRows',
          `more than ${maxRows} data rows (row ${first.row})`,
          maxRows,
          { en: 'the table has too many rows', vi: 'bảng có quá nhiều dòng' },
          ['row', first.row],
          file,
        );
      }
      yield b;
    }
  }
  const b = paced(limited());
  return {
    file,
    header,
    rows: rowsOf(b),
    batches: b,
    close: async () => {
      await b.return(undefined);
      await close();
    },
  };
}

/** Whether the data is a web ReadableStream (read with its reader: not every browser makes it async-iterable). */
function isWebStream(d: TableData): d is ReadableStream<Uint8Array | string> {
  return typeof (d as { getReader?: unknown }).getReader === 'function';
}

/** The chunks of any table data, as they come. */
export async function* chunksOf(data: TableData): AsyncGenerator<Uint8Array | string> {
  if (typeof data === 'string') {
    for (let at = 0; at < data.length || at === 0; at += MEMORY_CHUNK) yield data.slice(at, at + MEMORY_CHUNK);
  } else if (data instanceof Uint8Array) {
    for (let at = 0; at < data.length || at === 0; at += MEMORY_CHUNK) yield data.subarray(at, at + MEMORY_CHUNK);
  } else if (isWebStream(data)) {
    const reader = data.getReader();
    let done = false;
    try {
      for (;;) {
        const r = await reader.read();
        if (r.done) {
          done = true;
          return;
        }
        yield r.value;
      }
    } finally {
      // Left early (an error, a wrong header): the stream is cancelled, not left waiting to be read.
      if (!done) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  } else if (typeof (data as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    for await (const c of data) {
      if (typeof c !== 'string' && !(c instanceof Uint8Array)) throw notChunk(c);
      yield c;
    }
  } else throw notChunk(data);
}

function notChunk(v: unknown): ParIndexError {
  const what = v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
  return new ParIndexError([
    issue(
      'usage.invalid',
      'error',
      ['data'],
      `table data must be bytes (Uint8Array, Buffer), text, a ReadableStream or an async iterable of bytes or text; got ${what}`,
      `dữ liệu bảng phải là byte (Uint8Array, Buffer), văn bản, ReadableStream hoặc async iterable của byte hay văn bản; nhận được ${what}`,
    ),
  ]);
}

/** The refusal of a stream that passes the size limit, naming the limit and the option that raises it. */
function streamTooLarge(file: string, max: number, option: string): ParIndexError {
  return new ParIndexError([
    issue(
      'io.too-large',
      'error',
      [],
      `the table is larger than ${max} bytes, the limit for a table; it was refused when the limit was passed. To read it, raise ${option}`,
      `bảng lớn hơn ${max} byte, giới hạn cho một bảng; bảng bị từ chối khi vượt giới hạn. Muốn đọc, nâng ${option}`,
      { file },
    ),
  ]);
}

/**
 * The bytes of table data, counted against `max` as they arrive (text counts a byte per UTF-16 unit). For
 * chunks that are passed on and for a workbook gathered whole.
 */
export async function* countedChunks(
  chunks: AsyncIterable<Uint8Array | string>,
  file: string,
  max: number,
  option: string,
): AsyncGenerator<Uint8Array | string> {
  let n = 0;
  for await (const c of chunks) {
    n += typeof c === 'string' ? c.length : c.byteLength;
    if (n > max) throw streamTooLarge(file, max, option);
    yield c;
  }
}

/**
 * Chunks as text in pieces of about {@link PIECE_CHARS} that end after a line break (LF) wherever the piece holds
 * one, so the CSV parser is not left holding the start of a line to join with the next piece. Bytes are decoded
 * as one UTF-8 stream: a character split between chunks stays whole.
 */
async function* textPieces(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const utf8 = new TextDecoder('utf-8');
  let carry = '';
  const cut = function* (final: boolean): Generator<string> {
    while (carry.length >= PIECE_CHARS || (final && carry !== '')) {
      let to = Math.min(carry.length, PIECE_CHARS);
      if (to < carry.length) {
        const lf = carry.lastIndexOf('\n', to - 1);
        if (lf >= 0) to = lf + 1;
      }
      yield carry.slice(0, to);
      carry = carry.slice(to);
    }
  };
  for await (const c of chunks) {
    carry += typeof c === 'string' ? c : utf8.decode(c, { stream: true });
    yield* cut(false);
  }
  carry += utf8.decode();
  yield* cut(true);
}

/**
 * A CSV table from text pieces: the delimiter and line break are decided on the first piece, the header is read,
 * and the rows follow in batches. `open` gives the pieces; with `reopen`, it is called again after the header for
 * the rest (a file closed in between, so a caller that stops at a wrong header leaves nothing open), otherwise
 * the same pieces go on. Quote problems and a record longer than `maxRecordChars` throw `parse.csv` while reading.
 * Internal to the table readers.
 */
export async function csvTable(
  open: () => AsyncIterator<string>,
  file: string,
  opts: { readonly reopen: boolean; readonly maxRecordChars?: number | undefined; readonly maxRows: number },
): Promise<TableStream> {
  let csv: CsvChunkParser | undefined;
  let pending: TableRow[] = [];
  let done = false;
  const check = (p: CsvChunkParser): void => {
    // The same file refused in memory (parseCsv) is refused streamed: a malformed quote shifts every cell after it.
    if (p.issues.length > 0) throw new ParIndexError(p.issues);
  };
  const head = open();
  let ok = false;
  try {
    while (csv?.header === undefined) {
      const n = await head.next();
      if (n.done) {
        pending = csv ? csv.end() : [];
        done = true;
        break;
      }
      csv ??= new CsvChunkParser({
        delimiter: detectDelimiter(n.value),
        newline: detectNewline(n.value),
        file,
        maxRecordChars: opts.maxRecordChars,
      });
      pending = csv.push(n.value);
    }
    if (csv) check(csv);
    ok = csv?.header !== undefined;
  } finally {
    if (opts.reopen || !ok) await head.return?.(undefined);
  }
  if (csv?.header === undefined) {
    throw new ParIndexError([
      issue('parse.csv', 'error', [], 'the file is empty: expected a header row', 'tệp rỗng: cần một dòng tiêu đề', { file }),
    ]);
  }
  const parser = csv;
  async function* batches(): AsyncGenerator<readonly TableRow[]> {
    if (pending.length > 0) yield pending;
    pending = [];
    if (done) return;
    const rest = opts.reopen ? open() : head;
    try {
      for (let n = await rest.next(); !n.done; n = await rest.next()) {
        const b = parser.push(n.value);
        check(parser);
        if (b.length > 0) yield b;
      }
    } finally {
      await rest.return?.(undefined);
    }
    const b = parser.end();
    check(parser);
    if (b.length > 0) yield b;
  }
  return finishTable(file, parser.header!, batches(), opts.maxRows, async () => {
    if (!opts.reopen) await head.return?.(undefined);
  });
}

/**
 * Options of {@link openCsvStream}: the limits a table read from a stream is held to.
 *
 * @example `await openCsvStream(upload, { maxBytes: 50 * 1024 ** 2, limits: { maxRows: 200_000 } })`
 */
export interface CsvStreamOptions {
  /** Refuse the table when more than this many bytes arrive (default 512 MiB, `DEFAULT_MAX_TABLE_BYTES` of par-index/io). */
  readonly maxBytes?: number | undefined;
  /** How the refusal over `maxBytes` names the option that raises it (default "maxBytes / --max-bytes"). */
  readonly maxBytesOption?: string | undefined;
  /** `maxRows` (default 10 000 000) refuses the table at its first data row beyond it; `maxCellChars` × 256 bounds a record. */
  readonly limits?: Partial<Limits> | undefined;
}

/**
 * Opens CSV table data — a request body, a `fetch` response's body, bytes or text — for reading batch by batch,
 * as `openTable` opens a file: the delimiter and line break are detected, a BOM is dropped, text is composed
 * (NFC), and the work hands the event loop a turn every few milliseconds. Memory does not grow with the table.
 * Throws {@link ParIndexError} for an empty table; a malformed quote, a table over `maxBytes` or `limits.maxRows`
 * is refused while reading (`parse.csv`, `io.too-large`), naming `name`.
 *
 * @example
 * ```ts
 * // In a node:http handler: `data: req`; in a browser: `data: file.stream()`.
 * const t = await openCsvStream({ name: 'ho-so.csv', data: new TextEncoder().encode('Mã hồ sơ;Đơn vị\nHS1;Xã An\n') });
 * t.header; // ['Mã hồ sơ', 'Đơn vị']
 * for await (const b of t.batches) b[0].cells; // ['HS1', 'Xã An']
 * ```
 */
export async function openCsvStream(input: TableInput, opts: CsvStreamOptions = {}): Promise<TableStream> {
  const lim = resolveLimits(opts.limits);
  const max = opts.maxBytes ?? DEFAULT_MAX_TABLE_BYTES;
  const pieces = textPieces(countedChunks(chunksOf(input.data), input.name, max, opts.maxBytesOption ?? 'maxBytes / --max-bytes'));
  return csvTable(() => pieces, input.name, { reopen: false, maxRecordChars: lim.maxCellChars * 256, maxRows: lim.maxRows });
}

/**
 * Whether table data can be read twice (bytes or text in memory), as the second pass of a dossier summary needs;
 * a stream is read once.
 *
 * @example `rereadable('ma,ten\n') // true; rereadable(request) // false`
 */
export function rereadable(data: TableData): data is Uint8Array | string {
  return typeof data === 'string' || data instanceof Uint8Array;
}

/**
 * A table input's format: `format`, else `xlsx` for a name ending `.xlsx`, else `csv`.
 *
 * @example `tableFormat({ name: 'ho-so.XLSX', data: bytes }) // 'xlsx'`
 */
export function tableFormat(input: TableInput): 'csv' | 'xlsx' {
  return input.format ?? (/\.xlsx$/i.test(input.name) ? 'xlsx' : 'csv');
}
