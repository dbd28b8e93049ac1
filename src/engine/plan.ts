/**
 * Compiling a criteria set for scoring (once per set): each leaf's rule becomes a closure, the rounding points
 * are fixed, and what every card of the set repeats is computed once. Scoring the set with other rounding or
 * another year (`evaluate`'s overrides) derives a plan from that one, with the same closures.
 * @module
 */
import { deepFreeze } from '../core/document.js';
import { issue, ParIndexError, type Issue } from '../core/errors.js';
import { Exact, ROUNDING_MODES, type RoundingMode } from '../core/exact.js';
import { contentHash } from '../core/hash.js';
import type { LegalRef } from '../core/zod-helpers.js';
import { measureDecls, ruleContext, surveyDecls, walk, type LocatedNode } from '../criteria/tree.js';
import { assertScorable, criteriaData, type CriteriaSet } from '../criteria/load.js';
import { maxBeyondPrecision } from '../criteria/precision.js';
import type { CriteriaNode } from '../criteria/schema.js';
import { ruleKind } from '../rules/registry.js';
import type { LeafScorer } from '../rules/types.js';
import type { CompileResult } from '../rules/formula-compiler.js';
import type { EvaluateOptions, RoundingOverride, ScoreCard, TraceNode } from './types.js';

/** A node ready to score. */
export interface PlanNode {
  /** Position in depth-first order: where this node's results sit in a unit's result arrays. */
  readonly idx: number;
  readonly src: CriteriaNode;
  readonly id: string;
  readonly depth: number;
  readonly legal: readonly LegalRef[];
  /** The printed max (for a block: its cap). */
  readonly max: Exact;
  /** The node's share of its parent's maximum (a penalty block or an outside bonus: 0). */
  readonly contribution: Exact;
  readonly contributionNumber: number;
  /** `max` as printed and as "n/d" — reused whenever a node keeps its own maximum. */
  readonly maxNumber: number;
  readonly maxRatio: string;
  /** `max` × 10^precision when that is a whole number (NaN otherwise): how packed results recognise it. */
  readonly maxScaled: number;
  /** Whether `max` has at most the declared decimals, so rounding cannot lift points above it. */
  readonly maxFits: boolean;
  readonly children: readonly PlanNode[];
  readonly scorer: LeafScorer | undefined;
  readonly block: { readonly kind: 'bonus' | 'penalty'; readonly cap: Exact; readonly withinMax: boolean } | undefined;
  /** Whether this node's value is rounded to the declared precision. */
  readonly roundHere: boolean;
  /** A leaf's rule as every trace of it shows it (kind, names, parameters), built once and shared. */
  readonly traceRule: TraceNode['rule'];
}

/** A compiled criteria set. */
export interface Plan {
  readonly roots: readonly PlanNode[];
  /** Every node in depth-first order (index = `idx`). */
  readonly all: readonly PlanNode[];
  readonly byId: ReadonlyMap<string, PlanNode>;
  readonly precision: number;
  readonly mode: RoundingMode;
  readonly indexPrecision: number;
  readonly indexMode: RoundingMode;
  readonly fullMax: Exact;
  /** 1 (field), 2 (criterion) or Infinity (leaf): nodes deeper than this hold exact, unrounded values. */
  readonly stageDepth: number;
  /** The criteria block every card of this set carries (shared, frozen). */
  readonly cardCriteria: ScoreCard['criteria'];
  /** The years the plan scores: the set's, or with an overriding year added. */
  readonly years: readonly number[];
  /** Warnings the set's own checks did not give but its overridden rounding does, for every card. */
  readonly warnings: readonly Issue[];
}

const PLANS = new WeakMap<CriteriaSet, Plan>();

/** A maximum as printed: exact when it has at most the declared decimals (the usual case), else 4 more decimals. */
export function displayMax(x: Exact, precision: number): number {
  const r = x.round(precision, 'half-up');
  return (r.eq(x) ? x : x.round(precision + 4, 'half-up')).toNumber();
}

/** What a node's rounding depends on: the plan's precision and the stage, besides the node itself. */
function roundingOf(max: Exact, leaf: boolean, depth: number, precision: number, stageDepth: number): Pick<PlanNode, 'maxNumber' | 'maxScaled' | 'maxFits' | 'roundHere'> {
  return {
    maxNumber: displayMax(max, precision),
    maxScaled: max.scaled(precision) ?? Number.NaN,
    maxFits: max.round(precision, 'down').eq(max),
    roundHere: leaf ? depth <= stageDepth : depth === stageDepth,
  };
}

const stageDepthOf = (stage: string): number => (stage === 'leaf' ? Infinity : stage === 'criterion' ? 2 : 1);

function cardCriteriaOf(set: CriteriaSet, hash: string, precision: number, indexPrecision: number): ScoreCard['criteria'] {
  return Object.freeze({
    id: set.id,
    version: set.version,
    hash,
    title: set.title,
    issuer: set.issuer,
    decision: Object.freeze({ number: set.decision.number, date: set.decision.date }),
    precision,
    indexPrecision,
  });
}

function traceRule(rule: { kind: string }): TraceNode['rule'] {
  const { kind, ...params } = rule as Record<string, unknown> & { kind: string };
  return deepFreeze({ kind, title: ruleKind(kind)!.title, params });
}

