/**
 * Verifying a published decision (kiểm tra quyết định công bố kết quả): first the table on its own — fields add
 * up to the total, index = total ÷ max × 100, no score above its maximum, ranks follow the index under the tie
 * rule, bands match their thresholds, summaries add up — then, with the criteria and the evidence, against the
 * recomputed score cards, each difference traced to the nodes where it arises.
 *
 * Tolerance: a printed value stands for every value within half of its last printed digit ("95,41" for
 * 95.405…95.415), so by default a check passes when |printed − expected| ≤ 0.5 × 10^(−decimals printed in that
 * cell); a declared tolerance replaces that rule for every cell.
 * @module
 */
import { deepFreeze } from '../core/document.js';
import type { Lang } from '../core/errors.js';
import { Exact, type RoundingMode } from '../core/exact.js';
import type { Text } from '../core/text.js';
import type { CriteriaSet } from '../criteria/load.js';
import type { BandLevel } from '../criteria/schema.js';
import type { NodeScore, ScoreCard, TraceNode } from '../engine/types.js';
import type { Evidence } from '../evidence/load.js';
import { assignRanks, cmpId, rank, VI_COLLATOR, type Ranked, type Ranking, type RankMethod, type TieBreakKey } from '../ranking/rank.js';
import { score } from '../ranking/score.js';
import {
  foldUnitName,
  type DecisionField,
  type DecisionMeta,
  type Printed,
  type PublishedDecision,
  type PublishedRow,
} from './decision.js';

/**
 * What a discrepancy is about. Table checks: `sum`, `above-max`, `index`, `rank`, `band`, `summary`. Against the recomputed cards: `field-differs`, `total-differs`, `max-differs`, `index-differs`, `rank-differs`, `band-differs`, `unit-not-recomputed`, `unit-not-published`, `metadata`.
 *
 * @example report.discrepancies.filter((d) => d.kind === ('rank' satisfies DiscrepancyKind))
 */
export type DiscrepancyKind =
  | 'sum'
  | 'above-max'
  | 'index'
  | 'rank'
  | 'band'
  | 'summary'
  | 'field-differs'
  | 'total-differs'
  | 'max-differs'
  | 'index-differs'
  | 'rank-differs'
  | 'band-differs'
  | 'unit-not-recomputed'
  | 'unit-not-published'
  | 'metadata';

/**
 * The kinds, in the order reports list their explanations.
 *
 * @example DISCREPANCY_KINDS.indexOf('sum') // 0
 */
export const DISCREPANCY_KINDS: readonly DiscrepancyKind[] = [
  'sum',
  'above-max',
  'index',
  'rank',
  'band',
  'summary',
  'field-differs',
  'total-differs',
  'max-differs',
  'index-differs',
  'rank-differs',
  'band-differs',
  'unit-not-recomputed',
  'unit-not-published',
  'metadata',
];

/**
 * A recomputed node named by a discrepancy: where the difference arises.
 *
 * @example report.discrepancies[0].nodes?.map((n: TracedNode) => `${n.id} ${n.points}/${n.max}`)
 */
export interface TracedNode {
  /** The node's id. */
  readonly id: string;
  /** The node's title. */
  readonly title: string;
  /** Points recomputed. */
  readonly points: number;
  /** The applicable maximum. */
  readonly max: number;
  /** How the node came out. */
  readonly status: string;
  /** Why points were lost, from the trace. */
  readonly lost: readonly Text[];
}

/**
 * One discrepancy: a printed cell and what it should be.
 *
 * @example const d: Discrepancy = report.discrepancies[0] // { kind: 'sum', unit: 'Xã Lạc Hồng', published: 91.74, expected: 91.65, delta: 0.09, … }
 */
export interface Discrepancy {
  /** Which check found it. */
  readonly kind: DiscrepancyKind;
  /** `table`: the table contradicts itself; `evidence`: the recomputation differs; `both`: both say the same. */
  readonly source: 'table' | 'evidence' | 'both';
  /** The unit as printed; null for the table as a whole (summaries, metadata). */
  readonly unit: string | null;
  /** The unit's id (printed, or of the matching score card). */
  readonly unitId?: string;
  /** The row in the published file. */
  readonly row?: number;
  /** The printed cell: a field's points, the total, max, index, rank, band; a summary's count or percent; metadata. */
  readonly cell: 'field' | 'total' | 'max' | 'index' | 'rank' | 'band' | 'count' | 'percent' | 'unit' | 'metadata';
  /** The field id (cell `field`), the band (summaries) or the metadata key. */
  readonly field?: string;
  /** The printed value. */
  readonly published: number | string | null;
  /** What it should be. */
  readonly expected: number | string | null;
  /** published − expected, when both are numbers. */
  readonly delta: number | null;
  /** The tolerance the comparison used. */
  readonly tolerance?: number;
  /** The discrepancy in English. */
  readonly message: string;
  /** The discrepancy in Vietnamese. */
  readonly messageVi: string;
  /** For differences against the recomputation: the recomputed nodes behind the cell. */
  readonly nodes?: readonly TracedNode[];
}

/**
 * Whether a check ran, and if not, why.
 *
 * @example report.checks.filter((c: CheckRun) => !c.run).map((c) => c.reason?.en)
 */
export interface CheckRun {
  /** The check's id. */
  readonly id: 'sum' | 'above-max' | 'index' | 'rank' | 'band' | 'summary' | 'recompute';
  /** The check in words. */
  readonly title: Text;
  /** Whether it ran. */
  readonly run: boolean;
  /** Why it did not run. */
  readonly reason?: Text;
  /** Discrepancies it found. */
  readonly discrepancies: number;
}

/**
 * The result of {@link verifyDecision}: data, rendered by `renderVerifyMarkdown`/`Html`/`Json`. Frozen.
 *
 * @example const r: VerifyReport = verifyDecision(decision, { set, evidence }); process.exitCode = r.ok ? 0 : 1
 */
