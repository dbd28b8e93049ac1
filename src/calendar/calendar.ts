/**
 * Working-day calendars (lịch ngày làm việc): weekends, public holidays, compensatory days, day swaps and
 * make-up working days, kept as data per year with the document that announced them
 * (`data/calendars/vn.yaml`, format `par-index/calendar@1`). From it: whether a day is a working day, due
 * dates from a processing time in working days (thời hạn giải quyết), in hours ("1 giờ", "1/2 ngày") or the
 * same day ("trong ngày"), and whether a dossier was resolved early, on time or late. Pure: no Node.
 * @module
 */
import { z } from 'zod';
import { deepFreeze } from '../core/document.js';
import { issue, ParIndexError, type Issue } from '../core/errors.js';
import { IsoDate, LegalRef, readDocument } from '../core/zod-helpers.js';
import { dayFromIso, dayOf, displayDate, displayTime, isoOf, parseTime, weekdayOf } from './dates.js';

/**
 * The format tag of calendar files.
 * @example `${CALENDAR_FORMAT}@${CALENDAR_FORMAT_VERSION}` // "par-index/calendar@1"
 */
export const CALENDAR_FORMAT = 'par-index/calendar';
/**
 * The newest calendar format version this library reads.
 * @example CALENDAR_FORMAT_VERSION // 1
 */
export const CALENDAR_FORMAT_VERSION = 1;

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const Legal = z.union([LegalRef, z.array(LegalRef)]).transform((v) => (Array.isArray(v) ? v : [v]));
const Time = z.string().refine((s) => parseTime(s) !== undefined, { message: 'expected a time as HH:MM' });

const DayEntry = z
  .strictObject({
    /** The day, when it is a single day. */
    date: IsoDate.optional(),
    /** The first day of a run of days. */
    from: IsoDate.optional(),
    /** The last day of a run of days. */
    to: IsoDate.optional(),
    /** The name of the day off or the make-up day (e.g. "Tết Nguyên đán"). */
    name: z.string().min(1),
    /** holiday (ngày lễ), compensatory (nghỉ bù), swap (hoán đổi). */
    kind: z.enum(['holiday', 'compensatory', 'swap']).optional(),
    /** The document that announced it (defaults to the year's source). */
    source: z.string().optional(),
    /** false when no report read for the file confirmed the date. */
    verified: z.boolean().default(true),
    /** A note. */
    note: z.string().optional(),
  })
  .refine((e) => (e.date !== undefined) !== (e.from !== undefined && e.to !== undefined), { message: 'give either date or both from and to' });

/**
 * The calendar file.
 * @example CalendarFileSchema.safeParse(parse(yamlText)).success
 */
export const CalendarFileSchema = z.strictObject({
  /** The format tag: `par-index/calendar@1`. */
  format: z.string(),
  /** The calendar's id ("vn"). */
  id: z.string().min(1),
  /** The calendar's title. */
  title: z.string().min(1),
  /** The calendar's title in English. */
  titleEn: z.string().optional(),
  /** The weekly days off (default Saturday and Sunday). */
  weekend: z.array(z.enum(WEEKDAYS)).default(['saturday', 'sunday']),
  /** The legal basis of the working week. */
  legal: Legal.default([]),
  /** The working hours, when deadlines in hours must be counted. */
  workingHours: z
    .strictObject({
      /** The working sessions of a day (HH:MM to HH:MM). */
      sessions: z.array(z.strictObject({ from: Time, to: Time })).min(1),
      /** False when no document read for the file confirmed the hours. */
      verified: z.boolean().default(true),
      /** A note. */
      note: z.string().optional(),
    })
    .optional(),
  /** How deadlines are counted from the day a dossier is received. */
  counting: z
    .strictObject({
      /** Whether counting starts on the working day after receipt. */
      startsNextDay: z.boolean().default(true),
      /** A dossier received on a day off counts as received on the next working day, or as it is. */
      receivedOnDayOff: z.enum(['next-working-day', 'as-is']).default('next-working-day'),
      /** A dossier received after this time counts as received the next working day. */
      sameDayCutoff: Time.optional(),
      /** The legal basis of the counting rules. */
      legal: Legal.default([]),
      /** False when no document read for the file confirmed the rules. */
      verified: z.boolean().default(true),
    })
    .prefault({}),
  /** The years covered, each with its days off and make-up working days. */
  years: z.record(
    z.string().regex(/^\d{4}$/),
    z.strictObject({
      /** The document that announced the year's days off. */
      source: z.string().min(1),
      /** Holidays, compensatory days off and swapped days. */
      daysOff: z.array(DayEntry).default([]),
      /** Weekend days worked instead (làm bù). */
      workdays: z.array(DayEntry).default([]),
    }),
  ),
});
/**
 * A calendar file after validation and defaults.
 * @example const data: CalendarFileData = CalendarFileSchema.parse(doc)
 */
