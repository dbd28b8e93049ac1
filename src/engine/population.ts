/**
 * The first pass of a run with leaves compared with their peers (rule kind `relative`): before any unit is
 * scored, each such leaf's statistic is computed over the units scored together — all of them, or the group
 * sharing the declared attribute's value — from their evidence. Each unit's scorer then reads its group's record
 * through its evidence view, and the trace keeps it, so a leaf replays from its trace alone.
 * @module
 */
import { Exact } from '../core/exact.js';
import { issue, type Issue } from '../core/errors.js';
import type { UnitEvidence } from '../evidence/load.js';
import type { PopulationRecord } from '../rules/types.js';
import type { Plan, PlanNode } from './plan.js';
import { UnitView } from './view.js';

/** Every unit's population records, by leaf id; and the problems that stop the run. */
export interface Populations {
  readonly byUnit: ReadonlyMap<string, ReadonlyMap<string, PopulationRecord>>;
  readonly issues: readonly Issue[];
}

const hasOwn = Object.hasOwn;

/** A node's ancestors and itself, root first. */
function pathsOf(p: Plan): Map<PlanNode, readonly PlanNode[]> {
  const out = new Map<PlanNode, readonly PlanNode[]>();
  const go = (n: PlanNode, above: readonly PlanNode[]) => {
    const here = [...above, n];
    out.set(n, here);
    for (const k of n.children) go(k, here);
  };
  for (const r of p.roots) go(r, []);
  return out;
}

/**
 * Whether the leaf applies to the unit as far as its evidence says: not declared not applicable (on the leaf or
 * a parent) and every `applies` condition on the way holds. A unit the leaf does not apply to is no peer.
 */
function appliesTo(u: UnitEvidence, path: readonly PlanNode[]): boolean {
  for (const n of path) {
    if (u.notApplicable.some((x) => x.node === n.id)) return false;
    if (n.applies) {
      const view = new UnitView(u);
      const o = n.applies({
        measure: (id) => view.measure(id)?.value,
        attribute: (name) => (hasOwn(u.attributes, name) ? u.attributes[name] : undefined),
        points: () => undefined,
        list: (id) => view.list(id),
        task: (id) => view.task(id),
      });
      if (!o.holds) return false;
    }
  }
  return true;
}

interface Group {
  readonly value: string | number | boolean | undefined;
  readonly members: { readonly id: string; readonly value: Exact }[];
  readonly without: string[];
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Computes the population record of every relative leaf for every unit scored together. A unit without the
 * grouping attribute, or a population smaller than the rule's `minPopulation` (a unit scored alone), is an error
 * naming the unit, the leaf and the population — never a comparison of a unit with itself.
 */
export function populationsOf(p: Plan, units: readonly UnitEvidence[]): Populations {
  const byUnit = new Map<string, Map<string, PopulationRecord>>();
  const issues: Issue[] = [];
  const paths = pathsOf(p);
  for (const n of p.relative) {
    const need = n.population!;
    const groups = new Map<string, Group>();
    for (const u of units) {
      if (!appliesTo(u, paths.get(n)!)) continue;
      let value: string | number | boolean | undefined;
      const has = hasOwn(u.measures, need.measure);
      if (need.by !== undefined) {
        // A unit with neither the attribute nor the measure (a roster unit without evidence) is no peer of any
        // group, and its own card says the measure is missing.
        if (!hasOwn(u.attributes, need.by) && !has) continue;
        if (!hasOwn(u.attributes, need.by)) {
          issues.push(
            issue(
              'eval.population-group',
              'error',
              [],
              `node ${n.id}: compares the unit with the units sharing its attribute "${need.by}", but unit ${u.id} (${u.name}) has no attribute "${need.by}": give it under attributes`,
              `tiêu chí ${n.id}: so sánh đơn vị với các đơn vị cùng thuộc tính "${need.by}", nhưng đơn vị ${u.id} (${u.name}) không có thuộc tính "${need.by}": khai báo trong attributes`,
              { unit: u.id, node: n.id },
            ),
          );
          continue;
        }
        value = u.attributes[need.by];
      }
      const key = `${typeof value}:${String(value)}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { value, members: [], without: [] }));
      if (has) g.members.push({ id: u.id, value: Exact.of(u.measures[need.measure]!.value) });
      else g.without.push(u.id);
    }
    for (const g of groups.values()) {
      const where =
        need.by === undefined
          ? { en: 'the units scored together', vi: 'các đơn vị cùng chấm' }
          : { en: `the units with ${need.by} = ${String(g.value)}`, vi: `các đơn vị có ${need.by} = ${String(g.value)}` };
      if (g.members.length < need.minPopulation) {
        const names = g.members.map((m) => m.id).join(', ') || '—';
        for (const m of g.members)
          issues.push(
            issue(
              'eval.population-alone',
              'error',
              [],
              `node ${n.id}: compares ${need.measure} with ${where.en}, but only ${g.members.length} of them give it (${names}; at least ${need.minPopulation} needed): a unit is not compared with itself — score it with its peers`,
              `tiêu chí ${n.id}: so sánh ${need.measure} với ${where.vi}, nhưng chỉ ${g.members.length} đơn vị có giá trị (${names}; cần ít nhất ${need.minPopulation}): không so sánh đơn vị với chính nó — chấm cùng các đơn vị khác`,
              { unit: m.id, node: n.id },
            ),
          );
        continue;
      }
      const sorted = g.members.map((m) => m.value).sort((a, b) => a.cmp(b));
      const members = Object.freeze(g.members.map((m) => m.id).sort(byId));
      const without = Object.freeze(g.without.slice().sort(byId));
      const shared = need.perUnit ? undefined : need.statistic(sorted, sorted[0]!);
      for (const m of g.members) {
        const rec: PopulationRecord = Object.freeze({
          value: shared ?? need.statistic(sorted, m.value),
          size: members.length,
          ...(need.by !== undefined ? { by: need.by, group: g.value } : {}),
          members,
          without,
        });
        let mine = byUnit.get(m.id);
        if (!mine) byUnit.set(m.id, (mine = new Map<string, PopulationRecord>()));
        mine.set(n.id, rec);
      }
    }
  }
  return { byUnit, issues };
}
