/**
 * par-index/worker (issue 26, item 2): every job run in a thread gives what the same call gives on the main
 * thread — equal (toEqual, so every score card's exact ratios and trace too), frozen all the way down — and
 * every problem comes back as a ParIndexError with the same issues. Run against the built ESM and CommonJS files
 * (vitest's global setup builds dist/), since the thread's script is found beside the built entry.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { root } from '../support/paths.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- the built modules are loaded by path, untyped */
type Mod = Record<string, any>;

const require = createRequire(import.meta.url);
const dist = (f: string) => join(root, 'dist', f);
const BUILDS: [string, () => Promise<{ worker: Mod; io: Mod; core: Mod }>][] = [
  [
    'ESM',
    async () => ({
      worker: (await import(pathToFileURL(dist('worker.js')).href)) as Mod,
      io: (await import(pathToFileURL(dist('io.js')).href)) as Mod,
      core: (await import(pathToFileURL(dist('index.js')).href)) as Mod,
    }),
  ],
  [
    'CommonJS',
    async () => ({
      worker: require(dist('worker.cjs')) as Mod,
      io: require(dist('io.cjs')) as Mod,
      core: require(dist('index.cjs')) as Mod,
    }),
  ],
];

const CRITERIA = 'criteria/examples/van-lam-commune-2021.yaml';
const FOLDER = 'fixtures/van-lam-2021';
const EXPORT = 'fixtures/van-lam-2021/ho-so-mot-cua-2021.csv';
const DESCRIPTOR = 'fixtures/van-lam-2021/ho-so-mot-cua-2021.source.yaml';
const RESPONSES = 'fixtures/van-lam-2021/survey/responses-2021.csv';
const QUESTIONNAIRE = 'questionnaires/van-lam-commune-2021.yaml';
const PERIOD = { from: '2020-12-15', to: '2021-12-15' };
/** The brand every ParIndexError carries, whichever build made it (src/core/errors.ts). */
const BRAND = Symbol.for('par-index.ParIndexError');

/** Places under `v` that are objects or arrays but not frozen. */
function unfrozen(v: unknown, at = '', out: string[] = [], seen = new Set<unknown>()): string[] {
  if (v === null || typeof v !== 'object' || seen.has(v)) return out;
  seen.add(v);
  if (!Object.isFrozen(v)) out.push(at || '(top)');
  for (const [k, x] of Object.entries(v)) unfrozen(x, `${at}.${k}`, out, seen);
  return out;
}

/** The error a promise rejects with (the test fails when it resolves). */
async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

/** The error a call throws on the main thread. */
async function thrown(f: () => unknown): Promise<any> {
  return rejection(Promise.resolve().then(f));
}

