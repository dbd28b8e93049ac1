/**
 * Limits (giới hạn) on hostile or broken input, gathered in one place: every loader refuses input beyond them
 * with a bilingual {@link ParIndexError} naming the limit and how to raise it, before memory or the stack is
 * exhausted. Callers pass `limits: { … }` (any subset) in a loader's options; what is not given keeps its default.
 * SECURITY.md lists them with their defaults.
 *
 * @example
 * ```ts
 * loadCriteriaSet(text, { file: 'x.yaml', limits: { maxChars: 1_000_000, maxTreeDepth: 4 } });
 * loadEvidence(inputs, { limits: { maxUnits: 20_000 } });
 * ```
 * @module
 */
import { issue, ParIndexError, type PathSegment } from './errors.js';

/**
 * Every configurable limit.
 *
 * @example `const strict: Partial<Limits> = { maxChars: 1_000_000, maxUnits: 500 }`
 */
export interface Limits {
  /** Largest YAML/JSON file read from disk, in bytes, checked before reading (default 50 MB). */
  readonly maxFileBytes: number;
  /** Largest YAML/JSON text parsed, in characters (default 50 000 000). */
  readonly maxChars: number;
  /** Most YAML alias expansions in one document (default 100): refuses "billion laughs" documents. */
  readonly maxAliases: number;
  /** Deepest nesting of objects and arrays in a document, text or parsed data (default 64). */
  readonly maxDepth: number;
  /** Deepest criteria tree: fields are level 1, criteria level 2… (default 8). */
  readonly maxTreeDepth: number;
  /**
   * Most units in one evidence set, over all its documents, and in any other input that lists units: a score
   * file, a unit map, a tally, a dossier summary, a survey's responses (default 100 000).
   */
  readonly maxUnits: number;
  /** Most data rows in one table (survey responses, published decisions, dossier exports) (default 10 000 000). */
  readonly maxRows: number;
  /** Most draws of one rank-uncertainty analysis (default 1 000 000, the spec's own bound). */
  readonly maxDraws: number;
  /** Longest formula in a criteria set, in characters (default 2 000). */
  readonly maxFormulaLength: number;
  /** Deepest nesting of brackets and operations in a formula (default 64). */
  readonly maxFormulaDepth: number;
  /**
   * Largest worksheet of an XLSX workbook, uncompressed, as the zip's central directory declares it and as it is
   * inflated (default 4 GiB): a sheet is streamed, so this bounds time and temporary disk, not memory.
   */
  readonly maxXlsxSheetBytes: number;
  /**
   * Largest other part of an XLSX workbook, uncompressed (shared strings, styles…, held in memory; default 256 MiB):
   * an 11 MB workbook whose shared strings inflate to 5 GB is refused before a byte is inflated.
   */
  readonly maxXlsxPartBytes: number;
  /** Longest text of one table cell, in characters (default 32 767, Excel's own limit). */
  readonly maxCellChars: number;
}

/**
 * The defaults. Frozen.
 *
 * @example `DEFAULT_LIMITS.maxDepth // 64`
 */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxFileBytes: 50 * 1024 * 1024,
  maxChars: 50_000_000,
  maxAliases: 100,
  maxDepth: 64,
  maxTreeDepth: 8,
  maxUnits: 100_000,
  maxRows: 10_000_000,
  maxDraws: 1_000_000,
  maxFormulaLength: 2000,
  maxFormulaDepth: 64,
  maxXlsxSheetBytes: 4 * 1024 ** 3,
  maxXlsxPartBytes: 256 * 1024 ** 2,
  maxCellChars: 32_767,
});

/** The Vietnamese name of each limit, for messages. */
const NAMES_VI: Readonly<Record<keyof Limits, string>> = {
  maxFileBytes: 'kích thước tệp (byte)',
  maxChars: 'số ký tự',
  maxAliases: 'số lần mở rộng alias YAML',
  maxDepth: 'độ sâu lồng nhau',
  maxTreeDepth: 'độ sâu cây tiêu chí',
  maxUnits: 'số đơn vị',
  maxRows: 'số dòng dữ liệu',
  maxDraws: 'số lần rút',
  maxFormulaLength: 'độ dài công thức (ký tự)',
  maxFormulaDepth: 'độ sâu lồng nhau của công thức',
  maxXlsxSheetBytes: 'kích thước trang tính XLSX khi giải nén (byte)',
  maxXlsxPartBytes: 'kích thước phần khác của tệp XLSX khi giải nén (byte)',
  maxCellChars: 'số ký tự của một ô',
};

/**
 * The limits in force: the defaults overridden by the caller's. A value that is not a positive whole number is a
 * usage error, not a silent default (a limit of NaN would let everything through).
 *
 * @example `resolveLimits({ maxUnits: 10 }).maxDepth // 64`
 */
export function resolveLimits(given: Partial<Limits> | undefined): Readonly<Limits> {
  if (given === undefined) return DEFAULT_LIMITS;
  const out: Record<string, number> = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
    const v = given[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      throw new ParIndexError([
        issue(
          'usage.invalid',
          'error',
          ['limits', key],
          `limit ${key} must be a whole number ≥ 1, got ${String(v)}`,
          `giới hạn ${key} (${NAMES_VI[key]}) phải là số nguyên ≥ 1, nhận được ${String(v)}`,
        ),
      ]);
    }
    out[key] = v;
  }
  return Object.freeze(out) as unknown as Readonly<Limits>;
}

/**
 * The error for input beyond a limit: what was found, the limit, and the option that raises it.
 *
 * @example `throw beyondLimit('maxUnits', 120_000, 100_000, { en: 'the evidence has too many units', vi: 'minh chứng có quá nhiều đơn vị' }, ['units'], 'ev.yaml')`
 */
export function beyondLimit(
  key: keyof Limits,
  found: number | string,
  limit: number,
  what: { en: string; vi: string },
  path: readonly PathSegment[],
  file: string | undefined,
): ParIndexError {
  return new ParIndexError([
    issue(
      'io.too-large',
      'error',
      path,
      `${what.en}: ${found}; the limit is ${limit} (raise it with limits.${key} if this input is intended)`,
      `${what.vi}: ${found}; giới hạn ${NAMES_VI[key]} là ${limit} (nâng bằng limits.${key} nếu đầu vào này là đúng)`,
      { file },
    ),
  ]);
}

/**
 * Throws {@link beyondLimit}'s error when `found` is over the limit `key` in force; for counts known before the
 * work they bound begins (units of a file, rows of a table in memory, draws).
 *
 * @example `atMost('maxUnits', doc.units.length, resolveLimits(opts.limits), { en: 'the file lists too many units', vi: 'tệp có quá nhiều đơn vị' }, ['units'], file)`
 */
export function atMost(
  key: keyof Limits,
  found: number,
  limits: Readonly<Limits>,
  what: { en: string; vi: string },
  path: readonly PathSegment[],
  file: string | undefined,
): void {
  if (found > limits[key]) throw beyondLimit(key, found, limits[key], what, path, file);
}
