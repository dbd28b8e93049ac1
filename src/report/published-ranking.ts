/**
 * A ranked published table (bảng xếp hạng từ bảng công bố) as aligned text, Markdown or CSV: rank, unit, the
 * figure ranked as printed, and the rank the table prints beside it.
 * @module
 */
import type { Lang } from '../core/errors.js';
import type { PublishedRanking } from '../verify/rank-published.js';
import { alignedTable } from './text-table.js';
import { csvCell } from './table.js';

const H = {
  rank: { vi: 'Hạng', en: 'Rank' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  group: { vi: 'Nhóm', en: 'Group' },
  index: { vi: 'Chỉ số', en: 'Index' },
  total: { vi: 'Tổng điểm', en: 'Total' },
  printed: { vi: 'Hạng in', en: 'Printed rank' },
  row: { vi: 'Dòng', en: 'Row' },
  notes: { vi: 'Ghi chú', en: 'Notes' },
  rule: { vi: 'Quy tắc', en: 'Rule' },
  order: { vi: 'thứ tự công bố', en: 'published order' },
} as const;

function ruleText(r: PublishedRanking, lang: Lang): string {
  const keys = r.rule.tieBreak.map((k) => (k.by === 'node' ? `node:${k.id}${k.order === 'asc' ? ':asc' : ''}` : k.by));
  if (r.rule.publishedOrder) keys.push(H.order[lang]);
  return `${H.rule[lang]}: ${r.rule.method}, ${r.rule.on}, ${r.by}${keys.length ? `; tie-break ${keys.join(', ')}` : ''}${r.groupBy ? `; ${r.groupBy}` : ''}`;
}

/**
 * The ranked published table as aligned text (`md: false`) or a Markdown table, with the rule applied and the
 * notes (units not ranked…) below it.
 *
 * @example console.log(renderPublishedRanking(rankPublished(decision), 'en'))
 */
export function renderPublishedRanking(r: PublishedRanking, lang: Lang = 'vi', md = false): string {
  const grouped = r.groupBy !== null;
  const header = [
    H.rank[lang],
    H.unit[lang],
    ...(grouped ? [H.group[lang]] : []),
    (r.by === 'index' ? H.index : H.total)[lang],
    H.printed[lang],
    H.row[lang],
  ];
  const rows = r.rows.map((x) => [
    x.rankOf ?? '—',
    x.unit,
    ...(grouped ? [x.group ?? ''] : []),
    x.value?.text ?? '—',
    x.printedRank?.text ?? '',
    String(x.row),
  ]);
  const first = grouped ? 3 : 2;
  const table = alignedTable(header, rows, md, (i) => i === 0 || i >= first);
  const notes = r.notes.map((n) => `${md ? '- ' : '  '}${n[lang]}`);
  return [table, '', ruleText(r, lang), ...(notes.length ? [`${H.notes[lang]}:`, ...notes] : []), ''].join('\n');
}

/**
 * The ranked published table as CSV (comma-separated, "." decimals): rank, rank_of, unit_id, unit_name, group,
 * the figure ranked (as a number), the printed rank, the row.
 *
 * @example writeFileSync('xep-hang.csv', '\uFEFF' + renderPublishedRankingCsv(rankPublished(decision)))
 */
export function renderPublishedRankingCsv(r: PublishedRanking): string {
  const header = ['rank', 'rank_of', 'unit_id', 'unit_name', 'group', r.by, 'printed_rank', 'row'];
  const rows = r.rows.map((x) => [
    x.rank,
    x.rankOf,
    x.unitId ?? '',
    x.unit,
    x.group ?? '',
    x.value ? x.value.value : null,
    x.printedRank?.text ?? '',
    x.row,
  ]);
  return `${[header, ...rows].map((row) => row.map((c) => csvCell(c)).join(',')).join('\n')}\n`;
}
