/**
 * Amendments (sửa đổi, bổ sung bộ tiêu chí): a new version of a criteria set derived from an earlier one by
 * declared changes — add, remove or move a node, change its points, its rule, its title or legal basis, a band,
 * the rounding, the ranking, a measure, the metadata — written in a changes file
 * (`format: par-index/criteria-changes@1`) that names the amending decision.
 *
 * Each change is applied with immer, which records it as patches; the amendment keeps them with the decision's
 * number and date, so the new version can be replayed from the old one ({@link applyAmendment}) and undone
 * (`inversePatches`). The result goes through exactly the checks of `loadCriteriaSet` and gets its own hash;
 * the base set is never touched, so it stays loadable and scores as before. When the result fails a check,
 * the error names the change that caused it (`changes[3]`), in Vietnamese and English.
 * @module
 */
import { Immer, enablePatches, type Patch } from 'immer';
import { Document, isMap, isScalar, isSeq, visit } from 'yaml';
import { z } from 'zod';
import { deepFreeze } from '../core/document.js';
import { formatPath, issue, ParIndexError, type Issue, type IssueCode, type PathSegment } from '../core/errors.js';
import { canonicalJson } from '../core/hash.js';
import type { Text } from '../core/text.js';
import { fromZodIssues, Id, IsoDate, NodeId, NonNeg, readDocument } from '../core/zod-helpers.js';
import { ruleKind, RuleSchema } from '../rules/registry.js';
import { diffPatches } from './diff.js';
import { checkCriteriaSet, criteriaData, type CriteriaSet } from './load.js';
import { BandLevel, CriteriaNodeSchema, CriteriaSetSchema, MeasureDeclSchema, type CriteriaSetData } from './schema.js';

/**
 * The format tag of changes files.
 *
 * @example `format: par-index/criteria-changes@1` at the top of a changes file
 */
export const CHANGES_FORMAT = 'par-index/criteria-changes';
/**
 * The newest changes-file format version this library reads.
 *
 * @example CHANGES_FORMAT_VERSION // 1
 */
export const CHANGES_FORMAT_VERSION = 1;
/**
 * The format tag of an amendment record written as JSON.
 *
 * @example JSON.parse(readFileSync('patches.json', 'utf8')).format === AMENDMENT_FORMAT
 */
export const AMENDMENT_FORMAT = 'par-index/amendment@1';

/** Key/value pairs merged into an object; `null` removes a key. */
const Merge = z.record(z.string(), z.unknown());
// The properties the changes share, each written (and documented) once and spread into the changes that take it.
const noted = {
  /** Why: the article of the amending decision, or a reason. */
  note: z.string().optional(),
};
const node = {
  /** The id of the node changed, as printed in the decision. */
  id: NodeId,
};
const key = {
  /** The id of the band, measure or survey changed. */
  id: Id,
};
const merged = {
  /** Key/value pairs merged into what is changed; `null` removes a key. */
  set: Merge,
};
const place = {
  /** The new parent's id; `null` for the top level (a field). */
  parent: NodeId.nullable().optional(),
  /** Index among the new siblings, 0-based. */
  position: z.number().int().min(0).optional(),
  /** Put the node right after this sibling. */
  after: NodeId.optional(),
  /** Put the node right before this sibling. */
  before: NodeId.optional(),
};
const SurveyDecl = CriteriaSetSchema.shape.surveys.unwrap().valueType;

/**
 * One declared change. `note` says why (the article of the amending decision, a reason).
 *
 * @example ChangeSchema.parse({ op: 'points', id: '7.1', max: 4 })
 */
export const ChangeSchema = z.discriminatedUnion('op', [
  z.strictObject({
    /** Add a node. */
    op: z.literal('add'),
    ...place,
    /** The node added, with its children. */
    node: CriteriaNodeSchema,
    ...noted,
  }),
  z.strictObject({
    /** Remove a node and its children. */
    op: z.literal('remove'),
    ...node,
    ...noted,
  }),
  z.strictObject({
    /** Move (and optionally renumber) a node. */
    op: z.literal('move'),
    ...node,
    ...place,
    /** Its new id, when renumbered. */
    newId: NodeId.optional(),
    ...noted,
  }),
  z.strictObject({
    /** Change a node's maximum points. */
    op: z.literal('points'),
    ...node,
    /** The new maximum. */
    max: NonNeg,
    ...noted,
  }),
  z.strictObject({
    /** Replace a leaf's rule, or merge into it. */
    op: z.literal('rule'),
    ...node,
    /** The new rule, whole. */
    rule: RuleSchema.optional(),
    /** Key/value pairs merged into the rule; `null` removes a key. */
    set: Merge.optional(),
    ...noted,
  }),
  z.strictObject({
    /** Merge into a node's properties (title, legal basis, notes…). */
    op: z.literal('node'),
    ...node,
    ...merged,
    ...noted,
  }),
  z.strictObject({
    /** Merge into the set's metadata. */
    op: z.literal('meta'),
    ...merged,
    ...noted,
  }),
  z.strictObject({
    /** Merge into the rounding rules. */
    op: z.literal('rounding'),
    ...merged,
    ...noted,
  }),
  z.strictObject({
    /** Merge into the ranking rules. */
    op: z.literal('ranking'),
    ...merged,
    ...noted,
  }),
  z.strictObject({
    /** Merge into one band level. */
    op: z.literal('band'),
    ...key,
    ...merged,
    ...noted,
  }),
  z.strictObject({
    /** Replace the bands, whole. */
    op: z.literal('bands'),
    /** The new bands, as in a criteria set. */
    bands: z.unknown(),
    ...noted,
  }),
  z.strictObject({
    /** Declare, replace or (with null) remove a measure. */
    op: z.literal('measure'),
    ...key,
    /** The measure's declaration; null removes it. */
    decl: MeasureDeclSchema.nullable(),
    ...noted,
  }),
  z.strictObject({
    /** Declare, replace or (with null) remove a survey. */
    op: z.literal('survey'),
    ...key,
    /** The survey's declaration; null removes it. */
    decl: SurveyDecl.nullable(),
    ...noted,
  }),
]);
/**
 * One declared change, after validation.
 *
 * @example const c: Change = { op: 'remove', id: '10.2' }
 */
