/**
 * Rule kind `items` (issue 22, item 4): a condition on every item of a list in the evidence — "tỷ lệ giải ngân ≥ 95 %
 * đối với từng dự án" — or on each of a set of tasks, turned into points by a quantifier. Every expected value is
 * worked by hand from the rule's meaning, in the comments; traces are compared whole and name every item.
 */
import { describe, expect, it } from 'vitest';
import { formatPath } from '../../src/core/errors.js';
import { checkCriteriaSet, loadCriteriaSet } from '../../src/criteria/load.js';
import { evaluate, replayLeaf } from '../../src/engine/evaluate.js';
import { cardsOf } from '../../src/ranking/rank.js';
import { score as scoreAll } from '../../src/ranking/score.js';
import { loadScoreCards } from '../../src/ranking/scores.js';
import { explainText } from '../../src/report/explain.js';
import { renderJson } from '../../src/report/report.js';
import { checkEvidence, loadEvidence } from '../../src/evidence/load.js';
import { checklist } from '../../src/inspection/checklist.js';
import { RULE_KINDS } from '../../src/rules/registry.js';
import { rescore } from '../../src/versions/rescore.js';
import { criteriaDoc, issuesOf, makeEvidence, pts, status } from '../support/support.js';

/** The lists of these tests: projects with a disbursement rate (%), their planned and disbursed amounts. */
const LISTS = {
  duAn: {
    title: 'Dự án đầu tư công',
    titleEn: 'Public investment projects',
    fields: {
      tyLeGiaiNgan: { title: 'Tỷ lệ giải ngân', unit: 'percent' },
      keHoach: { title: 'Vốn kế hoạch (triệu đồng)', unit: 'amount', min: 0 },
      daGiaiNgan: { title: 'Vốn đã giải ngân (triệu đồng)', unit: 'amount', min: 0 },
      soNgayCham: { title: 'Số ngày chậm', unit: 'days' },
    },
  },
};

/** A one-leaf set whose leaf 1.1 (max 2 unless given) has the rule. */
const setOf = (rule: Record<string, unknown>, max = 2, extra: Record<string, unknown> = {}) =>
  loadCriteriaSet(
    criteriaDoc([{ id: '1', title: 'Lĩnh vực 1', max, children: [{ id: '1.1', title: 'Giải ngân vốn đầu tư công', max, rule }] }], {
      lists: LISTS,
      ...extra,
    }),
  );
/** Scores one unit under the rule; its card. */
const score = (rule: Record<string, unknown>, unit: Record<string, unknown>, max = 2) =>
  evaluate(setOf(rule, max), makeEvidence([unit]))[0]!;
const leaf = (c: ReturnType<typeof score>) => c.trace![0]!.children[0]!;
const lines = (c: ReturnType<typeof score>) => leaf(c).steps.map((s) => [s.vi, s.en, s.calc]);
const lost = (c: ReturnType<typeof score>) => leaf(c).lost.map((l) => [l.vi, l.en]);

/** Four projects: A 96.5 %, B 90 %, C exactly 95 %, D 100 %. */
const FOUR = {
  lists: {
    duAn: [
      { id: 'DA-01', title: 'Dự án A', values: { tyLeGiaiNgan: 96.5 } },
      { id: 'DA-02', title: 'Dự án B', values: { tyLeGiaiNgan: 90 } },
      { id: 'DA-03', title: 'Dự án C', values: { tyLeGiaiNgan: 95 } },
      { id: 'DA-04', values: { tyLeGiaiNgan: 100 } },
    ],
  },
};
const atLeast95 = { field: 'tyLeGiaiNgan', min: 95 };
const rule = (extra: Record<string, unknown>) => ({ kind: 'items', list: 'duAn', where: atLeast95, whenEmpty: 'not-applicable', ...extra });

