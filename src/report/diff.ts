/**
 * A criteria diff (`diff` of `src/criteria/diff.ts`) as a readable report: text for a terminal, Markdown or JSON, in Vietnamese or
 * English; and the words for one node-level or set-level change.
 * @module
 */
import type { Lang } from '../core/errors.js';
import type { CriteriaDiff, NodeDiff, NodeDiffKind, SetDiff, SetRef } from '../criteria/diff.js';
import { mdText, numText } from './format.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function where(p: { parent: string | null; position: number }, lang: Lang): string {
  const parent = p.parent === null ? (lang === 'vi' ? 'cấp lĩnh vực' : 'top level') : p.parent;
  return lang === 'vi' ? `${parent}, vị trí ${p.position + 1}` : `${parent}, position ${p.position + 1}`;
}

function bandRows(v: unknown, lang: Lang): string | undefined {
  if (!Array.isArray(v) || !v.every((r) => isObject(r) && 'points' in r)) return undefined;
  return v
    .map((r: Record<string, unknown>) => {
      const lo = r['min'] === undefined ? '−∞' : numText(r['min'] as number, lang);
      const hi = r['max'] === undefined ? '∞' : numText(r['max'] as number, lang);
      const open = r['minInclusive'] === false ? '(' : '[';
      const close = r['maxInclusive'] === true ? ']' : ')';
      return `${open}${lo}; ${hi}${close} → ${numText(r['points'] as number, lang)}`;
    })
    .join(', ');
}

/**
 * A value in a report line: band tables as ranges, numbers in the language's style, the rest as compact JSON.
 *
 * @example valueText([{ min: 90, max: 100, points: 1 }], 'en') // '[90; 100) → 1'
 */
export function valueText(v: unknown, lang: Lang, width = 160): string {
  if (v === undefined) return '—';
  if (typeof v === 'number') return numText(v, lang);
  if (typeof v === 'string') return v.length > width ? `${v.slice(0, width - 1)}…` : v;
  const rows = bandRows(v, lang);
  if (rows !== undefined) return rows;
  // A decision or an `amends` record reads better as "number (date)" than as JSON.
  if (isObject(v) && typeof v['date'] === 'string' && (typeof v['number'] === 'string' || typeof v['decision'] === 'string')) {
    const head = typeof v['id'] === 'string' ? `${v['id']} ${String(v['version'] ?? '')} — ` : '';
    return `${head}${String(v['number'] ?? v['decision'])} (${v['date']})`;
  }
  const s = JSON.stringify(v);
  return s.length > width ? `${s.slice(0, width - 1)}…` : s;
}

const KIND_TEXT: Record<NodeDiffKind, { vi: string; en: string; mark: string }> = {
  added: { vi: 'thêm', en: 'added', mark: '+' },
  removed: { vi: 'bỏ', en: 'removed', mark: '−' },
  moved: { vi: 'chuyển', en: 'moved', mark: '↷' },
  points: { vi: 'điểm tối đa', en: 'points', mark: '±' },
  rule: { vi: 'quy tắc', en: 'rule', mark: '~' },
  title: { vi: 'tên', en: 'title', mark: '✎' },
  legal: { vi: 'căn cứ', en: 'legal basis', mark: '§' },
  block: { vi: 'khối điểm', en: 'block', mark: '±' },
  applicability: { vi: 'điều kiện áp dụng', en: 'applicability', mark: '~' },
  printedId: { vi: 'số in', en: 'printed number', mark: '✎' },
  notes: { vi: 'ghi chú', en: 'notes', mark: '✎' },
  provenance: { vi: 'nguồn gốc', en: 'provenance', mark: '✎' },
};

/**
 * One node change in words, without the node's id and title.
 *
 * @example describeNodeDiff(d.nodes[0], 'vi') // 'điểm tối đa 5 → 4'
 */
