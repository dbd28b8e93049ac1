/**
 * Semantic checks of conditions and of where points go: a grade's `requires`, a node's `applies` and
 * `whenNotApplicable`, and the targets of a rule's `shareWith` — what `check` can see before any unit is scored,
 * so that scoring never meets a condition it cannot read or a share target it cannot score.
 * @module
 */
import { issue, type Issue, type IssueCode, type PathSegment } from '../core/errors.js';
import type { Condition } from './conditions.js';
import type { CriteriaSetData } from './schema.js';
import { checkItemsSpec } from '../rules/items.js';
import { listDecls, walk, type LocatedNode } from './tree.js';

/** A node of the tree with what a target check needs. */
interface Placed {
  readonly loc: LocatedNode;
  /** Ids of the node and of every ancestor. */
  readonly line: ReadonlySet<string>;
  /** Whether the node is, or sits in, a bonus or penalty block. */
  readonly inBlock: boolean;
}

/** Runs the checks of conditions, not-applicable policies and share targets. */
export function checkConditions(data: CriteriaSetData, file?: string): Issue[] {
  const out: Issue[] = [];
  const err = (code: IssueCode, path: readonly PathSegment[], en: string, vi: string, node?: string) =>
    out.push(issue(code, 'error', path, en, vi, { file, node }));
  const nodes = new Map<string, Placed>();
  for (const loc of walk(data.tree)) {
    if (nodes.has(loc.node.id)) continue; // a duplicate id: reported by the main check
    const up = loc.parent ? nodes.get(loc.parent.node.id) : undefined;
    const line = new Set(up?.line ?? []);
    line.add(loc.node.id);
    nodes.set(loc.node.id, { loc, line, inBlock: !!loc.node.block || !!up?.inBlock });
  }

  const lists = listDecls(data);
  const condition = (c: Condition, path: readonly PathSegment[], node?: string): void => {
    if (c.items !== undefined) checkItemsSpec(c.items, lists, (code, sub, en, vi) => err(code, [...path, 'items', ...sub], en, vi, node));
    const measures =
      c.measure !== undefined
        ? [['measure', c.measure]]
        : c.ratio
          ? [
              ['ratio', c.ratio.numerator],
              ['ratio', c.ratio.base],
            ]
          : [];
    for (const [key, m] of measures) {
      if (!Object.prototype.hasOwnProperty.call(data.measures, m!))
        err(
          'criteria.undeclared-measure',
          [...path, key!],
          `the condition reads measure "${m}", which is not declared under measures`,
          `điều kiện đọc chỉ số "${m}" chưa được khai báo trong measures`,
          node,
        );
    }
    if (c.node !== undefined) {
      if (!nodes.has(c.node))
        err(
          'criteria.unknown-node',
          [...path, 'node'],
          `the condition reads the points of node "${c.node}", which is not in the tree`,
          `điều kiện đọc điểm của tiêu chí "${c.node}" không có trong bộ tiêu chí`,
          node,
        );
    }
    if (c.attribute === undefined) {
      if (c.min === undefined && c.max === undefined)
        err(
          'criteria.condition',
          path,
          'the condition needs min or max: the value it requires',
          'điều kiện cần min hoặc max: giá trị yêu cầu',
          node,
        );
      else if (
        c.min !== undefined &&
        c.max !== undefined &&
        (c.min > c.max || (c.min === c.max && (c.minInclusive === false || c.maxInclusive === false)))
      )
        err(
          'criteria.condition',
          path,
          `no value satisfies the condition: min ${c.min}, max ${c.max}`,
          `không giá trị nào thỏa điều kiện: từ ${c.min} đến ${c.max}`,
          node,
        );
    }
  };

  // A grade's conditions. The lowest band is where a unit falls when every band above fails: it has none.
  const levels = data.bands?.levels ?? [];
  const lowest = levels.reduce<number>((lo, b, i) => (lo < 0 || (b.min ?? -Infinity) < (levels[lo]!.min ?? -Infinity) ? i : lo), -1);
  levels.forEach((b, i) => {
    if (!b.requires) return;
    const at: PathSegment[] = ['bands', 'levels', i, 'requires'];
    if (i === lowest && b.requires.length > 0)
      err(
        'criteria.condition',
        at,
        `band "${b.id}" is the lowest: a unit that fails the conditions of the bands above falls into it, so it can have no conditions`,
        `xếp loại "${b.label}" là mức thấp nhất: đơn vị không đạt điều kiện của các mức trên được xếp vào mức này, nên mức này không có điều kiện`,
      );
    b.requires.forEach((c, k) => condition(c, [...at, k]));
  });

  for (const { loc } of nodes.values()) {
    const n = loc.node;
    if (n.applies) condition(n.applies, [...loc.path, 'applies'], n.id);
    if (n.whenNotApplicable) {
      const here = nodes.get(n.id)!;
      const seen = new Set<string>();
      n.whenNotApplicable.over.forEach((id, k) => {
        const path = [...loc.path, 'whenNotApplicable', 'over', k];
        const target = nodes.get(id);
        let ok = false;
        const bad = (en: string, vi: string) => err('criteria.share-target', path, en, vi, n.id);
        if (!target) bad(`"${id}" is not a node of the tree`, `"${id}" không có trong bộ tiêu chí`);
        else if (seen.has(id)) bad(`"${id}" is named twice`, `"${id}" được nêu hai lần`);
        else if (here.line.has(id) || target.line.has(n.id))
          bad(
            `"${id}" is ${id === n.id ? 'the node itself' : here.line.has(id) ? `an ancestor of ${n.id}` : `inside ${n.id}`}: points go to nodes outside its branch`,
            `"${id}" ${id === n.id ? 'là chính tiêu chí này' : here.line.has(id) ? `là tiêu chí cha của ${n.id}` : `nằm trong ${n.id}`}: điểm chỉ được chia cho tiêu chí ngoài nhánh này`,
          );
        else if (target.inBlock || here.inBlock)
          bad(
            `"${id}": points of a bonus or penalty block are not redistributed, nor received`,
            `"${id}": điểm của khối điểm thưởng/điểm trừ không được chia lại, cũng không nhận điểm chia lại`,
          );
        else if ([...seen].some((s) => nodes.get(s)!.line.has(id) || target.line.has(s)))
          bad(
            `"${id}" overlaps another node named (one contains the other): it would receive twice`,
            `"${id}" trùng nhánh với một tiêu chí khác đã nêu: sẽ nhận điểm hai lần`,
          );
        else ok = true;
        // Only a good target is compared with the ones after it: a wrong one is reported once.
        if (ok) seen.add(id);
      });
    }
    // A rule's sibling share scores leaves only: a group named there would be left out when scoring.
    const rule = n.rule as { shareWith?: readonly string[] } | undefined;
    rule?.shareWith?.forEach((id, k) => {
      const target = nodes.get(id);
      if (target && target.loc.parent === loc.parent && target.loc.node.children?.length)
        err(
          'criteria.share-target',
          [...loc.path, 'rule', 'shareWith', k],
          `"${id}" has children: whenBaseZero: share gives points to sibling leaves only; to spread them over a group, use whenNotApplicable: { redistribute, over } with whenBaseZero: not-applicable`,
          `"${id}" có tiêu chí con: whenBaseZero: share chỉ chia điểm cho tiêu chí cùng cấp không có tiêu chí con; để chia cho một nhóm, dùng whenNotApplicable: { redistribute, over } với whenBaseZero: not-applicable`,
          n.id,
        );
    });
  }
  return out;
}
