/**
 * Every code block of README.md runs here as written: a reader who copies one gets what the README says.
 * - `sh` blocks run line by line in bash from the repository's root (the command through `npx`, as a user types
 *   it). The quick start's `npm ci && npm run demo` runs in a copy of the tree as a clone has it (no
 *   node_modules, no dist); its `npm ci && npm test` would run this suite inside itself, so the test checks
 *   instead that .ci/run — which CI runs on a clean clone — runs exactly those two commands.
 * - `ts` blocks are written to a module inside the repository (so `par-index` resolves to this package by its
 *   own name, as in an app that installed it) and run with tsx.
 * A block of another language fails the test: add a way to run it first.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../support/paths.js';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

interface Block {
  lang: string;
  code: string;
  line: number;
}

function blocks(md: string): Block[] {
  const out: Block[] = [];
  const re = /^```(\w*)\n([\s\S]*?)^```$/gm;
  for (let m = re.exec(md); m; m = re.exec(md)) out.push({ lang: m[1]!, code: m[2]!, line: md.slice(0, m.index).split('\n').length });
  return out;
}

/** A block's commands: its lines without comments and blank lines. */
function commands(code: string): string[] {
  return code
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l && !l.startsWith('#'));
}

function bash(command: string, cwd: string, timeout = 120_000): { status: number | null; stdout: string; stderr: string } {
  return spawnSync('bash', ['-c', command], {
    cwd,
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, LANG: 'C' },
  });
}

const all = blocks(readme);
const QUICK_START = all.find((b) => b.code.includes('npm run demo'));

/** What each command-line example must show besides exiting 0. */
const EXPECT: [RegExp, (out: string) => void][] = [
  [/ check /, (out) => expect(out).toMatch(/vn\.hung-yen\.van-lam\.commune/)],
  [/ score .*--out out\/score\.md/, () => expect(readFileSync(join(root, 'out/score.md'), 'utf8')).toContain('Lạc Đạo')],
  [/ explain .*--unit lac-dao/, (out) => expect(out).toContain('Lạc Đạo')],
  [/ score --help/, (out) => expect(out).toMatch(/par-index score/)],
  [/ --version$/, (out) => expect(out.trim()).toBe(version)],
];

describe('README.md: every code block runs as written', () => {
  it('has blocks only in languages this test can run', () => {
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all.filter((b) => b.lang !== 'sh' && b.lang !== 'ts').map((b) => `line ${b.line}: ${b.lang || '(none)'}`)).toEqual([]);
  });

  it('the quick start: `npm ci && npm test` is what .ci/run runs on a clean clone', () => {
    expect(QUICK_START).toBeDefined();
    const lines = commands(QUICK_START!.code);
    expect(lines).toEqual(['npm ci && npm run demo', 'npm ci && npm test']);
    const ci = readFileSync(join(root, '.ci/run'), 'utf8');
    // npm ci first, then npm test (with reporters added); both as the README writes them.
    const ciAt = ci.search(/^npm ci\b/m);
    const testAt = ci.search(/^npm test\b/m);
    expect(ciAt).toBeGreaterThanOrEqual(0);
    expect(testAt).toBeGreaterThan(ciAt);
  });

  it('the quick start: `npm ci && npm run demo` in a copy of the tree as a clone has it', { timeout: 400_000 }, () => {
    const copy = mkdtempSync(join(tmpdir(), 'par-index-clone-'));
    try {
      // What `git clone` would give: tracked files and new ones not ignored, without node_modules, dist or out.
      const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' })
        .split('\0')
        .filter((f) => f && !f.startsWith('node_modules'));
      for (const f of files) {
        if (!existsSync(join(root, f))) continue;
        mkdirSync(dirname(join(copy, f)), { recursive: true });
        cpSync(join(root, f), join(copy, f));
      }
      expect(existsSync(join(copy, 'node_modules'))).toBe(false);
      expect(existsSync(join(copy, 'dist'))).toBe(false);
      const r = bash(commands(QUICK_START!.code)[0]!, copy, 380_000);
      expect(r.status, r.stderr.slice(-2000)).toBe(0);
      expect(r.stdout).toContain('Như Quỳnh');
      expect(r.stdout).toContain('Lạc Hồng');
      expect(readFileSync(join(copy, 'out/van-lam-2021-report.md'), 'utf8')).toContain('Trưng Trắc');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  const cli = all.filter((b) => b.lang === 'sh' && b !== QUICK_START);
  it('there is a command-line block', () => expect(cli.length).toBeGreaterThan(0));
  for (const b of cli) {
    for (const command of commands(b.code)) {
      it(`line ${b.line}: ${command}`, { timeout: 120_000 }, () => {
        const r = bash(command, root);
        expect(r.status, r.stderr.slice(-2000)).toBe(0);
        const checks = EXPECT.filter(([re]) => re.test(command));
        expect(checks.length, `no expectation for: ${command}`).toBe(1);
        checks[0]![1](r.stdout);
      });
    }
  }

  const ts = all.filter((b) => b.lang === 'ts');
  for (const b of ts) {
    it(`line ${b.line}: the TypeScript block runs and prints the ranked table and a trace`, { timeout: 120_000 }, () => {
      const dir = join(root, 'out', 'readme');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `block-${b.line}.mts`);
      writeFileSync(file, b.code);
      const r = spawnSync(join(root, 'node_modules/.bin/tsx'), [file], {
        cwd: root,
        encoding: 'utf8',
        timeout: 110_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(r.status, r.stderr.slice(-2000)).toBe(0);
      // The table lists the 11 communes; the English trace names the first of them.
      for (const name of ['Như Quỳnh', 'Lạc Đạo', 'Chỉ Đạo', 'Tân Quang']) expect(r.stdout).toContain(name);
      expect(r.stdout).toMatch(/points|Points/);
    });
  }
});
