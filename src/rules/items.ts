/**
 * Rule kind `items` (điều kiện trên từng mục của danh sách): a condition on every item of a list in the evidence
 * ("tỷ lệ giải ngân ≥ 95 % đối với từng dự án") or on each of a set of tasks ("mọi nhiệm vụ đúng hạn"), and a
 * quantifier that turns the items that meet it into points: all, any, none, points for each, or a table by how
 * many or what share of them meet it. An empty list is never "all hold" silently: `whenEmpty` says what it scores.
 * @module
 */
import { z } from 'zod';
import { Exact } from '../core/exact.js';
import type { Issue, IssueCode } from '../core/errors.js';
import { pushAll } from '../core/lists.js';
import { fmt, t, viNum, type Text } from '../core/text.js';
import { Id, IsoDate, NonNeg, Num } from '../core/zod-helpers.js';
import { BandRow, checkRanges, checkRowPoints, compileRows, declaredOutcome, missingOutcome, ruleIssue, scoreRows } from './common.js';
import type { ListItemRecord, TaskRecord } from './records.js';
import type { EvidenceView, Explanation, LeafOutcome, ListDecl, MeasureDecl, RuleContext, RuleKind, TraceStep } from './types.js';

/** The condition each item of a list must meet: a field's value, or a ratio of two fields in %, within bounds. */
export const ItemCondition = z.strictObject({
  /** The field read (the numerator with `of`). */
  field: Id,
  /** With it, the condition reads field ÷ of × 100, in %. */
  of: Id.optional(),
  /** The lowest value that meets the condition. */
  min: Num.optional(),
  /** The highest value that meets it. */
  max: Num.optional(),
  /** Whether `min` itself meets it (default true: "từ 95 %"; false: "trên"). */
  minInclusive: z.boolean().default(true),
  /** Whether `max` itself meets it (default true; false: "dưới"). */
  maxInclusive: z.boolean().default(true),
  /** With `of`: whether an item whose `of` is 0 meets the condition (required with `of`). */
  whenBaseZero: z.enum(['meets', 'fails']).optional(),
});
export type ItemCondition = z.output<typeof ItemCondition>;

/** What the items are (a list, or tasks) and the condition each must meet: shared by the rule and by grade conditions. */
const itemsSpecFields = {
  /** The list of the evidence the rule reads (declared under the set's `lists`). Give `list` or `tasks`. */
  list: Id.optional(),
  /**
   * The tasks the rule reads (`tasks:` of the evidence), each an item: an id, or `{ task, deadline }` with the
   * task's own deadline. A unit's task that carries a deadline keeps it.
   */
  tasks: z
    .array(
      z.union([
        Id,
        z.strictObject({
          /** The task's id in the evidence. */
          task: Id,
          /** Its deadline, YYYY-MM-DD. */
          deadline: IsoDate,
        }),
      ]),
    )
    .min(1)
    .optional(),
  /** With `tasks`: the deadline of those given by id alone, unless a unit's task carries its own. */
  deadline: IsoDate.optional(),
  /** What each item must meet: a condition on its fields (a list), or `on-time` / `done` (tasks). */
  where: z.union([ItemCondition, z.enum(['on-time', 'done'])]),
};

/**
 * The items a grade condition reads (`requires: [{ items: { list, where }, min: 100 }]`): a list of the evidence or
 * tasks, and the condition on each; the condition compares the share (%) of them that meet it.
 */
export const ItemsSpec = z.strictObject(itemsSpecFields);
export type ItemsSpec = z.output<typeof ItemsSpec>;

export const ItemsParams = z.strictObject({
  /** A condition over the items of a list, or over tasks. */
  kind: z.literal('items'),
  ...itemsSpecFields,
  /** How the items that meet it become points. */
  quantifier: z.enum(['all', 'any', 'none', 'each', 'count', 'share']),
  /** With `each`: points for each item that meets the condition, up to the node's max. */
  each: NonNeg.optional(),
  /** With `count` (how many meet) or `share` (what % meet): the points by row. */
  rows: z.array(BandRow).min(1).optional(),
  /** With `all`, `any`, `none`: the points when it does not hold (default 0). */
  otherwise: NonNeg.optional(),
  /** With `list` (required): what a unit whose list is empty scores. */
  whenEmpty: z.enum(['not-applicable', 'zero', 'full']).optional(),
});
export type ItemsParams = z.output<typeof ItemsParams>;