describe('quantifiers, worked by hand', () => {
  it('all: B has 90 < 95, so "every project ≥ 95 %" fails → otherwise 0.5 (not 2)', () => {
    const c = score(rule({ quantifier: 'all', otherwise: 0.5 }), FOUR);
    expect(pts(c, '1.1')).toBe(0.5);
    // Every item named in order, with its value and the comparison that decided it; C at exactly 95 meets (inclusive).
    expect(lines(c)).toEqual([
      [
        'điều kiện cho từng mục của duAn: 95 ≤ tyLeGiaiNgan; tất cả các mục đạt',
        'condition on each item of duAn: 95 ≤ tyLeGiaiNgan; every item meets the condition',
        undefined,
      ],
      ['DA-01 Dự án A: tyLeGiaiNgan = 96,5; 96,5 > 95 ✓', 'DA-01 Dự án A: tyLeGiaiNgan = 96.5; 96.5 > 95 ✓', undefined],
      ['DA-02 Dự án B: tyLeGiaiNgan = 90; 90 < 95 ✗', 'DA-02 Dự án B: tyLeGiaiNgan = 90; 90 < 95 ✗', undefined],
      ['DA-03 Dự án C: tyLeGiaiNgan = 95; 95 = 95 ✓', 'DA-03 Dự án C: tyLeGiaiNgan = 95; 95 = 95 ✓', undefined],
      ['DA-04: tyLeGiaiNgan = 100; 100 > 95 ✓', 'DA-04: tyLeGiaiNgan = 100; 100 > 95 ✓', undefined],
      [
        '3/4 mục đạt; tất cả các mục đạt: không đúng',
        '3 of 4 items meet the condition; every item meets the condition: does not hold',
        '→ 0.5',
      ],
    ]);
    expect(lost(c)).toEqual([['các mục chưa đạt: DA-02 Dự án B', 'items that do not meet the condition: DA-02 Dự án B']]);
  });
  it('all: without B, the three others all meet it → the max, 2', () => {
    const three = { lists: { duAn: FOUR.lists.duAn.filter((d) => d.id !== 'DA-02') } };
    const c = score(rule({ quantifier: 'all' }), three);
    expect([pts(c, '1.1'), status(c, '1.1')]).toEqual([2, 'scored']);
    expect(lost(c)).toEqual([]);
  });
  it('any: at least one of the four meets it → 2; none of [90, 80] does → 0', () => {
    expect(pts(score(rule({ quantifier: 'any' }), FOUR), '1.1')).toBe(2);
    const low = {
      lists: {
        duAn: [
          { id: 'X', values: { tyLeGiaiNgan: 90 } },
          { id: 'Y', values: { tyLeGiaiNgan: 80 } },
        ],
      },
    };
    const c = score(rule({ quantifier: 'any' }), low);
    expect(pts(c, '1.1')).toBe(0);
    expect(lost(c)).toEqual([['không mục nào đạt điều kiện', 'no item meets the condition']]);
  });
  it('none: "no project late": 0 days late for both → 2; one 3 days late → 0, naming it', () => {
    const late = {
      kind: 'items',
      list: 'duAn',
      where: { field: 'soNgayCham', min: 0, minInclusive: false },
      quantifier: 'none',
      whenEmpty: 'full',
    };
    const ok = {
      lists: {
        duAn: [
          { id: 'X', values: { soNgayCham: 0 } },
          { id: 'Y', values: { soNgayCham: 0 } },
        ],
      },
    };
    expect(pts(score(late, ok), '1.1')).toBe(2);
    const one = {
      lists: {
        duAn: [
          { id: 'X', values: { soNgayCham: 0 } },
          { id: 'Y', values: { soNgayCham: 3 } },
        ],
      },
    };
    const c = score(late, one);
    expect(pts(c, '1.1')).toBe(0);
    // 0 is not > 0 (exclusive lower bound): X does not meet "late"; Y does.
    expect(lines(c).slice(1, 3)).toEqual([
      ['X: soNgayCham = 0; 0 = 0 ✗', 'X: soNgayCham = 0; 0 = 0 ✗', undefined],
      ['Y: soNgayCham = 3; 3 > 0 ✓', 'Y: soNgayCham = 3; 3 > 0 ✓', undefined],
    ]);
    expect(lost(c)).toEqual([['các mục đạt điều kiện (cần không có): Y', 'items that meet the condition (none may): Y']]);
  });
  it('each: 0.75 per project meeting it, capped at the max 2: 3 meet → 3 × 0.75 = 2.25 → 2; with max 3 → 2.25', () => {
    const c = score(rule({ quantifier: 'each', each: 0.75 }), FOUR);
    expect(pts(c, '1.1')).toBe(2);
    expect(lines(c).at(-1)).toEqual(['3/4 mục đạt', '3 of 4 items meet the condition', '3 × 0.75 = 2.25, ≤ 2 → 2']);
    expect(pts(score(rule({ quantifier: 'each', each: 0.75 }), FOUR, 3), '1.1')).toBe(2.25);
  });
  it('count: rows by how many meet it: 3 meet → row "from 3" → 2; 2 meet → row [1, 3) → 1', () => {
    const rows = [
      { min: 3, points: 2 },
      { min: 1, max: 3, points: 1 },
      { max: 1, points: 0 },
    ];
    const c = score(rule({ quantifier: 'count', rows }), FOUR);
    expect(pts(c, '1.1')).toBe(2);
    expect(lines(c).at(-1)).toEqual(['số mục đạt = 3 thuộc mức 3 ≤ x', 'items meeting = 3 falls in 3 ≤ x', '→ 2']);
    const two = { lists: { duAn: FOUR.lists.duAn.slice(0, 2).concat([{ id: 'DA-09', values: { tyLeGiaiNgan: 94.99 } }]) } };
    expect(pts(score(rule({ quantifier: 'count', rows }), two), '1.1')).toBe(1); // 96.5 ✓, 90 ✗, 94.99 ✗ → 1
  });
  it('share: 3 of 4 meet it = 75 %; rows "≥ 80 % → 2, else 1" → 1, with the share exactly', () => {
    const rows = [
      { min: 80, max: 100, maxInclusive: true, points: 2 },
      { max: 80, points: 1 },
    ];
    const c = score(rule({ quantifier: 'share', rows }), FOUR);
    expect(pts(c, '1.1')).toBe(1);
    expect(lines(c).slice(-2)).toEqual([
      ['3/4 mục đạt', '3 of 4 items meet the condition', '3 ÷ 4 × 100 = 75 %'],
      ['tỷ lệ mục đạt (%) = 75 thuộc mức x < 80', 'share meeting (%) = 75 falls in x < 80', '→ 1'],
    ]);
  });
  it('share of 2 in 3 is 200/3 %, written exactly to 6 decimals, never as float noise', () => {
    const three = { lists: { duAn: FOUR.lists.duAn.slice(0, 3) } }; // 96.5 ✓, 90 ✗, 95 ✓ → 2 of 3
    const rows = [
      { min: 66.67, max: 100, maxInclusive: true, points: 2 },
      { max: 66.67, points: 1 },
    ];
    const c = score(rule({ quantifier: 'share', rows }), three);
    // 200/3 = 66.666… < 66.67 → 1 (a float 66.66666666666667 would say the same here; the trace shows ≈ and 6 decimals).
    expect(pts(c, '1.1')).toBe(1);
    expect(lines(c).at(-2)![2]).toBe('2 ÷ 3 × 100 = ≈66.666667 %');
  });
});

