/**
 * Dossier records → measures: headers, dates, rejected rows, the mergeable summary (properties), aggregate-only
 * checks, the descriptor reader on the Văn Lâm export, bad files and the size limit.
 */
import { mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadCalendar } from '../../src/calendar/calendar.js';
import { dayFromIso, displayDate, isoOf } from '../../src/calendar/dates.js';
import { ParIndexError } from '../../src/core/errors.js';
import { parseCsv, type Cell, type TableRow } from '../../src/core/table.js';
import { checkAggregates, readAggregateTable } from '../../src/measures/aggregates.js';
import { summariseDossiers } from '../../src/measures/dossier-aggregator.js';
import { ColumnMappingSchema } from '../../src/measures/columns.js';
import type { DossierSummary } from '../../src/measures/summary-schema.js';
import { combinePeriods, mergeSummaries } from '../../src/measures/summary-merge.js';
import { parseProcessingTime } from '../../src/measures/processing-time.js';
import { dossierSource, summariseDescriptor, summariseRecordFiles } from '../../src/io/dossier-source.js';
import { readEvidenceSources } from '../../src/io/sources.js';
import { DEFAULT_MAX_TABLE_BYTES, openTable } from '../../src/io/table.js';
import { commands } from '../../src/cli/dossiers.js';
import { root } from '../support/paths.js';

const cal = loadCalendar(readFileSync(`${root}data/calendars/vn.yaml`, 'utf8'));
const tmp = mkdtempSync(join(tmpdir(), 'par-index-dossiers-'));
const PERIOD = { from: '2021-01-01', to: '2021-12-31' };
const HEADER = [
  'Mã hồ sơ',
  'Ngày tiếp nhận',
  'Thời hạn giải quyết',
  'Ngày có kết quả',
  'Trạng thái',
  'Thư xin lỗi',
  'Đơn vị tiếp nhận',
  'Hình thức nộp',
  'Mức độ DVC',
  'Trả kết quả qua bưu chính',
];
const summarise = (rows: TableRow[], opts: Partial<Parameters<typeof summariseDossiers>[1]> = {}, header = HEADER) =>
  summariseDossiers([{ file: 't.csv', table: { header, rows } }], { calendar: cal, period: PERIOD, idLimit: Infinity, ...opts }).summary;
const row = (n: number, cells: Cell[]): TableRow => ({ row: n, cells });
const count = (s: DossierSummary, m: string, g?: string) => (g ? s.groups[g]!.measures[m]!.count : s.total.measures[m]!.count);

