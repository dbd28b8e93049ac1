/**
 * Errors as data (lỗi dưới dạng dữ liệu): every problem the library finds in a user's file is an {@link Issue}
 * with a stable `code` from a closed union, the file, the path inside it, and a message in English and
 * Vietnamese. One error class, {@link ParIndexError}, carries a list of them.
 * @module
 */

/**
 * Every issue code the library can report. Tests and other apps may match on these.
 *
 * @example `ISSUE_CODES.includes('criteria.max-mismatch') // true`
 */
export const ISSUE_CODES = [
  // reading files
  'io.read',
  'io.too-large',
  'parse.yaml',
  'parse.json',
  'parse.csv',
  'parse.xlsx',
  // format versioning
  'format.missing',
  'format.unknown',
  'format.future-version',
  // schema (shape and types)
  'schema.invalid-type',
  'schema.required',
  'schema.unknown-key',
  'schema.invalid-value',
  'schema.invalid-number',
  'schema.invalid-date',
  // semantic checks of a criteria set
  'criteria.duplicate-id',
  'criteria.id-numbering',
  'criteria.max-mismatch',
  'criteria.leaf-without-rule',
  'criteria.parent-with-rule',
  'criteria.rule-cannot-reach-max',
  'criteria.rule-exceeds-max',
  'criteria.bands-overlap',
  'criteria.bands-gap',
  'criteria.band-order',
  'criteria.threshold-range',
  'criteria.deduction-no-floor',
  'criteria.undeclared-measure',
  'criteria.undeclared-survey',
  'criteria.formula-parse',
  'criteria.formula-forbidden',
  'criteria.formula-undeclared-input',
  'criteria.share-target',
  'criteria.block-cap',
  'criteria.draft',
  'criteria.unknown-rule-kind',
  'criteria.tie-break',
  // evidence
  'evidence.duplicate-unit',
  'evidence.duplicate-item',
  'evidence.unknown-unit',
  'evidence.unknown-node',
  'evidence.unknown-measure',
  'evidence.unknown-task',
  'evidence.out-of-range',
  'evidence.date-outside-period',
  'evidence.no-source',
  'evidence.missing',
  'evidence.inconsistent',
  'evidence.year-mismatch',
  'evidence.not-applicable-node',
  // registry
  'registry.not-found',
  'registry.duplicate',
  // evaluation
  'eval.rate-above-one',
  'eval.formula-runtime',
  'eval.shared-points',
  'eval.appraisal-clipped',
  'eval.no-applicable-max',
  // usage (command line, options)
  'usage.invalid',
  // working-day calendars (appended)
  'calendar.invalid',
  'calendar.out-of-range',
  'calendar.provisional',
  'calendar.beyond-coverage',
  // dossier records and aggregates (appended)
  'dossier.bad-header',
  'dossier.bad-date',
  'dossier.mixed-date-format',
  'dossier.resolved-before-received',
  'dossier.unknown-procedure',
  'dossier.unknown-unit',
  'dossier.duplicate-id',
  'dossier.missing-value',
  'dossier.bad-value',
  'dossier.due-mismatch',
  'dossier.rejected-rows',
  'dossier.aggregate-gap',
  'dossier.aggregate-rate',
  'dossier.unknown-measure',
  'eval.base-zero-rejected-rows',
  // inspections (appended)
  'inspection.invalid',
  'inspection.unknown-unit',
  'inspection.unknown-node',
  'inspection.inconsistent',
  // SIPAS questionnaires, responses, tallies (appended)
  'sipas.questionnaire',
  'sipas.unknown-item',
  'sipas.unknown-unit',
  'sipas.unknown-column',
  'sipas.missing-column',
  'sipas.answer-out-of-scale',
  'sipas.bad-weight',
  'sipas.rejected-rows',
  'sipas.empty',
  'sipas.tally-mismatch',
  'sipas.tally-overflow',
  'sipas.no-valid-answer',
  // score files, rankings, year-over-year comparison, rank uncertainty (appended)
  'scores.mixed-criteria',
  'scores.duplicate-unit',
  'compare.map-invalid',
  'compare.unknown-unit',
  'uncertainty.invalid',
  // published decisions and their verification (appended)
  'verify.missing-column',
  'verify.unknown-column',
  'verify.bad-value',
  'verify.duplicate-unit',
  'verify.unknown-band',
  'verify.unknown-unit',
  'verify.no-rows',
  // amendments, diffs, re-scoring and test cases as data (appended)
  'amend.base-mismatch',
  'amend.unknown-node',
  'amend.unknown-target',
  'amend.duplicate-id',
  'amend.invalid-move',
  'amend.invalid-change',
  'amend.no-effect',
  'amend.patch-mismatch',
  'rescore.counterfactual-year',
  'rescore.evidence-remapped',
  'rescore.evidence-not-used',
  'cases.invalid',
  'cases.unknown-node',
  'cases.criteria',
  // optional packages (appended)
  'io.missing-package',
  // scoring options (appended)
  'eval.invalid-option',
  // no silent wrong score (appended)
  'criteria.total-mismatch',
  'criteria.signed-measure',
  'eval.no-band',
  // text identity, number formats, table columns (appended)
  'text.invisible-char',
  'number.ambiguous',
  'table.duplicate-column',
  // survey integrity: rows, respondents, inputs and unit codes that would be counted wrongly (appended)
  'sipas.row-cells',
  'sipas.duplicate-respondent',
  'sipas.duplicate-input',
  'sipas.duplicate-unit-code',
  // hostile input, round two: a flood of problems cut short, files an evidence folder walk skips (appended)
  'issues.truncated',
  'io.skipped-file',
  // descriptors confined to their folder (appended)
  'io.outside-folder',
  // grades with conditions, nodes that apply by a condition (appended)
  'criteria.condition',
  'criteria.unknown-node',
  'eval.condition-missing',
  // a decision's own flaws, acknowledged as printed (appended)
  'criteria.duplicate-printed-id',
  'criteria.acknowledgement',
  // rules relative to the units scored together: a population too small, a unit without the grouping attribute (appended)
  'eval.population-alone',
  'eval.population-group',
  // quantifiers over lists in the evidence (appended)
  'criteria.undeclared-list',
  'evidence.unknown-list',
] as const;

