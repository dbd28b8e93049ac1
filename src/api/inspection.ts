/**
 * `par-index/inspection` — inspections behind the scores (kiểm tra công tác CCHC): plans with their rounds,
 * coverage and follow-up, findings turned into evidence, and the checklist an inspector takes to a unit.
 *
 * @example
 * ```ts
 * import { loadInspectionPlan, inspectionCoverage } from 'par-index/inspection';
 * const plan = loadInspectionPlan(planYaml, { file: 'kiem-tra-cchc-2021.inspection.yaml' });
 * inspectionCoverage(plan).coverage; // { visited: 12, planned: 12, value: 1 }
 * ```
 * @module
 */
export { loadInspectionPlan } from '../inspection/plan.js';
export { type InspectionPlan, type InspectionPlanData } from '../inspection/plan-schema.js';
export { inspectionCoverage, type InspectionCoverage, type NamedRatio } from '../inspection/coverage.js';
export { inspectionEvidence, type InspectionEvidenceDoc, type InspectionEvidenceUnit } from '../inspection/plan-evidence.js';
export { checklist, findingPoints, type Checklist, type ChecklistItem, type ChecklistEvidence } from '../inspection/checklist.js';
