/**
 * Dossier records → measures per group (unit, field or online mode) and period, as a mergeable summary: two
 * summaries of disjoint sets of records merge into the summary of their union, and summaries of two adjacent
 * periods combine into the summary of the whole period. Memory does not grow with the number of records:
 * counts are fixed-size arrays per group, and each measure keeps at most `idLimit` dossier ids (the smallest,
 * so merging keeps exactly what summarising the union would). Duplicate ids are found with a fixed-size Bloom
 * filter and confirmed exactly by a second pass over only the suspected rows (see {@link DossierAggregator}).
 * Pure: no Node.
 * @module
 */
import { deepFreeze } from '../core/document.js';
import { issue, type Issue } from '../core/errors.js';
import type { TableRow } from '../core/table.js';
import type { DueMoment } from '../calendar/calendar.js';
import { timeliness } from '../calendar/calendar.js';
import { dayFromIso, isoOf } from '../calendar/dates.js';
import { DOSSIER_MEASURES, DOSSIER_RATES, MEASURE_INDEX } from './dossier-measures.js';
import { isRejection, RecordParser, resolveColumns, type DossierRecord, type RecordParserOptions, type RowIssue } from './records.js';
import { ownText, TextMemo } from './text-memo.js';
import { ONLINE_ELIGIBLE, type DossierField, type OnlineMode } from './vocabulary.js';

/**
 * What a summary groups by.
 * @example summariseDossiers(tables, { calendar, period, by: 'field' })
 */
export type GroupBy = 'unit' | 'field' | 'mode';

/**
 * The period counted, both ends included (the Văn Lâm report: 2020-12-15 to 2021-12-15).
 * @example const p: Period = { from: '2020-12-15', to: '2021-12-15' }
 */
export interface Period {
  /** First day (ISO date). */
  readonly from: string;
  /** Last day (ISO date). */
  readonly to: string;
}

/**
 * One measure of one group: the count and (at most `idLimit` of) the dossier ids behind it.
 * @example summary.total.measures['resolved.late'] // { count: 175, ids: ['VL.CD.…', …], idsTruncated: true }
 */
export interface MeasureCount {
  /** How many dossiers. */
  readonly count: number;
  /** The smallest ids (in code-unit order), at most the summary's idLimit. */
  readonly ids: readonly string[];
  /** True when `count` exceeds the ids kept. */
  readonly idsTruncated: boolean;
}

/**
 * A rate with its numerator and base named; `value` is null when the base is 0.
 * @example summary.total.rates.inTimeRate // { numerator: 'resolved.inTime', base: 'resolved', num: 6915, den: 7090, value: 0.975… }
 */
export interface RateValue {
  /** The numerator's name. */
  readonly numerator: string;
  /** The base's name. */
  readonly base: string;
  /** The numerator's count. */
  readonly num: number;
  /** The base's count. */
  readonly den: number;
  /** num ÷ den, or null when the base is 0. */
  readonly value: number | null;
}

/**
 * The measures of one group.
 * @example summary.groups['chi-dao'].measures.resolved.count // 512
 */
export interface GroupSummary {
  /** Counts by measure id. */
  readonly measures: Readonly<Record<string, MeasureCount>>;
  /** Rates by rate id. */
  readonly rates: Readonly<Record<string, RateValue>>;
}

/**
 * A summary of dossier records. Frozen.
 * @example summary.rows // { in: 7227, used: 7227, rejected: 0, outsidePeriod: 0 }
 */
export interface DossierSummary {
  /** The period counted. */
  readonly period: Period;
  /** What the groups are: units, procedures' fields or online modes. */
  readonly by: GroupBy;
  /** Dossier ids kept per measure and group. */
  readonly idLimit: number;
  /** Groups by key (unit id or name, field, mode), keys sorted. */
  readonly groups: Readonly<Record<string, GroupSummary>>;
  /** All groups together. */
  readonly total: GroupSummary;
  /** rows in = used + rejected, always. `outsidePeriod` rows are used (valid) but feed no measure. */
  readonly rows: {
    /** Data rows read, from all files. */
    readonly in: number;
    /** Rows read into a dossier record, inside the period or not. */
    readonly used: number;
    /** Rows that could not be used (listed in `rejected`, counted per reason in `rejectedByCode`). */
    readonly rejected: number;
    /** Used rows that fall outside the period: valid, but counted in no measure. */
    readonly outsidePeriod: number;
  };
  /** Rejected rows (at most `listLimit`), with the exact count per reason. */
  readonly rejected: readonly RowIssue[];
  /** Rejected rows per issue code (exact). */
  readonly rejectedByCode: Readonly<Record<string, number>>;
  /** Rows used with a warning (mixed date styles, due dates that differ from the calendar's), bounded the same way. */
  readonly warnings: readonly RowIssue[];
  /** Rows with a warning per issue code (exact). */
  readonly warningsByCode: Readonly<Record<string, number>>;
  /**
   * Measures that cannot be computed because the export lacks a column they need (in the order of
   * `DOSSIER_MEASURES`). Such a measure's counts are 0 in the groups but mean nothing: it is *unavailable*, and
   * a descriptor that maps it into evidence fails.
   */
  readonly unavailable: readonly UnavailableMeasure[];
  /** The files read, in order. */
  readonly files: readonly string[];
}

