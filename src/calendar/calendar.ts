/**
 * Working-day calendars (lịch ngày làm việc): weekends, public holidays, compensatory days, day swaps and
 * make-up working days, kept as data per year with the document that announced them
 * (`data/calendars/vn.yaml`, format `par-index/calendar@1`). From it: whether a day is a working day, due
 * dates from a processing time in working days (thời hạn giải quyết), in hours ("1 giờ", "1/2 ngày") or the
 * same day ("trong ngày"), and whether a dossier was resolved early, on time or late. Pure: no Node.
 * @module
 */
import type { z } from 'zod';
import { deepFreeze } from '../core/document.js';
import type { Limits } from '../core/limits.js';
import { issue, ParIndexError, type Issue } from '../core/errors.js';
import { readDocument } from '../core/zod-helpers.js';
import {
  CALENDAR_FORMAT,
  CALENDAR_FORMAT_VERSION,
  CalendarFileSchema,
  WEEKDAYS,
  type CalendarFileData,
  type DayEntry,
} from './calendar-file.js';
import { dayFromIso, dayOf, displayDate, isoOf, parseTime, weekdayOf } from './dates.js';
import { statutoryYear, type StatutoryEntry, type StatutoryRules } from './statutory.js';
import type { DayNote, DueMoment, DueRule, WorkingCalendar } from './working-calendar.js';

type StatutoryData = NonNullable<CalendarFileData['statutory']>;

function rulesOf(st: StatutoryData): StatutoryRules {
  const legal = st.legal.map((l) => (l.article ? `${l.ref}, ${l.article}` : l.ref)).join('; ');
  return {
    holidays: st.holidays,
    compensatory: st.compensatory,
    lunarTimeZone: st.lunarTimeZone,
    source: `${legal || 'statutory rules'} (tính theo luật, chưa có văn bản của năm)`,
  };
}

/**
 * A year's days off from a calendar file's statutory rules alone (`statutory:`), as entries of the file's shape:
 * what `scripts/generate-calendar-year.ts` writes for a year the Government has not yet decided. Throws
 * {@link ParIndexError} when the file is invalid or has no `statutory` section.
 *
 * @example statutoryDaysOff(yamlText, 2027)[1] // { from: '2027-02-04', to: '2027-02-08', name: 'Tết Nguyên đán Đinh Mùi', kind: 'holiday', … }
 */
