/**
 * Rule kind `appraisal` (tự đánh giá → thẩm định): the unit scores itself with evidence (tự chấm), the
 * appraiser scores it (thẩm định lần 1), the unit may explain (giải trình), and the appraiser may score again
 * (thẩm định lần 2). The latest appraisal counts, clipped to [0, max]; every round is kept in the trace.
 * @module
 */
import { z } from 'zod';
import { Exact } from '../core/exact.js';
import { fmt, t } from '../core/text.js';
import { missingOutcome } from './common.js';
import type { Explanation, RuleKind, RuleWarning, TraceStep } from './types.js';

export const AppraisalParams = z.strictObject({
  /** Points set by self-assessment and appraisal rounds (tự chấm, thẩm định). */
  kind: z.literal('appraisal'),
  /** Count the self-score when no appraisal round exists (default false: that is missing evidence). */
  useSelfScore: z.boolean().default(false),
});
export type AppraisalParams = z.output<typeof AppraisalParams>;

export const appraisalRule: RuleKind<AppraisalParams> = {
  kind: 'appraisal',
  schema: AppraisalParams,
  title: t('tự đánh giá và thẩm định', 'self-assessment and appraisal'),
  reads: () => ({ appraisal: true }),
  check: () => [],
  compile(p, ctx) {
    const max = ctx.max;
    return (ev, trace) => {
      const rec = ev.appraisal(ctx.nodeId);
      if (!rec) return missingOutcome([`appraisals.${ctx.nodeId}`], trace);
      const latest = rec.round2 ?? rec.round1 ?? (p.useSelfScore ? rec.self : undefined);
      if (latest === undefined) return missingOutcome([`appraisals.${ctx.nodeId}.round1`], trace);
      const points = latest.clamp(Exact.ZERO, max);
      const warnings: RuleWarning[] = [];
      if (!points.eq(latest))
        warnings.push({
          code: 'eval.appraisal-clipped',
          ...t(
            `điểm thẩm định ${fmt(latest, 'vi')} nằm ngoài [0, ${fmt(max, 'vi')}] và được giới hạn`,
            `appraised score ${fmt(latest)} is outside [0, ${fmt(max)}] and was clipped`,
          ),
        });
      if (!trace) return { status: 'scored', points, ...(warnings.length ? { warnings } : {}) };
      const explain = (): Explanation => {
        const steps: TraceStep[] = [];
        if (rec.self !== undefined) steps.push({ vi: 'tự chấm', en: 'self-score', calc: fmt(rec.self) });
        if (rec.round1 !== undefined) steps.push({ vi: 'thẩm định lần 1', en: 'appraisal round 1', calc: fmt(rec.round1) });
        if (rec.explanation !== undefined) steps.push({ vi: `giải trình: ${rec.explanation}`, en: `explanation: ${rec.explanation}` });
        if (rec.round2 !== undefined) steps.push({ vi: 'thẩm định lần 2', en: 'appraisal round 2', calc: fmt(rec.round2) });
        const which =
          rec.round2 !== undefined
            ? t('thẩm định lần 2', 'appraisal round 2')
            : rec.round1 !== undefined
              ? t('thẩm định lần 1', 'appraisal round 1')
              : t('tự chấm (chưa thẩm định)', 'self-score (not appraised)');
        steps.push({
          vi: `tính theo ${which.vi}, giới hạn trong [0, ${fmt(max, 'vi')}]`,
          en: `the ${which.en} counts, clipped to [0, ${fmt(max)}]`,
          calc: `→ ${fmt(points)}`,
        });
        if (!points.lt(max)) return { steps };
        const lost =
          rec.self !== undefined && points.lt(rec.self)
            ? t(
                `thẩm định thấp hơn tự chấm (${fmt(rec.self, 'vi')} → ${fmt(points, 'vi')})`,
                `appraised below the self-score (${fmt(rec.self)} → ${fmt(points)})`,
              )
            : t(`thẩm định ${fmt(points, 'vi')}/${fmt(max, 'vi')}`, `appraised ${fmt(points)}/${fmt(max)}`);
        return { steps, lost: [lost] };
      };
      return { status: 'scored', points, explain, ...(warnings.length ? { warnings } : {}) };
    };
  },
};
