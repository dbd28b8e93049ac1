/**
 * The evidence format (minh chứng), version 1: per unit and period, the measures, tasks, appraisal rounds,
 * survey indices, inspection findings and not-applicable declarations a criteria set reads — every item with
 * a provenance id (the document it comes from, e.g. "Quyết định 808/QĐ-UBND").
 * @module
 */
import { z } from 'zod';
import { Id, IsoDate, Name, NodeId, Num } from '../core/zod-helpers.js';
import {
  AppraisalItemSchema,
  FindingItemSchema,
  ListItemSchema,
  MeasureItemSchema,
  NotApplicableItemSchema,
  Source,
  SurveyItemSchema,
  TaskItemSchema,
} from '../rules/records.js';

/**
 * The format tag of evidence files.
 *
 * @example `` `${EVIDENCE_FORMAT}@${EVIDENCE_FORMAT_VERSION}` // "par-index/evidence@1" ``
 */
export const EVIDENCE_FORMAT = 'par-index/evidence';
/**
 * The newest evidence format version this library reads.
 *
 * @example `` `${EVIDENCE_FORMAT}@${EVIDENCE_FORMAT_VERSION}` // "par-index/evidence@1" ``
 */
export const EVIDENCE_FORMAT_VERSION = 1;

/** A measured value: a number (or "0,25"), or an object with its own source. */
export const MeasureEntry = z.union([Num, MeasureItemSchema.extend({ source: Source.optional() })]);

/** A task: the loaded item, written with `done: false` when not done and with its source optional. */
export const TaskEntry = TaskItemSchema.extend({
  /** The date done (YYYY-MM-DD), or false/null when not done (read as null). */
  done: z.union([IsoDate, z.literal(false), z.null()]).transform((d) => (d === false ? null : d)),
  /** Where it came from (defaults to the unit's or the file's `source`). */
  source: Source.optional(),
});

/** Self-assessment and appraisal rounds; the source defaults to the unit's or the file's. */
export const AppraisalEntry = AppraisalItemSchema.extend({ source: Source.optional() });

/** A satisfaction index: a number, or an object with its sample size, interval and source. */
export const SurveyEntry = z.union([Num, SurveyItemSchema.extend({ source: Source.optional() })]);

/** An inspection finding; the source defaults to the unit's or the file's. */
export const FindingEntry = FindingItemSchema.extend({ source: Source.optional() });

/** A node that does not apply; the source defaults to the unit's or the file's. */
export const NotApplicableEntry = NotApplicableItemSchema.extend({ source: Source.optional() });

/** An item of a list (a project…); the source defaults to the unit's or the file's. */
export const ListItemEntry = ListItemSchema.extend({ source: Source.optional() });

/**
 * A problem a source reader found in the figures it turned into this unit's evidence (a portal table whose
 * parts do not add up to its whole…): every score card of the unit carries it as a warning.
 */
const SourceWarning = z.strictObject({
  /** The issue code, e.g. dossier.aggregate-gap (a code the library does not know is shown as evidence.inconsistent). */
  code: z.string().regex(/^[a-z]+\.[a-z-]+$/),
  /** English text, naming the file, the row and the figures. */
  message: z.string().min(1),
  /** Vietnamese text. */
  messageVi: z.string().min(1),
});

const Attributes = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/** What names a unit, as written and as loaded. */
const unitFields = {
  /** The unit's id, as the criteria set's roster and every result name it. */
  id: Id,
  /** The unit's name. */
  name: Name,
  /** "xa", "thi-tran", "phuong", "phong"… — any attribute a ranking may group by. */
  kind: z.string().optional(),
  /** The parent unit's id. */
  parent: z.string().optional(),
};

/** The period evidence covers, both ends included. */
const Period = z.strictObject({
  /** First day, YYYY-MM-DD. */
  from: IsoDate,
  /** Last day (included), YYYY-MM-DD. */
  to: IsoDate,
});

/** The year scored. */
const Year = z.number().int().min(2000).max(2100);

