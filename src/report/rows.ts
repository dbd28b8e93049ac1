/**
 * Results as flat row tables (bảng dữ liệu phẳng): one row per unit, per unit × field, per trace node, per
 * warning — plain objects with scalar values, ready for a data-frame library (Danfo, Arquero, Polars via
 * JSON, pandas via CSV) or a spreadsheet. The same results laid out as a district office's spreadsheet are
 * `office-tables.ts`.
 *
 * Pure: no Node built-ins. Every function returns new frozen arrays and never mutates the cards.
 * @module
 */
import { formatPath, issue, ParIndexError, type Issue, type Lang } from '../core/errors.js';
import { Exact } from '../core/exact.js';
import { fmt, pick } from '../core/text.js';
import type { NodeScore, ScoreCard, TraceNode } from '../engine/types.js';
import type { TraceInput } from '../engine/view.js';
import type { Ranked, Ranking } from '../ranking/rank.js';
import { L, statusText } from './format.js';
import { csvCell } from './table.js';
import { SourceIds } from '../engine/trace-sources.js';

/**
 * One unit's result as a flat row.
 *
 * @example `unitRows(ranking)[0] // { rank: 1, rankOf: '1/11', unitId: 'nhu-quynh', unitName: 'Như Quỳnh', total: 95.41, … }`
 */
export interface UnitRow {
  /** Rank (thứ hạng), or null when the unit has no index (or a score file gave it none). */
  readonly rank: number | null;
  /** "k/N", as printed in the ranked table. */
  readonly rankOf: string | null;
  /** The unit's id (mã đơn vị) as the evidence gives it. */
  readonly unitId: string;
  /** The unit's name (tên đơn vị). */
  readonly unitName: string;
  /** The unit's kind (xã, thị trấn, phòng…), or null. */
  readonly kind: string | null;
  /** The parent unit's id, or null. */
  readonly parent: string | null;
  /** Total points (tổng điểm), rounded as the criteria set declares. */
  readonly total: number;
  /** The applicable maximum (tổng điểm tối đa áp dụng). */
  readonly max: number;
  /** The maximum of the whole set, before not-applicable nodes. */
  readonly fullMax: number;
  /** total ÷ max × 100 as declared (chỉ số), or null when no node applies. */
  readonly index: number | null;
  /** The band's id (xếp loại), or null. */
  readonly bandId: string | null;
  /** The band's label in the chosen language, or null. */
  readonly band: string | null;
  /** The exact total ("n/d"). */
  readonly exactTotal: string;
  /** Leaves scored 0 for missing evidence. */
  readonly missing: number;
  /** How many warnings the unit's card carries (see {@link warningRows}). */
  readonly warnings: number;
  /** The criteria set's id, version and content hash: which rules produced the row. */
  readonly criteriaId: string;
  /** The criteria set's version. */
  readonly criteriaVersion: string;
  /** The criteria set's content hash (`sha256:…`). */
  readonly criteriaHash: string;
  /** The evidence year. */
  readonly year: number;
  /** The evidence hash (`sha256:…`). */
  readonly evidenceHash: string;
}

/**
 * One unit's points in one field (lĩnh vực) as a flat row: the long format a heatmap or a pivot reads.
 *
 * @example `fieldRows(ranking).filter((r) => r.fieldId === '3') // 11 rows, one per commune`
 */
export interface FieldRow {
  /** The unit's rank, or null. */
  readonly rank: number | null;
  /** The unit's id. */
  readonly unitId: string;
  /** The unit's name. */
  readonly unitName: string;
  /** The field's id, as the decision numbers it ("3"). */
  readonly fieldId: string;
  /** The field's title. */
  readonly fieldTitle: string;
  /** Points in the field, as printed. */
  readonly points: number;
  /** The field's applicable maximum; for a bonus or penalty block, 0 (see `cap`). */
  readonly max: number;
  /** The maximum the decision prints for the field. */
  readonly fullMax: number;
  /**
   * Points as a share of the field's applicable maximum, in %, exact then rounded half-up to 2 decimals; for a
   * bonus or penalty block, of its cap (negative for a penalty); null when the field has no applicable maximum.
   */
  readonly percent: number | null;
  /** For a bonus or penalty block: `bonus` or `penalty`; otherwise null. */
  readonly block: 'bonus' | 'penalty' | null;
  /** For a block: how much it can add or subtract; otherwise null. */
  readonly cap: number | null;
  /** How the field came out (scored, not applicable…). */
  readonly status: string;
}

/**
 * One node of one unit's trace as a flat row: every criterion and sub-criterion with its points, rule, inputs
 * and why points were lost.
 *
 * @example `traceRows(cards).find((r) => r.unitId === 'lac-dao' && r.nodeId === '3.2.1')?.lostPoints`
 */
