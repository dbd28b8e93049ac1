#!/usr/bin/env node
// How many mutants each mutation group has (scripts/mutation-groups.mjs), counted by Stryker's own instrumenter
// without running a test: to size a group before its first run (docs/testing.md). The count includes static
// mutants, which a run ignores (`ignoreStatic`), so a run reports a few fewer.
//
//   node scripts/mutant-count.mjs                 every group
//   node scripts/mutant-count.mjs rules engine-walk
import { readFileSync } from 'node:fs';
import { Instrumenter } from '@stryker-mutator/instrumenter';
import { GROUPS } from './mutation-groups.mjs';

const quiet = { isDebugEnabled: () => false, isTraceEnabled: () => false, debug() {}, trace() {}, info() {}, warn() {}, error() {} };
const instrumenter = new Instrumenter(quiet);
const RANGE = /^(.*):(\d+)-(\d+)$/;
/** Mutant start lines (1-based) per file, computed once. */
const lines = new Map();

async function mutantLines(file) {
  if (!lines.has(file)) {
    const r = await instrumenter.instrument([{ name: file, content: readFileSync(file, 'utf8'), mutate: true }], {
      plugins: null,
      excludedMutations: [],
      ignorers: [],
      noHeader: true,
    });
    lines.set(
      file,
      r.mutants.map((m) => m.location.start.line + 1),
    );
  }
  return lines.get(file);
}

const names = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(GROUPS);
for (const name of names) {
  const group = GROUPS[name];
  if (group === undefined) throw new Error(`unknown group ${name}; one of ${Object.keys(GROUPS).join(', ')}`);
  let total = 0;
  const parts = [];
  for (const entry of group.mutate) {
    const m = RANGE.exec(entry);
    const file = m ? m[1] : entry;
    const all = await mutantLines(file);
    const n = m ? all.filter((l) => l >= Number(m[2]) && l <= Number(m[3])).length : all.length;
    total += n;
    parts.push(`${entry} ${n}`);
  }
  console.log(`${name}: ${total} (${parts.join(', ')})`);
}
