/**
 * The streaming dossier aggregator: records → a {@link DossierSummary}, in two passes. Memory does not grow with
 * the number of records: counts are fixed-size arrays per group, and each measure keeps at most `idLimit` dossier
 * ids (the smallest, so merging keeps exactly what summarising the union would). Duplicate ids are found with a
 * fixed-size Bloom filter and confirmed exactly by a second pass over only the suspected rows. Pure: no Node.
 * @module
 */
import { deepFreeze } from '../core/document.js';
import type { Issue } from '../core/errors.js';
import type { TableRow } from '../core/table.js';
import { atMost, resolveLimits, type Limits } from '../core/limits.js';
import type { DueMoment } from '../calendar/working-calendar.js';
import { timeliness } from '../calendar/working-calendar.js';
import { dayFromIso } from '../calendar/dates.js';
import { DOSSIER_MEASURES, MEASURE_INDEX } from './dossier-measures.js';
import { unavailableOf, type DossierSummary, type GroupBy, type GroupSummary, type MeasureCount, type Period } from './dossier-summary.js';
import { GroupState } from './group-state.js';
import { ratesOf, setOwn, sumOfParts } from './group-summary.js';
import { IdFilter } from './id-filter.js';
import { idKey } from './id-order.js';
import { isRejection, RecordParser, type RecordParserOptions } from './records.js';
import { resolveColumns } from './columns.js';
import { type DossierRecord, type RowIssue } from './dossier-record.js';
import { ownText, TextMemo } from './text-memo.js';
import { ONLINE_ELIGIBLE, type DossierField, type OnlineMode } from './vocabulary.js';
import { pushAll } from '../core/lists.js';

const I = (id: string): number => MEASURE_INDEX.get(id)!;
const M = {
  received: I('received'),
  resolved: I('resolved'),
  early: I('resolved.early'),
  onTime: I('resolved.onTime'),
  inTime: I('resolved.inTime'),
  late: I('resolved.late'),
  lateApology: I('late.withApology'),
  lateNoApology: I('late.withoutApology'),
  inProcess: I('inProcess'),
  notDue: I('inProcess.notDue'),
  overdue: I('inProcess.overdue'),
  suspended: I('suspended'),
  withdrawn: I('withdrawn'),
  returned: I('returned'),
  online: I('online'),
  eligible: I('onlineEligible'),
  postalIn: I('postal.received'),
  postalOut: I('postal.returned'),
};
/** Per online mode: its measures and whether it counts as offered online — one property read per record. */
const MODE_MEASURES = Object.fromEntries(
  (['full', 'partial', 'none', 'level4', 'level3', 'level2', 'level1'] as OnlineMode[]).map((m) => [
    m,
    { mode: I(`mode.${m}`), online: I(`online.${m}`), eligible: ONLINE_ELIGIBLE.has(m) },
  ]),
) as Readonly<Record<OnlineMode, { readonly mode: number; readonly online: number; readonly eligible: boolean }>>;

/** A row issue whose texts keep nothing else alive (it may be listed until the summary is dropped). */
function ownIssue(x: RowIssue): RowIssue {
  return { ...x, id: x.id === undefined ? undefined : ownText(x.id), message: ownText(x.message), messageVi: ownText(x.messageVi) };
}

/** A record whose texts keep nothing else alive. */
function ownRecord(r: DossierRecord): DossierRecord {
  const t = (s: string | undefined) => (s === undefined ? undefined : ownText(s));
  return { ...r, id: ownText(r.id), procedureCode: t(r.procedureCode), field: t(r.field), unit: ownText(r.unit) };
}

/**
 * Options of the aggregator.
 * @example new DossierAggregator({ calendar, period, by: 'unit', idLimit: 20 })
 */
export interface AggregateOptions extends Omit<RecordParserOptions, 'file'> {
  /** The period counted. */
  readonly period: Period;
  /** How to group: by unit, field or mode. */
  readonly by?: GroupBy | undefined;
  /** Dossier ids kept per measure and group (default 20; 0 keeps none; Infinity keeps all). */
  readonly idLimit?: number | undefined;
  /** Rejections and warnings listed (the counts stay exact); default 1000. */
  readonly listLimit?: number | undefined;
  /** log2 of the duplicate filter's size in bits (default 27 = 16 MiB; at least 9, one block). */
  readonly duplicateFilterBits?: number | undefined;
}

interface Suspect {
  readonly file: number;
  readonly row: number;
  /** null for a row already rejected for another reason. */
  readonly record: DossierRecord | null;
}

