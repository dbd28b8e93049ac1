/**
 * Issue 22, item 3: "not applicable", declared once in the criteria file. A node's `applies` condition removes it
 * from a unit's points and maximum whatever its rule kind; its `whenNotApplicable` redistributes its maximum over
 * any nodes, evenly ("chia đều cho các tiêu chí còn lại", Hải Phòng 212/2025 Phụ lục 03 I.5) or in proportion to
 * their maxima — exactly, with printed parts adding up to printed totals.
 */
import { describe, expect, it } from 'vitest';
import { checkCriteriaSet } from '../../src/criteria/load.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { readFileSync } from 'node:fs';
import type { ScoreCard, TraceNode } from '../../src/engine/types.js';
import { criteriaDoc, issuesOf, makeEvidence, makeSet, pts, status } from '../support/support.js';

const leaf = (id: string, max: number, extra: Record<string, unknown> = {}) => ({
  id,
  title: `Tiêu chí ${id}`,
  max,
  rule: { kind: 'appraisal' },
  ...extra,
});
const node = (id: string, id2: string) => (c: ScoreCard) => c.nodes.find((n) => n.id === id2 || n.id === id)!;
const appraised = (xs: Record<string, number>) => Object.fromEntries(Object.entries(xs).map(([k, v]) => [k, { round1: v }]));
const find = (t: readonly TraceNode[], id: string): TraceNode | undefined => {
  for (const n of t) {
    if (n.id === id) return n;
    const k = find(n.children, id);
    if (k) return k;
  }
  return undefined;
};
const contact = {
  attribute: 'tiep-xuc',
  equals: true,
  title: 'vị trí tiếp xúc trực tiếp người dân',
  titleEn: 'a position in contact with the public',
};

describe('applies: not assigned ⇒ not scored, on any rule kind', () => {
  const tree = [
    {
      id: '1',
      title: 'Nhiệm vụ',
      max: 10,
      children: [
        {
          id: '1.1',
          title: 'Ban hành kế hoạch',
          max: 4,
          rule: { kind: 'task', task: 'ke-hoach' },
          applies: { attribute: 'giao-ke-hoach', equals: true },
        },
        { id: '1.2', title: 'Tỷ lệ đúng hạn', max: 6, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'zero' } },
      ],
    },
  ];
  it('a task criterion not assigned leaves both the points and the maximum: 3 of 6 is index 50', () => {
    const [c] = evaluate(makeSet(tree), makeEvidence([{ attributes: { 'giao-ke-hoach': false }, measures: { onTime: 5, resolved: 10 } }]));
    // 1.2: 6 × 5 ÷ 10 = 3; 1.1 leaves the maximum: 10 − 4 = 6; index 3 ÷ 6 × 100 = 50.
    expect([pts(c!, '1.1'), status(c!, '1.1'), c!.total, c!.max, c!.index]).toEqual([0, 'not-applicable', 3, 6, 50]);
    expect(find(c!.trace!, '1.1')!.steps.map((s) => s.en)).toEqual(['does not apply: giao-ke-hoach = false (needs = true) → not met']);
  });
  it('assigned, the task is scored as usual', () => {
    const [c] = evaluate(
      makeSet(tree),
      makeEvidence([
        { attributes: { 'giao-ke-hoach': true }, tasks: { 'ke-hoach': { done: '2021-01-10' } }, measures: { onTime: 5, resolved: 10 } },
      ]),
    );
    expect([pts(c!, '1.1'), c!.total, c!.max]).toEqual([4, 7, 10]);
  });
  it('without the attribute the run stops, unless the criteria declare what that means', () => {
    const issues = issuesOf(() => evaluate(makeSet(tree), makeEvidence([{ measures: { onTime: 5, resolved: 10 } }])));
    expect(issues.map((i) => [i.code, i.unit, i.node])).toEqual([['eval.condition-missing', 'u1', '1.1']]);
    const t2 = structuredClone(tree);
    (t2[0]!.children[0] as Record<string, unknown>)['applies'] = { attribute: 'giao-ke-hoach', equals: true, whenMissing: 'pass' };
    const [c] = evaluate(makeSet(t2), makeEvidence([{ measures: { onTime: 5, resolved: 10 } }]));
    // Applies as declared: the task is missing, 0 of 4; 3 of 10.
    expect([status(c!, '1.1'), c!.total, c!.max]).toEqual(['missing', 3, 10]);
    expect(c!.warnings.find((w) => w.code === 'eval.condition-missing')?.severity).toBe('warning');
  });
  it('a measure condition: no dossiers received ⇒ not applicable', () => {
    const t3 = structuredClone(tree);
    (t3[0]!.children[1] as Record<string, unknown>)['applies'] = { measure: 'received', min: 1 };
    const [c] = evaluate(
      makeSet(t3),
      makeEvidence([{ attributes: { 'giao-ke-hoach': true }, tasks: { 'ke-hoach': { done: '2021-01-10' } }, measures: { received: 0 } }]),
    );
    expect([status(c!, '1.2'), c!.total, c!.max, c!.index]).toEqual(['not-applicable', 4, 4, 100]);
  });
});

