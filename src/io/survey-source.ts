/**
 * Survey files (Node): questionnaires, responses tables (CSV/XLSX, streamed), tallies, and the survey-source
 * descriptor that turns them into evidence for `score` — so a criteria set's `survey` rule reads an index
 * computed from the answers, with its n and interval, instead of a number typed by hand.
 *
 * A descriptor (`format: par-index/survey-source@1`) names the questionnaire, the responses table(s) or
 * tally file(s), the units with their names, and which index becomes which evidence survey id:
 *
 * ```yaml
 * format: par-index/survey-source@1
 * questionnaire: ../../questionnaires/van-lam-commune-2021.yaml
 * year: 2021
 * source: Kết quả đo lường sự hài lòng năm 2021 theo Kế hoạch 22/KH-UBND ngày 02/02/2021 của UBND tỉnh Hưng Yên
 * responses: [survey/responses-2021.csv]
 * columns: { unit: xa }
 * units:
 *   - { id: nhu-quynh, name: Như Quỳnh }
 * indices:
 *   sipas: overall
 *   sipas-cong-chuc: group:cong-chuc
 * ```
 * @module
 */
import { NumberFormatSchema } from '../core/numbers.js';
import { createHash } from 'node:crypto';
import { createReadStream, realpathSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { z } from 'zod';
import { checkFormat, parseText } from '../core/document.js';
import { issue, type Issue, ParIndexError } from '../core/errors.js';
import { fromZodIssues, Id } from '../core/zod-helpers.js';
import { EVIDENCE_FORMAT, EVIDENCE_FORMAT_VERSION } from '../evidence/schema.js';
import { computeIndices } from '../sipas/indices.js';
import { pickIndex, type IndexValue, type SipasResult } from '../sipas/result.js';
import { loadQuestionnaire, type Questionnaire } from '../sipas/questionnaire.js';
import { RespondentIds, ResponseImporter, type ImportOptions, type ImportReport, type ImportResult } from '../sipas/responses.js';
import { loadTally } from '../sipas/tally-file.js';
import { mergeTallies } from '../sipas/tally-merge.js';
import { TALLY_FORMAT, type Tally } from '../sipas/tally.js';
import { displayPath, readText, type ReadOptions } from './files.js';
import type { SourceContext, SourceReader, SourceResult } from './source-reader.js';
import { openTable, type TableOptions } from './table.js';
import { tableFormat, type TableInput } from '../core/table-stream.js';
import { pushAll } from '../core/lists.js';
import { confined } from './confine.js';

/**
 * The format tag of survey-source descriptors.
 *
 * @example `format: par-index/survey-source@1` (YAML)
 */
export const SURVEY_SOURCE_FORMAT = 'par-index/survey-source';
/**
 * The newest survey-source format version this library reads.
 *
 * @example `SURVEY_SOURCE_FORMAT_VERSION // 1`
 */
export const SURVEY_SOURCE_FORMAT_VERSION = 1;

/**
 * The inputs of one read of a survey (one command, one descriptor): each file is read once — the same path after
 * resolution, or the same bytes under another name, would count its respondents twice — and each respondent id
 * once across the tables read.
 *
 * @example
 * ```ts
 * const read = new SurveyRead();
 * await readSurveyInput('part1.csv', q, { read });
 * await readSurveyInput('part1-copy.csv', q, { read }); // throws sipas.duplicate-input
 * ```
 */
export class SurveyRead {
  /** Respondent ids counted so far, shared by the tables of this read. */
  readonly respondents = new RespondentIds();
  private readonly paths = new Map<string, string>();
  private readonly hashes = new Map<string, string>();

  /** Records a file about to be read; throws {@link ParIndexError} (`sipas.duplicate-input`) when it was read already. */
  async claim(path: string): Promise<void> {
    const file = displayPath(path);
    let real: string;
    try {
      real = realpathSync(resolve(path));
    } catch {
      // A file that cannot be resolved cannot be read either: the reader names the problem.
      return;
    }
    const prev = this.paths.get(real);
    if (prev !== undefined)
      throw duplicateInput(
        file,
        `${file} is listed twice (${prev} and ${file} are the same file): reading it twice would count its respondents twice`,
        `${file} được liệt kê hai lần (${prev} và ${file} là cùng một tệp): đọc hai lần sẽ tính các phiếu hai lần`,
      );
    this.paths.set(real, file);
    const hash = await fileHash(real);
    const same = this.hashes.get(hash);
    if (same !== undefined)
      throw duplicateInput(
        file,
        `${file} has the same content as ${same} (${hash.slice(0, 19)}…): reading both would count the same respondents twice`,
        `${file} có cùng nội dung với ${same} (${hash.slice(0, 19)}…): đọc cả hai sẽ tính các phiếu hai lần`,
      );
    this.hashes.set(hash, file);
  }
}

function duplicateInput(file: string, en: string, vi: string): ParIndexError {
  return new ParIndexError([issue('sipas.duplicate-input', 'error', [], en, vi, { file })]);
}

/** The SHA-256 of a file's bytes, read in pieces (tables may be hundreds of MiB). */
async function fileHash(path: string): Promise<string> {
  const h = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  } catch {
    // Unreadable: the reader that follows names the problem; a unique value keeps this file from matching another.
    return `unreadable:${path}`;
  }
  return `sha256:${h.digest('hex')}`;
}