/**
 * The streaming aggregator. Feed each file's rows with {@link DossierAggregator.add} after
 * {@link DossierAggregator.startFile}; when {@link DossierAggregator.suspects} is non-zero, feed every file
 * again to {@link DossierAggregator.scanIds} (only the id column is read) so suspected duplicates are settled
 * exactly; then {@link DossierAggregator.finish}.
 *
 * @example
 * ```ts
 * const agg = new DossierAggregator({ calendar, period: { from: '2020-12-15', to: '2021-12-15' } });
 * agg.startFile('ho-so.csv', table.header);
 * for (const r of table.rows) agg.add(r);
 * if (agg.suspects > 0) { agg.startScan(); agg.startFile('ho-so.csv', table.header); for (const r of table.rows) agg.scanIds(r); }
 * const summary = agg.finish();
 * ```
 */
export class DossierAggregator {
  private readonly opts: AggregateOptions;
  private readonly from: number;
  private readonly to: number;
  private readonly by: GroupBy;
  private readonly limit: number;
  private readonly listLimit: number;
  private readonly groups = new Map<string, GroupState>();
  /** The same groups, for the per-row lookup (see TextMemo for why not the Map). */
  private readonly groupMemo = new TextMemo<GroupState>();
  private readonly filter: IdFilter;
  private readonly suspected = new Map<string, Suspect[]>();
  private readonly firstSeen = new Map<string, { file: number; row: number }>();
  private readonly files: string[] = [];
  private readonly available = new Set<DossierField>();
  private parser: RecordParser | undefined;
  private fileIndex = -1;
  private rowsIn = 0;
  private rowsUsed = 0;
  private rowsOutside = 0;
  private rejectedCount = 0;
  private readonly rejected: RowIssue[] = [];
  private readonly rejectedByCode: Record<string, number> = {};
  private readonly rejectedByUnit = new Map<string, number>();
  private readonly warnings: RowIssue[] = [];
  private readonly warningsByCode: Record<string, number> = {};
  private scanning = false;
  /** Header problems of the files started (missing required columns): errors that stop the summary. */
  readonly headerIssues: Issue[] = [];

  constructor(opts: AggregateOptions) {
    this.opts = opts;
    const f = dayFromIso(opts.period.from);
    const t = dayFromIso(opts.period.to);
    if (f === undefined || t === undefined || t < f) throw new RangeError(`bad period ${opts.period.from}..${opts.period.to}`);
    this.from = f;
    this.to = t;
    this.by = opts.by ?? 'unit';
    this.limit = opts.idLimit ?? 20;
    if (!(this.limit === Infinity || (Number.isInteger(this.limit) && this.limit >= 0)))
      throw new RangeError(`idLimit must be a whole number ≥ 0 or Infinity, got ${String(opts.idLimit)}`);
    this.listLimit = opts.listLimit ?? 1000;
    this.filter = new IdFilter(opts.duplicateFilterBits);
  }

  /** Rows held back as possible duplicates, waiting for a second pass. */
  get suspects(): number {
    let n = 0;
    for (const l of this.suspected.values()) n += l.length;
    return n;
  }

  /** Begins a file (pass 1, or the id scan of pass 2): resolves its columns. Returns header errors. */
  startFile(file: string, header: readonly string[]): Issue[] {
    if (!this.scanning) {
      const cols = resolveColumns(header, this.opts.mapping, file);
      this.files.push(file);
      this.fileIndex = this.files.length - 1;
      this.parser = new RecordParser(header, { ...this.opts, file }, cols.index);
      if (cols.issues.length) pushAll(this.headerIssues, cols.issues);
      if (this.fileIndex === 0) for (const f of this.parser.available) this.available.add(f);
      else for (const f of [...this.available]) if (!this.parser.available.has(f)) this.available.delete(f);
      return cols.issues;
    }
    this.fileIndex = this.files.indexOf(file);
    this.parser = new RecordParser(header, { ...this.opts, file });
    return [];
  }

  /** Switches to the second pass: feed every file again through {@link startFile} and {@link scanIds}. */
  startScan(): void {
    this.scanning = true;
  }

  /** Pass 1: one row. */
  add(r: TableRow): void {
    this.addBatch([r]);
  }

