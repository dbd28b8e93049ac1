// Vitest configuration used only under mutation testing (stryker.config.mjs): the unit tests of one mutation
// group (scripts/mutation-groups.mjs), without the global setup that builds dist/, and with fast-check's seed
// fixed (tests/setup/mutation-seed.ts) so that property-test names, which carry the seed, stay the same.
import { configDefaults, defineConfig } from 'vitest/config';
import { GROUP_ENV, GROUPS } from './scripts/mutation-groups.mjs';

const name = process.env[GROUP_ENV] ?? 'exact-build';
const group = GROUPS[name];
if (group === undefined) throw new Error(`unknown mutation group ${name}`);

export default defineConfig({
  test: {
    include: group.tests.filter((t) => !t.startsWith('!')),
    exclude: [...configDefaults.exclude, ...group.tests.filter((t) => t.startsWith('!')).map((t) => t.slice(1))],
    environment: 'node',
    testTimeout: 30_000,
    setupFiles: ['tests/setup/mutation-seed.ts'],
    env: { PAR_INDEX_MUTATION: '1' },
  },
});
