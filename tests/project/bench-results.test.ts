/** docs/performance.md records a benchmark run: its table must be the one bench/results.json holds. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { root } from '../support/paths.js';

describe('the recorded benchmark run', () => {
  it('docs/performance.md shows bench/results.json as bench/results-md.mjs prints it, line for line', () => {
    const table = execFileSync(process.execPath, [`${root}bench/results-md.mjs`], { encoding: 'utf8' }).trim();
    const doc = readFileSync(`${root}docs/performance.md`, 'utf8');
    const lines = table.split('\n');
    // A run's heading, then the table: its head, the rule under it and one row per result.
    const results = JSON.parse(readFileSync(`${root}bench/results.json`, 'utf8')) as { date: string; rows: unknown[] };
    expect(lines[0]).toContain(results.date);
    expect(lines.filter((l) => l.startsWith('| ')).length).toBe(results.rows.length + 2);
    expect(doc).toContain(table);
  });
});
