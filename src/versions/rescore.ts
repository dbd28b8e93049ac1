/**
 * Re-scoring (chấm lại theo bộ tiêu chí mới) — what the tax world calls a reform analysis: the same evidence
 * scored under two versions of a criteria set, and per unit the change in each field, in the index and in the
 * rank, with the leaves (tiêu chí thành phần) that caused it.
 *
 * Attribution is leaf by leaf: a leaf's contribution to the total is its points (negated inside a penalty
 * block); the change a leaf caused is its contribution under `b` minus under `a`, leaves paired as
 * {@link matchNodes} pairs them (same id, or the same title under a new number). A leaf in only one version is
 * reported as such. What leaves do not explain — a bonus or penalty block's cap, rounding at the criterion or
 * field stage — is the `residual`, printed rather than spread over leaves. The index also moves when the
 * applicable maximum moves (not-applicable leaves, changed points): both maxima are reported.
 *
 * Two things are adapted, and reported as notes, so that old evidence can be scored under new criteria at all:
 * - the evidence's year need not be one the set scores: re-scoring is counterfactual by design, so the set is
 *   scored as if it covered that year (`evaluate`'s `year` override; `rescore.counterfactual-year`);
 * - items keyed by node id (appraisals, findings, not-applicable declarations) that name a node renumbered in
 *   the other version are carried to the new number (`rescore.evidence-remapped`); items for a node the set no
 *   longer has are set aside and listed (`rescore.evidence-not-used`). Nothing is dropped silently.
 * @module
 */
import { deepFreeze } from '../core/document.js';
import { Exact, type RoundingMode } from '../core/exact.js';
import { issue, ParIndexError, type Issue } from '../core/errors.js';
import { walk } from '../criteria/tree.js';
import { diff, type CriteriaDiff, type SetRef } from '../criteria/diff.js';
import type { CriteriaSet } from '../criteria/load.js';
import { matchNodes } from '../criteria/match.js';
import type { CriteriaNode } from '../criteria/schema.js';
import { planWith } from '../engine/overrides.js';
import type { EvaluateOptions, NodeScore, NodeStatus, ScoreCard } from '../engine/types.js';
import { EVIDENCE_FORMAT, EVIDENCE_FORMAT_VERSION } from '../evidence/schema.js';
import { loadEvidence, type Evidence, type UnitEvidence } from '../evidence/load.js';
import { rank, type Ranked, type Ranking } from '../ranking/rank.js';
import { score } from '../ranking/score.js';
import { pushAll } from '../core/lists.js';
import { combineValues, entryBasis, weightsOf } from '../ranking/combine.js';
import type { UnitMap } from '../ranking/unit-map.js';
import type { PredecessorBasis } from '../ranking/compare-result.js';

/**
 * The format tag of a re-scoring written as JSON.
 *
 * @example JSON.parse(renderRescore(r, 'en', 'json')).format === RESCORE_FORMAT
 */
export const RESCORE_FORMAT = 'par-index/rescore@1';

/**
 * A unit's result under one version.
 *
 * @example r.units[0].a.index // the index under a
 */
export interface RescoreSide {
  /** Total points. */
  readonly total: number;
  /** The applicable maximum. */
  readonly max: number;
  /** The index (%), or null. */
  readonly index: number | null;
  /** The band, or null. */
  readonly band: {
    /** The band's id. */
    readonly id: string;
    /** Its label. */
    readonly label: string;
    /** Its English label. */
    readonly labelEn?: string;
  } | null;
  /** The rank, or null. */
  readonly rank: number | null;
  /** The rank as "k/N", or null. */
  readonly rankOf: string | null;
}

/**
 * A field's points under both versions.
 *
 * @example r.units[0].fields.map((f) => `${f.id}: ${f.delta}`)
 */
export interface RescoreFieldChange {
  /** The field's id. */
  readonly id: string;
  /** The field's title. */
  readonly title: string;
  /** Points under `a` (null when the field is only in `b`). */
  readonly a: number | null;
  /** Points under `b` (null when the field is only in `a`). */
  readonly b: number | null;
  /** b − a, in points. */
  readonly delta: number;
}

/**
 * A leaf's part in a unit's change.
 *
 * @example r.units[0].causes.filter((c) => c.presence === 'only-b') // leaves new in b
 */
