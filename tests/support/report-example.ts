import { evaluate } from '../../src/engine/evaluate.js';
import type { ScoreCard } from '../../src/engine/types.js';
import { dossierSource } from '../../src/io/dossier-source.js';
import { readCriteriaSet } from '../../src/io/index.js';
import { inspectionSource } from '../../src/io/inspection-source.js';
import { readEvidenceSources } from '../../src/io/sources.js';
import { surveySource } from '../../src/io/survey-source.js';
import { cardsOf, rank, type Ranking } from '../../src/ranking/rank.js';
import { root } from './paths.js';

export const criteriaFile = `${root}criteria/examples/van-lam-commune-2021.yaml`;
export const fixtureDir = `${root}fixtures/van-lam-2021`;

export const set = readCriteriaSet(criteriaFile);
export const evidence = await readEvidenceSources([fixtureDir], { readers: [dossierSource, inspectionSource, surveySource], set });
/** Ranked, with the trace. */
export const ranking: Ranking = rank(evaluate(set, evidence, { trace: true }), set.ranking);
/** The ranking's cards, in rank order. */
export const cards: readonly ScoreCard[] = cardsOf(ranking);
/** The ranking as the example's README prints it: unit id → [rank, total]. */
export const EXPECTED: readonly (readonly [string, string, number])[] = [
  ['nhu-quynh', 'Như Quỳnh', 95.41],
  ['dai-dong', 'Đại Đồng', 94.62],
  ['lac-dao', 'Lạc Đạo', 92.46],
  ['lac-hong', 'Lạc Hồng', 91.74],
  ['dinh-du', 'Đình Dù', 86.45],
  ['viet-hung', 'Việt Hưng', 86.08],
  ['luong-tai', 'Lương Tài', 84.7],
  ['trung-trac', 'Trưng Trắc', 79.39],
  ['minh-hai', 'Minh Hải', 78.12],
  ['chi-dao', 'Chỉ Đạo', 72.99],
  ['tan-quang', 'Tân Quang', 70.72],
];

/**
 * A small XML well-formedness check (tags nest and close, attributes are quoted, entities are known), enough
 * to catch a broken SVG without an XML parser dependency.
 */
export function wellFormed(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const re =
    /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g;
  for (const m of xml.matchAll(re)) {
    if (m[0] === '<') problems.push(`stray "<" at ${m.index}`);
    else if (m[0].startsWith('&')) problems.push(`bad entity at ${m.index}`);
    else if (m[2] === undefined) continue;
    else if (m[1] === '/') {
      const open = stack.pop();
      if (open !== m[2]) problems.push(`</${m[2]}> closes <${open ?? 'nothing'}> at ${m.index}`);
    } else if (m[4] !== '/') stack.push(m[2]);
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(' > ')}`);
  return problems;
}

/** The elements of the first `<g class="…marker…">` group in an SVG, by tag name. */
export function marksIn(svg: string, marker: string, tag: string): number {
  const start = svg.indexOf(marker);
  if (start < 0) return -1;
  // The mark group holds only leaf elements, so it ends at its first closing </g>.
  const end = svg.indexOf('</g>', start);
  return (svg.slice(start, end).match(new RegExp(`<${tag}[\\s>]`, 'g')) ?? []).length;
}
