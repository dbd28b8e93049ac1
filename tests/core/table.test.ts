/** Tables from one-stop systems and survey tools: row numbers, delimiters, Vietnamese headers, XLSX. */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import Papa from 'papaparse';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { ParIndexError } from '../../src/core/errors.js';
import {
  CsvChunkParser,
  detectDelimiter,
  detectNewline,
  matchColumns,
  normalizeHeader,
  parseCsv,
  surelyNotSpace,
  type TableRow,
} from '../../src/core/table.js';
import { openTable } from '../../src/io/table.js';
import { issuesOf } from '../support/support.js';

const dir = mkdtempSync(join(tmpdir(), 'par-index-table-'));

async function collect(path: string, opts = {}) {
  const t = await openTable(path, opts);
  const rows = [];
  for await (const r of t.rows) rows.push(r);
  return { header: t.header, rows };
}

describe('CSV', () => {
  const text = '\uFEFFMã hồ sơ;Ngày tiếp nhận\n\nHS1;01/02/2021\n"HS\n2";03/02/2021\nHS3;\n';
  it('keeps physical row numbers across blank lines and quoted line breaks, in memory and streamed', async () => {
    const mem = parseCsv(text);
    expect(mem.header).toEqual(['Mã hồ sơ', 'Ngày tiếp nhận']);
    expect(mem.rows.map((r) => r.row)).toEqual([3, 4, 6]);
    expect(mem.rows[2]!.cells).toEqual(['HS3', null]);
    writeFileSync(join(dir, 'a.csv'), text);
    const streamed = await collect(join(dir, 'a.csv'));
    expect(streamed.header).toEqual(mem.header);
    expect(streamed.rows).toEqual(mem.rows);
  });
  it('detects the delimiter from the header line, ignoring quoted ones', () => {
    expect(detectDelimiter('a;b;"c,d"\n1;2;3')).toBe(';');
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('a\tb')).toBe('\t');
  });
  it('refuses an empty file and a malformed quote, naming the row', async () => {
    expect(() => parseCsv('\n\n', { file: 'e.csv' })).toThrow(/empty/);
    try {
      parseCsv('a,b\n"x,1\n', { file: 'q.csv' });
      expect.unreachable();
    } catch (e) {
      expect((e as ParIndexError).issues[0]!.code).toBe('parse.csv');
      expect((e as ParIndexError).issues[0]!.file).toBe('q.csv');
    }
    writeFileSync(join(dir, 'empty.csv'), '');
    await expect(openTable(join(dir, 'empty.csv'))).rejects.toThrow(/empty/);
  });
  it('refuses a file over the size limit before reading it', async () => {
    writeFileSync(join(dir, 'big.csv'), 'a,b\n1,2\n');
    await expect(openTable(join(dir, 'big.csv'), { maxBytes: 4 })).rejects.toThrow(/the limit for a table file is 4 bytes/);
  });
});

describe('surelyNotSpace', () => {
  it('is never true for a code unit that String#trim removes, and is true for ASCII letters, digits and Vietnamese letters', () => {
    let sure = 0;
    for (let c = 0; c < 0x10000; c++) {
      if (!surelyNotSpace(c)) continue;
      sure++;
      expect(String.fromCharCode(c).trim()).not.toBe('');
    }
    expect(sure).toBeGreaterThan(5000);
    for (const ch of 'Aa0/-ĐđăÂêƠưẠạỹỸ') expect(surelyNotSpace(ch.charCodeAt(0))).toBe(true);
  });

  it('a record of cells that are only spaces of any kind is blank, streamed and whole', () => {
    const text = 'Mã,Tên\nHS1,A\n\u00a0,\u3000\n\u2003 ,\ufeff\nHS2,B\n';
    expect(parseCsv(text).rows.map((r) => r.row)).toEqual([2, 5]);
  });
});

describe('headers', () => {
  it('match regardless of diacritics, case and spacing', () => {
    expect(normalizeHeader('  Ngày  TIẾP nhận: ')).toBe('ngay tiep nhan');
    expect(normalizeHeader('Đơn vị')).toBe('don vi');
    const m = matchColumns(['STT', 'Ngày tiếp nhận', 'Mã hồ sơ'], {
      id: ['ma ho so', 'so ho so'],
      received: ['ngày tiếp nhận'],
      resolved: ['ngay tra ket qua'],
    });
    expect(m.index).toEqual({ id: 2, received: 1, resolved: -1 });
    expect(m.unknown).toEqual(['STT']);
  });
});

