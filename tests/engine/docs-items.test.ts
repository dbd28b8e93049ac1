/**
 * The example of docs/criteria-format.md, "Quantifiers over lists (`items`)" (issue 22, item 4), runs with the
 * results the guide states, worked by hand there and in the comments here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCriteriaSet, loadCriteriaSet } from '../../src/criteria/load.js';
import { loadEvidence } from '../../src/evidence/load.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { explainText } from '../../src/report/explain.js';

const guide = readFileSync('docs/criteria-format.md', 'utf8');
const start = guide.indexOf('\n### Quantifiers over lists (`items`)');
const body = guide.slice(start, guide.indexOf('\n### ', start + 1));
const blocks = [...body.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
const criteria = blocks.find((b) => b.startsWith('format: par-index/criteria@1'))!;
const evidence = blocks.find((b) => b.startsWith('format: par-index/evidence@1'))!;

describe('docs/criteria-format.md, "Quantifiers over lists (`items`)"', () => {
  it('the section is there, with its criteria and evidence', () => {
    expect(start).toBeGreaterThan(0);
    expect([criteria, evidence].every((b) => b !== undefined)).toBe(true);
    expect(checkCriteriaSet(criteria, { file: 'doc.yaml' }).issues).toEqual([]);
  });
  const cards = evaluate(loadCriteriaSet(criteria, { file: 'doc.yaml' }), loadEvidence({ data: evidence, file: 'ev.yaml' }));
  const by = (id: string) => cards.find((c) => c.unit.id === id)!;
  const leaves = (id: string) =>
    by(id)
      .nodes.filter((n) => n.depth === 2)
      .map((n) => [n.id, n.points, n.max, n.status]);
  it('Xã A: 97.2 ✓ and 95 ✓ → 1.1 = 2; 2 × 0.5 = 1; four reports on time → 2: 5 of 5', () => {
    expect(leaves('xa-a')).toEqual([
      ['1.1', 2, 2, 'scored'],
      ['1.2', 1, 1, 'scored'],
      ['1.3', 2, 2, 'scored'],
    ]);
    expect([by('xa-a').total, by('xa-a').max]).toEqual([5, 5]);
  });
  it('Xã B: DA-02 90.5 < 95 → 1.1 = 0; two meet → 1; the year report 19/12 > 15/12, three on time → 1: 2 of 5, 40 %', () => {
    expect(leaves('xa-b')).toEqual([
      ['1.1', 0, 2, 'scored'],
      ['1.2', 1, 1, 'scored'],
      ['1.3', 1, 2, 'scored'],
    ]);
    expect([by('xa-b').total, by('xa-b').max, by('xa-b').index]).toEqual([2, 5, 40]);
  });
  it('Xã C owns no project: 1.1 and 1.2 do not apply; 1.3 gives 2 of 2, index 100', () => {
    expect(leaves('xa-c')).toEqual([
      ['1.1', 0, 0, 'not-applicable'],
      ['1.2', 0, 0, 'not-applicable'],
      ['1.3', 2, 2, 'scored'],
    ]);
    expect([by('xa-c').total, by('xa-c').max, by('xa-c').index]).toEqual([2, 2, 100]);
  });
  it('bands: A and C Đạt; B reaches 40 but 3 of 4 reports on time (75 % < 100 %): Chưa đạt, naming the late one', () => {
    expect(cards.map((c) => [c.unit.id, c.band?.id])).toEqual([
      ['xa-a', 'dat'],
      ['xa-b', 'chua-dat'],
      ['xa-c', 'dat'],
    ]);
    expect(by('xa-b').band?.steps?.[0]?.en).toBe(
      'Passed — every periodic report on time: share of tasks on time: 3/4 = 75 % (not met: bao-cao-nam) (needs ≥ 100 %) → not met',
    );
  });
  it('explainText names every project of Xã B and the one that failed, in both languages', () => {
    const en = explainText(by('xa-b'), 'en');
    expect(en).toContain('DA-01 Trường mầm non: tyLeGiaiNgan = 98; 98 > 95 ✓');
    expect(en).toContain('DA-02 Kênh mương nội đồng: tyLeGiaiNgan = 90.5; 90.5 < 95 ✗');
    expect(en).toContain('DA-03 Trạm y tế: tyLeGiaiNgan = 100; 100 > 95 ✓');
    expect(en).toContain('bao-cao-nam: done on 2025-12-19, deadline 2025-12-15: late ✗');
    const vi = explainText(by('xa-b'), 'vi');
    expect(vi).toContain('DA-02 Kênh mương nội đồng: tyLeGiaiNgan = 90,5; 90,5 < 95 ✗');
    expect(vi).toContain('các mục chưa đạt: DA-02 Kênh mương nội đồng');
  });
});