export interface VerifyReport {
  /** True when no discrepancy was found. */
  readonly ok: boolean;
  /** The decision checked: its metadata and number of rows. */
  readonly decision: DecisionMeta & {
    /** The criteria set the decision names. */
    readonly criteria?: {
      /** The set's id. */
      readonly id: string;
      /** Its version, when named. */
      readonly version?: string;
    };
    /** Rows of the published table. */
    readonly rows: number;
  };
  /** The criteria set recomputed with, when given. */
  readonly criteria?: {
    /** The set's id. */
    readonly id: string;
    /** Its version. */
    readonly version: string;
    /** Its content hash. */
    readonly hash: string;
  };
  /** The tolerance: declared in the decision, or the rule applied per cell. */
  readonly tolerance: {
    /** The tolerance the decision declares (or `--tolerance`); null: the per-cell rule applies. */
    readonly declared: number | null;
    /** The rule applied, in words. */
    readonly rule: Text;
  };
  /** The tie rule and bands the checks applied, and where they came from. */
  readonly rules: {
    /** The ranking rule applied. */
    readonly ranking: {
      /** Competition, dense or ordinal ranking. */
      readonly method: RankMethod;
      /** Ranked on the rounded (printed) or the exact index. */
      readonly on: 'rounded' | 'exact';
      /** How ties are broken. */
      readonly tieBreak: readonly TieBreakKey[];
      /** Where the rule came from: the decision, the criteria set, or the default. */
      readonly from: 'decision' | 'criteria' | 'default';
    };
    /** Where the bands came from; null when there were none to check against. */
    readonly bands: 'decision' | 'criteria' | null;
    /** The attribute units are ranked within, if any. */
    readonly groupBy: string | null;
  };
  /** Every check, run or not. */
  readonly checks: readonly CheckRun[];
  /** Every discrepancy found. */
  readonly discrepancies: readonly Discrepancy[];
  /** Notes on how the checks were made. */
  readonly notes: readonly Text[];
}

/**
 * Options of {@link verifyDecision}.
 *
 * @example verifyDecision(decision, { set, evidence, tolerance: 0.01 } satisfies VerifyOptions)
 */
export interface VerifyOptions {
  /** The criteria set: its tie rule, bands and maxima apply; with `evidence`, `cards` or `ranking`, the table is reconciled. */
  readonly set?: CriteriaSet;
  /** Evidence to score and rank with `set` (with a trace, to name the nodes behind each difference). */
  readonly evidence?: Evidence;
  /** Score cards already computed, instead of `evidence`: ranked here under the set's rule. */
  readonly cards?: readonly ScoreCard[];
  /** Score cards already computed and ranked, instead of `evidence`: their ranks are checked as they are. */
  readonly ranking?: Ranking;
  /** An absolute tolerance replacing the default rule (half of the last printed digit of each cell). */
  readonly tolerance?: number;
}

interface Rules {
  readonly method: RankMethod;
  readonly on: 'rounded' | 'exact';
  readonly tieBreak: readonly TieBreakKey[];
  readonly rankFrom: 'decision' | 'criteria' | 'default';
  readonly bands: { readonly on: 'rounded' | 'exact'; readonly levels: readonly BandLevel[] } | undefined;
  readonly bandsFrom: 'decision' | 'criteria' | null;
  readonly fieldInfo: ReadonlyMap<
    string,
    { readonly max?: number | undefined; readonly block?: 'bonus' | 'penalty' | undefined; readonly title?: string | undefined }
  >;
  readonly standardMax: number | undefined;
  readonly indexMode: RoundingMode;
  readonly indexPrecision: number;
  readonly tolerance: number | undefined;
  readonly groupBy: 'kind' | undefined;
}

const t = (vi: string, en: string): Text => ({ vi, en });
const X = (p: Printed): Exact => Exact.fromRatio(p.exact)!;

function tolOf(p: Printed, rules: Rules): Exact {
  return rules.tolerance !== undefined ? Exact.of(rules.tolerance) : Exact.ratio(5, 10 ** (p.decimals + 1));
}

function show(x: Exact | number, decimals: number, lang: Lang): string {
  const s = (typeof x === 'number' ? Exact.of(x) : x).toFixed(decimals);
  return lang === 'vi' ? s.replace('.', ',') : s;
}

/** A numeric discrepancy: expected shown at the printed decimals; delta = published − that (or − the exact value when they print the same). */
function numeric(
  base: Omit<Discrepancy, 'published' | 'expected' | 'delta' | 'tolerance' | 'message' | 'messageVi'>,
  p: Printed,
  x: Exact,
  tol: Exact,
  mode: RoundingMode,
  en: (pub: string, exp: string) => string,
  vi: (pub: string, exp: string) => string,
): Discrepancy {
  const shown = x.round(p.decimals, mode);
  let delta = X(p).sub(shown);
  if (delta.isZero())
    delta = X(p)
      .sub(x)
      .round(p.decimals + 4, 'half-up');
  return {
    ...base,
    published: p.value,
    expected: shown.toNumber(),
    delta: delta.toNumber(),
    tolerance: tol.toNumber(),
    message: en(show(X(p), p.decimals, 'en'), show(shown, p.decimals, 'en')),
    messageVi: vi(show(X(p), p.decimals, 'vi'), show(shown, p.decimals, 'vi')),
  };
}

function exceeds(p: Printed, x: Exact, tol: Exact): boolean {
  return X(p).sub(x).abs().gt(tol);
}

/** A field's contribution to the total: a penalty printed as a positive deduction subtracts. */
function contribution(p: Printed, block: 'bonus' | 'penalty' | undefined): Exact {
  const v = X(p);
  return block === 'penalty' && v.sign() > 0 ? v.neg() : v;
}

function rowBase(r: PublishedRow): { unit: string; unitId?: string; row: number } {
  return { unit: r.unit, ...(r.unitId !== undefined ? { unitId: r.unitId } : {}), row: r.row };
}

/**
 * The band of an index under the declared levels (same rule as scoring: first level whose range holds it).
 *
 * @example bandFor(set.bands!.levels, Exact.parse('79,39')!)?.label // 'Khá'
 */
