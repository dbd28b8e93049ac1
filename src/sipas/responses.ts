/**
 * Survey responses (phiếu khảo sát) as tables: one row per respondent, a column per item, a unit column and an
 * optional weight column. Every answer is checked against its item's scale; a row with any problem is rejected
 * whole and listed with its row number, so rows in = rows used + rows rejected, always.
 * @module
 */
import { isProtoKey } from '../core/document.js';
import { readNumber, type NumberFormat } from '../core/numbers.js';
import type { Text } from '../core/text.js';
import { beyondLimit, resolveLimits, type Limits } from '../core/limits.js';
import { issue, type Issue, ParIndexError } from '../core/errors.js';
import { headerColumns, matchColumns, normalizeHeader, type Cell, type Table, type TableRow } from '../core/table.js';
import { BLANK, type Layout } from './layout.js';
import type { Questionnaire } from './questionnaire.js';
import { Tallier } from './tallier.js';
import type { Tally } from './tally.js';
import { weightUnits } from './weights.js';

/**
 * Headers accepted for the unit column when none is named.
 *
 * @example `importResponses(q, table) // finds a column headed "Đơn vị" or "xa"`
 */
export const UNIT_COLUMNS = ['unit', 'don vi', 'ma don vi', 'co quan', 'xa', 'ma xa', 'ma co quan'] as const;
/**
 * Headers accepted for the weight column when the questionnaire names none.
 *
 * @example `importResponses(qWeighted, table) // reads the column headed "Trọng số"`
 */
export const WEIGHT_COLUMNS = ['trong so', 'weight', 'w'] as const;
/**
 * Headers of a respondent id: read, and a second row with the same id in the same unit is rejected.
 *
 * @example `importResponses(q, table) // accepts a column headed "Mã phiếu" and counts each form once`
 */
export const RESPONDENT_COLUMNS = ['id', 'respondent', 'ma phieu', 'so phieu', 'stt', 'phieu'] as const;

/**
 * A unit a responses file may name: its id, and other codes the file may use for it.
 *
 * @example `{ id: 'nhu-quynh', codes: ['NQ', 'TT Như Quỳnh'] }`
 */
export interface KnownUnit {
  /** The unit's id. */
  readonly id: string;
  /** Values of the unit column that mean this unit. */
  readonly codes?: readonly string[];
}

/**
 * Options of {@link ResponseImporter}.
 *
 * @example `importResponses(q, table, { unitColumn: 'xa', units: [{ id: 'nhu-quynh' }], ignore: ['thoi gian'] })`
 */
export interface ImportOptions {
  /** The file, for messages. */
  file?: string | undefined;
  /** Header of the unit column (default: one of {@link UNIT_COLUMNS}). */
  unitColumn?: string | undefined;
  /** Header of the weight column (default: the questionnaire's, else one of {@link WEIGHT_COLUMNS}). */
  weightColumn?: string | undefined;
  /** The units the survey covers; a row naming another unit is rejected. Default: any unit. */
  units?: readonly KnownUnit[] | undefined;
  /** Other headers to read and ignore (timestamps, interviewer…). */
  ignore?: readonly string[] | undefined;
  /** Most problems kept in the report (default 100 000; the rest are counted). */
  maxIssues?: number | undefined;
  /**
   * Called with the number of data rows read so far, every 10 000 rows and when the importer finishes (the CLI
   * shows it on a terminal for large files). It must not throw; the tally does not depend on it.
   */
  onProgress?: ((rowsRead: number) => void) | undefined;
  /** Limits: `maxRows`, the most data rows read (see SECURITY.md). */
  limits?: Partial<Limits> | undefined;
  /**
   * How many cells a row must have: `exact` (default, CSV) one per header column; `trailing-blanks` (XLSX, whose
   * rows end at their last non-empty cell) at most one per header column, the missing ones blank.
   */
  rowCells?: 'exact' | 'trailing-blanks' | undefined;
  /**
   * Respondent ids already counted by other tables of the same survey (share one between the importers of one
   * read), so that a form is counted once across files too. Default: a fresh one per importer.
   */
  respondents?: RespondentIds | undefined;
  /**
   * How the table writes numbers (weights): `NUMBER_FORMATS.vi` for 1.234,5, `NUMBER_FORMATS.en` for 1,234.5.
   * Without it, a weight written with a comma or as "1.250" (1.25, or 1250?) is refused as ambiguous.
   */
  numbers?: NumberFormat | undefined;
}

