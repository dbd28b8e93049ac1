/**
 * Reconciling a published table with the score cards recomputed from the evidence: each difference of a field,
 * total, maximum, index, rank or band, traced to the nodes where it arises.
 * @module
 */
import type { Lang } from '../core/errors.js';
import { Exact } from '../core/exact.js';
import type { CriteriaSet } from '../criteria/load.js';
import type { NodeScore, ScoreCard, TraceNode } from '../engine/types.js';
import type { Ranked } from '../ranking/rank.js';
import { type PublishedDecision } from './decision.js';
import { foldUnitName, unitNameKey } from './printed.js';
import { contribution, exceeds, matchBand, numeric, rowBase, type Rules, show, tolOf, X } from './rules.js';
import type { Discrepancy, TracedNode } from './types.js';

function leavesOf(card: ScoreCard, fieldId: string): NodeScore[] {
  const under = card.nodes.filter((n) => n.id.startsWith(`${fieldId}.`));
  return under.filter((n) => !under.some((m) => m.id.startsWith(`${n.id}.`)));
}

function findTrace(nodes: readonly TraceNode[] | undefined, id: string): TraceNode | undefined {
  for (const n of nodes ?? []) {
    if (n.id === id) return n;
    if (id.startsWith(`${n.id}.`)) return findTrace(n.children, id);
  }
  return undefined;
}

function traced(card: ScoreCard, nodes: readonly NodeScore[]): TracedNode[] {
  const trace = card.trace;
  return nodes.map((n) => ({
    id: n.id,
    title: n.title,
    points: n.points,
    max: n.max,
    status: n.status,
    lost: findTrace(trace, n.id)?.lost ?? [],
  }));
}

function nodeList(nodes: readonly TracedNode[], lang: Lang): string {
  return nodes
    .map((n) => `${n.id} ${show(n.points, 2, lang)}/${show(n.max, 2, lang)}${n.status !== 'scored' ? ` (${n.status})` : ''}`)
    .join('; ');
}

