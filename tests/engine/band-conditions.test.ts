/**
 * Issue 22, item 2: grades with conditions. A band may require conditions besides its range (Hải Phòng 212/2025
 * Điều 6–7: "Hoàn thành xuất sắc" needs more than 90 points AND 100 % of tasks on time AND at least 50 % exceeded);
 * a unit failing them falls to the next band down whose conditions hold, and the card says why.
 */
import { describe, expect, it } from 'vitest';
import { checkCriteriaSet } from '../../src/criteria/load.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { loadScoreCards, scoreFileCard } from '../../src/ranking/scores.js';
import { rank } from '../../src/ranking/rank.js';
import { reportHtml } from '../../src/report/html.js';
import { criteriaDoc, issuesOf, makeEvidence, makeSet } from '../support/support.js';

const measures = {
  'tasks.assigned': { title: 'Nhiệm vụ được giao', unit: 'count' },
  'tasks.onTime': { title: 'Nhiệm vụ hoàn thành đúng tiến độ', unit: 'count' },
  'tasks.exceeded': { title: 'Nhiệm vụ hoàn thành vượt mức', unit: 'count' },
};
/** One appraised leaf of 100 points: the appraisal round is the total, to the hundredth. */
const tree = [
  { id: '1', title: 'Kết quả', max: 100, children: [{ id: '1.1', title: 'Điểm thẩm định', max: 100, rule: { kind: 'appraisal' } }] },
];
const onTime = {
  ratio: { numerator: 'tasks.onTime', base: 'tasks.assigned' },
  min: 100,
  title: '100 % nhiệm vụ đúng tiến độ',
  titleEn: '100 % of tasks on time',
};
const exceeded = {
  ratio: { numerator: 'tasks.exceeded', base: 'tasks.assigned' },
  min: 50,
  title: 'ít nhất 50 % nhiệm vụ vượt mức',
  titleEn: 'at least 50 % of tasks exceeded',
};
/** Điều 7's thresholds as printed: "trên 90", "trên 80 … đến 90", "từ 50 … đến 80", "dưới 50". */
const levels = (xs: unknown[] = [onTime, exceeded], tot: unknown[] = [onTime]) => [
  { id: 'xuat-sac', label: 'Hoàn thành xuất sắc nhiệm vụ', labelEn: 'Excellent', min: 90, minInclusive: false, requires: xs },
  {
    id: 'tot',
    label: 'Hoàn thành tốt nhiệm vụ',
    labelEn: 'Good',
    min: 80,
    minInclusive: false,
    max: 90,
    maxInclusive: true,
    requires: tot,
  },
  { id: 'hoan-thanh', label: 'Hoàn thành nhiệm vụ', labelEn: 'Completed', min: 50, max: 80, maxInclusive: true },
  { id: 'khong', label: 'Không hoàn thành nhiệm vụ', labelEn: 'Not completed', max: 50 },
];
const set = (lv: unknown[] = levels()) => makeSet(tree, { measures, bands: { of: 'total', levels: lv } });
const unit = (
  points: number,
  m: Record<string, number> | undefined = { 'tasks.assigned': 14, 'tasks.onTime': 14, 'tasks.exceeded': 7 },
) => ({
  appraisals: { '1.1': { round1: points } },
  ...(m ? { measures: m } : {}),
});
const bandOf = (points: number, m?: Record<string, number>, lv?: unknown[]) => evaluate(set(lv), makeEvidence([unit(points, m)]))[0]!;

