/**
 * One pass through the pipeline: whatever was scored is not scored again. `evaluate` is counted where every
 * layer imports it from; verification, rank uncertainty, re-scoring, test cases and the command line each score
 * once, not at all when handed what was scored, and never reload a criteria set to change its rounding or years.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/engine/evaluate.js', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/engine/evaluate.js')>();
  return { ...mod, evaluate: vi.fn(mod.evaluate) };
});
vi.mock('../../src/criteria/load.js', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/criteria/load.js')>();
  return { ...mod, loadCriteriaSet: vi.fn(mod.loadCriteriaSet) };
});

const { evaluate } = await import('../../src/engine/evaluate.js');
const { loadCriteriaSet } = await import('../../src/criteria/load.js');
const { main } = await import('../../src/cli/main.js');
const { loadCases } = await import('../../src/cases/load.js');
const { runCases } = await import('../../src/cases/run.js');
const { cardsOf, rank } = await import('../../src/ranking/rank.js');
const { score } = await import('../../src/ranking/score.js');
const { rankUncertainty, uncertaintyFromCards } = await import('../../src/ranking/uncertainty.js');
const { rescore } = await import('../../src/versions/rescore.js');
const { loadPublishedDecision } = await import('../../src/verify/decision.js');
const { verifyDecision } = await import('../../src/verify/verify.js');
const { criteriaFile, evidence, fixtureDir, set } = await import('../support/report-example.js');
const { root } = await import('../support/paths.js');
const { issuesOf, makeEvidence, makeSet } = await import('../support/support.js');

const evaluated = vi.mocked(evaluate);
const reloaded = vi.mocked(loadCriteriaSet);
beforeEach(() => {
  evaluated.mockClear();
  reloaded.mockClear();
});

describe('the runner', () => {
  it('scores once and ranks the very cards evaluate returned, under the set’s rule', () => {
    const ranking = score(set, evidence, { trace: false });
    expect(evaluated).toHaveBeenCalledTimes(1);
    const cards = evaluated.mock.results[0]!.value as ReturnType<typeof evaluate>;
    expect(ranking.rule).toBe(set.ranking);
    expect(ranking.rows.every((r) => cards.includes(r.card))).toBe(true);
    expect(ranking.rows.map((r) => r.rankOf)).toEqual(rank(cards, set.ranking).rows.map((r) => r.rankOf));
  });
});

describe('verifyDecision', () => {
  const decision = loadPublishedDecision(
    readFileSync(`${root}fixtures/van-lam-2021/published/cong-bo-chi-so-cchc-2021-co-loi.json`, 'utf8'),
    { file: 'qd.json' },
  );
  it('scores the evidence once; given the cards or the ranking, not at all — and finds the same', () => {
    const fromEvidence = verifyDecision(decision, { set, evidence });
    expect(evaluated).toHaveBeenCalledTimes(1);
    const ranking = score(set, evidence);
    evaluated.mockClear();
    expect(verifyDecision(decision, { set, ranking })).toEqual(fromEvidence);
    expect(verifyDecision(decision, { set, cards: cardsOf(ranking) })).toEqual(fromEvidence);
    expect(evaluated).not.toHaveBeenCalled();
    expect(fromEvidence.ok).toBe(false);
  });
});

describe('rank uncertainty', () => {
  const spec = {
    format: 'par-index/uncertainty@1',
    weights: { range: [0.9, 1.1] as [number, number] },
    options: { 'rounding.precision': [1, 2], 'rounding.stage': ['leaf', 'field'] as ('leaf' | 'field')[] },
  };
  it('scores the evidence once, and once per rounding drawn — with overrides, never reloading the set', () => {
    const r = rankUncertainty(set, evidence, spec, { draws: 200, seed: 3 });
    expect(r.evaluations).toBe(4);
    expect(evaluated).toHaveBeenCalledTimes(4);
    expect(evaluated.mock.calls.slice(1).every(([s, , o]) => s === set && o?.rounding !== undefined)).toBe(true);
    expect(reloaded).not.toHaveBeenCalled();
  });
  it('given the cards already scored, scores only the rounding variants, with the same result', () => {
    const plain = rankUncertainty(set, evidence, spec, { draws: 200, seed: 3 });
    const cards = evaluate(set, evidence, { trace: false });
    evaluated.mockClear();
    expect(rankUncertainty(set, evidence, spec, { draws: 200, seed: 3, cards })).toEqual(plain);
    expect(evaluated).toHaveBeenCalledTimes(3);
    evaluated.mockClear();
    const weights = { format: 'par-index/uncertainty@1', weights: { range: [0.9, 1.1] as [number, number] } };
    expect(rankUncertainty(set, evidence, weights, { draws: 50, cards })).toEqual(uncertaintyFromCards(set, cards, weights, { draws: 50 }));
    expect(evaluated).not.toHaveBeenCalled();
  });
  it('refuses cards of another set', () => {
    const other = makeSet([
      { id: '1', title: 'F1', max: 10, children: [{ id: '1.1', title: 'a', max: 10, rule: { kind: 'task', task: 't' } }] },
    ]);
    const cards = evaluate(other, makeEvidence([{ tasks: { t: { done: '2021-03-01', source: 'x' } } }]));
    expect(issuesOf(() => rankUncertainty(set, evidence, spec, { cards })).map((i) => i.code)).toEqual(['scores.mixed-criteria']);
  });
});

describe('rescore', () => {
  const leafSet = (max1: number, years: number[]) =>
    makeSet(
      [
        {
          id: '1',
          title: 'F1',
          max: max1,
          children: [
            { id: '1.1', title: 'a', max: max1, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'zero' } },
          ],
        },
        {
          id: '2',
          title: 'F2',
          max: 100 - max1,
          children: [
            {
              id: '2.1',
              title: 'b',
              max: 100 - max1,
              rule: { kind: 'rate', numerator: 'received', base: 'resolved', whenBaseZero: 'zero' },
            },
          ],
        },
      ],
      { years },
    );
  const a = leafSet(60, [2021]);
  const b = leafSet(40, [2022]);
  const ev = makeEvidence([
    { measures: { onTime: 9, received: 5, resolved: 10 } },
    { measures: { onTime: 5, received: 9, resolved: 10 } },
    { measures: { onTime: 7, received: 7, resolved: 10 } },
  ]);

  it('scores each side once — b as if it covered 2021, by override, not by reloading it', () => {
    const r = rescore(a, b, ev);
    expect(evaluated).toHaveBeenCalledTimes(2);
    expect(evaluated.mock.calls.map(([s, , o]) => [s === a ? 'a' : s === b ? 'b' : '?', o?.year])).toEqual([
      ['a', 2021],
      ['b', 2021],
    ]);
    expect(reloaded).not.toHaveBeenCalled();
    expect(r.notes.map((n) => n.code)).toEqual(['rescore.counterfactual-year']);
    expect(r.units.map((u) => u.delta.rank)).not.toEqual([0, 0, 0]);
  });

  it('given both sides’ cards, scores nothing, with the same result', () => {
    const plain = rescore(a, b, ev);
    const cards = { a: evaluate(a, ev, { trace: false }), b: evaluate(b, ev, { trace: false, year: ev.year }) };
    evaluated.mockClear();
    expect(rescore(a, b, ev, { cards })).toEqual(plain);
    expect(evaluated).not.toHaveBeenCalled();
    // One side given: only the other is scored.
    expect(rescore(a, b, ev, { cards: { a: cards.a } })).toEqual(plain);
    expect(evaluated).toHaveBeenCalledTimes(1);
  });

  it('refuses cards of another set or of other evidence', () => {
    const other = makeEvidence([{ measures: { onTime: 1, received: 1, resolved: 10 } }]);
    expect(issuesOf(() => rescore(a, b, ev, { cards: { a: evaluate(b, ev, { year: 2021 }) } })).map((i) => i.code)).toEqual([
      'scores.mixed-criteria',
    ]);
    expect(issuesOf(() => rescore(a, b, ev, { cards: { a: evaluate(a, other) } })).map((i) => i.code)).toEqual(['scores.mixed-criteria']);
    // b's cards scored without the year it needs cannot exist; scored with it, they are b's as re-scoring sees it.
    expect(issuesOf(() => evaluate(b, ev)).map((i) => i.code)).toEqual(['evidence.year-mismatch']);
  });
});

describe('test cases', () => {
  it('score each case once, through the runner', () => {
    const file = `${root}criteria/examples/van-lam-commune-2021.cases.yaml`;
    const cases = loadCases(readFileSync(file, 'utf8'), { file });
    const report = runCases(cases, set, { file });
    expect(report.failed).toBe(0);
    expect(evaluated).toHaveBeenCalledTimes(cases.cases.length);
  });
});

describe('the command line', () => {
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const code = await main(argv, { out: (s) => out.push(s), err: () => undefined });
    return { code, out: out.join('\n') };
  };
  it('score, explain and report each score the evidence once', async () => {
    for (const argv of [
      ['score', criteriaFile, fixtureDir, '--format', 'json', '--quiet'],
      ['explain', criteriaFile, fixtureDir, '--unit', 'nhu-quynh', '--format', 'json'],
      ['report', criteriaFile, fixtureDir, '--format', 'csv', '--table', 'units', '--quiet'],
    ]) {
      evaluated.mockClear();
      expect((await run(...argv)).code, argv[0]).toBe(0);
      expect(evaluated, argv[0]).toHaveBeenCalledTimes(1);
    }
  });
  it('explain --format json writes the card as a score file holds it, its place included', async () => {
    const card = JSON.parse((await run('explain', criteriaFile, fixtureDir, '--unit', 'chi-dao', '--format', 'json')).out) as Record<
      string,
      unknown
    >;
    const scores = JSON.parse(readFileSync(`${root}fixtures/van-lam-2020/scores-2020.json`, 'utf8')) as Record<string, unknown>[];
    expect(Object.keys(card).slice(0, 12)).toEqual(Object.keys(scores[0]!).slice(0, 12));
    expect(card).toMatchObject({ rank: 10, rankOf: '10/11' });
    // explain writes the trace: one node per criteria node, the first the set's first field.
    const trace = card['trace'] as { id: string }[];
    expect(trace.length).toBeGreaterThan(0);
    expect(trace[0]!.id).toBe((card['fields'] as { id: string }[])[0]!.id);
  });
});
