/**
 * Satisfaction indices (chỉ số hài lòng) from a tally: per item, group (yếu tố / nội dung), part (services,
 * policy) and overall, by the questionnaire's declared options; perception (nhận định) and expectation
 * (mong đợi) shares; valid n per item; and an interval beside every index.
 *
 * Indices are exact rationals (so a published figure can be reproduced to the last digit), rounded where the
 * questionnaire's `rounding.stage` says. Intervals are floats.
 *
 * The interval of an aggregate (a group, a part, the overall index) is built as if the aggregate were one share
 * observed on n_min respondents, the smallest valid n (or effective n) among the items it averages. Whatever
 * the correlation between a respondent's answers, the variance of a mean (or pooled ratio) of shares with
 * variances p_i(1 − p_i)/n_i is at most p̄(1 − p̄)/n_min (Cauchy–Schwarz, then Jensen on the concave
 * √(p(1 − p))), so this interval is conservative: never narrower than the data support.
 * @module
 */
import { issue, type Issue } from '../core/errors.js';
import { deepFreeze } from '../core/document.js';
import { Exact } from '../core/exact.js';
import { clopperPearson, kornGraubard, wilson, type Interval, type IntervalMethod } from './interval.js';
import { layoutOf, type ItemLayout } from './layout.js';
import type { Questionnaire } from './questionnaire.js';
import { ROUNDING_STAGES, type Measure, type Part, type RoundingStage } from './schema.js';
import { pooledFrom, poolUnits } from './tally-merge.js';
import type { Tally, UnitTally } from './tally.js';
import type { GroupResult, IndexValue, ItemCounts, ItemResult, OptionShare, SipasResult, UnitResult } from './result.js';
import { minOf } from '../core/lists.js';

/**
 * Options of {@link computeIndices}.
 *
 * @example `computeIndices(q, tally, { interval: 'wilson', level: 0.9 })`
 */
export interface IndexOptions {
  /** Override the questionnaire's unweighted interval method. */
  interval?: 'wilson' | 'clopper-pearson';
  /** Override the interval level (default the questionnaire's). */
  level?: number;
}

/** A value on its way up: the share used (exact, in %), the smallest n and effective n below it. */
interface Agg {
  readonly pct: Exact;
  /** The same aggregate of unrounded values: intervals describe the estimate, not its printed rounding. */
  readonly raw: Exact;
  readonly n: number;
  readonly nEff: number;
}

const stageIndex = (s: RoundingStage) => ROUNDING_STAGES.indexOf(s);

/**
 * Computes every index of every unit of a tally.
 *
 * @example
 * ```ts
 * const r = computeIndices(q, tally);
 * r.units[0].overall?.value; // 90.1
 * r.units[0].groups.find((g) => g.id === 'cong-chuc')?.satisfaction?.value; // 93.1
 * ```
 */
export function computeIndices(q: Questionnaire, tally: Tally, opts: IndexOptions = {}): SipasResult {
  if (tally.questionnaire.hash !== q.hash)
    throw new RangeError(`tally of ${tally.questionnaire.id} ${tally.questionnaire.version} given with questionnaire ${q.id} ${q.version}`);
  const o = q.options;
  const method: IntervalMethod = tally.weighted ? 'korn-graubard' : (opts.interval ?? o.interval.method);
  const level = opts.level ?? o.interval.level;
  const ctx: Ctx = { q, weighted: tally.weighted, method, level, stage: stageIndex(o.rounding.stage) };
  // A tally pooled from several units, under a questionnaire whose figure over units is the mean of the units'
  // indices: each unit is computed on its own, then averaged (the respondent pool would be another figure).
  const source = o.units?.method === 'mean-of-units' ? pooledFrom(tally) : undefined;
  const units = source
    ? Object.keys(tally.units).map((id) =>
        meanOfUnits(
          ctx,
          Object.entries(source.units).map(([uid, u]) => unitIndices(ctx, uid, u)),
          id,
        ),
      )
    : Object.entries(tally.units).map(([id, u]) => unitIndices(ctx, id, u));
  return deepFreeze({
    format: 'par-index/sipas-result@1',
    questionnaire: { id: q.id, version: q.version, hash: q.hash, title: q.title },
    weighted: tally.weighted,
    method: {
      noOpinion: o.noOpinion.treatment,
      group: o.group.method,
      part: o.part.method,
      overall: o.overall.method,
      units: o.units?.method ?? 'pooled',
      rounding: { stage: o.rounding.stage, precision: o.rounding.precision, mode: o.rounding.mode },
      interval: { method, level, precision: o.interval.precision },
    },
    unverified: [...q.unverified],
    assumptions: structuredClone([...q.provenanceReport.assumptions]),
    units,
  });
}

