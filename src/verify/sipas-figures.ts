/**
 * Published SIPAS figures checked against the questionnaire's declared composition (kiểm tra số liệu SIPAS công
 * bố): a part (services, policy) composed from its published group figures, the overall index from the published
 * (or composed) parts, each compared with the published figure within what the figures' rounding allows.
 * @module
 */
import { z } from 'zod';
import { deepFreeze } from '../core/document.js';
import { issue, ParIndexError, type Issue, type PathSegment } from '../core/errors.js';
import { Exact } from '../core/exact.js';
import type { Text } from '../core/text.js';
import { readDocument } from '../core/zod-helpers.js';
import type { Questionnaire } from '../sipas/questionnaire.js';
import { PARTS, ROUNDING_STAGES, type Part, type RoundingStage } from '../sipas/schema.js';
import { printedNumber, type Printed } from './printed.js';
import { show, t, X } from './rules.js';

/**
 * The format tag of a SIPAS figures file, without its version.
 *
 * @example `${SIPAS_FIGURES_FORMAT}@1` // 'par-index/sipas-figures@1'
 */
export const SIPAS_FIGURES_FORMAT = 'par-index/sipas-figures';

/**
 * The SIPAS figures document: the questionnaire whose options declare the composition, and the published figures
 * by index (`overall`, `services`, `policy`, or a group id), as printed.
 *
 * @example SipasFiguresSchema.safeParse({ format: 'par-index/sipas-figures@1', questionnaire: 'q.yaml', figures: { overall: '83,94' } }).success // true
 */
export const SipasFiguresSchema = z.strictObject({
  /** The format tag: `par-index/sipas-figures@1`. */
  format: z.string(),
  /** The questionnaire file (relative to this file): its `options` declare how parts and overall are composed. */
  questionnaire: z.string().min(1),
  /** What the figures are. */
  title: z.string().optional(),
  /** Where they were published. */
  source: z.string().optional(),
  /** The survey year. */
  year: z.number().int().optional(),
  /** Decimals of figures given as numbers (which do not show their printed decimals; default: their shortest form). */
  decimals: z.number().int().min(0).max(6).optional(),
  /** An absolute tolerance replacing the bound the figures' rounding allows. */
  tolerance: z.number().min(0).optional(),
  /** The published figures in %, by index: overall, services, policy, or a group id. */
  figures: z.record(z.string(), z.union([z.number(), z.string()])),
});

/**
 * Published SIPAS figures, read, with the questionnaire that declares their composition. Frozen.
 *
 * @example const f: SipasFigures = readSipasFigures('sipas-2024.figures.yaml')
 */
export interface SipasFigures {
  /** The file read. */
  readonly file?: string;
  /** The title. */
  readonly title?: string;
  /** The source. */
  readonly source?: string;
  /** The year. */
  readonly year?: number;
  /** The declared tolerance. */
  readonly tolerance?: number;
  /** The questionnaire. */
  readonly questionnaire: Questionnaire;
  /** The figures by index, as printed. */
  readonly figures: Readonly<Record<string, Printed>>;
}

/**
 * Reads a SIPAS figures document (parsed YAML/JSON) with its questionnaire, already loaded (`par-index/io`'s
 * `readSipasFigures` loads the one the file names). Every figure's index must be `overall`, `services`, `policy` or
 * a group of the questionnaire; every value a number. Throws {@link ParIndexError} naming the file and the key.
 *
 * @example loadSipasFigures({ format: 'par-index/sipas-figures@1', questionnaire: 'q.yaml', figures: { policy: '83,84' } }, q1001).figures.policy.value // 83.84
 */
