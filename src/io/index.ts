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
export { DEFAULT_MAX_FILE_BYTES, displayPath, readText, writeText, type ReadOptions } from './files.js';
export { readCriteriaSet, checkCriteriaFile } from './criteria-files.js';
export { evidenceFiles, readEvidence } from './evidence-files.js';
export { readEvidenceSources, formatTag, type SourceReader, type SourceContext, type SourceResult, type EvidenceSourceOptions } from './sources.js';
export { openTable, DEFAULT_MAX_TABLE_BYTES, DEFAULT_MAX_WHOLE_TABLE_BYTES, type TableOptions, type TableStream } from './table.js';
export { readQuestionnaire, readResponses, readTally, readSurveyInput, surveyEvidence, surveySource, SurveySourceSchema, SURVEY_SOURCE_FORMAT, SURVEY_SOURCE_FORMAT_VERSION, type SurveyInput, type SurveySource } from './survey-source.js';
export { readCalendar, readColumnMapping, readProcedures, summariseDescriptor, summariseRecordFiles, aggregateFiles, parseDossierSource, dossierSource, BUNDLED_CALENDARS, type DossierReadOptions, type DescriptorSummary } from './dossier-source.js';
export { readInspectionPlan, inspectionSource } from './inspection-source.js';

// Charts to SVG, the HTML report with its charts, XLSX and CSV tables (issue 7).
export { renderSvg, reportCharts, renderReportHtml, type ReportChartOptions } from './render-svg.js';
export { reportXlsx, writeReportXlsx, writeReportCsv, officeTablesXlsx, writeOfficeTablesXlsx, writeOfficeTablesCsv, type XlsxOptions } from './xlsx.js';
// Score files, unit maps, uncertainty specs and published decisions from files (issue 5).
export { readScoreCards, readUnitMap, readUncertaintySpec } from './ranking-files.js';
export { readPublishedDecision } from './verify-files.js';
export { findCaseFiles, readCases, runCaseFile, CASES_FILE } from './cases-files.js';
export { exampleFiles, type ExampleFiles } from './package-files.js';
// The error class again, so an app that imports only `par-index/io` can catch what it throws.
export { ParIndexError, formatIssue, type Issue, type IssueCode } from '../core/errors.js';
