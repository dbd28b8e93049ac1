/**
 * The criteria-set format (bộ tiêu chí), version 1: the data a decision's annex becomes. Written in YAML or
 * JSON; a JSON Schema generated from this zod schema ships in `schema/criteria.schema.json`.
 * @module
 */
import { z } from 'zod';
import { ROUNDING_MODES } from '../core/exact.js';
import { Id, IsoDate, LegalRef, NodeId, NonNeg, Num } from '../core/zod-helpers.js';
import { RuleSchema } from '../rules/registry.js';
import { NodeProvenanceSchema, ProvenanceSchema } from './provenance.js';
import { AppliesSchema, ConditionSchema, NotApplicablePolicySchema } from './conditions.js';
import type { Issue, IssueCode } from '../core/errors.js';

/**
 * The format tag and version this library writes and reads for criteria sets.
 *
 * @example `` `${CRITERIA_FORMAT}@${CRITERIA_FORMAT_VERSION}` // "par-index/criteria@1" ``
 */
export const CRITERIA_FORMAT = 'par-index/criteria';
/**
 * The newest criteria format version this library reads.
 *
 * @example `` `${CRITERIA_FORMAT}@${CRITERIA_FORMAT_VERSION}` // "par-index/criteria@1" ``
 */
export const CRITERIA_FORMAT_VERSION = 1;

const Legal = z.union([z.array(LegalRef), LegalRef]).transform((v) => (Array.isArray(v) ? v : [v]));

/** A bonus or penalty block (khối điểm thưởng / điểm trừ) with its cap. */
export const Block = z.strictObject({
  /** bonus adds its children's points, penalty subtracts them. */
  kind: z.enum(['bonus', 'penalty']),
  /** The most the block can add or subtract. */
  cap: NonNeg,
  /** Whether a bonus block's cap is part of the set's maximum ("inside the 100"); default false. */
  withinMax: z.boolean().default(false),
});

/**
 * How sure a node's content is (see `./provenance.ts`): `{ status: verified|derived|assumed, source?, note?,
 * assumptions? }`, inherited by the node's children unless they declare their own. The one-word marks of earlier
 * files (`official`, `operational`, `illustrative`, `unverified`) are still read.
 */
export const Provenance = NodeProvenanceSchema;

/** A tree node as written in a file, before defaults (the input side of {@link CriteriaNodeSchema}). */
export interface NodeInput {
  id: string;
  printedId?: string | undefined;
  title: string;
  titleEn?: string | undefined;
  max?: number | string | undefined;
  legal?: unknown;
  notes?: string | undefined;
  provenance?: z.input<typeof Provenance> | undefined;
  rule?: z.input<typeof RuleSchema> | undefined;
  block?: z.input<typeof Block> | undefined;
  applies?: z.input<typeof AppliesSchema> | undefined;
  whenNotApplicable?: z.input<typeof NotApplicablePolicySchema> | undefined;
  children?: NodeInput[] | undefined;
}

/**
 * A node of the tree: field (lĩnh vực), criterion (tiêu chí) or sub-criterion (tiêu chí thành phần).
 *
 * @example `set.tree[0].children?.[0]?.id // "1.1"`
 */
export interface CriteriaNode {
  /** The id printed in the decision: "2", "2.3", "2.3.1". Unique in the set. */
  readonly id: string;
  /**
   * The number as the decision prints it, when that cannot be the `id`: a decision that prints two criteria with
   * the same number keeps a unique `id` for each and the printed number here. `check` reports a printed number
   * used twice (`criteria.duplicate-printed-id`), a finding the set may acknowledge.
   */
  readonly printedId?: string | undefined;
  /** The title as printed (Vietnamese). */
  readonly title: string;
  /** The title in English, for English reports. */
  readonly titleEn?: string | undefined;
  /** Maximum points (điểm tối đa). Absent only in a draft (structure-only) set. Not used by blocks. */
  readonly max?: number | undefined;
  /** The legal text behind the node. */
  readonly legal: readonly LegalRef[];
  /** A note for readers of the criteria file (not shown in reports). */
  readonly notes?: string | undefined;
  /** How sure the node is: verified (with its source), derived or assumed (with a note); inherited by its children. */
  readonly provenance?: z.output<typeof Provenance> | undefined;
  /** The scoring rule (leaves only). */
  readonly rule?: z.output<typeof RuleSchema> | undefined;
  /** Makes the node a bonus or penalty block. */
  readonly block?: z.output<typeof Block> | undefined;
  /** When the node applies to a unit: a condition on its evidence; where it does not hold, the node does not apply. */
  readonly applies?: z.output<typeof AppliesSchema> | undefined;
  /** Where the node's points go when it does not apply: absent, it leaves the maximum; else redistributed. */
  readonly whenNotApplicable?: z.output<typeof NotApplicablePolicySchema> | undefined;
  /** The child nodes (tiêu chí, tiêu chí thành phần); a leaf has a rule instead. */
  readonly children?: readonly CriteriaNode[] | undefined;
}