describe('headers and values as one-stop systems write them', () => {
  it('finds columns by Vietnamese synonyms, without diacritics or case', () => {
    const t = parseCsv(
      'so ho so;NGAY NHAN;Thoi han giai quyet;Ngày hoàn thành;Tình trạng;Cơ quan tiếp nhận\nA1;01/03/2021;2 ngày;03/03/2021;Đã có kết quả;UBND xã A\n',
    );
    const s = summariseDossiers([{ file: 'x.csv', table: t }], { calendar: cal, period: PERIOD }).summary;
    expect(s.rows).toEqual({ in: 1, used: 1, rejected: 0, outsidePeriod: 0 });
    expect(count(s, 'resolved.onTime', 'UBND xã A')).toBe(1);
    // No channel, mode, apology or post column: those measures are unavailable, not zero.
    expect(s.unavailable.map((u) => u.measure)).toEqual(
      expect.arrayContaining(['online', 'postal.received', 'late.withoutApology', 'mode.full']),
    );
  });

  describe('two columns under one header (issue 20, item 9)', () => {
    // The second "Ngày tiếp nhận" holds the real date: reading the first would move the dossier to 2020.
    const text =
      'Mã hồ sơ,Ngày tiếp nhận,Ngày tiếp nhận,Thời hạn giải quyết,Ngày có kết quả,Trạng thái,Đơn vị tiếp nhận\n' +
      'A1,15/12/2020,01/03/2021,2 ngày,03/03/2021,Đã có kết quả,UBND xã A\n';
    it('are refused as ambiguous, naming the columns and how to pick one', () => {
      const r = summariseDossiers([{ file: 'dup.csv', table: parseCsv(text) }], { calendar: cal, period: PERIOD });
      const dup = r.issues.filter((i) => i.code === 'table.duplicate-column');
      expect(dup.map((i) => [i.file, i.path, i.severity])).toEqual([['dup.csv', ['header'], 'error']]);
      expect(dup[0]!.message).toBe(
        'received: 2 columns are headed "Ngày tiếp nhận" (columns 2, 3): it is ambiguous which one to read; pick one by its position in a column mapping, e.g. columns: { received: "#2" }',
      );
      expect(dup[0]!.messageVi).toMatch(/^received: có 2 cột cùng tiêu đề "Ngày tiếp nhận" \(cột 2, 3\)/);
    });
    it('a mapping picks one by position ("#3"), and the dossier is counted in 2021', () => {
      const mapping = ColumnMappingSchema.parse({ columns: { received: '#3' } });
      const r = summariseDossiers([{ file: 'dup.csv', table: parseCsv(text) }], { calendar: cal, period: PERIOD, mapping });
      expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(r.summary.rows).toEqual({ in: 1, used: 1, rejected: 0, outsidePeriod: 0 });
      expect(count(r.summary, 'resolved.onTime', 'UBND xã A')).toBe(1);
    });
    it('a position past the last column is refused', () => {
      const mapping = ColumnMappingSchema.parse({ columns: { received: '#9' } });
      const r = summariseDossiers([{ file: 'dup.csv', table: parseCsv(text) }], { calendar: cal, period: PERIOD, mapping });
      expect(r.issues.map((i) => [i.code, i.path])).toContainEqual(['dossier.bad-header', ['columns', 'received']]);
      expect(r.issues.find((i) => i.path[0] === 'columns')!.message).toMatch(/names column 9 for received, but the file has 7 columns/);
    });
    it('a header twice that no field reads is not a problem', () => {
      const extra = text
        .replace('Ngày tiếp nhận,Ngày tiếp nhận', 'Ngày tiếp nhận,Ghi chú')
        .replace('Đơn vị tiếp nhận', 'Đơn vị tiếp nhận,Ghi chú');
      const rows = extra.replace('UBND xã A', 'UBND xã A,x').replace('15/12/2020,01/03/2021', '01/03/2021,y');
      const r = summariseDossiers([{ file: 'ok.csv', table: parseCsv(rows) }], { calendar: cal, period: PERIOD });
      expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(r.summary.rows.used).toBe(1);
    });
  });

  it('refuses a file with the wrong headers, naming what was expected and what was found', () => {
    // A first row with none of the expected columns may be data (a wrong file): counted, never echoed (issue 21).
    const t = parseCsv('code,date,state\nA1,01/03/2021,done\n');
    const r = summariseDossiers([{ file: 'wrong.csv', table: t }], { calendar: cal, period: PERIOD });
    expect(r.issues.map((i) => i.code)).toContain('dossier.bad-header');
    expect(r.issues[0]!.message).toMatch(/no column for id: expected one of "Mã hồ sơ".*not listed: the first row, 3 cells, has none/);
    expect(r.issues[0]!.message).not.toContain('code, date');
    // A header with some expected column is a header: its columns are listed.
    const h = summariseDossiers([{ file: 'h.csv', table: parseCsv('Mã hồ sơ,date\nA1,x\n') }], { calendar: cal, period: PERIOD });
    expect(h.issues[0]!.message).toMatch(/the file's columns are: Mã hồ sơ, date/);
    expect(r.issues[0]!.messageVi).toMatch(/không có cột id/);
    // The read stops at the header (issue 26): its rows could only all be rejected; the error says why.
    expect(r.summary.rows).toMatchObject({ in: 0, used: 0, rejected: 0 });
  });

  it('a record file with a wrong header stops at the header, before its rows are read', async () => {
    const p = join(tmp, 'wrong-then-broken.csv');
    // An unterminated quote on the last line: reading the rows would end in parse.csv, not in the header's error.
    writeFileSync(p, 'a,b,c\n1,2,3\n4,5,"6\n');
    const e = await summariseRecordFiles([p], { calendar: cal, period: PERIOD }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ParIndexError);
    expect((e as ParIndexError).issues.map((i) => i.code)).toEqual([
      'dossier.bad-header',
      'dossier.bad-header',
      'dossier.bad-header',
      'dossier.bad-header',
    ]);
  });

  it('takes a column mapping for other layouts, and extra status words', () => {
    const t = parseCsv('Số biên nhận,Ngày nộp hồ sơ,Hạn,Xong ngày,TT,Xã\nB1,2021-03-01,1,2021-03-02,Xong,Xã B\n');
    const s = summariseDossiers([{ file: 'y.csv', table: t }], {
      calendar: cal,
      period: PERIOD,
      mapping: {
        columns: { id: 'Số biên nhận', received: 'Ngày nộp hồ sơ', processingTime: 'Hạn', resolved: 'Xong ngày', status: 'TT', unit: 'Xã' },
        values: { status: { Xong: 'resolved' } },
        dateFormat: 'iso',
      },
    }).summary;
    expect(count(s, 'resolved.onTime')).toBe(1);
  });

  it('reads processing times: days, "trong ngày", hours, half a day', () => {
    expect(parseProcessingTime('05 ngày làm việc')).toEqual({ kind: 'days', days: 5 });
    expect(parseProcessingTime('Trong ngày')).toEqual({ kind: 'same-day' });
    expect(parseProcessingTime('1 giờ')).toEqual({ kind: 'hours', hours: 1 });
    expect(parseProcessingTime('1/2 ngày', 480)).toEqual({ kind: 'hours', hours: 4 });
    expect(parseProcessingTime('0,5 ngày', 480)).toEqual({ kind: 'hours', hours: 4 });
    expect(parseProcessingTime('sớm nhất có thể')).toBeUndefined();
  });
});

describe('rows that cannot be used are reported with their row number and reason', () => {
  const rows = [
    row(2, ['A1', '01/03/2021', '3', '04/03/2021', 'Đã giải quyết', '', 'X', 'Trực tiếp', 'Mức độ 2', '']),
    row(3, ['A2', '32/03/2021', '3', '', 'Đang xử lý', '', 'X', 'Trực tiếp', 'Mức độ 2', '']),
    row(4, ['A3', '05/03/2021', '3', '01/03/2021', 'Đã giải quyết', '', 'X', 'Trực tiếp', 'Mức độ 2', '']),
    row(5, ['A1', '02/03/2021', '3', '03/03/2021', 'Đã giải quyết', '', 'X', 'Trực tiếp', 'Mức độ 2', '']),
    row(6, ['A4', '02/03/2021', '3', '03/03/2021', 'Đã giải quyết', '', 'Y', 'Trực tiếp', 'Mức độ 2', '']),
    row(7, ['A5', '2021-03-02', '3', '2021-03-03', 'Đã giải quyết', '', 'X', 'Trực tiếp', 'Mức độ 2', '']),
    row(8, ['A6', '03/25/2021', '3', '', 'Đang xử lý', '', 'X', 'Trực tiếp', 'Mức độ 2', '']),
    row(9, ['A7', '02/03/2021', 'vài hôm', '', 'Đang xử lý', '', 'X', 'Trực tiếp', 'Mức độ 2', '']),
    row(10, ['A8', '02/03/2021', '3', '', 'Chờ phê duyệt của tỉnh', '', 'X', 'Trực tiếp', 'Mức độ 2', '']),
  ];
  const s = summarise(rows, { unitOf: (n) => (n === 'X' ? 'x' : undefined) });
  const byRow = new Map(s.rejected.map((r) => [r.row, r]));
  it('unparseable date, resolved before received, duplicate id, unknown unit, mm/dd date, bad processing time, unknown status', () => {
    expect(byRow.get(3)!.code).toBe('dossier.bad-date');
    expect(byRow.get(3)!.message).toMatch(/row 3 \(A2\): received date: "32\/03\/2021" is not an existing date/);
    expect(byRow.get(4)!.code).toBe('dossier.resolved-before-received');
    expect(byRow.get(5)!.code).toBe('dossier.duplicate-id');
    expect(byRow.get(5)!.message).toMatch(/first in row 2/);
    expect(byRow.get(6)!.code).toBe('dossier.unknown-unit');
    expect(byRow.get(8)!.message).toMatch(/looks like mm\/dd\/yyyy/);
    expect(byRow.get(9)!.code).toBe('dossier.bad-value');
    expect(byRow.get(10)!.messageVi).toMatch(/trạng thái "Chờ phê duyệt của tỉnh" không xác định/);
  });
  it('rows in = used + rejected, and a row in another date style is used with a per-row warning', () => {
    expect(s.rows).toMatchObject({ in: 9, used: 2, rejected: 7 });
    expect(s.warnings.map((w) => [w.row, w.code])).toEqual([
      [7, 'dossier.mixed-date-format'],
      [7, 'dossier.mixed-date-format'],
    ]);
    expect(s.warnings[0]!.message).toMatch(
      /row 7 \(A5\): received date "2021-03-02" is written yyyy-mm-dd, while the file writes dd\/mm\/yyyy \(first at row 2\)/,
    );
  });
});

describe('the summary', () => {
  // A small generator of records whose classification is known by construction.
  type Spec = {
    unit: number;
    recv: number;
    days: number;
    kind: 'early' | 'on-time' | 'late' | 'open' | 'withdrawn';
    offset: number;
    online: boolean;
    apology: boolean;
  };
  const spec = fc.record({
    unit: fc.integer({ min: 0, max: 3 }),
    recv: fc.integer({ min: 0, max: 330 }),
    days: fc.integer({ min: 1, max: 10 }),
    kind: fc.constantFrom('early', 'on-time', 'late', 'open', 'withdrawn'),
    offset: fc.integer({ min: 1, max: 5 }),
    online: fc.boolean(),
    apology: fc.boolean(),
  }) as fc.Arbitrary<Spec>;
  const start = dayFromIso('2021-01-04')!;
  function toRows(specs: readonly Spec[], first = 2): TableRow[] {
    return specs.map((s, i) => {
      const recv = cal.fast.nextWorkingDay(start + s.recv)!;
      const due = cal.fast.addWorkingDays(recv, s.days)!;
      let res: number | undefined;
      if (s.kind === 'early') res = recv;
      else if (s.kind === 'on-time') res = due;
      else if (s.kind === 'late') res = cal.fast.addWorkingDays(due, s.offset)!;
      else if (s.kind === 'withdrawn') res = recv;
      const status = s.kind === 'open' ? 'Đang xử lý' : s.kind === 'withdrawn' ? 'Rút hồ sơ' : 'Đã giải quyết';
      return row(first + i, [
        `D${String(i).padStart(5, '0')}`,
        displayDate(recv),
        `${s.days} ngày`,
        res === undefined ? '' : displayDate(res),
        status,
        s.kind === 'late' && s.apology ? 'Có' : '',
        `Xã ${s.unit}`,
        s.online ? 'Trực tuyến' : 'Trực tiếp',
        s.online ? 'Toàn trình' : 'Mức độ 2',
        '',
      ]);
    });
  }
  const WHOLE = { from: '2021-01-01', to: '2022-03-31' };

  it('property: counts from records equal the counts the records were built with, and their aggregate checks clean', () => {
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 60 }), (specs) => {
        const s = summarise(toRows(specs), { period: WHOLE });
        const n = (k: Spec['kind']) => specs.filter((x) => x.kind === k).length;
        expect(count(s, 'received')).toBe(specs.length);
        expect(count(s, 'resolved.early')).toBe(n('early'));
        expect(count(s, 'resolved.onTime')).toBe(n('on-time'));
        expect(count(s, 'resolved.late')).toBe(n('late'));
        expect(count(s, 'late.withApology')).toBe(specs.filter((x) => x.kind === 'late' && x.apology).length);
        expect(count(s, 'inProcess')).toBe(n('open'));
        expect(count(s, 'withdrawn')).toBe(n('withdrawn'));
        expect(count(s, 'online')).toBe(specs.filter((x) => x.online).length);
        // The summary's own counts, read as a portal's aggregate table, pass the aggregate checks.
        const agg = Object.entries(s.groups).map(([unit, g], i) => ({
          unit,
          row: i + 2,
          counts: Object.fromEntries(Object.entries(g.measures).map(([k, v]) => [k, v.count])),
          percents: [
            {
              rate: { column: 'x', numerator: ['resolved.early', 'resolved.onTime'], base: 'resolved', decimals: 2 },
              value: Number(((g.rates['inTimeRate']!.value ?? 0) * 100).toFixed(2)),
            },
          ],
        }));
        expect(checkAggregates(agg)).toEqual([]);
        // Groups add up to the total, and every count carries its dossier ids.
        for (const m of ['received', 'resolved', 'resolved.late', 'inProcess']) {
          expect(Object.values(s.groups).reduce((a, g) => a + g.measures[m]!.count, 0)).toBe(count(s, m));
          expect(s.total.measures[m]!.ids).toHaveLength(count(s, m));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('property: summaries of two halves of the records merge into the summary of the whole', () => {
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 50 }), fc.nat(), fc.integer({ min: 0, max: 5 }), (specs, cut, limit) => {
        const rows = toRows(specs);
        const k = rows.length ? cut % (rows.length + 1) : 0;
        const opts = { period: WHOLE, idLimit: limit };
        const whole = summarise(rows, opts);
        const merged = mergeSummaries(summarise(rows.slice(0, k), opts), summarise(rows.slice(k), opts));
        expect(merged.groups).toEqual(whole.groups);
        expect(merged.total).toEqual(whole.total);
        expect(merged.rows).toEqual(whole.rows);
      }),
      { numRuns: 60 },
    );
  });

  it('property: splitting the period in two and combining gives the whole period', () => {
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 50 }), fc.integer({ min: 0, max: 420 }), (specs, split) => {
        const rows = toRows(specs);
        const mid = dayFromIso(WHOLE.from)! + split;
        const h1 = summarise(rows, { period: { from: WHOLE.from, to: isoOf(mid) } });
        const h2 = summarise(rows, { period: { from: isoOf(mid + 1), to: WHOLE.to } });
        const whole = summarise(rows, { period: WHOLE });
        const both = combinePeriods(h1, h2);
        expect(both.period).toEqual(WHOLE);
        expect(both.total).toEqual(whole.total);
        expect(both.groups).toEqual(Object.fromEntries(Object.entries(whole.groups)));
      }),
      { numRuns: 60 },
    );
  });

  it('property: adding a late dossier never raises the on-time rate', () => {
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 40 }), spec, (specs, extra) => {
        const before = summarise(toRows(specs), { period: WHOLE }).total.rates['inTimeRate']!;
        const after = summarise(toRows([...specs, { ...extra, kind: 'late' }]), { period: WHOLE }).total.rates['inTimeRate']!;
        expect(after.den).toBe(before.den + 1);
        expect(after.value!).toBeLessThanOrEqual(before.value ?? 1);
      }),
      { numRuns: 80 },
    );
  });

  it('property: rows in = rows used + rows rejected, whatever the cells', () => {
    const junk = fc.oneof(
      fc.constant(null),
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        '01/03/2021',
        '2021-03-01',
        '31/02/2021',
        '13/13/2021',
        'Đã giải quyết',
        'Đang xử lý',
        'Rút hồ sơ',
        '3 ngày',
        'trong ngày',
        'Có',
        'X',
      ),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(junk, { minLength: 10, maxLength: 10 }), { maxLength: 40 }),
        fc.array(spec, { maxLength: 20 }),
        (cells, specs) => {
          const rows = [...toRows(specs), ...cells.map((c, i) => row(1000 + i, c))];
          const s = summarise(rows, { period: WHOLE });
          expect(s.rows.in).toBe(rows.length);
          expect(s.rows.used + s.rows.rejected).toBe(s.rows.in);
          expect(Object.values(s.rejectedByCode).reduce((a, b) => a + b, 0)).toBe(s.rows.rejected);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('finds duplicates exactly even when the Bloom filter is tiny and raises false alarms', () => {
    const rows = toRows(
      Array.from({ length: 400 }, (_, i) => ({
        unit: i % 3,
        recv: i % 300,
        days: 3,
        kind: 'on-time' as const,
        offset: 1,
        online: false,
        apology: false,
      })),
    );
    rows.push(row(9999, [...rows[17]!.cells]));
    const s = summarise(rows, { period: WHOLE, duplicateFilterBits: 6 });
    expect(s.rows).toMatchObject({ in: 401, used: 400, rejected: 1 });
    expect(s.rejected[0]!.row).toBe(9999);
    expect(s.rejected[0]!.message).toMatch(/first in row 19/);
  });

  it('keeps at most idLimit ids per measure, the smallest, and says when it cut', () => {
    const rows = toRows(
      Array.from({ length: 30 }, (_, i) => ({
        unit: 0,
        recv: i,
        days: 2,
        kind: 'on-time' as const,
        offset: 1,
        online: false,
        apology: false,
      })),
    );
    const s = summarise(rows, { period: WHOLE, idLimit: 3 });
    expect(s.total.measures['resolved.onTime']).toEqual({ count: 30, ids: ['D00000', 'D00001', 'D00002'], idsTruncated: true });
    expect(Object.isFrozen(s.total.measures['resolved.onTime']!.ids)).toBe(true);
  });

  it('does not change its input rows', () => {
    const rows = toRows([{ unit: 0, recv: 3, days: 2, kind: 'late', offset: 2, online: true, apology: false }]);
    const copy = structuredClone(rows);
    summarise(rows);
    expect(rows).toEqual(copy);
  });
});

