/**
 * Lists of any length without the call stack: `out.push(...list)` and `Math.max(...list)` pass every item as an
 * argument, and a hostile file that makes the list long (200 000 problems) overflows the stack. These loop.
 * @module
 */

/** Appends a list to another one item by item; returns `out`. */
export function pushAll<T>(out: T[], list: Iterable<T>): T[] {
  for (const x of list) out.push(x);
  return out;
}

/** The largest of some numbers (`-Infinity` for none, as `Math.max()`). */
export function maxOf(xs: Iterable<number>): number {
  let m = -Infinity;
  for (const x of xs) if (x > m || Number.isNaN(x)) m = x;
  return m;
}

/** The smallest of some numbers (`Infinity` for none, as `Math.min()`). */
export function minOf(xs: Iterable<number>): number {
  let m = Infinity;
  for (const x of xs) if (x < m || Number.isNaN(x)) m = x;
  return m;
}
