/**
 * The API reference builds without warnings: `npm run docs` (TypeDoc, with typedoc.json and its zod plugin)
 * reports no undocumented name, no name the API uses without exporting it, no broken link.
 *
 * PENDING lists the files whose warnings are still open because they are being rewritten by other work (the
 * engine, the dossier measures, the table and source readers): their warnings are tolerated, up to the number
 * they have today, and no file may join the list. When PENDING is empty, set `treatWarningsAsErrors: true` in
 * typedoc.json (the test then also checks that it is set).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { root } from './report-example.js';

const run = promisify(execFile);

/** File → most warnings tolerated there, until the work on it lands. */
const PENDING: Readonly<Record<string, number>> = {
  'src/io/survey-source.ts': 14,
  'src/measures/records.ts': 10,
  'src/measures/dossier-summary.ts': 8,
  'src/measures/dossier-source.ts': 8,
  'src/measures/aggregates.ts': 4,
  'src/io/dossier-source.ts': 2,
  // Table, Cell and TableRow: used by the API, not exported (they need doc comments with examples first).
  'src/core/table.ts': 3,
};

/** The file a TypeDoc warning is about, or the whole line when it names none. */
function fileOf(warning: string): string {
  return /defined in par-index\/([^,]+),/.exec(warning)?.[1] ?? /^\.\/([^:]+):\d+/.exec(warning)?.[1] ?? warning;
}

describe('npm run docs', () => {
  it('TypeDoc warns about nothing outside the files still being rewritten, and no more there than today', { timeout: 240_000 }, async () => {
    const r = await run(join(root, 'node_modules/.bin/typedoc'), ['--emit', 'none'], { cwd: root, timeout: 230_000, maxBuffer: 64 * 1024 * 1024 }).catch((e: { stdout: string; stderr: string }) => e);
    // eslint-disable-next-line no-control-regex
    const lines = `${r.stdout}\n${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
    const warnings = lines.filter((l) => l.includes('[warning]') && !/Found \d+ errors and \d+ warnings/.test(l));
    expect(lines.filter((l) => l.includes('[error]'))).toEqual([]);
    const counts: Record<string, number> = {};
    for (const w of warnings) counts[fileOf(w)] = (counts[fileOf(w)] ?? 0) + 1;
    const unexpected = warnings.filter((w) => PENDING[fileOf(w)] === undefined);
    expect(unexpected).toEqual([]);
    for (const [file, n] of Object.entries(counts)) expect(n, `${file}: ${n} warnings, at most ${PENDING[file]} tolerated`).toBeLessThanOrEqual(PENDING[file]!);
    if (Object.keys(PENDING).length === 0) expect(JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')).treatWarningsAsErrors).toBe(true);
  });
});
