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
import { DossierAggregator } from '../measures/dossier-aggregator.js';
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
  const file = displayPath(path);
  const doc = parseText(readText(path, limits), { file });
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
  spec:
    | string
    | Readonly<
        Record<
          string,
          { name?: string | undefined; field?: string | undefined; mode?: string | number | undefined; time?: string | number | undefined }
        >
      >,
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
    const path = resolve(opts.dir, spec);
    const file = displayPath(path);
    const ext = extname(path).toLowerCase();
    if (ext === '.yaml' || ext === '.yml' || ext === '.json') {
      const doc = parseText(readText(path, opts.limits), { file }) as Record<string, unknown>;
      const entries = (doc && typeof doc === 'object' && 'procedures' in doc ? doc['procedures'] : doc) as Record<
        string,
        Record<string, unknown>
      >;
      for (const [code, e] of Object.entries(entries ?? {})) add(code, e ?? {}, `procedures.${code}`, file);
    } else {
      const t = await openTable(path, wholeTable(opts.limits));
      consumed.push(path);
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
 * Streams record files through an aggregator: pass 1, and pass 2 over the ids when duplicates are suspected. A
 * file whose header lacks a required column stops the run at its header (`ParIndexError`, `dossier.bad-header`).
 * @example await aggregateFiles(['ho-so.csv'], new DossierAggregator({ calendar, period }))
 */
export async function aggregateFiles(paths: readonly string[], agg: DossierAggregator, table: TableOptions = {}): Promise<Issue[]> {
  const issues: Issue[] = [];
  for (const p of paths) {
    const t = await openTable(p, table);
    const head = agg.startFile(t.file, t.header);
    // A header without a required column stops the read there: its rows could only all be rejected.
    if (head.some((i) => i.severity === 'error')) throw new ParIndexError([...issues, ...head]);
    pushAll(issues, head);
    for await (const batch of t.batches) agg.addBatch(batch);
  }
  if (agg.suspects > 0) {
    agg.startScan();
    for (const p of paths) {
      const t = await openTable(p, table);
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

async function summariseDescriptorDoc(
  doc: unknown,
  ctx: Pick<SourceContext, 'file' | 'dir' | 'limits' | 'allowOutside'>,
  opts: DossierReadOptions,
): Promise<DescriptorSummary> {
  const d = parseDossierSource(doc, ctx.file);
  const at = (name: string, path: (string | number)[]) => confined(ctx.dir, name, { file: ctx.file, path, allowOutside: ctx.allowOutside });
  if (!d.records)
    throw new ParIndexError([
      issue(
        'schema.required',
        'error',
        ['records'],
        'this descriptor gives aggregates, not records: there is nothing to summarise row by row',
        'tệp mô tả này chỉ có số liệu tổng hợp, không có hồ sơ để tổng hợp từng dòng',
        { file: ctx.file },
      ),
    ]);
  // Settings files (calendar, column mapping, a YAML catalogue) may be shared between folders, as the docs
  // suggest; the data tables are what is confined.
  const calendar = readCalendar(d.calendar, { dir: ctx.dir, ...(ctx.limits ? { limits: ctx.limits } : {}) });
  const mapping =
    d.columns === undefined
      ? undefined
      : typeof d.columns === 'string'
        ? readColumnMapping(resolve(ctx.dir, d.columns), ctx.limits)
        : d.columns;
  const procTable = typeof d.procedures === 'string' && !/\.(ya?ml|json)$/i.test(d.procedures);
  const procs =
    d.procedures === undefined
      ? undefined
      : await readProcedures(procTable ? at(d.procedures as string, ['procedures']) : d.procedures, calendar, {
          dir: ctx.dir,
          file: ctx.file,
          limits: ctx.limits,
          modeWords: mapping?.values?.mode,
        });
  const targets = unitTargets(d);
  const by = opts.by ?? 'unit';
  const agg = new DossierAggregator({
    calendar,
    period: opts.period ?? d.period,
    by,
    idLimit: opts.idLimit ?? Math.max(d.idsInNote, 20),
    mapping,
    procedures: procs?.map,
    unitOf: (name) => targets.get(name.trim())?.id,
  });
  const files = d.records.map((f, i) => at(f, ['records', i]));
  // Table files have their own limit (openTable's, 512 MiB by default, streamed); the text limit of `limits`
  // applies to the descriptor and the files it names that are read whole (mapping, catalogue, calendar).
  const table: TableOptions = { ...(opts.table ?? {}), ...(d.sheet !== undefined ? { sheet: d.sheet } : {}) };
  const headerIssues = await aggregateFiles(files, agg, table);
  if (headerIssues.length) throw new ParIndexError(headerIssues);
  // Frozen all the way down, as every result of the library is (the descriptor is the caller's to read, not change).
  return Object.freeze({
    descriptor: deepFreeze(d),
    summary: deepFreeze(agg.finish()),
    calendar,
    files: Object.freeze([...files, ...(procs?.consumed ?? [])]),
  });
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
 * Summarises record files without a descriptor (the `dossiers` command on a CSV/XLSX): groups by the unit
 * names as written, on the given calendar.
 *
 * @example await summariseRecordFiles(['ho-so.csv'], { calendar: readCalendar('vn'), period: { from: '2021-01-01', to: '2021-12-31' } })
 */
export async function summariseRecordFiles(
  paths: readonly string[],
  opts: { calendar: WorkingCalendar; period: Period; by?: GroupBy; idLimit?: number; mapping?: ColumnMapping; table?: TableOptions },
): Promise<DossierSummary> {
  const agg = new DossierAggregator({
    calendar: opts.calendar,
    period: opts.period,
    by: opts.by,
    idLimit: opts.idLimit,
    mapping: opts.mapping,
  });
  const issues = await aggregateFiles(paths, agg, opts.table);
  if (issues.length) throw new ParIndexError(issues);
  return agg.finish();
}
