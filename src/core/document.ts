/**
 * Reading YAML and JSON text into plain data (pure: no file system), and the format-version check every file
 * of the library carries (`format: "par-index/criteria@1"`).
 * @module
 */
import { parseDocument as parseYamlDocument, isMap, isSeq, isScalar, isPair, LineCounter, type Node as YamlNode } from 'yaml';
import { issue, type Issue, ParIndexError } from './errors.js';

/**
 * Limits applied while parsing text.
 *
 * @example `loadCriteriaSet(text, { file: 'x.yaml', limits: { maxChars: 1_000_000, maxDepth: 32 } })`
 */
export interface ParseLimits {
  /** Largest accepted text, in characters (default 50 MB). */
  maxChars?: number;
  /** Most YAML alias expansions (default 100): refuses "billion laughs" documents. */
  maxAliases?: number;
  /** Deepest nesting of objects and arrays (default 64). */
  maxDepth?: number;
}

const DEFAULTS = { maxChars: 50_000_000, maxAliases: 100, maxDepth: 64 };

/**
 * Parses YAML or JSON text into plain data. JSON is parsed as YAML 1.2 (a superset), so one parser reports
 * positions for both. Throws {@link ParIndexError} with line and column on a syntax error.
 *
 * @example parseText('a: 0,25', { file: 'x.yaml' }) // { a: '0,25' } — comma decimals stay text for the schema
 */
export function parseText(text: string, opts: { file?: string | undefined; limits?: ParseLimits } = {}): unknown {
  const lim = { ...DEFAULTS, ...opts.limits };
  const file = opts.file;
  const isJson = file?.toLowerCase().endsWith('.json') ?? false;
  const code = isJson ? 'parse.json' : 'parse.yaml';
  if (text.length > lim.maxChars) {
    throw new ParIndexError([issue('io.too-large', 'error', [], `the text has ${text.length} characters; the limit is ${lim.maxChars}`, `văn bản có ${text.length} ký tự; giới hạn là ${lim.maxChars}`, { file })]);
  }
  const lineCounter = new LineCounter();
  const doc = parseYamlDocument(text, { prettyErrors: false, uniqueKeys: true, merge: false, version: '1.2', lineCounter });
  if (doc.errors.length > 0) {
    throw new ParIndexError(
      doc.errors.map((e) => {
        const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
        const at = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
        const atVi = pos ? ` tại dòng ${pos.line}, cột ${pos.col}` : '';
        return issue(code, 'error', [], `cannot parse${at}: ${e.message.split('\n')[0]}`, `không đọc được${atVi}: ${e.message.split('\n')[0]}`, { file });
      }),
    );
  }
  const depth = nodeDepth(doc.contents as YamlNode | null, 0, lim.maxDepth + 1);
  if (depth > lim.maxDepth) {
    throw new ParIndexError([issue(code, 'error', [], `nesting deeper than ${lim.maxDepth} levels`, `lồng nhau sâu quá ${lim.maxDepth} cấp`, { file })]);
  }
  try {
    // Aliases are counted during conversion; a document that expands too much is refused.
    return doc.toJS({ maxAliasCount: lim.maxAliases });
  } catch (e) {
    throw new ParIndexError([issue(code, 'error', [], `refused: ${(e as Error).message}`, `từ chối: ${(e as Error).message}`, { file })]);
  }
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
 * A file written by a newer library is refused with a message that says so.
 *
 * @example `checkFormat({ format: 'par-index/evidence@9' }, 'par-index/evidence', 1, 'x.yaml') // [{ code: 'format.future-version', … }]`
 */
export function checkFormat(doc: unknown, kind: string, newest: number, file?: string): Issue[] {
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
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