export function bandFor(levels: readonly BandLevel[], x: Exact): BandLevel | undefined {
  for (const b of levels) {
    if (b.min !== undefined) {
      const c = x.cmp(Exact.of(b.min));
      if (c < 0 || (c === 0 && !b.minInclusive)) continue;
    }
    if (b.max !== undefined) {
      const c = x.cmp(Exact.of(b.max));
      if (c > 0 || (c === 0 && !b.maxInclusive)) continue;
    }
    return b;
  }
  return undefined;
}

function matchBand(levels: readonly BandLevel[], text: string): BandLevel | undefined {
  const f = foldUnitName(text);
  return levels.find((b) => [b.id, b.label, b.labelEn].some((x) => x !== undefined && foldUnitName(x) === f));
}

function stripPrefix(name: string): string {
  return name.replace(/^(UBND\s+)?(xã|phường|thị trấn|thị xã)\s+/iu, '');
}

function resolveRules(d: PublishedDecision, set: CriteriaSet | undefined, tolerance: number | undefined): Rules {
  const fieldInfo = new Map<string, { max?: number | undefined; block?: 'bonus' | 'penalty' | undefined; title?: string | undefined }>();
  for (const n of set?.tree ?? []) fieldInfo.set(n.id, { max: n.block ? n.block.cap : n.max, block: n.block?.kind, title: n.title });
  for (const f of d.fields) {
    const had = fieldInfo.get(f.id);
    fieldInfo.set(f.id, { max: f.max ?? had?.max, block: f.block ?? had?.block, title: f.title ?? had?.title });
  }
  const setMax = set
    ? set.tree
        .reduce(
          (s, n) =>
            s.add(n.block ? (n.block.kind === 'bonus' && n.block.withinMax ? Exact.of(n.block.cap) : Exact.ZERO) : Exact.of(n.max ?? 0)),
          Exact.ZERO,
        )
        .toNumber()
    : undefined;
  const ranking = d.ranking ?? set?.ranking;
  return {
    method: ranking?.method ?? 'competition',
    on: ranking?.on ?? 'rounded',
    tieBreak: ranking?.tieBreak ?? [],
    rankFrom: d.ranking ? 'decision' : set ? 'criteria' : 'default',
    bands: d.bands ?? set?.bands,
    bandsFrom: d.bands ? 'decision' : set?.bands ? 'criteria' : null,
    fieldInfo,
    standardMax: d.max ?? setMax,
    indexMode: (set?.rounding.indexMode as RoundingMode | undefined) ?? 'half-up',
    indexPrecision: set?.rounding.indexPrecision ?? 2,
    tolerance: tolerance ?? d.tolerance,
    groupBy: d.groupBy,
  };
}

interface RowState {
  /** The index the rank and band checks read, and why. */
  key: Exact | null;
  keyNote?: Text;
  sumOk: boolean | null;
  indexOk: boolean | null;
}

