/**
 * The Tallier's one-respondent path (`add`) and its units, called directly: which codes are refused, what a
 * refused row leaves behind (nothing), weights that must be positive whole units, and sums of weights and of
 * squared weights past 2^53 that must stay exact (issue 27: the mutation run of `tallier.ts:1-150`).
 */
import { describe, expect, it } from 'vitest';
import { ParIndexError } from '../../src/core/errors.js';
import { BLANK, layoutOf } from '../../src/sipas/layout.js';
import { loadQuestionnaire } from '../../src/sipas/questionnaire.js';
import { Tallier, tallyRows } from '../../src/sipas/tallier.js';
import { issuesOf } from '../support/support.js';

/** Two items (one per part) on a 1–5 scale with 9 = no opinion and 0 = not applicable; 6, 7, 8 are on no scale. */
const q = loadQuestionnaire(
  {
    format: 'par-index/questionnaire@1',
    id: 'test.tallier',
    version: '1',
    title: 'Phiếu thử',
    issuer: 'Thử',
    decision: { number: '1/QĐ', date: '2023-01-02' },
    years: [2023],
    status: 'illustrative',
    scales: {
      hl5: {
        title: 'Hài lòng',
        levels: [1, 2, 3, 4, 5].map((c) => ({ code: c, label: `Mức ${c}` })),
        satisfied: { codes: [4, 5], legal: 'unverified' },
        noOpinion: { codes: [9], label: 'Không có ý kiến' },
        notApplicable: { codes: [0], label: 'Không áp dụng' },
      },
    },
    groups: [
      { id: 'g1', part: 'services', kind: 'factor', title: 'Yếu tố 1' },
      { id: 'p1', part: 'policy', kind: 'content', title: 'Nội dung 1' },
    ],
    items: [
      { id: 'a1', group: 'g1', measure: 'satisfaction', scale: 'hl5', text: 'A1', wording: 'illustrative' },
      { id: 'a2', group: 'p1', measure: 'satisfaction', scale: 'hl5', text: 'A2', wording: 'illustrative' },
    ],
    options: {
      noOpinion: { treatment: 'exclude', legal: 'unverified' },
      group: { method: 'mean-of-items', legal: 'unverified' },
      part: { method: 'mean-of-groups', legal: 'unverified' },
      overall: { method: 'mean-of-parts', legal: 'unverified' },
      rounding: { stage: 'overall', precision: 2, mode: 'half-up', legal: 'unverified' },
    },
  },
  { file: 'tallier.yaml' },
);

/** The count of answer `code` to item `item` (0 or 1) in a unit's tally. */
function countOf(t: Tallier, unit: string, item: number, code: number): number {
  return t.tally().units[unit]!.counts[t.layout.slotOf[item * 256 + code]!]!;
}
const total = (t: Tallier, unit: string): number => t.tally().units[unit]!.counts.reduce((a, b) => a + b, 0);

describe('Tallier.add', () => {
  it('counts one answer per item and one respondent, and returns -1', () => {
    const t = new Tallier(q);
    const u = t.unit('xa-a');
    expect(t.add(u, [5, BLANK])).toBe(-1);
    expect(t.add(u, [5, 0])).toBe(-1);
    expect([countOf(t, 'xa-a', 0, 5), countOf(t, 'xa-a', 1, BLANK), countOf(t, 'xa-a', 1, 0)]).toEqual([2, 1, 1]);
    // Two respondents × two items, and nothing anywhere else.
    expect(total(t, 'xa-a')).toBe(4);
    expect(t.tally().units['xa-a']!.respondents).toBe(2);
    expect(t.tally().weighted).toBe(false);
    expect(Object.keys(t.tally().units['xa-a']!)).toEqual(['respondents', 'counts']);
  });

  // Each code would land on a real slot if it were not refused first: 256 on item a1 is slotOf[256], item a2's
  // code 0; −1 on item a2 is slotOf[255], item a1's blank; 2.5 is no index at all.
  it.each([
    ['a code on no scale', [7, 4], 0],
    ['a code on no scale, second item', [4, 6], 1],
    ['a code past 255', [256, 4], 0],
    ['a negative code', [4, -1], 1],
    ['a fraction', [2.5, 4], 0],
    ['a fraction, second item', [4, 2.5], 1],
  ])('refuses %s: returns the item and counts nothing', (_what, codes, item) => {
    const t = new Tallier(q);
    const u = t.unit('xa-a');
    expect(t.add(u, codes)).toBe(item);
    expect(total(t, 'xa-a')).toBe(0);
    expect(t.tally().units['xa-a']!.respondents).toBe(0);
  });

  it('needs a positive whole weight on a weighted tally', () => {
    const t = new Tallier(q, { weighted: true });
    const u = t.unit('xa-a');
    const message = 'Tallier.add: a weighted tally needs a positive safe integer weight';
    for (const w of [0, -3, 1.5, undefined, Number.NaN, 2 ** 53]) expect(() => t.add(u, [4, 4], w)).toThrow(message);
    expect(t.add(u, [4, 4], 1)).toBe(-1);
    expect(t.tally().units['xa-a']!.weight).toBe('1');
  });

  it('keeps sums of weights exact past 2^53', () => {
    const t = new Tallier(q, { weighted: true });
    const u = t.unit('xa-a');
    const w = 2 ** 52 + 1; // safe; three of them sum to 3·2^52 + 3, an odd number past 2^53 no double holds
    for (let k = 0; k < 3; k++) expect(t.add(u, [4, 5], w)).toBe(-1);
    const W = 2n ** 52n + 1n;
    const unit = t.tally().units['xa-a']!;
    expect(unit.weight).toBe(String(3n * W));
    expect(unit.weights![t.layout.slotOf[4]!]).toBe(String(3n * W));
    expect(unit.weights![t.layout.slotOf[256 + 5]!]).toBe(String(3n * W));
    // w² = 2^104 + 2^53 + 1 is far past 2^53: counted as BigInt from the start.
    expect(unit.weights2![t.layout.slotOf[4]!]).toBe(String(3n * W * W));
  });

  it('keeps squared weights exact on both sides of 2^53', () => {
    const t = new Tallier(q, { weighted: true });
    const u = t.unit('xa-a');
    // 94,906,265² = 9,007,199,136,250,225 is below 2^53 − 1; 94,906,267² is above it and odd, so no double holds it.
    const small = 94_906_265;
    const large = 94_906_267;
    t.add(u, [4, 4], small);
    t.add(u, [4, 4], large);
    t.add(u, [4, 4], small);
    const unit = t.tally().units['xa-a']!;
    const s = BigInt(small);
    const l = BigInt(large);
    expect(unit.weights2![t.layout.slotOf[4]!]).toBe(String(2n * s * s + l * l));
    expect(unit.weight).toBe(String(2n * s + l));
  });
});