/** Compiles a set once (cached per set): rules parsed and closures built, rounding points fixed. */
export function planOf(set: CriteriaSet): Plan {
  const cached = PLANS.get(set);
  if (cached) return cached;
  assertScorable(set);
  const measures = measureDecls(set);
  const surveys = surveyDecls(set);
  const precision = set.rounding.precision;
  const stageDepth = stageDepthOf(set.rounding.stage);
  const locs = new Map<CriteriaNode, LocatedNode>();
  for (const loc of walk(set.tree)) locs.set(loc.node, loc);
  const byId = new Map<string, PlanNode>();
  const formulas = new Map<string, CompileResult>();
  const all: PlanNode[] = [];
  const build = (n: CriteriaNode): PlanNode => {
    const loc = locs.get(n)!;
    const idx = all.length;
    all.push(undefined as unknown as PlanNode); // reserve the pre-order slot before the children take theirs
    const leaf = !n.children || n.children.length === 0;
    const children = (n.children ?? []).map(build);
    const scorer = leaf && n.rule ? ruleKind(n.rule.kind)!.compile(n.rule, ruleContext(n, loc, measures, surveys, set.file, set.formulaLimits, formulas)) : undefined;
    const block = n.block ? { kind: n.block.kind, cap: Exact.of(n.block.cap), withinMax: n.block.withinMax } : undefined;
    const max = block ? block.cap : Exact.of(n.max ?? 0);
    const contribution = block ? (block.kind === 'bonus' && block.withinMax ? block.cap : Exact.ZERO) : max;
    const node: PlanNode = {
      idx,
      src: n,
      id: n.id,
      depth: loc.depth,
      legal: n.legal,
      max,
      contribution,
      contributionNumber: contribution.toNumber(),
      maxRatio: max.toRatio(),
      ...roundingOf(max, leaf, loc.depth, precision, stageDepth),
      children,
      scorer,
      block,
      traceRule: n.rule ? traceRule(n.rule) : undefined,
    };
    byId.set(n.id, node);
    all[idx] = node;
    return node;
  };
  const roots = set.tree.map(build);
  const p: Plan = {
    roots,
    all,
    byId,
    precision,
    mode: set.rounding.mode as RoundingMode,
    indexPrecision: set.rounding.indexPrecision,
    indexMode: set.rounding.indexMode as RoundingMode,
    fullMax: roots.reduce((s, r) => s.add(r.contribution), Exact.ZERO),
    stageDepth,
    cardCriteria: cardCriteriaOf(set, set.hash, precision, set.rounding.indexPrecision),
    years: set.years,
    warnings: [],
  };
  PLANS.set(set, p);
  return p;
}

/** The rounding a plan scores with, all five settings. */
type Rounding = Required<RoundingOverride>;

const STAGES: readonly Rounding['stage'][] = ['leaf', 'criterion', 'field'];

/** Refuses an override the criteria format would refuse in the set itself (same ranges as its schema). */
function checkOverride(o: Pick<EvaluateOptions, 'rounding' | 'year'>): void {
  const bad: Issue[] = [];
  const r = o.rounding ?? {};
  const digits = (key: 'precision' | 'indexPrecision', v: unknown) => {
    if (v !== undefined && !(Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 6)) bad.push(issue('eval.invalid-option', 'error', ['rounding', key], `rounding.${key} must be a whole number from 0 to 6, got ${String(v)}`, `rounding.${key} phải là số nguyên từ 0 đến 6, nhận được ${String(v)}`));
  };
  const mode = (key: 'mode' | 'indexMode', v: unknown) => {
    if (v !== undefined && !ROUNDING_MODES.includes(v as RoundingMode)) bad.push(issue('eval.invalid-option', 'error', ['rounding', key], `rounding.${key} must be one of ${ROUNDING_MODES.join(', ')}, got ${String(v)}`, `rounding.${key} phải là một trong ${ROUNDING_MODES.join(', ')}, nhận được ${String(v)}`));
  };
  digits('precision', r.precision);
  digits('indexPrecision', r.indexPrecision);
  mode('mode', r.mode);
  mode('indexMode', r.indexMode);
  if (r.stage !== undefined && !STAGES.includes(r.stage)) bad.push(issue('eval.invalid-option', 'error', ['rounding', 'stage'], `rounding.stage must be one of ${STAGES.join(', ')}, got ${String(r.stage)}`, `rounding.stage phải là một trong ${STAGES.join(', ')}, nhận được ${String(r.stage)}`));
  if (o.year !== undefined && !(Number.isInteger(o.year) && o.year >= 2000 && o.year <= 2100)) bad.push(issue('eval.invalid-option', 'error', ['year'], `year must be a whole number from 2000 to 2100, got ${String(o.year)}`, `năm phải là số nguyên từ 2000 đến 2100, nhận được ${String(o.year)}`));
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
  const own: Rounding = { precision: set.rounding.precision, mode: set.rounding.mode as RoundingMode, stage: set.rounding.stage, indexPrecision: set.rounding.indexPrecision, indexMode: set.rounding.indexMode as RoundingMode };
  const w = o.rounding ?? {};
  const r: Rounding = { precision: w.precision ?? own.precision, mode: w.mode ?? own.mode, stage: w.stage ?? own.stage, indexPrecision: w.indexPrecision ?? own.indexPrecision, indexMode: w.indexMode ?? own.indexMode };
  const sameRounding = r.precision === own.precision && r.mode === own.mode && r.stage === own.stage && r.indexPrecision === own.indexPrecision && r.indexMode === own.indexMode;
  // As re-scoring has always widened a set: the year added, the years sorted.
  const years = o.year === undefined || set.years.includes(o.year) ? set.years : [...new Set([...set.years, o.year])].sort((x, y) => x - y);
  if (sameRounding && years === set.years) return base;
  const key = `${r.precision}|${r.mode}|${r.stage}|${r.indexPrecision}|${r.indexMode}|${years.join(',')}`;
  let byKey = VARIANTS.get(set);
  if (!byKey) VARIANTS.set(set, (byKey = new Map()));
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
  const all: PlanNode[] = new Array(base.all.length);
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
  };
}
