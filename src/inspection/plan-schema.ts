/**
 * The inspection plan file format, `par-index/inspection-plan@1`: a yearly plan (kế hoạch kiểm tra) with its
 * decision, the rounds announced by notice (thông báo), the units each round visits — planned or unannounced
 * (đột xuất) — and the findings (phát hiện, tồn tại) with their deadline to fix. Loading and checking a plan is
 * `plan.ts`.
 * @module
 */
import { z } from 'zod';
import { Id, IsoDate, NodeId, NonNeg } from '../core/zod-helpers.js';

/**
 * The plan file's format tag.
 * @example `${INSPECTION_PLAN_FORMAT}@${INSPECTION_PLAN_VERSION}` // "par-index/inspection-plan@1"
 */
export const INSPECTION_PLAN_FORMAT = 'par-index/inspection-plan';
/**
 * The newest plan version this library reads.
 * @example INSPECTION_PLAN_VERSION // 1
 */
export const INSPECTION_PLAN_VERSION = 1;

const DocRef = z.strictObject({
  /** Its number: "14/KH-UBND". */
  number: z.string().min(1),
  /** Its date, YYYY-MM-DD. */
  date: IsoDate,
  /** Its title. */
  title: z.string().optional(),
});

/** A unit the plan may visit. `evidence: false` keeps it out of the evidence (e.g. district departments when scoring communes). */
const PlanUnit = z.strictObject({
  /** The unit's name. */
  name: z.string().min(1),
  /** Its kind (xã, thị trấn…). */
  kind: z.string().optional(),
  /** Whether the plan gives evidence for it (default true). */
  evidence: z.boolean().default(true),
});

/**
 * One inspection finding (phát hiện qua kiểm tra).
 * @example PlanFinding.parse({ id: 'KT02-CD-1', unit: 'chi-dao', node: '1.3.1', description: '…', date: '2021-08-03' })
 */
export const PlanFinding = z.strictObject({
  /** The finding's id. */
  id: Id,
  /** The unit inspected. */
  unit: Id,
  /** The criteria node it costs points in. */
  node: NodeId,
  /** What was found, as the record says. */
  description: z.string().min(1),
  /** Its severity, in the inspection's words. */
  severity: z.string().optional(),
  /** Points, when the criterion leaves the amount to the finding. */
  points: NonNeg.optional(),
  /** When it was found. */
  date: IsoDate,
  /** When it had to be fixed. */
  deadline: IsoDate.optional(),
  /** When it was fixed. */
  fixedOn: IsoDate.optional(),
  /** Where it is recorded (defaults to the plan's source). */
  source: z.string().min(1).optional(),
});

/**
 * The plan file.
 *
 * @example
 * ```yaml
 * format: par-index/inspection-plan@1
 * year: 2021
 * plan: { number: 14/KH-UBND, date: 2021-01-22 }
 * rounds:
 *   - { id: "02/TB-ĐKT", notice: { number: 02/TB-ĐKT, date: 2021-07-28 }, visits: [{ unit: chi-dao, date: 2021-08-03, kind: planned }] }
 * ```
 */
export const InspectionPlanSchema = z.strictObject({
  /** The format tag: `par-index/inspection-plan@1`. */
  format: z.string(),
  /** The year of the plan. */
  year: z.number().int().min(2000).max(2100),
  /** The period the plan covers. */
  period: z
    .strictObject({
      /** First day, YYYY-MM-DD. */
      from: IsoDate,
      /** Last day (included), YYYY-MM-DD. */
      to: IsoDate,
    })
    .optional(),
  /** The plan's title. */
  title: z.string().optional(),
  /** The inspecting unit (đơn vị kiểm tra), e.g. the district People's Committee. */
  inspector: z.strictObject({
    /** The inspecting body's id, as a unit of the evidence. */
    id: Id,
    /** Its name. */
    name: z.string().min(1),
    /** Whether the plan gives evidence for the inspecting body itself (default false). */
    evidence: z.boolean().default(false),
  }),
  /** Kế hoạch kiểm tra. */
  plan: DocRef,
  /** Quyết định thành lập Đoàn kiểm tra. */
  decision: DocRef.optional(),
  /** Every unit named in the plan, by id. */
  units: z.record(Id, PlanUnit),
  /** The units on the plan (kiểm tra theo kế hoạch). */
  planned: z.array(Id).min(1),
  /** The inspection rounds (đợt kiểm tra), each announced by a notice. */
  rounds: z
    .array(
      z.strictObject({
        /** The round's id. */
        id: z.string().min(1),
        /** The notice that announced it (thông báo). */
        notice: DocRef,
        /** The units visited: when, and whether on the plan or unannounced. */
        visits: z
          .array(
            z.strictObject({
              /** The unit visited. */
              unit: Id,
              /** The day of the visit. */
              date: IsoDate.optional(),
              /** A planned or an unannounced visit. */
              kind: z.enum(['planned', 'unannounced']),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
  /** The findings of every round. */
  findings: z.array(PlanFinding).default([]),
  /** Evidence measure names → computed measures, for inspected units and for the inspector. */
  measures: z
    .strictObject({
      /** For inspected units: evidence measure → computed measure. */
      unit: z.record(Id, z.enum(['findings', 'findings.fixed', 'findings.due', 'findings.fixedByDeadline'])).default({}),
      /** For the inspector: evidence measure → computed measure. */
      inspector: z
        .record(
          Id,
          z.enum([
            'plan.units',
            'plan.visited',
            'visits.units',
            'visits.planned',
            'visits.unannounced',
            'findings',
            'findings.due',
            'findings.fixedByDeadline',
          ]),
        )
        .default({}),
    })
    .prefault({}),
  /** Provenance (biên bản, thông báo kết luận) of every item without its own. */
  source: z.string().min(1),
  /** A note for readers of the file. */
  notes: z.string().optional(),
});
/**
 * A plan file after validation and defaults.
 * @example const p: InspectionPlanData = InspectionPlanSchema.parse(doc)
 */
export type InspectionPlanData = z.output<typeof InspectionPlanSchema>;

/**
 * A loaded, checked plan. Frozen.
 * @example loadInspectionPlan(text).rounds.length // 4
 */
export type InspectionPlan = Readonly<InspectionPlanData> & {
  /** The file it was read from, for messages. */
  readonly file?: string | undefined;
};
