/**
 * Verifying a published decision (kiểm tra quyết định công bố kết quả): first the table on its own — fields add
 * up to the total, index = total ÷ max × 100, no score above its maximum, ranks follow the index under the tie
 * rule, bands match their thresholds, summaries add up — then, with the criteria and the evidence, against the
 * recomputed score cards, each difference traced to the nodes where it arises.
 *
 * Tolerance: a printed value stands for every value within half of its last printed digit ("95,41" for
 * 95.405…95.415), so by default a check passes when |printed − expected| ≤ 0.5 × 10^(−decimals printed in that
 * cell); a declared tolerance replaces that rule for every cell.
 * @module
 */
import { deepFreeze } from '../core/document.js';
import type { Text } from '../core/text.js';
import type { CriteriaSet } from '../criteria/load.js';
import { cmpId, rank } from '../ranking/rank.js';
import { score } from '../ranking/score.js';
import type { DecisionField, PublishedDecision } from './decision.js';
import { reconcile } from './reconcile.js';
import { resolveRules, t } from './rules.js';
import { bandCheck, rankCheck, summaryCheck, tableChecks } from './table-checks.js';
import { type CheckRun, type Discrepancy, DISCREPANCY_KINDS, type VerifyOptions, type VerifyReport } from './types.js';

const CELL_ORDER = ['metadata', 'unit', 'field', 'total', 'max', 'index', 'rank', 'band', 'count', 'percent'];
const sameValue = (a: number | string | null, b: number | string | null): boolean =>
  a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-9);

/**
 * Verifies a published decision: the table's own checks, and — with a criteria set and evidence (or cards) —
 * reconciliation with the recomputed, ranked cards. A difference both ways find with the same expected value is
 * reported once, with source `both`. Discrepancies are listed by row, then by cell (fields in the decision's
 * order, total, max, index, rank, band), then summaries; the input is never changed.
 *
 * @example
 * ```ts
 * const report = verifyDecision(decision, { set, evidence });
 * report.ok; // false
 * report.discrepancies.map((d) => `${d.kind} ${d.unit} ${d.field ?? ''}: ${d.published} ≠ ${d.expected}`);
 * ```
 */
