/**
 * The questionnaire format (bộ câu hỏi đo lường sự hài lòng), version 1: a SIPAS instrument as data — its
 * decision, answer scales, groups (yếu tố / nội dung chính sách), items, and every aggregation choice the
 * official text leaves open, each declared with its legal reference or the word "unverified".
 * @module
 */
import { z } from 'zod';
import { ROUNDING_MODES } from '../core/exact.js';
import { Id, IsoDate, LegalRef, Num } from '../core/zod-helpers.js';
import { ProvenanceSchema } from '../criteria/provenance.js';

/**
 * The format tag of questionnaire files.
 *
 * @example `checkFormat(doc, QUESTIONNAIRE_FORMAT, QUESTIONNAIRE_FORMAT_VERSION) // [] for "par-index/questionnaire@1"`
 */
export const QUESTIONNAIRE_FORMAT = 'par-index/questionnaire';
/**
 * The newest questionnaire format version this library reads.
 *
 * @example `\`${QUESTIONNAIRE_FORMAT}@${QUESTIONNAIRE_FORMAT_VERSION}\` // "par-index/questionnaire@1"`
 */
export const QUESTIONNAIRE_FORMAT_VERSION = 1;

/**
 * The legal basis of an open choice: a list of references, one reference, or the word "unverified" when the
 * official text could not be read. Loading keeps the distinction, so reports can say which choices are
 * unverified.
 *
 * @example `legal: unverified` or `legal: [{ ref: Quyết định 2640/QĐ-BNV, article: Phụ lục }]` (YAML)
 */
export const OptionLegal = z.union([z.literal('unverified'), z.array(LegalRef).min(1), LegalRef.transform((r) => [r])]);
/** @example `legal: unverified` or `legal: [{ ref: Quyết định 2640/QĐ-BNV, article: Phụ lục }]` (YAML) */
export type OptionLegal = z.output<typeof OptionLegal>;

/** An answer code: a small whole number (0–254; 255 is reserved for "no answer" in typed rows). */
const Code = z.number().int().min(0).max(254);

/**
 * One answer level of a scale (mức trả lời).
 *
 * @example `{ code: 4, label: Hài lòng, labelEn: Satisfied }` (YAML)
 */
export const LevelSchema = z.strictObject({
  /** The answer code in the responses table. */
  code: Code,
  /** The level's wording on the form. */
  label: z.string().min(1),
  /** The wording in English. */
  labelEn: z.string().optional(),
});

/** Codes that are answers but not levels: "không có ý kiến" (no opinion), "không áp dụng" (does not apply). */
const SpecialCodes = z.strictObject({
  /** The answer codes meaning "no opinion". */
  codes: z.array(Code).min(1),
  /** The wording on the form. */
  label: z.string().min(1).optional(),
  /** The wording in English. */
  labelEn: z.string().optional(),
});

/**
 * An answer scale (thang đo), e.g. 1–5 from "rất không hài lòng" to "rất hài lòng", or the options of a
 * categorical question (kênh thông tin: loa phát thanh, họp khu dân cư, …).
 *
 * @example `{ title: Mức độ hài lòng, levels: [...], satisfied: { codes: [4, 5], legal: unverified }, noOpinion: { codes: [9] } }` (YAML)
 */
export const ScaleSchema = z.strictObject({
  /** The scale's title. */
  title: z.string().min(1),
  /** The scale's title in English. */
  titleEn: z.string().optional(),
  /** The levels in order, lowest first (for a categorical question: its options in the form's order). */
  levels: z.array(LevelSchema).min(2),
  /**
   * Which levels count as satisfied (for a perception scale: a positive assessment; for an expectation: the
   * levels reported as wanting improvement). Absent for a categorical question that has no such level (a
   * channel, a preferred form): its items report the share of each option, not an index.
   */
  satisfied: z.strictObject({ codes: z.array(Code).min(1), legal: OptionLegal, provenance: ProvenanceSchema.optional() }).optional(),
  /** Codes meaning "no opinion" (không có ý kiến / không biết). */
  noOpinion: SpecialCodes.optional(),
  /** Codes meaning "does not apply" (không áp dụng): always outside the base. */
  notApplicable: SpecialCodes.optional(),
  /** How sure the scale (levels, codes, labels) is; the questionnaire's when absent. */
  provenance: ProvenanceSchema.optional(),
});
/** @example `q.scales['hl5'].satisfied.codes // [4, 5]` */
export type ScaleData = z.output<typeof ScaleSchema>;

