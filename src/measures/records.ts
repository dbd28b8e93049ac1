/**
 * Dossier records (hồ sơ TTHC) from a one-stop export: finding the columns (Vietnamese headers, or a column
 * mapping for other layouts), and turning each row into a checked record or a rejection with its row number
 * and reason. Pure: rows come in as parsed cells (see `core/table.ts`), nothing here reads files.
 * @module
 */
import { z } from 'zod';
import { issue, type IssueCode } from '../core/errors.js';
import { normalizeHeader, type Cell, type TableRow } from '../core/table.js';
import { displayDue, type DueMoment, type DueRule, type WorkingCalendar } from '../calendar/calendar.js';
import { displayDate, isDateValue, parseDateTime, type DateStyle } from '../calendar/dates.js';
import {
  CHANNEL_WORDS,
  DOSSIER_FIELDS,
  DOSSIER_HEADERS,
  MODE_WORDS,
  NO_WORDS,
  REQUIRED_FIELDS,
  STATUS_WORDS,
  wordTable,
  YES_WORDS,
  type Channel,
  type DossierField,
  type DossierStatus,
  type OnlineMode,
} from './vocabulary.js';

/**
 * The format tag of a column-mapping file.
 * @example COLUMNS_FORMAT // "par-index/dossier-columns"
 */
export const COLUMNS_FORMAT = 'par-index/dossier-columns';

const FieldEnum = z.enum(DOSSIER_FIELDS);

/**
 * A column mapping (ánh xạ cột) for exports whose headers the built-in table does not know: which header holds
 * which field, extra words for status, channel and mode values, and the date style.
 *
 * @example
 * ```yaml
 * format: par-index/dossier-columns@1
 * columns: { id: "Số biên nhận", received: "Ngày nộp hồ sơ", unit: "Xã/phường" }
 * values: { status: { "Xong": resolved } }
 * dateFormat: dmy
 * ```
 */
export const ColumnMappingSchema = z.strictObject({
  /** The format tag: `par-index/dossier-columns@1`. */
  format: z.string().optional(),
  /** Field → the export's column header (or several candidates). */
  columns: z.partialRecord(FieldEnum, z.union([z.string().min(1), z.array(z.string().min(1)).min(1)])).default({}),
  /** The export's own words for statuses, channels, online modes and yes/no. */
  values: z
    .strictObject({
      /** Status words → status. */
      status: z.record(z.string(), z.enum(['in-process', 'resolved', 'withdrawn', 'returned', 'suspended'])).optional(),
      /** Channel words → channel. */
      channel: z.record(z.string(), z.enum(['direct', 'online', 'postal'])).optional(),
      /** Online-mode words → mode. */
      mode: z.record(z.string(), z.enum(['full', 'partial', 'none', 'level4', 'level3', 'level2', 'level1'])).optional(),
      /** Words meaning yes. */
      yes: z.array(z.string()).optional(),
      /** Words meaning no. */
      no: z.array(z.string()).optional(),
    })
    .default({}),
  /** auto (default): dd/mm/yyyy or ISO, mixing reported per row; dmy or iso: anything else is refused. */
  dateFormat: z.enum(['auto', 'dmy', 'iso']).default('auto'),
});
/**
 * A column mapping after validation and defaults.
 * @example const m: ColumnMapping = ColumnMappingSchema.parse({ columns: { id: 'Số biên nhận' } })
 */
export type ColumnMapping = z.output<typeof ColumnMappingSchema>;

/**
 * What the procedure catalogue (danh mục TTHC) says of a procedure, filling what the export leaves out.
 * @example const p: ProcedureInfo = { code: '1.001193', field: 'Hộ tịch', mode: 'partial', time: { kind: 'same-day' } }
 */
