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
import { RateParams, rateRule } from './rate.js';
import { SurveyParams, surveyRule } from './survey.js';
import { TaskParams, taskRule } from './task.js';
import type { RuleKind } from './types.js';

/** Every rule kind, by name. */
export const RULE_KINDS = {
  task: taskRule,
  rate: rateRule,
  bands: bandsRule,
  deduction: deductionRule,
  formula: formulaRule,
  appraisal: appraisalRule,
  survey: surveyRule,
} as const;

/** The name of a rule kind. */
export type RuleKindName = keyof typeof RULE_KINDS;

/** A leaf's rule as written in a criteria file: one of the kinds' parameter objects. */
export const RuleSchema = z.discriminatedUnion('kind', [
  TaskParams,
  RateParams,
  BandsParams,
  DeductionParams,
  FormulaParams,
  AppraisalParams,
  SurveyParams,
]);
export type Rule = z.output<typeof RuleSchema>;

/** Looks up a rule kind. */
export function ruleKind(kind: string): RuleKind<{ kind: string }> | undefined {
  return Object.prototype.hasOwnProperty.call(RULE_KINDS, kind) ? (RULE_KINDS[kind as RuleKindName] as unknown as RuleKind<{ kind: string }>) : undefined;
}