/** Checks of the table on its own. */
function tableChecks(
  d: PublishedDecision,
  rules: Rules,
  out: Discrepancy[],
  checks: CheckRun[],
  notes: Text[],
): Map<PublishedRow, RowState> {
  const state = new Map<PublishedRow, RowState>();
  let nSum = 0;
  let nMax = 0;
  let nIndex = 0;
  const count = (k: string) => out.filter((x) => x.kind === k).length;
  for (const r of d.rows) {
    const st: RowState = { key: null, sumOk: null, indexOk: null };
    state.set(r, st);
    // Fields add up to the total.
    const vals = d.fields.map((f) => r.fields[f.id] ?? null);
    if (r.total && d.fields.length > 0 && vals.every((v) => v !== null)) {
      nSum++;
      const sum = d.fields.reduce((s, f) => s.add(contribution(r.fields[f.id]!, rules.fieldInfo.get(f.id)?.block)), Exact.ZERO);
      const tol = tolOf(r.total, rules);
      st.sumOk = !exceeds(r.total, sum, tol);
      if (!st.sumOk) {
        out.push(
          numeric(
            { kind: 'sum', source: 'table', ...rowBase(r), cell: 'total' },
            r.total,
            sum,
            tol,
            'half-up',
            (p, e) => `${r.unit}: the fields add up to ${e}, the total printed is ${p}`,
            (p, e) => `${r.unit}: các lĩnh vực cộng lại được ${e}, tổng điểm in là ${p}`,
          ),
        );
      }
    } else if (r.total && d.fields.length > 0) {
      notes.push(
        t(
          `${r.unit} (dòng ${r.row}): có lĩnh vực để trống, không kiểm tra được tổng điểm.`,
          `${r.unit} (row ${r.row}): a field is empty, the total's add-up was not checked.`,
        ),
      );
    }
    // No score above its maximum.
    for (const f of d.fields) {
      const v = r.fields[f.id];
      const info = rules.fieldInfo.get(f.id);
      if (!v || info?.max === undefined) continue;
      nMax++;
      const tol = tolOf(v, rules);
      const max = Exact.of(info.max);
      const over = info.block === 'penalty' ? X(v).abs().sub(max).gt(tol) : X(v).sub(max).gt(tol);
      if (over) {
        const bound = info.block === 'penalty' && X(v).sign() < 0 ? max.neg() : max;
        out.push(
          numeric(
            { kind: 'above-max', source: 'table', ...rowBase(r), cell: 'field', field: f.id },
            v,
            bound,
            tol,
            'half-up',
            (p, e) => `${r.unit}: field ${f.id} is printed ${p}, above its maximum ${e}`,
            (p, e) => `${r.unit}: lĩnh vực ${f.id} in ${p}, vượt điểm tối đa ${e}`,
          ),
        );
      }
    }
    // index = total ÷ max × 100.
    const max = r.max ? X(r.max) : rules.standardMax !== undefined ? Exact.of(rules.standardMax) : undefined;
    const implied = r.total && max && !max.isZero() ? X(r.total).div(max).mul(Exact.HUNDRED) : undefined;
    if (r.index && implied) {
      nIndex++;
      const tol = tolOf(r.index, rules);
      st.indexOk = !exceeds(r.index, implied, tol);
      if (!st.indexOk) {
        const maxText = (lang: Lang) => show(max!, r.max?.decimals ?? 0, lang);
        out.push(
          numeric(
            { kind: 'index', source: 'table', ...rowBase(r), cell: 'index' },
            r.index,
            implied,
            tol,
            rules.indexMode,
            (p, e) =>
              `${r.unit}: index printed ${p}, but total ${show(X(r.total!), r.total!.decimals, 'en')} ÷ ${maxText('en')} × 100 = ${e}`,
            (p, e) =>
              `${r.unit}: chỉ số in ${p}, nhưng tổng điểm ${show(X(r.total!), r.total!.decimals, 'vi')} ÷ ${maxText('vi')} × 100 = ${e}`,
          ),
        );
      }
    }
    // The index the ranks and bands are judged on.
    if (rules.on === 'exact' && implied && (st.indexOk !== false || st.sumOk === true)) st.key = implied;
    else if (r.index && st.indexOk === false && st.sumOk === true && implied) {
      st.key = rules.on === 'exact' ? implied : implied.round(r.index.decimals, rules.indexMode);
      st.keyNote = t(
        `xếp hạng và xếp loại đối chiếu theo chỉ số tính từ tổng điểm (${show(st.key, r.index.decimals, 'vi')}), vì chỉ số in không khớp với tổng điểm mà tổng điểm khớp với các lĩnh vực`,
        `rank and band judged on the index the total gives (${show(st.key, r.index.decimals, 'en')}), because the printed index disagrees with the total while the total agrees with the fields`,
      );
    } else if (r.index) st.key = X(r.index);
    else if (implied) st.key = rules.on === 'exact' ? implied : implied.round(rules.indexPrecision, rules.indexMode);
  }
  checks.push(
    {
      id: 'sum',
      title: t('Các lĩnh vực cộng lại bằng tổng điểm', 'Fields add up to the total'),
      run: nSum > 0,
      ...(nSum === 0 ? { reason: t('bảng không có cột tổng điểm hoặc cột lĩnh vực', 'the table prints no total or no field column') } : {}),
      discrepancies: count('sum'),
    },
    {
      id: 'above-max',
      title: t('Không điểm nào vượt điểm tối đa', 'No score above its maximum'),
      run: nMax > 0,
      ...(nMax === 0
        ? {
            reason: t(
              'không biết điểm tối đa của lĩnh vực (khai báo trong fields, tiêu đề cột "(12 điểm)" hoặc bộ tiêu chí)',
              'no field maximum known (declare it in fields, a header "(12 điểm)", or give the criteria)',
            ),
          }
        : {}),
      discrepancies: count('above-max'),
    },
    {
      id: 'index',
      title: t('Chỉ số = tổng điểm ÷ điểm tối đa × 100', 'Index = total ÷ max × 100'),
      run: nIndex > 0,
      ...(nIndex === 0 ? { reason: t('thiếu cột chỉ số, tổng điểm hoặc điểm tối đa', 'no index, total or maximum') } : {}),
      discrepancies: count('index'),
    },
  );
  return state;
}

