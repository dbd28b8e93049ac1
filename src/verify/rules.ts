/**
 * The rules a verification applies — tie rule, bands, maxima, index rounding, tolerance — taken from the
 * decision or the criteria set, and the arithmetic its checks share: a printed cell's tolerance, a numeric
 * discrepancy shown at the printed decimals, a band by its thresholds or its printed name.
 * @module
 */
import type { Lang } from '../core/errors.js';
import { maxOf } from '../core/lists.js';
import { Exact, type RoundingMode } from '../core/exact.js';
import type { Text } from '../core/text.js';
import type { CriteriaSet } from '../criteria/load.js';
import type { BandLevel } from '../criteria/schema.js';
import type { RankMethod, TieBreakKey } from '../ranking/rank.js';
import { type PublishedDecision, type PublishedRow } from './decision.js';
import { foldUnitName, type Printed } from './printed.js';
import type { Discrepancy } from './types.js';

export interface Rules {
  readonly method: RankMethod;
  readonly on: 'rounded' | 'exact';
  readonly tieBreak: readonly TieBreakKey[];
  readonly rankFrom: 'decision' | 'criteria' | 'default';
  readonly bands: { readonly on: 'rounded' | 'exact'; readonly levels: readonly BandLevel[] } | undefined;
  readonly bandsFrom: 'decision' | 'criteria' | null;
  readonly fieldInfo: ReadonlyMap<
    string,
    { readonly max?: number | undefined; readonly block?: 'bonus' | 'penalty' | undefined; readonly title?: string | undefined }
  >;
  readonly standardMax: number | undefined;
  readonly indexMode: RoundingMode;
  readonly indexPrecision: number;
  readonly tolerance: number | undefined;
  /** The declared tolerance of a sum of parts each rounded on its own (`partsTolerance:`, `--parts-tolerance`). */
  readonly partsTolerance: number | undefined;
  readonly groupBy: 'kind' | undefined;
}

export const t = (vi: string, en: string): Text => ({ vi, en });
export const X = (p: Printed): Exact => Exact.fromRatio(p.exact)!;

export function tolOf(p: Printed, rules: Rules): Exact {
  return rules.tolerance !== undefined ? Exact.of(rules.tolerance) : Exact.ratio(5, 10 ** (p.decimals + 1));
}

/**
 * How far a printed total may be from the sum of its printed parts when each part was rounded on its own: the
 * declared parts tolerance; else the declared tolerance of every cell; else the honest bound. Each printed part is
 * within ½·10^-dᵢ of its exact value and the printed total within ½·10^-d of the exact total, so the printed total
 * and the sum of the printed parts may differ by Σ ½·10^-dᵢ + ½·10^-d. When the parts and the total all print the
 * same d decimals, their difference is a whole number of 10^-d and cannot reach (n + 1) × ½·10^-d (the total's own
 * rounding takes back what the parts' rounding added at the extreme), so the bound is n × ½·10^-d.
 */
export function partsTolerance(parts: readonly Printed[], total: Printed, rules: Rules): { tol: Exact; rule: Text } {
  const n = parts.length;
  if (rules.partsTolerance !== undefined) {
    const v = Exact.of(rules.partsTolerance);
    return {
      tol: v,
      rule: t(
        `sai số khai báo cho tổng các phần ±${v.toString().replace('.', ',')}`,
        `declared tolerance of a sum of parts ±${v.toString()}`,
      ),
    };
  }
  if (rules.tolerance !== undefined) {
    const v = Exact.of(rules.tolerance);
    return { tol: v, rule: t(`sai số khai báo ±${v.toString().replace('.', ',')}`, `declared tolerance ±${v.toString()}`) };
  }
  const half = (d: number) => Exact.ratio(5, 10 ** (d + 1));
  const d = total.decimals;
  if (parts.every((p) => p.decimals === d)) {
    const v = half(d).mul(Exact.of(n));
    const h = show(half(d), d + 1, 'en');
    return {
      tol: v,
      rule: t(
        `${n} phần, mỗi phần làm tròn riêng đến ${d} chữ số thập phân: ${n} × ${h.replace('.', ',')} = ${show(v, d + 1, 'vi')}`,
        `${n} parts each rounded on its own to ${d} decimals: ${n} × ${h} = ${show(v, d + 1, 'en')}`,
      ),
    };
  }
  let v = half(d);
  for (const p of parts) v = v.add(half(p.decimals));
  const dec = maxOf([d, ...parts.map((p) => p.decimals)]) + 1;
  return {
    tol: v,
    rule: t(
      `${n} phần làm tròn riêng và tổng điểm làm tròn riêng: Σ ½·10^-dᵢ + ½·10^-d = ${show(v, dec, 'vi')}`,
      `${n} parts and the total each rounded on its own: Σ ½·10^-dᵢ + ½·10^-d = ${show(v, dec, 'en')}`,
    ),
  };
}

export function show(x: Exact | number, decimals: number, lang: Lang): string {
  const s = (typeof x === 'number' ? Exact.of(x) : x).toFixed(decimals);
  return lang === 'vi' ? s.replace('.', ',') : s;
}

