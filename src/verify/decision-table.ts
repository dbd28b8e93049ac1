/**
 * A published decision from a table (CSV or XLSX rows, a bare table or the file a document names): columns
 * recognised by their usual Vietnamese headers, field columns by id, title or "(12 điểm)", cells read as printed.
 * @module
 */
import { issue, ParIndexError, type Issue, type PathSegment } from '../core/errors.js';
import { Exact } from '../core/exact.js';
import { beyondLimit, resolveLimits } from '../core/limits.js';
import { normalizeHeader, type Cell, type TableRow } from '../core/table.js';
import { isExtremeDecimal } from '../core/zod-helpers.js';
import { type DecisionField, finish, type PublishedDecision, type ReadDecisionOptions, stripUndefined } from './decision.js';
import type { PublishedData } from './published.js';

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

/**
 * Builds a decision from a JSON list of rows, each an object whose keys are the table's headers (`[{ "Đơn vị":
 * "Xã An", "Chỉ số (%)": "80,00" }, …]`): the headers are recognised as in a CSV table ({@link PUBLISHED_HEADERS}),
 * the columns are the keys in the order they first appear, and row n is the n-th object. A value that is not
 * text, a number or null is an error naming the row and the key.
 *
 * @example
 * ```ts
 * const d = decisionFromRecords([{ Unit: 'Xã An', Index: 80 }, { Unit: 'Xã Bình', Index: '70,5' }], { file: 'list.json' });
 * d.rows[1].index?.value; // 70.5
 * ```
 */
export function decisionFromRecords(records: readonly unknown[], opts: ReadDecisionOptions = {}): PublishedDecision {
  const file = opts.file;
  const header: string[] = [];
  const issues: Issue[] = [];
  records.forEach((r, i) => {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) {
      issues.push(
        issue(
          'verify.bad-value',
          'error',
          [i],
          `row ${i + 1} is not an object of columns ({ "Đơn vị": "Xã An", "Chỉ số (%)": "80,00" })`,
          `dòng ${i + 1} không phải một đối tượng gồm các cột ({ "Đơn vị": "Xã An", "Chỉ số (%)": "80,00" })`,
          { file },
        ),
      );
      return;
    }
    for (const [k, v] of Object.entries(r)) {
      if (!header.includes(k)) header.push(k);
      if (v !== null && typeof v !== 'string' && typeof v !== 'number')
        issues.push(
          issue(
            'verify.bad-value',
            'error',
            [i, k],
            `row ${i + 1}, "${k}": expected text, a number or null, got ${Array.isArray(v) ? 'a list' : typeof v}`,
            `dòng ${i + 1}, "${k}": cần chữ, số hoặc null, nhận được ${Array.isArray(v) ? 'một danh sách' : typeof v}`,
            { file },
          ),
        );
    }
  });
  if (issues.length) throw new ParIndexError(issues);
  const rows = records.map((r, i) => {
    const o = r as Record<string, Cell>;
    return { row: i + 1, cells: header.map((h) => (Object.hasOwn(o, h) ? (o[h] ?? null) : null)) };
  });
  return decisionFromTable({ header, rows }, { format: 'par-index/published@1' }, opts);
}