/**
 * The figure over several units by the questionnaire's `units` option: the indices of all their respondents
 * pooled, or the mean of the units' indices (each unit's values rounded first where the rounding stage says).
 *
 * @example `combineUnits(q, tally).units[0].overall?.value // the national figure from the provinces' tallies`
 */
export function combineUnits(q: Questionnaire, tally: Tally, opts: IndexOptions & { id?: string } = {}): SipasResult {
  return computeIndices(q, poolUnits(tally, opts.id ?? '*'), opts);
}

interface Ctx {
  readonly q: Questionnaire;
  readonly weighted: boolean;
  readonly method: IntervalMethod;
  readonly level: number;
  readonly stage: number;
}

/** Rounds a value in % when its level is at or above the rounding stage. */
function used(ctx: Ctx, levelName: RoundingStage, pct: Exact): Exact {
  const r = ctx.q.options.rounding;
  return stageIndex(levelName) >= ctx.stage ? pct.round(r.precision, r.mode) : pct;
}

function floorTo(x: number, d: number): number {
  const f = 10 ** d;
  return Math.floor(x * f + 1e-9) / f;
}
function ceilTo(x: number, d: number): number {
  const f = 10 ** d;
  return Math.ceil(x * f - 1e-9) / f;
}

/** Builds the printed index from an aggregate and its interval (computed on the 0–1 scale). */
function indexValue(ctx: Ctx, a: Agg, iv: Interval): IndexValue {
  const r = ctx.q.options.rounding;
  const ip = ctx.q.options.interval.precision;
  const value = a.pct.round(r.precision, r.mode).toNumber();
  // Outward rounding keeps the printed interval around the printed value.
  const low = Math.min(floorTo(iv.low * 100, ip), value);
  const high = Math.max(ceilTo(iv.high * 100, ip), value);
  return {
    value,
    exact: a.pct.toRatio(),
    n: a.n,
    ...(ctx.weighted ? { nEff: Number(a.nEff.toFixed(4)) } : {}),
    low,
    high,
    interval: iv.method,
    level: iv.level,
  };
}

function aggInterval(ctx: Ctx, a: Agg): Interval {
  const p = a.raw.toNumber() / 100;
  if (ctx.weighted) return clopperPearson(p * a.nEff, a.nEff, ctx.level, 'korn-graubard');
  return ctx.method === 'wilson' ? wilson(p * a.n, a.n, ctx.level) : clopperPearson(p * a.n, a.n, ctx.level);
}

interface ItemWork {
  readonly layout: ItemLayout;
  readonly result: ItemResult;
  /** Raw sums for pooling (weighted: in weight units, exact at any size). */
  readonly sat: bigint;
  readonly base: bigint;
  readonly agg?: Agg;
}