export interface TraceRow {
  /** The unit's id. */
  readonly unitId: string;
  /** The unit's name. */
  readonly unitName: string;
  /** The node's id, as the decision numbers it ("2.3.1"). */
  readonly nodeId: string;
  /** The parent node's id, or null for a field. */
  readonly parentId: string | null;
  /** 1 for a field, 2 for a criterion, 3 for a sub-criterion… */
  readonly depth: number;
  /** The node's title in the chosen language (Vietnamese when no English title is given). */
  readonly title: string;
  /** Points, as printed. */
  readonly points: number;
  /** The exact points ("n/d"). */
  readonly exact: string;
  /** The applicable maximum. */
  readonly max: number;
  /** The maximum the decision prints. */
  readonly fullMax: number;
  /** Points lost (max − points). */
  readonly lostPoints: number;
  /** The status in words, in the chosen language. */
  readonly status: string;
  /** The rule kind of a leaf (rate, task, deduction…), or null for a parent. */
  readonly rule: string | null;
  /** The legal basis, "ref, article" joined by "; ". */
  readonly legal: string;
  /** Every input the rule read with its provenance, joined by " | ". */
  readonly inputs: string;
  /** The arithmetic, step by step, joined by " | ". */
  readonly steps: string;
  /** Why points were lost, joined by "; ". */
  readonly lost: string;
  /** Warnings on the node, joined by "; ". */
  readonly warnings: string;
}

/**
 * One warning of one unit's card as a flat row.
 *
 * @example `warningRows(cards, 'en').map((w) => `${w.unitId}: ${w.message}`)`
 */
export interface WarningRow {
  /** The unit's id. */
  readonly unitId: string;
  /** The unit's name. */
  readonly unitName: string;
  /** The issue code (a stable id that tests and apps may match on). */
  readonly code: string;
  /** `warning` or `error`. */
  readonly severity: string;
  /** The node concerned, or null. */
  readonly node: string | null;
  /** The file and the path inside it, as `file: path`, or null. */
  readonly where: string | null;
  /** The message in the chosen language. */
  readonly message: string;
}

/** The band's label in the language asked for (the office tables print it too). */
export function bandLabel(c: ScoreCard, lang: Lang): string | null {
  if (!c.band) return null;
  return lang === 'en' && c.band.labelEn ? c.band.labelEn : c.band.label;
}

/**
 * A node's points as a share of a maximum, in %, computed exactly and rounded half-up to 2 decimals, so the
 * same card gives the same percent on every machine.
 */
function percentOf(exact: string, of: string): number | null {
  const x = Exact.fromRatio(exact);
  const m = Exact.fromRatio(of);
  if (!x || !m || m.isZero()) return null;
  return x.mul(Exact.HUNDRED).div(m).round(2, 'half-up').toNumber();
}

/**
 * One row per unit, in the ranking's order.
 *
 * @example
 * ```ts
 * const rows = unitRows(rank(evaluate(set, evidence), set.ranking), 'vi');
 * rows.map((r) => `${r.rankOf} ${r.unitName} ${r.index}`);
 * ```
 */
export function unitRows(ranking: Ranking, lang: Lang = 'vi'): readonly UnitRow[] {
  return Object.freeze(
    ranking.rows.map(({ card: c, rank, rankOf }) =>
      Object.freeze({
        rank,
        rankOf,
        unitId: c.unit.id,
        unitName: c.unit.name,
        kind: c.unit.kind ?? null,
        parent: c.unit.parent ?? null,
        total: c.total,
        max: c.max,
        fullMax: c.fullMax,
        index: c.index,
        bandId: c.band?.id ?? null,
        band: bandLabel(c, lang),
        exactTotal: c.exact.total,
        missing: c.missing,
        warnings: c.warnings.length,
        criteriaId: c.criteria.id,
        criteriaVersion: c.criteria.version,
        criteriaHash: c.criteria.hash,
        year: c.evidence.year,
        evidenceHash: c.evidence.hash,
      }),
    ),
  );
}

function fieldRow({ card: c, rank }: Ranked, f: NodeScore, lang: Lang): FieldRow {
  const cap = f.block ? f.block.cap : null;
  const percent = f.block ? percentOf(f.exact, String(f.block.cap)) : percentOf(f.exact, f.exactMax);
  return Object.freeze({
    rank,
    unitId: c.unit.id,
    unitName: c.unit.name,
    fieldId: f.id,
    fieldTitle: f.title,
    points: f.points,
    max: f.max,
    fullMax: f.fullMax,
    percent,
    block: f.block?.kind ?? null,
    cap,
    status: statusText(f.status, lang),
  });
}

