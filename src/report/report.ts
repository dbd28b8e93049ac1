/**
 * A whole scoring run as one Markdown report: the criteria set, the ranked table, and every unit's trace.
 * @module
 */
import type { Lang } from '../core/errors.js';
import type { ScoreCard } from '../engine/types.js';
import { explainMarkdown } from './explain.js';
import { L } from './format.js';
import { renderTableMarkdown } from './table.js';

/**
 * Renders ranked, traced score cards as a Markdown report.
 * @example writeFileSync('report.md', reportMarkdown(rank(evaluate(set, ev), set.ranking), 'vi'))
 */
export function reportMarkdown(cards: readonly ScoreCard[], lang: Lang = 'vi'): string {
  const c0 = cards[0];
  const out = [`# ${L('title', lang)}`, ''];
  if (c0) {
    out.push(
      `- ${L('criteria', lang)}: ${c0.criteria.title} (${c0.criteria.id}, ${c0.criteria.version})`,
      `- ${L('decision', lang)}: ${c0.criteria.decision.number}, ${c0.criteria.decision.date} — ${c0.criteria.issuer}`,
      `- ${L('hash', lang)}: \`${c0.criteria.hash}\``,
      `- ${L('evidence', lang)}: ${c0.evidence.year}, \`${c0.evidence.hash}\``,
      '',
      renderTableMarkdown(cards, lang),
      '',
      ...c0.fields.map((f) => `- ${f.id}: ${f.title}`),
      '',
      `# ${L('traceOf', lang)}`,
      '',
    );
  }
  for (const c of cards) out.push(explainMarkdown(c, lang), '');
  return out.join('\n');
}

/**
 * Score cards as JSON text (2-space indent, stable key order as built); the trace only when asked.
 *
 * @example `writeFileSync('scores.json', renderJson(cards, { trace: true }))`
 */
export function renderJson(cards: readonly ScoreCard[], opts: { trace?: boolean } = {}): string {
  const list = opts.trace ? cards : cards.map(({ trace: _t, ...rest }) => rest);
  return `${JSON.stringify(list, null, 2)}\n`;
}
