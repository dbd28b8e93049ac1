import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { Exact } from '../../src/core/exact.js';
import { ParIndexError } from '../../src/core/errors.js';
import { compileFormula, type CompiledFormula } from '../../src/formula/compile.js';
import type { Interval } from '../../src/formula/interval.js';
import { FORMULA_LIMITS } from '../../src/formula/limits.js';
import { checkVariableName } from '../../src/formula/parse.js';
import { FormulaRuntimeError, type FormulaIssueCode } from '../../src/formula/problems.js';
import { FormulaParams, formulaRule } from '../../src/rules/formula.js';
import { FORMULA_CORPUS_SIZE } from '../support/hostile-support.js';
import type { EvidenceView, MeasureDecl, RuleContext } from '../../src/rules/types.js';

const X = (s: string): Exact => Exact.parse(s)!;
const ex = (...xs: number[]): Exact[] => xs.map((x) => Exact.of(x));

function compiled(source: string, variables: readonly string[]): CompiledFormula {
  const r = compileFormula(source, variables);
  if (!r.ok) throw new Error(`expected "${source}" to compile: ${r.issues.map((i) => i.en).join('; ')}`);
  return r.formula;
}

function run(source: string, vars: Record<string, number | string>): Exact {
  const names = Object.keys(vars);
  const values = Object.values(vars).map((v) => (typeof v === 'number' ? Exact.of(v) : X(v)));
  return compiled(source, names).evaluate(values);
}

function refused(source: string, variables: readonly string[] = ['a', 'b', 'c', 'x', 'max']) {
  const r = compileFormula(source, variables);
  if (r.ok) throw new Error(`expected "${source.slice(0, 60)}" to be refused`);
  return r.issues;
}

