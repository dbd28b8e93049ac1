/**
 * What every `par-index` command shares: its shape, usage errors, language choice and output.
 * A feature adds its commands by exporting a `Record<string, Command>` that `main.ts` registers.
 * @module
 */
import type { ParseArgsConfig } from 'node:util';
import type { Lang } from '../core/errors.js';
import { writeText } from '../io/index.js';

/** Where a command writes: standard output and standard error (tests pass their own). */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Thrown for a wrong command line: exit 2 with the usage. */
export class UsageError extends Error {}

/** One command: its usage line, a summary in both languages, an example, its options and what it does. */
export interface Command {
  usage: string;
  summary: { vi: string; en: string };
  example: string;
  options: ParseArgsConfig['options'];
  /** Returns the exit code: 0 done, 1 problems found in what was checked, 2 bad input. */
  run: (pos: string[], opts: Record<string, unknown>, io: Io) => number | Promise<number>;
}

/** The language from the environment's locale: English when it says so, Vietnamese otherwise. */
export function envLang(): Lang {
  const l = process.env['LC_ALL'] || process.env['LC_MESSAGES'] || process.env['LANG'] || '';
  return /^en/i.test(l) ? 'en' : 'vi';
}

/** The language from --lang, or the environment's. */
export function langOf(v: unknown): Lang {
  if (v === undefined) return envLang();
  if (v === 'vi' || v === 'en') return v;
  throw new UsageError(`--lang must be vi or en, got "${String(v)}"`);
}

/** Writes text to --out when given, else to standard output. */
export function emit(text: string, out: unknown, io: Io): void {
  if (typeof out === 'string') writeText(out, text);
  else io.out(text.endsWith('\n') ? text.slice(0, -1) : text);
}

/** Checks an option against its allowed values. */
export function oneOf<T extends string>(name: string, v: unknown, allowed: readonly T[]): T {
  const s = String(v);
  if (!(allowed as readonly string[]).includes(s)) throw new UsageError(`--${name} must be ${allowed.join(', ')}; got "${s}"`);
  return s as T;
}