/** Phụ lục 03 section I in small: three criteria of 2 points and I.5 of 4 points for positions with public contact. */
const section = (mode: 'even' | 'proportional', maxima = [2, 2, 2], extra: Record<string, unknown> = {}) => [
  {
    id: 'I',
    title: 'Tiêu chí chung',
    max: maxima.reduce((a, b) => a + b, 0) + 4,
    children: [
      ...maxima.map((m, i) => leaf(`I.${i + 1}`, m)),
      leaf('I.5', 4, { applies: contact, whenNotApplicable: { redistribute: mode, over: maxima.map((_, i) => `I.${i + 1}`) }, ...extra }),
    ],
  },
];

describe('whenNotApplicable: redistribute evenly', () => {
  it('4 points over 3 criteria: 4/3 each, exactly; a full unit scores 10/3 per criterion, printed 3.33', () => {
    const s = makeSet(section('even'));
    const [c] = evaluate(s, makeEvidence([{ attributes: { 'tiep-xuc': false }, appraisals: appraised({ 'I.1': 2, 'I.2': 2, 'I.3': 2 }) }]));
    // Each max 2 + 4/3 = 10/3; points 2 × (10/3) ÷ 2 = 10/3 = 3.333… → 3.33 (leaf rounding, half-up, never above 10/3).
    for (const id of ['I.1', 'I.2', 'I.3']) {
      const n = c!.nodes.find((x) => x.id === id)!;
      expect([n.exactMax, n.points, n.exact]).toEqual(['10/3', 3.33, '333/100']);
    }
    // The parts add up to the printed total: 3.33 × 3 = 9.99, of a maximum 2 × 3 + 4 = 10.
    expect([status(c!, 'I.5'), c!.total, c!.exact.max, c!.index]).toEqual(['shared', 9.99, '10', 99.9]);
    const t = c!.trace!;
    expect(find(t, 'I.5')!.steps.map((x) => x.en)).toEqual([
      'does not apply: a position in contact with the public: tiep-xuc = false (needs = true) → not met',
      'its maximum 4 is spread evenly over I.1, I.2, I.3',
    ]);
    expect(find(t, 'I.1')!.steps.map((x) => `${x.en} ${x.calc ?? ''}`)).toContain(
      'receives the points of I.5 (not applicable, spread evenly): max 2 + ≈1.333333 2 × ≈3.333333 ÷ 2 = ≈3.333333',
    );
  });
  it('rounded at the field instead, the exact 10/3 parts make 10 of 10', () => {
    const s = makeSet(section('even'), { rounding: { stage: 'field' } });
    const [c] = evaluate(s, makeEvidence([{ attributes: { 'tiep-xuc': false }, appraisals: appraised({ 'I.1': 2, 'I.2': 2, 'I.3': 2 }) }]));
    expect([c!.total, c!.index]).toEqual([10, 100]);
  });
  it('a rounding override (what-if, rank uncertainty) redistributes as the set so declared would', () => {
    const s = makeSet(section('even'));
    const [c] = evaluate(
      s,
      makeEvidence([{ attributes: { 'tiep-xuc': false }, appraisals: appraised({ 'I.1': 2, 'I.2': 2, 'I.3': 2 }) }]),
      {
        rounding: { stage: 'field' },
      },
    );
    expect([c!.total, c!.index]).toEqual([10, 100]);
  });
  it('a unit with 1, 2 and 2 points gets 5/3, 10/3 and 10/3: printed 1.67 + 3.33 + 3.33 = 8.33', () => {
    const s = makeSet(section('even'));
    const [c] = evaluate(s, makeEvidence([{ attributes: { 'tiep-xuc': false }, appraisals: appraised({ 'I.1': 1, 'I.2': 2, 'I.3': 2 }) }]));
    // 1 × (10/3) ÷ 2 = 5/3 = 1.666… → 1.67.
    expect([pts(c!, 'I.1'), pts(c!, 'I.2'), pts(c!, 'I.3'), c!.total]).toEqual([1.67, 3.33, 3.33, 8.33]);
  });
  it('a unit for which I.5 applies is scored as printed', () => {
    const s = makeSet(section('even'));
    const [c] = evaluate(
      s,
      makeEvidence([{ attributes: { 'tiep-xuc': true }, appraisals: appraised({ 'I.1': 2, 'I.2': 2, 'I.3': 1, 'I.5': 3 }) }]),
    );
    expect([pts(c!, 'I.1'), pts(c!, 'I.3'), pts(c!, 'I.5'), c!.total, c!.max]).toEqual([2, 1, 3, 8, 10]);
  });
  it("the evidence's own notApplicable entry redistributes too", () => {
    const s = makeSet(section('even', [2, 2]), {});
    const [c] = evaluate(
      s,
      makeEvidence([
        {
          attributes: { 'tiep-xuc': true },
          appraisals: appraised({ 'I.1': 1, 'I.2': 2 }),
          notApplicable: [{ node: 'I.5', reason: 'không tiếp xúc' }],
        },
      ]),
    );
    // 4 ÷ 2 = 2 each: I.1 max 4, 1 × 4 ÷ 2 = 2; I.2 2 × 4 ÷ 2 = 4.
    expect([pts(c!, 'I.1'), pts(c!, 'I.2'), c!.total, c!.max]).toEqual([2, 4, 6, 8]);
  });
  it('even over groups: each named group gets the same part, passed to its leaves in proportion to their maxima', () => {
    // Phụ lục 03 I.5 in small: two criteria of two 1-point leaves; 2 points spread evenly: +1 per criterion, +0.5 per leaf.
    const tree = [
      {
        id: 'I',
        title: 'Tiêu chí chung',
        max: 6,
        children: [
          { id: 'I.1', title: 'Chính trị tư tưởng', max: 2, children: [leaf('I.1.a', 1), leaf('I.1.b', 1)] },
          { id: 'I.2', title: 'Đạo đức, lối sống', max: 2, children: [leaf('I.2.a', 1), leaf('I.2.b', 1)] },
          leaf('I.5', 2, { applies: contact, whenNotApplicable: { redistribute: 'even', over: ['I.1', 'I.2'] } }),
        ],
      },
    ];
    const [c] = evaluate(
      makeSet(tree),
      makeEvidence([{ attributes: { 'tiep-xuc': false }, appraisals: appraised({ 'I.1.a': 1, 'I.1.b': 0.5, 'I.2.a': 1, 'I.2.b': 1 }) }]),
    );
    // I.1.a: 1 × 1.5 ÷ 1 = 1.5; I.1.b: 0.5 × 1.5 = 0.75; I.1 = 2.25 of 3; I.2 = 3 of 3; total 5.25 of 6.
    expect([pts(c!, 'I.1.a'), pts(c!, 'I.1.b'), pts(c!, 'I.1'), node('I.1', 'I.1')(c!).max, pts(c!, 'I.2'), c!.total, c!.max]).toEqual([
      1.5, 0.75, 2.25, 3, 3, 5.25, 6,
    ]);
  });
  it('even with unequal groups: the part per named node is the same, not per point', () => {
    const tree = [
      {
        id: '1',
        title: 'A',
        max: 9,
        children: [
          { id: '1.1', title: 'B', max: 3, children: [leaf('1.1.1', 1), leaf('1.1.2', 2)] },
          leaf('1.2', 3),
          leaf('1.3', 3, { applies: contact, whenNotApplicable: { redistribute: 'even', over: ['1.1', '1.2'] } }),
        ],
      },
    ];
    const [c] = evaluate(
      makeSet(tree),
      makeEvidence([{ attributes: { 'tiep-xuc': false }, appraisals: appraised({ '1.1.1': 1, '1.1.2': 2, '1.2': 3 }) }]),
    );
    // 3 ÷ 2 = 1.5 to 1.1 (0.5 to 1.1.1, 1 to 1.1.2: in proportion 1 : 2) and 1.5 to 1.2; full marks stay full.
    expect([node('', '1.1.1')(c!).max, node('', '1.1.2')(c!).max, node('', '1.2')(c!).max, c!.total, c!.max]).toEqual([1.5, 3, 4.5, 9, 9]);
  });
});

