/**
 * Exact arithmetic for points (điểm) and indices.
 *
 * Why not floats: a decision prints "97,75 % × 2 điểm = 1,96 điểm" (half-up), while 97.75 * 2 / 100 in
 * binary floating point is 1.95499999…, which rounds to 1.95. Every quantity is therefore a rational number
 * `n / d` held in lowest terms. While numerator and denominator are safe integers the arithmetic runs on plain
 * numbers (fast); when an operation would leave that range it continues on BigInt, so it is never wrong.
 *
 * Why not a library: fraction.js (which mathjs uses) always works on BigInt, which is several times slower on
 * the scoring hot path; decimal.js cannot hold 1/3 exactly. This module is small and fully property-tested.
 * @module
 */

/**
 * How a value is rounded to its declared precision (cách làm tròn).
 *
 * @example `Exact.parse('1.955')!.round(2, 'half-even' satisfies RoundingMode).toString() // "1.96"`
 */
export type RoundingMode =
  /** Round half away from zero: 1.955 → 1.96, −1.955 → −1.96 (the usual "làm tròn" of Vietnamese texts). */
  | 'half-up'
  /** Round half to even (banker's rounding): 1.965 → 1.96. */
  | 'half-even'
  /** Truncate toward zero: 1.969 → 1.96. */
  | 'down'
  /** Away from zero: 1.961 → 1.97. */
  | 'up';

/** The rounding modes a criteria set may declare, for validation and documentation. @example `ROUNDING_MODES.includes('half-up') // true` */
export const ROUNDING_MODES: readonly RoundingMode[] = ['half-up', 'half-even', 'down', 'up'];

const POW10: number[] = [];
for (let i = 0, p = 1; i <= 15; i++, p *= 10) POW10.push(p);

