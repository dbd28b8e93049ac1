/**
 * The whole issue a rule's check gives — code, severity, path and both messages — and nothing else (issue 27:
 * mutation testing showed that a check's texts, and a list that gained a stray entry, went unnoticed when tests
 * compared codes only or filtered the list by severity). Each message is read against the fault it reports:
 * it must name the field, the value and the bound involved.
 */
import { describe, expect, it } from 'vitest';
import { checkCriteriaSet } from '../../src/criteria/load.js';
import type { Issue } from '../../src/core/errors.js';
import { criteriaDoc } from '../support/support.js';

const RULE = ['tree', 0, 'children', 0, 'rule'] as const;

/** The measures of tests/support's criteriaDoc, plus the ones a test declares. */
const measures = (more: Record<string, unknown> = {}) => ({
  measures: {
    onTime: { title: 'Hồ sơ đúng hạn', unit: 'count' },
    resolved: { title: 'Hồ sơ đã giải quyết', unit: 'count' },
    violations: { title: 'Vi phạm', unit: 'count' },
    share: { title: 'Tỷ lệ', unit: 'percent' },
    ...more,
  },
});

interface Seen {
  code: string;
  severity: string;
  node: string | undefined;
  path: (string | number)[];
  en: string;
  vi: string;
}

/** Every issue of a one-leaf set (errors and warnings alike, unfiltered), with its code, path and texts. */
function issues(rule: unknown, max = 1, extra: Record<string, unknown> = {}): Seen[] {
  const doc = criteriaDoc([{ id: '1', title: 'F', max, children: [{ id: '1.1', title: 'a', max, rule }] }], extra);
  return checkCriteriaSet(doc).issues.map(seen);
}

const seen = (i: Issue): Seen => ({ code: i.code, severity: i.severity, node: i.node, path: [...i.path], en: i.message, vi: i.messageVi });

/** An error of leaf 1.1 at the rule's path (plus `sub`). */
const err = (code: string, sub: (string | number)[], en: string, vi: string): Seen => ({
  code,
  severity: 'error',
  node: '1.1',
  path: [...RULE, ...sub],
  en,
  vi,
});

