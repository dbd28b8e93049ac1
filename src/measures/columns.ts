/**
 * Finding the columns of a one-stop export: the built-in Vietnamese headers of each field, or a column mapping
 * (`par-index/dossier-columns@1`) for other layouts, and the errors for a required column that is missing.
 * @module
 */
import { z } from 'zod';
import { issue } from '../core/errors.js';
import { headerColumns, normalizeHeader } from '../core/table.js';
import { DOSSIER_FIELDS, DOSSIER_HEADERS, REQUIRED_FIELDS, type DossierField } from './vocabulary.js';

/**
 * The format tag of a column-mapping file.
 * @example COLUMNS_FORMAT // "par-index/dossier-columns"
 */
export const COLUMNS_FORMAT = 'par-index/dossier-columns';

const FieldEnum = z.enum(DOSSIER_FIELDS);
/** A column picked by its 1-based position instead of its header: "#3". */
const POSITION = /^#(\d+)$/;

/**
 * A column mapping (ánh xạ cột) for exports whose headers the built-in table does not know: which header holds
 * which field, extra words for status, channel and mode values, and the date style.
 *
 * @example
 * ```yaml
 * format: par-index/dossier-columns@1
 * columns: { id: "Số biên nhận", received: "Ngày nộp hồ sơ", unit: "Xã/phường" }
 * values: { status: { "Xong": resolved } }
 * dateFormat: dmy
 * ```
 */
export const ColumnMappingSchema = z.strictObject({
  /** The format tag: `par-index/dossier-columns@1`. */
  format: z.string().optional(),
  /** Field → the export's column header (or several candidates), or its position ("#3") when two share a header. */
  columns: z.partialRecord(FieldEnum, z.union([z.string().min(1), z.array(z.string().min(1)).min(1)])).default({}),
  /** The export's own words for statuses, channels, online modes and yes/no. */
  values: z
    .strictObject({
      /** Status words → status. */
      status: z.record(z.string(), z.enum(['in-process', 'resolved', 'withdrawn', 'returned', 'suspended'])).optional(),
      /** Channel words → channel. */
      channel: z.record(z.string(), z.enum(['direct', 'online', 'postal'])).optional(),
      /** Online-mode words → mode. */
      mode: z.record(z.string(), z.enum(['full', 'partial', 'none', 'level4', 'level3', 'level2', 'level1'])).optional(),
      /** Words meaning yes. */
      yes: z.array(z.string()).optional(),
      /** Words meaning no. */
      no: z.array(z.string()).optional(),
    })
    .default({}),
  /** auto (default): dd/mm/yyyy or ISO, mixing reported per row; dmy or iso: anything else is refused. */
  dateFormat: z.enum(['auto', 'dmy', 'iso']).default('auto'),
});
/**
 * A column mapping after validation and defaults.
 * @example const m: ColumnMapping = ColumnMappingSchema.parse({ columns: { id: 'Số biên nhận' } })
 */
export type ColumnMapping = z.output<typeof ColumnMappingSchema>;

/**
 * Where each field is in the header (−1: absent).
 * @example resolveColumns(header).index.received // 1, or −1 when absent
 */
export type ColumnIndex = Readonly<Record<DossierField, number>>;

/**
 * Finds the column of each field: a mapping's header names first, then the built-in headers. Returns the
 * index, the headers nothing claimed, and errors for missing required columns (`dossier.bad-header`) naming
 * what was looked for and what the file has.
 *
 * @example resolveColumns(['Mã hồ sơ', 'Ngày tiếp nhận', 'Trạng thái', 'Đơn vị tiếp nhận']).index.received // 1
 */
