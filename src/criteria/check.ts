/**
 * Semantic checks of a criteria set (kiểm tra bộ tiêu chí): what the schema alone cannot see.
 * @module
 */
import { Exact } from '../core/exact.js';
import { formatPath, issue, ISSUE_CODES, type Issue, type IssueCode, type PathSegment } from '../core/errors.js';
import type { CompileResult } from '../formula/compile.js';
import type { FormulaLimits } from '../formula/limits.js';
import { checkRanges } from '../rules/common.js';
import { ruleKind } from '../rules/registry.js';
import type { ListDecl, MeasureDecl, SurveyDecl } from '../rules/types.js';
import {
  effectiveOf,
  hasPart,
  ProvenanceCollector,
  type EffectiveProvenance,
  type NodeProvenance,
  type ProvenanceReport,
} from './provenance.js';
import { ACKNOWLEDGEABLE_CODES, type AcknowledgedFinding, type CriteriaNode, type CriteriaSetData } from './schema.js';
import { maxBeyondPrecision } from './precision.js';
import { listDecls, maxContribution, measureDecls, ruleContext, surveyDecls, walk, type LocatedNode } from './tree.js';
import { pushAll } from '../core/lists.js';
import { checkConditions } from './check-conditions.js';

/** Runs every semantic check. Returns errors and warnings; never throws. */
export function checkSemantics(data: CriteriaSetData, file?: string, formulaLimits?: FormulaLimits): Issue[] {
  const out: Issue[] = [];
  const err = (code: Parameters<typeof issue>[0], path: readonly PathSegment[], en: string, vi: string, node?: string) =>
    out.push(issue(code, 'error', path, en, vi, { file, node }));
  const warn = (code: Parameters<typeof issue>[0], path: readonly PathSegment[], en: string, vi: string, node?: string) =>
    out.push(issue(code, 'warning', path, en, vi, { file, node }));
  const draft = data.status === 'draft';
  const measures = measureDecls(data);
  const surveys = surveyDecls(data);
  const lists = listDecls(data);
  const seen = new Map<string, readonly PathSegment[]>();
  const printed = new Map<string, { id: string; path: readonly PathSegment[] }>();
  const formulas = new Map<string, CompileResult>();

  for (const loc of walk(data.tree)) {
    const { node, path } = loc;
    const prev = seen.get(node.id);
    if (prev)
      err(
        'criteria.duplicate-id',
        [...path, 'id'],
        `duplicate id "${node.id}" (also at ${prev.join('.')})`,
        `mã "${node.id}" bị trùng (đã có ở ${prev.join('.')})`,
        node.id,
      );
    else seen.set(node.id, path);
    // Ids are unique; the numbers a decision prints need not be. A number printed twice is the decision's own
    // flaw: reported so that the set says, by acknowledging it, that it keeps the number as printed.
    const number = node.printedId ?? node.id;
    const twin = printed.get(number);
    if (twin && !prev)
      err(
        'criteria.duplicate-printed-id',
        [...path, node.printedId !== undefined ? 'printedId' : 'id'],
        `criterion "${node.id}" is printed with the number "${number}", as is "${twin.id}" (${formatPath(twin.path)})`,
        `tiêu chí "${node.id}" được in số "${number}", trùng với tiêu chí "${twin.id}" (${formatPath(twin.path)})`,
        node.id,
      );
    else if (!twin) printed.set(number, { id: node.id, path });

    if (loc.parent && !loc.parent.node.block && !node.id.startsWith(`${loc.parent.node.id}.`)) {
      warn(
        'criteria.id-numbering',
        [...path, 'id'],
        `id "${node.id}" does not continue its parent's numbering "${loc.parent.node.id}."`,
        `mã "${node.id}" không theo số thứ tự của tiêu chí cha "${loc.parent.node.id}."`,
        node.id,
      );
    }

    const isLeaf = !node.children || node.children.length === 0;
    if (node.block) {
      if (isLeaf)
        err(
          'criteria.leaf-without-rule',
          path,
          `block "${node.id}" needs children that score its points`,
          `khối "${node.id}" cần các tiêu chí con để tính điểm`,
          node.id,
        );
      if (node.rule)
        err(
          'criteria.parent-with-rule',
          [...path, 'rule'],
          'a block has no rule of its own: its children score',
          'khối điểm không có quy tắc riêng: điểm do các tiêu chí con tính',
          node.id,
        );
      if (node.max !== undefined)
        err(
          'schema.invalid-value',
          [...path, 'max'],
          'a block has no max: its cap says how much it can add or subtract',
          'khối điểm không khai báo max: mức trần (cap) quy định điểm cộng/trừ tối đa',
          node.id,
        );
      const sum = (node.children ?? []).reduce((s, c) => s + (c.max ?? 0), 0);
      if (sum < node.block.cap)
        warn(
          'criteria.block-cap',
          [...path, 'block', 'cap'],
          `the children can give at most ${sum}, less than the cap ${node.block.cap}`,
          `các tiêu chí con cho tối đa ${sum}, thấp hơn mức trần ${node.block.cap}`,
          node.id,
        );
    } else if (node.max === undefined) {
      if (!draft)
        err(
          'schema.required',
          [...path, 'max'],
          "max (the node's maximum points) is required",
          'cần max (điểm tối đa của tiêu chí)',
          node.id,
        );
    }

    if (isLeaf && !node.block) {
      if (!node.rule) {
        if (!draft)
          err(
            'criteria.leaf-without-rule',
            path,
            `leaf "${node.id}" has no rule: say how its points are found`,
            `tiêu chí "${node.id}" chưa có quy tắc chấm điểm`,
            node.id,
          );
      } else {
        checkRule(node, loc, measures, surveys, file, out, draft, formulaLimits, formulas, lists);
      }
    } else if (!isLeaf && node.rule) {
      err(
        'criteria.parent-with-rule',
        [...path, 'rule'],
        `"${node.id}" has children, so its points are their sum: remove its rule`,
        `"${node.id}" có tiêu chí con nên điểm là tổng điểm con: bỏ quy tắc`,
        node.id,
      );
    }

    const beyond = maxBeyondPrecision(node, path, data.rounding.precision, file);
    if (beyond) out.push(beyond);
    if (!isLeaf && !node.block && node.max !== undefined) {
      const parts = node.children.map(maxContribution);
      if (parts.every((p): p is number => p !== undefined)) {
        const sum = parts.reduce((s, p) => s.add(Exact.of(p)), Exact.ZERO);
        if (!sum.eq(Exact.of(node.max))) {
          err(
            'criteria.max-mismatch',
            [...path, 'max'],
            `max is ${node.max} but its children add up to ${sum.toString()}`,
            `điểm tối đa là ${node.max} nhưng tổng điểm tối đa các tiêu chí con là ${sum.toString()}`,
            node.id,
          );
        }
      }
    }
  }

  const reach = reachable(data);
  if (data.total !== undefined && reach && !reach.fieldMax.eq(Exact.of(data.total))) {
    err(
      'criteria.total-mismatch',
      ['total'],
      `the set declares a total of ${data.total} points but its fields' maxima add up to ${reach.fieldMax.toString()}`,
      `bộ tiêu chí khai báo tổng ${data.total} điểm nhưng tổng điểm tối đa các lĩnh vực là ${reach.fieldMax.toString().replace('.', ',')}`,
    );
  }
  if (data.bands) {
    // Every value the index (or total) can reach must fall in a band: bonus blocks reach above 100 %, penalty
    // blocks below 0. A draft's maxima are unknown, so only its nominal range is checked.
    const ofTotal = data.bands.of === 'total';
    const nominal = { min: 0, max: ofTotal ? (reach?.fieldMax.toNumber() ?? 100) : 100 };
    const domain = reach && !draft ? (ofTotal ? reach.total : reach.index) : nominal;
    pushAll(out, [
      ...checkRanges(
        data.bands.levels,
        { min: Math.min(nominal.min, domain.min), max: Math.max(nominal.max, domain.max) },
        (code, i, en, vi) =>
          issue(
            code,
            'error',
            ['bands', 'levels', i],
            `band "${data.bands!.levels[i]!.id}": ${en}`,
            `xếp loại "${data.bands!.levels[i]!.label}": ${vi}`,
            { file },
          ),
      ),
    ]);
    const ids = new Set<string>();
    data.bands.levels.forEach((b, i) => {
      if (ids.has(b.id))
        err('criteria.duplicate-id', ['bands', 'levels', i, 'id'], `duplicate band id "${b.id}"`, `mã xếp loại "${b.id}" bị trùng`);
      ids.add(b.id);
    });
  }

  data.ranking.tieBreak.forEach((tb, i) => {
    if (tb.by === 'node' && !seen.has(tb.id))
      err(
        'criteria.tie-break',
        ['ranking', 'tieBreak', i, 'id'],
        `tie-break node "${tb.id}" is not in the tree`,
        `tiêu chí phụ "${tb.id}" để xếp hạng khi bằng điểm không có trong bộ tiêu chí`,
      );
  });

  for (const [id, m] of Object.entries(data.measures)) {
    if (m.min !== undefined && m.max !== undefined && m.min > m.max)
      err('criteria.threshold-range', ['measures', id], `min ${m.min} is above max ${m.max}`, `min ${m.min} lớn hơn max ${m.max}`);
  }
  for (const [id, l] of Object.entries(data.lists ?? {}))
    for (const [f, m] of Object.entries(l.fields))
      if (m.min !== undefined && m.max !== undefined && m.min > m.max)
        err(
          'criteria.threshold-range',
          ['lists', id, 'fields', f],
          `min ${m.min} is above max ${m.max}`,
          `min ${m.min} lớn hơn max ${m.max}`,
        );
  pushAll(out, checkAssumptionTargets(data, file));
  pushAll(out, checkConditions(data, file));
  return out;
}