function unitIndices(ctx: Ctx, unit: string, u: UnitTally): UnitResult {
  const { q } = ctx;
  const layout = layoutOf(q);
  const warnings: Issue[] = [];
  const noOpinionCounts = q.options.noOpinion.treatment === 'unsatisfied';
  const work: ItemWork[] = layout.items.map((it) => {
    let satisfied = 0;
    let valid = 0;
    let noOpinion = 0;
    let notApplicable = 0;
    let blank = 0;
    // Weight sums are exact integers of any size (see tally.ts); only the interval reads them as floats.
    let wSat = 0n;
    let wValid = 0n;
    let w2Sat = 0n;
    let w2Other = 0n;
    const byCode: Record<string, number> = {};
    it.codes.forEach((code, k) => {
      const c = u.counts[it.offset + k]!;
      const kind = it.kinds[k]!;
      if (kind === 'blank') blank += c;
      else byCode[String(code)] = c;
      if (kind === 'no-opinion') noOpinion += c;
      if (kind === 'not-applicable') notApplicable += c;
      const inBase = kind === 'level' || (kind === 'no-opinion' && noOpinionCounts);
      if (!inBase) return;
      valid += c;
      if (it.satisfied[k]) satisfied += c;
      if (ctx.weighted) {
        const w = BigInt(u.weights![it.offset + k]!);
        const w2 = BigInt(u.weights2![it.offset + k]!);
        wValid += w;
        if (it.satisfied[k]) {
          wSat += w;
          w2Sat += w2;
        } else w2Other += w2;
      }
    });
    const counts: ItemCounts = { satisfied, valid, noOpinion, notApplicable, blank, byCode };
    const sat = ctx.weighted ? wSat : BigInt(satisfied);
    const base = ctx.weighted ? wValid : BigInt(valid);
    const weighted = {
      satisfied: Number(wSat),
      valid: Number(wValid),
      satisfiedExact: wSat.toString(),
      validExact: wValid.toString(),
    };
    const shares = it.measure === 'perception' || !it.indexed ? optionShares(ctx, it, u, valid, base) : undefined;
    // What every item's result starts with, whether it then has an index, option shares, or neither.
    const head = {
      id: it.id,
      group: it.group,
      measure: it.measure,
      counts,
      ...(ctx.weighted ? { weighted } : {}),
    };
    if (!it.indexed && valid > 0 && base > 0n) {
      // A categorical question without "satisfied" levels: its result is the share of each option, no index.
      return {
        layout: it,
        sat,
        base,
        result: { ...head, ...(shares ? { shares } : {}) },
      };
    }
    if (valid === 0 || base === 0n) {
      warnings.push(
        issue(
          'sipas.no-valid-answer',
          'warning',
          ['items', it.id],
          `item "${it.id}" has no valid answer in unit "${unit}": it has no index and is left out of the aggregates above it`,
          `câu hỏi "${it.id}" không có câu trả lời hợp lệ ở đơn vị "${unit}": không có chỉ số và không được tính vào các chỉ số tổng hợp`,
          { unit },
        ),
      );
      return {
        layout: it,
        sat,
        base,
        result: { ...head },
      };
    }
    // Weights are whole units of 10^-decimals on both sides of the ratio, so the ratio is exact.
    const share = Exact.ratio(sat, base);
    const iv = ctx.weighted
      ? kornGraubard(
          { n: valid, wSatisfied: Number(wSat), wValid: Number(wValid), w2Satisfied: Number(w2Sat), w2Other: Number(w2Other) },
          ctx.level,
        )
      : ctx.method === 'wilson'
        ? wilson(satisfied, valid, ctx.level)
        : clopperPearson(satisfied, valid, ctx.level);
    const raw = share.mul(Exact.HUNDRED);
    const agg: Agg = { pct: used(ctx, 'item', raw), raw, n: valid, nEff: ctx.weighted ? iv.n : valid };
    const index = indexValue(ctx, { ...agg, pct: raw }, iv);
    return {
      layout: it,
      sat,
      base,
      agg,
      result: { ...head, index: { ...index, exact: agg.pct.toRatio() }, ...(shares ? { shares } : {}) },
    };
  });

  const mean = (xs: readonly Agg[]): Agg | undefined => {
    if (xs.length === 0) return undefined;
    let s = Exact.ZERO;
    let r = Exact.ZERO;
    for (const x of xs) {
      s = s.add(x.pct);
      r = r.add(x.raw);
    }
    const k = Exact.of(xs.length);
    return { pct: s.div(k), raw: r.div(k), n: minOf([...xs.map((x) => x.n)]), nEff: minOf([...xs.map((x) => x.nEff)]) };
  };
  const pooled = (ws: readonly ItemWork[]): Agg | undefined => {
    const live = ws.filter((w) => w.agg);
    if (live.length === 0) return undefined;
    let s = 0n;
    let b = 0n;
    for (const w of live) {
      s += w.sat;
      b += w.base;
    }
    const pct = Exact.ratio(s, b).mul(Exact.HUNDRED);
    return { pct, raw: pct, n: minOf([...live.map((w) => w.agg!.n)]), nEff: minOf([...live.map((w) => w.agg!.nEff)]) };
  };
  const aggregate = (ws: readonly ItemWork[], how: 'mean' | 'pooled', levelName: RoundingStage): Agg | undefined => {
    const a = how === 'pooled' ? pooled(ws) : mean(ws.filter((w) => w.agg).map((w) => w.agg!));
    return a ? { ...a, pct: used(ctx, levelName, a.pct) } : undefined;
  };
  const finish = (a: Agg | undefined, raw?: Agg): IndexValue | undefined =>
    a ? { ...indexValue(ctx, a, aggInterval(ctx, raw ?? a)), exact: a.pct.toRatio() } : undefined;

  const groupAgg = new Map<string, Agg | undefined>();
  const groups: GroupResult[] = q.groups.map((g) => {
    const inGroup = (m: Measure) => work.filter((w) => w.layout.group === g.id && w.layout.measure === m);
    const sats = inGroup('satisfaction');
    let satisfaction: Agg | undefined;
    if (sats.length > 0) {
      const gm = q.options.group.method;
      if (gm === 'overall-item') {
        const w = work.find((x) => x.layout.id === g.overallItem);
        satisfaction = w?.agg ? { ...w.agg, pct: used(ctx, 'group', w.agg.pct) } : undefined;
      } else satisfaction = aggregate(sats, gm === 'pooled' ? 'pooled' : 'mean', 'group');
      if (!satisfaction)
        warnings.push(
          issue(
            'sipas.no-valid-answer',
            'warning',
            ['groups', g.id],
            `group "${g.id}" has no satisfaction index in unit "${unit}" (no valid answer)`,
            `nhóm "${g.id}" không có chỉ số hài lòng ở đơn vị "${unit}" (không có câu trả lời hợp lệ)`,
            { unit },
          ),
        );
    }
    groupAgg.set(g.id, satisfaction);
    // Perception and expectation shares follow the group method, with "in general" items being satisfaction only.
    const how = q.options.group.method === 'pooled' ? 'pooled' : 'mean';
    const perception = aggregate(inGroup('perception'), how, 'group');
    const expectation = aggregate(inGroup('expectation'), how, 'group');
    const out: GroupResult = {
      id: g.id,
      ...(g.part !== undefined ? { part: g.part } : {}),
      kind: g.kind,
      title: g.title,
      ...(satisfaction ? { satisfaction: finish(satisfaction)! } : {}),
      ...(perception ? { perception: finish(perception)! } : {}),
      ...(expectation ? { expectation: finish(expectation)! } : {}),
    };
    return out;
  });

  const partAgg = (p: Part): Agg | undefined => {
    const gs = q.groups.filter((g) => g.part === p);
    const items = work.filter((w) => w.layout.measure === 'satisfaction' && gs.some((g) => g.id === w.layout.group));
    if (items.length === 0) return undefined;
    const pm = q.options.part.method;
    if (pm === 'mean-of-groups') {
      const a = mean(gs.map((g) => groupAgg.get(g.id)).filter((x): x is Agg => x !== undefined));
      return a ? { ...a, pct: used(ctx, 'part', a.pct) } : undefined;
    }
    return aggregate(items, pm === 'pooled' ? 'pooled' : 'mean', 'part');
  };
  const services = partAgg('services');
  const policy = partAgg('policy');
  let overall: Agg | undefined;
  const om = q.options.overall.method;
  if (om === 'mean-of-parts') {
    const a = services && policy ? mean([services, policy]) : undefined;
    overall = a ? { ...a, pct: used(ctx, 'overall', a.pct) } : undefined;
  } else {
    const p = om === 'services' ? services : policy;
    overall = p ? { ...p, pct: used(ctx, 'overall', p.pct) } : undefined;
  }
  if (!overall)
    warnings.push(
      issue(
        'sipas.no-valid-answer',
        'warning',
        ['overall'],
        `unit "${unit}" has no overall index (a part it needs has no valid answer)`,
        `đơn vị "${unit}" không có chỉ số chung (thiếu câu trả lời hợp lệ ở phần cần thiết)`,
        { unit },
      ),
    );
  return {
    unit,
    respondents: u.respondents,
    items: work.map((w) => w.result),
    groups,
    ...(services ? { services: finish(services)! } : {}),
    ...(policy ? { policy: finish(policy)! } : {}),
    ...(overall ? { overall: finish(overall)! } : {}),
    warnings,
  };
}

