/**
 * Reading a tally saved as JSON and checking it against its questionnaire.
 * @module
 */
import { z } from 'zod';
import { deepFreeze } from '../core/document.js';
import { issue, ParIndexError } from '../core/errors.js';
import type { Limits } from '../core/limits.js';
import { readDocument } from '../core/zod-helpers.js';
import { layoutOf } from './layout.js';
import type { Questionnaire } from './questionnaire.js';
import { layoutJson, TALLY_FORMAT, TALLY_FORMAT_VERSION, type Tally, type UnitTally } from './tally.js';

const Count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** A weight sum: a decimal integer string (version 2), or a safe integer (version 1), read as the string. */
const WeightSum = z.union([z.string().regex(/^(0|[1-9]\d{0,79})$/, 'expected a whole number written in digits'), Count]).transform(String);
const TallyFileSchema = z.strictObject({
  format: z.string(),
  questionnaire: z.strictObject({ id: z.string(), version: z.string(), hash: z.string() }),
  layout: z.array(z.strictObject({ item: z.string(), codes: z.array(z.union([z.number().int().min(0).max(254), z.null()])) })),
  weighted: z.boolean(),
  decimals: z.number().int().min(0).max(9),
  units: z.record(
    z.string().min(1),
    z.strictObject({
      respondents: Count,
      weight: WeightSum.optional(),
      counts: z.array(Count),
      weights: z.array(WeightSum).optional(),
      weights2: z.array(WeightSum).optional(),
    }),
  ),
});

/**
 * Reads a tally saved as JSON (or parsed data) and checks it against the questionnaire: same hash, same answer
 * layout, arrays of the layout's size, counts that add up per item. Throws {@link ParIndexError} naming the
 * file and path.
 *
 * @example
 * ```ts
 * const t = loadTally(readFileSync('out/tally-part1.json', 'utf8'), q, { file: 'tally-part1.json' });
 * ```
 */
export function loadTally(
  input: unknown,
  q: Questionnaire,
  opts: { file?: string | undefined; limits?: Partial<Limits> | undefined } = {},
): Tally {
  const file = opts.file;
  const t = readDocument(
    input,
    { file, limits: opts.limits },
    {
      format: TALLY_FORMAT,
      version: TALLY_FORMAT_VERSION,
      schema: TallyFileSchema,
      bounded: [{ key: 'units', limit: 'maxUnits', what: { en: 'the tally has too many units', vi: 'bảng đếm có quá nhiều đơn vị' } }],
    },
  );
  if (t.questionnaire.hash !== q.hash) {
    throw new ParIndexError([
      issue(
        'sipas.tally-mismatch',
        'error',
        ['questionnaire', 'hash'],
        `the tally was counted with questionnaire ${t.questionnaire.id} ${t.questionnaire.version} (${t.questionnaire.hash}), not ${q.id} ${q.version} (${q.hash})`,
        `bảng đếm được lập theo bộ câu hỏi ${t.questionnaire.id} ${t.questionnaire.version}, không phải ${q.id} ${q.version}`,
        { file },
      ),
    ]);
  }
  const layout = layoutOf(q);
  const expected = JSON.stringify(layoutJson(layout));
  if (JSON.stringify(t.layout) !== expected) {
    throw new ParIndexError([
      issue(
        'sipas.tally-mismatch',
        'error',
        ['layout'],
        "the answer layout differs from the questionnaire's (items or codes)",
        'bố cục câu trả lời khác với bộ câu hỏi (câu hỏi hoặc mã)',
        { file },
      ),
    ]);
  }
  if (t.decimals !== q.options.weights.decimals) {
    throw new ParIndexError([
      issue(
        'sipas.tally-mismatch',
        'error',
        ['decimals'],
        `weights counted with ${t.decimals} decimals; the questionnaire declares ${q.options.weights.decimals}`,
        `trọng số được đếm với ${t.decimals} chữ số thập phân; bộ câu hỏi quy định ${q.options.weights.decimals}`,
        { file },
      ),
    ]);
  }
  const problems = [];
  for (const [id, u] of Object.entries(t.units)) {
    const arrays: [string, unknown[] | undefined][] = [
      ['counts', u.counts],
      ['weights', u.weights],
      ['weights2', u.weights2],
    ];
    for (const [k, arr] of arrays) {
      const need = k === 'counts' || t.weighted;
      if (need && (arr === undefined || arr.length !== layout.size)) {
        problems.push(
          issue(
            'sipas.tally-mismatch',
            'error',
            ['units', id, k],
            `expected ${layout.size} numbers, found ${arr?.length ?? 'none'}`,
            `cần ${layout.size} số, có ${arr?.length ?? 'không có'}`,
            { file, unit: id },
          ),
        );
      }
      if (!need && arr !== undefined)
        problems.push(
          issue(
            'sipas.tally-mismatch',
            'error',
            ['units', id, k],
            'an unweighted tally has no weights',
            'bảng đếm không trọng số không có trọng số',
            { file, unit: id },
          ),
        );
    }
    if (t.weighted && u.weight === undefined)
      problems.push(
        issue(
          'sipas.tally-mismatch',
          'error',
          ['units', id, 'weight'],
          'a weighted tally needs the unit weight',
          'bảng đếm có trọng số cần tổng trọng số của đơn vị',
          { file, unit: id },
        ),
      );
    if (u.counts.length === layout.size) {
      for (const it of layout.items) {
        let s = 0;
        for (let k = 0; k < it.codes.length; k++) s += u.counts[it.offset + k]!;
        if (s !== u.respondents) {
          problems.push(
            issue(
              'sipas.tally-mismatch',
              'error',
              ['units', id, 'counts'],
              `item "${it.id}" counts ${s} answers but the unit has ${u.respondents} respondents (every respondent has one slot per item, "no answer" included)`,
              `câu hỏi "${it.id}" có ${s} câu trả lời nhưng đơn vị có ${u.respondents} người trả lời`,
              { file, unit: id },
            ),
          );
          break;
        }
      }
    }
  }
  if (problems.length) throw new ParIndexError(problems);
  const sorted: Record<string, UnitTally> = {};
  for (const id of Object.keys(t.units).sort()) {
    const u = t.units[id]!;
    sorted[id] = {
      respondents: u.respondents,
      ...(u.weight !== undefined ? { weight: u.weight } : {}),
      counts: u.counts,
      ...(u.weights ? { weights: u.weights } : {}),
      ...(u.weights2 ? { weights2: u.weights2 } : {}),
    };
  }
  // Read in the current form (a version 1 file's numbers are now strings), so it merges with any other tally.
  return deepFreeze({ ...t, format: `${TALLY_FORMAT}@${TALLY_FORMAT_VERSION}`, units: sorted });
}
