/**
 * A sandboxed compiler for the small arithmetic formulas criteria files may write (công thức tính điểm), such as
 * `min(max, onTime / resolved * max)`.
 *
 * Why not mathjs `evaluate`: a full mathjs instance exposes `import`, `createUnit`, `config`, `parse`, units,
 * matrices, property access and function definitions to whoever writes the formula (see the security table in
 * the toolchain notes), and it computes in binary floating point, so 97.75 ÷ 100 × 2 would print as 1.95
 * instead of the 1.96 the decision shows. mathjs is used here for parsing only. The tree it returns is checked
 * against a closed grammar, lowered to a small internal form, and turned once into plain JavaScript closures
 * over {@link Exact} values. No `eval`, no `new Function`, and no mathjs evaluation ever runs on a formula.
 *
 * The same internal form gives an interval analysis, so the criteria checker can prove statically that a
 * formula can reach a node's maximum and never exceeds it.
 * @module
 */
import {
  create,
  parseDependencies,
  type ConditionalNode,
  type FactoryFunctionMap,
  type FunctionNode,
  type MathNode,
  type OperatorNode,
  type OperatorNodeFn,
  type OperatorNodeOp,
  type ParenthesisNode,
  type SymbolNode,
} from 'mathjs/number';
import { Exact } from '../core/exact.js';
import type { IssueCode } from '../core/errors.js';

// ---------------------------------------------------------------------------------------------------------
// The restricted mathjs instance

// Only the parser's own dependencies are loaded: no arithmetic, units, matrices or evaluation functions.
const math = create({ parseDependencies } as FactoryFunctionMap);
// Kept before shadowing: after the import below, `math.parse` is the disabled stub.
const parseExpression = math.parse;

function disabled(name: string): () => never {
  return () => {
    throw new Error(`Function ${name} is disabled`);
  };
}

// Formulas are never evaluated by mathjs, so these stubs are a second wall: should a future change ever
// evaluate a tree, the functions that can reconfigure or extend the instance are not reachable from a formula.
// `typed` must stay: shadowing it breaks every typed function of the instance.
math.import(
  {
    import: disabled('import'),
    createUnit: disabled('createUnit'),
    evaluate: disabled('evaluate'),
    parse: disabled('parse'),
    compile: disabled('compile'),
    config: disabled('config'),
    simplify: disabled('simplify'),
    derivative: disabled('derivative'),
    resolve: disabled('resolve'),
    reviver: disabled('reviver'),
  },
  { override: true },
);

// ---------------------------------------------------------------------------------------------------------
// Public types

/**
 * The issue codes a formula can produce.
 *
 * @example `const code: FormulaIssueCode = 'criteria.formula-forbidden'`
 */
export type FormulaIssueCode = Extract<IssueCode, 'criteria.formula-parse' | 'criteria.formula-forbidden' | 'criteria.formula-undeclared-input'>;

/**
 * Why a formula was refused, in English and Vietnamese. Callers attach the file and path.
 *
 * @example `const r = compileFormula('a +', ['a']); if (!r.ok) r.issues[0].code // 'criteria.formula-parse'`
 */
export interface FormulaProblem {
  /** The issue code. */
  readonly code: FormulaIssueCode;
  /** The problem in English. */
  readonly en: string;
  /** The problem in Vietnamese. */
  readonly vi: string;
}

/**
 * A closed range of reals. `lo: undefined` means unbounded below (−∞), `hi: undefined` unbounded above (+∞).
 * Bounds are exact so that a static check never disagrees with the scorer by a rounding error. Exported from
 * `par-index` as `FormulaRange` (`Interval` there is a confidence interval).
 *
 * @example `formula.rangeExact([{ lo: Exact.ZERO, hi: Exact.of(100) }]) // { lo: Exact(0), hi: Exact(2) }`
 */
export interface Interval {
  /** The lower bound; undefined for −∞. */
  readonly lo: Exact | undefined;
  /** The upper bound; undefined for +∞. */
  readonly hi: Exact | undefined;
}

/**
 * A formula that passed every check, compiled once, ready to evaluate many times.
 *
 * @example `const r = compileFormula('a / b * max', ['a', 'b', 'max']); if (r.ok) r.formula.evaluate([Exact.of(3), Exact.of(4), Exact.of(2)]).toString() // "1.5"`
 */
export interface CompiledFormula {
  /** The formula as written. */
  readonly source: string;
  /** The variable names, in the order `evaluate` and `range` expect their values. */
  readonly variables: readonly string[];
  /**
   * Evaluates exactly. `values[i]` is the value of `variables[i]`. Comparisons and logical operators give 1
   * or 0; a condition is true when it is not 0. Throws `FormulaRuntimeError` (an Error carrying `en` and `vi` messages) on a division by zero and a
   * RangeError when the number of values is wrong.
   */
  evaluate(values: readonly Exact[]): Exact;
  /**
   * A sound enclosure of every value `evaluate` can return (when it does not throw) for variables within
   * the given intervals, with exact bounds. Division by a range that contains 0 only at an end keeps a
   * one-sided bound; one that straddles 0 gives (−∞, +∞).
   */
  rangeExact(intervals: readonly Interval[]): Interval;
  /**
   * {@link CompiledFormula.rangeExact} with bounds as numbers (±Infinity when unbounded). Inputs are read as
   * the decimal they print as, outputs are rounded to the nearest number; since that rounding is monotone,
   * `evaluate(...).toNumber()` always lies within the returned pair.
   */
  range(intervals: readonly (readonly [number, number])[]): [number, number];
}

