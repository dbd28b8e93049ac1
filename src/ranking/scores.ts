/**
 * Score files (tệp kết quả chấm điểm): the JSON that `par-index score --format json` writes — an array of score
 * cards in rank order, each tagged `format: "par-index/scorecard@1"` and carrying its `rank` and `rankOf` — written
 * from a {@link Ranking} and read back into one, validated, so `rank` and `compare` work on results without
 * re-scoring. A card written by a newer library (`@2`…) is refused rather than misread.
 * @module
 */
import { checkFormat, deepFreeze, parseText } from '../core/document.js';
import { issue, ParIndexError, type Issue } from '../core/errors.js';
import { atMost, resolveLimits, type Limits } from '../core/limits.js';
import { fromZodIssues } from '../core/zod-helpers.js';
import { z } from 'zod';
import { SCORECARD_FORMAT, ScoreCardSchema } from '../engine/card-schema.js';
import { resolveSourceRefs, SourceIds, traceForFile, type SourceUse } from '../engine/trace-sources.js';
import { pointsLost } from '../engine/points-lost.js';
import type { ScoreCard } from '../engine/types.js';
import type { Place, Ranked, Ranking } from './rank.js';
import { pushAll } from '../core/lists.js';

/**
 * The format tag of a score card, without its version.
 *
 * @example checkFormat(doc, SCORECARD_KIND, SCORECARD_FORMAT_VERSION) // [] for a card of version 1
 */
export const SCORECARD_KIND = 'par-index/scorecard';
/**
 * The newest score-card format version this library reads. Version 2 is version 1 whose trace writes a long
 * source once (`sources` on the first card that uses it, `sourceRef` in the inputs); a card that needs neither is
 * written as version 1, and both are read.
 *
 * @example `${SCORECARD_KIND}@${SCORECARD_FORMAT_VERSION}` // 'par-index/scorecard@2'
 */
export const SCORECARD_FORMAT_VERSION = 2;

/** The tag of a card whose trace refers to long sources by id. */
const SCORECARD_FORMAT_2 = `${SCORECARD_KIND}@2`;

/** A card's place as a score file writes it beside the card (see {@link scoreFileCard}). */
const PlaceSchema = z.object({
  /** The rank, or null when the card was not ranked. */
  rank: z.number().int().min(1).nullable(),
  /** The rank as "k/N", or null. */
  rankOf: z
    .string()
    .regex(/^\d+\/\d+$/, 'expected "k/N"')
    .nullable(),
});

/**
 * A card as a score file holds it: the card's own keys in their order, with its place (`rank`, `rankOf`; null
 * when not ranked) after `band`, the warnings that cost points (`pointsLost`, see `pointsLost()`) after
 * `warnings` when there are any, and the trace only when asked. Reads the card, never changes it.
 *
 * @example JSON.stringify(ranking.rows.map((r) => scoreFileCard(r.card, r)), null, 2) // a score file's text
 */
export function scoreFileCard(
  card: ScoreCard,
  place?: Place,
  opts: { readonly trace?: boolean; readonly sources?: SourceIds } = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const use: SourceUse = { defined: {}, refs: false };
  for (const k of Object.keys(card)) {
    // Only what is written is read: a card's trace is built when first read.
    if (k === 'trace' && !opts.trace) continue;
    out[k] = (card as unknown as Record<string, unknown>)[k];
    if (k === 'trace' && card.trace) {
      // Long sources once per file (engine/trace-sources.ts): the sources this card uses first follow its trace.
      out[k] = traceForFile(card.trace, opts.sources ?? new SourceIds(), use);
      if (Object.keys(use.defined).length > 0) out['sources'] = use.defined;
    }
    if (k === 'band') {
      out['rank'] = place?.rank ?? null;
      out['rankOf'] = place?.rankOf ?? null;
    }
    if (k === 'warnings') {
      // Only when a warning cost points, so a clean card's file is as it always was.
      const lost = pointsLost(card);
      if (lost.length > 0) out['pointsLost'] = lost.map(({ unit: _unit, ...l }) => l);
    }
  }
  if (use.refs) out['format'] = SCORECARD_FORMAT_2;
  return out;
}

/**
 * A card of version 2 as version 1: its `sources` added to the file's, its `sourceRef`s replaced by the sources
 * (in memory every input holds its source). Any other value is returned as it is, for the checks to judge.
 */
function version1(el: unknown, i: number, sources: Map<string, string>, file: string | undefined, issues: Issue[]): unknown {
  if (typeof el !== 'object' || el === null || Array.isArray(el)) return el;
  const card = el as Record<string, unknown>;
  if (card['format'] !== SCORECARD_FORMAT_2) return el;
  const defined = card['sources'];
  if (defined !== undefined) {
    if (typeof defined !== 'object' || defined === null || Array.isArray(defined))
      issues.push(
        issue('schema.invalid-type', 'error', [i, 'sources'], 'expected an object of sources by id', 'cần một đối tượng nguồn theo mã', {
          file,
        }),
      );
    else
      for (const [id, s] of Object.entries(defined)) {
        if (typeof s === 'string' && (sources.get(id) ?? s) === s) sources.set(id, s);
        else
          issues.push(
            issue(
              'schema.invalid-value',
              'error',
              [i, 'sources', id],
              `source ${id} must be a text, defined once in the file`,
              `nguồn ${id} phải là văn bản, khai báo một lần trong tệp`,
              { file },
            ),
          );
      }
  }
  const { sources: _defined, ...rest } = card;
  if (rest['trace'] !== undefined) rest['trace'] = resolveSourceRefs(rest['trace'], sources, [i, 'trace'], file, issues);
  return { ...rest, format: SCORECARD_FORMAT };
}