export function statutoryDaysOff(input: unknown, year: number, opts: { file?: string | undefined } = {}): StatutoryEntry[] {
  const data = readDocument(
    input,
    { file: opts.file },
    { format: CALENDAR_FORMAT, version: CALENDAR_FORMAT_VERSION, schema: CalendarFileSchema },
  );
  if (!data.statutory)
    throw new ParIndexError([
      issue(
        'calendar.invalid',
        'error',
        ['statutory'],
        'the calendar has no statutory rules to compute a year from',
        'lịch không có quy tắc ngày nghỉ theo luật (statutory) để tính một năm',
        { file: opts.file },
      ),
    ]);
  return statutoryYear(rulesOf(data.statutory), year, data.weekend);
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
export function loadCalendar(
  input: unknown,
  opts: { file?: string | undefined; limits?: Partial<Limits> | undefined } = {},
): WorkingCalendar {
  const file = opts.file;
  const data = readDocument(
    input,
    { file, limits: opts.limits },
    { format: CALENDAR_FORMAT, version: CALENDAR_FORMAT_VERSION, schema: CalendarFileSchema },
  );
  const issues: Issue[] = [];
  const years = Object.keys(data.years)
    .map(Number)
    .sort((a, b) => a - b);
  if (years.length === 0)
    throw new ParIndexError([
      issue('calendar.invalid', 'error', ['years'], 'the calendar covers no year', 'lịch không có năm nào', { file }),
    ]);
  for (let i = 1; i < years.length; i++) {
    if (years[i] !== years[i - 1]! + 1)
      issues.push(
        issue(
          'calendar.invalid',
          'error',
          ['years'],
          `years must follow each other: ${years[i - 1]} is followed by ${years[i]}`,
          `các năm phải liên tiếp: sau ${years[i - 1]} là ${years[i]}`,
          { file },
        ),
      );
  }
  const st = data.statutory;
  const lastYear = years[years.length - 1]!;
  const extraYears = st ? st.extendYears : 0;
  const first = dayOf(years[0]!, 1, 1);
  const coverLast = dayOf(lastYear, 12, 31);
  // Past the file, the statutory years (if any) are counted too; `covers` stays the file's years.
  const last = dayOf(lastYear + extraYears, 12, 31);
  const span = last - first + 1;
  const weekend = new Set(data.weekend.map((w) => WEEKDAYS.indexOf(w)));
  const working = new Uint8Array(span);
  // 1 for a day whose status is an assumption: a provisional year or entry, or a statutory year past the file.
  const unsure = new Uint8Array(span);
  const notes = new Map<number, DayNote>();
  /** Provisional entries, named in warnings: "Tết Nguyên đán Đinh Mùi 04/02/2027–08/02/2027". */
  const assumed: { from: number; to: number; name: string }[] = [];
  for (let i = 0; i < span; i++) {
    const wd = weekdayOf(first + i);
    working[i] = weekend.has(wd) ? 0 : 1;
  }
  const off = new Set<number>();
  type Entry = z.output<typeof DayEntry>;
  const mark = (
    y: number,
    yd: { source: string; provisional: boolean; daysOff: readonly Entry[]; workdays: readonly Entry[] },
    section: 'daysOff' | 'workdays',
  ) => {
    yd[section].forEach((e, idx) => {
      const path = ['years', String(y), section, idx];
      const a = dayFromIso(e.date ?? e.from!)!;
      const b = dayFromIso(e.date ?? e.to!)!;
      if (b < a) {
        issues.push(
          issue('calendar.invalid', 'error', path, `from ${e.from} is after to ${e.to}`, `từ ngày ${e.from} sau đến ngày ${e.to}`, {
            file,
          }),
        );
        return;
      }
      const provisional = e.provisional || yd.provisional;
      // Named in warnings: the file's assumed entries, and every day off of a statutory year past the file.
      if (e.provisional || y > lastYear) assumed.push({ from: a, to: b, name: e.name });
      for (let d = a; d <= b; d++) {
        const iso = isoOf(d);
        if (Number(iso.slice(0, 4)) !== y) {
          issues.push(
            issue('calendar.invalid', 'error', path, `${iso} is listed under year ${y}`, `ngày ${iso} được ghi trong năm ${y}`, { file }),
          );
          break;
        }
        const i = d - first;
        const source = e.source ?? yd.source;
        if (e.provisional) unsure[i] = 1;
        if (section === 'daysOff') {
          if (off.has(d))
            issues.push(
              issue('calendar.invalid', 'error', path, `${iso} is listed twice as a day off`, `ngày ${iso} được ghi hai lần là ngày nghỉ`, {
                file,
              }),
            );
          off.add(d);
          working[i] = 0;
          notes.set(d, { date: iso, name: e.name, kind: e.kind ?? 'holiday', source, verified: e.verified && !provisional, provisional });
        } else {
          if (!weekend.has(weekdayOf(d)))
            issues.push(
              issue(
                'calendar.invalid',
                'error',
                path,
                `${iso} is a ${WEEKDAYS[weekdayOf(d)]}, already a working day: a make-up day must be a weekend day`,
                `ngày ${iso} vốn là ngày làm việc: ngày làm bù phải là ngày nghỉ hằng tuần`,
                { file },
              ),
            );
          if (off.has(d))
            issues.push(
              issue(
                'calendar.invalid',
                'error',
                path,
                `${iso} is both a day off and a make-up working day`,
                `ngày ${iso} vừa là ngày nghỉ vừa là ngày làm bù`,
                { file },
              ),
            );
          working[i] = 1;
          notes.set(d, { date: iso, name: e.name, kind: 'make-up', source, verified: e.verified && !provisional, provisional });
        }
      }
    });
  };
  const markYear = (y: number) => unsure.fill(1, dayOf(y, 1, 1) - first, dayOf(y, 12, 31) - first + 1);
  for (const y of years) {
    const yd = data.years[String(y)]!;
    if (yd.provisional) markYear(y);
    mark(y, yd, 'daysOff');
    mark(y, yd, 'workdays');
  }
  if (st && extraYears > 0) {
    const rules = rulesOf(st);
    for (let y = lastYear + 1; y <= lastYear + extraYears; y++) {
      markYear(y);
      const daysOff = statutoryYear(rules, y, data.weekend).map(({ assumed, ...e }) => ({ ...e, verified: false, provisional: assumed }));
      mark(y, { source: rules.source, provisional: true, daysOff, workdays: [] }, 'daysOff');
    }
  }
  ParIndexError.throwIfErrors(issues);

  // ordinal[i] = working days in [first, first + i); workdays = the working days in order.
  const ordinal = new Int32Array(span + 1);
  const workdays: number[] = [];
  // unsureBefore[i] = provisional days in [first, first + i): any in a window is one subtraction.
  const unsureBefore = new Int32Array(span + 1);
  for (let i = 0; i < span; i++) {
    ordinal[i + 1] = ordinal[i]! + working[i]!;
    unsureBefore[i + 1] = unsureBefore[i]! + unsure[i]!;
    if (working[i]) workdays.push(first + i);
  }
  const sessions = (
    data.workingHours?.sessions ?? [
      { from: '07:30', to: '11:30' },
      { from: '13:30', to: '17:30' },
    ]
  ).map((s) => [parseTime(s.from)!, parseTime(s.to)!] as const);
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
        if (rule.days === 0) return dayOnly(isWorkingFast(start) ? start : (nextWorking(start) ?? start));
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
  const toDay = (date: string | number, what: string, upTo = coverLast): number => {
    const d = typeof date === 'number' ? date : dayFromIso(date);
    if (d === undefined)
      throw new ParIndexError([
        issue('calendar.out-of-range', 'error', [], `"${date}" is not a date (YYYY-MM-DD)`, `"${date}" không phải ngày (YYYY-MM-DD)`, {
          file,
        }),
      ]);
    if (d < first || d > upTo) throw outOfRange(d, what);
    return d;
  };
  const outOfRange = (d: number, what: string) =>
    new ParIndexError([
      issue(
        'calendar.out-of-range',
        'error',
        [],
        `${what}: ${isoOf(d)} is outside calendar ${data.id}, which covers ${isoOf(first)} to ${isoOf(coverLast)}${last > coverLast ? ` (and, from the statutory rules alone, to ${isoOf(last)})` : ''}; add the year with its source to the calendar file, or give your own file (see docs/calendar.md)`,
        `${what}: ngày ${isoOf(d)} nằm ngoài lịch ${data.id} (từ ${isoOf(first)} đến ${isoOf(coverLast)}${last > coverLast ? `; tính theo luật đến ${isoOf(last)}` : ''}); cần bổ sung năm đó kèm căn cứ vào tệp lịch, hoặc dùng tệp lịch riêng (xem docs/calendar.md)`,
        { file },
      ),
    ]);

  const uncertainFast = (a: number, b: number): boolean => {
    if (b < a) return false;
    if (a < first || b > last) return true;
    return unsureBefore[b - first + 1]! - unsureBefore[a - first]! > 0;
  };
  const provisionalYears = years.filter((y) => data.years[String(y)]!.provisional).map(String);
  const fileName = file ?? `calendar ${data.id}`;
  const howTo = {
    en: `add the year's announcing document to the calendar file (${fileName}), or give your own calendar file: "calendar: FILE" in the descriptor, --calendar FILE on the command line, readCalendar(path) or loadCalendar(text) in code (docs/calendar.md)`,
    vi: `bổ sung văn bản công bố lịch nghỉ của năm vào tệp lịch (${fileName}), hoặc dùng tệp lịch riêng: "calendar: TỆP" trong tệp mô tả, --calendar TỆP trên dòng lệnh, readCalendar(path) hoặc loadCalendar(text) trong mã (docs/calendar.md)`,
  };
  // A million-row export repeats a few hundred windows: describe each once.
  const windowMemo = new Map<number, Issue | undefined>();
  const windowIssue = (a: number, b: number): Issue | undefined => {
    if (!uncertainFast(a, b)) return undefined;
    const key = a * 1_000_000 + (b - a); // dates are 1900–2200: b − a < 10⁶
    if (windowMemo.has(key)) return windowMemo.get(key);
    const beyondFile = b > coverLast;
    const span2 = `${displayDate(a)}–${displayDate(b)}`;
    const named = assumed.filter((x) => x.to >= a && x.from <= b).slice(0, 4);
    const namedText = named
      .map((x) => `${x.name} ${x.from === x.to ? displayDate(x.from) : `${displayDate(x.from)}–${displayDate(x.to)}`}`)
      .join('; ');
    const fromYear = Number(isoOf(Math.max(a, first)).slice(0, 4));
    const toYear = Number(isoOf(Math.min(b, coverLast)).slice(0, 4));
    const fileYears = provisionalYears.filter((y) => Number(y) >= fromYear && Number(y) <= toYear);
    const en: string[] = [];
    const vi: string[] = [];
    if (fileYears.length) {
      en.push(
        `${fileYears.join(', ')} ${fileYears.length > 1 ? 'are' : 'is'} provisional in calendar ${data.id} (the Labour Code's days only: the year's Tết and National Day decisions, swaps and make-up days are not in it)`,
      );
      vi.push(
        `năm ${fileYears.join(', ')} trong lịch ${data.id} là tạm tính (chỉ có ngày nghỉ theo Bộ luật Lao động: chưa có quyết định về Tết, Quốc khánh, hoán đổi và làm bù của năm)`,
      );
    }
    if (beyondFile) {
      en.push(
        `days after ${displayDate(coverLast)} are past calendar ${data.id}'s last year and counted from the statutory holidays alone${b > last ? `, up to ${displayDate(last)}` : ''}`,
      );
      vi.push(
        `các ngày sau ${displayDate(coverLast)} nằm ngoài năm cuối của lịch ${data.id}, chỉ tính theo ngày lễ do luật định${b > last ? `, đến ${displayDate(last)}` : ''}`,
      );
    }
    if (!fileYears.length && !beyondFile) {
      en.push(`calendar ${data.id} marks days in it as provisional`);
      vi.push(`lịch ${data.id} ghi một số ngày trong đó là tạm tính`);
    }
    const w = issue(
      beyondFile ? 'calendar.beyond-coverage' : 'calendar.provisional',
      'warning',
      [],
      `counted over ${span2}: ${en.join('; ')}${namedText ? `; assumed: ${namedText}` : ''}. The due date may change: ${howTo.en}`,
      `tính hạn qua các ngày ${span2}: ${vi.join('; ')}${namedText ? `; giả định: ${namedText}` : ''}. Hạn giải quyết có thể thay đổi: ${howTo.vi}`,
      { file },
    );
    if (windowMemo.size < 4096) windowMemo.set(key, w);
    return w;
  };

  const sources: Record<string, string> = {};
  for (const y of years) sources[String(y)] = data.years[String(y)]!.source;
  const cal: WorkingCalendar = {
    id: data.id,
    title: data.title,
    covers: { from: isoOf(first), to: isoOf(coverLast) },
    sources,
    provisionalYears,
    beyond: last > coverLast ? { from: isoOf(coverLast + 1), to: isoOf(last) } : undefined,
    minutesPerDay,
    counting,
    isWorkingDay: (date) => isWorkingFast(toDay(date, 'isWorkingDay')),
    note(date) {
      const d = toDay(date, 'note', last);
      const n = notes.get(d);
      if (n) return n;
      if (weekend.has(weekdayOf(d)))
        return {
          date: isoOf(d),
          name: WEEKDAYS[weekdayOf(d)]!,
          kind: 'weekend',
          source: 'Quyết định 188/1999/QĐ-TTg',
          verified: true,
          provisional: false,
        };
      return undefined;
    },
    addWorkingDays(date, n) {
      const d = toDay(date, 'addWorkingDays');
      const r = n === 0 ? nextWorking(d) : addFast(d, n);
      if (r === null || r > coverLast) throw outOfRange(r ?? d + n, `${n} working days after ${date}`);
      return isoOf(r);
    },
    workingDaysBetween(a, b) {
      const x = toDay(a, 'workingDaysBetween');
      const y = toDay(b, 'workingDaysBetween');
      return ordinal[y - first + 1]! - ordinal[x - first + 1]!;
    },
    due(received, rule) {
      toDay(received.day, 'due date');
      const r = dueFast(received, rule);
      if (r === null || r.day > coverLast) throw outOfRange(r?.day ?? received.day, 'due date');
      return r;
    },
    dueChecked(received, rule) {
      toDay(received.day, 'due date', last);
      const r = dueFast(received, rule);
      if (r === null) throw outOfRange(received.day, 'due date');
      return { due: r, warning: windowIssue(received.day, r.day) };
    },
    checkWindow(a, b) {
      const x = toDay(a, 'checkWindow', Infinity);
      const y = toDay(b, 'checkWindow', Infinity);
      return windowIssue(Math.min(x, y), Math.max(x, y));
    },
    fast: {
      first,
      last,
      isWorkingDay: (d) => inRange(d) && isWorkingFast(d),
      nextWorkingDay: nextWorking,
      addWorkingDays: addFast,
      due: dueFast,
      uncertain: uncertainFast,
    },
  };
  // Freeze the object and its plain parts; the typed arrays stay private in the closures.
  Object.freeze(cal.fast);
  deepFreeze(cal.covers);
  deepFreeze(cal.sources);
  deepFreeze(cal.provisionalYears);
  if (cal.beyond) deepFreeze(cal.beyond);
  deepFreeze(cal.counting);
  return Object.freeze(cal);
}
