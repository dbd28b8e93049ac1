/**
 * The order of dossier ids (code units, as `a < b` decides it) and the fast paths that keep it cheap on the
 * per-record path of a million-row export. Pure: no Node.
 * @module
 */

/**
 * Code-unit order of two ids, as `a < b` decides it. Written out because V8 compares two-byte strings (any
 * cell of a file with Vietnamese text in it) through a slow runtime call, several times per record here.
 */
export function idLess(a: string, b: string): boolean {
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
export function idKey(id: string): number {
  let k = 0;
  for (let i = 0; i < 6; i++) {
    const c = i < id.length ? id.charCodeAt(i) : 0;
    if (c > 255) return NaN;
    k = k * 256 + c;
  }
  return k;
}

/** The smallest `limit` of two lists of ids, each smallest first, merged (a new array). */
export function mergeSmallest(a: readonly string[], b: readonly string[], limit: number): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (out.length < limit && (i < a.length || j < b.length)) {
    if (j >= b.length || (i < a.length && !idLess(b[j]!, a[i]!))) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}
