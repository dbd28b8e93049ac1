/**
 * Rule kind `relative` (issue 22, item 1): a leaf scored against the units scored together. Every statistic below
 * is worked by hand from its definition over the population written in the test, never copied from the code.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCriteriaSet } from '../../src/criteria/load.js';
import { evaluate, replayLeaf } from '../../src/engine/evaluate.js';
import { Exact } from '../../src/core/exact.js';
import { RULE_KINDS } from '../../src/rules/registry.js';
import { loadCases } from '../../src/cases/load.js';
import { runCases } from '../../src/cases/run.js';
import { loadScoreCards, scoreFileCard } from '../../src/ranking/scores.js';
import { inputLabel } from '../../src/report/rows.js';
import { rescore } from '../../src/versions/rescore.js';
import { criteriaDoc, issuesOf, makeEvidence, makeSet } from '../support/support.js';
import type { ScoreCard } from '../../src/engine/types.js';
import type { EvidenceView } from '../../src/rules/types.js';

/** A set of one 2-point leaf with the given relative rule. */
function setWith(rule: Record<string, unknown>) {
  return makeSet([{ id: '1', title: 'Kết quả', max: 2, children: [{ id: '1.1', title: 'Công bố kết quả', max: 2, rule }] }]);
}

/** At or above the statistic → 2, below → 0. */
const AT_OR_ABOVE = [{ atOrAbove: true, points: 2 }, { points: 0 }];

/** Units u1, u2… with the given values of `share` (undefined: the unit gives none). */
function units(values: (number | undefined)[], more: Record<string, unknown>[] = []) {
  return makeEvidence(values.map((v, i) => ({ ...(v === undefined ? {} : { measures: { share: v } }), ...(more[i] ?? {}) })));
}

/** Each unit's points on 1.1, by unit id. */
function points(cards: readonly ScoreCard[]): Record<string, number> {
  return Object.fromEntries(cards.map((c) => [c.unit.id, c.nodes.find((n) => n.id === '1.1')!.points]));
}

const leaf = (card: ScoreCard) => card.trace![0]!.children[0]!;

describe('mean', () => {
  const set = setWith({ kind: 'relative', measure: 'share', statistic: 'mean', population: 'all', rows: AT_OR_ABOVE });
  it('(80 + 90 + 85.5 + 70) ÷ 4 = 81.375: 85.5 and 90 are at or above it, 70 and 80 below', () => {
    expect(points(evaluate(set, units([80, 90, 85.5, 70])))).toEqual({ u1: 0, u2: 2, u3: 2, u4: 0 });
  });
  it('exactly: (0.1 + 0.2 + 0.3) ÷ 3 = 0.2, so 0.2 is at the mean (in floating point the mean is 0.20000000000000004)', () => {
    expect(points(evaluate(set, units([0.1, 0.2, 0.3])))).toEqual({ u1: 0, u2: 2, u3: 2 });
  });
  it('the trace names the statistic, the population and every unit in it, in both languages, and replays', () => {
    // (80 + 90 + 100) ÷ 3 = 90; u1 80 < 90 → the last row, 0; u2 90 ≥ 90 → 2.
    const cards = evaluate(set, units([80, 90, 100]));
    const t = leaf(cards[1]!);
    expect(t.steps.map((s) => [s.en, s.calc])).toEqual([
      ['mean of share over 3 units scored together (u1, u2, u3)', '= 90'],
      ['share = 90: ≥ mean 90', '→ 2'],
    ]);
    expect(t.steps[0]!.vi).toBe('trung bình của share trên 3 đơn vị cùng chấm (u1, u2, u3)');
    expect(t.inputs.find((i) => i.kind === 'population')).toEqual({
      kind: 'population',
      id: '1.1',
      value: 90,
      exact: '90',
      size: 3,
      members: ['u1', 'u2', 'u3'],
      without: [],
    });
    expect(leaf(cards[0]!).lost.map((l) => l.en)).toEqual(['not ≥ mean 90 (2 points)']);
    // The trace carries the statistic: the leaf replays from it alone, for the unit below the mean and the one at it.
    for (const c of cards) expect(replayLeaf(set, leaf(c)).toRatio()).toBe(leaf(c).raw);
  });
});

