// The package's entry points, in one place: tsup builds one file per entry (ESM and CommonJS), package.json's
// "exports" and typedoc.json list the same, and tests/api/entries.test.ts checks that they agree and snapshots
// what each entry exports.
export const ENTRIES = [
  { subpath: '.', source: 'src/index.ts', out: 'index', node: false },
  { subpath: './io', source: 'src/io/index.ts', out: 'io', node: true },
  { subpath: './sipas', source: 'src/api/sipas.ts', out: 'sipas', node: false },
  { subpath: './dossiers', source: 'src/api/dossiers.ts', out: 'dossiers', node: false },
  { subpath: './inspection', source: 'src/api/inspection.ts', out: 'inspection', node: false },
  { subpath: './report', source: 'src/api/report.ts', out: 'report', node: false },
  { subpath: './formats', source: 'src/api/formats.ts', out: 'formats', node: false },
  { subpath: './worker', source: 'src/worker/index.ts', out: 'worker', node: true },
];

/**
 * Files built beside the entries that are not entries: no export of the package names them, the entries load
 * them at run time (the script of par-index/worker's threads, found beside dist/worker.js and dist/worker.cjs).
 */
export const BUILT_FILES = [{ source: 'src/worker/thread.ts', out: 'worker-thread' }];

/** The import specifier of an entry: `par-index`, `par-index/io`… */
export const specifier = (entry) => (entry.subpath === '.' ? 'par-index' : `par-index/${entry.subpath.slice(2)}`);
