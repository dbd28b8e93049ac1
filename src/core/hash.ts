/**
 * Content hashes: a SHA-256 over a canonical JSON form (keys sorted, no insignificant white space), so the
 * same criteria set has the same hash whatever the key order or the file format (YAML or JSON) it came in.
 * @module
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** Text is handed on in pieces of about this many characters, so a large value is never held as one string. */
const PIECE = 8192;

/** Characters JSON.stringify escapes in a string: the quote, the backslash, controls and lone surrogates. */
// eslint-disable-next-line no-control-regex -- the control characters are what the class is for
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * Sorts keys in place in UTF-16 code-unit order, as `Array.prototype.sort()` does: by insertion for the few keys of
 * most objects (three times faster than the built-in sort there), by the built-in sort for more.
 */
function sortKeys(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

/**
 * Writes `value` as canonical JSON, handing the text to `sink` in pieces. One accumulator and no intermediate
 * arrays: about three times faster than joining the parts of every object, which mattered because hashing was a
 * third of loading a large criteria set (docs/performance.md).
 */
function writeCanonical(value: unknown, sink: (piece: string) => void): void {
  let out = '';
  // Each key written once as JSON with its colon: a criteria set repeats a few dozen keys thousands of times.
  const written = new Map<string, string>();
  const write = (v: unknown): void => {
    switch (typeof v) {
      case 'string':
        // Most strings need no escaping: quoting them directly is about four times faster than JSON.stringify.
        out += NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`;
        break;
      case 'number':
        // As JSON.stringify writes numbers: NaN and ±Infinity become null, -0 becomes 0.
        out += Number.isFinite(v) ? String(v) : 'null';
        break;
      case 'boolean':
        out += v ? 'true' : 'false';
        break;
      case 'object': {
        if (v === null) {
          out += 'null';
          break;
        }
        if (typeof (v as { toJSON?: unknown }).toJSON === 'function') {
          write((v as { toJSON: () => unknown }).toJSON());
          break;
        }
        if (Array.isArray(v)) {
          out += '[';
          for (let i = 0; i < v.length; i++) {
            if (i > 0) out += ',';
            write(v[i]);
          }
          out += ']';
          break;
        }
        const rec = v as Record<string, unknown>;
        const keys = sortKeys(Object.keys(rec));
        out += '{';
        let first = true;
        for (const k of keys) {
          const x = rec[k];
          if (x === undefined) continue;
          if (!first) out += ',';
          first = false;
          let key = written.get(k);
          if (key === undefined) {
            key = `${JSON.stringify(k)}:`;
            written.set(k, key);
          }
          out += key;
          write(x);
        }
        out += '}';
        break;
      }
      default:
        // undefined, functions and symbols where a value must stand (an array element, the top level).
        out += JSON.stringify(v) ?? 'null';
    }
    if (out.length > PIECE) {
      sink(out);
      out = '';
    }
  };
  write(value);
  sink(out);
}

/**
 * Serialises a JSON-like value with object keys in sorted order. `undefined` members are left out, as
 * JSON.stringify does.
 *
 * @example canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }) // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  let text = '';
  writeCanonical(value, (piece) => {
    text += piece;
  });
  return text;
}

const utf8 = new TextEncoder();
/** A piece is at most PIECE plus one value's text; longer ones are encoded apart. UTF-8 takes ≤ 3 bytes per UTF-16 unit. */
const scratch = new Uint8Array(3 * 4 * PIECE);

/** The part of node:crypto used here. */
interface NodeCrypto {
  createHash(algorithm: 'sha256'): { update(text: string, encoding: 'utf8'): unknown; digest(encoding: 'hex'): string };
}

/**
 * Node's own SHA-256 when the core runs in Node (20.16 and later have `process.getBuiltinModule`), about four
 * times faster than the portable one; undefined in a browser, which uses @noble/hashes. Both hash the same UTF-8
 * bytes (tests/core/hash.test.ts compares them, and tests/project/browser.test.ts compares the hashes a browser computes).
 */
const nodeCrypto: NodeCrypto | undefined = (() => {
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    return proc?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
  } catch {
    return undefined;
  }
})();

/**
 * `sha256:` followed by the hex SHA-256 of the value's canonical JSON (UTF-8). The text is hashed piece by
 * piece as it is written, never held whole.
 *
 * @example contentHash({ a: 1 }) === contentHash(JSON.parse('{"a":1}')) // true
 */
export function contentHash(value: unknown): string {
  if (nodeCrypto === undefined) return contentHashPortable(value);
  const h = nodeCrypto.createHash('sha256');
  writeCanonical(value, (piece) => h.update(piece, 'utf8'));
  return `sha256:${h.digest('hex')}`;
}

/** @internal {@link contentHash} with @noble/hashes, as a browser computes it. */
export function contentHashPortable(value: unknown): string {
  const h = sha256.create();
  writeCanonical(value, (piece) => {
    if (3 * piece.length <= scratch.length) {
      const { written } = utf8.encodeInto(piece, scratch);
      h.update(scratch.subarray(0, written));
    } else {
      h.update(utf8.encode(piece));
    }
  });
  return `sha256:${bytesToHex(h.digest())}`;
}
