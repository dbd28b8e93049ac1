/**
 * The layers of docs/architecture.md hold in the code: dependency-cruiser, with the project's own rule set
 * (.dependency-cruiser.cjs, the same run as `npm run lint:deps` in CI), finds no violation and no cycle; the rule
 * set still has its layer rules, covers every folder of src/, counts type-only imports; and the rules do catch a
 * wrong import when one is written.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../support/paths.js';

const CONFIG = join(root, '.dependency-cruiser.cjs');
const BIN = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string; readonly severity: string };
  readonly cycle?: readonly { readonly name: string; readonly dependencyTypes?: readonly string[] }[];
}
interface Rule {
  readonly name: string;
  readonly severity: string;
  readonly from: { readonly path?: string };
  readonly to: { readonly path?: string | string[]; readonly circular?: boolean; readonly dependencyTypes?: string[] };
}
interface Cruise {
  readonly modules: readonly {
    readonly source: string;
    readonly dependencies: readonly { readonly resolved: string; readonly dependencyTypes: readonly string[] }[];
  }[];
  readonly summary: {
    readonly violations: readonly Violation[];
    readonly error: number;
    readonly warn: number;
    readonly totalCruised: number;
    readonly optionsUsed: { readonly tsPreCompilationDeps?: boolean | string };
    readonly ruleSetUsed: { readonly forbidden: readonly Rule[] };
  };
}

/** Runs the dependency-cruiser CLI on `src` of `cwd` with the project's rule set, and returns its JSON result. */
function cruise(cwd: string): Cruise {
  const r = spawnSync(process.execPath, [BIN, 'src', '--config', CONFIG, '--output-type', 'json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  // The exit code is the number of errors found: the JSON on standard output says which.
  expect(r.stdout, r.stderr).toMatch(/^\s*\{/);
  return JSON.parse(r.stdout) as Cruise;
}

const show = (v: readonly Violation[]) =>
  v.map((x) => `${x.rule.name}: ${x.from} → ${x.to}${x.cycle ? ` (${x.cycle.map((c) => c.name).join(' → ')})` : ''}`);

describe('architecture: the layers of docs/architecture.md, enforced by dependency-cruiser', () => {
  const result = cruise(root);
  const rules = result.summary.ruleSetUsed.forbidden;
  const rule = (name: string) => rules.find((r) => r.name === name);

  it('src/ has 0 violations and 0 cycles', () => {
    expect(show(result.summary.violations)).toEqual([]);
    expect(result.summary.violations.filter((v) => v.rule.name === 'no-circular')).toEqual([]);
    expect(result.summary.error).toBe(0);
    expect(result.summary.warn).toBe(0);
    expect(result.summary.totalCruised).toBeGreaterThan(100);
  });

  it('the rule set forbids cycles, Node built-ins and io/cli in the pure layers, each rule an error', () => {
    expect(rule('no-circular')?.to.circular).toBe(true);
    expect(rule('pure-no-node')?.to.dependencyTypes).toEqual(['core']);
    expect(rule('pure-no-io-cli')?.to.path).toBe('^src/(io|cli|worker)/');
    expect(rule('pure-no-node')?.from.path).toContain('index|schema-json');
    expect(rule('pure-no-io-cli')?.from.path).toContain('index|schema-json');
    for (const r of rules) expect(r.severity, r.name).toBe('error');
  });

  it('the rule set has a layer rule for every folder of src/ but io, worker, cli and api (the entry points), in the order of docs/architecture.md', () => {
    const layers = rules.filter((r) => r.name.startsWith('layer-')).map((r) => r.name.slice('layer-'.length));
    const folders = readdirSync(join(root, 'src'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect([...layers].sort()).toEqual(folders.filter((f) => !['io', 'worker', 'cli', 'api'].includes(f)).sort());
    expect(layers).toEqual([
      'core',
      'calendar',
      'formula',
      'rules',
      'criteria',
      'evidence',
      'measures',
      'sipas',
      'inspection',
      'engine',
      'ranking',
      'verify',
      'versions',
      'cases',
      'report',
    ]);
    // Each layer forbids what is above it: the bottom forbids every other layer, the top (report) still forbids io, cli and worker.
    expect(rule('layer-core')?.to.path).toContain(
      '^src/(calendar|formula|rules|criteria|evidence|measures|sipas|inspection|engine|ranking|verify|versions|cases|report)/',
    );
    expect(rule('layer-report')?.to.path).toContain('^src/(io|cli|worker)/');
    // The architecture document names the same folders in the same order in its layer table.
    const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
    const table = [...doc.matchAll(/^\| `src\/([a-z]+)\/` \|/gm)].map((m) => m[1]!);
    expect(table.filter((f) => !['io', 'worker', 'cli', 'api'].includes(f))).toEqual(layers);
    expect(table).toContain('io');
    expect(table).toContain('worker');
    expect(table).toContain('cli');
  });

  it('type-only imports count (for cycles and layers alike)', () => {
    expect(result.summary.optionsUsed.tsPreCompilationDeps).toBe(true);
    const typeOnly = result.modules.flatMap((m) => m.dependencies).filter((d) => d.dependencyTypes.includes('type-only'));
    expect(typeOnly.length).toBeGreaterThan(0);
  });

  it('the rules catch wrong imports: a cycle of type-only imports, Node, io and an upper layer in core, the checker outside criteria, an entry point, cli from io, worker from io and cli from worker, an optional peer, an unresolvable path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'par-index-layers-'));
    try {
      const file = (path: string, text: string) => {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      };
      file(
        'tsconfig.json',
        JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', verbatimModuleSyntax: true } }),
      );
      file(
        'src/core/bad.ts',
        "import { readFileSync } from 'node:fs';\nimport { x } from '../io/x.js';\nimport type { Y } from '../engine/y.js';\nexport const b: Y | number = x + readFileSync.length;\n",
      );
      file('src/io/x.ts', "import { k } from '../cli/k.js';\nimport { w } from '../worker/w.js';\nexport const x = k + w;\n");
      file('src/worker/w.ts', "import { k } from '../cli/k.js';\nexport const w = k;\n");
      file('src/cli/k.ts', 'export const k = 1;\n');
      file('src/ranking/r.ts', "import { b } from '../index.js';\nexport const r = b;\n");
      file('src/index.ts', 'export const b = 1;\n');
      file(
        'src/report/chart.ts',
        "import type ExcelJS from 'exceljs';\nimport { gone } from './gone.js';\nexport type W = ExcelJS.Workbook | typeof gone;\n",
      );
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
      file('src/engine/y.ts', "import type { b } from '../core/bad.js';\nexport type Y = typeof b;\n");
      file('src/criteria/check.ts', 'export const c = 1;\n');
      file('src/evidence/e.ts', "import { c } from '../criteria/check.js';\nexport const e = c;\n");
      const bad = cruise(dir);
      const found = new Set(bad.summary.violations.map((v) => `${v.rule.name} ${v.from} → ${v.to}`));
      for (const v of [
        'pure-no-node src/core/bad.ts → fs',
        'pure-no-io-cli src/core/bad.ts → src/io/x.ts',
        'layer-core src/core/bad.ts → src/io/x.ts',
        'layer-core src/core/bad.ts → src/engine/y.ts',
        'criteria-checker-internal src/evidence/e.ts → src/criteria/check.ts',
        'io-not-cli src/io/x.ts → src/cli/k.ts',
        'io-not-worker src/io/x.ts → src/worker/w.ts',
        'worker-not-cli src/worker/w.ts → src/cli/k.ts',
        'entry-not-imported src/ranking/r.ts → src/index.ts',
        'layer-ranking src/ranking/r.ts → src/index.ts',
        'not-to-unresolvable src/report/chart.ts → ./gone.js',
      ]) {
        expect(found, v).toContain(v);
      }
      expect(bad.summary.violations.filter((v) => v.rule.name === 'no-optional-peers-in-pure').map((v) => v.from)).toEqual([
        'src/report/chart.ts',
      ]);
      // Every kind of rule fires on its wrong import: none is dead.
      expect(new Set(bad.summary.violations.map((v) => v.rule.name))).toEqual(
        new Set([
          'no-circular',
          'pure-no-node',
          'pure-no-io-cli',
          'layer-core',
          'layer-ranking',
          'criteria-checker-internal',
          'io-not-cli',
          'io-not-worker',
          'worker-not-cli',
          'entry-not-imported',
          'no-optional-peers-in-pure',
          'not-to-unresolvable',
        ]),
      );
      // The cycle core/bad.ts ⇄ engine/y.ts is made of type-only imports, and is found all the same.
      const cycles = bad.summary.violations.filter((v) => v.rule.name === 'no-circular');
      expect(cycles.map((c) => [c.from, ...(c.cycle ?? []).map((x) => x.name)].sort())).toEqual([
        ['src/core/bad.ts', 'src/core/bad.ts', 'src/engine/y.ts'],
      ]);
      expect(cycles[0]!.cycle!.every((x) => x.dependencyTypes?.includes('type-only'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
