/**
 * The published decision (quyết định công bố kết quả Chỉ số CCHC) as read: its metadata — issuer, number, date,
 * the criteria set it applies — and the table it prints — unit, field scores, total, maximum, index, rank, band —
 * with the summaries some decisions add (so many units Xuất sắc, so many percent…).
 *
 * The document format is `published.ts`; a table (CSV or XLSX) is read by `decision-table.ts`; this file turns
 * either into a {@link PublishedDecision}. Every number keeps the decimals it was printed with, because the
 * default tolerance of every check is half of the last printed digit.
 * @module
 */
import { z } from 'zod';
import { deepFreeze } from '../core/document.js';
import { issue, ParIndexError, type Issue, type PathSegment } from '../core/errors.js';
import { Exact } from '../core/exact.js';
import type { Limits } from '../core/limits.js';
import type { Cell } from '../core/table.js';
import { printedNumber, printedRank, unitNameKey, type Printed, type PrintedRank } from './printed.js';
import { parsePublished, type PublishedData, PublishedField } from './published.js';

/**
 * One row of the published table.
 *
 * @example decision.rows.map((r: PublishedRow) => `${r.row} ${r.unit} ${r.total?.text}`)
 */
export interface PublishedRow {
  /** The row in the file (CSV/XLSX: the sheet's row number; inline rows: 1-based position). */
  readonly row: number;
  /** Where the row is in the file, for messages. */
  readonly path: readonly PathSegment[];
  /** The unit's name as printed. */
  readonly unit: string;
  /** The unit's id, when printed. */
  readonly unitId?: string;
  /** The unit's kind, when printed. */
  readonly kind?: string;
  /** Field points by field id; null where the cell is empty. */
  readonly fields: Readonly<Record<string, Printed | null>>;
  /** Total points, or null when the cell is empty. */
  readonly total: Printed | null;
  /** Maximum, or null. */
  readonly max: Printed | null;
  /** Index (%), or null. */
  readonly index: Printed | null;
  /** Rank, or null. */
  readonly rank: PrintedRank | null;
  /** Band, or null. */
  readonly band: string | null;
}

/**
 * A summary line: how many units reached a band, and their share.
 *
 * @example decision.summary[0] // { band: 'Xuất sắc', count: 4, percent: { value: 36.36, … }, path: ['summary', 0] }
 */
export interface PublishedSummary {
  /** The band as printed. */
  readonly band: string;
  /** How many units reached it. */
  readonly count: number;
  /** Their share (%), as printed, or null. */
  readonly percent: Printed | null;
  /** Where the line is in the file, for messages. */
  readonly path: readonly PathSegment[];
}

/**
 * A field column of the table.
 *
 * @example const f: DecisionField = { id: '9', title: 'Điểm thưởng', max: 2, block: 'bonus' }
 */
export interface DecisionField {
  /** The field's id. */
  readonly id: string;
  /** The field's title. */
  readonly title?: string;
  /** The field's maximum. */
  readonly max?: number;
  /** Set for a bonus or penalty block. */
  readonly block?: 'bonus' | 'penalty';
}

/**
 * What a published decision says about itself: the file, the issuer, the number, date and title, the year.
 *
 * @example const meta: DecisionMeta = { issuer: 'UBND huyện Văn Lâm', number: '14/QĐ-UBND', date: '2021-01-12', year: 2020 }
 */
export interface DecisionMeta {
  /** The file read, as shown in messages. */
  readonly file?: string;
  /** Cơ quan ban hành. */
  readonly issuer?: string;
  /** Số quyết định. */
  readonly number?: string;
  /** The decision's date. */
  readonly date?: string;
  /** The decision's title. */
  readonly title?: string;
  /** The year scored. */
  readonly year?: number;
}

/**
 * A published decision, read and frozen.
 *
 * @example const d: PublishedDecision = await readPublishedDecision('qd.yaml')
 */
