/**
 * What changed between two versions of a criteria set (so sánh hai phiên bản bộ tiêu chí): node by node — added,
 * removed, moved, points, rule, title, legal basis — and at the level of the set — rounding, bands, ranking,
 * measures, metadata. As data ({@link diff}), as a readable report in Vietnamese or English
 * ({@link renderDiff}), and as patches that turn one version's data into the other's ({@link diffPatches}).
 *
 * How nodes are paired (the rule the report relies on):
 * 1. a node of `a` and a node of `b` with the same id are the same node;
 * 2. of the nodes left over, a node removed from `a` and a node added in `b` whose titles are equal (ignoring
 *    case, surrounding and repeated spaces) are the same node under a new number — but only when that title is
 *    unique among the removed and among the added nodes, so a pairing is never a guess;
 * 3. a paired node is "moved" when its parent changed, when its id changed (renumbered), or when its order
 *    among the siblings present in both versions changed. A node merely shifted by an insertion or removal
 *    before it is not moved: the siblings kept in order are the longest common subsequence of the two orders.
 * @module
 */
import type { Patch } from 'immer';
import type { Lang } from '../core/errors.js';
import { deepFreeze } from '../core/document.js';
import { canonicalJson } from '../core/hash.js';
import type { LegalRef } from '../core/zod-helpers.js';
import type { Rule } from '../rules/registry.js';
import { criteriaData, type CriteriaSet } from './load.js';
import type { CriteriaNode, CriteriaSetData } from './schema.js';
import { provenanceLabel } from './provenance.js';

/**
 * The format tag of a diff written as JSON.
 *
 * @example JSON.parse(renderDiff(d, 'en', 'json')).format === DIFF_FORMAT
 */
export const DIFF_FORMAT = 'par-index/criteria-diff@1';

/**
 * Where a node sits: its parent's id (null at the top level) and its index among its siblings (0-based).
 *
 * @example { id: '7.3.3', parent: '7.3', position: 2 }
 */
export interface NodePlace {
  /** The node's id. */
  readonly id: string;
  /** Its parent's id, or null for a field. */
  readonly parent: string | null;
  /** Its position among its siblings (0-based). */
  readonly position: number;
}

/**
 * What every node-level change names: its kind, the node's id (in `b`; in `a` for a removed node), title, and
 * whether it is a leaf.
 *
 * @example const head: NodeDiffHead<'points'> = { kind: 'points', id: '2.3.1', title: 'Tỷ lệ hồ sơ đúng hạn', leaf: true }
 */
export interface NodeDiffHead<K extends string> {
  /** What changed. */
  readonly kind: K;
  /** The node's id in `b` (in `a` for a removed node). */
  readonly id: string;
  /** The node's title (in `b`; in `a` for a removed node). */
  readonly title: string;
  /** True for a leaf (a sub-criterion scored by a rule). */
  readonly leaf: boolean;
}

/**
 * A change of one property of a node: its value in `a` and in `b`.
 *
 * @example const c: NodeValueChange<'points', number | undefined> = { kind: 'points', id: '2.3.1', title: '…', leaf: true, from: 2, to: 3 }
 */
export interface NodeValueChange<K extends string, T> extends NodeDiffHead<K> {
  /** The value in `a`. */
  readonly from: T;
  /** The value in `b`. */
  readonly to: T;
}

/**
 * Where a node sits, with its maximum points (of an added or removed node).
 *
 * @example { id: '7.3.4', parent: '7.3', position: 3, max: 1 }
 */
export interface NodePlaceWithMax extends NodePlace {
  /** The node's maximum points, when it has one. */
  readonly max?: number | undefined;
}

/**
 * A node's titles, in Vietnamese and (when given) English.
 *
 * @example { title: 'Cải cách thủ tục hành chính', titleEn: 'Administrative procedure reform' }
 */
export interface NodeTitles {
  /** The title as the decision prints it. */
  readonly title: string;
  /** The English title, when the set gives one. */
  readonly titleEn?: string | undefined;
}

/**
 * A node added in `b`: where it is and its maximum.
 *
 * @example d.nodes.filter((c): c is NodeAdded => c.kind === 'added').map((c) => c.to.max)
 */
