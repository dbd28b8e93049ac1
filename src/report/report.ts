/**
 * A whole scoring run as one Markdown report: the criteria set, the ranked table, and every unit's trace.
 * @module
 */
import { formatPath, type Lang } from '../core/errors.js';
import type { ProvenanceReport } from '../criteria/provenance.js';
import type { Ranking } from '../ranking/rank.js';
import { scoreFileCard } from '../ranking/scores.js';
import { cardMarkdown } from './explain.js';
import { SourceIds } from '../engine/trace-sources.js';
import { pointsLostMarkdown } from './points-lost.js';
import { acknowledgedLine } from './provenance.js';
import { L, mdCode, mdText } from './format.js';
import { renderTableMarkdown } from './table.js';
import { pushAll } from '../core/lists.js';

/**
 * Options of {@link reportMarkdown}.
 *
 * @example `reportMarkdown(ranking, 'vi', { assumptions: criteriaProvenance(set) } satisfies MarkdownReportOptions)`
 */
export interface MarkdownReportOptions {
  /**
   * The criteria set's assumptions (`criteriaProvenance(set)`): when it lists any, the report says how many under
   * the criteria set's name and lists them at the end.
   */
  readonly assumptions?: ProvenanceReport | undefined;
  /**
   * Where the warnings that cost points are listed (when there are any): at the `top` of the report (the
   * default), or at the `end` (after the table of `par-index score --format md`).
   */
  readonly pointsLost?: 'top' | 'end' | undefined;
}

/**
 * Renders a ranking of traced score cards as a Markdown report.
 * @example writeFileSync('report.md', reportMarkdown(rank(evaluate(set, ev), set.ranking), 'vi', { assumptions: criteriaProvenance(set) }))
 */
export function reportMarkdown(ranking: Ranking, lang: Lang = 'vi', opts: MarkdownReportOptions = {}): string {
  const assumed = opts.assumptions?.assumptions ?? [];
  const c0 = ranking.rows[0]?.card;
  const lost = pointsLostMarkdown(
    ranking.rows.map((r) => r.card),
    lang,
  );
  const out = [`# ${L('title', lang)}`, ''];
  // The flaws of the decision the set keeps as printed: named under the set, listed at the end.
  const acknowledged = c0?.criteria.acknowledged ?? [];
  if (c0) {
    pushAll(out, [
      `- ${mdText(`${L('criteria', lang)}: ${c0.criteria.title} (${c0.criteria.id}, ${c0.criteria.version})`)}`,
      `- ${mdText(`${L('decision', lang)}: ${c0.criteria.decision.number}, ${c0.criteria.decision.date} — ${c0.criteria.issuer}`)}`,
      `- ${L('hash', lang)}: \`${c0.criteria.hash}\``,
      `- ${L('evidence', lang)}: ${c0.evidence.year}, \`${c0.evidence.hash}\``,
      ...(assumed.length > 0
        ? [
            lang === 'vi'
              ? `- Giả định: bộ tiêu chí có ${assumed.length} nội dung chưa được nguồn nào xác nhận (cuối báo cáo)`
              : `- Assumptions: the criteria set holds ${assumed.length} item(s) no source confirms (end of the report)`,
          ]
        : []),
      ...(acknowledged.length > 0
        ? [
            lang === 'vi'
              ? `- Đã ghi nhận: bộ tiêu chí giữ ${acknowledged.length} lỗi của chính văn bản quyết định, như văn bản in (cuối báo cáo)`
              : `- Acknowledged: the criteria set keeps ${acknowledged.length} finding(s) of its decision's own text, as printed (end of the report)`,
          ]
        : []),
      '',
      ...(opts.pointsLost !== 'end' ? lost : []),
      renderTableMarkdown(ranking, lang),
      '',
      ...c0.fields.map((f) => `- ${mdText(`${f.id}: ${f.title}`)}`),
      '',
      `# ${L('traceOf', lang)}`,
      '',
    ]);
  }
  const ids = new SourceIds();
  for (const r of ranking.rows) out.push(cardMarkdown(r.card, lang, 2, r, ids), '');
  if (assumed.length > 0) {
    out.push(`# ${lang === 'vi' ? 'Giả định của bộ tiêu chí' : "The criteria set's assumptions"}`, '');
    // Escaped like the rest of the Markdown: notes and sources are the criteria file's text.
    for (const a of assumed) {
      const where =
        a.path.length > 0 ? `${mdCode(formatPath(a.path))} ${mdText(a.label)}` : lang === 'vi' ? 'Cả bộ tiêu chí' : 'The whole set';
      out.push(
        `- ${where}${a.at ? ` (${mdCode(a.at)})` : ''}: ${mdText(`${a.note}${a.source ? ` — ${lang === 'vi' ? 'theo' : 'after'} ${a.source}` : ''}`)}`,
      );
    }
    out.push('');
  }
  if (acknowledged.length > 0) {
    out.push(`# ${lang === 'vi' ? 'Lỗi đã ghi nhận của bộ tiêu chí' : "The criteria set's acknowledged findings"}`, '');
    for (const f of acknowledged) out.push(`- ${mdText(acknowledgedLine(f, lang))}`);
    out.push('');
  }
  if (opts.pointsLost === 'end') pushAll(out, lost);
  return out.join('\n');
}

/**
 * A ranking as a score file's JSON text (2-space indent): the cards in rank order, each with its `rank` and
 * `rankOf` (see `scoreFileCard`); the trace only when asked.
 *
 * @example `writeFileSync('scores.json', renderJson(rank(cards, set.ranking), { trace: true }))`
 */
export function renderJson(ranking: Ranking, opts: { trace?: boolean } = {}): string {
  // One table of long sources for the whole file: each is written once, by the first card that uses it.
  const sources = new SourceIds();
  return `${JSON.stringify(
    ranking.rows.map((r) => scoreFileCard(r.card, r, { ...opts, sources })),
    null,
    2,
  )}\n`;
}