export const CriteriaNodeSchema: z.ZodType<CriteriaNode, NodeInput> = z.lazy(() =>
  z.strictObject({
    id: NodeId,
    printedId: z.string().trim().min(1).optional(),
    title: z.string().min(1),
    titleEn: z.string().optional(),
    max: NonNeg.optional(),
    legal: Legal.default([]),
    notes: z.string().optional(),
    provenance: Provenance.optional(),
    rule: RuleSchema.optional(),
    block: Block.optional(),
    applies: AppliesSchema.optional(),
    whenNotApplicable: NotApplicablePolicySchema.optional(),
    children: z.array(CriteriaNodeSchema).optional(),
  }),
);

/**
 * A classification level (xếp loại): a range of the index in percent (or of the total, with `bands.of: total`).
 *
 * @example `{ id: 'xuat-sac', label: 'Xuất sắc', labelEn: 'Excellent', min: 90, minInclusive: true }`
 */
export const BandLevel = z.strictObject({
  /** The band's id, as results name it. */
  id: Id,
  /** "Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"… */
  label: z.string().min(1),
  /** The band's label in English. */
  labelEn: z.string().optional(),
  /** The lowest index (%) of the band; absent for the lowest band. */
  min: Num.optional(),
  /** The highest index (%) of the band; absent for the highest band. */
  max: Num.optional(),
  /** Whether an index equal to `min` is in the band. */
  minInclusive: z.boolean().default(true),
  /** Whether an index equal to `max` is in the band. */
  maxInclusive: z.boolean().default(false),
  /**
   * Conditions the band requires besides its range (all must hold): a unit in the range that fails one falls to
   * the next band down whose conditions hold. The lowest band has none.
   */
  requires: z.array(ConditionSchema).optional(),
});
export type BandLevel = z.output<typeof BandLevel>;

/** Which index value bands and ranks read: the published (rounded) one or the exact one. */
export const IndexBasis = z.enum(['rounded', 'exact']);

/** A tie-break key, applied in order when two units tie on the index. */
export const TieBreak = z.union([
  z.strictObject({
    /** By a node's points. */
    by: z.literal('node'),
    /** The node. */
    id: NodeId,
    /** More points first (`desc`, the default) or fewer (`asc`). */
    order: z.enum(['desc', 'asc']).default('desc'),
  }),
  z.strictObject({
    /** By the unit's name (Vietnamese collation) or id. */
    by: z.enum(['name', 'id']),
  }),
]);

/** The rounding the decision declares (làm tròn). */
export const Rounding = z.strictObject({
  /** Decimals of points (default 2). */
  precision: z.number().int().min(0).max(6).default(2),
  /** How points are rounded (làm tròn). */
  mode: z.enum(ROUNDING_MODES as [string, ...string[]]).default('half-up'),
  /**
   * Where points are rounded: at every leaf (default), at each criterion (level 2) or at each field
   * (level 1). Above that stage values are sums of rounded values, so printed parts add up to printed totals.
   */
  stage: z.enum(['leaf', 'criterion', 'field']).default('leaf'),
  /** Decimals of the index in percent (default 2). */
  indexPrecision: z.number().int().min(0).max(6).default(2),
  /** How the index (%) is rounded. */
  indexMode: z.enum(ROUNDING_MODES as [string, ...string[]]).default('half-up'),
  /** The legal basis of the rounding rule. */
  legal: Legal.default([]),
  /** How sure the rounding rule is (the set's provenance when absent). */
  provenance: ProvenanceSchema.optional(),
});