describe('bounds and ratios of two fields', () => {
  it('an exclusive lower bound ("trên 95 %"): exactly 95 fails; a max bound with maxInclusive false ("dưới 100 %"): 100 fails', () => {
    const c = score(
      rule({
        where: { field: 'tyLeGiaiNgan', min: 95, minInclusive: false },
        quantifier: 'count',
        rows: [
          { min: 2, points: 2 },
          { max: 2, points: 0 },
        ],
      }),
      FOUR,
    );
    // 96.5 ✓, 90 ✗, 95 ✗ (not above 95), 100 ✓ → 2 → 2 points
    expect(
      lines(c)
        .slice(1, 5)
        .map((l) => l[1]),
    ).toEqual([
      'DA-01 Dự án A: tyLeGiaiNgan = 96.5; 96.5 > 95 ✓',
      'DA-02 Dự án B: tyLeGiaiNgan = 90; 90 < 95 ✗',
      'DA-03 Dự án C: tyLeGiaiNgan = 95; 95 = 95 ✗',
      'DA-04: tyLeGiaiNgan = 100; 100 > 95 ✓',
    ]);
    expect(pts(c, '1.1')).toBe(2);
    const below = score(rule({ where: { field: 'tyLeGiaiNgan', max: 100, maxInclusive: false }, quantifier: 'all' }), FOUR);
    // DA-04 at 100 is not below 100 → all fails → 0
    expect(pts(below, '1.1')).toBe(0);
    expect(lost(below)).toEqual([['các mục chưa đạt: DA-04', 'items that do not meet the condition: DA-04']]);
  });
  it('a ratio daGiaiNgan ÷ keHoach × 100 per item; a base of 0 as the rule declares', () => {
    const where = { field: 'daGiaiNgan', of: 'keHoach', min: 95, whenBaseZero: 'meets' };
    const unit = {
      lists: {
        duAn: [
          { id: 'P', values: { daGiaiNgan: 19, keHoach: 20 } }, // 19 ÷ 20 × 100 = 95 ✓
          { id: 'Q', values: { daGiaiNgan: 2, keHoach: 3 } }, // 2 ÷ 3 × 100 = 66.666… ✗
          { id: 'R', values: { daGiaiNgan: 0, keHoach: 0 } }, // base 0 → meets, as declared
        ],
      },
    };
    const c = score(
      rule({
        where,
        quantifier: 'count',
        rows: [
          { min: 2, points: 2 },
          { max: 2, points: 0 },
        ],
      }),
      unit,
    );
    expect(pts(c, '1.1')).toBe(2); // P and R → 2
    expect(
      lines(c)
        .slice(1, 4)
        .map((l) => l[0]),
    ).toEqual([
      'P: daGiaiNgan/keHoach = 19 ÷ 20 × 100 = 95 %; 95 = 95 ✓',
      'Q: daGiaiNgan/keHoach = 2 ÷ 3 × 100 = ≈66,666667 %; ≈66,666667 < 95 ✗',
      'R: keHoach = 0 → coi là đạt ✓',
    ]);
    const fails = score(
      rule({
        where: { ...where, whenBaseZero: 'fails' },
        quantifier: 'count',
        rows: [
          { min: 2, points: 2 },
          { max: 2, points: 0 },
        ],
      }),
      unit,
    );
    expect(pts(fails, '1.1')).toBe(0); // only P → 1 < 2 → 0
  });
});

