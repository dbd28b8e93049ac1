/**
 * The grammar of the formula language and its parser: the source is parsed by the sandboxed mathjs parser
 * (`sandbox.ts`), the tree checked against a closed grammar and lowered to the internal form (`expr.ts`). Every
 * problem found is collected, in English and Vietnamese, rather than stopping at the first one.
 * @module
 */
import type {
  ConditionalNode,
  FunctionNode,
  MathNode,
  OperatorNode,
  OperatorNodeFn,
  OperatorNodeOp,
  ParenthesisNode,
  SymbolNode,
} from 'mathjs/number';
import { Exact } from '../core/exact.js';
import type { BinaryOp, Expr, UnaryOp } from './expr.js';
import type { FormulaLimits } from './limits.js';
import { forbidden, type FormulaProblem } from './problems.js';
import { parseExpression } from './sandbox.js';

/** The functions a formula may call. `round(x, n)` rounds half away from zero to n decimals (0 to 10). */
export const FORMULA_FUNCTIONS: readonly string[] = Object.freeze(['min', 'max', 'abs', 'round', 'clamp']);

const MAX_ROUND_DIGITS = 10;
const MAX_PROBLEMS = 20;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
// The parser reads some of these as names in operand position (`and + 1`) and as operators elsewhere
// (`a and b`), so a variable with such a name would mean different things in different places.
const RESERVED = new Set(['and', 'or', 'not', 'xor', 'mod', 'to', 'in', 'true', 'false', 'null', 'undefined', 'Infinity', 'NaN']);

/** A constant node whose value may be of any type the parser produces (numbers, strings, booleans, null). */
type ConstantLike = MathNode & { readonly value: unknown };

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
    return forbidden(
      `variable name "${name}" must be letters, digits and "_", not starting with a digit`,
      `tên biến "${name}" chỉ gồm chữ cái, chữ số và "_", không bắt đầu bằng chữ số`,
    );
  }
  if (RESERVED.has(name) || !parsesAsName(name)) {
    return forbidden(
      `variable name "${name}" is a reserved word of the formula language`,
      `tên biến "${name}" là từ khóa của ngôn ngữ công thức`,
    );
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
        this.fail(
          forbidden(
            `the formula is nested more than ${this.maxDepth} levels deep (the limit is ${this.maxDepth}: limits.maxFormulaDepth)`,
            `công thức lồng nhau quá ${this.maxDepth} cấp (giới hạn ${this.maxDepth}: limits.maxFormulaDepth)`,
          ),
        );
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
        return forbidden(
          `several expressions "${s}" are not allowed: write one expression, without ";" or line breaks`,
          `công thức chỉ được có một biểu thức "${s}": không dùng ";" hoặc xuống dòng`,
        );
      case 'RelationalNode':
        return forbidden(
          `chained comparison "${s}" is not allowed: write "a < b and b < c"`,
          `không được so sánh liên tiếp "${s}": hãy viết "a < b and b < c"`,
        );
      default:
        return forbidden(`"${s}" (${node.type}) is not allowed`, `không được dùng "${s}" (${node.type})`);
    }
  }

  private constant(node: ConstantLike): Expr | undefined {
    const v = node.value;
    if (typeof v === 'number') {
      if (!Number.isFinite(v))
        return this.fail(
          forbidden(
            `number "${String(v)}" is not finite (a literal too large, Infinity or NaN)`,
            `số "${String(v)}" không hữu hạn (số quá lớn, Infinity hoặc NaN)`,
          ),
        );
      return { t: 'num', value: Exact.of(v) };
    }
    if (typeof v === 'string') {
      const text = v.length > 40 ? `${v.slice(0, 39)}…` : v;
      return this.fail(forbidden(`string "${text}" is not allowed`, `không được dùng chuỗi ký tự "${text}"`));
    }
    if (v === undefined) return this.fail({ code: 'criteria.formula-parse', en: 'the formula is empty', vi: 'công thức trống' });
    return this.fail(
      forbidden(
        `constant "${String(v)}" is not allowed (write a number such as 1 or 0)`,
        `không được dùng hằng "${String(v)}" (hãy viết một số, ví dụ 1 hoặc 0)`,
      ),
    );
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
      return this.fail(
        forbidden(
          `implicit multiplication "${s}" is not allowed (units are not supported either): write "*" between the terms`,
          `không được nhân ngầm định "${s}" (cũng không hỗ trợ đơn vị đo): hãy viết dấu "*" giữa các thừa số`,
        ),
      );
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
      return this.fail(
        forbidden(
          `function "${name}" is not allowed (allowed: ${FORMULA_FUNCTIONS.join(', ')})`,
          `không được dùng hàm "${name}" (chỉ được dùng: ${FORMULA_FUNCTIONS.join(', ')})`,
        ),
      );
    }
    const n = node.args.length;
    const arityOk = name === 'min' || name === 'max' ? n >= 1 : name === 'abs' ? n === 1 : name === 'round' ? n === 1 || n === 2 : n === 3;
    if (!arityOk) {
      const want =
        name === 'min' || name === 'max'
          ? 'at least 1 argument'
          : name === 'abs'
            ? '1 argument'
            : name === 'round'
              ? '1 or 2 arguments'
              : '3 arguments (x, low, high)';
      const wantVi =
        name === 'min' || name === 'max'
          ? 'ít nhất 1 đối số'
          : name === 'abs'
            ? '1 đối số'
            : name === 'round'
              ? '1 hoặc 2 đối số'
              : '3 đối số (x, cận dưới, cận trên)';
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
          return this.fail(
            forbidden(
              `the number of decimals in round(x, n) must be a whole number from 0 to ${MAX_ROUND_DIGITS} written as a constant, got "${s}"`,
              `số chữ số thập phân trong round(x, n) phải là số nguyên từ 0 đến ${MAX_ROUND_DIGITS} viết trực tiếp, nhận được "${s}"`,
            ),
          );
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

/**
 * Checks the variable names and the size of `source`, parses it and lowers the tree: the checked internal
 * form, or every problem found (at most 20 shown, the rest counted).
 */
export function lowerFormula(
  source: string,
  variables: readonly string[],
  limits: FormulaLimits,
): { readonly ok: true; readonly expr: Expr } | { readonly ok: false; readonly issues: readonly FormulaProblem[] } {
  const problems: FormulaProblem[] = [];
  const index = new Map<string, number>();
  variables.forEach((name, i) => {
    const p = checkVariableName(name);
    if (p) problems.push(p);
    else if (index.has(name)) problems.push(forbidden(`variable "${name}" is declared twice`, `biến "${name}" được khai báo hai lần`));
    else index.set(name, i);
  });
  if (source.length > limits.maxLength) {
    problems.push(
      forbidden(
        `the formula is ${source.length} characters long; the limit is ${limits.maxLength} (limits.maxFormulaLength)`,
        `công thức dài ${source.length} ký tự, vượt giới hạn ${limits.maxLength} ký tự (limits.maxFormulaLength)`,
      ),
    );
  }
  const depth = bracketDepth(source);
  if (depth > limits.maxDepth) {
    problems.push(
      forbidden(
        `brackets are nested ${depth} levels deep; the limit is ${limits.maxDepth} (limits.maxFormulaDepth)`,
        `ngoặc lồng nhau ${depth} cấp, vượt giới hạn ${limits.maxDepth} cấp (limits.maxFormulaDepth)`,
      ),
    );
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
  return { ok: true, expr };
}
