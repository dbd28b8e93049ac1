/** The command line: exit codes, formats, and no stack trace for a user error. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../src/cli/main.js';
import { criteriaDoc } from './support.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'par-index-cli-'));
const tree = [
  { id: '1', title: 'Cải cách TTHC', max: 10, legal: 'QĐ 1/QĐ-UBND, mục 1', children: [{ id: '1.1', title: 'Tỷ lệ hồ sơ đúng hạn', max: 10, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'full' } }] },
];
const good = join(dir, 'set.yaml');
writeFileSync(good, stringify(criteriaDoc(tree, { bands: { levels: [{ id: 'tot', label: 'Tốt', labelEn: 'Good', min: 80, max: 100, maxInclusive: true }, { id: 'kha', label: 'Khá', min: 0, max: 80 }] } })));
const bad = join(dir, 'bad.yaml');
writeFileSync(bad, stringify(criteriaDoc([{ id: '1', title: 'F', max: 9, children: [{ id: '1.1', title: 'x', max: 1, rule: { kind: 'task', task: 't' } }] }])));
const evDir = join(dir, 'evidence');
const evFile = (id: string, onTime: number) => ({ format: 'par-index/evidence@1', year: 2021, source: 'Một cửa điện tử', units: [{ id, name: `Xã ${id}`, measures: { onTime, resolved: 100 } }] });
mkdirSync(evDir, { recursive: true });
writeFileSync(join(evDir, 'a.yaml'), stringify(evFile('a', 95)));
writeFileSync(join(evDir, 'b.json'), JSON.stringify(evFile('b', 70)));

describe('par-index check', () => {
  it('exit 0 and the hash for a valid set', async () => {
    const r = await run('check', good, '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Valid: test.set 1 \(sha256:[0-9a-f]{64}\)$/);
  });
  it('exit 1 listing every problem, in Vietnamese', async () => {
    const r = await run('check', bad, '--lang', 'vi');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/lỗi \[criteria\.max-mismatch\] .*bad\.yaml: tree\[0\]\.max: điểm tối đa là 9/);
  });
  it('exit 2 without a stack trace for a missing file', async () => {
    const r = await run('check', join(dir, 'nope.yaml'), '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/io\.read.*ENOENT/);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('par-index score', () => {
  it('prints the ranked table', async () => {
    const r = await run('score', good, evDir, '--lang', 'vi');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/Hạng\s+Đơn vị\s+1\s+Tổng điểm/);
    expect(lines[2]).toMatch(/1\/2\s+Xã a\s+9,50\s+9,50\s+10,00\s+95,00\s+Tốt/);
  });
  it('writes JSON in the documented shape', async () => {
    const out = join(dir, 'scores.json');
    expect((await run('score', good, evDir, '--format', 'json', '--out', out)).code).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json).toHaveLength(2);
    expect(json[0]).toMatchObject({ format: 'par-index/scorecard@1', unit: { id: 'a', name: 'Xã a' }, criteria: { id: 'test.set', version: '1' }, total: 9.5, max: 10, index: 95, band: { id: 'tot' }, rank: 1, fields: [{ id: '1', title: 'Cải cách TTHC', points: 9.5, max: 10 }], warnings: [] });
    expect(json[0].criteria.hash).toMatch(/^sha256:/);
    expect(json[0].trace).toBeUndefined();
  });
  it('writes CSV', async () => {
    const r = await run('score', good, evDir, '--format', 'csv');
    expect(r.out.split('\n')).toEqual(['rank,unit_id,unit_name,field_1,total,max,index,band', '1,a,Xã a,9.50,9.50,10.00,95.00,tot', '2,b,Xã b,7.00,7.00,10.00,70.00,kha']);
  });
  it('exit 2 for a usage error and for invalid evidence', async () => {
    expect((await run('score', good)).code).toBe(2);
    expect((await run('score', good, evDir, '--format', 'pdf')).err).toMatch(/--format must be/);
    const badEv = join(dir, 'bad-ev.yaml');
    writeFileSync(badEv, stringify({ format: 'par-index/evidence@9', year: 2021, units: [] }));
    const r = await run('score', good, badEv, '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/format\.future-version/);
  });
});

describe('par-index explain', () => {
  it('explains one unit back to the legal text and the evidence', async () => {
    const r = await run('explain', good, evDir, '--unit', 'b', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Legal basis: QĐ 1\/QĐ-UBND, mục 1/);
    expect(r.out).toMatch(/Inputs: onTime = 70 \(source: Một cửa điện tử\)/);
    expect(r.out).toMatch(/70 ÷ 100 = 70%/);
    expect(r.out).toMatch(/Points lost because \(−3\.00\)/);
  });
  it('an unknown unit is a clear error', async () => {
    const r = await run('explain', good, evDir, '--unit', 'zz', '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no unit "zz".*units: a, b/);
  });
});

describe('help', () => {
  it('every command has --help with an example', async () => {
    for (const c of ['check', 'score', 'explain', 'demo']) {
      const r = await run(c, '--help', '--lang', 'en');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/Example: par-index /);
    }
  });
});
