/**
 * Tables read from what a server or a page has of an upload (issue 26, item 1): a Node Readable, a web
 * ReadableStream, an async iterable of chunks, bytes or text — each with the name messages show — give the same
 * rows and the same summaries as the file on disk; duplicates are settled without reading a stream twice; limits
 * hold; a wrong header stops the read and cancels the stream; the event loop gets turns while a table is read.
 * Also `fromDescriptorText` / `summariseDescriptorText` (item 5): a descriptor and its files in memory.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openCsvStream, parseCsv, summariseDossiers, yieldToEventLoop, type DossierSummary, type TableRow } from '../../src/index.js';
import { ParIndexError } from '../../src/core/errors.js';
import { openTable, type TableData } from '../../src/io/table.js';
import { displayPath } from '../../src/io/files.js';
import {
  fromDescriptorText,
  readCalendar,
  summariseDescriptor,
  summariseDescriptorText,
  summariseRecordFiles,
} from '../../src/io/dossier-source.js';
import { readQuestionnaire, readResponses } from '../../src/io/survey-source.js';
import { readPublishedDecision } from '../../src/io/verify-files.js';
import { DossierAggregator } from '../../src/measures/dossier-aggregator.js';
import { root } from '../support/paths.js';

const DIR = `${root}fixtures/van-lam-2021`;
const EXAMPLE = `${DIR}/ho-so-mot-cua-2021.csv`;
const NAME = displayPath(EXAMPLE);
const BYTES = readFileSync(EXAMPLE);
const tmp = mkdtempSync(join(tmpdir(), 'par-streams-'));
const cal = readCalendar('vn');
const OPTS = { calendar: cal, period: { from: '2020-12-15', to: '2021-12-15' }, idLimit: Infinity };

/** Bytes in chunks of `n`: 7 splits most Vietnamese letters (2–3 bytes in UTF-8) between two chunks. */
function chunked(bytes: Uint8Array, n: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += n) out.push(bytes.subarray(i, i + n));
  return out;
}

/** A web ReadableStream of the chunks, recording how it was read and whether it was cancelled. */
function webStream(parts: Uint8Array[]): { stream: ReadableStream<Uint8Array>; pulls: () => number; cancelled: () => boolean } {
  let i = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (i < parts.length) c.enqueue(parts[i++]!);
      else c.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, pulls: () => i, cancelled: () => cancelled };
}

async function* iterable(parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield p;
}

async function rowsOf(t: { batches: AsyncIterable<readonly TableRow[]> }): Promise<TableRow[]> {
  const out: TableRow[] = [];
  for await (const b of t.batches) for (const r of b) out.push({ row: r.row, cells: [...r.cells] });
  return out;
}

async function errorOf(p: Promise<unknown>): Promise<ParIndexError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ParIndexError);
  return e as ParIndexError;
}

/** A summary without the names of the tables read. */
function withoutFiles(s: DossierSummary): unknown {
  const strip = <T extends { file?: string | undefined }>(x: T) => ({ ...x, file: undefined });
  return { ...s, files: [], rejected: s.rejected.map(strip), warnings: s.warnings.map(strip) };
}