/**
 * A stable identifier of one kind of problem.
 *
 * @example `const code: IssueCode = 'evidence.missing'`
 */
export type IssueCode = (typeof ISSUE_CODES)[number];

/**
 * Errors stop the work; warnings are reported beside the result and never change a number silently.
 *
 * @example `issues.filter((i) => i.severity === 'error')`
 */
export type Severity = 'error' | 'warning';

/**
 * One segment of a path into a user's file: an object key or an array index.
 *
 * @example `const path: PathSegment[] = ['tree', 2, 'children', 0, 'max']`
 */
export type PathSegment = string | number;

/**
 * One problem found in the user's input.
 *
 * @example
 * ```ts
 * { code: 'criteria.max-mismatch', severity: 'error', file: 'criteria/x.yaml', path: ['tree', 1, 'max'],
 *   message: 'max is 20 but its children add up to 18', messageVi: 'điểm tối đa là 20 nhưng tổng các tiêu chí con là 18' }
 * ```
 */
export interface Issue {
  /** Which kind of problem it is: a stable code from {@link ISSUE_CODES}. */
  readonly code: IssueCode;
  /** An error stops the work; a warning is reported beside the result. */
  readonly severity: Severity;
  /** The file the problem is in, when it came from a file. */
  readonly file?: string;
  /** Where inside the file: keys and indices, as in `tree[2].children[0].max`. */
  readonly path: readonly PathSegment[];
  /** English explanation, with what was expected and what was found. */
  readonly message: string;
  /** Vietnamese explanation. */
  readonly messageVi: string;
  /** The unit (đơn vị) concerned, for evidence and evaluation issues. */
  readonly unit?: string;
  /** The criteria node (tiêu chí) concerned: its unique `id`. */
  readonly node?: string;
  /** The node's number as the decision prints it, when the set gives one that differs from its `id` (`printedId`). */
  readonly printedId?: string;
  /** The line (1-based) of the file where the path points, when the input was text and the path resolves. */
  readonly line?: number;
  /** The column (1-based) of that line. */
  readonly col?: number;
}

/**
 * Renders a path as `tree[2].children[0].max`.
 *
 * @example `formatPath(['tree', 2, 'children', 0, 'max']) // "tree[2].children[0].max"`
 */
export function formatPath(path: readonly PathSegment[]): string {
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) s += s ? `.${seg}` : seg;
    else s += `[${JSON.stringify(seg)}]`;
  }
  return s;
}

/**
 * Renders where an issue is: `file: path`, naming the criterion by its printed number and giving the line and
 * column of the file when the issue knows them — `x.yaml: criterion 2.3.1 (tree[1].children[2].max), line 48 col 9`.
 *
 * @example `formatWhere({ file: 'criteria/x.yaml', path: ['tree', 1, 'max'] }) // "criteria/x.yaml: tree[1].max"`
 */
export function formatWhere(
  issue: Pick<Issue, 'file' | 'path'> & Partial<Pick<Issue, 'node' | 'printedId' | 'line' | 'col'>>,
  lang: Lang = 'en',
): string {
  let p = formatPath(issue.path);
  // A criterion is named only beside a path: an evaluation warning on a card (empty path) names its node itself.
  if (p && issue.node !== undefined) {
    const printed = issue.printedId ?? issue.node;
    const id = issue.printedId !== undefined && issue.printedId !== issue.node ? `id ${issue.node}; ` : '';
    p = `${lang === 'vi' ? 'tiêu chí' : 'criterion'} ${printed} (${id}${p})`;
  }
  if (p && issue.line !== undefined && issue.col !== undefined)
    p += lang === 'vi' ? `, dòng ${issue.line} cột ${issue.col}` : `, line ${issue.line} col ${issue.col}`;
  if (issue.file && p) return `${issue.file}: ${p}`;
  return issue.file ?? p;
}

