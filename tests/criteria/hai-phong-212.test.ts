/**
 * The shipped Hải Phòng sets (issue 22, item 10): Quyết định 212/2025/QĐ-UBND, Phụ lục 02 and 03, encoded as
 * printed. Their worked cases are run by tests/cases; here: the sets pass `check`, Phụ lục 02's duplicate numbers
 * are the decision's (refused until acknowledged, not fixed), the printed maxima add up, and every node says how
 * sure it is. Expected values are read off shared/docs/hai-phong-212-2025.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { criteriaProvenance } from '../../src/criteria/check.js';
import { checkCriteriaSet } from '../../src/criteria/load.js';
import type { CriteriaNode } from '../../src/criteria/schema.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { root } from '../support/paths.js';
import { makeEvidence } from '../support/support.js';

const P02 = 'criteria/provinces/hai-phong-212-2025-phu-luc-02.yaml';
const P03 = 'criteria/provinces/hai-phong-212-2025-phu-luc-03.yaml';
const read = (f: string) => readFileSync(join(root, f), 'utf8');

describe('Hải Phòng 212/2025: the shipped sets', () => {
  it.each([P02, P03])('%s passes check, every node verified (with a source) or assumed (with a note)', (f) => {
    const r = checkCriteriaSet(read(f), { file: f });
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.ok).toBe(true);
    const p = criteriaProvenance(r.set!, f);
    expect(p.unmarked).toEqual([]);
    expect(p.unsourced).toEqual([]);
    for (const a of p.assumptions) expect(a.note.length, a.label).toBeGreaterThan(20);
  });

  it('Phụ lục 02: the second "2" of section II and its a)–c) are acknowledged, not renumbered', () => {
    const r = checkCriteriaSet(read(P02), { file: P02 });
    expect(r.acknowledged.map((f) => [f.code, f.node, f.printedId])).toEqual([
      ['criteria.duplicate-printed-id', 'II.3', 'II.2'],
      ['criteria.duplicate-printed-id', 'II.3.a', 'II.2.a'],
      ['criteria.duplicate-printed-id', 'II.3.b', 'II.2.b'],
      ['criteria.duplicate-printed-id', 'II.3.c', 'II.2.c'],
    ]);
    // Without its acknowledgements the set is refused: the flaw is the decision's, and check finds it.
    const bare = parse(read(P02)) as Record<string, unknown>;
    delete bare.acknowledged;
    const refused = checkCriteriaSet(bare, { file: P02 });
    expect(refused.ok).toBe(false);
    expect(refused.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.node])).toEqual([
      ['criteria.duplicate-printed-id', 'II.3'],
      ['criteria.duplicate-printed-id', 'II.3.a'],
      ['criteria.duplicate-printed-id', 'II.3.b'],
      ['criteria.duplicate-printed-id', 'II.3.c'],
    ]);
  });

  it('the printed maxima: Phụ lục 02 I = 16 × 1,25 = 20, II = 5 + 5 + 70; Phụ lục 03 I = 4 × 4 + 4, II = 25 + 30 + 25', () => {
    const maxima = (f: string) => {
      const set = checkCriteriaSet(read(f), { file: f }).set!;
      const out: Record<string, number> = {};
      const walk = (ns: readonly CriteriaNode[]): void => {
        for (const n of ns) {
          out[n.id] = n.max!;
          if (n.children) walk(n.children);
        }
      };
      walk(set.tree);
      return out;
    };
    const m2 = maxima(P02);
    expect([m2['I'], m2['I.1'], m2['I.4.c'], m2['II'], m2['II.1'], m2['II.2'], m2['II.3'], m2['II.3.b']]).toEqual([
      20, 5, 1.25, 80, 5, 5, 70, 30,
    ]);
    const m3 = maxima(P03);
    expect([m3['I'], m3['I.1'], m3['I.1.a'], m3['I.5'], m3['II.1'], m3['II.2'], m3['II.3']]).toEqual([20, 4, 1, 4, 25, 30, 25]);
  });

  it('Phụ lục 03 I.5: a position without public contact has its 4 points spread evenly over criteria 1–4', () => {
    const set = checkCriteriaSet(read(P03), { file: P03 }).set!;
    const ev = makeEvidence(
      [{ attributes: { 'tiep-xuc-truc-tiep': false, 'suy-thoai': false, 'bi-ky-luat': false }, appraisals: { 'I.3.a': { round1: 1 } } }],
      { year: 2025 },
    );
    const card = evaluate(set, ev)[0]!;
    const node = (id: string) => card.nodes.find((n) => n.id === id)!;
    // 4 ÷ 4 criteria = 1 each, ÷ 4 sub-criteria by maxima = 0.25: I.3.a's max is 1 + 0.25, its 1 point × 1.25.
    expect([node('I.5').status, node('I.5').max, node('I.5').points]).toEqual(['shared', 0, 0]);
    expect([node('I.3').max, node('I.3.a').max, node('I.3.a').points]).toEqual([5, 1.25, 1.25]);
    // The other fifteen leaves have no appraisal: 0 points, still in the maximum of 100.
    expect([card.total, card.max]).toEqual([1.25, 100]);
  });
});
