/**
 * The layers of par-index, enforced (docs/architecture.md explains them): `npm run lint:deps`, run by CI and by
 * tests/project/architecture.test.ts. Fix a violation by moving code to the layer it belongs to, not by loosening a rule.
 *
 * Type-only imports (`import type`) count, for cycles and for layers alike (`tsPreCompilationDeps: true`): a
 * type-only cycle still ties two modules together (neither can be read, documented or moved without the
 * other, and the declaration bundles follow type imports), a type import is one edit away from a value
 * import, and a pure layer that names a type of `io` depends on `io`'s API all the same.
 */

/**
 * The pure layers, bottom first. A folder may import its own files and the folders of the levels below it;
 * folders on the same level are independent of each other. Nothing here may import a Node built-in, `src/io`
 * or `src/cli`.
 */
const LEVELS = [
  ['core'], // exact points, errors, hashing, documents, limits, bilingual text, CSV tables
  ['calendar'], // working-day calendar and dates
  ['formula'], // the formula language: sandboxed parser, grammar, closure compiler, interval analysis
  ['rules'], // one file per rule kind, the registry
  ['criteria'], // the criteria-set schema, its tree, checks, provenance, amendments, diff
  ['evidence'], // evidence schemas, loading, checks against a set
  ['measures', 'sipas', 'inspection'], // dossiers → measures · questionnaires → tallies → indices · inspections → findings
  ['engine'], // evaluate(): the tree walk, exact points, the trace
  ['ranking'], // ranks and ties, score files, year-over-year, rank uncertainty
  ['verify', 'versions', 'cases'], // published decisions · re-scoring across versions · test cases
  ['report'], // renderers: tables, Markdown, HTML, rows, chart specs
];

const FOLDERS = LEVELS.flat();
/** The top of the pure world: the entry points (`par-index`, and src/api/ for par-index/sipas, /report…) and the JSON Schema generator. */
const ENTRY = '^src/((index|schema-json)[.]ts$|api/)';
const PURE = `^src/(${FOLDERS.join('|')})/|${ENTRY}`;
/** A path pattern matching the given folders of src/ (none when the list is empty). */
const folders = (names) => (names.length === 0 ? [] : [`^src/(${names.join('|')})/`]);

const layerRules = LEVELS.flatMap((level, i) =>
  level.map((folder) => {
    const above = [...level.filter((f) => f !== folder), ...LEVELS.slice(i + 1).flat()];
    return {
      name: `layer-${folder}`,
      comment: `src/${folder}/ may import only ${i === 0 ? 'itself' : `itself and ${LEVELS.slice(0, i).flat().join(', ')}`} (docs/architecture.md)`,
      severity: 'error',
      from: { path: `^src/${folder}/` },
      to: { path: [...folders(above), ENTRY, '^src/(io|cli|worker)/'] },
    };
  }),
);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No module reaches itself through its imports, type-only imports included (see the top of this file).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'pure-no-node',
      comment:
        'The pure layers and src/index.ts run in Node, Deno, a browser and a notebook: no Node built-ins (only src/io and src/cli use Node).',
      severity: 'error',
      from: { path: PURE },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'pure-no-io-cli',
      comment:
        'The pure layers and src/index.ts never import src/io, src/worker or src/cli: file reading is the io layer, on top; threads and the command line are above it.',
      severity: 'error',
      from: { path: PURE },
      to: { path: '^src/(io|cli|worker)/' },
    },
    {
      name: 'entry-not-imported',
      comment: 'src/index.ts, src/api/ and src/schema-json.ts are the top of the pure world: no module of src/ imports them.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: ENTRY },
    },
    {
      name: 'io-not-cli',
      comment: 'src/io (par-index/io) is a library entry point: it never imports the command line.',
      severity: 'error',
      from: { path: '^src/io/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'io-not-worker',
      comment:
        'src/io reads files for the jobs; src/worker (par-index/worker) runs those jobs in threads, on top of it: io never imports it.',
      severity: 'error',
      from: { path: '^src/io/' },
      to: { path: '^src/worker/' },
    },
    {
      name: 'worker-not-cli',
      comment: 'src/worker (par-index/worker) is a library entry point: it never imports the command line.',
      severity: 'error',
      from: { path: '^src/worker/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'criteria-checker-internal',
      comment:
        'src/criteria/check.ts is the semantic checker that loadCriteriaSet runs; layers above walk the tree with src/criteria/tree.ts. ' +
        'Only the criteria layer, and the entry points for criteriaProvenance (src/index.ts, src/cli), import it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(criteria|cli)/|^src/index[.]ts$' },
      to: { path: '^src/criteria/check[.]ts$' },
    },
    {
      name: 'no-optional-peers-in-pure',
      comment: 'exceljs, vega and vega-lite are optional peer dependencies, loaded only by src/io (io.missing-package when absent).',
      severity: 'error',
      from: { path: PURE },
      to: { path: '(^|/)node_modules/(exceljs|vega|vega-lite)/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (otherwise the rules above could not see where it goes).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Only the library (`depcruise src`): tests, scripts and benchmarks may import any layer.
    exclude: { path: '^(tests|scripts|bench|dist)/' },
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count (see the top of this file).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
