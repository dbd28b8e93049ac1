/** Each rule kind at its edges, through the whole engine (load → evaluate), so every test is what a user gets. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { makeEvidence, makeSet, pts, scoreLeaf, status } from '../support/support.js';

const rate = (extra: Record<string, unknown> = {}) => ({
  rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'zero', ...extra },
});

describe('exact arithmetic', () => {
  it('97.75% of 2 points rounds half-up to 1.96, not 1.95 as binary floats would', () => {
    // 9775 / 10000 × 2 = 1.955 exactly; in floats 97.75 * 2 / 100 = 1.9549999…
    const card = scoreLeaf({ max: 2, ...rate() }, { measures: { onTime: 9775, resolved: 10000 } });
    expect(pts(card, '1.1')).toBe(1.96);
    expect(card.exact.total).toBe('49/25');
  });

  it('half-even rounding is honoured when declared', () => {
    const card = scoreLeaf({ max: 2, ...rate() }, { measures: { onTime: 9825, resolved: 10000 } }, { rounding: { mode: 'half-even' } });
    // 1.965 → 1.96 under half-even (6 is even), 1.97 under half-up.
    expect(pts(card, '1.1')).toBe(1.96);
  });
});

describe('task', () => {
  const leaf = { max: 2, rule: { kind: 'task', task: 'plan', deadline: '2021-01-15', latePoints: '0,5' } };
  it('done on the deadline day gets full points', () => {
    expect(pts(scoreLeaf(leaf, { tasks: { plan: { done: '2021-01-15' } } }), '1.1')).toBe(2);
  });
  it('done a day late gets the declared late points (comma decimal "0,5")', () => {
    const c = scoreLeaf(leaf, { tasks: { plan: { done: '2021-01-16' } } });
    expect(pts(c, '1.1')).toBe(0.5);
    const t = c.trace![0]!.children[0]!;
    expect(t.lostPoints).toBe(1.5);
    expect(t.lost[0]!.en).toMatch(/late/);
  });
  it('not done gets 0 and says so', () => {
    const c = scoreLeaf(leaf, { tasks: { plan: { done: false } } });
    expect(pts(c, '1.1')).toBe(0);
    expect(c.trace![0]!.children[0]!.lost[0]!.vi).toMatch(/chưa thực hiện/);
  });
  it("a unit's own deadline overrides the criteria's", () => {
    expect(pts(scoreLeaf(leaf, { tasks: { plan: { done: '2021-01-20', deadline: '2021-01-31' } } }), '1.1')).toBe(2);
  });
  it('absent task evidence is "missing evidence", 0 points, with a warning', () => {
    const c = scoreLeaf(leaf, {});
    expect(status(c, '1.1')).toBe('missing');
    expect(c.missing).toBe(1);
    expect(c.warnings.map((w) => w.code)).toContain('evidence.missing');
  });
});

describe('rate', () => {
  it('is proportional below the target and full at or above it', () => {
    expect(pts(scoreLeaf({ max: 4, ...rate({ target: 80 }) }, { measures: { onTime: 40, resolved: 100 } }), '1.1')).toBe(2);
    expect(pts(scoreLeaf({ max: 4, ...rate({ target: 80 }) }, { measures: { onTime: 80, resolved: 100 } }), '1.1')).toBe(4);
    expect(pts(scoreLeaf({ max: 4, ...rate({ target: 80 }) }, { measures: { onTime: 95, resolved: 100 } }), '1.1')).toBe(4);
  });
  it('clamps a numerator above its base at 100% and warns', () => {
    const c = scoreLeaf({ max: 4, ...rate() }, { measures: { onTime: 120, resolved: 100 } });
    expect(pts(c, '1.1')).toBe(4);
    expect(c.warnings.map((w) => w.code)).toContain('eval.rate-above-one');
  });
  it.each([
    ['full', 10, 'scored', 100],
    ['zero', 0, 'scored', 90],
    ['not-applicable', 0, 'not-applicable', 100],
  ] as const)('base zero under "%s" gives %d points (%s), index %d', (policy, points, st, index) => {
    const set = makeSet([
      {
        id: '1',
        title: 'F',
        max: 100,
        children: [
          { id: '1.1', title: 'a', max: 10, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: policy } },
          { id: '1.2', title: 'b', max: 90, rule: { kind: 'rate', numerator: 'received', base: 'received', whenBaseZero: 'zero' } },
        ],
      },
    ]);
    const c = evaluate(set, makeEvidence([{ measures: { onTime: 0, resolved: 0, received: 5 } }]))[0]!;
    expect(pts(c, '1.1')).toBe(points);
    expect(status(c, '1.1')).toBe(st);
    expect(c.index).toBe(index);
  });
  it('base zero under "share" gives the points to the named sibling, scaled by its attainment', () => {
    const set = makeSet(
      [
        {
          id: '1',
          title: 'F',
          max: 10,
          children: [
            {
              id: '1.1',
              title: 'a',
              max: 4,
              rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'share', shareWith: ['1.2'] },
            },
            { id: '1.2', title: 'b', max: 6, rule: { kind: 'rate', numerator: 'share', base: 'received', whenBaseZero: 'zero' } },
          ],
        },
      ],
      {
        measures: {
          onTime: { title: 'x', unit: 'count' },
          resolved: { title: 'x', unit: 'count' },
          received: { title: 'x', unit: 'count' },
          share: { title: 'x', unit: 'count' },
        },
      },
    );
    const c = evaluate(set, makeEvidence([{ measures: { onTime: 0, resolved: 0, share: 3, received: 4 } }]))[0]!;
    // 1.2 attains 3/4 of its 6 points = 4.5; it receives 1.1's 4 points of maximum: 4.5 × 10 ÷ 6 = 7.5 of 10.
    expect(status(c, '1.1')).toBe('shared');
    expect(pts(c, '1.2')).toBe(7.5);
    expect(c.total).toBe(7.5);
    expect(c.max).toBe(10);
    const sib = c.trace![0]!.children[1]!;
    expect(sib.steps.some((s) => s.en.includes('receives the points of 1.1'))).toBe(true);
  });
});

describe('bands', () => {
  const leaf = {
    max: 1,
    rule: {
      kind: 'bands',
      ratio: { numerator: 'onTime', base: 'resolved' },
      whenBaseZero: 'full',
      bands: [
        { min: 100, maxInclusive: true, max: 100, points: 1 },
        { min: 80, max: 100, points: 0.5 },
        { max: 80, points: 0 },
      ],
    },
  };
  it.each([
    [100, 1],
    [80, 0.5],
    [99.99, 0.5],
    [79.99, 0],
    [0, 0],
  ])('%d% → %d', (pct, expected) => {
    expect(pts(scoreLeaf(leaf, { measures: { onTime: Math.round(pct * 100), resolved: 10000 } }), '1.1')).toBe(expected);
  });
});

describe('deduction', () => {
  it('loses per violation down to the floor', () => {
    const leaf = { max: 1, rule: { kind: 'deduction', count: 'violations', per: 0.25, floor: 0 } };
    expect(pts(scoreLeaf(leaf, { measures: { violations: 2 } }), '1.1')).toBe(0.5);
    expect(pts(scoreLeaf(leaf, { measures: { violations: 9 } }), '1.1')).toBe(0);
  });
  it('goes below zero to a declared negative floor ("bị 0 điểm và bị trừ 0,25 điểm")', () => {
    const leaf = { max: 1, rule: { kind: 'deduction', count: 'violations', per: 0.25, floor: -0.25 } };
    const c = scoreLeaf(leaf, { measures: { violations: 9 } });
    expect(pts(c, '1.1')).toBe(-0.25);
    expect(c.total).toBe(-0.25);
  });
  it('stops at the cap', () => {
    const leaf = { max: 2, rule: { kind: 'deduction', count: 'violations', per: 0.5, floor: 0, cap: 1 } };
    expect(pts(scoreLeaf(leaf, { measures: { violations: 5 } }), '1.1')).toBe(1);
  });
  it('counts inspection findings and names each in the trace', () => {
    const leaf = { max: 1, rule: { kind: 'deduction', findings: true, per: 0.25, floor: 0 } };
    const c = scoreLeaf(leaf, {
      findings: [
        { id: 'F1', node: '1.1', description: 'Niêm yết TTHC không đầy đủ', source: 'Biên bản 03/TB-ĐKT' },
        { id: 'F2', node: '1.1', description: 'Sổ theo dõi hồ sơ thiếu', source: 'Biên bản 03/TB-ĐKT' },
      ],
    });
    expect(pts(c, '1.1')).toBe(0.5);
    const t = c.trace![0]!.children[0]!;
    expect(t.steps.filter((s) => /finding F\d/.test(s.en))).toHaveLength(2);
    expect(t.inputs.find((i) => i.kind === 'findings')).toMatchObject({ findings: [{ id: 'F1' }, { id: 'F2' }] });
  });
});

describe('appraisal', () => {
  const leaf = { max: 1, rule: { kind: 'appraisal' } };
  it('the latest appraisal round counts, and every round is in the trace', () => {
    const c = scoreLeaf(leaf, { appraisals: { '1.1': { self: 1, round1: 0.5, explanation: 'Đã bổ sung minh chứng', round2: 0.75 } } });
    expect(pts(c, '1.1')).toBe(0.75);
    const steps = c.trace![0]!.children[0]!.steps.map((s) => s.en).join(' | ');
    expect(steps).toMatch(/self-score.*round 1.*explanation.*round 2/);
  });
  it('round 1 counts when there is no round 2', () => {
    expect(pts(scoreLeaf(leaf, { appraisals: { '1.1': { self: 1, round1: 0.5 } } }), '1.1')).toBe(0.5);
  });
  it('clips to the max with a warning', () => {
    const c = scoreLeaf(leaf, { appraisals: { '1.1': { round1: 1.5 } } });
    expect(pts(c, '1.1')).toBe(1);
    expect(c.warnings.map((w) => w.code)).toContain('eval.appraisal-clipped');
  });
  it('a self-score alone is missing evidence unless the rule says to use it', () => {
    expect(status(scoreLeaf(leaf, { appraisals: { '1.1': { self: 1 } } }), '1.1')).toBe('missing');
    expect(pts(scoreLeaf({ max: 1, rule: { kind: 'appraisal', useSelfScore: true } }, { appraisals: { '1.1': { self: 1 } } }), '1.1')).toBe(
      1,
    );
  });
});

describe('survey', () => {
  it('linear against a target', () => {
    const leaf = { max: 10, rule: { kind: 'survey', index: 'sipas', target: 90 } };
    expect(pts(scoreLeaf(leaf, { surveys: { sipas: { value: 72, n: 300 } } }), '1.1')).toBe(8);
    expect(pts(scoreLeaf(leaf, { surveys: { sipas: 95 } }), '1.1')).toBe(10);
  });
  it('by bands, and the trace shows the index and its n', () => {
    const leaf = {
      max: 2,
      rule: {
        kind: 'survey',
        index: 'sipas',
        mode: 'bands',
        bands: [
          { min: 80, max: 100, maxInclusive: true, points: 2 },
          { min: 0, max: 80, points: 1 },
        ],
      },
    };
    const c = scoreLeaf(leaf, { surveys: { sipas: { value: 79.5, n: 250 } } });
    expect(pts(c, '1.1')).toBe(1);
    expect(c.trace![0]!.children[0]!.steps[0]!.en).toMatch(/79\.5%, n = 250/);
  });
});

describe('bonus and penalty blocks', () => {
  const tree = (withinMax: boolean) => [
    {
      id: '1',
      title: 'F',
      max: 10,
      children: [{ id: '1.1', title: 'a', max: 10, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'zero' } }],
    },
    {
      id: '2',
      title: 'Điểm thưởng',
      block: { kind: 'bonus', cap: 1.5, withinMax },
      children: [
        { id: '2.1', title: 'b1', max: 1, rule: { kind: 'task', task: 'award' } },
        { id: '2.2', title: 'b2', max: 1, rule: { kind: 'task', task: 'initiative' } },
      ],
    },
    {
      id: '3',
      title: 'Điểm trừ',
      block: { kind: 'penalty', cap: 2 },
      children: [{ id: '3.1', title: 'p1', max: 3, rule: { kind: 'deduction', count: 'violations', per: 1, floor: 0 } }],
    },
  ];
  it('a bonus is capped; a penalty subtracts; outside the max, the max stays 10', () => {
    const set = makeSet(tree(false));
    // 3.1 deducts 1 per violation from its 3: with 1 violation it scores 2, i.e. the block subtracts 2 (capped at 2).
    const c = evaluate(
      set,
      makeEvidence([
        {
          measures: { onTime: 8, resolved: 10, violations: 1 },
          tasks: { award: { done: '2021-05-01' }, initiative: { done: '2021-06-01' } },
        },
      ]),
    )[0]!;
    expect(pts(c, '2')).toBe(1.5);
    expect(pts(c, '3')).toBe(-2);
    expect(c.total).toBe(7.5);
    expect(c.max).toBe(10);
    expect(c.index).toBe(75);
  });
  it('inside the max, the bonus cap joins the maximum', () => {
    const set = makeSet(tree(true));
    const c = evaluate(
      set,
      makeEvidence([
        { measures: { onTime: 8, resolved: 10, violations: 3 }, tasks: { award: { done: '2021-05-01' }, initiative: { done: false } } },
      ]),
    )[0]!;
    expect(c.max).toBe(11.5);
    expect(pts(c, '2')).toBe(1);
    expect(pts(c, '3')).toBe(0);
    expect(c.total).toBe(9);
  });
});

describe('not applicable and rounding stages', () => {
  it('a node declared not applicable in the evidence leaves the maximum, with its reason in the trace', () => {
    const set = makeSet([
      {
        id: '1',
        title: 'F',
        max: 10,
        children: [
          { id: '1.1', title: 'a', max: 4, rule: { kind: 'task', task: 'x' } },
          { id: '1.2', title: 'b', max: 6, rule: { kind: 'task', task: 'y' } },
        ],
      },
    ]);
    const c = evaluate(
      set,
      makeEvidence([
        { tasks: { x: { done: '2021-02-01' } }, notApplicable: [{ node: '1.2', reason: 'Xã không có chợ', source: 'Công văn 12/UBND' }] },
      ]),
    )[0]!;
    expect(c.max).toBe(4);
    expect(c.index).toBe(100);
    expect(c.trace![0]!.children[1]!.steps[0]!.vi).toMatch(/Xã không có chợ.*Công văn 12\/UBND/);
  });
  it('stage "criterion" rounds sums of exact leaves, so parts add up at that level', () => {
    const set = makeSet(
      [
        {
          id: '1',
          title: 'F',
          max: 2,
          children: [
            {
              id: '1.1',
              title: 'c',
              max: 2,
              children: [
                { id: '1.1.1', title: 'a', max: 1, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'zero' } },
                { id: '1.1.2', title: 'b', max: 1, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'zero' } },
              ],
            },
          ],
        },
      ],
      { rounding: { stage: 'criterion' } },
    );
    const c = evaluate(set, makeEvidence([{ measures: { onTime: 1, resolved: 3 } }]))[0]!;
    // Each leaf is 1/3 exactly; the criterion rounds 2/3 → 0.67 (leaf rounding would give 0.33 + 0.33 = 0.66).
    expect(pts(c, '1.1')).toBe(0.67);
    expect(c.total).toBe(0.67);
    expect(c.nodes.find((n) => n.id === '1.1.1')!.exact).toBe('1/3');
  });
});
