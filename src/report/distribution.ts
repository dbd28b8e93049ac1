/**
 * A grade distribution's check (kiểm tra bảng tổng hợp xếp loại) as Markdown: the verdict, how percentages were
 * judged, each check, and every finding with its row, column, printed and expected values and tolerance.
 * @module
 */
import type { Lang } from '../core/errors.js';
import type { DistributionReport } from '../verify/distribution.js';
import { pushAll } from '../core/lists.js';
import { mdText } from './format.js';
import { finishTables, summaryTable, type OfficeTable } from './office-tables.js';

const W = {
  title: { vi: 'Kiểm tra bảng tổng hợp xếp loại', en: 'Check of a grade distribution' },
  ok: { vi: 'Nhất quán: không phát hiện sai lệch.', en: 'Consistent: no discrepancy found.' },
  notOk: { vi: 'Phát hiện {n} sai lệch.', en: '{n} discrepancy(ies) found.' },
  file: { vi: 'Tệp', en: 'File' },
  units: { vi: 'Số đơn vị', en: 'Units' },
  fromTotal: { vi: 'theo dòng tổng', en: 'from the total row' },
  fromSum: { vi: 'tổng các số lượng (không có dòng tổng)', en: 'sum of the counts (no total row)' },
  rounding: { vi: 'Tỷ lệ', en: 'Percentages' },
  checks: { vi: 'Các phép kiểm tra', en: 'Checks' },
  notRun: { vi: 'không thực hiện', en: 'not run' },
  findings: { vi: 'Sai lệch', en: 'Discrepancies' },
  row: { vi: 'Dòng', en: 'Row' },
  column: { vi: 'Cột', en: 'Column' },
  band: { vi: 'Mức', en: 'Grade' },
  published: { vi: 'Công bố', en: 'Published' },
  expected: { vi: 'Đúng ra', en: 'Expected' },
  explanation: { vi: 'Giải thích', en: 'Explanation' },
  result: { vi: 'Kết quả', en: 'Result' },
  check: { vi: 'Phép kiểm tra', en: 'Check' },
  count: { vi: 'Số sai lệch', en: 'Discrepancies' },
  tolerance: { vi: 'Dung sai', en: 'Tolerance' },
  note: { vi: 'Ghi chú', en: 'Note' },
} as const;

const num = (v: number, lang: Lang) => (lang === 'vi' ? String(v).replace('.', ',') : String(v));

/**
 * The distribution check as Markdown, in Vietnamese or English.
 *
 * @example console.log(renderDistributionMarkdown(verifyDistribution(d), 'en'))
 */
export function renderDistributionMarkdown(r: DistributionReport, lang: Lang = 'vi'): string {
  const out: string[] = [`# ${W.title[lang]}${r.title ? `: ${mdText(r.title)}` : ''}`, ''];
  out.push(distributionVerdict(r, lang), '');
  if (r.file) out.push(`- ${W.file[lang]}: ${mdText(r.file)}`);
  out.push(`- ${W.units[lang]}: ${r.units} (${(r.unitsFrom === 'total-row' ? W.fromTotal : W.fromSum)[lang]})`);
  out.push(`- ${W.rounding[lang]}: ${mdText(r.rounding[lang])}`, '', `## ${W.checks[lang]}`, '');
  for (const c of r.checks)
    out.push(
      `- ${mdText(c.title[lang])}: ${c.run ? (c.findings === 0 ? '✓' : `✗ ${c.findings}`) : `${W.notRun[lang]}${c.reason ? `: ${mdText(c.reason[lang])}` : ''}`}`,
    );
  if (r.notes.length) {
    out.push('');
    pushAll(
      out,
      r.notes.map((n) => `> ${mdText(n[lang])}`),
    );
  }
  if (r.findings.length) {
    out.push(
      '',
      `## ${W.findings[lang]}`,
      '',
      `| # | ${W.row[lang]} | ${W.column[lang]} | ${W.band[lang]} | ${W.published[lang]} | ${W.expected[lang]} | ${W.explanation[lang]} |`,
      '| ---: | ---: | --- | --- | ---: | ---: | --- |',
    );
    r.findings.forEach((f, i) =>
      out.push(
        `| ${i + 1} | ${f.row ?? ''} | ${mdText(f.column)} | ${mdText(f.band)} | ${num(f.published, lang)} | ${num(f.expected, lang)} | ${mdText(lang === 'vi' ? f.messageVi : f.message)} |`,
      ),
    );
  }
  return `${out.join('\n')}\n`;
}

/** The verdict line of a distribution check, in the chosen language. */
export function distributionVerdict(r: DistributionReport, lang: Lang): string {
  return r.ok ? W.ok[lang] : W.notOk[lang].replace('{n}', String(r.findings.length));
}

/** The title of a distribution check, with the table's own title when it has one. */
export function distributionTitle(r: DistributionReport, lang: Lang): string {
  return `${W.title[lang]}${r.title ? `: ${r.title}` : ''}`;
}

/**
 * The distribution check as office tables — a summary (verdict, file, units, how percentages were judged, notes),
 * the checks with their counts, and the discrepancies — for the XLSX, CSV and HTML outputs of `par-index verify`.
 * Published and expected values stay numbers, printed as the table printed them.
 *
 * @example `distributionTables(verifyDistribution(d), 'en').map((t) => t.key) // ['summary', 'checks', 'discrepancies']`
 */
export function distributionTables(r: DistributionReport, lang: Lang = 'vi'): readonly OfficeTable[] {
  const title = distributionTitle(r, lang);
  return finishTables([
    summaryTable(title, lang, distributionVerdict(r, lang), [
      ...(r.file ? [[W.file[lang], r.file]] : []),
      [W.units[lang], `${r.units} (${(r.unitsFrom === 'total-row' ? W.fromTotal : W.fromSum)[lang]})`],
      [W.rounding[lang], r.rounding[lang]],
      ...r.notes.map((n) => [W.note[lang], n[lang]]),
    ]),
    {
      key: 'checks',
      name: W.checks[lang],
      title,
      header: [W.check[lang], W.result[lang], W.count[lang]],
      decimals: [null, null, 0],
      rows: r.checks.map((c) => [
        c.title[lang],
        c.run ? (c.findings === 0 ? '✓' : '✗') : `${W.notRun[lang]}${c.reason ? `: ${c.reason[lang]}` : ''}`,
        c.run ? c.findings : null,
      ]),
    },
    {
      key: 'discrepancies',
      name: W.findings[lang],
      title: `${title}: ${distributionVerdict(r, lang)}`,
      header: ['#', W.row[lang], W.column[lang], W.band[lang], W.published[lang], W.expected[lang], W.tolerance[lang], W.explanation[lang]],
      decimals: [0, 0, null, null, null, null, null, null],
      rows: r.findings.map((f, i) => [
        i + 1,
        f.row,
        f.column,
        f.band,
        f.published,
        f.expected,
        `± ${num(f.tolerance, lang)} (${f.toleranceRule[lang]})`,
        lang === 'vi' ? f.messageVi : f.message,
      ]),
    },
  ]);
}
