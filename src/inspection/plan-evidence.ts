/**
 * Evidence documents from an inspection plan: findings and per-unit measures for the inspected units, coverage
 * measures for the inspector.
 * @module
 */
import { EVIDENCE_FORMAT, EVIDENCE_FORMAT_VERSION } from '../evidence/schema.js';
import { inspectionCoverage } from './coverage.js';
import type { InspectionPlan } from './plan-schema.js';

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
