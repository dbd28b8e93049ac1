/**
 * Band tables, deductions, rates and tasks at each bound, and the exact list of issues each rule's check gives
 * (issue 27): every expected number and issue below is worked out by hand from the rule's definition.
 */
import { describe, expect, it } from 'vitest';
import { checkCriteriaSet } from '../../src/criteria/load.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { criteriaDoc, makeEvidence, makeSet, pts, scoreLeaf, status } from '../support/support.js';

const RULE = ['tree', 0, 'children', 0, 'rule'] as const;

/** The errors of a one-leaf set, as [code, path] pairs, in the order the check reports them. */
function errors(rule: unknown, max = 1, extra: Record<string, unknown> = {}): [string, (string | number)[]][] {
  const doc = criteriaDoc([{ id: '1', title: 'F', max, children: [{ id: '1.1', title: 'a', max, rule }] }], extra);
  return checkCriteriaSet(doc)
    .issues.filter((i) => i.severity === 'error')
    .map((i) => [i.code, [...i.path]]);
}

const leafOf = (rule: Record<string, unknown>, max = 1) => ({ max, rule });
const step = (card: ReturnType<typeof scoreLeaf>) => card.trace![0]!.children[0]!;

describe('bands on a single measure, exclusive bounds, listed lowest first', () => {
  // x ≤ 50 → 0; 50 < x ≤ 80 → 0.5; x > 80 → 1.
  const rule = {
    kind: 'bands',
    measure: 'share',
    bands: [
      { max: 50, maxInclusive: true, points: 0 },
      { min: 50, minInclusive: false, max: 80, maxInclusive: true, points: 0.5 },
      { min: 80, minInclusive: false, points: 1 },
    ],
  };
  it('the table passes the check', () => {
    expect(errors(rule)).toEqual([]);
  });
  it.each([
    [0, 0],
    [50, 0],
    [50.01, 0.5],
    [60, 0.5],
    [80, 0.5],
    [80.01, 1],
    [100, 1],
  ])('%d → %d points', (x, expected) => {
    expect(pts(scoreLeaf(leafOf(rule), { measures: { share: x } }), '1.1')).toBe(expected);
  });
  it('the trace names the row and what the next row would have given', () => {
    const s = step(scoreLeaf(leafOf(rule), { measures: { share: 60 } }));
    expect(s.steps.map((x) => [x.en, x.calc])).toEqual([['share = 60 falls in 50 < x ≤ 80', '→ 0.5']]);
    expect(s.lost.map((l) => l.en)).toEqual(['share 60 did not reach 80 < x (1 points)']);
  });
  it('no lost points at the top row', () => {
    const s = step(scoreLeaf(leafOf(rule), { measures: { share: 90 } }));
    expect(s.steps.map((x) => x.en)).toEqual(['share = 90 falls in 80 < x']);
    expect(s.lost).toEqual([]);
  });
  it('a missing measure is missing evidence', () => {
    const c = scoreLeaf(leafOf(rule), { measures: {} });
    expect(status(c, '1.1')).toBe('missing');
    expect(step(c).lost.map((l) => l.en)).toEqual(['missing evidence (share)']);
    expect(pts(c, '1.1')).toBe(0);
  });
});

describe('bands listed highest first: an exclusive lower bound keeps its bound out of the row', () => {
  const rule = {
    kind: 'bands',
    measure: 'share',
    bands: [
      { min: 80, minInclusive: false, points: 1 },
      { min: 50, minInclusive: false, max: 80, maxInclusive: true, points: 0.5 },
      { max: 50, maxInclusive: true, points: 0 },
    ],
  };
  it.each([
    [80, 0.5],
    [80.5, 1],
    [50, 0],
    [51, 0.5],
  ])('%d → %d points', (x, expected) => {
    expect(pts(scoreLeaf(leafOf(rule), { measures: { share: x } }), '1.1')).toBe(expected);
  });
});

