/**
 * Compiling a criteria set for scoring (once per set): each leaf's rule becomes a closure, the rounding points
 * are fixed, and what every card of the set repeats is computed once. (`overrides.ts` derives the plan of the
 * set with other rounding or another year from this one.)
 * @module
 */
import { deepFreeze } from '../core/document.js';
import type { Issue } from '../core/errors.js';
import { Exact, type RoundingMode } from '../core/exact.js';
import type { LegalRef } from '../core/zod-helpers.js';
import { listDecls, measureDecls, ruleContext, surveyDecls, walk, type LocatedNode } from '../criteria/tree.js';
import { assertScorable, type CriteriaSet } from '../criteria/load.js';
import type { CriteriaNode } from '../criteria/schema.js';
import { ruleKind } from '../rules/registry.js';
import type { LeafScorer, PopulationNeed } from '../rules/types.js';
import type { CompileResult } from '../formula/compile.js';
import type { ScoreCard, TraceNode } from './types.js';
import { compileCondition, type CompiledCondition } from './conditions.js';

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
  /** For a leaf compared with its peers: the statistic the engine computes over the units scored together. */
  readonly population: PopulationNeed | undefined;
  readonly block: { readonly kind: 'bonus' | 'penalty'; readonly cap: Exact; readonly withinMax: boolean } | undefined;
  /** Whether this node's value is rounded to the declared precision. */
  readonly roundHere: boolean;
  /** A leaf's rule as every trace of it shows it (kind, names, parameters), built once and shared. */
  readonly traceRule: TraceNode['rule'];
  /** The node's `applies` condition, compiled: where it does not hold, the node does not apply. */
  readonly applies: CompiledCondition | undefined;
  /** Where the node's points go when it does not apply (ids resolved through the plan's `byId`). */
  readonly redistribute: { readonly mode: 'even' | 'proportional'; readonly over: readonly string[] } | undefined;
  /** The findings about the node that the set acknowledges, as its trace shows them. */
  readonly acknowledged: TraceNode['acknowledged'];
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
  /**
   * Whether a node redistributes its points when it does not apply: the walk then scores every leaf before it
   * sums any parent, since the receiving nodes may sit anywhere in the tree.
   */
  readonly redistributes: boolean;
  /** The leaves compared with their peers, whose statistics are computed over every unit before any is scored. */
  readonly relative: readonly PlanNode[];
}

const PLANS = new WeakMap<CriteriaSet, Plan>();
const NO_WARNINGS: readonly Issue[] = Object.freeze([]);

/** A maximum as printed: exact when it has at most the declared decimals (the usual case), else 4 more decimals. */
export function displayMax(x: Exact, precision: number): number {
  const r = x.round(precision, 'half-up');
  return (r.eq(x) ? x : x.round(precision + 4, 'half-up')).toNumber();
}

/** What a node's rounding depends on: the plan's precision and the stage, besides the node itself. */
export function roundingOf(
  max: Exact,
  leaf: boolean,
  depth: number,
  precision: number,
  stageDepth: number,
): Pick<PlanNode, 'maxNumber' | 'maxScaled' | 'maxFits' | 'roundHere'> {
  return {
    maxNumber: displayMax(max, precision),
    maxScaled: max.scaled(precision) ?? Number.NaN,
    maxFits: max.round(precision, 'down').eq(max),
    roundHere: leaf ? depth <= stageDepth : depth === stageDepth,
  };
}

/** 1 (field), 2 (criterion) or Infinity (leaf): the depth a rounding stage rounds at. */
export const stageDepthOf = (stage: string): number => (stage === 'leaf' ? Infinity : stage === 'criterion' ? 2 : 1);

/** The criteria block of a set's cards, with the hash and precisions they were scored with. */
export function cardCriteriaOf(set: CriteriaSet, hash: string, precision: number, indexPrecision: number): ScoreCard['criteria'] {
  return Object.freeze({
    id: set.id,
    version: set.version,
    hash,
    title: set.title,
    issuer: set.issuer,
    decision: Object.freeze({ number: set.decision.number, date: set.decision.date }),
    precision,
    indexPrecision,
    // A set that acknowledges a flaw of its decision says so on every card it scores.
    ...(set.acknowledgedFindings?.length ? { acknowledged: Object.freeze(set.acknowledgedFindings.map(cardAcknowledged)) } : {}),
  });
}

/** The acknowledged findings of a set by node, in words for the trace. */
function acknowledgedByNode(set: CriteriaSet): Map<string, NonNullable<TraceNode['acknowledged']>> {
  const out = new Map<string, { vi: string; en: string }[]>();
  for (const f of set.acknowledgedFindings ?? []) {
    if (f.node === undefined) continue;
    const list = out.get(f.node) ?? [];
    list.push(
      Object.freeze({
        vi: `đã ghi nhận [${f.code}]: ${f.messageVi} — lý do: ${f.reason}`,
        en: `acknowledged [${f.code}]: ${f.message} — reason: ${f.reasonEn ?? f.reason}`,
      }),
    );
    out.set(f.node, list);
  }
  return new Map([...out].map(([k, v]) => [k, Object.freeze(v)]));
}

function cardAcknowledged(f: CriteriaSet['acknowledgedFindings'][number]): NonNullable<ScoreCard['criteria']['acknowledged']>[number] {
  return Object.freeze({
    code: f.code,
    ...(f.node !== undefined ? { node: f.node } : {}),
    ...(f.printedId !== undefined ? { printedId: f.printedId } : {}),
    path: f.path,
    message: f.message,
    messageVi: f.messageVi,
    reason: f.reason,
    ...(f.reasonEn !== undefined ? { reasonEn: f.reasonEn } : {}),
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
  const lists = listDecls(set);
  const precision = set.rounding.precision;
  const stageDepth = stageDepthOf(set.rounding.stage);
  const locs = new Map<CriteriaNode, LocatedNode>();
  for (const loc of walk(set.tree)) locs.set(loc.node, loc);
  const byId = new Map<string, PlanNode>();
  const formulas = new Map<string, CompileResult>();
  const all: PlanNode[] = [];
  const acknowledged = acknowledgedByNode(set);
  const build = (n: CriteriaNode): PlanNode => {
    const loc = locs.get(n)!;
    const idx = all.length;
    all.push(undefined as unknown as PlanNode); // reserve the pre-order slot before the children take theirs
    const leaf = !n.children || n.children.length === 0;
    const children = (n.children ?? []).map(build);
    const scorer =
      leaf && n.rule
        ? ruleKind(n.rule.kind)!.compile(n.rule, ruleContext(n, loc, measures, surveys, set.file, set.formulaLimits, formulas, lists))
        : undefined;
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
      population: leaf && n.rule ? ruleKind(n.rule.kind)!.population?.(n.rule) : undefined,
      block,
      traceRule: n.rule ? traceRule(n.rule) : undefined,
      applies: n.applies ? compileCondition(n.applies) : undefined,
      redistribute: n.whenNotApplicable ? { mode: n.whenNotApplicable.redistribute, over: n.whenNotApplicable.over } : undefined,
      acknowledged: acknowledged.get(n.id),
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
    warnings: NO_WARNINGS,
    redistributes: all.some((n) => n.redistribute !== undefined),
    relative: all.filter((n) => n.population !== undefined),
  };
  PLANS.set(set, p);
  return p;
}
