/**
 * Hostile input, round two (issue 21, items 1–4): small files that used to crash the library — a flood of
 * problems that overflowed the stack, a long `source` quoted into every trace input, hostile XLSX zips, and
 * evidence folders holding dangling links, editor lock files and links out of the folder.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_REPORTED_ISSUES, ParIndexError, type Issue } from '../../src/core/errors.js';
import { loadEvidence } from '../../src/evidence/load.js';
import { readEvidence } from '../../src/io/evidence-files.js';
import { readEvidenceSources } from '../../src/io/sources.js';
import { main } from '../../src/cli/main.js';
import { refused } from '../support/hostile-support.js';
import { criteriaDoc } from '../support/support.js';

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

describe('evidence folders (issue 21, item 4)', () => {
  const evidenceYaml = (id: string) =>
    `format: par-index/evidence@1\nyear: 2021\nsource: Báo cáo\nunits:\n  - { id: ${id}, name: Xã ${id} }\n`;

  const made: string[] = [];
  afterAll(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });

  /** A folder with one good file, a dangling link, editor lock files, and a link to a file outside it. */
  function hostileFolder(): { dir: string; outside: string } {
    const base = mkdtempSync(join(tmpdir(), 'par-folder-'));
    made.push(base);
    const dir = join(base, 'evidence');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.yaml'), evidenceYaml('a'));
    // An editor's lock file is a dangling link (emacs: .#x.yaml -> user@host.1234).
    symlinkSync('user@host.1234:1700000000', join(dir, '.#a.yaml'));
    symlinkSync(join(dir, 'gone.yaml'), join(dir, 'dangling.yaml'));
    writeFileSync(join(dir, '~$book.xlsx'), 'lock');
    writeFileSync(join(dir, 'a.yaml~'), evidenceYaml('backup'));
    writeFileSync(join(dir, '.a.yaml.swp'), 'swap');
    writeFileSync(join(dir, '#a.yaml#'), evidenceYaml('autosave'));
    const outside = join(base, 'secret.yaml');
    writeFileSync(outside, evidenceYaml('outside'));
    symlinkSync(outside, join(dir, 'z-link.yaml'));
    return { dir, outside };
  }

  it('readEvidenceSources skips dangling links and lock files with a warning, and does not follow a link out of the folder', async () => {
    const { dir } = hostileFolder();
    const warnings: Issue[] = [];
    const ev = await readEvidenceSources([dir], { onWarning: (w) => warnings.push(w) });
    expect(ev.units.map((u) => u.id)).toEqual(['a']);
    expect(warnings.every((w) => w.code === 'io.skipped-file' && w.severity === 'warning')).toBe(true);
    const skipped = warnings.map((w) => w.file!.split('/').at(-1)).sort();
    expect(skipped).toEqual(['#a.yaml#', '.#a.yaml', '.a.yaml.swp', 'a.yaml~', 'dangling.yaml', 'z-link.yaml', '~$book.xlsx']);
    const link = warnings.find((w) => w.file!.endsWith('z-link.yaml'))!;
    expect(link.message).toContain('outside the folder');
    expect(link.message).toContain('followLinks');
    expect(link.messageVi.length).toBeGreaterThan(0);
  });

  it('follows a link out of the folder when followLinks allows it', async () => {
    const { dir } = hostileFolder();
    const ev = await readEvidenceSources([dir], { followLinks: true });
    expect(ev.units.map((u) => u.id).sort()).toEqual(['a', 'outside']);
  });

  it('readEvidence (synchronous) walks folders the same way', () => {
    const { dir } = hostileFolder();
    const warnings: Issue[] = [];
    expect(readEvidence(dir, { onWarning: (w) => warnings.push(w) }).units.map((u) => u.id)).toEqual(['a']);
    expect(warnings).toHaveLength(7);
    expect(
      readEvidence(dir, { followLinks: true })
        .units.map((u) => u.id)
        .sort(),
    ).toEqual(['a', 'outside']);
  });

  it('score reads the folder, says what it skipped on standard error, and follows the link with --follow-links', async () => {
    const { dir } = hostileFolder();
    const crit = join(dir, '..', 'criteria.yaml');
    writeFileSync(
      crit,
      JSON.stringify(
        criteriaDoc([
          { id: '1', title: 'Một', max: 10, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'full' } },
        ]),
      ),
    );
    const run = async (...argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(argv, { out: (x) => out.push(x), err: (x) => err.push(x) });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const r = await run('score', crit, dir, '--format', 'json', '--lang', 'en', '--lenient');
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as { unit: { id: string } }[]).map((c) => c.unit.id)).toEqual(['a']);
    expect(r.err).toContain('warning [io.skipped-file]');
    expect(r.err).toMatch(/dangling\.yaml: skipped: a symbolic link to nothing/);
    expect(r.err).toMatch(/z-link\.yaml: skipped: a symbolic link pointing outside the folder/);
    const f = await run('score', crit, dir, '--format', 'json', '--lang', 'en', '--lenient', '--follow-links');
    expect(f.code, f.err).toBe(0);
    expect((JSON.parse(f.out) as { unit: { id: string } }[]).map((c) => c.unit.id).sort()).toEqual(['a', 'outside']);
    const help = await run('--help', '--lang', 'en');
    expect(help.out).toContain('--follow-links');
  });

  it('a link inside the folder to another file of it is read as before', async () => {
    const base = mkdtempSync(join(tmpdir(), 'par-folder-'));
    made.push(base);
    writeFileSync(join(base, 'a.yaml'), evidenceYaml('a'));
    mkdirSync(join(base, 'sub'));
    writeFileSync(join(base, 'sub', 'b.yaml'), evidenceYaml('b'));
    symlinkSync(join(base, 'sub', 'b.yaml'), join(base, 'b.yaml'));
    const ev = await readEvidenceSources([base], {});
    expect(ev.units.map((u) => u.id).sort()).toEqual(['a', 'b']);
  });
});
