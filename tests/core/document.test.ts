/**
 * parseText reads every YAML and JSON text with one parser, the `yaml` package, and the YAML 1.2 core schema
 * whatever the text's directives say: a `%YAML 1.1` directive, an anchor somewhere else in the document, or both,
 * never change how a scalar resolves (before, a directive plus an anchor switched parsers and read `0100` as 64).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import { stringify } from 'yaml';
import { parseText } from '../../src/core/document.js';
import { loadEvidence } from '../../src/evidence/load.js';
import { ParIndexError } from '../../src/core/errors.js';
import { root } from '../support/paths.js';

/** JSON-like values as criteria and evidence files hold them: no -0 (YAML writes it as 0), no undefined. */
const jsonish = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);

describe('parseText reads YAML 1.2 core data', () => {
  it('for any JSON-like value written as block YAML, flow YAML and JSON', () => {
    fc.assert(
      fc.property(jsonish, (v) => {
        for (const text of [stringify(v), stringify(v, { collectionStyle: 'flow' }), JSON.stringify(v, null, 1)]) {
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
    expect(parseText(text)).toEqual({
      a: '0,25',
      b: '2021-12-15',
      c: '15/12/2020',
      d: 'yes',
      e: true,
      f: 15,
      g: '1_000',
      h: null,
      i: 0.5,
      j: 1000,
      k: 'Xã Như Quỳnh',
      l: 'Trong ngày',
      m: 'dòng một\ndòng hai\n',
      n: 'gấp dòng',
      '1.2': 'khoá là số hiệu tiêu chí',
    });
  });

  it('for numbers at the edge of floating point (2e308 is Infinity, not text)', () => {
    const text = 'a: 1e308\nb: 2e308\nc: -1e400\nd: 5e-324\ne: 1e-400\nf: 0xFFFFFFFFFFFFFFFFFFFF\ng: .inf\nh: 12345678901234567890\n';
    expect(parseText(text)).toEqual({
      a: 1e308,
      b: Infinity,
      c: -Infinity,
      d: 5e-324,
      e: 0,
      f: Number('0xFFFFFFFFFFFFFFFFFFFF'),
      g: Infinity,
      h: Number('12345678901234567890'),
    });
  });

  it('errors carry line and column', () => {
    const dup = 'a: 1\nb: 2\na: 3\n';
    expect(() => parseText(dup, { file: 'x.yaml' })).toThrow(ParIndexError);
    try {
      parseText(dup, { file: 'x.yaml' });
    } catch (e) {
      expect((e as ParIndexError).issues[0]!.message).toMatch(/line 3, column 1/);
    }
  });

  it('limits alias expansion', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefghij'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(', ')}]`),
    ].join('\n');
    expect(() => parseText(bomb, { file: 'bomb.yaml' })).toThrow(/alias/);
    expect(parseText('a: &x 1\nb: *x\n')).toEqual({ a: 1, b: 1 });
  });
});

/** The prefixes that must not change what a document reads as. */
const DIRECTIVES = ['', '%YAML 1.1\n---\n', '%YAML 1.2\n---\n', '---\n'];

/** The text's value, or 'refused' when parseText throws (errors name lines, which a directive shifts). */
function outcome(text: string): unknown {
  try {
    return parseText(text, { file: 'x.yaml' });
  } catch (e) {
    if (e instanceof ParIndexError) return 'refused';
    throw e;
  }
}

describe('one YAML parser: the YAML 1.2 core schema whatever the directives say', () => {
  it('"%YAML 1.1" and an unrelated anchor do not make 0100 octal: 100 with and without them', () => {
    const body = 'unit: &u nhu-quynh\nscore: 0100\n';
    for (const text of [body, `%YAML 1.1\n---\n${body}`, `%YAML 1.2\n---\n${body}`, `%YAML 1.1\n---\nscore: 0100\n`]) {
      expect((parseText(text, { file: 'x.yaml' }) as { score: unknown }).score).toBe(100);
    }
  });

  it('scalars resolve by YAML 1.2 core under a %YAML 1.1 directive', () => {
    const body =
      'anchored: &a x\na: 0100\nb: yes\nc: 0o14\nd: 1_000\ne: 0,25\nf: 2021-12-15\ng: On\nh: 1:20\ni: 0b101\nj: 010\nk: 0x1F\nl: .5\nm: y\n';
    const want = {
      anchored: 'x',
      a: 100,
      b: 'yes',
      c: 12,
      d: '1_000',
      e: '0,25',
      f: '2021-12-15',
      g: 'On',
      h: '1:20',
      i: '0b101',
      j: 10,
      k: 31,
      l: 0.5,
      m: 'y',
    };
    expect(parseText(body)).toEqual(want);
    expect(parseText(`%YAML 1.1\n---\n${body}`)).toEqual(want);
  });

  it('a %YAML 1.1 directive turns on no merge keys: "<<" stays a key', () => {
    const body = 'base: &b { x: 1 }\nm:\n  <<: *b\n  y: 2\n';
    for (const pre of DIRECTIVES) expect(parseText(pre + body)).toEqual({ base: { x: 1 }, m: { '<<': { x: 1 }, y: 2 } });
  });

  it('the same numbers give the same score: evidence read with and without a %YAML 1.1 directive and an anchor', () => {
    const body = [
      'format: par-index/evidence@1',
      'year: 2021',
      'source: Báo cáo',
      'units:',
      '  - id: a',
      '    name: &name Xã A',
      '    measures: { done: 0100, all: 0200 }',
    ].join('\n');
    for (const text of [body, `%YAML 1.1\n---\n${body}`]) {
      expect(loadEvidence([{ data: text, file: 'e.yaml' }]).units[0]!.measures).toMatchObject({
        done: { value: 100 },
        all: { value: 200 },
      });
    }
  });

  /** Plain scalars whose reading differs between YAML 1.1 and YAML 1.2 core, and random number-like ones. */
  const tricky = fc.oneof(
    fc.constantFrom(
      '0100',
      '010',
      '007',
      '08',
      '0o14',
      '0O14',
      '0b101',
      '0x1F',
      '0X1f',
      '1_000',
      '0x_1F',
      '1:20',
      '190:20:30.15',
      '+12',
      '-0',
      '0.',
      '1.',
      '.5',
      '+.5',
      '-.5e3',
      'yes',
      'no',
      'Yes',
      'NO',
      'on',
      'Off',
      'y',
      'n',
      'Y',
      'true',
      'False',
      'TRUE',
      'tRue',
      '~',
      'null',
      'Null',
      'NULL',
      '.inf',
      '-.Inf',
      '+.INF',
      '.NaN',
      '.nan',
      '1e3',
      '1E+3',
      '1e',
      '2e308',
      '0,25',
      '1.000,5',
      '2021-12-15',
      '2001-12-14t21:59:43.10-05:00',
      '2002-12-14',
      '=',
      '<<',
      'Xã Như Quỳnh',
      '1.2.3',
      '12:30',
    ),
    fc.stringMatching(/^[-+]?(0[xobXOB])?[0-9a-fA-F_]{1,6}(\.[0-9_]{0,3})?([eE][-+]?[0-9]{1,3})?$/),
  );
  /** A document of plain scalars: a map of maps and lists, written as block YAML, one anchor maybe on a node. */
  const doc = fc.record({
    top: fc.array(fc.tuple(fc.constantFrom('list', 'map', 'scalar'), fc.array(tricky, { minLength: 1, maxLength: 5 })), {
      minLength: 1,
      maxLength: 6,
    }),
    anchorAt: fc.nat(),
    flow: fc.boolean(),
  });
  function write(d: { top: [string, string[]][]; flow: boolean }, anchorAt: number | undefined): string {
    let n = 0;
    const a = (s: string) => (n++ === anchorAt ? `&unrelated ${s}` : s);
    const lines: string[] = [];
    d.top.forEach(([kind, vals], i) => {
      if (kind === 'scalar') lines.push(`k${i}: ${a(vals[0]!)}`);
      else if (kind === 'list') {
        if (d.flow) lines.push(`k${i}: [${vals.map(a).join(', ')}]`);
        else lines.push(`k${i}:`, ...vals.map((v) => `  - ${a(v)}`));
      } else {
        if (d.flow) lines.push(`k${i}: { ${vals.map((v, j) => `v${j}: ${a(v)}`).join(', ')} }`);
        else lines.push(`k${i}:`, ...vals.map((v, j) => `  v${j}: ${a(v)}`));
      }
    });
    return `${lines.join('\n')}\n`;
  }

  it('property: the same document reads the same with and without %YAML 1.1 / 1.2 directives and an unrelated anchor', () => {
    fc.assert(
      fc.property(doc, (d) => {
        const nodes = d.top.reduce((s, [kind, vals]) => s + (kind === 'scalar' ? 1 : vals.length), 0);
        const plain = outcome(write(d, undefined));
        for (const anchorAt of [undefined, d.anchorAt % nodes]) {
          for (const pre of DIRECTIVES) expect(outcome(pre + write(d, anchorAt)), `${pre}${write(d, anchorAt)}`).toEqual(plain);
        }
        // An anchor is also an alias target: a separate key referring to it leaves the rest unchanged.
        const withAlias = outcome(`%YAML 1.1\n---\n${write(d, d.anchorAt % nodes)}zz: *unrelated\n`);
        if (plain !== 'refused') expect(withAlias).toMatchObject(plain as object);
      }),
      { numRuns: 400, seed: 20261204 },
    );
  });

  it('property: any JSON-like value written as YAML reads the same under either directive and with an anchor', () => {
    fc.assert(
      fc.property(jsonish, (v) => {
        const text = stringify({ anchored: v, other: 'x' }).replace(/^other: x$/m, 'other: &unrelated x');
        const want = { anchored: v, other: 'x' };
        for (const pre of DIRECTIVES) expect(parseText(pre + text)).toEqual(want);
      }),
      { numRuns: 200, seed: 20261204 },
    );
  });

  it('every YAML file bundled with the package reads the same under a %YAML 1.1 directive and with an unrelated anchor', () => {
    const files = [
      'criteria/examples',
      'criteria/national',
      'data/calendars',
      'questionnaires',
      'fixtures/van-lam-2021',
      'fixtures/van-lam-2021/published',
      'fixtures/van-lam-2020',
    ].flatMap((d) =>
      readdirSync(join(root, d))
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => `${d}/${f}`),
    );
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const text = readFileSync(join(root, f), 'utf8');
      const plain = parseText(text, { file: f });
      const marked = parseText(`%YAML 1.1\n---\n${text}\nzz-unrelated: &unrelated 0100\n`, { file: f }) as Record<string, unknown>;
      expect(marked['zz-unrelated'], f).toBe(100);
      delete marked['zz-unrelated'];
      expect(marked, f).toEqual(plain);
    }
  });
});