describe('an empty list, a list absent, a value absent', () => {
  const empty = { lists: { duAn: [] } };
  it('whenEmpty: not-applicable → the node leaves the maximum; zero → 0 of 2; full → 2', () => {
    const na = score(rule({ quantifier: 'all' }), empty);
    expect([status(na, '1.1'), na.max]).toEqual(['not-applicable', 0]);
    expect(lines(na)[0]).toEqual(['danh sách duAn không có mục nào', 'list duAn has no items', undefined]);
    const zero = score(rule({ quantifier: 'all', whenEmpty: 'zero' }), empty);
    expect([pts(zero, '1.1'), zero.max, status(zero, '1.1')]).toEqual([0, 2, 'scored']);
    const full = score(rule({ quantifier: 'all', whenEmpty: 'full' }), empty);
    expect([pts(full, '1.1'), status(full, '1.1')]).toEqual([2, 'scored']);
  });
  it('a list absent from the unit is missing evidence, never "all hold"', () => {
    const c = score(rule({ quantifier: 'all', whenEmpty: 'full' }), { lists: {} });
    expect([pts(c, '1.1'), status(c, '1.1')]).toEqual([0, 'missing']);
    expect(leaf(c).inputs).toEqual([{ kind: 'missing', what: 'list', id: 'duAn' }]);
  });
  it('an item without the field read makes the leaf missing, naming the item and the field', () => {
    const unit = {
      lists: {
        duAn: [
          { id: 'DA-01', values: { tyLeGiaiNgan: 99 } },
          { id: 'DA-02', values: { keHoach: 5 } },
        ],
      },
    };
    const c = score(rule({ quantifier: 'all' }), unit);
    expect([pts(c, '1.1'), status(c, '1.1')]).toEqual([0, 'missing']);
    expect(lines(c)[0]![1]).toBe('missing evidence: lists.duAn[DA-02].tyLeGiaiNgan');
  });
  it('the trace records the list read, each item with its values exactly and its source', () => {
    const c = score(rule({ quantifier: 'all' }), {
      lists: { duAn: [{ id: 'DA-01', values: { tyLeGiaiNgan: 96.5 }, source: 'Báo cáo 12/BC-UBND' }] },
    });
    expect(leaf(c).inputs).toEqual([
      { kind: 'list', id: 'duAn', items: [{ id: 'DA-01', values: { tyLeGiaiNgan: '193/2' }, source: 'Báo cáo 12/BC-UBND' }] },
    ]);
  });
});

