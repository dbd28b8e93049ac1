/**
 * Issue 26, item 4: JSON evidence is read by the JSON parser (an app posts JSON; the YAML reader took most of a
 * request's time), with JSON-worded messages, one per problem, and Vietnamese text that does not quote the
 * parser's English.
 */
import { describe, expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import { parseText } from '../../src/core/document.js';
import type { Issue } from '../../src/core/errors.js';
import { loadEvidence } from '../../src/evidence/load.js';
import { issuesOf } from '../support/support.js';

const ENGLISH_PARSER_WORDS = /Unexpected|token|position|Expected|JSON\.parse|is not valid|Nested|flow/;
const only = (f: () => unknown): Issue => {
  const list = issuesOf(f);
  expect(list).toHaveLength(1);
  return list[0]!;
};

describe('JSON text', () => {
  it('a trailing comma: one parse.json problem at its line and column, in both languages', () => {
    const i = only(() => parseText('{\n  "a": 1,\n}', { file: 'ev.json' }));
    expect(i).toMatchObject({ code: 'parse.json', file: 'ev.json', path: [] });
    expect(i.message).toBe(
      'not valid JSON at line 3, column 1: unexpected "}" (JSON needs double-quoted keys and strings, commas between items and none after the last)',
    );
    expect(i.messageVi).toMatch(/^không phải JSON hợp lệ tại dòng 3, cột 1: ký tự "\}" không đúng chỗ/);
    expect(i.messageVi).not.toMatch(ENGLISH_PARSER_WORDS);
  });
  it('an unquoted value, text cut short, garbage after the value: each one problem, none quoting the parser', () => {
    const bad = only(() => parseText('{"units": [\n  {"id": x}\n]}', { syntax: 'json' }));
    expect(bad.message).toMatch(/^not valid JSON at line 2, column 10: unexpected "x"/);
    const cut = only(() => parseText('{"units": [1, 2', { file: 'ev.json' }));
    expect(cut.message).toBe('not valid JSON: the text ends before the value is complete (a missing "}", "]" or quote)');
    const after = only(() => parseText('{"a": 1} x', { file: 'ev.json' }));
    expect(after.message).toMatch(/^not valid JSON at line 1, column 10: unexpected "x"/);
    for (const i of [bad, cut, after]) expect(i.messageVi).not.toMatch(ENGLISH_PARSER_WORDS);
  });
  it('a duplicate key is refused as the YAML reader refuses it (JSON.parse would keep the last)', () => {
    const i = only(() => parseText('{"b": {"a": 1, "a": 1}, "a": 2}', { file: 'ev.json' }));
    expect(i.message).toBe('duplicate key "a" at line 1, column 16: JSON.parse would keep only the last value');
    // Keys equal after their escapes are read are the same key; the same key in two objects is not a duplicate.
    expect(issuesOf(() => parseText('{"a": 1, "\\u0061": 2}', { file: 'x.json' }))[0]!.message).toMatch(/duplicate key "a"/);
    expect(parseText('{"b": {"a": 1}, "a": 2, "c": ["a", "a"]}', { file: 'x.json' })).toEqual({ b: { a: 1 }, a: 2, c: ['a', 'a'] });
  });
  it('the JSON parser reads what the YAML reader read from the same JSON (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        const text = JSON.stringify(v);
        const want = JSON.parse(text) as unknown;
        expect(parseText(text, { file: 'x.json' })).toEqual(want);
        expect(parseText(text, { syntax: 'yaml' })).toEqual(want);
      }),
    );
  });
  it('text that only looks like JSON is read as YAML when YAML reads it; when neither does, the JSON problem is reported', () => {
    expect(parseText('{a: 1, b: [x, y]}')).toEqual({ a: 1, b: ['x', 'y'] });
    const i = only(() => parseText('{"a": [1, 2}'));
    expect(i.code).toBe('parse.json');
    expect(i.message).toMatch(/^not valid JSON at line 1, column 12: unexpected "\}"/);
  });
  it('nesting and __proto__ keys are checked as for YAML', () => {
    expect(issuesOf(() => parseText('['.repeat(200) + ']'.repeat(200), { file: 'x.json' }))[0]!.message).toMatch(/nesting deeper than/);
    expect(issuesOf(() => parseText('{"__proto__": {"x": 1}}', { file: 'x.json' }))[0]!.path).toEqual(['__proto__']);
  });
  it('evidence posted as JSON (syntax: json) loads; malformed, one problem naming the upload', () => {
    const ev = { format: 'par-index/evidence@1', year: 2021, source: 'Báo cáo', units: [{ id: 'u1', name: 'Xã Một', measures: { a: 1 } }] };
    expect(loadEvidence({ data: JSON.stringify(ev), file: 'upload', syntax: 'json' }).units[0]!.measures['a']!.value).toBe(1);
    const i = only(() => loadEvidence({ data: JSON.stringify(ev).slice(0, -3), file: 'upload', syntax: 'json' }));
    expect(i).toMatchObject({ code: 'parse.json', file: 'upload' });
  });
});
