/**
 * Scaling out (docs/scaling.md): the dossier summary and the survey tally are mergeable, so data too large for
 * one process can be counted in parts — here in two worker threads — and merged. Each worker counts its part
 * of the Văn Lâm fixtures and sends its summary back as JSON text (what would travel between machines or out
 * of a data engine); the merged result must equal the single-pass one exactly, in either merge order.
 *
 * The workers load the sources through tsx (as vitest does here), so the test checks the code of this commit
 * without a build. The ```ts blocks of docs/scaling.md are run too, and must print what their `// → …` say.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/table.js';
import { loadTally } from '../../src/api/sipas.js';
import {
  computeIndices,
  loadDossierSummary,
  mergeSummaries,
  mergeTallies,
  summariseDossiers,
  importResponses,
  type DossierSummary,
  type Tally,
} from '../../src/index.js';
import { readCalendar, readQuestionnaire } from '../../src/io/index.js';
import { ENTRIES, specifier } from '../../scripts/build/entries.mjs';
import { root } from '../support/paths.js';

const DOSSIERS = join(root, 'fixtures/van-lam-2021/ho-so-mot-cua-2021.csv');
const RESPONSES = join(root, 'fixtures/van-lam-2021/survey/responses-2021.csv');
const QUESTIONNAIRE = join(root, 'questionnaires/van-lam-commune-2021.yaml');
const PERIOD = { from: '2020-12-15', to: '2021-12-15' };

// The worker: a CommonJS script (eval) that imports the TypeScript sources through tsx's tsImport once, then
// counts each part it is sent and posts back the summary as JSON text.
const WORKER = `
const { parentPort, workerData: w } = require('node:worker_threads');
const ready = (async () => {
  const { tsImport } = await import(w.tsxApi);
  return { lib: await tsImport(w.index, w.parent), io: await tsImport(w.io, w.parent), table: await tsImport(w.table, w.parent) };
})();
parentPort.on('message', async (job) => {
  try {
    const { lib, io, table } = await ready;
    const t = table.parseCsv(job.text, { file: job.file });
    let out;
    if (job.kind === 'dossiers') {
      out = lib.summariseDossiers([{ file: job.file, table: t }], { calendar: io.readCalendar('vn'), period: job.period, by: 'unit' }).summary;
    } else {
      const { tally, report } = lib.importResponses(io.readQuestionnaire(job.questionnaire), t, { unitColumn: 'xa' });
      if (report.rowsRejected !== 0) throw new Error('rejected rows in ' + job.file);
      out = tally;
    }
    parentPort.postMessage({ id: job.id, json: JSON.stringify(out) });
  } catch (e) {
    parentPort.postMessage({ id: job.id, error: String((e && e.stack) || e) });
  }
});
`;

// tsx's ESM entry (its "import" condition; require.resolve would give the CommonJS one).
const tsxPackage = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
const tsxExports = (
  JSON.parse(readFileSync(join(tsxPackage, 'package.json'), 'utf8')) as { exports: Record<string, { import: { default: string } }> }
).exports;
const workerPaths = {
  tsxApi: pathToFileURL(join(tsxPackage, tsxExports['./esm/api']!.import.default)).href,
  index: join(root, 'src/index.ts'),
  io: join(root, 'src/io/index.ts'),
  table: join(root, 'src/core/table.ts'),
  parent: pathToFileURL(join(root, 'tests/project/scaling.test.ts')).href,
};

// Two worker threads for the whole file (starting one loads the sources through tsx, which takes seconds).
let workers: Worker[] = [];
let jobs = 0;
beforeAll(() => {
  workers = [0, 1].map(() => new Worker(WORKER, { eval: true, workerData: workerPaths }));
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.terminate()));
});

/** Counts one part in worker `n`; resolves to the JSON text it sent. */
function inWorker(n: 0 | 1, kind: 'dossiers' | 'survey', text: string, file: string): Promise<string> {
  const w = workers[n]!;
  const id = ++jobs;
  return new Promise((resolve, reject) => {
    const onMessage = (m: { id: number; json?: string; error?: string }) => {
      if (m.id !== id) return;
      w.off('message', onMessage);
      w.off('error', reject);
      if (m.error) reject(new Error(m.error));
      else resolve(m.json!);
    };
    w.on('message', onMessage);
    w.once('error', reject);
    w.postMessage({ id, kind, text, file, period: PERIOD, questionnaire: QUESTIONNAIRE });
  });
}