describe('tasks as items', () => {
  const tasks = {
    kind: 'items',
    tasks: ['ke-hoach', 'bao-cao-quy', 'bao-cao-nam'],
    deadline: '2021-12-15',
    where: 'on-time',
    quantifier: 'all',
  };
  const unit = (namDone: string | false) => ({
    tasks: {
      'ke-hoach': { done: '2021-01-20', deadline: '2021-01-31' }, // its own deadline: on time
      'bao-cao-quy': { done: '2021-12-15' }, // on the rule's deadline itself: on time
      'bao-cao-nam': { done: namDone },
    },
  });
  it('every task by its deadline → 2; one a day late → 0, naming it', () => {
    expect(pts(score(tasks, unit('2021-12-10')), '1.1')).toBe(2);
    const c = score(tasks, unit('2021-12-16'));
    expect(pts(c, '1.1')).toBe(0);
    expect(
      lines(c)
        .slice(1, 4)
        .map((l) => l[1]),
    ).toEqual([
      'ke-hoach: done on 2021-01-20, deadline 2021-01-31: on time ✓',
      'bao-cao-quy: done on 2021-12-15, deadline 2021-12-15: on time ✓',
      'bao-cao-nam: done on 2021-12-16, deadline 2021-12-15: late ✗',
    ]);
    expect(lost(c)).toEqual([['các mục chưa đạt: bao-cao-nam', 'items that do not meet the condition: bao-cao-nam']]);
  });
  it('done: late still counts; not done does not — count of done: 2 of 3 → row [2, 3) → 1', () => {
    const count = {
      ...tasks,
      where: 'done',
      quantifier: 'count',
      rows: [
        { min: 3, points: 2 },
        { min: 2, max: 3, points: 1 },
        { max: 2, points: 0 },
      ],
    };
    expect(pts(score(count, unit('2021-12-31')), '1.1')).toBe(2); // all three done, one late → 3 → 2
    expect(pts(score(count, unit(false)), '1.1')).toBe(1);
  });
  it("a task's own deadline in the criteria ({ task, deadline }) wins over the rule's; the unit's wins over both", () => {
    const own = {
      ...tasks,
      tasks: [{ task: 'ke-hoach', deadline: '2021-01-15' }, 'bao-cao-quy', { task: 'bao-cao-nam', deadline: '2021-12-31' }],
    };
    // ke-hoach: the unit's deadline 2021-01-31 (not the criteria's 01-15) → on time; bao-cao-quy: the rule's 12-15 → on
    // time; bao-cao-nam done 12-20: late by the rule's 12-15 but on time by its own 12-31 → all on time → 2
    const c = score(own, unit('2021-12-20'));
    expect(pts(c, '1.1')).toBe(2);
    expect(lines(c)[3]![1]).toBe('bao-cao-nam: done on 2021-12-20, deadline 2021-12-31: on time ✓');
    expect(pts(score(tasks, unit('2021-12-20')), '1.1')).toBe(0);
  });
  it('a task absent from the evidence is missing', () => {
    const c = score(tasks, { tasks: { 'ke-hoach': { done: '2021-01-20' } } });
    expect([pts(c, '1.1'), status(c, '1.1')]).toEqual([0, 'missing']);
    expect(lines(c)[0]![1]).toBe('missing evidence: tasks.bao-cao-quy, tasks.bao-cao-nam');
  });
  it('reads the tasks (so the evidence check knows them) and lists', () => {
    expect(RULE_KINDS.items.reads(RULE_KINDS.items.schema.parse(tasks))).toEqual({ tasks: ['ke-hoach', 'bao-cao-quy', 'bao-cao-nam'] });
    expect(RULE_KINDS.items.reads(RULE_KINDS.items.schema.parse(rule({ quantifier: 'all' })))).toEqual({ lists: ['duAn'] });
  });
});