export interface ProcedureInfo {
  /** The procedure's code in the national database (mã TTHC). */
  readonly code: string;
  /** Its name. */
  readonly name?: string | undefined;
  /** Its field (lĩnh vực). */
  readonly field?: string | undefined;
  /** How far it is offered online. */
  readonly mode?: OnlineMode | undefined;
  /** Its processing time (thời hạn giải quyết). */
  readonly time?: DueRule | undefined;
}

/**
 * A checked dossier record.
 * @example const r = parser.parse(row); if (r.ok) r.record.due // the due moment
 */
export interface DossierRecord {
  /** The dossier's id (mã hồ sơ). */
  readonly id: string;
  /** The row it came from (the header is row 1). */
  readonly row: number;
  /** Its procedure's code. */
  readonly procedureCode: string | undefined;
  /** Its procedure's field. */
  readonly field: string | undefined;
  /** How far the procedure is offered online. */
  readonly mode: OnlineMode | undefined;
  /** How it was filed: direct, online or by post. */
  readonly channel: Channel | undefined;
  /** When it was received. */
  readonly received: DueMoment;
  /** The due moment (from the export's due date, else computed on the calendar); undefined for withdrawn/returned without one. */
  readonly due: DueMoment | undefined;
  /** When it was resolved, if it was. */
  readonly resolved: DueMoment | undefined;
  /** Whether the result was returned by public postal service. */
  readonly returnedByPost: boolean;
  /** Its status. */
  readonly status: DossierStatus;
  /** Whether an apology letter was sent; undefined when the export has no such column. */
  readonly apology: boolean | undefined;
  /** The receiving unit as the export writes it, or the evidence unit id it maps to. */
  readonly unit: string;
}

/**
 * A row that cannot be used, or a row used with a warning: where, what, why.
 * @example summary.rejected[0] // { row: 3, code: 'dossier.bad-date', message: 'row 3 (A2): …', … }
 */
export interface RowIssue {
  /** The file, as shown in messages. */
  readonly file: string | undefined;
  /** The row (the header is row 1). */
  readonly row: number;
  /** The dossier's id, when it could be read. */
  readonly id: string | undefined;
  /** The issue code. */
  readonly code: IssueCode;
  /** The column concerned. */
  readonly column: string | undefined;
  /** The problem in English. */
  readonly message: string;
  /** The problem in Vietnamese. */
  readonly messageVi: string;
}

/**
 * Where each field is in the header (−1: absent).
 * @example resolveColumns(header).index.received // 1, or −1 when absent
 */
export type ColumnIndex = Readonly<Record<DossierField, number>>;

/**
 * Finds the column of each field: a mapping's header names first, then the built-in headers. Returns the
 * index, the headers nothing claimed, and errors for missing required columns (`dossier.bad-header`) naming
 * what was looked for and what the file has.
 *
 * @example resolveColumns(['Mã hồ sơ', 'Ngày tiếp nhận', 'Trạng thái', 'Đơn vị tiếp nhận']).index.received // 1
 */
export function resolveColumns(header: readonly string[], mapping?: ColumnMapping, file?: string): { index: ColumnIndex; unknown: string[]; issues: ReturnType<typeof issue>[] } {
  const folded = header.map(normalizeHeader);
  const claimed = new Set<number>();
  const index = {} as Record<DossierField, number>;
  const issues: ReturnType<typeof issue>[] = [];
  for (const f of DOSSIER_FIELDS) {
    const mapped = mapping?.columns[f];
    const names = mapped !== undefined ? (Array.isArray(mapped) ? mapped : [mapped as string]) : DOSSIER_HEADERS[f];
    const wanted = names.map(normalizeHeader);
    const i = folded.findIndex((h, j) => !claimed.has(j) && wanted.includes(h));
    index[f] = i;
    if (i >= 0) claimed.add(i);
    else if (mapped !== undefined) {
      issues.push(issue('dossier.bad-header', 'error', ['header'], `the column mapping names "${names.join('" or "')}" for ${f}, but the file has no such column (its columns: ${header.join(', ')})`, `tệp ánh xạ cột chỉ định "${names.join('" hoặc "')}" cho ${f} nhưng tệp không có cột đó (các cột: ${header.join(', ')})`, { file }));
    }
  }
  for (const f of REQUIRED_FIELDS) {
    if (index[f] < 0 && mapping?.columns[f] === undefined) {
      issues.push(issue('dossier.bad-header', 'error', ['header'], `no column for ${f}: expected one of "${DOSSIER_HEADERS[f].join('", "')}" (or name it in a column mapping); the file's columns are: ${header.join(', ') || '(none)'}`, `không có cột ${f}: cần một trong "${DOSSIER_HEADERS[f].join('", "')}" (hoặc khai báo trong tệp ánh xạ cột); các cột của tệp: ${header.join(', ') || '(không có)'}`, { file }));
    }
  }
  if (index.processingTime < 0 && index.due < 0 && mapping?.columns.processingTime === undefined) {
    // Not an error yet: a procedure catalogue may give the processing time. The parser rejects rows that lack it.
  }
  return { index, unknown: header.filter((_, j) => !claimed.has(j)), issues };
}

