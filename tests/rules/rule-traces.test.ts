/**
 * A leaf's trace in both languages (issue 27): the Vietnamese lines are what a commune reads, so they are
 * compared whole, as the English ones are. Values with decimals are chosen so that the Vietnamese decimal comma
 * shows. Every expected line is worked out from the rule's definition and the evidence given.
 */
import { describe, expect, it } from 'vitest';
import { loadCriteriaSet } from '../../src/criteria/load.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { RULE_KINDS } from '../../src/rules/registry.js';
import { criteriaDoc, makeEvidence, pts, scoreLeaf, status } from '../support/support.js';

const leafOf = (rule: Record<string, unknown>, max = 1) => ({ max, rule });
const step = (card: ReturnType<typeof scoreLeaf>) => card.trace![0]!.children[0]!;
/** The trace lines of a leaf as [vi, en, calc]. */
const lines = (card: ReturnType<typeof scoreLeaf>) => step(card).steps.map((s) => [s.vi, s.en, s.calc]);
const lost = (card: ReturnType<typeof scoreLeaf>) => step(card).lost.map((l) => [l.vi, l.en]);
/** The measures of tests/support's criteriaDoc plus `days`, a measure that may have a fraction. */
const withDays = {
  measures: {
    ...(criteriaDoc([])['measures'] as Record<string, unknown>),
    lateDays: { title: 'Số ngày trễ hạn', unit: 'days' },
  },
};

describe('bands', () => {
  const onShare = {
    kind: 'bands',
    measure: 'share',
    bands: [
      { max: 50, maxInclusive: true, points: 0 },
      { min: 50, minInclusive: false, max: 80, maxInclusive: true, points: 0.5 },
      { min: 80, minInclusive: false, points: 1 },
    ],
  };
  it('on a measure: the value with a decimal comma, the row, and the row it missed', () => {
    const c = scoreLeaf(leafOf(onShare), { measures: { share: 60.5 } });
    expect(pts(c, '1.1')).toBe(0.5);
    expect(lines(c)).toEqual([['share = 60,5 thuộc mức 50 < x ≤ 80', 'share = 60.5 falls in 50 < x ≤ 80', '→ 0.5']]);
    expect(lost(c)).toEqual([['share 60,5 chưa đạt mức 80 < x (1 điểm)', 'share 60.5 did not reach 80 < x (1 points)']]);
  });

  it('the row missed is the next one up, whatever the order the rows are listed in', () => {
    // Listed highest first; 30 falls in the bottom row, and the next row up gives 0.5 (not the top row's 1).
    const c = scoreLeaf(leafOf({ ...onShare, bands: [...onShare.bands].reverse() }), { measures: { share: 30 } });
    expect(pts(c, '1.1')).toBe(0);
    expect(step(c).lost.map((l) => l.en)).toEqual(['share 30 did not reach 50 < x ≤ 80 (0.5 points)']);
  });

  const ratio = {
    kind: 'bands',
    ratio: { numerator: 'onTime', base: 'resolved' },
    whenBaseZero: 'zero',
    bands: [
      { max: 50, points: 0 },
      { min: 50, max: 100, maxInclusive: true, points: 2 },
    ],
  };
  it('on a ratio: the rate computed, then the row', () => {
    // 1 ÷ 8 × 100 = 12.5 %, below 50: 0 points; the row above gives 2.
    const c = scoreLeaf(leafOf(ratio, 2), { measures: { onTime: 1, resolved: 8 } });
    expect(status(c, '1.1')).toBe('scored');
    expect(lines(c)).toEqual([
      ['tỷ lệ = onTime ÷ resolved × 100', 'rate = onTime ÷ resolved × 100', '1 ÷ 8 × 100 = 12.5%'],
      ['tỷ lệ onTime/resolved (%) = 12,5 thuộc mức x < 50', 'rate onTime/resolved (%) = 12.5 falls in x < 50', '→ 0'],
    ]);
    expect(lost(c)).toEqual([
      [
        'tỷ lệ onTime/resolved (%) 12,5 chưa đạt mức 50 ≤ x ≤ 100 (2 điểm)',
        'rate onTime/resolved (%) 12.5 did not reach 50 ≤ x ≤ 100 (2 points)',
      ],
    ]);
  });
  it('on a ratio with a zero base: the base is named in both languages', () => {
    const c = scoreLeaf(leafOf(ratio, 2), { measures: { onTime: 0, resolved: 0 } });
    expect(lines(c)).toEqual([
      ['mẫu số (resolved) bằng 0: không phát sinh', 'the base (resolved) is 0: no case arose', undefined],
      ['không phát sinh → 0 điểm (theo quy định của tiêu chí)', 'no case arose → 0 points (as the criterion declares)', undefined],
    ]);
    expect(lost(c)).toEqual([['không phát sinh, tiêu chí quy định 0 điểm', 'no case arose and the criterion gives 0 points']]);
  });
  it('on a ratio with the numerator missing: only the numerator is named', () => {
    const c = scoreLeaf(leafOf(ratio, 2), { measures: { resolved: 4 } });
    expect(status(c, '1.1')).toBe('missing');
    expect(c.trace![0]!.children[0]!.lost.map((l) => l.en)).toEqual(['missing evidence (onTime)']);
    expect(lines(c)).toEqual([['thiếu minh chứng: onTime', 'missing evidence: onTime', undefined]]);
  });
});

