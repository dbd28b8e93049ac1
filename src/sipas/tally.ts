/**
 * Tallies (bảng đếm): per unit × item × answer code, the number of respondents, and — for weighted surveys —
 * the sum of their weights and of their squared weights (for the effective sample size). A unit's tally is a
 * fixed-size array whatever its number of respondents, and tallies merge by adding: so a large survey can be
 * counted in parts, in workers, or in any data engine (a GROUP BY unit, item, answer), and merged here.
 *
 * Why integers: merging must be associative and commutative and agree exactly with tallying the concatenation.
 * Floating-point sums are not associative, so weights are counted as whole multiples of 10^-decimals (the
 * questionnaire declares `decimals`). Sums of weights and of squared weights outgrow 2^53 quickly (a weight of
 * 1 to 6 decimals squares to 10^12: 9,008 such respondents pass 2^53), so they are exact integers of any size,
 * written as decimal strings; respondent counts stay numbers (they would need 2^53 respondents to overflow).
 * @module
 */
import { z } from 'zod';
import { deepFreeze, isProtoKey } from '../core/document.js';
import { issue, ParIndexError } from '../core/errors.js';
import { readDocument } from '../core/zod-helpers.js';
import { BLANK, layoutOf, type Layout, type Questionnaire } from './questionnaire.js';

/**
 * The format tag of tally files.
 *
 * @example `JSON.parse(text).format === \`${TALLY_FORMAT}@${TALLY_FORMAT_VERSION}\``
 */
export const TALLY_FORMAT = 'par-index/sipas-tally';
/**
 * The newest tally format version this library reads.
 *
 * Version 2 writes the weight sums (`weight`, `weights`, `weights2`) as decimal strings, exact at any size;
 * version 1 files (numbers) are still read.
 *
 * @example `TALLY_FORMAT_VERSION // 2`
 */
export const TALLY_FORMAT_VERSION = 2;

/**
 * One unit's counts, in the questionnaire's slot order (see {@link layoutOf}).
 *
 * @example `tally.units['nhu-quynh'].counts.length === layoutOf(q).size // true`
 */
export interface UnitTally {
  /** Respondents counted (rows used). */
  readonly respondents: number;
  /** Weighted tallies: Σ weight of the respondents, in units of 10^-decimals, as a decimal integer string. */
  readonly weight?: string;
  /** Respondents per slot. */
  readonly counts: readonly number[];
  /** Weighted tallies: Σ weight per slot, in units of 10^-decimals (decimal integer strings: exact at any size). */
  readonly weights?: readonly string[];
  /** Weighted tallies: Σ weight² per slot, in units of 10^-2·decimals (decimal integer strings). */
  readonly weights2?: readonly string[];
}

/**
 * A mergeable tally (plain data; JSON as is).
 *
 * @example
 * ```ts
 * const t = tallyRows(q, [{ unit: 'nhu-quynh', answers: { '1.1': 5, '1.2': 4 } }]);
 * JSON.stringify(t); // '{"format":"par-index/sipas-tally@2",…}'
 * ```
 */
export interface Tally {
  /** The format tag of a tally. */
  readonly format: string;
  /** The questionnaire it counts answers of. */
  readonly questionnaire: {
    /** The questionnaire's id. */
    readonly id: string;
    /** Its version. */
    readonly version: string;
    /** Its content hash: a tally merges only with tallies of the same questionnaire. */
    readonly hash: string;
  };
  /** Each item's answer codes in slot order; `null` is the "no answer" slot. */
  readonly layout: readonly {
    /** The item's id. */
    readonly item: string;
    /** The answer code of each counted slot (null: no opinion or not applicable). */
    readonly codes: readonly (number | null)[];
  }[];
  /** Whether weights were counted. */
  readonly weighted: boolean;
  /** Weights are counted in units of 10^-decimals. */
  readonly decimals: number;
  /** Units by id, in sorted order. */
  readonly units: Readonly<Record<string, UnitTally>>;
}

