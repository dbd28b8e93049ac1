/** The guides' examples run: every criteria or evidence document in docs/ loads, and the schemas are current. */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/core/document.js';
import { jsonSchema } from '../../src/schema-json.js';
import { checkCriteriaSet } from '../../src/criteria/load.js';
import { loadEvidence } from '../../src/evidence/load.js';

const guides = readdirSync('docs').filter((f) => f.endsWith('.md'));
const blocks = guides.flatMap((g) =>
  [...readFileSync(`docs/${g}`, 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m, i) => ({ guide: g, i, text: m[1]! })),
);

describe('guides', () => {
  const criteria = blocks.filter((b) => b.text.startsWith('format: par-index/criteria@1'));
  const evidence = blocks.filter((b) => b.text.startsWith('format: par-index/evidence@1'));
  it('have examples to run', () => {
    expect(criteria.length).toBeGreaterThan(0);
    expect(evidence.length).toBeGreaterThan(0);
  });
  it.each(criteria.map((b) => [`${b.guide} #${b.i}`, b] as const))('criteria example %s passes check', (_, b) => {
    const r = checkCriteriaSet(b.text, { file: b.guide });
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
  it.each(evidence.map((b) => [`${b.guide} #${b.i}`, b] as const))('evidence example %s loads', (_, b) => {
    expect(loadEvidence({ data: b.text, file: b.guide }).units.length).toBeGreaterThan(0);
  });
  it('rule snippets parse as YAML', () => {
    for (const b of blocks) expect(() => parseText(b.text, { file: b.guide })).not.toThrow();
  });
});

describe('shipped JSON Schemas', () => {
  it.each(['criteria', 'evidence'] as const)('schema/%s.schema.json is what the zod schema generates (run npm run schema)', (kind) => {
    const shipped = JSON.parse(readFileSync(`schema/${kind}.schema.json`, 'utf8'));
    expect(shipped).toEqual(JSON.parse(JSON.stringify(jsonSchema(kind))));
    expect(JSON.parse(readFileSync(`docs/schema/${kind}.schema.json`, 'utf8'))).toEqual(shipped);
  });
});
