import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The pure core and the Node-only file layer, as two entry points of one package.
    entry: { index: 'src/index.ts', io: 'src/io/index.ts' },
    format: ['esm', 'cjs'],
    // tsup 8.5.1's DTS build sets baseUrl, which TypeScript 6.0 rejects (TS5101).
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
    sourcemap: true,
    clean: true,
    // @noble/hashes is ESM-only; bundling it keeps the CommonJS build loadable with require().
    // mathjs: its entry point builds every one of its functions when imported (0.4 s); bundled, only the parser
    // and what it needs are kept (importing the core went from 0.63 s to 0.34 s). THIRD-PARTY-NOTICES.md lists
    // what is bundled, with each package's licence (scripts/third-party-notices.mjs writes it).
    noExternal: ['@noble/hashes', 'mathjs'],
    // The CommonJS build has no import.meta: the shim gives it import.meta.url from __filename, so the io layer
    // finds the files bundled with the package (data/calendars/vn.yaml) from dist/io.cjs as from dist/io.js.
    shims: true,
    target: 'node20',
    outDir: 'dist',
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    clean: false,
    target: 'node20',
    outDir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
    // As above: `par-index --help` went from 1.0 s to 0.6 s (and to 0.45 s with exceljs loaded only for XLSX).
    noExternal: ['mathjs'],
  },
]);