/**
 * A measure a summary cannot give, and why: the fields of the export it needs and does not have.
 * @example summary.unavailable.find((u) => u.measure === 'online.level3') // { measure: 'online.level3', needs: 'channel', missing: ['channel'] } (a mode column, no channel column)
 */
export interface UnavailableMeasure {
  /** The measure's id, e.g. `late.withApology`. */
  readonly measure: string;
  /**
   * The first field (in the measure's `needs` order) whose column the export lacks, e.g. `apology`; kept as it
   * was when a measure needed a single field. `missing` lists them all.
   */
  readonly needs: DossierField;
  /** Every field the measure needs and the export lacks, in the measure's `needs` order (at least one). */
  readonly missing: readonly DossierField[];
}

/** The unavailable measures, given per measure the fields it lacks (the measure order of DOSSIER_MEASURES). */
function unavailableOf(lacks: (m: (typeof DOSSIER_MEASURES)[number]) => readonly DossierField[]): UnavailableMeasure[] {
  const out: UnavailableMeasure[] = [];
  for (const m of DOSSIER_MEASURES) {
    const missing = lacks(m);
    if (missing.length) out.push({ measure: m.id, needs: missing[0]!, missing });
  }
  return out;
}

const N = DOSSIER_MEASURES.length;
const I = (id: string): number => MEASURE_INDEX.get(id)!;
const M = {
  received: I('received'),
  resolved: I('resolved'),
  early: I('resolved.early'),
  onTime: I('resolved.onTime'),
  inTime: I('resolved.inTime'),
  late: I('resolved.late'),
  lateApology: I('late.withApology'),
  lateNoApology: I('late.withoutApology'),
  inProcess: I('inProcess'),
  notDue: I('inProcess.notDue'),
  overdue: I('inProcess.overdue'),
  suspended: I('suspended'),
  withdrawn: I('withdrawn'),
  returned: I('returned'),
  online: I('online'),
  eligible: I('onlineEligible'),
  postalIn: I('postal.received'),
  postalOut: I('postal.returned'),
};
/** Per online mode: its measures and whether it counts as offered online — one property read per record. */
const MODE_MEASURES = Object.fromEntries((['full', 'partial', 'none', 'level4', 'level3', 'level2', 'level1'] as OnlineMode[]).map((m) => [m, { mode: I(`mode.${m}`), online: I(`online.${m}`), eligible: ONLINE_ELIGIBLE.has(m) }])) as Readonly<Record<OnlineMode, { readonly mode: number; readonly online: number; readonly eligible: boolean }>>;

/**
 * Code-unit order of two ids, as `a < b` decides it. Written out because V8 compares two-byte strings (any
 * cell of a file with Vietnamese text in it) through a slow runtime call, several times per record here.
 */
function idLess(a: string, b: string): boolean {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x < y;
  }
  return a.length < b.length;
}

/**
 * An order-keeping number for the first six code units of an id when they are all below 256 (NaN otherwise):
 * idKey(a) < idKey(b) implies a < b and idKey(a) > idKey(b) implies a > b, so most threshold checks of the id
 * lists are one number comparison; equal keys (or NaN) fall back to {@link idLess}.
 */