export interface LeafCause {
  /** The id in `b` (in `a` for a leaf only in `a`). */
  readonly id: string;
  /** The id in `a`, when the leaf was renumbered. */
  readonly fromId?: string;
  /** The leaf's title. */
  readonly title: string;
  /** Whether the leaf is in both versions or only one. */
  readonly presence: 'both' | 'only-a' | 'only-b';
  /** The leaf under `a`, or null. */
  readonly a: {
    /** Points under this set. */
    readonly points: number;
    /** Applicable maximum under this set. */
    readonly max: number;
    /** How the leaf was scored. */
    readonly status: NodeStatus;
  } | null;
  /** The leaf under `b`, or null. */
  readonly b: {
    /** Points under this set. */
    readonly points: number;
    /** Applicable maximum under this set. */
    readonly max: number;
    /** How the leaf was scored. */
    readonly status: NodeStatus;
  } | null;
  /** Change of the leaf's contribution to the total (b − a; a penalty leaf counts negatively). */
  readonly delta: number;
}

/**
 * One unit re-scored.
 *
 * @example r.units.map((u) => `${u.unit.name}: ${u.delta.index} (${u.delta.rank} places)`)
 */
export interface UnitRescore {
  /** The unit. */
  readonly unit: {
    /** The unit's id. */
    readonly id: string;
    /** Its name. */
    readonly name: string;
  };
  /** Its result under `a`. */
  readonly a: RescoreSide;
  /** Its result under `b`. */
  readonly b: RescoreSide;
  /** Changes from `a` to `b`. */
  readonly delta: {
    /** Total points, b − a. */
    readonly total: number;
    /** Maximum, b − a. */
    readonly max: number;
    /** Index, b − a (null when either is null). */
    readonly index: number | null;
    /** Places gained (rank under a − rank under b): positive is up. */
    readonly rank: number | null;
  };
  /** Change per field. */
  readonly fields: readonly RescoreFieldChange[];
  /** Leaves whose points, maximum or status changed, or that exist in one version only; largest change first. */
  readonly causes: readonly LeafCause[];
  /** The total's change that leaves do not explain (block caps, rounding above the leaves). */
  readonly residual: number;
}

/**
 * A warning of the scoring, counted over units.
 *
 * @example r.warnings.b.map((w) => `${w.code} ${w.node}: ${w.units.length} unit(s)`)
 */
export interface WarningCount {
  /** The issue code. */
  readonly code: string;
  /** The node concerned. */
  readonly node?: string;
  /** The message in English. */
  readonly message: string;
  /** The message in Vietnamese. */
  readonly messageVi: string;
  /** The units it arose for. */
  readonly units: readonly string[];
}

/**
 * A field of a merged unit: its predecessors' points combined under each version.
 *
 * @example r.merged![0].fields.map((f) => `${f.id}: ${f.a} → ${f.b}`)
 */
export interface MergedFieldChange {
  /** The field's id (in `b`; in `a` for a field only in `a`). */
  readonly id: string;
  /** The field's title. */
  readonly title: string;
  /** The combined points under `a`, or null (field only in `b`, or not compared). */
  readonly a: number | null;
  /** The combined points under `b`, or null. */
  readonly b: number | null;
  /** b − a, or null when either is null. */
  readonly delta: number | null;
}

/**
 * A unit formed by merging several units of the evidence (a many → one entry of the unit map): its predecessors
 * under both versions, and their results combined as the map declares, so that last year's evidence of the
 * merged communes can be set beside this year's new communes.
 *
 * @example r.merged!.map((m) => `${m.unit.id} ← ${m.from.map((f) => f.id).join(' + ')}: ${m.index.a} → ${m.index.b}`)
 */
export interface MergedRescore extends PredecessorBasis {
  /** The later unit: its id, and its name when the map gives one (else the id). */
  readonly unit: {
    /** The unit's id. */
    readonly id: string;
    /** Its name. */
    readonly name: string;
  };
  /** The predecessors found in the evidence, in the entry's order, each under `a` and `b`. */
  readonly from: readonly {
    /** The unit's id. */
    readonly id: string;
    /** Its name. */
    readonly name: string;
    /** Its result under `a`. */
    readonly a: RescoreSide;
    /** Its result under `b`. */
    readonly b: RescoreSide;
  }[];
  /** Predecessors the map names that the evidence does not have (also a note). */
  readonly missing: readonly string[];
  /** The decision of the merger. */
  readonly decision: {
    /** Its number. */
    readonly number: string;
    /** Its date, YYYY-MM-DD. */
    readonly date: string;
  };
  /** The combined index under each version (null for `none`), and b − a. */
  readonly index: {
    /** Under `a`. */
    readonly a: number | null;
    /** Under `b`. */
    readonly b: number | null;
    /** b − a, or null. */
    readonly delta: number | null;
  };
  /** The combined points of each field (empty for `none`). */
  readonly fields: readonly MergedFieldChange[];
}

