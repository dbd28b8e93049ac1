/**
 * parseText has two paths: js-yaml for plain documents (fast) and the `yaml` package for documents with anchors,
 * aliases or tags and for every error (alias limits, line and column in messages). Both must read the same data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import { stringify } from 'yaml';
import { MAY_ALIAS, mayAlias, parseText, parseTextCareful } from '../src/core/document.js';
import { ParIndexError } from '../src/core/errors.js';
import { root } from './report-example.js';

/** JSON-like values as criteria and evidence files hold them: no -0 (YAML writes it as 0), no undefined. */
const jsonish = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);

describe('parseText: the fast and the careful path read the same data', () => {
  it('for any JSON-like value written as block YAML, flow YAML and JSON', () => {
    fc.assert(
      fc.property(jsonish, (v) => {
        for (const text of [stringify(v), stringify(v, { collectionStyle: 'flow' }), JSON.stringify(v, null, 1)]) {
          expect(parseText(text)).toEqual(parseTextCareful(text));
          expect(parseText(text)).toEqual(v);
        }
      }),
      { numRuns: 300, seed: 20261129 },
    );
  });

  it('for the scalars Vietnamese files write: comma decimals and dates stay text, YAML 1.2 booleans and numbers', () => {
    const text = [
      'a: 0,25',
      'b: 2021-12-15',
      'c: 15/12/2020',
      'd: yes',
      'e: True',
      'f: 0o17',
      'g: 1_000',
      'h: ~',
      'i: .5',
      'j: 1e3',
      'k: "Xã Như Quỳnh"',
      "l: 'Trong ngày'",
      'm: |',
      '  dòng một',
      '  dòng hai',
      'n: >-',
      '  gấp',
      '  dòng',
      "'1.2': khoá là số hiệu tiêu chí",
    ].join('\n');
    const careful = parseTextCareful(text) as Record<string, unknown>;
    expect(parseText(text)).toEqual(careful);
    expect(careful).toMatchObject({ a: '0,25', b: '2021-12-15', d: 'yes', e: true, f: 15, g: '1_000', h: null, m: 'dòng một\ndòng hai\n', n: 'gấp dòng', '1.2': 'khoá là số hiệu tiêu chí' });
  });

  it('for numbers at the edge of floating point (js-yaml would leave 2e308 as text)', () => {
    const text = 'a: 1e308\nb: 2e308\nc: -1e400\nd: 5e-324\ne: 1e-400\nf: 0xFFFFFFFFFFFFFFFFFFFF\ng: .inf\nh: 12345678901234567890\n';
    expect(parseText(text)).toEqual(parseTextCareful(text));
    expect(parseTextCareful(text)).toMatchObject({ b: Infinity, c: -Infinity, e: 0 });
  });

  it('for every YAML file bundled with the package', () => {
    const files = ['criteria/examples/van-lam-commune-2021.yaml', 'criteria/national/766-2022.yaml', 'data/calendars/vn.yaml'];
    for (const f of files) {
      const text = readFileSync(join(root, f), 'utf8');
      expect(parseText(text, { file: f })).toEqual(parseTextCareful(text));
    }
  });

  it('errors come from the careful path, with line and column', () => {
    const dup = 'a: 1\nb: 2\na: 3\n';
    expect(() => parseText(dup, { file: 'x.yaml' })).toThrow(ParIndexError);
    try {
      parseText(dup, { file: 'x.yaml' });
    } catch (e) {
      expect((e as ParIndexError).issues[0]!.message).toMatch(/line 3, column 1/);
    }
  });

  it('documents with aliases take the careful path, which limits their expansion', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefghij'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(', ')}]`)].join('\n');
    expect(() => parseText(bomb, { file: 'bomb.yaml' })).toThrow(/alias/);
    expect(parseText('a: &x 1\nb: *x\n')).toEqual({ a: 1, b: 1 });
  });

  it('the scan for anchors, aliases and tags answers as its regular expression does, on any text', () => {
    const signs = fc.constantFrom('&', '*', '!', ' ', '\n', '\r', '\t', ',', '[', ']', '{', '}', ':', 'a', 'ữ', '\u2028', '\ud83d');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: signs, maxLength: 12 }), fc.string({ unit: 'binary' })), (text) => {
        expect(mayAlias(text)).toBe(MAY_ALIAS.test(text));
      }),
      { numRuns: 2000, seed: 20261129 },
    );
    expect(mayAlias('a: 1\nb: *x')).toBe(true);
    expect(mayAlias('expr: max * done / all')).toBe(false);
  });
});
