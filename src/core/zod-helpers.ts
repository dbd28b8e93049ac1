/**
 * Shared zod pieces: numbers written the Vietnamese way ("0,25"), ISO dates, legal references, and the
 * translation of zod's issues into the library's bilingual {@link Issue}s.
 * @module
 */
import { z } from 'zod';
import { Exact } from './exact.js';
import { checkFormat, checkFormatTag, parseTextLocated, type Locator, type ParseLimits } from './document.js';
import { inFile, issue, MAX_REPORTED_ISSUES, ParIndexError, type Issue, type IssueCode, type PathSegment } from './errors.js';
import { invisibleChar, nfcDeep, showInvisible } from './text.js';
import { maxOf, pushAll } from './lists.js';
import { beyondLimit, resolveLimits, type Limits } from './limits.js';

/**
 * The largest magnitude a number in a file may have: beyond 2^53 − 1 a double no longer holds every whole number,
 * so "12345678901234567890" would be read as 12345678901234567000 — a different figure, silently.
 */
export const MAX_NUMBER = Number.MAX_SAFE_INTEGER;

/**
 * True for number text that exact arithmetic should not even try to read: longer than 60 characters, or with an
 * exponent beyond ±400. Reading "1e9999999999" exactly throws RangeError (BigInt too large) and "1e9999999" takes
 * minutes; no figure in a file needs either. Callers treat such text as not readable.
 *
 * @example `isExtremeDecimal('1e9999999999') // true`
 */
export function isExtremeDecimal(text: string): boolean {
  const t = text.trim();
  if (t.length > 60) return true;
  const e = /[eE]([+-]?\d+)$/.exec(t);
  return e !== null && Math.abs(Number(e[1])) > 400;
}

/**
 * A number, or a decimal written as text with a comma or a point ("0,25", "31.50"). Output: a finite number.
 * Non-finite values (NaN, Infinity) and magnitudes beyond {@link MAX_NUMBER} are refused.
 */
export const Num = z.union([z.number(), z.string()]).transform((v, ctx) => {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) {
      ctx.addIssue({ code: 'custom', message: 'expected a finite number', params: { kind: 'number' } });
      return z.NEVER;
    }
    if (Math.abs(v) > MAX_NUMBER) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a number of at most ${MAX_NUMBER} in size, got ${v}: it cannot be read exactly`,
        params: { kind: 'number' },
      });
      return z.NEVER;
    }
    return v;
  }
  if (isExtremeDecimal(v)) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a number of at most ${MAX_NUMBER} in size, got "${v.trim().slice(0, 40)}${v.trim().length > 40 ? '…' : ''}": it cannot be read exactly`,
      params: { kind: 'number' },
    });
    return z.NEVER;
  }
  const e = Exact.parse(v);
  const n = e?.toNumber();
  if (n === undefined || !Number.isFinite(n)) {
    ctx.addIssue({ code: 'custom', message: `expected a number (e.g. 0,25 or 0.25), got "${v}"`, params: { kind: 'number' } });
    return z.NEVER;
  }
  if (Math.abs(n) > MAX_NUMBER) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a number of at most ${MAX_NUMBER} in size, got "${v}": it cannot be read exactly`,
      params: { kind: 'number' },
    });
    return z.NEVER;
  }
  return n;
});

/**
 * A name (of a unit, as files and exports write it): non-empty text without an invisible character (zero-width
 * space, ZWNJ/ZWJ, a BOM inside the text, a soft hyphen…), which is refused (`text.invisible-char`) rather than
 * removed: two names that look the same must be the same. Texts read from files are composed (NFC) already.
 */
export const Name = z
  .string()
  .min(1)
  .superRefine((s, ctx) => {
    const at = invisibleChar(s);
    if (at)
      ctx.addIssue({
        code: 'custom',
        message: `"${showInvisible(s)}" holds an invisible character ${at.code} at position ${at.index + 1}: remove it`,
        params: {
          kind: 'invisible',
          vi: `"${showInvisible(s)}" chứa ký tự ẩn ${at.code} ở vị trí ${at.index + 1}: hãy xoá ký tự này`,
        },
      });
  });

/** A non-negative {@link Num}. */
export const NonNeg = Num.refine((n) => n >= 0, { message: 'expected a number ≥ 0', params: { kind: 'number' } });

/** An ISO calendar date, YYYY-MM-DD, that exists (years 1900–2200). */
export const IsoDate = z
  .string()
  // abort: a date in the wrong shape gets this one message, not also "not an existing date".
  .regex(/^\d{4}-\d{2}-\d{2}$/, { abort: true, error: (i) => wrongDateShape(i.input) })
  .refine(isIsoDate, { message: 'expected an existing calendar date (YYYY-MM-DD, years 1900–2200)', params: { kind: 'date' } });

/** The message for a date not written YYYY-MM-DD: a dd/mm/yyyy date is named as such, with its ISO form. */
function wrongDateShape(input: unknown): string {
  const m = typeof input === 'string' ? /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(input.trim()) : null;
  if (m) {
    const iso = `${m[4]}-${m[3]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
    return `"${input as string}" is written dd/mm/yyyy: write it as YYYY-MM-DD${isIsoDate(iso) ? `, ${iso}` : ''}`;
  }
  return 'expected a date as YYYY-MM-DD';
}

