/**
 * Sampling weights as whole units of 10^-decimals, so that tallies sum them exactly (see `tally.ts`).
 * @module
 */

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
