// Scenario: tally 1,000,000 survey responses × 30 items (target: under 1 s, memory independent of the number
// of responses), measured apart from CSV parsing, which is reported on its own.
//
// Responses are generated in memory in fixed-size typed chunks (codes[row × 30 + item], a unit per row) that
// are reused, so neither generation nor tallying holds all responses at once; generation time is excluded.
// The CSV part writes a generated file to a temporary folder and streams it through readResponses.
import { mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadQuestionnaire, computeIndices } from '../dist/index.js';
import { Tallier } from '../dist/sipas.js';
import { readResponses } from '../dist/io.js';
import { rng } from '../scripts/rng.mjs';

// A garbage collection before each heap reading, so the growth measured is what the tally keeps.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

/** A questionnaire of `items` satisfaction items (1–5, 9 = no opinion) in 5 groups. */
export function benchQuestionnaire(items = 30) {
  const groups = [0, 1, 2, 3, 4].map((g) => ({ id: `g${g}`, part: 'services', kind: 'factor', title: `Yếu tố ${g}` }));
  return loadQuestionnaire({
    format: 'par-index/questionnaire@1',
    id: 'bench',
    version: '1',
    title: 'Bench',
    issuer: 'Bench',
    decision: { number: '1/QĐ', date: '2024-01-01' },
    years: [2024],
    status: 'illustrative',
    scales: {
      hl5: {
        title: 'HL',
        levels: [1, 2, 3, 4, 5].map((c) => ({ code: c, label: `m${c}` })),
        satisfied: { codes: [4, 5], legal: 'unverified' },
        noOpinion: { codes: [9] },
      },
    },
    groups,
    items: Array.from({ length: items }, (_, i) => ({
      id: `c${i + 1}`,
      group: `g${i % 5}`,
      measure: 'satisfaction',
      scale: 'hl5',
      text: `Câu ${i + 1}`,
      wording: 'illustrative',
    })),
    options: {
      noOpinion: { treatment: 'exclude', legal: 'unverified' },
      group: { method: 'mean-of-items', legal: 'unverified' },
      part: { method: 'mean-of-groups', legal: 'unverified' },
      overall: { method: 'services', legal: 'unverified' },
      rounding: { stage: 'overall', precision: 2, mode: 'half-up', legal: 'unverified' },
    },
  });
}

const CODES = [1, 2, 3, 3, 4, 4, 4, 5, 5, 9];
/** A unit's counts per item: the scale's codes in order, then "no opinion". */
const SLOTS = [1, 2, 3, 4, 5, 9];

/** Fills a chunk with random answers; returns nothing (the buffers are reused). */
function fill(codes, units, rows, items, nUnits, rand) {
  for (let r = 0; r < rows; r++) {
    units[r] = Math.floor(rand() * nUnits);
    const o = r * items;
    for (let i = 0; i < items; i++) codes[o + i] = CODES[Math.floor(rand() * 10)];
  }
}

/**
 * Tallies `rows` generated responses in chunks; returns the tally time (generation excluded), the heap
 * growth while tallying, and the tally.
 */
export function tallyGenerated({ rows = 1_000_000, items = 30, units = 100, chunk = 65_536, seed = 7 } = {}) {
  const q = benchQuestionnaire(items);
  const t = new Tallier(q);
  const unitIdx = Array.from({ length: units }, (_, u) => t.unit(`u${u}`));
  const codes = new Uint8Array(chunk * items);
  const unitOf = new Uint32Array(chunk);
  const rand = rng(seed);
  const expected = new Float64Array(items * SLOTS.length);
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  let ms = 0;
  let used = 0;
  for (let done = 0; done < rows; done += chunk) {
    const n = Math.min(chunk, rows - done);
    fill(codes, unitOf, n, items, units, rand);
    for (let r = 0; r < n; r++) unitOf[r] = unitIdx[unitOf[r]];
    // The reference count, untimed: answers per item and code, counted here from what was generated.
    for (let k = 0; k < n * items; k++) expected[(k % items) * SLOTS.length + SLOTS.indexOf(codes[k])]++;
    const t0 = performance.now();
    used += t.addBatch({ codes, units: unitOf, rows: n }).used;
    ms += performance.now() - t0;
  }
  gc();
  const heapGrowthMB = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  const tally = t.tally();
  return { ms, used, heapGrowthMB, tally, q, expected };
}

