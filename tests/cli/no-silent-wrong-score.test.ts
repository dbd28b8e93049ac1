/**
 * Issue 20, "no silent wrong score": ordinary mistakes either score right or stop with a clear message (exit 2
 * for evidence, exit 1 from `check`), and every warning that cost points says how many.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../src/cli/main.js';
import { pointsLost, score } from '../../src/index.js';
import { readCriteriaSet, readEvidence } from '../../src/io/index.js';
import { officeTables } from '../../src/report/office-tables.js';
import { criteriaDoc } from '../support/support.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'par-index-i20-'));
const BANDS = {
  levels: [
    { id: 'tot', label: 'Tốt', labelEn: 'Good', min: 80 },
    { id: 'kha', label: 'Khá', labelEn: 'Fair', min: 65, max: 80 },
    { id: 'trung-binh', label: 'Trung bình', labelEn: 'Average', min: 50, max: 65 },
    { id: 'yeu', label: 'Yếu', labelEn: 'Weak', max: 50 },
  ],
};
const setFile = join(dir, 'set.yaml');
writeFileSync(
  setFile,
  stringify(
    criteriaDoc(
      [
        {
          id: '1',
          title: 'Cải cách TTHC',
          max: 10,
          children: [
            {
              id: '1.1',
              title: 'Hồ sơ đúng hạn',
              max: 4,
              rule: { kind: 'rate', numerator: 'hoso.dungHan', base: 'hoso.tong', whenBaseZero: 'full' },
            },
            { id: '1.2', title: 'Kế hoạch', max: 6, rule: { kind: 'task', task: 'ke-hoach' } },
          ],
        },
      ],
      {
        measures: {
          'hoso.dungHan': { title: 'Hồ sơ đúng hạn', unit: 'count' },
          'hoso.tong': { title: 'Hồ sơ đã giải quyết', unit: 'count' },
        },
        bands: BANDS,
      },
    ),
  ),
);
const evidence = (measures: Record<string, number>, extra: Record<string, unknown> = {}) => ({
  format: 'par-index/evidence@1',
  year: 2021,
  source: 'Báo cáo CCHC 2021',
  units: [{ id: 'an-binh', name: 'Xã An Bình', measures, tasks: { 'ke-hoach': { done: '2021-01-10' } }, ...extra }],
});
const good = join(dir, 'good.yaml');
writeFileSync(good, stringify(evidence({ 'hoso.dungHan': 95, 'hoso.tong': 100 })));
const typo = join(dir, 'typo.yaml');
writeFileSync(typo, stringify(evidence({ 'hoso.dunghan': 95, 'hoso.tong': 100 })));

describe('a measure name typed with the wrong case (hoso.dunghan for hoso.dungHan)', () => {
  it('scores right when spelled right: Tốt', async () => {
    const r = await run('score', setFile, good, '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)[0]).toMatchObject({ index: 98, band: { id: 'tot' }, warnings: [] });
  });
  it('stops with exit 2 and a "did you mean" naming the declared measure', async () => {
    const r = await run('score', setFile, typo, '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(
      /error \[evidence\.unknown-measure\] .*typo\.yaml: units\[0\]\.measures\["hoso\.dunghan"\]: measure "hoso\.dunghan" is not declared/,
    );
    expect(r.err).toMatch(/did you mean "hoso\.dungHan"\?/);
    expect(r.err).toMatch(/--lenient/);
  });
  it('says it in Vietnamese too', async () => {
    const r = await run('score', setFile, typo, '--lang', 'vi');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/lỗi \[evidence\.unknown-measure\].*có phải là "hoso\.dungHan"\?/);
  });
  it('explain and report stop too', async () => {
    expect((await run('explain', setFile, typo, '--unit', 'an-binh')).code).toBe(2);
    expect((await run('report', setFile, typo, '--format', 'csv')).code).toBe(2);
  });
  it('--lenient scores with a warning, and lists the points the warning cost at the end of the output', async () => {
    const r = await run('score', setFile, typo, '--lenient', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning \[evidence\.unknown-measure\].*did you mean "hoso\.dungHan"\?/);
    const lines = r.out.split('\n');
    const at = lines.findIndex((l) => /^Warnings that cost points/.test(l));
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at).join('\n')).toMatch(/an-binh {2}1\.1: −4(\.00)? .*missing evidence \(hoso\.dungHan\)/);
  });
  it('--lenient with JSON: the card lists the warnings that cost points, with the points', async () => {
    const r = await run('score', setFile, typo, '--lenient', '--format', 'json');
    expect(r.code).toBe(0);
    const card = JSON.parse(r.out)[0];
    expect(card.band.id).toBe('trung-binh');
    expect(card.pointsLost).toEqual([expect.objectContaining({ node: '1.1', points: 4, exact: '4', code: 'evidence.missing' })]);
  });
  it('--lenient with Markdown: the list closes the output', async () => {
    const r = await run('score', setFile, typo, '--lenient', '--format', 'md', '--lang', 'en');
    expect(r.code).toBe(0);
    const tail = r.out.slice(r.out.lastIndexOf('\n# ') + 1);
    expect(tail).toMatch(/^# Warnings that cost points \(1\)/);
    expect(tail).toMatch(/1\.1.*−4/);
  });
  it('an unknown task and an unknown node stop the run too, each with its suggestion', async () => {
    const f = join(dir, 'task.yaml');
    writeFileSync(
      f,
      stringify(
        evidence(
          { 'hoso.dungHan': 95, 'hoso.tong': 100 },
          {
            tasks: { 'ke-hoach': { done: '2021-01-10' }, 'ke-hoạch-2': { done: '2021-01-10' } },
            notApplicable: [{ node: '1.3', reason: 'x' }],
          },
        ),
      ),
    );
    const r = await run('score', setFile, f, '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/error \[evidence\.unknown-task\].*"ke-hoạch-2".*did you mean "ke-hoach"\?/);
    expect(r.err).toMatch(/error \[evidence\.unknown-node\].*"1\.3".*did you mean "1\.1" or "1\.2"\?/);
  });
});

describe('the report lists the warnings that cost points at its top', () => {
  it('HTML', async () => {
    const out = join(dir, 'r.html');
    const r = await run('report', setFile, typo, '--lenient', '--format', 'html', '--out', out, '--lang', 'en');
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const lost = html.indexOf('Warnings that cost points');
    expect(lost).toBeGreaterThan(0);
    expect(lost).toBeLessThan(html.indexOf('<table'));
    expect(html.slice(lost, lost + 2000)).toMatch(/1\.1/);
  });
  it('XLSX and CSV folder: a "points lost" table right after the ranking, points as a number', async () => {
    const folder = join(dir, 'csv-all');
    expect((await run('report', setFile, typo, '--lenient', '--format', 'csv', '--table', 'all', '--out', folder, '--quiet')).code).toBe(0);
    const tables = officeTables(score(readCriteriaSet(setFile), readEvidence(typo), { lenient: true }), 'vi');
    expect(tables.map((t) => t.key).slice(0, 2)).toEqual(['ranking', 'points-lost']);
    expect(tables[1]!.rows).toEqual([['Xã An Bình', '1.1', 4, 'evidence.missing', expect.stringMatching(/hoso\.dungHan/)]]);
    expect(readdirSync(folder).some((f) => /points-lost/.test(f))).toBe(true);
  });
  it('CSV alone: --table points-lost', async () => {
    const r = await run('report', setFile, typo, '--lenient', '--format', 'csv', '--table', 'points-lost', '--lang', 'en');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('Unit,Criterion,Points lost,Code,Message');
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^Xã An Bình,1\.1,4\.00,evidence\.missing,.*hoso\.dungHan/)]);
  });
  it('no warning cost a point: no such table', async () => {
    const tables = officeTables(score(readCriteriaSet(setFile), readEvidence(good)), 'vi');
    expect(tables.some((t) => t.key === 'points-lost')).toBe(false);
  });
});

describe('explain and the data formats of score say which warnings cost points', () => {
  it("explain (text and Markdown) lists the unit's warnings that cost points before its warnings", async () => {
    const t = await run('explain', setFile, typo, '--unit', 'an-binh', '--lenient', '--lang', 'en');
    expect(t.code).toBe(0);
    const lines = t.out.split('\n');
    const at = lines.indexOf('Warnings that cost points (1):');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/^ {2}an-binh {2}1\.1: −4(\.00)? points — \[evidence\.missing\]/);
    expect(lines.indexOf('Warnings:')).toBeGreaterThan(at);
    const md = await run('explain', setFile, typo, '--unit', 'an-binh', '--lenient', '--format', 'md', '--lang', 'vi');
    expect(md.out).toMatch(/\n## Cảnh báo làm mất điểm \(1\)\n\n- an-binh {2}1\.1: −4(,00)? điểm/);
  });
  it('explain of a unit that lost nothing to a warning has no such list', async () => {
    const t = await run('explain', setFile, good, '--unit', 'an-binh', '--lang', 'en');
    expect(t.out).not.toMatch(/cost points/);
  });
  it('score --format csv and json keep standard output for data and print the list on standard error', async () => {
    for (const format of ['csv', 'json']) {
      const r = await run('score', setFile, typo, '--lenient', '--format', format, '--lang', 'en');
      expect(r.code).toBe(0);
      expect(r.out).not.toMatch(/cost points/);
      expect(r.err).toMatch(/Warnings that cost points \(1\):\n {2}an-binh {2}1\.1: −4/);
    }
  });
  it('pointsLost is part of the API', () => {
    const card = score(readCriteriaSet(setFile), readEvidence(typo), { lenient: true }).rows[0]!.card;
    expect(pointsLost(card)).toEqual([
      expect.objectContaining({ unit: 'an-binh', node: '1.1', points: 4, exact: '4', code: 'evidence.missing' }),
    ]);
  });
});

describe('check refuses criteria that cannot band every score', () => {
  const write = (name: string, doc: Record<string, unknown>) => {
    const f = join(dir, name);
    writeFileSync(f, stringify(doc));
    return f;
  };
  const fields = (first: number) => [
    { id: '1', title: 'A', max: first, children: [{ id: '1.1', title: 'a', max: first, rule: { kind: 'task', task: 'a' } }] },
    { id: '2', title: 'B', max: 20, children: [{ id: '2.1', title: 'b', max: 20, rule: { kind: 'task', task: 'b' } }] },
  ];
  it("a bonus block above the guide's top band max: 100 names the uncovered range (100; 102,5]", async () => {
    const tree = [
      ...fields(80),
      {
        id: '3',
        title: 'Điểm thưởng',
        block: { kind: 'bonus', cap: 2.5 },
        children: [{ id: '3.1', title: 'x', max: 2.5, rule: { kind: 'task', task: 'x' } }],
      },
    ];
    const f = write(
      'bonus.yaml',
      criteriaDoc(tree, {
        bands: {
          levels: [
            { id: 'tot', label: 'Tốt', min: 50, max: 100, maxInclusive: true },
            { id: 'yeu', label: 'Yếu', max: 50 },
          ],
        },
      }),
    );
    const vi = await run('check', f, '--lang', 'vi');
    expect(vi.code).toBe(1);
    expect(vi.err).toMatch(/lỗi \[criteria\.bands-gap\] .*bonus\.yaml: bands\.levels\[0\], dòng \d+ cột \d+: .*\(100; 102,5\]/);
    const en = await run('check', f, '--lang', 'en');
    expect(en.err).toMatch(/error \[criteria\.bands-gap\] .*bands\.levels\[0\], line \d+ col \d+: .*\(100; 102\.5\]/);
  });
  it('fields that add to 101 against a declared total of 100', async () => {
    const f = write('total.yaml', criteriaDoc(fields(81), { total: 100 }));
    const r = await run('check', f, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error \[criteria\.total-mismatch\] .*total\.yaml: total, line \d+ col \d+: .*100.*101/);
  });
  it('a rate over a measure that may be negative', async () => {
    const tree = [
      {
        id: '1',
        title: 'A',
        max: 1,
        children: [{ id: '1.1', title: 'a', max: 1, rule: { kind: 'rate', numerator: 'delta', base: 'resolved', whenBaseZero: 'full' } }],
      },
    ];
    const doc = criteriaDoc(tree);
    const f = write('signed.yaml', {
      ...doc,
      measures: { ...(doc['measures'] as object), delta: { title: 'Chênh lệch', unit: 'number' } },
    });
    const r = await run('check', f, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /error \[criteria\.signed-measure\] .*signed\.yaml: criterion 1\.1 \(tree\[0\]\.children\[0\]\.rule\.numerator\), line \d+ col \d+: .*"delta"/,
    );
  });
});
