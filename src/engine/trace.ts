/**
 * Writing the results of the walk as node scores and as the trace (diễn giải). The walk keeps facts (what each
 * rule read, shares received, rounding, caps); the words and the arithmetic lines are written here, when a
 * card's `nodes` or `trace` is first read.
 * @module
 */
import { Exact } from '../core/exact.js';
import { fmt, t } from '../core/text.js';
import { ruleKind } from '../rules/registry.js';
import type { TraceStep } from '../rules/types.js';
import type { UnitResult } from './evaluate.js';
import { displayMax, type Plan, type PlanNode } from './plan.js';
import type { NodeScore, TraceNode } from './types.js';
import { rawInputs, traceInput } from './view.js';

/** Points as printed: nodes below the rounding stage hold exact values and show 4 more decimals. */
function displayPoints(n: PlanNode, r: UnitResult, p: Plan): number {
  const x = r.pts[n.idx]!;
  return (n.depth > p.stageDepth ? x.round(p.precision + 4, 'half-up') : x).toNumber();
}

function maxOf(n: PlanNode, r: UnitResult, p: Plan): { max: number; exactMax: string } {
  const m = r.mx[n.idx]!;
  if (m === n.max) return { max: n.maxNumber, exactMax: n.maxRatio };
  return { max: displayMax(m, p.precision), exactMax: m.toRatio() };
}

/** A node's score as a card lists it. */
export function nodeScore(n: PlanNode, r: UnitResult, p: Plan): NodeScore {
  return Object.freeze({
    id: n.id,
    title: n.src.title,
    depth: n.depth,
    points: displayPoints(n, r, p),
    exact: r.pts[n.idx]!.toRatio(),
    ...maxOf(n, r, p),
    fullMax: n.contributionNumber,
    status: r.st[n.idx]!,
    ...(n.src.block ? { block: n.src.block } : {}),
  });
}

/** The steps the walk adds after the rule's own: not applicable, shares, sums, caps, rounding. */
function walkSteps(n: PlanNode, r: UnitResult, p: Plan): TraceStep[] {
  const f = r.facts?.[n.idx];
  const steps: TraceStep[] = [];
  if (f?.na) steps.push(t(`không áp dụng cho đơn vị: ${f.na.reason} (${f.na.source})`, `not applicable to the unit: ${f.na.reason} (${f.na.source})`));
  if (f?.shareFailed) steps.push(t('không có tiêu chí nhận điểm → không áp dụng', 'no sibling can receive the points → not applicable'));
  for (const s of f?.shares ?? []) {
    steps.push({ vi: `nhận điểm của tiêu chí ${s.from} (không phát sinh): điểm tối đa ${fmt(s.oldMax, 'vi')} + ${fmt(s.add, 'vi')}`, en: `receives the points of ${s.from} (no case arose): max ${fmt(s.oldMax)} + ${fmt(s.add)}`, calc: `${fmt(s.before)} × ${fmt(s.oldMax.add(s.add))} ÷ ${fmt(s.oldMax)} = ${fmt(s.after)}` });
  }
  const kids = n.children;
  if (kids.length > 0 && !f?.na) {
    const parts = kids.map((k) => r.pts[k.idx]!);
    const sum = parts.reduce((a, x) => a.add(x), Exact.ZERO);
    steps.push({ vi: 'cộng điểm các tiêu chí con', en: 'sum of the children', calc: `${parts.map((x) => fmt(x)).join(' + ')} = ${fmt(sum)}` });
  }
  const block = n.block;
  if (block && f?.blockSum !== undefined) {
    const capped = f.blockSum.min(block.cap);
    if (capped.lt(f.blockSum)) steps.push({ vi: `giới hạn ở mức trần ${fmt(block.cap, 'vi')}`, en: `capped at ${fmt(block.cap)}`, calc: `min(${fmt(f.blockSum)}, ${fmt(block.cap)}) = ${fmt(capped)}` });
    steps.push(
      block.kind === 'penalty'
        ? { vi: 'khối điểm trừ: trừ vào tổng điểm', en: 'penalty block: subtracted from the total', calc: `−${fmt(capped)}` }
        : { vi: block.withinMax ? 'khối điểm thưởng (trong tổng điểm tối đa)' : 'khối điểm thưởng (ngoài tổng điểm tối đa)', en: block.withinMax ? 'bonus block (inside the maximum)' : 'bonus block (outside the maximum)', calc: `+${fmt(capped)}` },
    );
  }
  const unrounded = r.unrounded?.[n.idx];
  if (unrounded !== undefined) {
    const from = fmt(unrounded);
    const to = r.pts[n.idx]!.toFixed(p.precision);
    const max = r.mx[n.idx]!;
    steps.push(
      f?.roundedDown
        ? { vi: `làm tròn xuống ${p.precision} chữ số thập phân để không vượt điểm tối đa ${fmt(max, 'vi')}`, en: `rounded down to ${p.precision} decimals so as not to exceed the maximum ${fmt(max)}`, calc: `${from} → ${to}` }
        : { vi: `làm tròn ${p.precision} chữ số thập phân (${p.mode})`, en: `rounded to ${p.precision} decimals (${p.mode})`, calc: `${from} → ${to}` },
    );
  }
  return steps;
}

function ruleParams(rule: { kind: string }): Record<string, unknown> {
  const { kind: _k, ...rest } = rule as Record<string, unknown>;
  void _k;
  return rest;
}

/** The trace of a node and its subtree. */
export function toTrace(n: PlanNode, r: UnitResult, p: Plan): TraceNode {
  const f = r.facts?.[n.idx];
  const st = r.st[n.idx]!;
  const lostPoints = st === 'scored' || st === 'missing' ? r.mx[n.idx]!.sub(r.pts[n.idx]!) : Exact.ZERO;
  const rule = n.src.rule;
  const outcome = r.outcomes?.[n.idx];
  const ex = outcome?.explain?.();
  const reads = r.reads?.[n.idx];
  return {
    id: n.id,
    title: n.src.title,
    ...(n.src.titleEn !== undefined ? { titleEn: n.src.titleEn } : {}),
    depth: n.depth,
    legal: n.legal,
    ...(rule ? { rule: { kind: rule.kind, title: ruleKind(rule.kind)!.title, params: ruleParams(rule) } } : {}),
    inputs: reads ? rawInputs(reads).map(traceInput) : [],
    steps: [...(ex?.steps ?? []), ...walkSteps(n, r, p)],
    ...(outcome ? { raw: outcome.points.toRatio() } : {}),
    points: displayPoints(n, r, p),
    exact: r.pts[n.idx]!.toRatio(),
    ...maxOf(n, r, p),
    fullMax: n.contributionNumber,
    status: st,
    lostPoints: lostPoints.sign() > 0 ? lostPoints.round(p.precision + 4, 'half-up').toNumber() : 0,
    lost: ex?.lost ?? [],
    warnings: outcome?.warnings ?? [],
    children: n.children.map((k) => toTrace(k, r, p)),
  };
}
