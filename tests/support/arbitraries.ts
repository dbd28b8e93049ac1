/**
 * fast-check generators of VALID criteria sets and matching evidence, as plain data objects (the shape a YAML
 * or JSON file parses to), for property tests. Load them with `loadCriteriaSet(data)` and
 * `loadEvidence([{ data: evidenceData }])`.
 *
 * What is generated:
 * - a tree of 1–8 fields, up to 3 levels deep; every parent's `max` is the exact sum of its children's (all
 *   maxima are whole cents ÷ 100, so they have at most 2 decimals; some are written as text with a
 *   Vietnamese decimal comma, "12,5");
 * - leaves with a random rule kind: `task`, `rate` (whenBaseZero full / zero / not-applicable, or share with
 *   sibling leaves), `bands` (a threshold table on a ratio or on a percent measure, covering 0–100 with
 *   explicit inclusiveness, the row containing 100 giving exactly the node's max), `deduction` (count or
 *   findings, floor 0, optional cap), `formula` (forms whose range the static check proves, or clamp: true),
 *   `appraisal` and `survey` (linear);
 * - never bonus/penalty blocks, never negative floors, so every node's points lie in [0, max];
 * - evidence for N units with consistent measures (numerator ≤ base, counts whole), tasks done on time, late or
 *   not done, appraisal rounds, survey values in [0, 100], findings against deduction nodes, occasional
 *   not-applicable declarations, and items deliberately left out so "missing evidence" happens.
 *
 * The `model` returned alongside the data tells a test which evidence keys each leaf reads.
 * @module
 */
import fc from 'fast-check';
import { rng } from '../../scripts/rng.mjs';

// ---------------------------------------------------------------------------------------------------------
// Models

/** The rule kinds generated. */
export type GenKind = 'task' | 'rate' | 'bands' | 'deduction' | 'formula' | 'appraisal' | 'survey';

/** What a generated leaf reads, so evidence can be generated (and edited) for it. */
export interface LeafModel {
  readonly id: string;
  /** The node's max in cents. */
  readonly cents: number;
  readonly kind: GenKind;
  readonly depth: number;
  /** Rate, bands on a ratio, formula over two counts: the measure ids read. */
  readonly numerator?: string;
  readonly base?: string;
  /** Bands on a measure / formula over a percent: a percent measure; deduction by count: a count measure. */
  readonly percent?: string;
  readonly count?: string;
  /** Task id and the criteria's deadline. */
  readonly task?: string;
  readonly deadline?: string;
  /** Survey index id. */
  readonly survey?: string;
  /** Deduction by findings. */
  readonly findings?: boolean;
  /** Formula over two counts (a, b) whose numerator may exceed the base. */
  readonly formulaCounts?: boolean;
}

/** The structure of a generated criteria set. */
export interface CriteriaModel {
  readonly leaves: readonly LeafModel[];
  /** Every node id, depth-first. */
  readonly nodeIds: readonly string[];
  /** The set's rounding stage. */
  readonly stage: 'leaf' | 'criterion' | 'field';
}

/** A generated criteria set: the data to load and its model. */
export interface GeneratedCriteria {
  readonly data: Record<string, unknown>;
  readonly model: CriteriaModel;
}

/** A generated evidence file (plain data). */
export type EvidenceData = {
  format: string;
  year: number;
  source: string;
  units: Record<string, unknown>[];
};

/** Criteria plus matching evidence. */
export interface Scenario {
  readonly criteria: GeneratedCriteria;
  readonly evidence: EvidenceData;
}

// ---------------------------------------------------------------------------------------------------------
// Small helpers

/** The decimal a number of cents is, as a JS number (exact shortest form: 1234 → 12.34). */
export function centsToNumber(cents: number): number {
  return cents / 100;
}

/** Writes cents as a number or, when `asText`, as text with a decimal comma ("12,34"). */
function centsValue(cents: number, asText: boolean): number | string {
  const n = centsToNumber(cents);
  return asText ? String(n).replace('.', ',') : n;
}