  /**
   * Pass 1: the rows of a batch, in order. Parses them all, then asks the duplicate filter about all their ids at
   * once ({@link IdFilter.testAndAddMany}, so that their cache misses in its 16 MiB overlap), then counts them.
   *
   * @example for await (const batch of table.batches) agg.addBatch(batch);
   */
  addBatch(rows: readonly TableRow[]): void {
    const p = this.parser;
    if (!p) throw new Error('startFile first');
    const n = rows.length;
    const parsed = this.parsed;
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      this.rowsIn++;
      if (this.headerIssues.length) {
        this.reject({
          file: this.files[this.fileIndex],
          row: r.row,
          id: undefined,
          code: 'dossier.bad-header',
          column: undefined,
          message: `row ${r.row}: the file's columns cannot be read`,
          messageVi: `dòng ${r.row}: không đọc được các cột của tệp`,
        });
        parsed[i] = null;
        continue;
      }
      const res = p.read(r, this.warnSink);
      if (isRejection(res)) this.reject(res);
      parsed[i] = res;
    }
    if (this.seen.length < n) this.seen = new Uint8Array(Math.max(n, this.seen.length * 2));
    const seen = this.seen;
    const ids = this.ids;
    for (let i = 0; i < n; i++) ids[i] = parsed[i]?.id;
    this.filter.testAndAddMany(ids, n, seen);
    ids.fill(undefined, 0, n);
    for (let i = 0; i < n; i++) {
      const res = parsed[i];
      parsed[i] = null;
      if (res === null || res === undefined) continue;
      if (isRejection(res)) {
        // Invalid rows are already rejected; a suspected one is kept only to know where its id first appeared.
        if (seen[i] === 1) this.suspect(res.id!, { file: this.fileIndex, row: res.row, record: null });
      } else if (seen[i] === 1) this.suspect(res.id, { file: this.fileIndex, row: res.row, record: res });
      else this.use(res);
    }
  }

  private suspect(id: string, s: Suspect): void {
    // Held until the second pass: copies, so the rows held keep no piece of the file's text alive.
    id = ownText(id);
    if (s.record !== null) s = { ...s, record: ownRecord(s.record) };
    let l = this.suspected.get(id);
    if (!l) this.suspected.set(id, (l = []));
    l.push(s);
  }

  /** Pass 2: the id of one row, to find where each suspected id first appears. */
  scanIds(r: TableRow): void {
    this.scanId(this.parser?.idOf(r.cells), r.row);
  }

  /**
   * The dossier id of a row of the file being read, as pass 2 reads it: a table that cannot be read twice (a
   * stream) keeps its rows' ids in pass 1 and feeds them to {@link scanId} in pass 2.
   */
  rowId(r: TableRow): string | undefined {
    return this.parser?.idOf(r.cells);
  }

  /** Pass 2: one row's id (from {@link rowId}) and its row number. */
  scanId(id: string | undefined, row: number): void {
    if (id === undefined || !this.suspected.has(id)) return;
    const prev = this.firstSeen.get(id);
    const here = { file: this.fileIndex, row };
    if (!prev) this.firstSeen.set(ownText(id), here);
    else if (here.file < prev.file || (here.file === prev.file && here.row < prev.row)) this.firstSeen.set(id, here);
  }

  private settle(): void {
    for (const [id, list] of this.suspected) {
      const first = this.firstSeen.get(id);
      for (const s of list) {
        if (s.record === null) continue;
        if (first && first.file === s.file && first.row === s.row) {
          // A false alarm of the filter: the first occurrence of its id.
          this.use(s.record);
        } else {
          const where = first
            ? first.file === s.file
              ? `row ${first.row}`
              : `${this.files[first.file]} row ${first.row}`
            : 'an earlier row';
          const whereVi = first
            ? first.file === s.file
              ? `dòng ${first.row}`
              : `${this.files[first.file]} dòng ${first.row}`
            : 'một dòng trước';
          this.reject({
            file: this.files[s.file],
            row: s.row,
            id,
            code: 'dossier.duplicate-id',
            column: undefined,
            message: `row ${s.row} (${id}): duplicate dossier id, first in ${where}; only the first is counted`,
            messageVi: `dòng ${s.row} (${id}): trùng mã hồ sơ với ${whereVi}; chỉ tính lần đầu`,
            unit: s.record.unit,
          });
        }
      }
    }
    this.suspected.clear();
  }

  private reject(x: RowIssue): void {
    this.rejectedCount++;
    if (x.unit !== undefined) this.rejectedByUnit.set(x.unit, (this.rejectedByUnit.get(x.unit) ?? 0) + 1);
    this.rejectedByCode[x.code] = (this.rejectedByCode[x.code] ?? 0) + 1;
    if (this.rejected.length < this.listLimit) this.rejected.push(ownIssue(x));
  }

  /** The parsed rows of the batch being added (reused, emptied after each batch). */
  private readonly parsed: (DossierRecord | RowIssue | null)[] = [];
  /** The ids of the batch being added (reused). */
  private readonly ids: (string | undefined)[] = [];
  /** Per row of the batch being added: 1 when the duplicate filter may have seen its id. */
  private seen = new Uint8Array(1024);
  /** Warnings of the row being parsed, straight into the counts and the bounded list. */
  private readonly warnSink = (x: RowIssue): void => this.warn(x);

  private warn(x: RowIssue): void {
    this.warningsByCode[x.code] = (this.warningsByCode[x.code] ?? 0) + 1;
    if (this.warnings.length < this.listLimit) this.warnings.push(ownIssue(x));
  }

  private group(key: string): GroupState {
    let g = this.groupMemo.get(key);
    if (!g) {
      g = new GroupState(this.limit);
      const own = ownText(key);
      this.groups.set(own, g);
      this.groupMemo.set(own, g);
    }
    return g;
  }

  /** Counts one valid record into its group. */
  private use(rec: DossierRecord): void {
    this.rowsUsed++;
    const key =
      this.by === 'unit' ? rec.unit : this.by === 'field' ? (rec.field ?? '(không rõ lĩnh vực)') : (rec.mode ?? '(không rõ mức độ)');
    const from = this.from;
    const to = this.to;
    const rd = rec.received.day;
    const closed = rec.resolved?.day;
    const s = rec.status;
    const id = rec.id;
    // Which measures the record feeds, decided first so a record outside the period creates no group.
    const inRecv = rd >= from && rd <= to;
    const resolvedIn = s === 'resolved' && closed! >= from && closed! <= to;
    const closedIn = (s === 'withdrawn' || s === 'returned') && (closed ?? rd) >= from && (closed ?? rd) <= to;
    const open = rd <= to && (s === 'suspended' || s === 'in-process' || (closed !== undefined && closed > to));
    if (!inRecv && !resolvedIn && !closedIn && !open) {
      this.rowsOutside++;
      return;
    }
    const g = this.group(key);
    const k = idKey(id);
    if (inRecv) {
      g.add(M.received, id, k);
      const mm = rec.mode === undefined ? undefined : MODE_MEASURES[rec.mode];
      if (mm !== undefined) {
        g.add(mm.mode, id, k);
        if (mm.eligible) g.add(M.eligible, id, k);
      }
      if (rec.channel === 'online') {
        g.add(M.online, id, k);
        if (mm !== undefined) g.add(mm.online, id, k);
      } else if (rec.channel === 'postal') g.add(M.postalIn, id, k);
    }
    if (resolvedIn) {
      g.add(M.resolved, id, k);
      const tl = timeliness(rec.due!, rec.resolved as DueMoment);
      if (tl === 'late') {
        g.add(M.late, id, k);
        if (rec.apology === true) g.add(M.lateApology, id, k);
        else if (rec.apology === false) g.add(M.lateNoApology, id, k);
      } else {
        g.add(tl === 'early' ? M.early : M.onTime, id, k);
        g.add(M.inTime, id, k);
      }
      if (rec.returnedByPost) g.add(M.postalOut, id, k);
    } else if (closedIn) {
      g.add(s === 'withdrawn' ? M.withdrawn : M.returned, id, k);
    }
    // The stock at the period's end: received by then and not finished by then. A dossier later withdrawn or
    // returned without a due date counts in inProcess only (notDue + overdue then fall short of it).
    if (open) {
      if (s === 'suspended') g.add(M.suspended, id, k);
      else {
        g.add(M.inProcess, id, k);
        if (rec.due !== undefined) g.add(rec.due.day < to ? M.overdue : M.notDue, id, k);
      }
    }
  }

  /** Ends the summary. Settles suspected duplicates (after a second pass, when there were any). */
  finish(): DossierSummary {
    const steps = this.finishing();
    for (;;) {
      const n = steps.next();
      if (n.done) return n.value;
    }
  }

  /**
   * {@link finish} in steps, one per group (docs/performance.md, "A server's view"): a caller that must not hold the
   * event loop (the io readers) runs it with a turn between steps; `finish()` runs it through.
   */
  *finishing(): Generator<void, DossierSummary> {
    this.settle();
    const unavailable = unavailableOf((m) => (m.needs ?? []).filter((f) => !this.available.has(f)));
    const groups: Record<string, GroupSummary> = {};
    const total = new GroupState(this.limit);
    for (const key of [...this.groups.keys()].sort()) {
      const g = this.groups.get(key)!;
      total.merge(g);
      // Frozen as it is built, so the freeze of the whole below skips it.
      setOwn(groups, key, deepFreeze(freezeGroup(g, this.limit)));
      yield;
    }
    const summary: DossierSummary = {
      period: { from: this.opts.period.from, to: this.opts.period.to },
      by: this.by,
      idLimit: this.limit,
      groups,
      total: freezeGroup(total, this.limit),
      rows: { in: this.rowsIn, used: this.rowsUsed, rejected: this.rejectedCount, outsidePeriod: this.rowsOutside },
      rejected: this.rejected,
      rejectedByCode: this.rejectedByCode,
      // Only when rows were rejected: a summary without any keeps the shape it always had.
      ...(this.rejectedByUnit.size
        ? { rejectedByUnit: Object.fromEntries([...this.rejectedByUnit].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) }
        : {}),
      warnings: this.warnings,
      warningsByCode: this.warningsByCode,
      unavailable,
      files: this.files,
    };
    return deepFreeze(summary);
  }
}

