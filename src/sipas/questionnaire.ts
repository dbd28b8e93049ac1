/**
 * Loading a questionnaire (nạp bộ câu hỏi): parse, check the format version, validate the schema, run the
 * semantic checks (`questionnaire-checks.ts`), freeze and hash — as criteria sets are loaded. What it says about
 * its own certainty is `questionnaire-provenance.ts`; the compiled answer layout every tally of the
 * questionnaire shares is `layout.ts`.
 * @module
 */
import { deepFreeze, type ParseLimits } from '../core/document.js';
import { ParIndexError, type Issue } from '../core/errors.js';
import { contentHash } from '../core/hash.js';
import { checkDocument } from '../core/zod-helpers.js';
import type { ProvenanceReport } from '../criteria/provenance.js';
import { checkQuestionnaireSemantics } from './questionnaire-checks.js';
import { questionnaireProvenance, unverifiedPaths } from './questionnaire-provenance.js';
import { QUESTIONNAIRE_FORMAT, QUESTIONNAIRE_FORMAT_VERSION, QuestionnaireSchema, type QuestionnaireData } from './schema.js';

/**
 * A checked, frozen questionnaire (bộ câu hỏi) with its content hash. Tallies and results name the hash, so a
 * tally cannot be read against another version of the instrument.
 *
 * @example `loadQuestionnaire(text).hash // 'sha256:…'`
 */
export type Questionnaire = QuestionnaireData & {
  /** `sha256:…` of the questionnaire's canonical JSON. */
  readonly hash: string;
  /** The file it was loaded from, when known. */
  readonly file?: string | undefined;
  /** Paths (as text) of every option and item marked "unverified", for reports. */
  readonly unverified: readonly string[];
  /** What the questionnaire says about its own certainty: its assumptions, and entries that declare nothing. */
  readonly provenanceReport: ProvenanceReport;
};

/**
 * The result of {@link checkQuestionnaire}: every problem, and the questionnaire when there is no error.
 *
 * @example `checkQuestionnaire(text).ok // false, with every issue listed`
 */
export interface QuestionnaireCheck {
  /** True when there is no error. */
  readonly ok: boolean;
  /** Every problem found. */
  readonly issues: readonly Issue[];
  /** The loaded questionnaire, present only when there is no error. */
  readonly questionnaire?: Questionnaire;
}

/**
 * Checks a questionnaire given as YAML/JSON text or parsed data, without throwing.
 *
 * @example
 * ```ts
 * const r = checkQuestionnaire(yamlText, { file: 'questionnaires/sipas-2640-2017.yaml' });
 * if (!r.ok) for (const i of r.issues) console.log(formatIssue(i, 'vi'));
 * ```
 */
export function checkQuestionnaire(input: unknown, opts: { file?: string | undefined; limits?: ParseLimits } = {}): QuestionnaireCheck {
  const r = checkDocument(input, opts, {
    format: QUESTIONNAIRE_FORMAT,
    version: QUESTIONNAIRE_FORMAT_VERSION,
    schema: QuestionnaireSchema,
    semantics: (d) => checkQuestionnaireSemantics(d),
  });
  if (!r.ok) return r;
  return { ok: true, issues: r.issues, questionnaire: freeze(r.data, opts.file) };
}

/**
 * Loads a questionnaire, throwing {@link ParIndexError} listing every error.
 *
 * @example
 * ```ts
 * const q = loadQuestionnaire(readFileSync('questionnaires/sipas-2640-2017.yaml', 'utf8'), { file: 'sipas-2640-2017.yaml' });
 * q.items.length; // 32: 22 criteria, and one satisfaction and one expectation item per factor
 * ```
 */
export function loadQuestionnaire(input: unknown, opts: { file?: string | undefined; limits?: ParseLimits } = {}): Questionnaire {
  const r = checkQuestionnaire(input, opts);
  if (!r.ok || !r.questionnaire) throw new ParIndexError(r.issues.filter((i) => i.severity === 'error'));
  return r.questionnaire;
}

function freeze(data: QuestionnaireData, file: string | undefined): Questionnaire {
  // The hash covers the validated data only, so YAML and JSON copies of one questionnaire share it.
  const hash = contentHash(data);
  const q = { ...structuredClone(data), hash };
  Object.defineProperty(q, 'file', { enumerable: false, value: file });
  Object.defineProperty(q, 'unverified', { enumerable: false, value: Object.freeze(unverifiedPaths(data)) });
  Object.defineProperty(q, 'provenanceReport', { enumerable: false, value: deepFreeze(questionnaireProvenance(data, file)) });
  return deepFreeze(q) as Questionnaire;
}
