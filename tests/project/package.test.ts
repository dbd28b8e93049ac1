/**
 * The package as users meet it, in the suite's own time (the full check of the packed and installed tarball is
 * `npm run test:package`): the command started through a link of another name, the error class shared by the
 * ES module and CommonJS builds, optional packages named when missing, and the example read from its folder.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issue, ParIndexError } from '../../src/core/errors.js';
import { exampleFiles, readEvidence, readEvidenceSources } from '../../src/io/index.js';
import { loadOptional } from '../../src/io/optional.js';
import { main } from '../../src/cli/main.js';
import { root } from '../support/paths.js';

const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

describe('the command through a link of another name (node_modules/.bin/par-index, npx, a global install)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'par-index-bin-'));
  const link = join(dir, 'par-index');
  symlinkSync(join(root, 'dist/cli.js'), link);
  const broken = join(dir, 'broken.yaml');
  const example = readFileSync(exampleFiles().criteria, 'utf8');
  const tree = example.indexOf('tree:');
  const m = /^(\s+max: )(\d+)/m.exec(example.slice(tree))!;
  writeFileSync(broken, example.slice(0, tree) + example.slice(tree).replace(m[0], `${m[1]}${Number(m[2]) + 1}`));

  it('check on a broken file prints the problem and exits 1', () => {
    const r = spawnSync(link, ['check', broken, '--lang', 'en'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/criteria\.max-mismatch/);
  });

  it('check on the example exits 0, and --version prints the package version', () => {
    expect(spawnSync(link, ['check', exampleFiles().criteria], { encoding: 'utf8' }).status).toBe(0);
    const v = spawnSync(link, ['--version'], { encoding: 'utf8' });
    expect([v.status, v.stdout.trim()]).toEqual([0, version]);
  });
});

describe('ParIndexError across builds', () => {
  it('an error of the CommonJS io build is instanceof the ES module core class, and the other way', () => {
    const probe = `
      const cjsCore = require(${JSON.stringify(join(root, 'dist/index.cjs'))});
      const cjsIo = require(${JSON.stringify(join(root, 'dist/io.cjs'))});
      const grab = (f) => { try { f(); } catch (e) { return e; } };
      const fromCjs = grab(() => cjsIo.readCriteriaSet('missing.yaml'));
      Promise.all([import(${JSON.stringify(join(root, 'dist/index.js'))}), import(${JSON.stringify(join(root, 'dist/io.js'))})]).then(([esm, esmIo]) => {
        const fromEsm = grab(() => esmIo.readCriteriaSet('missing.yaml'));
        console.log(JSON.stringify([fromCjs instanceof cjsCore.ParIndexError, fromCjs instanceof esm.ParIndexError, fromEsm instanceof cjsCore.ParIndexError,
          fromCjs instanceof cjsIo.ParIndexError, esmIo.ParIndexError === esm.ParIndexError, new Error('x') instanceof esm.ParIndexError, fromCjs.name]));
      });`;
    expect(JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' }))).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      'ParIndexError',
    ]);
  });

  it('instanceof is false for look-alikes without the brand', () => {
    const fake = Object.assign(new Error('x'), { name: 'ParIndexError', issues: [] });
    expect(fake instanceof ParIndexError).toBe(false);
    expect(new ParIndexError([issue('io.read', 'error', [], 'a', 'b')]) instanceof ParIndexError).toBe(true);
    expect((null as unknown as object) instanceof ParIndexError).toBe(false);
  });

  it('an error that wraps another carries it as cause', () => {
    let caught: unknown;
    try {
      readEvidence(join(root, 'no-such-folder'));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ParIndexError);
    expect(((caught as Error).cause as NodeJS.ErrnoException).code).toBe('ENOENT');
  });

  it('the built class keeps its name (keepNames) in stack traces', () => {
    const require = createRequire(import.meta.url);
    const core = require(join(root, 'dist/index.cjs')) as { ParIndexError: new (i: unknown[]) => Error };
    const e = new core.ParIndexError([issue('io.read', 'error', [], 'boom', 'nổ')]);
    expect(core.ParIndexError.name).toBe('ParIndexError');
    expect(e.stack?.split('\n')[0]).toMatch(/^ParIndexError: /);
  });
});

describe('optional packages', () => {
  it('a missing package becomes io.missing-package naming the npm command; other failures pass through', async () => {
    const missing = Object.assign(new Error("Cannot find package 'vega' imported from /x/io.js"), { code: 'ERR_MODULE_NOT_FOUND' });
    const e = await loadOptional(['vega', 'vega-lite'], { en: 'Drawing charts', vi: 'Vẽ biểu đồ' }, () => Promise.reject(missing)).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ParIndexError);
    const i = (e as ParIndexError).issues[0]!;
    expect(i.code).toBe('io.missing-package');
    expect(i.message).toContain('npm install vega vega-lite');
    expect(i.messageVi).toContain('npm install vega vega-lite');
    expect((e as Error).cause).toBe(missing);
    const other = new TypeError('broken inside vega');
    await expect(loadOptional(['vega'], { en: 'x', vi: 'x' }, () => Promise.reject(other))).rejects.toBe(other);
  });

  it('the package declares them as optional peers, not dependencies, and publishes no source maps', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    for (const p of ['vega', 'vega-lite', 'exceljs']) {
      expect(pkg['dependencies']![p]).toBeUndefined();
      expect(pkg['peerDependenciesMeta']![p]).toEqual({ optional: true });
    }
    for (const p of ['mathjs', '@noble/hashes', '@stdlib/stats-base-dists-beta-quantile']) expect(pkg['dependencies']![p]).toBeUndefined();
    for (const range of Object.values(pkg['dependencies']!)) expect(range).toMatch(/^\^/);
    expect(execFileSync('ls', [join(root, 'dist')], { encoding: 'utf8' })).not.toMatch(/\.map\b/);
  });
});

describe('the example read as a folder', () => {
  it('readEvidenceSources reads the descriptors beside the evidence without being told how', async () => {
    const ev = await readEvidenceSources(exampleFiles().evidence);
    expect(ev.units.length).toBe(11);
  });

  it('readEvidence names a descriptor it cannot read and points to readEvidenceSources', () => {
    let caught: unknown;
    try {
      readEvidence(exampleFiles().evidence);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ParIndexError);
    const issues = (caught as ParIndexError).issues;
    expect(issues.map((i) => i.file?.split('/').pop()).sort()).toEqual([
      'ho-so-mot-cua-2021.source.yaml',
      'kiem-tra-cchc-2021.source.yaml',
      'sipas-2021.source.yaml',
    ]);
    for (const i of issues) {
      expect(i.message).toContain('readEvidenceSources');
      expect(i.messageVi).toContain('readEvidenceSources');
    }
  });

  it('par-index --version (and -V) print the version', async () => {
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(`ERR ${s}`), progress: process.stderr };
    expect(await main(['--version'], io)).toBe(0);
    expect(await main(['-V'], io)).toBe(0);
    expect(out).toEqual([version, version]);
  });
});
