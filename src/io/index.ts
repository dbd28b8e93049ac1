/**
 * `par-index/io` — loading criteria sets and evidence from files and folders, and writing outputs (Node only).
 * Everything here is a thin layer over the pure core: read the bytes, name the file, hand over.
 *
 * @example
 * ```ts
 * import { readCriteriaSet, readEvidence } from 'par-index/io';
 * import { evaluate, rank } from 'par-index';
 * const set = readCriteriaSet('criteria/examples/van-lam-commune-2021.yaml');
 * const cards = rank(evaluate(set, readEvidence('fixtures/van-lam-2021')), set.ranking);
 * ```
 * @module
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { parseText } from '../core/document.js';
import { issue, ParIndexError, type Issue } from '../core/errors.js';
import { EVIDENCE_FORMAT } from '../evidence/schema.js';
import { DOSSIER_SOURCE_FORMAT } from '../measures/dossier-source.js';
import { INSPECTION_PLAN_FORMAT } from '../inspection/plan.js';
import { formatTag } from './sources.js';
import { SURVEY_SOURCE_FORMAT } from './survey-source.js';
import { DEFAULT_LIMITS, resolveLimits, type Limits } from '../core/limits.js';
import { checkCriteriaSet, loadCriteriaSet, type CriteriaCheck, type CriteriaSet } from '../criteria/load.js';
import { loadEvidence, type Evidence, type EvidenceInput } from '../evidence/load.js';

/**
 * Largest file read by default: 50 MB.
 *
 * @example `readText('big.yaml', { maxBytes: 2 * DEFAULT_MAX_FILE_BYTES })`
 */
export const DEFAULT_MAX_FILE_BYTES = DEFAULT_LIMITS.maxFileBytes;

/**
 * Options of the file readers.
 *
 * @example `readCriteriaSet('criteria/x.yaml', { maxBytes: 1_000_000 })`
 */
export interface ReadOptions {
  /** Refuse files larger than this many bytes (default 50 MB), before reading them. */
  maxBytes?: number;
  /** Limits (see src/core/limits.ts and SECURITY.md): `maxFileBytes` when `maxBytes` is not given, and the parsing limits. */
  limits?: Partial<Limits>;
}

/**
 * A path as shown in messages and provenance: relative to the working directory (with ../ when outside it).
 *
 * @example `displayPath(`${process.cwd()}/criteria/x.yaml`) // "criteria/x.yaml"`
 */
export function displayPath(path: string): string {
  // Always relative (with ../ where needed), never absolute: a file's name in messages and in provenance must not
  // depend on where the repository happens to be checked out, or evidence hashes would differ between machines.
  const r = relative(process.cwd(), path);
  return r === '' ? path : r.split('\\').join('/');
}

/**
 * Reads a text file (UTF-8, BOM removed), refusing files over the size limit before reading them.
 * Throws {@link ParIndexError} with code `io.read` or `io.too-large`.
 *
 * @example `parseText(readText('criteria/x.yaml'), { file: 'criteria/x.yaml' })`
 */
export function readText(path: string, opts: ReadOptions = {}): string {
  const file = displayPath(path);
  const max = opts.maxBytes ?? resolveLimits(opts.limits).maxFileBytes;
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new ParIndexError([issue('io.read', 'error', [], 'is a folder, expected a file', 'là thư mục, cần một tệp', { file })]);
    size = st.size;
  } catch (e) {
    if (e instanceof ParIndexError) throw e;
    throw new ParIndexError([issue('io.read', 'error', [], `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, `không đọc được tệp: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file })], { cause: e });
  }
  if (size > max) {
    throw new ParIndexError([issue('io.too-large', 'error', [], `the file is ${size} bytes; the limit is ${max} bytes (raise it with maxBytes if this is intended)`, `tệp có ${size} byte; giới hạn là ${max} byte`, { file })]);
  }
  try {
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new ParIndexError([issue('io.read', 'error', [], `cannot read: ${(e as Error).message}`, `không đọc được tệp: ${(e as Error).message}`, { file })], { cause: e });
  }
}

/**
 * Reads and loads a criteria set file (YAML or JSON).
 *
 * @example `readCriteriaSet('criteria/examples/van-lam-commune-2021.yaml').hash // "sha256:…"`
 */
export function readCriteriaSet(path: string, opts: ReadOptions = {}): CriteriaSet {
  return loadCriteriaSet(readText(path, opts), { file: displayPath(path), ...(opts.limits ? { limits: opts.limits } : {}) });
}

/**
 * Reads and checks a criteria set file without throwing for problems in its content.
 *
 * @example `checkCriteriaFile('criteria/examples/van-lam-commune-2021.yaml').ok // true`
 */
export function checkCriteriaFile(path: string, opts: ReadOptions = {}): CriteriaCheck {
  return checkCriteriaSet(readText(path, opts), { file: displayPath(path), ...(opts.limits ? { limits: opts.limits } : {}) });
}

