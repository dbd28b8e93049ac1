/**
 * Progress of long runs: shown on a terminal (a fake TTY stream here), never when standard error is piped, with
 * `--quiet`, or when the caller gives no progress stream; and the library hooks behind it (uncertainty draws,
 * rows of a responses file) report true counts without changing results.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { progress, type ProgressStream } from '../../src/cli/progress.js';
import { SOURCE_READERS } from '../../src/cli/readers.js';
import { readEvidenceSources } from '../../src/io/sources.js';
import { readQuestionnaire, readResponses } from '../../src/io/survey-source.js';
import { rankUncertainty } from '../../src/ranking/uncertainty.js';
import { DEFAULT_UNCERTAINTY_SPEC } from '../../src/ranking/uncertainty-spec.js';
import { criteriaFile, evidence, fixtureDir, set } from '../support/report-example.js';
import { root } from '../support/paths.js';

/** A stream that records what is written; `isTTY` as given. */
function stream(isTTY: boolean): ProgressStream & { text: () => string } {
  const chunks: string[] = [];
  return { isTTY, write: (s: string) => chunks.push(s), text: () => chunks.join('') };
}

async function run(argv: string[], progressStream?: ProgressStream): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s), ...(progressStream ? { progress: progressStream } : {}) };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('progress()', () => {
  const io = (s?: ProgressStream): Io => ({ out: () => {}, err: () => {}, ...(s ? { progress: s } : {}) });

  it('writes steps and counts on a terminal, in the language asked for', () => {
    const s = stream(true);
    const p = progress(io(s), { quiet: false, lang: 'vi', intervalMs: 0 });
    expect(p.shown).toBe(true);
    p.step('đọc hồ sơ', 'reading the dossiers');
    p.count(12000, undefined, 'dòng', 'rows');
    p.step('chấm điểm', 'scoring');
    expect(s.text()).toBe('… đọc hồ sơ\n\r\x1b[K… 12.000 dòng\n… chấm điểm\n');
    const e = stream(true);
    const pe = progress(io(e), { quiet: false, lang: 'en', intervalMs: 0 });
    pe.count(250, 1000, 'lần rút', 'draws');
    pe.done();
    expect(e.text()).toBe('\r\x1b[K… 250/1,000 draws\n');
  });

  it('writes nothing when piped, with --quiet, or without a stream', () => {
    for (const p of [
      progress(io(stream(false)), { quiet: false, lang: 'en' }),
      progress(io(stream(true)), { quiet: true, lang: 'en' }),
      progress(io(), { quiet: false, lang: 'en' }),
    ]) {
      expect(p.shown).toBe(false);
    }
    const piped = stream(false);
    const quietTty = stream(true);
    for (const [s, quiet] of [
      [piped, false],
      [quietTty, true],
    ] as const) {
      const p = progress(io(s), { quiet, lang: 'en', intervalMs: 0 });
      p.step('a', 'a');
      p.count(1, 2, 'x', 'x');
      p.done();
    }
    expect(piped.text()).toBe('');
    expect(quietTty.text()).toBe('');
  });

  it('rewrites a count at most once per interval, but always shows the last one', () => {
    const s = stream(true);
    let t = 0;
    const p = progress(io(s), { quiet: false, lang: 'en', intervalMs: 100, now: () => t });
    for (let d = 1; d <= 10; d++) {
      t = d * 30; // 30 ms per draw: updates at 30, 150 (≥ 100 after 30), 270; then the last, 300
      p.count(d, 10, 'draws', 'draws');
    }
    p.done();
    expect(s.text().split('\r\x1b[K').filter(Boolean)).toEqual(['… 1/10 draws', '… 5/10 draws', '… 9/10 draws', '… 10/10 draws\n']);
  });
});

