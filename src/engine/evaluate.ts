/**
 * `evaluate()` — the tree walk that turns a criteria set and evidence into score cards (chấm điểm).
 *
 * One code path computes and explains: with `trace: false` the same functions run and only skip writing the
 * explanation. Points are exact rationals until the declared rounding stage; above it, values are sums of
 * rounded values, so printed components always add up to the printed total.
 * @module
 */
import { Exact, type RoundingMode } from '../core/exact.js';
import { issue, type Issue, ParIndexError } from '../core/errors.js';
import { fmt, t, type Text } from '../core/text.js';
import type { LegalRef } from '../core/zod-helpers.js';
import { measureDecls, ruleContext, surveyDecls, walk, type LocatedNode } from '../criteria/check.js';
import { assertScorable, type CriteriaSet } from '../criteria/load.js';
import type { CriteriaNode } from '../criteria/schema.js';
import { checkEvidence, type Evidence, type UnitEvidence } from '../evidence/load.js';
import { ruleKind } from '../rules/registry.js';
import type { LeafOutcome, LeafScorer, LeafStatus, TraceStep } from '../rules/types.js';
import { SCORECARD_FORMAT, type BandResult, type EvaluateOptions, type NodeScore, type ScoreCard, type TraceNode } from './types.js';
import { recordingView, UnitView, type TraceInput } from './view.js';

interface PlanNode {
  readonly src: CriteriaNode;
  readonly id: string;
  readonly depth: number;
  readonly legal: readonly LegalRef[];
  /** The printed max (for a block: its cap). */
  readonly max: Exact;
  readonly children: readonly PlanNode[];
  readonly scorer: LeafScorer | undefined;
  readonly block: { readonly kind: 'bonus' | 'penalty'; readonly cap: Exact; readonly withinMax: boolean } | undefined;
  /** Whether this node's value is rounded to the declared precision. */
  readonly roundHere: boolean;
}

interface Plan {
  readonly roots: readonly PlanNode[];
  readonly precision: number;
  readonly mode: RoundingMode;
  readonly indexPrecision: number;
  readonly indexMode: RoundingMode;
  readonly fullMax: Exact;
}

const PLANS = new WeakMap<CriteriaSet, Plan>();

/** Compiles a set once: rules parsed and closures built, rounding points fixed. */
function plan(set: CriteriaSet): Plan {
  const cached = PLANS.get(set);
  if (cached) return cached;
  assertScorable(set);
  const measures = measureDecls(set);
  const surveys = surveyDecls(set);
  const stageDepth = set.rounding.stage === 'leaf' ? Infinity : set.rounding.stage === 'criterion' ? 2 : 1;
  const locs = new Map<CriteriaNode, LocatedNode>();
  for (const loc of walk(set.tree)) locs.set(loc.node, loc);
  const build = (n: CriteriaNode): PlanNode => {
    const loc = locs.get(n)!;
    const leaf = !n.children || n.children.length === 0;
    const children = (n.children ?? []).map(build);
    let scorer: LeafScorer | undefined;
    if (leaf && n.rule) {
      const kind = ruleKind(n.rule.kind)!;
      scorer = kind.compile(n.rule, ruleContext(n, loc, measures, surveys, set.file));
    }
    const block = n.block ? { kind: n.block.kind, cap: Exact.of(n.block.cap), withinMax: n.block.withinMax } : undefined;
    return {
      src: n,
      id: n.id,
      depth: loc.depth,
      legal: n.legal,
      max: block ? block.cap : Exact.of(n.max ?? 0),
      children,
      scorer,
      block,
      roundHere: leaf ? loc.depth <= stageDepth : loc.depth === stageDepth,
    };
  };
  const roots = set.tree.map(build);
  const fullMax = roots.reduce((s, r) => s.add(contribution(r)), Exact.ZERO);
  const p: Plan = {
    roots,
    precision: set.rounding.precision,
    mode: set.rounding.mode as RoundingMode,
    indexPrecision: set.rounding.indexPrecision,
    indexMode: set.rounding.indexMode as RoundingMode,
    fullMax,
  };
  PLANS.set(set, p);
  return p;
}

/** A node's share of its parent's maximum. */
function contribution(n: PlanNode): Exact {
  if (n.block) return n.block.kind === 'bonus' && n.block.withinMax ? n.block.cap : Exact.ZERO;
  return n.max;
}

