/**
 * A published grade distribution checked by itself (kiểm tra bảng tổng hợp xếp loại): so many units per grade,
 * their percentages and a printed total row — each count against its percentage (with the percentages' declared
 * rounding), the counts against the total row, the percentages against 100 within what rounding each of them on
 * its own allows. Read from a `par-index/distribution@1` document (YAML or JSON) or a bare table (CSV or XLSX:
 * grade, count and percent columns, the total row named "Tổng", "Tổng cộng" or "Total").
 * @module
 */
import { z } from 'zod';
import { deepFreeze } from '../core/document.js';
import { issue, ParIndexError, type Issue, type PathSegment } from '../core/errors.js';
import { Exact, ROUNDING_MODES, type RoundingMode } from '../core/exact.js';
import type { Limits } from '../core/limits.js';
import { pushAll } from '../core/lists.js';
import { normalizeHeader, type Cell, type TableRow } from '../core/table.js';
import type { Text } from '../core/text.js';
import { readDocument } from '../core/zod-helpers.js';
import { printedNumber, type Printed } from './printed.js';
import { show, t, X } from './rules.js';

/**
 * The format tag of a distribution, without its version.
 *
 * @example `${DISTRIBUTION_FORMAT}@1` // 'par-index/distribution@1'
 */
export const DISTRIBUTION_FORMAT = 'par-index/distribution';

const PrintedCell = z.union([z.number(), z.string()]);

/**
 * The distribution document: per-grade counts and percentages as printed, the printed total row, and the declared
 * rounding of the percentages.
 *
 * @example DistributionSchema.safeParse({ format: 'par-index/distribution@1', rows: [{ band: 'Tốt', count: 3, percent: '100' }] }).success // true
 */
export const DistributionSchema = z.strictObject({
  /** The format tag: `par-index/distribution@1`. */
  format: z.string(),
  /** What the table is, as its title prints it. */
  title: z.string().optional(),
  /** Where it was published. */
  source: z.string().optional(),
  /** How the percentages were rounded, when the publisher says (else: each within half of its last printed digit). */
  percent: z
    .strictObject({
      /** Decimals of every percentage. */
      decimals: z.number().int().min(0).max(6),
      /** The rounding mode (default half-up). */
      mode: z.enum(ROUNDING_MODES as [RoundingMode, ...RoundingMode[]]).default('half-up'),
    })
    .optional(),
  /** The tolerance of the percentages' sum against 100, replacing what rounding each on its own allows. */
  partsTolerance: z.number().min(0).optional(),
  /** One line per grade, in the printed order. */
  rows: z
    .array(
      z.strictObject({
        /** The grade, as printed. */
        band: z.string().min(1),
        /** How many units, as printed. */
        count: PrintedCell,
        /** Their share in percent, as printed. */
        percent: PrintedCell.nullable().optional(),
      }),
    )
    .min(1),
  /** The printed total row. */
  total: z
    .strictObject({
      /** The total count, as printed. */
      count: PrintedCell.nullable().optional(),
      /** The total percentage, as printed. */
      percent: PrintedCell.nullable().optional(),
    })
    .optional(),
});

/**
 * One printed line of a distribution, read.
 *
 * @example d.rows[0] // { band: 'Xuất sắc', count: 4, percent: { value: 36.36, decimals: 2, … }, row: 1, … }
 */
export interface DistributionLine {
  /** The grade (or "Tổng" for the total row). */
  readonly band: string;
  /** The count; null when the total row prints none. */
  readonly count: number | null;
  /** The percentage as printed, or null. */
  readonly percent: Printed | null;
  /** The row in the file (a table's row number; the 1-based position in a document). */
  readonly row: number;
  /** Where its count is in the file. */
  readonly countPath: readonly PathSegment[];
  /** Where its percentage is in the file. */
  readonly percentPath: readonly PathSegment[];
  /** The count's column as the file names it. */
  readonly countColumn: string;
  /** The percentage's column as the file names it. */
  readonly percentColumn: string;
}

/**
 * A grade distribution, read and frozen.
 *
 * @example const d: Distribution = await readDistribution('tong-hop-xep-loai.yaml')
 */
