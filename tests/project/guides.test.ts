/**
 * Every ```ts block of the guides in docs/guides/ runs, and prints what its `// → …` comments say it prints; every
 * `par-index …` line of a ```sh block runs and exits 0. The blocks import from 'par-index' and 'par-index/io'
 * exactly as a user would; the test points those two names at the sources (src/index.ts, src/io/index.ts), so
 * the guides are checked against the code of this commit without a build.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import typescript from 'typescript';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { ENTRIES, specifier } from '../../scripts/build/entries.mjs';
import { root } from '../support/paths.js';

const run = promisify(execFile);
const dir = join(root, 'docs/guides');
const guides = readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .sort();

interface Block {
  guide: string;
  n: number;
  lang: string;
  code: string;
}

const blocks: Block[] = guides.flatMap((g) =>
  [...readFileSync(join(dir, g), 'utf8').matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map((m, n) => ({
    guide: g,
    n: n + 1,
    lang: m[1]!,
    code: m[2]!,
  })),
);
const ts = blocks.filter((b) => b.lang === 'ts');
const shLines = blocks
  .filter((b) => b.lang === 'sh')
  .flatMap((b) =>
    b.code
      .split('\n')
      .filter((l) => l.startsWith('par-index '))
      .map((line) => ({ ...b, line })),
  );
const tmp = mkdtempSync(join(tmpdir(), 'par-guides-'));

/** Runs a `par-index` command line through main(), as the installed command would. */
async function cli(line: string): Promise<{ code: number; err: string }> {
  const argv = line.split(/\s+/).slice(1);
  const err: string[] = [];
  const io: Io = { out: () => {}, err: (s) => err.push(s) };
  return { code: await main(argv, io), err: err.join('\n') };
}

describe('the guides in docs/guides', () => {
  it('exist, link the other guides, and have code to run', () => {
    expect(guides).toEqual(expect.arrayContaining(['README.md', 'scoring-a-year.md', 'notebook.md', 'other-apps.md']));
    const index = readFileSync(join(dir, 'README.md'), 'utf8');
    for (const link of [
      '../criteria-format.md',
      '../verify.md',
      '../sipas.md',
      'scoring-a-year.md',
      'notebook.md',
      'other-apps.md',
      '../notebook.ipynb',
    ])
      expect(index).toContain(`(${link})`);
    expect(ts.length).toBeGreaterThanOrEqual(5);
    expect(shLines.length).toBeGreaterThanOrEqual(5);
  });

  it('link only to files that exist (except docs/verify.md, written with the verify feature)', () => {
    for (const g of guides) {
      for (const m of readFileSync(join(dir, g), 'utf8').matchAll(/\]\(((?!https?:)[^)#]+)\)/g)) {
        if (m[1] === '../verify.md') continue;
        expect(() => readFileSync(join(dir, m[1]!)), `${g} → ${m[1]}`).not.toThrow();
      }
    }
  });

  it.concurrent.each(ts.map((b) => [`${b.guide} block ${b.n}`, b] as const))(
    '%s runs and prints what it says',
    { timeout: 120_000 },
    async (_, b) => {
      let code = b.code;
      for (const e of ENTRIES) code = code.replaceAll(`from '${specifier(e)}'`, `from ${JSON.stringify(join(root, e.source))}`);
      const file = join(tmp, `${b.guide.replace(/\W/g, '-')}-${b.n}.mts`);
      writeFileSync(file, code);
      const { stdout } = await run(join(root, 'node_modules/.bin/tsx'), [file], {
        cwd: root,
        timeout: 110_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      const expected = [...b.code.matchAll(/\/\/ → (.+)$/gm)].map((m) => m[1]!.trim());
      for (const e of expected) expect(stdout, `${b.guide} block ${b.n} should print "${e}"`).toContain(e);
    },
  );

  it.each(shLines.map((l) => [`${l.guide}: ${l.line}`, l] as const))('%s', { timeout: 120_000 }, async (_, l) => {
    const r = await cli(l.line);
    expect(r.code, r.err).toBe(0);
  });
});

describe('the API reference', () => {
  it('every name exported by an entry point (par-index, par-index/io, par-index/sipas…) has a doc comment with an @example', () => {
    const entries = ENTRIES.map((e) => join(root, e.source));
    const program = typescript.createProgram(entries, {
      module: typescript.ModuleKind.ESNext,
      moduleResolution: typescript.ModuleResolutionKind.Bundler,
      target: typescript.ScriptTarget.ES2022,
      noEmit: true,
      skipLibCheck: true,
      allowImportingTsExtensions: true,
    });
    const checker = program.getTypeChecker();
    const missing: string[] = [];
    for (const entry of entries) {
      const sym = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
      for (const exp of checker.getExportsOfModule(sym)) {
        const target = exp.flags & typescript.SymbolFlags.Alias ? checker.getAliasedSymbol(exp) : exp;
        const decls = target.declarations ?? [];
        const hasExample = decls.some((d) => typescript.getJSDocTags(d).some((t) => t.tagName.text === 'example'));
        if (!hasExample)
          missing.push(
            `${specifier(ENTRIES[entries.indexOf(entry)]!)}: ${exp.name} (${decls[0]?.getSourceFile().fileName.replace(root, '') ?? '?'})`,
          );
      }
    }
    expect(missing).toEqual([]);
  });
});
