/**
 * Ranking score cards (xếp hạng) under a declared tie rule.
 * @module
 */
import { Exact } from '../core/exact.js';
import type { ScoreCard } from '../engine/types.js';

/** How ties are ranked. */
export type RankMethod =
  /** 1, 2, 2, 4: tied units share a rank and the next rank skips (standard competition ranking). */
  | 'competition'
  /** 1, 2, 2, 3: tied units share a rank and the next rank follows. */
  | 'dense'
  /** 1, 2, 3, 4: every unit its own rank; ties beyond the tie-break keys are broken by unit id. */
  | 'ordinal';

/** A tie-break key. */
export type TieBreakKey = { readonly by: 'node'; readonly id: string; readonly order?: 'desc' | 'asc' } | { readonly by: 'name' | 'id' };

/** The ranking rule a criteria set declares (`ranking:`). */
export interface RankRule {
  readonly method?: RankMethod;
  /** Rank on the printed (rounded) index or the exact one. */
  readonly on?: 'rounded' | 'exact';
  readonly tieBreak?: readonly TieBreakKey[];
}

/** Options of {@link rank}. */
export interface RankOptions {
  /** Rank within groups of units sharing this attribute: `kind` or any key of `unit.attributes`. */
  readonly groupBy?: string;
}

const VI = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

function idx(c: ScoreCard, on: 'rounded' | 'exact'): Exact | null {
  if (c.index === null) return null;
  if (on === 'exact' && c.exact.index !== null) return Exact.fromRatio(c.exact.index) ?? Exact.of(c.index);
  return Exact.of(c.index);
}

function nodePoints(c: ScoreCard, id: string): Exact {
  const n = c.nodes.find((x) => x.id === id);
  return n ? (Exact.fromRatio(n.exact) ?? Exact.of(n.points)) : Exact.ZERO;
}

/** The group a card belongs to under `groupBy`. */
export function groupOf(c: ScoreCard, groupBy: string | undefined): string {
  if (groupBy === undefined) return '';
  if (groupBy === 'kind') return c.unit.kind ?? '';
  if (groupBy === 'parent') return c.unit.parent ?? '';
  const v = c.unit.attributes?.[groupBy];
  return v === undefined ? '' : String(v);
}

/**
 * Ranks score cards by index, descending, under the declared rule. Returns new frozen cards, sorted by rank,
 * with `rank` and `rankOf` ("k/N") set; units without an index come last with rank null. The input order
 * never matters.
 *
 * @example
 * ```ts
 * const ranked = rank(evaluate(set, evidence), set.ranking);
 * ranked.map((c) => `${c.rankOf} ${c.unit.name} ${c.index}`);
 * ```
 */
export function rank(cards: readonly ScoreCard[], rule: RankRule = {}, opts: RankOptions = {}): readonly ScoreCard[] {
  const method = rule.method ?? 'competition';
  const on = rule.on ?? 'rounded';
  const keys = rule.tieBreak ?? [];
  const groups = new Map<string, ScoreCard[]>();
  for (const c of cards) {
    const g = groupOf(c, opts.groupBy);
    const list = groups.get(g) ?? [];
    list.push(c);
    groups.set(g, list);
  }
  const out: ScoreCard[] = [];
  for (const g of [...groups.keys()].sort()) {
    const list = groups.get(g)!;
    const primary = new Map(list.map((c) => [c, idx(c, on)]));
    const cmpPrimary = (a: ScoreCard, b: ScoreCard): number => {
      const x = primary.get(a)!;
      const y = primary.get(b)!;
      if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
      return y.cmp(x);
    };
    const cmpTie = (a: ScoreCard, b: ScoreCard): number => {
      for (const k of keys) {
        let c = 0;
        if (k.by === 'node') c = nodePoints(b, k.id).cmp(nodePoints(a, k.id)) * (k.order === 'asc' ? -1 : 1);
        else if (k.by === 'name') c = VI.compare(a.unit.name, b.unit.name);
        else c = a.unit.id < b.unit.id ? -1 : a.unit.id > b.unit.id ? 1 : 0;
        if (c !== 0) return c;
      }
      return 0;
    };
    const full = (a: ScoreCard, b: ScoreCard): number => cmpPrimary(a, b) || cmpTie(a, b);
    // Deterministic order whatever the input order: ties that survive every key are listed by unit id.
    const sorted = [...list].sort((a, b) => full(a, b) || (a.unit.id < b.unit.id ? -1 : a.unit.id > b.unit.id ? 1 : 0));
    const ranked = sorted.filter((c) => primary.get(c) !== null);
    const n = ranked.length;
    let prevRank = 0;
    let dense = 0;
    sorted.forEach((c, i) => {
      let r: number | null = null;
      if (primary.get(c) !== null) {
        const tied = i > 0 && primary.get(sorted[i - 1]!) !== null && full(sorted[i - 1]!, c) === 0;
        if (method === 'ordinal') r = i + 1;
        else if (tied) r = prevRank;
        else {
          dense += 1;
          r = method === 'dense' ? dense : i + 1;
        }
        prevRank = r;
      }
      out.push(Object.freeze({ ...c, rank: r, rankOf: r === null ? null : `${r}/${n}` }));
    });
  }
  return Object.freeze(out);
}
