/**
 * What changed between two versions of a criteria set (so sánh hai phiên bản bộ tiêu chí): node by node — added,
 * removed, moved, points, rule, title, legal basis — and at the level of the set — rounding, bands, ranking,
 * measures, metadata, as data. `diff-patches.ts` gives the same change as patches, `src/report/diff.ts` renders
 * it for people.
 *
 * How nodes are paired (the rule the report relies on):
 * 1. and 2. the rule of `match.ts`: same id, or else the same title when that title is unique on both sides;
 * 3. a paired node is "moved" when its parent changed, when its id changed (renumbered), or when its order
 *    among the siblings present in both versions changed. A node merely shifted by an insertion or removal
 *    before it is not moved: the siblings kept in order are the longest common subsequence of the two orders.
 * @module
 */
import { deepFreeze } from '../core/document.js';
import { canonicalJson } from '../core/hash.js';
import type { LegalRef } from '../core/zod-helpers.js';
import type { Rule } from '../rules/registry.js';
import { lcs } from './lcs.js';
import { criteriaData, type CriteriaSet } from './load.js';
import { locateNodes, matchNodes } from './match.js';
import { provenanceLabel } from './provenance.js';
import type { CriteriaNode, CriteriaSetData } from './schema.js';

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
  | NodeValueChange<'applicability', NodeApplicability>
  | NodeValueChange<'printedId', string | undefined>
  | NodeValueChange<'notes', string | undefined>
  | NodeValueChange<'provenance', string | undefined>;

/**
 * When a node applies to a unit and where its points go when it does not (`applies`, `whenNotApplicable`), as a
 * diff compares them; both absent when the node declares neither.
 *
 * @example `{ applies: { attribute: 'tiep-xuc', equals: true, whenMissing: 'error' }, whenNotApplicable: { redistribute: 'even', over: ['I.1'] } }`
 */
export interface NodeApplicability {
  /** The node's `applies` condition. */
  readonly applies?: CriteriaNode['applies'];
  /** The node's `whenNotApplicable` policy. */
  readonly whenNotApplicable?: CriteriaNode['whenNotApplicable'];
}

function applicability(n: CriteriaNode): NodeApplicability {
  return {
    ...(n.applies !== undefined ? { applies: n.applies } : {}),
    ...(n.whenNotApplicable !== undefined ? { whenNotApplicable: n.whenNotApplicable } : {}),
  };
}

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

const same = (x: unknown, y: unknown) => canonicalJson(x) === canonicalJson(y);

function isLeaf(n: CriteriaNode): boolean {
  return !n.children || n.children.length === 0;
}

const ZERO_COUNTS: Record<NodeDiffKind, number> = {
  added: 0,
  removed: 0,
  moved: 0,
  points: 0,
  rule: 0,
  title: 0,
  legal: 0,
  block: 0,
  applicability: 0,
  printedId: 0,
  notes: 0,
  provenance: 0,
};

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
  const ia = locateNodes(a.tree);
  const ib = locateNodes(b.tree);
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
      nodes.push({
        kind: 'added',
        ...base,
        to: { id: idB, parent: lb.parent, position: lb.position, ...(nb.max !== undefined ? { max: nb.max } : {}) },
      });
      continue;
    }
    const la = ia.get(idA)!;
    const na = la.node;
    const parentMapped = la.parent === null ? null : (aToB.get(la.parent) ?? null);
    const reparented = la.parent === null ? lb.parent !== null : parentMapped !== lb.parent || !aToB.has(la.parent);
    const renumbered = idA !== idB;
    if (reparented || renumbered || reordered.has(idB)) {
      nodes.push({
        kind: 'moved',
        ...base,
        from: { id: idA, parent: la.parent, position: la.position },
        to: { id: idB, parent: lb.parent, position: lb.position },
        renumbered,
        reparented,
      });
    }
    if (na.max !== nb.max) nodes.push({ kind: 'points', ...base, from: na.max, to: nb.max });
    if (!same(na.block, nb.block)) nodes.push({ kind: 'block', ...base, from: na.block, to: nb.block });
    if (!same(applicability(na), applicability(nb)))
      nodes.push({ kind: 'applicability', ...base, from: applicability(na), to: applicability(nb) });
    if (!same(na.rule, nb.rule)) {
      const keys = new Set([...Object.keys(na.rule ?? {}), ...Object.keys(nb.rule ?? {})]);
      const changed = [...keys]
        .filter((k) => !same((na.rule as Record<string, unknown> | undefined)?.[k], (nb.rule as Record<string, unknown> | undefined)?.[k]))
        .sort();
      nodes.push({ kind: 'rule', ...base, from: na.rule, to: nb.rule, changed });
    }
    if (na.title !== nb.title || na.titleEn !== nb.titleEn) {
      nodes.push({
        kind: 'title',
        ...base,
        from: { title: na.title, ...(na.titleEn !== undefined ? { titleEn: na.titleEn } : {}) },
        to: { title: nb.title, ...(nb.titleEn !== undefined ? { titleEn: nb.titleEn } : {}) },
      });
    }
    if (!same(na.legal, nb.legal)) nodes.push({ kind: 'legal', ...base, from: na.legal, to: nb.legal });
    if (na.printedId !== nb.printedId) nodes.push({ kind: 'printedId', ...base, from: na.printedId, to: nb.printedId });
    if (na.notes !== nb.notes) nodes.push({ kind: 'notes', ...base, from: na.notes, to: nb.notes });
    // Provenance is an object since it carries its source: compare by content, report in a few words.
    if (!same(na.provenance, nb.provenance))
      nodes.push({ kind: 'provenance', ...base, from: provenanceLabel(na.provenance), to: provenanceLabel(nb.provenance) });
  }
  for (const [idA, la] of [...ia].sort((x, y) => x[1].order - y[1].order)) {
    if (aToB.has(idA)) continue;
    const n = la.node;
    nodes.push({
      kind: 'removed',
      id: idA,
      title: n.title,
      leaf: isLeaf(n),
      from: { id: idA, parent: la.parent, position: la.position, ...(n.max !== undefined ? { max: n.max } : {}) },
    });
  }

  const counts = { ...ZERO_COUNTS };
  for (const c of nodes) counts[c.kind] += 1;
  const out: CriteriaDiff = {
    format: DIFF_FORMAT,
    a: ref(a, a.hash),
    b: ref(b, b.hash),
    same: a.hash === b.hash,
    nodes,
    set: setDiff(criteriaData(a), criteriaData(b)),
    counts,
  };
  return deepFreeze(out);
}

const META_KEYS = [
  'format',
  'id',
  'version',
  'title',
  'titleEn',
  'issuer',
  'decision',
  'level',
  'years',
  'status',
  'legal',
  'notes',
  'amends',
] as const;

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
    if (!same(common(a.bands.levels, lb), common(b.bands.levels, la)))
      out.push({ key: 'bands.levels', change: 'changed', from: a.bands.levels.map((l) => l.id), to: b.bands.levels.map((l) => l.id) });
  }
  props('measures', a.measures, b.measures);
  props('surveys', a.surveys, b.surveys);
  return out;
}