export interface Distribution {
  /** The file read. */
  readonly file?: string;
  /** The title. */
  readonly title?: string;
  /** The source. */
  readonly source?: string;
  /** The declared rounding of the percentages. */
  readonly percent?: {
    /** Decimals. */
    readonly decimals: number;
    /** Mode. */
    readonly mode: RoundingMode;
  };
  /** The declared tolerance of the percentages' sum. */
  readonly partsTolerance?: number;
  /** The grade lines. */
  readonly rows: readonly DistributionLine[];
  /** The printed total row, if any. */
  readonly total: DistributionLine | null;
}

/**
 * Usual headers of a distribution table (compared after folding case and diacritics).
 *
 * @example DISTRIBUTION_HEADERS.count.includes('Số lượng') // true
 */
export const DISTRIBUTION_HEADERS = {
  /** The grade column. */
  band: ['Xếp loại', 'Mức xếp loại', 'Phân loại', 'Mức', 'Kết quả xếp loại', 'Band', 'Grade'],
  /** The count column. */
  count: ['Số lượng', 'Số đơn vị', 'Số lượng đơn vị', 'Số cơ quan, đơn vị', 'Count', 'Number'],
  /** The percentage column. */
  percent: ['Tỷ lệ', 'Tỷ lệ (%)', 'Tỷ lệ %', 'Tỉ lệ (%)', 'Percent', 'Percent (%)', 'Share (%)'],
  /** Columns left out. */
  ignore: ['STT', 'TT', 'Số thứ tự', 'Ghi chú', 'No', 'No.', 'Note'],
} as const;

/** Labels of the total row. */
const TOTAL_LABELS = ['Tổng', 'Tổng cộng', 'Cộng', 'Tổng số', 'Total'].map(normalizeHeader);

type DRole = keyof typeof DISTRIBUTION_HEADERS;
const roleOf = (h: string): DRole | undefined => {
  const n = normalizeHeader(h);
  return (Object.keys(DISTRIBUTION_HEADERS) as DRole[]).find((r) => DISTRIBUTION_HEADERS[r].some((x) => normalizeHeader(x) === n));
};

/**
 * Whether a table's header is a distribution's (a count and a percentage column, no unit column): how
 * `par-index verify` tells a distribution from a published decision.
 *
 * @example isDistributionHeader(['Xếp loại', 'Số lượng', 'Tỷ lệ (%)']) // true
 */
export function isDistributionHeader(header: readonly string[]): boolean {
  const roles = header.map(roleOf);
  return roles.includes('count') && roles.includes('percent');
}

interface RawLine {
  band: string;
  count: Cell;
  percent: Cell;
  row: number;
  countPath: PathSegment[];
  percentPath: PathSegment[];
  countColumn: string;
  percentColumn: string;
  isTotal: boolean;
}

function finish(
  raws: readonly RawLine[],
  meta: Pick<Distribution, 'title' | 'source' | 'percent' | 'partsTolerance'>,
  file: string | undefined,
): Distribution {
  const issues: Issue[] = [];
  const lines: DistributionLine[] = [];
  let total: DistributionLine | null = null;
  for (const r of raws) {
    let count: number | null = null;
    const c = printedNumber(r.count);
    if (c === null && !r.isTotal)
      issues.push(
        issue('verify.bad-value', 'error', r.countPath, `${r.band}: the count is empty`, `${r.band}: ô số lượng bị trống`, { file }),
      );
    else if (c === undefined || (c !== null && (!X(c).isInteger() || c.value < 0)))
      issues.push(
        issue(
          'verify.bad-value',
          'error',
          r.countPath,
          `${r.band}: count "${String(r.count)}" is not a whole number ≥ 0`,
          `${r.band}: số lượng "${String(r.count)}" không phải số nguyên ≥ 0`,
          { file },
        ),
      );
    else if (c !== null) count = c.value;
    const p = printedNumber(r.percent);
    if (p === undefined)
      issues.push(
        issue(
          'verify.bad-value',
          'error',
          r.percentPath,
          `${r.band}: percentage "${String(r.percent)}" is not a number (write 36,36 or 36.36)`,
          `${r.band}: tỷ lệ "${String(r.percent)}" không phải là số (viết 36,36 hoặc 36.36)`,
          { file },
        ),
      );
    const line: DistributionLine = {
      band: r.band,
      count,
      percent: p ?? null,
      row: r.row,
      countPath: r.countPath,
      percentPath: r.percentPath,
      countColumn: r.countColumn,
      percentColumn: r.percentColumn,
    };
    if (r.isTotal) {
      if (total !== null) issues.push(issue('verify.bad-value', 'error', r.countPath, 'two total rows', 'có hai dòng tổng', { file }));
      total = line;
    } else lines.push(line);
  }
  if (lines.length === 0)
    issues.push(
      issue('verify.no-rows', 'error', [], 'the distribution has no grade line', 'bảng tổng hợp không có dòng xếp loại nào', { file }),
    );
  if (issues.length) throw new ParIndexError(issues);
  return deepFreeze({
    ...(file !== undefined ? { file } : {}),
    ...(meta.title !== undefined ? { title: meta.title } : {}),
    ...(meta.source !== undefined ? { source: meta.source } : {}),
    ...(meta.percent !== undefined ? { percent: meta.percent } : {}),
    ...(meta.partsTolerance !== undefined ? { partsTolerance: meta.partsTolerance } : {}),
    rows: lines,
    total,
  });
}

