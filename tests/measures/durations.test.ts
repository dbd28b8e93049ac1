/**
 * Processing times (deadlines) with a sign or of zero are refused, never read as their size: "-5 ngày" used to be
 * read as 5 days. A record row with one is rejected with the reason; a catalogue entry with one is an error.
 * Timestamps with a zone in an export are counted in Vietnam time.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/calendar.js';
import type { Cell, TableRow } from '../../src/core/table.js';
import { ParIndexError } from '../../src/core/errors.js';
import { summariseDossiers } from '../../src/measures/dossier-aggregator.js';
import { parseProcessingTime } from '../../src/measures/processing-time.js';
import { readProcedures } from '../../src/io/dossier-source.js';
import { root } from '../support/paths.js';

const cal = loadCalendar(readFileSync(`${root}data/calendars/vn.yaml`, 'utf8'));
const HEADER = ['Mã hồ sơ', 'Ngày tiếp nhận', 'Thời hạn giải quyết', 'Ngày có kết quả', 'Trạng thái', 'Đơn vị tiếp nhận'];
const row = (n: number, cells: Cell[]): TableRow => ({ row: n, cells });
const summarise = (rows: TableRow[], period = { from: '2021-01-01', to: '2021-12-31' }) =>
  summariseDossiers([{ file: 'ho-so.csv', table: { header: HEADER, rows } }], { calendar: cal, period, idLimit: Infinity }).summary;

describe('processing times with a sign or of zero', () => {
  it('are not read', () => {
    for (const s of [
      '-5 ngày',
      '- 5 ngày',
      '+5 ngày',
      '−5 ngày',
      '0 ngày',
      '0',
      '00 ngày làm việc',
      '0 giờ',
      '-1 giờ',
      '0/2 ngày',
      '0,0 ngày',
      '-0,5 ngày',
    ])
      expect(parseProcessingTime(s), s).toBeUndefined();
    for (const n of [0, -5, -0.5]) expect(parseProcessingTime(n), String(n)).toBeUndefined();
    expect(parseProcessingTime('5 ngày')).toEqual({ kind: 'days', days: 5 });
    expect(parseProcessingTime(5)).toEqual({ kind: 'days', days: 5 });
  });

  it('reject the row with a reason that says why', () => {
    const s = summarise([
      row(2, ['A1', '01/03/2021', '-5 ngày', '02/03/2021', 'Đã giải quyết', 'UBND xã A']),
      row(3, ['A2', '01/03/2021', '0 ngày', '02/03/2021', 'Đã giải quyết', 'UBND xã A']),
      row(4, ['A3', '01/03/2021', '5 ngày', '02/03/2021', 'Đã giải quyết', 'UBND xã A']),
    ]);
    expect(s.rows).toMatchObject({ in: 3, used: 1, rejected: 2 });
    expect(s.rejected.map((r) => [r.row, r.code])).toEqual([
      [2, 'dossier.bad-value'],
      [3, 'dossier.bad-value'],
    ]);
    expect(s.rejected[0]!.message).toMatch(/row 2 \(A1\): processing time "-5 ngày" has a sign: a deadline is a length of time/);
    expect(s.rejected[0]!.messageVi).toMatch(/dòng 2 \(A1\): thời hạn giải quyết "-5 ngày" có dấu/);
    expect(s.rejected[1]!.message).toMatch(/row 3 \(A2\): processing time "0 ngày" is zero/);
  });

  it('in a procedure catalogue are an error naming the entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'par-index-durations-'));
    const e = await readProcedures({ '1.001': { time: '-5 ngày' }, '1.002': { time: '0 giờ' } }, cal, {
      dir,
      file: 'ho-so.source.yaml',
    }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ParIndexError);
    const is = (e as ParIndexError).issues;
    expect(is.map((i) => i.path.join('.'))).toEqual(['procedures.1.001', 'procedures.1.002']);
    expect(is[0]!.message).toMatch(/"-5 ngày" has a sign/);
    expect(is[1]!.message).toMatch(/"0 giờ" is zero/);
  });
});

describe('timestamps with a zone in an export', () => {
  it('are counted on their day in Vietnam', () => {
    // 20:00 UTC on 31/12/2021 is 03:00 on 1/1/2022 in Vietnam: outside 2021; received 03:00 then resolved 09:00.
    const s = summarise([
      row(2, ['Z1', '2021-12-31T20:00:00Z', '5 ngày', '2022-01-04T02:00:00Z', 'Đã giải quyết', 'UBND xã A']),
      row(3, ['Z2', '2021-12-31T10:00:00Z', '5 ngày', '2021-12-31T11:00:00Z', 'Đã giải quyết', 'UBND xã A']),
    ]);
    expect(s.rows).toMatchObject({ in: 2, used: 2, rejected: 0, outsidePeriod: 1 });
    expect(s.total.measures['received']!.ids).toEqual(['Z2']);
  });
});
