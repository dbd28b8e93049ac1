// `npm run bench`: runs every scenario, prints one table and writes bench/results.json.
// `node bench/run.mjs --smoke` runs each scenario small, checking its result, for CI.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { check, evaluate, handLoop, prepare } from './scenario-engine.mjs';
import { benchDossiers } from './scenario-dossiers.mjs';
import { runSipasScenario } from './scenario-sipas.mjs';
import { runUncertaintyScenario } from './scenario-uncertainty.mjs';

const smoke = process.argv.includes('--smoke');

function time(fn, rounds = smoke ? 1 : 5) {
  let best = Infinity;
  let result;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    result = fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, result };
}

const rows = [];
function row(scenario, ours, other, otherName, target, ok) {
  const mem = process.memoryUsage();
  rows.push({ scenario, oursMs: +ours.toFixed(1), comparison: otherName, comparisonMs: other === null ? null : +other.toFixed(1), ratio: other ? +(ours / other).toFixed(2) : null, peakRssMB: +(mem.rss / 2 ** 20).toFixed(0), target, met: ok });
}

{
  const units = smoke ? 200 : 10_000;
  const { set, ev, evData } = prepare(units);
  const hand = time(() => handLoop(evData));
  evaluate(set, ev, { trace: false }); // warm-up and plan compilation
  const off = time(() => evaluate(set, ev, { trace: false }));
  check(off.result, hand.result);
  const on = time(() => evaluate(set, ev, { trace: true }), smoke ? 1 : 3);
  check(on.result, hand.result);
  // The trace is written when first read; this row reads the whole explanation of every unit of a 1,000-unit
  // sample (holding 10,000 full traces in memory at once is not a use case: a report renders them one by one).
  const sample = Math.min(units, 1000);
  const { set: set2, ev: ev2 } = prepare(sample);
  const built = time(() => {
    let steps = 0;
    for (const c of evaluate(set2, ev2, { trace: true })) for (const f of c.trace) steps += f.children.length + f.steps.length;
    if (steps === 0) throw new Error('no trace');
    return steps;
  }, smoke ? 1 : 2);
  row(`evaluate ${units} units × 100 leaves, trace off`, off.ms, hand.ms, 'hand-written loop', 'within 3× of the loop', smoke || off.ms <= 3 * hand.ms);
  row(`evaluate ${units} units × 100 leaves, trace on`, on.ms, hand.ms, 'hand-written loop', 'under 1 s', smoke || on.ms < 1000);
  row(`  every trace read, per unit (µs), ${sample} units`, (built.ms * 1000) / sample, null, '', '(reported)', true);
  row(`  per unit, trace off (µs)`, (off.ms * 1000) / units, null, '', '', true);
}

{
  const sizes = smoke ? [2_000, 10_000] : [200_000, 1_000_000];
  const [a, b] = await benchDossiers({ sizes });
  for (const r of [a, b]) {
    if (r.rows.in !== r.rows.used + r.rows.rejected) throw new Error(`dossiers: rows in ${r.rows.in} ≠ used + rejected`);
    if (r.units !== 700) throw new Error(`dossiers: expected 700 units, got ${r.units}`);
  }
  rows.push({ scenario: `dossiers: ${b.n.toLocaleString('en')} records → measures, 700 units`, oursMs: Math.round(b.ms), comparison: '', comparisonMs: null, ratio: null, peakRssMB: Math.round(b.peakMB), target: 'under 2 s', met: smoke || b.ms < 2000 });
  rows.push({ scenario: `  peak RSS at ${a.n.toLocaleString('en')} vs ${b.n.toLocaleString('en')}`, oursMs: 0, comparison: '', comparisonMs: null, ratio: null, peakRssMB: Math.round(b.peakMB - a.peakMB), target: 'independent of length', met: smoke || b.peakMB < a.peakMB * 1.25 });
}

for (const r of await runSipasScenario({ smoke })) {
  rows.push({ scenario: r.scenario, oursMs: +r.ms.toFixed(1), comparison: '', comparisonMs: null, ratio: null, peakRssMB: Math.round(process.memoryUsage().rss / 2 ** 20), target: r.target ?? '', met: r.met });
}

for (const r of await runUncertaintyScenario({ smoke })) {
  rows.push({ scenario: r.scenario, oursMs: +r.ms.toFixed(1), comparison: '', comparisonMs: null, ratio: null, peakRssMB: Math.round(r.peakRssMB ?? process.memoryUsage().rss / 2 ** 20), target: r.target ?? '', met: r.met });
}

const pad = (s, n) => String(s).padEnd(n);
console.log(`par-index benchmarks — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB${smoke ? ' (smoke mode: correctness only)' : ''}`);
console.log([pad('scenario', 48), pad('ours ms', 10), pad('comparison', 20), pad('their ms', 10), pad('ratio', 7), pad('RSS MB', 8), pad('target', 24), 'met'].join(''));
for (const r of rows) console.log([pad(r.scenario, 48), pad(r.oursMs, 10), pad(r.comparison, 20), pad(r.comparisonMs ?? '', 10), pad(r.ratio ?? '', 7), pad(r.peakRssMB, 8), pad(r.target, 24), r.target ? (r.met ? 'yes' : 'NO') : ''].join(''));
if (!smoke) writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify({ node: process.version, cpus: cpus().length, date: new Date().toISOString(), rows }, null, 2)}\n`);
