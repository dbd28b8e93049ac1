// `node scripts/third-party-notices.mjs`: writes THIRD-PARTY-NOTICES.md, the licences of the packages whose code
// the build bundles into dist/ (see tsup.config.ts), from the installed packages' own licence files.
// tests/project/startup.test.ts checks that every package a fresh build bundles is listed here and that the file is
// what this script writes (so a dependency upgrade that changes a licence or version shows up).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The bundled packages, and what of each is bundled. */
export const BUNDLED = [
  ['mathjs', 'the expression parser and what it depends on (formulas are parsed, never evaluated, by mathjs)'],
  ['typed-function', 'used by mathjs'],
  ['escape-latex', 'used by mathjs'],
  ['tiny-emitter', 'used by mathjs'],
  ['@babel/runtime', 'helpers used by mathjs'],
  ['@noble/hashes', 'SHA-256, for content hashes in a browser'],
  ['tsup', 'its shim giving the CommonJS build import.meta.url'],
  ...stdlibPackages().map((name) => [name, 'the beta and normal quantile functions (SIPAS intervals) and what they use']),
];

/**
 * The @stdlib packages the two quantile functions depend on, directly or not: what the build may bundle of stdlib
 * (`debug`, which one of them logs through, is replaced by scripts/build/debug-off.cjs and not bundled).
 */
function stdlibPackages() {
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name) || !name.startsWith('@stdlib/')) return;
    seen.add(name);
    const pkg = JSON.parse(readFileSync(`${root}node_modules/${name}/package.json`, 'utf8'));
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep);
  };
  visit('@stdlib/stats-base-dists-beta-quantile');
  visit('@stdlib/stats-base-dists-normal-quantile');
  return [...seen].sort();
}

const LICENCE_FILES = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'license.md'];

/** The text of THIRD-PARTY-NOTICES.md. */
export function noticesText() {
  const rows = [];
  const texts = [];
  // Packages that ship the same licence text share one copy of it (the @stdlib packages: about 80 of them).
  const byText = new Map();
  for (const [name, what] of BUNDLED) {
    const dir = `${root}node_modules/${name}/`;
    const pkg = JSON.parse(readFileSync(`${dir}package.json`, 'utf8'));
    rows.push(`| ${name} | ${pkg.version} | ${pkg.license} | ${what} |`);
    const file = LICENCE_FILES.find((f) => existsSync(dir + f));
    if (!file) throw new Error(`${name}: no licence file`);
    let text = readFileSync(dir + file, 'utf8').trim();
    if (existsSync(`${dir}NOTICE`)) text += `\n\n--- NOTICE ---\n\n${readFileSync(`${dir}NOTICE`, 'utf8').trim()}`;
    if (!byText.has(text)) byText.set(text, []);
    byText.get(text).push(`${name} ${pkg.version}`);
  }
  for (const [text, names] of byText) texts.push(`## ${names.join(', ')}\n\n\`\`\`\n${text}\n\`\`\``);
  return [
    '# Third-party code in the built package',
    '',
    'The build (`dist/`) bundles code of these packages into its own files (see tsup.config.ts), so that loading',
    'par-index neither loads all of mathjs nor installs the 228 @stdlib packages. Their licences and notices follow,',
    'as each package ships them; packages that ship the same text share one copy.',
    'Written by `node scripts/third-party-notices.mjs`.',
    '',
    '| package | version | licence | what is bundled |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    ...texts.flatMap((t) => [t, '']),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(`${root}THIRD-PARTY-NOTICES.md`, noticesText());
  console.log('THIRD-PARTY-NOTICES.md written');
}
