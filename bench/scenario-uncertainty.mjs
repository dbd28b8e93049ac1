// Scenario: rank uncertainty, 1,000 draws × 700 units × 8 fields (target: under 5 s), reported with the peak RSS.
// Re-weighting needs no re-evaluation (each draw re-derives indices from the cards' exact field points); a second
// row adds two scoring options (rounding mode × stage), which re-evaluate once per distinct combination drawn.
import { performance } from 'node:perf_hooks';
import { loadCriteriaSet, loadEvidence, rankUncertainty } from '../dist/index.js';
import { rng } from '../scripts/rng.mjs';

/** 8 fields × 3 leaves (rates against a target, threshold tables), maxima 10–15, bands and a tie-break. */
export function uncertaintySet() {
  const tree = [];
  const measures = {};
  for (let f = 1; f <= 8; f++) {
    const children = [];
    const max = 9 + f; // 10 … 17: fields of different weights
    for (let c = 1; c <= 3; c++) {
      const num = `m${f}.${c}.done`;
      const base = `m${f}.${c}.all`;
      measures[num] = { title: num, unit: 'count' };
      measures[base] = { title: base, unit: 'count' };
      const pts = c === 3 ? max - 2 * Math.floor(max / 3) : Math.floor(max / 3);
      const rule =
        c === 2
          ? {
              kind: 'bands',
              ratio: { numerator: num, base },
              whenBaseZero: 'full',
              bands: [
                { min: 90, points: pts },
                { min: 70, max: 90, points: pts / 2 },
                { max: 70, points: 0 },
              ],
            }
          : { kind: 'rate', numerator: num, base, whenBaseZero: 'full', ...(c === 1 ? { target: 90 } : {}) };
      children.push({ id: `${f}.${c}`, title: `Tiêu chí ${f}.${c}`, max: pts, rule });
    }
    tree.push({ id: String(f), title: `Lĩnh vực ${f}`, max, children });
  }
  return loadCriteriaSet({
    format: 'par-index/criteria@1',
    id: 'bench.uncertainty',
    version: '1',
    title: 'Bench',
    issuer: 'Bench',
    decision: { number: '1/QĐ', date: '2024-01-01' },
    level: 'commune',
    years: [2024],
    measures,
    tree,
    bands: {
      levels: [
        { id: 'a', label: 'A', min: 90 },
        { id: 'b', label: 'B', min: 80, max: 90 },
        { id: 'c', label: 'C', max: 80 },
      ],
    },
    ranking: { method: 'competition', on: 'rounded', tieBreak: [{ by: 'node', id: '3' }, { by: 'name' }] },
  });
}

/** `units` units with rates spread so that neighbours' ranks can swap under re-weighting. */
export function uncertaintyEvidence(units, seed = 5) {
  const r = rng(seed);
  const list = [];
  for (let u = 0; u < units; u++) {
    const measures = {};
    const skill = 0.6 + 0.4 * r();
    for (let f = 1; f <= 8; f++)
      for (let c = 1; c <= 3; c++) {
        const all = 50 + Math.floor(r() * 150);
        measures[`m${f}.${c}.all`] = all;
        measures[`m${f}.${c}.done`] = Math.min(all, Math.floor(all * (skill + 0.25 * (r() - 0.5))));
      }
    list.push({ id: `u${String(u).padStart(4, '0')}`, name: `Xã ${u}`, kind: u % 10 === 0 ? 'thi-tran' : 'xa', measures });
  }
  return loadEvidence({ data: { format: 'par-index/evidence@1', year: 2024, source: 'bench', units: list } });
}

/** Runs the scenario and returns rows for bench/run.mjs's table: { scenario, ms, target, met, peakRssMB }. */
export function runUncertaintyScenario({ smoke = false } = {}) {
  const units = smoke ? 70 : 700;
  const draws = smoke ? 100 : 1000;
  const set = uncertaintySet();
  const evidence = uncertaintyEvidence(units);
  const spec = { format: 'par-index/uncertainty@1', weights: { range: [0.8, 1.2] } };
  rankUncertainty(set, evidence, spec, { draws: 20, seed: 1 }); // warm-up (JIT, plan compilation)
  let t0 = performance.now();
  const a = rankUncertainty(set, evidence, spec, { draws, seed: 2024 });
  const ms = performance.now() - t0;
  const b = rankUncertainty(set, evidence, spec, { draws, seed: 2024 });
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('uncertainty: the same seed gave different results');
  if (a.units.length !== units || a.evaluations !== 1)
    throw new Error(`uncertainty: ${a.units.length} units, ${a.evaluations} evaluations`);
  const moved = a.units.filter((u) => u.p95 !== u.p05).length;
  const withOptions = {
    ...spec,
    options: { 'rounding.mode': ['half-up', 'down'], 'rounding.stage': ['leaf', 'field'], 'ranking.on': ['rounded', 'exact'] },
  };
  t0 = performance.now();
  const c = rankUncertainty(set, evidence, withOptions, { draws, seed: 2024 });
  const msOptions = performance.now() - t0;
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  return [
    {
      scenario: `uncertainty: ${draws.toLocaleString('en')} draws × ${units} units × 8 fields`,
      ms,
      target: 'under 5 s',
      met: smoke || ms < 5000,
      peakRssMB,
    },
    { scenario: `  units whose 5–95 % interval is wider than one rank: ${moved} of ${units}`, ms: 0, target: '', met: true, peakRssMB },
    {
      scenario: `  with 3 options (${c.evaluations} scoring variants evaluated)`,
      ms: msOptions,
      target: 'variants = distinct values',
      met: c.evaluations === 4,
      peakRssMB,
    },
  ];
}

// `node bench/scenario-uncertainty.mjs [--smoke]` runs it alone (after `npx tsup`).
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, '/'))) {
  const rows = runUncertaintyScenario({ smoke: process.argv.includes('--smoke') });
  for (const r of rows)
    console.log(
      `${r.scenario.padEnd(70)} ${r.ms ? `${r.ms.toFixed(1)} ms`.padStart(12) : ''.padStart(12)}  peak RSS ${r.peakRssMB.toFixed(0)} MB  ${r.target}${r.target ? (r.met ? '  ok' : '  MISSED') : ''}`,
    );
}
