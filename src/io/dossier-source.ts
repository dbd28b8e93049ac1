/**
 * Reading one-stop exports from files (Node): the working-day calendar, column mappings and procedure
 * catalogues, and the dossier-source descriptor, whose {@link SourceReader} streams the export through
 * `openTable` (memory flat in the file's length) and returns evidence documents.
 * @module
 */
import { basename, extname, isAbsolute, relative, resolve } from 'node:path';
import { checkFormat, deepFreeze, parseText } from '../core/document.js';
import { issue, ParIndexError, type Issue } from '../core/errors.js';
import { fromZodIssues } from '../core/zod-helpers.js';
import { loadCalendar } from '../calendar/calendar.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { checkAggregates, readAggregateTable } from '../measures/aggregates.js';
import {
  aggregateEvidence,
  DOSSIER_SOURCE_FORMAT,
  DOSSIER_SOURCE_VERSION,
  dossierEvidence,
  DossierSourceSchema,
  unitTargets,
  type DossierSourceData,
} from '../measures/dossier-source.js';
import { DossierAggregator, type AggregateOptions } from '../measures/dossier-aggregator.js';
import type { DossierSummary, GroupBy, Period } from '../measures/summary-schema.js';
import { COLUMNS_FORMAT, ColumnMappingSchema, resolveColumns, type ColumnMapping } from '../measures/columns.js';
import { parseProcessingTime, processingTimeProblem } from '../measures/processing-time.js';
import { type ProcedureInfo } from '../measures/dossier-record.js';
import { MODE_WORDS, onlineModeOf, wordTable, type OnlineMode } from '../measures/vocabulary.js';
import type { TableRow } from '../core/table.js';
import { displayPath, readText, type ReadOptions } from './files.js';
import type { SourceContext, SourceReader, SourceResult } from './source-reader.js';
import { packageFile } from './package-files.js';
import { openTable, wholeTable, type TableOptions } from './table.js';
import { rereadable, runPaced, yieldToEventLoop, type TableData, type TableInput } from '../core/table-stream.js';
import { ownText } from '../measures/text-memo.js';
import { pushAll } from '../core/lists.js';
import { confined } from './confine.js';

/**
 * The calendars bundled with the package, by name.
 * @example BUNDLED_CALENDARS.vn // "data/calendars/vn.yaml"
 */
export const BUNDLED_CALENDARS: Readonly<Record<string, string>> = { vn: 'data/calendars/vn.yaml' };

/**
 * Reads a working-day calendar: a bundled name ("vn") or a calendar file (relative to `dir`).
 *
 * @example readCalendar('vn').isWorkingDay('2021-02-15') // false (Tết Tân Sửu)
 */
export function readCalendar(nameOrPath: string, opts: { dir?: string; limits?: ReadOptions } = {}): WorkingCalendar {
  const bundled = BUNDLED_CALENDARS[nameOrPath];
  const path = bundled ? packageFile(bundled) : isAbsolute(nameOrPath) ? nameOrPath : resolve(opts.dir ?? process.cwd(), nameOrPath);
  return loadCalendar(readText(path, opts.limits), { file: displayPath(path) });
}

/**
 * Reads a column-mapping file (format par-index/dossier-columns@1).
 * @example readColumnMapping('mappings/mot-cua-v2.yaml').columns.id
 */
export function readColumnMapping(path: string, limits?: ReadOptions): ColumnMapping {
  return columnMappingOf(readText(path, limits), displayPath(path));
}

function columnMappingOf(text: string, file: string): ColumnMapping {
  const doc = parseText(text, { file });
  const f = checkFormat(doc, COLUMNS_FORMAT, 1, file);
  if (f.length) throw new ParIndexError(f);
  const r = ColumnMappingSchema.safeParse(doc);
  if (!r.success) throw new ParIndexError(fromZodIssues(r.error.issues, file));
  return r.data;
}

/**
 * A catalogue's online mode: a mode id (level3, full), an export's word (Mức độ 3, toàn trình) or one of the column
 * mapping's `values.mode` words, inline or in a file.
 */
