/**
 * `evaluate()` — the tree walk that turns a criteria set and evidence into score cards (chấm điểm).
 *
 * One code path computes and explains: the trace is written by the same walk run with recording on (what each
 * rule read, the facts of each step: shares, rounding, caps), when a card's trace is first read — so scoring
 * costs the same with or without a trace, and the explanation always matches the numbers (checked). Points are exact rationals until the declared rounding stage; above it, values are sums
 * of rounded values, so printed components always add up to the printed total.
 * @module
 */
import { Exact } from '../core/exact.js';
import { issue, type Issue, ParIndexError } from '../core/errors.js';
import { didYouMean, suggestNames } from '../core/suggest.js';
import type { CriteriaSet } from '../criteria/load.js';
import { checkEvidence, type Evidence, type UnitEvidence } from '../evidence/load.js';
import type { LeafOutcome, LeafStatus } from '../rules/types.js';
import { displayMax, planOf, type Plan, type PlanNode } from './plan.js';
import { planWith } from './overrides.js';
import { nodeScore, toTrace } from './trace.js';
import { SCORECARD_FORMAT } from './card-schema.js';
import type { BandResult, EvaluateOptions, NodeScore, ScoreCard, TraceNode } from './types.js';
import type { Text } from '../core/text.js';
import { pushAll } from '../core/lists.js';
import type { ConditionInputs } from './conditions.js';
import { classify } from './bands.js';
import { ResultStore, type Facts, type UnitResult } from './result.js';
import { Recorder, traceView, UnitView } from './view.js';
import { populationsOf } from './population.js';
import type { PopulationRecord } from '../rules/types.js';

/** A walk in progress: every node's value as an exact number, and, when recording, what the trace needs. */
interface UnitCtx {
  readonly pts: Exact[];
  readonly mx: Exact[];
  readonly st: LeafStatus[];
  readonly outcomes: (LeafOutcome | undefined)[] | undefined;
  readonly reads: (unknown[] | undefined)[] | undefined;
  readonly unrounded: (Exact | undefined)[] | undefined;
  readonly facts: (Facts | undefined)[] | undefined;
  readonly view: UnitView;
  readonly recorder: Recorder | undefined;
  readonly na: ReadonlyMap<string, { reason: string; source: string }>;
  readonly plan: Plan;
  readonly issues: Issue[];
  readonly unit: string;
  missing: number;
  /** The sibling ids named by leaves whose points are shared (status "shared"). */
  shareWith: Map<number, readonly string[]> | undefined;
  /** The unit's attributes, which `applies` conditions may read. */
  readonly attrs: UnitEvidence['attributes'];
  /** Nodes that do not apply and redistribute their points, in tree order (plans that redistribute only). */
  readonly gone: PlanNode[] | undefined;
}

function fact(c: UnitCtx, idx: number): Facts {
  return (c.facts![idx] ??= {});
}

function evalLeaf(n: PlanNode, c: UnitCtx): void {
  const rec = c.recorder;
  const i = n.idx;
  let out: LeafOutcome;
  if (rec) {
    rec.sink = c.reads![i] = [];
    out = n.scorer!(rec, true);
    c.outcomes![i] = out;
  } else {
    // Stryker disable next-line BooleanLiteral: `trace` only decides whether an explanation is attached, unread here
    out = n.scorer!(c.view, false);
  }
  const st = out.status;
  c.pts[i] = out.points;
  c.mx[i] = st === 'not-applicable' || st === 'shared' ? Exact.ZERO : n.max;
  c.st[i] = st;
  if (st === 'shared') (c.shareWith ??= new Map()).set(i, out.shareWith ?? []);
  if (st === 'missing') {
    c.missing += 1;
    c.issues.push(
      issue(
        'evidence.missing',
        'warning',
        [],
        `node ${n.id}: missing evidence (${(out.missing ?? []).join(', ')}) — scored 0 of ${n.max.toString()}`,
        `tiêu chí ${n.id}: thiếu minh chứng (${(out.missing ?? []).join(', ')}) — 0/${n.max.toString()} điểm`,
        { unit: c.unit, node: n.id },
      ),
    );
  }
  if (out.warnings) {
    for (const w of out.warnings)
      c.issues.push(
        issue(w.code, 'warning', [], `node ${n.id}: ${w.en}`, `tiêu chí ${n.id}: ${w.vi}`, {
          unit: c.unit,
          node: n.id,
        }),
      );
  }
}