/** Mutable result of a node during the walk. */
interface Eval {
  readonly node: PlanNode;
  status: LeafStatus;
  /** Exact points (rounded once this node's rounding point is passed). */
  points: Exact;
  /** Applicable maximum contributed to the parent. */
  max: Exact;
  missing: number;
  outcome?: LeafOutcome;
  raw?: Exact;
  /** Trace parts, only when tracing. */
  inputs?: TraceInput[];
  steps?: TraceStep[];
  lost?: Text[];
  warnings?: Text[];
  children?: Eval[];
}

interface UnitCtx {
  readonly view: UnitView;
  readonly trace: boolean;
  readonly na: ReadonlyMap<string, { reason: string; source: string }>;
  readonly plan: Plan;
  readonly issues: Issue[];
  readonly unit: string;
}

function evalLeaf(n: PlanNode, ctx: UnitCtx): Eval {
  const inputs: TraceInput[] | undefined = ctx.trace ? [] : undefined;
  const view = inputs ? recordingView(ctx.view, inputs) : ctx.view;
  const out = n.scorer!(view, ctx.trace);
  const e: Eval = { node: n, status: out.status, points: out.points, max: out.status === 'not-applicable' || out.status === 'shared' ? Exact.ZERO : n.max, missing: out.status === 'missing' ? 1 : 0, outcome: out, raw: out.points };
  if (out.status === 'missing') {
    ctx.issues.push(issue('evidence.missing', 'warning', [], `node ${n.id}: missing evidence (${(out.missing ?? []).join(', ')}) — scored 0 of ${n.max.toString()}`, `tiêu chí ${n.id}: thiếu minh chứng (${(out.missing ?? []).join(', ')}) — 0/${n.max.toString()} điểm`, { unit: ctx.unit, node: n.id }));
  }
  for (const w of out.warnings ?? []) {
    ctx.issues.push(issue(w.code ?? 'evidence.inconsistent', 'warning', [], `node ${n.id}: ${w.en}`, `tiêu chí ${n.id}: ${w.vi}`, { unit: ctx.unit, node: n.id }));
  }
  if (ctx.trace) {
    e.inputs = inputs!;
    e.steps = [...(out.steps ?? [])];
    e.lost = [...(out.lost ?? [])];
    e.warnings = [...(out.warnings ?? [])];
  }
  return e;
}

function notApplicable(n: PlanNode, why: { reason: string; source: string }, ctx: UnitCtx): Eval {
  const e: Eval = { node: n, status: 'not-applicable', points: Exact.ZERO, max: Exact.ZERO, missing: 0 };
  e.children = n.children.map((c) => notApplicable(c, why, ctx));
  if (ctx.trace) {
    e.inputs = [];
    e.steps = [t(`không áp dụng cho đơn vị: ${why.reason} (${why.source})`, `not applicable to the unit: ${why.reason} (${why.source})`)];
    e.lost = [];
    e.warnings = [];
  }
  return e;
}

function evalNode(n: PlanNode, ctx: UnitCtx): Eval {
  const na = ctx.na.get(n.id);
  if (na) return notApplicable(n, na, ctx);
  if (n.scorer) return evalLeaf(n, ctx);
  const kids = n.children.map((c) => evalNode(c, ctx));
  const e = combine(n, kids, ctx);
  return e;
}

