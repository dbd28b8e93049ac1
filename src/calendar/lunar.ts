/**
 * The Vietnamese lunar calendar (âm lịch), as computed by Hồ Ngọc Đức's astronomical method: a lunar month
 * starts on the local day of a new moon; month 11 is the month holding the winter solstice; a year with 13
 * months between two months 11 repeats the first month without a major solar term (trung khí). "Local" is a
 * time zone given by the caller — Vietnam's calendar is reckoned at UTC+7 (the calendar file says so), which
 * is why Tết sometimes differs from China's (UTC+8), e.g. in 1985 and 2007.
 *
 * New moons and the sun's longitude use the low-precision series of J. Meeus (Astronomical Algorithms /
 * Astronomical Formulae for Calculators): good to minutes around 1900–2100, enough to fix the day unless a new
 * moon falls within minutes of local midnight. Each result is checked in the tests against published dates.
 * Used by the calendar's statutory years (`statutory.ts`); pure: no Node, no dependency.
 * @module
 */
import { dayOf, isoOf } from './dates.js';

/** Julian day number of 1970-01-01 (day number 0 in `dates.ts`). */
const JDN_1970 = 2_440_588;
/** The mean length of a synodic month, days. */
const SYNODIC = 29.530588853;
/** Julian date of the mean new moon of 1900-01-01 (the series' epoch, k = 0). */
const EPOCH_NEW_MOON = 2_415_021.076998695;
const RAD = Math.PI / 180;

/**
 * The day number (days since 1970-01-01) of the local day of the k-th new moon after the epoch's.
 * @example isoOf(newMoonDay(1531, 7)) // "2023-10-15"
 */
export function newMoonDay(k: number, tz: number): number {
  const t = k / 1236.85; // Julian centuries from 1900
  const t2 = t * t;
  const t3 = t2 * t;
  // Mean new moon, then the periodic terms from the sun's (m) and moon's (mm) anomalies and the moon's
  // argument of latitude (f).
  const mean =
    2_415_020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3 + 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * RAD);
  const m = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * RAD;
  const mm = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * RAD;
  const f = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * RAD;
  const s = Math.sin;
  const periodic =
    (0.1734 - 0.000393 * t) * s(m) +
    0.0021 * s(2 * m) -
    0.4068 * s(mm) +
    0.0161 * s(2 * mm) -
    0.0004 * s(3 * mm) +
    0.0104 * s(2 * f) -
    0.0051 * s(m + mm) -
    0.0074 * s(m - mm) +
    0.0004 * s(2 * f + m) -
    0.0004 * s(2 * f - m) -
    0.0006 * s(2 * f + mm) +
    0.001 * s(2 * f - mm) +
    0.0005 * s(2 * mm + m);
  // ΔT (dynamical minus universal time), in days, as the same series gives it.
  const deltaT =
    t < -11 ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3 : -0.000278 + 0.000265 * t + 0.000262 * t2;
  const jd = mean + periodic - deltaT; // a Julian date in UT
  return Math.floor(jd + 0.5 + tz / 24) - JDN_1970;
}

/**
 * Which 30° sector (0–11) of ecliptic longitude the sun is in at the start of a local day: 0 from the March
 * equinox, 3 from the June solstice, 6 from the September equinox, 9 from the December solstice.
 * @example sunSector(dayOf(2023, 12, 25), 7) // 9
 */
