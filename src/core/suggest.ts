/**
 * "Did you mean …" (có phải là …): the declared names closest to a name that is not declared. Folding (case,
 * Vietnamese diacritics, đ → d) is used only to rank suggestions; identity stays exact everywhere else.
 * @module
 */

/** A name folded for comparison only: lower case, diacritics removed, đ/Đ read as d. */
export function foldName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** Levenshtein distance with adjacent transpositions (optimal string alignment), capped at `limit + 1`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1);
    row[0] = i;
    rows.push(row);
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
  }
  return rows[a.length]![b.length]!;
}

/**
 * The declared names a mistyped `name` most likely meant, best first (at most `max`): those equal to it once
 * folded, then those within a small edit distance of it (folded), nearest first.
 *
 * @example `suggestNames('hoso.dunghan', ['hoso.dungHan', 'hoso.tong']) // ['hoso.dungHan']`
 */
export function suggestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const f = foldName(name);
  // Short names tolerate one edit; longer ones about one edit per four characters, at most three.
  const limit = Math.min(3, Math.max(1, Math.floor(f.length / 4)));
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    if (c === name) continue;
    const d = distance(f, foldName(c), limit);
    if (d <= limit) scored.push({ c, d });
  }
  scored.sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : x.c > y.c ? 1 : 0));
  return scored.slice(0, max).map((x) => x.c);
}

/**
 * The "did you mean" tail of a message in English and Vietnamese; empty strings when nothing is close.
 *
 * @example `didYouMean(['hoso.dungHan']) // { en: '; did you mean "hoso.dungHan"?', vi: '; có phải là "hoso.dungHan"?' }`
 */
export function didYouMean(suggestions: readonly string[]): { en: string; vi: string } {
  if (suggestions.length === 0) return { en: '', vi: '' };
  const list = suggestions.map((s) => `"${s}"`);
  const en = list.length === 1 ? list[0]! : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]!}`;
  const vi = list.length === 1 ? list[0]! : `${list.slice(0, -1).join(', ')} hay ${list[list.length - 1]!}`;
  return { en: `; did you mean ${en}?`, vi: `; có phải là ${vi}?` };
}
