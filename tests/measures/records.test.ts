/**
 * The per-row paths of dossier records, made fast for million-row exports (issue 3): the remembered cell texts
 * change no result, the lookup table and the duplicate filter keep their contracts, and the bounded id lists
 * keep exactly the smallest ids in JavaScript's string order.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/calendar.js';
import type { Cell, TableRow } from '../../src/core/table.js';
import { summariseDossiers } from '../../src/measures/dossier-aggregator.js';
import { IdFilter } from '../../src/measures/id-filter.js';
import { isRejection, RecordParser } from '../../src/measures/records.js';
import { type RowIssue } from '../../src/measures/dossier-record.js';
import { TextMemo } from '../../src/measures/text-memo.js';
import { root } from '../support/paths.js';

const calendar = loadCalendar(readFileSync(`${root}data/calendars/vn.yaml`, 'utf8'));
const HEADER = [
  'Mã hồ sơ',
  'Ngày tiếp nhận',
  'Thời hạn giải quyết',
  'Ngày hẹn trả',
  'Ngày có kết quả',
  'Trạng thái',
  'Thư xin lỗi',
  'Đơn vị tiếp nhận',
  'Hình thức nộp',
  'Mức độ DVC',
  'Trả kết quả qua bưu chính',
];

/** Cells as exports write them, good and bad, repeated so the parser's memos are hit. */
const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom<Cell>(
      null,
      '',
      ' ',
      'HS1',
      'HS2',
      '01/03/2021',
      '02/03/2021 16:10',
      '2021-03-04',
      '31/02/2021',
      '03/25/2021',
      'Đã giải quyết',
      'Đang xử lý',
      'Rút hồ sơ',
      'Tạm dừng',
      '3 ngày',
      'trong ngày',
      '1 giờ',
      '1/2 ngày',
      'Có',
      'Không',
      'x',
      'Trực tuyến',
      'Bưu chính công ích',
      'Mức độ 3',
      'Toàn trình',
      'UBND xã A',
      'Xã B',
      44256,
      true,
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);
const rowsArb = fc.array(fc.array(cellArb, { minLength: HEADER.length, maxLength: HEADER.length }), { minLength: 1, maxLength: 30 });
const toRows = (grid: Cell[][]): TableRow[] => grid.map((cells, i) => ({ row: i + 2, cells }));