/**
 * Reads a distribution document (`par-index/distribution@1`, parsed YAML/JSON or its text). Throws
 * {@link ParIndexError} naming the file and the path of every problem.
 *
 * @example
 * ```ts
 * const d = loadDistribution({ format: 'par-index/distribution@1', rows: [{ band: 'Tốt', count: 2, percent: '66,67' },
 *   { band: 'Khá', count: 1, percent: '33,33' }], total: { count: 3, percent: '100' } });
 * d.total?.count; // 3
 * ```
 */
export function loadDistribution(
  doc: unknown,
  opts: { file?: string | undefined; limits?: Partial<Limits> | undefined } = {},
): Distribution {
  const file = opts.file;
  const data = readDocument(
    doc,
    { file, limits: opts.limits },
    {
      format: DISTRIBUTION_FORMAT,
      version: 1,
      schema: DistributionSchema,
      reportInput: true,
      bounded: [
        { key: 'rows', limit: 'maxRows', what: { en: 'the distribution has too many rows', vi: 'bảng tổng hợp có quá nhiều dòng' } },
      ],
    },
  );
  const raws: RawLine[] = data.rows.map((r, i) => ({
    band: r.band.trim(),
    count: r.count,
    percent: r.percent ?? null,
    row: i + 1,
    countPath: ['rows', i, 'count'],
    percentPath: ['rows', i, 'percent'],
    countColumn: 'count',
    percentColumn: 'percent',
    isTotal: false,
  }));
  if (data.total)
    raws.push({
      band: 'Tổng',
      count: data.total.count ?? null,
      percent: data.total.percent ?? null,
      row: data.rows.length + 1,
      countPath: ['total', 'count'],
      percentPath: ['total', 'percent'],
      countColumn: 'count',
      percentColumn: 'percent',
      isTotal: true,
    });
  return finish(
    raws,
    {
      ...(data.title !== undefined ? { title: data.title } : {}),
      ...(data.source !== undefined ? { source: data.source } : {}),
      ...(data.percent !== undefined ? { percent: data.percent } : {}),
      ...(data.partsTolerance !== undefined ? { partsTolerance: data.partsTolerance } : {}),
    },
    file,
  );
}

/**
 * Reads a distribution from a table (header and rows from CSV or XLSX): grade, count and percentage columns by
 * their usual headers ({@link DISTRIBUTION_HEADERS}); the row whose grade is "Tổng", "Tổng cộng", "Cộng" or
 * "Total" is the printed total row. Any other column is an error, nothing is left out silently.
 *
 * @example
 * ```ts
 * const d = distributionFromTable(parseCsv('Xếp loại;Số lượng;Tỷ lệ (%)\nTốt;2;66,67\nKhá;1;33,33\nTổng;3;100\n'), { file: 'x.csv' });
 * d.rows.length; // 2
 * ```
 */