/** The share of each level of an item among its valid answers (weighted: of the weight), exactly. */
function optionShares(ctx: Ctx, it: ItemLayout, u: UnitTally, valid: number, base: bigint): OptionShare[] | undefined {
  if (valid === 0 || base === 0n) return undefined;
  const r = ctx.q.options.rounding;
  const labels = new Map(ctx.q.scales[it.scale]!.levels.map((l) => [l.code, l.label]));
  const out: OptionShare[] = [];
  it.codes.forEach((code, k) => {
    if (it.kinds[k] !== 'level') return;
    const count = ctx.weighted ? BigInt(u.weights![it.offset + k]!) : BigInt(u.counts[it.offset + k]!);
    const pct = Exact.ratio(count, base).mul(Exact.HUNDRED);
    out.push({
      code,
      label: labels.get(code) ?? String(code),
      count: Number(count),
      value: pct.round(r.precision, r.mode).toNumber(),
      exact: pct.toRatio(),
      n: valid,
    });
  });
  return out;
}

/**
 * One result over several units, each index the mean of the units' indices (as used, i.e. rounded where the
 * rounding stage says) over the units that have it. Counts are summed. The interval rests on k × n_min: the
 * units are independent samples, and the variance of a mean of k shares is at most p̄(1 − p̄)/(k · n_min).
 */