/** One item as the rule sees it: its name and whether it meets the condition, with the words that say why. */
interface Judged {
  readonly name: string;
  readonly meets: boolean;
  readonly why: Text;
}

const MARK = (ok: boolean) => (ok ? '✓' : '✗');

/** The domain of a field as a range check reads it. */
function fieldRange(d: MeasureDecl): { min: number | undefined; max: number | undefined } {
  return { min: d.min, max: d.max };
}

/** Reports a problem at a path under the rule (or the condition) that writes the items. */
export type ItemsProblem = (code: IssueCode, sub: (string | number)[], en: string, vi: string) => void;

/**
 * Checks what the items are and the condition on each: a list and its fields declared, bounds in the fields'
 * ranges, tasks named once, a condition of the right sort. Shared by the rule and by grade conditions.
 */
export function checkItemsSpec(p: ItemsSpec, lists: ReadonlyMap<string, ListDecl> | undefined, bad: ItemsProblem): void {
  if ((p.list === undefined) === (p.tasks === undefined)) {
    bad('schema.required', [], 'give exactly one of list or tasks', 'cần đúng một trong hai: list hoặc tasks');
    return;
  }
  if (p.list !== undefined) {
    if (p.deadline !== undefined)
      bad('schema.invalid-value', ['deadline'], 'deadline applies only to tasks', 'deadline chỉ dùng với tasks');
    const decl = lists?.get(p.list);
    if (!decl) {
      bad(
        'criteria.undeclared-list',
        ['list'],
        `list "${p.list}" is read but not declared under lists`,
        `danh sách "${p.list}" được đọc nhưng chưa được khai báo trong lists`,
      );
    }
    if (typeof p.where === 'string')
      bad(
        'schema.invalid-value',
        ['where'],
        `"${p.where}" is a condition on tasks: a list's items need { field, min/max }`,
        `"${p.where}" là điều kiện về nhiệm vụ: mục của danh sách cần { field, min/max }`,
      );
    else if (decl) checkCondition(p.where, decl.id, decl.fields, bad);
  } else {
    if (typeof p.where !== 'string')
      bad(
        'schema.invalid-value',
        ['where'],
        'tasks are judged by on-time or done, not by a field',
        'nhiệm vụ được đánh giá theo on-time (đúng hạn) hoặc done (đã hoàn thành), không theo trường số liệu',
      );
    const seen = new Set<string>();
    taskList(p).forEach(({ id }, i) => {
      if (seen.has(id)) bad('criteria.duplicate-id', ['tasks', i], `task "${id}" is named twice`, `nhiệm vụ "${id}" được nêu hai lần`);
      seen.add(id);
    });
  }
}

function checkItems(p: ItemsParams, ctx: RuleContext): Issue[] {
  const out: Issue[] = [];
  const bad: ItemsProblem = (code, sub, en, vi) => out.push(ruleIssue(ctx, code, sub, en, vi));
  checkItemsSpec(p, ctx.lists, bad);
  if ((p.list === undefined) === (p.tasks === undefined)) return out;
  if (p.list !== undefined && p.whenEmpty === undefined)
    bad(
      'schema.required',
      ['whenEmpty'],
      'a list needs whenEmpty: what a unit with no items scores (not-applicable, zero or full)',
      'danh sách cần whenEmpty: cách tính khi đơn vị không có mục nào (not-applicable, zero hoặc full)',
    );
  if (p.tasks !== undefined && p.whenEmpty !== undefined)
    bad(
      'schema.invalid-value',
      ['whenEmpty'],
      'whenEmpty applies only to a list: the tasks named are never none',
      'whenEmpty chỉ dùng với danh sách: các nhiệm vụ đã nêu không thể trống',
    );
  pushAll(out, checkQuantifier(p, ctx));
  return out;
}

