/**
 * Number and label formatting for reports, in Vietnamese (decimal comma) or English.
 * @module
 */
import type { Lang } from '../core/errors.js';
import type { NodeStatus } from '../engine/types.js';
import { maxOf } from '../core/lists.js';

/** UI labels. */
export const LABELS = {
  rank: { vi: 'Hạng', en: 'Rank' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  total: { vi: 'Tổng điểm', en: 'Total' },
  max: { vi: 'Điểm tối đa', en: 'Max' },
  index: { vi: 'Chỉ số (%)', en: 'Index (%)' },
  band: { vi: 'Xếp loại', en: 'Band' },
  field: { vi: 'Lĩnh vực', en: 'Field' },
  points: { vi: 'Điểm', en: 'Points' },
  warnings: { vi: 'Cảnh báo', en: 'Warnings' },
  criteria: { vi: 'Bộ tiêu chí', en: 'Criteria set' },
  decision: { vi: 'Quyết định', en: 'Decision' },
  hash: { vi: 'Mã băm nội dung', en: 'Content hash' },
  evidence: { vi: 'Minh chứng', en: 'Evidence' },
  legal: { vi: 'Căn cứ', en: 'Legal basis' },
  rule: { vi: 'Quy tắc', en: 'Rule' },
  inputs: { vi: 'Dữ liệu đầu vào', en: 'Inputs' },
  steps: { vi: 'Cách tính', en: 'Arithmetic' },
  lost: { vi: 'Mất điểm vì', en: 'Points lost because' },
  missing: { vi: 'thiếu minh chứng', en: 'missing evidence' },
  noWarnings: { vi: 'Không có cảnh báo.', en: 'No warnings.' },
  title: { vi: 'Kết quả xác định Chỉ số CCHC', en: 'PAR INDEX results' },
  traceOf: { vi: 'Diễn giải điểm', en: 'How the points were found' },
} as const;

/** Picks a label. */
export function L(key: keyof typeof LABELS, lang: Lang): string {
  return LABELS[key][lang];
}

/** Switches decimal points in a calculation line to commas for Vietnamese. */
export function calcText(calc: string, lang: Lang): string {
  return lang === 'vi' ? calc.replace(/(\d)\.(\d)/g, '$1,$2') : calc;
}

/**
 * A number as written in the chosen language (decimal comma in Vietnamese), without trailing zeros.
 *
 * @example numText(0.25, 'vi') // '0,25'
 */
export function numText(x: number | undefined | null, lang: Lang): string {
  if (x === undefined || x === null) return '—';
  const s = String(Number(x.toFixed(6)));
  return lang === 'vi' ? s.replace('.', ',') : s;
}

/**
 * A number as it is (no rounding), with a decimal comma in Vietnamese and, when `sign`, a "+" before a positive one.
 *
 * @example plainNum(0.5, 'vi', true) // '+0,5'
 */
export function plainNum(x: number | null, lang: Lang, sign = false): string {
  if (x === null) return '—';
  const s = sign && x > 0 ? `+${x}` : String(x);
  return lang === 'vi' ? s.replace('.', ',') : s;
}

/**
 * A node status in words, as the reports print it.
 *
 * @example statusText('missing', 'en') // "missing evidence"
 */
export function statusText(s: NodeStatus, lang: Lang): string {
  const m: Record<NodeStatus, [string, string]> = {
    scored: ['đã chấm', 'scored'],
    'not-applicable': ['không áp dụng', 'not applicable'],
    missing: ['thiếu minh chứng', 'missing evidence'],
    shared: ['không phát sinh, điểm chia cho tiêu chí khác', 'no case, points shared'],
  };
  return m[s][lang === 'vi' ? 0 : 1];
}

/**
 * Text as Markdown shows it, whatever it holds: HTML-significant characters as entities (an app that renders the
 * Markdown to HTML must not run a unit named `<script>…`), and the characters that would start a link, code,
 * emphasis or a table cell escaped with a backslash; a line break becomes a space, and a heading, list or rule
 * marker at its start is escaped, so text cannot start a block. For user text (names, titles, messages), not for
 * the report's own markup.
 *
 * @example `mdText('<b>Xã [A]</b>') // '&lt;b&gt;Xã \\[A\\]&lt;/b&gt;'`
 */
export function mdText(s: string): string {
  return (
    s
      .replace(/[\\`*_[\]|~]/g, '\\$&')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/\r\n?|\n/g, ' ')
      // At a line's start, "# ", "- ", "+ ", "1. " or "===" would make a heading, a list or a rule.
      .replace(/^(\s*)(#{1,6}(?=\s|$)|[-+](?=\s|$)|[-=]+(?=\s*$))/, '$1\\$2')
      .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
  );
}

/**
 * Text as a Markdown code span, shown as is: fenced with one more backtick than its longest run of backticks,
 * line breaks as spaces. A code span's text is never read as HTML.
 *
 * @example `mdCode('tree[1].children[0]') // '`tree[1].children[0]`'`
 */
export function mdCode(s: string): string {
  const t = s.replace(/\r\n?|\n/g, ' ');
  const longest = maxOf([0, ...(t.match(/`+/g) ?? []).map((r) => r.length)]);
  const fence = '`'.repeat(longest + 1);
  return longest > 0 ? `${fence} ${t} ${fence}` : `${fence}${t}${fence}`;
}
