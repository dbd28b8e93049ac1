/**
 * What the main thread and a worker thread of `par-index/worker` send each other: a job (its name and
 * arguments), and back its result, its progress or its error. Results travel by structured clone, which keeps
 * plain data, arrays and maps but not classes: an {@link Exact} is sent as its ratio under a tag and rebuilt on
 * arrival, and a {@link ParIndexError} as its issues, so the main thread gets the values the same call would give.
 * @module
 */
import { deepFreeze } from '../core/document.js';
import { ParIndexError, type Issue } from '../core/errors.js';
import { Exact } from '../core/exact.js';

/** The jobs a worker thread runs, by name. */
export type JobName = 'summariseRecordFiles' | 'summariseDescriptor' | 'tallyResponses' | 'score' | 'rankUncertainty';

/** Main → worker: run a job. */
export interface JobMessage {
  readonly id: number;
  readonly job: JobName;
  readonly args: readonly unknown[];
  /** Whether the caller wants progress messages (its callback stays on the main thread: a function cannot cross). */
  readonly progress: boolean;
}

/** An error as it crosses the thread boundary. */
export type SentError =
  | { readonly kind: 'par-index'; readonly issues: readonly Issue[]; readonly message: string; readonly stack: string | undefined }
  | { readonly kind: 'error'; readonly name: string; readonly message: string; readonly stack: string | undefined };

/** Worker → main: a job's end (its value or its error), or its progress. */
export type ReplyMessage =
  | { readonly id: number; readonly type: 'done'; readonly value: unknown }
  | { readonly id: number; readonly type: 'failed'; readonly error: SentError }
  | { readonly id: number; readonly type: 'progress'; readonly args: readonly unknown[] };

/** The key an {@link Exact} is sent under: `{ [EXACT_TAG]: "n/d" }`. */
const EXACT_TAG = '__parIndexExact';

/** A value with every {@link Exact} in it replaced by its tagged ratio (the value itself is not changed). */
export function packValue(value: unknown): unknown {
  if (value instanceof Exact) return { [EXACT_TAG]: value.toRatio() };
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) return value.map(packValue);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, packValue(v)] as const));
  if (value instanceof Set) return new Set([...value].map(packValue));
  const out: Record<string, unknown> = {};
  // Own enumerable keys, getters read (a card's `nodes` and `trace`), as structured clone would read them.
  for (const k of Object.keys(value)) out[k] = packValue((value as Record<string, unknown>)[k]);
  return out;
}

/** The value {@link packValue} packed, with its Exact values rebuilt, frozen all the way down. */
export function unpackValue(value: unknown): unknown {
  return deepFreeze(revive(value));
}

function revive(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i]);
    return value;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) value.set(k, revive(v));
    return value;
  }
  if (value instanceof Set) return new Set([...value].map(revive));
  const o = value as Record<string, unknown>;
  const tagged = o[EXACT_TAG];
  if (typeof tagged === 'string' && Object.keys(o).length === 1) {
    const e = Exact.fromRatio(tagged);
    if (e !== undefined) return e;
  }
  for (const k of Object.keys(o)) o[k] = revive(o[k]);
  return o;
}

/** An error thrown by a job, as the worker sends it. */
export function packError(e: unknown): SentError {
  if (e instanceof ParIndexError) return { kind: 'par-index', issues: e.issues, message: e.message, stack: e.stack };
  if (e instanceof Error) return { kind: 'error', name: e.name, message: e.message, stack: e.stack };
  return { kind: 'error', name: 'Error', message: String(e), stack: undefined };
}

/**
 * The error a job threw, rebuilt on the main thread: a {@link ParIndexError} with the very issues (not bounded
 * again: the list already is) and message, or an Error of the same name and message.
 */
export function unpackError(sent: SentError): Error {
  if (sent.kind === 'par-index') {
    const e = new ParIndexError(sent.issues);
    // The constructor would cut a list of more than 1000 issues again (its `issues.truncated` counted once).
    Object.defineProperty(e, 'issues', { value: deepFreeze(sent.issues), enumerable: true });
    e.message = sent.message;
    if (sent.stack !== undefined) e.stack = sent.stack;
    return e;
  }
  const e = new Error(sent.message);
  e.name = sent.name;
  if (sent.stack !== undefined) e.stack = sent.stack;
  return e;
}