/**
 * The two parts of SIPAS since 1001/QĐ-BNV: administrative services and public policy.
 *
 * @example `PARTS.includes('policy') // true`
 */
export const PARTS = ['services', 'policy'] as const;
/** @example `const p: Part = 'services';` */
export type Part = (typeof PARTS)[number];

/**
 * What a group is: a services factor (yếu tố), a policy content (nội dung chính sách), or a question of the form
 * outside the satisfaction structure — a perception criterion (tiêu chí nhận định) or an expectation question
 * (nhu cầu, mong đợi), which has no satisfaction items and belongs to no part.
 *
 * @example `GROUP_KINDS.includes('question') // true`
 */
export const GROUP_KINDS = ['factor', 'content', 'question'] as const;
/** @example `const k: GroupKind = 'factor';` */
export type GroupKind = (typeof GROUP_KINDS)[number];

/**
 * A group of items: a services factor (yếu tố), a policy content (nội dung), or a question.
 *
 * @example `{ id: cong-chuc, part: services, kind: factor, title: Công chức, overallItem: hl3 }` (YAML)
 */
export const GroupSchema = z.strictObject({
  /** The group's id. */
  id: Id,
  /** The part it belongs to: services or policy (required for a factor or a content). */
  part: z.enum(PARTS).optional(),
  /** factor (yếu tố dịch vụ), content (nội dung chính sách) or question (nhận định, mong đợi). */
  kind: z.enum(GROUP_KINDS),
  /** The group's title. */
  title: z.string().min(1),
  /** The group's title in English. */
  titleEn: z.string().optional(),
  /** The group's "in general" satisfaction item (hài lòng chung về yếu tố), when the instrument has one. */
  overallItem: Id.optional(),
  /** The legal basis of the group. */
  legal: z.array(LegalRef).optional(),
  /** How sure the group (its place, title, items) is; inherited by its items; the questionnaire's when absent. */
  provenance: ProvenanceSchema.optional(),
});
/** @example `q.groups[0].part // 'services'` */
export type GroupData = z.output<typeof GroupSchema>;

/**
 * What an item measures: satisfaction (hài lòng), perception (nhận định) or expectation (mong đợi).
 *
 * @example `MEASURES.indexOf('perception') // 1`
 */
export const MEASURES = ['satisfaction', 'perception', 'expectation'] as const;
/** @example `const m: Measure = 'expectation';` */
export type Measure = (typeof MEASURES)[number];

/**
 * One question (câu hỏi / tiêu chí).
 *
 * @example `{ id: "3.1", group: cong-chuc, measure: satisfaction, scale: hl5, text: Công chức lịch sự, wording: unverified }` (YAML)
 */
export const ItemSchema = z.strictObject({
  /** The item's id (câu hỏi), as the form numbers it. */
  id: Id,
  /** The group it belongs to. */
  group: Id,
  /** What it measures: satisfaction, perception or expectation. */
  measure: z.enum(MEASURES),
  /** Its answer scale. */
  scale: Id,
  /** The question's wording in Vietnamese. */
  text: z.string().min(1),
  /** The question in English. */
  textEn: z.string().optional(),
  /** Whether the wording was checked against the decision's text: verified, unverified, or illustrative. */
  wording: z.enum(['verified', 'unverified', 'illustrative']),
  /** Other column headers the item may have in a responses table (the id is always accepted). */
  columns: z.array(z.string().min(1)).optional(),
  /** The legal basis of the item. */
  legal: z.array(LegalRef).optional(),
  /** How sure the item (wording, place, scale) is; its group's when absent. */
  provenance: ProvenanceSchema.optional(),
});
/** @example `q.items.filter((i) => i.wording === 'unverified').length` */
export type ItemData = z.output<typeof ItemSchema>;

