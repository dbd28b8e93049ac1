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
export { parseText, checkFormat, type ParseLimits } from './core/document.js';
export type { Text } from './core/text.js';
export type { LegalRef } from './core/zod-helpers.js';

export { CRITERIA_FORMAT, CRITERIA_FORMAT_VERSION, CriteriaSetSchema, type CriteriaNode, type CriteriaSetData, type BandLevel } from './criteria/schema.js';
export { checkCriteriaSet, loadCriteriaSet, criteriaData, type CriteriaSet, type CriteriaCheck, type LoadOptions } from './criteria/load.js';
export { CriteriaRegistry } from './criteria/registry.js';

export { EVIDENCE_FORMAT, EVIDENCE_FORMAT_VERSION, EvidenceFileSchema } from './evidence/schema.js';
export { loadEvidence, checkEvidence, type Evidence, type EvidenceInput, type UnitEvidence, type MeasureItem } from './evidence/load.js';

export { RULE_KINDS, RuleSchema, type Rule, type RuleKindName } from './rules/registry.js';
export type { RuleKind, RuleContext, LeafOutcome, LeafStatus, TraceStep, EvidenceView } from './rules/types.js';
export { compileFormula, type CompiledFormula } from './rules/formula-compiler.js';

export { evaluate, replayLeaf } from './engine/evaluate.js';
export { SCORECARD_FORMAT, type ScoreCard, type NodeScore, type TraceNode, type BandResult, type EvaluateOptions, type NodeStatus } from './engine/types.js';
export type { TraceInput } from './engine/view.js';

export { rank, groupOf, type RankRule, type RankMethod, type RankOptions, type TieBreakKey } from './ranking/rank.js';

export { renderTable, renderTableMarkdown, renderCsv, tableRows } from './report/table.js';
export { explainText, explainMarkdown } from './report/explain.js';
export { reportMarkdown, renderJson } from './report/report.js';