/**
 * The respondent ids counted so far, by unit, with the file and row where each was first read. Memory grows
 * with the respondents that have an id (a few tens of bytes each).
 *
 * @example
 * ```ts
 * const ids = new RespondentIds();
 * importResponses(q, part1, { file: 'part1.csv', respondents: ids });
 * importResponses(q, part2, { file: 'part2.csv', respondents: ids }); // a form of part1 again is rejected
 * ```
 */
export class RespondentIds {
  private readonly files: (string | undefined)[] = [];
  /** unit NUL id → row × FILES + the file's index. */
  private readonly seen = new Map<string, number>();

  /** The index of a file in this registry. */
  fileIndex(file: string | undefined): number {
    if (this.files.length >= FILES) throw new RangeError(`RespondentIds: more than ${FILES} tables`);
    this.files.push(file);
    return this.files.length - 1;
  }

  /** Where the respondent was first read, or undefined after recording it here. */
  claim(
    unit: string,
    id: string,
    file: number,
    row: number,
  ):
    | {
        /** The file that first named the id. */
        file: string | undefined;
        /** Its row there. */
        row: number;
      }
    | undefined {
    const key = `${unit}\u0000${id}`;
    const at = this.seen.get(key);
    if (at !== undefined) return { file: this.files[at % FILES], row: Math.floor(at / FILES) };
    this.seen.set(key, row * FILES + file);
    return undefined;
  }
}
/** Tables one {@link RespondentIds} can hold: the row and the table share one safe integer. */
const FILES = 1 << 16;

/** Rows between two calls of {@link ImportOptions.onProgress}. */
const PROGRESS_EVERY = 10_000;

/**
 * What happened to the rows of a responses file.
 *
 * @example `{ rowsIn: 2400, rowsUsed: 2399, rowsRejected: 1, rejectedRows: [3], issues: [ (row 3, column 1.1) ], moreIssues: 0 }`
 */
export interface ImportReport {
  /** The table read, as shown in messages. */
  readonly file?: string;
  /** Data rows read (blank lines are not rows). */
  readonly rowsIn: number;
  /** Rows counted in the tally. */
  readonly rowsUsed: number;
  /** Rows left out, each with its reason in `issues`. */
  readonly rowsRejected: number;
  /** Row numbers of the rejected rows (as in the file: the header is row 1). */
  readonly rejectedRows: readonly number[];
  /** Every problem, with its row and column (up to `maxIssues`). */
  readonly issues: readonly Issue[];
  /** Problems found beyond `maxIssues`, counted but not kept. */
  readonly moreIssues: number;
}

/**
 * A tally and the report of the rows it came from.
 *
 * @example `const { tally, report } = importResponses(q, table)`
 */
export interface ImportResult {
  /** The counts of the rows used. */
  readonly tally: Tally;
  /** What was read, used and rejected. */
  readonly report: ImportReport;
}

/**
 * Reads responses row by row into a tally. The header is checked when the importer is made: a missing item
 * column, a missing unit column, or a column nobody claimed is an error (nothing is dropped silently).
 *
 * @example
 * ```ts
 * const imp = new ResponseImporter(q, table.header, { file: 'responses.csv' });
 * for (const r of table.rows) imp.add(r);
 * const { tally, report } = imp.finish();
 * ```
 */