describe('bands: the issues of the rule itself', () => {
  it('a valid table on a measure or a ratio gives no issue at all', () => {
    expect(issues({ kind: 'bands', measure: 'share', bands: [{ points: 1 }] })).toEqual([]);
    expect(
      issues({
        kind: 'bands',
        ratio: { numerator: 'onTime', base: 'resolved' },
        whenBaseZero: 'zero',
        bands: [
          { max: 50, points: 0 },
          { min: 50, max: 100, maxInclusive: true, points: 1 },
        ],
      }),
    ).toEqual([]);
  });

  it('neither measure nor ratio: the one issue says to give exactly one', () => {
    expect(issues({ kind: 'bands', bands: [{ points: 1 }] })).toEqual([
      err('schema.required', [], 'give exactly one of measure or ratio', 'cần đúng một trong hai: measure hoặc ratio'),
    ]);
  });

  it('a ratio without whenBaseZero; whenBaseZero on a measure', () => {
    const ratio = { numerator: 'onTime', base: 'resolved' };
    const rows = [
      { max: 50, points: 0 },
      { min: 50, max: 100, maxInclusive: true, points: 1 },
    ];
    expect(issues({ kind: 'bands', ratio, bands: rows })).toEqual([
      err(
        'schema.required',
        ['whenBaseZero'],
        'a ratio needs whenBaseZero: what happens when no case arose',
        'tỷ lệ cần whenBaseZero: cách tính khi không phát sinh',
      ),
    ]);
    expect(issues({ kind: 'bands', measure: 'share', whenBaseZero: 'full', bands: [{ points: 1 }] })).toEqual([
      err('schema.invalid-value', ['whenBaseZero'], 'whenBaseZero applies only to a ratio', 'whenBaseZero chỉ dùng với tỷ lệ'),
    ]);
  });

  it('a ratio of measures that may be negative: each is named where the rule reads it, with its unit and min', () => {
    // `delta` is a number with no min (so −∞); `net` an amount whose declared min is −5. Neither is a count.
    const extra = measures({ delta: { title: 'Chênh lệch', unit: 'number' }, net: { title: 'Số dư', unit: 'amount', min: -5 } });
    const rule = {
      kind: 'bands',
      ratio: { numerator: 'delta', base: 'net' },
      whenBaseZero: 'zero',
      bands: [
        { max: 50, points: 0 },
        { min: 50, max: 100, maxInclusive: true, points: 1 },
      ],
    };
    expect(issues(rule, 1, extra)).toEqual([
      err(
        'criteria.signed-measure',
        ['ratio', 'numerator'],
        'a rate divides counts, but measure "delta" (number) may be negative (its min is −∞): declare min: 0 if it cannot be, or use a formula',
        'tỷ lệ chỉ chia các số đếm, nhưng chỉ số "delta" (number) có thể âm (min là −∞): khai báo min: 0 nếu không thể âm, hoặc dùng công thức',
      ),
      err(
        'criteria.signed-measure',
        ['ratio', 'base'],
        'a rate divides counts, but measure "net" (amount) may be negative (its min is -5): declare min: 0 if it cannot be, or use a formula',
        'tỷ lệ chỉ chia các số đếm, nhưng chỉ số "net" (amount) có thể âm (min là -5): khai báo min: 0 nếu không thể âm, hoặc dùng công thức',
      ),
    ]);
  });

  describe('a table on a measure is checked against the range the measure declares', () => {
    // `score` is declared on [0, 10]: a bound outside it can never be met by valid evidence.
    const extra = measures({ score: { title: 'Điểm', unit: 'number', min: 0, max: 10 } });
    const rule = (bands: unknown[]) => ({ kind: 'bands', measure: 'score', bands });
    it('a row reaching above the declared max', () => {
      expect(
        issues(
          rule([
            { max: 5, points: 0 },
            { min: 5, max: 12, maxInclusive: true, points: 1 },
          ]),
          1,
          extra,
        ),
      ).toEqual([
        err(
          'criteria.threshold-range',
          ['bands', 1],
          "max 12 is outside the value's range [0, 10]",
          'ngưỡng max = 12 nằm ngoài khoảng giá trị [0, 10]',
        ),
      ]);
    });
    it('a row starting below the declared min', () => {
      expect(
        issues(
          rule([
            { min: -1, max: 5, points: 0 },
            { min: 5, points: 1 },
          ]),
          1,
          extra,
        ),
      ).toEqual([
        err(
          'criteria.threshold-range',
          ['bands', 0],
          "min -1 is outside the value's range [0, 10]",
          'ngưỡng min = -1 nằm ngoài khoảng giá trị [0, 10]',
        ),
      ]);
    });
    it('a table that stops short of the declared max leaves the rest uncovered', () => {
      expect(
        issues(
          rule([
            { max: 5, points: 0 },
            { min: 5, max: 8, maxInclusive: true, points: 1 },
          ]),
          1,
          extra,
        ),
      ).toEqual([
        err(
          'criteria.bands-gap',
          ['bands', 1],
          'no row covers values above 8: (8; 10] is in no row',
          'không có mức nào cho giá trị trên 8: (8; 10] không thuộc mức nào',
        ),
      ]);
    });
    it('the same rows on a measure with no declared range are fine', () => {
      const free = measures({ score: { title: 'Điểm', unit: 'number' } });
      expect(
        issues(
          rule([
            { min: -1, max: 5, points: 0 },
            { min: 5, max: 12, maxInclusive: true, points: 1 },
          ]),
          1,
          free,
        ),
      ).toEqual([
        err('criteria.bands-gap', ['bands', 0], 'no row covers values below -1', 'không có mức nào cho giá trị dưới -1'),
        err('criteria.bands-gap', ['bands', 1], 'no row covers values above 12', 'không có mức nào cho giá trị trên 12'),
      ]);
    });
    it('a table on a measure the set does not declare: only that is reported', () => {
      expect(issues({ kind: 'bands', measure: 'nowhere', bands: [{ points: 1 }] })).toEqual([
        err(
          'criteria.undeclared-measure',
          [],
          'the rule reads measure "nowhere", which is not declared under measures',
          'quy tắc đọc chỉ số "nowhere" chưa được khai báo trong measures',
        ),
      ]);
    });
  });
});