/**
 * Result of {@link compileFormula}: the compiled formula, or every problem found.
 *
 * @example `const r: CompileResult = compileFormula('a / b', ['a', 'b']); r.ok ? r.formula.source : r.issues.length`
 */
export type CompileResult =
  | {
      /** The formula passed every check. */
      readonly ok: true;
      /** The compiled formula. */
      readonly formula: CompiledFormula;
    }
  | {
      /** The formula was refused. */
      readonly ok: false;
      /** Why. */
      readonly issues: readonly FormulaProblem[];
    };

/** Thrown by {@link CompiledFormula.evaluate} when the arithmetic is undefined (a division by zero). */
export class FormulaRuntimeError extends Error {
  /** English explanation (also the error's `message`). */
  readonly en: string;
  /** Vietnamese explanation. */
  readonly vi: string;

  constructor(en: string, vi: string) {
    super(en);
    this.name = 'FormulaRuntimeError';
    this.en = en;
    this.vi = vi;
  }
}

/**
 * Size limits of a formula: longer than `maxLength` characters or nested deeper than `maxDepth` is refused.
 *
 * @example `compileFormula(expr, ['a'], { ...FORMULA_LIMITS, maxLength: 5000 })`
 */
export interface FormulaLimits {
  /** Most characters. */
  readonly maxLength: number;
  /** Deepest nesting of brackets and operations. */
  readonly maxDepth: number;
}

/**
 * The default formula limits (the `maxFormulaLength` and `maxFormulaDepth` of the loaders' `limits`).
 *
 * @example `FORMULA_LIMITS.maxLength // 2000`
 */
export const FORMULA_LIMITS: FormulaLimits = Object.freeze({ maxLength: 2000, maxDepth: 64 });

/** The functions a formula may call. `round(x, n)` rounds half away from zero to n decimals (0 to 10). */
export const FORMULA_FUNCTIONS: readonly string[] = Object.freeze(['min', 'max', 'abs', 'round', 'clamp']);

const MAX_ROUND_DIGITS = 10;
const MAX_PROBLEMS = 20;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
// The parser reads some of these as names in operand position (`and + 1`) and as operators elsewhere
// (`a and b`), so a variable with such a name would mean different things in different places.
const RESERVED = new Set(['and', 'or', 'not', 'xor', 'mod', 'to', 'in', 'true', 'false', 'null', 'undefined', 'Infinity', 'NaN']);

// ---------------------------------------------------------------------------------------------------------
// Internal form

type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'lt' | 'le' | 'gt' | 'ge' | 'eq' | 'ne' | 'and' | 'or';
type UnaryOp = 'neg' | 'plus' | 'not';
/** A constant node whose value may be of any type the parser produces (numbers, strings, booleans, null). */
type ConstantLike = MathNode & { readonly value: unknown };

type Expr =
  | { readonly t: 'num'; readonly value: Exact }
  | { readonly t: 'var'; readonly index: number }
  | { readonly t: 'unary'; readonly op: UnaryOp; readonly arg: Expr }
  | { readonly t: 'binary'; readonly op: BinaryOp; readonly a: Expr; readonly b: Expr; readonly text: string }
  | { readonly t: 'cond'; readonly c: Expr; readonly a: Expr; readonly b: Expr }
  | { readonly t: 'minmax'; readonly fn: 'min' | 'max'; readonly args: readonly Expr[] }
  | { readonly t: 'abs'; readonly arg: Expr }
  | { readonly t: 'clamp'; readonly x: Expr; readonly lo: Expr; readonly hi: Expr }
  | { readonly t: 'round'; readonly arg: Expr; readonly digits: number };

// Maps, not object literals: a lookup by name must never reach Object.prototype members.
const BINARY: ReadonlyMap<string, BinaryOp> = new Map([
  ['add', 'add'],
  ['subtract', 'sub'],
  ['multiply', 'mul'],
  ['divide', 'div'],
  ['smaller', 'lt'],
  ['smallerEq', 'le'],
  ['larger', 'gt'],
  ['largerEq', 'ge'],
  ['equal', 'eq'],
  ['unequal', 'ne'],
  ['and', 'and'],
  ['or', 'or'],
]);
const UNARY: ReadonlyMap<string, UnaryOp> = new Map([
  ['unaryMinus', 'neg'],
  ['unaryPlus', 'plus'],
  ['not', 'not'],
]);

// ---------------------------------------------------------------------------------------------------------
// Checking