/** YYYY-MM-DD of a day of 2021 (1 = Jan 1). */
export function dayToDate(day: number): string {
  return new Date(Date.UTC(2021, 0, day)).toISOString().slice(0, 10);
}

/** A small deterministic PRNG (mulberry32, shared with the generators), so shuffles are reproducible from a seed. */
export function prng(seed: number): () => number {
  return rng(seed);
}

/** A copy of `xs` in a random order decided by `seed`. */
export function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const r = prng(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * A deep copy of JSON-like data whose object keys (at every level) are in a random order decided by `seed`.
 * Array order is kept: it is meaningful (tree order, table rows, units are shuffled separately).
 */
export function shuffleKeys<T>(value: T, seed: number): T {
  const r = prng(seed);
  const go = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(go);
    if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [keys[i], keys[j]] = [keys[j]!, keys[i]!];
      }
      const out: Record<string, unknown> = {};
      for (const k of keys) out[k] = go((v as Record<string, unknown>)[k]);
      return out;
    }
    return v;
  };
  return go(value) as T;
}

// ---------------------------------------------------------------------------------------------------------
// Criteria: shape and rule specs (raw random choices), then a builder that turns them into valid data

type Policy = 'full' | 'zero' | 'not-applicable' | 'share';

type RuleSpec =
  | { kind: 'task'; deadlineDay: number | null; latePct: number }
  | { kind: 'rate'; policy: Policy; shareSel: boolean[]; target: number | null }
  | {
      kind: 'bands';
      useRatio: boolean;
      policy: Policy;
      shareSel: boolean[];
      breaks: number[];
      inclLow: boolean[];
      pointPcts: number[];
      openLow: boolean;
      openHigh: boolean;
      rowSeed: number;
      textPoints: boolean;
    }
  | { kind: 'deduction'; byFindings: boolean; perCents: number; findingsUsePer: boolean; capCents: number | null }
  | { kind: 'formula'; variant: 0 | 1 | 2 }
  | { kind: 'appraisal'; useSelf: boolean }
  | { kind: 'survey'; target: number | null };

interface LeafSpec {
  cents: number;
  textMax: boolean;
  rule: RuleSpec;
}
type Shape = { leaf: LeafSpec } | { children: Shape[]; textMax: boolean };

const policyArb: fc.Arbitrary<Policy> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom<Policy>('full', 'zero', 'not-applicable') },
  { weight: 1, arbitrary: fc.constant<Policy>('share') },
);
/** Which sibling leaves receive shared points; often all of them. */
const shareSelArb: fc.Arbitrary<boolean[]> = fc.oneof(
  fc.constant<boolean[]>([true, true, true, true]),
  fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
);

const ruleSpecArb: fc.Arbitrary<RuleSpec> = fc.oneof(
  fc.record({
    kind: fc.constant('task' as const),
    deadlineDay: fc.option(fc.integer({ min: 20, max: 340 }), { nil: null }),
    latePct: fc.integer({ min: 0, max: 100 }),
  }),
  fc.record({
    kind: fc.constant('rate' as const),
    policy: policyArb,
    shareSel: shareSelArb,
    target: fc.option(
      fc.integer({ min: 1, max: 10_000 }).map((x) => x / 100),
      { nil: null },
    ),
  }),
  fc.record({
    kind: fc.constant('bands' as const),
    useRatio: fc.boolean(),
    policy: policyArb,
    shareSel: shareSelArb,
    // Thresholds strictly inside (0, 100), one decimal.
    breaks: fc.uniqueArray(fc.integer({ min: 1, max: 999 }), { maxLength: 4 }).map((xs) => xs.sort((a, b) => a - b).map((x) => x / 10)),
    inclLow: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    pointPcts: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 4 }),
    openLow: fc.boolean(),
    openHigh: fc.boolean(),
    rowSeed: fc.nat(),
    textPoints: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('deduction' as const),
    byFindings: fc.boolean(),
    perCents: fc.integer({ min: 1, max: 300 }),
    findingsUsePer: fc.boolean(),
    capCents: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
  }),
  fc.record({ kind: fc.constant('formula' as const), variant: fc.constantFrom(0 as const, 1 as const, 2 as const) }),
  fc.record({ kind: fc.constant('appraisal' as const), useSelf: fc.boolean() }),
  fc.record({
    kind: fc.constant('survey' as const),
    target: fc.option(
      fc.integer({ min: 1, max: 10_000 }).map((x) => x / 100),
      { nil: null },
    ),
  }),
);

