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