describe('aggregate-only evidence (published counts)', () => {
  it('warns when early + on time + late ≠ resolved, and when a percentage does not follow from its counts', () => {
    const t = parseCsv(
      'Đơn vị,Tiếp nhận,Đã giải quyết,Trước hạn,Đúng hạn,Trễ hạn,Tỷ lệ đúng hạn (%)\nXã A,500,430,120,300,5,97.70\nXã B,200,100,50,40,10,90.00\n',
    );
    const { rows, issues } = readAggregateTable(t, [
      { column: 'Tỷ lệ đúng hạn (%)', numerator: ['resolved.early', 'resolved.onTime'], base: 'resolved', decimals: 2 },
    ]);
    expect(issues).toEqual([]);
    const w = checkAggregates(rows, 'cong.csv');
    expect(w.map((x) => [x.code, x.unit])).toEqual([
      ['dossier.aggregate-gap', 'Xã A'],
      ['dossier.aggregate-rate', 'Xã A'],
    ]);
    expect(w[0]!.message).toBe('row 2 (Xã A): early 120 + on time 300 + late 5 = 425, but resolved = 430 (gap 5)');
    expect(w[1]!.message).toMatch(
      /"Tỷ lệ đúng hạn \(%\)" = 97.7%, but resolved.early \+ resolved.onTime = 420 ÷ resolved 430 = 97.67% .*the rate's base is resolved/,
    );
    expect(w.every((x) => x.severity === 'warning')).toBe(true);
  });

  it('a descriptor over a portal table gives evidence with the warnings as notes; a missing count is an error, not 0', async () => {
    const dir = mkdtempSync(join(tmp, 'agg-'));
    writeFileSync(join(dir, 'cong.csv'), 'Đơn vị,Đã giải quyết,Trước hạn,Đúng hạn,Trễ hạn\nXã A,430,120,300,5\n');
    const desc = {
      format: 'par-index/dossier-source@1',
      year: 2021,
      period: { from: '2021-01-01', to: '2021-12-31' },
      aggregates: 'cong.csv',
      units: { 'Xã A': { id: 'xa-a', name: 'Xã A' } },
      measures: { onTime: 'resolved.onTime', resolved: 'resolved' },
      source: 'Cổng DVC tỉnh, 31/12/2021',
    };
    writeFileSync(join(dir, 'cong.source.yaml'), stringify(desc));
    const ev = await readEvidenceSources(dir, { readers: [dossierSource] });
    const m = ev.units[0]!.measures;
    expect(m['resolved']!.value).toBe(430);
    expect(m['onTime']!.note).toMatch(/chênh 5/);
    writeFileSync(join(dir, 'cong.source.yaml'), stringify({ ...desc, measures: { ...desc.measures, online: 'online' } }));
    await expect(readEvidenceSources(dir, { readers: [dossierSource] })).rejects.toThrow(
      /online ← online is not in the table \(it is not set to 0\)/,
    );
  });
});

