/**
 * Inspections (kiểm tra công tác CCHC): a yearly plan (kế hoạch kiểm tra) with its decision, the rounds
 * announced by notice (thông báo), the units each round visits — planned or unannounced (đột xuất) — and the
 * findings (phát hiện, tồn tại) with their deadline to fix. The file format is `par-index/inspection-plan@1`.
 * From a plan: coverage measures for the inspecting unit and findings (with counts) for the inspected units,
 * as evidence documents. Pure: no Node.
 * @module
 */
import { z } from 'zod';
import { deepFreeze } from '../core/document.js';
import { issue, ParIndexError, type Issue } from '../core/errors.js';
import { Id, IsoDate, NodeId, NonNeg, readDocument } from '../core/zod-helpers.js';
import { EVIDENCE_FORMAT, EVIDENCE_FORMAT_VERSION } from '../evidence/schema.js';

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

/**
 * Loads a plan (YAML/JSON text or parsed data) and checks it: visits and findings name declared units, every
 * planned unit is declared, a finding is not fixed before it was found, a visit's kind agrees with the plan.
 * Throws {@link ParIndexError} with every problem.
 *
 * @example
 * ```ts
 * const plan = loadInspectionPlan(readFileSync('fixtures/van-lam-2021/kiem-tra-cchc-2021.inspection.yaml', 'utf8'));
 * inspectionCoverage(plan).coverage; // { visited: 12, planned: 12, value: 1 }
 * ```
 */
export function loadInspectionPlan(input: unknown, opts: { file?: string | undefined } = {}): InspectionPlan {
  const file = opts.file;
  const p = readDocument(
    input,
    { file },
    { format: INSPECTION_PLAN_FORMAT, version: INSPECTION_PLAN_VERSION, schema: InspectionPlanSchema },
  );
  const issues: Issue[] = [];
  const known = (u: string) => Object.prototype.hasOwnProperty.call(p.units, u);
  p.planned.forEach((u, i) => {
    if (!known(u))
      issues.push(
        issue(
          'inspection.unknown-unit',
          'error',
          ['planned', i],
          `planned unit "${u}" is not declared in units`,
          `đơn vị "${u}" trong kế hoạch không có trong units`,
          { file },
        ),
      );
  });
  const planned = new Set(p.planned);
  p.rounds.forEach((rd, i) =>
    rd.visits.forEach((v, j) => {
      if (!known(v.unit))
        issues.push(
          issue(
            'inspection.unknown-unit',
            'error',
            ['rounds', i, 'visits', j, 'unit'],
            `unit "${v.unit}" is not declared in units`,
            `đơn vị "${v.unit}" không có trong units`,
            { file },
          ),
        );
      if (v.kind === 'planned' && !planned.has(v.unit))
        issues.push(
          issue(
            'inspection.inconsistent',
            'error',
            ['rounds', i, 'visits', j, 'kind'],
            `"${v.unit}" is visited as planned but is not on the plan`,
            `"${v.unit}" được kiểm tra theo kế hoạch nhưng không có trong danh sách kế hoạch`,
            { file },
          ),
        );
      if (v.date && v.date < rd.notice.date)
        issues.push(
          issue(
            'inspection.inconsistent',
            'error',
            ['rounds', i, 'visits', j, 'date'],
            `visit on ${v.date}, before notice ${rd.notice.number} of ${rd.notice.date}`,
            `kiểm tra ngày ${v.date}, trước thông báo ${rd.notice.number} ngày ${rd.notice.date}`,
            { file },
          ),
        );
    }),
  );
  const ids = new Set<string>();
  p.findings.forEach((fd, i) => {
    if (!known(fd.unit))
      issues.push(
        issue(
          'inspection.unknown-unit',
          'error',
          ['findings', i, 'unit'],
          `unit "${fd.unit}" is not declared in units`,
          `đơn vị "${fd.unit}" không có trong units`,
          { file },
        ),
      );
    if (ids.has(fd.id))
      issues.push(
        issue(
          'evidence.duplicate-item',
          'error',
          ['findings', i, 'id'],
          `duplicate finding id "${fd.id}"`,
          `mã phát hiện "${fd.id}" bị trùng`,
          { file },
        ),
      );
    ids.add(fd.id);
    if (fd.fixedOn && fd.fixedOn < fd.date)
      issues.push(
        issue(
          'inspection.inconsistent',
          'error',
          ['findings', i, 'fixedOn'],
          `fixed on ${fd.fixedOn}, before it was found on ${fd.date}`,
          `khắc phục ngày ${fd.fixedOn}, trước ngày phát hiện ${fd.date}`,
          { file },
        ),
      );
    if (fd.deadline && fd.deadline < fd.date)
      issues.push(
        issue(
          'inspection.inconsistent',
          'error',
          ['findings', i, 'deadline'],
          `deadline ${fd.deadline} is before the finding's date ${fd.date}`,
          `hạn khắc phục ${fd.deadline} trước ngày phát hiện ${fd.date}`,
          { file },
        ),
      );
    if (!p.rounds.some((rd) => rd.visits.some((v) => v.unit === fd.unit)))
      issues.push(
        issue(
          'inspection.inconsistent',
          'error',
          ['findings', i, 'unit'],
          `finding for "${fd.unit}", which no round visits`,
          `phát hiện tại "${fd.unit}" nhưng không đợt nào kiểm tra đơn vị này`,
          { file },
        ),
      );
  });
  ParIndexError.throwIfErrors(issues);
  return deepFreeze({ ...p, file });
}