function modeOf(
  v: unknown,
  where: string,
  file: string | undefined,
  issues: Issue[],
  words: ReadonlyMap<string, OnlineMode>,
): OnlineMode | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const m = typeof v === 'string' || typeof v === 'number' ? onlineModeOf(v, words) : undefined;
  if (m === undefined)
    issues.push(
      issue('dossier.bad-value', 'error', [where], `unknown online mode "${String(v)}"`, `mức độ "${String(v)}" không xác định`, { file }),
    );
  return m;
}

/**
 * Reads a procedure catalogue: inline entries, a YAML/JSON map, or a CSV/XLSX table with the record headers. An
 * online mode is a mode id (full, partial, none, level4 … level1), a word as exports write it (toàn trình,
 * Mức độ 3) or one of `opts.modeWords` (the column mapping's `values.mode`, as the export's mode column reads
 * them), in all three forms.
 * @example (await readProcedures('danh-muc-tthc.csv', calendar, { dir })).map.get('1.001193')
 */
export async function readProcedures(
  spec: ProcedureSpec,
  cal: WorkingCalendar,
  opts: {
    dir: string;
    file?: string | undefined;
    limits?: ReadOptions | undefined;
    modeWords?: Readonly<Record<string, OnlineMode>> | undefined;
  },
): Promise<{
  /** The procedures by code. */
  map: Map<string, ProcedureInfo>;
  /** The catalogue's file when it is a CSV/XLSX table (resolved path), so a folder scan does not flag it; else empty. */
  consumed: string[];
}> {
  return proceduresOf(spec, cal, diskPlace(opts.dir, { file: opts.file, limits: opts.limits, allowOutside: true }), opts);
}

/** A procedure catalogue as a descriptor gives it: inline entries, or the name of a YAML/JSON or CSV/XLSX file. */
type ProcedureSpec =
  | string
  | Readonly<
      Record<
        string,
        { name?: string | undefined; field?: string | undefined; mode?: string | number | undefined; time?: string | number | undefined }
      >
    >;

async function proceduresOf(
  spec: ProcedureSpec,
  cal: WorkingCalendar,
  place: Place,
  opts: { file?: string | undefined; limits?: ReadOptions | undefined; modeWords?: Readonly<Record<string, OnlineMode>> | undefined },
): Promise<{ map: Map<string, ProcedureInfo>; consumed: string[] }> {
  const issues: Issue[] = [];
  const map = new Map<string, ProcedureInfo>();
  // The same words the record parser reads the export's mode column with.
  const modeWords = wordTable(MODE_WORDS, opts.modeWords ?? {});
  const add = (
    code: string,
    e: { name?: unknown; field?: unknown; mode?: unknown; time?: unknown },
    where: string,
    file: string | undefined,
  ) => {
    const time =
      e.time === undefined || e.time === null || e.time === ''
        ? undefined
        : parseProcessingTime(e.time as string | number, cal.minutesPerDay);
    if (e.time !== undefined && e.time !== null && e.time !== '' && time === undefined) {
      const why = processingTimeProblem(e.time as string | number, cal.minutesPerDay);
      issues.push(
        issue(
          'dossier.bad-value',
          'error',
          [where],
          why ? `processing time "${String(e.time)}" ${why.en}` : `unreadable processing time "${String(e.time)}"`,
          why ? `thời hạn giải quyết "${String(e.time)}" ${why.vi}` : `thời hạn giải quyết "${String(e.time)}" không đọc được`,
          { file },
        ),
      );
    }
    map.set(code, {
      code,
      name: e.name === undefined ? undefined : String(e.name),
      field: e.field === undefined || e.field === null ? undefined : String(e.field),
      mode: modeOf(e.mode, where, file, issues, modeWords),
      time,
    });
  };
  const consumed: string[] = [];
  if (typeof spec !== 'string') {
    for (const [code, e] of Object.entries(spec)) add(code, e, `procedures.${code}`, opts.file);
  } else {
    const ext = extname(spec).toLowerCase();
    if (ext === '.yaml' || ext === '.yml' || ext === '.json') {
      const { text, file } = place.text(spec, ['procedures']);
      const doc = parseText(text, { file }) as Record<string, unknown>;
      const entries = (doc && typeof doc === 'object' && 'procedures' in doc ? doc['procedures'] : doc) as Record<
        string,
        Record<string, unknown>
      >;
      for (const [code, e] of Object.entries(entries ?? {})) add(code, e ?? {}, `procedures.${code}`, file);
    } else {
      const source = place.table(spec, ['procedures']);
      const t = await openTable(source, wholeTable(opts.limits));
      const file = t.file;
      if (typeof source === 'string') consumed.push(source);
      const cols = resolveColumns(t.header, undefined, file);
      const index = cols.index;
      // Missing dossier columns do not matter in a catalogue; two columns under one header do.
      for (const i of cols.issues) if (i.code === 'table.duplicate-column') issues.push(i);
      if (index.procedureCode < 0)
        issues.push(
          issue(
            'dossier.bad-header',
            'error',
            ['header'],
            `the procedure catalogue has no procedure-code column (e.g. "Mã thủ tục")`,
            `danh mục TTHC không có cột mã thủ tục (ví dụ "Mã thủ tục")`,
            { file },
          ),
        );
      else {
        for await (const r of t.rows) {
          const c = (i: number) => (i < 0 ? undefined : (r.cells[i] ?? undefined));
          const code = String(c(index.procedureCode) ?? '').trim();
          if (!code) continue;
          add(
            code,
            { name: c(index.procedureName), field: c(index.field), mode: c(index.mode), time: c(index.processingTime) },
            `row ${r.row}`,
            file,
          );
        }
      }
    }
  }
  ParIndexError.throwIfErrors(issues);
  return { map, consumed };
}

