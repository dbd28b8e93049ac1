/**
 * The changes file of an amendment (`format: par-index/criteria-changes@1`): the set it amends, the new version,
 * the amending decision and the declared changes in order — add, remove or move a node, change its points, its
 * rule, its title or legal basis, a band, the rounding, the ranking, a measure, the metadata. Its zod schema, its
 * types, and {@link loadChanges}, which reads one.
 * @module
 */
import { z } from 'zod';
import { deepFreeze } from '../core/document.js';
import { issue, ParIndexError, type Issue } from '../core/errors.js';
import { Id, IsoDate, NodeId, NonNeg, readDocument } from '../core/zod-helpers.js';
import { RuleSchema } from '../rules/registry.js';
import { CriteriaNodeSchema, CriteriaSetSchema, MeasureDeclSchema } from './schema.js';

/**
 * The format tag of changes files.
 *
 * @example `format: par-index/criteria-changes@1` at the top of a changes file
 */
export const CHANGES_FORMAT = 'par-index/criteria-changes';
/**
 * The newest changes-file format version this library reads.
 *
 * @example CHANGES_FORMAT_VERSION // 1
 */
export const CHANGES_FORMAT_VERSION = 1;

/** Key/value pairs merged into an object; `null` removes a key. */
const Merge = z.record(z.string(), z.unknown());
// The properties the changes share, each written (and documented) once and spread into the changes that take it.
const noted = {
  /** Why: the article of the amending decision, or a reason. */
  note: z.string().optional(),
};
const node = {
  /** The id of the node changed, as printed in the decision. */
  id: NodeId,
};
const key = {
  /** The id of the band, measure or survey changed. */
  id: Id,
};
const merged = {
  /** Key/value pairs merged into what is changed; `null` removes a key. */
  set: Merge,
};
const place = {
  /** The new parent's id; `null` for the top level (a field). */
  parent: NodeId.nullable().optional(),
  /** Index among the new siblings, 0-based. */
  position: z.number().int().min(0).optional(),
  /** Put the node right after this sibling. */
  after: NodeId.optional(),
  /** Put the node right before this sibling. */
  before: NodeId.optional(),
};
const SurveyDecl = CriteriaSetSchema.shape.surveys.unwrap().valueType;

/**
 * One declared change. `note` says why (the article of the amending decision, a reason).
 *
 * @example ChangeSchema.parse({ op: 'points', id: '7.1', max: 4 })
 */
export const ChangeSchema = z.discriminatedUnion('op', [
  z.strictObject({
    /** Add a node. */
    op: z.literal('add'),
    ...place,
    /** The node added, with its children. */
    node: CriteriaNodeSchema,
    ...noted,
  }),
  z.strictObject({
    /** Remove a node and its children. */
    op: z.literal('remove'),
    ...node,
    ...noted,
  }),
  z.strictObject({
    /** Move (and optionally renumber) a node. */
    op: z.literal('move'),
    ...node,
    ...place,
    /** Its new id, when renumbered. */
    newId: NodeId.optional(),
    ...noted,
  }),
  z.strictObject({
    /** Change a node's maximum points. */
    op: z.literal('points'),
    ...node,
    /** The new maximum. */
    max: NonNeg,
    ...noted,
  }),
  z.strictObject({
    /** Replace a leaf's rule, or merge into it. */
    op: z.literal('rule'),
    ...node,
    /** The new rule, whole. */
    rule: RuleSchema.optional(),
    /** Key/value pairs merged into the rule; `null` removes a key. */
    set: Merge.optional(),
    ...noted,
  }),
  z.strictObject({
    /** Merge into a node's properties (title, legal basis, notes…). */
    op: z.literal('node'),
    ...node,
    ...merged,
    ...noted,
  }),
  z.strictObject({
    /** Merge into the set's metadata. */
    op: z.literal('meta'),
    ...merged,
    ...noted,
  }),
  z.strictObject({
    /** Merge into the rounding rules. */
    op: z.literal('rounding'),
    ...merged,
    ...noted,
  }),
  z.strictObject({
    /** Merge into the ranking rules. */
    op: z.literal('ranking'),
    ...merged,
    ...noted,
  }),
  z.strictObject({
    /** Merge into one band level. */
    op: z.literal('band'),
    ...key,
    ...merged,
    ...noted,
  }),
  z.strictObject({
    /** Replace the bands, whole. */
    op: z.literal('bands'),
    /** The new bands, as in a criteria set. */
    bands: z.unknown(),
    ...noted,
  }),
  z.strictObject({
    /** Declare, replace or (with null) remove a measure. */
    op: z.literal('measure'),
    ...key,
    /** The measure's declaration; null removes it. */
    decl: MeasureDeclSchema.nullable(),
    ...noted,
  }),
  z.strictObject({
    /** Declare, replace or (with null) remove a survey. */
    op: z.literal('survey'),
    ...key,
    /** The survey's declaration; null removes it. */
    decl: SurveyDecl.nullable(),
    ...noted,
  }),
]);
/**
 * One declared change, after validation.
 *
 * @example const c: Change = { op: 'remove', id: '10.2' }
 */