/** Leaf maxima in cents: mostly 0.01–10 points, some whole points, rarely 0. */
const centsArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 1000 }) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 10 }).map((x) => x * 100) },
  { weight: 1, arbitrary: fc.constant(0) },
);

/** Maxima are sometimes written as text with a decimal comma ("12,5"). */
const textArb = fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });

const leafSpecArb: fc.Arbitrary<LeafSpec> = fc.record({ cents: centsArb, textMax: textArb, rule: ruleSpecArb });

function shapeArb(maxDepth: number): fc.Arbitrary<Shape[]> {
  const leaf: fc.Arbitrary<Shape> = leafSpecArb.map((l) => ({ leaf: l }));
  const level = (depth: number): fc.Arbitrary<Shape> => {
    if (depth >= maxDepth) return leaf;
    return fc.oneof(
      { weight: 1, arbitrary: leaf },
      {
        weight: depth === 1 ? 3 : 1,
        arbitrary: fc.record({ children: fc.array(level(depth + 1), { minLength: 1, maxLength: 4 }), textMax: textArb }),
      },
    );
  };
  return fc.array(level(1), { minLength: 1, maxLength: 8 });
}

/** Options of {@link criteriaArb}. */
export interface CriteriaOptions {
  /** Deepest level (1–3, default 3). */
  readonly maxDepth?: number;
  /** Rounding stages to choose from (default: leaf, criterion, field). */
  readonly stages?: readonly ('leaf' | 'criterion' | 'field')[];
}

function totalCents(s: Shape): number {
  return 'leaf' in s ? s.leaf.cents : s.children.reduce((a, c) => a + totalCents(c), 0);
}

