/**
 * Shared pieces of the hostile-input tests (issue 9): how many runs each fuzz test makes (the summary test prints
 * these and checks README's table against them), the check that only ParIndexError escapes, and the
 * Object.prototype and frozenness checks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { fc } from '@fast-check/vitest';
import { ParIndexError, type Issue } from '../../src/core/errors.js';

/**
 * Runs per fuzz property, by loader. Each fuzz test passes its entry as `numRuns` and asserts afterwards that the
 * property really ran that many times, so the table printed by hostile-summary.test.ts is what was run.
 */
export const FUZZ_RUNS = {
  'criteria set (text)': 200,
  'criteria set (mutated example)': 300,
  'evidence (text)': 200,
  'evidence (mutated example)': 200,
  'questionnaire (text)': 150,
  'survey tally (text)': 100,
  'survey responses (CSV)': 200,
  'dossier records (CSV)': 150,
  'dossier records (XLSX)': 25,
  'column mapping (text)': 100,
  'aggregate dossier evidence (CSV)': 100,
  'inspection plan (text)': 150,
  'inspection plan (mutated example)': 150,
  'cases file (text)': 100,
  'criteria changes (text)': 100,
  'published decision (text + CSV)': 150,
  'calendar (text)': 100,
  'calendar (mutated bundled)': 100,
  'dates in records': 300,
  'score determinism (shuffled)': 12,
  'row accounting (responses)': 100,
  'row accounting (dossiers)': 100,
  'row accounting (published decision)': 100,
  'evidence source descriptors (mutated)': 45,
  'published decision table (CSV file)': 60,
} as const satisfies Record<string, number>;

export type FuzzName = keyof typeof FUZZ_RUNS;

/**
 * Hostile files of round two (issue 21), by what they attack: the cases of tests/hostile/round-two-inputs.test.ts
 * (hostile-summary.test.ts checks that the file has exactly this many tests).
 */
export const ROUND_TWO_CASES = {
  'long evidence source × 100 units × 40 measures, every traced output': 6,
  'hostile XLSX zips (declared and real sizes, cell references, huge cells)': 5,
  'flood of 200 000 problems, spread calls in src/': 3,
  'evidence folders (dangling links, lock files, links out)': 5,
} as const satisfies Record<string, number>;

/** Hostile expressions in the formula sandbox's escape corpus (tests/formula/formula.test.ts checks it has exactly these). */
export const FORMULA_CORPUS_SIZE = 106;

/**
 * Corpora of hostile outputs and paths (issue 21, items 5–10), by what they try, with the test file that holds
 * each; every one of those files checks that its corpus has exactly this many cases.
 */
export const CORPUS_CASES = {
  'descriptor paths out of their folder (tests/hostile/descriptor-confinement.test.ts)': 5,
  'hostile sheet and file names (tests/hostile/sheet-names.test.ts)': 10,
  'CSV injection cells (tests/hostile/csv-injection.test.ts)': 11,
  'unit names and band labels as HTML (tests/hostile/html-user-text.test.ts)': 7,
  'working directories × evidence folders (tests/hostile/working-directory.test.ts)': 6,
  'public results walked for frozenness (tests/hostile/deep-frozen.test.ts)': 18,
} as const satisfies Record<string, number>;

/** The fast-check parameters of a fuzz property: its run count, a fixed seed per name for reproducible runs. */
export function fuzzParams(name: FuzzName): { numRuns: number; seed: number } {
  let h = 2166136261;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return { numRuns: FUZZ_RUNS[name], seed: h | 0 };
}

/**
 * Runs a synchronous fuzz property with its declared run count and checks the count afterwards.
 *
 * @example fuzz('criteria set (text)', fc.string(), (s) => expectOnlyParIndexError(() => loadCriteriaSet(s, { file: 'x.yaml' }), 'x.yaml'))
 */
export function fuzz<T>(name: FuzzName, arb: fc.Arbitrary<T>, body: (x: T) => void): void {
  let runs = 0;
  fc.assert(
    fc.property(arb, (x) => {
      runs++;
      body(x);
    }),
    { ...fuzzParams(name), endOnFailure: true },
  );
  expect(runs).toBe(FUZZ_RUNS[name]);
}

