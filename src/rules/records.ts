/**
 * The evidence items rules read, defined once: each item's zod schema (what a loaded item holds, its source
 * filled in), the item types derived from it, and the exact-valued records an `EvidenceView` hands a rule,
 * derived from the items. The evidence format (`src/evidence/schema.ts`, a layer above) composes these schemas.
 * @module
 */
import { z } from 'zod';
import type { Exact } from '../core/exact.js';
import { Id, IsoDate, NodeId, NonNeg, Num } from '../core/zod-helpers.js';

/** Provenance (nguồn minh chứng): the document number or system export an item comes from. */
export const Source = z.string().min(1);

/**
 * Rows of the unit's source that could not be used (a dossier export's rejected rows): a count of 0 computed from
 * them may hide cases, so "no case arose" is then said with a warning naming them.
 */
export const RejectedRowsSchema = z.strictObject({
  /** Rejected rows of this unit. */
  count: z.number().int().min(0),
  /** Rejected rows whose unit could not be read: they may be this unit's too. */
  unattributed: z.number().int().min(0).optional(),
  /** The first few of them (this unit's, else the unattributed): where and why. */
  rows: z.array(
    z.strictObject({
      /** The file, as shown in messages. */
      file: z.string().optional(),
      /** The row (the header is row 1). */
      row: z.number().int().min(0),
      /** Why it was rejected, in English ("row 12 (A1): …"). */
      message: z.string(),
      /** Why it was rejected, in Vietnamese. */
      messageVi: z.string(),
    }),
  ),
});

/** A measure value as loaded: the value with its provenance. */
export const MeasureItemSchema = z.strictObject({
  /** The value. */
  value: Num,
  /** Where it came from (provenance). */
  source: Source,
  /** A note from the evidence file. */
  note: z.string().optional(),
  /** Rows of the source that could not be used and concern this unit, when there were any. */
  rejected: RejectedRowsSchema.optional(),
});

/**
 * Rejected rows behind a measure: how many, and the first few with their reasons.
 *
 * @example `view.measure('dossiers.resolved')?.rejected // { count: 3, rows: [{ row: 12, message: 'row 12 (A1): …', messageVi: '…' }, …] }`
 * @interface
 */
export type RejectedRows = z.output<typeof RejectedRowsSchema>;

/** A task as loaded: `done: false` is read as null. */
export const TaskItemSchema = z.strictObject({
  /** The day it was done (YYYY-MM-DD), or null when it was not. */
  done: IsoDate.nullable(),
  /** A deadline specific to this unit, overriding the criteria's. */
  deadline: IsoDate.optional(),
  /** Where the fact comes from (document, system). */
  source: Source,
  /** A note. */
  note: z.string().optional(),
});

/** A self-assessment and its appraisal rounds as loaded. */
export const AppraisalItemSchema = z.strictObject({
  /** Points the unit gave itself (tự chấm). */
  self: Num.optional(),
  /** Points after the first appraisal round (thẩm định lần 1). */
  round1: Num.optional(),
  /** The unit's explanation between the rounds (giải trình). */
  explanation: z.string().optional(),
  /** Points after the second round (thẩm định lần 2). */
  round2: Num.optional(),
  /** Where the figures come from. */
  source: Source,
});

/** A satisfaction index as loaded. */
export const SurveyItemSchema = z.strictObject({
  /** The index, in percent. */
  value: Num,
  /** Respondents. */
  n: z.number().int().nonnegative().optional(),
  /** Lower end of its interval. */
  low: Num.optional(),
  /** Upper end of its interval. */
  high: Num.optional(),
  /** Where it comes from. */
  source: Source,
});

/** An inspection finding as loaded. */
export const FindingItemSchema = z.strictObject({
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
  /** When it was found, YYYY-MM-DD. */
  date: IsoDate.optional(),
  /** The deadline to fix it. */
  deadline: IsoDate.optional(),
  /** The day it was fixed. */
  fixedOn: IsoDate.optional(),
  /** Where it comes from. */
  source: Source,
});

/** A not-applicable declaration as loaded. */
export const NotApplicableItemSchema = z.strictObject({
  /** The node. */
  node: NodeId,
  /** Why it does not apply. */
  reason: z.string().min(1),
  /** Where the reason comes from. */
  source: Source,
});

/**
 * One item of a list in the evidence (a project, a programme…) as loaded: its id, unique in its list, and the
 * values of the fields the criteria set declares for the list.
 */
export const ListItemSchema = z.strictObject({
  /** The item's id, unique in its list ("DA-02"). */
  id: Id,
  /** The item's name, as the unit's report names it. */
  title: z.string().min(1).optional(),
  /** The values of the list's declared fields, by field id. */
  values: z.record(Id, Num),
  /** Where the figures come from. */
  source: Source,
  /** A note. */
  note: z.string().optional(),
});

/** One step of the arithmetic a trace shows, in both languages, with the numbers. */
export const TraceStepSchema = z
  .object({
    /** The step in English. */
    en: z.string(),
    /** The step in Vietnamese. */
    vi: z.string(),
    /** The arithmetic with the actual numbers: "10 × 45 ÷ 50 = 9". */
    calc: z.string().optional(),
  })
  .readonly();

/**
 * A measure value with its provenance.
 *
 * @example `ev.units[0].measures['dossiers.onTime'] // { value: 98, source: 'Một cửa điện tử 2021' }`
 * @interface
 */
export type MeasureItem = Readonly<z.output<typeof MeasureItemSchema>>;

