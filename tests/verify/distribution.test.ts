/** A published grade distribution checked by itself: counts, percentages, the printed total row. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/core/document.js';
import { ParIndexError } from '../../src/core/errors.js';
import { parseCsv } from '../../src/core/table.js';
import { readDistribution } from '../../src/io/verify-files.js';
import { renderDistributionMarkdown } from '../../src/report/distribution.js';
import { distributionFromTable, isDistributionHeader, loadDistribution, verifyDistribution } from '../../src/verify/distribution.js';

const doc = (rows: unknown[], more: Record<string, unknown> = {}) =>
  loadDistribution({ format: 'par-index/distribution@1', rows, ...more }, { file: 'tong-hop.yaml' });
const csv = (text: string) => distributionFromTable(parseCsv(text, { file: 'tong-hop.csv' }), { file: 'tong-hop.csv' });
const found = (r: ReturnType<typeof verifyDistribution>) =>
  r.findings.map((f) => `${f.kind} ${f.row ?? '-'} ${f.column} ${f.published}→${f.expected}`);
const issuesOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ParIndexError) return e.issues;
    throw e;
  }
  throw new Error('no error');
};
const ELEVEN = [
  { band: 'Xuất sắc', count: 4, percent: '36,36' },
  { band: 'Tốt', count: 5, percent: '45,45' },
  { band: 'Khá', count: 2, percent: '18,18' },
];

describe('verifyDistribution', () => {
  it('accepts a consistent distribution: 4, 5, 2 of 11 and a total row', async () => {
    // 4/11 = 36.3636… → 36,36; 5/11 = 45.4545… → 45,45; 2/11 = 18.1818… → 18,18. They add up to 99,99: within
    // 3 × 0,005 = 0,015 of 100 (each rounded on its own). The counts add up to 11, the total row.
    const r = verifyDistribution(doc(ELEVEN, { total: { count: 11, percent: '100,00' }, percent: { decimals: 2 } }));
    expect(r.ok).toBe(true);
    expect([r.units, r.unitsFrom]).toEqual([11, 'total-row']);
    expect(r.checks.map((c) => [c.id, c.run])).toEqual([
      ['percent', true],
      ['count-total', true],
      ['percent-sum', true],
      ['percent-total', true],
    ]);
    expect(verifyDistribution(await readDistribution('fixtures/published-tables/tong-hop-xep-loai.yaml')).ok).toBe(true);
  });

  it('judges each percentage by the declared rounding, else within half of its last printed digit', () => {
    // 1 of 8 = 12.5 %: printed "12" is within 0.5 of 12.5 (undeclared: accepted), but half-up to 0 decimals gives 13.
    const rows = [
      { band: 'Tốt', count: 1, percent: '12' },
      { band: 'Khá', count: 7, percent: '88' },
    ];
    expect(verifyDistribution(doc(rows)).ok).toBe(true);
    const r = verifyDistribution(doc(rows, { percent: { decimals: 0, mode: 'half-up' } }));
    // 7/8 = 87.5 → 88 half-up: right; 12.5 → 13: "12" is wrong.
    expect(found(r)).toEqual(['percent 1 percent 12→13']);
    expect(r.findings[0]!.path).toEqual(['rows', 0, 'percent']);
    expect(r.findings[0]!.message).toBe(
      'Tốt: 1 of 8 units is 12.50 %, printed 12 %; expected 13 (rounded as declared (0 decimals, half-up))',
    );
    expect(r.findings[0]!.messageVi).toContain('đúng ra 13');
    // Half-even gives 12 (and 87.5 → 88): both right.
    expect(verifyDistribution(doc(rows, { percent: { decimals: 0, mode: 'half-even' } })).ok).toBe(true);
  });

  it('reports a misprinted total row once, judging the percentages on the counts they follow', () => {
    // Counts 4 + 5 + 2 = 11, total row 12. The percentages are shares of 11 (36,36 = 4/11), so only the total row is reported.
    const r = verifyDistribution(doc(ELEVEN, { total: { count: 12, percent: '100' } }));
    expect(found(r)).toEqual(['count-total 4 count 12→11']);
    expect(r.findings[0]!.path).toEqual(['total', 'count']);
    expect([r.units, r.unitsFrom]).toEqual([11, 'sum-of-counts']);
    expect(r.notes[0]!.en).toMatch(/follow the sum of the counts \(11\), not the total row's count \(12\)/);
  });

  it('reports a misprinted count at its percentage and at the total row, not at every other line', () => {
    // Tốt printed 6 for 5: the counts add up to 12, the total row says 11. On 11 units only Tốt's share is off
    // (6/11 = 54,55, printed 45,45); on 12 all three would be (4/12 = 33,33 …), so the total row's 11 is kept.
    const rows = ELEVEN.map((l) => (l.band === 'Tốt' ? { ...l, count: 6 } : l));
    expect(found(verifyDistribution(doc(rows, { total: { count: 11 } })))).toEqual([
      'percent 2 percent 45.45→54.55',
      'count-total 4 count 11→12',
    ]);
  });

  it('checks the percentages add up to 100 within what rounding each on its own allows, or a declared tolerance', () => {
    // 3 units, one per grade: 33.333… each. Printed to one decimal, 33,3 × 3 = 99,9: 0,1 from 100, within 3 × 0,05 = 0,15.
    const thirds = ['A', 'B', 'C'].map((band) => ({ band, count: 1, percent: '33,3' }));
    const r = verifyDistribution(doc(thirds));
    expect(r.ok).toBe(true);
    // Declared partsTolerance 0,05: the 0,1 is now reported, with the tolerance named.
    const strict = verifyDistribution(doc(thirds, { partsTolerance: 0.05 }));
    expect(found(strict)).toEqual(['percent-sum - percent 99.9→100']);
    expect(strict.findings[0]!.toleranceRule.en).toBe('declared tolerance ±0.05');
    expect(verifyDistribution(doc(thirds), { partsTolerance: 0.05 }).ok).toBe(false);
    // The honest bound in words: 99,99 with two decimals and 0 tolerance declared.
    const zero = verifyDistribution(doc(ELEVEN, { partsTolerance: 0, total: { count: 11, percent: '100,00' } }));
    expect(zero.findings.map((f) => f.kind)).toEqual(['percent-sum']);
    expect(zero.findings[0]!.row).toBe(4); // the total row (after 3 grade lines)
  });

  it('checks the total row prints 100 % (or the sum of its parts) within the same tolerance', () => {
    // 99,90 is 0,1 from 100, beyond 3 × 0,005 = 0,015.
    const r = verifyDistribution(doc(ELEVEN, { total: { count: 11, percent: '99,90' } }));
    expect(found(r)).toEqual(['percent-total 4 percent 99.9→100']);
    expect(r.findings[0]!.toleranceRule.en).toBe('3 percentages each rounded on its own to 2 decimals: 3 × 0.005 = 0.015');
    // 99,99, the sum of the printed parts, is accepted.
    expect(verifyDistribution(doc(ELEVEN, { total: { count: 11, percent: '99,99' } })).ok).toBe(true);
  });

  it('reads a CSV table with Vietnamese or English headers; the total row is "Tổng cộng" or "Total"', () => {
    const d = csv('STT;Xếp loại;Số lượng;Tỷ lệ (%)\n1;Tốt;2;66,67\n2;Khá;1;33,33\n;Tổng cộng;3;100\n');
    expect([d.rows.length, d.total?.count, d.total?.row]).toEqual([2, 3, 4]);
    expect(verifyDistribution(d).ok).toBe(true);
    const e = csv('Grade,Count,Percent\nGood,1,"50,0"\nFair,1,"40,0"\nTotal,2,100\n');
    // 1/2 = 50 %: "40,0" is off; named by its row (3, the header being 1) and its column.
    const r = verifyDistribution(e);
    expect(r.findings.map((f) => [f.kind, f.row, f.column, f.path])).toEqual([
      ['percent', 3, 'Percent', ['row', 3, 'Percent']],
      ['percent-sum', 4, 'Percent', ['row', 4, 'Percent']],
    ]);
    // Without a total row, the count check does not run and N is the sum of the counts.
    const n = verifyDistribution(csv('Xếp loại;Số lượng;Tỷ lệ\nTốt;1;50\nKhá;1;50\n'));
    expect([n.unitsFrom, n.checks.find((c) => c.id === 'count-total')!.run]).toEqual(['sum-of-counts', false]);
    expect(isDistributionHeader(['Xếp loại', 'Số lượng', 'Tỷ lệ (%)'])).toBe(true);
    expect(isDistributionHeader(['Đơn vị', 'Chỉ số (%)', 'Xếp loại'])).toBe(false);
  });

  it('refuses what it cannot read, naming file, row and column in both languages', () => {
    const is = issuesOf(() => csv('Xếp loại;Số lượng;Tỷ lệ (%);Điểm\nTốt;4,5;50;1\n'));
    expect(is.map((i) => [i.code, i.path])).toEqual([['verify.unknown-column', ['header', 3]]]);
    const bad = issuesOf(() => csv('Xếp loại;Số lượng;Tỷ lệ (%)\nTốt;4,5;50\nKhá;2;năm mươi\n'));
    expect(bad.map((i) => [i.code, i.file, i.path])).toEqual([
      ['verify.bad-value', 'tong-hop.csv', ['row', 2, 'Số lượng']],
      ['verify.bad-value', 'tong-hop.csv', ['row', 3, 'Tỷ lệ (%)']],
    ]);
    expect(bad[0]!.messageVi).toMatch(/không phải số nguyên/);
    expect(issuesOf(() => csv('Xếp loại;Tỷ lệ (%)\nTốt;50\n'))[0]!.message).toMatch(/no count column/);
    expect(issuesOf(() => doc([{ band: 'Tốt', count: -1 }]))[0]!.path).toEqual(['rows', 0, 'count']);
  });

  it('renders Markdown, and the report is frozen', () => {
    const r = verifyDistribution(doc(ELEVEN, { total: { count: 12 } }));
    expect(Object.isFrozen(r) && Object.isFrozen(r.findings)).toBe(true);
    const md = renderDistributionMarkdown(r, 'en');
    expect(md).toContain('1 discrepancy(ies) found.');
    expect(md).toContain('| 1 | 4 | count | Tổng | 12 | 11 |');
    expect(renderDistributionMarkdown(r, 'vi')).toContain('dòng tổng: in 12 đơn vị, các mức xếp loại cộng lại được 11');
  });
});

describe('the guide (docs/verify.md, "A grade distribution by itself")', () => {
  const text = readFileSync('docs/verify.md', 'utf8');
  const section = /## A grade distribution by itself([\s\S]*?)\n## /.exec(text)![1]!;
  it('its document is consistent, as the guide works out', () => {
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    const r = verifyDistribution(loadDistribution(parseText(yaml, { file: 'verify.md' }), { file: 'verify.md' }));
    // 36,36 + 45,45 + 18,18 = 99,99, within 3 × 0,005 of 100; each share of 11 rounds to its printed value.
    expect(r.ok).toBe(true);
  });
  it('its table is the committed fixture, and reports the two misprints the guide names', async () => {
    const csvText = /```csv\n([\s\S]*?)```/.exec(section)![1]!;
    expect(readFileSync('fixtures/published-tables/tong-hop-xep-loai-co-loi.csv', 'utf8').replace(/^\uFEFF/, '')).toBe(csvText);
    const r = verifyDistribution(await readDistribution('fixtures/published-tables/tong-hop-xep-loai-co-loi.csv'));
    // Counts 4 + 5 + 2 = 11 against the total row's 12; 5 of 11 = 45,4545… → 45,45, printed 45,46.
    expect(found(r)).toEqual(['percent 3 Tỷ lệ (%) 45.46→45.45', 'count-total 5 Số lượng 12→11']);
  });
});