function markNotApplicable(n: PlanNode, why: { reason: string; source: string } | Text, c: UnitCtx): void {
  c.pts[n.idx] = Exact.ZERO;
  c.mx[n.idx] = Exact.ZERO;
  c.st[n.idx] = 'not-applicable';
  if (c.facts) {
    if ('vi' in why) fact(c, n.idx).applies = why;
    else fact(c, n.idx).na = why;
  }
  for (const k of n.children) markNotApplicable(k, why, c);
}

/** The unit's evidence as an `applies` condition reads it: measures and attributes, never points. */
function appliesInputs(c: UnitCtx): ConditionInputs {
  return {
    measure: (id) => c.view.measure(id)?.value,
    attribute: (name) => (Object.hasOwn(c.attrs, name) ? c.attrs[name] : undefined),
    points: () => undefined,
    list: (id) => c.view.list(id),
    task: (id) => c.view.task(id),
  };
}

/**
 * Whether a node applies to the unit by its `applies` condition; a condition whose evidence is missing follows
 * its declared policy, or is an error (reported on the card, which `evaluate` then refuses).
 */
function applies(n: PlanNode, c: UnitCtx): Text | undefined {
  const o = n.applies!(appliesInputs(c));
  if (o.missing !== undefined) {
    c.issues.push(
      issue(
        'eval.condition-missing',
        o.error ? 'error' : 'warning',
        [],
        `node ${n.id}: whether it applies cannot be read (${o.missing})${o.error ? ': give the evidence, or declare applies.whenMissing: fail or pass' : `; it ${o.holds ? 'applies' : 'does not apply'}, as declared`}`,
        `tiêu chí ${n.id}: không xác định được có áp dụng hay không (${o.missing})${o.error ? ': bổ sung minh chứng, hoặc khai báo applies.whenMissing: fail hoặc pass' : `; ${o.holds ? 'áp dụng' : 'không áp dụng'} theo quy định`}`,
        { unit: c.unit, node: n.id },
      ),
    );
  }
  return o.holds ? undefined : { vi: `không áp dụng: ${o.step.vi}`, en: `does not apply: ${o.step.en}` };
}

/**
 * Scores a node and its subtree. With `sum` (every plan that does not redistribute), parents are summed as the
 * walk leaves them; otherwise `sumAll` does it once every leaf is scored and every redistribution made.
 */
function evalNode(n: PlanNode, c: UnitCtx, sum: boolean): void {
  if (c.na.size) {
    const na = c.na.get(n.id);
    if (na) {
      markNotApplicable(n, na, c);
      if (n.redistribute) c.gone!.push(n);
      return;
    }
  }
  if (n.applies) {
    const why = applies(n, c);
    if (why) {
      markNotApplicable(n, why, c);
      if (n.redistribute) c.gone!.push(n);
      return;
    }
  }
  if (n.scorer) {
    evalLeaf(n, c);
    if (n.redistribute && c.st[n.idx] === 'not-applicable') c.gone!.push(n);
    return;
  }
  for (const k of n.children) evalNode(k, c, sum);
  if (sum) combine(n, n.children, c);
}

/** Sums every parent, children first (a node that does not apply was settled by the walk and is left as it is). */
function sumAll(n: PlanNode, c: UnitCtx): void {
  if (n.scorer || c.st[n.idx] !== undefined) return;
  for (const k of n.children) sumAll(k, c);
  combine(n, n.children, c);
}

/** The applicable leaves at or under a node, with a maximum to scale. */
function leavesOf(n: PlanNode, c: UnitCtx, out: PlanNode[]): PlanNode[] {
  // A node that does not apply, or gave its points away, has a zero maximum, as have all its leaves.
  if (n.scorer) {
    if (!c.mx[n.idx]!.isZero()) out.push(n);
    return out;
  }
  for (const k of n.children) leavesOf(k, c, out);
  return out;
}

