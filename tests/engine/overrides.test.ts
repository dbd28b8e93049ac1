/**
 * evaluate()'s overrides (rounding, year) give exactly what scoring a changed and reloaded copy of the set gave
 * — the path rank uncertainty and re-scoring took before they had overrides — and are checked like the set.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RoundingMode } from '../../src/core/exact.js';
import { criteriaData, loadCriteriaSet, type CriteriaSet } from '../../src/criteria/load.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { EvaluateOptions, RoundingOverride } from '../../src/engine/types.js';
import type { Evidence } from '../../src/evidence/load.js';
import { rankUncertainty } from '../../src/ranking/uncertainty.js';
import type { UncertaintySpec } from '../../src/ranking/uncertainty-spec.js';
import { evidence, set } from '../support/report-example.js';
import { issuesOf, makeEvidence, makeSet } from '../support/support.js';
import { root } from '../support/paths.js';

/** The set with its rounding so changed, loaded again: what the override must reproduce. */
function reloaded(s: CriteriaSet, r: RoundingOverride): CriteriaSet {
  const d = criteriaData(s);
  return loadCriteriaSet({ ...d, rounding: { ...d.rounding, ...r } }, { file: s.file });
}
const both = (s: CriteriaSet, ev: Evidence, r: RoundingOverride, o: EvaluateOptions = {}) => [
  JSON.stringify(evaluate(s, ev, { ...o, rounding: r })),
  JSON.stringify(evaluate(reloaded(s, r), ev, o)),
];

const VARIANTS: RoundingOverride[] = [
  { precision: 0, mode: 'half-up', stage: 'leaf' },
  { precision: 1, mode: 'down', stage: 'criterion' },
  { precision: 1, mode: 'half-even', stage: 'field' },
  { precision: 3, mode: 'up', stage: 'leaf' },
  { precision: 2, mode: 'half-even', stage: 'criterion' },
  { precision: 0, mode: 'up', stage: 'field' },
  { indexPrecision: 0, indexMode: 'down' },
  { precision: 1 },
];

describe('a rounding override', () => {
  it('gives the Văn Lâm cards of the reloaded variant byte for byte, trace and hash included', () => {
    for (const r of VARIANTS) {
      const [over, reload] = both(set, evidence, r);
      expect(over, JSON.stringify(r)).toBe(reload);
    }
    // Not trivially: the variants do move points, and the hash names the set as overridden.
    const c0 = evaluate(set, evidence, { trace: false, rounding: { precision: 0, stage: 'field' } });
    const own = evaluate(set, evidence, { trace: false });
    expect(c0.map((c) => c.total)).not.toEqual(own.map((c) => c.total));
    expect(c0[0]!.criteria.hash).not.toBe(set.hash);
    expect(c0[0]!.criteria).toMatchObject({ id: set.id, version: set.version, precision: 0 });
  });

  it('equal to the set’s own rounding, is no override: the set’s own cards', () => {
    const own = set.rounding;
    const cards = evaluate(set, evidence, {
      trace: false,
      rounding: { precision: own.precision, mode: own.mode as RoundingMode, stage: own.stage },
    });
    expect(cards[0]!.criteria.hash).toBe(set.hash);
    expect(JSON.stringify(cards)).toBe(JSON.stringify(evaluate(set, evidence, { trace: false })));
  });

  it('warns, as loading does, of a maximum with more decimals than the overriding precision — on every card', () => {
    const s = makeSet([
      {
        id: '1',
        title: 'F1',
        max: 10,
        children: [
          { id: '1.1', title: 'a', max: 2.5, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'zero' } },
          { id: '1.2', title: 'b', max: 7.5, rule: { kind: 'task', task: 't' } },
        ],
      },
    ]);
    const ev = makeEvidence([
      { measures: { onTime: 7, resolved: 9 }, tasks: { t: { done: '2021-03-01', source: 'x' } } },
      { measures: { onTime: 1, resolved: 3 } },
    ]);
    expect(s.warnings).toEqual([]);
    const r = { precision: 0 };
    const cards = evaluate(s, ev, { rounding: r });
    const variant = reloaded(s, r);
    expect(variant.warnings.map((w) => [w.code, w.node])).toEqual([
      ['criteria.threshold-range', '1.1'],
      ['criteria.threshold-range', '1.2'],
    ]);
    for (const c of cards) expect(c.warnings.filter((w) => w.code === 'criteria.threshold-range')).toEqual(variant.warnings);
    // The numbers are the reloaded set's: only the warnings, which the reload left on a set nobody saw, are added.
    const strip = (cs: readonly object[]) => JSON.stringify(cs, (k, v: unknown) => (k === 'warnings' ? undefined : v));
    expect(strip(cards)).toBe(strip(evaluate(variant, ev)));
    expect(
      evaluate(s, ev, { rounding: { precision: 1 } }).every((c) => c.warnings.every((w) => w.code !== 'criteria.threshold-range')),
    ).toBe(true);
  });

  it('is refused when the criteria format would refuse it in the set, in both languages', () => {
    const bad: [EvaluateOptions, string][] = [
      [{ rounding: { precision: 7 } }, '["rounding","precision"]'],
      [{ rounding: { precision: 1.5 } }, '["rounding","precision"]'],
      [{ rounding: { indexPrecision: -1 } }, '["rounding","indexPrecision"]'],
      [{ rounding: { mode: 'nearest' as RoundingMode } }, '["rounding","mode"]'],
      [{ rounding: { indexMode: 'bankers' as RoundingMode } }, '["rounding","indexMode"]'],
      [{ rounding: { stage: 'unit' as 'leaf' } }, '["rounding","stage"]'],
      [{ year: 1999 }, '["year"]'],
      [{ year: 2021.5 }, '["year"]'],
    ];
    for (const [o, path] of bad) {
      const [i, ...more] = issuesOf(() => evaluate(set, evidence, o));
      expect(more, JSON.stringify(o)).toEqual([]);
      expect(i).toMatchObject({ code: 'eval.invalid-option', severity: 'error' });
      expect(JSON.stringify(i!.path)).toBe(path);
      expect(i!.message).toMatch(/must be/);
      expect(i!.messageVi).toMatch(/phải là/);
    }
    // Every problem at once.
    expect(
      issuesOf(() => evaluate(set, evidence, { rounding: { precision: 9, mode: 'x' as RoundingMode }, year: 3000 })).map((i) =>
        i.path.join('.'),
      ),
    ).toEqual(['rounding.precision', 'rounding.mode', 'year']);
  });
});

