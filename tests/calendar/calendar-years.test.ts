/**
 * Each year of the bundled calendar against the published holiday schedule: every break (a run of days off
 * around a holiday, weekends included) with its first and last day and length as the announcing document or the
 * press quoting it gives them, and the make-up Saturdays. The expected values are copied from those sources (named
 * per year), not from the calendar. One more check holds whatever the sources: weekdays off minus make-up days is
 * the Labour Code's number of holidays (10 under the 2012 Code, 11 from 2021) — a swap moves a day, it adds none.
 * (It would have caught the 2025 error: a swap of 27/1 with 8/2 that no document made, counting 10.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/calendar.js';
import { dayFromIso, isoOf, weekdayOf } from '../../src/calendar/dates.js';
import { root } from '../support/paths.js';

const cal = loadCalendar(readFileSync(`${root}data/calendars/vn.yaml`, 'utf8'), { file: 'data/calendars/vn.yaml' });

/** The run of days off around a day, weekends included: "from..to (n days)". Reads the fast forms, so 2019 and 2028 edges work. */
function breakAround(iso: string): string {
  const at = dayFromIso(iso)!;
  expect(cal.fast.isWorkingDay(at), `${iso} is a working day`).toBe(false);
  let a = at;
  let b = at;
  while (!cal.fast.isWorkingDay(a - 1) && a - 1 >= cal.fast.first) a--;
  while (!cal.fast.isWorkingDay(b + 1) && b + 1 <= cal.fast.last) b++;
  return `${isoOf(a)}..${isoOf(b)} (${b - a + 1} days)`;
}

function daysOf(year: number): number[] {
  const out: number[] = [];
  for (let d = dayFromIso(`${year}-01-01`)!; d <= dayFromIso(`${year}-12-31`)!; d++) out.push(d);
  return out;
}
const weekendDay = (d: number) => weekdayOf(d) === 0 || weekdayOf(d) === 6;
/** Saturdays and Sundays that are working days. */
const makeUpDays = (year: number) =>
  daysOf(year)
    .filter((d) => weekendDay(d) && cal.fast.isWorkingDay(d))
    .map(isoOf);
/** Monday to Friday days that are not working days. */
const weekdaysOff = (year: number) => daysOf(year).filter((d) => !weekendDay(d) && !cal.fast.isWorkingDay(d)).length;

describe('the Labour Code balance: weekdays off − make-up days = the statutory holidays', () => {
  it('2020: 10 (Bộ luật Lao động 2012, Điều 115); 2021–2027: 11 (Bộ luật Lao động 2019, Điều 112 khoản 1)', () => {
    expect(weekdaysOff(2020) - makeUpDays(2020).length).toBe(10);
    for (let y = 2021; y <= 2027; y++) expect(weekdaysOff(y) - makeUpDays(y).length, String(y)).toBe(11);
  });
});

