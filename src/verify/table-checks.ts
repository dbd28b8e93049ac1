/**
 * The checks of a published table on its own: fields add up to the total, no score above its maximum,
 * index = total ÷ max × 100, ranks follow the index under the tie rule, bands match their thresholds, summaries
 * add up.
 * @module
 */
import type { Lang } from '../core/errors.js';
import { Exact } from '../core/exact.js';
import type { Text } from '../core/text.js';
import { assignRanks, cmpId, VI_COLLATOR, type TieBreakKey } from '../ranking/rank.js';
import { type PublishedDecision, type PublishedRow } from './decision.js';
import { foldUnitName } from './printed.js';
import {
  bandFor,
  contribution,
  exceeds,
  matchBand,
  numeric,
  partsTolerance,
  rowBase,
  type RowState,
  type Rules,
  show,
  stripPrefix,
  t,
  tolOf,
  X,
} from './rules.js';
import type { CheckRun, Discrepancy } from './types.js';

/** Checks of the table on its own. */
export function tableChecks(
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
      // Each printed field was rounded on its own: the sum is judged within the parts' tolerance, named in the finding.
      const { tol, rule } = partsTolerance(
        d.fields.map((f) => r.fields[f.id]!),
        r.total,
        rules,
      );
      st.sumOk = !exceeds(r.total, sum, tol);
      if (!st.sumOk) {
        out.push({
          ...numeric(
            { kind: 'sum', source: 'table', ...rowBase(r), cell: 'total' },
            r.total,
            sum,
            tol,
            'half-up',
            (p, e) => `${r.unit}: the fields add up to ${e}, the total printed is ${p} (tolerance ${rule.en})`,
            (p, e) => `${r.unit}: các lĩnh vực cộng lại được ${e}, tổng điểm in là ${p} (sai số cho phép ${rule.vi})`,
          ),
          toleranceRule: rule,
        });
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

export function rankCheck(
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

export function bandCheck(
  d: PublishedDecision,
  rules: Rules,
  state: Map<PublishedRow, RowState>,
  out: Discrepancy[],
  checks: CheckRun[],
): void {
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

export function summaryCheck(d: PublishedDecision, rules: Rules, out: Discrepancy[], checks: CheckRun[]): void {
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
