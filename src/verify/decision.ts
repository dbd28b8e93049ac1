/**
 * The published decision (quyết định công bố kết quả Chỉ số CCHC): its metadata — issuer, number, date, the
 * criteria set it applies — and the table it prints — unit, field scores, total, maximum, index, rank, band —
 * with the summaries some decisions add (so many units Xuất sắc, so many percent…).
 *
 * One format, `par-index/published@1`, in YAML or JSON: either the rows inline (`rows:`), or a table file it
 * names (`table:`, CSV or XLSX, Vietnamese headers and comma decimals as printed). A bare CSV or XLSX can be
 * read too: its headers are recognised by their usual Vietnamese names. Every number keeps the decimals it was
 * printed with, because the default tolerance of every check is half of the last printed digit.
 * @module
 */
import { z } from 'zod';
import { deepFreeze } from '../core/document.js';
import { issue, ParIndexError, type Issue, type PathSegment } from '../core/errors.js';
import { Exact } from '../core/exact.js';
import { beyondLimit, resolveLimits, type Limits } from '../core/limits.js';
import { normalizeHeader, type Cell, type TableRow } from '../core/table.js';
import { Id, isExtremeDecimal, IsoDate, NodeId, readDocument } from '../core/zod-helpers.js';
import { BandLevel, IndexBasis, TieBreak } from '../criteria/schema.js';
import { RANK_METHODS, type RankMethod } from '../ranking/rank.js';

/**
 * The format tag of a published decision, without its version.
 *
 * @example `${PUBLISHED_FORMAT}@${PUBLISHED_FORMAT_VERSION}` // 'par-index/published@1'
 */
export const PUBLISHED_FORMAT = 'par-index/published';
/**
 * The newest published-decision format version this library reads.
 *
 * @example PUBLISHED_FORMAT_VERSION // 1
 */
export const PUBLISHED_FORMAT_VERSION = 1;

const Printed = z.union([z.number(), z.string()]).nullable();

/**
 * A field (lĩnh vực) as the decision prints it: its id, title, maximum, and whether it is a bonus or penalty block.
 *
 * @example PublishedField.parse({ id: '10', title: 'Điểm trừ', max: 3, block: 'penalty' })
 */
export const PublishedField = z.strictObject({
  /** The field's id, as the decision numbers it. */
  id: NodeId,
  /** The field's title. */
  title: z.string().optional(),
  /** The field's maximum. */
  max: z.number().min(0).optional(),
  /** A bonus block adds its points; a penalty block subtracts them (a positive printed value is a deduction). */
  block: z.enum(['bonus', 'penalty']).optional(),
});

/**
 * A printed row, inline in YAML/JSON. Numbers as printed: "95,41" or 95.41.
 *
 * @example PublishedRowSchema.parse({ unit: 'Xã An', fields: { '1': '8,50' }, total: '8,50', rank: '1/11' })
 */
export const PublishedRowSchema = z.strictObject({
  /** The unit's name as printed. */
  unit: z.string().min(1),
  /** The unit's id, when the table gives one. */
  unitId: z.string().optional(),
  /** The unit's kind (Loại đơn vị), when ranks are within kinds. */
  kind: z.string().optional(),
  /** Field points by field id, as printed. */
  fields: z.record(z.string(), Printed).default({}),
  /** Total points, as printed. */
  total: Printed.optional(),
  /** Maximum, as printed. */
  max: Printed.optional(),
  /** Index (%), as printed. */
  index: Printed.optional(),
  /** Rank, as printed ("3" or "3/11"). */
  rank: z.union([z.number(), z.string()]).nullable().optional(),
  /** Band, as printed. */
  band: z.string().nullable().optional(),
});

/**
 * The whole file: metadata, then `rows` or a `table` file.
 *
 * @example PublishedSchema.safeParse(parseText(yamlText)).success
 */