/**
 * Overrides of a descriptor's settings (the command line's --from, --to, --by).
 * @example await summariseDescriptor(path, { by: 'mode', period: { from: '2021-01-01', to: '2021-06-30' } })
 */
export interface DossierReadOptions {
  /** Count only dossiers of this period (default: the descriptor's). */
  readonly period?: Period | undefined;
  /** Group the summary by unit, procedure or field. */
  readonly by?: GroupBy | undefined;
  /** How many dossier ids to list per problem. */
  readonly idLimit?: number | undefined;
  /** File size limits. */
  readonly limits?: ReadOptions | undefined;
  /** Table options (sheet, maxBytes) for the record files. */
  readonly table?: TableOptions | undefined;
  /** Let the descriptor name files outside its folder tree (see `readEvidenceSources`); refused by default. */
  readonly allowOutside?: boolean | undefined;
}

/**
 * The ids of a table read once (a stream), kept in pass 1 for pass 2: about 50–80 bytes a row, so a stream of a
 * million rows holds some 60 MB until the summary ends. Only when the filter suspected duplicates are they read.
 */
class IdLog {
  readonly ids: (string | undefined)[] = [];
  readonly rows: number[] = [];
  constructor(
    readonly file: string,
    readonly header: readonly string[],
  ) {}
}

/** Ids fed to pass 2 at a time before the event loop gets a turn. */
const SCAN_SLICE = 20_000;

/**
 * Streams record tables through an aggregator: pass 1, and pass 2 over the ids when duplicates are suspected. A
 * table is a file path or a {@link TableInput} (an upload's body, bytes in memory); bytes are read again for pass
 * 2, a stream's ids are kept from pass 1. A table whose header lacks a required column stops the run at its
 * header (`ParIndexError`, `dossier.bad-header`).
 * @example await aggregateFiles(['ho-so.csv'], new DossierAggregator({ calendar, period }))
 */
export async function aggregateFiles(
  sources: readonly (string | TableInput)[],
  agg: DossierAggregator,
  table: TableOptions = {},
): Promise<Issue[]> {
  const issues: Issue[] = [];
  const logs: (IdLog | undefined)[] = [];
  for (const src of sources) {
    const t = await openTable(src, table);
    const head = agg.startFile(t.file, t.header);
    // A header without a required column stops the read there: its rows could only all be rejected.
    if (head.some((i) => i.severity === 'error')) {
      await t.close();
      throw new ParIndexError([...issues, ...head]);
    }
    pushAll(issues, head);
    const log = typeof src === 'string' || rereadable(src.data) ? undefined : new IdLog(t.file, t.header);
    for await (const batch of t.batches) {
      agg.addBatch(batch);
      if (log)
        for (const r of batch) {
          const id = agg.rowId(r);
          log.ids.push(id === undefined ? undefined : ownText(id));
          log.rows.push(r.row);
        }
    }
    logs.push(log);
  }
  if (agg.suspects > 0) {
    agg.startScan();
    for (let k = 0; k < sources.length; k++) {
      const log = logs[k];
      if (log) {
        agg.startFile(log.file, log.header);
        for (let i = 0; i < log.ids.length; i++) {
          agg.scanId(log.ids[i], log.rows[i]!);
          if (i % SCAN_SLICE === SCAN_SLICE - 1) await yieldToEventLoop();
        }
        continue;
      }
      const t = await openTable(sources[k]!, table);
      agg.startFile(t.file, t.header);
      for await (const batch of t.batches) for (const r of batch) agg.scanIds(r);
    }
  }
  return issues;
}