describe('deduction: the issues of the rule itself', () => {
  const ded = (extra: Record<string, unknown>) => ({ kind: 'deduction', count: 'violations', per: 0.5, floor: 0, ...extra });
  it('neither count nor findings', () => {
    expect(issues({ kind: 'deduction', per: 1, floor: 0 })).toEqual([
      err(
        'schema.required',
        [],
        'give exactly one of count (a measure) or findings: true',
        'cần đúng một trong hai: count (chỉ số đếm) hoặc findings: true',
      ),
    ]);
  });
  it('a count without per', () => {
    expect(issues({ kind: 'deduction', count: 'violations', floor: 0 })).toEqual([
      err(
        'schema.required',
        ['per'],
        'per: the points lost per counted violation, is required with count',
        'cần per: số điểm bị trừ cho mỗi vi phạm',
      ),
    ]);
  });
  it('no floor', () => {
    expect(issues({ kind: 'deduction', findings: true })).toEqual([
      err(
        'criteria.deduction-no-floor',
        ['floor'],
        'a deduction needs a floor: the lowest points the node can reach (0, or a declared negative value)',
        'trừ điểm cần mức sàn (floor): điểm thấp nhất của tiêu chí (0 hoặc một số âm được quy định)',
      ),
    ]);
  });
  it("a floor above the node's max names both", () => {
    expect(issues(ded({ floor: 3 }), 2)).toEqual([
      err('criteria.threshold-range', ['floor'], "floor 3 is above the node's max 2", 'mức sàn 3 cao hơn điểm tối đa 2'),
    ]);
  });
  it('a deduction on a measure the set does not declare', () => {
    expect(issues(ded({ count: 'nowhere' }))).toEqual([
      err(
        'criteria.undeclared-measure',
        [],
        'the rule reads measure "nowhere", which is not declared under measures',
        'quy tắc đọc chỉ số "nowhere" chưa được khai báo trong measures',
      ),
    ]);
  });
});

