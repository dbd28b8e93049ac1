/**
 * The ranked table (bảng xếp hạng) as aligned text, Markdown or CSV rows.
 * @module
 */
import type { Lang } from '../core/errors.js';
import { num } from '../core/text.js';
import type { NodeScore } from '../engine/types.js';
import type { Ranking } from '../ranking/rank.js';
import { L, mdText } from './format.js';
import { maxOf } from '../core/lists.js';

/** A field's maximum as the legend prints it: its points, or for a block what it can add or subtract. */
export function fieldMax(f: NodeScore, precision: number, lang: Lang): string {
  if (!f.block) return num(f.fullMax, precision, lang);
  const cap = num(f.block.cap, precision, lang);
  if (f.block.kind === 'penalty') return lang === 'vi' ? `điểm trừ, tối đa −${cap}` : `penalty, at most −${cap}`;
  const where = f.block.withinMax
    ? lang === 'vi'
      ? 'trong tổng điểm tối đa'
      : 'inside the maximum'
    : lang === 'vi'
      ? 'ngoài tổng điểm tối đa'
      : 'outside the maximum';
  return lang === 'vi' ? `điểm thưởng, tối đa +${cap}, ${where}` : `bonus, at most +${cap}, ${where}`;
}

/**
 * Header and rows of the ranked table: rank, unit, one column per field, total, max, index, band.
 *
 * @example `tableRows(rank(cards, set.ranking), 'vi').rows[0] // ['1/11', 'Như Quỳnh', '12,00', …, 'Xuất sắc']`
 */
export function tableRows(
  ranking: Ranking,
  lang: Lang,
): {
  /** The column headings. */
  header: string[];
  /** One row of cells per card. */
  rows: string[][];
} {
  const first = ranking.rows[0]?.card;
  const fields = first?.fields ?? [];
  const header = [
    L('rank', lang),
    L('unit', lang),
    ...fields.map((f) => f.id),
    L('total', lang),
    L('max', lang),
    L('index', lang),
    L('band', lang),
  ];
  const rows = ranking.rows.map(({ card: c, rankOf }) => {
    const p = c.criteria.precision;
    return [
      rankOf ?? '—',
      c.unit.name,
      ...c.fields.map((f) => num(f.points, p, lang)),
      num(c.total, p, lang),
      num(c.max, p, lang),
      num(c.index, c.criteria.indexPrecision, lang),
      c.band ? (lang === 'en' && c.band.labelEn ? c.band.labelEn : c.band.label) : '—',
    ];
  });
  return { header, rows };
}

/**
 * The ranked table as aligned text for a terminal.
 * @example console.log(renderTable(rank(cards, set.ranking), 'vi'))
 */
export function renderTable(ranking: Ranking, lang: Lang = 'vi'): string {
  const { header, rows } = tableRows(ranking, lang);
  const all = [header, ...rows];
  const width = header.map((_, i) => maxOf([...all.map((r) => [...(r[i] ?? '')].length)]));
  const numeric = (i: number) => i >= 2 && i < header.length - 1;
  const line = (r: string[]) =>
    r
      .map((c, i) => (numeric(i) || i === 0 ? c.padStart(width[i]!) : c.padEnd(width[i]!)))
      .join('  ')
      .trimEnd();
  const sep = width.map((w) => '─'.repeat(w)).join('  ');
  const c0 = ranking.rows[0]?.card;
  const legend = (c0?.fields ?? []).map((f) => `${f.id}: ${f.title} (${fieldMax(f, c0!.criteria.precision, lang)})`).join('\n');
  return [line(header), sep, ...rows.map(line), '', legend].join('\n');
}

/**
 * The ranked table as a Markdown table.
 *
 * @example `renderTableMarkdown(rank(cards, set.ranking), 'en').split('\n')[0] // "| Rank | Unit | 1 | 2 | … | Band |"`
 */
export function renderTableMarkdown(ranking: Ranking, lang: Lang = 'vi'): string {
  const { header, rows } = tableRows(ranking, lang);
  const esc = mdText;
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `|${header.map((_, i) => (i >= 2 && i < header.length - 1 ? ' ---: ' : ' --- ')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

/** A number as written in a cell: sign, digits, "." or "," separators, exponent, percent. Such cells stay numbers. */
const NUMBER_TEXT = /^[+-]?(?:\d[\d.,]*|[.,]\d+)(?:[eE][+-]?\d+)?%?$/;

/**
 * One CSV cell, the one function every CSV writer uses: empty for null, numbers as they are, and text quoted
 * (RFC 4180). Text that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read by spreadsheets as a
 * formula (CSV injection), so it is prefixed with `'` (the OWASP rule), unless it is a number such as `-1,5`.
 */
export function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !NUMBER_TEXT.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The ranked table as CSV (comma-separated, "." decimals so spreadsheets in any locale read numbers; a
 * UTF-8 BOM is left to the writer).
 *
 * @example `writeFileSync('xep-hang.csv', '\uFEFF' + renderCsv(rank(cards, set.ranking)))`
 */
export function renderCsv(ranking: Ranking): string {
  const fields = ranking.rows[0]?.card.fields ?? [];
  const header = ['rank', 'unit_id', 'unit_name', ...fields.map((f) => `field_${f.id}`), 'total', 'max', 'index', 'band'];
  const rows = ranking.rows.map(({ card: c, rank }) => [
    rank === null ? '' : String(rank),
    c.unit.id,
    c.unit.name,
    ...c.fields.map((f) => num(f.points, c.criteria.precision, 'en')),
    num(c.total, c.criteria.precision, 'en'),
    num(c.max, c.criteria.precision, 'en'),
    c.index === null ? '' : num(c.index, c.criteria.indexPrecision, 'en'),
    c.band?.id ?? '',
  ]);
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}