describe('compileFormula: exact evaluation', () => {
  it('computes a / b * max exactly (no binary floating point)', () => {
    const v = run('a / b * max', { a: 97.75, b: 100, max: 2 });
    expect(v.eq(X('1.955'))).toBe(true);
    expect(v.toString()).toBe('1.955');
    // Where binary floating point goes wrong, the formula does not: 1.005 is 1.00499999… as a double.
    expect((1.005).toFixed(2)).toBe('1.00');
    expect(run('round(a, 2)', { a: 1.005 }).toString()).toBe('1.01');
    expect(run('a * 3', { a: 0.1 }).toString()).toBe('0.3');
  });

  it('rounds half away from zero, to n decimals or to a whole number', () => {
    expect(run('round(a / b * max, 2)', { a: 97.75, b: 100, max: 2 }).toString()).toBe('1.96');
    expect(run('round(-a / b * max, 2)', { a: 97.75, b: 100, max: 2 }).toString()).toBe('-1.96');
    expect(run('round(a)', { a: 2.5 }).toString()).toBe('3');
    expect(run('round(a)', { a: -2.5 }).toString()).toBe('-3');
    expect(run('round(a, 0)', { a: 2.4999 }).toString()).toBe('2');
    expect(run('round(a / 3, 4)', { a: 1 }).toString()).toBe('0.3333');
    expect(run('round(a, (1))', { a: 0.05 }).toString()).toBe('0.1');
  });

  it('keeps thirds exact through a round trip', () => {
    expect(run('a / 3 * 3', { a: 1 }).eq(Exact.ONE)).toBe(true);
    expect(run('a / 49 * 49', { a: 1 }).eq(Exact.ONE)).toBe(true);
  });

  it('reads decimal literals as the decimal written', () => {
    expect(run('0.1 + 0.2', {}).toString()).toBe('0.3');
    expect(run('a * 0.25', { a: 3 }).toString()).toBe('0.75');
    expect(run('50% * max', { max: 2 }).toString()).toBe('1');
    expect(run('.5 + 0x10', {}).toString()).toBe('16.5');
  });

  it('evaluates comparisons to 1 or 0', () => {
    const cases: [string, number][] = [
      ['a < b', 1],
      ['a <= b', 1],
      ['a > b', 0],
      ['a >= b', 0],
      ['a == b', 0],
      ['a != b', 1],
      ['a == a', 1],
      ['a <= a', 1],
      ['a < a', 0],
    ];
    for (const [src, want] of cases) expect(run(src, { a: 1.5, b: 2 }).toNumber(), src).toBe(want);
  });

  it('evaluates logical operators and conditionals', () => {
    expect(run('a >= 50 ? max : 0', { a: 50, max: 2 }).toString()).toBe('2');
    expect(run('a >= 50 ? max : 0', { a: 49.99, max: 2 }).toString()).toBe('0');
    expect(run('a >= 80 ? max : a >= 50 ? max / 2 : 0', { a: 60, max: 2 }).toString()).toBe('1');
    expect(run('a > 0 and b > 0', { a: 1, b: 0 }).toNumber()).toBe(0);
    expect(run('a > 0 or b > 0', { a: 1, b: 0 }).toNumber()).toBe(1);
    expect(run('not (a > 0)', { a: 1 }).toNumber()).toBe(0);
    expect(run('not a', { a: 0 }).toNumber()).toBe(1);
    // Any nonzero condition is true, including negatives and fractions.
    expect(run('a - b ? 1 : 2', { a: 1, b: 1.5 }).toNumber()).toBe(1);
    expect(run('a - b ? 1 : 2', { a: 1.5, b: 1.5 }).toNumber()).toBe(2);
  });

  it('only evaluates the branch taken, so guarded divisions do not throw', () => {
    expect(run('b > 0 ? a / b * max : 0', { a: 1, b: 0, max: 2 }).toString()).toBe('0');
    expect(run('b != 0 and a / b > 0.5', { a: 1, b: 0 }).toNumber()).toBe(0);
    expect(run('b == 0 or a / b > 0.5', { a: 1, b: 0 }).toNumber()).toBe(1);
  });

  it('evaluates min, max, abs and clamp', () => {
    expect(run('min(max, a / b * max)', { a: 120, b: 100, max: 2 }).toString()).toBe('2');
    expect(run('min(max, a / b * max)', { a: 45, b: 50, max: 2 }).toString()).toBe('1.8');
    expect(run('min(a, b, 3, -1.5)', { a: 4, b: 2 }).toString()).toBe('-1.5');
    expect(run('max(a)', { a: 4 }).toString()).toBe('4');
    expect(run('max(a, b) - min(a, b)', { a: 4, b: 9 }).toString()).toBe('5');
    expect(run('abs(a - b)', { a: 4, b: 9 }).toString()).toBe('5');
    expect(run('clamp(a, 0, max)', { a: -3, max: 2 }).toString()).toBe('0');
    expect(run('clamp(a, 0, max)', { a: 7, max: 2 }).toString()).toBe('2');
    expect(run('clamp(a, 0, max)', { a: 1.25, max: 2 }).toString()).toBe('1.25');
  });

  it('allows a function name as a variable (max is both)', () => {
    expect(run('max(max, a)', { max: 2, a: 3 }).toString()).toBe('3');
  });

  it('throws FormulaRuntimeError with a bilingual message on division by zero', () => {
    const f = compiled('a / (b - c) * max', ['a', 'b', 'c', 'max']);
    let caught: unknown;
    try {
      f.evaluate(ex(1, 5, 5, 2));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(FormulaRuntimeError);
    const err = caught as FormulaRuntimeError;
    expect(err.en).toMatch(/division by zero in "a \/ \(b - c\)"/);
    expect(err.vi).toMatch(/chia cho 0/);
    expect(err.message).toBe(err.en);
    expect(() => compiled('1 / 0', []).evaluate([])).toThrow(FormulaRuntimeError);
  });

  it('refuses a wrong number of values', () => {
    const f = compiled('a + b', ['a', 'b']);
    expect(() => f.evaluate(ex(1))).toThrow(RangeError);
    expect(() => f.range([[0, 1]])).toThrow(RangeError);
    expect(() =>
      f.range([
        [1, 0],
        [0, 1],
      ]),
    ).toThrow(RangeError);
  });

  it('exposes the source and variables', () => {
    const f = compiled('a + b', ['a', 'b']);
    expect(f.source).toBe('a + b');
    expect(f.variables).toEqual(['a', 'b']);
    expect(Object.isFrozen(f)).toBe(true);
  });

  it('accepts nesting up to the depth limit', () => {
    const ok = `${'('.repeat(30)}a${')'.repeat(30)}`;
    expect(compileFormula(ok, ['a']).ok).toBe(true);
    const tooDeep = `${'('.repeat(FORMULA_LIMITS.maxDepth)}a${')'.repeat(FORMULA_LIMITS.maxDepth)}`;
    expect(compileFormula(tooDeep, ['a']).ok).toBe(false);
  });
});

describe('compileFormula: the escape corpus', () => {
  const nested = `${'('.repeat(10_000)}1${')'.repeat(10_000)}`;
  const long = `${'1+'.repeat(2_499)}1 `;
  const corpus: [label: string, source: string, code: FormulaIssueCode, names: string][] = [
    ['import', 'import({}, {override:true})', 'criteria.formula-forbidden', 'function "import" is not allowed'],
    ['createUnit', 'createUnit("foo")', 'criteria.formula-forbidden', 'function "createUnit" is not allowed'],
    ['evaluate', 'evaluate("1+1")', 'criteria.formula-forbidden', 'function "evaluate" is not allowed'],
    ['parse', 'parse("1")', 'criteria.formula-forbidden', 'function "parse" is not allowed'],
    ['compile', 'compile("2+2")', 'criteria.formula-forbidden', 'function "compile" is not allowed'],
    ['config', 'config({number:"BigNumber"})', 'criteria.formula-forbidden', 'function "config" is not allowed'],
    ['simplify', 'simplify("x + x")', 'criteria.formula-forbidden', 'function "simplify" is not allowed'],
    ['derivative', 'derivative("x^2", "x")', 'criteria.formula-forbidden', 'function "derivative" is not allowed'],
    ['resolve', 'resolve(x)', 'criteria.formula-forbidden', 'function "resolve" is not allowed'],
    ['eval', 'eval("1")', 'criteria.formula-forbidden', 'function "eval" is not allowed'],
    ['Function', 'Function("return process")', 'criteria.formula-forbidden', 'function "Function" is not allowed'],
    ['toString', 'toString()', 'criteria.formula-forbidden', 'function "toString" is not allowed'],
    ['sqrt', 'sqrt(4)', 'criteria.formula-forbidden', 'function "sqrt" is not allowed'],
    ['cos', 'cos(1)', 'criteria.formula-forbidden', 'function "cos" is not allowed'],
    ['property access', 'x.constructor', 'criteria.formula-forbidden', 'property access ".constructor" is not allowed'],
    ['bracket property access', 'a["constructor"]', 'criteria.formula-forbidden', 'property access ".constructor" is not allowed'],
    ['constructor call', 'a.constructor("return 1")(1)', 'criteria.formula-forbidden', 'property access ".constructor"'],
    ['method call', 'a.b(1)', 'criteria.formula-forbidden', 'property access ".b"'],
    ['index access', 'a[1]', 'criteria.formula-forbidden', 'index access "a[1]"'],
    ['function definition', 'f(x)=x^2', 'criteria.formula-forbidden', 'function definition "f(x) = x ^ 2"'],
    ['assignment', 'a = 5', 'criteria.formula-forbidden', 'assignment "a = 5"'],
    ['matrix', '[1,2]', 'criteria.formula-forbidden', 'matrix "[1, 2]"'],
    ['object', '{a:1}', 'criteria.formula-forbidden', 'object "{"a": 1}"'],
    ['string', '"abc"', 'criteria.formula-forbidden', 'string "abc"'],
    ['string with brackets', `"${'('.repeat(100)}" + a`, 'criteria.formula-forbidden', 'string "(((('],
    ['unit', '1 m', 'criteria.formula-forbidden', 'implicit multiplication "1 m"'],
    ['units added', '5 cm + 2 inch', 'criteria.formula-forbidden', 'implicit multiplication "5 cm"'],
    ['implicit multiplication', '2(a + b)', 'criteria.formula-forbidden', 'implicit multiplication "2 (a + b)"'],
    ['power', '2^3', 'criteria.formula-forbidden', 'operator "^" (pow)'],
    ['mod', 'a mod b', 'criteria.formula-forbidden', 'operator "mod" (mod)'],
    ['percent mod', 'a % b', 'criteria.formula-forbidden', 'operator "%" (mod)'],
    ['factorial', 'a!', 'criteria.formula-forbidden', 'operator "!" (factorial)'],
    ['transpose', "a'", 'criteria.formula-forbidden', 'operator "\'" (ctranspose)'],
    ['xor', 'a xor b', 'criteria.formula-forbidden', 'operator "xor"'],
    ['bitwise and', 'a & b', 'criteria.formula-forbidden', 'operator "&" (bitAnd)'],
    ['shift', 'a << b', 'criteria.formula-forbidden', 'operator "<<" (leftShift)'],
    ['unit conversion', 'a to b', 'criteria.formula-forbidden', 'operator "to"'],
    ['range', '1:3', 'criteria.formula-forbidden', 'range "1:3"'],
    ['block', 'a;b', 'criteria.formula-forbidden', 'several expressions "a; b"'],
    ['block by newline', 'a\nb', 'criteria.formula-forbidden', 'several expressions "a; b"'],
    ['chained comparison', 'a < b < c', 'criteria.formula-forbidden', 'chained comparison "a < b < c"'],
    ['boolean', 'true', 'criteria.formula-forbidden', 'constant "true"'],
    ['null', 'null', 'criteria.formula-forbidden', 'constant "null"'],
    ['infinite literal', '1e400', 'criteria.formula-forbidden', 'number "Infinity" is not finite'],
    ['Infinity', 'a + Infinity', 'criteria.formula-forbidden', 'number "Infinity" is not finite'],
    ['NaN', 'NaN', 'criteria.formula-forbidden', 'number "NaN" is not finite'],
    [
      'round digits not constant',
      'round(a, b)',
      'criteria.formula-forbidden',
      'round(x, n) must be a whole number from 0 to 10 written as a constant, got "b"',
    ],
    ['round digits too many', 'round(a, 11)', 'criteria.formula-forbidden', 'got "11"'],
    ['abs arity', 'abs()', 'criteria.formula-forbidden', 'function "abs" takes 1 argument, got 0'],
    ['clamp arity', 'clamp(a, 1)', 'criteria.formula-forbidden', 'function "clamp" takes 3 arguments'],
    ['deep nesting', nested, 'criteria.formula-forbidden', 'brackets are nested 10000 levels deep; the limit is 64'],
    ['deep unary chain', `${'-'.repeat(200)}a`, 'criteria.formula-forbidden', 'nested more than 64 levels deep'],
    ['long', long, 'criteria.formula-forbidden', 'the formula is 5000 characters long; the limit is 2000'],
    [
      'undeclared',
      'unknownName + 1',
      'criteria.formula-undeclared-input',
      '"unknownName" is not a declared input (declared: a, b, c, x, max)',
    ],
    ['prototype name', '__proto__ + 1', 'criteria.formula-undeclared-input', '"__proto__" is not a declared input'],
    ['constructor name', 'constructor', 'criteria.formula-undeclared-input', '"constructor" is not a declared input'],
    ['constant pi', 'pi * a', 'criteria.formula-undeclared-input', '"pi" is not a declared input'],
    ['syntax: dangling operator', 'a +', 'criteria.formula-parse', 'at character 4 (end of the formula)'],
    ['syntax: half a conditional', 'a ? b', 'criteria.formula-parse', 'False part of conditional expression expected'],
    ['syntax: stray character', 'a + @', 'criteria.formula-parse', 'at character 5 (near "@")'],
    ['syntax: JS operator', 'a === b', 'criteria.formula-parse', 'near "= b"'],
    ['syntax: arrow function', 'x => x', 'criteria.formula-parse', 'at character 4 (near "> x")'],
    ['empty', '   ', 'criteria.formula-parse', 'the formula is empty'],
    ['only a comment', '# nothing', 'criteria.formula-parse', 'the formula is empty'],
    // Added for issue 9 (hostile input): more ways to reach constructors, the math instance, assignment,
    // matrices, units and other number types, and deep or long expressions.
    [
      'constructor of an allowed function',
      'max.constructor',
      'criteria.formula-forbidden',
      'property access ".constructor" is not allowed',
    ],
    ['constructor of a literal', '(1).constructor', 'criteria.formula-forbidden', 'property access ".constructor" is not allowed'],
    ['constructor of an object', '{}.constructor', 'criteria.formula-forbidden', 'property access ".constructor" is not allowed'],
    ['__proto__ by name', 'min.__proto__', 'criteria.formula-forbidden', 'property access ".__proto__" is not allowed'],
    ['__proto__ by index', 'a["__proto__"]', 'criteria.formula-forbidden', 'property access ".__proto__" is not allowed'],
    ['optional chaining', 'a?.b', 'criteria.formula-forbidden', 'property access ".b" is not allowed'],
    ['import through the instance', 'math.import({})', 'criteria.formula-forbidden', 'property access ".import" is not allowed'],
    [
      'createUnit with a definition',
      'createUnit("knot", "0.514 m/s")',
      'criteria.formula-forbidden',
      'function "createUnit" is not allowed',
    ],
    [
      'evaluate on a compiled expression',
      'compile("1").evaluate()',
      'criteria.formula-forbidden',
      'property access ".evaluate" is not allowed',
    ],
    ['evaluate in a branch', 'a ? 1 : evaluate("x")', 'criteria.formula-forbidden', 'function "evaluate" is not allowed'],
    ['evaluate after a semicolon', 'a; evaluate("x")', 'criteria.formula-forbidden', 'several expressions'],
    ['property assignment', 'a.b = 1', 'criteria.formula-forbidden', 'assignment "a.b = 1" is not allowed'],
    ['index assignment', 'a[1] = 2', 'criteria.formula-forbidden', 'assignment "a[1] = 2" is not allowed'],
    ['reassigning max', 'max = 3', 'criteria.formula-forbidden', 'assignment "max = 3" is not allowed'],
    ['chained assignment', 'a = b = 1', 'criteria.formula-forbidden', 'assignment "a = (b = 1)" is not allowed'],
    ['a function bound to a name', 'f = evaluate', 'criteria.formula-forbidden', 'assignment "f = evaluate" is not allowed'],
    [
      'function definition calling evaluate',
      'g(x) = evaluate("x")',
      'criteria.formula-forbidden',
      'function definition "g(x) = evaluate("x")"',
    ],
    ['2-D matrix', '[1,2;3,4]', 'criteria.formula-forbidden', 'matrix "[[1, 2], [3, 4]]"'],
    ['indexing a matrix literal', '[1,2][1]', 'criteria.formula-forbidden', 'index access "[1, 2][1]"'],
    ['matrix constructor', 'matrix([1])', 'criteria.formula-forbidden', 'function "matrix" is not allowed'],
    ['zeros', 'zeros(2)', 'criteria.formula-forbidden', 'function "zeros" is not allowed'],
    ['unit constructor', 'unit("5 cm")', 'criteria.formula-forbidden', 'function "unit" is not allowed'],
    ['unit conversion with in', '5 inch in cm', 'criteria.formula-forbidden', 'implicit multiplication "5 inch"'],
    ['complex number', '2 + 3i', 'criteria.formula-forbidden', 'implicit multiplication "3 i"'],
    ['bignumber', 'bignumber("1")', 'criteria.formula-forbidden', 'function "bignumber" is not allowed'],
    ['typeOf', 'typeOf(a)', 'criteria.formula-forbidden', 'function "typeOf" is not allowed'],
    ['chain', 'chain(3)', 'criteria.formula-forbidden', 'function "chain" is not allowed'],
    ['calling a call', 'max(1, 2)(3)', 'criteria.formula-forbidden', 'implicit multiplication "max(1, 2) (3)"'],
    ['string with NUL', '"\u0000"', 'criteria.formula-forbidden', 'string'],
    ['single-quoted string', "'str'", 'criteria.formula-forbidden', 'string "str" is not allowed'],
    ['global object', 'globalThis', 'criteria.formula-undeclared-input', '"globalThis" is not a declared input'],
    ['process', 'process', 'criteria.formula-undeclared-input', '"process" is not a declared input'],
    [
      'deeply nested calls',
      `${'abs('.repeat(100)}a${')'.repeat(100)}`,
      'criteria.formula-forbidden',
      'brackets are nested 100 levels deep; the limit is 64',
    ],
    ['deeply nested conditionals', `${'a ? ('.repeat(100)}1${' : 0)'.repeat(100)}`, 'criteria.formula-forbidden', 'the limit is 64'],
    ['long flat sum', `x${'+x'.repeat(999)}`, 'criteria.formula-forbidden', 'nested more than 64 levels deep'],
    [
      'just over the length limit',
      `a${' '.repeat(2000)}`,
      'criteria.formula-forbidden',
      'the formula is 2001 characters long; the limit is 2000',
    ],
    ['JS logical operator', 'a && b', 'criteria.formula-parse', 'near "& b"'],
    ['JS power operator', 'a ** 2', 'criteria.formula-parse', 'near "* 2"'],
    ['template literal', '`a`', 'criteria.formula-parse', 'near "`a`"'],
    ['bidi override', 'a\u202e + b', 'criteria.formula-parse', 'at character 2'],
    ['fullwidth letter', 'ｘ + 1', 'criteria.formula-parse', 'at character 1'],
    ['NUL character', 'a\u0000', 'criteria.formula-parse', 'at character 2'],
  ];

  it('has the hostile expressions the summary counts', () => {
    expect(corpus.length).toBe(FORMULA_CORPUS_SIZE);
  });

  it('accepts a formula of exactly the length limit', () => {
    expect(compileFormula(`a${' '.repeat(FORMULA_LIMITS.maxLength - 1)}`, ['a']).ok).toBe(true);
  });

  it.each(corpus)('refuses %s', (_label, source, code, names) => {
    const issues = refused(source);
    const hit = issues.find((i) => i.en.includes(names));
    expect(hit?.code, `issues: ${issues.map((i) => `${i.code}: ${i.en}`).join(' | ')}`).toBe(code);
    expect(hit!.vi.length).toBeGreaterThan(0);
    expect(hit!.vi).not.toBe(hit!.en);
    for (const i of issues)
      expect(['criteria.formula-parse', 'criteria.formula-forbidden', 'criteria.formula-undeclared-input']).toContain(i.code);
  });

  it('names the token in the Vietnamese message too', () => {
    expect(refused('import({}, {override:true})')[0]!.vi).toContain('"import"');
    expect(refused('x.constructor')[0]!.vi).toContain('".constructor"');
    expect(refused('unknownName + 1')[0]!.vi).toContain('"unknownName"');
  });

  it('reports every problem, each once, and caps the list', () => {
    const issues = refused('sqrt(a) + cos(b) + sqrt(c) + zz');
    expect(issues.map((i) => i.en)).toEqual([
      'function "sqrt" is not allowed (allowed: min, max, abs, round, clamp)',
      'function "cos" is not allowed (allowed: min, max, abs, round, clamp)',
      '"zz" is not a declared input (declared: a, b, c, x, max)',
    ]);
    const many = Array.from({ length: 30 }, (_, i) => `u${i}`).join(' + ');
    const capped = refused(many);
    expect(capped).toHaveLength(21);
    expect(capped[20]!.en).toBe('… and 10 more problems');
  });

  it('refuses bad, reserved and duplicate variable names', () => {
    expect(checkVariableName('onTime')).toBeUndefined();
    expect(checkVariableName('max')).toBeUndefined();
    expect(checkVariableName('1a')?.code).toBe('criteria.formula-forbidden');
    for (const reserved of ['and', 'or', 'not', 'xor', 'mod', 'to', 'in', 'true', 'false', 'null', 'undefined', 'Infinity', 'NaN']) {
      expect(checkVariableName(reserved)?.en, reserved).toBe(`variable name "${reserved}" is a reserved word of the formula language`);
    }
    expect(refused('a', ['a', 'a'])[0]!.en).toBe('variable "a" is declared twice');
  });
});

describe('compileFormula: interval analysis', () => {
  it('bounds min(max, a / b * max) by max when a, b ≥ 0', () => {
    const f = compiled('min(max, a / b * max)', ['a', 'b', 'max']);
    const [lo, hi] = f.range([
      [0, Infinity],
      [0, Infinity],
      [2, 2],
    ]);
    expect(hi).toBeLessThanOrEqual(2);
    expect([lo, hi]).toEqual([0, 2]);
  });

  it('scales an interval: a * 2 with a in [0, 100] is [0, 200]', () => {
    expect(compiled('a * 2', ['a']).range([[0, 100]])).toEqual([0, 200]);
    expect(
      compiled('a * b', ['a', 'b']).range([
        [-2, 3],
        [-5, 4],
      ]),
    ).toEqual([-15, 12]);
    expect(
      compiled('a - b', ['a', 'b']).range([
        [0, 10],
        [0, 4],
      ]),
    ).toEqual([-4, 10]);
    expect(compiled('-a + 1', ['a']).range([[0, 10]])).toEqual([-9, 1]);
    expect(
      compiled('a * b', ['a', 'b']).range([
        [0, 0],
        [-Infinity, Infinity],
      ]),
    ).toEqual([0, 0]);
  });

  it('divides by an interval away from 0, at an end of it, and across it', () => {
    expect(
      compiled('a / b', ['a', 'b']).range([
        [1, 10],
        [2, 4],
      ]),
    ).toEqual([0.25, 5]);
    expect(
      compiled('a / b', ['a', 'b']).range([
        [0, 100],
        [0, 100],
      ]),
    ).toEqual([0, Infinity]);
    expect(
      compiled('a / b', ['a', 'b']).range([
        [0, 100],
        [-100, 0],
      ]),
    ).toEqual([-Infinity, 0]);
    expect(
      compiled('a / b', ['a', 'b']).range([
        [1, 2],
        [-1, 1],
      ]),
    ).toEqual([-Infinity, Infinity]);
    expect(
      compiled('a / b', ['a', 'b']).range([
        [1, 2],
        [1, Infinity],
      ]),
    ).toEqual([0, 2]);
  });

  it('gives [0, 1] for comparisons and logic unless decided', () => {
    expect(compiled('a > 50', ['a']).range([[0, 100]])).toEqual([0, 1]);
    expect(compiled('a > 50', ['a']).range([[60, 100]])).toEqual([1, 1]);
    expect(compiled('a > 50', ['a']).range([[0, 50]])).toEqual([0, 0]);
    expect(
      compiled('a == b', ['a', 'b']).range([
        [0, 1],
        [2, 3],
      ]),
    ).toEqual([0, 0]);
    expect(
      compiled('a and b', ['a', 'b']).range([
        [0, 1],
        [0, 1],
      ]),
    ).toEqual([0, 1]);
    expect(compiled('not a', ['a']).range([[1, 5]])).toEqual([0, 0]);
  });

  it('takes the union of both branches of an undecided conditional', () => {
    const f = compiled('a >= 50 ? max : a / 100', ['a', 'max']);
    expect(
      f.range([
        [0, 100],
        [2, 2],
      ]),
    ).toEqual([0, 2]);
    expect(
      f.range([
        [50, 100],
        [2, 2],
      ]),
    ).toEqual([2, 2]);
    expect(
      f.range([
        [0, 40],
        [2, 2],
      ]),
    ).toEqual([0, 0.4]);
  });

  it('rounds the bounds and handles abs and clamp', () => {
    expect(compiled('round(a / 3, 2)', ['a']).range([[1, 2]])).toEqual([0.33, 0.67]);
    expect(compiled('abs(a)', ['a']).range([[-5, 3]])).toEqual([0, 5]);
    expect(compiled('abs(a)', ['a']).range([[-5, -3]])).toEqual([3, 5]);
    expect(compiled('abs(a)', ['a']).range([[-Infinity, 3]])).toEqual([0, Infinity]);
    expect(compiled('clamp(a, 0, 2)', ['a']).range([[-Infinity, Infinity]])).toEqual([0, 2]);
  });

  it('has exact bounds in rangeExact', () => {
    const f = compiled('a / b * max', ['a', 'b', 'max']);
    const r = f.rangeExact([
      { lo: X('97.75'), hi: X('97.75') },
      { lo: Exact.HUNDRED, hi: Exact.HUNDRED },
      { lo: Exact.of(2), hi: Exact.of(2) },
    ]);
    expect(r.lo?.eq(X('1.955'))).toBe(true);
    expect(r.hi?.eq(X('1.955'))).toBe(true);
    expect(() =>
      f.rangeExact([
        { lo: Exact.ONE, hi: Exact.ZERO },
        { lo: undefined, hi: undefined },
        { lo: undefined, hi: undefined },
      ]),
    ).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties

const small = fc.integer({ min: -50, max: 50 });

describe('compileFormula: properties', () => {
  const fixed: [string, (a: number, b: number, c: number) => number][] = [
    ['a * 2 + b - c', (a, b, c) => a * 2 + b - c],
    ['max(a, b) - min(b, c) * 3', (a, b, c) => Math.max(a, b) - Math.min(b, c) * 3],
    ['a > b ? a - b : abs(b - a) * 3', (a, b) => (a > b ? a - b : Math.abs(b - a) * 3)],
    ['(a >= b and b != c) or not (a == c)', (a, b, c) => Number((a >= b && b !== c) || !(a === c))],
    ['a / (abs(b) + 1)', (a, b) => a / (Math.abs(b) + 1)],
    ['round(a / 3, 2)', (a) => (Math.sign(a) * Math.round((Math.abs(a) * 100) / 3)) / 100],
    ['clamp(a - b, -c, abs(c))', (a, b, c) => Math.min(Math.max(a - b, -c), Math.abs(c))],
    ['-(a - b) * (c + 1)', (a, b, c) => -(a - b) * (c + 1)],
  ];

  for (const [source, plain] of fixed) {
    fcTest.prop([small, small, small])(`"${source}" equals its plain-JS computation`, (a, b, c) => {
      const got = compiled(source, ['a', 'b', 'c'])
        .evaluate(ex(a, b, c))
        .toNumber();
      expect(got).toBe(plain(a, b, c) + 0);
    });
  }

  const withDivision = [
    'a / b * c',
    'min(c, a / b * c)',
    'b > 0 ? round(a / b, 1) : c',
    'abs(a - b) / (abs(c) + 1)',
    'max(a, b) / c - min(a, 1 / b)',
    'a < b ? a / 2 : (b == c ? c : -a * b)',
  ];
  const boxed = fc.tuple(small, fc.nat(40), fc.nat(40), fc.boolean(), fc.boolean()).map(([lo, width, at, openLo, openHi]) => ({
    pair: [openLo ? -Infinity : lo, openHi ? Infinity : lo + width] as [number, number],
    value: lo + Math.min(at, width),
  }));

  fcTest.prop([fc.constantFrom(...withDivision), boxed, boxed, boxed])('evaluate lies within range()', (source, ...vars) => {
    const f = compiled(source, ['a', 'b', 'c']);
    let v: Exact;
    try {
      v = f.evaluate(vars.map((x) => Exact.of(x.value)));
    } catch (e) {
      expect(e).toBeInstanceOf(FormulaRuntimeError);
      return;
    }
    const [lo, hi] = f.range(vars.map((x) => x.pair));
    expect(v.toNumber()).toBeGreaterThanOrEqual(lo);
    expect(v.toNumber()).toBeLessThanOrEqual(hi);
    const exact = f.rangeExact(
      vars.map((x) => ({
        lo: Number.isFinite(x.pair[0]) ? Exact.of(x.pair[0]) : undefined,
        hi: Number.isFinite(x.pair[1]) ? Exact.of(x.pair[1]) : undefined,
      })),
    );
    expect(exact.lo === undefined || exact.lo.lte(v)).toBe(true);
    expect(exact.hi === undefined || exact.hi.gte(v)).toBe(true);
  });

  // Random formulas from the whole grammar: the compiler accepts them, division-free ones agree with plain
  // JavaScript (exact on these small integers), and every one stays within its computed range.
  interface Gen {
    readonly src: string;
    readonly js: ((v: readonly number[]) => number) | undefined;
  }
  const bin =
    (op: string, f: (x: number, y: number) => number) =>
    (a: Gen, b: Gen): Gen => ({
      src: `(${a.src} ${op} ${b.src})`,
      js:
        a.js && b.js
          ? (
              (x, y) => (v: readonly number[]) =>
                f(x(v), y(v))
            )(a.js, b.js)
          : undefined,
    });
  const ops = {
    '+': bin('+', (x, y) => x + y),
    '-': bin('-', (x, y) => x - y),
    '*': bin('*', (x, y) => x * y),
    '<': bin('<', (x, y) => Number(x < y)),
    '<=': bin('<=', (x, y) => Number(x <= y)),
    '>': bin('>', (x, y) => Number(x > y)),
    '>=': bin('>=', (x, y) => Number(x >= y)),
    '==': bin('==', (x, y) => Number(x === y)),
    '!=': bin('!=', (x, y) => Number(x !== y)),
    and: bin('and', (x, y) => Number(x !== 0 && y !== 0)),
    or: bin('or', (x, y) => Number(x !== 0 || y !== 0)),
    '/': (a: Gen, b: Gen): Gen => ({ src: `(${a.src} / ${b.src})`, js: undefined }),
  };
  const tree = fc.letrec<{ e: Gen }>((tie) => ({
    e: fc.oneof(
      { maxDepth: 4, withCrossShrink: true },
      fc.nat(9).map((n): Gen => ({ src: String(n), js: () => n })),
      fc.constantFrom(0, 1, 2).map((i): Gen => ({ src: ['a', 'b', 'c'][i]!, js: (v) => v[i]! })),
      fc.tuple(fc.constantFrom(...(Object.keys(ops) as (keyof typeof ops)[])), tie('e'), tie('e')).map(([op, a, b]) => ops[op](a, b)),
      tie('e').map((a): Gen => ({ src: `(-${a.src})`, js: a.js && ((v) => -a.js!(v)) })),
      tie('e').map((a): Gen => ({ src: `(not ${a.src})`, js: a.js && ((v) => Number(a.js!(v) === 0)) })),
      tie('e').map((a): Gen => ({ src: `abs(${a.src})`, js: a.js && ((v) => Math.abs(a.js!(v))) })),
      fc.tuple(tie('e'), fc.nat(3)).map(([a, n]): Gen => ({ src: `round(${a.src}, ${n})`, js: a.js })),
      fc
        .tuple(tie('e'), tie('e'))
        .map(([a, b]): Gen => ({ src: `min(${a.src}, ${b.src})`, js: a.js && b.js ? (v) => Math.min(a.js!(v), b.js!(v)) : undefined })),
      fc
        .tuple(tie('e'), tie('e'))
        .map(([a, b]): Gen => ({ src: `max(${a.src}, ${b.src})`, js: a.js && b.js ? (v) => Math.max(a.js!(v), b.js!(v)) : undefined })),
      fc.tuple(tie('e'), tie('e'), tie('e')).map(([c, a, b]): Gen => ({
        src: `(${c.src} ? ${a.src} : ${b.src})`,
        js: c.js && a.js && b.js ? (v) => (c.js!(v) !== 0 ? a.js!(v) : b.js!(v)) : undefined,
      })),
    ),
  })).e;

  fcTest.prop([tree, boxed, boxed, boxed], { numRuns: 300 })(
    'random formulas compile, agree with plain JS and stay within range',
    (g, ...vars) => {
      const f = compiled(g.src, ['a', 'b', 'c']);
      const values = vars.map((x) => x.value);
      let v: Exact;
      try {
        v = f.evaluate(values.map((x) => Exact.of(x)));
      } catch (e) {
        expect(e).toBeInstanceOf(FormulaRuntimeError);
        expect(g.js).toBeUndefined();
        return;
      }
      if (g.js) expect(v.toNumber()).toBe(g.js(values) + 0);
      const r: Interval = f.rangeExact(
        vars.map((x) => ({
          lo: Number.isFinite(x.pair[0]) ? Exact.of(x.pair[0]) : undefined,
          hi: Number.isFinite(x.pair[1]) ? Exact.of(x.pair[1]) : undefined,
        })),
      );
      expect(r.lo === undefined || r.lo.lte(v), `${g.src}: ${v.toString()} below ${r.lo?.toString()}`).toBe(true);
      expect(r.hi === undefined || r.hi.gte(v), `${g.src}: ${v.toString()} above ${r.hi?.toString()}`).toBe(true);
    },
  );
});

// ---------------------------------------------------------------------------------------------------------
// The rule kind

const decl = (id: string, unit: MeasureDecl['unit'], min?: number, max?: number): MeasureDecl => ({
  id,
  title: id,
  unit,
  min,
  max,
  integer: false,
});

function context(max = 2): RuleContext {
  return {
    nodeId: '2.3',
    title: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
    max: Exact.of(max),
    measures: new Map([
      ['dossiers.onTime', decl('dossiers.onTime', 'count')],
      ['dossiers.resolved', decl('dossiers.resolved', 'count')],
      ['rate.onTime', decl('rate.onTime', 'percent')],
      ['score.free', decl('score.free', 'number')],
      ['score.ten', decl('score.ten', 'number', 0, 10)],
    ]),
    surveys: new Map(),
    siblings: ['2.2', '2.3'],
    path: ['tree', 1, 'children', 2, 'rule'],
    file: 'criteria/test.yaml',
  };
}

function params(input: unknown): FormulaParams {
  return FormulaParams.parse(input);
}

function evidence(values: Record<string, number>): EvidenceView {
  return {
    measure: (id) => (id in values ? { value: Exact.of(values[id]!), source: `ev:${id}` } : undefined),
    task: () => undefined,
    appraisal: () => undefined,
    survey: () => undefined,
    findings: () => [],
    list: () => undefined,
  };
}

describe('formulaRule: schema and reads', () => {
  it('parses parameters with clamp defaulting to false', () => {
    const p = params({ kind: 'formula', inputs: { a: 'dossiers.onTime' }, expr: 'a' });
    expect(p.clamp).toBe(false);
    expect(formulaRule.kind).toBe('formula');
    expect(formulaRule.schema.safeParse({ kind: 'formula', inputs: { '1a': 'x' }, expr: 'a' }).success).toBe(false);
    expect(formulaRule.schema.safeParse({ kind: 'formula', inputs: { a: 'x' }, expr: 'a', extra: 1 }).success).toBe(false);
    expect(formulaRule.schema.safeParse({ kind: 'formula', inputs: { a: '' }, expr: 'a' }).success).toBe(false);
  });

  it('reads the input measures, each once', () => {
    const p = params({
      kind: 'formula',
      inputs: { a: 'dossiers.onTime', b: 'dossiers.resolved', c: 'dossiers.onTime' },
      expr: 'a + b + c',
    });
    expect(formulaRule.reads(p)).toEqual({ measures: ['dossiers.onTime', 'dossiers.resolved'] });
  });
});

describe('formulaRule.check', () => {
  const check = (input: Record<string, unknown>, max = 2) => formulaRule.check(params({ kind: 'formula', ...input }), context(max));

  it('accepts a formula proved to stay within [0, max] and reach max', () => {
    expect(check({ inputs: { r: 'rate.onTime' }, expr: 'r / 100 * max' })).toEqual([]);
    expect(check({ inputs: { a: 'dossiers.onTime', b: 'dossiers.resolved' }, expr: 'min(max, a / b * max)' })).toEqual([]);
    expect(check({ inputs: { r: 'rate.onTime' }, expr: 'r >= 80 ? max : r >= 50 ? max / 2 : 0' })).toEqual([]);
  });

  it('reports a formula that can never reach max', () => {
    const issues = check({ inputs: { r: 'rate.onTime' }, expr: 'r / 100' });
    expect(issues.map((i) => i.code)).toEqual(['criteria.rule-cannot-reach-max']);
    const i = issues[0]!;
    expect(i.path).toEqual(['tree', 1, 'children', 2, 'rule', 'expr']);
    expect(i.file).toBe('criteria/test.yaml');
    expect(i.node).toBe('2.3');
    expect(i.severity).toBe('error');
    expect(i.message).toContain('at most 1 points');
    expect(i.messageVi).toContain('không bao giờ đạt điểm tối đa 2');
  });

  it('reports a formula that may exceed max or go below 0', () => {
    const over = check({ inputs: { r: 'rate.onTime' }, expr: 'r / 50 * max' });
    expect(over.map((i) => i.code)).toEqual(['criteria.rule-exceeds-max']);
    expect(over[0]!.message).toContain('[0, 4]');
    expect(over[0]!.message).toContain('add clamp: true');
    expect(over[0]!.messageVi).toContain('clamp: true');
    const under = check({ inputs: { r: 'rate.onTime' }, expr: 'r / 50 * max - 2' });
    expect(under.map((i) => i.code)).toEqual(['criteria.rule-exceeds-max']);
    expect(under[0]!.message).toContain('[-2, 2]');
    // An unbounded measure gives an unbounded formula.
    expect(check({ inputs: { s: 'score.free' }, expr: 's' }).map((i) => i.code)).toEqual(['criteria.rule-exceeds-max']);
    // Division by a count that may be 0 is unbounded above.
    expect(check({ inputs: { a: 'dossiers.onTime', b: 'dossiers.resolved' }, expr: 'a / b * max' }).map((i) => i.code)).toEqual([
      'criteria.rule-exceeds-max',
    ]);
  });

  it('uses declared min and max of a measure', () => {
    expect(check({ inputs: { s: 'score.ten' }, expr: 's / 10 * max' })).toEqual([]);
    expect(check({ inputs: { s: 'score.ten' }, expr: 's / 20 * max' }).map((i) => i.code)).toEqual(['criteria.rule-cannot-reach-max']);
  });

  it('with clamp: true, does not report exceeding but still reports an unreachable max', () => {
    expect(check({ inputs: { r: 'rate.onTime' }, expr: 'r / 50 * max', clamp: true })).toEqual([]);
    expect(check({ inputs: { s: 'score.free' }, expr: 's', clamp: true })).toEqual([]);
    expect(check({ inputs: { r: 'rate.onTime' }, expr: 'r / 100', clamp: true }).map((i) => i.code)).toEqual([
      'criteria.rule-cannot-reach-max',
    ]);
  });

  it('reports formula problems at the expr path, with file and node', () => {
    const issues = check({ inputs: { a: 'dossiers.onTime' }, expr: 'a.constructor + b' });
    expect(issues.map((i) => i.code)).toEqual(['criteria.formula-forbidden', 'criteria.formula-undeclared-input']);
    expect(issues[0]!.path).toEqual(['tree', 1, 'children', 2, 'rule', 'expr']);
    expect(issues[0]!.message).toBe('property access ".constructor" is not allowed');
    expect(issues[1]!.message).toBe('"b" is not a declared input (declared: a, max)');
    expect(issues[0]!.file).toBe('criteria/test.yaml');
    expect(check({ inputs: {}, expr: 'max +' }).map((i) => i.code)).toEqual(['criteria.formula-parse']);
  });

  it('refuses "max" and reserved words as input names', () => {
    const issues = check({ inputs: { max: 'dossiers.onTime', and: 'dossiers.resolved' }, expr: 'max' });
    // Inputs are read in name order, whatever order the file lists them in.
    expect(issues.map((i) => [i.code, i.path.at(-1)])).toEqual([
      ['criteria.formula-forbidden', 'and'],
      ['criteria.formula-forbidden', 'max'],
    ]);
    expect(issues[1]!.path).toEqual(['tree', 1, 'children', 2, 'rule', 'inputs', 'max']);
  });

  it('leaves undeclared measures to the criteria checker instead of guessing a range', () => {
    expect(check({ inputs: { a: 'not.declared' }, expr: 'a' })).toEqual([]);
  });
});

describe('formulaRule.compile', () => {
  const rate = params({ kind: 'formula', inputs: { a: 'dossiers.onTime', b: 'dossiers.resolved' }, expr: 'a / b * max' });

  it('scores exactly and traces the inputs and the calculation', () => {
    const out = formulaRule.compile(rate, context())(evidence({ 'dossiers.onTime': 45, 'dossiers.resolved': 50 }), true);
    expect(out.status).toBe('scored');
    expect(out.points.toString()).toBe('1.8');
    const ex = out.explain!();
    expect(ex.steps[0]?.calc).toBe('a = 45, b = 50, max = 2');
    expect(ex.steps[0]?.en).toContain('a ← dossiers.onTime');
    expect(ex.steps[1]?.calc).toBe('a / b * max = 1.8');
    expect(ex.lost?.[0]?.en).toBe('the formula gives 1.8 of 2 points with a = 45, b = 50, max = 2');
    expect(ex.lost?.[0]?.vi).toBe('công thức cho 1,8/2 điểm với a = 45; b = 50; max = 2');
    expect(out.warnings).toBeUndefined();
  });

  it('gives 1.955 exactly for 97.75 % of 2 points', () => {
    const p = params({ kind: 'formula', inputs: { r: 'rate.onTime' }, expr: 'r / 100 * max' });
    const out = formulaRule.compile(p, context())(evidence({ 'rate.onTime': 97.75 }), false);
    expect(out.points.eq(X('1.955'))).toBe(true);
    expect(out.explain).toBeUndefined();
  });

  it('has no lost reason at full points', () => {
    const out = formulaRule.compile(rate, context())(evidence({ 'dossiers.onTime': 50, 'dossiers.resolved': 50 }), true);
    expect(out.points.toString()).toBe('2');
    expect(out.explain!().lost).toBeUndefined();
  });

  it('returns a missing outcome naming every absent measure', () => {
    const out = formulaRule.compile(rate, context())(evidence({}), true);
    expect(out.status).toBe('missing');
    expect(out.points.isZero()).toBe(true);
    expect(out.missing).toEqual(['dossiers.onTime', 'dossiers.resolved']);
  });

  it('scores 0 with a warning on a division by zero', () => {
    const out = formulaRule.compile(rate, context())(evidence({ 'dossiers.onTime': 0, 'dossiers.resolved': 0 }), true);
    expect(out.status).toBe('scored');
    expect(out.points.isZero()).toBe(true);
    expect(out.warnings?.[0]?.en).toContain('division by zero in "a / b"');
    expect(out.warnings?.[0]?.vi).toContain('chia cho 0');
    expect(out.explain!().steps.at(-1)?.en).toContain('0 points');
    expect(out.explain!().lost).toHaveLength(1);
    const quiet = formulaRule.compile(rate, context())(evidence({ 'dossiers.onTime': 0, 'dossiers.resolved': 0 }), false);
    expect(quiet.explain).toBeUndefined();
    expect(quiet.warnings).toHaveLength(1);
  });

  it('clamps to [0, max] with a trace step when clamp is true', () => {
    const p = params({ kind: 'formula', inputs: { a: 'dossiers.onTime', b: 'dossiers.resolved' }, expr: 'a / b * max', clamp: true });
    const out = formulaRule.compile(p, context())(evidence({ 'dossiers.onTime': 60, 'dossiers.resolved': 50 }), true);
    expect(out.points.toString()).toBe('2');
    expect(out.explain!().steps.map((s) => s.calc)).toEqual(['a = 60, b = 50, max = 2', 'a / b * max = 2.4', 'min(max(2.4, 0), 2) = 2']);
    expect(out.warnings).toBeUndefined();
    const low = params({ kind: 'formula', inputs: { s: 'score.free' }, expr: 's', clamp: true });
    expect(
      formulaRule
        .compile(low, context())(evidence({ 'score.free': -3 }), false)
        .points.isZero(),
    ).toBe(true);
  });

  it('never scores outside [0, max] even without clamp, and warns when it has to limit', () => {
    const p = params({ kind: 'formula', inputs: { r: 'rate.onTime' }, expr: 'r / 100 * max' });
    const out = formulaRule.compile(p, context())(evidence({ 'rate.onTime': 150 }), true);
    expect(out.points.toString()).toBe('2');
    expect(out.warnings?.[0]?.en).toContain('the formula gave 3, outside [0, 2]');
  });

  it('throws the formula issues when compiled without a passing check', () => {
    const bad = params({ kind: 'formula', inputs: {}, expr: 'import("x")' });
    expect(() => formulaRule.compile(bad, context())).toThrow(ParIndexError);
  });
});