describe('a score file keeps the population', () => {
  it('the trace read back from a score file carries the statistic, and the leaf replays from it', () => {
    // (80 + 90 + 100) ÷ 3 = 90: u1 below → 0, u2 and u3 at or above → 2.
    const set = setWith({ kind: 'relative', measure: 'share', statistic: 'mean', population: 'all', rows: AT_OR_ABOVE });
    const cards = evaluate(set, units([80, 90, 100]));
    const back = loadScoreCards(JSON.stringify(cards.map((c) => scoreFileCard(c, undefined, { trace: true }))));
    for (const row of back.rows) {
      const t = leaf(row.card);
      expect(t.inputs.find((i) => i.kind === 'population')).toMatchObject({ exact: '90', size: 3, members: ['u1', 'u2', 'u3'] });
      expect(replayLeaf(set, t).toNumber()).toBe(row.card.unit.id === 'u1' ? 0 : 2);
    }
  });
});

describe('reports name the population', () => {
  const set = setWith({ kind: 'relative', measure: 'share', statistic: 'mean', population: 'all', rows: AT_OR_ABOVE });
  it('as an input line, in both languages', () => {
    // (80 + 90 + 100) ÷ 3 = 90.
    const input = leaf(evaluate(set, units([80, 90, 100]))[0]!).inputs.find((i) => i.kind === 'population')!;
    expect(inputLabel(input, 'en')).toBe('population 1.1: 3 units (u1, u2, u3) → 90');
    expect(inputLabel(input, 'vi')).toBe('nhóm so sánh 1.1: 3 đơn vị (u1, u2, u3) → 90');
  });
  it('a population of 25 is named by its first 20 units; the input keeps all 25', () => {
    // 1 … 25: mean 13. Ids in text order: u1, u10…u19, u2, u20…u25, u3, u4 are the first 20; u5…u9 the 5 more.
    const input = leaf(evaluate(set, units(Array.from({ length: 25 }, (_, i) => i + 1)))[0]!).inputs.find((i) => i.kind === 'population')!;
    expect(input.kind === 'population' && input.members.length).toBe(25);
    expect(inputLabel(input, 'en')).toMatch(/^population 1\.1: 25 units \(u1, u10, .*, u4 … \(\+5\)\) → 13$/);
  });
});

describe('median', () => {
  const set = setWith({ kind: 'relative', measure: 'share', statistic: 'median', population: 'all', rows: AT_OR_ABOVE });
  it('odd count: 3, 9, 1, 7, 5 sorted is 1, 3, 5, 7, 9; the median is the middle one, 5', () => {
    expect(points(evaluate(set, units([3, 9, 1, 7, 5])))).toEqual({ u1: 0, u2: 2, u3: 0, u4: 2, u5: 2 });
    expect(leaf(evaluate(set, units([3, 9, 1, 7, 5]))[0]!).steps[0]!.calc).toBe('= 5');
  });
  it('even count: 1, 3, 8, 10 → the mean of the two middle values, (3 + 8) ÷ 2 = 5.5', () => {
    const cards = evaluate(set, units([1, 3, 8, 10]));
    expect(points(cards)).toEqual({ u1: 0, u2: 0, u3: 2, u4: 2 });
    expect(leaf(cards[0]!).steps[0]!.calc).toBe('= 5.5');
  });
});

