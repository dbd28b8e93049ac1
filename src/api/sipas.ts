/**
 * `par-index/sipas` — the citizen-satisfaction index (SIPAS) in detail: questionnaire layouts, streaming tallies,
 * pooling and weighting units, index figures and their confidence intervals, row tables. The everyday jobs
 * (`loadQuestionnaire`, `importResponses`, `mergeTallies`, `computeIndices`) are in `par-index`; the SIPAS
 * tables are rendered by `par-index/report`.
 *
 * @example
 * ```ts
 * import { loadQuestionnaire, importResponses, computeIndices, parseCsv } from 'par-index';
 * import { pickIndex, wilson } from 'par-index/sipas';
 * const q = loadQuestionnaire(questionnaireYaml, { file: 'sipas.yaml' });
 * const { tally } = importResponses(q, parseCsv(csvText, { file: 'responses.csv' }), { unitColumn: 'xa' });
 * const result = computeIndices(q, tally);
 * pickIndex(q, result.units[0], 'group:cong-chuc'); // { value: 86.2, n: 200, low: 80.63, high: 90.66, … }
 * wilson(169, 200); // { low: 0.788…, high: 0.889…, method: 'wilson', level: 0.95, n: 200 }
 * ```
 * @module
 */
export type { ScaleData, GroupData, ItemData, OptionsData, GroupKind, OptionLegal } from '../sipas/schema.js';
export { checkQuestionnaire } from '../sipas/questionnaire.js';
export { questionnaireProvenance } from '../sipas/questionnaire-provenance.js';
export { layoutOf, BLANK, type Layout, type ItemLayout, type SlotKind } from '../sipas/layout.js';
export { Tallier, tallyRows } from '../sipas/tallier.js';
export { poolUnits } from '../sipas/tally-merge.js';
export { loadTally } from '../sipas/tally-file.js';
export { weightUnits } from '../sipas/weights.js';
export { ResponseImporter, RespondentIds, UNIT_COLUMNS, WEIGHT_COLUMNS, RESPONDENT_COLUMNS } from '../sipas/responses.js';
export { combineUnits } from '../sipas/indices.js';
export { pickIndex } from '../sipas/result.js';
export { aggregateFigures, roundingTolerance } from '../sipas/published-figures.js';
// Published figures checked against the declared composition (the check lives in verify/, above sipas/).
export {
  loadSipasFigures,
  verifySipasFigures,
  type SipasFigures,
  type SipasFiguresReport,
  type SipasFinding,
  type ComposedFigure,
} from '../verify/sipas-figures.js';
export {
  wilson,
  clopperPearson,
  kornGraubard,
  effectiveN,
  type Interval,
  type IntervalMethod,
  type WeightedShare,
} from '../sipas/interval.js';
