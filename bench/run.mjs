// `npm run bench`: runs every scenario, prints one table and writes bench/results.json.
// `node bench/run.mjs --smoke` runs each scenario small, checking its result, for CI.
// `node bench/run.mjs --only NAME [--smoke]` runs one scenario (names below) and prints its rows as JSON.
//
// Each scenario runs in a process of its own, so the RSS column is that scenario's peak resident memory
// (process.resourceUsage().maxRSS at its end), not whatever an earlier scenario left behind; the dossier
// scenario measures its own peak in child processes of its own.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const smoke = process.argv.includes('--smoke');
const peakMB = () => process.resourceUsage().maxRSS / 1024;

function time(fn, rounds = smoke ? 1 : 5) {
  let best = Infinity;
  let bestCpu = Infinity;
  let result;
  for (let i = 0; i < rounds; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = fn();
    best = Math.min(best, performance.now() - t0);
    const c = process.cpuUsage(c0);
    bestCpu = Math.min(bestCpu, (c.user + c.system) / 1000);
  }
  return { ms: best, cpuMs: bestCpu, result };
}

const row = (scenario, oursMs, comparisonMs, comparison, target, met, peakRssMB, extra) => ({
  scenario,
  oursMs: +oursMs.toFixed(1),
  comparison,
  comparisonMs: comparisonMs === null ? null : +comparisonMs.toFixed(1),
  ratio: comparisonMs ? +(oursMs / comparisonMs).toFixed(3) : null,
  peakRssMB: Math.round(peakRssMB),
  target,
  met,
  ...(extra ? { extra } : {}),
});

/** Rows of the scenarios that return { scenario, ms, comparison?, comparisonMs?, target, met, peakRssMB?, extra? }. */
const fromScenario = (rows) =>
  rows.map((r) =>
    row(r.scenario, r.ms, r.comparisonMs ?? null, r.comparison ?? '', r.target ?? '', r.met, r.peakRssMB ?? peakMB(), r.extra),
  );

const scenarios = {
  // Scenario 1: our engine against a hand-written loop.
  async engine() {
    const { check, evaluate, handLoop, prepare } = await import('./scenario-engine.mjs');
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
    const built = time(
      () => {
        let steps = 0;
        for (const c of evaluate(set2, ev2, { trace: true })) for (const f of c.trace) steps += f.children.length + f.steps.length;
        if (steps === 0) throw new Error('no trace');
        return steps;
      },
      smoke ? 1 : 2,
    );
    const peak = peakMB();
    // CPU time (every thread of the process, so the garbage collector's helpers count against us), the least of
    // several runs: on a shared machine wall time mostly measures the neighbours. Wall times are kept in `extra`.
    const wall = (x) => ({ wallMs: +x.ms.toFixed(1) });
    return [
      row(
        `engine (CPU): ${units} units × 100 leaves, trace off`,
        off.cpuMs,
        hand.cpuMs,
        'hand-written loop',
        'within 3× of the loop',
        smoke || off.cpuMs <= 3 * hand.cpuMs,
        peak,
        { ...wall(off), handWallMs: +hand.ms.toFixed(1) },
      ),
      row(
        `engine (CPU): ${units} units × 100 leaves, trace on`,
        on.cpuMs,
        hand.cpuMs,
        'hand-written loop',
        'under 1 s',
        smoke || on.cpuMs < 1000,
        peak,
        wall(on),
      ),
      row(`  every trace read, per unit (µs of CPU), ${sample} units`, (built.cpuMs * 1000) / sample, null, '', '(reported)', true, peak, {
        wallUs: +((built.ms * 1000) / sample).toFixed(1),
      }),
      row(`  per unit, trace off (µs of CPU)`, (off.cpuMs * 1000) / units, null, '', '', true, peak),
    ];
  },

  // Scenario 2: the same logic as json-rules-engine rules and a GoRules Zen decision.
  async 'rule-engines'() {
    const { runRuleEnginesScenario } = await import('./scenario-rule-engines.mjs');
    return fromScenario(await runRuleEnginesScenario({ smoke }));
  },

  async dossiers() {
    const { benchDossiers } = await import('./scenario-dossiers.mjs');
    const sizes = smoke ? [2_000, 10_000] : [200_000, 1_000_000];
    const [a, b] = await benchDossiers({ sizes, runs: smoke ? 1 : 5 });
    for (const r of [a, b]) {
      if (r.rows.in !== r.rows.used + r.rows.rejected) throw new Error(`dossiers: rows in ${r.rows.in} ≠ used + rejected`);
      if (r.units !== 700) throw new Error(`dossiers: expected 700 units, got ${r.units}`);
    }
    return [
      row(
        `dossiers: ${b.n.toLocaleString('en')} records → measures, 700 units (least of ${b.runs.length})`,
        b.ms,
        null,
        '',
        'under 2 s',
        smoke || b.ms < 2000,
        b.peakMB,
        { cpuMs: +b.cpuMs.toFixed(1), bytes: b.bytes, runs: b.runs },
      ),
      row(
        `  peak RSS at ${a.n.toLocaleString('en')} vs ${b.n.toLocaleString('en')}`,
        0,
        null,
        '',
        'independent of length',
        smoke || b.peakMB < a.peakMB * 1.25,
        b.peakMB - a.peakMB,
      ),
    ];
  },

  async sipas() {
    const { runSipasScenario } = await import('./scenario-sipas.mjs');
    return fromScenario(await runSipasScenario({ smoke }));
  },

  async uncertainty() {
    const { runUncertaintyScenario } = await import('./scenario-uncertainty.mjs');
    return fromScenario(await runUncertaintyScenario({ smoke }));
  },

  // A server's view: the event loop during a 1M-row read, the guide's server under load and during an upload.
  async server() {
    const { runServerScenario } = await import('./scenario-server.mjs');
    return fromScenario(await runServerScenario({ smoke }));
  },

  // Scenario 6: loading and checking a criteria set of 1,000 nodes.
  async 'criteria-load'() {
    const { runCriteriaLoadScenario } = await import('./scenario-criteria-load.mjs');
    return fromScenario(runCriteriaLoadScenario({ smoke }));
  },
};

