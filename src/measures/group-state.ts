/**
 * The mutable state of one group while records are counted: a count per measure and, per measure, a bounded
 * sample of the smallest dossier ids. Pure: no Node.
 * @module
 */
import { DOSSIER_MEASURES } from './dossier-measures.js';
import { idKey, idLess, mergeSmallest } from './id-order.js';
import { ownText } from './text-memo.js';

const N = DOSSIER_MEASURES.length;

/**
 * Largest id limit kept in fixed slots (see {@link GroupState}); a larger limit, or Infinity, appends ids and
 * prunes them.
 */
const SLOT_LIMIT = 255;

/**
 * Mutable per-group state: counts and bounded id samples.
 *
 * With a limit up to {@link SLOT_LIMIT} (the default 20), the kept ids of all measures live in three arrays per
 * group, each measure in its own run of `limit` places: the ids' keys and their slots in id order, and the ids
 * in the slots they were written to. An id that enters shifts a few numbers, not strings, and a search compares
 * keys, touching the id texts only when keys tie. (Per-measure lists of strings kept sorted by splicing were slower:
 * a search read a scattered string at every step.)
 * With a larger limit, ids are appended and the list cut back to the smallest `limit` when it doubles.
 */
export class GroupState {
  readonly counts = new Float64Array(N);
  /** Per measure: the key of the largest id kept once the list is full; +Infinity while it is not. */
  private readonly thresholds = new Float64Array(N).fill(Infinity);
  /** Per measure: how many ids are kept (fixed slots). */
  private readonly kept = new Uint8Array(N);
  /** Per measure, `limit` places from m·limit: the kept ids' keys in id order (fixed slots; made at the first id). */
  private keys: Float64Array | undefined;
  /** The same places: the slot of each kept id, in id order. */
  private order: Uint8Array | undefined;
  /** The same places: the ids, by slot; an id stays in its slot until a smaller one takes it. */
  private slots: string[] | undefined;
  /** Limits above {@link SLOT_LIMIT}: per measure, the ids appended (cut back to the smallest `limit` as it doubles). */
  private readonly lists: (string[] | undefined)[] | undefined;
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
    this.lists = limit > SLOT_LIMIT ? new Array<string[] | undefined>(N).fill(undefined) : undefined;
  }

  /** Counts one dossier (id, with `key` = idKey(id)) into measure m. */
  add(m: number, id: string, key: number): void {
    this.counts[m]! += 1;
    const limit = this.limit;
    if (limit <= 0) return;
    const t = this.thresholds[m]!;
    if (key > t) return;
    if (this.lists !== undefined) {
      this.append(m, id);
      return;
    }
    let keys = this.keys;
    let order = this.order;
    let slots = this.slots;
    if (keys === undefined || order === undefined || slots === undefined) {
      this.keys = keys = new Float64Array(N * limit);
      this.order = order = new Uint8Array(N * limit);
      this.slots = slots = new Array<string>(N * limit).fill('');
    }
    const base = m * limit;
    const n = this.kept[m]!;
    const full = n >= limit;
    // Same key as the largest kept id (or a key that cannot say): compare the texts.
    if (full && !(key < t) && !idLess(id, slots[base + order[base + n - 1]!]!)) return;
    // The id's place: keys compared first, the texts only where the keys cannot tell.
    let lo = 0;
    let hi = full ? n - 1 : n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const km = keys[base + mid]!;
      if (km < key || (!(km > key) && idLess(slots[base + order[base + mid]!]!, id))) lo = mid + 1;
      else hi = mid;
    }
    // A full list gives the largest id's slot to the new one; otherwise the next free slot.
    let j = full ? n - 1 : n;
    const slot = full ? order[base + j]! : n;
    for (; j > lo; j--) {
      order[base + j] = order[base + j - 1]!;
      keys[base + j] = keys[base + j - 1]!;
    }
    order[base + lo] = slot;
    keys[base + lo] = key;
    slots[base + slot] = ownText(id);
    if (!full) this.kept[m] = n + 1;
    if (full || n + 1 >= limit) this.thresholds[m] = keys[base + limit - 1]!;
  }

  /** Limits above {@link SLOT_LIMIT}: appends; at twice the limit, keeps the smallest `limit`. */
  private append(m: number, id: string): void {
    let list = this.lists![m];
    if (list === undefined) this.lists![m] = list = [];
    list.push(ownText(id));
    if (list.length >= 2 * this.limit) {
      // The default sort orders strings by code units, as idLess does.
      list.sort();
      list.length = this.limit;
      this.thresholds[m] = idKey(list[this.limit - 1]!);
    }
  }

  /** Measure m's kept ids, smallest first (a new array). */
  idsOf(m: number): string[] {
    if (this.limit <= 0) return [];
    if (this.lists !== undefined) {
      const list = [...(this.lists[m] ?? [])].sort();
      if (list.length > this.limit) list.length = this.limit;
      return list;
    }
    const out: string[] = [];
    const n = this.kept[m]!;
    const base = m * this.limit;
    for (let i = 0; i < n; i++) out.push(this.slots![base + this.order![base + i]!]!);
    return out;
  }

  /** Adds another group's counts and ids. */
  merge(o: GroupState): void {
    for (let m = 0; m < N; m++) {
      this.counts[m]! += o.counts[m]!;
      if (this.limit <= 0) continue;
      const b = o.idsOf(m);
      if (b.length > 0) this.setIds(m, mergeSmallest(this.idsOf(m), b, this.limit));
    }
  }

  /** Sets measure m's kept ids: `ids` smallest first, at most the limit. */
  private setIds(m: number, ids: readonly string[]): void {
    if (this.lists !== undefined) this.lists[m] = [...ids];
    else {
      this.keys ??= new Float64Array(N * this.limit);
      this.order ??= new Uint8Array(N * this.limit);
      this.slots ??= new Array<string>(N * this.limit).fill('');
      const base = m * this.limit;
      ids.forEach((id, i) => {
        this.keys![base + i] = idKey(id);
        this.order![base + i] = i;
        this.slots![base + i] = id;
      });
      this.kept[m] = ids.length;
    }
    this.thresholds[m] = ids.length >= this.limit ? idKey(ids[ids.length - 1]!) : Infinity;
  }
}
