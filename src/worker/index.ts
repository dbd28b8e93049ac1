/**
 * `par-index/worker` — the heavy jobs (dossier summaries, survey tallies, scoring many units, rank uncertainty)
 * in worker threads, so a server's event loop keeps answering while they run (Node only). Each method is the
 * call an app would make on the main thread, and returns the same value, frozen; a problem in the input is
 * thrown as the same `ParIndexError`, with the same issues.
 *
 * @example
 * ```ts
 * import { ParIndexWorker } from 'par-index/worker';
 * const pool = new ParIndexWorker({ threads: 2 });
 * const ranking = await pool.score('criteria/examples/van-lam-commune-2021.yaml', 'fixtures/van-lam-2021');
 * await pool.close();
 * ```
 * @module
 */
import { resolve } from 'node:path';
import { Worker, type MessagePort } from 'node:worker_threads';
import type { DossierSummary } from '../measures/summary-schema.js';
import type { Ranking } from '../ranking/rank.js';
import type { UncertaintyResult } from '../ranking/uncertainty-result.js';
import type { UncertaintySpec } from '../ranking/uncertainty-spec.js';
import type { ImportResult } from '../sipas/responses.js';
import { readCalendar, type DescriptorSummary, type DossierReadOptions } from '../io/dossier-source.js';
import { unpackError, unpackValue, type JobMessage, type JobName, type ReplyMessage } from './protocol.js';
import { sendTables } from './stream-port.js';
import type {
  EvidenceFrom,
  RecordFilesOptions,
  TableInput,
  TallyOptions,
  TextInput,
  WorkerScoreOptions,
  WorkerUncertaintyOptions,
} from './types.js';

export type {
  EvidenceFrom,
  RecordFilesOptions,
  TableInput,
  TallyOptions,
  TextInput,
  WorkerReadOptions,
  WorkerScoreOptions,
  WorkerUncertaintyOptions,
} from './types.js';

/**
 * Options of a {@link ParIndexWorker}.
 *
 * @example `new ParIndexWorker({ threads: 2, resourceLimits: { maxOldGenerationSizeMb: 512 } })`
 */
export interface WorkerPoolOptions {
  /** How many threads run jobs at once (default 1); more jobs wait their turn. Threads start with the first jobs. */
  readonly threads?: number | undefined;
  /** The memory limits of each thread (Node's `resourceLimits`): a job beyond them fails, the app does not. */
  readonly resourceLimits?: WorkerResourceLimits | undefined;
}

/**
 * A thread's memory limits, as Node's `Worker` takes them (`resourceLimits`). Declared here rather than taken from
 * `node:worker_threads`, so an app's declarations type-check without Node's types.
 *
 * @example `{ maxOldGenerationSizeMb: 1024 }`
 */
export interface WorkerResourceLimits {
  /** The main heap's largest size, in MB. */
  readonly maxOldGenerationSizeMb?: number | undefined;
  /** The largest heap space for recently created objects, in MB. */
  readonly maxYoungGenerationSizeMb?: number | undefined;
  /** The memory set aside for generated code, in MB. */
  readonly codeRangeSizeMb?: number | undefined;
  /** The thread's largest stack, in MB (default 4). */
  readonly stackSizeMb?: number | undefined;
}

/** Marks every ParIndexWorkerError, whichever copy of the library made it (ESM and CommonJS builds). */
const BRAND = Symbol.for('par-index.ParIndexWorkerError');

/**
 * Why a job of a {@link ParIndexWorker} did not end with its value or its `ParIndexError`: the pool was
 * closed (`closed`), or the thread stopped while running it (`crashed`: out of memory under `resourceLimits`,
 * killed…; the next job gets a new thread).
 *
 * @example
 * ```ts
 * try { await pool.score(criteria, evidence) }
 * catch (e) { if (e instanceof ParIndexWorkerError && e.reason === 'crashed') console.error(e.message, e.cause) }
 * ```
 */
