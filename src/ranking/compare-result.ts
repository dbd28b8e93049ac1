/**
 * The shape of a year-over-year comparison, as `compareYears` (`compare.ts`) returns it and the report renders it.
 * @module
 */
import type { Issue } from '../core/errors.js';
import type { Text } from '../core/text.js';

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
 * How the earlier values of a unit are formed from its predecessors, as the unit map declares: one unit's (`unit`:
 * the one predecessor, or the one a merger's `baseline` names), the mean of a merger's predecessors (`mean`), their
 * mean weighted by `weights` (`weighted-mean`), or nothing (`none`: listed with its predecessors, no earlier values,
 * no change). Shared by the year-over-year comparison and by re-scoring with a unit map.
 *
 * @example `change.basis === 'weighted-mean' ? change.weights!.units.map((u) => `${u.id}: ${u.weight}`) : []`
 */
export interface PredecessorBasis {
  /** `unit`, `mean`, `weighted-mean` or `none`, as above. */
  readonly basis: 'unit' | 'mean' | 'weighted-mean' | 'none';
  /** For `unit`: the predecessor whose values are used (a merger's `baseline: <id>`, or the one predecessor). */
  readonly baseline?: string;
  /** For `weighted-mean`: what the weights count (from the map's `weightsOf`/`weightsOfEn`) and each predecessor's weight. */
  readonly weights?: {
    /** What the weights count, in Vietnamese and English. */
    readonly of: Text;
    /** Each predecessor's weight, in the order the predecessors are listed. */
    readonly units: readonly {
      /** The predecessor's id. */
      readonly id: string;
      /** Its weight. */
      readonly weight: number;
    }[];
  };
}

/**
 * How one unit changed between the two years.
 *
 * @example cmp.changes.filter((c: UnitChange) => c.match === 'merged')
 */
export interface UnitChange extends PredecessorBasis {
  /** `same` (same id), `renamed` (one → one through the map), `merged` (many → one), `split` (one → many). */
  readonly match: 'same' | 'renamed' | 'merged' | 'split';
  /** The unit in the later year. */
  readonly after: UnitSide;
  /** The earlier year's unit(s) it descends from. */
  readonly before: readonly UnitSide[];
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