describe('threshold tables (common to bands and surveys): each fault with its texts', () => {
  const onShare = (bands: unknown[]) => ({ kind: 'bands', measure: 'share', bands });
  const onRatio = (bands: unknown[]) => ({ kind: 'bands', ratio: { numerator: 'onTime', base: 'resolved' }, whenBaseZero: 'zero', bands });
  it('two rows that both include their common bound overlap there', () => {
    expect(
      issues(
        onShare([
          { max: 50, maxInclusive: true, points: 0 },
          { min: 50, points: 1 },
        ]),
      ),
    ).toEqual([
      err(
        'criteria.bands-overlap',
        ['bands', 1],
        'overlaps the row 1: 50 ≤ x and x ≤ 50 share values (50 is in both)',
        'chồng lấn với mức 1: 50 ≤ x và x ≤ 50',
      ),
    ]);
  });
  it('rows that share a range overlap, with no bound named as shared', () => {
    expect(
      issues(
        onShare([
          { max: 60, points: 0 },
          { min: 50, points: 1 },
        ]),
      ),
    ).toEqual([
      err(
        'criteria.bands-overlap',
        ['bands', 1],
        'overlaps the row 1: 50 ≤ x and x < 60 share values',
        'chồng lấn với mức 1: 50 ≤ x và x < 60',
      ),
    ]);
  });
  it('an overlap is not also a gap at the top: the row reaching highest is the last, wherever its lower bound', () => {
    expect(
      issues(
        onShare([
          { max: 100, maxInclusive: true, points: 1 },
          { min: 10, max: 20, points: 1 },
        ]),
      ),
    ).toEqual([
      err(
        'criteria.bands-overlap',
        ['bands', 1],
        'overlaps the row 1: 10 ≤ x < 20 and x ≤ 100 share values',
        'chồng lấn với mức 1: 10 ≤ x < 20 và x ≤ 100',
      ),
    ]);
  });
  it('a gap between an inclusive upper bound and a higher inclusive lower bound is a gap, not an overlap', () => {
    expect(
      issues(
        onShare([
          { max: 40, maxInclusive: true, points: 0 },
          { min: 50, points: 1 },
        ]),
      ),
    ).toEqual([
      err(
        'criteria.bands-gap',
        ['bands', 1],
        'gap between rows 1 and 2: values from 40 to 50 are in no row',
        'khoảng trống giữa mức 1 và 2: giá trị từ 40 đến 50 không thuộc mức nào',
      ),
    ]);
  });
  it('a bound outside the range is reported once, not also as a gap at that end', () => {
    // An exclusive lower bound below the range's start still covers its start.
    expect(
      issues(
        onShare([
          { min: -5, minInclusive: false, max: 50, points: 0 },
          { min: 50, points: 1 },
        ]),
      ),
    ).toEqual([
      err(
        'criteria.threshold-range',
        ['bands', 0],
        "min -5 is outside the value's range [0, 100]",
        'ngưỡng min = -5 nằm ngoài khoảng giá trị [0, 100]',
      ),
    ]);
    // An exclusive upper bound above the range's end still covers its end.
    expect(
      issues(
        onRatio([
          { max: 50, points: 0 },
          { min: 50, max: 120, points: 1 },
        ]),
      ),
    ).toEqual([
      err(
        'criteria.threshold-range',
        ['bands', 1],
        "max 120 is outside the value's range [0, 100]",
        'ngưỡng max = 120 nằm ngoài khoảng giá trị [0, 100]',
      ),
    ]);
  });
  it('two rows without bounds: each covers every value', () => {
    expect(issues(onShare([{ points: 1 }, { points: 1 }]))).toEqual([
      err(
        'criteria.bands-overlap',
        ['bands', 1],
        'overlaps the row 1: mọi x and mọi x share values',
        'chồng lấn với mức 1: mọi x và mọi x',
      ),
    ]);
  });
  it('a gap at a bound both rows exclude, and a gap between two bounds', () => {
    expect(
      issues(
        onShare([
          { max: 50, points: 0 },
          { min: 50, minInclusive: false, points: 1 },
        ]),
      ),
    ).toEqual([
      err(
        'criteria.bands-gap',
        ['bands', 1],
        'gap between rows 1 and 2: values from 50 to 50 are in no row',
        'khoảng trống giữa mức 1 và 2: giá trị từ 50 đến 50 không thuộc mức nào',
      ),
    ]);
    // Listed highest first: the rows are compared in the order of their lower bounds, and named by position.
    expect(
      issues(
        onShare([
          { min: 50, points: 1 },
          { max: 40, points: 0 },
        ]),
      ),
    ).toEqual([
      err(
        'criteria.bands-gap',
        ['bands', 0],
        'gap between rows 2 and 1: values from 40 to 50 are in no row',
        'khoảng trống giữa mức 2 và 1: giá trị từ 40 đến 50 không thuộc mức nào',
      ),
    ]);
  });
  it('rows with the same lower bound: the one that includes it comes first, so "= 50" then "> 50" is a valid table', () => {
    // x > 50 → 1; x = 50 → 0.5; x < 50 → 0, listed in that order.
    expect(
      issues(
        onShare([
          { min: 50, minInclusive: false, points: 1 },
          { min: 50, max: 50, maxInclusive: true, points: 0.5 },
          { max: 50, points: 0 },
        ]),
      ),
    ).toEqual([]);
  });
  it('an empty row: equal bounds not both included, or min above max', () => {
    expect(
      issues(
        onShare([
          { max: 50, points: 0 },
          { min: 50, max: 50, points: 1 },
          { min: 50, points: 1 },
        ]),
      ),
    ).toEqual([err('criteria.band-order', ['bands', 1], 'empty range: min 50 and max 50', 'khoảng rỗng: từ 50 đến 50')]);
    expect(issues(onShare([{ min: 60, max: 50, maxInclusive: true, points: 1 }]))).toContainEqual(
      err('criteria.band-order', ['bands', 0], 'empty range: min 60 and max 50', 'khoảng rỗng: từ 60 đến 50'),
    );
  });
  it('a bound outside a range open at one end shows ∞', () => {
    // Days are at least 0, with no max (a percentage, by contrast, is on [0, 100]).
    const days = measures({ waitDays: { title: 'Số ngày chờ', unit: 'days' } });
    expect(
      issues(
        {
          kind: 'bands',
          measure: 'waitDays',
          bands: [
            { min: -5, max: 50, points: 0 },
            { min: 50, points: 1 },
          ],
        },
        1,
        days,
      ),
    ).toEqual([
      err(
        'criteria.threshold-range',
        ['bands', 0],
        "min -5 is outside the value's range [0, ∞]",
        'ngưỡng min = -5 nằm ngoài khoảng giá trị [0, ∞]',
      ),
    ]);
    const capped = measures({ score: { title: 'Điểm', unit: 'number', max: 10 } });
    expect(
      issues(
        {
          kind: 'bands',
          measure: 'score',
          bands: [
            { max: 5, points: 0 },
            { min: 5, max: 20, maxInclusive: true, points: 1 },
          ],
        },
        1,
        capped,
      ),
    ).toEqual([
      err(
        'criteria.threshold-range',
        ['bands', 1],
        "max 20 is outside the value's range [−∞, 10]",
        'ngưỡng max = 20 nằm ngoài khoảng giá trị [−∞, 10]',
      ),
    ]);
  });
  it('values below the first row: the uncovered range is named, its end open or closed', () => {
    expect(issues(onShare([{ min: 20, points: 1 }]))).toEqual([
      err(
        'criteria.bands-gap',
        ['bands', 0],
        'no row covers values below 20 (the range starts at 0): [0; 20)',
        'không có mức nào cho giá trị dưới 20: [0; 20)',
      ),
    ]);
    expect(issues(onShare([{ min: 20, minInclusive: false, points: 1 }]))).toEqual([
      err(
        'criteria.bands-gap',
        ['bands', 0],
        'no row covers values below 20 (the range starts at 0): [0; 20]',
        'không có mức nào cho giá trị dưới 20: [0; 20]',
      ),
    ]);
    expect(issues(onShare([{ min: 0.5, points: 1 }]))).toEqual([
      err(
        'criteria.bands-gap',
        ['bands', 0],
        'no row covers values below 0.5 (the range starts at 0): [0; 0.5)',
        'không có mức nào cho giá trị dưới 0,5: [0; 0,5)',
      ),
    ]);
  });
  it('a first row that excludes the lowest value of the range leaves that value alone uncovered', () => {
    expect(issues(onShare([{ min: 0, minInclusive: false, points: 1 }]))).toEqual([
      err(
        'criteria.bands-gap',
        ['bands', 0],
        'no row covers values below 0 (the range starts at 0): 0 itself',
        'không có mức nào cho giá trị dưới 0: 0',
      ),
    ]);
    expect(issues(onShare([{ min: 0, points: 1 }]))).toEqual([]);
  });
  it('values above the last row of a ratio (0–100): the uncovered range, or the value 100 itself', () => {
    expect(
      issues(
        onRatio([
          { max: 50, points: 0 },
          { min: 50, max: 100, points: 1 },
        ]),
      ),
    ).toEqual([err('criteria.bands-gap', ['bands', 1], 'no row covers values equal to 100', 'không có mức nào cho giá trị bằng 100')]);
    expect(
      issues(
        onRatio([
          { max: 50, points: 0 },
          { min: 50, max: 99.5, maxInclusive: true, points: 1 },
        ]),
      ),
    ).toEqual([
      err(
        'criteria.bands-gap',
        ['bands', 1],
        'no row covers values above 99.5: (99.5; 100] is in no row',
        'không có mức nào cho giá trị trên 99,5: (99,5; 100] không thuộc mức nào',
      ),
    ]);
    expect(
      issues(
        onRatio([
          { max: 50, points: 0 },
          { min: 50, max: 99.5, points: 1 },
        ]),
      ),
    ).toEqual([
      err(
        'criteria.bands-gap',
        ['bands', 1],
        'no row covers values above 99.5: [99.5; 100] is in no row',
        'không có mức nào cho giá trị trên 99,5: [99,5; 100] không thuộc mức nào',
      ),
    ]);
  });
  it('the row with the highest upper bound is the last, wherever it is listed', () => {
    // Listed highest first; the top row stops at 90 of 100.
    expect(
      issues(
        onRatio([
          { min: 50, max: 90, maxInclusive: true, points: 1 },
          { max: 50, points: 0 },
        ]),
      ),
    ).toEqual([
      err(
        'criteria.bands-gap',
        ['bands', 0],
        'no row covers values above 90: (90; 100] is in no row',
        'không có mức nào cho giá trị trên 90: (90; 100] không thuộc mức nào',
      ),
    ]);
  });
  it("points above the node's max, negative points, a max no row reaches", () => {
    expect(issues(onShare([{ points: 2 }]))).toEqual([
      err(
        'criteria.rule-exceeds-max',
        ['bands', 0, 'points'],
        "row gives 2 points, more than the node's max 1",
        'mức cho 2 điểm, vượt điểm tối đa 1',
      ),
    ]);
    expect(
      issues(
        onShare([
          { max: 50, points: -1 },
          { min: 50, points: 1 },
        ]),
      ),
    ).toEqual([
      err(
        'criteria.threshold-range',
        ['bands', 0, 'points'],
        'points must be ≥ 0 (use a deduction or penalty for negative points)',
        'điểm phải ≥ 0 (dùng điểm trừ cho điểm âm)',
      ),
    ]);
    // The best row is the first (1 point), not the last: the message names the best, not the last seen.
    expect(
      issues(
        onShare([
          { max: 50, points: 1 },
          { min: 50, points: 0 },
        ]),
        2,
      ),
    ).toEqual([
      err(
        'criteria.rule-cannot-reach-max',
        ['bands'],
        "the best row gives 1 points: the node's max 2 can never be awarded",
        'mức cao nhất chỉ cho 1 điểm: không bao giờ đạt điểm tối đa 2',
      ),
    ]);
  });
});