describe('a year override', () => {
  const s = makeSet(
    [
      {
        id: '1',
        title: 'F1',
        max: 10,
        children: [{ id: '1.1', title: 'a', max: 10, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'zero' } }],
      },
    ],
    { years: [2022, 2021] },
  );
  const ev2023 = makeEvidence([{ measures: { onTime: 7, resolved: 9 } }], { year: 2023 });
  const widened = (y: number) => loadCriteriaSet({ ...criteriaData(s), years: [...new Set([...s.years, y])].sort((a, b) => a - b) });

  it('scores evidence of a year the set does not cover exactly as the set widened to it, hash included', () => {
    expect(issuesOf(() => evaluate(s, ev2023)).map((i) => i.code)).toEqual(['evidence.year-mismatch']);
    expect(JSON.stringify(evaluate(s, ev2023, { year: 2023 }))).toBe(JSON.stringify(evaluate(widened(2023), ev2023)));
    expect(evaluate(s, ev2023, { year: 2023 })[0]!.criteria.hash).toBe(widened(2023).hash);
  });

  it('refuses evidence of another year still, naming the years it would score', () => {
    const [over] = issuesOf(() => evaluate(s, ev2023, { year: 2024 }));
    const [reload] = issuesOf(() => evaluate(widened(2024), ev2023));
    expect(over).toEqual(reload);
    expect(over!.message).toMatch(/scores 2021, 2022, 2024/);
  });

  it('changes nothing for a year the set covers', () => {
    const ev = makeEvidence([{ measures: { onTime: 7, resolved: 9 } }]);
    expect(JSON.stringify(evaluate(s, ev, { year: 2021 }))).toBe(JSON.stringify(evaluate(s, ev)));
  });

  it('combines with a rounding override as one reloaded set would', () => {
    const both2 = loadCriteriaSet({ ...criteriaData(widened(2023)), rounding: { ...s.rounding, precision: 0, stage: 'field' } });
    expect(JSON.stringify(evaluate(s, ev2023, { year: 2023, rounding: { precision: 0, stage: 'field' } }))).toBe(
      JSON.stringify(evaluate(both2, ev2023)),
    );
  });
});

describe('rank uncertainty over rounding options', () => {
  // Written by the code before the overrides, which scored each rounding variant by reloading a changed set.
  const golden = readFileSync(`${root}tests/reference/overrides/uncertainty-rounding-2021.json`, 'utf8');
  it('gives the bytes the reloaded variants gave', () => {
    const spec = {
      format: 'par-index/uncertainty@1',
      weights: { range: [0.8, 1.2] },
      options: {
        'rounding.precision': [0, 1, 2, 3],
        'rounding.mode': ['half-up', 'half-even', 'down', 'up'],
        'rounding.stage': ['leaf', 'criterion', 'field'],
        'ranking.on': ['rounded', 'exact'],
      },
    } as UncertaintySpec;
    const r = rankUncertainty(set, evidence, spec, { draws: 400, seed: 2021 });
    expect(r.evaluations).toBeGreaterThan(40);
    expect(`${JSON.stringify(r, null, 2)}\n`).toBe(golden);
  });
});
