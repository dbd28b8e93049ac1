/**
 * Vitest global setup: the tests that run the command (`node dist/cli.js`) or load the built package need
 * `dist/`, and a fresh clone has none. The build runs when dist/ is missing or was built from other sources
 * (`npm run build` writes a stamp with the hash of everything the build reads), so `npm ci && npm test` works on
 * a fresh machine and a test never runs an old build. A lock folder keeps two test runs from building at once.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildInputsHash, root, STAMP } from '../../scripts/build/stamp.mjs';

const LOCK = join(root, '.dist-build-lock');

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export default function setup(): void {
  const fresh = (): boolean => existsSync(STAMP) && readFileSync(STAMP, 'utf8') === buildInputsHash();
  if (fresh()) return;
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Another run is building; a lock older than five minutes was left by a killed run.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 300_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() - started > 600_000) throw new Error(`could not take the build lock ${LOCK}`);
      sleep(500);
    }
  }
  try {
    if (fresh()) return;
    process.stderr.write('[par-index tests] building dist/ (it is missing or older than the sources): npm run build\n');
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