/** The asynchronous form of {@link fuzz}. */
export async function fuzzAsync<T>(name: FuzzName, arb: fc.Arbitrary<T>, body: (x: T) => Promise<void>): Promise<void> {
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(arb, async (x) => {
      runs++;
      await body(x);
    }),
    { ...fuzzParams(name), endOnFailure: true },
  );
  expect(runs).toBe(FUZZ_RUNS[name]);
}

/** Checks that an error is the library's documented one, with bilingual issues that name the file and a path. */
export function expectParIndexError(e: unknown, file: string | undefined): asserts e is ParIndexError {
  if (!(e instanceof ParIndexError))
    throw new Error(`expected ParIndexError, got ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e)}`);
  expect(e.issues.length).toBeGreaterThan(0);
  for (const i of e.issues) {
    expect(Array.isArray(i.path), `path of ${i.code}`).toBe(true);
    if (file !== undefined) expect(i.file, `file of ${i.code}: ${i.message}`).toBe(file);
    expect(i.message.length).toBeGreaterThan(0);
    expect(i.messageVi.length).toBeGreaterThan(0);
  }
}

/** Calls `f`; returns its value, or undefined when it threw ParIndexError (anything else fails the test). */
export function expectOnlyParIndexError<T>(f: () => T, file: string | undefined): T | undefined {
  try {
    return f();
  } catch (e) {
    expectParIndexError(e, file);
    return undefined;
  }
}

/** The issues of the ParIndexError `f` throws, checked as {@link expectParIndexError} checks them (fails when it throws nothing). */
export function refused(f: () => unknown, file: string | undefined): readonly Issue[] {
  try {
    f();
  } catch (e) {
    expectParIndexError(e, file);
    return e.issues;
  }
  throw new Error('expected a ParIndexError');
}

/** The asynchronous form of {@link refused}. */
export async function refusedAsync(f: () => Promise<unknown>, file: string | undefined): Promise<readonly Issue[]> {
  try {
    await f();
  } catch (e) {
    expectParIndexError(e, file);
    return e.issues;
  }
  throw new Error('expected a ParIndexError');
}

/** The asynchronous form of {@link expectOnlyParIndexError}. */
export async function expectOnlyParIndexErrorAsync<T>(f: () => Promise<T>, file: string | undefined): Promise<T | undefined> {
  try {
    return await f();
  } catch (e) {
    expectParIndexError(e, file);
    return undefined;
  }
}

/**
 * Registers, for the calling test file, a temporary folder (removed afterwards) and the check that
 * Object.prototype is unchanged after all its tests. Returns the folder's path (valid once the tests run).
 */
export function hostileFile(prefix: string): { readonly dir: string } {
  let before: string[] = [];
  const state = { dir: '' };
  beforeAll(() => {
    before = prototypeKeys();
    state.dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    rmSync(state.dir, { recursive: true, force: true });
    expectPrototypeClean(before);
  });
  return state;
}

/** Object.prototype's own keys now, to compare after loading hostile input. */
export function prototypeKeys(): string[] {
  return Reflect.ownKeys(Object.prototype).map(String).sort();
}

/** Fails when anything was added to Object.prototype (or Array.prototype) by the code under test. */
export function expectPrototypeClean(before: readonly string[]): void {
  expect(prototypeKeys()).toEqual(before);
  for (const k of ['polluted', 'isAdmin', 'x']) {
    expect(({} as Record<string, unknown>)[k], k).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>)[k], k).toBeUndefined();
  }
}

/** The first place (e.g. "root.0.warnings.0.path") in a value that is an object or array but not frozen. */
export function unfrozenPath(v: unknown, at = 'root', seen = new Set<unknown>()): string | undefined {
  if (v === null || typeof v !== 'object' || seen.has(v)) return undefined;
  seen.add(v);
  if (!Object.isFrozen(v)) return at;
  for (const k of Reflect.ownKeys(v)) {
    const d = Object.getOwnPropertyDescriptor(v, k)!;
    const r = 'value' in d ? unfrozenPath(d.value, `${at}.${String(k)}`, seen) : undefined;
    if (r !== undefined) return r;
  }
  return undefined;
}