describe('tables from streams, bytes and text (issue 26, item 1)', () => {
  const sources: [string, () => TableData][] = [
    ['a Node Readable', () => Readable.from(chunked(BYTES, 64 * 1024))],
    ['a web ReadableStream', () => webStream(chunked(BYTES, 10_000)).stream],
    ['an async iterable of 7-byte chunks (characters split between chunks)', () => iterable(chunked(BYTES, 7))],
    ['a Buffer', () => BYTES],
    ['text', () => BYTES.toString('utf8')],
    [
      'an async iterable of text chunks',
      () =>
        Readable.from(
          chunked(BYTES, 5000).map((b) => Buffer.from(b).toString('latin1')),
          { objectMode: true },
        ),
    ],
  ];
  it.each(sources.slice(0, 5))('%s: the same header and rows as the file', async (_, data) => {
    const fromFile = await openTable(EXAMPLE);
    const fromData = await openTable({ name: 'ho-so.csv', data: data() });
    expect(fromData.file).toBe('ho-so.csv');
    expect(fromData.header).toEqual(fromFile.header);
    const [a, b] = [await rowsOf(fromFile), await rowsOf(fromData)];
    expect(b.length).toBe(7227);
    expect(b).toEqual(a);
  });

  it('text chunks that are not UTF-8 decoded are read as text, not bytes', async () => {
    // latin1 strings of UTF-8 bytes are mojibake: read as given, the Vietnamese headers do not match.
    const t = await openTable({ name: 'x.csv', data: sources[5]![1]() });
    expect(t.header[0]).not.toBe('Mã hồ sơ');
    expect(t.header[0]).toBe(Buffer.from('Mã hồ sơ').toString('latin1'));
  });

  it("openCsvStream (the core, no Node) reads a page's ReadableStream", async () => {
    const t = await openCsvStream({ name: 'upload.csv', data: webStream(chunked(BYTES, 4096)).stream });
    expect(t.header[0]).toBe('Mã hồ sơ');
    expect((await rowsOf(t)).length).toBe(7227);
  });

  it('a summary from each kind of source equals the summary of the file', async () => {
    const fromFile = await summariseRecordFiles([EXAMPLE], OPTS);
    for (const [what, data] of sources.slice(0, 5)) {
      const s = await summariseRecordFiles([{ name: NAME, data: data() }], OPTS);
      expect(s, what).toEqual(fromFile);
    }
  });

  it('duplicates in a stream are settled in one read, each pointing at the first row of its id', async () => {
    // The example with its first 40 rows again at the end, and one id three times: pass 2 must find each first row.
    const lines = BYTES.toString('utf8').trimEnd().split('\n');
    const dup = [...lines, ...lines.slice(1, 41), lines[5]!].join('\n') + '\n';
    const p = join(tmp, 'ho-so-trung.csv');
    writeFileSync(p, dup);
    const fromFile = await summariseRecordFiles([p], OPTS);
    expect(fromFile.rejectedByCode['dossier.duplicate-id']).toBe(41);
    const once = webStream(chunked(Buffer.from(dup), 8192));
    const fromStream = await summariseRecordFiles([{ name: displayPath(p), data: once.stream }], OPTS);
    expect(once.pulls()).toBeGreaterThan(10);
    expect(fromStream).toEqual(fromFile);
    // The third copy of row 6's id names row 6, not the copy in between.
    const third = fromStream.rejected.filter((r) => r.row === lines.length + 41);
    expect(third).toHaveLength(1);
    expect(third[0]!.message).toMatch(/first in row 6;/);
    // Bytes are read twice, as a file is: the same again.
    expect(await summariseRecordFiles([{ name: displayPath(p), data: Buffer.from(dup) }], OPTS)).toEqual(fromFile);
  });

  it('a stream over maxBytes is refused when it passes the limit, naming the upload and the option', async () => {
    const s = webStream(chunked(BYTES, 1000));
    const e = await errorOf(summariseRecordFiles([{ name: 'upload.csv', data: s.stream }], { ...OPTS, table: { maxBytes: 100_000 } }));
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ code: 'io.too-large', file: 'upload.csv' });
    expect(e.issues[0]!.message).toMatch(/larger than 100000 bytes.*raise maxBytes \/ --max-bytes/);
    // Stopped at the limit: about 100 of the 1,000-byte chunks read, not the 900 of the whole export.
    expect(s.pulls()).toBeLessThan(110);
    expect(s.cancelled()).toBe(true);
  });

  it('maxRows holds for a stream, at the first row beyond it', async () => {
    const e = await errorOf(
      summariseRecordFiles([{ name: 'upload.csv', data: Readable.from([BYTES]) }], { ...OPTS, table: { maxRows: 1000 } }),
    );
    expect(e.issues[0]).toMatchObject({ code: 'io.too-large', file: 'upload.csv', path: ['row', 1002] });
    const t = await errorOf(openCsvStream({ name: 'u.csv', data: BYTES }, { limits: { maxRows: 10 } }).then(rowsOf));
    expect(t.issues[0]!.message).toMatch(/more than 10 data rows \(row 12\)/);
  });

  it('a header without a required column stops at the header and cancels the stream', async () => {
    const text = BYTES.toString('utf8').replace('Ngày tiếp nhận', 'Ghi chú');
    const s = webStream(chunked(Buffer.from(text), 16 * 1024));
    const e = await errorOf(summariseRecordFiles([{ name: 'upload.csv', data: s.stream }], OPTS));
    expect(e.issues.map((i) => [i.code, i.file])).toEqual([['dossier.bad-header', 'upload.csv']]);
    // The header's piece, and what the stream queues ahead (its high-water mark): not the export's 30 pieces.
    expect(s.pulls()).toBeLessThanOrEqual(3);
    expect(s.cancelled()).toBe(true);
  });

  it('data that is not bytes, text or a stream is refused with a clear message', async () => {
    const e = await errorOf(openTable({ name: 'x.csv', data: 42 as unknown as TableData }));
    expect(e.issues[0]).toMatchObject({ code: 'usage.invalid', path: ['data'] });
    expect(e.issues[0]!.message).toMatch(/bytes \(Uint8Array, Buffer\), text, a ReadableStream or an async iterable/);
    expect(e.issues[0]!.messageVi).toMatch(/dữ liệu bảng phải là byte/);
    const chunk = await errorOf(openTable({ name: 'x.csv', data: Readable.from([{ a: 1 }], { objectMode: true }) }).then(rowsOf));
    expect(chunk.issues[0]!.message).toMatch(/got object/);
  });

  it('an empty stream is refused as an empty table', async () => {
    const e = await errorOf(openTable({ name: 'rong.csv', data: iterable([]) }));
    expect(e.issues[0]).toMatchObject({ code: 'parse.csv', file: 'rong.csv' });
  });
});