/** A measure the rules read (chỉ số), with its unit and range. */
export const MeasureDeclSchema = z.strictObject({
  /** What the measure counts, in Vietnamese. */
  title: z.string().min(1),
  /** What the measure counts, in English. */
  titleEn: z.string().optional(),
  /** The measure's unit: a count, a percentage, a number, an index, days or an amount. */
  unit: z.enum(['count', 'percent', 'number', 'index', 'days', 'amount']),
  /** The smallest value allowed in evidence. */
  min: Num.optional(),
  /** The largest value allowed in evidence. */
  max: Num.optional(),
  /** Whether the value must be a whole number. */
  integer: z.boolean().optional(),
  /** What the measure counts and over which base, in words. */
  description: z.string().optional(),
  /** How sure the measure's definition is (the set's provenance when absent). */
  provenance: ProvenanceSchema.optional(),
});

/**
 * A list the evidence may give each unit (danh sách: the unit's projects, programmes…), read by `items` rules: its
 * title and the fields each item gives, by id, each declared like a measure (unit, range).
 *
 * @example `{ title: 'Dự án đầu tư công', fields: { tyLeGiaiNgan: { title: 'Tỷ lệ giải ngân', unit: 'percent' } } }`
 */
export const ListDeclSchema = z.strictObject({
  /** What the list holds, in Vietnamese. */
  title: z.string().min(1),
  /** What the list holds, in English. */
  titleEn: z.string().optional(),
  /** The fields each item gives, by id: unit and range, as for measures. */
  fields: z.record(Id, MeasureDeclSchema.omit({ provenance: true })),
});

/**
 * A finding of `check` the set acknowledges (ghi nhận) instead of fixing, because the decision prints it so: the
 * finding's `code`, the `node` it is about (absent for a finding about the whole set, such as `total`), and why.
 * The set then scores, and `check`, the cards and the reports show the finding as acknowledged. Only findings
 * that describe the decision's own text can be acknowledged ({@link ACKNOWLEDGEABLE_CODES}).
 *
 * @example `{ code: 'criteria.duplicate-printed-id', node: 'II.3', reason: 'Phụ lục 02 in số "2" hai lần' }`
 */
export const AcknowledgementSchema = z.strictObject({
  /** The code of the finding, e.g. `criteria.duplicate-printed-id`. */
  code: z.string().min(1),
  /** The node's `id` the finding is about; absent for a finding about the whole set. */
  node: NodeId.optional(),
  /** The path of the finding (`bands.levels[2]`), when the code and node alone do not single it out. */
  at: z.string().min(1).optional(),
  /** Why it stays (Vietnamese): "as printed in the decision". */
  reason: z.string().trim().min(1),
  /** Why it stays, in English. */
  reasonEn: z.string().trim().min(1).optional(),
});

/**
 * The whole criteria-set file.
 *
 * @example `CriteriaSetSchema.safeParse(JSON.parse(text)).success`
 */