/**
 * The re-scoring of one evidence under two versions. Frozen.
 *
 * @example const r: Rescore = rescore(set2021, set2022, evidence2021)
 */
export interface Rescore {
  /** The format tag: `par-index/rescore@1`. */
  readonly format: typeof RESCORE_FORMAT;
  /** The first version. */
  readonly a: SetRef;
  /** The second version. */
  readonly b: SetRef;
  /** The evidence re-scored: its hash and year. */
  readonly evidence: {
    /** The evidence's hash. */
    readonly hash: string;
    /** The year assessed. */
    readonly year: number;
  };
  /** What changed between the versions (node-level counts and changes). */
  readonly diff: CriteriaDiff;
  /** Units, in rank order under `b`. */
  readonly units: readonly UnitRescore[];
  /**
   * With a unit map (`opts.map`): one entry per merged unit (many → one), its predecessors' results combined as
   * the map declares; absent without a map.
   */
  readonly merged?: readonly MergedRescore[];
  /** How the evidence was adapted (year, remapped or unused items), and the map's ids the evidence lacks. */
  readonly notes: readonly Issue[];
  /** The scoring's warnings under each version, counted over units. */
  readonly warnings: {
    /** Warnings under `a`. */
    readonly a: readonly WarningCount[];
    /** Warnings under `b`. */
    readonly b: readonly WarningCount[];
  };
}

/**
 * Options of {@link rescore}.
 *
 * @example rescore(a, b, evidence, { units: roster })
 */
export interface RescoreOptions {
  /** The roster of units to score (see `evaluate`). */
  readonly units?: EvaluateOptions['units'];
  /** Score under `a` leniently (see `evaluate`); under `b` names it does not declare are always warnings. */
  readonly lenient?: boolean;
  /**
   * Cards of this evidence already scored under `a` or `b` (`evaluate(a, evidence)`; a ranking's cards), so that
   * side is not scored again; they are ranked here under its set's rule. They are used only where the evidence
   * is read as it is (no item carried to a renumbered node, none set aside); cards of another set or of other
   * evidence are refused (`scores.mixed-criteria`). For a year the set does not cover, they are the cards of
   * `evaluate(a, evidence, { year: evidence.year })`.
   */
  readonly cards?: {
    /** Cards scored under `a`. */
    readonly a?: readonly ScoreCard[];
    /** Cards scored under `b`. */
    readonly b?: readonly ScoreCard[];
  };
  /**
   * A unit map from the evidence's units to later ones (`loadUnitMap`): each merger (many → one) gets a section
   * in `merged`, its predecessors' results combined under each version as the map declares (mean, weighted
   * mean, one predecessor, none).
   */
  readonly map?: UnitMap;
}

function unitData(
  u: UnitEvidence,
  appraisals: UnitEvidence['appraisals'],
  findings: UnitEvidence['findings'],
  notApplicable: UnitEvidence['notApplicable'],
): Record<string, unknown> {
  return {
    id: u.id,
    name: u.name,
    ...(u.kind !== undefined ? { kind: u.kind } : {}),
    ...(u.parent !== undefined ? { parent: u.parent } : {}),
    ...(Object.keys(u.attributes).length ? { attributes: u.attributes } : {}),
    measures: u.measures,
    tasks: Object.fromEntries(Object.entries(u.tasks).map(([k, t]) => [k, { ...t, done: t.done ?? null }])),
    appraisals,
    surveys: u.surveys,
    findings,
    notApplicable,
    // Lists are read as given: dropping them would score every items rule as missing evidence.
    ...(u.lists ? { lists: u.lists } : {}),
  };
}

function nodeIds(set: CriteriaSet): Set<string> {
  return new Set([...walk(set.tree)].map((l) => l.node.id));
}

/**
 * The evidence as `target` can read it: node-keyed items naming a node of `other` that `target` has under
 * another id are carried over; items for nodes `target` lacks (but `other` has) are set aside.
 */