describe('XLSX workbooks given as bytes or a stream', () => {
  it('read as the same workbook on disk, with the name given', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hồ sơ');
    const t = parseCsv(BYTES.toString('utf8'));
    ws.addRow([...t.header]);
    for (const r of t.rows.slice(0, 500)) ws.addRow([...r.cells]);
    const p = join(tmp, 'ho-so.xlsx');
    await wb.xlsx.writeFile(p);
    const bytes = readFileSync(p);
    const fromFile = await summariseRecordFiles([p], OPTS);
    const fromBytes = await summariseRecordFiles([{ name: displayPath(p), data: bytes }], OPTS);
    expect(fromBytes).toEqual(fromFile);
    const fromStream = await summariseRecordFiles([{ name: displayPath(p), data: Readable.from(chunked(bytes, 3000)) }], OPTS);
    expect(fromStream).toEqual(fromFile);
    expect(fromFile.rows.in).toBe(500);
  });

  it('held in memory up to maxWholeBytes; text is refused (a workbook is binary)', async () => {
    const p = join(tmp, 'ho-so.xlsx');
    const bytes = readFileSync(p);
    const e = await errorOf(openTable({ name: 'up.xlsx', data: Readable.from([bytes]) }, { maxWholeBytes: 1000 }));
    expect(e.issues[0]).toMatchObject({ code: 'io.too-large', file: 'up.xlsx' });
    expect(e.issues[0]!.message).toMatch(/raise maxWholeBytes/);
    const t = await errorOf(openTable({ name: 'up.xlsx', data: 'PK\u0003\u0004' }));
    expect(t.issues[0]).toMatchObject({ code: 'usage.invalid', file: 'up.xlsx' });
    expect(t.issues[0]!.message).toMatch(/an XLSX workbook is binary/);
  });
});

