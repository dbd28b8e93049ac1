/**
 * A SIPAS result as data: per unit the overall, part, group and item indices in %, each with its valid n and
 * interval, the counts behind an item, option shares; and {@link pickIndex}, which reads one index by reference.
 * @module
 */
import type { Issue } from '../core/errors.js';
import type { Assumption } from '../criteria/provenance.js';
import type { IntervalMethod } from './interval.js';
import type { Questionnaire } from './questionnaire.js';
import type { GroupKind, Measure, Part, RoundingStage } from './schema.js';

/**
 * One index in %, with its valid n and interval.
 *
 * @example `{ value: 93.1, exact: '931/10', n: 400, low: 90.15, high: 95.39, interval: 'clopper-pearson', level: 0.95 }`
 */
export interface IndexValue {
  /** The index in %, rounded to the questionnaire's precision (what is printed and fed to PAR points). */
  readonly value: number;
  /** The value used in the next aggregation, exactly, in % as "n/d" (rounded when its level is at or above the rounding stage). */
  readonly exact: string;
  /** Valid answers (for an aggregate: the smallest valid n among its items). */
  readonly n: number;
  /** Weighted: the effective sample size the interval rests on. */
  readonly nEff?: number;
  /** Interval bounds in %, rounded outward to the interval precision. */
  readonly low: number;
  /** Interval high bound in %. */
  readonly high: number;
  /** How the interval was computed. */
  readonly interval: IntervalMethod;
  /** Its confidence level (0.95). */
  readonly level: number;
}

/**
 * Counts of one item's answers in one unit.
 *
 * @example `{ satisfied: 6, valid: 8, noOpinion: 2, notApplicable: 0, blank: 0, byCode: { '1': 0, '4': 3, '5': 3, '9': 2 } }`
 */
export interface ItemCounts {
  /** Answers counted as satisfied (or positive, or chosen). */
  readonly satisfied: number;
  /** The base: levels, plus "no opinion" when it counts as unsatisfied. */
  readonly valid: number;
  /** "No opinion" answers. */
  readonly noOpinion: number;
  /** "Not applicable" answers, left out of the base. */
  readonly notApplicable: number;
  /** Empty cells (no answer). */
  readonly blank: number;
  /** Respondents per answer code. */
  readonly byCode: Readonly<Record<string, number>>;
}

/**
 * The share of one option of an item's answers, in % of its valid answers: what a categorical perception
 * question reports ("không có công chức nào gây phiền hà": 90.06 %).
 *
 * @example `{ code: 1, label: 'Không có công chức nào gây phiền hà, sách nhiễu', count: 9, value: 90, exact: '90', n: 10 }`
 */
export interface OptionShare {
  /** The answer code. */
  readonly code: number;
  /** The option's wording. */
  readonly label: string;
  /** Respondents who chose it (weighted: in the weights' unit). */
  readonly count: number;
  /** Its share of the valid answers in %, rounded to the questionnaire's precision. */
  readonly value: number;
  /** The same, exactly, as "n/d". */
  readonly exact: string;
  /** Valid answers (the base). */
  readonly n: number;
}

/**
 * One item's result.
 *
 * @example `result.units[0].items.find((i) => i.id === '3.1')?.index?.value // 87.5`
 */
export interface ItemResult {
  /** The item's id (câu hỏi). */
  readonly id: string;
  /** The group it belongs to. */
  readonly group: string;
  /** What it measures: satisfaction, perception or expectation. */
  readonly measure: Measure;
  /** The answer counts. */
  readonly counts: ItemCounts;
  /**
   * Weighted: Σ weight of satisfied and valid answers, in units of 10^-decimals, as numbers (exact below 2^53)
   * and as decimal integer strings (exact at any size; the index itself comes from these exact sums).
   */
  readonly weighted?: {
    /** Weighted count of satisfied answers (a number: exact below 2^53). */
    readonly satisfied: number;
    /** Weighted count of valid answers (a number: exact below 2^53). */
    readonly valid: number;
    /** The same as `satisfied`, exactly: a decimal integer string. */
    readonly satisfiedExact: string;
    /** The same as `valid`, exactly: a decimal integer string. */
    readonly validExact: string;
  };
  /** Absent when no valid answer (see the unit's warnings), or for a categorical question without "satisfied" levels. */
  readonly index?: IndexValue;
  /** Perception items and categorical questions: the share of each option. */
  readonly shares?: readonly OptionShare[];
}

/**
 * One group's result: its satisfaction index, and perception and expectation shares where it has such items.
 *
 * @example `result.units[0].groups.find((g) => g.id === 'cong-chuc')?.satisfaction?.value // 93.1`
 */