function buildCriteria(shapes: Shape[], stage: 'leaf' | 'criterion' | 'field', withBands: boolean): GeneratedCriteria {
  const measures: Record<string, unknown> = {};
  const surveys: Record<string, unknown> = {};
  const leaves: LeafModel[] = [];
  const nodeIds: string[] = [];

  const build = (list: Shape[], prefix: string, depth: number): Record<string, unknown>[] => {
    const ids = list.map((_, i) => (prefix ? `${prefix}.${i + 1}` : `${i + 1}`));
    const leafSiblings = (self: string) => ids.filter((id, i) => id !== self && 'leaf' in list[i]!);
    return list.map((s, i) => {
      const id = ids[i]!;
      nodeIds.push(id);
      const node: Record<string, unknown> = { id, title: `Tiêu chí ${id}` };
      if ('children' in s) {
        node.max = centsValue(totalCents(s), s.textMax);
        node.children = build(s.children, id, depth + 1);
        return node;
      }
      const { cents, rule: spec } = s.leaf;
      node.max = centsValue(cents, s.leaf.textMax);
      const m: { -readonly [K in keyof LeafModel]: LeafModel[K] } = { id, cents, kind: spec.kind, depth };
      const share = (policy: Policy, sel: boolean[]): { whenBaseZero: Policy; shareWith?: string[] } => {
        if (policy !== 'share') return { whenBaseZero: policy };
        const sibs = leafSiblings(id);
        if (sibs.length === 0) return { whenBaseZero: 'zero' };
        const chosen = sibs.filter((_, k) => sel[k % sel.length]);
        return { whenBaseZero: 'share', shareWith: chosen.length > 0 ? chosen : [sibs[0]!] };
      };
      const count = (mid: string, title: string) => {
        measures[mid] = { title, unit: 'count' };
        return mid;
      };
      const percent = (mid: string, title: string) => {
        measures[mid] = { title, unit: 'percent' };
        return mid;
      };
      switch (spec.kind) {
        case 'task': {
          m.task = `t${id}`;
          const rule: Record<string, unknown> = {
            kind: 'task',
            task: m.task,
            latePoints: centsToNumber(Math.floor((cents * spec.latePct) / 100)),
          };
          if (spec.deadlineDay !== null) {
            m.deadline = dayToDate(spec.deadlineDay);
            rule.deadline = m.deadline;
          }
          node.rule = rule;
          break;
        }
        case 'rate': {
          m.numerator = count(`m${id}.num`, `numerator of ${id}`);
          m.base = count(`m${id}.base`, `base of ${id}`);
          node.rule = {
            kind: 'rate',
            numerator: m.numerator,
            base: m.base,
            ...share(spec.policy, spec.shareSel),
            ...(spec.target !== null ? { target: spec.target } : {}),
          };
          break;
        }
        case 'bands': {
          // Rows [lo_k, hi_k] between consecutive thresholds; each inner threshold belongs to exactly one side.
          const bounds = [0, ...spec.breaks, 100];
          const rows: Record<string, unknown>[] = [];
          for (let k = 0; k + 1 < bounds.length; k++) {
            const top = k + 2 === bounds.length;
            const lowIn = k === 0 ? true : spec.inclLow[(k - 1) % spec.inclLow.length]!;
            const highIn = top ? true : !spec.inclLow[k % spec.inclLow.length]!;
            const pts = top ? cents : Math.floor((cents * spec.pointPcts[k % spec.pointPcts.length]!) / 100);
            const row: Record<string, unknown> = {};
            if (!(k === 0 && spec.openLow)) row.min = bounds[k];
            if (!(top && spec.openHigh)) row.max = bounds[k + 1];
            row.minInclusive = lowIn;
            row.maxInclusive = highIn;
            row.points = centsValue(pts, spec.textPoints);
            rows.push(row);
          }
          const table = shuffled(rows, spec.rowSeed);
          if (spec.useRatio) {
            m.numerator = count(`m${id}.num`, `numerator of ${id}`);
            m.base = count(`m${id}.base`, `base of ${id}`);
            node.rule = {
              kind: 'bands',
              ratio: { numerator: m.numerator, base: m.base },
              ...share(spec.policy, spec.shareSel),
              bands: table,
            };
          } else {
            m.percent = percent(`m${id}.pct`, `percent of ${id}`);
            node.rule = { kind: 'bands', measure: m.percent, bands: table };
          }
          break;
        }
        case 'deduction': {
          const rule: Record<string, unknown> = { kind: 'deduction', floor: 0 };
          if (spec.byFindings) {
            m.findings = true;
            rule.findings = true;
            if (spec.findingsUsePer) rule.per = centsToNumber(spec.perCents);
          } else {
            m.count = count(`m${id}.violations`, `violations of ${id}`);
            rule.count = m.count;
            rule.per = centsToNumber(spec.perCents);
          }
          if (spec.capCents !== null) rule.cap = centsToNumber(spec.capCents);
          node.rule = rule;
          break;
        }
        case 'formula': {
          if (spec.variant === 2) {
            m.percent = percent(`m${id}.pct`, `percent of ${id}`);
            node.rule = { kind: 'formula', inputs: { p: m.percent }, expr: 'p / 100 * max' };
          } else {
            m.formulaCounts = true;
            m.numerator = count(`m${id}.a`, `a of ${id}`);
            m.base = count(`m${id}.b`, `b of ${id}`);
            node.rule =
              spec.variant === 0
                ? { kind: 'formula', inputs: { a: m.numerator, b: m.base }, expr: 'min(max, a / (b + 1) * max)' }
                : { kind: 'formula', inputs: { a: m.numerator, b: m.base }, expr: 'a / (b + 1) * max', clamp: true };
          }
          break;
        }
        case 'appraisal':
          node.rule = { kind: 'appraisal', useSelfScore: spec.useSelf };
          break;
        case 'survey': {
          m.survey = `s${id}`;
          surveys[m.survey] = { title: `survey ${id}` };
          node.rule = { kind: 'survey', index: m.survey, ...(spec.target !== null ? { target: spec.target } : {}) };
          break;
        }
      }
      leaves.push(m);
      return node;
    });
  };

  const tree = build(shapes, '', 1);
  const data: Record<string, unknown> = {
    format: 'par-index/criteria@1',
    id: 'test.generated',
    version: '1',
    title: 'Bộ tiêu chí sinh ngẫu nhiên',
    issuer: 'Property tests',
    decision: { number: '1/QĐ-TEST', date: '2021-01-01' },
    level: 'commune',
    years: [2021],
    status: 'illustrative',
    rounding: { stage },
    measures,
    surveys,
    tree,
  };
  if (withBands) {
    data.bands = {
      levels: [
        { id: 'weak', label: 'Yếu', min: 0, max: 50, minInclusive: true, maxInclusive: false },
        { id: 'fair', label: 'Khá', min: 50, max: 80 },
        { id: 'good', label: 'Tốt', min: 80, max: 100, maxInclusive: true },
      ],
    };
  }
  return { data, model: { leaves, nodeIds, stage } };
}