export class ResponseImporter {
  private readonly q: Questionnaire;
  private readonly layout: Layout;
  private readonly tallier: Tallier;
  private readonly file: string | undefined;
  private readonly header: readonly string[];
  private readonly itemCol: number[];
  private readonly unitCol: number;
  private readonly weightCol: number;
  private readonly respondentCol: number;
  private readonly respondents: RespondentIds;
  private readonly fileIndex: number;
  private readonly rowCells: 'exact' | 'trailing-blanks';
  private readonly numbers: NumberFormat | undefined;
  /** Declared codes (NFC) → unit id: compared exactly, since folding would merge "Tân Hòa" and "Tân Hóa". */
  private readonly unitMap: Map<string, string> | undefined;
  /** Declared codes by their folded form, only to suggest one for a code that is not declared. */
  private readonly unitFolded: Map<string, string[]> | undefined;
  private readonly unitSeen = new Map<string, string | undefined>();
  private readonly labels: Map<string, number>[];
  private readonly codes: number[];
  private readonly issues: Issue[] = [];
  private readonly rejectedRows: number[] = [];
  private readonly maxIssues: number;
  private moreIssues = 0;
  private used = 0;
  private readonly maxRows: number;
  private readonly onProgress: ((rowsRead: number) => void) | undefined;