function checkCondition(w: ItemCondition, list: string, fields: ReadonlyMap<string, MeasureDecl>, bad: ItemsProblem): void {
  let ok = true;
  for (const [name, id] of [
    ['field', w.field],
    ['of', w.of],
  ] as const) {
    if (id === undefined || fields.has(id)) continue;
    ok = false;
    bad(
      'criteria.undeclared-list',
      ['where', name],
      `list "${list}" declares no field "${id}" (fields: ${[...fields.keys()].join(', ') || 'none'})`,
      `danh sách "${list}" không có trường "${id}" (các trường: ${[...fields.keys()].join(', ') || 'không có'})`,
    );
  }
  if (w.min === undefined && w.max === undefined)
    bad('schema.required', ['where'], 'the condition needs min or max', 'điều kiện cần min hoặc max');
  if (w.of !== undefined && w.whenBaseZero === undefined)
    bad(
      'schema.required',
      ['where', 'whenBaseZero'],
      `a ratio needs whenBaseZero: whether an item whose ${w.of} is 0 meets the condition (meets or fails)`,
      `tỷ lệ cần whenBaseZero: mục có ${w.of} bằng 0 có đạt điều kiện không (meets hoặc fails)`,
    );
  if (w.of === undefined && w.whenBaseZero !== undefined)
    bad('schema.invalid-value', ['where', 'whenBaseZero'], 'whenBaseZero applies only with of', 'whenBaseZero chỉ dùng với of');
  if (!ok) return;
  // A ratio divides counts, as a rate does: fields that may be negative would give a share outside 0–100 %.
  if (w.of !== undefined)
    for (const [name, id] of [
      ['field', w.field],
      ['of', w.of],
    ] as const) {
      const d = fields.get(id)!;
      if (d.min !== undefined && d.min >= 0) continue;
      bad(
        'criteria.signed-measure',
        ['where', name],
        `a ratio divides counts, but field "${id}" (${d.unit}) may be negative: declare min: 0 if it cannot be`,
        `tỷ lệ chỉ chia các số đếm, nhưng trường "${id}" (${d.unit}) có thể âm: khai báo min: 0 nếu không thể âm`,
      );
    }
  const domain = w.of !== undefined ? { min: 0, max: 100 } : fieldRange(fields.get(w.field)!);
  for (const name of ['min', 'max'] as const) {
    const b = w[name];
    if (b === undefined) continue;
    if ((domain.min !== undefined && b < domain.min) || (domain.max !== undefined && b > domain.max))
      bad(
        'criteria.threshold-range',
        ['where', name],
        `${name} ${b} is outside the value's range [${domain.min ?? '−∞'}, ${domain.max ?? '∞'}]`,
        `ngưỡng ${name} = ${b} nằm ngoài khoảng giá trị [${domain.min ?? '−∞'}, ${domain.max ?? '∞'}]`,
      );
  }
  if (w.min !== undefined && w.max !== undefined && (w.min > w.max || (w.min === w.max && !(w.minInclusive && w.maxInclusive))))
    bad(
      'criteria.band-order',
      ['where'],
      `no value meets the condition: min ${w.min} and max ${w.max}`,
      `không giá trị nào đạt điều kiện: từ ${w.min} đến ${w.max}`,
    );
}

