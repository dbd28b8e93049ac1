/**
 * The tree of a criteria set as the layers above walk it: every node with where it sits, the measures and survey
 * indices it declares as the rules see them, and the context a leaf's rule is checked and compiled in. The
 * semantic checker (check.ts), evidence checks, the engine's plan, inspection checklists, cases and re-scoring
 * all use these; only the criteria layer uses the checker itself.
 * @module
 */
import { Exact } from '../core/exact.js';
import type { PathSegment } from '../core/errors.js';
import type { CompileResult } from '../formula/compile.js';
import type { FormulaLimits } from '../formula/limits.js';
import type { ListDecl, MeasureDecl, RuleContext, SurveyDecl } from '../rules/types.js';
import type { CriteriaNode, CriteriaSetData } from './schema.js';
import { conditionMeasures } from './conditions.js';

/** A node with where it sits, for checks and compilation. */
export interface LocatedNode {
  readonly node: CriteriaNode;
  readonly path: readonly PathSegment[];
  /** 1 for a field, 2 for a criterion, 3 for a sub-criterion… */
  readonly depth: number;
  readonly parent: LocatedNode | undefined;
  readonly siblings: readonly string[];
}

/** Walks the tree depth-first, parents before children. */
export function* walk(
  tree: readonly CriteriaNode[],
  path: readonly PathSegment[] = ['tree'],
  depth = 1,
  parent?: LocatedNode,
): Generator<LocatedNode> {
  const siblings = tree.map((n) => n.id);
  for (let i = 0; i < tree.length; i++) {
    const node = tree[i]!;
    const here: LocatedNode = { node, path: [...path, i], depth, parent, siblings };
    yield here;
    if (node.children) yield* walk(node.children, [...here.path, 'children'], depth + 1, here);
  }
}

/** A measure (or a list's field) as the rules see it: the unit's implied range and integrality filled in. */
function measureDecl(id: string, m: CriteriaSetData['measures'][string]): MeasureDecl {
  const min = m.min ?? (m.unit === 'count' || m.unit === 'percent' || m.unit === 'days' ? 0 : undefined);
  const max = m.max ?? (m.unit === 'percent' ? 100 : undefined);
  return { id, title: m.title, unit: m.unit, min, max, integer: m.integer ?? m.unit === 'count' };
}

/** The measures declared by a set, as the rules see them. */
export function measureDecls(data: CriteriaSetData): Map<string, MeasureDecl> {
  const out = new Map<string, MeasureDecl>();
  for (const [id, m] of Object.entries(data.measures)) out.set(id, measureDecl(id, m));
  return out;
}

/** The lists declared by a set, their fields as the rules see them (ranges as for measures). */
export function listDecls(data: CriteriaSetData): Map<string, ListDecl> {
  const out = new Map<string, ListDecl>();
  for (const [id, l] of Object.entries(data.lists ?? {}))
    out.set(id, {
      id,
      title: l.title,
      titleEn: l.titleEn,
      fields: new Map(Object.entries(l.fields).map(([f, d]) => [f, measureDecl(f, d)])),
    });
  return out;
}

/** The survey indices declared by a set. */
export function surveyDecls(data: CriteriaSetData): Map<string, SurveyDecl> {
  return new Map(Object.entries(data.surveys).map(([id, s]) => [id, { id, title: s.title }]));
}

/**
 * The points a node contributes to its parent's maximum: its max, a bonus block's cap when inside the max,
 * nothing for a penalty block or a bonus outside the max.
 */
export function maxContribution(node: CriteriaNode): number | undefined {
  if (node.block) return node.block.kind === 'bonus' && node.block.withinMax ? node.block.cap : 0;
  return node.max;
}

/** The context a rule is checked and compiled in. */
export function ruleContext(
  node: CriteriaNode,
  loc: LocatedNode,
  measures: ReadonlyMap<string, MeasureDecl>,
  surveys: ReadonlyMap<string, SurveyDecl>,
  file: string | undefined,
  formulaLimits?: FormulaLimits,
  formulas?: Map<string, CompileResult>,
  lists?: ReadonlyMap<string, ListDecl>,
): RuleContext {
  return {
    nodeId: node.id,
    title: node.title,
    max: Exact.of(node.max ?? 0),
    measures,
    surveys,
    lists,
    siblings: loc.siblings,
    path: [...loc.path, 'rule'],
    file,
    formulaLimits,
    formulas,
  };
}

/** Every measure the set's conditions read (bands' and nodes'), so the evidence check treats them as read. */
export function conditionsRead(data: CriteriaSetData): Set<string> {
  const out = new Set<string>();
  for (const l of data.bands?.levels ?? []) for (const c of l.requires ?? []) for (const m of conditionMeasures(c)) out.add(m);
  const visit = (nodes: readonly CriteriaNode[]): void => {
    for (const n of nodes) {
      if (n.applies) for (const m of conditionMeasures(n.applies)) out.add(m);
      if (n.children) visit(n.children);
    }
  };
  visit(data.tree);
  return out;
}
