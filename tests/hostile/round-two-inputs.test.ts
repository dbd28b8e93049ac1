/**
 * Hostile input, round two (issue 21, items 1–4): small files that used to crash the library — a flood of
 * problems that overflowed the stack, a long `source` quoted into every trace input, hostile XLSX zips, and
 * evidence folders holding dangling links, editor lock files and links out of the folder.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { MAX_REPORTED_ISSUES, ParIndexError } from '../../src/core/errors.js';
import { loadEvidence } from '../../src/evidence/load.js';
import { refused } from '../support/hostile-support.js';

/** Every .ts file under a folder. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('bounded issue lists (issue 21, item 3)', () => {
  it('a flood of 200 000 bad units reports the first issues and one issue counting the rest, without overflowing the stack', () => {
    // 400 KB of `units: [1,1,…]`: each entry is a number where a unit object is expected.
    const text = `format: par-index/evidence@1\nyear: 2021\nsource: x\nunits: [${Array(200_000).fill('1').join(',')}]\n`;
    expect(text.length).toBeLessThan(410_000);
    const issues = refused(() => loadEvidence({ data: text, file: 'flood.yaml' }), 'flood.yaml');
    expect(issues).toHaveLength(MAX_REPORTED_ISSUES + 1);
    expect(issues[0]!.path).toEqual(['units', 0]);
    expect(issues[MAX_REPORTED_ISSUES - 1]!.path).toEqual(['units', MAX_REPORTED_ISSUES - 1]);
    const last = issues[MAX_REPORTED_ISSUES]!;
    expect(last.code).toBe('issues.truncated');
    expect(last.message).toContain(`${200_000 - MAX_REPORTED_ISSUES} more`);
    expect(last.messageVi).toContain(`${200_000 - MAX_REPORTED_ISSUES}`);
  });

  it('a ParIndexError keeps at most the first issues and counts the rest', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({
      code: 'schema.invalid-value' as const,
      severity: 'error' as const,
      path: [i],
      message: `bad ${i}`,
      messageVi: `sai ${i}`,
      file: 'x.yaml',
    }));
    const e = new ParIndexError(many);
    expect(e.issues).toHaveLength(MAX_REPORTED_ISSUES + 1);
    expect(e.issues.at(-1)).toMatchObject({ code: 'issues.truncated', file: 'x.yaml' });
    expect(e.message).toContain('(+4999 more)');
  });

  it('no source file spreads a list into a call (push(...x), Math.max(...x)): a long list overflows the stack', () => {
    const offenders: string[] = [];
    for (const f of sourceFiles('src')) {
      const sf = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (n: ts.Node): void => {
        if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments?.some(ts.isSpreadElement)) {
          const text = n.getText(sf);
          // Forwarding a function's own rest parameters (console-style arguments) is bounded by its caller.
          if (!(f.endsWith('render-svg.ts') && text === 'warn(...args)'))
            offenders.push(`${f}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}: ${text.slice(0, 80)}`);
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    expect(offenders).toEqual([]);
  });
});