/**
 * One row per unit × field, unit by unit in the ranking's order, fields in the decision's order.
 *
 * @example
 * ```ts
 * const rows = fieldRows(rank(cards, set.ranking));
 * rows.filter((r) => r.fieldId === '3').map((r) => [r.unitName, r.points, r.percent]);
 * ```
 */
export function fieldRows(ranking: Ranking, lang: Lang = 'vi'): readonly FieldRow[] {
  return Object.freeze(ranking.rows.flatMap((r) => r.card.fields.map((f) => fieldRow(r, f, lang))));
}

/**
 * One input the trace shows, as one line of text in the chosen language (the same words as the explanation).
 *
 * @example `inputLabel({ kind: 'measure', id: 'dossiers.onTime', value: 98, exact: '98', source: 'Một cửa' }, 'en') // "dossiers.onTime = 98 (source: Một cửa)"`
 */
export function inputLabel(i: TraceInput, lang: Lang = 'vi', ids: SourceIds = new SourceIds()): string {
  const vi = lang === 'vi';
  const n = (x: number) => (vi ? String(x).replace('.', ',') : String(x));
  // A long source is written once per document ("[S1] …"), then cited by its id (engine/trace-sources.ts).
  const src = (s: string) => ` (${vi ? 'nguồn' : 'source'}: ${ids.cite(s)})`;
  switch (i.kind) {
    case 'measure':
      return `${i.id} = ${n(i.value)}${src(i.source)}`;
    case 'task':
      return `${vi ? 'nhiệm vụ' : 'task'} ${i.id}: ${i.done === null ? (vi ? 'chưa thực hiện' : 'not done') : `${vi ? 'hoàn thành' : 'done'} ${i.done}`}${i.deadline ? `, ${vi ? 'hạn' : 'deadline'} ${i.deadline}` : ''}${src(i.source)}`;
    case 'appraisal': {
      const parts = [
        i.self !== undefined ? `${vi ? 'tự chấm' : 'self'} ${n(i.self)}` : '',
        i.round1 !== undefined ? `${vi ? 'thẩm định lần 1' : 'round 1'} ${n(i.round1)}` : '',
        i.explanation !== undefined ? `${vi ? 'giải trình' : 'explanation'}: "${i.explanation}"` : '',
        i.round2 !== undefined ? `${vi ? 'thẩm định lần 2' : 'round 2'} ${n(i.round2)}` : '',
      ].filter(Boolean);
      return `${vi ? 'thẩm định' : 'appraisal'} ${i.id}: ${parts.join('; ')}${src(i.source)}`;
    }
    case 'survey':
      return `${vi ? 'khảo sát' : 'survey'} ${i.id} = ${n(i.value)}%${i.n !== undefined ? `, n = ${i.n}` : ''}${src(i.source)}`;
    case 'findings':
      return i.findings.length === 0
        ? vi
          ? `không có phát hiện kiểm tra cho ${i.id}`
          : `no inspection findings for ${i.id}`
        : `${vi ? 'phát hiện kiểm tra' : 'inspection findings'} ${i.id}: ${i.findings.map((f) => `${f.id} (${ids.cite(f.source)})`).join(', ')}`;
    case 'population': {
      const group = i.by !== undefined ? `, ${i.by} = ${String(i.group)}` : '';
      // A large population is named by its first units; the trace's input keeps every id.
      const ids = (xs: readonly string[]) => (xs.length <= 20 ? xs.join(', ') : `${xs.slice(0, 20).join(', ')} … (+${xs.length - 20})`);
      return `${vi ? 'nhóm so sánh' : 'population'} ${i.id}: ${i.size} ${vi ? 'đơn vị' : 'units'}${group} (${ids(i.members)}) → ${n(i.value)}${i.without.length ? `; ${vi ? 'không có giá trị' : 'without a value'}: ${ids(i.without)}` : ''}`;
    }
    case 'list':
      return i.items.length === 0
        ? vi
          ? `danh sách ${i.id}: không có mục nào`
          : `list ${i.id}: no items`
        : `${vi ? 'danh sách' : 'list'} ${i.id}: ${i.items
            .map(
              (it) =>
                `${it.id}${it.title !== undefined ? ` ${it.title}` : ''} (${Object.entries(it.values)
                  .map(([f, x]) => `${f} = ${fmt(Exact.fromRatio(x)!, lang)}`)
                  .concat(ids.cite(it.source))
                  .join('; ')})`,
            )
            .join(', ')}`;
    case 'missing':
      return `${i.what} ${i.id}: ${L('missing', lang)}`;
  }
}