/** One unit's evidence (xã, thị trấn, phòng…). */
export const UnitEvidenceSchema = z.strictObject({
  ...unitFields,
  /** Attributes for grouping and tie rules (string, number or boolean). */
  attributes: Attributes.optional(),
  /** Default provenance for this unit's items. */
  source: Source.optional(),
  /** Measures by id: a number, or { value, source, note }. */
  measures: z.record(Id, MeasureEntry).default({}),
  /** Tasks by id. (An input-side default: the JSON Schema drops an output default above `done`'s transform.) */
  tasks: z.record(Id, TaskEntry).prefault({}),
  /** Self-assessment and appraisal rounds by node id. */
  appraisals: z.record(NodeId, AppraisalEntry).default({}),
  /** Satisfaction indices by survey id. */
  surveys: z.record(Id, SurveyEntry).default({}),
  /** Inspection findings. */
  findings: z.array(FindingEntry).default([]),
  /** Nodes that do not apply to the unit. */
  notApplicable: z.array(NotApplicableEntry).default([]),
  /** Lists of items by list id (the unit's projects…), each item with its id and field values; `[]` says the unit has none. */
  lists: z.record(Id, z.array(ListItemEntry)).optional(),
  /** Problems found in the figures by the source they were computed from; each becomes a warning on the card. */
  warnings: z.array(SourceWarning).optional(),
});

/**
 * An evidence file: one period, one or more units.
 *
 * @example `EvidenceFileSchema.safeParse(JSON.parse(text)).success`
 */
export const EvidenceFileSchema = z.strictObject({
  /** The format tag: `par-index/evidence@1`. */
  format: z.string(),
  /** The year scored. */
  year: Year,
  /** The period the evidence covers (the source report counts from 15/12/2020 to its date). */
  period: Period.optional(),
  /** Default provenance for every item in the file. */
  source: Source.optional(),
  /** A note for readers of the file. */
  notes: z.string().optional(),
  /** The units' evidence. */
  units: z.array(UnitEvidenceSchema),
});
export type EvidenceFileData = z.output<typeof EvidenceFileSchema>;
export type UnitEvidenceData = z.output<typeof UnitEvidenceSchema>;

/**
 * One unit's evidence after loading (the shape of `UnitEvidence`): every item carries its source, the sections
 * are always there. Not a file format: the loader builds it from {@link UnitEvidenceSchema}'s output.
 */
export const LoadedUnitSchema = z.strictObject({
  ...unitFields,
  /** Attributes for grouping and tie rules. */
  attributes: Attributes.readonly(),
  /** Measures by id. */
  measures: z.record(Id, MeasureItemSchema.readonly()).readonly(),
  /** Tasks (nhiệm vụ) by id. */
  tasks: z.record(Id, TaskItemSchema.readonly()).readonly(),
  /** Self-assessment and appraisal rounds (tự chấm, thẩm định) by node id. */
  appraisals: z.record(NodeId, AppraisalItemSchema.readonly()).readonly(),
  /** Satisfaction indices by survey id. */
  surveys: z.record(Id, SurveyItemSchema.readonly()).readonly(),
  /** Inspection findings (phát hiện kiểm tra). */
  findings: z.array(FindingItemSchema.readonly()).readonly(),
  /** Nodes that do not apply to the unit (không áp dụng), with the reason. */
  notApplicable: z.array(NotApplicableItemSchema.readonly()).readonly(),
  /** Lists of items by list id, each item with its source (absent when the evidence gives none). */
  lists: z.record(Id, z.array(ListItemSchema.readonly()).readonly()).readonly().optional(),
  /** Problems the source of the figures reported (absent when none), each a warning on the unit's card. */
  warnings: z.array(SourceWarning.readonly()).readonly().optional(),
});

/** Evidence for one year after loading and merging (the shape of `Evidence`). */
export const LoadedEvidenceSchema = z.strictObject({
  /** The year assessed. */
  year: Year,
  /** The period the figures cover. */
  period: Period.readonly().optional(),
  /** Every unit's evidence, merged from all documents. */
  units: z.array(LoadedUnitSchema.readonly()).readonly(),
  /** `sha256:…` of the evidence (units sorted by id), so results name the evidence they came from. */
  hash: z.string(),
});
