/**
 * The duplicate-id filter of the dossier aggregator: a fixed-size blocked Bloom filter. Pure: no Node.
 * @module
 */

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

/** Murmur3's 32-bit finaliser: every input bit flips each output bit with probability about one half. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