export const CriteriaSetSchema = z.strictObject({
  /** "par-index/criteria@1". */
  format: z.string(),
  /** A stable id for the set, e.g. "vn.hung-yen.van-lam.commune". */
  id: Id,
  /** The version of this set ("2021", "2022.1"). */
  version: z.string().min(1),
  /** The set's title, as the decision names it. */
  title: z.string().min(1),
  /** The set's title in English. */
  titleEn: z.string().optional(),
  /** Who issued the decision (cơ quan ban hành). */
  issuer: z.string().min(1),
  /** The decision that issues the criteria (quyết định). */
  decision: z.strictObject({
    /** Its number: "1149/QĐ-UBND". */
    number: z.string().min(1),
    /** Its date, YYYY-MM-DD. */
    date: IsoDate,
    /** Its title. */
    title: z.string().optional(),
    /** Where it can be read. */
    url: z.string().optional(),
  }),
  /** Who is scored. */
  level: z.enum(['ministry', 'province', 'department', 'district', 'commune']),
  /** The years this set scores. */
  years: z.array(z.number().int().min(2000).max(2100)).min(1),
  /**
   * The total the decision declares (thang điểm, e.g. 100): `check` refuses a set whose fields' maxima do not add
   * up to it. Absent: not checked.
   */
  total: NonNeg.optional(),
  /** official; illustrative (structure follows the official fields, points invented); draft (structure only). */
  status: z.enum(['official', 'operational', 'illustrative', 'draft']).default('official'),
  /** The legal basis of the whole set. */
  legal: Legal.default([]),
  /** A note for readers of the file. */
  notes: z.string().optional(),
  /**
   * How sure the set is, as a whole (its decision, title, structure): the default of every node, measure and
   * rule of the set that declares no provenance of its own.
   */
  provenance: ProvenanceSchema.optional(),
  /** The set this one amends. */
  amends: z
    .strictObject({
      /** The amended set's id. */
      id: Id,
      /** The amended set's version. */
      version: z.string(),
      /** The number of the decision that issued the amended set. */
      decision: z.string().optional(),
      /** Its date, YYYY-MM-DD. */
      date: IsoDate.optional(),
    })
    .optional(),
  /** How points and the index are rounded, and at which stage. */
  rounding: Rounding.prefault({}),
  /** The bands (xếp loại) by index. */
  bands: z
    .strictObject({
      /** Bands by the rounded (published; the default) or the exact index. */
      on: IndexBasis.default('rounded'),
      /**
       * What the bands classify: the `index` in percent (absent: the index, as always) or the `total` points. Their
       * levels must cover every value it can reach, bonus and penalty blocks included.
       */
      of: z.enum(['index', 'total']).optional(),
      /** The legal basis of the bands. */
      legal: Legal.default([]),
      /** How sure the bands are (the set's provenance when absent). */
      provenance: ProvenanceSchema.optional(),
      /** The band levels, each a half-open range of the index. */
      levels: z.array(BandLevel).min(1),
    })
    .optional(),
  /** How units are ranked (xếp hạng) and ties broken. */
  ranking: z
    .strictObject({
      /** How tied units are numbered: competition (1, 2, 2, 4), dense (1, 2, 2, 3) or ordinal (1, 2, 3, 4). */
      method: z.enum(['competition', 'dense', 'ordinal']).default('competition'),
      /** Whether ranks read the rounded or the exact index. */
      on: IndexBasis.default('rounded'),
      /** Tie-break keys, applied in order. */
      tieBreak: z.array(TieBreak).default([]),
      /** The legal basis of the ranking rule. */
      legal: Legal.default([]),
      /** How sure the ranking rule is (the set's provenance when absent). */
      provenance: ProvenanceSchema.optional(),
    })
    .prefault({}),
  /** The measures evidence may give, by id: what rules may read. */
  measures: z.record(Id, MeasureDeclSchema).default({}),
  /** The satisfaction indices evidence may give, by id. */
  surveys: z
    .record(
      Id,
      z.strictObject({
        /** The survey's title. */
        title: z.string().min(1),
        /** Its English title. */
        titleEn: z.string().optional(),
      }),
    )
    .default({}),
  /** The lists evidence may give each unit, by id, with their fields: what `items` rules may read. */
  lists: z.record(Id, ListDeclSchema).optional(),
  /** Findings of `check` the set keeps as the decision prints them, each with its reason (see {@link AcknowledgementSchema}). */
  acknowledged: z.array(AcknowledgementSchema).optional(),
  /** The fields (lĩnh vực), each with its criteria. */
  tree: z.array(CriteriaNodeSchema).min(1),
});

/**
 * A criteria set as written, after defaults.
 *
 * @example `const data: CriteriaSetData = criteriaData(set)`
 */
export type CriteriaSetData = z.output<typeof CriteriaSetSchema>;

/**
 * The codes of the findings a criteria set may acknowledge: those that describe the decision's own text, which
 * the set keeps as printed — a number printed twice, a maximum its rule can never award, fields whose maxima do
 * not add up to the declared `total`, bands that leave a range unclassified, a number that does not continue its
 * parent's, a block whose children cannot fill its cap. The set still scores the same way with them: the finding
 * says what a reader of the decision must know. Every other finding says the file cannot be scored as written
 * (its shape, an id used twice, a parent whose maximum is not its children's sum, a rule that reads what is not
 * declared…) and stays an error.
 *
 * @example `ACKNOWLEDGEABLE_CODES.includes('criteria.duplicate-printed-id') // true`
 */
export const ACKNOWLEDGEABLE_CODES: readonly IssueCode[] = Object.freeze([
  'criteria.duplicate-printed-id',
  'criteria.rule-cannot-reach-max',
  'criteria.total-mismatch',
  'criteria.bands-gap',
  'criteria.id-numbering',
  'criteria.block-cap',
]);

/**
 * A finding of `check` that the set acknowledges: the finding as `check` reported it (its code, node, path and
 * message, its severity before it was acknowledged) and the set's reason for keeping it.
 *
 * @example `set.acknowledgedFindings.map((f) => `${f.code} ${f.node}: ${f.reason}`)`
 */
export type AcknowledgedFinding = Issue & {
  /** Why the set keeps it (Vietnamese), as its `acknowledged` entry says. */
  readonly reason: string;
  /** Why the set keeps it, in English, when the entry gives it. */
  readonly reasonEn?: string;
};
