/**
 * The calendar file format (`par-index/calendar@1`, `data/calendars/vn.yaml`): the weekend, working hours and
 * counting rules, and per year the days off and make-up working days with the document that announced them, plus
 * the statutory rules that give a year no document has decided yet.
 * @module
 */
import { z } from 'zod';
import { IsoDate, LegalRef } from '../core/zod-helpers.js';
import { daysInMonth, parseTime } from './dates.js';

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

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const Legal = z.union([LegalRef, z.array(LegalRef)]).transform((v) => (Array.isArray(v) ? v : [v]));
const Time = z.string().refine((s) => parseTime(s) !== undefined, { message: 'expected a time as HH:MM' });

export const DayEntry = z
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
    /** true when the date is an assumption awaiting the year's decision (e.g. where the Tết days fall). */
    provisional: z.boolean().default(false),
    /** A note. */
    note: z.string().optional(),
  })
  .refine((e) => (e.date !== undefined) !== (e.from !== undefined && e.to !== undefined), {
    message: 'give either date or both from and to',
    params: { vi: 'cần date, hoặc cả from và to' },
  });

/** "MM-DD" with a month 1–12 and a day that month can have (lunar months have at most 30 days). */
const MonthDay = (maxDay: (m: number) => number) =>
  z.string().refine(
    (s) => {
      const m = /^(\d{2})-(\d{2})$/.exec(s);
      if (!m) return false;
      const mo = Number(m[1]);
      const d = Number(m[2]);
      return mo >= 1 && mo <= 12 && d >= 1 && d <= maxDay(mo);
    },
    { message: 'expected a month and day as MM-DD', params: { vi: 'cần tháng và ngày dạng MM-DD (tháng-ngày)' } },
  );

const StatutoryHolidaySchema = z
  .strictObject({
    /** Its name; `{canChi}` becomes the lunar year's name ("Đinh Mùi"), `{year}` the year. */
    name: z.string().min(1),
    /** A solar date, MM-DD (29 February is refused: it is not in every year). */
    date: MonthDay((m) => (m === 2 ? 28 : daysInMonth(2001, m))).optional(),
    /** A lunar date, MM-DD, never in a leap month. */
    lunar: MonthDay(() => 30).optional(),
    /** Days off in a row (Tết Âm lịch 5, Quốc khánh 2). */
    days: z.number().int().min(1).max(10).default(1),
    /** How many of them come before the date; the law leaves it to the Prime Minister, so it is an assumption. */
    daysBefore: z.number().int().min(0).max(9).default(0),
    /** Why the days are placed so. */
    assumption: z.string().optional(),
  })
  .refine((h) => (h.date === undefined) !== (h.lunar === undefined), {
    message: 'give either date (solar) or lunar',
    params: { vi: 'cần một trong hai: date (dương lịch) hoặc lunar (âm lịch)' },
  })
  .refine((h) => h.daysBefore < h.days, {
    message: 'daysBefore must be less than days: the holiday itself is one of the days',
    params: { vi: 'daysBefore phải nhỏ hơn days: chính ngày lễ là một trong các ngày nghỉ' },
  });

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
      /** true until the year's decisions (Tết, National Day, swaps, make-up days) are in the file. */
      provisional: z.boolean().default(false),
      /** What was checked and not found, or what is assumed. */
      note: z.string().optional(),
      /** Holidays, compensatory days off and swapped days. */
      daysOff: z.array(DayEntry).default([]),
      /** Weekend days worked instead (làm bù). */
      workdays: z.array(DayEntry).default([]),
    }),
  ),
  /**
   * The Labour Code's holidays as rules, for years the Government has not yet decided: to write a new year
   * (scripts/generate-calendar-year.ts) and to count past the last year (`extendYears`).
   */
  statutory: z
    .strictObject({
      /** The legal basis. */
      legal: Legal.default([]),
      /** The holidays. */
      holidays: z.array(StatutoryHolidaySchema).min(1),
      /** A holiday on a weekly day off gives a day off on the next working day (or none). */
      compensatory: z.enum(['next-working-day', 'none']).default('next-working-day'),
      /** Hours east of UTC at which lunar dates are reckoned. */
      lunarTimeZone: z.number().int().min(-12).max(14).default(7),
      /** Years after the last one counted from these rules alone, with a warning on every due date there. */
      extendYears: z.number().int().min(0).max(3).default(0),
      /** A note. */
      note: z.string().optional(),
    })
    .optional(),
});
/**
 * A calendar file after validation and defaults.
 * @example const data: CalendarFileData = CalendarFileSchema.parse(doc)
 */
export type CalendarFileData = z.output<typeof CalendarFileSchema>;