export const PublishedSchema = z.strictObject({
  /** The format tag: `par-index/published@1`. */
  format: z.string(),
  /** Cơ quan ban hành. */
  issuer: z.string().optional(),
  /** Số quyết định, e.g. "14/QĐ-UBND". */
  number: z.string().optional(),
  /** The decision's date. */
  date: IsoDate.optional(),
  /** The decision's title (trích yếu). */
  title: z.string().optional(),
  /** The year scored. */
  year: z.number().int().optional(),
  /** The criteria set the decision applies. */
  criteria: z
    .strictObject({
      /** The set's id. */
      id: Id,
      /** Its version. */
      version: z.string().optional(),
      /** Its content hash, when the decision is tied to that exact text. */
      hash: z.string().optional(),
    })
    .optional(),
  /** The fields (columns of points), in the table's order. */
  fields: z.array(PublishedField).optional(),
  /** The maximum of a unit when the table prints none per row. */
  max: z.number().positive().optional(),
  /** The tie rule, when the criteria set is not given (else the set's rule applies). */
  ranking: z
    .strictObject({
      /** Competition (1, 2, 2, 4; the default), dense or ordinal ranking. */
      method: z.enum(RANK_METHODS as [RankMethod, ...RankMethod[]]).default('competition'),
      /** Rank on the rounded (printed; the default) or the exact index. */
      on: IndexBasis.default('rounded'),
      /** How ties are broken, in order. */
      tieBreak: z.array(TieBreak).default([]),
    })
    .optional(),
  /** The bands, when the criteria set is not given. */
  bands: z
    .strictObject({
      /** Bands by the rounded (printed; the default) or the exact index. */
      on: IndexBasis.default('rounded'),
      /** The band levels, as in a criteria set. */
      levels: z.array(BandLevel).min(1),
    })
    .optional(),
  /** Ranks are within groups of this column: `kind` (Loại đơn vị). */
  groupBy: z.literal('kind').optional(),
  /** Decimals of numbers given as numbers (XLSX cells, JSON numbers), which do not show their printed decimals. */
  decimals: z
    .strictObject({
      /** Decimals of points (fields, total, max). */
      points: z.number().int().min(0).max(6).optional(),
      /** Decimals of the index. */
      index: z.number().int().min(0).max(6).optional(),
      /** Decimals of the summary's percentages. */
      percent: z.number().int().min(0).max(6).optional(),
    })
    .optional(),
  /** An absolute tolerance replacing the default (half of the last printed digit of each cell). */
  tolerance: z.number().min(0).optional(),
  /** The table file (CSV or XLSX), relative to this file. */
  table: z.string().optional(),
  /** XLSX: the sheet, by name or 1-based position. */
  sheet: z.union([z.string(), z.number().int().min(1)]).optional(),
  /** Header → role (`unit`, `unitId`, `kind`, `total`, `max`, `index`, `rank`, `band`, `ignore`) or `{ field: id }`. */
  columns: z
    .record(
      z.string(),
      z.union([
        z.enum(['unit', 'unitId', 'kind', 'total', 'max', 'index', 'rank', 'band', 'ignore']),
        z.strictObject({
          /** The id of the field whose points the column prints. */
          field: NodeId,
        }),
      ]),
    )
    .optional(),
  /** The rows, written inline instead of a table file. */
  rows: z.array(PublishedRowSchema).optional(),
  /** Per-band counts and percentages as printed (tổng hợp xếp loại). */
  summary: z
    .array(
      z.strictObject({
        /** The band, as printed. */
        band: z.string().min(1),
        /** How many units are in it, as printed. */
        count: z.union([z.number(), z.string()]),
        /** Their share in percent, as printed. */
        percent: Printed.optional(),
      }),
    )
    .optional(),
});

/**
 * The published-decision document as written.
 *
 * @example const meta: PublishedData = parsePublished(doc, { file: 'qd.yaml' })
 */
export type PublishedData = z.output<typeof PublishedSchema>;