describe('check refuses what cannot be scored as written', () => {
  /** The issues `check` finds in a one-leaf set with the rule, as [code, path]. */
  const found = (r: Record<string, unknown>, lists: unknown = LISTS) => {
    const doc = criteriaDoc([{ id: '1', title: 'Lĩnh vực 1', max: 2, children: [{ id: '1.1', title: 'Giải ngân', max: 2, rule: r }] }], {
      lists,
    });
    return checkCriteriaSet(doc, { file: 'x.yaml' })
      .issues.filter((i) => i.severity === 'error')
      .map((i) => [i.code, formatPath(i.path)]);
  };
  const at = 'tree[0].children[0].rule';
  it('a valid rule passes', () => {
    expect(found(rule({ quantifier: 'all' }))).toEqual([]);
  });
  it('a list the set does not declare, or no lists at all', () => {
    expect(found(rule({ list: 'duAnX', quantifier: 'all' }))).toEqual([['criteria.undeclared-list', `${at}.list`]]);
    expect(found(rule({ quantifier: 'all' }), {})).toEqual([['criteria.undeclared-list', `${at}.list`]]);
  });
  it('a field the list does not declare, as field or as of', () => {
    expect(found(rule({ where: { field: 'tyLe', min: 95 }, quantifier: 'all' }))).toEqual([
      ['criteria.undeclared-list', `${at}.where.field`],
    ]);
    expect(found(rule({ where: { field: 'daGiaiNgan', of: 'vonKH', min: 95, whenBaseZero: 'fails' }, quantifier: 'all' }))).toEqual([
      ['criteria.undeclared-list', `${at}.where.of`],
    ]);
  });
  it("a threshold outside the field's range (a percent above 100), or of a ratio outside 0–100", () => {
    expect(found(rule({ where: { field: 'tyLeGiaiNgan', min: 101 }, quantifier: 'all' }))).toEqual([
      ['criteria.threshold-range', `${at}.where.min`],
    ]);
    expect(found(rule({ where: { field: 'soNgayCham', max: -1 }, quantifier: 'all' }))).toEqual([
      ['criteria.threshold-range', `${at}.where.max`],
    ]);
    expect(found(rule({ where: { field: 'daGiaiNgan', of: 'keHoach', min: 120, whenBaseZero: 'fails' }, quantifier: 'all' }))).toEqual([
      ['criteria.threshold-range', `${at}.where.min`],
    ]);
  });
  it('a ratio without whenBaseZero; a condition with no bound; an empty range', () => {
    expect(found(rule({ where: { field: 'daGiaiNgan', of: 'keHoach', min: 95 }, quantifier: 'all' }))).toEqual([
      ['schema.required', `${at}.where.whenBaseZero`],
    ]);
    expect(found(rule({ where: { field: 'tyLeGiaiNgan' }, quantifier: 'all' }))).toEqual([['schema.required', `${at}.where`]]);
    expect(found(rule({ where: { field: 'tyLeGiaiNgan', min: 95, max: 95, maxInclusive: false }, quantifier: 'all' }))).toEqual([
      ['criteria.band-order', `${at}.where`],
    ]);
  });
  it('a list without whenEmpty: an empty list must never be "all hold" by default', () => {
    expect(found({ kind: 'items', list: 'duAn', where: atLeast95, quantifier: 'all' })).toEqual([['schema.required', `${at}.whenEmpty`]]);
  });
  it('quantifier parameters: each needs each (> 0), count/share need rows covering their range, otherwise ≤ max', () => {
    expect(found(rule({ quantifier: 'each' }))).toEqual([['schema.required', `${at}.each`]]);
    expect(found(rule({ quantifier: 'each', each: 0 }))).toEqual([['criteria.rule-cannot-reach-max', `${at}.each`]]);
    expect(found(rule({ quantifier: 'count' }))).toEqual([['schema.required', `${at}.rows`]]);
    // share rows leave (90; 100] uncovered and the best row gives 1 < max 2
    expect(found(rule({ quantifier: 'share', rows: [{ max: 90, maxInclusive: true, points: 1 }] }))).toEqual([
      ['criteria.bands-gap', `${at}.rows[0]`],
      ['criteria.rule-cannot-reach-max', `${at}.rows`],
    ]);
    expect(found(rule({ quantifier: 'all', otherwise: 3 }))).toEqual([['criteria.rule-exceeds-max', `${at}.otherwise`]]);
    expect(found(rule({ quantifier: 'all', rows: [{ points: 2 }] }))).toEqual([['schema.invalid-value', `${at}.rows`]]);
  });
  it('tasks: no whenEmpty, a count row beyond the number of tasks, each that cannot reach the max, a task named twice', () => {
    const tasks = { kind: 'items', tasks: ['a', 'b'], where: 'done' };
    expect(found({ ...tasks, quantifier: 'all', whenEmpty: 'full' })).toEqual([['schema.invalid-value', `${at}.whenEmpty`]]);
    expect(
      found({
        ...tasks,
        quantifier: 'count',
        rows: [
          { min: 3, points: 2 },
          { max: 3, points: 0 },
        ],
      }),
    ).toEqual([
      ['criteria.threshold-range', `${at}.rows[0]`],
      ['criteria.threshold-range', `${at}.rows[1]`],
    ]);
    // 2 tasks × 0.5 = 1 < 2
    expect(found({ ...tasks, quantifier: 'each', each: 0.5 })).toEqual([['criteria.rule-cannot-reach-max', `${at}.each`]]);
    expect(found({ ...tasks, tasks: ['a', 'a'], quantifier: 'all' })).toEqual([['criteria.duplicate-id', `${at}.tasks[1]`]]);
    expect(found({ ...tasks, where: atLeast95, quantifier: 'all' })).toEqual([['schema.invalid-value', `${at}.where`]]);
  });
  it('a list and tasks together, or neither', () => {
    expect(found({ kind: 'items', where: 'done', quantifier: 'all' })).toEqual([['schema.required', at]]);
  });
});

