// `node bench/results-md.mjs [results.json]`: prints bench/results.json (written by `npm run bench`) as the
// Markdown table of docs/performance.md, so the document can be refreshed from a run without retyping numbers.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? new URL('./results.json', import.meta.url);
const r = JSON.parse(readFileSync(file, 'utf8'));
const cell = (v) => (v === null || v === undefined ? '' : String(v).replace(/\|/g, '\\|'));
console.log(`Run of ${r.date} — Node ${r.node}, ${r.cpus} × ${r.cpu ?? 'cpu'}, \`${r.command ?? 'npm run bench'}\`.\n`);
console.log('| scenario | ours ms | comparison | their ms | ratio | peak RSS MB | target | met |');
console.log('| --- | ---: | --- | ---: | ---: | ---: | --- | --- |');
for (const x of r.rows) {
  const name = x.scenario.startsWith('  ') ? `↳ ${x.scenario.trim()}` : x.scenario;
  console.log(
    `| ${[name, x.oursMs, x.comparison, x.comparisonMs, x.ratio, x.peakRssMB, x.target, x.target ? (x.met ? 'yes' : '**no**') : ''].map(cell).join(' | ')} |`,
  );
}