/**
 * A number as printed: its exact value, the decimals shown, and the text.
 *
 * @example decision.rows[0].index // { exact: '9541/100', value: 95.41, decimals: 2, text: '95,41' }
 */
export interface Printed {
  /** The exact value as "n/d" (read with `Exact.fromRatio`). */
  readonly exact: string;
  /** The value as a number. */
  readonly value: number;
  /** Decimals shown. */
  readonly decimals: number;
  /** The text as printed. */
  readonly text: string;
}

/**
 * A printed rank: "3" or "3/11".
 *
 * @example decision.rows[0].rank // { rank: 1, of: 11, text: '1/11' }
 */
export interface PrintedRank {
  /** The rank. */
  readonly rank: number;
  /** Out of how many, when printed ("3/11"). */
  readonly of: number | null;
  /** The text as printed. */
  readonly text: string;
}

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
 * Usual Vietnamese (and English) headers of each column, compared after `normalizeHeader`.
 *
 * @example PUBLISHED_HEADERS.total.includes('Tổng điểm') // true
 */
export const PUBLISHED_HEADERS = {
  /** Headers of the unit-name column. */
  unit: [
    'Đơn vị',
    'Tên đơn vị',
    'Xã, thị trấn',
    'Xã, phường, thị trấn',
    'Tên xã',
    'Tên xã, thị trấn',
    'Cơ quan, đơn vị',
    'Unit',
    'unit_name',
  ],
  /** Headers of the unit-id column. */
  unitId: ['Mã đơn vị', 'Mã', 'Mã xã', 'unit_id', 'Unit id'],
  /** Headers of the unit-kind column. */
  kind: ['Loại đơn vị', 'Loại', 'Kind'],
  /** Headers of the total column. */
  total: ['Tổng điểm', 'Tổng điểm đạt được', 'Tổng cộng', 'Tổng', 'Total'],
  /** Headers of the maximum column. */
  max: ['Điểm tối đa', 'Tổng điểm tối đa', 'Điểm tối đa áp dụng', 'Max'],
  /** Headers of the index column. */
  index: ['Chỉ số', 'Chỉ số (%)', 'Chỉ số CCHC', 'Chỉ số CCHC (%)', 'Chỉ số cải cách hành chính (%)', 'Kết quả (%)', 'Index', 'Index (%)'],
  /** Headers of the rank column. */
  rank: ['Xếp hạng', 'Hạng', 'Thứ hạng', 'Rank'],
  /** Headers of the band column. */
  band: ['Xếp loại', 'Phân loại', 'Mức xếp loại', 'Band'],
  /** Headers of columns to leave out (row numbers, notes). */
  ignore: ['STT', 'TT', 'Số thứ tự', 'Ghi chú', 'No', 'No.', 'Note'],
} as const;

type Role = keyof typeof PUBLISHED_HEADERS;

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

/**
 * Reads a number as printed: "95,41", "95.41", "−0,50", "(0,50)", "36,36%", or a number cell (whose decimals are
 * then `decimals`, or those of its shortest form). Returns undefined for text that is not a number.
 *
 * @example printedNumber('95,41') // { exact: '9541/100', value: 95.41, decimals: 2, text: '95,41' }
 */
export function printedNumber(cell: Cell, decimals?: number): Printed | null | undefined {
  if (cell === null) return null;
  if (typeof cell === 'boolean') return undefined;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return undefined;
    const e = Exact.of(cell);
    const shown = String(cell).split(/[eE]/)[0]!.split('.')[1]?.length ?? 0;
    return { exact: e.toRatio(), value: cell, decimals: decimals ?? shown, text: String(cell) };
  }
  let t = cell.trim();
  if (t === '' || /^[-–—]$/.test(t)) return null;
  let neg = false;
  const paren = /^\((.*)\)$/.exec(t);
  if (paren) {
    neg = true;
    t = paren[1]!.trim();
  }
  t = t.replace(/^[−–]/, '-').replace(/\s+/g, '').replace(/%$/, '');
  const e = isExtremeDecimal(t) ? undefined : Exact.parse(t);
  if (!e) return undefined;
  const v = neg ? e.neg() : e;
  const dec = /[.,](\d+)$/.exec(t)?.[1]?.length ?? 0;
  return { exact: v.toRatio(), value: v.toNumber(), decimals: dec, text: cell.trim() };
}

