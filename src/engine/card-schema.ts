/**
 * A score card's JSON form as a zod schema: the one definition of what a card prints. The card's types
 * (`engine/types.ts`) are derived from it, and score files are read back with it (`ranking/scores.ts`).
 * @module
 */
import { z } from 'zod';
import { deepFreeze } from '../core/document.js';
import { FiniteNumber, NODE_STATUSES, RatioText, TraceNodeSchema } from './trace-schema.js';
import type { TraceNode } from './trace-schema.js';
import { TraceStepSchema } from '../rules/records.js';

/**
 * The format tag of score cards in JSON.
 *
 * @example `card.format === SCORECARD_FORMAT // true`
 */
export const SCORECARD_FORMAT = 'par-index/scorecard@1';

const Ratio = RatioText;
const Finite = FiniteNumber;

/** A bonus or penalty block as a card shows it. */
export const BlockInfoSchema = z
  .object({
    /** `bonus` adds to the total (điểm thưởng), `penalty` subtracts from it (điểm trừ). */
    kind: z.enum(['bonus', 'penalty']),
    /** The most the block can add or subtract. */
    cap: Finite,
    /** Whether a bonus counts inside the set's maximum (otherwise it can lift the total above it). */
    withinMax: z.boolean(),
  })
  .readonly();

/** A node's score in a card. */
export const NodeScoreSchema = z
  .object({
    /** The node's id, as the decision numbers it ("2.3.1"). */
    id: z.string().min(1),
    /** The node's number as the decision prints it, when it differs from the id (two criteria printed "2"). */
    printedId: z.string().optional(),
    /** The node's title. */
    title: z.string(),
    /** 1 for a field, 2 for a criterion, 3 for a sub-criterion… */
    depth: z.number().int().min(1),
    /** Points, as printed. */
    points: Finite,
    /** The exact value ("n/d"), for checks and exact ranking. */
    exact: Ratio,
    /** The applicable maximum (after not-applicable nodes and shared points), as printed. */
    max: Finite,
    /** The exact applicable maximum ("n/d"); it differs from `max` only when shared points make it non-decimal. */
    exactMax: Ratio,
    /** The maximum the decision prints for the node. */
    fullMax: Finite,
    /** How the node came out. */
    status: z.enum(NODE_STATUSES),
    /** Set on a bonus or penalty block (khối điểm thưởng / điểm trừ): how much it can add or subtract. */
    block: BlockInfoSchema.optional(),
  })
  .readonly();

/** A classification level reached (xếp loại). */
export const BandResultSchema = z
  .object({
    /** The band's id. */
    id: z.string(),
    /** The band's label (Vietnamese). */
    label: z.string(),
    /** The band's label in English. */
    labelEn: z.string().optional(),
    /**
     * When bands have conditions (`requires`): each condition checked for the unit and each band passed over,
     * in order, down to the band given ("không đạt Hoàn thành xuất sắc: …").
     */
    steps: z.array(TraceStepSchema).readonly().optional(),
  })
  .readonly();

/** The unit a card scores. */
export const CardUnitSchema = z
  .object({
    /** The unit's id. */
    id: z.string().min(1),
    /** The unit's name. */
    name: z.string().min(1),
    /** The unit's kind (xã, thị trấn…), if the evidence gives it. */
    kind: z.string().optional(),
    /** The parent unit's id, if the evidence gives it. */
    parent: z.string().optional(),
    /** Attributes for grouping and tie rules, when the unit has any. */
    attributes: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .readonly()
      .optional(),
  })
  .readonly();

/**
 * A finding of `check` that the criteria set acknowledges (a flaw of the decision kept as printed), as a card
 * carries it so that an auditor sees it beside the points.
 */
export const CardAcknowledgedSchema = z
  .object({
    /** The finding's code (`criteria.duplicate-printed-id`…). */
    code: z.string(),
    /** The node's id the finding is about; absent for a finding about the whole set. */
    node: z.string().optional(),
    /** The node's number as the decision prints it, when it differs from the id. */
    printedId: z.string().optional(),
    /** Where in the criteria file. */
    path: z.array(z.union([z.string(), z.number()])).readonly(),
    /** The finding, in English. */
    message: z.string(),
    /** The finding, in Vietnamese. */
    messageVi: z.string(),
    /** Why the set keeps it (Vietnamese). */
    reason: z.string(),
    /** Why the set keeps it, in English. */
    reasonEn: z.string().optional(),
  })
  .readonly();

