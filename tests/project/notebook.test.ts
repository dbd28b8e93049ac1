/**
 * docs/notebook.ipynb, executed headless: Jupyter's `nbconvert --execute` (Debian packages jupyter-nbconvert,
 * jupyter-client, python3-nbclient) with the tslab TypeScript kernel (npm devDependency), against the built
 * package in dist/. The test checks what each cell printed or displayed, and that the outputs saved in the
 * notebook are the ones it produces (so the rendered notebook never shows stale numbers).
 *
 * scripts/notebook-equivalent.mts is the notebook's code cells as one script, generated from the notebook and kept
 * in step by this test. Without Jupyter the equivalent script runs instead (with tsx), and the test says so in
 * its name; PAR_INDEX_REQUIRE_TOOLS=1 (.ci/run) makes a missing Jupyter a failure instead, and
 * PAR_INDEX_NOTEBOOK=script|jupyter chooses explicitly.
 *
 * Regenerate after editing the notebook: `UPDATE_NOTEBOOK=1 npx vitest run tests/project/notebook.test.ts` (rewrites
 * the equivalent script and the notebook's saved outputs).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPECTED, marksIn, wellFormed } from '../support/report-example.js';
import { findProgram, toolMode } from '../setup/tools.js';
import { root } from '../support/paths.js';

const NOTEBOOK = join(root, 'docs/notebook.ipynb');
const SCRIPT = join(root, 'scripts/notebook-equivalent.mts');
const JUPYTER = findProgram(['/usr/bin/jupyter', '/usr/local/bin/jupyter']);
const MODE = toolMode('jupyter', 'script', JUPYTER !== undefined, process.env['PAR_INDEX_NOTEBOOK']);
const UPDATE = process.env['UPDATE_NOTEBOOK'] === '1';

interface Output {
  output_type: string;
  name?: string;
  text?: string[] | string;
  data?: Record<string, string[] | string>;
  ename?: string;
  evalue?: string;
}
interface NbCell {
  cell_type: 'code' | 'markdown';
  id?: string;
  source: string[] | string;
  outputs?: Output[];
  execution_count?: number | null;
  metadata: Record<string, unknown>;
}
interface Notebook {
  cells: NbCell[];
  metadata: { kernelspec?: { name: string } };
}

const join1 = (x: string[] | string | undefined) => (Array.isArray(x) ? x.join('') : (x ?? ''));
const notebook = JSON.parse(readFileSync(NOTEBOOK, 'utf8')) as Notebook;
const codeCells = notebook.cells.filter((c) => c.cell_type === 'code');

/** The tslab-only line, and what the script does instead (print the HTML it would display). */
const TSLAB_IMPORT = "import * as tslab from 'tslab';";
const TSLAB_SHIM = 'const tslab = { display: { html: (html: string) => console.log(html) } };';

/** The equivalent script, from the notebook's code cells in order. */
function equivalentScript(): string {
  const parts = [
    '// @ts-nocheck — GENERATED from docs/notebook.ipynb by tests/project/notebook.test.ts; do not edit by hand.',
    '// Regenerate: UPDATE_NOTEBOOK=1 npx vitest run tests/project/notebook.test.ts',
    "// The notebook's code cells in order, run with the working directory docs/ (the paths are the notebook's):",
    '//   cd docs && npx tsx ../scripts/notebook-equivalent.mts',
    '// Type-checked where it runs for real: tslab checks every cell when the notebook executes. Not by tsc here,',
    '// because it imports the built package (../dist), which a fresh clone does not have before `npm run build`.',
    '',
  ];
  codeCells.forEach((c, i) => {
    parts.push(`// ---- cell ${i + 1} (${c.id ?? 'no id'}) ----`, join1(c.source).replace(TSLAB_IMPORT, TSLAB_SHIM), '');
  });
  return parts.join('\n');
}

function requireDist(): void {
  if (!existsSync(join(root, 'dist/io.js')) || !existsSync(join(root, 'dist/index.js'))) {
    throw new Error('the notebook imports the built package: run `npm run build` first (CI builds before testing)');
  }
  // tslab type-checks every cell against the declarations: a build whose DTS step failed leaves none.
  if (!existsSync(join(root, 'dist/io.d.ts')) || !existsSync(join(root, 'dist/index.d.ts'))) {
    throw new Error(
      'dist/ has no type declarations (dist/index.d.ts, dist/io.d.ts): `npm run build` failed in its DTS step; fix the build first',
    );
  }
}

