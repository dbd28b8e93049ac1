/**
 * Rule kind `relative` (so với các đơn vị cùng chấm): points by how a unit's value compares with a statistic of
 * the units scored together — "at or above the city's average → 2 points, below → 0", "among the 3 best → 1".
 * The statistic (mean, median, percentile, best, worst, or the unit's rank) is computed by the engine over every
 * unit of the run, or of a declared group, before any leaf is scored; the rule only compares.
 * @module
 */
import { z } from 'zod';
import { Exact } from '../core/exact.js';
import type { Issue } from '../core/errors.js';
import { fmt, t, viNum, type Text } from '../core/text.js';
import { Id, Num } from '../core/zod-helpers.js';
import { pushAll } from '../core/lists.js';
import { checkRowPoints, missingOutcome, ruleIssue } from './common.js';
import type { Explanation, LeafOutcome, PopulationNeed, PopulationRecord, RuleKind, TraceStep } from './types.js';

/** The statistics a relative rule compares with. */
export const STATISTICS = ['mean', 'median', 'percentile', 'best', 'worst', 'rank'] as const;

/** Which units form the population: every unit scored together, or those sharing an attribute's value. */
const Population = z.union([
  z.literal('all'),
  z.strictObject({
    /** The unit attribute (evidence `attributes:`) whose value groups the units, e.g. `loai` for xã / phường. */
    by: z.string().min(1),
  }),
]);

/** One row: a comparison with the statistic (or, for a rank, the places it covers) and the points it gives. */
const RelativeRow = z.strictObject({
  /** The unit's value is at or above the statistic. */
  atOrAbove: z.literal(true).optional(),
  /** Strictly above. */
  above: z.literal(true).optional(),
  /** At or below. */
  atOrBelow: z.literal(true).optional(),
  /** Strictly below. */
  below: z.literal(true).optional(),
  /** With `statistic: rank`: the unit's rank is at most this (1 = the best). */
  rankAtMost: z.number().int().min(1).optional(),
  /** Points awarded when the row holds. */
  points: Num,
  /** How the row is named in the decision. */
  label: z.string().optional(),
});
type RelativeRow = z.output<typeof RelativeRow>;

export const RelativeParams = z.strictObject({
  /** Points by comparison with the units scored together. */
  kind: z.literal('relative'),
  /** The unit's value compared: a declared measure. */
  measure: Id,
  /** The statistic of the population: mean, median, percentile (with `p`), best, worst, or the unit's rank. */
  statistic: z.enum(STATISTICS),
  /** With `percentile`: which one, 0–100 (linear interpolation between ranks, as Excel's PERCENTILE.INC). */
  p: Num.optional(),
  /** Which units form the population; required (`check` refuses a rule without it). */
  population: Population.optional(),
  /** Whether a higher or a lower value is better; required for best, worst and rank. */
  better: z.enum(['higher', 'lower']).optional(),
  /** Points by comparison, the first row that holds wins; the last row has no condition. */
  rows: z.array(RelativeRow).min(1),
  /** The fewest units a population may have (default 2): fewer is an error, never a self-comparison. */
  minPopulation: z.number().int().min(2).optional(),
});
export type RelativeParams = z.output<typeof RelativeParams>;

const COMPARISONS = ['atOrAbove', 'above', 'atOrBelow', 'below'] as const;
type Comparison = (typeof COMPARISONS)[number];

/** The condition keys a row writes. */
function conditionsOf(r: RelativeRow): (Comparison | 'rankAtMost')[] {
  const out: (Comparison | 'rankAtMost')[] = COMPARISONS.filter((k) => r[k] === true);
  if (r.rankAtMost !== undefined) out.push('rankAtMost');
  return out;
}

/** Whether a row holds for value x against statistic s (for a rank, s is the unit's rank). */
function holds(r: RelativeRow, x: Exact, s: Exact): boolean {
  if (r.rankAtMost !== undefined) return s.lte(Exact.of(r.rankAtMost));
  if (r.atOrAbove) return x.gte(s);
  if (r.above) return x.gt(s);
  if (r.atOrBelow) return x.lte(s);
  if (r.below) return x.lt(s);
  return true;
}

const SYMBOL: Record<Comparison, string> = { atOrAbove: '≥', above: '>', atOrBelow: '≤', below: '<' };

/** The statistic's name in both languages. */
function statisticName(p: RelativeParams): Text {
  switch (p.statistic) {
    case 'mean':
      return t('trung bình', 'mean');
    case 'median':
      return t('trung vị', 'median');
    case 'percentile':
      return t(`phân vị ${viNum(p.p ?? 0)}`, `percentile ${p.p ?? 0}`);
    case 'best':
      return t('giá trị tốt nhất', 'best value');
    case 'worst':
      return t('giá trị kém nhất', 'worst value');
    case 'rank':
      return t('thứ hạng', 'rank');
  }
}