function rankCheck(
  d: PublishedDecision,
  rules: Rules,
  state: Map<PublishedRow, RowState>,
  out: Discrepancy[],
  checks: CheckRun[],
  notes: Text[],
): void {
  const title = t('Thứ hạng theo chỉ số và quy tắc khi bằng điểm', 'Ranks follow the index under the tie rule');
  const before = out.length;
  if (!d.columns.rank) {
    checks.push({ id: 'rank', title, run: false, reason: t('bảng không có cột xếp hạng', 'the table prints no rank'), discrepancies: 0 });
    return;
  }
  // Tie-break keys usable on a printed table: a field printed as a column, the name, a printed unit id.
  const usable: TieBreakKey[] = [];
  for (const k of rules.tieBreak) {
    const ok = k.by === 'name' || (k.by === 'id' && d.columns.unitId) || (k.by === 'node' && d.fields.some((f) => f.id === k.id));
    if (!ok) break;
    usable.push(k);
  }
  const complete = usable.length === rules.tieBreak.length;
  if (!complete)
    notes.push(
      t(
        `Khóa phân định khi bằng điểm "${JSON.stringify(rules.tieBreak[usable.length])}" không có trong bảng: các đơn vị bằng nhau đến khóa đó được chấp nhận theo mọi thứ tự.`,
        `Tie-break key ${JSON.stringify(rules.tieBreak[usable.length])} is not printed: units tied up to that key are accepted in any order.`,
      ),
    );
  if (!complete && rules.method === 'dense') {
    checks.push({
      id: 'rank',
      title,
      run: false,
      reason: t(
        'xếp hạng liền (dense) cần mọi khóa phân định, mà bảng thiếu một khóa',
        'dense ranking needs every tie-break key, and one is not printed',
      ),
      discrepancies: 0,
    });
    return;
  }
  const groups = new Map<string, PublishedRow[]>();
  for (const r of d.rows) {
    const g = rules.groupBy === 'kind' ? (r.kind ?? '') : '';
    groups.set(g, [...(groups.get(g) ?? []), r]);
  }
  for (const [, list] of [...groups.entries()].sort((a, b) => cmpId(a[0], b[0]))) {
    const keys = list.map((r) => state.get(r)!.key);
    const fieldVal = (i: number, id: string): Exact => {
      const p = list[i]!.fields[id];
      return p ? contribution(p, rules.fieldInfo.get(id)?.block) : Exact.ZERO;
    };
    const cmpTie = (i: number, j: number): number => {
      for (const k of usable) {
        let c = 0;
        if (k.by === 'node') c = fieldVal(j, k.id).cmp(fieldVal(i, k.id)) * (k.order === 'asc' ? -1 : 1);
        else if (k.by === 'name') c = VI_COLLATOR.compare(stripPrefix(list[i]!.unit), stripPrefix(list[j]!.unit));
        else c = cmpId(list[i]!.unitId ?? '', list[j]!.unitId ?? '');
        if (c !== 0) return c;
      }
      return 0;
    };
    const cmpIndex = (i: number, j: number): number => keys[j]!.cmp(keys[i]!);
    const r = assignRanks(
      list.length,
      (i) => keys[i] !== null,
      cmpIndex,
      cmpTie,
      (i, j) => list[i]!.row - list[j]!.row,
      rules.method,
    );
    // Blocks of entries the usable keys cannot separate: under ordinal, or with a key missing, any order inside is accepted.
    const blockOf = new Map<number, { lo: number; hi: number }>();
    const loose = rules.method === 'ordinal' || !complete;
    for (let k = 0; k < r.order.length;) {
      const i = r.order[k]!;
      if (keys[i] === null) {
        k++;
        continue;
      }
      let e = k + 1;
      while (e < r.order.length && keys[r.order[e]!] !== null && cmpIndex(i, r.order[e]!) === 0 && cmpTie(i, r.order[e]!) === 0) e++;
      const lo = r.ranks[i]!;
      const hi = loose ? lo + (e - k - 1) : lo;
      for (let m = k; m < e; m++) blockOf.set(r.order[m]!, { lo: rules.method === 'ordinal' ? r.ranks[r.order[k]!]! : lo, hi });
      k = e;
    }
    list.forEach((row, i) => {
      const printed = row.rank;
      if (!printed) return;
      const st = state.get(row)!;
      if (keys[i] === null) {
        notes.push(t(`${row.unit}: không có chỉ số để kiểm tra thứ hạng.`, `${row.unit}: no index to check its rank against.`));
        return;
      }
      const b = blockOf.get(i)!;
      const ofOk = printed.of === null || printed.of === r.of;
      const rankOk = printed.rank >= b.lo && printed.rank <= b.hi;
      if (rankOk && ofOk) return;
      const expRank = rankOk ? printed.rank : b.lo;
      const range = b.hi > b.lo ? `${b.lo}–${b.hi}` : String(b.lo);
      const exp = printed.of !== null ? `${expRank}/${r.of}` : expRank;
      const why = st.keyNote ? `; ${st.keyNote.en}` : '';
      const whyVi = st.keyNote ? `; ${st.keyNote.vi}` : '';
      out.push({
        kind: 'rank',
        source: 'table',
        ...rowBase(row),
        cell: 'rank',
        published: printed.of !== null ? printed.text : printed.rank,
        expected: exp,
        delta: printed.rank - expRank,
        message: `${row.unit}: ranked ${printed.text}, but its index ${show(keys[i]!, 2, 'en')} gives rank ${range}${printed.of !== null ? ` of ${r.of}` : ''} (${rules.method}, on the ${rules.on} index)${why}`,
        messageVi: `${row.unit}: xếp hạng ${printed.text}, nhưng chỉ số ${show(keys[i]!, 2, 'vi')} cho hạng ${range}${printed.of !== null ? `/${r.of}` : ''}${whyVi}`,
      });
    });
  }
  checks.push({ id: 'rank', title, run: true, discrepancies: out.length - before });
}

function bandCheck(d: PublishedDecision, rules: Rules, state: Map<PublishedRow, RowState>, out: Discrepancy[], checks: CheckRun[]): void {
  const title = t('Xếp loại khớp ngưỡng', 'Bands match their thresholds');
  const levels = rules.bands?.levels;
  if (!d.columns.band || !levels) {
    checks.push({
      id: 'band',
      title,
      run: false,
      reason: !d.columns.band
        ? t('bảng không có cột xếp loại', 'the table prints no band')
        : t('không biết các mức xếp loại (khai báo bands hoặc cho bộ tiêu chí)', 'no bands known (declare bands, or give the criteria)'),
      discrepancies: 0,
    });
    return;
  }
  const before = out.length;
  for (const r of d.rows) {
    const st = state.get(r)!;
    if (!r.band || st.key === null) continue;
    const x = st.key;
    const want = bandFor(levels, x);
    const got = matchBand(levels, r.band);
    if (want && got && want.id === got.id) continue;
    const why = st.keyNote ? `; ${st.keyNote.en}` : '';
    const whyVi = st.keyNote ? `; ${st.keyNote.vi}` : '';
    out.push({
      kind: 'band',
      source: 'table',
      ...rowBase(r),
      cell: 'band',
      published: r.band,
      expected: want?.label ?? null,
      delta: null,
      message: got
        ? `${r.unit}: band printed "${r.band}", but index ${show(x, 2, 'en')} is in "${want?.labelEn ?? want?.label ?? 'no band'}"${why}`
        : `${r.unit}: "${r.band}" is not a band of the decision (${levels.map((b) => b.label).join(', ')})`,
      messageVi: got
        ? `${r.unit}: xếp loại in "${r.band}", nhưng chỉ số ${show(x, 2, 'vi')} thuộc mức "${want?.label ?? 'không có mức'}"${whyVi}`
        : `${r.unit}: "${r.band}" không phải mức xếp loại của quyết định (${levels.map((b) => b.label).join(', ')})`,
    });
  }
  checks.push({ id: 'band', title, run: true, discrepancies: out.length - before });
}

