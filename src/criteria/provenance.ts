/**
 * Provenance (nguồn gốc) of official data: how sure each node of a criteria set, and each entry of a
 * questionnaire, is — verified against a source that was read, derived by arithmetic from such sources, or
 * assumed — and the list of assumptions a file contains, for `check`, `check --strict` and the reports.
 *
 * A `provenance` object is inherited down the tree (set → field → criterion → sub-criterion; questionnaire →
 * group → item) until a node declares its own. Its `assumptions` list names parts of the node that are assumed
 * although the node as a whole is verified (e.g. `rule.whenBaseZero`); they are not inherited.
 * @module
 */
import { z } from 'zod';
import type { PathSegment } from '../core/errors.js';

/**
 * How sure a node or entry is: `verified` against a source that was read, `derived` by arithmetic from such
 * sources, or `assumed` (no source says so: the note says what was assumed).
 *
 * @example `PROVENANCE_STATUSES.includes('assumed') // true`
 */
export const PROVENANCE_STATUSES = ['verified', 'derived', 'assumed'] as const;
/** @example `const s: ProvenanceStatus = 'verified';` */
export type ProvenanceStatus = (typeof PROVENANCE_STATUSES)[number];

/** One source or several: the document (number and date) or the URL that was read. */
const Source = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/**
 * One assumed part of a node or entry whose provenance is otherwise verified.
 *
 * @example `{ at: rule.whenBaseZero, note: "No case → full points: no source says so." }` (YAML)
 */
export const AssumptionSchema = z.strictObject({
  /** The part that is assumed, as a path inside the node or entry: `rule.whenBaseZero`, `max`, `rule.expr`, `title`. */
  at: z.string().min(1),
  /** What was assumed, and why. */
  note: z.string().min(1),
  /** Where the assumed choice comes from, when it comes from somewhere (a technical description, a local form). */
  source: Source.optional(),
});
/** @example `{ at: 'rule.whenBaseZero', note: 'assumed: full points when no case arose' }` */
export type AssumptionData = z.output<typeof AssumptionSchema>;

/**
 * The provenance of a node or entry: `{ status, source?, note?, assumptions? }`. `verified` and `derived` need a
 * `source`; `derived` and `assumed` need a `note` (how it was derived; what was assumed).
 *
 * @example `provenance: { status: verified, source: "Quyết định 876/QĐ-BNV ngày 10/11/2022" }` (YAML)
 */
export const ProvenanceSchema = z
  .strictObject({
    /** verified (a source that was read says so), derived (arithmetic on such sources) or assumed. */
    status: z.enum(PROVENANCE_STATUSES),
    /** The document (number and date) or the URL that was read; several as a list. */
    source: Source.optional(),
    /** How it was derived, or what was assumed; any caveat. */
    note: z.string().min(1).optional(),
    /** Parts of the node assumed although the node is otherwise verified or derived. */
    assumptions: z.array(AssumptionSchema).min(1).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.status !== 'assumed' && p.source === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['source'],
        message: `status "${p.status}" needs a source: the document (number and date) or the URL that was read`,
        params: { vi: `trạng thái "${p.status}" cần nguồn: văn bản (số, ngày) hoặc địa chỉ URL đã đọc` },
      });
    }
    if (p.status !== 'verified' && p.note === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        message:
          p.status === 'assumed'
            ? 'status "assumed" needs a note saying what was assumed'
            : 'status "derived" needs a note saying how it was derived',
        params: {
          vi:
            p.status === 'assumed'
              ? 'trạng thái "assumed" cần ghi chú (note) nói rõ điều gì được giả định'
              : 'trạng thái "derived" cần ghi chú (note) nói rõ cách suy ra',
        },
      });
    }
  })
  // One definition in the JSON Schemas ($defs), referenced wherever a provenance may be written.
  .meta({ id: 'Provenance', description: 'How sure a node or entry is: verified (with its source), derived or assumed (with a note).' });
/** @example `const p: ProvenanceData = { status: 'verified', source: 'Quyết định 766/QĐ-TTg ngày 23/6/2022' };` */
export type ProvenanceData = z.output<typeof ProvenanceSchema>;

