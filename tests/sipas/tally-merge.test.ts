/**
 * Merging and pooling tallies, and reading weights, on small tallies written by hand (mutation testing, issue
 * 27): every sum, refusal and message checked whole, so a changed operator or text is seen.
 */
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/core/errors.js';
import type { Tally, UnitTally } from '../../src/sipas/tally.js';
import { mergeTallies, pooledFrom, poolUnits } from '../../src/sipas/tally-merge.js';
import { weightUnits } from '../../src/sipas/weights.js';
import { issuesOf } from '../support/support.js';

const Q = { id: 'q', version: '1', hash: 'sha256:aa' };
const LAYOUT = [{ item: 'a1', codes: [1, 2, null] }];

function tally(units: Record<string, UnitTally>, over: Partial<Tally> = {}): Tally {
  return { format: 'par-index/sipas-tally@2', questionnaire: Q, layout: LAYOUT, weighted: false, decimals: 0, units, ...over };
}
const plain = (respondents: number, counts: number[]): UnitTally => ({ respondents, counts });
const weighted = (respondents: number, weight: string, counts: number[], weights: string[], weights2: string[]): UnitTally => ({
  respondents,
  weight,
  counts,
  weights,
  weights2,
});
/** An issue as code, severity, path, both messages and file: what a refusal shows. */
const whole = (i: Issue) => [i.code, i.severity, i.path, i.message, i.messageVi, i.file];

describe('mergeTallies', () => {
  it('adds the counts unit by unit, units in sorted order, the header of the first tally', () => {
    const a = tally({ v: plain(2, [1, 1, 0]), u: plain(1, [0, 0, 1]) });
    const b = tally({ u: plain(3, [2, 1, 0]), w: plain(1, [1, 0, 0]) });
    const m = mergeTallies([a, b]);
    expect(m).toEqual(tally({ u: plain(4, [2, 1, 1]), v: plain(2, [1, 1, 0]), w: plain(1, [1, 0, 0]) }));
    expect(Object.keys(m.units)).toEqual(['u', 'v', 'w']);
    expect(Object.isFrozen(m) && Object.isFrozen(m.units['u']) && Object.isFrozen(m.units['u']!.counts)).toBe(true);
    // The inputs are neither changed nor shared with the result.
    expect(a.units['u']).toEqual(plain(1, [0, 0, 1]));
    expect(m.units['v']).not.toBe(a.units['v']);
  });

  it('adds weights and squared weights exactly, as decimal strings past 2^53', () => {
    const big = '9007199254740993'; // 2^53 + 1: a float would lose the last digit
    const a = tally({ u: weighted(1, big, [1, 0, 0], [big, '0', '0'], ['4', '0', '0']) }, { weighted: true, decimals: 2 });
    const b = tally({ u: weighted(2, '250', [0, 1, 1], ['0', '125', '125'], ['0', '15625', '15625']) }, { weighted: true, decimals: 2 });
    expect(mergeTallies([a, b]).units['u']).toEqual(
      weighted(3, '9007199254741243', [1, 1, 1], [big, '125', '125'], ['4', '15625', '15625']),
    );
  });

  it('one tally comes back equal, not the same object', () => {
    const a = tally({ u: plain(1, [1, 0, 0]) });
    expect(mergeTallies([a])).toEqual(a);
    expect(mergeTallies([a])).not.toBe(a);
  });

  it('refuses no tally at all', () => {
    expect(issuesOf(() => mergeTallies([])).map(whole)).toEqual([
      ['sipas.tally-mismatch', 'error', [], 'no tally to merge', 'không có bảng đếm để gộp', undefined],
    ]);
  });

  it('refuses tallies of different questionnaires, naming both', () => {
    const a = tally({});
    const b = tally({}, { questionnaire: { id: 'q2', version: '3', hash: 'sha256:bb' } });
    expect(issuesOf(() => mergeTallies([a, b])).map(whole)).toEqual([
      [
        'sipas.tally-mismatch',
        'error',
        [],
        'cannot merge tallies of different questionnaires: q 1 (sha256:aa) and q2 3 (sha256:bb)',
        'không gộp được bảng đếm của hai bộ câu hỏi khác nhau: q 1 và q2 3',
        undefined,
      ],
    ]);
    // The same id and version with another hash is another questionnaire too; checked against every tally.
    const c = tally({}, { questionnaire: { ...Q, hash: 'sha256:cc' } });
    expect(issuesOf(() => mergeTallies([a, a, c]))).toHaveLength(1);
  });

  it('refuses a weighted with an unweighted tally, and different weight decimals', () => {
    const en = 'cannot merge a weighted tally with an unweighted one, or tallies with different weight decimals';
    const vi = 'không gộp được bảng đếm có trọng số với bảng không có trọng số, hoặc khác số chữ số thập phân của trọng số';
    const w2 = tally({}, { weighted: true, decimals: 2 });
    for (const other of [tally({}), tally({}, { weighted: true, decimals: 3 })]) {
      expect(issuesOf(() => mergeTallies([w2, other])).map(whole)).toEqual([['sipas.tally-mismatch', 'error', [], en, vi, undefined]]);
    }
    expect(mergeTallies([w2, w2])).toEqual(w2);
  });

  it('refuses a count that would pass 2^53, naming the unit', () => {
    const max = Number.MAX_SAFE_INTEGER;
    const a = tally({ u: plain(1, [max, 0, 0]) });
    const b = tally({ u: plain(1, [1, 0, 0]) });
    const [i] = issuesOf(() => mergeTallies([a, b]));
    expect([i!.code, i!.message]).toEqual([
      'sipas.tally-overflow',
      'the counts of unit "u" passed 2^53 and can no longer be counted exactly: declare fewer weight decimals, normalise the weights, or tally in smaller units',
    ]);
    // Up to 2^53 − 1 exactly is still a count.
    expect(mergeTallies([tally({ u: plain(1, [max - 1, 0, 0]) }), b]).units['u']!.counts).toEqual([max, 0, 0]);
  });
});

