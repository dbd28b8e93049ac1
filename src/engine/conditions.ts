/**
 * Evaluating conditions (điều kiện) for one unit, exactly: a grade's `requires` and a node's `applies`. Each gives
 * whether it holds, or that its evidence is missing, and a trace line in both languages with the value read.
 * @module
 */
import { Exact } from '../core/exact.js';
import { fmt, type Text } from '../core/text.js';
import type { Condition } from '../criteria/conditions.js';
import type { EvidenceView, TraceStep } from '../rules/types.js';
import { describeItems, judgeItems } from '../rules/items.js';

/** What a condition can read of one unit. */
export interface ConditionInputs {
  /** A measure's value, or undefined when the evidence lacks it. */
  measure(id: string): Exact | undefined;
  /** A unit attribute, or undefined. */
  attribute(name: string): string | number | boolean | undefined;
  /** A node's points, or undefined when the node does not apply to the unit (or cannot be read here). */
  points(id: string): Exact | undefined;
  /** A list's items, or undefined when the evidence lacks the list. */
  list: EvidenceView['list'];
  /** A task's record, or undefined. */
  task: EvidenceView['task'];
}

/** A condition evaluated: `holds` after the missing-evidence policy, with the line the trace shows. */
export interface ConditionOutcome {
  readonly holds: boolean;
  /** What was missing (a measure id, "ratio base 0", an attribute…), when something was. */
  readonly missing: string | undefined;
  /** Whether the evidence is missing and the condition declares no policy for it: an error. */
  readonly error: boolean;
  /** The condition's name as the trace and messages give it. */
  readonly label: Text;
  readonly step: TraceStep;
}

/** A condition ready to evaluate: its bounds as exact values, its names fixed once. */
export type CompiledCondition = (inputs: ConditionInputs) => ConditionOutcome;

const bound = (x: number | undefined) => (x === undefined ? undefined : Exact.of(x));
const dec = (x: Exact, lang: 'vi' | 'en') => fmt(x, lang);

