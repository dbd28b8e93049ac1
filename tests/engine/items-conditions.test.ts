/**
 * A grade condition over items (issue 22, item 4, optional part): "every project ≥ 95 %" and "100 % of tasks on
 * time" as a band's `requires`, reading the share (%) of a list's items or of tasks that meet a condition on each.
 * Expected values worked by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { formatPath } from '../../src/core/errors.js';
import { checkCriteriaSet } from '../../src/criteria/load.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { checkEvidence } from '../../src/evidence/load.js';
import { criteriaDoc, issuesOf, makeEvidence, makeSet } from '../support/support.js';

const lists = { duAn: { title: 'Dự án', fields: { tyLeGiaiNgan: { title: 'Tỷ lệ giải ngân', unit: 'percent' } } } };
const tree = [{ id: '1', title: 'Kết quả', max: 100, children: [{ id: '1.1', title: 'Điểm', max: 100, rule: { kind: 'appraisal' } }] }];
const allProjects = { items: { list: 'duAn', where: { field: 'tyLeGiaiNgan', min: 95 } }, min: 100 };
const tasksOnTime = {
  items: { tasks: [{ task: 'q1', deadline: '2021-03-15' }, 'nam'], deadline: '2021-12-15', where: 'on-time' },
  min: 100,
  title: '100 % nhiệm vụ đúng tiến độ',
  titleEn: '100 % of tasks on time',
};
const bands = (requires: unknown[]) => ({
  of: 'total',
  levels: [
    { id: 'xs', label: 'Xuất sắc', labelEn: 'Excellent', min: 90, requires },
    { id: 'kha', label: 'Khá', labelEn: 'Fair', min: 50, max: 90 },
    { id: 'yeu', label: 'Yếu', labelEn: 'Weak', max: 50 },
  ],
});
const setOf = (requires: unknown[]) => makeSet(tree, { lists, bands: bands(requires) });
const unit = (extra: Record<string, unknown>) => ({ appraisals: { '1.1': { round1: 95 } }, ...extra });
const projects = (...rates: number[]) => ({ lists: { duAn: rates.map((r, i) => ({ id: `P${i + 1}`, values: { tyLeGiaiNgan: r } })) } });

describe('a band requiring a share of items', () => {
  it('95 points and both projects ≥ 95 % (96 ✓, 95 ✓: 2/2 = 100 %) is Xuất sắc', () => {
    const c = evaluate(setOf([allProjects]), makeEvidence([unit(projects(96, 95))]))[0]!;
    expect(c.band?.id).toBe('xs');
    expect(c.band?.steps?.map((s) => s.en)).toEqual([
      'Excellent — share of duAn with 95 ≤ tyLeGiaiNgan: 2/2 = 100 % (needs ≥ 100 %) → met',
    ]);
  });
  it('one project at 90 (1/2 = 50 % < 100 %) falls to Khá, naming it, in both languages', () => {
    const c = evaluate(setOf([allProjects]), makeEvidence([unit(projects(96, 90))]))[0]!;
    expect(c.band?.id).toBe('kha');
    expect(c.band?.steps?.[0]?.en).toBe(
      'Excellent — share of duAn with 95 ≤ tyLeGiaiNgan: 1/2 = 50 % (not met: P2) (needs ≥ 100 %) → not met',
    );
    expect(c.band?.steps?.[0]?.vi).toBe(
      'Xuất sắc — tỷ lệ mục của duAn đạt 95 ≤ tyLeGiaiNgan: 1/2 = 50 % (chưa đạt: P2) (cần ≥ 100 %) → không đạt',
    );
  });
  it('no project, or the list absent, is missing evidence: an error unless the condition declares whenMissing', () => {
    const none = issuesOf(() => evaluate(setOf([allProjects]), makeEvidence([unit({ lists: { duAn: [] } })])));
    expect(none.map((i) => [i.code, i.unit])).toEqual([['eval.condition-missing', 'u1']]);
    const absent = issuesOf(() => evaluate(setOf([allProjects]), makeEvidence([unit({})])));
    expect(absent.map((i) => i.code)).toEqual(['eval.condition-missing']);
    const fail = evaluate(setOf([{ ...allProjects, whenMissing: 'fail' }]), makeEvidence([unit({ lists: { duAn: [] } })]))[0]!;
    expect(fail.band?.id).toBe('kha');
  });
  it("tasks: q1 by its own deadline 15/3, nam by the condition's 15/12; nam on 16/12 is late → 1/2 = 50 % → Khá", () => {
    const s = setOf([tasksOnTime]);
    const ok = { tasks: { q1: { done: '2021-03-15' }, nam: { done: '2021-12-15' } } };
    const late = { tasks: { q1: { done: '2021-03-15' }, nam: { done: '2021-12-16' } } };
    const [a, b] = evaluate(s, makeEvidence([unit(ok), unit(late)]));
    expect([a!.band?.id, b!.band?.id]).toEqual(['xs', 'kha']);
    expect(b!.band?.steps?.[0]?.en).toBe(
      'Excellent — 100 % of tasks on time: share of tasks on time: 1/2 = 50 % (not met: nam) (needs ≥ 100 %) → not met',
    );
    // The tasks a condition reads are read: the evidence check does not call them unknown.
    expect(checkEvidence(s, makeEvidence([unit(ok)])).filter((i) => i.code === 'evidence.unknown-task')).toEqual([]);
  });
});

describe('check refuses a condition over items it cannot read', () => {
  const found = (requires: unknown[], extra: Record<string, unknown> = { lists }) =>
    checkCriteriaSet(criteriaDoc(tree, { ...extra, bands: bands(requires) }))
      .issues.filter((i) => i.severity === 'error')
      .map((i) => [i.code, formatPath(i.path)]);
  const at = 'bands.levels[0].requires[0]';
  it('an undeclared list or field, a bound outside the field, a task condition on a list', () => {
    expect(found([allProjects])).toEqual([]);
    expect(found([{ ...allProjects, items: { ...allProjects.items, list: 'duAnX' } }])).toEqual([
      ['criteria.undeclared-list', `${at}.items.list`],
    ]);
    expect(found([{ ...allProjects, items: { list: 'duAn', where: { field: 'x', min: 95 } } }])).toEqual([
      ['criteria.undeclared-list', `${at}.items.where.field`],
    ]);
    expect(found([{ ...allProjects, items: { list: 'duAn', where: { field: 'tyLeGiaiNgan', min: 101 } } }])).toEqual([
      ['criteria.threshold-range', `${at}.items.where.min`],
    ]);
    expect(found([{ ...allProjects, items: { list: 'duAn', where: 'on-time' } }])).toEqual([['schema.invalid-value', `${at}.items.where`]]);
  });
  it('a node that applies by items is refused: applies reads measures, ratios and attributes only', () => {
    const t = [{ ...tree[0], children: [{ ...tree[0]!.children[0], applies: allProjects }] }];
    const r = checkCriteriaSet(criteriaDoc(t, { lists }));
    expect(r.ok).toBe(false);
    // The unknown key is named, and the condition then reads nothing of measure, ratio, attribute.
    expect(r.issues.map((i) => [i.code, formatPath(i.path)])).toEqual([
      ['schema.unknown-key', 'tree[0].children[0].applies'],
      ['schema.invalid-value', 'tree[0].children[0].applies'],
    ]);
    expect(r.issues[0]!.message).toContain('items');
  });
});