/** Valid criteria sets (data + model). */
export function criteriaArb(opts: CriteriaOptions = {}): fc.Arbitrary<GeneratedCriteria> {
  const stages = opts.stages ?? ['leaf', 'criterion', 'field'];
  return fc
    .tuple(
      shapeArb(Math.min(3, Math.max(1, opts.maxDepth ?? 3))),
      fc.oneof(...stages.map((st) => ({ weight: st === 'leaf' ? 3 : 1, arbitrary: fc.constant(st) }))),
      fc.boolean(),
    )
    .map(([shapes, stage, withBands]) => buildCriteria(shapes, stage, withBands));
}

// ---------------------------------------------------------------------------------------------------------
// Evidence

interface Fragment {
  measures: Record<string, unknown>;
  tasks: Record<string, unknown>;
  appraisals: Record<string, unknown>;
  surveys: Record<string, unknown>;
  findings: Record<string, unknown>[];
}

const emptyFragment = (): Fragment => ({ measures: {}, tasks: {}, appraisals: {}, surveys: {}, findings: [] });

/** Present ~85 % of the time: the rest is deliberately missing evidence. */
const presentArb = fc.integer({ min: 0, max: 99 }).map((x) => x < 85);

/** A measure value written as a number, as text, or as an object with its own source. */
function measureValue(v: number, form: number): unknown {
  if (form === 1) return String(v).replace('.', ',');
  if (form === 2) return { value: v, source: 'Báo cáo số liệu' };
  return v;
}
const formArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.constant(1) },
  { weight: 1, arbitrary: fc.constant(2) },
);

/** base (0 sometimes: "no case arose") and numerator ≤ base. */
const ratioArb = fc
  .record({
    base: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 60 }) }),
    frac: fc.integer({ min: 0, max: 1000 }),
    full: fc.boolean(),
  })
  .map(({ base, frac, full }) => ({ base, num: full ? base : Math.round((base * frac) / 1000) }));

