/**
 * The public API is what the entry points export, and nothing else: scripts/build/entries.mjs lists the entry
 * points; package.json's "exports", typedoc.json and the build follow it; a snapshot pins every name each entry
 * exports (values and types apart), so a name appears or disappears only by a visible change of
 * tests/api/exports.snap.txt; the built files export at run time exactly the values their declarations promise.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import typescript from 'typescript';
import { describe, expect, it } from 'vitest';
import { ENTRIES, specifier } from '../../scripts/build/entries.mjs';
import { root } from '../support/paths.js';

interface Surface {
  readonly values: string[];
  readonly types: string[];
}

function surfaces(): Map<string, Surface> {
  const files = ENTRIES.map((e) => join(root, e.source));
  const program = typescript.createProgram(files, {
    module: typescript.ModuleKind.ESNext,
    moduleResolution: typescript.ModuleResolutionKind.Bundler,
    target: typescript.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const out = new Map<string, Surface>();
  for (const entry of ENTRIES) {
    const sym = checker.getSymbolAtLocation(program.getSourceFile(join(root, entry.source))!)!;
    const s: Surface = { values: [], types: [] };
    for (const exp of checker.getExportsOfModule(sym)) {
      const target = exp.flags & typescript.SymbolFlags.Alias ? checker.getAliasedSymbol(exp) : exp;
      // `export type { X }` of a name that is also a value (a zod schema and its type) exports only the type.
      const typeOnly = (exp.declarations ?? []).some(
        (d) => typescript.isExportSpecifier(d) && (d.isTypeOnly || d.parent.parent.isTypeOnly),
      );
      (target.flags & typescript.SymbolFlags.Value && !typeOnly ? s.values : s.types).push(exp.name);
    }
    s.values.sort();
    s.types.sort();
    out.set(specifier(entry), s);
  }
  return out;
}

const api = surfaces();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };

describe('the entry points', () => {
  it('package.json "exports" and typedoc.json list exactly the entries of scripts/build/entries.mjs', () => {
    const subpaths = Object.keys(pkg.exports).filter((k) => !k.startsWith('./schema/') && k !== './package.json');
    expect(subpaths).toEqual(ENTRIES.map((e) => e.subpath));
    for (const e of ENTRIES) {
      expect(pkg.exports[e.subpath]).toEqual({
        import: { types: `./dist/${e.out}.d.ts`, default: `./dist/${e.out}.js` },
        require: { types: `./dist/${e.out}.d.cts`, default: `./dist/${e.out}.cjs` },
      });
    }
    const typedoc = JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')) as { entryPoints: string[] };
    expect(typedoc.entryPoints).toEqual(ENTRIES.map((e) => e.source));
  });

  it('export what the snapshot says, name by name', async () => {
    const text = [...api]
      .map(
        ([name, s]) =>
          `# ${name}: ${s.values.length} values, ${s.types.length} types\nvalues: ${s.values.join(' ')}\ntypes: ${s.types.join(' ')}\n`,
      )
      .join('\n');
    await expect(text).toMatchFileSnapshot('./exports.snap.txt');
  });

  it('par-index holds the jobs: about 40 values, not the internals', () => {
    const core = api.get('par-index')!;
    expect(core.values.length).toBeGreaterThanOrEqual(35);
    // 53 since reading published tables added three jobs (rankPublished, loadDistribution, verifyDistribution).
    expect(core.values.length).toBeLessThanOrEqual(55);
    for (const job of [
      'loadCriteriaSet',
      'checkCriteriaSet',
      'loadEvidence',
      'evaluate',
      'rank',
      'explainText',
      'compareYears',
      'rankUncertainty',
      'verifyDecision',
      'amend',
      'diff',
      'rescore',
      'runCases',
      'loadQuestionnaire',
      'mergeTallies',
      'summariseDossiers',
      'renderTable',
      'reportHtml',
      'ParIndexError',
      'ISSUE_CODES',
      'Exact',
    ]) {
      expect(core.values, job).toContain(job);
    }
  });

  it('no internal helper is exported by any entry point', () => {
    const all = [...api.values()].flatMap((s) => [...s.values, ...s.types]);
    for (const internal of [
      'IdFilter',
      'DossierAggregator',
      'VI_COLLATOR',
      'cmpId',
      'escapeHtml',
      'numText',
      'valueText',
      'assignRanks',
      'tieComparator',
      'groupIndices',
      'sumExact',
      'formatPath',
      'checkFormat',
      'replayLeaf',
      'compileFormula',
      'withRank',
      'displayPath',
    ]) {
      expect(all, internal).not.toContain(internal);
    }
  });

  it('a name has one home: no value is exported by two entries (but the error class and its formatter, which par-index/io repeats)', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [entry, s] of api) {
      for (const v of s.values) {
        const first = seen.get(v);
        if (first !== undefined && !(entry === 'par-index/io' && ['ParIndexError', 'formatIssue'].includes(v)))
          twice.push(`${v}: ${first} and ${entry}`);
        seen.set(v, first ?? entry);
      }
    }
    expect(twice).toEqual([]);
  });

  it('the built files export at run time exactly the values their declarations name (ESM and CommonJS)', async () => {
    const require = createRequire(import.meta.url);
    for (const e of ENTRIES) {
      const values = api.get(specifier(e))!.values;
      const esmFile = join(root, 'dist', `${e.out}.js`);
      expect(existsSync(esmFile), esmFile).toBe(true);
      const esm = (await import(pathToFileURL(esmFile).href)) as Record<string, unknown>;
      expect(Object.keys(esm).sort(), `${specifier(e)} (ESM)`).toEqual(values);
      const cjs = require(join(root, 'dist', `${e.out}.cjs`)) as Record<string, unknown>;
      expect(Object.keys(cjs).sort(), `${specifier(e)} (CommonJS)`).toEqual(values);
    }
  });
});
