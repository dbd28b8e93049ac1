/**
 * Published SIPAS figures checked against the questionnaire's methods: parts and overall from printed group or
 * part figures, and how far two rounded figures may be apart.
 * @module
 */
import { Exact } from '../core/exact.js';
import type { Questionnaire } from './questionnaire.js';
import { ROUNDING_STAGES, type Part, type RoundingStage } from './schema.js';

const stageIndex = (s: RoundingStage) => ROUNDING_STAGES.indexOf(s);

/**
 * Parts and overall computed from given group (or part) indices by the questionnaire's part and overall
 * methods and rounding — for checking published figures, which are printed per group and part. Only the
 * `mean-of-groups` part method can be applied to group figures; `mean-of-items` and `pooled` need answers.
 *
 * @example
 * ```ts
 * aggregateFigures(q1001, { parts: { policy: 83.84, services: 84.09 } }).overall?.toString(); // "83.965" (rounding at overall → 83.97)
 * ```
 */
export function aggregateFigures(
  q: Questionnaire,
  figures: { groups?: Readonly<Record<string, number>>; parts?: Partial<Record<Part, number>> },
): {
  /** The services index, when its groups are given. */
  services?: Exact;
  /** The policy index, when its groups are given. */
  policy?: Exact;
  /** The overall index, when its parts are given. */
  overall?: Exact;
} {
  const o = q.options;
  const round = (lvl: RoundingStage, x: Exact) =>
    stageIndex(lvl) >= stageIndex(o.rounding.stage) ? x.round(o.rounding.precision, o.rounding.mode) : x;
  const part = (p: Part): Exact | undefined => {
    const given = figures.parts?.[p];
    if (given !== undefined) return Exact.of(given);
    const gs = q.groups.filter((g) => g.part === p && figures.groups?.[g.id] !== undefined);
    if (gs.length === 0) return undefined;
    if (o.part.method !== 'mean-of-groups') throw new RangeError(`part method "${o.part.method}" needs answers, not group figures`);
    let s = Exact.ZERO;
    for (const g of gs) s = s.add(Exact.of(figures.groups![g.id]!));
    return round('part', s.div(Exact.of(gs.length)));
  };
  const services = part('services');
  const policy = part('policy');
  let overall: Exact | undefined;
  if (o.overall.method === 'mean-of-parts')
    overall = services && policy ? round('overall', services.add(policy).div(Exact.of(2))) : undefined;
  else overall = o.overall.method === 'services' ? services : policy;
  return { ...(services ? { services } : {}), ...(policy ? { policy } : {}), ...(overall ? { overall } : {}) };
}

/**
 * How far apart a figure computed from published inputs and a published figure may be when both were rounded:
 * half a unit of the inputs' last decimal (a mean of rounded figures is off by at most that) plus half a unit
 * of the published figure's.
 *
 * @example roundingTolerance(2, 2) // 0.01
 */
export function roundingTolerance(inputDecimals: number, publishedDecimals: number): number {
  return 0.5 * 10 ** -inputDecimals + 0.5 * 10 ** -publishedDecimals;
}
