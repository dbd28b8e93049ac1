/**
 * The jobs of `par-index/worker`, as a worker thread runs them: each is the call an app would make on the main
 * thread (`summariseRecordFiles`, `summariseDescriptor`, `readResponses`, `score`, `rankUncertainty`), with the
 * calendar, criteria set or questionnaire loaded here from its file or text.
 * @module
 */
import { extname } from 'node:path';
import { issue, ParIndexError } from '../core/errors.js';
import { parseCsv, type Table } from '../core/table.js';
import { loadCalendar } from '../calendar/calendar.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { loadCriteriaSet, type CriteriaSet } from '../criteria/load.js';
import { loadEvidence, type Evidence, type EvidenceInput } from '../evidence/load.js';
import { summariseDossiers } from '../measures/dossier-aggregator.js';
import type { ColumnMapping } from '../measures/columns.js';
import type { DossierSummary } from '../measures/summary-schema.js';
import { score } from '../ranking/score.js';
import { rankUncertainty } from '../ranking/uncertainty.js';
import type { UncertaintySpec } from '../ranking/uncertainty-spec.js';
import type { Ranking } from '../ranking/rank.js';
import type { UncertaintyResult } from '../ranking/uncertainty-result.js';
import { loadQuestionnaire, type Questionnaire } from '../sipas/questionnaire.js';
import { importResponses, type ImportResult } from '../sipas/responses.js';
import { readCriteriaSet } from '../io/criteria-files.js';
import {
  readCalendar,
  readColumnMapping,
  summariseDescriptor,
  summariseRecordFiles,
  type DossierReadOptions,
} from '../io/dossier-source.js';
import { readEvidenceSources } from '../io/sources.js';
import { readQuestionnaire, readResponses } from '../io/survey-source.js';
import { DEFAULT_MAX_TABLE_BYTES, type TableOptions } from '../io/table.js';
import type {
  EvidenceFrom,
  RecordFilesOptions,
  TableInput,
  TallyOptions,
  TextInput,
  WorkerReadOptions,
  WorkerScoreOptions,
  WorkerUncertaintyOptions,
} from './types.js';

/** Criteria sets and questionnaires given as text, loaded once per thread: a server sends the same text with every job. */
const loaded = new Map<string, CriteriaSet | Questionnaire>();
const LOADED_MAX = 8;

function cached<T extends CriteriaSet | Questionnaire>(kind: string, input: TextInput, load: () => T): T {
  const key = `${kind}\0${input.file ?? ''}\0${input.text}`;
  const hit = loaded.get(key);
  if (hit) return hit as T;
  const v = load();
  if (loaded.size >= LOADED_MAX) loaded.delete(loaded.keys().next().value!);
  loaded.set(key, v);
  return v;
}

function calendarOf(c: string | TextInput, limits: RecordFilesOptions['limits']): WorkingCalendar {
  return typeof c === 'string' ? readCalendar(c, limits ? { limits } : {}) : loadCalendar(c.text, { file: c.file });
}

function criteriaOf(c: string | TextInput, opts: WorkerReadOptions): CriteriaSet {
  if (typeof c === 'string') return readCriteriaSet(c, opts.limits ?? {});
  return cached('criteria', c, () =>
    loadCriteriaSet(c.text, { file: c.file, ...(opts.limits?.limits ? { limits: opts.limits.limits } : {}) }),
  );
}

function questionnaireOf(q: string | TextInput, limits: TallyOptions['questionnaireLimits']): Questionnaire {
  if (typeof q === 'string') return readQuestionnaire(q, limits ?? {});
  return cached('questionnaire', q, () =>
    loadQuestionnaire(q.text, { file: q.file, ...(limits?.limits ? { limits: limits.limits } : {}) }),
  );
}

async function evidenceOf(from: EvidenceFrom, set: CriteriaSet, opts: WorkerReadOptions): Promise<Evidence> {
  const list = typeof from === 'string' ? [from] : from;
  if (list.length > 0 && (list as readonly unknown[]).every((x) => typeof x !== 'string'))
    return loadEvidence(list as readonly EvidenceInput[], opts.parseLimits ? { limits: opts.parseLimits } : {});
  return readEvidenceSources(list as readonly string[], {
    set,
    ...(opts.limits ? { limits: opts.limits } : {}),
    ...(opts.allowOutside !== undefined ? { allowOutside: opts.allowOutside } : {}),
  });
}

/**
 * A table held in memory, parsed as `parseCsv` parses it: refused beyond the table limits as a file would be, and
 * refused when it is not CSV (a workbook in memory is not read: name its file).
 */