/**
 * Reads a score file: JSON text (or already parsed data) holding an array of score cards. Throws
 * {@link ParIndexError} naming the file and the card (`[3].fields[0].exact`) for every problem: not an array, a
 * missing or unknown format tag, a newer format version, a value of the wrong type, cards of different criteria
 * sets (they cannot be ranked together), or a unit listed twice. Returns a frozen {@link Ranking}: the file's
 * cards in the file's order, each with the rank it was written with; its `rule` is undefined (a score file does
 * not record it).
 *
 * @example
 * ```ts
 * const ranking = loadScoreCards(readFileSync('out/scores.json', 'utf8'), { file: 'out/scores.json' });
 * rank(cardsOf(ranking), { method: 'dense' });
 * ```
 */
export function loadScoreCards(input: unknown, opts: { file?: string | undefined; limits?: Partial<Limits> | undefined } = {}): Ranking {
  const file = opts.file;
  const lim = resolveLimits(opts.limits);
  const doc = typeof input === 'string' ? parseText(input, { file: file ?? 'scores.json', limits: lim }) : input;
  if (!Array.isArray(doc)) {
    throw new ParIndexError([
      issue(
        'schema.invalid-type',
        'error',
        [],
        `expected a score file: an array of score cards (${SCORECARD_FORMAT}) as "par-index score --format json" writes it`,
        `cần tệp kết quả chấm điểm: một danh sách phiếu điểm (${SCORECARD_FORMAT}) như lệnh "par-index score --format json" ghi ra`,
        { file },
      ),
    ]);
  }
  // A card per unit: counted before each is validated.
  atMost('maxUnits', doc.length, lim, { en: 'the score file has too many cards', vi: 'tệp kết quả có quá nhiều phiếu điểm' }, [], file);
  const issues: Issue[] = [];
  const rows: Ranked[] = [];
  const sources = new Map<string, string>();
  doc.forEach((raw: unknown, i: number) => {
    const el = version1(raw, i, sources, file, issues);
    const fmt = checkFormat(el, SCORECARD_KIND, SCORECARD_FORMAT_VERSION, file);
    if (fmt.length > 0) {
      pushAll(
        issues,
        fmt.map((x) => issue(x.code, x.severity, [i, ...x.path], x.message, x.messageVi, { file })),
      );
      return;
    }
    const r = ScoreCardSchema.safeParse(el, { reportInput: true });
    const p = PlaceSchema.safeParse(el, { reportInput: true });
    if (!r.success || !p.success) {
      if (!r.success) pushAll(issues, fromZodIssues(r.error.issues, file, [i]));
      if (!p.success) pushAll(issues, fromZodIssues(p.error.issues, file, [i]));
      return;
    }
    // The one field a card types more tightly in memory (ScoreCard's doc): the warnings' issue codes.
    rows.push({ card: r.data as ScoreCard, rank: p.data.rank, rankOf: p.data.rankOf, group: null });
  });
  if (doc.length === 0)
    issues.push(issue('schema.invalid-value', 'error', [], 'the score file has no card', 'tệp kết quả không có phiếu điểm nào', { file }));
  if (issues.length === 0) {
    const first = rows[0]!.card;
    const seen = new Map<string, number>();
    rows.forEach(({ card: c }, i) => {
      if (c.criteria.hash !== first.criteria.hash) {
        issues.push(
          issue(
            'scores.mixed-criteria',
            'error',
            [i, 'criteria', 'hash'],
            `card ${i} (${c.unit.id}) was scored with ${c.criteria.id} ${c.criteria.version} (${c.criteria.hash}), card 0 with ${first.criteria.id} ${first.criteria.version} (${first.criteria.hash}): cards of different criteria sets cannot be ranked together`,
            `phiếu ${i} (${c.unit.id}) chấm theo ${c.criteria.id} ${c.criteria.version}, phiếu 0 theo ${first.criteria.id} ${first.criteria.version}: không xếp hạng chung phiếu của các bộ tiêu chí khác nhau`,
            { file, unit: c.unit.id },
          ),
        );
      }
      const j = seen.get(c.unit.id);
      if (j !== undefined)
        issues.push(
          issue(
            'scores.duplicate-unit',
            'error',
            [i, 'unit', 'id'],
            `unit "${c.unit.id}" has two cards (${j} and ${i})`,
            `đơn vị "${c.unit.id}" có hai phiếu điểm (${j} và ${i})`,
            { file, unit: c.unit.id },
          ),
        );
      else seen.set(c.unit.id, i);
    });
  }
  if (issues.length > 0) throw new ParIndexError(issues);
  return deepFreeze({ rule: undefined, rows });
}