export function loadSipasFigures(doc: unknown, questionnaire: Questionnaire, opts: { file?: string | undefined } = {}): SipasFigures {
  const file = opts.file;
  const data = readDocument(doc, { file }, { format: SIPAS_FIGURES_FORMAT, version: 1, schema: SipasFiguresSchema, reportInput: true });
  const known = new Set<string>(['overall', ...PARTS, ...questionnaire.groups.filter((g) => g.part !== undefined).map((g) => g.id)]);
  const issues: Issue[] = [];
  const figures: Record<string, Printed> = {};
  for (const [k, v] of Object.entries(data.figures)) {
    if (!known.has(k)) {
      issues.push(
        issue(
          'schema.invalid-value',
          'error',
          ['figures', k],
          `"${k}" is not an index of questionnaire ${questionnaire.id} ${questionnaire.version}: overall, services, policy or a group (${[...known].slice(3).join(', ')})`,
          `"${k}" không phải chỉ số của bộ câu hỏi ${questionnaire.id} ${questionnaire.version}: overall, services, policy hoặc một nhóm (${[...known].slice(3).join(', ')})`,
          { file },
        ),
      );
      continue;
    }
    const p = printedNumber(v, data.decimals);
    if (!p) {
      issues.push(
        issue(
          'verify.bad-value',
          'error',
          ['figures', k],
          `${k}: "${String(v)}" is not a number (write 83,94 or 83.94)`,
          `${k}: "${String(v)}" không phải là số (viết 83,94 hoặc 83.94)`,
          { file },
        ),
      );
      continue;
    }
    figures[k] = p;
  }
  if (issues.length) throw new ParIndexError(issues);
  return deepFreeze({
    ...(file !== undefined ? { file } : {}),
    ...(data.title !== undefined ? { title: data.title } : {}),
    ...(data.source !== undefined ? { source: data.source } : {}),
    ...(data.year !== undefined ? { year: data.year } : {}),
    ...(data.tolerance !== undefined ? { tolerance: data.tolerance } : {}),
    questionnaire,
    figures,
  });
}

/**
 * One composed figure: what the declared composition gives from the published components, beside the published
 * figure.
 *
 * @example report.figures.find((f: ComposedFigure) => f.index === 'overall')?.composed // '83.965'
 */
export interface ComposedFigure {
  /** The index composed: `services`, `policy` or `overall`. */
  readonly index: 'services' | 'policy' | 'overall';
  /** The composed value, exact (before any rounding at its own stage), as a decimal text. */
  readonly composed: string;
  /** The composed value as "n/d". */
  readonly exact: string;
  /** How far the composed value may be from the true one, given the rounding of its inputs. */
  readonly bound: number;
  /** How it was composed, in words. */
  readonly how: Text;
  /** The published figure, if printed. */
  readonly published: number | null;
}

/**
 * A published figure the declared composition does not give.
 *
 * @example report.findings[0] // { index: 'overall', published: 83.94, expected: 83.97, … }
 */
export interface SipasFinding {
  /** The index. */
  readonly index: 'services' | 'policy' | 'overall';
  /** The file. */
  readonly file?: string;
  /** Where the published figure is in the file. */
  readonly path: readonly PathSegment[];
  /** The published figure. */
  readonly published: number;
  /** The composed figure, rounded to the published decimals (the questionnaire's rounding mode). */
  readonly expected: number;
  /** The composed figure, exact, as a decimal text. */
  readonly composed: string;
  /** published − composed (exact), rounded to 6 decimals. */
  readonly delta: number;
  /** The tolerance used. */
  readonly tolerance: number;
  /** How the tolerance was found. */
  readonly toleranceRule: Text;
  /** The finding in English. */
  readonly message: string;
  /** The finding in Vietnamese. */
  readonly messageVi: string;
}

/**
 * The result of {@link verifySipasFigures}. Frozen.
 *
 * @example const r: SipasFiguresReport = verifySipasFigures(f); r.ok // false for the 2024 national figures
 */
export interface SipasFiguresReport {
  /** True when every published figure that could be composed is what the composition gives. */
  readonly ok: boolean;
  /** The file. */
  readonly file?: string;
  /** The title. */
  readonly title?: string;
  /** The questionnaire and its declared composition. */
  readonly questionnaire: {
    /** Its id. */
    readonly id: string;
    /** Its version. */
    readonly version: string;
    /** Part, overall and rounding options, in words. */
    readonly composition: Text;
  };
  /** Every figure composed. */
  readonly figures: readonly ComposedFigure[];
  /** What could not be composed, and why. */
  readonly notComposed: readonly Text[];
  /** Published figures the composition does not give. */
  readonly findings: readonly SipasFinding[];
}

interface Val {
  x: Exact;
  bound: Exact;
  how: Text;
}

