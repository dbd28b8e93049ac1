/**
 * Unit maps (bảng đối chiếu đơn vị): which communes of the earlier year were merged, split or renamed into which
 * of the later year, under which decision — read and checked here, applied by `compareYears` (`compare.ts`).
 * @module
 */
import { z } from 'zod';
import { deepFreeze } from '../core/document.js';
import { issue, ParIndexError, type Issue } from '../core/errors.js';
import type { Limits } from '../core/limits.js';
import { Id, IsoDate, readDocument } from '../core/zod-helpers.js';

/**
 * The format tag of a unit map, without its version.
 *
 * @example `${UNIT_MAP_FORMAT}@${UNIT_MAP_FORMAT_VERSION}` // 'par-index/unit-map@1'
 */
export const UNIT_MAP_FORMAT = 'par-index/unit-map';
/**
 * The newest unit-map format version this library reads.
 *
 * @example UNIT_MAP_FORMAT_VERSION // 1
 */
export const UNIT_MAP_FORMAT_VERSION = 1;

const Ids = z.union([Id, z.array(Id).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));
const Decision = z.strictObject({
  number: z.string().min(1),
  date: IsoDate,
  issuer: z.string().optional(),
  title: z.string().optional(),
  url: z.string().optional(),
});

/**
 * A unit map (bảng đối chiếu đơn vị): which units of the earlier year became which units of the later year, and
 * the decision that did it (a resolution of the National Assembly Standing Committee, nghị quyết của UBTVQH, for
 * commune mergers).
 *
 * @example
 * ```yaml
 * format: par-index/unit-map@1
 * from: 2020
 * to: 2021
 * decision: { number: 788/NQ-UBTVQH14, date: 2019-10-16, issuer: Ủy ban Thường vụ Quốc hội }
 * entries:
 *   - { from: [xa-a, xa-b], to: xa-ab }
 *   - { from: xa-c, to: xa-c-moi }
 * ```
 */
export const UnitMapSchema = z.strictObject({
  /** The format tag: `par-index/unit-map@1`. */
  format: z.string(),
  /** The map's title. */
  title: z.string().optional(),
  /** The earlier and later years the map joins (checked against the score files when given). */
  from: z.number().int().optional(),
  /** The later year. */
  to: z.number().int().optional(),
  /** The decision behind every entry that does not name its own. */
  decision: Decision.optional(),
  /** A note for readers of the file. */
  notes: z.string().optional(),
  /** The changes of units between the two years: renamings, mergers, splits. */
  entries: z
    .array(
      z.strictObject({
        /** The earlier year's unit id(s). */
        from: Ids,
        /** The later year's unit id(s). */
        to: Ids,
        /** The decision behind this change, when not the map's. */
        decision: Decision.optional(),
        /**
         * What a merged unit is compared with: `mean` (default) — the unweighted mean of its predecessors' index
         * and field points, with no previous rank — or the id of one predecessor (e.g. the one whose seat the new
         * commune keeps), whose values and rank are then used.
         */
        baseline: z.string().optional(),
        /** A note. */
        note: z.string().optional(),
      }),
    )
    .min(1),
});

/**
 * A unit map, validated and frozen.
 *
 * @example const map: UnitMap = loadUnitMap(yamlText, { file: 'unit-map.yaml' })
 */
export type UnitMap = z.output<typeof UnitMapSchema> & {
  /** The file it was read from, for messages. */
  readonly file?: string | undefined;
};

/**
 * Reads a unit map (YAML or JSON text, or parsed data). Throws {@link ParIndexError} for a missing or newer
 * format, schema errors, an entry without a decision (neither its own nor the file's), an entry that maps
 * several units to several units, or a unit claimed by two entries.
 *
 * @example
 * ```ts
 * const map = loadUnitMap(readFileSync('fixtures/van-lam-2020/unit-map.yaml', 'utf8'), { file: 'unit-map.yaml' });
 * map.entries[0].from; // ['lac-dao-cu', 'dinh-du-cu'] …
 * ```
 */
export function loadUnitMap(input: unknown, opts: { file?: string | undefined; limits?: Partial<Limits> | undefined } = {}): UnitMap {
  const file = opts.file;
  const data = readDocument(
    input,
    { file, limits: opts.limits },
    {
      format: UNIT_MAP_FORMAT,
      version: UNIT_MAP_FORMAT_VERSION,
      schema: UnitMapSchema,
      reportInput: true,
      bounded: [
        {
          key: 'entries',
          limit: 'maxUnits',
          what: { en: 'the unit map has too many entries', vi: 'bảng đối chiếu đơn vị có quá nhiều mục' },
        },
      ],
    },
  );
  const issues: Issue[] = [];
  const fromSeen = new Map<string, number>();
  const toSeen = new Map<string, number>();
  data.entries.forEach((e, i) => {
    if (!e.decision && !data.decision)
      issues.push(
        issue(
          'compare.map-invalid',
          'error',
          ['entries', i, 'decision'],
          'no decision: name the decision that merged, split or renamed these units (here or once for the whole file)',
          'thiếu quyết định: nêu văn bản sáp nhập, chia tách hoặc đổi tên các đơn vị này (tại đây hoặc một lần cho cả tệp)',
          { file },
        ),
      );
    if (e.from.length > 1 && e.to.length > 1)
      issues.push(
        issue(
          'compare.map-invalid',
          'error',
          ['entries', i],
          `maps ${e.from.length} units to ${e.to.length}: write one entry per merger (many → one) or per split (one → many)`,
          `ánh xạ ${e.from.length} đơn vị sang ${e.to.length}: mỗi mục chỉ là một lần sáp nhập (nhiều → một) hoặc chia tách (một → nhiều)`,
          { file },
        ),
      );
    if (e.baseline !== undefined && !e.from.includes(e.baseline))
      issues.push(
        issue(
          'compare.map-invalid',
          'error',
          ['entries', i, 'baseline'],
          `baseline "${e.baseline}" is not one of the entry's units (${e.from.join(', ')}); write "mean" or one of them`,
          `đơn vị gốc so sánh "${e.baseline}" không thuộc mục này (${e.from.join(', ')})`,
          { file },
        ),
      );
    for (const id of e.from) {
      const j = fromSeen.get(id);
      if (j !== undefined)
        issues.push(
          issue(
            'compare.map-invalid',
            'error',
            ['entries', i, 'from'],
            `unit "${id}" is already mapped by entry ${j}`,
            `đơn vị "${id}" đã có ở mục ${j}`,
            { file },
          ),
        );
      fromSeen.set(id, i);
    }
    for (const id of e.to) {
      const j = toSeen.get(id);
      if (j !== undefined)
        issues.push(
          issue(
            'compare.map-invalid',
            'error',
            ['entries', i, 'to'],
            `unit "${id}" is already the result of entry ${j}`,
            `đơn vị "${id}" đã là kết quả của mục ${j}`,
            { file },
          ),
        );
      toSeen.set(id, i);
    }
  });
  if (issues.length) throw new ParIndexError(issues);
  const map = { ...data, entries: data.entries.map((e) => ({ ...e, baseline: e.baseline === 'mean' ? undefined : e.baseline })) };
  Object.defineProperty(map, 'file', { value: file, enumerable: false });
  return deepFreeze(map);
}
