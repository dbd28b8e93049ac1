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
 */
import { z } from 'zod';
import { deepFreeze } from '../core/document.js';
import { issue, ParIndexError, type Issue } from '../core/errors.js';
import { Exact } from '../core/exact.js';
import type { Text } from '../core/text.js';
import { Id, IsoDate, readDocument } from '../core/zod-helpers.js';
import type { NodeScore } from '../engine/types.js';
import { cardsOf, cmpId, rank, type Ranked, type Ranking } from './rank.js';

/**
 * The format tag of a unit map, without its version.
 *
 * @example `${UNIT_MAP_FORMAT}@${UNIT_MAP_FORMAT_VERSION}` // 'par-index/unit-map@1'
 */
export const UNIT_MAP_FORMAT = 'par-index/unit-map';
/**
 * The newest unit-map format version this library reads.
 *
 * @example UNIT_MAP_FORMAT_VERSION // 1
 */
export const UNIT_MAP_FORMAT_VERSION = 1;

const Ids = z.union([Id, z.array(Id).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));
const Decision = z.strictObject({
  number: z.string().min(1),
  date: IsoDate,
  issuer: z.string().optional(),
  title: z.string().optional(),
  url: z.string().optional(),
});

/**
 * A unit map (bảng đối chiếu đơn vị): which units of the earlier year became which units of the later year, and
 * the decision that did it (a resolution of the National Assembly Standing Committee, nghị quyết của UBTVQH, for
 * commune mergers).
 *
 * @example
 * ```yaml
 * format: par-index/unit-map@1
 * from: 2020
 * to: 2021
 * decision: { number: 788/NQ-UBTVQH14, date: 2019-10-16, issuer: Ủy ban Thường vụ Quốc hội }
 * entries:
 *   - { from: [xa-a, xa-b], to: xa-ab }
 *   - { from: xa-c, to: xa-c-moi }
 * ```
 */
export const UnitMapSchema = z.strictObject({
  /** The format tag: `par-index/unit-map@1`. */
  format: z.string(),
  /** The map's title. */
  title: z.string().optional(),
  /** The earlier and later years the map joins (checked against the score files when given). */
  from: z.number().int().optional(),
  /** The later year. */
  to: z.number().int().optional(),
  /** The decision behind every entry that does not name its own. */
  decision: Decision.optional(),
  /** A note for readers of the file. */
  notes: z.string().optional(),
  /** The changes of units between the two years: renamings, mergers, splits. */
  entries: z
    .array(
      z.strictObject({
        /** The earlier year's unit id(s). */
        from: Ids,
        /** The later year's unit id(s). */
        to: Ids,
        /** The decision behind this change, when not the map's. */
        decision: Decision.optional(),
        /**
         * What a merged unit is compared with: `mean` (default) — the unweighted mean of its predecessors' index
         * and field points, with no previous rank — or the id of one predecessor (e.g. the one whose seat the new
         * commune keeps), whose values and rank are then used.
         */
        baseline: z.string().optional(),
        /** A note. */
        note: z.string().optional(),
      }),
    )
    .min(1),
});

/**
 * A unit map, validated and frozen.
 *
 * @example const map: UnitMap = loadUnitMap(yamlText, { file: 'unit-map.yaml' })
 */
export type UnitMap = z.output<typeof UnitMapSchema> & {
  /** The file it was read from, for messages. */
  readonly file?: string | undefined;
};

/**
 * Reads a unit map (YAML or JSON text, or parsed data). Throws {@link ParIndexError} for a missing or newer
 * format, schema errors, an entry without a decision (neither its own nor the file's), an entry that maps
 * several units to several units, or a unit claimed by two entries.
 *
 * @example
 * ```ts
 * const map = loadUnitMap(readFileSync('fixtures/van-lam-2020/unit-map.yaml', 'utf8'), { file: 'unit-map.yaml' });
 * map.entries[0].from; // ['lac-dao-cu', 'dinh-du-cu'] …
 * ```
 */