function reconcile(
  ev: Evidence,
  target: CriteriaSet,
  other: CriteriaSet,
  otherToTarget: ReadonlyMap<string, string>,
  side: 'a' | 'b',
): { evidence: Evidence; notes: Issue[] } {
  const mine = nodeIds(target);
  const theirs = nodeIds(other);
  const moves = new Map<
    string,
    { code: 'rescore.evidence-remapped' | 'rescore.evidence-not-used'; from: string; to?: string; what: string; units: string[] }
  >();
  const note = (
    code: 'rescore.evidence-remapped' | 'rescore.evidence-not-used',
    from: string,
    to: string | undefined,
    what: string,
    unit: string,
  ) => {
    const k = `${code}|${from}|${what}`;
    const m = moves.get(k) ?? { code, from, ...(to !== undefined ? { to } : {}), what, units: [] };
    m.units.push(unit);
    moves.set(k, m);
  };
  // Where an item goes: its own node, the node's new id, or nowhere (undefined).
  const route = (id: string, what: string, unit: string): string | undefined => {
    if (mine.has(id) || !theirs.has(id)) return id;
    const to = otherToTarget.get(id);
    note(to === undefined ? 'rescore.evidence-not-used' : 'rescore.evidence-remapped', id, to, what, unit);
    return to;
  };
  let changed = false;
  const units = ev.units.map((u) => {
    const appraisals: Record<string, UnitEvidence['appraisals'][string]> = {};
    for (const [k, v] of Object.entries(u.appraisals)) {
      const to = route(k, 'appraisal', u.id);
      if (to !== k) changed = true;
      if (to !== undefined) appraisals[to] = v;
    }
    const findings = u.findings.flatMap((f) => {
      const to = route(f.node, 'finding', u.id);
      if (to !== f.node) changed = true;
      return to === undefined ? [] : [{ ...f, node: to }];
    });
    const notApplicable = u.notApplicable.flatMap((n) => {
      const to = route(n.node, 'not-applicable', u.id);
      if (to !== n.node) changed = true;
      return to === undefined ? [] : [{ ...n, node: to }];
    });
    return unitData(u, appraisals, findings, notApplicable);
  });
  const notes = [...moves.values()].map((m) =>
    m.to !== undefined
      ? issue(
          m.code,
          'warning',
          [],
          `under ${side} (${target.id} ${target.version}) the ${m.what} evidence of node ${m.from} is read as node ${m.to}, its new number (${m.units.length} unit(s): ${m.units.join(', ')})`,
          `theo ${side} (${target.id} ${target.version}) minh chứng ${m.what} của tiêu chí ${m.from} được đọc cho tiêu chí ${m.to} (mã mới) (${m.units.length} đơn vị: ${m.units.join(', ')})`,
          { node: m.from },
        )
      : issue(
          m.code,
          'warning',
          [],
          `under ${side} (${target.id} ${target.version}) node ${m.from} does not exist: its ${m.what} evidence is not used (${m.units.length} unit(s): ${m.units.join(', ')})`,
          `theo ${side} (${target.id} ${target.version}) không có tiêu chí ${m.from}: minh chứng ${m.what} của tiêu chí này không được dùng (${m.units.length} đơn vị: ${m.units.join(', ')})`,
          { node: m.from },
        ),
  );
  if (!changed) return { evidence: ev, notes };
  const data = {
    format: `${EVIDENCE_FORMAT}@${EVIDENCE_FORMAT_VERSION}`,
    year: ev.year,
    ...(ev.period ? { period: ev.period } : {}),
    units,
  };
  return { evidence: loadEvidence({ data, file: `evidence as read by ${side}` }), notes };
}

/** Notes when the set does not cover the evidence's year: it is scored as if it did (counterfactual by design). */
function covering(set: CriteriaSet, year: number, side: 'a' | 'b', notes: Issue[]): void {
  if (set.years.includes(year)) return;
  notes.push(
    issue(
      'rescore.counterfactual-year',
      'warning',
      ['years'],
      `${side}: ${set.id} ${set.version} scores ${set.years.join(', ')}; the ${year} evidence is scored under it as if it applied in ${year}`,
      `${side}: bộ tiêu chí ${set.id} ${set.version} áp dụng cho năm ${set.years.join(', ')}; minh chứng năm ${year} được chấm theo bộ tiêu chí này như thể áp dụng cho năm ${year}`,
    ),
  );
}

