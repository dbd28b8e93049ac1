/**
 * Writing the results of the walk as node scores and as the trace (diễn giải). The walk keeps facts (what each
 * rule read, shares received, rounding, caps); the words and the arithmetic lines are written here, when a
 * card's `nodes` or `trace` is first read.
 * @module
 */
import { Exact } from '../core/exact.js';
import { fmt, quoteShort, t } from '../core/text.js';
import type { TraceStep } from '../rules/types.js';
import type { UnitResult } from './result.js';
import { displayMax, type Plan, type PlanNode } from './plan.js';
import type { NodeScore, TraceNode } from './types.js';
import { rawInputs, traceInput } from './view.js';
import { pushAll } from '../core/lists.js';

/** Points as printed: nodes below the rounding stage hold exact values and show 4 more decimals. */
function displayPoints(n: PlanNode, r: UnitResult, p: Plan): number {
  const x = r.pt(n.idx);
  return (n.depth > p.stageDepth ? x.round(p.precision + 4, 'half-up') : x).toNumber();
}

function maxOf(n: PlanNode, r: UnitResult, p: Plan): { max: number; exactMax: string } {
  const m = r.max(n.idx);
  if (m === n.max) return { max: n.maxNumber, exactMax: n.maxRatio };
  return { max: displayMax(m, p.precision), exactMax: m.toRatio() };
}

/** A node's score as a card lists it. */
export function nodeScore(n: PlanNode, r: UnitResult, p: Plan): NodeScore {
  return Object.freeze({
    id: n.id,
    ...(n.src.printedId !== undefined && n.src.printedId !== n.id ? { printedId: n.src.printedId } : {}),
    title: n.src.title,
    depth: n.depth,
    points: displayPoints(n, r, p),
    exact: r.pt(n.idx).toRatio(),
    ...maxOf(n, r, p),
    fullMax: n.contributionNumber,
    status: r.status(n.idx),
    ...(n.src.block ? { block: n.src.block } : {}),
  });
}

/** The steps the walk adds after the rule's own: not applicable, shares, sums, caps, rounding. */
function walkSteps(n: PlanNode, r: UnitResult, p: Plan): TraceStep[] {
  const f = r.facts?.[n.idx];
  const steps: TraceStep[] = [];
  if (f?.na)
    steps.push(
      // A long source (a file's default) is only begun here: quoting it whole in every node made traces of 512 M characters.
      t(
        `không áp dụng cho đơn vị: ${f.na.reason} (${quoteShort(f.na.source)})`,
        `not applicable to the unit: ${f.na.reason} (${quoteShort(f.na.source)})`,
      ),
    );
  if (f?.applies) steps.push(f.applies);
  if (f?.shareFailed) steps.push(t('không có tiêu chí nhận điểm → không áp dụng', 'no sibling can receive the points → not applicable'));
  if (f?.redistributed) {
    const to = f.redistributed.to.join(', ');
    steps.push(
      f.redistributed.mode === 'even'
        ? t(`điểm tối đa ${fmt(n.max, 'vi')} được chia đều cho ${to}`, `its maximum ${fmt(n.max)} is spread evenly over ${to}`)
        : t(
            `điểm tối đa ${fmt(n.max, 'vi')} được chia cho ${to} theo tỷ lệ điểm tối đa`,
            `its maximum ${fmt(n.max)} is spread over ${to} in proportion to their maxima`,
          ),
    );
  }
  for (const s of f?.shares ?? []) {
    const why = s.redistributed
      ? s.redistributed === 'even'
        ? t('không áp dụng, chia đều', 'not applicable, spread evenly')
        : t('không áp dụng, chia theo tỷ lệ điểm tối đa', 'not applicable, spread in proportion to maxima')
      : t('không phát sinh', 'no case arose');
    steps.push({
      vi: `nhận điểm của tiêu chí ${s.from} (${why.vi}): điểm tối đa ${fmt(s.oldMax, 'vi')} + ${fmt(s.add, 'vi')}`,
      en: `receives the points of ${s.from} (${why.en}): max ${fmt(s.oldMax)} + ${fmt(s.add)}`,
      calc: `${fmt(s.before)} × ${fmt(s.oldMax.add(s.add))} ÷ ${fmt(s.oldMax)} = ${fmt(s.after)}`,
    });
  }
  const kids = n.children;
  if (kids.length > 0 && !f?.na && !f?.applies) {
    const parts = kids.map((k) => r.pt(k.idx));
    const sum = parts.reduce((a, x) => a.add(x), Exact.ZERO);
    steps.push({
      vi: 'cộng điểm các tiêu chí con',
      en: 'sum of the children',
      calc: `${parts.map((x) => fmt(x)).join(' + ')} = ${fmt(sum)}`,
    });
  }
  const block = n.block;
  if (block && f?.blockSum !== undefined) {
    const capped = f.blockSum.min(block.cap);
    if (capped.lt(f.blockSum))
      steps.push({
        vi: `giới hạn ở mức trần ${fmt(block.cap, 'vi')}`,
        en: `capped at ${fmt(block.cap)}`,
        calc: `min(${fmt(f.blockSum)}, ${fmt(block.cap)}) = ${fmt(capped)}`,
      });
    steps.push(
      block.kind === 'penalty'
        ? { vi: 'khối điểm trừ: trừ vào tổng điểm', en: 'penalty block: subtracted from the total', calc: `−${fmt(capped)}` }
        : {
            vi: block.withinMax ? 'khối điểm thưởng (trong tổng điểm tối đa)' : 'khối điểm thưởng (ngoài tổng điểm tối đa)',
            en: block.withinMax ? 'bonus block (inside the maximum)' : 'bonus block (outside the maximum)',
            calc: `+${fmt(capped)}`,
          },
    );
  }
  const unrounded = r.unrounded?.[n.idx];
  if (unrounded !== undefined) {
    const from = fmt(unrounded);
    const to = r.pt(n.idx).toFixed(p.precision);
    const max = r.max(n.idx);
    steps.push(
      f?.roundedDown
        ? {
            vi: `làm tròn xuống ${p.precision} chữ số thập phân để không vượt điểm tối đa ${fmt(max, 'vi')}`,
            en: `rounded down to ${p.precision} decimals so as not to exceed the maximum ${fmt(max)}`,
            calc: `${from} → ${to}`,
          }
        : {
            vi: `làm tròn ${p.precision} chữ số thập phân (${p.mode})`,
            en: `rounded to ${p.precision} decimals (${p.mode})`,
            calc: `${from} → ${to}`,
          },
    );
  }
  return steps;
}