function idKey(id: string): number {
  let k = 0;
  for (let i = 0; i < 6; i++) {
    const c = i < id.length ? id.charCodeAt(i) : 0;
    if (c > 255) return NaN;
    k = k * 256 + c;
  }
  return k;
}

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
class GroupState {
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

function mergeSmallest(a: readonly string[], b: readonly string[], limit: number): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (out.length < limit && (i < a.length || j < b.length)) {
    if (j >= b.length || (i < a.length && !idLess(b[j]!, a[i]!))) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

/**
 * A fixed-size Bloom filter over dossier ids: answers "surely new" or "maybe seen". Its memory is set at
 * creation (default 2^27 bits = 16 MiB) whatever the length of the export. Blocked: the 7 bits of an id lie in
 * one 512-bit block (one cache line), so a test costs one cache miss instead of seven. At the default size the
 * chance that a new id is taken for a seen one is about 2·10⁻⁸ at 1 million ids, 5·10⁻⁷ at 2 million and
 * 7·10⁻⁵ at 5 million (a plain Bloom filter: 9·10⁻¹⁰, 9·10⁻⁸, 3·10⁻⁵); a false alarm only sends that row to
 * the exact second pass. The smallest filter is one block (2^9 bits).
 * @example const f = new IdFilter(20); f.testAndAdd('HS1'); f.testAndAdd('HS1') // true
 */
export class IdFilter {
  private readonly bits: Int32Array;
  private readonly blockMask: number;
  constructor(bitsLog2 = 27) {
    const log2 = Math.max(9, bitsLog2);
    this.bits = new Int32Array(2 ** log2 / 32);
    this.blockMask = 2 ** (log2 - 9) - 1;
  }
  /** Adds the id; true when it may have been added before. */
  testAndAdd(id: string): boolean {
    this.hash(id, 0);
    return this.apply(0);
  }

  /**
   * Adds `ids[0..n)` in order; `seen[i]` becomes 1 when ids[i] may have been added before (an undefined id: 0).
   * The same answers as {@link IdFilter.testAndAdd} one by one, faster for many ids: every id is hashed first, then
   * one loop only reads each block's cache line (independent loads, so the cache misses overlap), and then the bits
   * are tested and set in lines already loaded.
   */
  testAndAddMany(ids: readonly (string | undefined)[], n: number, seen: Uint8Array): void {
    if (this.base.length < n) this.grow(n);
    for (let i = 0; i < n; i++) {
      const id = ids[i];
      if (id !== undefined) this.hash(id, i);
      else this.base[i] = -1;
    }
    const bits = this.bits;
    const base = this.base;
    let touched = 0;
    for (let i = 0; i < n; i++) {
      const b = base[i]!;
      if (b >= 0) touched |= bits[b]! | bits[b + 15]!;
    }
    this.touched = touched;
    for (let i = 0; i < n; i++) seen[i] = base[i]! >= 0 && this.apply(i) ? 1 : 0;
  }

  /** Per pending id: its block's first word (-1: no id), and its two bit-position hashes. */
  private base = new Int32Array(256);
  private h2 = new Int32Array(256);
  private h3 = new Int32Array(256);
  /** Kept so the touch loop is not optimised away. */
  private touched = 0;

  private grow(n: number): void {
    const size = Math.max(n, this.base.length * 2);
    this.base = new Int32Array(size);
    this.h2 = new Int32Array(size);
    this.h3 = new Int32Array(size);
  }

  /** Hashes an id into slot i of the pending arrays. */
  private hash(id: string, i: number): void {
    // Two 32-bit hashes of the id (FNV-1a and a Murmur-style step, each finished by Murmur3's fmix32): the first
    // picks the block, the second and a third mixed from both give seven independent 9-bit positions in it.
    // (Double hashing inside a block would allow only 2^17 patterns: ids sharing a block would collide whole.)
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193 ^ id.length;
    for (let j = 0; j < id.length; j++) {
      const c = id.charCodeAt(j);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = fmix32(h1);
    h2 = fmix32(h2 ^ 0x9e3779b9);
    this.base[i] = (h1 & this.blockMask) << 4;
    this.h2[i] = h2;
    this.h3[i] = fmix32(h2 ^ (h1 >>> 18) ^ 0x7f4a7c15);
  }

  /** Tests and sets the seven bits of pending slot i; true when all were set already. */
  private apply(i: number): boolean {
    const base = this.base[i]!;
    const h2 = this.h2[i]!;
    const h3 = this.h3[i]!;
    let seen = this.set(base, h2 & 511);
    seen = this.set(base, (h2 >>> 9) & 511) && seen;
    seen = this.set(base, (h2 >>> 18) & 511) && seen;
    seen = this.set(base, ((h2 >>> 27) | (h3 << 5)) & 511) && seen;
    seen = this.set(base, (h3 >>> 4) & 511) && seen;
    seen = this.set(base, (h3 >>> 13) & 511) && seen;
    seen = this.set(base, (h3 >>> 22) & 511) && seen;
    return seen;
  }

  /** Sets bit `b` of the block at word `base`; true when it was set already. */
  private set(base: number, b: number): boolean {
    const w = base + (b >>> 5);
    const bit = 1 << (b & 31);
    const word = this.bits[w]!;
    if ((word & bit) !== 0) return true;
    this.bits[w] = word | bit;
    return false;
  }
}

/** A row issue whose texts keep nothing else alive (it may be listed until the summary is dropped). */
function ownIssue(x: RowIssue): RowIssue {
  return { ...x, id: x.id === undefined ? undefined : ownText(x.id), message: ownText(x.message), messageVi: ownText(x.messageVi) };
}

/** A record whose texts keep nothing else alive. */
function ownRecord(r: DossierRecord): DossierRecord {
  const t = (s: string | undefined) => (s === undefined ? undefined : ownText(s));
  return { ...r, id: ownText(r.id), procedureCode: t(r.procedureCode), field: t(r.field), unit: ownText(r.unit) };
}

/** Murmur3's 32-bit finaliser: every input bit flips each output bit with probability about one half. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Options of the aggregator.
 * @example new DossierAggregator({ calendar, period, by: 'unit', idLimit: 20 })
 */
export interface AggregateOptions extends Omit<RecordParserOptions, 'file'> {
  /** The period counted. */
  readonly period: Period;
  /** How to group: by unit, field or mode. */
  readonly by?: GroupBy | undefined;
  /** Dossier ids kept per measure and group (default 20; 0 keeps none; Infinity keeps all). */
  readonly idLimit?: number | undefined;
  /** Rejections and warnings listed (the counts stay exact); default 1000. */
  readonly listLimit?: number | undefined;
  /** log2 of the duplicate filter's size in bits (default 27 = 16 MiB; at least 9, one block). */
  readonly duplicateFilterBits?: number | undefined;
}

interface Suspect {
  readonly file: number;
  readonly row: number;
  /** null for a row already rejected for another reason. */
  readonly record: DossierRecord | null;
}

/**
 * The streaming aggregator. Feed each file's rows with {@link DossierAggregator.add} after
 * {@link DossierAggregator.startFile}; when {@link DossierAggregator.suspects} is non-zero, feed every file
 * again to {@link DossierAggregator.scanIds} (only the id column is read) so suspected duplicates are settled
 * exactly; then {@link DossierAggregator.finish}.
 *
 * @example
 * ```ts
 * const agg = new DossierAggregator({ calendar, period: { from: '2020-12-15', to: '2021-12-15' } });
 * agg.startFile('ho-so.csv', table.header);
 * for (const r of table.rows) agg.add(r);
 * if (agg.suspects > 0) { agg.startScan(); agg.startFile('ho-so.csv', table.header); for (const r of table.rows) agg.scanIds(r); }
 * const summary = agg.finish();
 * ```
 */
export class DossierAggregator {
  private readonly opts: AggregateOptions;
  private readonly from: number;
  private readonly to: number;
  private readonly by: GroupBy;
  private readonly limit: number;
  private readonly listLimit: number;
  private readonly groups = new Map<string, GroupState>();
  /** The same groups, for the per-row lookup (see TextMemo for why not the Map). */
  private readonly groupMemo = new TextMemo<GroupState>();
  private readonly filter: IdFilter;
  private readonly suspected = new Map<string, Suspect[]>();
  private readonly firstSeen = new Map<string, { file: number; row: number }>();
  private readonly files: string[] = [];
  private readonly available = new Set<DossierField>();
  private parser: RecordParser | undefined;
  private fileIndex = -1;
  private rowsIn = 0;
  private rowsUsed = 0;
  private rowsOutside = 0;
  private rejectedCount = 0;
  private readonly rejected: RowIssue[] = [];
  private readonly rejectedByCode: Record<string, number> = {};
  private readonly warnings: RowIssue[] = [];
  private readonly warningsByCode: Record<string, number> = {};
  private scanning = false;
  /** Header problems of the files started (missing required columns): errors that stop the summary. */
  readonly headerIssues: Issue[] = [];

  constructor(opts: AggregateOptions) {
    this.opts = opts;
    const f = dayFromIso(opts.period.from);
    const t = dayFromIso(opts.period.to);
    if (f === undefined || t === undefined || t < f) throw new RangeError(`bad period ${opts.period.from}..${opts.period.to}`);
    this.from = f;
    this.to = t;
    this.by = opts.by ?? 'unit';
    this.limit = opts.idLimit ?? 20;
    if (!(this.limit === Infinity || (Number.isInteger(this.limit) && this.limit >= 0))) throw new RangeError(`idLimit must be a whole number ≥ 0 or Infinity, got ${String(opts.idLimit)}`);
    this.listLimit = opts.listLimit ?? 1000;
    this.filter = new IdFilter(opts.duplicateFilterBits);
  }

  /** Rows held back as possible duplicates, waiting for a second pass. */
  get suspects(): number {
    let n = 0;
    for (const l of this.suspected.values()) n += l.length;
    return n;
  }

  /** Begins a file (pass 1, or the id scan of pass 2): resolves its columns. Returns header errors. */
  startFile(file: string, header: readonly string[]): Issue[] {
    if (!this.scanning) {
      const cols = resolveColumns(header, this.opts.mapping, file);
      this.files.push(file);
      this.fileIndex = this.files.length - 1;
      this.parser = new RecordParser(header, { ...this.opts, file }, cols.index);
      if (cols.issues.length) this.headerIssues.push(...cols.issues);
      if (this.fileIndex === 0) for (const f of this.parser.available) this.available.add(f);
      else for (const f of [...this.available]) if (!this.parser.available.has(f)) this.available.delete(f);
      return cols.issues;
    }
    this.fileIndex = this.files.indexOf(file);
    this.parser = new RecordParser(header, { ...this.opts, file });
    return [];
  }

  /** Switches to the second pass: feed every file again through {@link startFile} and {@link scanIds}. */
  startScan(): void {
    this.scanning = true;
  }

  /** Pass 1: one row. */
  add(r: TableRow): void {
    this.addBatch([r]);
  }

  /**
   * Pass 1: the rows of a batch, in order. Parses them all, then asks the duplicate filter about all their ids at
   * once ({@link IdFilter.testAndAddMany}, so that their cache misses in its 16 MiB overlap), then counts them.
   *
   * @example for await (const batch of table.batches) agg.addBatch(batch);
   */
  addBatch(rows: readonly TableRow[]): void {
    const p = this.parser;
    if (!p) throw new Error('startFile first');
    const n = rows.length;
    const parsed = this.parsed;
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      this.rowsIn++;
      if (this.headerIssues.length) {
        this.reject({ file: this.files[this.fileIndex], row: r.row, id: undefined, code: 'dossier.bad-header', column: undefined, message: `row ${r.row}: the file's columns cannot be read`, messageVi: `dòng ${r.row}: không đọc được các cột của tệp` });
        parsed[i] = null;
        continue;
      }
      const res = p.read(r, this.warnSink);
      if (isRejection(res)) this.reject(res);
      parsed[i] = res;
    }
    if (this.seen.length < n) this.seen = new Uint8Array(Math.max(n, this.seen.length * 2));
    const seen = this.seen;
    const ids = this.ids;
    for (let i = 0; i < n; i++) ids[i] = parsed[i]?.id;
    this.filter.testAndAddMany(ids, n, seen);
    ids.fill(undefined, 0, n);
    for (let i = 0; i < n; i++) {
      const res = parsed[i];
      parsed[i] = null;
      if (res === null || res === undefined) continue;
      if (isRejection(res)) {
        // Invalid rows are already rejected; a suspected one is kept only to know where its id first appeared.
        if (seen[i] === 1) this.suspect(res.id!, { file: this.fileIndex, row: res.row, record: null });
      } else if (seen[i] === 1) this.suspect(res.id, { file: this.fileIndex, row: res.row, record: res });
      else this.use(res);
    }
  }

  private suspect(id: string, s: Suspect): void {
    // Held until the second pass: copies, so the rows held keep no piece of the file's text alive.
    id = ownText(id);
    if (s.record !== null) s = { ...s, record: ownRecord(s.record) };
    let l = this.suspected.get(id);
    if (!l) this.suspected.set(id, (l = []));
    l.push(s);
  }

  /** Pass 2: the id of one row, to find where each suspected id first appears. */
  scanIds(r: TableRow): void {
    const id = this.parser?.idOf(r.cells);
    if (id === undefined || !this.suspected.has(id)) return;
    const prev = this.firstSeen.get(id);
    const here = { file: this.fileIndex, row: r.row };
    if (!prev) this.firstSeen.set(ownText(id), here);
    else if (here.file < prev.file || (here.file === prev.file && here.row < prev.row)) this.firstSeen.set(id, here);
  }

  private settle(): void {
    for (const [id, list] of this.suspected) {
      const first = this.firstSeen.get(id);
      for (const s of list) {
        if (s.record === null) continue;
        if (first && first.file === s.file && first.row === s.row) {
          // A false alarm of the filter: the first occurrence of its id.
          this.use(s.record);
        } else {
          const where = first ? (first.file === s.file ? `row ${first.row}` : `${this.files[first.file]} row ${first.row}`) : 'an earlier row';
          const whereVi = first ? (first.file === s.file ? `dòng ${first.row}` : `${this.files[first.file]} dòng ${first.row}`) : 'một dòng trước';
          this.reject({ file: this.files[s.file], row: s.row, id, code: 'dossier.duplicate-id', column: undefined, message: `row ${s.row} (${id}): duplicate dossier id, first in ${where}; only the first is counted`, messageVi: `dòng ${s.row} (${id}): trùng mã hồ sơ với ${whereVi}; chỉ tính lần đầu` });
        }
      }
    }
    this.suspected.clear();
  }

  private reject(x: RowIssue): void {
    this.rejectedCount++;
    this.rejectedByCode[x.code] = (this.rejectedByCode[x.code] ?? 0) + 1;
    if (this.rejected.length < this.listLimit) this.rejected.push(ownIssue(x));
  }

  /** The parsed rows of the batch being added (reused, emptied after each batch). */
  private readonly parsed: (DossierRecord | RowIssue | null)[] = [];
  /** The ids of the batch being added (reused). */
  private readonly ids: (string | undefined)[] = [];
  /** Per row of the batch being added: 1 when the duplicate filter may have seen its id. */
  private seen = new Uint8Array(1024);
  /** Warnings of the row being parsed, straight into the counts and the bounded list. */
  private readonly warnSink = (x: RowIssue): void => this.warn(x);

  private warn(x: RowIssue): void {
    this.warningsByCode[x.code] = (this.warningsByCode[x.code] ?? 0) + 1;
    if (this.warnings.length < this.listLimit) this.warnings.push(ownIssue(x));
  }

  private group(key: string): GroupState {
    let g = this.groupMemo.get(key);
    if (!g) {
      g = new GroupState(this.limit);
      const own = ownText(key);
      this.groups.set(own, g);
      this.groupMemo.set(own, g);
    }
    return g;
  }

  /** Counts one valid record into its group. */
  private use(rec: DossierRecord): void {
    this.rowsUsed++;
    const key = this.by === 'unit' ? rec.unit : this.by === 'field' ? rec.field ?? '(không rõ lĩnh vực)' : rec.mode ?? '(không rõ mức độ)';
    const from = this.from;
    const to = this.to;
    const rd = rec.received.day;
    const closed = rec.resolved?.day;
    const s = rec.status;
    const id = rec.id;
    // Which measures the record feeds, decided first so a record outside the period creates no group.
    const inRecv = rd >= from && rd <= to;
    const resolvedIn = s === 'resolved' && closed! >= from && closed! <= to;
    const closedIn = (s === 'withdrawn' || s === 'returned') && (closed ?? rd) >= from && (closed ?? rd) <= to;
    const open = rd <= to && (s === 'suspended' || s === 'in-process' || (closed !== undefined && closed > to));
    if (!inRecv && !resolvedIn && !closedIn && !open) {
      this.rowsOutside++;
      return;
    }
    const g = this.group(key);
    const k = idKey(id);
    if (inRecv) {
      g.add(M.received, id, k);
      const mm = rec.mode === undefined ? undefined : MODE_MEASURES[rec.mode];
      if (mm !== undefined) {
        g.add(mm.mode, id, k);
        if (mm.eligible) g.add(M.eligible, id, k);
      }
      if (rec.channel === 'online') {
        g.add(M.online, id, k);
        if (mm !== undefined) g.add(mm.online, id, k);
      } else if (rec.channel === 'postal') g.add(M.postalIn, id, k);
    }
    if (resolvedIn) {
      g.add(M.resolved, id, k);
      const tl = timeliness(rec.due!, rec.resolved as DueMoment);
      if (tl === 'late') {
        g.add(M.late, id, k);
        if (rec.apology === true) g.add(M.lateApology, id, k);
        else if (rec.apology === false) g.add(M.lateNoApology, id, k);
      } else {
        g.add(tl === 'early' ? M.early : M.onTime, id, k);
        g.add(M.inTime, id, k);
      }
      if (rec.returnedByPost) g.add(M.postalOut, id, k);
    } else if (closedIn) {
      g.add(s === 'withdrawn' ? M.withdrawn : M.returned, id, k);
    }
    // The stock at the period's end: received by then and not finished by then. A dossier later withdrawn or
    // returned without a due date counts in inProcess only (notDue + overdue then fall short of it).
    if (open) {
      if (s === 'suspended') g.add(M.suspended, id, k);
      else {
        g.add(M.inProcess, id, k);
        if (rec.due !== undefined) g.add(rec.due.day < to ? M.overdue : M.notDue, id, k);
      }
    }
  }

  /** Ends the summary. Settles suspected duplicates (after a second pass, when there were any). */
  finish(): DossierSummary {
    this.settle();
    const unavailable = unavailableOf((m) => (m.needs ?? []).filter((f) => !this.available.has(f)));
    const groups: Record<string, GroupSummary> = {};
    const total = new GroupState(this.limit);
    for (const key of [...this.groups.keys()].sort()) {
      const g = this.groups.get(key)!;
      total.merge(g);
      setOwn(groups, key, freezeGroup(g, this.limit));
    }
    const summary: DossierSummary = {
      period: { from: this.opts.period.from, to: this.opts.period.to },
      by: this.by,
      idLimit: this.limit,
      groups,
      total: freezeGroup(total, this.limit),
      rows: { in: this.rowsIn, used: this.rowsUsed, rejected: this.rejectedCount, outsidePeriod: this.rowsOutside },
      rejected: this.rejected,
      rejectedByCode: this.rejectedByCode,
      warnings: this.warnings,
      warningsByCode: this.warningsByCode,
      unavailable,
      files: this.files,
    };
    return deepFreeze(summary);
  }
}

function freezeGroup(g: GroupState, limit: number): GroupSummary {
  const measures: Record<string, MeasureCount> = {};
  DOSSIER_MEASURES.forEach((d, m) => {
    if (d.sumOf) {
      measures[d.id] = sumOfParts(d.sumOf, measures, limit);
      return;
    }
    const count = g.counts[m]!;
    const ids = g.idsOf(m);
    measures[d.id] = { count, ids, idsTruncated: count > ids.length };
  });
  return { measures, rates: ratesOf(measures) };
}

/** A sum measure from its parts, already in `measures`: the counts add, the ids are the smallest of theirs. */
function sumOfParts(parts: readonly string[], measures: Readonly<Record<string, MeasureCount>>, limit: number): MeasureCount {
  let count = 0;
  let ids: string[] = [];
  for (const p of parts) {
    const x = measures[p]!;
    count += x.count;
    if (limit > 0) ids = mergeSmallest(ids, x.ids, limit);
  }
  return { count, ids, idsTruncated: count > ids.length };
}

function ratesOf(measures: Readonly<Record<string, MeasureCount>>): Record<string, RateValue> {
  const rates: Record<string, RateValue> = {};
  for (const r of DOSSIER_RATES) {
    const num = measures[r.numerator]!.count;
    const den = measures[r.base]!.count;
    rates[r.id] = { numerator: r.numerator, base: r.base, num, den, value: den === 0 ? null : num / den };
  }
  return rates;
}

/**
 * Summarises whole tables in memory (CSV text parsed by `parseCsv`, or rows from anywhere): both passes run
 * here. Throws nothing for bad rows (they are in `rejected`); header problems are returned as `issues`.
 *
 * @example
 * ```ts
 * const t = parseCsv(csvText, { file: 'ho-so.csv' });
 * const { summary } = summariseDossiers([{ file: 'ho-so.csv', table: t }], { calendar, period: { from: '2021-01-01', to: '2021-12-31' } });
 * summary.total.measures['resolved.late'].count;
 * ```
 */
export function summariseDossiers(
  tables: readonly { readonly file: string; readonly table: { readonly header: readonly string[]; readonly rows: readonly TableRow[] } }[],
  opts: AggregateOptions,
): {
  /** The summary of all the tables' rows. */
  summary: DossierSummary;
  /** Header problems of the files (`dossier.bad-header`: a required column, or one the mapping names, is missing); bad rows are in `summary.rejected`. */
  issues: Issue[];
} {
  const rowCount = tables.reduce((s, t) => s + t.table.rows.length, 0);
  // In memory the table is already there: a filter sized to it (32 bits per row) keeps false alarms rare.
  const bits = opts.duplicateFilterBits ?? Math.min(27, Math.max(10, Math.ceil(Math.log2(rowCount * 32 + 1))));
  const agg = new DossierAggregator({ ...opts, duplicateFilterBits: bits });
  const issues: Issue[] = [];
  for (const t of tables) {
    issues.push(...agg.startFile(t.file, t.table.header));
    for (const r of t.table.rows) agg.add(r);
  }
  if (agg.suspects > 0) {
    agg.startScan();
    for (const t of tables) {
      agg.startFile(t.file, t.table.header);
      for (const r of t.table.rows) agg.scanIds(r);
    }
  }
  return { summary: agg.finish(), issues };
}

function sameKeys(a: DossierSummary, b: DossierSummary): void {
  for (const x of [a, b]) {
    // JSON writes idLimit: Infinity as null (the command line's --format json writes "all"); merging such a part
    // would silently keep no ids, so it is refused.
    if (typeof x.idLimit !== 'number' || !(x.idLimit >= 0)) throw new RangeError(`a summary's idLimit is ${String(x.idLimit)}, not a number ≥ 0: a summary kept with idLimit Infinity cannot go through JSON (it becomes null, or "all" as par-index dossiers --ids all writes it); keep idLimit finite, or pass summaries by structured clone`);
  }
  if (a.by !== b.by || a.idLimit !== b.idLimit) throw new RangeError('summaries group differently or keep a different number of ids');
}

function combineGroups(a: GroupSummary | undefined, b: GroupSummary | undefined, limit: number, stockFrom: 'sum' | 'second'): GroupSummary {
  const measures: Record<string, MeasureCount> = {};
  for (const d of DOSSIER_MEASURES) {
    if (d.sumOf) {
      // Counted again from its combined parts: a sum of a flow and a stock neither adds nor carries over as a whole.
      measures[d.id] = sumOfParts(d.sumOf, measures, limit);
      continue;
    }
    const x = a?.measures[d.id];
    const y = b?.measures[d.id];
    if (d.kind === 'stock' && stockFrom === 'second') {
      measures[d.id] = y ?? { count: 0, ids: [], idsTruncated: false };
      continue;
    }
    const count = (x?.count ?? 0) + (y?.count ?? 0);
    const ids = limit > 0 ? mergeSmallest(x?.ids ?? [], y?.ids ?? [], limit) : [];
    measures[d.id] = { count, ids, idsTruncated: count > ids.length };
  }
  return { measures, rates: ratesOf(measures) };
}

/**
 * Sets an own property even for the key "__proto__" (a unit may be named anything in an export): plain
 * assignment would set the object's prototype instead and lose the group.
 */
function setOwn<T>(o: Record<string, T>, k: string, v: T): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

function combine(a: DossierSummary, b: DossierSummary, period: Period, stockFrom: 'sum' | 'second'): DossierSummary {
  sameKeys(a, b);
  const keys = [...new Set([...Object.keys(a.groups), ...Object.keys(b.groups)])].sort();
  const groups: Record<string, GroupSummary> = {};
  for (const k of keys) setOwn(groups, k, combineGroups(Object.hasOwn(a.groups, k) ? a.groups[k] : undefined, Object.hasOwn(b.groups, k) ? b.groups[k] : undefined, a.idLimit, stockFrom));
  const sumCodes = (x: Readonly<Record<string, number>>, y: Readonly<Record<string, number>>) => {
    const o: Record<string, number> = { ...x };
    for (const [k, v] of Object.entries(y)) o[k] = (o[k] ?? 0) + v;
    return o;
  };
  // A field missing from either part is missing from the whole. (`missing` may be absent from a summary written
  // before it existed: its `needs` then names the one field.)
  const lacking = new Map<string, Set<DossierField>>();
  for (const u of [...a.unavailable, ...b.unavailable]) {
    let set = lacking.get(u.measure);
    if (!set) lacking.set(u.measure, (set = new Set()));
    for (const f of u.missing ?? [u.needs]) set.add(f);
  }
  return deepFreeze({
    period,
    by: a.by,
    idLimit: a.idLimit,
    groups,
    total: combineGroups(a.total, b.total, a.idLimit, stockFrom),
    rows: stockFrom === 'sum' ? { in: a.rows.in + b.rows.in, used: a.rows.used + b.rows.used, rejected: a.rows.rejected + b.rows.rejected, outsidePeriod: a.rows.outsidePeriod + b.rows.outsidePeriod } : b.rows,
    rejected: [...a.rejected, ...b.rejected],
    rejectedByCode: sumCodes(a.rejectedByCode, b.rejectedByCode),
    warnings: [...a.warnings, ...b.warnings],
    warningsByCode: sumCodes(a.warningsByCode, b.warningsByCode),
    unavailable: unavailableOf((m) => (m.needs ?? []).filter((f) => lacking.get(m.id)?.has(f) === true)),
    files: [...new Set([...a.files, ...b.files])],
  });
}

/**
 * Merges summaries of two disjoint sets of records over the same period (two halves of an export, two
 * exports): equal to summarising all the records together. Inputs are not changed.
 *
 * @example mergeSummaries(summaryOfJanToJun, summaryOfAnotherSystem).total.measures.received.count
 */
export function mergeSummaries(a: DossierSummary, b: DossierSummary): DossierSummary {
  if (a.period.from !== b.period.from || a.period.to !== b.period.to) throw new RangeError(`periods differ: ${a.period.from}..${a.period.to} and ${b.period.from}..${b.period.to}; use combinePeriods for adjacent periods`);
  return combine(a, b, a.period, 'sum');
}

/**
 * Combines the summaries of two adjacent periods of the same records (the second starting the day after the
 * first ends) into the summary of the whole: flows add; stocks (in process, suspended at the end) are the
 * second period's. Row counts are the second's (every row is read in both).
 *
 * @example combinePeriods(h1, h2).period // { from: h1.period.from, to: h2.period.to }
 */
export function combinePeriods(first: DossierSummary, second: DossierSummary): DossierSummary {
  const end = dayFromIso(first.period.to)!;
  if (isoOf(end + 1) !== second.period.from) throw new RangeError(`the second period must start on ${isoOf(end + 1)}, the day after ${first.period.to}; it starts ${second.period.from}`);
  const whole = combine(first, second, { from: first.period.from, to: second.period.to }, 'second');
  return deepFreeze({ ...whole, rejected: second.rejected, rejectedByCode: second.rejectedByCode, warnings: second.warnings, warningsByCode: second.warningsByCode });
}

/**
 * Turns the row issues of a summary into library issues (errors for rejections, warnings for warnings).
 * @example summaryIssues(summary).map((i) => formatIssue(i, 'vi'))
 */
export function summaryIssues(s: DossierSummary): Issue[] {
  const conv = (x: RowIssue, sev: 'error' | 'warning') => issue(x.code, sev, ['row', x.row], x.message, x.messageVi, { file: x.file });
  return [...s.rejected.map((x) => conv(x, 'error')), ...s.warnings.map((x) => conv(x, 'warning'))];
}
