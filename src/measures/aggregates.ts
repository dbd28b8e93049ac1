/**
 * Aggregate-only dossier evidence (số liệu tổng hợp): counts per unit as a portal or a report publishes them,
 * without the records behind them. Accepted, and checked: where early + on time + late does not equal
 * resolved, or a printed percentage does not follow from its counts, a warning names the figures and the gap.
 * Every rate names its base. Pure: no Node.
 * @module
 */
import { z } from 'zod';
import { issue, type Issue } from '../core/errors.js';
import { normalizeHeader, type Cell, type TableRow } from '../core/table.js';
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

function num(c: Cell): number | undefined {
  if (c === null || typeof c === 'boolean') return undefined;
  if (typeof c === 'number') return c;
  const e = Exact.parse(c.replace('%', '').trim());
  return e?.toNumber();
}

/**
 * Reads a portal table: one row per unit, a unit column (the record headers of `unit`), count columns named
 * as in {@link AGGREGATE_HEADERS} (or by the measure id itself), and the declared percentage columns.
 * Unreadable numbers are errors with the row; nothing is read as 0.
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
): {
  /** One row per unit, in table order (none when the header has a problem). */
  rows: AggregateRow[];
  /** Errors: a unit, count or declared rate column missing (then no row is read), a row without a unit, a cell that is not a count or a percentage. */
  issues: Issue[];
} {
  const folded = table.header.map(normalizeHeader);
  const issues: Issue[] = [];
  const unitCol = folded.findIndex((h) => DOSSIER_HEADERS.unit.map(normalizeHeader).includes(h));
  if (unitCol < 0)
    issues.push(
      issue(
        'dossier.bad-header',
        'error',
        ['header'],
        `no unit column: expected one of "${DOSSIER_HEADERS.unit.join('", "')}"; the columns are ${table.header.join(', ')}`,
        `không có cột đơn vị: cần một trong "${DOSSIER_HEADERS.unit.join('", "')}"; các cột: ${table.header.join(', ')}`,
        { file },
      ),
    );
  const countCols: [string, number][] = [];
  for (const id of DOSSIER_MEASURE_IDS) {
    const names = [id, ...(AGGREGATE_HEADERS[id] ?? [])].map(normalizeHeader);
    const i = folded.findIndex((h) => names.includes(h));
    if (i >= 0) countCols.push([id, i]);
  }
  const rateCols: [AggregateRate, number][] = [];
  for (const r of rates) {
    const i = folded.indexOf(normalizeHeader(r.column));
    if (i < 0)
      issues.push(
        issue(
          'dossier.bad-header',
          'error',
          ['rates'],
          `the declared rate column "${r.column}" is not in the table (columns: ${table.header.join(', ')})`,
          `cột tỷ lệ "${r.column}" không có trong bảng`,
          { file },
        ),
      );
    else rateCols.push([r, i]);
  }
  if (countCols.length === 0)
    issues.push(
      issue(
        'dossier.bad-header',
        'error',
        ['header'],
        `no count column recognised (e.g. "Đã giải quyết", "Trước hạn", "Đúng hạn", "Trễ hạn"); the columns are ${table.header.join(', ')}`,
        `không nhận ra cột số liệu nào (ví dụ "Đã giải quyết", "Trước hạn", "Đúng hạn", "Trễ hạn")`,
        { file },
      ),
    );
  if (issues.length) return { rows: [], issues };
  const rows: AggregateRow[] = [];
  for (const r of table.rows) {
    const unit = String(r.cells[unitCol] ?? '').trim();
    if (!unit) {
      issues.push(
        issue('dossier.missing-value', 'error', ['row', r.row], `row ${r.row}: no unit`, `dòng ${r.row}: thiếu đơn vị`, { file }),
      );
      continue;
    }
    const counts: Record<string, number> = {};
    for (const [id, i] of countCols) {
      const c = r.cells[i] ?? null;
      if (c === null) continue;
      const v = num(c);
      if (v === undefined || v < 0 || !Number.isInteger(v))
        issues.push(
          issue(
            'dossier.bad-value',
            'error',
            ['row', r.row, table.header[i]!],
            `row ${r.row} (${unit}): "${String(c)}" in "${table.header[i]}" is not a count`,
            `dòng ${r.row} (${unit}): "${String(c)}" ở cột "${table.header[i]}" không phải số đếm`,
            { file, unit },
          ),
        );
      else counts[id] = v;
    }
    const percents: { rate: AggregateRate; value: number }[] = [];
    for (const [rate, i] of rateCols) {
      const c = r.cells[i] ?? null;
      if (c === null) continue;
      const v = num(c);
      if (v === undefined)
        issues.push(
          issue(
            'dossier.bad-value',
            'error',
            ['row', r.row, rate.column],
            `row ${r.row} (${unit}): "${String(c)}" is not a percentage`,
            `dòng ${r.row} (${unit}): "${String(c)}" không phải tỷ lệ phần trăm`,
            { file, unit },
          ),
        );
      else percents.push({ rate, value: v });
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
