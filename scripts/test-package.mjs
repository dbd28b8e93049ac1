// `npm run test:package`: tests what is published. `npm pack` (which builds through `prepack`), install the
// tarball into a new project outside the repository, and check there what a user runs: the command through its
// bin link, ESM, CommonJS and TypeScript consumers, a browser bundle, the error class across entry points, the
// optional packages, and the install's weight. One line per check; the last line counts them.
//
// Headless Chromium runs the browser bundle when it is installed; without it the bundle runs in the browser-like
// node:vm fallback and the line says so (PAR_INDEX_REQUIRE_TOOLS=1, as in .ci/run, makes that a failure).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPage } from './browser-page.mjs';
import { ENTRIES, specifier } from './build/entries.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const repoRequire = createRequire(join(root, 'package.json'));
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
/** The most a fresh install of the package (without optional extras) may weigh on disk. */
const MAX_INSTALL_MB = 30;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const REQUIRE_TOOLS = process.env.PAR_INDEX_REQUIRE_TOOLS === '1';
const KEEP = process.argv.includes('--keep');

let passed = 0;
let failed = 0;
function check(name, fn) {
  try {
    const note = fn();
    passed++;
    console.log(`ok   ${name}${note ? ` — ${note}` : ''}`);
  } catch (e) {
    failed++;
    console.log(
      `FAIL ${name}\n     ${String(e?.stack ?? e)
        .split('\n')
        .slice(0, 6)
        .join('\n     ')}`,
    );
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}
function run(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
}

const work = mkdtempSync(join(tmpdir(), 'par-index-package-'));
const app = join(work, 'app');
mkdirSync(app);

// 1. Pack (prepack builds dist/) and install the tarball as a user would.
const packed = run('npm', ['pack', '--json', '--pack-destination', work], { cwd: root });
if (packed.status !== 0) {
  console.log(packed.stdout, packed.stderr);
  throw new Error('npm pack failed');
}
const packInfo = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')))[0];
const tarball = join(work, packInfo.filename);
writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'par-index-consumer', version: '1.0.0', private: true }, null, 2));
const installed = run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: app });
if (installed.status !== 0) {
  console.log(installed.stdout, installed.stderr);
  throw new Error('npm install of the tarball failed');
}
const pkgDir = join(app, 'node_modules', 'par-index');
const bin = join(app, 'node_modules', '.bin', 'par-index');

check('the tarball has no source maps and carries LICENSE, CHANGELOG.md, the example and the notices', () => {
  const files = packInfo.files.map((f) => f.path);
  assert(!files.some((f) => f.endsWith('.map')), `source maps packed: ${files.filter((f) => f.endsWith('.map')).join(', ')}`);
  for (const f of [
    'LICENSE',
    'CHANGELOG.md',
    'THIRD-PARTY-NOTICES.md',
    'dist/cli.js',
    'fixtures/van-lam-2021/lac-dao.yaml',
    'criteria/examples/van-lam-commune-2021.yaml',
    'data/calendars/vn.yaml',
  ]) {
    assert(files.includes(f), `${f} is not in the tarball`);
  }
  return `${files.length} files, ${(packInfo.size / 1024 / 1024).toFixed(1)} MB packed`;
});

check(`a fresh install weighs at most ${MAX_INSTALL_MB} MB on disk, without the optional packages`, () => {
  const kb = Number(execFileSync('du', ['-sk', join(app, 'node_modules')], { encoding: 'utf8' }).split('\t')[0]);
  const mb = kb / 1024;
  const present = ['vega', 'vega-lite', 'exceljs', 'mathjs', '@stdlib'].filter((p) => existsSync(join(app, 'node_modules', p)));
  assert(present.length === 0, `installed although optional or bundled: ${present.join(', ')}`);
  const count = readdirSync(join(app, 'node_modules')).filter((d) => !d.startsWith('.')).length;
  assert(mb <= MAX_INSTALL_MB, `node_modules is ${mb.toFixed(1)} MB`);
  return `node_modules ${mb.toFixed(1)} MB, ${count} top-level entries`;
});

// 2. The command, through its bin link.
const broken = join(work, 'broken.yaml');
const example = readFileSync(join(pkgDir, 'criteria/examples/van-lam-commune-2021.yaml'), 'utf8');
// The first field's maximum no longer matches its criteria: `check` must find it.
const firstMax = /^(\s+max: )(\d+)/m.exec(example.slice(example.indexOf('tree:')));
writeFileSync(
  broken,
  example.slice(0, example.indexOf('tree:')) +
    example.slice(example.indexOf('tree:')).replace(firstMax[0], `${firstMax[1]}${Number(firstMax[2]) + 1}`),
);