export type Change = z.output<typeof ChangeSchema>;

/**
 * A changes file: the set it amends, the new version, the amending decision, and the changes in order.
 *
 * @example ChangesSchema.safeParse(parseText(yamlText)).success
 */
export const ChangesSchema = z.strictObject({
  /** "par-index/criteria-changes@1". */
  format: z.string(),
  /** The set this amends; `hash`, when given, must match (so a changes file cannot be applied to another text). */
  base: z.strictObject({
    /** The amended set's id. */
    id: Id,
    /** The amended set's version. */
    version: z.string().min(1),
    /** The amended set's content hash (sha256:…), when the file is tied to that exact text. */
    hash: z.string().optional(),
  }),
  /** The new version ("2022"). Required when there are changes. */
  version: z.string().min(1).optional(),
  /** The amending decision (quyết định sửa đổi, bổ sung). Required when there are changes. */
  decision: z
    .strictObject({
      /** Its number: "25/QĐ-UBND". */
      number: z.string().min(1),
      /** Its date, YYYY-MM-DD. */
      date: IsoDate,
      /** Its title. */
      title: z.string().optional(),
      /** Where it can be read. */
      url: z.string().optional(),
    })
    .optional(),
  /** A note for readers of the file. */
  notes: z.string().optional(),
  /** The changes, applied in order. */
  changes: z.array(ChangeSchema).default([]),
});
/**
 * A changes file, after validation.
 *
 * @example const d: ChangesData = loadChanges(yamlText); d.decision?.number
 */
export type ChangesData = z.output<typeof ChangesSchema>;

/**
 * Options of {@link amend} and {@link loadChanges}.
 *
 * @example amend(base, text, { file: 'van-lam-commune-2022.changes.yaml', resultFile: 'van-lam-commune-2022.yaml' })
 */
export interface AmendOptions {
  /** The changes file's name, for messages. */
  readonly file?: string | undefined;
  /** The file the result will be written to, for the result's own messages. */
  readonly resultFile?: string | undefined;
}

/**
 * Reads and validates a changes file (YAML/JSON text or parsed data). Throws {@link ParIndexError} with every
 * problem, each with the file and the path in it.
 *
 * @example
 * ```ts
 * const changes = loadChanges(readFileSync('criteria/examples/van-lam-commune-2022.changes.yaml', 'utf8'), { file: 'van-lam-commune-2022.changes.yaml' });
 * changes.changes.length; // 9
 * ```
 */
export function loadChanges(input: unknown, opts: AmendOptions = {}): ChangesData {
  const file = opts.file;
  const data = readDocument(input, { file }, { format: CHANGES_FORMAT, version: CHANGES_FORMAT_VERSION, schema: ChangesSchema });
  const missing: Issue[] = [];
  if (data.changes.length > 0) {
    if (data.version === undefined)
      missing.push(
        issue(
          'schema.required',
          'error',
          ['version'],
          'an amendment needs the new version (e.g. "2022")',
          'cần phiên bản mới của bộ tiêu chí (ví dụ "2022")',
          { file },
        ),
      );
    if (data.decision === undefined)
      missing.push(
        issue(
          'schema.required',
          'error',
          ['decision'],
          'an amendment needs the amending decision: its number and date',
          'cần quyết định sửa đổi, bổ sung: số và ngày ban hành',
          { file },
        ),
      );
  }
  if (missing.length) throw new ParIndexError(missing);
  return deepFreeze(data);
}