describe('bands on a ratio, with a zero base', () => {
  const rule = (whenBaseZero: string) => ({
    kind: 'bands',
    ratio: { numerator: 'onTime', base: 'resolved' },
    whenBaseZero,
    bands: [
      { max: 50, points: 0 },
      { min: 50, max: 100, maxInclusive: true, points: 2 },
    ],
  });
  it.each([
    ['full', 'scored', 2],
    ['zero', 'scored', 0],
    ['not-applicable', 'not-applicable', 0],
  ])('base 0 under %s: %s, %d points', (policy, st, points) => {
    const c = scoreLeaf(leafOf(rule(policy), 2), { measures: { onTime: 0, resolved: 0 } });
    expect(status(c, '1.1')).toBe(st);
    expect(pts(c, '1.1')).toBe(points);
  });
  it('1 of 2 is 50 %, the lower bound of the top row; 49 of 100 is below it', () => {
    expect(pts(scoreLeaf(leafOf(rule('zero'), 2), { measures: { onTime: 1, resolved: 2 } }), '1.1')).toBe(2);
    expect(pts(scoreLeaf(leafOf(rule('zero'), 2), { measures: { onTime: 49, resolved: 100 } }), '1.1')).toBe(0);
    const s = step(scoreLeaf(leafOf(rule('zero'), 2), { measures: { onTime: 1, resolved: 4 } }));
    expect(s.steps.map((x) => [x.en, x.calc])).toEqual([
      ['rate = onTime ÷ resolved × 100', '1 ÷ 4 × 100 = 25%'],
      ['rate onTime/resolved (%) = 25 falls in x < 50', '→ 0'],
    ]);
  });
  it('a missing numerator or base is missing evidence, naming what is missing', () => {
    const c = scoreLeaf(leafOf(rule('zero'), 2), { measures: { onTime: 1 } });
    expect(status(c, '1.1')).toBe('missing');
    expect(step(c).lost.map((l) => l.en)).toEqual(['missing evidence (resolved)']);
  });
});

describe('the bands check: exactly the issues of each fault', () => {
  const bands = (rows: unknown[], extra: Record<string, unknown> = {}) => ({ kind: 'bands', measure: 'share', bands: rows, ...extra });
  it('both measure and ratio, or neither', () => {
    expect(errors({ kind: 'bands', bands: [{ points: 1 }] })).toEqual([['schema.required', [...RULE]]]);
    expect(errors({ kind: 'bands', measure: 'share', ratio: { numerator: 'onTime', base: 'resolved' }, bands: [{ points: 1 }] })).toEqual([
      ['schema.required', [...RULE]],
    ]);
  });
  it('a ratio without whenBaseZero; whenBaseZero with a measure', () => {
    expect(errors({ kind: 'bands', ratio: { numerator: 'onTime', base: 'resolved' }, bands: [{ points: 1 }] })).toEqual([
      ['schema.required', [...RULE, 'whenBaseZero']],
    ]);
    expect(errors(bands([{ points: 1 }], { whenBaseZero: 'zero' }))).toEqual([['schema.invalid-value', [...RULE, 'whenBaseZero']]]);
  });
  it('a ratio row outside 0–100', () => {
    expect(
      errors({
        kind: 'bands',
        ratio: { numerator: 'onTime', base: 'resolved' },
        whenBaseZero: 'zero',
        bands: [
          { max: 50, points: 0 },
          { min: 50, max: 120, maxInclusive: true, points: 1 },
        ],
      }),
    ).toEqual([['criteria.threshold-range', [...RULE, 'bands', 1]]]);
  });
  it('a gap between an exclusive upper and an exclusive lower bound', () => {
    expect(
      errors(
        bands([
          { max: 50, points: 0 },
          { min: 50, minInclusive: false, points: 1 },
        ]),
      ),
    ).toEqual([['criteria.bands-gap', [...RULE, 'bands', 1]]]);
  });
  it('an overlap at a bound both rows include', () => {
    expect(
      errors(
        bands([
          { max: 50, maxInclusive: true, points: 0 },
          { min: 50, points: 1 },
        ]),
      ),
    ).toEqual([['criteria.bands-overlap', [...RULE, 'bands', 1]]]);
  });
  it('no row below the lowest bound, none above the highest', () => {
    expect(errors(bands([{ min: 10, points: 1 }]))).toEqual([['criteria.bands-gap', [...RULE, 'bands', 0]]]);
    expect(errors(bands([{ max: 10, points: 1 }]))).toEqual([['criteria.bands-gap', [...RULE, 'bands', 0]]]);
  });
  it('an empty row; points above the max; negative points; a max no row reaches', () => {
    expect(
      errors(
        bands([
          { max: 50, points: 0 },
          { min: 50, max: 50, points: 1 },
          { min: 50, points: 1 },
        ]),
      ),
    ).toEqual([['criteria.band-order', [...RULE, 'bands', 1]]]);
    expect(errors(bands([{ points: 2 }]))).toEqual([['criteria.rule-exceeds-max', [...RULE, 'bands', 0, 'points']]]);
    expect(
      errors(
        bands([
          { max: 50, points: -1 },
          { min: 50, points: 1 },
        ]),
      ),
    ).toEqual([['criteria.threshold-range', [...RULE, 'bands', 0, 'points']]]);
    expect(errors(bands([{ points: 0.5 }]))).toEqual([['criteria.rule-cannot-reach-max', [...RULE, 'bands']]]);
  });
});