check('node_modules/.bin/par-index check <a broken file> exits 1 and prints the problem', () => {
  const r = run(bin, ['check', broken, '--lang', 'en'], { cwd: app });
  assert(r.status === 1, `exit ${r.status}; stdout: ${r.stdout.slice(0, 300)}; stderr: ${r.stderr.slice(0, 300)}`);
  assert(/criteria\.max-mismatch/.test(r.stdout + r.stderr), `no max-mismatch in: ${r.stdout.slice(0, 400)}`);
  return 'exit 1, criteria.max-mismatch';
});

check('par-index check <a valid file> exits 0', () => {
  const r = run(bin, ['check', join(pkgDir, 'criteria/examples/van-lam-commune-2021.yaml')], { cwd: app });
  assert(r.status === 0, `exit ${r.status}: ${r.stdout.slice(0, 300)} ${r.stderr.slice(0, 300)}`);
});

check('par-index --version prints the version', () => {
  const r = run(bin, ['--version'], { cwd: app });
  assert(r.status === 0 && r.stdout.trim() === version, `exit ${r.status}, printed "${r.stdout.trim()}"`);
  return r.stdout.trim();
});

check('par-index demo runs from the installed package', () => {
  const r = run(bin, ['demo', '--lang', 'en', '--out', join(work, 'demo.md')], { cwd: app });
  assert(r.status === 0, `exit ${r.status}: ${r.stderr.slice(0, 500)}`);
  assert(r.stdout.includes('Như Quỳnh') && r.stdout.includes('Lạc Hồng'), 'the ranked table lacks the communes');
  assert(readFileSync(join(work, 'demo.md'), 'utf8').includes('Lạc Đạo'), 'the report lacks a commune');
});

check('a command that needs an optional package names it (report --format html without vega)', () => {
  const r = run(
    bin,
    [
      'report',
      join(pkgDir, 'criteria/examples/van-lam-commune-2021.yaml'),
      join(pkgDir, 'fixtures/van-lam-2021'),
      '--format',
      'html',
      '--out',
      join(work, 'r.html'),
      '--lang',
      'en',
    ],
    { cwd: app },
  );
  assert(r.status === 2, `exit ${r.status}: ${r.stderr.slice(0, 400)}`);
  assert(/io\.missing-package/.test(r.stderr) && /npm install vega vega-lite/.test(r.stderr), r.stderr.slice(0, 400));
  assert(!/\n\s+at /.test(r.stderr), 'a stack trace was printed');
});

// 3. Consumers: ESM, CommonJS, TypeScript.
const SCORE_ESM = `
import { evaluate, rank, renderTable, ParIndexError } from 'par-index';
import { exampleFiles, readCriteriaSet, readEvidenceSources, ParIndexError as IoError } from 'par-index/io';
const { criteria, evidence } = exampleFiles();
const set = readCriteriaSet(criteria);
const ranking = rank(evaluate(set, await readEvidenceSources(evidence, { set })), set.ranking);
console.log(JSON.stringify({ n: ranking.rows.length, first: ranking.rows[0].card.unit.id, total: String(ranking.rows[0].card.total), same: IoError === ParIndexError, table: renderTable(ranking, 'vi').includes('Như Quỳnh') }));
`;
const SCORE_CJS = `
const { evaluate, rank, renderTable, ParIndexError } = require('par-index');
const { exampleFiles, readCriteriaSet, readEvidenceSources } = require('par-index/io');
(async () => {
  const { criteria, evidence } = exampleFiles();
  const set = readCriteriaSet(criteria);
  const ranking = rank(evaluate(set, await readEvidenceSources(evidence, { set })), set.ranking);
  console.log(JSON.stringify({ n: ranking.rows.length, first: ranking.rows[0].card.unit.id, total: String(ranking.rows[0].card.total), table: renderTable(ranking, 'vi').includes('Như Quỳnh') }));
})();
`;
// What the repository's own build says, to compare the consumers' results with.
const expected = JSON.parse(
  execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      SCORE_ESM.replaceAll("'par-index/io'", JSON.stringify(join(root, 'dist/io.js'))).replaceAll(
        "'par-index'",
        JSON.stringify(join(root, 'dist/index.js')),
      ),
    ],
    { cwd: root, encoding: 'utf8' },
  ),
);