/**
 * The legal basis of a trace node as one line.
 *
 * @example `legalLabel(card.trace![0]!) // "Quyết định …/QĐ-UBND, Phụ lục I"`
 */
export function legalLabel(t: TraceNode): string {
  return t.legal.map((l) => [l.ref, l.article].filter(Boolean).join(', ')).join('; ');
}

/**
 * Throws when a card was evaluated without its trace: trace rows cannot be made up from points alone.
 *
 * @example `requireTrace(evaluate(set, evidence, { trace: false })) // throws ParIndexError (usage.invalid)`
 */
export function requireTrace(cards: readonly ScoreCard[]): void {
  const without = cards.filter((c) => c.trace === undefined).map((c) => c.unit.id);
  if (without.length === 0) return;
  throw new ParIndexError([
    issue(
      'usage.invalid',
      'error',
      [],
      `these cards have no trace (evaluate them with { trace: true }): ${without.join(', ')}`,
      `các phiếu điểm này không có diễn giải (chấm với { trace: true }): ${without.join(', ')}`,
    ),
  ]);
}

/**
 * One row per trace node of every unit, depth-first in the decision's order. Throws {@link ParIndexError}
 * (`usage.invalid`) when a card has no trace, rather than returning fewer rows than there are nodes.
 *
 * @example
 * ```ts
 * const rows = traceRows(evaluate(set, evidence, { trace: true }), 'en');
 * rows.filter((r) => r.lostPoints > 0).map((r) => `${r.unitId} ${r.nodeId}: ${r.lost}`);
 * ```
 */
export function traceRows(cards: readonly ScoreCard[], lang: Lang = 'vi'): readonly TraceRow[] {
  const ids = new SourceIds();
  requireTrace(cards);
  const out: TraceRow[] = [];
  const walk = (c: ScoreCard, t: TraceNode, parent: string | null) => {
    out.push(
      Object.freeze({
        unitId: c.unit.id,
        unitName: c.unit.name,
        nodeId: t.id,
        parentId: parent,
        depth: t.depth,
        title: lang === 'en' && t.titleEn ? t.titleEn : t.title,
        points: t.points,
        exact: t.exact,
        max: t.max,
        fullMax: t.fullMax,
        lostPoints: t.lostPoints,
        status: statusText(t.status, lang),
        rule: t.rule?.kind ?? null,
        legal: legalLabel(t),
        inputs: t.inputs.map((i) => inputLabel(i, lang, ids)).join(' | '),
        steps: t.steps.map((s) => `${pick(s, lang)}${s.calc ? ` ${s.calc}` : ''}`).join(' | '),
        lost: t.lost.map((x) => pick(x, lang)).join('; '),
        warnings: t.warnings.map((x) => pick(x, lang)).join('; '),
      }),
    );
    for (const ch of t.children) walk(c, ch, t.id);
  };
  for (const c of cards) for (const t of c.trace ?? []) walk(c, t, null);
  return Object.freeze(out);
}

function warningRow(c: ScoreCard, w: Issue, lang: Lang): WarningRow {
  const p = formatPath(w.path);
  const where = w.file && p ? `${w.file}: ${p}` : (w.file ?? (p || null));
  return Object.freeze({
    unitId: c.unit.id,
    unitName: c.unit.name,
    code: w.code,
    severity: w.severity,
    node: w.node ?? null,
    where,
    message: lang === 'vi' ? w.messageVi : w.message,
  });
}

/**
 * Every warning of every card, unit by unit, in the order the card lists them.
 *
 * @example `warningRows(cards, 'vi').length === cards.reduce((n, c) => n + c.warnings.length, 0) // true`
 */
export function warningRows(cards: readonly ScoreCard[], lang: Lang = 'vi'): readonly WarningRow[] {
  return Object.freeze(cards.flatMap((c) => c.warnings.map((w) => warningRow(c, w, lang))));
}

/**
 * Flat rows (any of the row types above, or your own) as CSV: the header is the keys of the first row, unless
 * `columns` names them; "." decimals; null as an empty cell; one line per row, `\n` line ends.
 *
 * @example `rowsCsv(unitRows(ranking)).split('\n')[0] // "rank,rankOf,unitId,unitName,kind,parent,total,…"`
 */
export function rowsCsv<T extends object>(rows: readonly T[], columns?: readonly (keyof T & string)[]): string {
  const cols = columns ?? (rows[0] ? (Object.keys(rows[0]) as (keyof T & string)[]) : []);
  const cell = (v: unknown) => (v === null || v === undefined || typeof v === 'number' ? csvCell(v) : csvCell(String(v)));
  return [cols.map(csvCell).join(','), ...rows.map((r) => cols.map((k) => cell(r[k])).join(','))].join('\n') + '\n';
}
