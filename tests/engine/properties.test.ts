/**
 * Property tests of the scoring engine over generated criteria sets and evidence (see `arbitraries.ts`).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify as yamlStringify } from 'yaml';
import { criteriaData } from '../../src/criteria/load.js';
import { replayLeaf } from '../../src/engine/evaluate.js';
import {
  evaluate,
  Exact,
  loadCriteriaSet,
  loadEvidence,
  rank,
  type CriteriaSet,
  type Evidence,
  type Ranking,
  type ScoreCard,
  type TraceNode,
} from '../../src/index.js';
import { readMeasure, scenarioArb, shuffled, shuffleKeys, writeMeasure, type Scenario } from '../support/arbitraries.js';

// Under mutation testing (docs/testing.md) each surviving mutant runs every property: 25 runs with the fixed seed
// keep an engine group under 20 minutes; `npm test` runs 100.
const RUNS = { numRuns: process.env['PAR_INDEX_MUTATION'] === '1' ? 25 : 100 };

/** Reads an exact "n/d" string of a card. */
function X(s: string | null | undefined): Exact {
  const v = s == null ? undefined : Exact.fromRatio(s);
  if (v === undefined) throw new Error(`not an exact value: ${String(s)}`);
  return v;
}

function load(s: Scenario): { set: CriteriaSet; ev: Evidence } {
  return { set: loadCriteriaSet(s.criteria.data), ev: loadEvidence([{ data: s.evidence }]) };
}

function* walkTrace(nodes: readonly TraceNode[]): Generator<TraceNode> {
  for (const n of nodes) {
    yield n;
    yield* walkTrace(n.children);
  }
}

function withoutTrace(cards: readonly ScoreCard[]): unknown[] {
  return cards.map(({ trace: _t, ...rest }) => rest);
}

/** `points ≤ max`, both exact: the card carries the exact applicable maximum of every node. */
function notAbove(points: Exact, exactMax: string): boolean {
  return points.lte(X(exactMax));
}

function describeFail(what: string, card: ScoreCard, node: { id: string; exact: string; max: number; status: string }): string {
  return `${what}: unit ${card.unit.id} node ${node.id} exact ${node.exact} (≈${X(node.exact).toNumber()}) max ${node.max} status ${node.status}`;
}