/**
 * The one-word marks of earlier files (`provenance: official`), still read: `unverified` and `illustrative`
 * count as assumptions; `official` and `operational` as verified, with the node's legal references as source.
 *
 * @example `LEGACY_PROVENANCE.includes('official') // true`
 */
export const LEGACY_PROVENANCE = ['official', 'operational', 'illustrative', 'unverified'] as const;

/**
 * A node's provenance as written: the object, or one of the earlier one-word marks.
 *
 * @example `NodeProvenanceSchema.parse('unverified') // 'unverified'`
 */
export const NodeProvenanceSchema = z.union([ProvenanceSchema, z.enum(LEGACY_PROVENANCE)]);
/** @example `const p: NodeProvenance = 'unverified';` */
export type NodeProvenance = z.output<typeof NodeProvenanceSchema>;

/**
 * A provenance as it applies to a node or entry, after inheritance and after reading the one-word marks.
 *
 * @example `{ status: 'verified', source: 'Quyết định 876/QĐ-BNV', from: ['provenance'] }`
 */
export interface EffectiveProvenance {
  /** verified, derived or assumed. */
  readonly status: ProvenanceStatus;
  /** The source, sources joined with "; ". */
  readonly source?: string;
  /** The note. */
  readonly note?: string;
  /** Where it is declared (a path into the file): the node's own, or an ancestor's. */
  readonly from: readonly PathSegment[];
}

/**
 * One assumption of a file: where it is declared, what it covers and what was assumed.
 *
 * @example `{ path: ['tree', 0, 'children', 1], label: '1.2', at: 'rule.whenBaseZero', note: '…', covers: 1 }`
 */
export interface Assumption {
  /** The node or entry the assumption is about (a path into the file). */
  readonly path: readonly PathSegment[];
  /** The node's id or the entry's name, as a reader finds it: "1.2", "options.weights", "items.c9.5". */
  readonly label: string;
  /** The part assumed, for an entry of `assumptions` (`rule.whenBaseZero`); absent when the whole is assumed. */
  readonly at?: string;
  /** What was assumed. */
  readonly note: string;
  /** Where the assumed choice comes from, when given. */
  readonly source?: string;
  /** How many nodes or entries it applies to: itself and those that inherit it. */
  readonly covers: number;
}

/**
 * A node or entry named by where it is.
 *
 * @example `{ path: ['tree', 1], label: '2' }`
 */
export interface ProvenancePlace {
  /** Where it is in the file. */
  readonly path: readonly PathSegment[];
  /** The node's id or the entry's name. */
  readonly label: string;
}

/**
 * What a file says about its own certainty: every assumption, the nodes or entries that declare nothing, and
 * those marked official without naming a source.
 *
 * @example `criteriaProvenance(set).assumptions.length // 23 for criteria/national/766-2022.yaml`
 */
export interface ProvenanceReport {
  /** The file, when known. */
  readonly file?: string;
  /** "set" for a criteria set, "questionnaire" for a questionnaire. */
  readonly kind: 'set' | 'questionnaire';
  /** Every assumption declared, in file order. */
  readonly assumptions: readonly Assumption[];
  /** Nodes or entries with no provenance of their own or inherited. */
  readonly unmarked: readonly ProvenancePlace[];
  /** Nodes marked `official` or `operational` (one-word marks) with no legal reference to stand as the source. */
  readonly unsourced: readonly ProvenancePlace[];
  /** How many nodes or entries were examined. */
  readonly entries: number;
  /** How many of them are verified or derived (own or inherited), with a source. */
  readonly verified: number;
}

/**
 * True when nothing in the report stands unverified (no assumption, no node without provenance, no "official"
 * without a source): what `check --strict` requires.
 *
 * @example `fullyVerified(criteriaProvenance(set)) // false for criteria/national/766-2022.yaml`
 */
export function fullyVerified(r: ProvenanceReport): boolean {
  return r.assumptions.length === 0 && r.unmarked.length === 0 && r.unsourced.length === 0;
}

/** The sources as one string. */
export function sourceText(s: string | readonly string[] | undefined): string | undefined {
  if (s === undefined) return undefined;
  return typeof s === 'string' ? s : s.join('; ');
}