/**
 * The rounding stages, lowest level first: an index at a level at or above the stage is rounded before use.
 * `units` is the figure over several units (a national figure as the mean of provinces): with stage `units`
 * no unit's value is rounded before that mean.
 *
 * @example `ROUNDING_STAGES.indexOf('group') // 1: groups and above are rounded when stage is group`
 */
export const ROUNDING_STAGES = ['item', 'group', 'part', 'overall', 'units'] as const;
/** @example `const s: RoundingStage = 'overall';` */
export type RoundingStage = (typeof ROUNDING_STAGES)[number];

/**
 * The aggregation choices (the options the official text leaves open).
 *
 * @example `options: { noOpinion: { treatment: exclude, legal: unverified }, group: { method: mean-of-items, legal: unverified }, … }` (YAML)
 */
export const OptionsSchema = z.strictObject({
  /** "No opinion" answers: left out of the base (valid n reported), or counted as not satisfied. */
  noOpinion: z.strictObject({ treatment: z.enum(['exclude', 'unsatisfied']), legal: OptionLegal, provenance: ProvenanceSchema.optional() }),
  /** A group's index: the mean of its items' ratios, the pooled ratio of its answers, or its "in general" item. */
  group: z.strictObject({
    method: z.enum(['mean-of-items', 'pooled', 'overall-item']),
    legal: OptionLegal,
    provenance: ProvenanceSchema.optional(),
  }),
  /** A part's index (services, policy): mean of its groups, mean of its items, or pooled ratio. */
  part: z.strictObject({
    method: z.enum(['mean-of-groups', 'mean-of-items', 'pooled']),
    legal: OptionLegal,
    provenance: ProvenanceSchema.optional(),
  }),
  /** The overall index: the mean of policy and services, or one part alone. */
  overall: z.strictObject({
    method: z.enum(['mean-of-parts', 'services', 'policy']),
    legal: OptionLegal,
    provenance: ProvenanceSchema.optional(),
  }),
  /**
   * A figure over several units (a province over its communes, the nation over its provinces): the indices of
   * all their respondents pooled (`pooled`, the default), or the mean of the units' indices (`mean-of-units`).
   */
  units: z
    .strictObject({ method: z.enum(['pooled', 'mean-of-units']), legal: OptionLegal, provenance: ProvenanceSchema.optional() })
    .optional(),
  /** Where rounding happens and to what. */
  rounding: z.strictObject({
    /** The level at which rounding starts: item, group, part or overall. */
    stage: z.enum(ROUNDING_STAGES),
    /** Decimals of an index in % (published figures have 2). */
    precision: z.number().int().min(0).max(10),
    /** The rounding mode. */
    mode: z.enum(ROUNDING_MODES as unknown as [string, ...string[]]).transform((m) => m as (typeof ROUNDING_MODES)[number]),
    /** Where the decision says so, or "unverified". */
    legal: OptionLegal,
    /** How sure the choice is. */
    provenance: ProvenanceSchema.optional(),
  }),
  /** Sampling weights (trọng số): whether a weight column is read, its header, and its decimals. */
  weights: z
    .strictObject({
      /** Whether a weight column is read. */
      use: z.boolean(),
      /** Header of the weight column (default "trong so" / "weight"). */
      column: z.string().min(1).optional(),
      /** Most decimals a weight may have (weights are counted exactly as integers of 10^-decimals). */
      decimals: z.number().int().min(0).max(9).default(6),
      /** Where the decision says so, or "unverified". */
      legal: OptionLegal,
      /** How sure the choice is. */
      provenance: ProvenanceSchema.optional(),
    })
    .default({ use: false, decimals: 6, legal: 'unverified' }),
  /** The interval printed beside each index (a statistical choice, not the decision's). */
  interval: z
    .strictObject({
      /** Unweighted: Wilson or Clopper–Pearson. Weighted answers always use Korn–Graubard. */
      method: z.enum(['wilson', 'clopper-pearson']),
      /** Confidence level (0.95). */
      level: z.number().gt(0).lt(1),
      /** Decimals of the printed bounds (rounded outward, so the interval still contains the index). */
      precision: z.number().int().min(0).max(10).default(2),
      /** Where the choice is documented, or "unverified". */
      legal: OptionLegal,
      /** How sure the choice is. */
      provenance: ProvenanceSchema.optional(),
    })
    .default({ method: 'clopper-pearson', level: 0.95, precision: 2, legal: 'unverified' }),
});
/** @example `q.options.rounding.precision // 2` */
export type OptionsData = z.output<typeof OptionsSchema>;

