/**
 * The words one-stop systems (hệ thống thông tin một cửa điện tử) write in their dossier exports: the column
 * headers of each field, and the values of status, channel, online mode and yes/no columns. Declared here as
 * tables, not scattered in code, so a new system's wording is one line. Headers are compared after
 * `normalizeHeader` (no diacritics, lower case), values after the same folding.
 *
 * Sources of the wording: the fields the Văn Lâm report and the one-stop decree use (Nghị định 61/2018/NĐ-CP:
 * tiếp nhận, hẹn trả, trả kết quả, phiếu xin lỗi và hẹn lại ngày trả kết quả; Nghị định 45/2020/NĐ-CP and
 * Nghị định 42/2022/NĐ-CP: dịch vụ công trực tuyến toàn trình / một phần, formerly mức độ 1–4; Quyết định
 * 45/2016/QĐ-TTg: bưu chính công ích), and the column names of provincial one-stop exports as commonly seen
 * (illustrative: no system's export specification was available to check against).
 * @module
 */
import { normalizeHeader } from '../core/table.js';

/**
 * The fields of a dossier record (hồ sơ TTHC).
 * @example DOSSIER_FIELDS.includes('apology') // true
 */
export const DOSSIER_FIELDS = [
  'id',
  'procedureCode',
  'procedureName',
  'field',
  'mode',
  'channel',
  'received',
  'processingTime',
  'due',
  'resolved',
  'returnedByPost',
  'status',
  'apology',
  'unit',
] as const;
/**
 * One field of a dossier record.
 * @example const f: DossierField = 'received'
 */
export type DossierField = (typeof DOSSIER_FIELDS)[number];

/**
 * Fields every export must have (the others may be absent, or come from a procedure catalogue).
 * @example REQUIRED_FIELDS // ['id', 'received', 'status', 'unit']
 */
export const REQUIRED_FIELDS: readonly DossierField[] = ['id', 'received', 'status', 'unit'];

/**
 * Accepted column headers per field. The first is the name this library writes.
 *
 * @example DOSSIER_HEADERS.received[0] // "Ngày tiếp nhận"
 */
export const DOSSIER_HEADERS: Readonly<Record<DossierField, readonly string[]>> = {
  id: ['Mã hồ sơ', 'Số hồ sơ', 'Mã số hồ sơ', 'Số biên nhận', 'Mã biên nhận', 'dossier id', 'id'],
  procedureCode: ['Mã thủ tục', 'Mã TTHC', 'Mã thủ tục hành chính', 'Mã số thủ tục', 'procedure code'],
  procedureName: ['Tên thủ tục', 'Tên TTHC', 'Tên thủ tục hành chính', 'Thủ tục', 'procedure'],
  field: ['Lĩnh vực', 'Tên lĩnh vực', 'Lĩnh vực TTHC', 'field'],
  mode: ['Mức độ DVC', 'Mức độ', 'Mức độ dịch vụ công', 'Mức độ DVCTT', 'Dịch vụ công trực tuyến', 'Hình thức DVC', 'online mode', 'mode'],
  channel: ['Hình thức nộp', 'Kênh tiếp nhận', 'Hình thức tiếp nhận', 'Kênh nộp hồ sơ', 'Nguồn hồ sơ', 'channel'],
  received: ['Ngày tiếp nhận', 'Thời gian tiếp nhận', 'Ngày nhận', 'Ngày nộp', 'Ngày nhận hồ sơ', 'received'],
  processingTime: [
    'Thời hạn giải quyết',
    'Thời gian giải quyết',
    'Thời gian giải quyết theo quy định',
    'Số ngày giải quyết',
    'Thời hạn xử lý',
    'processing time',
  ],
  due: ['Ngày hẹn trả', 'Ngày hẹn trả kết quả', 'Hạn xử lý', 'Hạn giải quyết', 'Hạn trả kết quả', 'due date', 'due'],
  resolved: [
    'Ngày có kết quả',
    'Ngày hoàn thành',
    'Ngày kết thúc',
    'Ngày trả kết quả',
    'Ngày giải quyết',
    'Thời gian hoàn thành',
    'resolved',
  ],
  returnedByPost: [
    'Trả kết quả qua bưu chính',
    'Trả qua BCCI',
    'Nhận kết quả qua bưu chính',
    'Trả kết quả qua dịch vụ bưu chính công ích',
    'returned by post',
  ],
  status: ['Trạng thái', 'Tình trạng', 'Trạng thái hồ sơ', 'Tình trạng hồ sơ', 'status'],
  apology: ['Thư xin lỗi', 'Phiếu xin lỗi', 'Đã gửi thư xin lỗi', 'Văn bản xin lỗi', 'Xin lỗi', 'apology'],
  unit: [
    'Đơn vị tiếp nhận',
    'Cơ quan tiếp nhận',
    'Đơn vị',
    'Nơi tiếp nhận',
    'Bộ phận một cửa',
    'Cơ quan giải quyết',
    'receiving unit',
    'unit',
  ],
};