  constructor(q: Questionnaire, header: readonly string[], opts: ImportOptions = {}) {
    this.q = q;
    this.file = opts.file;
    this.onProgress = opts.onProgress;
    this.header = header;
    this.maxIssues = opts.maxIssues ?? 100_000;
    this.maxRows = resolveLimits(opts.limits).maxRows;
    const weighted = q.options.weights.use;
    this.tallier = new Tallier(q, { weighted, limits: opts.limits, file: this.file });
    this.layout = this.tallier.layout;
    const wanted: Record<string, readonly string[]> = {};
    for (const it of q.items) wanted[`item:${it.id}`] = [it.id, ...(it.columns ?? [])];
    wanted['unit'] = opts.unitColumn ? [opts.unitColumn] : UNIT_COLUMNS;
    const weightNames = opts.weightColumn ? [opts.weightColumn] : q.options.weights.column ? [q.options.weights.column] : WEIGHT_COLUMNS;
    if (weighted) wanted['weight'] = weightNames;
    wanted['respondent'] = RESPONDENT_COLUMNS;
    (opts.ignore ?? []).forEach((h, i) => (wanted[`ignore:${i}`] = [h]));
    const { index, unknown } = matchColumns(header, wanted);
    const problems: Issue[] = [];
    const missing = q.items.filter((it) => index[`item:${it.id}`]! < 0);
    if (missing.length > 0) {
      problems.push(
        issue(
          'sipas.missing-column',
          'error',
          ['header'],
          `no column for item(s) ${missing.map((m) => `"${m.id}"`).join(', ')} (a column per item, headed by its id or one of its declared columns)`,
          `thiếu cột cho câu hỏi ${missing.map((m) => `"${m.id}"`).join(', ')} (mỗi câu hỏi một cột, tiêu đề là mã câu hỏi hoặc tên cột đã khai báo)`,
          { file: this.file },
        ),
      );
    }
    if (index['unit']! < 0) {
      problems.push(
        issue(
          'sipas.missing-column',
          'error',
          ['header'],
          `no unit column: expected one of ${wanted['unit'].map((s) => `"${s}"`).join(', ')}`,
          `thiếu cột đơn vị: cần một trong ${wanted['unit'].map((s) => `"${s}"`).join(', ')}`,
          { file: this.file },
        ),
      );
    }
    if (weighted && index['weight']! < 0) {
      problems.push(
        issue(
          'sipas.missing-column',
          'error',
          ['header'],
          `the questionnaire uses weights but there is no weight column (${weightNames.map((s) => `"${s}"`).join(', ')})`,
          `bộ câu hỏi dùng trọng số nhưng không có cột trọng số (${weightNames.map((s) => `"${s}"`).join(', ')})`,
          { file: this.file },
        ),
      );
    }
    // A first row with none of the expected columns is not a header of responses: its cells may be data (a wrong
    // file), so they are counted, not echoed.
    const recognised = Object.values(index).some((i) => i >= 0);
    if (!recognised && unknown.length > 0) {
      const listed = headerColumns(header, false);
      problems.push(
        issue(
          'sipas.unknown-column',
          'error',
          ['header'],
          `no column of the first row is expected ${listed.en}`,
          `không cột nào ở dòng đầu là cột cần có ${listed.vi}`,
          { file: this.file },
        ),
      );
    }
    for (const h of recognised ? unknown : []) {
      const hint =
        !weighted && (WEIGHT_COLUMNS as readonly string[]).includes(normalizeHeader(h))
          ? ' (the questionnaire declares options.weights.use: false)'
          : '';
      const hintVi = hint ? ' (bộ câu hỏi khai báo không dùng trọng số)' : '';
      problems.push(
        issue(
          'sipas.unknown-column',
          'error',
          ['header', h],
          `column "${h}" is not an item of ${q.id} ${q.version}, the unit, the weight or a respondent id${hint}: name it in ignore if it is meant to be there`,
          `cột "${h}" không phải câu hỏi của ${q.id} ${q.version}, đơn vị, trọng số hay mã phiếu${hintVi}: khai báo trong ignore nếu cố ý`,
          { file: this.file },
        ),
      );
    }
    if (problems.length) throw new ParIndexError(problems);
    this.itemCol = q.items.map((it) => index[`item:${it.id}`]!);
    this.unitCol = index['unit']!;
    this.weightCol = weighted ? index['weight']! : -1;
    this.respondentCol = index['respondent']!;
    this.respondents = opts.respondents ?? new RespondentIds();
    this.fileIndex = this.respondents.fileIndex(this.file);
    this.rowCells = opts.rowCells ?? 'exact';
    this.numbers = opts.numbers;
    if (opts.units) {
      const map = new Map<string, string>();
      const folded = new Map<string, string[]>();
      const clash: Issue[] = [];
      for (const u of opts.units) {
        for (const c of [u.id, ...(u.codes ?? [])]) {
          const key = c.normalize('NFC').trim();
          const other = map.get(key);
          if (other !== undefined && other !== u.id) {
            clash.push(
              issue(
                'sipas.duplicate-unit-code',
                'error',
                ['units', u.id],
                `the code "${key}" is declared for unit "${other}" and for unit "${u.id}": a row naming it could be either`,
                `mã "${key}" được khai báo cho cả đơn vị "${other}" và đơn vị "${u.id}": không biết dòng ghi mã này thuộc đơn vị nào`,
                { file: this.file },
              ),
            );
            continue;
          }
          map.set(key, u.id);
          const f = normalizeHeader(key);
          const list = folded.get(f) ?? [];
          if (!list.includes(key)) list.push(key);
          folded.set(f, list);
        }
      }
      if (clash.length) throw new ParIndexError(clash);
      this.unitMap = map;
      this.unitFolded = folded;
    }
    this.labels = q.items.map((it) => {
      const s = q.scales[it.scale]!;
      const m = new Map<string, number>();
      for (const l of s.levels) {
        m.set(normalizeHeader(l.label), l.code);
        if (l.labelEn) m.set(normalizeHeader(l.labelEn), l.code);
      }
      for (const sp of [s.noOpinion, s.notApplicable]) {
        if (!sp) continue;
        const first = sp.codes[0]!;
        if (sp.label) m.set(normalizeHeader(sp.label), first);
        if (sp.labelEn) m.set(normalizeHeader(sp.labelEn), first);
      }
      return m;
    });
    this.codes = new Array<number>(q.items.length).fill(BLANK);
  }

  private problem(i: Issue): void {
    if (this.issues.length < this.maxIssues) this.issues.push(i);
    else this.moreIssues++;
  }

