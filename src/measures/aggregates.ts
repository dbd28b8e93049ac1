/**
 * Aggregate-only dossier evidence (số liệu tổng hợp): counts per unit as a portal or a report publishes them,
 * without the records behind them. Accepted, and checked: where early + on time + late does not equal
 * resolved, or a printed percentage does not follow from its counts, a warning names the figures and the gap.
 * Every rate names its base. Pure: no Node.
 * @module
 */
import { z } from 'zod';
import { issue, type Issue, type PathSegment } from '../core/errors.js';
import { numberFormatExample, readNumber, type NumberFormat } from '../core/numbers.js';
import { headerColumns, normalizeHeader, type TableRow } from '../core/table.js';
import { invisibleChar, showInvisible } from '../core/text.js';
import { Exact } from '../core/exact.js';
import { DOSSIER_MEASURE_IDS } from './dossier-measures.js';
import { DOSSIER_HEADERS } from './vocabulary.js';

/**
 * Column headers of portal tables per computed measure (the same ids as records produce). Illustrative: the
 * wording of the Thừa Thiên Huế and Hưng Yên portals' tables as commonly printed.
 * @example AGGREGATE_HEADERS['resolved.late'][0] // "Trễ hạn"
 */
export const AGGREGATE_HEADERS: Readonly<Record<string, readonly string[]>> = {
  received: ['Tiếp nhận', 'Số hồ sơ tiếp nhận', 'Tổng số hồ sơ tiếp nhận', 'Hồ sơ tiếp nhận', 'received'],
  resolved: ['Đã giải quyết', 'Đã xử lý', 'Số hồ sơ đã giải quyết', 'Hồ sơ đã giải quyết', 'resolved'],
  'resolved.early': ['Trước hạn', 'Giải quyết trước hạn', 'Đã giải quyết trước hạn', 'early'],
  'resolved.onTime': ['Đúng hạn', 'Giải quyết đúng hạn', 'Đã giải quyết đúng hạn', 'on time'],
  'resolved.inTime': ['Trước hạn và đúng hạn', 'Đúng hạn và trước hạn', 'in time'],
  'resolved.late': ['Trễ hạn', 'Giải quyết trễ hạn', 'Đã giải quyết trễ hạn', 'late'],
  inProcess: ['Đang giải quyết', 'Đang xử lý', 'in process'],
  'inProcess.notDue': ['Đang giải quyết trong hạn', 'Trong hạn', 'not due'],
  'inProcess.overdue': ['Đang giải quyết quá hạn', 'Quá hạn', 'overdue'],
  withdrawn: ['Rút hồ sơ', 'Công dân rút', 'withdrawn'],
  returned: ['Trả lại', 'Từ chối', 'returned'],
  online: ['Trực tuyến', 'Hồ sơ trực tuyến', 'Nộp trực tuyến', 'online'],
  'postal.received': ['Tiếp nhận qua bưu chính', 'Bưu chính công ích tiếp nhận', 'postal received'],
  'postal.returned': ['Trả kết quả qua bưu chính', 'Bưu chính công ích trả kết quả', 'postal returned'],
  'late.withApology': ['Trễ hạn có xin lỗi', 'Có thư xin lỗi', 'late with apology'],
  'late.withoutApology': ['Trễ hạn không xin lỗi', 'Không có thư xin lỗi', 'late without apology'],
};

/**
 * A printed percentage column and the counts it should follow from.
 * @example AggregateRateSchema.parse({ column: 'Tỷ lệ đúng hạn (%)', numerator: ['resolved.early', 'resolved.onTime'], base: 'resolved' })
 */
export const AggregateRateSchema = z.strictObject({
  /** The column header as printed, e.g. "Tỷ lệ đúng hạn (%)". */
  column: z.string().min(1),
  /** The measures added up into the numerator, e.g. [resolved.early, resolved.onTime]. */
  numerator: z.array(z.string()).min(1),
  /** The base, e.g. resolved (as the portal divides by processed dossiers). */
  base: z.string(),
  /** Decimals the portal prints (default 2): a gap within half a unit of the last decimal is not reported. */
  decimals: z.number().int().min(0).max(6).default(2),
});
/**
 * A declared percentage column of a portal table.
 * @example const r: AggregateRate = { column: 'Tỷ lệ (%)', numerator: ['resolved.inTime'], base: 'resolved', decimals: 2 }
 */