export type CalendarFileData = z.output<typeof CalendarFileSchema>;

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
  /** False when no document read for the file confirmed it. */
  readonly verified: boolean;
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
  /** The due moment of a dossier received at `received` under `rule`. */
  due(received: DueMoment, rule: DueRule): DueMoment;
  /** Day-number forms, for hot loops: `null` when the result would leave the covered years. */
  readonly fast: {
    /** The first day number covered. */
    readonly first: number;
    /** The last day number covered. */
    readonly last: number;
    /** Whether the day number is a working day. */
    isWorkingDay(day: number): boolean;
    /** The first working day ≥ day. */
    nextWorkingDay(day: number): number | null;
    /** The n-th working day after day (n ≥ 1). */
    addWorkingDays(day: number, n: number): number | null;
    /** The due moment, or null when it would leave the covered years. */
    due(received: DueMoment, rule: DueRule): DueMoment | null;
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

/**
 * Loads a calendar file (YAML or JSON text, or parsed data). Throws {@link ParIndexError} (`calendar.invalid`
 * and schema codes) with the file and path of every problem: an entry in the wrong year, a make-up day that is
 * not a weekend day, a day both off and worked.
 *
 * @example
 * ```ts
 * const cal = loadCalendar(readFileSync('data/calendars/vn.yaml', 'utf8'), { file: 'vn.yaml' });
 * cal.isWorkingDay('2024-05-04'); // true: the make-up Saturday for Monday 29/4/2024
 * ```
 */
export function loadCalendar(input: unknown, opts: { file?: string | undefined } = {}): WorkingCalendar {
  const file = opts.file;
  const data = readDocument(input, { file }, { format: CALENDAR_FORMAT, version: CALENDAR_FORMAT_VERSION, schema: CalendarFileSchema });
  const issues: Issue[] = [];
  const years = Object.keys(data.years).map(Number).sort((a, b) => a - b);
  if (years.length === 0) throw new ParIndexError([issue('calendar.invalid', 'error', ['years'], 'the calendar covers no year', 'lịch không có năm nào', { file })]);
  for (let i = 1; i < years.length; i++) {
    if (years[i] !== years[i - 1]! + 1) issues.push(issue('calendar.invalid', 'error', ['years'], `years must follow each other: ${years[i - 1]} is followed by ${years[i]}`, `các năm phải liên tiếp: sau ${years[i - 1]} là ${years[i]}`, { file }));
  }
  const first = dayOf(years[0]!, 1, 1);
  const last = dayOf(years[years.length - 1]!, 12, 31);
  const span = last - first + 1;
  const weekend = new Set(data.weekend.map((w) => WEEKDAYS.indexOf(w)));
  const working = new Uint8Array(span);
  const notes = new Map<number, DayNote>();
  for (let i = 0; i < span; i++) {
    const wd = weekdayOf(first + i);
    working[i] = weekend.has(wd) ? 0 : 1;
  }
  const off = new Set<number>();
  for (const y of years) {
    const yd = data.years[String(y)]!;
    const mark = (list: typeof yd.daysOff, section: 'daysOff' | 'workdays') => {
      list.forEach((e, idx) => {
        const path = ['years', String(y), section, idx];
        const a = dayFromIso(e.date ?? e.from!)!;
        const b = dayFromIso(e.date ?? e.to!)!;
        if (b < a) {
          issues.push(issue('calendar.invalid', 'error', path, `from ${e.from} is after to ${e.to}`, `từ ngày ${e.from} sau đến ngày ${e.to}`, { file }));
          return;
        }
        for (let d = a; d <= b; d++) {
          const iso = isoOf(d);
          if (Number(iso.slice(0, 4)) !== y) {
            issues.push(issue('calendar.invalid', 'error', path, `${iso} is listed under year ${y}`, `ngày ${iso} được ghi trong năm ${y}`, { file }));
            break;
          }
          const i = d - first;
          const source = e.source ?? yd.source;
          if (section === 'daysOff') {
            if (off.has(d)) issues.push(issue('calendar.invalid', 'error', path, `${iso} is listed twice as a day off`, `ngày ${iso} được ghi hai lần là ngày nghỉ`, { file }));
            off.add(d);
            working[i] = 0;
            notes.set(d, { date: iso, name: e.name, kind: e.kind ?? 'holiday', source, verified: e.verified });
          } else {
            if (!weekend.has(weekdayOf(d))) issues.push(issue('calendar.invalid', 'error', path, `${iso} is a ${WEEKDAYS[weekdayOf(d)]}, already a working day: a make-up day must be a weekend day`, `ngày ${iso} vốn là ngày làm việc: ngày làm bù phải là ngày nghỉ hằng tuần`, { file }));
            if (off.has(d)) issues.push(issue('calendar.invalid', 'error', path, `${iso} is both a day off and a make-up working day`, `ngày ${iso} vừa là ngày nghỉ vừa là ngày làm bù`, { file }));
            working[i] = 1;
            notes.set(d, { date: iso, name: e.name, kind: 'make-up', source, verified: e.verified });
          }
        }
      });
    };
    mark(yd.daysOff, 'daysOff');
    mark(yd.workdays, 'workdays');
  }
  ParIndexError.throwIfErrors(issues);

  // ordinal[i] = working days in [first, first + i); workdays = the working days in order.
  const ordinal = new Int32Array(span + 1);
  const workdays: number[] = [];
  for (let i = 0; i < span; i++) {
    ordinal[i + 1] = ordinal[i]! + working[i]!;
    if (working[i]) workdays.push(first + i);
  }
  const sessions = (data.workingHours?.sessions ?? [{ from: '07:30', to: '11:30' }, { from: '13:30', to: '17:30' }]).map((s) => [parseTime(s.from)!, parseTime(s.to)!] as const);
  const minutesPerDay = sessions.reduce((s, [a, b]) => s + (b - a), 0);
  const cutoff = data.counting.sameDayCutoff === undefined ? undefined : parseTime(data.counting.sameDayCutoff);
  const counting = { startsNextDay: data.counting.startsNextDay, receivedOnDayOff: data.counting.receivedOnDayOff, sameDayCutoff: cutoff };

  const inRange = (d: number) => d >= first && d <= last;
  const isWorkingFast = (d: number) => working[d - first] === 1;
  const nextWorking = (d: number): number | null => {
    if (!inRange(d)) return null;
    const k = ordinal[d - first]!; // working days before d
    return workdays[k] ?? null;
  };
  const addFast = (d: number, n: number): number | null => {
    if (!inRange(d)) return null;
    // Working days up to and including d, then the n-th after.
    const k = ordinal[d - first + 1]!;
    return workdays[k + n - 1] ?? null;
  };
  const addMinutes = (day: number, minute: number, amount: number): DueMoment | null => {
    let d: number | null = day;
    let m = minute;
    if (!isWorkingFast(d)) {
      d = nextWorking(d);
      if (d === null) return null;
      m = sessions[0]![0];
    }
    let left = amount;
    for (let guard = 0; guard < 4000; guard++) {
      for (const [a, b] of sessions) {
        if (m >= b) continue;
        const start = Math.max(m, a);
        if (start + left <= b) return { day: d, minute: start + left };
        left -= b - start;
        m = b;
      }
      d = addFast(d, 1);
      if (d === null) return null;
      m = sessions[0]![0];
    }
    return null;
  };
  // Due moments without a time, one frozen object per covered day, shared: a million-row export computes a due
  // date per row, and a fresh object each time was most of the record parser's allocation.
  const dayMoments: (DueMoment | undefined)[] = new Array<DueMoment | undefined>(last - first + 1).fill(undefined);
  const dayOnly = (d: number): DueMoment => (dayMoments[d - first] ??= Object.freeze({ day: d, minute: undefined }));
  const dueFast = (received: DueMoment, rule: DueRule): DueMoment | null => {
    if (!inRange(received.day)) return null;
    let start = received.day;
    let minute = received.minute;
    if (!isWorkingFast(start) && counting.receivedOnDayOff === 'next-working-day') {
      const n = nextWorking(start);
      if (n === null) return null;
      start = n;
      minute = undefined;
    }
    switch (rule.kind) {
      case 'days': {
        if (rule.days === 0) return dayOnly(isWorkingFast(start) ? start : nextWorking(start) ?? start);
        const d = counting.startsNextDay ? addFast(start, rule.days) : addFast(start, rule.days - 1);
        return d === null ? null : dayOnly(d);
      }
      case 'same-day': {
        let d: number | null = isWorkingFast(start) ? start : nextWorking(start);
        if (d !== null && minute !== undefined && cutoff !== undefined && minute > cutoff && d === received.day) d = addFast(d, 1);
        return d === null ? null : dayOnly(d);
      }
      case 'hours': {
        // Without a time of receipt the clock starts at opening: the deadline can only be checked to the day.
        const from = minute ?? sessions[0]![0];
        const r = addMinutes(start, from, Math.round(rule.hours * 60));
        if (r === null) return null;
        return minute === undefined ? dayOnly(r.day) : r;
      }
    }
  };
  const toDay = (date: string | number, what: string): number => {
    const d = typeof date === 'number' ? date : dayFromIso(date);
    if (d === undefined) throw new ParIndexError([issue('calendar.out-of-range', 'error', [], `"${date}" is not a date (YYYY-MM-DD)`, `"${date}" không phải ngày (YYYY-MM-DD)`, { file })]);
    if (!inRange(d)) throw outOfRange(d, what);
    return d;
  };
  const outOfRange = (d: number, what: string) =>
    new ParIndexError([issue('calendar.out-of-range', 'error', [], `${what}: ${isoOf(d)} is outside calendar ${data.id}, which covers ${isoOf(first)} to ${isoOf(last)}; add the year with its source`, `${what}: ngày ${isoOf(d)} nằm ngoài lịch ${data.id} (từ ${isoOf(first)} đến ${isoOf(last)}); cần bổ sung năm đó kèm căn cứ`, { file })]);

  const sources: Record<string, string> = {};
  for (const y of years) sources[String(y)] = data.years[String(y)]!.source;
  const cal: WorkingCalendar = {
    id: data.id,
    title: data.title,
    covers: { from: isoOf(first), to: isoOf(last) },
    sources,
    minutesPerDay,
    counting,
    isWorkingDay: (date) => isWorkingFast(toDay(date, 'isWorkingDay')),
    note(date) {
      const d = toDay(date, 'note');
      const n = notes.get(d);
      if (n) return n;
      if (weekend.has(weekdayOf(d))) return { date: isoOf(d), name: WEEKDAYS[weekdayOf(d)]!, kind: 'weekend', source: 'Quyết định 188/1999/QĐ-TTg', verified: true };
      return undefined;
    },
    addWorkingDays(date, n) {
      const d = toDay(date, 'addWorkingDays');
      const r = n === 0 ? nextWorking(d) : addFast(d, n);
      if (r === null) throw outOfRange(d + n, `${n} working days after ${date}`);
      return isoOf(r);
    },
    workingDaysBetween(a, b) {
      const x = toDay(a, 'workingDaysBetween');
      const y = toDay(b, 'workingDaysBetween');
      return ordinal[y - first + 1]! - ordinal[x - first + 1]!;
    },
    due(received, rule) {
      const r = dueFast(received, rule);
      if (r === null) throw outOfRange(received.day, 'due date');
      return r;
    },
    fast: { first, last, isWorkingDay: (d) => inRange(d) && isWorkingFast(d), nextWorkingDay: nextWorking, addWorkingDays: addFast, due: dueFast },
  };
  // Freeze the object and its plain parts; the typed arrays stay private in the closures.
  Object.freeze(cal.fast);
  deepFreeze(cal.covers);
  deepFreeze(cal.sources);
  deepFreeze(cal.counting);
  return Object.freeze(cal);
}
