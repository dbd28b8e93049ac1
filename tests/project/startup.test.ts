/**
 * What loading the package costs: the build bundles the one part of mathjs it uses (its parser) instead of
 * importing mathjs's entry point, which builds every mathjs function when loaded (about 0.4 s); and the io layer
 * loads exceljs (about 0.25 s) only when an XLSX file is read or written, so a run on CSV exports never loads it.
 * The test builds the library with its options from tsup.config.ts (ESM and CommonJS, no declarations) into a
 * temporary package — dist/ is left alone — and checks both in fresh processes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Options } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from '../../tsup.config.js';
import { criteriaDoc } from '../support/support.js';
// @ts-expect-error: a plain ES module script without declarations.
import { BUNDLED, noticesText } from '../../scripts/third-party-notices.mjs';
import { root } from '../support/paths.js';

const pkg = mkdtempSync(join(tmpdir(), 'par-index-startup-'));
afterAll(() => rmSync(pkg, { recursive: true, force: true }));

beforeAll(async () => {
  mkdirSync(join(pkg, 'dist'));
  symlinkSync(join(root, 'data'), join(pkg, 'data'), 'dir');
  symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'), 'dir');
  // A package.json of type module, as the package's own: dist/*.js are ES modules.
  execFileSync(process.execPath, ['-e', "require('fs').writeFileSync('package.json', JSON.stringify({ type: 'module' }))"], { cwd: pkg });
  // The library's ES module and CommonJS configurations (the last one builds the command line).
  for (const library of (config as Options[]).filter((c) => c.entry && 'index' in (c.entry as Record<string, string>))) {
    await build({ ...library, config: false, dts: false, sourcemap: false, outDir: join(pkg, 'dist'), silent: true, clean: false });
  }
}, 180_000);

/** The built JavaScript files (ESM and CommonJS) and their text. */
function builtFiles(): { name: string; text: string }[] {
  return readdirSync(join(pkg, 'dist'))
    .filter((f) => /\.c?js$/.test(f))
    .map((name) => ({ name, text: readFileSync(join(pkg, 'dist', name), 'utf8') }));
}

/** Whether exceljs is in the CommonJS module cache (it is a CommonJS package: loading it, even by import(), fills it). */
const EXCEL_LOADED = "Object.keys(require('module')._cache).some((k) => k.includes('/node_modules/exceljs/'))";

describe('loading the package', () => {
  it('the built files never import mathjs (its parser is bundled) nor exceljs up front', () => {
    const files = builtFiles();
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const { name, text } of files) {
      expect(text, name).not.toMatch(/(from|require\()\s*["']mathjs/);
      expect(text, name).not.toMatch(/(from|require\()\s*["']exceljs/);
    }
    // The parser is there, bundled.
    expect(files.some(({ text }) => text.includes('node_modules/mathjs/lib/esm/expression/parse.js'))).toBe(true);
  });

  it('every package whose code the build bundles is in THIRD-PARTY-NOTICES.md, as the script writes it', () => {
    const bundled = new Set<string>();
    for (const { text } of builtFiles()) {
      for (const m of text.matchAll(/^\/\/ (?:\S*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)) bundled.add(m[1]!);
    }
    const listed = (BUNDLED as [string, string][]).map(([name]) => name);
    expect(bundled.has('mathjs')).toBe(true);
    expect([...bundled].filter((b) => !listed.includes(b))).toEqual([]);
    expect(readFileSync(join(root, 'THIRD-PARTY-NOTICES.md'), 'utf8')).toBe(noticesText());
  });

  it('par-index/io (ESM) loads exceljs only when an XLSX file is written or read', () => {
    const probe = `
      import { createRequire } from 'node:module';
      const require = createRequire(import.meta.url);
      const io = await import('./dist/io.js');
      const before = ${EXCEL_LOADED};
      const cal = io.readCalendar('vn');
      const afterCsv = ${EXCEL_LOADED};
      const path = ${JSON.stringify(join(pkg, 't.xlsx'))};
      await io.writeOfficeTablesXlsx(path, [{ key: 't', name: 'T', title: 'T', header: ['ma', 'so'], decimals: [null, 0], rows: [['a', 1]] }]);
      const t = await io.openTable(path);
      const rows = [];
      for await (const r of t.rows) rows.push(r.cells);
      console.log(JSON.stringify({ before, afterCsv, after: ${EXCEL_LOADED}, tet: cal.isWorkingDay('2021-02-15'), last: rows.at(-1) }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: pkg, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ before: false, afterCsv: false, after: true, tet: false, last: ['a', 1] });
  });

  it('par-index/io (CommonJS) does the same', () => {
    const probe = `
      const io = require('./dist/io.cjs');
      const before = ${EXCEL_LOADED};
      const path = ${JSON.stringify(join(pkg, 'c.xlsx'))};
      io.writeOfficeTablesXlsx(path, [{ key: 't', name: 'T', title: 'T', header: ['ma'], decimals: [null], rows: [['b']] }]).then(async () => {
        const t = await io.openTable(path);
        const rows = [];
        for await (const r of t.rows) rows.push(r.cells);
        console.log(JSON.stringify({ before, after: ${EXCEL_LOADED}, last: rows.at(-1) }));
      });`;
    const out = execFileSync(process.execPath, ['-e', probe], { cwd: pkg, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ before: false, after: true, last: ['b'] });
  });

  it('the core formula compiler still parses and refuses as before when built', () => {
    const set = (expr: string) =>
      criteriaDoc([
        {
          id: '1',
          title: 'F',
          max: 1,
          children: [
            { id: '1.1', title: 'T', max: 1, rule: { kind: 'formula', inputs: { a: 'onTime', b: 'resolved' }, expr, clamp: true } },
          ],
        },
      ]);
    const probe = `
      const core = await import('./dist/index.js');
      const ok = core.checkCriteriaSet(${JSON.stringify(set('min(max, a / b * max)'))});
      const bad = core.checkCriteriaSet(${JSON.stringify(set('import({})'))});
      console.log(JSON.stringify({ ok: ok.ok, bad: bad.issues.filter((i) => i.severity === 'error').map((i) => i.code) }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: pkg, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ ok: true, bad: ['criteria.formula-forbidden'] });
  });
});