export class ParIndexWorkerError extends Error {
  /** `closed`: the pool was closed before the job ended; `crashed`: its thread stopped while running it. */
  readonly reason: 'closed' | 'crashed';
  /** The job that did not end (`score`, `summariseRecordFiles`…). */
  readonly job: string;
  /** The Vietnamese message. */
  readonly messageVi: string;

  constructor(reason: 'closed' | 'crashed', job: string, detail?: unknown) {
    const why = detail instanceof Error ? `: ${detail.message}` : detail !== undefined ? `: ${String(detail)}` : '';
    super(
      reason === 'closed'
        ? `par-index worker: the pool is closed, ${job} was not run to its end`
        : `par-index worker: the thread stopped while running ${job}${why}`,
      detail !== undefined ? { cause: detail } : undefined,
    );
    this.name = 'ParIndexWorkerError';
    this.reason = reason;
    this.job = job;
    this.messageVi =
      reason === 'closed'
        ? `par-index worker: nhóm luồng đã đóng, ${job} không chạy hết`
        : `par-index worker: luồng dừng giữa chừng khi chạy ${job}${why}`;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** `instanceof` holds for an error of either build of the library (ESM, CommonJS). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

interface Pending {
  readonly message: JobMessage;
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: unknown) => void;
  readonly onProgress: ((...args: never[]) => void) | undefined;
  /** The ports of the streams among the arguments, moved to the thread, and what starts feeding them. */
  readonly streams?: { readonly transfer: readonly MessagePort[]; readonly start: () => void } | undefined;
}

interface Thread {
  readonly worker: Worker;
  job: Pending | undefined;
  /** Set once the thread has failed or exited: it takes no more jobs. */
  gone: boolean;
}

/**
 * The thread's script beside this file: dist/worker-thread.js from dist/worker.js, dist/worker-thread.cjs from
 * dist/worker.cjs (tsup's shim gives the CommonJS build `import.meta.url`), src/worker/thread.ts from the sources.
 * From the sources (the repository's guides run them with tsx), the thread registers tsx's loader first: a
 * thread does not inherit the loader hooks of the main thread.
 */
function threadScript(): { script: string | URL; eval: boolean } {
  const here = import.meta.url;
  if (!here.endsWith('.ts'))
    return { script: new URL(here.endsWith('.cjs') ? './worker-thread.cjs' : './worker-thread.js', here), eval: false };
  const thread = JSON.stringify(new URL('./thread.ts', here).href);
  return { script: `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${thread}); });`, eval: true };
}

/**
 * A pool of worker threads that run the library's heavy jobs off the event loop. Every method takes data (paths,
 * texts, bytes, options) and resolves to what the same call on the main thread returns — equal, and frozen all
 * the way down — or rejects with the same `ParIndexError`; a {@link ParIndexWorkerError} when the pool is
 * closed or the thread stops. Arguments are copied to the thread, never changed or moved.
 *
 * Close the pool when done ({@link ParIndexWorker.close}); idle threads do not keep the process alive.
 *
 * @example
 * ```ts
 * const pool = new ParIndexWorker();
 * const summary = await pool.summariseRecordFiles(['exports/ho-so-2021.csv'], { calendar: 'vn', period: { from: '2021-01-01', to: '2021-12-31' } });
 * const { tally } = await pool.tallyResponses('survey/responses-2021.csv', 'questionnaires/van-lam-commune-2021.yaml', { unitColumn: 'xa' });
 * await pool.close();
 * ```
 */
export class ParIndexWorker {
  /** How many threads run jobs at once. */
  readonly threads: number;
  readonly #resourceLimits: WorkerResourceLimits | undefined;
  readonly #all = new Set<Thread>();
  readonly #queue: Pending[] = [];
  #closed = false;
  #nextId = 1;

  constructor(opts: WorkerPoolOptions = {}) {
    const n = opts.threads ?? 1;
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`par-index worker: threads must be a whole number ≥ 1, not ${n}`);
    this.threads = n;
    this.#resourceLimits = opts.resourceLimits;
  }

