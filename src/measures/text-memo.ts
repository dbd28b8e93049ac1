/**
 * A lookup table from short texts (cell contents: status words, dates, unit names) to values, for the per-row
 * paths of a million-row export. Pure: no Node.
 *
 * Why not a `Map`: every cell of a parsed file is a new string, so `Map#get` must hash it from scratch in the
 * engine's runtime — measured at about twice the cost of this table, whose hash is a plain loop the JIT compiles
 * (open addressing, linear probing, doubling at half load).
 * @module
 */

/**
 * A copy of a text that keeps nothing else alive. V8 makes a substring of 13 or more characters a slice of its
 * parent: a cell cut from a 64 KiB piece of a file keeps the whole piece alive as long as the cell is kept, so
 * ids kept in a summary, or texts remembered while reading, would hold on to the file's text piece by piece —
 * memory growing with the file after all. Shorter substrings are copies already.
 *
 * @example const id = ownText(cells[0]) // safe to keep for the whole read
 */
export function ownText(s: string): string {
  // Concatenating makes a rope; slicing it flattens the rope into a new string, which the result slices.
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Slots of a new table; it doubles as it fills. */
const INITIAL_SLOTS = 16;

/**
 * Up to this many entries a lookup compares the text with each key in turn instead of hashing it: a status,
 * channel or mode column holds a handful of texts, and comparing with them (most differ in length) costs about
 * half of hashing the cell (docs/performance-history.md).
 */
const FEW_ENTRIES = 8;

/**
 * A memo from texts to values. `limit` bounds the number of entries (later `set`s are ignored), so memory stays
 * fixed when a column turns out to hold unique texts; keys are kept as {@link ownText} copies.
 *
 * @example
 * ```ts
 * const m = new TextMemo<number>(4096);
 * m.set('Đã giải quyết', 1);
 * m.get('Đã giải quyết'); // 1
 * m.get('Rút hồ sơ');     // undefined
 * ```
 */
export class TextMemo<T> {
  /** Entries held. */
  size = 0;
  private keys: (string | undefined)[] = new Array<string | undefined>(INITIAL_SLOTS).fill(undefined);
  private values: (T | undefined)[] = new Array<T | undefined>(INITIAL_SLOTS).fill(undefined);
  private mask = INITIAL_SLOTS - 1;
  /** The first {@link FEW_ENTRIES} keys and their values, in the order set: searched in turn while there are no more. */
  private readonly fewKeys: string[] = [];
  private readonly fewValues: (T | undefined)[] = [];

  /** @param limit the most entries kept (default: no limit). */
  constructor(private readonly limit = Infinity) {}

  /** The value of a text, or undefined when it was never set. */
  get(text: string): T | undefined {
    if (this.size <= FEW_ENTRIES) {
      const few = this.fewKeys;
      for (let i = 0; i < few.length; i++) if (few[i] === text) return this.fewValues[i];
      return undefined;
    }
    const keys = this.keys;
    for (let i = hashText(text) & this.mask; ; i = (i + 1) & this.mask) {
      const k = keys[i];
      if (k === undefined) return undefined;
      if (k === text) return this.values[i];
    }
  }

  /** Sets the value of a text (ignored once `limit` entries are held, unless the text is one of them). */
  set(text: string, value: T): void {
    for (let i = hashText(text) & this.mask; ; i = (i + 1) & this.mask) {
      const k = this.keys[i];
      if (k === text) {
        this.values[i] = value;
        const j = this.fewKeys.indexOf(text);
        if (j >= 0) this.fewValues[j] = value;
        return;
      }
      if (k === undefined) {
        if (this.size >= this.limit) return;
        const own = ownText(text);
        this.keys[i] = own;
        this.values[i] = value;
        this.size++;
        if (this.size <= FEW_ENTRIES) {
          this.fewKeys.push(own);
          this.fewValues.push(value);
        }
        if (this.size * 2 > this.keys.length) this.grow();
        return;
      }
    }
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    const slots = keys.length * 2;
    this.keys = new Array<string | undefined>(slots).fill(undefined);
    this.values = new Array<T | undefined>(slots).fill(undefined);
    this.mask = slots - 1;
    for (let j = 0; j < keys.length; j++) {
      const k = keys[j];
      if (k === undefined) continue;
      let i = hashText(k) & this.mask;
      while (this.keys[i] !== undefined) i = (i + 1) & this.mask;
      this.keys[i] = k;
      this.values[i] = values[j];
    }
  }
}

/** FNV-1a over the UTF-16 code units, with a final xor-shift so the low bits (the slot) depend on every unit. */
function hashText(s: string): number {
  let h = 0x811c9dc5 ^ s.length;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h ^ (h >>> 15);
}
