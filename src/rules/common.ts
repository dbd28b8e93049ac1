/**
 * Pieces several rule kinds share: reading a ratio with a declared base, the "no case arose" policy
 * (không phát sinh), threshold tables, and issue builders.
 * @module
 */
import { z } from 'zod';
import { Exact } from '../core/exact.js';
import { issue, type Issue, type IssueCode } from '../core/errors.js';
import { fmt, t, viNum, type Text } from '../core/text.js';
import { Id, NodeId, Num } from '../core/zod-helpers.js';
import type { RejectedRows } from './records.js';
import type { Explanation, LeafOutcome, RuleContext, RuleWarning, TraceStep } from './types.js';

/**
 * What a rate or threshold rule does when its base is zero, i.e. no case arose in the year (không phát sinh):
 * - `full`: full points; - `zero`: no points; - `not-applicable`: the node leaves the applicable maximum;
 * - `share`: the node's points are shared among the named sibling nodes in proportion to their maxima.
 */
export const WhenBaseZero = z.enum(['full', 'zero', 'not-applicable', 'share']);
export type WhenBaseZero = z.output<typeof WhenBaseZero>;

/** A ratio numerator ÷ base of two declared measures. */
export const RatioSpec = z.strictObject({
  /** The measure counted (đạt). */
  numerator: Id,
  /** The measure it is a share of (the declared base, mẫu số). */
  base: Id,
});

/** Issue at the rule's path. */
export function ruleIssue(ctx: RuleContext, code: IssueCode, sub: readonly (string | number)[], en: string, vi: string): Issue {
  return issue(code, 'error', [...ctx.path, ...sub], en, vi, { file: ctx.file, node: ctx.nodeId });
}

/** Checks a "no case arose" policy: shared points need sibling targets. */
export function checkShare(policy: WhenBaseZero | undefined, shareWith: readonly string[] | undefined, ctx: RuleContext): Issue[] {
  if (policy !== 'share') {
    if (shareWith && shareWith.length > 0) {
      return [
        ruleIssue(
          ctx,
          'criteria.share-target',
          ['shareWith'],
          'shareWith is only used with whenBaseZero: share',
          'shareWith chỉ dùng khi whenBaseZero: share',
        ),
      ];
    }
    return [];
  }
  if (!shareWith || shareWith.length === 0) {
    return [
      ruleIssue(
        ctx,
        'criteria.share-target',
        ['shareWith'],
        'whenBaseZero: share needs shareWith: the sibling ids that receive the points',
        'whenBaseZero: share cần shareWith: mã các tiêu chí cùng cấp nhận điểm',
      ),
    ];
  }
  const out: Issue[] = [];
  shareWith.forEach((id, i) => {
    if (!ctx.siblings.includes(id) || id === ctx.nodeId) {
      out.push(
        ruleIssue(
          ctx,
          'criteria.share-target',
          ['shareWith', i],
          `"${id}" is not a sibling of ${ctx.nodeId} (siblings: ${ctx.siblings.filter((s) => s !== ctx.nodeId).join(', ') || 'none'})`,
          `"${id}" không phải tiêu chí cùng cấp với ${ctx.nodeId}`,
        ),
      );
    }
  });
  return out;
}

/** Rejected rows quoted in a warning. */
const ROWS_QUOTED = 3;

/**
 * The warning that "no case arose" rests on a count from which rows were rejected: how many, and the first few
 * with their reasons. Undefined when none were.
 */
export function rejectedRowsWarning(what: Text, rejected: RejectedRows | undefined): RuleWarning | undefined {
  const own = rejected?.count ?? 0;
  const other = rejected?.unattributed ?? 0;
  if (!rejected || own + other === 0) return undefined;
  const rows = rejected.rows.slice(0, ROWS_QUOTED);
  const more = own + other - rows.length;
  const list = (m: (r: RejectedRows['rows'][number]) => string) =>
    rows.length ? `: ${rows.map((r) => `${r.file ? `${r.file} ` : ''}${m(r)}`).join('; ')}${more > 0 ? ` … (+${more})` : ''}` : '';
  return {
    code: 'eval.base-zero-rejected-rows',
    en: `${what.en} is 0 and is scored as "no case arose", but ${own} row(s) of this unit${other ? ` and ${other} row(s) whose unit could not be read` : ''} were rejected from the export${list((r) => r.message)}; they may be the cases: correct them and count again (par-index dossiers)`,
    vi: `${what.vi} bằng 0 và được chấm là "không phát sinh", nhưng ${own} dòng của đơn vị này${other ? ` và ${other} dòng không đọc được đơn vị` : ''} bị loại khỏi tệp kết xuất${list((r) => r.messageVi)}; đó có thể là các hồ sơ đã phát sinh: sửa các dòng đó và tính lại (par-index dossiers)`,
  };
}

