/**
 * Bilingual text: every message the library shows a person exists in Vietnamese and English.
 * @module
 */
import type { Lang } from './errors.js';
import type { Exact } from './exact.js';

/**
 * A text in both languages.
 *
 * @example `const lost: Text = { vi: 'thiếu minh chứng', en: 'missing evidence' }`
 */
export interface Text {
  /** The Vietnamese text. */
  readonly vi: string;
  /** The English text. */
  readonly en: string;
}

/** Builds a {@link Text}. @example t('đúng hạn', 'on time') */
export function t(vi: string, en: string): Text {
  return { vi, en };
}

/** Picks the language. */
export function pick(text: Text, lang: Lang): string {
  return lang === 'vi' ? text.vi : text.en;
}

/**
 * Formats an exact value for a trace line: the exact decimal when it terminates within 6 decimals,
 * otherwise "≈" and 6 decimals. Vietnamese output uses a decimal comma.
 */
export function fmt(x: Exact, lang: Lang = 'en'): string {
  const s = x.toString(6);
  return lang === 'vi' ? s.replace('.', ',') : s;
}

/**
 * A number as written, with a decimal comma: for Vietnamese messages that quote a file's number (0.5 → "0,5").
 *
 * @example `viNum(0.5) // '0,5'`
 */
export function viNum(x: number): string {
  return String(x).replace('.', ',');
}

/**
 * A number with a fixed number of decimals; Vietnamese uses a decimal comma. The values given are exact
 * decimals already rounded as the criteria set declares, so this never re-rounds a point.
 *
 * @example num(1.5, 2, 'vi') // "1,50"
 */
export function num(x: number | null, decimals: number, lang: Lang): string {
  if (x === null) return '—';
  const s = x.toFixed(decimals);
  return lang === 'vi' ? s.replace('.', ',') : s;
}

/**
 * Characters that print as nothing (or nothing visible) but make two texts differ: zero-width space, ZWNJ,
 * ZWJ, the left-to-right and right-to-left marks and embeddings, word joiner and friends, a byte-order mark
 * inside a text, the soft hyphen. Copying from a web portal or a word processor brings them into cells.
 */
const INVISIBLE = /[\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/u;

/**
 * The first invisible character of a text (see {@link INVISIBLE}), with its position (0-based) and its Unicode
 * name as `U+XXXX`, or undefined. Ids and names that hold one are refused (`text.invisible-char`): two names that
 * look the same must be the same.
 *
 * @example invisibleChar('Xã\u200bAn') // { index: 2, code: 'U+200B' }
 */
export function invisibleChar(s: string): { readonly index: number; readonly code: string } | undefined {
  const m = INVISIBLE.exec(s);
  if (!m) return undefined;
  return { index: m.index, code: `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` };
}

/**
 * A text in Unicode NFC (composed: "ò" one character, not "o" + a combining grave). Every text read from a file
 * (documents, table headers and cells) is composed, so names and ids compare exactly, whichever form the
 * program that wrote the file used (macOS and some portals write NFD). A cheap test skips the common case.
 *
 * @example nfc('Ho\u0300a') === 'Hòa' // true
 */
export function nfc(s: string): string {
  // Texts without a character at or above U+0300 (the first combining mark) are composed already.
  // eslint-disable-next-line no-control-regex
  return /^[\u0000-\u02ff]*$/.test(s) ? s : s.normalize('NFC');
}

/**
 * Data a program hands over (not text read from a file) with every string, keys included, composed to NFC, so
 * parsed objects compare as the same text read from a file would. Returns the input itself when nothing changes,
 * and copies only the arrays and plain objects on the way to a change: the caller's data is never mutated. Call it
 * after the data's depth has been checked (it recurses).
 *
 * @example nfcDeep({ name: 'Ho\u0300a' }) // { name: 'Hòa' }
 */
export function nfcDeep(v: unknown): unknown {
  if (typeof v === 'string') return nfc(v);
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    v.forEach((x: unknown, i) => {
      const y = nfcDeep(x);
      if (y !== x) (out ??= v.slice())[i] = y;
    });
    return out ?? v;
  }
  if (v === null || typeof v !== 'object') return v;
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return v;
  let changed = false;
  const entries = Object.entries(v).map(([k, x]) => {
    const k2 = nfc(k);
    const y = nfcDeep(x);
    if (k2 !== k || y !== x) changed = true;
    return [k2, y] as const;
  });
  return changed ? Object.fromEntries(entries) : v;
}

/**
 * A text for a message, each invisible character written as ⟨U+XXXX⟩ so the reader sees where it is.
 *
 * @example showInvisible('Xã\u200bAn') // "Xã⟨U+200B⟩An"
 */
export function showInvisible(s: string): string {
  return s.replace(new RegExp(INVISIBLE.source, 'gu'), (c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

/** Sources up to this many characters are written where they are read; longer ones once, then by reference. */
export const SOURCE_INLINE_MAX = 1000;

/**
 * A source quoted in a trace step, cut to a readable length: a step never repeats a long source whole (an
 * evidence file's long default source, quoted in every node, made traces no output could hold).
 */
export function quoteShort(s: string): string {
  return s.length <= SOURCE_INLINE_MAX ? s : `${s.slice(0, 120)}…`;
}