/** A numeric discrepancy: expected shown at the printed decimals; delta = published − that (or − the exact value when they print the same). */
export function numeric(
  base: Omit<Discrepancy, 'published' | 'expected' | 'delta' | 'tolerance' | 'message' | 'messageVi'>,
  p: Printed,
  x: Exact,
  tol: Exact,
  mode: RoundingMode,
  en: (pub: string, exp: string) => string,
  vi: (pub: string, exp: string) => string,
): Discrepancy {
  const shown = x.round(p.decimals, mode);
  let delta = X(p).sub(shown);
  if (delta.isZero())
    delta = X(p)
      .sub(x)
      .round(p.decimals + 4, 'half-up');
  return {
    ...base,
    published: p.value,
    expected: shown.toNumber(),
    delta: delta.toNumber(),
    tolerance: tol.toNumber(),
    message: en(show(X(p), p.decimals, 'en'), show(shown, p.decimals, 'en')),
    messageVi: vi(show(X(p), p.decimals, 'vi'), show(shown, p.decimals, 'vi')),
  };
}

export function exceeds(p: Printed, x: Exact, tol: Exact): boolean {
  return X(p).sub(x).abs().gt(tol);
}

/** A field's contribution to the total: a penalty printed as a positive deduction subtracts. */
export function contribution(p: Printed, block: 'bonus' | 'penalty' | undefined): Exact {
  const v = X(p);
  return block === 'penalty' && v.sign() > 0 ? v.neg() : v;
}

export function rowBase(r: PublishedRow): { unit: string; unitId?: string; row: number } {
  return { unit: r.unit, ...(r.unitId !== undefined ? { unitId: r.unitId } : {}), row: r.row };
}

/**
 * The band of an index under the declared levels (same rule as scoring: first level whose range holds it).
 *
 * @example bandFor(set.bands!.levels, Exact.parse('79,39')!)?.label // 'Khá'
 */
export function bandFor(levels: readonly BandLevel[], x: Exact): BandLevel | undefined {
  for (const b of levels) {
    if (b.min !== undefined) {
      const c = x.cmp(Exact.of(b.min));
      if (c < 0 || (c === 0 && !b.minInclusive)) continue;
    }
    if (b.max !== undefined) {
      const c = x.cmp(Exact.of(b.max));
      if (c > 0 || (c === 0 && !b.maxInclusive)) continue;
    }
    return b;
  }
  return undefined;
}

export function matchBand(levels: readonly BandLevel[], text: string): BandLevel | undefined {
  const f = foldUnitName(text);
  return levels.find((b) => [b.id, b.label, b.labelEn].some((x) => x !== undefined && foldUnitName(x) === f));
}

export function stripPrefix(name: string): string {
  return name.replace(/^(UBND\s+)?(xã|phường|thị trấn|thị xã)\s+/iu, '');
}

export function resolveRules(
  d: PublishedDecision,
  set: CriteriaSet | undefined,
  tolerance: number | undefined,
  partsTolerance?: number,
): Rules {
  const fieldInfo = new Map<string, { max?: number | undefined; block?: 'bonus' | 'penalty' | undefined; title?: string | undefined }>();
  for (const n of set?.tree ?? []) fieldInfo.set(n.id, { max: n.block ? n.block.cap : n.max, block: n.block?.kind, title: n.title });
  for (const f of d.fields) {
    const had = fieldInfo.get(f.id);
    fieldInfo.set(f.id, { max: f.max ?? had?.max, block: f.block ?? had?.block, title: f.title ?? had?.title });
  }
  const setMax = set
    ? set.tree
        .reduce(
          (s, n) =>
            s.add(n.block ? (n.block.kind === 'bonus' && n.block.withinMax ? Exact.of(n.block.cap) : Exact.ZERO) : Exact.of(n.max ?? 0)),
          Exact.ZERO,
        )
        .toNumber()
    : undefined;
  const ranking = d.ranking ?? set?.ranking;
  return {
    method: ranking?.method ?? 'competition',
    on: ranking?.on ?? 'rounded',
    tieBreak: ranking?.tieBreak ?? [],
    rankFrom: d.ranking ? 'decision' : set ? 'criteria' : 'default',
    bands: d.bands ?? set?.bands,
    bandsFrom: d.bands ? 'decision' : set?.bands ? 'criteria' : null,
    fieldInfo,
    standardMax: d.max ?? setMax,
    indexMode: (set?.rounding.indexMode as RoundingMode | undefined) ?? 'half-up',
    indexPrecision: set?.rounding.indexPrecision ?? 2,
    tolerance: tolerance ?? d.tolerance,
    partsTolerance: partsTolerance ?? d.partsTolerance,
    groupBy: d.groupBy,
  };
}

export interface RowState {
  /** The index the rank and band checks read, and why. */
  key: Exact | null;
  keyNote?: Text;
  sumOk: boolean | null;
  indexOk: boolean | null;
}
