/**
 * Rule scorers called directly, past the evidence checks (issue 27): the contract of `LeafScorer` — `trace` only
 * decides whether an explanation is attached, never the outcome — and the negative values a rate refuses, which
 * valid evidence never reaches. Expected outcomes are worked out by hand from each rule's definition.
 */
import { describe, expect, it } from 'vitest';
import { Exact } from '../../src/core/exact.js';
import { planOf } from '../../src/engine/plan.js';
import type { EvidenceView, LeafOutcome } from '../../src/rules/types.js';
import { makeSet } from '../support/support.js';

const leaves = [
  { id: '1.1', max: 1, rule: { kind: 'task', task: 't', deadline: '2021-01-31', latePoints: 0.5 } },
  { id: '1.2', max: 2, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', target: 80, whenBaseZero: 'zero' } },
  {
    id: '1.3',
    max: 1,
    rule: {
      kind: 'bands',
      ratio: { numerator: 'onTime', base: 'resolved' },
      whenBaseZero: 'full',
      bands: [
        { min: 50, points: 1 },
        { max: 50, points: 0 },
      ],
    },
  },
  {
    id: '1.4',
    max: 1,
    rule: {
      kind: 'bands',
      measure: 'violations',
      bands: [
        { max: 2, maxInclusive: true, points: 1 },
        { min: 2, minInclusive: false, points: 0 },
      ],
    },
  },
  { id: '1.5', max: 2, rule: { kind: 'deduction', count: 'violations', per: 0.5, floor: 0, cap: 1 } },
  { id: '1.6', max: 1, rule: { kind: 'deduction', findings: true, floor: 0 } },
  // share is declared 0–100, so s ÷ 100 stays in [0, 1] and `check` needs no clamp.
  { id: '1.7', max: 1, rule: { kind: 'formula', inputs: { s: 'share' }, expr: 's / 100' } },
];
const set = makeSet([{ id: '1', title: 'F', max: 9, children: leaves.map((l) => ({ title: l.id, ...l })) }]);
const plan = planOf(set);
const scorer = (id: string) => plan.byId.get(id)!.scorer!;

function view(measures: Record<string, number>, done?: string): EvidenceView {
  return {
    measure: (id) => (id in measures ? { value: Exact.of(measures[id]!), source: 's' } : undefined),
    task: (id) => (id === 't' && done !== undefined ? { done, source: 's' } : undefined),
    appraisal: () => undefined,
    survey: () => undefined,
    findings: (node) => (node === '1.6' ? [{ id: 'F1', node, description: 'x', source: 's', points: Exact.of(0.25) }] : []),
    list: () => undefined,
  };
}

/** An outcome without its explanation, its points as text: what must not depend on `trace`. */
const plain = (o: LeafOutcome) => {
  const { explain: _explain, points, ...rest } = o;
  return { ...rest, points: points.toString() };
};

describe('a scorer attaches an explanation only when tracing, and nothing else changes', () => {
  it.each([
    ['1.1', view({}, '2021-01-20'), 'scored', '1'],
    ['1.1', view({}, '2021-02-20'), 'scored', '0.5'],
    ['1.2', view({ onTime: 40, resolved: 100 }), 'scored', '1'],
    ['1.2', view({ onTime: 120, resolved: 100 }), 'scored', '2'],
    ['1.3', view({ onTime: 3, resolved: 4 }), 'scored', '1'],
    ['1.3', view({ onTime: 0, resolved: 0 }), 'scored', '1'],
    ['1.4', view({ violations: 3 }), 'scored', '0'],
    ['1.5', view({ violations: 1 }), 'scored', '1.5'],
    ['1.6', view({}), 'scored', '0.75'],
  ])('%s', (id, v, st, points) => {
    const off = scorer(id)(v, false);
    const on = scorer(id)(v, true);
    expect(off.explain).toBeUndefined();
    expect(on.explain).toBeTypeOf('function');
    expect(plain(off)).toEqual(plain(on));
    expect([off.status, off.points.toString()]).toEqual([st, points]);
  });
});

describe('a rate over a negative numerator or base: 0 points, said in a warning and in the trace', () => {
  const rate = scorer('1.2');
  it('a negative base alone is refused too', () => {
    const why = {
      code: 'evidence.out-of-range',
      vi: 'tử số onTime (3) hoặc mẫu số resolved (-1,5) âm: không tính được tỷ lệ → 0 điểm',
      en: 'numerator onTime (3) or base resolved (-1.5) is negative: no rate → 0 points',
    };
    const off = rate(view({ onTime: 3, resolved: -1.5 }), false);
    expect(off.explain).toBeUndefined();
    expect(plain(off)).toEqual({ status: 'scored', points: '0', warnings: [why] });
    const on = rate(view({ onTime: 3, resolved: -1.5 }), true);
    expect(plain(on)).toEqual({ status: 'scored', points: '0', warnings: [why] });
    expect(on.explain!()).toEqual({ steps: [{ vi: why.vi, en: why.en, calc: '→ 0' }], lost: [{ vi: why.vi, en: why.en }] });
  });
  it('a negative numerator', () => {
    expect(rate(view({ onTime: -2.5, resolved: 4 }), false).warnings).toEqual([
      {
        code: 'evidence.out-of-range',
        vi: 'tử số onTime (-2,5) hoặc mẫu số resolved (4) âm: không tính được tỷ lệ → 0 điểm',
        en: 'numerator onTime (-2.5) or base resolved (4) is negative: no rate → 0 points',
      },
    ]);
  });
  it('a numerator missing, the base present: only the numerator is missing', () => {
    expect(rate(view({ resolved: 4 }), false)).toMatchObject({ status: 'missing', missing: ['onTime'] });
  });
});

describe('a formula past its maximum on evidence outside its declared range: limited, said in a warning', () => {
  it('150 % gives 1.5 of a maximum of 1: 1 point, with the code evidence.out-of-range', () => {
    const f = scorer('1.7');
    const why = {
      code: 'evidence.out-of-range',
      vi: 'công thức cho 1,5, ngoài [0; 1] (kiểm tra lại minh chứng): điểm được giới hạn ở 1',
      en: 'the formula gave 1.5, outside [0, 1] (check the evidence): points limited to 1',
    };
    const off = f(view({ share: 150 }), false);
    expect(plain(off)).toEqual({ status: 'scored', points: '1', warnings: [why] });
    expect(plain(f(view({ share: 150 }), true))).toEqual(plain(off));
    // In range, no warning: 40 ÷ 100 = 0.4.
    expect(plain(f(view({ share: 40 }), false))).toEqual({ status: 'scored', points: '0.4' });
  });
});
