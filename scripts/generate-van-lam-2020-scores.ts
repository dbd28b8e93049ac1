/**
 * Generates an ILLUSTRATIVE previous-year score file for the year-over-year example
 * (fixtures/van-lam-2020/scores-2020.json), in the format `par-index score --format json` writes.
 *
 * Nothing in it is a real 2020 result: each 2021 card's field points are lowered by a fixed, per-unit share (as if
 * every unit improved by a few points), then totals, indices, bands and ranks are recomputed exactly. To show what
 * the unit map does, the file also departs from 2021 on purpose:
 *   - the town is recorded under an older id, `tt-nhu-quynh` (renamed to `nhu-quynh` in 2021);
 *   - a fictitious commune "Tân Hòa (minh họa)", `tan-hoa`, merges with Tân Quang into the 2021 Tân Quang;
 *   - a fictitious commune "Hòa Bình (minh họa)", `hoa-binh`, has no successor and no map entry (listed, not dropped);
 *   - Lương Tài has no 2020 card (listed as a 2021 unit without a match).
 * The map is fixtures/van-lam-2020/unit-map-2021.yaml; its decision numbers are marked "minh họa".
 *
 * Run: npx tsx scripts/generate-van-lam-2020-scores.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Exact } from '../src/core/exact.js';
import type { CriteriaSet } from '../src/criteria/load.js';
import type { NodeScore, ScoreCard } from '../src/engine/types.js';
import { cardsOf, rank, type Ranking } from '../src/ranking/rank.js';
import { renderJson } from '../src/report/report.js';
import { bandFor } from '../src/verify/rules.js';
import { exampleCards } from './generate-van-lam-published.js';

/** Per-unit share of each field kept in 2020, in per mille (deterministic, by position in id order). */
const KEEP = [930, 955, 970, 945, 985, 960, 940, 975, 950, 965, 935, 980];

function card2020(set: CriteriaSet, c: ScoreCard, id: string, name: string, keep: number): ScoreCard {
  const p = c.criteria.precision;
  const fields: NodeScore[] = c.fields.map((f) => {
    const x = (Exact.fromRatio(f.exact) ?? Exact.of(f.points)).mul(Exact.ratio(keep, 1000)).round(p, 'half-up');
    return { ...f, points: x.toNumber(), exact: x.toRatio() };
  });
  const total = fields.reduce((s, f) => s.add(Exact.fromRatio(f.exact)!), Exact.ZERO);
  const max = Exact.fromRatio(c.exact.max)!;
  const index = total.div(max).mul(Exact.HUNDRED);
  const shown = index.round(c.criteria.indexPrecision, 'half-up');
  const band = set.bands ? bandFor(set.bands.levels, shown) : undefined;
  return {
    ...c,
    unit: { ...c.unit, id, name },
    evidence: { hash: 'sha256:illustrative-2020', year: 2020 },
    total: total.toNumber(),
    index: shown.toNumber(),
    band: band ? { id: band.id, label: band.label, ...(band.labelEn !== undefined ? { labelEn: band.labelEn } : {}) } : null,
    exact: { total: total.toRatio(), max: c.exact.max, index: index.toRatio() },
    fields,
    nodes: fields,
    missing: 0,
    warnings: [],
  };
}

/** The 2020 cards, ranked with the set's rule. */
export function cards2020(set: CriteriaSet, cards2021: readonly ScoreCard[]): Ranking {
  const byId = new Map(cards2021.map((c) => [c.unit.id, c]));
  const out: ScoreCard[] = [];
  [...byId.keys()].sort().forEach((id, i) => {
    if (id === 'luong-tai') return;
    const c = byId.get(id)!;
    out.push(card2020(set, c, id === 'nhu-quynh' ? 'tt-nhu-quynh' : id, c.unit.name, KEEP[i % KEEP.length]!));
  });
  // Two fictitious communes, built on existing cards' field structure.
  out.push(card2020(set, byId.get('tan-quang')!, 'tan-hoa', 'Tân Hòa (minh họa)', 990));
  out.push(card2020(set, byId.get('minh-hai')!, 'hoa-binh', 'Hòa Bình (minh họa)', 900));
  return rank(out, set.ranking);
}

const invoked = process.argv[1] !== undefined && /generate-van-lam-2020-scores\.ts$/.test(process.argv[1]);
if (invoked) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const { set, ranking } = await exampleCards(root);
  const dir = `${root}fixtures/van-lam-2020`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/scores-2020.json`, renderJson(cards2020(set, cardsOf(ranking))), 'utf8');
  console.log(`wrote ${dir}/scores-2020.json`);
}
