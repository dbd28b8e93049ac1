/**
 * `par-index/report` — every renderer beyond the ranked table and the reports of `par-index`: year-over-year
 * comparisons, rank uncertainty, verification of a published decision, criteria diffs, re-scores, worked cases and
 * SIPAS tables, as text, Markdown, HTML or JSON; and results as data for other tools: flat row tables (units,
 * fields, trace lines, warnings), the office tables of a district report, Vega-Lite chart specs. Drawing charts to
 * SVG and writing XLSX are in `par-index/io`.
 *
 * @example
 * ```ts
 * import { evaluate, rank } from 'par-index';
 * import { unitRows, rowsCsv, rankingChart } from 'par-index/report';
 * const cards = rank(evaluate(set, evidence), set.ranking);
 * const csv = rowsCsv(unitRows(cards));
 * const spec = rankingChart(cards, { lang: 'en' }) // a Vega-Lite spec;
 * ```
 * @module
 */
export { renderTableMarkdown, tableRows } from '../report/table.js';
export {
  unitRows,
  fieldRows,
  traceRows,
  warningRows,
  rowsCsv,
  type UnitRow,
  type FieldRow,
  type TraceRow,
  type WarningRow,
} from '../report/rows.js';
export { officeTables, officeTableCsv, pointsLostTable, type OfficeTable, type OfficeCell } from '../report/office-tables.js';
export {
  rankingChart,
  fieldHeatmap,
  slopeChart,
  slopeRows,
  rankIntervalChart,
  sipasProfileChart,
  bandColors,
  BAND_COLORS,
  NO_BAND_COLOR,
  VEGA_LITE_SCHEMA,
  type ChartSpec,
  type ChartBand,
  type ChartOptions,
  type SlopeRow,
  type RankIntervalRow,
} from '../report/charts.js';
export { renderVerifyMarkdown, renderVerifyHtml, renderVerifyJson, verifyTables, DISCREPANCY_LABELS } from '../report/verify.js';
export { renderPublishedRanking, renderPublishedRankingCsv } from '../report/published-ranking.js';
export { renderDistributionMarkdown, distributionTables } from '../report/distribution.js';
export { officeTablesHtml } from '../report/tables-html.js';
export { renderSipasFiguresMarkdown, sipasFiguresTables } from '../report/sipas-figures.js';
export { renderDiff, describeNodeDiff, describeSetDiff } from '../report/diff.js';
export { renderComparison } from '../report/comparison.js';
export { renderUncertainty } from '../report/uncertainty.js';
export { renderRescore } from '../report/rescore.js';
export { renderCasesReport } from '../report/cases.js';
export { renderSipasTable, sipasRows, renderSipasMarkdown, renderSipasCsv, assumptionLines, type SipasRow } from '../report/sipas.js';
