/**
 * The evidence format (minh chứng), version 1: per unit and period, the measures, tasks, appraisal rounds,
 * survey indices, inspection findings and not-applicable declarations a criteria set reads — every item with
 * a provenance id (the document it comes from, e.g. "Quyết định 808/QĐ-UBND").
 * @module
 */
import { z } from 'zod';
import { Id, IsoDate, NodeId, NonNeg, Num } from '../core/zod-helpers.js';

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

/** Provenance (nguồn minh chứng): the document number or system export an item comes from. */
const Source = z.string().min(1);

/** A measured value: a number (or "0,25"), or an object with its own source. */
export const MeasureEntry = z.union([Num, z.strictObject({ value: Num, source: Source.optional(), note: z.string().optional() })]);

export const TaskEntry = z.strictObject({
  /** The date done (YYYY-MM-DD), or false/null when not done. */
  done: z.union([IsoDate, z.literal(false), z.null()]),
  /** A deadline specific to this unit, overriding the criteria's. */
  deadline: IsoDate.optional(),
  /** Where it came from (defaults to the file's `source`). */
  source: Source.optional(),
  /** A note. */
  note: z.string().optional(),
});

export const AppraisalEntry = z.strictObject({
  /** Tự chấm. */
  self: Num.optional(),
  /** Thẩm định lần 1. */
  round1: Num.optional(),
  /** Giải trình of the unit. */
  explanation: z.string().optional(),
  /** Thẩm định lần 2 (after the explanation). */
  round2: Num.optional(),
  /** Where it came from (defaults to the file's `source`). */
  source: Source.optional(),
});

export const SurveyEntry = z.union([
  Num,
  z.strictObject({ value: Num, n: z.number().int().nonnegative().optional(), low: Num.optional(), high: Num.optional(), source: Source.optional() }),
]);

export const FindingEntry = z.strictObject({
  /** The finding's id, unique in the unit. */
  id: Id,
  /** The criteria node the finding costs points in. */
  node: NodeId,
  /** What was found, as the inspection record says. */
  description: z.string().min(1),
  /** Its severity, in the inspection's words. */
  severity: z.string().optional(),
  /** Points the finding costs, when the criterion leaves the amount to the finding. */
  points: NonNeg.optional(),
  /** Date found. */
  date: IsoDate.optional(),
  /** Deadline to fix. */
  deadline: IsoDate.optional(),
  /** Date fixed, if fixed. */
  fixedOn: IsoDate.optional(),
  /** Where it came from (defaults to the file's `source`). */
  source: Source.optional(),
});

export const NotApplicableEntry = z.strictObject({ node: NodeId, reason: z.string().min(1), source: Source.optional() });

/** One unit's evidence (xã, thị trấn, phòng…). */
export const UnitEvidenceSchema = z.strictObject({
  /** The unit's id, as the criteria set's roster and every result name it. */
  id: Id,
  /** The unit's name. */
  name: z.string().min(1),
  /** "xa", "thi-tran", "phuong", "phong"… — any attribute a ranking may group by. */
  kind: z.string().optional(),
  /** The parent unit's id. */
  parent: z.string().optional(),
  /** Attributes for grouping and tie rules (string, number or boolean). */
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  /** Default provenance for this unit's items. */
  source: Source.optional(),
  /** Measures by id: a number, or { value, source, note }. */
  measures: z.record(Id, MeasureEntry).default({}),
  /** Tasks by id. */
  tasks: z.record(Id, TaskEntry).default({}),
  /** Self-assessment and appraisal rounds by node id. */
  appraisals: z.record(NodeId, AppraisalEntry).default({}),
  /** Satisfaction indices by survey id. */
  surveys: z.record(Id, SurveyEntry).default({}),
  /** Inspection findings. */
  findings: z.array(FindingEntry).default([]),
  /** Nodes that do not apply to the unit. */
  notApplicable: z.array(NotApplicableEntry).default([]),
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
  year: z.number().int().min(2000).max(2100),
  /** The period the evidence covers (the source report counts from 15/12/2020 to its date). */
  period: z.strictObject({ from: IsoDate, to: IsoDate }).optional(),
  /** Default provenance for every item in the file. */
  source: Source.optional(),
  /** A note for readers of the file. */
  notes: z.string().optional(),
  /** The units' evidence. */
  units: z.array(UnitEvidenceSchema),
});
export type EvidenceFileData = z.output<typeof EvidenceFileSchema>;
export type UnitEvidenceData = z.output<typeof UnitEvidenceSchema>;