/**
 * One side ranked: the caller's cards when they are this set's cards of this very evidence, else the evidence
 * (as this side reads it) scored once, as if the set covered its year.
 */
function sideRanking(
  set: CriteriaSet,
  read: Evidence,
  given: Evidence,
  cards: readonly ScoreCard[] | undefined,
  side: 'a' | 'b',
  eo: EvaluateOptions,
): Ranking {
  if (cards === undefined || read !== given) return score(set, read, { ...eo, year: read.year });
  // The set as this side scores it: its own hash, or that of the set widened to the evidence's year.
  const hash = planWith(set, { year: given.year }).cardCriteria.hash;
  const wrong = cards.find((c) => c.criteria.hash !== hash || c.evidence.hash !== given.hash);
  if (wrong) {
    throw new ParIndexError([
      issue(
        'scores.mixed-criteria',
        'error',
        ['cards', side],
        `the ${side} card of ${wrong.unit.id} was scored with ${wrong.criteria.id} ${wrong.criteria.version} from evidence ${wrong.evidence.hash}, not with ${set.id} ${set.version} from ${given.hash}`,
        `phiếu ${side} của ${wrong.unit.id} chấm theo ${wrong.criteria.id} ${wrong.criteria.version} từ minh chứng ${wrong.evidence.hash}, không phải theo ${set.id} ${set.version} từ ${given.hash}`,
        { unit: wrong.unit.id },
      ),
    ]);
  }
  return rank(cards, set.ranking);
}

interface LeafInfo {
  readonly node: CriteriaNode;
  readonly sign: 1 | -1;
  readonly order: number;
}

function leaves(set: CriteriaSet): Map<string, LeafInfo> {
  const out = new Map<string, LeafInfo>();
  let order = 0;
  const go = (list: readonly CriteriaNode[], penalty: boolean) => {
    for (const n of list) {
      const p = penalty || n.block?.kind === 'penalty';
      if (n.children && n.children.length) go(n.children, p);
      else out.set(n.id, { node: n, sign: p ? -1 : 1, order: order++ });
    }
  };
  go(set.tree, false);
  return out;
}

const sub = (x: number, y: number) => Exact.of(x).sub(Exact.of(y)).toNumber();

function side({ card: c, rank, rankOf }: Ranked): RescoreSide {
  return {
    total: c.total,
    max: c.max,
    index: c.index,
    band: c.band ? { id: c.band.id, label: c.band.label, ...(c.band.labelEn !== undefined ? { labelEn: c.band.labelEn } : {}) } : null,
    rank,
    rankOf,
  };
}

function countWarnings(rows: readonly Ranked[]): WarningCount[] {
  const by = new Map<string, { code: string; node?: string; message: string; messageVi: string; units: string[] }>();
  for (const { card: c } of rows) {
    for (const w of c.warnings) {
      const k = `${w.code}|${w.node ?? ''}|${w.message}`;
      const e = by.get(k) ?? {
        code: w.code,
        ...(w.node !== undefined ? { node: w.node } : {}),
        message: w.message,
        messageVi: w.messageVi,
        units: [],
      };
      e.units.push(c.unit.id);
      by.set(k, e);
    }
  }
  return [...by.values()].sort((x, y) =>
    x.code < y.code
      ? -1
      : x.code > y.code
        ? 1
        : (x.node ?? '') < (y.node ?? '')
          ? -1
          : (x.node ?? '') > (y.node ?? '')
            ? 1
            : x.message < y.message
              ? -1
              : 1,
  );
}