export type AggregateRate = z.output<typeof AggregateRateSchema>;

/**
 * One unit's published counts and percentages.
 * @example readAggregateTable(table, rates).rows[0].counts.resolved // 430
 */
export interface AggregateRow {
  /** The unit's id. */
  readonly unit: string;
  /** The table row it came from. */
  readonly row: number;
  /** Counts by measure. */
  readonly counts: Readonly<Record<string, number>>;
  /** The printed percentages, each with the rate it states. */
  readonly percents: readonly {
    /** The declared percentage column. */
    readonly rate: AggregateRate;
    /** The percentage as printed in the row (97.53 for "97.53%"). */
    readonly value: number;
  }[];
}

/**
 * How {@link readAggregateTable} finds and reads the columns, as the descriptor declares them.
 * @example const o: AggregateTableOptions = { numbers: NUMBER_FORMATS.vi, columns: { unit: 'Tỉnh/thành phố' } }
 */
export interface AggregateTableOptions {
  /** The table's number format (see core/numbers.ts); without it an ambiguous form (12.000, 1,5) is refused. */
  readonly numbers?: NumberFormat | undefined;
  /** Header names (or "#N", the N-th column) for the unit column, as a column mapping names them for records. */
  readonly columns?:
    | {
        /** The unit column's header, or several headers to try in turn. */
        readonly unit?: string | readonly string[] | undefined;
      }
    | undefined;
  /** Measure id → its header (or "#N") where the table's wording is not in {@link AGGREGATE_HEADERS}. */
  readonly counts?: Readonly<Record<string, string>> | undefined;
}

/** A column named by position: "#3" is the third column. */
const POSITION = /^#(\d+)$/;

/**
 * Reads a portal table: one row per unit, a unit column (the record headers of `unit`, or the mapping's), count
 * columns named as in {@link AGGREGATE_HEADERS} (or by the measure id itself, or as `counts` maps them), and the
 * declared percentage columns. A column a header names twice is ambiguous and refused (`table.duplicate-column`)
 * unless it is picked by position ("#5"). Numbers are read in the declared format; unreadable or ambiguous ones
 * are errors with the row and column; nothing is read as 0.
 *
 * @example
 * ```ts
 * const { rows } = readAggregateTable(parseCsv('Đơn vị,Đã giải quyết,Trước hạn,Đúng hạn,Trễ hạn\nXã A,100,50,45,5\n'), []);
 * rows[0].counts['resolved.late']; // 5
 * ```
 */