export interface NodeAdded extends NodeDiffHead<'added'> {
  /** Where the node is in `b`, with its maximum. */
  readonly to: NodePlaceWithMax;
}

/**
 * A node of `a` that `b` no longer has: where it was and its maximum.
 *
 * @example d.nodes.filter((c): c is NodeRemoved => c.kind === 'removed').map((c) => c.from.id)
 */
export interface NodeRemoved extends NodeDiffHead<'removed'> {
  /** Where the node was in `a`, with its maximum. */
  readonly from: NodePlaceWithMax;
}

/**
 * A node that moved: renumbered (new id), re-parented (new parent), or only re-ordered among its siblings.
 *
 * @example d.nodes.filter((c): c is NodeMoved => c.kind === 'moved' && c.renumbered)
 */
export interface NodeMoved extends NodeValueChange<'moved', NodePlace> {
  /** True when its id changed. */
  readonly renumbered: boolean;
  /** True when its parent changed. */
  readonly reparented: boolean;
}

/**
 * A leaf whose rule changed, with the rule's properties that differ.
 *
 * @example d.nodes.filter((c): c is NodeRuleChange => c.kind === 'rule').map((c) => c.changed) // [['target']]
 */
export interface NodeRuleChange extends NodeValueChange<'rule', Rule | undefined> {
  /** The rule's properties that differ (`kind`, `target`, `bands`…). */
  readonly changed: readonly string[];
}

/**
 * One node-level change. `id` is the node's id in `b` (in `a` for a removed node).
 *
 * @example d.nodes.filter((c): c is Extract<NodeDiff, { kind: 'moved' }> => c.kind === 'moved')
 */
export type NodeDiff =
  | NodeAdded
  | NodeRemoved
  | NodeMoved
  | NodeValueChange<'points', number | undefined>
  | NodeRuleChange
  | NodeValueChange<'title', NodeTitles>
  | NodeValueChange<'legal', readonly LegalRef[]>
  | NodeValueChange<'block', CriteriaNode['block']>
  | NodeValueChange<'notes', string | undefined>
  | NodeValueChange<'provenance', string | undefined>;

/**
 * The kinds of node-level change.
 *
 * @example d.counts['added'] // how many nodes were added
 */
export type NodeDiffKind = NodeDiff['kind'];

/**
 * One set-level change. `key` names what changed: a metadata key (`version`, `decision`, `years`…), a property
 * of the rounding or ranking (`rounding.stage`, `ranking.tieBreak`), a band level (`bands.levels.tot`), a
 * measure or survey declaration (`measures.dossiers.onTime`, `surveys.sipas`).
 *
 * @example { key: 'bands.levels.xuat-sac', change: 'changed', from: { min: 90 }, to: { min: 92 } }
 */
export interface SetDiff {
  /** What changed. */
  readonly key: string;
  /** Added, removed or changed. */
  readonly change: 'added' | 'removed' | 'changed';
  /** The value in `a`. */
  readonly from?: unknown;
  /** The value in `b`. */
  readonly to?: unknown;
}

/**
 * What changed between two criteria sets. Frozen.
 *
 * @example const d: CriteriaDiff = diff(a, b); d.same || d.nodes.length > 0
 */
export interface CriteriaDiff {
  /** The format tag of the diff. */
  readonly format: typeof DIFF_FORMAT;
  /** The first set. */
  readonly a: SetRef;
  /** The second set. */
  readonly b: SetRef;
  /** True when the two sets have the same content hash. */
  readonly same: boolean;
  /** Node-level changes, in `b`'s order, then removed nodes in `a`'s order. */
  readonly nodes: readonly NodeDiff[];
  /** Set-level changes. */
  readonly set: readonly SetDiff[];
  /** How many node changes of each kind. */
  readonly counts: Readonly<Record<NodeDiffKind, number>>;
}

/**
 * A decision by its number and date, as a diff names the decision behind each set.
 *
 * @example { number: '1149/QĐ-UBND', date: '2021-05-20' }
 */
export interface DecisionRef {
  /** The decision's number: "1149/QĐ-UBND". */
  readonly number: string;
  /** Its date, YYYY-MM-DD. */
  readonly date: string;
}

/**
 * Names a criteria set in a diff or a re-scoring.
 *
 * @example diff(a, b).b // { id, version: '2022', hash: 'sha256:…', title, decision }
 */
