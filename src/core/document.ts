/**
 * Reading YAML and JSON text into plain data (pure: no file system), and the format-version check every file
 * of the library carries (`format: "par-index/criteria@1"`).
 * @module
 */
import { CORE_SCHEMA, load as loadYamlFast } from 'js-yaml';
import { parseDocument as parseYamlDocument, isMap, isSeq, isScalar, isPair, LineCounter, type Node as YamlNode } from 'yaml';
import { issue, type Issue, ParIndexError, type PathSegment } from './errors.js';
import { beyondLimit, resolveLimits, type Limits } from './limits.js';

/**
 * Limits applied while parsing text (any subset of {@link Limits}; the rest keep their defaults). Kept under its
 * old name so existing callers compile unchanged.
 *
 * @example `loadCriteriaSet(text, { file: 'x.yaml', limits: { maxChars: 1_000_000, maxDepth: 32 } })`
 */
export type ParseLimits = Partial<Limits>;

/**
 * Parses YAML or JSON text into plain data. JSON is parsed as YAML 1.2 (a superset), so one parser reports
 * positions for both. Throws {@link ParIndexError} with line and column on a syntax error.
 *
 * @example parseText('a: 0,25', { file: 'x.yaml' }) // { a: '0,25' } — comma decimals stay text for the schema
 */
export function parseText(text: string, opts: { file?: string | undefined; limits?: ParseLimits } = {}): unknown {
  const lim = resolveLimits(opts.limits);
  const file = opts.file;
  const isJson = file?.toLowerCase().endsWith('.json') ?? false;
  const code = isJson ? 'parse.json' : 'parse.yaml';
  if (text.length > lim.maxChars) {
    throw beyondLimit('maxChars', text.length, lim.maxChars, { en: 'the text has too many characters', vi: 'văn bản có quá nhiều ký tự' }, [], file);
  }
  const fast = parseFast(text);
  if (fast !== NOT_FAST) {
    const bad = checkData(fast, { file, limits: lim });
    if (bad.length > 0) throw new ParIndexError(bad);
    return fast;
  }
  const lineCounter = new LineCounter();
  const doc = parseYamlDocument(text, { prettyErrors: false, uniqueKeys: true, merge: false, version: '1.2', lineCounter });
  if (doc.errors.length > 0) {
    throw new ParIndexError(
      doc.errors.map((e) => {
        const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
        const at = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
        const atVi = pos ? ` tại dòng ${pos.line}, cột ${pos.col}` : '';
        // The parser recurses per nesting level and reports running out of stack as a syntax error, before the
        // depth limit below can be checked: say what it means.
        if (/Maximum call stack/i.test(e.message)) {
          return issue(code, 'error', [], `cannot parse${at}: nested too deeply to read (the limit is ${lim.maxDepth} levels)`, `không đọc được${atVi}: lồng nhau quá sâu (giới hạn ${lim.maxDepth} cấp)`, { file });
        }
        return issue(code, 'error', [], `cannot parse${at}: ${e.message.split('\n')[0]}`, `không đọc được${atVi}: ${e.message.split('\n')[0]}`, { file });
      }),
    );
  }
  const depth = nodeDepth(doc.contents as YamlNode | null, 0, lim.maxDepth + 1);
  if (depth > lim.maxDepth) {
    throw new ParIndexError([issue(code, 'error', [], `nesting deeper than ${lim.maxDepth} levels (raise it with limits.maxDepth if this input is intended)`, `lồng nhau sâu quá ${lim.maxDepth} cấp (nâng bằng limits.maxDepth nếu đầu vào này là đúng)`, { file })]);
  }
  let data: unknown;
  try {
    // Aliases are counted during conversion; a document that expands too much is refused.
    data = doc.toJS({ maxAliasCount: lim.maxAliases });
  } catch (e) {
    throw new ParIndexError([issue(code, 'error', [], `refused: ${(e as Error).message} (at most ${lim.maxAliases} alias expansions: raise it with limits.maxAliases if this input is intended)`, `từ chối: tài liệu mở rộng alias YAML quá ${lim.maxAliases} lần (${(e as Error).message})`, { file })], { cause: e });
  }
  const bad = checkData(data, { file, limits: lim });
  if (bad.length > 0) throw new ParIndexError(bad);
  return data;
}

const NOT_FAST: unique symbol = Symbol('not-fast');

