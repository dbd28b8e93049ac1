/**
 * Cases files on disk (Node only, exported from `par-index/io`): finding every `*.cases.yaml` under a folder,
 * reading one with the criteria file it names, and running it.
 * @module
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CasesData } from '../cases/format.js';
import { loadCases } from '../cases/load.js';
import { runCases, type CasesReport } from '../cases/run.js';
import type { CriteriaSet } from '../criteria/load.js';
import { readCriteriaSet } from './criteria-files.js';
import { displayPath, readText, statPath } from './files.js';

/**
 * File names that hold cases.
 *
 * @example CASES_FILE.test('van-lam-commune-2021.cases.yaml') // true
 */
export const CASES_FILE = /\.cases\.(ya?ml|json)$/i;
const SKIP = new Set(['node_modules', '.git', 'dist', 'coverage']);

/**
 * The cases files at the given paths: a file as given, a folder searched recursively for `*.cases.yaml`
 * (`.yml`, `.json`), skipping node_modules, .git and dist. Sorted, without duplicates.
 *
 * @example
 * ```ts
 * findCaseFiles(['criteria']); // ["criteria/examples/van-lam-commune-2021.cases.yaml", …]
 * ```
 */
export function findCaseFiles(paths: readonly string[]): string[] {
  const out = new Set<string>();
  const go = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (SKIP.has(name)) continue;
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) go(p);
      else if (CASES_FILE.test(name)) out.add(p);
    }
  };
  for (const p of paths) {
    const st = statPath(p);
    if (st.isDirectory()) go(p);
    else out.add(p);
  }
  return [...out].sort();
}

/**
 * Reads a cases file and the criteria set it names (relative to the cases file).
 *
 * @example
 * ```ts
 * const { cases, set } = readCases('criteria/examples/van-lam-commune-2021.cases.yaml');
 * ```
 */
export function readCases(path: string): {
  /** The cases file, validated. */
  cases: CasesData;
  /** The criteria set it tests. */
  set: CriteriaSet;
  /** The cases file, as shown in messages. */
  file: string;
} {
  const file = displayPath(path);
  const cases = loadCases(readText(path), { file });
  const set = readCriteriaSet(resolve(dirname(path), cases.criteria));
  return { cases, set, file };
}

/**
 * Reads and runs one cases file.
 *
 * @example
 * ```ts
 * runCaseFile('criteria/examples/van-lam-commune-2021.cases.yaml').failed; // 0
 * ```
 */
export function runCaseFile(path: string): CasesReport {
  const { cases, set, file } = readCases(path);
  return runCases(cases, set, { file });
}
