// Scenario 6: load and check a criteria set of 1,000 nodes written as YAML (target: under 300 ms; from already
// parsed data, under 50 ms) — the text is parsed, its format version read, the schema validated, every semantic
// check run, the set frozen and hashed, as `par-index check` and `loadCriteriaSet` do (checkCriteriaSet is the
// function behind both).
//
// The set: 10 fields × 9 criteria × 10 sub-criteria = 1,000 nodes (900 leaves), the leaves cycling through seven
// rule kinds (rate with and without a target, threshold table, task with a deadline, deduction with a floor,
// appraisal, formula, survey), each with a legal reference and an English title, so every rule kind's checks
// run. The time is the best of several runs after warm-up (the first load also compiles zod's validators);
// the YAML parse alone and the load from already parsed data are reported beside it, since the first bounds
// the whole (see docs/performance.md).
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import { checkCriteriaSet } from '../dist/index.js';
import { parseText } from '../dist/formats.js';

/** The set as plain data: `fields` × `criteria` × `subs` nodes below the root, every maximum adding up. */
export function bigSet({ fields = 10, criteria = 9, subs = 10 } = {}) {
  const measures = {};
  const declare = (id, title) => (measures[id] ??= { title, titleEn: title, unit: 'count', description: `Chỉ số ${id}` });
  const rules = [
    (k) => ({
      kind: 'rate',
      numerator: declare(`m${k}.done`, `Số việc đã làm ${k}`) && `m${k}.done`,
      base: declare(`m${k}.all`, `Số việc ${k}`) && `m${k}.all`,
      whenBaseZero: 'full',
    }),
    (k) => ({
      kind: 'rate',
      numerator: declare(`m${k}.done`, `Số việc đã làm ${k}`) && `m${k}.done`,
      base: declare(`m${k}.all`, `Số việc ${k}`) && `m${k}.all`,
      target: 80,
      whenBaseZero: 'zero',
    }),
    (k, max) => ({
      kind: 'bands',
      ratio: {
        numerator: declare(`m${k}.done`, `Số việc đã làm ${k}`) && `m${k}.done`,
        base: declare(`m${k}.all`, `Số việc ${k}`) && `m${k}.all`,
      },
      whenBaseZero: 'full',
      bands: [
        { min: 100, max: 100, minInclusive: true, maxInclusive: true, points: max, label: '100%' },
        { min: 80, max: 100, minInclusive: true, maxInclusive: false, points: max / 2, label: 'từ 80% đến dưới 100%' },
        { min: 0, max: 80, minInclusive: true, maxInclusive: false, points: 0, label: 'dưới 80%' },
      ],
    }),
    (k, max) => ({
      kind: 'task',
      task: `nhiem-vu-${k}`,
      deadline: `2021-${String(1 + (k % 12)).padStart(2, '0')}-28`,
      latePoints: max / 2,
    }),
    (k) => ({ kind: 'deduction', count: declare(`m${k}.late`, `Số lần chậm ${k}`) && `m${k}.late`, per: 0.5, floor: 0 }),
    () => ({ kind: 'appraisal' }),
    (k) => ({
      kind: 'formula',
      inputs: {
        done: declare(`m${k}.done`, `Số việc đã làm ${k}`) && `m${k}.done`,
        all: declare(`m${k}.all`, `Số việc ${k}`) && `m${k}.all`,
      },
      expr: 'all > 0 ? min(max, max * done / all) : max',
      clamp: false,
    }),
    (k) => ({ kind: 'survey', index: `sipas${k % 3}`, mode: 'linear', target: 95 }),
  ];
  const tree = [];
  let k = 0;
  for (let f = 1; f <= fields; f++) {
    const crit = [];
    for (let c = 1; c <= criteria; c++) {
      const leaves = [];
      for (let s = 1; s <= subs; s++, k++) {
        const max = 1 + (k % 2); // 1 or 2 points
        leaves.push({
          id: `${f}.${c}.${s}`,
          title: `Tiêu chí thành phần ${f}.${c}.${s}`,
          titleEn: `Sub-criterion ${f}.${c}.${s}`,
          max,
          legal: [{ ref: `Quyết định ${k}/QĐ-UBND`, article: `Điều ${1 + (k % 20)}` }],
          rule: rules[k % rules.length](k, max),
        });
      }
      crit.push({ id: `${f}.${c}`, title: `Tiêu chí ${f}.${c}`, max: leaves.reduce((s, l) => s + l.max, 0), children: leaves });
    }
    tree.push({ id: String(f), title: `Lĩnh vực ${f}`, titleEn: `Field ${f}`, max: crit.reduce((s, c) => s + c.max, 0), children: crit });
  }
  return {
    format: 'par-index/criteria@1',
    id: 'bench.load',
    version: '2021',
    title: 'Bộ tiêu chí 1.000 nút',
    titleEn: 'A 1,000-node set',
    issuer: 'Bench',
    decision: { number: '1/QĐ-UBND', date: '2021-01-15' },
    level: 'commune',
    years: [2021],
    status: 'illustrative',
    rounding: { precision: 2, mode: 'half-up', stage: 'leaf', indexPrecision: 2, indexMode: 'half-up' },
    bands: {
      on: 'rounded',
      levels: [
        { id: 'a', label: 'Tốt', min: 80 },
        { id: 'b', label: 'Khá', min: 50, max: 80 },
        { id: 'c', label: 'Yếu', max: 50 },
      ],
    },
    ranking: { method: 'competition', on: 'rounded', tieBreak: [{ by: 'node', id: '3' }, { by: 'name' }] },
    measures,
    surveys: { sipas0: { title: 'SIPAS 0' }, sipas1: { title: 'SIPAS 1' }, sipas2: { title: 'SIPAS 2' } },
    tree,
  };
}