function checkQuantifier(p: ItemsParams, ctx: RuleContext): Issue[] {
  const out: Issue[] = [];
  const bad = (code: Parameters<typeof ruleIssue>[1], sub: (string | number)[], en: string, vi: string) =>
    out.push(ruleIssue(ctx, code, sub, en, vi));
  const only = (key: 'each' | 'rows' | 'otherwise', allowed: readonly ItemsParams['quantifier'][]) => {
    if (p[key] !== undefined && !allowed.includes(p.quantifier))
      bad(
        'schema.invalid-value',
        [key],
        `${key} applies only to quantifier ${allowed.join(' or ')}`,
        `${key} chỉ dùng với quantifier ${allowed.join(' hoặc ')}`,
      );
  };
  only('each', ['each']);
  only('rows', ['count', 'share']);
  only('otherwise', ['all', 'any', 'none']);
  switch (p.quantifier) {
    case 'each':
      if (p.each === undefined)
        bad(
          'schema.required',
          ['each'],
          'quantifier each needs each: the points per item',
          'quantifier each cần each: số điểm cho mỗi mục',
        );
      else if (Exact.of(p.each).isZero())
        bad(
          'criteria.rule-cannot-reach-max',
          ['each'],
          `each is 0: the node's max ${ctx.max.toString()} can never be awarded`,
          `each bằng 0: không bao giờ đạt điểm tối đa ${fmt(ctx.max, 'vi')}`,
        );
      else if (p.tasks && Exact.of(p.each).mul(Exact.of(p.tasks.length)).lt(ctx.max))
        bad(
          'criteria.rule-cannot-reach-max',
          ['each'],
          `${p.tasks.length} tasks × ${p.each} = ${Exact.of(p.each).mul(Exact.of(p.tasks.length)).toString()}: the node's max ${ctx.max.toString()} can never be awarded`,
          `${p.tasks.length} nhiệm vụ × ${p.each}: không bao giờ đạt điểm tối đa ${fmt(ctx.max, 'vi')}`,
        );
      break;
    case 'count':
    case 'share': {
      if (p.rows === undefined) {
        bad(
          'schema.required',
          ['rows'],
          `quantifier ${p.quantifier} needs rows: the points by ${p.quantifier === 'count' ? 'how many items meet the condition' : 'the share (%) of items that meet it'}`,
          `quantifier ${p.quantifier} cần rows: số điểm theo ${p.quantifier === 'count' ? 'số mục đạt' : 'tỷ lệ (%) mục đạt'}`,
        );
        break;
      }
      const domain = p.quantifier === 'share' ? { min: 0, max: 100 } : { min: 0, max: p.tasks ? p.tasks.length : undefined };
      pushAll(
        out,
        checkRanges(p.rows, domain, (code, i, en, vi) => ruleIssue(ctx, code, ['rows', i], en, vi)),
      );
      pushAll(out, checkRowPoints(p.rows, ctx, ['rows']));
      break;
    }
    default:
      if (p.otherwise !== undefined && Exact.of(p.otherwise).gt(ctx.max))
        bad(
          'criteria.rule-exceeds-max',
          ['otherwise'],
          `otherwise gives ${p.otherwise} points, more than the node's max ${ctx.max.toString()}`,
          `otherwise cho ${p.otherwise} điểm, vượt điểm tối đa ${fmt(ctx.max, 'vi')}`,
        );
  }
  return out;
}

/** "95 ≤ tyLeGiaiNgan", "95 < giaiNgan/keHoach (%) ≤ 100": the condition as a trace writes it. */
function describeCondition(w: ItemCondition, lang: 'vi' | 'en'): string {
  const name = w.of !== undefined ? `${w.field}/${w.of} (%)` : w.field;
  const n = (x: number) => (lang === 'vi' ? viNum(x) : String(x));
  const lo = w.min === undefined ? '' : `${n(w.min)} ${w.minInclusive ? '≤' : '<'} `;
  const hi = w.max === undefined ? '' : ` ${w.maxInclusive ? '≤' : '<'} ${n(w.max)}`;
  return `${lo}${name}${hi}`;
}

/** Whether x meets the bounds, and the comparison that decided it ("90 < 95"), exactly, in each language. */
function within(x: Exact, lo: Exact | undefined, hi: Exact | undefined, w: ItemCondition): { meets: boolean; cmp: Text } {
  const say = (parts: readonly (readonly [Exact, string, Exact])[]): Text => ({
    vi: parts.map(([a, op, b]) => `${fmt(a, 'vi')} ${op} ${fmt(b, 'vi')}`).join(', '),
    en: parts.map(([a, op, b]) => `${fmt(a)} ${op} ${fmt(b)}`).join(', '),
  });
  if (lo !== undefined) {
    const c = x.cmp(lo);
    if (c < 0 || (c === 0 && !w.minInclusive)) return { meets: false, cmp: say([[x, c < 0 ? '<' : '=', lo]]) };
  }
  if (hi !== undefined) {
    const c = x.cmp(hi);
    if (c > 0 || (c === 0 && !w.maxInclusive)) return { meets: false, cmp: say([[x, c > 0 ? '>' : '=', hi]]) };
  }
  const parts: (readonly [Exact, string, Exact])[] = [];
  if (lo !== undefined) parts.push([x, x.eq(lo) ? '=' : '>', lo]);
  if (hi !== undefined) parts.push([x, x.eq(hi) ? '=' : '<', hi]);
  return { meets: true, cmp: say(parts) };
}

