/**
 * Running test cases (chạy ca kiểm thử): each case's unit is scored with the criteria set by the same runner
 * (`score`: evaluate, then rank) every other command uses, once, and every expectation is compared with what
 * came out.
 * @module
 */
import { deepFreeze } from '../core/document.js';
import { Exact } from '../core/exact.js';
import { issue, ParIndexError, type Issue, type PathSegment } from '../core/errors.js';
import { walk } from '../criteria/tree.js';
import type { CriteriaSet } from '../criteria/load.js';
import type { ScoreCard } from '../engine/types.js';
import { score } from '../ranking/score.js';
import { EVIDENCE_FORMAT, EVIDENCE_FORMAT_VERSION } from '../evidence/schema.js';
import { loadEvidence } from '../evidence/load.js';
import type { CaseData, CasesData, Margin } from './format.js';

/**
 * The format tag of a cases report written as JSON.
 *
 * @example JSON.parse(jsonText)[0].format === CASES_REPORT_FORMAT
 */
export const CASES_REPORT_FORMAT = 'par-index/cases-report@1';

/**
 * One comparison: what was checked, what was expected, what came out.
 *
 * @example report.results[0].checks.filter((c: CaseCheck) => !c.pass)
 */
export interface CaseCheck {
  /** `index`, `total`, `max`, `band`, `missing`, `warning`, `error`, or `points`, `max`, `status` of a node. */
  readonly what: 'index' | 'total' | 'max' | 'band' | 'missing' | 'warning' | 'error' | 'points' | 'node-max' | 'status';
  /** The node, for node checks. */
  readonly node?: string;
  /** What was expected. */
  readonly expected: number | string | null;
  /** What scoring gave. */
  readonly actual: number | string | null;
  /** The margin allowed. */
  readonly margin?: Margin;
  /** Whether it matched. */
  readonly pass: boolean;
}

/**
 * The outcome of one case.
 *
 * @example report.results.filter((r: CaseResult) => !r.pass).map((r) => r.name)
 */
export interface CaseResult {
  /** The case's name. */
  readonly name: string;
  /** The case's title. */
  readonly title?: string;
  /** The unit's id in the case. */
  readonly unit: string;
  /** Whether every check passed. */
  readonly pass: boolean;
  /** Every check made. */
  readonly checks: readonly CaseCheck[];
  /** Issues raised while scoring, when the case did not expect them (shown to say why it failed). */
  readonly problems: readonly Issue[];
}

/**
 * The outcome of a cases file. Frozen.
 *
 * @example const r: CasesReport = runCaseFile('criteria/examples/van-lam-commune-2021.cases.yaml'); r.failed
 */
export interface CasesReport {
  /** The format tag of the report. */
  readonly format: typeof CASES_REPORT_FORMAT;
  /** The cases file. */
  readonly file?: string | undefined;
  /** The criteria set tested. */
  readonly criteria: {
    /** The set's id. */
    readonly id: string;
    /** Its version. */
    readonly version: string;
    /** Its content hash. */
    readonly hash: string;
    /** The criteria file, as shown in messages. */
    readonly file?: string | undefined;
  };
  /** One result per case. */
  readonly results: readonly CaseResult[];
  /** How many cases passed. */
  readonly passed: number;
  /** How many cases failed. */
  readonly failed: number;
}

/**
 * Whether `actual` is within the margin of `expected` (exact decimal arithmetic; no margin: equal).
 *
 * @example within(4.97, 4.972, { absolute: 0.005 }) // true
 */
export function within(actual: number, expected: number, margin: Margin | undefined): boolean {
  const a = Exact.of(actual);
  const e = Exact.of(expected);
  const d = a.sub(e).abs();
  if (d.isZero()) return true;
  if (!margin) return false;
  if (margin.absolute !== undefined && d.lte(Exact.of(margin.absolute))) return true;
  if (margin.relative !== undefined && d.lte(Exact.of(margin.relative).mul(e.abs()))) return true;
  return false;
}

function slug(name: string): string {
  const s = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._\-/]+/gu, '-')
    .replace(/^[^\p{L}\p{N}]+/u, '');
  return s || 'case';
}

function remap(i: Issue, index: number): Issue {
  const p = i.path;
  const path: PathSegment[] = p[0] === 'units' && p[1] === 0 ? ['cases', index, 'unit', ...p.slice(2)] : ['cases', index, 'unit', ...p];
  return Object.freeze({ ...i, path });
}

/** Checks that every node a case names is in the set; throws `cases.unknown-node` otherwise. */
function checkNodes(cases: CasesData, set: CriteriaSet, file: string | undefined): void {
  const known = new Set([...walk(set.tree)].map((l) => l.node.id));
  const problems: Issue[] = [];
  if (cases.version !== undefined && cases.version !== set.version) {
    problems.push(
      issue(
        'cases.criteria',
        'error',
        ['version'],
        `the cases are written for version ${cases.version} of the criteria, but ${set.id} is version ${set.version}`,
        `các ca được viết cho phiên bản ${cases.version}, nhưng bộ tiêu chí ${set.id} là phiên bản ${set.version}`,
        { file },
      ),
    );
  }
  cases.cases.forEach((c, i) => {
    for (const id of Object.keys(c.expect.nodes ?? {})) {
      if (!known.has(id))
        problems.push(
          issue(
            'cases.unknown-node',
            'error',
            ['cases', i, 'expect', 'nodes', id],
            `criteria set ${set.id} ${set.version} has no node "${id}"`,
            `bộ tiêu chí ${set.id} ${set.version} không có tiêu chí "${id}"`,
            { file },
          ),
        );
    }
  });
  if (problems.length) throw new ParIndexError(problems);
}