/**
 * Parses and validates a dossier-source descriptor.
 * @example parseDossierSource(parse(text), 'ho-so.source.yaml').period
 */
export function parseDossierSource(doc: unknown, file?: string): DossierSourceData {
  const f = checkFormat(doc, DOSSIER_SOURCE_FORMAT, DOSSIER_SOURCE_VERSION, file);
  if (f.length) throw new ParIndexError(f);
  const r = DossierSourceSchema.safeParse(doc);
  if (!r.success) throw new ParIndexError(fromZodIssues(r.error.issues, file));
  if (r.data.period.from > r.data.period.to)
    throw new ParIndexError([
      issue(
        'schema.invalid-value',
        'error',
        ['period'],
        `period starts ${r.data.period.from} after it ends ${r.data.period.to}`,
        `kỳ bắt đầu ${r.data.period.from} sau ngày kết thúc ${r.data.period.to}`,
        { file },
      ),
    ]);
  return r.data;
}

/**
 * A summary read through a descriptor (records only).
 * @example (await summariseDescriptor(path)).summary.rows
 */
export interface DescriptorSummary {
  /** The descriptor as read. */
  readonly descriptor: DossierSourceData;
  /** The counts and rates. */
  readonly summary: DossierSummary;
  /** The working-day calendar used. */
  readonly calendar: WorkingCalendar;
  /** Absolute paths of the table files read. */
  readonly files: readonly string[];
}

/**
 * Reads a descriptor's records into a summary (grouped by evidence unit id unless `by` says otherwise).
 * Header problems throw; rejected rows are in the summary.
 *
 * @example
 * ```ts
 * const { summary } = await summariseDescriptor('fixtures/van-lam-2021/ho-so-mot-cua-2021.dossiers.yaml');
 * summary.groups['chi-dao'].measures['resolved.inTime'].count; // 489
 * ```
 */
export async function summariseDescriptor(path: string, opts: DossierReadOptions = {}): Promise<DescriptorSummary> {
  const file = displayPath(path);
  const doc = parseText(readText(path, opts.limits), { file });
  return summariseDescriptorDoc(doc, { file, dir: resolve(path, '..'), limits: opts.limits, allowOutside: opts.allowOutside }, opts);
}

/**
 * Where a descriptor's files are: its folder on disk (data tables confined to it unless `allowOutside`), or the
 * caller's files in memory, by the names the descriptor gives.
 */
interface Place {
  /** A data table the descriptor names (records, a CSV/XLSX catalogue). */
  table(name: string, path: (string | number)[]): string | TableInput;
  /** The text of a settings file it names (column mapping, YAML catalogue, calendar), with its name in messages. */
  text(name: string, path: (string | number)[]): { text: string; file: string };
}

function diskPlace(
  dir: string,
  ctx: { file?: string | undefined; limits?: ReadOptions | undefined; allowOutside?: boolean | undefined },
): Place {
  return {
    table: (name, path) => confined(dir, name, { file: ctx.file, path, allowOutside: ctx.allowOutside }),
    // Settings files (calendar, column mapping, a YAML catalogue) may be shared between folders, as the docs
    // suggest; the data tables are what is confined.
    text: (name) => {
      const p = resolve(dir, name);
      return { text: readText(p, ctx.limits), file: displayPath(p) };
    },
  };
}