describe('percentile (R type 7, as PERCENTILE.INC)', () => {
  const at = (p: number) =>
    setWith({ kind: 'relative', measure: 'share', statistic: 'percentile', p, population: 'all', rows: AT_OR_ABOVE });
  it('p 40 of 15, 20, 35, 50: h = (4 − 1) × 0.4 = 1.2, so 20 + 0.2 × (35 − 20) = 23', () => {
    const cards = evaluate(at(40), units([50, 15, 35, 20]));
    expect(leaf(cards[0]!).steps[0]!.calc).toBe('= 23');
    expect(leaf(cards[0]!).steps[0]!.en).toContain('percentile 40 of share');
    // 20 < 23 → 0; 35 and 50 ≥ 23 → 2; 15 → 0.
    expect(points(cards)).toEqual({ u1: 2, u2: 0, u3: 2, u4: 0 });
  });
  it('p 75 of 10…50: h = 4 × 0.75 = 3, exactly the fourth value, 40; p 0 is the least and p 100 the greatest', () => {
    const ev = units([10, 20, 30, 40, 50]);
    expect(leaf(evaluate(at(75), ev)[0]!).steps[0]!.calc).toBe('= 40');
    expect(leaf(evaluate(at(0), ev)[0]!).steps[0]!.calc).toBe('= 10');
    expect(leaf(evaluate(at(100), ev)[0]!).steps[0]!.calc).toBe('= 50');
  });
});

describe('rank, competition ranking (1, 2, 2, 4)', () => {
  const set = setWith({
    kind: 'relative',
    measure: 'share',
    statistic: 'rank',
    better: 'higher',
    population: 'all',
    rows: [{ rankAtMost: 1, points: 2 }, { rankAtMost: 3, points: 1 }, { points: 0 }],
  });
  it('90, 85, 85, 70 rank 1, 2, 2, 4: the last is 4th, not 3rd (dense ranking would give it 1 point)', () => {
    expect(points(evaluate(set, units([90, 85, 85, 70])))).toEqual({ u1: 2, u2: 1, u3: 1, u4: 0 });
  });
  it("the trace gives the unit's rank and the units ranked", () => {
    const t = leaf(evaluate(set, units([90, 85, 85, 70]))[3]!);
    expect(t.steps.map((s) => [s.en, s.calc])).toEqual([
      ['rank by share among 4 units scored together (u1, u2, u3, u4); higher is better, ties 1, 2, 2, 4', '70 → 4'],
      ['share = 70, rank 4: no row above holds (rank 4) → the last row', '→ 0'],
    ]);
  });
});

describe('rank by its definition, whatever the values', () => {
  it('is 1 + the number of values strictly better, for higher and lower is better', () => {
    for (const better of ['higher', 'lower'] as const) {
      const need = RULE_KINDS.relative.population!({
        kind: 'relative',
        measure: 'share',
        statistic: 'rank',
        better,
        population: 'all',
        rows: [{ rankAtMost: 1, points: 2 }, { points: 0 }],
      });
      fc.assert(
        fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 30 }), (values) => {
          const sorted = values.map((v) => Exact.of(v)).sort((a, b) => a.cmp(b));
          for (const own of values) {
            const strictlyBetter = values.filter((v) => (better === 'higher' ? v > own : v < own)).length;
            expect(need.statistic(sorted, Exact.of(own)).toNumber()).toBe(1 + strictlyBetter);
          }
        }),
        { numRuns: 200 },
      );
    }
  });
});

describe('lower is better', () => {
  const rule = (statistic: string, rows: unknown[]) =>
    makeSet([
      {
        id: '1',
        title: 'Vi phạm',
        max: 2,
        children: [
          {
            id: '1.1',
            title: 'Ít vi phạm',
            max: 2,
            rule: { kind: 'relative', measure: 'violations', statistic, better: 'lower', population: 'all', rows },
          },
        ],
      },
    ]);
  const ev = makeEvidence([2, 5, 2, 9].map((v) => ({ measures: { violations: v } })));
  it('rank by fewest violations: 2, 5, 2, 9 rank 1, 3, 1, 4', () => {
    const set = rule('rank', [{ rankAtMost: 2, points: 2 }, { points: 0 }]);
    expect(points(evaluate(set, ev))).toEqual({ u1: 2, u2: 0, u3: 2, u4: 0 });
  });
  it('best is the least, 2: at or below it → 2', () => {
    const set = rule('best', [{ atOrBelow: true, points: 2 }, { points: 0 }]);
    expect(points(evaluate(set, ev))).toEqual({ u1: 2, u2: 0, u3: 2, u4: 0 });
  });
  it('worst is the greatest, 9: below it → 2, so only the unit with 9 gets 0', () => {
    const set = rule('worst', [{ below: true, points: 2 }, { points: 0 }]);
    expect(points(evaluate(set, ev))).toEqual({ u1: 2, u2: 2, u3: 2, u4: 0 });
  });
});