describe('bands with conditions (Hải Phòng 212/2025 Điều 7)', () => {
  it('90.01 points, 14 of 14 tasks on time and 7 of 14 exceeded (50 %) is Hoàn thành xuất sắc', () => {
    const c = bandOf(90.01);
    expect(c.band?.id).toBe('xuat-sac');
    // 14 ÷ 14 × 100 = 100 ≥ 100; 7 ÷ 14 × 100 = 50 ≥ 50: both met.
    expect(c.band?.steps?.map((s) => s.en)).toEqual([
      'Excellent — 100 % of tasks on time: tasks.onTime ÷ tasks.assigned = 14 ÷ 14 = 100 % (needs ≥ 100 %) → met',
      'Excellent — at least 50 % of tasks exceeded: tasks.exceeded ÷ tasks.assigned = 7 ÷ 14 = 50 % (needs ≥ 50 %) → met',
    ]);
  });
  it('exactly 90 is not "trên 90": Hoàn thành tốt, whose one condition holds', () => {
    expect(bandOf(90).band?.id).toBe('tot');
  });
  it('90.01 with 12 of 14 on time fails both Xuất sắc and Tốt and falls to Hoàn thành nhiệm vụ, saying why', () => {
    const c = bandOf(90.01, { 'tasks.assigned': 14, 'tasks.onTime': 12, 'tasks.exceeded': 7 });
    expect(c.band?.id).toBe('hoan-thanh');
    // 12 ÷ 14 × 100 = 85.714285… % < 100 %.
    const en = c.band?.steps?.map((s) => s.en) ?? [];
    expect(en).toContain('not Excellent: 100 % of tasks on time');
    expect(en).toContain('not Good: 100 % of tasks on time');
    expect(en[0]).toMatch(/= 12 ÷ 14 = ≈85\.714286 % \(needs ≥ 100 %\) → not met$/);
    expect(c.band?.steps?.map((s) => s.vi)).toContain('không đạt Hoàn thành xuất sắc nhiệm vụ: 100 % nhiệm vụ đúng tiến độ');
  });
  it('90.01 with every task on time but 6 of 14 exceeded (42.86 % < 50 %) is Hoàn thành tốt', () => {
    expect(bandOf(90.01, { 'tasks.assigned': 14, 'tasks.onTime': 14, 'tasks.exceeded': 6 }).band?.id).toBe('tot');
  });
  it('exactly 80 is Hoàn thành nhiệm vụ, 80.01 Hoàn thành tốt ("trên 80")', () => {
    expect(bandOf(80).band?.id).toBe('hoan-thanh');
    expect(bandOf(80.01).band?.id).toBe('tot');
    expect(bandOf(49.99).band?.id).toBe('khong');
  });
  it('without conditions the same thresholds give Xuất sắc to 90.01 whatever the tasks, and no steps', () => {
    const c = bandOf(90.01, { 'tasks.assigned': 14, 'tasks.onTime': 0, 'tasks.exceeded': 0 }, levels([], []));
    expect(c.band).toEqual({ id: 'xuat-sac', label: 'Hoàn thành xuất sắc nhiệm vụ', labelEn: 'Excellent' });
  });
  it('a measure condition with "trên" (minInclusive: false) and a node condition compare exactly', () => {
    const lv = levels([{ node: '1.1', min: 95 }], [{ measure: 'tasks.onTime', min: 13, minInclusive: false }]);
    expect(bandOf(95, undefined, lv).band?.id).toBe('xuat-sac'); // 95 ≥ 95
    expect(bandOf(94.99, undefined, lv).band?.id).toBe('tot'); // 94.99 < 95; 14 > 13
    expect(bandOf(94.99, { 'tasks.assigned': 14, 'tasks.onTime': 13, 'tasks.exceeded': 7 }, lv).band?.id).toBe('hoan-thanh'); // 13 is not > 13
  });
  it('an attribute condition: a civil servant disciplined in the year is not Xuất sắc', () => {
    const lv = levels([{ attribute: 'ky-luat', equals: false, title: 'không bị kỷ luật', titleEn: 'not disciplined' }], []);
    const s = makeSet(tree, { measures, bands: { of: 'total', levels: lv } });
    const [a, b] = evaluate(
      s,
      makeEvidence([
        { ...unit(95), attributes: { 'ky-luat': true } },
        { ...unit(95), attributes: { 'ky-luat': false } },
      ]),
    );
    expect([a!.band?.id, b!.band?.id]).toEqual(['tot', 'xuat-sac']);
  });
});

describe('missing evidence for a condition', () => {
  it('is an error by default, naming the unit, the band and what is missing', () => {
    // Xuất sắc reads tasks.onTime and tasks.exceeded, Tốt (reached as Xuất sắc could not be shown) tasks.onTime: 3.
    const issues = issuesOf(() => bandOf(95, { 'tasks.assigned': 14 }));
    expect(issues.map((i) => [i.code, i.unit, i.severity])).toEqual([
      ['eval.condition-missing', 'u1', 'error'],
      ['eval.condition-missing', 'u1', 'error'],
      ['eval.condition-missing', 'u1', 'error'],
    ]);
    expect(issues[0]!.message).toMatch(/band "xuat-sac": the condition "100 % of tasks on time" cannot be read \(tasks\.onTime\)/);
    expect(issues[0]!.messageVi).toMatch(/xếp loại "Hoàn thành xuất sắc nhiệm vụ": không đọc được điều kiện/);
  });
  it('is not read when the total does not reach the band', () => {
    expect(bandOf(60, {}).band?.id).toBe('hoan-thanh');
  });
  it('with whenMissing: fail the condition fails, with a warning on the card', () => {
    const lv = levels([{ ...onTime, whenMissing: 'fail' }], [{ ...onTime, whenMissing: 'pass' }]);
    const c = bandOf(95, { 'tasks.assigned': 14 }, lv);
    expect(c.band?.id).toBe('tot'); // Xuất sắc fails as declared, Tốt passes as declared
    expect(c.warnings.filter((w) => w.code === 'eval.condition-missing').map((w) => w.severity)).toEqual(['warning', 'warning']);
  });
  it('a ratio whose base is 0 cannot be read either: "100 % of no tasks" proves nothing', () => {
    const lv = levels([{ ...onTime, whenMissing: 'fail' }], []);
    const c = bandOf(95, { 'tasks.assigned': 0, 'tasks.onTime': 0 }, lv);
    expect(c.band?.id).toBe('tot');
    expect(c.band?.steps?.[0]?.en).toMatch(/the base is 0 \(needs ≥ 100 %\) → missing evidence, taken as not met \(as declared\)$/);
  });
});

