/**
 * Rank uncertainty (độ bất định của thứ hạng), as composite-index practice does it (OECD/JRC *Handbook on
 * Constructing Composite Indicators*, 2008, §6–7: uncertainty and sensitivity analysis): the choices the method
 * leaves open — how much each field weighs, how the index is rounded, how ties are ranked — are drawn at random
 * within declared ranges, the units are re-ranked for every draw, and each unit's rank is summarised as a
 * median and a 5–95 % interval, with the fields whose weight moves it most.
 *
 * Why it is fast: a field's points scale with its weight (its maximum), so re-weighting needs no re-evaluation —
 * each draw re-derives every unit's index from the cards' field points (Σ sᶠ·pᶠ ÷ Σ sᶠ·mᶠ × 100). Only options that
 * change how points are scored (rounding precision, mode or stage) re-evaluate, once per distinct value, not per
 * draw, with `evaluate`'s rounding override (the set is not loaded again); cards already scored are not scored
 * again (`opts.cards`).
 *
 * Why it is reproducible: the draws come from a seeded generator (xoroshiro128+ from `pure-rand`, 53-bit uniform
 * floats), consumed in a fixed order (every top-level node, then every declared option, draw after draw); floating
 * point is only used where IEEE arithmetic is deterministic, and a value within 10⁻⁶ of a rounding boundary is
 * recomputed exactly. Same seed, same bytes out.
 * @module
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { deepFreeze } from '../core/document.js';
import { atMost, resolveLimits, type Limits } from '../core/limits.js';
import { issue, ParIndexError, type Issue } from '../core/errors.js';
import { Exact, type RoundingMode } from '../core/exact.js';
import type { CriteriaSet } from '../criteria/load.js';
import type { EvaluateOptions, ScoreCard } from '../engine/types.js';
import type { Evidence } from '../evidence/load.js';
import { evaluate } from '../engine/evaluate.js';
import {
  assignRanks,
  cardsOf,
  cmpId,
  groupIndices,
  groupOf,
  rank,
  VI_COLLATOR,
  type Ranking,
  type RankMethod,
  type TieBreakKey,
} from './rank.js';
import { score } from './score.js';
import type { RankDriver, UncertaintyResult, UnitUncertainty } from './uncertainty-result.js';
import { DEFAULT_UNCERTAINTY_SPEC, UNCERTAINTY_OPTIONS, type UncertaintyOption, type UncertaintySpec } from './uncertainty-spec.js';

/**
 * Options of {@link rankUncertainty}; they override the spec's `draws` and `seed`.
 *
 * @example rankUncertainty(set, evidence, spec, { draws: 500, seed: 7 } satisfies UncertaintyOptions)
 */
export interface UncertaintyOptions {
  /** Number of draws. */
  readonly draws?: number | undefined;
  /** Seed of the generator. */
  readonly seed?: number | undefined;
  /** Passed to `evaluate` (the roster of units that must be scored). */
  readonly units?: EvaluateOptions['units'];
  /** Passed to `evaluate`: names the set does not declare are warnings, not errors. */
  readonly lenient?: boolean | undefined;
  /**
   * The set's cards of this evidence, already scored (`evaluate(set, evidence)`, or a ranking's cards): the
   * evidence is then scored only for options that change scoring. Cards of another set are refused.
   */
  readonly cards?: readonly ScoreCard[] | undefined;
  /**
   * Called as the draws are re-ranked, with the draws done and the total (every 100 draws and after the last):
   * the CLI shows it on a terminal. It must not throw; the result does not depend on it.
   */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** Limits: `maxDraws`, the most draws (time and memory grow with draws × units; see SECURITY.md). */
  readonly limits?: Partial<Limits> | undefined;
}

/** How many draws between two calls of {@link UncertaintyOptions.onProgress}. */
const PROGRESS_EVERY = 100;

interface Rounding {
  readonly precision: number;
  readonly mode: RoundingMode;
  readonly stage: 'leaf' | 'criterion' | 'field';
}

/** What the draws read of one scoring variant, as flat arrays (unit-major). */
interface Variant {
  readonly cards: readonly ScoreCard[];
  readonly p: Float64Array;
  readonly m: Float64Array;
  readonly pe: readonly Exact[];
  readonly me: readonly Exact[];
  /** Per tie-break node key: each unit's points, and the top-level node that scales them. */
  readonly tie: readonly { readonly pts: Float64Array; readonly root: number; readonly desc: boolean }[];
}

