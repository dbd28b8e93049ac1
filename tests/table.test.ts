/** Tables from one-stop systems and survey tools: row numbers, delimiters, Vietnamese headers, XLSX. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ParIndexError } from '../src/core/errors.js';
import { detectDelimiter, matchColumns, normalizeHeader, parseCsv } from '../src/core/table.js';
import { openTable } from '../src/io/table.js';

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
    await expect(openTable(join(dir, 'big.csv'), { maxBytes: 4 })).rejects.toThrow(/limit is 4 bytes/);
  });
});

describe('headers', () => {
  it('match regardless of diacritics, case and spacing', () => {
    expect(normalizeHeader('  Ngày  TIẾP nhận: ')).toBe('ngay tiep nhan');
    expect(normalizeHeader('Đơn vị')).toBe('don vi');
    const m = matchColumns(['STT', 'Ngày tiếp nhận', 'Mã hồ sơ'], { id: ['ma ho so', 'so ho so'], received: ['ngày tiếp nhận'], resolved: ['ngay tra ket qua'] });
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
});