/** True for an existing calendar date written YYYY-MM-DD, years 1900–2200. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
  const dim = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= dim;
}

/**
 * A reference to the legal text behind a node or an option (căn cứ pháp lý).
 *
 * @example `{ ref: 'Quyết định 1149/QĐ-BNV', article: 'Phụ lục I, mục 2.3' }`
 */
export const LegalRef = z.union([
  z
    .string()
    .min(1)
    .transform(
      (
        ref,
      ): {
        /** The document: "Quyết định 1149/QĐ-BNV". */
        ref: string;
        /** Article, clause, annex: "Phụ lục I, mục 2.3". */
        article?: string;
        /** A short quotation of the text. */
        quote?: string;
        /** Where the published text can be read. */
        url?: string;
      } => ({ ref }),
    ),
  z.strictObject({
    /** The document: "Quyết định 1149/QĐ-BNV". */
    ref: z.string().min(1),
    /** Article, clause, annex: "Phụ lục I, mục 2.3". */
    article: z.string().optional(),
    /** A short quotation of the text. */
    quote: z.string().optional(),
    /** Where the published text can be read. */
    url: z.string().optional(),
  }),
]);
export type LegalRef = z.output<typeof LegalRef>;

/** A slug-like identifier: letters, digits, ".", "-", "_". */
export const Id = z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}._\-/]*$/u, 'expected an id of letters, digits, ".", "-", "_" or "/"');

/* eslint-disable no-useless-escape -- the regex's source is a pattern in the published schema/*.json: keep its bytes */
/** A node id as printed in the decision: "2", "2.3", "2.3.1", or a label such as "IX" or "B.1". */
export const NodeId = z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}._\-]*$/u, 'expected a node id as printed in the decision, e.g. "2.3.1"');
/* eslint-enable no-useless-escape */

function receivedType(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}

/**
 * Converts zod issues into library issues, with the file name and a bilingual message that names what was
 * expected.
 */
