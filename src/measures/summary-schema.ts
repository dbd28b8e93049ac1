/**
 * A dossier summary's shape, defined once as a zod schema: the summary types are derived from it, and
 * {@link loadDossierSummary} checks a summary that travelled as JSON (a part counted in another process or on
 * another machine) before it is merged.
 * @module
 */
import { z } from 'zod';
import { checkData, deepFreeze, parseText } from '../core/document.js';
import { issue, ParIndexError } from '../core/errors.js';
import { atMost, resolveLimits, type Limits } from '../core/limits.js';
import { fromZodIssues, IsoDate } from '../core/zod-helpers.js';
import { RowIssueSchema } from './dossier-record.js';
import { DOSSIER_FIELDS } from './vocabulary.js';

const Count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const Field = z.enum(DOSSIER_FIELDS);

/** What a summary groups by. */
const GroupBySchema = z.enum(['unit', 'field', 'mode']);

/** The period counted, both ends included. */
const PeriodSchema = z
  .object({
    /** First day (ISO date). */
    from: IsoDate,
    /** Last day (ISO date). */
    to: IsoDate,
  })
  .readonly();

/** One measure of one group. */
const MeasureCountSchema = z
  .object({
    /** How many dossiers. */
    count: Count,
    /** The smallest ids (in code-unit order), at most the summary's idLimit. */
    ids: z.array(z.string()).readonly(),
    /** True when `count` exceeds the ids kept. */
    idsTruncated: z.boolean(),
  })
  .readonly();

/** A rate with its numerator and base named. */
const RateValueSchema = z
  .object({
    /** The numerator's name. */
    numerator: z.string(),
    /** The base's name. */
    base: z.string(),
    /** The numerator's count. */
    num: Count,
    /** The base's count. */
    den: Count,
    /** num ÷ den, or null when the base is 0. */
    value: z.number().nullable(),
  })
  .readonly();

/** The measures of one group. */
const GroupSummarySchema = z
  .object({
    /** Counts by measure id. */
    measures: z.record(z.string(), MeasureCountSchema).readonly(),
    /** Rates by rate id. */
    rates: z.record(z.string(), RateValueSchema).readonly(),
  })
  .readonly();

/** A measure a summary cannot give. A summary written before `missing` existed names the one field in `needs`. */
const UnavailableMeasureSchema = z
  .object({
    /** The measure's id, e.g. `late.withApology`. */
    measure: z.string(),
    /**
     * The first field (in the measure's `needs` order) whose column the export lacks, e.g. `apology`; kept as it
     * was when a measure needed a single field. `missing` lists them all.
     */
    needs: Field,
    /** Every field the measure needs and the export lacks (absent from a summary written before it existed). */
    missing: z.array(Field).min(1).readonly().optional(),
  })
  .transform(({ missing, ...u }) => ({
    ...u,
    /** Every field the measure needs and the export lacks, in the measure's `needs` order (at least one). */
    missing: missing ?? Object.freeze([u.needs]),
  }))
  .readonly();

/**
 * `idLimit`: a whole number ≥ 0, or "all" for Infinity (keep every id), as `par-index dossiers --ids all
 * --format json` writes it: JSON has no Infinity.
 */
const IdLimit = z.union([Count, z.literal('all').transform(() => Infinity)]);

/**
 * A summary of dossier records, as `par-index dossiers --format json` writes it and `loadDossierSummary` reads it.
 *
 * @example DossierSummarySchema.safeParse(JSON.parse(text)).success
 */
export const DossierSummarySchema = z
  .object({
    /** The period counted. */
    period: PeriodSchema,
    /** What the groups are: units, procedures' fields or online modes. */
    by: GroupBySchema,
    /** Dossier ids kept per measure and group (Infinity: every one). */
    idLimit: IdLimit,
    /** Groups by key (unit id or name, field, mode), keys sorted. */
    groups: z.record(z.string(), GroupSummarySchema).readonly(),
    /** All groups together. */
    total: GroupSummarySchema,
    /** rows in = used + rejected, always. `outsidePeriod` rows are used (valid) but feed no measure. */
    rows: z
      .object({
        /** Data rows read, from all files. */
        in: Count,
        /** Rows read into a dossier record, inside the period or not. */
        used: Count,
        /** Rows that could not be used (listed in `rejected`, counted per reason in `rejectedByCode`). */
        rejected: Count,
        /** Used rows that fall outside the period: valid, but counted in no measure. */
        outsidePeriod: Count,
      })
      .refine((r) => r.in === r.used + r.rejected, {
        message: 'rows "in" must equal "used" + "rejected"',
        params: { vi: 'số dòng "in" phải bằng "used" + "rejected"' },
      })
      .readonly(),
    /** Rejected rows (at most `listLimit`), with the exact count per reason. */
    rejected: z.array(RowIssueSchema).readonly(),
    /** Rejected rows per issue code (exact). */
    rejectedByCode: z.record(z.string(), Count).readonly(),
    /**
     * Rejected rows per unit (exact), for rows whose unit could be read (the evidence unit id when units are
     * mapped); absent when no row was rejected. The evidence built from the summary names them where a count of 0
     * would read as "no case arose".
     */
    rejectedByUnit: z.record(z.string(), Count).readonly().optional(),
    /** Rows used with a warning (mixed date styles, due dates that differ from the calendar's), bounded the same way. */
    warnings: z.array(RowIssueSchema).readonly(),
    /** Rows with a warning per issue code (exact). */
    warningsByCode: z.record(z.string(), Count).readonly(),
    /**
     * Measures that cannot be computed because the export lacks a column they need (in the order of
     * `DOSSIER_MEASURES`). Such a measure's counts are 0 in the groups but mean nothing: it is *unavailable*, and
     * a descriptor that maps it into evidence fails.
     */
    unavailable: z.array(UnavailableMeasureSchema).readonly(),
    /** The files read, in order. */
    files: z.array(z.string()).readonly(),
  })
  .refine((s) => s.period.from <= s.period.to, {
    message: 'the period ends before it starts',
    path: ['period'],
    params: { vi: 'kỳ kết thúc trước ngày bắt đầu' },
  })
  .readonly();