const half = (d: number) => Exact.ratio(5, 10 ** (d + 1));
const PART_NAME: Record<Part, Text> = { services: t('dịch vụ hành chính công', 'services'), policy: t('chính sách', 'policy') };

/**
 * Composes the questionnaire's parts and overall index from the published figures, as its options declare
 * (`part.method: mean-of-groups`, `overall.method: mean-of-parts | services | policy`, `rounding.stage`), and flags
 * each published part or overall the composition does not give. A part is composed from its groups when every
 * group of the part is published; the overall from the published parts (or those composed). A published figure
 * stands for every value within half of its last digit, so a composed value carries the bound its inputs allow
 * (a mean of figures printed to d decimals: ½·10^-d; rounding at an intermediate stage adds ½·10^-precision) and
 * is compared with the published figure within that bound plus half of the published figure's last digit — or
 * within the declared `tolerance`.
 *
 * @example
 * ```ts
 * const r = verifySipasFigures(loadSipasFigures({ format: 'par-index/sipas-figures@1', questionnaire: 'q.yaml',
 *   figures: { policy: '83,84', services: '84,09', overall: '83,94' } }, q1001));
 * r.findings[0]?.composed; // '83.965': mean of the parts, 0.025 from 83.94, beyond 0.005 + 0.005
 * ```
 */