function summaryCheck(d: PublishedDecision, rules: Rules, out: Discrepancy[], checks: CheckRun[]): void {
  const title = t('Tổng hợp xếp loại cộng đúng', 'Band summaries add up');
  if (d.summary.length === 0) {
    checks.push({
      id: 'summary',
      title,
      run: false,
      reason: t('quyết định không in tổng hợp xếp loại', 'the decision prints no band summary'),
      discrepancies: 0,
    });
    return;
  }
  const before = out.length;
  const levels = rules.bands?.levels ?? [];
  const keyOf = (text: string): string => matchBand(levels, text)?.id ?? foldUnitName(text);
  const rowsBy = new Map<string, number>();
  for (const r of d.rows) if (r.band) rowsBy.set(keyOf(r.band), (rowsBy.get(keyOf(r.band)) ?? 0) + 1);
  const n = d.rows.length;
  const seen = new Set<string>();
  for (const s of d.summary) {
    const k = keyOf(s.band);
    seen.add(k);
    const actual = rowsBy.get(k) ?? 0;
    if (s.count !== actual) {
      out.push({
        kind: 'summary',
        source: 'table',
        unit: null,
        cell: 'count',
        field: s.band,
        published: s.count,
        expected: actual,
        delta: s.count - actual,
        message: `summary: ${s.count} unit(s) "${s.band}" printed, the table has ${actual}`,
        messageVi: `tổng hợp: in ${s.count} đơn vị "${s.band}", bảng có ${actual}`,
      });
    }
    if (s.percent && n > 0) {
      const x = Exact.ratio(actual * 100, n);
      const tol = tolOf(s.percent, rules);
      if (exceeds(s.percent, x, tol))
        out.push(
          numeric(
            { kind: 'summary', source: 'table', unit: null, cell: 'percent', field: s.band },
            s.percent,
            x,
            tol,
            'half-up',
            (p, e) => `summary: "${s.band}" printed ${p} %, ${actual} of ${n} units is ${e} %`,
            (p, e) => `tổng hợp: "${s.band}" in ${p}%, ${actual}/${n} đơn vị là ${e}%`,
          ),
        );
    }
  }
  for (const [k, c] of rowsBy) {
    if (seen.has(k)) continue;
    const label = levels.find((b) => b.id === k)?.label ?? k;
    out.push({
      kind: 'summary',
      source: 'table',
      unit: null,
      cell: 'count',
      field: label,
      published: null,
      expected: c,
      delta: null,
      message: `summary: ${c} unit(s) "${label}" in the table, but no summary line for it`,
      messageVi: `tổng hợp: bảng có ${c} đơn vị "${label}" nhưng không có dòng tổng hợp`,
    });
  }
  checks.push({ id: 'summary', title, run: true, discrepancies: out.length - before });
}

function leavesOf(card: ScoreCard, fieldId: string): NodeScore[] {
  const under = card.nodes.filter((n) => n.id.startsWith(`${fieldId}.`));
  return under.filter((n) => !under.some((m) => m.id.startsWith(`${n.id}.`)));
}

function findTrace(nodes: readonly TraceNode[] | undefined, id: string): TraceNode | undefined {
  for (const n of nodes ?? []) {
    if (n.id === id) return n;
    if (id.startsWith(`${n.id}.`)) return findTrace(n.children, id);
  }
  return undefined;
}

function traced(card: ScoreCard, nodes: readonly NodeScore[]): TracedNode[] {
  const trace = card.trace;
  return nodes.map((n) => ({
    id: n.id,
    title: n.title,
    points: n.points,
    max: n.max,
    status: n.status,
    lost: findTrace(trace, n.id)?.lost ?? [],
  }));
}

function nodeList(nodes: readonly TracedNode[], lang: Lang): string {
  return nodes
    .map((n) => `${n.id} ${show(n.points, 2, lang)}/${show(n.max, 2, lang)}${n.status !== 'scored' ? ` (${n.status})` : ''}`)
    .join('; ');
}

