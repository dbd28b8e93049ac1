/**
 * The warnings that cost points, for people: after a score's table, at the top of a report.
 * @module
 */
import type { Lang } from '../core/errors.js';
import { Exact } from '../core/exact.js';
import { fmt } from '../core/text.js';
import { mdText } from './format.js';
import { pointsLost, type PointsLost } from '../engine/points-lost.js';
import type { ScoreCard } from '../engine/types.js';

/** Every card's warnings that cost points, in the order of the cards. */
export function allPointsLost(cards: readonly ScoreCard[]): readonly PointsLost[] {
  return cards.flatMap((c) => pointsLost(c));
}

/** The heading of the list, with how many warnings and the points they cost in all. */
export function pointsLostHeading(lost: readonly PointsLost[], lang: Lang): string {
  const n = lost.length;
  return lang === 'vi' ? `Cảnh báo làm mất điểm (${n}):` : `Warnings that cost points (${n}):`;
}

/** One warning that cost points: the unit, the node, the points lost (exact) and the warning. */
export function pointsLostLine(l: PointsLost, lang: Lang): string {
  const pts = fmt(Exact.fromRatio(l.exact)!, lang);
  return lang === 'vi'
    ? `${l.unit}  ${l.node}: −${pts} điểm — [${l.code}] ${l.messageVi}`
    : `${l.unit}  ${l.node}: −${pts} points — [${l.code}] ${l.message}`;
}

/**
 * The list as plain text lines (a heading, then one indented line per warning); empty when no warning cost a
 * point.
 *
 * @example `pointsLostText(cardsOf(ranking), 'en') // ['Warnings that cost points (1):', '  tan-quang  5.2: −2 points — …']`
 */
export function pointsLostText(cards: readonly ScoreCard[], lang: Lang): string[] {
  const lost = allPointsLost(cards);
  if (lost.length === 0) return [];
  return [pointsLostHeading(lost, lang), ...lost.map((l) => `  ${pointsLostLine(l, lang)}`)];
}

/** The list as a Markdown section under a heading of the given level; empty when no warning cost a point. */
export function pointsLostMarkdown(cards: readonly ScoreCard[], lang: Lang, level = 1): string[] {
  const lost = allPointsLost(cards);
  if (lost.length === 0) return [];
  const heading = pointsLostHeading(lost, lang).replace(/:$/, '');
  // Written as the card's warnings are in the explanation, so both read alike.
  return [`${'#'.repeat(level)} ${heading}`, '', ...lost.map((l) => `- ${mdText(pointsLostLine(l, lang))}`), ''];
}