describe('survey responses and published tables from a stream', () => {
  it('readResponses: the same tally from a stream as from the file', async () => {
    const q = readQuestionnaire(`${root}questionnaires/van-lam-commune-2021.yaml`);
    const path = `${DIR}/survey/responses-2021.csv`;
    const a = await readResponses(path, q, { unitColumn: 'xa' });
    const b = await readResponses({ name: displayPath(path), data: Readable.from(chunked(readFileSync(path), 999)) }, q, {
      unitColumn: 'xa',
    });
    expect(b.tally).toEqual(a.tally);
    expect(b.report).toEqual(a.report);
    expect(a.report.rowsUsed).toBeGreaterThan(100);
  });

  it('readResponses: a wrong header stops the read and cancels the stream', async () => {
    const q = readQuestionnaire(`${root}questionnaires/van-lam-commune-2021.yaml`);
    const text = readFileSync(`${DIR}/survey/responses-2021.csv`, 'utf8').replace('phieu,xa,', 'phieu,khac,');
    const s = webStream(chunked(Buffer.from(text), 4096));
    const e = await errorOf(readResponses({ name: 'phieu.csv', data: s.stream }, q, { unitColumn: 'xa' }));
    expect(e.issues[0]!.file).toBe('phieu.csv');
    expect(s.cancelled()).toBe(true);
  });

  it('readPublishedDecision: a bare table as bytes reads as the file', async () => {
    const path = `${DIR}/published/cong-bo-chi-so-cchc-2021.csv`;
    const a = await readPublishedDecision(path);
    const b = await readPublishedDecision({ name: displayPath(path), data: readFileSync(path) });
    expect(b).toEqual(a);
    expect(b.rows).toHaveLength(11);
  });
});

describe('the event loop keeps turning while a table is read', () => {
  it('a 1 ms interval fires throughout the summary of 100,000 rows held in memory', async () => {
    // Bytes in memory need no I/O, so without turns handed back the interval could not fire until the end.
    const lines = BYTES.toString('utf8').trimEnd().split('\n');
    const body = lines.slice(1);
    const big = [lines[0], ...Array.from({ length: 14 }, (_, k) => body.map((l) => l.replace(/^VL\./, `VL${k}.`))).flat()].join('\n');
    let fired = 0;
    const timer = setInterval(() => fired++, 1);
    try {
      const s = await summariseRecordFiles([{ name: 'big.csv', data: Buffer.from(big) }], { ...OPTS, idLimit: 20 });
      expect(s.rows.in).toBe(14 * body.length);
      expect(s.rows.rejected).toBe(0);
    } finally {
      clearInterval(timer);
    }
    expect(fired).toBeGreaterThanOrEqual(10);
  });

  it("a summary's end is built a group at a time (finishing), the same summary as finish()", () => {
    const table = parseCsv(BYTES.toString('utf8'));
    const fed = () => {
      const agg = new DossierAggregator(OPTS);
      agg.startFile(NAME, table.header);
      agg.addBatch(table.rows);
      return agg;
    };
    const steps = fed().finishing();
    let yields = 0;
    let n = steps.next();
    for (; !n.done; n = steps.next()) yields++;
    // One step per commune: no single piece of work holds the event loop for the whole end of a large summary.
    expect(yields).toBe(11);
    expect(n.value).toEqual(fed().finish());
    expect(Object.isFrozen(n.value.groups['UBND xã Chỉ Đạo']!.measures['received'])).toBe(true);
  });

  it('yieldToEventLoop lets a timer that is due run before it resolves', async () => {
    let ran = false;
    setTimeout(() => (ran = true), 0);
    const until = Date.now() + 5;
    while (Date.now() < until) {
      // Make the timer due before yielding.
    }
    await Promise.resolve();
    expect(ran).toBe(false);
    await yieldToEventLoop();
    await yieldToEventLoop();
    expect(ran).toBe(true);
  });
});