/**
 * Reads a printed rank: "3", "3/11", "03", "Hạng 3/11". Returns undefined for anything else.
 * @example printedRank('3/11') // { rank: 3, of: 11, text: '3/11' }
 */
export function printedRank(cell: Cell): PrintedRank | null | undefined {
  if (cell === null) return null;
  if (typeof cell === 'number') return Number.isInteger(cell) && cell >= 1 ? { rank: cell, of: null, text: String(cell) } : undefined;
  if (typeof cell !== 'string') return undefined;
  const t = cell.trim();
  if (t === '' || /^[-–—]$/.test(t)) return null;
  const m = /^(?:h[aạ]ng\s*)?0*(\d+)\s*(?:\/\s*(\d+))?$/iu.exec(t);
  if (!m || Number(m[1]) < 1) return undefined;
  return { rank: Number(m[1]), of: m[2] !== undefined ? Number(m[2]) : null, text: t };
}

/**
 * Folds a unit name for matching printed names with score cards: diacritics, case and the administrative prefix
 * (xã, phường, thị trấn, thị xã) do not matter.
 * @example foldUnitName('Thị trấn Như Quỳnh') === foldUnitName('Như Quỳnh') // true
 */
export function foldUnitName(name: string): string {
  return normalizeHeader(name).replace(/^(ubnd\s+)?(xa|phuong|thi tran|thi xa|tt|p)\.?\s+/, '');
}

/** What a header names, for a field column: its id (a leading number "1", "1.2", a roman "IX"), the rest, and a max printed as "(12 điểm)". */
function fieldHeader(h: string): { id?: string; rest: string; max?: number } {
  let rest = h.trim();
  let max: number | undefined;
  const m = /\(\s*(?:tối đa|max)?\s*([\d.,]+)\s*(?:điểm|đ|points?)?\s*\)\s*$/iu.exec(rest);
  if (m) {
    const v = isExtremeDecimal(m[1]!) ? undefined : Exact.parse(m[1]!);
    if (v) {
      max = v.toNumber();
      rest = rest.slice(0, m.index).trim();
    }
  }
  const idm = /^(?:lĩnh vực|linh vuc|lv|field)?\s*(\d+(?:\.\d+)*|[IVXLC]+)(?=$|[.:)\s–-])[.:)\s–-]*(.*)$/iu.exec(rest);
  if (idm) return { id: idm[1]!, rest: idm[2]!.trim(), ...(max !== undefined ? { max } : {}) };
  return { rest, ...(max !== undefined ? { max } : {}) };
}

interface ColumnPlan {
  role: Role | 'field';
  field?: string;
}

/**
 * Builds a decision from a table (header and rows, as read from CSV or XLSX) and the metadata of its descriptor.
 * Headers are matched to roles by {@link PUBLISHED_HEADERS} or by the descriptor's `columns`, field columns to
 * fields by id or title; a column that is none of these is an error (nothing is silently left out). Throws
 * {@link ParIndexError} listing every problem with its row and column.
 *
 * @example
 * ```ts
 * const d = decisionFromTable(parseCsv(text), { format: 'par-index/published@1' }, { file: 'qd.csv' });
 * d.rows[0].index?.value; // 95.41
 * ```
 */
