/**
 * Applying one declared change of an amendment to the draft of the criteria data: one handler per op, each
 * recording its errors, its no-effect warning and what it touched on the step (`amend-draft.ts`).
 * @module
 */
import { canonicalJson } from '../core/hash.js';
import { fromZodIssues } from '../core/zod-helpers.js';
import { RuleSchema } from '../rules/registry.js';
import {
  fail,
  find,
  ids,
  mergeInto,
  need,
  noEffect,
  onlyKeys,
  plainOf,
  readers,
  slot,
  targetList,
  touchList,
  touchSubtree,
  type MNode,
  type MSet,
  type Step,
} from './amend-draft.js';
import type { Change } from './changes.js';
import { BandLevel, CriteriaNodeSchema, CriteriaSetSchema } from './schema.js';
import { pushAll } from '../core/lists.js';

const NODE_KEYS = ['title', 'titleEn', 'printedId', 'legal', 'notes', 'provenance', 'block', 'applies', 'whenNotApplicable'];
const META_KEYS = ['title', 'titleEn', 'issuer', 'level', 'years', 'status', 'legal', 'notes'];

/** The change of one op. */
type ChangeOf<K extends Change['op']> = Extract<Change, { op: K }>;

/** `add`: a node (with its children) under a parent or at the top level, at a place among its siblings. */
function add(d: MSet, s: Step, ch: ChangeOf<'add'>): void {
  const t = targetList(s, d, ch.parent);
  if (!t) return;
  const existing = new Set(ids(d.tree));
  const fresh = ids([ch.node as unknown as MNode]);
  const clash = fresh.filter((x) => existing.has(x));
  if (clash.length) {
    fail(
      s,
      'amend.duplicate-id',
      ['node', 'id'],
      `id ${clash.join(', ')} is already in the set`,
      `mã ${clash.join(', ')} đã có trong bộ tiêu chí`,
    );
    if (t.node && t.node.children?.length === 0) delete t.node.children;
    return;
  }
  const at = slot(s, t.list, ch, ch.parent ?? null);
  if (at === undefined) {
    if (t.node && t.node.children?.length === 0) delete t.node.children;
    return;
  }
  touchList(s, t.list, t.node);
  t.list.splice(at, 0, JSON.parse(JSON.stringify(ch.node)) as MNode);
  touchSubtree(s, ch.node as unknown as MNode);
}

/** `remove`: a node and its children; the only field of a set stays. */
function remove(d: MSet, s: Step, ch: ChangeOf<'remove'>): void {
  const f = need(s, d, ch.id, ['id']);
  if (!f) return;
  touchSubtree(s, f.node);
  touchList(s, f.list, f.parent);
  if (f.parent === undefined && f.list.length === 1) {
    fail(
      s,
      'amend.invalid-change',
      ['id'],
      'it is the only field: a criteria set needs at least one',
      'đây là lĩnh vực duy nhất: bộ tiêu chí cần ít nhất một lĩnh vực',
    );
    return;
  }
  f.list.splice(f.index, 1);
  if (f.parent && f.list.length === 0) delete f.parent.children;
}

