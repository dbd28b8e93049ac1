/**
 * Intervals at their edges, against closed forms written out here (issue 27): weighted 0 % and 100 %, n = 0,
 * invalid levels, and Wilson in its quadratic-root form (an independent way of writing the same bounds).
 */
import { describe, expect, it } from 'vitest';
import { clopperPearson, effectiveN, kornGraubard, wilson } from '../../src/sipas/interval.js';

/** Standard normal quantiles: Φ⁻¹(0.975) and Φ⁻¹(0.95). */
const Z95 = 1.959963984540054;
const Z90 = 1.6448536269514722;

/** Wilson bounds as the roots of (n + z²)p̂² − (2x + z²)p̂ + x²/n = 0. */
function wilsonRoots(x: number, n: number, z: number): [number, number] {
  const z2 = z * z;
  const p = x / n;
  const r = z * Math.sqrt(z2 + 4 * n * p * (1 - p));
  return [(2 * n * p + z2 - r) / (2 * (n + z2)), (2 * n * p + z2 + r) / (2 * (n + z2))];
}

describe('invalid levels are refused', () => {
  it.each([0, 1, 1.5, -0.1, Number.NaN])('level %d', (level) => {
    const msg = `interval level must be in (0, 1), got ${level}`;
    expect(() => wilson(1, 2, level)).toThrow(msg);
    expect(() => clopperPearson(1, 2, level)).toThrow(msg);
    expect(() => kornGraubard({ n: 2, wSatisfied: 1, wValid: 2, w2Satisfied: 1, w2Other: 1 }, level)).toThrow(msg);
  });
  it.each([1.5, 0, Number.NaN])('level %d with no valid answer too', (level) => {
    // n = 0 returns the whole [0, 1] early: the level must be refused before that, by every method alike.
    const msg = `interval level must be in (0, 1), got ${level}`;
    expect(() => wilson(0, 0, level)).toThrow(msg);
    expect(() => clopperPearson(0, 0, level)).toThrow(msg);
    expect(() => kornGraubard({ n: 0, wSatisfied: 0, wValid: 0, w2Satisfied: 0, w2Other: 0 }, level)).toThrow(msg);
  });
});

describe('n = 0: the whole [0, 1]', () => {
  it('each method', () => {
    expect(wilson(0, 0)).toEqual({ low: 0, high: 1, method: 'wilson', level: 0.95, n: 0 });
    expect(wilson(1, -1, 0.9)).toEqual({ low: 0, high: 1, method: 'wilson', level: 0.9, n: 0 });
    expect(clopperPearson(0, 0)).toEqual({ low: 0, high: 1, method: 'clopper-pearson', level: 0.95, n: 0 });
    expect(clopperPearson(0, 0, 0.9, 'korn-graubard')).toEqual({ low: 0, high: 1, method: 'korn-graubard', level: 0.9, n: 0 });
    expect(kornGraubard({ n: 0, wSatisfied: 0, wValid: 0, w2Satisfied: 0, w2Other: 0 })).toEqual({
      low: 0,
      high: 1,
      method: 'korn-graubard',
      level: 0.95,
      n: 0,
    });
  });
  it('effective n is 0 for fewer than two answers or no weight', () => {
    expect(effectiveN({ n: 1, wSatisfied: 1, wValid: 1, w2Satisfied: 1, w2Other: 0 })).toBe(0);
    expect(effectiveN({ n: 0, wSatisfied: 0, wValid: 0, w2Satisfied: 0, w2Other: 0 })).toBe(0);
    expect(effectiveN({ n: 3, wSatisfied: 0, wValid: 0, w2Satisfied: 0, w2Other: 0 })).toBe(0);
  });
});

describe('Wilson against the quadratic roots', () => {
  it.each([
    [169, 200, 0.95, Z95],
    [5, 20, 0.9, Z90],
    [1, 3, 0.95, Z95],
    [7.5, 10, 0.95, Z95],
  ])('x = %d, n = %d, level %d', (x, n, level, z) => {
    const [lo, hi] = wilsonRoots(x, n, z);
    const w = wilson(x, n, level);
    expect(w.low).toBeCloseTo(lo, 12);
    expect(w.high).toBeCloseTo(hi, 12);
    expect([w.method, w.level, w.n]).toEqual(['wilson', level, n]);
  });
  it('x = 0 and x = n: one bound exact, the other z²/(n + z²) from it', () => {
    const z2 = Z95 * Z95;
    const none = wilson(0, 10);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(z2 / (10 + z2), 12);
    const all = wilson(10, 10);
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(10 / (10 + z2), 12);
    // A share above 1 or below 0 is clamped first.
    expect(wilson(12, 10)).toEqual(all);
    expect(wilson(-1, 10)).toEqual(none);
  });
});

