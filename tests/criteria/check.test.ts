/** `check` and the loaders: every problem comes back as a typed issue with file, path and both languages. */
import { describe, expect, it } from 'vitest';
import { checkCriteriaSet, loadCriteriaSet } from '../../src/criteria/load.js';
import { ParIndexError, type Issue } from '../../src/core/errors.js';
import { CriteriaRegistry } from '../../src/criteria/registry.js';
import { loadEvidence } from '../../src/evidence/load.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { criteriaDoc, makeEvidence, makeSet } from '../support/support.js';

const leaf = (id: string, max: number, rule: unknown = { kind: 'task', task: 't' }) => ({ id, title: `Tiêu chí ${id}`, max, rule });

function issuesOf(doc: unknown, file = 'criteria/test.yaml'): Issue[] {
  const r = checkCriteriaSet(doc, { file });
  return [...r.issues];
}

/** The errors as [code, path] pairs, in the order the check reports them: the whole list, not one member. */
function errs(doc: unknown): [string, readonly (string | number)[]][] {
  return issuesOf(doc)
    .filter((i) => i.severity === 'error')
    .map((i) => [i.code, i.path]);
}

function codes(doc: unknown): string[] {
  return issuesOf(doc)
    .filter((i) => i.severity === 'error')
    .map((i) => i.code);
}