/** The criteria set a card was scored with. */
export const CardCriteriaSchema = z
  .object({
    /** The set's id. */
    id: z.string().min(1),
    /** The set's version. */
    version: z.string(),
    /** The set's content hash (`sha256:…`). */
    hash: z.string(),
    /** The set's title. */
    title: z.string(),
    /** Who issued the decision. */
    issuer: z.string(),
    /** The decision's number and date. */
    decision: z
      .object({
        /** The decision's number: "1149/QĐ-UBND". */
        number: z.string(),
        /** Its date, YYYY-MM-DD. */
        date: z.string(),
      })
      .readonly(),
    /** Decimals of points, as the set declares. */
    precision: z.number().int().min(0),
    /** Decimals of the index, as the set declares. */
    indexPrecision: z.number().int().min(0),
    /** The findings of `check` the set acknowledges, each with its reason; absent when there are none. */
    acknowledged: z.array(CardAcknowledgedSchema).readonly().optional(),
  })
  .readonly();

/** The evidence a card was scored from. */
export const CardEvidenceSchema = z
  .object({
    /** The evidence's content hash (`sha256:…`). */
    hash: z.string(),
    /** The year assessed. */
    year: z.number().int(),
  })
  .readonly();

/** A card's figures as exact fractions ("n/d"). */
export const CardExactSchema = z
  .object({
    /** Total points, exactly. */
    total: Ratio,
    /** The applicable maximum, exactly. */
    max: Ratio,
    /** The index, exactly; null when no node applies. */
    index: Ratio.nullable(),
  })
  .readonly();

/** A warning as a card file writes it: an issue whose code may be one of another library version. */
const CardIssueSchema = z
  .object({
    /** The issue code. */
    code: z.string(),
    /** `error` or `warning`. */
    severity: z.enum(['error', 'warning']),
    /** Where in the file. */
    path: z.array(z.union([z.string(), z.number()])).readonly(),
    /** The message in English. */
    message: z.string(),
    /** The message in Vietnamese. */
    messageVi: z.string(),
    /** The file concerned. */
    file: z.string().optional(),
    /** The unit concerned. */
    unit: z.string().optional(),
    /** The node concerned. */
    node: z.string().optional(),
  })
  .readonly();

/**
 * The zod schema of one score card as written in JSON (`format` is checked before, by version). Unknown keys
 * are kept out of the result (a score file's `rank` and `rankOf` are the card's place in a ranking, read apart);
 * the trace, when the file has one, is kept as written.
 *
 * @example ScoreCardSchema.safeParse(JSON.parse(text)[0]).success
 */
export const ScoreCardSchema = z
  .object({
    /** The format tag, so stored cards can be read back safely. */
    format: z.literal(SCORECARD_FORMAT),
    /** The unit scored (đơn vị). */
    unit: CardUnitSchema,
    /** The criteria set that scored it. */
    criteria: CardCriteriaSchema,
    /** The evidence scored. */
    evidence: CardEvidenceSchema,
    /** Total points (tổng điểm). */
    total: Finite,
    /** The applicable maximum (tổng điểm tối đa áp dụng). */
    max: Finite,
    /** The maximum of the whole set, before not-applicable nodes. */
    fullMax: Finite,
    /** total ÷ max × 100, rounded as declared; null when no node applies. */
    index: Finite.nullable(),
    /** The band reached (xếp loại), or null when the set has no bands or no index applies. */
    band: BandResultSchema.nullable(),
    /** Exact values ("n/d"). */
    exact: CardExactSchema,
    /** The fields (lĩnh vực), in the decision's order. */
    fields: z.array(NodeScoreSchema).readonly(),
    /** Every node, in the decision's order (depth-first). */
    nodes: z.array(NodeScoreSchema).readonly(),
    /** Leaves scored 0 for missing evidence. */
    missing: z.number().int().min(0),
    /** Problems found while scoring (missing evidence, clipped values…), never a silent change of a number. */
    warnings: z.array(CardIssueSchema).readonly(),
    /** The explanation of every point, when the card was scored (or written) with it. */
    // Frozen here, deeply: `.readonly()` freezes one level, and a reader's deep freeze stops at a frozen card.
    trace: z
      .array(TraceNodeSchema)
      .transform((t): readonly TraceNode[] => deepFreeze(t))
      .optional(),
  })
  .readonly();
