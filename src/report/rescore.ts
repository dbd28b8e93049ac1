/**
 * A re-scoring (`rescore` of `src/versions/rescore.ts`) as a Markdown report — summary table, field changes,
 * causes per unit, notes — or as JSON.
 * @module
 */
import type { Lang } from '../core/errors.js';
import { num } from '../core/text.js';
import type { LeafCause, Rescore, RescoreSide } from '../versions/rescore.js';
import { basisText } from './comparison.js';
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
  printedId: 'printed number',
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

  if (r.merged && r.merged.length) {
    out.push(
      `## ${vi ? 'Đơn vị sau sáp nhập (theo bảng đối chiếu đơn vị)' : 'Merged units (from the unit map)'}`,
      '',
      vi
        ? 'Kết quả của các đơn vị trước sáp nhập được gộp theo cách bảng đối chiếu khai báo, theo từng phiên bản, để đặt cạnh kết quả của đơn vị mới.'
        : "The predecessors' results are combined as the unit map declares, under each version, to be set beside the new unit's own results.",
      '',
    );
    for (const m of r.merged) {
      out.push(`### ${esc(`${m.unit.name} (${m.unit.id}) ← ${m.from.map((f) => f.id).join(' + ')}`)}`, '');
      out.push(
        `${vi ? 'Cơ sở' : 'Basis'}: ${esc(basisText(m, lang, (x) => numText(x, lang)))}. ${vi ? 'Quyết định' : 'Decision'}: ${esc(`${m.decision.number}, ${m.decision.date}`)}.${m.missing.length ? ` ${vi ? 'Không có trong minh chứng' : 'Not in the evidence'}: ${esc(m.missing.join(', '))}.` : ''}`,
        '',
      );
      // A unit not compared still shows its predecessors' fields, with no combined row values.
      const fids = (m.fields.length ? m.fields : (r.units.find((x) => x.unit.id === m.from[0]?.id)?.fields ?? [])).map((f) => f.id);
      out.push(
        `| ${vi ? 'Đơn vị' : 'Unit'} | ${vi ? 'Chỉ số A' : 'Index A'} | ${vi ? 'Chỉ số B' : 'Index B'} | Δ | ${fids.map((id) => `${esc(id)} (A → B)`).join(' | ')}${fids.length ? ' |' : ''}`,
        `| --- | ---: | ---: | ---: |${fids.map(() => ' ---: |').join('')}`,
      );
      for (const f of m.from) {
        const u = r.units.find((x) => x.unit.id === f.id);
        const cells = fids.map((id) => {
          const x = u?.fields.find((y) => y.id === id);
          return x ? `${num(x.a, p, lang)} → ${num(x.b, p, lang)}` : '—';
        });
        out.push(
          `| ${esc(f.name)} | ${num(f.a.index, p, lang)} | ${num(f.b.index, p, lang)} | ${signed(f.a.index === null || f.b.index === null ? null : u!.delta.index, p, lang)} |${cells.map((c) => ` ${c} |`).join('')}`,
        );
      }
      const combined = vi
        ? m.basis === 'none'
          ? '**Không so sánh**'
          : '**Gộp**'
        : m.basis === 'none'
          ? '**Not compared**'
          : '**Combined**';
      out.push(
        `| ${combined} | ${num(m.index.a, p, lang)} | ${num(m.index.b, p, lang)} | ${signed(m.index.delta, p, lang)} |${fids
          .map((id) => {
            const f = m.fields.find((x) => x.id === id);
            return f ? ` ${num(f.a, p, lang)} → ${num(f.b, p, lang)} |` : ' — |';
          })
          .join('')}`,
        '',
      );
    }
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