export function distributionFromTable(
  table: { readonly header: readonly string[]; readonly rows: readonly TableRow[] },
  opts: { file?: string | undefined } = {},
): Distribution {
  const file = opts.file;
  const issues: Issue[] = [];
  const col = new Map<DRole, number>();
  table.header.forEach((h, i) => {
    const r = roleOf(h);
    if (r === undefined)
      issues.push(
        issue(
          'verify.unknown-column',
          'error',
          ['header', i],
          `column "${h}" is not a distribution column (${DISTRIBUTION_HEADERS.band[0]}, ${DISTRIBUTION_HEADERS.count[0]}, ${DISTRIBUTION_HEADERS.percent[0]}, ${DISTRIBUTION_HEADERS.ignore[0]})`,
          `cột "${h}" không phải cột của bảng tổng hợp (${DISTRIBUTION_HEADERS.band[0]}, ${DISTRIBUTION_HEADERS.count[0]}, ${DISTRIBUTION_HEADERS.percent[0]}, ${DISTRIBUTION_HEADERS.ignore[0]})`,
          { file },
        ),
      );
    else if (r !== 'ignore') {
      if (col.has(r))
        issues.push(
          issue(
            'verify.unknown-column',
            'error',
            ['header', i],
            `column "${h}" repeats the ${r} column`,
            `cột "${h}" trùng vai trò với một cột khác`,
            {
              file,
            },
          ),
        );
      else col.set(r, i);
    }
  });
  for (const r of ['band', 'count', 'percent'] as const)
    if (!col.has(r))
      issues.push(
        issue(
          'verify.missing-column',
          'error',
          ['header'],
          `no ${r} column: expected one of ${DISTRIBUTION_HEADERS[r].join(', ')}`,
          `không có cột ${r === 'band' ? 'xếp loại' : r === 'count' ? 'số lượng' : 'tỷ lệ'}: cần một trong ${DISTRIBUTION_HEADERS[r].join(', ')}`,
          { file },
        ),
      );
  if (issues.length) throw new ParIndexError(issues);
  const cb = col.get('band')!;
  const cc = col.get('count')!;
  const cp = col.get('percent')!;
  const raws: RawLine[] = table.rows.map((r) => {
    const band = String(r.cells[cb] ?? '').trim();
    return {
      band,
      count: r.cells[cc] ?? null,
      percent: r.cells[cp] ?? null,
      row: r.row,
      countPath: ['row', r.row, table.header[cc]!],
      percentPath: ['row', r.row, table.header[cp]!],
      countColumn: table.header[cc]!,
      percentColumn: table.header[cp]!,
      isTotal: TOTAL_LABELS.includes(normalizeHeader(band)),
    };
  });
  return finish(raws, {}, file);
}

/**
 * One finding of {@link verifyDistribution}: the printed cell, what it should be, and the tolerance used.
 *
 * @example report.findings.map((f: DistributionFinding) => `${f.row}/${f.column}: ${f.published} ≠ ${f.expected}`)
 */
export interface DistributionFinding {
  /** `percent`: a count against its percentage; `count-total`: the counts against the total row; `percent-sum`: the percentages against 100; `percent-total`: the printed total percentage against 100. */
  readonly kind: 'percent' | 'count-total' | 'percent-sum' | 'percent-total';
  /** The file. */
  readonly file?: string;
  /** The row in the file (the total row for sums; null when the table prints no total row). */
  readonly row: number | null;
  /** The column, as the file names it. */
  readonly column: string;
  /** Where the cell is in the file. */
  readonly path: readonly PathSegment[];
  /** The grade, or "Tổng" for the total row. */
  readonly band: string;
  /** The printed value. */
  readonly published: number;
  /** What it should be (a percentage at the printed decimals, a count, 100). */
  readonly expected: number;
  /** The tolerance the comparison used (0 for counts and declared rounding). */
  readonly tolerance: number;
  /** How the tolerance was found. */
  readonly toleranceRule: Text;
  /** The finding in English. */
  readonly message: string;
  /** The finding in Vietnamese. */
  readonly messageVi: string;
}

/**
 * The result of {@link verifyDistribution}. Frozen.
 *
 * @example const r: DistributionReport = verifyDistribution(d); process.exitCode = r.ok ? 0 : 1
 */
