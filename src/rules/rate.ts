/**
 * Rule kind `rate` (tỷ lệ): points = max × numerator ÷ base, the base declared (e.g. dossiers resolved on
 * time ÷ dossiers resolved); with a target, full points at or above it and linear below; clamped to [0, max].
 * When the base is zero (no case arose) the criterion's declared policy applies.
 * @module
 */
import { z } from 'zod';
import { Exact } from '../core/exact.js';
import { fmt, t } from '../core/text.js';
import { Id, NodeId, Num } from '../core/zod-helpers.js';
import { baseZeroOutcome, checkShare, missingOutcome, readRatio, ruleIssue, WhenBaseZero } from './common.js';
import type { Explanation, RuleKind, TraceStep } from './types.js';

export const RateParams = z.strictObject({
  kind: z.literal('rate'),
  /** The measure counted (tử số), e.g. `dossiers.onTime`. */
  numerator: Id,
  /** The base it is divided by (mẫu số), declared explicitly, e.g. `dossiers.resolved`. */
  base: Id,
  /** Target in percent at which full points are reached (linear below). Absent: 100. */
  target: Num.optional(),
  /** Policy when the base is zero (không phát sinh). */
  whenBaseZero: WhenBaseZero,
  /** With `share`: the sibling ids that receive the points. */
  shareWith: z.array(NodeId).optional(),
});
export type RateParams = z.output<typeof RateParams>;

export const rateRule: RuleKind<RateParams> = {
  kind: 'rate',
  schema: RateParams,
  title: t('tỷ lệ', 'rate'),
  reads: (p) => ({ measures: [p.numerator, p.base] }),
  check(p, ctx) {
    const out = checkShare(p.whenBaseZero, p.shareWith, ctx);
    if (p.target !== undefined && (p.target <= 0 || p.target > 100)) {
      out.push(ruleIssue(ctx, 'criteria.threshold-range', ['target'], `target ${p.target} must be in (0, 100] percent`, `chỉ tiêu ${p.target} phải trong khoảng (0, 100] %`));
    }
    return out;
  },
  compile(p, ctx) {
    const max = ctx.max;
    const target = p.target === undefined ? Exact.ONE : Exact.of(p.target).div(Exact.HUNDRED);
    const what = t(`mẫu số (${p.base})`, `the base (${p.base})`);
    return (ev, trace) => {
      const r = readRatio(ev, p);
      if (!r.ok) return missingOutcome(r.missing, trace);
      if (r.base.isZero()) return baseZeroOutcome(p.whenBaseZero, max, p.shareWith, what, trace);
      let ratio = r.num.div(r.base);
      const warnings = ratio.gt(Exact.ONE) ? [{ code: 'eval.rate-above-one' as const, ...t(`tử số ${p.numerator} (${fmt(r.num, 'vi')}) lớn hơn mẫu số ${p.base} (${fmt(r.base, 'vi')}): tỷ lệ được giới hạn ở 100%`, `numerator ${p.numerator} (${fmt(r.num)}) exceeds base ${p.base} (${fmt(r.base)}): the rate is clamped at 100%`) }] : undefined;
      ratio = ratio.clamp(Exact.ZERO, Exact.ONE);
      const attained = ratio.div(target).min(Exact.ONE);
      const points = max.mul(attained);
      if (!trace) return { status: 'scored', points, ...(warnings ? { warnings } : {}) };
      const { num, base } = r;
      const explain = (): Explanation => {
        const pct = ratio.mul(Exact.HUNDRED);
        const steps: TraceStep[] = [{ vi: `tỷ lệ = ${p.numerator} ÷ ${p.base}`, en: `rate = ${p.numerator} ÷ ${p.base}`, calc: `${fmt(num)} ÷ ${fmt(base)} = ${fmt(pct)}%` }];
        if (p.target !== undefined) {
          steps.push({ vi: `chỉ tiêu ${p.target}%: mức đạt = min(1, tỷ lệ ÷ chỉ tiêu)`, en: `target ${p.target}%: attainment = min(1, rate ÷ target)`, calc: `min(1, ${fmt(pct)} ÷ ${p.target}) = ${fmt(attained)}` });
        }
        steps.push({ vi: 'điểm = điểm tối đa × mức đạt', en: 'points = max × attainment', calc: `${fmt(max)} × ${fmt(attained)} = ${fmt(points)}` });
        return { steps, ...(points.lt(max) ? { lost: [t(`tỷ lệ ${fmt(pct, 'vi')}% chưa đạt ${p.target ?? 100}%`, `rate ${fmt(pct)}% below ${p.target ?? 100}%`)] } : {}) };
      };
      return { status: 'scored', points, explain, ...(warnings ? { warnings } : {}) };
    };
  },
};