export function verifySipasFigures(f: SipasFigures, opts: { tolerance?: number } = {}): SipasFiguresReport {
  const q = f.questionnaire;
  const o = q.options;
  const file = f.file;
  const declared = opts.tolerance ?? f.tolerance;
  const roundsAt = (s: RoundingStage) => ROUNDING_STAGES.indexOf(s) >= ROUNDING_STAGES.indexOf(o.rounding.stage);
  const notComposed: Text[] = [];
  const composedFigures: ComposedFigure[] = [];
  const findings: SipasFinding[] = [];
  const printedVal = (k: string): Val | undefined => {
    const p = f.figures[k];
    return p ? { x: X(p), bound: half(p.decimals), how: t(`${k} ${p.text}`, `${k} ${p.text}`) } : undefined;
  };
  const mean = (vals: readonly Val[], what: Text): Val => {
    let x = Exact.ZERO;
    let b = Exact.ZERO;
    for (const v of vals) {
      x = x.add(v.x);
      b = b.add(v.bound);
    }
    const k = Exact.of(vals.length);
    return {
      x: x.div(k),
      bound: b.div(k),
      how: t(
        `${what.vi}: trung bình của ${vals.map((v) => v.how.vi).join(', ')}`,
        `${what.en}: mean of ${vals.map((v) => v.how.en).join(', ')}`,
      ),
    };
  };
  // An intermediate value rounded at its stage before it is used further: its value and bound as the next step sees them.
  const asInput = (v: Val, stage: RoundingStage): Val =>
    roundsAt(stage)
      ? { x: v.x.round(o.rounding.precision, o.rounding.mode), bound: v.bound.add(half(o.rounding.precision)), how: v.how }
      : v;
  const check = (index: 'services' | 'policy' | 'overall', v: Val) => {
    const p = f.figures[index] ?? null;
    composedFigures.push({
      index,
      composed: v.x.toString(6),
      exact: v.x.toRatio(),
      bound: v.bound.toNumber(),
      how: v.how,
      published: p ? p.value : null,
    });
    if (!p) return;
    const tol = declared !== undefined ? Exact.of(declared) : v.bound.add(half(p.decimals));
    const rule =
      declared !== undefined
        ? t(`sai số khai báo ±${Exact.of(declared).toString()}`, `declared tolerance ±${Exact.of(declared).toString()}`)
        : t(
            `±${show(v.bound, p.decimals + 1, 'vi')} do làm tròn các số liệu thành phần + ±${show(half(p.decimals), p.decimals + 1, 'vi')} của số liệu công bố`,
            `±${show(v.bound, p.decimals + 1, 'en')} from the components' rounding + ±${show(half(p.decimals), p.decimals + 1, 'en')} of the published figure`,
          );
    const delta = X(p).sub(v.x);
    if (delta.abs().lte(tol)) return;
    const expected = v.x.round(p.decimals, o.rounding.mode);
    findings.push({
      index,
      ...(file !== undefined ? { file } : {}),
      path: ['figures', index],
      published: p.value,
      expected: expected.toNumber(),
      composed: v.x.toString(6),
      delta: delta.round(6, 'half-up').toNumber(),
      tolerance: tol.toNumber(),
      toleranceRule: rule,
      message: `${index}: published ${p.text}, but the declared composition (${v.how.en}) gives ${v.x.toString(6)} (${show(expected, p.decimals, 'en')} rounded): ${delta.abs().toString(6)} apart, beyond ${tol.toString(6)} (${rule.en})`,
      messageVi: `${index}: công bố ${p.text}, nhưng cách tổng hợp đã khai báo (${v.how.vi}) cho ${v.x.toString(6).replace('.', ',')} (làm tròn ${show(expected, p.decimals, 'vi')}): lệch ${delta.abs().toString(6).replace('.', ',')}, vượt ${tol.toString(6).replace('.', ',')} (${rule.vi})`,
    });
  };
  const parts: Partial<Record<Part, Val>> = {};
  for (const part of PARTS) {
    const groups = q.groups.filter((g) => g.part === part);
    const given = groups.filter((g) => f.figures[g.id] !== undefined);
    if (given.length > 0 && given.length < groups.length)
      notComposed.push(
        t(
          `${part}: thiếu số liệu của ${groups
            .filter((g) => f.figures[g.id] === undefined)
            .map((g) => g.id)
            .join(', ')}, không tổng hợp được từ các nhóm`,
          `${part}: ${groups
            .filter((g) => f.figures[g.id] === undefined)
            .map((g) => g.id)
            .join(', ')} not published, not composed from its groups`,
        ),
      );
    else if (given.length > 0 && o.part.method !== 'mean-of-groups')
      notComposed.push(
        t(
          `${part}: phương pháp ${o.part.method} cần câu trả lời, không tổng hợp được từ số liệu nhóm`,
          `${part}: method ${o.part.method} needs answers, not group figures`,
        ),
      );
    else if (given.length > 0) {
      const v = mean(
        given.map((g) => printedVal(g.id)!),
        PART_NAME[part],
      );
      check(part, v);
      parts[part] = asInput(v, 'part');
    }
    // A published part is what the overall is composed from; a composed one stands in only when it is not published.
    const pv = printedVal(part);
    if (pv)
      parts[part] = { ...pv, how: t(`${PART_NAME[part].vi} ${f.figures[part]!.text}`, `${PART_NAME[part].en} ${f.figures[part]!.text}`) };
  }
  const m = o.overall.method;
  if (m === 'mean-of-parts') {
    if (parts.services && parts.policy) check('overall', mean([parts.policy, parts.services], t('SIPAS', 'SIPAS')));
    else if (f.figures['overall'])
      notComposed.push(
        t(
          `overall: cần cả chính sách và dịch vụ (công bố hoặc tổng hợp được), thiếu ${PARTS.filter((p) => !parts[p]).join(', ')}`,
          `overall: needs both policy and services (published or composed), ${PARTS.filter((p) => !parts[p]).join(', ')} missing`,
        ),
      );
  } else {
    const only = parts[m];
    if (only) check('overall', { ...only, how: t(`SIPAS = ${only.how.vi}`, `SIPAS = ${only.how.en}`) });
    else if (f.figures['overall']) notComposed.push(t(`overall: thiếu ${m}`, `overall: ${m} missing`));
  }
  const composition = t(
    `phần: ${o.part.method}; SIPAS: ${m}; làm tròn từ cấp ${o.rounding.stage}, ${o.rounding.precision} chữ số, ${o.rounding.mode}`,
    `parts: ${o.part.method}; SIPAS: ${m}; rounded from stage ${o.rounding.stage}, ${o.rounding.precision} decimals, ${o.rounding.mode}`,
  );
  return deepFreeze({
    ok: findings.length === 0,
    ...(file !== undefined ? { file } : {}),
    ...(f.title !== undefined ? { title: f.title } : {}),
    questionnaire: { id: q.id, version: q.version, composition },
    figures: composedFigures,
    notComposed,
    findings,
  });
}
