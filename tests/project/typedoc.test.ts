/**
 * The API reference builds without warnings: `npm run docs` (TypeDoc, with typedoc.json and its zod plugin)
 * reports no undocumented name, no name the API uses without exporting it, no broken link. typedoc.json sets
 * `treatWarningsAsErrors: true`, so a warning also fails `npm run docs`; the test checks that it stays set.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { root } from '../support/paths.js';

const run = promisify(execFile);

describe('npm run docs', () => {
  it('TypeDoc warns about nothing, and typedoc.json treats warnings as errors', { timeout: 240_000 }, async () => {
    expect(JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')).treatWarningsAsErrors).toBe(true);
    const r: { stdout: string; stderr: string; code?: number | string } = await run(
      join(root, 'node_modules/.bin/typedoc'),
      ['--emit', 'none'],
      { cwd: root, timeout: 230_000, maxBuffer: 64 * 1024 * 1024 },
    ).catch((e: { stdout: string; stderr: string; code?: number | string }) => e);
    // eslint-disable-next-line no-control-regex
    const lines = `${r.stdout}\n${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
    expect(lines.filter((l) => l.includes('[error]'))).toEqual([]);
    expect(lines.filter((l) => l.includes('[warning]'))).toEqual([]);
    // And it ran to the end: a TypeDoc that could not start prints no warning either.
    expect(r.code, r.stderr).toBeUndefined();
  });
});
