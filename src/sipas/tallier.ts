/**
 * Counting respondents into a tally ({@link Tally}): the streaming {@link Tallier} and {@link tallyRows} for
 * respondents given as plain objects.
 * @module
 */
import { deepFreeze, isProtoKey } from '../core/document.js';
import { issue, ParIndexError } from '../core/errors.js';
import { beyondLimit, resolveLimits, type Limits } from '../core/limits.js';
import { BLANK, layoutOf, type Layout } from './layout.js';
import type { Questionnaire } from './questionnaire.js';
import { layoutJson, TALLY_FORMAT, TALLY_FORMAT_VERSION, type Tally, type UnitTally } from './tally.js';
import { weightUnits } from './weights.js';

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

  private readonly maxUnits: number;
  private readonly file: string | undefined;

  /**
   * `limits.maxUnits` bounds the units named (each holds a tally of the layout's size); `file` names the table in
   * the message.
   */
  constructor(q: Questionnaire, opts: { weighted?: boolean; limits?: Partial<Limits> | undefined; file?: string | undefined } = {}) {
    this.q = q;
    this.layout = layoutOf(q);
    this.weighted = opts.weighted ?? false;
    this.decimals = q.options.weights.decimals;
    this.maxUnits = resolveLimits(opts.limits).maxUnits;
    this.file = opts.file;
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
      if (this.ids.length >= this.maxUnits)
        throw beyondLimit(
          'maxUnits',
          `more than ${this.maxUnits}`,
          this.maxUnits,
          { en: 'the responses name too many units', vi: 'phiếu khảo sát có quá nhiều đơn vị' },
          ['units'],
          this.file,
        );
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
export function tallyRows(
  q: Questionnaire,
  rows: readonly Respondent[],
  opts: { weighted?: boolean; limits?: Partial<Limits> | undefined } = {},
): Tally {
  const weighted = opts.weighted ?? rows.some((r) => r.weight !== undefined);
  const t = new Tallier(q, { weighted, limits: opts.limits });
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
