/**
 * Ranking a published table (xếp hạng từ bảng công bố): a province's printed list of units and their index or
 * total, not the library's own score cards, ranked under the same tie rules as score cards ({@link assignRanks}),
 * with the published order as a last tie-break key when asked.
 * @module
 */
import { deepFreeze } from '../core/document.js';
import { issue, ParIndexError, type Issue, type PathSegment } from '../core/errors.js';
import { Exact } from '../core/exact.js';
import type { Text } from '../core/text.js';
import { assignRanks, cmpId, VI_COLLATOR, type RankMethod, type RankRule, type TieBreakKey } from '../ranking/rank.js';
import type { PublishedDecision } from './decision.js';
import { unitNameKey, type Printed, type PrintedRank } from './printed.js';
import { contribution, stripPrefix, t, X } from './rules.js';

/**
 * Options of {@link rankPublished}.
 *
 * @example rankPublished(decision, { method: 'dense' }, { by: 'total', publishedOrder: true } satisfies RankPublishedOptions)
 */
export interface RankPublishedOptions {
  /** The figure ranked: the printed index (the default when the table prints one) or the printed total. */
  readonly by?: 'index' | 'total';
  /** Rank within the table's kinds of unit (its "Loại đơn vị" column). */
  readonly groupBy?: 'kind';
  /** After the rule's keys, break ties by the order the table prints the units in (earlier row first). */
  readonly publishedOrder?: boolean;
}

/**
 * One row of a {@link PublishedRanking}: the printed unit, the figure it is ranked on and its place.
 *
 * @example ranking.rows.map((r: PublishedRanked) => `${r.rankOf ?? '—'} ${r.unit} ${r.value?.text ?? ''}`)
 */
export interface PublishedRanked {
  /** The row in the published file. */
  readonly row: number;
  /** The unit as printed. */
  readonly unit: string;
  /** The unit's id, when printed. */
  readonly unitId?: string;
  /** The unit's kind, when printed. */
  readonly kind?: string;
  /** The figure ranked, as printed (null: the cell is empty, the unit is not ranked). */
  readonly value: Printed | null;
  /** With `on: exact`: the exact index total ÷ max × 100 ranked on, as "n/d". */
  readonly exact?: string;
  /** The rank (1 is best), or null when the unit has no figure. */
  readonly rank: number | null;
  /** The rank as "k/N" (N: the units ranked in its group), or null. */
  readonly rankOf: string | null;
  /** The group ("" for a unit without a kind); null when not grouped. */
  readonly group: string | null;
  /** The rank the table prints, if it prints one. */
  readonly printedRank: PrintedRank | null;
}

/**
 * A published table ranked: the rule applied and the rows in rank order (by group first; units without a figure
 * last in their group). Frozen.
 *
 * @example
 * ```ts
 * const r: PublishedRanking = rankPublished(await readPublishedDecision('xep-hang-2024.csv'));
 * r.rows[0].unit; // the first unit
 * ```
 */
export interface PublishedRanking {
  /** The file the table was read from. */
  readonly file?: string;
  /** The figure ranked. */
  readonly by: 'index' | 'total';
  /** The rule applied. */
  readonly rule: {
    /** Competition, dense or ordinal ranking. */
    readonly method: RankMethod;
    /** Ranked on the printed figure (`rounded`) or on total ÷ max × 100 (`exact`). */
    readonly on: 'rounded' | 'exact';
    /** The tie-break keys, in order. */
    readonly tieBreak: readonly TieBreakKey[];
    /** Ties left after the keys are broken by the published order. */
    readonly publishedOrder: boolean;
  };
  /** The attribute units are ranked within, or null. */
  readonly groupBy: 'kind' | null;
  /** Every printed row with its place. */
  readonly rows: readonly PublishedRanked[];
  /** What a reader should know: units not ranked, totals ranked over different maxima. */
  readonly notes: readonly Text[];
}