describe('RecordParser', () => {
  it('property: read and parse agree, and remembering cell texts changes no record and no rejection', () => {
    fc.assert(
      fc.property(rowsArb, fc.boolean(), (grid, mapUnits) => {
        const opts = { calendar, ...(mapUnits ? { unitOf: (n: string) => (n === 'Xã B' ? undefined : n.toUpperCase()) } : {}) };
        const warm = new RecordParser(HEADER, opts);
        const twice = new RecordParser(HEADER, opts);
        for (const r of toRows(grid)) {
          // A fresh parser remembers nothing; `warm` has seen every earlier row; `twice` reads each row twice.
          const fresh = new RecordParser(HEADER, opts).parse(r);
          const warnings: RowIssue[] = [];
          const read = warm.read(r, (w) => warnings.push(w));
          twice.parse(r);
          const again = twice.parse(r);
          expect(read).toEqual(fresh.ok ? fresh.record : fresh.rejection);
          expect(isRejection(read)).toBe(!fresh.ok);
          expect(again.ok ? again.record : again.rejection).toEqual(read);
          // Warnings about the file's date style depend on the rows before; the others must match.
          const other = (ws: readonly RowIssue[]) => ws.filter((w) => w.code !== 'dossier.mixed-date-format');
          expect(other(warnings)).toEqual(other(fresh.warnings));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('trims every kind of space String#trim knows from the text cells, and keeps the cells that need none as they are', () => {
    const spaces = [...Array(0x10000).keys()].map((c) => String.fromCharCode(c)).filter((ch) => ch.trim() === '');
    expect(spaces.length).toBeGreaterThan(20);
    const p = new RecordParser(HEADER, { calendar });
    const read = (id: string, unit: string) => {
      const r = p.parse({ row: 2, cells: [id, '01/03/2021', '3 ngày', null, null, 'Đang xử lý', null, unit, null, null, null] });
      if (!r.ok) throw new Error(r.rejection.message);
      return r.record;
    };
    for (const sp of spaces) {
      expect(read(`${sp}HS-Đ1${sp}`, `Xã Ạ${sp}`)).toMatchObject({ id: 'HS-Đ1', unit: 'Xã Ạ' });
      // A BOM inside an id is an invisible character: refused, not kept (issue 20).
      if (sp !== '\uFEFF') expect(read(`Ạ${sp}1`, `${sp}${sp}ộ`)).toMatchObject({ id: `Ạ${sp}1`, unit: 'ộ' });
    }
    const bom = p.parse({ row: 2, cells: ['Ạ\uFEFF1', '01/03/2021', '3 ngày', null, null, 'Đang xử lý', null, 'Xã A', null, null, null] });
    expect(!bom.ok && bom.rejection.code).toBe('text.invisible-char');
    const id = 'HS-ỹ-12345678901234';
    expect(read(id, 'Xã A').id).toBe(id);
  });

  it('shares frozen date moments between records', () => {
    const p = new RecordParser(HEADER, { calendar });
    const a = p.parse({
      row: 2,
      cells: ['HS1', '01/03/2021', '3 ngày', null, '03/03/2021', 'Đã giải quyết', null, 'Xã A', null, null, null],
    });
    const b = p.parse({ row: 3, cells: ['HS2', '01/03/2021', '3 ngày', null, null, 'Đang xử lý', null, 'Xã A', null, null, null] });
    if (!a.ok || !b.ok) throw new Error('expected both rows to be used');
    expect(a.record.received).toEqual({ day: 18687, minute: undefined });
    expect(b.record.received).toBe(a.record.received);
    expect(Object.isFrozen(a.record.received)).toBe(true);
    expect(a.record.resolved).toEqual({ day: 18689, minute: undefined });
  });
});

describe('TextMemo', () => {
  it('property: answers as a Map does, and keeps at most its limit of entries', () => {
    const key = fc.oneof(fc.constantFrom('', 'a', 'Đã giải quyết', '01/03/2021', 'UBND xã 1', 'UBND xã 10'), fc.string({ maxLength: 5 }));
    const op = fc.tuple(fc.boolean(), key, fc.integer());
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), fc.integer({ min: 1, max: 50 }), (ops, limit) => {
        const memo = new TextMemo<number>(limit);
        const model = new Map<string, number>();
        for (const [set, k, v] of ops) {
          if (set) {
            memo.set(k, v);
            if (model.has(k) || model.size < limit) model.set(k, v);
          }
          expect(memo.get(k)).toBe(model.get(k));
          expect(memo.size).toBe(model.size);
        }
        for (const [k, v] of model) expect(memo.get(k)).toBe(v);
      }),
      { numRuns: 200 },
    );
  });
});

describe('IdFilter', () => {
  it('never forgets an id, and raises no false alarm on 1,000,000 new ids at the default size', () => {
    const f = new IdFilter();
    let alarms = 0;
    for (let i = 0; i < 1_000_000; i++) if (f.testAndAdd(`000.00.13.H26-210315-${i}`)) alarms++;
    // Seven bits per id at independent positions of one 512-bit block: about 0.01 false alarms expected here.
    // (Positions drawn by double hashing inside the block, an earlier design, gave 29 on these ids.)
    expect(alarms).toBe(0);
    for (let i = 0; i < 1_000_000; i += 997) expect(f.testAndAdd(`000.00.13.H26-210315-${i}`)).toBe(true);
  });

  it('property: an id added is always reported as maybe seen, even in a tiny filter', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 10 }), { maxLength: 200 }), fc.integer({ min: 0, max: 14 }), (ids, bits) => {
        const f = new IdFilter(bits);
        for (const id of ids) f.testAndAdd(id);
        for (const id of ids) expect(f.testAndAdd(id)).toBe(true);
      }),
    );
  });
  it('property: testAndAddMany answers as testAndAdd one id at a time, in batches of any size, holes included', () => {
    const idArb = fc.option(fc.string({ unit: fc.constantFrom('H', 'S', '1', '2', 'Đ', '-'), maxLength: 4 }), { nil: undefined });
    fc.assert(
      fc.property(fc.array(fc.array(idArb, { maxLength: 300 }), { maxLength: 6 }), fc.integer({ min: 0, max: 12 }), (batches, bits) => {
        const one = new IdFilter(bits);
        const many = new IdFilter(bits);
        for (const batch of batches) {
          const expected = batch.map((id) => (id !== undefined && one.testAndAdd(id) ? 1 : 0));
          const seen = new Uint8Array(batch.length + 3).fill(7);
          many.testAndAddMany(batch, batch.length, seen);
          expect([...seen.subarray(0, batch.length)]).toEqual(expected);
          expect([...seen.subarray(batch.length)]).toEqual([7, 7, 7]);
        }
      }),
    );
  });
});

