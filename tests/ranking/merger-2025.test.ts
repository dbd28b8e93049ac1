/**
 * The illustrative 2025-reorganisation example (fixtures/merger-2025/): the committed files are the script's
 * output, `compare` and `rescore --map` on it give the figures worked by hand, and the docs show the commands'
 * very output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadCriteriaSet } from '../../src/criteria/load.js';
import { loadEvidence } from '../../src/evidence/load.js';
import { compareYears } from '../../src/ranking/compare.js';
import { loadScoreCards } from '../../src/ranking/scores.js';
import { loadUnitMap } from '../../src/ranking/unit-map.js';
import { rescore } from '../../src/versions/rescore.js';
import { mergerFiles } from '../../scripts/generate-merger-2025.js';
import { root } from '../support/paths.js';

const dir = join(root, 'fixtures/merger-2025');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

async function cli(line: string): Promise<string> {
  const out: string[] = [];
  const code = await main(line.split(' ').slice(1), { out: (s) => out.push(s), err: () => {} });
  expect(code).toBe(0);
  return out.join('\n');
}

describe('fixtures/merger-2025', () => {
  it('is what scripts/generate-merger-2025.ts writes, byte for byte (run it when the example changes)', () => {
    const files = mergerFiles();
    expect(Object.keys(files).sort()).toEqual([
      'criteria-2024.yaml',
      'criteria-2025.yaml',
      'evidence-2024.yaml',
      'evidence-2025.yaml',
      'scores-2024.json',
      'scores-2025.json',
      'unit-map-2025.yaml',
    ]);
    for (const [name, text] of Object.entries(files)) expect(read(name), name).toBe(text);
    expect(read('unit-map-2025.yaml')).toMatch(/ILLUSTRATIVE \(minh họa\)/);
  });

  const cmp = compareYears(
    loadScoreCards(read('scores-2024.json'), { file: 'scores-2024.json' }),
    loadScoreCards(read('scores-2025.json'), { file: 'scores-2025.json' }),
    loadUnitMap(read('unit-map-2025.yaml'), { file: 'unit-map-2025.yaml' }),
  );
  const of = (id: string) => cmp.changes.find((c) => c.after.id === id)!;

  it('compares each 2025 commune on its declared basis, every 2024 commune accounted for', () => {
    expect(cmp.warnings).toEqual([]);
    expect(cmp.beforeOnly).toEqual([]);
    expect(cmp.afterOnly).toEqual([]);
    // Đông Hòa: (74 × 12000 + 87 × 8000 + 58 × 5000) ÷ 25000 = 74.96 → 80 (2025 set: 90 % × 50 + 70 % × 50).
    expect([of('dong-hoa').basis, of('dong-hoa').index]).toEqual(['weighted-mean', { before: 74.96, after: 80, change: 5.04 }]);
    // Tây Sơn: (100 + 71) ÷ 2 = 85.5 → 95 % × 50 + 75 % × 50 = 85.
    expect([of('tay-son').basis, of('tay-son').index]).toEqual(['mean', { before: 85.5, after: 85, change: -0.5 }]);
    // Nam Phong: Kim Liên's 84, 3rd of 9 in 2024 → 90 % × 50 + 50 % × 50 = 70, 4th of 4.
    expect([of('nam-phong').basis, of('nam-phong').baseline, of('nam-phong').index.before, of('nam-phong').rank.beforeOf]).toEqual([
      'unit',
      'kim-lien',
      84,
      '3/9',
    ]);
    // Bắc Hà: listed with Ngọc Lâm and Phú Thọ, not compared.
    expect([of('bac-ha').basis, of('bac-ha').before.map((b) => b.id), of('bac-ha').index.change]).toEqual([
      'none',
      ['ngoc-lam', 'phu-tho'],
      null,
    ]);
  });

  it('re-scores the 2024 evidence under the 2025 set with the map: Đông Hòa 74.96 → 71.3', () => {
    const set = (y: string) => loadCriteriaSet(read(`criteria-${y}.yaml`), { file: `criteria-${y}.yaml` });
    const r = rescore(set('2024'), set('2025'), loadEvidence({ data: read('evidence-2024.yaml'), file: 'evidence-2024.yaml' }), {
      map: loadUnitMap(read('unit-map-2025.yaml')),
    });
    // Under 2025: An Lạc 45 + 25 = 70, Bình Minh 47.5 + 37.5 = 85, Cẩm Sơn 40 + 12.5 = 52.5;
    // (70 × 12000 + 85 × 8000 + 52.5 × 5000) ÷ 25000 = 1 782 500 ÷ 25 000 = 71.3.
    expect(r.merged!.map((m) => [m.unit.id, m.basis, m.index.a, m.index.b])).toEqual([
      ['dong-hoa', 'weighted-mean', 74.96, 71.3],
      ['tay-son', 'mean', 85.5, 83.75], // (100 + 67.5) ÷ 2 = 83.75
      ['nam-phong', 'unit', 84, 82.5], // Kim Liên: 45 + 37.5
      ['bac-ha', 'none', null, null],
    ]);
  });
});

describe('the docs show the commands on the example with their very output', () => {
  const block = (doc: string, command: string) => {
    const text = readFileSync(join(root, doc), 'utf8');
    const m = new RegExp(`\`\`\`sh\\n(${command} [^\\n]*merger-2025[^\\n]*)\\n\`\`\`\\n\\n\`\`\`text\\n([\\s\\S]*?)\`\`\``).exec(text);
    expect(m, `${doc}: a ${command} block on fixtures/merger-2025 followed by its output`).not.toBeNull();
    return { line: m![1]!, output: m![2]! };
  };
  it('docs/ranking.md: par-index compare … --map', async () => {
    const b = block('docs/ranking.md', 'par-index compare');
    expect(`${(await cli(b.line)).trimEnd()}\n`).toBe(b.output);
  });
  it('docs/versions.md: par-index rescore … --map (the section of one merged unit)', async () => {
    const b = block('docs/versions.md', 'par-index rescore');
    expect(await cli(b.line)).toContain(b.output.trimEnd());
  });
  it("docs/ranking.md's unit map loads, each combination as declared", () => {
    const text = readFileSync(join(root, 'docs/ranking.md'), 'utf8');
    const yaml = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).find((t) => /weightsOf/.test(t))!;
    const map = loadUnitMap(yaml, { file: 'docs/ranking.md' });
    expect(map.entries.map((e) => [e.to[0], e.baseline, e.weights])).toEqual([
      ['xa-ab', 'weighted-mean', { 'xa-a': 12000, 'xa-b': 8000 }],
      ['xa-cd', 'mean', undefined],
      ['xa-eg', 'none', undefined],
      ['xa-hk', 'xa-h', undefined],
    ]);
  });
});