describe('"no case arose" (whenBaseZero: share): the sibling targets', () => {
  /** Two leaves 1.1 (the rule under test) and 1.2. */
  function issues2(rule: unknown): Seen[] {
    const doc = criteriaDoc([
      {
        id: '1',
        title: 'F',
        max: 2,
        children: [
          { id: '1.1', title: 'a', max: 1, rule },
          { id: '1.2', title: 'b', max: 1, rule: { kind: 'task', task: 'plan' } },
        ],
      },
    ]);
    return checkCriteriaSet(doc).issues.map(seen);
  }
  const rate = (extra: Record<string, unknown>) => ({
    kind: 'rate',
    numerator: 'onTime',
    base: 'resolved',
    whenBaseZero: 'zero',
    ...extra,
  });
  it('a valid share names a sibling', () => {
    expect(issues2(rate({ whenBaseZero: 'share', shareWith: ['1.2'] }))).toEqual([]);
  });
  it('shareWith without share', () => {
    expect(issues2(rate({ shareWith: ['1.2'] }))).toEqual([
      err(
        'criteria.share-target',
        ['shareWith'],
        'shareWith is only used with whenBaseZero: share',
        'shareWith chỉ dùng khi whenBaseZero: share',
      ),
    ]);
    // An empty list is no share target: nothing to report.
    expect(issues2(rate({ shareWith: [] }))).toEqual([]);
  });
  it('share without shareWith, or with an empty list', () => {
    const e = err(
      'criteria.share-target',
      ['shareWith'],
      'whenBaseZero: share needs shareWith: the sibling ids that receive the points',
      'whenBaseZero: share cần shareWith: mã các tiêu chí cùng cấp nhận điểm',
    );
    expect(issues2(rate({ whenBaseZero: 'share' }))).toEqual([e]);
    expect(issues2(rate({ whenBaseZero: 'share', shareWith: [] }))).toEqual([e]);
  });
  it('a target that is not a sibling, or the node itself: each named at its index, the siblings listed', () => {
    expect(issues2(rate({ whenBaseZero: 'share', shareWith: ['1.2', '9.9', '1.1'] }))).toEqual([
      err(
        'criteria.share-target',
        ['shareWith', 1],
        '"9.9" is not a sibling of 1.1 (siblings: 1.2)',
        '"9.9" không phải tiêu chí cùng cấp với 1.1',
      ),
      err(
        'criteria.share-target',
        ['shareWith', 2],
        '"1.1" is not a sibling of 1.1 (siblings: 1.2)',
        '"1.1" không phải tiêu chí cùng cấp với 1.1',
      ),
    ]);
    // Every sibling but the node itself is listed.
    const doc = criteriaDoc([
      {
        id: '1',
        title: 'F',
        max: 3,
        children: [
          { id: '1.1', title: 'a', max: 1, rule: rate({ whenBaseZero: 'share', shareWith: ['9.9'] }) },
          { id: '1.2', title: 'b', max: 1, rule: { kind: 'task', task: 'plan' } },
          { id: '1.3', title: 'c', max: 1, rule: { kind: 'task', task: 'report' } },
        ],
      },
    ]);
    expect(checkCriteriaSet(doc).issues.map(seen)).toEqual([
      err(
        'criteria.share-target',
        ['shareWith', 0],
        '"9.9" is not a sibling of 1.1 (siblings: 1.2, 1.3)',
        '"9.9" không phải tiêu chí cùng cấp với 1.1',
      ),
    ]);
    // An only child has no sibling to name.
    expect(issues(rate({ whenBaseZero: 'share', shareWith: ['9.9'] }))).toEqual([
      err(
        'criteria.share-target',
        ['shareWith', 0],
        '"9.9" is not a sibling of 1.1 (siblings: none)',
        '"9.9" không phải tiêu chí cùng cấp với 1.1',
      ),
    ]);
  });
});

