/**
 * Tests that need a program from outside npm (headless Chromium, Jupyter) run it when it is installed. On a
 * machine without it they run their documented fallback and say so in their names and output — unless
 * PAR_INDEX_REQUIRE_TOOLS=1 (set by .ci/run), where a missing program is a failure, so CI keeps exercising the
 * real ones. An explicit mode variable (PAR_INDEX_BROWSER=vm, PAR_INDEX_NOTEBOOK=script) always wins.
 */
import { existsSync } from 'node:fs';

export const REQUIRE_TOOLS = process.env['PAR_INDEX_REQUIRE_TOOLS'] === '1';

/** The first of `paths` that exists. */
export function findProgram(paths: readonly string[]): string | undefined {
  return paths.find((p) => existsSync(p));
}

/**
 * `real` when the program is there or CI requires it, `fallback` otherwise; `explicit` (the mode variable's
 * value) when it names one of the two.
 */
export function toolMode<R extends string, F extends string>(real: R, fallback: F, present: boolean, explicit: string | undefined): R | F {
  if (explicit === real || explicit === fallback) return explicit as R | F;
  return present || REQUIRE_TOOLS ? real : fallback;
}