/** The tally's answers per item and code (items × SLOTS), over all units, read through the tally's own layout. */
function totalCounts(tally, items) {
  const out = new Float64Array(items * SLOTS.length);
  let offset = 0;
  for (let i = 0; i < items; i++) {
    const { item, codes } = tally.layout[i];
    if (item !== `c${i + 1}`) throw new Error(`tally layout: item ${i} is ${item}`);
    for (let c = 0; c < codes.length; c++) {
      let n = 0;
      for (const u of Object.values(tally.units)) n += u.counts[offset + c];
      // Every generated response answers every item: the "no answer" slot (null) must stay empty.
      if (codes[c] === null) {
        if (n !== 0) throw new Error(`item ${item}: ${n} counted as unanswered`);
      } else out[i * SLOTS.length + SLOTS.indexOf(codes[c])] += n;
    }
    offset += codes.length;
  }
  return out;
}

/** Writes a generated responses CSV and streams it through readResponses; returns the parse+tally time. */
export async function csvGenerated({ rows = 200_000, items = 30, units = 100, seed = 11 } = {}) {
  const q = benchQuestionnaire(items);
  const dir = mkdtempSync(join(tmpdir(), 'par-index-bench-'));
  const file = join(dir, 'responses.csv');
  const rand = rng(seed);
  await new Promise((resolve, reject) => {
    const out = createWriteStream(file);
    out.on('error', reject);
    out.write(`phieu,don vi,${Array.from({ length: items }, (_, i) => `c${i + 1}`).join(',')}\n`);
    let r = 0;
    const write = () => {
      let ok = true;
      while (r < rows && ok) {
        const line = [`p${r}`, `u${Math.floor(rand() * units)}`];
        for (let i = 0; i < items; i++) line.push(CODES[Math.floor(rand() * 10)]);
        ok = out.write(`${line.join(',')}\n`);
        r++;
      }
      if (r < rows) out.once('drain', write);
      else out.end(resolve);
    };
    write();
  });
  const t0 = performance.now();
  const { report } = await readResponses(file, q);
  const ms = performance.now() - t0;
  rmSync(dir, { recursive: true, force: true });
  return { ms, rows: report.rowsIn, used: report.rowsUsed };
}

/** Runs the scenario and returns rows for bench/run.mjs's table: [scenario, ms, target, met, extra]. */
export async function runSipasScenario({ smoke = false } = {}) {
  const rows = smoke ? 20_000 : 1_000_000;
  tallyGenerated({ rows: 50_000 }); // warm-up (JIT)
  const small = tallyGenerated({ rows: Math.max(1, Math.floor(rows / 10)) });
  const big = tallyGenerated({ rows });
  if (big.used !== rows) throw new Error(`tallied ${big.used} of ${rows}`);
  const sum = Object.values(big.tally.units).reduce((s, u) => s + u.respondents, 0);
  if (sum !== rows) throw new Error(`units hold ${sum} respondents, expected ${rows}`);
  const got = totalCounts(big.tally, 30);
  const diff = got.findIndex((v, k) => v !== big.expected[k]);
  if (diff >= 0)
    throw new Error(
      `item c${Math.floor(diff / SLOTS.length) + 1}, code ${SLOTS[diff % SLOTS.length]}: tallied ${got[diff]}, generated ${big.expected[diff]}`,
    );
  const t0 = performance.now();
  computeIndices(big.q, big.tally);
  const indexMs = performance.now() - t0;
  const csv = await csvGenerated({ rows: smoke ? 5_000 : 200_000 });
  return [
    {
      scenario: `sipas: tally ${rows.toLocaleString('en')} responses × 30 items`,
      ms: big.ms,
      target: 'under 1 s',
      met: smoke || big.ms < 1000,
    },
    {
      scenario: `  heap growth while tallying (MB): ${small.heapGrowthMB.toFixed(1)} at ${(rows / 10).toLocaleString('en')}, ${big.heapGrowthMB.toFixed(1)} at ${rows.toLocaleString('en')}`,
      ms: 0,
      target: 'independent of rows',
      met: smoke || big.heapGrowthMB < small.heapGrowthMB + 1,
    },
    { scenario: '  indices of 100 units (ms)', ms: indexMs, target: '', met: true },
    {
      scenario: `sipas: parse + tally CSV, ${csv.rows.toLocaleString('en')} rows × 30 items`,
      ms: csv.ms,
      target: `${Math.round((csv.rows / csv.ms) * 1000).toLocaleString('en')} rows/s`,
      met: true,
    },
  ];
}

// `node bench/scenario-sipas.mjs [--smoke]` runs it alone.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, '/'))) {
  const rows = await runSipasScenario({ smoke: process.argv.includes('--smoke') });
  for (const r of rows)
    console.log(
      `${r.scenario.padEnd(70)} ${r.ms ? `${r.ms.toFixed(1)} ms`.padStart(12) : ''.padStart(12)}  ${r.target}${r.target && r.met !== undefined ? (r.met ? '  ok' : '  MISSED') : ''}`,
    );
}
