/**
 * An XLSX export written with inline strings (`<c t="inlineStr"><is><t>…</t></is></c>`, as streaming writers such
 * as Apache POI's SXSSF write it) reads exactly as the same data in CSV: a multi-byte character that straddles two
 * pieces of the sheet's XML is decoded whole, never as U+FFFD (which turned unit names into phantom units).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { stringify, parse } from 'yaml';
import { loadCalendar } from '../../src/calendar/calendar.js';
import { parseCsv, type Cell } from '../../src/core/table.js';
import { summariseDescriptor, summariseRecordFiles } from '../../src/io/dossier-source.js';
import { openTable } from '../../src/io/table.js';
import { joinInlineRuns } from '../../src/io/xlsx-inline.js';
import { ParIndexError } from '../../src/core/errors.js';
import type { DossierSummary } from '../../src/measures/summary-schema.js';
import { root } from '../support/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'par-index-xlsx-inline-'));
const cal = loadCalendar(readFileSync(`${root}data/calendars/vn.yaml`, 'utf8'));
const EXAMPLE = `${root}fixtures/van-lam-2021/ho-so-mot-cua-2021.csv`;

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const column = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : column(Math.floor(i / 26) - 1) + column(i % 26));

/**
 * A workbook of one sheet whose every cell is an inline string (`inline` writes the inside of its `<is>`), zipped part by part as a streaming writer does:
 * workbook and relationships first, then the sheet; `sharedStrings` adds an empty shared-strings part before the
 * sheet (exceljs then streams the sheet straight from the zip; without it, through a temporary file).
 */
async function inlineXlsx(
  path: string,
  rows: readonly (readonly Cell[])[],
  sharedStrings: boolean,
  inline: (text: string) => string = (t) => `<t xml:space="preserve">${xml(t)}</t>`,
): Promise<void> {
  const sheetRows = rows.map((cells, r) => {
    const cs = cells
      .map((c, i) => (c === null ? '' : `<c r="${column(i)}${r + 1}" t="inlineStr"><is>${inline(String(c))}</is></c>`))
      .join('');
    return `<row r="${r + 1}">${cs}</row>`;
  });
  // Place a multi-byte character across every 16 KiB boundary of the sheet's XML (the size of the pieces zlib
  // inflates, and a divisor of a file stream's 64 KiB), with spaces between rows, which no cell reads.
  const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
  const PIECE = 16 * 1024;
  let at = Buffer.byteLength(head);
  const body: string[] = [];
  for (const r of sheetRows) {
    const bytes = Buffer.from(r);
    const boundary = Math.ceil((at + 1) / PIECE) * PIECE;
    let pad = -1;
    if (at + bytes.length > boundary)
      for (let i = 0; i < bytes.length; i++)
        if (bytes[i]! >= 0xc0 && boundary - at - i - 1 >= 0) {
          pad = boundary - at - i - 1;
          break;
        }
    const text = pad > 0 ? ' '.repeat(pad) + r : r;
    body.push(text);
    at += Buffer.byteLength(text);
  }
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      (sharedStrings
        ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        : '') +
      '</Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  zip.file(
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Hồ sơ" sheetId="1" r:id="rId1"/></sheets></workbook>',
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      (sharedStrings
        ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        : '') +
      '</Relationships>',
  );
  if (sharedStrings)
    zip.file(
      'xl/sharedStrings.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
    );
  zip.file('xl/worksheets/sheet1.xml', `${head}${body.join('')}</sheetData></worksheet>`);
  writeFileSync(path, await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}

/** A summary without the names of the files read (the only thing that may differ between CSV and XLSX). */
function withoutFiles(s: DossierSummary): unknown {
  const strip = <T extends { file?: string | undefined }>(x: T) => ({ ...x, file: undefined });
  return { ...s, files: [], rejected: s.rejected.map(strip), warnings: s.warnings.map(strip) };
}

const table = parseCsv(readFileSync(EXAMPLE, 'utf8'));
const rows: Cell[][] = [[...table.header], ...table.rows.map((r) => [...r.cells])];