const only = process.argv.indexOf('--only');
if (only > 0) {
  // A child: run one scenario and print its rows as the last line.
  const name = process.argv[only + 1];
  if (!scenarios[name]) throw new Error(`unknown scenario "${name}" (one of ${Object.keys(scenarios).join(', ')})`);
  const rows = await scenarios[name]();
  console.log(JSON.stringify(rows));
} else {
  const rows = [];
  const failed = [];
  const self = fileURLToPath(import.meta.url);
  for (const name of Object.keys(scenarios)) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [self, '--only', name, ...(smoke ? ['--smoke'] : [])], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 16 << 20,
    });
    const last = r.stdout.trim().split('\n').pop();
    if (r.status !== 0 || !last?.startsWith('[')) {
      failed.push(name);
      console.error(`scenario ${name} failed (exit ${r.status ?? r.signal})${r.stdout ? `:\n${r.stdout}` : ''}`);
      continue;
    }
    rows.push(...JSON.parse(last));
    console.error(`scenario ${name}: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }

  const pad = (s, n) => String(s).padEnd(n);
  const w = Math.max(48, ...rows.map((r) => r.scenario.length + 2));
  const wt = Math.max(24, ...rows.map((r) => r.target.length + 2));
  console.log(
    `par-index benchmarks — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB${smoke ? ' (smoke mode: correctness only)' : ''}`,
  );
  console.log(
    [
      pad('scenario', w),
      pad('ours ms', 10),
      pad('comparison', 20),
      pad('their ms', 10),
      pad('ratio', 7),
      pad('RSS MB', 8),
      pad('target', wt),
      'met',
    ].join(''),
  );
  for (const r of rows)
    console.log(
      [
        pad(r.scenario, w),
        pad(r.oursMs, 10),
        pad(r.comparison, 20),
        pad(r.comparisonMs ?? '', 10),
        pad(r.ratio ?? '', 7),
        pad(r.peakRssMB, 8),
        pad(r.target, wt),
        r.target ? (r.met ? 'yes' : 'NO') : '',
      ].join(''),
    );
  // In smoke mode the time targets count as met; what can still fail is a check of a result (a row with a target
  // that is not a time): a wrong answer fails CI.
  const wrong = rows.filter((r) => r.target && !r.met);
  if (smoke && wrong.length > 0) {
    console.error(`smoke: ${wrong.length} check(s) failed: ${wrong.map((r) => `${r.scenario.trim()} (${r.target})`).join('; ')}`);
    process.exitCode = 1;
  }
  if (!smoke && failed.length === 0)
    writeFileSync(
      new URL('./results.json', import.meta.url),
      `${JSON.stringify({ node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, date: new Date().toISOString(), command: 'npm run bench', rows }, null, 2)}\n`,
    );
  if (failed.length > 0) {
    console.error(`failed: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}