/** Reconciles the table with recomputed, ranked cards. */
export function reconcile(
  d: PublishedDecision,
  rules: Rules,
  rows: readonly Ranked[],
  set: CriteriaSet | undefined,
  out: Discrepancy[],
): void {
  const cards = rows.map((r) => r.card);
  const placeOf = new Map(rows.map((r) => [r.card, r]));
  if (set && d.criteria && (d.criteria.id !== set.id || (d.criteria.version !== undefined && d.criteria.version !== set.version))) {
    out.push({
      kind: 'metadata',
      source: 'evidence',
      unit: null,
      cell: 'metadata',
      field: 'criteria',
      published: `${d.criteria.id} ${d.criteria.version ?? ''}`.trim(),
      expected: `${set.id} ${set.version}`,
      delta: null,
      message: `the decision applies criteria ${d.criteria.id} ${d.criteria.version ?? ''}, the recomputation used ${set.id} ${set.version}`,
      messageVi: `quyết định áp dụng bộ tiêu chí ${d.criteria.id} ${d.criteria.version ?? ''}, tính lại theo ${set.id} ${set.version}`,
    });
  }
  const year = cards[0]?.evidence.year;
  if (d.year !== undefined && year !== undefined && d.year !== year) {
    out.push({
      kind: 'metadata',
      source: 'evidence',
      unit: null,
      cell: 'metadata',
      field: 'year',
      published: d.year,
      expected: year,
      delta: d.year - year,
      message: `the decision scores ${d.year}, the evidence is of ${year}`,
      messageVi: `quyết định chấm năm ${d.year}, minh chứng là của năm ${year}`,
    });
  }
  const byId = new Map(cards.map((c) => [c.unit.id, c]));
  // Names match exactly (after NFC, case and the administrative prefix): a tone mark tells two units apart.
  // Folded names only suggest what a row probably meant.
  const byName = new Map<string, ScoreCard[]>();
  const byFolded = new Map<string, ScoreCard[]>();
  for (const c of cards) {
    byName.set(unitNameKey(c.unit.name), [...(byName.get(unitNameKey(c.unit.name)) ?? []), c]);
    byFolded.set(foldUnitName(c.unit.name), [...(byFolded.get(foldUnitName(c.unit.name)) ?? []), c]);
  }
  const used = new Set<string>();
  for (const r of d.rows) {
    const named = byName.get(unitNameKey(r.unit)) ?? [];
    const byRowId = r.unitId !== undefined ? byId.get(r.unitId) : undefined;
    const card = byRowId ?? (named.length === 1 ? named[0] : undefined);
    if (!card) {
      const like = named.length === 0 ? (byFolded.get(foldUnitName(r.unit)) ?? []) : [];
      const hint = like.length
        ? ` (the evidence has ${like.map((c) => `"${c.unit.name}" (${c.unit.id})`).join(', ')}: the name differs in its diacritics, so it is another name)`
        : '';
      const hintVi = like.length
        ? ` (minh chứng có ${like.map((c) => `"${c.unit.name}" (${c.unit.id})`).join(', ')}: tên khác dấu nên là tên khác)`
        : '';
      out.push({
        kind: 'unit-not-recomputed',
        source: 'evidence',
        ...rowBase(r),
        cell: 'unit',
        published: r.unit,
        expected: like.length === 1 ? like[0]!.unit.name : null,
        delta: null,
        message: `${r.unit}: no unit of the evidence matches this row${named.length > 1 ? ' (several share its name: print the unit id)' : ''}${hint}`,
        messageVi: `${r.unit}: không có đơn vị nào trong minh chứng khớp với dòng này${named.length > 1 ? ' (nhiều đơn vị trùng tên: in thêm mã đơn vị)' : ''}${hintVi}`,
      });
      continue;
    }
    if (byRowId && unitNameKey(r.unit) !== unitNameKey(card.unit.name))
      out.push({
        kind: 'unit-name-differs',
        source: 'evidence',
        ...rowBase(r),
        unitId: card.unit.id,
        cell: 'unit',
        published: r.unit,
        expected: card.unit.name,
        delta: null,
        message: `${r.unit} (${card.unit.id}): the decision prints the name "${r.unit}", the evidence names the unit "${card.unit.name}"`,
        messageVi: `${r.unit} (${card.unit.id}): quyết định ghi tên "${r.unit}", minh chứng ghi tên đơn vị là "${card.unit.name}"`,
      });
    used.add(card.unit.id);
    const base = { unit: r.unit, unitId: card.unit.id, row: r.row };
    for (const f of d.fields) {
      const p = r.fields[f.id];
      if (!p) continue;
      const cf = card.fields.find((x) => x.id === f.id);
      if (!cf) continue;
      const x = Exact.fromRatio(cf.exact) ?? Exact.of(cf.points);
      const tol = tolOf(p, rules);
      const block = rules.fieldInfo.get(f.id)?.block;
      if (!contribution(p, block).sub(x).abs().gt(tol)) continue;
      const nodes = traced(card, leavesOf(card, f.id));
      const shown = block === 'penalty' && X(p).sign() > 0 ? x.neg() : x;
      out.push({
        ...numeric(
          { kind: 'field-differs', source: 'evidence', ...base, cell: 'field', field: f.id },
          p,
          shown,
          tol,
          'half-up',
          (pp, e) => `${r.unit}: published field ${f.id} is ${pp}, recomputed ${e}; recomputed leaves of ${f.id}: ${nodeList(nodes, 'en')}`,
          (pp, e) =>
            `${r.unit}: lĩnh vực ${f.id} công bố ${pp}, tính lại ${e}; các tiêu chí của ${f.id} khi tính lại: ${nodeList(nodes, 'vi')}`,
        ),
        nodes,
      });
    }
    if (r.total) {
      const x = Exact.fromRatio(card.exact.total)!;
      const tol = tolOf(r.total, rules);
      if (exceeds(r.total, x, tol))
        out.push(
          numeric(
            { kind: 'total-differs', source: 'evidence', ...base, cell: 'total' },
            r.total,
            x,
            tol,
            'half-up',
            (p, e) => `${r.unit}: published total ${p}, recomputed ${e}`,
            (p, e) => `${r.unit}: tổng điểm công bố ${p}, tính lại ${e}`,
          ),
        );
    }
    if (r.max) {
      const x = Exact.fromRatio(card.exact.max)!;
      const tol = tolOf(r.max, rules);
      if (exceeds(r.max, x, tol)) {
        const nodes = traced(
          card,
          card.nodes.filter((n) => n.status === 'not-applicable' || n.status === 'shared'),
        );
        out.push({
          ...numeric(
            { kind: 'max-differs', source: 'evidence', ...base, cell: 'max' },
            r.max,
            x,
            tol,
            'half-up',
            (p, e) =>
              `${r.unit}: published maximum ${p}, recomputed ${e}${nodes.length ? `; not applicable or shared: ${nodes.map((n) => n.id).join(', ')}` : ''}`,
            (p, e) =>
              `${r.unit}: điểm tối đa công bố ${p}, tính lại ${e}${nodes.length ? `; không áp dụng hoặc chia điểm: ${nodes.map((n) => n.id).join(', ')}` : ''}`,
          ),
          nodes,
        });
      }
    }
    if (r.index && card.exact.index !== null) {
      const x = Exact.fromRatio(card.exact.index)!;
      const tol = tolOf(r.index, rules);
      if (exceeds(r.index, x, tol))
        out.push(
          numeric(
            { kind: 'index-differs', source: 'evidence', ...base, cell: 'index' },
            r.index,
            x,
            tol,
            rules.indexMode,
            (p, e) => `${r.unit}: published index ${p}, recomputed ${e}`,
            (p, e) => `${r.unit}: chỉ số công bố ${p}, tính lại ${e}`,
          ),
        );
    }
    const place = placeOf.get(card)!;
    if (r.rank && place.rank !== null) {
      const of = Number(place.rankOf!.split('/')[1]);
      if (r.rank.rank !== place.rank || (r.rank.of !== null && r.rank.of !== of)) {
        const exp = r.rank.of !== null ? place.rankOf : place.rank;
        out.push({
          kind: 'rank-differs',
          source: 'evidence',
          ...base,
          cell: 'rank',
          published: r.rank.of !== null ? r.rank.text : r.rank.rank,
          expected: exp,
          delta: r.rank.rank - place.rank,
          message: `${r.unit}: published rank ${r.rank.text}, recomputed ${place.rankOf}`,
          messageVi: `${r.unit}: thứ hạng công bố ${r.rank.text}, tính lại ${place.rankOf}`,
        });
      }
    }
    if (r.band && card.band && rules.bands) {
      const got = matchBand(rules.bands.levels, r.band);
      if (got?.id !== card.band.id)
        out.push({
          kind: 'band-differs',
          source: 'evidence',
          ...base,
          cell: 'band',
          published: r.band,
          expected: card.band.label,
          delta: null,
          message: `${r.unit}: published band "${r.band}", recomputed "${card.band.labelEn ?? card.band.label}"`,
          messageVi: `${r.unit}: xếp loại công bố "${r.band}", tính lại "${card.band.label}"`,
        });
    }
  }
  for (const c of cards) {
    if (used.has(c.unit.id)) continue;
    out.push({
      kind: 'unit-not-published',
      source: 'evidence',
      unit: c.unit.name,
      unitId: c.unit.id,
      cell: 'unit',
      published: null,
      expected: c.unit.name,
      delta: null,
      message: `${c.unit.name} (${c.unit.id}) is scored from the evidence but not printed in the decision`,
      messageVi: `${c.unit.name} (${c.unit.id}) được chấm từ minh chứng nhưng không có trong quyết định`,
    });
  }
}