export type Change = z.output<typeof ChangeSchema>;

/**
 * A changes file: the set it amends, the new version, the amending decision, and the changes in order.
 *
 * @example ChangesSchema.safeParse(parseText(yamlText)).success
 */
export const ChangesSchema = z.strictObject({
  /** "par-index/criteria-changes@1". */
  format: z.string(),
  /** The set this amends; `hash`, when given, must match (so a changes file cannot be applied to another text). */
  base: z.strictObject({
    /** The amended set's id. */
    id: Id,
    /** The amended set's version. */
    version: z.string().min(1),
    /** The amended set's content hash (sha256:…), when the file is tied to that exact text. */
    hash: z.string().optional(),
  }),
  /** The new version ("2022"). Required when there are changes. */
  version: z.string().min(1).optional(),
  /** The amending decision (quyết định sửa đổi, bổ sung). Required when there are changes. */
  decision: z
    .strictObject({
      /** Its number: "25/QĐ-UBND". */
      number: z.string().min(1),
      /** Its date, YYYY-MM-DD. */
      date: IsoDate,
      /** Its title. */
      title: z.string().optional(),
      /** Where it can be read. */
      url: z.string().optional(),
    })
    .optional(),
  /** A note for readers of the file. */
  notes: z.string().optional(),
  /** The changes, applied in order. */
  changes: z.array(ChangeSchema).default([]),
});
/**
 * A changes file, after validation.
 *
 * @example const d: ChangesData = loadChanges(yamlText); d.decision?.number
 */
export type ChangesData = z.output<typeof ChangesSchema>;

/**
 * A criteria set by id, version and content hash: the base and the result of an amendment.
 *
 * @example amendment.result // { id: 'vn.hung-yen.van-lam.commune', version: '2022', hash: 'sha256:…' }
 */
export interface SetVersion {
  /** The set's id. */
  readonly id: string;
  /** Its version. */
  readonly version: string;
  /** Its content hash (sha256:…). */
  readonly hash: string;
}

/**
 * The decision behind an amendment.
 *
 * @example amendment.decision // { number: '25/QĐ-UBND', date: '2022-02-10' }
 */
export interface AmendingDecision {
  /** Its number. */
  readonly number: string;
  /** Its date, YYYY-MM-DD. */
  readonly date: string;
  /** Its title, when the changes file gives one. */
  readonly title?: string | undefined;
}

/**
 * One applied change and the patches it produced.
 *
 * @example amendment.steps.map((s) => `${s.index} ${s.describe.en}: ${s.patches.length} patch(es)`)
 */
export interface AmendmentStep {
  /** Index in the changes file's `changes` (−1 for the new version, decision and `amends`; −2 for normalisation). */
  readonly index: number;
  /** The operation (add, remove, move, set…). */
  readonly op: string;
  /** The change in words (English, Vietnamese). */
  readonly describe: Text;
  /** The patches it produced. */
  readonly patches: readonly Patch[];
}

/**
 * The record of an amendment: base, result, the amending decision and the patches between them. Frozen.
 *
 * @example writeFileSync('patches.json', JSON.stringify(amend(base, changes).amendment))
 */
export interface Amendment {
  /** The format tag of the record. */
  readonly format: typeof AMENDMENT_FORMAT;
  /** The set amended. */
  readonly base: SetVersion;
  /** The new version. */
  readonly result: SetVersion;
  /** The amending decision (number and date). */
  readonly decision: AmendingDecision;
  /** Each change applied. */
  readonly steps: readonly AmendmentStep[];
  /** Every patch, in order: applied to the base's data they give the result's data. */
  readonly patches: readonly Patch[];
  /** Applied to the result's data, they give the base's data back. */
  readonly inversePatches: readonly Patch[];
}

/**
 * What {@link amend} returns.
 *
 * @example const { set, amendment, warnings }: Amended = amend(base, changes)
 */
export interface Amended {
  /** The new version: checked, frozen, with its own hash and `amends`. */
  readonly set: CriteriaSet;
  /** The record of the amendment. */
  readonly amendment: Amendment;
  /** Warnings: changes with no effect, and new warnings of the checks, each naming the change behind it. */
  readonly warnings: readonly Issue[];
}

/**
 * Options of {@link amend} and {@link loadChanges}.
 *
 * @example amend(base, text, { file: 'van-lam-commune-2022.changes.yaml', resultFile: 'van-lam-commune-2022.yaml' })
 */