/**
 * The p-th percentile of values sorted ascending, by linear interpolation between closest ranks (R type 7,
 * Excel's PERCENTILE.INC): h = (n − 1) × p ÷ 100; x[⌊h⌋] + (h − ⌊h⌋) × (x[⌊h⌋ + 1] − x[⌊h⌋]), 0-based. Exact.
 */
export function percentile(sorted: readonly Exact[], p: Exact): Exact {
  const h = Exact.of(sorted.length - 1)
    .mul(p)
    .div(Exact.HUNDRED);
  const k = h.round(0, 'down');
  const i = k.toNumber();
  const lo = sorted[i]!;
  const hi = sorted[Math.min(i + 1, sorted.length - 1)]!;
  return lo.add(h.sub(k).mul(hi.sub(lo)));
}

/** The median: the middle value, or the mean of the two middle values of an even count. */
export function median(sorted: readonly Exact[]): Exact {
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[mid]! : sorted[mid - 1]!.add(sorted[mid]!).div(Exact.of(2));
}

/** The index of the first value > x in ascending values (their length when none is). */
function firstAbove(xs: readonly Exact[], x: Exact): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]!.gt(x)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The index of the first value ≥ x in ascending values (their length when none is). */
function firstAtOrAbove(xs: readonly Exact[], x: Exact): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]!.gte(x)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The statistic of a population's values, sorted ascending (a rank: of `own` among them, competition ranking). */
function statisticOf(p: RelativeParams): PopulationNeed['statistic'] {
  const higher = p.better !== 'lower';
  switch (p.statistic) {
    case 'mean':
      return (xs) => xs.reduce((s, x) => s.add(x), Exact.ZERO).div(Exact.of(xs.length));
    case 'median':
      return (xs) => median(xs);
    case 'percentile': {
      const q = Exact.of(p.p ?? 0);
      return (xs) => percentile(xs, q);
    }
    case 'best':
      return (xs) => (higher ? xs[xs.length - 1]! : xs[0]!);
    case 'worst':
      return (xs) => (higher ? xs[0]! : xs[xs.length - 1]!);
    case 'rank':
      // Competition ranking (1, 2, 2, 4): one more than the number of units strictly better, found by bisection
      // in the sorted values (a rank per unit over thousands of units stays n log n).
      return (xs, own) => Exact.of(1 + (higher ? xs.length - firstAbove(xs, own) : firstAtOrAbove(xs, own)));
  }
}

/** Up to this many unit ids are named in a step; the trace's input lists them all. */
const NAMED = 20;

function unitList(ids: readonly string[]): string {
  return ids.length <= NAMED ? ids.join(', ') : `${ids.slice(0, NAMED).join(', ')} … (+${ids.length - NAMED})`;
}

/** The population's description: "12 units scored together" or "8 units with loai = xa". */
function populationText(pop: PopulationRecord): Text {
  return pop.by === undefined
    ? t(`${pop.size} đơn vị cùng chấm`, `${pop.size} units scored together`)
    : t(`${pop.size} đơn vị có ${pop.by} = ${String(pop.group)}`, `${pop.size} units with ${pop.by} = ${String(pop.group)}`);
}

/** A row's condition as text: "≥ mean 87.35", "rank ≤ 3", "any value". */
function rowText(r: RelativeRow, stat: Text, s: Exact): Text {
  if (r.rankAtMost !== undefined) return t(`thứ hạng ≤ ${r.rankAtMost}`, `rank ≤ ${r.rankAtMost}`);
  const c = COMPARISONS.find((k) => r[k] === true);
  if (c === undefined) return t('mọi giá trị', 'any value');
  return t(`${SYMBOL[c]} ${stat.vi} ${fmt(s, 'vi')}`, `${SYMBOL[c]} ${stat.en} ${fmt(s)}`);
}

