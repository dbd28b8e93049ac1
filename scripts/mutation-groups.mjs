// The groups `npm run mutate` runs (docs/testing.md): each mutates part of the scoring core and runs only the
// unit tests that exercise it, so that one group finishes in well under 20 minutes on a 2-core machine.
// Read by stryker.config.mjs (what to mutate) and vitest.stryker.config.ts (which tests to run).

const EXACT_TESTS = ['tests/core/exact*.test.ts'];
const RULES_TESTS = ['tests/rules/**/*.test.ts'];
const ENGINE_TESTS = ['tests/engine/**/*.test.ts'];
const RANK_TESTS = ['tests/ranking/rank*.test.ts'];
const CHECK_TESTS = ['tests/criteria/check*.test.ts', 'tests/criteria/acknowledged.test.ts', 'tests/criteria/provenance.test.ts'];
// The conditions of grades and of `applies` are declared by the criteria tests and scored by the engine's.
const CONDITION_TESTS = [
  ...CHECK_TESTS,
  'tests/engine/band-conditions.test.ts',
  'tests/engine/not-applicable.test.ts',
  'tests/engine/items-conditions.test.ts',
];
const VERIFY_TESTS = ['tests/verify/**/*.test.ts'];
const RELATIVE_TESTS = [...RULES_TESTS, 'tests/engine/relative.test.ts', 'tests/engine/docs-relative.test.ts'];
// tests/sipas/ without national-survey.test.ts: half of it runs the built CLI (dist/, which the sandbox does not
// have and which no mutant reaches), the other half tallies 40,000 respondents, some 40 s a test.
const SIPAS_TESTS = ['tests/sipas/**/*.test.ts', '!tests/sipas/national-survey.test.ts'];

/**
 * Each group: the source files (or line ranges) it mutates, and the test files it runs (a leading `!` leaves a
 * file out).
 * @type {Record<string, { mutate: string[]; tests: string[] }>}
 */
