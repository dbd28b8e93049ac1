/**
 * Year-over-year comparison (so sánh giữa các năm): what changed between two years' score cards — index, rank,
 * band and every field — for units present in both years, matched by id or through a declared unit map for
 * communes that were merged, split or renamed (sáp nhập, chia tách, đổi tên: many communes were merged in
 * 2019–2020 and again in 2025). Units without a match are listed, never dropped.
 *
 * Fields are matched by id. When the two years' criteria differ, a field present in one year only is listed
 * with the other side empty, and a field whose maximum changed is compared both in points and as a share of its
 * maximum (points ÷ max × 100), because raw points are then not comparable.
 * @module
 *
 * The unit map is read in `unit-map.ts`; the result's types are in `compare-result.ts`.
 * @module
 */
import { deepFreeze } from '../core/document.js';
import { issue, type Issue } from '../core/errors.js';
import { Exact } from '../core/exact.js';
import type { Text } from '../core/text.js';
import type { NodeScore } from '../engine/types.js';
import type { Comparison, FieldChange, UnitChange, UnitSide } from './compare-result.js';
import { cardsOf, cmpId, rank, type Ranked, type Ranking } from './rank.js';
import { combineValues, entryBasis, weightsOf } from './combine.js';
import type { UnitMap } from './unit-map.js';

function side({ card: c, rank, rankOf }: Ranked): UnitSide {
  return {
    id: c.unit.id,
    name: c.unit.name,
    index: c.index,
    total: c.total,
    max: c.max,
    rank,
    rankOf,
    band: c.band ? { id: c.band.id, label: c.band.label, ...(c.band.labelEn !== undefined ? { labelEn: c.band.labelEn } : {}) } : null,
  };
}

const ex = (x: number): Exact => Exact.of(x);
function diff(after: number | null, before: number | null): number | null {
  return after === null || before === null ? null : ex(after).sub(ex(before)).toNumber();
}

function share(points: number | null, max: number | null): Exact | null {
  if (points === null || max === null || max === 0) return null;
  return ex(points).div(ex(max)).mul(Exact.HUNDRED);
}

/** Ranks a year's cards with the default rule when none of them has a rank (a score file written unranked). */
function ensureRanked(ranking: Ranking, year: string, notes: Text[]): readonly Ranked[] {
  if (ranking.rows.some((r) => r.rank !== null)) return ranking.rows;
  notes.push({
    vi: `Các phiếu năm ${year} chưa được xếp hạng: đã xếp hạng theo chỉ số, cách xếp hạng cạnh tranh (1, 2, 2, 4).`,
    en: `The ${year} cards carried no rank: they were ranked here by index, competition ranking (1, 2, 2, 4).`,
  });
  return rank(cardsOf(ranking)).rows;
}

/**
 * Compares two years of score cards, each year a {@link Ranking} (as `rank` returns it, or `loadScoreCards` reads
 * it). Units are matched by the map's entries first, then by identical id; every unit of either year appears
 * once, in `changes` or in `beforeOnly`/`afterOnly`. Ranks are the ones the rankings give (a year whose rows
 * have none is ranked here, and a note says so). Output order: by later rank, then id — never the input order.
 *
 * @example
 * ```ts
 * const cmp = compareYears(loadScoreCards(text2020), loadScoreCards(text2021), loadUnitMap(mapText));
 * cmp.changes.map((c) => `${c.after.name}: ${c.index.change} (${c.rank.change} places)`);
 * cmp.afterOnly; // units with no earlier match, listed rather than dropped
 * ```
 */