describe('XLSX with inline strings', () => {
  for (const sharedStrings of [false, true]) {
    it(`reads the example's export exactly as its CSV (${sharedStrings ? 'with' : 'without'} a shared-strings part)`, async () => {
      const p = join(tmp, `ho-so-${sharedStrings ? 'sst' : 'inline'}.xlsx`);
      await inlineXlsx(p, rows, sharedStrings);
      // No cell read from the workbook holds a replacement character.
      const t = await openTable(p);
      let bad = 0;
      for await (const b of t.batches) for (const r of b) for (const c of r.cells) if (typeof c === 'string' && c.includes('\uFFFD')) bad++;
      expect(bad).toBe(0);
      const opts = { calendar: cal, period: { from: '2020-12-15', to: '2021-12-15' }, idLimit: Infinity };
      const fromCsv = await summariseRecordFiles([EXAMPLE], opts);
      const fromXlsx = await summariseRecordFiles([p], opts);
      expect(fromXlsx.rows).toEqual(fromCsv.rows);
      expect(withoutFiles(fromXlsx)).toEqual(withoutFiles(fromCsv));
    });
  }

  it("summarises through the example's descriptor the same from XLSX as from CSV (no phantom unit, no rejected row)", async () => {
    const p = join(tmp, 'ho-so-mot-cua-2021.xlsx');
    await inlineXlsx(p, rows, false);
    const d = parse(readFileSync(`${root}fixtures/van-lam-2021/ho-so-mot-cua-2021.source.yaml`, 'utf8')) as Record<string, unknown>;
    const desc = join(tmp, 'ho-so.source.yaml');
    writeFileSync(desc, stringify({ ...d, records: 'ho-so-mot-cua-2021.xlsx' }));
    const fromXlsx = await summariseDescriptor(desc);
    const fromCsv = await summariseDescriptor(`${root}fixtures/van-lam-2021/ho-so-mot-cua-2021.source.yaml`);
    expect(fromXlsx.summary.rows.rejected).toBe(0);
    expect(Object.keys(fromXlsx.summary.groups)).toEqual(Object.keys(fromCsv.summary.groups));
    expect(withoutFiles(fromXlsx.summary)).toEqual(withoutFiles(fromCsv.summary));
  });

  it('decodes a character split between two pieces of the sheet (every cell of three-byte letters)', async () => {
    // "ạ" is three bytes in UTF-8: almost any piece boundary inside these cells falls within a character.
    const long = 'Đăng ký khai sinh kết hợp nhận cha mẹ con ạ'.repeat(20);
    const many: Cell[][] = [['Mã hồ sơ', 'Tên thủ tục']];
    for (let i = 0; i < 3000; i++) many.push([`HS${i}`, `${long}${'ạ'.repeat(i % 7)}`]);
    const p = join(tmp, 'long.xlsx');
    await inlineXlsx(p, many, false);
    const t = await openTable(p);
    let n = 0;
    for await (const b of t.batches)
      for (const r of b) {
        expect(r.cells).toEqual(many[r.row - 1]);
        n++;
      }
    expect(n).toBe(3000);
  });

  it('decodes a character split between two pieces of the shared strings, too', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hồ sơ');
    ws.addRow(['Mã hồ sơ', 'Tên thủ tục']);
    const long = 'Đăng ký khai sinh kết hợp nhận cha mẹ con ạ'.repeat(20);
    for (let i = 0; i < 3000; i++) ws.addRow([`HS${i}`, `${long}${i}`]);
    const p = join(tmp, 'shared.xlsx');
    await wb.xlsx.writeFile(p);
    const t = await openTable(p);
    let n = 0;
    for await (const b of t.batches)
      for (const r of b) {
        expect(r.cells).toEqual([`HS${r.row - 2}`, `${long}${r.row - 2}`]);
        n++;
      }
    expect(n).toBe(3000);
  });

  it('joins the runs of inline rich text, leaving out phonetic runs, as Excel shows the cell', async () => {
    // Each text split into two runs (the second one bold) inside a multi-byte word, then a phonetic guide.
    const runs = (t: string) => {
      const cut = Math.ceil(t.length / 2);
      const a = t.slice(0, cut);
      const b = t.slice(cut);
      return (
        `<r><t xml:space="preserve">${xml(a)}</t></r>` +
        (b === '' ? '' : `<r><rPr><b/></rPr><t xml:space="preserve">${xml(b)}</t></r>`) +
        '<rPh sb="0" eb="1"><t>ふりがな</t></rPh>'
      );
    };
    const p = join(tmp, 'rich.xlsx');
    await inlineXlsx(p, rows, false, runs);
    const t = await openTable(p);
    expect(t.header).toEqual(table.header);
    const opts = { calendar: cal, period: { from: '2020-12-15', to: '2021-12-15' }, idLimit: Infinity };
    const fromCsv = await summariseRecordFiles([EXAMPLE], opts);
    const fromXlsx = await summariseRecordFiles([p], opts);
    expect(withoutFiles(fromXlsx)).toEqual(withoutFiles(fromCsv));
  });

  it('an empty inline string and one with an empty <t/> read as empty cells', async () => {
    const p = join(tmp, 'empty-runs.xlsx');
    await inlineXlsx(
      p,
      [
        ['a', 'b'],
        ['x', 'y'],
      ],
      false,
      (t) => (t === 'y' ? '<r><t/></r>' : `<t>${xml(t)}</t>`),
    );
    const tb = await openTable(p);
    const got: Cell[][] = [];
    for await (const b of tb.batches) for (const r of b) got.push([...r.cells]);
    expect(got).toEqual([['x', null]]);
  });
});