/**
 * @internal Anchors, aliases and tags anywhere in the text: `&a`, `*a`, `!tag` where a node may start. Text with
 * any of them takes the careful path, which counts alias expansions; a false match (a title with " *x") only
 * costs time.
 */
export const MAY_ALIAS = /(^|[\s[{,:])[&*!][^\s,[\]{}]/m;

/** Where a node may start (what `^` or the class before `[&*!]` allows in {@link MAY_ALIAS}). */
const NODE_START = /[\s[{,:]/;
/** What may follow an anchor, alias or tag sign (not a space or a flow indicator). */
const NAME_CHAR = /[^\s,[\]{}]/;

/**
 * @internal {@link MAY_ALIAS}, tested only where one of `&`, `*`, `!` occurs: the same answer, about twenty times
 * faster on a large file, where the regular expression tried every character.
 */
export function mayAlias(text: string): boolean {
  for (const sign of ['&', '*', '!']) {
    for (let i = text.indexOf(sign); i >= 0; i = text.indexOf(sign, i + 1)) {
      if ((i === 0 || NODE_START.test(text[i - 1]!)) && i + 1 < text.length && NAME_CHAR.test(text[i + 1]!)) return true;
    }
  }
  return false;
}

/** Exponents of three digits: js-yaml leaves a float that overflows (2e308) as text, the careful path reads Infinity. */
const BIG_EXPONENT = /\d[eE][+-]?\d{3}/;

/**
 * The fast path of {@link parseText}: js-yaml, about ten times faster than the \`yaml\` package on large files
 * (a 1,000-node criteria set parses in ~20 ms instead of ~200 ms), with the same YAML 1.2 core schema (dates
 * and "0,25" stay text, duplicate keys are errors). It is taken only for text without anchors, aliases or tags,
 * and only when it succeeds: any error, and any document using those features, goes through the \`yaml\`
 * package, whose messages carry line and column and which limits alias expansion. tests/document.test.ts
 * checks that both paths give the same data.
 */
function parseFast(text: string): unknown {
  if (mayAlias(text) || BIG_EXPONENT.test(text)) return NOT_FAST;
  try {
    return loadYamlFast(text, { schema: CORE_SCHEMA });
  } catch {
    return NOT_FAST;
  }
}

/** @internal The careful path alone, for tests that compare the two. */
export function parseTextCareful(text: string): unknown {
  return parseYamlDocument(text, { prettyErrors: false, uniqueKeys: true, merge: false, version: '1.2' }).toJS();
}

/**
 * True for the one key that cannot be stored as data in a plain object by assignment (`obj[key] = v` sets the
 * object's prototype instead). Loaders that build objects keyed by names from a file refuse it.
 *
 * @example `isProtoKey('__proto__') // true`
 */
export function isProtoKey(key: string): boolean {
  return key === '__proto__';
}

/**
 * Checks data that did not come through {@link parseText} (a caller's parsed JSON, or parseText's own output)
 * before any schema walks it: nesting no deeper than `limits.maxDepth` (deep or cyclic data would overflow the
 * stack of the recursive validators) and no `__proto__` key. A `__proto__` key means different things to
 * different readers — an own property to JSON.parse and YAML, the prototype to an object literal or an
 * assignment `obj[key] = …` — so a value under it would be silently dropped or, worse, inherited by every key
 * lookup on that object; it is refused wherever it appears. Returns the problems with their paths; never throws.
 *
 * @example `checkData(JSON.parse('{"__proto__": {"x": 1}}'), { file: 'x.json' })[0].path // ["__proto__"]`
 */
export function checkData(data: unknown, opts: { file?: string | undefined; limits?: ParseLimits | undefined } = {}): Issue[] {
  const lim = resolveLimits(opts.limits);
  const file = opts.file;
  interface Frame {
    readonly value: unknown;
    readonly depth: number;
    readonly key: PathSegment | undefined;
    readonly parent: Frame | undefined;
  }
  const pathOf = (f: Frame): PathSegment[] => {
    const p: PathSegment[] = [];
    for (let x: Frame | undefined = f; x && x.key !== undefined; x = x.parent) p.unshift(x.key);
    return p;
  };
  const out: Issue[] = [];
  // An explicit stack, not recursion: the point is to survive data deep enough to overflow the call stack.
  const stack: Frame[] = [{ value: data, depth: 0, key: undefined, parent: undefined }];
  while (stack.length > 0) {
    const f = stack.pop()!;
    const v = f.value;
    if (v === null || typeof v !== 'object') continue;
    if (f.depth >= lim.maxDepth) {
      return [issue('schema.invalid-value', 'error', pathOf(f), `nesting deeper than ${lim.maxDepth} levels (or a cycle in the data): raise limits.maxDepth if this input is intended`, `lồng nhau sâu quá ${lim.maxDepth} cấp (hoặc dữ liệu vòng lặp): nâng limits.maxDepth nếu đầu vào này là đúng`, { file })];
    }
    // Only objects and arrays are pushed: text and numbers, most of a document, have nothing below them to check.
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        const x: unknown = v[i];
        if (x !== null && typeof x === 'object') stack.push({ value: x, depth: f.depth + 1, key: i, parent: f });
      }
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]!;
      if (isProtoKey(k)) {
        if (out.length < 20) out.push(issue('schema.unknown-key', 'error', [...pathOf(f), k], 'the key "__proto__" is not allowed: it would change how every other key of this object is read', 'không được dùng khóa "__proto__": khóa này làm thay đổi cách đọc mọi khóa khác của đối tượng', { file }));
        continue;
      }
      const x = (v as Record<string, unknown>)[k];
      if (x !== null && typeof x === 'object') stack.push({ value: x, depth: f.depth + 1, key: k, parent: f });
    }
  }
  return out;
}

function nodeDepth(node: YamlNode | null | undefined, d: number, stop: number): number {
  if (d >= stop || !node) return d;
  if (isMap(node)) {
    let m = d + 1;
    for (const it of node.items) {
      if (isPair(it)) m = Math.max(m, nodeDepth(it.value as YamlNode, d + 1, stop));
      if (m >= stop) return m;
    }
    return m;
  }
  if (isSeq(node)) {
    let m = d + 1;
    for (const it of node.items) {
      m = Math.max(m, nodeDepth(it as YamlNode, d + 1, stop));
      if (m >= stop) return m;
    }
    return m;
  }
  return isScalar(node) ? d : d;
}

/**
 * Checks a document's `format` tag: present, of the expected kind, and of a version this library reads.
 * A file written by a newer library is refused with a message that says so. Then checks the data with
 * {@link checkData}.
 *
 * @example `checkFormat({ format: 'par-index/evidence@9' }, 'par-index/evidence', 1, 'x.yaml') // [{ code: 'format.future-version', … }]`
 */
export function checkFormat(doc: unknown, kind: string, newest: number, file?: string, limits?: ParseLimits): Issue[] {
  const tag = checkFormatTag(doc, kind, newest, file);
  // Every loader calls this right after parsing and before its schema: the place to refuse data too deep for the
  // recursive validators, cyclic data, and `__proto__` keys, whether the caller gave text or parsed data.
  return tag.length > 0 ? tag : checkData(doc, { file, limits });
}

/**
 * @internal The format-tag half of {@link checkFormat}, for a caller that has just parsed the document with
 * {@link parseText} (which ran {@link checkData} with the same limits) and handed it to no one in between.
 */
export function checkFormatTag(doc: unknown, kind: string, newest: number, file: string | undefined): Issue[] {
  const f = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>)['format'] : undefined;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return [issue('schema.invalid-type', 'error', [], `expected a ${kind} document (an object with format: "${kind}@${newest}")`, `cần một tài liệu ${kind} (đối tượng có format: "${kind}@${newest}")`, { file })];
  }
  if (f === undefined) {
    return [issue('format.missing', 'error', ['format'], `missing format: expected "${kind}@${newest}"`, `thiếu trường format: cần "${kind}@${newest}"`, { file })];
  }
  const m = typeof f === 'string' ? /^(.+)@(\d+)$/.exec(f) : null;
  if (!m || m[1] !== kind) {
    return [issue('format.unknown', 'error', ['format'], `format "${String(f)}" is not "${kind}@<version>"`, `format "${String(f)}" không phải "${kind}@<phiên bản>"`, { file })];
  }
  const v = Number(m[2]);
  if (v > newest || v < 1) {
    return [issue('format.future-version', 'error', ['format'], `this file is ${kind} version ${v}; this version of par-index reads up to version ${newest}: upgrade par-index to read it`, `tệp này là ${kind} phiên bản ${v}; phiên bản par-index này chỉ đọc đến phiên bản ${newest}: hãy nâng cấp par-index`, { file })];
  }
  return [];
}

/** Deep-freezes plain data (objects and arrays) in place and returns it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) if (v !== null && typeof v === 'object') deepFreeze(v);
  }
  return value;
}