/** Reconciles the table with recomputed, ranked cards. */
function reconcile(d: PublishedDecision, rules: Rules, rows: readonly Ranked[], set: CriteriaSet | undefined, out: Discrepancy[]): void {
  const cards = rows.map((r) => r.card);
  const placeOf = new Map(rows.map((r) => [r.card, r]));
  if (set && d.criteria && (d.criteria.id !== set.id || (d.criteria.version !== undefined && d.criteria.version !== set.version))) {
    out.push({
      kind: 'metadata',
      source: 'evidence',
      unit: null,
      cell: 'metadata',
      field: 'criteria',
      published: `${d.criteria.id} ${d.criteria.version ?? ''}`.trim(),
      expected: `${set.id} ${set.version}`,
      delta: null,
      message: `the decision applies criteria ${d.criteria.id} ${d.criteria.version ?? ''}, the recomputation used ${set.id} ${set.version}`,
      messageVi: `quyết định áp dụng bộ tiêu chí ${d.criteria.id} ${d.criteria.version ?? ''}, tính lại theo ${set.id} ${set.version}`,
    });
  }
  const year = cards[0]?.evidence.year;
  if (d.year !== undefined && year !== undefined && d.year !== year) {
    out.push({
      kind: 'metadata',
      source: 'evidence',
      unit: null,
      cell: 'metadata',
      field: 'year',
      published: d.year,
      expected: year,
      delta: d.year - year,
      message: `the decision scores ${d.year}, the evidence is of ${year}`,
      messageVi: `quyết định chấm năm ${d.year}, minh chứng là của năm ${year}`,
    });
  }
  const byId = new Map(cards.map((c) => [c.unit.id, c]));
  const byName = new Map<string, ScoreCard[]>();
  for (const c of cards) byName.set(foldUnitName(c.unit.name), [...(byName.get(foldUnitName(c.unit.name)) ?? []), c]);
  const used = new Set<string>();
  for (const r of d.rows) {
    const named = byName.get(foldUnitName(r.unit)) ?? [];
    const card = (r.unitId !== undefined ? byId.get(r.unitId) : undefined) ?? (named.length === 1 ? named[0] : undefined);
    if (!card) {
      out.push({
        kind: 'unit-not-recomputed',
        source: 'evidence',
        ...rowBase(r),
        cell: 'unit',
        published: r.unit,
        expected: null,
        delta: null,
        message: `${r.unit}: no unit of the evidence matches this row${named.length > 1 ? ' (several share its name: print the unit id)' : ''}`,
        messageVi: `${r.unit}: không có đơn vị nào trong minh chứng khớp với dòng này${named.length > 1 ? ' (nhiều đơn vị trùng tên: in thêm mã đơn vị)' : ''}`,
      });
      continue;
    }
    used.add(card.unit.id);
    const base = { unit: r.unit, unitId: card.unit.id, row: r.row };
    for (const f of d.fields) {
      const p = r.fields[f.id];
      if (!p) continue;
      const cf = card.fields.find((x) => x.id === f.id);
      if (!cf) continue;
      const x = Exact.fromRatio(cf.exact) ?? Exact.of(cf.points);
      const tol = tolOf(p, rules);
      const block = rules.fieldInfo.get(f.id)?.block;
      if (!contribution(p, block).sub(x).abs().gt(tol)) continue;
      const nodes = traced(card, leavesOf(card, f.id));
      const shown = block === 'penalty' && X(p).sign() > 0 ? x.neg() : x;
      out.push({
        ...numeric(
          { kind: 'field-differs', source: 'evidence', ...base, cell: 'field', field: f.id },
          p,
          shown,
          tol,
          'half-up',
          (pp, e) => `${r.unit}: published field ${f.id} is ${pp}, recomputed ${e}; recomputed leaves of ${f.id}: ${nodeList(nodes, 'en')}`,
          (pp, e) =>
            `${r.unit}: lĩnh vực ${f.id} công bố ${pp}, tính lại ${e}; các tiêu chí của ${f.id} khi tính lại: ${nodeList(nodes, 'vi')}`,
        ),
        nodes,
      });
    }
    if (r.total) {
      const x = Exact.fromRatio(card.exact.total)!;
      const tol = tolOf(r.total, rules);
      if (exceeds(r.total, x, tol))
        out.push(
          numeric(
            { kind: 'total-differs', source: 'evidence', ...base, cell: 'total' },
            r.total,
            x,
            tol,
            'half-up',
            (p, e) => `${r.unit}: published total ${p}, recomputed ${e}`,
            (p, e) => `${r.unit}: tổng điểm công bố ${p}, tính lại ${e}`,
          ),
        );
    }
    if (r.max) {
      const x = Exact.fromRatio(card.exact.max)!;
      const tol = tolOf(r.max, rules);
      if (exceeds(r.max, x, tol)) {
        const nodes = traced(
          card,
          card.nodes.filter((n) => n.status === 'not-applicable' || n.status === 'shared'),
        );
        out.push({
          ...numeric(
            { kind: 'max-differs', source: 'evidence', ...base, cell: 'max' },
            r.max,
            x,
            tol,
            'half-up',
            (p, e) =>
              `${r.unit}: published maximum ${p}, recomputed ${e}${nodes.length ? `; not applicable or shared: ${nodes.map((n) => n.id).join(', ')}` : ''}`,
            (p, e) =>
              `${r.unit}: điểm tối đa công bố ${p}, tính lại ${e}${nodes.length ? `; không áp dụng hoặc chia điểm: ${nodes.map((n) => n.id).join(', ')}` : ''}`,
          ),
          nodes,
        });
      }
    }
    if (r.index && card.exact.index !== null) {
      const x = Exact.fromRatio(card.exact.index)!;
      const tol = tolOf(r.index, rules);
      if (exceeds(r.index, x, tol))
        out.push(
          numeric(
            { kind: 'index-differs', source: 'evidence', ...base, cell: 'index' },
            r.index,
            x,
            tol,
            rules.indexMode,
            (p, e) => `${r.unit}: published index ${p}, recomputed ${e}`,
            (p, e) => `${r.unit}: chỉ số công bố ${p}, tính lại ${e}`,
          ),
        );
    }
    const place = placeOf.get(card)!;
    if (r.rank && place.rank !== null) {
      const of = Number(place.rankOf!.split('/')[1]);
      if (r.rank.rank !== place.rank || (r.rank.of !== null && r.rank.of !== of)) {
        const exp = r.rank.of !== null ? place.rankOf : place.rank;
        out.push({
          kind: 'rank-differs',
          source: 'evidence',
          ...base,
          cell: 'rank',
          published: r.rank.of !== null ? r.rank.text : r.rank.rank,
          expected: exp,
          delta: r.rank.rank - place.rank,
          message: `${r.unit}: published rank ${r.rank.text}, recomputed ${place.rankOf}`,
          messageVi: `${r.unit}: thứ hạng công bố ${r.rank.text}, tính lại ${place.rankOf}`,
        });
      }
    }
    if (r.band && card.band && rules.bands) {
      const got = matchBand(rules.bands.levels, r.band);
      if (got?.id !== card.band.id)
        out.push({
          kind: 'band-differs',
          source: 'evidence',
          ...base,
          cell: 'band',
          published: r.band,
          expected: card.band.label,
          delta: null,
          message: `${r.unit}: published band "${r.band}", recomputed "${card.band.labelEn ?? card.band.label}"`,
          messageVi: `${r.unit}: xếp loại công bố "${r.band}", tính lại "${card.band.label}"`,
        });
    }
  }
  for (const c of cards) {
    if (used.has(c.unit.id)) continue;
    out.push({
      kind: 'unit-not-published',
      source: 'evidence',
      unit: c.unit.name,
      unitId: c.unit.id,
      cell: 'unit',
      published: null,
      expected: c.unit.name,
      delta: null,
      message: `${c.unit.name} (${c.unit.id}) is scored from the evidence but not printed in the decision`,
      messageVi: `${c.unit.name} (${c.unit.id}) được chấm từ minh chứng nhưng không có trong quyết định`,
    });
  }
}

const CELL_ORDER = ['metadata', 'unit', 'field', 'total', 'max', 'index', 'rank', 'band', 'count', 'percent'];
const sameValue = (a: number | string | null, b: number | string | null): boolean =>
  a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-9);

/**
 * Verifies a published decision: the table's own checks, and — with a criteria set and evidence (or cards) —
 * reconciliation with the recomputed, ranked cards. A difference both ways find with the same expected value is
 * reported once, with source `both`. Discrepancies are listed by row, then by cell (fields in the decision's
 * order, total, max, index, rank, band), then summaries; the input is never changed.
 *
 * @example
 * ```ts
 * const report = verifyDecision(decision, { set, evidence });
 * report.ok; // false
 * report.discrepancies.map((d) => `${d.kind} ${d.unit} ${d.field ?? ''}: ${d.published} ≠ ${d.expected}`);
 * ```
 */
