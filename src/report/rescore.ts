/**
 * A re-scoring (`rescore` of `src/versions/rescore.ts`) as a Markdown report — summary table, field changes,
 * causes per unit, notes — or as JSON.
 * @module
 */
import type { Lang } from '../core/errors.js';
import { num } from '../core/text.js';
import type { LeafCause, Rescore, RescoreSide } from '../versions/rescore.js';
import { mdText, numText, statusText } from './format.js';
import { pushAll } from '../core/lists.js';

function signed(x: number | null, decimals: number, lang: Lang): string {
  if (x === null) return '—';
  if (x === 0) return num(0, decimals, lang);
  return `${x > 0 ? '+' : '−'}${num(Math.abs(x), decimals, lang)}`;
}

/** Names, titles, ids and messages are the files' text: escaped wherever the Markdown writes them. */
const esc = mdText;

function bandOf(s: RescoreSide, lang: Lang): string {
  return s.band ? (lang === 'en' && s.band.labelEn ? s.band.labelEn : s.band.label) : '—';
}

function leafCell(x: LeafCause['a'], lang: Lang): string {
  if (!x) return '—';
  const st = x.status === 'scored' ? '' : ` (${statusText(x.status, lang)})`;
  return `${numText(x.points, lang)}/${numText(x.max, lang)}${st}`;
}

const KINDS_VI: Record<string, string> = {
  added: 'thêm',
  removed: 'bỏ',
  moved: 'chuyển',
  points: 'điểm tối đa',
  rule: 'quy tắc',
  title: 'tên',
  legal: 'căn cứ',
  block: 'khối điểm',
  applicability: 'điều kiện áp dụng',
  notes: 'ghi chú',
  provenance: 'nguồn gốc',
};
const KINDS_EN: Record<string, string> = {
  added: 'added',
  removed: 'removed',
  moved: 'moved',
  points: 'points',
  rule: 'rule',
  title: 'title',
  legal: 'legal basis',
  block: 'block',
  applicability: 'applicability',
  notes: 'notes',
  provenance: 'provenance',
};

/**
 * The re-scoring as a Markdown report (summary table, field changes, causes per unit, notes) or as JSON.
 *
 * @example
 * ```ts
 * writeFileSync('rescore.md', renderRescore(rescore(a, b, evidence), 'en'));
 * ```
 */