const ROUND_EPS = 1e-6;
const TIE_EPS = 1e-9;

function ratio(s: string, fallback: number): Exact {
  return Exact.fromRatio(s) ?? Exact.of(fallback);
}

function buildVariant(cards: readonly ScoreCard[], roots: readonly string[], keys: readonly TieBreakKey[]): Variant {
  const U = cards.length;
  const F = roots.length;
  const p = new Float64Array(U * F);
  const m = new Float64Array(U * F);
  const pe: Exact[] = new Array<Exact>(U * F);
  const me: Exact[] = new Array<Exact>(U * F);
  cards.forEach((c, u) => {
    const byId = new Map(c.fields.map((f) => [f.id, f]));
    roots.forEach((id, f) => {
      const n = byId.get(id);
      const x = n ? ratio(n.exact, n.points) : Exact.ZERO;
      const mx = n ? ratio(n.exactMax, n.max) : Exact.ZERO;
      pe[u * F + f] = x;
      me[u * F + f] = mx;
      p[u * F + f] = x.toNumber();
      m[u * F + f] = mx.toNumber();
    });
  });
  const tie = keys
    .filter((k): k is Extract<TieBreakKey, { by: 'node' }> => k.by === 'node')
    .map((k) => {
      const root = roots.findIndex((r) => k.id === r || k.id.startsWith(`${r}.`));
      const pts = new Float64Array(U);
      cards.forEach((c, u) => {
        const n = c.nodes.find((x) => x.id === k.id);
        pts[u] = n ? ratio(n.exact, n.points).toNumber() : 0;
      });
      return { pts, root, desc: k.order !== 'asc' };
    });
  return { cards, p, m, pe, me, tie };
}

/** Rounds x (an index computed in floating point) to `prec` decimals, or undefined when it is too close to call. */
function roundFloat(x: number, prec: number, mode: RoundingMode): number | undefined {
  const scale = 10 ** prec;
  const y = Math.abs(x) * scale;
  const f = Math.floor(y);
  const frac = y - f;
  let q: number;
  if (mode === 'half-up' || mode === 'half-even') {
    if (Math.abs(frac - 0.5) < ROUND_EPS) return undefined;
    q = frac > 0.5 ? f + 1 : f;
  } else {
    if (frac < ROUND_EPS || frac > 1 - ROUND_EPS) return undefined;
    q = mode === 'up' ? f + 1 : f;
  }
  return (x < 0 ? -q : q) / scale;
}