export function verifyDecision(decision: PublishedDecision, opts: VerifyOptions = {}): VerifyReport {
  const set = opts.set;
  const rules = resolveRules(decision, set, opts.tolerance);
  const table: Discrepancy[] = [];
  const checks: CheckRun[] = [];
  const notes: Text[] = [];
  if (rules.rankFrom === 'default' && decision.columns.rank)
    notes.push(
      t(
        'Không có quy tắc xếp hạng (quyết định hoặc bộ tiêu chí): kiểm tra theo xếp hạng cạnh tranh (1, 2, 2, 4) trên chỉ số in.',
        'No tie rule given (decision or criteria): ranks checked as competition ranking (1, 2, 2, 4) on the printed index.',
      ),
    );
  const state = tableChecks(decision, rules, table, checks, notes);
  rankCheck(decision, rules, state, table, checks, notes);
  bandCheck(decision, rules, state, table, checks);
  summaryCheck(decision, rules, table, checks);
  // Scored once: what the caller scored is used as it is, else the evidence is scored (with its trace) here.
  const groupBy = rules.groupBy ? { groupBy: rules.groupBy } : {};
  const ranking =
    opts.ranking ??
    (opts.cards
      ? rank(opts.cards, set?.ranking ?? {}, groupBy)
      : set && opts.evidence
        ? score(set, opts.evidence, { trace: true, ...groupBy })
        : undefined);
  const evidence: Discrepancy[] = [];
  if (ranking) {
    reconcile(decision, rules, ranking.rows, set, evidence);
    checks.push({
      id: 'recompute',
      title: t('Đối chiếu với kết quả tính lại từ minh chứng', 'Reconciled with the scores recomputed from the evidence'),
      run: true,
      discrepancies: evidence.length,
    });
  } else {
    checks.push({
      id: 'recompute',
      title: t('Đối chiếu với kết quả tính lại từ minh chứng', 'Reconciled with the scores recomputed from the evidence'),
      run: false,
      reason: t('không có bộ tiêu chí và minh chứng', 'no criteria and evidence given'),
      discrepancies: 0,
    });
  }
  // A recomputed difference that a table check already found, with the same expected value, is said once.
  const merged: Discrepancy[] = [...table];
  for (const e of evidence) {
    const k = merged.findIndex(
      (x) =>
        x.source === 'table' &&
        x.row === e.row &&
        x.row !== undefined &&
        x.cell === e.cell &&
        x.field === e.field &&
        sameValue(x.expected, e.expected),
    );
    if (k >= 0) merged[k] = { ...merged[k]!, source: 'both', ...(e.unitId !== undefined ? { unitId: e.unitId } : {}) };
    else merged.push(e);
  }
  const fieldPos = (f: string | undefined) => (f === undefined ? -1 : decision.fields.findIndex((x) => x.id === f));
  merged.sort((a, b) => {
    const ra = a.row ?? (a.cell === 'metadata' ? -1 : Number.MAX_SAFE_INTEGER);
    const rb = b.row ?? (b.cell === 'metadata' ? -1 : Number.MAX_SAFE_INTEGER);
    return (
      ra - rb ||
      CELL_ORDER.indexOf(a.cell) - CELL_ORDER.indexOf(b.cell) ||
      fieldPos(a.field) - fieldPos(b.field) ||
      DISCREPANCY_KINDS.indexOf(a.kind) - DISCREPANCY_KINDS.indexOf(b.kind) ||
      cmpId(a.field ?? '', b.field ?? '') ||
      cmpId(a.unit ?? '', b.unit ?? '')
    );
  });
  const report: VerifyReport = {
    ok: merged.length === 0,
    decision: {
      ...(decision.file !== undefined ? { file: decision.file } : {}),
      ...(decision.issuer !== undefined ? { issuer: decision.issuer } : {}),
      ...(decision.number !== undefined ? { number: decision.number } : {}),
      ...(decision.date !== undefined ? { date: decision.date } : {}),
      ...(decision.title !== undefined ? { title: decision.title } : {}),
      ...(decision.year !== undefined ? { year: decision.year } : {}),
      ...(decision.criteria !== undefined
        ? {
            criteria: {
              id: decision.criteria.id,
              ...(decision.criteria.version !== undefined ? { version: decision.criteria.version } : {}),
            },
          }
        : {}),
      rows: decision.rows.length,
    },
    ...(set ? { criteria: { id: set.id, version: set.version, hash: set.hash } } : {}),
    tolerance: {
      declared: rules.tolerance ?? null,
      rule:
        rules.tolerance !== undefined
          ? t(`sai số khai báo ±${rules.tolerance} cho mọi ô`, `declared tolerance ±${rules.tolerance} for every cell`)
          : t(
              'một nửa đơn vị của chữ số cuối cùng được in ở mỗi ô (ví dụ ±0,005 cho 95,41)',
              'half of the last printed digit of each cell (e.g. ±0.005 for 95.41)',
            ),
    },
    rules: {
      ranking: { method: rules.method, on: rules.on, tieBreak: rules.tieBreak, from: rules.rankFrom },
      bands: rules.bandsFrom,
      groupBy: rules.groupBy ?? null,
    },
    checks,
    discrepancies: merged,
    notes,
  };
  return deepFreeze(report);
}

/**
 * The fields of a criteria set as a decision prints them (id, title, maximum, block), for matching table columns.
 *
 * @example decisionFields(set).map((f) => f.id) // ['1', …, '10']
 */
export function decisionFields(set: CriteriaSet): DecisionField[] {
  return set.tree.map((n) => ({
    id: n.id,
    title: n.title,
    ...(n.block ? { max: n.block.cap, block: n.block.kind } : n.max !== undefined ? { max: n.max } : {}),
  }));
}
