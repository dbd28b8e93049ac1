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
import { baseZeroOutcome, checkShare, checkUnsigned, missingOutcome, ruleIssue, WhenBaseZero } from './common.js';
import type { Explanation, RuleKind, TraceStep } from './types.js';
import { pushAll } from '../core/lists.js';

export const RateParams = z.strictObject({
  /** Points in proportion to a rate against a target. */
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
  /** Nodes that share this node's points when it has no case (không phát sinh). */
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
    pushAll(out, checkUnsigned(ctx, [p.numerator, p.base], [['numerator'], ['base']]));
    if (p.target !== undefined && (p.target <= 0 || p.target > 100)) {
      out.push(
        ruleIssue(
          ctx,
          'criteria.threshold-range',
          ['target'],
          `target ${p.target} must be in (0, 100] percent`,
          `chỉ tiêu ${p.target} phải trong khoảng (0, 100] %`,
        ),
      );
    }
    return out;
  },
  compile(p, ctx) {
    const max = ctx.max;
    const target = p.target === undefined ? Exact.ONE : Exact.of(p.target).div(Exact.HUNDRED);
    const what = t(`mẫu số (${p.base})`, `the base (${p.base})`);
    return (ev, trace) => {
      const n = ev.measure(p.numerator);
      const b = ev.measure(p.base);
      if (!n || !b) return missingOutcome([...(n ? [] : [p.numerator]), ...(b ? [] : [p.base])], trace);
      const num = n.value;
      const base = b.value;
      if (num.sign() < 0 || base.sign() < 0) {
        // Counts are never negative: evidence checks refuse such a value, and a rate of two negative numbers
        // must not give more than the max (−2 ÷ −1) or less than 0. Scored 0, and said.
        const why = {
          code: 'evidence.out-of-range' as const,
          ...t(
            `tử số ${p.numerator} (${fmt(num, 'vi')}) hoặc mẫu số ${p.base} (${fmt(base, 'vi')}) âm: không tính được tỷ lệ → 0 điểm`,
            `numerator ${p.numerator} (${fmt(num)}) or base ${p.base} (${fmt(base)}) is negative: no rate → 0 points`,
          ),
        };
        if (!trace) return { status: 'scored', points: Exact.ZERO, warnings: [why] };
        const explain = (): Explanation => ({ steps: [{ vi: why.vi, en: why.en, calc: '→ 0' }], lost: [t(why.vi, why.en)] });
        return { status: 'scored', points: Exact.ZERO, explain, warnings: [why] };
      }
      if (base.isZero()) return baseZeroOutcome(p.whenBaseZero, max, p.shareWith, what, trace, b.rejected);
      const above = num.gt(base);
      const warnings = above
        ? [
            {
              code: 'eval.rate-above-one' as const,
              ...t(
                `tử số ${p.numerator} (${fmt(num, 'vi')}) lớn hơn mẫu số ${p.base} (${fmt(base, 'vi')}): tỷ lệ được giới hạn ở 100%`,
                `numerator ${p.numerator} (${fmt(num)}) exceeds base ${p.base} (${fmt(base)}): the rate is clamped at 100%`,
              ),
            },
          ]
        : undefined;
      // points = max × min(1, (num ÷ base) ÷ target), with the rate clamped to [0, 1]: one exact multiply-divide.
      const reached = above || num.gte(base.mul(target));
      const points = reached ? max : max.mulDiv(num, base.mul(target));
      if (!trace) return warnings ? { status: 'scored', points, warnings } : { status: 'scored', points };
      const explain = (): Explanation => {
        const ratio = above ? Exact.ONE : num.div(base);
        const attained = ratio.div(target).min(Exact.ONE);
        const pct = ratio.mul(Exact.HUNDRED);
        const steps: TraceStep[] = [
          {
            vi: `tỷ lệ = ${p.numerator} ÷ ${p.base}`,
            en: `rate = ${p.numerator} ÷ ${p.base}`,
            calc: `${fmt(num)} ÷ ${fmt(base)} = ${fmt(num.div(base).mul(Exact.HUNDRED))}%${above ? ' → 100%' : ''}`,
          },
        ];
        if (p.target !== undefined) {
          steps.push({
            vi: `chỉ tiêu ${p.target}%: mức đạt = min(1, tỷ lệ ÷ chỉ tiêu)`,
            en: `target ${p.target}%: attainment = min(1, rate ÷ target)`,
            calc: `min(1, ${fmt(pct)} ÷ ${p.target}) = ${fmt(attained)}`,
          });
        }
        steps.push({
          vi: 'điểm = điểm tối đa × mức đạt',
          en: 'points = max × attainment',
          calc: `${fmt(max)} × ${fmt(attained)} = ${fmt(points)}`,
        });
        return {
          steps,
          ...(points.lt(max)
            ? { lost: [t(`tỷ lệ ${fmt(pct, 'vi')}% chưa đạt ${p.target ?? 100}%`, `rate ${fmt(pct)}% below ${p.target ?? 100}%`)] }
            : {}),
        };
      };
      return { status: 'scored', points, explain, ...(warnings ? { warnings } : {}) };
    };
  },
};