/**
 * Reads and loads a questionnaire file (YAML or JSON).
 *
 * @example const q = readQuestionnaire('questionnaires/sipas-2640-2017.yaml');
 */
export function readQuestionnaire(path: string, opts: ReadOptions = {}): Questionnaire {
  return loadQuestionnaire(readText(path, opts), { file: displayPath(path), ...(opts.limits ? { limits: opts.limits } : {}) });
}

/**
 * Streams a responses table (CSV or XLSX) into a tally: memory grows with the number of units, not of rows.
 * The table is a file path or a {@link TableInput} (an upload's body or bytes, with its name). Problems in rows
 * are reported (row and column), not thrown; a wrong header or an empty file throws.
 *
 * @example
 * ```ts
 * const { tally, report } = await readResponses('survey/responses-2021.csv', q, { unitColumn: 'xa' });
 * console.log(report.rowsIn, report.rowsUsed, report.rowsRejected);
 * // In a request handler: await readResponses({ name: 'phieu.csv', data: req }, q, { unitColumn: 'xa' });
 * ```
 */
export async function readResponses(
  source: string | TableInput,
  q: Questionnaire,
  opts: Omit<ImportOptions, 'file'> & TableOptions = {},
): Promise<ImportResult> {
  const table = await openTable(source, {
    ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}),
    ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
    ...(opts.maxRows !== undefined ? { maxRows: opts.maxRows } : {}),
    ...(opts.limits !== undefined ? { limits: opts.limits } : {}),
  });
  // A sheet's rows end at their last non-empty cell; a CSV row has every cell, so a short one is an error.
  const xlsx = typeof source === 'string' ? extname(source).toLowerCase() === '.xlsx' : tableFormat(source) === 'xlsx';
  const rowCells = xlsx ? 'trailing-blanks' : 'exact';
  let imp: ResponseImporter;
  try {
    imp = new ResponseImporter(q, table.header, { rowCells, ...opts, file: table.file });
  } catch (e) {
    // A wrong header: the upload is not read on.
    await table.close();
    throw e;
  }
  for await (const batch of table.batches) for (const row of batch) imp.add(row);
  return imp.finish();
}

/**
 * Reads a tally saved as JSON and checks it against the questionnaire.
 *
 * @example const t = readTally('out/tally-north.json', q);
 */
export function readTally(path: string, q: Questionnaire, opts: ReadOptions = {}): Tally {
  return loadTally(readText(path, opts), q, { file: displayPath(path), limits: opts.limits });
}

const TABLE_EXT = new Set(['.csv', '.tsv', '.txt', '.xlsx']);

/**
 * What {@link readSurveyInput} found: a tally, and the import reports of the tables it read.
 *
 * @example `(await readSurveyInput('tally.json', q)).tally`
 */
