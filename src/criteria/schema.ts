/**
 * The criteria-set format (bộ tiêu chí), version 1: the data a decision's annex becomes. Written in YAML or
 * JSON; a JSON Schema generated from this zod schema ships in `schema/criteria.schema.json`.
 * @module
 */
import { z } from 'zod';
import { ROUNDING_MODES } from '../core/exact.js';
import { Id, IsoDate, LegalRef, NodeId, NonNeg, Num } from '../core/zod-helpers.js';
import { RuleSchema } from '../rules/registry.js';

/** The format tag and version this library writes and reads for criteria sets. */
export const CRITERIA_FORMAT = 'par-index/criteria';
/** The newest criteria format version this library reads. */
export const CRITERIA_FORMAT_VERSION = 1;

const Legal = z.union([LegalRef, z.array(LegalRef)]).transform((v) => (Array.isArray(v) ? v : [v]));

/** A bonus or penalty block (khối điểm thưởng / điểm trừ) with its cap. */
export const Block = z.strictObject({
  /** bonus adds its children's points, penalty subtracts them. */
  kind: z.enum(['bonus', 'penalty']),
  /** The most the block can add or subtract. */
  cap: NonNeg,
  /** Whether a bonus block's cap is part of the set's maximum ("inside the 100"); default false. */
  withinMax: z.boolean().default(false),
});

/** How trustworthy a node's content is: from the official text, from an operational source, or illustrative. */
export const Provenance = z.enum(['official', 'operational', 'illustrative', 'unverified']);

/** A tree node as written in a file, before defaults (the input side of {@link CriteriaNodeSchema}). */
export interface NodeInput {
  id: string;
  title: string;
  titleEn?: string | undefined;
  max?: number | string | undefined;
  legal?: unknown;
  notes?: string | undefined;
  provenance?: z.input<typeof Provenance> | undefined;
  rule?: z.input<typeof RuleSchema> | undefined;
  block?: z.input<typeof Block> | undefined;
  children?: NodeInput[] | undefined;
}

/** A node of the tree: field (lĩnh vực), criterion (tiêu chí) or sub-criterion (tiêu chí thành phần). */
export interface CriteriaNode {
  /** The id printed in the decision: "2", "2.3", "2.3.1". */
  readonly id: string;
  /** The title as printed (Vietnamese). */
  readonly title: string;
  readonly titleEn?: string | undefined;
  /** Maximum points (điểm tối đa). Absent only in a draft (structure-only) set. Not used by blocks. */
  readonly max?: number | undefined;
  /** The legal text behind the node. */
  readonly legal: readonly LegalRef[];
  readonly notes?: string | undefined;
  readonly provenance?: z.output<typeof Provenance> | undefined;
  /** The scoring rule (leaves only). */
  readonly rule?: z.output<typeof RuleSchema> | undefined;
  /** Makes the node a bonus or penalty block. */
  readonly block?: z.output<typeof Block> | undefined;
  readonly children?: readonly CriteriaNode[] | undefined;
}

export const CriteriaNodeSchema: z.ZodType<CriteriaNode, NodeInput> = z.lazy(() =>
  z.strictObject({
    id: NodeId,
    title: z.string().min(1),
    titleEn: z.string().optional(),
    max: NonNeg.optional(),
    legal: Legal.default([]),
    notes: z.string().optional(),
    provenance: Provenance.optional(),
    rule: RuleSchema.optional(),
    block: Block.optional(),
    children: z.array(CriteriaNodeSchema).optional(),
  }),
) as unknown as z.ZodType<CriteriaNode, NodeInput>;

/** A classification level (xếp loại): a range of the index in percent. */
export const BandLevel = z.strictObject({
  id: Id,
  /** "Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"… */
  label: z.string().min(1),
  labelEn: z.string().optional(),
  min: Num.optional(),
  max: Num.optional(),
  minInclusive: z.boolean().default(true),
  maxInclusive: z.boolean().default(false),
});
export type BandLevel = z.output<typeof BandLevel>;

