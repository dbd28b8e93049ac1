/**
 * Cells as a decision prints them: numbers with their decimals ("95,41", "(0,50)", "36,36%"), ranks ("3",
 * "3/11") and unit names compared folded.
 * @module
 */
import { Exact } from '../core/exact.js';
import { normalizeHeader, type Cell } from '../core/table.js';
import { nfc } from '../core/text.js';
import { isExtremeDecimal } from '../core/zod-helpers.js';

/**
 * A number as printed: its exact value, the decimals shown, and the text.
 *
 * @example decision.rows[0].index // { exact: '9541/100', value: 95.41, decimals: 2, text: '95,41' }
 */
export interface Printed {
  /** The exact value as "n/d" (read with `Exact.fromRatio`). */
  readonly exact: string;
  /** The value as a number. */
  readonly value: number;
  /** Decimals shown. */
  readonly decimals: number;
  /** The text as printed. */
  readonly text: string;
}

/**
 * A printed rank: "3" or "3/11".
 *
 * @example decision.rows[0].rank // { rank: 1, of: 11, text: '1/11' }
 */
export interface PrintedRank {
  /** The rank. */
  readonly rank: number;
  /** Out of how many, when printed ("3/11"). */
  readonly of: number | null;
  /** The text as printed. */
  readonly text: string;
}

/**
 * Reads a number as printed: "95,41", "95.41", "−0,50", "(0,50)", "36,36%", or a number cell (whose decimals are
 * then `decimals`, or those of its shortest form). Returns undefined for text that is not a number.
 *
 * @example printedNumber('95,41') // { exact: '9541/100', value: 95.41, decimals: 2, text: '95,41' }
 */
export function printedNumber(cell: Cell, decimals?: number): Printed | null | undefined {
  if (cell === null) return null;
  if (typeof cell === 'boolean') return undefined;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return undefined;
    const e = Exact.of(cell);
    const shown = String(cell).split(/[eE]/)[0]!.split('.')[1]?.length ?? 0;
    return { exact: e.toRatio(), value: cell, decimals: decimals ?? shown, text: String(cell) };
  }
  let t = cell.trim();
  if (t === '' || /^[-–—]$/.test(t)) return null;
  let neg = false;
  const paren = /^\((.*)\)$/.exec(t);
  if (paren) {
    neg = true;
    t = paren[1]!.trim();
  }
  t = t.replace(/^[−–]/, '-').replace(/\s+/g, '').replace(/%$/, '');
  const e = isExtremeDecimal(t) ? undefined : Exact.parse(t);
  if (!e) return undefined;
  const v = neg ? e.neg() : e;
  const dec = /[.,](\d+)$/.exec(t)?.[1]?.length ?? 0;
  return { exact: v.toRatio(), value: v.toNumber(), decimals: dec, text: cell.trim() };
}

/**
 * Reads a printed rank: "3", "3/11", "03", "Hạng 3/11". Returns undefined for anything else.
 * @example printedRank('3/11') // { rank: 3, of: 11, text: '3/11' }
 */
export function printedRank(cell: Cell): PrintedRank | null | undefined {
  if (cell === null) return null;
  if (typeof cell === 'number') return Number.isInteger(cell) && cell >= 1 ? { rank: cell, of: null, text: String(cell) } : undefined;
  if (typeof cell !== 'string') return undefined;
  const t = cell.trim();
  if (t === '' || /^[-–—]$/.test(t)) return null;
  const m = /^(?:h[aạ]ng\s*)?0*(\d+)\s*(?:\/\s*(\d+))?$/iu.exec(t);
  if (!m || Number(m[1]) < 1) return undefined;
  return { rank: Number(m[1]), of: m[2] !== undefined ? Number(m[2]) : null, text: t };
}

/**
 * Folds a unit name for matching printed names with score cards: diacritics, case and the administrative prefix
 * (xã, phường, thị trấn, thị xã) do not matter.
 * @example foldUnitName('Thị trấn Như Quỳnh') === foldUnitName('Như Quỳnh') // true
 */
export function foldUnitName(name: string): string {
  return normalizeHeader(name).replace(/^(ubnd\s+)?(xa|phuong|thi tran|thi xa|tt|p)\.?\s+/, '');
}

/**
 * A unit name as it identifies a unit: composed (NFC), lower case, single spaces, without the administrative
 * prefix — diacritics kept. "Tân Hòa" and "Tân Hóa" are two names (a tone mark tells two communes apart);
 * {@link foldUnitName} serves only to suggest the name that was probably meant.
 * @example unitNameKey('Xã Tân Hòa') === unitNameKey('tân hòa') // true; unitNameKey('Tân Hóa') differs
 */
export function unitNameKey(name: string): string {
  return nfc(name)
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .trim()
    .replace(/^(ubnd\s+)?(xã|phường|thị trấn|thị xã|tt|p)\.?\s+/u, '');
}
