/**
 * A registry of criteria sets (sổ bộ tiêu chí): finds the set that scores a given issuer, level and year, and
 * keeps every version addressable by id and version.
 * @module
 */
import { issue, ParIndexError } from '../core/errors.js';
import type { CriteriaSet } from './load.js';

/**
 * Holds criteria sets. Adding a new version never changes what an older one scores.
 *
 * @example
 * ```ts
 * const reg = new CriteriaRegistry([set2021, set2022]);
 * reg.pick({ issuer: 'UBND huyện Văn Lâm', level: 'commune', year: 2022 }).version; // "2022"
 * ```
 */
export class CriteriaRegistry {
  private readonly sets: CriteriaSet[] = [];

  constructor(sets: Iterable<CriteriaSet> = []) {
    for (const s of sets) this.add(s);
  }

  /** Adds a set; refuses a second set with the same id and version but a different content hash. */
  add(set: CriteriaSet): this {
    const same = this.sets.find((s) => s.id === set.id && s.version === set.version);
    if (same) {
      if (same.hash === set.hash) return this;
      throw new ParIndexError([
        issue(
          'registry.duplicate',
          'error',
          ['version'],
          `criteria set ${set.id} version ${set.version} is already registered with different content (${same.hash})`,
          `bộ tiêu chí ${set.id} phiên bản ${set.version} đã có với nội dung khác`,
          { file: set.file },
        ),
      ]);
    }
    this.sets.push(set);
    return this;
  }

  /** All sets, in the order added. */
  list(): readonly CriteriaSet[] {
    return [...this.sets];
  }

  /** A set by id and version (the latest decision date of that id when no version is given). */
  get(id: string, version?: string): CriteriaSet {
    const found = this.sets.filter((s) => s.id === id && (version === undefined || s.version === version)).sort(byDecisionDate);
    const last = found[found.length - 1];
    if (!last) throw notFound(`id ${id}${version ? ` version ${version}` : ''}`, `mã ${id}${version ? ` phiên bản ${version}` : ''}`);
    return last;
  }

  /**
   * The set that scores `year` for `level` (and `issuer`, when given): of the sets whose years include it,
   * the one with the latest decision date.
   */
  pick(q: { level: CriteriaSet['level']; year: number; issuer?: string }): CriteriaSet {
    const found = this.sets
      .filter((s) => s.level === q.level && s.years.includes(q.year) && (q.issuer === undefined || s.issuer === q.issuer))
      .sort(byDecisionDate);
    const last = found[found.length - 1];
    if (!last)
      throw notFound(
        `level ${q.level}, year ${q.year}${q.issuer ? `, issuer ${q.issuer}` : ''}`,
        `cấp ${q.level}, năm ${q.year}${q.issuer ? `, cơ quan ${q.issuer}` : ''}`,
      );
    return last;
  }
}

function byDecisionDate(a: CriteriaSet, b: CriteriaSet): number {
  return a.decision.date < b.decision.date
    ? -1
    : a.decision.date > b.decision.date
      ? 1
      : a.version < b.version
        ? -1
        : a.version > b.version
          ? 1
          : 0;
}

function notFound(en: string, vi: string): ParIndexError {
  return new ParIndexError([
    issue('registry.not-found', 'error', [], `no criteria set registered for ${en}`, `không có bộ tiêu chí cho ${vi}`),
  ]);
}