describe('XLSX', () => {
  it('streams a sheet with typed cells and sheet row numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hồ sơ');
    ws.addRow(['Mã hồ sơ', 'Ngày tiếp nhận', 'Số ngày']);
    ws.addRow(['HS1', new Date(Date.UTC(2021, 1, 1)), 5]);
    ws.addRow([]);
    ws.addRow(['HS2', '03/02/2021', 7]);
    const path = join(dir, 'a.xlsx');
    await wb.xlsx.writeFile(path);
    const t = await collect(path);
    expect(t.header).toEqual(['Mã hồ sơ', 'Ngày tiếp nhận', 'Số ngày']);
    expect(t.rows).toEqual([
      { row: 2, cells: ['HS1', '2021-02-01', 5] },
      { row: 4, cells: ['HS2', '03/02/2021', 7] },
    ]);
    await expect(openTable(path, { sheet: 'Không có' })).rejects.toThrow(/no sheet "Không có"/);
  });

  /** The workbook's zip entries rewritten in the given order of their names (the rest after, as they were). */
  async function reorder(path: string, out: string, first: readonly string[]): Promise<string[]> {
    const src = await JSZip.loadAsync(await (await open(path)).readFile());
    const names = Object.keys(src.files).filter((n) => !src.files[n]!.dir);
    const order = [...first.filter((n) => names.includes(n)), ...names.filter((n) => !first.includes(n))];
    const zip = new JSZip();
    for (const n of order) zip.file(n, await src.files[n]!.async('uint8array'));
    writeFileSync(out, await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    return order;
  }

  it('reads a workbook whose zip lists the shared strings and a sheet before xl/workbook.xml (exceljs writes that order at times; its streaming reader fails on it)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Khác').addRow(['không', 'dùng']);
    const ws = wb.addWorksheet('Hồ sơ');
    ws.addRow(['Mã hồ sơ', 'Trạng thái', 'Số ngày']);
    ws.addRow(['HS1', 'Đã giải quyết', 5]);
    ws.addRow([]);
    ws.addRow(['HS2', 'Đang xử lý', 7]);
    const path = join(dir, 'order-normal.xlsx');
    await wb.xlsx.writeFile(path);
    const late = join(dir, 'order-workbook-last.xlsx');
    const order = await reorder(path, late, [
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    expect(order.indexOf('xl/workbook.xml')).toBeGreaterThan(order.indexOf('xl/worksheets/sheet2.xml'));
    // The streaming reader itself fails on this order: the case is real, not constructed for the test.
    await expect(
      (async () => {
        for await (const w of new ExcelJS.stream.xlsx.WorkbookReader(late, { sharedStrings: 'cache', worksheets: 'emit' }))
          for await (const _ of w) void _;
      })(),
    ).rejects.toThrow(TypeError);
    for (const sheet of ['Hồ sơ', 2]) {
      const expected = await collect(path, { sheet });
      expect(expected.rows).toEqual([
        { row: 2, cells: ['HS1', 'Đã giải quyết', 5] },
        { row: 4, cells: ['HS2', 'Đang xử lý', 7] },
      ]);
      expect(await collect(late, { sheet })).toEqual(expected);
    }
    await expect(openTable(late, { sheet: 'Không có' })).rejects.toThrow(/no sheet "Không có"/);
  });

  it('refuses a workbook that would have to be read whole when it is over maxWholeBytes, naming the option', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hồ sơ');
    ws.addRow(['Mã hồ sơ', 'Trạng thái']);
    for (let i = 0; i < 200; i++) ws.addRow([`HS${i}`, 'Đã giải quyết']);
    const path = join(dir, 'whole-normal.xlsx');
    await wb.xlsx.writeFile(path);
    const late = join(dir, 'whole-workbook-last.xlsx');
    await reorder(path, late, [
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    const size = statSync(late).size;
    const e = await openTable(late, { maxWholeBytes: size - 1 }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ParIndexError);
    expect((e as ParIndexError).issues[0]).toMatchObject({
      code: 'io.too-large',
      file: expect.stringContaining('whole-workbook-last.xlsx'),
    });
    expect((e as ParIndexError).issues[0]!.message).toMatch(
      new RegExp(`the workbook is ${size} bytes; it cannot be streamed .* allowed up to ${size - 1} bytes: .*raise maxWholeBytes`),
    );
    expect((e as ParIndexError).issues[0]!.messageVi).toMatch(/phải đọc cả tệp vào bộ nhớ/);
    // At its size it is read; a workbook that streams is never held to that limit.
    expect((await collect(late, { maxWholeBytes: size })).rows).toHaveLength(200);
    expect((await collect(path, { maxWholeBytes: 1 })).rows).toHaveLength(200);
  });

  it('refuses a file named .xlsx that is not a workbook with ParIndexError parse.xlsx', async () => {
    const path = join(dir, 'not-a-workbook.xlsx');
    writeFileSync(path, 'Mã hồ sơ,Ngày tiếp nhận\nHS1,01/02/2021\n');
    const e = await openTable(path).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ParIndexError);
    expect((e as ParIndexError).issues[0]).toMatchObject({ code: 'parse.xlsx', file: expect.stringContaining('not-a-workbook.xlsx') });
  });
});

