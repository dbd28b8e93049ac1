/**
 * Conditions as data (điều kiện): what a grade requires besides its threshold (`bands.levels[].requires`), and
 * when a node applies to a unit (`applies`), with what happens to its points when it does not
 * (`whenNotApplicable`). Each condition reads one thing — a declared measure, a ratio of two, a node's points or
 * a unit attribute — and compares it exactly; missing evidence is an error unless the condition declares a policy.
 * @module
 */
import { z } from 'zod';
import { Id, NodeId, Num } from '../core/zod-helpers.js';
import { ItemsSpec } from '../rules/items.js';

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
  minInclusive: z.boolean().optional(),
  /** Whether `max` itself satisfies it (default true: "không quá 20 %"); false for "dưới". */
  maxInclusive: z.boolean().optional(),
};

/** What a condition may read: exactly one of these keys is given. */
const READS = ['measure', 'ratio', 'node', 'attribute', 'items'] as const;

/**
 * The keys of every condition, in one object rather than a union of shapes: a misspelt key (`mesure`) is then
 * named as unknown, instead of every shape of the union reporting what it lacks.
 */
const conditionFields = {
  /** A declared measure's value. */
  measure: Id.optional(),
  /** numerator ÷ base × 100, in percent, of two declared measures; a base of 0 counts as missing evidence. */
  ratio: z
    .strictObject({
      /** The measure counted. */
      numerator: Id,
      /** The measure it is a share of. */
      base: Id,
    })
    .optional(),
  /** A node's points, as the card prints them (bands only); a node that does not apply counts as missing. */
  node: NodeId.optional(),
  /** A unit attribute of the evidence (`attributes:`), compared with `equals`. */
  attribute: z.string().min(1).optional(),
  /**
   * The share (%) of a list's items (or of tasks) that meet a condition on each (grades only): "every project
   * ≥ 95 %" is `{ items: { list: duAn, where: { field: tyLeGiaiNgan, min: 95 } }, min: 100 }`. No items, or an
   * item without the value read, counts as missing.
   */
  items: ItemsSpec.optional(),
  /** The value the attribute must have. */
  equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
  ...range,
  ...conditionText,
};

/** One thing read, and bounds for a number or `equals` for an attribute. */
function wellFormed(reads: readonly string[]) {
  return (c: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    const given = reads.filter((k) => c[k] !== undefined);
    if (given.length !== 1)
      ctx.addIssue({
        code: 'custom',
        message: `a condition reads one thing: give exactly one of ${reads.join(', ')}${given.length ? ` (found ${given.join(', ')})` : ''}`,
        params: {
          vi: `mỗi điều kiện đọc một giá trị: khai báo đúng một trong ${reads.join(', ')}${given.length ? ` (đang có ${given.join(', ')})` : ''}`,
        },
      });
    const attr = c['attribute'] !== undefined;
    if (attr && c['equals'] === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['equals'],
        message: 'an attribute condition needs equals: the value the attribute must have',
        params: { vi: 'điều kiện theo thuộc tính cần equals: giá trị thuộc tính phải có' },
      });
    if (!attr && c['equals'] !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['equals'],
        message: 'equals goes with attribute; a number read is compared with min and max',
        params: { vi: 'equals chỉ dùng với attribute; giá trị số được so với min và max' },
      });
    if (attr && (c['min'] !== undefined || c['max'] !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: [c['min'] !== undefined ? 'min' : 'max'],
        message: 'an attribute is compared with equals, not min or max',
        params: { vi: 'thuộc tính được so bằng equals, không dùng min, max' },
      });
  };
}

/**
 * A condition a grade requires besides its threshold (`bands.levels[].requires`): on a `measure`, a `ratio` of two
 * measures (in %), a `node`'s points, a unit `attribute` or the share (%) of `items` that meet a condition — exactly one —, with a title for the trace and a
 * policy for missing evidence.
 *
 * @example `ConditionSchema.parse({ measure: 'tasks.onTimeRate', min: 100, title: '100 % nhiệm vụ đúng tiến độ' })`
 */
export const ConditionSchema = z.strictObject(conditionFields).superRefine(wellFormed(READS));
/** A condition as loaded. */
export type Condition = z.output<typeof ConditionSchema>;

/**
 * When a node applies to a unit (`applies`): a condition on a measure, a ratio or an attribute of the unit's
 * evidence (not on points). A unit for which it does not hold has the node removed from its points and maximum,
 * or its points redistributed as the node's `whenNotApplicable` says.
 *
 * @example `AppliesSchema.parse({ attribute: 'tiep-xuc-nguoi-dan', equals: true })`
 */
export const AppliesSchema = z
  .strictObject((({ node: _node, items: _items, ...rest }) => rest)(conditionFields))
  .superRefine(wellFormed(['measure', 'ratio', 'attribute']));

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
export function conditionMeasures(c: { measure?: string | undefined; ratio?: { numerator: string; base: string } | undefined }): string[] {
  if (c.measure !== undefined) return [c.measure];
  if (c.ratio !== undefined) return [c.ratio.numerator, c.ratio.base];
  return [];
}