/** Deep-freezes a value (to pass to a function that must not mutate it). */
export function deepFreezeCopy<T>(v: T): T {
  const c = structuredClone(v);
  const go = (x: unknown): void => {
    if (x === null || typeof x !== 'object' || Object.isFrozen(x)) return;
    Object.freeze(x);
    for (const y of Object.values(x)) go(y);
  };
  go(c);
  return c;
}

/** Text that stresses parsers: YAML/JSON punctuation, aliases, tags, control characters, bidi marks, digits. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc
    .array(
      fc.constantFrom(
        'a',
        ':',
        ' ',
        '\n',
        '  ',
        '- ',
        '{',
        '}',
        '[',
        ']',
        ',',
        '"',
        "'",
        '&a',
        '*a',
        '!!str',
        '!!js/function',
        '<<',
        '#',
        '1e400',
        '-1',
        'NaN',
        '.inf',
        '\u0000',
        '\u202e',
        '\ufeff',
        'format',
        'par-index/criteria@1',
        'par-index/evidence@1',
        '__proto__',
        'constructor',
        'id',
        'tree',
        'units',
        '2021',
        '2021-02-31',
        '|',
        '>',
        '?',
      ),
      { maxLength: 80 },
    )
    .map((a) => a.join('')),
);

/** Arbitrary JSON values written as JSON or as YAML flow text. */
export const jsonText: fc.Arbitrary<string> = fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v));

/** Deletes a key, swaps a value's type, or writes a hostile value somewhere in a copy of a document. */
export function mutations(doc: unknown): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [];
  const collect = (v: unknown, p: (string | number)[]): void => {
    paths.push(p);
    if (v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) v.forEach((x, i) => collect(x, [...p, i]));
    else for (const [k, x] of Object.entries(v)) collect(x, [...p, k]);
  };
  collect(doc, []);
  const hostileValue = fc.oneof(
    fc.constantFrom<unknown>(
      null,
      true,
      false,
      '',
      ' ',
      'abc',
      '0,5',
      '1e400',
      '1e9999999999',
      '10^30',
      '1000000000000000000000000000000',
      -1,
      -0.5,
      0,
      1e308,
      -1e308,
      2 ** 53 + 1,
      Number.MAX_SAFE_INTEGER,
      0.1,
      NaN,
      Infinity,
      -Infinity,
      [],
      {},
      [1, 2],
      { a: 1 },
      '0000-01-01',
      '9999-99-99',
      '2021-02-31',
      '31/02/2021',
      '2021-13-01',
      'x\u0000y',
      '\u202eevil',
      '__proto__',
      'constructor',
      'prototype',
      'toString',
    ),
    fc.jsonValue({ maxDepth: 3 }),
  );
  const one = fc.tuple(fc.nat(paths.length - 1), fc.constantFrom('delete', 'set', 'rename'), hostileValue);
  return fc.array(one, { minLength: 1, maxLength: 4 }).map((ops) => {
    const copy = structuredClone<unknown>(doc);
    for (const [pi, op, value] of ops) {
      const p = paths[pi]!;
      if (p.length === 0) continue;
      let parent: unknown = copy;
      for (const k of p.slice(0, -1)) {
        if (parent === null || typeof parent !== 'object') break;
        parent = (parent as Record<string | number, unknown>)[k];
      }
      if (parent === null || typeof parent !== 'object') continue;
      const last = p[p.length - 1]!;
      const obj = parent as Record<string | number, unknown>;
      if (!Object.prototype.hasOwnProperty.call(obj, last)) continue;
      if (op === 'delete') {
        if (Array.isArray(obj)) obj.splice(last as number, 1);
        else delete obj[last];
      } else if (op === 'set') obj[last] = value;
      else if (!Array.isArray(obj)) {
        const v = obj[last];
        delete obj[last];
        obj[typeof value === 'string' && value !== '__proto__' ? value : `${String(last)}_`] = v;
      }
    }
    return copy;
  });
}
