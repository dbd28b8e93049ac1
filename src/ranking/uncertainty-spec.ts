/**
 * What a rank-uncertainty analysis draws from (`par-index/uncertainty@1`): the range of each field's weight, the
 * rounding and ranking options left open, the number of draws and the seed. Its schema, the default, and
 * {@link loadUncertaintySpec}.
 * @module
 */
import { z } from 'zod';
import { deepFreeze } from '../core/document.js';
import type { Limits } from '../core/limits.js';
import { ROUNDING_MODES, type RoundingMode } from '../core/exact.js';
import { Num, readDocument } from '../core/zod-helpers.js';
import { RANK_METHODS, type RankMethod } from './rank.js';

/**
 * The format tag of an uncertainty spec, without its version.
 *
 * @example `${UNCERTAINTY_FORMAT}@${UNCERTAINTY_FORMAT_VERSION}` // 'par-index/uncertainty@1'
 */
export const UNCERTAINTY_FORMAT = 'par-index/uncertainty';
/**
 * The newest uncertainty-spec format version this library reads.
 *
 * @example UNCERTAINTY_FORMAT_VERSION // 1
 */
export const UNCERTAINTY_FORMAT_VERSION = 1;

/**
 * The methodology options a spec may vary, in the order their values are drawn.
 *
 * @example UNCERTAINTY_OPTIONS[0] // 'ranking.method'
 */
export const UNCERTAINTY_OPTIONS = [
  'ranking.method',
  'ranking.on',
  'rounding.indexPrecision',
  'rounding.indexMode',
  'rounding.precision',
  'rounding.mode',
  'rounding.stage',
] as const;
/**
 * One of {@link UNCERTAINTY_OPTIONS}.
 *
 * @example const o: UncertaintyOption = 'rounding.stage'
 */
export type UncertaintyOption = (typeof UNCERTAINTY_OPTIONS)[number];

const Range = z.tuple([Num, Num]).refine(([lo, hi]) => lo >= 0 && lo <= hi, { message: 'expected [low, high] with 0 ≤ low ≤ high' });
const Mode = z.enum(ROUNDING_MODES as [RoundingMode, ...RoundingMode[]]);

/**
 * The uncertainty spec (kịch bản đánh giá độ bất định): what is drawn, and within which ranges.
 *
 * @example
 * ```yaml
 * format: par-index/uncertainty@1
 * draws: 1000
 * seed: 2021
 * weights:
 *   range: [0.8, 1.2]        # every field's weight: 0.8 to 1.2 × its maximum
 *   fields: { "8": [0.9, 1.1] }
 * options:
 *   ranking.on: [rounded, exact]
 * ```
 */
export const UncertaintySpecSchema = z.strictObject({
  /** The format tag: `par-index/uncertainty@1`. */
  format: z.string(),
  /** The analysis's title. */
  title: z.string().optional(),
  /** A note for readers of the file. */
  notes: z.string().optional(),
  /** Number of draws (default 1,000). */
  draws: z.number().int().min(1).max(1_000_000).optional(),
  /** Seed of the generator (default 1). */
  seed: z
    .number()
    .int()
    .min(-(2 ** 31))
    .max(2 ** 32 - 1)
    .optional(),
  /** How field weights are varied. */
  weights: z
    .strictObject({
      /** Range of every field's weight factor (default [0.8, 1.2]); bonus and penalty blocks keep weight 1 unless listed in `fields`. */
      range: Range.optional(),
      /** Ranges for named top-level nodes (fields or blocks), overriding `range`. */
      fields: z.record(z.string(), Range).optional(),
    })
    .optional(),
  /** Methodology options drawn uniformly among the listed values. */
  options: z
    .strictObject({
      /** Tie rules to draw from. */
      'ranking.method': z
        .array(z.enum(RANK_METHODS as [RankMethod, ...RankMethod[]]))
        .min(1)
        .optional(),
      /** Whether ranks read the rounded or the exact index. */
      'ranking.on': z
        .array(z.enum(['rounded', 'exact']))
        .min(1)
        .optional(),
      /** Decimals of the index to draw from. */
      'rounding.indexPrecision': z.array(z.number().int().min(0).max(6)).min(1).optional(),
      /** Rounding modes of the index to draw from. */
      'rounding.indexMode': z.array(Mode).min(1).optional(),
      /** Decimals of points to draw from. */
      'rounding.precision': z.array(z.number().int().min(0).max(6)).min(1).optional(),
      /** Rounding modes of points to draw from. */
      'rounding.mode': z.array(Mode).min(1).optional(),
      /** Rounding stages to draw from. */
      'rounding.stage': z
        .array(z.enum(['leaf', 'criterion', 'field']))
        .min(1)
        .optional(),
    })
    .optional(),
  /** Rank within groups (`kind`, `parent` or a unit attribute), as `rank --group-by` does. */
  groupBy: z.string().optional(),
});

/**
 * An uncertainty spec as written.
 *
 * @example const spec: UncertaintySpec = { format: 'par-index/uncertainty@1', weights: { range: [0.8, 1.2] } }
 */
export type UncertaintySpec = z.output<typeof UncertaintySpecSchema>;

/**
 * The spec used when none is given: every field's weight within ±20 % of its maximum, nothing else varied.
 *
 * @example rankUncertainty(set, evidence, DEFAULT_UNCERTAINTY_SPEC, { seed: 1 })
 */
export const DEFAULT_UNCERTAINTY_SPEC: UncertaintySpec = deepFreeze({
  format: `${UNCERTAINTY_FORMAT}@${UNCERTAINTY_FORMAT_VERSION}`,
  weights: { range: [0.8, 1.2] },
});

/**
 * Reads an uncertainty spec (YAML or JSON text, or parsed data). Throws {@link ParIndexError} for a missing or
 * newer format, or schema errors (a range whose low end is above its high end, an unknown option…).
 *
 * @example loadUncertaintySpec('format: par-index/uncertainty@1\nweights: { range: [0.9, 1.1] }\n').weights?.range // [0.9, 1.1]
 */
export function loadUncertaintySpec(
  input: unknown,
  opts: { file?: string | undefined; limits?: Partial<Limits> | undefined } = {},
): UncertaintySpec {
  const file = opts.file;
  return deepFreeze(
    readDocument(
      input,
      { file, limits: opts.limits },
      { format: UNCERTAINTY_FORMAT, version: UNCERTAINTY_FORMAT_VERSION, schema: UncertaintySpecSchema, reportInput: true },
    ),
  );
}