/**
 * What a set's points can reach: the fields' maxima added up (bonus blocks outside the maximum and penalty blocks
 * count 0, as in a parent's max), and the range of the total and of the index once every bonus is won and every
 * penalty taken, all nodes applicable. Undefined when a maximum is missing (a draft) or adds up to 0.
 */
function reachable(
  data: CriteriaSetData,
): { fieldMax: Exact; total: { min: number; max: number }; index: { min: number; max: number } } | undefined {
  const parts = data.tree.map(maxContribution);
  if (!parts.every((p): p is number => p !== undefined)) return undefined;
  const fieldMax = parts.reduce((s, p) => s.add(Exact.of(p)), Exact.ZERO);
  if (fieldMax.sign() <= 0) return undefined;
  let bonus = Exact.ZERO;
  let penalty = Exact.ZERO;
  for (const { node } of walk(data.tree)) {
    if (node.block?.kind === 'bonus' && !node.block.withinMax) bonus = bonus.add(Exact.of(node.block.cap));
    if (node.block?.kind === 'penalty') penalty = penalty.add(Exact.of(node.block.cap));
  }
  const pct = (x: Exact) => x.div(fieldMax).mul(Exact.HUNDRED).toNumber();
  return {
    fieldMax,
    total: { min: penalty.neg().toNumber(), max: fieldMax.add(bonus).toNumber() },
    index: { min: pct(penalty.neg()), max: pct(fieldMax.add(bonus)) },
  };
}