/** `move`: a node to another parent or place, renumbered with its subtree when `newId` is given. */
function move(d: MSet, s: Step, ch: ChangeOf<'move'>): void {
  const f = need(s, d, ch.id, ['id']);
  if (!f) return;
  const newParent = ch.parent === undefined ? (f.parent?.id ?? null) : ch.parent;
  if (newParent !== null) {
    const inside = ids([f.node]);
    if (inside.includes(newParent)) {
      fail(
        s,
        'amend.invalid-move',
        ['parent'],
        `a node cannot move under itself or one of its own children (${newParent})`,
        `không thể chuyển tiêu chí vào chính nó hoặc tiêu chí con của nó (${newParent})`,
      );
      return;
    }
  }
  if (ch.newId !== undefined && ch.newId !== ch.id) {
    const inside = new Set(ids([f.node]));
    const others = new Set(ids(d.tree).filter((x) => !inside.has(x)));
    const renamed = [...inside].map((x) => (x === ch.id ? ch.newId! : x.startsWith(`${ch.id}.`) ? ch.newId! + x.slice(ch.id.length) : x));
    const clash = renamed.filter((x) => others.has(x));
    if (clash.length) {
      fail(
        s,
        'amend.duplicate-id',
        ['newId'],
        `id ${clash.join(', ')} is already in the set`,
        `mã ${clash.join(', ')} đã có trong bộ tiêu chí`,
      );
      return;
    }
  }
  if (ch.after === ch.id || ch.before === ch.id) {
    fail(
      s,
      'amend.invalid-move',
      [ch.after === ch.id ? 'after' : 'before'],
      'a node cannot be placed next to itself',
      'không thể đặt tiêu chí cạnh chính nó',
    );
    return;
  }
  const oldParent = f.parent?.id ?? null;
  const oldIndex = f.index;
  touchSubtree(s, f.node);
  touchList(s, f.list, f.parent);
  if (f.parent === undefined && f.list.length === 1 && newParent !== null) {
    fail(
      s,
      'amend.invalid-change',
      ['id'],
      'it is the only field: a criteria set needs at least one',
      'đây là lĩnh vực duy nhất: bộ tiêu chí cần ít nhất một lĩnh vực',
    );
    return;
  }
  // Resolve the target before detaching, so an unknown parent or sibling leaves the draft untouched.
  const probe = newParent === null ? d.tree : (find(d.tree, newParent)?.node.children ?? []);
  if (newParent !== null && !find(d.tree, newParent)) {
    need(s, d, newParent, ['parent']);
    return;
  }
  const without = probe.filter((n) => n.id !== ch.id);
  const at = slot(s, without, ch, newParent);
  if (at === undefined) return;
  const [node] = f.list.splice(f.index, 1);
  if (f.parent && f.list.length === 0) delete f.parent.children;
  const t = targetList(s, d, newParent)!;
  touchList(s, t.list, t.node);
  t.list.splice(at, 0, node!);
  if (ch.newId !== undefined && ch.newId !== ch.id) {
    const rename = (n: MNode) => {
      n.id = n.id === ch.id ? ch.newId! : ch.newId! + n.id.slice(ch.id.length);
      for (const c of n.children ?? []) rename(c);
    };
    rename(node!);
    touchSubtree(s, node!);
  }
  if (oldParent === newParent && oldIndex === at && (ch.newId === undefined || ch.newId === ch.id)) noEffect(s);
}

/** `points`: a node's maximum (a bonus or penalty block has none). */
function points(d: MSet, s: Step, ch: ChangeOf<'points'>): void {
  const f = need(s, d, ch.id, ['id']);
  if (!f) return;
  if (f.node.block) {
    fail(
      s,
      'amend.invalid-change',
      ['max'],
      'a bonus or penalty block has no max: change its cap with op: node, set: { block: { … } }',
      'khối điểm thưởng/điểm trừ không có max: sửa mức trần bằng op: node, set: { block: { … } }',
    );
    return;
  }
  s.touches.add(`node:${ch.id}`);
  if (f.parent) s.touches.add(`node:${f.parent.id}`);
  if (f.node.max === ch.max) noEffect(s);
  else f.node.max = ch.max;
}

/** `rule`: a leaf's rule replaced whole, or key/value pairs merged into it. */
function rule(d: MSet, s: Step, ch: ChangeOf<'rule'>): void {
  const f = need(s, d, ch.id, ['id']);
  if (!f) return;
  if ((ch.rule === undefined) === (ch.set === undefined)) {
    fail(
      s,
      'amend.invalid-change',
      [],
      'give either rule (a whole new rule) or set (the parameters to change)',
      'ghi rule (quy tắc mới) hoặc set (các tham số cần sửa), không ghi cả hai',
    );
    return;
  }
  if (f.node.children && f.node.children.length > 0) {
    fail(
      s,
      'amend.invalid-change',
      ['id'],
      `"${ch.id}" has children: its points are their sum, only leaves have rules`,
      `"${ch.id}" có tiêu chí con: điểm là tổng điểm con, chỉ tiêu chí lá có quy tắc`,
    );
    return;
  }
  s.touches.add(`node:${ch.id}`);
  if (ch.rule) {
    if (canonicalJson(ch.rule) === canonicalJson(f.node.rule)) noEffect(s);
    else f.node.rule = JSON.parse(JSON.stringify(ch.rule)) as Record<string, unknown>;
    return;
  }
  if (!f.node.rule) {
    fail(
      s,
      'amend.invalid-change',
      ['set'],
      `"${ch.id}" has no rule to change: give a whole rule`,
      `"${ch.id}" chưa có quy tắc để sửa: ghi cả quy tắc (rule)`,
    );
    return;
  }
  mergeInto(s, f.node.rule, plainOf(f.node.rule), ch.set!, RuleSchema, ['set']);
}

