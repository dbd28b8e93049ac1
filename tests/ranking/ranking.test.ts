/** Ranking properties, tie rules, groups, and score files read back with their validation. */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Exact } from '../../src/core/exact.js';
import { ParIndexError } from '../../src/core/errors.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { ScoreCard } from '../../src/engine/types.js';
import { assignRanks, cardsOf, rank, type Ranking, type RankMethod, type RankRule } from '../../src/ranking/rank.js';
import { loadScoreCards } from '../../src/ranking/scores.js';
import { renderJson } from '../../src/report/report.js';
import { makeEvidence, makeSet } from '../support/support.js';

/** A card with what ranking reads: unit, printed and exact index, and field 1's points (for tie-breaks). */
function fake(id: string, exactIndex: Exact, kind: string, f1: number): ScoreCard {
  const index = exactIndex.round(2, 'half-up').toNumber();
  const node = {
    id: '1',
    title: 'F1',
    depth: 1,
    points: f1,
    exact: Exact.of(f1).toRatio(),
    max: 50,
    exactMax: '50',
    fullMax: 50,
    status: 'scored' as const,
  };
  return Object.freeze({
    unit: { id, name: `Xã ${id}`, kind },
    index,
    exact: { total: '0', max: '100', index: exactIndex.toRatio() },
    fields: [node],
    nodes: [node],
  }) as unknown as ScoreCard;
}

const unitsArb = fc.uniqueArray(
  fc.record({
    id: fc.stringMatching(/^[a-h]{1,3}$/),
    hundredths: fc.integer({ min: 9000, max: 9010 }),
    extra: fc.integer({ min: -4, max: 4 }),
    kind: fc.constantFrom('xa', 'thi-tran'),
    f1: fc.integer({ min: 0, max: 3 }),
  }),
  { selector: (u) => u.id, minLength: 1, maxLength: 12 },
);
const toCards = (us: { id: string; hundredths: number; extra: number; kind: string; f1: number }[]) =>
  us.map((u) => fake(u.id, Exact.ratio(u.hundredths * 1000 + u.extra, 100_000), u.kind, u.f1));
const ruleArb: fc.Arbitrary<RankRule> = fc.record({
  method: fc.constantFrom<RankMethod>('competition', 'dense', 'ordinal'),
  on: fc.constantFrom<'rounded' | 'exact'>('rounded', 'exact'),
  tieBreak: fc.constantFrom(
    [],
    [{ by: 'node' as const, id: '1' }],
    [{ by: 'name' as const }],
    [{ by: 'node' as const, id: '1', order: 'asc' as const }, { by: 'id' as const }],
  ),
});
const byId = (r: Ranking) => Object.fromEntries(r.rows.map((x) => [x.card.unit.id, x.rankOf]));

describe('rank (properties)', () => {
  test.prop([unitsArb, ruleArb, fc.boolean(), fc.nat()])('is invariant under reordering the input', (us, rule, grouped, seed) => {
    const cards = toCards(us);
    const shuffled = [...cards].sort((a, b) => ((a.unit.id.charCodeAt(0) * 31 + seed) % 7) - ((b.unit.id.charCodeAt(0) * 31 + seed) % 7));
    const opts = grouped ? { groupBy: 'kind' } : {};
    const r1 = rank(cards, rule, opts);
    const r2 = rank([...cards].reverse(), rule, opts);
    const r3 = rank(shuffled, rule, opts);
    expect(cardsOf(r2).map((c) => c.unit.id)).toEqual(cardsOf(r1).map((c) => c.unit.id));
    expect(byId(r3)).toEqual(byId(r1));
  });

  test.prop([unitsArb])('competition ranks: 1 + the number strictly ahead, so a tie of k skips k − 1 ranks', (us) => {
    const cards = toCards(us);
    const ranked = rank(cards, { method: 'competition' }).rows;
    for (const { card: c, rank: k } of ranked) expect(k).toBe(1 + cards.filter((o) => o.index! > c.index!).length);
    // The gaps after ties: the rank after a tie of k units at rank r is r + k.
    const sorted = [...new Set(ranked.map((x) => x.rank!))].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBe(ranked.filter((x) => x.rank === sorted[i - 1]).length);
  });

  test.prop([unitsArb])('dense ranks: 1 + the number of distinct indices ahead; ordinal ranks: a permutation of 1..N', (us) => {
    const cards = toCards(us);
    for (const { card: c, rank: k } of rank(cards, { method: 'dense' }).rows)
      expect(k).toBe(1 + new Set(cards.filter((o) => o.index! > c.index!).map((o) => o.index)).size);
    const ord = rank(cards, { method: 'ordinal' })
      .rows.map((x) => x.rank!)
      .sort((a, b) => a - b);
    expect(ord).toEqual(cards.map((_, i) => i + 1));
  });

  test.prop([unitsArb, ruleArb])('never changes its input, and returns frozen rows of the same cards with "k/N"', (us, rule) => {
    const cards = toCards(us);
    const ranked = rank(cards, rule);
    expect(cards.every((c) => !('rank' in c))).toBe(true);
    expect(Object.isFrozen(ranked) && Object.isFrozen(ranked.rows)).toBe(true);
    expect(ranked.rows.length).toBe(cards.length);
    for (const x of ranked.rows) {
      expect(Object.isFrozen(x)).toBe(true);
      expect(cards).toContain(x.card);
      expect(x.rankOf).toBe(`${x.rank}/${cards.length}`);
    }
  });
});