export function decisionFromTable(
  table: { readonly header: readonly string[]; readonly rows: readonly TableRow[] },
  meta: PublishedData,
  opts: ReadDecisionOptions = {},
): PublishedDecision {
  const file = opts.file;
  const maxRows = resolveLimits(opts.limits).maxRows;
  if (table.rows.length > maxRows)
    throw beyondLimit(
      'maxRows',
      table.rows.length,
      maxRows,
      { en: 'the decision table has too many rows', vi: 'bảng quyết định có quá nhiều dòng' },
      ['row'],
      file,
    );
  const issues: Issue[] = [];
  const known = (meta.fields ?? opts.fields)?.map(stripUndefined);
  const explicit = new Map(Object.entries(meta.columns ?? {}).map(([k, v]) => [normalizeHeader(k), v]));
  const plan: ColumnPlan[] = [];
  const found: DecisionField[] = [];
  const roleUsed = new Map<Role, number>();
  table.header.forEach((h, col) => {
    const n = normalizeHeader(h);
    const ex = explicit.get(n);
    if (ex !== undefined) {
      if (typeof ex === 'string') {
        plan.push({ role: ex });
        if (ex !== 'ignore') roleUsed.set(ex, col);
      } else {
        plan.push({ role: 'field', field: ex.field });
        const k = known?.find((f) => f.id === ex.field);
        found.push(k ?? { id: ex.field, title: h });
      }
      return;
    }
    const role = (Object.keys(PUBLISHED_HEADERS) as Role[]).find((r) => PUBLISHED_HEADERS[r].some((x) => normalizeHeader(x) === n));
    if (role) {
      if (role !== 'ignore' && roleUsed.has(role)) {
        issues.push(
          issue(
            'verify.unknown-column',
            'error',
            ['header', col],
            `column "${h}" repeats the ${role} column (column ${roleUsed.get(role)! + 1}): map one of them in the descriptor's columns`,
            `cột "${h}" trùng vai trò với cột ${roleUsed.get(role)! + 1}: khai báo trong mục columns của tệp mô tả`,
            { file },
          ),
        );
        plan.push({ role: 'ignore' });
        return;
      }
      roleUsed.set(role, col);
      plan.push({ role });
      return;
    }
    const fh = fieldHeader(h);
    const byId = fh.id !== undefined ? known?.find((f) => f.id.toLowerCase() === fh.id!.toLowerCase()) : undefined;
    const byTitle = known?.find(
      (f) => f.title !== undefined && (normalizeHeader(f.title) === normalizeHeader(fh.rest) || normalizeHeader(f.title) === n),
    );
    const k = byId ?? byTitle;
    if (k) {
      plan.push({ role: 'field', field: k.id });
      found.push({ ...k, ...(k.max === undefined && fh.max !== undefined ? { max: fh.max } : {}) });
      return;
    }
    if (!known && fh.id !== undefined) {
      plan.push({ role: 'field', field: fh.id });
      found.push({ id: fh.id, ...(fh.rest ? { title: fh.rest } : {}), ...(fh.max !== undefined ? { max: fh.max } : {}) });
      return;
    }
    issues.push(
      issue(
        'verify.unknown-column',
        'error',
        ['header', col],
        `column "${h}" is not a known column (${Object.values(PUBLISHED_HEADERS)
          .map((x) => x[0])
          .join(
            ', ',
          )}) nor a field${known ? ` (${known.map((f) => f.id).join(', ')})` : ' (a header starting with the field number, e.g. "1. Công tác chỉ đạo")'}: map it in the descriptor's columns, or mark it ignore`,
        `cột "${h}" không phải cột đã biết cũng không phải lĩnh vực: khai báo trong mục columns của tệp mô tả, hoặc đánh dấu ignore`,
        { file },
      ),
    );
    plan.push({ role: 'ignore' });
  });
  const seenField = new Set<string>();
  for (const f of found) {
    if (seenField.has(f.id))
      issues.push(
        issue('verify.unknown-column', 'error', ['header'], `field ${f.id} has two columns`, `lĩnh vực ${f.id} có hai cột`, { file }),
      );
    seenField.add(f.id);
  }
  if (!roleUsed.has('unit') && !roleUsed.has('unitId')) {
    issues.push(
      issue(
        'verify.missing-column',
        'error',
        ['header'],
        `no unit column: expected one of ${PUBLISHED_HEADERS.unit.join(', ')}`,
        `không có cột đơn vị: cần một trong ${PUBLISHED_HEADERS.unit.join(', ')}`,
        { file },
      ),
    );
  }
  if (issues.length) throw new ParIndexError(issues);
  const rows = table.rows.map((r) => {
    const get = (role: Role): Cell => {
      const c = plan.findIndex((p) => p.role === role);
      return c < 0 ? null : (r.cells[c] ?? null);
    };
    const fields: Record<string, Cell> = {};
    plan.forEach((p, c) => {
      if (p.role === 'field') fields[p.field!] = r.cells[c] ?? null;
    });
    const unit = get('unit') ?? get('unitId');
    const header = (key: string, field: boolean): string =>
      table.header[plan.findIndex((p) => (field ? p.field === key : p.role === key))] ?? key;
    return {
      row: r.row,
      path: ['row', r.row] as PathSegment[],
      where: (key: string, field = false): PathSegment[] => ['row', r.row, header(key, field)],
      raw: {
        unit: unit === null ? '' : String(unit),
        unitId: get('unitId'),
        kind: get('kind'),
        fields,
        total: get('total'),
        max: get('max'),
        index: get('index'),
        rank: get('rank'),
        band: get('band'),
      },
    };
  });
  const columns = {
    total: roleUsed.has('total'),
    max: roleUsed.has('max'),
    index: roleUsed.has('index'),
    rank: roleUsed.has('rank'),
    band: roleUsed.has('band'),
    kind: roleUsed.has('kind'),
    unitId: roleUsed.has('unitId'),
  };
  const orderedFields = known ? known.filter((f) => seenField.has(f.id)).map((f) => found.find((x) => x.id === f.id)!) : found;
  return finish(meta, orderedFields, columns, rows, file);
}