/** Every `provenance` of a set with where it sits and what its `assumptions[].at` are relative to. */
function* provenances(
  data: CriteriaSetData,
): Generator<{ p: NodeProvenance; path: readonly PathSegment[]; owner: unknown; node?: string }> {
  if (data.provenance) yield { p: data.provenance, path: ['provenance'], owner: data };
  if (data.rounding.provenance) yield { p: data.rounding.provenance, path: ['rounding', 'provenance'], owner: data.rounding };
  if (data.bands?.provenance) yield { p: data.bands.provenance, path: ['bands', 'provenance'], owner: data.bands };
  if (data.ranking.provenance) yield { p: data.ranking.provenance, path: ['ranking', 'provenance'], owner: data.ranking };
  for (const [id, m] of Object.entries(data.measures))
    if (m.provenance) yield { p: m.provenance, path: ['measures', id, 'provenance'], owner: m };
  for (const loc of walk(data.tree))
    if (loc.node.provenance) yield { p: loc.node.provenance, path: [...loc.path, 'provenance'], owner: loc.node, node: loc.node.id };
}

/**
 * An assumption must name a part its node or entry has (`rule.whenBaseZero` on a node whose rule has one), so
 * that a reader, and a later amendment, can find what is assumed.
 */
function checkAssumptionTargets(data: CriteriaSetData, file: string | undefined): Issue[] {
  const out: Issue[] = [];
  for (const { p, path, owner, node } of provenances(data)) {
    if (typeof p === 'string') continue;
    (p.assumptions ?? []).forEach((a, i) => {
      if (!hasPart(owner, a.at)) {
        out.push(
          issue(
            'schema.invalid-value',
            'error',
            [...path, 'assumptions', i, 'at'],
            `the assumption is about "${a.at}", which ${node !== undefined ? `node "${node}"` : 'this entry'} does not have`,
            `giả định nói về "${a.at}" nhưng ${node !== undefined ? `tiêu chí "${node}"` : 'mục này'} không có phần đó`,
            { file, node },
          ),
        );
      }
    });
  }
  return out;
}

