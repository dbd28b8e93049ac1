/**
 * Progress of long runs (large dossier exports, many evidence files, uncertainty draws, large survey files) on
 * standard error — only for a person watching a terminal. A script that pipes or redirects standard error, or a
 * user who passes `--quiet`, gets nothing: the output and the messages stay exactly as without progress.
 *
 * The CLI is the only place that knows about terminals; the library functions take a plain `onProgress`
 * callback, so the core stays free of Node built-ins.
 * @module
 */
import type { Lang } from '../core/errors.js';

/**
 * Where progress is written: a stream that says whether it is a terminal (`process.stderr` in the CLI; tests pass
 * an object with `isTTY: true` and their own `write`).
 *
 * @example `const stream: ProgressStream = { isTTY: true, write: (s) => chunks.push(s) }`
 */
export interface ProgressStream {
  /** True when the stream is a terminal; progress is shown only then. */
  readonly isTTY?: boolean | undefined;
  /** Writes text as is (no newline added). */
  write(text: string): unknown;
}

/**
 * Progress of one command run: whole steps as lines, and counts (rows read, draws made) updated in place.
 *
 * @example
 * ```ts
 * const p = progress(io, { quiet: false, lang: 'en' });
 * p.step('đọc hồ sơ', 'reading the dossiers');
 * for (let d = 1; d <= 1000; d++) p.count(d, 1000, 'lần rút', 'draws');
 * p.done();
 * ```
 */
export interface Progress {
  /** True when anything is shown: callers can skip building progress callbacks otherwise. */
  readonly shown: boolean;
  /** A step of the run, on its own line: "… reading the evidence". */
  step(vi: string, en: string): void;
  /** A running count ("… 12 000 rows", "… 250/1 000 draws"), rewritten in place at most every `intervalMs`. */
  count(done: number, total: number | undefined, vi: string, en: string): void;
  /** Ends a count line (if one is open) so that what follows starts on a new line. */
  done(): void;
}

/**
 * Options of {@link progress}.
 *
 * @example `progress(io, { quiet: opts['quiet'] === true, lang, intervalMs: 0 })`
 */
export interface ProgressOptions {
  /** `--quiet`: show nothing. */
  readonly quiet: boolean;
  /** Language of the lines. */
  readonly lang: Lang;
  /** Least time between two updates of a count line (default 200 ms; 0 shows every update). */
  readonly intervalMs?: number;
  /** The clock, in ms (default `Date.now`); tests pass their own. */
  readonly now?: () => number;
}

/** Thousands grouped as each language prints them: "12.000" in Vietnamese, "12,000" in English. */
function grouped(n: number, lang: Lang): string {
  return n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US');
}

const NONE: Progress = { shown: false, step() {}, count() {}, done() {} };

/**
 * The progress of a command, written to `io.progress` when it is a terminal and `quiet` is false; otherwise a
 * progress that does nothing. The CLI's default `Io` uses `process.stderr`; an `Io` without a progress stream
 * (tests, other callers of `main`) shows no progress.
 *
 * `io` is a command's `Io` (command.ts); only its `progress` stream is read, so this module needs no import of
 * command.ts (which imports `ProgressStream` from here).
 *
 * @example
 * ```ts
 * const p = progress(io, { quiet: opts['quiet'] === true, lang });
 * const r = rankUncertainty(set, evidence, spec, { draws, onProgress: (d, n) => p.count(d, n, 'lần rút', 'draws') });
 * p.done();
 * ```
 */
export function progress(io: { readonly progress?: ProgressStream | undefined }, opts: ProgressOptions): Progress {
  const stream = io.progress;
  if (opts.quiet || !stream || stream.isTTY !== true) return NONE;
  const { lang } = opts;
  const interval = opts.intervalMs ?? 200;
  const now = opts.now ?? Date.now;
  let open = false; // a count line is on screen, without its newline
  let last = -Infinity;
  const close = () => {
    if (open) stream.write('\n');
    open = false;
  };
  return {
    shown: true,
    step(vi, en) {
      close();
      stream.write(`… ${lang === 'vi' ? vi : en}\n`);
    },
    count(done, total, vi, en) {
      const t = now();
      // The last update always shows, so the final count on screen is the true one.
      if (t - last < interval && done !== total) return;
      last = t;
      const n = total === undefined ? grouped(done, lang) : `${grouped(done, lang)}/${grouped(total, lang)}`;
      // \r returns to the start of the line and ESC[K clears it: the count is rewritten in place.
      stream.write(`\r\x1b[K… ${n} ${lang === 'vi' ? vi : en}`);
      open = true;
    },
    done: close,
  };
}

/**
 * The `onProgress` of `readEvidenceSources` for a command's progress: the evidence files read so far, counted
 * in place. Undefined when nothing is shown, so the reader does no work for it.
 *
 * @example `await readEvidenceSources(paths, { readers, set, onProgress: filesRead(p) })`
 */
export function filesRead(p: Progress): ((done: number, total: number) => void) | undefined {
  if (!p.shown) return undefined;
  return (done, total) => {
    p.count(done, total, 'tệp minh chứng', 'evidence files');
    if (done === total) p.done();
  };
}