/** The mergers of the map over the re-scored units: predecessors combined as declared, under each version. */
function mergedUnits(
  map: UnitMap,
  units: readonly UnitRescore[],
  year: number,
  notes: Issue[],
  a: CriteriaSet,
  b: CriteriaSet,
): MergedRescore[] {
  const file = map.file;
  if (map.from !== undefined && map.from !== year)
    notes.push(
      issue(
        'compare.unknown-unit',
        'warning',
        ['from'],
        `the map is from ${map.from} but the evidence is of ${year}`,
        `bảng đối chiếu từ năm ${map.from} nhưng minh chứng là của năm ${year}`,
        { file },
      ),
    );
  const byId = new Map(units.map((u) => [u.unit.id, u]));
  // Combined as each set rounds: the index to its index precision and mode, points to two more decimals.
  const ra = a.rounding;
  const rb = b.rounding;
  const out: MergedRescore[] = [];
  map.entries.forEach((e, i) => {
    if (e.from.length < 2) return;
    const present = e.from.filter((id) => byId.has(id));
    const missing = e.from.filter((id) => !byId.has(id));
    for (const id of missing)
      notes.push(
        issue(
          'compare.unknown-unit',
          'warning',
          ['entries', i, 'from'],
          `unit "${id}", merged into ${e.to[0]}, is not in the evidence`,
          `đơn vị "${id}", sáp nhập vào ${e.to[0]}, không có trong minh chứng`,
          { file, unit: id },
        ),
      );
    if (present.length === 0) return;
    const preds = present.map((id) => byId.get(id)!);
    const eb = entryBasis(e, present);
    const base = eb.unit !== undefined ? byId.get(eb.unit) : undefined;
    const compared = eb.basis !== 'none';
    const comb = (xs: readonly (number | null)[], decimals: number, mode: string): number | null =>
      base ? xs[present.indexOf(base.unit.id)]! : compared ? combineValues(xs, eb.weights, decimals, mode as RoundingMode) : null;
    const ia = comb(
      preds.map((u) => u.a.index),
      ra.indexPrecision,
      ra.indexMode,
    );
    const ib = comb(
      preds.map((u) => u.b.index),
      rb.indexPrecision,
      rb.indexMode,
    );
    // Fields as the per-unit rows pair them (b's ids, then a's leftovers), in the first predecessor's order.
    const fields: MergedFieldChange[] = compared
      ? preds[0]!.fields.map((f) => {
          const get = (k: 'a' | 'b') => preds.map((u) => u.fields.find((x) => x.id === f.id)?.[k] ?? null);
          const fa = comb(get('a'), ra.precision + 2, ra.mode);
          const fb = comb(get('b'), rb.precision + 2, rb.mode);
          return { id: f.id, title: f.title, a: fa, b: fb, delta: fa === null || fb === null ? null : sub(fb, fa) };
        })
      : [];
    const d = e.decision ?? map.decision!;
    out.push({
      unit: { id: e.to[0]!, name: e.name ?? e.to[0]! },
      from: preds.map((u) => ({ id: u.unit.id, name: u.unit.name, a: u.a, b: u.b })),
      missing,
      basis: eb.basis,
      ...(eb.basis === 'unit' ? { baseline: eb.unit! } : {}),
      ...(eb.weights ? { weights: { of: weightsOf(map), units: present.map((id, k) => ({ id, weight: eb.weights![k]! })) } } : {}),
      decision: { number: d.number, date: d.date },
      index: { a: ia, b: ib, delta: ia === null || ib === null ? null : sub(ib, ia) },
      fields,
    });
  });
  return out;
}

/**
 * Scores the same evidence under two versions of a criteria set and explains the difference per unit: each
 * field, the total, the index, the rank, and the leaves that caused it. Pure and deterministic; the result
 * is frozen.
 *
 * @example
 * ```ts
 * const r = rescore(set2021, set2022, evidence2021);
 * r.units[0].delta.index;              // e.g. −1.2
 * r.units[0].causes.map((c) => c.id);  // the leaves behind it, largest change first
 * console.log(renderRescore(r, 'vi'));
 * ```
 */
