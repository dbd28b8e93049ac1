/**
 * `par-index/dossiers` — administrative-procedure dossiers (hồ sơ TTHC) in detail: working-day calendars and
 * dates, the export's vocabulary and columns, the record parser, the measures and rates it counts, periods,
 * aggregate tables as published, and dossier summaries turned into evidence. The everyday jobs (`loadCalendar`,
 * `summariseDossiers`, `mergeSummaries`) are in `par-index`.
 *
 * @example
 * ```ts
 * import { loadCalendar } from 'par-index';
 * import { parseDateTime, isDateValue } from 'par-index/dossiers';
 * const calendar = loadCalendar(calendarYaml, { file: 'vn.yaml' });
 * const v = parseDateTime('15/12/2021 08:30');
 * if (isDateValue(v)) v.minute; // 510
 * ```
 * @module
 */
export { timeliness, displayDue } from '../calendar/working-calendar.js';
export {
  parseDateTime,
  isDateValue,
  dayFromIso,
  isoOf,
  dayOf,
  weekdayOf,
  displayDate,
  type DateTimeValue,
  type DateStyle,
  type DateProblem,
} from '../calendar/dates.js';
export {
  DOSSIER_FIELDS,
  DOSSIER_HEADERS,
  REQUIRED_FIELDS,
  STATUS_WORDS,
  CHANNEL_WORDS,
  MODE_WORDS,
  ONLINE_ELIGIBLE,
  type DossierField,
  type DossierStatus,
  type Channel,
  type OnlineMode,
} from '../measures/vocabulary.js';
export { RecordParser, isRejection, type RecordParserOptions } from '../measures/records.js';
export { resolveColumns, type ColumnMapping, type ColumnIndex } from '../measures/columns.js';
export { parseProcessingTime } from '../measures/processing-time.js';
export { type DossierRecord, type RowIssue, type ProcedureInfo, type RowResult } from '../measures/dossier-record.js';
export {
  DOSSIER_MEASURES,
  DOSSIER_MEASURE_IDS,
  DOSSIER_RATES,
  type DossierMeasureDecl,
  type DossierRateDecl,
} from '../measures/dossier-measures.js';
export { combinePeriods } from '../measures/summary-merge.js';
export { summaryIssues } from '../measures/summary-issues.js';
export {
  AGGREGATE_HEADERS,
  readAggregateTable,
  checkAggregates,
  type AggregateRow,
  type AggregateRate,
  type AggregateTableOptions,
} from '../measures/aggregates.js';
export { NUMBER_FORMATS, type NumberFormat } from '../core/numbers.js';
export { dossierEvidence, aggregateEvidence, measureMapping, type DossierSourceData } from '../measures/dossier-source.js';