describe('a population per group (population: { by: attribute })', () => {
  const set = setWith({ kind: 'relative', measure: 'share', statistic: 'mean', population: { by: 'loai' }, rows: AT_OR_ABOVE });
  const xa = { attributes: { loai: 'xa' } };
  const phuong = { attributes: { loai: 'phuong' } };
  it('xã 60, 80 (mean 70); phường 90, 100, 95 (mean 95): 80 is above its group, 90 below its own — over all five the mean would be 85 and both would flip', () => {
    const cards = evaluate(set, units([60, 80, 90, 100, 95], [xa, xa, phuong, phuong, phuong]));
    expect(points(cards)).toEqual({ u1: 0, u2: 2, u3: 0, u4: 2, u5: 2 });
    expect(leaf(cards[1]!).steps[0]!.en).toBe('mean of share over 2 units with loai = xa (u1, u2)');
    expect(leaf(cards[2]!).steps[0]!.calc).toBe('= 95');
    expect(leaf(cards[2]!).inputs.find((i) => i.kind === 'population')).toMatchObject({ by: 'loai', group: 'phuong', size: 3 });
  });
  it('a unit without the attribute stops the run, named with the leaf and the attribute', () => {
    const issues = issuesOf(() => evaluate(set, units([60, 80, 90], [xa, xa, {}])));
    expect(issues.map((i) => [i.code, i.severity, i.unit, i.node])).toEqual([['eval.population-group', 'error', 'u3', '1.1']]);
    expect(issues[0]!.message).toContain('has no attribute "loai"');
  });
  it('a roster unit without evidence (no attribute, no measure) is no peer of any group, and scores "missing"', () => {
    const roster = ['u1', 'u2', 'u9'].map((id) => ({ id, name: id }));
    const cards = evaluate(set, units([60, 80], [xa, xa]), { units: roster });
    // xã 60, 80: mean 70.
    expect(points(cards)).toEqual({ u1: 0, u2: 2, u9: 0 });
    expect(cards[2]!.nodes.find((n) => n.id === '1.1')!.status).toBe('missing');
  });
  it('a group of one unit is an error for that unit, not a comparison with itself', () => {
    const issues = issuesOf(() => evaluate(set, units([60, 80, 90], [xa, xa, phuong])));
    expect(issues.map((i) => [i.code, i.unit, i.node])).toEqual([['eval.population-alone', 'u3', '1.1']]);
    expect(issues[0]!.message).toContain('the units with loai = phuong, but only 1 of them give it (u3; at least 2 needed)');
    expect(issues[0]!.messageVi).toContain('không so sánh đơn vị với chính nó');
  });
});

describe('who is in the population', () => {
  const set = setWith({ kind: 'relative', measure: 'share', statistic: 'mean', population: 'all', rows: AT_OR_ABOVE });
  it('a unit without the measure is left out, not counted as 0: (80 + 90) ÷ 2 = 85, so 80 is below (with a 0 the mean would be 56.67)', () => {
    const cards = evaluate(set, units([80, 90, undefined]));
    expect(points(cards)).toEqual({ u1: 0, u2: 2, u3: 0 });
    expect(cards[2]!.nodes.find((n) => n.id === '1.1')!.status).toBe('missing');
    const t = leaf(cards[0]!);
    expect(t.steps.map((s) => s.en)).toContain('not in the population (no share): u3');
    expect(t.inputs.find((i) => i.kind === 'population')).toMatchObject({ size: 2, members: ['u1', 'u2'], without: ['u3'] });
  });
  it('a unit the leaf does not apply to is no peer: u3 (0) is declared not applicable, so the mean is (80 + 90) ÷ 2 = 85', () => {
    const na = { notApplicable: [{ node: '1.1', reason: 'không giao' }] };
    const cards = evaluate(set, units([80, 90, 0], [{}, {}, na]));
    expect(points(cards)).toEqual({ u1: 0, u2: 2, u3: 0 });
    expect(leaf(cards[0]!).steps[0]!.calc).toBe('= 85');
  });
  it('a unit of the roster without evidence is not in the population', () => {
    const cards = evaluate(set, units([80, 90]), {
      units: [
        { id: 'u1', name: 'Xã 1' },
        { id: 'u2', name: 'Xã 2' },
        { id: 'u9', name: 'Xã 9' },
      ],
    });
    expect(points(cards)).toEqual({ u1: 0, u2: 2, u9: 0 });
    expect(leaf(cards[0]!).inputs.find((i) => i.kind === 'population')).toMatchObject({ members: ['u1', 'u2'], without: ['u9'] });
  });
});

