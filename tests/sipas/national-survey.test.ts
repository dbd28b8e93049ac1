/**
 * A national survey under the shipped SIPAS 1001/2023 questionnaire: 40,000 respondents in 63 provinces (10,000
 * of them in one), weights to 6 decimals. Sums of squared weights pass 2^53 long before that (at 9,008
 * respondents of weight 1); the tally must still be exact, pooled and by unit. Expected values are computed here
 * with BigInt from the generated rows, not by the code under test. The built command runs on the same file.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/table.js';
import { computeIndices } from '../../src/sipas/indices.js';
import { loadQuestionnaire, type Questionnaire } from '../../src/sipas/questionnaire.js';
import { importResponses } from '../../src/sipas/responses.js';
import { loadTally } from '../../src/sipas/tally-file.js';
import { mergeTallies, poolUnits } from '../../src/sipas/tally-merge.js';
import { root } from '../support/paths.js';

const FILE = 'questionnaires/sipas-1001-2023.yaml';
const shipped = readFileSync(join(root, FILE), 'utf8');

/** The shipped questionnaire with its options changed by text, each change checked to have happened. */
function variant(changes: readonly [string, string][]): string {
  let text = shipped;
  for (const [from, to] of changes) {
    expect(text.includes(from), from).toBe(true);
    text = text.replace(from, to);
  }
  return text;
}
const WEIGHTS_ON: [string, string] = ['  weights:\n    use: false\n    decimals: 6', '  weights:\n    use: true\n    decimals: 6'];
const POOLED: [string, string] = ['  units:\n    method: mean-of-units', '  units:\n    method: pooled'];

const ROWS = 40_000;
const BIG = 'ha-noi';
const BIG_ROWS = 10_000;
const ITEM = 'c9.1';

/** A small deterministic generator (xorshift32): the same file on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

interface Expected {
  readonly weight: bigint;
  readonly bigWeight: bigint;
  /** ITEM: Σ weight of answers 4 and 5, and of every answer 1–5, pooled and in the big unit. */
  readonly sat: bigint;
  readonly valid: bigint;
  readonly bigSat: bigint;
  readonly bigValid: bigint;
  readonly validCount: number;
}

/**
 * The survey as CSV: a form id, the province, an answer per item (about 4 % blank) and, weighted, a weight
 * between 0.5 and 3 with 6 decimals. The expected sums are taken from the same draws.
 */
function survey(q: Questionnaire, weighted: boolean): { csv: string; expected: Expected } {
  const next = rng(20_231_211);
  const items = q.items.map((it) => ({ id: it.id, codes: q.scales[it.scale]!.levels.map((l) => l.code) }));
  const lines = [['phieu', 'đơn vị', ...items.map((i) => i.id), ...(weighted ? ['trọng số'] : [])].join(',')];
  const e = { weight: 0n, bigWeight: 0n, sat: 0n, valid: 0n, bigSat: 0n, bigValid: 0n, validCount: 0 };
  const at = items.findIndex((i) => i.id === ITEM);
  for (let r = 0; r < ROWS; r++) {
    const unit = r < BIG_ROWS ? BIG : `tinh-${String(1 + (r % 62)).padStart(2, '0')}`;
    const micro = 500_000 + (next() % 2_500_001);
    const w = BigInt(micro);
    const answers = items.map((it) => (next() % 25 === 0 ? '' : String(it.codes[next() % it.codes.length])));
    const a = answers[at]!;
    const big = unit === BIG;
    const weight = weighted ? w : 1n;
    e.weight += weight;
    if (big) e.bigWeight += weight;
    if (a !== '') {
      e.validCount++;
      e.valid += weight;
      if (big) e.bigValid += weight;
      if (a === '4' || a === '5') {
        e.sat += weight;
        if (big) e.bigSat += weight;
      }
    }
    const wText = `${Math.floor(micro / 1e6)}.${String(micro % 1e6).padStart(6, '0')}`;
    lines.push([`P${r + 1}`, unit, ...answers, ...(weighted ? [wText] : [])].join(','));
  }
  return { csv: `${lines.join('\n')}\n`, expected: e };
}

/** 100 · s / v as the reduced "n/d" an exact index prints. */
function pct(s: bigint, v: bigint): string {
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
  const n = 100n * s;
  const g = gcd(n, v);
  return v / g === 1n ? String(n / g) : `${n / g}/${v / g}`;
}

