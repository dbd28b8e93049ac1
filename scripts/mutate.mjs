#!/usr/bin/env node
// Mutation testing of the scoring core with StrykerJS (docs/testing.md). Not part of `npm test`: it is slow.
//
//   npm run mutate                       every group in turn (scripts/mutation-groups.mjs)
//   npm run mutate -- --group rules      one group (repeat --group for several)
//   npm run mutate -- --changed          only the source files changed against main (committed or not)
//   npm run mutate -- --files src/sipas/interval.ts   only these files (comma-separated; each group that has them)
//   npm run mutate -- --incremental      reuse the last run's results for unchanged code and tests
//
// Prints each group's time; the scores are in Stryker's table and in reports/mutation/<group>.html.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join, matchesGlob } from 'node:path';
import { FILES_ENV, GROUP_ENV, GROUPS } from './mutation-groups.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const picked = [];
let changed = false;
let only;
let base = 'main';
const passThrough = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--group') picked.push(args[++i]);
  else if (a.startsWith('--group=')) picked.push(a.slice('--group='.length));
  else if (a === '--changed') changed = true;
  else if (a === '--files') only = args[++i].split(',');
  else if (a.startsWith('--files=')) only = a.slice('--files='.length).split(',');
  else if (a.startsWith('--base=')) base = a.slice('--base='.length);
  else if (a === '--incremental') passThrough.push('--incremental');
  else if (a === '--help' || a === '-h') {
    console.log('usage: npm run mutate -- [--group NAME]... [--changed [--base=REF] | --files A,B] [--incremental]');
    console.log(`groups: ${Object.keys(GROUPS).join(', ')}`);
    process.exit(0);
  } else {
    console.error(`unknown option ${a}`);
    process.exit(2);
  }
}
for (const g of picked) {
  if (!(g in GROUPS)) {
    console.error(`unknown group ${g}; one of ${Object.keys(GROUPS).join(', ')}`);
    process.exit(2);
  }
}

/** Source files changed against `base`: committed on this branch, staged, unstaged or untracked. */
function changedFiles() {
  const git = (...a) => execFileSync('git', a, { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  return new Set([
    ...git('diff', '--name-only', `${base}...HEAD`),
    ...git('diff', '--name-only', 'HEAD'),
    ...git('ls-files', '--others', '--exclude-standard'),
  ]);
}

const RANGE = /:(\d+)-(\d+)$/;
/** A file or glob without its line range. */
const bare = (f) => f.replace(RANGE, '');
/** What of `f` (a file, or a file with a line range) falls in the group entry `entry`; undefined when nothing. */
function within(f, entry) {
  const a = RANGE.exec(f);
  const b = RANGE.exec(entry);
  if (!b) return f;
  if (!a) return entry;
  // Both ranged (a file split between groups): only the lines they share, so a range runs in one group only.
  const lo = Math.max(Number(a[1]), Number(b[1]));
  const hi = Math.min(Number(a[2]), Number(b[2]));
  return lo <= hi ? `${bare(f)}:${lo}-${hi}` : undefined;
}

const runs = [];
const names = picked.length > 0 ? picked : Object.keys(GROUPS);
const touched = only ? new Set(only) : changed ? changedFiles() : undefined;
for (const name of names) {
  const group = GROUPS[name];
  let files;
  if (touched) {
    // A file may carry a line range, as Stryker reads it: src/core/exact.ts:334-365. So may a group's entry
    // (exact.ts and common.ts are split between groups): a whole file given goes to each group with the group's
    // range, a range to the groups whose ranges it meets.
    const chosen = new Set();
    for (const f of touched) {
      for (const entry of group.mutate) {
        if (!matchesGlob(bare(f), bare(entry))) continue;
        const part = within(f, entry);
        if (part !== undefined) chosen.add(part);
      }
    }
    files = [...chosen];
    if (files.length === 0) continue;
  }
  runs.push({ name, files });
}
if (runs.length === 0) {
  console.log(
    only
      ? 'none of these files is in a mutation group'
      : changed
        ? `no file of the scoring core changed against ${base}`
        : 'no group to run',
  );
  process.exit(0);
}

const times = [];
let failed = false;
for (const { name, files } of runs) {
  console.log(`\n=== mutation group ${name}${files ? `: ${files.join(', ')}` : ''}`);
  const env = { ...process.env, [GROUP_ENV]: name };
  if (files) env[FILES_ENV] = files.join(',');
  else delete env[FILES_ENV];
  const started = Date.now();
  const r = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs', ...passThrough], { cwd: root, env, stdio: 'inherit' });
  const minutes = (Date.now() - started) / 60_000;
  times.push(`${name}: ${minutes.toFixed(1)} min${r.status === 0 ? '' : ` (exit ${r.status})`}`);
  if (r.status !== 0) failed = true;
}
console.log(`\n${times.join('\n')}\nreports: reports/mutation/<group>.html`);
process.exit(failed ? 1 : 0);