export function sunSector(day: number, tz: number): number {
  const t = (day + JDN_1970 - 0.5 - tz / 24 - 2_451_545) / 36_525; // centuries from J2000.0, at local midnight
  const t2 = t * t;
  const m = (357.5291 + 35_999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * RAD; // mean anomaly
  const l0 = 280.46645 + 36_000.76983 * t + 0.0003032 * t2; // mean longitude
  const c = (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(m) + (0.019993 - 0.000101 * t) * Math.sin(2 * m) + 0.00029 * Math.sin(3 * m);
  const l = (((l0 + c) % 360) + 360) % 360;
  return Math.floor(l / 30);
}

/** The index k of the new moon on or just before a day (for the series above). */
function newMoonIndex(day: number): number {
  return Math.floor((day + JDN_1970 - EPOCH_NEW_MOON) / SYNODIC);
}

/**
 * The first day of lunar month 11 of a year: the month holding the December solstice.
 * @example isoOf(month11Start(2026, 7)) // "2026-12-09"
 */
export function month11Start(year: number, tz: number): number {
  const k = newMoonIndex(dayOf(year, 12, 31));
  const nm = newMoonDay(k, tz);
  // The new moon before 31 December may already be past the solstice (sector 9): month 11 began a moon earlier.
  return sunSector(nm, tz) >= 9 ? newMoonDay(k - 1, tz) : nm;
}

/** After a month 11 starting on `a11`, the offset (1–13) of the first month with no major solar term. */
function leapOffset(a11: number, tz: number): number {
  const k = Math.round((a11 + JDN_1970 - EPOCH_NEW_MOON) / SYNODIC);
  let i = 1;
  let sector = sunSector(newMoonDay(k + i, tz), tz);
  let previous: number;
  do {
    previous = sector;
    i++;
    sector = sunSector(newMoonDay(k + i, tz), tz);
  } while (sector !== previous && i < 14);
  return i - 1;
}

/**
 * A lunar date: year (the solar year in which its month 1 starts), month 1–12, day 1–30, and whether the month is
 * the year's leap month (tháng nhuận).
 * @example const tet: LunarDate = { year: 2027, month: 1, day: 1, leap: false }
 */
export interface LunarDate {
  /** The lunar year, numbered as the solar year its month 1 begins in. */
  readonly year: number;
  /** Month, 1–12. */
  readonly month: number;
  /** Day of the month, 1–30. */
  readonly day: number;
  /** True in a leap month. */
  readonly leap: boolean;
}

/** The months 11 around a lunar year's month: [start of the month 11 before, start of the month 11 after]. */
function bracket(year: number, month: number, tz: number): [number, number] {
  return month < 11 ? [month11Start(year - 1, tz), month11Start(year, tz)] : [month11Start(year, tz), month11Start(year + 1, tz)];
}

/**
 * The day number of a lunar date, or undefined when the date does not exist (a leap month the year lacks, day 30
 * of a 29-day month).
 * @example isoOf(lunarToDay({ year: 2027, month: 1, day: 1, leap: false }, 7)!) // "2027-02-06"
 */
export function lunarToDay(d: LunarDate, tz: number): number | undefined {
  if (!Number.isInteger(d.month) || d.month < 1 || d.month > 12 || !Number.isInteger(d.day) || d.day < 1 || d.day > 30) return undefined;
  const [a11, b11] = bracket(d.year, d.month, tz);
  const k = Math.round((a11 + JDN_1970 - EPOCH_NEW_MOON) / SYNODIC);
  let offset = (d.month - 11 + 12) % 12;
  if (b11 - a11 > 365) {
    const leapOff = leapOffset(a11, tz);
    const leapMonth = (leapOff - 2 + 12) % 12;
    if (d.leap && d.month !== leapMonth) return undefined;
    if (d.leap || offset >= leapOff) offset += 1;
  } else if (d.leap) {
    return undefined;
  }
  const start = newMoonDay(k + offset, tz);
  const next = newMoonDay(k + offset + 1, tz);
  const day = start + d.day - 1;
  return day < next ? day : undefined;
}

/**
 * The lunar date of a day number.
 * @example dayToLunar(dayOf(2027, 2, 5), 7) // { year: 2026, month: 12, day: 29, leap: false }
 */
export function dayToLunar(day: number, tz: number): LunarDate {
  const k = newMoonIndex(day);
  let monthStart = newMoonDay(k + 1, tz);
  if (monthStart > day) monthStart = newMoonDay(k, tz);
  const y = Number(isoOf(day).slice(0, 4));
  let a11 = month11Start(y, tz);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = y;
    a11 = month11Start(y - 1, tz);
  } else {
    lunarYear = y + 1;
    b11 = month11Start(y + 1, tz);
  }
  const diff = Math.floor((monthStart - a11) / 29);
  let month = diff + 11;
  let leap = false;
  if (b11 - a11 > 365) {
    const leapOff = leapOffset(a11, tz);
    if (diff >= leapOff) {
      month = diff + 10;
      if (diff === leapOff) leap = true;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { year: lunarYear, month, day: day - monthStart + 1, leap };
}

const STEMS = ['Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ', 'Canh', 'Tân', 'Nhâm', 'Quý'] as const;
const BRANCHES = ['Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi', 'Thân', 'Dậu', 'Tuất', 'Hợi'] as const;

/**
 * The name of a lunar year in the sexagenary cycle (can chi).
 * @example canChi(2027) // "Đinh Mùi"
 */
export function canChi(lunarYear: number): string {
  return `${STEMS[(((lunarYear + 6) % 10) + 10) % 10]} ${BRANCHES[(((lunarYear + 8) % 12) + 12) % 12]}`;
}
