/**
 * A year's days off as the Labour Code gives them, before the Government's decisions for that year: the holidays
 * a calendar file lists under `statutory:` (solar dates, and lunar ones placed with `lunar.ts`), and a
 * compensatory day on the next working day for each holiday that falls on a weekly day off. Every day it gives
 * is provisional: the Prime Minister fixes where the Tết days and the second National Day fall, and may swap
 * working days. Used to write a new year into a calendar file (scripts/generate-calendar-year.ts) and to count
 * past a file's last year (`extendYears`). Pure: no Node.
 * @module
 */
import { dayOf, daysInMonth, isoOf, weekdayOf } from './dates.js';
import { canChi, lunarToDay } from './lunar.js';

/**
 * One holiday of the statutory rules, as the calendar file states it (`statutory.holidays`).
 * @example const tet: StatutoryHoliday = { name: 'Tết Nguyên đán {canChi}', lunar: '01-01', days: 5, daysBefore: 2 }
 */
export interface StatutoryHoliday {
  /** Its name; `{canChi}` is replaced by the lunar year's name (e.g. "Đinh Mùi"), `{year}` by the year. */
  readonly name: string;
  /** A solar date, MM-DD. */
  readonly date?: string | undefined;
  /** A lunar date, MM-DD (never in a leap month). */
  readonly lunar?: string | undefined;
  /** How many days off in a row (Tết Âm lịch 5, Quốc khánh 2). */
  readonly days: number;
  /** How many of them come before the date (Tết: days before mùng 1; Quốc khánh 0: the adjacent day is 3/9). */
  readonly daysBefore: number;
  /** Why the days are placed so, when the law leaves the placement to the Prime Minister. */
  readonly assumption?: string | undefined;
}

/**
 * The statutory rules of a calendar file (`statutory:`), after defaults.
 * @example statutoryYear(rules, 2027, ['saturday', 'sunday'])
 */
export interface StatutoryRules {
  /** The holidays. */
  readonly holidays: readonly StatutoryHoliday[];
  /** A holiday on a weekly day off gives a day off on the next working day (Bộ luật Lao động 2019, Điều 111 khoản 3). */
  readonly compensatory: 'next-working-day' | 'none';
  /** Hours east of UTC at which the lunar calendar is reckoned (Vietnam: 7). */
  readonly lunarTimeZone: number;
  /** The citation written into each generated day's source. */
  readonly source: string;
}

/**
 * A generated day off or run of days off, in the calendar file's entry shape.
 * @example { from: '2027-02-04', to: '2027-02-08', name: 'Tết Nguyên đán Đinh Mùi', kind: 'holiday', assumed: true, … }
 */
export interface StatutoryEntry {
  /** The day, when a single day. */
  readonly date?: string;
  /** First day of a run. */
  readonly from?: string;
  /** Last day of a run. */
  readonly to?: string;
  /** The entry's name. */
  readonly name: string;
  /** holiday or compensatory. */
  readonly kind: 'holiday' | 'compensatory';
  /** The rule it comes from. */
  readonly source: string;
  /** The placement assumption, when there is one. */
  readonly note?: string;
  /** True when the days rest on a placement assumption (the holiday's, or the one a compensatory day follows). */
  readonly assumed: boolean;
}

const WEEKDAY_IDS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const WEEKDAY_VI = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'] as const;

/** Day and month as written in Vietnamese texts: "6/2". */
function dm(day: number): string {
  const iso = isoOf(day);
  return `${Number(iso.slice(8, 10))}/${Number(iso.slice(5, 7))}`;
}

/**
 * The day number a holiday's date falls on in a year, or undefined when that date does not exist in it (a lunar
 * day 30 of a 29-day month).
 * @example isoOf(holidayDay({ name: 'Giỗ Tổ', lunar: '03-10', days: 1, daysBefore: 0 }, 2027, 7)!) // "2027-04-16"
 */
export function holidayDay(h: StatutoryHoliday, year: number, tz: number): number | undefined {
  const [m, d] = (h.date ?? h.lunar ?? '').split('-').map(Number) as [number, number];
  if (h.date !== undefined) return d <= daysInMonth(year, m) ? dayOf(year, m, d) : undefined;
  return lunarToDay({ year, month: m, day: d, leap: false }, tz);
}

