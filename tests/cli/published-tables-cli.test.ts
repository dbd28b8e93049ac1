/** The built command on published tables: `par-index rank <published.csv>` and `par-index verify <distribution.yaml>`. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const run = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(root, 'dist/cli.js'), ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
};
const LIST = 'fixtures/published-tables/xep-hang-cong-bo.csv';

describe('par-index rank <published.csv> (node dist/cli.js)', () => {
  it('ranks the printed list under competition ranking, the unit without an index last', async () => {
    const r = await run('rank', LIST, '--format', 'csv');
    expect(r.code).toBe(0);
    // 88,52 > 85,10 = 85,10 > 79,46 > 72,05: 1, 2, 2, 4, 5 of 5; Lương Tài (no index) unranked.
    expect(r.stdout.split('\n').map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
      'rank,rank_of,unit_id,unit_name',
      '1,1/5,,Xã Đại Đồng',
      '2,2/5,,Xã Chỉ Đạo',
      '2,2/5,,Xã Lạc Hồng',
      '4,4/5,,Thị trấn Như Quỳnh',
      '5,5/5,,Xã Minh Hải',
      ',,,Xã Lương Tài',
      '',
    ]);
  });

  it('dense, and the published order as a tie-break, as text in English', async () => {
    const r = await run('rank', LIST, '--method', 'dense', '--published-order', '--lang', 'en');
    expect(r.code).toBe(0);
    // Dense with the printed order: Lạc Hồng (row 3) 2, Chỉ Đạo (row 4) 3, Như Quỳnh 4, Minh Hải 5.
    const ranks = r.stdout
      .split('\n')
      .slice(2, 8)
      .map((l) =>
        l
          .trim()
          .split(/\s{2,}/)
          .slice(0, 2)
          .join(' '),
      );
    expect(ranks).toEqual([
      '1/5 Xã Đại Đồng',
      '2/5 Xã Lạc Hồng',
      '3/5 Xã Chỉ Đạo',
      '4/5 Thị trấn Như Quỳnh',
      '5/5 Xã Minh Hải',
      '— Xã Lương Tài',
    ]);
    expect(r.stdout).toContain('Rule: dense, rounded, index; tie-break published order');
    expect(r.stdout).toContain('Xã Lương Tài (row 6): no index, not ranked.');
  });

  it('reads a JSON list of rows; refuses a tie-break key the table does not print (exit 2, vi and en)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'par-pub-cli-'));
    writeFileSync(
      join(dir, 'list.json'),
      JSON.stringify([
        { Unit: 'Xã An', Total: 61 },
        { Unit: 'Xã Bình', Total: 62.5 },
      ]),
    );
    const j = await run('rank', join(dir, 'list.json'), '--format', 'json');
    expect(j.code).toBe(0);
    const parsed = JSON.parse(j.stdout) as { by: string; rows: { unit: string; rank: number }[] };
    expect([parsed.by, parsed.rows.map((x) => `${x.unit} ${x.rank}`)]).toEqual(['total', ['Xã Bình 1', 'Xã An 2']]);
    const bad = await run('rank', LIST, '--tie-break', 'node:3', '--lang', 'en');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('xep-hang-cong-bo.csv');
    expect(bad.stderr).toContain('the table prints no column for field 3');
  });
});

describe('par-index verify <distribution.yaml> (node dist/cli.js)', () => {
  it('exits 0 for a consistent distribution', async () => {
    const r = await run('verify', 'fixtures/published-tables/tong-hop-xep-loai.yaml', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Consistent: no discrepancy found.');
    expect(r.stdout).toContain('- Units: 11 (from the total row)');
  });

  it('exits 1 for the erroneous table, naming row, column and what was expected', async () => {
    const r = await run('verify', 'fixtures/published-tables/tong-hop-xep-loai-co-loi.csv', '--format', 'json');
    expect(r.code).toBe(1);
    const rep = JSON.parse(r.stdout) as {
      findings: { kind: string; row: number; column: string; published: number; expected: number; messageVi: string }[];
    };
    // 4 + 5 + 2 = 11, printed 12; 5 of 11 = 45,4545… → 45,45, printed 45,46.
    expect(rep.findings.map((f) => [f.kind, f.row, f.column, f.published, f.expected])).toEqual([
      ['percent', 3, 'Tỷ lệ (%)', 45.46, 45.45],
      ['count-total', 5, 'Số lượng', 12, 11],
    ]);
    expect(rep.findings[1]!.messageVi).toBe('dòng tổng: in 12 đơn vị, các mức xếp loại cộng lại được 11');
  });

  it('flags the 2024 SIPAS overall the declared composition does not give', async () => {
    const r = await run('verify', 'fixtures/published-tables/sipas-2024.figures.yaml', '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('| overall | 83.965 | 0.005 | 83.94 |');
  });

  it('refuses options of a decision check for a distribution (exit 2)', async () => {
    const r = await run(
      'verify',
      'fixtures/published-tables/tong-hop-xep-loai.yaml',
      '--criteria',
      'criteria/examples/van-lam-commune-2021.yaml',
      '--lang',
      'en',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--criteria applies to a published decision, not to a grade distribution');
  });

  it('writes a distribution check as HTML, CSV and XLSX too, the same findings in each', async () => {
    const bad = 'fixtures/published-tables/tong-hop-xep-loai-co-loi.csv';
    const h = await run('verify', bad, '--format', 'html', '--lang', 'en');
    expect(h.code).toBe(1);
    expect(h.stdout).toMatch(/^<!doctype html>/);
    expect(h.stdout).toContain('<p class="bad">2 discrepancy(ies) found.</p>');
    // The finding of row 3: 5 of 11 = 45.4545… → 45.45, printed 45.46.
    expect(h.stdout).toMatch(
      /<tr><td class="n">1<\/td><td class="n">3<\/td><td>Tỷ lệ \(%\)<\/td><td>[^<]*<\/td><td class="n">45.46<\/td><td class="n">45.45<\/td>/,
    );
    // CSV without --out: the discrepancies on standard output, Vietnamese by default (decimal point in CSV).
    const c = await run('verify', bad, '--format', 'csv');
    expect(c.code).toBe(1);
    const lines = c.stdout.trim().split('\n');
    expect(lines[0]!.split(',').slice(0, 6)).toEqual(['#', 'Dòng', 'Cột', 'Mức', 'Công bố', 'Đúng ra']);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).concat(l.split(',').slice(4, 6)))).toEqual([
      ['1', '3', '45.46', '45.45'],
      ['2', '5', '12', '11'],
    ]);
    // XLSX: a workbook with the three sheets.
    const dir = mkdtempSync(join(tmpdir(), 'par-index-dist-'));
    const x = await run('verify', bad, '--format', 'xlsx', '--out', join(dir, 'kiem-tra.xlsx'), '--lang', 'en');
    expect(x.code).toBe(1);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'kiem-tra.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Checks', 'Discrepancies']);
  });

  it('writes the SIPAS figures check as HTML, with the overall that does not add up', async () => {
    const h = await run('verify', 'fixtures/published-tables/sipas-2024.figures.yaml', '--format', 'html', '--lang', 'en');
    expect(h.code).toBe(1);
    expect(h.stdout).toContain('<p class="bad">');
    expect(h.stdout).toMatch(/<tr><td>overall<\/td><td>83.965<\/td><td class="n">0.005<\/td><td class="n">83.94<\/td>/);
  });
});
