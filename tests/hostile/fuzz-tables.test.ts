/**
 * Fuzzing the table loaders (issue 9): survey responses, dossier records (CSV and XLSX, with a column mapping),
 * published counts per unit (aggregate dossier evidence) and published decision tables. Only ParIndexError
 * escapes, and no row is lost: every data row is used or rejected with a reason, and the counts say so.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import { parseCsv } from '../../src/core/table.js';
import { loadEvidence } from '../../src/evidence/load.js';
import { loadQuestionnaire, type Questionnaire } from '../../src/sipas/questionnaire.js';
import { importResponses } from '../../src/sipas/responses.js';
import { checkAggregates, readAggregateTable } from '../../src/measures/aggregates.js';
import { aggregateEvidence } from '../../src/measures/dossier-source.js';
import { ColumnMappingSchema } from '../../src/measures/columns.js';
import { decisionFromTable } from '../../src/verify/decision-table.js';
import { parsePublished } from '../../src/verify/published.js';
import type { WorkingCalendar } from '../../src/calendar/working-calendar.js';
import { dossierSource, parseDossierSource, readCalendar, summariseRecordFiles } from '../../src/io/dossier-source.js';
import { readEvidenceSources } from '../../src/io/sources.js';
import { readResponses } from '../../src/io/survey-source.js';
import {
  expectOnlyParIndexError,
  expectOnlyParIndexErrorAsync,
  expectParIndexError,
  fuzz,
  fuzzAsync,
  hostileFile,
} from '../support/hostile-support.js';

let q: Questionnaire;
let calendar: WorkingCalendar;
const tmp = hostileFile('par-tables-');
beforeAll(() => {
  q = loadQuestionnaire(readFileSync('questionnaires/van-lam-commune-2021.yaml', 'utf8'), { file: 'q.yaml' });
  calendar = readCalendar('vn');
});

const responsesLines = readFileSync('fixtures/van-lam-2021/survey/responses-2021.csv', 'utf8').split(/\r?\n/);
const responsesHeader = responsesLines[0]!.split(',');
const dossierLines = readFileSync('fixtures/van-lam-2021/ho-so-mot-cua-2021.csv', 'utf8').split(/\r?\n/);
const dossierHeader = dossierLines[0]!.split(',');
const dossierRows = dossierLines.slice(1, 30).map((l) => l.split(','));
const PERIOD = { from: '2020-12-15', to: '2021-12-15' };

/** Cells a hostile export may hold. */
const cell: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '1',
      '3',
      '5',
      '0',
      '255',
      '-1',
      '1,5',
      '1e400',
      'NaN',
      'Rất hài lòng',
      'chi-dao',
      'dai-dong',
      '__proto__',
      'constructor',
      '01/03/2021',
      '31/02/2021',
      '10/10/20',
      '2021-03-01 08:00',
      '0000-01-01',
      'Đã giải quyết',
      'Trực tuyến',
      '10 ngày',
      'x\u0000y',
      '\u202e',
      '"',
      '""',
      '\n',
      'a,b',
      'a;b',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** A CSV line with every cell quoted, so the structure is exactly the grid's. */
const line = (cells: readonly string[]): string => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');

/** Rows of the width of a header: each cell random, or kept from a valid row of the fixture. */
function grid(header: readonly string[], valid: readonly (readonly string[])[]): fc.Arbitrary<string[][]> {
  const row = fc
    .tuple(fc.nat(valid.length - 1), fc.array(fc.option(cell, { freq: 3 }), { minLength: header.length, maxLength: header.length + 2 }))
    .map(([v, cs]) => cs.map((c, i) => c ?? valid[v]![i] ?? ''));
  return fc.array(row, { minLength: 0, maxLength: 12 });
}

/** A header with a column dropped, renamed, duplicated or added, sometimes. */
function header(h: readonly string[]): fc.Arbitrary<string[]> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(h).map((x) => [...x]) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.nat(h.length - 1), fc.constantFrom('drop', 'dup', 'rename'), cell)
        .map(([i, op, name]) =>
          op === 'drop' ? h.filter((_, j) => j !== i) : op === 'dup' ? [...h, h[i]!] : h.map((x, j) => (j === i ? name : x)),
        ),
    },
  );
}

const T = 60_000;
const responseValid = responsesLines.slice(1, 20).map((l) => l.split(','));