function median(sorted: Int32Array, p: number): number {
  // Nearest-rank: the smallest value with at least p of the draws at or below it.
  const k = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[k - 1]!;
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;
const r2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * Draws `draws` scenarios and re-ranks the units under each. `evaluateVariant` is called once per distinct
 * combination of scoring options drawn (rounding precision, mode, stage); everything else is derived from the
 * cards' exact field points.
 */
function run(
  set: CriteriaSet,
  plain: Ranking,
  evaluateVariant: (r: Rounding) => readonly ScoreCard[],
  spec: UncertaintySpec,
  opts: UncertaintyOptions,
): UncertaintyResult {
  const draws = opts.draws ?? spec.draws ?? 1000;
  const seed = opts.seed ?? spec.seed ?? 1;
  if (!Number.isInteger(draws) || draws < 1)
    throw new ParIndexError([
      issue(
        'uncertainty.invalid',
        'error',
        ['draws'],
        `draws must be a whole number ≥ 1, got ${draws}`,
        `số lần rút phải là số nguyên ≥ 1, nhận được ${draws}`,
      ),
    ]);
  atMost('maxDraws', draws, resolveLimits(opts.limits), { en: 'too many draws', vi: 'quá nhiều lần rút' }, ['draws'], undefined);
  if (!Number.isInteger(seed))
    throw new ParIndexError([
      issue(
        'uncertainty.invalid',
        'error',
        ['seed'],
        `the seed must be a whole number, got ${seed}`,
        `hạt giống phải là số nguyên, nhận được ${seed}`,
      ),
    ]);
  const roots = set.tree.map((n) => n.id);
  const rootNodes = set.tree;
  const F = roots.length;
  const issues: Issue[] = [];
  for (const id of Object.keys(spec.weights?.fields ?? {})) {
    if (!roots.includes(id))
      issues.push(
        issue(
          'uncertainty.invalid',
          'error',
          ['weights', 'fields', id],
          `"${id}" is not a field of ${set.id} (fields: ${roots.join(', ')})`,
          `"${id}" không phải lĩnh vực của ${set.id} (các lĩnh vực: ${roots.join(', ')})`,
        ),
      );
  }
  if (issues.length) throw new ParIndexError(issues);
  const range = spec.weights?.range ?? [0.8, 1.2];
  const lo = new Float64Array(F);
  const hi = new Float64Array(F);
  rootNodes.forEach((n, f) => {
    const own = spec.weights?.fields?.[n.id];
    const r = own ?? (n.block ? [1, 1] : range);
    lo[f] = r[0];
    hi[f] = r[1];
  });
  const options = UNCERTAINTY_OPTIONS.filter((k) => spec.options?.[k] !== undefined).map((k) => ({ key: k, values: spec.options![k]! }));

  // 1. Draw every scenario, in a fixed order, before any work: the stream never depends on results.
  const rng = xoroshiro128plus(seed | 0);
  const S = new Float64Array(draws * F);
  const choice = options.map(() => new Int32Array(draws));
  for (let d = 0; d < draws; d++) {
    for (let f = 0; f < F; f++) {
      const u = uniformFloat64(rng);
      S[d * F + f] = lo[f] === hi[f] ? lo[f]! : lo[f]! + (hi[f]! - lo[f]!) * u;
    }
    options.forEach((o, k) => {
      const u = uniformFloat64(rng);
      choice[k]![d] = Math.min(o.values.length - 1, Math.floor(u * o.values.length));
    });
  }

  // 2. One variant per distinct scoring option combination drawn (the set's own rounding is the base).
  const own: Rounding = { precision: set.rounding.precision, mode: set.rounding.mode as RoundingMode, stage: set.rounding.stage };
  const opt = <T>(key: UncertaintyOption, d: number, fallback: T): T => {
    const k = options.findIndex((o) => o.key === key);
    return k < 0 ? fallback : (options[k]!.values[choice[k]![d]!] as T);
  };
  const variantKey = (r: Rounding): string => `${r.precision}|${r.mode}|${r.stage}`;
  const variants = new Map<string, Variant>();
  const baseCards = [...cardsOf(plain)].sort((a, b) => cmpId(a.unit.id, b.unit.id));
  const keys = set.ranking.tieBreak as readonly TieBreakKey[];
  variants.set(variantKey(own), buildVariant(baseCards, roots, keys));
  const variantOf = new Array<Variant>(draws);
  for (let d = 0; d < draws; d++) {
    const r: Rounding = {
      precision: opt('rounding.precision', d, own.precision),
      mode: opt('rounding.mode', d, own.mode),
      stage: opt('rounding.stage', d, own.stage),
    };
    const key = variantKey(r);
    let v = variants.get(key);
    if (!v) {
      const cards = [...evaluateVariant(r)].sort((a, b) => cmpId(a.unit.id, b.unit.id));
      if (cards.length !== baseCards.length || cards.some((c, i) => c.unit.id !== baseCards[i]!.unit.id))
        throw new Error('par-index internal error: a scoring variant scored other units');
      variants.set(key, (v = buildVariant(cards, roots, keys)));
    }
    variantOf[d] = v;
  }

  // 3. Re-rank every draw.
  const U = baseCards.length;
  const groups = groupIndices(baseCards, (c) => groupOf(c, spec.groupBy));
  const nameOrder = new Int32Array(U);
  [...baseCards.keys()]
    .sort((a, b) => VI_COLLATOR.compare(baseCards[a]!.unit.name, baseCards[b]!.unit.name))
    .forEach((u, k, all) => {
      // Names that collate equal share an order value, so "by name" keeps them tied as rank() does.
      nameOrder[u] =
        k > 0 && VI_COLLATOR.compare(baseCards[all[k - 1]!]!.unit.name, baseCards[u]!.unit.name) === 0 ? nameOrder[all[k - 1]!]! : k;
    });
  const R = new Int32Array(draws * U); // 0 = no rank
  const idx = new Float64Array(U);
  const has = new Uint8Array(U);
  const tieVals = keys.filter((k) => k.by === 'node').map(() => new Float64Array(U));
  for (let d = 0; d < draws; d++) {
    const v = variantOf[d]!;
    const s = S.subarray(d * F, d * F + F);
    const on = opt<'rounded' | 'exact'>('ranking.on', d, set.ranking.on);
    const method = opt<RankMethod>('ranking.method', d, set.ranking.method);
    const iprec = opt('rounding.indexPrecision', d, set.rounding.indexPrecision);
    const imode = opt<RoundingMode>('rounding.indexMode', d, set.rounding.indexMode as RoundingMode);
    const exactIndex = (u: number): Exact => {
      let num = Exact.ZERO;
      let den = Exact.ZERO;
      for (let f = 0; f < F; f++) {
        const w = Exact.of(s[f]!);
        num = num.add(w.mul(v.pe[u * F + f]!));
        den = den.add(w.mul(v.me[u * F + f]!));
      }
      return num.div(den).mul(Exact.HUNDRED);
    };
    for (let u = 0; u < U; u++) {
      let num = 0;
      let den = 0;
      const o = u * F;
      for (let f = 0; f < F; f++) {
        num += s[f]! * v.p[o + f]!;
        den += s[f]! * v.m[o + f]!;
      }
      if (den <= 0) {
        has[u] = 0;
        continue;
      }
      has[u] = 1;
      const x = (100 * num) / den;
      idx[u] = on === 'exact' ? x : (roundFloat(x, iprec, imode) ?? exactIndex(u).round(iprec, imode).toNumber());
    }
    v.tie.forEach((t, k) => {
      const arr = tieVals[k]!;
      const w = t.root >= 0 ? s[t.root]! : 1;
      for (let u = 0; u < U; u++) arr[u] = t.desc ? -(w * t.pts[u]!) : w * t.pts[u]!;
    });
    const cmpIndex = (i: number, j: number): number => {
      const a = idx[i]!;
      const b = idx[j]!;
      if (a === b) return 0;
      // Unrounded indices that differ by float noise only are compared exactly.
      if (on === 'exact' && Math.abs(a - b) < TIE_EPS) return exactIndex(j).cmp(exactIndex(i));
      return b - a;
    };
    const cmpTie = (i: number, j: number): number => {
      let t = 0;
      for (const k of keys) {
        if (k.by === 'node') {
          const arr = tieVals[t++]!;
          const c = arr[i]! - arr[j]!;
          if (c !== 0) return c;
        } else if (k.by === 'name') {
          const c = nameOrder[i]! - nameOrder[j]!;
          if (c !== 0) return c;
        } else {
          const c = i - j; // baseCards are sorted by id
          if (c !== 0) return c;
        }
      }
      return 0;
    };
    for (const [, members] of groups) {
      const r = assignRanks(
        members.length,
        (k) => has[members[k]!] === 1,
        (a, b) => cmpIndex(members[a]!, members[b]!),
        (a, b) => cmpTie(members[a]!, members[b]!),
        (a, b) => members[a]! - members[b]!,
        method,
      );
      for (let k = 0; k < members.length; k++) R[d * U + members[k]!] = r.ranks[k] ?? 0;
    }
    // Every PROGRESS_EVERY draws, and after the last: often enough for a person, rare enough to cost nothing.
    if (opts.onProgress && ((d + 1) % PROGRESS_EVERY === 0 || d + 1 === draws)) opts.onProgress(d + 1, draws);
  }

  // 4. Summaries per unit: percentiles, drivers (correlation of each varied weight with the rank), option means.
  const varied = [...Array(F).keys()].filter((f) => hi[f]! > lo[f]!);
  const sMean = new Float64Array(F);
  const sSd = new Float64Array(F);
  for (const f of varied) {
    let a = 0;
    for (let d = 0; d < draws; d++) a += S[d * F + f]!;
    const mu = a / draws;
    let q = 0;
    for (let d = 0; d < draws; d++) q += (S[d * F + f]! - mu) ** 2;
    sMean[f] = mu;
    sSd[f] = Math.sqrt(q);
  }
  const plainById = new Map(plain.rows.map((r) => [r.card.unit.id, r]));
  const col = new Int32Array(draws);
  const units: UnitUncertainty[] = baseCards.map((c, u) => {
    let n = 0;
    let sum = 0;
    for (let d = 0; d < draws; d++) {
      const r = R[d * U + u]!;
      if (r > 0) {
        col[n++] = r;
        sum += r;
      }
    }
    const ranks = col.slice(0, n).sort();
    const mean = n ? sum / n : 0;
    const drivers: RankDriver[] = [];
    if (n === draws && n > 1) {
      let rq = 0;
      for (let d = 0; d < draws; d++) rq += (R[d * U + u]! - mean) ** 2;
      const rSd = Math.sqrt(rq);
      for (const f of varied) {
        let cov = 0;
        for (let d = 0; d < draws; d++) cov += (S[d * F + f]! - sMean[f]!) * (R[d * U + u]! - mean);
        const corr = rSd > 0 && sSd[f]! > 0 ? cov / (rSd * sSd[f]!) : 0;
        drivers.push({ field: roots[f]!, title: rootNodes[f]!.title, corr: r3(corr), share: r3(corr * corr) });
      }
      drivers.sort((a, b) => b.share - a.share || cmpId(a.field, b.field));
    }
    const optionMeans: Record<string, Record<string, number | null>> = {};
    options.forEach((o, k) => {
      if (o.values.length < 2) return;
      const acc = o.values.map(() => ({ s: 0, n: 0 }));
      for (let d = 0; d < draws; d++) {
        const r = R[d * U + u]!;
        if (r > 0) {
          const a = acc[choice[k]![d]!]!;
          a.s += r;
          a.n += 1;
        }
      }
      optionMeans[o.key] = Object.fromEntries(o.values.map((val, i) => [String(val), acc[i]!.n ? r2(acc[i]!.s / acc[i]!.n) : null]));
    });
    const pc = plainById.get(c.unit.id)!;
    return {
      id: c.unit.id,
      name: c.unit.name,
      group: groupOf(c, spec.groupBy),
      rank: pc.rank,
      rankOf: pc.rankOf,
      index: c.index,
      median: n ? median(ranks, 0.5) : null,
      p05: n ? median(ranks, 0.05) : null,
      p95: n ? median(ranks, 0.95) : null,
      min: n ? ranks[0]! : null,
      max: n ? ranks[n - 1]! : null,
      mean: n ? r2(mean) : null,
      drivers,
      options: optionMeans,
    };
  });
  units.sort((a, b) => cmpId(a.group, b.group) || (a.rank ?? Infinity) - (b.rank ?? Infinity) || cmpId(a.id, b.id));
  return deepFreeze({
    criteria: { id: set.id, version: set.version, hash: set.hash },
    seed,
    draws,
    weights: rootNodes.map((n, f) => ({ field: n.id, title: n.title, low: lo[f]!, high: hi[f]! })),
    options: Object.fromEntries(options.map((o) => [o.key, [...o.values]])),
    groupBy: spec.groupBy ?? null,
    evaluations: variants.size,
    method: {
      percentiles: 'nearest-rank over the draws: p05, median and p95 are ranks some draw gave',
      drivers:
        "Pearson correlation of each varied field's weight factor with the unit's rank over the draws; share = corr² (weights are drawn independently)",
    },
    units,
  });
}

/**
 * Rank uncertainty of a criteria set's units: scores the evidence once (or takes `opts.cards`, the set's cards
 * already scored), and once more per distinct scoring option value drawn, then draws `draws` scenarios from the
 * spec with the seed, re-ranks every unit in each, and summarises each unit's rank. Throws {@link ParIndexError}
 * (`uncertainty.invalid`) for a spec naming a field the set lacks, or a drawn option the set cannot be scored
 * with; `scores.mixed-criteria` for cards of another set.
 *
 * @example
 * ```ts
 * const r = rankUncertainty(set, evidence, loadUncertaintySpec(specYaml), { draws: 1000, seed: 42 });
 * r.units.map((u) => `${u.name}: ${u.median} [${u.p05}–${u.p95}] driven by ${u.drivers[0]?.field}`);
 * ```
 */
export function rankUncertainty(
  set: CriteriaSet,
  evidence: Evidence,
  spec: UncertaintySpec = DEFAULT_UNCERTAINTY_SPEC,
  opts: UncertaintyOptions = {},
): UncertaintyResult {
  const evalOpts: EvaluateOptions = {
    trace: false,
    ...(opts.units ? { units: opts.units } : {}),
    ...(opts.lenient ? { lenient: true } : {}),
  };
  const plain = opts.cards ? plainRanking(set, ownCards(set, opts.cards), spec) : score(set, evidence, { ...evalOpts, ...groupOpt(spec) });
  return run(
    set,
    plain,
    (r) => {
      try {
        // Only the points of each variant are read: the draws rank them.
        return evaluate(set, evidence, { ...evalOpts, rounding: r });
      } catch (e) {
        if (e instanceof ParIndexError)
          throw new ParIndexError(
            e.issues.map((i) =>
              issue(
                'uncertainty.invalid',
                'error',
                ['options'],
                `the set cannot be scored with rounding precision ${r.precision}, mode ${r.mode}, stage ${r.stage}: ${i.message}`,
                `không chấm được với làm tròn ${r.precision} chữ số, cách ${r.mode}, cấp ${r.stage}: ${i.messageVi}`,
              ),
            ),
          );
        throw e;
      }
    },
    spec,
    opts,
  );
}

const groupOpt = (spec: UncertaintySpec): { groupBy?: string } => (spec.groupBy !== undefined ? { groupBy: spec.groupBy } : {});

/** The plain ranking: the set's own rule, within the spec's groups. */
function plainRanking(set: CriteriaSet, cards: readonly ScoreCard[], spec: UncertaintySpec): Ranking {
  return rank(cards, set.ranking, groupOpt(spec));
}

/** The cards, refused unless every one was scored with `set` (their hash names the set). */
function ownCards(set: CriteriaSet, cards: readonly ScoreCard[]): readonly ScoreCard[] {
  const wrong = cards.find((c) => c.criteria.hash !== set.hash);
  if (wrong)
    throw new ParIndexError([
      issue(
        'scores.mixed-criteria',
        'error',
        [],
        `card of ${wrong.unit.id} was scored with ${wrong.criteria.id} ${wrong.criteria.version}, not with ${set.id} ${set.version}`,
        `phiếu của ${wrong.unit.id} chấm theo ${wrong.criteria.id} ${wrong.criteria.version}, không phải ${set.id} ${set.version}`,
        { unit: wrong.unit.id },
      ),
    ]);
  return cards;
}

/**
 * Rank uncertainty from score cards already computed (e.g. read from a score file): weights, index rounding and
 * ranking options are drawn as in {@link rankUncertainty}; options that change scoring (`rounding.precision`,
 * `rounding.mode`, `rounding.stage`) need the evidence and are refused here.
 *
 * @example
 * ```ts
 * const r = uncertaintyFromCards(set, evaluate(set, evidence, { trace: false }), DEFAULT_UNCERTAINTY_SPEC, { seed: 7 });
 * ```
 */
export function uncertaintyFromCards(
  set: CriteriaSet,
  cards: readonly ScoreCard[],
  spec: UncertaintySpec = DEFAULT_UNCERTAINTY_SPEC,
  opts: UncertaintyOptions = {},
): UncertaintyResult {
  for (const k of ['rounding.precision', 'rounding.mode', 'rounding.stage'] as const) {
    const vals = spec.options?.[k] as readonly unknown[] | undefined;
    if (
      vals &&
      vals.some(
        (v) => v !== (k === 'rounding.precision' ? set.rounding.precision : k === 'rounding.mode' ? set.rounding.mode : set.rounding.stage),
      )
    ) {
      throw new ParIndexError([
        issue(
          'uncertainty.invalid',
          'error',
          ['options', k],
          `option ${k} changes how points are scored: it needs the evidence (use rankUncertainty)`,
          `tùy chọn ${k} thay đổi cách chấm điểm: cần minh chứng (dùng rankUncertainty)`,
        ),
      ]);
    }
  }
  return run(set, plainRanking(set, ownCards(set, cards), spec), () => cards, spec, opts);
}