/**
 * What a criteria set says about its own certainty: every assumption it declares (a node, a measure or a rule
 * of the set whose provenance is `assumed`, every entry of an `assumptions` list, every node marked with the
 * one-word `unverified` or `illustrative`), the nodes that declare no provenance (own or inherited), and the
 * nodes marked `official` without a legal reference. Provenance is inherited down the tree.
 *
 * @example
 * ```ts
 * const r = criteriaProvenance(set, 'criteria/national/766-2022.yaml');
 * r.assumptions.map((a) => `${a.label} ${a.at ?? ''}`); // ['set measures', 'rounding mode', '1.1 rule.whenBaseZero', …] (22)
 * ```
 */
export function criteriaProvenance(data: CriteriaSetData, file?: string): ProvenanceReport {
  const c = new ProvenanceCollector();
  const setEff = data.provenance ? effectiveOf(data.provenance, ['provenance']) : undefined;
  // The set-level provenance covers the set's own description and every node and entry that inherits it.
  const inherits = (n: CriteriaNode): number => (n.provenance ? 0 : 1 + (n.children ?? []).reduce((s, k) => s + inherits(k), 0));
  const setCovers = 1 + data.tree.reduce((s, n) => s + inherits(n), 0);
  c.declared(data.provenance, setEff, [], 'set', setCovers);
  const entry = (p: NodeProvenance | undefined, path: readonly PathSegment[], label: string) => {
    const eff = p ? effectiveOf(p, [...path, 'provenance']) : setEff;
    c.declared(p, eff, path, label, 1);
  };
  entry(data.rounding.provenance, ['rounding'], 'rounding');
  if (data.bands) entry(data.bands.provenance, ['bands'], 'bands');
  entry(data.ranking.provenance, ['ranking'], 'ranking');
  for (const [id, m] of Object.entries(data.measures)) entry(m.provenance, ['measures', id], `measures.${id}`);

  const visit = (
    nodes: readonly CriteriaNode[],
    path: readonly PathSegment[],
    inherited: EffectiveProvenance | undefined,
    legal: readonly string[],
  ) => {
    nodes.forEach((n, i) => {
      const here = [...path, i];
      const refs = n.legal.length ? n.legal.map((l) => (l.article ? `${l.ref}, ${l.article}` : l.ref)) : legal;
      const eff = n.provenance ? effectiveOf(n.provenance, [...here, 'provenance'], refs) : inherited;
      c.declared(n.provenance, eff, here, n.id, n.provenance ? 1 + (n.children ?? []).reduce((s, k) => s + inherits(k), 0) : 0);
      c.entry(eff, here, n.id);
      if (n.children) visit(n.children, [...here, 'children'], eff, refs);
    });
  };
  visit(data.tree, ['tree'], setEff, []);
  return c.report('set', file);
}

