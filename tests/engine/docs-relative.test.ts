/**
 * The example of docs/criteria-format.md "Scores relative to peers (`relative`)" runs, with the results the guide
 * states, worked by hand there and in the comments below.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCriteriaSet } from '../../src/criteria/load.js';
import { loadEvidence } from '../../src/evidence/load.js';
import { evaluate, replayLeaf } from '../../src/engine/evaluate.js';

const guide = readFileSync('docs/criteria-format.md', 'utf8');
const start = guide.indexOf('\n### Scores relative to peers (`relative`)');
const body = guide.slice(start, guide.indexOf('\n### ', start + 1));
const blocks = [...body.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
const criteria = blocks.find((b) => b.startsWith('format: par-index/criteria@1'))!;
const evidence = blocks.find((b) => b.startsWith('format: par-index/evidence@1'))!;

describe('docs/criteria-format.md, "Scores relative to peers"', () => {
  const set = loadCriteriaSet(criteria, { file: 'doc.yaml' });
  const cards = evaluate(set, loadEvidence({ data: evidence, file: 'ev.yaml' }));
  const by = (id: string) => cards.find((c) => c.unit.id === id)!;
  it('1.1 by group: communes mean 263.35 ÷ 3 = 87.783…, wards (92 + 94.5) ÷ 2 = 93.25; 1.2 ranks 80, 75, 75, 60, 55 as 1, 2, 2, 4, 5', () => {
    expect(
      cards.map((c) => [c.unit.id, c.nodes.find((n) => n.id === '1.1')!.points, c.nodes.find((n) => n.id === '1.2')!.points, c.total]),
    ).toEqual([
      ['phuong-d', 0, 1, 1],
      ['phuong-e', 2, 0, 2],
      ['xa-a', 0, 0, 0],
      ['xa-b', 2, 1, 3],
      ['xa-c', 2, 1, 3],
    ]);
  });
  it('the trace line the guide quotes, and the replay from the trace', () => {
    const leaf = by('xa-b').trace![0]!.children[0]!;
    expect(leaf.steps.map((s) => `${s.en} ${s.calc ?? ''}`.trim()).join('; ')).toBe(
      'mean of ketQua.congBo over 3 units with loai = xa (xa-a, xa-b, xa-c) = ≈87.783333; ketQua.congBo = 88.1: ≥ mean ≈87.783333 → 2',
    );
    expect(body).toContain(
      '"mean of ketQua.congBo over 3 units with loai = xa (xa-a,\nxa-b, xa-c) = ≈87.783333; ketQua.congBo = 88.1: ≥ mean ≈87.783333 → 2"',
    );
    expect(replayLeaf(set, leaf).toRatio()).toBe('2');
  });
});
