/**
 * The trace's JSON form as zod schemas: the one definition of what a trace node and each of its inputs hold. The
 * trace types (`TraceNode`, `TraceInput`…) are derived from these, and a score file's trace is checked with them
 * when it is read back, so a card read from a file has the same shape as a card just scored. In a score file
 * (`par-index/scorecard@2`) an input or finding whose `source` is longer than 1 000 characters carries
 * `sourceRef: "S1"` instead, defined once in the file (`engine/trace-sources.ts`; docs/ranking.md); it is
 * resolved before these schemas check it.
 * @module
 */
import { z } from 'zod';
import { Exact } from '../core/exact.js';
import { LegalRef } from '../core/zod-helpers.js';
import {
  AppraisalItemSchema,
  FindingItemSchema,
  ListItemSchema,
  MeasureItemSchema,
  SurveyItemSchema,
  TaskItemSchema,
  TraceStepSchema,
} from '../rules/records.js';
import type { LeafStatus } from '../rules/types.js';

/** An exact value written "n/d" (or a decimal). */
export const RatioText = z.string().refine((s) => Exact.fromRatio(s) !== undefined, {
  message: 'expected an exact value written "n/d" or a decimal',
});

/** A finite number: JSON cannot hold NaN or Infinity, and a file must not smuggle them in as anything else. */
export const FiniteNumber = z.number().refine(Number.isFinite, { message: 'expected a finite number', params: { kind: 'number' } });

/** How a node came out: the leaf statuses of `rules/`, which the type test pins equal to this list. */
export const NODE_STATUSES = ['scored', 'not-applicable', 'missing', 'shared'] as const satisfies readonly LeafStatus[];

/** A text in both languages, as a trace writes it. */
const TextSchema = z
  .object({
    /** The Vietnamese text. */
    vi: z.string(),
    /** The English text. */
    en: z.string(),
  })
  .readonly();

/** A leaf's rule as a trace shows it. */
export const TraceRuleSchema = z
  .object({
    /** The rule kind, as criteria files write it. */
    kind: z.string().min(1),
    /** The kind's name in both languages. */
    title: TextSchema,
    /** The rule's parameters as the criteria set writes them. */
    params: z.record(z.string(), z.unknown()).readonly(),
  })
  .readonly();

/** The id a read names: the measure's, task's or survey's id, or the node's for appraisals and findings. */
const ReadId = z.string().min(1);

/** A measure read: the measure item without its note, and its exact value ("n/d"). */
export const MeasureInputSchema = z
  .object({
    /** A measure was read. */
    kind: z.literal('measure'),
    /** The measure's id. */
    id: ReadId,
    ...MeasureItemSchema.omit({ note: true }).shape,
    /** The value, exactly ("n/d"); `value` is the same as a number. */
    exact: RatioText,
  })
  .readonly();

/** A task read: the task item without its note. */
export const TaskInputSchema = z
  .object({
    /** A task was read. */
    kind: z.literal('task'),
    /** The task's id. */
    id: ReadId,
    ...TaskItemSchema.omit({ note: true }).shape,
  })
  .readonly();

/** An appraisal read: the self-assessment and appraisal rounds of one node, as the evidence gives them. */
export const AppraisalInputSchema = z
  .object({
    /** An appraisal was read. */
    kind: z.literal('appraisal'),
    /** The node's id. */
    id: ReadId,
    ...AppraisalItemSchema.shape,
  })
  .readonly();

/** A satisfaction index read: the survey item and its exact value ("n/d"). */
export const SurveyInputSchema = z
  .object({
    /** A satisfaction index was read. */
    kind: z.literal('survey'),
    /** The survey index's id. */
    id: ReadId,
    ...SurveyItemSchema.shape,
    /** The index, exactly ("n/d"); `value` is the same as a number. */
    exact: RatioText,
  })
  .readonly();

/** One inspection finding as a trace shows it: without its node (the read names it) and its date, points exactly. */
export const FindingInputSchema = z
  .object({
    ...FindingItemSchema.omit({ node: true, date: true, points: true }).shape,
    /** Points it deducts, exactly ("n/d"), when the finding names them. */
    points: RatioText.optional(),
  })
  .readonly();

/** The inspection findings of one node (possibly none). */
export const FindingsInputSchema = z
  .object({
    /** A node's findings were read. */
    kind: z.literal('findings'),
    /** The node's id. */
    id: ReadId,
    /** The findings on the node. */
    findings: z.array(FindingInputSchema).readonly(),
  })
  .readonly();

