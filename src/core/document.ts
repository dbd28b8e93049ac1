/**
 * Reading YAML and JSON text into plain data (pure: no file system), and the format-version check every file
 * of the library carries (`format: "par-index/criteria@1"`).
 *
 * **One YAML parser.** Every text goes through the `yaml` package (eemeli/yaml), with the YAML 1.2 core schema
 * whatever the document's directives say: a `%YAML 1.1` directive is accepted but does not change how a scalar
 * resolves. Left to itself, `yaml` switches to its `yaml-1.1` schema on that directive (`0100` becomes 64,
 * `yes` becomes true, `<<` merges); the options in {@link YAML_OPTIONS} override what the directive would pick,
 * so `0100` stays 100, `yes` and `1_000` stay text, `0o14` is 12, dates and comma decimals ("0,25") stay text.
 * Tagged scalars resolve as they do without a directive. Other directives (`%TAG`, an unknown `%YAML 1.3`) are
 * warnings of the parser, not errors, and are ignored like any warning. Duplicate keys are errors, with line
 * and column; alias expansions are counted against `limits.maxAliases`; nesting is checked against
 * `limits.maxDepth` before the document is converted, and the data again by {@link checkData} (depth and
 * `__proto__` keys). JSON is read by the same parser (YAML 1.2 is a superset), so its errors carry positions too.
 * @module
 */
import {
  parseDocument as parseYamlDocument,
  isMap,
  isSeq,
  isScalar,
  isPair,
  LineCounter,
  type DocumentOptions,
  type Node as YamlNode,
  type YAMLMap,
  type ParseOptions,
  type SchemaOptions,
} from 'yaml';
import { issue, type Issue, ParIndexError, type PathSegment } from './errors.js';
import { beyondLimit, resolveLimits, type Limits } from './limits.js';
import { nfc } from './text.js';

/**
 * Limits applied while parsing text (any subset of {@link Limits}; the rest keep their defaults). Kept under its
 * old name so existing callers compile unchanged.
 *
 * @example `loadCriteriaSet(text, { file: 'x.yaml', limits: { maxChars: 1_000_000, maxDepth: 32 } })`
 */
export type ParseLimits = Partial<Limits>;

/**
 * Parses YAML or JSON text into plain data. JSON — a `.json` file, `syntax: 'json'` (an app that knows the
 * request's content type), or text whose first character is `{` or `[` — is read by the JSON parser (several
 * times faster than YAML), with JSON-worded messages and duplicate keys refused as YAML refuses them; text that
 * only looks like JSON (a YAML flow mapping `{a: 1}`) is read as YAML. Throws {@link ParIndexError} with line and
 * column on a syntax error.
 *
 * @example parseText('a: 0,25', { file: 'x.yaml' }) // { a: '0,25' } — comma decimals stay text for the schema
 */
export function parseText(
  text: string,
  opts: { file?: string | undefined; limits?: ParseLimits; syntax?: 'json' | 'yaml' | undefined } = {},
): unknown {
  return parseTextLocated(text, opts).data;
}

/** Where the paths of a parsed text are: line and column (1-based), or undefined where the path is not in it. */
export type Locator = (path: readonly PathSegment[]) => { line: number; col: number } | undefined;

/**
 * @internal {@link parseText}, with a way to place paths in the text afterwards: for YAML from the document just
 * parsed (kept until the caller lets go of the result), for JSON by one parse of the text with the YAML reader,
 * made only when asked.
 */