  private code(item: number, c: Cell): number {
    if (c === null) return BLANK;
    if (typeof c === 'number') return Number.isInteger(c) && c >= 0 && c <= 254 ? c : -1;
    if (typeof c === 'boolean') return -1;
    // The common case, one digit, without a regular expression (millions of cells).
    if (c.length === 1) {
      const d = c.charCodeAt(0) - 48;
      if (d >= 0 && d <= 9) return d;
    }
    const t = c.trim();
    if (t === '') return BLANK;
    if (/^\d{1,3}$/.test(t)) {
      const v = Number(t);
      return v <= 254 ? v : -1;
    }
    return this.labels[item]!.get(normalizeHeader(t)) ?? -1;
  }

  /** Reads one data row (rows may arrive in any order; the tally does not depend on it). */
  add(row: TableRow): void {
    if (this.used + this.rejectedRows.length >= this.maxRows) {
      throw beyondLimit(
        'maxRows',
        `more than ${this.maxRows}`,
        this.maxRows,
        { en: 'the responses table has too many rows', vi: 'bảng phiếu khảo sát có quá nhiều dòng' },
        ['row', row.row],
        this.file,
      );
    }
    this.read(row);
    if (this.onProgress) {
      const n = this.used + this.rejectedRows.length;
      if (n % PROGRESS_EVERY === 0) this.onProgress(n);
    }
  }

  /** The row's cells when it has one per header column (XLSX: at most one, with non-empty cells); else a problem. */
  private shapeProblem(row: TableRow): Issue | undefined {
    const cells = row.cells;
    const expected = this.header.length;
    let actual = cells.length;
    if (this.rowCells === 'trailing-blanks') {
      // A sheet row ends at its last non-empty cell: fewer cells are blanks, but a value past the header is not.
      while (actual > expected && cells[actual - 1] === null) actual--;
      if (actual <= expected) return undefined;
    }
    if (actual === expected) return undefined;
    return issue(
      'sipas.row-cells',
      'error',
      ['row', row.row],
      `row ${row.row}: expected ${expected} cells (one per column of the header), found ${actual}`,
      `dòng ${row.row}: cần ${expected} ô (mỗi cột của dòng tiêu đề một ô), có ${actual}`,
      { file: this.file },
    );
  }

  /** The declared codes a code not declared may mean (same letters but for diacritics, case and spacing). */
  private suggest(u: string): string[] {
    const out = [];
    for (const code of this.unitFolded?.get(normalizeHeader(u)) ?? []) {
      const id = this.unitMap!.get(code)!;
      out.push(id === code ? `"${code}"` : `"${code}" (${id})`);
    }
    return out;
  }