function checkRule(
  node: CriteriaNode,
  loc: LocatedNode,
  measures: Map<string, MeasureDecl>,
  surveys: Map<string, SurveyDecl>,
  file: string | undefined,
  out: Issue[],
  draft: boolean,
  formulaLimits: FormulaLimits | undefined,
  formulas: Map<string, CompileResult>,
  lists: ReadonlyMap<string, ListDecl>,
): void {
  const rule = node.rule!;
  const kind = ruleKind(rule.kind);
  const rulePath = [...loc.path, 'rule'];
  if (!kind) {
    out.push(
      issue(
        'criteria.unknown-rule-kind',
        'error',
        [...rulePath, 'kind'],
        `unknown rule kind "${rule.kind}"`,
        `loại quy tắc "${rule.kind}" không tồn tại`,
        { file, node: node.id },
      ),
    );
    return;
  }
  const reads = kind.reads(rule);
  for (const m of reads.measures ?? []) {
    if (!measures.has(m)) {
      out.push(
        issue(
          'criteria.undeclared-measure',
          'error',
          rulePath,
          `the rule reads measure "${m}", which is not declared under measures`,
          `quy tắc đọc chỉ số "${m}" chưa được khai báo trong measures`,
          { file, node: node.id },
        ),
      );
    }
  }
  for (const s of reads.surveys ?? []) {
    if (!surveys.has(s)) {
      out.push(
        issue(
          'criteria.undeclared-survey',
          'error',
          rulePath,
          `the rule reads survey index "${s}", which is not declared under surveys`,
          `quy tắc đọc chỉ số khảo sát "${s}" chưa được khai báo trong surveys`,
          { file, node: node.id },
        ),
      );
    }
  }
  if (node.max === undefined) {
    if (!draft) return;
    return;
  }
  const ctx = ruleContext(node, loc, measures, surveys, file, formulaLimits, formulas, lists);
  pushAll(out, kind.check(rule, ctx));
}

/**
 * Applies a set's `acknowledged` entries to the findings of its checks: a finding an entry matches (same code,
 * same node — or none for both —, and the same path when the entry gives `at`) leaves the issues for the
 * acknowledged list. An entry that matches nothing is an error, so that a stale acknowledgement cannot hide a
 * later finding; so is one whose code cannot be acknowledged.
 */
export function acknowledge(
  data: CriteriaSetData,
  issues: readonly Issue[],
  file: string | undefined,
): { issues: Issue[]; acknowledged: AcknowledgedFinding[] } {
  const left = issues.slice();
  const acknowledged: AcknowledgedFinding[] = [];
  const errors: Issue[] = [];
  (data.acknowledged ?? []).forEach((a, i) => {
    const bad = (en: string, vi: string, at: PathSegment) =>
      errors.push(issue('criteria.acknowledgement', 'error', ['acknowledged', i, at], en, vi, { file, node: a.node }));
    if (!(ISSUE_CODES as readonly string[]).includes(a.code)) {
      bad(`"${a.code}" is not a code check reports`, `"${a.code}" không phải mã lỗi mà bước kiểm tra báo`, 'code');
      return;
    }
    if (!ACKNOWLEDGEABLE_CODES.includes(a.code as IssueCode)) {
      bad(
        `a "${a.code}" finding cannot be acknowledged: it says the file cannot be scored as written, not what the decision prints (acknowledgeable: ${ACKNOWLEDGEABLE_CODES.join(', ')})`,
        `không thể ghi nhận lỗi "${a.code}": lỗi này cho biết tệp không chấm điểm được như đã viết, không phải điều quyết định in ra (ghi nhận được: ${ACKNOWLEDGEABLE_CODES.join(', ')})`,
        'code',
      );
      return;
    }
    let matched = 0;
    for (let k = 0; k < left.length; k++) {
      const f = left[k]!;
      if (f.code !== a.code || f.node !== a.node || (a.at !== undefined && formatPath(f.path) !== a.at)) continue;
      acknowledged.push(Object.freeze({ ...f, reason: a.reason, ...(a.reasonEn !== undefined ? { reasonEn: a.reasonEn } : {}) }));
      left.splice(k--, 1);
      matched++;
    }
    if (matched === 0)
      bad(
        `no "${a.code}" finding${a.node !== undefined ? ` on node "${a.node}"` : ' about the whole set'}${a.at !== undefined ? ` at ${a.at}` : ''} to acknowledge: remove the entry (a stale acknowledgement would hide a later finding)`,
        `không có lỗi "${a.code}"${a.node !== undefined ? ` ở tiêu chí "${a.node}"` : ' về cả bộ tiêu chí'}${a.at !== undefined ? ` tại ${a.at}` : ''} để ghi nhận: hãy bỏ mục này (ghi nhận cũ có thể che một lỗi mới)`,
        'node',
      );
  });
  return { issues: pushAll(left, errors), acknowledged };
}
