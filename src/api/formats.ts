/**
 * `par-index/formats` — the file formats: the zod schema, format tag and version of every document the library
 * reads or writes (criteria sets, evidence, score cards, questionnaires, tallies, calendars, column mappings,
 * dossier and inspection descriptors, unit maps, uncertainty specs, published decisions, amendments, cases),
 * their enumerations, the content hash that names a criteria set, and the YAML/JSON reader every loader uses
 * (YAML 1.2 core schema, with the library's size and depth limits). For editors, validators and converters;
 * scoring does not need them. The JSON Schemas are also shipped: `par-index/schema/criteria.json`.
 *
 * @example
 * ```ts
 * import { CriteriaSetSchema, CRITERIA_FORMAT } from 'par-index/formats';
 * const ok = CriteriaSetSchema.safeParse(data).success && data.format === CRITERIA_FORMAT;
 * ```
 * @module
 */
export { ROUNDING_MODES } from '../core/exact.js';
export { canonicalJson, contentHash } from '../core/hash.js';
export { parseText } from '../core/document.js';
export { DEFAULT_LIMITS } from '../core/limits.js';
export {
  CRITERIA_FORMAT,
  CRITERIA_FORMAT_VERSION,
  CriteriaSetSchema,
  AcknowledgementSchema,
  ACKNOWLEDGEABLE_CODES,
} from '../criteria/schema.js';
export { ProvenanceSchema, NodeProvenanceSchema, AssumptionSchema, PROVENANCE_STATUSES } from '../criteria/provenance.js';
export { RuleSchema } from '../rules/registry.js';
export { EVIDENCE_FORMAT, EVIDENCE_FORMAT_VERSION, EvidenceFileSchema } from '../evidence/schema.js';
export { SCORECARD_FORMAT, ScoreCardSchema } from '../engine/card-schema.js';
export { TraceNodeSchema, TraceInputSchema } from '../engine/trace-schema.js';
export { SCORECARD_KIND, SCORECARD_FORMAT_VERSION } from '../ranking/scores.js';
export { RANK_METHODS } from '../ranking/rank.js';
export { UnitMapSchema, UNIT_MAP_FORMAT, UNIT_MAP_FORMAT_VERSION } from '../ranking/unit-map.js';
export {
  UncertaintySpecSchema,
  DEFAULT_UNCERTAINTY_SPEC,
  UNCERTAINTY_FORMAT,
  UNCERTAINTY_FORMAT_VERSION,
  UNCERTAINTY_OPTIONS,
} from '../ranking/uncertainty-spec.js';
export {
  QUESTIONNAIRE_FORMAT,
  QUESTIONNAIRE_FORMAT_VERSION,
  QuestionnaireSchema,
  ScaleSchema,
  GroupSchema,
  ItemSchema,
  OptionsSchema,
  ROUNDING_STAGES,
  MEASURES,
  PARTS,
  GROUP_KINDS,
} from '../sipas/schema.js';
export { TALLY_FORMAT, TALLY_FORMAT_VERSION } from '../sipas/tally.js';
export { CALENDAR_FORMAT, CALENDAR_FORMAT_VERSION, CalendarFileSchema } from '../calendar/calendar-file.js';
export { ColumnMappingSchema, COLUMNS_FORMAT } from '../measures/columns.js';
export { AggregateRateSchema } from '../measures/aggregates.js';
export { DossierSummarySchema } from '../measures/summary-schema.js';
export { DOSSIER_SOURCE_FORMAT, DOSSIER_SOURCE_VERSION, DossierSourceSchema } from '../measures/dossier-source.js';
export { INSPECTION_PLAN_FORMAT, INSPECTION_PLAN_VERSION, InspectionPlanSchema } from '../inspection/plan-schema.js';
export { PUBLISHED_HEADERS } from '../verify/decision-table.js';
export { PUBLISHED_FORMAT, PUBLISHED_FORMAT_VERSION, PublishedSchema } from '../verify/published.js';
export { DISCREPANCY_KINDS } from '../verify/types.js';
export { DISTRIBUTION_FORMAT, DISTRIBUTION_HEADERS, DistributionSchema } from '../verify/distribution.js';
export { SIPAS_FIGURES_FORMAT, SipasFiguresSchema } from '../verify/sipas-figures.js';
export { ChangeSchema, ChangesSchema, CHANGES_FORMAT, CHANGES_FORMAT_VERSION } from '../criteria/changes.js';
export { AMENDMENT_FORMAT } from '../criteria/amendment.js';
export { DIFF_FORMAT } from '../criteria/diff.js';
export { RESCORE_FORMAT } from '../versions/rescore.js';
export { CASES_FORMAT, CASES_FORMAT_VERSION, CasesSchema, CaseSchema, ExpectSchema, MarginSchema } from '../cases/format.js';
export { CASES_REPORT_FORMAT } from '../cases/run.js';