/**
 * Where a dossier stands (tình trạng hồ sơ).
 * @example const s: DossierStatus = 'withdrawn' // rút hồ sơ
 */
export type DossierStatus = 'in-process' | 'resolved' | 'withdrawn' | 'returned' | 'suspended';
/**
 * How the dossier came in (kênh tiếp nhận).
 * @example const c: Channel = 'postal' // bưu chính công ích
 */
export type Channel = 'direct' | 'online' | 'postal';
/**
 * The online level of the procedure (mức độ dịch vụ công trực tuyến): since Nghị định 42/2022/NĐ-CP
 * "toàn trình" (full) or "một phần" (partial) or none; before it, levels 1–4 (mức độ).
 * @example const m: OnlineMode = 'level4' // mức độ 4, before Nghị định 42/2022/NĐ-CP
 */
export type OnlineMode = 'full' | 'partial' | 'none' | 'level4' | 'level3' | 'level2' | 'level1';

/**
 * Modes in which the procedure can be filed online: level 3 and 4 before 2022, "một phần" and "toàn trình" after.
 * @example ONLINE_ELIGIBLE.has('partial') // true
 */
export const ONLINE_ELIGIBLE: ReadonlySet<OnlineMode> = new Set<OnlineMode>(['full', 'partial', 'level4', 'level3']);

/**
 * Accepted values, folded.
 * @example STATUS_WORDS.resolved[0] // "Đã giải quyết"
 */
export const STATUS_WORDS: Readonly<Record<DossierStatus, readonly string[]>> = {
  'in-process': [
    'Đang xử lý',
    'Đang giải quyết',
    'Chờ xử lý',
    'Mới tiếp nhận',
    'Đã tiếp nhận',
    'Đang thụ lý',
    'Chưa giải quyết',
    'in process',
    'in-process',
    'processing',
  ],
  resolved: [
    'Đã giải quyết',
    'Đã có kết quả',
    'Hoàn thành',
    'Đã trả kết quả',
    'Đã xử lý',
    'Đã hoàn thành',
    'Có kết quả',
    'resolved',
    'done',
  ],
  withdrawn: ['Rút hồ sơ', 'Đã rút', 'Công dân rút', 'Công dân rút hồ sơ', 'Rút', 'Hủy', 'withdrawn'],
  returned: ['Trả lại', 'Trả lại hồ sơ', 'Từ chối', 'Từ chối giải quyết', 'Không đủ điều kiện giải quyết', 'returned', 'refused'],
  suspended: ['Tạm dừng', 'Dừng xử lý', 'Chờ bổ sung', 'Yêu cầu bổ sung', 'Tạm dừng xử lý', 'suspended'],
};

/**
 * Accepted words of the channel column.
 * @example CHANNEL_WORDS.postal // ['Bưu chính', 'Bưu chính công ích', …]
 */