/** Counts the nodes of a tree. */
export const countNodes = (tree) => tree.reduce((n, node) => n + 1 + countNodes(node.children ?? []), 0);

/**
 * Least CPU time (process.cpuUsage) and, apart, least wall time of `rounds` calls after one warm-up. The table
 * reports CPU time: on a shared 2-core machine wall time mostly measures the other processes.
 */
function best(fn, rounds) {
  fn();
  let ms = Infinity;
  let cpuMs = Infinity;
  for (let i = 0; i < rounds; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    ms = Math.min(ms, performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuMs = Math.min(cpuMs, (c.user + c.system) / 1000);
  }
  return { ms, cpuMs };
}

/** Runs the scenario; returns rows for bench/run.mjs's table. */
export function runCriteriaLoadScenario({ smoke = false } = {}) {
  const data = bigSet();
  const nodes = countNodes(data.tree);
  if (nodes !== 1000) throw new Error(`criteria load: ${nodes} nodes, expected 1,000`);
  const text = stringify(data, { lineWidth: 0 });
  const json = JSON.stringify(data);
  const check = (input) => {
    const r = checkCriteriaSet(input, { file: 'bench-1000.yaml' });
    if (!r.ok)
      throw new Error(
        `criteria load: the generated set has errors: ${r.issues
          .filter((i) => i.severity === 'error')
          .slice(0, 3)
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join('; ')}`,
      );
    if (r.issues.length !== 0)
      throw new Error(
        `criteria load: ${r.issues.length} warnings, expected none (first: ${r.issues[0].path.join('.')}: ${r.issues[0].message})`,
      );
    return r.set;
  };
  const t0 = performance.now();
  const set = check(text);
  const firstMs = performance.now() - t0;
  if (countNodes(set.tree) !== 1000 || !/^sha256:/.test(set.hash)) throw new Error('criteria load: the loaded set lost nodes or its hash');
  // The same set given as parsed data (JSON.parse of its JSON text) must load to the same hash.
  if (check(JSON.parse(json)).hash !== set.hash) throw new Error('criteria load: YAML text and parsed data gave two hashes');

  const rounds = smoke ? 2 : 40;
  const whole = best(() => check(text), rounds);
  const yamlOnly = best(() => parseText(text, { file: 'bench-1000.yaml' }), rounds);
  const fromData = best(() => check(JSON.parse(json)), rounds);
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  const kib = (text.length / 1024).toFixed(0);
  const extra = (t) => ({ unit: 'CPU ms', wallMs: +t.ms.toFixed(1), rounds });
  return [
    {
      scenario: `criteria (CPU): parse + check 1,000 nodes, ${kib} KiB YAML`,
      ms: whole.cpuMs,
      target: 'under 300 ms',
      met: smoke || whole.cpuMs < 300,
      peakRssMB,
      extra: extra(whole),
    },
    { scenario: '  of which the YAML parse (parseText)', ms: yamlOnly.cpuMs, target: '', met: true, peakRssMB, extra: extra(yamlOnly) },
    {
      scenario: '  JSON.parse + schema + checks + hash',
      ms: fromData.cpuMs,
      target: 'under 50 ms',
      met: smoke || fromData.cpuMs < 50,
      peakRssMB,
      extra: extra(fromData),
    },
    { scenario: '  first load in a process (wall)', ms: firstMs, target: '', met: true, peakRssMB },
  ];
}

// `node bench/scenario-criteria-load.mjs [--smoke]` runs it alone (after `npx tsup`).
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, '/'))) {
  for (const r of runCriteriaLoadScenario({ smoke: process.argv.includes('--smoke') }))
    console.log(
      `${r.scenario.padEnd(60)} ${r.ms.toFixed(1).padStart(8)} ms  ${r.target}${r.target ? (r.met ? '  ok' : '  MISSED') : ''} ${r.extra ? JSON.stringify(r.extra) : ''}`,
    );
}