function freezeGroup(g: GroupState, limit: number): GroupSummary {
  const measures: Record<string, MeasureCount> = {};
  DOSSIER_MEASURES.forEach((d, m) => {
    if (d.sumOf) {
      measures[d.id] = sumOfParts(d.sumOf, measures, limit);
      return;
    }
    const count = g.counts[m]!;
    const ids = g.idsOf(m);
    measures[d.id] = { count, ids, idsTruncated: count > ids.length };
  });
  return { measures, rates: ratesOf(measures) };
}

/**
 * Summarises whole tables in memory (CSV text parsed by `parseCsv`, or rows from anywhere): both passes run
 * here. Throws nothing for bad rows (they are in `rejected`); header problems are returned as `issues`. Tables
 * with more than `limits.maxRows` data rows in all are refused (`io.too-large`) before a row is read.
 *
 * @example
 * ```ts
 * const t = parseCsv(csvText, { file: 'ho-so.csv' });
 * const { summary } = summariseDossiers([{ file: 'ho-so.csv', table: t }], { calendar, period: { from: '2021-01-01', to: '2021-12-31' } });
 * summary.total.measures['resolved.late'].count;
 * ```
 */
export function summariseDossiers(
  tables: readonly { readonly file: string; readonly table: { readonly header: readonly string[]; readonly rows: readonly TableRow[] } }[],
  opts: AggregateOptions & { readonly limits?: Partial<Limits> | undefined },
): {
  /** The summary of all the tables' rows. */
  summary: DossierSummary;
  /** Header problems of the files (`dossier.bad-header`: a required column, or one the mapping names, is missing; such a file's rows are not read); bad rows are in `summary.rejected`. */
  issues: Issue[];
} {
  const rowCount = tables.reduce((s, t) => s + t.table.rows.length, 0);
  // Rows from anywhere (not only parseCsv, which has its own limit): the whole run is bounded, not each table.
  atMost(
    'maxRows',
    rowCount,
    resolveLimits(opts.limits),
    { en: 'the tables have too many data rows in all', vi: 'các bảng có quá nhiều dòng dữ liệu' },
    [],
    tables.length === 1 ? tables[0]!.file : undefined,
  );
  // In memory the table is already there: a filter sized to it (32 bits per row) keeps false alarms rare.
  const bits = opts.duplicateFilterBits ?? Math.min(27, Math.max(10, Math.ceil(Math.log2(rowCount * 32 + 1))));
  const agg = new DossierAggregator({ ...opts, duplicateFilterBits: bits });
  const issues: Issue[] = [];
  const skipped = new Set<string>();
  for (const t of tables) {
    const head = agg.startFile(t.file, t.table.header);
    pushAll(issues, head);
    // A header without a required column: its rows are not read (each could only be rejected); the error says why.
    if (head.some((i) => i.severity === 'error')) skipped.add(t.file);
    else for (const r of t.table.rows) agg.add(r);
  }
  if (agg.suspects > 0) {
    agg.startScan();
    for (const t of tables) {
      if (skipped.has(t.file)) continue;
      agg.startFile(t.file, t.table.header);
      for (const r of t.table.rows) agg.scanIds(r);
    }
  }
  return { summary: agg.finish(), issues };
}