export function parseTextLocated(
  text: string,
  opts: { file?: string | undefined; limits?: ParseLimits; syntax?: 'json' | 'yaml' | undefined } = {},
): { data: unknown; locator: () => Locator | undefined } {
  const lim = resolveLimits(opts.limits);
  const file = opts.file;
  const syntax = opts.syntax ?? syntaxOf(text, file);
  const isJson = syntax === 'json';
  const code = isJson ? 'parse.json' : 'parse.yaml';
  if (text.length > lim.maxChars) {
    throw beyondLimit(
      'maxChars',
      text.length,
      lim.maxChars,
      { en: 'the text has too many characters', vi: 'văn bản có quá nhiều ký tự' },
      [],
      file,
    );
  }
  // Composed (NFC), so a name written decomposed by the program that saved the file equals the same name typed.
  text = nfc(text);
  // Text that only looks like JSON (its first character) may be a YAML flow mapping: if JSON refuses it, YAML
  // reads it; if YAML refuses it too, the JSON reader's problem is the one reported.
  let jsonError: ParIndexError | undefined;
  if (isJson) {
    const sure = opts.syntax === 'json' || file?.toLowerCase().endsWith('.json') === true;
    try {
      const data = parseJson(text, file);
      const bad = checkData(data, { file, limits: lim });
      if (bad.length > 0) throw new ParIndexError(bad);
      const json = text;
      return { data, locator: () => textLocator(json) };
    } catch (e) {
      if (sure || !(e instanceof ParIndexError) || e.issues[0]?.code !== 'parse.json') throw e;
      jsonError = e;
    }
  }
  const lineCounter = new LineCounter();
  const doc = parseYamlDocument(text, { ...YAML_OPTIONS, lineCounter });
  if (doc.errors.length > 0) {
    if (jsonError) throw jsonError;
    throw new ParIndexError(
      doc.errors.map((e) => {
        const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
        const at = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
        const atVi = pos ? ` tại dòng ${pos.line}, cột ${pos.col}` : '';
        // The parser recurses per nesting level and reports running out of stack as a syntax error, before the
        // depth limit below can be checked: say what it means.
        if (/Maximum call stack/i.test(e.message)) {
          return issue(
            code,
            'error',
            [],
            `cannot parse${at}: nested too deeply to read (the limit is ${lim.maxDepth} levels)`,
            `không đọc được${atVi}: lồng nhau quá sâu (giới hạn ${lim.maxDepth} cấp)`,
            { file },
          );
        }
        return issue(
          code,
          'error',
          [],
          `cannot parse${at}: ${e.message.split('\n')[0]}`,
          `không đọc được${atVi}: ${e.message.split('\n')[0]}`,
          { file },
        );
      }),
    );
  }
  const depth = nodeDepth(doc.contents, 0, lim.maxDepth + 1);
  if (depth > lim.maxDepth) {
    throw new ParIndexError([
      issue(
        code,
        'error',
        [],
        `nesting deeper than ${lim.maxDepth} levels (raise it with limits.maxDepth if this input is intended)`,
        `lồng nhau sâu quá ${lim.maxDepth} cấp (nâng bằng limits.maxDepth nếu đầu vào này là đúng)`,
        { file },
      ),
    ]);
  }
  let data: unknown;
  try {
    // Aliases are counted during conversion; a document that expands too much is refused.
    data = doc.toJS({ maxAliasCount: lim.maxAliases });
  } catch (e) {
    throw new ParIndexError(
      [
        issue(
          code,
          'error',
          [],
          `refused: ${(e as Error).message} (at most ${lim.maxAliases} alias expansions: raise it with limits.maxAliases if this input is intended)`,
          `từ chối: tài liệu mở rộng alias YAML quá ${lim.maxAliases} lần (${(e as Error).message})`,
          { file },
        ),
      ],
      { cause: e },
    );
  }
  const bad = checkData(data, { file, limits: lim });
  if (bad.length > 0) throw new ParIndexError(bad);
  const root = doc.contents;
  return { data, locator: () => locatorOf(root, lineCounter) };
}

/** JSON by its file name or, without one that says, by its first character. */
function syntaxOf(text: string, file: string | undefined): 'json' | 'yaml' {
  const f = file?.toLowerCase();
  if (f?.endsWith('.json')) return 'json';
  if (f?.endsWith('.yaml') || f?.endsWith('.yml')) return 'yaml';
  const first = /\S/.exec(text)?.[0];
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

/** Line and column (1-based) of an offset in a text. */
function lineCol(text: string, at: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: at - start + 1 };
}