/**
 * Reads a processing time as written: "5", "05 ngày làm việc", "trong ngày", "1 giờ", "1/2 ngày", "0,5 ngày".
 * Half a day is half of the calendar's working day. Undefined when unreadable.
 *
 * @example parseProcessingTime('1/2 ngày', 480) // { kind: 'hours', hours: 4 }
 */
export function parseProcessingTime(cell: Cell, minutesPerDay = 480): DueRule | undefined {
  if (cell === null || cell === undefined || typeof cell === 'boolean') return undefined;
  if (typeof cell === 'number') return Number.isInteger(cell) && cell >= 0 ? { kind: 'days', days: cell } : cell > 0 ? { kind: 'hours', hours: (cell * minutesPerDay) / 60 } : undefined;
  const s = normalizeHeader(cell);
  if (/^(giai quyet )?(ngay )?trong ngay( lam viec)?$/.test(s) || s === 'same day') return { kind: 'same-day' };
  if (s === 'nua ngay' || s === 'half day') return { kind: 'hours', hours: minutesPerDay / 120 };
  let m = /^(\d+)\s*\/\s*(\d+)\s*ngay( lam viec)?$/.exec(s);
  if (m && Number(m[2]) > 0) return { kind: 'hours', hours: (Number(m[1]) / Number(m[2])) * (minutesPerDay / 60) };
  m = /^(\d+(?:[.,]\d+)?)\s*(gio|tieng|h|hours?)( lam viec)?$/.exec(s);
  if (m) return { kind: 'hours', hours: Number(m[1]!.replace(',', '.')) };
  m = /^(\d+(?:[.,]\d+)?)\s*(ngay( lam viec)?|days?)?$/.exec(s);
  if (m) {
    const n = Number(m[1]!.replace(',', '.'));
    return Number.isInteger(n) ? { kind: 'days', days: n } : { kind: 'hours', hours: (n * minutesPerDay) / 60 };
  }
  return undefined;
}

/**
 * Describes a due rule for messages.
 * @example describeRule({ kind: 'days', days: 5 }).vi // "5 ngày làm việc"
 */
export function describeRule(r: DueRule): { en: string; vi: string } {
  if (r.kind === 'days') return { en: `${r.days} working day(s)`, vi: `${r.days} ngày làm việc` };
  if (r.kind === 'hours') return { en: `${r.hours} working hour(s)`, vi: `${r.hours} giờ làm việc` };
  return { en: 'the same day', vi: 'trong ngày' };
}

/**
 * Options of {@link RecordParser}.
 * @example new RecordParser(header, { calendar, unitOf: (name) => units.get(name) })
 */