function layoutJson(layout: Layout): Tally['layout'] {
  return layout.items.map((i) => ({ item: i.id, codes: i.codes.map((c) => (c === BLANK ? null : c)) }));
}

const overflow = (what: string) =>
  new ParIndexError([
    issue(
      'sipas.tally-overflow',
      'error',
      [],
      `${what} passed 2^53 and can no longer be counted exactly: declare fewer weight decimals, normalise the weights, or tally in smaller units`,
      `${what} vượt quá 2^53, không còn đếm chính xác được: giảm số chữ số thập phân của trọng số, chuẩn hóa trọng số hoặc đếm theo đơn vị nhỏ hơn`,
    ),
  ]);

/**
 * Adds `x` to slot `i` of a float accumulator while the sum is exact (below 2^53), moving the slot into its
 * BigInt part first when it would not be: the fast path stays on floats, the sum stays exact at any size. `x`
 * is a safe integer, so a true sum above 2^53 - 1 never rounds down to a safe one and the test is reliable.
 */
function addExact(lo: Float64Array, hi: bigint[], i: number, x: number): void {
  const s = lo[i]! + x;
  if (s <= Number.MAX_SAFE_INTEGER) lo[i] = s;
  else {
    hi[i] = hi[i]! + BigInt(lo[i]!);
    lo[i] = x;
  }
}

/**
 * Converts a weight to whole units of 10^-decimals. Returns undefined when it is not a positive finite number
 * with at most `decimals` decimals (a weight is never rounded silently).
 *
 * @example weightUnits('1,25', 4) // 12500
 */
export function weightUnits(w: string | number, decimals: number): number | undefined {
  if (typeof w === 'number') {
    if (!Number.isFinite(w) || w <= 0) return undefined;
    const scaled = w * 10 ** decimals;
    const r = Math.round(scaled);
    // A binary float such as 0.1 is not exactly a tenth: accept it when it is the nearest float to one.
    if (Math.abs(scaled - r) > Math.max(1e-9, Math.abs(scaled) * 1e-12) || !Number.isSafeInteger(r) || r <= 0) return undefined;
    return r;
  }
  const m = /^\s*\+?(\d+)(?:[.,](\d*))?\s*$/.exec(w);
  if (!m) return undefined;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > decimals) return undefined;
  const v = Number(m[1]!) * 10 ** decimals + (frac ? Number(frac.padEnd(decimals, '0')) : 0);
  return Number.isSafeInteger(v) && v > 0 ? v : undefined;
}

/**
 * Counts respondents into a tally. Feed it one respondent at a time ({@link Tallier.add}) or a typed batch
 * ({@link Tallier.addBatch}, the fast path); memory grows with the number of units, never with respondents.
 *
 * @example
 * ```ts
 * const t = new Tallier(q);
 * t.add(t.unit('nhu-quynh'), [5, 4, 4, 3, BLANK]);
 * const tally = t.tally();
 * ```
 */
export class Tallier {
  /** The questionnaire's answer layout. */
  readonly layout: Layout;
  /** Whether rows carry weights. */
  readonly weighted: boolean;
  /** Decimals of the weights. */
  readonly decimals: number;
  private readonly q: Questionnaire;
  private readonly ids: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly counts: Float64Array[] = [];
  /** Σ weight and Σ weight² per slot: the part below 2^53 as floats, the rest as BigInt (see {@link addExact}). */
  private readonly w: Float64Array[] = [];
  private readonly wBig: bigint[][] = [];
  private readonly w2: Float64Array[] = [];
  private readonly w2Big: bigint[][] = [];
  private readonly respondents: number[] = [];
  private readonly unitWeight: Float64Array[] = [];
  private readonly unitWeightBig: bigint[][] = [];

  constructor(q: Questionnaire, opts: { weighted?: boolean } = {}) {
    this.q = q;
    this.layout = layoutOf(q);
    this.weighted = opts.weighted ?? false;
    this.decimals = q.options.weights.decimals;
  }