export function loadUnitMap(input: unknown, opts: { file?: string | undefined } = {}): UnitMap {
  const file = opts.file;
  const data = readDocument(
    input,
    { file },
    { format: UNIT_MAP_FORMAT, version: UNIT_MAP_FORMAT_VERSION, schema: UnitMapSchema, reportInput: true },
  );
  const issues: Issue[] = [];
  const fromSeen = new Map<string, number>();
  const toSeen = new Map<string, number>();
  data.entries.forEach((e, i) => {
    if (!e.decision && !data.decision)
      issues.push(
        issue(
          'compare.map-invalid',
          'error',
          ['entries', i, 'decision'],
          'no decision: name the decision that merged, split or renamed these units (here or once for the whole file)',
          'thiếu quyết định: nêu văn bản sáp nhập, chia tách hoặc đổi tên các đơn vị này (tại đây hoặc một lần cho cả tệp)',
          { file },
        ),
      );
    if (e.from.length > 1 && e.to.length > 1)
      issues.push(
        issue(
          'compare.map-invalid',
          'error',
          ['entries', i],
          `maps ${e.from.length} units to ${e.to.length}: write one entry per merger (many → one) or per split (one → many)`,
          `ánh xạ ${e.from.length} đơn vị sang ${e.to.length}: mỗi mục chỉ là một lần sáp nhập (nhiều → một) hoặc chia tách (một → nhiều)`,
          { file },
        ),
      );
    if (e.baseline !== undefined && !e.from.includes(e.baseline))
      issues.push(
        issue(
          'compare.map-invalid',
          'error',
          ['entries', i, 'baseline'],
          `baseline "${e.baseline}" is not one of the entry's units (${e.from.join(', ')}); write "mean" or one of them`,
          `đơn vị gốc so sánh "${e.baseline}" không thuộc mục này (${e.from.join(', ')})`,
          { file },
        ),
      );
    for (const id of e.from) {
      const j = fromSeen.get(id);
      if (j !== undefined)
        issues.push(
          issue(
            'compare.map-invalid',
            'error',
            ['entries', i, 'from'],
            `unit "${id}" is already mapped by entry ${j}`,
            `đơn vị "${id}" đã có ở mục ${j}`,
            { file },
          ),
        );
      fromSeen.set(id, i);
    }
    for (const id of e.to) {
      const j = toSeen.get(id);
      if (j !== undefined)
        issues.push(
          issue(
            'compare.map-invalid',
            'error',
            ['entries', i, 'to'],
            `unit "${id}" is already the result of entry ${j}`,
            `đơn vị "${id}" đã là kết quả của mục ${j}`,
            { file },
          ),
        );
      toSeen.set(id, i);
    }
  });
  if (issues.length) throw new ParIndexError(issues);
  const map = { ...data, entries: data.entries.map((e) => ({ ...e, baseline: e.baseline === 'mean' ? undefined : e.baseline })) };
  Object.defineProperty(map, 'file', { value: file, enumerable: false });
  return deepFreeze(map);
}

/**
 * One unit as a year's score file shows it.
 *
 * @example cmp.beforeOnly.map((u: UnitSide) => `${u.name} ${u.index} ${u.rankOf}`)
 */
export interface UnitSide {
  /** The unit's id. */
  readonly id: string;
  /** The unit's name. */
  readonly name: string;
  /** Its index (%), or null. */
  readonly index: number | null;
  /** Its total points. */
  readonly total: number;
  /** Its applicable maximum. */
  readonly max: number;
  /** Its rank, or null. */
  readonly rank: number | null;
  /** Its rank as "k/N", or null. */
  readonly rankOf: string | null;
  /** Its band, or null. */
  readonly band: {
    /** The band's id. */
    readonly id: string;
    /** Its label. */
    readonly label: string;
    /** Its English label. */
    readonly labelEn?: string;
  } | null;
}

/**
 * A before → after pair of numbers; `change` is after − before, exact to the printed decimals.
 *
 * @example cmp.changes[0].index // { before: 93.02, after: 95.41, change: 2.39 }
 */
export interface NumberChange {
  /** The earlier value, or null. */
  readonly before: number | null;
  /** The later value, or null. */
  readonly after: number | null;
  /** after − before, or null when either is missing. */
  readonly change: number | null;
}

/**
 * How one field changed.
 *
 * @example cmp.changes[0].fields.find((f) => f.id === '3') // { before: 19.4, after: 19.9, change: 0.5, match: 'both', … }
 */
export interface FieldChange {
  /** The field's id. */
  readonly id: string;
  /** The field's title (the later year's when it has one). */
  readonly title: string;
  /** Points in the earlier year, or null. */
  readonly before: number | null;
  /** Points in the later year, or null. */
  readonly after: number | null;
  /** after − before, in points; null when the field exists in one year only. */
  readonly change: number | null;
  /** The field's maximum in the earlier year, or null. */
  readonly beforeMax: number | null;
  /** The field's maximum in the later year, or null. */
  readonly afterMax: number | null;
  /** `both`, `before-only`, `after-only`; `max-changed` when the field exists in both years with different maxima. */
  readonly match: 'both' | 'before-only' | 'after-only' | 'max-changed';
  /** Change of the field's share of its maximum, in percentage points (always given; the comparable figure when the maximum changed). */
  readonly shareChange: number | null;
}

/**
 * How one unit changed between the two years.
 *
 * @example cmp.changes.filter((c: UnitChange) => c.match === 'merged')
 */
