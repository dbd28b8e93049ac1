/**
 * What every `par-index` command shares: its shape, usage errors, language choice and output.
 * A feature adds its commands by exporting a `Record<string, Command>` that `main.ts` registers.
 * @module
 */
import type { ParseArgsConfig } from 'node:util';
import { formatIssue, type Lang } from '../core/errors.js';
import type { ProvenanceReport } from '../criteria/provenance.js';
import type { ScoreCard } from '../engine/types.js';
import { writeText, type FolderOptions } from '../io/index.js';
import type { ProgressStream } from './progress.js';

/** Where a command writes: standard output and standard error (tests pass their own). */
export interface Io {
  /** Standard output: the result. */
  out: (s: string) => void;
  /** Standard error: messages, warnings. */
  err: (s: string) => void;
  /**
   * Where progress goes (`process.stderr` in the CLI). Absent: no progress, as when standard error is piped.
   * Progress shows only when this stream is a terminal (see `progress()` in progress.ts).
   */
  progress?: ProgressStream;
}

/**
 * The options every command takes: `--lang vi|en`, `--help`, and `--quiet` (no progress lines; they are shown
 * only on a terminal anyway).
 */
export const COMMON_OPTIONS = {
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  quiet: { type: 'boolean', short: 'q' },
} as const satisfies ParseArgsConfig['options'];

/**
 * Thrown for a wrong command line: exit 2 with the usage. The message is English (`message`, as a stack trace
 * or a test sees it) and Vietnamese (`vi`); the CLI prints the one of the language asked for.
 */
export class UsageError extends Error {
  /** The message in Vietnamese (the English one when none is given). */
  readonly vi: string;

  constructor(en: string, vi: string = en) {
    super(en);
    this.vi = vi;
  }
}

/** The help of a sub-command (`inspect checklist`): its usage line, a summary in both languages and an example. */
export interface SubcommandHelp {
  /** The usage line: `par-index inspect checklist <criteria> --unit <id> …`. */
  usage: string;
  /** What it does, in Vietnamese and English. */
  summary: { vi: string; en: string };
  /** A command line that works from the repository's root. */
  example: string;
}

/** One command: its usage line, a summary in both languages, an example, its options and what it does. */
export interface Command {
  /** The usage line: `par-index score <criteria> <evidence…> [--format …]`. */
  usage: string;
  /** What it does, in Vietnamese and English. */
  summary: { vi: string; en: string };
  /** A command line that works from the repository's root. */
  example: string;
  /** Sub-commands with their own help (`par-index inspect checklist --help`). */
  subcommands?: Record<string, SubcommandHelp>;
  /** The options it takes besides the common ones (--lang, --help, --quiet). */
  options: ParseArgsConfig['options'];
  /** Returns the exit code: 0 done, 1 problems found in what was checked, 2 bad input. */
  run: (pos: string[], opts: Record<string, unknown>, io: Io) => number | Promise<number>;
}

/**
 * The language from the environment's locale, read as POSIX does (LC_ALL, then LC_MESSAGES, then LANG; an empty
 * variable counts as unset): Vietnamese for `vi…`, English for `en…`. With no locale, or the C/POSIX locale
 * (containers, cron, CI), Vietnamese: the people the tool is for read it first. Any other language (`fr_FR`,
 * `de_DE`…) gets English, which they are more likely to read than Vietnamese.
 */
export function envLang(env: Readonly<Record<string, string | undefined>> = process.env): Lang {
  const l = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  if (/^vi/i.test(l)) return 'vi';
  if (l === '' || /^(C|POSIX)([._@]|$)/i.test(l)) return 'vi';
  return 'en';
}

/**
 * The language asked for on a command line before it is parsed (for messages printed before parsing, such as
 * an unknown command): `--lang en` or `--lang=en`; the last one wins, as parseArgs does. Undefined when absent
 * or not vi/en (parsing then reports the bad value).
 */
export function argLang(argv: readonly string[]): Lang | undefined {
  let lang: Lang | undefined;
  argv.forEach((a, i) => {
    const v = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    if (v === 'vi' || v === 'en') lang = v;
  });
  return lang;
}

/** The language from --lang, or the environment's. */
export function langOf(v: unknown): Lang {
  if (v === undefined) return envLang();
  if (v === 'vi' || v === 'en') return v;
  // The language asked for is not known, so the message is in both.
  const both = `--lang must be vi or en, got "${String(v)}" / --lang phải là vi hoặc en, nhận được "${String(v)}"`;
  throw new UsageError(both, both);
}

/** Writes text to --out when given, else to standard output. */
export function emit(text: string, out: unknown, io: Io): void {
  if (typeof out === 'string') writeText(out, text);
  else io.out(text.endsWith('\n') ? text.slice(0, -1) : text);
}

/** Checks an option against its allowed values. */
export function oneOf<T extends string>(name: string, v: unknown, allowed: readonly T[]): T {
  const s = String(v);
  if (!(allowed as readonly string[]).includes(s))
    throw new UsageError(
      `--${name} must be ${allowed.join(', ')}; got "${s}"`,
      `--${name} phải là một trong ${allowed.join(', ')}; nhận được "${s}"`,
    );
  return s as T;
}

/** Prints the warnings of score cards on standard error, under a count, each with its unit. */
export function printCardWarnings(cards: readonly ScoreCard[], lang: Lang, io: Io): void {
  const n = cards.reduce((s, c) => s + c.warnings.length, 0);
  if (n === 0) return;
  io.err(lang === 'vi' ? `${n} cảnh báo:` : `${n} warning(s):`);
  for (const c of cards) for (const w of c.warnings) io.err(`  ${c.unit.id}: ${formatIssue(w, lang)}`);
}

/**
 * Says on standard error how many assumptions the criteria set holds (content no source confirms), so a score
 * is never read as fully official without a word; `par-index check FILE` lists them.
 */
export function printAssumptions(report: ProvenanceReport, file: string, lang: Lang, io: Io): void {
  const n = report.assumptions.length;
  if (n === 0) return;
  io.err(
    lang === 'vi'
      ? `Lưu ý: bộ tiêu chí có ${n} giả định (nội dung chưa được nguồn nào xác nhận); xem: par-index check ${file}`
      : `Note: the criteria set holds ${n} assumption${n === 1 ? '' : 's'} (content no source confirms); see: par-index check ${file}`,
  );
}

/** `--follow-links`, taken by the commands that read evidence folders. */
export const FOLDER_OPTION = {
  'follow-links': { type: 'boolean' },
  'allow-outside': { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

/**
 * How a command walks evidence folders: links out of a folder followed only with `--follow-links`, each file
 * skipped (editor lock files, links to nothing, links out of the folder) said on standard error, and a
 * descriptor's tables outside its folder read only with `--allow-outside`.
 */
export function folderOptions(opts: Record<string, unknown>, lang: Lang, io: Io): FolderOptions & { readonly allowOutside?: boolean } {
  return {
    followLinks: opts['follow-links'] === true,
    onWarning: (w) => io.err(formatIssue(w, lang)),
    // A descriptor's data tables outside its folder are refused unless asked for (SECURITY.md).
    ...(opts['allow-outside'] === true ? { allowOutside: true } : {}),
  };
}