export function compareYears(beforeRanking: Ranking, afterRanking: Ranking, map?: UnitMap): Comparison {
  const notes: Text[] = [];
  const warnings: Issue[] = [];
  const b0 = beforeRanking.rows[0]?.card;
  const a0 = afterRanking.rows[0]?.card;
  const yearB = String(b0?.evidence.year ?? '?');
  const yearA = String(a0?.evidence.year ?? '?');
  const before = ensureRanked(beforeRanking, yearB, notes);
  const after = ensureRanked(afterRanking, yearA, notes);
  const byB = new Map(before.map((r) => [r.card.unit.id, r]));
  const byA = new Map(after.map((r) => [r.card.unit.id, r]));
  const file = map?.file;
  if (map?.from !== undefined && b0 && map.from !== b0.evidence.year)
    warnings.push(
      issue(
        'compare.unknown-unit',
        'warning',
        ['from'],
        `the map is from ${map.from} but the earlier scores are of ${b0.evidence.year}`,
        `bảng đối chiếu từ năm ${map.from} nhưng kết quả năm trước là năm ${b0.evidence.year}`,
        { file },
      ),
    );
  if (map?.to !== undefined && a0 && map.to !== a0.evidence.year)
    warnings.push(
      issue(
        'compare.unknown-unit',
        'warning',
        ['to'],
        `the map is to ${map.to} but the later scores are of ${a0.evidence.year}`,
        `bảng đối chiếu đến năm ${map.to} nhưng kết quả năm sau là năm ${a0.evidence.year}`,
        { file },
      ),
    );

  // Fields by id, in the later year's order then the earlier year's leftovers.
  const fB = new Map((b0?.fields ?? []).map((f) => [f.id, f]));
  const fA = new Map((a0?.fields ?? []).map((f) => [f.id, f]));
  const fieldIds = [...fA.keys(), ...[...fB.keys()].filter((id) => !fA.has(id))];
  const fieldMatch = {
    both: fieldIds.filter((id) => fA.has(id) && fB.has(id)),
    beforeOnly: fieldIds.filter((id) => !fA.has(id)),
    afterOnly: fieldIds.filter((id) => !fB.has(id)),
    maxChanged: fieldIds.filter((id) => fA.has(id) && fB.has(id) && fA.get(id)!.fullMax !== fB.get(id)!.fullMax),
  };
  const sameCriteria = b0?.criteria.hash === a0?.criteria.hash;
  if (!sameCriteria) {
    notes.push({
      vi: `Hai năm chấm theo hai bộ tiêu chí khác nhau (${b0?.criteria.id} ${b0?.criteria.version} → ${a0?.criteria.id} ${a0?.criteria.version}): lĩnh vực được đối chiếu theo mã; chỉ số (%) so sánh được, điểm của lĩnh vực đổi điểm tối đa nên đọc theo tỷ lệ trên điểm tối đa.`,
      en: `The two years were scored with different criteria sets (${b0?.criteria.id} ${b0?.criteria.version} → ${a0?.criteria.id} ${a0?.criteria.version}): fields are matched by id; the index (%) is comparable, and a field whose maximum changed is best read as its share of the maximum.`,
    });
  }
  const prec = a0?.criteria.precision ?? 2;
  const iprec = a0?.criteria.indexPrecision ?? 2;

  const changes: UnitChange[] = [];
  const usedB = new Set<string>();
  const usedA = new Set<string>();
  const fieldChanges = (
    bFields: readonly (readonly NodeScore[])[],
    aCard: Ranked['card'],
    weights: readonly number[] | undefined,
  ): FieldChange[] =>
    fieldIds.map((id) => {
      const fa = aCard.fields.find((f) => f.id === id) ?? null;
      if (bFields.length === 0)
        // Not compared (`none`): the later points only, whatever the field's structure.
        return {
          id,
          title: (fa ?? fA.get(id) ?? fB.get(id))?.title ?? id,
          before: null,
          after: fa ? fa.points : null,
          change: null,
          beforeMax: null,
          afterMax: fa ? fa.max : null,
          match: !fa ? 'before-only' : !fB.has(id) ? 'after-only' : fieldMatch.maxChanged.includes(id) ? 'max-changed' : 'both',
          shareChange: null,
        };
      const fbs = bFields.map((fs) => fs.find((f) => f.id === id) ?? null);
      const hasB = fbs.length > 0 && fbs.every((f): f is NodeScore => f !== null);
      const bPts = hasB
        ? fbs.length === 1
          ? fbs[0]!.points
          : combineValues(
              fbs.map((f) => f.points),
              weights,
              prec + 2,
            )
        : null;
      const bMax = hasB
        ? fbs.length === 1
          ? fbs[0]!.max
          : combineValues(
              fbs.map((f) => f.max),
              weights,
              prec + 2,
            )
        : null;
      const aPts = fa ? fa.points : null;
      const aMax = fa ? fa.max : null;
      const sa = share(aPts, aMax);
      const sb = share(bPts, bMax);
      const match: FieldChange['match'] = !fa
        ? 'before-only'
        : !hasB
          ? 'after-only'
          : fieldMatch.maxChanged.includes(id)
            ? 'max-changed'
            : 'both';
      return {
        id,
        title: (fa ?? fbs.find((f) => f !== null) ?? fA.get(id) ?? fB.get(id))?.title ?? id,
        before: bPts,
        after: aPts,
        change: diff(aPts, bPts),
        beforeMax: bMax,
        afterMax: aMax,
        match,
        shareChange: sa && sb ? sa.sub(sb).round(prec, 'half-up').toNumber() : null,
      };
    });
  const build = (
    match: UnitChange['match'],
    preds: readonly Ranked[],
    a: Ranked,
    decision: UnitChange['decision'],
    entry: UnitMap['entries'][number] | undefined,
  ): UnitChange => {
    const eb = entryBasis(
      entry,
      preds.map((p) => p.card.unit.id),
    );
    const base = eb.unit !== undefined ? preds.find((p) => p.card.unit.id === eb.unit) : undefined;
    const basis = eb.basis;
    const weights = eb.weights;
    const compared = basis !== 'none';
    const bIndex = base
      ? base.card.index
      : compared
        ? combineValues(
            preds.map((p) => p.card.index),
            weights,
            iprec,
          )
        : null;
    const bRank = base ? base.rank : null;
    const bBand = base ? (base.card.band?.label ?? null) : null;
    const ac = a.card;
    return {
      match,
      after: side(a),
      before: preds.map(side),
      basis,
      ...(base && preds.length > 1 ? { baseline: base.card.unit.id } : {}),
      ...(weights ? { weights: { of: weightsOf(map!), units: preds.map((p, i) => ({ id: p.card.unit.id, weight: weights[i]! })) } } : {}),
      ...(decision ? { decision } : {}),
      index: { before: bIndex, after: ac.index, change: diff(ac.index, bIndex) },
      rank: {
        before: bRank,
        after: a.rank,
        change: bRank === null || a.rank === null ? null : bRank - a.rank,
        beforeOf: base ? base.rankOf : null,
        afterOf: a.rankOf,
      },
      band: { before: bBand, after: ac.band?.label ?? null, changed: base ? bBand !== (ac.band?.label ?? null) : null },
      fields: fieldChanges(base ? [base.card.fields] : compared ? preds.map((p) => p.card.fields) : [], ac, weights),
    };
  };

  for (const [i, e] of (map?.entries ?? []).entries()) {
    const preds = e.from.filter((id) => byB.has(id)).map((id) => byB.get(id)!);
    const succs = e.to.filter((id) => byA.has(id)).map((id) => byA.get(id)!);
    for (const id of e.from)
      if (!byB.has(id))
        warnings.push(
          issue(
            'compare.unknown-unit',
            'warning',
            ['entries', i, 'from'],
            `unit "${id}" is not in the earlier scores`,
            `đơn vị "${id}" không có trong kết quả năm trước`,
            { file, unit: id },
          ),
        );
    for (const id of e.to)
      if (!byA.has(id))
        warnings.push(
          issue(
            'compare.unknown-unit',
            'warning',
            ['entries', i, 'to'],
            `unit "${id}" is not in the later scores`,
            `đơn vị "${id}" không có trong kết quả năm sau`,
            { file, unit: id },
          ),
        );
    if (preds.length === 0 || succs.length === 0) continue; // both sides stay unmatched and are listed below
    const d = e.decision ?? map!.decision!;
    const decision = { number: d.number, date: d.date, ...(d.issuer !== undefined ? { issuer: d.issuer } : {}) };
    const match: UnitChange['match'] = e.from.length > 1 ? 'merged' : e.to.length > 1 ? 'split' : 'renamed';
    for (const a of succs) {
      changes.push(build(match, preds, a, decision, e));
      usedA.add(a.card.unit.id);
    }
    for (const p of preds) usedB.add(p.card.unit.id);
  }
  const mappedB = new Set((map?.entries ?? []).flatMap((e) => e.from));
  const mappedA = new Set((map?.entries ?? []).flatMap((e) => e.to));
  for (const a of after) {
    const id = a.card.unit.id;
    if (usedA.has(id) || mappedA.has(id)) continue;
    const b = byB.get(id);
    if (b && !mappedB.has(id)) {
      changes.push(build('same', [b], a, undefined, undefined));
      usedA.add(id);
      usedB.add(id);
    }
  }
  const order = (x: UnitSide, y: UnitSide): number => (x.rank ?? Infinity) - (y.rank ?? Infinity) || cmpId(x.id, y.id);
  changes.sort((x, y) => order(x.after, y.after));
  const result: Comparison = {
    before: {
      year: b0?.evidence.year ?? 0,
      criteria: { id: b0?.criteria.id ?? '', version: b0?.criteria.version ?? '', hash: b0?.criteria.hash ?? '' },
      units: before.length,
    },
    after: {
      year: a0?.evidence.year ?? 0,
      criteria: { id: a0?.criteria.id ?? '', version: a0?.criteria.version ?? '', hash: a0?.criteria.hash ?? '' },
      units: after.length,
    },
    sameCriteria,
    fieldMatch,
    changes,
    beforeOnly: before
      .filter((r) => !usedB.has(r.card.unit.id))
      .map(side)
      .sort(order),
    afterOnly: after
      .filter((r) => !usedA.has(r.card.unit.id))
      .map(side)
      .sort(order),
    notes,
    warnings,
  };
  return deepFreeze(result);
}