  /** The index of a unit, adding it (with an all-zero tally) the first time it is named. */
  unit(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      // The tally is keyed by unit in a plain object, where "__proto__" would be lost (it sets the prototype).
      if (isProtoKey(id))
        throw new ParIndexError([
          issue('sipas.unknown-unit', 'error', ['units', id], `"${id}" cannot be a unit id`, `"${id}" không thể là mã đơn vị`),
        ]);
      i = this.ids.length;
      this.ids.push(id);
      this.index.set(id, i);
      this.counts.push(new Float64Array(this.layout.size));
      if (this.weighted) {
        this.w.push(new Float64Array(this.layout.size));
        this.w2.push(new Float64Array(this.layout.size));
        this.wBig.push(new Array<bigint>(this.layout.size).fill(0n));
        this.w2Big.push(new Array<bigint>(this.layout.size).fill(0n));
      }
      this.respondents.push(0);
      this.unitWeight.push(new Float64Array(1));
      this.unitWeightBig.push([0n]);
    }
    return i;
  }

  /**
   * Adds one respondent: an answer code per item in questionnaire order ({@link BLANK} for no answer), and
   * for weighted tallies the weight in units of 10^-decimals (see {@link weightUnits}). Nothing is counted
   * when a code is off its item's scale: the index of that item is returned (else -1), so the caller can
   * reject the whole row.
   */
  add(unit: number, codes: ArrayLike<number>, weight?: number): number {
    const slotOf = this.layout.slotOf;
    const n = this.layout.items.length;
    for (let i = 0; i < n; i++) {
      const c = codes[i]!;
      if (!Number.isInteger(c) || c < 0 || c > 255 || slotOf[i * 256 + c]! < 0) return i;
    }
    const counts = this.counts[unit]!;
    for (let i = 0; i < n; i++) counts[slotOf[i * 256 + codes[i]!]!]! += 1;
    this.respondents[unit]! += 1;
    if (this.weighted) {
      const w = weight ?? 0;
      if (!(w > 0) || !Number.isSafeInteger(w)) throw new RangeError('Tallier.add: a weighted tally needs a positive safe integer weight');
      const ws = this.w[unit]!;
      const wsBig = this.wBig[unit]!;
      const w2s = this.w2[unit]!;
      const w2sBig = this.w2Big[unit]!;
      // w² is exact as a float only below 2^53; a larger one goes to the BigInt part directly.
      const ww = w * w;
      const wwBig = ww > Number.MAX_SAFE_INTEGER ? BigInt(w) * BigInt(w) : undefined;
      for (let i = 0; i < n; i++) {
        const s = slotOf[i * 256 + codes[i]!]!;
        addExact(ws, wsBig, s, w);
        if (wwBig === undefined) addExact(w2s, w2sBig, s, ww);
        else w2sBig[s] = w2sBig[s]! + wwBig;
      }
      addExact(this.unitWeight[unit]!, this.unitWeightBig[unit]!, 0, w);
    }
    return -1;
  }

  /**
   * The fast path: `rows` respondents as typed arrays — `codes[row × items + item]` (255 for no answer),
   * `units[row]` (unit indices from {@link Tallier.unit}), and for weighted tallies `weights[row]` in whole
   * units of 10^-decimals. Rows with a code off the scale are not counted; `onReject(row, item, code)` hears
   * each of them. Returns how many rows were used and rejected.
   */
  addBatch(
    batch: { codes: Uint8Array; units: ArrayLike<number>; rows: number; weights?: ArrayLike<number> },
    onReject?: (row: number, item: number, code: number) => void,
  ): {
    /** Rows counted. */
    used: number;
    /** Rows rejected. */
    rejected: number;
  } {
    const { codes, units, rows } = batch;
    const n = this.layout.items.length;
    const slotOf = this.layout.slotOf;
    let used = 0;
    let rejected = 0;
    if (this.weighted) {
      const weights = batch.weights;
      if (!weights) throw new RangeError('Tallier.addBatch: a weighted tally needs weights');
      for (let r = 0; r < rows; r++) {
        const bad = this.add(units[r]!, codes.subarray(r * n, r * n + n), weights[r]);
        if (bad >= 0) {
          rejected++;
          onReject?.(r, bad, codes[r * n + bad]!);
        } else used++;
      }
      return { used, rejected };
    }
    const respondents = this.respondents;
    for (let r = 0, o = 0; r < rows; r++, o += n) {
      let bad = -1;
      for (let i = 0; i < n; i++) {
        if (slotOf[(i << 8) | codes[o + i]!]! < 0) {
          bad = i;
          break;
        }
      }
      if (bad >= 0) {
        rejected++;
        onReject?.(r, bad, codes[o + bad]!);
        continue;
      }
      const u = units[r]!;
      const counts = this.counts[u]!;
      for (let i = 0; i < n; i++) counts[slotOf[(i << 8) | codes[o + i]!]!]! += 1;
      respondents[u]! += 1;
      used++;
    }
    return { used, rejected };
  }

  /** The tally so far, as frozen plain data (units in sorted order). */
  tally(): Tally {
    const order = this.ids.map((id, i) => [id, i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const units: Record<string, UnitTally> = {};
    const exact = (lo: Float64Array, hi: readonly bigint[]): string[] => Array.from(lo, (x, k) => String(hi[k]! + BigInt(x)));
    for (const [id, i] of order) {
      units[id] = {
        respondents: this.respondents[i]!,
        ...(this.weighted ? { weight: exact(this.unitWeight[i]!, this.unitWeightBig[i]!)[0]! } : {}),
        counts: Array.from(this.counts[i]!),
        ...(this.weighted ? { weights: exact(this.w[i]!, this.wBig[i]!), weights2: exact(this.w2[i]!, this.w2Big[i]!) } : {}),
      };
    }
    return deepFreeze({
      format: `${TALLY_FORMAT}@${TALLY_FORMAT_VERSION}`,
      questionnaire: { id: this.q.id, version: this.q.version, hash: this.q.hash },
      layout: layoutJson(this.layout),
      weighted: this.weighted,
      decimals: this.decimals,
      units,
    });
  }
}

/**
 * One respondent for {@link tallyRows}: a unit, answers by item id (a missing item is "no answer"), a weight.
 *
 * @example `{ unit: 'u1', answers: { '1.1': 5, '1.2': null }, weight: 1.25 }`
 */
export interface Respondent {
  /** The unit's id. */
  readonly unit: string;
  /** Answer codes by item id; null or absent for no answer. */
  readonly answers: Readonly<Record<string, number | null | undefined>>;
  /** The sampling weight. */
  readonly weight?: number;
}

/**
 * Tallies respondents given as plain objects (tests, notebooks, small surveys). Throws {@link ParIndexError}
 * for an unknown item or an answer off the scale, naming the respondent's position.
 *
 * @example
 * ```ts
 * const t = tallyRows(q, [{ unit: 'u1', answers: { '3.1': 5, '3.2': 2 } }]);
 * t.units['u1'].respondents; // 1
 * ```
 */
export function tallyRows(q: Questionnaire, rows: readonly Respondent[], opts: { weighted?: boolean } = {}): Tally {
  const weighted = opts.weighted ?? rows.some((r) => r.weight !== undefined);
  const t = new Tallier(q, { weighted });
  const layout = t.layout;
  const codes = new Array<number>(layout.items.length);
  const problems = [];
  for (const [k, r] of rows.entries()) {
    for (const id of Object.keys(r.answers)) {
      if (!layout.byId.has(id))
        problems.push(
          issue('sipas.unknown-item', 'error', [k, 'answers', id], `unknown item "${id}"`, `câu hỏi "${id}" không có trong bộ câu hỏi`),
        );
    }
    layout.items.forEach((it, i) => {
      const a = r.answers[it.id];
      codes[i] = a === null || a === undefined ? BLANK : a;
    });
    const w = weighted ? weightUnits(r.weight ?? Number.NaN, t.decimals) : undefined;
    if (weighted && w === undefined) {
      problems.push(
        issue(
          'sipas.bad-weight',
          'error',
          [k, 'weight'],
          `weight ${String(r.weight)} is not a positive number with at most ${t.decimals} decimals`,
          `trọng số ${String(r.weight)} không phải số dương có tối đa ${t.decimals} chữ số thập phân`,
        ),
      );
      continue;
    }
    const bad = t.add(t.unit(r.unit), codes, w);
    if (bad >= 0) {
      const it = layout.items[bad]!;
      problems.push(
        issue(
          'sipas.answer-out-of-scale',
          'error',
          [k, 'answers', it.id],
          `answer ${String(r.answers[it.id])} is not on the scale of item "${it.id}" (codes ${it.codes.filter((c) => c !== BLANK).join(', ')})`,
          `câu trả lời ${String(r.answers[it.id])} không thuộc thang đo của câu hỏi "${it.id}" (các mã ${it.codes.filter((c) => c !== BLANK).join(', ')})`,
        ),
      );
    }
  }
  if (problems.length) throw new ParIndexError(problems);
  return t.tally();
}

function mismatch(en: string, vi: string, file?: string): ParIndexError {
  return new ParIndexError([issue('sipas.tally-mismatch', 'error', [], en, vi, { file })]);
}

function compatible(a: Tally, b: Tally): void {
  if (a.questionnaire.hash !== b.questionnaire.hash) {
    throw mismatch(
      `cannot merge tallies of different questionnaires: ${a.questionnaire.id} ${a.questionnaire.version} (${a.questionnaire.hash}) and ${b.questionnaire.id} ${b.questionnaire.version} (${b.questionnaire.hash})`,
      `không gộp được bảng đếm của hai bộ câu hỏi khác nhau: ${a.questionnaire.id} ${a.questionnaire.version} và ${b.questionnaire.id} ${b.questionnaire.version}`,
    );
  }
  if (a.weighted !== b.weighted || a.decimals !== b.decimals) {
    throw mismatch(
      'cannot merge a weighted tally with an unweighted one, or tallies with different weight decimals',
      'không gộp được bảng đếm có trọng số với bảng không có trọng số, hoặc khác số chữ số thập phân của trọng số',
    );
  }
}

function addArrays(x: readonly number[], y: readonly number[], what: string): number[] {
  const out = new Array<number>(x.length);
  for (let i = 0; i < x.length; i++) {
    const s = x[i]! + y[i]!;
    if (s > Number.MAX_SAFE_INTEGER) throw overflow(what);
    out[i] = s;
  }
  return out;
}

/** Adds sums written as decimal integer strings, exactly. */
function addDecimals(x: readonly string[], y: readonly string[]): string[] {
  return x.map((v, i) => String(BigInt(v) + BigInt(y[i]!)));
}

/** Two units' counts added; `what` names, in a refusal, what is being added (the merged unit, or a pool). */
function mergeUnit(a: UnitTally, b: UnitTally, what: string): UnitTally {
  const weighted = a.weights !== undefined;
  return {
    respondents: a.respondents + b.respondents,
    ...(weighted ? { weight: String(BigInt(a.weight ?? '0') + BigInt(b.weight ?? '0')) } : {}),
    counts: addArrays(a.counts, b.counts, `the counts of ${what}`),
    ...(weighted ? { weights: addDecimals(a.weights, b.weights!), weights2: addDecimals(a.weights2!, b.weights2!) } : {}),
  };
}

/**
 * Merges tallies of the same questionnaire by adding their counts unit by unit. Associative and commutative,
 * and merging the tallies of two batches equals tallying both together. Inputs are not changed.
 *
 * @example
 * ```ts
 * const all = mergeTallies([tallyOfJanuary, tallyOfFebruary]);
 * ```
 */
export function mergeTallies(tallies: readonly Tally[]): Tally {
  const first = tallies[0];
  if (!first) throw mismatch('no tally to merge', 'không có bảng đếm để gộp');
  for (const t of tallies.slice(1)) compatible(first, t);
  const units = new Map<string, UnitTally>();
  for (const t of tallies) {
    for (const [id, u] of Object.entries(t.units)) {
      const prev = units.get(id);
      units.set(id, prev ? mergeUnit(prev, u, `unit "${id}"`) : u);
    }
  }
  const sorted: Record<string, UnitTally> = {};
  for (const id of [...units.keys()].sort()) sorted[id] = structuredClone(units.get(id)!);
  return deepFreeze({
    ...structuredClone({
      format: first.format,
      questionnaire: first.questionnaire,
      layout: first.layout,
      weighted: first.weighted,
      decimals: first.decimals,
    }),
    units: sorted,
  });
}

/**
 * All units of a tally merged into one (for a result over every respondent).
 *
 * @example poolUnits(tally, 'van-lam').units['van-lam'].respondents // every respondent
 */
export function poolUnits(tally: Tally, id = '*'): Tally {
  const us = Object.entries(tally.units);
  if (us.length === 0) return deepFreeze({ ...structuredClone(tally), units: {} });
  let acc = us[0]![1];
  // A refusal names the pool, not the unit being added: that unit may be fine on its own.
  for (const [, u] of us.slice(1)) acc = mergeUnit(acc, u, `the units pooled as "${id}"`);
  const pooled = {
    ...structuredClone({
      format: tally.format,
      questionnaire: tally.questionnaire,
      layout: tally.layout,
      weighted: tally.weighted,
      decimals: tally.decimals,
    }),
    units: { [id]: structuredClone(acc) },
  };
  // The pooled tally remembers its units (not serialised): a questionnaire whose figure over several units is
  // the mean of the units' indices (options.units: mean-of-units) is then computed that way by computeIndices,
  // wherever the pooling was asked for (the command line pools when --by unit is not given).
  if (us.length > 1) Object.defineProperty(pooled, POOLED_FROM, { enumerable: false, value: tally });
  return deepFreeze(pooled);
}

/** The key under which a pooled tally keeps the tally it pooled. */
export const POOLED_FROM: unique symbol = Symbol('par-index.pooledFrom');

/**
 * The tally a pooled tally was made from (several units), when it was made by {@link poolUnits}.
 *
 * @example `pooledFrom(poolUnits(t))?.units // the units before pooling`
 */
export function pooledFrom(tally: Tally): Tally | undefined {
  return (tally as Tally & { [POOLED_FROM]?: Tally })[POOLED_FROM];
}

const Count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** A weight sum: a decimal integer string (version 2), or a safe integer (version 1), read as the string. */
const WeightSum = z.union([z.string().regex(/^(0|[1-9]\d{0,79})$/, 'expected a whole number written in digits'), Count]).transform(String);
const TallyFileSchema = z.strictObject({
  format: z.string(),
  questionnaire: z.strictObject({ id: z.string(), version: z.string(), hash: z.string() }),
  layout: z.array(z.strictObject({ item: z.string(), codes: z.array(z.union([z.number().int().min(0).max(254), z.null()])) })),
  weighted: z.boolean(),
  decimals: z.number().int().min(0).max(9),
  units: z.record(
    z.string().min(1),
    z.strictObject({
      respondents: Count,
      weight: WeightSum.optional(),
      counts: z.array(Count),
      weights: z.array(WeightSum).optional(),
      weights2: z.array(WeightSum).optional(),
    }),
  ),
});

/**
 * Reads a tally saved as JSON (or parsed data) and checks it against the questionnaire: same hash, same answer
 * layout, arrays of the layout's size, counts that add up per item. Throws {@link ParIndexError} naming the
 * file and path.
 *
 * @example
 * ```ts
 * const t = loadTally(readFileSync('out/tally-part1.json', 'utf8'), q, { file: 'tally-part1.json' });
 * ```
 */
export function loadTally(input: unknown, q: Questionnaire, opts: { file?: string | undefined } = {}): Tally {
  const file = opts.file;
  const t = readDocument(input, { file }, { format: TALLY_FORMAT, version: TALLY_FORMAT_VERSION, schema: TallyFileSchema });
  if (t.questionnaire.hash !== q.hash) {
    throw new ParIndexError([
      issue(
        'sipas.tally-mismatch',
        'error',
        ['questionnaire', 'hash'],
        `the tally was counted with questionnaire ${t.questionnaire.id} ${t.questionnaire.version} (${t.questionnaire.hash}), not ${q.id} ${q.version} (${q.hash})`,
        `bảng đếm được lập theo bộ câu hỏi ${t.questionnaire.id} ${t.questionnaire.version}, không phải ${q.id} ${q.version}`,
        { file },
      ),
    ]);
  }
  const layout = layoutOf(q);
  const expected = JSON.stringify(layoutJson(layout));
  if (JSON.stringify(t.layout) !== expected) {
    throw new ParIndexError([
      issue(
        'sipas.tally-mismatch',
        'error',
        ['layout'],
        "the answer layout differs from the questionnaire's (items or codes)",
        'bố cục câu trả lời khác với bộ câu hỏi (câu hỏi hoặc mã)',
        { file },
      ),
    ]);
  }
  if (t.decimals !== q.options.weights.decimals) {
    throw new ParIndexError([
      issue(
        'sipas.tally-mismatch',
        'error',
        ['decimals'],
        `weights counted with ${t.decimals} decimals; the questionnaire declares ${q.options.weights.decimals}`,
        `trọng số được đếm với ${t.decimals} chữ số thập phân; bộ câu hỏi quy định ${q.options.weights.decimals}`,
        { file },
      ),
    ]);
  }
  const problems = [];
  for (const [id, u] of Object.entries(t.units)) {
    const arrays: [string, unknown[] | undefined][] = [
      ['counts', u.counts],
      ['weights', u.weights],
      ['weights2', u.weights2],
    ];
    for (const [k, arr] of arrays) {
      const need = k === 'counts' || t.weighted;
      if (need && (arr === undefined || arr.length !== layout.size)) {
        problems.push(
          issue(
            'sipas.tally-mismatch',
            'error',
            ['units', id, k],
            `expected ${layout.size} numbers, found ${arr?.length ?? 'none'}`,
            `cần ${layout.size} số, có ${arr?.length ?? 'không có'}`,
            { file, unit: id },
          ),
        );
      }
      if (!need && arr !== undefined)
        problems.push(
          issue(
            'sipas.tally-mismatch',
            'error',
            ['units', id, k],
            'an unweighted tally has no weights',
            'bảng đếm không trọng số không có trọng số',
            { file, unit: id },
          ),
        );
    }
    if (t.weighted && u.weight === undefined)
      problems.push(
        issue(
          'sipas.tally-mismatch',
          'error',
          ['units', id, 'weight'],
          'a weighted tally needs the unit weight',
          'bảng đếm có trọng số cần tổng trọng số của đơn vị',
          { file, unit: id },
        ),
      );
    if (u.counts.length === layout.size) {
      for (const it of layout.items) {
        let s = 0;
        for (let k = 0; k < it.codes.length; k++) s += u.counts[it.offset + k]!;
        if (s !== u.respondents) {
          problems.push(
            issue(
              'sipas.tally-mismatch',
              'error',
              ['units', id, 'counts'],
              `item "${it.id}" counts ${s} answers but the unit has ${u.respondents} respondents (every respondent has one slot per item, "no answer" included)`,
              `câu hỏi "${it.id}" có ${s} câu trả lời nhưng đơn vị có ${u.respondents} người trả lời`,
              { file, unit: id },
            ),
          );
          break;
        }
      }
    }
  }
  if (problems.length) throw new ParIndexError(problems);
  const sorted: Record<string, UnitTally> = {};
  for (const id of Object.keys(t.units).sort()) {
    const u = t.units[id]!;
    sorted[id] = {
      respondents: u.respondents,
      ...(u.weight !== undefined ? { weight: u.weight } : {}),
      counts: u.counts,
      ...(u.weights ? { weights: u.weights } : {}),
      ...(u.weights2 ? { weights2: u.weights2 } : {}),
    };
  }
  // Read in the current form (a version 1 file's numbers are now strings), so it merges with any other tally.
  return deepFreeze({ ...t, format: `${TALLY_FORMAT}@${TALLY_FORMAT_VERSION}`, units: sorted });
}