export interface RecordParserOptions {
  /** The working-day calendar deadlines are counted on. */
  readonly calendar: WorkingCalendar;
  /** How the export's columns and words map to fields. */
  readonly mapping?: ColumnMapping | undefined;
  /** The procedure catalogue: when given, an unknown procedure code rejects the row. */
  readonly procedures?: ReadonlyMap<string, ProcedureInfo> | undefined;
  /** Maps the export's unit names to evidence unit ids: when given, an unknown unit rejects the row. */
  readonly unitOf?: ((name: string) => string | undefined) | undefined;
  readonly file?: string | undefined;
}

/**
 * The outcome of one row.
 * @example const r = parser.parse(row); r.ok ? r.record : r.rejection
 */
export type RowResult = { readonly ok: true; readonly record: DossierRecord; readonly warnings: readonly RowIssue[] } | { readonly ok: false; readonly rejection: RowIssue; readonly warnings: readonly RowIssue[] };

const STYLE_NAME: Record<DateStyle, string> = { dmy: 'dd/mm/yyyy', iso: 'yyyy-mm-dd', excel: 'Excel serial number' };

/**
 * Turns rows of one export into records. Stateful only in the date style it has seen (to report rows that
 * switch style) and the columns it resolved.
 *
 * @example
 * ```ts
 * const p = new RecordParser(header, { calendar });
 * const r = p.parse({ row: 2, cells: ['HS-1', '01/03/2021', 'Đã giải quyết', 'UBND xã A', …] });
 * if (!r.ok) console.log(r.rejection.message);
 * ```
 */
export class RecordParser {
  /** Each field's column position. */
  readonly index: ColumnIndex;
  /** The export's header row. */
  readonly header: readonly string[];
  /** The fields this export provides (columns found, or filled by the catalogue). */
  readonly available: ReadonlySet<DossierField>;
  private readonly opts: RecordParserOptions;
  private readonly statuses: ReadonlyMap<string, DossierStatus>;
  private readonly channels: ReadonlyMap<string, Channel>;
  private readonly modes: ReadonlyMap<string, OnlineMode>;
  private readonly yes: ReadonlySet<string>;
  private readonly no: ReadonlySet<string>;
  private readonly dateFormat: 'auto' | 'dmy' | 'iso';
  /** Folded cell text → folded form: exports repeat a handful of status, channel and mode words. */
  private readonly folded = new Map<string, string>();
  private readonly rules = new Map<string, DueRule | undefined>();
  private fileStyle: DateStyle | undefined;
  private fileStyleRow = 0;

  constructor(header: readonly string[], opts: RecordParserOptions, index?: ColumnIndex) {
    this.header = header;
    this.opts = opts;
    this.index = index ?? resolveColumns(header, opts.mapping, opts.file).index;
    const v = opts.mapping?.values;
    this.statuses = wordTable(STATUS_WORDS, v?.status ?? {});
    this.channels = wordTable(CHANNEL_WORDS, v?.channel ?? {});
    this.modes = wordTable(MODE_WORDS, v?.mode ?? {});
    this.yes = new Set([...YES_WORDS, ...(v?.yes ?? [])].map(normalizeHeader));
    this.no = new Set([...NO_WORDS, ...(v?.no ?? [])].map(normalizeHeader));
    this.dateFormat = opts.mapping?.dateFormat ?? 'auto';
    const av = new Set<DossierField>();
    for (const f of DOSSIER_FIELDS) if (this.index[f] >= 0) av.add(f);
    if (opts.procedures) {
      const list = [...opts.procedures.values()];
      if (list.length && list.every((p) => p.field !== undefined)) av.add('field');
      if (list.length && list.every((p) => p.mode !== undefined)) av.add('mode');
      if (list.length && list.every((p) => p.time !== undefined)) av.add('processingTime');
    }
    this.available = av;
  }

  /** normalizeHeader with a bounded memo: folding (NFD + regexes) per cell would dominate a large export. */
  private fold(v: Cell): string {
    const s = String(v);
    let f = this.folded.get(s);
    if (f === undefined) {
      f = normalizeHeader(s);
      if (this.folded.size < 4096) this.folded.set(s, f);
    }
    return f;
  }

