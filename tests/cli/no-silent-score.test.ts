/**
 * No silent wrong score at the command line (issue 20): an export written in NFD scores as the same export in NFC,
 * a `12.000` in a ;-separated portal table stops `score` (exit 2) instead of reading 12, and a portal table whose
 * parts do not add up is warned about.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../src/cli/main.js';
import { criteriaDoc } from '../support/support.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const tmp = mkdtempSync(join(tmpdir(), 'par-index-i20-'));
const set = join(tmp, 'set.yaml');
writeFileSync(
  set,
  stringify(
    criteriaDoc([
      {
        id: '1',
        title: 'Cải cách TTHC',
        max: 10,
        children: [
          {
            id: '1.1',
            title: 'Tỷ lệ đúng hạn',
            max: 10,
            rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'full' },
          },
        ],
      },
    ]),
  ),
);
const base = {
  format: 'par-index/dossier-source@1',
  year: 2021,
  period: { from: '2021-01-01', to: '2021-12-31' },
  units: { 'UBND xã Tân Hòa': { id: 'tan-hoa', name: 'Tân Hòa' } },
  measures: { onTime: 'resolved.inTime', resolved: 'resolved' },
  source: 'Một cửa điện tử, kết xuất 31/12/2021',
};
function folder(name: string, files: Record<string, string>): string {
  const d = join(tmp, name);
  mkdirSync(d);
  for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
  return d;
}
const records = [
  'Mã hồ sơ;Ngày tiếp nhận;Thời hạn giải quyết;Ngày có kết quả;Trạng thái;Đơn vị tiếp nhận',
  'HS1;04/01/2021;5 ngày;05/01/2021;Đã giải quyết;UBND xã Tân Hòa',
  'HS2;04/01/2021;5 ngày;20/01/2021;Đã giải quyết;UBND xã Tân Hòa',
  '',
].join('\n');

describe('par-index score on an export written in NFD', () => {
  it('scores the unit from its dossiers (5 of 10), as the NFC export does — not full points for "no case"', async () => {
    // allowRejected is generous on purpose: before, every row was rejected as an unknown unit and the rate gave 10/10.
    const desc = stringify({ ...base, records: 'ho-so.csv', allowRejected: 100 });
    const nfc = folder('nfc', { 'ho-so.csv': records, 'ho-so.source.yaml': desc });
    const nfd = folder('nfd', { 'ho-so.csv': records.normalize('NFD'), 'ho-so.source.yaml': desc });
    const a = await run('score', set, nfc, '--format', 'json', '--lang', 'en');
    const b = await run('score', set, nfd, '--format', 'json', '--lang', 'en');
    expect(a.code).toBe(0);
    expect(JSON.parse(a.out)[0]).toMatchObject({ unit: { id: 'tan-hoa' }, total: 5 });
    expect(b).toEqual(a);
  });
});

describe('par-index score on a ;-separated portal table', () => {
  const table = 'Đơn vị;Đã giải quyết;Trước hạn và đúng hạn\nUBND xã Tân Hòa;12.000;11.500\n';
  it('12.000 without a declared number format: exit 2, naming the file, row, column and the fix', async () => {
    const d = folder('amb', { 'cong.csv': table, 'cong.source.yaml': stringify({ ...base, aggregates: 'cong.csv' }) });
    const r = await run('score', set, d, '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/number\.ambiguous.*cong\.csv: row 2 \(UBND xã Tân Hòa\), column "Đã giải quyết": "12\.000"/);
    expect(r.err).toMatch(/numbers: vi/);
  });
  it('with numbers: vi it scores 11,500 of 12,000', async () => {
    const d = folder('vi', { 'cong.csv': table, 'cong.source.yaml': stringify({ ...base, aggregates: 'cong.csv', numbers: 'vi' }) });
    const r = await run('score', set, d, '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)[0]).toMatchObject({ total: 9.58 });
  });
  it('a table whose parts do not add up: score warns, naming the gap', async () => {
    const gap = 'Đơn vị;Đã giải quyết;Trước hạn;Đúng hạn;Trễ hạn;Trước hạn và đúng hạn\nUBND xã Tân Hòa;430;120;300;5;420\n';
    const d = folder('gap', { 'cong.csv': gap, 'cong.source.yaml': stringify({ ...base, aggregates: 'cong.csv' }) });
    const r = await run('score', set, d, '--lang', 'en');
    expect(r.err).toMatch(
      /dossier\.aggregate-gap.*cong\.csv: row 2 \(UBND xã Tân Hòa\): early 120 \+ on time 300 \+ late 5 = 425, but resolved = 430 \(gap 5\)/,
    );
    const x = await run('explain', set, d, '--unit', 'tan-hoa', '--lang', 'en');
    expect(x.out).toMatch(/gap 5/);
    expect(x.out).not.toMatch(/No warnings/);
  });
});
