/**
 * Setup file of vitest.stryker.config.ts: under mutation testing fast-check runs with one fixed seed.
 * @fast-check/vitest names a property test "… (with seed=N)", with a random N unless a global seed is set; a
 * mutation tool that selects tests by name would then never find them again.
 */
import fc from 'fast-check';

if (process.env.PAR_INDEX_MUTATION === '1') fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: 20_271 });
