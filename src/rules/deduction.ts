/**
 * Rule kind `deduction` (trừ điểm): start from the node's max and lose a fixed amount per counted violation
 * or per inspection finding, at most `cap` in all, never below `floor`. A floor is mandatory; it may be
 * negative where the decision deducts below zero ("bị 0 điểm và bị trừ 0,25 điểm").
 * @module
 */
import { z } from 'zod';
import { Exact } from '../core/exact.js';
import { fmt, t } from '../core/text.js';
import { Id, NonNeg, Num } from '../core/zod-helpers.js';
import { missingOutcome, ruleIssue } from './common.js';
import type { RuleKind, TraceStep } from './types.js';

export const DeductionParams = z.strictObject({
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
      out.push(ruleIssue(ctx, 'schema.required', [], 'give exactly one of count (a measure) or findings: true', 'cần đúng một trong hai: count (chỉ số đếm) hoặc findings: true'));
    }
    if (p.count !== undefined && p.per === undefined) {
      out.push(ruleIssue(ctx, 'schema.required', ['per'], 'per: the points lost per counted violation, is required with count', 'cần per: số điểm bị trừ cho mỗi vi phạm'));
    }
    if (p.floor === undefined) {
      out.push(ruleIssue(ctx, 'criteria.deduction-no-floor', ['floor'], 'a deduction needs a floor: the lowest points the node can reach (0, or a declared negative value)', 'trừ điểm cần mức sàn (floor): điểm thấp nhất của tiêu chí (0 hoặc một số âm được quy định)'));
    } else if (Exact.of(p.floor).gt(ctx.max)) {
      out.push(ruleIssue(ctx, 'criteria.threshold-range', ['floor'], `floor ${p.floor} is above the node's max ${ctx.max.toString()}`, `mức sàn ${p.floor} cao hơn điểm tối đa ${ctx.max.toString()}`));
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
      const steps: TraceStep[] = [];
      const lost = [];
      if (p.count !== undefined) {
        const m = ev.measure(p.count);
        if (!m) return missingOutcome([p.count], trace);
        lostTotal = per!.mul(m.value);
        if (trace) steps.push({ vi: `số vi phạm ${p.count} = ${fmt(m.value, 'vi')}, trừ ${fmt(per!, 'vi')} mỗi vi phạm`, en: `violations ${p.count} = ${fmt(m.value)}, ${fmt(per!)} each`, calc: `${fmt(per!)} × ${fmt(m.value)} = ${fmt(lostTotal)}` });
      } else {
        const fs = ev.findings(ctx.nodeId);
        lostTotal = Exact.ZERO;
        for (const f of fs) {
          const each = per ?? f.points ?? Exact.ZERO;
          lostTotal = lostTotal.add(each);
          if (trace) {
            steps.push({ vi: `phát hiện ${f.id} (${f.source}): ${f.description} → trừ ${fmt(each, 'vi')}`, en: `finding ${f.id} (${f.source}): ${f.description} → −${fmt(each)}` });
            lost.push(t(`phát hiện ${f.id}: ${f.description}`, `finding ${f.id}: ${f.description}`));
          }
        }
        if (trace && fs.length === 0) steps.push(t('không có phát hiện nào ghi nhận cho tiêu chí này', 'no findings recorded against this node'));
      }
      if (cap && lostTotal.gt(cap)) {
        if (trace) steps.push({ vi: `trừ tối đa ${fmt(cap, 'vi')}`, en: `deduction capped at ${fmt(cap)}`, calc: `min(${fmt(lostTotal)}, ${fmt(cap)}) = ${fmt(cap)}` });
        lostTotal = cap;
      }
      let points = max.sub(lostTotal);
      if (points.lt(floor)) {
        if (trace) steps.push({ vi: `không thấp hơn mức sàn ${fmt(floor, 'vi')}`, en: `not below the floor ${fmt(floor)}`, calc: `max(${fmt(points)}, ${fmt(floor)}) = ${fmt(floor)}` });
        points = floor;
      }
      if (!trace) return { status: 'scored', points };
      steps.push({ vi: 'điểm = điểm tối đa − điểm bị trừ', en: 'points = max − deductions', calc: `${fmt(max)} − ${fmt(max.sub(points))} = ${fmt(points)}` });
      if (p.count !== undefined && points.lt(max)) lost.push(t(`bị trừ do ${p.count}`, `deducted for ${p.count}`));
      return { status: 'scored', points, steps, ...(lost.length ? { lost } : {}) };
    };
  },
};
