/**
 * The longest common subsequence of two id lists: the ids kept in order, so a node merely shifted by an insertion
 * or removal before it is neither "moved" in a diff nor a removal and insertion in patches.
 * @module
 */

/** The longest common subsequence of two id lists; returns the ids kept in order. */
export function lcs(x: readonly string[], y: readonly string[]): Set<string> {
  const n = x.length;
  const m = y.length;
  const t: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) t[i]![j] = x[i] === y[j] ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!);
  const keep = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      keep.add(x[i]!);
      i++;
      j++;
    } else if (t[i + 1]![j]! >= t[i]![j + 1]!) i++;
    else j++;
  }
  return keep;
}
