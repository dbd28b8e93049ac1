/**
 * The compiled answer layout of a questionnaire, which every tally of it shares: each item's answer codes in
 * slot order, and a lookup from (item, code) to slot.
 * @module
 */
import type { Questionnaire } from './questionnaire.js';
import type { Measure } from './schema.js';

/**
 * The code used for "no answer" (an empty cell) in typed rows.
 *
 * @example `tallier.add(unit, [5, 4, BLANK])`
 */
export const BLANK = 255;

/**
 * What an answer slot holds.
 *
 * @example `layoutOf(q).items[0].kinds // ['level', 'level', 'level', 'level', 'level', 'no-opinion', 'blank']`
 */
export type SlotKind = 'level' | 'no-opinion' | 'not-applicable' | 'blank';

/**
 * One item's answer slots in a tally: its levels, special codes, and the blank slot, in that order.
 *
 * @example `layoutOf(q).byId.get('3.1')?.offset // 66`
 */
export interface ItemLayout {
  /** The item's id. */
  readonly id: string;
  /** Its position in the questionnaire. */
  readonly index: number;
  /** Its group's id. */
  readonly group: string;
  /** What it measures. */
  readonly measure: Measure;
  /** Its answer scale's id. */
  readonly scale: string;
  /** The answer code of each slot; {@link BLANK} for "no answer". */
  readonly codes: readonly number[];
  /** What each slot is: a level, "no opinion", "not applicable" or blank. */
  readonly kinds: readonly SlotKind[];
  /** Whether each slot counts as satisfied (a satisfied level). */
  readonly satisfied: readonly boolean[];
  /**
   * Whether the item has an index: its scale says which answers count. An item on a categorical scale without
   * `satisfied` reports the share of each option instead.
   */
  readonly indexed: boolean;
  /** Where the item's first slot is in a unit's arrays. */
  readonly offset: number;
}

/**
 * The compiled answer layout of a questionnaire: every item's slots and where they lie in a unit's fixed-size
 * tally arrays. `slotOf[item × 256 + code]` is the position of that answer, or -1 when the code is not on the
 * item's scale.
 *
 * @example `layoutOf(q).slotOf[0 * 256 + 4] // position of answer 4 of the first item`
 */
export interface Layout {
  /** Every item's slots, in the questionnaire's order. */
  readonly items: readonly ItemLayout[];
  /** Length of a unit's tally arrays. */
  readonly size: number;
  /** Slot of each item × 256 + answer code; -1 when the code is not on the item's scale. */
  readonly slotOf: Int32Array;
  /** Items by id. */
  readonly byId: ReadonlyMap<string, ItemLayout>;
}

const LAYOUTS = new WeakMap<Questionnaire, Layout>();

/**
 * The answer layout of a questionnaire (computed once per questionnaire object).
 *
 * @example layoutOf(q).size // e.g. 33 items × 8 slots = 264
 */
export function layoutOf(q: Questionnaire): Layout {
  const cached = LAYOUTS.get(q);
  if (cached) return cached;
  const items: ItemLayout[] = [];
  const slotOf = new Int32Array(q.items.length * 256).fill(-1);
  let offset = 0;
  q.items.forEach((it, index) => {
    const s = q.scales[it.scale]!;
    const codes: number[] = [];
    const kinds: SlotKind[] = [];
    const sat: boolean[] = [];
    const satisfied = new Set(s.satisfied?.codes ?? []);
    for (const l of s.levels) {
      codes.push(l.code);
      kinds.push('level');
      sat.push(satisfied.has(l.code));
    }
    for (const c of s.noOpinion?.codes ?? []) {
      codes.push(c);
      kinds.push('no-opinion');
      sat.push(false);
    }
    for (const c of s.notApplicable?.codes ?? []) {
      codes.push(c);
      kinds.push('not-applicable');
      sat.push(false);
    }
    codes.push(BLANK);
    kinds.push('blank');
    sat.push(false);
    codes.forEach((c, k) => {
      slotOf[index * 256 + c] = offset + k;
    });
    items.push(
      Object.freeze({
        id: it.id,
        index,
        group: it.group,
        measure: it.measure,
        scale: it.scale,
        codes: Object.freeze(codes),
        kinds: Object.freeze(kinds),
        satisfied: Object.freeze(sat),
        indexed: s.satisfied !== undefined,
        offset,
      }),
    );
    offset += codes.length;
  });
  const layout: Layout = Object.freeze({ items: Object.freeze(items), size: offset, slotOf, byId: new Map(items.map((i) => [i.id, i])) });
  LAYOUTS.set(q, layout);
  return layout;
}
