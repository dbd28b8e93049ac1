/**
 * Rule kind `survey` (điều tra xã hội học): points from a satisfaction index of the unit (0–100, e.g. its
 * SIPAS), linear (points = max × min(1, index ÷ target)) or by a threshold table.
 * @module
 */
import { z } from 'zod';
import { Exact } from '../core/exact.js';
import { fmt, t } from '../core/text.js';
import { Id, Num } from '../core/zod-helpers.js';
import { BandRow, checkRanges, compileRows, checkRowPoints, missingOutcome, ruleIssue, scoreRows } from './common.js';
import type { Issue } from '../core/errors.js';
import type { Explanation, RuleKind, TraceStep } from './types.js';
import { pushAll } from '../core/lists.js';

export const SurveyParams = z.strictObject({
  /** Points from a satisfaction index. */
  kind: z.literal('survey'),
  /** The survey index read from the evidence (`surveys.<index>`), declared under `surveys` in the set. */
  index: Id,
  /** `linear` (default) or `bands`. */
  mode: z.enum(['linear', 'bands']).default('linear'),
  /** Linear: the index (in %) at which full points are reached; default 100. */
  target: Num.optional(),
  /** Bands: the threshold table on the index. */
  /** Points by band of the index, instead of in proportion. */
  bands: z.array(BandRow).optional(),
});
export type SurveyParams = z.output<typeof SurveyParams>;

export const surveyRule: RuleKind<SurveyParams> = {
  kind: 'survey',
  schema: SurveyParams,
  title: t('điều tra xã hội học', 'survey'),
  reads: (p) => ({ surveys: [p.index] }),
  check(p, ctx) {
    const out: Issue[] = [];
    if (p.mode === 'bands') {
      if (!p.bands) out.push(ruleIssue(ctx, 'schema.required', ['bands'], 'mode bands needs a bands table', 'chế độ bands cần bảng mức'));
      else {
        pushAll(
          out,
          checkRanges(p.bands, { min: 0, max: 100 }, (code, i, en, vi) => ruleIssue(ctx, code, ['bands', i], en, vi)),
        );
        pushAll(out, checkRowPoints(p.bands, ctx, ['bands']));
      }
    }
    if (p.target !== undefined && (p.target <= 0 || p.target > 100)) {
      out.push(
        ruleIssue(
          ctx,
          'criteria.threshold-range',
          ['target'],
          `target ${p.target} must be in (0, 100]`,
          `chỉ tiêu ${p.target} phải trong khoảng (0, 100]`,
        ),
      );
    }
    return out;
  },
  compile(p, ctx) {
    const max = ctx.max;
    const target = Exact.of(p.target ?? 100);
    const rows = compileRows(p.bands ?? []);
    return (ev, trace) => {
      const s = ev.survey(p.index);
      if (!s) return missingOutcome([`surveys.${p.index}`], trace);
      const info = (): TraceStep => ({
        vi: `chỉ số ${p.index} = ${fmt(s.value, 'vi')}%${s.n !== undefined ? `, n = ${s.n}` : ''}${s.low !== undefined && s.high !== undefined ? `, khoảng tin cậy [${s.low}; ${s.high}]` : ''}`,
        en: `index ${p.index} = ${fmt(s.value)}%${s.n !== undefined ? `, n = ${s.n}` : ''}${s.low !== undefined && s.high !== undefined ? `, interval [${s.low}, ${s.high}]` : ''}`,
      });
      if (p.mode === 'bands') return scoreRows(s.value, rows, max, t(`chỉ số ${p.index}`, `index ${p.index}`), trace, () => [info()]);
      const attained = s.value.clamp(Exact.ZERO, Exact.HUNDRED).div(target).min(Exact.ONE);
      const points = max.mul(attained);
      if (!trace) return { status: 'scored', points };
      const explain = (): Explanation => ({
        steps: [
          info(),
          {
            vi: 'điểm = điểm tối đa × min(1, chỉ số ÷ chỉ tiêu)',
            en: 'points = max × min(1, index ÷ target)',
            calc: `${fmt(max)} × min(1, ${fmt(s.value)} ÷ ${fmt(target)}) = ${fmt(points)}`,
          },
        ],
        ...(points.lt(max)
          ? {
              lost: [
                t(
                  `chỉ số hài lòng ${fmt(s.value, 'vi')}% dưới ${fmt(target, 'vi')}%`,
                  `satisfaction ${fmt(s.value)}% below ${fmt(target)}%`,
                ),
              ],
            }
          : {}),
      });
      return { status: 'scored', points, explain };
    };
  },
};