describe('deduction', () => {
  const count = (extra: Record<string, unknown>) => ({ kind: 'deduction', count: 'lateDays', per: 0.5, floor: 0, ...extra });
  it('a count with a fraction, capped: each line in both languages', () => {
    // 0.5 × 1.5 = 0.75, capped at 0.5: 1 − 0.5 = 0.5.
    const c = scoreLeaf(leafOf(count({ cap: 0.5 })), { measures: { lateDays: 1.5 } }, withDays);
    expect(status(c, '1.1')).toBe('scored');
    expect(pts(c, '1.1')).toBe(0.5);
    expect(lines(c)).toEqual([
      ['số vi phạm lateDays = 1,5, trừ 0,5 mỗi vi phạm', 'violations lateDays = 1.5, 0.5 each', '0.5 × 1.5 = 0.75'],
      ['trừ tối đa 0,5', 'deduction capped at 0.5', 'min(0.75, 0.5) = 0.5'],
      ['điểm = điểm tối đa − điểm bị trừ', 'points = max − deductions', '1 − 0.5 = 0.5'],
    ]);
    expect(lost(c)).toEqual([['bị trừ do lateDays', 'deducted for lateDays']]);
  });
  it('a count that takes the node below a negative floor', () => {
    // 0.5 × 3.5 = 1.75: 1 − 1.75 = −0.75, held at the floor −0.25; the node lost 1.25.
    const c = scoreLeaf(leafOf(count({ floor: -0.25 })), { measures: { lateDays: 3.5 } }, withDays);
    expect(pts(c, '1.1')).toBe(-0.25);
    expect(lines(c)).toEqual([
      ['số vi phạm lateDays = 3,5, trừ 0,5 mỗi vi phạm', 'violations lateDays = 3.5, 0.5 each', '0.5 × 3.5 = 1.75'],
      ['không thấp hơn mức sàn -0,25', 'not below the floor -0.25', 'max(-0.75, -0.25) = -0.25'],
      ['điểm = điểm tối đa − điểm bị trừ', 'points = max − deductions', '1 − 1.25 = -0.25'],
    ]);
  });

  const findings = [
    { id: 'F1', node: '1.1', description: 'chậm báo cáo', source: 'Thanh tra tỉnh', points: 0.3 },
    { id: 'F2', node: '1.1', description: 'thiếu hồ sơ', source: 'Sở Nội vụ', points: 0.2 },
  ];
  it("findings without per: each finding's own points, each finding named", () => {
    const c = scoreLeaf(leafOf({ kind: 'deduction', findings: true, floor: 0 }), { findings });
    expect(status(c, '1.1')).toBe('scored');
    expect(pts(c, '1.1')).toBe(0.5);
    expect(lines(c)).toEqual([
      ['phát hiện F1 (Thanh tra tỉnh): chậm báo cáo → trừ 0,3', 'finding F1 (Thanh tra tỉnh): chậm báo cáo → −0.3', undefined],
      ['phát hiện F2 (Sở Nội vụ): thiếu hồ sơ → trừ 0,2', 'finding F2 (Sở Nội vụ): thiếu hồ sơ → −0.2', undefined],
      ['điểm = điểm tối đa − điểm bị trừ', 'points = max − deductions', '1 − 0.5 = 0.5'],
    ]);
    expect(lost(c)).toEqual([
      ['phát hiện F1: chậm báo cáo', 'finding F1: chậm báo cáo'],
      ['phát hiện F2: thiếu hồ sơ', 'finding F2: thiếu hồ sơ'],
    ]);
  });
  it("findings with per: per wins over a finding's own points", () => {
    // 2 findings × 0.25 = 0.5, whatever points the findings carry.
    const c = scoreLeaf(leafOf({ kind: 'deduction', findings: true, per: 0.25, floor: 0 }), { findings });
    expect(pts(c, '1.1')).toBe(0.5);
    expect(lines(c).map((l) => l[1])).toEqual([
      'finding F1 (Thanh tra tỉnh): chậm báo cáo → −0.25',
      'finding F2 (Sở Nội vụ): thiếu hồ sơ → −0.25',
      'points = max − deductions',
    ]);
  });
  it('no findings: said in both languages, nothing lost', () => {
    const c = scoreLeaf(leafOf({ kind: 'deduction', findings: true, floor: 0 }), {});
    expect(pts(c, '1.1')).toBe(1);
    expect(lines(c)).toEqual([
      ['không có phát hiện nào ghi nhận cho tiêu chí này', 'no findings recorded against this node', undefined],
      ['điểm = điểm tối đa − điểm bị trừ', 'points = max − deductions', '1 − 0 = 1'],
    ]);
    expect(step(c).lost).toEqual([]);
  });
});

