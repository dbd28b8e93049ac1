/**
 * Content hashes (src/core/hash.ts): the canonical JSON writer against a plain reference (keys sorted, each
 * piece written by JSON.stringify), and both streamed SHA-256s (node:crypto's, used in Node, and @noble/hashes',
 * used in a browser) against node:crypto over the whole reference text. The writer hands text on in pieces of
 * 8,192 characters, so the cases include values much longer than that, with Vietnamese text.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import { canonicalJson, contentHash, contentHashPortable } from '../../src/core/hash.js';
import { parseText } from '../../src/core/document.js';
import { loadCriteriaSet, criteriaData } from '../../src/criteria/load.js';

/**
 * The reference: the plain recursive writer (the one this library used before the streamed one), keys sorted as
 * text. Not a sorted copy given to JSON.stringify: an object lists integer-like keys first whatever their order.
 */
function reference(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : reference(x))).join(',')}]`;
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const rec = v as Record<string, unknown>;
  return `{${Object.keys(rec)
    .sort()
    .filter((k) => rec[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${reference(rec[k])}`)
    .join(',')}}`;
}
const referenceHash = (v: unknown) => `sha256:${createHash('sha256').update(reference(v), 'utf8').digest('hex')}`;

/** JSON values whose strings mix ASCII, Vietnamese letters, escapes and astral characters. */
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    'Tiêu chí',
    'Điều 7',
    'a"b\\c\n',
    '\u0000\u001f\u007f',
    'lone \ud800 and \udfff',
    '\u2028\u2029',
    '😀𝄞',
    'ữ'.repeat(5000),
  ),
  fc.string({ unit: 'binary' }),
);
const json = fc.jsonValue({ maxDepth: 4 }).chain((v) =>
  fc.record({
    v: fc.constant(v),
    s: text,
    wide: fc.dictionary(text, fc.integer(), { minKeys: 17, maxKeys: 40 }),
    few: fc.dictionary(text, fc.integer(), { maxKeys: 16 }),
    big: fc.array(fc.record({ id: text, n: fc.double({ noNaN: true }), ok: fc.boolean() }), { maxLength: 400 }),
  }),
);

describe('canonicalJson and contentHash', () => {
  it('write what sorting the keys and calling JSON.stringify writes, and hash its UTF-8 bytes', () => {
    fc.assert(
      fc.property(json, (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
        const h = referenceHash(v);
        expect(contentHash(v)).toBe(h);
        expect(contentHashPortable(v)).toBe(h);
      }),
      { numRuns: 200, seed: 20261129 },
    );
  });

  it('keep sorting integer-like keys as text ("10" before "9"), as the hashes already published were made', () => {
    const v = { 9: 'a', 10: 'b', b: [1, { y: 2, x: undefined, w: null }], a: -0 };
    expect(canonicalJson(v)).toBe('{"10":"b","9":"a","a":0,"b":[1,{"w":null,"y":2}]}');
    expect(contentHash(v)).toBe(`sha256:${createHash('sha256').update('{"10":"b","9":"a","a":0,"b":[1,{"w":null,"y":2}]}').digest('hex')}`);
  });

  it('write NaN, Infinity, undefined array members and toJSON values as JSON.stringify does', () => {
    const v = [NaN, -Infinity, undefined, new Date(Date.UTC(2021, 11, 15)), { toJSON: () => ({ b: 1, a: 2 }) }];
    expect(canonicalJson(v)).toBe('[null,null,null,"2021-12-15T00:00:00.000Z",{"a":2,"b":1}]');
  });

  it('hash a single string longer than the scratch buffer (50,000 Vietnamese letters, 150,000 bytes)', () => {
    const v = { long: 'Đ'.repeat(25_000) + 'ữ'.repeat(25_000), short: 'x' };
    expect(contentHash(v)).toBe(referenceHash(v));
    expect(contentHashPortable(v)).toBe(referenceHash(v));
  });

  it("give the bundled criteria set's hash over its data read back from YAML or JSON, whatever the key order", () => {
    const file = 'criteria/examples/van-lam-commune-2021.yaml';
    const set = loadCriteriaSet(readFileSync(file, 'utf8'), { file });
    const data = criteriaData(set);
    expect(set.hash).toBe(referenceHash(data));
    const reversed = JSON.parse(JSON.stringify(data), (_k, val: unknown) =>
      val && typeof val === 'object' && !Array.isArray(val) ? Object.fromEntries(Object.entries(val).reverse()) : val,
    );
    expect(contentHash(reversed)).toBe(set.hash);
    expect(contentHash(parseText(JSON.stringify(data), { file: 'x.json' }))).toBe(set.hash);
  });

  it('load a set given as parsed data without freezing any object of it (the set is frozen, its input is not)', () => {
    const file = 'criteria/examples/van-lam-commune-2021.yaml';
    const input = parseText(readFileSync(file, 'utf8'), { file });
    const set = loadCriteriaSet(input, { file });
    expect(Object.isFrozen(set.tree[0])).toBe(true);
    const frozen: string[] = [];
    const walk = (v: unknown, at: string): void => {
      if (v === null || typeof v !== 'object') return;
      if (Object.isFrozen(v)) frozen.push(at);
      for (const [k, x] of Object.entries(v)) walk(x, `${at}.${k}`);
    };
    walk(input, 'input');
    expect(frozen).toEqual([]);
  });
});