/** The outcome of a base of zero under its policy; a warning when rows behind the base were rejected. */
export function baseZeroOutcome(
  policy: WhenBaseZero,
  max: Exact,
  shareWith: readonly string[] | undefined,
  what: Text,
  trace: boolean,
  rejected?: RejectedRows,
): LeafOutcome {
  const out = baseZeroPolicy(policy, max, shareWith, what, trace);
  const w = rejectedRowsWarning(what, rejected);
  return w ? { ...out, warnings: [w] } : out;
}

/**
 * The outcome a criterion declares for a case it cannot measure (no case arose, an empty list): full points, 0 or
 * not applicable, with the trace's two steps — `first` (what was found) and `cause` → the policy — and, for 0, why
 * the points were lost.
 */
export function declaredOutcome(
  policy: 'full' | 'zero' | 'not-applicable',
  max: Exact,
  first: TraceStep,
  cause: Text,
  lostZero: Text,
  trace: boolean,
): LeafOutcome {
  const explain = (step: Text, lost?: Text) =>
    trace ? { explain: (): Explanation => ({ steps: [first, step], ...(lost ? { lost: [lost] } : {}) }) } : {};
  switch (policy) {
    case 'full':
      return {
        status: 'scored',
        points: max,
        ...explain(
          t(`${cause.vi} → đạt điểm tối đa (theo quy định của tiêu chí)`, `${cause.en} → full points (as the criterion declares)`),
        ),
      };
    case 'zero':
      return {
        status: 'scored',
        points: Exact.ZERO,
        ...explain(t(`${cause.vi} → 0 điểm (theo quy định của tiêu chí)`, `${cause.en} → 0 points (as the criterion declares)`), lostZero),
      };
    case 'not-applicable':
      return {
        status: 'not-applicable',
        points: Exact.ZERO,
        ...explain(
          t(
            `${cause.vi} → không áp dụng: điểm tối đa bị trừ khỏi tổng điểm tối đa`,
            `${cause.en} → not applicable: its maximum leaves the applicable maximum`,
          ),
        ),
      };
  }
}

function baseZeroPolicy(
  policy: WhenBaseZero,
  max: Exact,
  shareWith: readonly string[] | undefined,
  what: Text,
  trace: boolean,
): LeafOutcome {
  const first: TraceStep = { vi: `${what.vi} bằng 0: không phát sinh`, en: `${what.en} is 0: no case arose` };
  if (policy !== 'share')
    return declaredOutcome(
      policy,
      max,
      first,
      t('không phát sinh', 'no case arose'),
      t('không phát sinh, tiêu chí quy định 0 điểm', 'no case arose and the criterion gives 0 points'),
      trace,
    );
  const step = t(
    `không phát sinh → điểm được chia cho ${shareWith?.join(', ')}`,
    `no case arose → points shared among ${shareWith?.join(', ')}`,
  );
  return {
    status: 'shared',
    points: Exact.ZERO,
    shareWith: shareWith ?? [],
    ...(trace ? { explain: (): Explanation => ({ steps: [first, step] }) } : {}),
  };
}