export const GROUPS = {
  // Group sizes: `node scripts/mutant-count.mjs` counts a group's mutants without running a test. On the shared
  // machine Stryker tested 8–35 mutants a minute (docs/testing.md): 186 mutants of rank.ts were on course for
  // 25 minutes under a load of 13, 357 of rate.ts and common.ts took 21. So a group has about 150 mutants at most
  // (`rules`, 354 mutants whose tests are quick, took 11 minutes), cut at function boundaries where one allows.
  'exact-build': { mutate: ['src/core/exact.ts:1-133'], tests: EXACT_TESTS }, // gcd, ratio, fromSmall, fromBig
  'exact-parse': { mutate: ['src/core/exact.ts:134-183'], tests: EXACT_TESTS }, // of, parse, parseDecimal
  'exact-arith': { mutate: ['src/core/exact.ts:184-266'], tests: EXACT_TESTS }, // add … div, neg
  'exact-compare': { mutate: ['src/core/exact.ts:267-335'], tests: EXACT_TESTS }, // abs, sign … clamp, isInteger
  'exact-round': { mutate: ['src/core/exact.ts:336-368', 'src/core/exact.ts:454-467'], tests: EXACT_TESTS }, // round, roundQuotient
  'exact-output': { mutate: ['src/core/exact.ts:369-453', 'src/core/exact.ts:468-482'], tests: EXACT_TESTS }, // toNumber … sumExact
  rules: { mutate: ['src/rules/bands.ts', 'src/rules/deduction.ts', 'src/rules/task.ts'], tests: RULES_TESTS },
  // common.ts: share and no-case outcomes (1-188), missing evidence and rows (189-272), a table's ends and the
  // gaps and overlaps between rows (273-329 and the rest of checkRanges), row points and scoring a row. The rule
  // tests are quick: about 200 mutants a group is still some 12 minutes.
  'rules-rate': { mutate: ['src/rules/rate.ts', 'src/rules/common.ts:189-272'], tests: RULES_TESTS },
  'rules-outcomes': { mutate: ['src/rules/common.ts:1-188'], tests: RULES_TESTS },
  'rules-tables': { mutate: ['src/rules/common.ts:273-329'], tests: RULES_TESTS },
  'rules-rows': { mutate: ['src/rules/common.ts:330-479'], tests: RULES_TESTS },
  // The rule kinds of issue 22: a unit against its peers (with the engine's first pass), quantifiers over lists.
  // relative.ts: parameters, statistics and texts (1-198), check (199-315), compiling and scoring (316-408).
  'rules-relative': { mutate: ['src/rules/relative.ts:1-198'], tests: RELATIVE_TESTS },
  'rules-relative-check': { mutate: ['src/rules/relative.ts:199-315', 'src/rules/relative.ts:402-408'], tests: RELATIVE_TESTS },
  'rules-relative-score': { mutate: ['src/rules/relative.ts:316-401'], tests: RELATIVE_TESTS },
  'engine-population': { mutate: ['src/engine/population.ts'], tests: RELATIVE_TESTS },
  // evaluate.ts: the walk and "applies" (1-189), redistribution, combine and roundAt (190-299), sharing among
  // siblings and the check cache (300-379), evaluate() and a unit's walk (380-513), the card (514-662); the bands
  // and their conditions (engine/bands.ts, engine/conditions.ts).
  'engine-walk': { mutate: ['src/engine/evaluate.ts:1-189'], tests: ENGINE_TESTS },
  'engine-combine': { mutate: ['src/engine/evaluate.ts:190-299'], tests: ENGINE_TESTS },
  'engine-share': { mutate: ['src/engine/evaluate.ts:300-379'], tests: ENGINE_TESTS },
  'engine-evaluate': { mutate: ['src/engine/evaluate.ts:380-513'], tests: ENGINE_TESTS },
  'engine-cards': { mutate: ['src/engine/evaluate.ts:514-670'], tests: ENGINE_TESTS },
  'engine-bands': { mutate: ['src/engine/bands.ts'], tests: ENGINE_TESTS },
  'engine-conditions': { mutate: ['src/engine/conditions.ts:1-88'], tests: ENGINE_TESTS }, // a condition's texts and range
  'engine-conditions-read': { mutate: ['src/engine/conditions.ts:89-170'], tests: ENGINE_TESTS }, // reading, missing values
  rank: { mutate: ['src/ranking/rank.ts:1-151'], tests: RANK_TESTS }, // assignRanks
  'rank-cards': { mutate: ['src/ranking/rank.ts:152-335'], tests: RANK_TESTS }, // keys, groups, rank()
  'sipas-interval': { mutate: ['src/sipas/interval.ts'], tests: SIPAS_TESTS },
  'sipas-merge': { mutate: ['src/sipas/tally-merge.ts', 'src/sipas/weights.ts'], tests: SIPAS_TESTS },
  'sipas-tally': { mutate: ['src/sipas/tallier.ts:1-150'], tests: SIPAS_TESTS },
  'sipas-tally-rows': { mutate: ['src/sipas/tallier.ts:151-310'], tests: SIPAS_TESTS },
  // check.ts: checkSemantics (1-225, in two), reachability and provenance (226-333), a leaf's rule (334-403),
  // acknowledged findings (404-443).
  'checks-criteria': { mutate: ['src/criteria/check.ts:1-120'], tests: CHECK_TESTS },
  'checks-criteria-tree': { mutate: ['src/criteria/check.ts:121-225'], tests: CHECK_TESTS },
  'checks-provenance': { mutate: ['src/criteria/check.ts:226-333'], tests: CHECK_TESTS },
  'checks-rule': { mutate: ['src/criteria/check.ts:334-403'], tests: CHECK_TESTS },
  'checks-acknowledged': { mutate: ['src/criteria/check.ts:404-460'], tests: CHECK_TESTS },
  'checks-conditions': {
    mutate: ['src/criteria/check-conditions.ts:1-91'], // one condition
    tests: CONDITION_TESTS,
  },
  'checks-conditions-where': {
    mutate: ['src/criteria/check-conditions.ts:92-170'], // where conditions may stand: bands, applies, redistribution
    tests: CONDITION_TESTS,
  },
  // table-checks.ts: tableChecks (1-165, in two), rankCheck (166-286, in two), bandCheck and summaryCheck.
  'checks-verify': { mutate: ['src/verify/table-checks.ts:1-107'], tests: VERIFY_TESTS },
  'checks-verify-index': { mutate: ['src/verify/table-checks.ts:108-172'], tests: VERIFY_TESTS },
  'checks-verify-ranks': { mutate: ['src/verify/table-checks.ts:173-237'], tests: VERIFY_TESTS },
  'checks-verify-ties': { mutate: ['src/verify/table-checks.ts:238-293'], tests: VERIFY_TESTS },
  'checks-verify-bands': { mutate: ['src/verify/table-checks.ts:294-415'], tests: VERIFY_TESTS },
  'checks-verify-rules': { mutate: ['src/verify/rules.ts'], tests: VERIFY_TESTS },
};

/** The environment variable that names the group under mutation (set by scripts/mutate.mjs). */
export const GROUP_ENV = 'PAR_INDEX_MUTATION_GROUP';
/** A comma-separated list that narrows the group's `mutate` to the files a change touched (`--changed`). */
export const FILES_ENV = 'PAR_INDEX_MUTATION_FILES';