describe('rate and task: the issues of the rule itself', () => {
  const rate = (extra: Record<string, unknown>) => ({
    kind: 'rate',
    numerator: 'onTime',
    base: 'resolved',
    whenBaseZero: 'zero',
    ...extra,
  });
  it('a target outside (0, 100]', () => {
    expect(issues(rate({ target: 100 }))).toEqual([]);
    expect(issues(rate({ target: 120 }))).toEqual([
      err('criteria.threshold-range', ['target'], 'target 120 must be in (0, 100] percent', 'chỉ tiêu 120 phải trong khoảng (0, 100] %'),
    ]);
    expect(issues(rate({ target: 0 }))).toEqual([
      err('criteria.threshold-range', ['target'], 'target 0 must be in (0, 100] percent', 'chỉ tiêu 0 phải trong khoảng (0, 100] %'),
    ]);
  });
  it('a rate of measures that may be negative names numerator and base', () => {
    const extra = measures({ delta: { title: 'Chênh lệch', unit: 'number', min: -1 }, net: { title: 'Số dư', unit: 'index' } });
    expect(issues(rate({ numerator: 'delta', base: 'net' }), 1, extra).map((i) => [i.code, i.path, i.en])).toEqual([
      [
        'criteria.signed-measure',
        [...RULE, 'numerator'],
        'a rate divides counts, but measure "delta" (number) may be negative (its min is -1): declare min: 0 if it cannot be, or use a formula',
      ],
      [
        'criteria.signed-measure',
        [...RULE, 'base'],
        'a rate divides counts, but measure "net" (index) may be negative (its min is −∞): declare min: 0 if it cannot be, or use a formula',
      ],
    ]);
    // A declared min of 0 makes a number unsigned.
    const unsigned = measures({ delta: { title: 'x', unit: 'number', min: 0 }, net: { title: 'y', unit: 'index', min: 0 } });
    expect(issues(rate({ numerator: 'delta', base: 'net' }), 1, unsigned)).toEqual([]);
  });
  it("late points above the node's max", () => {
    expect(issues({ kind: 'task', task: 'plan', latePoints: 3 }, 2)).toEqual([
      err(
        'criteria.rule-exceeds-max',
        ['latePoints'],
        "latePoints 3 is more than the node's max 2",
        'điểm khi trễ hạn 3 vượt điểm tối đa 2',
      ),
    ]);
    expect(issues({ kind: 'task', task: 'plan', latePoints: 2 }, 2)).toEqual([]);
  });
});

