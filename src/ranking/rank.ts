/**
 * Ranking score cards (xếp hạng) under a declared tie rule.
 *
 * One ranking core, {@link assignRanks}, is shared by {@link rank} (score cards), the verification of a published
 * decision (printed rows) and the rank-uncertainty draws (numbers re-weighted thousands of times), so the three
 * can never disagree on what a tie is or how a rank skips after one.
 * @module
 */
import { Exact } from '../core/exact.js';
import type { ScoreCard } from '../engine/types.js';

/**
 * How ties are ranked.
 *
 * @example rank(cards, { method: 'dense' }) // 80, 70, 70, 50 → 1, 2, 2, 3
 */
export type RankMethod =
  /** 1, 2, 2, 4: tied units share a rank and the next rank skips (standard competition ranking). */
  | 'competition'
  /** 1, 2, 2, 3: tied units share a rank and the next rank follows. */
  | 'dense'
  /** 1, 2, 3, 4: every unit its own rank; ties beyond the tie-break keys are broken by unit id. */
  | 'ordinal';

/**
 * The rank methods, in the order the documentation lists them.
 *
 * @example RANK_METHODS.includes('ordinal') // true
 */
export const RANK_METHODS: readonly RankMethod[] = ['competition', 'dense', 'ordinal'];

/**
 * A tie-break key.
 *
 * @example const keys: TieBreakKey[] = [{ by: 'node', id: '3', order: 'desc' }, { by: 'name' }]
 */
export type TieBreakKey =
  | {
      /** By a node's points. */
      readonly by: 'node';
      /** The node. */
      readonly id: string;
      /** More points first (`desc`, the default) or fewer (`asc`). */
      readonly order?: 'desc' | 'asc';
    }
  | {
      /** By the unit's name (Vietnamese collation) or id. */
      readonly by: 'name' | 'id';
    };

/**
 * The ranking rule a criteria set declares (`ranking:`).
 *
 * @example rank(cards, { method: 'competition', on: 'rounded', tieBreak: [{ by: 'name' }] })
 */
export interface RankRule {
  /** How ties are numbered (default competition). */
  readonly method?: RankMethod;
  /** Rank on the printed (rounded) index or the exact one. */
  readonly on?: 'rounded' | 'exact';
  /** Keys that break ties, applied in order. */
  readonly tieBreak?: readonly TieBreakKey[];
}

/**
 * Options of {@link rank}.
 *
 * @example rank(cards, set.ranking, { groupBy: 'kind' }) // communes and towns ranked apart
 */
export interface RankOptions {
  /** Rank within groups of units sharing this attribute: `kind`, `parent` or any key of `unit.attributes`. */
  readonly groupBy?: string;
}

/**
 * Vietnamese collation: "Đình Dù" sorts after "Đại Đồng" and before "Lạc Đạo", as a Vietnamese reader expects.
 *
 * @example ['Lạc Đạo', 'Đình Dù'].sort(VI_COLLATOR.compare) // ['Đình Dù', 'Lạc Đạo']
 */
export const VI_COLLATOR = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/**
 * Byte order of unit ids: the last, locale-free key, so every ranking is a total order whatever the input order.
 *
 * @example ['b', 'a'].sort(cmpId) // ['a', 'b']
 */
export function cmpId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The ranking core: orders `n` entries and gives each its rank under `method`.
 *
 * - `hasIndex(i)`: entries without an index come last, unranked (rank null), and do not count in N.
 * - `cmpIndex(i, j)`: negative when i ranks before j on the index alone (higher index first).
 * - `cmpTie(i, j)`: the declared tie-break keys; entries equal on index and keys are tied.
 * - `cmpLast(i, j)`: a total order (unit id) used only to list tied entries deterministically and to
 *   separate them under `ordinal`.
 *
 * Returns the entries' positions in rank order, each entry's rank (null when it has no index) and N.
 *
 * @example
 * ```ts
 * const idx = [80, 70, 70, 50];
 * assignRanks(4, () => true, (i, j) => idx[j]! - idx[i]!, () => 0, (i, j) => i - j, 'competition').ranks;
 * // [1, 2, 2, 4]
 * ```
 */