describe('tables kept whole are held to the limit of files read whole', () => {
  it('a table of published counts larger than maxBytes is refused before it is read, naming the limit', async () => {
    const dir = mkdtempSync(join(tmp, 'agg-big-'));
    const table = `Đơn vị,Đã giải quyết,Ghi chú\nXã 1,1,${'Cổng dịch vụ công. '.repeat(120)}\n`;
    writeFileSync(join(dir, 'cong.csv'), table);
    const desc = {
      format: 'par-index/dossier-source@1',
      year: 2021,
      period: { from: '2021-01-01', to: '2021-12-31' },
      aggregates: 'cong.csv',
      units: { 'Xã 1': 'xa-1' },
      measures: { resolved: 'resolved' },
      source: 'Cổng DVC tỉnh, 31/12/2021',
    };
    writeFileSync(join(dir, 'cong.source.yaml'), stringify(desc));
    const size = Buffer.byteLength(table);
    expect(size).toBeGreaterThan(2000);
    const e = await readEvidenceSources(dir, { readers: [dossierSource], limits: { maxBytes: 2000 } }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ParIndexError);
    expect((e as ParIndexError).issues[0]).toMatchObject({ code: 'io.too-large', file: expect.stringMatching(/cong\.csv$/) });
    expect((e as ParIndexError).issues[0]!.message).toMatch(
      new RegExp(`the file is ${size} bytes; the limit for a table file is 2000 bytes.*raise limits\\.maxFileBytes \\(maxBytes\\)`),
    );
    // Within the limit the same table is read (the unit named in the descriptor gets its count).
    const ev = await readEvidenceSources(dir, { readers: [dossierSource], limits: { maxBytes: size } });
    expect(ev.units.map((u) => [u.id, u.measures['resolved']!.value])).toEqual([['xa-1', 1]]);
  });
});