describe('poolUnits', () => {
  it('adds every unit into one, under the id given, and remembers the units', () => {
    const t = tally({ u: plain(1, [1, 0, 0]), v: plain(2, [0, 1, 1]), w: plain(3, [1, 1, 1]) });
    const p = poolUnits(t, 'all');
    expect(p).toEqual(tally({ all: plain(6, [2, 2, 2]) }));
    expect(pooledFrom(p)).toBe(t);
    expect(Object.keys(p)).not.toContain('pooledFrom');
    expect(JSON.parse(JSON.stringify(p))).toEqual(tally({ all: plain(6, [2, 2, 2]) }));
    expect(Object.keys(poolUnits(t).units)).toEqual(['*']);
  });

  it('a single unit is pooled under the new id, with nothing to remember', () => {
    const t = tally({ u: plain(2, [1, 1, 0]) });
    const p = poolUnits(t, 'all');
    expect(p).toEqual(tally({ all: plain(2, [1, 1, 0]) }));
    expect(pooledFrom(p)).toBeUndefined();
    expect(pooledFrom(t)).toBeUndefined();
  });

  it('no unit: an empty tally with the same header', () => {
    const p = poolUnits(tally({}, { weighted: true, decimals: 4 }), 'all');
    expect(p).toEqual(tally({}, { weighted: true, decimals: 4 }));
    expect(Object.isFrozen(p.units)).toBe(true);
  });

  it('weighted units pool their weights; an overflow names the pool', () => {
    const t = tally(
      {
        u: weighted(1, '150', [1, 0, 0], ['150', '0', '0'], ['22500', '0', '0']),
        v: weighted(1, '50', [0, 0, 1], ['0', '0', '50'], ['0', '0', '2500']),
      },
      { weighted: true, decimals: 2 },
    );
    expect(poolUnits(t, 'all').units['all']).toEqual(weighted(2, '200', [1, 0, 1], ['150', '0', '50'], ['22500', '0', '2500']));
    const big = tally({ u: plain(1, [Number.MAX_SAFE_INTEGER, 0, 0]), v: plain(1, [1, 0, 0]) });
    expect(issuesOf(() => poolUnits(big, 'all'))[0]!.message).toMatch(/^the counts of the units pooled as "all" passed 2\^53/);
  });
});

describe('weightUnits', () => {
  it.each([
    ['1,25', 2, 125],
    ['1.25', 4, 12500],
    [' +3 ', 0, 3],
    ['2.500', 1, 25], // trailing zeros are not decimals
    ['0,5', 1, 5],
    ['7.', 0, 7],
    ['0.001', 3, 1],
  ] as const)('text %j at %i decimals is %i units', (w, d, units) => {
    expect(weightUnits(w, d)).toBe(units);
  });

  it.each([
    ['1,255', 2], // too many decimals: never rounded
    ['0', 2],
    ['0,00', 2],
    ['-1', 2],
    ['1e3', 2],
    ['', 2],
    ['abc', 2],
    ['1,2,3', 2],
    ['99999999999999999', 0], // past 2^53
  ] as const)('text %j at %i decimals is refused', (w, d) => {
    expect(weightUnits(w, d)).toBeUndefined();
  });

  it.each([
    [1.25, 2, 125],
    [0.1, 1, 1], // the nearest float to a tenth counts as a tenth
    [0.3, 1, 3],
    [3, 0, 3],
    [1e-9, 9, 1],
    [0.07, 2, 7], // 7.000000000000001 in floats
    // 4503599599999999.5 in floats: half a unit off, within the relative tolerance of 1e-12 at that size
    [4503599.6, 9, 4503599600000000],
  ] as const)('number %d at %i decimals is %i units', (w, d, units) => {
    expect(weightUnits(w, d)).toBe(units);
  });

  it.each([
    [1.255, 2],
    [0.15, 1],
    [0, 2],
    [-2, 0],
    [Number.NaN, 2],
    [Number.POSITIVE_INFINITY, 2],
    [2 ** 60, 0],
    [0.004, 2], // 0.4 units
    [1e-12, 2], // 1e-10 units: within the tolerance of a whole number, but that number is 0
  ] as const)('number %d at %i decimals is refused', (w, d) => {
    expect(weightUnits(w, d)).toBeUndefined();
  });
});
