/** Issue 20: bands cover every value a set can reach, bonus and penalty included; a declared total is checked. */
import { describe, expect, it } from 'vitest';
import { checkCriteriaSet } from '../../src/criteria/load.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { criteriaDoc, makeEvidence, makeSet } from '../support/support.js';

const task = (id: string, max: number) => ({ id, title: `Tiêu chí ${id}`, max, rule: { kind: 'task', task: `t${id}` } });
const field = { id: '1', title: 'Lĩnh vực 1', max: 10, children: [task('1.1', 5), task('1.2', 5)] };
const bonus = { id: '2', title: 'Điểm thưởng', block: { kind: 'bonus', cap: 1 }, children: [task('2.1', 1)] };
const penalty = { id: '3', title: 'Điểm trừ', block: { kind: 'penalty', cap: 0.5 }, children: [task('3.1', 0.5)] };
const errors = (doc: Record<string, unknown>) =>
  checkCriteriaSet(doc)
    .issues.filter((i) => i.severity === 'error')
    .map((i) => `${i.code} ${i.path.join('.')}: ${i.message} | ${i.messageVi}`);

describe('bands cover every reachable value', () => {
  it('a bonus lifts the index to 110: a top band ending at 100 is refused, naming (100; 110]', () => {
    const e = errors(
      criteriaDoc([field, bonus], {
        bands: {
          levels: [
            { id: 'a', label: 'A', min: 50, max: 100, maxInclusive: true },
            { id: 'b', label: 'B', max: 50 },
          ],
        },
      }),
    );
    expect(e).toEqual([
      expect.stringMatching(/^criteria\.bands-gap bands\.levels\.0: .*\(100; 110\] is in no row \| .*\(100; 110\] không thuộc mức nào/),
    ]);
  });
  it('a penalty lowers the index below 0: a lowest band starting at 0 is refused, naming [-5; 0)', () => {
    const e = errors(
      criteria(
        [field, penalty],
        [
          { id: 'a', label: 'A', min: 50 },
          { id: 'b', label: 'B', min: 0, max: 50 },
        ],
      ),
    );
    expect(e).toEqual([
      expect.stringMatching(/^criteria\.bands-gap bands\.levels\.1: band "b": no row covers values below 0 .*\[-5; 0\) \| .*\[-5; 0\)/),
    ]);
  });
  it('open-ended top and bottom bands cover everything', () => {
    expect(
      errors(
        criteria(
          [field, bonus, penalty],
          [
            { id: 'a', label: 'A', min: 50 },
            { id: 'b', label: 'B', max: 50 },
          ],
        ),
      ),
    ).toEqual([]);
  });
  it('bands.of: total classifies the total points, and is checked against the total the set can reach', () => {
    const levels = [
      { id: 'a', label: 'A', min: 8, max: 10, maxInclusive: true },
      { id: 'b', label: 'B', max: 8 },
    ];
    expect(errors(criteria([field, bonus], levels, 'total'))).toEqual([expect.stringMatching(/\(10; 11\] is in no row/)]);
    const set = makeSet([field], { bands: { of: 'total', levels } });
    const [card] = evaluate(set, makeEvidence([{ tasks: { 't1.1': { done: '2021-01-10' }, 't1.2': { done: '2021-01-10' } } }]));
    expect(card!.band?.id).toBe('a');
  });
  it('a unit whose not-applicable nodes lift its index past the bands gets a warning, not a silent "no band"', () => {
    const set = makeSet([field, bonus], {
      bands: {
        levels: [
          { id: 'a', label: 'A', min: 50, max: 110, maxInclusive: true },
          { id: 'b', label: 'B', max: 50 },
        ],
      },
    });
    const ev = makeEvidence([
      {
        tasks: { 't1.1': { done: '2021-01-10' }, 't2.1': { done: '2021-01-10' } },
        notApplicable: [{ node: '1.2', reason: 'không phát sinh' }],
      },
    ]);
    const [card] = evaluate(set, ev);
    expect(card!.index).toBe(120);
    expect(card!.band).toBeNull();
    expect(card!.warnings.map((w) => w.code)).toContain('eval.no-band');
  });
});

describe('a declared total', () => {
  it('must be the sum of the fields (a bonus outside the max and a penalty count 0)', () => {
    expect(errors(criteriaDoc([field, bonus, penalty], { total: 10 }))).toEqual([]);
    expect(errors(criteriaDoc([field, bonus], { total: 11 }))).toEqual([
      "criteria.total-mismatch total: the set declares a total of 11 points but its fields' maxima add up to 10 | bộ tiêu chí khai báo tổng 11 điểm nhưng tổng điểm tối đa các lĩnh vực là 10",
    ]);
  });
});

function criteria(tree: unknown[], levels: unknown[], of?: 'index' | 'total'): Record<string, unknown> {
  return criteriaDoc(tree, { bands: { ...(of ? { of } : {}), levels } });
}
