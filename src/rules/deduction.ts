/**
 * Rule kind `deduction` (trừ điểm): start from the node's max and lose a fixed amount per counted violation
 * or per inspection finding, at most `cap` in all, never below `floor`. A floor is mandatory; it may be
 * negative where the decision deducts below zero ("bị 0 điểm và bị trừ 0,25 điểm").
 * @module
 */
import { z } from 'zod';
import { Exact } from '../core/exact.js';
import { fmt, quoteShort, t, viNum, type Text } from '../core/text.js';
import { Id, NonNeg, Num } from '../core/zod-helpers.js';
import { missingOutcome, ruleIssue } from './common.js';
import type { FindingRecord } from './records.js';
import type { Explanation, RuleKind, TraceStep } from './types.js';

export const DeductionParams = z.strictObject({
  /** Points deducted per finding or violation, with a floor and a cap. */
  kind: z.literal('deduction'),
  /** Count violations from this measure (e.g. `dossiers.lateWithoutApology`). */
  count: Id.optional(),
  /** Count the inspection findings recorded against this node in the evidence. */
  findings: z.boolean().optional(),
  /** Points lost per violation or finding. With findings and no `per`, each finding's own `points` apply. */
  per: NonNeg.optional(),
  /** The lowest the node can go (0, or a declared negative floor). Required. */
  floor: Num.optional(),
  /** The most that can be deducted in all. */
  cap: NonNeg.optional(),
});
export type DeductionParams = z.output<typeof DeductionParams>;

export const deductionRule: RuleKind<DeductionParams> = {
  kind: 'deduction',
  schema: DeductionParams,
  title: t('trừ điểm', 'deduction'),
  reads: (p) => ({ ...(p.count ? { measures: [p.count] } : {}), findings: p.findings === true }),
  check(p, ctx) {
    const out = [];
    if ((p.count === undefined) === (p.findings !== true)) {
      out.push(
        ruleIssue(
          ctx,
          'schema.required',
          [],
          'give exactly one of count (a measure) or findings: true',
          'cần đúng một trong hai: count (chỉ số đếm) hoặc findings: true',
        ),
      );
    }
    if (p.count !== undefined && p.per === undefined) {
      out.push(
        ruleIssue(
          ctx,
          'schema.required',
          ['per'],
          'per: the points lost per counted violation, is required with count',
          'cần per: số điểm bị trừ cho mỗi vi phạm',
        ),
      );
    }
    if (p.floor === undefined) {
      out.push(
        ruleIssue(
          ctx,
          'criteria.deduction-no-floor',
          ['floor'],
          'a deduction needs a floor: the lowest points the node can reach (0, or a declared negative value)',
          'trừ điểm cần mức sàn (floor): điểm thấp nhất của tiêu chí (0 hoặc một số âm được quy định)',
        ),
      );
    } else if (Exact.of(p.floor).gt(ctx.max)) {
      out.push(
        ruleIssue(
          ctx,
          'criteria.threshold-range',
          ['floor'],
          `floor ${p.floor} is above the node's max ${ctx.max.toString()}`,
          `mức sàn ${viNum(p.floor)} cao hơn điểm tối đa ${fmt(ctx.max, 'vi')}`,
        ),
      );
    }
    return out;
  },
  compile(p, ctx) {
    const max = ctx.max;
    const floor = Exact.of(p.floor ?? 0);
    const cap = p.cap === undefined ? undefined : Exact.of(p.cap);
    const per = p.per === undefined ? undefined : Exact.of(p.per);
    return (ev, trace) => {
      let lostTotal: Exact;
      let count: Exact | undefined;
      let fs: readonly FindingRecord[] = [];
      if (p.count !== undefined) {
        const m = ev.measure(p.count);
        if (!m) return missingOutcome([p.count], trace);
        count = m.value;
        lostTotal = per!.mul(count);
      } else {
        fs = ev.findings(ctx.nodeId);
        lostTotal = Exact.ZERO;
        for (const f of fs) lostTotal = lostTotal.add(per ?? f.points ?? Exact.ZERO);
      }
      // A deduction never adds points: a negative count or finding (refused by evidence checks) deducts nothing.
      if (lostTotal.sign() < 0) lostTotal = Exact.ZERO;
      const uncapped = lostTotal;
      if (cap && lostTotal.gt(cap)) lostTotal = cap;
      const beforeFloor = max.sub(lostTotal);
      const points = beforeFloor.lt(floor) ? floor : beforeFloor;
      if (!trace) return { status: 'scored', points };
      const explain = (): Explanation => {
        const steps: TraceStep[] = [];
        const lost: Text[] = [];
        if (count !== undefined) {
          steps.push({
            vi: `số vi phạm ${p.count} = ${fmt(count, 'vi')}, trừ ${fmt(per!, 'vi')} mỗi vi phạm`,
            en: `violations ${p.count} = ${fmt(count)}, ${fmt(per!)} each`,
            calc: `${fmt(per!)} × ${fmt(count)} = ${fmt(uncapped)}`,
          });
          if (points.lt(max)) lost.push(t(`bị trừ do ${p.count}`, `deducted for ${p.count}`));
        } else {
          for (const f of fs) {
            const each = per ?? f.points ?? Exact.ZERO;
            steps.push({
              vi: `phát hiện ${f.id} (${quoteShort(f.source)}): ${f.description} → trừ ${fmt(each, 'vi')}`,
              en: `finding ${f.id} (${quoteShort(f.source)}): ${f.description} → −${fmt(each)}`,
            });
            lost.push(t(`phát hiện ${f.id}: ${f.description}`, `finding ${f.id}: ${f.description}`));
          }
          if (fs.length === 0) steps.push(t('không có phát hiện nào ghi nhận cho tiêu chí này', 'no findings recorded against this node'));
        }
        if (cap && uncapped.gt(cap))
          steps.push({
            vi: `trừ tối đa ${fmt(cap, 'vi')}`,
            en: `deduction capped at ${fmt(cap)}`,
            calc: `min(${fmt(uncapped)}, ${fmt(cap)}) = ${fmt(cap)}`,
          });
        if (beforeFloor.lt(floor))
          steps.push({
            vi: `không thấp hơn mức sàn ${fmt(floor, 'vi')}`,
            en: `not below the floor ${fmt(floor)}`,
            calc: `max(${fmt(beforeFloor)}, ${fmt(floor)}) = ${fmt(floor)}`,
          });
        steps.push({
          vi: 'điểm = điểm tối đa − điểm bị trừ',
          en: 'points = max − deductions',
          calc: `${fmt(max)} − ${fmt(max.sub(points))} = ${fmt(points)}`,
        });
        return { steps, ...(lost.length ? { lost } : {}) };
      };
      return { status: 'scored', points, explain };
    };
  },
};
