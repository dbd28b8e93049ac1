/**
 * The lunar calendar (src/calendar/lunar.ts) against published dates, the bundled calendar's Tết and Giỗ Tổ entries
 * against it for 2020–2027, and the statutory year generator against the 2027 block of data/calendars/vn.yaml.
 * Every expected date below comes from a source named beside it, not from the code.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { statutoryDaysOff } from '../../src/calendar/calendar.js';
import { dayFromIso, isoOf, weekdayOf } from '../../src/calendar/dates.js';
import { canChi, dayToLunar, lunarToDay } from '../../src/calendar/lunar.js';
import { root } from '../support/paths.js';

const text = readFileSync(`${root}data/calendars/vn.yaml`, 'utf8');
const VN = 7;
const solar = (year: number, month: number, day: number, tz = VN) => {
  const d = lunarToDay({ year, month, day, leap: false }, tz);
  return d === undefined ? undefined : isoOf(d);
};

/** Mùng 1 Tết and Giỗ Tổ (10/3 âm lịch), as published. */
const PUBLISHED: Record<number, { tet: string; gioTo: string; source: string }> = {
  2020: {
    tet: '2020-01-25',
    gioTo: '2020-04-02',
    source: 'daklak (MOLISA): 23/1–29/1/2020 = 29 tháng Chạp Kỷ Hợi to mùng 5; Giỗ Tổ 2/4: the 2020 entry (MOLISA notice)',
  },
  2021: {
    tet: '2021-02-12',
    gioTo: '2021-04-21',
    source: 'cafedautu.vn: Giỗ Tổ 2021 = 21/4; en.vietnamplus.vn: Tết 10–16/2 = 29 Chạp–mùng 5',
  },
  2022: { tet: '2022-02-01', gioTo: '2022-04-10', source: 'en.sggp.org.vn: Giỗ Tổ Sunday 10/4/2022; 245/VPCP-KGVX' },
  2023: { tet: '2023-01-22', gioTo: '2023-04-29', source: 'sggpnews.org.vn: 20/1/2023 = 29 Chạp; kinhtedothi.vn: Giỗ Tổ Saturday 29/4' },
  2024: {
    tet: '2024-02-10',
    gioTo: '2024-04-18',
    source: 'vietnaminsider.vn: 8/2/2024 = 29 Chạp Quý Mão; welcometocapebreton.ca: Hung Kings Festival Apr 18 2024',
  },
  2025: { tet: '2025-01-29', gioTo: '2025-04-07', source: 'luatvietnam.vn: 27/1 = 28 Chạp, 31/1 = mùng 3; en.baochinhphu.vn: Giỗ Tổ 7/4' },
  2026: { tet: '2026-02-17', gioTo: '2026-04-26', source: 'vnanet.vn: 16/2 = 29 Chạp, 20/2 = mùng 4; thanhnien.vn: Giỗ Tổ Sunday 26/4' },
  // Giỗ Tổ 2027: no Vietnamese page stating it was found; Hong Kong's 2027 list puts the 8th of the 4th month (Buddha's
  // birthday) on 13/5/2027, so the 3rd month began 7/4 (or 6/4) and its 10th day is 16/4 (or 15/4). Computed: 16/4.
  2027: { tet: '2027-02-06', gioTo: '2027-04-16', source: 'ntdvn.net "Tết 2027 vào ngày nào?": mùng 1 Saturday 6/2/2027, 29 Tết 5/2' },
};

describe('the Vietnamese lunar calendar (Hồ Ngọc Đức method, UTC+7)', () => {
  it.each(Object.entries(PUBLISHED))('%s: Tết and Giỗ Tổ on the published days', (y, p) => {
    expect(solar(Number(y), 1, 1), p.source).toBe(p.tet);
    expect(solar(Number(y), 3, 10), p.source).toBe(p.gioTo);
  });

  it('the last day of the lunar year, as the schedules name it (29 or 30 tháng Chạp)', () => {
    // 24/1/2020 was 30 Chạp (23/1 "29 tháng Chạp", daklak); 28/1/2025 29 Chạp (27/1 = 28 Chạp, luatvietnam.vn);
    // 16/2/2026 29 Chạp (vnanet.vn); 5/2/2027 29 Chạp (ntdvn.net).
    expect(dayToLunar(dayFromIso('2020-01-24')!, VN)).toEqual({ year: 2019, month: 12, day: 30, leap: false });
    expect(dayToLunar(dayFromIso('2025-01-27')!, VN)).toEqual({ year: 2024, month: 12, day: 28, leap: false });
    expect(dayToLunar(dayFromIso('2026-02-16')!, VN)).toEqual({ year: 2025, month: 12, day: 29, leap: false });
    expect(dayToLunar(dayFromIso('2027-02-05')!, VN)).toEqual({ year: 2026, month: 12, day: 29, leap: false });
    expect(solar(2026, 12, 30)).toBeUndefined();
  });

  it('the leap month of Ất Tỵ: a second month 6 from 25/7 to 22/8/2025, month 7 from 23/8 (thanhnien.vn 22/08/2025)', () => {
    expect(isoOf(lunarToDay({ year: 2025, month: 6, day: 1, leap: false }, VN)!)).toBe('2025-06-25');
    expect(isoOf(lunarToDay({ year: 2025, month: 6, day: 1, leap: true }, VN)!)).toBe('2025-07-25');
    expect(isoOf(lunarToDay({ year: 2025, month: 7, day: 1, leap: false }, VN)!)).toBe('2025-08-23');
    expect(dayToLunar(dayFromIso('2025-08-22')!, VN)).toEqual({ year: 2025, month: 6, day: 29, leap: true });
    expect(lunarToDay({ year: 2025, month: 5, day: 1, leap: true }, VN)).toBeUndefined();
    expect(lunarToDay({ year: 2027, month: 6, day: 1, leap: true }, VN)).toBeUndefined();
    // The lunar year Ất Tỵ has 384 days: 29/1/2025 to 16/2/2026.
    expect(dayFromIso(solar(2026, 1, 1)!)! - dayFromIso(solar(2025, 1, 1)!)!).toBe(384);
  });

  it('the time zone matters: Tết 1985 and 2007 differ between Vietnam (UTC+7) and China (UTC+8)', () => {
    // Vietnam: Tết Ất Sửu 21/1/1985, Tết Đinh Hợi 17/2/2007; China: 20/2/1985, 18/2/2007 (Hồ Ngọc Đức, "Âm lịch Việt Nam").
    expect(solar(1985, 1, 1)).toBe('1985-01-21');
    expect(solar(1985, 1, 1, 8)).toBe('1985-02-20');
    expect(solar(2007, 1, 1)).toBe('2007-02-17');
    expect(solar(2007, 1, 1, 8)).toBe('2007-02-18');
  });

  it('names the years of the sexagenary cycle', () => {
    expect([2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027].map(canChi)).toEqual([
      'Canh Tý',
      'Tân Sửu',
      'Nhâm Dần',
      'Quý Mão',
      'Giáp Thìn',
      'Ất Tỵ',
      'Bính Ngọ',
      'Đinh Mùi',
    ]);
  });

  it('round-trips every day of 2019–2028', () => {
    for (let d = dayFromIso('2019-01-01')!; d <= dayFromIso('2028-12-31')!; d++) {
      const l = dayToLunar(d, VN);
      expect(lunarToDay(l, VN), isoOf(d)).toBe(d);
    }
  });
});