/** The name of an item in a trace: "DA-02 Dự án B". */
const itemName = (r: ListItemRecord) => (r.title !== undefined ? `${r.id} ${r.title}` : r.id);

/** Judges a list's items; the names of the values an item lacks, when it lacks any. */
function judgeList(items: readonly ListItemRecord[], list: string, w: ItemCondition): { judged: Judged[]; missing: string[] } {
  const lo = w.min === undefined ? undefined : Exact.of(w.min);
  const hi = w.max === undefined ? undefined : Exact.of(w.max);
  const judged: Judged[] = [];
  const missing: string[] = [];
  for (const item of items) {
    const x = item.values.get(w.field);
    const base = w.of === undefined ? undefined : item.values.get(w.of);
    if (x === undefined) missing.push(`lists.${list}[${item.id}].${w.field}`);
    if (w.of !== undefined && base === undefined) missing.push(`lists.${list}[${item.id}].${w.of}`);
    if (x === undefined || (w.of !== undefined && base === undefined)) continue;
    const name = itemName(item);
    if (base !== undefined && base.isZero()) {
      const meets = w.whenBaseZero === 'meets';
      judged.push({
        name,
        meets,
        why: t(
          `${name}: ${w.of} = 0 → ${meets ? 'coi là đạt' : 'coi là không đạt'} ${MARK(meets)}`,
          `${name}: ${w.of} = 0 → counted as ${meets ? 'meeting' : 'failing'} the condition ${MARK(meets)}`,
        ),
      });
      continue;
    }
    const v = base !== undefined ? Exact.HUNDRED.mulDiv(x, base) : x;
    const r = within(v, lo, hi, w);
    const value = (l: 'vi' | 'en') =>
      base !== undefined ? `${w.field}/${w.of} = ${fmt(x, l)} ÷ ${fmt(base, l)} × 100 = ${fmt(v, l)} %` : `${w.field} = ${fmt(v, l)}`;
    judged.push({
      name,
      meets: r.meets,
      why: t(`${name}: ${value('vi')}; ${r.cmp.vi} ${MARK(r.meets)}`, `${name}: ${value('en')}; ${r.cmp.en} ${MARK(r.meets)}`),
    });
  }
  return { judged, missing };
}

/** The tasks a rule names, each with the deadline the criteria give it (its own, else the rule's). */
function taskList(p: ItemsSpec): { id: string; deadline: string | undefined }[] {
  return (p.tasks ?? []).map((x) => (typeof x === 'string' ? { id: x, deadline: p.deadline } : { id: x.task, deadline: x.deadline }));
}

/** Judges tasks on time (by their deadline: the unit's, else the criteria's) or done. */
function judgeTasks(recs: readonly (readonly [string, TaskRecord, string | undefined])[], where: 'on-time' | 'done'): Judged[] {
  return recs.map(([id, r, deadline]) => {
    const due = r.deadline ?? deadline;
    if (r.done === null)
      return { name: id, meets: false, why: t(`${id}: chưa thực hiện ${MARK(false)}`, `${id}: not done ${MARK(false)}`) };
    if (where === 'done')
      return { name: id, meets: true, why: t(`${id}: hoàn thành ngày ${r.done} ${MARK(true)}`, `${id}: done on ${r.done} ${MARK(true)}`) };
    const meets = due === undefined || r.done <= due;
    return {
      name: id,
      meets,
      why:
        due === undefined
          ? t(`${id}: hoàn thành ngày ${r.done} (không quy định hạn) ${MARK(true)}`, `${id}: done on ${r.done} (no deadline) ${MARK(true)}`)
          : t(
              `${id}: hoàn thành ngày ${r.done}, hạn ${due}: ${meets ? 'đúng hạn' : 'trễ hạn'} ${MARK(meets)}`,
              `${id}: done on ${r.done}, deadline ${due}: ${meets ? 'on time' : 'late'} ${MARK(meets)}`,
            ),
    };
  });
}

/**
 * The items of one unit judged against the condition: how many meet it, of how many, the names of those that
 * do not, and each item's line; `missing` names what the evidence lacks (the list, a task, an item's value).
 */
