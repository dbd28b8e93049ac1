/**
 * The contract of a rule kind (loại quy tắc chấm điểm). Each kind lives in its own file under `src/rules/`
 * and exports one {@link RuleKind}: its schema (the parameters a criteria file writes), its static checks, what
 * evidence it reads, and `compile`, which returns the scorer of one leaf. Adding a kind touches its file and
 * `registry.ts`, nothing else.
 * @module
 */
import type { z } from 'zod';
import type { Exact } from '../core/exact.js';
import type { Issue, IssueCode, PathSegment } from '../core/errors.js';
import type { Text } from '../core/text.js';
import type { CompileResult } from '../formula/compile.js';
import type { FormulaLimits } from '../formula/limits.js';
import type { AppraisalRecord, FindingRecord, ListItemRecord, MeasureValue, SurveyValue, TaskRecord, TraceStepSchema } from './records.js';

/**
 * A measure the criteria set declares (chỉ số đo lường): what a rule may read from the evidence.
 *
 * @example `ctx.measures.get('dossiers.onTime') // { id: 'dossiers.onTime', title: 'Hồ sơ đúng hạn', unit: 'count', min: 0, max: undefined, integer: true }`
 */
export interface MeasureDecl {
  /** The measure's id, as rules and evidence name it. */
  readonly id: string;
  /** Its title. */
  readonly title: string;
  /** What it counts or measures. */
  readonly unit: 'count' | 'percent' | 'number' | 'index' | 'days' | 'amount';
  /** Smallest allowed value (counts and percents: 0). */
  readonly min: number | undefined;
  /** Largest allowed value (percents: 100). */
  readonly max: number | undefined;
  /** Whether values must be whole numbers. */
  readonly integer: boolean;
}

/**
 * A survey index the criteria set reads (e.g. SIPAS of the unit), on a 0–100 scale.
 *
 * @example `ctx.surveys.get('sipas') // { id: 'sipas', title: 'Chỉ số hài lòng SIPAS' }`
 */
export interface SurveyDecl {
  /** The survey's id, as rules and evidence name it. */
  readonly id: string;
  /** Its title. */
  readonly title: string;
}

/**
 * A list the criteria set declares (danh sách: projects, programmes…): the fields each item gives, with their
 * units and ranges, so rules and evidence are checked against them.
 *
 * @example `ctx.lists?.get('duAn')?.fields.get('tyLeGiaiNgan') // { id: 'tyLeGiaiNgan', title: 'Tỷ lệ giải ngân', unit: 'percent', min: 0, max: 100, integer: false }`
 */
export interface ListDecl {
  /** The list's id, as rules and evidence name it. */
  readonly id: string;
  /** Its title. */
  readonly title: string;
  /** Its English title, when given. */
  readonly titleEn: string | undefined;
  /** The fields each item gives, by id: declared like measures. */
  readonly fields: ReadonlyMap<string, MeasureDecl>;
}

/**
 * What the rule knows about its node when it is checked and compiled.
 *
 * @example `RULE_KINDS.task.compile(params, { nodeId: '1.1.1', title: 'Ban hành kế hoạch CCHC', max: Exact.of(1), measures, surveys, siblings: [], path: ['tree', 0], file: 'x.yaml' })`
 */
export interface RuleContext {
  /** The leaf's id. */
  readonly nodeId: string;
  /** The leaf's title. */
  readonly title: string;
  /** The node's maximum points (điểm tối đa). */
  readonly max: Exact;
  /** The measures the criteria set declares. */
  readonly measures: ReadonlyMap<string, MeasureDecl>;
  /** The surveys the criteria set declares. */
  readonly surveys: ReadonlyMap<string, SurveyDecl>;
  /** The lists the criteria set declares (none when absent). */
  readonly lists?: ReadonlyMap<string, ListDecl> | undefined;
  /** Sibling node ids (for shared points). */
  readonly siblings: readonly string[];
  /** The path of the rule inside the criteria file, for issues. */
  readonly path: readonly PathSegment[];
  /** The criteria file, for messages. */
  readonly file: string | undefined;
  /** Formula size limits in force (default {@link FORMULA_LIMITS}: 2 000 characters, 64 levels). */
  readonly formulaLimits?: FormulaLimits | undefined;
  /**
   * Formulas already compiled in this check or plan, keyed by their variables and text: a set that repeats one
   * formula over many nodes compiles it once. Compiled formulas are frozen and pure, so sharing them is safe.
   */
  readonly formulas?: Map<string, CompileResult> | undefined;
}