/** Splits CSV text into two parts by a predicate on each data line; both keep the header. */
function split(text: string, first: (line: string, i: number) => boolean): [string, string] {
  const [header, ...lines] = text.replace(/\n$/, '').split('\n');
  // One record per line (no quoted line breaks in these fixtures), so lines are records.
  expect(parseCsv(text).rows.length).toBe(lines.length);
  const a = lines.filter((l, i) => first(l, i));
  const b = lines.filter((l, i) => !first(l, i));
  expect(a.length).toBeGreaterThan(0);
  expect(b.length).toBeGreaterThan(0);
  return [`${header}\n${a.join('\n')}\n`, `${header}\n${b.join('\n')}\n`];
}

/** The measures of a summary: everything but the lists that name files and row numbers of the parts. */
function measuresOf(s: DossierSummary) {
  return {
    period: s.period,
    by: s.by,
    idLimit: s.idLimit,
    groups: s.groups,
    total: s.total,
    rows: s.rows,
    rejectedByCode: s.rejectedByCode,
    warningsByCode: s.warningsByCode,
    unavailable: s.unavailable,
  };
}

describe('dossier summaries counted in two worker threads', () => {
  const text = readFileSync(DOSSIERS, 'utf8');
  const single = summariseDossiers([{ file: 'ho-so-mot-cua-2021.csv', table: parseCsv(text, { file: 'ho-so-mot-cua-2021.csv' }) }], {
    calendar: readCalendar('vn'),
    period: PERIOD,
    by: 'unit',
  }).summary;

  it.each([
    ['first half, second half', (_: string, i: number) => i < 3600],
    // "Ngày tiếp nhận" (7th column) before July 2021, as a system exporting month by month would split it.
    ['received before July, received from July', (l: string) => /\/(0[1-6]\/2021|12\/2020)/.test(l.split(',')[6]!)],
  ] as const)('merge to the single-pass summary: %s', { timeout: 180_000 }, async (_, first) => {
    const [a, b] = split(text, first);
    const [ja, jb] = await Promise.all([
      inWorker(0, 'dossiers', a, 'ho-so-mot-cua-2021.csv'),
      inWorker(1, 'dossiers', b, 'ho-so-mot-cua-2021.csv'),
    ]);
    const sa = loadDossierSummary(ja, { file: 'a.json' });
    const sb = loadDossierSummary(jb, { file: 'b.json' });
    // Each part holds part of the records: neither is already the whole.
    expect(sa.total.measures['received']!.count).toBeGreaterThan(0);
    expect(sa.total.measures['received']!.count).toBeLessThan(single.total.measures['received']!.count);
    const ab = mergeSummaries(sa, sb);
    const ba = mergeSummaries(sb, sa);
    expect(measuresOf(ab)).toEqual(measuresOf(single));
    expect(measuresOf(ba)).toEqual(measuresOf(single));
    expect(ab.rows.in).toBe(7227);
    // The summary survives JSON unchanged (ids, counts, rates with their exact numerator and base).
    expect(JSON.parse(JSON.stringify(single))).toEqual(single);
  });

  it('count a dossier twice when it is in both parts (why parts must hold disjoint records)', { timeout: 180_000 }, async () => {
    const [a, b] = split(text, (_, i) => i < 3600);
    const shared = b.split('\n')[1]!; // the second part's first record, also put in the first part
    const [ja, jb] = await Promise.all([
      inWorker(0, 'dossiers', `${a}${shared}\n`, 'ho-so-mot-cua-2021.csv'),
      inWorker(1, 'dossiers', b, 'ho-so-mot-cua-2021.csv'),
    ]);
    const merged = mergeSummaries(loadDossierSummary(ja), loadDossierSummary(jb));
    expect(merged.rows.in).toBe(single.rows.in + 1);
    expect(merged.total.measures['received']!.count).toBe(single.total.measures['received']!.count + 1);
    // A single pass over the same rows finds the duplicate id and rejects it.
    const once = summariseDossiers([{ file: 'x.csv', table: parseCsv(`${text.trimEnd()}\n${shared}\n`, { file: 'x.csv' }) }], {
      calendar: readCalendar('vn'),
      period: PERIOD,
      by: 'unit',
    }).summary;
    expect(once.rows.rejected).toBe(1);
    expect(once.total.measures['received']!.count).toBe(single.total.measures['received']!.count);
  });
  it('keep idLimit: Infinity through a structured clone (postMessage), not through JSON', () => {
    const all = summariseDossiers([{ file: 'x.csv', table: parseCsv(text, { file: 'x.csv' }) }], {
      calendar: readCalendar('vn'),
      period: PERIOD,
      by: 'unit',
      idLimit: Infinity,
    }).summary;
    expect(all.total.measures['received']!.ids.length).toBe(7161);
    expect(structuredClone(all)).toEqual(all);
    // JSON has no Infinity: it writes null, and a merge of such parts would keep no ids (docs/scaling.md says so).
    const viaJson = JSON.parse(JSON.stringify(all)) as typeof all;
    expect((viaJson as { idLimit: unknown }).idLimit).toBeNull();
    // … so a merge of such parts is refused instead of silently keeping no ids.
    expect(() => mergeSummaries(viaJson, viaJson)).toThrow(/idLimit is null/);
    expect(() => loadDossierSummary(JSON.stringify(all))).toThrow(/idLimit is null/);
    // By structured clone every id survives the merge (the same records twice: counted twice, as documented).
    const twice = mergeSummaries(all, structuredClone(all)).total.measures['received']!;
    expect(twice.count).toBe(2 * 7161);
    expect(twice.ids.length).toBe(twice.count);
  });
});

