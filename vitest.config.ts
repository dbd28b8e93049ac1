import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Type tests: each type derived from its zod schema stays what it must be (tests/types/*.test-d.ts).
    typecheck: { enabled: true, include: ['tests/**/*.test-d.ts'] },
    environment: 'node',
    testTimeout: 30_000,
    // Builds dist/ when it is missing or stale: the CLI and package tests run the built files.
    globalSetup: ['tests/setup/build-dist.ts'],
  },
});