describe.each(BUILDS)('par-index/worker, %s build', (_name, load) => {
  let m: { worker: Mod; io: Mod; core: Mod };
  let pool: any;
  beforeAll(async () => {
    m = await load();
    pool = new m.worker.ParIndexWorker();
  });
  afterAll(async () => pool?.close());

  it('summariseRecordFiles: an export by its path gives what summariseRecordFiles gives on the main thread', async () => {
    const opts = { calendar: 'vn', period: PERIOD, by: 'unit' };
    const copy = structuredClone(opts);
    const inThread = await pool.summariseRecordFiles([EXPORT], opts);
    const onMain = await m.io.summariseRecordFiles([EXPORT], { calendar: m.io.readCalendar('vn'), period: PERIOD, by: 'unit' });
    expect(inThread).toEqual(onMain);
    expect(inThread.rows.in).toBe(7227);
    expect(unfrozen(inThread)).toEqual([]);
    expect(opts).toEqual(copy);
  });

  it('summariseRecordFiles: an upload held in memory (bytes) gives what summariseDossiers of parseCsv gives; the bytes stay the caller’s', async () => {
    const bytes = new Uint8Array(readFileSync(join(root, EXPORT)));
    const before = Buffer.from(bytes);
    const inThread = await pool.summariseRecordFiles([{ name: 'ho-so.csv', data: bytes }], { calendar: 'vn', period: PERIOD });
    const table = m.core.parseCsv(readFileSync(join(root, EXPORT), 'utf8'), { file: 'ho-so.csv' });
    const onMain = m.core.summariseDossiers([{ file: 'ho-so.csv', table }], { calendar: m.io.readCalendar('vn'), period: PERIOD });
    expect(onMain.issues).toEqual([]);
    expect(inThread).toEqual(onMain.summary);
    expect(unfrozen(inThread)).toEqual([]);
    // Copied to the thread, not moved: the caller's buffer is whole and unchanged.
    expect(bytes.byteLength).toBe(before.byteLength);
    expect(Buffer.from(bytes).equals(before)).toBe(true);
    // The same counts as the file read by its path (only the file's name differs).
    const byPath = await pool.summariseRecordFiles([EXPORT], { calendar: 'vn', period: PERIOD });
    expect(inThread.total).toEqual(byPath.total);
    expect(inThread.groups).toEqual(byPath.groups);
  });

  it('summariseRecordFiles: an upload as a stream is fed to the thread as it arrives: the summary of the file', async () => {
    const bytes = readFileSync(join(root, EXPORT));
    let pulled = 0;
    async function* body(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < bytes.length; i += 8192) {
        pulled++;
        yield bytes.subarray(i, i + 8192);
      }
    }
    const inThread = await pool.summariseRecordFiles([{ name: EXPORT, data: body() }], { calendar: 'vn', period: PERIOD });
    const onMain = await m.io.summariseRecordFiles([EXPORT], { calendar: m.io.readCalendar('vn'), period: PERIOD });
    expect(inThread).toEqual(onMain);
    expect(pulled).toBe(Math.ceil(bytes.length / 8192));
    // A wrong header: the thread stops and the stream is cancelled after a few chunks, not read to its end.
    let read = 0;
    let closed = false;
    async function* wrong(): AsyncGenerator<Uint8Array> {
      const text = Buffer.from(bytes.toString('utf8').replace('Ngày tiếp nhận', 'Ghi chú'));
      try {
        for (let i = 0; i < text.length; i += 8192) {
          read++;
          yield text.subarray(i, i + 8192);
        }
      } finally {
        closed = true;
      }
    }
    const e = await rejection(pool.summariseRecordFiles([{ name: 'up.csv', data: wrong() }], { calendar: 'vn', period: PERIOD }));
    expect(e[BRAND]).toBe(true);
    expect(e.issues.map((i: any) => [i.code, i.file])).toEqual([['dossier.bad-header', 'up.csv']]);
    await vi.waitFor(() => expect(closed).toBe(true));
    expect(read).toBeLessThan(20);
  });

  it('summariseDescriptor: the descriptor, summary and files as on the main thread, with its calendar', async () => {
    const inThread = await pool.summariseDescriptor(DESCRIPTOR);
    const onMain = await m.io.summariseDescriptor(DESCRIPTOR);
    expect(Object.keys(inThread)).toEqual(Object.keys(onMain));
    expect(inThread.descriptor).toEqual(onMain.descriptor);
    expect(inThread.summary).toEqual(onMain.summary);
    expect(inThread.files).toEqual(onMain.files);
    // A calendar is code: read again from the descriptor's `calendar`, it answers as the main thread's does.
    expect(inThread.calendar.id).toBe(onMain.calendar.id);
    expect(inThread.calendar.isWorkingDay('2021-02-15')).toBe(false);
    expect(inThread.calendar.addWorkingDays('2021-02-09', 1)).toBe(onMain.calendar.addWorkingDays('2021-02-09', 1));
    expect(unfrozen({ ...inThread, calendar: null })).toEqual(['(top)']);
    expect(Object.isFrozen(inThread)).toBe(true);
  });

  it('tallyResponses: by path and held in memory, as readResponses and importResponses give them, with progress on this thread', async () => {
    const q = m.io.readQuestionnaire(QUESTIONNAIRE);
    const progress: number[] = [];
    const byPath = await pool.tallyResponses(RESPONSES, QUESTIONNAIRE, { unitColumn: 'xa', onProgress: (n: number) => progress.push(n) });
    expect(byPath).toEqual(await m.io.readResponses(RESPONSES, q, { unitColumn: 'xa' }));
    expect(unfrozen(byPath)).toEqual([]);
    expect(progress.at(-1)).toBe(byPath.report.rowsIn);
    const text = readFileSync(join(root, RESPONSES), 'utf8');
    const qText = { text: readFileSync(join(root, QUESTIONNAIRE), 'utf8'), file: QUESTIONNAIRE };
    const inMemory = await pool.tallyResponses({ name: 'responses.csv', data: text }, qText, { unitColumn: 'xa' });
    const onMain = m.core.importResponses(
      m.core.loadQuestionnaire(qText.text, { file: QUESTIONNAIRE }),
      m.core.parseCsv(text, { file: 'responses.csv' }),
      {
        unitColumn: 'xa',
        file: 'responses.csv',
      },
    );
    expect(inMemory).toEqual(onMain);
    expect(inMemory.tally).toEqual(byPath.tally);
  });

  it('score: the example ranked with every trace, equal to score() on the main thread (exact ratios, traces), frozen', async () => {
    const opts = { trace: true };
    const inThread = await pool.score(CRITERIA, FOLDER, opts);
    const set = m.io.readCriteriaSet(CRITERIA);
    const onMain = m.core.score(set, await m.io.readEvidenceSources([FOLDER], { set }), opts);
    expect(inThread).toEqual(onMain);
    expect(inThread.rows).toHaveLength(11);
    const first = inThread.rows[0].card;
    expect(first.exact).toEqual(onMain.rows[0].card.exact);
    expect(first.trace).toEqual(onMain.rows[0].card.trace);
    expect(first.trace.length).toBeGreaterThan(0);
    // The exact values read back as the same numbers (Exact.fromRatio), the card's total among them.
    expect(m.core.Exact.fromRatio(first.exact.total).toNumber()).toBe(onMain.rows[0].card.total);
    expect(unfrozen(inThread)).toEqual([]);
    expect(m.core.explainText(first, 'en', inThread.rows[0])).toBe(m.core.explainText(onMain.rows[0].card, 'en', onMain.rows[0]));
  });

  it('score: a criteria set and evidence held in memory (texts), as loadCriteriaSet and loadEvidence give them', async () => {
    const criteria = { text: readFileSync(join(root, CRITERIA), 'utf8'), file: 'van-lam.yaml' };
    const evidence = ['nhu-quynh', 'dai-dong'].map((u) => ({
      data: readFileSync(join(root, FOLDER, `${u}.yaml`), 'utf8'),
      file: `${u}.yaml`,
    }));
    const set = m.core.loadCriteriaSet(criteria.text, { file: criteria.file });
    const onMain = m.core.score(set, m.core.loadEvidence(evidence), { trace: false, lenient: true });
    const inThread = await pool.score(criteria, evidence, { trace: false, lenient: true });
    expect(inThread).toEqual(onMain);
    // The set's text is loaded once per thread: a second job with it gives the same.
    expect(await pool.score(criteria, evidence, { trace: false, lenient: true })).toEqual(onMain);
  });

  it('score: a relative rule computes the same statistics in a thread, over every unit of the evidence', async () => {
    // The example of docs/criteria-format.md "Scores relative to peers": B is at its communes' mean 87.783…, D below its wards' 93.25.
    const guide = readFileSync(join(root, 'docs/criteria-format.md'), 'utf8');
    const at = guide.indexOf('### Scores relative to peers');
    const [criteriaText, evidenceText] = [...guide.slice(at, guide.indexOf('\n### ', at + 1)).matchAll(/```yaml\n([\s\S]*?)```/g)].map(
      (x) => x[1]!,
    );
    const criteria = { text: criteriaText!, file: 'relative.yaml' };
    const evidence = [{ data: evidenceText!, file: 'relative-evidence.yaml' }];
    const set = m.core.loadCriteriaSet(criteria.text, { file: criteria.file });
    const onMain = m.core.score(set, m.core.loadEvidence(evidence), { trace: true });
    const inThread = await pool.score(criteria, evidence, { trace: true });
    expect(inThread).toEqual(onMain);
    expect(inThread.rows.map((r: any) => [r.card.unit.id, r.card.total])).toEqual([
      ['xa-b', 3],
      ['xa-c', 3],
      ['phuong-e', 2],
      ['phuong-d', 1],
      ['xa-a', 0],
    ]);
  });

  it('rankUncertainty: equal to rankUncertainty() on the main thread, with its progress', async () => {
    const set = m.io.readCriteriaSet(CRITERIA);
    const evidence = await m.io.readEvidenceSources([FOLDER], { set });
    const onMain = m.core.rankUncertainty(set, evidence, undefined, { draws: 300, seed: 7 });
    const progress: number[][] = [];
    const inThread = await pool.rankUncertainty(CRITERIA, FOLDER, undefined, {
      draws: 300,
      seed: 7,
      onProgress: (done: number, total: number) => progress.push([done, total]),
    });
    expect(inThread).toEqual(onMain);
    expect(unfrozen(inThread)).toEqual([]);
    expect(progress.at(-1)).toEqual([300, 300]);
  });

  it('errors come back as ParIndexError with the same issues (code, file, path, both messages) and message', async () => {
    const bad = readFileSync(join(root, CRITERIA), 'utf8').replace(/max: 2(\s)/, 'max: 3$1');
    const cases: [Promise<unknown>, () => unknown][] = [
      [pool.score({ text: bad, file: 'bad.yaml' }, FOLDER), () => m.core.loadCriteriaSet(bad, { file: 'bad.yaml' })],
      [pool.score('criteria/none.yaml', FOLDER), () => m.io.readCriteriaSet('criteria/none.yaml')],
      [
        pool.summariseRecordFiles([{ name: 'x.csv', data: 'a,b\n1,2\n' }], { calendar: 'vn', period: PERIOD }),
        () => {
          const r = m.core.summariseDossiers([{ file: 'x.csv', table: m.core.parseCsv('a,b\n1,2\n', { file: 'x.csv' }) }], {
            calendar: m.io.readCalendar('vn'),
            period: PERIOD,
          });
          throw new m.core.ParIndexError(r.issues);
        },
      ],
      [
        pool.score(CRITERIA, [{ data: 'format: par-index/evidence@1\nyear: x\n', file: 'e.yaml' }]),
        () => m.core.loadEvidence([{ data: 'format: par-index/evidence@1\nyear: x\n', file: 'e.yaml' }]),
      ],
    ];
    for (const [job, main] of cases) {
      const e = await rejection(job);
      const expected = await thrown(main);
      expect(e[BRAND], String(e)).toBe(true);
      expect(e instanceof m.core.ParIndexError).toBe(true);
      expect(e instanceof Error).toBe(true);
      expect(e.name).toBe('ParIndexError');
      expect(e.issues.length).toBeGreaterThan(0);
      expect(e.issues).toEqual(expected.issues);
      expect(e.message).toBe(expected.message);
      expect(unfrozen(e.issues)).toEqual([]);
    }
  });

  it('a closed pool, and a job the pool is closed under, reject with ParIndexWorkerError (closed)', async () => {
    const p = new m.worker.ParIndexWorker();
    const running = rejection(p.score(CRITERIA, FOLDER));
    await p.close();
    const e = await running;
    expect(e instanceof m.worker.ParIndexWorkerError).toBe(true);
    expect(e.reason).toBe('closed');
    const later = await rejection(p.summariseDescriptor(DESCRIPTOR));
    expect(later).toMatchObject({ name: 'ParIndexWorkerError', reason: 'closed', job: 'summariseDescriptor' });
  });

  it('a thread that runs out of memory rejects its job with ParIndexWorkerError (crashed), and the app goes on', async () => {
    const p = new m.worker.ParIndexWorker({ resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 } });
    try {
      const e = await rejection(p.score(CRITERIA, FOLDER));
      expect(e instanceof m.worker.ParIndexWorkerError).toBe(true);
      expect(e).toMatchObject({ reason: 'crashed', job: 'score' });
      expect(e.cause.code).toBe('ERR_WORKER_OUT_OF_MEMORY');
      expect(e.message).toContain('memory');
    } finally {
      await p.close();
    }
    // The other pool is untouched.
    expect((await pool.summariseDescriptor(DESCRIPTOR)).summary.rows.in).toBe(7227);
  });
});