/**
 * The statutory days off of a year: each holiday's run of days, then the compensatory days, in date order.
 * A lunar holiday is placed in the lunar year that starts in `year` (so Tết is always in it).
 *
 * @example
 * ```ts
 * statutoryYear(rules, 2027, ['saturday', 'sunday']).map((e) => e.date ?? `${e.from}..${e.to}`)
 * // ['2027-01-01', '2027-02-04..2027-02-08', '2027-02-09..2027-02-10', '2027-04-16', '2027-04-30', '2027-05-01', '2027-05-03', '2027-09-02..2027-09-03']
 * ```
 */
export function statutoryYear(rules: StatutoryRules, year: number, weekend: readonly string[]): StatutoryEntry[] {
  const isWeekend = (d: number) => weekend.includes(WEEKDAY_IDS[weekdayOf(d)]!);
  const first = dayOf(year, 1, 1);
  const last = dayOf(year, 12, 31);
  const runs: { from: number; to: number; name: string; note?: string }[] = [];
  for (const h of rules.holidays) {
    const at = holidayDay(h, year, rules.lunarTimeZone);
    if (at === undefined) continue;
    const from = Math.max(first, at - h.daysBefore);
    const to = Math.min(last, at - h.daysBefore + h.days - 1);
    const name = h.name.replace('{canChi}', canChi(year)).replace('{year}', String(year));
    runs.push({ from, to, name, ...(h.assumption !== undefined ? { note: h.assumption } : {}) });
  }
  runs.sort((a, b) => a.from - b.from);
  const off = new Set<number>();
  for (const r of runs) for (let d = r.from; d <= r.to; d++) off.add(d);
  // Điều 111 khoản 3: each holiday on a weekly day off moves to the next working day not already off.
  const comp = new Map<number, { origin: string; day: number; assumed: boolean }>();
  if (rules.compensatory === 'next-working-day') {
    for (const r of runs) {
      for (let d = r.from; d <= r.to; d++) {
        if (!isWeekend(d)) continue;
        let c = d + 1;
        while (isWeekend(c) || off.has(c) || comp.has(c)) c++;
        if (c <= last) comp.set(c, { origin: r.name, day: d, assumed: r.note !== undefined });
      }
    }
  }
  const out: StatutoryEntry[] = [];
  const entry = (
    from: number,
    to: number,
    name: string,
    kind: 'holiday' | 'compensatory',
    assumed: boolean,
    note?: string,
  ): StatutoryEntry => ({
    ...(from === to ? { date: isoOf(from) } : { from: isoOf(from), to: isoOf(to) }),
    name,
    kind,
    source: rules.source,
    ...(note !== undefined ? { note } : {}),
    assumed,
  });
  const items: { at: number; e: StatutoryEntry }[] = runs.map((r) => ({
    at: r.from,
    e: entry(r.from, r.to, r.name, 'holiday', r.note !== undefined, r.note),
  }));
  // Consecutive compensatory days for one holiday make one entry: "Nghỉ bù Tết … (6/2, 7/2 là thứ Bảy, Chủ nhật)".
  const days = [...comp.keys()].sort((a, b) => a - b);
  for (let i = 0; i < days.length;) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j]! + 1 && comp.get(days[j + 1]!)!.origin === comp.get(days[i]!)!.origin) j++;
    const group = days.slice(i, j + 1).map((d) => comp.get(d)!);
    const why = `${group.map((g) => dm(g.day)).join(', ')} là ${[...new Set(group.map((g) => WEEKDAY_VI[weekdayOf(g.day)]))].join(', ')}`;
    items.push({ at: days[i]!, e: entry(days[i]!, days[j]!, `Nghỉ bù ${group[0]!.origin} (${why})`, 'compensatory', group[0]!.assumed) });
    i = j + 1;
  }
  items.sort((a, b) => a.at - b.at);
  for (const it of items) out.push(it.e);
  return out;
}