describe('evidence with lists: refused with the file, the path and the item, in both languages', () => {
  const set = setOf(rule({ quantifier: 'all' }));
  const ev = (lists: unknown) =>
    loadEvidence({
      data: { format: 'par-index/evidence@1', year: 2021, source: 'Báo cáo', units: [{ id: 'u1', name: 'Xã 1', lists }] },
      file: 'ev.yaml',
    });
  it('two items of one list with one id', () => {
    const issues = issuesOf(() =>
      ev({
        duAn: [
          { id: 'DA-01', values: { tyLeGiaiNgan: 96 } },
          { id: 'DA-01', values: { tyLeGiaiNgan: 80 } },
        ],
      }),
    );
    expect(issues.map((i) => [i.code, i.file, formatPath(i.path), i.unit])).toEqual([
      ['evidence.duplicate-item', 'ev.yaml', 'units[0].lists.duAn[1].id', 'u1'],
    ]);
    expect(issues[0]!.message).toBe('item id "DA-01" of list "duAn" is also item 1 of that list: each item of a list needs its own id');
    expect(issues[0]!.messageVi).toBe('mã mục "DA-01" của danh sách "duAn" trùng với mục thứ 1 của danh sách đó: mỗi mục cần một mã riêng');
  });
  it('a field the list does not declare, a value out of its range, a list the set does not declare', () => {
    const issues = checkEvidence(
      set,
      ev({
        duAn: [
          { id: 'DA-01', values: { tyLeGiaiNgn: 96 } },
          { id: 'DA-02', values: { tyLeGiaiNgan: 101, soNgayCham: 1.5 } },
        ],
        duAnKhac: [],
      }),
    );
    expect(issues.map((i) => [i.code, i.severity, i.file, formatPath(i.path)])).toEqual([
      ['evidence.unknown-list', 'error', 'ev.yaml', 'units[0].lists.duAn[0].values.tyLeGiaiNgn'],
      ['evidence.out-of-range', 'error', 'ev.yaml', 'units[0].lists.duAn[1].values.tyLeGiaiNgan'],
      ['evidence.unknown-list', 'error', 'ev.yaml', 'units[0].lists.duAnKhac'],
    ]);
    expect([issues[0]!.message, issues[0]!.messageVi]).toEqual([
      'list "duAn" declares no field "tyLeGiaiNgn" (item "DA-01"); did you mean "tyLeGiaiNgan"? (score anyway, with a warning: --lenient)',
      'danh sách "duAn" không có trường "tyLeGiaiNgn" (mục "DA-01"); có phải là "tyLeGiaiNgan"? (vẫn chấm, kèm cảnh báo: --lenient)',
    ]);
    expect([issues[1]!.message, issues[1]!.messageVi]).toEqual([
      '101 is outside the declared range [0, 100] of field "tyLeGiaiNgan" of list "duAn" (percent; item "DA-02")',
      '101 nằm ngoài khoảng [0, 100] của trường "tyLeGiaiNgan" trong danh sách "duAn" (mục "DA-02")',
    ]);
  });
  it('a list given twice for one unit in two files is a clash naming both', () => {
    const doc = (file: string) => ({
      data: { format: 'par-index/evidence@1', year: 2021, source: 'B', units: [{ id: 'u1', name: 'Xã 1', lists: { duAn: [] } }] },
      file,
    });
    const issues = issuesOf(() => loadEvidence([doc('a.yaml'), doc('b.yaml')]));
    expect(issues.map((i) => [i.code, i.file, formatPath(i.path)])).toEqual([['evidence.duplicate-item', 'b.yaml', 'units[0].lists.duAn']]);
  });
  it('evidence without lists keeps its shape (no lists key) and so its hash', () => {
    const plain = makeEvidence([{ measures: { onTime: 1 } }]);
    expect(Object.keys(plain.units[0]!)).not.toContain('lists');
    expect(Object.isFrozen(ev({ duAn: [] }).units[0]!.lists!['duAn'])).toBe(true);
  });
});