export interface GroupResult {
  /** The group's id. */
  readonly id: string;
  /** The part it belongs to: services or policy (none for a question outside the satisfaction structure). */
  readonly part?: Part;
  /** A factor (yếu tố), a content group (nội dung) or a question (nhận định, mong đợi). */
  readonly kind: GroupKind;
  /** The group's title. */
  readonly title: string;
  /** Its satisfaction index. */
  readonly satisfaction?: IndexValue;
  /** Its perception share. */
  readonly perception?: IndexValue;
  /** Its expectation share. */
  readonly expectation?: IndexValue;
}

/**
 * One unit's indices.
 *
 * @example `result.units.find((u) => u.unit === 'nhu-quynh')?.overall?.value // 90.1`
 */
export interface UnitResult {
  /** The unit's id ("*" for all units pooled). */
  readonly unit: string;
  /** Respondents counted for the unit. */
  readonly respondents: number;
  /** Every item's result, in the questionnaire's order. */
  readonly items: readonly ItemResult[];
  /** Every group's result, in the questionnaire's order. */
  readonly groups: readonly GroupResult[];
  /** The administrative-services part's index. */
  readonly services?: IndexValue;
  /** The public-policy part's index. */
  readonly policy?: IndexValue;
  /** The overall satisfaction index (chỉ số hài lòng chung). */
  readonly overall?: IndexValue;
  /** Items or aggregates without a valid answer (never a silent zero). */
  readonly warnings: readonly Issue[];
}

/**
 * Indices of every unit of a tally. Frozen.
 *
 * @example `computeIndices(q, tally).method.group // 'mean-of-items'`
 */
export interface SipasResult {
  /** The format tag of the result. */
  readonly format: string;
  /** The questionnaire the indices follow. */
  readonly questionnaire: {
    /** The questionnaire's id. */
    readonly id: string;
    /** Its version. */
    readonly version: string;
    /** Its content hash. */
    readonly hash: string;
    /** Its title. */
    readonly title: string;
  };
  /** Whether answers were weighted. */
  readonly weighted: boolean;
  /** The options applied, for the record. */
  readonly method: {
    /** How "no opinion" answers were treated. */
    readonly noOpinion: string;
    /** How a group's index was aggregated. */
    readonly group: string;
    /** How a part's index was aggregated. */
    readonly part: string;
    /** How the overall index was aggregated. */
    readonly overall: string;
    /** How a figure over several units is found: pooled respondents or the mean of the units. */
    readonly units: string;
    /** Where and how indices were rounded. */
    readonly rounding: {
      /** Where indices are rounded. */
      readonly stage: RoundingStage;
      /** Decimals. */
      readonly precision: number;
      /** How they are rounded. */
      readonly mode: string;
    };
    /** The intervals printed. */
    readonly interval: {
      /** The interval method. */
      readonly method: IntervalMethod;
      /** Confidence level (0.95). */
      readonly level: number;
      /** Decimals of the bounds. */
      readonly precision: number;
    };
  };
  /** Options and items marked "unverified" in the questionnaire. */
  readonly unverified: readonly string[];
  /** Every assumption the questionnaire declares (see `questionnaireProvenance`): the method is not all sourced. */
  readonly assumptions: readonly Assumption[];
  /** Every unit's indices. */
  readonly units: readonly UnitResult[];
}

/**
 * Which index of a unit: `overall`, `services`, `policy`, `group:<id>` (its satisfaction index),
 * `perception:<group id>`, `expectation:<group id>`, or `item:<id>`.
 *
 * @example `pickIndex(q, unit, 'perception:tiep-can')`
 */
export type IndexRef = string;

/**
 * Picks one index of a unit's result; undefined when the unit has no such index (no valid answer), and a
 * RangeError for a reference the questionnaire does not have.
 *
 * @example pickIndex(q, unitResult, 'group:cong-chuc')?.value // 93.1
 */
export function pickIndex(q: Questionnaire, r: UnitResult, ref: IndexRef): IndexValue | undefined {
  if (ref === 'overall') return r.overall;
  if (ref === 'services') return r.services;
  if (ref === 'policy') return r.policy;
  const m = /^(group|perception|expectation|item):(.+)$/.exec(ref);
  if (!m)
    throw new RangeError(
      `unknown index "${ref}": expected overall, services, policy, group:<id>, perception:<id>, expectation:<id> or item:<id>`,
    );
  const [, kind, id] = m;
  if (kind === 'item') {
    if (!q.items.some((i) => i.id === id)) throw new RangeError(`unknown item "${id}"`);
    return r.items.find((i) => i.id === id)?.index;
  }
  if (!q.groups.some((g) => g.id === id)) throw new RangeError(`unknown group "${id}"`);
  const g = r.groups.find((x) => x.id === id);
  return kind === 'group' ? g?.satisfaction : kind === 'perception' ? g?.perception : g?.expectation;
}