describe('deduction', () => {
  const ded = (extra: Record<string, unknown>) => ({ kind: 'deduction', count: 'violations', per: 0.5, floor: 0, ...extra });
  it.each([
    [0, 2],
    [1, 1.5],
    [2, 1],
    [3, 1],
    [9, 1],
  ])('max 2, 0.5 per violation, cap 1: %d violations → %d', (v, expected) => {
    expect(pts(scoreLeaf(leafOf(ded({ cap: 1 }), 2), { measures: { violations: v } }), '1.1')).toBe(expected);
  });
  it.each([
    [2, 0],
    [3, -0.25],
    [1, 0.5],
  ])('max 1, 0.5 per violation, floor −0.25: %d violations → %d', (v, expected) => {
    expect(pts(scoreLeaf(leafOf(ded({ floor: -0.25 })), { measures: { violations: v } }), '1.1')).toBe(expected);
  });
  it('the trace shows the count, the cap, the floor and the result', () => {
    const s = step(scoreLeaf(leafOf(ded({ cap: 1, floor: 0.5 }), 2), { measures: { violations: 4 } }));
    expect(s.steps.map((x) => x.calc)).toEqual(['0.5 × 4 = 2', 'min(2, 1) = 1', '2 − 1 = 1']);
    const f = step(scoreLeaf(leafOf(ded({ floor: 0.5 }), 2), { measures: { violations: 4 } }));
    expect(f.steps.map((x) => x.calc)).toEqual(['0.5 × 4 = 2', 'max(0, 0.5) = 0.5', '2 − 1.5 = 0.5']);
    expect(f.lost.map((l) => l.en)).toEqual(['deducted for violations']);
    const none = step(scoreLeaf(leafOf(ded({})), { measures: { violations: 0 } }));
    expect(none.lost).toEqual([]);
  });
  it("findings without per deduct each finding's own points; a finding without points deducts nothing", () => {
    const rule = { kind: 'deduction', findings: true, floor: 0 };
    const c = scoreLeaf(leafOf(rule), {
      findings: [
        { id: 'F1', node: '1.1', description: 'a', source: 's', points: 0.3 },
        { id: 'F2', node: '1.1', description: 'b', source: 's', points: 0.2 },
        { id: 'F3', node: '1.1', description: 'c', source: 's' },
      ],
    });
    expect(pts(c, '1.1')).toBe(0.5);
    const none = step(scoreLeaf(leafOf(rule), {}));
    expect(none.steps.map((x) => x.en)).toEqual(['no findings recorded against this node', 'points = max − deductions']);
  });
  it('a scored deduction can receive the points of a sibling where no case arose', () => {
    // 1.1 (max 2) has a zero base and shares with 1.2; 1.2 (max 2) loses 0.5 for one violation: 1.5 of 2,
    // scaled to its new max 2 + 2 = 4: 1.5 × 4 ÷ 2 = 3 of 4.
    const set = makeSet([
      {
        id: '1',
        title: 'F',
        max: 4,
        children: [
          {
            id: '1.1',
            title: 'a',
            max: 2,
            rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'share', shareWith: ['1.2'] },
          },
          { id: '1.2', title: 'b', max: 2, rule: ded({}) },
        ],
      },
    ]);
    const c = evaluate(set, makeEvidence([{ measures: { onTime: 0, resolved: 0, violations: 1 } }]))[0]!;
    expect([status(c, '1.1'), status(c, '1.2')]).toEqual(['shared', 'scored']);
    expect([c.total, c.max]).toEqual([3, 4]);
  });
  it('a missing count measure is missing evidence, named', () => {
    const c = scoreLeaf(leafOf(ded({})), { measures: {} });
    expect(status(c, '1.1')).toBe('missing');
    expect(step(c).lost.map((l) => l.en)).toEqual(['missing evidence (violations)']);
  });
  it('the Vietnamese trace of a capped deduction', () => {
    const s = step(scoreLeaf(leafOf(ded({ cap: 1, floor: 0.5 }), 2), { measures: { violations: 4 } }));
    expect(s.steps.map((x) => x.vi)).toEqual([
      'số vi phạm violations = 4, trừ 0,5 mỗi vi phạm',
      'trừ tối đa 1',
      'điểm = điểm tối đa − điểm bị trừ',
    ]);
    expect(s.lost.map((l) => l.vi)).toEqual(['bị trừ do violations']);
  });
  it('check: the whole issue list, warnings included, for a valid deduction', () => {
    const doc = criteriaDoc([{ id: '1', title: 'F', max: 1, children: [{ id: '1.1', title: 'a', max: 1, rule: ded({}) }] }]);
    expect(checkCriteriaSet(doc).issues).toEqual([]);
  });
  it('check: exactly the issue of each fault', () => {
    expect(errors(ded({}))).toEqual([]);
    expect(errors(ded({ floor: 1 }))).toEqual([]);
    expect(errors(ded({ floor: 1.5 }))).toEqual([['criteria.threshold-range', [...RULE, 'floor']]]);
    expect(errors({ kind: 'deduction', count: 'violations', per: 1 })).toEqual([['criteria.deduction-no-floor', [...RULE, 'floor']]]);
    expect(errors({ kind: 'deduction', count: 'violations', floor: 0 })).toEqual([['schema.required', [...RULE, 'per']]]);
    expect(errors({ kind: 'deduction', per: 1, floor: 0 })).toEqual([['schema.required', [...RULE]]]);
    expect(errors({ kind: 'deduction', count: 'violations', findings: true, per: 1, floor: 0 })).toEqual([['schema.required', [...RULE]]]);
    expect(errors({ kind: 'deduction', findings: true, floor: 0 })).toEqual([]);
  });
});

