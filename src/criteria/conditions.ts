/**
 * Conditions as data (điều kiện): what a grade requires besides its threshold (`bands.levels[].requires`), and
 * when a node applies to a unit (`applies`), with what happens to its points when it does not
 * (`whenNotApplicable`). Each condition reads one thing — a declared measure, a ratio of two, a node's points or
 * a unit attribute — and compares it exactly; missing evidence is an error unless the condition declares a policy.
 * @module
 */
import { z } from 'zod';
import { Id, NodeId, Num } from '../core/zod-helpers.js';

/** What a condition does when the evidence it reads is absent: stop with an error, or fail or pass, as declared. */
const WhenMissing = z.union([z.literal('error'), z.literal('fail'), z.literal('pass')]);

/** The parts every condition has: how it is named in the trace and what it does without evidence. */
const conditionText = {
  /** How the decision words the condition, for the trace ("100 % nhiệm vụ đúng tiến độ"). */
  title: z.string().min(1).optional(),
  /** The condition in English. */
  titleEn: z.string().min(1).optional(),
  /**
   * Without the evidence it reads: `error` (the default: scoring stops naming the unit and the condition), `fail`
   * (the condition does not hold) or `pass` (it holds); either of the last two is a warning on the card.
   */
  whenMissing: WhenMissing.default('error'),
};

/** A range the value read must lie in: both bounds included unless said otherwise. */
const range = {
  /** The least value that satisfies the condition. */
  min: Num.optional(),
  /** The greatest value that satisfies the condition. */
  max: Num.optional(),
  /** Whether `min` itself satisfies it (default true: "từ 50 %", "ít nhất 50 %"); false for "trên". */
  minInclusive: z.boolean().default(true),
  /** Whether `max` itself satisfies it (default true: "không quá 20 %"); false for "dưới". */
  maxInclusive: z.boolean().default(true),
};

/** A condition on a declared measure's value. */
const MeasureCondition = z.strictObject({
  /** The measure read (declared under `measures`). */
  measure: Id,
  ...range,
  ...conditionText,
});

/** A condition on a ratio of two declared measures, in percent; a base of 0 counts as missing evidence. */
const RatioCondition = z.strictObject({
  /** numerator ÷ base × 100. */
  ratio: z.strictObject({
    /** The measure counted. */
    numerator: Id,
    /** The measure it is a share of. */
    base: Id,
  }),
  ...range,
  ...conditionText,
});

/** A condition on a node's points (as the card prints them); a node that does not apply counts as missing. */
const NodeCondition = z.strictObject({
  /** The node whose points are read. */
  node: NodeId,
  ...range,
  ...conditionText,
});

/** A condition on a unit attribute of the evidence (`attributes:`): equal to the value given. */
const AttributeCondition = z.strictObject({
  /** The attribute read. */
  attribute: z.string().min(1),
  /** The value it must have. */
  equals: z.union([z.string(), z.number(), z.boolean()]),
  ...conditionText,
});

/**
 * A condition a grade requires besides its threshold (`bands.levels[].requires`): on a measure, a ratio of two
 * measures (in %), a node's points or a unit attribute, with a title for the trace and a policy for missing
 * evidence.
 *
 * @example `ConditionSchema.parse({ measure: 'tasks.onTimeRate', min: 100, title: '100 % nhiệm vụ đúng tiến độ' })`
 */
export const ConditionSchema = z.union([MeasureCondition, RatioCondition, NodeCondition, AttributeCondition]);
/** A condition as loaded. */
export type Condition = z.output<typeof ConditionSchema>;

/**
 * When a node applies to a unit (`applies`): a condition on a measure, a ratio or an attribute of the unit's
 * evidence (not on points). A unit for which it does not hold has the node removed from its points and maximum,
 * or its points redistributed as the node's `whenNotApplicable` says.
 *
 * @example `AppliesSchema.parse({ attribute: 'tiep-xuc-nguoi-dan', equals: true })`
 */
export const AppliesSchema = z.union([MeasureCondition, RatioCondition, AttributeCondition]);

/**
 * What becomes of a node's points when it does not apply to a unit (by its `applies`, the unit's `notApplicable`
 * evidence or its rule's "no case arose" policy): absent, the node leaves the unit's maximum; with `redistribute`,
 * its maximum goes to the nodes named in `over` (any nodes outside its own branch; a group passes its part on
 * to its leaves in proportion to their maxima) — `even`ly, each named node getting the same part, or in
 * `proportion`al to their maxima.
 *
 * @example `NotApplicablePolicySchema.parse({ redistribute: 'even', over: ['I.1', 'I.2', 'I.3', 'I.4'] })`
 */
export const NotApplicablePolicySchema = z.strictObject({
  /** `even`: the same part to every node named ("chia đều"); `proportional`: in proportion to their maxima. */
  redistribute: z.enum(['even', 'proportional']),
  /** The nodes that receive the points, in the decision's words "các tiêu chí còn lại". */
  over: z.array(NodeId).min(1),
});

/** The measures a condition reads. */
export function conditionMeasures(c: Condition): string[] {
  if ('measure' in c) return [c.measure];
  if ('ratio' in c) return [c.ratio.numerator, c.ratio.base];
  return [];
}
