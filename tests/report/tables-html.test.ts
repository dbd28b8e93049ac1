/** A grade distribution's check as office tables and as one HTML page (par-index verify --format html|csv|xlsx). */
import { describe, expect, it } from 'vitest';
import { distributionTables } from '../../src/report/distribution.js';
import { officeTablesHtml } from '../../src/report/tables-html.js';
import { loadDistribution, verifyDistribution } from '../../src/verify/distribution.js';

// 4 + 5 + 2 = 11, printed 11; 5 of 11 = 45.4545… → 45.45, printed 45.46: one finding.
const report = verifyDistribution(
  loadDistribution(
    {
      format: 'par-index/distribution@1',
      title: 'Tổng hợp <thử>',
      rows: [
        { band: 'Xuất sắc', count: 4, percent: '36,36' },
        { band: 'Tốt', count: 5, percent: '45,46' },
        { band: 'Khá', count: 2, percent: '18,18' },
      ],
      total: { count: 11 },
    },
    { file: 'tong-hop.yaml' },
  ),
);

describe('distributionTables', () => {
  it('a summary, the checks with their counts, and the one discrepancy with its row, values and tolerance', () => {
    const [summary, checks, found] = distributionTables(report, 'vi');
    expect([summary!.key, checks!.key, found!.key]).toEqual(['summary', 'checks', 'discrepancies']);
    expect(summary!.rows.slice(0, 3)).toEqual([
      ['Kết quả', 'Phát hiện 1 sai lệch.'],
      ['Tệp', 'tong-hop.yaml'],
      ['Số đơn vị', '11 (theo dòng tổng)'],
    ]);
    expect(checks!.rows.find((r) => r[2] === 1)?.[1]).toBe('✗');
    // The document's second row (rows[1]); its percentage column.
    expect(found!.rows.map((r) => r.slice(0, 6))).toEqual([[1, 2, 'percent', 'Tốt', 45.46, 45.45]]);
  });
});

describe('officeTablesHtml', () => {
  it('escapes every text, prints decimal commas in Vietnamese and marks the verdict', () => {
    const html = officeTablesHtml(distributionTables(report, 'vi'), {
      lang: 'vi',
      title: 'Kiểm tra <thử>',
      verdict: { ok: false, text: 'Phát hiện 1 sai lệch.' },
    });
    expect(html).toContain('<title>Kiểm tra &lt;thử&gt;</title>');
    expect(html).not.toContain('<thử>');
    expect(html).toContain('<p class="bad">Phát hiện 1 sai lệch.</p>');
    expect(html).toContain('<td class="n">45,46</td><td class="n">45,45</td>');
    expect(officeTablesHtml([], { lang: 'en', title: 'x', verdict: { ok: true, text: 'fine' } })).toContain('<p class="ok">fine</p>');
  });
});