export const CHANNEL_WORDS: Readonly<Record<Channel, readonly string[]>> = {
  direct: ['Trực tiếp', 'Nộp trực tiếp', 'Tại quầy', 'Tại bộ phận một cửa', 'direct'],
  online: ['Trực tuyến', 'Nộp trực tuyến', 'Qua mạng', 'DVC trực tuyến', 'Dịch vụ công trực tuyến', 'Online', 'Cổng dịch vụ công'],
  postal: ['Bưu chính', 'Bưu chính công ích', 'Qua bưu chính', 'Qua bưu điện', 'BCCI', 'Dịch vụ bưu chính công ích', 'postal'],
};

/**
 * Accepted words of the online-mode column, new (toàn trình, một phần) and old (mức độ 1–4). Each list ends
 * with the mode's own id ("full", "level3"), so a file written by hand may use the ids as well.
 * @example MODE_WORDS.level3[0] // "Mức 3"
 */
export const MODE_WORDS: Readonly<Record<OnlineMode, readonly string[]>> = {
  full: ['Toàn trình', 'Trực tuyến toàn trình', 'DVC trực tuyến toàn trình', 'DVCTT toàn trình', 'full'],
  partial: ['Một phần', 'Trực tuyến một phần', 'DVC trực tuyến một phần', 'DVCTT một phần', 'partial'],
  none: ['Không', 'Không trực tuyến', 'Cung cấp thông tin', 'Chưa cung cấp trực tuyến', 'none'],
  level4: ['Mức 4', 'Mức độ 4', 'MĐ4', 'level 4', '4', 'level4'],
  level3: ['Mức 3', 'Mức độ 3', 'MĐ3', 'level 3', '3', 'level3'],
  level2: ['Mức 2', 'Mức độ 2', 'MĐ2', 'level 2', '2', 'level2'],
  level1: ['Mức 1', 'Mức độ 1', 'MĐ1', 'level 1', '1', 'level1'],
};

/**
 * Yes/no columns (returned by post, apology sent).
 * @example YES_WORDS.includes('Có') // true
 */
export const YES_WORDS: readonly string[] = ['Có', 'x', 'X', 'Đã gửi', 'Đã trả', 'Yes', 'true', '1', '✓', 'Đúng'];
/**
 * Words read as "no" in yes/no columns (an empty cell is no as well).
 * @example NO_WORDS.includes('Chưa') // true
 */
export const NO_WORDS: readonly string[] = ['Không', 'Chưa', 'Chưa gửi', 'No', 'false', '0', '-'];

/**
 * A folded lookup table from words to values.
 * @example wordTable(STATUS_WORDS).get(normalizeHeader('Đã có kết quả')) // 'resolved'
 */
export function wordTable<T extends string>(
  words: Readonly<Record<T, readonly string[]>>,
  extra: Readonly<Record<string, T>> = {},
): ReadonlyMap<string, T> {
  const m = new Map<string, T>();
  for (const [k, list] of Object.entries(words) as [T, readonly string[]][]) for (const w of list) m.set(normalizeHeader(w), k);
  for (const [w, k] of Object.entries(extra)) m.set(normalizeHeader(w), k);
  return m;
}

const MODE_TABLE = wordTable(MODE_WORDS);

/**
 * The online mode a word names: a mode id ("level3", "full") or a word as exports write it ("Mức độ 3",
 * "toàn trình", "3"), compared without diacritics or case; undefined for a word it does not know. `table` (a
 * {@link wordTable} of MODE_WORDS with a column mapping's `values.mode`, as the record parser builds it) adds the
 * export's own words.
 * @example onlineModeOf('Mức độ 2') // 'level2'; onlineModeOf('DVC3', wordTable(MODE_WORDS, { DVC3: 'level3' })) // 'level3'
 */
export function onlineModeOf(word: string | number, table: ReadonlyMap<string, OnlineMode> = MODE_TABLE): OnlineMode | undefined {
  return table.get(normalizeHeader(String(word)));
}