/**
 * The period counted, both ends included (the Văn Lâm report: 2020-12-15 to 2021-12-15).
 * @example const p: Period = { from: '2020-12-15', to: '2021-12-15' }
 * @interface
 */
export type Period = z.output<typeof PeriodSchema>;

/**
 * One measure of one group: the count and (at most `idLimit` of) the dossier ids behind it.
 * @example summary.total.measures['resolved.late'] // { count: 175, ids: ['VL.CD.…', …], idsTruncated: true }
 * @interface
 */
export type MeasureCount = z.output<typeof MeasureCountSchema>;

/**
 * A rate with its numerator and base named; `value` is null when the base is 0.
 * @example summary.total.rates.inTimeRate // { numerator: 'resolved.inTime', base: 'resolved', num: 6915, den: 7090, value: 0.975… }
 * @interface
 */
export type RateValue = z.output<typeof RateValueSchema>;

/**
 * The measures of one group.
 * @example summary.groups['chi-dao'].measures.resolved.count // 512
 * @interface
 */
export type GroupSummary = z.output<typeof GroupSummarySchema>;

/**
 * A measure a summary cannot give, and why: the fields of the export it needs and does not have.
 * @example summary.unavailable.find((u) => u.measure === 'online.level3') // { measure: 'online.level3', needs: 'channel', missing: ['channel'] } (a mode column, no channel column)
 * @interface
 */
export type UnavailableMeasure = z.output<typeof UnavailableMeasureSchema>;

/**
 * A summary of dossier records. Frozen.
 * @example summary.rows // { in: 7227, used: 7227, rejected: 0, outsidePeriod: 0 }
 * @interface
 */
export type DossierSummary = z.output<typeof DossierSummarySchema>;

/**
 * What a summary groups by: `unit`, `field` or `mode`.
 * @example summariseDossiers(tables, { calendar, period, by: 'field' })
 */
export type GroupBy = DossierSummary['by'];

/**
 * Reads a dossier summary sent as JSON (text, or data already parsed), as `JSON.stringify` or `par-index dossiers
 * --format json` writes it, and checks it: every count a whole number, every field of the shape there, rows in =
 * used + rejected. `"idLimit": "all"` is read as Infinity. Throws {@link ParIndexError} naming each problem's path
 * (`groups.UBND xã A.measures.received.count`); a key `__proto__` is refused, as everywhere in this library (a
 * unit so named in an export keeps its group in memory, not through this reader). Returns a frozen summary,
 * ready for `mergeSummaries`.
 *
 * @example
 * ```ts
 * const parts = texts.map((t, i) => loadDossierSummary(t, { file: `part-${i + 1}.json` }));
 * parts.reduce(mergeSummaries).total.measures['received'].count;
 * ```
 */
export function loadDossierSummary(
  input: unknown,
  opts: { file?: string | undefined; limits?: Partial<Limits> | undefined } = {},
): DossierSummary {
  const file = opts.file;
  const lim = resolveLimits(opts.limits);
  const doc = typeof input === 'string' ? parseText(input, { file: file ?? 'summary.json', limits: lim }) : input;
  if (typeof input !== 'string') ParIndexError.throwIfErrors(checkData(doc, { file, limits: lim }));
  // A group per unit (or field, or mode): counted before the schema walks them.
  const groups = doc !== null && typeof doc === 'object' ? (doc as Record<string, unknown>)['groups'] : undefined;
  if (groups !== null && typeof groups === 'object')
    atMost(
      'maxUnits',
      Object.keys(groups).length,
      lim,
      { en: 'the summary has too many groups', vi: 'bản tổng hợp có quá nhiều nhóm' },
      ['groups'],
      file,
    );
  if (doc !== null && typeof doc === 'object' && (doc as Record<string, unknown>)['idLimit'] === null) {
    // What JSON.stringify makes of idLimit: Infinity; reading it as any number would merge keeping the wrong ids.
    throw new ParIndexError([
      issue(
        'schema.invalid-value',
        'error',
        ['idLimit'],
        'idLimit is null, as JSON.stringify writes Infinity: write "all" for a summary that keeps every id, or a whole number ≥ 0',
        'idLimit là null (JSON.stringify ghi Infinity như vậy): ghi "all" cho bản tổng hợp giữ mọi mã hồ sơ, hoặc một số nguyên ≥ 0',
        { file },
      ),
    ]);
  }
  const r = DossierSummarySchema.safeParse(doc, { reportInput: true });
  if (!r.success) throw new ParIndexError(fromZodIssues(r.error.issues, file));
  return deepFreeze(r.data);
}
