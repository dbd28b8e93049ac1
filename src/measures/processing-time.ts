/**
 * Processing times (thời hạn giải quyết) as exports write them — "5", "05 ngày làm việc", "trong ngày", "1 giờ",
 * "1/2 ngày" — read into due rules, and due rules in words.
 * @module
 */
import { normalizeHeader, type Cell } from '../core/table.js';
import type { DueRule } from '../calendar/working-calendar.js';

/**
 * Reads a processing time as written: "5", "05 ngày làm việc", "trong ngày", "1 giờ", "1/2 ngày", "0,5 ngày".
 * Half a day is half of the calendar's working day. Undefined when unreadable, and for a time with a sign or of
 * zero ("-5 ngày", "0 giờ"): a deadline is a length of time, and "-5" read as 5 would decide "on time" or "late"
 * silently (`processingTimeProblem` says why).
 *
 * @example parseProcessingTime('1/2 ngày', 480) // { kind: 'hours', hours: 4 }
 */
export function parseProcessingTime(cell: Cell, minutesPerDay = 480): DueRule | undefined {
  return processingTimeProblem(cell, minutesPerDay) === undefined ? readRule(cell, minutesPerDay) : undefined;
}

/** A sign in front of a processing time: plus, hyphen-minus, minus sign, en dash. */
const SIGN = /^\s*[+\-\u2212\u2013]/;

/**
 * Why a processing time whose number reads is still no deadline: it has a sign, or it is zero. Undefined
 * otherwise (also when it does not read at all).
 *
 * @example processingTimeProblem('-5 ngày')?.en // 'has a sign: a deadline is a length of time …'
 */
export function processingTimeProblem(cell: Cell, minutesPerDay = 480): { en: string; vi: string } | undefined {
  if ((typeof cell === 'string' && SIGN.test(cell)) || (typeof cell === 'number' && cell < 0))
    return {
      en: 'has a sign: a deadline is a length of time, written without + or − (e.g. "5 ngày")',
      vi: 'có dấu: thời hạn là một khoảng thời gian, ghi không có dấu + hay − (ví dụ "5 ngày")',
    };
  const r = readRule(cell, minutesPerDay);
  if ((r?.kind === 'days' && r.days === 0) || (r?.kind === 'hours' && r.hours === 0))
    return {
      en: 'is zero: a deadline must be longer than that (write "trong ngày" for the same day)',
      vi: 'bằng 0: thời hạn phải lớn hơn 0 (ghi "trong ngày" nếu giải quyết trong ngày)',
    };
  return undefined;
}

/** The due rule a processing time's words and number give, sign and zero not checked. */
function readRule(cell: Cell, minutesPerDay: number): DueRule | undefined {
  if (cell === null || cell === undefined || typeof cell === 'boolean') return undefined;
  if (typeof cell === 'number')
    return Number.isInteger(cell) && cell >= 0
      ? { kind: 'days', days: cell }
      : cell > 0
        ? { kind: 'hours', hours: (cell * minutesPerDay) / 60 }
        : undefined;
  const s = normalizeHeader(cell.replace(SIGN, ''));
  if (/^(giai quyet )?(ngay )?trong ngay( lam viec)?$/.test(s) || s === 'same day') return { kind: 'same-day' };
  if (s === 'nua ngay' || s === 'half day') return { kind: 'hours', hours: minutesPerDay / 120 };
  let m = /^(\d+)\s*\/\s*(\d+)\s*ngay( lam viec)?$/.exec(s);
  if (m && Number(m[2]) > 0) return { kind: 'hours', hours: (Number(m[1]) / Number(m[2])) * (minutesPerDay / 60) };
  m = /^(\d+(?:[.,]\d+)?)\s*(gio|tieng|h|hours?)( lam viec)?$/.exec(s);
  if (m) return { kind: 'hours', hours: Number(m[1]!.replace(',', '.')) };
  m = /^(\d+(?:[.,]\d+)?)\s*(ngay( lam viec)?|days?)?$/.exec(s);
  if (m) {
    const n = Number(m[1]!.replace(',', '.'));
    return Number.isInteger(n) ? { kind: 'days', days: n } : { kind: 'hours', hours: (n * minutesPerDay) / 60 };
  }
  return undefined;
}

/**
 * Describes a due rule for messages.
 * @example describeRule({ kind: 'days', days: 5 }).vi // "5 ngày làm việc"
 */
export function describeRule(r: DueRule): { en: string; vi: string } {
  if (r.kind === 'days') return { en: `${r.days} working day(s)`, vi: `${r.days} ngày làm việc` };
  if (r.kind === 'hours') return { en: `${r.hours} working hour(s)`, vi: `${r.hours} giờ làm việc` };
  return { en: 'the same day', vi: 'trong ngày' };
}