export function fromZodIssues(zi: readonly z.core.$ZodIssue[], file: string | undefined, prefix: readonly PathSegment[] = []): Issue[] {
  const out: Issue[] = [];
  for (const i of zi) {
    const path = [...prefix, ...(i.path as PathSegment[])];
    // NaN or ±Infinity (YAML .nan, .inf, 1e400) fails a number check, or every branch of a union such as a
    // number-or-object entry; say what is wrong with the value rather than that it matches no form.
    const nf = nonFinite(i);
    if (nf !== undefined) {
      out.push(
        issue('schema.invalid-number', 'error', path, `expected a finite number, got ${nf}`, `cần một số hữu hạn, nhận được ${nf}`, {
          file,
        }),
      );
      continue;
    }
    // A key refused by its own schema (a unit name with an invisible character): report the key's issues.
    if (i.code === 'invalid_key' && i.issues.length > 0) {
      pushAll(out, fromZodIssues(i.issues, file, path));
      continue;
    }
    let code: IssueCode = 'schema.invalid-value';
    let en = i.message;
    let vi = i.message;
    switch (i.code) {
      case 'invalid_type': {
        // zod 4 carries the input only when parsing with { reportInput: true }; its message always names the
        // received type ("…, received boolean"), so fall back on that rather than calling a wrong type missing.
        const got =
          'input' in i ? receivedType((i as { input?: unknown }).input) : (/received (\w+)\s*$/.exec(i.message)?.[1] ?? 'undefined');
        if (got === 'undefined') {
          code = 'schema.required';
          en = `required: expected ${i.expected}`;
          vi = `thiếu trường bắt buộc: cần ${viType(i.expected)}`;
        } else {
          code = 'schema.invalid-type';
          en = `expected ${i.expected}, got ${got}`;
          vi = `cần ${viType(i.expected)}, nhận được ${viType(got)}`;
        }
        break;
      }
      case 'unrecognized_keys':
        code = 'schema.unknown-key';
        en = `unknown key(s): ${i.keys.join(', ')} (check the spelling against the format)`;
        vi = `trường không hợp lệ: ${i.keys.join(', ')} (kiểm tra chính tả theo định dạng)`;
        break;
      case 'invalid_value':
        en = `expected one of ${i.values.map((v) => JSON.stringify(v)).join(', ')}`;
        vi = `giá trị phải là một trong ${i.values.map((v) => JSON.stringify(v)).join(', ')}`;
        break;
      case 'invalid_union': {
        // Report the most specific branch's problems when a union fails.
        const nested = (i as { errors?: z.core.$ZodIssue[][] }).errors ?? [];
        const best = nested.slice().sort((a, b) => depth(b) - depth(a))[0];
        if (best && best.length > 0 && depth(best) > 0) {
          pushAll(out, fromZodIssues(best, file, path));
          continue;
        }
        en = 'value does not match any accepted form';
        vi = 'giá trị không khớp với dạng nào được chấp nhận';
        break;
      }
      case 'too_small':
      case 'too_big': {
        const bound = i.code === 'too_small' ? (i as { minimum: unknown }).minimum : (i as { maximum: unknown }).maximum;
        const cmp = i.code === 'too_small' ? (i.inclusive ? '≥' : '>') : i.inclusive ? '≤' : '<';
        en = `expected ${i.origin === 'array' || i.origin === 'string' ? 'length ' : ''}${cmp} ${String(bound)}`;
        vi = `cần ${i.origin === 'array' || i.origin === 'string' ? 'độ dài ' : ''}${cmp} ${String(bound)}`;
        break;
      }
      case 'invalid_format':
        if (i.message.includes('YYYY-MM-DD')) code = 'schema.invalid-date';
        en = `${i.message}`;
        vi = viCustom(i.message);
        break;
      case 'custom': {
        const kind = (i.params as { kind?: string } | undefined)?.kind;
        if (kind === 'number') code = 'schema.invalid-number';
        if (kind === 'date') code = 'schema.invalid-date';
        if (kind === 'invisible') code = 'text.invisible-char';
        // A custom check may carry its own Vietnamese text (params.vi); else the known messages are translated.
        const ownVi = (i.params as { vi?: unknown } | undefined)?.vi;
        vi = typeof ownVi === 'string' ? ownVi : viCustom(i.message);
        break;
      }
      default:
        break;
    }
    out.push(issue(code, 'error', path, en, vi, { file }));
  }
  return out;
}

/** "NaN", "Infinity" or "-Infinity" when a zod issue (or a branch of a union issue) was given such a number. */
function nonFinite(i: z.core.$ZodIssue): string | undefined {
  if (i.code === 'invalid_type') {
    const got = (i as { received?: unknown }).received;
    return got === 'NaN' || got === 'Infinity' || got === '-Infinity' ? got : undefined;
  }
  if (i.code === 'invalid_union') {
    for (const branch of (i as { errors?: z.core.$ZodIssue[][] }).errors ?? [])
      for (const b of branch)
        if (b.path.length === 0) {
          const r = nonFinite(b);
          if (r !== undefined) return r;
        }
  }
  return undefined;
}

function depth(issues: readonly z.core.$ZodIssue[]): number {
  return maxOf([0, ...issues.map((i) => i.path.length + (i.code === 'invalid_type' ? 0 : 0.5))]);
}