  /**
   * `summariseRecordFiles` of `par-index/io` in a thread: the dossier exports (paths, or CSV held in memory with
   * the name the summary gives it) summarised on the calendar over the period. Header problems reject with
   * `ParIndexError` (`dossier.bad-header`); bad rows are in the summary. A table held in memory gives the summary
   * `summariseDossiers([{ file: name, table: parseCsv(text, { file: name }) }], …)` gives.
   *
   * @example
   * ```ts
   * const upload = { name: 'ho-so-2021.csv', data: body }; // a request's bytes
   * const summary = await pool.summariseRecordFiles([upload], { calendar: 'vn', period: { from: '2021-01-01', to: '2021-12-31' } });
   * ```
   */
  summariseRecordFiles(files: readonly (string | TableInput)[], opts: RecordFilesOptions): Promise<DossierSummary> {
    const sent = sendTables(files);
    return this.#run('summariseRecordFiles', [sent.tables, opts], undefined, sent) as Promise<DossierSummary>;
  }

  /**
   * `summariseDescriptor` of `par-index/io` in a thread: a dossier-source descriptor's records summarised. The
   * calendar of the result is read again on the calling thread (from the descriptor's `calendar`; a calendar is
   * code, not data, and cannot cross).
   *
   * @example `(await pool.summariseDescriptor('fixtures/van-lam-2021/ho-so-mot-cua-2021.source.yaml')).summary.rows.in // 7227`
   */
  async summariseDescriptor(path: string, opts: DossierReadOptions = {}): Promise<DescriptorSummary> {
    const r = (await this.#run('summariseDescriptor', [path, opts])) as Omit<DescriptorSummary, 'calendar'>;
    const calendar = readCalendar(r.descriptor.calendar, { dir: resolve(path, '..'), ...(opts.limits ? { limits: opts.limits } : {}) });
    return Object.freeze({ descriptor: r.descriptor, summary: r.summary, calendar, files: r.files });
  }

  /**
   * `readResponses` of `par-index/io` in a thread: a survey's responses (a path, or CSV held in memory) tallied
   * with the questionnaire (its file, or its text). Problems in rows are in the report; a wrong header rejects.
   *
   * @example
   * ```ts
   * const { tally, report } = await pool.tallyResponses('fixtures/van-lam-2021/survey/responses-2021.csv', 'questionnaires/van-lam-commune-2021.yaml', { unitColumn: 'xa' });
   * ```
   */
  tallyResponses(responses: string | TableInput, questionnaire: string | TextInput, opts: TallyOptions = {}): Promise<ImportResult> {
    const { onProgress, ...rest } = opts;
    const sent = sendTables([responses]);
    return this.#run('tallyResponses', [sent.tables[0], questionnaire, rest], onProgress, sent) as Promise<ImportResult>;
  }

  /**
   * `score()` of `par-index` in a thread: the criteria set (its file, or its text: loaded once per thread and
   * kept) scores the evidence (files and folders read with every descriptor reader, or documents held in memory)
   * and ranks the cards. Resolves to the {@link Ranking}, its cards with their traces unless `trace: false`.
   *
   * @example
   * ```ts
   * const ranking = await pool.score({ text: criteriaYaml, file: 'van-lam-commune-2021.yaml' }, 'fixtures/van-lam-2021');
   * ranking.rows[0].card.unit.name; // "Như Quỳnh"
   * ```
   */
  score(criteria: string | TextInput, evidence: EvidenceFrom, opts: WorkerScoreOptions = {}): Promise<Ranking> {
    return this.#run('score', [criteria, evidence, opts]) as Promise<Ranking>;
  }

  /**
   * `rankUncertainty()` of `par-index` in a thread: how the ranking moves when weights, rounding and the ranking
   * rule vary as the spec says (default: each field's weight within ±20 %).
   *
   * @example `(await pool.rankUncertainty('criteria/examples/van-lam-commune-2021.yaml', 'fixtures/van-lam-2021', undefined, { draws: 500, seed: 1 })).units[0].ranks`
   */
  rankUncertainty(
    criteria: string | TextInput,
    evidence: EvidenceFrom,
    spec?: UncertaintySpec,
    opts: WorkerUncertaintyOptions = {},
  ): Promise<UncertaintyResult> {
    const { onProgress, ...rest } = opts;
    return this.#run('rankUncertainty', [criteria, evidence, spec, rest], onProgress) as Promise<UncertaintyResult>;
  }

  /**
   * Stops the threads. Jobs not yet ended reject with {@link ParIndexWorkerError} (`closed`), and so does every
   * later call. Resolves when the threads have exited.
   *
   * @example `await pool.close()`
   */
  async close(): Promise<void> {
    this.#closed = true;
    for (const p of this.#queue.splice(0)) p.reject(new ParIndexWorkerError('closed', p.message.job));
    const stopping: Promise<number>[] = [];
    for (const t of this.#all) {
      t.gone = true;
      if (t.job) t.job.reject(new ParIndexWorkerError('closed', t.job.message.job));
      t.job = undefined;
      stopping.push(t.worker.terminate());
    }
    this.#all.clear();
    await Promise.all(stopping);
  }

  #run(
    job: JobName,
    args: readonly unknown[],
    onProgress?: (...args: never[]) => void,
    streams?: { readonly transfer: readonly MessagePort[]; readonly start: () => void },
  ): Promise<unknown> {
    if (this.#closed) return Promise.reject(new ParIndexWorkerError('closed', job));
    return new Promise((resolve, reject) => {
      this.#queue.push({
        message: { id: this.#nextId++, job, args, progress: onProgress !== undefined },
        resolve,
        reject,
        onProgress,
        streams,
      });
      this.#dispatch();
    });
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      let t = [...this.#all].find((x) => !x.gone && x.job === undefined);
      if (!t) {
        if (this.#all.size >= this.threads) return;
        t = this.#start();
      }
      const p = this.#queue.shift()!;
      t.job = p;
      t.worker.ref();
      try {
        // Copied, never transferred: the caller's buffers stay usable. Only a stream's port moves.
        t.worker.postMessage(p.message, [...(p.streams?.transfer ?? [])]);
        p.streams?.start();
      } catch (e) {
        // An argument that cannot be copied (a function in the options…): this job fails, the thread is fine.
        t.job = undefined;
        t.worker.unref();
        p.reject(e);
      }
    }
  }

  #start(): Thread {
    const { script, eval: evaluate } = threadScript();
    const worker = new Worker(script, { eval: evaluate, ...(this.#resourceLimits ? { resourceLimits: this.#resourceLimits } : {}) });
    const t: Thread = { worker, job: undefined, gone: false };
    this.#all.add(t);
    worker.unref();
    worker.on('message', (m: ReplyMessage) => this.#reply(t, m));
    const fail = (detail: unknown) => {
      if (t.gone) return;
      t.gone = true;
      this.#all.delete(t);
      const p = t.job;
      t.job = undefined;
      if (p) p.reject(new ParIndexWorkerError('crashed', p.message.job, detail));
      void worker.terminate();
      // The jobs waiting get a new thread.
      if (!this.#closed) this.#dispatch();
    };
    worker.on('error', fail);
    worker.on('messageerror', fail);
    worker.on('exit', (code) => fail(`exit code ${code}`));
    return t;
  }

  #reply(t: Thread, m: ReplyMessage): void {
    const p = t.job;
    if (!p || p.message.id !== m.id) return;
    if (m.type === 'progress') {
      try {
        // Two arguments at most: (rowsRead) of a tally, (done, total) of uncertainty draws.
        (p.onProgress as ((a: unknown, b: unknown) => void) | undefined)?.(m.args[0], m.args[1]);
      } catch {
        // A progress callback must not throw (as on the main thread); the job goes on.
      }
      return;
    }
    t.job = undefined;
    t.worker.unref();
    if (m.type === 'done') {
      let value: unknown;
      try {
        value = unpackValue(m.value);
      } catch (e) {
        p.reject(e);
        this.#dispatch();
        return;
      }
      p.resolve(value);
    } else p.reject(unpackError(m.error));
    this.#dispatch();
  }
}