export function judgeItems(
  p: ItemsSpec,
  ev: Pick<EvidenceView, 'list' | 'task'>,
): { met: number; total: number; failing: string[]; lines: Text[]; missing: string[] } {
  let judged: Judged[] = [];
  const missing: string[] = [];
  if (p.tasks) {
    const recs: (readonly [string, TaskRecord, string | undefined])[] = [];
    for (const { id, deadline } of taskList(p)) {
      const r = ev.task(id);
      if (r) recs.push([id, r, deadline]);
      else missing.push(`tasks.${id}`);
    }
    if (!missing.length) judged = judgeTasks(recs, p.where === 'done' ? 'done' : 'on-time');
  } else if (p.list !== undefined && typeof p.where !== 'string') {
    const items = ev.list(p.list);
    if (!items) missing.push(`lists.${p.list}`);
    else {
      const r = judgeList(items, p.list, p.where);
      judged = r.judged;
      pushAll(missing, r.missing);
    }
  }
  return {
    met: judged.filter((j) => j.meets).length,
    total: judged.length,
    failing: judged.filter((j) => !j.meets).map((j) => j.name),
    lines: judged.map((j) => j.why),
    missing,
  };
}

/** The condition on each item, in words: "95 ≤ tyLeGiaiNgan", "on time". */
export function describeItems(p: ItemsSpec, lang: 'vi' | 'en'): string {
  if (typeof p.where !== 'string') return describeCondition(p.where, lang);
  if (p.where === 'done') return lang === 'vi' ? 'đã hoàn thành' : 'done';
  return lang === 'vi' ? 'đúng hạn' : 'on time';
}

/** Words for the quantifiers in a trace. */
const QUANTIFIER: Record<ItemsParams['quantifier'], Text> = {
  all: t('tất cả các mục đạt', 'every item meets the condition'),
  any: t('ít nhất một mục đạt', 'at least one item meets the condition'),
  none: t('không mục nào đạt', 'no item meets the condition'),
  each: t('điểm cho mỗi mục đạt', 'points for each item that meets the condition'),
  count: t('số mục đạt', 'the number of items that meet the condition'),
  share: t('tỷ lệ mục đạt (%)', 'the share of items that meet the condition (%)'),
};

/** The points of the judged items under the quantifier, and the explanation when tracing. */
function quantify(p: ItemsParams, judged: readonly Judged[], max: Exact, head: TraceStep, trace: boolean): LeafOutcome {
  const n = judged.length;
  const met = judged.filter((j) => j.meets).length;
  const failing = judged.filter((j) => !j.meets).map((j) => j.name);
  const passing = judged.filter((j) => j.meets).map((j) => j.name);
  const itemSteps = (): TraceStep[] => [head, ...judged.map((j) => ({ vi: j.why.vi, en: j.why.en }))];
  const tally: TraceStep = { vi: `${met}/${n} mục đạt`, en: `${met} of ${n} items meet the condition` };
  if (p.quantifier === 'count' || p.quantifier === 'share') {
    const x = p.quantifier === 'count' ? Exact.of(met) : Exact.HUNDRED.mulDiv(Exact.of(met), Exact.of(n));
    const name = p.quantifier === 'count' ? t('số mục đạt', 'items meeting') : t('tỷ lệ mục đạt (%)', 'share meeting (%)');
    const before = () => [...itemSteps(), p.quantifier === 'share' ? { ...tally, calc: `${met} ÷ ${n} × 100 = ${fmt(x)} %` } : tally];
    const out = scoreRows(x, compileRows(p.rows ?? []), max, name, trace, before);
    return out;
  }
  let points: Exact;
  let holds: boolean | undefined;
  const otherwise = Exact.of(p.otherwise ?? 0);
  switch (p.quantifier) {
    case 'all':
      holds = met === n;
      points = holds ? max : otherwise;
      break;
    case 'any':
      holds = met > 0;
      points = holds ? max : otherwise;
      break;
    case 'none':
      holds = met === 0;
      points = holds ? max : otherwise;
      break;
    default:
      points = Exact.of(p.each ?? 0)
        .mul(Exact.of(met))
        .min(max);
  }
  if (!trace) return { status: 'scored', points };
  const explain = (): Explanation => {
    const steps = itemSteps();
    if (holds === undefined) {
      const raw = Exact.of(p.each ?? 0).mul(Exact.of(met));
      steps.push({
        ...tally,
        calc: `${met} × ${fmt(Exact.of(p.each ?? 0))} = ${fmt(raw)}${raw.gt(max) ? `, ≤ ${fmt(max)}` : ''} → ${fmt(points)}`,
      });
    } else
      steps.push({
        vi: `${tally.vi}; ${QUANTIFIER[p.quantifier].vi}: ${holds ? 'đúng' : 'không đúng'}`,
        en: `${tally.en}; ${QUANTIFIER[p.quantifier].en}: ${holds ? 'holds' : 'does not hold'}`,
        calc: `→ ${fmt(points)}`,
      });
    if (!points.lt(max)) return { steps };
    const which = p.quantifier === 'none' ? passing : failing;
    const lost =
      p.quantifier === 'any' || which.length === 0
        ? t(`không mục nào đạt điều kiện`, `no item meets the condition`)
        : p.quantifier === 'none'
          ? t(`các mục đạt điều kiện (cần không có): ${which.join(', ')}`, `items that meet the condition (none may): ${which.join(', ')}`)
          : t(`các mục chưa đạt: ${which.join(', ')}`, `items that do not meet the condition: ${which.join(', ')}`);
    return { steps, lost: [lost] };
  };
  return { status: 'scored', points, explain };
}

