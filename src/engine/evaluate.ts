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
import { deepFreeze } from '../core/document.js';
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
  readonly stageDepth: number;
  /** The criteria block every card of this set carries (shared, frozen). */
  readonly cardCriteria: ScoreCard['criteria'];
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
    stageDepth,
    cardCriteria: Object.freeze({ id: set.id, version: set.version, hash: set.hash, title: set.title, issuer: set.issuer, decision: Object.freeze({ number: set.decision.number, date: set.decision.date }), precision: set.rounding.precision, indexPrecision: set.rounding.indexPrecision }),
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
  children?: Eval[];
  /** Only when tracing: what the rule read, and notes written lazily (sums, shares, rounding, reasons). */
  inputs?: TraceInput[];
  notes?: (() => TraceStep)[];
}

interface UnitCtx {
  readonly view: UnitView;
  readonly trace: boolean;
  readonly na: ReadonlyMap<string, { reason: string; source: string }>;
  readonly plan: Plan;
  readonly issues: Issue[];
  readonly unit: string;
}

function note(e: Eval, f: () => TraceStep): void {
  (e.notes ??= []).push(f);
}

function evalLeaf(n: PlanNode, ctx: UnitCtx): Eval {
  const inputs: TraceInput[] | undefined = ctx.trace ? [] : undefined;
  const view = inputs ? recordingView(ctx.view, inputs) : ctx.view;
  const out = n.scorer!(view, ctx.trace);
  const e: Eval = { node: n, status: out.status, points: out.points, max: out.status === 'not-applicable' || out.status === 'shared' ? Exact.ZERO : n.max, missing: out.status === 'missing' ? 1 : 0, outcome: out, raw: out.points };
  if (inputs) e.inputs = inputs;
  if (out.status === 'missing') {
    ctx.issues.push(issue('evidence.missing', 'warning', [], `node ${n.id}: missing evidence (${(out.missing ?? []).join(', ')}) — scored 0 of ${n.max.toString()}`, `tiêu chí ${n.id}: thiếu minh chứng (${(out.missing ?? []).join(', ')}) — 0/${n.max.toString()} điểm`, { unit: ctx.unit, node: n.id }));
  }
  if (out.warnings) {
    for (const w of out.warnings) ctx.issues.push(issue(w.code ?? 'evidence.inconsistent', 'warning', [], `node ${n.id}: ${w.en}`, `tiêu chí ${n.id}: ${w.vi}`, { unit: ctx.unit, node: n.id }));
  }
  return e;
}

function notApplicable(n: PlanNode, why: { reason: string; source: string }, ctx: UnitCtx): Eval {
  const e: Eval = { node: n, status: 'not-applicable', points: Exact.ZERO, max: Exact.ZERO, missing: 0, children: n.children.map((c) => notApplicable(c, why, ctx)) };
  if (ctx.trace) note(e, () => t(`không áp dụng cho đơn vị: ${why.reason} (${why.source})`, `not applicable to the unit: ${why.reason} (${why.source})`));
  return e;
}

function evalNode(n: PlanNode, ctx: UnitCtx): Eval {
  const na = ctx.na.get(n.id);
  if (na) return notApplicable(n, na, ctx);
  if (n.scorer) return evalLeaf(n, ctx);
  return combine(n, n.children.map((c) => evalNode(c, ctx)), ctx);
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
  const e: Eval = { node: n as PlanNode, status: allNa ? 'not-applicable' : 'scored', points: sum, max, missing, children: kids };
  if (ctx.trace && kids.length > 0) {
    const parts = kids.map((k) => k.points);
    const total = sum;
    note(e, () => ({ vi: 'cộng điểm các tiêu chí con', en: 'sum of the children', calc: `${parts.map((x) => fmt(x)).join(' + ')} = ${fmt(total)}` }));
  }
  if (n?.block) {
    const block = n.block;
    const capped = sum.min(block.cap);
    if (ctx.trace) {
      const before = sum;
      if (capped.lt(before)) note(e, () => ({ vi: `giới hạn ở mức trần ${fmt(block.cap, 'vi')}`, en: `capped at ${fmt(block.cap)}`, calc: `min(${fmt(before)}, ${fmt(block.cap)}) = ${fmt(capped)}` }));
      note(e, () =>
        block.kind === 'penalty'
          ? { vi: 'khối điểm trừ: trừ vào tổng điểm', en: 'penalty block: subtracted from the total', calc: `−${fmt(capped)}` }
          : { vi: block.withinMax ? 'khối điểm thưởng (trong tổng điểm tối đa)' : 'khối điểm thưởng (ngoài tổng điểm tối đa)', en: block.withinMax ? 'bonus block (inside the maximum)' : 'bonus block (outside the maximum)', calc: `+${fmt(capped)}` },
      );
    }
    e.points = block.kind === 'penalty' ? capped.neg() : capped;
    e.max = allNa ? Exact.ZERO : contribution(n);
  }
  if (n && n.roundHere && !n.scorer) roundEval(e, precision, mode, ctx.trace);
  return e;
}

