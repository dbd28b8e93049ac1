/**
 * Hostile values (issue 9): YAML alias bombs, very deep nesting (text and parsed data, cycles), huge numbers,
 * NaN and Infinity, negative counts, dates out of range, and control characters. Each is refused with a clear
 * message in both languages naming the file and the place — or, where it is accepted as data, kept exactly.
 */
import { describe, expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import { parseText } from '../../src/core/document.js';
import { ParIndexError } from '../../src/core/errors.js';
import { loadCriteriaSet } from '../../src/criteria/load.js';
import { loadEvidence } from '../../src/evidence/load.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { loadInspectionPlan } from '../../src/inspection/plan.js';
import { loadCalendar } from '../../src/calendar/calendar.js';
import { dayOf, isDateValue, isoOf, parseDateTime } from '../../src/calendar/dates.js';
import { criteriaDoc } from '../support/support.js';
import { expectOnlyParIndexError, fuzz, refused } from '../support/hostile-support.js';
import { printedNumber } from '../../src/verify/printed.js';
import { readAggregateTable } from '../../src/measures/aggregates.js';
import { parseCsv } from '../../src/core/table.js';

const refusal = refused;

const evidence = (text: string) => `format: par-index/evidence@1\nyear: 2021\nsource: Báo cáo\nunits:\n  - id: a\n    name: Xã A\n${text}`;
const loadEv = (text: string) => loadEvidence([{ data: evidence(text), file: 'e.yaml' }]);

describe('YAML alias bombs', () => {
  const bomb = [
    'a: &a [x, x, x, x, x, x, x, x, x]',
    ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
  ].join('\n');

  it('refuses a "billion laughs" document quickly, naming the limit', () => {
    const t0 = performance.now();
    const issues = refusal(() => parseText(bomb, { file: 'bomb.yaml' }), 'bomb.yaml');
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(issues[0]!.code).toBe('parse.yaml');
    expect(issues[0]!.message).toMatch(/at most 100 alias expansions/);
    expect(issues[0]!.messageVi).toMatch(/alias/);
  });

  it('refuses it through every loader of text', () => {
    for (const f of [
      () => loadCriteriaSet(bomb, { file: 'bomb.yaml' }),
      () => loadEvidence([{ data: bomb, file: 'bomb.yaml' }]),
      () => loadInspectionPlan(bomb, { file: 'bomb.yaml' }),
      () => loadCalendar(bomb, { file: 'bomb.yaml' }),
    ]) {
      expect(refusal(f, 'bomb.yaml')[0]!.code).toBe('parse.yaml');
    }
  });

  it('accepts a few aliases, as data', () => {
    expect(parseText('a: &a { x: 1 }\nb: *a\nc: *a', { file: 'ok.yaml' })).toEqual({ a: { x: 1 }, b: { x: 1 }, c: { x: 1 } });
  });
});

describe('deep nesting', () => {
  const deepData = (n: number): unknown => {
    const root: Record<string, unknown> = {};
    let at = root;
    for (let i = 0; i < n; i++) at = at['x'] = {};
    return root;
  };

  it.each([
    ['JSON arrays', '['.repeat(100_000) + ']'.repeat(100_000), 'd.json'],
    ['JSON objects', '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000), 'd.json'],
    ['YAML flow', '['.repeat(100_000) + ']'.repeat(100_000), 'd.yaml'],
    ['YAML block sequences', `${'- '.repeat(5_000)}x`, 'd.yaml'],
    ['YAML block maps', Array.from({ length: 3_000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'), 'd.yaml'],
    ['just over the limit', `${'['.repeat(65)}${']'.repeat(65)}`, 'd.json'],
  ])('refuses %s with a message about nesting, never a stack overflow', (_label, text, file) => {
    const issues = refusal(() => parseText(text, { file }), file);
    expect(issues[0]!.message).toMatch(/nest/);
    expect(issues[0]!.messageVi).toMatch(/lồng nhau/);
  });

  it('accepts nesting at the limit', () => {
    expect(() => parseText(`${'['.repeat(64)}${']'.repeat(64)}`, { file: 'ok.json' })).not.toThrow();
  });

  it('refuses deep parsed data and cycles given to the loaders, with the path where the limit was passed', () => {
    const deep = deepData(100_000);
    const ev = { format: 'par-index/evidence@1', year: 2021, units: [{ id: 'a', name: 'A', attributes: deep }] };
    const issues = refusal(() => loadEvidence([{ data: ev, file: 'e.json' }]), 'e.json');
    expect(issues[0]!.path.slice(0, 5)).toEqual(['units', 0, 'attributes', 'x', 'x']);
    expect(issues[0]!.message).toMatch(/nesting deeper than 64 levels \(or a cycle/);
    const cyc: Record<string, unknown> = { format: 'par-index/criteria@1', tree: [] };
    (cyc['tree'] as unknown[]).push({ id: '1', children: cyc['tree'] });
    refusal(() => loadCriteriaSet(cyc, { file: 'c.json' }), 'c.json');
    refusal(() => loadInspectionPlan({ format: 'par-index/inspection-plan@1', units: deep }, { file: 'i.json' }), 'i.json');
    refusal(() => loadCalendar({ format: 'par-index/calendar@1', years: deep }, { file: 'cal.json' }), 'cal.json');
  });
});

describe('numbers', () => {
  it.each([
    ['1e400', 'measures: { m: 1e400 }', 'expected a finite number, got Infinity', 'cần một số hữu hạn'],
    ['.inf', 'measures: { m: .inf }', 'expected a finite number, got Infinity', 'cần một số hữu hạn'],
    ['-.inf in an object entry', 'measures: { m: { value: -.inf } }', 'expected a finite number, got -Infinity', 'cần một số hữu hạn'],
    ['.nan', 'surveys: { s: .nan }', 'expected a finite number, got NaN', 'cần một số hữu hạn'],
    ['"NaN" as text', 'measures: { m: "NaN" }', 'expected a number (e.g. 0,25 or 0.25), got "NaN"', 'cần một số'],
    ['"Infinity" as text', 'measures: { m: "Infinity" }', 'got "Infinity"', 'cần một số'],
    ['10^30 as text', 'measures: { m: "1000000000000000000000000000000" }', 'at most 9007199254740991 in size', 'không đọc chính xác được'],
    ['a 20-digit number', 'measures: { m: 12345678901234567890 }', 'at most 9007199254740991 in size', 'không đọc chính xác được'],
    ['"1e30" as text', 'measures: { m: "1e30" }', 'at most 9007199254740991 in size', 'không đọc chính xác được'],
  ])('refuses %s in evidence with a clear bilingual message and its path', (_label, text, en, vi) => {
    const i = refusal(() => loadEv(`    ${text}`), 'e.yaml')[0]!;
    expect(i.code).toBe('schema.invalid-number');
    expect(i.message).toContain(en);
    expect(i.messageVi).toContain(vi);
    expect(i.path.slice(0, 3)).toEqual(['units', 0, text.startsWith('surveys') ? 'surveys' : 'measures']);
  });

  it('refuses exponents too large to read exactly, at once (they threw RangeError or took minutes)', () => {
    for (const t of ['1e9999999999', '1e9999999', '-1e-999999', `0,${'1'.repeat(100)}`]) {
      const t0 = performance.now();
      const i = refusal(() => loadEv(`    measures: { m: "${t}" }`), 'e.yaml')[0]!;
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(i.code).toBe('schema.invalid-number');
      expect(i.messageVi).toContain('không đọc chính xác được');
    }
    expect(printedNumber('1e9999999999')).toBeUndefined();
    expect(printedNumber('95,41')?.value).toBe(95.41);
  });

  // Routed (src/measures/aggregates.ts is outside this change): its cell reader calls Exact.parse directly, so a
  // published count "1e9999999999" throws RangeError (Maximum BigInt size exceeded) out of readAggregateTable.
  it('aggregate tables: a count written 1e9999999999 is a bad value, not a RangeError', () => {
    const table = parseCsv('Đơn vị,Đã giải quyết\nXã A,1e9999999999\n', { file: 'x.csv' });
    const r = expectOnlyParIndexError(() => readAggregateTable(table, [], 'x.csv'), 'x.csv');
    if (r) expect(r.issues[0]!.code).toBe('dossier.bad-value');
  });

  it('keeps large numbers within exact range exactly', () => {
    expect(loadEv(`    measures: { m: 9007199254740991, n: "123456789,5" }`).units[0]!.measures).toMatchObject({
      m: { value: 9007199254740991 },
      n: { value: 123456789.5 },
    });
  });

  it('refuses non-finite and huge numbers in a criteria set', () => {
    const leaf = (max: unknown) =>
      criteriaDoc([{ id: '1', title: 'L', max, children: [{ id: '1.1', title: 'T', max, rule: { kind: 'task', task: 't' } }] }]);
    for (const max of [Infinity, NaN, '1e400', 1e300, '1e300']) {
      const issues = refusal(() => loadCriteriaSet(leaf(max), { file: 'c.yaml' }), 'c.yaml');
      expect(
        issues.some((i) => i.code === 'schema.invalid-number' && i.path.join('.') === 'tree.0.max'),
        JSON.stringify(issues),
      ).toBe(true);
    }
  });

  it('refuses negative counts when scoring, naming the unit and the measure', () => {
    const set = loadCriteriaSet(
      criteriaDoc([
        {
          id: '1',
          title: 'L',
          max: 2,
          children: [
            { id: '1.1', title: 'T', max: 2, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'full' } },
          ],
        },
      ]),
    );
    const ev = loadEvidence([
      {
        data: {
          format: 'par-index/evidence@1',
          year: 2021,
          source: 's',
          units: [{ id: 'a', name: 'A', measures: { onTime: -5, resolved: 10 } }],
        },
        file: 'e.json',
      },
    ]);
    const issues = refusal(() => evaluate(set, ev), 'e.json');
    expect(issues[0]).toMatchObject({ code: 'evidence.out-of-range', unit: 'a', path: ['units', 0, 'measures', 'onTime'] });
    expect(issues[0]!.messageVi).toContain('-5');
  });

  it('refuses a negative survey sample size and a fractional count', () => {
    expect(refusal(() => loadEv('    surveys: { s: { value: 80, n: -3 } }'), 'e.yaml')[0]!.path).toEqual(['units', 0, 'surveys', 's', 'n']);
    const set = loadCriteriaSet(
      criteriaDoc([
        {
          id: '1',
          title: 'L',
          max: 2,
          children: [
            { id: '1.1', title: 'T', max: 2, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'full' } },
          ],
        },
      ]),
    );
    const ev = loadEvidence([
      {
        data: {
          format: 'par-index/evidence@1',
          year: 2021,
          source: 's',
          units: [{ id: 'a', name: 'A', measures: { onTime: 2.5, resolved: 10 } }],
        },
        file: 'e.json',
      },
    ]);
    expect(refusal(() => evaluate(set, ev), 'e.json')[0]!.message).toContain('counts whole items');
  });
});

describe('dates out of range', () => {
  it.each(['0000-01-01', '9999-99-99', '2021-02-31', '2021-13-01', '2021-00-10', '1899-12-31', '2201-01-01', '31/02/2021', '2021-2-3'])(
    'refuses %s in evidence with its path',
    (d) => {
      const i = refusal(() => loadEv(`    tasks: { t: { done: "${d}" } }`), 'e.yaml')[0]!;
      expect(i.code).toBe('schema.invalid-date');
      expect(i.path).toEqual(['units', 0, 'tasks', 't', 'done']);
      expect(i.messageVi).toMatch(/ngày/);
    },
  );

  // "10/10/20" and "1/1/5" were read as dates with day NaN (the digit reader ran past the end of the text).
  it.each([
    '0000-01-01',
    '9999-99-99',
    '31/02/2021',
    '29/02/2021',
    '00/01/2021',
    '32/01/2021',
    '12/31/2021',
    '10/10/20',
    '1/1/5',
    '01/01/202',
  ])('refuses %s in a dossier export cell (dates module)', (d) => {
    const r = parseDateTime(d);
    expect(isDateValue(r)).toBe(false);
    if (!isDateValue(r)) expect(r.vi.length).toBeGreaterThan(0);
  });

  it('refuses Excel serial numbers outside 1900–2200', () => {
    for (const n of [0, -1, 0.5, 1, 1.99, NaN, Infinity, 1e9, 109_940]) expect(isDateValue(parseDateTime(n)), String(n)).toBe(false);
    expect(isoOf((parseDateTime(109_939) as { day: number }).day)).toBe('2200-12-31');
  });

  it('reads any date cell as a date in 1900–2200, or gives a reason (property)', () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 24 }),
      fc
        .tuple(
          fc.integer({ min: -5, max: 40 }),
          fc.integer({ min: -2, max: 14 }),
          fc.integer({ min: 0, max: 10_000 }),
          fc.constantFrom('/', '-', '.'),
          fc.constantFrom('', ' 10:30', 'T25:00', ' 23:59:59'),
        )
        .map(([d, m, y, s, t]) => `${d}${s}${m}${s}${y}${t}`),
      fc
        .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: -2, max: 14 }), fc.integer({ min: -2, max: 40 }))
        .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
      fc.double({ min: -10, max: 200_000 }),
    );
    fuzz('dates in records', cell, (c) => {
      const r = parseDateTime(c);
      if (!isDateValue(r)) {
        expect(r.en.length).toBeGreaterThan(0);
        expect(r.vi.length).toBeGreaterThan(0);
        return;
      }
      const iso = isoOf(r.day);
      const y = Number(iso.slice(0, 4));
      expect(y).toBeGreaterThanOrEqual(1900);
      expect(y).toBeLessThanOrEqual(2200);
      // A written date reads as itself: the day number of its own year, month and day.
      const m = typeof c === 'string' ? /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/.exec(c) : null;
      if (m) expect(r.day).toBe(dayOf(Number(m[3]), Number(m[2]), Number(m[1])));
    });
  });
});