export interface PublishedDecision extends DecisionMeta {
  /** The criteria set the decision applies. */
  readonly criteria?: {
    /** The set's id. */
    readonly id: string;
    /** Its version. */
    readonly version?: string;
    /** Its content hash. */
    readonly hash?: string;
  };
  /** The field columns. */
  readonly fields: readonly DecisionField[];
  /** The maximum of a unit when rows print none. */
  readonly max?: number;
  /** The tie rule, when the file gives one. */
  readonly ranking?: PublishedData['ranking'];
  /** The bands, when the file gives them. */
  readonly bands?: PublishedData['bands'];
  /** Ranks are within kinds of unit. */
  readonly groupBy?: 'kind';
  /** An absolute tolerance replacing the default. */
  readonly tolerance?: number;
  /** The tolerance of a total against the sum of its fields, replacing the bound their own rounding allows. */
  readonly partsTolerance?: number;
  /** Which columns the table had: checks that need a missing column are reported as not run. */
  readonly columns: {
    /** The table prints totals. */
    readonly total: boolean;
    /** The table prints maxima. */
    readonly max: boolean;
    /** The table prints the index. */
    readonly index: boolean;
    /** The table prints ranks. */
    readonly rank: boolean;
    /** The table prints bands. */
    readonly band: boolean;
    /** The table prints the unit's kind. */
    readonly kind: boolean;
    /** The table prints unit ids. */
    readonly unitId: boolean;
  };
  /** The rows of the table. */
  readonly rows: readonly PublishedRow[];
  /** The band summary lines. */
  readonly summary: readonly PublishedSummary[];
}

/**
 * Options of the readers.
 *
 * @example readPublishedDecision('qd.csv', { fields: decisionFields(set) } satisfies ReadDecisionOptions)
 */
export interface ReadDecisionOptions {
  /** The file name shown in messages. */
  readonly file?: string | undefined;
  /** Fields known from the criteria set (when given): columns are matched to them by id or title, and their maxima used. */
  readonly fields?: readonly DecisionField[] | undefined;
  /** Limits: `maxRows`, the most rows of the table (see SECURITY.md). */
  readonly limits?: Partial<Limits> | undefined;
}

export interface RawRow {
  row: number;
  path: PathSegment[];
  /** Where a cell is, for messages: the column's header in a table, the key in inline rows. */
  where: (key: string, field?: boolean) => PathSegment[];
  raw: {
    unit: string;
    unitId: Cell;
    kind: Cell;
    fields: Record<string, Cell>;
    total: Cell;
    max: Cell;
    index: Cell;
    rank: Cell;
    band: Cell;
  };
}

