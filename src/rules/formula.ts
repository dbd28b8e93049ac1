/**
 * Rule kind `formula` (công thức): points computed by a small arithmetic formula over declared measures, for
 * the criteria whose scoring the decision states as a calculation that no other kind expresses, e.g.
 * `min(max, onTime / resolved * max)`. The formula runs in the sandbox of `src/formula/`, exactly.
 * The node's maximum is always available as `max`. The static check proves, from the measures' declared
 * ranges, that the formula can award `max` and, unless `clamp: true`, never leaves [0, max].
 * @module
 */
import { z } from 'zod';
import { Exact } from '../core/exact.js';
import { ParIndexError, type Issue } from '../core/errors.js';
import { fmt, t } from '../core/text.js';
import { Id } from '../core/zod-helpers.js';
import { compileFormula } from '../formula/compile.js';
import type { Interval } from '../formula/interval.js';
import { checkVariableName } from '../formula/parse.js';
import { FormulaRuntimeError } from '../formula/problems.js';
import { missingOutcome, ruleIssue } from './common.js';
import type { Explanation, MeasureDecl, RuleContext, RuleKind, RuleWarning, TraceStep } from './types.js';

/** The name under which the node's maximum points appear in every formula. */
const MAX_NAME = 'max';

export const FormulaParams = z.strictObject({
  /** Points computed by a sandboxed formula over declared measures. */
  kind: z.literal('formula'),
  /** Variable name used in the formula → the measure it reads, e.g. `{ onTime: dossiers.onTime }`. */
  // Sorted by name, so the order the file lists them in never changes a trace or a message.
  inputs: z
    .record(
      z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a variable name: letters, digits and "_", not starting with a digit'),
      Id,
    )
    .transform((o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))),
  /** The formula, e.g. `min(max, onTime / resolved * max)`. */
  expr: z.string(),
  /** Limit the result to [0, max] at run time instead of proving statically that it stays there. */
  clamp: z.boolean().default(false),
});
export type FormulaParams = z.output<typeof FormulaParams>;

function names(p: FormulaParams): string[] {
  return [...Object.keys(p.inputs), MAX_NAME];
}

function compileOrIssues(p: FormulaParams, ctx: RuleContext) {
  const vars = names(p);
  const key = `${vars.join(',')}\u0000${p.expr}`;
  let r = ctx.formulas?.get(key);
  if (r === undefined) {
    r = compileFormula(p.expr, vars, ctx.formulaLimits);
    ctx.formulas?.set(key, r);
  }
  if (r.ok) return r;
  return { ok: false as const, issues: r.issues.map((i) => ruleIssue(ctx, i.code, ['expr'], i.en, i.vi)) };
}

/** The range a measure's values are declared to lie in; percentages and counts have implicit bounds. */
function declaredRange(d: MeasureDecl): Interval {
  let lo = d.min;
  let hi = d.max;
  if (d.unit === 'percent') {
    lo ??= 0;
    hi ??= 100;
  } else if (d.unit === 'count') {
    lo ??= 0;
  }
  return {
    lo: lo !== undefined && Number.isFinite(lo) ? Exact.of(lo) : undefined,
    hi: hi !== undefined && Number.isFinite(hi) ? Exact.of(hi) : undefined,
  };
}

function showLo(x: Exact | undefined): string {
  return x === undefined ? '−∞' : x.toString();
}
function showHi(x: Exact | undefined): string {
  return x === undefined ? '+∞' : x.toString();
}

