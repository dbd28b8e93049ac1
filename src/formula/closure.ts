/**
 * The closure compiler: turns a checked formula (`expr.ts`) once into plain JavaScript closures over
 * {@link Exact} values. No `eval`, no `new Function`, and no mathjs evaluation ever runs on a formula.
 * @module
 */
import { Exact } from '../core/exact.js';
import type { BinaryOp, Expr } from './expr.js';
import { FormulaRuntimeError } from './problems.js';

/** A compiled formula: `vars[i]` is the value of the i-th declared variable. */
export type Fn = (vars: readonly Exact[]) => Exact;

const truth = (b: boolean): Exact => (b ? Exact.ONE : Exact.ZERO);

/** Compiles `e` to a closure; only the chosen branch of a conditional and the needed side of `and`/`or` run. */
export function toClosure(e: Expr): Fn {
  switch (e.t) {
    case 'num': {
      const v = e.value;
      return () => v;
    }
    case 'var': {
      const i = e.index;
      return (vars) => vars[i]!;
    }
    case 'unary': {
      const f = toClosure(e.arg);
      if (e.op === 'neg') return (v) => f(v).neg();
      if (e.op === 'not') return (v) => truth(f(v).isZero());
      return f;
    }
    case 'binary':
      return binaryClosure(e.op, toClosure(e.a), toClosure(e.b), e.text);
    case 'cond': {
      const c = toClosure(e.c);
      const a = toClosure(e.a);
      const b = toClosure(e.b);
      // Only the chosen branch runs, so `b > 0 ? a / b : 0` never divides by zero.
      return (v) => (c(v).isZero() ? b(v) : a(v));
    }
    case 'minmax': {
      const fs = e.args.map(toClosure);
      const pickMin = e.fn === 'min';
      return (v) => {
        let best = fs[0]!(v);
        for (let i = 1; i < fs.length; i++) {
          const x = fs[i]!(v);
          best = pickMin ? best.min(x) : best.max(x);
        }
        return best;
      };
    }
    case 'abs': {
      const f = toClosure(e.arg);
      return (v) => f(v).abs();
    }
    case 'clamp': {
      const x = toClosure(e.x);
      const lo = toClosure(e.lo);
      const hi = toClosure(e.hi);
      return (v) => x(v).max(lo(v)).min(hi(v));
    }
    case 'round': {
      const f = toClosure(e.arg);
      const digits = e.digits;
      return (v) => f(v).round(digits, 'half-up');
    }
  }
}

function binaryClosure(op: BinaryOp, a: Fn, b: Fn, text: string): Fn {
  switch (op) {
    case 'add':
      return (v) => a(v).add(b(v));
    case 'sub':
      return (v) => a(v).sub(b(v));
    case 'mul':
      return (v) => a(v).mul(b(v));
    case 'div':
      return (v) => {
        const d = b(v);
        if (d.isZero()) throw new FormulaRuntimeError(`division by zero in "${text}"`, `chia cho 0 trong "${text}"`);
        return a(v).div(d);
      };
    case 'lt':
      return (v) => truth(a(v).lt(b(v)));
    case 'le':
      return (v) => truth(a(v).lte(b(v)));
    case 'gt':
      return (v) => truth(a(v).gt(b(v)));
    case 'ge':
      return (v) => truth(a(v).gte(b(v)));
    case 'eq':
      return (v) => truth(a(v).eq(b(v)));
    case 'ne':
      return (v) => truth(!a(v).eq(b(v)));
    // Short-circuit, like the conditional: `b != 0 and a / b > 0.5` is safe.
    case 'and':
      return (v) => truth(!a(v).isZero() && !b(v).isZero());
    case 'or':
      return (v) => truth(!a(v).isZero() || !b(v).isZero());
  }
}