describe('properties of evaluate() on generated criteria sets', () => {
  // 1. Guarantees that no node of any card ever scores below 0 or above its applicable maximum (no negative
  //    floors and no bonus blocks are generated), nor the card's total above its maximum, compared exactly.
  it('1: 0 ≤ points ≤ max at every node', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) => {
        const { set, ev } = load(s);
        for (const card of evaluate(set, ev)) {
          for (const n of card.nodes) {
            const p = X(n.exact);
            expect(p.sign(), describeFail('negative points', card, n)).toBeGreaterThanOrEqual(0);
            expect(notAbove(p, n.exactMax), describeFail('points above max', card, n)).toBe(true);
            expect(n.points).toBeGreaterThanOrEqual(0);
          }
          for (const n of walkTrace(card.trace ?? [])) {
            const p = X(n.exact);
            expect(p.sign(), describeFail('negative points (trace)', card, n)).toBeGreaterThanOrEqual(0);
            expect(notAbove(p, n.exactMax), describeFail('points above max (trace)', card, n)).toBe(true);
          }
          const total = X(card.exact.total);
          expect(total.sign()).toBeGreaterThanOrEqual(0);
          expect(total.lte(X(card.exact.max)), `unit ${card.unit.id}: total ${card.exact.total} > max ${card.exact.max}`).toBe(true);
        }
      }),
      RUNS,
    );
  });

  // 2. Guarantees that points add up: a parent's exact points are the exact sum of its children's (rounded
  //    once when the parent is the declared rounding stage), the total is the exact sum of the fields, and the
  //    printed fields add up to the printed total in whole hundredths.
  it('2: parents are the sum of their children; printed fields add up to the printed total', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) => {
        const { set, ev } = load(s);
        const stageDepth = set.rounding.stage === 'criterion' ? 2 : set.rounding.stage === 'field' ? 1 : Infinity;
        for (const card of evaluate(set, ev)) {
          for (const n of walkTrace(card.trace!)) {
            if (n.children.length === 0) continue;
            const sum = n.children.reduce((a, c) => a.add(X(c.exact)), Exact.ZERO);
            const expected = n.depth === stageDepth ? sum.round(set.rounding.precision, 'half-up') : sum;
            expect(X(n.exact).eq(expected), `unit ${card.unit.id} node ${n.id}: ${n.exact} ≠ Σ children ${expected.toRatio()}`).toBe(true);
          }
          const fieldSum = card.fields.reduce((a, f) => a.add(X(f.exact)), Exact.ZERO);
          expect(X(card.exact.total).eq(fieldSum)).toBe(true);
          // The fields of the card are the roots of the trace, in order.
          expect(card.fields.map((f) => f.id)).toEqual(card.trace!.map((t) => t.id));
          const printed = card.fields.reduce((a, f) => a + Math.round(f.points * 100), 0);
          expect(printed).toBe(Math.round(card.total * 100));
          expect(Number.isInteger(Math.round(card.total * 100)) && Math.abs(card.total * 100 - Math.round(card.total * 100)) < 1e-6).toBe(
            true,
          );
        }
      }),
      RUNS,
    );
  });

  // 3. Guarantees that the index is a percentage in [0, 100] (no out-of-max bonus is generated), that its
  //    exact value is total ÷ max × 100, and that the printed index is that value rounded half-up to 2
  //    decimals; it is null exactly when no node applies (applicable max 0).
  it('3: index = round_half_up(total ÷ max × 100, 2) ∈ [0, 100]', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) => {
        const { set, ev } = load(s);
        for (const card of evaluate(set, ev)) {
          const max = X(card.exact.max);
          if (max.isZero()) {
            expect(card.index).toBeNull();
            expect(card.exact.index).toBeNull();
            continue;
          }
          const exact = X(card.exact.total).div(max).mul(Exact.HUNDRED);
          expect(X(card.exact.index).eq(exact)).toBe(true);
          expect(card.index).toBe(exact.round(2, 'half-up').toNumber());
          expect(Exact.of(card.index!).eq(exact.round(2, 'half-up'))).toBe(true);
          expect(card.index!, `unit ${card.unit.id}: index ${card.index} (exact ${card.exact.index})`).toBeGreaterThanOrEqual(0);
          expect(card.index!, `unit ${card.unit.id}: index ${card.index} (exact ${card.exact.index})`).toBeLessThanOrEqual(100);
        }
      }),
      RUNS,
    );
  });

  // 4. Guarantees monotonicity of rates: raising the numerator of a rate's measure (keeping it ≤ base) never
  //    lowers that leaf's points nor the unit's total.
  it('4: raising a rate numerator never lowers the leaf nor the total', () => {
    let checked = 0;
    fc.assert(
      fc.property(scenarioArb(), fc.nat(), fc.integer({ min: 1, max: 1000 }), (s, pick, fracRaise) => {
        const { set, ev } = load(s);
        const before = evaluate(set, ev, { trace: false });
        const candidates: { u: number; leaf: string; num: string; base: number; value: number }[] = [];
        s.evidence.units.forEach((unit, u) => {
          for (const l of s.criteria.model.leaves) {
            if (l.kind !== 'rate') continue;
            const n = readMeasure(unit, l.numerator!);
            const b = readMeasure(unit, l.base!);
            if (n !== undefined && b !== undefined && n < b) candidates.push({ u, leaf: l.id, num: l.numerator!, base: b, value: n });
          }
        });
        for (const c of shuffled(candidates, pick).slice(0, 3)) {
          const raised = Math.min(c.base, c.value + Math.max(1, Math.round(((c.base - c.value) * fracRaise) / 1000)));
          const ev2Data = structuredClone(s.evidence);
          writeMeasure(ev2Data.units[c.u]!, c.num, raised);
          const after = evaluate(set, loadEvidence([{ data: ev2Data }]), { trace: false });
          const id = s.evidence.units[c.u]!.id as string;
          const b = before.find((x) => x.unit.id === id)!;
          const a = after.find((x) => x.unit.id === id)!;
          const leafB = X(b.nodes.find((n) => n.id === c.leaf)!.exact);
          const leafA = X(a.nodes.find((n) => n.id === c.leaf)!.exact);
          expect(
            leafA.gte(leafB),
            `leaf ${c.leaf} of ${id}: ${c.value} → ${raised} of ${c.base} lowered ${leafB.toRatio()} → ${leafA.toRatio()}`,
          ).toBe(true);
          expect(X(a.exact.total).gte(X(b.exact.total)), `total of ${id} lowered`).toBe(true);
          checked++;
        }
      }),
      RUNS,
    );
    // The property is not vacuous: some rate leaves were actually raised.
    expect(checked).toBeGreaterThan(20);
  });

  // 5. Guarantees that scores depend on content only: reordering the units of the evidence and the keys of
  //    every object (evidence and criteria) changes no score, and the criteria and evidence hashes are
  //    independent of key order.
  it('5: unit order and key order change nothing', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.integer(), fc.integer(), (s, keySeed, unitSeed) => {
        const { set, ev } = load(s);
        const cData = shuffleKeys(s.criteria.data, keySeed);
        const eData = shuffleKeys({ ...s.evidence, units: shuffled(s.evidence.units, unitSeed) }, keySeed ^ 0x5bd1e995);
        const set2 = loadCriteriaSet(cData);
        const ev2 = loadEvidence([{ data: eData }]);
        expect(set2.hash).toBe(set.hash);
        expect(ev2.hash).toBe(ev.hash);
        const a = evaluate(set, ev);
        const b = evaluate(set2, ev2);
        expect(b.map((c) => c.unit.id)).toEqual(a.map((c) => c.unit.id));
        const scores = (c: ScoreCard) => ({
          total: c.total,
          max: c.max,
          index: c.index,
          exact: c.exact,
          band: c.band,
          missing: c.missing,
          nodes: c.nodes,
        });
        // The same warnings (what and where); their wording may list a formula's inputs in the order written.
        const warnings = (c: ScoreCard) => c.warnings.map((w) => `${w.code}|${w.severity}|${w.unit ?? ''}|${w.node ?? ''}`).sort();
        for (let i = 0; i < a.length; i++) {
          expect(scores(b[i]!)).toEqual(scores(a[i]!));
          expect(warnings(b[i]!)).toEqual(warnings(a[i]!));
        }
      }),
      RUNS,
    );
  });

  // 6. Guarantees that tracing only adds the explanation: with trace on and off the cards are identical apart
  //    from the `trace` property (points, warnings, order, everything else).
  it('6: trace on and off give identical cards apart from the trace', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) => {
        const { set, ev } = load(s);
        const on = evaluate(set, ev);
        const off = evaluate(set, ev, { trace: false });
        expect(on.every((c) => Array.isArray(c.trace))).toBe(true);
        expect(off.every((c) => !('trace' in c))).toBe(true);
        expect(JSON.stringify(withoutTrace(off))).toBe(JSON.stringify(withoutTrace(on)));
      }),
      RUNS,
    );
  });

  // 7. Guarantees that a trace is a faithful record: re-scoring each traced leaf from the inputs its trace
  //    recorded gives back exactly its recorded raw value. (Leaves declared not applicable by the evidence are
  //    never scored and carry no raw value; every other leaf must carry one.)
  it('7: replaying a traced leaf gives back its raw value', () => {
    let replayed = 0;
    fc.assert(
      fc.property(scenarioArb(), (s) => {
        const { set, ev } = load(s);
        for (const card of evaluate(set, ev)) {
          for (const n of walkTrace(card.trace!)) {
            if (!n.rule || n.children.length > 0) continue;
            if (n.raw === undefined) {
              expect(n.status, `leaf ${n.id} of ${card.unit.id} has no raw value`).toBe('not-applicable');
              continue;
            }
            expect(replayLeaf(set, n).toRatio(), `leaf ${n.id} of ${card.unit.id}`).toBe(n.raw);
            replayed++;
          }
        }
      }),
      RUNS,
    );
    expect(replayed).toBeGreaterThan(100);
  });

  // 8. Guarantees that saving a loaded set (as JSON text or YAML text) and loading it again keeps its hash and
  //    its scores.
  it('8: save → load (JSON and YAML) keeps the hash and the scores', () => {
    fc.assert(
      fc.property(scenarioArb({ maxUnits: 2 }), (s) => {
        const { set, ev } = load(s);
        const cards = JSON.stringify(evaluate(set, ev));
        for (const [text, file] of [
          [JSON.stringify(criteriaData(set), null, 2), 'set.json'],
          [yamlStringify(criteriaData(set)), 'set.yaml'],
        ] as const) {
          const again = loadCriteriaSet(text, { file });
          expect(again.hash, `${file}`).toBe(set.hash);
          expect(JSON.stringify(evaluate(again, ev))).toBe(cards);
        }
      }),
      RUNS,
    );
  });

  // 9. Guarantees that loading, evaluating and ranking never mutate their inputs, and that what they return
  //    is frozen (sets, evidence, cards, their fields, nodes and trace nodes, ranked cards).
  it('9: inputs are never mutated; results are frozen', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) => {
        const cBefore = structuredClone(s.criteria.data);
        const eBefore = structuredClone(s.evidence);
        const set = loadCriteriaSet(s.criteria.data);
        const ev = loadEvidence([{ data: s.evidence }]);
        const cards = evaluate(set, ev);
        const cardsBefore = JSON.stringify(cards);
        const ranked = rank(cards, set.ranking);
        expect(s.criteria.data).toEqual(cBefore);
        expect(s.evidence).toEqual(eBefore);
        expect(JSON.stringify(cards)).toBe(cardsBefore);
        expect(Object.isFrozen(set)).toBe(true);
        expect(Object.isFrozen(set.tree)).toBe(true);
        expect(Object.isFrozen(set.tree[0])).toBe(true);
        expect(Object.isFrozen(ev)).toBe(true);
        expect(Object.isFrozen(ev.units)).toBe(true);
        expect(Object.isFrozen(cards)).toBe(true);
        expect(Object.isFrozen(ranked) && Object.isFrozen(ranked.rows)).toBe(true);
        // The ranking holds the very cards, each row frozen.
        expect(ranked.rows.every((r) => Object.isFrozen(r) && cards.includes(r.card))).toBe(true);
        for (const card of cards) {
          expect(Object.isFrozen(card)).toBe(true);
          expect(Object.isFrozen(card.fields)).toBe(true);
          expect(Object.isFrozen(card.nodes)).toBe(true);
          expect(Object.isFrozen(card.exact)).toBe(true);
          expect(Object.isFrozen(card.warnings)).toBe(true);
        }
        for (const card of cards) {
          expect(Object.isFrozen(card.trace), 'card.trace').toBe(true);
          for (const n of walkTrace(card.trace!)) {
            expect(Object.isFrozen(n), `trace node ${n.id}`).toBe(true);
            expect(Object.isFrozen(n.children), `trace node ${n.id}: children`).toBe(true);
            expect(Object.isFrozen(n.inputs), `trace node ${n.id}: inputs`).toBe(true);
            expect(Object.isFrozen(n.steps), `trace node ${n.id}: steps`).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  // 10. Guarantees the ranking rules: rank() is independent of the order of its input; units with equal
  //     (printed) index share a rank and a higher index ranks better; competition ranks skip after ties
  //     (1, 2, 2, 4), dense ranks do not (1, 2, 2, 3), ordinal ranks are 1…n. Ties are made by duplicating a
  //     unit's evidence under another id.
  it('10: ranking is order-independent and has the documented gaps', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.nat(), fc.integer(), (s, dupPick, orderSeed) => {
        const units = s.evidence.units;
        const dup = {
          ...structuredClone(units[dupPick % units.length]!),
          id: `${units[dupPick % units.length]!.id as string}-dup`,
          name: 'Bản sao',
        };
        const data = { ...s.evidence, units: [...units, dup] };
        const set = loadCriteriaSet(s.criteria.data);
        const cards = evaluate(set, loadEvidence([{ data }]), { trace: false });
        const orig = cards.find((c) => c.unit.id === (units[dupPick % units.length]!.id as string))!;
        const copy = cards.find((c) => c.unit.id === dup.id)!;
        expect(copy.index).toBe(orig.index);
        for (const method of ['competition', 'dense', 'ordinal'] as const) {
          const flat = (r: Ranking) => r.rows.map((x) => ({ id: x.card.unit.id, index: x.card.index, rank: x.rank, rankOf: x.rankOf }));
          const r1 = flat(rank(cards, { method }));
          const r2 = flat(rank(shuffled(cards, orderSeed), { method }));
          const map = (rs: ReturnType<typeof flat>) => Object.fromEntries(rs.map((c) => [c.id, [c.rank, c.rankOf]]));
          expect(map(r2)).toEqual(map(r1));
          expect(r2.map((c) => c.id)).toEqual(r1.map((c) => c.id));

          const rankedCards = r1.filter((c) => c.index !== null);
          const n = rankedCards.length;
          expect(r1.filter((c) => c.index === null).every((c) => c.rank === null && c.rankOf === null)).toBe(true);
          // Sorted by rank; units without an index last.
          expect(r1.slice(0, n).every((c) => c.index !== null)).toBe(true);
          for (const c of rankedCards) expect(c.rankOf).toBe(`${c.rank}/${n}`);
          for (let i = 1; i < n; i++) {
            const a = rankedCards[i - 1]!;
            const b = rankedCards[i]!;
            expect(a.index!).toBeGreaterThanOrEqual(b.index!);
            expect(a.rank!).toBeLessThanOrEqual(b.rank!);
            if (method !== 'ordinal') expect(a.index === b.index).toBe(a.rank === b.rank);
          }
          const ranks = rankedCards.map((c) => c.rank!);
          if (n > 0) expect(ranks[0]).toBe(1);
          if (method === 'competition') {
            // Each rank r held by k units is followed by rank r + k.
            for (let i = 1; i < n; i++) {
              if (ranks[i] !== ranks[i - 1]) expect(ranks[i]).toBe(i + 1);
            }
            if (orig.index !== null) expect(r1.find((c) => c.id === dup.id)!.rank).toBe(r1.find((c) => c.id === orig.unit.id)!.rank);
          } else if (method === 'dense') {
            const distinct = [...new Set(ranks)];
            expect(distinct).toEqual(distinct.map((_, i) => i + 1));
            if (orig.index !== null) expect(r1.find((c) => c.id === dup.id)!.rank).toBe(r1.find((c) => c.id === orig.unit.id)!.rank);
          } else {
            expect(ranks).toEqual(ranks.map((_, i) => i + 1));
          }
        }
      }),
      RUNS,
    );
  });
});
