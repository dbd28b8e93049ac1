/**
 * The trace (diễn giải) of a score card as text or Markdown, in Vietnamese or English: for each node its id,
 * title, legal basis, rule, inputs with their provenance, the arithmetic, the points and why points were lost.
 * @module
 */
import { formatIssue, type Lang } from '../core/errors.js';
import { num, pick } from '../core/text.js';
import type { ScoreCard, TraceNode } from '../engine/types.js';
import type { Place } from '../ranking/rank.js';
import { calcText, L, mdText, statusText } from './format.js';
import { inputLabel } from './rows.js';
import { pointsLostMarkdown, pointsLostText } from './points-lost.js';
import { pushAll } from '../core/lists.js';
import { SourceIds } from '../engine/trace-sources.js';

function nodeLines(t: TraceNode, card: ScoreCard, lang: Lang, md: boolean, ids: SourceIds): string[] {
  const p = card.criteria.precision;
  const title = lang === 'en' && t.titleEn ? t.titleEn : t.title;
  // Nodes below the rounding stage keep exact values: show them with 4 more decimals only when they need it.
  const shown = Number(t.points.toFixed(p)) === t.points ? p : p + 4;
  const pts = `${num(t.points, shown, lang)}/${num(t.max, p, lang)}`;
  const out: string[] = [];
  // In Markdown every line's text is escaped: titles, sources and messages are the files' text.
  const e = md ? mdText : (x: string) => x;
  const pad = md ? '' : '  '.repeat(t.depth - 1);
  const bullet = md ? `${'  '.repeat(t.depth - 1)}- ` : pad;
  const sub = md ? `${'  '.repeat(t.depth)}- ` : `${pad}    `;
  const status = t.status === 'scored' ? '' : ` [${statusText(t.status, lang)}]`;
  // The number as the decision prints it, the unique id beside it when they differ (a number printed twice).
  const number = t.printedId !== undefined ? `${t.printedId} [${t.id}]` : t.id;
  out.push(`${bullet}${md ? '**' : ''}${e(`${number} ${title}`)}${md ? '**' : ''}${e(`: ${pts}${status}`)}`);
  if (t.legal.length)
    out.push(`${sub}${e(`${L('legal', lang)}: ${t.legal.map((l) => [l.ref, l.article].filter(Boolean).join(', ')).join('; ')}`)}`);
  if (t.rule) {
    const params = Object.entries(t.rule.params)
      .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
      .join(', ');
    out.push(`${sub}${e(`${L('rule', lang)}: ${pick(t.rule.title, lang)}${params ? ` (${params})` : ''}`)}`);
  }
  for (const i of t.inputs) out.push(`${sub}${e(`${L('inputs', lang)}: ${inputLabel(i, lang, ids)}`)}`);
  for (const s of t.steps)
    out.push(`${sub}${e(`${pick(s, lang)}${s.calc ? `${s.calc.startsWith('→') ? ' ' : ': '}${calcText(s.calc, lang)}` : ''}`)}`);
  if (t.lostPoints > 0 && t.lost.length)
    out.push(`${sub}${e(`${L('lost', lang)} (−${num(t.lostPoints, p, lang)}): ${t.lost.map((x) => pick(x, lang)).join('; ')}`)}`);
  for (const w of t.warnings) out.push(`${sub}${e(`⚠ ${pick(w, lang)}`)}`);
  for (const a of t.acknowledged ?? []) out.push(`${sub}${e(`ⓘ ${pick(a, lang)}`)}`);
  for (const c of t.children) pushAll(out, nodeLines(c, card, lang, md, ids));
  return out;
}

function headline(card: ScoreCard, lang: Lang, place: Place | undefined): string {
  const p = card.criteria.precision;
  const parts = [
    `${L('total', lang)} ${num(card.total, p, lang)}/${num(card.max, p, lang)}`,
    `${L('index', lang)} ${num(card.index, card.criteria.indexPrecision, lang)}`,
    card.band ? `${L('band', lang)} ${lang === 'en' && card.band.labelEn ? card.band.labelEn : card.band.label}` : '',
    place?.rankOf ? `${L('rank', lang)} ${place.rankOf}` : '',
  ].filter(Boolean);
  return parts.join(' — ');
}

/** How the band was reached when bands have conditions: each condition checked and each band passed over. */
function bandLines(card: ScoreCard, lang: Lang, md: boolean): string[] {
  const steps = card.band?.steps;
  if (!steps?.length) return [];
  const e = md ? mdText : (x: string) => x;
  const name = lang === 'en' && card.band!.labelEn ? card.band!.labelEn : card.band!.label;
  return [`${e(`${L('band', lang)} ${name}:`)}`, ...steps.map((s) => `${md ? '- ' : '  '}${e(pick(s, lang))}`), ''];
}

/**
 * Explains one score card as plain text (needs a card evaluated with the trace on); with its place in a ranking
 * (a `Ranked` row will do), the headline gives its rank.
 * @example console.log(explainText(row.card, 'vi', row))
 */
export function explainText(card: ScoreCard, lang: Lang = 'vi', place?: Place): string {
  const ids = new SourceIds();
  const out = [
    `${card.unit.name} (${card.unit.id}) — ${headline(card, lang, place)}`,
    `${L('criteria', lang)}: ${card.criteria.title} — ${card.criteria.id} ${card.criteria.version} (${card.criteria.hash.slice(0, 19)}…), ${L('decision', lang)} ${card.criteria.decision.number} (${card.criteria.decision.date})`,
    '',
  ];
  pushAll(out, bandLines(card, lang, false));
  for (const f of card.trace ?? []) pushAll(out, [...nodeLines(f, card, lang, false, ids), '']);
  const lost = pointsLostText([card], lang);
  if (lost.length > 0) pushAll(out, [...lost, '']);
  out.push(`${L('warnings', lang)}:`);
  if (card.warnings.length === 0) out.push(`  ${L('noWarnings', lang)}`);
  for (const w of card.warnings) out.push(`  ${formatIssue(w, lang)}`);
  return out.join('\n');
}

/**
 * Explains one score card as Markdown, under a heading of the given level; with its place in a ranking, the
 * headline gives its rank.
 *
 * @example `writeFileSync('nhu-quynh.md', explainMarkdown(row.card, 'vi', 1, row))`
 */
export function explainMarkdown(card: ScoreCard, lang: Lang = 'vi', level = 2, place?: Place): string {
  return cardMarkdown(card, lang, level, place, new SourceIds());
}

/** {@link explainMarkdown} citing long sources with the document's ids: a report of many cards writes each once. */
export function cardMarkdown(card: ScoreCard, lang: Lang, level: number, place: Place | undefined, ids: SourceIds): string {
  const h = '#'.repeat(level);
  const out = [`${h} ${mdText(card.unit.name)}`, '', mdText(headline(card, lang, place)), ''];
  pushAll(out, bandLines(card, lang, true));
  for (const f of card.trace ?? []) pushAll(out, nodeLines(f, card, lang, true, ids));
  pushAll(out, ['', ...pointsLostMarkdown([card], lang, level + 1)]);
  out.push(`${h}# ${L('warnings', lang)}`, '');
  if (card.warnings.length === 0) out.push(L('noWarnings', lang));
  for (const w of card.warnings) out.push(`- ${mdText(formatIssue(w, lang))}`);
  return out.join('\n');
}