export const formulaRule: RuleKind<FormulaParams> = {
  kind: 'formula',
  schema: FormulaParams,
  title: t('công thức', 'formula'),
  reads: (p) => ({ measures: [...new Set(Object.values(p.inputs))] }),
  check(p, ctx) {
    const out: Issue[] = [];
    for (const name of Object.keys(p.inputs)) {
      if (name === MAX_NAME) {
        out.push(
          ruleIssue(
            ctx,
            'criteria.formula-forbidden',
            ['inputs', name],
            '"max" is the node\'s maximum points, always available in the formula; choose another input name',
            '"max" là điểm tối đa của tiêu chí, luôn có sẵn trong công thức; hãy đặt tên đầu vào khác',
          ),
        );
        continue;
      }
      const problem = checkVariableName(name);
      if (problem) out.push(ruleIssue(ctx, problem.code, ['inputs', name], problem.en, problem.vi));
    }
    if (out.length > 0) return out;

    const r = compileOrIssues(p, ctx);
    if (!r.ok) return r.issues;
    // An undeclared measure is reported by the criteria checker from `reads`; a range guessed as (−∞, +∞)
    // would only add a second, misleading error.
    const ranges: Interval[] = [];
    for (const id of Object.values(p.inputs)) {
      const decl = ctx.measures.get(id);
      if (!decl) return out;
      ranges.push(declaredRange(decl));
    }
    ranges.push({ lo: ctx.max, hi: ctx.max });
    const { lo, hi } = r.formula.rangeExact(ranges);
    const max = ctx.max;
    const span = `[${showLo(lo)}, ${showHi(hi)}]`;
    // The analysis over-approximates, so "cannot reach" is proved while "may exceed" is a possibility.
    if (hi !== undefined && hi.lt(max)) {
      out.push(
        ruleIssue(
          ctx,
          'criteria.rule-cannot-reach-max',
          ['expr'],
          `over the inputs' declared ranges the formula gives at most ${hi.toString()} points: the node's max ${max.toString()} can never be awarded`,
          `với khoảng giá trị đã khai báo của các đầu vào, công thức cho tối đa ${fmt(hi, 'vi')} điểm: không bao giờ đạt điểm tối đa ${fmt(max, 'vi')}`,
        ),
      );
    }
    if (!p.clamp && (hi === undefined || hi.gt(max) || lo === undefined || lo.sign() < 0)) {
      out.push(
        ruleIssue(
          ctx,
          'criteria.rule-exceeds-max',
          ['expr'],
          `over the inputs' declared ranges the formula may give values in ${span}, outside [0, ${max.toString()}]: add clamp: true, or bound the formula with min/max, e.g. min(max, max(0, …))`,
          `với khoảng giá trị đã khai báo của các đầu vào, công thức có thể cho giá trị trong ${span.replace(/\./g, ',')}, ngoài [0, ${fmt(max, 'vi')}]: thêm clamp: true, hoặc giới hạn công thức bằng min/max, ví dụ min(max, max(0, …))`,
        ),
      );
    }
    return out;
  },
  compile(p, ctx) {
    const r = compileOrIssues(p, ctx);
    if (!r.ok) throw new ParIndexError(r.issues);
    const formula = r.formula;
    const max = ctx.max;
    const inputs = Object.entries(p.inputs);
    return (ev, trace) => {
      const values: Exact[] = [];
      const missing: string[] = [];
      for (const [, id] of inputs) {
        const m = ev.measure(id);
        if (m) values.push(m.value);
        else if (!missing.includes(id)) missing.push(id);
      }
      if (missing.length > 0) return missingOutcome(missing, trace);
      values.push(max);

      const shown = (lang: 'vi' | 'en') =>
        [...inputs.map(([name], i) => `${name} = ${fmt(values[i]!, lang)}`), `${MAX_NAME} = ${fmt(max, lang)}`].join(
          lang === 'vi' ? '; ' : ', ',
        );
      const inputStep = (): TraceStep => {
        const sources = inputs.map(([name, id]) => `${name} ← ${id}`).join(', ');
        return { vi: `đầu vào: ${shown('vi')} (${sources})`, en: `inputs: ${shown('en')} (${sources})`, calc: shown('en') };
      };

      let raw: Exact;
      try {
        raw = formula.evaluate(values);
      } catch (e) {
        if (!(e instanceof FormulaRuntimeError)) throw e;
        const why = {
          code: 'eval.formula-runtime' as const,
          ...t(`không tính được công thức ${p.expr}: ${e.vi} → 0 điểm`, `the formula ${p.expr} cannot be computed: ${e.en} → 0 points`),
        };
        if (!trace) return { status: 'scored', points: Exact.ZERO, warnings: [why] };
        const failure = e.en;
        const explain = (): Explanation => ({
          steps: [inputStep(), { vi: why.vi, en: why.en, calc: `${p.expr} = ${failure}` }],
          lost: [t(why.vi, why.en)],
        });
        return { status: 'scored', points: Exact.ZERO, explain, warnings: [why] };
      }

      let points = raw;
      const warnings: RuleWarning[] = [];
      const outside = raw.sign() < 0 || raw.gt(max);
      if (outside) {
        points = raw.clamp(Exact.ZERO, max);
        // Without clamp the static check proved [0, max] for declared ranges, so only evidence outside its
        // declared range gets here; the node must still never score outside its max.
        if (!p.clamp) {
          warnings.push({
            code: 'evidence.out-of-range',
            ...t(
              `công thức cho ${fmt(raw, 'vi')}, ngoài [0; ${fmt(max, 'vi')}] (kiểm tra lại minh chứng): điểm được giới hạn ở ${fmt(points, 'vi')}`,
              `the formula gave ${fmt(raw)}, outside [0, ${fmt(max)}] (check the evidence): points limited to ${fmt(points)}`,
            ),
          });
        }
      }
      if (!trace) return { status: 'scored', points, ...(warnings.length ? { warnings } : {}) };
      const final = points;
      const explain = (): Explanation => {
        const steps: TraceStep[] = [inputStep(), { vi: 'điểm = công thức', en: 'points = formula', calc: `${p.expr} = ${fmt(raw)}` }];
        if (outside)
          steps.push({
            vi: `giới hạn trong [0; ${fmt(max, 'vi')}]`,
            en: `limited to [0, ${fmt(max)}]`,
            calc: `min(max(${fmt(raw)}, 0), ${fmt(max)}) = ${fmt(final)}`,
          });
        const lost = final.lt(max)
          ? [
              t(
                `công thức cho ${fmt(final, 'vi')}/${fmt(max, 'vi')} điểm với ${shown('vi')}`,
                `the formula gives ${fmt(final)} of ${fmt(max)} points with ${shown('en')}`,
              ),
            ]
          : undefined;
        return { steps, ...(lost ? { lost } : {}) };
      };
      return { status: 'scored', points, explain, ...(warnings.length ? { warnings } : {}) };
    };
  },
};