export function finish(
  meta: PublishedData,
  fields: readonly DecisionField[],
  columns: PublishedDecision['columns'],
  raws: readonly RawRow[],
  file: string | undefined,
): PublishedDecision {
  const issues: Issue[] = [];
  const dp = meta.decimals?.points;
  const di = meta.decimals?.index;
  const rows: PublishedRow[] = [];
  const seen = new Map<string, number>();
  for (const r of raws) {
    const num = (cell: Cell, what: string, dec: number | undefined, at: PathSegment[]): Printed | null => {
      const p = printedNumber(cell, dec);
      if (p === undefined) {
        issues.push(
          issue(
            'verify.bad-value',
            'error',
            at,
            `${what}: "${String(cell)}" is not a number (write 95,41 or 95.41)`,
            `${what}: "${String(cell)}" không phải là số (viết 95,41 hoặc 95.41)`,
            { file, unit: r.raw.unit },
          ),
        );
        return null;
      }
      return p;
    };
    const unit = r.raw.unit.trim();
    if (!unit) {
      issues.push(issue('verify.bad-value', 'error', r.path, 'the unit cell is empty', 'ô tên đơn vị bị trống', { file }));
      continue;
    }
    const fieldVals: Record<string, Printed | null> = {};
    for (const f of fields) fieldVals[f.id] = num(r.raw.fields[f.id] ?? null, `field ${f.id}`, dp, r.where(f.id, true));
    const rk = printedRank(r.raw.rank);
    if (rk === undefined)
      issues.push(
        issue(
          'verify.bad-value',
          'error',
          r.where('rank'),
          `rank "${String(r.raw.rank)}" is not a rank (write 3 or 3/11)`,
          `thứ hạng "${String(r.raw.rank)}" không hợp lệ (viết 3 hoặc 3/11)`,
          { file, unit },
        ),
      );
    const unitId = r.raw.unitId === null ? undefined : String(r.raw.unitId).trim();
    const key = unitId ?? unitNameKey(unit);
    const before = seen.get(key);
    if (before !== undefined)
      issues.push(
        issue(
          'verify.duplicate-unit',
          'error',
          r.path,
          `unit "${unit}" is printed twice (rows ${before} and ${r.row})`,
          `đơn vị "${unit}" xuất hiện hai lần (dòng ${before} và ${r.row})`,
          { file, unit },
        ),
      );
    seen.set(key, r.row);
    rows.push({
      row: r.row,
      path: r.path,
      unit,
      ...(unitId ? { unitId } : {}),
      ...(r.raw.kind !== null && String(r.raw.kind).trim() ? { kind: String(r.raw.kind).trim() } : {}),
      fields: fieldVals,
      total: num(r.raw.total, 'total', dp, r.where('total')),
      max: num(r.raw.max, 'max', dp, r.where('max')),
      index: num(r.raw.index, 'index', di, r.where('index')),
      rank: rk ?? null,
      band: r.raw.band === null || String(r.raw.band).trim() === '' ? null : String(r.raw.band).trim(),
    });
  }
  if (rows.length === 0 && issues.length === 0)
    issues.push(issue('verify.no-rows', 'error', [], 'the published table has no row', 'bảng công bố không có dòng nào', { file }));
  const summary: PublishedSummary[] = (meta.summary ?? []).flatMap((s, i) => {
    const c = printedNumber(s.count);
    if (!c || !Exact.fromRatio(c.exact)!.isInteger() || c.value < 0) {
      issues.push(
        issue(
          'verify.bad-value',
          'error',
          ['summary', i, 'count'],
          `count "${String(s.count)}" is not a whole number`,
          `số lượng "${String(s.count)}" không phải số nguyên`,
          { file },
        ),
      );
      return [];
    }
    const p = s.percent === undefined ? null : printedNumber(s.percent, meta.decimals?.percent);
    if (p === undefined) {
      issues.push(
        issue(
          'verify.bad-value',
          'error',
          ['summary', i, 'percent'],
          `percent "${String(s.percent)}" is not a number`,
          `tỷ lệ "${String(s.percent)}" không phải là số`,
          { file },
        ),
      );
      return [];
    }
    return [{ band: s.band, count: c.value, percent: p, path: ['summary', i] }];
  });
  if (issues.length) throw new ParIndexError(issues);
  const d: PublishedDecision = {
    ...(file !== undefined ? { file } : {}),
    ...(meta.issuer !== undefined ? { issuer: meta.issuer } : {}),
    ...(meta.number !== undefined ? { number: meta.number } : {}),
    ...(meta.date !== undefined ? { date: meta.date } : {}),
    ...(meta.title !== undefined ? { title: meta.title } : {}),
    ...(meta.year !== undefined ? { year: meta.year } : {}),
    ...(meta.criteria !== undefined
      ? {
          criteria: {
            id: meta.criteria.id,
            ...(meta.criteria.version !== undefined ? { version: meta.criteria.version } : {}),
            ...(meta.criteria.hash !== undefined ? { hash: meta.criteria.hash } : {}),
          },
        }
      : {}),
    fields,
    ...(meta.max !== undefined ? { max: meta.max } : {}),
    ...(meta.ranking !== undefined ? { ranking: meta.ranking } : {}),
    ...(meta.bands !== undefined ? { bands: meta.bands } : {}),
    ...(meta.groupBy !== undefined ? { groupBy: meta.groupBy } : {}),
    ...(meta.tolerance !== undefined ? { tolerance: meta.tolerance } : {}),
    ...(meta.partsTolerance !== undefined ? { partsTolerance: meta.partsTolerance } : {}),
    columns,
    rows,
    summary,
  };
  return deepFreeze(d);
}

