/**
 * What must always hold for tallies and indices, whatever the answers: merging is associative, commutative
 * and equal to tallying the concatenation; indices lie in [0, 100] inside their intervals; one more satisfied
 * answer never lowers an item's index; the order of respondents changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeIndices } from '../../src/sipas/indices.js';
import type { IndexValue, SipasResult } from '../../src/sipas/result.js';
import { loadQuestionnaire } from '../../src/sipas/questionnaire.js';
import { tallyRows, type Respondent } from '../../src/sipas/tallier.js';
import { mergeTallies } from '../../src/sipas/tally-merge.js';

function makeQ(group: string, noOpinion: string, weights: boolean) {
  return loadQuestionnaire({
    format: 'par-index/questionnaire@1',
    id: 'prop',
    version: '1',
    title: 'Thuộc tính',
    issuer: 'Thử',
    decision: { number: '1/QĐ', date: '2023-01-01' },
    years: [2023],
    status: 'illustrative',
    scales: {
      hl5: {
        title: 'HL',
        levels: [1, 2, 3, 4, 5].map((c) => ({ code: c, label: `m${c}` })),
        satisfied: { codes: [4, 5], legal: 'unverified' },
        noOpinion: { codes: [9] },
        notApplicable: { codes: [0] },
      },
    },
    groups: [
      { id: 'g1', part: 'services', kind: 'factor', title: 'G1', overallItem: 'a1' },
      { id: 'g2', part: 'services', kind: 'factor', title: 'G2', overallItem: 'b1' },
      { id: 'p1', part: 'policy', kind: 'content', title: 'P1', overallItem: 'c1' },
    ],
    items: [
      { id: 'a1', group: 'g1', measure: 'satisfaction', scale: 'hl5', text: 'a1', wording: 'illustrative' },
      { id: 'a2', group: 'g1', measure: 'satisfaction', scale: 'hl5', text: 'a2', wording: 'illustrative' },
      { id: 'b1', group: 'g2', measure: 'satisfaction', scale: 'hl5', text: 'b1', wording: 'illustrative' },
      { id: 'c1', group: 'p1', measure: 'satisfaction', scale: 'hl5', text: 'c1', wording: 'illustrative' },
      { id: 'e1', group: 'g1', measure: 'perception', scale: 'hl5', text: 'e1', wording: 'illustrative' },
    ],
    options: {
      noOpinion: { treatment: noOpinion, legal: 'unverified' },
      group: { method: group, legal: 'unverified' },
      part: { method: 'mean-of-groups', legal: 'unverified' },
      overall: { method: 'mean-of-parts', legal: 'unverified' },
      rounding: { stage: 'item', precision: 2, mode: 'half-up', legal: 'unverified' },
      weights: { use: weights, decimals: 2, legal: 'unverified' },
      interval: { method: 'wilson', level: 0.95, precision: 2, legal: 'unverified' },
    },
  });
}

const ITEMS = ['a1', 'a2', 'b1', 'c1', 'e1'];
const answer = fc.constantFrom<number | null>(0, 1, 2, 3, 4, 5, 9, null, 4, 5);
const respondent = (weighted: boolean): fc.Arbitrary<Respondent> =>
  fc.record({
    unit: fc.constantFrom('u', 'v', 'w'),
    answers: fc.tuple(...ITEMS.map(() => answer)).map((a) => Object.fromEntries(ITEMS.map((id, i) => [id, a[i]]))),
    ...(weighted ? { weight: fc.integer({ min: 1, max: 50_000 }).map((w) => w / 100) } : {}),
  });
const config = fc.record({
  group: fc.constantFrom('mean-of-items', 'pooled', 'overall-item'),
  noOpinion: fc.constantFrom('exclude', 'unsatisfied'),
  weighted: fc.boolean(),
});

function everyIndex(r: SipasResult): IndexValue[] {
  const out: IndexValue[] = [];
  for (const u of r.units) {
    for (const it of u.items) if (it.index) out.push(it.index);
    for (const g of u.groups) for (const v of [g.satisfaction, g.perception, g.expectation]) if (v) out.push(v);
    for (const v of [u.services, u.policy, u.overall]) if (v) out.push(v);
  }
  return out;
}

describe('tallies merge', () => {
  it('associatively and commutatively, and as tallying the concatenation', () => {
    fc.assert(
      fc.property(config, fc.integer({ min: 0, max: 1 }), (c, seed) => {
        const q = makeQ(c.group, c.noOpinion, c.weighted);
        return fc.assert(
          fc.property(
            fc.array(respondent(c.weighted), { maxLength: 30 }),
            fc.array(respondent(c.weighted), { maxLength: 30 }),
            fc.array(respondent(c.weighted), { maxLength: 30 }),
            (x, y, z) => {
              const opts = { weighted: c.weighted };
              const [a, b, d] = [tallyRows(q, x, opts), tallyRows(q, y, opts), tallyRows(q, z, opts)];
              expect(mergeTallies([a, b])).toEqual(mergeTallies([b, a]));
              expect(mergeTallies([mergeTallies([a, b]), d])).toEqual(mergeTallies([a, mergeTallies([b, d])]));
              expect(mergeTallies([a, b, d])).toEqual(tallyRows(q, [...x, ...y, ...z], opts));
              void seed;
            },
          ),
          { numRuns: 15 },
        );
      }),
      { numRuns: 12 },
    );
  });

  it('without changing their inputs', () => {
    const q = makeQ('mean-of-items', 'exclude', false);
    fc.assert(
      fc.property(
        fc.array(respondent(false), { minLength: 1, maxLength: 20 }),
        fc.array(respondent(false), { minLength: 1, maxLength: 20 }),
        (x, y) => {
          const a = tallyRows(q, x);
          const b = tallyRows(q, y);
          const before = JSON.stringify([a, b]);
          mergeTallies([a, b]);
          expect(JSON.stringify([a, b])).toBe(before);
          expect(Object.isFrozen(a.units) && Object.isFrozen(mergeTallies([a, b]).units)).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('indices', () => {
  it('lie in [0, 100], inside their intervals, with a finite interval at 0 % and 100 %', () => {
    fc.assert(
      fc.property(
        config,
        fc.constantFrom<'wilson' | 'clopper-pearson'>('wilson', 'clopper-pearson'),
        fc.array(respondent(true), { minLength: 1, maxLength: 60 }),
        (c, interval, rows) => {
          const q = makeQ(c.group, c.noOpinion, c.weighted);
          const data = c.weighted ? rows : rows.map(({ unit, answers }) => ({ unit, answers }));
          const r = computeIndices(q, tallyRows(q, data, { weighted: c.weighted }), { interval });
          for (const v of everyIndex(r)) {
            expect(v.value).toBeGreaterThanOrEqual(0);
            expect(v.value).toBeLessThanOrEqual(100);
            expect(Number.isFinite(v.low) && Number.isFinite(v.high)).toBe(true);
            expect(v.low).toBeGreaterThanOrEqual(0);
            expect(v.high).toBeLessThanOrEqual(100);
            expect(v.low).toBeLessThanOrEqual(v.value);
            expect(v.high).toBeGreaterThanOrEqual(v.value);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('one more satisfied answer never lowers an item index', () => {
    fc.assert(
      fc.property(
        config,
        fc.array(respondent(true), { maxLength: 40 }),
        fc.constantFrom(...ITEMS),
        fc.constantFrom('u', 'v', 'w'),
        fc.constantFrom(4, 5),
        (c, rows, item, unit, code) => {
          const q = makeQ(c.group, c.noOpinion, c.weighted);
          const data = c.weighted ? rows : rows.map(({ unit: un, answers }) => ({ unit: un, answers }));
          const extra: Respondent = { unit, answers: { [item]: code }, ...(c.weighted ? { weight: 1.5 } : {}) };
          const before = computeIndices(q, tallyRows(q, data, { weighted: c.weighted }))
            .units.find((u) => u.unit === unit)
            ?.items.find((i) => i.id === item)?.index;
          const after = computeIndices(q, tallyRows(q, [...data, extra], { weighted: c.weighted }))
            .units.find((u) => u.unit === unit)!
            .items.find((i) => i.id === item)!.index!;
          if (before) expect(after.value).toBeGreaterThanOrEqual(before.value);
          expect(after.value).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('do not depend on the order of respondents', () => {
    fc.assert(
      fc.property(
        config,
        fc
          .array(respondent(true), { maxLength: 50 })
          .chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }))),
        (c, [rows, shuffled]) => {
          const q = makeQ(c.group, c.noOpinion, c.weighted);
          const strip = (xs: Respondent[]) => (c.weighted ? xs : xs.map(({ unit, answers }) => ({ unit, answers })));
          const a = tallyRows(q, strip(rows), { weighted: c.weighted });
          const b = tallyRows(q, strip(shuffled), { weighted: c.weighted });
          expect(b).toEqual(a);
          expect(computeIndices(q, b)).toEqual(computeIndices(q, a));
        },
      ),
      { numRuns: 200 },
    );
  });
});