export interface DistributionReport {
  /** True when nothing was found. */
  readonly ok: boolean;
  /** The file. */
  readonly file?: string;
  /** The title. */
  readonly title?: string;
  /** The number of units the percentages are of: the total row's count, else the sum of the counts. */
  readonly units: number;
  /** Where that number comes from. */
  readonly unitsFrom: 'total-row' | 'sum-of-counts';
  /** How the percentages were judged. */
  readonly rounding: Text;
  /** Every check, run or not. */
  readonly checks: readonly {
    /** The check. */
    readonly id: DistributionFinding['kind'];
    /** The check in words. */
    readonly title: Text;
    /** Whether it ran. */
    readonly run: boolean;
    /** Why not. */
    readonly reason?: Text;
    /** Findings. */
    readonly findings: number;
  }[];
  /** Every finding, in the file's order. */
  readonly findings: readonly DistributionFinding[];
  /** How the checks were made, when a reader should know. */
  readonly notes: readonly Text[];
}

/**
 * Checks a grade distribution by itself:
 * - each grade's percentage against count ÷ N × 100 (N: the total row's count, else the sum of the counts):
 *   rounded as declared (`percent: { decimals, mode }`) it must be the printed value exactly; undeclared, the
 *   printed value must be within half of its last printed digit;
 * - the counts add up to the total row's count;
 * - the percentages add up to 100 within the declared `partsTolerance`, else within what rounding each on its own
 *   allows: n × ½·10^-d for n percentages printed to d decimals (Σ ½·10^-dᵢ for mixed decimals);
 * - a printed total percentage is 100 within the same tolerance (a table may print 100 or the sum of its parts).
 *
 * @example
 * ```ts
 * const r = verifyDistribution(loadDistribution({ format: 'par-index/distribution@1',
 *   rows: [{ band: 'Tốt', count: 2, percent: '66,67' }, { band: 'Khá', count: 1, percent: '33,30' }] }));
 * r.findings.map((f) => f.kind); // ['percent']: 1 of 3 is 33,33 %, not 33,30
 * ```
 */
