/**
 * The examples of docs/criteria-format.md for issue 22 run: "Not applicable, declared once" (Hải Phòng 212/2025
 * Phụ lục 03 I.5, "chia đều") and "Grades with conditions" (Điều 7), with the results the guide states, worked by hand.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCriteriaSet } from '../../src/criteria/load.js';
import { loadEvidence } from '../../src/evidence/load.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { explainText } from '../../src/report/explain.js';

const guide = readFileSync('docs/criteria-format.md', 'utf8');
/** The criteria and evidence blocks of the section under `heading`. */
function section(heading: string): { criteria: string; evidence: string } {
  const start = guide.indexOf(`\n### ${heading}`);
  expect(start).toBeGreaterThan(0);
  const end = guide.indexOf('\n## ', start + 1) < 0 ? guide.length : guide.indexOf('\n## ', start + 1);
  const next = guide.indexOf('\n### ', start + 1);
  const body = guide.slice(start, next > 0 && next < end ? next : end);
  const blocks = [...body.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return {
    criteria: blocks.find((b) => b.startsWith('format: par-index/criteria@1'))!,
    evidence: blocks.find((b) => b.startsWith('format: par-index/evidence@1'))!,
  };
}

describe('docs/criteria-format.md, "Not applicable, declared once"', () => {
  const { criteria, evidence } = section('Not applicable, declared once');
  const cards = evaluate(loadCriteriaSet(criteria, { file: 'doc.yaml' }), loadEvidence({ data: evidence, file: 'ev.yaml' }));
  const by = (id: string) => cards.find((c) => c.unit.id === id)!;
  it('with public contact: 4 + 4 + 3 + 4 + 3 = 18 of 20', () => {
    expect([by('mot-cua').total, by('mot-cua').max]).toEqual([18, 20]);
  });
  it("without: I.5's 4 points spread evenly, 1 each; appraisals scaled by 5 ÷ 4: 5 + 5 + 3.75 + 5 = 18.75 of 20", () => {
    const c = by('tong-hop');
    expect(c.nodes.filter((n) => n.depth === 2).map((n) => [n.id, n.points, n.max, n.status])).toEqual([
      ['I.1', 5, 5, 'scored'],
      ['I.2', 5, 5, 'scored'],
      ['I.3', 3.75, 5, 'scored'],
      ['I.4', 5, 5, 'scored'],
      ['I.5', 0, 0, 'shared'],
    ]);
    expect([c.total, c.max, c.index]).toEqual([18.75, 20, 93.75]);
  });
});

describe('docs/criteria-format.md, "Grades with conditions"', () => {
  const { criteria, evidence } = section('Grades with conditions');
  const cards = evaluate(loadCriteriaSet(criteria, { file: 'doc.yaml' }), loadEvidence({ data: evidence, file: 'ev.yaml' }));
  it('A 90.01 Xuất sắc; B 92 but 12 of 14 on time: Hoàn thành nhiệm vụ; C exactly 80: Hoàn thành nhiệm vụ; D 80.01: Tốt', () => {
    expect(cards.map((c) => [c.unit.id, c.total, c.band?.id])).toEqual([
      ['a', 90.01, 'xuat-sac'],
      ['b', 92, 'hoan-thanh'],
      ['c', 80, 'hoan-thanh'],
      ['d', 80.01, 'tot'],
    ]);
  });
  it('explainText says why B is not Xuất sắc, in both languages', () => {
    const b = cards.find((c) => c.unit.id === 'b')!;
    expect(explainText(b, 'en')).toContain('  not Excellent: 100 % of tasks on time');
    expect(explainText(b, 'vi')).toContain('  không đạt Hoàn thành tốt nhiệm vụ: 100 % nhiệm vụ đúng tiến độ');
    expect(explainText(b, 'en')).toMatch(
      /Band Completed:\n {2}Excellent — 100 % of tasks on time: tasks\.onTime ÷ tasks\.assigned = 12 ÷ 14 = ≈85\.714286 %/,
    );
  });
});