describe('the Văn Lâm export through its descriptor', () => {
  const descriptor = `${root}fixtures/van-lam-2021/ho-so-mot-cua-2021.source.yaml`;
  // The figures the example's evidence files stated by hand before the records existed.
  const EXPECTED: Record<string, [number, number, number, number, number, number, number]> = {
    // resolved, onTime, lateWithoutApology, postal.received, postal.returned, receivedL34, online
    'chi-dao': [512, 489, 3, 0, 0, 40, 9],
    'dai-dong': [905, 897, 0, 12, 10, 45, 18],
    'dinh-du': [455, 446, 0, 8, 6, 36, 12],
    'lac-dao': [780, 768, 0, 9, 8, 52, 15],
    'lac-hong': [498, 490, 0, 8, 7, 30, 11],
    'luong-tai': [530, 512, 1, 7, 5, 35, 10],
    'minh-hai': [470, 452, 2, 5, 4, 41, 8],
    'nhu-quynh': [1460, 1452, 0, 22, 18, 86, 28],
    'tan-quang': [440, 405, 2, 7, 5, 38, 9],
    'trung-trac': [430, 410, 1, 4, 3, 33, 7],
    'viet-hung': [610, 594, 1, 6, 4, 44, 11],
  };
  const NAMES = [
    'dossiers.resolved',
    'dossiers.onTime',
    'dossiers.lateWithoutApology',
    'postal.received',
    'postal.returned',
    'dossiers.receivedL34',
    'dossiers.online',
  ];

  it('gives every commune exactly the measures its criteria read, each quoting the export and its count', async () => {
    const r = await dossierSource.read((await import('yaml')).parse(readFileSync(descriptor, 'utf8')), {
      file: 'ho-so-mot-cua-2021.source.yaml',
      dir: `${root}fixtures/van-lam-2021`,
    });
    const doc = r.inputs[0]!.data as {
      units: { id: string; measures: Record<string, { value: number; source: string; note: string }> }[];
      period: unknown;
    };
    expect(doc.period).toEqual({ from: '2020-12-15', to: '2021-12-15' });
    for (const u of doc.units) {
      expect(
        NAMES.map((n) => u.measures[n]!.value),
        u.id,
      ).toEqual(EXPECTED[u.id]);
      expect(u.measures['dossiers.onTime']!.source).toMatch(
        /ho-so-mot-cua-2021\.csv: \d+ hồ sơ \(resolved\.inTime, 2020-12-15\.\.2021-12-15\)/,
      );
      expect(u.measures['dossiers.onTime']!.note).toMatch(/^mã hồ sơ: VL\./);
    }
    // District totals of the 2021 report.
    const sum = (n: string) => doc.units.reduce((s, u) => s + u.measures[n]!.value, 0);
    expect([sum('postal.received'), sum('postal.returned'), sum('dossiers.online')]).toEqual([88, 70, 138]);
    expect(r.consumed.some((c) => c.endsWith('ho-so-mot-cua-2021.csv'))).toBe(true);
  });

  it('holds thousands of records, all used', async () => {
    const { summary } = await summariseDescriptor(descriptor);
    expect(summary.rows.in).toBeGreaterThan(5000);
    expect(summary.rows).toMatchObject({ rejected: 0 });
    expect(summary.rows.used).toBe(summary.rows.in);
    expect(Object.keys(summary.groups)).toHaveLength(11);
    expect(summary.warnings).toEqual([]);
  });

  it('is reproducible: the committed export equals what the generator writes', () => {
    // The generator is deterministic (seeded); its header comment says how to rerun it.
    const csv = readFileSync(`${root}fixtures/van-lam-2021/ho-so-mot-cua-2021.csv`, 'utf8');
    expect(csv.split('\n')[0]).toBe(
      'Mã hồ sơ,Mã thủ tục,Tên thủ tục,Lĩnh vực,Mức độ DVC,Hình thức nộp,Ngày tiếp nhận,Thời hạn giải quyết,Ngày hẹn trả,Ngày có kết quả,Trả kết quả qua bưu chính,Trạng thái,Thư xin lỗi,Đơn vị tiếp nhận',
    );
    expect(readFileSync(`${root}scripts/generate-van-lam-dossiers.ts`, 'utf8')).toMatch(/ILLUSTRATIVE/);
  });
});

