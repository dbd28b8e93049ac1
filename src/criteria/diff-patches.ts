/**
 * The patches (immer's format) that turn one criteria set's data into another's: what an amendment records for
 * the defaults a schema fills in, and what `diffPatches` gives a caller.
 * @module
 */
import type { Patch } from 'immer';
import { deepFreeze } from '../core/document.js';
import { canonicalJson } from '../core/hash.js';
import { lcs } from './lcs.js';
import type { CriteriaSet } from './load.js';
import type { CriteriaSetData } from './schema.js';

const same = (x: unknown, y: unknown) => canonicalJson(x) === canonicalJson(y);

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function keyedIds(xs: readonly unknown[]): string[] | undefined {
  const ids: string[] = [];
  for (const x of xs) {
    if (!isObject(x) || typeof x['id'] !== 'string') return undefined;
    ids.push(x['id']);
  }
  return new Set(ids).size === ids.length ? ids : undefined;
}

function diffValue(x: unknown, y: unknown, path: (string | number)[], out: Patch[]): void {
  if (same(x, y)) return;
  if (isObject(x) && isObject(y)) {
    for (const k of Object.keys(x).sort()) {
      if (x[k] === undefined) continue;
      if (y[k] === undefined) out.push({ op: 'remove', path: [...path, k] });
      else diffValue(x[k], y[k], [...path, k], out);
    }
    for (const k of Object.keys(y).sort()) {
      if (y[k] !== undefined && x[k] === undefined) out.push({ op: 'add', path: [...path, k], value: clone(y[k]) });
    }
    return;
  }
  if (Array.isArray(x) && Array.isArray(y)) {
    const kx = keyedIds(x);
    const ky = keyedIds(y);
    if (kx && ky) {
      // Arrays of nodes (or band levels): remove what left, insert what came, then diff what stayed — so a moved
      // node is one removal and one insertion, not a cascade of replaced siblings.
      const keep = lcs(kx, ky);
      for (let i = x.length - 1; i >= 0; i--) if (!keep.has(kx[i]!)) out.push({ op: 'remove', path: [...path, i] });
      ky.forEach((id, j) => {
        if (!keep.has(id)) out.push({ op: 'add', path: [...path, j], value: clone<unknown>(y[j]) });
      });
      const at = new Map(kx.map((id, i) => [id, i]));
      ky.forEach((id, j) => {
        if (keep.has(id)) diffValue(x[at.get(id)!], y[j], [...path, j], out);
      });
      return;
    }
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) diffValue(x[i], y[i], [...path, i], out);
    for (let i = x.length - 1; i >= n; i--) out.push({ op: 'remove', path: [...path, i] });
    for (let i = n; i < y.length; i++) out.push({ op: 'add', path: [...path, i], value: clone<unknown>(y[i]) });
    return;
  }
  out.push({ op: 'replace', path, value: clone(y) });
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/**
 * The patches (immer's format: `{ op, path, value }`) that turn `a`'s data into `b`'s: applying them with
 * immer's `applyPatches` to {@link criteriaData}(a) gives data with `b`'s content hash. Nodes are matched by id
 * within each children list, so a moved node is one `remove` and one `add`.
 *
 * @example
 * ```ts
 * import { applyPatches } from 'immer';
 * const data = applyPatches(criteriaData(a), diffPatches(a, b));
 * loadCriteriaSet(data).hash === b.hash; // true
 * ```
 */
export function diffPatches(a: CriteriaSet | CriteriaSetData, b: CriteriaSet | CriteriaSetData): readonly Patch[] {
  const out: Patch[] = [];
  diffValue(plain(a), plain(b), [], out);
  return deepFreeze(out);
}

function plain(s: CriteriaSet | CriteriaSetData): Record<string, unknown> {
  const { hash: _h, ...rest } = s as CriteriaSetData & { hash?: string };
  void _h;
  return rest;
}