export function verifyDistribution(d: Distribution, opts: { partsTolerance?: number } = {}): DistributionReport {
  const file = d.file;
  const counted = d.rows.reduce((s, r) => s + r.count!, 0);
  const totalCount = d.total?.count ?? null;
  const n = totalCount ?? counted;
  const findings: DistributionFinding[] = [];
  const base = (l: DistributionLine, cell: 'count' | 'percent') => ({
    ...(file !== undefined ? { file } : {}),
    row: l.row,
    column: cell === 'count' ? l.countColumn : l.percentColumn,
    path: cell === 'count' ? l.countPath : l.percentPath,
    band: l.band,
  });
  const declared = d.percent;
  const rounding = declared
    ? t(
        `tỷ lệ làm tròn đến ${declared.decimals} chữ số thập phân (${declared.mode}), như khai báo: phải đúng bằng giá trị làm tròn`,
        `percentages rounded to ${declared.decimals} decimals (${declared.mode}), as declared: each must be exactly the rounded value`,
      )
    : t(
        'không khai báo cách làm tròn: mỗi tỷ lệ phải cách giá trị đúng không quá một nửa đơn vị của chữ số cuối cùng được in',
        'no rounding declared: each percentage must be within half of its last printed digit of the exact value',
      );
  // 1. Each count against its percentage, as a share of n units.
  const percentFindings = (n: number): DistributionFinding[] => {
    const out: DistributionFinding[] = [];
    if (n <= 0) return out;
    for (const l of d.rows) {
      if (!l.percent) continue;
      const exact = Exact.ratio(l.count! * 100, n);
      const dec = declared?.decimals ?? l.percent.decimals;
      const shown = exact.round(dec, declared?.mode ?? 'half-up');
      const tol = declared ? Exact.ZERO : Exact.ratio(5, 10 ** (dec + 1));
      const off = declared ? !X(l.percent).eq(shown) : X(l.percent).sub(exact).abs().gt(tol);
      if (!off) continue;
      const rule = declared
        ? t(
            `làm tròn như khai báo (${declared.decimals} chữ số, ${declared.mode})`,
            `rounded as declared (${declared.decimals} decimals, ${declared.mode})`,
          )
        : t(`±${show(tol, dec + 1, 'vi')}: một nửa chữ số cuối được in`, `±${show(tol, dec + 1, 'en')}: half of the last printed digit`);
      out.push({
        kind: 'percent',
        ...base(l, 'percent'),
        published: l.percent.value,
        expected: shown.toNumber(),
        tolerance: tol.toNumber(),
        toleranceRule: rule,
        message: `${l.band}: ${l.count} of ${n} units is ${show(exact, dec + 2, 'en')} %, printed ${l.percent.text} %; expected ${show(shown, dec, 'en')} (${rule.en})`,
        messageVi: `${l.band}: ${l.count}/${n} đơn vị là ${show(exact, dec + 2, 'vi')}%, in ${l.percent.text}%; đúng ra ${show(shown, dec, 'vi')} (${rule.vi})`,
      });
    }
    return out;
  };
  const nPercent = n > 0 ? d.rows.filter((l) => l.percent !== null).length : 0;
  let byTotal = percentFindings(n);
  let unitsFrom: DistributionReport['unitsFrom'] = totalCount !== null ? 'total-row' : 'sum-of-counts';
  let units = n;
  const notes: Text[] = [];
  // The total row disagrees with the counts: the percentages are judged on whichever of the two they follow, so
  // one misprint (of the total, or of a count) is reported once, not as every percentage after it.
  if (totalCount !== null && totalCount !== counted) {
    const bySum = percentFindings(counted);
    if (bySum.length < byTotal.length) {
      byTotal = bySum;
      unitsFrom = 'sum-of-counts';
      units = counted;
      notes.push(
        t(
          `Các tỷ lệ khớp với tổng các số lượng (${counted}), không khớp với số lượng của dòng tổng (${totalCount}): tỷ lệ được đối chiếu theo ${counted} đơn vị.`,
          `The percentages follow the sum of the counts (${counted}), not the total row's count (${totalCount}): they are judged as shares of ${counted} units.`,
        ),
      );
    }
  }
  pushAll(findings, byTotal);
  // 2. Counts against the total row.
  if (d.total && totalCount !== null && counted !== totalCount)
    findings.push({
      kind: 'count-total',
      ...base(d.total, 'count'),
      published: totalCount,
      expected: counted,
      tolerance: 0,
      toleranceRule: t('số lượng là số nguyên: phải khớp đúng', 'counts are whole numbers: they must agree exactly'),
      message: `total row: ${totalCount} units printed, the grades add up to ${counted}`,
      messageVi: `dòng tổng: in ${totalCount} đơn vị, các mức xếp loại cộng lại được ${counted}`,
    });
  // 3. Percentages against 100, within the parts' rounding.
  const parts = d.rows.filter((l) => l.percent !== null).map((l) => l.percent!);
  const complete = parts.length === d.rows.length;
  const { tol, rule } = sumTolerance(parts, declared?.decimals, opts.partsTolerance ?? d.partsTolerance);
  const sum = parts.reduce((s, p) => s.add(X(p)), Exact.ZERO);
  const sumDec = parts.reduce((m, p) => Math.max(m, p.decimals), declared?.decimals ?? 0);
  if (complete && parts.length > 0 && sum.sub(Exact.HUNDRED).abs().gt(tol)) {
    const at = d.total
      ? base(d.total, 'percent')
      : { ...(file !== undefined ? { file } : {}), row: null, column: d.rows[0]!.percentColumn, path: ['rows'], band: 'Tổng' };
    findings.push({
      kind: 'percent-sum',
      ...at,
      published: sum.toNumber(),
      expected: 100,
      tolerance: tol.toNumber(),
      toleranceRule: rule,
      message: `the percentages add up to ${show(sum, sumDec, 'en')}, not 100 within ±${show(tol, sumDec + 1, 'en')} (${rule.en})`,
      messageVi: `các tỷ lệ cộng lại được ${show(sum, sumDec, 'vi')}, không phải 100 trong phạm vi ±${show(tol, sumDec + 1, 'vi')} (${rule.vi})`,
    });
  }
  // 4. A printed total percentage: 100, or the sum of the printed parts, so within the same tolerance of 100.
  const tp = d.total?.percent ?? null;
  if (d.total && tp && X(tp).sub(Exact.HUNDRED).abs().gt(tol))
    findings.push({
      kind: 'percent-total',
      ...base(d.total, 'percent'),
      published: tp.value,
      expected: 100,
      tolerance: tol.toNumber(),
      toleranceRule: rule,
      message: `total row: ${tp.text} % printed, the whole is 100 % (±${show(tol, sumDec + 1, 'en')}: ${rule.en})`,
      messageVi: `dòng tổng: in ${tp.text}%, toàn bộ là 100% (±${show(tol, sumDec + 1, 'vi')}: ${rule.vi})`,
    });
  const count = (k: DistributionFinding['kind']) => findings.filter((f) => f.kind === k).length;
  const checks: DistributionReport['checks'] = [
    {
      id: 'percent',
      title: t('Mỗi tỷ lệ khớp với số lượng', 'Each percentage agrees with its count'),
      run: nPercent > 0,
      ...(nPercent === 0 ? { reason: t('không có tỷ lệ hoặc tổng bằng 0', 'no percentage printed, or no unit') } : {}),
      findings: count('percent'),
    },
    {
      id: 'count-total',
      title: t('Các số lượng cộng lại bằng dòng tổng', 'Counts add up to the total row'),
      run: totalCount !== null,
      ...(totalCount === null
        ? { reason: t('không có dòng tổng (hoặc dòng tổng không in số lượng)', 'no total row (or it prints no count)') }
        : {}),
      findings: count('count-total'),
    },
    {
      id: 'percent-sum',
      title: t('Các tỷ lệ cộng lại bằng 100', 'Percentages add up to 100'),
      run: complete && parts.length > 0,
      ...(!(complete && parts.length > 0) ? { reason: t('có mức không in tỷ lệ', 'a grade prints no percentage') } : {}),
      findings: count('percent-sum'),
    },
    {
      id: 'percent-total',
      title: t('Tỷ lệ của dòng tổng là 100', 'The total row prints 100 %'),
      run: tp !== null,
      ...(tp === null ? { reason: t('dòng tổng không in tỷ lệ', 'the total row prints no percentage') } : {}),
      findings: count('percent-total'),
    },
  ];
  findings.sort((a, b) => (a.row ?? Number.MAX_SAFE_INTEGER) - (b.row ?? Number.MAX_SAFE_INTEGER));
  return deepFreeze({
    ok: findings.length === 0,
    ...(file !== undefined ? { file } : {}),
    ...(d.title !== undefined ? { title: d.title } : {}),
    units,
    unitsFrom,
    rounding,
    checks,
    findings,
    notes,
  });
}

