/**
 * The evidence format (minh chứng), version 1: per unit and period, the measures, tasks, appraisal rounds,
 * survey indices, inspection findings and not-applicable declarations a criteria set reads — every item with
 * a provenance id (the document it comes from, e.g. "Quyết định 808/QĐ-UBND").
 * @module
 */
import { z } from 'zod';
import { Id, IsoDate, NodeId, NonNeg, Num } from '../core/zod-helpers.js';

/** The format tag of evidence files. */
export const EVIDENCE_FORMAT = 'par-index/evidence';
/** The newest evidence format version this library reads. */
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
  source: Source.optional(),
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
  source: Source.optional(),
});

export const SurveyEntry = z.union([
  Num,
  z.strictObject({ value: Num, n: z.number().int().nonnegative().optional(), low: Num.optional(), high: Num.optional(), source: Source.optional() }),
]);

export const FindingEntry = z.strictObject({
  id: Id,
  /** The criteria node the finding costs points in. */
  node: NodeId,
  description: z.string().min(1),
  severity: z.string().optional(),
  /** Points the finding costs, when the criterion leaves the amount to the finding. */
  points: NonNeg.optional(),
  /** Date found. */
  date: IsoDate.optional(),
  /** Deadline to fix. */
  deadline: IsoDate.optional(),
  /** Date fixed, if fixed. */
  fixedOn: IsoDate.optional(),
  source: Source.optional(),
});

export const NotApplicableEntry = z.strictObject({ node: NodeId, reason: z.string().min(1), source: Source.optional() });

/** One unit's evidence (xã, thị trấn, phòng…). */
export const UnitEvidenceSchema = z.strictObject({
  id: Id,
  name: z.string().min(1),
  /** "xa", "thi-tran", "phuong", "phong"… — any attribute a ranking may group by. */
  kind: z.string().optional(),
  parent: z.string().optional(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  /** Default provenance for this unit's items. */
  source: Source.optional(),
  measures: z.record(Id, MeasureEntry).default({}),
  tasks: z.record(Id, TaskEntry).default({}),
  appraisals: z.record(NodeId, AppraisalEntry).default({}),
  surveys: z.record(Id, SurveyEntry).default({}),
  findings: z.array(FindingEntry).default([]),
  notApplicable: z.array(NotApplicableEntry).default([]),
});

/** An evidence file: one period, one or more units. */
export const EvidenceFileSchema = z.strictObject({
  format: z.string(),
  /** The year scored. */
  year: z.number().int().min(2000).max(2100),
  /** The period the evidence covers (the source report counts from 15/12/2020 to its date). */
  period: z.strictObject({ from: IsoDate, to: IsoDate }).optional(),
  /** Default provenance for every item in the file. */
  source: Source.optional(),
  notes: z.string().optional(),
  units: z.array(UnitEvidenceSchema),
});
export type EvidenceFileData = z.output<typeof EvidenceFileSchema>;
export type UnitEvidenceData = z.output<typeof UnitEvidenceSchema>;