describe('rate', () => {
  const rate = (extra: Record<string, unknown> = {}) => ({
    kind: 'rate',
    numerator: 'onTime',
    base: 'resolved',
    whenBaseZero: 'zero',
    ...extra,
  });
  it.each([
    [0, 0],
    [39, 1.95],
    [79, 3.95],
    [80, 4],
    [100, 4],
  ])('max 4, target 80 %%: %d of 100 → %d', (n, expected) => {
    expect(pts(scoreLeaf(leafOf(rate({ target: 80 }), 4), { measures: { onTime: n, resolved: 100 } }), '1.1')).toBe(expected);
  });
  it('the trace shows the rate, the attainment and the points', () => {
    const s = step(scoreLeaf(leafOf(rate({ target: 80 }), 4), { measures: { onTime: 40, resolved: 100 } }));
    expect(s.steps.map((x) => x.calc)).toEqual(['40 ÷ 100 = 40%', 'min(1, 40 ÷ 80) = 0.5', '4 × 0.5 = 2']);
    expect(s.lost.map((l) => l.en)).toEqual(['rate 40% below 80%']);
    const full = step(scoreLeaf(leafOf(rate(), 4), { measures: { onTime: 120, resolved: 100 } }));
    expect(full.steps.map((x) => x.calc)).toEqual(['120 ÷ 100 = 120% → 100%', '4 × 1 = 4']);
    expect(full.lost).toEqual([]);
  });
  it('a missing base is missing evidence', () => {
    const c = scoreLeaf(leafOf(rate(), 4), { measures: { onTime: 3 } });
    expect(status(c, '1.1')).toBe('missing');
    expect(step(c).lost.map((l) => l.en)).toEqual(['missing evidence (resolved)']);
  });
  it('check: a target must be in (0, 100]; shareWith only with share, and only siblings', () => {
    expect(errors(rate({ target: 100 }))).toEqual([]);
    expect(errors(rate({ target: 0 }))).toEqual([['criteria.threshold-range', [...RULE, 'target']]]);
    expect(errors(rate({ target: 100.5 }))).toEqual([['criteria.threshold-range', [...RULE, 'target']]]);
    expect(errors(rate({ shareWith: ['1.2'] }))).toEqual([['criteria.share-target', [...RULE, 'shareWith']]]);
    expect(errors(rate({ whenBaseZero: 'share' }))).toEqual([['criteria.share-target', [...RULE, 'shareWith']]]);
    expect(errors(rate({ whenBaseZero: 'share', shareWith: ['9.9'] }))).toEqual([['criteria.share-target', [...RULE, 'shareWith', 0]]]);
    expect(errors(rate({ whenBaseZero: 'share', shareWith: ['1.1'] }))).toEqual([['criteria.share-target', [...RULE, 'shareWith', 0]]]);
  });
});