export interface SurveyInput {
  /** The counts of all inputs, merged. */
  readonly tally: Tally;
  /** One report per responses table read. */
  readonly reports: readonly ImportReport[];
  /** The files read (absolute). */
  readonly files: readonly string[];
  /** The descriptor, when the input was one. */
  readonly descriptor?: SurveySource;
}

/**
 * Reads one survey input by its kind: a responses table (.csv/.xlsx), a tally (JSON/YAML with format
 * par-index/sipas-tally), or a survey-source descriptor (which names its own tables and tallies).
 *
 * @example const { tally, reports } = await readSurveyInput('fixtures/van-lam-2021/survey/responses-2021.csv', q, { unitColumn: 'xa' });
 */
export async function readSurveyInput(
  path: string,
  q: Questionnaire,
  opts: Omit<ImportOptions, 'file'> &
    TableOptions & {
      /** The read this input belongs to: a file read twice, or a respondent read twice, is refused across its inputs. */
      read?: SurveyRead | undefined;
      /** A descriptor may name files outside its folder tree (see `readEvidenceSources`); refused by default. */
      allowOutside?: boolean | undefined;
    } = {},
): Promise<SurveyInput> {
  const { read = new SurveyRead(), allowOutside, ...importOpts } = opts;
  await read.claim(path);
  if (TABLE_EXT.has(extname(path).toLowerCase())) {
    const r = await readResponses(path, q, { ...importOpts, respondents: read.respondents });
    return { tally: r.tally, reports: [r.report], files: [resolve(path)] };
  }
  const file = displayPath(path);
  const doc = parseText(readText(path), { file });
  const tag =
    doc !== null && typeof doc === 'object' && !Array.isArray(doc)
      ? String((doc as Record<string, unknown>)['format'] ?? '').replace(/@\d+$/, '')
      : '';
  if (tag === TALLY_FORMAT) return { tally: loadTally(doc, q, { file }), reports: [], files: [resolve(path)] };
  if (tag === SURVEY_SOURCE_FORMAT) {
    const d = parseDescriptor(doc, file);
    const dir = resolve(path, '..');
    const dq = readQuestionnaire(resolve(dir, d.questionnaire));
    if (dq.hash !== q.hash) {
      throw new ParIndexError([
        issue(
          'sipas.tally-mismatch',
          'error',
          ['questionnaire'],
          `the descriptor names questionnaire ${dq.id} ${dq.version}, not ${q.id} ${q.version}`,
          `tệp mô tả dùng bộ câu hỏi ${dq.id} ${dq.version}, không phải ${q.id} ${q.version}`,
          { file },
        ),
      ]);
    }
    const r = await tallyOfDescriptor(d, q, dir, file, read, allowOutside);
    return { ...r, descriptor: d };
  }
  throw new ParIndexError([
    issue(
      'format.unknown',
      'error',
      ['format'],
      `expected a responses table (.csv, .xlsx), a tally (${TALLY_FORMAT}@1) or a descriptor (${SURVEY_SOURCE_FORMAT}@1); found format "${tag || '(none)'}"`,
      `cần bảng phiếu (.csv, .xlsx), bảng đếm (${TALLY_FORMAT}@1) hoặc tệp mô tả (${SURVEY_SOURCE_FORMAT}@1); định dạng là "${tag || '(không có)'}"`,
      { file },
    ),
  ]);
}

const IndexRefSchema = z
  .string()
  .regex(
    /^(overall|services|policy|(group|perception|expectation|item):.+)$/,
    'expected overall, services, policy, group:<id>, perception:<id>, expectation:<id> or item:<id>',
  );

/**
 * The survey-source descriptor.
 *
 * @example `SurveySourceSchema.safeParse(parseText(yaml)).success`
 */