export function describeNodeDiff(c: NodeDiff, lang: Lang): string {
  const vi = lang === 'vi';
  switch (c.kind) {
    case 'added':
      return vi
        ? `thêm vào ${where(c.to, lang)}${c.to.max !== undefined ? `, ${numText(c.to.max, lang)} điểm` : ''}`
        : `added under ${where(c.to, lang)}${c.to.max !== undefined ? `, ${numText(c.to.max, lang)} points` : ''}`;
    case 'removed':
      return vi
        ? `bỏ khỏi ${where(c.from, lang)}${c.from.max !== undefined ? ` (${numText(c.from.max, lang)} điểm)` : ''}`
        : `removed from ${where(c.from, lang)}${c.from.max !== undefined ? ` (${numText(c.from.max, lang)} points)` : ''}`;
    case 'moved': {
      const num = c.renumbered ? (vi ? `đổi mã ${c.from.id} → ${c.to.id}; ` : `renumbered ${c.from.id} → ${c.to.id}; `) : '';
      if (!c.reparented && c.from.parent === c.to.parent)
        return vi
          ? `${num}thứ tự trong ${where(c.to, lang).split(',')[0]}: vị trí ${c.from.position + 1} → ${c.to.position + 1}`
          : `${num}order under ${where(c.to, lang).split(',')[0]}: position ${c.from.position + 1} → ${c.to.position + 1}`;
      return vi
        ? `${num}chuyển từ ${where(c.from, lang)} sang ${where(c.to, lang)}`
        : `${num}moved from ${where(c.from, lang)} to ${where(c.to, lang)}`;
    }
    case 'points':
      return vi
        ? `điểm tối đa ${numText(c.from, lang)} → ${numText(c.to, lang)}`
        : `max points ${numText(c.from, lang)} → ${numText(c.to, lang)}`;
    case 'rule': {
      if (!c.from || !c.to)
        return vi
          ? `quy tắc ${c.from ? c.from.kind : '—'} → ${c.to ? c.to.kind : '—'}`
          : `rule ${c.from ? c.from.kind : '—'} → ${c.to ? c.to.kind : '—'}`;
      const parts = c.changed.map(
        (k) =>
          `${k}: ${valueText((c.from as Record<string, unknown>)[k], lang)} → ${valueText((c.to as Record<string, unknown>)[k], lang)}`,
      );
      return `${vi ? 'quy tắc' : 'rule'} (${c.to.kind}): ${parts.join('; ')}`;
    }
    case 'title':
      return vi
        ? `tên: “${c.from.title}” → “${c.to.title}”`
        : `title: “${c.from.titleEn ?? c.from.title}” → “${c.to.titleEn ?? c.to.title}”`;
    case 'legal':
      return `${vi ? 'căn cứ' : 'legal basis'}: ${c.from.map((l) => l.ref).join('; ') || '—'} → ${c.to.map((l) => l.ref).join('; ') || '—'}`;
    case 'block':
      return `${vi ? 'khối điểm' : 'block'}: ${valueText(c.from, lang)} → ${valueText(c.to, lang)}`;
    case 'applicability':
      return `${vi ? 'điều kiện áp dụng' : 'applicability'}: ${valueText(c.from, lang)} → ${valueText(c.to, lang)}`;
    case 'printedId':
      return `${vi ? 'số in' : 'printed number'}: ${c.from ?? '—'} → ${c.to ?? '—'}`;
    case 'notes':
      return `${vi ? 'ghi chú' : 'notes'}: ${valueText(c.from, lang, 60)} → ${valueText(c.to, lang, 60)}`;
    case 'provenance':
      return `${vi ? 'nguồn gốc' : 'provenance'}: ${c.from ?? '—'} → ${c.to ?? '—'}`;
  }
}

/**
 * One set-level change in words.
 *
 * @example describeSetDiff({ key: 'version', change: 'changed', from: '2021', to: '2022' }, 'en') // 'version: 2021 → 2022'
 */
export function describeSetDiff(s: SetDiff, lang: Lang): string {
  const vi = lang === 'vi';
  if (s.change === 'added') return `${s.key}: ${vi ? 'thêm' : 'added'} ${valueText(s.to, lang)}`;
  if (s.change === 'removed') return `${s.key}: ${vi ? 'bỏ' : 'removed'} (${valueText(s.from, lang)})`;
  return `${s.key}: ${valueText(s.from, lang)} → ${valueText(s.to, lang)}`;
}

function setLine(r: SetRef, lang: Lang): string {
  return `${r.id} ${r.version} — ${lang === 'vi' ? 'Quyết định' : 'Decision'} ${r.decision.number} (${r.decision.date}) — ${r.hash}`;
}

/**
 * The diff as a readable report: text for a terminal, Markdown, or JSON; in Vietnamese or English.
 *
 * @example
 * ```ts
 * console.log(renderDiff(diff(a, b), 'en', 'md'));
 * ```
 */
export function renderDiff(d: CriteriaDiff, lang: Lang = 'vi', format: 'text' | 'md' | 'json' = 'text'): string {
  if (format === 'json') return `${JSON.stringify(d, null, 2)}\n`;
  const vi = lang === 'vi';
  const md = format === 'md';
  // Ids, titles, decision numbers and rule values are the two files' text: escaped in Markdown.
  const e = md ? mdText : (s: string) => s;
  const lines: string[] = [];
  const h = (level: number, s: string) => lines.push(md ? `${'#'.repeat(level)} ${s}` : s, '');
  h(1, vi ? 'So sánh hai phiên bản bộ tiêu chí' : 'Differences between two criteria sets');
  lines.push(`${md ? '- ' : ''}a: ${e(setLine(d.a, lang))}`, `${md ? '- ' : ''}b: ${e(setLine(d.b, lang))}`, '');
  if (d.same) {
    lines.push(vi ? 'Hai bộ tiêu chí giống hệt nhau (cùng mã băm nội dung).' : 'The two sets are identical (same content hash).');
    return `${lines.join('\n')}\n`;
  }
  const kinds = (Object.keys(d.counts) as NodeDiffKind[]).filter((k) => d.counts[k] > 0);
  lines.push(
    vi
      ? `Tiêu chí: ${kinds.map((k) => `${KIND_TEXT[k].vi} ${d.counts[k]}`).join(', ') || 'không thay đổi'}.`
      : `Nodes: ${kinds.map((k) => `${KIND_TEXT[k].en} ${d.counts[k]}`).join(', ') || 'no change'}.`,
    '',
  );
  if (d.nodes.length) {
    h(2, vi ? 'Thay đổi theo tiêu chí' : 'Changes by node');
    if (md) {
      lines.push(vi ? '| Mã | Tiêu chí | Thay đổi | Chi tiết |' : '| Id | Node | Change | Detail |', '| --- | --- | --- | --- |');
      for (const c of d.nodes) lines.push(`| ${e(c.id)} | ${e(c.title)} | ${KIND_TEXT[c.kind][lang]} | ${e(describeNodeDiff(c, lang))} |`);
    } else {
      for (const c of d.nodes) lines.push(`  ${KIND_TEXT[c.kind].mark} ${c.id} ${c.title} — ${describeNodeDiff(c, lang)}`);
    }
    lines.push('');
  }
  if (d.set.length) {
    h(2, vi ? 'Thay đổi ở cấp bộ tiêu chí' : 'Set-level changes');
    for (const s of d.set) lines.push(`${md ? '- ' : '  '}${e(describeSetDiff(s, lang))}`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
