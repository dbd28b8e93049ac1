/**
 * Calendar dates as day numbers (số ngày kể từ 1970-01-01, UTC) and the date formats one-stop exports write:
 * `dd/mm/yyyy` (as Vietnamese systems write), `dd-mm-yyyy`, `dd.mm.yyyy`, ISO `yyyy-mm-dd`, each with an
 * optional time, and Excel serial numbers from XLSX cells that were not formatted as dates. Pure: no Node.
 *
 * Why hand-written: a date in a 1,000,000-row export is parsed twice per row; a character-code scanner is an
 * order of magnitude faster than a regular expression or a date library, and the formats are few and fixed.
 * Anything that is not one of them is refused, never guessed.
 * @module
 */

/**
 * Which way a date was written.
 * @example parseDateTime('2021-12-15').style // 'iso'
 */
export type DateStyle = 'dmy' | 'iso' | 'excel';

/**
 * A parsed date (and time of day, when the cell had one).
 * @example const v = parseDateTime('15/12/2021 08:30'); if (isDateValue(v)) v.minute // 510
 */
export interface DateTimeValue {
  /** Days since 1970-01-01. */
  readonly day: number;
  /** Minutes since midnight, when a time was written. */
  readonly minute: number | undefined;
  /** How it was written: dd/mm/yyyy, ISO or an Excel serial number. */
  readonly style: DateStyle;
}

/**
 * Why a date could not be read.
 * @example const p = parseDateTime('31/02/2021'); if (!isDateValue(p)) console.log(p.vi)
 */
export interface DateProblem {
  /** The problem in English. */
  readonly en: string;
  /** The problem in Vietnamese. */
  readonly vi: string;
}

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * Days in a month (1–12).
 * @example daysInMonth(2024, 2) // 29
 */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * The day number of a calendar date (no validation).
 * @example dayOf(1970, 1, 2) // 1
 */
export function dayOf(y: number, m: number, d: number): number {
  // Days from 1970-01-01 by counting leap years, so no Date object is built per row.
  const yy = y - 1;
  const leaps = Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400) - 477; // 477 leap years before 1970
  return (y - 1970) * 365 + leaps + (DAYS_BEFORE_MONTH[m - 1] ?? 0) + (m > 2 && isLeap(y) ? 1 : 0) + d - 1;
}

/**
 * The ISO date `yyyy-mm-dd` of a day number.
 * @example isoOf(18993) // "2022-01-01"
 */
export function isoOf(day: number): string {
  const dt = new Date(day * 86_400_000);
  return dt.toISOString().slice(0, 10);
}

/**
 * The weekday of a day number: 0 Sunday … 6 Saturday.
 * @example weekdayOf(dayFromIso('2021-03-05')!) // 5 (Friday)
 */
export function weekdayOf(day: number): number {
  // 1970-01-01 was a Thursday.
  return (((day + 4) % 7) + 7) % 7;
}

/**
 * The day number of an ISO date `yyyy-mm-dd`, or undefined when it is not an existing date.
 * @example dayFromIso('2021-12-15') // 18976
 */
export function dayFromIso(s: string): number | undefined {
  const r = parseDateTime(s, 'iso');
  return typeof r === 'object' && 'day' in r && r.minute === undefined ? r.day : undefined;
}

/**
 * Written `dd/mm/yyyy` day and month, "07:30", and weekday names for messages.
 * @example displayDate(dayFromIso('2021-12-15')!) // "15/12/2021"
 */
export function displayDate(day: number): string {
  const iso = isoOf(day);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/**
 * "HH:MM" of minutes since midnight.
 * @example displayTime(510) // "08:30"
 */
export function displayTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/**
 * Minutes since midnight of "HH:MM" or "HH:MM:SS"; undefined when malformed.
 * @example parseTime('13:30') // 810
 */
export function parseTime(s: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  if (h > 23 || mi > 59) return undefined;
  return h * 60 + mi;
}

function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    // Past the end of the text charCodeAt gives NaN, which no comparison catches: "10/10/20" read year NaN.
    const c = s.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    v = v * 10 + c;
  }
  return to > from ? v : -1;
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/**
 * Reads a date (and optional time) as a one-stop export writes it. `expect` restricts the accepted style.
 * Returns the value, or a problem in both languages. A slash date whose second part exceeds 12 is refused as
 * "looks like mm/dd/yyyy" rather than read the other way round. A time with a zone (`Z`, `+hh:mm`) is converted to
 * Vietnam time (UTC+7), so its day may change; a time without one is taken as Vietnam time.
 *
 * @example
 * ```ts
 * parseDateTime('15/12/2021 14:05') // { day: 18976, minute: 845, style: 'dmy' }
 * parseDateTime('2021-12-15')        // { day: 18976, minute: undefined, style: 'iso' }
 * parseDateTime('2021-12-15T20:00Z')  // { day: 18977, minute: 180, style: 'iso' } (03:00 on 16/12 in Vietnam)
 * ```
 */