describe('CSV in batches (CsvChunkParser, openTable().batches)', () => {
  /** A cell written as a CSV export writes it: quoted when it must be (or when `quote` says so). */
  const enc = (c: string, delim: string, quote: boolean) =>
    quote || /["\r\n]/.test(c) || c.includes(delim) ? `"${c.replace(/"/g, '""')}"` : c;

  /**
   * CSV text and, computed from how it was written (not by the reader), each data row's physical line and cells.
   * Blank records (every cell empty or spaces) are written but expected to be skipped.
   */
  function build(
    header: string[],
    records: string[][],
    o: { delim: string; nl: string; bom: boolean; trailing: boolean; quoteAll: boolean },
  ) {
    const lines: string[] = [];
    const expected: { row: number; cells: (string | null)[] }[] = [];
    let line = 1;
    for (const [k, rec] of [header, ...records].entries()) {
      lines.push(rec.map((c) => enc(c, o.delim, o.quoteAll)).join(o.delim));
      const blank = rec.every((c) => c.trim() === '');
      if (k > 0 && !blank) expected.push({ row: line, cells: rec.map((c) => (c === '' ? null : c)) });
      line += 1 + rec.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
    }
    const text = (o.bom ? '\uFEFF' : '') + lines.join(o.nl) + (o.trailing ? o.nl : '');
    return { text, expected };
  }

  const feed = (text: string, cuts: number[], delim: string, nl: '\n' | '\r\n') => {
    const p = new CsvChunkParser({ delimiter: delim, newline: nl });
    const rows = [];
    let at = 0;
    for (const c of [...cuts].sort((a, b) => a - b)) {
      rows.push(...p.push(text.slice(at, c)));
      at = c;
    }
    rows.push(...p.end(text.slice(at)));
    return { rows, header: p.header, issues: p.issues };
  };

  it('numbers rows by physical line whatever the pieces: CRLF, BOM, ";", quoted line breaks, a cut inside a quoted field and between CR and LF', () => {
    const { text, expected } = build(
      ['Mã hồ sơ', 'Ghi chú', 'Đơn vị'],
      [
        ['HS1', 'một\r\nhai', 'Xã A'],
        ['', '', ''],
        ['HS2', 'a;b "c"', 'Xã B'],
        ['HS3', 'x\n\ny', ''],
        ['HS4', 'Ngày tiếp nhận', 'Xã Đ'],
      ],
      { delim: ';', nl: '\r\n', bom: true, trailing: true, quoteAll: false },
    );
    expect(expected.map((r) => r.row)).toEqual([2, 5, 6, 9]);
    expect(detectNewline(text)).toBe('\r\n');
    expect(detectDelimiter(text)).toBe(';');
    // Every single cut point: inside the BOM's line, inside each quoted field, between every CR and LF.
    for (let i = 0; i <= text.length; i++) {
      const r = feed(text, [i], ';', '\r\n');
      expect(r.header, `cut at ${i}`).toEqual(['Mã hồ sơ', 'Ghi chú', 'Đơn vị']);
      expect(r.rows, `cut at ${i}`).toEqual(expected);
    }
    expect(parseCsv(text).rows).toEqual(expected);
  });

  it('counts the line breaks of a header that spans lines', () => {
    const t = parseCsv('"Mã\nhồ sơ",Ngày\nHS1,01/02/2021\n');
    expect(t.header).toEqual(['Mã\nhồ sơ', 'Ngày']);
    expect(t.rows).toEqual([{ row: 3, cells: ['HS1', '01/02/2021'] }]);
  });

  it('property: any text cut into any pieces gives the rows and line numbers it was written with', () => {
    const cellArb = fc.oneof(
      fc.constantFrom('', ' ', 'Đã giải quyết', 'a,b', 'a;b', 'x"y', 'một\nhai', 'ba\r\nbốn', '\n', '""', 'HS-01'),
      fc.string({ maxLength: 6 }),
    );
    const arb = fc.record({
      width: fc.integer({ min: 1, max: 4 }),
      rows: fc.array(fc.array(cellArb, { minLength: 4, maxLength: 4 }), { maxLength: 12 }),
      delim: fc.constantFrom(',', ';', '\t'),
      nl: fc.constantFrom('\n' as const, '\r\n' as const),
      bom: fc.boolean(),
      trailing: fc.boolean(),
      quoteAll: fc.boolean(),
      cuts: fc.array(fc.nat(), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(arb, (a) => {
        // Lone CRs are not generated: they would be line breaks to an editor but not to a CRLF or LF reader.
        const rows = a.rows.map((r) => r.slice(0, a.width).map((c) => c.replace(/\r(?!\n)/g, '')));
        const header = Array.from({ length: a.width }, (_, i) => `Cột ${i + 1}`);
        const { text, expected } = build(header, rows, {
          delim: a.delim,
          nl: a.nl,
          bom: a.bom,
          trailing: a.trailing,
          quoteAll: a.quoteAll,
        });
        const r = feed(
          text,
          a.cuts.map((c) => c % (text.length + 1)),
          a.delim,
          a.nl,
        );
        expect(r.issues).toEqual([]);
        expect(r.header).toEqual(header);
        expect(r.rows).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a malformed or unclosed quote naming its row, streamed as in memory', async () => {
    writeFileSync(join(dir, 'bad-quote.csv'), 'a,b\n1,2\n3,"x"y\n4,5\n');
    await expect(collect(join(dir, 'bad-quote.csv'))).rejects.toThrow(/row 3: a closing quote is followed by other text/);
    expect(() => parseCsv('a,b\n1,2\n3,"x"y\n')).toThrow(/row 3/);
    writeFileSync(join(dir, 'open-quote.csv'), 'a,b\n1,2\n"3\n4,5\n');
    await expect(collect(join(dir, 'open-quote.csv'))).rejects.toThrow(/row 3: a quoted field is never closed/);
    // A quote that never closes would pull the rest of the file into memory: the reader stops it.
    const p = new CsvChunkParser({ delimiter: ',', newline: '\n', file: 'x.csv', maxRecordChars: 1000 });
    expect(p.push('a,b\n1,2\n3,"')).toEqual([{ row: 2, cells: ['1', '2'] }]);
    try {
      for (let i = 0; i < 10; i++) p.push('x\n'.repeat(100));
      expect.unreachable();
    } catch (e) {
      expect((e as ParIndexError).issues[0]).toMatchObject({ code: 'parse.csv', file: 'x.csv', path: ['row', 3] });
    }
  });

  it('a record that spans many pieces is parsed again at doubling lengths, not at every piece', () => {
    // Papa's parser keeps no state between calls, so an unfinished record is parsed again from its start. Count
    // the characters it is given: at every piece that is quadratic (1 MiB in 1 KiB pieces: about 500 million).
    const Real = Papa.Parser;
    let chars = 0;
    const spy = vi.spyOn(Papa, 'Parser').mockImplementation(function (this: unknown, config: Papa.ParseConfig) {
      const real = new Real(config);
      const parse = real.parse.bind(real);
      real.parse = (input: string, ...rest: unknown[]) => {
        chars += input.length;
        return (parse as (...a: unknown[]) => Papa.ParseResult<string[]>)(input, ...rest);
      };
      return real;
    });
    try {
      for (const [start, piece] of [
        ['3,', 'x'.repeat(1024)],
        ['3,"', 'x\n'.repeat(512)],
      ] as const) {
        chars = 0;
        const p = new CsvChunkParser({ delimiter: ',', newline: '\n', file: 'x.csv', maxRecordChars: 1 << 20 });
        expect(p.push(`a,b\n1,2\n${start}`)).toEqual([{ row: 2, cells: ['1', '2'] }]);
        let pushed = 0;
        const rows: TableRow[] = [];
        for (let i = 0; i < 1023; i++) {
          rows.push(...p.push(piece));
          pushed += piece.length;
        }
        // The record ends: it comes out whole, with its line number (at the latest when the input ends).
        rows.push(...p.push(start.endsWith('"') ? '"\n4,5\n' : '\n4,5\n'), ...p.end());
        expect(rows).toEqual([
          { row: 3, cells: ['3', start.endsWith('"') ? 'x\n'.repeat(512 * 1023) : 'x'.repeat(1024 * 1023)] },
          { row: 3 + (start.endsWith('"') ? 512 * 1023 : 0) + 1, cells: ['4', '5'] },
        ]);
        expect(chars).toBeLessThan(5 * pushed);
      }
    } finally {
      spy.mockRestore();
    }
  });

  it('streams a file of many pieces: a quoted field and a multi-byte character across piece boundaries, rows and batches alike', async () => {
    // Row 2's note is 40,000 × "ệ" (3 bytes each, 120,000 bytes): the reader's piece boundaries (every 16 KiB)
    // from 16 KiB to 112 KiB fall inside it, and the padding before it puts the one at 64 KiB inside a character.
    const head = 'Mã hồ sơ,Ghi chú,Đơn vị\n';
    const startOf = (pad: number) => Buffer.byteLength(head + `HS0,${'p'.repeat(pad)},Xã A\nHS1,"`);
    const pad = [0, 1, 2].find((n) => (65536 - startOf(n)) % 3 !== 0)!;
    const records: string[][] = [
      ['HS0', 'p'.repeat(pad), 'Xã A'],
      ['HS1', `${'ệ'.repeat(20000)}\n${'ệ'.repeat(20000)}`, 'Xã B'],
    ];
    for (let i = 2; i < 6000; i++) records.push([`HS${i}`, i % 7 === 0 ? `dòng ${i}\r\ntiếp` : `Đã giải quyết ${i}`, `Xã ${i % 9}`]);
    const { text, expected } = build(['Mã hồ sơ', 'Ghi chú', 'Đơn vị'], records, {
      delim: ',',
      nl: '\n',
      bom: true,
      trailing: false,
      quoteAll: false,
    });
    const path = join(dir, 'many-pieces.csv');
    writeFileSync(path, text);
    const t = await openTable(path);
    const batches: (readonly TableRow[])[] = [];
    for await (const b of t.batches) batches.push(b);
    expect(batches.length).toBeGreaterThan(3);
    expect(batches.every((b) => b.length > 0)).toBe(true);
    expect(batches.flat()).toEqual(expected);
    // HS5999 starts on line 2 + 5999, after the note's line break and those of HS7 … HS5992 (856 of them).
    expect(expected.at(-1)!.row).toBe(2 + 5999 + 1 + 856);
    expect((await collect(path)).rows).toEqual(expected);
  });

  it('streams files larger than its 1 MiB read buffer: pieces end at line breaks, long lines and characters cut at the buffer edge come out whole', async () => {
    // Lines of every length up to a few KiB, two lines longer than the read buffer (one quoted with line breaks
    // inside), 3-byte characters throughout, in LF, CRLF and lone-CR files; the reader must give the rows that
    // the text read whole gives.
    const lines: string[][] = [];
    let size = 0;
    for (let i = 0; size < 3.2 * 2 ** 20; i++) {
      const note =
        i === 700
          ? 'ệ'.repeat(400_000)
          : i === 9000
            ? `"${'ộ'.repeat(200_000)}\n${'ệ'.repeat(200_000)}"`
            : 'ế'.repeat((i * 37) % 1500) + 'a'.repeat(i % 3);
      lines.push([`HS${i}`, note, `Xã ${i % 11}`]);
      size += note.length * 3 + 12;
    }
    for (const nl of ['\n', '\r\n', '\r']) {
      const text = `Mã hồ sơ,Ghi chú,Đơn vị${nl}` + lines.map((l) => l.join(',')).join(nl) + nl;
      expect(Buffer.byteLength(text)).toBeGreaterThan(3 * 2 ** 20);
      const path = join(dir, `big-${nl.length}-${nl.charCodeAt(0)}.csv`);
      writeFileSync(path, text);
      const whole = parseCsv(text);
      const got = await collect(path);
      expect(got.header).toEqual(whole.header);
      expect(got.rows.length).toBe(lines.length);
      expect(got.rows).toEqual(whole.rows);
      expect(got.rows[700]!.cells[1]).toBe('ệ'.repeat(400_000));
    }
  });

  it('leaves no file open: a table never iterated, or left after its second batch, is closed', async () => {
    const path = join(dir, 'closing.csv');
    writeFileSync(path, `a,b\n${'1,2\n'.repeat(100_000)}`);
    const probe = await open(path, 'r');
    // FileHandle#read is on the prototype (close is not): the handles the reader reads with are its `this`.
    const read = vi.spyOn(Object.getPrototypeOf(probe) as { read: (...a: unknown[]) => unknown }, 'read');
    await probe.close();
    try {
      const handles = () => [...new Set(read.mock.contexts)] as { fd: number }[];
      const t = await openTable(path);
      expect(handles()).toHaveLength(1);
      expect(handles()[0]!.fd).toBe(-1); // the header was read, and the file closed again
      let n = 0;
      for await (const b of t.batches) {
        // The first batch is what was parsed with the header; the second is read from the file opened again.
        if (n++ === 0) continue;
        expect(b[0]!.row).toBeGreaterThan(1000);
        expect(handles().filter((h) => h.fd !== -1)).toHaveLength(1);
        break;
      }
      expect(handles()).toHaveLength(2);
      expect(handles().map((h) => h.fd)).toEqual([-1, -1]);
    } finally {
      read.mockRestore();
    }
  });
});

describe('parseCsv keeps the limits in memory (issue 26, item 3)', () => {
  it('text over maxChars is refused before it is parsed', () => {
    const i = issuesOf(() => parseCsv('a,b\n1,2\n'.repeat(10), { file: 'up.csv', limits: { maxChars: 50 } }))[0]!;
    expect(i).toMatchObject({ code: 'io.too-large', file: 'up.csv' });
    expect(i.message).toMatch(/80.*50|maxChars/);
  });
  it('a table is refused at its first data row beyond maxRows, naming the row', () => {
    const i = issuesOf(() => parseCsv('a,b\n1,2\n3,4\n5,6\n7,8\n', { file: 'up.csv', limits: { maxRows: 3 } }))[0]!;
    expect(i).toMatchObject({ code: 'io.too-large', file: 'up.csv' });
    expect(i.message).toMatch(/more than 3 data rows \(row 5\)/);
    expect(parseCsv('a,b\n1,2\n3,4\n5,6\n', { limits: { maxRows: 3 } }).rows).toHaveLength(3);
  });
  it('fed in pieces, it reads a table over several pieces exactly as written (a quoted line break across a piece)', () => {
    const cell = `"dòng một\ndòng hai, ""trích"""`;
    const lines = ['ma,ghi chu'];
    let n = 0;
    let length = 0;
    while (length < 2_500_000) {
      n++;
      const line = `${n},${n % 997 === 0 ? cell : 'Xã An Bình'}`;
      lines.push(line);
      length += line.length + 1;
    }
    const t = parseCsv(lines.join('\n'));
    expect(t.rows).toHaveLength(n);
    expect(t.rows.filter((r) => r.cells[1] === 'dòng một\ndòng hai, "trích"')).toHaveLength(Math.floor(n / 997));
    expect(t.rows[n - 1]!.cells[0]).toBe(String(n));
  });
});
