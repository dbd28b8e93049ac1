/**
 * Files shipped inside the package (the bundled calendar, the worked example), found from the built file or,
 * in the repository's tests, from the source file.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The absolute path of a file shipped with the package, e.g. `data/calendars/vn.yaml`. */
export function packageFile(rel: string): string {
  // dist/*.js → ../; src/io/*.ts (tests) → ../../
  for (const base of ['../', '../../']) {
    const p = fileURLToPath(new URL(base + rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  return rel;
}

/**
 * Where the worked example shipped with the package is.
 *
 * @example `const { criteria, evidence }: ExampleFiles = exampleFiles()`
 */
export interface ExampleFiles {
  /** The criteria set: criteria/examples/van-lam-commune-2021.yaml. */
  readonly criteria: string;
  /** The folder of evidence documents and source descriptors: fixtures/van-lam-2021. */
  readonly evidence: string;
}

/**
 * The worked example shipped with the package: the criteria set of Văn Lâm's communes for 2021 and the folder
 * of their evidence (11 communes; illustrative figures). Absolute paths, so they work from an installed copy.
 *
 * @example
 * ```ts
 * const { criteria, evidence } = exampleFiles();
 * const set = readCriteriaSet(criteria);
 * ```
 */
export function exampleFiles(): ExampleFiles {
  return Object.freeze({
    criteria: packageFile('criteria/examples/van-lam-commune-2021.yaml'),
    evidence: packageFile('fixtures/van-lam-2021'),
  });
}

/** The version of the installed package, from its package.json (what `par-index --version` prints). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version;
}
