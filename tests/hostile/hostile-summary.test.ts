/**
 * The summary of what the hostile-input tests try (issue 9), printed by the test suite and kept in README.md.
 * The counts come from the constants the fuzz tests run with (each fuzz test checks that its property ran exactly
 * that many times) and from the size the formula test checks its escape corpus has.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORPUS_CASES, FORMULA_CORPUS_SIZE, FUZZ_RUNS, ROUND_TWO_CASES } from '../support/hostile-support.js';

/** The Markdown table of fuzz runs per loader and of the escape corpus. */
export function hostileTable(): string {
  const rows = Object.entries(FUZZ_RUNS).map(([name, n]) => `| ${name} | ${n} |`);
  const total = Object.values(FUZZ_RUNS).reduce((a, b) => a + b, 0);
  return [
    '| What was tried (fuzz property or corpus) | Runs / cases |',
    '|---|---:|',
    ...rows,
    `| **all fuzz properties** | **${total}** |`,
    `| formula sandbox escape corpus (tests/formula/formula.test.ts) | ${FORMULA_CORPUS_SIZE} |`,
    ...Object.entries(ROUND_TWO_CASES).map(([name, n]) => `| ${name} (tests/hostile/round-two-inputs.test.ts) | ${n} |`),
    ...Object.entries(CORPUS_CASES).map(([name, n]) => `| ${name} | ${n} |`),
  ].join('\n');
}

describe('hostile-input summary', () => {
  it('prints the table and README.md shows the same one', () => {
    const table = hostileTable();
    console.log(`Hostile-input tests (issue 9):\n${table}`);
    const readme = readFileSync('README.md', 'utf8');
    const m = /<!-- hostile-summary:start -->\n([\s\S]*?)\n<!-- hostile-summary:end -->/.exec(readme);
    expect(m, 'README.md has the hostile-summary markers').not.toBeNull();
    expect(m![1]).toBe(table);
  });

  it('counts every fuzz property at least once and the corpus as the formula test has it', () => {
    for (const [name, n] of Object.entries(FUZZ_RUNS)) expect(n, name).toBeGreaterThan(0);
    const formulaTest = readFileSync('tests/formula/formula.test.ts', 'utf8');
    expect(formulaTest).toContain('expect(corpus.length).toBe(FORMULA_CORPUS_SIZE)');
    // Every fuzz name is used by a fuzz test file.
    const sources = ['fuzz-loaders', 'fuzz-tables', 'hostile-values', 'determinism']
      .map((f) => readFileSync(`tests/hostile/${f}.test.ts`, 'utf8'))
      .join('\n');
    for (const name of Object.keys(FUZZ_RUNS)) expect(sources, name).toContain(`'${name}'`);
    // Round two's cases are the tests of its file.
    const roundTwo = readFileSync('tests/hostile/round-two-inputs.test.ts', 'utf8').match(/^\s+it\(/gm) ?? [];
    expect(roundTwo.length).toBe(Object.values(ROUND_TWO_CASES).reduce((a, b) => a + b, 0));
    // Every corpus is checked by the file it names.
    for (const name of Object.keys(CORPUS_CASES)) {
      const file = /\((tests\/[^)]+)\)$/.exec(name)![1]!;
      expect(readFileSync(file, 'utf8'), name).toContain(`CORPUS_CASES['${name}']`);
    }
  });
});