/** Which index value bands and ranks read: the published (rounded) one or the exact one. */
export const IndexBasis = z.enum(['rounded', 'exact']);

/** A tie-break key, applied in order when two units tie on the index. */
export const TieBreak = z.union([
  z.strictObject({ by: z.literal('node'), id: NodeId, order: z.enum(['desc', 'asc']).default('desc') }),
  z.strictObject({ by: z.enum(['name', 'id']) }),
]);

/** The rounding the decision declares (làm tròn). */
export const Rounding = z.strictObject({
  /** Decimals of points (default 2). */
  precision: z.number().int().min(0).max(6).default(2),
  mode: z.enum(ROUNDING_MODES as [string, ...string[]]).default('half-up'),
  /**
   * Where points are rounded: at every leaf (default), at each criterion (level 2) or at each field
   * (level 1). Above that stage values are sums of rounded values, so printed parts add up to printed totals.
   */
  stage: z.enum(['leaf', 'criterion', 'field']).default('leaf'),
  /** Decimals of the index in percent (default 2). */
  indexPrecision: z.number().int().min(0).max(6).default(2),
  indexMode: z.enum(ROUNDING_MODES as [string, ...string[]]).default('half-up'),
  legal: Legal.default([]),
});

/** A measure the rules read (chỉ số), with its unit and range. */
export const MeasureDeclSchema = z.strictObject({
  title: z.string().min(1),
  titleEn: z.string().optional(),
  unit: z.enum(['count', 'percent', 'number', 'index', 'days', 'amount']),
  min: Num.optional(),
  max: Num.optional(),
  integer: z.boolean().optional(),
  /** What the measure counts and over which base, in words. */
  description: z.string().optional(),
});

/** The whole criteria-set file. */
export const CriteriaSetSchema = z.strictObject({
  /** "par-index/criteria@1". */
  format: z.string(),
  /** A stable id for the set, e.g. "vn.hung-yen.van-lam.commune". */
  id: Id,
  /** The version of this set ("2021", "2022.1"). */
  version: z.string().min(1),
  title: z.string().min(1),
  titleEn: z.string().optional(),
  /** Who issued the decision (cơ quan ban hành). */
  issuer: z.string().min(1),
  /** The decision that issues the criteria (quyết định). */
  decision: z.strictObject({ number: z.string().min(1), date: IsoDate, title: z.string().optional(), url: z.string().optional() }),
  /** Who is scored. */
  level: z.enum(['ministry', 'province', 'department', 'district', 'commune']),
  /** The years this set scores. */
  years: z.array(z.number().int().min(2000).max(2100)).min(1),
  /** official; illustrative (structure follows the official fields, points invented); draft (structure only). */
  status: z.enum(['official', 'operational', 'illustrative', 'draft']).default('official'),
  legal: Legal.default([]),
  notes: z.string().optional(),
  /** The set this one amends. */
  amends: z.strictObject({ id: Id, version: z.string(), decision: z.string().optional(), date: IsoDate.optional() }).optional(),
  rounding: Rounding.prefault({}),
  bands: z.strictObject({ on: IndexBasis.default('rounded'), legal: Legal.default([]), levels: z.array(BandLevel).min(1) }).optional(),
  ranking: z
    .strictObject({
      method: z.enum(['competition', 'dense', 'ordinal']).default('competition'),
      on: IndexBasis.default('rounded'),
      tieBreak: z.array(TieBreak).default([]),
      legal: Legal.default([]),
    })
    .prefault({}),
  measures: z.record(Id, MeasureDeclSchema).default({}),
  surveys: z.record(Id, z.strictObject({ title: z.string().min(1), titleEn: z.string().optional() })).default({}),
  tree: z.array(CriteriaNodeSchema).min(1),
});

/** A criteria set as written, after defaults. */
export type CriteriaSetData = z.output<typeof CriteriaSetSchema>;