/** JSON text as data; a syntax error or a duplicate key is one `parse.json` problem, worded for JSON. */
function parseJson(text: string, file: string | undefined): unknown {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    // The parser's own words are English and its offset is not always given: find the offending character.
    const bad = jsonErrorOffset(text);
    const atEnd = bad >= text.trimEnd().length;
    const pos = atEnd ? undefined : lineCol(text, bad);
    const ch = atEnd ? undefined : text[bad];
    const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
    const whereVi = pos ? ` tại dòng ${pos.line}, cột ${pos.col}` : '';
    throw new ParIndexError(
      [
        issue(
          'parse.json',
          'error',
          [],
          atEnd
            ? `not valid JSON: the text ends before the value is complete (a missing "}", "]" or quote)`
            : `not valid JSON${where}: unexpected ${ch !== undefined ? `"${ch}"` : 'character'} (JSON needs double-quoted keys and strings, commas between items and none after the last)`,
          atEnd
            ? `không phải JSON hợp lệ: văn bản kết thúc khi giá trị chưa đủ (thiếu "}", "]" hoặc dấu nháy)`
            : `không phải JSON hợp lệ${whereVi}: ký tự ${ch !== undefined ? `"${ch}" ` : ''}không đúng chỗ (JSON cần khóa và chuỗi trong nháy kép, dấu phẩy giữa các phần tử và không có dấu phẩy sau phần tử cuối)`,
          { file },
        ),
      ],
      { cause: e },
    );
  }
  const dup = duplicateKey(text);
  if (dup) {
    const pos = lineCol(text, dup.at);
    throw new ParIndexError([
      issue(
        'parse.json',
        'error',
        [],
        `duplicate key "${dup.key}" at line ${pos.line}, column ${pos.col}: JSON.parse would keep only the last value`,
        `khóa "${dup.key}" bị lặp tại dòng ${pos.line}, cột ${pos.col}: chỉ giá trị cuối được giữ`,
        { file },
      ),
    ]);
  }
  return data;
}

/** Whether JSON.parse refuses the first `k` characters for something inside them (not for ending early). */
function refusesPrefix(text: string, k: number): boolean {
  try {
    JSON.parse(text.slice(0, k));
    return false;
  } catch (e) {
    const msg = (e as Error).message;
    if (/Unexpected end of JSON input/.test(msg)) return false;
    const m = /at position (\d+)/.exec(msg);
    return m ? Number(m[1]) < k : true;
  }
}

/**
 * The offset of the character that makes JSON text invalid (its length when the text ends too early): the
 * shortest prefix JSON.parse refuses for something inside it, found by bisection (only on the error path).
 */
function jsonErrorOffset(text: string): number {
  if (!refusesPrefix(text, text.length)) return text.length;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (refusesPrefix(text, mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

/**
 * The first key an object of valid JSON text repeats, with its offset. JSON.parse keeps the last silently; the
 * YAML reader refuses it, and so must the JSON one. One pass over the text, which JSON.parse has already checked.
 */
function duplicateKey(text: string): { key: string; at: number } | undefined {
  const stack: (Set<string> | null)[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 /* { */) stack.push(new Set());
    else if (c === 91 /* [ */) stack.push(null);
    else if (c === 125 /* } */ || c === 93 /* ] */) stack.pop();
    else if (c === 34 /* " */) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) {
          escaped = true;
          i++;
        } else if (d === 34) break;
      }
      const keys = stack[stack.length - 1];
      if (!keys) continue;
      let j = i + 1;
      while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\n' || text[j] === '\r')) j++;
      if (text[j] !== ':') continue;
      const raw = text.slice(start, i + 1);
      const key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      if (keys.has(key)) return { key, at: start };
      keys.add(key);
    }
  }
  return undefined;
}

/**
 * @internal Where each path of a YAML or JSON text is: a function from a path (`['tree', 1, 'max']`) to the line
 * and column (1-based) of the value it names, or of the deepest part of it the text has (a missing `max` points
 * at its node). Undefined when the text does not parse as YAML (JSON text is read by the same parser, which
 * keeps source ranges). Only called when there are issues to place, so a valid file is parsed once.
 */
export function textLocator(text: string): Locator | undefined {
  const lineCounter = new LineCounter();
  let root: unknown;
  try {
    const doc = parseYamlDocument(nfc(text), { ...YAML_OPTIONS, lineCounter });
    if (doc.errors.length > 0) return undefined;
    root = doc.contents;
  } catch {
    return undefined;
  }
  return locatorOf(root, lineCounter);
}