check('an ES module consumer loads the example and scores it', () => {
  writeFileSync(join(app, 'score.mjs'), SCORE_ESM);
  const out = JSON.parse(execFileSync(process.execPath, ['score.mjs'], { cwd: app, encoding: 'utf8' }));
  assert(out.n === 11 && out.table, JSON.stringify(out));
  assert(out.first === expected.first && out.total === expected.total, `${JSON.stringify(out)} vs ${JSON.stringify(expected)}`);
  assert(out.same, "par-index/io's ParIndexError is not par-index's");
  return `${out.first} first with ${out.total}`;
});

check('a CommonJS consumer loads the example and scores it', () => {
  writeFileSync(join(app, 'score.cjs'), SCORE_CJS);
  const out = JSON.parse(execFileSync(process.execPath, ['score.cjs'], { cwd: app, encoding: 'utf8' }));
  assert(out.n === 11 && out.table && out.first === expected.first && out.total === expected.total, JSON.stringify(out));
});

check("an error thrown by par-index/io is instanceof par-index's ParIndexError (CommonJS, ESM, and across the two)", () => {
  const probe = `
    const core = require('par-index'); const io = require('par-index/io');
    const catchIt = (f) => { try { f(); } catch (e) { return e; } };
    const e = catchIt(() => io.readCriteriaSet('does-not-exist.yaml'));
    import('par-index').then((esm) => import('par-index/io').then((esmIo) => {
      const e2 = catchIt(() => esmIo.readCriteriaSet('does-not-exist.yaml'));
      console.log(JSON.stringify({
        cjs: e instanceof core.ParIndexError, reexported: typeof io.ParIndexError === 'function' && e instanceof io.ParIndexError && e2 instanceof io.ParIndexError, name: e.name, code: e.issues[0].code,
        esmFromCjs: e instanceof esm.ParIndexError, cjsFromEsm: e2 instanceof core.ParIndexError, plainError: new Error('x') instanceof core.ParIndexError,
      }));
    }));`;
  const out = JSON.parse(execFileSync(process.execPath, ['-e', probe], { cwd: app, encoding: 'utf8' }));
  assert(
    out.cjs &&
      out.reexported &&
      out.esmFromCjs &&
      out.cjsFromEsm &&
      !out.plainError &&
      out.name === 'ParIndexError' &&
      out.code === 'io.read',
    JSON.stringify(out),
  );
});

const tsc = join(root, 'node_modules/typescript/bin/tsc');
for (const [resolution, module] of [
  ['node16', 'node16'],
  ['bundler', 'esnext'],
]) {
  check(`a TypeScript consumer (moduleResolution ${resolution}) type-checks against the declarations and runs`, () => {
    const dir = join(app, `ts-${resolution}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'main.mts'),
      `import type { ScoreCard } from 'par-index';\n${SCORE_ESM}\nconst typed: readonly ScoreCard[] = [];\nvoid typed;\nexport {};\n`,
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'es2022',
          module,
          moduleResolution: resolution,
          strict: true,
          outDir: 'out',
          types: [],
          skipLibCheck: false,
          lib: ['es2022', 'dom'],
        },
        files: ['main.mts'],
      }),
    );
    const r = run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir });
    assert(r.status === 0, `tsc: ${r.stdout.slice(0, 1500)}`);
    const out = JSON.parse(execFileSync(process.execPath, [join(dir, 'out/main.mjs')], { cwd: app, encoding: 'utf8' }));
    assert(out.n === 11 && out.first === expected.first, JSON.stringify(out));
  });
}

check(`every entry point (${ENTRIES.map(specifier).join(', ')}) loads by its name: ESM, CommonJS, TypeScript node16`, () => {
  const specs = ENTRIES.map(specifier);
  const esm = JSON.parse(
    execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const specs = ${JSON.stringify(specs)}; const ms = await Promise.all(specs.map((s) => import(s))); console.log(JSON.stringify(ms.map((m) => Object.keys(m).sort())));`,
      ],
      { cwd: app, encoding: 'utf8' },
    ),
  );
  const cjs = JSON.parse(
    execFileSync(
      process.execPath,
      ['-e', `console.log(JSON.stringify(${JSON.stringify(specs)}.map((s) => Object.keys(require(s)).sort())))`],
      { cwd: app, encoding: 'utf8' },
    ),
  );
  specs.forEach((s, i) => {
    assert(esm[i].length > 0, `${s} exports nothing (ESM)`);
    assert(JSON.stringify(esm[i]) === JSON.stringify(cjs[i]), `${s}: ESM and CommonJS export different names`);
  });
  const dir = join(app, 'ts-entries');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'main.mts'),
    `${specs.map((s, i) => `import * as m${i} from '${s}';`).join('\n')}\nexport const all = [${specs.map((_, i) => `m${i}`).join(', ')}];\n`,
  );
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        module: 'node16',
        moduleResolution: 'node16',
        strict: true,
        noEmit: true,
        types: [],
        skipLibCheck: false,
        lib: ['es2022', 'dom'],
      },
      files: ['main.mts'],
    }),
  );
  const r = run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir });
  assert(r.status === 0, `tsc: ${r.stdout.slice(0, 1500)}`);
  return specs.map((s, i) => `${s} ${esm[i].length}`).join(', ');
});