describe('Tallier.unit', () => {
  it('numbers units in the order they are named, once each', () => {
    const t = new Tallier(q);
    expect([t.unit('xa-b'), t.unit('xa-a'), t.unit('xa-b')]).toEqual([0, 1, 0]);
    expect(Object.keys(t.tally().units)).toEqual(['xa-a', 'xa-b']);
  });

  it('refuses "__proto__" as a unit id', () => {
    const t = new Tallier(q);
    expect(() => t.unit('__proto__')).toThrow(ParIndexError);
    expect(issuesOf(() => t.unit('__proto__')).map((i) => [i.code, i.severity, i.path, i.message, i.messageVi])).toEqual([
      ['sipas.unknown-unit', 'error', ['units', '__proto__'], '"__proto__" cannot be a unit id', '"__proto__" không thể là mã đơn vị'],
    ]);
  });

  it('holds the number of units to limits.maxUnits, naming the file', () => {
    const t = new Tallier(q, { limits: { maxUnits: 2 }, file: 'phieu.csv' });
    t.unit('xa-a');
    t.unit('xa-b');
    expect(t.unit('xa-a')).toBe(0); // a unit named again is not a new one
    expect(issuesOf(() => t.unit('xa-c')).map((i) => [i.code, i.path, i.file, i.message, i.messageVi])).toEqual([
      [
        'io.too-large',
        ['units'],
        'phieu.csv',
        'the responses name too many units: more than 2; the limit is 2 (raise it with limits.maxUnits if this input is intended)',
        expect.stringMatching(/^phiếu khảo sát có quá nhiều đơn vị: more than 2; giới hạn .* là 2 \(nâng bằng limits\.maxUnits/),
      ],
    ]);
  });
});

describe('Tallier.addBatch', () => {
  // Three respondents of two items: row 1 has 7 (on no scale) for item a2.
  const codes = Uint8Array.from([5, 4, 4, 7, 1, BLANK]);

  it('counts the good rows of a batch and reports each refused one with its item and code', () => {
    const t = new Tallier(q);
    const units = [t.unit('xa-a'), t.unit('xa-b'), t.unit('xa-a')];
    const heard: number[][] = [];
    expect(t.addBatch({ codes, units, rows: 3 }, (row, item, code) => heard.push([row, item, code]))).toEqual({ used: 2, rejected: 1 });
    expect(heard).toEqual([[1, 1, 7]]);
    const tally = t.tally();
    expect([tally.units['xa-a']!.respondents, tally.units['xa-b']!.respondents]).toEqual([2, 0]);
    expect([countOf(t, 'xa-a', 0, 5), countOf(t, 'xa-a', 1, 4), countOf(t, 'xa-a', 0, 1), countOf(t, 'xa-a', 1, BLANK)]).toEqual([
      1, 1, 1, 1,
    ]);
    expect([total(t, 'xa-a'), total(t, 'xa-b')]).toEqual([4, 0]);
    // `rows` bounds the batch: the third row is not read.
    const t2 = new Tallier(q);
    expect(t2.addBatch({ codes, units: [t2.unit('xa-a'), t2.unit('xa-a'), t2.unit('xa-a')], rows: 1 })).toEqual({ used: 1, rejected: 0 });
    expect(total(t2, 'xa-a')).toBe(2);
  });

  it('gives a weighted batch the same counts, and sums its weights', () => {
    const t = new Tallier(q, { weighted: true });
    const units = [t.unit('xa-a'), t.unit('xa-b'), t.unit('xa-a')];
    expect(() => t.addBatch({ codes, units, rows: 3 })).toThrow('Tallier.addBatch: a weighted tally needs weights');
    const heard: number[][] = [];
    expect(t.addBatch({ codes, units, rows: 3, weights: [3, 5, 11] }, (row, item, code) => heard.push([row, item, code]))).toEqual({
      used: 2,
      rejected: 1,
    });
    expect(heard).toEqual([[1, 1, 7]]);
    const a = t.tally().units['xa-a']!;
    expect([a.respondents, a.weight, t.tally().units['xa-b']!.weight]).toEqual([2, '14', '0']);
    expect(a.weights![t.layout.slotOf[5]!]).toBe('3');
    expect(a.weights2![t.layout.slotOf[1]!]).toBe('121');
  });
});

describe('tallyRows', () => {
  it('names each bad respondent by position: unknown item, bad weight, answer off the scale', () => {
    const rows = [
      { unit: 'xa-a', answers: { a1: 4, zz: 1 }, weight: 1 },
      { unit: 'xa-a', answers: { a1: 4 }, weight: -2 },
      { unit: 'xa-a', answers: { a1: 4, a2: 8 }, weight: 1 },
    ];
    expect(issuesOf(() => tallyRows(q, rows)).map((i) => [i.code, i.severity, i.path, i.message, i.messageVi])).toEqual([
      ['sipas.unknown-item', 'error', [0, 'answers', 'zz'], 'unknown item "zz"', 'câu hỏi "zz" không có trong bộ câu hỏi'],
      [
        'sipas.bad-weight',
        'error',
        [1, 'weight'],
        'weight -2 is not a positive number with at most 6 decimals',
        'trọng số -2 không phải số dương có tối đa 6 chữ số thập phân',
      ],
      [
        'sipas.answer-out-of-scale',
        'error',
        [2, 'answers', 'a2'],
        'answer 8 is not on the scale of item "a2" (codes 1, 2, 3, 4, 5, 9, 0)',
        'câu trả lời 8 không thuộc thang đo của câu hỏi "a2" (các mã 1, 2, 3, 4, 5, 9, 0)',
      ],
    ]);
  });

  it('weighs the rows when any has a weight, and treats null and absent answers as blank', () => {
    const t = tallyRows(q, [{ unit: 'xa-a', answers: { a1: 5 }, weight: 2.5 }]);
    expect(t.weighted).toBe(true);
    // The questionnaire's default: weights in whole units of 10^-6.
    expect([t.decimals, t.units['xa-a']!.weight]).toEqual([6, '2500000']);
    const u = tallyRows(q, [{ unit: 'xa-a', answers: { a1: 4, a2: null } }]);
    expect(u.weighted).toBe(false);
    const slots = layoutOf(q).slotOf;
    expect([u.units['xa-a']!.counts[slots[4]!], u.units['xa-a']!.counts[slots[256 + BLANK]!]]).toEqual([1, 1]);
  });
});

describe('Tallier: the first item, no listener, and unit order', () => {
  // Row 0 is refused at its first item (8), row 1 is good.
  const codes = Uint8Array.from([8, 4, 3, 3]);

  it.each([false, true])('refuses a row whose first item is off the scale, with no listener (weighted: %s)', (weighted) => {
    const t = new Tallier(q, { weighted });
    const units = [t.unit('xa-a'), t.unit('xa-a')];
    const heard: number[][] = [];
    const batch = { codes, units, rows: 2, ...(weighted ? { weights: [1, 1] } : {}) };
    expect(t.addBatch(batch, (row, item, code) => heard.push([row, item, code]))).toEqual({ used: 1, rejected: 1 });
    expect(heard).toEqual([[0, 0, 8]]);
    // Without a listener a refused row is counted as refused, and nothing throws.
    expect(t.addBatch(batch)).toEqual({ used: 1, rejected: 1 });
    expect([t.tally().units['xa-a']!.respondents, total(t, 'xa-a')]).toEqual([2, 4]);
  });

  it('lists units in sorted order whatever order they were named in', () => {
    const t = new Tallier(q);
    for (const id of ['xa-d', 'xa-c', 'xa-b', 'xa-a', 'xa-e']) t.unit(id);
    expect(Object.keys(t.tally().units)).toEqual(['xa-a', 'xa-b', 'xa-c', 'xa-d', 'xa-e']);
  });

  it('weighs every row when only some give a weight: the others are refused', () => {
    const rows = [
      { unit: 'xa-a', answers: { a1: 4 }, weight: 2 },
      { unit: 'xa-a', answers: { a1: 5 } },
    ];
    expect(issuesOf(() => tallyRows(q, rows)).map((i) => [i.code, i.path])).toEqual([['sipas.bad-weight', [1, 'weight']]]);
  });
});
