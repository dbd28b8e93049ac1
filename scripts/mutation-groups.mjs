// The groups `npm run mutate` runs (docs/testing.md): each mutates part of the scoring core and runs only the
// unit tests that exercise it, so that one group finishes in well under 20 minutes on a 2-core machine.
// Read by stryker.config.mjs (what to mutate) and vitest.stryker.config.ts (which tests to run).

/** @type {Record<string, { mutate: string[]; tests: string[] }>} */
export const GROUPS = {
  exact: {
    mutate: ['src/core/exact.ts'],
    tests: ['tests/core/exact*.test.ts'],
  },
  // The rule kinds and their shared pieces are about 1,030 mutants, some 45 minutes in one run on the loaded
  // machine (docs/testing.md): three groups of about 340, common.ts split at line 250 (the no-case and
  // missing-evidence outcomes above, the threshold tables below).
  rules: {
    mutate: ['src/rules/bands.ts', 'src/rules/deduction.ts', 'src/rules/task.ts'],
    tests: ['tests/rules/**/*.test.ts'],
  },
  'rules-rate': {
    mutate: ['src/rules/rate.ts', 'src/rules/common.ts:1-250'],
    tests: ['tests/rules/**/*.test.ts'],
  },
  'rules-tables': {
    mutate: ['src/rules/common.ts:251-460'],
    tests: ['tests/rules/**/*.test.ts'],
  },
  'engine-rank': {
    mutate: ['src/engine/evaluate.ts', 'src/ranking/rank.ts'],
    tests: ['tests/engine/**/*.test.ts', 'tests/ranking/rank*.test.ts'],
  },
  sipas: {
    mutate: ['src/sipas/interval.ts', 'src/sipas/tallier.ts', 'src/sipas/tally-merge.ts', 'src/sipas/weights.ts'],
    tests: ['tests/sipas/**/*.test.ts'],
  },
  checks: {
    mutate: ['src/criteria/check.ts', 'src/verify/table-checks.ts', 'src/verify/rules.ts'],
    tests: ['tests/criteria/check*.test.ts', 'tests/verify/**/*.test.ts'],
  },
};

/** The environment variable that names the group under mutation (set by scripts/mutate.mjs). */
export const GROUP_ENV = 'PAR_INDEX_MUTATION_GROUP';
/** A comma-separated list that narrows the group's `mutate` to the files a change touched (`--changed`). */
export const FILES_ENV = 'PAR_INDEX_MUTATION_FILES';