/** The tolerance of the percentages' sum: declared, else n × ½·10^-d (same decimals), else Σ ½·10^-dᵢ. */
function sumTolerance(
  parts: readonly Printed[],
  declaredDecimals: number | undefined,
  declared: number | undefined,
): { tol: Exact; rule: Text } {
  if (declared !== undefined) {
    const v = Exact.of(declared);
    return { tol: v, rule: t(`sai số khai báo ±${v.toString().replace('.', ',')}`, `declared tolerance ±${v.toString()}`) };
  }
  const half = (d: number) => Exact.ratio(5, 10 ** (d + 1));
  const decs = parts.map((p) => declaredDecimals ?? p.decimals);
  const n = parts.length;
  if (decs.every((x) => x === decs[0])) {
    const d = decs[0] ?? 0;
    const v = half(d).mul(Exact.of(n));
    return {
      tol: v,
      rule: t(
        `${n} tỷ lệ, mỗi tỷ lệ làm tròn riêng đến ${d} chữ số thập phân: ${n} × ${show(half(d), d + 1, 'vi')} = ${show(v, d + 1, 'vi')}`,
        `${n} percentages each rounded on its own to ${d} decimals: ${n} × ${show(half(d), d + 1, 'en')} = ${show(v, d + 1, 'en')}`,
      ),
    };
  }
  const v = decs.reduce((s, d) => s.add(half(d)), Exact.ZERO);
  const dd = decs.reduce((m, d) => Math.max(m, d), 0) + 1;
  return {
    tol: v,
    rule: t(
      `${n} tỷ lệ làm tròn riêng: Σ ½·10^-dᵢ = ${show(v, dd, 'vi')}`,
      `${n} percentages each rounded on its own: Σ ½·10^-dᵢ = ${show(v, dd, 'en')}`,
    ),
  };
}