export function verifyDecision(decision: PublishedDecision, opts: VerifyOptions = {}): VerifyReport {
  const set = opts.set;
  const rules = resolveRules(decision, set, opts.tolerance, opts.partsTolerance);
  const table: Discrepancy[] = [];
  const checks: CheckRun[] = [];
  const notes: Text[] = [];
  if (rules.rankFrom === 'default' && decision.columns.rank)
    notes.push(
      t(
        'Không có quy tắc xếp hạng (quyết định hoặc bộ tiêu chí): kiểm tra theo xếp hạng cạnh tranh (1, 2, 2, 4) trên chỉ số in.',
        'No tie rule given (decision or criteria): ranks checked as competition ranking (1, 2, 2, 4) on the printed index.',
      ),
    );
  const state = tableChecks(decision, rules, table, checks, notes);
  rankCheck(decision, rules, state, table, checks, notes);
  bandCheck(decision, rules, state, table, checks);
  summaryCheck(decision, rules, table, checks);
  // Scored once: what the caller scored is used as it is, else the evidence is scored (with its trace) here.
  const groupBy = rules.groupBy ? { groupBy: rules.groupBy } : {};
  const ranking =
    opts.ranking ??
    (opts.cards
      ? rank(opts.cards, set?.ranking ?? {}, groupBy)
      : set && opts.evidence
        ? score(set, opts.evidence, { trace: true, ...groupBy, ...(opts.lenient ? { lenient: true } : {}) })
        : undefined);
  const evidence: Discrepancy[] = [];
  if (ranking) {
    reconcile(decision, rules, ranking.rows, set, evidence);
    checks.push({
      id: 'recompute',
      title: t('Đối chiếu với kết quả tính lại từ minh chứng', 'Reconciled with the scores recomputed from the evidence'),
      run: true,
      discrepancies: evidence.length,
    });
  } else {
    checks.push({
      id: 'recompute',
      title: t('Đối chiếu với kết quả tính lại từ minh chứng', 'Reconciled with the scores recomputed from the evidence'),
      run: false,
      reason: t('không có bộ tiêu chí và minh chứng', 'no criteria and evidence given'),
      discrepancies: 0,
    });
  }
  // A recomputed difference that a table check already found, with the same expected value, is said once.
  const merged: Discrepancy[] = [...table];
  for (const e of evidence) {
    const k = merged.findIndex(
      (x) =>
        x.source === 'table' &&
        x.row === e.row &&
        x.row !== undefined &&
        x.cell === e.cell &&
        x.field === e.field &&
        sameValue(x.expected, e.expected),
    );
    if (k >= 0) merged[k] = { ...merged[k]!, source: 'both', ...(e.unitId !== undefined ? { unitId: e.unitId } : {}) };
    else merged.push(e);
  }
  const fieldPos = (f: string | undefined) => (f === undefined ? -1 : decision.fields.findIndex((x) => x.id === f));
  merged.sort((a, b) => {
    const ra = a.row ?? (a.cell === 'metadata' ? -1 : Number.MAX_SAFE_INTEGER);
    const rb = b.row ?? (b.cell === 'metadata' ? -1 : Number.MAX_SAFE_INTEGER);
    return (
      ra - rb ||
      CELL_ORDER.indexOf(a.cell) - CELL_ORDER.indexOf(b.cell) ||
      fieldPos(a.field) - fieldPos(b.field) ||
      DISCREPANCY_KINDS.indexOf(a.kind) - DISCREPANCY_KINDS.indexOf(b.kind) ||
      cmpId(a.field ?? '', b.field ?? '') ||
      cmpId(a.unit ?? '', b.unit ?? '')
    );
  });
  const report: VerifyReport = {
    ok: merged.length === 0,
    decision: {
      ...(decision.file !== undefined ? { file: decision.file } : {}),
      ...(decision.issuer !== undefined ? { issuer: decision.issuer } : {}),
      ...(decision.number !== undefined ? { number: decision.number } : {}),
      ...(decision.date !== undefined ? { date: decision.date } : {}),
      ...(decision.title !== undefined ? { title: decision.title } : {}),
      ...(decision.year !== undefined ? { year: decision.year } : {}),
      ...(decision.criteria !== undefined
        ? {
            criteria: {
              id: decision.criteria.id,
              ...(decision.criteria.version !== undefined ? { version: decision.criteria.version } : {}),
            },
          }
        : {}),
      rows: decision.rows.length,
    },
    ...(set ? { criteria: { id: set.id, version: set.version, hash: set.hash } } : {}),
    tolerance: {
      declared: rules.tolerance ?? null,
      rule: withParts(
        rules.tolerance !== undefined
          ? t(`sai số khai báo ±${rules.tolerance} cho mọi ô`, `declared tolerance ±${rules.tolerance} for every cell`)
          : t(
              'một nửa đơn vị của chữ số cuối cùng được in ở mỗi ô (ví dụ ±0,005 cho 95,41)',
              'half of the last printed digit of each cell (e.g. ±0.005 for 95.41)',
            ),
        rules.tolerance,
        rules.partsTolerance,
      ),
    },
    rules: {
      ranking: { method: rules.method, on: rules.on, tieBreak: rules.tieBreak, from: rules.rankFrom },
      bands: rules.bandsFrom,
      groupBy: rules.groupBy ?? null,
    },
    checks,
    discrepancies: merged,
    notes,
  };
  return deepFreeze(report);
}

/** The tolerance rule in words, with how a total is judged against its fields (a declared tolerance covers them too). */
function withParts(rule: Text, tolerance: number | undefined, parts: number | undefined): Text {
  if (parts !== undefined)
    return t(`${rule.vi}; tổng điểm so với tổng các lĩnh vực: ±${parts}`, `${rule.en}; a total against the sum of its fields: ±${parts}`);
  if (tolerance !== undefined) return rule;
  return t(
    `${rule.vi}; tổng điểm so với tổng các lĩnh vực: mỗi lĩnh vực làm tròn riêng, nên n lĩnh vực in d chữ số thập phân cho phép n × ½·10^-d`,
    `${rule.en}; a total against the sum of its fields: each field rounded on its own, so n fields printed to d decimals allow n × ½·10^-d`,
  );
}

/**
 * The fields of a criteria set as a decision prints them (id, title, maximum, block), for matching table columns.
 *
 * @example decisionFields(set).map((f) => f.id) // ['1', …, '10']
 */
export function decisionFields(set: CriteriaSet): DecisionField[] {
  return set.tree.map((n) => ({
    id: n.id,
    title: n.title,
    ...(n.block ? { max: n.block.cap, block: n.block.kind } : n.max !== undefined ? { max: n.max } : {}),
  }));
}
