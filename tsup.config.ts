import { defineConfig, type Options } from 'tsup';
import { BUILT_FILES, ENTRIES } from './scripts/build/entries.mjs';

/**
 * What every build of the library shares. Bundled rather than installed:
 * - @noble/hashes is ESM-only; bundled, the CommonJS build stays loadable with require().
 * - mathjs: its entry point builds every function when imported (0.4 s); only the parser is kept.
 * - @stdlib: two quantile functions, which as packages would install 228 folders (27 MB).
 * THIRD-PARTY-NOTICES.md lists what is bundled, with each licence (scripts/third-party-notices.mjs writes it).
 */
/** stdlib's gammaincinv logs through `debug`, whose Node build loads tty and net: a silent stand-in replaces it. */
function quietDebug(options: { alias?: Record<string, string> }): void {
  options.alias = { ...options.alias, debug: './scripts/build/debug-off.cjs' };
}

const library: Options = {
  entry: Object.fromEntries([...ENTRIES, ...BUILT_FILES].map((e) => [e.out, e.source])),
  // tsup 8.5.1's DTS build sets baseUrl, which TypeScript 6.0 rejects (TS5101).
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  sourcemap: false,
  // Stack traces and error names say ParIndexError, not a minifier's or bundler's renamed class.
  keepNames: true,
  noExternal: ['@noble/hashes', 'mathjs', /^@stdlib\//],
  target: 'node20',
  outDir: 'dist',
  esbuildOptions: quietDebug,
};

export default defineConfig([
  // ESM: no Node shims, so the core's chunks import no Node built-in and bundle for a browser as published.
  { ...library, format: ['esm'], clean: true, shims: false },
  {
    ...library,
    format: ['cjs'],
    clean: false,
    // No code splitting: tsup's CommonJS splitting turns import('vega') into require(), which cannot load
    // vega (ESM with top-level await). Each entry's .cjs carries the part of the core it uses; ParIndexError's instanceof
    // checks a brand (src/core/errors.ts), so errors of either are recognised by both.
    // The CommonJS build has no import.meta: the shim gives import.meta.url from __filename, so the io layer
    // finds the files shipped with the package (data/calendars/vn.yaml, the example).
    shims: true,
  },
  {
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    sourcemap: false,
    keepNames: true,
    clean: false,
    target: 'node20',
    outDir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
    noExternal: ['mathjs', /^@stdlib\//, '@noble/hashes'],
    esbuildOptions: quietDebug,
  },
]);
