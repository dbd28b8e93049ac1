/**
 * The core as published (`par-index`, dist/index.js) in a browser: bundled by esbuild for the browser platform (which refuses
 * any Node built-in), then the worked example is scored inside headless Chromium (Debian's package, /usr/bin/chromium)
 * and compared with Node's result: the same evidence hash, the same ranked table, the same HTML report byte for
 * byte, the same Vega-Lite spec.
 *
 * Reading the dossier export, the inspection plan and the survey responses is `par-index/io`'s job (Node): the
 * test runs those readers in Node and hands their evidence documents, with the evidence YAML files and the
 * criteria YAML as text, to the page. Everything from parsing to the report runs in the browser.
 *
 * Without Chromium it runs the same bundle in a browser-like `node:vm` context that has no Node globals (no
 * process, require, Buffer, module), and says so in its name; PAR_INDEX_REQUIRE_TOOLS=1 (.ci/run) makes a missing
 * Chromium a failure instead, and PAR_INDEX_BROWSER=vm|chromium chooses explicitly.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/core/document.js';
import { dossierSource } from '../../src/io/dossier-source.js';
import { inspectionSource } from '../../src/io/inspection-source.js';
import type { SourceReader } from '../../src/io/sources.js';
import { surveySource } from '../../src/io/survey-source.js';
import { rankingChart } from '../../src/report/charts.js';
import { reportHtml } from '../../src/report/html.js';
import { renderTable } from '../../src/report/table.js';
import { cards, criteriaFile, evidence, fixtureDir, ranking, set } from '../support/report-example.js';
import { runPage } from '../../scripts/browser-page.mjs';
import { toolMode } from '../setup/tools.js';
import { root } from '../support/paths.js';

const CHROMIUM = process.env['CHROMIUM'] ?? '/usr/bin/chromium';
const MODE = toolMode('chromium', 'vm', existsSync(CHROMIUM), process.env['PAR_INDEX_BROWSER']);

/** The evidence documents of the example, as the browser receives them: YAML text, and the readers' output. */
async function evidenceInputs(): Promise<{ data: unknown; file: string }[]> {
  const readers = new Map<string, SourceReader>([dossierSource, inspectionSource, surveySource].map((r) => [r.format, r]));
  const out: { data: unknown; file: string }[] = [];
  for (const f of readdirSync(fixtureDir).sort()) {
    if (!/\.ya?ml$/.test(f)) continue;
    const path = join(fixtureDir, f);
    const file = relative(root, path);
    const text = readFileSync(path, 'utf8');
    const doc = parseText(text, { file }) as { format?: string };
    const reader = readers.get(String(doc.format).replace(/@\d+$/, ''));
    if (!reader) out.push({ data: text, file });
    else
      for (const i of (await reader.read(doc, { file, dir: dirname(path), set })).inputs) out.push({ data: i.data, file: i.file ?? file });
  }
  return out;
}

/** What the page computes, with the public API only (par-index and par-index/report, the bundle's global `ParIndex`). */
const PAGE_SCRIPT = `
(function () {
  var out;
  try {
    var P = ParIndex;
    var input = JSON.parse(document.getElementById('input').textContent);
    var set = P.loadCriteriaSet(input.criteria, { file: 'van-lam-commune-2021.yaml' });
    var ev = P.loadEvidence(input.evidence);
    var ranking = P.rank(P.evaluate(set, ev, { trace: true }), set.ranking);
    out = {
      ok: true,
      userAgent: navigator.userAgent,
      hasProcess: typeof process !== 'undefined',
      evidenceHash: ev.hash,
      table: P.renderTable(ranking, 'vi'),
      html: P.reportHtml(ranking, { lang: 'vi', bands: set.bands && set.bands.levels }),
      spec: JSON.stringify(P.rankingChart(ranking, { lang: 'vi', bands: set.bands && set.bands.levels })),
      explain: P.explainText(ranking.rows[0].card, 'en', ranking.rows[0]),
    };
  } catch (e) {
    out = { ok: false, error: String(e && e.stack || e) };
  }
  var json = JSON.stringify(out);
  var bytes = new TextEncoder().encode(json);
  var bin = '';
  for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
  document.getElementById('out').textContent = btoa(bin);
})();
`;

interface PageResult {
  ok: boolean;
  error?: string;
  userAgent?: string;
  hasProcess?: boolean;
  evidenceHash?: string;
  table?: string;
  html?: string;
  spec?: string;
  explain?: string;
}

// What is published: the built ESM entry points par-index and par-index/report (the global setup builds dist/),
// not the sources.
const bundle = await build({
  stdin: {
    contents: "export * from './dist/index.js';\nexport * from './dist/report.js';\n",
    resolveDir: root,
    sourcefile: 'browser-entry.js',
  },
  absWorkingDir: root,
  bundle: true,
  platform: 'browser',
  format: 'iife',
  globalName: 'ParIndex',
  target: 'es2022',
  write: false,
  metafile: true,
  logLevel: 'silent',
});
const code = bundle.outputFiles[0]!.text;
const inputs = { criteria: readFileSync(criteriaFile, 'utf8'), evidence: await evidenceInputs() };

function inPage(): PageResult {
  if (MODE === 'chromium' && !existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM} and PAR_INDEX_REQUIRE_TOOLS=1 requires it: apt-get update && apt-get install -y chromium, or point CHROMIUM at a binary.`,
    );
  }
  return runPage({ code, pageScript: PAGE_SCRIPT, input: inputs, mode: MODE, chromium: CHROMIUM }) as PageResult;
}

describe(`the core in a browser (${MODE === 'vm' ? 'FALLBACK: node:vm browser-like context; Chromium is not installed or PAR_INDEX_BROWSER=vm' : `headless Chromium, ${CHROMIUM}`})`, () => {
  it('bundles for the browser platform with no Node built-in', () => {
    const inputsSeen = Object.keys(bundle.metafile.inputs);
    expect(inputsSeen.filter((f) => f.startsWith('node:') || /(^|\/)node_modules\/@types\/node\//.test(f))).toEqual([]);
    expect(code).not.toMatch(/require\(["']node:/);
    expect(inputsSeen.some((f) => f.startsWith('dist/'))).toBe(true);
    expect(inputsSeen.filter((f) => f.startsWith('src/'))).toEqual([]);
  });

  it('scores the example there exactly as Node does', { timeout: 180_000 }, () => {
    const r = inPage();
    // Say where it ran: the test log names the fallback when the fallback ran.
    console.log(`browser test ran in: ${MODE === 'vm' ? 'node:vm browser-like context (fallback; Chromium not used)' : r.userAgent}`);
    expect(r.error).toBeUndefined();
    expect(r.ok).toBe(true);
    if (MODE === 'chromium') expect(r.userAgent).toMatch(/HeadlessChrome|Chrome\//);
    expect(r.hasProcess).toBe(false);
    expect(r.evidenceHash).toBe(evidence.hash);
    expect(r.table).toBe(renderTable(ranking, 'vi'));
    expect(r.html).toBe(reportHtml(ranking, { lang: 'vi', bands: set.bands?.levels }));
    expect(r.spec).toBe(JSON.stringify(rankingChart(ranking, { lang: 'vi', bands: set.bands?.levels })));
    expect(r.explain).toContain(cards[0]!.unit.name);
  });
});