export function rescore(a: CriteriaSet, b: CriteriaSet, evidence: Evidence, opts: RescoreOptions = {}): Rescore {
  const notes: Issue[] = [];
  const m = matchNodes(a, b);
  const ra = reconcile(evidence, a, b, m.bToA, 'a');
  const rb = reconcile(evidence, b, a, m.aToB, 'b');
  pushAll(notes, [...ra.notes, ...rb.notes]);
  covering(a, evidence.year, 'a', notes);
  covering(b, evidence.year, 'b', notes);
  const eo: EvaluateOptions = { trace: false, ...(opts.units ? { units: opts.units } : {}) };
  const ca = sideRanking(a, ra.evidence, evidence, opts.cards?.a, 'a', opts.lenient ? { ...eo, lenient: true } : eo);
  // The evidence was written for a: what b no longer declares is reported among b's warnings, not refused.
  const cb = sideRanking(b, rb.evidence, evidence, opts.cards?.b, 'b', { ...eo, lenient: true });
  const la = leaves(a);
  const lb = leaves(b);
  const byA = new Map(ca.rows.map((r) => [r.card.unit.id, r]));

  const units: UnitRescore[] = cb.rows.map((rowB) => {
    const cardB = rowB.card;
    const rowA = byA.get(cardB.unit.id)!;
    const cardA = rowA.card;
    const nodeA = new Map(cardA.nodes.map((n) => [n.id, n]));
    const nodeB = new Map(cardB.nodes.map((n) => [n.id, n]));
    const pick = (n: NodeScore | undefined) => (n ? { points: n.points, max: n.max, status: n.status } : null);
    const causes: (LeafCause & { order: number })[] = [];
    let explained = Exact.ZERO;
    for (const [idB, info] of lb) {
      const idA = m.bToA.get(idB);
      const inA = idA !== undefined ? la.get(idA) : undefined;
      const pb = pick(nodeB.get(idB))!;
      const pa = inA ? pick(nodeA.get(idA!)) : null;
      const contribB = Exact.of(pb.points).mul(Exact.of(info.sign));
      const contribA = pa && inA ? Exact.of(pa.points).mul(Exact.of(inA.sign)) : Exact.ZERO;
      const delta = contribB.sub(contribA);
      explained = explained.add(delta);
      const presence = pa ? 'both' : 'only-b';
      if (presence === 'both' && delta.isZero() && pa!.max === pb.max && pa!.status === pb.status && idA === idB) continue;
      causes.push({
        id: idB,
        ...(idA !== undefined && idA !== idB ? { fromId: idA } : {}),
        title: info.node.title,
        presence,
        a: pa,
        b: pb,
        delta: delta.toNumber(),
        order: info.order,
      });
    }
    for (const [idA, info] of la) {
      if (m.aToB.has(idA) && lb.has(m.aToB.get(idA)!)) continue;
      const pa = pick(nodeA.get(idA))!;
      const delta = Exact.of(pa.points).mul(Exact.of(info.sign)).neg();
      explained = explained.add(delta);
      causes.push({
        id: idA,
        title: info.node.title,
        presence: 'only-a',
        a: pa,
        b: null,
        delta: delta.toNumber(),
        order: lb.size + info.order,
      });
    }
    causes.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.order - y.order);
    const fields: RescoreFieldChange[] = [];
    for (const f of cardB.fields) {
      const idA = m.bToA.get(f.id);
      const fa = idA !== undefined ? cardA.fields.find((x) => x.id === idA) : undefined;
      fields.push({ id: f.id, title: f.title, a: fa ? fa.points : null, b: f.points, delta: sub(f.points, fa ? fa.points : 0) });
    }
    for (const f of cardA.fields) {
      const idB = m.aToB.get(f.id);
      if (idB !== undefined && cardB.fields.some((x) => x.id === idB)) continue;
      fields.push({ id: f.id, title: f.title, a: f.points, b: null, delta: sub(0, f.points) });
    }
    const totalDelta = Exact.of(cardB.total).sub(Exact.of(cardA.total));
    return {
      unit: { id: cardB.unit.id, name: cardB.unit.name },
      a: side(rowA),
      b: side(rowB),
      delta: {
        total: totalDelta.toNumber(),
        max: sub(cardB.max, cardA.max),
        index: cardA.index === null || cardB.index === null ? null : sub(cardB.index, cardA.index),
        rank: rowA.rank === null || rowB.rank === null ? null : rowA.rank - rowB.rank,
      },
      fields,
      causes: causes.map(({ order: _o, ...c }) => {
        void _o;
        return c;
      }),
      residual: totalDelta.sub(explained).toNumber(),
    };
  });

  const merged = opts.map ? mergedUnits(opts.map, units, evidence.year, notes, a, b) : undefined;
  return deepFreeze({
    format: RESCORE_FORMAT,
    a: { id: a.id, version: a.version, hash: a.hash, title: a.title, decision: { number: a.decision.number, date: a.decision.date } },
    b: { id: b.id, version: b.version, hash: b.hash, title: b.title, decision: { number: b.decision.number, date: b.decision.date } },
    evidence: { hash: evidence.hash, year: evidence.year },
    diff: diff(a, b),
    units,
    ...(merged ? { merged } : {}),
    notes,
    warnings: { a: countWarnings(ca.rows), b: countWarnings(cb.rows) },
  });
}
