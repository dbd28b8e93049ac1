/**
 * The pass/fail table of test cases, in Vietnamese or English, as text or Markdown.
 * @module
 */
import { formatIssue, type Lang } from '../core/errors.js';
import type { Margin } from '../cases/format.js';
import type { CaseCheck, CasesReport } from '../cases/run.js';
import { mdText, numText } from './format.js';
import { maxOf, pushAll } from '../core/lists.js';

const WHAT: Record<CaseCheck['what'], { vi: string; en: string }> = {
  index: { vi: 'chỉ số', en: 'index' },
  total: { vi: 'tổng điểm', en: 'total' },
  max: { vi: 'điểm tối đa', en: 'max' },
  band: { vi: 'xếp loại', en: 'band' },
  missing: { vi: 'số tiêu chí thiếu minh chứng', en: 'leaves missing evidence' },
  warning: { vi: 'cảnh báo', en: 'warning' },
  error: { vi: 'lỗi', en: 'error' },
  points: { vi: 'điểm', en: 'points' },
  'node-max': { vi: 'điểm tối đa áp dụng', en: 'applicable max' },
  status: { vi: 'trạng thái', en: 'status' },
};

function val(v: number | string | null, lang: Lang): string {
  if (v === null) return lang === 'vi' ? 'không có' : 'none';
  return typeof v === 'number' ? numText(v, lang) : v;
}

function marginText(m: Margin | undefined, lang: Lang): string {
  if (!m) return '';
  const parts: string[] = [];
  if (m.absolute !== undefined) parts.push(`±${numText(m.absolute, lang)}`);
  if (m.relative !== undefined) parts.push(`±${numText(m.relative * 100, lang)}%`);
  return parts.length ? ` (${parts.join(lang === 'vi' ? ' hoặc ' : ' or ')})` : '';
}

/**
 * One failed check in words: "3.1.1 points: expected 2.93, got 2.92 (±0.005)".
 *
 * @example checkText({ what: 'points', node: '3.2.1', expected: 4.4, actual: 4.5, pass: false }, 'en') // '3.2.1 points: expected 4.4, got 4.5'
 */
export function checkText(c: CaseCheck, lang: Lang): string {
  const what = `${c.node !== undefined ? `${c.node} ` : ''}${WHAT[c.what][lang]}`;
  if (c.what === 'error' && c.expected === null)
    return lang === 'vi' ? `bị từ chối khi chấm: ${val(c.actual, lang)}` : `rejected while scoring: ${val(c.actual, lang)}`;
  if (c.what === 'warning')
    return lang === 'vi'
      ? `thiếu cảnh báo ${val(c.expected, lang)} (có: ${val(c.actual, lang)})`
      : `no ${val(c.expected, lang)} warning (got: ${val(c.actual, lang)})`;
  return lang === 'vi'
    ? `${what}: mong đợi ${val(c.expected, lang)}, nhận ${val(c.actual, lang)}${marginText(c.margin, lang)}`
    : `${what}: expected ${val(c.expected, lang)}, got ${val(c.actual, lang)}${marginText(c.margin, lang)}`;
}

/**
 * Renders a cases report: one row per case (pass or fail, and for a failure each differing node or value),
 * then the problems that made cases fail, then a summary line.
 *
 * @example
 * ```ts
 * console.log(renderCasesReport(runCases(cases, set), 'vi'));
 * ```
 */
export function renderCasesReport(r: CasesReport, lang: Lang = 'vi', format: 'text' | 'md' = 'text'): string {
  const vi = lang === 'vi';
  const ok = vi ? 'ĐẠT' : 'PASS';
  const ko = vi ? 'KHÔNG ĐẠT' : 'FAIL';
  const head = [vi ? 'Ca' : 'Case', vi ? 'Kết quả' : 'Result', vi ? 'Sai khác' : 'Differences'];
  const rows = r.results.map((c) => [
    c.name,
    c.pass ? ok : ko,
    c.pass
      ? ''
      : c.checks
          .filter((k) => !k.pass)
          .map((k) => checkText(k, lang))
          .join('; '),
  ]);
  const lines: string[] = [];
  const title = `${r.file ?? (vi ? 'các ca' : 'cases')} → ${r.criteria.id} ${r.criteria.version} (${r.criteria.hash.slice(0, 19)}…)`;
  // Case names, the file name, expected values and messages are the cases file's text: escaped in Markdown.
  const e = format === 'md' ? mdText : (s: string) => s;
  if (format === 'md') {
    pushAll(lines, [
      `### ${e(title)}`,
      '',
      `| ${head.join(' | ')} |`,
      '| --- | --- | --- |',
      ...rows.map((x) => `| ${x.map(e).join(' | ')} |`),
    ]);
  } else {
    lines.push(title);
    const w0 = maxOf([head[0]!.length, ...rows.map((x) => [...x[0]!].length)]);
    const w1 = maxOf([head[1]!.length, ...rows.map((x) => [...x[1]!].length)]);
    const line = (x: string[]) => `  ${x[0]!.padEnd(w0)}  ${x[1]!.padEnd(w1)}  ${x[2]}`.trimEnd();
    pushAll(lines, [line(head), `  ${'─'.repeat(w0)}  ${'─'.repeat(w1)}  ${'─'.repeat(head[2]!.length)}`, ...rows.map(line)]);
  }
  const problems = r.results.flatMap((c) => c.problems.map((p) => `  ${e(`${c.name}: ${formatIssue(p, lang)}`)}`));
  if (problems.length) pushAll(lines, ['', vi ? 'Lý do bị từ chối:' : 'Why scoring refused:', ...problems]);
  lines.push('', vi ? `${r.passed} ca đạt, ${r.failed} ca không đạt.` : `${r.passed} passed, ${r.failed} failed.`);
  return lines.join('\n');
}