export function parseDateTime(input: string | number, expect?: DateStyle): DateTimeValue | DateProblem {
  if (typeof input === 'number') {
    // An XLSX cell holding a number: an Excel serial date (days since 1899-12-30), fraction = time of day.
    if (expect !== undefined && expect !== 'excel')
      return { en: `a number (${input}) where a date was expected`, vi: `là số (${input}) trong khi cần ngày` };
    // Serials 2 (1900-01-01 on this epoch) to 109 939 (2200-12-31): the same years as dates written as text.
    if (!Number.isFinite(input) || input < 2 || input >= 109_940)
      return { en: `${input} is not an Excel date serial (1900–2200)`, vi: `${input} không phải ngày dạng số của Excel (1900–2200)` };
    const whole = Math.floor(input);
    const frac = input - whole;
    return { day: whole - 25_569, minute: frac > 0 ? Math.round(frac * 1440) % 1440 : undefined, style: 'excel' };
  }
  const s = input.trim();
  let y: number;
  let mo: number;
  let d: number;
  let rest: number;
  let style: DateStyle;
  // ISO: yyyy-mm-dd
  if (s.length >= 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
    y = digits(s, 0, 4);
    mo = digits(s, 5, 7);
    d = digits(s, 8, 10);
    rest = 10;
    style = 'iso';
  } else {
    // d/m/yyyy with / - or . as separator, 1 or 2 digits for day and month
    const sep1 = s.search(/[/.-]/);
    if (sep1 < 1 || sep1 > 2)
      return {
        en: `"${s}" is not a date (expected dd/mm/yyyy or yyyy-mm-dd)`,
        vi: `"${s}" không phải ngày (cần dd/mm/yyyy hoặc yyyy-mm-dd)`,
      };
    const sep = s[sep1]!;
    const sep2 = s.indexOf(sep, sep1 + 1);
    if (sep2 < sep1 + 2 || sep2 > sep1 + 3)
      return {
        en: `"${s}" is not a date (expected dd/mm/yyyy or yyyy-mm-dd)`,
        vi: `"${s}" không phải ngày (cần dd/mm/yyyy hoặc yyyy-mm-dd)`,
      };
    d = digits(s, 0, sep1);
    mo = digits(s, sep1 + 1, sep2);
    y = digits(s, sep2 + 1, sep2 + 5);
    rest = sep2 + 5;
    style = 'dmy';
    if (mo > 12 && d >= 1 && d <= 12) {
      return {
        en: `"${s}" has month ${mo}: it looks like mm/dd/yyyy, but this file is read as dd/mm/yyyy`,
        vi: `"${s}" có tháng ${mo}: có vẻ viết theo kiểu tháng/ngày/năm, trong khi tệp được đọc theo ngày/tháng/năm`,
      };
    }
  }
  if (expect !== undefined && expect !== style) {
    return {
      en: `"${s}" is written ${style === 'iso' ? 'yyyy-mm-dd' : 'dd/mm/yyyy'}; the column mapping declares ${expect === 'iso' ? 'yyyy-mm-dd' : expect === 'dmy' ? 'dd/mm/yyyy' : 'Excel serial numbers'}`,
      vi: `"${s}" viết theo kiểu ${style === 'iso' ? 'yyyy-mm-dd' : 'dd/mm/yyyy'}; tệp ánh xạ cột khai báo ${expect === 'iso' ? 'yyyy-mm-dd' : expect === 'dmy' ? 'dd/mm/yyyy' : 'số ngày Excel'}`,
    };
  }
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
    return { en: `"${s}" is not an existing date`, vi: `"${s}" không phải ngày có thật` };
  }
  let minute: number | undefined;
  let day = dayOf(y, mo, d);
  if (rest < s.length) {
    let tail = s.slice(rest).replace(/^[T ]+/, '');
    // A zone (Z, +07:00, -0500) after the time: the moment is elsewhere's clock, read in Vietnam's.
    const zone = /(?:\.\d+)?(?:Z|([+-])(\d{2}):?(\d{2}))?$/.exec(tail)!;
    const east = zone[0].endsWith('Z') ? 0 : zone[1] === undefined ? undefined : Number(zone[2]) * 60 + Number(zone[3]);
    if (east !== undefined && (Number(zone[2] ?? 0) > 14 || Number(zone[3] ?? 0) > 59))
      return { en: `"${s}" has an unreadable time zone "${zone[0]}"`, vi: `"${s}" có múi giờ không đọc được "${zone[0]}"` };
    tail = tail.slice(0, tail.length - zone[0].length);
    if (tail !== '') {
      const t = parseTime(tail);
      if (t === undefined) return { en: `"${s}" has an unreadable time "${tail}"`, vi: `"${s}" có giờ không đọc được "${tail}"` };
      minute = t;
      if (east !== undefined) {
        // Days and times of day are Vietnam's (UTC+7): 2021-03-01T20:00Z is 03:00 on 2 March there.
        const vn = day * 1440 + t + (VIETNAM_UTC_OFFSET - (zone[1] === '-' ? -east : east));
        day = Math.floor(vn / 1440);
        minute = vn - day * 1440;
      }
    }
  }
  return { day, minute, style };
}

/** Vietnam's offset from UTC in minutes (UTC+7, no daylight saving time). */
const VIETNAM_UTC_OFFSET = 7 * 60;

/**
 * True when a parse result is a value rather than a problem.
 * @example isDateValue(parseDateTime('01/03/2021')) // true
 */
export function isDateValue(r: DateTimeValue | DateProblem): r is DateTimeValue {
  return (r as DateTimeValue).day !== undefined;
}
