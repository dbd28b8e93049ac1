/**
 * Classification (xếp loại): the band whose range holds the index (or the total), then, where bands declare
 * conditions (`requires`), down the bands until one whose conditions hold — every condition checked and every
 * band passed over written as a step of the band's explanation.
 * @module
 */
import { Exact } from '../core/exact.js';
import { issue, type Issue } from '../core/errors.js';
import type { CriteriaSet } from '../criteria/load.js';
import type { BandLevel } from '../criteria/schema.js';
import type { TraceStep } from '../rules/types.js';
import { compileCondition, type CompiledCondition, type ConditionInputs } from './conditions.js';
import type { BandResult } from './types.js';

/** A band ready to classify with: bounds exact, conditions compiled. */
interface Level {
  readonly b: BandLevel;
  readonly lo: Exact | undefined;
  readonly hi: Exact | undefined;
  readonly requires: readonly CompiledCondition[];
}

/** The set's bands, highest first (the order a unit falls through), compiled once per set. */
const LEVELS = new WeakMap<CriteriaSet, readonly Level[]>();

function levelsOf(set: CriteriaSet): readonly Level[] {
  let l = LEVELS.get(set);
  if (!l) {
    l = (set.bands?.levels ?? [])
      .map((b) => ({
        b,
        lo: b.min === undefined ? undefined : Exact.of(b.min),
        hi: b.max === undefined ? undefined : Exact.of(b.max),
        requires: (b.requires ?? []).map(compileCondition),
      }))
      // Bands do not overlap (check), so their lower bounds order them; the band without one is the lowest.
      .sort((x, y) => (x.lo === undefined ? 1 : y.lo === undefined ? -1 : y.lo.cmp(x.lo)));
    LEVELS.set(set, l);
  }
  return l;
}

function contains(l: Level, x: Exact): boolean {
  if (l.lo !== undefined) {
    const c = x.cmp(l.lo);
    if (c < 0 || (c === 0 && !l.b.minInclusive)) return false;
  }
  if (l.hi !== undefined) {
    const c = x.cmp(l.hi);
    if (c > 0 || (c === 0 && !l.b.maxInclusive)) return false;
  }
  return true;
}

const result = (b: BandLevel, steps: TraceStep[] | undefined): BandResult =>
  Object.freeze({
    id: b.id,
    label: b.label,
    ...(b.labelEn !== undefined ? { labelEn: b.labelEn } : {}),
    ...(steps ? { steps: Object.freeze(steps.map((s) => Object.freeze(s))) } : {}),
  });

/**
 * The band of a value. `band` is null when no band's range holds the value (the caller warns) or, which `check`
 * prevents by refusing conditions on the lowest band, when every band's conditions fail. Missing evidence for a
 * condition is an error issue unless the condition declares a policy, which is then a warning.
 */
export function classify(
  set: CriteriaSet,
  value: Exact,
  inputs: ConditionInputs,
  unit: string,
): { band: BandResult | null; inRange: boolean; issues: Issue[] } {
  const levels = levelsOf(set);
  const issues: Issue[] = [];
  const start = levels.findIndex((l) => contains(l, value));
  if (start < 0) return { band: null, inRange: false, issues };
  let steps: TraceStep[] | undefined;
  for (let k = start; k < levels.length; k++) {
    const l = levels[k]!;
    if (l.requires.length === 0) return { band: result(l.b, steps), inRange: true, issues };
    steps ??= [];
    const failed: string[][] = [];
    for (const cond of l.requires) {
      const o = cond(inputs);
      steps.push({ vi: `${l.b.label} — ${o.step.vi}`, en: `${l.b.labelEn ?? l.b.label} — ${o.step.en}` });
      if (o.missing !== undefined) {
        const err = o.error;
        issues.push(
          issue(
            'eval.condition-missing',
            err ? 'error' : 'warning',
            [],
            `band "${l.b.id}": the condition "${o.label.en}" cannot be read (${o.missing})${err ? ': give the evidence, or declare whenMissing: fail or pass' : `, taken as ${o.holds ? 'met' : 'not met'} as declared`}`,
            `xếp loại "${l.b.label}": không đọc được điều kiện "${o.label.vi}" (${o.missing})${err ? ': bổ sung minh chứng, hoặc khai báo whenMissing: fail hoặc pass' : `, coi là ${o.holds ? 'đạt' : 'không đạt'} theo quy định`}`,
            { unit },
          ),
        );
      }
      if (!o.holds) failed.push([o.label.vi, o.label.en]);
    }
    if (failed.length === 0) return { band: result(l.b, steps), inRange: true, issues };
    steps.push({
      vi: `không đạt ${l.b.label}: ${failed.map((f) => f[0]).join('; ')}`,
      en: `not ${l.b.labelEn ?? l.b.label}: ${failed.map((f) => f[1]).join('; ')}`,
    });
  }
  return { band: null, inRange: true, issues };
}
