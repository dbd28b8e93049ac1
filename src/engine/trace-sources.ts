/**
 * Long sources written once (nguồn dài ghi một lần). An evidence file's top-level `source` is the source of every
 * item of every unit that names none, so a trace quoting it in each input grows with units × leaves × its length:
 * a 185 KB file made a 512 M-character trace that no output could hold. A source longer than
 * {@link SOURCE_INLINE_MAX} is therefore written once per document and referenced by an id (`S1`, `S2`… in order of
 * first use): in a score file, a trace input carries `sourceRef: "S1"` and the first card that uses it defines it in
 * its `sources`; in a report, the first mention reads `[S1] …the text…` and the next ones `[S1]`. Memory is not the
 * issue: in memory every input shares the one string the evidence holds.
 * @module
 */
import { issue, type Issue, type PathSegment } from '../core/errors.js';
import { SOURCE_INLINE_MAX } from '../core/text.js';
import type { TraceNode } from './trace-schema.js';

export { quoteShort, SOURCE_INLINE_MAX } from '../core/text.js';

/** The ids given to long sources in one document, in order of first use. */
export class SourceIds {
  private readonly ids = new Map<string, string>();

  /** The source's id, and whether this is its first use in the document. */
  id(source: string): { id: string; first: boolean } {
    const known = this.ids.get(source);
    if (known !== undefined) return { id: known, first: false };
    const id = `S${this.ids.size + 1}`;
    this.ids.set(source, id);
    return { id, first: true };
  }

  /**
   * A source as a report line cites it: a short one as it is; a long one `[S1] text` the first time in the
   * document, `[S1]` afterwards.
   */
  cite(source: string): string {
    if (source.length <= SOURCE_INLINE_MAX) return source;
    const { id, first } = this.id(source);
    return first ? `[${id}] ${source}` : `[${id}]`;
  }
}

type Json = Record<string, unknown>;

/** What a card's trace refers to: the sources it uses first (by id), and whether it refers to any. */
export interface SourceUse {
  /** The sources this card uses for the first time in the file, by id. */
  readonly defined: Record<string, string>;
  /** Whether any input refers to a source by id. */
  refs: boolean;
}

/** A record with `source` written as `sourceRef` when it is long. */
function refSource(x: Json, ids: SourceIds, use: SourceUse): Json {
  const s = x['source'];
  if (typeof s !== 'string' || s.length <= SOURCE_INLINE_MAX) return x;
  const { id, first } = ids.id(s);
  if (first) use.defined[id] = s;
  use.refs = true;
  const out: Json = {};
  for (const [k, v] of Object.entries(x))
    if (k === 'source') out['sourceRef'] = id;
    else out[k] = v;
  return out;
}

/**
 * A card's trace as a score file writes it: long sources as `sourceRef`, recorded in `use`.
 */
export function traceForFile(trace: readonly TraceNode[], ids: SourceIds, use: SourceUse): readonly Json[] {
  const node = (t: TraceNode): Json => {
    const inputs = t.inputs.map((i) => {
      const x = refSource(i, ids, use);
      // Findings and list items carry a source each, as long as an input's.
      if (i.kind === 'list') return { ...x, items: i.items.map((f) => refSource(f as unknown as Json, ids, use)) };
      if (i.kind !== 'findings') return x;
      return { ...x, findings: i.findings.map((f) => refSource(f as unknown as Json, ids, use)) };
    });
    return { ...(t as unknown as Json), inputs, children: t.children.map(node) };
  };
  return trace.map(node);
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A score file's trace (parsed JSON, not yet validated) with every `sourceRef` replaced by its source, from the
 * file's `sources` read so far. An unknown id is an issue naming its place; anything else malformed is left to
 * the schema to report.
 */
export function resolveSourceRefs(
  trace: unknown,
  sources: ReadonlyMap<string, string>,
  at: readonly PathSegment[],
  file: string | undefined,
  issues: Issue[],
): unknown {
  const fix = (x: unknown, path: readonly PathSegment[]): unknown => {
    if (!isObj(x) || !('sourceRef' in x)) return x;
    const id = x['sourceRef'];
    const s = typeof id === 'string' ? sources.get(id) : undefined;
    if (s === undefined) {
      issues.push(
        issue(
          'schema.invalid-value',
          'error',
          [...path, 'sourceRef'],
          `source ${JSON.stringify(id)} is not defined by this card's or an earlier card's "sources"`,
          `nguồn ${JSON.stringify(id)} không được khai báo trong "sources" của phiếu này hoặc phiếu trước`,
          { file },
        ),
      );
      return x;
    }
    const out: Json = {};
    for (const [k, v] of Object.entries(x))
      if (k === 'sourceRef') out['source'] = s;
      else out[k] = v;
    return out;
  };
  const node = (n: unknown, path: readonly PathSegment[]): unknown => {
    if (!isObj(n)) return n;
    const out: Json = { ...n };
    if (Array.isArray(n['inputs']))
      out['inputs'] = n['inputs'].map((i: unknown, k) => {
        const x = fix(i, [...path, 'inputs', k]);
        if (isObj(x) && x['kind'] === 'list' && Array.isArray(x['items']))
          return { ...x, items: x['items'].map((f: unknown, j) => fix(f, [...path, 'inputs', k, 'items', j])) };
        if (!isObj(x) || !Array.isArray(x['findings'])) return x;
        return { ...x, findings: x['findings'].map((f: unknown, j) => fix(f, [...path, 'inputs', k, 'findings', j])) };
      });
    if (Array.isArray(n['children'])) out['children'] = n['children'].map((c: unknown, k) => node(c, [...path, 'children', k]));
    return out;
  };
  return Array.isArray(trace) ? trace.map((n: unknown, k) => node(n, [...at, k])) : trace;
}
