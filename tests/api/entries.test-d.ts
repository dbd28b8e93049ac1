/**
 * Type tests of the public API (vitest typecheck): what the jobs of `par-index` take and return, as a consumer's
 * compiler sees them through the entry point.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  evaluate,
  loadScoreCards,
  rank,
  score,
  explainText,
  renderTable,
  ParIndexError,
  type Issue,
  type Place,
  type Ranked,
  type Ranking,
  type ScoreCard,
} from '../../src/index.js';
import type { unitRows } from '../../src/api/report.js';

describe('par-index: the jobs and their types', () => {
  it('evaluate gives cards; rank and score give a Ranking whose rows hold cards and places', () => {
    expectTypeOf(evaluate).returns.toEqualTypeOf<readonly ScoreCard[]>();
    expectTypeOf(rank).returns.toEqualTypeOf<Ranking>();
    expectTypeOf(score).returns.toEqualTypeOf<Ranking>();
    expectTypeOf(loadScoreCards).returns.toEqualTypeOf<Ranking>();
    expectTypeOf<Ranking['rows'][number]>().toEqualTypeOf<Ranked>();
    expectTypeOf<Ranked['card']>().toEqualTypeOf<ScoreCard>();
    expectTypeOf<Ranked>().toExtend<Place>();
  });

  it('a card has no rank: its place is in the ranking', () => {
    expectTypeOf<ScoreCard>().not.toHaveProperty('rank');
    expectTypeOf<ScoreCard>().not.toHaveProperty('rankOf');
    expectTypeOf<Ranked>().toHaveProperty('rankOf').toEqualTypeOf<string | null>();
  });

  it('renderers take the ranking; explain takes a card and, optionally, its place', () => {
    expectTypeOf(renderTable).parameter(0).toEqualTypeOf<Ranking>();
    expectTypeOf(explainText).parameter(0).toEqualTypeOf<ScoreCard>();
    expectTypeOf<typeof unitRows>().parameter(0).toEqualTypeOf<Ranking>();
  });

  it('errors carry their issues', () => {
    expectTypeOf<ParIndexError['issues']>().toEqualTypeOf<readonly Issue[]>();
  });
});