describe('whenNotApplicable: redistribute in proportion to maxima', () => {
  it("a rate whose base is 0 under whenBaseZero: not-applicable follows the node's whenNotApplicable", () => {
    const tree = [
      {
        id: '1',
        title: 'A',
        max: 10,
        children: [
          leaf('1.1', 2),
          leaf('1.2', 6),
          {
            id: '1.3',
            title: 'Tỷ lệ đúng hạn',
            max: 2,
            rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'not-applicable' },
            whenNotApplicable: { redistribute: 'proportional', over: ['1.1', '1.2'] },
          },
        ],
      },
    ];
    const [c] = evaluate(
      makeSet(tree),
      makeEvidence([{ appraisals: appraised({ '1.1': 1, '1.2': 6 }), measures: { onTime: 0, resolved: 0 } }]),
    );
    // 2 points in proportion 2 : 6: 1.1 max 2.5, 1 × 2.5 ÷ 2 = 1.25; 1.2 max 7.5, 6 × 7.5 ÷ 6 = 7.5; 8.75 of 10.
    expect([pts(c!, '1.1'), pts(c!, '1.2'), status(c!, '1.3'), c!.total, c!.max]).toEqual([1.25, 7.5, 'shared', 8.75, 10]);
  });
  it('a group that does not apply gives its whole maximum', () => {
    const tree = [
      { id: '1', title: 'A', max: 4, children: [leaf('1.1', 4)] },
      {
        id: '2',
        title: 'B',
        max: 6,
        applies: contact,
        whenNotApplicable: { redistribute: 'proportional', over: ['1'] },
        children: [leaf('2.1', 3), leaf('2.2', 3)],
      },
    ];
    const [c] = evaluate(makeSet(tree), makeEvidence([{ attributes: { 'tiep-xuc': false }, appraisals: appraised({ '1.1': 3 }) }]));
    // 1.1 max 4 + 6 = 10, points 3 × 10 ÷ 4 = 7.5; field 2 gives all, its leaves do not apply.
    expect([pts(c!, '1.1'), c!.fields.map((f) => f.status), status(c!, '2.1'), c!.total, c!.max]).toEqual([
      7.5,
      ['scored', 'shared'],
      'not-applicable',
      7.5,
      10,
    ]);
  });

  it('4 points over maxima 1 and 3: 1 and 3', () => {
    const [c] = evaluate(
      makeSet(section('proportional', [1, 3])),
      makeEvidence([{ attributes: { 'tiep-xuc': false }, appraisals: appraised({ 'I.1': 0.5, 'I.2': 3 }) }]),
    );
    // I.1: max 1 + 4 × 1/4 = 2, points 0.5 × 2 ÷ 1 = 1; I.2: max 3 + 3 = 6, points 3 × 6 ÷ 3 = 6.
    expect([pts(c!, 'I.1'), node('', 'I.1')(c!).max, pts(c!, 'I.2'), node('', 'I.2')(c!).max, c!.total, c!.max]).toEqual([
      1, 2, 6, 6, 7, 8,
    ]);
  });
  it('across fields: a criterion of field 1 spread over field 2 moves maximum between fields', () => {
    const tree = [
      {
        id: '1',
        title: 'A',
        max: 5,
        children: [leaf('1.1', 3), leaf('1.2', 2, { applies: contact, whenNotApplicable: { redistribute: 'proportional', over: ['2'] } })],
      },
      { id: '2', title: 'B', max: 5, children: [leaf('2.1', 1), leaf('2.2', 4)] },
    ];
    const [c] = evaluate(
      makeSet(tree),
      makeEvidence([{ attributes: { 'tiep-xuc': false }, appraisals: appraised({ '1.1': 3, '2.1': 1, '2.2': 2 }) }]),
    );
    // 2 points over field 2 in proportion 1 : 4: 2.1 max 1.4, 1 × 1.4 = 1.4; 2.2 max 5.6, 2 × 5.6 ÷ 4 = 2.8.
    expect([c!.fields[0]!.max, c!.fields[1]!.max, pts(c!, '2.1'), pts(c!, '2.2'), c!.total, c!.max]).toEqual([3, 7, 1.4, 2.8, 7.2, 10]);
  });
  it('a named node that does not apply either receives nothing; none at all: the points leave the maximum, with a warning', () => {
    const tree = [
      {
        id: '1',
        title: 'A',
        max: 6,
        children: [
          leaf('1.1', 2, { applies: { attribute: 'x', equals: true } }),
          leaf('1.2', 4, { applies: contact, whenNotApplicable: { redistribute: 'even', over: ['1.1'] } }),
        ],
      },
    ];
    const [c] = evaluate(makeSet(tree), makeEvidence([{ attributes: { 'tiep-xuc': false, x: false } }]));
    expect([status(c!, '1.2'), c!.max, c!.index]).toEqual(['not-applicable', 0, null]);
    expect(c!.warnings.map((w) => w.code)).toContain('eval.shared-points');
  });
});

