/** Exact arithmetic: the rounding every point goes through, checked against a BigInt reference. */
import { describe, expect, it } from 'vitest';
import { test as fcTest, fc } from '@fast-check/vitest';
import { Exact, type RoundingMode } from '../../src/core/exact.js';

/** Reference rounding of n/d to p decimals on BigInt, written independently of the module. */
function refRound(n: bigint, d: bigint, p: number, mode: RoundingMode): string {
  const neg = n < 0n !== d < 0n && n !== 0n;
  let a = n < 0n ? -n : n;
  const b = d < 0n ? -d : d;
  a *= 10n ** BigInt(p);
  let q = a / b;
  const r = a % b;
  if (mode === 'up' && r > 0n) q += 1n;
  if (mode === 'half-up' && 2n * r >= b) q += 1n;
  if (mode === 'half-even' && (2n * r > b || (2n * r === b && q % 2n === 1n))) q += 1n;
  const s = q.toString().padStart(p + 1, '0');
  const txt = p > 0 ? `${s.slice(0, -p)}.${s.slice(-p)}` : s;
  return (neg && q !== 0n ? '-' : '') + txt;
}

describe('Exact', () => {
  it.each([
    ['1.955', 2, 'half-up', '1.96'],
    ['1.965', 2, 'half-even', '1.96'],
    ['1.975', 2, 'half-even', '1.98'],
    ['-1.955', 2, 'half-up', '-1.96'],
    ['1.969', 2, 'down', '1.96'],
    ['1.961', 2, 'up', '1.97'],
    ['0,25', 1, 'half-up', '0.3'],
  ] as const)('%s rounded to %d (%s) is %s', (x, p, mode, expected) => {
    expect(Exact.parse(x)!.round(p, mode).toFixed(p)).toBe(expected);
  });

  it('0.1 + 0.2 is exactly 0.3', () => {
    expect(Exact.of(0.1).add(Exact.of(0.2)).eq(Exact.parse('0.3')!)).toBe(true);
  });

  it('continues exactly past the safe-integer range', () => {
    const big = Exact.ratio(2 ** 52, 3).mul(Exact.ratio(2 ** 52, 7));
    expect(big.toRatio()).toBe(`${(2n ** 104n).toString()}/21`);
    expect(big.div(big).eq(Exact.ONE)).toBe(true);
  });

  it('refuses non-numbers and division by zero', () => {
    expect(Exact.parse('1.000,5')).toBeUndefined();
    expect(Exact.parse('abc')).toBeUndefined();
    expect(() => Exact.of(Number.NaN)).toThrow(RangeError);
    expect(() => Exact.ONE.div(Exact.ZERO)).toThrow(RangeError);
  });

  it('does not try to read decimals no figure needs (huge exponents, very long text) and reads those just inside', () => {
    expect(Exact.parse('1e9999999999')).toBeUndefined();
    expect(Exact.parse('1e-401')).toBeUndefined();
    expect(Exact.parse('1'.repeat(61))).toBeUndefined();
    expect(Exact.parse('1e400')!.toRatio()).toBe(`1${'0'.repeat(400)}`);
    expect(Exact.parse('1'.repeat(60))!.toRatio()).toBe('1'.repeat(60));
  });

  it('ratio strings round-trip', () => {
    expect(Exact.fromRatio(Exact.ratio(-22, 7).toRatio())!.eq(Exact.ratio(-22, 7))).toBe(true);
    expect(Exact.fromRatio('5/0')).toBeUndefined();
  });

  fcTest.prop([
    fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
    fc.bigInt({ min: 1n, max: 10n ** 12n }),
    fc.integer({ min: 0, max: 6 }),
    fc.constantFrom<RoundingMode>('half-up', 'half-even', 'down', 'up'),
  ])('round agrees with a BigInt reference for any fraction, mode and precision', (n, d, p, mode) => {
    expect(Exact.ratio(n, d).round(p, mode).toFixed(p)).toBe(refRound(n, d, p, mode));
  });

  fcTest.prop([
    fc.integer({ min: -1e6, max: 1e6 }),
    fc.integer({ min: 1, max: 1e4 }),
    fc.integer({ min: -1e6, max: 1e6 }),
    fc.integer({ min: 1, max: 1e4 }),
  ])('add, sub, mul, div agree with cross-multiplication on BigInt', (a, b, c, d) => {
    const x = Exact.ratio(a, b);
    const y = Exact.ratio(c, d);
    const eqRatio = (e: Exact, n: bigint, m: bigint) => expect(e.eq(Exact.ratio(n, m))).toBe(true);
    eqRatio(x.add(y), BigInt(a) * BigInt(d) + BigInt(c) * BigInt(b), BigInt(b) * BigInt(d));
    eqRatio(x.sub(y), BigInt(a) * BigInt(d) - BigInt(c) * BigInt(b), BigInt(b) * BigInt(d));
    eqRatio(x.mul(y), BigInt(a) * BigInt(c), BigInt(b) * BigInt(d));
    if (c !== 0) eqRatio(x.div(y), BigInt(a) * BigInt(d), BigInt(b) * BigInt(c));
    if (c !== 0)
      expect(
        x
          .mulDiv(y, x.add(Exact.ONE).isZero() ? Exact.ONE : x.add(Exact.ONE))
          .eq(x.mul(y).div(x.add(Exact.ONE).isZero() ? Exact.ONE : x.add(Exact.ONE))),
      ).toBe(true);
    const s = x.round(2, 'half-up');
    expect(Exact.ratio(s.scaled(2) ?? Number.NaN, 100).eq(s)).toBe(true);
    expect(Math.sign(x.cmp(y))).toBe(Math.sign(Number(BigInt(a) * BigInt(d) - BigInt(c) * BigInt(b))));
  });

  fcTest.prop([fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true })])(
    'of(x) is the decimal x prints as (an exact zero has no sign, so −0 reads as 0)',
    (x) => {
      expect(Exact.of(x).toNumber()).toBe(x === 0 ? 0 : x);
    },
  );
});