describe('long commands show progress only on a terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'par-progress-'));

  it('score: steps on a terminal; the same output and nothing more when piped or --quiet', async () => {
    const tty = stream(true);
    const shown = await run(['score', criteriaFile, fixtureDir, '--format', 'csv', '--lang', 'en'], tty);
    expect(shown.code).toBe(0);
    // The evidence files are counted in place (how many updates show depends on time); the last count is the total.
    expect(tty.text()).toMatch(
      new RegExp(
        `^… reading the criteria set and the evidence\n\r\x1b\\[K… 0/(\\d+) evidence files.*\r\x1b\\[K… \\1/\\1 evidence files\n… scoring ${evidence.units.length} units\n$`,
        's',
      ),
    );
    const piped = stream(false);
    const quiet = stream(true);
    const a = await run(['score', criteriaFile, fixtureDir, '--format', 'csv', '--lang', 'en'], piped);
    const b = await run(['score', criteriaFile, fixtureDir, '--format', 'csv', '--lang', 'en', '--quiet'], quiet);
    expect(piped.text()).toBe('');
    expect(quiet.text()).toBe('');
    // Progress never reaches standard output or the messages.
    expect(a.out).toBe(shown.out);
    expect(b.out).toBe(shown.out);
    expect(a.err).toBe(shown.err);
  });

  it('uncertainty: the draws counted up to the total, in Vietnamese', async () => {
    const tty = stream(true);
    const r = await run(['uncertainty', criteriaFile, fixtureDir, '--draws', '250', '--seed', '7', '--lang', 'vi'], tty);
    expect(r.code).toBe(0);
    expect(tty.text()).toContain('… đọc bộ tiêu chí và minh chứng\n');
    // The last count on screen is the true total, and the count line is closed.
    expect(tty.text()).toMatch(/… 250\/250 lần rút\n$/);
    const q = stream(true);
    await run(['uncertainty', criteriaFile, fixtureDir, '--draws', '250', '--seed', '7', '-q'], q);
    expect(q.text()).toBe('');
  });

  it('sipas: each responses file and its rows', async () => {
    const tty = stream(true);
    const responses = join(fixtureDir, 'survey/responses-2021.csv');
    const r = await run(
      ['sipas', join(root, 'questionnaires/van-lam-commune-2021.yaml'), responses, '--unit-column', 'xa', '--lang', 'en'],
      tty,
    );
    expect(r.code).toBe(0);
    const rowsIn = /(\d+) rows = /.exec(r.err)![1]!;
    expect(tty.text()).toContain(`… reading ${responses}\n`);
    expect(tty.text()).toContain(`… ${Number(rowsIn).toLocaleString('en-US')} rows\n`);
    const piped = stream(false);
    await run(['sipas', join(root, 'questionnaires/van-lam-commune-2021.yaml'), responses, '--unit-column', 'xa', '--lang', 'en'], piped);
    expect(piped.text()).toBe('');
  });

  it('dossiers: the files being read', async () => {
    const tty = stream(true);
    const source = join(fixtureDir, 'ho-so-mot-cua-2021.source.yaml');
    const r = await run(['dossiers', source, '--format', 'json', '--out', join(dir, 'd.json'), '--lang', 'en'], tty);
    expect([0, 1]).toContain(r.code);
    expect(tty.text()).toBe(`… reading ${source}\n`);
  });
});

describe('progress hooks of the library', () => {
  it('readEvidenceSources names each file before reading it, then reports the total', async () => {
    const seen: [number, number, string | undefined][] = [];
    const ev = await readEvidenceSources([fixtureDir], { readers: SOURCE_READERS, set, onProgress: (d, n, f) => seen.push([d, n, f]) });
    const n = seen[0]![1];
    expect(n).toBe(readdirSync(fixtureDir).filter((f) => /\.(ya?ml|json|csv|tsv|txt|xlsx)$/i.test(f)).length);
    expect(seen.map((x) => x[0])).toEqual([...Array(n + 1).keys()]);
    expect(seen.every((x) => x[1] === n)).toBe(true);
    expect(seen.at(-1)![2]).toBeUndefined();
    expect(seen[0]![2]).toMatch(/fixtures\/van-lam-2021\//);
    expect(ev.hash).toBe(evidence.hash);
  });

  it('rankUncertainty reports every 100 draws and the last, and gives the same result with or without the hook', () => {
    const seen: [number, number][] = [];
    const withHook = rankUncertainty(set, evidence, DEFAULT_UNCERTAINTY_SPEC, {
      draws: 250,
      seed: 3,
      onProgress: (d, n) => seen.push([d, n]),
    });
    expect(seen).toEqual([
      [100, 250],
      [200, 250],
      [250, 250],
    ]);
    expect(withHook).toEqual(rankUncertainty(set, evidence, DEFAULT_UNCERTAINTY_SPEC, { draws: 250, seed: 3 }));
  });

  it('readResponses reports every 10 000 rows and the total read', async () => {
    const q = readQuestionnaire(join(root, 'questionnaires/van-lam-commune-2021.yaml'));
    const { report: small } = await readResponses(join(fixtureDir, 'survey/responses-2021.csv'), q, { unitColumn: 'xa' });
    // A file of 25 000 rows: the fixture's data rows repeated.
    const lines = readFileSync(join(fixtureDir, 'survey/responses-2021.csv'), 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split(/\r?\n/);
    const body = lines.slice(1);
    const big = [lines[0]!, ...Array.from({ length: 25_000 }, (_, i) => body[i % body.length]!)].join('\n');
    const file = join(mkdtempSync(join(tmpdir(), 'par-progress-rows-')), 'big.csv');
    writeFileSync(file, `${big}\n`);
    const seen: number[] = [];
    const { report } = await readResponses(file, q, { unitColumn: 'xa', onProgress: (n) => seen.push(n) });
    expect(report.rowsIn).toBe(25_000);
    expect(seen).toEqual([10_000, 20_000, 25_000]);
    expect(small.rowsIn).toBe(body.filter((l) => l.trim() !== '').length);
  });
});
