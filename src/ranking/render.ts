/**
 * Text and Markdown layouts of a year-over-year comparison and of a rank-uncertainty result, in Vietnamese or
 * English (JSON is the result itself). Kept beside the analyses they lay out; they read results only.
 * @module
 */
import type { Lang } from '../core/errors.js';
import type { Comparison, UnitSide } from './compare.js';
import type { UncertaintyResult } from './uncertainty.js';

function n(x: number | null, lang: Lang, sign = false): string {
  if (x === null) return '—';
  const s = sign && x > 0 ? `+${x}` : String(x);
  return lang === 'vi' ? s.replace('.', ',') : s;
}

function table(header: string[], rows: string[][], md: boolean, numeric: (i: number) => boolean): string {
  if (md) {
    const esc = (s: string) => s.replace(/\|/g, '\\|');
    return [`| ${header.map(esc).join(' | ')} |`, `|${header.map((_, i) => (numeric(i) ? ' ---: ' : ' --- ')).join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
  }
  const all = [header, ...rows];
  const width = header.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: string[]) => r.map((c, i) => (numeric(i) ? c.padStart(width[i]!) : c.padEnd(width[i]!))).join('  ').trimEnd();
  return [line(header), width.map((x) => '─'.repeat(x)).join('  '), ...rows.map(line)].join('\n');
}

const MATCH: Record<string, [string, string]> = { same: ['giữ nguyên', 'same'], renamed: ['đổi tên', 'renamed'], merged: ['sáp nhập', 'merged'], split: ['chia tách', 'split'] };

/**
 * A comparison as an aligned text table (`md: false`) or Markdown: one row per matched unit (index, rank and band
 * before → after, and each field's change), then the units without a match, notes and warnings.
 *
 * @example console.log(renderComparison(compareYears(a, b, map), 'vi'))
 */
export function renderComparison(c: Comparison, lang: Lang = 'vi', md = false): string {
  const vi = lang === 'vi';
  const fields = c.fieldMatch.both.concat(c.fieldMatch.afterOnly, c.fieldMatch.beforeOnly);
  const header = [vi ? 'Đơn vị' : 'Unit', vi ? 'Đối chiếu' : 'Match', vi ? `Chỉ số ${c.before.year}` : `Index ${c.before.year}`, vi ? `Chỉ số ${c.after.year}` : `Index ${c.after.year}`, 'Δ', vi ? 'Hạng' : 'Rank', vi ? 'Δ hạng' : 'Δ rank', vi ? 'Xếp loại' : 'Band', ...fields.map((f) => `Δ${f}`)];
  const rows = c.changes.map((u) => [
    u.after.name + (u.match !== 'same' ? ` ← ${u.before.map((b) => b.name).join(' + ')}` : ''),
    MATCH[u.match]![vi ? 0 : 1]! + (u.basis === 'mean' ? (vi ? ' (trung bình)' : ' (mean)') : ''),
    n(u.index.before, lang),
    n(u.index.after, lang),
    n(u.index.change, lang, true),
    `${u.rank.beforeOf ?? '—'} → ${u.rank.afterOf ?? '—'}`,
    n(u.rank.change, lang, true),
    `${u.band.before ?? '—'} → ${u.band.after ?? '—'}`,
    ...fields.map((id) => {
      const f = u.fields.find((x) => x.id === id);
      return f ? (f.change === null ? (f.match === 'before-only' ? (vi ? 'bỏ' : 'gone') : vi ? 'mới' : 'new') : n(f.change, lang, true)) : '';
    }),
  ]);
  const out = [table(header, rows, md, (i) => i >= 2 && i !== 5 && i !== 7)];
  const list = (title: string, units: readonly UnitSide[]) => {
    if (!units.length) return;
    out.push('', md ? `**${title}**` : title);
    for (const u of units) out.push(`- ${u.name} (${u.id}): ${vi ? 'chỉ số' : 'index'} ${n(u.index, lang)}, ${u.rankOf ?? '—'}`);
  };
  list(vi ? `Chỉ có năm ${c.before.year} (không có đơn vị tương ứng):` : `Only in ${c.before.year} (no match):`, c.beforeOnly);
  list(vi ? `Chỉ có năm ${c.after.year} (không có đơn vị tương ứng):` : `Only in ${c.after.year} (no match):`, c.afterOnly);
  if (c.fieldMatch.maxChanged.length || c.fieldMatch.beforeOnly.length || c.fieldMatch.afterOnly.length) {
    out.push('', vi ? `Lĩnh vực đổi điểm tối đa: ${c.fieldMatch.maxChanged.join(', ') || '—'}; chỉ năm trước: ${c.fieldMatch.beforeOnly.join(', ') || '—'}; chỉ năm sau: ${c.fieldMatch.afterOnly.join(', ') || '—'}.` : `Fields whose maximum changed: ${c.fieldMatch.maxChanged.join(', ') || '—'}; earlier year only: ${c.fieldMatch.beforeOnly.join(', ') || '—'}; later year only: ${c.fieldMatch.afterOnly.join(', ') || '—'}.`);
  }
  for (const note of c.notes) out.push('', note[lang]);
  for (const w of c.warnings) out.push('', `${vi ? 'Cảnh báo' : 'Warning'}: ${vi ? w.messageVi : w.message}`);
  return `${out.join('\n')}\n`;
}

/**
 * An uncertainty result as an aligned text table or Markdown: each unit's plain rank, index, median rank, 5–95 %
 * interval, mean and the fields that move it most.
 *
 * @example console.log(renderUncertainty(rankUncertainty(set, evidence, spec, { seed: 1 }), 'en'))
 */
export function renderUncertainty(r: UncertaintyResult, lang: Lang = 'vi', md = false): string {
  const vi = lang === 'vi';
  const header = [vi ? 'Hạng' : 'Rank', vi ? 'Đơn vị' : 'Unit', vi ? 'Chỉ số' : 'Index', vi ? 'Trung vị' : 'Median', '5–95 %', vi ? 'Trung bình' : 'Mean', vi ? 'Lĩnh vực tác động nhiều nhất (tương quan)' : 'Fields moving it most (correlation)'];
  const rows = r.units.map((u) => [u.rankOf ?? '—', u.name + (r.groupBy ? ` [${u.group}]` : ''), n(u.index, lang), n(u.median, lang), u.p05 === null ? '—' : `${u.p05}–${u.p95}`, n(u.mean, lang), u.drivers.filter((d) => d.share > 0).slice(0, 3).map((d) => `${d.field} (${n(d.corr, lang, true)})`).join(', ') || '—'].map(String));
  const out = [
    vi ? `${r.draws} lần rút, hạt giống ${r.seed}, ${r.evaluations} lần chấm điểm; trọng số: ${r.weights.filter((x) => x.high > x.low).map((x) => `${x.field} [${n(x.low, lang)}; ${n(x.high, lang)}]`).join(', ') || 'cố định'}` : `${r.draws} draws, seed ${r.seed}, ${r.evaluations} evaluation(s); weights: ${r.weights.filter((x) => x.high > x.low).map((x) => `${x.field} [${x.low}, ${x.high}]`).join(', ') || 'fixed'}`,
    ...Object.entries(r.options).map(([k, v]) => `${k}: ${v.join(', ')}`),
    '',
    table(header, rows, md, (i) => i === 0 || (i >= 2 && i <= 5)),
    '',
    vi ? 'Khoảng 5–95 %: phân vị theo thứ hạng gần nhất; tương quan dương: tăng trọng số lĩnh vực làm thứ hạng kém đi.' : '5–95 %: nearest-rank percentiles; a positive correlation means more weight on the field gives a worse rank.',
  ];
  return `${out.join('\n')}\n`;
}