// 4. The installed core, bundled for a browser.
check('esbuild bundles the installed par-index for platform browser with no Node built-in, and it scores the example in a page', () => {
  const esbuild = repoRequire('esbuild');
  writeFileSync(join(app, 'browser-entry.mjs'), "export * from 'par-index';\n");
  const res = esbuild.buildSync({
    entryPoints: [join(app, 'browser-entry.mjs')],
    absWorkingDir: app,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'ParIndex',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(res.metafile.inputs);
  const builtins = inputs.filter((f) => f.startsWith('node:') || /^(fs|path|url|util|tty|net|os|crypto)$/.test(f));
  assert(builtins.length === 0, `Node built-ins in the bundle: ${builtins.join(', ')}`);
  assert(
    inputs.some((f) => f.includes('node_modules/par-index/dist/')),
    'the bundle did not take the installed package',
  );
  const code = res.outputFiles[0].text;
  // The page gets the criteria set and the evidence documents as text: files are par-index/io's job.
  const evDir = join(pkgDir, 'fixtures/van-lam-2021');
  const evidence = readdirSync(evDir)
    .filter((f) => /\.yaml$/.test(f) && !f.endsWith('.source.yaml'))
    .sort()
    .map((f) => ({ data: readFileSync(join(evDir, f), 'utf8'), file: f }));
  const input = { criteria: example, evidence };
  const pageScript = `(function(){var out;try{var P=ParIndex;var i=JSON.parse(document.getElementById('input').textContent);
    var set=P.loadCriteriaSet(i.criteria,{file:'van-lam-commune-2021.yaml'});var ev=P.loadEvidence(i.evidence);
    var r=P.rank(P.evaluate(set,ev),set.ranking);out={ok:true,ua:navigator.userAgent,n:r.rows.length,hash:ev.hash,hasProcess:typeof process!=='undefined'};}
    catch(e){out={ok:false,error:String(e&&e.stack||e)};}
    var b=new TextEncoder().encode(JSON.stringify(out));var s='';for(var k=0;k<b.length;k++)s+=String.fromCharCode(b[k]);document.getElementById('out').textContent=btoa(s);})();`;
  const chromium = existsSync(CHROMIUM);
  const explicit = process.env.PAR_INDEX_BROWSER;
  const mode = explicit === 'vm' || explicit === 'chromium' ? explicit : chromium || REQUIRE_TOOLS ? 'chromium' : 'vm';
  if (mode === 'chromium' && !chromium)
    throw new Error(`Chromium is not installed at ${CHROMIUM} and PAR_INDEX_REQUIRE_TOOLS=1 requires it`);
  const out = runPage({ code, pageScript, input, mode, chromium: CHROMIUM });
  assert(out.ok, out.error);
  // The same evidence, hashed in the page, as in Node from the same documents.
  const nodeHash = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', `import { loadEvidence } from 'par-index'; console.log(loadEvidence(${JSON.stringify(evidence)}).hash)`],
    { cwd: app, encoding: 'utf8' },
  ).trim();
  assert(out.n === 11 && out.hash === nodeHash && out.hasProcess === false, JSON.stringify(out));
  return mode === 'chromium'
    ? `ran in ${out.ua.match(/HeadlessChrome\/[\d.]+|Chrome\/[\d.]+/)?.[0] ?? out.ua}`
    : 'FALLBACK: ran in the node:vm browser-like context (Chromium is not installed)';
});

console.log(`${passed} passed, ${failed} failed`);
if (!KEEP) rmSync(work, { recursive: true, force: true });
else console.log(`kept: ${work}`);
process.exitCode = failed === 0 ? 0 : 1;