/**
 * A ratio with its numerator and base named.
 * @example inspectionCoverage(plan).coverage // { numerator: 'plan.visited', base: 'plan.units', num: 12, den: 12, value: 1 }
 */
export interface NamedRatio {
  /** The numerator's name. */
  readonly numerator: string;
  /** The base's name. */
  readonly base: string;
  /** The numerator's value. */
  readonly num: number;
  /** The base's value. */
  readonly den: number;
  /** null when the base is 0. */
  readonly value: number | null;
}

/**
 * What the plan achieved, and what its findings came to.
 * @example inspectionCoverage(plan).unitsVisited // 23
 */
export interface InspectionCoverage {
  /** Rounds held. */
  readonly rounds: number;
  /** Distinct units visited. */
  readonly unitsVisited: number;
  /** Units on the plan. */
  readonly plannedUnits: readonly string[];
  /** Units on the plan that were visited. */
  readonly plannedVisited: readonly string[];
  /** Units on the plan that were not visited. */
  readonly plannedNotVisited: readonly string[];
  /** Units visited only unannounced (not on the plan). */
  readonly unannounced: readonly string[];
  /** Unannounced visits, counting a second, unannounced visit to a unit on the plan. */
  readonly unannouncedVisits: number;
  /** Plan coverage: planned units visited ÷ planned units. */
  readonly coverage: NamedRatio;
  /** Findings fixed by their deadline ÷ findings whose deadline has passed by `asOf`. */
  readonly fixedByDeadline: NamedRatio;
  /** Per unit: findings, fixed, due, fixed by deadline. */
  readonly byUnit: Readonly<
    Record<
      string,
      {
        /** Findings against the unit. */
        readonly findings: number;
        /** Findings fixed. */
        readonly fixed: number;
        /** Findings that are due: their deadline has passed (without a deadline, at once). */
        readonly due: number;
        /** Findings fixed by their deadline. */
        readonly fixedByDeadline: number;
        /** The findings' ids. */
        readonly ids: readonly string[];
      }
    >
  >;
  /** The day findings' deadlines are judged at. */
  readonly asOf: string;
}

/**
 * Coverage and follow-up of a plan, as of a date (default the plan period's end, else 31 December).
 *
 * @example inspectionCoverage(plan).coverage.value // 1 (12 of 12 planned units visited)
 */
export function inspectionCoverage(plan: InspectionPlan, asOf?: string): InspectionCoverage {
  const at = asOf ?? plan.period?.to ?? `${plan.year}-12-31`;
  const visited = new Set<string>();
  const visitedPlanned = new Set<string>();
  const unannounced = new Set<string>();
  let unannouncedVisits = 0;
  for (const r of plan.rounds) {
    for (const v of r.visits) {
      if (v.date && v.date > at) continue;
      visited.add(v.unit);
      if (v.kind === 'planned') visitedPlanned.add(v.unit);
      else {
        unannounced.add(v.unit);
        unannouncedVisits++;
      }
    }
  }
  const plannedUnits = [...plan.planned];
  const plannedVisited = plannedUnits.filter((u) => visitedPlanned.has(u));
  const byUnit: Record<string, { findings: number; fixed: number; due: number; fixedByDeadline: number; ids: string[] }> = {};
  let due = 0;
  let fixedOk = 0;
  for (const u of Object.keys(plan.units)) byUnit[u] = { findings: 0, fixed: 0, due: 0, fixedByDeadline: 0, ids: [] };
  for (const f of plan.findings) {
    if (f.date > at) continue;
    const b = byUnit[f.unit]!;
    b.findings++;
    b.ids.push(f.id);
    if (f.fixedOn && f.fixedOn <= at) b.fixed++;
    // A finding is due once its deadline has passed; without a deadline it is due at once.
    const isDue = (f.deadline ?? f.date) <= at;
    if (isDue) {
      b.due++;
      due++;
      if (f.fixedOn && f.fixedOn <= (f.deadline ?? f.date)) {
        b.fixedByDeadline++;
        fixedOk++;
      }
    }
  }
  const ratio = (numerator: string, base: string, num: number, den: number): NamedRatio => ({
    numerator,
    base,
    num,
    den,
    value: den === 0 ? null : num / den,
  });
  return deepFreeze({
    rounds: plan.rounds.length,
    unitsVisited: visited.size,
    plannedUnits,
    plannedVisited,
    plannedNotVisited: plannedUnits.filter((u) => !visitedPlanned.has(u)),
    unannounced: [...unannounced].filter((u) => !visitedPlanned.has(u)).sort(),
    unannouncedVisits,
    coverage: ratio('plan.visited', 'plan.units', plannedVisited.length, plannedUnits.length),
    fixedByDeadline: ratio('findings.fixedByDeadline', 'findings.due', fixedOk, due),
    byUnit,
    asOf: at,
  });
}

