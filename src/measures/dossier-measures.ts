/**
 * The measures computed from dossier records, declared once: their ids, what they count (in both languages),
 * the fields they need, and whether they are flows over the period or a stock at its end. Rates name their
 * numerator and their base.
 * @module
 */
import type { DossierField, OnlineMode } from './vocabulary.js';

/**
 * A measure computed from dossier records.
 * @example DOSSIER_MEASURES[0] // { id: 'received', vi: 'Hồ sơ tiếp nhận trong kỳ', kind: 'flow', … }
 */
export interface DossierMeasureDecl {
  /** The measure's id. */
  readonly id: string;
  /** What it counts, in Vietnamese. */
  readonly vi: string;
  /** What it counts, in English. */
  readonly en: string;
  /**
   * flow: counted over the period (adds across periods); stock: at the period's end; sum: the sum of the disjoint
   * measures in `sumOf` (counted from them, with their ids, also when summaries are merged or periods combined).
   */
  readonly kind: 'flow' | 'stock' | 'sum';
  /** For a sum: the measures it adds, disjoint (no dossier is in two of them), declared before it. */
  readonly sumOf?: readonly string[];
  /**
   * The fields the measure cannot be computed without (beyond the required ones), every one of them: a measure of
   * online filings per mode needs both the mode and the channel. Absent: only the required fields.
   */
  readonly needs?: readonly DossierField[];
}

const MODES: readonly OnlineMode[] = ['full', 'partial', 'none', 'level4', 'level3', 'level2', 'level1'];
const MODE_VI: Record<OnlineMode, string> = {
  full: 'toàn trình',
  partial: 'một phần',
  none: 'không trực tuyến',
  level4: 'mức độ 4',
  level3: 'mức độ 3',
  level2: 'mức độ 2',
  level1: 'mức độ 1',
};

/**
 * Every measure, in a fixed order (the order of the arrays in a summary).
 *
 * @example DOSSIER_MEASURES.find((m) => m.id === 'resolved.inTime')?.vi // "Hồ sơ giải quyết trước hạn và đúng hạn"
 */
export const DOSSIER_MEASURES: readonly DossierMeasureDecl[] = [
  { id: 'received', vi: 'Hồ sơ tiếp nhận trong kỳ', en: 'Dossiers received in the period', kind: 'flow' },
  { id: 'resolved', vi: 'Hồ sơ đã giải quyết trong kỳ', en: 'Dossiers resolved in the period', kind: 'flow' },
  { id: 'resolved.early', vi: 'Hồ sơ giải quyết trước hạn', en: 'Resolved early', kind: 'flow' },
  { id: 'resolved.onTime', vi: 'Hồ sơ giải quyết đúng hạn', en: 'Resolved on the due day', kind: 'flow' },
  { id: 'resolved.inTime', vi: 'Hồ sơ giải quyết trước hạn và đúng hạn', en: 'Resolved early or on time', kind: 'flow' },
  { id: 'resolved.late', vi: 'Hồ sơ giải quyết trễ hạn', en: 'Resolved late', kind: 'flow' },
  { id: 'late.withApology', vi: 'Hồ sơ trễ hạn có thư xin lỗi', en: 'Late, with an apology letter', kind: 'flow', needs: ['apology'] },
  {
    id: 'late.withoutApology',
    vi: 'Hồ sơ trễ hạn không có thư xin lỗi',
    en: 'Late, without an apology letter',
    kind: 'flow',
    needs: ['apology'],
  },
  { id: 'inProcess', vi: 'Hồ sơ đang giải quyết cuối kỳ', en: 'In process at the end of the period', kind: 'stock' },
  { id: 'inProcess.notDue', vi: 'Đang giải quyết, chưa đến hạn', en: 'In process, not yet due', kind: 'stock' },
  { id: 'inProcess.overdue', vi: 'Đang giải quyết, quá hạn', en: 'In process, overdue', kind: 'stock' },
  { id: 'suspended', vi: 'Hồ sơ tạm dừng cuối kỳ', en: 'Suspended at the end of the period', kind: 'stock' },
  { id: 'withdrawn', vi: 'Hồ sơ công dân rút trong kỳ', en: 'Withdrawn in the period', kind: 'flow' },
  { id: 'returned', vi: 'Hồ sơ trả lại, từ chối trong kỳ', en: 'Returned (refused) in the period', kind: 'flow' },
  { id: 'online', vi: 'Hồ sơ nộp trực tuyến', en: 'Received online', kind: 'flow', needs: ['channel'] },
  {
    id: 'onlineEligible',
    vi: 'Hồ sơ của TTHC có DVC trực tuyến (mức 3, 4; một phần, toàn trình)',
    en: 'Received for procedures offered online (level 3–4, partial, full)',
    kind: 'flow',
    needs: ['mode'],
  },
  {
    id: 'postal.received',
    vi: 'Hồ sơ tiếp nhận qua bưu chính công ích',
    en: 'Received by public postal service',
    kind: 'flow',
    needs: ['channel'],
  },
  {
    id: 'postal.returned',
    vi: 'Kết quả trả qua bưu chính công ích',
    en: 'Results returned by public postal service',
    kind: 'flow',
    needs: ['returnedByPost'],
  },
  ...MODES.map((m): DossierMeasureDecl => ({
    id: `mode.${m}`,
    vi: `Hồ sơ tiếp nhận, TTHC ${MODE_VI[m]}`,
    en: `Received, procedure ${m}`,
    kind: 'flow',
    needs: ['mode'],
  })),
  // Bộ chỉ số 766 (Quyết định 766/QĐ-TTg), indicator 2.1: dossiers handled in the period — resolved in it, or still
  // in process at its end (suspended ones are left out) — and those of them in time: resolved early or on time, or
  // in process and not yet due (criteria/national/766-2022.yaml, dossiers.handled and dossiers.handledInTime).
  {
    id: 'handled',
    vi: 'Hồ sơ đã giải quyết trong kỳ và đang giải quyết cuối kỳ (mẫu số chỉ tiêu 2.1, Bộ chỉ số 766)',
    en: 'Handled: resolved in the period, or in process at its end (766 index, 2.1 base)',
    kind: 'sum',
    sumOf: ['resolved', 'inProcess'],
  },
  {
    id: 'handled.inTime',
    vi: 'Hồ sơ giải quyết trước hạn, đúng hạn và đang giải quyết còn trong hạn (tử số chỉ tiêu 2.1, Bộ chỉ số 766)',
    en: 'Handled in time: resolved early or on time, or in process and not yet due (766 index, 2.1 numerator)',
    kind: 'sum',
    sumOf: ['resolved.inTime', 'inProcess.notDue'],
  },
  ...MODES.map((m): DossierMeasureDecl => ({
    id: `online.${m}`,
    vi: `Hồ sơ nộp trực tuyến, TTHC ${MODE_VI[m]}`,
    en: `Received online, procedure ${m}`,
    kind: 'flow',
    needs: ['mode', 'channel'],
  })),
];

