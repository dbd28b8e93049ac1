/** The working-day calendar: Tết, make-up Saturdays, year ends, deadlines in days, hours and "trong ngày". */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { displayDue, loadCalendar, timeliness } from '../src/calendar/calendar.js';
import { dayFromIso, isDateValue, parseDateTime, weekdayOf } from '../src/calendar/dates.js';
import { ParIndexError } from '../src/core/errors.js';
import { readCalendar } from '../src/io/dossier-source.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const text = readFileSync(`${root}data/calendars/vn.yaml`, 'utf8');
const cal = loadCalendar(text, { file: 'data/calendars/vn.yaml' });
const d = (iso: string) => ({ day: dayFromIso(iso)!, minute: undefined });
const at = (iso: string, hhmm: string) => ({ day: dayFromIso(iso)!, minute: Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)) });

describe('the bundled calendar (data/calendars/vn.yaml)', () => {
  it('covers 2020–2026, each year with the document that announced it', () => {
    expect(cal.covers).toEqual({ from: '2020-01-01', to: '2026-12-31' });
    for (let y = 2020; y <= 2026; y++) expect(cal.sources[String(y)]!.length, String(y)).toBeGreaterThan(20);
    expect(cal.sources['2021']).toMatch(/4875\/TB-LĐTBXH/);
    expect(cal.sources['2024']).toMatch(/2450\/VPCP-KGVX/);
  });

  it('marks the dates it could not verify', () => {
    const raw = parse(text) as { years: Record<string, { daysOff: { verified?: boolean }[] }> };
    const unverified = Object.values(raw.years).flatMap((y) => y.daysOff.filter((e) => e.verified === false));
    expect(unverified.length).toBeGreaterThan(0);
    expect(cal.note('2026-09-01')!.verified).toBe(false);
    expect(cal.note('2021-02-12')!.verified).toBe(true);
  });

  it('Tết Tân Sửu 2021: 10–16/2 off; a 1-day deadline from 9/2 falls on 17/2', () => {
    for (const x of ['2021-02-10', '2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16']) expect(cal.isWorkingDay(x), x).toBe(false);
    expect(cal.isWorkingDay('2021-02-09')).toBe(true);
    expect(cal.isWorkingDay('2021-02-17')).toBe(true);
    expect(cal.addWorkingDays('2021-02-09', 1)).toBe('2021-02-17');
    expect(cal.addWorkingDays('2021-02-08', 3)).toBe('2021-02-18');
    expect(cal.workingDaysBetween('2021-02-05', '2021-02-19')).toBe(5);
    expect(cal.note('2021-02-15')!.name).toMatch(/Tân Sửu/);
  });

  it('Tết Ất Tỵ 2025: 25/1–2/2 off, Monday 27/1 swapped, and Saturday 8/2 a make-up working day', () => {
    expect(cal.isWorkingDay('2025-01-24')).toBe(true);
    expect(cal.isWorkingDay('2025-01-27')).toBe(false);
    expect(cal.note('2025-01-27')!.kind).toBe('swap');
    expect(cal.isWorkingDay('2025-02-03')).toBe(true);
    expect(weekdayOf(dayFromIso('2025-02-08')!)).toBe(6);
    expect(cal.isWorkingDay('2025-02-08')).toBe(true);
    expect(cal.note('2025-02-08')!.kind).toBe('make-up');
    // Friday 7/2 + 1 working day = the make-up Saturday 8/2, not Monday 10/2.
    expect(cal.addWorkingDays('2025-02-07', 1)).toBe('2025-02-08');
    expect(cal.addWorkingDays('2025-01-24', 1)).toBe('2025-02-03');
  });

  it('make-up Saturdays of 2024 (4/5) and 2026 (10/1) count; ordinary Saturdays do not', () => {
    expect(cal.isWorkingDay('2024-05-04')).toBe(true);
    expect(cal.isWorkingDay('2024-04-29')).toBe(false);
    expect(cal.addWorkingDays('2024-04-26', 1)).toBe('2024-05-02');
    expect(cal.addWorkingDays('2024-05-03', 1)).toBe('2024-05-04');
    expect(cal.isWorkingDay('2026-01-10')).toBe(true);
    expect(cal.isWorkingDay('2026-01-02')).toBe(false);
    expect(cal.isWorkingDay('2026-01-17')).toBe(false);
  });

  it('year ends: 31/12/2021 + 1 working day is 4/1/2022 (1/1 a Saturday, 3/1 compensatory); 2022 → 2023 likewise', () => {
    expect(cal.addWorkingDays('2021-12-31', 1)).toBe('2022-01-04');
    expect(cal.note('2022-01-03')!.kind).toBe('compensatory');
    expect(cal.addWorkingDays('2022-12-30', 1)).toBe('2023-01-03');
    expect(cal.addWorkingDays('2020-12-31', 1)).toBe('2021-01-04');
  });

  it('refuses dates it does not cover, naming the range', () => {
    expect(() => cal.isWorkingDay('2027-01-04')).toThrow(/outside calendar vn, which covers 2020-01-01 to 2026-12-31/);
    expect(() => cal.addWorkingDays('2026-12-31', 1)).toThrow(ParIndexError);
    expect(cal.fast.addWorkingDays(dayFromIso('2026-12-31')!, 1)).toBeNull();
  });

  it('reads the bundled calendar by name through the io layer', () => {
    expect(readCalendar('vn').isWorkingDay('2023-05-02')).toBe(false);
  });
});