describe('fuzz: survey responses', () => {
  it(
    'CSV text with hostile headers and cells: imports or refuses with ParIndexError (in memory and from a file)',
    async () => {
      const raw = fc.oneof(
        fc.tuple(header(responsesHeader), grid(responsesHeader, responseValid)).map(([h, rows]) => [line(h), ...rows.map(line)].join('\n')),
        fc
          .tuple(header(responsesHeader), fc.array(fc.array(cell, { maxLength: 40 }), { maxLength: 8 }))
          .map(([h, rows]) => [h.join(','), ...rows.map((r) => r.join(','))].join('\r\n')),
      );
      await fuzzAsync('survey responses (CSV)', raw, async (text) => {
        expectOnlyParIndexError(() => importResponses(q, parseCsv(text, { file: 'r.csv' }), { file: 'r.csv', unitColumn: 'xa' }), 'r.csv');
        const p = join(tmp.dir, 'r.csv');
        writeFileSync(p, text);
        await expectOnlyParIndexErrorAsync(() => readResponses(p, q, { unitColumn: 'xa' }), undefined);
      });
    },
    T,
  );

  it(
    'no row is lost: rows in = used + rejected, each rejected row has a reason, the tally counts the used ones',
    () => {
      fuzz('row accounting (responses)', grid(responsesHeader, responseValid), (rows) => {
        const table = parseCsv([line(responsesHeader), ...rows.map(line)].join('\n'), { file: 'r.csv' });
        const r = expectOnlyParIndexError(
          () =>
            importResponses(q, table, {
              file: 'r.csv',
              unitColumn: 'xa',
              units: ['chi-dao', 'dai-dong', 'constructor'].map((id) => ({ id })),
            }),
          'r.csv',
        );
        if (!r) {
          // Only an empty table is refused once the header is right.
          expect(table.rows.length).toBe(0);
          return;
        }
        const { report, tally } = r;
        expect(report.rowsIn).toBe(table.rows.length);
        expect(report.rowsUsed + report.rowsRejected).toBe(report.rowsIn);
        expect(new Set(report.rejectedRows).size).toBe(report.rowsRejected);
        for (const row of report.rejectedRows)
          expect(
            report.issues.some((i) => i.path[0] === 'row' && i.path[1] === row),
            `row ${row} has a reason`,
          ).toBe(true);
        expect(Object.values(tally.units).reduce((n, u) => n + u.respondents, 0)).toBe(report.rowsUsed);
      });
    },
    T,
  );
});

describe('fuzz: dossier records', () => {
  const mapping = ColumnMappingSchema.parse({
    columns: { id: 'Mã hồ sơ' },
    values: { status: { Xong: 'resolved', __x: 'returned' }, yes: ['Có'] },
  });

  it(
    'CSV exports with hostile headers and cells, with and without a column mapping: summarise or refuse with ParIndexError',
    async () => {
      await fuzzAsync(
        'dossier records (CSV)',
        fc.tuple(header(dossierHeader), grid(dossierHeader, dossierRows), fc.boolean()),
        async ([h, rows, mapped]) => {
          const p = join(tmp.dir, 'ho-so.csv');
          writeFileSync(p, [line(h), ...rows.map(line)].join('\n'));
          await expectOnlyParIndexErrorAsync(
            () => summariseRecordFiles([p], { calendar, period: PERIOD, by: 'unit', ...(mapped ? { mapping } : {}) }),
            undefined,
          );
        },
      );
    },
    T,
  );

  it(
    'no row is lost: rows in = used + rejected = the data rows of the file; each rejected row is listed with a reason',
    async () => {
      await fuzzAsync('row accounting (dossiers)', grid(dossierHeader, dossierRows), async (rows) => {
        const text = [line(dossierHeader), ...rows.map(line)].join('\n');
        const p = join(tmp.dir, 'ho-so.csv');
        writeFileSync(p, text);
        const s = await summariseRecordFiles([p], { calendar, period: PERIOD, by: 'unit' });
        expect(s.rows.in).toBe(parseCsv(text).rows.length);
        expect(s.rows.used + s.rows.rejected).toBe(s.rows.in);
        expect(s.rejected.length).toBe(s.rows.rejected);
        expect(Object.values(s.rejectedByCode).reduce((a, b) => a + b, 0)).toBe(s.rows.rejected);
        for (const r of s.rejected) expect(r.message.length).toBeGreaterThan(0);
      });
    },
    T,
  );

  it(
    'XLSX workbooks from arbitrary cell arrays (text, numbers, dates, booleans, formulas, rich text, errors): read or refuse',
    async () => {
      const xcell = fc.oneof(
        cell.map((s): ExcelJS.CellValue => s),
        fc.oneof(fc.double({ noNaN: false }), fc.integer({ min: -1e6, max: 200_000 })).map((n): ExcelJS.CellValue => n),
        fc.date({ min: new Date('1800-01-01'), max: new Date('2300-01-01'), noInvalidDate: true }).map((d): ExcelJS.CellValue => d),
        fc.boolean().map((b): ExcelJS.CellValue => b),
        fc.constant<ExcelJS.CellValue>(null),
        fc.constantFrom<ExcelJS.CellValue>(
          { formula: '1+1', result: 2 },
          { formula: 'A1', result: '01/03/2021' } as ExcelJS.CellValue,
          { richText: [{ text: 'Đã ' }, { text: 'giải quyết' }] },
          { error: '#N/A' } as ExcelJS.CellValue,
          { text: 'link', hyperlink: 'http://x' },
        ),
      );
      const sheet = fc.tuple(header(dossierHeader), fc.array(fc.array(xcell, { maxLength: dossierHeader.length + 1 }), { maxLength: 6 }));
      await fuzzAsync('dossier records (XLSX)', sheet, async ([h, rows]) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('Hồ sơ');
        ws.addRow(h);
        for (const r of rows) ws.addRow(r);
        const p = join(tmp.dir, 'ho-so.xlsx');
        await wb.xlsx.writeFile(p);
        await expectOnlyParIndexErrorAsync(() => summariseRecordFiles([p], { calendar, period: PERIOD, by: 'unit' }), undefined);
        await expectOnlyParIndexErrorAsync(() => readResponses(p, q, { unitColumn: 'xa' }), undefined);
      });
    },
    T,
  );
});