  private read(row: TableRow): void {
    const shape = this.shapeProblem(row);
    if (shape) {
      // A missing or extra cell shifts every answer after it: nothing of the row can be trusted.
      this.problem(shape);
      this.rejectedRows.push(row.row);
      return;
    }
    const cells = row.cells;
    const at = (col: number): Cell => (col >= 0 && col < cells.length ? (cells[col] ?? null) : null);
    const where = (_column: string): { file: string | undefined } => ({ file: this.file });
    let bad = false;
    const rawUnit = at(this.unitCol);
    let unit: string | undefined;
    if (rawUnit === null || String(rawUnit).trim() === '') {
      this.problem(
        issue(
          'sipas.unknown-unit',
          'error',
          ['row', row.row, this.header[this.unitCol]!],
          `row ${row.row}: no unit`,
          `dòng ${row.row}: thiếu đơn vị`,
          where(''),
        ),
      );
      bad = true;
    } else {
      const u = String(rawUnit).trim();
      // Normalising a name costs; a survey names few units, so remember each spelling once. NFC only: the same
      // letters typed as composed or decomposed characters are one unit, other spellings are not.
      if (!this.unitSeen.has(u)) {
        const nfc = u.normalize('NFC');
        this.unitSeen.set(u, this.unitMap ? this.unitMap.get(nfc) : nfc);
      }
      unit = this.unitSeen.get(u);
      if (unit !== undefined && isProtoKey(unit)) {
        this.problem(
          issue(
            'sipas.unknown-unit',
            'error',
            ['row', row.row, this.header[this.unitCol]!],
            `row ${row.row}: "${u}" cannot be a unit`,
            `dòng ${row.row}: "${u}" không thể là đơn vị`,
            where(''),
          ),
        );
        bad = true;
      } else if (unit === undefined) {
        const like = this.suggest(u);
        const units = [...new Set(this.unitMap!.values())].join(', ');
        this.problem(
          issue(
            'sipas.unknown-unit',
            'error',
            ['row', row.row, this.header[this.unitCol]!],
            `row ${row.row}: unknown unit "${u}"${like.length ? `: did you mean ${like.join(' or ')}? Codes compare exactly (diacritics and case count)` : ''} (units: ${units})`,
            `dòng ${row.row}: đơn vị "${u}" không có trong danh sách${like.length ? `: có phải ${like.join(' hoặc ')}? Mã được so khớp chính xác (kể cả dấu và chữ hoa)` : ''} (${units})`,
            where(''),
          ),
        );
        bad = true;
      }
    }
    let weight: number | undefined;
    if (this.weightCol >= 0) {
      const w = at(this.weightCol);
      const read = typeof w === 'string' ? weightText(w, this.numbers) : undefined;
      if (read !== undefined && !read.ok) {
        this.problem(
          issue(
            'number.ambiguous',
            'error',
            ['row', row.row, this.header[this.weightCol]!],
            `row ${row.row}: weight ${read.reason.en}`,
            `dòng ${row.row}: trọng số ${read.reason.vi}`,
            where(''),
          ),
        );
        bad = true;
      } else weight = w === null || typeof w === 'boolean' ? undefined : weightUnits(read?.text ?? w, this.tallier.decimals);
      if (weight === undefined && !bad) {
        this.problem(
          issue(
            'sipas.bad-weight',
            'error',
            ['row', row.row, this.header[this.weightCol]!],
            `row ${row.row}: weight "${String(w ?? '')}" is not a positive number with at most ${this.tallier.decimals} decimals`,
            `dòng ${row.row}: trọng số "${String(w ?? '')}" không phải số dương có tối đa ${this.tallier.decimals} chữ số thập phân`,
            where(''),
          ),
        );
        bad = true;
      }
    }
    const slotOf = this.layout.slotOf;
    for (let i = 0; i < this.itemCol.length; i++) {
      const cell = at(this.itemCol[i]!);
      const c = this.code(i, cell);
      if (c < 0 || slotOf[i * 256 + c]! < 0) {
        const it = this.layout.items[i]!;
        const allowed = this.allowed(i);
        const h = this.header[this.itemCol[i]!]!;
        this.problem(
          issue(
            'sipas.answer-out-of-scale',
            'error',
            ['row', row.row, h],
            `row ${row.row}, column "${h}": "${String(cell)}" is not on the scale of item "${it.id}" (${allowed})`,
            `dòng ${row.row}, cột "${h}": "${String(cell)}" không thuộc thang đo của câu hỏi "${it.id}" (${allowed})`,
            where(h),
          ),
        );
        bad = true;
      } else this.codes[i] = c;
    }
    if (!bad && this.respondentCol >= 0) {
      const raw = at(this.respondentCol);
      const id = raw === null ? '' : String(raw).trim().normalize('NFC');
      // Only rows otherwise counted claim their id: a rejected row, corrected and sent again, is not a duplicate.
      const first = id === '' ? undefined : this.respondents.claim(unit!, id, this.fileIndex, row.row);
      if (first) {
        const h = this.header[this.respondentCol]!;
        const there = first.file === this.file ? (this.file ?? 'this table') : (first.file ?? 'another table');
        const thereVi = first.file === this.file ? (this.file ?? 'bảng này') : (first.file ?? 'bảng khác');
        this.problem(
          issue(
            'sipas.duplicate-respondent',
            'error',
            ['row', row.row, h],
            `row ${row.row}: respondent "${id}" of unit "${unit!}" is already at row ${first.row} of ${there}: a respondent is counted once`,
            `dòng ${row.row}: phiếu "${id}" của đơn vị "${unit!}" đã có ở dòng ${first.row} của ${thereVi}: mỗi phiếu chỉ tính một lần`,
            where(h),
          ),
        );
        bad = true;
      }
    }
    if (bad) {
      this.rejectedRows.push(row.row);
      return;
    }
    this.tallier.add(this.tallier.unit(unit!), this.codes, weight);
    this.used++;
  }

