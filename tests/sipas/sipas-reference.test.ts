/**
 * Intervals against R (tests/reference/sipas/reference.R, output committed beside it; CI has no R):
 * Wilson = prop.test(correct = FALSE), Clopper–Pearson = binom.test, Korn–Graubard = survey::svyciprop(method =
 * "beta") on svydesign(ids = ~1, weights = ~w). Compared to 1e-6.
 */
import { NUMBER_FORMATS } from '../../src/core/numbers.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/table.js';
import { computeIndices } from '../../src/sipas/indices.js';
import { clopperPearson, effectiveN, wilson } from '../../src/sipas/interval.js';
import { loadQuestionnaire } from '../../src/sipas/questionnaire.js';
import { importResponses } from '../../src/sipas/responses.js';
import { root } from '../support/paths.js';

const dir = `${root}tests/reference/sipas/`;
const table = (f: string) => {
  const t = parseCsv(readFileSync(dir + f, 'utf8'));
  return t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r.cells[i]])) as Record<string, string | null>);
};
const num = (s: string | null | undefined) => (s === null || s === undefined || s === 'NA' ? Number.NaN : Number(s));

describe('unweighted intervals match R', () => {
  const rows = table('unweighted.csv');
  it.each(rows.map((r) => [r['x'], r['n'], r['level'], r] as const))('x = %s, n = %s, level %s', (_x, _n, _l, r) => {
    const x = num(r['x']);
    const n = num(r['n']);
    const level = num(r['level']);
    const w = wilson(x, n, level);
    const cp = clopperPearson(x, n, level);
    expect(Math.abs(w.low - num(r['wilson_low']))).toBeLessThan(1e-6);
    expect(Math.abs(w.high - num(r['wilson_high']))).toBeLessThan(1e-6);
    expect(Math.abs(cp.low - num(r['cp_low']))).toBeLessThan(1e-6);
    expect(Math.abs(cp.high - num(r['cp_high']))).toBeLessThan(1e-6);
  });
});

describe('weighted (Korn–Graubard) intervals match survey::svyciprop(method = "beta")', () => {
  const q = loadQuestionnaire({
    format: 'par-index/questionnaire@1',
    id: 'test.weighted',
    version: '1',
    title: 'Phiếu có trọng số',
    issuer: 'Thử',
    decision: { number: '1/QĐ', date: '2024-01-01' },
    years: [2024],
    status: 'illustrative',
    scales: {
      hl5: {
        title: 'Hài lòng',
        levels: [1, 2, 3, 4, 5].map((c) => ({ code: c, label: `mức ${c}` })),
        satisfied: { codes: [4, 5], legal: 'unverified' },
        noOpinion: { codes: [9] },
      },
    },
    groups: [{ id: 'g', part: 'services', kind: 'factor', title: 'Nhóm' }],
    items: ['q1', 'q2', 'q3'].map((id) => ({ id, group: 'g', measure: 'satisfaction', scale: 'hl5', text: id, wording: 'illustrative' })),
    options: {
      noOpinion: { treatment: 'exclude', legal: 'unverified' },
      group: { method: 'mean-of-items', legal: 'unverified' },
      part: { method: 'mean-of-groups', legal: 'unverified' },
      overall: { method: 'services', legal: 'unverified' },
      rounding: { stage: 'overall', precision: 2, mode: 'half-up', legal: 'unverified' },
      weights: { use: true, column: 'w', decimals: 4, legal: 'unverified' },
      // 8 decimals, so the printed (outward-rounded) bounds are within 1e-8 of the computed ones.
      interval: { method: 'clopper-pearson', level: 0.95, precision: 8, legal: 'unverified' },
    },
  });
  const csv = readFileSync(`${dir}weighted-responses.csv`, 'utf8');
  // Written by R with a decimal point: declared, since a weight such as 1.234 reads two ways otherwise.
  const { tally, report } = importResponses(q, parseCsv(csv), { file: 'weighted-responses.csv', numbers: NUMBER_FORMATS.en });
  const result = computeIndices(q, tally);
  const ref = table('weighted.csv');

  it('reads every row', () => {
    expect(report.rowsRejected).toBe(0);
    expect(report.rowsIn).toBe(385);
  });

  it.each(ref.map((r) => [r['unit'], r['item'], r] as const))('unit %s, item %s', (unit, item, r) => {
    const it = result.units.find((u) => u.unit === unit)!.items.find((i) => i.id === item)!;
    const idx = it.index!;
    expect(it.counts.valid).toBe(num(r['n']));
    // The weighted share is exact (weights counted in 1/10 000): compare to R's double.
    expect(Math.abs(it.weighted!.satisfied / it.weighted!.valid - num(r['estimate']))).toBeLessThan(1e-12);
    expect(idx.interval).toBe('korn-graubard');
    if (Number.isNaN(num(r['low']))) {
      // R gives NaN when every answer is satisfied; here the interval is finite: Clopper–Pearson at x = n* on
      // n* = (n − 1)/n · (Σw)²/Σw² (Kish's effective n), so low = (α/2)^(1/n*) and high = 100.
      const rows = parseCsv(csv).rows.filter((x) => x.cells[0] === unit && ['4', '5'].includes(String(x.cells[2])));
      const w = rows.map((x) => Number(x.cells[4]));
      const n = w.length;
      const sw = w.reduce((s, x) => s + x, 0);
      const sw2 = w.reduce((s, x) => s + x * x, 0);
      const nStar = ((n - 1) / n) * ((sw * sw) / sw2);
      expect(idx.nEff!).toBeCloseTo(nStar, 3);
      expect(Math.abs(idx.low / 100 - 0.025 ** (1 / nStar))).toBeLessThan(1e-6);
      expect(idx.high).toBe(100);
      expect(idx.low).toBeGreaterThan(80);
      return;
    }
    expect(Math.abs(idx.low / 100 - num(r['low']))).toBeLessThan(1e-6);
    expect(Math.abs(idx.high / 100 - num(r['high']))).toBeLessThan(1e-6);
    expect(Math.abs(idx.nEff! - num(r['neff']))).toBeLessThan(1e-3);
  });

  it('effective n is n − 1 for equal weights, as R computes it', () => {
    expect(effectiveN({ n: 10, wSatisfied: 7, wValid: 10, w2Satisfied: 7, w2Other: 3 })).toBeCloseTo(9, 12);
    expect(effectiveN({ n: 10, wSatisfied: 10, wValid: 10, w2Satisfied: 10, w2Other: 0 })).toBeCloseTo(9, 12);
  });
});