function leafEvidenceArb(leaf: LeafModel): fc.Arbitrary<Fragment> {
  switch (leaf.kind) {
    case 'rate':
    case 'bands':
    case 'formula': {
      if (leaf.percent) {
        return fc.tuple(presentArb, fc.integer({ min: 0, max: 10_000 }), formArb).map(([present, v, form]) => {
          const f = emptyFragment();
          if (present) f.measures[leaf.percent!] = measureValue(v / 100, form);
          return f;
        });
      }
      const values = leaf.formulaCounts
        ? fc.record({ num: fc.integer({ min: 0, max: 40 }), base: fc.integer({ min: 0, max: 40 }) })
        : ratioArb;
      return fc.tuple(values, presentArb, presentArb, formArb, formArb).map(([{ num, base }, hasNum, hasBase, f1, f2]) => {
        const f = emptyFragment();
        if (hasNum) f.measures[leaf.numerator!] = measureValue(num, f1);
        if (hasBase) f.measures[leaf.base!] = measureValue(base, f2);
        return f;
      });
    }
    case 'task': {
      return fc
        .record({
          present: presentArb,
          status: fc.constantFrom('onTime', 'late', 'notDone', 'null'),
          shift: fc.integer({ min: 0, max: 20 }),
          own: fc.option(fc.integer({ min: 20, max: 340 }), { nil: null, freq: 4 }),
          anyDay: fc.integer({ min: 1, max: 360 }),
        })
        .map(({ present, status, shift, own, anyDay }) => {
          const f = emptyFragment();
          if (!present) return f;
          const deadlineDay =
            own ?? (leaf.deadline ? Math.round((Date.parse(leaf.deadline) - Date.UTC(2021, 0, 1)) / 86_400_000) + 1 : null);
          let done: string | false | null;
          if (status === 'notDone') done = false;
          else if (status === 'null') done = null;
          else if (deadlineDay === null) done = dayToDate(anyDay);
          else done = dayToDate(status === 'onTime' ? deadlineDay - shift : deadlineDay + 1 + shift);
          f.tasks[leaf.task!] = { done, ...(own !== null ? { deadline: dayToDate(own) } : {}) };
          return f;
        });
    }
    case 'deduction': {
      if (leaf.count) {
        return fc.tuple(presentArb, fc.integer({ min: 0, max: 12 }), formArb).map(([present, v, form]) => {
          const f = emptyFragment();
          if (present) f.measures[leaf.count!] = measureValue(v, form);
          return f;
        });
      }
      return fc.array(fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }), { maxLength: 3 }).map((pts) => {
        const f = emptyFragment();
        f.findings = pts.map((p, i) => ({
          id: `f${leaf.id}-${i}`,
          node: leaf.id,
          description: `phát hiện ${i + 1}`,
          ...(p !== null ? { points: centsToNumber(p) } : {}),
        }));
        return f;
      });
    }
    case 'appraisal': {
      // Values up to 120 % of the max: some are clipped.
      const score = fc.option(fc.integer({ min: 0, max: Math.ceil(leaf.cents * 1.2) }).map(centsToNumber), { nil: undefined });
      return fc
        .tuple(presentArb, score, score, fc.option(fc.constant('giải trình'), { nil: undefined }), score)
        .map(([present, self, round1, explanation, round2]) => {
          const f = emptyFragment();
          if (!present) return f;
          const rec: Record<string, unknown> = {};
          if (self !== undefined) rec.self = self;
          if (round1 !== undefined) rec.round1 = round1;
          if (explanation !== undefined) rec.explanation = explanation;
          if (round2 !== undefined) rec.round2 = round2;
          f.appraisals[leaf.id] = rec;
          return f;
        });
    }
    case 'survey': {
      return fc
        .tuple(presentArb, fc.integer({ min: 0, max: 10_000 }), fc.boolean(), fc.integer({ min: 1, max: 500 }))
        .map(([present, v, obj, n]) => {
          const f = emptyFragment();
          if (!present) return f;
          const value = v / 100;
          f.surveys[leaf.survey!] = obj
            ? { value, n, low: Math.max(0, value - 3), high: Math.min(100, value + 3), source: 'SIPAS' }
            : value;
          return f;
        });
    }
  }
}