/**
 * A published figure the questionnaire's method should reproduce (used by tests and `verify`).
 *
 * @example `{ year: 2024, index: overall, value: 83.94, source: Bộ Nội vụ công bố SIPAS 2024 }` (YAML)
 */
export const PublishedSchema = z.strictObject({
  /** The year of the survey. */
  year: z.number().int().min(2000).max(2100),
  /** "overall", "services", "policy" or a group id. */
  index: Id,
  /** The published value in %. */
  value: Num,
  /** Decimals as published (default 2): sets the tolerance of a comparison. */
  precision: z.number().int().min(0).max(10).default(2),
  /** Where it was published. */
  source: z.string().min(1),
  /** A note. */
  note: z.string().optional(),
});

/**
 * A questionnaire file.
 *
 * @example `QuestionnaireSchema.safeParse(doc).success`
 */
export const QuestionnaireSchema = z.strictObject({
  /** The format tag: `par-index/questionnaire@1`. */
  format: z.string(),
  /** The questionnaire's id. */
  id: Id,
  /** Its version. */
  version: z.string().min(1),
  /** Its title. */
  title: z.string().min(1),
  /** Its title in English. */
  titleEn: z.string().optional(),
  /** Who issued it. */
  issuer: z.string().min(1),
  /** The decision that issued it. */
  decision: z.strictObject({ number: z.string().min(1), date: IsoDate, title: z.string().optional() }),
  /** The survey years the instrument is used for. */
  years: z.array(z.number().int().min(2000).max(2100)).min(1),
  /** official (text checked), partial (some parts unverified), illustrative (made up for an example). */
  status: z.enum(['official', 'partial', 'illustrative']),
  /** Who answers: "người dân, tổ chức đã thực hiện TTHC", "hộ gia đình"… */
  respondents: z.string().optional(),
  /** The legal basis. */
  legal: z.array(LegalRef).default([]),
  /** A note for readers of the file. */
  notes: z.string().optional(),
  /** How sure the questionnaire is as a whole: the default of every scale, group, item and option without its own. */
  provenance: ProvenanceSchema.optional(),
  /** Answer scales by id. */
  scales: z.record(Id, ScaleSchema),
  /** Groups (yếu tố, nội dung), in order. */
  groups: z.array(GroupSchema).min(1),
  /** Items (câu hỏi), in order. */
  items: z.array(ItemSchema).min(1),
  /** How indices are computed, each choice with its legal basis. */
  options: OptionsSchema,
  /** Figures published from this questionnaire, to check against. */
  published: z.array(PublishedSchema).default([]),
});
/** @example `const data: QuestionnaireData = QuestionnaireSchema.parse(doc);` */
export type QuestionnaireData = z.output<typeof QuestionnaireSchema>;
