/**
 * A rank-uncertainty result as an aligned text table or Markdown, in Vietnamese or English (JSON is the result
 * itself).
 * @module
 */
import type { Lang } from '../core/errors.js';
import type { UncertaintyResult } from '../ranking/uncertainty-result.js';
import { mdText, plainNum as n } from './format.js';
import { alignedTable as table } from './text-table.js';

/**
 * An uncertainty result as an aligned text table or Markdown: each unit's plain rank, index, median rank, 5–95 %
 * interval, mean and the fields that move it most.
 *
 * @example console.log(renderUncertainty(rankUncertainty(set, evidence, spec, { seed: 1 }), 'en'))
 */
export function renderUncertainty(r: UncertaintyResult, lang: Lang = 'vi', md = false): string {
  const vi = lang === 'vi';
  const header = [
    vi ? 'Hạng' : 'Rank',
    vi ? 'Đơn vị' : 'Unit',
    vi ? 'Chỉ số' : 'Index',
    vi ? 'Trung vị' : 'Median',
    '5–95 %',
    vi ? 'Trung bình' : 'Mean',
    vi ? 'Lĩnh vực tác động nhiều nhất (tương quan)' : 'Fields moving it most (correlation)',
  ];
  const rows = r.units.map((u) =>
    [
      u.rankOf ?? '—',
      u.name + (r.groupBy ? ` [${u.group}]` : ''),
      n(u.index, lang),
      n(u.median, lang),
      u.p05 === null ? '—' : `${u.p05}–${u.p95}`,
      n(u.mean, lang),
      u.drivers
        .filter((d) => d.share > 0)
        .slice(0, 3)
        .map((d) => `${d.field} (${n(d.corr, lang, true)})`)
        .join(', ') || '—',
    ].map(String),
  );
  // Field ids and spec option values come from the spec file: escaped in Markdown (table cells are by the table).
  const e = md ? mdText : (x: string) => x;
  const out = [
    vi
      ? `${r.draws} lần rút, hạt giống ${r.seed}, ${r.evaluations} lần chấm điểm; trọng số: ${
          r.weights
            .filter((x) => x.high > x.low)
            .map((x) => `${e(x.field)} [${n(x.low, lang)}; ${n(x.high, lang)}]`)
            .join(', ') || 'cố định'
        }`
      : `${r.draws} draws, seed ${r.seed}, ${r.evaluations} evaluation(s); weights: ${
          r.weights
            .filter((x) => x.high > x.low)
            .map((x) => `${e(x.field)} [${x.low}, ${x.high}]`)
            .join(', ') || 'fixed'
        }`,
    ...Object.entries(r.options).map(([k, v]) => e(`${k}: ${v.join(', ')}`)),
    '',
    table(header, rows, md, (i) => i === 0 || (i >= 2 && i <= 5)),
    '',
    vi
      ? 'Khoảng 5–95 %: phân vị theo thứ hạng gần nhất; tương quan dương: tăng trọng số lĩnh vực làm thứ hạng kém đi.'
      : '5–95 %: nearest-rank percentiles; a positive correlation means more weight on the field gives a worse rank.',
  ];
  return `${out.join('\n')}\n`;
}
