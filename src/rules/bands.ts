/**
 * Rule kind `bands` (thang mức): a threshold table on a measure or on a ratio in percent, e.g. "100% → 1 điểm;
 * từ 80% đến dưới 100% → 0,5 điểm; dưới 80% → 0". Each bound's inclusiveness is explicit.
 * @module
 */
import { z } from 'zod';
import { Exact } from '../core/exact.js';
import { fmt, t } from '../core/text.js';
import { Id, NodeId } from '../core/zod-helpers.js';
import {
  BandRow,
  baseZeroOutcome,
  compileRows,
  checkRanges,
  checkRowPoints,
  checkShare,
  checkUnsigned,
  missingOutcome,
  RatioSpec,
  ruleIssue,
  scoreRows,
  WhenBaseZero,
} from './common.js';
import type { RuleKind } from './types.js';
import { pushAll } from '../core/lists.js';

export const BandsParams = z.strictObject({
  /** Points by the band a measure's value falls in. */
  kind: z.literal('bands'),
  /** The measure the table reads. Give either `measure` or `ratio`. */
  measure: Id.optional(),
  /** A ratio numerator ÷ base, read in percent (0–100). */
  ratio: RatioSpec.optional(),
  /** With `ratio`: policy when the base is zero. */
  whenBaseZero: WhenBaseZero.optional(),
  /** Nodes that share this node's points when it has no case (không phát sinh). */
  shareWith: z.array(NodeId).optional(),
  /** The bands of values and their points. */
  bands: z.array(BandRow).min(1),
});
export type BandsParams = z.output<typeof BandsParams>;

export const bandsRule: RuleKind<BandsParams> = {
  kind: 'bands',
  schema: BandsParams,
  title: t('thang mức', 'threshold table'),
  reads: (p) => ({ measures: p.ratio ? [p.ratio.numerator, p.ratio.base] : p.measure ? [p.measure] : [] }),
  check(p, ctx) {
    const out = [];
    if ((p.measure === undefined) === (p.ratio === undefined)) {
      out.push(ruleIssue(ctx, 'schema.required', [], 'give exactly one of measure or ratio', 'cần đúng một trong hai: measure hoặc ratio'));
      return out;
    }
    if (p.ratio && p.whenBaseZero === undefined) {
      out.push(
        ruleIssue(
          ctx,
          'schema.required',
          ['whenBaseZero'],
          'a ratio needs whenBaseZero: what happens when no case arose',
          'tỷ lệ cần whenBaseZero: cách tính khi không phát sinh',
        ),
      );
    }
    if (p.measure && p.whenBaseZero !== undefined) {
      out.push(
        ruleIssue(ctx, 'schema.invalid-value', ['whenBaseZero'], 'whenBaseZero applies only to a ratio', 'whenBaseZero chỉ dùng với tỷ lệ'),
      );
    }
    pushAll(out, checkShare(p.whenBaseZero, p.shareWith, ctx));
    if (p.ratio)
      pushAll(out, [
        ...checkUnsigned(
          ctx,
          [p.ratio.numerator, p.ratio.base],
          [
            ['ratio', 'numerator'],
            ['ratio', 'base'],
          ],
        ),
      ]);
    const decl = p.measure ? ctx.measures.get(p.measure) : undefined;
    const domain = p.ratio ? { min: 0, max: 100 } : { min: decl?.min, max: decl?.max };
    pushAll(
      out,
      checkRanges(p.bands, domain, (code, i, en, vi) => ruleIssue(ctx, code, ['bands', i], en, vi)),
    );
    pushAll(out, checkRowPoints(p.bands, ctx, ['bands']));
    return out;
  },
  compile(p, ctx) {
    const max = ctx.max;
    const rows = compileRows(p.bands);
    const name = p.ratio
      ? t(`tỷ lệ ${p.ratio.numerator}/${p.ratio.base} (%)`, `rate ${p.ratio.numerator}/${p.ratio.base} (%)`)
      : t(p.measure ?? '', p.measure ?? '');
    const zeroWhat = p.ratio ? t(`mẫu số (${p.ratio.base})`, `the base (${p.ratio.base})`) : undefined;
    return (ev, trace) => {
      if (p.ratio) {
        const ratio = p.ratio;
        const n = ev.measure(ratio.numerator);
        const b = ev.measure(ratio.base);
        if (!n || !b) return missingOutcome([...(n ? [] : [ratio.numerator]), ...(b ? [] : [ratio.base])], trace);
        const num = n.value;
        const base = b.value;
        if (base.isZero()) return baseZeroOutcome(p.whenBaseZero ?? 'zero', max, p.shareWith, zeroWhat!, trace, b.rejected);
        const pct = Exact.HUNDRED.mulDiv(num, base);
        if (!trace) return scoreRows(pct, rows, max, name, false);
        const before = () => [
          {
            vi: `tỷ lệ = ${ratio.numerator} ÷ ${ratio.base} × 100`,
            en: `rate = ${ratio.numerator} ÷ ${ratio.base} × 100`,
            calc: `${fmt(num)} ÷ ${fmt(base)} × 100 = ${fmt(pct)}%`,
          },
        ];
        return scoreRows(pct, rows, max, name, true, before);
      }
      const m = ev.measure(p.measure!);
      if (!m) return missingOutcome([p.measure!], trace);
      return scoreRows(m.value, rows, max, name, trace);
    };
  },
};