describe('a descriptor and its files in memory (issue 26, item 5)', () => {
  const descriptorPath = `${DIR}/ho-so-mot-cua-2021.source.yaml`;
  const text = readFileSync(descriptorPath, 'utf8');

  it('summariseDescriptorText gives the summary of summariseDescriptor, with the files named as given', async () => {
    const onDisk = await summariseDescriptor(descriptorPath);
    const inMemory = await summariseDescriptorText(text, {
      file: 'ho-so.source.yaml',
      files: { 'ho-so-mot-cua-2021.csv': Readable.from(chunked(BYTES, 32 * 1024)) },
    });
    expect(inMemory.files).toEqual(['ho-so-mot-cua-2021.csv']);
    expect(inMemory.summary.files).toEqual(['ho-so-mot-cua-2021.csv']);
    expect(withoutFiles(inMemory.summary)).toEqual(withoutFiles(onDisk.summary));
    expect(inMemory.descriptor).toEqual(onDisk.descriptor);
    expect(Object.isFrozen(inMemory.summary.groups['chi-dao'])).toBe(true);
  });

  it('fromDescriptorText gives the options for summariseDossiers on a parsed upload', async () => {
    const plan = await fromDescriptorText(text, { files: { 'ho-so-mot-cua-2021.csv': BYTES } });
    expect(plan.records).toHaveLength(1);
    const [rec] = plan.records as { name: string; data: unknown }[];
    expect(rec!.name).toBe('ho-so-mot-cua-2021.csv');
    expect(rec!.data).toBe(BYTES);
    expect(plan.options.period).toEqual({ from: '2020-12-15', to: '2021-12-15' });
    const { summary, issues } = summariseDossiers(
      [{ file: 'ho-so-mot-cua-2021.csv', table: parseCsv(BYTES.toString('utf8')) }],
      plan.options,
    );
    expect(issues).toEqual([]);
    const onDisk = await summariseDescriptor(descriptorPath);
    expect(withoutFiles(summary)).toEqual(withoutFiles(onDisk.summary));
  });

  it('a column mapping and a procedure catalogue given as text are read from the files', async () => {
    const csv =
      'Số hồ sơ,Mã TTHC,Ngày nhận,Hạn,Ngày hẹn trả,Ngày xong,Tình trạng,Nơi nhận\nA1,P1,01/03/2021,,10/03/2021,05/03/2021,Đã giải quyết,Xã An\n';
    const descriptor = [
      'format: par-index/dossier-source@1',
      'year: 2021',
      'period: { from: 2021-01-01, to: 2021-12-31 }',
      'calendar: vn',
      'records: hs.csv',
      'source: tải lên',
      'columns: cot.yaml',
      'procedures: tthc.yaml',
      'units: { "Xã An": { id: xa-an, name: Xã An } }',
    ].join('\n');
    const mapping = [
      'format: par-index/dossier-columns@1',
      'columns:',
      '  id: Số hồ sơ',
      '  procedureCode: Mã TTHC',
      '  received: Ngày nhận',
      '  processingTime: Hạn',
      '  due: Ngày hẹn trả',
      '  resolved: Ngày xong',
      '  status: Tình trạng',
      '  unit: Nơi nhận',
    ].join('\n');
    const s = await summariseDescriptorText(descriptor, {
      files: { 'hs.csv': csv, 'cot.yaml': mapping, 'tthc.yaml': 'procedures:\n  P1: { name: Thủ tục một, field: Hộ tịch, mode: full }\n' },
    });
    expect(s.summary.rows).toMatchObject({ in: 1, used: 1, rejected: 0 });
    expect(s.summary.groups['xa-an']!.measures['resolved.early']!.count).toBe(1);
    expect(s.summary.groups['xa-an']!.measures['mode.full']!.count).toBe(1);
  });

  it('a file the descriptor names but the caller did not give: the field and the names given', async () => {
    const e = await errorOf(fromDescriptorText(text, { file: 'hs.source.yaml', files: { 'ho-so.csv': BYTES } }));
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ code: 'io.read', file: 'hs.source.yaml', path: ['records', 0] });
    expect(e.issues[0]!.message).toBe('the descriptor names "ho-so-mot-cua-2021.csv", which is not among the files given ("ho-so.csv")');
    expect(e.issues[0]!.messageVi).toMatch(/không có trong các tệp đã đưa \("ho-so.csv"\)/);
  });
});
