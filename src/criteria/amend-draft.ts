/**
 * What applying one change of an amendment works with: the criteria data as immer lets it be written (the
 * draft shapes), the step being applied (its issues and what it touched), and the helpers the handlers share —
 * finding a node, where to insert one, merging key/value pairs under a schema.
 * @module
 */
import type { z } from 'zod';
import { issue, type Issue, type IssueCode, type PathSegment } from '../core/errors.js';
import { canonicalJson } from '../core/hash.js';
import { fromZodIssues } from '../core/zod-helpers.js';
import { ruleKind } from '../rules/registry.js';
import { describeChange } from './amend-messages.js';
import type { Change } from './changes.js';
import { pushAll } from '../core/lists.js';

/** A node of the draft. */
export interface MNode {
  id: string;
  title: string;
  max?: number | undefined;
  rule?: Record<string, unknown> | undefined;
  block?: Record<string, unknown> | undefined;
  children?: MNode[] | undefined;
  [k: string]: unknown;
}
/** The criteria set of the draft. */
export interface MSet {
  tree: MNode[];
  measures: Record<string, unknown>;
  surveys: Record<string, unknown>;
  rounding: Record<string, unknown>;
  ranking: Record<string, unknown>;
  bands?: { levels: Record<string, unknown>[]; [k: string]: unknown } | undefined;
  [k: string]: unknown;
}

/** A node found in the draft, with the list that holds it. */
export interface Found {
  readonly node: MNode;
  readonly list: MNode[];
  readonly index: number;
  readonly parent: MNode | undefined;
}

/** The node `id` in `list` or below it. */
export function find(list: MNode[], id: string, parent?: MNode): Found | undefined {
  for (let i = 0; i < list.length; i++) {
    const node = list[i]!;
    if (node.id === id) return { node, list, index: i, parent };
    if (node.children) {
      const f = find(node.children, id, node);
      if (f) return f;
    }
  }
  return undefined;
}

/** Every id of `list` and below, depth first. */
export function ids(list: readonly MNode[], out: string[] = []): string[] {
  for (const n of list) {
    out.push(n.id);
    if (n.children) ids(n.children, out);
  }
  return out;
}

/** What applying one change needs and records. */
export interface Step {
  readonly index: number;
  readonly change: Change;
  readonly file: string | undefined;
  readonly issues: Issue[];
  /** `node:<id>` and `set:<key>`: what this change touched, so a failed check can be traced back to it. */
  readonly touches: Set<string>;
}

/** Records an error of the step's change, at `sub` under it. */
export function fail(s: Step, code: IssueCode, sub: readonly PathSegment[], en: string, vi: string): void {
  s.issues.push(
    issue(code, 'error', ['changes', s.index, ...sub], `${describeChange(s.change).en}: ${en}`, `${describeChange(s.change).vi}: ${vi}`, {
      file: s.file,
    }),
  );
}

/** Records the warning that the step's change changes nothing. */
export function noEffect(s: Step): void {
  s.issues.push(
    issue(
      'amend.no-effect',
      'warning',
      ['changes', s.index],
      `${describeChange(s.change).en}: changes nothing (the base already says so)`,
      `${describeChange(s.change).vi}: không thay đổi gì (bộ tiêu chí gốc đã như vậy)`,
      { file: s.file },
    ),
  );
}

/** Marks a node and everything under it as touched by the step. */
export function touchSubtree(s: Step, n: MNode): void {
  s.touches.add(`node:${n.id}`);
  for (const c of n.children ?? []) touchSubtree(s, c);
}

/** Marks a list of siblings and their parent as touched by the step (their order or number changed). */
export function touchList(s: Step, list: readonly MNode[], parent: MNode | undefined): void {
  for (const n of list) s.touches.add(`node:${n.id}`);
  if (parent) s.touches.add(`node:${parent.id}`);
}

/** Resolves where to insert into `list`: after/before a sibling, at a position, or at the end. */
export function slot(
  s: Step,
  list: readonly MNode[],
  p: { position?: number | undefined; after?: string | undefined; before?: string | undefined },
  parentId: string | null,
): number | undefined {
  const given = [p.position !== undefined, p.after !== undefined, p.before !== undefined].filter(Boolean).length;
  if (given > 1) {
    fail(s, 'amend.invalid-change', [], 'give at most one of position, after and before', 'chỉ ghi một trong position, after, before');
    return undefined;
  }
  const sibs = list.map((n) => n.id);
  const under = parentId ?? (s.change.op === 'add' || s.change.op === 'move' ? 'the top level' : '');
  const underVi = parentId ?? 'cấp lĩnh vực';
  if (p.after !== undefined || p.before !== undefined) {
    const ref = (p.after ?? p.before)!;
    const i = sibs.indexOf(ref);
    if (i < 0) {
      fail(
        s,
        'amend.unknown-node',
        [p.after !== undefined ? 'after' : 'before'],
        `"${ref}" is not a child of ${under} (children: ${sibs.join(', ') || 'none'})`,
        `"${ref}" không phải tiêu chí con của ${underVi} (các tiêu chí con: ${sibs.join(', ') || 'không có'})`,
      );
      return undefined;
    }
    return p.after !== undefined ? i + 1 : i;
  }
  if (p.position !== undefined) {
    if (p.position > list.length) {
      fail(
        s,
        'amend.invalid-change',
        ['position'],
        `position ${p.position} is past the end of ${under} (${list.length} children)`,
        `vị trí ${p.position} vượt quá số tiêu chí con của ${underVi} (${list.length})`,
      );
      return undefined;
    }
    return p.position;
  }
  return list.length;
}

