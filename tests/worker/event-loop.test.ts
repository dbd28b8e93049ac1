/**
 * The event loop stays responsive while a worker thread summarises 1,000,000 dossier rows (issue 26, item 2): a
 * 10 ms timer on the main thread keeps firing throughout, where the same kind of summary on the main thread
 * holds it for the whole run. The export is the bundled example's rows repeated with new ids, in a temporary
 * file; the built ESM file is used (dist/, built by vitest's global setup).
 *
 * Why the bounds are sound on a loaded two-core machine: with the summary in the worker, the main thread only
 * waits — its timer callbacks need microseconds of CPU — so a tick is late only by the operating system's
 * scheduling delay, which grows with the load (the thread itself keeps one core busy; vitest's type check and
 * other test files share the rest): measured at a load average of 5 on two cores, the 99th percentile of the
 * gaps was 34 ms and the largest 90 ms (at 11: 26 ms and 46 ms). So the 50 ms bound is put on the 95th percentile of the gaps (and of
 * Node's own delay histogram): a loop blocked in 100 ms pieces for even a tenth of the run fails it, while a few
 * unlucky deschedulings cannot; the largest gap is bounded more loosely (500 ms) so a stall is still caught. The
 * contrast shows the bound means something: a summary run on the main thread is one synchronous block, so its
 * longest gap is as long as that run (hundreds of milliseconds for 100,000 rows on a quiet machine, seconds on a
 * busy one — that bound only gets easier to meet with load).
 */
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../support/paths.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- the built modules are loaded by path, untyped */
type Mod = Record<string, any>;

const ROWS = 1_000_000;
const PERIOD = { from: '2020-12-15', to: '2021-12-15' };
const dir = mkdtempSync(join(tmpdir(), 'par-index-worker-loop-'));
const big = join(dir, 'ho-so-1m.csv');

/** The example's export with its rows repeated under new ids (`<id>.<round>`) up to `rows` data rows; returns the first `head` rows' text too. */
function writeBigExport(path: string, rows: number, head: number): string {
  const lines = readFileSync(join(root, 'fixtures/van-lam-2021/ho-so-mot-cua-2021.csv'), 'utf8').trimEnd().split('\n');
  const header = lines[0]!;
  const data = lines.slice(1);
  const fd = openSync(path, 'w');
  const first: string[] = [header];
  try {
    writeSync(fd, `${header}\n`);
    let n = 0;
    for (let round = 0; n < rows; round++) {
      let chunk = '';
      for (const line of data) {
        if (n === rows) break;
        const comma = line.indexOf(',');
        const row = `${line.slice(0, comma)}.${round}${line.slice(comma)}`;
        if (n < head) first.push(row);
        chunk += `${row}\n`;
        n++;
      }
      writeSync(fd, chunk);
    }
  } finally {
    closeSync(fd);
  }
  return `${first.join('\n')}\n`;
}

interface Loop {
  /** The job's wall time, ms. */
  readonly ms: number;
  /** Times the 10 ms timer fired. */
  readonly ticks: number;
  /** The 95th and 99th percentiles and the largest of the gaps between ticks (the job's start and end included), ms. */
  readonly p95Gap: number;
  readonly p99Gap: number;
  readonly maxGap: number;
  /** Node's own measure of event-loop delay: its 95th and 99th percentiles and maximum, ms. */
  readonly p95Delay: number;
  readonly p99Delay: number;
  readonly maxDelay: number;
}

/** Runs the job with a 10 ms timer and Node's event-loop delay histogram watching the main thread. */
async function watch(job: () => Promise<unknown>): Promise<Loop> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  const ticks: number[] = [];
  const start = performance.now();
  h.enable();
  const timer = setInterval(() => ticks.push(performance.now()), 10);
  try {
    await job();
  } finally {
    clearInterval(timer);
    h.disable();
  }
  const end = performance.now();
  const times = [start, ...ticks, end];
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  gaps.sort((a, b) => a - b);
  const pc = (p: number) => gaps[Math.min(gaps.length - 1, Math.floor(gaps.length * p))]!;
  return {
    ms: end - start,
    ticks: ticks.length,
    p95Gap: pc(0.95),
    p99Gap: pc(0.99),
    maxGap: gaps[gaps.length - 1]!,
    p95Delay: h.count > 0 ? h.percentile(95) / 1e6 : 0,
    p99Delay: h.count > 0 ? h.percentile(99) / 1e6 : 0,
    maxDelay: h.max / 1e6,
  };
}

const show = (l: Loop) =>
  `${(l.ms / 1000).toFixed(1)} s, ${l.ticks} ticks, gaps p95 ${l.p95Gap.toFixed(1)} ms, p99 ${l.p99Gap.toFixed(1)} ms, max ${l.maxGap.toFixed(1)} ms; ` +
  `delay p95 ${l.p95Delay.toFixed(1)} ms, p99 ${l.p99Delay.toFixed(1)} ms, max ${l.maxDelay.toFixed(1)} ms`;

describe('par-index/worker keeps the event loop responsive', () => {
  let worker: Mod;
  let io: Mod;
  let core: Mod;
  let pool: any;
  let head = '';
  beforeAll(async () => {
    worker = (await import(pathToFileURL(join(root, 'dist/worker.js')).href)) as Mod;
    io = (await import(pathToFileURL(join(root, 'dist/io.js')).href)) as Mod;
    core = (await import(pathToFileURL(join(root, 'dist/index.js')).href)) as Mod;
    head = writeBigExport(big, ROWS, 100_000);
    pool = new worker.ParIndexWorker();
    // The thread starts and loads the library before the measure (a server starts its pool once).
    await pool.summariseDescriptor('fixtures/van-lam-2021/ho-so-mot-cua-2021.source.yaml');
  }, 120_000);
  afterAll(async () => {
    await pool?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a 10 ms timer keeps firing (95% of gaps under 50 ms) while a thread summarises 1,000,000 rows; on the main thread a summary blocks it', async () => {
    expect(existsSync(big)).toBe(true);
    let summary: any;
    const inThread = await watch(async () => {
      summary = await pool.summariseRecordFiles([big], { calendar: 'vn', period: PERIOD });
    });
    expect(summary.rows.in).toBe(ROWS);
    expect(summary.rows.rejected).toBe(0);

    // The contrast: what an app does without the worker — an upload of 100,000 rows parsed and summarised in memory
    // on the main thread (one synchronous block).
    const calendar = io.readCalendar('vn');
    const onMain = await watch(async () => {
      const table = core.parseCsv(head, { file: 'ho-so.csv' });
      const r = core.summariseDossiers([{ file: 'ho-so.csv', table }], { calendar, period: PERIOD });
      expect(r.summary.rows.in).toBe(100_000);
    });
    const report = `worker: ${show(inThread)}\nmain thread (100,000 rows in memory): ${show(onMain)}`;
    console.log(report);

    // The timer fired throughout the summary: 95% of the gaps under 50 ms, none near the main thread's block.
    expect(inThread.p95Gap, report).toBeLessThan(50);
    expect(inThread.p95Delay, report).toBeLessThan(50);
    expect(inThread.maxGap, report).toBeLessThan(500);
    expect(inThread.ticks, report).toBeGreaterThan(inThread.ms / 10 / 2);
    // On the main thread, a tenth of the rows hold the loop for their whole run.
    expect(onMain.maxGap, report).toBeGreaterThan(100);
    expect(onMain.maxGap, report).toBeGreaterThan(2 * inThread.maxGap);
  }, 300_000);
});