const LEGACY_NOTES: Record<'illustrative' | 'unverified', string> = {
  unverified: 'marked "unverified": not checked against the decision\'s text / chưa đối chiếu với văn bản',
  illustrative: 'marked "illustrative": invented for an example / minh họa, đặt ra cho ví dụ',
};

/**
 * Reads a provenance as written into its effective form. A one-word `official` or `operational` mark takes the
 * given legal references as its source (undefined source when there are none: reported as unsourced).
 */
export function effectiveOf(p: NodeProvenance, from: readonly PathSegment[], legalRefs: readonly string[] = []): EffectiveProvenance {
  if (typeof p === 'string') {
    if (p === 'unverified' || p === 'illustrative') return { status: 'assumed', note: LEGACY_NOTES[p], from };
    const source = legalRefs.length ? legalRefs.join('; ') : undefined;
    return { status: 'verified', ...(source !== undefined ? { source } : {}), from };
  }
  const source = sourceText(p.source);
  return { status: p.status, ...(source !== undefined ? { source } : {}), ...(p.note !== undefined ? { note: p.note } : {}), from };
}

/**
 * Resolves a dotted path (`rule.whenBaseZero`) inside an object; true when every step exists. Used to check
 * that an assumption names a part the node or entry has.
 */
export function hasPart(obj: unknown, at: string): boolean {
  let cur: unknown = obj;
  for (const k of at.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, k)) return false;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur !== undefined;
}

/**
 * A builder for {@link ProvenanceReport}s: walkers of criteria sets and questionnaires add what they find.
 * Internal to the library.
 */
export class ProvenanceCollector {
  readonly assumptions: Assumption[] = [];
  readonly unmarked: ProvenancePlace[] = [];
  readonly unsourced: ProvenancePlace[] = [];
  entries = 0;
  verified = 0;

  /** Records the assumptions a provenance declares at `path` (the whole, when assumed, and its listed parts). */
  declared(
    p: NodeProvenance | undefined,
    eff: EffectiveProvenance | undefined,
    path: readonly PathSegment[],
    label: string,
    covers: number,
  ): void {
    if (p === undefined || eff === undefined) return;
    if (eff.status === 'assumed')
      this.assumptions.push({ path, label, note: eff.note ?? '', ...(eff.source !== undefined ? { source: eff.source } : {}), covers });
    if (typeof p !== 'string') {
      for (const a of p.assumptions ?? []) {
        const source = sourceText(a.source);
        this.assumptions.push({ path, label, at: a.at, note: a.note, ...(source !== undefined ? { source } : {}), covers: 1 });
      }
    }
  }

  /** Counts one node or entry by its effective provenance. */
  entry(eff: EffectiveProvenance | undefined, path: readonly PathSegment[], label: string): void {
    this.entries++;
    if (eff === undefined) this.unmarked.push({ path, label });
    else if (eff.status !== 'assumed') {
      // Only a one-word "official" mark on a node without legal references can lack a source: the object form
      // requires one.
      if (eff.source === undefined) this.unsourced.push({ path, label });
      else this.verified++;
    }
  }

  /** The report. */
  report(kind: 'set' | 'questionnaire', file: string | undefined): ProvenanceReport {
    return {
      ...(file !== undefined ? { file } : {}),
      kind,
      assumptions: this.assumptions,
      unmarked: this.unmarked,
      unsourced: this.unsourced,
      entries: this.entries,
      verified: this.verified,
    };
  }
}

/**
 * A provenance in a few words, for diffs: the one-word mark, or `status: source` / `status: note`, and the
 * parts assumed.
 *
 * @example `provenanceLabel({ status: 'assumed', note: 'no source' }) // "assumed: no source"`
 */
export function provenanceLabel(p: NodeProvenance | undefined): string | undefined {
  if (p === undefined || typeof p === 'string') return p;
  const what = p.status === 'assumed' ? p.note : (sourceText(p.source) ?? p.note);
  const parts = p.assumptions?.length ? ` (+${p.assumptions.map((a) => a.at).join(', ')})` : '';
  return `${p.status}${what ? `: ${what}` : ''}${parts}`;
}