describe('what each rule declares it reads', () => {
  it('bands: the measure, or the ratio numerator and base', () => {
    expect(RULE_KINDS.bands.reads({ kind: 'bands', measure: 'share', bands: [] })).toEqual({ measures: ['share'] });
    expect(RULE_KINDS.bands.reads({ kind: 'bands', ratio: { numerator: 'onTime', base: 'resolved' }, bands: [] })).toEqual({
      measures: ['onTime', 'resolved'],
    });
    // Neither (the check refuses it): nothing is read.
    expect(RULE_KINDS.bands.reads({ kind: 'bands', bands: [] })).toEqual({ measures: [] });
  });
  it('deduction: the count measure, or the findings', () => {
    expect(RULE_KINDS.deduction.reads({ kind: 'deduction', count: 'violations', per: 1, floor: 0 })).toEqual({
      measures: ['violations'],
      findings: false,
    });
    expect(RULE_KINDS.deduction.reads({ kind: 'deduction', findings: true, floor: 0 })).toEqual({ findings: true });
    expect(RULE_KINDS.deduction.reads({ kind: 'deduction', findings: false, floor: 0 })).toEqual({ findings: false });
  });
  it('rate: numerator and base; task: the task', () => {
    expect(RULE_KINDS.rate.reads({ kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'zero' })).toEqual({
      measures: ['onTime', 'resolved'],
    });
    expect(RULE_KINDS.task.reads({ kind: 'task', task: 'plan', latePoints: 0 })).toEqual({ tasks: ['plan'] });
  });
});

describe('"no case arose": the trace of each policy', () => {
  const rate = (whenBaseZero: string, extra: Record<string, unknown> = {}) => ({
    kind: 'rate',
    numerator: 'onTime',
    base: 'resolved',
    whenBaseZero,
    ...extra,
  });
  const zero = { measures: { onTime: 0, resolved: 0 } };
  const first = ['mẫu số (resolved) bằng 0: không phát sinh', 'the base (resolved) is 0: no case arose', undefined];
  it('full: full points, nothing lost', () => {
    const c = scoreLeaf(leafOf(rate('full'), 2), zero);
    expect([status(c, '1.1'), pts(c, '1.1')]).toEqual(['scored', 2]);
    expect(lines(c)).toEqual([
      first,
      [
        'không phát sinh → đạt điểm tối đa (theo quy định của tiêu chí)',
        'no case arose → full points (as the criterion declares)',
        undefined,
      ],
    ]);
    expect(step(c).lost).toEqual([]);
  });
  it('not-applicable: the node leaves the maximum', () => {
    const c = scoreLeaf(leafOf(rate('not-applicable'), 2), zero);
    expect(status(c, '1.1')).toBe('not-applicable');
    expect(lines(c)).toEqual([
      first,
      [
        'không phát sinh → không áp dụng: điểm tối đa bị trừ khỏi tổng điểm tối đa',
        'no case arose → not applicable: its maximum leaves the applicable maximum',
        undefined,
      ],
    ]);
  });
  it('share: the siblings that receive the points are named', () => {
    const set = criteriaDoc([
      {
        id: '1',
        title: 'F',
        max: 3,
        children: [
          { id: '1.1', title: 'a', max: 1, rule: rate('share', { shareWith: ['1.2', '1.3'] }) },
          { id: '1.2', title: 'b', max: 1, rule: { kind: 'task', task: 'plan' } },
          { id: '1.3', title: 'c', max: 1, rule: { kind: 'task', task: 'report' } },
        ],
      },
    ]);
    const card = evaluate(
      loadCriteriaSet(set),
      makeEvidence([{ ...zero, tasks: { plan: { done: '2021-01-02' }, report: { done: '2021-01-03' } } }]),
    )[0]!;
    expect(status(card, '1.1')).toBe('shared');
    const s = card.trace![0]!.children[0]!;
    expect(s.steps.slice(0, 2).map((x) => [x.vi, x.en])).toEqual([
      [first[0], first[1]],
      ['không phát sinh → điểm được chia cho 1.2, 1.3', 'no case arose → points shared among 1.2, 1.3'],
    ]);
  });
});