describe('a traced list replays and survives a score file', () => {
  it('replayLeaf re-scores the leaf from the items its trace recorded (list and tasks)', () => {
    const set = setOf(
      rule({
        quantifier: 'share',
        rows: [
          { min: 75, max: 100, maxInclusive: true, points: 2 },
          { max: 75, points: 1 },
        ],
      }),
    );
    const leafOf = evaluate(set, makeEvidence([FOUR]))[0]!.trace![0]!.children[0]!;
    // 3 of 4 = 75 % → 2
    expect([leafOf.raw, replayLeaf(set, leafOf).toRatio()]).toEqual(['2', '2']);
    const tasks = setOf({ kind: 'items', tasks: ['a', 'b'], where: 'on-time', deadline: '2021-06-30', quantifier: 'each', each: 1 });
    const t = evaluate(tasks, makeEvidence([{ tasks: { a: { done: '2021-06-30' }, b: { done: '2021-07-01' } } }]))[0]!.trace![0]!
      .children[0]!;
    // a on time (1), b a day late (0) → 1
    expect([t.raw, replayLeaf(tasks, t).toRatio()]).toEqual(['1', '1']);
  });
  it("an item's long source is written once in a score file (sourceRef) and read back whole", () => {
    const long = `Báo cáo giải ngân ${'x'.repeat(1200)}`;
    const set = setOf(rule({ quantifier: 'all' }));
    const ranking = scoreAll(set, makeEvidence([{ lists: { duAn: [{ id: 'DA-01', values: { tyLeGiaiNgan: 99 }, source: long }] } }]), {
      trace: true,
    });
    const json = renderJson(ranking, { trace: true });
    expect(json).toContain('"sourceRef": "S1"');
    expect(json.split(long).length - 1).toBe(1);
    expect(cardsOf(loadScoreCards(json)).map((c) => c.trace)).toEqual(cardsOf(ranking).map((c) => c.trace));
    expect(explainText(cardsOf(ranking)[0]!, 'en')).toContain('Inputs: list duAn: DA-01 (tyLeGiaiNgan = 99; [S1] Báo cáo giải ngân xxx');
  });
});

describe('lists reach the layers that carry evidence on', () => {
  it('rescore keeps the lists when it rewrites the evidence (an appraisal carried to a renumbered node)', () => {
    const tree = (r: Record<string, unknown>, appraised: string) => [
      {
        id: '1',
        title: 'Lĩnh vực 1',
        max: 3,
        children: [
          { id: '1.1', title: 'Giải ngân', max: 2, rule: r },
          { id: appraised, title: 'Chất lượng báo cáo', max: 1, rule: { kind: 'appraisal' } },
        ],
      },
    ];
    const a = loadCriteriaSet(criteriaDoc(tree(rule({ quantifier: 'all' }), '1.2'), { lists: LISTS }));
    const b = loadCriteriaSet({ ...criteriaDoc(tree(rule({ quantifier: 'any' }), '1.3'), { lists: LISTS }), version: '2' });
    const r = rescore(a, b, makeEvidence([{ ...FOUR, appraisals: { '1.2': { round1: 1 } } }]));
    // a: B at 90 fails "all" → 0, + 1 appraised = 1. b: three meet "any" → 2, + the appraisal carried to 1.3 = 3.
    // Lists dropped while the evidence is rewritten for b would make 1.1 missing: 0 + 1 = 1.
    expect(r.units.map((u) => [u.a.total, u.b.total])).toEqual([[1, 3]]);
    expect(r.notes.map((n) => n.code)).toEqual(['rescore.evidence-remapped']);
  });
  it('the inspection checklist asks for the list, and says whether the unit gave it', () => {
    const set = setOf(rule({ quantifier: 'all' }));
    const ev = makeEvidence([FOUR, {}]);
    const given = checklist(set, { id: 'u1', name: 'Xã 1' }, ev.units[0]).items[0]!.evidence;
    expect(given.map((e) => [e.kind, e.id, e.present])).toEqual([['list', 'duAn', true]]);
    expect(given[0]!.ask.en).toBe('The list "Public investment projects", each item with its figures and the document they come from');
    expect(checklist(set, { id: 'u2', name: 'Xã 2' }, ev.units[1]).items[0]!.evidence.map((e) => e.present)).toEqual([false]);
  });
});
