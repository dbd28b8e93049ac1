/**
 * Deriving a card from a card without building what it builds lazily: `nodes` and `trace` are getters that
 * write their content on first read, and an object spread (`{ ...card }`) would call them.
 * @module
 */
import type { ScoreCard } from './types.js';

/**
 * A copy of the card with its rank set, keeping `nodes` and `trace` lazy (their getters are copied, not called).
 *
 * @example
 * ```ts
 * const ranked = withRank(card, 2, '2/11');
 * ranked.rankOf; // "2/11" — and card.trace has not been written
 * ```
 */
export function withRank(card: ScoreCard, rank: number | null, rankOf: string | null): ScoreCard {
  const descriptors: PropertyDescriptorMap = {
    ...Object.getOwnPropertyDescriptors(card),
    rank: { value: rank, enumerable: true },
    rankOf: { value: rankOf, enumerable: true },
  };
  return Object.freeze(Object.defineProperties({}, descriptors)) as ScoreCard;
}