/** `node`: key/value pairs merged into a node's own properties (title, legal basis, notes…). */
function nodeProps(d: MSet, s: Step, ch: ChangeOf<'node'>): void {
  const f = need(s, d, ch.id, ['id']);
  if (!f || !onlyKeys(s, ch.set, NODE_KEYS)) return;
  s.touches.add(`node:${ch.id}`);
  if (f.parent) s.touches.add(`node:${f.parent.id}`);
  const { children: _c, ...rest } = plainOf(f.node);
  void _c;
  mergeInto(s, f.node, rest, ch.set, CriteriaNodeSchema, ['set']);
}

/** `meta`: key/value pairs merged into the set's metadata. */
function meta(d: MSet, s: Step, ch: ChangeOf<'meta'>): void {
  if (!onlyKeys(s, ch.set, META_KEYS)) return;
  for (const k of Object.keys(ch.set)) s.touches.add(`set:${k}`);
  const current: Record<string, unknown> = {};
  for (const k of META_KEYS) if (d[k] !== undefined) current[k] = plainOf({ v: d[k] })['v'];
  const schema = CriteriaSetSchema.pick({
    title: true,
    titleEn: true,
    issuer: true,
    level: true,
    years: true,
    status: true,
    legal: true,
    notes: true,
  });
  mergeInto(s, d, current, ch.set, schema, ['set']);
}

/** `rounding` and `ranking`: merged into the set's rules of that name. */
function rules(d: MSet, s: Step, ch: ChangeOf<'rounding' | 'ranking'>): void {
  s.touches.add(`set:${ch.op}`);
  mergeInto(s, d[ch.op], plainOf(d[ch.op]), ch.set, CriteriaSetSchema.shape[ch.op], ['set']);
}

/** `band`: key/value pairs merged into one band level. */
function band(d: MSet, s: Step, ch: ChangeOf<'band'>): void {
  const level = d.bands?.levels.find((l) => l['id'] === ch.id);
  if (!level) {
    fail(
      s,
      'amend.unknown-target',
      ['id'],
      `no band level "${ch.id}" (levels: ${(d.bands?.levels ?? []).map((l) => String(l['id'])).join(', ') || 'none'})`,
      `không có mức xếp loại "${ch.id}" (các mức: ${(d.bands?.levels ?? []).map((l) => String(l['id'])).join(', ') || 'không có'})`,
    );
    return;
  }
  s.touches.add('set:bands');
  mergeInto(s, level, plainOf(level), ch.set, BandLevel, ['set']);
}

/** `bands`: the bands replaced whole, or removed with null. */
function bands(d: MSet, s: Step, ch: ChangeOf<'bands'>): void {
  s.touches.add('set:bands');
  if (ch.bands === null) {
    if (d.bands === undefined) noEffect(s);
    else delete d.bands;
    return;
  }
  const r = CriteriaSetSchema.shape.bands.safeParse(ch.bands);
  if (!r.success) {
    pushAll(s.issues, fromZodIssues(r.error.issues, s.file, ['changes', s.index, 'bands']));
    return;
  }
  if (canonicalJson(r.data) === canonicalJson(d.bands)) noEffect(s);
  else d.bands = r.data;
}

/** `measure` and `survey`: a declaration added, replaced or removed; the leaves that read it are touched. */
function declaration(d: MSet, s: Step, ch: ChangeOf<'measure' | 'survey'>): void {
  const what = ch.op === 'measure' ? 'measures' : 'surveys';
  const record = d[what];
  s.touches.add(`set:${what}`);
  for (const n of readers(d, what, ch.id)) s.touches.add(`node:${n}`);
  if (ch.decl === null) {
    if (!(ch.id in record)) {
      fail(
        s,
        'amend.unknown-target',
        ['id'],
        `no ${ch.op} "${ch.id}" is declared`,
        `không có ${ch.op === 'measure' ? 'chỉ số' : 'chỉ số khảo sát'} "${ch.id}"`,
      );
      return;
    }
    delete record[ch.id];
    return;
  }
  if (canonicalJson(record[ch.id]) === canonicalJson(ch.decl)) noEffect(s);
  else record[ch.id] = JSON.parse(JSON.stringify(ch.decl)) as unknown;
}

/** The handler of each op. */
const HANDLERS: { readonly [K in Change['op']]: (d: MSet, s: Step, ch: ChangeOf<K>) => void } = {
  add,
  remove,
  move,
  points,
  rule,
  node: nodeProps,
  meta,
  rounding: rules,
  ranking: rules,
  band,
  bands,
  measure: declaration,
  survey: declaration,
};

/** Applies the step's change to the draft `d` (an immer draft of the criteria data). */
export function applyChange(d: MSet, s: Step): void {
  const handler = HANDLERS[s.change.op] as (d: MSet, s: Step, ch: Change) => void;
  handler(d, s, s.change);
}
