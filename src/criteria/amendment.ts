/**
 * The record of an amendment (`par-index/amendment@1`): the base and the resulting version, the amending
 * decision, and the immer patches of each change, so the new version can be replayed from the old one and undone.
 * @module
 */
import type { Patch } from 'immer';
import type { Issue } from '../core/errors.js';
import type { Text } from '../core/text.js';
import type { CriteriaSet } from './load.js';

/**
 * The format tag of an amendment record written as JSON.
 *
 * @example JSON.parse(readFileSync('patches.json', 'utf8')).format === AMENDMENT_FORMAT
 */
export const AMENDMENT_FORMAT = 'par-index/amendment@1';

/**
 * A criteria set by id, version and content hash: the base and the result of an amendment.
 *
 * @example amendment.result // { id: 'vn.hung-yen.van-lam.commune', version: '2022', hash: 'sha256:…' }
 */
export interface SetVersion {
  /** The set's id. */
  readonly id: string;
  /** Its version. */
  readonly version: string;
  /** Its content hash (sha256:…). */
  readonly hash: string;
}

/**
 * The decision behind an amendment.
 *
 * @example amendment.decision // { number: '25/QĐ-UBND', date: '2022-02-10' }
 */
export interface AmendingDecision {
  /** Its number. */
  readonly number: string;
  /** Its date, YYYY-MM-DD. */
  readonly date: string;
  /** Its title, when the changes file gives one. */
  readonly title?: string | undefined;
}

/**
 * One applied change and the patches it produced.
 *
 * @example amendment.steps.map((s) => `${s.index} ${s.describe.en}: ${s.patches.length} patch(es)`)
 */
export interface AmendmentStep {
  /** Index in the changes file's `changes` (−1 for the new version, decision and `amends`; −2 for normalisation). */
  readonly index: number;
  /** The operation (add, remove, move, set…). */
  readonly op: string;
  /** The change in words (English, Vietnamese). */
  readonly describe: Text;
  /** The patches it produced. */
  readonly patches: readonly Patch[];
}

/**
 * The record of an amendment: base, result, the amending decision and the patches between them. Frozen.
 *
 * @example writeFileSync('patches.json', JSON.stringify(amend(base, changes).amendment))
 */
export interface Amendment {
  /** The format tag of the record. */
  readonly format: typeof AMENDMENT_FORMAT;
  /** The set amended. */
  readonly base: SetVersion;
  /** The new version. */
  readonly result: SetVersion;
  /** The amending decision (number and date). */
  readonly decision: AmendingDecision;
  /** Each change applied. */
  readonly steps: readonly AmendmentStep[];
  /** Every patch, in order: applied to the base's data they give the result's data. */
  readonly patches: readonly Patch[];
  /** Applied to the result's data, they give the base's data back. */
  readonly inversePatches: readonly Patch[];
}

/**
 * What {@link amend} returns.
 *
 * @example const { set, amendment, warnings }: Amended = amend(base, changes)
 */
export interface Amended {
  /** The new version: checked, frozen, with its own hash and `amends`. */
  readonly set: CriteriaSet;
  /** The record of the amendment. */
  readonly amendment: Amendment;
  /** Warnings: changes with no effect, and new warnings of the checks, each naming the change behind it. */
  readonly warnings: readonly Issue[];
}
