/**
 * par-index — scores Vietnam's public-administration-reform index (Chỉ số CCHC, PAR INDEX) from criteria sets
 * written as data, with an explainable trace. This entry point holds the jobs: load and check a criteria set,
 * load evidence, evaluate, rank, explain, compare years, rank uncertainty, verify a published decision, amend,
 * diff and re-score versions, run worked cases, SIPAS questionnaires and tallies, dossier summaries, and the
 * ranked table and reports. It is pure: no Node built-ins, so it runs in Node, Deno, a browser and a notebook.
 *
 * The other entry points: `par-index/io` (files and folders, SVG, XLSX; Node only), `par-index/sipas` (tallies,
 * indices and intervals in detail), `par-index/dossiers` (calendars, dates, dossier records and measures),
 * `par-index/inspection` (inspection plans and checklists), `par-index/report` (the other renderers: comparisons,
 * uncertainty, verification, diffs, re-scores, cases, SIPAS tables; row tables, office tables, chart specs) and `par-index/formats` (the zod schemas and format tags of every file format).
 *
 * @example
 * ```ts
 * import { loadCriteriaSet, loadEvidence, evaluate, rank, renderTable } from 'par-index';
 * const set = loadCriteriaSet(criteriaYaml, { file: 'van-lam-commune-2021.yaml' });
 * const evidence = loadEvidence([{ data: evidenceYaml, file: 'nhu-quynh.yaml' }]);
 * console.log(renderTable(rank(evaluate(set, evidence), set.ranking), 'vi'));
 * ```
 * @module
 */
// The error model and the exact number type.
export { Exact, type RoundingMode } from './core/exact.js';
export {
  ISSUE_CODES,
  ParIndexError,
  formatIssue,
  type Issue,
  type IssueCode,
  type Lang,
  type PathSegment,
  type Severity,
} from './core/errors.js';
export type { Text } from './core/text.js';
export type { LegalRef } from './core/zod-helpers.js';
export type { Limits } from './core/limits.js';
export type { ParseLimits } from './core/document.js';
export { parseCsv, type Table, type TableRow, type Cell } from './core/table.js';
export {
  openCsvStream,
  yieldToEventLoop,
  type TableData,
  type TableInput,
  type TableStream,
  type CsvStreamOptions,
} from './core/table-stream.js';

// Criteria sets: load, check, provenance, a registry of versions.
export { checkCriteriaSet, loadCriteriaSet, type CriteriaSet, type CriteriaCheck, type LoadOptions } from './criteria/load.js';
export type { CriteriaNode, CriteriaSetData, BandLevel, AcknowledgedFinding } from './criteria/schema.js';
export { CriteriaRegistry } from './criteria/registry.js';
export { criteriaProvenance } from './criteria/check.js';
export type {
  ProvenanceData,
  ProvenanceStatus,
  ProvenanceReport,
  Assumption,
  AssumptionData,
  EffectiveProvenance,
  NodeProvenance,
  ProvenancePlace,
} from './criteria/provenance.js';
export type { Rule, RuleKindName } from './rules/registry.js';
export type { FormulaLimits } from './formula/limits.js';

// Evidence.
export { loadEvidence, checkEvidence, evidenceDocument, type Evidence, type EvidenceInput, type UnitEvidence } from './evidence/load.js';
export type {
  MeasureItem,
  RejectedRows,
  TaskItem,
  AppraisalItem,
  SurveyItem,
  FindingItem,
  NotApplicableItem,
  ListItem,
  MeasureValue,
  TaskRecord,
  AppraisalRecord,
  SurveyValue,
  FindingRecord,
} from './rules/records.js';

// Scoring, ranking, explaining.
export { evaluate } from './engine/evaluate.js';
export { pointsLost, type PointsLost } from './engine/points-lost.js';
export type {
  ScoreCard,
  NodeScore,
  TraceNode,
  BandResult,
  EvaluateOptions,
  RoundingOverride,
  NodeStatus,
  BlockInfo,
  UnitRef,
  CardUnit,
  CardCriteria,
  CardEvidence,
  CardExact,
  TraceRule,
} from './engine/types.js';
export type {
  TraceInput,
  MeasureInput,
  TaskInput,
  AppraisalInput,
  SurveyInput,
  FindingsInput,
  FindingInput,
  PopulationInput,
  ListInput,
  MissingInput,
} from './engine/view.js';
export type { TraceStep, RuleWarning, LeafStatus } from './rules/types.js';
export {
  rank,
  cardsOf,
  type Ranking,
  type Ranked,
  type Place,
  type RankRule,
  type RankMethod,
  type RankOptions,
  type TieBreakKey,
} from './ranking/rank.js';
export { score, type ScoreOptions } from './ranking/score.js';
export { explainText, explainMarkdown } from './report/explain.js';
export { renderTable, renderCsv } from './report/table.js';
export { reportMarkdown, renderJson, type MarkdownReportOptions } from './report/report.js';
export { reportHtml, type HtmlReportOptions, type HtmlChart } from './report/html.js';