/**
 * A node that does not apply gives its maximum to the nodes its `whenNotApplicable` names: `even` — each named
 * node that still applies gets the same part — or `proportional` to their maxima. A named group passes its part
 * to its leaves in proportion to their maxima, so leaves are what is scaled: points × (max + part) ÷ max, exactly,
 * and the parents are sums of their (rounded) leaves as always.
 */
function redistribute(k: PlanNode, c: UnitCtx): void {
  const r = k.redistribute!;
  const groups = r.over.map((id) => leavesOf(c.plan.byId.get(id)!, c, [])).filter((g) => g.length > 0);
  const to = r.over.filter((id) => leavesOf(c.plan.byId.get(id)!, c, []).length > 0);
  if (groups.length === 0) {
    if (c.facts) fact(c, k.idx).shareFailed = true;
    c.issues.push(
      issue(
        'eval.shared-points',
        'warning',
        [],
        `node ${k.id}: does not apply and none of ${r.over.join(', ')} can receive its points: they leave the maximum`,
        `tiêu chí ${k.id}: không áp dụng và không tiêu chí nào trong ${r.over.join(', ')} nhận được điểm: điểm bị trừ khỏi tổng điểm tối đa`,
        { unit: c.unit, node: k.id },
      ),
    );
    return;
  }
  const maxOfLeaves = (g: readonly PlanNode[]) => g.reduce((s, x) => s.add(c.mx[x.idx]!), Exact.ZERO);
  const all = groups.flat();
  const whole = maxOfLeaves(all);
  // Each group's part of k's maximum, then each leaf's part of its group's, in proportion to the leaves' maxima.
  const parts = groups.map((g) => (r.mode === 'even' ? k.max.div(Exact.of(groups.length)) : k.max.mul(maxOfLeaves(g)).div(whole)));
  groups.forEach((g, gi) => {
    const gm = maxOfLeaves(g);
    for (const x of g) {
      const oldMax = c.mx[x.idx]!;
      const add = parts[gi]!.mul(oldMax).div(gm);
      const newMax = oldMax.add(add);
      const before = c.pts[x.idx]!;
      c.pts[x.idx] = before.mulDiv(newMax, oldMax);
      c.mx[x.idx] = newMax;
      if (c.facts) (fact(c, x.idx).shares ??= []).push({ from: k.id, add, oldMax, before, after: c.pts[x.idx]!, redistributed: r.mode });
    }
  });
  c.st[k.idx] = 'shared';
  if (c.facts) fact(c, k.idx).redistributed = { mode: r.mode, to };
}

/** Shares, rounds and sums children into their parent (or, when `n` is undefined, into the root slot). */
function combine(n: PlanNode | undefined, kids: readonly PlanNode[], c: UnitCtx): void {
  const { pts, mx, st } = c;
  if (c.shareWith) share(kids, c);
  const prec = c.plan.precision;
  // Rounded points are whole numbers of 10^-precision: add them as integers while they are, exactly as Exact
  // would, without a fraction reduction per child.
  let scaledSum = 0;
  let scaledMax = 0;
  let sum: Exact | undefined;
  let max: Exact | undefined;
  let allNa = kids.length > 0;
  for (const k of kids) {
    const i = k.idx;
    if (k.scorer && k.roundHere) roundAt(i, k, c);
    const x = pts[i]!;
    const m = mx[i]!;
    const xs = sum === undefined ? x.scaled(prec) : undefined;
    if (xs !== undefined) scaledSum += xs;
    else sum = (sum ?? Exact.ratio(scaledSum, 10 ** prec)).add(x);
    const ms = max === undefined ? m.scaled(prec) : undefined;
    // Stryker disable next-line ConditionalExpression: the fast path; false takes the exact path to the same sum
    if (ms !== undefined) scaledMax += ms;
    else max = (max ?? Exact.ratio(scaledMax, 10 ** prec)).add(m);
    if (st[i] !== 'not-applicable' && st[i] !== 'shared') allNa = false;
  }
  sum ??= Exact.ratio(scaledSum, 10 ** prec);
  max ??= Exact.ratio(scaledMax, 10 ** prec);
  const at = n ? n.idx : c.plan.all.length;
  st[at] = allNa ? 'not-applicable' : 'scored';
  pts[at] = sum;
  mx[at] = max;
  if (n?.block) {
    const capped = sum.min(n.block.cap);
    if (c.facts) fact(c, at).blockSum = sum;
    pts[at] = n.block.kind === 'penalty' ? capped.neg() : capped;
    mx[at] = allNa ? Exact.ZERO : n.contribution;
  }
  if (n && n.roundHere && !n.scorer) roundAt(at, n, c);
}