describe('check validates conditions', () => {
  const errors = (lv: unknown[]) =>
    checkCriteriaSet(criteriaDoc(tree, { measures, bands: { of: 'total', levels: lv } }))
      .issues.filter((i) => i.severity === 'error')
      .map((i) => `${i.code} ${i.path.join('.')}`);
  it('refuses an undeclared measure, an unknown node, a condition without a bound, and conditions on the lowest band', () => {
    const lv = levels([{ measure: 'tasks.late', max: 0 }, { node: '9.9', min: 1 }, { measure: 'tasks.onTime' }], []);
    (lv[3] as Record<string, unknown>)['requires'] = [{ measure: 'tasks.onTime', min: 1 }];
    expect(errors(lv)).toEqual([
      'criteria.undeclared-measure bands.levels.0.requires.0.measure',
      'criteria.unknown-node bands.levels.0.requires.1.node',
      'criteria.condition bands.levels.0.requires.2',
      'criteria.condition bands.levels.3.requires',
    ]);
  });
  it('accepts the Điều 7 bands', () => {
    expect(errors(levels())).toEqual([]);
  });
});

describe('bands of the total with a criterion not assigned', () => {
  // 100 points: field 1 (85, appraised) and field 2 (15, applies only where assigned). A unit not assigned field 2
  // with 85 of 85 has index 85 ÷ 85 × 100 = 100; bands of the total grade it by 85 points ("trên 80 … đến 90").
  const tree2 = [
    { id: '1', title: 'Kết quả', max: 85, children: [{ id: '1.1', title: 'Điểm thẩm định', max: 85, rule: { kind: 'appraisal' } }] },
    {
      id: '2',
      title: 'Nhiệm vụ được giao thêm',
      max: 15,
      applies: { attribute: 'giao-them', equals: true },
      children: [{ id: '2.1', title: 'Hoàn thành nhiệm vụ', max: 15, rule: { kind: 'task', task: 'them' } }],
    },
  ];
  const lv = levels([], []);
  const ev = makeEvidence([{ appraisals: { '1.1': { round1: 85 } }, attributes: { 'giao-them': false } }]);
  it('of: total gives Hoàn thành tốt by 85 points, though the index is 100', () => {
    const [c] = evaluate(makeSet(tree2, { bands: { of: 'total', levels: lv } }), ev);
    expect([c!.total, c!.max, c!.index, c!.band?.id]).toEqual([85, 85, 100, 'tot']);
  });
  it('of: index (the default) would give Xuất sắc', () => {
    const [c] = evaluate(makeSet(tree2, { bands: { levels: lv } }), ev);
    expect([c!.index, c!.band?.id]).toEqual([100, 'xuat-sac']);
  });
});

describe('a score file keeps how the band was reached', () => {
  it('band.steps are written and read back as they were', () => {
    const c = bandOf(90.01, { 'tasks.assigned': 14, 'tasks.onTime': 12, 'tasks.exceeded': 7 });
    const back = loadScoreCards(JSON.stringify([scoreFileCard(c)]));
    const card = back.rows[0]!.card;
    expect(card.band).toEqual(c.band);
    expect(card.band?.steps?.length).toBe(5); // 2 conditions and "not" for Xuất sắc, 1 and "not" for Tốt
  });
});

describe('the HTML report shows how a band with conditions was reached', () => {
  it('lists each condition checked and each band passed over, in the report language', () => {
    const cards = evaluate(set(), makeEvidence([unit(90.01, { 'tasks.assigned': 14, 'tasks.onTime': 12, 'tasks.exceeded': 7 })]));
    const en = reportHtml(rank(cards), { lang: 'en' });
    expect(en).toContain('<p><b>Band Completed</b></p><ul class="lines">');
    expect(en).toContain('<li>not Excellent: 100 % of tasks on time</li>');
    expect(en).toContain('<li>not Good: 100 % of tasks on time</li>');
    const vi = reportHtml(rank(cards), { lang: 'vi' });
    expect(vi).toContain('<li>không đạt Hoàn thành xuất sắc nhiệm vụ: 100 % nhiệm vụ đúng tiến độ</li>');
    // A card whose band has no conditions has no such list.
    expect(reportHtml(rank(evaluate(set(levels([], [])), makeEvidence([unit(95)]))), { lang: 'en' })).not.toContain('<p><b>Band ');
  });
});
