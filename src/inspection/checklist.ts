/**
 * Inspection checklists (phiếu kiểm tra) generated from a criteria set: for each leaf of the tree, what the
 * team checks at the unit, the criterion it feeds, its legal basis and the evidence to ask for — derived from
 * the rule's `reads` (measures, tasks, surveys, lists, appraisal, findings) and the measures' declared titles. With
 * the unit's evidence at hand, each item says what is already there and what is missing. And the points a
 * finding costs, as the criteria say. Pure: no Node.
 * @module
 */
import type { CriteriaSet } from '../criteria/load.js';
import { walk } from '../criteria/tree.js';
import type { CriteriaNode } from '../criteria/schema.js';
import type { UnitEvidence } from '../evidence/load.js';
import { ruleKind } from '../rules/registry.js';
import { t, type Text } from '../core/text.js';
import { deepFreeze } from '../core/document.js';

/**
 * One thing to ask for (minh chứng cần xuất trình).
 * @example item.evidence[0] // { kind: 'measure', id: 'dossiers.onTime', ask: { vi: 'Số liệu …', en: '…' }, present: true }
 */
export interface ChecklistEvidence {
  /** What kind of evidence. */
  readonly kind: 'measure' | 'task' | 'survey' | 'appraisal' | 'findings' | 'list';
  /** Its id in the evidence. */
  readonly id: string;
  /** What to ask the unit for, in both languages. */
  readonly ask: Text;
  /** With the unit's evidence: whether it is there. */
  readonly present?: boolean;
}

/**
 * One item of the checklist: a leaf criterion.
 * @example checklist(set).items.find((i) => i.node === '3.2.1')?.check.vi
 */
export interface ChecklistItem {
  /** The leaf's id. */
  readonly node: string;
  /** The ids and titles from the field down to the leaf. */
  readonly path: readonly string[];
  /** The leaf's title. */
  readonly title: string;
  /** Its maximum points. */
  readonly max: number | undefined;
  /** Its legal basis, one line per reference. */
  readonly legal: readonly string[];
  /** Its rule kind. */
  readonly rule: string;
  /** What the inspector checks, in both languages. */
  readonly check: Text;
  /** The evidence to ask for. */
  readonly evidence: readonly ChecklistEvidence[];
}

/**
 * A checklist for one unit.
 * @example const c: Checklist = checklist(set, { id: 'chi-dao', name: 'Chỉ Đạo' })
 */
export interface Checklist {
  /** The criteria set: id, version and decision. */
  readonly set: {
    /** The set's id. */
    readonly id: string;
    /** Its version. */
    readonly version: string;
    /** The number of the decision that issued it. */
    readonly decision: string;
  };
  /** The unit inspected, when the checklist is for one unit. */
  readonly unit:
    | {
        /** The unit's id. */
        readonly id: string;
        /** Its name. */
        readonly name: string;
      }
    | undefined;
  /** One item per leaf criterion. */
  readonly items: readonly ChecklistItem[];
  /** With evidence: items whose evidence is all there, and those missing something. */
  readonly complete?: number;
  /** With evidence: items missing something. */
  readonly missing?: number;
}

function legalText(n: CriteriaNode): string[] {
  return n.legal.map((l) => [l.ref, l.article].filter(Boolean).join(', '));
}

/**
 * Builds the checklist of a criteria set, for one unit (and its evidence, when given).
 *
 * @example
 * ```ts
 * const list = checklist(set, { id: 'chi-dao', name: 'Chỉ Đạo' }, evidence.units.find((u) => u.id === 'chi-dao'));
 * list.items.find((i) => i.node === '3.2.1')?.evidence.map((e) => e.id); // ["dossiers.onTime", "dossiers.resolved"]
 * ```
 */