/**
 * Rounds a node to the declared precision, never above its applicable maximum: when shared points give a
 * maximum with more decimals than the precision (1.005, 5/3), half-up rounding could otherwise print more points
 * than the node can have; the value is then rounded down instead, and the trace says so.
 */
function roundAt(i: number, n: PlanNode, c: UnitCtx): void {
  const p = c.plan;
  const before = c.pts[i]!;
  let r = before.round(p.precision, p.mode);
  if (r === before) return;
  const max = c.mx[i]!;
  const maxSafe = n.scorer !== undefined && max === n.max && n.maxFits;
  let down = false;
  if (!maxSafe && r.gt(max) && before.lte(max) && max.sign() >= 0) {
    r = before.round(p.precision, 'down');
    down = true;
  }
  if (c.unrounded && !r.eq(before)) {
    c.unrounded[i] = before;
    if (down) fact(c, i).roundedDown = true;
  }
  c.pts[i] = r;
}

/**
 * "No case arose" with the share policy: the node's maximum goes to the named siblings in proportion to their
 * maxima, and their points are scaled by (their max + share) ÷ their max.
 */
function share(kids: readonly PlanNode[], c: UnitCtx): void {
  for (const k of kids) {
    // Only nodes whose rule shared are in the map: one that gave its maximum away by its whenNotApplicable is
    // "shared" too, but settled.
    if (!c.shareWith!.has(k.idx)) continue;
    const names = c.shareWith!.get(k.idx)!;
    const targets = names
      .map((id) => kids.find((x) => x.id === id))
      .filter((x): x is PlanNode => !!x && (c.st[x.idx] === 'scored' || c.st[x.idx] === 'missing') && !x.max.isZero() && !!x.scorer);
    if (targets.length === 0) {
      c.st[k.idx] = 'not-applicable';
      if (c.facts) fact(c, k.idx).shareFailed = true;
      c.issues.push(
        issue(
          'eval.shared-points',
          'warning',
          [],
          `node ${k.id}: no case arose and none of ${names.join(', ')} can receive its points: treated as not applicable`,
          `tiêu chí ${k.id}: không phát sinh và không tiêu chí nào nhận được điểm: coi như không áp dụng`,
          { unit: c.unit, node: k.id },
        ),
      );
      continue;
    }
    const base = targets.reduce((s, x) => s.add(c.mx[x.idx]!), Exact.ZERO);
    for (const x of targets) {
      const oldMax = c.mx[x.idx]!;
      const add = k.max.mul(oldMax).div(base);
      const newMax = oldMax.add(add);
      const before = c.pts[x.idx]!;
      c.pts[x.idx] = before.mulDiv(newMax, oldMax);
      c.mx[x.idx] = newMax;
      if (c.facts) (fact(c, x.idx).shares ??= []).push({ from: k.id, add, oldMax, before, after: c.pts[x.idx]! });
    }
  }
}

/** The checks of one set and evidence: per list of years, strict and lenient. */
type ChecksByYears = Map<readonly number[], [strict?: readonly Issue[], lenient?: readonly Issue[]]>;
const CHECKS = new WeakMap<CriteriaSet, WeakMap<Evidence, ChecksByYears>>();

/**
 * Both inputs are frozen, so their check is computed once and reused by later runs; per list of years scored,
 * since an overriding year changes what the check accepts (plans keep one list per override), and per leniency.
 */
function checkedEvidence(set: CriteriaSet, evidence: Evidence, years: readonly number[], lenient: boolean): readonly Issue[] {
  // Stryker disable ConditionalExpression: a cache miss checks again and finds the same (docs/testing.md)
  let bySet = CHECKS.get(set);
  if (!bySet) CHECKS.set(set, (bySet = new WeakMap()));
  let byYears = bySet.get(evidence);
  if (!byYears) bySet.set(evidence, (byYears = new Map() as ChecksByYears));
  let both = byYears.get(years);
  if (!both) byYears.set(years, (both = []));
  // Stryker restore ConditionalExpression
  const k = lenient ? 1 : 0;
  return (both[k] ??= checkEvidence(set, evidence, { years, lenient }));
}