export interface UnitChange {
  /** `same` (same id), `renamed` (one → one through the map), `merged` (many → one), `split` (one → many). */
  readonly match: 'same' | 'renamed' | 'merged' | 'split';
  /** The unit in the later year. */
  readonly after: UnitSide;
  /** The earlier year's unit(s) it descends from. */
  readonly before: readonly UnitSide[];
  /** What the earlier values are: one unit's (`unit`) or the mean of a merger's predecessors (`mean`). */
  readonly basis: 'unit' | 'mean';
  /** The decision of the map entry that matched it, for `renamed`, `merged` and `split`. */
  readonly decision?: {
    /** The decision's number. */
    readonly number: string;
    /** Its date, YYYY-MM-DD. */
    readonly date: string;
    /** The issuing body. */
    readonly issuer?: string | undefined;
  };
  /** Index change. */
  readonly index: NumberChange;
  /** Rank change: `change` = before − after, so a positive change is a move up. Null before for a mean basis. */
  readonly rank: NumberChange & {
    /** The earlier rank as printed ("3/11"), null for a mean basis. */
    readonly beforeOf: string | null;
    /** The later rank as printed. */
    readonly afterOf: string | null;
  };
  /** Band before and after, and whether it changed (null when not comparable). */
  readonly band: {
    /** The earlier band's id. */
    readonly before: string | null;
    /** The later band's id. */
    readonly after: string | null;
    /** Whether it changed; null when not comparable. */
    readonly changed: boolean | null;
  };
  /** Change per field. */
  readonly fields: readonly FieldChange[];
}

/**
 * One year of a comparison: the year, the criteria set it was scored with, and its number of units.
 *
 * @example cmp.before // { year: 2020, criteria: { id: 'vn.hung-yen.van-lam.commune', version: '2020', hash: 'sha256:…' }, units: 12 }
 */
export interface YearSide {
  /** The year. */
  readonly year: number;
  /** The criteria set its cards were scored with. */
  readonly criteria: {
    /** The set's id. */
    readonly id: string;
    /** Its version. */
    readonly version: string;
    /** Its content hash. */
    readonly hash: string;
  };
  /** Units scored that year. */
  readonly units: number;
}

/**
 * The result of {@link compareYears}. Frozen.
 *
 * @example const cmp: Comparison = compareYears(before, after, map)
 */
export interface Comparison {
  /** The earlier year: its criteria set and number of units. */
  readonly before: YearSide;
  /** The later year: its criteria set and number of units. */
  readonly after: YearSide;
  /** Whether both years were scored with the same criteria set (same hash). */
  readonly sameCriteria: boolean;
  /** Field ids by where they are found; fields are matched by id. */
  readonly fieldMatch: {
    /** Fields of both years. */
    readonly both: readonly string[];
    /** Fields of the earlier year only. */
    readonly beforeOnly: readonly string[];
    /** Fields of the later year only. */
    readonly afterOnly: readonly string[];
    /** Fields of both years whose maximum changed. */
    readonly maxChanged: readonly string[];
  };
  /** One entry per later-year unit with an earlier counterpart. */
  readonly changes: readonly UnitChange[];
  /** Earlier-year units with no later unit (dissolved, or merged without a map entry). */
  readonly beforeOnly: readonly UnitSide[];
  /** Later-year units with no earlier unit (new, or formed without a map entry). */
  readonly afterOnly: readonly UnitSide[];
  /** What the reader must know to read the numbers (criteria changed, ranks computed here…). */
  readonly notes: readonly Text[];
  /** Problems with the map against the data (an id it names that neither file has…). */
  readonly warnings: readonly Issue[];
}

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

function meanOf(xs: readonly (number | null)[], decimals: number): number | null {
  if (xs.length === 0 || xs.some((x) => x === null)) return null;
  const s = xs.reduce((a: Exact, x) => a.add(ex(x!)), Exact.ZERO);
  return s.div(Exact.of(xs.length)).round(decimals, 'half-up').toNumber();
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
  const fieldChanges = (bFields: readonly (readonly NodeScore[])[], aCard: Ranked['card']): FieldChange[] =>
    fieldIds.map((id) => {
      const fa = aCard.fields.find((f) => f.id === id) ?? null;
      const fbs = bFields.map((fs) => fs.find((f) => f.id === id) ?? null);
      const hasB = fbs.length > 0 && fbs.every((f): f is NodeScore => f !== null);
      const bPts = hasB
        ? fbs.length === 1
          ? fbs[0]!.points
          : meanOf(
              fbs.map((f) => f.points),
              prec + 2,
            )
        : null;
      const bMax = hasB
        ? fbs.length === 1
          ? fbs[0]!.max
          : meanOf(
              fbs.map((f) => f.max),
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
    baseline: string | undefined,
  ): UnitChange => {
    const base = preds.length === 1 ? preds[0]! : baseline !== undefined ? preds.find((p) => p.card.unit.id === baseline) : undefined;
    const basis: UnitChange['basis'] = base ? 'unit' : 'mean';
    const bIndex = base
      ? base.card.index
      : meanOf(
          preds.map((p) => p.card.index),
          iprec,
        );
    const bRank = base ? base.rank : null;
    const bBand = base ? (base.card.band?.label ?? null) : null;
    const ac = a.card;
    return {
      match,
      after: side(a),
      before: preds.map(side),
      basis,
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
      fields: fieldChanges(base ? [base.card.fields] : preds.map((p) => p.card.fields), ac),
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
      changes.push(build(match, preds, a, decision, e.baseline));
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