export function assignRanks(
  n: number,
  hasIndex: (i: number) => boolean,
  cmpIndex: (i: number, j: number) => number,
  cmpTie: (i: number, j: number) => number,
  cmpLast: (i: number, j: number) => number,
  method: RankMethod,
): {
  /** Indices in rank order. */
  readonly order: number[];
  /** The rank of each index (null: not ranked). */
  readonly ranks: (number | null)[];
  /** How many were ranked. */
  readonly of: number;
} {
  const full = (i: number, j: number): number => {
    const hi = hasIndex(i);
    const hj = hasIndex(j);
    if (!hi || !hj) return hi === hj ? 0 : hi ? -1 : 1;
    return cmpIndex(i, j) || cmpTie(i, j);
  };
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => full(i, j) || cmpLast(i, j));
  const ranks = new Array<number | null>(n).fill(null);
  let of = 0;
  let prev = 0;
  let dense = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    if (!hasIndex(i)) continue;
    of += 1;
    let r: number;
    const tied = k > 0 && hasIndex(order[k - 1]!) && full(order[k - 1]!, i) === 0;
    if (method === 'ordinal') r = k + 1;
    else if (tied) r = prev;
    else {
      dense += 1;
      r = method === 'dense' ? dense : k + 1;
    }
    prev = r;
    ranks[i] = r;
  }
  return { order, ranks, of };
}

/**
 * The index a card is ranked on: the printed one, or the exact one ("n/d") when the rule says `exact`.
 *
 * @example rankIndexOf(card, 'exact')?.toRatio() // '7299/98'
 */
export function rankIndexOf(c: ScoreCard, on: 'rounded' | 'exact'): Exact | null {
  if (c.index === null) return null;
  if (on === 'exact' && c.exact.index !== null) return Exact.fromRatio(c.exact.index) ?? Exact.of(c.index);
  return Exact.of(c.index);
}

/**
 * A node's exact points in a card, for tie-breaks (0 when the card has no such node).
 *
 * @example nodeExact(card, '3').toFixed(2) // '11.53'
 */
export function nodeExact(c: ScoreCard, id: string): Exact {
  const n = c.nodes.find((x) => x.id === id);
  return n ? (Exact.fromRatio(n.exact) ?? Exact.of(n.points)) : Exact.ZERO;
}

/**
 * The group a card belongs to under `groupBy` (`kind`, `parent` or a unit attribute); "" when none.
 *
 * @example groupOf(card, 'kind') // 'xa'
 */
export function groupOf(c: ScoreCard, groupBy: string | undefined): string {
  if (groupBy === undefined) return '';
  if (groupBy === 'kind') return c.unit.kind ?? '';
  if (groupBy === 'parent') return c.unit.parent ?? '';
  const v = c.unit.attributes?.[groupBy];
  return v === undefined ? '' : String(v);
}

/**
 * Compares two entries on the declared tie-break keys. `node(i, id)` gives an entry's points of a node;
 * `name(i)` and `id(i)` its name and id.
 *
 * @example
 * ```ts
 * const cmp = tieComparator([{ by: 'node', id: '3' }, { by: 'name' }], (i, id) => pts[i], (i) => names[i], (i) => ids[i]);
 * ```
 */
export function tieComparator(
  keys: readonly TieBreakKey[],
  node: (i: number, id: string) => Exact,
  name: (i: number) => string,
  id: (i: number) => string,
): (i: number, j: number) => number {
  if (keys.length === 0) return () => 0;
  return (i, j) => {
    for (const k of keys) {
      let c = 0;
      if (k.by === 'node') c = node(j, k.id).cmp(node(i, k.id)) * (k.order === 'asc' ? -1 : 1);
      else if (k.by === 'name') c = VI_COLLATOR.compare(name(i), name(j));
      else c = cmpId(id(i), id(j));
      if (c !== 0) return c;
    }
    return 0;
  };
}

/**
 * * Splits items into groups by a key, groups in byte order of their key: group order never depends on the input
 * order.
 *
 * @example groupIndices(cards, (c) => c.unit.kind ?? '') // [['thi-tran', [7]], ['xa', [0, 1, …]]]
 */
export function groupIndices<T>(items: readonly T[], key: (x: T) => string): [string, number[]][] {
  const groups = new Map<string, number[]>();
  items.forEach((x, i) => {
    const g = key(x);
    const list = groups.get(g);
    if (list) list.push(i);
    else groups.set(g, [i]);
  });
  return [...groups.entries()].sort((a, b) => cmpId(a[0], b[0]));
}