export function readAggregateTable(
  table: { readonly header: readonly string[]; readonly rows: readonly TableRow[] },
  rates: readonly AggregateRate[],
  file?: string,
  opts: AggregateTableOptions = {},
): {
  /** One row per unit, in table order (none when the header has a problem). */
  rows: AggregateRow[];
  /** Errors: a unit, count or declared rate column missing or named twice (then no row is read), a row without a unit, a cell that is not a count or a percentage. */
  issues: Issue[];
} {
  const folded = table.header.map(normalizeHeader);
  const issues: Issue[] = [];
  // The columns are listed in messages only when the row is a header of this kind: a wrong file's first line is data.
  const known = new Set(
    [
      ...DOSSIER_HEADERS.unit,
      ...[opts.columns?.unit ?? []].flat(),
      ...DOSSIER_MEASURE_IDS.flatMap((id) => [id, ...(AGGREGATE_HEADERS[id] ?? []), opts.counts?.[id] ?? id]),
      ...rates.map((r) => r.column),
    ].map(normalizeHeader),
  );
  const listed = headerColumns(
    table.header,
    folded.some((h) => known.has(h)),
  );
  const cols = listed.en;
  const colsVi = listed.vi;
  /** The column of the first of `names` the header has (−1: none); a header found twice is an error. */
  const find = (names: readonly string[], what: string, where: PathSegment[]): number => {
    for (const name of names) {
      const p = POSITION.exec(name.trim());
      if (p) {
        const i = Number(p[1]) - 1;
        if (i >= 0 && i < table.header.length) return i;
        issues.push(
          issue(
            'dossier.bad-header',
            'error',
            where,
            `${what}: "${name}" names column ${p[1]}, but the table has ${table.header.length} columns (${cols})`,
            `${what}: "${name}" chỉ cột thứ ${p[1]} nhưng bảng chỉ có ${table.header.length} cột (${colsVi})`,
            { file },
          ),
        );
        return -2;
      }
      const f = normalizeHeader(name);
      const at = folded.flatMap((h, i) => (h === f ? [i] : []));
      if (at.length === 1) return at[0]!;
      if (at.length > 1) {
        issues.push(
          issue(
            'table.duplicate-column',
            'error',
            where,
            `${what}: ${at.length} columns are headed "${table.header[at[0]!]}" (columns ${at.map((i) => i + 1).join(', ')}): it is ambiguous which one to read; pick one by its position in the descriptor, e.g. "#${at[0]! + 1}"`,
            `${what}: có ${at.length} cột cùng tiêu đề "${table.header[at[0]!]}" (cột ${at.map((i) => i + 1).join(', ')}): không rõ đọc cột nào; chỉ định cột theo vị trí trong tệp mô tả, ví dụ "#${at[0]! + 1}"`,
            { file },
          ),
        );
        return -2;
      }
    }
    return -1;
  };
  const mappedUnit = opts.columns?.unit;
  const unitNames = mappedUnit === undefined ? DOSSIER_HEADERS.unit : typeof mappedUnit === 'string' ? [mappedUnit] : mappedUnit;
  const unitCol = find(unitNames, 'unit', ['columns', 'unit']);
  if (unitCol === -1)
    issues.push(
      issue(
        'dossier.bad-header',
        'error',
        ['header'],
        `no unit column: expected one of "${unitNames.join('", "')}"${mappedUnit === undefined ? ' (or name it in columns: { unit: … })' : ''}; the columns are ${cols}`,
        `không có cột đơn vị: cần một trong "${unitNames.join('", "')}"${mappedUnit === undefined ? ' (hoặc khai báo columns: { unit: … })' : ''}; các cột: ${colsVi}`,
        { file },
      ),
    );
  const countCols: [string, number][] = [];
  for (const id of DOSSIER_MEASURE_IDS) {
    const mapped = opts.counts?.[id];
    const i = find(mapped !== undefined ? [mapped] : [id, ...(AGGREGATE_HEADERS[id] ?? [])], id, ['counts', id]);
    if (i >= 0) countCols.push([id, i]);
    else if (i === -1 && mapped !== undefined)
      issues.push(
        issue(
          'dossier.bad-header',
          'error',
          ['counts', id],
          `counts names "${mapped}" for ${id}, but the table has no such column (columns: ${cols})`,
          `counts chỉ định cột "${mapped}" cho ${id} nhưng bảng không có cột đó (các cột: ${colsVi})`,
          { file },
        ),
      );
  }
  const rateCols: [AggregateRate, number][] = [];
  for (const r of rates) {
    const i = find([r.column], `rate "${r.column}"`, ['rates']);
    if (i === -1)
      issues.push(
        issue(
          'dossier.bad-header',
          'error',
          ['rates'],
          `the declared rate column "${r.column}" is not in the table (columns: ${cols})`,
          `cột tỷ lệ "${r.column}" không có trong bảng (các cột: ${colsVi})`,
          { file },
        ),
      );
    else if (i >= 0) rateCols.push([r, i]);
  }
  if (countCols.length === 0 && !issues.some((i) => i.code === 'table.duplicate-column'))
    issues.push(
      issue(
        'dossier.bad-header',
        'error',
        ['header'],
        `no count column recognised (e.g. "Đã giải quyết", "Trước hạn", "Đúng hạn", "Trễ hạn"); the columns are ${cols}`,
        `không nhận ra cột số liệu nào (ví dụ "Đã giải quyết", "Trước hạn", "Đúng hạn", "Trễ hạn"); các cột: ${colsVi}`,
        { file },
      ),
    );
  if (issues.length) return { rows: [], issues };
  const fmt = opts.numbers;
  const expected = fmt ? `a number written ${numberFormatExample(fmt)}` : 'a number';
  const expectedVi = fmt ? `một số viết dạng ${numberFormatExample(fmt)}` : 'một số';
  /** A cell's number, or an issue naming the file, the row, the column and what was expected. */
  const cellNumber = (r: TableRow, unit: string, i: number, kind: { en: string; vi: string }): number | undefined => {
    const c = r.cells[i] ?? null;
    if (c === null) return undefined;
    let v: number | undefined;
    let why: { en: string; vi: string } | undefined;
    let code: 'dossier.bad-value' | 'number.ambiguous' = 'dossier.bad-value';
    if (typeof c === 'number') v = c;
    else if (typeof c === 'string') {
      const read = readNumber(c.replace(/%\s*$/, ''), fmt);
      if (read.ok) v = read.value.toNumber();
      else {
        why = read.reason;
        if (read.ambiguous) code = 'number.ambiguous';
      }
    }
    if (v !== undefined && Number.isFinite(v) && (kind.en !== 'count' || (v >= 0 && Number.isInteger(v)))) return v;
    const col = table.header[i]!;
    issues.push(
      issue(
        code,
        'error',
        ['row', r.row, col],
        `${file ?? 'table'}: row ${r.row} (${unit}), column "${col}": "${String(c)}" is not ${kind.en === 'count' ? 'a count' : 'a percentage'} (expected ${kind.en === 'count' ? `a whole number ≥ 0, ${expected}` : expected})${why && why.en !== 'not a number' ? `: ${why.en}` : ''}`,
        `${file ?? 'bảng'}: dòng ${r.row} (${unit}), cột "${col}": "${String(c)}" không phải ${kind.vi} (cần ${kind.en === 'count' ? `số nguyên ≥ 0, ${expectedVi}` : expectedVi})${why && why.en !== 'not a number' ? `: ${why.vi}` : ''}`,
        { file, unit },
      ),
    );
    return undefined;
  };
  const rows: AggregateRow[] = [];
  for (const r of table.rows) {
    const unit = String(r.cells[unitCol] ?? '').trim();
    if (!unit) {
      issues.push(
        issue('dossier.missing-value', 'error', ['row', r.row], `row ${r.row}: no unit`, `dòng ${r.row}: thiếu đơn vị`, { file }),
      );
      continue;
    }
    const hidden = invisibleChar(unit);
    if (hidden) {
      issues.push(
        issue(
          'text.invisible-char',
          'error',
          ['row', r.row, table.header[unitCol]!],
          `row ${r.row}: the unit "${showInvisible(unit)}" holds an invisible character ${hidden.code} at position ${hidden.index + 1}: remove it`,
          `dòng ${r.row}: tên đơn vị "${showInvisible(unit)}" chứa ký tự ẩn ${hidden.code} ở vị trí ${hidden.index + 1}: hãy xoá ký tự này`,
          { file },
        ),
      );
      continue;
    }
    const counts: Record<string, number> = {};
    for (const [id, i] of countCols) {
      const v = cellNumber(r, unit, i, { en: 'count', vi: 'số đếm' });
      if (v !== undefined) counts[id] = v;
    }
    const percents: { rate: AggregateRate; value: number }[] = [];
    for (const [rate, i] of rateCols) {
      const v = cellNumber(r, unit, i, { en: 'percentage', vi: 'tỷ lệ phần trăm' });
      if (v !== undefined) percents.push({ rate, value: v });
    }
    rows.push({ unit, row: r.row, counts, percents });
  }
  return { rows, issues };
}

