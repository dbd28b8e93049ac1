/**
 * Interval analysis of a formula: a sound enclosure of every value it can take for inputs within given ranges,
 * with exact bounds, so the criteria checker can prove that a formula reaches a node's maximum and never exceeds
 * it without disagreeing with the scorer by a rounding error.
 * @module
 */
import { Exact } from '../core/exact.js';
import type { Expr } from './expr.js';

/**
 * A closed range of reals. `lo: undefined` means unbounded below (−∞), `hi: undefined` unbounded above (+∞).
 * Bounds are exact so that a static check never disagrees with the scorer by a rounding error. Exported from
 * `par-index` as `FormulaRange` (`Interval` there is a confidence interval).
 *
 * @example `formula.rangeExact([{ lo: Exact.ZERO, hi: Exact.of(100) }]) // { lo: Exact(0), hi: Exact(2) }`
 */
export interface Interval {
  /** The lower bound; undefined for −∞. */
  readonly lo: Exact | undefined;
  /** The upper bound; undefined for +∞. */
  readonly hi: Exact | undefined;
}

const WHOLE: Interval = { lo: undefined, hi: undefined };
const BOOL: Interval = { lo: Exact.ZERO, hi: Exact.ONE };
const TRUE: Interval = { lo: Exact.ONE, hi: Exact.ONE };
const FALSE: Interval = { lo: Exact.ZERO, hi: Exact.ZERO };
const point = (x: Exact): Interval => ({ lo: x, hi: x });

/** An extended real for endpoint products: an exact value or ±Infinity. */
type Ext = Exact | number;

function extSign(x: Ext): number {
  return typeof x === 'number' ? Math.sign(x) : x.sign();
}

function extCmp(a: Ext, b: Ext): number {
  if (typeof a === 'number' || typeof b === 'number') {
    const av = typeof a === 'number' ? a : 0;
    const bv = typeof b === 'number' ? b : 0;
    return av === bv ? 0 : av < bv ? -1 : 1;
  }
  return a.cmp(b);
}

function extMul(a: Ext, b: Ext): Ext {
  // Endpoints bound sets of finite reals, so 0 × ∞ stands for 0 times arbitrarily large finite values: 0.
  const sa = extSign(a);
  const sb = extSign(b);
  if (sa === 0 || sb === 0) return Exact.ZERO;
  if (typeof a === 'number' || typeof b === 'number') return sa * sb > 0 ? Infinity : -Infinity;
  return a.mul(b);
}

function lt(a: Exact | undefined, b: Exact | undefined): boolean {
  return a !== undefined && b !== undefined && a.lt(b);
}
function lte(a: Exact | undefined, b: Exact | undefined): boolean {
  return a !== undefined && b !== undefined && a.lte(b);
}

function hull(a: Interval, b: Interval): Interval {
  return {
    lo: a.lo === undefined || b.lo === undefined ? undefined : a.lo.min(b.lo),
    hi: a.hi === undefined || b.hi === undefined ? undefined : a.hi.max(b.hi),
  };
}

function neg(a: Interval): Interval {
  return { lo: a.hi?.neg(), hi: a.lo?.neg() };
}

function add(a: Interval, b: Interval): Interval {
  return {
    lo: a.lo === undefined || b.lo === undefined ? undefined : a.lo.add(b.lo),
    hi: a.hi === undefined || b.hi === undefined ? undefined : a.hi.add(b.hi),
  };
}

function mul(a: Interval, b: Interval): Interval {
  const as: Ext[] = [a.lo ?? -Infinity, a.hi ?? Infinity];
  const bs: Ext[] = [b.lo ?? -Infinity, b.hi ?? Infinity];
  let lo: Ext | undefined;
  let hi: Ext | undefined;
  for (const x of as) {
    for (const y of bs) {
      const p = extMul(x, y);
      if (lo === undefined || extCmp(p, lo) < 0) lo = p;
      if (hi === undefined || extCmp(p, hi) > 0) hi = p;
    }
  }
  return {
    lo: typeof lo === 'number' || lo === undefined ? undefined : lo,
    hi: typeof hi === 'number' || hi === undefined ? undefined : hi,
  };
}

/** 1/x over the nonzero members of b (x = 0 throws at run time, so it contributes no value). */
function reciprocal(b: Interval): Interval {
  const sLo = b.lo === undefined ? -1 : b.lo.sign();
  const sHi = b.hi === undefined ? 1 : b.hi.sign();
  if (sLo > 0 || sHi < 0) {
    // 0 is outside b: 1/x is monotone decreasing on b.
    return { lo: b.hi === undefined ? Exact.ZERO : Exact.ONE.div(b.hi), hi: b.lo === undefined ? Exact.ZERO : Exact.ONE.div(b.lo) };
  }
  if (sLo === 0 && sHi > 0) return { lo: b.hi === undefined ? Exact.ZERO : Exact.ONE.div(b.hi), hi: undefined };
  if (sHi === 0 && sLo < 0) return { lo: undefined, hi: b.lo === undefined ? Exact.ZERO : Exact.ONE.div(b.lo) };
  return WHOLE;
}

function minOf(a: Interval, b: Interval): Interval {
  return {
    lo: a.lo === undefined || b.lo === undefined ? undefined : a.lo.min(b.lo),
    hi: a.hi === undefined ? b.hi : b.hi === undefined ? a.hi : a.hi.min(b.hi),
  };
}