function meanOfUnits(ctx: Ctx, units: readonly UnitResult[], id: string): UnitResult {
  const mean = (vals: readonly (IndexValue | undefined)[]): IndexValue | undefined => {
    const xs = vals.filter((v): v is IndexValue => v !== undefined);
    if (xs.length === 0) return undefined;
    let sum = Exact.ZERO;
    for (const x of xs) sum = sum.add(Exact.fromRatio(x.exact)!);
    const pct = used(ctx, 'units', sum.div(Exact.of(xs.length)));
    const n = xs.length * minOf([...xs.map((x) => x.n)]);
    const agg: Agg = { pct, raw: pct, n, nEff: xs.length * minOf([...xs.map((x) => x.nEff ?? x.n)]) };
    return { ...indexValue(ctx, agg, aggInterval(ctx, agg)), exact: pct.toRatio() };
  };
  const first = units[0]!;
  const sumCounts = (cs: readonly ItemCounts[]): ItemCounts => {
    const byCode: Record<string, number> = {};
    for (const c of cs) for (const [k, v] of Object.entries(c.byCode)) byCode[k] = (byCode[k] ?? 0) + v;
    const add = (k: 'satisfied' | 'valid' | 'noOpinion' | 'notApplicable' | 'blank') => cs.reduce((t, c) => t + c[k], 0);
    return {
      satisfied: add('satisfied'),
      valid: add('valid'),
      noOpinion: add('noOpinion'),
      notApplicable: add('notApplicable'),
      blank: add('blank'),
      byCode,
    };
  };
  const items: ItemResult[] = first.items.map((it0, j) => {
    const its = units.map((u) => u.items[j]!);
    const index = mean(its.map((x) => x.index));
    const withShares = its.filter((x) => x.shares);
    let shares: OptionShare[] | undefined;
    if (withShares.length > 0) {
      const r = ctx.q.options.rounding;
      shares = withShares[0]!.shares!.map((s0, k) => {
        let sum = Exact.ZERO;
        for (const x of withShares) sum = sum.add(Exact.fromRatio(x.shares![k]!.exact)!);
        const pct = sum.div(Exact.of(withShares.length));
        return {
          code: s0.code,
          label: s0.label,
          count: withShares.reduce((t, x) => t + x.shares![k]!.count, 0),
          value: pct.round(r.precision, r.mode).toNumber(),
          exact: pct.toRatio(),
          n: withShares.reduce((t, x) => t + x.shares![k]!.n, 0),
        };
      });
    }
    return {
      id: it0.id,
      group: it0.group,
      measure: it0.measure,
      counts: sumCounts(its.map((x) => x.counts)),
      ...(index ? { index } : {}),
      ...(shares ? { shares } : {}),
    };
  });
  const groups: GroupResult[] = first.groups.map((g0, j) => {
    const gs = units.map((u) => u.groups[j]!);
    const satisfaction = mean(gs.map((g) => g.satisfaction));
    const perception = mean(gs.map((g) => g.perception));
    const expectation = mean(gs.map((g) => g.expectation));
    return {
      id: g0.id,
      ...(g0.part !== undefined ? { part: g0.part } : {}),
      kind: g0.kind,
      title: g0.title,
      ...(satisfaction ? { satisfaction } : {}),
      ...(perception ? { perception } : {}),
      ...(expectation ? { expectation } : {}),
    };
  });
  const services = mean(units.map((u) => u.services));
  const policy = mean(units.map((u) => u.policy));
  const overall = mean(units.map((u) => u.overall));
  return {
    unit: id,
    respondents: units.reduce((t, u) => t + u.respondents, 0),
    items,
    groups,
    ...(services ? { services } : {}),
    ...(policy ? { policy } : {}),
    ...(overall ? { overall } : {}),
    warnings: units.flatMap((u) => u.warnings),
  };
}
