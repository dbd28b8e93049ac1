/**
 * Processing times (thời hạn giải quyết) as exports write them — "5", "05 ngày làm việc", "trong ngày", "1 giờ",
 * "1/2 ngày" — read into due rules, and due rules in words.
 * @module
 */
import { normalizeHeader, type Cell } from '../core/table.js';
import type { DueRule } from '../calendar/working-calendar.js';

/**
 * Reads a processing time as written: "5", "05 ngày làm việc", "trong ngày", "1 giờ", "1/2 ngày", "0,5 ngày".
 * Half a day is half of the calendar's working day. Undefined when unreadable.
 *
 * @example parseProcessingTime('1/2 ngày', 480) // { kind: 'hours', hours: 4 }
 */
export function parseProcessingTime(cell: Cell, minutesPerDay = 480): DueRule | undefined {
  if (cell === null || cell === undefined || typeof cell === 'boolean') return undefined;
  if (typeof cell === 'number')
    return Number.isInteger(cell) && cell >= 0
      ? { kind: 'days', days: cell }
      : cell > 0
        ? { kind: 'hours', hours: (cell * minutesPerDay) / 60 }
        : undefined;
  const s = normalizeHeader(cell);
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
