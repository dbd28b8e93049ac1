/**
 * Text identity at the file boundary (issue 20, item 3): an export written in NFD matches the descriptor's units
 * exactly as one written in NFC; an id or unit name with an invisible character is refused, not matched loosely.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ParIndexError } from '../../src/core/errors.js';
import { dossierSource } from '../../src/io/dossier-source.js';
import { readText } from '../../src/io/files.js';
import { readEvidenceSources } from '../../src/io/sources.js';
import { openTable } from '../../src/io/table.js';

const tmp = mkdtempSync(join(tmpdir(), 'par-index-nfc-'));
const NFD = (s: string) => s.normalize('NFD');
const HEADER = 'Mã hồ sơ;Ngày tiếp nhận;Thời hạn giải quyết;Ngày có kết quả;Trạng thái;Đơn vị tiếp nhận';
const ROWS = [
  'HS1;04/01/2021;5 ngày;05/01/2021;Đã giải quyết;UBND xã Tân Hòa',
  'HS2;04/01/2021;5 ngày;20/01/2021;Đã giải quyết;UBND xã Tân Hòa',
  'HS3;04/01/2021;5 ngày;05/01/2021;Đã giải quyết;UBND xã Tân Hóa',
];
const descriptor = (extra: Record<string, unknown> = {}) => ({
  format: 'par-index/dossier-source@1',
  year: 2021,
  period: { from: '2021-01-01', to: '2021-12-31' },
  records: 'ho-so.csv',
  units: { 'UBND xã Tân Hòa': { id: 'tan-hoa', name: 'Tân Hòa' }, 'UBND xã Tân Hóa': { id: 'tan-hoa-2', name: 'Tân Hóa' } },
  measures: { resolved: 'resolved', onTime: 'resolved.inTime' },
  source: 'Một cửa điện tử, kết xuất 31/12/2021',
  allowRejected: 100,
  ...extra,
});
async function evidenceOf(csv: string, desc: Record<string, unknown> = descriptor()) {
  const dir = mkdtempSync(join(tmp, 'ev-'));
  writeFileSync(join(dir, 'ho-so.csv'), csv);
  writeFileSync(join(dir, 'ho-so.source.yaml'), stringify(desc));
  const ev = await readEvidenceSources(dir, { readers: [dossierSource] });
  return Object.fromEntries(ev.units.map((u) => [u.id, [u.measures['resolved']!.value, u.measures['onTime']!.value]]));
}

describe('an export written in NFD', () => {
  it('gives every unit the counts the same export in NFC gives (no unit is left with "no case arose")', async () => {
    const nfc = await evidenceOf([HEADER, ...ROWS, ''].join('\n'));
    expect(nfc).toEqual({ 'tan-hoa': [2, 1], 'tan-hoa-2': [1, 1] });
    expect(await evidenceOf(NFD([HEADER, ...ROWS, ''].join('\n')))).toEqual(nfc);
  });
  it('and the descriptor written in NFD too: units still match exactly, tone marks kept apart', async () => {
    const dir = mkdtempSync(join(tmp, 'ev-'));
    writeFileSync(join(dir, 'ho-so.csv'), [HEADER, ...ROWS, ''].join('\n'));
    writeFileSync(join(dir, 'ho-so.source.yaml'), NFD(stringify(descriptor())));
    const ev = await readEvidenceSources(dir, { readers: [dossierSource] });
    expect(ev.units.map((u) => [u.id, u.name, u.measures['resolved']!.value])).toEqual([
      ['tan-hoa', 'Tân Hòa', 2],
      ['tan-hoa-2', 'Tân Hóa', 1],
    ]);
  });
  it('readText and XLSX cells are composed', async () => {
    const p = join(tmp, 'nfd.yaml');
    writeFileSync(p, NFD('ten: Tân Hòa\n'));
    expect(readText(p)).toBe('ten: Tân Hòa\n');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('a').addRows([[NFD('Đơn vị')], [NFD('Tân Hòa')]]);
    const x = join(tmp, 'nfd.xlsx');
    await wb.xlsx.writeFile(x);
    const t = await openTable(x);
    expect(t.header).toEqual(['Đơn vị']);
    for await (const r of t.rows) expect(r.cells).toEqual(['Tân Hòa']);
  });
});

describe('invisible characters in ids and unit names are refused', () => {
  it('a unit cell with a zero-width space rejects its row, naming the character (not an unknown unit)', async () => {
    const dir = mkdtempSync(join(tmp, 'ev-'));
    writeFileSync(join(dir, 'ho-so.csv'), [HEADER, ROWS[0]!.replace('Tân', 'Tân\u200b'), ''].join('\n'));
    writeFileSync(join(dir, 'ho-so.source.yaml'), stringify(descriptor({ allowRejected: 0 })));
    const e = await readEvidenceSources(dir, { readers: [dossierSource] }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ParIndexError);
    const i = (e as ParIndexError).issues.find((x) => x.code === 'text.invisible-char');
    expect(i?.message).toMatch(/row 2 \(HS1\): "UBND xã Tân⟨U\+200B⟩ Hòa" holds an invisible character U\+200B/);
    expect(i?.messageVi).toMatch(/ký tự ẩn U\+200B/);
  });
  it('a descriptor unit name with a soft hyphen is refused', async () => {
    const dir = mkdtempSync(join(tmp, 'ev-'));
    writeFileSync(join(dir, 'ho-so.csv'), [HEADER, ...ROWS, ''].join('\n'));
    writeFileSync(
      join(dir, 'ho-so.source.yaml'),
      stringify(descriptor({ units: { 'UBND xã Tân Hòa': { id: 'tan-hoa', name: 'Tân\u00adHòa' } } })),
    );
    const e = await readEvidenceSources(dir, { readers: [dossierSource] }).catch((x: unknown) => x);
    expect((e as ParIndexError).issues[0]).toMatchObject({ code: 'text.invisible-char', path: ['units', 'UBND xã Tân Hòa', 'name'] });
  });
});
