/**
 * The arguments of the jobs `par-index/worker` runs in a thread: everything is data (paths, texts, bytes,
 * options), since only data crosses to a worker thread; a calendar, a criteria set or a questionnaire is named
 * by its file or given as its text, and the thread loads it.
 * @module
 */
import type { ParseLimits } from '../core/document.js';
import type { ScoreOptions } from '../ranking/score.js';
import type { UncertaintyOptions } from '../ranking/uncertainty.js';
import type { ImportOptions } from '../sipas/responses.js';
import type { ColumnMapping } from '../measures/columns.js';
import type { GroupBy, Period } from '../measures/summary-schema.js';
import type { EvidenceInput } from '../evidence/load.js';
import type { ReadOptions } from '../io/files.js';
import type { TableOptions } from '../io/table.js';

/**
 * A text held in memory (a criteria set, a questionnaire, a calendar from a database or a request), with the
 * name messages give it.
 *
 * @example `await pool.score({ text: criteriaYaml, file: 'van-lam-commune-2021.yaml' }, 'fixtures/van-lam-2021')`
 */
export interface TextInput {
  /** The YAML or JSON text. */
  readonly text: string;
  /** The name shown in messages and provenance. */
  readonly file?: string | undefined;
}

/**
 * A table given by its content: an upload's body (a Node `Readable`, a web `ReadableStream`, an async iterable of
 * chunks) or bytes and text in memory, with the name the summary and its messages give it — `TableInput` of
 * `par-index`. Bytes and text are copied to the thread (the caller's buffer stays as it was); a stream is read on
 * the calling thread and its chunks posted to the thread as they come (the work on them runs there).
 *
 * @example `{ name: 'ho-so-2021.csv', data: req }`
 */
export type { TableInput } from '../core/table-stream.js';

/**
 * Options of {@link ParIndexWorker.summariseRecordFiles}: those of `summariseRecordFiles` of `par-index/io`, with
 * the calendar and the column mapping named by file (or given as text) rather than loaded.
 *
 * @example `{ calendar: 'vn', period: { from: '2021-01-01', to: '2021-12-31' }, by: 'unit', table: { maxRows: 2_000_000 } }`
 */
export interface RecordFilesOptions {
  /** The working-day calendar: a bundled name (`vn`), a calendar file, or its text. */
  readonly calendar: string | TextInput;
  /** Count only dossiers of this period. */
  readonly period: Period;
  /** Group the summary by unit (default), field or mode. */
  readonly by?: GroupBy | undefined;
  /** How many dossier ids to list per measure and group (default 20). */
  readonly idLimit?: number | undefined;
  /** The export's column mapping (format par-index/dossier-columns@1): its data, or its file. */
  readonly mapping?: ColumnMapping | string | undefined;
  /**
   * Table limits and sheet (`maxBytes`, `maxRows`, `limits`, `sheet`), for files and in-memory tables alike: a
   * table held in memory is refused beyond `maxBytes` (its UTF-8 length) as a file would be.
   */
  readonly table?: TableOptions | undefined;
  /** Size and parsing limits of the calendar and mapping files. */
  readonly limits?: ReadOptions | undefined;
}

/**
 * Options of {@link ParIndexWorker.tallyResponses}: those of `readResponses` of `par-index/io` (the importer's and
 * the table's), and the limits of the questionnaire's file. `onProgress` is called on the calling thread as the
 * worker reads.
 *
 * @example `{ unitColumn: 'xa', maxBytes: 100_000_000, onProgress: (rows) => console.log(rows) }`
 */
export type TallyOptions = Omit<ImportOptions, 'file' | 'respondents'> &
  TableOptions & {
    /** Size and parsing limits of the questionnaire file. */
    readonly questionnaireLimits?: ReadOptions | undefined;
  };

/**
 * How the thread reads a criteria set and evidence named by files.
 *
 * @example `{ allowOutside: false, limits: { maxBytes: 5_000_000 } }`
 */
export interface WorkerReadOptions {
  /** Size and parsing limits of the files read. */
  readonly limits?: ReadOptions | undefined;
  /** Let descriptors name files outside their folder (see `readEvidenceSources`); refused by default. */
  readonly allowOutside?: boolean | undefined;
  /** Parsing limits of evidence given as text. */
  readonly parseLimits?: ParseLimits | undefined;
}

/**
 * Options of {@link ParIndexWorker.score}: those of `score()` of `par-index`, and how files are read.
 *
 * @example `{ trace: true, groupBy: 'kind', allowOutside: false }`
 */
export interface WorkerScoreOptions extends ScoreOptions, WorkerReadOptions {}

/**
 * Options of {@link ParIndexWorker.rankUncertainty}: those of `rankUncertainty()` of `par-index`, and how files
 * are read (`limits.limits` holds the limits of the run too, `maxDraws` among them). `onProgress` is called on the
 * calling thread as the draws are ranked.
 *
 * @example `{ draws: 2000, seed: 1, onProgress: (done, total) => console.log(done, total) }`
 */
export interface WorkerUncertaintyOptions extends Omit<UncertaintyOptions, 'limits'>, WorkerReadOptions {}

/**
 * Evidence for a job: files and folders (read with `readEvidenceSources`, every descriptor reader of the
 * library) or documents held in memory (read with `loadEvidence`).
 *
 * @example `'fixtures/van-lam-2021'` or `[{ data: evidenceJson, file: 'nhu-quynh.json', syntax: 'json' }]`
 */
export type EvidenceFrom = string | readonly string[] | readonly EvidenceInput[];