export const SurveySourceSchema = z
  .strictObject({
    /** The format tag: `par-index/survey-source@1`. */
    format: z.string(),
    /** The questionnaire file, relative to the descriptor. */
    questionnaire: z.string().min(1),
    /** The year scored (as in the evidence files it merges with). */
    year: z.number().int().min(2000).max(2100),
    /** Provenance: the survey's decision or plan, put first in every evidence item's source. */
    source: z.string().min(1),
    /** Responses tables (CSV/XLSX), relative to the descriptor. */
    responses: z.array(z.string().min(1)).default([]),
    /** Tally files (JSON), relative to the descriptor. */
    tallies: z.array(z.string().min(1)).default([]),
    /** XLSX: the sheet to read. */
    sheet: z.union([z.string(), z.number().int().positive()]).optional(),
    /** How the tables write numbers (weights): `vi` (1.234,5), `en` (1,234.5) or `{ decimal, thousands }`. */
    numbers: NumberFormatSchema.optional(),
    /** Which columns of the responses table hold what. */
    columns: z
      .strictObject({
        /** Header of the unit column (default: one of the usual names, such as "Đơn vị" or "xa"). */
        unit: z.string().min(1).optional(),
        /** Header of the weight column (default: the questionnaire's, else one of the usual names). */
        weight: z.string().min(1).optional(),
        /** Other headers to read and ignore (timestamps, interviewer…). */
        ignore: z.array(z.string().min(1)).optional(),
      })
      .default({}),
    /** The units surveyed, with their names as in the other evidence, and other codes the tables use. */
    units: z
      .array(
        z.strictObject({
          /** The unit's id in the evidence. */
          id: Id,
          /** The unit's name, as in the other evidence files. */
          name: z.string().min(1),
          /** Other codes or names the responses tables use for the unit. */
          codes: z.array(z.string().min(1)).optional(),
        }),
      )
      .min(1),
    /** Evidence survey id → index of the unit. */
    indices: z.record(Id, IndexRefSchema),
    /** Rejected rows: an error (default), or reported in each item's source. */
    rejectedRows: z.enum(['error', 'report']).default('error'),
    /** Override the questionnaire's unweighted interval. */
    interval: z
      .strictObject({
        /** The interval method: `wilson` or `clopper-pearson`. */
        method: z.enum(['wilson', 'clopper-pearson']).optional(),
        /** The confidence level, between 0 and 1 (e.g. 0.95). */
        level: z.number().gt(0).lt(1).optional(),
      })
      .optional(),
  })
  .refine((d) => d.responses.length + d.tallies.length > 0, { message: 'name at least one responses table or tally', path: ['responses'] });
/** @example `(await readSurveyInput('sipas-2021.source.yaml', q)).descriptor?.indices // { sipas: 'overall', … }` */
export type SurveySource = z.output<typeof SurveySourceSchema>;

function parseDescriptor(doc: unknown, file: string): SurveySource {
  const fmt = checkFormat(doc, SURVEY_SOURCE_FORMAT, SURVEY_SOURCE_FORMAT_VERSION, file);
  if (fmt.length) throw new ParIndexError(fmt);
  const p = SurveySourceSchema.safeParse(doc);
  if (!p.success) throw new ParIndexError(fromZodIssues(p.error.issues, file));
  return p.data;
}

async function tallyOfDescriptor(
  d: SurveySource,
  q: Questionnaire,
  dir: string,
  file: string,
  read = new SurveyRead(),
  allowOutside?: boolean,
): Promise<{ tally: Tally; reports: ImportReport[]; files: string[] }> {
  const tallies: Tally[] = [];
  const reports: ImportReport[] = [];
  const files: string[] = [];
  const importOpts: Omit<ImportOptions, 'file'> & TableOptions = {
    units: d.units.map((u) => ({ id: u.id, ...(u.codes ? { codes: u.codes } : {}) })),
    ...(d.columns.unit ? { unitColumn: d.columns.unit } : {}),
    ...(d.columns.weight ? { weightColumn: d.columns.weight } : {}),
    ...(d.columns.ignore ? { ignore: d.columns.ignore } : {}),
    ...(d.sheet !== undefined ? { sheet: d.sheet } : {}),
    ...(d.numbers ? { numbers: d.numbers } : {}),
    respondents: read.respondents,
  };
  for (const [i, r] of d.responses.entries()) {
    const path = confined(dir, r, { file, path: ['responses', i], allowOutside });
    await read.claim(path);
    const res = await readResponses(path, q, importOpts);
    tallies.push(res.tally);
    reports.push(res.report);
    files.push(path);
  }
  const known = new Set(d.units.map((u) => u.id));
  for (const [i, t] of d.tallies.entries()) {
    const path = confined(dir, t, { file, path: ['tallies', i], allowOutside });
    await read.claim(path);
    const tally = readTally(path, q);
    const unknown = Object.keys(tally.units).filter((u) => !known.has(u));
    if (unknown.length)
      throw new ParIndexError([
        issue(
          'sipas.unknown-unit',
          'error',
          ['tallies'],
          `tally ${t} has unit(s) not declared under units: ${unknown.join(', ')}`,
          `bảng đếm ${t} có đơn vị chưa khai báo trong units: ${unknown.join(', ')}`,
          { file },
        ),
      ]);
    tallies.push(tally);
    files.push(path);
  }
  return { tally: mergeTallies(tallies), reports, files };
}