  private cell(cells: readonly Cell[], f: DossierField): Cell {
    const i = this.index[f];
    return i < 0 ? null : (cells[i] ?? null);
  }

  /** The id cell of a row (for the duplicate check's second pass). */
  idOf(cells: readonly Cell[]): string | undefined {
    const c = this.cell(cells, 'id');
    return c === null ? undefined : String(c).trim() || undefined;
  }

  /** Parses one row. */
  parse(r: TableRow): RowResult {
    const file = this.opts.file;
    const cells = r.cells;
    const warnings: RowIssue[] = [];
    const id = this.idOf(cells);
    const reject = (code: IssueCode, column: DossierField | undefined, en: string, vi: string): RowResult => ({
      ok: false,
      rejection: { file, row: r.row, id, code, column: column === undefined ? undefined : this.header[this.index[column]] ?? column, message: `row ${r.row}${id ? ` (${id})` : ''}: ${en}`, messageVi: `dòng ${r.row}${id ? ` (${id})` : ''}: ${vi}` },
      warnings,
    });
    if (id === undefined) return reject('dossier.missing-value', 'id', 'no dossier id', 'thiếu mã hồ sơ');

    const date = (f: DossierField, label: { en: string; vi: string }): DueMoment | undefined | RowResult => {
      const c = this.cell(cells, f);
      if (c === null || c === '') return undefined;
      if (typeof c === 'boolean') return reject('dossier.bad-date', f, `${label.en} "${c}" is not a date`, `${label.vi} "${c}" không phải ngày`);
      const v = parseDateTime(c, this.dateFormat === 'auto' ? undefined : this.dateFormat);
      if (!isDateValue(v)) return reject('dossier.bad-date', f, `${label.en}: ${v.en}`, `${label.vi}: ${v.vi}`);
      if (v.style !== 'excel') {
        if (this.fileStyle === undefined) {
          this.fileStyle = v.style;
          this.fileStyleRow = r.row;
        } else if (v.style !== this.fileStyle) {
          warnings.push({ file, row: r.row, id, code: 'dossier.mixed-date-format', column: this.header[this.index[f]], message: `row ${r.row} (${id}): ${label.en} "${String(c)}" is written ${STYLE_NAME[v.style]}, while the file writes ${STYLE_NAME[this.fileStyle]} (first at row ${this.fileStyleRow}): read as ${displayDate(v.day)}; check the export`, messageVi: `dòng ${r.row} (${id}): ${label.vi} "${String(c)}" viết theo kiểu ${STYLE_NAME[v.style]}, trong khi tệp viết theo kiểu ${STYLE_NAME[this.fileStyle]} (từ dòng ${this.fileStyleRow}): đọc là ${displayDate(v.day)}; cần kiểm tra lại tệp kết xuất` });
        }
      }
      return { day: v.day, minute: v.minute };
    };
    const isResult = (x: unknown): x is RowResult => typeof x === 'object' && x !== null && 'ok' in x;

    const rec = date('received', { en: 'received date', vi: 'ngày tiếp nhận' });
    if (isResult(rec)) return rec;
    if (rec === undefined) return reject('dossier.missing-value', 'received', 'no received date', 'thiếu ngày tiếp nhận');
    const res = date('resolved', { en: 'resolved date', vi: 'ngày có kết quả' });
    if (isResult(res)) return res;
    const dueCell = date('due', { en: 'due date', vi: 'ngày hẹn trả' });
    if (isResult(dueCell)) return dueCell;

    const statusCell = this.cell(cells, 'status');
    const status = statusCell === null ? undefined : this.statuses.get(this.fold(statusCell));
    if (status === undefined) {
      return reject(statusCell === null ? 'dossier.missing-value' : 'dossier.bad-value', 'status', statusCell === null ? 'no status' : `unknown status "${String(statusCell)}" (known: ${Object.values(STATUS_WORDS).map((l) => l[0]).join(', ')}; add others in the column mapping's values.status)`, statusCell === null ? 'thiếu trạng thái' : `trạng thái "${String(statusCell)}" không xác định (đã biết: ${Object.values(STATUS_WORDS).map((l) => l[0]).join(', ')}; khai báo thêm ở values.status của tệp ánh xạ cột)`);
    }
    const unitCell = this.cell(cells, 'unit');
    const unitName = unitCell === null ? '' : String(unitCell).trim();
    if (!unitName) return reject('dossier.missing-value', 'unit', 'no receiving unit', 'thiếu đơn vị tiếp nhận');
    let unit = unitName;
    if (this.opts.unitOf) {
      const u = this.opts.unitOf(unitName);
      if (u === undefined) return reject('dossier.unknown-unit', 'unit', `unknown receiving unit "${unitName}": add it to the descriptor's units`, `đơn vị tiếp nhận "${unitName}" không có trong danh sách units của tệp mô tả`);
      unit = u;
    }
    const codeCell = this.cell(cells, 'procedureCode');
    const procedureCode = codeCell === null ? undefined : String(codeCell).trim() || undefined;
    let proc: ProcedureInfo | undefined;
    if (this.opts.procedures) {
      proc = procedureCode === undefined ? undefined : this.opts.procedures.get(procedureCode);
      if (!proc) return reject('dossier.unknown-procedure', 'procedureCode', procedureCode === undefined ? 'no procedure code, and the descriptor gives a procedure catalogue' : `unknown procedure "${procedureCode}": not in the procedure catalogue`, procedureCode === undefined ? 'thiếu mã thủ tục trong khi tệp mô tả có danh mục TTHC' : `mã thủ tục "${procedureCode}" không có trong danh mục TTHC`);
    }
    const fieldCell = this.cell(cells, 'field');
    const field = fieldCell === null ? proc?.field : String(fieldCell).trim() || proc?.field;
    const modeCell = this.cell(cells, 'mode');
    let mode: OnlineMode | undefined = proc?.mode;
    if (modeCell !== null) {
      const m = this.modes.get(this.fold(modeCell));
      if (m === undefined) return reject('dossier.bad-value', 'mode', `unknown online mode "${String(modeCell)}" (known: toàn trình, một phần, không, mức 1–4)`, `mức độ dịch vụ công "${String(modeCell)}" không xác định (đã biết: toàn trình, một phần, không, mức 1–4)`);
      mode = m;
    }
    const chCell = this.cell(cells, 'channel');
    let channel: Channel | undefined;
    if (chCell !== null) {
      channel = this.channels.get(this.fold(chCell));
      if (channel === undefined) return reject('dossier.bad-value', 'channel', `unknown channel "${String(chCell)}" (known: trực tiếp, trực tuyến, bưu chính công ích)`, `kênh tiếp nhận "${String(chCell)}" không xác định (đã biết: trực tiếp, trực tuyến, bưu chính công ích)`);
    }
    const yesNo = (f: DossierField): boolean | undefined | RowResult => {
      const c = this.cell(cells, f);
      if (c === null) return this.index[f] >= 0 ? false : undefined;
      if (typeof c === 'boolean') return c;
      const s = this.fold(c);
      if (s === '' || this.no.has(s)) return false;
      if (this.yes.has(s)) return true;
      return reject('dossier.bad-value', f, `"${String(c)}" is neither yes nor no (known: ${YES_WORDS.slice(0, 3).join(', ')} / ${NO_WORDS.slice(0, 2).join(', ')})`, `"${String(c)}" không phải có/không`);
    };
    const post = yesNo('returnedByPost');
    if (isResult(post)) return post;
    const apology = yesNo('apology');
    if (isResult(apology)) return apology;

    if (res !== undefined && res.day < rec.day) {
      return reject('dossier.resolved-before-received', 'resolved', `resolved on ${displayDate(res.day)}, before it was received on ${displayDate(rec.day)}`, `có kết quả ngày ${displayDate(res.day)}, trước ngày tiếp nhận ${displayDate(rec.day)}`);
    }
    if (res !== undefined && res.day === rec.day && res.minute !== undefined && rec.minute !== undefined && res.minute < rec.minute) {
      return reject('dossier.resolved-before-received', 'resolved', 'resolved before the time it was received', 'có kết quả trước giờ tiếp nhận');
    }
    if (status === 'resolved' && res === undefined) return reject('dossier.missing-value', 'resolved', 'status is resolved but there is no resolved date', 'trạng thái đã giải quyết nhưng thiếu ngày có kết quả');
    if ((status === 'in-process' || status === 'suspended') && res !== undefined) {
      return reject('dossier.bad-value', 'status', `status "${String(statusCell)}" (not finished) but a resolved date ${displayDate(res.day)} is given`, `trạng thái "${String(statusCell)}" (chưa xong) nhưng có ngày có kết quả ${displayDate(res.day)}`);
    }

    // Due: the export's appointment date wins; otherwise the processing time on the calendar.
    const timeCell = this.cell(cells, 'processingTime');
    let rule: DueRule | undefined = proc?.time;
    if (timeCell !== null) {
      const key = String(timeCell);
      let pr = this.rules.get(key);
      if (pr === undefined && !this.rules.has(key)) {
        pr = parseProcessingTime(timeCell, this.opts.calendar.minutesPerDay);
        if (this.rules.size < 4096) this.rules.set(key, pr);
      }
      if (pr === undefined) return reject('dossier.bad-value', 'processingTime', `unreadable processing time "${String(timeCell)}" (e.g. "5 ngày", "trong ngày", "1 giờ", "1/2 ngày")`, `thời hạn giải quyết "${String(timeCell)}" không đọc được (ví dụ "5 ngày", "trong ngày", "1 giờ", "1/2 ngày")`);
      rule = pr;
    }
    let due: DueMoment | undefined = dueCell;
    if (rule !== undefined) {
      const computed = this.opts.calendar.fast.due(rec, rule);
      if (computed === null) {
        if (due === undefined) return reject('calendar.out-of-range', 'received', `received ${displayDate(rec.day)}: the calendar ${this.opts.calendar.id} covers ${this.opts.calendar.covers.from} to ${this.opts.calendar.covers.to} only, so the due date cannot be computed`, `tiếp nhận ngày ${displayDate(rec.day)}: lịch ${this.opts.calendar.id} chỉ có từ ${this.opts.calendar.covers.from} đến ${this.opts.calendar.covers.to}, không tính được hạn giải quyết`);
      } else if (due === undefined) {
        due = computed;
      } else if (due.day !== computed.day) {
        const d = describeRule(rule);
        warnings.push({ file, row: r.row, id, code: 'dossier.due-mismatch', column: this.header[this.index.due], message: `row ${r.row} (${id}): the export's due date ${displayDue(due)} differs from ${displayDue(computed)}, ${d.en} after receipt on calendar ${this.opts.calendar.id}; the export's date is used`, messageVi: `dòng ${r.row} (${id}): ngày hẹn trả ${displayDue(due)} khác ${displayDue(computed)} (${d.vi} kể từ ngày tiếp nhận theo lịch ${this.opts.calendar.id}); dùng ngày hẹn trả của tệp` });
      }
    }
    if (due === undefined && (status === 'resolved' || status === 'in-process' || status === 'suspended')) {
      return reject('dossier.missing-value', 'processingTime', 'no due date and no processing time (give either column, or a procedure catalogue)', 'thiếu ngày hẹn trả và thời hạn giải quyết (cần một trong hai cột, hoặc danh mục TTHC)');
    }
    return {
      ok: true,
      record: { id, row: r.row, procedureCode, field, mode, channel, received: rec, due, resolved: res, returnedByPost: post === true, status, apology, unit },
      warnings,
    };
  }
}