describe('Vietnamese messages write decimals with a comma', () => {
  it('a row over the max, a best row under it, a floor above it, a missed row in the trace', () => {
    const rows = [
      { min: 0, max: 50, points: 0.5 },
      { min: 50, points: 2.5 },
    ];
    const over = checkCriteriaSet(
      criteriaDoc(
        [
          {
            id: '1',
            title: 'A',
            max: 1.5,
            children: [{ id: '1.1', title: 'a', max: 1.5, rule: { kind: 'bands', measure: 'm', bands: rows } }],
          },
        ],
        {
          measures: { m: { title: 'M', unit: 'percent' } },
        },
      ),
    ).issues.find((i) => i.code === 'criteria.rule-exceeds-max')!;
    expect(over.messageVi).toBe('mức cho 2,5 điểm, vượt điểm tối đa 1,5');
    const under = checkCriteriaSet(
      criteriaDoc(
        [
          {
            id: '1',
            title: 'A',
            max: 3.5,
            children: [{ id: '1.1', title: 'a', max: 3.5, rule: { kind: 'bands', measure: 'm', bands: rows } }],
          },
        ],
        { measures: { m: { title: 'M', unit: 'percent' } } },
      ),
    ).issues.find((i) => i.code === 'criteria.rule-cannot-reach-max')!;
    expect(under.messageVi).toBe('mức cao nhất chỉ cho 2,5 điểm: không bao giờ đạt điểm tối đa 3,5');
    const floor = checkCriteriaSet(
      criteriaDoc(
        [
          {
            id: '1',
            title: 'A',
            max: 1.5,
            children: [{ id: '1.1', title: 'a', max: 1.5, rule: { kind: 'deduction', count: 'v', per: 0.5, floor: 2.5 } }],
          },
        ],
        { measures: { v: { title: 'V', unit: 'count' } } },
      ),
    ).issues.find((i) => i.code === 'criteria.threshold-range')!;
    expect(floor.messageVi).toBe('mức sàn 2,5 cao hơn điểm tối đa 1,5');
  });
});