export function resolveColumns(
  header: readonly string[],
  mapping?: ColumnMapping,
  file?: string,
): {
  /** The column of each field (−1: absent). */
  index: ColumnIndex;
  /** The headers no field claimed, in file order. */
  unknown: string[];
  /** `dossier.bad-header` errors: a required column missing, or a mapped header the file does not have. */
  issues: ReturnType<typeof issue>[];
} {
  const folded = header.map(normalizeHeader);
  const claimed = new Set<number>();
  const index = {} as Record<DossierField, number>;
  const issues: ReturnType<typeof issue>[] = [];
  // Listed in messages only when the row is a header of this kind: a wrong file's first line is data.
  let cols: { en: string; vi: string } | undefined;
  const colsText = () =>
    (cols ??= headerColumns(
      header,
      DOSSIER_FIELDS.some((f) => index[f] >= 0),
    ));
  for (const f of DOSSIER_FIELDS) {
    const mapped = mapping?.columns[f];
    const names = mapped !== undefined ? (Array.isArray(mapped) ? mapped : [mapped]) : DOSSIER_HEADERS[f];
    // A mapping may pick a column by its position ("#3"), which is how one of two same-named columns is chosen.
    const pos = names.map((n) => POSITION.exec(n.trim())).find((m) => m !== null);
    const wanted = names.map(normalizeHeader);
    const i = pos ? Number(pos[1]) - 1 : folded.findIndex((h, j) => !claimed.has(j) && wanted.includes(h));
    if (pos && (i < 0 || i >= header.length)) {
      issues.push(
        issue(
          'dossier.bad-header',
          'error',
          ['columns', f],
          `the column mapping names column ${pos[1]} for ${f}, but the file has ${header.length} columns (${header.join(', ')})`,
          `tệp ánh xạ cột chỉ định cột thứ ${pos[1]} cho ${f} nhưng tệp chỉ có ${header.length} cột (${header.join(', ')})`,
          { file },
        ),
      );
      index[f] = -1;
      continue;
    }
    const twins = pos ? [] : folded.flatMap((h, j) => (i >= 0 && j !== i && h === folded[i] ? [j] : []));
    if (twins.length > 0) {
      // Reading the first of two same-named columns would be a guess: the other may hold the real dates.
      const at = [i, ...twins].map((j) => j + 1).join(', ');
      issues.push(
        issue(
          'table.duplicate-column',
          'error',
          ['header'],
          `${f}: ${twins.length + 1} columns are headed "${header[i]}" (columns ${at}): it is ambiguous which one to read; pick one by its position in a column mapping, e.g. columns: { ${f}: "#${i + 1}" }`,
          `${f}: có ${twins.length + 1} cột cùng tiêu đề "${header[i]}" (cột ${at}): không rõ đọc cột nào; chỉ định cột theo vị trí trong tệp ánh xạ cột, ví dụ columns: { ${f}: "#${i + 1}" }`,
          { file },
        ),
      );
    }
    index[f] = i;
    if (i >= 0) claimed.add(i);
    else if (mapped !== undefined) {
      issues.push(
        issue(
          'dossier.bad-header',
          'error',
          ['header'],
          `the column mapping names "${names.join('" or "')}" for ${f}, but the file has no such column`,
          `tệp ánh xạ cột chỉ định "${names.join('" hoặc "')}" cho ${f} nhưng tệp không có cột đó`,
          { file },
        ),
      );
    }
  }
  for (const f of REQUIRED_FIELDS) {
    if (index[f] < 0 && mapping?.columns[f] === undefined) {
      issues.push(
        issue(
          'dossier.bad-header',
          'error',
          ['header'],
          `no column for ${f}: expected one of "${DOSSIER_HEADERS[f].join('", "')}" (or name it in a column mapping); the file's columns are: ${colsText().en}`,
          `không có cột ${f}: cần một trong "${DOSSIER_HEADERS[f].join('", "')}" (hoặc khai báo trong tệp ánh xạ cột); các cột của tệp: ${colsText().vi}`,
          { file },
        ),
      );
    }
  }
  if (index.processingTime < 0 && index.due < 0 && mapping?.columns.processingTime === undefined) {
    // Not an error yet: a procedure catalogue may give the processing time. The parser rejects rows that lack it.
  }
  return { index, unknown: header.filter((_, j) => !claimed.has(j)), issues };
}