/** Finds a node, or records "no such node" with the list of ids. */
export function need(s: Step, d: MSet, id: string, at: readonly PathSegment[]): Found | undefined {
  const f = find(d.tree, id);
  if (!f) {
    const all = ids(d.tree);
    const near = all.filter((x) => x.split('.').slice(0, -1).join('.') === id.split('.').slice(0, -1).join('.'));
    fail(
      s,
      'amend.unknown-node',
      at,
      `the set has no node "${id}"${near.length ? ` (nodes at that level: ${near.join(', ')})` : ''}`,
      `bộ tiêu chí không có tiêu chí "${id}"${near.length ? ` (các tiêu chí cùng cấp: ${near.join(', ')})` : ''}`,
    );
  }
  return f;
}

/** The list a node goes into: the top level, or a parent's children (created when the parent has none). */
export function targetList(s: Step, d: MSet, parent: string | null | undefined): { list: MNode[]; node: MNode | undefined } | undefined {
  if (parent === null || parent === undefined) return { list: d.tree, node: undefined };
  const f = need(s, d, parent, ['parent']);
  if (!f) return undefined;
  f.node.children ??= [];
  return { list: f.node.children, node: f.node };
}

/** Merges `set` into `current` (null removes a key) and validates the result; assigns only the keys set. */
export function mergeInto(
  s: Step,
  target: Record<string, unknown>,
  current: Record<string, unknown>,
  set: Record<string, unknown>,
  schema: z.ZodType,
  sub: readonly PathSegment[],
): boolean {
  const merged: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(set)) {
    if (v === null) delete merged[k];
    else merged[k] = v;
  }
  const r = schema.safeParse(merged);
  if (!r.success) {
    pushAll(s.issues, [
      ...fromZodIssues(r.error.issues, s.file, ['changes', s.index, ...sub]).map((i) => ({
        ...i,
        message: `${describeChange(s.change).en}: ${i.message}`,
        messageVi: `${describeChange(s.change).vi}: ${i.messageVi}`,
      })),
    ]);
    return false;
  }
  const out = r.data as Record<string, unknown>;
  if (canonicalJson(out) === canonicalJson(current)) {
    noEffect(s);
    return true;
  }
  for (const k of Object.keys(set)) {
    if (out[k] === undefined) delete target[k];
    else target[k] = out[k];
  }
  return true;
}

/** A plain JSON copy of a draft value (an empty object for undefined). */
export function plainOf(v: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(v ?? {})) as Record<string, unknown>;
}

/** For a key that another op changes: that op, named in the refusal. */
const OTHER_OP: Record<string, string> = {
  id: 'move (newId)',
  max: 'points',
  rule: 'rule',
  children: 'add / remove / move',
  version: "the file's version",
  decision: "the file's decision",
  amends: '(set by amend)',
  bands: 'bands / band',
  rounding: 'rounding',
  ranking: 'ranking',
  measures: 'measure',
  surveys: 'survey',
  tree: 'add / remove / move',
  format: '(fixed)',
};

/** Records an error for each key of `set` not in `allowed`, naming the op that changes it; true when none. */
export function onlyKeys(s: Step, set: Record<string, unknown>, allowed: readonly string[]): boolean {
  const bad = Object.keys(set).filter((k) => !allowed.includes(k));
  for (const k of bad) {
    const use = OTHER_OP[k];
    fail(
      s,
      'amend.invalid-change',
      ['set', k],
      `"${k}" cannot be set here${use ? `: use op ${use}` : ` (allowed: ${allowed.join(', ')})`}`,
      `không sửa "${k}" ở đây${use ? `: dùng op ${use}` : ` (được sửa: ${allowed.join(', ')})`}`,
    );
  }
  return bad.length === 0;
}

/** Leaves whose rules read a measure or a survey index. */
export function readers(d: MSet, what: 'measures' | 'surveys', id: string): string[] {
  const out: string[] = [];
  const go = (list: readonly MNode[]) => {
    for (const n of list) {
      if (n.rule && typeof n.rule['kind'] === 'string') {
        const r = ruleKind(n.rule['kind'])?.reads(n.rule as { kind: string });
        if (r?.[what]?.includes(id)) out.push(n.id);
      }
      if (n.children) go(n.children);
    }
  };
  go(d.tree);
  return out;
}