/**
 * Scores every unit of the evidence against the criteria set. Returns one frozen {@link ScoreCard} per unit,
 * sorted by unit id. Throws {@link ParIndexError} when the evidence has errors against the set (unknown nodes,
 * values out of range, the wrong year); warnings are attached to each unit's card.
 *
 * With `rounding` or `year`, the set is scored as if it declared that rounding or also covered that year: the
 * same cards as the set so changed and loaded again would give, without loading it again. Overrides outside the
 * criteria format's ranges are refused (`eval.invalid-option`).
 *
 * @example
 * ```ts
 * const cards = evaluate(set, evidence);
 * cards[0].total; // 87.25
 * cards[0].trace?.[0].steps; // how field 1's points were found
 * evaluate(set, evidence, { rounding: { precision: 1, stage: 'field' } }); // points to 1 decimal, rounded per field
 * evaluate(set2022, evidence2021, { year: 2021 }); // as if the 2022 set covered 2021
 * ```
 */
export function evaluate(set: CriteriaSet, evidence: Evidence, options: EvaluateOptions = {}): readonly ScoreCard[] {
  const p = planWith(set, options);
  const trace = options.trace ?? true;
  const lenient = options.lenient === true;
  const all = checkedEvidence(set, evidence, p.years, lenient);
  const rosterIssues: Issue[] = [];
  let units: readonly UnitEvidence[] = evidence.units;
  if (options.units) {
    const roster = new Map(options.units.map((u) => [u.id, u]));
    for (const u of evidence.units) {
      if (!roster.has(u.id)) {
        const d = didYouMean(suggestNames(u.id, roster.keys()));
        rosterIssues.push(
          issue(
            'evidence.unknown-unit',
            lenient ? 'warning' : 'error',
            ['units'],
            `unit "${u.id}" (${u.name}) is not in the roster${d.en}`,
            `đơn vị "${u.id}" (${u.name}) không có trong danh sách đơn vị${d.vi}`,
            { unit: u.id },
          ),
        );
      }
    }
    const have = new Set(evidence.units.map((u) => u.id));
    const absent = options.units
      .filter((u) => !have.has(u.id))
      .map((u) => ({
        id: u.id,
        name: u.name,
        attributes: {},
        measures: {},
        tasks: {},
        appraisals: {},
        surveys: {},
        findings: [],
        notApplicable: [],
      }));
    units = [...evidence.units, ...absent].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  ParIndexError.throwIfErrors(all.length || rosterIssues.length ? [...all, ...rosterIssues] : all);
  // The first pass: the statistics of leaves compared with their peers, over every unit scored together.
  const pops = p.relative.length ? populationsOf(p, units) : undefined;
  if (pops) ParIndexError.throwIfErrors(pops.issues);
  const byUnit = new Map<string, Issue[]>();
  for (const i of rosterIssues.length ? [...all, ...rosterIssues] : all) {
    const list = byUnit.get(i.unit ?? '') ?? [];
    list.push(i);
    byUnit.set(i.unit ?? '', list);
  }
  const store = new ResultStore(p, units.length);
  // Warnings of an overridden rounding concern the set, hence every card.
  const pre = (id: string): readonly Issue[] | undefined =>
    p.warnings.length ? [...(byUnit.get(id) ?? []), ...p.warnings] : byUnit.get(id);
  const cards = units.map((u, k) => scoreUnit(set, p, evidence, u, pops?.byUnit.get(u.id), trace, pre(u.id), store, k));
  // A condition whose evidence is missing and which declares no policy stops the run, every unit's named at once.
  const errors: Issue[] = [];
  for (const card of cards)
    for (const w of card.warnings) if (w.severity === 'error' && w.code === 'eval.condition-missing') errors.push(w);
  ParIndexError.throwIfErrors(errors);
  return Object.freeze(cards);
}

const NO_NA: ReadonlyMap<string, { reason: string; source: string }> = new Map();
const NO_ISSUES: readonly Issue[] = Object.freeze([]);

/** Runs the walk for one unit; with `record`, also keeps what the trace is written from. */
function walkUnit(p: Plan, view: UnitView, u: UnitEvidence, record: boolean, issues: Issue[]): UnitCtx {
  const na = u.notApplicable.length ? new Map(u.notApplicable.map((x) => [x.node, { reason: x.reason, source: x.source }])) : NO_NA;
  const size = p.all.length + 1;
  const c: UnitCtx = {
    pts: new Array<Exact>(size),
    mx: new Array<Exact>(size),
    st: new Array<LeafStatus>(size),
    outcomes: record ? new Array<LeafOutcome | undefined>(size) : undefined,
    reads: record ? new Array<unknown[] | undefined>(size) : undefined,
    unrounded: record ? new Array<Exact | undefined>(size) : undefined,
    facts: record ? new Array<Facts | undefined>(size) : undefined,
    view,
    recorder: record ? new Recorder(view) : undefined,
    na,
    plan: p,
    issues,
    unit: u.id,
    missing: 0,
    shareWith: undefined,
    attrs: u.attributes,
    gone: p.redistributes ? [] : undefined,
  };
  if (!p.redistributes) {
    for (const r of p.roots) evalNode(r, c, true);
  } else {
    // Receiving nodes may sit anywhere: score every leaf, redistribute in tree order, then sum the parents.
    for (const r of p.roots) evalNode(r, c, false);
    for (const k of c.gone!) redistribute(k, c);
    for (const r of p.roots) sumAll(r, c);
  }
  combine(undefined, p.roots, c);
  return c;
}

/** A recorded walk as a {@link UnitResult}, for writing its trace. */
function resultOf(c: UnitCtx): UnitResult {
  return {
    pt: (i) => c.pts[i]!,
    max: (i) => c.mx[i]!,
    status: (i) => c.st[i]!,
    outcomes: c.outcomes,
    reads: c.reads,
    unrounded: c.unrounded,
    facts: c.facts,
  };
}

/**
 * A unit's trace, written when first read by the same walk run again with recording on: the plan and the
 * evidence are frozen and the walk is deterministic, so it reads the same values and reaches the same points —
 * which is checked, node by node, before a line of explanation is written.
 */
function traceOf(
  p: Plan,
  u: UnitEvidence,
  pops: ReadonlyMap<string, PopulationRecord> | undefined,
  kept: UnitResult,
): readonly TraceNode[] {
  const r = walkUnit(p, new UnitView(u, pops), u, true, []);
  for (let i = 0; i < r.pts.length; i++) {
    if (!r.pts[i]!.eq(kept.pt(i)) || !r.mx[i]!.eq(kept.max(i)) || r.st[i] !== kept.status(i)) {
      throw new Error(`par-index internal error: the traced walk of unit ${u.id} differs at node ${p.all[i]?.id ?? 'total'}`);
    }
  }
  const result = resultOf(r);
  return Object.freeze(p.roots.map((n) => toTrace(n, result, p)));
}

function scoreUnit(
  set: CriteriaSet,
  p: Plan,
  evidence: Evidence,
  u: UnitEvidence,
  pops: ReadonlyMap<string, PopulationRecord> | undefined,
  trace: boolean,
  preIssues: readonly Issue[] | undefined,
  store: ResultStore,
  slot: number,
): ScoreCard {
  const issues: Issue[] = preIssues ? [...preIssues] : [];
  const c = walkUnit(p, new UnitView(u, pops), u, false, issues);
  const total = c.pts[p.all.length]!;
  const max = c.mx[p.all.length]!;
  // The card keeps the packed copy; the walk's arrays of exact values are garbage from here on.
  const result = store.put(slot, c.pts, c.mx, c.st);
  let index: Exact | null = null;
  let indexExact: Exact | null = null;
  if (max.isZero()) {
    issues.push(
      issue(
        'eval.no-applicable-max',
        'warning',
        [],
        'no node applies to this unit: no index',
        'không có tiêu chí nào áp dụng cho đơn vị: không tính chỉ số',
        { unit: u.id },
      ),
    );
  } else {
    indexExact = total.div(max).mul(Exact.HUNDRED);
    index = indexExact.round(p.indexPrecision, p.indexMode);
  }
  // Bands classify the index unless the set says they classify the total points.
  const bandBasis = set.bands?.of === 'total' ? (max.isZero() ? null : total) : set.bands?.on === 'exact' ? indexExact : index;
  let band: BandResult | null = null;
  let inRange = false;
  if (set.bands && bandBasis !== null) {
    const view = c.view;
    const got = classify(
      set,
      bandBasis,
      {
        measure: (id) => view.measure(id)?.value,
        attribute: (name) => (Object.hasOwn(u.attributes, name) ? u.attributes[name] : undefined),
        points: (id) => {
          const n = p.byId.get(id);
          if (!n) return undefined;
          const st = c.st[n.idx];
          return st === 'not-applicable' || st === 'shared' ? undefined : c.pts[n.idx];
        },
        list: (id) => view.list(id),
        task: (id) => view.task(id),
      },
      u.id,
    );
    band = got.band;
    inRange = got.inRange;
    pushAll(issues, got.issues);
  }
  if (set.bands && bandBasis !== null && band === null && !inRange) {
    // `check` refuses bands that leave a reachable value out; this is only reached through not-applicable nodes
    // shrinking the maximum under a bonus. Never a silent "no band".
    const v = bandBasis.toString(6);
    issues.push(
      issue(
        'eval.no-band',
        'warning',
        [],
        `no band of ${set.id} covers the ${set.bands.of === 'total' ? 'total' : 'index'} ${v}: the unit is not classified`,
        `không mức xếp loại nào của ${set.id} chứa ${set.bands.of === 'total' ? 'tổng điểm' : 'chỉ số'} ${v.replace('.', ',')}: đơn vị không được xếp loại`,
        { unit: u.id },
      ),
    );
  }
  const fields = Object.freeze(p.roots.map((r) => nodeScore(r, result, p)));
  const missing = c.missing;
  const base = {
    format: SCORECARD_FORMAT,
    unit: Object.freeze({
      id: u.id,
      name: u.name,
      ...(u.kind !== undefined ? { kind: u.kind } : {}),
      ...(u.parent !== undefined ? { parent: u.parent } : {}),
      ...(Object.keys(u.attributes).length ? { attributes: u.attributes } : {}),
    }),
    criteria: p.cardCriteria,
    evidence: Object.freeze({ hash: evidence.hash, year: evidence.year }),
    total: total.toNumber(),
    max: displayMax(max, p.precision),
    fullMax: p.fullMax.toNumber(),
    index: index === null ? null : index.toNumber(),
    band,
    exact: Object.freeze({ total: total.toRatio(), max: max.toRatio(), index: indexExact === null ? null : indexExact.toRatio() }),
    fields,
    missing,
    warnings: issues.length ? Object.freeze(issues) : NO_ISSUES,
  };
  // Every node's score is written from the result arrays when first read.
  let nodes: readonly NodeScore[] | undefined;
  let traced: readonly TraceNode[] | undefined;
  const allNodes = (): readonly NodeScore[] =>
    (nodes ??= Object.freeze(p.all.map((n) => (n.depth === 1 ? fields[p.roots.indexOf(n)]! : nodeScore(n, result, p)))));
  // The getters are declared in the literals (not added afterwards), so every card has one of two fixed shapes.
  const card = trace
    ? {
        ...base,
        get nodes() {
          return allNodes();
        },
        get trace() {
          return (traced ??= traceOf(p, u, pops, result));
        },
      }
    : {
        ...base,
        get nodes() {
          return allNodes();
        },
      };
  return Object.freeze(card) as unknown as ScoreCard;
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
  const found = planOf(set).byId.get(node.id);
  if (!found?.scorer)
    throw new ParIndexError([
      issue(
        'evidence.unknown-node',
        'error',
        [],
        `criteria set ${set.id} has no leaf "${node.id}"`,
        `bộ tiêu chí ${set.id} không có tiêu chí "${node.id}"`,
      ),
    ]);
  return found.scorer(traceView(node.inputs), false).points;
}
