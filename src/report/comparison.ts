/**
 * A year-over-year comparison as an aligned text table or Markdown, in Vietnamese or English (JSON is the
 * comparison itself).
 * @module
 */
import type { Lang } from '../core/errors.js';
import type { Comparison, UnitChange, UnitSide } from '../ranking/compare-result.js';
import { mdText, plainNum as n } from './format.js';
import { alignedTable as table } from './text-table.js';

const MATCH: Record<string, [string, string]> = {
  same: ['giữ nguyên', 'same'],
  renamed: ['đổi tên', 'renamed'],
  merged: ['sáp nhập', 'merged'],
  split: ['chia tách', 'split'],
};

/**
 * How a unit's earlier values were formed, in words: one predecessor, the mean, the weighted mean (and what the
 * weights count), or not compared. Shared with the re-scoring report.
 */
export function basisText(
  u: Pick<UnitChange, 'basis' | 'baseline' | 'weights'>,
  lang: Lang,
  n: (x: number) => string = (x) => String(x),
): string {
  const vi = lang === 'vi';
  switch (u.basis) {
    case 'unit':
      return u.baseline !== undefined
        ? vi
          ? `theo một đơn vị: ${u.baseline}`
          : `one predecessor: ${u.baseline}`
        : vi
          ? 'cùng đơn vị'
          : 'same unit';
    case 'mean':
      return vi ? 'trung bình cộng' : 'mean';
    case 'weighted-mean': {
      const ws = (u.weights?.units ?? []).map((w) => `${w.id} ${n(w.weight)}`).join(', ');
      return vi ? `bình quân gia quyền theo ${u.weights?.of.vi ?? ''} (${ws})` : `mean weighted by ${u.weights?.of.en ?? ''} (${ws})`;
    }
    case 'none':
      return vi ? 'không so sánh' : 'not compared';
  }
}

const SHORT: Record<UnitChange['basis'], [string, string]> = {
  unit: ['', ''],
  mean: [' (trung bình)', ' (mean)'],
  'weighted-mean': [' (bình quân gia quyền)', ' (weighted mean)'],
  none: [' (không so sánh)', ' (not compared)'],
};

/**
 * A comparison as an aligned text table (`md: false`) or Markdown: one row per matched unit (index, rank and band
 * before → after, and each field's change), then the units without a match, notes and warnings.
 *
 * @example console.log(renderComparison(compareYears(a, b, map), 'vi'))
 */
export function renderComparison(c: Comparison, lang: Lang = 'vi', md = false): string {
  const vi = lang === 'vi';
  const fields = c.fieldMatch.both.concat(c.fieldMatch.afterOnly, c.fieldMatch.beforeOnly);
  const header = [
    vi ? 'Đơn vị' : 'Unit',
    vi ? 'Đối chiếu' : 'Match',
    vi ? `Chỉ số ${c.before.year}` : `Index ${c.before.year}`,
    vi ? `Chỉ số ${c.after.year}` : `Index ${c.after.year}`,
    'Δ',
    vi ? 'Hạng' : 'Rank',
    vi ? 'Δ hạng' : 'Δ rank',
    vi ? 'Xếp loại' : 'Band',
    ...fields.map((f) => `Δ${f}`),
  ];
  const rows = c.changes.map((u) => [
    u.after.name + (u.match !== 'same' ? ` ← ${u.before.map((b) => b.name).join(' + ')}` : ''),
    MATCH[u.match]![vi ? 0 : 1] + (u.basis === 'unit' && u.baseline !== undefined ? ` (${u.baseline})` : SHORT[u.basis][vi ? 0 : 1]),
    n(u.index.before, lang),
    n(u.index.after, lang),
    n(u.index.change, lang, true),
    `${u.rank.beforeOf ?? '—'} → ${u.rank.afterOf ?? '—'}`,
    n(u.rank.change, lang, true),
    `${u.band.before ?? '—'} → ${u.band.after ?? '—'}`,
    ...fields.map((id) => {
      const f = u.fields.find((x) => x.id === id);
      return f
        ? f.change === null
          ? u.basis === 'none'
            ? '—'
            : f.match === 'before-only'
              ? vi
                ? 'bỏ'
                : 'gone'
              : vi
                ? 'mới'
                : 'new'
          : n(f.change, lang, true)
        : '';
    }),
  ]);
  const out = [table(header, rows, md, (i) => i >= 2 && i !== 5 && i !== 7)];
  // Names, ids, notes and warnings quote the score files and the unit map: escaped in Markdown.
  const e = md ? mdText : (s: string) => s;
  const list = (title: string, units: readonly UnitSide[]) => {
    if (!units.length) return;
    out.push('', md ? `**${title}**` : title);
    for (const u of units) out.push(`- ${e(`${u.name} (${u.id}): ${vi ? 'chỉ số' : 'index'} ${n(u.index, lang)}, ${u.rankOf ?? '—'}`)}`);
  };
  // The basis of every unit formed from several: what its "before" is, as the map declares it.
  const formed = c.changes.filter((u) => u.before.length > 1 || u.basis === 'none');
  if (formed.length) {
    out.push('', md ? `**${vi ? 'Cơ sở so sánh' : 'Basis of comparison'}**` : vi ? 'Cơ sở so sánh:' : 'Basis of comparison:');
    for (const u of formed)
      out.push(
        `- ${e(`${u.after.name} (${u.after.id}) ← ${u.before.map((b) => b.id).join(' + ')}: ${basisText(u, lang, (x) => n(x, lang))}`)}`,
      );
  }
  list(vi ? `Chỉ có năm ${c.before.year} (không có đơn vị tương ứng):` : `Only in ${c.before.year} (no match):`, c.beforeOnly);
  list(vi ? `Chỉ có năm ${c.after.year} (không có đơn vị tương ứng):` : `Only in ${c.after.year} (no match):`, c.afterOnly);
  if (c.fieldMatch.maxChanged.length || c.fieldMatch.beforeOnly.length || c.fieldMatch.afterOnly.length) {
    out.push(
      '',
      e(
        vi
          ? `Lĩnh vực đổi điểm tối đa: ${c.fieldMatch.maxChanged.join(', ') || '—'}; chỉ năm trước: ${c.fieldMatch.beforeOnly.join(', ') || '—'}; chỉ năm sau: ${c.fieldMatch.afterOnly.join(', ') || '—'}.`
          : `Fields whose maximum changed: ${c.fieldMatch.maxChanged.join(', ') || '—'}; earlier year only: ${c.fieldMatch.beforeOnly.join(', ') || '—'}; later year only: ${c.fieldMatch.afterOnly.join(', ') || '—'}.`,
      ),
    );
  }
  for (const note of c.notes) out.push('', e(note[lang]));
  for (const w of c.warnings) out.push('', `${vi ? 'Cảnh báo' : 'Warning'}: ${e(vi ? w.messageVi : w.message)}`);
  return `${out.join('\n')}\n`;
}