/** The {@link Locator} of a parsed YAML document's contents. */
function locatorOf(root: unknown, lineCounter: LineCounter): Locator {
  // Each mapping's keys indexed once: a file with thousands of problems in one large mapping stays linear.
  const keys = new WeakMap<object, Map<string, unknown>>();
  const keyed = (map: YAMLMap): Map<string, unknown> => {
    let m = keys.get(map);
    if (!m) {
      m = new Map();
      for (const it of map.items) if (isScalar(it.key) && !m.has(String(it.key.value))) m.set(String(it.key.value), it.value ?? it.key);
      keys.set(map, m);
    }
    return m;
  };
  return (path) => {
    let node: unknown = root;
    let at: YamlNode | undefined;
    for (const seg of path) {
      let next: unknown;
      if (isMap(node)) next = keyed(node).get(String(seg));
      else if (isSeq(node) && typeof seg === 'number') next = node.items[seg];
      if (!next || typeof next !== 'object') break;
      node = next;
      at = next as YamlNode;
    }
    const offset = at?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset);
  };
}

/**
 * @internal The options of every parse: the YAML 1.2 core schema, pinned. `version` is only the default a
 * `%YAML` directive replaces; `schema`, `resolveKnownTags` and `merge` are applied after the directive's choice,
 * so they hold whatever the document declares. `strict`, `uniqueKeys` and `intAsBigInt` are `yaml`'s defaults,
 * written out so that no default of a later version changes them.
 */
export const YAML_OPTIONS: Readonly<ParseOptions & DocumentOptions & SchemaOptions> = Object.freeze({
  version: '1.2',
  schema: 'core',
  resolveKnownTags: true,
  merge: false,
  uniqueKeys: true,
  strict: true,
  intAsBigInt: false,
  prettyErrors: false,
});

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
      return [
        issue(
          'schema.invalid-value',
          'error',
          pathOf(f),
          `nesting deeper than ${lim.maxDepth} levels (or a cycle in the data): raise limits.maxDepth if this input is intended`,
          `lồng nhau sâu quá ${lim.maxDepth} cấp (hoặc dữ liệu vòng lặp): nâng limits.maxDepth nếu đầu vào này là đúng`,
          { file },
        ),
      ];
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
        if (out.length < 20)
          out.push(
            issue(
              'schema.unknown-key',
              'error',
              [...pathOf(f), k],
              'the key "__proto__" is not allowed: it would change how every other key of this object is read',
              'không được dùng khóa "__proto__": khóa này làm thay đổi cách đọc mọi khóa khác của đối tượng',
              { file },
            ),
          );
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
    return [
      issue(
        'schema.invalid-type',
        'error',
        [],
        `expected a ${kind} document (an object with format: "${kind}@${newest}")`,
        `cần một tài liệu ${kind} (đối tượng có format: "${kind}@${newest}")`,
        { file },
      ),
    ];
  }
  if (f === undefined) {
    return [
      issue(
        'format.missing',
        'error',
        ['format'],
        `missing format: expected "${kind}@${newest}"`,
        `thiếu trường format: cần "${kind}@${newest}"`,
        { file },
      ),
    ];
  }
  const m = typeof f === 'string' ? /^(.+)@(\d+)$/.exec(f) : null;
  if (!m || m[1] !== kind) {
    return [
      issue(
        'format.unknown',
        'error',
        ['format'],
        `format "${String(f)}" is not "${kind}@<version>"`,
        `format "${String(f)}" không phải "${kind}@<phiên bản>"`,
        { file },
      ),
    ];
  }
  const v = Number(m[2]);
  if (v > newest || v < 1) {
    return [
      issue(
        'format.future-version',
        'error',
        ['format'],
        `this file is ${kind} version ${v}; this version of par-index reads up to version ${newest}: upgrade par-index to read it`,
        `tệp này là ${kind} phiên bản ${v}; phiên bản par-index này chỉ đọc đến phiên bản ${newest}: hãy nâng cấp par-index`,
        { file },
      ),
    ];
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
