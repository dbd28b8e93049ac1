/**
 * Unit maps (bảng đối chiếu đơn vị): which communes of the earlier year were merged, split or renamed into which
 * of the later year, under which decision — read and checked here, applied by `compareYears` (`compare.ts`).
 * @module
 */
import { z } from 'zod';
import { deepFreeze } from '../core/document.js';
import { issue, ParIndexError, type Issue } from '../core/errors.js';
import type { Limits } from '../core/limits.js';
import { pushAll } from '../core/lists.js';
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
/** A weight per earlier unit, for a weighted mean (population, number of dossiers…): unit id → number. */
const Weights = z.record(Id, z.number());
/** How a merged unit's predecessors are combined into its "before" values; on an entry also one predecessor's id. */
const COMBINATIONS = ['mean', 'weighted-mean', 'none'] as const;
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
 * baseline: mean                       # every merger that declares nothing else
 * weightsOf: dân số (người)
 * weights: { xa-d: 12000, xa-e: 8000 }
 * entries:
 *   - { from: [xa-a, xa-b], to: xa-ab }
 *   - { from: [xa-d, xa-e], to: xa-de, baseline: weighted-mean }
 *   - { from: [xa-f, xa-g], to: xa-fg, baseline: none }
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
  /**
   * How every merger (many → one) that declares no `baseline` of its own combines its predecessors: `mean`
   * (default), `weighted-mean` (by `weights`) or `none` (listed, not compared). Declared once for a map of
   * thousands of entries.
   */
  baseline: z.enum(COMBINATIONS).optional(),
  /** Weights of earlier units for `weighted-mean` entries (unit id → a positive number), e.g. population. */
  weights: Weights.optional(),
  /** What the weights count, in Vietnamese (e.g. "dân số (người), Niên giám thống kê 2024"); required with weights. */
  weightsOf: z.string().min(1).optional(),
  /** What the weights count, in English. */
  weightsOfEn: z.string().min(1).optional(),
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
         * What a merged unit is compared with: `mean` (the file's `baseline`, else mean) — the unweighted mean of
         * its predecessors' index and field points, with no previous rank; `weighted-mean` — the same weighted by
         * `weights`; `none` — listed with its predecessors but not compared; or the id of one predecessor (e.g.
         * the one whose seat the new commune keeps), whose values and rank are then used. `none` also applies to
         * a rename or a split; the other values only to a merger.
         */
        baseline: z.string().optional(),
        /** Weights of this entry's predecessors (unit id → a positive number); they take precedence over the file's. */
        weights: Weights.optional(),
        /** The later unit's name, for reports that have no card of it (a re-scoring of the earlier year's evidence). */
        name: z.string().optional(),
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

type MapData = z.output<typeof UnitMapSchema>;
type Entry = MapData['entries'][number];

/** How an entry combines its predecessors once the file's default is applied (undefined: its one predecessor). */
function combination(data: MapData, e: Entry): string | undefined {
  if (e.baseline === 'none') return 'none';
  if (e.from.length < 2) return undefined;
  return e.baseline ?? data.baseline ?? 'mean';
}

const entryName = (e: Entry, i: number): string => `entry ${i} (${e.from.join(', ')} → ${e.to.join(', ')})`;
const entryNameVi = (e: Entry, i: number): string => `mục ${i} (${e.from.join(', ')} → ${e.to.join(', ')})`;

/** An entry's weights: positive, of its own predecessors, present for each predecessor of a weighted mean. */
function weightIssues(data: MapData, e: Entry, i: number, file: string | undefined): Issue[] {
  const out: Issue[] = [];
  const how = combination(data, e);
  const own = e.weights ?? {};
  for (const [id, w] of Object.entries(own)) {
    if (!e.from.includes(id))
      out.push(
        issue(
          'compare.map-invalid',
          'error',
          ['entries', i, 'weights', id],
          `${entryName(e, i)}: a weight for unit "${id}", which is not one of its predecessors (${e.from.join(', ')})`,
          `${entryNameVi(e, i)}: có trọng số cho đơn vị "${id}" nhưng đơn vị này không thuộc các đơn vị trước sáp nhập (${e.from.join(', ')})`,
          { file, unit: id },
        ),
      );
    if (!(w > 0) || !Number.isFinite(w))
      out.push(
        issue(
          'compare.map-invalid',
          'error',
          ['entries', i, 'weights', id],
          `${entryName(e, i)}: the weight of unit "${id}" is ${w}; expected a positive number`,
          `${entryNameVi(e, i)}: trọng số của đơn vị "${id}" là ${w}; phải là số dương`,
          { file, unit: id },
        ),
      );
  }
  if (e.weights !== undefined && how !== 'weighted-mean')
    out.push(
      issue(
        'compare.map-invalid',
        'error',
        ['entries', i, 'weights'],
        `${entryName(e, i)}: weights are given but the entry is combined by ${how ?? 'its one predecessor'}; write baseline: weighted-mean or remove them`,
        `${entryNameVi(e, i)}: có trọng số nhưng mục này không tính bình quân gia quyền (${how ?? 'một đơn vị trước'}); ghi baseline: weighted-mean hoặc bỏ trọng số`,
        { file },
      ),
    );
  if (how === 'weighted-mean')
    for (const id of e.from)
      if (own[id] === undefined && data.weights?.[id] === undefined)
        out.push(
          issue(
            'compare.map-invalid',
            'error',
            ['entries', i, 'weights', id],
            `${entryName(e, i)} is combined by weighted-mean but unit "${id}" has no weight: give a positive weight for each predecessor (in the entry's weights or the file's)`,
            `${entryNameVi(e, i)} tính bình quân gia quyền nhưng đơn vị "${id}" chưa có trọng số: cần trọng số dương cho mỗi đơn vị trước sáp nhập (trong weights của mục hoặc của tệp)`,
            { file, unit: id },
          ),
        );
  return out;
}

/** The file's weights: positive, each of a unit some weighted-mean entry merges, and what they count said. */
function fileWeightIssues(data: MapData, file: string | undefined): Issue[] {
  const out: Issue[] = [];
  const weighted = data.entries.filter((e) => combination(data, e) === 'weighted-mean');
  const merged = new Set(weighted.flatMap((e) => e.from));
  for (const [id, w] of Object.entries(data.weights ?? {})) {
    if (!(w > 0) || !Number.isFinite(w))
      out.push(
        issue(
          'compare.map-invalid',
          'error',
          ['weights', id],
          `the weight of unit "${id}" is ${w}; expected a positive number`,
          `trọng số của đơn vị "${id}" là ${w}; phải là số dương`,
          { file, unit: id },
        ),
      );
    if (!merged.has(id))
      out.push(
        issue(
          'compare.map-invalid',
          'error',
          ['weights', id],
          `a weight for unit "${id}", which no weighted-mean entry merges: remove it or fix the id`,
          `có trọng số cho đơn vị "${id}" nhưng không mục bình quân gia quyền nào sáp nhập đơn vị này: bỏ đi hoặc sửa mã`,
          { file, unit: id },
        ),
      );
  }
  if (weighted.length > 0 && data.weightsOf === undefined)
    out.push(
      issue(
        'compare.map-invalid',
        'error',
        ['weightsOf'],
        `${weighted.length} entr${weighted.length === 1 ? 'y is' : 'ies are'} combined by weighted-mean: say what the weights count in weightsOf (and weightsOfEn), e.g. "dân số (người)"`,
        `${weighted.length} mục tính bình quân gia quyền: cần nêu trọng số là gì tại weightsOf (và weightsOfEn), ví dụ "dân số (người)"`,
        { file },
      ),
    );
  return out;
}

/** The entry as `compareYears` and `rescore` read it: its combination resolved, its weights those it uses. */
function resolved(data: MapData, e: Entry): Entry {
  const how = combination(data, e);
  const { baseline: _b, weights: _w, ...rest } = e;
  void _b;
  void _w;
  if (how === undefined) return rest;
  if (how !== 'weighted-mean') return { ...rest, baseline: how };
  return { ...rest, baseline: how, weights: Object.fromEntries(e.from.map((id) => [id, e.weights?.[id] ?? data.weights![id]!])) };
}

/**
 * Reads a unit map (YAML or JSON text, or parsed data). Throws {@link ParIndexError} for a missing or newer
 * format, schema errors, an entry without a decision (neither its own nor the file's), an entry that maps
 * several units to several units, a unit claimed by two entries, and weights that cannot serve: a weighted-mean
 * merger with a predecessor without weight, a weight ≤ 0, a weight of a unit the entry (or, for the file's
 * weights, no weighted-mean entry) does not merge, weights on an entry not combined by weight, weights without
 * `weightsOf`. In the map returned, every merger's `baseline` is resolved (`mean`, `weighted-mean`, `none` or a
 * predecessor's id; the file's default applied), a rename's or split's is `none` or absent, and a weighted-mean
 * entry's `weights` hold the weight of each of its predecessors.
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
    if (e.baseline !== undefined && !(COMBINATIONS as readonly string[]).includes(e.baseline) && !e.from.includes(e.baseline))
      issues.push(
        issue(
          'compare.map-invalid',
          'error',
          ['entries', i, 'baseline'],
          `baseline "${e.baseline}" is not one of the entry's units (${e.from.join(', ')}); write mean, weighted-mean, none or one of them`,
          `đơn vị gốc so sánh "${e.baseline}" không thuộc mục này (${e.from.join(', ')}); ghi mean, weighted-mean, none hoặc một trong các đơn vị đó`,
          { file },
        ),
      );
    pushAll(issues, weightIssues(data, e, i, file));
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
  pushAll(issues, fileWeightIssues(data, file));
  if (issues.length) throw new ParIndexError(issues);
  const map = { ...data, entries: data.entries.map((e) => resolved(data, e)) };
  Object.defineProperty(map, 'file', { value: file, enumerable: false });
  return deepFreeze(map);
}