/**
 * Whether `name` can be a formula variable: an identifier (letters, digits, "_", not starting with a digit)
 * that the parser reads as a plain name, i.e. not a keyword such as `and`, `mod`, `true` or `Infinity`.
 * Returns the problem, or undefined when the name is fine.
 *
 * @example
 * ```ts
 * checkVariableName('onTime'); // undefined
 * checkVariableName('and')?.en; // 'variable name "and" is a reserved word of the formula language'
 * ```
 */
export function checkVariableName(name: string): FormulaProblem | undefined {
  if (!IDENT.test(name)) {
    return forbidden(`variable name "${name}" must be letters, digits and "_", not starting with a digit`, `tên biến "${name}" chỉ gồm chữ cái, chữ số và "_", không bắt đầu bằng chữ số`);
  }
  if (RESERVED.has(name) || !parsesAsName(name)) {
    return forbidden(`variable name "${name}" is a reserved word of the formula language`, `tên biến "${name}" là từ khóa của ngôn ngữ công thức`);
  }
  return undefined;
}

function parsesAsName(name: string): boolean {
  let node: MathNode;
  try {
    node = parseExpression(name);
  } catch {
    return false;
  }
  return node.type === 'SymbolNode' && (node as SymbolNode).name === name;
}

function forbidden(en: string, vi: string): FormulaProblem {
  return { code: 'criteria.formula-forbidden', en, vi };
}

