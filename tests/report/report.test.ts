/**
 * The HTML report, the flat row tables, the office tables as XLSX and CSV, and the `report` command, on the worked
 * example (11 communes of Văn Lâm, 2021) and on hostile inline inputs.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/report.js';
import { COMMON_OPTIONS, type Io } from '../../src/cli/command.js';
import { ParIndexError } from '../../src/core/errors.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { pointsLost } from '../../src/engine/points-lost.js';
import { renderReportHtml } from '../../src/io/render-svg.js';
import { reportXlsx, writeReportCsv } from '../../src/io/xlsx.js';
import { rank } from '../../src/ranking/rank.js';
import { escapeHtml, reportHtml } from '../../src/report/html.js';
import { officeTableCsv, officeTables } from '../../src/report/office-tables.js';
import { fieldRows, rowsCsv, traceRows, unitRows, warningRows } from '../../src/report/rows.js';
import { cards, criteriaFile, EXPECTED, evidence, fixtureDir, ranking, set } from '../support/report-example.js';
import { makeEvidence, makeSet } from '../support/support.js';

const htmlVi = await renderReportHtml(ranking, { lang: 'vi', bands: set.bands?.levels });
const htmlEn = await renderReportHtml(ranking, { lang: 'en', bands: set.bands?.levels });

/** The `<details class="unit">` element of one unit, up to the next unit's. */
function unitDetails(html: string, id: string): string {
  const start = html.indexOf(`<details class="unit" id="u-${id}">`);
  if (start < 0) return '';
  const next = html.indexOf('<details class="unit"', start + 10);
  return html.slice(start, next < 0 ? html.indexOf('</body>') : next);
}

