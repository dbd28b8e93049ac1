/**
 * What a loaded working-day calendar answers — whether a day is a working day, due moments from a processing
 * time, why a day is off — and whether a dossier was resolved early, on time or late.
 * @module
 */
import type { Issue } from '../core/errors.js';
import { displayDate, displayTime } from './dates.js';

/**
 * Why a day is not a working day, or why a weekend day is one.
 * @example cal.note('2021-02-12') // { name: 'Tết Nguyên đán Tân Sửu', kind: 'holiday', … }
 */
export interface DayNote {
  /** The day (ISO date). */
  readonly date: string;
  /** Its name. */
  readonly name: string;
  /** Why it is off, or worked. */
  readonly kind: 'weekend' | 'holiday' | 'compensatory' | 'swap' | 'make-up';
  /** The document that says so. */
  readonly source: string;
  /** False when no document read for the file confirmed it (always false on a provisional day). */
  readonly verified: boolean;
  /** True when the day is an assumption: a provisional year, a provisional entry, or a year past the file. */
  readonly provisional: boolean;
}

/**
 * A moment to the minute (or to the day, when `minute` is undefined: the end of that day).
 * @example const received: DueMoment = { day: dayFromIso('2021-03-01')!, minute: 480 }
 */
export interface DueMoment {
  /** Day number (days since 1970-01-01). */
  readonly day: number;
  /** Minutes since midnight, or undefined for the end of the day. */
  readonly minute: number | undefined;
}

/**
 * A deadline rule (thời hạn giải quyết): a number of working days, a number of working hours ("1 giờ";
 * "1/2 ngày" is 4 hours of an 8-hour day), or the same working day ("trong ngày").
 * @example cal.due(received, { kind: 'hours', hours: 1 })
 */
export type DueRule =
  | {
      /** In working days. */
      readonly kind: 'days';
      /** Working days allowed. */
      readonly days: number;
    }
  | {
      /** In working hours. */
      readonly kind: 'hours';
      /** Working hours allowed. */
      readonly hours: number;
    }
  | {
      /** Within the day received. */
      readonly kind: 'same-day';
    };

/**
 * Early (trước hạn), on time (đúng hạn) or late (trễ hạn).
 * @example timeliness(due, resolved) // 'early' | 'on-time' | 'late'
 */
export type Timeliness = 'early' | 'on-time' | 'late';

/**
 * A loaded working-day calendar. Frozen; its lookups are O(1) (a table of working days is built once).
 *
 * @example
 * ```ts
 * const cal = loadCalendar(yamlText, { file: 'data/calendars/vn.yaml' });
 * cal.isWorkingDay('2021-02-15');      // false: Tết Tân Sửu
 * cal.addWorkingDays('2021-02-09', 1); // "2021-02-17"
 * ```
 */
