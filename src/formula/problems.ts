/**
 * Why a formula is refused (a problem found when compiling it) or fails when run (a division by zero), in
 * English and Vietnamese.
 * @module
 */
import type { IssueCode } from '../core/errors.js';

/**
 * The issue codes a formula can produce.
 *
 * @example `const code: FormulaIssueCode = 'criteria.formula-forbidden'`
 */
export type FormulaIssueCode = Extract<
  IssueCode,
  'criteria.formula-parse' | 'criteria.formula-forbidden' | 'criteria.formula-undeclared-input'
>;

/**
 * Why a formula was refused, in English and Vietnamese. Callers attach the file and path.
 *
 * @example `const r = compileFormula('a +', ['a']); if (!r.ok) r.issues[0].code // 'criteria.formula-parse'`
 */
export interface FormulaProblem {
  /** The issue code. */
  readonly code: FormulaIssueCode;
  /** The problem in English. */
  readonly en: string;
  /** The problem in Vietnamese. */
  readonly vi: string;
}

/** Thrown by a compiled formula's `evaluate` when the arithmetic is undefined (a division by zero). */
export class FormulaRuntimeError extends Error {
  /** English explanation (also the error's `message`). */
  readonly en: string;
  /** Vietnamese explanation. */
  readonly vi: string;

  constructor(en: string, vi: string) {
    super(en);
    this.name = 'FormulaRuntimeError';
    this.en = en;
    this.vi = vi;
  }
}

/** A problem of code `criteria.formula-forbidden`. */
export function forbidden(en: string, vi: string): FormulaProblem {
  return { code: 'criteria.formula-forbidden', en, vi };
}
