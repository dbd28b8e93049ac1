/**
 * The jobs of `par-index/worker`, as a worker thread runs them: each is the call an app would make on the main
 * thread (`summariseRecordFiles`, `summariseDescriptor`, `readResponses`, `score`, `rankUncertainty`), with the
 * calendar, criteria set or questionnaire loaded here from its file or text.
 * @module
 */
import { loadCalendar } from '../calendar/calendar.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { loadCriteriaSet, type CriteriaSet } from '../criteria/load.js';
import { loadEvidence, type Evidence, type EvidenceInput } from '../evidence/load.js';
import type { ColumnMapping } from '../measures/columns.js';
import type { DossierSummary } from '../measures/summary-schema.js';
import { score } from '../ranking/score.js';
import { rankUncertainty } from '../ranking/uncertainty.js';
import type { UncertaintySpec } from '../ranking/uncertainty-spec.js';
import type { Ranking } from '../ranking/rank.js';
import type { UncertaintyResult } from '../ranking/uncertainty-result.js';
import { loadQuestionnaire, type Questionnaire } from '../sipas/questionnaire.js';
import type { ImportResult } from '../sipas/responses.js';
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
import type {
  EvidenceFrom,
  RecordFilesOptions,
  TallyOptions,
  TextInput,
  WorkerReadOptions,
  WorkerScoreOptions,
  WorkerUncertaintyOptions,
} from './types.js';
import { receiveTable, type SentTable } from './stream-port.js';

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

/** `summariseRecordFiles` of par-index/io: paths, bytes and text, and streams fed through their ports. */
export async function recordFilesJob(files: readonly SentTable[], opts: RecordFilesOptions): Promise<DossierSummary> {
  const calendar = calendarOf(opts.calendar, opts.limits);
  const mapping: ColumnMapping | undefined = typeof opts.mapping === 'string' ? readColumnMapping(opts.mapping, opts.limits) : opts.mapping;
  const common = {
    calendar,
    period: opts.period,
    ...(opts.by !== undefined ? { by: opts.by } : {}),
    ...(opts.idLimit !== undefined ? { idLimit: opts.idLimit } : {}),
    ...(mapping !== undefined ? { mapping } : {}),
  };
  return summariseRecordFiles(files.map(receiveTable), { ...common, ...(opts.table ? { table: opts.table } : {}) });
}

/** `summariseDescriptor` of par-index/io, without the calendar (a calendar is not data: the caller reads it again). */
export async function descriptorJob(path: string, opts: DossierReadOptions): Promise<unknown> {
  const { calendar: _calendar, ...rest } = await summariseDescriptor(path, opts);
  return rest;
}

/** `readResponses` of par-index/io; a table held in memory is read as `importResponses` reads a parsed CSV. */
export async function tallyJob(
  responses: SentTable,
  questionnaire: string | TextInput,
  opts: TallyOptions,
  onProgress: ((rowsRead: number) => void) | undefined,
): Promise<ImportResult> {
  const q = questionnaireOf(questionnaire, opts.questionnaireLimits);
  const { questionnaireLimits: _q, onProgress: _p, ...readOpts } = opts;
  const progress = onProgress ? { onProgress } : {};
  return readResponses(receiveTable(responses), q, { ...readOpts, ...progress });
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
  const { limits, allowOutside: _a, parseLimits: _p, onProgress: _o, ...uOpts } = opts;
  return rankUncertainty(set, await evidenceOf(evidence, set, opts), spec, {
    ...uOpts,
    ...(limits?.limits ? { limits: limits.limits } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
}
