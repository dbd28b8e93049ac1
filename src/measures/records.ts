/**
 * Dossier records (hồ sơ TTHC) from a one-stop export: finding the columns (Vietnamese headers, or a column
 * mapping for other layouts), and turning each row into a checked record or a rejection with its row number
 * and reason. Pure: rows come in as parsed cells (see `core/table.ts`), nothing here reads files.
 * @module
 */
import type { IssueCode } from '../core/errors.js';
import { invisibleChar, showInvisible } from '../core/text.js';
import { normalizeHeader, surelyNotSpace, type Cell, type TableRow } from '../core/table.js';
import { displayDue, type DueMoment, type DueRule, type WorkingCalendar } from '../calendar/working-calendar.js';
import { TextMemo } from './text-memo.js';
import { displayDate, isDateValue, parseDateTime, type DateProblem, type DateStyle } from '../calendar/dates.js';
import {
  CHANNEL_WORDS,
  DOSSIER_FIELDS,
  MODE_WORDS,
  NO_WORDS,
  STATUS_WORDS,
  wordTable,
  YES_WORDS,
  type Channel,
  type DossierField,
  type DossierStatus,
  type OnlineMode,
} from './vocabulary.js';
import { resolveColumns, type ColumnIndex, type ColumnMapping } from './columns.js';
import { describeRule, parseProcessingTime, processingTimeProblem } from './processing-time.js';
import type { DossierRecord, ProcedureInfo, RowIssue, RowResult } from './dossier-record.js';

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
  /** Maps the export's unit names to evidence unit ids: when given, an unknown unit rejects the row. Called once per distinct name (its answers are remembered), so it must not change its mind. */
  readonly unitOf?: ((name: string) => string | undefined) | undefined;
  /** The file, as shown in messages and in each {@link RowIssue}. */
  readonly file?: string | undefined;
}

const STYLE_NAME: Record<DateStyle, string> = { dmy: 'dd/mm/yyyy', iso: 'yyyy-mm-dd', excel: 'Excel serial number' };

/** Labels of the date fields in messages. */
const DATE_LABEL = {
  received: { en: 'received date', vi: 'ngày tiếp nhận' },
  resolved: { en: 'resolved date', vi: 'ngày có kết quả' },
  due: { en: 'due date', vi: 'ngày hẹn trả' },
} as const;

/**
 * Distinct cell texts remembered per column. An export repeats a handful of status, channel and mode words,
 * and a few hundred dates, a million times: looking the raw text up once beats folding (NFD + regexes) or
 * parsing it on every row. Bounded, so a column of unique texts costs a fixed amount of memory.
 */
const MEMO_LIMIT = 8192;

/** A date cell read once: the moment (frozen, so records can share it) and how it was written. */
interface DateRead {
  readonly moment: DueMoment;
  readonly style: DateStyle;
}

/** Cell text → value through a folded word table, remembered per text. */
class WordLookup<T> {
  private readonly memo = new TextMemo<T | null>(MEMO_LIMIT);
  constructor(private readonly table: ReadonlyMap<string, T>) {}
  /** The value of a cell's words, or undefined when the table does not know them. */
  get(cell: Exclude<Cell, null>): T | undefined {
    const text = typeof cell === 'string' ? cell : String(cell);
    let v = this.memo.get(text);
    if (v === undefined) {
      v = this.table.get(normalizeHeader(text)) ?? null;
      this.memo.set(text, v);
    }
    return v ?? undefined;
  }
}

/** A cell's text without surrounding space; undefined when empty. */
function text(c: Cell | undefined): string | undefined {
  if (c === null || c === undefined) return undefined;
  const s = typeof c === 'string' ? c : String(c);
  // Most cells have nothing to trim: say so from their two ends instead of calling trim on each.
  if (s.length > 0 && surelyNotSpace(s.charCodeAt(0)) && surelyNotSpace(s.charCodeAt(s.length - 1))) return s;
  return s.trim() || undefined;
}

/** A {@link DossierRecord} made by a constructor, not a literal (see DataRow in core/table.ts: no allocation site to pretenure). */
class ParsedRecord implements DossierRecord {
  constructor(
    readonly id: string,
    readonly row: number,
    readonly procedureCode: string | undefined,
    readonly field: string | undefined,
    readonly mode: OnlineMode | undefined,
    readonly channel: Channel | undefined,
    readonly received: DueMoment,
    readonly due: DueMoment | undefined,
    readonly resolved: DueMoment | undefined,
    readonly returnedByPost: boolean,
    readonly status: DossierStatus,
    readonly apology: boolean | undefined,
    readonly unit: string,
  ) {}
}