const NONE: readonly never[] = Object.freeze([]);

/** Freezes a list and the records in it (steps and inputs are fresh objects of one level). */
function frozenList<T extends object>(list: T[]): readonly T[] {
  if (list.length === 0) return NONE;
  for (const x of list) Object.freeze(x);
  return Object.freeze(list);
}

/**
 * The trace of a node and its subtree, frozen as it is built. Properties are assigned in one fixed order
 * (optional ones only when present), so JSON output does not depend on how the node came out.
 */
export function toTrace(n: PlanNode, r: UnitResult, p: Plan): TraceNode {
  const i = n.idx;
  const st = r.status(i);
  const pts = r.pt(i);
  const max = r.max(i);
  const lostPoints = st === 'scored' || st === 'missing' ? max.sub(pts) : Exact.ZERO;
  const outcome = r.outcomes?.[i];
  const ex = outcome?.explain?.();
  const reads = r.reads?.[i];
  const walk = walkSteps(n, r, p);
  const steps = ex ? pushAll([...ex.steps], walk) : walk;
  const tn: { -readonly [K in keyof TraceNode]: TraceNode[K] } = { id: n.id } as TraceNode;
  if (n.src.printedId !== undefined && n.src.printedId !== n.id) tn.printedId = n.src.printedId;
  tn.title = n.src.title;
  if (n.src.titleEn !== undefined) tn.titleEn = n.src.titleEn;
  tn.depth = n.depth;
  tn.legal = n.legal;
  if (n.traceRule) tn.rule = n.traceRule;
  tn.inputs = reads ? frozenList(rawInputs(reads).map(traceInput)) : NONE;
  tn.steps = frozenList(steps);
  if (outcome) tn.raw = outcome.points.toRatio();
  tn.points = displayPoints(n, r, p);
  tn.exact = pts.toRatio();
  if (max === n.max) {
    tn.max = n.maxNumber;
    tn.exactMax = n.maxRatio;
  } else {
    tn.max = displayMax(max, p.precision);
    tn.exactMax = max.toRatio();
  }
  tn.fullMax = n.contributionNumber;
  tn.status = st;
  tn.lostPoints = lostPoints.sign() > 0 ? lostPoints.round(p.precision + 4, 'half-up').toNumber() : 0;
  tn.lost = ex?.lost ? frozenList([...ex.lost]) : NONE;
  tn.warnings = outcome?.warnings ? frozenList([...outcome.warnings]) : NONE;
  if (n.acknowledged) tn.acknowledged = n.acknowledged;
  tn.children = n.children.length ? Object.freeze(n.children.map((k) => toTrace(k, r, p))) : NONE;
  return Object.freeze(tn);
}