export interface AmendOptions {
  /** The changes file's name, for messages. */
  readonly file?: string | undefined;
  /** The file the result will be written to, for the result's own messages. */
  readonly resultFile?: string | undefined;
}

let patchesOn = false;
function engine(): Immer {
  if (!patchesOn) {
    enablePatches();
    patchesOn = true;
  }
  return IMMER;
}
// An own instance, so no other code's immer settings (auto-freeze) change how amendments are produced.
const IMMER = new Immer({ autoFreeze: true });

/**
 * Reads and validates a changes file (YAML/JSON text or parsed data). Throws {@link ParIndexError} with every
 * problem, each with the file and the path in it.
 *
 * @example
 * ```ts
 * const changes = loadChanges(readFileSync('criteria/examples/van-lam-commune-2022.changes.yaml', 'utf8'), { file: 'van-lam-commune-2022.changes.yaml' });
 * changes.changes.length; // 9
 * ```
 */
export function loadChanges(input: unknown, opts: AmendOptions = {}): ChangesData {
  const file = opts.file;
  const data = readDocument(input, { file }, { format: CHANGES_FORMAT, version: CHANGES_FORMAT_VERSION, schema: ChangesSchema });
  const missing: Issue[] = [];
  if (data.changes.length > 0) {
    if (data.version === undefined) missing.push(issue('schema.required', 'error', ['version'], 'an amendment needs the new version (e.g. "2022")', 'cần phiên bản mới của bộ tiêu chí (ví dụ "2022")', { file }));
    if (data.decision === undefined) missing.push(issue('schema.required', 'error', ['decision'], 'an amendment needs the amending decision: its number and date', 'cần quyết định sửa đổi, bổ sung: số và ngày ban hành', { file }));
  }
  if (missing.length) throw new ParIndexError(missing);
  return deepFreeze(data);
}

// ---------------------------------------------------------------------------------------------------------
// The draft shapes (criteria data while immer lets it be written)

interface MNode {
  id: string;
  title: string;
  max?: number | undefined;
  rule?: Record<string, unknown> | undefined;
  block?: Record<string, unknown> | undefined;
  children?: MNode[] | undefined;
  [k: string]: unknown;
}
interface MSet {
  tree: MNode[];
  measures: Record<string, unknown>;
  surveys: Record<string, unknown>;
  rounding: Record<string, unknown>;
  ranking: Record<string, unknown>;
  bands?: { levels: Record<string, unknown>[]; [k: string]: unknown } | undefined;
  [k: string]: unknown;
}

interface Found {
  readonly node: MNode;
  readonly list: MNode[];
  readonly index: number;
  readonly parent: MNode | undefined;
}