function memoryPlace(files: Readonly<Record<string, TableData>>, file: string | undefined): Place {
  const get = (name: string, path: (string | number)[]): TableData => {
    if (Object.hasOwn(files, name)) return files[name]!;
    const given = Object.keys(files);
    throw new ParIndexError([
      issue(
        'io.read',
        'error',
        path,
        `the descriptor names "${name}", which is not among the files given (${given.length ? given.map((g) => `"${g}"`).join(', ') : 'none'})`,
        `tệp mô tả nêu "${name}", không có trong các tệp đã đưa (${given.length ? given.map((g) => `"${g}"`).join(', ') : 'không có tệp nào'})`,
        { file },
      ),
    ]);
  };
  return {
    table: (name, path) => ({ name, data: get(name, path) }),
    text: (name, path) => {
      const data = get(name, path);
      if (typeof data === 'string') return { text: data, file: name };
      if (data instanceof Uint8Array) return { text: new TextDecoder('utf-8').decode(data).replace(/^\uFEFF/, ''), file: name };
      throw new ParIndexError([
        issue(
          'usage.invalid',
          'error',
          path,
          `"${name}" is a settings file read whole: give it as text or bytes, not a stream`,
          `"${name}" là tệp cấu hình được đọc cả tệp: cần đưa dạng văn bản hoặc byte, không phải luồng`,
          { file },
        ),
      ]);
    },
  };
}

/**
 * Everything a dossier summary needs, read from a descriptor: the descriptor, the calendar, the aggregator's
 * options (period, grouping, column mapping, procedure catalogue, unit names to evidence ids) and the record
 * tables to feed it. What {@link fromDescriptorText} returns.
 *
 * @example
 * ```ts
 * const plan = await fromDescriptorText(descriptorYaml, { files: { 'ho-so-2021.csv': upload } });
 * const s = await summariseRecordFiles(plan.records, { ...plan.options, table: plan.table });
 * ```
 */
export interface DossierPlan {
  /** The descriptor as read. */
  readonly descriptor: DossierSourceData;
  /** The working-day calendar (the bundled one by name, or the calendar file given). */
  readonly calendar: WorkingCalendar;
  /** The aggregator's options: `new DossierAggregator(plan.options)` or `summariseDossiers(tables, plan.options)`. */
  readonly options: AggregateOptions;
  /** The record tables, in the descriptor's order. */
  readonly records: readonly (string | TableInput)[];
  /** How to read them (the descriptor's sheet, the caller's limits). */
  readonly table: TableOptions;
  /** Files on disk read besides the records (a CSV/XLSX catalogue); empty in memory. */
  readonly consumed: readonly string[];
}

async function planOf(
  doc: unknown,
  place: Place,
  file: string | undefined,
  limits: ReadOptions | undefined,
  opts: DossierReadOptions,
): Promise<DossierPlan> {
  const d = parseDossierSource(doc, file);
  if (!d.records)
    throw new ParIndexError([
      issue(
        'schema.required',
        'error',
        ['records'],
        'this descriptor gives aggregates, not records: there is nothing to summarise row by row',
        'tệp mô tả này chỉ có số liệu tổng hợp, không có hồ sơ để tổng hợp từng dòng',
        { file },
      ),
    ]);
  let calendar: WorkingCalendar;
  if (BUNDLED_CALENDARS[d.calendar] !== undefined) calendar = readCalendar(d.calendar, limits ? { limits } : {});
  else {
    const c = place.text(d.calendar, ['calendar']);
    calendar = loadCalendar(c.text, { file: c.file });
  }
  let mapping: ColumnMapping | undefined;
  if (typeof d.columns === 'string') {
    const c = place.text(d.columns, ['columns']);
    mapping = columnMappingOf(c.text, c.file);
  } else mapping = d.columns;
  const procs =
    d.procedures === undefined
      ? undefined
      : await proceduresOf(d.procedures, calendar, place, { file, limits, modeWords: mapping?.values?.mode });
  const targets = unitTargets(d);
  const options: AggregateOptions = {
    calendar,
    period: opts.period ?? d.period,
    by: opts.by ?? 'unit',
    idLimit: opts.idLimit ?? Math.max(d.idsInNote, 20),
    mapping,
    procedures: procs?.map,
    unitOf: (name) => targets.get(name.trim())?.id,
  };
  // Table files have their own limit (openTable's, 512 MiB by default, streamed); the text limit of `limits`
  // applies to the descriptor and the files it names that are read whole (mapping, catalogue, calendar).
  const table: TableOptions = { ...(opts.table ?? {}), ...(d.sheet !== undefined ? { sheet: d.sheet } : {}) };
  return {
    descriptor: deepFreeze(d),
    calendar,
    options,
    records: d.records.map((f, i) => place.table(f, ['records', i])),
    table,
    consumed: procs?.consumed ?? [],
  };
}