describe('each year against its published schedule', () => {
  it('2020: Tết 7 days 23/1–29/1, no make-up day', () => {
    // socongthuong.daklak.gov.vn 07/01/2020 (MOLISA): "nghỉ Tết Âm lịch năm 2020 liền 7 ngày, từ thứ Năm 23/1/2020 đến hết thứ Tư 29/1/2020".
    expect(breakAround('2020-01-25')).toBe('2020-01-23..2020-01-29 (7 days)');
    // Labour Code 2012: 1/1, Giỗ Tổ (Thursday 2/4), 30/4–1/5 (Thursday–Friday) and a single National Day (Wednesday).
    expect(breakAround('2020-01-01')).toBe('2020-01-01..2020-01-01 (1 days)');
    expect(breakAround('2020-04-02')).toBe('2020-04-02..2020-04-02 (1 days)');
    expect(breakAround('2020-04-30')).toBe('2020-04-30..2020-05-03 (4 days)');
    expect(breakAround('2020-09-02')).toBe('2020-09-02..2020-09-02 (1 days)');
    expect(makeUpDays(2020)).toEqual([]);
  });

  it('2021: Tết 7 days 10/2–16/2, National Day 2/9–5/9, no make-up day', () => {
    // en.vietnamplus.vn, "2021 Lunar New Year holiday to last for seven days": 10–16 February; National Day 2–5 September.
    expect(breakAround('2021-02-12')).toBe('2021-02-10..2021-02-16 (7 days)');
    expect(breakAround('2021-09-02')).toBe('2021-09-02..2021-09-05 (4 days)');
    // 1/5 was a Saturday: Monday 3/5 compensatory (Điều 111 khoản 3), so 30/4–3/5.
    expect(breakAround('2021-04-30')).toBe('2021-04-30..2021-05-03 (4 days)');
    expect(breakAround('2021-01-01')).toBe('2021-01-01..2021-01-03 (3 days)');
    expect(makeUpDays(2021)).toEqual([]);
  });

  it('2022: Tết 9 days 29/1–6/2, 1/1 3 days, Giỗ Tổ 3 days, 30/4–3/5 4 days, National Day 1/9–4/9, no make-up day', () => {
    // Công văn 245/VPCP-KGVX (11/01/2022): Tết 31/1–4/2 with the weekends, 9 days; National Day 1–2/9.
    expect(breakAround('2022-02-01')).toBe('2022-01-29..2022-02-06 (9 days)');
    expect(breakAround('2022-09-02')).toBe('2022-09-01..2022-09-04 (4 days)');
    // bnews.vn: 1/1/2022 a Saturday, off 1–3/1; vietnamplus.vn 05/04/2022: Giỗ Tổ 3 days (9–11/4), 30/4–1/5 4 days.
    expect(breakAround('2022-01-01')).toBe('2022-01-01..2022-01-03 (3 days)');
    expect(breakAround('2022-04-10')).toBe('2022-04-09..2022-04-11 (3 days)');
    expect(breakAround('2022-04-30')).toBe('2022-04-30..2022-05-03 (4 days)');
    expect(makeUpDays(2022)).toEqual([]);
  });

  it('2023: Tết 7 days 20/1–26/1, Giỗ Tổ to 1/5 5 days 29/4–3/5, National Day 1/9–4/9, no make-up day', () => {
    // sggpnews.org.vn 08/12/2022 and en.vietnamplus.vn 01/12/2022 (8056/VPCP-KGVX): Tết 20–26 January; National Day 1–4 September.
    expect(breakAround('2023-01-22')).toBe('2023-01-20..2023-01-26 (7 days)');
    expect(breakAround('2023-09-02')).toBe('2023-09-01..2023-09-04 (4 days)');
    // kinhtedothi.vn 22/03/2023: Giỗ Tổ (Saturday 29/4), 30/4 and 1/5 give 5 days in a row.
    expect(breakAround('2023-04-29')).toBe('2023-04-29..2023-05-03 (5 days)');
    expect(breakAround('2023-01-01')).toBe('2022-12-31..2023-01-02 (3 days)');
    expect(makeUpDays(2023)).toEqual([]);
  });

  it('2024: Tết 7 days 8/2–14/2, 30/4–1/5 5 days 27/4–1/5 with Saturday 4/5 made up, National Day 31/8–3/9', () => {
    // vietnaminsider.vn 28/09/2023: Tết 8–14 February 2024; Công văn 2450/VPCP-KGVX (12/4/2024, baophapluat.vn):
    // 27/4–1/5 off, Saturday 4/5 worked; en.sggp.org.vn: National Day 31 August–3 September.
    expect(breakAround('2024-02-10')).toBe('2024-02-08..2024-02-14 (7 days)');
    expect(breakAround('2024-04-30')).toBe('2024-04-27..2024-05-01 (5 days)');
    expect(breakAround('2024-09-02')).toBe('2024-08-31..2024-09-03 (4 days)');
    expect(breakAround('2024-04-18')).toBe('2024-04-18..2024-04-18 (1 days)');
    expect(makeUpDays(2024)).toEqual(['2024-05-04']);
  });

  it('2025: Tết 9 consecutive days off 25/1–2/2, no make-up Saturday for it; 30/4–4/5 with Saturday 26/4 made up; 22 days off in all', () => {
    // Công văn 8726/VPCP-KGVX (26/11/2024), luatvietnam.vn: 5 Tết days 27–31/1 and 4 weekend days, 9 days.
    expect(breakAround('2025-01-29')).toBe('2025-01-25..2025-02-02 (9 days)');
    // en.baochinhphu.vn 04/03/2025: Giỗ Tổ 5–7/4; 30/4–4/5 "compensated by working on April 26"; 22 days off in 2025.
    expect(breakAround('2025-04-07')).toBe('2025-04-05..2025-04-07 (3 days)');
    expect(breakAround('2025-04-30')).toBe('2025-04-30..2025-05-04 (5 days)');
    // en.sggp.org.vn 03/08/2025: National Day 30/8–2/9.
    expect(breakAround('2025-09-02')).toBe('2025-08-30..2025-09-02 (4 days)');
    expect(breakAround('2025-01-01')).toBe('2025-01-01..2025-01-01 (1 days)');
    expect(makeUpDays(2025)).toEqual(['2025-04-26']);
    const breaks = ['2025-01-01', '2025-01-29', '2025-04-07', '2025-04-30', '2025-09-02'].map((x) =>
      Number(/\((\d+) days\)/.exec(breakAround(x))![1]),
    );
    expect(breaks.reduce((a, b) => a + b, 0)).toBe(22);
  });

  it('2026: 1/1 4 days with Saturday 10/1 made up, Tết 9 days 14/2–22/2, National Day 5 days 29/8–2/9 with Saturday 22/8 made up; 25 days off in all', () => {
    // Công văn 12729/VPCP-KGVX (25/12/2025): 1–4/1, Friday 2/1 swapped with Saturday 10/1.
    expect(breakAround('2026-01-01')).toBe('2026-01-01..2026-01-04 (4 days)');
    // Công văn 9859/VPCP-KGVX (13/10/2025), Thông báo 9441/TB-BNV (16/10/2025); vietnamnews.vn 17/10/2025:
    // Tết 14–22/2; National Day 29/8–2/9, "employees will work on Saturday, August 22, in compensation for Monday, August 31".
    expect(breakAround('2026-02-17')).toBe('2026-02-14..2026-02-22 (9 days)');
    expect(breakAround('2026-09-02')).toBe('2026-08-29..2026-09-02 (5 days)');
    // thanhnien.vn 23/02/2026: Giỗ Tổ Sunday 26/4, compensatory Monday 27/4 (25–27/4); 30/4–3/5.
    expect(breakAround('2026-04-26')).toBe('2026-04-25..2026-04-27 (3 days)');
    expect(breakAround('2026-04-30')).toBe('2026-04-30..2026-05-03 (4 days)');
    expect(makeUpDays(2026)).toEqual(['2026-01-10', '2026-08-22']);
    // thanhnien.vn 13/01/2026: 4 + 9 + 3 + 4 + 5 = 25 days off in 2026 (Ngày Văn hóa 24/11 not yet among them).
    const breaks = ['2026-01-01', '2026-02-17', '2026-04-26', '2026-04-30', '2026-09-02'].map((x) =>
      Number(/\((\d+) days\)/.exec(breakAround(x))![1]),
    );
    expect(breaks.reduce((a, b) => a + b, 0)).toBe(25);
    expect(cal.isWorkingDay('2026-11-24')).toBe(true);
  });

  it('2027 (provisional): the Labour Code days — Tết 4/2–10/2 under the placement assumption, National Day 2/9–5/9 — and no make-up day', () => {
    // Tết Đinh Mùi is Saturday 6/2/2027 (ntdvn.net); 2 days before and 3 after is 4/2–8/2, and the weekend 6–7/2
    // gives Tuesday 9/2 and Wednesday 10/2 (Điều 111 khoản 3). Giỗ Tổ Friday 16/4; 1/5 a Saturday, so Monday 3/5.
    expect(breakAround('2027-02-06')).toBe('2027-02-04..2027-02-10 (7 days)');
    expect(breakAround('2027-01-01')).toBe('2027-01-01..2027-01-03 (3 days)');
    expect(breakAround('2027-04-16')).toBe('2027-04-16..2027-04-18 (3 days)');
    expect(breakAround('2027-04-30')).toBe('2027-04-30..2027-05-03 (4 days)');
    expect(breakAround('2027-09-02')).toBe('2027-09-02..2027-09-05 (4 days)');
    expect(makeUpDays(2027)).toEqual([]);
    for (const x of ['2027-01-01', '2027-02-04', '2027-05-03', '2027-09-03']) expect(cal.note(x)!.provisional, x).toBe(true);
  });
});
