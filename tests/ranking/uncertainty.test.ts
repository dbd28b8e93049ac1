/** Rank uncertainty: reproducible from its seed, the plain ranking at zero width, drivers, variants, spec checks. */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ParIndexError } from '../../src/core/errors.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { rank } from '../../src/ranking/rank.js';
import { rankUncertainty, uncertaintyFromCards } from '../../src/ranking/uncertainty.js';
import { loadUncertaintySpec, type UncertaintySpec } from '../../src/ranking/uncertainty-spec.js';
import { makeEvidence, makeSet } from '../support/support.js';

const F = 'par-index/uncertainty@1';
const leaf = (id: string, max: number, m: string) => ({
  id,
  title: `Lĩnh vực ${id}`,
  max,
  children: [{ id: `${id}.1`, title: 'x', max, rule: { kind: 'rate', numerator: m, base: 'resolved', whenBaseZero: 'zero' } }],
});
const set = makeSet([leaf('1', 40, 'onTime'), leaf('2', 30, 'received'), leaf('3', 30, 'violations')], {
  ranking: { method: 'competition', on: 'rounded', tieBreak: [{ by: 'node', id: '2' }, { by: 'name' }] },
});
// A and B are close, A strong in field 1, B in field 2: their order depends on the weights of 1 and 2.
const units = [
  { id: 'a', name: 'Xã A', measures: { onTime: 10, received: 6, violations: 8, resolved: 10 } },
  { id: 'b', name: 'Xã B', measures: { onTime: 7, received: 10, violations: 8, resolved: 10 } },
  { id: 'c', name: 'Xã C', measures: { onTime: 5, received: 5, violations: 5, resolved: 10 } },
  { id: 'd', name: 'Xã D', measures: { onTime: 9, received: 9, violations: 1, resolved: 10 } },
];
const evidence = makeEvidence(units);
const spec = (extra: Partial<UncertaintySpec> = {}): UncertaintySpec => ({ format: F, weights: { range: [0.6, 1.4] }, ...extra });

describe('rankUncertainty', () => {
  it('gives the same bytes for the same seed, and other draws for another seed', () => {
    const s = spec({ options: { 'ranking.on': ['rounded', 'exact'] } });
    const one = JSON.stringify(rankUncertainty(set, evidence, s, { draws: 300, seed: 42 }));
    expect(JSON.stringify(rankUncertainty(set, evidence, s, { draws: 300, seed: 42 }))).toBe(one);
    expect(JSON.stringify(rankUncertainty(set, evidence, s, { draws: 300, seed: 43 }))).not.toBe(one);
  });

  it('summarises each unit: median and 5–95 % interval, and names the fields that move it', () => {
    const r = rankUncertainty(set, evidence, spec(), { draws: 1000, seed: 7 });
    const a = r.units.find((u) => u.id === 'a')!;
    const b = r.units.find((u) => u.id === 'b')!;
    // A and B swap places under some weights, never fall below C.
    expect([a.p05, a.p95]).toEqual([1, 2]);
    expect([b.p05, b.p95]).toEqual([1, 2]);
    expect(r.units.find((u) => u.id === 'c')!.median).toBe(4);
    // More weight on field 1 helps A (lower rank): a negative correlation, the strongest of A's drivers.
    expect(['1', '2']).toContain(a.drivers[0]!.field);
    expect(a.drivers.find((d) => d.field === '1')!.corr).toBeLessThan(-0.3);
    expect(a.drivers.find((d) => d.field === '2')!.corr).toBeGreaterThan(0.3);
    expect(a.drivers[0]!.share).toBeCloseTo(a.drivers[0]!.corr ** 2, 2);
    expect(Object.isFrozen(r.units)).toBe(true);
  });

  test.prop(
    [
      fc.array(fc.record({ a: fc.integer({ min: 0, max: 10 }), b: fc.integer({ min: 0, max: 10 }), c: fc.integer({ min: 0, max: 10 }) }), {
        minLength: 1,
        maxLength: 8,
      }),
      fc.constantFrom<'rounded' | 'exact'>('rounded', 'exact'),
      fc.integer(),
    ],
    { numRuns: 25 },
  )('with zero-width ranges gives the plain ranking', (ms, on, seed) => {
    const s2 = makeSet([leaf('1', 40, 'onTime'), leaf('2', 30, 'received'), leaf('3', 30, 'violations')], {
      ranking: { method: 'competition', on, tieBreak: [{ by: 'node', id: '3' }] },
    });
    const ev = makeEvidence(ms.map((m, i) => ({ id: `u${i}`, measures: { onTime: m.a, received: m.b, violations: m.c, resolved: 10 } })));
    const plain = rank(evaluate(s2, ev, { trace: false }), s2.ranking);
    const r = rankUncertainty(s2, ev, { format: F, weights: { range: [1, 1] } }, { draws: 5, seed });
    for (const u of r.units) {
      const p = plain.rows.find((x) => x.card.unit.id === u.id)!;
      expect([u.median, u.p05, u.p95, u.min, u.max]).toEqual([p.rank, p.rank, p.rank, p.rank, p.rank]);
      expect(u.drivers).toEqual([]);
    }
  });

  it('re-evaluates once per distinct scoring option value, not per draw', () => {
    const r = rankUncertainty(
      set,
      evidence,
      spec({ options: { 'rounding.mode': ['half-up', 'down', 'up'], 'ranking.method': ['competition', 'dense'] } }),
      { draws: 200, seed: 1 },
    );
    expect(r.evaluations).toBe(3);
    expect(Object.keys(r.units[0]!.options)).toEqual(['ranking.method', 'rounding.mode']);
  });

  it('ranks within groups when the spec says so', () => {
    const ev = makeEvidence(units.map((u) => ({ ...u, kind: u.id === 'd' ? 'thi-tran' : 'xa' })));
    const r = rankUncertainty(set, ev, spec({ groupBy: 'kind' }), { draws: 50, seed: 3 });
    expect(r.units.find((u) => u.id === 'd')).toMatchObject({ group: 'thi-tran', median: 1, p95: 1, rankOf: '1/1' });
  });

  it('refuses a spec naming a field the set lacks, a reversed range, a newer version', () => {
    const code = (f: () => unknown) => {
      try {
        f();
        return '';
      } catch (e) {
        return (e as ParIndexError).issues.map((i) => `${i.code} ${JSON.stringify(i.path)}`).join('; ');
      }
    };
    expect(code(() => rankUncertainty(set, evidence, spec({ weights: { fields: { '9': [0.5, 1] } } }), { draws: 1 }))).toBe(
      'uncertainty.invalid ["weights","fields","9"]',
    );
    expect(
      code(() => loadUncertaintySpec('format: par-index/uncertainty@1\nweights: { range: [1,2; 0,8] }\n', { file: 's.yaml' })),
    ).toMatch(/schema/);
    expect(code(() => loadUncertaintySpec({ format: F, weights: { range: [1.2, 0.8] } }))).toMatch(
      /schema.invalid-value \["weights","range"\]/,
    );
    expect(code(() => loadUncertaintySpec({ format: 'par-index/uncertainty@9' }))).toMatch(/format.future-version/);
    expect(code(() => uncertaintyFromCards(set, evaluate(set, evidence), spec({ options: { 'rounding.stage': ['field'] } })))).toMatch(
      /uncertainty.invalid/,
    );
  });

  it('reads a spec with comma decimals', () => {
    expect(loadUncertaintySpec('format: par-index/uncertainty@1\nweights:\n  range: ["0,9", "1,1"]\n').weights?.range).toEqual([0.9, 1.1]);
  });
});