/**
 * Ranks the units of a published table (read by `readPublishedDecision`: CSV, XLSX, a JSON list of rows, or a
 * `par-index/published@1` document) by their printed index — or total, with `by: 'total'` or when the table
 * prints no index — descending, under `rule` (a criteria set's `ranking:`, or options of the command): ties are
 * numbered `competition` (1, 2, 2, 4), `dense` (1, 2, 2, 3) or `ordinal` (1, 2, 3, 4); `tieBreak` keys may name a
 * field the table prints as a column, the name or a printed unit id; `publishedOrder` adds the printed order as
 * the last key. Under `ordinal`, units equal on every key are ordered by unit id (the printed id, else the name).
 * A unit whose cell is empty is kept, last and unranked, and named in the notes. `on: 'exact'` ranks on
 * total ÷ max × 100 and needs both printed (or the document's `max:`). A key the table cannot apply is an error
 * (`verify.missing-column`), not a key silently skipped. The decision is not changed; the result is frozen.
 *
 * @example
 * ```ts
 * const d = loadPublishedDecision({ format: 'par-index/published@1', rows: [
 *   { unit: 'Xã An', index: '80,00' }, { unit: 'Xã Bình', index: '70,00' }, { unit: 'Xã Cường', index: '70,00' }] });
 * rankPublished(d, { method: 'competition' }).rows.map((r) => r.rank); // [1, 2, 2]
 * rankPublished(d, {}, { publishedOrder: true }).rows.map((r) => r.rank); // [1, 2, 3]
 * ```
 */