/**
 * Rounds a node to the declared precision, never above its applicable maximum: when shared points give a
 * maximum with more decimals than the precision (1.005, 5/3), half-up rounding could otherwise print more points
 * than the node can have; the value is then rounded down instead, and the trace says so.
 */
function roundEval(e: Eval, precision: number, mode: RoundingMode, trace: boolean): void {
  let r = e.points.round(precision, mode);
  let capped = false;
  if (r.gt(e.max) && e.points.lte(e.max) && e.max.sign() >= 0) {
    r = e.points.round(precision, 'down');
    capped = true;
  }
  if (trace && !r.eq(e.points)) {
    const from = e.points;
    note(e, () => (capped
      ? { vi: `làm tròn xuống ${precision} chữ số thập phân để không vượt điểm tối đa ${fmt(e.max, 'vi')}`, en: `rounded down to ${precision} decimals so as not to exceed the maximum ${fmt(e.max)}`, calc: `${fmt(from)} → ${r.toFixed(precision)}` }
      : { vi: `làm tròn ${precision} chữ số thập phân (${mode})`, en: `rounded to ${precision} decimals (${mode})`, calc: `${fmt(from)} → ${r.toFixed(precision)}` }));
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
      if (ctx.trace) note(k, () => t('không có tiêu chí nhận điểm → không áp dụng', 'no sibling can receive the points → not applicable'));
      continue;
    }
    const base = targets.reduce((s, x) => s.add(x.max), Exact.ZERO);
    for (const x of targets) {
      const add = k.node.max.mul(x.max).div(base);
      const oldMax = x.max;
      const newMax = oldMax.add(add);
      const before = x.points;
      x.points = x.points.mul(newMax.div(oldMax));
      x.max = newMax;
      if (ctx.trace) {
        const after = x.points;
        const from = k.node.id;
        note(x, () => ({ vi: `nhận điểm của tiêu chí ${from} (không phát sinh): điểm tối đa ${fmt(oldMax, 'vi')} + ${fmt(add, 'vi')}`, en: `receives the points of ${from} (no case arose): max ${fmt(oldMax)} + ${fmt(add)}`, calc: `${fmt(before)} × ${fmt(newMax)} ÷ ${fmt(oldMax)} = ${fmt(after)}` }));
      }
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
    return Object.freeze({ id: b.id, label: b.label, ...(b.labelEn !== undefined ? { labelEn: b.labelEn } : {}) });
  }
  return null;
}

/** Points as printed: nodes below the rounding stage hold exact values and show 4 more decimals. */
function displayPoints(e: Eval, p: Plan): number {
  return (e.node.depth > p.stageDepth ? e.points.round(p.precision + 4, 'half-up') : e.points).toNumber();
}