describe('criteria check', () => {
  it('accepts a valid set and reports no error', () => {
    const r = checkCriteriaSet(criteriaDoc([{ id: '1', title: 'F', max: 3, children: [leaf('1.1', 1), leaf('1.2', 2)] }]));
    expect(r.ok).toBe(true);
    expect(r.set?.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('duplicate ids, with the path of the second', () => {
    const is = issuesOf(criteriaDoc([{ id: '1', title: 'F', max: 2, children: [leaf('1.1', 1), leaf('1.1', 1)] }]));
    expect(errs(criteriaDoc([{ id: '1', title: 'F', max: 2, children: [leaf('1.1', 1), leaf('1.1', 1)] }]))).toEqual([
      ['criteria.duplicate-id', ['tree', 0, 'children', 1, 'id']],
    ]);
    const dup = is.find((i) => i.code === 'criteria.duplicate-id')!;
    expect(dup.file).toBe('criteria/test.yaml');
    expect(dup.path).toEqual(['tree', 0, 'children', 1, 'id']);
    expect(dup.messageVi).toMatch(/bị trùng/);
  });

  it('a parent whose max is not the sum of its children', () => {
    const is = issuesOf(criteriaDoc([{ id: '1', title: 'F', max: 5, children: [leaf('1.1', 1), leaf('1.2', 2)] }]));
    expect(errs(criteriaDoc([{ id: '1', title: 'F', max: 5, children: [leaf('1.1', 1), leaf('1.2', 2)] }]))).toEqual([
      ['criteria.max-mismatch', ['tree', 0, 'max']],
    ]);
    const m = is.find((i) => i.code === 'criteria.max-mismatch')!;
    expect(m.path).toEqual(['tree', 0, 'max']);
    expect(m.message).toBe('max is 5 but its children add up to 3');
  });

  it('sums of decimal maxima are compared exactly (0.1 + 0.2 = 0.3)', () => {
    expect(codes(criteriaDoc([{ id: '1', title: 'F', max: '0,3', children: [leaf('1.1', 0.1), leaf('1.2', 0.2)] }]))).toEqual([]);
  });

  it('a threshold table that can never give the max, or gives more', () => {
    const bands = (pts: number[]) => ({
      kind: 'bands',
      measure: 'share',
      bands: [
        { min: 50, max: 100, maxInclusive: true, points: pts[0] },
        { max: 50, points: pts[1] },
      ],
    });
    expect(codes(criteriaDoc([{ id: '1', title: 'F', max: 1, children: [leaf('1.1', 1, bands([0.5, 0]))] }]))).toEqual([
      'criteria.rule-cannot-reach-max',
    ]);
    expect(codes(criteriaDoc([{ id: '1', title: 'F', max: 1, children: [leaf('1.1', 1, bands([2, 0]))] }]))).toEqual([
      'criteria.rule-exceeds-max',
    ]);
  });

  it('late points above the max', () => {
    expect(
      codes(criteriaDoc([{ id: '1', title: 'F', max: 1, children: [leaf('1.1', 1, { kind: 'task', task: 't', latePoints: 2 })] }])),
    ).toEqual(['criteria.rule-exceeds-max']);
  });

  it('threshold rows that overlap, leave a gap, or fall outside the range', () => {
    const t = (rows: unknown[]) =>
      criteriaDoc([
        {
          id: '1',
          title: 'F',
          max: 1,
          children: [
            leaf('1.1', 1, { kind: 'bands', ratio: { numerator: 'onTime', base: 'resolved' }, whenBaseZero: 'zero', bands: rows }),
          ],
        },
      ]);
    expect(
      codes(
        t([
          { min: 80, max: 100, maxInclusive: true, points: 1 },
          { max: 80, maxInclusive: true, points: 0 },
        ]),
      ),
    ).toEqual(['criteria.bands-overlap']);
    expect(
      codes(
        t([
          { min: 80, max: 100, maxInclusive: true, points: 1 },
          { max: 70, points: 0 },
        ]),
      ),
    ).toEqual(['criteria.bands-gap']);
    expect(
      codes(
        t([
          { min: 80, max: 120, maxInclusive: true, points: 1 },
          { max: 80, points: 0 },
        ]),
      ),
    ).toEqual(['criteria.threshold-range']);
  });

  it('classification bands with a gap or overlap', () => {
    const doc = criteriaDoc([{ id: '1', title: 'F', max: 1, children: [leaf('1.1', 1)] }], {
      bands: {
        levels: [
          { id: 'tot', label: 'Tốt', min: 80, max: 100, maxInclusive: true },
          { id: 'kha', label: 'Khá', min: 60, max: 75 },
          { id: 'yeu', label: 'Yếu', max: 60 },
        ],
      },
    });
    expect(errs(doc)).toEqual([['criteria.bands-gap', ['bands', 'levels', 0]]]);
    const gap = issuesOf(doc).find((i) => i.code === 'criteria.bands-gap')!;
    expect(gap.message).toMatch(/from 75 to 80/);
    expect(gap.path[0]).toBe('bands');
  });

  it('a deduction without a floor', () => {
    const is = issuesOf(
      criteriaDoc([{ id: '1', title: 'F', max: 1, children: [leaf('1.1', 1, { kind: 'deduction', count: 'violations', per: 0.25 })] }]),
    );
    expect(is.filter((i) => i.severity === 'error').map((i) => [i.code, i.path])).toEqual([
      ['criteria.deduction-no-floor', ['tree', 0, 'children', 0, 'rule', 'floor']],
    ]);
    const d = is.find((i) => i.code === 'criteria.deduction-no-floor')!;
    expect(d.path).toEqual(['tree', 0, 'children', 0, 'rule', 'floor']);
    expect(d.messageVi).toMatch(/mức sàn/);
  });

  it('a rule reading an undeclared measure', () => {
    const is = issuesOf(
      criteriaDoc([
        {
          id: '1',
          title: 'F',
          max: 1,
          children: [leaf('1.1', 1, { kind: 'rate', numerator: 'nope', base: 'resolved', whenBaseZero: 'zero' })],
        },
      ]),
    );
    expect(is.filter((i) => i.severity === 'error').map((i) => [i.code, i.path])).toEqual([
      ['criteria.undeclared-measure', ['tree', 0, 'children', 0, 'rule']],
    ]);
    expect(is.find((i) => i.code === 'criteria.undeclared-measure')!.message).toMatch(/"nope"/);
  });

  it('a formula that does not parse, uses undeclared inputs, or reaches for the sandbox', () => {
    const f = (expr: string, inputs: Record<string, string> = { a: 'onTime' }) =>
      codes(criteriaDoc([{ id: '1', title: 'F', max: 1, children: [leaf('1.1', 1, { kind: 'formula', inputs, expr, clamp: true })] }]));
    expect(f('a / (')).toEqual(['criteria.formula-parse']);
    expect(f('min(max, a + b)')).toEqual(['criteria.formula-undeclared-input']);
    expect(f('import({}, {override: true})')).toEqual(['criteria.formula-forbidden']);
    expect(f('evaluate("1")')).toEqual(['criteria.formula-forbidden']);
    expect(f('a.constructor')).toEqual(['criteria.formula-forbidden']);
  });

  it('shared points must go to a sibling', () => {
    const is = codes(
      criteriaDoc([
        {
          id: '1',
          title: 'F',
          max: 2,
          children: [
            leaf('1.1', 1, { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'share', shareWith: ['9.9'] }),
            leaf('1.2', 1),
          ],
        },
      ]),
    );
    expect(is).toEqual(['criteria.share-target']);
  });

  it('a leaf without a rule, wrong types, unknown keys — all reported at once', () => {
    const is = issuesOf(
      criteriaDoc([
        {
          id: '1',
          title: 'F',
          max: 'mười',
          children: [{ id: '1.1', title: 'x', max: 1, colour: 'red', rule: { kind: 'task', task: 't' } }],
        },
      ]),
    );
    expect(is.map((i) => i.code)).toEqual(expect.arrayContaining(['schema.invalid-number', 'schema.unknown-key']));
    expect(is.find((i) => i.code === 'schema.invalid-number')!.path).toEqual(['tree', 0, 'max']);
  });

  it('a value of the wrong type is called the wrong type, not missing', () => {
    const is = issuesOf(criteriaDoc([{ id: '1', title: 'F', max: 1, children: [leaf('1.1', 1)] }], { years: 2021 }));
    const i = is.find((x) => x.path.join('.') === 'years')!;
    expect(i.code).toBe('schema.invalid-type');
    expect(i.message).toBe('expected array, got number');
    const missing = issuesOf({ ...criteriaDoc([{ id: '1', title: 'F', max: 1, children: [leaf('1.1', 1)] }]), issuer: undefined });
    expect(missing.find((x) => x.path.join('.') === 'issuer')!.code).toBe('schema.required');
  });

  it('a leaf without a rule', () => {
    expect(codes(criteriaDoc([{ id: '1', title: 'F', max: 1, children: [{ id: '1.1', title: 'x', max: 1 }] }]))).toEqual([
      'criteria.leaf-without-rule',
    ]);
  });

  it('an unknown future format version is refused with a message that says so', () => {
    const is = issuesOf({ ...criteriaDoc([]), format: 'par-index/criteria@7' });
    expect(is[0]!.code).toBe('format.future-version');
    expect(is[0]!.message).toMatch(/version 7.*reads up to version 1/);
    expect(issuesOf({ ...criteriaDoc([]), format: undefined })[0]!.code).toBe('format.missing');
    expect(issuesOf({ ...criteriaDoc([]), format: 'something-else@1' })[0]!.code).toBe('format.unknown');
  });

  it('malformed YAML names the line', () => {
    const is = issuesOf('format: par-index/criteria@1\ntree: [\n  - id: 1\n', 'bad.yaml');
    expect(is[0]!.code).toBe('parse.yaml');
    expect(is[0]!.file).toBe('bad.yaml');
    expect(is[0]!.message).toMatch(/line \d+/);
  });

  it('a YAML alias bomb is refused', () => {
    const bomb = [
      'format: par-index/criteria@1',
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ].join('\n');
    const is = issuesOf(bomb, 'bomb.yaml');
    expect(is[0]!.code).toBe('parse.yaml');
  });

  it('comma decimals are accepted wherever a number is written as text', () => {
    const set = loadCriteriaSet(
      criteriaDoc([
        { id: '1', title: 'F', max: '1,5', children: [leaf('1.1', '0,25' as unknown as number), leaf('1.2', '1,25' as unknown as number)] },
      ]),
    );
    expect(set.tree[0]!.max).toBe(1.5);
    expect(set.tree[0]!.children![0]!.max).toBe(0.25);
  });

  it('loadCriteriaSet throws the documented error with every problem', () => {
    try {
      loadCriteriaSet(criteriaDoc([{ id: '1', title: 'F', max: 5, children: [leaf('1.1', 1), leaf('1.1', 1)] }]), { file: 'x.yaml' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ParIndexError);
      expect((e as ParIndexError).issues.map((i) => i.code).sort()).toEqual(['criteria.duplicate-id', 'criteria.max-mismatch']);
    }
  });

  it('a draft (structure only) set passes check but cannot score', () => {
    const doc = criteriaDoc([{ id: '1', title: 'F', children: [{ id: '1.1', title: 'x' }] }], { status: 'draft' });
    const set = loadCriteriaSet(doc);
    expect(() => evaluate(set, makeEvidence([{}]))).toThrow(/draft/);
  });

  it('the hash does not depend on key order or on numbers written as text', () => {
    const a = loadCriteriaSet(criteriaDoc([{ id: '1', title: 'F', max: 1, children: [leaf('1.1', 1)] }]));
    const b = loadCriteriaSet(
      JSON.parse(
        JSON.stringify(
          criteriaDoc([
            { children: [{ rule: { task: 't', kind: 'task' }, max: '1', title: 'Tiêu chí 1.1', id: '1.1' }], max: 1, title: 'F', id: '1' },
          ]),
        ),
      ),
    );
    expect(b.hash).toBe(a.hash);
  });

  it('loaded sets are frozen and the input is not mutated', () => {
    const doc = criteriaDoc([{ id: '1', title: 'F', max: 1, children: [leaf('1.1', 1)] }]);
    const before = JSON.stringify(doc);
    const set = loadCriteriaSet(doc);
    expect(JSON.stringify(doc)).toBe(before);
    expect(Object.isFrozen(set.tree[0])).toBe(true);
  });
});

describe('registry', () => {
  const year = (y: number, version: string, date: string) =>
    makeSet([{ id: '1', title: 'F', max: 1, children: [leaf('1.1', 1)] }], {
      years: [y],
      version,
      decision: { number: `${version}/QĐ`, date },
    });
  it('picks the set for level and year, and keeps each version addressable', () => {
    const reg = new CriteriaRegistry([year(2021, '2021', '2021-01-05'), year(2022, '2022', '2022-01-10')]);
    expect(reg.pick({ level: 'commune', year: 2022 }).version).toBe('2022');
    expect(reg.get('test.set', '2021').years).toEqual([2021]);
    expect(() => reg.pick({ level: 'district', year: 2022 })).toThrow(ParIndexError);
  });
  it('refuses the same id and version with different content', () => {
    const reg = new CriteriaRegistry([year(2021, '2021', '2021-01-05')]);
    expect(() => reg.add(year(2021, '2021', '2021-02-05'))).toThrow(/different content/);
  });
});

describe('evidence check', () => {
  const set = makeSet([
    {
      id: '1',
      title: 'F',
      max: 2,
      children: [
        leaf('1.1', 1, { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'zero' }),
        leaf('1.2', 1, { kind: 'appraisal' }),
      ],
    },
  ]);
  const fail = (units: Record<string, unknown>[], extra: Record<string, unknown> = {}): Issue[] => {
    try {
      evaluate(set, makeEvidence(units, extra));
    } catch (e) {
      return [...(e as ParIndexError).issues];
    }
    return [];
  };
  it('unknown criterion ids in appraisals, findings and not-applicable entries', () => {
    const is = fail([{ appraisals: { '7.7': { round1: 1 } }, notApplicable: [{ node: '8', reason: 'x' }] }]);
    expect(is.map((i) => i.code)).toEqual(['evidence.unknown-node', 'evidence.unknown-node']);
    expect(is[0]!.path).toEqual(['units', 0, 'appraisals', '7.7']);
    expect(is[0]!.unit).toBe('u1');
  });
  it('values out of a measure’s range: negative counts, fractions of a count', () => {
    expect(fail([{ measures: { onTime: -1, resolved: 3 } }]).map((i) => i.code)).toEqual(['evidence.out-of-range']);
    expect(fail([{ measures: { onTime: 1.5, resolved: 3 } }])[0]!.message).toMatch(/whole items/);
  });
  it('the wrong year', () => {
    expect(fail([{}], { year: 2022 }).map((i) => i.code)).toEqual(['evidence.year-mismatch']);
  });
  it('items without provenance are refused at load', () => {
    expect(() =>
      loadEvidence({ data: { format: 'par-index/evidence@1', year: 2021, units: [{ id: 'a', name: 'A', measures: { onTime: 1 } }] } }),
    ).toThrow(/no provenance/);
  });
  it('one unit in several documents merges; the same item twice is refused naming both files', () => {
    const doc = (measures: Record<string, number>, extra: Record<string, unknown> = {}) => ({
      format: 'par-index/evidence@1',
      year: 2021,
      source: 's',
      units: [{ id: 'a', name: 'A', measures, ...extra }],
    });
    const ev = loadEvidence([
      { data: doc({ onTime: 1 }), file: 'a.yaml' },
      { data: doc({ resolved: 2 }, { tasks: { t: { done: '2021-02-01' } } }), file: 'b.yaml' },
    ]);
    expect(ev.units).toHaveLength(1);
    expect(Object.keys(ev.units[0]!.measures).sort()).toEqual(['onTime', 'resolved']);
    expect(ev.units[0]!.tasks['t']!.done).toBe('2021-02-01');
    try {
      loadEvidence([
        { data: doc({ onTime: 1 }), file: 'a.yaml' },
        { data: doc({ onTime: 2 }), file: 'b.yaml' },
      ]);
      expect.unreachable();
    } catch (e) {
      const i = (e as ParIndexError).issues[0]!;
      expect(i.code).toBe('evidence.duplicate-item');
      expect(i.file).toBe('b.yaml');
      expect(i.message).toMatch(/measures\.onTime .*also given in a\.yaml/);
    }
    expect(() =>
      loadEvidence([
        { data: doc({}), file: 'a.yaml' },
        { data: { ...doc({}), units: [{ id: 'a', name: 'B' }] }, file: 'b.yaml' },
      ]),
    ).toThrow(/named "B" here but "A"/);
  });
  it('unknown measures are warnings on the card when scoring leniently, never silent', () => {
    // Strict by default (issue 20): tests/evidence/unknown-names.test.ts pins the error.
    const ev = makeEvidence([{ measures: { onTime: 1, resolved: 2, mystery: 4 }, appraisals: { '1.2': { round1: 1 } } }]);
    const c = evaluate(set, ev, { lenient: true })[0]!;
    expect(c.warnings.map((w) => w.code)).toContain('evidence.unknown-measure');
  });
  it('a roster unit without evidence gets a card showing missing evidence; an unknown unit is an error', () => {
    const ev = makeEvidence([{ measures: { onTime: 1, resolved: 2 }, appraisals: { '1.2': { round1: 1 } } }]);
    const cards = evaluate(set, ev, {
      units: [
        { id: 'u1', name: 'Xã 1' },
        { id: 'u2', name: 'Xã 2' },
      ],
    });
    expect(cards.map((c) => c.unit.id)).toEqual(['u1', 'u2']);
    expect(cards[1]!.missing).toBe(2);
    expect(cards[1]!.total).toBe(0);
    expect(() => evaluate(set, ev, { units: [{ id: 'u9', name: 'X' }] })).toThrow(/not in the roster/);
  });
});