describe('the bounded id lists', () => {
  const unit = fc.constantFrom('HS', '000.00.13.H26-', 'Đ', 'ÿ', 'Ā', '');
  const idArb = fc.oneof(
    fc.tuple(unit, fc.string({ unit: fc.constantFrom('0', '1', '9', 'a', 'Đ', 'ÿ', 'Ā', '\u0000'), maxLength: 8 })).map(([p, s]) => p + s),
    // Latin-1 ids that differ early: most are told apart by their keys, so a wrong threshold would show.
    fc.string({ unit: fc.constantFrom('0', '1', '5', '9', 'a', 'ÿ'), minLength: 1, maxLength: 9 }),
  );
  /** Summarises one open dossier per id, alternating between two units, keeping `limit` ids per measure. */
  const keptIds = (ids: readonly string[], limit: number) => {
    const rows = ids.map((id, i): TableRow => ({
      row: i + 2,
      cells: [id, '01/03/2021', '3 ngày', null, null, 'Đang xử lý', null, i % 2 ? 'Xã A' : 'Xã B', null, null, null],
    }));
    return summariseDossiers([{ file: 't.csv', table: { header: HEADER, rows } }], {
      calendar,
      period: { from: '2021-01-01', to: '2021-12-31' },
      idLimit: limit,
    }).summary;
  };
  const smallest = (xs: readonly string[], limit: number) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, limit);
  const expectSmallest = (ids: readonly string[], limit: number) => {
    const s = keptIds(ids, limit);
    expect(s.rows.used).toBe(ids.length);
    expect(s.total.measures['received']!.ids).toEqual(smallest(ids, limit));
    expect(s.groups['Xã A']?.measures['received']!.ids ?? []).toEqual(
      smallest(
        ids.filter((_, i) => i % 2),
        limit,
      ),
    );
    expect(s.groups['Xã B']!.measures['inProcess']!.ids).toEqual(
      smallest(
        ids.filter((_, i) => i % 2 === 0),
        limit,
      ),
    );
  };

  it('property: keep exactly the smallest ids in string order, with long shared prefixes and non-Latin characters', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          idArb.filter((s) => s.trim() !== '' && s.trim() === s),
          { minLength: 1, maxLength: 60 },
        ),
        fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(Infinity)),
        expectSmallest,
      ),
      { numRuns: 300 },
    );
  });

  it('property: limits above 255 (kept by appending and cutting back at twice the limit) keep the same ids', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          idArb.filter((s) => s.trim() !== '' && s.trim() === s),
          { minLength: 1200, maxLength: 1500 },
        ),
        fc.integer({ min: 250, max: 290 }),
        expectSmallest,
      ),
      // Each unit gets over 580 ids, so a limit above 255 is cut back at least once.
      { numRuns: 15, endOnFailure: true },
    );
  });

  it('refuses an id limit that is not a whole number ≥ 0 or Infinity', () => {
    for (const bad of [-1, 2.5, Number.NaN]) expect(() => keptIds(['HS1'], bad)).toThrow(/idLimit must be a whole number ≥ 0 or Infinity/);
  });
});