const VI_TYPES: Record<string, string> = {
  string: 'chuỗi ký tự',
  number: 'số',
  object: 'đối tượng',
  array: 'danh sách',
  boolean: 'đúng/sai',
  null: 'null',
  undefined: 'không có giá trị',
};

function viType(t: string): string {
  return VI_TYPES[t] ?? t;
}

function viCustom(msg: string): string {
  return msg
    .replace(/^expected a finite number/, 'cần một số hữu hạn')
    .replace(
      /^expected a number of at most (\d+) in size, got (.*): it cannot be read exactly$/,
      'cần một số có độ lớn không quá $1, nhận được $2: không đọc chính xác được',
    )
    .replace(/^expected a number ≥ 0/, 'cần một số ≥ 0')
    .replace(/^expected a number \(e\.g\. 0,25 or 0\.25\), got/, 'cần một số (ví dụ 0,25), nhận được')
    .replace(/^expected a date as YYYY-MM-DD$/, 'cần ngày dạng YYYY-MM-DD')
    .replace(
      /^(".*") is written dd\/mm\/yyyy: write it as YYYY-MM-DD/,
      '$1 là ngày viết theo kiểu dd/mm/yyyy: cần ghi ngày dạng YYYY-MM-DD',
    )
    .replace(/^expected an existing calendar date.*$/, 'ngày không tồn tại (cần YYYY-MM-DD, năm 1900–2200)')
    .replace(/^expected an id of letters, digits.*$/, 'mã chỉ gồm chữ, số, ".", "-", "_" hoặc "/"')
    .replace(/^expected a node id as printed.*$/, 'mã tiêu chí như trong quyết định, ví dụ "2.3.1"');
}

/**
 * What a versioned data file is checked against: its format tag and version, and its schema.
 *
 * @example `{ format: 'par-index/cases', version: 1, schema: CasesSchema } satisfies DocumentSpec<typeof CasesSchema>`
 */
export interface DocumentSpec<S extends z.ZodType> {
  /** The format tag without its version, e.g. `par-index/cases`. */
  readonly format: string;
  /** The newest version this library reads. */
  readonly version: number;
  /** The schema of the file's content. */
  readonly schema: S;
  /** Keep the offending input in zod's issues (their messages then say what was found). */
  readonly reportInput?: boolean;
  /**
   * Top-level lists a limit bounds (an array, or an object keyed by id), counted before the schema walks them:
   * the key, the limit, and what the list holds, for the message.
   */
  readonly bounded?: readonly { readonly key: string; readonly limit: keyof Limits; readonly what: { en: string; vi: string } }[];
  /**
   * The node of the file a path lies in (for a criteria set: the deepest tree node on the path), so that a
   * message names it by its printed number; read from the data as parsed, before the schema.
   */
  readonly nodeOf?: (
    doc: unknown,
    path: readonly PathSegment[],
  ) => { readonly id: string; readonly printedId?: string | undefined } | undefined;
}

/**
 * The steps every versioned data file of the library goes through: parse the text (YAML or JSON; parsed data is
 * taken as is), check its `format` tag and version, validate it against its schema, then run its semantic checks.
 * Returns every problem found at the first step that fails, never throws for bad input.
 *
 * @example
 * ```ts
 * const r = checkDocument(text, { file: 'x.yaml' }, { format: 'par-index/criteria', version: 1, schema: CriteriaSetSchema, semantics: (d, f) => checkSemantics(d, f) });
 * if (r.ok) r.data; // validated, with defaults
 * ```
 */