export interface SetRef {
  /** The set's id. */
  readonly id: string;
  /** The set's version. */
  readonly version: string;
  /** The set's content hash. */
  readonly hash: string;
  /** The set's title. */
  readonly title: string;
  /** The decision that issued it. */
  readonly decision: DecisionRef;
}

/**
 * How the nodes of two sets correspond (see the module comment for the rule).
 *
 * @example matchNodes(a, b).bToA.get('7.3.3') // '7.1.3'
 */
export interface NodeMatch {
  /** a's id → b's id, for every paired node. */
  readonly aToB: ReadonlyMap<string, string>;
  /** b's id → a's id. */
  readonly bToA: ReadonlyMap<string, string>;
}

interface Located {
  readonly node: CriteriaNode;
  readonly parent: string | null;
  readonly position: number;
  readonly order: number;
  readonly penalty: boolean;
}

function index(tree: readonly CriteriaNode[]): Map<string, Located> {
  const out = new Map<string, Located>();
  let order = 0;
  const go = (list: readonly CriteriaNode[], parent: string | null, penalty: boolean) => {
    list.forEach((node, position) => {
      // A duplicate id is a checker error; keep the first so the diff stays defined.
      const inPenalty = penalty || node.block?.kind === 'penalty';
      if (!out.has(node.id)) out.set(node.id, { node, parent, position, order: order++, penalty: inPenalty });
      if (node.children) go(node.children, node.id, inPenalty);
    });
  };
  go(tree, null, false);
  return out;
}

/** Title as compared for pairing renumbered nodes: case-folded, spaces collapsed, NFC. */
function titleKey(t: string): string {
  return t.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
}

/**
 * Pairs the nodes of two sets: same id, or (among the rest) the same title when that title is unique on both
 * sides.
 *
 * @example
 * ```ts
 * const m = matchNodes(set2021, set2022);
 * m.aToB.get('7.1.3'); // "7.3.3" — the node moved and was renumbered
 * ```
 */
export function matchNodes(a: Pick<CriteriaSetData, 'tree'>, b: Pick<CriteriaSetData, 'tree'>): NodeMatch {
  const ia = index(a.tree);
  const ib = index(b.tree);
  const aToB = new Map<string, string>();
  const bToA = new Map<string, string>();
  for (const id of ia.keys()) {
    if (ib.has(id)) {
      aToB.set(id, id);
      bToA.set(id, id);
    }
  }
  const count = (m: Map<string, Located>, taken: Map<string, string>) => {
    const by = new Map<string, string[]>();
    for (const [id, l] of m) {
      if (taken.has(id)) continue;
      const k = titleKey(l.node.title);
      by.set(k, [...(by.get(k) ?? []), id]);
    }
    return by;
  };
  const ra = count(ia, aToB);
  const rb = count(ib, bToA);
  for (const [k, ids] of ra) {
    const other = rb.get(k);
    if (ids.length === 1 && other?.length === 1) {
      aToB.set(ids[0]!, other[0]!);
      bToA.set(other[0]!, ids[0]!);
    }
  }
  return { aToB, bToA };
}

/** Longest common subsequence of two id lists; returns the ids kept in order. */
function lcs(x: readonly string[], y: readonly string[]): Set<string> {
  const n = x.length;
  const m = y.length;
  const t: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) t[i]![j] = x[i] === y[j] ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!);
  const keep = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      keep.add(x[i]!);
      i++;
      j++;
    } else if (t[i + 1]![j]! >= t[i]![j + 1]!) i++;
    else j++;
  }
  return keep;
}

const same = (x: unknown, y: unknown) => canonicalJson(x) === canonicalJson(y);

function isLeaf(n: CriteriaNode): boolean {
  return !n.children || n.children.length === 0;
}

const ZERO_COUNTS: Record<NodeDiffKind, number> = { added: 0, removed: 0, moved: 0, points: 0, rule: 0, title: 0, legal: 0, block: 0, notes: 0, provenance: 0 };

function ref(s: CriteriaSet | CriteriaSetData, hash: string): SetRef {
  return { id: s.id, version: s.version, hash, title: s.title, decision: { number: s.decision.number, date: s.decision.date } };
}

