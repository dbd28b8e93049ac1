/**
 * A provenance report (`criteriaProvenance`, `questionnaireProvenance`) in words, one line each, as `check`
 * prints it: the assumptions a file contains, the nodes that declare nothing and those marked official without a
 * source.
 * @module
 */
import { formatPath, formatWhere, type Lang, type PathSegment } from '../core/errors.js';
import { fullyVerified, type ProvenanceReport } from '../criteria/provenance.js';

const NOUN = {
  set: { vi: 'Bộ tiêu chí', en: 'This set' },
  questionnaire: { vi: 'Bộ câu hỏi', en: 'This questionnaire' },
} as const;

const ITEM = {
  set: { vi: 'nút', en: 'node' },
  questionnaire: { vi: 'mục', en: 'entry' },
} as const;

/** Lists up to `max` labels, then "… and k more". */
function labels(xs: readonly { label: string }[], lang: Lang, max = 12): string {
  const shown = xs.slice(0, max).map((x) => x.label);
  const more = xs.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? (lang === 'vi' ? `, … và ${more} mục khác` : `, … and ${more} more`) : ''}`;
}

/**
 * The report in words, one line each: "this set contains N assumptions" and the list (file, path, node, the
 * part assumed, the note), then the nodes that declare nothing and those marked official without a source.
 *
 * @example
 * ```ts
 * for (const line of provenanceLines(criteriaProvenance(set, 'criteria/national/766-2022.yaml'), 'en')) console.error(line);
 * // This set contains 23 assumptions (content that no source read confirms):
 * //   - criteria/national/766-2022.yaml: tree[0].children[1] (1.2) rule.whenBaseZero: …
 * ```
 */
export function provenanceLines(r: ProvenanceReport, lang: Lang): string[] {
  const out: string[] = [];
  const noun = NOUN[r.kind][lang];
  const item = ITEM[r.kind][lang];
  const where = (path: readonly PathSegment[]) => {
    const p = formatPath(path);
    return r.file ? `${r.file}${p ? `: ${p}` : ''}` : p;
  };
  const n = r.assumptions.length;
  if (n > 0) {
    out.push(
      lang === 'vi'
        ? `${noun} có ${n} giả định (nội dung chưa được nguồn nào đã đọc xác nhận):`
        : `${noun} contains ${n} assumption${n === 1 ? '' : 's'} (content that no source read confirms):`,
    );
    for (const a of r.assumptions) {
      const cover = a.covers > 1 ? (lang === 'vi' ? ` [áp dụng cho ${a.covers} ${item}]` : ` [applies to ${a.covers} ${item}s]`) : '';
      // The label adds what the path does not say (a node's id, a group's id); an option's label is its path.
      const same = a.label.replace(/[^\p{L}\p{N}]/gu, '') === formatPath(a.path).replace(/[^\p{L}\p{N}]/gu, '');
      out.push(
        `  - ${where(a.path)}${same ? '' : ` (${a.label})`}${a.at ? ` ${a.at}` : ''}: ${a.note}${a.source ? ` — ${lang === 'vi' ? 'theo' : 'after'} ${a.source}` : ''}${cover}`,
      );
    }
  } else {
    out.push(lang === 'vi' ? `${noun} không có giả định nào được khai báo.` : `${noun} declares no assumption.`);
  }
  if (r.unsourced.length > 0) {
    out.push(
      lang === 'vi'
        ? `${r.unsourced.length} ${item} ghi "official"/"operational" mà không có căn cứ làm nguồn (${r.file ?? ''}): ${labels(r.unsourced, lang)}`
        : `${r.unsourced.length} ${item}(s) marked "official"/"operational" with no legal reference to stand as the source (${r.file ?? ''}): ${labels(r.unsourced, lang)}`,
    );
  }
  if (r.unmarked.length > 0) {
    out.push(
      lang === 'vi'
        ? `${r.unmarked.length}/${r.entries} ${item} chưa khai báo nguồn gốc (provenance) (${r.file ?? ''}): ${labels(r.unmarked, lang)}`
        : `${r.unmarked.length}/${r.entries} ${item}(s) declare no provenance (${r.file ?? ''}): ${labels(r.unmarked, lang)}`,
    );
  }
  if (fullyVerified(r))
    out.push(
      lang === 'vi'
        ? `Mọi ${item} (${r.entries}) đều đã được đối chiếu với nguồn.`
        : `Every ${item} (${r.entries}) is verified against a source.`,
    );
  return out;
}

/** A finding a criteria set acknowledges, as `check` gives it or a card carries it. */
export interface AcknowledgedLike {
  readonly code: string;
  readonly path: readonly PathSegment[];
  readonly node?: string | undefined;
  readonly printedId?: string | undefined;
  readonly file?: string | undefined;
  readonly line?: number | undefined;
  readonly col?: number | undefined;
  readonly message: string;
  readonly messageVi: string;
  readonly reason: string;
  readonly reasonEn?: string | undefined;
}

/**
 * The findings a criteria set acknowledges, one line each after a heading — what `check` prints after "Valid"
 * and the reports list — so that a set scored as printed never hides its decision's flaws. Empty for none.
 *
 * @example
 * ```ts
 * acknowledgedLines(set.acknowledgedFindings, 'en');
 * // This set acknowledges 1 finding of its decision's own text (kept as printed):
 * //   - acknowledged [criteria.duplicate-printed-id] x.yaml: criterion II.2 (id II.3; tree[1].children[2].printedId), line 28 col 20: … — reason: …
 * ```
 */
export function acknowledgedLines(found: readonly AcknowledgedLike[], lang: Lang): string[] {
  if (found.length === 0) return [];
  const n = found.length;
  const out = [
    lang === 'vi'
      ? `Bộ tiêu chí ghi nhận ${n} lỗi của chính văn bản quyết định (giữ như văn bản in):`
      : `This set acknowledges ${n} finding${n === 1 ? '' : 's'} of its decision's own text (kept as printed):`,
  ];
  for (const f of found) out.push(`  - ${acknowledgedLine(f, lang)}`);
  return out;
}

/** One acknowledged finding: code, where, the finding and the reason. */
export function acknowledgedLine(f: AcknowledgedLike, lang: Lang): string {
  const where = formatWhere(
    {
      path: f.path,
      ...(f.file !== undefined ? { file: f.file } : {}),
      ...(f.node !== undefined ? { node: f.node } : {}),
      ...(f.printedId !== undefined ? { printedId: f.printedId } : {}),
      ...(f.line !== undefined ? { line: f.line } : {}),
      ...(f.col !== undefined ? { col: f.col } : {}),
    },
    lang,
  );
  const reason = lang === 'vi' ? f.reason : (f.reasonEn ?? f.reason);
  return lang === 'vi'
    ? `đã ghi nhận [${f.code}]${where ? ` ${where}` : ''}: ${f.messageVi} — lý do: ${reason}`
    : `acknowledged [${f.code}]${where ? ` ${where}` : ''}: ${f.message} — reason: ${reason}`;
}