/**
 * True when {@link RecordParser.read} rejected the row.
 * @example const r = parser.read(row, warn); if (isRejection(r)) console.log(r.message)
 */
export function isRejection<T extends object>(r: T | RowIssue): r is RowIssue {
  return (r as RowIssue).code !== undefined;
}

/**
 * Turns rows of one export into records. Stateful only in the date style it has seen (to report rows that
 * switch style), the columns it resolved, and bounded memos of the cell texts it has read.
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
  private readonly statuses: WordLookup<DossierStatus>;
  private readonly channels: WordLookup<Channel>;
  private readonly modes: WordLookup<OnlineMode>;
  /** Yes and no words (no wins when a word is both; an empty or blank cell is no). */
  private readonly yesNo: WordLookup<boolean>;
  private readonly dateFormat: 'auto' | 'dmy' | 'iso';
  private readonly rules = new TextMemo<DueRule | null>(MEMO_LIMIT);
  private readonly dates = new TextMemo<DateRead | DateProblem>(MEMO_LIMIT);
  /** The export's unit names → evidence unit ids (null: unknown), when the options map units. */
  private readonly units = new TextMemo<string | null>(MEMO_LIMIT);
  // Column positions, read once: a row touches each of them.
  private readonly iId: number;
  private readonly iCode: number;
  private readonly iField: number;
  private readonly iMode: number;
  private readonly iChannel: number;
  private readonly iReceived: number;
  private readonly iTime: number;
  private readonly iDue: number;
  private readonly iResolved: number;
  private readonly iPost: number;
  private readonly iStatus: number;
  private readonly iApology: number;
  private readonly iUnit: number;
  private fileStyle: DateStyle | undefined;
  private fileStyleRow = 0;

  constructor(header: readonly string[], opts: RecordParserOptions, index?: ColumnIndex) {
    this.header = header;
    this.opts = opts;
    const ix = index ?? resolveColumns(header, opts.mapping, opts.file).index;
    this.index = ix;
    const v = opts.mapping?.values;
    this.statuses = new WordLookup(wordTable(STATUS_WORDS, v?.status ?? {}));
    this.channels = new WordLookup(wordTable(CHANNEL_WORDS, v?.channel ?? {}));
    this.modes = new WordLookup(wordTable(MODE_WORDS, v?.mode ?? {}));
    const yn = new Map<string, boolean>();
    for (const w of [...YES_WORDS, ...(v?.yes ?? [])]) yn.set(normalizeHeader(w), true);
    for (const w of [...NO_WORDS, ...(v?.no ?? []), '']) yn.set(normalizeHeader(w), false);
    this.yesNo = new WordLookup(yn);
    this.dateFormat = opts.mapping?.dateFormat ?? 'auto';
    this.iId = ix.id;
    this.iCode = ix.procedureCode;
    this.iField = ix.field;
    this.iMode = ix.mode;
    this.iChannel = ix.channel;
    this.iReceived = ix.received;
    this.iTime = ix.processingTime;
    this.iDue = ix.due;
    this.iResolved = ix.resolved;
    this.iPost = ix.returnedByPost;
    this.iStatus = ix.status;
    this.iApology = ix.apology;
    this.iUnit = ix.unit;
    const av = new Set<DossierField>();
    for (const f of DOSSIER_FIELDS) if (ix[f] >= 0) av.add(f);
    if (opts.procedures) {
      const list = [...opts.procedures.values()];
      if (list.length && list.every((p) => p.field !== undefined)) av.add('field');
      if (list.length && list.every((p) => p.mode !== undefined)) av.add('mode');
      if (list.length && list.every((p) => p.time !== undefined)) av.add('processingTime');
    }
    this.available = av;
  }

  /** The id cell of a row (for the duplicate check's second pass). */
  idOf(cells: readonly Cell[]): string | undefined {
    return this.iId < 0 ? undefined : text(cells[this.iId]);
  }

  /**
   * Parses one row.
   * @example const r = parser.parse({ row: 2, cells }); r.ok ? r.record.due : r.rejection.message
   */
  parse(r: TableRow): RowResult {
    const warnings: RowIssue[] = [];
    const out = this.read(r, (w) => warnings.push(w));
    return isRejection(out) ? { ok: false, rejection: out, warnings } : { ok: true, record: out, warnings };
  }

  /**
   * Parses one row as {@link RecordParser.parse} does, without the result wrapper: returns the record, or the
   * rejection (tell them apart with {@link isRejection}); warnings of a used or rejected row go to `warn`. For
   * callers reading millions of rows (the aggregator): nothing is allocated per row but the record.
   *
   * @example const r = parser.read(row, (w) => warnings.push(w)); if (!isRejection(r)) count(r)
   */
  read(r: TableRow, warn: (w: RowIssue) => void): DossierRecord | RowIssue {
    const cells = r.cells;
    const id = this.iId < 0 ? undefined : text(cells[this.iId]);
    if (id === undefined) return this.reject(r, id, 'dossier.missing-value', 'id', 'no dossier id', 'thiếu mã hồ sơ');
    const idHidden = invisibleChar(id);
    if (idHidden) return this.invisible(r, undefined, 'id', id, idHidden);

    const rec = this.date(r, id, 'received', this.iReceived, warn);
    if (rec === undefined) return this.reject(r, id, 'dossier.missing-value', 'received', 'no received date', 'thiếu ngày tiếp nhận');
    if (isRejection(rec)) return rec;
    const res = this.date(r, id, 'resolved', this.iResolved, warn);
    if (res !== undefined && isRejection(res)) return res;
    const dueCell = this.date(r, id, 'due', this.iDue, warn);
    if (dueCell !== undefined && isRejection(dueCell)) return dueCell;

    const statusCell = this.iStatus < 0 ? null : (cells[this.iStatus] ?? null);
    const status = statusCell === null ? undefined : this.statuses.get(statusCell);
    if (status === undefined) {
      return this.reject(
        r,
        id,
        statusCell === null ? 'dossier.missing-value' : 'dossier.bad-value',
        'status',
        statusCell === null
          ? 'no status'
          : `unknown status "${String(statusCell)}" (known: ${Object.values(STATUS_WORDS)
              .map((l) => l[0])
              .join(', ')}; add others in the column mapping's values.status)`,
        statusCell === null
          ? 'thiếu trạng thái'
          : `trạng thái "${String(statusCell)}" không xác định (đã biết: ${Object.values(STATUS_WORDS)
              .map((l) => l[0])
              .join(', ')}; khai báo thêm ở values.status của tệp ánh xạ cột)`,
      );
    }
    const unitName = this.iUnit < 0 ? undefined : text(cells[this.iUnit]);
    if (unitName === undefined) return this.reject(r, id, 'dossier.missing-value', 'unit', 'no receiving unit', 'thiếu đơn vị tiếp nhận');
    let unit = unitName;
    const unitHidden = invisibleChar(unitName);
    if (unitHidden) return this.invisible(r, id, 'unit', unitName, unitHidden);
    if (this.opts.unitOf) {
      let u = this.units.get(unitName);
      if (u === undefined) {
        u = this.opts.unitOf(unitName) ?? null;
        this.units.set(unitName, u);
      }
      if (u === null)
        return this.reject(
          r,
          id,
          'dossier.unknown-unit',
          'unit',
          `unknown receiving unit "${unitName}": add it to the descriptor's units`,
          `đơn vị tiếp nhận "${unitName}" không có trong danh sách units của tệp mô tả`,
        );
      unit = u;
    }
    const procedureCode = this.iCode < 0 ? undefined : text(cells[this.iCode]);
    let proc: ProcedureInfo | undefined;
    if (this.opts.procedures) {
      proc = procedureCode === undefined ? undefined : this.opts.procedures.get(procedureCode);
      if (!proc) {
        if (procedureCode === undefined)
          return this.reject(
            r,
            id,
            'dossier.unknown-procedure',
            'procedureCode',
            'no procedure code, and the descriptor gives a procedure catalogue',
            'thiếu mã thủ tục trong khi tệp mô tả có danh mục TTHC',
          );
        // A code written unquoted in a YAML catalogue is read as a number: 1.004870 becomes 1.00487. Say so.
        const asNumber = /^[0-9.]+$/.test(procedureCode) ? String(Number(procedureCode)) : undefined;
        const yaml = asNumber !== undefined && asNumber !== procedureCode && this.opts.procedures.has(asNumber);
        return this.reject(
          r,
          id,
          'dossier.unknown-procedure',
          'procedureCode',
          `unknown procedure "${procedureCode}": not in the procedure catalogue${yaml ? `, which has "${asNumber}": a code written without quotes in YAML is read as a number and loses its trailing zeros; quote it ("${procedureCode}")` : ''}`,
          `mã thủ tục "${procedureCode}" không có trong danh mục TTHC${yaml ? `, danh mục có "${asNumber}": mã viết không có dấu nháy trong YAML bị đọc thành số và mất chữ số 0 ở cuối; hãy đặt trong dấu nháy ("${procedureCode}")` : ''}`,
        );
      }
    }
    const field = (this.iField < 0 ? undefined : text(cells[this.iField])) ?? proc?.field;
    const modeCell = this.iMode < 0 ? null : (cells[this.iMode] ?? null);
    let mode: OnlineMode | undefined = proc?.mode;
    if (modeCell !== null) {
      mode = this.modes.get(modeCell);
      if (mode === undefined)
        return this.reject(
          r,
          id,
          'dossier.bad-value',
          'mode',
          `unknown online mode "${String(modeCell)}" (known: toàn trình, một phần, không, mức 1–4)`,
          `mức độ dịch vụ công "${String(modeCell)}" không xác định (đã biết: toàn trình, một phần, không, mức 1–4)`,
        );
    }
    const chCell = this.iChannel < 0 ? null : (cells[this.iChannel] ?? null);
    let channel: Channel | undefined;
    if (chCell !== null) {
      channel = this.channels.get(chCell);
      if (channel === undefined)
        return this.reject(
          r,
          id,
          'dossier.bad-value',
          'channel',
          `unknown channel "${String(chCell)}" (known: trực tiếp, trực tuyến, bưu chính công ích)`,
          `kênh tiếp nhận "${String(chCell)}" không xác định (đã biết: trực tiếp, trực tuyến, bưu chính công ích)`,
        );
    }
    const post = this.flag(r, id, 'returnedByPost', this.iPost);
    if (typeof post === 'object') return post;
    const apology = this.flag(r, id, 'apology', this.iApology);
    if (typeof apology === 'object') return apology;

    const received = rec.moment;
    const resolved = res?.moment;
    if (resolved !== undefined && resolved.day < received.day) {
      return this.reject(
        r,
        id,
        'dossier.resolved-before-received',
        'resolved',
        `resolved on ${displayDate(resolved.day)}, before it was received on ${displayDate(received.day)}`,
        `có kết quả ngày ${displayDate(resolved.day)}, trước ngày tiếp nhận ${displayDate(received.day)}`,
      );
    }
    if (
      resolved !== undefined &&
      resolved.day === received.day &&
      resolved.minute !== undefined &&
      received.minute !== undefined &&
      resolved.minute < received.minute
    ) {
      return this.reject(
        r,
        id,
        'dossier.resolved-before-received',
        'resolved',
        'resolved before the time it was received',
        'có kết quả trước giờ tiếp nhận',
      );
    }
    if (status === 'resolved' && resolved === undefined)
      return this.reject(
        r,
        id,
        'dossier.missing-value',
        'resolved',
        'status is resolved but there is no resolved date',
        'trạng thái đã giải quyết nhưng thiếu ngày có kết quả',
      );
    if ((status === 'in-process' || status === 'suspended') && resolved !== undefined) {
      return this.reject(
        r,
        id,
        'dossier.bad-value',
        'status',
        `status "${String(statusCell)}" (not finished) but a resolved date ${displayDate(resolved.day)} is given`,
        `trạng thái "${String(statusCell)}" (chưa xong) nhưng có ngày có kết quả ${displayDate(resolved.day)}`,
      );
    }

    // Due: the export's appointment date wins; otherwise the processing time on the calendar.
    const timeCell = this.iTime < 0 ? null : (cells[this.iTime] ?? null);
    let rule: DueRule | undefined = proc?.time;
    if (timeCell !== null) {
      const key = typeof timeCell === 'string' ? timeCell : String(timeCell);
      let pr = this.rules.get(key);
      if (pr === undefined) {
        pr = parseProcessingTime(timeCell, this.opts.calendar.minutesPerDay) ?? null;
        this.rules.set(key, pr);
      }
      if (pr === null) {
        const why = processingTimeProblem(timeCell, this.opts.calendar.minutesPerDay);
        return this.reject(
          r,
          id,
          'dossier.bad-value',
          'processingTime',
          why
            ? `processing time "${String(timeCell)}" ${why.en}`
            : `unreadable processing time "${String(timeCell)}" (e.g. "5 ngày", "trong ngày", "1 giờ", "1/2 ngày")`,
          why
            ? `thời hạn giải quyết "${String(timeCell)}" ${why.vi}`
            : `thời hạn giải quyết "${String(timeCell)}" không đọc được (ví dụ "5 ngày", "trong ngày", "1 giờ", "1/2 ngày")`,
        );
      }
      rule = pr;
    }
    let due: DueMoment | undefined = dueCell?.moment;
    if (rule !== undefined) {
      const cal = this.opts.calendar;
      const computed = cal.fast.due(received, rule);
      if (computed === null) {
        if (due === undefined)
          return this.reject(
            r,
            id,
            'calendar.out-of-range',
            'received',
            `received ${displayDate(received.day)}: the calendar ${cal.id} covers ${cal.covers.from} to ${cal.covers.to}${cal.beyond ? ` (and ${cal.beyond.to} from the statutory holidays alone)` : ''} only, so the due date cannot be computed; add the year to the calendar file or give your own (descriptor "calendar:", --calendar FILE; docs/calendar.md)`,
            `tiếp nhận ngày ${displayDate(received.day)}: lịch ${cal.id} chỉ có từ ${cal.covers.from} đến ${cal.covers.to}${cal.beyond ? ` (tính theo luật đến ${cal.beyond.to})` : ''}, không tính được hạn giải quyết; cần bổ sung năm vào tệp lịch hoặc dùng tệp lịch riêng ("calendar:" trong tệp mô tả, --calendar TỆP; docs/calendar.md)`,
          );
      } else if (due === undefined) {
        due = computed;
        // Counted over provisional days, or past the calendar's years on the statutory holidays: used, and said so.
        if (cal.fast.uncertain(received.day, computed.day)) {
          const w = cal.checkWindow(received.day, computed.day)!;
          const d = describeRule(rule);
          warn({
            file: this.opts.file,
            row: r.row,
            id,
            code: w.code,
            column: this.header[this.iReceived],
            message: `row ${r.row} (${id}): due ${displayDue(computed)} (${d.en} after receipt) ${w.message}`,
            messageVi: `dòng ${r.row} (${id}): hạn ${displayDue(computed)} (${d.vi} kể từ ngày tiếp nhận) ${w.messageVi}`,
          });
        }
      } else if (due.day !== computed.day) {
        const d = describeRule(rule);
        warn({
          file: this.opts.file,
          row: r.row,
          id,
          code: 'dossier.due-mismatch',
          column: this.header[this.iDue],
          message: `row ${r.row} (${id}): the export's due date ${displayDue(due)} differs from ${displayDue(computed)}, ${d.en} after receipt on calendar ${cal.id}; the export's date is used`,
          messageVi: `dòng ${r.row} (${id}): ngày hẹn trả ${displayDue(due)} khác ${displayDue(computed)} (${d.vi} kể từ ngày tiếp nhận theo lịch ${cal.id}); dùng ngày hẹn trả của tệp`,
        });
      }
    }
    if (due === undefined && (status === 'resolved' || status === 'in-process' || status === 'suspended')) {
      return this.reject(
        r,
        id,
        'dossier.missing-value',
        'processingTime',
        'no due date and no processing time (give either column, or a procedure catalogue)',
        'thiếu ngày hẹn trả và thời hạn giải quyết (cần một trong hai cột, hoặc danh mục TTHC)',
      );
    }
    return new ParsedRecord(id, r.row, procedureCode, field, mode, channel, received, due, resolved, post === true, status, apology, unit);
  }

  /** The rejection of an id or unit name holding an invisible character: refused, not silently cleaned. */
  private invisible(
    r: TableRow,
    id: string | undefined,
    column: DossierField,
    cell: string,
    at: { index: number; code: string },
  ): RowIssue {
    return this.reject(
      r,
      id,
      'text.invisible-char',
      column,
      `"${showInvisible(cell)}" holds an invisible character ${at.code} at position ${at.index + 1}: remove it (two names that look the same must be the same)`,
      `"${showInvisible(cell)}" chứa ký tự ẩn ${at.code} ở vị trí ${at.index + 1}: hãy xoá ký tự này (hai tên trông giống nhau phải là một)`,
    );
  }

  private reject(r: TableRow, id: string | undefined, code: IssueCode, column: DossierField | undefined, en: string, vi: string): RowIssue {
    // The unit, when it can be read: a unit whose rows were all rejected must not look like one with no case.
    const unit = this.unitKey(r.cells);
    return {
      file: this.opts.file,
      row: r.row,
      id,
      code,
      column: column === undefined ? undefined : (this.header[this.index[column]] ?? column),
      message: `row ${r.row}${id ? ` (${id})` : ''}: ${en}`,
      messageVi: `dòng ${r.row}${id ? ` (${id})` : ''}: ${vi}`,
      ...(unit === undefined ? {} : { unit }),
    };
  }

  /** A row's unit as records name it (the evidence unit id when units are mapped); undefined when unknown. */
  private unitKey(cells: readonly Cell[]): string | undefined {
    const name = this.iUnit < 0 ? undefined : text(cells[this.iUnit]);
    if (name === undefined || !this.opts.unitOf) return name;
    let u = this.units.get(name);
    if (u === undefined) {
      u = this.opts.unitOf(name) ?? null;
      this.units.set(name, u);
    }
    return u ?? undefined;
  }

  /** A date cell: its moment, undefined when empty, or the rejection. Warns when its style differs from the file's. */
  private date(
    r: TableRow,
    id: string,
    f: keyof typeof DATE_LABEL,
    i: number,
    warn: (w: RowIssue) => void,
  ): DateRead | RowIssue | undefined {
    const c = i < 0 ? null : (r.cells[i] ?? null);
    if (c === null || c === '') return undefined;
    const label = DATE_LABEL[f];
    if (typeof c === 'boolean')
      return this.reject(r, id, 'dossier.bad-date', f, `${label.en} "${c}" is not a date`, `${label.vi} "${c}" không phải ngày`);
    let v = typeof c === 'string' ? this.dates.get(c) : undefined;
    if (v === undefined) {
      const p = parseDateTime(c, this.dateFormat === 'auto' ? undefined : this.dateFormat);
      v = isDateValue(p) ? { moment: Object.freeze({ day: p.day, minute: p.minute }), style: p.style } : p;
      if (typeof c === 'string') this.dates.set(c, v);
    }
    if (!('moment' in v)) return this.reject(r, id, 'dossier.bad-date', f, `${label.en}: ${v.en}`, `${label.vi}: ${v.vi}`);
    if (v.style !== 'excel' && v.style !== this.fileStyle) {
      if (this.fileStyle === undefined) {
        this.fileStyle = v.style;
        this.fileStyleRow = r.row;
      } else {
        warn({
          file: this.opts.file,
          row: r.row,
          id,
          code: 'dossier.mixed-date-format',
          column: this.header[i],
          message: `row ${r.row} (${id}): ${label.en} "${String(c)}" is written ${STYLE_NAME[v.style]}, while the file writes ${STYLE_NAME[this.fileStyle]} (first at row ${this.fileStyleRow}): read as ${displayDate(v.moment.day)}; check the export`,
          messageVi: `dòng ${r.row} (${id}): ${label.vi} "${String(c)}" viết theo kiểu ${STYLE_NAME[v.style]}, trong khi tệp viết theo kiểu ${STYLE_NAME[this.fileStyle]} (từ dòng ${this.fileStyleRow}): đọc là ${displayDate(v.moment.day)}; cần kiểm tra lại tệp kết xuất`,
        });
      }
    }
    return v;
  }

  /** A yes/no cell: undefined when the export has no such column, false when empty, or the rejection. */
  private flag(r: TableRow, id: string, f: DossierField, i: number): boolean | undefined | RowIssue {
    if (i < 0) return undefined;
    const c = r.cells[i] ?? null;
    if (c === null) return false;
    if (typeof c === 'boolean') return c;
    const v = this.yesNo.get(c);
    if (v !== undefined) return v;
    return this.reject(
      r,
      id,
      'dossier.bad-value',
      f,
      `"${String(c)}" is neither yes nor no (known: ${YES_WORDS.slice(0, 3).join(', ')} / ${NO_WORDS.slice(0, 2).join(', ')})`,
      `"${String(c)}" không phải có/không`,
    );
  }
}