// Score files, year-over-year comparison, rank uncertainty.
export { loadScoreCards } from './ranking/scores.js';
export { compareYears } from './ranking/compare.js';
export { loadUnitMap, type UnitMap } from './ranking/unit-map.js';
export {
  type Comparison,
  type UnitChange,
  type PredecessorBasis,
  type FieldChange,
  type NumberChange,
  type UnitSide,
  type YearSide,
} from './ranking/compare-result.js';
export { rankUncertainty, uncertaintyFromCards, type UncertaintyOptions } from './ranking/uncertainty.js';
export { loadUncertaintySpec, type UncertaintySpec, type UncertaintyOption } from './ranking/uncertainty-spec.js';
export type { UncertaintyResult, UnitUncertainty, RankDriver } from './ranking/uncertainty-result.js';

// Verifying a published decision.
export {
  loadPublishedDecision,
  type PublishedDecision,
  type DecisionMeta,
  type PublishedRow,
  type PublishedSummary,
  type DecisionField,
  type ReadDecisionOptions,
} from './verify/decision.js';
export { type Printed, type PrintedRank } from './verify/printed.js';
export { type PublishedData } from './verify/published.js';
export { verifyDecision, decisionFields } from './verify/verify.js';
export { rankPublished, type RankPublishedOptions, type PublishedRanking, type PublishedRanked } from './verify/rank-published.js';
export {
  loadDistribution,
  verifyDistribution,
  type Distribution,
  type DistributionLine,
  type DistributionFinding,
  type DistributionReport,
} from './verify/distribution.js';

export {
  type VerifyReport,
  type VerifyOptions,
  type Discrepancy,
  type DiscrepancyKind,
  type CheckRun,
  type TracedNode,
} from './verify/types.js';

// Versions: amendments, diffs, re-scoring.
export { amend, applyAmendment } from './criteria/amend.js';
export { loadChanges, type AmendOptions, type Change, type ChangesData } from './criteria/changes.js';
export type { Amended, Amendment, AmendmentStep, SetVersion, AmendingDecision } from './criteria/amendment.js';
export type { NodeMatch } from './criteria/match.js';
export {
  diff,
  type CriteriaDiff,
  type NodeDiff,
  type NodeDiffKind,
  type NodePlace,
  type SetDiff,
  type SetRef,
  type NodeDiffHead,
  type NodeValueChange,
  type NodePlaceWithMax,
  type NodeTitles,
  type NodeApplicability,
  type NodeAdded,
  type NodeRemoved,
  type NodeMoved,
  type NodeRuleChange,
  type DecisionRef,
} from './criteria/diff.js';
export {
  rescore,
  type Rescore,
  type RescoreOptions,
  type RescoreSide,
  type UnitRescore,
  type RescoreFieldChange,
  type MergedRescore,
  type MergedFieldChange,
  type LeafCause,
  type WarningCount,
} from './versions/rescore.js';

// Worked cases.
export type { CasesData, CaseData, Margin, ExpectedNumber } from './cases/format.js';
export { loadCases } from './cases/load.js';
export { runCases, type CasesReport, type CaseResult, type CaseCheck } from './cases/run.js';

// SIPAS: questionnaires, responses, tallies, indices (the details are in par-index/sipas).
export type { QuestionnaireData, Measure, Part, RoundingStage } from './sipas/schema.js';
export { loadQuestionnaire, type Questionnaire, type QuestionnaireCheck } from './sipas/questionnaire.js';
export { importResponses, type ImportOptions, type ImportReport, type ImportResult, type KnownUnit } from './sipas/responses.js';
export type { Tally, UnitTally } from './sipas/tally.js';
export { mergeTallies } from './sipas/tally-merge.js';
export type { Respondent } from './sipas/tallier.js';
export { computeIndices, type IndexOptions } from './sipas/indices.js';
export {
  type OptionShare,
  type IndexValue,
  type ItemCounts,
  type ItemResult,
  type GroupResult,
  type UnitResult,
  type SipasResult,
  type IndexRef,
} from './sipas/result.js';

// Dossiers: one-stop exports → counts and rates on the working-day calendar (the details are in par-index/dossiers).
export { loadCalendar } from './calendar/calendar.js';
export type { WorkingCalendar, DueRule, DueMoment, DayNote, Timeliness } from './calendar/working-calendar.js';
export { summariseDossiers, type AggregateOptions } from './measures/dossier-aggregator.js';
export { mergeSummaries } from './measures/summary-merge.js';
export {
  loadDossierSummary,
  type DossierSummary,
  type GroupSummary,
  type MeasureCount,
  type RateValue,
  type GroupBy,
  type Period,
  type UnavailableMeasure,
} from './measures/summary-schema.js';