/**
 * Builds a decision from a document with inline `rows` (YAML or JSON). Field columns are the document's
 * `fields` (or `opts.fields`, from the criteria set), else the ids the rows use, in order of first appearance.
 *
 * @example
 * ```ts
 * const d = loadPublishedDecision({ format: 'par-index/published@1', rows: [{ unit: 'Xã An', fields: { '1': '8,50' }, total: '8,50' }] });
 * d.fields.map((f) => f.id); // ['1']
 * ```
 */
export function loadPublishedDecision(doc: unknown, opts: ReadDecisionOptions = {}): PublishedDecision {
  const file = opts.file;
  const meta = parsePublished(doc, { file, limits: opts.limits });
  if (!meta.rows)
    throw new ParIndexError([
      issue(
        'verify.no-rows',
        'error',
        ['table'],
        `the rows are in the table file "${meta.table}": read it with readPublishedDecision (par-index/io)`,
        `các dòng nằm trong tệp bảng "${meta.table}": đọc bằng readPublishedDecision (par-index/io)`,
        { file },
      ),
    ]);
  const known = (meta.fields ?? opts.fields)?.map(stripUndefined);
  const ids: string[] = [];
  for (const r of meta.rows) for (const id of Object.keys(r.fields)) if (!ids.includes(id)) ids.push(id);
  const issues: Issue[] = [];
  if (known) {
    meta.rows.forEach((r, i) => {
      for (const id of Object.keys(r.fields))
        if (!known.some((f) => f.id === id))
          issues.push(
            issue(
              'verify.unknown-column',
              'error',
              ['rows', i, 'fields', id],
              `field "${id}" is not one of the decision's fields (${known.map((f) => f.id).join(', ')})`,
              `lĩnh vực "${id}" không thuộc các lĩnh vực của quyết định (${known.map((f) => f.id).join(', ')})`,
              { file },
            ),
          );
    });
  }
  if (issues.length) throw new ParIndexError(issues);
  const fields: DecisionField[] = known ? known.filter((f) => ids.includes(f.id)) : ids.map((id) => ({ id }));
  const raws: RawRow[] = meta.rows.map((r, i) => ({
    row: i + 1,
    path: ['rows', i],
    where: (key: string, field = false): PathSegment[] => (field ? ['rows', i, 'fields', key] : ['rows', i, key]),
    raw: {
      unit: r.unit,
      unitId: r.unitId ?? null,
      kind: r.kind ?? null,
      fields: r.fields,
      total: r.total ?? null,
      max: r.max ?? null,
      index: r.index ?? null,
      rank: r.rank ?? null,
      band: r.band ?? null,
    },
  }));
  const has = (k: 'total' | 'max' | 'index' | 'rank' | 'band' | 'kind' | 'unitId'): boolean =>
    meta.rows!.some((r) => r[k] !== undefined && r[k] !== null);
  return finish(
    meta,
    fields,
    {
      total: has('total'),
      max: has('max'),
      index: has('index'),
      rank: has('rank'),
      band: has('band'),
      kind: has('kind'),
      unitId: has('unitId'),
    },
    raws,
    file,
  );
}

export function stripUndefined(f: DecisionField | z.output<typeof PublishedField>): DecisionField {
  return {
    id: f.id,
    ...(f.title !== undefined ? { title: f.title } : {}),
    ...(f.max !== undefined ? { max: f.max } : {}),
    ...(f.block !== undefined ? { block: f.block } : {}),
  };
}