describe('the other paths that score units compute the same statistic', () => {
  const mean = setWith({ kind: 'relative', measure: 'share', statistic: 'mean', population: 'all', rows: AT_OR_ABOVE });
  // 1, 2, 9: mean 4, median 2. Under the mean only 9 reaches it; under the median 2 and 9 do.
  const ev = units([1, 2, 9]);
  it('a rounding override scores from the same population (the mean of 1, 2, 9 is 4)', () => {
    expect(points(evaluate(mean, ev, { rounding: { precision: 1, stage: 'field' } }))).toEqual({ u1: 0, u2: 0, u3: 2 });
  });
  it('rescore under two versions: mean (only 9 reaches 4) then median (2 and 9 reach 2): u2 gains 2', () => {
    const median = setWith({ kind: 'relative', measure: 'share', statistic: 'median', population: 'all', rows: AT_OR_ABOVE });
    const r = rescore(mean, median, ev);
    expect(r.units.map((u) => [u.unit.id, u.a.total, u.b.total]).sort()).toEqual([
      ['u1', 0, 0],
      ['u2', 0, 2],
      ['u3', 2, 2],
    ]);
  });
});

describe('a unit scored alone', () => {
  const set = setWith({ kind: 'relative', measure: 'share', statistic: 'mean', population: 'all', rows: AT_OR_ABOVE });
  it('one unit: eval.population-alone, never a comparison with itself (which would always give "at or above")', () => {
    const issues = issuesOf(() => evaluate(set, units([80])));
    expect(issues.map((i) => [i.code, i.severity, i.unit, i.node])).toEqual([['eval.population-alone', 'error', 'u1', '1.1']]);
    expect(issues[0]!.message).toContain('a unit is not compared with itself');
  });
  it('minPopulation: 3 refuses a population of two', () => {
    const s3 = setWith({ kind: 'relative', measure: 'share', statistic: 'mean', population: 'all', minPopulation: 3, rows: AT_OR_ABOVE });
    expect(issuesOf(() => evaluate(s3, units([80, 90]))).map((i) => [i.code, i.unit])).toEqual([
      ['eval.population-alone', 'u1'],
      ['eval.population-alone', 'u2'],
    ]);
  });
  it('a worked example (par-index test) scores one unit: its case fails with the issue, or expects it', () => {
    const yaml = [
      'format: par-index/cases@1',
      'criteria: x.yaml',
      'cases:',
      '  - { name: một mình, unit: { measures: { share: 80 } }, expect: { total: 2 } }',
      '  - { name: "một mình, báo lỗi", unit: { measures: { share: 80 } }, expect: { error: eval.population-alone } }',
    ].join('\n');
    const report = runCases(loadCases(yaml, { file: 'cases.yaml' }), set);
    expect(report.results.map((r) => [r.name, r.pass])).toEqual([
      ['một mình', false],
      ['một mình, báo lỗi', true],
    ]);
    expect(report.results[0]!.problems.map((p) => p.code)).toEqual(['eval.population-alone']);
  });
  it('the scorer given a view without a population (called directly) scores "missing" with the warning', () => {
    const scorer = RULE_KINDS.relative.compile(
      { kind: 'relative', measure: 'share', statistic: 'mean', population: 'all', rows: [{ atOrAbove: true, points: 2 }, { points: 0 }] },
      { nodeId: '1.1', title: 't', max: Exact.of(2), measures: new Map(), surveys: new Map(), siblings: [], path: [], file: undefined },
    );
    const view: EvidenceView = {
      measure: () => ({ value: Exact.of(80), source: 's' }),
      task: () => undefined,
      appraisal: () => undefined,
      survey: () => undefined,
      findings: () => [],
      list: () => undefined,
    };
    const out = scorer(view, false);
    expect([out.status, out.points.toNumber(), out.warnings?.map((w) => w.code)]).toEqual(['missing', 0, ['eval.population-alone']]);
  });
});

