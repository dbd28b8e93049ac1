/**
 * The Văn Lâm published decision (fixtures/van-lam-2021/published/): the correct copy verifies clean against the
 * criteria and the evidence, in every form (CSV + descriptor, JSON, bare CSV); the erroneous copy reports exactly
 * the errors put in it; the committed files are what the generator writes; and the commands' exit codes.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { makeCommands } from '../../src/cli/ranking.js';
import { readCriteriaSet } from '../../src/io/index.js';
import { dossierSource } from '../../src/io/dossier-source.js';
import { inspectionSource } from '../../src/io/inspection-source.js';
import { readEvidenceSources } from '../../src/io/sources.js';
import { surveySource } from '../../src/io/survey-source.js';
import { readPublishedDecision } from '../../src/io/verify-files.js';
import { decisionFields, verifyDecision } from '../../src/verify/verify.js';
import { ERRONEOUS_NAME, exampleCards, publishedFiles, PUBLISHED_NAME } from '../../scripts/generate-van-lam-published.js';
import { root } from '../support/paths.js';

const dir = `${root}fixtures/van-lam-2021/published/`;
const criteria = `${root}criteria/examples/van-lam-commune-2021.yaml`;
const readers = [dossierSource, inspectionSource, surveySource];
const set = readCriteriaSet(criteria);
const evidence = await readEvidenceSources([`${root}fixtures/van-lam-2021`], { readers, set });
const fields = decisionFields(set);

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const [name, ...rest] = argv;
  const cmd = makeCommands(readers)[name!]!;
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

describe('the correct decision', () => {
  it.each([`${PUBLISHED_NAME}.yaml`, `${PUBLISHED_NAME}.json`, `${PUBLISHED_NAME}.csv`])(
    '%s verifies clean against the criteria and the evidence',
    async (f) => {
      const d = await readPublishedDecision(`${dir}${f}`, { fields });
      expect(d.rows).toHaveLength(11);
      const r = verifyDecision(d, { set, evidence });
      expect(r.discrepancies).toEqual([]);
      expect(r.ok).toBe(true);
      // Every check ran for the documents that carry a summary; the recomputation always.
      const notRun = r.checks.filter((c) => !c.run).map((c) => c.id);
      expect(notRun).toEqual(f.endsWith('.csv') ? ['summary'] : []);
    },
  );

  it('is read as printed: Vietnamese headers, ";" cells, comma decimals, negative penalties, "k/N" ranks', async () => {
    const csv = readFileSync(`${dir}${PUBLISHED_NAME}.csv`, 'utf8');
    expect(csv.split('\n')[0]).toMatch(
      /^\uFEFFSTT;Đơn vị;Loại đơn vị;1\. Công tác chỉ đạo.*\(12 điểm\);.*;Tổng điểm;Điểm tối đa;Chỉ số CCHC \(%\);Xếp hạng;Xếp loại\r$/,
    );
    const d = await readPublishedDecision(`${dir}${PUBLISHED_NAME}.yaml`);
    const cd = d.rows.find((r) => r.unit === 'Xã Chỉ Đạo')!;
    expect(cd.fields['10']).toMatchObject({ value: -0.5, decimals: 2, text: '-0,50' });
    expect(cd.max?.value).toBe(98);
    expect(cd.rank).toEqual({ rank: 10, of: 11, text: '10/11' });
    // Maxima come from the headers "(12 điểm)" when the descriptor names no fields.
    expect(d.fields.find((f) => f.id === '1')?.max).toBe(12);
    expect(d.number).toMatch(/minh họa/);
  });
});

describe('the erroneous copy', () => {
  it.each([`${ERRONEOUS_NAME}.yaml`, `${ERRONEOUS_NAME}.json`])('%s reports exactly the planted errors, each traced', async (f) => {
    const r = verifyDecision(await readPublishedDecision(`${dir}${f}`, { fields }), { set, evidence });
    expect(r.ok).toBe(false);
    const got = r.discrepancies.map((d) => [d.kind, d.source, d.unitId ?? d.unit, d.field ?? '', d.published, d.expected, d.delta]);
    expect(got).toEqual([
      // Lạc Hồng's field 3 printed 18,78 for 18,87: the recomputation names the field, the table its total.
      ['field-differs', 'evidence', 'lac-hong', '3', 18.78, 18.87, -0.09],
      ['sum', 'table', f.endsWith('.json') ? 'lac-hong' : 'Xã Lạc Hồng', '', 91.74, 91.65, 0.09],
      // Việt Hưng and Lương Tài: ranks swapped; the table's order and the recomputation agree on what they should be.
      ['rank', 'both', 'viet-hung', '', '7/11', '6/11', 1],
      ['rank', 'both', 'luong-tai', '', '6/11', '7/11', -1],
      // Trưng Trắc: 79,39 is Khá, printed Tốt.
      ['band', 'both', 'trung-trac', '', 'Tốt', 'Khá', null],
    ]);
    const field = r.discrepancies[0]!;
    expect(field.nodes!.map((n) => n.id)).toEqual([
      '3.1.1',
      '3.1.2',
      '3.2.1',
      '3.2.2',
      '3.2.3',
      '3.3.1',
      '3.3.2',
      '3.4.1',
      '3.4.2',
      '3.4.3',
    ]);
    expect(field.message).toMatch(/published field 3 is 18\.78, recomputed 18\.87; recomputed leaves of 3: 3\.1\.1/);
    expect(field.messageVi).toMatch(/lĩnh vực 3 công bố 18,78, tính lại 18,87/);
    // The leaves that lost points say why, from the trace.
    expect(field.nodes!.find((n) => n.id === '3.4.3')!.lost.length).toBeGreaterThan(0);
  });

  it('matches what the generator says it planted', async () => {
    const { ranking } = await exampleCards(root);
    const { planted } = publishedFiles(set, ranking);
    expect(planted.map((p) => [p.what, ...p.units])).toEqual([
      ['field', 'lac-hong'],
      ['ranks-swapped', 'viet-hung', 'luong-tai'],
      ['band', 'trung-trac'],
    ]);
  });
});

describe('the committed files', () => {
  it('are what scripts/generate-van-lam-published.ts writes (run it when the example changes)', async () => {
    const { ranking } = await exampleCards(root);
    const { files } = publishedFiles(set, ranking);
    for (const [name, text] of Object.entries(files)) expect(readFileSync(`${dir}${name}`, 'utf8'), name).toBe(text);
  });
});

describe('par-index verify', () => {
  it('exit 0 for the correct decision, 1 for the erroneous one (Markdown, Vietnamese)', async () => {
    expect(
      (
        await run(
          'verify',
          `${dir}${PUBLISHED_NAME}.yaml`,
          '--criteria',
          criteria,
          '--evidence',
          `${root}fixtures/van-lam-2021`,
          '--lang',
          'vi',
        )
      ).code,
    ).toBe(0);
    const bad = await run(
      'verify',
      `${dir}${ERRONEOUS_NAME}.yaml`,
      '--criteria',
      criteria,
      '--evidence',
      `${root}fixtures/van-lam-2021`,
      '--lang',
      'vi',
    );
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/Phát hiện 5 sai lệch/);
    expect(bad.out).toMatch(/\| Xã Lạc Hồng \| 5 \| lĩnh vực 3 \| 18,78 \| 18,87 \| -0,09 \|/);
  });

  it('writes the JSON shape { ok, discrepancies: [{ kind, unit, field?, published, expected, delta }] }', async () => {
    const r = await run('verify', `${dir}${ERRONEOUS_NAME}.json`, '--format', 'json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(Object.keys(j).slice(0, 2)).toEqual(['ok', 'discrepancies']);
    expect(j.ok).toBe(false);
    // Without evidence: the table's own checks find the sum, the two ranks and the band.
    expect(j.discrepancies.map((d: { kind: string }) => d.kind)).toEqual(['sum', 'rank', 'rank', 'band']);
    for (const d of j.discrepancies) for (const k of ['kind', 'unit', 'published', 'expected', 'delta']) expect(d).toHaveProperty(k);
  });

  it('writes a self-contained HTML page to --out', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'par-verify-')), 'r.html');
    const r = await run('verify', `${dir}${ERRONEOUS_NAME}.yaml`, '--format', 'html', '--out', out, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/4 discrepancy/);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).not.toMatch(/<script|<link|src=|href=|@import|url\(/i);
    expect(html).toMatch(/Xã Trưng Trắc/);
  });

  it('bad input is a ParIndexError (main exits 2) naming the column, or a usage error', async () => {
    const d = mkdtempSync(join(tmpdir(), 'par-verify-'));
    writeFileSync(join(d, 'qd.csv'), 'Đơn vị;Tổng điểm;Ghi chú nội bộ khác\nXã An;90,5;x\n');
    await expect(run('verify', join(d, 'qd.csv'))).rejects.toMatchObject({
      issues: [{ code: 'verify.unknown-column', path: ['header', 2] }],
    });
    await expect(run('verify', join(d, 'qd.csv'), '--evidence', 'x')).rejects.toThrow(/--evidence needs --criteria/);
  });
});
