/**
 * `evaluate`'s overrides: the plan of a set scored as if it declared other rounding or also covered another year,
 * derived from the set's own plan (the same compiled rules) instead of loading a changed copy of the set — with
 * what loading would recompute: every node's rounding, the precision check, the years the evidence may be of,
 * and the hash of the set so changed.
 * @module
 */
import { issue, ParIndexError, type Issue } from '../core/errors.js';
import { ROUNDING_MODES, type RoundingMode } from '../core/exact.js';
import { contentHash } from '../core/hash.js';
import { criteriaData, type CriteriaSet } from '../criteria/load.js';
import { maxBeyondPrecision } from '../criteria/precision.js';
import { walk } from '../criteria/tree.js';
import { cardCriteriaOf, planOf, roundingOf, stageDepthOf, type Plan, type PlanNode } from './plan.js';
import type { EvaluateOptions, RoundingOverride } from './types.js';

/** The rounding a plan scores with, all five settings. */
type Rounding = Required<RoundingOverride>;

const STAGES: readonly Rounding['stage'][] = ['leaf', 'criterion', 'field'];

/** Refuses an override the criteria format would refuse in the set itself (same ranges as its schema). */
function checkOverride(o: Pick<EvaluateOptions, 'rounding' | 'year'>): void {
  const bad: Issue[] = [];
  const r = o.rounding ?? {};
  const digits = (key: 'precision' | 'indexPrecision', v: unknown) => {
    if (v !== undefined && !(Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 6))
      bad.push(
        issue(
          'eval.invalid-option',
          'error',
          ['rounding', key],
          `rounding.${key} must be a whole number from 0 to 6, got ${String(v)}`,
          `rounding.${key} phải là số nguyên từ 0 đến 6, nhận được ${String(v)}`,
        ),
      );
  };
  const mode = (key: 'mode' | 'indexMode', v: unknown) => {
    if (v !== undefined && !ROUNDING_MODES.includes(v as RoundingMode))
      bad.push(
        issue(
          'eval.invalid-option',
          'error',
          ['rounding', key],
          `rounding.${key} must be one of ${ROUNDING_MODES.join(', ')}, got ${String(v)}`,
          `rounding.${key} phải là một trong ${ROUNDING_MODES.join(', ')}, nhận được ${String(v)}`,
        ),
      );
  };
  digits('precision', r.precision);
  digits('indexPrecision', r.indexPrecision);
  mode('mode', r.mode);
  mode('indexMode', r.indexMode);
  if (r.stage !== undefined && !STAGES.includes(r.stage))
    bad.push(
      issue(
        'eval.invalid-option',
        'error',
        ['rounding', 'stage'],
        `rounding.stage must be one of ${STAGES.join(', ')}, got ${String(r.stage)}`,
        `rounding.stage phải là một trong ${STAGES.join(', ')}, nhận được ${String(r.stage)}`,
      ),
    );
  if (o.year !== undefined && !(Number.isInteger(o.year) && o.year >= 2000 && o.year <= 2100))
    bad.push(
      issue(
        'eval.invalid-option',
        'error',
        ['year'],
        `year must be a whole number from 2000 to 2100, got ${String(o.year)}`,
        `năm phải là số nguyên từ 2000 đến 2100, nhận được ${String(o.year)}`,
      ),
    );
  if (bad.length) throw new ParIndexError(bad);
}

const VARIANTS = new WeakMap<CriteriaSet, Map<string, Plan>>();

/**
 * The plan of a set scored with `evaluate`'s overrides: the set's own plan when they change nothing, else one
 * derived from it (cached per set and override) — the same closures, with the rounding of every node, the
 * warnings that depend on it and the hash of the set as overridden.
 */
export function planWith(set: CriteriaSet, o: Pick<EvaluateOptions, 'rounding' | 'year'>): Plan {
  const base = planOf(set);
  if (o.rounding === undefined && o.year === undefined) return base;
  checkOverride(o);
  const own: Rounding = {
    precision: set.rounding.precision,
    mode: set.rounding.mode as RoundingMode,
    stage: set.rounding.stage,
    indexPrecision: set.rounding.indexPrecision,
    indexMode: set.rounding.indexMode as RoundingMode,
  };
  const w = o.rounding ?? {};
  const r: Rounding = {
    precision: w.precision ?? own.precision,
    mode: w.mode ?? own.mode,
    stage: w.stage ?? own.stage,
    indexPrecision: w.indexPrecision ?? own.indexPrecision,
    indexMode: w.indexMode ?? own.indexMode,
  };
  const sameRounding =
    r.precision === own.precision &&
    r.mode === own.mode &&
    r.stage === own.stage &&
    r.indexPrecision === own.indexPrecision &&
    r.indexMode === own.indexMode;
  // As re-scoring has always widened a set: the year added, the years sorted.
  const years = o.year === undefined || set.years.includes(o.year) ? set.years : [...new Set([...set.years, o.year])].sort((x, y) => x - y);
  if (sameRounding && years === set.years) return base;
  const key = `${r.precision}|${r.mode}|${r.stage}|${r.indexPrecision}|${r.indexMode}|${years.join(',')}`;
  let byKey = VARIANTS.get(set);
  if (!byKey) VARIANTS.set(set, (byKey = new Map<string, Plan>()));
  let p = byKey.get(key);
  if (!p) byKey.set(key, (p = derive(set, base, r, years, sameRounding)));
  return p;
}

function derive(set: CriteriaSet, base: Plan, r: Rounding, years: readonly number[], sameRounding: boolean): Plan {
  const data = criteriaData(set);
  const hash = contentHash({ ...data, rounding: { ...data.rounding, ...r }, years });
  const cardCriteria = cardCriteriaOf(set, hash, r.precision, r.indexPrecision);
  // Only the year changed: the nodes are the set's own.
  if (sameRounding) return { ...base, cardCriteria, years };
  const stageDepth = stageDepthOf(r.stage);
  const all: PlanNode[] = new Array<PlanNode>(base.all.length);
  const byId = new Map<string, PlanNode>();
  const map = (n: PlanNode): PlanNode => {
    const children = n.children.map(map);
    const leaf = !n.src.children || n.src.children.length === 0;
    const node: PlanNode = { ...n, children, ...roundingOf(n.max, leaf, n.depth, r.precision, stageDepth) };
    all[n.idx] = node;
    byId.set(n.id, node);
    return node;
  };
  const roots = base.roots.map(map);
  const warnings: Issue[] = [];
  if (r.precision !== set.rounding.precision) {
    for (const loc of walk(set.tree)) {
      const w = maxBeyondPrecision(loc.node, loc.path, r.precision, set.file);
      if (w && !maxBeyondPrecision(loc.node, loc.path, set.rounding.precision, set.file)) warnings.push(w);
    }
  }
  return {
    roots,
    all,
    byId,
    precision: r.precision,
    mode: r.mode,
    indexPrecision: r.indexPrecision,
    indexMode: r.indexMode,
    fullMax: base.fullMax,
    stageDepth,
    cardCriteria,
    years,
    warnings: Object.freeze(warnings),
    redistributes: base.redistributes,
    relative: all.filter((n) => n.population !== undefined),
  };
}
