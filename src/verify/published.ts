/**
 * The published-decision document, `par-index/published@1`, in YAML or JSON: its metadata (issuer, number,
 * date, the criteria set it applies, the tie rule and bands it declares) and either the rows inline (`rows:`) or a
 * table file it names (`table:`, CSV or XLSX). Its zod schema, and {@link parsePublished}, which checks one.
 * @module
 */
import { z } from 'zod';
import { issue, ParIndexError } from '../core/errors.js';
import type { Limits } from '../core/limits.js';
import { Id, IsoDate, NodeId, readDocument } from '../core/zod-helpers.js';
import { BandLevel, IndexBasis, TieBreak } from '../criteria/schema.js';
import { RANK_METHODS, type RankMethod } from '../ranking/rank.js';

/**
 * The format tag of a published decision, without its version.
 *
 * @example `${PUBLISHED_FORMAT}@${PUBLISHED_FORMAT_VERSION}` // 'par-index/published@1'
 */
export const PUBLISHED_FORMAT = 'par-index/published';
/**
 * The newest published-decision format version this library reads.
 *
 * @example PUBLISHED_FORMAT_VERSION // 1
 */
export const PUBLISHED_FORMAT_VERSION = 1;

const Printed = z.union([z.number(), z.string()]).nullable();

/**
 * A field (lĩnh vực) as the decision prints it: its id, title, maximum, and whether it is a bonus or penalty block.
 *
 * @example PublishedField.parse({ id: '10', title: 'Điểm trừ', max: 3, block: 'penalty' })
 */
export const PublishedField = z.strictObject({
  /** The field's id, as the decision numbers it. */
  id: NodeId,
  /** The field's title. */
  title: z.string().optional(),
  /** The field's maximum. */
  max: z.number().min(0).optional(),
  /** A bonus block adds its points; a penalty block subtracts them (a positive printed value is a deduction). */
  block: z.enum(['bonus', 'penalty']).optional(),
});

/**
 * A printed row, inline in YAML/JSON. Numbers as printed: "95,41" or 95.41.
 *
 * @example PublishedRowSchema.parse({ unit: 'Xã An', fields: { '1': '8,50' }, total: '8,50', rank: '1/11' })
 */
export const PublishedRowSchema = z.strictObject({
  /** The unit's name as printed. */
  unit: z.string().min(1),
  /** The unit's id, when the table gives one. */
  unitId: z.string().optional(),
  /** The unit's kind (Loại đơn vị), when ranks are within kinds. */
  kind: z.string().optional(),
  /** Field points by field id, as printed. */
  fields: z.record(z.string(), Printed).default({}),
  /** Total points, as printed. */
  total: Printed.optional(),
  /** Maximum, as printed. */
  max: Printed.optional(),
  /** Index (%), as printed. */
  index: Printed.optional(),
  /** Rank, as printed ("3" or "3/11"). */
  rank: z.union([z.number(), z.string()]).nullable().optional(),
  /** Band, as printed. */
  band: z.string().nullable().optional(),
});

/**
 * The whole file: metadata, then `rows` or a `table` file.
 *
 * @example PublishedSchema.safeParse(parseText(yamlText)).success
 */