/**
 * The evidence a rule reads, so checks can report undeclared names and unused evidence.
 *
 * @example `RULE_KINDS.rate.reads({ kind: 'rate', numerator: 'onTime', base: 'resolved' }) // { measures: ['onTime', 'resolved'] }`
 */
export interface RuleReads {
  /** Measures read, by id. */
  readonly measures?: readonly string[];
  /** Tasks read, by id. */
  readonly tasks?: readonly string[];
  /** Survey indices read, by id. */
  readonly surveys?: readonly string[];
  /** Lists read, by id. */
  readonly lists?: readonly string[];
  /** Whether it reads the node's self-assessment and appraisal rounds. */
  readonly appraisal?: boolean;
  /** Whether it reads the inspection findings against the node. */
  readonly findings?: boolean;
}

/**
 * Read access to one unit's evidence. The engine records every read into the trace.
 *
 * @example `view.measure('dossiers.onTime')?.value.toNumber() // 98`
 */
export interface EvidenceView {
  /** A measure's value, or undefined when the evidence lacks it. */
  measure(id: string): MeasureValue | undefined;
  /** A task's record, or undefined. */
  task(id: string): TaskRecord | undefined;
  /** A node's appraisal rounds, or undefined. */
  appraisal(nodeId: string): AppraisalRecord | undefined;
  /** A satisfaction index, or undefined. */
  survey(id: string): SurveyValue | undefined;
  /** The inspection findings on a node (none: empty). */
  findings(nodeId: string): readonly FindingRecord[];
  /**
   * The statistic of the units scored together that a `relative` leaf compares the unit with, computed by the
   * engine over every unit of the run before any leaf is scored; undefined when the unit is scored alone.
   */
  population?(nodeId: string): PopulationRecord | undefined;
  /** A list's items in the evidence's order, or undefined when the evidence lacks the list (an empty list: []). */
  list(id: string): readonly ListItemRecord[] | undefined;
}

/**
 * What a rule comparing a unit with its peers gets from the engine: the statistic of the population (or, for a
 * rank, the unit's place in it), how many units formed it and which.
 *
 * @example `view.population?.('2.1') // { value: Exact(87.35), size: 12, by: 'loai', group: 'xa', members: ['a', …], without: ['m'] }`
 */
export interface PopulationRecord {
  /** The statistic of the population (mean, median…), or the unit's rank in it, exactly. */
  readonly value: Exact;
  /** How many units formed the population. */
  readonly size: number;
  /** The unit attribute that split the units into groups, when the rule declares one. */
  readonly by?: string | undefined;
  /** The value of that attribute shared by the group. */
  readonly group?: string | number | boolean | undefined;
  /** The ids of the units that formed it, in id order. */
  readonly members: readonly string[];
  /** Units of the group left out because their evidence lacks the measure, in id order. */
  readonly without: readonly string[];
}

/**
 * What a rule kind that compares a unit with its peers asks the engine to compute before scoring: the measure
 * read from every unit scored together, how they are grouped, and the statistic.
 *
 * @example `relativeRule.population?.(params, ctx) // { measure: 'ketQua.congBo', by: undefined, minPopulation: 2, perUnit: false, statistic }`
 */
export interface PopulationNeed {
  /** The measure whose values form the population. */
  readonly measure: string;
  /** The unit attribute whose value splits the units into groups; undefined: one group of every unit. */
  readonly by: string | undefined;
  /** The fewest units a population may have; fewer is an error, never a comparison of a unit with itself. */
  readonly minPopulation: number;
  /** Whether the statistic depends on the unit's own value (a rank), so it is computed per unit. */
  readonly perUnit: boolean;
  /** The statistic of the population's values, sorted ascending; `own` is the unit's value (used by a rank). */
  statistic(sorted: readonly Exact[], own: Exact): Exact;
}

