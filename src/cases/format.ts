/**
 * Test cases as data (ca kiểm thử): a criteria author writes, next to a criteria file, worked cases — the
 * evidence of one unit in, the points, index and band expected out, with an error margin — in the spirit of
 * OpenFisca's YAML tests. No TypeScript needed; `par-index test` runs them.
 *
 * A cases file (`*.cases.yaml`, `format: par-index/cases@1`):
 * ```yaml
 * format: par-index/cases@1
 * criteria: van-lam-commune-2021.yaml    # relative to this file
 * margin: 0.005                          # default error margin: absolute, or { absolute, relative }
 * cases:
 *   - name: full-marks
 *     unit: { measures: { dossiers.onTime: 10, dossiers.resolved: 10 } }   # one unit in the evidence format
 *     expect: { nodes: { "3.2.1": 5 }, index: 100, band: xuat-sac }
 * ```
 * @module
 */
import { z } from 'zod';
import { Id, IsoDate, NodeId, Num } from '../core/zod-helpers.js';

/**
 * The format tag of cases files.
 *
 * @example `format: par-index/cases@1` at the top of a cases file
 */
export const CASES_FORMAT = 'par-index/cases';
/**
 * The newest cases-file format version this library reads.
 *
 * @example CASES_FORMAT_VERSION // 1
 */
export const CASES_FORMAT_VERSION = 1;

/**
 * An error margin (sai số cho phép): a number is an absolute margin; `{ absolute, relative }` gives either or
 * both — a value passes when it is within any margin given. Without a margin, values must be equal as printed.
 *
 * @example MarginSchema.parse(0.005) // { absolute: 0.005 }
 */
export const MarginSchema = z.union([
  Num.refine((n) => n >= 0, { message: 'expected a number ≥ 0', params: { kind: 'number' } }).transform((absolute): Margin => ({
    absolute,
  })),
  z.strictObject({
    /** Largest absolute difference allowed: 0.005 passes 1.913 for 1.91. */
    absolute: Num.refine((n) => n >= 0, { message: 'expected a number ≥ 0' }).optional(),
    /** Largest difference allowed as a share of the expected value: 0.002 is 0.2 %. */
    relative: Num.refine((n) => n >= 0, { message: 'expected a number ≥ 0' }).optional(),
  }),
]);
/**
 * An error margin, after validation.
 *
 * @example const m: Margin = { relative: 0.002 }
 */
export interface Margin {
  /** Largest absolute difference allowed. */
  readonly absolute?: number | undefined;
  /** Largest difference allowed as a share of the expected value. */
  readonly relative?: number | undefined;
}

/**
 * An expected number after validation: the value, and its own margin when it has one.
 *
 * @example const e: ExpectedNumber = { value: 1.913, margin: { relative: 0.002 } }
 */
export interface ExpectedNumber {
  /** The value expected. */
  readonly value: number;
  /** The margin for this value (overrides the node's, the case's and the file's). */
  readonly margin?: Margin | undefined;
}

/**
 * An expected number, alone or with its own margin.
 *
 * @example ExpectNumber.parse({ value: 1.913, margin: { relative: 0.002 } })
 */
export const ExpectNumber = z.union([
  Num.transform((value): ExpectedNumber => ({ value })),
  z.strictObject({
    /** The value expected. */
    value: Num,
    /** The margin for this value (overrides the node's, the case's and the file's). */
    margin: MarginSchema.optional(),
  }),
]);

/**
 * What is expected of one node: its points (a number), or points, applicable max and status.
 *
 * @example NodeExpect.parse({ points: 0, max: 0, status: 'not-applicable' })
 */
export const NodeExpect = z.union([
  Num.transform(
    (
      points,
    ): {
      /** The points expected. */
      points: ExpectedNumber;
    } => ({ points: { value: points } }),
  ),
  z.strictObject({
    /** The points expected. */
    points: ExpectNumber.optional(),
    /** The applicable maximum expected. */
    max: ExpectNumber.optional(),
    /** The status expected. */
    status: z.enum(['scored', 'missing', 'not-applicable', 'shared']).optional(),
    /** The margin for this node's numbers. */
    margin: MarginSchema.optional(),
  }),
]);