/** Shares, rounds and sums children into their parent (or into the root when `n` is undefined). */
function combine(n: PlanNode | undefined, kids: Eval[], ctx: UnitCtx): Eval {
  share(kids, ctx);
  const { precision, mode } = ctx.plan;
  let sum = Exact.ZERO;
  let max = Exact.ZERO;
  let missing = 0;
  let allNa = kids.length > 0;
  for (const k of kids) {
    if (k.node.scorer && k.node.roundHere) roundEval(k, precision, mode, ctx.trace);
    sum = sum.add(k.points);
    max = max.add(k.max);
    missing += k.missing;
    if (k.status !== 'not-applicable' && k.status !== 'shared') allNa = false;
  }
  const steps: TraceStep[] | undefined = ctx.trace ? [] : undefined;
  if (steps && kids.length > 0) {
    steps.push({ vi: 'cộng điểm các tiêu chí con', en: 'sum of the children', calc: `${kids.map((k) => fmt(k.points)).join(' + ')} = ${fmt(sum)}` });
  }
  if (n?.block) {
    const capped = sum.min(n.block.cap);
    if (steps && capped.lt(sum)) steps.push({ vi: `giới hạn ở mức trần ${fmt(n.block.cap, 'vi')}`, en: `capped at ${fmt(n.block.cap)}`, calc: `min(${fmt(sum)}, ${fmt(n.block.cap)}) = ${fmt(capped)}` });
    sum = n.block.kind === 'penalty' ? capped.neg() : capped;
    if (steps) steps.push(n.block.kind === 'penalty' ? { vi: 'khối điểm trừ: trừ vào tổng điểm', en: 'penalty block: subtracted from the total', calc: `−${fmt(capped)}` } : { vi: n.block.withinMax ? 'khối điểm thưởng (trong tổng điểm tối đa)' : 'khối điểm thưởng (ngoài tổng điểm tối đa)', en: n.block.withinMax ? 'bonus block (inside the maximum)' : 'bonus block (outside the maximum)', calc: `+${fmt(capped)}` });
    max = allNa ? Exact.ZERO : contribution(n);
  }
  const e: Eval = { node: n as PlanNode, status: allNa ? 'not-applicable' : 'scored', points: sum, max, missing, children: kids };
  if (n && n.roundHere && !n.scorer) roundEval(e, precision, mode, ctx.trace, steps);
  if (ctx.trace) {
    e.inputs = [];
    e.steps = steps!;
    e.lost = [];
    e.warnings = [];
  }
  return e;
}

function roundEval(e: Eval, precision: number, mode: RoundingMode, trace: boolean, steps?: TraceStep[]): void {
  const r = e.points.round(precision, mode);
  if (trace && !r.eq(e.points)) {
    (steps ?? e.steps!).push({ vi: `làm tròn ${precision} chữ số thập phân (${mode})`, en: `rounded to ${precision} decimals (${mode})`, calc: `${fmt(e.points)} → ${r.toFixed(precision)}` });
  }
  e.points = r;
}

/**
 * "No case arose" with the share policy: the node's maximum goes to the named siblings in proportion to their
 * maxima, and their points are scaled by (their max + share) ÷ their max.
 */
function share(kids: Eval[], ctx: UnitCtx): void {
  for (const k of kids) {
    if (k.status !== 'shared') continue;
    const targets = (k.outcome?.shareWith ?? []).map((id) => kids.find((x) => x.node.id === id)).filter((x): x is Eval => !!x && (x.status === 'scored' || x.status === 'missing') && !x.node.max.isZero() && !!x.node.scorer);
    if (targets.length === 0) {
      k.status = 'not-applicable';
      ctx.issues.push(issue('eval.shared-points', 'warning', [], `node ${k.node.id}: no case arose and none of ${(k.outcome?.shareWith ?? []).join(', ')} can receive its points: treated as not applicable`, `tiêu chí ${k.node.id}: không phát sinh và không tiêu chí nào nhận được điểm: coi như không áp dụng`, { unit: ctx.unit, node: k.node.id }));
      k.steps?.push(t('không có tiêu chí nhận điểm → không áp dụng', 'no sibling can receive the points → not applicable'));
      continue;
    }
    const base = targets.reduce((s, x) => s.add(x.max), Exact.ZERO);
    for (const x of targets) {
      const add = k.node.max.mul(x.max).div(base);
      const newMax = x.max.add(add);
      const factor = newMax.div(x.max);
      const before = x.points;
      x.points = x.points.mul(factor);
      x.max = newMax;
      x.steps?.push({ vi: `nhận điểm của tiêu chí ${k.node.id} (không phát sinh): điểm tối đa ${fmt(newMax.sub(add), 'vi')} + ${fmt(add, 'vi')}`, en: `receives the points of ${k.node.id} (no case arose): max ${fmt(newMax.sub(add))} + ${fmt(add)}`, calc: `${fmt(before)} × ${fmt(newMax)} ÷ ${fmt(newMax.sub(add))} = ${fmt(x.points)}` });
    }
  }
}

