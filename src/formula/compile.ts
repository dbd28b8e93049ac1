/**
 * A sandboxed compiler for the small arithmetic formulas criteria files may write (công thức tính điểm), such as
 * `min(max, onTime / resolved * max)`.
 *
 * Why not mathjs `evaluate`: a full mathjs instance exposes `import`, `createUnit`, `config`, `parse`, units,
 * matrices, property access and function definitions to whoever writes the formula (see the security table in
 * the toolchain notes), and it computes in binary floating point, so 97.75 ÷ 100 × 2 would print as 1.95
 * instead of the 1.96 the decision shows. mathjs is used here for parsing only (`sandbox.ts`). The tree it
 * returns is checked against a closed grammar and lowered to a small internal form (`parse.ts`), and turned once
 * into plain JavaScript closures over {@link Exact} values (`closure.ts`). No `eval`, no `new Function`, and no
 * mathjs evaluation ever runs on a formula.
 *
 * The same internal form gives an interval analysis (`interval.ts`), so the criteria checker can prove
 * statically that a formula can reach a node's maximum and never exceeds it.
 * @module
 */
import type { Exact } from '../core/exact.js';
import { toClosure } from './closure.js';
import { checkInterval, rangeOf, toInterval, type Interval } from './interval.js';
import { FORMULA_LIMITS, type FormulaLimits } from './limits.js';
import { lowerFormula } from './parse.js';
import type { FormulaProblem } from './problems.js';

/**
 * A formula that passed every check, compiled once, ready to evaluate many times.
 *
 * @example `const r = compileFormula('a / b * max', ['a', 'b', 'max']); if (r.ok) r.formula.evaluate([Exact.of(3), Exact.of(4), Exact.of(2)]).toString() // "1.5"`
 */
export interface CompiledFormula {
  /** The formula as written. */
  readonly source: string;
  /** The variable names, in the order `evaluate` and `range` expect their values. */
  readonly variables: readonly string[];
  /**
   * Evaluates exactly. `values[i]` is the value of `variables[i]`. Comparisons and logical operators give 1
   * or 0; a condition is true when it is not 0. Throws `FormulaRuntimeError` (an Error carrying `en` and `vi` messages) on a division by zero and a
   * RangeError when the number of values is wrong.
   */
  evaluate(values: readonly Exact[]): Exact;
  /**
   * A sound enclosure of every value `evaluate` can return (when it does not throw) for variables within
   * the given intervals, with exact bounds. Division by a range that contains 0 only at an end keeps a
   * one-sided bound; one that straddles 0 gives (−∞, +∞).
   */
  rangeExact(intervals: readonly Interval[]): Interval;
  /**
   * {@link CompiledFormula.rangeExact} with bounds as numbers (±Infinity when unbounded). Inputs are read as
   * the decimal they print as, outputs are rounded to the nearest number; since that rounding is monotone,
   * `evaluate(...).toNumber()` always lies within the returned pair.
   */
  range(intervals: readonly (readonly [number, number])[]): [number, number];
}

/**
 * Result of {@link compileFormula}: the compiled formula, or every problem found.
 *
 * @example `const r: CompileResult = compileFormula('a / b', ['a', 'b']); r.ok ? r.formula.source : r.issues.length`
 */
export type CompileResult =
  | {
      /** The formula passed every check. */
      readonly ok: true;
      /** The compiled formula. */
      readonly formula: CompiledFormula;
    }
  | {
      /** The formula was refused. */
      readonly ok: false;
      /** Why. */
      readonly issues: readonly FormulaProblem[];
    };

/**
 * Parses `source` once, checks it against the formula grammar and compiles it to closures over exact values.
 *
 * The grammar: numbers; the declared `variables`; parentheses; `+ - * /`; unary `-` and `+`; comparisons
 * `< <= > >= == !=` and `and`, `or`, `not` (giving 1 or 0); `c ? a : b` (true when c ≠ 0); `x%` (x ÷ 100);
 * and the functions `min(…)`, `max(…)`, `abs(x)`, `round(x)`, `round(x, n)` (half away from zero, n a
 * constant 0–10) and `clamp(x, low, high)`. Everything else — property access, assignments, function
 * definitions, matrices, objects, ranges, strings, units, `^`, `mod`, `!`, implicit multiplication, several
 * statements, any other function — is refused with a problem that names the offending part. A formula longer
 * than 2000 characters or with brackets nested deeper than 64 levels is refused before parsing, which keeps the
 * parser's recursion shallow; a parsed tree deeper than 64 levels is refused too.
 *
 * A function name may also be a variable name (the node's `max` is both): a name followed by `(` is the
 * function, otherwise the variable.
 *
 * @example
 * ```ts
 * const r = compileFormula('round(a / b * max, 2)', ['a', 'b', 'max']);
 * if (r.ok) {
 *   r.formula.evaluate([Exact.of(97.75), Exact.of(100), Exact.of(2)]).toString(); // "1.96"
 *   r.formula.range([[0, 100], [1, 100], [2, 2]]); // [0, 200]
 * } else {
 *   for (const p of r.issues) console.log(p.code, p.en, p.vi);
 * }
 * compileFormula('x.constructor', ['x']); // { ok: false, issues: [{ code: 'criteria.formula-forbidden', en: 'property access ".constructor" is not allowed', … }] }
 * ```
 */
export function compileFormula(source: string, variables: readonly string[], limits: FormulaLimits = FORMULA_LIMITS): CompileResult {
  const lowered = lowerFormula(source, variables, limits);
  if (!lowered.ok) return lowered;
  const expr = lowered.expr;

  const run = toClosure(expr);
  const names = Object.freeze([...variables]);
  const arityCheck = (n: number, what: string): void => {
    if (n !== names.length) throw new RangeError(`formula "${source}" expects ${names.length} ${what} (${names.join(', ')}), got ${n}`);
  };
  const formula: CompiledFormula = {
    source,
    variables: names,
    evaluate(values) {
      arityCheck(values.length, 'values');
      return run(values);
    },
    rangeExact(intervals) {
      arityCheck(intervals.length, 'intervals');
      intervals.forEach((iv, i) => checkInterval(iv, names[i]!));
      return rangeOf(expr, intervals);
    },
    range(intervals) {
      arityCheck(intervals.length, 'intervals');
      const r = rangeOf(
        expr,
        intervals.map((pair, i) => toInterval(pair, names[i]!)),
      );
      return [r.lo === undefined ? -Infinity : r.lo.toNumber(), r.hi === undefined ? Infinity : r.hi.toNumber()];
    },
  };
  return { ok: true, formula: Object.freeze(formula) };
}