/**
 * Checks published counts against each other. Warnings (`dossier.aggregate-gap`, `dossier.aggregate-rate`)
 * name the figures and the gap; nothing is corrected.
 *
 * @example
 * ```ts
 * checkAggregates([{ unit: 'Xã A', row: 2, counts: { resolved: 430, 'resolved.early': 120, 'resolved.onTime': 300, 'resolved.late': 5 }, percents: [] }]);
 * // warning: early 120 + on time 300 + late 5 = 425, but resolved = 430 (gap 5)
 * ```
 */
export function checkAggregates(rows: readonly AggregateRow[], file?: string): Issue[] {
  const out: Issue[] = [];
  for (const r of rows) {
    const c = r.counts;
    const at = (code: 'dossier.aggregate-gap' | 'dossier.aggregate-rate', en: string, vi: string) =>
      out.push(
        issue(code, 'warning', ['row', r.row], `row ${r.row} (${r.unit}): ${en}`, `dòng ${r.row} (${r.unit}): ${vi}`, {
          file,
          unit: r.unit,
        }),
      );
    const e = c['resolved.early'];
    const o = c['resolved.onTime'];
    const l = c['resolved.late'];
    const res = c['resolved'];
    if (e !== undefined && o !== undefined && l !== undefined && res !== undefined && e + o + l !== res) {
      const sum = e + o + l;
      at(
        'dossier.aggregate-gap',
        `early ${e} + on time ${o} + late ${l} = ${sum}, but resolved = ${res} (gap ${res - sum})`,
        `trước hạn ${e} + đúng hạn ${o} + trễ hạn ${l} = ${sum}, nhưng đã giải quyết = ${res} (chênh ${res - sum})`,
      );
    }
    const it = c['resolved.inTime'];
    if (it !== undefined && e !== undefined && o !== undefined && it !== e + o) {
      at(
        'dossier.aggregate-gap',
        `early ${e} + on time ${o} = ${e + o}, but "early or on time" = ${it} (gap ${it - e - o})`,
        `trước hạn ${e} + đúng hạn ${o} = ${e + o}, nhưng "trước hạn và đúng hạn" = ${it} (chênh ${it - e - o})`,
      );
    }
    const ip = c['inProcess'];
    const nd = c['inProcess.notDue'];
    const od = c['inProcess.overdue'];
    if (ip !== undefined && nd !== undefined && od !== undefined && nd + od !== ip) {
      at(
        'dossier.aggregate-gap',
        `in process not yet due ${nd} + overdue ${od} = ${nd + od}, but in process = ${ip} (gap ${ip - nd - od})`,
        `đang giải quyết trong hạn ${nd} + quá hạn ${od} = ${nd + od}, nhưng đang giải quyết = ${ip} (chênh ${ip - nd - od})`,
      );
    }
    for (const { rate, value } of r.percents) {
      const parts = rate.numerator.map((id) => c[id]);
      const base = c[rate.base];
      if (parts.some((x) => x === undefined) || base === undefined) {
        const missing = [...rate.numerator.filter((id) => c[id] === undefined), ...(base === undefined ? [rate.base] : [])];
        at(
          'dossier.aggregate-rate',
          `"${rate.column}" = ${value}% cannot be checked: ${missing.join(', ')} not given`,
          `"${rate.column}" = ${value}% không kiểm tra được: thiếu ${missing.join(', ')}`,
        );
        continue;
      }
      const n = parts.reduce<number>((s, x) => s + x!, 0);
      const numText = `${rate.numerator.join(' + ')} = ${n}`;
      if (base === 0) {
        if (value !== 0)
          at(
            'dossier.aggregate-rate',
            `"${rate.column}" = ${value}% but its base ${rate.base} is 0`,
            `"${rate.column}" = ${value}% nhưng mẫu số ${rate.base} bằng 0`,
          );
        continue;
      }
      // Exact: |printed − 100·n/base| ≤ half a unit of the last printed decimal.
      const expected = Exact.of(n).mul(Exact.HUNDRED).div(Exact.of(base));
      const printed = Exact.parse(String(value)) ?? Exact.of(value);
      const tol = Exact.of(5).div(Exact.of(10 ** (rate.decimals + 1)));
      const gap = printed.sub(expected);
      if (gap.abs().gt(tol)) {
        const exp = expected.round(rate.decimals, 'half-up').toFixed(rate.decimals);
        at(
          'dossier.aggregate-rate',
          `"${rate.column}" = ${value}%, but ${numText} ÷ ${rate.base} ${base} = ${exp}% (gap ${gap.round(rate.decimals, 'half-up').toFixed(rate.decimals)} points; the rate's base is ${rate.base})`,
          `"${rate.column}" = ${value}%, nhưng ${numText} ÷ ${rate.base} ${base} = ${exp.replace('.', ',')}% (chênh ${gap.round(rate.decimals, 'half-up').toFixed(rate.decimals).replace('.', ',')} điểm %; mẫu số là ${rate.base})`,
        );
      }
    }
  }
  return out;
}