/** Looks up the band of an index. */
function bandOf(set: CriteriaSet, index: Exact): BandResult | null {
  if (!set.bands) return null;
  for (const b of set.bands.levels) {
    if (b.min !== undefined) {
      const c = index.cmp(Exact.of(b.min));
      if (c < 0 || (c === 0 && !b.minInclusive)) continue;
    }
    if (b.max !== undefined) {
      const c = index.cmp(Exact.of(b.max));
      if (c > 0 || (c === 0 && !b.maxInclusive)) continue;
    }
    return { id: b.id, label: b.label, ...(b.labelEn !== undefined ? { labelEn: b.labelEn } : {}) };
  }
  return null;
}

function displayPoints(e: Eval, precision: number, belowStage: boolean): number {
  return (belowStage ? e.points.round(precision + 4, 'half-up') : e.points).toNumber();
}

/**
 * Scores every unit of the evidence against the criteria set. Returns one frozen {@link ScoreCard} per unit,
 * sorted by unit id. Throws {@link ParIndexError} when the evidence has errors against the set (unknown nodes,
 * values out of range, the wrong year); warnings are attached to each unit's card.
 *
 * @example
 * ```ts
 * const cards = evaluate(set, evidence);
 * cards[0].total; // 87.25
 * cards[0].trace?.[0].steps; // how field 1's points were found
 * ```
 */