/**
 * One unit's evidence made from an inspection plan, in the evidence format.
 *
 * @example inspectionEvidence(plan).units[0] // { id: 'chi-dao', name: 'Xã Chỉ Đạo', measures: { … }, findings: [ … ] }
 */
export interface InspectionEvidenceUnit {
  /** The unit's id. */
  id: string;
  /** Its name. */
  name: string;
  /** Measures by name, each with its value and source. */
  measures: Record<string, unknown>;
  /** Its findings, each with its source. */
  findings: Record<string, unknown>[];
}

/**
 * An evidence document made from an inspection plan (`par-index/evidence@1`), for `loadEvidence`.
 *
 * @example loadEvidence({ data: inspectionEvidence(plan), file: 'kiem-tra.source.yaml' })
 */
export interface InspectionEvidenceDoc {
  /** The evidence format tag. */
  format: string;
  /** The year assessed. */
  year: number;
  /** The period the plan covers. */
  period?: {
    /** First day, YYYY-MM-DD. */
    from: string;
    /** Last day (included), YYYY-MM-DD. */
    to: string;
  };
  /** The plan, as the default source of every item. */
  source: string;
  /** A note on how the document was made. */
  notes: string;
  /** The units' evidence. */
  units: InspectionEvidenceUnit[];
}

/**
 * Evidence documents from a plan: each inspected unit marked `evidence: true` gets its findings (each with
 * its source) and the mapped per-unit measures; the inspector, when `inspector.evidence` is true, gets the
 * mapped coverage measures. Each measure's source names the plan and the notices.
 *
 * @example inspectionEvidence(plan).units.find((u) => u.id === 'chi-dao').findings.length // 2
 */
export function inspectionEvidence(plan: InspectionPlan): InspectionEvidenceDoc {
  const cov = inspectionCoverage(plan);
  const notices = plan.rounds.map((r) => `${r.notice.number} ngày ${r.notice.date}`).join('; ');
  const base = `Kế hoạch ${plan.plan.number} ngày ${plan.plan.date}${plan.decision ? `; Quyết định ${plan.decision.number} ngày ${plan.decision.date}` : ''}`;
  const units: InspectionEvidenceUnit[] = [];
  const roundOf = (u: string) =>
    plan.rounds.filter((r) => r.visits.some((v) => v.unit === u)).map((r) => `${r.notice.number} ngày ${r.notice.date}`);
  for (const [id, u] of Object.entries(plan.units)) {
    if (!u.evidence) continue;
    const b = cov.byUnit[id]!;
    const visitedBy = roundOf(id);
    const measures: Record<string, unknown> = {};
    const values: Record<string, number> = {
      findings: b.findings,
      'findings.fixed': b.fixed,
      'findings.due': b.due,
      'findings.fixedByDeadline': b.fixedByDeadline,
    };
    for (const [name, c] of Object.entries(plan.measures.unit)) {
      measures[name] = {
        value: values[c]!,
        source: `${plan.source} — ${base}; thông báo ${visitedBy.join(', ') || '(không có đợt kiểm tra)'}: ${c} = ${values[c]} (tính đến ${cov.asOf})`,
        ...(b.ids.length ? { note: `phát hiện: ${b.ids.join(', ')}` } : {}),
      };
    }
    const findings = plan.findings
      .filter((f) => f.unit === id)
      .map((f) => {
        const { unit: _u, ...rest } = f;
        void _u;
        return { ...rest, source: f.source ?? `${plan.source} (${visitedBy.join(', ')})` };
      });
    units.push({ id, name: u.name, measures, findings });
  }
  if (plan.inspector.evidence) {
    const values: Record<string, number> = {
      'plan.units': cov.plannedUnits.length,
      'plan.visited': cov.plannedVisited.length,
      'visits.units': cov.unitsVisited,
      'visits.planned': cov.plannedVisited.length,
      'visits.unannounced': cov.unannouncedVisits,
      findings: plan.findings.length,
      'findings.due': cov.fixedByDeadline.den,
      'findings.fixedByDeadline': cov.fixedByDeadline.num,
    };
    const measures: Record<string, unknown> = {};
    for (const [name, c] of Object.entries(plan.measures.inspector))
      measures[name] = {
        value: values[c]!,
        source: `${plan.source} — ${base}; các thông báo ${notices}: ${c} = ${values[c]} (tính đến ${cov.asOf})`,
      };
    units.push({ id: plan.inspector.id, name: plan.inspector.name, measures, findings: [] });
  }
  return {
    format: `${EVIDENCE_FORMAT}@${EVIDENCE_FORMAT_VERSION}`,
    year: plan.year,
    ...(plan.period ? { period: { from: plan.period.from, to: plan.period.to } } : {}),
    source: plan.source,
    notes: `Từ kế hoạch kiểm tra ${plan.plan.number}: ${cov.rounds} đợt, ${cov.unitsVisited} đơn vị (${cov.plannedVisited.length}/${cov.plannedUnits.length} theo kế hoạch, ${cov.unannouncedVisits} lượt đột xuất).`,
    units,
  };
}
