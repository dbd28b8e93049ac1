/**
 * Score files (tệp kết quả chấm điểm): the JSON that `par-index score --format json` writes — an array of score
 * cards, each tagged `format: "par-index/scorecard@1"` — read back and validated, so `rank` and `compare` work on
 * results without re-scoring. A card written by a newer library (`@2`…) is refused rather than misread.
 * @module
 */
import { checkFormat, deepFreeze, parseText } from '../core/document.js';
import { issue, ParIndexError, type Issue } from '../core/errors.js';
import { fromZodIssues } from '../core/zod-helpers.js';
import { SCORECARD_FORMAT, ScoreCardSchema } from '../engine/card-schema.js';
import type { ScoreCard } from '../engine/types.js';

/**
 * The format tag of a score card, without its version.
 *
 * @example checkFormat(doc, SCORECARD_KIND, SCORECARD_FORMAT_VERSION) // [] for a card of version 1
 */
export const SCORECARD_KIND = 'par-index/scorecard';
/**
 * The newest score-card format version this library reads.
 *
 * @example `${SCORECARD_KIND}@${SCORECARD_FORMAT_VERSION}` // 'par-index/scorecard@1'
 */
export const SCORECARD_FORMAT_VERSION = 1;

/**
 * Reads a score file: JSON text (or already parsed data) holding an array of score cards. Throws
 * {@link ParIndexError} naming the file and the card (`[3].fields[0].exact`) for every problem: not an array, a
 * missing or unknown format tag, a newer format version, a value of the wrong type, cards of different criteria
 * sets (they cannot be ranked together), or a unit listed twice. Returns frozen cards in the file's order.
 *
 * @example
 * ```ts
 * const cards = loadScoreCards(readFileSync('out/scores.json', 'utf8'), { file: 'out/scores.json' });
 * rank(cards, { method: 'dense' });
 * ```
 */
export function loadScoreCards(input: unknown, opts: { file?: string | undefined } = {}): readonly ScoreCard[] {
  const file = opts.file;
  const doc = typeof input === 'string' ? parseText(input, { file: file ?? 'scores.json' }) : input;
  if (!Array.isArray(doc)) {
    throw new ParIndexError([issue('schema.invalid-type', 'error', [], `expected a score file: an array of score cards (${SCORECARD_FORMAT}) as "par-index score --format json" writes it`, `cần tệp kết quả chấm điểm: một danh sách phiếu điểm (${SCORECARD_FORMAT}) như lệnh "par-index score --format json" ghi ra`, { file })]);
  }
  const issues: Issue[] = [];
  const cards: ScoreCard[] = [];
  doc.forEach((el: unknown, i: number) => {
    const fmt = checkFormat(el, SCORECARD_KIND, SCORECARD_FORMAT_VERSION, file);
    if (fmt.length > 0) {
      issues.push(...fmt.map((x) => issue(x.code, x.severity, [i, ...x.path], x.message, x.messageVi, { file })));
      return;
    }
    const r = ScoreCardSchema.safeParse(el, { reportInput: true });
    if (!r.success) {
      issues.push(...fromZodIssues(r.error.issues, file, [i]));
      return;
    }
    // The two fields a card types more tightly in memory (ScoreCard's doc): warnings' codes and the trace.
    cards.push(r.data as ScoreCard);
  });
  if (doc.length === 0) issues.push(issue('schema.invalid-value', 'error', [], 'the score file has no card', 'tệp kết quả không có phiếu điểm nào', { file }));
  if (issues.length === 0) {
    const first = cards[0]!;
    const seen = new Map<string, number>();
    cards.forEach((c, i) => {
      if (c.criteria.hash !== first.criteria.hash) {
        issues.push(issue('scores.mixed-criteria', 'error', [i, 'criteria', 'hash'], `card ${i} (${c.unit.id}) was scored with ${c.criteria.id} ${c.criteria.version} (${c.criteria.hash}), card 0 with ${first.criteria.id} ${first.criteria.version} (${first.criteria.hash}): cards of different criteria sets cannot be ranked together`, `phiếu ${i} (${c.unit.id}) chấm theo ${c.criteria.id} ${c.criteria.version}, phiếu 0 theo ${first.criteria.id} ${first.criteria.version}: không xếp hạng chung phiếu của các bộ tiêu chí khác nhau`, { file, unit: c.unit.id }));
      }
      const j = seen.get(c.unit.id);
      if (j !== undefined) issues.push(issue('scores.duplicate-unit', 'error', [i, 'unit', 'id'], `unit "${c.unit.id}" has two cards (${j} and ${i})`, `đơn vị "${c.unit.id}" có hai phiếu điểm (${j} và ${i})`, { file, unit: c.unit.id }));
      else seen.set(c.unit.id, i);
    });
  }
  if (issues.length > 0) throw new ParIndexError(issues);
  return deepFreeze(cards);
}