/**
 * Reads a dossier-source descriptor from its text, with the files it names given in memory by those names — an
 * app's uploads, no file path: the record tables as bytes or streams, the calendar, column mapping and procedure
 * catalogue as text or bytes (the calendar `vn` is bundled). Returns the options and tables a summary needs
 * ({@link DossierPlan}); {@link summariseDescriptorText} runs the summary too. Throws `ParIndexError` naming the
 * descriptor and the field for a file that is not given.
 *
 * @example
 * ```ts
 * const plan = await fromDescriptorText(readFileSync('ho-so.source.yaml', 'utf8'), {
 *   file: 'ho-so.source.yaml',
 *   files: { 'ho-so-2021.csv': req, 'cot.yaml': mappingText },
 * });
 * plan.options.period; // { from: '2021-01-01', to: '2021-12-31' }
 * ```
 */
export async function fromDescriptorText(
  text: string,
  opts: DossierReadOptions & {
    /** The descriptor's name in messages (default "dossier-source"). */
    readonly file?: string | undefined;
    /** The files the descriptor names, by the names it gives them. */
    readonly files: Readonly<Record<string, TableData>>;
  },
): Promise<DossierPlan> {
  const file = opts.file ?? 'dossier-source';
  const doc = parseText(text, { file, ...(opts.limits?.limits ? { limits: opts.limits.limits } : {}) });
  return planOf(doc, memoryPlace(opts.files, file), file, opts.limits, opts);
}

/**
 * Summarises a descriptor's records from its text and in-memory files (see {@link fromDescriptorText}): the same
 * summary as {@link summariseDescriptor} gives for the same files on disk, with the files named as given.
 *
 * @example
 * ```ts
 * const { summary } = await summariseDescriptorText(descriptorYaml, { file: 'ho-so.source.yaml', files: { 'ho-so-2021.csv': upload } });
 * summary.files; // ['ho-so-2021.csv']
 * ```
 */
export async function summariseDescriptorText(text: string, opts: Parameters<typeof fromDescriptorText>[1]): Promise<DescriptorSummary> {
  return summarisePlan(await fromDescriptorText(text, opts));
}

async function summarisePlan(plan: DossierPlan): Promise<DescriptorSummary> {
  const agg = new DossierAggregator(plan.options);
  const headerIssues = await aggregateFiles(plan.records, agg, plan.table);
  if (headerIssues.length) throw new ParIndexError(headerIssues);
  const names = plan.records.map((r) => (typeof r === 'string' ? r : r.name));
  // Frozen all the way down, as every result of the library is (the descriptor is the caller's to read, not change).
  return Object.freeze({
    descriptor: plan.descriptor,
    summary: deepFreeze(await runPaced(agg.finishing())),
    calendar: plan.calendar,
    files: Object.freeze([...names, ...plan.consumed]),
  });
}

async function summariseDescriptorDoc(
  doc: unknown,
  ctx: Pick<SourceContext, 'file' | 'dir' | 'limits' | 'allowOutside'>,
  opts: DossierReadOptions,
): Promise<DescriptorSummary> {
  return summarisePlan(await planOf(doc, diskPlace(ctx.dir, ctx), ctx.file, ctx.limits, opts));
}

/**
 * The reader of `par-index/dossier-source@1` descriptors, for `readEvidenceSources` and the `score` command.
 * Records: more rejected rows than the descriptor's `allowRejected` is an error listing them (row and reason).
 * Aggregates: consistency problems become notes on the unit's measures.
 *
 * @example
 * ```ts
 * const ev = await readEvidenceSources('fixtures/van-lam-2021', { readers: [dossierSource, inspectionSource] });
 * ```
 */