function runOne(c: CaseData, index: number, cases: CasesData, set: CriteriaSet, file: string | undefined): CaseResult {
  const margin = c.margin ?? cases.margin;
  const unitId = typeof c.unit['id'] === 'string' ? c.unit['id'] : slug(c.name);
  const unit = { id: unitId, name: c.name, ...c.unit };
  const year = c.year ?? cases.year ?? set.years[0]!;
  const doc = {
    format: `${EVIDENCE_FORMAT}@${EVIDENCE_FORMAT_VERSION}`,
    year,
    ...(c.period ? { period: c.period } : {}),
    // The case itself is the provenance of values written in it.
    source: `${file ?? 'cases'}: ${c.name}`,
    units: [unit],
  };
  const checks: CaseCheck[] = [];
  let card: ScoreCard | undefined;
  let problems: Issue[] = [];
  try {
    const ev = loadEvidence({ data: doc, file });
    card = score(set, ev, { trace: false }).rows[0]?.card;
  } catch (e) {
    if (!(e instanceof ParIndexError)) throw e;
    problems = e.issues.map((i) => remap(i, index));
  }
  const e = c.expect;
  const base = { name: c.name, ...(c.title !== undefined ? { title: c.title } : {}), unit: unitId };
  if (e.error !== undefined) {
    const codes = problems.map((p) => p.code);
    const pass = codes.includes(e.error as (typeof codes)[number]);
    checks.push({ what: 'error', expected: e.error, actual: codes.length ? [...new Set(codes)].join(', ') : null, pass });
    return { ...base, pass, checks, problems: pass ? [] : problems };
  }
  if (!card) {
    checks.push({ what: 'error', expected: null, actual: [...new Set(problems.map((p) => p.code))].join(', '), pass: false });
    return { ...base, pass: false, checks, problems };
  }
  const num = (
    what: CaseCheck['what'],
    actual: number | null,
    exp: { value: number; margin?: Margin | undefined },
    m: Margin | undefined,
    node?: string,
  ) => {
    const mm = exp.margin ?? m;
    const pass = actual !== null && within(actual, exp.value, mm);
    checks.push({ what, ...(node !== undefined ? { node } : {}), expected: exp.value, actual, ...(mm ? { margin: mm } : {}), pass });
  };
  for (const [id, x] of Object.entries(e.nodes ?? {})) {
    const n = card.nodes.find((k) => k.id === id)!;
    const m = ('margin' in x ? x.margin : undefined) ?? margin;
    if (x.points) num('points', n.points, x.points, m, id);
    if ('max' in x && x.max) num('node-max', n.max, x.max, m, id);
    if ('status' in x && x.status)
      checks.push({ what: 'status', node: id, expected: x.status, actual: n.status, pass: n.status === x.status });
  }
  if (e.total !== undefined) num('total', card.total, e.total, margin);
  if (e.max !== undefined) num('max', card.max, e.max, margin);
  if (e.index !== undefined) {
    if (e.index === null) checks.push({ what: 'index', expected: null, actual: card.index, pass: card.index === null });
    else num('index', card.index, e.index, margin);
  }
  if (e.band !== undefined)
    checks.push({ what: 'band', expected: e.band, actual: card.band?.id ?? null, pass: (card.band?.id ?? null) === e.band });
  if (e.missing !== undefined)
    checks.push({ what: 'missing', expected: e.missing, actual: card.missing, pass: card.missing === e.missing });
  for (const w of e.warnings ?? []) {
    const got = card.warnings.map((x) => x.code);
    checks.push({
      what: 'warning',
      expected: w,
      actual: got.length ? [...new Set(got)].join(', ') : null,
      pass: got.includes(w as (typeof got)[number]),
    });
  }
  return { ...base, pass: checks.every((k) => k.pass), checks, problems: [] };
}

/**
 * Runs every case of a cases file against a criteria set. Throws {@link ParIndexError} for bad input (a node
 * the set does not have, a version the cases were not written for); a case whose evidence is rejected, or
 * whose numbers differ, is a failed case in the report, not an exception.
 *
 * @example
 * ```ts
 * const report = runCases(loadCases(text, { file }), set, { file });
 * report.failed; // 0
 * ```
 */
export function runCases(cases: CasesData, set: CriteriaSet, opts: { file?: string | undefined } = {}): CasesReport {
  checkNodes(cases, set, opts.file);
  const results = cases.cases.map((c, i) => runOne(c, i, cases, set, opts.file));
  const passed = results.filter((r) => r.pass).length;
  return deepFreeze({
    format: CASES_REPORT_FORMAT,
    ...(opts.file !== undefined ? { file: opts.file } : {}),
    criteria: { id: set.id, version: set.version, hash: set.hash, ...(set.file !== undefined ? { file: set.file } : {}) },
    results,
    passed,
    failed: results.length - passed,
  });
}
