/** The rank, compare and uncertainty commands: formats, options, deterministic output, usage errors. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { commands, makeCommands } from '../../src/cli/ranking.js';
import { UsageError } from '../../src/cli/command.js';
import { loadCriteriaSet } from '../../src/criteria/load.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { rank } from '../../src/ranking/rank.js';
import { renderJson } from '../../src/report/report.js';
import { scoreFileCard } from '../../src/ranking/scores.js';
import { criteriaDoc, makeEvidence } from '../support/support.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const [name, ...rest] = argv;
  const cmd = makeCommands([])[name!]!;
  const out: string[] = [];
  const err: string[] = [];
  const { values, positionals } = parseArgs({
    args: rest,
    options: { ...cmd.options, lang: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const code = await cmd.run(positionals, values, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'par-rank-cli-'));
const leaf = (id: string, m: string) => ({
  id,
  title: `Lĩnh vực ${id}`,
  max: 10,
  children: [{ id: `${id}.1`, title: 'x', max: 10, rule: { kind: 'rate', numerator: m, base: 'resolved', whenBaseZero: 'zero' } }],
});
const doc = criteriaDoc([leaf('1', 'onTime'), leaf('2', 'received')], {
  ranking: { method: 'dense', tieBreak: [{ by: 'node', id: '2' }] },
});
writeFileSync(join(dir, 'set.yaml'), stringify(doc));
const set = loadCriteriaSet(doc);
const evDoc = {
  format: 'par-index/evidence@1',
  year: 2021,
  source: 'Báo cáo thử',
  units: [
    { id: 'a', name: 'Xã An', kind: 'xa', measures: { onTime: 8, received: 6, resolved: 10 } },
    { id: 'b', name: 'Xã Bình', kind: 'xa', measures: { onTime: 6, received: 8, resolved: 10 } },
    { id: 'c', name: 'Thị trấn Cường', kind: 'thi-tran', measures: { onTime: 5, received: 5, resolved: 10 } },
  ],
};
writeFileSync(join(dir, 'ev.yaml'), stringify(evDoc));
const cards = rank(evaluate(set, makeEvidence(evDoc.units)), set.ranking);
writeFileSync(join(dir, 'scores.json'), renderJson(cards));

describe('par-index rank', () => {
  it('ranks a score file under the declared method and groups, in every format', async () => {
    const r = await run('rank', join(dir, 'scores.json'), '--format', 'csv');
    expect(r.code).toBe(0);
    // An and Bình tie at 70 %: competition (the default without --criteria) gives 1, 1, 3.
    expect(
      r.out
        .split('\n')
        .slice(1)
        .map((l) => l.split(',').slice(0, 2).join(' ')),
    ).toEqual(['1 a', '1 b', '3 c']);
    const tie = await run('rank', join(dir, 'scores.json'), '--criteria', join(dir, 'set.yaml'), '--format', 'json');
    // With the set's rule: dense, tie broken by field 2 → Bình first.
    expect(JSON.parse(tie.out).map((c: { unit: { id: string }; rankOf: string }) => `${c.unit.id} ${c.rankOf}`)).toEqual([
      'b 1/3',
      'a 2/3',
      'c 3/3',
    ]);
    const grouped = await run(
      'rank',
      join(dir, 'scores.json'),
      '--group-by',
      'kind',
      '--tie-break',
      'name',
      '--format',
      'md',
      '--lang',
      'en',
    );
    expect(grouped.out).toMatch(/\| 1\/1 \| Thị trấn Cường \|/);
    expect(grouped.out).toMatch(/\| 1\/2 \| Xã An \|/);
  });
  it('refuses bad options as usage errors', async () => {
    await expect(run('rank', join(dir, 'scores.json'), '--method', 'olympic')).rejects.toBeInstanceOf(UsageError);
    await expect(run('rank', join(dir, 'scores.json'), '--tie-break', 'node')).rejects.toBeInstanceOf(UsageError);
    // An evidence file is neither a score file nor a published table: refused by its format tag.
    await expect(run('rank', join(dir, 'ev.yaml'))).rejects.toMatchObject({ issues: [{ code: 'format.unknown' }] });
    await expect(run('rank', join(dir, 'scores.json'), '--by', 'total')).rejects.toBeInstanceOf(UsageError);
  });
});

describe('par-index compare', () => {
  it('compares two score files through a map, as text or JSON', async () => {
    const later = rank(
      evaluate(
        set,
        makeEvidence(
          evDoc.units.map((u) => ({ ...u, id: u.id === 'c' ? 'c-moi' : u.id, measures: { ...u.measures, onTime: u.measures.onTime + 1 } })),
        ),
      ),
      set.ranking,
    ).rows.map((r) => ({ ...scoreFileCard(r.card, r), evidence: { hash: 'x', year: 2022 } }));
    writeFileSync(join(dir, 'later.json'), JSON.stringify(later));
    writeFileSync(
      join(dir, 'map.yaml'),
      'format: par-index/unit-map@1\ndecision: { number: 1/NQ-UBTVQH15, date: 2022-01-01 }\nentries:\n  - { from: c, to: c-moi }\n',
    );
    const r = await run('compare', join(dir, 'scores.json'), join(dir, 'later.json'), '--map', join(dir, 'map.yaml'), '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Thị trấn Cường ← Thị trấn Cường\s+renamed\s+50\s+55\s+\+5/);
    const j = JSON.parse((await run('compare', join(dir, 'scores.json'), join(dir, 'later.json'), '--format', 'json')).out);
    expect(j.afterOnly.map((u: { id: string }) => u.id)).toEqual(['c-moi']);
    expect(j.beforeOnly.map((u: { id: string }) => u.id)).toEqual(['c']);
  });
});

describe('par-index compare --map on merged communes (fixtures/merger-2025)', () => {
  const f = (name: string) => join('fixtures/merger-2025', name);
  it('prints each merged unit with its declared basis, in English and Vietnamese, and as JSON', async () => {
    const args = ['compare', f('scores-2024.json'), f('scores-2025.json'), '--map', f('unit-map-2025.yaml')];
    const en = await run(...args, '--lang', 'en');
    expect(en.code).toBe(0);
    // (74 × 12000 + 87 × 8000 + 58 × 5000) ÷ 25000 = 74.96 → 80: +5.04.
    expect(en.out).toMatch(/Đông Hòa \(minh họa\) ← [^\n]*merged \(weighted mean\)\s+74\.96\s+80\s+\+5\.04/);
    expect(en.out).toMatch(/Bắc Hà \(minh họa\) ← [^\n]*merged \(not compared\)\s+—\s+72\.5\s+—/);
    expect(en.out).toContain('(dong-hoa) ← an-lac + binh-minh + cam-son: mean weighted by population (persons), illustrative figures');
    const vi = await run(...args, '--format', 'md');
    expect(vi.out).toContain('(tay-son) ← dai-dong + hai-ha: trung bình cộng');
    expect(vi.out).toContain('(nam-phong) ← kim-lien + lam-son: theo một đơn vị: kim-lien');
    const j = JSON.parse((await run(...args, '--format', 'json')).out);
    expect(j.changes.map((c: { after: { id: string }; basis: string }) => `${c.after.id} ${c.basis}`)).toEqual([
      'tay-son mean',
      'dong-hoa weighted-mean',
      'bac-ha none',
      'nam-phong unit',
    ]);
  });
});

describe('par-index uncertainty', () => {
  it('gives the same JSON for the same seed, from a spec file, and says how long it took on stderr', async () => {
    writeFileSync(
      join(dir, 'spec.yaml'),
      'format: par-index/uncertainty@1\nweights: { range: [0.5, 1.5] }\noptions: { ranking.method: [competition, dense] }\n',
    );
    const a = await run(
      'uncertainty',
      join(dir, 'set.yaml'),
      join(dir, 'ev.yaml'),
      '--spec',
      join(dir, 'spec.yaml'),
      '--draws',
      '200',
      '--seed',
      '9',
      '--format',
      'json',
    );
    const b = await run(
      'uncertainty',
      join(dir, 'set.yaml'),
      join(dir, 'ev.yaml'),
      '--spec',
      join(dir, 'spec.yaml'),
      '--draws',
      '200',
      '--seed',
      '9',
      '--format',
      'json',
    );
    expect(a.out).toBe(b.out);
    expect(JSON.parse(a.out)).toMatchObject({ seed: 9, draws: 200, options: { 'ranking.method': ['competition', 'dense'] } });
    expect(a.err).toMatch(/200 draws in \d+ ms|200 lần rút/);
    const t = await run('uncertainty', join(dir, 'set.yaml'), join(dir, 'ev.yaml'), '--draws', '50', '--lang', 'vi');
    expect(t.out).toMatch(/50 lần rút, hạt giống 1/);
    await expect(run('uncertainty', join(dir, 'set.yaml'), join(dir, 'ev.yaml'), '--draws', '0')).rejects.toBeInstanceOf(UsageError);
  });
});

describe('the command registry', () => {
  it('exports rank, compare, uncertainty and verify, each with usage, both summaries and an example', () => {
    expect(Object.keys(commands)).toEqual(['rank', 'compare', 'uncertainty', 'verify']);
    for (const c of Object.values(commands)) {
      expect(c.usage).toMatch(/^par-index /);
      expect(c.summary.vi.length).toBeGreaterThan(20);
      expect(c.summary.en.length).toBeGreaterThan(20);
      expect(c.example).toMatch(/^par-index /);
    }
    expect(readFileSync('docs/ranking.md', 'utf8')).toMatch(/par-index rank/);
  });
});