/**
 * Compares two criteria sets node by node and at set level. Pure; the result is frozen and does not depend on
 * key order.
 *
 * @example
 * ```ts
 * const d = diff(set2021, set2022);
 * d.nodes.filter((c) => c.kind === 'added').map((c) => c.id); // ["7.2.3"]
 * console.log(renderDiff(d, 'vi'));
 * ```
 */
export function diff(a: CriteriaSet, b: CriteriaSet): CriteriaDiff {
  const ia = index(a.tree);
  const ib = index(b.tree);
  const { aToB, bToA } = matchNodes(a, b);
  const nodes: NodeDiff[] = [];

  // Reordering within an unchanged parent: per parent of b, the paired children that stayed under the same
  // (paired) parent, in a's order versus b's order.
  const reordered = new Set<string>();
  const byParent = new Map<string | null, string[]>();
  for (const [idB, lb] of ib) {
    const idA = bToA.get(idB);
    if (idA === undefined) continue;
    const la = ia.get(idA)!;
    const parentA = la.parent === null ? null : (aToB.get(la.parent) ?? `\u0000${la.parent}`);
    if (parentA !== lb.parent) continue;
    byParent.set(lb.parent, [...(byParent.get(lb.parent) ?? []), idB]);
  }
  for (const ids of byParent.values()) {
    const inB = [...ids].sort((x, y) => ib.get(x)!.position - ib.get(y)!.position);
    const inA = [...ids].sort((x, y) => ia.get(bToA.get(x)!)!.position - ia.get(bToA.get(y)!)!.position);
    const keep = lcs(inA, inB);
    for (const id of ids) if (!keep.has(id)) reordered.add(id);
  }

  for (const [idB, lb] of [...ib].sort((x, y) => x[1].order - y[1].order)) {
    const nb = lb.node;
    const base = { id: idB, title: nb.title, leaf: isLeaf(nb) };
    const idA = bToA.get(idB);
    if (idA === undefined) {
      nodes.push({ kind: 'added', ...base, to: { id: idB, parent: lb.parent, position: lb.position, ...(nb.max !== undefined ? { max: nb.max } : {}) } });
      continue;
    }
    const la = ia.get(idA)!;
    const na = la.node;
    const parentMapped = la.parent === null ? null : (aToB.get(la.parent) ?? null);
    const reparented = la.parent === null ? lb.parent !== null : parentMapped !== lb.parent || !aToB.has(la.parent);
    const renumbered = idA !== idB;
    if (reparented || renumbered || reordered.has(idB)) {
      nodes.push({ kind: 'moved', ...base, from: { id: idA, parent: la.parent, position: la.position }, to: { id: idB, parent: lb.parent, position: lb.position }, renumbered, reparented });
    }
    if (na.max !== nb.max) nodes.push({ kind: 'points', ...base, from: na.max, to: nb.max });
    if (!same(na.block, nb.block)) nodes.push({ kind: 'block', ...base, from: na.block, to: nb.block });
    if (!same(na.rule, nb.rule)) {
      const keys = new Set([...Object.keys(na.rule ?? {}), ...Object.keys(nb.rule ?? {})]);
      const changed = [...keys].filter((k) => !same((na.rule as Record<string, unknown> | undefined)?.[k], (nb.rule as Record<string, unknown> | undefined)?.[k])).sort();
      nodes.push({ kind: 'rule', ...base, from: na.rule, to: nb.rule, changed });
    }
    if (na.title !== nb.title || na.titleEn !== nb.titleEn) {
      nodes.push({ kind: 'title', ...base, from: { title: na.title, ...(na.titleEn !== undefined ? { titleEn: na.titleEn } : {}) }, to: { title: nb.title, ...(nb.titleEn !== undefined ? { titleEn: nb.titleEn } : {}) } });
    }
    if (!same(na.legal, nb.legal)) nodes.push({ kind: 'legal', ...base, from: na.legal, to: nb.legal });
    if (na.notes !== nb.notes) nodes.push({ kind: 'notes', ...base, from: na.notes, to: nb.notes });
    // Provenance is an object since it carries its source: compare by content, report in a few words.
    if (!same(na.provenance, nb.provenance)) nodes.push({ kind: 'provenance', ...base, from: provenanceLabel(na.provenance), to: provenanceLabel(nb.provenance) });
  }
  for (const [idA, la] of [...ia].sort((x, y) => x[1].order - y[1].order)) {
    if (aToB.has(idA)) continue;
    const n = la.node;
    nodes.push({ kind: 'removed', id: idA, title: n.title, leaf: isLeaf(n), from: { id: idA, parent: la.parent, position: la.position, ...(n.max !== undefined ? { max: n.max } : {}) } });
  }

  const counts = { ...ZERO_COUNTS };
  for (const c of nodes) counts[c.kind] += 1;
  const out: CriteriaDiff = { format: DIFF_FORMAT, a: ref(a, a.hash), b: ref(b, b.hash), same: a.hash === b.hash, nodes, set: setDiff(criteriaData(a), criteriaData(b)), counts };
  return deepFreeze(out);
}