describe('XLSX date cells', () => {
  const DMY = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2}))?$/;
  it("keep their time of day: the example's export with real date cells reads as its CSV", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hồ sơ');
    let timed = 0;
    for (const r of rows) {
      const row = ws.addRow(
        r.map((c) => {
          const m = typeof c === 'string' ? DMY.exec(c) : null;
          if (!m) return c;
          if (m[4] !== undefined && `${m[4]}:${m[5]}` !== '00:00') timed++;
          // exceljs writes a Date's UTC wall clock as the serial: the time as the export printed it.
          return new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0)));
        }),
      );
      row.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = 'dd/mm/yyyy hh:mm';
      });
    }
    // The example's export has times of day: without them its hour deadlines could not be read.
    expect(timed).toBeGreaterThan(100);
    const p = join(tmp, 'dates.xlsx');
    await wb.xlsx.writeFile(p);
    const opts = { calendar: cal, period: { from: '2020-12-15', to: '2021-12-15' }, idLimit: Infinity };
    const fromCsv = await summariseRecordFiles([EXAMPLE], opts);
    const fromXlsx = await summariseRecordFiles([p], opts);
    expect(withoutFiles(fromXlsx)).toEqual(withoutFiles(fromCsv));
  });

  it('a date cell reads as yyyy-mm-dd, with hh:mm when it has a time of day (rounded to the minute)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['a', 'b', 'c']);
    ws.addRow([
      new Date(Date.UTC(2021, 2, 1)),
      new Date(Date.UTC(2021, 2, 1, 14, 30)),
      // A serial's binary fraction lands a hair before the minute.
      new Date(Date.UTC(2021, 2, 1, 16, 59, 59, 990)),
    ]);
    const p = join(tmp, 'one-date.xlsx');
    await wb.xlsx.writeFile(p);
    const tb = await openTable(p);
    const got: Cell[][] = [];
    for await (const b of tb.batches) for (const r of b) got.push([...r.cells]);
    expect(got).toEqual([['2021-03-01', '2021-03-01 14:30', '2021-03-01 17:00']]);
  });
});

describe('joinInlineRuns (the sheet text rewriter)', () => {
  const sheet =
    '<row r="1"><c r="A1" t="inlineStr"><is><r><t>Xã </t></r><r><rPr><b/></rPr><t xml:space="preserve">Tân &amp; Quang</t></r><rPh sb="0" eb="1"><t>x</t></rPh></is></c>' +
    '<c r="B1" t="inlineStr"><is><t>ạ</t></is></c><c r="C1" s="1"><v>3</v></c><c r="D1"><isx/></c></row>';
  const expected =
    '<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">Xã Tân &amp; Quang</t></is></c>' +
    '<c r="B1" t="inlineStr"><is><t xml:space="preserve">ạ</t></is></c><c r="C1" s="1"><v>3</v></c><c r="D1"><isx/></c></row>';
  const run = async (chunks: string[]) => {
    let out = '';
    async function* from() {
      for (const c of chunks) yield c;
    }
    for await (const s of joinInlineRuns(from(), 'x.xlsx')) out += s;
    return out;
  };
  it('gives the same text however the sheet is cut into chunks', async () => {
    expect(await run([sheet])).toBe(expected);
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: sheet.length - 1 }), { maxLength: 12 }), async (cuts) => {
        const at = [0, ...[...cuts].sort((a, b) => a - b), sheet.length];
        expect(await run(at.slice(1).map((e, i) => sheet.slice(at[i], e)))).toBe(expected);
      }),
    );
  });
  it('refuses an inline string of over a mebibyte of XML, naming the file', async () => {
    const huge = ['<c t="inlineStr"><is><t>', ...Array.from({ length: 20 }, () => 'x'.repeat(64 * 1024))];
    await expect(run(huge)).rejects.toSatisfy(
      (e: unknown) => e instanceof ParIndexError && e.issues[0]!.code === 'parse.xlsx' && e.issues[0]!.file === 'x.xlsx',
    );
  });
});
