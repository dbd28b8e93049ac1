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
export {
  loadInspectionPlan,
  inspectionCoverage,
  inspectionEvidence,
  type InspectionPlan,
  type InspectionCoverage,
  type NamedRatio,
  type InspectionPlanData,
  type InspectionEvidenceDoc,
  type InspectionEvidenceUnit,
} from '../inspection/plan.js';
export { checklist, findingPoints, type Checklist, type ChecklistItem, type ChecklistEvidence } from '../inspection/checklist.js';