export function checkDocument<S extends z.ZodType>(
  input: unknown,
  opts: { file?: string | undefined; limits?: ParseLimits | undefined },
  spec: DocumentSpec<S> & { semantics?: (data: z.output<S>, file: string | undefined) => Issue[] },
): { ok: false; issues: readonly Issue[] } | { ok: true; issues: readonly Issue[]; data: z.output<S> } {
  const file = opts.file;
  let doc: unknown;
  let locator: (() => Locator | undefined) | undefined;
  try {
    if (typeof input === 'string') {
      const parsed = parseTextLocated(input, { file, ...(opts.limits ? { limits: opts.limits } : {}) });
      doc = parsed.data;
      locator = parsed.locator;
    } else doc = input;
  } catch (e) {
    if (e instanceof ParIndexError) return { ok: false, issues: e.issues };
    throw e;
  }
  // Text was checked for depth and `__proto__` keys by parseText, with these limits, and nobody else has seen the
  // data since: only its format tag is left to check. Data from the caller is walked here.
  const fmt =
    typeof input === 'string'
      ? checkFormatTag(doc, spec.format, spec.version, file)
      : checkFormat(doc, spec.format, spec.version, file, opts.limits);
  if (fmt.length > 0) return { ok: false, issues: fmt };
  if (spec.bounded) {
    const lim = resolveLimits(opts.limits);
    const d = doc as Record<string, unknown>;
    for (const b of spec.bounded) {
      const v = d[b.key];
      const n = Array.isArray(v) ? v.length : v !== null && typeof v === 'object' ? Object.keys(v).length : 0;
      if (n > lim[b.limit]) return { ok: false, issues: beyondLimit(b.limit, n, lim[b.limit], b.what, [b.key], file).issues };
    }
  }
  // Parsed data from the caller is composed to NFC as text read from a file is (its depth was checked above).
  if (typeof input !== 'string') doc = nfcDeep(doc);
  const placed = (issues: readonly Issue[]) => locateIssues(issues, doc, locator, spec.nodeOf);
  const parsed = spec.schema.safeParse(doc, spec.reportInput ? { reportInput: true } : undefined);
  if (!parsed.success) return { ok: false, issues: placed(fromZodIssues(parsed.error.issues, file)) };
  const issues = placed(inFile(spec.semantics ? spec.semantics(parsed.data, file) : [], file));
  if (issues.some((i) => i.severity === 'error')) return { ok: false, issues };
  return { ok: true, issues, data: parsed.data };
}

/**
 * @internal Issues with the node their path lies in (named by its printed number) and, for text, the line and
 * column the path points to (`locator`, from the parse: YAML keeps its document, JSON is parsed again only when
 * some issue has a path, so a valid file pays nothing).
 */
export function locateIssues(
  issues: readonly Issue[],
  doc: unknown,
  locator: (() => Locator | undefined) | undefined,
  nodeOf: DocumentSpec<z.ZodType>['nodeOf'],
): readonly Issue[] {
  if (!issues.some((i) => i.path.length > 0)) return issues;
  const locate = locator?.();
  if (!locate && !nodeOf) return issues;
  // No more are reported (ParIndexError keeps the first MAX_REPORTED_ISSUES): the rest are not worth placing.
  return issues.map((i, k) => {
    if (i.path.length === 0 || k >= MAX_REPORTED_ISSUES) return i;
    const extra: { -readonly [K in 'node' | 'printedId' | 'line' | 'col']?: Issue[K] } = {};
    const n = nodeOf?.(doc, i.path);
    // A semantic check names its node itself; one that names another (a tie-break's target) is left as it is.
    if (n && (i.node === undefined || i.node === n.id)) {
      if (i.node === undefined) extra.node = n.id;
      if (n.printedId !== undefined && n.printedId !== n.id) extra.printedId = n.printedId;
    }
    const pos = locate?.(i.path);
    if (pos) {
      extra.line = pos.line;
      extra.col = pos.col;
    }
    return Object.keys(extra).length ? Object.freeze({ ...i, ...extra }) : i;
  });
}

/**
 * {@link checkDocument} for loaders whose own checks come after: parses, checks the format and the schema, and
 * returns the validated data or throws {@link ParIndexError} with every problem of the first step that failed.
 *
 * @example `const data = readDocument(text, { file: 'x.cases.yaml' }, { format: CASES_FORMAT, version: 1, schema: CasesSchema })`
 */
export function readDocument<S extends z.ZodType>(
  input: unknown,
  opts: { file?: string | undefined; limits?: ParseLimits | undefined },
  spec: DocumentSpec<S>,
): z.output<S> {
  const r = checkDocument(input, opts, spec);
  if (!r.ok) throw new ParIndexError(r.issues);
  return r.data;
}