/**
 * A task (nhiệm vụ) of a unit: when it was done, against its deadline.
 *
 * @example `unit.tasks['ke-hoach-cchc'] // { done: '2021-01-08', deadline: '2021-01-15', source: 'Công văn 12/UBND' }`
 * @interface
 */
export type TaskItem = Readonly<z.output<typeof TaskItemSchema>>;

/**
 * A self-assessment and its appraisal rounds (tự chấm, thẩm định) for one node.
 *
 * @example `unit.appraisals['6.1'] // { self: 2, round1: 1.5, explanation: 'thiếu minh chứng', round2: 2, source: 'Biên bản thẩm định' }`
 * @interface
 */
export type AppraisalItem = Readonly<z.output<typeof AppraisalItemSchema>>;

/**
 * A satisfaction index of a unit from a survey: the value, with the sample size and interval when known.
 *
 * @example `unit.surveys['sipas'] // { value: 86.4, n: 120, low: 82.1, high: 90.2, source: 'SIPAS 2021' }`
 * @interface
 */
export type SurveyItem = Readonly<z.output<typeof SurveyItemSchema>>;

/**
 * An inspection finding (phát hiện kiểm tra) against a node, with its follow-up.
 *
 * @example `unit.findings[0] // { id: 'KT-03', node: '3.1.1', description: 'Niêm yết thiếu 2 TTHC', points: 0.5, source: 'Kết luận kiểm tra 5/KL-UBND' }`
 * @interface
 */
export type FindingItem = Readonly<z.output<typeof FindingItemSchema>>;

/**
 * A node that does not apply to the unit (không áp dụng), with the reason.
 *
 * @example `unit.notApplicable[0] // { node: '5.3', reason: 'Không có đơn vị sự nghiệp', source: 'Báo cáo 10/BC-UBND' }`
 * @interface
 */
export type NotApplicableItem = Readonly<z.output<typeof NotApplicableItemSchema>>;

/**
 * One item of a list (danh sách) of a unit: a project with its figures, by field id.
 *
 * @example `unit.lists?.['duAn']?.[0] // { id: 'DA-01', title: 'Dự án A', values: { tyLeGiaiNgan: 96.5 }, source: 'Báo cáo 12/BC-UBND' }`
 * @interface
 */
export type ListItem = Readonly<z.output<typeof ListItemSchema>>;

/**
 * One item of a list as a rule reads it: the {@link ListItem} without its note, its values exact.
 *
 * @example `view.list('duAn')?.[0] // { id: 'DA-01', title: 'Dự án A', values: Map { 'tyLeGiaiNgan' => Exact(96.5) }, source: '…' }`
 * @interface
 */
export type ListItemRecord = Omit<ListItem, 'values' | 'note'> & {
  /** The values by field id, exactly. */
  readonly values: ReadonlyMap<string, Exact>;
};

/**
 * A measured value with its provenance (minh chứng), as a rule reads it: the {@link MeasureItem}, exactly.
 *
 * @example `view.measure('dossiers.onTime') // { value: Exact(98), source: 'Một cửa điện tử 2021' }`
 * @interface
 */
export type MeasureValue = Omit<MeasureItem, 'value' | 'note'> & {
  /** The value, exactly. */
  readonly value: Exact;
};

/**
 * A task (nhiệm vụ) and when it was done, as a rule reads it: the {@link TaskItem} without its note.
 *
 * @example `view.task('ke-hoach-cchc') // { done: '2021-01-08', deadline: undefined, source: 'Kế hoạch 5/KH-UBND' }`
 * @interface
 */
export type TaskRecord = Omit<TaskItem, 'note'>;

/**
 * The rounds of the assessment workflow for one sub-criterion (tự chấm → thẩm định → giải trình → thẩm định
 * lại), as a rule reads them: the {@link AppraisalItem} with exact points.
 *
 * @example `view.appraisal() // { self: Exact(2), round1: Exact(1.5), explanation: 'bổ sung minh chứng', round2: Exact(2), source: 'Biên bản thẩm định' }`
 * @interface
 */
export type AppraisalRecord = Omit<AppraisalItem, 'self' | 'round1' | 'round2'> & {
  /** Points the unit gave itself (tự chấm), exactly. */
  readonly self?: Exact | undefined;
  /** Points after the first appraisal (thẩm định lần 1), exactly. */
  readonly round1?: Exact | undefined;
  /** Points after the second appraisal (thẩm định lần 2), exactly. */
  readonly round2?: Exact | undefined;
};

/**
 * A satisfaction index of the unit (0–100) with its sample size and interval when known, as a rule reads it:
 * the {@link SurveyItem} with an exact value.
 *
 * @example `view.survey('sipas') // { value: Exact(86.4), n: 120, low: 82.1, high: 90.2, source: 'SIPAS 2021' }`
 * @interface
 */
export type SurveyValue = Omit<SurveyItem, 'value'> & {
  /** The index, exactly. */
  readonly value: Exact;
};

/**
 * An inspection finding (phát hiện qua kiểm tra) recorded against a criteria node, as a rule reads it: the
 * {@link FindingItem} with exact points, without the date it was found.
 *
 * @example `view.findings()[0] // { id: 'KT-03', node: '3.1.1', description: 'Niêm yết thiếu 2 TTHC', points: Exact(0.5), … }`
 * @interface
 */
export type FindingRecord = Omit<FindingItem, 'date' | 'points'> & {
  /** Points the finding costs when the criteria leave the amount to the finding, exactly. */
  readonly points?: Exact | undefined;
};