export const relativeRule: RuleKind<RelativeParams> = {
  kind: 'relative',
  schema: RelativeParams,
  title: t('so với các đơn vị cùng chấm', 'relative to peers'),
  reads: (p) => ({ measures: [p.measure] }),
  check(p, ctx) {
    const out: Issue[] = [];
    if (p.population === undefined) {
      out.push(
        ruleIssue(
          ctx,
          'schema.required',
          ['population'],
          'a relative rule needs population: all (every unit scored together) or { by: <attribute> } (the units sharing its value)',
          'quy tắc so sánh cần population: all (mọi đơn vị cùng chấm) hoặc { by: <thuộc tính> } (các đơn vị cùng giá trị thuộc tính)',
        ),
      );
    }
    if (p.statistic === 'percentile') {
      if (p.p === undefined)
        out.push(ruleIssue(ctx, 'schema.required', ['p'], 'statistic: percentile needs p (0–100)', 'statistic: percentile cần p (0–100)'));
      else if (p.p < 0 || p.p > 100)
        out.push(
          ruleIssue(ctx, 'criteria.threshold-range', ['p'], `p ${p.p} must be in [0, 100]`, `p = ${viNum(p.p)} phải trong khoảng [0, 100]`),
        );
    } else if (p.p !== undefined) {
      out.push(
        ruleIssue(ctx, 'schema.invalid-value', ['p'], 'p applies only to statistic: percentile', 'p chỉ dùng với statistic: percentile'),
      );
    }
    if (p.better === undefined && (p.statistic === 'best' || p.statistic === 'worst' || p.statistic === 'rank')) {
      out.push(
        ruleIssue(
          ctx,
          'schema.required',
          ['better'],
          `statistic: ${p.statistic} needs better: higher or lower (which values are better)`,
          `statistic: ${p.statistic} cần better: higher hoặc lower (giá trị nào tốt hơn)`,
        ),
      );
    }
    const reachable: RelativeRow[] = [];
    p.rows.forEach((r, i) => {
      const conds = conditionsOf(r);
      const last = i === p.rows.length - 1;
      if (conds.length > 1)
        out.push(
          ruleIssue(
            ctx,
            'schema.invalid-value',
            ['rows', i],
            `a row has one condition, not ${conds.join(' and ')}`,
            `mỗi mức có một điều kiện, không phải ${conds.join(' và ')}`,
          ),
        );
      else if (conds.length === 0 && !last)
        out.push(
          ruleIssue(
            ctx,
            'criteria.band-order',
            ['rows', i],
            'a row without a condition holds for every unit: only the last row may have none',
            'mức không có điều kiện đúng với mọi đơn vị: chỉ mức cuối cùng được không có điều kiện',
          ),
        );
      else if (conds.length === 1 && last)
        out.push(
          ruleIssue(
            ctx,
            'criteria.bands-gap',
            ['rows', i],
            'the last row must have no condition, so every unit gets the points of a row the set writes',
            'mức cuối cùng không được có điều kiện, để mọi đơn vị đều được chấm theo một mức của bộ tiêu chí',
          ),
        );
      const c = conds[0];
      if (c === 'rankAtMost' && p.statistic !== 'rank')
        out.push(
          ruleIssue(
            ctx,
            'schema.invalid-value',
            ['rows', i, 'rankAtMost'],
            'rankAtMost is for statistic: rank',
            'rankAtMost chỉ dùng với statistic: rank',
          ),
        );
      else if (c !== undefined && c !== 'rankAtMost' && p.statistic === 'rank')
        out.push(
          ruleIssue(
            ctx,
            'schema.invalid-value',
            ['rows', i, c],
            `statistic: rank compares the rank: write rankAtMost, not ${c}`,
            `statistic: rank so sánh thứ hạng: dùng rankAtMost, không dùng ${c}`,
          ),
        );
      if (!neverHolds(p, c)) reachable.push(r);
    });
    pushAll(out, checkRowPoints(p.rows, ctx, ['rows']));
    // A row past the extreme (above the best of higher-is-better values) never holds: it cannot award the max.
    const best = reachable.reduce<Exact | undefined>(
      (m, r) => (m === undefined || Exact.of(r.points).gt(m) ? Exact.of(r.points) : m),
      undefined,
    );
    const bestAll = p.rows.reduce((m, r) => m.max(Exact.of(r.points)), Exact.ZERO);
    if (!bestAll.lt(ctx.max) && (best === undefined || best.lt(ctx.max)))
      out.push(
        ruleIssue(
          ctx,
          'criteria.rule-cannot-reach-max',
          ['rows'],
          `no unit can be ${p.better === 'lower' ? 'below' : 'above'} the ${p.statistic} value of its population: the rows giving the max ${ctx.max.toString()} never hold`,
          `không đơn vị nào có thể ${p.better === 'lower' ? 'thấp hơn' : 'cao hơn'} ${statisticName(p).vi} của nhóm: mức cho điểm tối đa ${fmt(ctx.max, 'vi')} không bao giờ xảy ra`,
        ),
      );
    return out;
  },
  population(p) {
    return {
      measure: p.measure,
      by: p.population !== undefined && p.population !== 'all' ? p.population.by : undefined,
      minPopulation: p.minPopulation ?? 2,
      perUnit: p.statistic === 'rank',
      statistic: statisticOf(p),
    };
  },
  compile(p, ctx) {
    const max = ctx.max;
    const stat = statisticName(p);
    const rows = p.rows.map((r) => ({ r, points: Exact.of(r.points) }));
    return (ev, trace): LeafOutcome => {
      const m = ev.measure(p.measure);
      if (!m) return missingOutcome([p.measure], trace);
      const pop = ev.population?.(ctx.nodeId);
      if (!pop) {
        // Scored alone (one unit, a scorer called directly): no statistic of peers, never one of the unit itself.
        const why = {
          code: 'eval.population-alone' as const,
          ...t(
            `${ctx.nodeId} so sánh với ${stat.vi} của các đơn vị cùng chấm, nhưng đơn vị được chấm một mình: không có nhóm để so sánh`,
            `${ctx.nodeId} compares with the ${stat.en} of the units scored together, but the unit is scored alone: no population to compare with`,
          ),
        };
        const out: LeafOutcome = { status: 'missing', points: Exact.ZERO, missing: ['population'], warnings: [why] };
        return trace ? { ...out, explain: () => ({ steps: [t(why.vi, why.en)], lost: [t(why.vi, why.en)] }) } : out;
      }
      const x = m.value;
      const s = pop.value;
      const hit = rows.find((row) => holds(row.r, x, s));
      const points = hit ? hit.points : Exact.ZERO;
      if (!trace) return { status: 'scored', points };
      const explain = (): Explanation => {
        const who = populationText(pop);
        const steps: TraceStep[] = [
          p.statistic === 'rank'
            ? {
                vi: `thứ hạng theo ${p.measure} trong ${who.vi} (${unitList(pop.members)}); ${p.better === 'lower' ? 'thấp hơn là tốt hơn' : 'cao hơn là tốt hơn'}, đồng hạng 1, 2, 2, 4`,
                en: `rank by ${p.measure} among ${who.en} (${unitList(pop.members)}); ${p.better === 'lower' ? 'lower is better' : 'higher is better'}, ties 1, 2, 2, 4`,
                calc: `${fmt(x)} → ${fmt(s)}`,
              }
            : {
                vi: `${stat.vi} của ${p.measure} trên ${who.vi} (${unitList(pop.members)})${p.statistic === 'percentile' ? ', nội suy tuyến tính như PERCENTILE.INC' : ''}`,
                en: `${stat.en} of ${p.measure} over ${who.en} (${unitList(pop.members)})${p.statistic === 'percentile' ? ', linear interpolation as PERCENTILE.INC' : ''}`,
                calc: `= ${fmt(s)}`,
              },
        ];
        if (pop.without.length)
          steps.push(
            t(
              `không thuộc nhóm (thiếu ${p.measure}): ${unitList(pop.without)}`,
              `not in the population (no ${p.measure}): ${unitList(pop.without)}`,
            ),
          );
        // The row that held, as the comparison it made: "kq = 90 ≥ mean 85"; the last row: none above held.
        const cond = hit && conditionsOf(hit.r).length ? rowText(hit.r, stat, s) : undefined;
        const own =
          p.statistic === 'rank'
            ? t(`${p.measure} = ${fmt(x, 'vi')}, hạng ${fmt(s, 'vi')}`, `${p.measure} = ${fmt(x)}, rank ${fmt(s)}`)
            : t(`${p.measure} = ${fmt(x, 'vi')}`, `${p.measure} = ${fmt(x)}`);
        steps.push(
          cond
            ? { vi: `${own.vi}: ${cond.vi}`, en: `${own.en}: ${cond.en}`, calc: `→ ${fmt(points)}` }
            : {
                vi: `${own.vi}: không mức nào ở trên đạt (${stat.vi} ${fmt(s, 'vi')}) → mức cuối`,
                en: `${own.en}: no row above holds (${stat.en} ${fmt(s)}) → the last row`,
                calc: `→ ${fmt(points)}`,
              },
        );
        if (!points.lt(max)) return { steps };
        const better = rows.find((row) => row.points.gt(points));
        const lost = better
          ? t(
              `chưa đạt ${rowText(better.r, stat, s).vi} (${viNum(better.r.points)} điểm)`,
              `not ${rowText(better.r, stat, s).en} (${better.r.points} points)`,
            )
          : t('chưa đạt mức tối đa', 'below the top row');
        return { steps, lost: [lost] };
      };
      return { status: 'scored', points, explain };
    };
  },
};

/** Whether a row's comparison can never hold: past the extreme value the statistic is. */
function neverHolds(p: RelativeParams, c: Comparison | 'rankAtMost' | undefined): boolean {
  if (p.statistic !== 'best' && p.statistic !== 'worst') return false;
  // The extreme is the population's maximum for best-of-higher and worst-of-lower, its minimum otherwise.
  const isMax = (p.statistic === 'best') === (p.better !== 'lower');
  return isMax ? c === 'above' : c === 'below';
}