describe('bad files', () => {
  const period = { from: '2021-01-01', to: '2021-12-31' };
  it('an empty file is refused with a clear message', async () => {
    const p = join(tmp, 'empty.csv');
    writeFileSync(p, '\n\n');
    await expect(summariseRecordFiles([p], { calendar: cal, period })).rejects.toThrow(/the file is empty: expected a header row/);
  });

  it('a file over the size limit is refused before it is read, naming the limit', async () => {
    const p = join(tmp, 'big.csv');
    writeFileSync(p, `${HEADER.join(',')}\n${'A,01/03/2021,3,,Đang xử lý,,X,Trực tiếp,Mức độ 2,\n'.repeat(200)}`);
    try {
      await summariseRecordFiles([p], { calendar: cal, period, table: { maxBytes: 1024 } });
      expect.unreachable();
    } catch (e) {
      const i = (e as ParIndexError).issues[0]!;
      expect(i.code).toBe('io.too-large');
      expect(i.message).toMatch(/the limit for a table file is 1024 bytes/);
      expect(i.file).toMatch(/big\.csv$/);
    }
    await expect(openTable(p, { maxBytes: 1024 })).rejects.toThrow(ParIndexError);
  });

  it('a 1 GB file is refused with the default limits, before it is read, naming the limit and how to raise it', async () => {
    // A sparse file: 10^9 bytes on paper, a header and nothing on disk. Were it read, its NUL bytes would come back
    // as one endless record (parse.csv) or rows of junk, not io.too-large.
    const dir = mkdtempSync(join(tmp, 'gb-'));
    const p = join(dir, 'ho-so-1gb.csv');
    writeFileSync(p, `${HEADER.join(',')}\n`);
    truncateSync(p, 1_000_000_000);
    expect(statSync(p).size).toBe(1_000_000_000);
    const refusals: unknown[] = [];
    for (const attempt of [
      () => summariseRecordFiles([p], { calendar: cal, period }),
      () => openTable(p),
      async () => {
        writeFileSync(
          join(dir, 'hs.source.yaml'),
          stringify({
            format: 'par-index/dossier-source@1',
            year: 2021,
            period,
            records: 'ho-so-1gb.csv',
            units: { X: 'x' },
            source: 'Một cửa, 31/12/2021',
          }),
        );
        return summariseDescriptor(join(dir, 'hs.source.yaml'));
      },
    ]) {
      refusals.push(
        await attempt().then(
          () => 'read',
          (e: unknown) => e,
        ),
      );
    }
    for (const e of refusals) {
      expect(e).toBeInstanceOf(ParIndexError);
      const i = (e as ParIndexError).issues[0]!;
      expect(i.code).toBe('io.too-large');
      expect(i.file).toMatch(/ho-so-1gb\.csv$/);
      expect(i.message).toContain(
        `the file is 1000000000 bytes (953.7 MiB); the limit for a table file is ${DEFAULT_MAX_TABLE_BYTES} bytes (512.0 MiB)`,
      );
      expect(i.message).toMatch(/refused before being read.*raise maxBytes \/ --max-bytes/);
      expect(i.messageVi).toMatch(/tệp có 1000000000 byte; giới hạn cho tệp bảng là 536870912 byte/);
    }
    expect(DEFAULT_MAX_TABLE_BYTES).toBeLessThan(1_000_000_000);
  });

  it('wrong headers in a record file stop the summary with the expected names', async () => {
    const p = join(tmp, 'wrong.csv');
    writeFileSync(p, 'a,b,c\n1,2,3\n');
    await expect(summariseRecordFiles([p], { calendar: cal, period })).rejects.toThrow(/no column for id/);
  });

  it('mixed date formats: each row in the other style is named', async () => {
    const p = join(tmp, 'mixed.csv');
    writeFileSync(
      p,
      `${HEADER.join(',')}\nA1,01/03/2021,3,04/03/2021,Đã giải quyết,,X,Trực tiếp,Mức độ 2,\nA2,2021-03-02,3,2021-03-05,Đã giải quyết,,X,Trực tiếp,Mức độ 2,\nA3,03/03/2021,3,2021-03-05,Đã giải quyết,,X,Trực tiếp,Mức độ 2,\n`,
    );
    const s = await summariseRecordFiles([p], { calendar: cal, period });
    expect(s.warnings.map((w) => w.row)).toEqual([3, 3, 4]);
    expect(s.warnings.every((w) => w.code === 'dossier.mixed-date-format')).toBe(true);
    expect(s.rows).toMatchObject({ in: 3, used: 3, rejected: 0 });
  });

  it('a descriptor with more rejected rows than it allows stops the read and lists them', async () => {
    const dir = mkdtempSync(join(tmp, 'rej-'));
    writeFileSync(
      join(dir, 'hs.csv'),
      `${HEADER.join(',')}\nA1,01/03/2021,3,04/03/2021,Đã giải quyết,,X,Trực tiếp,Mức độ 2,\nA2,99/03/2021,3,,Đang xử lý,,X,Trực tiếp,Mức độ 2,\n`,
    );
    writeFileSync(
      join(dir, 'hs.source.yaml'),
      stringify({
        format: 'par-index/dossier-source@1',
        year: 2021,
        period,
        records: 'hs.csv',
        units: { X: { id: 'x', name: 'Xã X' } },
        measures: { resolved: 'resolved' },
        source: 'Một cửa, 31/12/2021',
      }),
    );
    try {
      await readEvidenceSources(dir, { readers: [dossierSource] });
      expect.unreachable();
    } catch (e) {
      const is = (e as ParIndexError).issues;
      expect(is[0]!.code).toBe('dossier.rejected-rows');
      expect(is[0]!.message).toMatch(/1 of 2 rows cannot be used \(the descriptor allows 0\)/);
      expect(is[1]!.message).toMatch(/row 3 \(A2\)/);
    }
  });
});

