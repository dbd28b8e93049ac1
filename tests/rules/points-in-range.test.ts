/**
 * Issue 20, "points stay in range": whatever the evidence says — negative counts, a negative base, values far
 * outside any declared range, missing items — every rule kind scores within [0, max]; a deduction within
 * [floor, max] and never more than its cap below the max. The scorers are called directly, past the evidence
 * checks that would refuse such values, so the rules hold on their own.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Exact } from '../../src/core/exact.js';
import { planOf } from '../../src/engine/plan.js';
import { RULE_KINDS } from '../../src/rules/registry.js';
import type { EvidenceView } from '../../src/rules/types.js';
import { makeSet } from '../support/support.js';

const leaves: Record<string, unknown>[] = [
  { id: '1.1', max: 1, rule: { kind: 'task', task: 't', deadline: '2021-01-31', latePoints: 0.5 } },
  { id: '1.2', max: 1, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'full' } },
  { id: '1.3', max: 2, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', target: 80, whenBaseZero: 'zero' } },
  {
    id: '1.4',
    max: 1,
    rule: {
      kind: 'bands',
      ratio: { numerator: 'onTime', base: 'resolved' },
      whenBaseZero: 'full',
      bands: [
        { min: 100, max: 100, maxInclusive: true, points: 1 },
        { min: 50, max: 100, points: 0.5 },
        { max: 50, points: 0 },
      ],
    },
  },
  {
    id: '1.5',
    max: 1,
    rule: {
      kind: 'bands',
      measure: 'violations',
      bands: [
        { max: 1, points: 1 },
        { min: 1, max: 3, points: 0.5 },
        { min: 3, points: 0 },
      ],
    },
  },
  { id: '1.6', max: 2, rule: { kind: 'deduction', count: 'violations', per: 0.5, floor: 0 } },
  { id: '1.7', max: 2, rule: { kind: 'deduction', count: 'violations', per: 1, floor: -1, cap: 2.5 } },
  { id: '1.8', max: 2, rule: { kind: 'deduction', findings: true, per: 0.25, floor: 0, cap: 1 } },
  {
    id: '1.9',
    max: 2,
    rule: { kind: 'formula', inputs: { x: 'onTime', y: 'resolved' }, expr: 'y > 0 ? min(max, x / y * max) : max', clamp: true },
  },
  { id: '1.10', max: 2, rule: { kind: 'appraisal' } },
  { id: '1.11', max: 2, rule: { kind: 'survey', index: 'sipas', target: 90 } },
  {
    id: '1.12',
    max: 1,
    rule: {
      kind: 'survey',
      index: 'sipas',
      mode: 'bands',
      bands: [
        { min: 80, max: 100, maxInclusive: true, points: 1 },
        { max: 80, points: 0 },
      ],
    },
  },
  {
    id: '1.15',
    max: 2,
    rule: {
      kind: 'relative',
      measure: 'violations',
      statistic: 'mean',
      population: 'all',
      rows: [{ atOrAbove: true, points: 2 }, { points: 0.5 }],
    },
  },
  {
    id: '1.13',
    max: 2,
    rule: { kind: 'items', list: 'l', where: { field: 'a', min: 0 }, quantifier: 'each', each: 0.75, whenEmpty: 'full' },
  },
  {
    id: '1.14',
    max: 1,
    rule: {
      kind: 'items',
      list: 'l',
      where: { field: 'n', of: 'd', min: 50, whenBaseZero: 'fails' },
      quantifier: 'share',
      rows: [
        { min: 50, max: 100, maxInclusive: true, points: 1 },
        { max: 50, points: 0.5 },
      ],
      whenEmpty: 'zero',
    },
  },
];
const set = makeSet(
  [
    {
      id: '1',
      title: 'Lĩnh vực',
      max: leaves.reduce((s, l) => s + (l['max'] as number), 0),
      children: leaves.map((l) => ({ title: `Tiêu chí ${String(l['id'])}`, ...l })),
    },
  ],
  {
    lists: {
      l: {
        title: 'Danh sách',
        fields: { a: { title: 'A', unit: 'number' }, n: { title: 'N', unit: 'count' }, d: { title: 'D', unit: 'count' } },
      },
    },
  },
);
const plan = planOf(set);

const value = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, -2, 1, 2),
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const evidenceArb = fc.record({
  onTime: maybe(value),
  resolved: maybe(value),
  violations: maybe(value),
  sipas: maybe(value),
  // The statistic of the population a relative leaf compares with (absent: the unit is scored alone).
  population: maybe(value),
  done: maybe(
    fc.oneof(
      fc.constant(null),
      fc.integer({ min: 0, max: 400 }).map((d) => new Date(Date.UTC(2021, 0, 1 + d)).toISOString().slice(0, 10)),
    ),
  ),
  rounds: fc.record({ self: maybe(value), round1: maybe(value), round2: maybe(value) }),
  findings: fc.array(maybe(value), { maxLength: 6 }),
  items: maybe(fc.array(fc.record({ a: maybe(value), n: maybe(value), d: maybe(value) }), { maxLength: 5 })),
});
type Ev = typeof evidenceArb extends fc.Arbitrary<infer T> ? T : never;

function view(e: Ev): EvidenceView {
  const m = (id: 'onTime' | 'resolved' | 'violations') => {
    const x = e[id];
    return x === undefined ? undefined : { value: Exact.of(x), source: 's' };
  };
  return {
    measure: (id) => (id === 'onTime' || id === 'resolved' || id === 'violations' ? m(id) : undefined),
    task: (id) => (id === 't' && e.done !== undefined ? { done: e.done, source: 's' } : undefined),
    appraisal: () => {
      const r = Object.fromEntries(Object.entries(e.rounds).flatMap(([k, v]) => (v === undefined ? [] : [[k, Exact.of(v)]])));
      return Object.keys(r).length ? { ...r, source: 's' } : undefined;
    },
    survey: (id) => (id === 'sipas' && e.sipas !== undefined ? { value: Exact.of(e.sipas), source: 's' } : undefined),
    population: (node) =>
      node === '1.15' && e.population !== undefined
        ? { value: Exact.of(e.population), size: 2, members: ['a', 'b'], without: [] }
        : undefined,
    findings: (node) =>
      node === '1.8'
        ? e.findings.map((p, i) => ({
            id: `f${i}`,
            node,
            description: 'x',
            source: 's',
            ...(p === undefined ? {} : { points: Exact.of(p) }),
          }))
        : [],
    list: (id) =>
      id === 'l' && e.items !== undefined
        ? e.items.map((it, i) => ({
            id: `i${i}`,
            values: new Map(Object.entries(it).flatMap(([k, x]) => (x === undefined ? [] : [[k, Exact.of(x)] as const]))),
            source: 's',
          }))
        : undefined,
  };
}

describe('every rule kind scores within its range, whatever the evidence', () => {
  it('the test covers every kind of the registry', () => {
    const kinds = new Set(leaves.map((l) => (l['rule'] as { kind: string }).kind));
    expect([...kinds].sort()).toEqual(Object.keys(RULE_KINDS).sort());
  });

  it('0 ≤ points ≤ max (a deduction: floor ≤ points ≤ max, at most cap below the max), with or without a trace', () => {
    fc.assert(
      fc.property(evidenceArb, (e) => {
        const v = view(e);
        for (const l of leaves) {
          const n = plan.byId.get(l['id'] as string)!;
          const rule = l['rule'] as { kind: string; floor?: number; cap?: number };
          for (const trace of [false, true]) {
            const out = n.scorer!(v, trace);
            const lo = rule.kind === 'deduction' ? Exact.of(rule.floor!) : Exact.ZERO;
            expect(out.points.gte(lo), `${n.id} ${out.points.toString()} ≥ ${lo.toString()}`).toBe(true);
            expect(out.points.lte(n.max), `${n.id} ${out.points.toString()} ≤ ${n.max.toString()}`).toBe(true);
            if (rule.cap !== undefined) expect(n.max.sub(out.points).lte(Exact.of(rule.cap)), `${n.id} within cap`).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a rate over a negative base and numerator no longer gives 2 points of 1, nor −0.5', () => {
    const n = plan.byId.get('1.2')!;
    const at = (onTime: number, resolved: number) =>
      n.scorer!(view({ onTime, resolved, rounds: {}, findings: [] } as unknown as Ev), false);
    expect(at(-2, -1).points.toNumber()).toBe(0);
    expect(at(-1, 2).points.toNumber()).toBe(0);
    expect(at(-1, 2).warnings?.[0]?.code).toBe('evidence.out-of-range');
  });
});
