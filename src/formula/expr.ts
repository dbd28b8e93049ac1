/**
 * The internal form of a formula: what the parser lowers a mathjs tree to, and what the closure compiler
 * (`closure.ts`) and the interval analysis (`interval.ts`) walk. Only the grammar's operations exist here.
 * @module
 */
import type { Exact } from '../core/exact.js';

/** The two-operand operations: arithmetic, comparisons (1 or 0) and the short-circuit `and`, `or`. */
export type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'lt' | 'le' | 'gt' | 'ge' | 'eq' | 'ne' | 'and' | 'or';
/** The one-operand operations. */
export type UnaryOp = 'neg' | 'plus' | 'not';

/** A checked formula; a `binary` node keeps its text for the division-by-zero message. */
export type Expr =
  | { readonly t: 'num'; readonly value: Exact }
  | { readonly t: 'var'; readonly index: number }
  | { readonly t: 'unary'; readonly op: UnaryOp; readonly arg: Expr }
  | { readonly t: 'binary'; readonly op: BinaryOp; readonly a: Expr; readonly b: Expr; readonly text: string }
  | { readonly t: 'cond'; readonly c: Expr; readonly a: Expr; readonly b: Expr }
  | { readonly t: 'minmax'; readonly fn: 'min' | 'max'; readonly args: readonly Expr[] }
  | { readonly t: 'abs'; readonly arg: Expr }
  | { readonly t: 'clamp'; readonly x: Expr; readonly lo: Expr; readonly hi: Expr }
  | { readonly t: 'round'; readonly arg: Expr; readonly digits: number };