export function rankPublished(d: PublishedDecision, rule: RankRule = {}, opts: RankPublishedOptions = {}): PublishedRanking {
  const method = rule.method ?? 'competition';
  const on = rule.on ?? 'rounded';
  const keys = rule.tieBreak ?? [];
  const file = d.file;
  const issues: Issue[] = [];
  const missing = (path: PathSegment[], en: string, vi: string) =>
    issues.push(issue('verify.missing-column', 'error', path, en, vi, { file }));
  const by = opts.by ?? (d.columns.index ? 'index' : 'total');
  if (by === 'index' && !d.columns.index && on === 'rounded')
    missing(
      ['header'],
      'no index column to rank on (Chỉ số, Chỉ số (%), Index…): rank by the total instead (--by total)',
      'không có cột chỉ số để xếp hạng (Chỉ số, Chỉ số (%)…): xếp theo tổng điểm (--by total)',
    );
  if (by === 'total' && !d.columns.total)
    missing(
      ['header'],
      'no total column to rank on (Tổng điểm, Tổng cộng, Total…)',
      'không có cột tổng điểm để xếp hạng (Tổng điểm, Tổng cộng…)',
    );
  if (on === 'exact' && by === 'index' && (!d.columns.total || (!d.columns.max && d.max === undefined)))
    missing(
      ['header'],
      'on: exact ranks on total ÷ max × 100, but the table prints no total or no maximum (and the document declares no max:)',
      'on: exact xếp hạng theo tổng điểm ÷ điểm tối đa × 100, nhưng bảng không in tổng điểm hoặc điểm tối đa (và không khai báo max:)',
    );
  if (opts.groupBy === 'kind' && !d.columns.kind)
    missing(['header'], 'ranks within kinds need a kind column (Loại đơn vị, Kind)', 'xếp hạng theo loại đơn vị cần cột Loại đơn vị');
  keys.forEach((k, i) => {
    if (k.by === 'node' && !d.fields.some((f) => f.id === k.id))
      missing(
        ['ranking', 'tieBreak', i],
        `tie-break key node ${k.id}: the table prints no column for field ${k.id} (fields printed: ${d.fields.map((f) => f.id).join(', ') || 'none'})`,
        `khóa phân định điểm ${k.id}: bảng không in cột lĩnh vực ${k.id} (các lĩnh vực có cột: ${d.fields.map((f) => f.id).join(', ') || 'không có'})`,
      );
    if (k.by === 'id' && !d.columns.unitId)
      missing(
        ['ranking', 'tieBreak', i],
        'tie-break key id: the table prints no unit id column (Mã đơn vị, unit_id)',
        'khóa phân định theo mã: bảng không in cột mã đơn vị (Mã đơn vị)',
      );
  });
  if (issues.length) throw new ParIndexError(issues);

  const notes: Text[] = [];
  const value = (r: PublishedDecision['rows'][number]): Printed | null => (by === 'index' ? r.index : r.total);
  const keyOf = (r: PublishedDecision['rows'][number]): Exact | null => {
    if (on === 'exact' && by === 'index') {
      const max = r.max ? X(r.max) : d.max !== undefined ? Exact.of(d.max) : undefined;
      return r.total && max && !max.isZero() ? X(r.total).div(max).mul(Exact.HUNDRED) : null;
    }
    const v = value(r);
    return v ? X(v) : null;
  };
  if (by === 'total' && d.columns.max) {
    const maxima = new Set(d.rows.filter((r) => r.max).map((r) => r.max!.exact));
    if (maxima.size > 1)
      notes.push(
        t(
          'Các đơn vị có điểm tối đa khác nhau: xếp hạng theo tổng điểm không so sánh cùng một thang; xếp theo chỉ số sẽ đúng hơn.',
          'Units have different maxima: ranking by the total compares different scales; ranking by the index would not.',
        ),
      );
  }
  const lastKey = (r: PublishedDecision['rows'][number]): string => r.unitId ?? unitNameKey(r.unit);
  const groups = new Map<string, PublishedDecision['rows'][number][]>();
  for (const r of d.rows) {
    const g = opts.groupBy === 'kind' ? (r.kind ?? '') : '';
    const list = groups.get(g);
    if (list) list.push(r);
    else groups.set(g, [r]);
  }
  const rows: PublishedRanked[] = [];
  for (const [group, list] of [...groups.entries()].sort((a, b) => cmpId(a[0], b[0]))) {
    const primary = list.map(keyOf);
    const field = (i: number, id: string): Exact => {
      const p = list[i]!.fields[id];
      return p ? contribution(p, d.fields.find((f) => f.id === id)?.block) : Exact.ZERO;
    };
    const cmpTie = (i: number, j: number): number => {
      for (const k of keys) {
        let c = 0;
        if (k.by === 'node') c = field(j, k.id).cmp(field(i, k.id)) * (k.order === 'asc' ? -1 : 1);
        else if (k.by === 'name') c = VI_COLLATOR.compare(stripPrefix(list[i]!.unit), stripPrefix(list[j]!.unit));
        else c = cmpId(list[i]!.unitId ?? '', list[j]!.unitId ?? '');
        if (c !== 0) return c;
      }
      return opts.publishedOrder ? list[i]!.row - list[j]!.row : 0;
    };
    const r = assignRanks(
      list.length,
      (i) => primary[i] !== null,
      (i, j) => primary[j]!.cmp(primary[i]!),
      cmpTie,
      (i, j) => cmpId(lastKey(list[i]!), lastKey(list[j]!)) || list[i]!.row - list[j]!.row,
      method,
    );
    for (const i of r.order) {
      const row = list[i]!;
      const k = r.ranks[i]!;
      const key = primary[i];
      if (k === null)
        notes.push(
          t(
            `${row.unit} (dòng ${row.row}): không có ${by === 'index' ? 'chỉ số' : 'tổng điểm'}, không xếp hạng.`,
            `${row.unit} (row ${row.row}): no ${by}, not ranked.`,
          ),
        );
      rows.push({
        row: row.row,
        unit: row.unit,
        ...(row.unitId !== undefined ? { unitId: row.unitId } : {}),
        ...(row.kind !== undefined ? { kind: row.kind } : {}),
        value: value(row),
        ...(on === 'exact' && by === 'index' && key ? { exact: key.toRatio() } : {}),
        rank: k,
        rankOf: k === null ? null : `${k}/${r.of}`,
        group: opts.groupBy === undefined ? null : group,
        printedRank: row.rank,
      });
    }
  }
  return deepFreeze({
    ...(file !== undefined ? { file } : {}),
    by,
    rule: { method, on, tieBreak: keys, publishedOrder: opts.publishedOrder === true },
    groupBy: opts.groupBy ?? null,
    rows,
    notes,
  });
}