/** A maximum as printed: exact when it has at most the declared decimals (the usual case), else 4 more decimals. */
function displayMax(x: Exact, p: Plan): number {
  const r = x.round(p.precision, 'half-up');
  return (r.eq(x) ? x : x.round(p.precision + 4, 'half-up')).toNumber();
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
const CHECKS = new WeakMap<CriteriaSet, WeakMap<Evidence, readonly Issue[]>>();
const VIEWS = new WeakMap<Evidence, Map<string, UnitView>>();

/** Both inputs are frozen, so their check and their views are computed once and reused by later runs. */
function checkedEvidence(set: CriteriaSet, evidence: Evidence): readonly Issue[] {
  let bySet = CHECKS.get(set);
  if (!bySet) CHECKS.set(set, (bySet = new WeakMap()));
  let found = bySet.get(evidence);
  if (!found) bySet.set(evidence, (found = checkEvidence(set, evidence)));
  return found;
}

function viewOf(evidence: Evidence, u: UnitEvidence): UnitView {
  let views = VIEWS.get(evidence);
  if (!views) VIEWS.set(evidence, (views = new Map()));
  let v = views.get(u.id);
  if (!v) views.set(u.id, (v = new UnitView(u)));
  return v;
}

export function evaluate(set: CriteriaSet, evidence: Evidence, options: EvaluateOptions = {}): readonly ScoreCard[] {
  const p = plan(set);
  const trace = options.trace ?? true;
  const all = checkedEvidence(set, evidence);
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
  const na = u.notApplicable.length ? new Map(u.notApplicable.map((x) => [x.node, { reason: x.reason, source: x.source }])) : NO_NA;
  const ctx: UnitCtx = { view: viewOf(evidence, u), trace, na, plan: p, issues, unit: u.id };
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
  const visit = (e: Eval): void => {
    nodes.push(Object.freeze({ id: e.node.id, title: e.node.src.title, depth: e.node.depth, points: displayPoints(e, p), exact: e.points.toRatio(), max: displayMax(e.max, p), exactMax: e.max.toRatio(), fullMax: contribution(e.node).toNumber(), status: e.status, ...(e.node.block ? { block: e.node.src.block! } : {}) }));
    if (e.children) for (const c of e.children) visit(c);
  };
  fields.forEach(visit);
  const fieldScores = Object.freeze(p.roots.map((r) => nodes.find((n) => n.id === r.id)!));
  const card = {
    format: SCORECARD_FORMAT,
    unit: Object.freeze({ id: u.id, name: u.name, ...(u.kind !== undefined ? { kind: u.kind } : {}), ...(u.parent !== undefined ? { parent: u.parent } : {}), ...(Object.keys(u.attributes).length ? { attributes: u.attributes } : {}) }),
    criteria: p.cardCriteria,
    evidence: Object.freeze({ hash: evidence.hash, year: evidence.year }),
    total: total.toNumber(),
    max: displayMax(max, p),
    fullMax: p.fullMax.toNumber(),
    index: index === null ? null : index.toNumber(),
    band,
    rank: null,
    rankOf: null,
    exact: Object.freeze({ total: total.toRatio(), max: max.toRatio(), index: indexExact === null ? null : indexExact.toRatio() }),
    fields: fieldScores,
    nodes: Object.freeze(nodes),
    missing: root.missing,
    warnings: Object.freeze(issues),
  } as ScoreCard;
  if (trace) {
    // The explanation is written when first read, from what this evaluation recorded.
    let built: readonly TraceNode[] | undefined;
    Object.defineProperty(card, 'trace', { enumerable: true, get: () => (built ??= deepFreeze(fields.map((f) => toTrace(f, p)))) });
  }
  return Object.freeze(card);
}

const NO_NA: ReadonlyMap<string, { reason: string; source: string }> = new Map();

function toTrace(e: Eval, p: Plan): TraceNode {
  const n = e.node;
  const lostPoints = e.status === 'scored' || e.status === 'missing' ? e.max.sub(e.points) : Exact.ZERO;
  const rule = n.src.rule;
  const ex = e.outcome?.explain?.();
  const steps: TraceStep[] = [...(ex?.steps ?? []), ...(e.notes ?? []).map((f) => f())];
  // Frozen as a whole (deeply) by the card's trace getter.
  return {
    id: n.id,
    title: n.src.title,
    ...(n.src.titleEn !== undefined ? { titleEn: n.src.titleEn } : {}),
    depth: n.depth,
    legal: n.legal,
    ...(rule ? { rule: { kind: rule.kind, title: ruleKind(rule.kind)!.title, params: ruleParams(rule) } } : {}),
    inputs: e.inputs ?? [],
    steps,
    ...(e.raw !== undefined ? { raw: e.raw.toRatio() } : {}),
    points: displayPoints(e, p),
    exact: e.points.toRatio(),
    max: displayMax(e.max, p),
    exactMax: e.max.toRatio(),
    fullMax: contribution(n).toNumber(),
    status: e.status,
    lostPoints: lostPoints.sign() > 0 ? lostPoints.round(p.precision + 4, 'half-up').toNumber() : 0,
    lost: ex?.lost ?? [],
    warnings: e.outcome?.warnings ?? [],
    children: (e.children ?? []).map((c) => toTrace(c, p)),
  };
}

function ruleParams(rule: { kind: string }): Record<string, unknown> {
  const { kind: _k, ...rest } = rule as Record<string, unknown>;
  void _k;
  return rest;
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