/**
 * Renders an issue as one line in the chosen language.
 *
 * @example `formatIssue(e.issues[0], 'vi') // "lỗi [criteria.max-mismatch] criteria/x.yaml: tree[1].max: điểm tối đa là 20 nhưng …"`
 */
export function formatIssue(issue: Issue, lang: Lang = 'en'): string {
  const where = formatWhere(issue, lang);
  const level = lang === 'vi' ? (issue.severity === 'error' ? 'lỗi' : 'cảnh báo') : issue.severity;
  const msg = lang === 'vi' ? issue.messageVi : issue.message;
  return `${level} [${issue.code}]${where ? ` ${where}` : ''}: ${msg}`;
}

/**
 * Output language: Vietnamese (default of reports) or English.
 *
 * @example `explainText(card, 'en' satisfies Lang)`
 */
export type Lang = 'vi' | 'en';

/** Builds an issue. */
export function issue(
  code: IssueCode,
  severity: Severity,
  path: readonly PathSegment[],
  en: string,
  vi: string,
  extra: { file?: string | undefined; unit?: string | undefined; node?: string | undefined } = {},
): Issue {
  const out: { -readonly [K in keyof Issue]: Issue[K] } = { code, severity, path: Object.freeze([...path]), message: en, messageVi: vi };
  if (extra.file !== undefined) out.file = extra.file;
  if (extra.unit !== undefined) out.unit = extra.unit;
  if (extra.node !== undefined) out.node = extra.node;
  return Object.freeze(out);
}

/**
 * Most issues one {@link ParIndexError} carries: beyond them, one issue (`issues.truncated`) counts the rest. A
 * file with 200 000 bad entries would otherwise make a list no one reads and a message no terminal shows.
 */
export const MAX_REPORTED_ISSUES = 1000;

/** The first {@link MAX_REPORTED_ISSUES} issues, and one counting the others when there are more. */
function bounded(issues: readonly Issue[]): Issue[] {
  if (issues.length <= MAX_REPORTED_ISSUES) return issues.slice();
  const kept = issues.slice(0, MAX_REPORTED_ISSUES);
  const rest = issues.length - MAX_REPORTED_ISSUES;
  const errors = issues.slice(MAX_REPORTED_ISSUES).some((i) => i.severity === 'error');
  kept.push(
    issue(
      'issues.truncated',
      errors ? 'error' : 'warning',
      [],
      `${rest} more issue(s) not listed: the first ${MAX_REPORTED_ISSUES} are shown; fix them and read the input again`,
      `còn ${rest} vấn đề khác không liệt kê: chỉ hiện ${MAX_REPORTED_ISSUES} vấn đề đầu tiên; sửa chúng rồi đọc lại`,
      { file: issues[MAX_REPORTED_ISSUES]!.file },
    ),
  );
  return kept;
}

/** Marks every ParIndexError, whichever copy of the library made it (ESM and CommonJS builds, two installs). */
const BRAND = Symbol.for('par-index.ParIndexError');

/**
 * The one error type the library throws for bad input. It carries every problem found, not only the first.
 *
 * @example
 * ```ts
 * try { loadCriteriaSet(text, { file: 'x.yaml' }) }
 * catch (e) { if (e instanceof ParIndexError) for (const i of e.issues) console.log(formatIssue(i, 'vi')) }
 * ```
 */
export class ParIndexError extends Error {
  /** Every problem found (at least one). */
  readonly issues: readonly Issue[];

  constructor(issues: readonly Issue[], options?: { cause?: unknown }) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
    // The message counts all of them; the list keeps the first ones (see MAX_REPORTED_ISSUES).
    super(
      first ? `${formatIssue(first, 'en')}${more}` : 'invalid input',
      options?.cause !== undefined ? { cause: options.cause } : undefined,
    );
    this.name = 'ParIndexError';
    this.issues = Object.freeze(bounded(issues));
    Object.defineProperty(this, BRAND, { value: true });
  }

  /**
   * `e instanceof ParIndexError` holds for an error of any copy of the library: an app that loads both the ESM
   * and the CommonJS build (or `par-index` and `par-index/io` from two installs) still recognises it.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /** Throws when any of the issues is an error; otherwise returns the warnings. */
  static throwIfErrors(issues: readonly Issue[]): readonly Issue[] {
    if (issues.some((i) => i.severity === 'error')) throw new ParIndexError(issues.filter((i) => i.severity === 'error'));
    return issues;
  }
}

/** Adds the file name to issues that lack one. */
export function inFile(issues: readonly Issue[], file: string | undefined): Issue[] {
  if (file === undefined) return [...issues];
  return issues.map((i) => (i.file ? i : Object.freeze({ ...i, file })));
}
