/**
 * Rule kind `task` (nhiệm vụ có thời hạn): done by the deadline → full points; done late → the declared
 * partial points (default 0); not done → 0. E.g. "Ban hành kế hoạch CCHC năm đúng thời hạn".
 * @module
 */
import { z } from 'zod';
import { Exact } from '../core/exact.js';
import { t } from '../core/text.js';
import { Id, IsoDate, NonNeg } from '../core/zod-helpers.js';
import { missingOutcome, ruleIssue } from './common.js';
import type { Explanation, RuleKind, TraceStep } from './types.js';

export const TaskParams = z.strictObject({
  /** Points for a task done by its deadline. */
  kind: z.literal('task'),
  /** The task's id in the evidence (`tasks.<id>`). */
  task: Id,
  /** The deadline (thời hạn), YYYY-MM-DD. A unit's evidence may carry its own deadline, which wins. */
  deadline: IsoDate.optional(),
  /** Points when done after the deadline (default 0). */
  latePoints: NonNeg.default(0),
});
export type TaskParams = z.output<typeof TaskParams>;

export const taskRule: RuleKind<TaskParams> = {
  kind: 'task',
  schema: TaskParams,
  title: t('nhiệm vụ có thời hạn', 'task with a deadline'),
  reads: (p) => ({ tasks: [p.task] }),
  check(p, ctx) {
    if (Exact.of(p.latePoints).gt(ctx.max)) {
      return [
        ruleIssue(
          ctx,
          'criteria.rule-exceeds-max',
          ['latePoints'],
          `latePoints ${p.latePoints} is more than the node's max ${ctx.max.toString()}`,
          `điểm khi trễ hạn ${p.latePoints} vượt điểm tối đa ${ctx.max.toString()}`,
        ),
      ];
    }
    return [];
  },
  compile(p, ctx) {
    const max = ctx.max;
    const late = Exact.of(p.latePoints);
    return (ev, trace) => {
      const rec = ev.task(p.task);
      if (!rec) return missingOutcome([`tasks.${p.task}`], trace);
      const deadline = rec.deadline ?? p.deadline;
      const done = rec.done;
      const outcome: 'not-done' | 'on-time' | 'late' =
        done === null ? 'not-done' : deadline === undefined || done <= deadline ? 'on-time' : 'late';
      const points = outcome === 'on-time' ? max : outcome === 'late' ? late : Exact.ZERO;
      if (!trace) return { status: 'scored', points };
      const explain = (): Explanation => {
        if (outcome === 'not-done')
          return { steps: [t('chưa thực hiện → 0', 'not done → 0')], lost: [t('nhiệm vụ chưa thực hiện', 'task not done')] };
        if (outcome === 'on-time') {
          return {
            steps: [
              {
                vi: deadline ? `hoàn thành ngày ${done}, hạn ${deadline}: đúng hạn` : `hoàn thành ngày ${done} (không quy định hạn)`,
                en: deadline ? `done on ${done}, deadline ${deadline}: on time` : `done on ${done} (no deadline)`,
                calc: `→ ${max.toString()}`,
              },
            ],
          };
        }
        const step: TraceStep = {
          vi: `hoàn thành ngày ${done}, sau hạn ${deadline}: trễ hạn → điểm khi trễ hạn`,
          en: `done on ${done}, after the deadline ${deadline}: late → late points`,
          calc: `→ ${late.toString()}`,
        };
        return {
          steps: [step],
          ...(late.lt(max)
            ? { lost: [t(`hoàn thành trễ hạn (ngày ${done}, hạn ${deadline})`, `done late (${done}, deadline ${deadline})`)] }
            : {}),
        };
      };
      return { status: 'scored', points, explain };
    };
  },
};
