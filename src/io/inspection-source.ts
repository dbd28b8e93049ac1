/**
 * Reading inspection plans from files (Node), and the {@link SourceReader} of `par-index/inspection-plan@1`,
 * which returns the plan's evidence: findings and their counts per inspected unit, and the inspector's
 * coverage measures when the plan asks for them.
 * @module
 */
import { parseText } from '../core/document.js';
import { loadInspectionPlan } from '../inspection/plan.js';
import { inspectionEvidence } from '../inspection/plan-evidence.js';
import { INSPECTION_PLAN_FORMAT, type InspectionPlan } from '../inspection/plan-schema.js';
import { displayPath, readText, type ReadOptions } from './files.js';
import type { SourceContext, SourceReader, SourceResult } from './source-reader.js';

/**
 * Reads and checks an inspection-plan file.
 *
 * @example readInspectionPlan('fixtures/van-lam-2021/kiem-tra-cchc-2021.inspection.yaml').rounds.length // 4
 */
export function readInspectionPlan(path: string, limits?: ReadOptions): InspectionPlan {
  const file = displayPath(path);
  const lim = limits?.limits ? { limits: limits.limits } : {};
  return loadInspectionPlan(parseText(readText(path, limits), { file, ...lim }), { file, ...lim });
}

/**
 * The reader of inspection-plan files for `readEvidenceSources` and `score`.
 *
 * @example
 * ```ts
 * const ev = await readEvidenceSources('fixtures/van-lam-2021', { readers: [dossierSource, inspectionSource] });
 * ev.units.find((u) => u.id === 'chi-dao')?.findings.length; // 2
 * ```
 */
export const inspectionSource: SourceReader = {
  format: INSPECTION_PLAN_FORMAT,
  async read(doc: unknown, ctx: SourceContext): Promise<SourceResult> {
    const plan = loadInspectionPlan(doc, { file: ctx.file });
    return { inputs: [{ data: inspectionEvidence(plan), file: ctx.file }], consumed: [] };
  },
};
