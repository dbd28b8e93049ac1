/**
 * The one way the layers above score evidence: {@link evaluate} then {@link rank}, once. Verification,
 * re-scoring, rank uncertainty, test cases and the command line call it (or take what it returned), so no stage
 * scores again what an earlier one scored.
 * @module
 */
import type { CriteriaSet } from '../criteria/load.js';
import { evaluate } from '../engine/evaluate.js';
import type { EvaluateOptions } from '../engine/types.js';
import type { Evidence } from '../evidence/load.js';
import { rank, type Ranking, type RankOptions, type RankRule } from './rank.js';

/**
 * Options of {@link score}: those of `evaluate` (trace, roster, rounding and year overrides) and of `rank`.
 *
 * @example score(set, evidence, { trace: false, groupBy: 'kind' } satisfies ScoreOptions)
 */
export interface ScoreOptions extends EvaluateOptions, RankOptions {
  /** The ranking rule (default: the set's own, `set.ranking`). */
  readonly rule?: RankRule;
}

/**
 * Scores the evidence with the set and ranks the cards: `rank(evaluate(set, evidence, opts), opts.rule ??
 * set.ranking, opts)`. Returns the {@link Ranking}; its rows hold the cards `evaluate` returned.
 *
 * @example
 * ```ts
 * const ranking = score(set, evidence, { trace: false });
 * ranking.rows.map((r) => `${r.rankOf} ${r.card.unit.name}`);
 * ```
 */
export function score(set: CriteriaSet, evidence: Evidence, opts: ScoreOptions = {}): Ranking {
  const cards = evaluate(set, evidence, opts);
  return rank(cards, opts.rule ?? set.ranking, opts.groupBy !== undefined ? { groupBy: opts.groupBy } : {});
}