/** The population a `relative` leaf compared the unit with: the statistic and the units that formed it. */
export const PopulationInputSchema = z
  .object({
    /** A population statistic was read. */
    kind: z.literal('population'),
    /** The leaf's id. */
    id: ReadId,
    /** The statistic (or, for a rank, the unit's rank). */
    value: FiniteNumber,
    /** The same, exactly ("n/d"). */
    exact: RatioText,
    /** How many units formed the population. */
    size: z.number().int().min(1),
    /** The unit attribute that grouped the units, when the rule declares one. */
    by: z.string().optional(),
    /** The value of that attribute the group shares. */
    group: z.union([z.string(), z.number(), z.boolean()]).optional(),
    /** The ids of the units that formed it. */
    members: z.array(z.string()).readonly(),
    /** Units of the group left out for lack of the measure. */
    without: z.array(z.string()).readonly(),
  })
  .readonly();

/** One item of a list as a trace shows it: the list item without its note, its values exactly ("n/d"). */
export const ListItemInputSchema = z
  .object({
    ...ListItemSchema.omit({ note: true, values: true }).shape,
    /** The values by field id, exactly ("n/d"). */
    values: z.record(z.string(), RatioText).readonly(),
  })
  .readonly();

/** A list read: every item of it, in the evidence's order (possibly none). */
export const ListInputSchema = z
  .object({
    /** A list was read. */
    kind: z.literal('list'),
    /** The list's id. */
    id: ReadId,
    /** Its items. */
    items: z.array(ListItemInputSchema).readonly(),
  })
  .readonly();

/** A value a rule needed and the evidence did not have. */
export const MissingInputSchema = z
  .object({
    /** A value was missing. */
    kind: z.literal('missing'),
    /** The missing measure's, task's, survey's or list's id, or the node's for an appraisal or a population. */
    id: ReadId,
    /** Which kind of evidence was missing (a population: the unit was scored alone). */
    what: z.enum(['measure', 'task', 'appraisal', 'survey', 'list', 'population']),
  })
  .readonly();

/**
 * One value a rule read, with its provenance: the zod schema of `TraceInput`.
 *
 * @example `TraceInputSchema.parse({ kind: 'missing', what: 'measure', id: 'hoso.daGiaiQuyet' }).what // 'measure'`
 */
export const TraceInputSchema = z.discriminatedUnion('kind', [
  MeasureInputSchema,
  TaskInputSchema,
  AppraisalInputSchema,
  SurveyInputSchema,
  FindingsInputSchema,
  PopulationInputSchema,
  ListInputSchema,
  MissingInputSchema,
]);

/** A trace node's own fields, without its children. */
const TraceNodeFields = z.object({
  /** The node's id, as the decision numbers it. */
  id: z.string().min(1),
  /** The number the decision prints, when the set gives one that differs from the id (a number printed twice). */
  printedId: z.string().optional(),
  /** The node's title (Vietnamese). */
  title: z.string(),
  /** The node's title in English, if the set gives one. */
  titleEn: z.string().optional(),
  /** 1 for a field, 2 for a criterion, 3 for a sub-criterion… */
  depth: z.number().int().min(1),
  /** The legal text behind the node. */
  legal: z.array(LegalRef).readonly(),
  /** The rule and its parameters (leaves). */
  rule: TraceRuleSchema.optional(),
  /** Every value the rule read, with its provenance. */
  inputs: z.array(TraceInputSchema).readonly(),
  /** The arithmetic, step by step. */
  steps: z.array(TraceStepSchema).readonly(),
  /** A leaf's points as its rule computed them, before shared points and rounding ("n/d"). */
  raw: RatioText.optional(),
  /** Points, as printed. */
  points: FiniteNumber,
  /** Points, exactly ("n/d"). */
  exact: RatioText,
  /** The applicable maximum, as printed. */
  max: FiniteNumber,
  /** The applicable maximum, exactly. */
  exactMax: RatioText,
  /** The maximum the decision prints. */
  fullMax: FiniteNumber,
  /** How the node came out. */
  status: z.enum(NODE_STATUSES),
  /** Points lost (max − points). */
  lostPoints: FiniteNumber,
  /** Why points were lost, in both languages. */
  lost: z.array(TextSchema).readonly(),
  /** Warnings on this node. */
  warnings: z.array(TextSchema).readonly(),
  /** Findings of `check` about this node that the criteria set acknowledges (the decision's own flaws), with the reason. */
  acknowledged: z.array(TextSchema).readonly().optional(),
});

/**
 * The explanation of one node. A civil servant can follow it line by line back to the decision and the evidence.
 *
 * @example `card.trace?.[0]?.children.filter((t) => t.lostPoints > 0).map((t) => t.id)`
 * @interface
 */
export type TraceNode = Readonly<z.output<typeof TraceNodeFields>> & {
  /** The child nodes, in the decision's order. */
  readonly children: readonly TraceNode[];
};

/**
 * The explanation of one node, its children nested: the zod schema of {@link TraceNode}, with which a score file's
 * trace is read back.
 *
 * @example `TraceNodeSchema.safeParse(JSON.parse(text)[0].trace[0]).success`
 */
export const TraceNodeSchema: z.ZodType<TraceNode> = TraceNodeFields.extend({
  children: z.lazy(() => z.array(TraceNodeSchema).readonly()),
}).readonly();