describe('check refuses share targets it cannot score', () => {
  const errors = (tree: unknown[]) =>
    checkCriteriaSet(criteriaDoc(tree))
      .issues.filter((i) => i.severity === 'error')
      .map((i) => `${i.code} ${i.path.join('.')}`);
  it('whenNotApplicable naming an unknown node, itself, its parent, a node twice or one inside another', () => {
    const tree = [
      {
        id: '1',
        title: 'A',
        max: 6,
        children: [
          { id: '1.1', title: 'B', max: 2, children: [leaf('1.1.1', 2)] },
          leaf('1.2', 4, { applies: contact, whenNotApplicable: { redistribute: 'even', over: ['9', '1.2', '1', '1.1', '1.1', '1.1.1'] } }),
        ],
      },
    ];
    expect(errors(tree)).toEqual([
      'criteria.share-target tree.0.children.1.whenNotApplicable.over.0',
      'criteria.share-target tree.0.children.1.whenNotApplicable.over.1',
      'criteria.share-target tree.0.children.1.whenNotApplicable.over.2',
      'criteria.share-target tree.0.children.1.whenNotApplicable.over.4',
      'criteria.share-target tree.0.children.1.whenNotApplicable.over.5',
    ]);
  });
  it('whenBaseZero: share naming a sibling group, which the sibling share would leave out, is refused', () => {
    // Before issue 22 check accepted this and scoring then ignored 1.1 with a warning.
    const tree = [
      {
        id: '1',
        title: 'A',
        max: 6,
        children: [
          { id: '1.1', title: 'B', max: 2, children: [leaf('1.1.1', 2)] },
          {
            id: '1.2',
            title: 'C',
            max: 4,
            rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'share', shareWith: ['1.1'] },
          },
        ],
      },
    ];
    const found = checkCriteriaSet(criteriaDoc(tree)).issues.filter((i) => i.severity === 'error');
    expect(found.map((i) => `${i.code} ${i.path.join('.')}`)).toEqual(['criteria.share-target tree.0.children.1.rule.shareWith.0']);
    expect(found[0]!.message).toMatch(/whenNotApplicable: \{ redistribute, over \}/);
  });
  it('applies may not read points; its measure must be declared', () => {
    const tree = [{ id: '1', title: 'A', max: 2, children: [leaf('1.1', 2, { applies: { measure: 'nope', min: 1 } })] }];
    expect(errors(tree)).toEqual(['criteria.undeclared-measure tree.0.children.0.applies.measure']);
  });
  it.each(['criteria/examples/van-lam-commune-2021.yaml', 'criteria/examples/van-lam-commune-2022.yaml'])(
    'the shipped set %s, whose sibling share names a leaf, still passes',
    (f) => {
      const r = checkCriteriaSet(readFileSync(f, 'utf8'), { file: f });
      expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    },
  );
});

