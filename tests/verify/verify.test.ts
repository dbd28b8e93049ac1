/** Reading published tables as printed, the table's own checks, tolerance, and the renderers. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/core/document.js';
import { ParIndexError } from '../../src/core/errors.js';
import { loadUnitMap } from '../../src/ranking/unit-map.js';
import { loadUncertaintySpec } from '../../src/ranking/uncertainty-spec.js';
import { parseCsv } from '../../src/core/table.js';
import { renderVerifyHtml, renderVerifyJson, renderVerifyMarkdown } from '../../src/report/verify.js';
import { loadPublishedDecision } from '../../src/verify/decision.js';
import { decisionFromTable } from '../../src/verify/decision-table.js';
import { foldUnitName, printedNumber, printedRank } from '../../src/verify/printed.js';
import { parsePublished } from '../../src/verify/published.js';
import { readPublishedDecision } from '../../src/io/verify-files.js';
import { verifyDecision } from '../../src/verify/verify.js';

const META = { format: 'par-index/published@1' };
const bands = {
  levels: [
    { id: 'tot', label: 'Tốt', labelEn: 'Good', min: 80 },
    { id: 'kha', label: 'Khá', min: 50, max: 80 },
    { id: 'yeu', label: 'Yếu', max: 50 },
  ],
};
const table = (csv: string, meta: Record<string, unknown> = {}) =>
  decisionFromTable(parseCsv(csv, { file: 'qd.csv' }), { ...META, ...meta }, { file: 'qd.csv' });
const kinds = (csv: string, meta: Record<string, unknown> = {}, tolerance?: number) =>
  verifyDecision(table(csv, meta), tolerance !== undefined ? { tolerance } : {}).discrepancies.map((d) =>
    `${d.kind} ${d.unit ?? '*'} ${d.field ?? ''}`.trim(),
  );
const errorsOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ParIndexError) return e.issues;
    throw e;
  }
  return [];
};

describe('numbers and ranks as printed', () => {
  it('reads comma decimals, minus signs, parentheses and percent, keeping the printed decimals', () => {
    expect(printedNumber('95,41')).toEqual({ exact: '9541/100', value: 95.41, decimals: 2, text: '95,41' });
    expect(printedNumber('−0,50')?.value).toBe(-0.5);
    expect(printedNumber('(0,5)')).toMatchObject({ value: -0.5, decimals: 1 });
    expect(printedNumber('36,4%')).toMatchObject({ value: 36.4, decimals: 1 });
    expect(printedNumber('—')).toBeNull();
    expect(printedNumber('nhiều')).toBeUndefined();
    expect(printedNumber(12, 2)).toMatchObject({ value: 12, decimals: 2 });
  });
  it('reads "3", "03", "3/11", "Hạng 3/11"', () => {
    expect(printedRank('03')).toEqual({ rank: 3, of: null, text: '03' });
    expect(printedRank('Hạng 3/11')).toMatchObject({ rank: 3, of: 11 });
    expect(printedRank('ba')).toBeUndefined();
  });
  it('folds unit names: prefix, case and diacritics do not matter', () => {
    expect(foldUnitName('Thị trấn Như Quỳnh')).toBe(foldUnitName('như quynh'));
    expect(foldUnitName('UBND xã Đình Dù')).toBe('dinh du');
  });
});

describe('reading tables', () => {
  it('recognises headers by their Vietnamese names and field columns by their number, with maxima from "(N điểm)"', () => {
    const d = table(
      'TT;Tên đơn vị;Lĩnh vực 1 (6 điểm);2. Thể chế (4 điểm);Tổng cộng;Chỉ số (%);Thứ hạng;Phân loại\n1;Xã An;5,50;3,50;9,00;90,00;1;Tốt\n',
    );
    expect(d.fields).toEqual([
      { id: '1', max: 6 },
      { id: '2', title: 'Thể chế', max: 4 },
    ]);
    expect(d.columns).toMatchObject({ total: true, index: true, rank: true, band: true, max: false });
  });
  it('refuses unknown columns, bad numbers, a missing unit column and duplicate units, naming row and column', () => {
    expect(errorsOf(() => table('Đơn vị;Điểm cộng thêm\nXã An;1\n')).map((i) => [i.code, i.path, i.file])).toEqual([
      ['verify.unknown-column', ['header', 1], 'qd.csv'],
    ]);
    const bad = errorsOf(() => table('Đơn vị;Tổng điểm;Xếp hạng\nXã An;9,5a;1\nXã Bình;8;một\n'));
    expect(bad.map((i) => [i.code, i.path])).toEqual([
      ['verify.bad-value', ['row', 2, 'Tổng điểm']],
      ['verify.bad-value', ['row', 3, 'Xếp hạng']],
    ]);
    expect(bad[0]!.messageVi).toMatch(/không phải là số/);
    expect(errorsOf(() => table('Tổng điểm\n9\n'))[0]!.code).toBe('verify.missing-column');
    expect(errorsOf(() => table('Đơn vị;Tổng điểm\nXã An;9\nxã an;8\n'))[0]!.code).toBe('verify.duplicate-unit');
    expect(errorsOf(() => loadPublishedDecision({ format: 'par-index/published@3', rows: [] }))[0]!.code).toBe('format.future-version');
  });
  it('maps headers through the descriptor', () => {
    const d = table('Đơn vị hành chính;LV-A;Cộng\nXã An;5;5\n', {
      columns: { 'Đơn vị hành chính': 'unit', 'LV-A': { field: 'A' }, Cộng: 'total' },
    });
    expect(d.rows[0]).toMatchObject({ unit: 'Xã An', total: { value: 5 }, fields: { A: { value: 5 } } });
  });
  it('reads XLSX cells (numbers with the declared decimals)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'par-xlsx-'));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Kết quả');
    ws.addRow(['Đơn vị', '1 (6 điểm)', '2 (4 điểm)', 'Tổng điểm', 'Chỉ số (%)', 'Xếp hạng', 'Xếp loại']);
    ws.addRow(['Xã An', 5.5, 3.5, 9, 90, 1, 'Tốt']);
    ws.addRow(['Xã Bình', 4, 3, 7.5, 75, 2, 'Khá']);
    await wb.xlsx.writeFile(join(dir, 'qd.xlsx'));
    writeFileSync(
      join(dir, 'qd.yaml'),
      `format: par-index/published@1\ntable: qd.xlsx\nmax: 10\ndecimals: { points: 2, index: 2 }\nbands:\n  levels:\n    - { id: tot, label: Tốt, min: 80 }\n    - { id: kha, label: Khá, max: 80 }\n`,
    );
    const d = await readPublishedDecision(join(dir, 'qd.yaml'));
    expect(d.rows[1]!.total).toMatchObject({ value: 7.5, decimals: 2 });
    // Bình's fields add up to 7, not 7.5.
    expect(verifyDecision(d).discrepancies.map((x) => [x.kind, x.unit, x.published, x.expected])).toEqual([['sum', 'Xã Bình', 7.5, 7]]);
  });
});

describe('checks of the table on its own', () => {
  const head = 'Đơn vị;1 (6 điểm);2 (4 điểm);Tổng điểm;Điểm tối đa;Chỉ số (%);Xếp hạng;Xếp loại\n';
  it('flag a score above its maximum, an index that is not total ÷ max × 100, a wrong band', () => {
    expect(kinds(`${head}Xã An;6,50;2,50;9,00;10,00;90,00;1;Tốt\nXã Bình;4,00;3,00;7,00;10,00;71,00;2;Tốt\n`, { bands })).toEqual([
      'above-max Xã An 1',
      'index Xã Bình',
      'band Xã Bình',
    ]);
  });
  it('judge ranks and bands on the index the total gives when only the printed index is off (one error, one report)', () => {
    // Bình's index is misprinted 95 for 70: its rank and band still follow 70.
    expect(kinds(`${head}Xã An;5,00;4,00;9,00;10,00;90,00;1;Tốt\nXã Bình;4,00;3,00;7,00;10,00;95,00;2;Khá\n`, { bands })).toEqual([
      'index Xã Bình',
    ]);
  });
  it('use half of the last printed digit as tolerance, or the declared one', () => {
    const csv = `Đơn vị;Tổng điểm;Điểm tối đa;Chỉ số (%)\nXã An;8,45;9,00;93,9\n`;
    // 8.45 ÷ 9 × 100 = 93.888…: printed to 1 decimal, 93,9 is right (±0.05).
    expect(kinds(csv)).toEqual([]);
    expect(kinds(csv.replace('93,9', '93,89'))).toEqual([]);
    expect(kinds(csv.replace('93,9', '93,88'))).toEqual(['index Xã An']);
    expect(kinds(csv.replace('93,9', '93,88'), {}, 0.01)).toEqual([]);
  });
  it('judge a total against its fields within what parts rounded each on its own allow, and name that tolerance', () => {
    const h = 'Đơn vị;1;2;3;Tổng điểm\n';
    const sum = (csv: string, meta: Record<string, unknown> = {}, opts: { partsTolerance?: number } = {}) =>
      verifyDecision(table(`${h}${csv}\n`, meta), opts).discrepancies.filter((d) => d.kind === 'sum');
    // 3 fields printed to 2 decimals: each within 0,005 of its exact value, so the printed total may be
    // 3 × 0,005 = 0,015 from their sum. 3,33 + 3,33 + 3,33 = 9,99 printed as 10,00 (1/3 each, total exactly 10): fine.
    expect(sum('Xã An;3,33;3,33;3,33;10,00')).toEqual([]);
    // 9,99 against 10,02: 0,03 > 0,015.
    const [d] = sum('Xã An;3,33;3,33;3,33;10,02');
    expect([d!.published, d!.expected, d!.tolerance]).toEqual([10.02, 9.99, 0.015]);
    expect(d!.toleranceRule?.en).toBe('3 parts each rounded on its own to 2 decimals: 3 × 0.005 = 0.015');
    expect(d!.message).toContain('tolerance 3 parts each rounded on its own');
    expect(d!.messageVi).toContain('sai số cho phép 3 phần, mỗi phần làm tròn riêng đến 2 chữ số thập phân: 3 × 0,005 = 0,015');
    // Declared: partsTolerance 0 demands the printed fields add up exactly (in the file or as an option).
    expect(sum('Xã An;3,33;3,33;3,33;10,00', { partsTolerance: 0 }).map((x) => x.toleranceRule?.en)).toEqual([
      'declared tolerance of a sum of parts ±0',
    ]);
    expect(sum('Xã An;3,33;3,33;3,33;10,02', {}, { partsTolerance: 0.05 })).toEqual([]);
    // Mixed decimals: fields 1 and 2 decimals, 3 and the total 2: 0,05 + 0,005 + 0,005 + 0,005 (total) = 0,065.
    // 1,3 + 2,33 + 3,33 = 6,96; printed 7,02 is 0,06 away (accepted), 7,03 is 0,07 (reported).
    expect(sum('Xã An;1,3;2,33;3,33;7,02')).toEqual([]);
    expect(sum('Xã An;1,3;2,33;3,33;7,03').map((x) => x.tolerance)).toEqual([0.065]);
  });
  it('rank ties: competition shares a rank and skips; a missing tie-break key accepts either order', () => {
    const h = 'Đơn vị;Chỉ số (%);Xếp hạng\n';
    expect(kinds(`${h}Xã An;90,00;1\nXã Bình;90,00;1\nXã Cường;80,00;3\n`)).toEqual([]);
    expect(kinds(`${h}Xã An;90,00;1\nXã Bình;90,00;1\nXã Cường;80,00;2\n`)).toEqual(['rank Xã Cường']);
    expect(kinds(`${h}Xã An;90,00;1\nXã Bình;90,00;1\nXã Cường;80,00;2\n`, { ranking: { method: 'dense' } })).toEqual([]);
    // Tie broken by field 3, which the table does not print: 1 and 2 in either order are accepted.
    const rule = { ranking: { method: 'competition', tieBreak: [{ by: 'node', id: '3' }] } };
    expect(kinds(`${h}Xã An;90,00;2\nXã Bình;90,00;1\nXã Cường;80,00;3\n`, rule)).toEqual([]);
    expect(kinds(`${h}Xã An;90,00;1\nXã Bình;90,00;1\nXã Cường;80,00;3\n`, { ranking: { method: 'ordinal' } })).toEqual([]);
    const r = verifyDecision(table(`${h}Xã An;90,00;2/3\nXã Bình;90,00;1/3\nXã Cường;80,00;3/4\n`, rule));
    expect(r.discrepancies.map((d) => [d.unit, d.published, d.expected])).toEqual([['Xã Cường', '3/4', '3/3']]);
    expect(r.notes.map((n) => n.en).join(' ')).toMatch(/not printed/);
  });
  it('check summaries: counts against the rows, percentages against the counts, bands without a line', () => {
    const csv = 'Đơn vị;Chỉ số (%);Xếp loại\nXã An;90;Tốt\nXã Bình;85;Tốt\nXã Cường;60;Khá\n';
    expect(
      kinds(csv, {
        bands,
        summary: [
          { band: 'Tốt', count: 2, percent: '66,67' },
          { band: 'Khá', count: 1, percent: '33,33' },
        ],
      }),
    ).toEqual([]);
    expect(
      kinds(csv, {
        bands,
        summary: [
          { band: 'Tốt', count: 3, percent: '66,67' },
          { band: 'Khá', count: 1, percent: '33,3' },
        ],
      }),
    ).toEqual(['summary * Tốt']);
    expect(kinds(csv, { bands, summary: [{ band: 'Tốt', count: 2, percent: '66,66' }] })).toEqual(['summary * Khá', 'summary * Tốt']);
  });
  it('say which checks did not run and why', () => {
    const r = verifyDecision(table('Đơn vị;Tổng điểm\nXã An;9\n'));
    expect(r.checks.filter((c) => !c.run).map((c) => c.id)).toEqual(['sum', 'above-max', 'index', 'rank', 'band', 'summary', 'recompute']);
    expect(r.checks.find((c) => c.id === 'rank')!.reason!.vi).toMatch(/không có cột xếp hạng/);
  });
  it('never change the decision they read, and return frozen reports', () => {
    const d = table('Đơn vị;Chỉ số (%);Xếp hạng\nXã An;90;2\n');
    const before = JSON.stringify(d);
    const r = verifyDecision(d);
    expect(JSON.stringify(d)).toBe(before);
    expect(Object.isFrozen(r.discrepancies[0])).toBe(true);
  });
});

describe('renderers', () => {
  const r = verifyDecision(
    table('Đơn vị;Chỉ số (%);Xếp hạng;Xếp loại\n<b>Xã "An"</b>;90,00;2;Tốt\n', {
      bands,
      number: '14/QĐ-UBND',
      issuer: 'UBND huyện <Văn Lâm>',
    }),
  );
  it('Markdown in both languages, with a decimal comma in Vietnamese', () => {
    // The unit's name is the table's text: its tags are written as entities (issue 26, item 6).
    expect(renderVerifyMarkdown(r, 'vi')).toMatch(
      /\| 1 \| Thứ hạng không theo chỉ số \| &lt;b&gt;Xã "An"&lt;\/b&gt; \| 2 \| xếp hạng \| 2 \| 1 \| \+1 \| bảng \|/,
    );
    expect(renderVerifyMarkdown(r, 'vi')).toContain('- Cơ quan ban hành: UBND huyện &lt;Văn Lâm&gt;');
    expect(renderVerifyMarkdown(r, 'en')).toMatch(/1 discrepancy\(ies\) found/);
  });
  it('HTML escapes every text and fetches nothing', () => {
    const html = renderVerifyHtml(r, 'vi');
    expect(html).toContain('&lt;b&gt;Xã &quot;An&quot;&lt;/b&gt;');
    expect(html).toContain('UBND huyện &lt;Văn Lâm&gt;');
    expect(html).not.toMatch(/<script|src=|href=|url\(/);
  });
  it('JSON: ok and discrepancies first, the same bytes for the same report', () => {
    const j = JSON.parse(renderVerifyJson(r));
    expect(Object.keys(j).slice(0, 2)).toEqual(['ok', 'discrepancies']);
    expect(j.discrepancies[0]).toMatchObject({ kind: 'rank', unit: '<b>Xã "An"</b>', published: 2, expected: 1, delta: 1 });
    expect(renderVerifyJson(r)).toBe(
      renderVerifyJson(
        verifyDecision(
          table('Đơn vị;Chỉ số (%);Xếp hạng;Xếp loại\n<b>Xã "An"</b>;90,00;2;Tốt\n', {
            bands,
            number: '14/QĐ-UBND',
            issuer: 'UBND huyện <Văn Lâm>',
          }),
        ),
      ),
    );
  });
});

describe('the guides', () => {
  const blocks = ['docs/verify.md', 'docs/ranking.md'].flatMap((g) =>
    [...readFileSync(g, 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => ({ g, text: m[1]! })),
  );
  it('have examples that load with their loaders', () => {
    const of = (f: string) => blocks.filter((b) => b.text.startsWith(`format: par-index/${f}@1`));
    expect(of('published')).toHaveLength(3);
    for (const b of of('published')) {
      const meta = parsePublished(parseText(b.text, { file: b.g }), { file: b.g });
      if (meta.rows) expect(verifyDecision(loadPublishedDecision(parseText(b.text), { file: b.g })).ok).toBe(true);
    }
    // docs/ranking.md: the map of the format's description, and the merger example's (one entry per combination).
    expect(of('unit-map').map((b) => loadUnitMap(b.text, { file: b.g }).entries.length)).toEqual([4, 4]);
    expect(of('uncertainty').map((b) => loadUncertaintySpec(b.text, { file: b.g }).weights?.fields?.['8'])).toEqual([[0.9, 1.1]]);
  });
});