describe('rank (examples)', () => {
  // Hà Nội 2023: two districts at 95.7 % as printed (methodology §1). Printed to one decimal here.
  const a = fake('a', Exact.parse('95.704')!, 'xa', 1);
  const b = fake('b', Exact.parse('95.696')!, 'xa', 2);
  const c = fake('c', Exact.parse('90')!, 'xa', 0);
  const oneDecimal = (x: ScoreCard) => ({ ...x, index: Math.round(x.index! * 10) / 10 }) as ScoreCard;
  it('ties on the printed index share a rank and the next skips (competition), unless ranked on the exact index', () => {
    const printed = [a, b, c].map(oneDecimal);
    expect(byId(rank(printed, { on: 'rounded' }))).toEqual({ a: '1/3', b: '1/3', c: '3/3' });
    expect(byId(rank(printed, { method: 'dense' }))).toEqual({ a: '1/3', b: '1/3', c: '2/3' });
    expect(byId(rank(printed, { on: 'exact' }))).toEqual({ a: '1/3', b: '2/3', c: '3/3' });
  });
  it('a tie-break on a field separates a printed tie', () => {
    expect(byId(rank([a, b, c].map(oneDecimal), { tieBreak: [{ by: 'node', id: '1' }] }))).toEqual({ b: '1/3', a: '2/3', c: '3/3' });
  });
  it('units without an index come last, unranked, and do not count in N', () => {
    const none = {
      ...c,
      unit: { id: 'z', name: 'Xã Z' },
      index: null,
      exact: { total: '0', max: '0', index: null },
    } as unknown as ScoreCard;
    const r = rank([none, a, c]);
    expect(r.rows.map((x) => [x.card.unit.id, x.rankOf])).toEqual([
      ['a', '1/2'],
      ['c', '2/2'],
      ['z', null],
    ]);
  });
  it('assignRanks gives 1, 2, 2, 4 for competition', () => {
    const idx = [80, 70, 70, 50];
    expect(
      assignRanks(
        4,
        () => true,
        (i, j) => idx[j]! - idx[i]!,
        () => 0,
        (i, j) => i - j,
        'competition',
      ).ranks,
    ).toEqual([1, 2, 2, 4]);
  });
});