describe('sharing among siblings that cannot receive (whenBaseZero: share)', () => {
  it('a node whose siblings cannot receive its points does not apply, with the warning that says so', () => {
    // 1.1 shares its 2 points when no dossier was resolved; its only sibling 1.2 is declared not applicable.
    const tree = [
      {
        id: '1',
        title: 'A',
        max: 6,
        children: [
          {
            id: '1.1',
            title: 'Hồ sơ đúng hạn',
            max: 2,
            rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'share', shareWith: ['1.2'] },
          },
          { id: '1.2', title: 'Kế hoạch', max: 4, rule: { kind: 'task', task: 'plan' } },
        ],
      },
    ];
    const measures = {
      onTime: { title: 'Đúng hạn', unit: 'count' },
      resolved: { title: 'Đã giải quyết', unit: 'count' },
    };
    const [c] = evaluate(
      makeSet(tree, { measures }),
      makeEvidence([
        {
          measures: { onTime: 0, resolved: 0 },
          notApplicable: [{ node: '1.2', reason: 'không giao', source: 'Quyết định (minh họa)' }],
        },
      ]),
    );
    // Nothing applies: both leaves leave the maximum, and the index is undefined.
    expect([status(c!, '1.1'), status(c!, '1.2'), c!.total, c!.max, c!.index]).toEqual(['not-applicable', 'not-applicable', 0, 0, null]);
    expect(
      c!.warnings.filter((w) => w.code === 'eval.shared-points').map((w) => [w.severity, w.node, w.unit, w.message, w.messageVi]),
    ).toEqual([
      [
        'warning',
        '1.1',
        c!.unit.id,
        'node 1.1: no case arose and none of 1.2 can receive its points: treated as not applicable',
        'tiêu chí 1.1: không phát sinh và không tiêu chí nào nhận được điểm: coi như không áp dụng',
      ],
    ]);
  });

  const measures = {
    onTime: { title: 'Đúng hạn', unit: 'count' },
    resolved: { title: 'Đã giải quyết', unit: 'count' },
  };
  const sharer = (to: string[]) => ({
    id: '1.1',
    title: 'Hồ sơ đúng hạn',
    max: 2,
    rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'share', shareWith: to },
  });
  const noDossiers = { onTime: 0, resolved: 0 };

  it('the warning names every sibling it tried, and the trace says why the node left the maximum', () => {
    const tree = [{ id: '1', title: 'A', max: 9, children: [sharer(['1.2', '1.3']), leaf('1.2', 4), leaf('1.3', 3)] }];
    const na = (node: string) => ({ node, reason: 'không giao', source: 'Quyết định (minh họa)' });
    const [c] = evaluate(makeSet(tree, { measures }), makeEvidence([{ measures: noDossiers, notApplicable: [na('1.2'), na('1.3')] }]), {
      trace: true,
    });
    const w = c!.warnings.filter((x) => x.code === 'eval.shared-points');
    expect(w.map((x) => [x.message, x.path])).toEqual([
      ['node 1.1: no case arose and none of 1.2, 1.3 can receive its points: treated as not applicable', []],
    ]);
    expect(find(c!.trace!, '1.1')!.steps.map((s) => s.en)).toContain('no sibling can receive the points → not applicable');
  });

  it('a sibling whose evidence is missing still receives the points (0 of the larger maximum)', () => {
    // 1.2 has no record of its task: "missing", 0 points — but it is scored, so 1.1's 2 points go to it: max 4 + 2 = 6.
    const tree = [
      {
        id: '1',
        title: 'A',
        max: 6,
        children: [sharer(['1.2']), { id: '1.2', title: 'Kế hoạch', max: 4, rule: { kind: 'task', task: 'plan' } }],
      },
    ];
    const [c] = evaluate(makeSet(tree, { measures }), makeEvidence([{ measures: noDossiers }]), { trace: true });
    expect([status(c!, '1.1'), status(c!, '1.2'), c!.total, c!.max, c!.index]).toEqual(['shared', 'missing', 0, 6, 0]);
    expect(c!.nodes.find((n) => n.id === '1.2')!.max).toBe(6);
    // 0 × (4 + 2) ÷ 4 = 0.
    expect(find(c!.trace!, '1.2')!.steps.filter((s) => s.en.startsWith('receives'))).toEqual([
      {
        en: 'receives the points of 1.1 (no case arose): max 4 + 2',
        vi: 'nhận điểm của tiêu chí 1.1 (không phát sinh): điểm tối đa 4 + 2',
        calc: '0 × 6 ÷ 4 = 0',
      },
    ]);
  });

  it('a redistributed sibling and a sharing sibling in one group: both settle into the receiver', () => {
    // 1.2 (2 points) does not apply and spreads its maximum over 1.3: 1.3's max 4 + 2 = 6, its 2 points × 6 ÷ 4 = 3.
    // Then 1.1 (2 points, no dossiers) shares with 1.3: max 6 + 2 = 8, points 3 × 8 ÷ 6 = 4. Total 4 of 8: index 50.
    const tree = [
      {
        id: '1',
        title: 'A',
        max: 8,
        children: [
          sharer(['1.3']),
          leaf('1.2', 2, { applies: contact, whenNotApplicable: { redistribute: 'even', over: ['1.3'] } }),
          leaf('1.3', 4),
        ],
      },
    ];
    const [c] = evaluate(
      makeSet(tree, { measures }),
      makeEvidence([{ attributes: { 'tiep-xuc': false }, measures: noDossiers, appraisals: appraised({ '1.3': 2 }) }]),
    );
    expect([status(c!, '1.1'), status(c!, '1.2'), pts(c!, '1.3'), c!.total, c!.max, c!.index]).toEqual(['shared', 'shared', 4, 4, 8, 50]);
  });
});