interface RawEntry {
  date?: string;
  from?: string;
  to?: string;
  name: string;
  kind?: string;
  provisional?: boolean;
  note?: string;
}
const raw = parse(text, { schema: 'core' }) as { years: Record<string, { daysOff: RawEntry[] }> };
const iso = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
const span = (e: RawEntry) => ({ from: iso(e.date ?? e.from), to: iso(e.date ?? e.to) });

describe('the bundled calendar agrees with the lunar calendar, 2020–2027', () => {
  it.each([2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027])(
    '%s: the Tết entry holds mùng 1 and names the year; Giỗ Tổ is off, or compensated when on a weekend',
    (y) => {
      const entries = raw.years[String(y)]!.daysOff;
      const tet = lunarToDay({ year: y, month: 1, day: 1, leap: false }, VN)!;
      const tetEntry = entries.find((e) => e.name.startsWith('Tết Nguyên đán'))!;
      expect(tetEntry.name).toContain(canChi(y));
      const t = span(tetEntry);
      expect(isoOf(tet) >= t.from && isoOf(tet) <= t.to, `${isoOf(tet)} in ${t.from}..${t.to}`).toBe(true);
      const gio = lunarToDay({ year: y, month: 3, day: 10, leap: false }, VN)!;
      const gioEntries = entries.filter((e) => e.name.includes('Giỗ Tổ'));
      expect(gioEntries.length).toBe(1);
      const g = gioEntries[0]!;
      if (weekdayOf(gio) === 0 || weekdayOf(gio) === 6) {
        // On a weekend the file lists the compensatory day, naming the holiday's date.
        expect(g.kind).toBe('compensatory');
        expect(g.name).toContain(`(${Number(isoOf(gio).slice(8, 10))}/${Number(isoOf(gio).slice(5, 7))}`);
        expect(span(g).from > isoOf(gio)).toBe(true);
      } else {
        expect(span(g)).toEqual({ from: isoOf(gio), to: isoOf(gio) });
      }
    },
  );
});

describe('scripts/generate-calendar-year.ts', () => {
  it('the 2027 block of data/calendars/vn.yaml is what the statutory rules give (re-run the script if this fails)', () => {
    const generated = statutoryDaysOff(text, 2027).map((e) => ({
      ...(e.date ? { date: e.date } : { from: e.from, to: e.to }),
      name: e.name,
      kind: e.kind,
      provisional: e.assumed,
    }));
    const inFile = raw.years['2027']!.daysOff.map((e) => ({
      ...(e.date ? { date: iso(e.date) } : { from: iso(e.from), to: iso(e.to) }),
      name: e.name,
      kind: e.kind,
      provisional: e.provisional === true,
    }));
    expect(inFile).toEqual(generated);
  });

  it('places Tết 2027 two days before mùng 1 and three after, with the weekend compensated, and National Day on 2–3/9', () => {
    const g = statutoryDaysOff(text, 2027);
    expect(g.find((e) => e.name.startsWith('Tết Nguyên đán'))).toMatchObject({ from: '2027-02-04', to: '2027-02-08', assumed: true });
    expect(g.find((e) => e.name.startsWith('Nghỉ bù Tết'))).toMatchObject({
      from: '2027-02-09',
      to: '2027-02-10',
      kind: 'compensatory',
      assumed: true,
    });
    expect(g.find((e) => e.name === 'Quốc khánh')).toMatchObject({ from: '2027-09-02', to: '2027-09-03', assumed: true });
    expect(g.find((e) => e.name === 'Tết Dương lịch')).toMatchObject({ date: '2027-01-01', assumed: false });
  });
});
