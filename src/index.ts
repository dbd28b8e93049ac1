/**
 * par-index — scores Vietnam's public-administration-reform index (Chỉ số CCHC, PAR INDEX) from criteria sets
 * written as data, with an explainable trace. This entry point is the pure core: no Node built-ins, so it runs
 * in Node, Deno, a browser and a notebook. File loading is in `par-index/io`.
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
export { Exact, ROUNDING_MODES, sumExact, type RoundingMode } from './core/exact.js';
export { ISSUE_CODES, ParIndexError, formatIssue, formatPath, formatWhere, type Issue, type IssueCode, type Lang, type PathSegment, type Severity } from './core/errors.js';
export { canonicalJson, contentHash } from './core/hash.js';
export { parseText, checkFormat, checkData, type ParseLimits } from './core/document.js';
export { DEFAULT_LIMITS, resolveLimits, type Limits } from './core/limits.js';
export type { Text } from './core/text.js';
export type { LegalRef } from './core/zod-helpers.js';
export { parseCsv, type Table, type TableRow, type Cell } from './core/table.js';

export { CRITERIA_FORMAT, CRITERIA_FORMAT_VERSION, CriteriaSetSchema, type CriteriaNode, type CriteriaSetData, type BandLevel } from './criteria/schema.js';
export { checkCriteriaSet, loadCriteriaSet, criteriaData, type CriteriaSet, type CriteriaCheck, type LoadOptions } from './criteria/load.js';
export { CriteriaRegistry } from './criteria/registry.js';
export { criteriaProvenance } from './criteria/check.js';
export { ProvenanceSchema, NodeProvenanceSchema, AssumptionSchema, PROVENANCE_STATUSES, LEGACY_PROVENANCE, provenanceLabel, fullyVerified, type ProvenanceData, type ProvenanceStatus, type ProvenanceReport, type Assumption, type AssumptionData, type EffectiveProvenance, type NodeProvenance, type ProvenancePlace } from './criteria/provenance.js';
export { provenanceLines } from './report/provenance.js';

export { EVIDENCE_FORMAT, EVIDENCE_FORMAT_VERSION, EvidenceFileSchema } from './evidence/schema.js';
export { loadEvidence, checkEvidence, type Evidence, type EvidenceInput, type UnitEvidence, type MeasureItem, type TaskItem, type AppraisalItem, type SurveyItem, type FindingItem, type NotApplicableItem } from './evidence/load.js';

export { RULE_KINDS, RuleSchema, type Rule, type RuleKindName } from './rules/registry.js';
export type { RuleKind, RuleContext, LeafOutcome, LeafStatus, TraceStep, EvidenceView, RuleParams, MeasureDecl, SurveyDecl, RuleReads, MeasureValue, TaskRecord, AppraisalRecord, SurveyValue, FindingRecord, RuleWarning, Explanation, LeafScorer } from './rules/types.js';
export { compileFormula, type CompiledFormula, type CompileResult } from './formula/compile.js';
export { FORMULA_LIMITS, type FormulaLimits } from './formula/limits.js';
export type { FormulaProblem, FormulaIssueCode } from './formula/problems.js';
export type { Interval as FormulaRange } from './formula/interval.js';

export { evaluate, replayLeaf } from './engine/evaluate.js';
export { SCORECARD_FORMAT, type ScoreCard, type NodeScore, type TraceNode, type BandResult, type EvaluateOptions, type NodeStatus, type BlockInfo, type UnitRef, type CardUnit, type CardCriteria, type CardEvidence, type CardExact, type TraceRule } from './engine/types.js';
export type { TraceInput, MeasureInput, TaskInput, AppraisalInput, SurveyInput, FindingsInput, FindingInput, MissingInput } from './engine/view.js';

export { rank, groupOf, type RankRule, type RankMethod, type RankOptions, type TieBreakKey } from './ranking/rank.js';

export { renderTable, renderTableMarkdown, renderCsv, tableRows } from './report/table.js';
export { explainText, explainMarkdown } from './report/explain.js';
export { reportMarkdown, renderJson, type MarkdownReportOptions } from './report/report.js';

export { QUESTIONNAIRE_FORMAT, QUESTIONNAIRE_FORMAT_VERSION, QuestionnaireSchema, ScaleSchema, GroupSchema, ItemSchema, OptionsSchema, ROUNDING_STAGES, MEASURES, PARTS, GROUP_KINDS, type GroupKind, type QuestionnaireData, type ScaleData, type GroupData, type ItemData, type OptionsData, type Measure, type Part, type RoundingStage, type OptionLegal } from './sipas/schema.js';
export { checkQuestionnaire, loadQuestionnaire, questionnaireProvenance, layoutOf, BLANK, type Questionnaire, type QuestionnaireCheck, type Layout, type ItemLayout, type SlotKind } from './sipas/questionnaire.js';
export { Tallier, tallyRows, mergeTallies, poolUnits, loadTally, weightUnits, TALLY_FORMAT, TALLY_FORMAT_VERSION, type Tally, type UnitTally, type Respondent } from './sipas/tally.js';
export { ResponseImporter, importResponses, UNIT_COLUMNS, WEIGHT_COLUMNS, RESPONDENT_COLUMNS, type ImportOptions, type ImportReport, type ImportResult, type KnownUnit } from './sipas/responses.js';
export { computeIndices, combineUnits, pickIndex, aggregateFigures, roundingTolerance, type OptionShare, type IndexValue, type ItemCounts, type ItemResult, type GroupResult, type UnitResult, type SipasResult, type IndexOptions, type IndexRef } from './sipas/indices.js';
export { wilson, clopperPearson, kornGraubard, effectiveN, type Interval, type IntervalMethod, type WeightedShare } from './sipas/interval.js';
export { sipasRows, renderSipasTable, renderSipasMarkdown, renderSipasCsv, assumptionLines, type SipasRow } from './report/sipas.js';

export { CALENDAR_FORMAT, CALENDAR_FORMAT_VERSION, CalendarFileSchema, loadCalendar, timeliness, displayDue, type WorkingCalendar, type DueRule, type DueMoment, type DayNote, type Timeliness } from './calendar/calendar.js';
export { parseDateTime, isDateValue, dayFromIso, isoOf, dayOf, weekdayOf, displayDate, type DateTimeValue, type DateStyle, type DateProblem } from './calendar/dates.js';
export { DOSSIER_FIELDS, DOSSIER_HEADERS, REQUIRED_FIELDS, STATUS_WORDS, CHANNEL_WORDS, MODE_WORDS, ONLINE_ELIGIBLE, type DossierField, type DossierStatus, type Channel, type OnlineMode } from './measures/vocabulary.js';
export { RecordParser, resolveColumns, parseProcessingTime, ColumnMappingSchema, COLUMNS_FORMAT, type DossierRecord, type RowIssue, type ColumnMapping, type ProcedureInfo, type RowResult, type ColumnIndex, type RecordParserOptions, isRejection } from './measures/records.js';
export { DOSSIER_MEASURES, DOSSIER_MEASURE_IDS, DOSSIER_RATES, type DossierMeasureDecl, type DossierRateDecl } from './measures/dossier-measures.js';
export type { DossierSummary, GroupSummary, MeasureCount, RateValue, GroupBy, Period, UnavailableMeasure } from './measures/dossier-summary.js';
export { DossierAggregator, summariseDossiers, type AggregateOptions } from './measures/dossier-aggregator.js';
export { IdFilter } from './measures/id-filter.js';
export { mergeSummaries, combinePeriods } from './measures/summary-merge.js';
export { summaryIssues } from './measures/summary-issues.js';
export { AGGREGATE_HEADERS, AggregateRateSchema, readAggregateTable, checkAggregates, type AggregateRow, type AggregateRate } from './measures/aggregates.js';
export { DOSSIER_SOURCE_FORMAT, DOSSIER_SOURCE_VERSION, DossierSourceSchema, dossierEvidence, aggregateEvidence, measureMapping, type DossierSourceData } from './measures/dossier-source.js';
export { INSPECTION_PLAN_FORMAT, INSPECTION_PLAN_VERSION, InspectionPlanSchema, loadInspectionPlan, inspectionCoverage, inspectionEvidence, type InspectionPlan, type InspectionCoverage, type NamedRatio, type InspectionPlanData, type InspectionEvidenceDoc, type InspectionEvidenceUnit } from './inspection/plan.js';
export { checklist, findingPoints, type Checklist, type ChecklistItem, type ChecklistEvidence } from './inspection/checklist.js';

// Reports, charts and row tables (issue 7).
export { reportHtml, escapeHtml, type HtmlReportOptions, type HtmlChart } from './report/html.js';
export { rankingChart, fieldHeatmap, slopeChart, slopeRows, rankIntervalChart, sipasProfileChart, bandColors, BAND_COLORS, NO_BAND_COLOR, VEGA_LITE_SCHEMA, type ChartSpec, type ChartBand, type ChartOptions, type SlopeRow, type RankIntervalRow } from './report/charts.js';
export { unitRows, fieldRows, traceRows, warningRows, rowsCsv, officeTables, officeTableCsv, inputLabel, legalLabel, requireTrace, type UnitRow, type FieldRow, type TraceRow, type WarningRow, type OfficeTable, type OfficeCell } from './report/rows.js';

// Rankings, score files, year-over-year comparison, rank uncertainty, verification of published decisions (issue 5).
export { RANK_METHODS, assignRanks, tieComparator, rankIndexOf, cmpId, groupIndices, VI_COLLATOR } from './ranking/rank.js';
export { loadScoreCards, ScoreCardSchema, SCORECARD_KIND, SCORECARD_FORMAT_VERSION } from './ranking/scores.js';
export { compareYears, loadUnitMap, UnitMapSchema, UNIT_MAP_FORMAT, UNIT_MAP_FORMAT_VERSION, type UnitMap, type Comparison, type UnitChange, type FieldChange, type NumberChange, type UnitSide, type YearSide } from './ranking/compare.js';
export { rankUncertainty, uncertaintyFromCards, loadUncertaintySpec, UncertaintySpecSchema, DEFAULT_UNCERTAINTY_SPEC, UNCERTAINTY_FORMAT, UNCERTAINTY_FORMAT_VERSION, UNCERTAINTY_OPTIONS, type UncertaintySpec, type UncertaintyResult, type UnitUncertainty, type RankDriver, type UncertaintyOptions, type UncertaintyOption } from './ranking/uncertainty.js';
export { renderComparison } from './report/comparison.js';
export { renderUncertainty } from './report/uncertainty.js';
export { PUBLISHED_FORMAT, PUBLISHED_FORMAT_VERSION, PUBLISHED_HEADERS, PublishedSchema, parsePublished, loadPublishedDecision, decisionFromTable, printedNumber, printedRank, foldUnitName, type PublishedData, type PublishedDecision, type DecisionMeta, type PublishedRow, type PublishedSummary, type DecisionField, type Printed, type PrintedRank, type ReadDecisionOptions } from './verify/decision.js';
export { verifyDecision, decisionFields, bandFor, DISCREPANCY_KINDS, type VerifyReport, type VerifyOptions, type Discrepancy, type DiscrepancyKind, type CheckRun, type TracedNode } from './verify/verify.js';
export { renderVerifyMarkdown, renderVerifyHtml, renderVerifyJson, verifyTables, DISCREPANCY_LABELS } from './report/verify.js';

export { amend, applyAmendment } from './criteria/amend.js';
export { loadChanges, ChangeSchema, ChangesSchema, CHANGES_FORMAT, CHANGES_FORMAT_VERSION, type AmendOptions, type Change, type ChangesData } from './criteria/changes.js';
export { AMENDMENT_FORMAT, type Amended, type Amendment, type AmendmentStep, type SetVersion, type AmendingDecision } from './criteria/amendment.js';
export { criteriaYaml } from './criteria/criteria-yaml.js';
export { diffPatches } from './criteria/diff-patches.js';
export { matchNodes, type NodeMatch } from './criteria/match.js';
export { renderDiff, describeNodeDiff, describeSetDiff, valueText } from './report/diff.js';
export { numText } from './report/format.js';
export { diff, DIFF_FORMAT, type CriteriaDiff, type NodeDiff, type NodeDiffKind, type NodePlace, type SetDiff, type SetRef, type NodeDiffHead, type NodeValueChange, type NodePlaceWithMax, type NodeTitles, type NodeAdded, type NodeRemoved, type NodeMoved, type NodeRuleChange, type DecisionRef } from './criteria/diff.js';
export { renderRescore } from './report/rescore.js';
export { rescore, RESCORE_FORMAT, type Rescore, type RescoreOptions, type RescoreSide, type UnitRescore, type RescoreFieldChange, type LeafCause, type WarningCount } from './versions/rescore.js';
export { CASES_FORMAT, CASES_FORMAT_VERSION, CasesSchema, CaseSchema, ExpectSchema, MarginSchema, type CasesData, type CaseData, type Margin, type ExpectedNumber } from './cases/format.js';
export { loadCases } from './cases/load.js';
export { runCases, within, CASES_REPORT_FORMAT, type CasesReport, type CaseResult, type CaseCheck } from './cases/run.js';
export { renderCasesReport, checkText } from './report/cases.js';
