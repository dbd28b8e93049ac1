// The hash of everything the build reads, written to dist/.build-stamp after `npm run build`, so the tests'
// global setup (tests/setup/build-dist.ts) knows whether dist/ was built from the sources as they are.
// `node scripts/build/stamp.mjs` writes the stamp; the module exports the hash for the setup.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const STAMP = join(root, 'dist', '.build-stamp');

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

/** The hash of the build's inputs: the sources, the build scripts and configs, the package and its lock. */
export function buildInputsHash() {
  const h = createHash('sha256');
  const inputs = [
    ...filesUnder(join(root, 'src')),
    ...filesUnder(join(root, 'scripts', 'build')),
    ...['tsup.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'].map((f) => join(root, f)),
  ];
  for (const f of inputs) h.update(f.slice(root.length)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) writeFileSync(STAMP, buildInputsHash());