/** A missing-evidence outcome. */
export function missingOutcome(missing: readonly string[], trace: boolean): LeafOutcome {
  return {
    status: 'missing',
    points: Exact.ZERO,
    missing,
    ...(trace
      ? {
          explain: () => ({
            steps: [t(`thiếu minh chứng: ${missing.join(', ')}`, `missing evidence: ${missing.join(', ')}`)],
            lost: [t(`thiếu minh chứng (${missing.join(', ')})`, `missing evidence (${missing.join(', ')})`)],
          }),
        }
      : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Threshold tables (bảng mức điểm)

/** One row of a threshold table: a value range and the points it gives. Bounds' inclusiveness is explicit. */
export const BandRow = z.strictObject({
  /** Lower bound; absent = no lower bound. */
  min: Num.optional(),
  /** Upper bound; absent = no upper bound. */
  max: Num.optional(),
  /** Whether `min` itself belongs to the row (default true: "từ 80%"). */
  minInclusive: z.boolean().default(true),
  /** Whether `max` itself belongs to the row (default false: "dưới 100%"). */
  maxInclusive: z.boolean().default(false),
  /** Points awarded in this band. */
  points: Num,
  /** How the band is named in the decision. */
  label: z.string().optional(),
});
export type BandRow = z.output<typeof BandRow>;

/** A threshold row with its bounds and points as exact values, prepared once when a rule is compiled. */
export interface CompiledRow {
  readonly row: BandRow;
  readonly lo: Exact | undefined;
  readonly hi: Exact | undefined;
  readonly points: Exact;
}

/** Prepares a threshold table for scoring. */
export function compileRows(rows: readonly BandRow[]): readonly CompiledRow[] {
  return rows.map((row) => ({
    row,
    lo: row.min === undefined ? undefined : Exact.of(row.min),
    hi: row.max === undefined ? undefined : Exact.of(row.max),
    points: Exact.of(row.points),
  }));
}

/** Whether x lies in the row. */
export function inRow(x: Exact, r: CompiledRow): boolean {
  if (r.lo !== undefined) {
    const c = x.cmp(r.lo);
    if (c < 0 || (c === 0 && !r.row.minInclusive)) return false;
  }
  if (r.hi !== undefined) {
    const c = x.cmp(r.hi);
    if (c > 0 || (c === 0 && !r.row.maxInclusive)) return false;
  }
  return true;
}

/** Describes a row as "80 ≤ x < 100". */
export function describeRow(r: BandRow, name = 'x'): string {
  const lo = r.min === undefined ? '' : `${r.min} ${r.minInclusive ? '≤' : '<'} `;
  const hi = r.max === undefined ? '' : ` ${r.maxInclusive ? '≤' : '<'} ${r.max}`;
  return lo || hi ? `${lo}${name}${hi}` : `mọi ${name}`;
}

/** A bound of a range in a message: up to 6 decimals, with a decimal comma in Vietnamese. */
function rangeNum(x: number, lang: 'en' | 'vi'): string {
  const s = String(Number(x.toFixed(6)));
  return lang === 'vi' ? s.replace('.', ',') : s;
}

/**
 * Checks a table of ranges over a domain [lo, hi]: rows must not overlap, must leave no gap inside the domain,
 * and their bounds must lie in the domain. Used by threshold rules and by classification bands.
 */
export function checkRanges(
  rows: readonly { min?: number | undefined; max?: number | undefined; minInclusive: boolean; maxInclusive: boolean }[],
  domain: { min: number | undefined; max: number | undefined },
  mk: (code: IssueCode, index: number, en: string, vi: string) => Issue,
): Issue[] {
  const out: Issue[] = [];
  rows.forEach((r, i) => {
    for (const [b, name] of [
      [r.min, 'min'],
      [r.max, 'max'],
    ] as const) {
      if (b === undefined) continue;
      if ((domain.min !== undefined && b < domain.min) || (domain.max !== undefined && b > domain.max)) {
        out.push(
          mk(
            'criteria.threshold-range',
            i,
            `${name} ${b} is outside the value's range [${domain.min ?? '−∞'}, ${domain.max ?? '∞'}]`,
            `ngưỡng ${name} = ${b} nằm ngoài khoảng giá trị [${domain.min ?? '−∞'}, ${domain.max ?? '∞'}]`,
          ),
        );
      }
    }
    if (r.min !== undefined && r.max !== undefined && (r.min > r.max || (r.min === r.max && !(r.minInclusive && r.maxInclusive)))) {
      out.push(mk('criteria.band-order', i, `empty range: min ${r.min} and max ${r.max}`, `khoảng rỗng: từ ${r.min} đến ${r.max}`));
    }
  });
  const order = rows
    .map((r, i) => ({ r, i }))
    .sort(
      (a, b) => (a.r.min ?? -Infinity) - (b.r.min ?? -Infinity) || (a.r.minInclusive === b.r.minInclusive ? 0 : a.r.minInclusive ? -1 : 1),
    );
  // Coverage of the lower end of the domain; the uncovered range is named, as "[0; 20)".
  const first = order[0];
  if (first) {
    const lo = first.r.min;
    if (lo !== undefined && (domain.min === undefined || lo > domain.min || (lo === domain.min && !first.r.minInclusive))) {
      const gap = (lang: 'en' | 'vi') =>
        domain.min === undefined
          ? ''
          : `: ${lo === domain.min ? `${rangeNum(lo, lang)} itself` : `[${rangeNum(domain.min, lang)}; ${rangeNum(lo, lang)}${first.r.minInclusive ? ')' : ']'}`}`;
      out.push(
        mk(
          'criteria.bands-gap',
          first.i,
          `no row covers values below ${lo}${domain.min !== undefined ? ` (the range starts at ${domain.min})` : ''}${gap('en')}`,
          `không có mức nào cho giá trị dưới ${rangeNum(lo, 'vi')}${gap('vi').replace(' itself', '')}`,
        ),
      );
    }
  }
  for (let k = 1; k < order.length; k++) {
    const a = order[k - 1]!;
    const b = order[k]!;
    const aHi = a.r.max ?? Infinity;
    const bLo = b.r.min ?? -Infinity;
    if (bLo < aHi || (bLo === aHi && a.r.maxInclusive && b.r.minInclusive)) {
      out.push(
        mk(
          'criteria.bands-overlap',
          b.i,
          `overlaps the row ${a.i + 1}: ${describeRow(b.r as BandRow)} and ${describeRow(a.r as BandRow)} share values${bLo === aHi ? ` (${bLo} is in both)` : ''}`,
          `chồng lấn với mức ${a.i + 1}: ${describeRow(b.r as BandRow)} và ${describeRow(a.r as BandRow)}`,
        ),
      );
    } else if (bLo > aHi || (bLo === aHi && !a.r.maxInclusive && !b.r.minInclusive)) {
      out.push(
        mk(
          'criteria.bands-gap',
          b.i,
          `gap between rows ${a.i + 1} and ${b.i + 1}: values from ${aHi} to ${bLo} are in no row`,
          `khoảng trống giữa mức ${a.i + 1} và ${b.i + 1}: giá trị từ ${aHi} đến ${bLo} không thuộc mức nào`,
        ),
      );
    }
  }
  const last = order.reduce<(typeof order)[number] | undefined>(
    (m, x) => (m === undefined || (x.r.max ?? Infinity) >= (m.r.max ?? Infinity) ? x : m),
    undefined,
  );
  if (last) {
    const hi = last.r.max;
    if (hi !== undefined && (domain.max === undefined || hi < domain.max || (hi === domain.max && !last.r.maxInclusive))) {
      // The uncovered range, as "(100; 102,5]": what a bonus can reach above the top band.
      const gap = (lang: 'en' | 'vi') =>
        domain.max === undefined || hi === domain.max
          ? ''
          : `: ${last.r.maxInclusive ? '(' : '['}${rangeNum(hi, lang)}; ${rangeNum(domain.max, lang)}] is in no row`;
      out.push(
        mk(
          'criteria.bands-gap',
          last.i,
          `no row covers values ${domain.max !== undefined && hi === domain.max ? 'equal to' : 'above'} ${hi}${gap('en')}`,
          `không có mức nào cho giá trị ${domain.max !== undefined && hi === domain.max ? 'bằng' : 'trên'} ${rangeNum(hi, 'vi')}${gap('vi').replace(' is in no row', ' không thuộc mức nào')}`,
        ),
      );
    }
  }
  return out;
}

/** Checks that a threshold table can award the node's max and never more. */
export function checkRowPoints(rows: readonly { readonly points: number }[], ctx: RuleContext, sub: readonly (string | number)[]): Issue[] {
  const out: Issue[] = [];
  let best: Exact | undefined;
  rows.forEach((r, i) => {
    const p = Exact.of(r.points);
    if (p.gt(ctx.max))
      out.push(
        ruleIssue(
          ctx,
          'criteria.rule-exceeds-max',
          [...sub, i, 'points'],
          `row gives ${r.points} points, more than the node's max ${ctx.max.toString()}`,
          `mức cho ${viNum(r.points)} điểm, vượt điểm tối đa ${fmt(ctx.max, 'vi')}`,
        ),
      );
    if (p.sign() < 0)
      out.push(
        ruleIssue(
          ctx,
          'criteria.threshold-range',
          [...sub, i, 'points'],
          'points must be ≥ 0 (use a deduction or penalty for negative points)',
          'điểm phải ≥ 0 (dùng điểm trừ cho điểm âm)',
        ),
      );
    best = best === undefined || p.gt(best) ? p : best;
  });
  if (best !== undefined && best.lt(ctx.max)) {
    out.push(
      ruleIssue(
        ctx,
        'criteria.rule-cannot-reach-max',
        sub,
        `the best row gives ${best.toString()} points: the node's max ${ctx.max.toString()} can never be awarded`,
        `mức cao nhất chỉ cho ${fmt(best, 'vi')} điểm: không bao giờ đạt điểm tối đa ${fmt(ctx.max, 'vi')}`,
      ),
    );
  }
  return out;
}

/** Scores a value against a threshold table; `before` are steps that come first in the explanation. */
export function scoreRows(
  x: Exact,
  rows: readonly CompiledRow[],
  max: Exact,
  name: Text,
  trace: boolean,
  before?: () => TraceStep[],
): LeafOutcome {
  const hit = rows.find((r) => inRow(x, r));
  const points = hit ? hit.points : Exact.ZERO;
  if (!trace) return { status: 'scored', points };
  const explain = (): Explanation => {
    const steps: TraceStep[] = before ? before() : [];
    if (hit)
      steps.push({
        vi: `${name.vi} = ${fmt(x, 'vi')} thuộc mức ${describeRow(hit.row)}`,
        en: `${name.en} = ${fmt(x)} falls in ${describeRow(hit.row)}`,
        calc: `→ ${hit.row.points}`,
      });
    else
      steps.push({
        vi: `${name.vi} = ${fmt(x, 'vi')} không thuộc mức nào → 0`,
        en: `${name.en} = ${fmt(x)} is in no row → 0`,
        calc: '→ 0',
      });
    if (!points.lt(max)) return { steps };
    const better = rows.filter((r) => r.points.gt(points)).sort((a, b) => a.points.cmp(b.points))[0]?.row;
    const lost = better
      ? t(
          `${name.vi} ${fmt(x, 'vi')} chưa đạt mức ${describeRow(better)} (${viNum(better.points)} điểm)`,
          `${name.en} ${fmt(x)} did not reach ${describeRow(better)} (${better.points} points)`,
        )
      : t('chưa đạt mức tối đa', 'below the top row');
    return { steps, lost: [lost] };
  };
  return { status: 'scored', points, explain };
}

/**
 * A rate divides counts: its numerator and base must be measures that cannot be negative (declared with a
 * `min` ≥ 0, or a unit that implies it: count, percent, days). A signed measure could give a rate above 100 %
 * or below 0 (−2 ÷ −1), so `check` refuses it, naming the measure and where the rule reads it.
 */
export function checkUnsigned(ctx: RuleContext, ids: readonly string[], at: readonly (readonly (string | number)[])[]): Issue[] {
  const out: Issue[] = [];
  ids.forEach((id, k) => {
    const d = ctx.measures.get(id);
    if (!d || (d.min !== undefined && d.min >= 0)) return;
    out.push(
      ruleIssue(
        ctx,
        'criteria.signed-measure',
        at[k]!,
        `a rate divides counts, but measure "${id}" (${d.unit}) may be negative (its min is ${d.min ?? '−∞'}): declare min: 0 if it cannot be, or use a formula`,
        `tỷ lệ chỉ chia các số đếm, nhưng chỉ số "${id}" (${d.unit}) có thể âm (min là ${d.min ?? '−∞'}): khai báo min: 0 nếu không thể âm, hoặc dùng công thức`,
      ),
    );
  });
  return out;
}

/** Schema fragments reused by rule kinds. */
export const common = { Id, NodeId, Num };