function rejectedIssues(reports: readonly ImportReport[], file: string): Issue[] {
  const out: Issue[] = [];
  for (const r of reports) {
    if (r.rowsRejected === 0) continue;
    pushAll(out, r.issues);
    out.push(
      issue(
        'sipas.rejected-rows',
        'error',
        [],
        `${r.file ?? 'a responses table'}: ${r.rowsRejected} of ${r.rowsIn} rows rejected (rows ${r.rejectedRows.slice(0, 20).join(', ')}${r.rejectedRows.length > 20 ? ', …' : ''}); fix them, or set rejectedRows: report in the descriptor to score without them`,
        `${r.file ?? 'bảng phiếu'}: ${r.rowsRejected}/${r.rowsIn} dòng bị loại (dòng ${r.rejectedRows.slice(0, 20).join(', ')}${r.rejectedRows.length > 20 ? ', …' : ''}); sửa lại, hoặc khai báo rejectedRows: report để chấm điểm không có các dòng này`,
        { file },
      ),
    );
  }
  return out;
}

/**
 * Turns a descriptor into an evidence document: each unit's declared indices as `surveys.<id>` entries with
 * value, n, interval (low, high) and a source naming the questionnaire and the files. Throws
 * {@link ParIndexError} for bad files, rejected rows (unless `rejectedRows: report`), a declared unit without
 * answers, or an index a unit does not have.
 *
 * @example
 * ```ts
 * const { evidence, result } = await surveyEvidence(descriptorDoc, { file: 'fixtures/van-lam-2021/sipas-2021.source.yaml', dir: 'fixtures/van-lam-2021' });
 * ```
 */
