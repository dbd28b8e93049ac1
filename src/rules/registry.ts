/**
 * The registry of rule kinds. A criteria file's `rule: { kind: … }` is validated against the union of the
 * kinds' schemas and scored by the kind's `compile`.
 * @module
 */
import { z } from 'zod';
import { AppraisalParams, appraisalRule } from './appraisal.js';
import { BandsParams, bandsRule } from './bands.js';
import { DeductionParams, deductionRule } from './deduction.js';
import { FormulaParams, formulaRule } from './formula.js';
import { ItemsParams, itemsRule } from './items.js';
import { RateParams, rateRule } from './rate.js';
import { RelativeParams, relativeRule } from './relative.js';
import { SurveyParams, surveyRule } from './survey.js';
import { TaskParams, taskRule } from './task.js';
import type { RuleKind } from './types.js';

/**
 * Every rule kind, by name.
 *
 * @example `Object.keys(RULE_KINDS) // ['task', 'rate', 'bands', 'deduction', 'formula', 'appraisal', 'survey', 'relative', 'items']`
 */
export const RULE_KINDS = {
  /** Tasks done by their deadlines. */
  task: taskRule,
  /** A rate against a target. */
  rate: rateRule,
  /** A threshold table. */
  bands: bandsRule,
  /** Deductions with a floor and a cap. */
  deduction: deductionRule,
  /** A sandboxed formula. */
  formula: formulaRule,
  /** Self-assessment and appraisal rounds. */
  appraisal: appraisalRule,
  /** A satisfaction index. */
  survey: surveyRule,
  /** A comparison with the units scored together. */
  relative: relativeRule,
  /** A condition on each item of a list (or on tasks), with a quantifier. */
  items: itemsRule,
} as const;

/**
 * The name of a rule kind.
 *
 * @example `const kind: RuleKindName = 'rate'`
 */
export type RuleKindName = Rule['kind'];

/**
 * A leaf's rule as written in a criteria file: one of the kinds' parameter objects.
 *
 * @example `RuleSchema.parse({ kind: 'task', task: 'plan.issued' })`
 */
export const RuleSchema = z.discriminatedUnion('kind', [
  TaskParams,
  RateParams,
  BandsParams,
  DeductionParams,
  FormulaParams,
  AppraisalParams,
  SurveyParams,
  RelativeParams,
  ItemsParams,
]);
/** A leaf's rule, as a criteria set gives it: one of the rule kinds. @example `const r: Rule = { kind: 'task', task: 'plan.issued' }` */
export type Rule = z.output<typeof RuleSchema>;

/** Looks up a rule kind. */
export function ruleKind(kind: string): RuleKind<{ kind: string }> | undefined {
  return Object.prototype.hasOwnProperty.call(RULE_KINDS, kind) ? RULE_KINDS[kind as RuleKindName] : undefined;
}