describe('XLSX exports', () => {
  it("are read like CSV, with the sheet's row numbers and date cells", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hồ sơ');
    ws.addRow(HEADER);
    ws.addRow([
      'X1',
      new Date(Date.UTC(2021, 2, 1)),
      3,
      new Date(Date.UTC(2021, 2, 8)),
      'Đã giải quyết',
      'Có',
      'UBND xã X',
      'Trực tuyến',
      'Toàn trình',
      '',
    ]);
    ws.addRow(['X2', '02/03/2021', '2 ngày', '03/03/2021', 'Đã giải quyết', '', 'UBND xã X', 'Bưu chính công ích', 'Mức độ 2', 'Có']);
    const p = join(tmp, 'hs.xlsx');
    await wb.xlsx.writeFile(p);
    const s = await summariseRecordFiles([p], { calendar: cal, period: { from: '2021-01-01', to: '2021-12-31' } });
    expect(s.rows).toMatchObject({ in: 2, used: 2 });
    expect(count(s, 'resolved.late')).toBe(1);
    expect(count(s, 'late.withApology')).toBe(1);
    expect(count(s, 'postal.returned')).toBe(1);
    expect(count(s, 'mode.full')).toBe(1);
  });
});

describe('par-index dossiers', () => {
  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const cmd = commands['dossiers']!;
    const { parseArgs } = await import('node:util');
    const { values, positionals } = parseArgs({
      args: argv,
      options: { lang: { type: 'string' }, ...cmd.options },
      allowPositionals: true,
    });
    const code = await cmd.run(positionals, values, { out: (s) => out.push(s), err: (s) => err.push(s) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }
  it('summarises the example by unit, with every rate naming its base', async () => {
    const r = await run(`${root}fixtures/van-lam-2021/ho-so-mot-cua-2021.source.yaml`, '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/nhu-quynh\s+\d+\s+1460\s+/);
    expect(r.out).toMatch(/\[resolved\.inTime ÷ resolved\]/);
    expect(r.out).toMatch(/Rows: (\d+) read = \1 used \+ 0 rejected/);
  });
  it('groups by field over a narrower period given on the command line', async () => {
    const r = await run(
      `${root}fixtures/van-lam-2021/ho-so-mot-cua-2021.source.yaml`,
      '--by',
      'field',
      '--from',
      '01/01/2021',
      '--to',
      '30/06/2021',
      '--format',
      'json',
    );
    const s = JSON.parse(r.out) as DossierSummary;
    expect(s.period).toEqual({ from: '2021-01-01', to: '2021-06-30' });
    expect(Object.keys(s.groups)).toContain('Hộ tịch');
  });
  it('lists rejected rows and exits 1', async () => {
    const p = join(tmp, 'cli-bad.csv');
    writeFileSync(p, `${HEADER.join(',')}\nA1,01/03/2021,3,28/02/2021,Đã giải quyết,,X,Trực tiếp,Mức độ 2,\n`);
    const r = await run(p, '--from', '2021-01-01', '--to', '2021-12-31', '--lang', 'vi');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/dòng 2 \(A1\): có kết quả ngày 28\/02\/2021, trước ngày tiếp nhận 01\/03\/2021/);
  });
  it('a 1 GB file: refused by its size; with --max-bytes raised, its endless first record is refused after a few MiB', async () => {
    const p = join(mkdtempSync(join(tmp, 'gb-cli-')), 'ho-so-1gb.csv');
    writeFileSync(p, `${HEADER.join(',')}\n`);
    truncateSync(p, 1_000_000_000);
    await expect(run(p, '--from', '2021-01-01', '--to', '2021-12-31')).rejects.toThrow(
      /the limit for a table file is 536870912 bytes .*raise maxBytes \/ --max-bytes/,
    );
    // Raised: the reader streams it, and the NUL bytes never end a line, so the record limit (8 Mi characters)
    // stops it instead of letting one record grow to the whole gigabyte.
    const e = await run(p, '--from', '2021-01-01', '--to', '2021-12-31', '--max-bytes', '2000000000').then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ParIndexError);
    expect((e as ParIndexError).issues[0]).toMatchObject({
      code: 'parse.csv',
      message: expect.stringMatching(/row 2 and on: a record runs past 8388352 characters without ending/),
    });
  });
  it('refuses a bad option value as a usage error (exit 2 through main)', async () => {
    await expect(run(`${root}fixtures/van-lam-2021/ho-so-mot-cua-2021.source.yaml`, '--by', 'district')).rejects.toThrow(
      /--by must be unit, field, mode/,
    );
  });
});
