/**
 * Confidence intervals for a share of satisfied answers (khoảng tin cậy): Wilson and Clopper–Pearson for
 * unweighted answers, and for weighted answers the Korn–Graubard interval on an effective sample size, as R's
 * `survey::svyciprop(method = "beta")` computes it for a one-stage weighted design.
 *
 * Intervals are statistics, not points: they run on floats. Beta and normal quantiles come from the @stdlib
 * packages (ports of Boost's incomplete-beta inverse; pure JavaScript, so this core still runs in a browser).
 * @module
 */
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/**
 * An interval on the 0–1 scale, with the sample size it rests on.
 *
 * @example `wilson(169, 200) // { low: 0.788…, high: 0.889…, method: 'wilson', level: 0.95, n: 200 }`
 */
export interface Interval {
  /** Low bound, as a share (0–1). */
  readonly low: number;
  /** High bound, as a share (0–1). */
  readonly high: number;
  /** The method used. */
  readonly method: IntervalMethod;
  /** The confidence level. */
  readonly level: number;
  /** The (effective) sample size used. */
  readonly n: number;
}

/**
 * Wilson score, Clopper–Pearson ("exact"), or Korn–Graubard (weighted, effective sample size).
 *
 * @example `const m: IntervalMethod = 'korn-graubard';`
 */
export type IntervalMethod = 'wilson' | 'clopper-pearson' | 'korn-graubard';

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`interval level must be in (0, 1), got ${level}`);
}

/**
 * Wilson score interval for x successes in n trials (x may be fractional, for an aggregate index). Equals
 * R's `prop.test(x, n, correct = FALSE)$conf.int`. Finite and inside [0, 1] at x = 0 and x = n; the whole
 * [0, 1] when n = 0.
 *
 * @example wilson(169, 200).low // 0.78820…
 */
export function wilson(x: number, n: number, level = 0.95): Interval {
  checkLevel(level);
  if (!(n > 0)) return { low: 0, high: 1, method: 'wilson', level, n: 0 };
  const p = Math.min(1, Math.max(0, x / n));
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At p = 0 (or 1) the bound is exactly 0 (or 1); clamp the rounding noise of centre − half.
  const low = p === 0 ? 0 : Math.max(0, Math.min(p, centre - half));
  const high = p === 1 ? 1 : Math.min(1, Math.max(p, centre + half));
  return { low, high, method: 'wilson', level, n };
}

/**
 * Clopper–Pearson interval from beta quantiles: [B(α/2; x, n − x + 1), B(1 − α/2; x + 1, n − x)], with 0 at
 * x = 0 and 1 at x = n. Equals R's `binom.test(x, n)$conf.int` for whole x; x may be fractional (an aggregate
 * index on an effective n). The whole [0, 1] when n = 0.
 *
 * @example clopperPearson(0, 50).high // 0.07112…
 */
export function clopperPearson(x: number, n: number, level = 0.95, method: IntervalMethod = 'clopper-pearson'): Interval {
  checkLevel(level);
  if (!(n > 0)) return { low: 0, high: 1, method, level, n: 0 };
  const xx = Math.min(n, Math.max(0, x));
  const a = (1 - level) / 2;
  const low = xx <= 0 ? 0 : betaQuantile(a, xx, n - xx + 1);
  const high = xx >= n ? 1 : betaQuantile(1 - a, xx + 1, n - xx);
  const p = xx / n;
  // The quantiles contain p in exact arithmetic; keep it so after floating-point noise too.
  return { low: Math.min(low, p), high: Math.max(high, p), method, level, n };
}

/**
 * The sums a weighted interval needs (weights in any fixed unit: the unit cancels).
 *
 * @example `kornGraubard({ n: 3, wSatisfied: 2.5, wValid: 3.5, w2Satisfied: 3.25, w2Other: 1 })`
 */
export interface WeightedShare {
  /** Respondents with a valid answer. */
  readonly n: number;
  /** Σ weight of the satisfied answers and of all valid answers. */
  readonly wSatisfied: number;
  /** Σ weight of all valid answers. */
  readonly wValid: number;
  /** Σ weight² of the satisfied answers and of the other valid answers. */
  readonly w2Satisfied: number;
  /** Σ weight² of the valid answers that are not satisfied. */
  readonly w2Other: number;
}

/**
 * The effective sample size of a weighted share, as `svyciprop(method = "beta")` computes it for
 * `svydesign(ids = ~1, weights = ~w)`: p(1 − p) ÷ v, where v is the linearised variance of the weighted mean,
 * n/(n − 1) · Σ w²(y − p)² ÷ (Σ w)². R gives NaN when p is 0 or 1 (v = 0); here the design effect of the
 * weights alone is used instead — Kish's (Σ w)² ÷ Σ w², times (n − 1)/n as R's variance carries — which is
 * n − 1 for equal weights, the same as R's value at any other p.
 *
 * @example effectiveN({ n: 3, wSatisfied: 2, wValid: 3, w2Satisfied: 2, w2Other: 1 }) // 2 (= n − 1 for equal weights)
 */
export function effectiveN(s: WeightedShare): number {
  const { n, wSatisfied, wValid, w2Satisfied, w2Other } = s;
  if (!(n > 1) || !(wValid > 0)) return 0;
  const p = wSatisfied / wValid;
  const kish = ((n - 1) / n) * ((wValid * wValid) / (w2Satisfied + w2Other));
  if (p <= 0 || p >= 1) return kish;
  const v = ((n / (n - 1)) * ((1 - p) * (1 - p) * w2Satisfied + p * p * w2Other)) / (wValid * wValid);
  return v > 0 ? (p * (1 - p)) / v : kish;
}

/**
 * Korn–Graubard interval for a weighted share: Clopper–Pearson on the effective sample size n* with
 * x = p·n* ({@link effectiveN}). Equals R's `svyciprop(~y, svydesign(ids = ~1, weights = ~w, …),
 * method = "beta")` wherever R gives a number; unlike R it is finite when every or no answer is satisfied.
 *
 * @example kornGraubard({ n: 200, wSatisfied: 170.5, wValid: 201.2, w2Satisfied: 180, w2Other: 40 }, 0.95)
 */
export function kornGraubard(s: WeightedShare, level = 0.95): Interval {
  // Checked first, as Wilson and Clopper–Pearson do: a share with no valid answer must not let a bad level through.
  checkLevel(level);
  if (!(s.wValid > 0)) return { low: 0, high: 1, method: 'korn-graubard', level, n: 0 };
  const p = s.wSatisfied / s.wValid;
  const nEff = effectiveN(s);
  return clopperPearson(p * nEff, nEff, level, 'korn-graubard');
}
