// @ts-nocheck — GENERATED from docs/notebook.ipynb by tests/project/notebook.test.ts; do not edit by hand.
// Regenerate: UPDATE_NOTEBOOK=1 npx vitest run tests/project/notebook.test.ts
// The notebook's code cells in order, run with the working directory docs/ (the paths are the notebook's):
//   cd docs && npx tsx ../scripts/notebook-equivalent.mts
// Type-checked where it runs for real: tslab checks every cell when the notebook executes. Not by tsc here,
// because it imports the built package (../dist), which a fresh clone does not have before `npm run build`.

// ---- cell 1 (cell-03) ----
import { evaluate, rank, renderTable, explainText } from '../dist/index.js';
import { unitRows, rankingChart } from '../dist/report.js';
import { readCriteriaSet, readEvidenceSources, dossierSource, inspectionSource, surveySource, renderSvg } from '../dist/io.js';

const set = readCriteriaSet('../criteria/examples/van-lam-commune-2021.yaml');
const evidence = await readEvidenceSources(['../fixtures/van-lam-2021'], { readers: [dossierSource, inspectionSource, surveySource], set });
console.log(`${set.title}\n${set.id} ${set.version} — ${set.hash}\n${evidence.units.length} units, evidence ${evidence.hash}`);

// ---- cell 2 (cell-05) ----
const ranking = rank(evaluate(set, evidence), set.ranking);
console.log(renderTable(ranking, 'vi'));

// ---- cell 3 (cell-07) ----
const rows = unitRows(ranking, 'en');
console.table(rows.map((r) => ({ rank: r.rankOf, unit: r.unitName, total: r.total, index: r.index, band: r.band })));

// ---- cell 4 (cell-09) ----
const tslab = { display: { html: (html: string) => console.log(html) } };
const spec = rankingChart(ranking, { lang: 'vi', bands: set.bands?.levels });
tslab.display.html(await renderSvg(spec));

// ---- cell 5 (cell-11) ----
const tanQuang = ranking.rows.find((r) => r.card.unit.id === 'tan-quang')!;
console.log(explainText(tanQuang.card, 'vi', tanQuang));