/** What an empty list scores, as the rule declares. */
function emptyOutcome(policy: NonNullable<ItemsParams['whenEmpty']>, list: string, max: Exact, trace: boolean): LeafOutcome {
  const first: TraceStep = { vi: `danh sách ${list} không có mục nào`, en: `list ${list} has no items` };
  const lost = t('danh sách không có mục nào, tiêu chí quy định 0 điểm', 'the list has no items and the criterion gives 0 points');
  return declaredOutcome(policy, max, first, t('không có mục nào', 'no items'), lost, trace);
}

export const itemsRule: RuleKind<ItemsParams> = {
  kind: 'items',
  schema: ItemsParams,
  title: t('điều kiện trên từng mục', 'a condition on each item'),
  reads: (p) => (p.tasks ? { tasks: taskList(p).map((x) => x.id) } : { lists: p.list !== undefined ? [p.list] : [] }),
  check: checkItems,
  compile(p, ctx) {
    const max = ctx.max;
    const q = QUANTIFIER[p.quantifier];
    if (p.tasks) {
      const tasks = taskList(p);
      const where = p.where === 'done' ? 'done' : 'on-time';
      const head: TraceStep = {
        vi: `điều kiện cho từng nhiệm vụ: ${where === 'done' ? 'đã hoàn thành' : 'hoàn thành đúng hạn'}; ${q.vi}`,
        en: `condition on each task: ${where === 'done' ? 'done' : 'done by its deadline'}; ${q.en}`,
      };
      return (ev, trace) => {
        const recs: (readonly [string, TaskRecord, string | undefined])[] = [];
        const missing: string[] = [];
        for (const { id, deadline } of tasks) {
          const r = ev.task(id);
          if (r) recs.push([id, r, deadline]);
          else missing.push(`tasks.${id}`);
        }
        if (missing.length) return missingOutcome(missing, trace);
        return quantify(p, judgeTasks(recs, where), max, head, trace);
      };
    }
    const list = p.list!;
    const w = p.where as ItemCondition;
    const head: TraceStep = {
      vi: `điều kiện cho từng mục của ${list}: ${describeCondition(w, 'vi')}; ${q.vi}`,
      en: `condition on each item of ${list}: ${describeCondition(w, 'en')}; ${q.en}`,
    };
    return (ev, trace) => {
      const items = ev.list(list);
      if (!items) return missingOutcome([`lists.${list}`], trace);
      if (items.length === 0) return emptyOutcome(p.whenEmpty ?? 'zero', list, max, trace);
      const { judged, missing } = judgeList(items, list, w);
      if (missing.length) return missingOutcome(missing, trace);
      return quantify(p, judged, max, head, trace);
    };
  },
};
