/**
 * The mutation groups (scripts/mutation-groups.mjs, docs/testing.md) cut some files by line ranges. A change to
 * such a file moves its lines: this checks that the ranges still cover every line of the file once, so that no
 * code silently drops out of mutation testing and none is mutated by two groups.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GROUPS } from '../../scripts/mutation-groups.mjs';
import { root } from '../support/paths.js';

/** Every range a group gives, by file: [group, first line, last line]. */
function rangesByFile(): Map<string, [string, number, number][]> {
  const out = new Map<string, [string, number, number][]>();
  for (const [name, g] of Object.entries(GROUPS)) {
    for (const m of g.mutate) {
      const r = /^(.*):(\d+)-(\d+)$/.exec(m);
      if (!r) continue;
      const list = out.get(r[1]!) ?? [];
      list.push([name, Number(r[2]), Number(r[3])]);
      out.set(r[1]!, list);
    }
  }
  return out;
}

describe('mutation groups cut by line ranges', () => {
  const byFile = rangesByFile();

  it('exist for the files the groups split', () => {
    expect([...byFile.keys()].sort()).toEqual([
      'src/core/exact.ts',
      'src/criteria/check-conditions.ts',
      'src/criteria/check.ts',
      'src/engine/conditions.ts',
      'src/engine/evaluate.ts',
      'src/ranking/rank.ts',
      'src/rules/common.ts',
      'src/rules/relative.ts',
      'src/sipas/tallier.ts',
      'src/verify/table-checks.ts',
    ]);
  });

  it.each([...byFile.keys()])('%s: every line in exactly one group', (file) => {
    const lines = readFileSync(`${root}${file}`, 'utf8').replace(/\n$/, '').split('\n').length;
    const ranges = byFile.get(file)!.sort((a, b) => a[1] - b[1]);
    let next = 1;
    const gaps: string[] = [];
    for (const [group, from, to] of ranges) {
      if (from !== next)
        gaps.push(from > next ? `lines ${next}-${from - 1} in no group` : `${group} starts at ${from}, inside the range before`);
      next = to + 1;
    }
    // The last range may run past the end (room for a few more lines), but not end before it.
    if (next <= lines) gaps.push(`lines ${next}-${lines} in no group`);
    expect(gaps).toEqual([]);
  });
});