const META_KEYS = ['format', 'id', 'version', 'title', 'titleEn', 'issuer', 'decision', 'level', 'years', 'status', 'legal', 'notes', 'amends'] as const;

function setDiff(a: CriteriaSetData, b: CriteriaSetData): SetDiff[] {
  const out: SetDiff[] = [];
  const cmp = (key: string, x: unknown, y: unknown) => {
    if (same(x, y)) return;
    if (x === undefined) out.push({ key, change: 'added', to: y });
    else if (y === undefined) out.push({ key, change: 'removed', from: x });
    else out.push({ key, change: 'changed', from: x, to: y });
  };
  for (const k of META_KEYS) cmp(k, a[k], b[k]);
  const props = (prefix: string, x: Record<string, unknown> | undefined, y: Record<string, unknown> | undefined) => {
    const keys = [...new Set([...Object.keys(x ?? {}), ...Object.keys(y ?? {})])].sort();
    for (const k of keys) cmp(`${prefix}.${k}`, x?.[k], y?.[k]);
  };
  props('rounding', a.rounding, b.rounding);
  props('ranking', a.ranking, b.ranking);
  if (!a.bands || !b.bands) cmp('bands', a.bands, b.bands);
  else {
    cmp('bands.on', a.bands.on, b.bands.on);
    cmp('bands.legal', a.bands.legal, b.bands.legal);
    const la = new Map(a.bands.levels.map((l) => [l.id, l]));
    const lb = new Map(b.bands.levels.map((l) => [l.id, l]));
    for (const l of b.bands.levels) cmp(`bands.levels.${l.id}`, la.get(l.id), l);
    for (const l of a.bands.levels) if (!lb.has(l.id)) cmp(`bands.levels.${l.id}`, l, undefined);
    const common = (xs: readonly { id: string }[], other: Map<string, unknown>) => xs.map((l) => l.id).filter((id) => other.has(id));
    if (!same(common(a.bands.levels, lb), common(b.bands.levels, la))) out.push({ key: 'bands.levels', change: 'changed', from: a.bands.levels.map((l) => l.id), to: b.bands.levels.map((l) => l.id) });
  }
  props('measures', a.measures, b.measures);
  props('surveys', a.surveys, b.surveys);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Patches

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function keyedIds(xs: readonly unknown[]): string[] | undefined {
  const ids: string[] = [];
  for (const x of xs) {
    if (!isObject(x) || typeof x['id'] !== 'string') return undefined;
    ids.push(x['id']);
  }
  return new Set(ids).size === ids.length ? ids : undefined;
}

function diffValue(x: unknown, y: unknown, path: (string | number)[], out: Patch[]): void {
  if (same(x, y)) return;
  if (isObject(x) && isObject(y)) {
    for (const k of Object.keys(x).sort()) {
      if (x[k] === undefined) continue;
      if (y[k] === undefined) out.push({ op: 'remove', path: [...path, k] });
      else diffValue(x[k], y[k], [...path, k], out);
    }
    for (const k of Object.keys(y).sort()) {
      if (y[k] !== undefined && x[k] === undefined) out.push({ op: 'add', path: [...path, k], value: clone(y[k]) });
    }
    return;
  }
  if (Array.isArray(x) && Array.isArray(y)) {
    const kx = keyedIds(x);
    const ky = keyedIds(y);
    if (kx && ky) {
      // Arrays of nodes (or band levels): remove what left, insert what came, then diff what stayed — so a moved
      // node is one removal and one insertion, not a cascade of replaced siblings.
      const keep = lcs(kx, ky);
      for (let i = x.length - 1; i >= 0; i--) if (!keep.has(kx[i]!)) out.push({ op: 'remove', path: [...path, i] });
      ky.forEach((id, j) => {
        if (!keep.has(id)) out.push({ op: 'add', path: [...path, j], value: clone<unknown>(y[j]) });
      });
      const at = new Map(kx.map((id, i) => [id, i]));
      ky.forEach((id, j) => {
        if (keep.has(id)) diffValue(x[at.get(id)!], y[j], [...path, j], out);
      });
      return;
    }
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) diffValue(x[i], y[i], [...path, i], out);
    for (let i = x.length - 1; i >= n; i--) out.push({ op: 'remove', path: [...path, i] });
    for (let i = n; i < y.length; i++) out.push({ op: 'add', path: [...path, i], value: clone<unknown>(y[i]) });
    return;
  }
  out.push({ op: 'replace', path, value: clone(y) });
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/**
 * The patches (immer's format: `{ op, path, value }`) that turn `a`'s data into `b`'s: applying them with
 * immer's `applyPatches` to {@link criteriaData}(a) gives data with `b`'s content hash. Nodes are matched by id
 * within each children list, so a moved node is one `remove` and one `add`.
 *
 * @example
 * ```ts
 * import { applyPatches } from 'immer';
 * const data = applyPatches(criteriaData(a), diffPatches(a, b));
 * loadCriteriaSet(data).hash === b.hash; // true
 * ```
 */
export function diffPatches(a: CriteriaSet | CriteriaSetData, b: CriteriaSet | CriteriaSetData): readonly Patch[] {
  const out: Patch[] = [];
  diffValue(plain(a), plain(b), [], out);
  return deepFreeze(out);
}

function plain(s: CriteriaSet | CriteriaSetData): Record<string, unknown> {
  const { hash: _h, ...rest } = s as CriteriaSetData & { hash?: string };
  void _h;
  return rest as Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------------------
// Rendering

/**
 * A number as written in the chosen language (decimal comma in Vietnamese), without trailing zeros.
 *
 * @example numText(0.25, 'vi') // '0,25'
 */
export function numText(x: number | undefined | null, lang: Lang): string {
  if (x === undefined || x === null) return '—';
  const s = String(Number(x.toFixed(6)));
  return lang === 'vi' ? s.replace('.', ',') : s;
}

function where(p: { parent: string | null; position: number }, lang: Lang): string {
  const parent = p.parent === null ? (lang === 'vi' ? 'cấp lĩnh vực' : 'top level') : p.parent;
  return lang === 'vi' ? `${parent}, vị trí ${p.position + 1}` : `${parent}, position ${p.position + 1}`;
}

function bandRows(v: unknown, lang: Lang): string | undefined {
  if (!Array.isArray(v) || !v.every((r) => isObject(r) && 'points' in r)) return undefined;
  return v
    .map((r: Record<string, unknown>) => {
      const lo = r['min'] === undefined ? '−∞' : numText(r['min'] as number, lang);
      const hi = r['max'] === undefined ? '∞' : numText(r['max'] as number, lang);
      const open = r['minInclusive'] === false ? '(' : '[';
      const close = r['maxInclusive'] === true ? ']' : ')';
      return `${open}${lo}; ${hi}${close} → ${numText(r['points'] as number, lang)}`;
    })
    .join(', ');
}

/**
 * A value in a report line: band tables as ranges, numbers in the language's style, the rest as compact JSON.
 *
 * @example valueText([{ min: 90, max: 100, points: 1 }], 'en') // '[90; 100) → 1'
 */
export function valueText(v: unknown, lang: Lang, width = 160): string {
  if (v === undefined) return '—';
  if (typeof v === 'number') return numText(v, lang);
  if (typeof v === 'string') return v.length > width ? `${v.slice(0, width - 1)}…` : v;
  const rows = bandRows(v, lang);
  if (rows !== undefined) return rows;
  // A decision or an `amends` record reads better as "number (date)" than as JSON.
  if (isObject(v) && typeof v['date'] === 'string' && (typeof v['number'] === 'string' || typeof v['decision'] === 'string')) {
    const head = typeof v['id'] === 'string' ? `${v['id']} ${String(v['version'] ?? '')} — ` : '';
    return `${head}${String(v['number'] ?? v['decision'])} (${v['date']})`;
  }
  const s = JSON.stringify(v);
  return s.length > width ? `${s.slice(0, width - 1)}…` : s;
}

const KIND_TEXT: Record<NodeDiffKind, { vi: string; en: string; mark: string }> = {
  added: { vi: 'thêm', en: 'added', mark: '+' },
  removed: { vi: 'bỏ', en: 'removed', mark: '−' },
  moved: { vi: 'chuyển', en: 'moved', mark: '↷' },
  points: { vi: 'điểm tối đa', en: 'points', mark: '±' },
  rule: { vi: 'quy tắc', en: 'rule', mark: '~' },
  title: { vi: 'tên', en: 'title', mark: '✎' },
  legal: { vi: 'căn cứ', en: 'legal basis', mark: '§' },
  block: { vi: 'khối điểm', en: 'block', mark: '±' },
  notes: { vi: 'ghi chú', en: 'notes', mark: '✎' },
  provenance: { vi: 'nguồn gốc', en: 'provenance', mark: '✎' },
};

/**
 * One node change in words, without the node's id and title.
 *
 * @example describeNodeDiff(d.nodes[0], 'vi') // 'điểm tối đa 5 → 4'
 */
export function describeNodeDiff(c: NodeDiff, lang: Lang): string {
  const vi = lang === 'vi';
  switch (c.kind) {
    case 'added':
      return vi ? `thêm vào ${where(c.to, lang)}${c.to.max !== undefined ? `, ${numText(c.to.max, lang)} điểm` : ''}` : `added under ${where(c.to, lang)}${c.to.max !== undefined ? `, ${numText(c.to.max, lang)} points` : ''}`;
    case 'removed':
      return vi ? `bỏ khỏi ${where(c.from, lang)}${c.from.max !== undefined ? ` (${numText(c.from.max, lang)} điểm)` : ''}` : `removed from ${where(c.from, lang)}${c.from.max !== undefined ? ` (${numText(c.from.max, lang)} points)` : ''}`;
    case 'moved': {
      const num = c.renumbered ? (vi ? `đổi mã ${c.from.id} → ${c.to.id}; ` : `renumbered ${c.from.id} → ${c.to.id}; `) : '';
      if (!c.reparented && c.from.parent === c.to.parent) return vi ? `${num}thứ tự trong ${where(c.to, lang).split(',')[0]}: vị trí ${c.from.position + 1} → ${c.to.position + 1}` : `${num}order under ${where(c.to, lang).split(',')[0]}: position ${c.from.position + 1} → ${c.to.position + 1}`;
      return vi ? `${num}chuyển từ ${where(c.from, lang)} sang ${where(c.to, lang)}` : `${num}moved from ${where(c.from, lang)} to ${where(c.to, lang)}`;
    }
    case 'points':
      return vi ? `điểm tối đa ${numText(c.from, lang)} → ${numText(c.to, lang)}` : `max points ${numText(c.from, lang)} → ${numText(c.to, lang)}`;
    case 'rule': {
      if (!c.from || !c.to) return vi ? `quy tắc ${c.from ? c.from.kind : '—'} → ${c.to ? c.to.kind : '—'}` : `rule ${c.from ? c.from.kind : '—'} → ${c.to ? c.to.kind : '—'}`;
      const parts = c.changed.map((k) => `${k}: ${valueText((c.from as Record<string, unknown>)[k], lang)} → ${valueText((c.to as Record<string, unknown>)[k], lang)}`);
      return `${vi ? 'quy tắc' : 'rule'} (${c.to.kind}): ${parts.join('; ')}`;
    }
    case 'title':
      return vi ? `tên: “${c.from.title}” → “${c.to.title}”` : `title: “${c.from.titleEn ?? c.from.title}” → “${c.to.titleEn ?? c.to.title}”`;
    case 'legal':
      return `${vi ? 'căn cứ' : 'legal basis'}: ${c.from.map((l) => l.ref).join('; ') || '—'} → ${c.to.map((l) => l.ref).join('; ') || '—'}`;
    case 'block':
      return `${vi ? 'khối điểm' : 'block'}: ${valueText(c.from, lang)} → ${valueText(c.to, lang)}`;
    case 'notes':
      return `${vi ? 'ghi chú' : 'notes'}: ${valueText(c.from, lang, 60)} → ${valueText(c.to, lang, 60)}`;
    case 'provenance':
      return `${vi ? 'nguồn gốc' : 'provenance'}: ${c.from ?? '—'} → ${c.to ?? '—'}`;
  }
}

/**
 * One set-level change in words.
 *
 * @example describeSetDiff({ key: 'version', change: 'changed', from: '2021', to: '2022' }, 'en') // 'version: 2021 → 2022'
 */
export function describeSetDiff(s: SetDiff, lang: Lang): string {
  const vi = lang === 'vi';
  if (s.change === 'added') return `${s.key}: ${vi ? 'thêm' : 'added'} ${valueText(s.to, lang)}`;
  if (s.change === 'removed') return `${s.key}: ${vi ? 'bỏ' : 'removed'} (${valueText(s.from, lang)})`;
  return `${s.key}: ${valueText(s.from, lang)} → ${valueText(s.to, lang)}`;
}

function setLine(r: SetRef, lang: Lang): string {
  return `${r.id} ${r.version} — ${lang === 'vi' ? 'Quyết định' : 'Decision'} ${r.decision.number} (${r.decision.date}) — ${r.hash}`;
}

/**
 * The diff as a readable report: text for a terminal, Markdown, or JSON; in Vietnamese or English.
 *
 * @example
 * ```ts
 * console.log(renderDiff(diff(a, b), 'en', 'md'));
 * ```
 */
export function renderDiff(d: CriteriaDiff, lang: Lang = 'vi', format: 'text' | 'md' | 'json' = 'text'): string {
  if (format === 'json') return `${JSON.stringify(d, null, 2)}\n`;
  const vi = lang === 'vi';
  const md = format === 'md';
  const lines: string[] = [];
  const h = (level: number, s: string) => lines.push(md ? `${'#'.repeat(level)} ${s}` : s, '');
  h(1, vi ? 'So sánh hai phiên bản bộ tiêu chí' : 'Differences between two criteria sets');
  lines.push(`${md ? '- ' : ''}a: ${setLine(d.a, lang)}`, `${md ? '- ' : ''}b: ${setLine(d.b, lang)}`, '');
  if (d.same) {
    lines.push(vi ? 'Hai bộ tiêu chí giống hệt nhau (cùng mã băm nội dung).' : 'The two sets are identical (same content hash).');
    return `${lines.join('\n')}\n`;
  }
  const kinds = (Object.keys(d.counts) as NodeDiffKind[]).filter((k) => d.counts[k] > 0);
  lines.push(vi ? `Tiêu chí: ${kinds.map((k) => `${KIND_TEXT[k].vi} ${d.counts[k]}`).join(', ') || 'không thay đổi'}.` : `Nodes: ${kinds.map((k) => `${KIND_TEXT[k].en} ${d.counts[k]}`).join(', ') || 'no change'}.`, '');
  if (d.nodes.length) {
    h(2, vi ? 'Thay đổi theo tiêu chí' : 'Changes by node');
    if (md) {
      lines.push(vi ? '| Mã | Tiêu chí | Thay đổi | Chi tiết |' : '| Id | Node | Change | Detail |', '| --- | --- | --- | --- |');
      for (const c of d.nodes) lines.push(`| ${c.id} | ${esc(c.title)} | ${KIND_TEXT[c.kind][lang]} | ${esc(describeNodeDiff(c, lang))} |`);
    } else {
      for (const c of d.nodes) lines.push(`  ${KIND_TEXT[c.kind].mark} ${c.id} ${c.title} — ${describeNodeDiff(c, lang)}`);
    }
    lines.push('');
  }
  if (d.set.length) {
    h(2, vi ? 'Thay đổi ở cấp bộ tiêu chí' : 'Set-level changes');
    for (const s of d.set) lines.push(`${md ? '- ' : '  '}${md ? esc(describeSetDiff(s, lang)) : describeSetDiff(s, lang)}`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function esc(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