export interface WorkingCalendar {
  /** The calendar's id. */
  readonly id: string;
  /** The calendar's title. */
  readonly title: string;
  /** The first and last day covered (1 January of the first year, 31 December of the last). */
  readonly covers: {
    /** First day covered, YYYY-MM-DD. */
    readonly from: string;
    /** Last day covered, YYYY-MM-DD. */
    readonly to: string;
  };
  /** Years with their announcing documents. */
  readonly sources: Readonly<Record<string, string>>;
  /** The file's years marked `provisional` (their decisions are not in the file yet). */
  readonly provisionalYears: readonly string[];
  /**
   * Days past the file's last year that the fast forms count from the statutory rules alone (`statutory.extendYears`),
   * each due date there with a `calendar.beyond-coverage` warning; undefined when the file extends nothing.
   */
  readonly beyond:
    | {
        /** The first day counted on the statutory rules alone, YYYY-MM-DD. */
        readonly from: string;
        /** The last, YYYY-MM-DD. */
        readonly to: string;
      }
    | undefined;
  /** Minutes of a working day (sum of the sessions); 480 when no hours are declared. */
  readonly minutesPerDay: number;
  /** The counting rules the file declares. */
  readonly counting: {
    /** Whether counting starts on the working day after receipt. */
    readonly startsNextDay: boolean;
    /** A dossier received on a day off counts as received on the next working day, or as it is. */
    readonly receivedOnDayOff: 'next-working-day' | 'as-is';
    /** A dossier received after this minute of the day counts as received the next working day. */
    readonly sameDayCutoff: number | undefined;
  };
  /** Whether the day (ISO date or day number) is a working day. Throws `calendar.out-of-range` outside the covered years. */
  isWorkingDay(date: string | number): boolean;
  /** Why a day is off (or, for a make-up Saturday, why it is worked); undefined for an ordinary working day. */
  note(date: string | number): DayNote | undefined;
  /** The n-th working day after `date` (n ≥ 1), or the day itself when it is a working day and n = 0. */
  addWorkingDays(date: string, n: number): string;
  /** Working days in (a, b]: how many working days after a, up to and including b. */
  workingDaysBetween(a: string, b: string): number;
  /**
   * The due moment of a dossier received at `received` under `rule`. Throws `calendar.out-of-range` when either end
   * is outside the file's years; answers on provisional days without a word — use {@link WorkingCalendar.dueChecked}
   * to hear about them.
   */
  due(received: DueMoment, rule: DueRule): DueMoment;
  /**
   * The due moment and, when the counting ran over provisional days or past the file's last year (on the statutory
   * rules), a warning naming the days and how to supply a calendar file. Throws `calendar.out-of-range` only outside
   * the file's years and their statutory extension.
   */
  dueChecked(
    received: DueMoment,
    rule: DueRule,
  ): {
    /** The due moment. */
    readonly due: DueMoment;
    /** `calendar.provisional` or `calendar.beyond-coverage` (severity warning), or undefined when every day counted is settled. */
    readonly warning: Issue | undefined;
  };
  /**
   * The warning for counting over the days from `a` to `b` (both included): `calendar.provisional` when a day is
   * provisional, `calendar.beyond-coverage` when the days run past the file's last year; undefined when all are settled.
   * @example cal.checkWindow('2026-12-21', '2027-01-05')?.code // 'calendar.provisional'
   */
  checkWindow(a: string | number, b: string | number): Issue | undefined;
  /**
   * Day-number forms, for hot loops: `null` when the result would leave the covered years. They also answer in the
   * statutory years past the file (`beyond`), silently: check `fast.uncertain` on the window.
   */
  readonly fast: {
    /** The first day number covered. */
    readonly first: number;
    /** The last day number covered, the statutory years past the file included. */
    readonly last: number;
    /** Whether the day number is a working day. */
    isWorkingDay(day: number): boolean;
    /** The first working day ≥ day. */
    nextWorkingDay(day: number): number | null;
    /** The n-th working day after day (n ≥ 1). */
    addWorkingDays(day: number, n: number): number | null;
    /** The due moment, or null when it would leave the covered years. */
    due(received: DueMoment, rule: DueRule): DueMoment | null;
    /** Whether any day from a to b (day numbers, both included) is provisional or past the file's years: O(1). */
    uncertain(a: number, b: number): boolean;
  };
}

/**
 * Early, on time or late: resolved before the due day is early; on the due day on time (unless both times are
 * known and the due time has passed); after it, late.
 *
 * @example timeliness({ day: 100, minute: undefined }, { day: 103, minute: undefined }) // "late"
 */
export function timeliness(due: DueMoment, resolved: DueMoment): Timeliness {
  if (resolved.day < due.day) return 'early';
  if (resolved.day > due.day) return 'late';
  if (due.minute !== undefined && resolved.minute !== undefined && resolved.minute > due.minute) return 'late';
  return 'on-time';
}

/**
 * Describes a due moment: "15/12/2021" or "15/12/2021 09:30".
 * @example displayDue({ day: dayFromIso('2021-03-02')!, minute: 540 }) // "02/03/2021 09:00"
 */
export function displayDue(d: DueMoment): string {
  return d.minute === undefined ? displayDate(d.day) : `${displayDate(d.day)} ${displayTime(d.minute)}`;
}