/** Compiles a condition once per set (the schema guarantees exactly one of measure, ratio, node, attribute). */
export function compileCondition(c: Condition): CompiledCondition {
  const { measure, ratio, node, attribute, items } = c;
  const lo = bound(c.min);
  const hi = bound(c.max);
  const minIn = c.minInclusive !== false;
  const maxIn = c.maxInclusive !== false;
  const needs = (lang: 'vi' | 'en'): string => {
    if (attribute !== undefined) return `= ${String(c.equals)}`;
    const u = ratio || items ? ' %' : '';
    const parts: string[] = [];
    if (lo) parts.push(`${minIn ? '≥' : '>'} ${dec(lo, lang)}${u}`);
    if (hi) parts.push(`${maxIn ? '≤' : '<'} ${dec(hi, lang)}${u}`);
    return parts.join(lang === 'vi' ? ' và ' : ' and ');
  };
  const itemsOf = (lang: 'vi' | 'en') =>
    items!.list !== undefined
      ? `${lang === 'vi' ? 'tỷ lệ mục của' : 'share of'} ${items!.list} ${lang === 'vi' ? 'đạt' : 'with'} ${describeItems(items!, lang)}`
      : `${lang === 'vi' ? 'tỷ lệ nhiệm vụ' : 'share of tasks'} ${describeItems(items!, lang)}`;
  const subj = (lang: 'vi' | 'en'): string =>
    measure ??
    (items
      ? itemsOf(lang)
      : ratio
        ? `${ratio.numerator} ÷ ${ratio.base}`
        : node !== undefined
          ? lang === 'vi'
            ? `điểm tiêu chí ${node}`
            : `points of ${node}`
          : attribute!);
  const label: Text = {
    vi: c.title ?? `${subj('vi')} ${needs('vi')}`,
    en: c.titleEn ?? c.title ?? `${subj('en')} ${needs('en')}`,
  };
  const inRange = (x: Exact): boolean => {
    if (lo) {
      const k = x.cmp(lo);
      if (k < 0 || (k === 0 && !minIn)) return false;
    }
    if (hi) {
      const k = x.cmp(hi);
      if (k > 0 || (k === 0 && !maxIn)) return false;
    }
    return true;
  };
  const policy = c.whenMissing;
  const outcome = (holds: boolean, read: Text, missing?: string): ConditionOutcome => {
    const verdict: Text = missing
      ? policy === 'error'
        ? { vi: 'thiếu minh chứng', en: 'missing evidence' }
        : holds
          ? { vi: 'thiếu minh chứng, coi là đạt (theo quy định)', en: 'missing evidence, taken as met (as declared)' }
          : { vi: 'thiếu minh chứng, coi là không đạt (theo quy định)', en: 'missing evidence, taken as not met (as declared)' }
      : holds
        ? { vi: 'đạt', en: 'met' }
        : { vi: 'không đạt', en: 'not met' };
    return {
      holds,
      missing,
      error: missing !== undefined && policy === 'error',
      label,
      step: {
        // Without a title the label is the requirement itself: the line then starts with what was read.
        vi: `${c.title ? `${label.vi}: ` : ''}${read.vi} (cần ${needs('vi')}) → ${verdict.vi}`,
        en: `${c.title ? `${label.en}: ` : ''}${read.en} (needs ${needs('en')}) → ${verdict.en}`,
      },
    };
  };
  const missing = (what: string, read: Text) => outcome(policy === 'pass', read, what);
  return (inp) => {
    if (attribute !== undefined) {
      const v = inp.attribute(attribute);
      if (v === undefined) return missing(attribute, { vi: `${attribute}: không có`, en: `${attribute}: absent` });
      return outcome(v === c.equals, { vi: `${attribute} = ${String(v)}`, en: `${attribute} = ${String(v)}` });
    }
    if (items) {
      const r = judgeItems(items, inp);
      if (r.missing.length) {
        const absent = r.missing.join(', ');
        return missing(absent, { vi: `không có ${absent}`, en: `${absent} absent` });
      }
      // No items gives no share: "every project" of none is not evidence either way, as a ratio over a base of 0.
      if (r.total === 0)
        return missing(`lists.${items.list!} = []`, {
          vi: `danh sách ${items.list!} không có mục nào`,
          en: `list ${items.list!} has no items`,
        });
      const share = Exact.HUNDRED.mulDiv(Exact.of(r.met), Exact.of(r.total));
      const read = (lang: 'vi' | 'en') =>
        `${subj(lang)}: ${r.met}/${r.total} = ${dec(share, lang)} %${r.failing.length ? (lang === 'vi' ? ` (chưa đạt: ${r.failing.join(', ')})` : ` (not met: ${r.failing.join(', ')})`) : ''}`;
      return outcome(inRange(share), { vi: read('vi'), en: read('en') });
    }
    if (ratio) {
      const n = inp.measure(ratio.numerator);
      const b = inp.measure(ratio.base);
      if (n === undefined || b === undefined) {
        const absent = [n === undefined ? ratio.numerator : undefined, b === undefined ? ratio.base : undefined].filter(Boolean).join(', ');
        return missing(absent, { vi: `không có ${absent}`, en: `${absent} absent` });
      }
      const read = (lang: 'vi' | 'en') => `${ratio.numerator} ÷ ${ratio.base} = ${dec(n, lang)} ÷ ${dec(b, lang)}`;
      // A base of 0 gives no share: "100 % of 0 tasks" is not evidence either way.
      if (b.isZero()) return missing(`${ratio.base} = 0`, { vi: `${read('vi')}: mẫu số bằng 0`, en: `${read('en')}: the base is 0` });
      const r = n.div(b).mul(Exact.HUNDRED);
      return outcome(inRange(r), { vi: `${read('vi')} = ${dec(r, 'vi')} %`, en: `${read('en')} = ${dec(r, 'en')} %` });
    }
    const id = measure ?? node!;
    const x = measure !== undefined ? inp.measure(id) : inp.points(id);
    if (x === undefined)
      return missing(id, {
        vi: measure !== undefined ? `không có ${id}` : `tiêu chí ${id} không áp dụng`,
        en: measure !== undefined ? `${id} absent` : `${id} does not apply`,
      });
    return outcome(inRange(x), { vi: `${subj('vi')} = ${dec(x, 'vi')}`, en: `${subj('en')} = ${dec(x, 'en')}` });
  };
}