describe('the HTML report', () => {
  it('ranks every unit with its name, total, index and band, in rank order', () => {
    const table = htmlVi.slice(htmlVi.indexOf('<table class="ranking">'), htmlVi.indexOf('</table>'));
    let at = 0;
    for (const [id, name, total] of EXPECTED) {
      const row = table.indexOf(`<tr id="r-${id}">`);
      expect(row, id).toBeGreaterThan(at);
      at = row;
      const tr = table.slice(row, table.indexOf('</tr>', row));
      expect(tr).toContain(`>${name}</a>`);
      expect(tr).toContain(`<b>${total.toFixed(2).replace('.', ',')}</b>`);
    }
    expect(table).toContain('Xuất sắc');
    expect(table).toContain('Khá');
  });

  it('puts each unit’s whole trace in its own <details>, every field and leaf of the card in it', () => {
    for (const c of cards) {
      const d = unitDetails(htmlVi, c.unit.id);
      expect(d, c.unit.id).not.toBe('');
      expect(d).toContain('<summary>');
      for (const n of c.nodes) expect(d, `${c.unit.id} ${n.id}`).toContain(`<b>${n.id}</b>`);
      expect(d.match(/<details id="n-/g)?.length ?? 0).toBeGreaterThanOrEqual(c.fields.length);
    }
    // One lost point explained, with the reason: Tân Quang lacks 5.2's training evidence.
    expect(unitDetails(htmlVi, 'tan-quang')).toContain('thiếu minh chứng');
  });

  it('names the criteria set’s decision, its hash and the evidence hash', () => {
    const c0 = cards[0]!;
    expect(htmlVi).toContain(escapeHtml(c0.criteria.decision.number));
    expect(htmlVi).toContain(c0.criteria.hash);
    expect(htmlVi).toContain(c0.evidence.hash);
    expect(htmlVi).toContain(escapeHtml(c0.criteria.title));
  });

  it('lists every warning of every card', () => {
    const warnings = cards.flatMap((c) => c.warnings.map((w) => [c.unit.name, w.messageVi] as const));
    expect(warnings.length).toBeGreaterThan(0);
    const section = htmlVi.slice(htmlVi.indexOf('<h2 id="warnings">'), htmlVi.indexOf('<h2 id="traces">'));
    for (const [name, msg] of warnings) {
      expect(section).toContain(`<td>${escapeHtml(name)}</td>`);
      expect(section).toContain(escapeHtml(msg));
    }
  });

  it('embeds the charts as inline SVG and needs no network: no script, no outside link or source', () => {
    expect(htmlVi.match(/<figure><svg /g)?.length).toBe(2);
    expect(htmlVi).not.toMatch(/<script|<link|<iframe|<img|@import/i);
    expect(htmlVi).not.toMatch(/\s(?:src|href)\s*=\s*["']?\s*https?:/i);
    // Every link is a fragment of the page itself, and points at an element that exists.
    for (const m of htmlVi.matchAll(/\shref="([^"]*)"/g)) {
      expect(m[1]!.startsWith('#'), m[1]).toBe(true);
      expect(htmlVi).toContain(`id="${m[1]!.slice(1)}"`);
    }
  });

  it('is Vietnamese by default and English on request', () => {
    expect(htmlVi).toContain('<html lang="vi">');
    expect(htmlVi).toContain('Bảng xếp hạng');
    expect(htmlVi).toContain('95,41');
    expect(htmlEn).toContain('<html lang="en">');
    expect(htmlEn).toContain('Ranked table');
    expect(htmlEn).toContain('Excellent');
    expect(htmlEn).toContain('95.41');
    expect(reportHtml(ranking)).toContain('<html lang="vi">');
  });

  it('is deterministic: byte-identical for the same cards, whatever order they were scored in', async () => {
    const again = await renderReportHtml(ranking, { lang: 'vi', bands: set.bands?.levels });
    expect(again).toBe(htmlVi);
    const shuffled = [...evaluate(set, evidence, { trace: true })].reverse();
    const fromShuffled = await renderReportHtml(rank(shuffled, set.ranking), { lang: 'vi', bands: set.bands?.levels });
    expect(fromShuffled).toBe(htmlVi);
  });

  it('does not change the cards', () => {
    const before = JSON.stringify(cards);
    reportHtml(ranking, { lang: 'en' });
    unitRows(ranking);
    traceRows(cards);
    officeTables(ranking);
    expect(JSON.stringify(cards)).toBe(before);
  });

  it('escapes every text taken from the input', () => {
    const evil = '<script>alert("x")</script> & \'co\'';
    const s = makeSet(
      [
        {
          id: '1',
          title: `Lĩnh vực ${evil}`,
          max: 10,
          children: [{ id: '1.1', title: evil, max: 10, rule: { kind: 'task', task: 't1' } }],
        },
      ],
      { title: evil },
    );
    const ev = makeEvidence([{ name: evil, tasks: { t1: { done: '2021-03-01', source: evil } } }]);
    const html = reportHtml(rank(evaluate(s, ev, { trace: true })), { lang: 'vi' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;');
  });

  it('refuses a chart that could run code or reach the network', () => {
    for (const svg of [
      '<svg><script>alert(1)</script></svg>',
      '<svg onload="x()"></svg>',
      '<svg><a href="https://example.org/x">x</a></svg>',
      '<div></div>',
    ]) {
      expect(() => reportHtml(ranking, { charts: [{ title: 'x', svg }] }), svg).toThrow(ParIndexError);
    }
  });

  it('names when it was made only when asked (the default output is a function of the cards)', () => {
    expect(reportHtml(ranking)).not.toContain('Lập bởi');
    expect(reportHtml(ranking, { generated: 'par-index 0.1.0 <2021-12-20>' })).toContain(
      '<dt>Lập bởi</dt><dd class="st">par-index 0.1.0 &lt;2021-12-20&gt;</dd>',
    );
  });

  it('shows a card scored without its trace as such, and an empty run as empty', () => {
    const plain = rank(evaluate(set, evidence, { trace: false }), set.ranking);
    expect(reportHtml(plain, { lang: 'en' })).toContain('scored without its trace');
    expect(reportHtml(rank([]), { lang: 'en' })).toContain('No unit was scored.');
  });
});

describe('flat row tables', () => {
  it('one row per unit, in rank order, with totals and bands', () => {
    const rows = unitRows(ranking, 'en');
    expect(rows.map((r) => [r.unitId, r.unitName, r.total])).toEqual(EXPECTED.map((x) => [...x]));
    expect(rows[0]).toMatchObject({
      rank: 1,
      rankOf: '1/11',
      band: 'Excellent',
      bandId: 'xuat-sac',
      year: 2021,
      criteriaHash: cards[0]!.criteria.hash,
    });
    expect(Object.isFrozen(rows) && Object.isFrozen(rows[0])).toBe(true);
  });

  it('one row per unit × field, with the share of the maximum computed exactly', () => {
    const rows = fieldRows(ranking);
    expect(rows).toHaveLength(cards.length * cards[0]!.fields.length);
    const nq3 = rows.find((r) => r.unitId === 'nhu-quynh' && r.fieldId === '3')!;
    expect(nq3).toMatchObject({ points: 19.9, max: 20, percent: 99.5, block: null });
    const tq10 = rows.find((r) => r.unitId === 'tan-quang' && r.fieldId === '10')!;
    expect(tq10).toMatchObject({ points: -1, block: 'penalty', cap: 3, percent: -33.33 });
  });

  it('one row per trace node, as many as the cards have nodes; refuses cards without a trace', () => {
    const rows = traceRows(cards, 'vi');
    expect(rows).toHaveLength(cards.reduce((n, c) => n + c.nodes.length, 0));
    const leaf = rows.find((r) => r.unitId === 'tan-quang' && r.nodeId === '5.2')!;
    expect(leaf.parentId).toBe('5');
    expect(leaf.inputs).toContain('thiếu minh chứng');
    const plain = evaluate(set, evidence, { trace: false });
    expect(() => traceRows(plain)).toThrow(ParIndexError);
    try {
      traceRows(plain);
    } catch (e) {
      expect((e as ParIndexError).issues[0]!.messageVi).toContain('không có diễn giải');
    }
  });

  it('every warning as a row; CSV with the keys as header and null as empty', () => {
    const w = warningRows(cards, 'en');
    expect(w).toHaveLength(cards.reduce((n, c) => n + c.warnings.length, 0));
    const csv = rowsCsv(unitRows(ranking));
    const lines = csv.trimEnd().split('\n');
    expect(lines).toHaveLength(cards.length + 1);
    expect(lines[0]!.startsWith('rank,rankOf,unitId,unitName,kind,parent,total,max,fullMax,index,bandId,band')).toBe(true);
    expect(lines[1]).toContain('1,1/11,nhu-quynh,Như Quỳnh,thi-tran,huyen-van-lam,95.41,100');
    expect(rowsCsv([{ a: null, b: 'x,"y"' }])).toBe('a,b\n,"x,""y"""\n');
  });
});

describe('printed numbers (printedId) on the cards and in the office tables', () => {
  it('a criterion printed with another number than its id: the card carries it, its column is headed with it', () => {
    // As Hải Phòng 212/2025 Phụ lục 02 prints two criteria of a section "2": the second gets id 1.3, printed 1.2.
    const s = makeSet(
      [
        {
          id: '1',
          title: 'Lĩnh vực',
          max: 3,
          children: [
            { id: '1.1', title: 'Một', max: 1, rule: { kind: 'appraisal' } },
            { id: '1.2', title: 'Hai', max: 1, rule: { kind: 'appraisal' } },
            { id: '1.3', printedId: '1.2', title: 'Hai (lần nữa)', max: 1, rule: { kind: 'appraisal' } },
          ],
        },
      ],
      { acknowledged: [{ code: 'criteria.duplicate-printed-id', node: '1.3', reason: 'như quyết định in' }] },
    );
    const r = rank(evaluate(s, makeEvidence([{ appraisals: { '1.1': { round1: 1 }, '1.2': { round1: 1 }, '1.3': { round1: 0.5 } } }])));
    const card = r.rows[0]!.card;
    expect(card.nodes.map((n) => [n.id, n.printedId])).toEqual([
      ['1', undefined],
      ['1.1', undefined],
      ['1.2', undefined],
      ['1.3', '1.2'],
    ]);
    const field = officeTables(r, 'vi').find((t) => t.key === 'field-1')!;
    expect(field.header.slice(2, 5)).toEqual(['1.1. Một', '1.2. Hai', '1.2. Hai (lần nữa)']);
    expect(field.rows[0]!.slice(2, 5)).toEqual([1, 1, 0.5]);
  });
});

describe('office tables, XLSX and CSV', () => {
  const tables = officeTables(ranking, 'vi');

  it('a ranking table, the points lost to warnings, one table per field, a warnings table', () => {
    // Tân Quang's missing appraisal costs it points: the example has a points-lost table.
    expect(tables.map((t) => t.key)).toEqual(['ranking', 'points-lost', ...cards[0]!.fields.map((f) => `field-${f.id}`), 'warnings']);
    expect(tables.map((t) => t.name)).toEqual(['Xếp hạng', 'Mất điểm', ...cards[0]!.fields.map((f) => `Lĩnh vực ${f.id}`), 'Cảnh báo']);
    const lost = pointsLost(cards.find((c) => c.unit.name === 'Tân Quang')!);
    expect(lost.length).toBeGreaterThan(0);
    expect(tables[1]!.rows).toEqual(lost.map((l) => ['Tân Quang', l.node, l.points, l.code, l.messageVi]));
    const csv = officeTableCsv(tables[0]!).split('\n');
    expect(csv[1]).toBe('1/11,Như Quỳnh,12.00,7.50,19.90,7.50,10.00,6.50,12.30,18.71,1.00,0.00,95.41,100.00,95.41,Xuất sắc');
  });

  it('XLSX: the sheets, with numbers as numbers at the declared precision', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportXlsx(ranking, { lang: 'vi' })).buffer as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(tables.map((t) => t.name));
    const sheet = wb.getWorksheet('Xếp hạng')!;
    expect(String(sheet.getCell(1, 1).value)).toContain(cards[0]!.criteria.title);
    expect(sheet.getRow(3).getCell(2).value).toBe('Đơn vị');
    EXPECTED.forEach(([, name, total], i) => {
      const row = sheet.getRow(4 + i);
      expect(row.getCell(1).value).toBe(`${i + 1}/11`);
      expect(row.getCell(2).value).toBe(name);
      const totalCol = 3 + cards[0]!.fields.length;
      expect(row.getCell(totalCol).value).toBe(total);
      expect(row.getCell(totalCol).numFmt).toBe('0.00');
    });
    // Field 3's sheet: its criteria as columns, then the field's points.
    const f3 = wb.getWorksheet('Lĩnh vực 3')!;
    const header = (f3.getRow(3).values as unknown[]).slice(1).map(String);
    expect(header[0]).toBe('Hạng');
    expect(header.some((h) => h.startsWith('3.1.'))).toBe(true);
    expect(header.at(-2)).toBe('Lĩnh vực 3');
    expect(f3.getRow(4).getCell(header.length - 1).value).toBe(19.9);
    const warn = wb.getWorksheet('Cảnh báo')!;
    expect(warn.rowCount - 3).toBe(cards.reduce((n, c) => n + c.warnings.length, 0));
    expect(warn.getRow(4).getCell(1).value).toBe('Tân Quang');
  });

  it('XLSX: the same cards give the same workbook contents; English on request', async () => {
    const read = async (bytes: Uint8Array) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes.buffer as ArrayBuffer);
      return wb.worksheets.map((w) => [w.name, w.getSheetValues()]);
    };
    expect(await read(await reportXlsx(ranking))).toEqual(await read(await reportXlsx(ranking)));
    const en = await read(await reportXlsx(ranking, { lang: 'en' }));
    expect(en.map((x) => x[0])).toEqual(['Ranking', 'Points lost', ...cards[0]!.fields.map((f) => `Field ${f.id}`), 'Warnings']);
  });

  it('CSV files: one per table, with a byte-order mark for Excel', () => {
    const dir = mkdtempSync(join(tmpdir(), 'par-csv-'));
    const files = writeReportCsv(dir, ranking, { lang: 'vi' });
    expect(readdirSync(dir).sort()).toEqual(tables.map((t) => `${t.key}.csv`).sort());
    const text = readFileSync(files[0]!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1)).toBe(officeTableCsv(tables[0]!));
  });
});