describe('score files', () => {
  const set = makeSet([
    {
      id: '1',
      title: 'F1',
      max: 10,
      children: [{ id: '1.1', title: 'a', max: 10, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'zero' } }],
    },
    {
      id: '2',
      title: 'F2',
      max: 10,
      children: [{ id: '2.1', title: 'b', max: 10, rule: { kind: 'rate', numerator: 'received', base: 'resolved', whenBaseZero: 'zero' } }],
    },
  ]);
  const ranking = rank(
    evaluate(
      set,
      makeEvidence([
        { measures: { onTime: 8, received: 7, resolved: 10 } },
        { measures: { onTime: 6, received: 9, resolved: 10 }, kind: 'thi-tran' },
      ]),
    ),
    set.ranking,
  );
  const text = renderJson(ranking);

  it('writes each card with its rank and "k/N" right after its band, as score cards always were', () => {
    const keys = Object.keys((JSON.parse(text) as Record<string, unknown>[])[0]!);
    expect(keys.slice(keys.indexOf('band'), keys.indexOf('band') + 4)).toEqual(['band', 'rank', 'rankOf', 'exact']);
    expect((JSON.parse(text) as { rankOf: string }[]).map((c) => c.rankOf)).toEqual(ranking.rows.map((x) => x.rankOf));
  });

  it('reads back what "score --format json" writes into a ranking, frozen, and ranks the same', () => {
    const back = loadScoreCards(text, { file: 'scores.json' });
    expect(back.rule).toBeUndefined();
    expect(back.rows.map((x) => [x.card.unit.id, x.rank, x.rankOf])).toEqual(ranking.rows.map((x) => [x.card.unit.id, x.rank, x.rankOf]));
    expect(cardsOf(back).every((c) => !('rank' in c) && !('rankOf' in c))).toBe(true);
    expect(JSON.parse(renderJson(back))).toEqual(JSON.parse(text));
    expect(Object.isFrozen(back.rows[0]!.card.fields)).toBe(true);
    expect(byId(rank(cardsOf(back), set.ranking, { groupBy: 'kind' }))).toEqual({ u1: '1/1', u2: '1/1' });
  });

  const issuesOf = (input: unknown): { code: string; path: string; en: string; vi: string; file?: string }[] => {
    try {
      loadScoreCards(input, { file: 'x.json' });
    } catch (e) {
      if (e instanceof ParIndexError)
        return e.issues.map((i) => ({
          code: i.code,
          path: JSON.stringify(i.path),
          en: i.message,
          vi: i.messageVi,
          ...(i.file ? { file: i.file } : {}),
        }));
    }
    return [];
  };
  const data = JSON.parse(text) as Record<string, unknown>[];

  it('refuses a newer format version, naming the card, in both languages', () => {
    // Version 2 (long sources written once, issue 21) is read; 3 is newer than this library.
    const [i] = issuesOf([{ ...data[0], format: 'par-index/scorecard@3' }]);
    expect(i).toMatchObject({ code: 'format.future-version', path: '[0,"format"]', file: 'x.json' });
    expect(i!.en).toMatch(/version 3.*upgrade/);
    expect(i!.vi).toMatch(/phiên bản 3/);
  });
  describe('with a trace', () => {
    const traced = rank(
      evaluate(set, makeEvidence([{ measures: { onTime: 8, received: 7, resolved: 10 } }]), { trace: true }),
      set.ranking,
    );
    const tdata = JSON.parse(renderJson(traced, { trace: true })) as { trace: { children: Record<string, unknown>[] }[] }[];

    it('reads the trace back as it was scored, every node and input checked and frozen', () => {
      const back = cardsOf(loadScoreCards(renderJson(traced, { trace: true }), { file: 'scores.json' }))[0]!;
      expect(back.trace).toEqual(JSON.parse(JSON.stringify(cardsOf(traced)[0]!.trace)));
      const leaf = back.trace![0]!.children[0]!;
      expect(leaf.inputs.map((i) => [i.kind, i.id])).toEqual([
        ['measure', 'onTime'],
        ['measure', 'resolved'],
      ]);
      expect(Object.isFrozen(leaf.inputs[0])).toBe(true);
    });

    it('refuses a trace node or input of the wrong shape, with its path inside the card', () => {
      const card = tdata[0]!;
      const badLeaf = { ...card.trace[0]!.children[0]!, points: 'mười' };
      const badNode = { ...card.trace[0]!, children: [badLeaf] };
      expect(issuesOf([{ ...card, trace: [badNode, ...card.trace.slice(1)] }]).map((i) => [i.code, i.path])).toEqual([
        ['schema.invalid-type', '[0,"trace",0,"children",0,"points"]'],
      ]);
      const badInput = { ...card.trace[0]!.children[0]!, inputs: [{ kind: 'measure', id: 'onTime', value: 8, source: 's' }] };
      expect(
        issuesOf([{ ...card, trace: [{ ...card.trace[0]!, children: [badInput] }, ...card.trace.slice(1)] }]).map((i) => i.path),
      ).toEqual(['[0,"trace",0,"children",0,"inputs",0,"exact"]']);
    });
  });

  it('refuses a value of the wrong type with its path, not an array, cards of two criteria sets, a unit twice', () => {
    expect(issuesOf([{ ...data[0], total: 'nhiều' }])[0]).toMatchObject({ code: 'schema.invalid-type', path: '[0,"total"]' });
    expect(issuesOf({ cards: data })[0]!.code).toBe('schema.invalid-type');
    expect(issuesOf([data[0], { ...data[1], criteria: { ...(data[1]!['criteria'] as object), hash: 'sha256:other' } }])[0]!.code).toBe(
      'scores.mixed-criteria',
    );
    expect(issuesOf([data[0], data[0]])[0]).toMatchObject({ code: 'scores.duplicate-unit', path: '[1,"unit","id"]' });
    expect(issuesOf([{ ...data[0], format: undefined }])[0]!.code).toBe('format.missing');
    expect(issuesOf('[1, 2')[0]!.code).toBe('parse.json');
  });
});