describe('task', () => {
  const task = (extra: Record<string, unknown> = {}) => ({ kind: 'task', task: 'plan', deadline: '2021-01-15', latePoints: 0.5, ...extra });
  it('no deadline: any completion is on time', () => {
    const s = step(scoreLeaf(leafOf({ kind: 'task', task: 'plan' }, 2), { tasks: { plan: { done: '2021-12-31' } } }));
    expect(s.steps.map((x) => [x.en, x.calc])).toEqual([['done on 2021-12-31 (no deadline)', '→ 2']]);
  });
  it('late with late points equal to the max loses nothing', () => {
    const c = scoreLeaf(leafOf(task({ latePoints: 2 }), 2), { tasks: { plan: { done: '2021-01-16' } } });
    expect(pts(c, '1.1')).toBe(2);
    expect(step(c).lost).toEqual([]);
    expect(step(c).steps.map((x) => x.calc)).toEqual(['→ 2']);
  });
  it('on time, the trace gives the date and the deadline', () => {
    const s = step(scoreLeaf(leafOf(task(), 2), { tasks: { plan: { done: '2021-01-14' } } }));
    expect(s.steps.map((x) => x.en)).toEqual(['done on 2021-01-14, deadline 2021-01-15: on time']);
    expect(s.lost).toEqual([]);
  });
  it('check: late points above the max', () => {
    expect(errors(task({ latePoints: 1 }))).toEqual([]);
    expect(errors(task({ latePoints: 1.5 }))).toEqual([['criteria.rule-exceeds-max', [...RULE, 'latePoints']]]);
  });
});