export async function surveyEvidence(
  doc: unknown,
  ctx: {
    file: string;
    dir: string;
    /** Let the descriptor name files outside its folder tree; refused by default (`io.outside-folder`). */
    allowOutside?: boolean | undefined;
  },
): Promise<{
  /** The evidence document (format `par-index/evidence@1`): the year, and each declared unit with its `surveys`. */
  evidence: Record<string, unknown>;
  /** The indices of every unit, as computed from the tally. */
  result: SipasResult;
  /** The responses tables and tallies read (absolute paths), in the descriptor's order. */
  files: string[];
  /** One import report per responses table read. */
  reports: ImportReport[];
}> {
  const d = parseDescriptor(doc, ctx.file);
  // The questionnaire is a shared setting (the example names the package's own); the tables are confined.
  const qPath = resolve(ctx.dir, d.questionnaire);
  const q = readQuestionnaire(qPath);
  const problems: Issue[] = [];
  for (const [id, ref] of Object.entries(d.indices)) {
    const m = /^(?:group|perception|expectation):(.+)$/.exec(ref);
    const it = /^item:(.+)$/.exec(ref);
    if ((m && !q.groups.some((g) => g.id === m[1])) || (it && !q.items.some((i) => i.id === it[1]))) {
      problems.push(
        issue(
          'sipas.unknown-item',
          'error',
          ['indices', id],
          `index "${ref}" is not in questionnaire ${q.id} ${q.version} (groups: ${q.groups.map((g) => g.id).join(', ')})`,
          `chỉ số "${ref}" không có trong bộ câu hỏi ${q.id} ${q.version} (các nhóm: ${q.groups.map((g) => g.id).join(', ')})`,
          { file: ctx.file },
        ),
      );
    }
  }
  if (problems.length) throw new ParIndexError(problems);
  const { tally, reports, files } = await tallyOfDescriptor(d, q, ctx.dir, ctx.file, undefined, ctx.allowOutside);
  const rejected = rejectedIssues(reports, ctx.file);
  if (rejected.length && d.rejectedRows === 'error') throw new ParIndexError(rejected);
  const result = computeIndices(q, tally, {
    ...(d.interval?.method ? { interval: d.interval.method } : {}),
    ...(d.interval?.level ? { level: d.interval.level } : {}),
  });
  const byUnit = new Map(result.units.map((u) => [u.unit, u]));
  // Named as the descriptor names them (relative to it), never relative to the working directory: the sources
  // are part of the evidence, and so of its hash.
  const tables = [...d.responses, ...d.tallies];
  const rejectedNote = reports
    .map((r, i) => ({ r, name: d.responses[i]! }))
    .filter(({ r }) => r.rowsRejected > 0)
    .map(
      ({ r, name }) =>
        `${name}: ${r.rowsRejected}/${r.rowsIn} dòng bị loại (${r.rejectedRows.slice(0, 10).join(', ')}${r.rejectedRows.length > 10 ? ', …' : ''})`,
    );
  const units = [];
  for (const [k, u] of d.units.entries()) {
    const r = byUnit.get(u.id);
    if (!r) {
      problems.push(
        issue(
          'sipas.empty',
          'error',
          ['units', k],
          `unit "${u.id}" is declared but has no respondent in ${tables.join(', ')}`,
          `đơn vị "${u.id}" được khai báo nhưng không có phiếu nào trong ${tables.join(', ')}`,
          { file: ctx.file, unit: u.id },
        ),
      );
      continue;
    }
    const surveys: Record<string, unknown> = {};
    for (const [id, ref] of Object.entries(d.indices)) {
      const v: IndexValue | undefined = pickIndex(q, r, ref);
      if (!v) {
        problems.push(
          issue(
            'sipas.no-valid-answer',
            'error',
            ['indices', id],
            `unit "${u.id}" has no valid answer for index "${ref}"`,
            `đơn vị "${u.id}" không có câu trả lời hợp lệ cho chỉ số "${ref}"`,
            { file: ctx.file, unit: u.id },
          ),
        );
        continue;
      }
      const how = `${v.interval === 'korn-graubard' ? 'Korn–Graubard' : v.interval === 'wilson' ? 'Wilson' : 'Clopper–Pearson'} ${Math.round(v.level * 100)}%`;
      surveys[id] = {
        value: v.value,
        n: v.n,
        low: v.low,
        high: v.high,
        source: `${d.source} — bộ câu hỏi ${q.id} ${q.version} (${d.questionnaire}, ${q.hash.slice(0, 19)}…), chỉ số ${ref}; phiếu: ${tables.join(', ')}; khoảng tin cậy ${how}${rejectedNote.length ? `; ${rejectedNote.join('; ')}` : ''}`,
      };
    }
    units.push({ id: u.id, name: u.name, surveys });
  }
  if (problems.length) throw new ParIndexError(problems);
  return { evidence: { format: `${EVIDENCE_FORMAT}@${EVIDENCE_FORMAT_VERSION}`, year: d.year, units }, result, files, reports };
}

/**
 * The evidence-source reader of survey-source descriptors, for `readEvidenceSources(…, { readers })` and the
 * `score` command.
 *
 * @example
 * ```ts
 * const ev = await readEvidenceSources(['fixtures/van-lam-2021'], { readers: [surveySource] });
 * ev.units.find((u) => u.id === 'nhu-quynh')?.surveys['sipas']; // { value: 90.1, n: 400, low: …, high: …, source: '…' }
 * ```
 */
export const surveySource: SourceReader = {
  format: SURVEY_SOURCE_FORMAT,
  async read(doc: unknown, ctx: SourceContext): Promise<SourceResult> {
    const { evidence, files } = await surveyEvidence(doc, { file: ctx.file, dir: ctx.dir, allowOutside: ctx.allowOutside });
    return { inputs: [{ data: evidence, file: ctx.file }], consumed: files };
  },
};