/** Executes the notebook with nbconvert and the tslab kernel, whose kernelspec is written to a temporary JUPYTER_PATH. */
function executeNotebook(): Notebook {
  const jupyter = JUPYTER;
  if (!jupyter) {
    throw new Error(
      'Jupyter is not installed and PAR_INDEX_REQUIRE_TOOLS=1 requires it: apt-get update && apt-get install -y jupyter-nbconvert jupyter-client python3-nbclient.',
    );
  }
  requireDist();
  const dir = mkdtempSync(join(tmpdir(), 'par-notebook-'));
  const kdir = join(dir, 'share/kernels/tslab');
  mkdirSync(kdir, { recursive: true });
  // What `tslab install` writes, without needing IPython for the installer.
  writeFileSync(
    join(kdir, 'kernel.json'),
    JSON.stringify({
      argv: [join(root, 'node_modules/.bin/tslab'), 'kernel', '--config-path', '{connection_file}'],
      display_name: 'TypeScript',
      language: 'typescript',
    }),
  );
  const out = join(dir, 'executed.ipynb');
  execFileSync(
    jupyter,
    [
      'nbconvert',
      '--to',
      'notebook',
      '--execute',
      '--ExecutePreprocessor.timeout=300',
      '--ExecutePreprocessor.record_timing=False',
      '--output',
      out,
      NOTEBOOK,
    ],
    {
      cwd: join(root, 'docs'),
      env: {
        ...process.env,
        JUPYTER_PATH: join(dir, 'share'),
        JUPYTER_DATA_DIR: join(dir, 'data'),
        JUPYTER_RUNTIME_DIR: join(dir, 'runtime'),
        JUPYTER_CONFIG_DIR: join(dir, 'config'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 400_000,
    },
  );
  return JSON.parse(readFileSync(out, 'utf8')) as Notebook;
}

/** Runs the equivalent script; its standard output, cell by cell as the markers split it. */
function runScript(): string {
  requireDist();
  return execFileSync(join(root, 'node_modules/.bin/tsx'), [SCRIPT], {
    cwd: join(root, 'docs'),
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Every text a code cell printed or displayed, in order. */
function cellText(c: NbCell): string {
  return (c.outputs ?? [])
    .map((o) =>
      o.output_type === 'stream'
        ? join1(o.text)
        : o.output_type === 'error'
          ? `${o.ename}: ${o.evalue}`
          : join1(o.data?.['text/html'] ?? o.data?.['text/plain']),
    )
    .join('');
}

function checkOutputs(all: string, byCell?: string[]): void {
  // Cell 2 prints the ranked table: every commune in rank order with its total, in Vietnamese.
  const table = byCell ? byCell[1]! : all;
  let at = -1;
  for (const [, name, total] of EXPECTED) {
    const line = table.split('\n').find((l) => l.includes(name))!;
    expect(line, name).toContain(total.toFixed(2).replace('.', ','));
    const pos = table.indexOf(line);
    expect(pos, name).toBeGreaterThan(at);
    at = pos;
  }
  // Cell 4 displays the chart: one bar per commune.
  const svgAt = all.indexOf('<svg');
  expect(svgAt).toBeGreaterThanOrEqual(0);
  const svg = all.slice(svgAt, all.indexOf('</svg>', svgAt) + 6);
  expect(wellFormed(svg)).toEqual([]);
  expect(marksIn(svg, 'class="mark-rect role-mark', 'path')).toBe(EXPECTED.length);
  // Cell 5 explains Tân Quang, down to a leaf with missing evidence.
  const explain = byCell ? byCell[4]! : all.slice(all.indexOf('Tân Quang (tan-quang)'));
  expect(explain).toContain('Tân Quang (tan-quang) — Tổng điểm 70,72/100,00');
  expect(explain).toContain('thiếu minh chứng');
}

describe(`docs/notebook.ipynb (${MODE === 'script' ? 'FALLBACK: the equivalent script; Jupyter is not installed or PAR_INDEX_NOTEBOOK=script' : 'executed headless by jupyter nbconvert with the tslab kernel'})`, () => {
  it('uses the tslab kernel and has the four steps: load, rank, chart, explain', () => {
    expect(notebook.metadata.kernelspec?.name).toBe('tslab');
    const src = codeCells.map((c) => join1(c.source)).join('\n');
    for (const name of ['readCriteriaSet', 'readEvidenceSources', 'rank(', 'renderSvg(', 'rankingChart(', 'explainText('])
      expect(src).toContain(name);
  });

  it('keeps scripts/notebook-equivalent.mts in step with its code cells', () => {
    const expected = equivalentScript();
    if (UPDATE) writeFileSync(SCRIPT, expected);
    expect(
      existsSync(SCRIPT),
      'scripts/notebook-equivalent.mts is missing: UPDATE_NOTEBOOK=1 npx vitest run tests/project/notebook.test.ts',
    ).toBe(true);
    expect(
      readFileSync(SCRIPT, 'utf8'),
      'the script is out of step with the notebook: UPDATE_NOTEBOOK=1 npx vitest run tests/project/notebook.test.ts',
    ).toBe(expected);
  });

  it('loads the example, ranks the communes, draws a chart and explains one commune', { timeout: 420_000 }, () => {
    if (MODE === 'script') {
      console.log('notebook test ran: the equivalent script (fallback; Jupyter not used)');
      checkOutputs(runScript());
      return;
    }
    console.log('notebook test ran: jupyter nbconvert --execute with the tslab kernel');
    const executed = executeNotebook();
    const cells = executed.cells.filter((c) => c.cell_type === 'code');
    for (const c of cells)
      expect(
        (c.outputs ?? []).filter((o) => o.output_type === 'error' || o.name === 'stderr'),
        `errors in ${c.id}`,
      ).toEqual([]);
    const byCell = cells.map(cellText);
    checkOutputs(byCell.join('\n'), byCell);
    if (UPDATE)
      writeFileSync(
        NOTEBOOK,
        `${JSON.stringify({ ...notebook, cells: notebook.cells.map((c) => (c.cell_type === 'code' ? { ...c, outputs: executed.cells.find((x) => x.id === c.id)?.outputs ?? [], execution_count: executed.cells.find((x) => x.id === c.id)?.execution_count ?? null } : c)) }, null, 1)}\n`,
      );
    // The outputs saved in the notebook (what a reader sees on a forge) are the ones it produces now.
    const saved = codeCells.map(cellText);
    if (!UPDATE) expect(saved, 'saved outputs are stale: UPDATE_NOTEBOOK=1 npx vitest run tests/project/notebook.test.ts').toEqual(byCell);
  });
});