function memoryTable(t: TableInput, table: TableOptions | undefined): Table {
  const ext = extname(t.name).toLowerCase();
  if (ext !== '.csv' && ext !== '.tsv' && ext !== '.txt')
    throw new ParIndexError([
      issue(
        'io.read',
        'error',
        [],
        `a table held in memory is read as CSV: "${t.name}" is not a .csv, .tsv or .txt name (pass a workbook by its path)`,
        `bảng trong bộ nhớ được đọc như CSV: "${t.name}" không có đuôi .csv, .tsv hay .txt (với tệp Excel, hãy truyền đường dẫn)`,
        { file: t.name },
      ),
    ]);
  const bytes = typeof t.data === 'string' ? Buffer.byteLength(t.data) : t.data.byteLength;
  const max = table?.maxBytes ?? DEFAULT_MAX_TABLE_BYTES;
  if (bytes > max)
    throw new ParIndexError([
      issue(
        'io.too-large',
        'error',
        [],
        `the table is ${bytes} bytes, more than the limit of ${max} (${table?.maxBytesOption ?? 'maxBytes'})`,
        `bảng có ${bytes} byte, vượt giới hạn ${max} (${table?.maxBytesOption ?? 'maxBytes'})`,
        { file: t.name },
      ),
    ]);
  const text = typeof t.data === 'string' ? t.data : new TextDecoder('utf-8').decode(t.data);
  const limits = { ...(table?.limits ?? {}), ...(table?.maxRows !== undefined ? { maxRows: table.maxRows } : {}) };
  return parseCsv(text, { file: t.name, limits });
}

/** `summariseRecordFiles` of par-index/io; tables held in memory are summarised as `summariseDossiers` does. */
export async function recordFilesJob(files: readonly (string | TableInput)[], opts: RecordFilesOptions): Promise<DossierSummary> {
  const calendar = calendarOf(opts.calendar, opts.limits);
  const mapping: ColumnMapping | undefined = typeof opts.mapping === 'string' ? readColumnMapping(opts.mapping, opts.limits) : opts.mapping;
  const common = {
    calendar,
    period: opts.period,
    ...(opts.by !== undefined ? { by: opts.by } : {}),
    ...(opts.idLimit !== undefined ? { idLimit: opts.idLimit } : {}),
    ...(mapping !== undefined ? { mapping } : {}),
  };
  if (files.every((f): f is string => typeof f === 'string'))
    return summariseRecordFiles(files, { ...common, ...(opts.table ? { table: opts.table } : {}) });
  if (files.some((f) => typeof f === 'string'))
    throw new ParIndexError([
      issue(
        'usage.invalid',
        'error',
        [],
        'give the record tables all as paths or all held in memory, not both in one summary',
        'các bảng hồ sơ phải cùng là đường dẫn hoặc cùng nằm trong bộ nhớ, không trộn lẫn trong một lần tổng hợp',
      ),
    ]);
  const tables = (files as readonly TableInput[]).map((t) => ({ file: t.name, table: memoryTable(t, opts.table) }));
  const { summary, issues } = summariseDossiers(tables, common);
  if (issues.length) throw new ParIndexError(issues);
  return summary;
}

/** `summariseDescriptor` of par-index/io, without the calendar (a calendar is not data: the caller reads it again). */
export async function descriptorJob(path: string, opts: DossierReadOptions): Promise<unknown> {
  const { calendar: _calendar, ...rest } = await summariseDescriptor(path, opts);
  return rest;
}

/** `readResponses` of par-index/io; a table held in memory is read as `importResponses` reads a parsed CSV. */
export async function tallyJob(
  responses: string | TableInput,
  questionnaire: string | TextInput,
  opts: TallyOptions,
  onProgress: ((rowsRead: number) => void) | undefined,
): Promise<ImportResult> {
  const q = questionnaireOf(questionnaire, opts.questionnaireLimits);
  const { questionnaireLimits: _q, onProgress: _p, ...readOpts } = opts;
  const progress = onProgress ? { onProgress } : {};
  if (typeof responses === 'string') return readResponses(responses, q, { ...readOpts, ...progress });
  const { maxBytes: _b, maxWholeBytes: _w, maxBytesOption: _o, sheet: _s, maxRows: _r, ...importOpts } = readOpts;
  return importResponses(q, memoryTable(responses, readOpts), { ...importOpts, ...progress, file: responses.name });
}

/** `score()` of par-index, the set and the evidence read here. */
export async function scoreJob(criteria: string | TextInput, evidence: EvidenceFrom, opts: WorkerScoreOptions): Promise<Ranking> {
  const set = criteriaOf(criteria, opts);
  const { limits: _l, allowOutside: _a, parseLimits: _p, ...scoreOpts } = opts;
  return score(set, await evidenceOf(evidence, set, opts), scoreOpts);
}

/** `rankUncertainty()` of par-index, the set and the evidence read here. */
export async function uncertaintyJob(
  criteria: string | TextInput,
  evidence: EvidenceFrom,
  spec: UncertaintySpec | undefined,
  opts: WorkerUncertaintyOptions,
  onProgress: ((done: number, total: number) => void) | undefined,
): Promise<UncertaintyResult> {
  const set = criteriaOf(criteria, opts);
  const { limits: _l, allowOutside: _a, parseLimits: _p, onProgress: _o, ...uOpts } = opts;
  return rankUncertainty(set, await evidenceOf(evidence, set, opts), spec, { ...uOpts, ...(onProgress ? { onProgress } : {}) });
}