export const dossierSource: SourceReader = {
  format: DOSSIER_SOURCE_FORMAT,
  async read(doc: unknown, ctx: SourceContext): Promise<SourceResult> {
    const d = parseDossierSource(doc, ctx.file);
    const at = (name: string, path: (string | number)[]) =>
      confined(ctx.dir, name, { file: ctx.file, path, allowOutside: ctx.allowOutside });
    if (d.aggregates !== undefined) {
      const path = at(d.aggregates, ['aggregates']);
      const t = await openTable(path, { ...wholeTable(ctx.limits), ...(d.sheet !== undefined ? { sheet: d.sheet } : {}) });
      const rows: TableRow[] = [];
      for await (const batch of t.batches) for (const r of batch) rows.push(r);
      // The column mapping applies to the table as it does to records: here, where the unit column is.
      const mapping =
        d.columns === undefined
          ? undefined
          : typeof d.columns === 'string'
            ? readColumnMapping(resolve(ctx.dir, d.columns), ctx.limits)
            : d.columns;
      const { rows: agg, issues } = readAggregateTable({ header: t.header, rows }, d.rates, t.file, {
        numbers: d.numbers,
        columns: mapping?.columns,
        counts: d.counts,
      });
      ParIndexError.throwIfErrors(issues);
      const warnings = checkAggregates(agg, t.file);
      const ev = aggregateEvidence(agg, warnings, d, { file: ctx.file, files: [basename(path)] });
      return { inputs: [{ data: ev, file: ctx.file }], consumed: [path] };
    }
    const s = await summariseDescriptorDoc(doc, ctx, {});
    const { summary } = s;
    if (summary.rows.rejected > d.allowRejected) {
      const listed = summary.rejected
        .slice(0, 20)
        .map((r) => issue(r.code, 'error', ['row', r.row], r.message, r.messageVi, { file: r.file }));
      const more = summary.rows.rejected - listed.length;
      throw new ParIndexError([
        issue(
          'dossier.rejected-rows',
          'error',
          ['allowRejected'],
          `${summary.rows.rejected} of ${summary.rows.in} rows cannot be used (the descriptor allows ${d.allowRejected})${more > 0 ? `; the first ${listed.length} follow, all with: par-index dossiers ${ctx.file}` : ''}`,
          `${summary.rows.rejected}/${summary.rows.in} dòng không dùng được (tệp mô tả cho phép ${d.allowRejected})${more > 0 ? `; ${listed.length} dòng đầu ở dưới, đầy đủ: par-index dossiers ${ctx.file}` : ''}`,
          { file: ctx.file },
        ),
        ...listed,
      ]);
    }
    // A rejected row's file is named relative to the descriptor in the evidence (and so in its hash), not
    // relative to the working directory as the summary names it.
    const byDisplay = new Map(s.files.map((f) => [displayPath(f), relative(ctx.dir, f).split('\\').join('/')]));
    const ev = dossierEvidence(summary, d, {
      file: ctx.file,
      files: d.records!.map((f) => basename(f)),
      name: (f) => byDisplay.get(f) ?? basename(f),
    });
    return { inputs: [{ data: ev, file: ctx.file }], consumed: s.files };
  },
};

/**
 * Summarises record tables without a descriptor (the `dossiers` command on a CSV/XLSX): groups by the unit
 * names as written, on the given calendar. A table is a file path or a {@link TableInput}: an upload's body (a
 * Node `Readable`, a web `ReadableStream`, an async iterable of chunks) or bytes, named as messages and the
 * summary's `files` show it. The work hands the event loop a turn every few milliseconds.
 *
 * @example
 * ```ts
 * await summariseRecordFiles(['ho-so.csv'], { calendar: readCalendar('vn'), period: { from: '2021-01-01', to: '2021-12-31' } });
 * // In a request handler, the body as it arrives:
 * await summariseRecordFiles([{ name: 'ho-so.csv', data: req }], { calendar, period, table: { maxRows: 500_000 } });
 * ```
 */
export async function summariseRecordFiles(
  sources: readonly (string | TableInput)[],
  opts: { calendar: WorkingCalendar; period: Period; by?: GroupBy; idLimit?: number; mapping?: ColumnMapping; table?: TableOptions },
): Promise<DossierSummary> {
  const agg = new DossierAggregator({
    calendar: opts.calendar,
    period: opts.period,
    by: opts.by,
    idLimit: opts.idLimit,
    mapping: opts.mapping,
  });
  const issues = await aggregateFiles(sources, agg, opts.table);
  if (issues.length) throw new ParIndexError(issues);
  return runPaced(agg.finishing());
}