/**
 * One step of the arithmetic, in both languages, with the numbers.
 *
 * @example `{ vi: 'tỷ lệ = 98 ÷ 100', en: 'rate = 98 ÷ 100', calc: '98 ÷ 100 = 0.98' }`
 * @interface
 */
export type TraceStep = z.output<typeof TraceStepSchema>;

/**
 * How a leaf came out.
 *
 * @example `card.nodes.filter((n) => n.status === 'not-applicable')`
 */
export type LeafStatus =
  /** Scored from evidence. */
  | 'scored'
  /** The criterion does not apply ("không phát sinh" with that policy, or declared in the evidence): its max leaves the total. */
  | 'not-applicable'
  /** Evidence the rule needs is absent: 0 points, shown in the trace and the warnings. */
  | 'missing'
  /** No case arose and the points go to named siblings. */
  | 'shared';

/**
 * A problem met while scoring, with the issue code it is reported with.
 *
 * @example `{ vi: 'tỷ lệ trên 100 %, lấy 100 %', en: 'rate above 100 %, taken as 100 %', code: 'evidence.out-of-range' }`
 */
export type RuleWarning = Text & {
  /** The issue code the warning is reported with. */
  readonly code: IssueCode;
};

/**
 * The explanation of a leaf's points: the arithmetic step by step, and why points were lost.
 *
 * @example `outcome.explain?.().lost?.map((t) => t.en) // ['done 3 days after the deadline']`
 */
export interface Explanation {
  /** The arithmetic, step by step. */
  readonly steps: readonly TraceStep[];
  /** Why points were lost, when they were. */
  readonly lost?: readonly Text[];
}

/**
 * What a leaf scorer returns. Points are exact and not yet rounded.
 *
 * @example `{ status: 'scored', points: Exact.ratio(3, 2) } // 1.5 points, rounded later as the set declares`
 */
export interface LeafOutcome {
  /** How the leaf came out. */
  readonly status: LeafStatus;
  /** The points, exactly, before rounding. */
  readonly points: Exact;
  /**
   * Only when tracing: writes the explanation on demand from the values captured while scoring, so a trace
   * costs text only when someone reads it. It must not compute anything the points depend on.
   */
  readonly explain?: () => Explanation;
  /** Which evidence was missing (status "missing"). */
  readonly missing?: readonly string[];
  /** For status "shared": the sibling ids that receive this node's points. */
  readonly shareWith?: readonly string[];
  /** Problems met while scoring (e.g. a rate above 100 % clamped). They reach the score card's warnings. */
  readonly warnings?: readonly RuleWarning[];
}

/**
 * Scores one leaf for one unit. `trace` only decides whether an explanation is attached, never the points.
 *
 * @example `const scorer: LeafScorer = RULE_KINDS.task.compile(params, ctx); scorer(view, false).points`
 */
export type LeafScorer = (ev: EvidenceView, trace: boolean) => LeafOutcome;

/**
 * What every rule's parameters have: the kind's name.
 *
 * @example `const p: RuleParams = { kind: 'task' }`
 */
export interface RuleParams {
  /** The rule kind's name, as criteria files write it. */
  readonly kind: string;
}

/**
 * A rule kind.
 *
 * @example
 * ```ts
 * const scorer = taskRule.compile({ kind: 'task', task: 'plan', deadline: '2021-01-15', latePoints: 0 }, ctx);
 * scorer(view, true).points.toString(); // "2" when the plan was issued on time and the node's max is 2
 * ```
 */
export interface RuleKind<P extends RuleParams = RuleParams> {
  /** The rule kind's name, as criteria files write it. */
  readonly kind: P['kind'];
  /** The parameters as written in a criteria file. */
  readonly schema: z.ZodType<P, unknown>;
  /** Names in both languages, for traces and docs. */
  readonly title: Text;
  /** What the rule reads, so checks can find undeclared measures. */
  reads(params: P): RuleReads;
  /** Static checks: can the rule award its node's max, and never more? Are its thresholds in range? */
  check(params: P, ctx: RuleContext): Issue[];
  /** Prepares a scorer for one leaf: parameters checked once, then applied to every unit. */
  compile(params: P, ctx: RuleContext): LeafScorer;
  /** For a rule that compares a unit with its peers: the statistic the engine computes over the units scored together. */
  population?(params: P): PopulationNeed;
}