describe('missing evidence', () => {
  it('every missing measure is named, in both languages', () => {
    const c = scoreLeaf(leafOf({ kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'zero' }), { measures: {} });
    expect(status(c, '1.1')).toBe('missing');
    expect(lines(c)).toEqual([['thiếu minh chứng: onTime, resolved', 'missing evidence: onTime, resolved', undefined]]);
    expect(lost(c)).toEqual([['thiếu minh chứng (onTime, resolved)', 'missing evidence (onTime, resolved)']]);
  });
});

describe('rate', () => {
  const rate = (extra: Record<string, unknown> = {}) => ({
    kind: 'rate',
    numerator: 'onTime',
    base: 'resolved',
    whenBaseZero: 'zero',
    ...extra,
  });
  it('below a target: rate, attainment and points, in both languages', () => {
    // 1 ÷ 8 = 12.5 %; 12.5 ÷ 80 = 0.15625 of the target; 4 × 0.15625 = 0.625.
    const c = scoreLeaf(leafOf(rate({ target: 80 }), 4), { measures: { onTime: 1, resolved: 8 } });
    expect(pts(c, '1.1')).toBe(0.63);
    expect(lines(c)).toEqual([
      ['tỷ lệ = onTime ÷ resolved', 'rate = onTime ÷ resolved', '1 ÷ 8 = 12.5%'],
      ['chỉ tiêu 80%: mức đạt = min(1, tỷ lệ ÷ chỉ tiêu)', 'target 80%: attainment = min(1, rate ÷ target)', 'min(1, 12.5 ÷ 80) = 0.15625'],
      ['điểm = điểm tối đa × mức đạt', 'points = max × attainment', '4 × 0.15625 = 0.625'],
      // The engine then rounds the leaf as the set declares (2 decimals, half-up by default).
      ['làm tròn 2 chữ số thập phân (half-up)', 'rounded to 2 decimals (half-up)', '0.625 → 0.63'],
    ]);
    expect(lost(c)).toEqual([['tỷ lệ 12,5% chưa đạt 80%', 'rate 12.5% below 80%']]);
  });
  it('without a target the rate is measured against 100 %', () => {
    const c = scoreLeaf(leafOf(rate(), 4), { measures: { onTime: 3, resolved: 4 } });
    expect(pts(c, '1.1')).toBe(3);
    expect(lines(c).map((l) => l[2])).toEqual(['3 ÷ 4 = 75%', '4 × 0.75 = 3']);
    expect(lost(c)).toEqual([['tỷ lệ 75% chưa đạt 100%', 'rate 75% below 100%']]);
  });
  it('a numerator above its base: clamped at 100 %, with a warning in both languages', () => {
    const c = scoreLeaf(leafOf(rate({ target: 80 }), 4), { measures: { onTime: 12, resolved: 10 } });
    expect(pts(c, '1.1')).toBe(4);
    expect(lines(c).map((l) => l[2])).toEqual(['12 ÷ 10 = 120% → 100%', 'min(1, 100 ÷ 80) = 1', '4 × 1 = 4']);
    expect(c.warnings.filter((w) => w.code === 'eval.rate-above-one').map((w) => [w.message, w.messageVi])).toEqual([
      [
        'node 1.1: numerator onTime (12) exceeds base resolved (10): the rate is clamped at 100%',
        'tiêu chí 1.1: tử số onTime (12) lớn hơn mẫu số resolved (10): tỷ lệ được giới hạn ở 100%',
      ],
    ]);
  });
});