export function evaluate(set: CriteriaSet, evidence: Evidence, options: EvaluateOptions = {}): readonly ScoreCard[] {
  const p = plan(set);
  const trace = options.trace ?? true;
  const all = checkEvidence(set, evidence);
  const rosterIssues: Issue[] = [];
  let units: readonly UnitEvidence[] = evidence.units;
  if (options.units) {
    const roster = new Map(options.units.map((u) => [u.id, u]));
    for (const u of evidence.units) {
      if (!roster.has(u.id)) rosterIssues.push(issue('evidence.unknown-unit', 'error', ['units'], `unit "${u.id}" (${u.name}) is not in the roster`, `đơn vị "${u.id}" (${u.name}) không có trong danh sách đơn vị`, { unit: u.id }));
    }
    const have = new Set(evidence.units.map((u) => u.id));
    const absent = options.units.filter((u) => !have.has(u.id)).map((u) => ({ id: u.id, name: u.name, attributes: {}, measures: {}, tasks: {}, appraisals: {}, surveys: {}, findings: [], notApplicable: [] }) as UnitEvidence);
    units = [...evidence.units, ...absent].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  ParIndexError.throwIfErrors([...all, ...rosterIssues]);
  const byUnit = new Map<string, Issue[]>();
  for (const i of all) {
    const list = byUnit.get(i.unit ?? '') ?? [];
    list.push(i);
    byUnit.set(i.unit ?? '', list);
  }
  const cards = units.map((u) => scoreUnit(set, p, evidence, u, trace, byUnit.get(u.id) ?? []));
  return Object.freeze(cards);
}

function scoreUnit(set: CriteriaSet, p: Plan, evidence: Evidence, u: UnitEvidence, trace: boolean, preIssues: readonly Issue[]): ScoreCard {
  const issues: Issue[] = [...preIssues];
  const na = new Map(u.notApplicable.map((x) => [x.node, { reason: x.reason, source: x.source }]));
  const ctx: UnitCtx = { view: new UnitView(u), trace, na, plan: p, issues, unit: u.id };
  const fields = p.roots.map((r) => evalNode(r, ctx));
  const root = combine(undefined, fields, ctx);
  const total = root.points;
  const max = root.max;
  let index: Exact | null = null;
  let indexExact: Exact | null = null;
  if (max.isZero()) {
    issues.push(issue('eval.no-applicable-max', 'warning', [], 'no node applies to this unit: no index', 'không có tiêu chí nào áp dụng cho đơn vị: không tính chỉ số', { unit: u.id }));
  } else {
    indexExact = total.div(max).mul(Exact.HUNDRED);
    index = indexExact.round(p.indexPrecision, p.indexMode);
  }
  const bandBasis = set.bands?.on === 'exact' ? indexExact : index;
  const band = bandBasis === null ? null : bandOf(set, bandBasis);
  const nodes: NodeScore[] = [];
  const stageDepth = set.rounding.stage === 'leaf' ? Infinity : set.rounding.stage === 'criterion' ? 2 : 1;
  const visit = (e: Eval): void => {
    nodes.push(Object.freeze({ id: e.node.id, title: e.node.src.title, depth: e.node.depth, points: displayPoints(e, p.precision, e.node.depth > stageDepth), exact: e.points.toRatio(), max: e.max.toNumber(), fullMax: contribution(e.node).toNumber(), status: e.status }));
    for (const c of e.children ?? []) visit(c);
  };
  fields.forEach(visit);
  const fieldScores = p.roots.map((r) => nodes.find((n) => n.id === r.id)!);
  const card: ScoreCard = {
    format: SCORECARD_FORMAT,
    unit: { id: u.id, name: u.name, ...(u.kind !== undefined ? { kind: u.kind } : {}), ...(u.parent !== undefined ? { parent: u.parent } : {}), ...(Object.keys(u.attributes).length ? { attributes: u.attributes } : {}) },
    criteria: { id: set.id, version: set.version, hash: set.hash, title: set.title, issuer: set.issuer, decision: { number: set.decision.number, date: set.decision.date }, precision: p.precision, indexPrecision: p.indexPrecision },
    evidence: { hash: evidence.hash, year: evidence.year },
    total: total.toNumber(),
    max: max.toNumber(),
    fullMax: p.fullMax.toNumber(),
    index: index === null ? null : index.toNumber(),
    band,
    rank: null,
    rankOf: null,
    exact: { total: total.toRatio(), max: max.toRatio(), index: indexExact === null ? null : indexExact.toRatio() },
    fields: fieldScores,
    nodes,
    missing: root.missing,
    warnings: issues,
    ...(trace ? { trace: fields.map((f) => toTrace(f, p, stageDepth)) } : {}),
  };
  return deepFreezeCard(card);
}

function toTrace(e: Eval, p: Plan, stageDepth: number): TraceNode {
  const n = e.node;
  const lostPoints = e.status === 'scored' || e.status === 'missing' ? e.max.sub(e.points) : Exact.ZERO;
  const rule = n.src.rule;
  return {
    id: n.id,
    title: n.src.title,
    ...(n.src.titleEn !== undefined ? { titleEn: n.src.titleEn } : {}),
    depth: n.depth,
    legal: n.legal,
    ...(rule ? { rule: { kind: rule.kind, title: ruleKind(rule.kind)!.title, params: ruleParams(rule) } } : {}),
    inputs: e.inputs ?? [],
    steps: e.steps ?? [],
    ...(e.raw !== undefined ? { raw: e.raw.toRatio() } : {}),
    points: displayPoints(e, p.precision, n.depth > stageDepth),
    exact: e.points.toRatio(),
    max: e.max.toNumber(),
    fullMax: contribution(n).toNumber(),
    status: e.status,
    lostPoints: lostPoints.sign() > 0 ? lostPoints.round(p.precision + 4, 'half-up').toNumber() : 0,
    lost: e.lost ?? [],
    warnings: e.warnings ?? [],
    children: (e.children ?? []).map((c) => toTrace(c, p, stageDepth)),
  };
}

function ruleParams(rule: { kind: string }): Record<string, unknown> {
  const { kind: _k, ...rest } = rule as Record<string, unknown>;
  void _k;
  return rest;
}

function deepFreezeCard<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreezeCard(x);
  }
  return v;
}

/**
 * Re-scores one traced leaf from the inputs its trace recorded, with the set's rule for that node. Returns the
 * rule's points before sharing and rounding; a correct trace gives back its own `raw` value.
 *
 * @example
 * ```ts
 * const leaf = cards[0].trace![0].children[0];
 * replayLeaf(set, leaf).toRatio() === leaf.raw; // true
 * ```
 */
export function replayLeaf(set: CriteriaSet, node: TraceNode): Exact {
  const p = plan(set);
  let found: PlanNode | undefined;
  const find = (xs: readonly PlanNode[]) => {
    for (const x of xs) {
      if (x.id === node.id) found = x;
      else find(x.children);
    }
  };
  find(p.roots);
  if (!found?.scorer) throw new ParIndexError([issue('evidence.unknown-node', 'error', [], `criteria set ${set.id} has no leaf "${node.id}"`, `bộ tiêu chí ${set.id} không có tiêu chí "${node.id}"`)]);
  return found.scorer(UnitView.fromTrace(node.inputs), false).points;
}
