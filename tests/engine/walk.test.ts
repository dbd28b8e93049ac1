/**
 * The engine's walk over one unit: what a rule reports reaches the card as it said it, an `applies` condition
 * whose evidence is missing says what happens in both languages, the trace says why a node left the maximum, and a
 * redistribution over a group passes by its leaves that no longer apply. (Issue 27: engine-walk's survivors.)
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import type { TraceNode } from '../../src/engine/types.js';
import { issuesOf, makeEvidence, makeSet, pts, status } from '../support/support.js';

const find = (t: readonly TraceNode[], id: string): TraceNode | undefined => {
  for (const n of t) {
    if (n.id === id) return n;
    const k = find(n.children, id);
    if (k) return k;
  }
  return undefined;
};
const group = (children: unknown[]) => [{ id: '1', title: 'Lĩnh vực 1', max: 10, children }];
const warningsOf = (
  c: {
    warnings: readonly {
      code: string;
      severity: string;
      unit?: string;
      node?: string;
      path: readonly unknown[];
      message: string;
      messageVi: string;
    }[];
  },
  code: string,
) =>
  c.warnings
    .filter((w) => w.code === code)
    .map((w) => ({ severity: w.severity, unit: w.unit, node: w.node, path: w.path, message: w.message, messageVi: w.messageVi }));

describe("a rule's warnings reach the card as the rule said them", () => {
  it('with the code the rule gave (a rate above 100 %)', () => {
    const tree = group([
      { id: '1.1', title: 'Đúng hạn', max: 10, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'zero' } },
    ]);
    const [c] = evaluate(makeSet(tree), makeEvidence([{ measures: { onTime: 12, resolved: 10 } }]));
    // 12 of 10 on time: the rate is clamped at 1, all 10 points.
    expect(pts(c!, '1.1')).toBe(10);
    expect(warningsOf(c!, 'eval.rate-above-one')).toEqual([
      {
        severity: 'warning',
        unit: 'u1',
        node: '1.1',
        path: [],
        message: 'node 1.1: numerator onTime (12) exceeds base resolved (10): the rate is clamped at 100%',
        messageVi: 'tiêu chí 1.1: tử số onTime (12) lớn hơn mẫu số resolved (10): tỷ lệ được giới hạn ở 100%',
      },
    ]);
  });
});

describe('an applies condition whose evidence is missing', () => {
  const tree = (whenMissing?: 'pass' | 'fail') =>
    group([
      {
        id: '1.1',
        title: 'Hồ sơ trực tuyến',
        max: 4,
        rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'zero' },
        applies: { measure: 'received', min: 1, ...(whenMissing ? { whenMissing } : {}) },
      },
      { id: '1.2', title: 'Kế hoạch', max: 6, rule: { kind: 'task', task: 'plan' } },
    ]);
  const unit = { measures: { onTime: 3, resolved: 4 }, tasks: { plan: { done: '2021-01-10' } } };

  it('undeclared, stops the run with an error that says how to go on', () => {
    const issues = issuesOf(() => evaluate(makeSet(tree()), makeEvidence([unit])));
    expect(issues.map((i) => [i.code, i.severity, i.unit, i.node, i.message, i.messageVi])).toEqual([
      [
        'eval.condition-missing',
        'error',
        'u1',
        '1.1',
        'node 1.1: whether it applies cannot be read (received): give the evidence, or declare applies.whenMissing: fail or pass',
        'tiêu chí 1.1: không xác định được có áp dụng hay không (received): bổ sung minh chứng, hoặc khai báo applies.whenMissing: fail hoặc pass',
      ],
    ]);
  });

  it('whenMissing: pass — it applies, with a warning that says so', () => {
    const [c] = evaluate(makeSet(tree('pass')), makeEvidence([unit]));
    // 1.1: 4 × 3 ÷ 4 = 3; 1.2 on time: 6. Total 9 of 10.
    expect([status(c!, '1.1'), pts(c!, '1.1'), c!.total, c!.max]).toEqual(['scored', 3, 9, 10]);
    expect(warningsOf(c!, 'eval.condition-missing').map((w) => [w.severity, w.path, w.message, w.messageVi])).toEqual([
      [
        'warning',
        [],
        'node 1.1: whether it applies cannot be read (received); it applies, as declared',
        'tiêu chí 1.1: không xác định được có áp dụng hay không (received); áp dụng theo quy định',
      ],
    ]);
  });

  it('with the evidence there, no warning at all', () => {
    // received 0 < 1: 1.1 does not apply (6 of 6); received 2: it applies, 3 + 6 = 9 of 10. Neither reads a missing value.
    for (const [received, total, max] of [
      [0, 6, 6],
      [2, 9, 10],
    ] as const) {
      const [c] = evaluate(makeSet(tree('fail')), makeEvidence([{ ...unit, measures: { ...unit.measures, received } }]));
      expect([c!.total, c!.max, c!.warnings.map((w) => w.code)]).toEqual([total, max, []]);
    }
  });

  it('whenMissing: fail — it does not apply, and the trace says why in both languages', () => {
    const [c] = evaluate(makeSet(tree('fail')), makeEvidence([unit]), { trace: true });
    // 1.1 leaves the maximum: 6 of 6.
    expect([status(c!, '1.1'), c!.total, c!.max, c!.index]).toEqual(['not-applicable', 6, 6, 100]);
    expect(warningsOf(c!, 'eval.condition-missing').map((w) => [w.message, w.messageVi])).toEqual([
      [
        'node 1.1: whether it applies cannot be read (received); it does not apply, as declared',
        'tiêu chí 1.1: không xác định được có áp dụng hay không (received); không áp dụng theo quy định',
      ],
    ]);
    const steps = find(c!.trace!, '1.1')!.steps;
    expect(steps.map((s) => s.en)).toEqual([expect.stringMatching(/^does not apply: /)]);
    expect(steps.map((s) => s.vi)).toEqual([expect.stringMatching(/^không áp dụng: /)]);
  });
});

describe('a node the evidence declares not applicable', () => {
  it('the trace gives the reason and its source, not the applies wording', () => {
    const tree = group([
      { id: '1.1', title: 'A', max: 4, rule: { kind: 'task', task: 'plan' } },
      { id: '1.2', title: 'B', max: 6, rule: { kind: 'task', task: 'report' } },
    ]);
    const [c] = evaluate(
      makeSet(tree),
      makeEvidence([
        {
          tasks: { report: { done: '2021-01-10' } },
          notApplicable: [{ node: '1.1', reason: 'không giao nhiệm vụ', source: 'Quyết định 9/QĐ-UBND' }],
        },
      ]),
      { trace: true },
    );
    expect([status(c!, '1.1'), c!.total, c!.max]).toEqual(['not-applicable', 6, 6]);
    expect(find(c!.trace!, '1.1')!.steps.map((s) => [s.en, s.vi])).toEqual([
      [
        'not applicable to the unit: không giao nhiệm vụ (Quyết định 9/QĐ-UBND)',
        'không áp dụng cho đơn vị: không giao nhiệm vụ (Quyết định 9/QĐ-UBND)',
      ],
    ]);
  });
});

describe('redistributing over a group passes by its leaves that do not apply', () => {
  it("a group's leaf declared not applicable receives nothing; its sibling receives the whole part", () => {
    // 2 (4 points) does not apply and spreads evenly over groups 1 and 3. Nothing of 3 applies, so 1 takes the whole
    // 4 (not half of it), and in 1 only 1.1 (max 3, 3 points) receives, 1.2 not applying: max 3 + 4 = 7, points
    // 3 × 7 ÷ 3 = 7. Total 7 of 7.
    const tree = [
      {
        id: '1',
        title: 'A',
        max: 6,
        children: [
          { id: '1.1', title: 'A1', max: 3, rule: { kind: 'appraisal' } },
          { id: '1.2', title: 'A2', max: 3, rule: { kind: 'appraisal' } },
        ],
      },
      {
        id: '2',
        title: 'B',
        max: 4,
        children: [
          {
            id: '2.1',
            title: 'B1',
            max: 4,
            rule: { kind: 'appraisal' },
            applies: { attribute: 'tiep-xuc', equals: true },
            whenNotApplicable: { redistribute: 'even', over: ['1', '3'] },
          },
        ],
      },
      { id: '3', title: 'C', max: 2, children: [{ id: '3.1', title: 'C1', max: 2, rule: { kind: 'appraisal' } }] },
    ];
    const [c] = evaluate(
      makeSet(tree),
      makeEvidence([
        {
          attributes: { 'tiep-xuc': false },
          appraisals: { '1.1': { round1: 3 } },
          notApplicable: [
            { node: '1.2', reason: 'không giao', source: 'Quyết định (minh họa)' },
            { node: '3.1', reason: 'không giao', source: 'Quyết định (minh họa)' },
          ],
        },
      ]),
      { trace: true },
    );
    expect([pts(c!, '1.1'), c!.nodes.find((n) => n.id === '1.1')!.max, status(c!, '1.2'), c!.total, c!.max, c!.index]).toEqual([
      7,
      7,
      'not-applicable',
      7,
      7,
      100,
    ]);
    expect(find(c!.trace!, '2.1')!.steps.map((x) => x.en)).toContain('its maximum 4 is spread evenly over 1');
  });
});

describe('combining children into their parent', () => {
  const na = (node: string) => ({ node, reason: 'không giao', source: 'Quyết định (minh họa)' });
  const appraisal = (id: string, max: number, extra: Record<string, unknown> = {}) => ({
    id,
    title: id,
    max,
    rule: { kind: 'appraisal' },
    ...extra,
  });

  it('a group whose every leaf the evidence declares not applicable does not apply either', () => {
    const tree = [
      { id: '1', title: 'A', max: 3, children: [appraisal('1.1', 1), appraisal('1.2', 2)] },
      { id: '2', title: 'B', max: 2, children: [appraisal('2.1', 2)] },
    ];
    const [c] = evaluate(makeSet(tree), makeEvidence([{ notApplicable: [na('1.1'), na('1.2')], appraisals: { '2.1': { round1: 1 } } }]));
    expect([status(c!, '1'), status(c!, '2'), c!.total, c!.max]).toEqual(['not-applicable', 'scored', 1, 2]);
  });

  it('even means the same part for each named node, whatever their maxima (not in proportion to them)', () => {
    // I.3 (4 points) does not apply: evenly, I.1 (max 1) and I.2 (max 3) get 2 each: maxima 3 and 5. In proportion
    // it would be 1 and 3. Full points on both: 3 and 5, total 8 of 8.
    const tree = [
      {
        id: 'I',
        title: 'Chung',
        max: 8,
        children: [
          appraisal('I.1', 1),
          appraisal('I.2', 3),
          appraisal('I.3', 4, {
            applies: { attribute: 'tiep-xuc', equals: true },
            whenNotApplicable: { redistribute: 'even', over: ['I.1', 'I.2'] },
          }),
        ],
      },
    ];
    const [c] = evaluate(
      makeSet(tree),
      makeEvidence([{ attributes: { 'tiep-xuc': false }, appraisals: { 'I.1': { round1: 1 }, 'I.2': { round1: 3 } } }]),
    );
    expect(['I.1', 'I.2'].map((id) => c!.nodes.find((n) => n.id === id)!.max)).toEqual([3, 5]);
    expect([pts(c!, 'I.1'), pts(c!, 'I.2'), c!.total, c!.max]).toEqual([3, 5, 8, 8]);
  });

  it('a redistribution none of whose targets applies: the points leave the maximum, with a warning and a trace step', () => {
    const tree = [
      {
        id: 'I',
        title: 'Chung',
        max: 4,
        children: [
          appraisal('I.1', 1),
          appraisal('I.2', 1),
          appraisal('I.3', 2, {
            applies: { attribute: 'tiep-xuc', equals: true },
            whenNotApplicable: { redistribute: 'even', over: ['I.1', 'I.2'] },
          }),
        ],
      },
    ];
    const [c] = evaluate(makeSet(tree), makeEvidence([{ attributes: { 'tiep-xuc': false }, notApplicable: [na('I.1'), na('I.2')] }]), {
      trace: true,
    });
    expect([status(c!, 'I'), c!.max, c!.index]).toEqual(['not-applicable', 0, null]);
    expect(warningsOf(c!, 'eval.shared-points')).toEqual([
      {
        severity: 'warning',
        unit: 'u1',
        node: 'I.3',
        path: [],
        message: 'node I.3: does not apply and none of I.1, I.2 can receive its points: they leave the maximum',
        messageVi: 'tiêu chí I.3: không áp dụng và không tiêu chí nào trong I.1, I.2 nhận được điểm: điểm bị trừ khỏi tổng điểm tối đa',
      },
    ]);
    expect(find(c!.trace!, 'I.3')!.steps.map((s) => s.en)).toContain('no sibling can receive the points → not applicable');
  });

  it('a leaf whose shared maximum has more decimals than the precision is rounded down, never above it', () => {
    // I.4 (2 points) spreads evenly over three leaves of 1: each max 1 + 2/3 = 5/3 = 1.666…; full points are 5/3 too.
    // Half-up to 2 decimals would print 1.67 > 1.666…: rounded down to 1.66 instead. Total 3 × 1.66 = 4.98 of 5.
    const tree = [
      {
        id: 'I',
        title: 'Chung',
        max: 5,
        children: [
          appraisal('I.1', 1),
          appraisal('I.2', 1),
          appraisal('I.3', 1),
          appraisal('I.4', 2, {
            applies: { attribute: 'tiep-xuc', equals: true },
            whenNotApplicable: { redistribute: 'even', over: ['I.1', 'I.2', 'I.3'] },
          }),
        ],
      },
    ];
    const full = { 'I.1': { round1: 1 }, 'I.2': { round1: 1 }, 'I.3': { round1: 1 } };
    const [c] = evaluate(
      makeSet(tree, { rounding: { precision: 2, stage: 'leaf', mode: 'half-up' } }),
      makeEvidence([{ attributes: { 'tiep-xuc': false }, appraisals: full }]),
      {
        trace: true,
      },
    );
    expect([pts(c!, 'I.1'), pts(c!, 'I.2'), pts(c!, 'I.3'), c!.total]).toEqual([1.66, 1.66, 1.66, 4.98]);
    const steps = find(c!.trace!, 'I.1')!.steps.filter((s) => s.en.startsWith('rounded'));
    expect(steps.map((s) => [s.en.replace(/maximum .*$/, 'maximum …'), s.calc])).toEqual([
      ['rounded down to 2 decimals so as not to exceed the maximum …', expect.stringMatching(/ → 1\.66$/)],
    ]);
  });
});

describe('a roster (options.units): the units that must be scored', () => {
  const tree = group([{ id: '1.1', title: 'Kế hoạch', max: 10, rule: { kind: 'task', task: 'plan' } }]);
  const set = makeSet(tree);
  const ev = makeEvidence([{ tasks: { plan: { done: '2021-01-10' } } }]); // unit u1, Xã 1

  it('a roster unit without evidence gets a card of missing evidence, in id order with the others', () => {
    const cards = evaluate(set, ev, {
      units: [
        { id: 'u0', name: 'Xã Không' },
        { id: 'u1', name: 'Xã 1' },
      ],
    });
    // u0 comes before u1; its task is missing: 0 of 10.
    expect(cards.map((c) => [c.unit.id, c.unit.name, c.total, c.max, c.nodes.find((n) => n.id === '1.1')!.status])).toEqual([
      ['u0', 'Xã Không', 0, 10, 'missing'],
      ['u1', 'Xã 1', 10, 10, 'scored'],
    ]);
    expect(cards[0]!.warnings.map((w) => w.code)).toEqual(['evidence.missing']);
    expect(cards[1]!.warnings).toEqual([]);
  });

  it('a unit in the evidence but not in the roster stops the run, with a suggestion', () => {
    const issues = issuesOf(() => evaluate(set, ev, { units: [{ id: 'u2', name: 'Xã 2' }] }));
    expect(issues.map((i) => [i.code, i.severity, i.unit, i.path, i.message, i.messageVi])).toEqual([
      [
        'evidence.unknown-unit',
        'error',
        'u1',
        ['units'],
        'unit "u1" (Xã 1) is not in the roster; did you mean "u2"?',
        'đơn vị "u1" (Xã 1) không có trong danh sách đơn vị; có phải là "u2"?',
      ],
    ]);
  });

  it("leniently, the same is a warning on the unit's card and both are scored", () => {
    const cards = evaluate(set, ev, { units: [{ id: 'u2', name: 'Xã 2' }], lenient: true });
    expect(cards.map((c) => [c.unit.id, c.total])).toEqual([
      ['u1', 10],
      ['u2', 0],
    ]);
    expect(cards[0]!.warnings.map((w) => [w.code, w.severity])).toEqual([['evidence.unknown-unit', 'warning']]);
  });
});

describe('a roster, ordered and scored as if its units had empty evidence', () => {
  it('cards come in id order, whatever order the evidence and the roster give', () => {
    const set = makeSet(group([{ id: '1.1', title: 'Kế hoạch', max: 10, rule: { kind: 'task', task: 'plan' } }]));
    const ev = makeEvidence([
      { id: 'x3', tasks: { plan: { done: '2021-01-10' } } },
      { id: 'x1', tasks: { plan: { done: '2021-01-10' } } },
    ]);
    const roster = ['x4', 'x0', 'x3', 'x2', 'x1'].map((id) => ({ id, name: `Xã ${id}` }));
    expect(evaluate(set, ev, { units: roster }).map((c) => [c.unit.id, c.total])).toEqual([
      ['x0', 0],
      ['x1', 10],
      ['x2', 0],
      ['x3', 10],
      ['x4', 0],
    ]);
  });

  it('a roster unit without evidence has no findings: a deduction on findings gives it the full points', () => {
    // 0.5 off a maximum of 10 per finding: the unit with one finding gets 9.5, the roster unit without evidence 10.
    const set = makeSet(group([{ id: '1.1', title: 'Vi phạm', max: 10, rule: { kind: 'deduction', findings: true, per: 0.5, floor: 0 } }]));
    const ev = makeEvidence([{ id: 'x1', findings: [{ id: 'KT-1', node: '1.1', description: 'Niêm yết thiếu', source: 'Kết luận 1' }] }]);
    expect(
      evaluate(set, ev, {
        units: [
          { id: 'x0', name: 'Xã 0' },
          { id: 'x1', name: 'Xã 1' },
        ],
      }).map((c) => [c.unit.id, c.total]),
    ).toEqual([
      ['x0', 10],
      ['x1', 9.5],
    ]);
  });
});

describe('warnings of an overridden rounding', () => {
  it('reach every card, once, beside nothing else', () => {
    // A maximum of 2.5 cannot be printed with 0 decimals: the override's warning concerns the set, so every unit's card.
    const set = makeSet([{ id: '1', title: 'A', max: 2.5, children: [{ id: '1.1', title: 'A1', max: 2.5, rule: { kind: 'appraisal' } }] }]);
    const ev = makeEvidence([{ appraisals: { '1.1': { round1: 2 } } }, { appraisals: { '1.1': { round1: 1 } } }]);
    const cards = evaluate(set, ev, { rounding: { precision: 0 } });
    expect(cards.map((c) => c.warnings.map((w) => [w.code, w.node]))).toEqual([
      [
        ['criteria.threshold-range', '1'],
        ['criteria.threshold-range', '1.1'],
      ],
      [
        ['criteria.threshold-range', '1'],
        ['criteria.threshold-range', '1.1'],
      ],
    ]);
  });
});

describe('missing evidence', () => {
  it('each leaf without its evidence scores 0, is counted on the card, and says what was missing in both languages', () => {
    const tree = group([
      { id: '1.1', title: 'Đúng hạn', max: 4, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'zero' } },
      { id: '1.2', title: 'Kế hoạch', max: 6, rule: { kind: 'task', task: 'plan' } },
    ]);
    // Neither the rate's measures nor the task are given: 0 of 10, two leaves missing.
    const [c] = evaluate(makeSet(tree), makeEvidence([{ measures: {} }]));
    expect([c!.total, c!.max, c!.missing]).toEqual([0, 10, 2]);
    expect(warningsOf(c!, 'evidence.missing')).toEqual([
      {
        severity: 'warning',
        unit: 'u1',
        node: '1.1',
        path: [],
        message: 'node 1.1: missing evidence (onTime, resolved) — scored 0 of 4',
        messageVi: 'tiêu chí 1.1: thiếu minh chứng (onTime, resolved) — 0/4 điểm',
      },
      {
        severity: 'warning',
        unit: 'u1',
        node: '1.2',
        path: [],
        message: 'node 1.2: missing evidence (tasks.plan) — scored 0 of 6',
        messageVi: 'tiêu chí 1.2: thiếu minh chứng (tasks.plan) — 0/6 điểm',
      },
    ]);
  });
});

describe('the card of a unit', () => {
  const tree = group([{ id: '1.1', title: 'Kế hoạch', max: 10, rule: { kind: 'task', task: 'plan' } }]);

  it('to which nothing applies has no index, and says so in both languages', () => {
    const [c] = evaluate(
      makeSet(tree),
      makeEvidence([{ notApplicable: [{ node: '1', reason: 'không giao', source: 'Quyết định (minh họa)' }] }]),
    );
    expect([c!.total, c!.max, c!.index, c!.exact.index]).toEqual([0, 0, null, null]);
    expect(warningsOf(c!, 'eval.no-applicable-max')).toEqual([
      {
        severity: 'warning',
        unit: 'u1',
        node: undefined,
        path: [],
        message: 'no node applies to this unit: no index',
        messageVi: 'không có tiêu chí nào áp dụng cho đơn vị: không tính chỉ số',
      },
    ]);
  });

  it('names the unit as the evidence does: kind, parent and attributes when given, nothing when not', () => {
    const [a, b] = evaluate(
      makeSet(tree),
      makeEvidence([
        { id: 'a', name: 'Xã A', kind: 'xa', parent: 'huyen-x', attributes: { 'tiep-xuc': true }, tasks: { plan: { done: '2021-01-10' } } },
        { id: 'b', name: 'Xã B', tasks: { plan: { done: '2021-01-10' } } },
      ]),
    );
    expect(a!.unit).toEqual({ id: 'a', name: 'Xã A', kind: 'xa', parent: 'huyen-x', attributes: { 'tiep-xuc': true } });
    expect(b!.unit).toEqual({ id: 'b', name: 'Xã B' });
  });
});