const DATA_EXT = new Set(['.yaml', '.yml', '.json']);

/**
 * The evidence documents at a path: the file itself, or every .yaml/.yml/.json file directly in the folder
 * (sorted by name; sub-folders are not read).
 *
 * @example `evidenceFiles('fixtures/van-lam-2021') // ['fixtures/van-lam-2021/chi-dao.yaml', …]`
 */
export function evidenceFiles(path: string): string[] {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw new ParIndexError([issue('io.read', 'error', [], `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, `không đọc được: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: displayPath(path) })], { cause: e });
  }
  if (!st.isDirectory()) return [path];
  const files = readdirSync(path)
    .filter((f) => DATA_EXT.has(extname(f).toLowerCase()))
    .sort()
    .map((f) => join(path, f))
    .filter((f) => statSync(f).isFile());
  if (files.length === 0) {
    throw new ParIndexError([issue('evidence.missing', 'error', [], 'the folder has no .yaml, .yml or .json evidence file', 'thư mục không có tệp minh chứng .yaml, .yml hoặc .json', { file: displayPath(path) })]);
  }
  return files;
}

/**
 * Reads evidence from files and folders and merges it.
 *
 * @example `readEvidence(['fixtures/van-lam-2021/nhu-quynh.yaml', 'fixtures/van-lam-2021/dai-dong.yaml']).units.length // 2`
 */
export function readEvidence(paths: string | readonly string[], opts: ReadOptions = {}): Evidence {
  const list = typeof paths === 'string' ? [paths] : paths;
  const inputs: EvidenceInput[] = [];
  const descriptors: Issue[] = [];
  for (const f of list.flatMap(evidenceFiles)) {
    const file = displayPath(f);
    const data = parseText(readText(f, opts), { file, ...(opts.limits ? { limits: opts.limits } : {}) });
    const tag = formatTag(data);
    if (tag !== undefined && tag !== EVIDENCE_FORMAT && [DOSSIER_SOURCE_FORMAT, INSPECTION_PLAN_FORMAT, SURVEY_SOURCE_FORMAT].includes(tag)) {
      descriptors.push(
        issue(
          'format.unknown',
          'error',
          ['format'],
          `this is a source descriptor (${tag}), not an evidence document: readEvidence reads evidence documents only; use readEvidenceSources (async), which reads descriptors and the tables they name`,
          `đây là tệp mô tả nguồn (${tag}), không phải tài liệu minh chứng: readEvidence chỉ đọc tài liệu minh chứng; hãy dùng readEvidenceSources (bất đồng bộ), hàm này đọc cả tệp mô tả và các bảng mà nó nêu`,
          { file },
        ),
      );
      continue;
    }
    inputs.push({ data, file });
  }
  if (descriptors.length > 0) throw new ParIndexError(descriptors);
  return loadEvidence(inputs, opts.limits ? { limits: opts.limits } : {});
}

/**
 * Writes a text file, creating its folder.
 *
 * @example `writeText('out/2021/report.md', reportMarkdown(cards, 'vi'))`
 */
export function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text, 'utf8');
}

export { readEvidenceSources, formatTag, type SourceReader, type SourceContext, type SourceResult, type EvidenceSourceOptions } from './sources.js';
export { openTable, DEFAULT_MAX_TABLE_BYTES, DEFAULT_MAX_WHOLE_TABLE_BYTES, type TableOptions, type TableStream } from './table.js';
export { readQuestionnaire, readResponses, readTally, readSurveyInput, surveyEvidence, surveySource, SurveySourceSchema, SURVEY_SOURCE_FORMAT, SURVEY_SOURCE_FORMAT_VERSION, type SurveyInput, type SurveySource } from './survey-source.js';
export { readCalendar, readColumnMapping, readProcedures, summariseDescriptor, summariseRecordFiles, aggregateFiles, parseDossierSource, dossierSource, BUNDLED_CALENDARS, type DossierReadOptions, type DescriptorSummary } from './dossier-source.js';
export { readInspectionPlan, inspectionSource } from './inspection-source.js';

// Charts to SVG, the HTML report with its charts, XLSX and CSV tables (issue 7).
export { renderSvg, reportCharts, renderReportHtml, type ReportChartOptions } from './render-svg.js';
export { reportXlsx, writeReportXlsx, writeReportCsv, officeTablesXlsx, writeOfficeTablesXlsx, writeOfficeTablesCsv, type XlsxOptions } from './xlsx.js';
// Score files, unit maps, uncertainty specs and published decisions from files (issue 5).
export { readScoreCards, readUnitMap, readUncertaintySpec } from '../ranking/read.js';
export { readPublishedDecision } from '../verify/read.js';
export { findCaseFiles, readCases, runCaseFile, CASES_FILE } from '../cases/files.js';
export { exampleFiles, type ExampleFiles } from './package-files.js';
// The error class again, so an app that imports only `par-index/io` can catch what it throws.
export { ParIndexError, formatIssue, type Issue, type IssueCode } from '../core/errors.js';