describe('a national survey of 40,000 weighted respondents tallies exactly', () => {
  const qW = loadQuestionnaire(variant([WEIGHTS_ON]), { file: 'sipas-1001-weighted.yaml' });
  const qWP = loadQuestionnaire(variant([WEIGHTS_ON, POOLED]), { file: 'sipas-1001-weighted-pooled.yaml' });
  let csv: string;
  let e: Expected;
  beforeAll(() => {
    ({ csv, expected: e } = survey(qW, true));
  }, 120_000);

  it('by unit: the big province has its 10,000 respondents, its weight and its exact index', () => {
    const { tally, report } = importResponses(qW, parseCsv(csv), { file: 'national.csv' });
    expect(report).toMatchObject({ rowsIn: ROWS, rowsUsed: ROWS, rowsRejected: 0 });
    expect(Object.keys(tally.units)).toHaveLength(63);
    const big = tally.units[BIG]!;
    expect(big.respondents).toBe(BIG_ROWS);
    expect(String(big.weight)).toBe(String(e.bigWeight));
    const r = computeIndices(qW, tally).units.find((u) => u.unit === BIG)!;
    expect(r.items.find((i) => i.id === ITEM)!.index!.exact).toBe(pct(e.bigSat, e.bigValid));
    // The figure over the provinces (mean of units, as the questionnaire declares) is computed without a refusal.
    const overall = computeIndices(qW, poolUnits(tally)).units[0]!.overall!;
    expect(overall.value).toBeGreaterThan(0);
    expect(overall.value).toBeLessThanOrEqual(100);
  }, 120_000);

  it('pooled: n, the sum of weights and an exact index over all 40,000', () => {
    const { tally } = importResponses(qWP, parseCsv(csv), { file: 'national.csv' });
    const all = poolUnits(tally).units['*']!;
    expect(all.respondents).toBe(ROWS);
    expect(String(all.weight)).toBe(String(e.weight));
    const item = computeIndices(qWP, poolUnits(tally)).units[0]!.items.find((i) => i.id === ITEM)!;
    expect(item.counts.valid).toBe(e.validCount);
    expect(item.index!.exact).toBe(pct(e.sat, e.valid));
    // The weighted sums as printed: exact decimal strings, whatever their size.
    expect(item.weighted).toMatchObject({ satisfiedExact: String(e.sat), validExact: String(e.valid) });
  }, 120_000);

  it('merges and round-trips through JSON unchanged, sums of squares as decimal strings', () => {
    const { tally } = importResponses(qWP, parseCsv(csv), { file: 'national.csv' });
    const twice = mergeTallies([tally, tally]);
    expect(String(twice.units[BIG]!.weight)).toBe(String(2n * e.bigWeight));
    const json = JSON.stringify(tally);
    expect(json).toMatch(/"weights2":\["\d+"/);
    expect(loadTally(json, qWP, { file: 't.json' })).toEqual(tally);
  }, 120_000);
});

describe('par-index sipas on a 40,000-respondent file (built CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sipas-national-'));
  const run = (args: string[]) =>
    promisify(execFile)(process.execPath, [join(root, 'dist/cli.js'), 'sipas', ...args, '--lang', 'en', '--quiet'], {
      cwd: root,
      maxBuffer: 1 << 26,
    });

  it('the shipped questionnaire: exits 0, every row used', async () => {
    const q = loadQuestionnaire(shipped, { file: FILE });
    writeFileSync(join(dir, 'national.csv'), survey(q, false).csv);
    const { stdout, stderr } = await run([FILE, join(dir, 'national.csv')]);
    expect(stderr).toMatch(/national\.csv: 40000 rows = 40000 used \+ 0 rejected/);
    expect(stdout).toMatch(/40000 respondents/);
  }, 120_000);

  it('the shipped questionnaire with weights to 6 decimals: exits 0, every row used', async () => {
    writeFileSync(join(dir, 'sipas-1001-weighted.yaml'), variant([WEIGHTS_ON]));
    const q = loadQuestionnaire(variant([WEIGHTS_ON]), { file: 'w.yaml' });
    writeFileSync(join(dir, 'national-weighted.csv'), survey(q, true).csv);
    const { stdout, stderr } = await run([join(dir, 'sipas-1001-weighted.yaml'), join(dir, 'national-weighted.csv'), '--by', 'unit']);
    expect(stderr).toMatch(/national-weighted\.csv: 40000 rows = 40000 used \+ 0 rejected/);
    expect(stdout).toMatch(/Unit: ha-noi — 10000 respondents/);
  }, 120_000);

  it('a weight written "1.250" is refused as ambiguous, and read as 1250 under --numbers vi', async () => {
    writeFileSync(join(dir, 'sipas-1001-weighted.yaml'), variant([WEIGHTS_ON]));
    const q = loadQuestionnaire(variant([WEIGHTS_ON]), { file: 'w.yaml' });
    const [header, first] = survey(q, true).csv.split('\n');
    writeFileSync(join(dir, 'one.csv'), `${header}\n${first!.replace(/,[^,]*$/, ',1.250')}\n`);
    const args = [join(dir, 'sipas-1001-weighted.yaml'), join(dir, 'one.csv'), '--format', 'json'];
    const refused = await run(args).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toMatch(/\[number\.ambiguous\][^\n]*row 2: weight "1\.250" is ambiguous/);
    const { stdout } = await run([...args, '--numbers', 'vi']);
    expect((JSON.parse(stdout) as { rows: { rowsUsed: number }[] }).rows[0]!.rowsUsed).toBe(1);
  }, 120_000);
});