interface RawRow {
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

function finish(
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
    const key = unitId ?? foldUnitName(unit);
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
    columns,
    rows,
    summary,
  };
  return deepFreeze(d);
}

/**
 * Validates a published-decision document (parsed YAML/JSON): format tag and version, then the schema. Throws
 * {@link ParIndexError}.
 *
 * @example parsePublished({ format: 'par-index/published@1', rows: [{ unit: 'Xã An', index: '90,10' }] }).rows?.length // 1
 */
export function parsePublished(doc: unknown, opts: { file?: string | undefined } = {}): PublishedData {
  const data = readDocument(
    doc,
    { file: opts.file },
    { format: PUBLISHED_FORMAT, version: PUBLISHED_FORMAT_VERSION, schema: PublishedSchema, reportInput: true },
  );
  if (data.rows === undefined && data.table === undefined) {
    throw new ParIndexError([
      issue(
        'verify.no-rows',
        'error',
        [],
        'the decision has neither rows nor a table file: add rows: […] or table: FILE.csv',
        'quyết định không có rows cũng không có table: thêm rows: […] hoặc table: TỆP.csv',
        { file: opts.file },
      ),
    ]);
  }
  if (data.rows !== undefined && data.table !== undefined) {
    throw new ParIndexError([
      issue(
        'schema.invalid-value',
        'error',
        ['table'],
        'give either rows or a table file, not both',
        'chỉ dùng rows hoặc table, không dùng cả hai',
        { file: opts.file },
      ),
    ]);
  }
  return data;
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
  const meta = parsePublished(doc, { file });
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

function stripUndefined(f: DecisionField | z.output<typeof PublishedField>): DecisionField {
  return {
    id: f.id,
    ...(f.title !== undefined ? { title: f.title } : {}),
    ...(f.max !== undefined ? { max: f.max } : {}),
    ...(f.block !== undefined ? { block: f.block } : {}),
  };
}