describe('Clopper–Pearson at x = 0 and x = n: (α/2)^(1/n)', () => {
  it('0 of 50 and 50 of 50', () => {
    const a = 0.025 ** (1 / 50); // 0.9289… ; 1 − a = 0.07112…
    const none = clopperPearson(0, 50);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(1 - a, 10);
    expect(none.high).toBeCloseTo(0.07112, 5);
    const all = clopperPearson(50, 50);
    expect(all.low).toBeCloseTo(a, 10);
    expect(all.high).toBe(1);
    expect(clopperPearson(60, 50)).toEqual(all);
    expect(clopperPearson(-3, 50)).toEqual(none);
  });
  it('1 of 2 at 90 %: the bounds solve I_p(1, 2) = 0.05 and I_p(2, 1) = 0.95', () => {
    // B(0.05; 1, 2): 1 − (1 − p)² = 0.05 → p = 1 − √0.95; B(0.95; 2, 1): p² = 0.95 → p = √0.95.
    const cp = clopperPearson(1, 2, 0.9);
    expect(cp.low).toBeCloseTo(1 - Math.sqrt(0.95), 10);
    expect(cp.high).toBeCloseTo(Math.sqrt(0.95), 10);
    expect([cp.method, cp.level, cp.n]).toEqual(['clopper-pearson', 0.9, 2]);
  });
});

describe('effective n and Korn–Graubard', () => {
  it('weighted 0 %: Kish, (n − 1)/n × (Σw)² ÷ Σw²', () => {
    // Equal weights 1, 1, 1: 2/3 × 9/3 = 2.
    expect(effectiveN({ n: 3, wSatisfied: 0, wValid: 3, w2Satisfied: 0, w2Other: 3 })).toBeCloseTo(2, 12);
    // Weights 1, 2, 3, none satisfied: 2/3 × 36/14 = 12/7.
    expect(effectiveN({ n: 3, wSatisfied: 0, wValid: 6, w2Satisfied: 0, w2Other: 14 })).toBeCloseTo(12 / 7, 12);
  });
  it('weighted 100 %: the same Kish value', () => {
    expect(effectiveN({ n: 3, wSatisfied: 6, wValid: 6, w2Satisfied: 14, w2Other: 0 })).toBeCloseTo(12 / 7, 12);
  });
  it('in between: p(1 − p) ÷ v', () => {
    // Weights 1, 1, 1, two satisfied: p = 2/3, v = 3/2 × (2/9 + 4/9) ÷ 9 = 1/9, n* = (2/9) ÷ (1/9) = 2.
    expect(effectiveN({ n: 3, wSatisfied: 2, wValid: 3, w2Satisfied: 2, w2Other: 1 })).toBeCloseTo(2, 12);
    // Satisfied weights 1 and 3, other 2: p = 4/6, v = 3/2 × (10/9 + 16/9) ÷ 36 = 13/108, n* = (24/108) ÷ (13/108).
    expect(effectiveN({ n: 3, wSatisfied: 4, wValid: 6, w2Satisfied: 10, w2Other: 4 })).toBeCloseTo(24 / 13, 12);
  });
  it('Korn–Graubard in between is Clopper–Pearson at x = p·n* on n*', () => {
    // Weights 1, 1, 1, two satisfied: p = 2/3 and n* = 2 (above), so x = 4/3.
    const kg = kornGraubard({ n: 3, wSatisfied: 2, wValid: 3, w2Satisfied: 2, w2Other: 1 }, 0.9);
    const cp = clopperPearson(4 / 3, 2, 0.9, 'korn-graubard');
    expect(kg.low).toBeCloseTo(cp.low, 12);
    expect(kg.high).toBeCloseTo(cp.high, 12);
    expect([kg.method, kg.level]).toEqual(['korn-graubard', 0.9]);
    expect(kg.n).toBeCloseTo(2, 12);
    // Both bounds strictly inside (0, 1), around p.
    expect(kg.low > 0 && kg.low < 2 / 3 && kg.high > 2 / 3 && kg.high < 1).toBe(true);
  });
  it('Korn–Graubard at 0 % and 100 % is Clopper–Pearson on n* = 2', () => {
    const none = kornGraubard({ n: 3, wSatisfied: 0, wValid: 3, w2Satisfied: 0, w2Other: 3 });
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(1 - Math.sqrt(0.025), 10);
    expect([none.method, none.level]).toEqual(['korn-graubard', 0.95]);
    expect(none.n).toBeCloseTo(2, 12);
    const all = kornGraubard({ n: 3, wSatisfied: 3, wValid: 3, w2Satisfied: 3, w2Other: 0 }, 0.9);
    expect(all.low).toBeCloseTo(Math.sqrt(0.05), 10);
    expect(all.high).toBe(1);
    expect(all.level).toBe(0.9);
  });
});
