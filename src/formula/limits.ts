/**
 * How long and how deeply nested a formula may be: the loaders' `limits.maxFormulaLength` and
 * `limits.maxFormulaDepth`, checked before parsing so the parser's recursion stays shallow.
 * @module
 */

/**
 * Size limits of a formula: longer than `maxLength` characters or nested deeper than `maxDepth` is refused.
 *
 * @example `compileFormula(expr, ['a'], { ...FORMULA_LIMITS, maxLength: 5000 })`
 */
export interface FormulaLimits {
  /** Most characters. */
  readonly maxLength: number;
  /** Deepest nesting of brackets and operations. */
  readonly maxDepth: number;
}

/**
 * The default formula limits (the `maxFormulaLength` and `maxFormulaDepth` of the loaders' `limits`).
 *
 * @example `FORMULA_LIMITS.maxLength // 2000`
 */
export const FORMULA_LIMITS: FormulaLimits = Object.freeze({ maxLength: 2000, maxDepth: 64 });