/** Options of {@link evidenceArb}. */
export interface EvidenceOptions {
  readonly minUnits?: number;
  readonly maxUnits?: number;
  /** Allow not-applicable declarations in the evidence (default true). */
  readonly notApplicable?: boolean;
}

function unitArb(model: CriteriaModel, opts: EvidenceOptions): fc.Arbitrary<Omit<Record<string, unknown>, 'id' | 'name'>> {
  const na = opts.notApplicable ?? true;
  const naArb =
    na && model.nodeIds.length > 0
      ? fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...model.nodeIds) })
      : fc.constant(null);
  const strayArb =
    model.nodeIds.length > 0
      ? fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...model.nodeIds) })
      : fc.constant(null);
  return fc.tuple(fc.tuple(...model.leaves.map(leafEvidenceArb)), naArb, strayArb).map(([frags, naNode, stray]) => {
    const all = emptyFragment();
    for (const f of frags) {
      Object.assign(all.measures, f.measures);
      Object.assign(all.tasks, f.tasks);
      Object.assign(all.appraisals, f.appraisals);
      Object.assign(all.surveys, f.surveys);
      all.findings.push(...f.findings);
    }
    // A finding recorded against some node (read only when that node is a deduction by findings).
    if (stray !== null) all.findings.push({ id: 'stray', node: stray, description: 'phát hiện khác', points: 0.25 });
    const u: Record<string, unknown> = {};
    // Empty collections are sometimes left out (the schema's defaults).
    if (Object.keys(all.measures).length) u.measures = all.measures;
    if (Object.keys(all.tasks).length) u.tasks = all.tasks;
    if (Object.keys(all.appraisals).length) u.appraisals = all.appraisals;
    if (Object.keys(all.surveys).length) u.surveys = all.surveys;
    if (all.findings.length) u.findings = all.findings;
    if (naNode !== null) u.notApplicable = [{ node: naNode, reason: 'không có đối tượng' }];
    return u;
  });
}

/** Evidence for N units (ids u1…uN) matching the model. */
export function evidenceArb(model: CriteriaModel, opts: EvidenceOptions = {}): fc.Arbitrary<EvidenceData> {
  return fc.array(unitArb(model, opts), { minLength: opts.minUnits ?? 1, maxLength: opts.maxUnits ?? 4 }).map((units) => ({
    format: 'par-index/evidence@1',
    year: 2021,
    source: 'Hồ sơ minh chứng',
    units: units.map((u, i) => ({ id: `u${i + 1}`, name: `Đơn vị ${i + 1}`, ...u })),
  }));
}

/** Criteria and matching evidence. */
export function scenarioArb(opts: CriteriaOptions & EvidenceOptions = {}): fc.Arbitrary<Scenario> {
  return criteriaArb(opts).chain((criteria) => evidenceArb(criteria.model, opts).map((evidence) => ({ criteria, evidence })));
}

// ---------------------------------------------------------------------------------------------------------
// Editing evidence data

/** Reads a measure's numeric value from generated unit data (number, "1,5" text or { value }). */
export function readMeasure(unit: Record<string, unknown>, id: string): number | undefined {
  const v = (unit.measures as Record<string, unknown> | undefined)?.[id];
  if (v === undefined) return undefined;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return Number(v.replace(',', '.'));
  return (v as { value: number }).value;
}

/** Sets a measure's value in generated unit data (in place), keeping its written form. */
export function writeMeasure(unit: Record<string, unknown>, id: string, value: number): void {
  const ms = (unit.measures ??= {}) as Record<string, unknown>;
  const v = ms[id];
  if (v !== null && typeof v === 'object') ms[id] = { ...v, value };
  else if (typeof v === 'string') ms[id] = String(value).replace('.', ',');
  else ms[id] = value;
}