describe('par-index report', () => {
  const cmd = commands['report']!;
  async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s) };
    const { values, positionals } = parseArgs({
      args,
      options: { ...COMMON_OPTIONS, ...cmd.options },
      allowPositionals: true,
      strict: true,
    });
    const code = await cmd.run(positionals, values, io);
    return { code, out, err };
  }
  const dir = mkdtempSync(join(tmpdir(), 'par-report-'));

  it('writes the HTML report, the same bytes as the library', async () => {
    const file = join(dir, 'r.html');
    const r = await run([criteriaFile, fixtureDir, '--format', 'html', '--out', file, '--lang', 'vi']);
    expect(r.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(htmlVi);
    expect(r.err.join('\n')).toContain('cảnh báo');
  });

  it('writes the workbook, and every CSV table', async () => {
    const file = join(dir, 'r.xlsx');
    expect((await run([criteriaFile, fixtureDir, '--format', 'xlsx', '--out', file, '--quiet'])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets).toHaveLength(cards[0]!.fields.length + 3);
    const csvDir = join(dir, 'csv');
    expect((await run([criteriaFile, fixtureDir, '--format', 'csv', '--table', 'all', '--out', csvDir])).code).toBe(0);
    expect(readdirSync(csvDir)).toHaveLength(cards[0]!.fields.length + 3);
  });

  it('prints one CSV table to standard output, without a byte-order mark', async () => {
    const r = await run([criteriaFile, fixtureDir, '--format', 'csv', '--table', 'trace', '--lang', 'en']);
    expect(r.out.join('\n') + '\n').toBe(rowsCsv(traceRows(cards, 'en')));
    const u = await run([criteriaFile, fixtureDir, '--format', 'csv', '--table', 'units']);
    expect(u.out[0]!.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('refuses a workbook without --out and an unknown format', async () => {
    await expect(run([criteriaFile, fixtureDir, '--format', 'xlsx', '--lang', 'en'])).rejects.toThrow(/give --out FILE.xlsx/);
    await expect(run([criteriaFile, fixtureDir, '--format', 'xlsx', '--lang', 'vi'])).rejects.toThrow(/cần --out/);
    await expect(run([criteriaFile, fixtureDir, '--format', 'pdf'])).rejects.toThrow(/html, xlsx, csv/);
    await expect(run([criteriaFile, '--lang', 'en'])).rejects.toThrow(/evidence/);
    await expect(run([criteriaFile, '--lang', 'vi'])).rejects.toThrow(/minh chứng/);
  });

  it('has a bilingual summary and an example that names the command', () => {
    expect(cmd.summary.vi.length).toBeGreaterThan(20);
    expect(cmd.summary.en.length).toBeGreaterThan(20);
    expect(cmd.example.startsWith('par-index report ')).toBe(true);
  });
});