describe('task', () => {
  const task = (extra: Record<string, unknown> = {}) => ({ kind: 'task', task: 'plan', deadline: '2021-01-15', latePoints: 0.5, ...extra });
  it('late: the date, the deadline and the late points', () => {
    const c = scoreLeaf(leafOf(task(), 2), { tasks: { plan: { done: '2021-01-16' } } });
    expect(pts(c, '1.1')).toBe(0.5);
    expect(lines(c)).toEqual([
      [
        'hoàn thành ngày 2021-01-16, sau hạn 2021-01-15: trễ hạn → điểm khi trễ hạn',
        'done on 2021-01-16, after the deadline 2021-01-15: late → late points',
        '→ 0.5',
      ],
    ]);
    expect(lost(c)).toEqual([['hoàn thành trễ hạn (ngày 2021-01-16, hạn 2021-01-15)', 'done late (2021-01-16, deadline 2021-01-15)']]);
  });
  it('on time, with and without a deadline', () => {
    expect(lines(scoreLeaf(leafOf(task(), 2), { tasks: { plan: { done: '2021-01-15' } } }))).toEqual([
      ['hoàn thành ngày 2021-01-15, hạn 2021-01-15: đúng hạn', 'done on 2021-01-15, deadline 2021-01-15: on time', '→ 2'],
    ]);
    expect(lines(scoreLeaf(leafOf({ kind: 'task', task: 'plan' }, 2), { tasks: { plan: { done: '2021-12-31' } } }))).toEqual([
      ['hoàn thành ngày 2021-12-31 (không quy định hạn)', 'done on 2021-12-31 (no deadline)', '→ 2'],
    ]);
  });
  it('not done', () => {
    const c = scoreLeaf(leafOf(task(), 2), { tasks: { plan: { done: false } } });
    expect(pts(c, '1.1')).toBe(0);
    expect(lines(c)).toEqual([['chưa thực hiện → 0', 'not done → 0', undefined]]);
    expect(lost(c)).toEqual([['nhiệm vụ chưa thực hiện', 'task not done']]);
  });
  it('no record of the task: missing evidence names tasks.<id>', () => {
    const c = scoreLeaf(leafOf(task(), 2), {});
    expect(status(c, '1.1')).toBe('missing');
    expect(lost(c)).toEqual([['thiếu minh chứng (tasks.plan)', 'missing evidence (tasks.plan)']]);
  });
});

describe('"no case arose" resting on rejected rows: the warning, whole', () => {
  const rate = { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'full' };
  const row = (n: number, file?: string) => ({
    ...(file ? { file } : {}),
    row: n,
    message: `row ${n}: bad date`,
    messageVi: `dòng ${n}: ngày sai`,
  });
  const warned = (rejected: Record<string, unknown>) =>
    scoreLeaf(leafOf(rate), { measures: { onTime: 0, resolved: { value: 0, source: 'Một cửa', rejected } } })
      .warnings.filter((w) => w.code === 'eval.base-zero-rejected-rows')
      .map((w) => [w.message, w.messageVi]);
  it('rows of the unit and rows of no known unit: three quoted (with their file when known), the rest counted', () => {
    // 4 of this unit + 1 unattributed = 5 rows; 3 are quoted, so "(+2)".
    expect(warned({ count: 4, unattributed: 1, rows: [row(5, 'a.csv'), row(6), row(7, 'a.csv'), row(8, 'a.csv')] })).toEqual([
      [
        'node 1.1: the base (resolved) is 0 and is scored as "no case arose", but 4 row(s) of this unit and 1 row(s) whose unit could not be read were rejected from the export: a.csv row 5: bad date; row 6: bad date; a.csv row 7: bad date … (+2); they may be the cases: correct them and count again (par-index dossiers)',
        'tiêu chí 1.1: mẫu số (resolved) bằng 0 và được chấm là "không phát sinh", nhưng 4 dòng của đơn vị này và 1 dòng không đọc được đơn vị bị loại khỏi tệp kết xuất: a.csv dòng 5: ngày sai; dòng 6: ngày sai; a.csv dòng 7: ngày sai … (+2); đó có thể là các hồ sơ đã phát sinh: sửa các dòng đó và tính lại (par-index dossiers)',
      ],
    ]);
  });
  it('every rejected row quoted: no "+"; no row quoted: no list', () => {
    expect(warned({ count: 1, rows: [row(5)] })).toEqual([
      [
        'node 1.1: the base (resolved) is 0 and is scored as "no case arose", but 1 row(s) of this unit were rejected from the export: row 5: bad date; they may be the cases: correct them and count again (par-index dossiers)',
        'tiêu chí 1.1: mẫu số (resolved) bằng 0 và được chấm là "không phát sinh", nhưng 1 dòng của đơn vị này bị loại khỏi tệp kết xuất: dòng 5: ngày sai; đó có thể là các hồ sơ đã phát sinh: sửa các dòng đó và tính lại (par-index dossiers)',
      ],
    ]);
    expect(warned({ count: 0, unattributed: 2, rows: [] })).toEqual([
      [
        'node 1.1: the base (resolved) is 0 and is scored as "no case arose", but 0 row(s) of this unit and 2 row(s) whose unit could not be read were rejected from the export; they may be the cases: correct them and count again (par-index dossiers)',
        'tiêu chí 1.1: mẫu số (resolved) bằng 0 và được chấm là "không phát sinh", nhưng 0 dòng của đơn vị này và 2 dòng không đọc được đơn vị bị loại khỏi tệp kết xuất; đó có thể là các hồ sơ đã phát sinh: sửa các dòng đó và tính lại (par-index dossiers)',
      ],
    ]);
  });
  it('as many rows of no known unit as of the unit: still a warning', () => {
    expect(warned({ count: 1, unattributed: 1, rows: [] }).map(([en]) => en)).toEqual([
      'node 1.1: the base (resolved) is 0 and is scored as "no case arose", but 1 row(s) of this unit and 1 row(s) whose unit could not be read were rejected from the export; they may be the cases: correct them and count again (par-index dossiers)',
    ]);
  });
  it('no warning when no row was rejected', () => {
    expect(warned({ count: 0, rows: [] })).toEqual([]);
    expect(warned({ count: 0, unattributed: 0, rows: [] })).toEqual([]);
  });
});