/**
 * Position of each measure id.
 * @example MEASURE_INDEX.get('received') // 0
 */
export const MEASURE_INDEX: ReadonlyMap<string, number> = new Map(DOSSIER_MEASURES.map((m, i) => [m.id, i]));

/**
 * The ids of the computed measures.
 * @example DOSSIER_MEASURE_IDS.includes('late.withoutApology') // true
 */
export const DOSSIER_MEASURE_IDS: readonly string[] = DOSSIER_MEASURES.map((m) => m.id);

/**
 * A rate: numerator ÷ base, both named.
 * @example DOSSIER_RATES.find((r) => r.id === 'postalReturnShare')?.base // 'postal.received'
 */
export interface DossierRateDecl {
  /** The rate's id. */
  readonly id: string;
  /** The measure counted. */
  readonly numerator: string;
  /** The measure it is counted against. */
  readonly base: string;
  /** The rate in Vietnamese. */
  readonly vi: string;
  /** The rate in English. */
  readonly en: string;
}

/**
 * The rates a summary reports, each naming its base (the Thừa Thiên Huế portal divides by processed, not by
 * received; so does this library, and says so).
 *
 * @example DOSSIER_RATES[0] // { id: 'inTimeRate', numerator: 'resolved.inTime', base: 'resolved', … }
 */
export const DOSSIER_RATES: readonly DossierRateDecl[] = [
  {
    id: 'inTimeRate',
    numerator: 'resolved.inTime',
    base: 'resolved',
    vi: 'Tỷ lệ giải quyết trước hạn và đúng hạn (trên số đã giải quyết)',
    en: 'Resolved early or on time, of resolved',
  },
  {
    id: 'onlineShare',
    numerator: 'online',
    base: 'received',
    vi: 'Tỷ lệ hồ sơ nộp trực tuyến (trên số tiếp nhận)',
    en: 'Received online, of received',
  },
  {
    id: 'onlineEligibleShare',
    numerator: 'online',
    base: 'onlineEligible',
    vi: 'Tỷ lệ hồ sơ nộp trực tuyến (trên số hồ sơ của TTHC có DVC trực tuyến)',
    en: 'Received online, of those that could be filed online',
  },
  {
    id: 'postalReturnShare',
    numerator: 'postal.returned',
    base: 'postal.received',
    vi: 'Tỷ lệ trả kết quả qua bưu chính (trên số tiếp nhận qua bưu chính)',
    en: 'Returned by post, of received by post',
  },
  {
    id: 'handledInTimeRate',
    numerator: 'handled.inTime',
    base: 'handled',
    vi: 'Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn, kể cả đang giải quyết còn trong hạn (trên số đã và đang giải quyết; chỉ tiêu 2.1, Bộ chỉ số 766)',
    en: 'Handled in time, of handled (resolved or in process; 766 index, 2.1)',
  },
  {
    id: 'apologyShare',
    numerator: 'late.withApology',
    base: 'resolved.late',
    vi: 'Tỷ lệ hồ sơ trễ hạn có thư xin lỗi (trên số trễ hạn)',
    en: 'Late with an apology, of late',
  },
];
