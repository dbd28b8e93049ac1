/**
 * Dossier records → measures per group (unit, field or online mode) and period, as a mergeable summary: two
 * summaries of disjoint sets of records merge into the summary of their union (`summary-merge.ts`), and
 * summaries of two adjacent periods combine into the summary of the whole period. This file is the summary's
 * shape; `dossier-aggregator.ts` computes one from records without memory growing with their number. Pure: no
 * Node.
 * @module
 */
import { DOSSIER_MEASURES } from './dossier-measures.js';
import type { RowIssue } from './records.js';
import type { DossierField } from './vocabulary.js';

/**
 * What a summary groups by.
 * @example summariseDossiers(tables, { calendar, period, by: 'field' })
 */
export type GroupBy = 'unit' | 'field' | 'mode';

/**
 * The period counted, both ends included (the Văn Lâm report: 2020-12-15 to 2021-12-15).
 * @example const p: Period = { from: '2020-12-15', to: '2021-12-15' }
 */
export interface Period {
  /** First day (ISO date). */
  readonly from: string;
  /** Last day (ISO date). */
  readonly to: string;
}

/**
 * One measure of one group: the count and (at most `idLimit` of) the dossier ids behind it.
 * @example summary.total.measures['resolved.late'] // { count: 175, ids: ['VL.CD.…', …], idsTruncated: true }
 */
export interface MeasureCount {
  /** How many dossiers. */
  readonly count: number;
  /** The smallest ids (in code-unit order), at most the summary's idLimit. */
  readonly ids: readonly string[];
  /** True when `count` exceeds the ids kept. */
  readonly idsTruncated: boolean;
}

/**
 * A rate with its numerator and base named; `value` is null when the base is 0.
 * @example summary.total.rates.inTimeRate // { numerator: 'resolved.inTime', base: 'resolved', num: 6915, den: 7090, value: 0.975… }
 */
export interface RateValue {
  /** The numerator's name. */
  readonly numerator: string;
  /** The base's name. */
  readonly base: string;
  /** The numerator's count. */
  readonly num: number;
  /** The base's count. */
  readonly den: number;
  /** num ÷ den, or null when the base is 0. */
  readonly value: number | null;
}

/**
 * The measures of one group.
 * @example summary.groups['chi-dao'].measures.resolved.count // 512
 */
export interface GroupSummary {
  /** Counts by measure id. */
  readonly measures: Readonly<Record<string, MeasureCount>>;
  /** Rates by rate id. */
  readonly rates: Readonly<Record<string, RateValue>>;
}

/**
 * A summary of dossier records. Frozen.
 * @example summary.rows // { in: 7227, used: 7227, rejected: 0, outsidePeriod: 0 }
 */
export interface DossierSummary {
  /** The period counted. */
  readonly period: Period;
  /** What the groups are: units, procedures' fields or online modes. */
  readonly by: GroupBy;
  /** Dossier ids kept per measure and group. */
  readonly idLimit: number;
  /** Groups by key (unit id or name, field, mode), keys sorted. */
  readonly groups: Readonly<Record<string, GroupSummary>>;
  /** All groups together. */
  readonly total: GroupSummary;
  /** rows in = used + rejected, always. `outsidePeriod` rows are used (valid) but feed no measure. */
  readonly rows: {
    /** Data rows read, from all files. */
    readonly in: number;
    /** Rows read into a dossier record, inside the period or not. */
    readonly used: number;
    /** Rows that could not be used (listed in `rejected`, counted per reason in `rejectedByCode`). */
    readonly rejected: number;
    /** Used rows that fall outside the period: valid, but counted in no measure. */
    readonly outsidePeriod: number;
  };
  /** Rejected rows (at most `listLimit`), with the exact count per reason. */
  readonly rejected: readonly RowIssue[];
  /** Rejected rows per issue code (exact). */
  readonly rejectedByCode: Readonly<Record<string, number>>;
  /** Rows used with a warning (mixed date styles, due dates that differ from the calendar's), bounded the same way. */
  readonly warnings: readonly RowIssue[];
  /** Rows with a warning per issue code (exact). */
  readonly warningsByCode: Readonly<Record<string, number>>;
  /**
   * Measures that cannot be computed because the export lacks a column they need (in the order of
   * `DOSSIER_MEASURES`). Such a measure's counts are 0 in the groups but mean nothing: it is *unavailable*, and
   * a descriptor that maps it into evidence fails.
   */
  readonly unavailable: readonly UnavailableMeasure[];
  /** The files read, in order. */
  readonly files: readonly string[];
}

/**
 * A measure a summary cannot give, and why: the fields of the export it needs and does not have.
 * @example summary.unavailable.find((u) => u.measure === 'online.level3') // { measure: 'online.level3', needs: 'channel', missing: ['channel'] } (a mode column, no channel column)
 */
export interface UnavailableMeasure {
  /** The measure's id, e.g. `late.withApology`. */
  readonly measure: string;
  /**
   * The first field (in the measure's `needs` order) whose column the export lacks, e.g. `apology`; kept as it
   * was when a measure needed a single field. `missing` lists them all.
   */
  readonly needs: DossierField;
  /** Every field the measure needs and the export lacks, in the measure's `needs` order (at least one). */
  readonly missing: readonly DossierField[];
}

/** The unavailable measures, given per measure the fields it lacks (the measure order of DOSSIER_MEASURES). */
export function unavailableOf(lacks: (m: (typeof DOSSIER_MEASURES)[number]) => readonly DossierField[]): UnavailableMeasure[] {
  const out: UnavailableMeasure[] = [];
  for (const m of DOSSIER_MEASURES) {
    const missing = lacks(m);
    if (missing.length) out.push({ measure: m.id, needs: missing[0]!, missing });
  }
  return out;
}