export function checklist(set: CriteriaSet, unit?: { id: string; name: string }, ev?: UnitEvidence): Checklist {
  const items: ChecklistItem[] = [];
  let complete = 0;
  let missing = 0;
  for (const loc of walk(set.tree)) {
    const n = loc.node;
    if (n.children?.length || !n.rule) continue;
    const kind = ruleKind(n.rule.kind);
    const reads = kind?.reads(n.rule) ?? {};
    const evidence: ChecklistEvidence[] = [];
    const has = <T>(x: T | undefined) => (ev ? { present: x !== undefined } : {});
    for (const m of reads.measures ?? []) {
      const d = set.measures[m];
      const desc = d ? `${d.title}${d.description ? ` — ${d.description}` : ''}` : m;
      evidence.push({
        kind: 'measure',
        id: m,
        ask: t(
          `Số liệu "${desc}" kèm văn bản, sổ sách hoặc tệp kết xuất làm căn cứ`,
          `The figure "${d?.titleEn ?? d?.title ?? m}" with the register, document or export it comes from`,
        ),
        ...has(ev?.measures[m]),
      });
    }
    for (const tk of reads.tasks ?? [])
      evidence.push({
        kind: 'task',
        id: tk,
        ask: t(`Văn bản thực hiện nhiệm vụ "${tk}" (số, ngày ban hành)`, `The document that carried out task "${tk}" (number, date)`),
        ...has(ev?.tasks[tk]),
      });
    for (const s of reads.surveys ?? [])
      evidence.push({
        kind: 'survey',
        id: s,
        ask: t(
          `Kết quả khảo sát "${set.surveys[s]?.title ?? s}" (cỡ mẫu, phương pháp)`,
          `Survey result "${set.surveys[s]?.titleEn ?? s}" (sample size, method)`,
        ),
        ...has(ev?.surveys[s]),
      });
    for (const l of reads.lists ?? [])
      evidence.push({
        kind: 'list',
        id: l,
        ask: t(
          `Danh sách "${set.lists?.[l]?.title ?? l}", từng mục kèm số liệu và văn bản làm căn cứ`,
          `The list "${set.lists?.[l]?.titleEn ?? set.lists?.[l]?.title ?? l}", each item with its figures and the document they come from`,
        ),
        ...has(ev?.lists?.[l]),
      });
    if (reads.appraisal)
      evidence.push({
        kind: 'appraisal',
        id: n.id,
        ask: t(
          'Hồ sơ tự đánh giá, chấm điểm và tài liệu kiểm chứng của tiêu chí',
          "The unit's self-assessment and its supporting documents",
        ),
        ...has(ev?.appraisals[n.id]),
      });
    if (reads.findings)
      evidence.push({
        kind: 'findings',
        id: n.id,
        ask: t(
          'Biên bản, thông báo kết luận kiểm tra và báo cáo khắc phục tồn tại',
          'Inspection minutes, the conclusion notice and the report on fixing what was found',
        ),
        ...(ev ? { present: true } : {}),
      });
    const check = checkText(n, kind?.title);
    const chain: string[] = [];
    for (let p: typeof loc | undefined = loc; p; p = p.parent) chain.unshift(`${p.node.id} ${p.node.title}`);
    items.push({ node: n.id, path: chain, title: n.title, max: n.max, legal: legalText(n), rule: n.rule.kind, check, evidence });
    if (ev) {
      if (evidence.every((e) => e.present !== false)) complete++;
      else missing++;
    }
  }
  return deepFreeze({
    set: { id: set.id, version: set.version, decision: `${set.decision.number} ngày ${set.decision.date}` },
    unit: unit ? { id: unit.id, name: unit.name } : undefined,
    items,
    ...(ev ? { complete, missing } : {}),
  });
}

function checkText(n: CriteriaNode, kindTitle: Text | undefined): Text {
  const r = n.rule as {
    kind: string;
    numerator?: string;
    base?: string;
    task?: string;
    deadline?: string;
    target?: number;
    count?: string;
    findings?: boolean;
    per?: number;
  };
  switch (r.kind) {
    case 'rate':
      return t(
        `Đối chiếu ${r.numerator} với ${r.base}${r.target ? ` (chỉ tiêu ${r.target}%)` : ''}: số liệu có khớp sổ sách, tệp kết xuất không`,
        `Check ${r.numerator} against ${r.base}${r.target ? ` (target ${r.target}%)` : ''} in the registers and exports`,
      );
    case 'task':
      return t(
        `Nhiệm vụ "${r.task}" đã thực hiện chưa, ngày nào${r.deadline ? `, so với hạn ${r.deadline}` : ''}`,
        `Whether task "${r.task}" was done, and when${r.deadline ? `, against the deadline ${r.deadline}` : ''}`,
      );
    case 'deduction':
      return r.findings
        ? t(
            `Tồn tại, hạn chế tại đơn vị thuộc nội dung "${n.title}"${r.per ? ` (trừ ${r.per} điểm mỗi tồn tại)` : ''}`,
            `Shortcomings in "${n.titleEn ?? n.title}"${r.per ? ` (−${r.per} each)` : ''}`,
          )
        : t(`Số vi phạm ${r.count}`, `Violations counted in ${r.count}`);
    case 'appraisal':
      return t(`Thẩm định kết quả tự chấm của tiêu chí "${n.title}"`, `Appraise the self-score of "${n.titleEn ?? n.title}"`);
    default:
      return t(`Kiểm tra "${n.title}" (${kindTitle?.vi ?? r.kind})`, `Check "${n.titleEn ?? n.title}" (${kindTitle?.en ?? r.kind})`);
  }
}

/**
 * The points a finding costs under the criteria: the deduction rule's `per` when it has one, else the
 * finding's own points; undefined when its node does not read findings.
 *
 * @example findingPoints(set, { node: '1.3.1' }) // 0.25 in the Văn Lâm example
 */
export function findingPoints(set: CriteriaSet, f: { node: string; points?: number | undefined }): number | undefined {
  for (const loc of walk(set.tree)) {
    if (loc.node.id !== f.node) continue;
    const r = loc.node.rule as { kind: string; findings?: boolean; per?: number } | undefined;
    if (!r || r.kind !== 'deduction' || r.findings !== true) return undefined;
    return r.per ?? f.points;
  }
  return undefined;
}