  private allowed(i: number): string {
    const s = this.q.scales[this.q.items[i]!.scale]!;
    const parts = s.levels.map((l) => `${l.code} = ${l.label}`);
    if (s.noOpinion) parts.push(`${s.noOpinion.codes.join('/')} = ${s.noOpinion.label ?? 'không có ý kiến'}`);
    if (s.notApplicable) parts.push(`${s.notApplicable.codes.join('/')} = ${s.notApplicable.label ?? 'không áp dụng'}`);
    return parts.join('; ');
  }

  /** The tally and the report. Throws {@link ParIndexError} (`sipas.empty`) when the table had no data row. */
  finish(): ImportResult {
    const rowsIn = this.used + this.rejectedRows.length;
    this.onProgress?.(rowsIn);
    if (rowsIn === 0)
      throw new ParIndexError([
        issue(
          'sipas.empty',
          'error',
          [],
          'the responses table has a header but no data row',
          'bảng phiếu khảo sát có dòng tiêu đề nhưng không có dòng dữ liệu',
          { file: this.file },
        ),
      ]);
    const report: ImportReport = {
      ...(this.file !== undefined ? { file: this.file } : {}),
      rowsIn,
      rowsUsed: this.used,
      rowsRejected: this.rejectedRows.length,
      // Frozen like the rest of the result: an app holding the report cannot change what was rejected.
      rejectedRows: Object.freeze([...this.rejectedRows]),
      issues: Object.freeze([...this.issues]),
      moreIssues: this.moreIssues,
    };
    return Object.freeze({ tally: this.tallier.tally(), report: Object.freeze(report) });
  }
}

/**
 * Imports a whole table held in memory (e.g. from `parseCsv`).
 *
 * @example
 * ```ts
 * const { tally, report } = importResponses(q, parseCsv(csvText, { file: 'responses.csv' }), { file: 'responses.csv' });
 * report.rowsIn === report.rowsUsed + report.rowsRejected; // true
 * ```
 */
export function importResponses(q: Questionnaire, table: Table, opts: ImportOptions = {}): ImportResult {
  const imp = new ResponseImporter(q, table.header, opts);
  for (const r of table.rows) imp.add(r);
  return imp.finish();
}

/**
 * A weight cell's text as `weightUnits` reads it (digits, a decimal point), in the table's declared number format;
 * without a declaration, a form two formats read differently ("1.250", "1,5") is refused, never guessed.
 */
function weightText(text: string, format: NumberFormat | undefined): { ok: true; text: string } | { ok: false; reason: Text } {
  const r = readNumber(text, format);
  if (!r.ok && r.ambiguous) return { ok: false, reason: r.reason };
  // Not a number in the declared format: no text `weightUnits` reads, so the row is rejected as a bad weight.
  if (!r.ok) return { ok: true, text: format === undefined ? text : '' };
  if (format === undefined) return { ok: true, text };
  const t = text.trim();
  const [whole, frac] = t.split(format.decimal);
  return { ok: true, text: `${whole!.replace(/[^\d+-]/g, '')}${frac !== undefined ? `.${frac}` : ''}` };
}
