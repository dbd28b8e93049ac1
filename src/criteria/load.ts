/**
 * Loading a criteria set (nạp bộ tiêu chí): parse, check the format version, validate the schema, run the
 * semantic checks, freeze, and hash.
 * @module
 */
import { FORMULA_LIMITS, type FormulaLimits } from '../formula/limits.js';
import { deepFreeze, textLocator, type ParseLimits } from '../core/document.js';
import { issue, type Issue, ParIndexError, type PathSegment } from '../core/errors.js';
import { beyondLimit, resolveLimits } from '../core/limits.js';
import { contentHash } from '../core/hash.js';
import { checkDocument } from '../core/zod-helpers.js';
import { acknowledge, checkSemantics } from './check.js';
import { walk } from './tree.js';
import {
  CRITERIA_FORMAT,
  CRITERIA_FORMAT_VERSION,
  CriteriaSetSchema,
  type AcknowledgedFinding,
  type CriteriaNode,
  type CriteriaSetData,
} from './schema.js';

/**
 * A checked, frozen criteria set with its content hash. Every result computed from it carries the hash.
 *
 * @example `const set: CriteriaSet = loadCriteriaSet(text, { file: 'van-lam.yaml' }); set.hash // "sha256:…"`
 */
export type CriteriaSet = CriteriaSetData & {
  /** `sha256:…` of the set's canonical JSON (independent of key order and of YAML vs JSON). */
  readonly hash: string;
  /** The file it was loaded from, when known. */
  readonly file?: string | undefined;
  /** Warnings found by the checks (errors make loading fail). */
  readonly warnings: readonly Issue[];
  /** The formula limits it was checked with, when they are not the defaults (so scoring compiles it alike). */
  readonly formulaLimits?: FormulaLimits | undefined;
  /** The findings of the checks that the set's `acknowledged` entries keep, each with its reason. */
  readonly acknowledgedFindings: readonly AcknowledgedFinding[];
};

/**
 * The result of {@link checkCriteriaSet}: every problem, and the set when there is no error.
 *
 * @example `const r = checkCriteriaSet(text, { file: 'x.yaml' }); if (!r.ok) for (const i of r.issues) console.log(formatIssue(i, 'vi'))`
 */
export interface CriteriaCheck {
  /** True when there is no error (warnings may remain). */
  readonly ok: boolean;
  /** Every problem found, errors and warnings. */
  readonly issues: readonly Issue[];
  /** The findings the set acknowledges (its `acknowledged` entries), no longer among the issues. */
  readonly acknowledged: readonly AcknowledgedFinding[];
  /** The loaded set, present only when there is no error. */
  readonly set?: CriteriaSet;
}

/**
 * Options for loading.
 *
 * @example `loadCriteriaSet(text, { file: 'criteria/van-lam-commune-2021.yaml' })`
 */
export interface LoadOptions {
  /** The file name, for messages. */
  file?: string | undefined;
  /** Limits on the text and the tree (any of the `Limits` of src/core/limits.ts; see SECURITY.md). */
  limits?: ParseLimits;
}

/**
 * Checks a criteria set given as YAML/JSON text or as parsed data, without throwing.
 *
 * @example
 * ```ts
 * const r = checkCriteriaSet(yamlText, { file: 'criteria/x.yaml' });
 * if (!r.ok) for (const i of r.issues) console.log(formatIssue(i, 'vi'));
 * ```
 */
export function checkCriteriaSet(input: unknown, opts: LoadOptions = {}): CriteriaCheck {
  const lim = resolveLimits(opts.limits);
  const maxTreeDepth = lim.maxTreeDepth;
  const formulaLimits: FormulaLimits | undefined =
    lim.maxFormulaLength === FORMULA_LIMITS.maxLength && lim.maxFormulaDepth === FORMULA_LIMITS.maxDepth
      ? undefined
      : { maxLength: lim.maxFormulaLength, maxDepth: lim.maxFormulaDepth };
  // The data the semantic checks saw: the set's acknowledgements apply to their findings once those are placed.
  let checked: CriteriaSetData | undefined;
  const semantics = (d: CriteriaSetData, file: string | undefined): Issue[] => {
    const deep = treeTooDeep(d.tree, maxTreeDepth);
    if (deep)
      return beyondLimit(
        'maxTreeDepth',
        `more than ${maxTreeDepth} levels`,
        maxTreeDepth,
        { en: 'the criteria tree is too deep', vi: 'cây tiêu chí quá sâu' },
        deep,
        file,
      ).issues.slice();
    checked = d;
    return checkSemantics(d, file, formulaLimits);
  };
  const r = checkDocument(input, opts, {
    format: CRITERIA_FORMAT,
    version: CRITERIA_FORMAT_VERSION,
    schema: CriteriaSetSchema,
    semantics,
    nodeOf: treeNodeOf,
  });
  if (!checked) return { ...r, acknowledged: NONE };
  const a = acknowledge(checked, r.issues, opts.file);
  const placed = placeAcknowledgements(a.issues, r.issues, typeof input === 'string' ? input : undefined);
  const acknowledged = Object.freeze(a.acknowledged);
  if (placed.some((i) => i.severity === 'error')) return { ok: false, issues: placed, acknowledged };
  return { ok: true, issues: placed, acknowledged, set: freezeSet(checked, placed, opts.file, formulaLimits, acknowledged) };
}