/**
 * A unit's place: its rank and "k/N", null when it has no index (or, read from a score file, was not ranked).
 *
 * @example explainText(row.card, 'vi', { rank: 2, rankOf: '2/11' } satisfies Place)
 */
export interface Place {
  /** The rank (1 is best), or null. */
  readonly rank: number | null;
  /** The rank as "k/N" (N: the units ranked in its group), or null. */
  readonly rankOf: string | null;
}

/**
 * One row of a {@link Ranking}: a score card, untouched, and its place.
 *
 * @example ranking.rows.map((r: Ranked) => `${r.rankOf ?? '—'} ${r.card.unit.name} ${r.card.index}`)
 */
export interface Ranked extends Place {
  /** The card ranked: the very object `evaluate` returned (or the score file held), not a copy. */
  readonly card: ScoreCard;
  /** The group it is ranked in under `groupBy` ("" for a unit without the attribute); null when not grouped. */
  readonly group: string | null;
}

/**
 * Score cards in rank order with their places. Frozen; the cards are the ones given, not copies.
 *
 * @example
 * ```ts
 * const ranking: Ranking = rank(evaluate(set, evidence), set.ranking);
 * ranking.rows[0].card.unit.name; // the first unit
 * ```
 */
export interface Ranking {
  /** The rule the ranks follow; undefined when they were read from a score file, which does not record it. */
  readonly rule: RankRule | undefined;
  /** Every card with its place, by group (in byte order of the group) then rank; cards without an index last. */
  readonly rows: readonly Ranked[];
}

/**
 * Ranks score cards by index, descending, under the declared rule. Returns a frozen {@link Ranking}: rows sorted
 * by group then rank, each with the card itself (nothing is copied, and nothing a card builds lazily — its
 * `nodes`, its `trace` — is built, except `nodes` when a tie is broken by a node's points), its rank and
 * "k/N"; units without an index come last in their group with rank null. The input order never matters, and
 * the cards are not changed.
 *
 * @example
 * ```ts
 * const ranking = rank(evaluate(set, evidence), set.ranking);
 * ranking.rows.map((r) => `${r.rankOf} ${r.card.unit.name} ${r.card.index}`);
 * ```
 */
export function rank(cards: readonly ScoreCard[], rule: RankRule = {}, opts: RankOptions = {}): Ranking {
  const method = rule.method ?? 'competition';
  const on = rule.on ?? 'rounded';
  const keys = rule.tieBreak ?? [];
  const rows: Ranked[] = [];
  for (const [group, members] of groupIndices(cards, (c) => groupOf(c, opts.groupBy))) {
    const list = members.map((i) => cards[i]!);
    const primary = list.map((c) => rankIndexOf(c, on));
    const nodeCache = new Map<string, Exact>();
    const node = (i: number, id: string): Exact => {
      const k = `${i}\u0000${id}`;
      let v = nodeCache.get(k);
      if (v === undefined) nodeCache.set(k, (v = nodeExact(list[i]!, id)));
      return v;
    };
    const r = assignRanks(
      list.length,
      (i) => primary[i] !== null,
      (i, j) => primary[j]!.cmp(primary[i]!),
      tieComparator(
        keys,
        node,
        (i) => list[i]!.unit.name,
        (i) => list[i]!.unit.id,
      ),
      (i, j) => cmpId(list[i]!.unit.id, list[j]!.unit.id),
      method,
    );
    for (const i of r.order) {
      const k = r.ranks[i]!;
      rows.push(
        Object.freeze({
          card: list[i]!,
          rank: k,
          rankOf: k === null ? null : `${k}/${r.of}`,
          group: opts.groupBy === undefined ? null : group,
        }),
      );
    }
  }
  return Object.freeze({ rule, rows: Object.freeze(rows) });
}

/**
 * The cards of a ranking, in its order.
 *
 * @example cardsOf(rank(cards, set.ranking)).map((c) => c.unit.id) // unit ids in rank order
 */
export function cardsOf(ranking: Ranking): readonly ScoreCard[] {
  return ranking.rows.map((r) => r.card);
}