function maxOf(a: Interval, b: Interval): Interval {
  return {
    lo: a.lo === undefined ? b.lo : b.lo === undefined ? a.lo : a.lo.max(b.lo),
    hi: a.hi === undefined || b.hi === undefined ? undefined : a.hi.max(b.hi),
  };
}

function certainlyTrue(a: Interval): boolean {
  return (a.lo !== undefined && a.lo.sign() > 0) || (a.hi !== undefined && a.hi.sign() < 0);
}
function certainlyFalse(a: Interval): boolean {
  return a.lo !== undefined && a.hi !== undefined && a.lo.isZero() && a.hi.isZero();
}
function decided(yes: boolean, no: boolean): Interval {
  return yes ? TRUE : no ? FALSE : BOOL;
}

/** The range of `e` for variables within `vars` (`vars[i]` for the i-th declared variable). */
export function rangeOf(e: Expr, vars: readonly Interval[]): Interval {
  switch (e.t) {
    case 'num':
      return point(e.value);
    case 'var':
      return vars[e.index]!;
    case 'unary': {
      const a = rangeOf(e.arg, vars);
      if (e.op === 'neg') return neg(a);
      if (e.op === 'not') return decided(certainlyFalse(a), certainlyTrue(a));
      return a;
    }
    case 'binary': {
      const a = rangeOf(e.a, vars);
      const b = rangeOf(e.b, vars);
      switch (e.op) {
        case 'add':
          return add(a, b);
        case 'sub':
          return add(a, neg(b));
        case 'mul':
          return mul(a, b);
        case 'div':
          return mul(a, reciprocal(b));
        case 'lt':
          return decided(lt(a.hi, b.lo), lte(b.hi, a.lo));
        case 'le':
          return decided(lte(a.hi, b.lo), lt(b.hi, a.lo));
        case 'gt':
          return decided(lt(b.hi, a.lo), lte(a.hi, b.lo));
        case 'ge':
          return decided(lte(b.hi, a.lo), lt(a.hi, b.lo));
        case 'eq':
        case 'ne': {
          const same =
            a.lo !== undefined &&
            a.hi !== undefined &&
            b.lo !== undefined &&
            b.hi !== undefined &&
            a.lo.eq(a.hi) &&
            b.lo.eq(b.hi) &&
            a.lo.eq(b.lo);
          const apart = lt(a.hi, b.lo) || lt(b.hi, a.lo);
          return e.op === 'eq' ? decided(same, apart) : decided(apart, same);
        }
        case 'and':
          return decided(certainlyTrue(a) && certainlyTrue(b), certainlyFalse(a) || certainlyFalse(b));
        case 'or':
          return decided(certainlyTrue(a) || certainlyTrue(b), certainlyFalse(a) && certainlyFalse(b));
      }
      // Unreachable: an operator added without a case above fails to compile here instead of falling into 'cond'.
      throw new Error(`par-index internal error: no range for the operator of ${JSON.stringify(e satisfies never)}`);
    }
    case 'cond': {
      const c = rangeOf(e.c, vars);
      if (certainlyTrue(c)) return rangeOf(e.a, vars);
      if (certainlyFalse(c)) return rangeOf(e.b, vars);
      return hull(rangeOf(e.a, vars), rangeOf(e.b, vars));
    }
    case 'minmax': {
      const rs = e.args.map((a) => rangeOf(a, vars));
      return rs.slice(1).reduce(e.fn === 'min' ? minOf : maxOf, rs[0]!);
    }
    case 'abs': {
      const a = rangeOf(e.arg, vars);
      if (a.lo !== undefined && a.lo.sign() >= 0) return a;
      if (a.hi !== undefined && a.hi.sign() <= 0) return neg(a);
      const top = a.lo === undefined || a.hi === undefined ? undefined : a.lo.neg().max(a.hi);
      return { lo: Exact.ZERO, hi: top };
    }
    case 'clamp':
      return minOf(maxOf(rangeOf(e.x, vars), rangeOf(e.lo, vars)), rangeOf(e.hi, vars));
    case 'round': {
      // Rounding is monotone, so rounding the bounds encloses every rounded value.
      const a = rangeOf(e.arg, vars);
      return { lo: a.lo?.round(e.digits, 'half-up'), hi: a.hi?.round(e.digits, 'half-up') };
    }
  }
}

/** A pair of numbers (±Infinity for unbounded) as an exact interval; a RangeError when it is not one. */
export function toInterval(pair: readonly [number, number], name: string): Interval {
  const [lo, hi] = pair;
  if (Number.isNaN(lo) || Number.isNaN(hi) || lo > hi || lo === Infinity || hi === -Infinity) {
    throw new RangeError(`invalid interval for "${name}": [${lo}, ${hi}]`);
  }
  return { lo: lo === -Infinity ? undefined : Exact.of(lo), hi: hi === Infinity ? undefined : Exact.of(hi) };
}

/** A RangeError when the lower bound of `iv` is above its upper bound. */
export function checkInterval(iv: Interval, name: string): void {
  if (iv.lo !== undefined && iv.hi !== undefined && iv.lo.gt(iv.hi)) {
    throw new RangeError(`invalid interval for "${name}": lower bound ${iv.lo.toString()} above upper bound ${iv.hi.toString()}`);
  }
}