describe('control characters and bidirectional marks', () => {
  const nasty = 'Xã A\u0000B\u0007C';
  it('keeps control characters exactly in names and notes, from YAML and JSON', () => {
    const fromJson = loadEvidence([
      {
        data: JSON.stringify({ format: 'par-index/evidence@1', year: 2021, source: 's', units: [{ id: 'a', name: nasty }] }),
        file: 'e.json',
      },
    ]);
    expect(fromJson.units[0]!.name).toBe(nasty);
    const fromYaml = loadEvidence([{ data: evidence('').replace('name: Xã A', 'name: "Xã A\\0B\\aC"'), file: 'e.yaml' }]);
    expect(fromYaml.units[0]!.name).toBe(nasty);
  });

  it('refuses invisible characters (bidi marks, BOM, zero-width space) in names, naming the character (issue 20)', () => {
    for (const [name, code] of [
      ['Xã A\u202eC', 'U+202E'],
      ['Xã A\ufeffC', 'U+FEFF'],
      ['Xã A\u200bC', 'U+200B'],
    ] as const) {
      const i = refusal(
        () =>
          loadEvidence([
            {
              data: JSON.stringify({ format: 'par-index/evidence@1', year: 2021, source: 's', units: [{ id: 'a', name }] }),
              file: 'e.json',
            },
          ]),
        'e.json',
      )[0]!;
      expect(i).toMatchObject({ code: 'text.invisible-char', path: ['units', 0, 'name'] });
      expect(i.message).toContain(code);
    }
  });

  it('refuses them in ids, which name units and nodes in every result', () => {
    for (const id of ['a\u0000', 'a\u202eb', '\u200ba', 'a b', 'a\nb']) {
      const i = refusal(
        () =>
          loadEvidence([
            {
              data: JSON.stringify({ format: 'par-index/evidence@1', year: 2021, source: 's', units: [{ id, name: 'A' }] }),
              file: 'e.json',
            },
          ]),
        'e.json',
      )[0]!;
      expect(i.path).toEqual(['units', 0, 'id']);
      expect(i.messageVi).toContain('mã chỉ gồm');
    }
  });

  it('keeps raw control characters inside YAML and JSON strings exactly', () => {
    expect(parseText('a: "x\u0001\u0000y"\n', { file: 'c.yaml' })).toEqual({ a: 'x\u0001\u0000y' });
    expect(parseText('{"a": "x\\u0000\\u202ey"}', { file: 'c.json' })).toEqual({ a: 'x\u0000\u202ey' });
  });

  it('a ParIndexError for these inputs is an Error with a one-line message', () => {
    try {
      loadEv('    measures: { m: 1e400 }');
    } catch (e) {
      expect(e).toBeInstanceOf(ParIndexError);
      expect((e as Error).message.split('\n')).toHaveLength(1);
    }
  });
});
