/**
 * An inspection plan's coverage: which planned units were visited, and how many, by a given date.
 * @module
 */
import { deepFreeze } from '../core/document.js';
import type { InspectionPlan } from './plan-schema.js';

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
