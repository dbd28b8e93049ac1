/**
 * The CommonJS build finds the files bundled with the package: `require('par-index/io')` (dist/io.cjs) reads the
 * bundled working-day calendar (data/calendars/vn.yaml), which it locates from its own path. The test builds the
 * io entry with the library's options from tsup.config.ts (only the CommonJS format, no declarations) into a
 * temporary package — dist/ is left alone — and requires it from a process whose working directory is not the
 * repository, so a path that only resolves against the working directory cannot pass.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Options } from 'tsup';
import { afterAll, describe, expect, it } from 'vitest';
import config from '../../tsup.config.js';
import { root } from '../support/paths.js';

const pkg = mkdtempSync(join(tmpdir(), 'par-index-cjs-'));
afterAll(() => rmSync(pkg, { recursive: true, force: true }));

describe('the CommonJS build', () => {
  it('loads the bundled calendar with require()', async () => {
    mkdirSync(join(pkg, 'dist'));
    // The package's layout: dist/ beside data/, its dependencies in node_modules/.
    symlinkSync(join(root, 'data'), join(pkg, 'data'), 'dir');
    symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'), 'dir');
    // The second configuration builds the library's CommonJS files (the first, its ES modules; the third, the
    // command line). `config: false`: otherwise tsup also loads tsup.config.ts and runs every configuration.
    const library = (config as Options[]).find((c) => String(c.format) === 'cjs')!;
    expect(library.entry).toMatchObject({ io: 'src/io/index.ts' });
    await build({
      ...library,
      config: false,
      entry: { io: join(root, 'src/io/index.ts') },
      format: ['cjs'],
      dts: false,
      sourcemap: false,
      outDir: join(pkg, 'dist'),
      silent: true,
    });
    expect(existsSync(join(pkg, 'dist/io.cjs'))).toBe(true);
    const probe =
      "const io = require('./dist/io.cjs'); const c = io.readCalendar('vn'); console.log(JSON.stringify({ id: c.id, tet: c.isWorkingDay('2021-02-15'), monday: c.isWorkingDay('2021-03-01') }));";
    const out = execFileSync(process.execPath, ['-e', probe], { cwd: pkg, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ id: 'vn', tet: false, monday: true });
  }, 180_000);
});