/** A short, single-line rendering of a node for messages. */
function snippet(node: MathNode): string {
  let s: string;
  try {
    s = node.toString();
  } catch {
    s = node.type;
  }
  s = s.replace(/\s*;?\s*\n\s*/g, '; ').replace(/\s+/g, ' ');
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** The deepest nesting of brackets outside string literals, found without parsing. */
function bracketDepth(source: string): number {
  let depth = 0;
  let deepest = 0;
  let quote: string | undefined;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quote !== undefined) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[' || c === '{') deepest = Math.max(deepest, ++depth);
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return deepest;
}

function parseProblem(source: string, error: unknown): FormulaProblem {
  const raw = error instanceof Error ? error.message : String(error);
  const message = raw.replace(/\s*\(char \d+\)\s*$/, '');
  const char = typeof (error as { char?: unknown } | null)?.char === 'number' ? (error as { char: number }).char : undefined;
  if (char === undefined) {
    return { code: 'criteria.formula-parse', en: `cannot parse the formula: ${message}`, vi: `công thức sai cú pháp: ${message}` };
  }
  const rest = source.slice(char - 1).trimEnd();
  const near = rest === '' ? undefined : rest.length > 12 ? `${rest.slice(0, 12)}…` : rest;
  return {
    code: 'criteria.formula-parse',
    en: `cannot parse the formula at character ${char} (${near === undefined ? 'end of the formula' : `near "${near}"`}): ${message}`,
    vi: `công thức sai cú pháp tại ký tự thứ ${char} (${near === undefined ? 'cuối công thức' : `gần "${near}"`}): ${message}`,
  };
}

/** Walks a parsed tree against the grammar and lowers it; collects every problem instead of stopping at one. */
class Lowering {
  readonly problems: FormulaProblem[] = [];
  private readonly seen = new Set<string>();
  private tooDeep = false;

  constructor(
    private readonly variables: ReadonlyMap<string, number>,
    private readonly maxDepth: number,
  ) {}

  private fail(problem: FormulaProblem): undefined {
    if (!this.seen.has(problem.en)) {
      this.seen.add(problem.en);
      this.problems.push(problem);
    }
    return undefined;
  }

  lower(node: MathNode, depth: number): Expr | undefined {
    if (depth > this.maxDepth) {
      if (!this.tooDeep) {
        this.tooDeep = true;
        this.fail(forbidden(`the formula is nested more than ${this.maxDepth} levels deep (the limit is ${this.maxDepth}: limits.maxFormulaDepth)`, `công thức lồng nhau quá ${this.maxDepth} cấp (giới hạn ${this.maxDepth}: limits.maxFormulaDepth)`));
      }
      return undefined;
    }
    switch (node.type) {
      case 'ParenthesisNode':
        return this.lower((node as ParenthesisNode).content, depth + 1);
      case 'ConstantNode':
        return this.constant(node as ConstantLike);
      case 'SymbolNode':
        return this.symbol((node as SymbolNode).name);
      case 'OperatorNode':
        return this.operator(node as OperatorNode<OperatorNodeOp, OperatorNodeFn>, depth);
      case 'ConditionalNode': {
        const n = node as ConditionalNode;
        const c = this.lower(n.condition, depth + 1);
        const a = this.lower(n.trueExpr, depth + 1);
        const b = this.lower(n.falseExpr, depth + 1);
        return c && a && b ? { t: 'cond', c, a, b } : undefined;
      }
      case 'FunctionNode':
        return this.call(node as FunctionNode<MathNode>, depth);
      default:
        return this.fail(this.refusal(node));
    }
  }

  /** The message for a node type outside the grammar. */
  private refusal(node: MathNode): FormulaProblem {
    const s = snippet(node);
    switch (node.type) {
      case 'AccessorNode': {
        const name = (node as MathNode & { name?: unknown }).name;
        return typeof name === 'string' && name !== ''
          ? forbidden(`property access ".${name}" is not allowed`, `không được truy cập thuộc tính ".${name}"`)
          : forbidden(`index access "${s}" is not allowed`, `không được truy cập phần tử "${s}"`);
      }
      case 'IndexNode':
        return forbidden(`index access "${s}" is not allowed`, `không được truy cập phần tử "${s}"`);
      case 'AssignmentNode':
        return forbidden(`assignment "${s}" is not allowed`, `không được gán giá trị "${s}"`);
      case 'FunctionAssignmentNode':
        return forbidden(`function definition "${s}" is not allowed`, `không được định nghĩa hàm "${s}"`);
      case 'ArrayNode':
        return forbidden(`matrix "${s}" is not allowed`, `không được dùng ma trận "${s}"`);
      case 'ObjectNode':
        return forbidden(`object "${s}" is not allowed`, `không được dùng đối tượng "${s}"`);
      case 'RangeNode':
        return forbidden(`range "${s}" is not allowed`, `không được dùng dãy số "${s}"`);
      case 'BlockNode':
        return forbidden(`several expressions "${s}" are not allowed: write one expression, without ";" or line breaks`, `công thức chỉ được có một biểu thức "${s}": không dùng ";" hoặc xuống dòng`);
      case 'RelationalNode':
        return forbidden(`chained comparison "${s}" is not allowed: write "a < b and b < c"`, `không được so sánh liên tiếp "${s}": hãy viết "a < b and b < c"`);
      default:
        return forbidden(`"${s}" (${node.type}) is not allowed`, `không được dùng "${s}" (${node.type})`);
    }
  }

  private constant(node: ConstantLike): Expr | undefined {
    const v = node.value;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return this.fail(forbidden(`number "${String(v)}" is not finite (a literal too large, Infinity or NaN)`, `số "${String(v)}" không hữu hạn (số quá lớn, Infinity hoặc NaN)`));
      return { t: 'num', value: Exact.of(v) };
    }
    if (typeof v === 'string') {
      const text = v.length > 40 ? `${v.slice(0, 39)}…` : v;
      return this.fail(forbidden(`string "${text}" is not allowed`, `không được dùng chuỗi ký tự "${text}"`));
    }
    if (v === undefined) return this.fail({ code: 'criteria.formula-parse', en: 'the formula is empty', vi: 'công thức trống' });
    return this.fail(forbidden(`constant "${String(v)}" is not allowed (write a number such as 1 or 0)`, `không được dùng hằng "${String(v)}" (hãy viết một số, ví dụ 1 hoặc 0)`));
  }

  private symbol(name: string): Expr | undefined {
    const index = this.variables.get(name);
    if (index !== undefined) return { t: 'var', index };
    const declared = [...this.variables.keys()].join(', ') || 'none';
    return this.fail({
      code: 'criteria.formula-undeclared-input',
      en: `"${name}" is not a declared input (declared: ${declared})`,
      vi: `"${name}" không phải là đầu vào đã khai báo (đã khai báo: ${declared === 'none' ? 'không có' : declared})`,
    });
  }

  /** Lowers the operands of a refused node only to report what else is wrong inside it. */
  private lowerAll(nodes: readonly MathNode[], depth: number): void {
    for (const n of nodes) this.lower(n, depth + 1);
  }

  private operator(node: OperatorNode<OperatorNodeOp, OperatorNodeFn>, depth: number): Expr | undefined {
    if (node.implicit) {
      const s = snippet(node);
      this.lowerAll(node.args, depth);
      return this.fail(forbidden(`implicit multiplication "${s}" is not allowed (units are not supported either): write "*" between the terms`, `không được nhân ngầm định "${s}" (cũng không hỗ trợ đơn vị đo): hãy viết dấu "*" giữa các thừa số`));
    }
    const binary = BINARY.get(node.fn);
    const unary = UNARY.get(node.fn);
    const arity = binary !== undefined ? 2 : unary !== undefined ? 1 : 0;
    if (arity === 0 || node.args.length !== arity) {
      this.lowerAll(node.args, depth);
      return this.fail(forbidden(`operator "${node.op}" (${node.fn}) is not allowed`, `không được dùng toán tử "${node.op}" (${node.fn})`));
    }
    const args = node.args.map((a) => this.lower(a, depth + 1));
    const [a, b] = args;
    if (a === undefined || (arity === 2 && b === undefined)) return undefined;
    if (unary !== undefined) return { t: 'unary', op: unary, arg: a };
    return { t: 'binary', op: binary!, a, b: b!, text: snippet(node) };
  }

  private call(node: FunctionNode<MathNode>, depth: number): Expr | undefined {
    const callee = node.fn;
    if (callee.type !== 'SymbolNode') {
      // Report what is wrong inside the callee first (`a.constructor(…)` is a property access), and the call
      // itself only when the callee was otherwise fine.
      if (this.lower(callee, depth + 1) === undefined) return undefined;
      const s = snippet(callee);
      return this.fail(forbidden(`calling the result of "${s}" is not allowed`, `không được gọi kết quả của "${s}" như một hàm`));
    }
    const name = (callee as SymbolNode).name;
    if (!FORMULA_FUNCTIONS.includes(name)) {
      return this.fail(forbidden(`function "${name}" is not allowed (allowed: ${FORMULA_FUNCTIONS.join(', ')})`, `không được dùng hàm "${name}" (chỉ được dùng: ${FORMULA_FUNCTIONS.join(', ')})`));
    }
    const n = node.args.length;
    const arityOk = name === 'min' || name === 'max' ? n >= 1 : name === 'abs' ? n === 1 : name === 'round' ? n === 1 || n === 2 : n === 3;
    if (!arityOk) {
      const want = name === 'min' || name === 'max' ? 'at least 1 argument' : name === 'abs' ? '1 argument' : name === 'round' ? '1 or 2 arguments' : '3 arguments (x, low, high)';
      const wantVi = name === 'min' || name === 'max' ? 'ít nhất 1 đối số' : name === 'abs' ? '1 đối số' : name === 'round' ? '1 hoặc 2 đối số' : '3 đối số (x, cận dưới, cận trên)';
      return this.fail(forbidden(`function "${name}" takes ${want}, got ${n}`, `hàm "${name}" cần ${wantVi}, nhận được ${n}`));
    }
    if (name === 'round') {
      const first = node.args[0]!;
      const second = node.args[1];
      let digits = 0;
      if (second !== undefined) {
        const d = constantDigits(second);
        if (d === undefined) {
          const s = snippet(second);
          return this.fail(forbidden(`the number of decimals in round(x, n) must be a whole number from 0 to ${MAX_ROUND_DIGITS} written as a constant, got "${s}"`, `số chữ số thập phân trong round(x, n) phải là số nguyên từ 0 đến ${MAX_ROUND_DIGITS} viết trực tiếp, nhận được "${s}"`));
        }
        digits = d;
      }
      const arg = this.lower(first, depth + 1);
      return arg && { t: 'round', arg, digits };
    }
    const args = node.args.map((a) => this.lower(a, depth + 1));
    if (args.some((a) => a === undefined)) return undefined;
    const ok = args as Expr[];
    if (name === 'abs') return { t: 'abs', arg: ok[0]! };
    if (name === 'clamp') return { t: 'clamp', x: ok[0]!, lo: ok[1]!, hi: ok[2]! };
    return { t: 'minmax', fn: name === 'min' ? 'min' : 'max', args: ok };
  }
}

function constantDigits(node: MathNode): number | undefined {
  let n = node;
  for (let i = 0; i < 4 && n.type === 'ParenthesisNode'; i++) n = (n as ParenthesisNode).content;
  if (n.type !== 'ConstantNode') return undefined;
  const v: unknown = (n as ConstantLike).value;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_ROUND_DIGITS ? v : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Closures over exact values

type Fn = (vars: readonly Exact[]) => Exact;

const truth = (b: boolean): Exact => (b ? Exact.ONE : Exact.ZERO);

function toClosure(e: Expr): Fn {
  switch (e.t) {
    case 'num': {
      const v = e.value;
      return () => v;
    }
    case 'var': {
      const i = e.index;
      return (vars) => vars[i]!;
    }
    case 'unary': {
      const f = toClosure(e.arg);
      if (e.op === 'neg') return (v) => f(v).neg();
      if (e.op === 'not') return (v) => truth(f(v).isZero());
      return f;
    }
    case 'binary':
      return binaryClosure(e.op, toClosure(e.a), toClosure(e.b), e.text);
    case 'cond': {
      const c = toClosure(e.c);
      const a = toClosure(e.a);
      const b = toClosure(e.b);
      // Only the chosen branch runs, so `b > 0 ? a / b : 0` never divides by zero.
      return (v) => (c(v).isZero() ? b(v) : a(v));
    }
    case 'minmax': {
      const fs = e.args.map(toClosure);
      const pickMin = e.fn === 'min';
      return (v) => {
        let best = fs[0]!(v);
        for (let i = 1; i < fs.length; i++) {
          const x = fs[i]!(v);
          best = pickMin ? best.min(x) : best.max(x);
        }
        return best;
      };
    }
    case 'abs': {
      const f = toClosure(e.arg);
      return (v) => f(v).abs();
    }
    case 'clamp': {
      const x = toClosure(e.x);
      const lo = toClosure(e.lo);
      const hi = toClosure(e.hi);
      return (v) => x(v).max(lo(v)).min(hi(v));
    }
    case 'round': {
      const f = toClosure(e.arg);
      const digits = e.digits;
      return (v) => f(v).round(digits, 'half-up');
    }
  }
}

function binaryClosure(op: BinaryOp, a: Fn, b: Fn, text: string): Fn {
  switch (op) {
    case 'add':
      return (v) => a(v).add(b(v));
    case 'sub':
      return (v) => a(v).sub(b(v));
    case 'mul':
      return (v) => a(v).mul(b(v));
    case 'div':
      return (v) => {
        const d = b(v);
        if (d.isZero()) throw new FormulaRuntimeError(`division by zero in "${text}"`, `chia cho 0 trong "${text}"`);
        return a(v).div(d);
      };
    case 'lt':
      return (v) => truth(a(v).lt(b(v)));
    case 'le':
      return (v) => truth(a(v).lte(b(v)));
    case 'gt':
      return (v) => truth(a(v).gt(b(v)));
    case 'ge':
      return (v) => truth(a(v).gte(b(v)));
    case 'eq':
      return (v) => truth(a(v).eq(b(v)));
    case 'ne':
      return (v) => truth(!a(v).eq(b(v)));
    // Short-circuit, like the conditional: `b != 0 and a / b > 0.5` is safe.
    case 'and':
      return (v) => truth(!a(v).isZero() && !b(v).isZero());
    case 'or':
      return (v) => truth(!a(v).isZero() || !b(v).isZero());
  }
}

// ---------------------------------------------------------------------------------------------------------
// Interval analysis

const WHOLE: Interval = { lo: undefined, hi: undefined };
const BOOL: Interval = { lo: Exact.ZERO, hi: Exact.ONE };
const TRUE: Interval = { lo: Exact.ONE, hi: Exact.ONE };
const FALSE: Interval = { lo: Exact.ZERO, hi: Exact.ZERO };
const point = (x: Exact): Interval => ({ lo: x, hi: x });

/** An extended real for endpoint products: an exact value or ±Infinity. */
type Ext = Exact | number;

function extSign(x: Ext): number {
  return typeof x === 'number' ? Math.sign(x) : x.sign();
}

function extCmp(a: Ext, b: Ext): number {
  if (typeof a === 'number' || typeof b === 'number') {
    const av = typeof a === 'number' ? a : 0;
    const bv = typeof b === 'number' ? b : 0;
    return av === bv ? 0 : av < bv ? -1 : 1;
  }
  return a.cmp(b);
}

function extMul(a: Ext, b: Ext): Ext {
  // Endpoints bound sets of finite reals, so 0 × ∞ stands for 0 times arbitrarily large finite values: 0.
  const sa = extSign(a);
  const sb = extSign(b);
  if (sa === 0 || sb === 0) return Exact.ZERO;
  if (typeof a === 'number' || typeof b === 'number') return sa * sb > 0 ? Infinity : -Infinity;
  return a.mul(b);
}

function lt(a: Exact | undefined, b: Exact | undefined): boolean {
  return a !== undefined && b !== undefined && a.lt(b);
}
function lte(a: Exact | undefined, b: Exact | undefined): boolean {
  return a !== undefined && b !== undefined && a.lte(b);
}

function hull(a: Interval, b: Interval): Interval {
  return {
    lo: a.lo === undefined || b.lo === undefined ? undefined : a.lo.min(b.lo),
    hi: a.hi === undefined || b.hi === undefined ? undefined : a.hi.max(b.hi),
  };
}

function neg(a: Interval): Interval {
  return { lo: a.hi?.neg(), hi: a.lo?.neg() };
}

function add(a: Interval, b: Interval): Interval {
  return {
    lo: a.lo === undefined || b.lo === undefined ? undefined : a.lo.add(b.lo),
    hi: a.hi === undefined || b.hi === undefined ? undefined : a.hi.add(b.hi),
  };
}

function mul(a: Interval, b: Interval): Interval {
  const as: Ext[] = [a.lo ?? -Infinity, a.hi ?? Infinity];
  const bs: Ext[] = [b.lo ?? -Infinity, b.hi ?? Infinity];
  let lo: Ext | undefined;
  let hi: Ext | undefined;
  for (const x of as) {
    for (const y of bs) {
      const p = extMul(x, y);
      if (lo === undefined || extCmp(p, lo) < 0) lo = p;
      if (hi === undefined || extCmp(p, hi) > 0) hi = p;
    }
  }
  return { lo: typeof lo === 'number' || lo === undefined ? undefined : lo, hi: typeof hi === 'number' || hi === undefined ? undefined : hi };
}

/** 1/x over the nonzero members of b (x = 0 throws at run time, so it contributes no value). */
function reciprocal(b: Interval): Interval {
  const sLo = b.lo === undefined ? -1 : b.lo.sign();
  const sHi = b.hi === undefined ? 1 : b.hi.sign();
  if (sLo > 0 || sHi < 0) {
    // 0 is outside b: 1/x is monotone decreasing on b.
    return { lo: b.hi === undefined ? Exact.ZERO : Exact.ONE.div(b.hi), hi: b.lo === undefined ? Exact.ZERO : Exact.ONE.div(b.lo) };
  }
  if (sLo === 0 && sHi > 0) return { lo: b.hi === undefined ? Exact.ZERO : Exact.ONE.div(b.hi), hi: undefined };
  if (sHi === 0 && sLo < 0) return { lo: undefined, hi: b.lo === undefined ? Exact.ZERO : Exact.ONE.div(b.lo) };
  return WHOLE;
}

function minOf(a: Interval, b: Interval): Interval {
  return {
    lo: a.lo === undefined || b.lo === undefined ? undefined : a.lo.min(b.lo),
    hi: a.hi === undefined ? b.hi : b.hi === undefined ? a.hi : a.hi.min(b.hi),
  };
}

function maxOf(a: Interval, b: Interval): Interval {
  return {
    lo: a.lo === undefined ? b.lo : b.lo === undefined ? a.lo : a.lo.max(b.lo),
    hi: a.hi === undefined || b.hi === undefined ? undefined : a.hi.max(b.hi),
  };
}

function certainlyTrue(a: Interval): boolean {
  return (a.lo !== undefined && a.lo.sign() > 0) || (a.hi !== undefined && a.hi.sign() < 0);
}
function certainlyFalse(a: Interval): boolean {
  return a.lo !== undefined && a.hi !== undefined && a.lo.isZero() && a.hi.isZero();
}
function decided(yes: boolean, no: boolean): Interval {
  return yes ? TRUE : no ? FALSE : BOOL;
}

function rangeOf(e: Expr, vars: readonly Interval[]): Interval {
  switch (e.t) {
    case 'num':
      return point(e.value);
    case 'var':
      return vars[e.index]!;
    case 'unary': {
      const a = rangeOf(e.arg, vars);
      if (e.op === 'neg') return neg(a);
      if (e.op === 'not') return decided(certainlyFalse(a), certainlyTrue(a));
      return a;
    }
    case 'binary': {
      const a = rangeOf(e.a, vars);
      const b = rangeOf(e.b, vars);
      switch (e.op) {
        case 'add':
          return add(a, b);
        case 'sub':
          return add(a, neg(b));
        case 'mul':
          return mul(a, b);
        case 'div':
          return mul(a, reciprocal(b));
        case 'lt':
          return decided(lt(a.hi, b.lo), lte(b.hi, a.lo));
        case 'le':
          return decided(lte(a.hi, b.lo), lt(b.hi, a.lo));
        case 'gt':
          return decided(lt(b.hi, a.lo), lte(a.hi, b.lo));
        case 'ge':
          return decided(lte(b.hi, a.lo), lt(a.hi, b.lo));
        case 'eq':
        case 'ne': {
          const same = a.lo !== undefined && a.hi !== undefined && b.lo !== undefined && b.hi !== undefined && a.lo.eq(a.hi) && b.lo.eq(b.hi) && a.lo.eq(b.lo);
          const apart = lt(a.hi, b.lo) || lt(b.hi, a.lo);
          return e.op === 'eq' ? decided(same, apart) : decided(apart, same);
        }
        case 'and':
          return decided(certainlyTrue(a) && certainlyTrue(b), certainlyFalse(a) || certainlyFalse(b));
        case 'or':
          return decided(certainlyTrue(a) || certainlyTrue(b), certainlyFalse(a) && certainlyFalse(b));
      }
      // Unreachable: an operator added without a case above fails to compile here instead of falling into 'cond'.
      throw new Error(`par-index internal error: no range for the operator of ${JSON.stringify(e satisfies never)}`);
    }
    case 'cond': {
      const c = rangeOf(e.c, vars);
      if (certainlyTrue(c)) return rangeOf(e.a, vars);
      if (certainlyFalse(c)) return rangeOf(e.b, vars);
      return hull(rangeOf(e.a, vars), rangeOf(e.b, vars));
    }
    case 'minmax': {
      const rs = e.args.map((a) => rangeOf(a, vars));
      return rs.slice(1).reduce(e.fn === 'min' ? minOf : maxOf, rs[0]!);
    }
    case 'abs': {
      const a = rangeOf(e.arg, vars);
      if (a.lo !== undefined && a.lo.sign() >= 0) return a;
      if (a.hi !== undefined && a.hi.sign() <= 0) return neg(a);
      const top = a.lo === undefined || a.hi === undefined ? undefined : a.lo.neg().max(a.hi);
      return { lo: Exact.ZERO, hi: top };
    }
    case 'clamp':
      return minOf(maxOf(rangeOf(e.x, vars), rangeOf(e.lo, vars)), rangeOf(e.hi, vars));
    case 'round': {
      // Rounding is monotone, so rounding the bounds encloses every rounded value.
      const a = rangeOf(e.arg, vars);
      return { lo: a.lo?.round(e.digits, 'half-up'), hi: a.hi?.round(e.digits, 'half-up') };
    }
  }
}

function toInterval(pair: readonly [number, number], name: string): Interval {
  const [lo, hi] = pair;
  if (Number.isNaN(lo) || Number.isNaN(hi) || lo > hi || lo === Infinity || hi === -Infinity) {
    throw new RangeError(`invalid interval for "${name}": [${lo}, ${hi}]`);
  }
  return { lo: lo === -Infinity ? undefined : Exact.of(lo), hi: hi === Infinity ? undefined : Exact.of(hi) };
}

function checkInterval(iv: Interval, name: string): void {
  if (iv.lo !== undefined && iv.hi !== undefined && iv.lo.gt(iv.hi)) {
    throw new RangeError(`invalid interval for "${name}": lower bound ${iv.lo.toString()} above upper bound ${iv.hi.toString()}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Entry point

/**
 * Parses `source` once, checks it against the formula grammar and compiles it to closures over exact values.
 *
 * The grammar: numbers; the declared `variables`; parentheses; `+ - * /`; unary `-` and `+`; comparisons
 * `< <= > >= == !=` and `and`, `or`, `not` (giving 1 or 0); `c ? a : b` (true when c ≠ 0); `x%` (x ÷ 100);
 * and the functions `min(…)`, `max(…)`, `abs(x)`, `round(x)`, `round(x, n)` (half away from zero, n a
 * constant 0–10) and `clamp(x, low, high)`. Everything else — property access, assignments, function
 * definitions, matrices, objects, ranges, strings, units, `^`, `mod`, `!`, implicit multiplication, several
 * statements, any other function — is refused with a problem that names the offending part. A formula longer
 * than 2000 characters or with brackets nested deeper than 64 levels is refused before parsing, which keeps the
 * parser's recursion shallow; a parsed tree deeper than 64 levels is refused too.
 *
 * A function name may also be a variable name (the node's `max` is both): a name followed by `(` is the
 * function, otherwise the variable.
 *
 * @example
 * ```ts
 * const r = compileFormula('round(a / b * max, 2)', ['a', 'b', 'max']);
 * if (r.ok) {
 *   r.formula.evaluate([Exact.of(97.75), Exact.of(100), Exact.of(2)]).toString(); // "1.96"
 *   r.formula.range([[0, 100], [1, 100], [2, 2]]); // [0, 200]
 * } else {
 *   for (const p of r.issues) console.log(p.code, p.en, p.vi);
 * }
 * compileFormula('x.constructor', ['x']); // { ok: false, issues: [{ code: 'criteria.formula-forbidden', en: 'property access ".constructor" is not allowed', … }] }
 * ```
 */
export function compileFormula(source: string, variables: readonly string[], limits: FormulaLimits = FORMULA_LIMITS): CompileResult {
  const problems: FormulaProblem[] = [];
  const index = new Map<string, number>();
  variables.forEach((name, i) => {
    const p = checkVariableName(name);
    if (p) problems.push(p);
    else if (index.has(name)) problems.push(forbidden(`variable "${name}" is declared twice`, `biến "${name}" được khai báo hai lần`));
    else index.set(name, i);
  });
  if (source.length > limits.maxLength) {
    problems.push(forbidden(`the formula is ${source.length} characters long; the limit is ${limits.maxLength} (limits.maxFormulaLength)`, `công thức dài ${source.length} ký tự, vượt giới hạn ${limits.maxLength} ký tự (limits.maxFormulaLength)`));
  }
  const depth = bracketDepth(source);
  if (depth > limits.maxDepth) {
    problems.push(forbidden(`brackets are nested ${depth} levels deep; the limit is ${limits.maxDepth} (limits.maxFormulaDepth)`, `ngoặc lồng nhau ${depth} cấp, vượt giới hạn ${limits.maxDepth} cấp (limits.maxFormulaDepth)`));
  }
  if (source.trim() === '') problems.push({ code: 'criteria.formula-parse', en: 'the formula is empty', vi: 'công thức trống' });
  if (problems.length > 0) return { ok: false, issues: problems };

  let tree: MathNode;
  try {
    tree = parseExpression(source);
  } catch (e) {
    return { ok: false, issues: [parseProblem(source, e)] };
  }
  const lowering = new Lowering(index, limits.maxDepth);
  const expr = lowering.lower(tree, 1);
  if (expr === undefined || lowering.problems.length > 0) {
    const all = lowering.problems;
    const shown = all.slice(0, MAX_PROBLEMS);
    if (all.length > MAX_PROBLEMS) {
      shown.push(forbidden(`… and ${all.length - MAX_PROBLEMS} more problems`, `… và ${all.length - MAX_PROBLEMS} lỗi khác`));
    }
    return { ok: false, issues: shown };
  }

  const run = toClosure(expr);
  const names = Object.freeze([...variables]);
  const arityCheck = (n: number, what: string): void => {
    if (n !== names.length) throw new RangeError(`formula "${source}" expects ${names.length} ${what} (${names.join(', ')}), got ${n}`);
  };
  const formula: CompiledFormula = {
    source,
    variables: names,
    evaluate(values) {
      arityCheck(values.length, 'values');
      return run(values);
    },
    rangeExact(intervals) {
      arityCheck(intervals.length, 'intervals');
      intervals.forEach((iv, i) => checkInterval(iv, names[i]!));
      return rangeOf(expr, intervals);
    },
    range(intervals) {
      arityCheck(intervals.length, 'intervals');
      const r = rangeOf(
        expr,
        intervals.map((pair, i) => toInterval(pair, names[i]!)),
      );
      return [r.lo === undefined ? -Infinity : r.lo.toNumber(), r.hi === undefined ? Infinity : r.hi.toNumber()];
    },
  };
  return { ok: true, formula: Object.freeze(formula) };
}