const NONE: readonly never[] = Object.freeze([]);

/** Line and column for the errors of `acknowledged` entries, which come after the other issues were placed. */
function placeAcknowledgements(issues: readonly Issue[], before: readonly Issue[], text: string | undefined): readonly Issue[] {
  const seen = new Set(before);
  const fresh = issues.filter((i) => !seen.has(i));
  if (fresh.length === 0 || text === undefined) return issues;
  // Rare (an entry that matches nothing): the text is parsed again for them.
  const locate = textLocator(text);
  return issues.map((i) => {
    const pos = seen.has(i) ? undefined : locate?.(i.path);
    return pos ? Object.freeze({ ...i, line: pos.line, col: pos.col }) : i;
  });
}

/**
 * The deepest tree node a path into a criteria file lies in (`tree[1].children[2].max` → the node at
 * `tree[1].children[2]`), read from the data as parsed, so that messages name it even when the schema refused it.
 */
function treeNodeOf(doc: unknown, path: readonly PathSegment[]): { id: string; printedId?: string } | undefined {
  if (path[0] !== 'tree') return undefined;
  let list: unknown = (doc as { tree?: unknown } | null)?.tree;
  let found: { id: string; printedId?: string } | undefined;
  for (let k = 1; k < path.length; k += 2) {
    const i = path[k];
    if (!Array.isArray(list) || typeof i !== 'number') break;
    const n: unknown = list[i];
    if (n === null || typeof n !== 'object') break;
    const { id, printedId } = n as { id?: unknown; printedId?: unknown };
    if (typeof id !== 'string') break;
    found = typeof printedId === 'string' ? { id, printedId } : { id };
    if (path[k + 1] !== 'children') break;
    list = (n as { children?: unknown }).children;
  }
  return found;
}

/**
 * Loads a criteria set, throwing {@link ParIndexError} listing every error.
 *
 * @example
 * ```ts
 * const set = loadCriteriaSet(readFileSync('criteria/examples/van-lam-commune-2021.yaml', 'utf8'), { file: 'van-lam.yaml' });
 * set.hash; // "sha256:…"
 * ```
 */
export function loadCriteriaSet(input: unknown, opts: LoadOptions = {}): CriteriaSet {
  const r = checkCriteriaSet(input, opts);
  if (!r.ok || !r.set) throw new ParIndexError(r.issues.filter((i) => i.severity === 'error'));
  return r.set;
}

/** The path of the first node deeper than `max` levels (fields are level 1), or undefined. */
function treeTooDeep(tree: readonly CriteriaNode[], max: number): PathSegment[] | undefined {
  for (const loc of walk(tree)) if (loc.depth > max) return [...loc.path];
  return undefined;
}

function freezeSet(
  data: CriteriaSetData,
  warnings: readonly Issue[],
  file: string | undefined,
  formulaLimits: FormulaLimits | undefined,
  acknowledged: readonly AcknowledgedFinding[],
): CriteriaSet {
  // The hash is over the validated data only, so saving and loading again (YAML or JSON) keeps it.
  const hash = contentHash(data);
  // `data` is the schema's output: zod builds every object and array of it anew (the schema has no field that
  // passes a value through), so freezing it freezes nothing of the caller's input. tests/core/hash.test.ts checks
  // that an input given as parsed data is left unfrozen.
  const set = { ...data, hash, warnings: [...warnings], acknowledgedFindings: acknowledged, ...(file !== undefined ? { file } : {}) };
  Object.defineProperty(set, 'file', { enumerable: false, value: file });
  // Like the file name, not part of the set's data or hash: only how it was checked.
  if (formulaLimits) Object.defineProperty(set, 'formulaLimits', { enumerable: false, value: Object.freeze(formulaLimits) });
  Object.defineProperty(set, 'warnings', { enumerable: false, value: Object.freeze([...warnings]) });
  // Like the warnings: what the checks found, not part of the data (the `acknowledged` entries are, and are hashed).
  Object.defineProperty(set, 'acknowledgedFindings', { enumerable: false, value: acknowledged });
  return deepFreeze(set);
}

/**
 * The set's data as it would be saved (without hash), for writing back to a file.
 *
 * @example `JSON.stringify(criteriaData(set)) // the set as written, without its hash`
 */
export function criteriaData(set: CriteriaSet): CriteriaSetData {
  const { hash: _hash, ...data } = set;
  void _hash;
  return data;
}

/** Refuses to score with a draft (structure-only) set. */
export function assertScorable(set: CriteriaSet): void {
  if (set.status === 'draft') {
    throw new ParIndexError([
      issue(
        'criteria.draft',
        'error',
        ['status'],
        `criteria set "${set.id}" is a draft (structure only, points not filled in): it can be checked but not used to score`,
        `bộ tiêu chí "${set.id}" là bản nháp (chỉ có cấu trúc, chưa có điểm): chỉ kiểm tra được, không dùng để chấm điểm`,
        { file: set.file },
      ),
    ]);
  }
}
