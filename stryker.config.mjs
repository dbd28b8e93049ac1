// StrykerJS configuration for `npm run mutate` (scripts/mutate.mjs, docs/testing.md). One group at a time: the
// group named by PAR_INDEX_MUTATION_GROUP decides which files are mutated and which tests run.
import { FILES_ENV, GROUP_ENV, GROUPS } from './scripts/mutation-groups.mjs';

const name = process.env[GROUP_ENV] ?? 'exact-build';
const group = GROUPS[name];
if (group === undefined) throw new Error(`unknown mutation group ${name}; one of ${Object.keys(GROUPS).join(', ')}`);
const files = process.env[FILES_ENV];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // The dedicated config: only the group's unit tests, no dist/ build, fast-check with a fixed seed.
  vitest: { configFile: 'vitest.stryker.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: files ? files.split(',') : group.mutate,
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants) would need every test for each; they are reported as ignored.
  ignoreStatic: true,
  // The machine has 2 cores and is shared.
  concurrency: 2,
  // A mutant counts as timed out (detected) when its tests run past 1.5 × their normal time + timeoutMS. With 5 s,
  // and again with 10 s under a load of 10–12, mutants that change only a message "timed out" (22 in one run):
  // false detections, and each costs a test process restarted. 30 s keeps them out.
  timeoutMS: 30_000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  // The sandbox needs the sources, the tests and the data they read; not the docs, the build or the reports.
  ignorePatterns: ['dist', 'docs', 'out', 'bench', 'coverage', 'reports', '.prof', '.dist-build-lock'],
  incrementalFile: `reports/mutation/${name}.incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: true },
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  thresholds: { high: 90, low: 85, break: null },
};
