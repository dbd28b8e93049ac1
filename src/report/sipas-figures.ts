/**
 * Published SIPAS figures checked against their declared composition, as Markdown: each composed figure beside
 * the published one, what could not be composed, and every published figure the composition does not give.
 * @module
 */
import type { Lang } from '../core/errors.js';
import type { SipasFiguresReport } from '../verify/sipas-figures.js';
import { pushAll } from '../core/lists.js';
import { mdText } from './format.js';
import { finishTables, summaryTable, type OfficeTable } from './office-tables.js';

const W = {
  title: { vi: 'Kiểm tra số liệu SIPAS công bố', en: 'Check of published SIPAS figures' },
  ok: {
    vi: 'Nhất quán: mọi số liệu tổng hợp được đều khớp cách tổng hợp đã khai báo.',
    en: 'Consistent: every figure that could be composed is what the declared composition gives.',
  },
  notOk: {
    vi: 'Phát hiện {n} số liệu không khớp cách tổng hợp đã khai báo.',
    en: '{n} published figure(s) the declared composition does not give.',
  },
  file: { vi: 'Tệp', en: 'File' },
  questionnaire: { vi: 'Bộ câu hỏi', en: 'Questionnaire' },
  composition: { vi: 'Cách tổng hợp', en: 'Composition' },
  figures: { vi: 'Số liệu tổng hợp', en: 'Composed figures' },
  index: { vi: 'Chỉ số', en: 'Index' },
  composed: { vi: 'Tổng hợp', en: 'Composed' },
  published: { vi: 'Công bố', en: 'Published' },
  how: { vi: 'Cách tính', en: 'How' },
  notComposed: { vi: 'Không tổng hợp được', en: 'Not composed' },
  findings: { vi: 'Sai lệch', en: 'Discrepancies' },
  expected: { vi: 'Đúng ra', en: 'Expected' },
  delta: { vi: 'Chênh lệch', en: 'Difference' },
  tolerance: { vi: 'Dung sai', en: 'Tolerance' },
  explanation: { vi: 'Giải thích', en: 'Explanation' },
} as const;

const num = (v: string | number, lang: Lang) => (lang === 'vi' ? String(v).replace('.', ',') : String(v));

/**
 * The check of published SIPAS figures as Markdown, in Vietnamese or English.
 *
 * @example console.log(renderSipasFiguresMarkdown(verifySipasFigures(readSipasFigures('sipas-2024.figures.yaml')), 'en'))
 */
export function renderSipasFiguresMarkdown(r: SipasFiguresReport, lang: Lang = 'vi'): string {
  const out: string[] = [`# ${W.title[lang]}${r.title ? `: ${mdText(r.title)}` : ''}`, ''];
  out.push(sipasFiguresVerdict(r, lang), '');
  if (r.file) out.push(`- ${W.file[lang]}: ${mdText(r.file)}`);
  out.push(`- ${W.questionnaire[lang]}: ${mdText(`${r.questionnaire.id} ${r.questionnaire.version}`)}`);
  out.push(`- ${W.composition[lang]}: ${mdText(r.questionnaire.composition[lang])}`, '');
  out.push(
    `## ${W.figures[lang]}`,
    '',
    `| ${W.index[lang]} | ${W.composed[lang]} | ± | ${W.published[lang]} | ${W.how[lang]} |`,
    '| --- | ---: | ---: | ---: | --- |',
  );
  for (const f of r.figures)
    out.push(
      `| ${f.index} | ${num(f.composed, lang)} | ${num(f.bound, lang)} | ${f.published === null ? '—' : num(f.published, lang)} | ${mdText(f.how[lang])} |`,
    );
  if (r.notComposed.length) {
    out.push('', `## ${W.notComposed[lang]}`, '');
    pushAll(
      out,
      r.notComposed.map((n) => `- ${mdText(n[lang])}`),
    );
  }
  if (r.findings.length) {
    out.push('', `## ${W.findings[lang]}`, '');
    pushAll(
      out,
      r.findings.map((f) => `- ${mdText(lang === 'vi' ? f.messageVi : f.message)}`),
    );
  }
  return `${out.join('\n')}\n`;
}

/** The verdict line of a SIPAS figures check, in the chosen language. */
export function sipasFiguresVerdict(r: SipasFiguresReport, lang: Lang): string {
  return r.ok ? W.ok[lang] : W.notOk[lang].replace('{n}', String(r.findings.length));
}

/** The title of a SIPAS figures check, with the file's own title when it has one. */
export function sipasFiguresTitle(r: SipasFiguresReport, lang: Lang): string {
  return `${W.title[lang]}${r.title ? `: ${r.title}` : ''}`;
}

/**
 * The check of published SIPAS figures as office tables — a summary (verdict, file, questionnaire, composition,
 * figures not composed), the composed figures beside the published ones, and the discrepancies — for the XLSX,
 * CSV and HTML outputs of `par-index verify`. Composed values are exact decimals, kept as text so no digit is lost.
 *
 * @example `sipasFiguresTables(verifySipasFigures(readSipasFigures('sipas-2024.figures.yaml')), 'en').map((t) => t.key) // ['summary', 'figures', 'discrepancies']`
 */
export function sipasFiguresTables(r: SipasFiguresReport, lang: Lang = 'vi'): readonly OfficeTable[] {
  const title = sipasFiguresTitle(r, lang);
  return finishTables([
    summaryTable(title, lang, sipasFiguresVerdict(r, lang), [
      ...(r.file ? [[W.file[lang], r.file]] : []),
      [W.questionnaire[lang], `${r.questionnaire.id} ${r.questionnaire.version}`],
      [W.composition[lang], r.questionnaire.composition[lang]],
      ...r.notComposed.map((n) => [W.notComposed[lang], n[lang]]),
    ]),
    {
      key: 'figures',
      name: W.figures[lang],
      title,
      header: [W.index[lang], W.composed[lang], '±', W.published[lang], W.how[lang]],
      decimals: [null, null, null, null, null],
      rows: r.figures.map((f) => [f.index, num(f.composed, lang), f.bound, f.published, f.how[lang]]),
    },
    {
      key: 'discrepancies',
      name: W.findings[lang],
      title: `${title}: ${sipasFiguresVerdict(r, lang)}`,
      header: [
        '#',
        W.index[lang],
        W.published[lang],
        W.expected[lang],
        W.composed[lang],
        W.delta[lang],
        W.tolerance[lang],
        W.explanation[lang],
      ],
      decimals: [0, null, null, null, null, null, null, null],
      rows: r.findings.map((f, i) => [
        i + 1,
        f.index,
        f.published,
        f.expected,
        num(f.composed, lang),
        f.delta,
        `± ${num(f.tolerance, lang)} (${f.toleranceRule[lang]})`,
        lang === 'vi' ? f.messageVi : f.message,
      ]),
    },
  ]);
}