function find(list: MNode[], id: string, parent?: MNode): Found | undefined {
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

function ids(list: readonly MNode[], out: string[] = []): string[] {
  for (const n of list) {
    out.push(n.id);
    if (n.children) ids(n.children, out);
  }
  return out;
}

function describe(ch: Change): { en: string; vi: string } {
  const top = { en: 'the top level', vi: 'cấp lĩnh vực' };
  const under = (p: string | null | undefined) => (p === null || p === undefined ? top : { en: p, vi: p });
  const keys = (s: Record<string, unknown>) => Object.keys(s).join(', ');
  switch (ch.op) {
    case 'add':
      return { en: `add ${ch.node.id} under ${under(ch.parent).en}`, vi: `thêm ${ch.node.id} vào ${under(ch.parent).vi}` };
    case 'remove':
      return { en: `remove ${ch.id}`, vi: `bỏ ${ch.id}` };
    case 'move': {
      const to = ch.parent === undefined ? { en: 'its parent', vi: 'tiêu chí cha hiện tại' } : under(ch.parent);
      return { en: `move ${ch.id} under ${to.en}${ch.newId ? ` as ${ch.newId}` : ''}`, vi: `chuyển ${ch.id} vào ${to.vi}${ch.newId ? ` thành ${ch.newId}` : ''}` };
    }
    case 'points':
      return { en: `max of ${ch.id} → ${ch.max}`, vi: `điểm tối đa của ${ch.id} → ${String(ch.max).replace('.', ',')}` };
    case 'rule':
      return ch.rule ? { en: `new rule of ${ch.id} (${ch.rule.kind})`, vi: `quy tắc mới của ${ch.id} (${ch.rule.kind})` } : { en: `rule of ${ch.id}: ${keys(ch.set ?? {})}`, vi: `quy tắc của ${ch.id}: ${keys(ch.set ?? {})}` };
    case 'node':
      return { en: `${keys(ch.set)} of ${ch.id}`, vi: `${keys(ch.set)} của ${ch.id}` };
    case 'meta':
      return { en: `set ${keys(ch.set)}`, vi: `sửa ${keys(ch.set)}` };
    case 'rounding':
      return { en: `rounding: ${keys(ch.set)}`, vi: `làm tròn: ${keys(ch.set)}` };
    case 'ranking':
      return { en: `ranking: ${keys(ch.set)}`, vi: `xếp hạng: ${keys(ch.set)}` };
    case 'band':
      return { en: `band level ${ch.id}: ${keys(ch.set)}`, vi: `mức xếp loại ${ch.id}: ${keys(ch.set)}` };
    case 'bands':
      return ch.bands === null ? { en: 'remove the bands', vi: 'bỏ xếp loại' } : { en: 'replace the bands', vi: 'thay bảng xếp loại' };
    case 'measure':
      return ch.decl === null ? { en: `remove measure ${ch.id}`, vi: `bỏ chỉ số ${ch.id}` } : { en: `declare measure ${ch.id}`, vi: `khai báo chỉ số ${ch.id}` };
    case 'survey':
      return ch.decl === null ? { en: `remove survey index ${ch.id}`, vi: `bỏ chỉ số khảo sát ${ch.id}` } : { en: `declare survey index ${ch.id}`, vi: `khai báo chỉ số khảo sát ${ch.id}` };
  }
}

/** What applying one change needs and records. */
interface Step {
  readonly index: number;
  readonly change: Change;
  readonly file: string | undefined;
  readonly issues: Issue[];
  /** `node:<id>` and `set:<key>`: what this change touched, so a failed check can be traced back to it. */
  readonly touches: Set<string>;
}

function fail(s: Step, code: IssueCode, sub: readonly PathSegment[], en: string, vi: string): void {
  s.issues.push(issue(code, 'error', ['changes', s.index, ...sub], `${describe(s.change).en}: ${en}`, `${describe(s.change).vi}: ${vi}`, { file: s.file }));
}

function noEffect(s: Step): void {
  s.issues.push(issue('amend.no-effect', 'warning', ['changes', s.index], `${describe(s.change).en}: changes nothing (the base already says so)`, `${describe(s.change).vi}: không thay đổi gì (bộ tiêu chí gốc đã như vậy)`, { file: s.file }));
}

function touchSubtree(s: Step, n: MNode): void {
  s.touches.add(`node:${n.id}`);
  for (const c of n.children ?? []) touchSubtree(s, c);
}

function touchList(s: Step, list: readonly MNode[], parent: MNode | undefined): void {
  for (const n of list) s.touches.add(`node:${n.id}`);
  if (parent) s.touches.add(`node:${parent.id}`);
}

/** Resolves where to insert into `list`: after/before a sibling, at a position, or at the end. */
function slot(s: Step, list: readonly MNode[], p: { position?: number | undefined; after?: string | undefined; before?: string | undefined }, parentId: string | null): number | undefined {
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
      fail(s, 'amend.unknown-node', [p.after !== undefined ? 'after' : 'before'], `"${ref}" is not a child of ${under} (children: ${sibs.join(', ') || 'none'})`, `"${ref}" không phải tiêu chí con của ${underVi} (các tiêu chí con: ${sibs.join(', ') || 'không có'})`);
      return undefined;
    }
    return p.after !== undefined ? i + 1 : i;
  }
  if (p.position !== undefined) {
    if (p.position > list.length) {
      fail(s, 'amend.invalid-change', ['position'], `position ${p.position} is past the end of ${under} (${list.length} children)`, `vị trí ${p.position} vượt quá số tiêu chí con của ${underVi} (${list.length})`);
      return undefined;
    }
    return p.position;
  }
  return list.length;
}

/** Finds a node, or records "no such node" with the list of ids. */
function need(s: Step, d: MSet, id: string, at: readonly PathSegment[]): Found | undefined {
  const f = find(d.tree, id);
  if (!f) {
    const all = ids(d.tree);
    const near = all.filter((x) => x.split('.').slice(0, -1).join('.') === id.split('.').slice(0, -1).join('.'));
    fail(s, 'amend.unknown-node', at, `the set has no node "${id}"${near.length ? ` (nodes at that level: ${near.join(', ')})` : ''}`, `bộ tiêu chí không có tiêu chí "${id}"${near.length ? ` (các tiêu chí cùng cấp: ${near.join(', ')})` : ''}`);
  }
  return f;
}

/** The list a node goes into: the top level, or a parent's children (created when the parent has none). */
function targetList(s: Step, d: MSet, parent: string | null | undefined): { list: MNode[]; node: MNode | undefined } | undefined {
  if (parent === null || parent === undefined) return { list: d.tree, node: undefined };
  const f = need(s, d, parent, ['parent']);
  if (!f) return undefined;
  f.node.children ??= [];
  return { list: f.node.children, node: f.node };
}

/** Merges `set` into `current` (null removes a key) and validates the result; assigns only the keys set. */
function mergeInto(s: Step, target: Record<string, unknown>, current: Record<string, unknown>, set: Record<string, unknown>, schema: z.ZodType, sub: readonly PathSegment[]): boolean {
  const merged: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(set)) {
    if (v === null) delete merged[k];
    else merged[k] = v;
  }
  const r = schema.safeParse(merged);
  if (!r.success) {
    s.issues.push(...fromZodIssues(r.error.issues, s.file, ['changes', s.index, ...sub]).map((i) => ({ ...i, message: `${describe(s.change).en}: ${i.message}`, messageVi: `${describe(s.change).vi}: ${i.messageVi}` })));
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

function plainOf(v: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(v ?? {})) as Record<string, unknown>;
}