describe('leaves that receive the points of a sibling where no case arose', () => {
  /** 1.1 (max 1) has a zero base and shares with 1.2 (max 1): 1.2's points count on a max of 2. */
  const shared = (rule: Record<string, unknown>, measures: Record<string, number>) => {
    const set = loadCriteriaSet(
      criteriaDoc([
        {
          id: '1',
          title: 'F',
          max: 2,
          children: [
            {
              id: '1.1',
              title: 'a',
              max: 1,
              rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'share', shareWith: ['1.2'] },
            },
            { id: '1.2', title: 'b', max: 1, rule },
          ],
        },
      ]),
    );
    const c = evaluate(set, makeEvidence([{ measures: { onTime: 0, resolved: 0, ...measures } }]))[0]!;
    return [status(c, '1.1'), status(c, '1.2'), c.total, c.max];
  };
  it('a threshold table: 0.5 of 1 becomes 1 of 2', () => {
    const bands = {
      kind: 'bands',
      measure: 'share',
      bands: [
        { max: 50, points: 0.5 },
        { min: 50, points: 1 },
      ],
    };
    expect(shared(bands, { share: 20 })).toEqual(['shared', 'scored', 1, 2]);
  });
  it('a rate clamped at 100 %: full points of the new max', () => {
    const rate = { kind: 'rate', numerator: 'received', base: 'violations', whenBaseZero: 'zero' };
    expect(shared(rate, { received: 5, violations: 4 })).toEqual(['shared', 'scored', 2, 2]);
  });
});

describe('a rate above 100 %: the warning with decimal commas, on the card and on the trace node', () => {
  it('12.5 of 10.5', () => {
    const extra = {
      measures: {
        ...(criteriaDoc([])['measures'] as Record<string, unknown>),
        served: { title: 'Lượt phục vụ', unit: 'number', min: 0 },
        capacity: { title: 'Công suất', unit: 'number', min: 0 },
      },
    };
    const rule = { kind: 'rate', numerator: 'served', base: 'capacity', whenBaseZero: 'zero' };
    const c = scoreLeaf(leafOf(rule, 2), { measures: { served: 12.5, capacity: 10.5 } }, extra);
    expect(pts(c, '1.1')).toBe(2);
    const w = {
      code: 'eval.rate-above-one',
      en: 'numerator served (12.5) exceeds base capacity (10.5): the rate is clamped at 100%',
      vi: 'tử số served (12,5) lớn hơn mẫu số capacity (10,5): tỷ lệ được giới hạn ở 100%',
    };
    expect(c.warnings.map((x) => [x.code, x.message, x.messageVi])).toEqual([[w.code, `node 1.1: ${w.en}`, `tiêu chí 1.1: ${w.vi}`]]);
    expect(step(c).warnings).toEqual([w]);
  });
});