function gcdNum(a: number, b: number): number {
  a = Math.abs(a);
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

function gcdBig(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

const safe = Number.isSafeInteger;
/** A safe integer, and so a number (a bigint is never one): what the number path takes. */
const small = (x: number | bigint): x is number => safe(x);

const SMALL_INTS = 4096;
const SMALL: (Exact | undefined)[] = new Array<Exact | undefined>(SMALL_INTS);

/**
 * An exact rational number. Immutable.
 *
 * @example
 * ```ts
 * const p = Exact.parse('97,75').mul(Exact.of(2)).div(Exact.of(100));
 * p.round(2, 'half-up').toFixed(2); // "1.96"
 * ```
 */
export class Exact {
  /** Numerator when small (safe integer); NaN when the value lives in `bn`/`bd`. */
  private readonly n: number;
  /** Denominator when small (> 0). */
  private readonly d: number;
  private readonly bn: bigint | undefined;
  private readonly bd: bigint | undefined;

  private constructor(n: number, d: number, bn?: bigint, bd?: bigint) {
    this.n = n;
    this.d = d;
    this.bn = bn;
    this.bd = bd;
  }

  /** Zero. */
  static readonly ZERO = new Exact(0, 1);
  /** One. */
  static readonly ONE = new Exact(1, 1);
  /** One hundred (for percentages). */
  static readonly HUNDRED = new Exact(100, 1);

  /** Builds `n / d` from integers, reducing to lowest terms. Throws on a zero denominator. */
  static ratio(n: number | bigint, d: number | bigint = 1): Exact {
    if (small(n) && small(d)) return Exact.fromSmall(n, d);
    return Exact.fromBig(BigInt(n), BigInt(d));
  }

  private static fromSmall(n: number, d: number): Exact {
    if (d === 0) throw new RangeError('Exact: division by zero');
    if (d < 0) {
      n = -n;
      d = -d;
    }
    if (n === 0) return Exact.ZERO;
    if (d === 1) return new Exact(n, 1);
    const g = gcdNum(n, d);
    return g === 1 ? new Exact(n, d) : new Exact(n / g, d / g);
  }

  private static fromBig(n: bigint, d: bigint): Exact {
    if (d === 0n) throw new RangeError('Exact: division by zero');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcdBig(n, d);
    if (g > 1n) {
      n /= g;
      d /= g;
    }
    const sn = Number(n);
    const sd = Number(d);
    // A bigint past 2^53 − 1 converts to at least 2^53, never to a safe number: safe here means exact.
    if (safe(sn) && safe(sd)) return sn === 0 ? Exact.ZERO : new Exact(sn, sd);
    return new Exact(Number.NaN, Number.NaN, n, d);
  }

  /**
   * The exact decimal that a finite JavaScript number was written as (its shortest round-trip form):
   * `Exact.of(0.1)` is exactly 1/10. Throws a RangeError for NaN and ±Infinity.
   */
  static of(x: number): Exact {
    if (safe(x)) {
      // Counts read from evidence are mostly small: share one object per small integer instead of allocating.
      if (x >= 0 && x < SMALL_INTS) return (SMALL[x] ??= x === 0 ? Exact.ZERO : new Exact(x, 1));
      return new Exact(x, 1);
    }
    if (!Number.isFinite(x)) throw new RangeError(`Exact: not a finite number: ${x}`);
    return Exact.parseDecimal(String(x));
  }

  /**
   * Parses a decimal written as text: "0,25" (Vietnamese comma), "0.25", "-3", "1e-3", "31,50".
   * Thousands separators are not accepted (ambiguous between "1.000" and "1,000"). Returns undefined when
   * the text is not a plain decimal number, or is one no figure needs and exact arithmetic should not try:
   * longer than 60 characters or with an exponent beyond ±400 ("1e9999999999" would exhaust BigInt).
   */
  static parse(text: string): Exact | undefined {
    const t = text.trim().replace(',', '.');
    if (t.length > 60 || !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
    const e = /[eE]([+-]?\d+)$/.exec(t);
    if (e !== null && Math.abs(Number(e[1])) > 400) return undefined;
    return Exact.parseDecimal(t);
  }

  private static parseDecimal(t: string): Exact {
    let exp = 0;
    const e = t.search(/[eE]/);
    if (e >= 0) {
      exp = Number(t.slice(e + 1));
      t = t.slice(0, e);
    }
    const dot = t.indexOf('.');
    if (dot >= 0) exp -= t.length - dot - 1;
    // BigInt reads the sign and leading zeros itself ("-007" → -7n, "+.5" → "+5" → 5n); `parse` let only digits by.
    const n = BigInt(dot >= 0 ? t.slice(0, dot) + t.slice(dot + 1) : t);
    if (exp >= 0) return Exact.fromBig(n * 10n ** BigInt(exp), 1n);
    return Exact.fromBig(n, 10n ** BigInt(-exp));
  }

  private get big(): boolean {
    return this.bn !== undefined;
  }
  private get N(): bigint {
    return this.bn ?? BigInt(this.n);
  }
  private get D(): bigint {
    return this.bd ?? BigInt(this.d);
  }

  /** this + other, exactly. */
  add(o: Exact): Exact {
    // A fast-path guard: a BigInt operand fails it anyway (its numbers are NaN), and the BigInt path gives the same value.
    // Stryker disable next-line all: equivalent mutants (docs/testing.md)
    if (!this.big && !o.big) {
      if (this.d === o.d) {
        const s = this.n + o.n;
        if (safe(s)) return this.d === 1 ? (s === 0 ? Exact.ZERO : new Exact(s, 1)) : Exact.fromSmall(s, this.d);
      } else {
        const a = this.n * o.d;
        const b = o.n * this.d;
        const dd = this.d * o.d;
        const s = a + b;
        if (safe(a) && safe(b) && safe(dd) && safe(s)) return Exact.fromSmall(s, dd);
      }
    }
    return Exact.fromBig(this.N * o.D + o.N * this.D, this.D * o.D);
  }

  /** this − other, exactly. */
  sub(o: Exact): Exact {
    return this.add(o.neg());
  }

  /** this × other, exactly. */
  mul(o: Exact): Exact {
    // A fast-path guard: a BigInt operand fails it anyway (its numbers are NaN), and the BigInt path gives the same value.
    // Stryker disable next-line all: equivalent mutants (docs/testing.md)
    if (!this.big && !o.big) {
      const nn = this.n * o.n;
      const dd = this.d * o.d;
      if (safe(nn) && safe(dd)) return Exact.fromSmall(nn, dd);
    }
    return Exact.fromBig(this.N * o.N, this.D * o.D);
  }

  /**
   * this × b ÷ c in one step (one reduction instead of two): the hot path of proportional points,
   * max × numerator ÷ base. Throws a RangeError when c is zero.
   */
  mulDiv(b: Exact, c: Exact): Exact {
    // A zero c makes the denominator 0 on either path, which fromSmall and fromBig refuse with the RangeError.
    // A fast-path guard: a BigInt operand fails it anyway (its numbers are NaN), and the BigInt path gives the same value.
    // Stryker disable next-line all: equivalent mutants (docs/testing.md)
    if (!this.big && !b.big && !c.big) {
      const nn = this.n * b.n * c.d;
      const dd = this.d * b.d * c.n;
      if (safe(nn) && safe(dd)) return Exact.fromSmall(nn, dd);
    }
    return Exact.fromBig(this.N * b.N * c.D, this.D * b.D * c.N);
  }

  /**
   * The value as a whole number of 10^-precision units (1.96 at precision 2 → 196), or undefined when it is not
   * a multiple of 10^-precision or too large: sums of rounded points are then added as plain integers.
   */
  scaled(precision: number): number | undefined {
    // Stryker disable next-line LogicalOperator: with `&&`, a big value's NaN denominator fails the test below alike.
    if (this.big || precision > 15) return undefined;
    const scale = POW10[precision]!;
    if (scale % this.d !== 0) return undefined;
    const v = this.n * (scale / this.d);
    return safe(v) ? v : undefined;
  }

  /** this ÷ other, exactly. Throws a RangeError when other is zero. */
  div(o: Exact): Exact {
    // A zero o makes the denominator 0 on either path, which fromSmall and fromBig refuse with the RangeError.
    // A fast-path guard: a BigInt operand fails it anyway (its numbers are NaN), and the BigInt path gives the same value.
    // Stryker disable next-line all: equivalent mutants (docs/testing.md)
    if (!this.big && !o.big) {
      const nn = this.n * o.d;
      const dd = this.d * o.n;
      if (safe(nn) && safe(dd)) return Exact.fromSmall(nn, dd);
    }
    return Exact.fromBig(this.N * o.D, this.D * o.N);
  }

  /** −this. */
  neg(): Exact {
    return this.big ? new Exact(Number.NaN, Number.NaN, -this.N, this.D) : this.n === 0 ? this : new Exact(-this.n, this.d);
  }

  /** |this|. */
  abs(): Exact {
    return this.sign() < 0 ? this.neg() : this;
  }

  /** −1, 0 or 1. */
  sign(): -1 | 0 | 1 {
    if (this.big) return this.bn! > 0n ? 1 : this.bn! < 0n ? -1 : 0;
    return this.n > 0 ? 1 : this.n < 0 ? -1 : 0;
  }

  /** True when the value is exactly zero. */
  isZero(): boolean {
    return this.sign() === 0;
  }

  /** Compares exactly: negative if this < other, 0 if equal, positive if greater. */
  cmp(o: Exact): number {
    if (!this.big && !o.big) {
      if (this.d === o.d) return this.n - o.n;
      const a = this.n * o.d;
      const b = o.n * this.d;
      if (safe(a) && safe(b)) return a - b;
    }
    const diff = this.N * o.D - o.N * this.D;
    return diff > 0n ? 1 : diff < 0n ? -1 : 0;
  }

  /** Exact equality (2/4 equals 1/2). */
  eq(o: Exact): boolean {
    return this.cmp(o) === 0;
  }
  /** Less than. */
  lt(o: Exact): boolean {
    return this.cmp(o) < 0;
  }
  /** Less than or equal. */
  lte(o: Exact): boolean {
    return this.cmp(o) <= 0;
  }
  /** Greater than. */
  gt(o: Exact): boolean {
    return this.cmp(o) > 0;
  }
  /** Greater than or equal. */
  gte(o: Exact): boolean {
    return this.cmp(o) >= 0;
  }

  /** The smaller of the two. */
  min(o: Exact): Exact {
    return this.cmp(o) <= 0 ? this : o;
  }
  /** The larger of the two. */
  max(o: Exact): Exact {
    return this.cmp(o) >= 0 ? this : o;
  }
  /** Clamps into [lo, hi]. */
  clamp(lo: Exact, hi: Exact): Exact {
    return this.max(lo).min(hi);
  }

  /** True when the value is a whole number. */
  isInteger(): boolean {
    return this.big ? this.bd === 1n : this.d === 1;
  }

  /**
   * Rounds to `precision` decimals with `mode`, exactly: `Exact.parse('1.955').round(2, 'half-up')` is 1.96.
   */
  round(precision: number, mode: RoundingMode): Exact {
    if (!this.big && precision <= 15) {
      const scale = POW10[precision]!;
      if (scale % this.d === 0) return this; // already representable at this precision
      const scaled = this.n * scale;
      if (safe(scaled)) {
        const neg = scaled < 0;
        const a = Math.abs(scaled);
        let q = Math.floor(a / this.d);
        const r = a - q * this.d;
        q = roundQuotient(q, r, this.d, mode);
        return Exact.fromSmall(neg ? -q : q, scale);
      }
    }
    const scale = 10n ** BigInt(precision);
    const scaled = this.N * scale;
    const neg = scaled < 0n;
    const a = neg ? -scaled : scaled;
    const d = this.D;
    let q = a / d;
    const r = a - q * d;
    const twice = 2n * r;
    let up = false;
    if (r !== 0n) {
      if (mode === 'up') up = true;
      else if (mode === 'half-up') up = twice >= d;
      else if (mode === 'half-even') up = twice > d || (twice === d && q % 2n === 1n);
    }
    if (up) q += 1n;
    return Exact.fromBig(neg ? -q : q, scale);
  }

  /** The nearest JavaScript number. For a value rounded to p ≤ 15 decimals it prints as that decimal. */
  toNumber(): number {
    if (!this.big) return this.n / this.d;
    // The nearest double: 53 bits of the quotient on BigInt, rounded half-even on the exact remainder (decimal
    // digits parsed by Number() were a hair off near a midpoint between two doubles: 3 in a million values).
    const n = this.N < 0n ? -this.N : this.N;
    const d = this.D;
    // n·2^s / d in [2^52, 2^54) for this s; one step down when it is 2^53 or more.
    let s = 53 - (n.toString(2).length - d.toString(2).length);
    const quotient = (t: number): [bigint, bigint] => {
      const [a, b] = t >= 0 ? [n << BigInt(t), d] : [n, d << BigInt(-t)];
      return [a / b, a % b];
    };
    let [q, r] = quotient(s);
    if (q >= TWO_53) [q, r] = quotient(--s);
    const b = s >= 0 ? d : d << BigInt(-s);
    if (2n * r > b || (2n * r === b && (q & 1n) === 1n)) q += 1n;
    return (this.N < 0n ? -1 : 1) * timesPowerOfTwo(Number(q), -s);
  }

  /**
   * Exact decimal text with `precision` decimals, rounded with `mode` (default half-up); "." as separator.
   * @example Exact.ratio(1, 3).toFixed(4) // "0.3333"
   */
  toFixed(precision: number, mode: RoundingMode = 'half-up'): string {
    const r = this.round(precision, mode);
    if (!r.big && precision <= 15) {
      // r = n / d with d dividing 10^precision: scale the numerator to 10^precision exactly on integers.
      const scaled = r.n * (POW10[precision]! / r.d);
      if (safe(scaled)) return digitsToFixed(String(Math.abs(scaled)), precision, scaled < 0);
    }
    const scaled = (r.N * 10n ** BigInt(precision)) / r.D; // exact: r has a denominator dividing 10^precision
    const neg = scaled < 0n;
    return digitsToFixed((neg ? -scaled : scaled).toString(), precision, neg);
  }

  /**
   * Shortest exact decimal text when the value is a terminating decimal with at most `maxDecimals` decimals;
   * otherwise the value rounded half-up to `maxDecimals` with a leading "≈".
   */
  toString(maxDecimals = 6): string {
    if (!this.big && this.d === 1) return String(this.n);
    const fixed = this.toFixed(maxDecimals);
    const exact = this.round(maxDecimals, 'down').eq(this);
    const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
    return exact ? trimmed : `≈${trimmed}`;
  }

  /** The exact value as "n/d" (or "n" for a whole number), which {@link Exact.fromRatio} reads back. */
  toRatio(): string {
    const n = this.big ? this.N.toString() : String(this.n);
    const d = this.big ? this.D.toString() : String(this.d);
    return d === '1' ? n : `${n}/${d}`;
  }

  /** Reads "n/d", "n" or a decimal back into an exact value; undefined when the text is not one. */
  static fromRatio(text: string): Exact | undefined {
    const m = /^(-?\d+)\/(\d+)$/.exec(text.trim());
    if (m) return m[2] === '0' ? undefined : Exact.ratio(BigInt(m[1]!), BigInt(m[2]!));
    return Exact.parse(text);
  }

  /** Serialises as a number in JSON (only exact decimals should reach JSON; round first). */
  toJSON(): number {
    return this.toNumber();
  }
}

const TWO_53 = 2n ** 53n;

/** x · 2^e, in steps that neither overflow nor underflow on the way (a subnormal result is rounded once more). */
function timesPowerOfTwo(x: number, e: number): number {
  for (; e > 1000; e -= 1000) x *= 2 ** 1000;
  for (; e < -1000; e += 1000) x *= 2 ** -1000;
  return x * 2 ** e;
}

function digitsToFixed(digits: string, precision: number, neg: boolean): string {
  let s = digits;
  if (precision > 0) {
    s = s.padStart(precision + 1, '0');
    s = `${s.slice(0, -precision)}.${s.slice(-precision)}`;
  }
  return (neg ? '-' : '') + s;
}

function roundQuotient(q: number, r: number, d: number, mode: RoundingMode): number {
  if (r === 0) return q;
  switch (mode) {
    case 'down':
      return q;
    case 'up':
      return q + 1;
    case 'half-up':
      return 2 * r >= d ? q + 1 : q;
    case 'half-even':
      return 2 * r > d || (2 * r === d && q % 2 === 1) ? q + 1 : q;
  }
}

/**
 * Sums exactly.
 *
 * @example `sumExact([Exact.parse('0.1')!, Exact.parse('0.2')!]).toString() // "0.3", never 0.30000000000000004`
 */
export function sumExact(values: Iterable<Exact>): Exact {
  let s = Exact.ZERO;
  for (const v of values) s = s.add(v);
  return s;
}