const NODE_KEYS = ['title', 'titleEn', 'legal', 'notes', 'provenance', 'block'];
const META_KEYS = ['title', 'titleEn', 'issuer', 'level', 'years', 'status', 'legal', 'notes'];
const OTHER_OP: Record<string, string> = { id: 'move (newId)', max: 'points', rule: 'rule', children: 'add / remove / move', version: 'the file\'s version', decision: 'the file\'s decision', amends: '(set by amend)', bands: 'bands / band', rounding: 'rounding', ranking: 'ranking', measures: 'measure', surveys: 'survey', tree: 'add / remove / move', format: '(fixed)' };

function onlyKeys(s: Step, set: Record<string, unknown>, allowed: readonly string[]): boolean {
  const bad = Object.keys(set).filter((k) => !allowed.includes(k));
  for (const k of bad) {
    const use = OTHER_OP[k];
    fail(s, 'amend.invalid-change', ['set', k], `"${k}" cannot be set here${use ? `: use op ${use}` : ` (allowed: ${allowed.join(', ')})`}`, `không sửa "${k}" ở đây${use ? `: dùng op ${use}` : ` (được sửa: ${allowed.join(', ')})`}`);
  }
  return bad.length === 0;
}

/** Leaves whose rules read a measure or a survey index. */
function readers(d: MSet, what: 'measures' | 'surveys', id: string): string[] {
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

function applyChange(d: MSet, s: Step): void {
  const ch = s.change;
  switch (ch.op) {
    case 'add': {
      const t = targetList(s, d, ch.parent);
      if (!t) return;
      const existing = new Set(ids(d.tree));
      const fresh = ids([ch.node as unknown as MNode]);
      const clash = fresh.filter((x) => existing.has(x));
      if (clash.length) {
        fail(s, 'amend.duplicate-id', ['node', 'id'], `id ${clash.join(', ')} is already in the set`, `mã ${clash.join(', ')} đã có trong bộ tiêu chí`);
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
      return;
    }
    case 'remove': {
      const f = need(s, d, ch.id, ['id']);
      if (!f) return;
      touchSubtree(s, f.node);
      touchList(s, f.list, f.parent);
      if (f.parent === undefined && f.list.length === 1) {
        fail(s, 'amend.invalid-change', ['id'], 'it is the only field: a criteria set needs at least one', 'đây là lĩnh vực duy nhất: bộ tiêu chí cần ít nhất một lĩnh vực');
        return;
      }
      f.list.splice(f.index, 1);
      if (f.parent && f.list.length === 0) delete f.parent.children;
      return;
    }
    case 'move': {
      const f = need(s, d, ch.id, ['id']);
      if (!f) return;
      const newParent = ch.parent === undefined ? (f.parent?.id ?? null) : ch.parent;
      if (newParent !== null) {
        const inside = ids([f.node]);
        if (inside.includes(newParent)) {
          fail(s, 'amend.invalid-move', ['parent'], `a node cannot move under itself or one of its own children (${newParent})`, `không thể chuyển tiêu chí vào chính nó hoặc tiêu chí con của nó (${newParent})`);
          return;
        }
      }
      if (ch.newId !== undefined && ch.newId !== ch.id) {
        const inside = new Set(ids([f.node]));
        const others = new Set(ids(d.tree).filter((x) => !inside.has(x)));
        const renamed = [...inside].map((x) => (x === ch.id ? ch.newId! : x.startsWith(`${ch.id}.`) ? ch.newId! + x.slice(ch.id.length) : x));
        const clash = renamed.filter((x) => others.has(x));
        if (clash.length) {
          fail(s, 'amend.duplicate-id', ['newId'], `id ${clash.join(', ')} is already in the set`, `mã ${clash.join(', ')} đã có trong bộ tiêu chí`);
          return;
        }
      }
      if (ch.after === ch.id || ch.before === ch.id) {
        fail(s, 'amend.invalid-move', [ch.after === ch.id ? 'after' : 'before'], 'a node cannot be placed next to itself', 'không thể đặt tiêu chí cạnh chính nó');
        return;
      }
      const oldParent = f.parent?.id ?? null;
      const oldIndex = f.index;
      touchSubtree(s, f.node);
      touchList(s, f.list, f.parent);
      if (f.parent === undefined && f.list.length === 1 && newParent !== null) {
        fail(s, 'amend.invalid-change', ['id'], 'it is the only field: a criteria set needs at least one', 'đây là lĩnh vực duy nhất: bộ tiêu chí cần ít nhất một lĩnh vực');
        return;
      }
      // Resolve the target before detaching, so an unknown parent or sibling leaves the draft untouched.
      const probe = newParent === null ? d.tree : find(d.tree, newParent)?.node.children ?? [];
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
      return;
    }
    case 'points': {
      const f = need(s, d, ch.id, ['id']);
      if (!f) return;
      if (f.node.block) {
        fail(s, 'amend.invalid-change', ['max'], 'a bonus or penalty block has no max: change its cap with op: node, set: { block: { … } }', 'khối điểm thưởng/điểm trừ không có max: sửa mức trần bằng op: node, set: { block: { … } }');
        return;
      }
      s.touches.add(`node:${ch.id}`);
      if (f.parent) s.touches.add(`node:${f.parent.id}`);
      if (f.node.max === ch.max) noEffect(s);
      else f.node.max = ch.max;
      return;
    }
    case 'rule': {
      const f = need(s, d, ch.id, ['id']);
      if (!f) return;
      if ((ch.rule === undefined) === (ch.set === undefined)) {
        fail(s, 'amend.invalid-change', [], 'give either rule (a whole new rule) or set (the parameters to change)', 'ghi rule (quy tắc mới) hoặc set (các tham số cần sửa), không ghi cả hai');
        return;
      }
      if (f.node.children && f.node.children.length > 0) {
        fail(s, 'amend.invalid-change', ['id'], `"${ch.id}" has children: its points are their sum, only leaves have rules`, `"${ch.id}" có tiêu chí con: điểm là tổng điểm con, chỉ tiêu chí lá có quy tắc`);
        return;
      }
      s.touches.add(`node:${ch.id}`);
      if (ch.rule) {
        if (canonicalJson(ch.rule) === canonicalJson(f.node.rule)) noEffect(s);
        else f.node.rule = JSON.parse(JSON.stringify(ch.rule)) as Record<string, unknown>;
        return;
      }
      if (!f.node.rule) {
        fail(s, 'amend.invalid-change', ['set'], `"${ch.id}" has no rule to change: give a whole rule`, `"${ch.id}" chưa có quy tắc để sửa: ghi cả quy tắc (rule)`);
        return;
      }
      mergeInto(s, f.node.rule, plainOf(f.node.rule), ch.set!, RuleSchema, ['set']);
      return;
    }
    case 'node': {
      const f = need(s, d, ch.id, ['id']);
      if (!f || !onlyKeys(s, ch.set, NODE_KEYS)) return;
      s.touches.add(`node:${ch.id}`);
      if (f.parent) s.touches.add(`node:${f.parent.id}`);
      const { children: _c, ...rest } = plainOf(f.node);
      void _c;
      mergeInto(s, f.node, rest, ch.set, CriteriaNodeSchema, ['set']);
      return;
    }
    case 'meta': {
      if (!onlyKeys(s, ch.set, META_KEYS)) return;
      for (const k of Object.keys(ch.set)) s.touches.add(`set:${k}`);
      const current: Record<string, unknown> = {};
      for (const k of META_KEYS) if (d[k] !== undefined) current[k] = plainOf({ v: d[k] })['v'];
      const schema = CriteriaSetSchema.pick({ title: true, titleEn: true, issuer: true, level: true, years: true, status: true, legal: true, notes: true });
      mergeInto(s, d, current, ch.set, schema, ['set']);
      return;
    }
    case 'rounding':
    case 'ranking': {
      s.touches.add(`set:${ch.op}`);
      mergeInto(s, d[ch.op], plainOf(d[ch.op]), ch.set, CriteriaSetSchema.shape[ch.op], ['set']);
      return;
    }
    case 'band': {
      const level = d.bands?.levels.find((l) => l['id'] === ch.id);
      if (!level) {
        fail(s, 'amend.unknown-target', ['id'], `no band level "${ch.id}" (levels: ${(d.bands?.levels ?? []).map((l) => String(l['id'])).join(', ') || 'none'})`, `không có mức xếp loại "${ch.id}" (các mức: ${(d.bands?.levels ?? []).map((l) => String(l['id'])).join(', ') || 'không có'})`);
        return;
      }
      s.touches.add('set:bands');
      mergeInto(s, level, plainOf(level), ch.set, BandLevel, ['set']);
      return;
    }
    case 'bands': {
      s.touches.add('set:bands');
      if (ch.bands === null) {
        if (d.bands === undefined) noEffect(s);
        else delete d.bands;
        return;
      }
      const r = CriteriaSetSchema.shape.bands.safeParse(ch.bands);
      if (!r.success) {
        s.issues.push(...fromZodIssues(r.error.issues, s.file, ['changes', s.index, 'bands']));
        return;
      }
      if (canonicalJson(r.data) === canonicalJson(d.bands)) noEffect(s);
      else d.bands = r.data as MSet['bands'];
      return;
    }
    case 'measure':
    case 'survey': {
      const what = ch.op === 'measure' ? 'measures' : 'surveys';
      const record = d[what];
      s.touches.add(`set:${what}`);
      for (const n of readers(d, what, ch.id)) s.touches.add(`node:${n}`);
      if (ch.decl === null) {
        if (!(ch.id in record)) {
          fail(s, 'amend.unknown-target', ['id'], `no ${ch.op} "${ch.id}" is declared`, `không có ${ch.op === 'measure' ? 'chỉ số' : 'chỉ số khảo sát'} "${ch.id}"`);
          return;
        }
        delete record[ch.id];
        return;
      }
      if (canonicalJson(record[ch.id]) === canonicalJson(ch.decl)) noEffect(s);
      else record[ch.id] = JSON.parse(JSON.stringify(ch.decl)) as unknown;
      return;
    }
  }
}

/** The id of the deepest node a path into the tree points at. */
function nodeAtPath(tree: readonly { id: string; children?: readonly unknown[] | undefined }[], path: readonly PathSegment[]): string | undefined {
  if (path[0] !== 'tree' || typeof path[1] !== 'number') return undefined;
  let list: readonly { id: string; children?: readonly unknown[] | undefined }[] | undefined = tree;
  let id: string | undefined;
  let i = 1;
  while (list && typeof path[i] === 'number') {
    const n: { id: string; children?: readonly unknown[] | undefined } | undefined = list[path[i] as number];
    if (!n) break;
    id = n.id;
    if (path[i + 1] !== 'children') break;
    list = n.children as typeof list;
    i += 2;
  }
  return id;
}

const GLOBAL_KEYS = ['set:status', 'set:rounding', 'set:measures', 'set:surveys'];

/** Rewrites a check's issue about the amended set so that it names the change(s) that caused it. */
function attribute(i: Issue, data: CriteriaSetData, steps: readonly Step[], file: string | undefined): Issue {
  const keys: string[] = [];
  const nodeId = i.node ?? nodeAtPath(data.tree, i.path);
  if (nodeId !== undefined) keys.push(`node:${nodeId}`);
  if (typeof i.path[0] === 'string' && i.path[0] !== 'tree') keys.push(`set:${i.path[0]}`);
  let by = steps.filter((s) => keys.some((k) => s.touches.has(k)));
  // No change touched this node: look for the set-wide changes that alter how every node is checked (a draft
  // made official, a new rounding precision, a measure removed).
  if (by.length === 0) by = steps.filter((s) => GLOBAL_KEYS.some((k) => s.touches.has(k)));
  const where = formatPath(i.path);
  const en = by.length ? by.map((s) => `changes[${s.index}] (${describe(s.change).en})`).join(', ') : 'the changes together (no single change touched this part)';
  const vi = by.length ? by.map((s) => `changes[${s.index}] (${describe(s.change).vi})`).join(', ') : 'các thay đổi cộng lại (không thay đổi riêng lẻ nào chạm tới phần này)';
  return issue(i.code, i.severity, by.length ? ['changes', by[0]!.index] : ['changes'], `the amended set fails a check at ${where}: ${i.message} — caused by ${en}`, `bộ tiêu chí sau sửa đổi không hợp lệ tại ${where}: ${i.messageVi} — do ${vi}`, { file, node: nodeId });
}

/**
 * Derives a new version of a criteria set from declared changes (a changes file as YAML/JSON text or data).
 * The result is checked exactly as `loadCriteriaSet` checks a file, frozen, hashed, and carries
 * `amends: { id, version, decision, date }` naming the version (and decision) it amends. The base is not
 * changed. With no change at all, the result is the base (same hash).
 *
 * Throws {@link ParIndexError}: a change naming a missing node, an invalid value, or a result that fails a
 * check — each issue with the changes file, the path of the change (`changes[3]`) and both languages.
 *
 * @example
 * ```ts
 * const { set, amendment } = amend(set2021, changesYaml, { file: 'van-lam-commune-2022.changes.yaml' });
 * set.version;            // "2022"
 * set.amends;             // { id: "vn.hung-yen.van-lam.commune", version: "2021", decision: "…", date: "2021-03-15" }
 * amendment.decision;     // the amending decision's number and date
 * amendment.patches.length > 0;
 * ```
 */
export function amend(base: CriteriaSet, changes: unknown, opts: AmendOptions = {}): Amended {
  const file = opts.file;
  const doc = loadChanges(changes, opts);
  const problems: Issue[] = [];
  if (doc.base.id !== base.id || doc.base.version !== base.version) {
    problems.push(issue('amend.base-mismatch', 'error', ['base'], `this changes file amends ${doc.base.id} version ${doc.base.version}, but the base given is ${base.id} version ${base.version}`, `tệp thay đổi này sửa đổi ${doc.base.id} phiên bản ${doc.base.version}, nhưng bộ tiêu chí gốc được đưa vào là ${base.id} phiên bản ${base.version}`, { file }));
  } else if (doc.base.hash !== undefined && doc.base.hash !== base.hash) {
    problems.push(issue('amend.base-mismatch', 'error', ['base', 'hash'], `the base's content (${base.hash}) is not the one this changes file was written for (${doc.base.hash})`, `nội dung bộ tiêu chí gốc (${base.hash}) khác với nội dung mà tệp thay đổi được viết cho (${doc.base.hash})`, { file }));
  }
  if (problems.length) throw new ParIndexError(problems);

  const im = engine();
  let data = criteriaData(base);
  const records: AmendmentStep[] = [];
  const inverse: Patch[][] = [];
  const steps: Step[] = [];
  doc.changes.forEach((change, index) => {
    const s: Step = { index, change, file, issues: [], touches: new Set() };
    const [next, patches, inv] = im.produceWithPatches(data, (draft) => {
      applyChange(draft as unknown as MSet, s);
    });
    steps.push(s);
    problems.push(...s.issues);
    if (s.issues.some((i) => i.severity === 'error')) return;
    data = next;
    records.push({ index, op: change.op, describe: describe(change), patches });
    inverse.push(inv);
  });
  ParIndexError.throwIfErrors(problems);
  const changed = records.some((r) => r.patches.length > 0);

  const headerChanged = (doc.version !== undefined && doc.version !== base.version) || (doc.decision !== undefined && canonicalJson(doc.decision) !== canonicalJson(base.decision));
  if (changed || headerChanged) {
    // The new version names the version and decision it amends; the amending decision is its own `decision`.
    const [next, patches, inv] = im.produceWithPatches(data, (draft) => {
      const d = draft as unknown as MSet;
      if (doc.version !== undefined) d['version'] = doc.version;
      if (doc.decision !== undefined) d['decision'] = JSON.parse(JSON.stringify(doc.decision)) as unknown;
      d['amends'] = { id: base.id, version: base.version, decision: base.decision.number, date: base.decision.date };
    });
    data = next;
    records.push({ index: -1, op: 'version', describe: { en: 'new version, decision and amends', vi: 'phiên bản, quyết định mới và amends' }, patches });
    inverse.push(inv);
    if (data.version === base.version) {
      problems.push(issue('amend.invalid-change', 'warning', ['version'], `the amended set keeps version ${base.version}: a registry cannot hold both versions; give the amendment a new version`, `bộ tiêu chí sau sửa đổi vẫn là phiên bản ${base.version}: không thể lưu cả hai phiên bản; hãy đặt phiên bản mới`, { file }));
    }
  }

  const r = checkCriteriaSet(data, { file: opts.resultFile });
  const baseWarnings = new Set(base.warnings.map((w) => `${w.code}|${w.node ?? ''}|${w.message}`));
  const fresh = r.issues.filter((i) => i.severity === 'error' || !baseWarnings.has(`${i.code}|${i.node ?? ''}|${i.message}`));
  const attributed = fresh.map((i) => attribute(i, data, steps, file));
  if (!r.ok || !r.set) throw new ParIndexError(attributed.filter((i) => i.severity === 'error'));
  let set = r.set;
  if (set.hash === base.hash) set = base;
  // The schema may add defaults the changes did not write (e.g. an added node's `legal: []`); a last step
  // records them, so the patches always reproduce the result exactly.
  const norm = diffPatches(data, criteriaData(set));
  if (norm.length) {
    records.push({ index: -2, op: 'normalise', describe: { en: 'defaults filled in by the schema', vi: 'giá trị mặc định do lược đồ bổ sung' }, patches: norm });
    inverse.push([...diffPatches(criteriaData(set), data)]);
  }
  const patches = records.flatMap((x) => x.patches);
  const inversePatches = [...inverse].reverse().flat();
  const amendment: Amendment = {
    format: AMENDMENT_FORMAT,
    base: { id: base.id, version: base.version, hash: base.hash },
    result: { id: set.id, version: set.version, hash: set.hash },
    decision: doc.decision ? { number: doc.decision.number, date: doc.decision.date, ...(doc.decision.title !== undefined ? { title: doc.decision.title } : {}) } : { number: base.decision.number, date: base.decision.date },
    steps: records,
    patches,
    inversePatches,
  };
  return Object.freeze({ set, amendment: deepFreeze(JSON.parse(JSON.stringify(amendment)) as Amendment), warnings: Object.freeze([...problems, ...attributed]) });
}

/**
 * Replays an amendment's patches on its base and checks that the result is the version it recorded.
 * Throws {@link ParIndexError} (`amend.base-mismatch`, `amend.patch-mismatch`) otherwise.
 *
 * @example
 * ```ts
 * const again = applyAmendment(set2021, amendment);
 * again.hash === set2022.hash; // true
 * ```
 */
export function applyAmendment(base: CriteriaSet, amendment: Amendment, opts: { file?: string } = {}): CriteriaSet {
  if (base.hash !== amendment.base.hash) {
    throw new ParIndexError([issue('amend.base-mismatch', 'error', ['base', 'hash'], `the amendment was recorded on ${amendment.base.id} ${amendment.base.version} (${amendment.base.hash}), not on this set (${base.hash})`, `bản sửa đổi được ghi trên ${amendment.base.id} ${amendment.base.version} (${amendment.base.hash}), không phải bộ tiêu chí này (${base.hash})`, { file: opts.file })]);
  }
  const data = engine().applyPatches(criteriaData(base), amendment.patches);
  const r = checkCriteriaSet(data, { file: opts.file });
  if (!r.ok || !r.set || r.set.hash !== amendment.result.hash) {
    throw new ParIndexError([issue('amend.patch-mismatch', 'error', ['patches'], `replaying the patches does not give ${amendment.result.id} ${amendment.result.version} (${amendment.result.hash})`, `áp dụng các bản vá không cho ra ${amendment.result.id} ${amendment.result.version} (${amendment.result.hash})`, { file: opts.file }), ...r.issues.filter((i) => i.severity === 'error')]);
  }
  return r.set.hash === base.hash ? base : r.set;
}

/**
 * Writes a criteria set as YAML (block style, short objects on one line), with an optional header comment.
 * Loading the text again gives the same hash.
 *
 * @example
 * ```ts
 * writeFileSync('van-lam-commune-2022.yaml', criteriaYaml(set, { header: 'Generated by par-index amend' }));
 * ```
 */
export function criteriaYaml(set: CriteriaSet | CriteriaSetData, opts: { header?: string } = {}): string {
  const { hash: _h, ...data } = set as CriteriaSetData & { hash?: string };
  void _h;
  const doc = new Document(JSON.parse(JSON.stringify(data)) as unknown);
  visit(doc, {
    Map(_, node) {
      if (node.items.every((p) => isScalar(p.value) || (isSeq(p.value) && p.value.items.every(isScalar))) && JSON.stringify(node.toJSON()).length <= 140) node.flow = true;
    },
    Seq(_, node) {
      if (node.items.every((x) => isScalar(x)) || (node.items.every((x) => isMap(x) && x.flow) && JSON.stringify(node.toJSON()).length <= 100)) node.flow = true;
    },
  });
  if (opts.header) doc.commentBefore = opts.header.split('\n').map((l) => (l ? ` ${l}` : '')).join('\n');
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}
