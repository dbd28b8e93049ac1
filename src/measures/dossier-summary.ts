/**
 * Dossier records → measures per group (unit, field or online mode) and period, as a mergeable summary: two
 * summaries of disjoint sets of records merge into the summary of their union (`summary-merge.ts`), and
 * summaries of two adjacent periods combine into the summary of the whole period. Its shape is the zod schema of
 * `summary-schema.ts`; `dossier-aggregator.ts` computes one from records without memory growing with their number. Pure: no
 * Node.
 * @module
 */
import { DOSSIER_MEASURES } from './dossier-measures.js';
import type { UnavailableMeasure } from './summary-schema.js';
import type { DossierField } from './vocabulary.js';

// The summary's types are derived from its zod schema (summary-schema.ts); re-exported where the code used them.
export type { DossierSummary, GroupBy, GroupSummary, MeasureCount, Period, RateValue, UnavailableMeasure } from './summary-schema.js';

/** The unavailable measures, given per measure the fields it lacks (the measure order of DOSSIER_MEASURES). */
export function unavailableOf(lacks: (m: (typeof DOSSIER_MEASURES)[number]) => readonly DossierField[]): UnavailableMeasure[] {
  const out: UnavailableMeasure[] = [];
  for (const m of DOSSIER_MEASURES) {
    const missing = lacks(m);
    if (missing.length) out.push({ measure: m.id, needs: missing[0]!, missing });
  }
  return out;
}