describe('check', () => {
  const RULE = ['tree', 0, 'children', 0, 'rule'];
  /** The errors of a one-leaf set with the rule, as [code, path]. */
  function errors(rule: Record<string, unknown>): [string, string][] {
    const doc = criteriaDoc([{ id: '1', title: 'F', max: 2, children: [{ id: '1.1', title: 'a', max: 2, rule }] }]);
    return checkCriteriaSet(doc)
      .issues.filter((i) => i.severity === 'error')
      .map((i) => [i.code, i.path.slice(RULE.length).join('.')]);
  }
  const base = { kind: 'relative', measure: 'share', statistic: 'mean', population: 'all', rows: AT_OR_ABOVE };
  it('a valid rule passes', () => {
    expect(errors(base)).toEqual([]);
  });
  it('refuses a rule without a population', () => {
    const { population: _, ...none } = base;
    expect(errors(none)).toEqual([['schema.required', 'population']]);
  });
  it('refuses a percentile without p, or with p outside 0–100, and p on another statistic', () => {
    expect(errors({ ...base, statistic: 'percentile' })).toEqual([['schema.required', 'p']]);
    expect(errors({ ...base, statistic: 'percentile', p: 120 })).toEqual([['criteria.threshold-range', 'p']]);
    expect(errors({ ...base, p: 50 })).toEqual([['schema.invalid-value', 'p']]);
  });
  it('refuses rank, best and worst without better', () => {
    expect(errors({ ...base, statistic: 'best' })).toEqual([['schema.required', 'better']]);
    expect(errors({ ...base, statistic: 'rank', rows: [{ rankAtMost: 1, points: 2 }, { points: 0 }] })).toEqual([
      ['schema.required', 'better'],
    ]);
  });
  it('refuses rows that can never award the max: best points below it, or "above the best"', () => {
    expect(errors({ ...base, rows: [{ atOrAbove: true, points: 1 }, { points: 0 }] })).toEqual([
      ['criteria.rule-cannot-reach-max', 'rows'],
    ]);
    // No unit is above the greatest value of its population.
    expect(errors({ ...base, statistic: 'best', better: 'higher', rows: [{ above: true, points: 2 }, { points: 0 }] })).toEqual([
      ['criteria.rule-cannot-reach-max', 'rows'],
    ]);
  });
  it('refuses a last row with a condition, a row without one before it, two conditions, and rank rows mixed up', () => {
    expect(
      errors({
        ...base,
        rows: [
          { atOrAbove: true, points: 2 },
          { below: true, points: 0 },
        ],
      }),
    ).toEqual([['criteria.bands-gap', 'rows.1']]);
    expect(errors({ ...base, rows: [{ points: 0 }, { atOrAbove: true, points: 2 }] })).toEqual([
      ['criteria.band-order', 'rows.0'],
      ['criteria.bands-gap', 'rows.1'],
    ]);
    expect(errors({ ...base, rows: [{ atOrAbove: true, below: true, points: 2 }, { points: 0 }] })).toEqual([
      ['schema.invalid-value', 'rows.0'],
    ]);
    expect(errors({ ...base, rows: [{ rankAtMost: 1, points: 2 }, { points: 0 }] })).toEqual([
      ['schema.invalid-value', 'rows.0.rankAtMost'],
    ]);
  });
  it('refuses an undeclared measure', () => {
    expect(errors({ ...base, measure: 'nope' }).map((e) => e[0])).toContain('criteria.undeclared-measure');
  });
});
