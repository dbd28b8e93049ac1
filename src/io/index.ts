/**
 * `par-index/io` — loading criteria sets and evidence from files and folders, and writing outputs (Node only).
 * Everything here is a thin layer over the pure core: read the bytes, name the file, hand over.
 *
 * @example
 * ```ts
 * import { readCriteriaSet, readEvidence } from 'par-index/io';
 * import { evaluate, rank } from 'par-index';
 * const set = readCriteriaSet('criteria/examples/van-lam-commune-2021.yaml');
 * const ranking = rank(evaluate(set, readEvidence('fixtures/van-lam-2021')), set.ranking);
 * ```
 * @module
 */
export { readText, writeText, type FolderOptions, type ReadOptions } from './files.js';
export { openTable, type TableOptions, type TableStream, type TableInput, type TableData } from './table.js';
export { readCriteriaSet, checkCriteriaFile } from './criteria-files.js';
export { readEvidence } from './evidence-files.js';
export { readEvidenceSources, type SourceReader, type SourceContext, type SourceResult, type EvidenceSourceOptions } from './sources.js';
export {
  readQuestionnaire,
  readResponses,
  readTally,
  readSurveyInput,
  SurveyRead,
  surveySource,
  SurveySourceSchema,
  SURVEY_SOURCE_FORMAT,
  SURVEY_SOURCE_FORMAT_VERSION,
  type SurveyInput,
  type SurveySource,
} from './survey-source.js';
export {
  readCalendar,
  readColumnMapping,
  summariseDescriptor,
  summariseDescriptorText,
  fromDescriptorText,
  summariseRecordFiles,
  dossierSource,
  type DossierReadOptions,
  type DescriptorSummary,
  type DossierPlan,
} from './dossier-source.js';
export { readInspectionPlan, inspectionSource } from './inspection-source.js';

// Charts to SVG, the HTML report with its charts, XLSX and CSV tables.
export { renderSvg, reportCharts, renderReportHtml, type ReportChartOptions } from './render-svg.js';
export {
  reportXlsx,
  writeReportXlsx,
  writeReportCsv,
  officeTablesXlsx,
  writeOfficeTablesXlsx,
  writeOfficeTablesCsv,
  type XlsxOptions,
} from './xlsx.js';
// Score files, unit maps, uncertainty specs, published decisions and worked cases from files.
export { readScoreCards, readUnitMap, readUncertaintySpec } from './ranking-files.js';
export { readPublishedDecision, readDistribution, publishedKind } from './verify-files.js';
export { readSipasFigures } from './sipas-figures-files.js';
export { findCaseFiles, readCases, runCaseFile } from './cases-files.js';
export { exampleFiles, type ExampleFiles } from './package-files.js';
// The error class again, so an app that imports only `par-index/io` can catch what it throws.
export { ParIndexError, formatIssue, type Issue, type IssueCode } from '../core/errors.js';