describe('survey tallies counted in two worker threads', () => {
  const text = readFileSync(RESPONSES, 'utf8');
  const q = readQuestionnaire(QUESTIONNAIRE);
  const { tally: single } = importResponses(q, parseCsv(text, { file: 'responses-2021.csv' }), { unitColumn: 'xa' });

  it.each([
    ['odd and even rows', (_: string, i: number) => i % 2 === 0],
    ['some communes here, the others there', (l: string) => /^[^,]*,(chi-dao|dai-dong|dinh-du|lac-dao|lac-hong),/.test(l)],
  ] as const)('merge to the single-pass tally and indices: %s', { timeout: 180_000 }, async (_, first) => {
    const [a, b] = split(text, first);
    const [ja, jb] = await Promise.all([inWorker(0, 'survey', a, 'responses-a.csv'), inWorker(1, 'survey', b, 'responses-b.csv')]);
    // loadTally checks the JSON: format, the questionnaire's hash, the layout and every count.
    const ta: Tally = loadTally(ja, q, { file: 'a.json' });
    const tb: Tally = loadTally(jb, q, { file: 'b.json' });
    expect(Object.values(ta.units).reduce((s, u) => s + u.respondents, 0)).toBeLessThan(2400);
    const merged = mergeTallies([ta, tb]);
    expect(merged).toEqual(single);
    expect(mergeTallies([tb, ta])).toEqual(single);
    expect(computeIndices(q, merged)).toEqual(computeIndices(q, single));
  });
});

describe('docs/scaling.md', () => {
  const doc = readFileSync(join(root, 'docs/scaling.md'), 'utf8');
  const blocks = [...doc.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m, n) => ({ n: n + 1, code: m[1]! }));
  const tmp = mkdtempSync(join(tmpdir(), 'par-scaling-'));

  it('has code to run', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
  });

  it.concurrent.each(blocks.map((b) => [`block ${b.n}`, b] as const))(
    '%s runs and prints what it says',
    { timeout: 120_000 },
    async (_, b) => {
      let code = b.code;
      for (const e of ENTRIES) code = code.replaceAll(`from '${specifier(e)}'`, `from ${JSON.stringify(join(root, e.source))}`);
      const file = join(tmp, `scaling-${b.n}.mts`);
      writeFileSync(file, code);
      const { stdout } = await promisify(execFile)(join(root, 'node_modules/.bin/tsx'), [file], { cwd: root, timeout: 110_000 });
      const expected = [...b.code.matchAll(/\/\/ → (.+)$/gm)].map((m) => m[1]!.trim());
      expect(expected.length).toBeGreaterThan(0);
      for (const e of expected) expect(stdout, `block ${b.n} should print "${e}"`).toContain(e);
    },
  );
});