describe('fuzz: published counts per unit (aggregate dossier evidence)', () => {
  const aggHeader = ['Đơn vị', 'Tiếp nhận', 'Đã giải quyết', 'Trước hạn', 'Đúng hạn', 'Trễ hạn', 'Tỷ lệ đúng hạn (%)'];
  const valid = [
    ['Xã A', '100', '90', '50', '35', '5', '94,44'],
    ['Xã B', '10', '10', '0', '10', '0', '100'],
  ];
  const d = parseDossierSource(
    {
      format: 'par-index/dossier-source@1',
      year: 2021,
      period: PERIOD,
      aggregates: 'x.csv',
      rates: [{ column: 'Tỷ lệ đúng hạn (%)', numerator: ['resolved.early', 'resolved.onTime'], base: 'resolved' }],
      units: { 'Xã A': { id: 'xa-a', name: 'Xã A' }, 'Xã B': { id: 'xa-b', name: 'Xã B' } },
      source: 'Cổng DVC',
    },
    'd.yaml',
  );

  it(
    'tables with hostile headers and cells: evidence that loads, or ParIndexError; every row used or reported',
    async () => {
      const descriptor = {
        format: 'par-index/dossier-source@1',
        year: 2021,
        period: PERIOD,
        aggregates: 'x.csv',
        rates: d.rates,
        units: { 'Xã A': { id: 'xa-a', name: 'Xã A' } },
        source: 'Cổng DVC',
      };
      await fuzzAsync('aggregate dossier evidence (CSV)', fc.tuple(header(aggHeader), grid(aggHeader, valid)), async ([h, rows]) => {
        const text = [line(h), ...rows.map(line)].join('\n');
        // Through a descriptor in a folder, as `score` reads it.
        const sub = mkdtempSync(join(tmp.dir, 'agg-'));
        writeFileSync(join(sub, 'x.csv'), text);
        writeFileSync(join(sub, 'd.source.json'), JSON.stringify(descriptor));
        await expectOnlyParIndexErrorAsync(() => readEvidenceSources(sub, { readers: [dossierSource] }), undefined);
        const table = parseCsv(text, { file: 'x.csv' });
        const { rows: agg, issues } = readAggregateTable(table, d.rates, 'x.csv');
        if (issues.some((i) => i.path.length === 1 || i.path[0] !== 'row')) return;
        // Every data row is either read or the subject of an issue naming it.
        for (const r of table.rows)
          expect(agg.some((a) => a.row === r.row) || issues.some((i) => i.path[1] === r.row), `row ${r.row}`).toBe(true);
        if (issues.some((i) => i.severity === 'error')) return;
        const ev = expectOnlyParIndexError(
          () => aggregateEvidence(agg, checkAggregates(agg, 'x.csv'), d, { file: 'd.yaml', files: ['x.csv'] }),
          'd.yaml',
        );
        if (ev) expectOnlyParIndexError(() => loadEvidence([{ data: ev, file: 'd.yaml' }]), 'd.yaml');
      });
    },
    T,
  );
});

describe('fuzz: published decision tables', () => {
  const decHeader = [
    'STT',
    'Đơn vị',
    '1. Công tác chỉ đạo (12 điểm)',
    '2. Cải cách thể chế (8 điểm)',
    'Tổng điểm',
    'Chỉ số CCHC (%)',
    'Xếp hạng',
    'Xếp loại',
  ];
  const valid = [
    ['1', 'Xã An', '12,00', '7,50', '19,50', '97,50', '1', 'Xuất sắc'],
    ['2', 'Xã Bình', '10,75', '7,50', '18,25', '91,25', '2/2', 'Tốt'],
  ];
  const meta = parsePublished({
    format: 'par-index/published@1',
    year: 2021,
    table: 'qd.csv',
    fields: [
      { id: '1', max: 12 },
      { id: '2', max: 8 },
    ],
    max: 20,
  });

  it(
    'no row is lost: every row is in the decision, or the refusal names it',
    () => {
      fuzz('row accounting (published decision)', fc.tuple(header(decHeader), grid(decHeader, valid)), ([h, rows]) => {
        const table = parseCsv([line(h), ...rows.map(line)].join('\n'), { file: 'qd.csv' });
        let decision;
        try {
          decision = decisionFromTable(table, meta, { file: 'qd.csv' });
        } catch (e) {
          // Refused as a whole: every issue names the header or a row of the table.
          expectParIndexError(e, 'qd.csv');
          for (const i of e.issues) if (i.path.length > 0) expect(['header', 'row', 'columns']).toContain(i.path[0]);
          return;
        }
        expect(decision.rows.map((r) => r.row)).toEqual(table.rows.map((r) => r.row));
      });
    },
    T,
  );
});