describe('due dates and lateness', () => {
  it('a dossier due Friday and resolved Monday is late', () => {
    // Received Monday 1/3/2021, 4 working days: due Friday 5/3.
    const due = cal.due(d('2021-03-01'), { kind: 'days', days: 4 });
    expect(displayDue(due)).toBe('05/03/2021');
    expect(timeliness(due, d('2021-03-08'))).toBe('late');
    expect(timeliness(due, d('2021-03-05'))).toBe('on-time');
    expect(timeliness(due, d('2021-03-04'))).toBe('early');
  });

  it('… unless the calendar says otherwise: Friday 30/4/2021 is a holiday and Monday 3/5 compensatory, so due Tuesday 4/5', () => {
    const due = cal.due(d('2021-04-26'), { kind: 'days', days: 4 });
    expect(displayDue(due)).toBe('04/05/2021');
    expect(timeliness(due, d('2021-05-03'))).not.toBe('late');
    expect(timeliness(due, d('2021-05-04'))).toBe('on-time');
    expect(timeliness(due, d('2021-05-05'))).toBe('late');
  });

  it('counts from the next working day when received on a day off (online on a Sunday)', () => {
    expect(displayDue(cal.due(d('2021-03-07'), { kind: 'days', days: 1 }))).toBe('09/03/2021');
    const asIs = loadCalendar({ ...parse(text), counting: { receivedOnDayOff: 'as-is' } });
    expect(displayDue(asIs.due(d('2021-03-07'), { kind: 'days', days: 1 }))).toBe('08/03/2021');
  });

  it('"trong ngày": due the same working day, or the next one after the 15:00 cut-off', () => {
    expect(displayDue(cal.due(at('2021-03-02', '09:00'), { kind: 'same-day' }))).toBe('02/03/2021');
    expect(displayDue(cal.due(at('2021-03-02', '15:30'), { kind: 'same-day' }))).toBe('03/03/2021');
    // Friday after 15:00 → Monday.
    expect(displayDue(cal.due(at('2021-03-05', '16:00'), { kind: 'same-day' }))).toBe('08/03/2021');
  });

  it('"1 giờ" and "1/2 ngày": working hours, across the lunch break and the night', () => {
    expect(displayDue(cal.due(at('2021-03-02', '08:00'), { kind: 'hours', hours: 1 }))).toBe('02/03/2021 09:00');
    expect(displayDue(cal.due(at('2021-03-02', '11:00'), { kind: 'hours', hours: 1 }))).toBe('02/03/2021 14:00');
    expect(displayDue(cal.due(at('2021-03-02', '17:00'), { kind: 'hours', hours: 1 }))).toBe('03/03/2021 08:00');
    expect(displayDue(cal.due(at('2021-03-05', '17:00'), { kind: 'hours', hours: 4 }))).toBe('08/03/2021 11:00');
    const due = cal.due(at('2021-03-02', '08:00'), { kind: 'hours', hours: 1 });
    expect(timeliness(due, at('2021-03-02', '08:55'))).toBe('on-time');
    expect(timeliness(due, at('2021-03-02', '09:05'))).toBe('late');
    // Without a time of receipt an hours deadline is checked to the day.
    expect(cal.due(d('2021-03-02'), { kind: 'hours', hours: 1 }).minute).toBeUndefined();
  });
});

describe('calendar files', () => {
  const base = parse(text) as Record<string, unknown>;
  it('refuse a make-up day that is not a weekend day, and a date filed under the wrong year', () => {
    const bad = structuredClone(base) as { years: Record<string, { workdays: unknown[]; daysOff: unknown[] }> };
    bad.years['2021']!.workdays.push({ date: '2021-03-03', name: 'x' });
    bad.years['2021']!.daysOff.push({ date: '2022-03-03', name: 'y' });
    try {
      loadCalendar(stringify(bad), { file: 'bad.yaml' });
      expect.unreachable();
    } catch (e) {
      const issues = (e as ParIndexError).issues;
      expect(issues.map((i) => i.code)).toEqual(['calendar.invalid', 'calendar.invalid']);
      expect(issues[0]!.file).toBe('bad.yaml');
      expect(issues.map((i) => i.message).join(' ')).toMatch(/listed under year 2021/);
      expect(issues.map((i) => i.messageVi).join(' ')).toMatch(/ngày làm bù phải là ngày nghỉ hằng tuần/);
    }
  });
  it('refuse a missing format tag and a gap between years', () => {
    expect(() => loadCalendar({ ...base, format: undefined })).toThrow(/format/);
    const gap = structuredClone(base) as { years: Record<string, unknown> };
    delete gap.years['2023'];
    expect(() => loadCalendar(gap)).toThrow(/years must follow each other/);
  });
});

describe('dates as exports write them', () => {
  it('reads dd/mm/yyyy (with a time), ISO and Excel serials; refuses mm/dd and non-dates', () => {
    expect(parseDateTime('05/03/2021 14:05')).toEqual({ day: dayFromIso('2021-03-05'), minute: 845, style: 'dmy' });
    expect(parseDateTime('5/3/2021')).toMatchObject({ day: dayFromIso('2021-03-05') });
    expect(parseDateTime('2021-03-05T08:00:00')).toMatchObject({ day: dayFromIso('2021-03-05'), minute: 480, style: 'iso' });
    expect(parseDateTime(44260)).toMatchObject({ day: dayFromIso('2021-03-05'), style: 'excel' });
    const us = parseDateTime('03/25/2021');
    expect(isDateValue(us)).toBe(false);
    expect(!isDateValue(us) && us.en).toMatch(/looks like mm\/dd\/yyyy/);
    expect(isDateValue(parseDateTime('31/02/2021'))).toBe(false);
    expect(isDateValue(parseDateTime('hôm qua'))).toBe(false);
  });
});
