/** The working-day calendar: Tết, make-up Saturdays, year ends, deadlines in days, hours and "trong ngày". */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadCalendar } from '../../src/calendar/calendar.js';
import { displayDue, timeliness } from '../../src/calendar/working-calendar.js';
import { dayFromIso, isDateValue, parseDateTime, weekdayOf } from '../../src/calendar/dates.js';
import { ParIndexError } from '../../src/core/errors.js';
import { readCalendar } from '../../src/io/dossier-source.js';
import { root } from '../support/paths.js';

const text = readFileSync(`${root}data/calendars/vn.yaml`, 'utf8');
const cal = loadCalendar(text, { file: 'data/calendars/vn.yaml' });
const d = (iso: string) => ({ day: dayFromIso(iso)!, minute: undefined });
const at = (iso: string, hhmm: string) => ({ day: dayFromIso(iso)!, minute: Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)) });

describe('the bundled calendar (data/calendars/vn.yaml)', () => {
  it('covers 2020–2027, each year with the document that announced it; 2027 is provisional; 2028 is counted from the statutory rules', () => {
    expect(cal.covers).toEqual({ from: '2020-01-01', to: '2027-12-31' });
    for (let y = 2020; y <= 2027; y++) expect(cal.sources[String(y)]!.length, String(y)).toBeGreaterThan(20);
    expect(cal.sources['2021']).toMatch(/4875\/TB-LĐTBXH/);
    expect(cal.sources['2024']).toMatch(/2450\/VPCP-KGVX/);
    expect(cal.sources['2025']).toMatch(/8726\/VPCP-KGVX/);
    expect(cal.sources['2026']).toMatch(/9859\/VPCP-KGVX/);
    expect(cal.sources['2026']).toMatch(/9441\/TB-BNV/);
    expect(cal.sources['2027']).toMatch(/Bộ luật Lao động 2019/);
    expect(cal.provisionalYears).toEqual(['2027']);
    expect(cal.beyond).toEqual({ from: '2028-01-01', to: '2028-12-31' });
  });

  it('marks provisional days as such (and never as verified); confirmed days as verified', () => {
    // 4/2/2027: the first Tết day under the placement assumption; 1/1/2027 is fixed by law but the year is provisional.
    expect(cal.note('2027-02-04')).toMatchObject({ kind: 'holiday', provisional: true, verified: false });
    expect(cal.note('2027-01-01')).toMatchObject({ kind: 'holiday', provisional: true, verified: false });
    expect(cal.note('2021-02-12')).toMatchObject({ provisional: false, verified: true });
    // The 2022 entries once marked unverified are confirmed (245/VPCP-KGVX, bnews.vn, vietnamplus.vn).
    for (const x of ['2022-01-03', '2022-04-11', '2022-05-02', '2022-05-03', '2022-09-01']) expect(cal.note(x)!.verified, x).toBe(true);
    expect(cal.note('2022-04-11')!.source).toMatch(/vietnamplus/);
    const raw = parse(text) as { years: Record<string, { daysOff: { verified?: boolean }[] }> };
    expect(Object.values(raw.years).flatMap((y) => y.daysOff.filter((e) => e.verified === false))).toEqual([]);
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

  it('Tết Ất Tỵ 2025: 25/1–2/2 off, Monday 27/1 a Tết day (not a swap), and Saturday 8/2 an ordinary Saturday', () => {
    expect(cal.isWorkingDay('2025-01-24')).toBe(true);
    expect(cal.isWorkingDay('2025-01-27')).toBe(false);
    expect(cal.note('2025-01-27')!.kind).toBe('holiday');
    expect(cal.isWorkingDay('2025-02-03')).toBe(true);
    expect(weekdayOf(dayFromIso('2025-02-08')!)).toBe(6);
    expect(cal.isWorkingDay('2025-02-08')).toBe(false);
    expect(cal.note('2025-02-08')!.kind).toBe('weekend');
    // Friday 7/2 + 1 working day is Monday 10/2: the file used to say the (non-existent) make-up Saturday 8/2.
    expect(cal.addWorkingDays('2025-02-07', 1)).toBe('2025-02-10');
    expect(cal.addWorkingDays('2025-01-24', 1)).toBe('2025-02-03');
    // Received Friday 24/1, 10 working days: 3–7/2 and 10–14/2, due Friday 14/2 (was Thursday 13/2).
    expect(cal.addWorkingDays('2025-01-24', 10)).toBe('2025-02-14');
  });

  it('make-up Saturdays of 2024 (4/5) and 2026 (10/1) count; ordinary Saturdays do not', () => {
    expect(cal.isWorkingDay('2024-05-04')).toBe(true);
    expect(cal.isWorkingDay('2024-04-29')).toBe(false);
    expect(cal.addWorkingDays('2024-04-26', 1)).toBe('2024-05-02');
    expect(cal.addWorkingDays('2024-05-03', 1)).toBe('2024-05-04');
    expect(cal.isWorkingDay('2026-01-10')).toBe(true);
    expect(cal.isWorkingDay('2026-01-02')).toBe(false);
    expect(cal.isWorkingDay('2026-01-17')).toBe(false);
    // National Day 2026: Monday 31/8 swapped with Saturday 22/8 (9859/VPCP-KGVX, 9441/TB-BNV).
    expect(cal.isWorkingDay('2026-08-22')).toBe(true);
    expect(cal.note('2026-08-22')!.kind).toBe('make-up');
    expect(cal.note('2026-08-31')!.kind).toBe('swap');
    expect(cal.isWorkingDay('2026-08-29')).toBe(false);
    expect(cal.addWorkingDays('2026-08-28', 1)).toBe('2026-09-03');
    expect(cal.addWorkingDays('2026-08-21', 1)).toBe('2026-08-22');
  });

  it('year ends: 31/12/2021 + 1 working day is 4/1/2022 (1/1 a Saturday, 3/1 compensatory); 2022 → 2023 likewise', () => {
    expect(cal.addWorkingDays('2021-12-31', 1)).toBe('2022-01-04');
    expect(cal.note('2022-01-03')!.kind).toBe('compensatory');
    expect(cal.addWorkingDays('2022-12-30', 1)).toBe('2023-01-03');
    expect(cal.addWorkingDays('2020-12-31', 1)).toBe('2021-01-04');
  });

  it('refuses dates it does not cover, naming the range and how to add a year', () => {
    expect(() => cal.isWorkingDay('2029-01-04')).toThrow(
      /outside calendar vn, which covers 2020-01-01 to 2027-12-31 \(and, from the statutory rules alone, to 2028-12-31\)/,
    );
    // The strict forms answer on the file's years only; 2028 is statutory and answered by the fast forms.
    expect(() => cal.isWorkingDay('2028-01-04')).toThrow(/docs\/calendar.md/);
    expect(() => cal.addWorkingDays('2027-12-31', 1)).toThrow(ParIndexError);
    expect(() => cal.due(d('2027-12-31'), { kind: 'days', days: 1 })).toThrow(/outside calendar vn/);
    expect(() => cal.isWorkingDay('2019-12-31')).toThrow(ParIndexError);
    // Friday 31/12/2027 + 1: Saturday 1/1/2028 is a holiday on a weekly day off, so Monday 3/1 is compensatory (Điều 111 khoản 3).
    expect(cal.fast.addWorkingDays(dayFromIso('2027-12-31')!, 1)).toBe(dayFromIso('2028-01-04'));
    expect(cal.note('2028-01-03')).toMatchObject({ kind: 'compensatory', provisional: true, verified: false });
    expect(cal.fast.addWorkingDays(dayFromIso('2028-12-29')!, 1)).toBeNull();
  });

  it('docs/calendar.md lists each year with every document number its source names', () => {
    const doc = readFileSync(`${root}docs/calendar.md`, 'utf8');
    for (let y = 2020; y <= 2027; y++) {
      expect(doc, String(y)).toMatch(new RegExp(`^\\| ${y} \\|`, 'm'));
      const numbers = cal.sources[String(y)]!.match(/\d{2,5}\/(?:VPCP|TB|BNV|BLĐTBXH|LĐTBXH)[A-ZĐ-]*/g) ?? [];
      for (const n of numbers) expect(doc, `${y}: ${n}`).toContain(n);
    }
    expect(cal.sources['2026']!.match(/\d{2,5}\/(?:VPCP|TB|BNV|BLĐTBXH|LĐTBXH)[A-ZĐ-]*/g)).toEqual([
      '12729/VPCP-KGVX',
      '9859/VPCP-KGVX',
      '8764/BNV-CVL',
      '9441/TB-BNV',
    ]);
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

describe('statutory rules in a calendar file', () => {
  const base = parse(text) as { statutory: { holidays: Record<string, unknown>[] } };
  it('refuse a holiday with both a solar and a lunar date, a placement that leaves out the holiday, and 29 February, naming file and path in both languages', () => {
    const bad = structuredClone(base);
    bad.statutory.holidays[0] = { name: 'x', date: '01-01', lunar: '01-01' };
    bad.statutory.holidays[1] = { name: 'y', lunar: '01-01', days: 2, daysBefore: 2 };
    bad.statutory.holidays[2] = { name: 'z', date: '02-29' };
    try {
      loadCalendar(stringify(bad), { file: 'stat.yaml' });
      expect.unreachable();
    } catch (e) {
      const issues = (e as ParIndexError).issues;
      expect(issues.map((i) => i.path.join('.'))).toEqual(['statutory.holidays.0', 'statutory.holidays.1', 'statutory.holidays.2.date']);
      expect(issues.every((i) => i.file === 'stat.yaml')).toBe(true);
      expect(issues[0]!.messageVi).toMatch(/dương lịch.*âm lịch/);
      expect(issues[1]!.message).toMatch(/daysBefore must be less than days/);
      expect(issues[2]!.messageVi).toMatch(/MM-DD/);
    }
  });
  it('without extendYears, nothing is counted past the last year', () => {
    const none = structuredClone(base) as { statutory: { extendYears?: number } };
    none.statutory.extendYears = 0;
    const c = loadCalendar(none);
    expect(c.beyond).toBeUndefined();
    expect(c.fast.addWorkingDays(dayFromIso('2027-12-31')!, 1)).toBeNull();
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