export function renderRescore(r: Rescore, lang: Lang = 'vi', format: 'md' | 'json' = 'md'): string {
  if (format === 'json') return `${JSON.stringify(r, null, 2)}\n`;
  const vi = lang === 'vi';
  const p = 2;
  const out: string[] = [];
  out.push(
    `# ${vi ? `Chấm lại minh chứng năm ${r.evidence.year} theo hai phiên bản bộ tiêu chí` : `Re-scoring the ${r.evidence.year} evidence under two versions of the criteria`}`,
    '',
  );
  const setLine = (k: 'a' | 'b') =>
    `- **${k.toUpperCase()}**: ${esc(`${r[k].id} ${r[k].version}`)} — ${vi ? 'Quyết định' : 'Decision'} ${esc(`${r[k].decision.number} (${r[k].decision.date})`)} — \`${r[k].hash}\``;
  out.push(
    setLine('a'),
    setLine('b'),
    `- **${vi ? 'Minh chứng' : 'Evidence'}**: ${vi ? 'năm' : 'year'} ${r.evidence.year} — \`${r.evidence.hash}\``,
  );
  const kinds = Object.entries(r.diff.counts).filter(([, n]) => n > 0);
  out.push(
    `- **${vi ? 'Bộ tiêu chí thay đổi' : 'Criteria changes'}**: ${kinds.map(([k, n]) => `${(vi ? KINDS_VI : KINDS_EN)[k]} ${n}`).join(', ') || (vi ? 'không' : 'none')}${r.diff.set.length ? `; ${vi ? 'cấp bộ tiêu chí' : 'set level'}: ${esc(r.diff.set.map((s) => s.key).join(', '))}` : ''}`,
    '',
  );
  out.push(vi ? 'Δ = B − A. Hạng: số bậc tăng (+) hoặc giảm (−) theo B.' : 'Δ = B − A. Rank: places gained (+) or lost (−) under B.', '');

  out.push(`## ${vi ? 'Tổng hợp' : 'Summary'}`, '');
  out.push(
    vi
      ? '| Hạng B | Đơn vị | Chỉ số A | Chỉ số B | Δ chỉ số | Hạng A | Δ hạng | Xếp loại A → B |'
      : '| Rank B | Unit | Index A | Index B | Δ index | Rank A | Δ rank | Band A → B |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |',
  );
  for (const u of r.units) {
    const bandA = bandOf(u.a, lang);
    const bandB = bandOf(u.b, lang);
    out.push(
      `| ${u.b.rankOf ?? '—'} | ${esc(u.unit.name)} | ${num(u.a.index, p, lang)} | ${num(u.b.index, p, lang)} | ${signed(u.delta.index, p, lang)} | ${u.a.rankOf ?? '—'} | ${u.delta.rank === null ? '—' : u.delta.rank === 0 ? '0' : `${u.delta.rank > 0 ? '+' : '−'}${Math.abs(u.delta.rank)}`} | ${bandA === bandB ? esc(bandA) : `${esc(bandA)} → ${esc(bandB)}`} |`,
    );
  }
  out.push('');

  const fieldIds = r.units[0]?.fields.map((f) => f.id) ?? [];
  if (fieldIds.length) {
    out.push(`## ${vi ? 'Thay đổi điểm theo lĩnh vực (Δ)' : 'Change in points by field (Δ)'}`, '');
    out.push(
      `| ${vi ? 'Đơn vị' : 'Unit'} | ${fieldIds.map(esc).join(' | ')} | ${vi ? 'Tổng điểm' : 'Total'} | ${vi ? 'Điểm tối đa' : 'Max'} |`,
      `| --- |${fieldIds.map(() => ' ---: |').join('')} ---: | ---: |`,
    );
    for (const u of r.units)
      out.push(
        `| ${esc(u.unit.name)} | ${u.fields.map((f) => signed(f.delta, p, lang)).join(' | ')} | ${signed(u.delta.total, p, lang)} | ${signed(u.delta.max, p, lang)} |`,
      );
    const first = r.units[0]!;
    out.push(
      '',
      first.fields
        .map(
          (f) =>
            `${esc(`${f.id}: ${f.title}`)}${f.a === null ? (vi ? ' (chỉ có ở B)' : ' (only in B)') : f.b === null ? (vi ? ' (chỉ có ở A)' : ' (only in A)') : ''}`,
        )
        .join('; '),
      '',
    );
  }

  out.push(`## ${vi ? 'Nguyên nhân theo đơn vị (tiêu chí lá)' : 'Causes by unit (leaves)'}`, '');
  for (const u of r.units) {
    out.push(
      `### ${u.b.rankOf ?? '—'} ${esc(u.unit.name)} — ${num(u.a.index, p, lang)} → ${num(u.b.index, p, lang)} (${signed(u.delta.index, p, lang)})`,
      '',
    );
    out.push(
      vi
        ? `Tổng điểm ${num(u.a.total, p, lang)} → ${num(u.b.total, p, lang)} (${signed(u.delta.total, p, lang)}); điểm tối đa áp dụng ${num(u.a.max, p, lang)} → ${num(u.b.max, p, lang)}.`
        : `Total ${num(u.a.total, p, lang)} → ${num(u.b.total, p, lang)} (${signed(u.delta.total, p, lang)}); applicable max ${num(u.a.max, p, lang)} → ${num(u.b.max, p, lang)}.`,
      '',
    );
    if (u.causes.length === 0) out.push(vi ? 'Không tiêu chí lá nào thay đổi.' : 'No leaf changed.', '');
    else {
      out.push(
        vi
          ? '| Tiêu chí | Tên | A (điểm/tối đa) | B (điểm/tối đa) | Δ | Ghi chú |'
          : '| Leaf | Title | A (points/max) | B (points/max) | Δ | Note |',
        '| --- | --- | ---: | ---: | ---: | --- |',
      );
      for (const c of u.causes) {
        const noteText =
          c.presence === 'only-a'
            ? vi
              ? 'chỉ có ở A'
              : 'only in A'
            : c.presence === 'only-b'
              ? vi
                ? 'chỉ có ở B'
                : 'only in B'
              : c.fromId
                ? vi
                  ? `mã cũ ${esc(c.fromId)}`
                  : `was ${esc(c.fromId)}`
                : '';
        out.push(
          `| ${esc(c.id)} | ${esc(c.title)} | ${leafCell(c.a, lang)} | ${leafCell(c.b, lang)} | ${signed(c.delta, p, lang)} | ${noteText} |`,
        );
      }
      out.push('');
    }
    if (u.residual !== 0)
      out.push(
        vi
          ? `Phần thay đổi không quy về tiêu chí lá (mức trần khối điểm thưởng/trừ, làm tròn ở cấp cao hơn): ${signed(u.residual, p, lang)}.`
          : `Change not explained by leaves (bonus/penalty caps, rounding above the leaves): ${signed(u.residual, p, lang)}.`,
        '',
      );
  }

  const notes = r.notes;
  const warn = (k: 'a' | 'b') =>
    r.warnings[k].map(
      (w) => `- ${k.toUpperCase()}: [${w.code}] ${esc(vi ? w.messageVi : w.message)} — ${w.units.length} ${vi ? 'đơn vị' : 'unit(s)'}`,
    );
  const wl = [...warn('a'), ...warn('b')];
  if (notes.length || wl.length) {
    out.push(`## ${vi ? 'Ghi chú' : 'Notes'}`, '');
    for (const n of notes) out.push(`- [${n.code}] ${esc(vi ? n.messageVi : n.message)}`);
    pushAll(out, [...wl, '']);
  }
  return `${out.join('\n').trimEnd()}\n`;
}