/**
 * What a case expects. At least one expectation is required.
 *
 * @example ExpectSchema.parse({ nodes: { '3.2.1': 4.97 }, index: 95.41, band: 'xuat-sac' })
 */
export const ExpectSchema = z.strictObject({
  /** Points per node id, as printed. */
  nodes: z.record(NodeId, NodeExpect).optional(),
  /** The index in percent; null when no node applies. */
  index: z.union([ExpectNumber, z.null()]).optional(),
  /** The total expected. */
  total: ExpectNumber.optional(),
  /** The applicable maximum expected. */
  max: ExpectNumber.optional(),
  /** The band's id (xếp loại), or null for none. */
  band: z.union([Id, z.null()]).optional(),
  /** How many leaves were scored 0 for missing evidence. */
  missing: z.number().int().min(0).optional(),
  /** Warning codes that must be among the card's warnings (e.g. evidence.missing). */
  warnings: z.array(z.string().min(1)).optional(),
  /** An issue code scoring must fail with (e.g. evidence.out-of-range): the case passes when it does. */
  error: z.string().min(1).optional(),
});

/**
 * One case: a name, the unit's evidence, what is expected.
 *
 * @example CaseSchema.parse({ name: 'late-plan', unit: { tasks: { 'ke-hoach-cchc': { done: '2021-02-08' } } }, expect: { nodes: { '1.1.1': 0.5 } } })
 */
export const CaseSchema = z.strictObject({
  /** A short name, unique in the file. */
  name: z.string().min(1),
  /** A title for reports. */
  title: z.string().optional(),
  /** What the case is about. */
  description: z.string().optional(),
  /** The year of the evidence (default: the file's, else the criteria set's first year). */
  year: z.number().int().min(2000).max(2100).optional(),
  /** The period of the evidence. */
  period: z
    .strictObject({
      /** First day of the period, YYYY-MM-DD. */
      from: IsoDate,
      /** Last day of the period (included), YYYY-MM-DD. */
      to: IsoDate,
    })
    .optional(),
  /**
   * One unit in the evidence format (measures, tasks, appraisals, surveys, findings, notApplicable…). `id` and
   * `name` default to the case's name; items without a `source` get the case as their source.
   */
  unit: z.record(z.string(), z.unknown()),
  /** What the case expects. */
  expect: ExpectSchema,
  /** The margin for this case's numbers (overrides the file's). */
  margin: MarginSchema.optional(),
});

/**
 * A cases file.
 *
 * @example CasesSchema.safeParse(parseText(yamlText)).success
 */
export const CasesSchema = z.strictObject({
  /** "par-index/cases@1". */
  format: z.string(),
  /** The criteria file the cases test, relative to the cases file. */
  criteria: z.string().min(1),
  /** The criteria set's version, when the file must be that one (checked). */
  version: z.string().optional(),
  /** A title for reports. */
  title: z.string().optional(),
  /** What the cases test. */
  description: z.string().optional(),
  /** The year of every case's evidence (default: the criteria set's first year). */
  year: z.number().int().min(2000).max(2100).optional(),
  /** The margin for every number (default: exact to the printed decimals). */
  margin: MarginSchema.optional(),
  /** The cases. */
  cases: z.array(CaseSchema).min(1),
});

/**
 * A cases file, after validation.
 *
 * @example const c: CasesData = loadCases(yamlText); c.cases.length
 */
export type CasesData = z.output<typeof CasesSchema>;
/**
 * One case, after validation.
 *
 * @example loadCases(yamlText).cases.map((c: CaseData) => c.name)
 */
export type CaseData = z.output<typeof CaseSchema>;