export const PublishedSchema = z.strictObject({
  /** The format tag: `par-index/published@1`. */
  format: z.string(),
  /** Cơ quan ban hành. */
  issuer: z.string().optional(),
  /** Số quyết định, e.g. "14/QĐ-UBND". */
  number: z.string().optional(),
  /** The decision's date. */
  date: IsoDate.optional(),
  /** The decision's title (trích yếu). */
  title: z.string().optional(),
  /** The year scored. */
  year: z.number().int().optional(),
  /** The criteria set the decision applies. */
  criteria: z
    .strictObject({
      /** The set's id. */
      id: Id,
      /** Its version. */
      version: z.string().optional(),
      /** Its content hash, when the decision is tied to that exact text. */
      hash: z.string().optional(),
    })
    .optional(),
  /** The fields (columns of points), in the table's order. */
  fields: z.array(PublishedField).optional(),
  /** The maximum of a unit when the table prints none per row. */
  max: z.number().positive().optional(),
  /** The tie rule, when the criteria set is not given (else the set's rule applies). */
  ranking: z
    .strictObject({
      /** Competition (1, 2, 2, 4; the default), dense or ordinal ranking. */
      method: z.enum(RANK_METHODS as [RankMethod, ...RankMethod[]]).default('competition'),
      /** Rank on the rounded (printed; the default) or the exact index. */
      on: IndexBasis.default('rounded'),
      /** How ties are broken, in order. */
      tieBreak: z.array(TieBreak).default([]),
    })
    .optional(),
  /** The bands, when the criteria set is not given. */
  bands: z
    .strictObject({
      /** Bands by the rounded (printed; the default) or the exact index. */
      on: IndexBasis.default('rounded'),
      /** The band levels, as in a criteria set. */
      levels: z.array(BandLevel).min(1),
    })
    .optional(),
  /** Ranks are within groups of this column: `kind` (Loại đơn vị). */
  groupBy: z.literal('kind').optional(),
  /** Decimals of numbers given as numbers (XLSX cells, JSON numbers), which do not show their printed decimals. */
  decimals: z
    .strictObject({
      /** Decimals of points (fields, total, max). */
      points: z.number().int().min(0).max(6).optional(),
      /** Decimals of the index. */
      index: z.number().int().min(0).max(6).optional(),
      /** Decimals of the summary's percentages. */
      percent: z.number().int().min(0).max(6).optional(),
    })
    .optional(),
  /** An absolute tolerance replacing the default (half of the last printed digit of each cell). */
  tolerance: z.number().min(0).optional(),
  /** The tolerance of a printed total against the sum of its printed fields, each rounded on its own (default: Σ ½·10^-dᵢ, see docs/verify.md). */
  partsTolerance: z.number().min(0).optional(),
  /** The table file (CSV or XLSX), relative to this file. */
  table: z.string().optional(),
  /** XLSX: the sheet, by name or 1-based position. */
  sheet: z.union([z.string(), z.number().int().min(1)]).optional(),
  /** Header → role (`unit`, `unitId`, `kind`, `total`, `max`, `index`, `rank`, `band`, `ignore`) or `{ field: id }`. */
  columns: z
    .record(
      z.string(),
      z.union([
        z.enum(['unit', 'unitId', 'kind', 'total', 'max', 'index', 'rank', 'band', 'ignore']),
        z.strictObject({
          /** The id of the field whose points the column prints. */
          field: NodeId,
        }),
      ]),
    )
    .optional(),
  /** The rows, written inline instead of a table file. */
  rows: z.array(PublishedRowSchema).optional(),
  /** Per-band counts and percentages as printed (tổng hợp xếp loại). */
  summary: z
    .array(
      z.strictObject({
        /** The band, as printed. */
        band: z.string().min(1),
        /** How many units are in it, as printed. */
        count: z.union([z.number(), z.string()]),
        /** Their share in percent, as printed. */
        percent: Printed.optional(),
      }),
    )
    .optional(),
});

/**
 * The published-decision document as written.
 *
 * @example const meta: PublishedData = parsePublished(doc, { file: 'qd.yaml' })
 */
export type PublishedData = z.output<typeof PublishedSchema>;

/**
 * Validates a published-decision document (parsed YAML/JSON): format tag and version, then the schema. Throws
 * {@link ParIndexError}.
 *
 * @example parsePublished({ format: 'par-index/published@1', rows: [{ unit: 'Xã An', index: '90,10' }] }).rows?.length // 1
 */
export function parsePublished(
  doc: unknown,
  opts: { file?: string | undefined; limits?: Partial<Limits> | undefined } = {},
): PublishedData {
  const data = readDocument(
    doc,
    { file: opts.file, limits: opts.limits },
    {
      format: PUBLISHED_FORMAT,
      version: PUBLISHED_FORMAT_VERSION,
      schema: PublishedSchema,
      reportInput: true,
      bounded: [{ key: 'rows', limit: 'maxRows', what: { en: 'the decision has too many rows', vi: 'quyết định có quá nhiều dòng' } }],
    },
  );
  if (data.rows === undefined && data.table === undefined) {
    throw new ParIndexError([
      issue(
        'verify.no-rows',
        'error',
        [],
        'the decision has neither rows nor a table file: add rows: […] or table: FILE.csv',
        'quyết định không có rows cũng không có table: thêm rows: […] hoặc table: TỆP.csv',
        { file: opts.file },
      ),
    ]);
  }
  if (data.rows !== undefined && data.table !== undefined) {
    throw new ParIndexError([
      issue(
        'schema.invalid-value',
        'error',
        ['table'],
        'give either rows or a table file, not both',
        'chỉ dùng rows hoặc table, không dùng cả hai',
        { file: opts.file },
      ),
    ]);
  }
  return data;
}
