/**
 * Paths of the dossier-records feature that had no test of their own: the procedure catalogue of a descriptor
 * (inline, CSV, YAML), the stock and closing measures (inProcess, notDue, overdue, suspended, withdrawn,
 * returned) around the period's end, and a column-mapping file end to end (descriptor and command line).
 *
 * Every expected figure below is worked out by hand from the rows and the bundled calendar (data/calendars/vn.yaml):
 * a limit of n days starts the working day after receipt (Bộ luật Dân sự, Điều 147), weekends are off, and in
 * April–May 2021 the days off on weekdays are Wed 21/4 (Giỗ Tổ Hùng Vương), Fri 30/4 and Mon 3/5 (nghỉ bù 1/5).
 * April 2021 begins on a Thursday:
 *
 *   Thu 1  Fri 2  | Mon 5  Tue 6  Wed 7  Thu 8  Fri 9 | Mon 12 … Fri 16 | Mon 19 Tue 20 (Wed 21 off) Thu 22 Fri 23
 *   | Mon 26 Tue 27 Wed 28 Thu 29 (Fri 30 off)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadCalendar } from '../../src/calendar/calendar.js';
import type { DossierSummary } from '../../src/measures/summary-schema.js';
import { combinePeriods } from '../../src/measures/summary-merge.js';
import { dossierSource, readColumnMapping, summariseDescriptor, summariseRecordFiles } from '../../src/io/dossier-source.js';
import { readEvidenceSources } from '../../src/io/sources.js';
import { root } from '../support/paths.js';

const cal = loadCalendar(readFileSync(`${root}data/calendars/vn.yaml`, 'utf8'));
const tmp = mkdtempSync(join(tmpdir(), 'par-index-dossier-paths-'));
const APRIL = { from: '2021-04-01', to: '2021-04-30' };

/** A fresh folder under the test's temporary folder. */
const folder = (name: string): string => mkdtempSync(join(tmp, `${name}-`));
/** Rows of a CSV: the header, then one line per row (the header is row 1, the first data line row 2). */
const csv = (header: readonly string[], rows: readonly (readonly string[])[]): string =>
  `${[header, ...rows].map((r) => r.join(',')).join('\n')}\n`;
/** A measure's count and ids (ids sorted as the summary keeps them: code-unit order). */
const m = (s: DossierSummary, id: string, group?: string) => {
  const g = group === undefined ? s.total : s.groups[group];
  expect(g, `group ${group ?? '(total)'}`).toBeDefined();
  const x = g!.measures[id]!;
  return { count: x.count, ids: [...x.ids] };
};
const ids = (...xs: string[]) => ({ count: xs.length, ids: [...xs].sort() });

describe('the calendar facts the expectations below rest on', () => {
  // If these fail, the hand-worked figures of this file are wrong, not (necessarily) the library.
  it('counts 3 working days over Giỗ Tổ (21/4) and 10 over two weekends, starting the day after receipt', () => {
    expect(cal.isWorkingDay('2021-04-21')).toBe(false);
    expect(cal.isWorkingDay('2021-04-30')).toBe(false);
    expect(cal.addWorkingDays('2021-04-19', 3)).toBe('2021-04-23'); // 20, 22, 23
    expect(cal.addWorkingDays('2021-04-01', 3)).toBe('2021-04-06'); // 2, 5, 6
    expect(cal.addWorkingDays('2021-04-01', 10)).toBe('2021-04-15'); // 2, 5–9, 12–15
    expect(cal.addWorkingDays('2021-04-20', 3)).toBe('2021-04-26'); // 22, 23, 26
  });
});

// ─── 1. The procedure catalogue ──────────────────────────────────────────────────────────────────────────────

describe('the procedure catalogue of a descriptor fills field, online mode and processing time', () => {
  // The export has a procedure code but no field, mode or processing-time column: all three come from the catalogue.
  const RECORD_HEADER = ['Mã hồ sơ', 'Mã thủ tục', 'Ngày tiếp nhận', 'Ngày có kết quả', 'Trạng thái', 'Đơn vị tiếp nhận'];
  const RECORDS = [
    // row 2 — P.HT, 3 days: received Mon 19/4, due Fri 23/4 (21/4 is off) → resolved 23/4 on time.
    ['C1', 'P.HT', '19/04/2021', '23/04/2021', 'Đã giải quyết', 'UBND xã A'],
    // row 3 — P.HT, 3 days: received Thu 1/4, due Tue 6/4 → resolved 15/4 late.
    ['C2', 'P.HT', '01/04/2021', '15/04/2021', 'Đã giải quyết', 'UBND xã A'],
    // row 4 — P.DD, 10 days: received 1/4, due Thu 15/4 → resolved 15/4 on time (the same dates as C2, not late).
    ['C3', 'P.DD', '01/04/2021', '15/04/2021', 'Đã giải quyết', 'UBND xã A'],
    // row 5 — P.CT, "trong ngày": due the day received (no time given) → resolved the same day, on time.
    ['C4', 'P.CT', '05/04/2021', '05/04/2021', 'Đã giải quyết', 'UBND xã A'],
    // row 6 — a code the catalogue does not have: rejected.
    ['C5', 'P.XX', '06/04/2021', '07/04/2021', 'Đã giải quyết', 'UBND xã A'],
    // row 7 — no code at all while a catalogue is given: rejected with the same code.
    ['C6', '', '06/04/2021', '07/04/2021', 'Đã giải quyết', 'UBND xã A'],
    // row 8 — P.DD, 10 days: due 15/4 → resolved Fri 9/4, early (under P.HT's 3 days it would be late).
    ['C7', 'P.DD', '01/04/2021', '09/04/2021', 'Đã giải quyết', 'UBND xã A'],
  ];
  const INLINE = {
    'P.HT': { name: 'Đăng ký khai sinh', field: 'Hộ tịch', mode: 'partial', time: '3 ngày' },
    'P.DD': { field: 'Đất đai', mode: 'full', time: 10 },
    'P.CT': { field: 'Chứng thực', mode: 'none', time: 'trong ngày' },
  };
  const CATALOGUE_CSV = csv(
    ['Mã thủ tục', 'Tên thủ tục', 'Lĩnh vực', 'Mức độ DVC', 'Thời hạn giải quyết'],
    [
      ['P.HT', 'Đăng ký khai sinh', 'Hộ tịch', 'Một phần', '3 ngày'],
      ['P.DD', 'Cấp giấy chứng nhận', 'Đất đai', 'Toàn trình', '10 ngày làm việc'],
      ['P.CT', 'Chứng thực bản sao', 'Chứng thực', 'Không', 'Trong ngày'],
    ],
  );
  const CATALOGUE_YAML = stringify({
    procedures: {
      'P.HT': { field: 'Hộ tịch', mode: 'một phần', time: '3 ngày' },
      'P.DD': { field: 'Đất đai', mode: 'toàn trình', time: '10 ngày' },
      'P.CT': { field: 'Chứng thực', mode: 'none', time: 'trong ngày' },
    },
  });

  /** Writes the export, the catalogue file (if any) and the descriptor; returns the descriptor's path. */
  function setup(form: 'inline' | 'csv' | 'yaml'): string {
    const dir = folder(`catalogue-${form}`);
    writeFileSync(join(dir, 'ho-so.csv'), csv(RECORD_HEADER, RECORDS));
    let procedures: unknown = INLINE;
    if (form === 'csv') {
      writeFileSync(join(dir, 'danh-muc.csv'), CATALOGUE_CSV);
      procedures = 'danh-muc.csv';
    } else if (form === 'yaml') {
      writeFileSync(join(dir, 'danh-muc.yaml'), CATALOGUE_YAML);
      procedures = 'danh-muc.yaml';
    }
    const desc = {
      format: 'par-index/dossier-source@1',
      year: 2021,
      period: APRIL,
      records: 'ho-so.csv',
      procedures,
      units: { 'UBND xã A': { id: 'xa-a', name: 'Xã A' } },
      measures: { 'dossiers.late': 'resolved.late', 'dossiers.received': 'received' },
      source: 'Một cửa xã A, kết xuất 30/04/2021',
      allowRejected: 2,
    };
    const p = join(dir, 'ho-so.source.yaml');
    writeFileSync(p, stringify(desc));
    return p;
  }

  describe.each(['inline', 'csv', 'yaml'] as const)('given %s', (form) => {
    const path = setup(form);

    it('times each dossier by its procedure: C1, C3, C4 on time, C7 early, C2 late', async () => {
      const { summary } = await summariseDescriptor(path, { idLimit: 100 });
      // 7 rows: C5 and C6 rejected, the 5 others used, all received and resolved in April.
      expect(summary.rows).toEqual({ in: 7, used: 5, rejected: 2, outsidePeriod: 0 });
      expect(summary.rows.used + summary.rows.rejected).toBe(summary.rows.in);
      expect(Object.keys(summary.groups)).toEqual(['xa-a']);
      expect(m(summary, 'received', 'xa-a')).toEqual(ids('C1', 'C2', 'C3', 'C4', 'C7'));
      expect(m(summary, 'resolved.early')).toEqual(ids('C7'));
      expect(m(summary, 'resolved.onTime')).toEqual(ids('C1', 'C3', 'C4'));
      expect(m(summary, 'resolved.late')).toEqual(ids('C2'));
      expect(summary.total.rates['inTimeRate']).toMatchObject({ num: 4, den: 5 });
      // Modes from the catalogue: P.HT partial (C1, C2), P.DD full (C3, C7), P.CT none (C4); partial and full
      // can be filed online. Every procedure has a mode, so the mode measures are available (not "n/a").
      expect(m(summary, 'mode.partial')).toEqual(ids('C1', 'C2'));
      expect(m(summary, 'mode.full')).toEqual(ids('C3', 'C7'));
      expect(m(summary, 'mode.none')).toEqual(ids('C4'));
      expect(m(summary, 'onlineEligible')).toEqual(ids('C1', 'C2', 'C3', 'C7'));
      expect(summary.unavailable.map((u) => u.measure)).not.toContain('mode.full');
      expect(summary.unavailable.map((u) => u.measure)).not.toContain('onlineEligible');
      expect(summary.warnings).toEqual([]);
    });

    it('rejects an unknown procedure code, and a missing one, with the row, the code and the reason in both languages', async () => {
      const { summary } = await summariseDescriptor(path);
      expect(summary.rejectedByCode).toEqual({ 'dossier.unknown-procedure': 2 });
      const [c5, c6] = summary.rejected;
      expect(c5).toMatchObject({ row: 6, id: 'C5', code: 'dossier.unknown-procedure' });
      expect(c5!.message).toMatch(/^row 6 \(C5\): .*"P\.XX"/);
      expect(c5!.message).toMatch(/not in the procedure catalogue/);
      expect(c5!.messageVi).toMatch(/^dòng 6 \(C5\): .*"P\.XX"/);
      expect(c5!.messageVi).toMatch(/không có trong danh mục TTHC/);
      expect(c6).toMatchObject({ row: 7, id: 'C6', code: 'dossier.unknown-procedure' });
      expect(c6!.message).toMatch(/^row 7 \(C6\): no procedure code/);
      expect(c6!.messageVi).toMatch(/^dòng 7 \(C6\): thiếu mã thủ tục/);
    });

    it("groups --by field by the catalogue's field", async () => {
      const { summary } = await summariseDescriptor(path, { by: 'field', idLimit: 100 });
      expect(Object.keys(summary.groups).sort()).toEqual(['Chứng thực', 'Hộ tịch', 'Đất đai'].sort());
      // Hộ tịch: C1 on time, C2 late. Đất đai: C3 on time, C7 early. Chứng thực: C4 on time.
      expect(m(summary, 'resolved', 'Hộ tịch')).toEqual(ids('C1', 'C2'));
      expect(m(summary, 'resolved.late', 'Hộ tịch')).toEqual(ids('C2'));
      expect(m(summary, 'resolved.inTime', 'Hộ tịch')).toEqual(ids('C1'));
      expect(m(summary, 'resolved.inTime', 'Đất đai')).toEqual(ids('C3', 'C7'));
      expect(m(summary, 'resolved.early', 'Đất đai')).toEqual(ids('C7'));
      expect(m(summary, 'resolved.onTime', 'Chứng thực')).toEqual(ids('C4'));
      expect(summary.groups['Hộ tịch']!.rates['inTimeRate']).toMatchObject({ num: 1, den: 2, value: 0.5 });
    });

    it("groups by mode by the catalogue's mode", async () => {
      const { summary } = await summariseDescriptor(path, { by: 'mode' });
      expect(Object.keys(summary.groups).sort()).toEqual(['full', 'none', 'partial']);
      expect(m(summary, 'received', 'partial').count).toBe(2);
      expect(m(summary, 'resolved.late', 'partial')).toEqual(ids('C2'));
      expect(m(summary, 'received', 'full').count).toBe(2);
      expect(m(summary, 'received', 'none').count).toBe(1);
    });
  });

  it("a catalogue writing the export's own mode words reads them through the column mapping's values.mode", async () => {
    const dir = folder('catalogue-words');
    writeFileSync(join(dir, 'ho-so.csv'), csv(RECORD_HEADER, RECORDS));
    writeFileSync(join(dir, 'danh-muc.csv'), CATALOGUE_CSV.replace('Một phần', 'DVC-MP').replace('Toàn trình', 'DVC-TT'));
    const desc = (values: unknown) => ({
      format: 'par-index/dossier-source@1',
      year: 2021,
      period: APRIL,
      records: 'ho-so.csv',
      procedures: 'danh-muc.csv',
      columns: { values },
      units: { 'UBND xã A': { id: 'xa-a', name: 'Xã A' } },
      measures: { 'dossiers.received': 'received' },
      source: 'Một cửa xã A',
      allowRejected: 2,
    });
    const p = join(dir, 'ho-so.source.yaml');
    writeFileSync(p, stringify(desc({ mode: { 'DVC-MP': 'partial', 'dvc-tt': 'full' } })));
    const { summary } = await summariseDescriptor(p, { by: 'mode' });
    expect(m(summary, 'received', 'partial')).toEqual(ids('C1', 'C2'));
    expect(m(summary, 'received', 'full')).toEqual(ids('C3', 'C7'));
    // Without the words the catalogue is refused, naming the row and the word.
    writeFileSync(p, stringify(desc({})));
    const e = await summariseDescriptor(p).then(
      () => undefined,
      (x: unknown) => x as { issues: { code: string; message: string; path: unknown[] }[] },
    );
    expect(e?.issues.map((i) => [i.code, i.path, i.message])).toEqual([
      ['dossier.bad-value', ['row 2'], 'unknown online mode "DVC-MP"'],
      ['dossier.bad-value', ['row 3'], 'unknown online mode "DVC-TT"'],
    ]);
  });

  it('a CSV catalogue is listed among the files the descriptor read (so a folder scan does not flag it)', async () => {
    const { files } = await summariseDescriptor(setup('csv'));
    expect(files.some((f) => f.endsWith('danh-muc.csv'))).toBe(true);
    expect(files.some((f) => f.endsWith('ho-so.csv'))).toBe(true);
  });

  it('evidence through the descriptor: the rejected rows are noted, and more of them than allowed stops the read', async () => {
    const path = setup('yaml');
    // allowRejected: 2 and two rows rejected: the read goes through, and the late measure names C2.
    const ev = await readEvidenceSources(path, { readers: [dossierSource] });
    const a = ev.units.find((u) => u.id === 'xa-a')!.measures;
    const late = a['dossiers.late']!;
    expect(late.value).toBe(1);
    expect(a['dossiers.received']!.value).toBe(5);
    expect(String(late.note)).toMatch(/mã hồ sơ: C2; 2 dòng bị loại/);
    // allowRejected: 1: the read fails, listing both rows.
    writeFileSync(path, readFileSync(path, 'utf8').replace('allowRejected: 2', 'allowRejected: 1'));
    const e = await readEvidenceSources(path, { readers: [dossierSource] }).then(
      () => undefined,
      (x: unknown) => x as { issues: { code: string; message: string }[] },
    );
    expect(e?.issues[0]).toMatchObject({
      code: 'dossier.rejected-rows',
      message: expect.stringMatching(/^2 of 7 rows cannot be used \(the descriptor allows 1\)/),
    });
    expect(e?.issues.slice(1).map((i) => i.code)).toEqual(['dossier.unknown-procedure', 'dossier.unknown-procedure']);
  });
});

describe('a procedure code written unquoted in a YAML catalogue', () => {
  it('is still refused when it lost its trailing zeros, and the rejection says why and how to write it', async () => {
    const dir = folder('yaml-number');
    writeFileSync(
      join(dir, 'hs.csv'),
      csv(
        ['Mã hồ sơ', 'Mã thủ tục', 'Ngày tiếp nhận', 'Ngày có kết quả', 'Trạng thái', 'Đơn vị tiếp nhận'],
        [
          ['A1', '1.004870', '01/04/2021', '02/04/2021', 'Đã giải quyết', 'X'],
          ['A2', '1.001193', '01/04/2021', '02/04/2021', 'Đã giải quyết', 'X'],
        ],
      ),
    );
    // Unquoted keys: YAML reads 1.004870 as the number 1.00487; 1.001193 survives the round trip.
    writeFileSync(
      join(dir, 'tthc.yaml'),
      'procedures:\n  1.004870: { field: Hộ tịch, mode: partial, time: 3 ngày }\n  1.001193: { field: Hộ tịch, mode: partial, time: 3 ngày }\n',
    );
    writeFileSync(
      join(dir, 'hs.source.yaml'),
      stringify({
        format: 'par-index/dossier-source@1',
        year: 2021,
        period: APRIL,
        records: 'hs.csv',
        procedures: 'tthc.yaml',
        units: { X: 'x' },
        source: 'Một cửa',
      }),
    );
    const { summary } = await summariseDescriptor(join(dir, 'hs.source.yaml'));
    expect(summary.rows).toMatchObject({ in: 2, used: 1, rejected: 1 });
    const r = summary.rejected[0]!;
    expect(r).toMatchObject({ row: 2, id: 'A1', code: 'dossier.unknown-procedure' });
    expect(r.message).toBe(
      'row 2 (A1): unknown procedure "1.004870": not in the procedure catalogue, which has "1.00487": a code written without quotes in YAML is read as a number and loses its trailing zeros; quote it ("1.004870")',
    );
    expect(r.messageVi).toMatch(/danh mục có "1\.00487": mã viết không có dấu nháy trong YAML bị đọc thành số .*\("1\.004870"\)$/);
    // Quoted, the code is found.
    writeFileSync(
      join(dir, 'tthc.yaml'),
      'procedures:\n  "1.004870": { field: Hộ tịch, mode: partial, time: 3 ngày }\n  "1.001193": { field: Hộ tịch, mode: partial, time: 3 ngày }\n',
    );
    expect((await summariseDescriptor(join(dir, 'hs.source.yaml'))).summary.rows).toMatchObject({ in: 2, used: 2, rejected: 0 });
  });
});

// ─── 2. In process, suspended, withdrawn, returned ──────────────────────────────────────────────────────────

describe("what is open at the period's end, and what was withdrawn or returned in it", () => {
  const HEADER = ['Mã hồ sơ', 'Ngày tiếp nhận', 'Thời hạn giải quyết', 'Ngày có kết quả', 'Trạng thái', 'Đơn vị tiếp nhận'];
  const A = 'UBND xã A';
  // Due dates (3 working days after receipt) worked out from the calendar above.
  const ROWS = [
    ['N1', '19/04/2021', '3 ngày', '', 'Đang xử lý', A], // due Fri 23/4
    ['O2', '13/04/2021', '3 ngày', '', 'Đang giải quyết', A], // due Fri 16/4
    ['N3', '22/04/2021', '3 ngày', '', 'Đang xử lý', A], // due Tue 27/4
    ['L4', '14/04/2021', '3 ngày', '26/04/2021', 'Đã giải quyết', A], // due Mon 19/4, resolved Mon 26/4
    ['L5', '22/04/2021', '3 ngày', '27/04/2021', 'Đã giải quyết', A], // due Tue 27/4, resolved Tue 27/4
    ['O6', '26/03/2021', '3 ngày', '', 'Đang xử lý', A], // received in March, due Wed 31/3
    ['S1', '12/04/2021', '3 ngày', '', 'Tạm dừng', 'UBND xã B'], // suspended, another unit
    ['S2', '26/04/2021', '3 ngày', '', 'Tạm dừng', A], // suspended, received Mon 26/4
    ['W1', '05/04/2021', '3 ngày', '07/04/2021', 'Rút hồ sơ', A], // withdrawn Wed 7/4
    ['W2', '06/04/2021', '3 ngày', '26/04/2021', 'Rút hồ sơ', A], // due Fri 9/4, withdrawn Mon 26/4
    ['W3', '22/03/2021', '3 ngày', '25/03/2021', 'Rút hồ sơ', A], // withdrawn in March
    ['R1', '08/04/2021', '3 ngày', '09/04/2021', 'Trả lại', A], // returned Fri 9/4
    ['R2', '26/04/2021', '3 ngày', '27/04/2021', 'Từ chối', A], // returned Tue 27/4
    ['R3', '30/03/2021', '3 ngày', '02/04/2021', 'Trả lại', A], // received in March, returned Fri 2/4
    ['D1', '01/04/2021', '3 ngày', '06/04/2021', 'Đã giải quyết', A], // due Tue 6/4, resolved on it
  ];
  const file = join(folder('stock'), 'ho-so.csv');
  writeFileSync(file, csv(HEADER, ROWS));
  const summarise = (period: { from: string; to: string }) => summariseRecordFiles([file], { calendar: cal, period, idLimit: Infinity });

  it('period 1–23/4: open at the end split into not yet due and overdue; withdrawn and returned only when closed inside', async () => {
    const s = await summarise({ from: '2021-04-01', to: '2021-04-23' });
    // Open at the end of Fri 23/4 (received by then, not finished by then):
    //   N1 due 23/4 (the last day itself: not yet overdue), N3 due 27/4, L5 due 27/4 (resolved only on 27/4) → not due;
    //   O2 due 16/4, L4 due 19/4 (resolved only on 26/4), O6 due 31/3 (received before the period), W2 due 9/4
    //   (withdrawn only on 26/4) → overdue. S1 is suspended, not in process. S2 is received after the end.
    expect(m(s, 'inProcess')).toEqual(ids('N1', 'N3', 'L5', 'O2', 'L4', 'O6', 'W2'));
    expect(m(s, 'inProcess.notDue')).toEqual(ids('N1', 'N3', 'L5'));
    expect(m(s, 'inProcess.overdue')).toEqual(ids('O2', 'L4', 'O6', 'W2'));
    expect(m(s, 'suspended')).toEqual(ids('S1'));
    // Closed in the period: W1 withdrawn 7/4; R1 returned 9/4, R3 returned 2/4 (received in March). W2 and R2
    // close after 23/4, W3 before 1/4.
    expect(m(s, 'withdrawn')).toEqual(ids('W1'));
    expect(m(s, 'returned')).toEqual(ids('R1', 'R3'));
    // Only D1 is resolved inside (on its due day); L4 and L5 are resolved after the end.
    expect(m(s, 'resolved')).toEqual(ids('D1'));
    expect(m(s, 'resolved.onTime')).toEqual(ids('D1'));
    // Received 1–23/4: everything but O6, W3, R3 (March) and S2, R2 (26/4).
    expect(m(s, 'received')).toEqual(ids('D1', 'W1', 'W2', 'R1', 'S1', 'O2', 'L4', 'N1', 'N3', 'L5'));
    // Per unit: S1 is the only dossier of xã B.
    expect(m(s, 'suspended', 'UBND xã B')).toEqual(ids('S1'));
    expect(m(s, 'received', 'UBND xã B')).toEqual(ids('S1'));
    expect(m(s, 'suspended', A).count).toBe(0);
    expect(m(s, 'inProcess', 'UBND xã B').count).toBe(0);
    expect(m(s, 'inProcess', A).count).toBe(7);
    // 15 rows, all valid; S2, W3 and R2 feed no measure of this period.
    expect(s.rows).toEqual({ in: 15, used: 15, rejected: 0, outsidePeriod: 3 });
    // The 766 index's 2.1: handled = resolved in the period + in process at its end (suspended S1 in neither);
    // in time = resolved early or on time (D1) + in process and not yet due (N1, N3, L5).
    expect(m(s, 'handled')).toEqual(ids('D1', 'N1', 'N3', 'L5', 'O2', 'L4', 'O6', 'W2'));
    expect(m(s, 'handled.inTime')).toEqual(ids('D1', 'N1', 'N3', 'L5'));
    expect(s.total.rates['handledInTimeRate']).toMatchObject({ numerator: 'handled.inTime', base: 'handled', num: 4, den: 8, value: 0.5 });
  });

  it('the 766 sums are counted again from their parts when periods are combined, not added', async () => {
    // 1–23/4 then 24–30/4: the stock at the end is the second period's, the resolved dossiers add up.
    const whole = await summarise(APRIL);
    const parts = combinePeriods(
      await summarise({ from: '2021-04-01', to: '2021-04-23' }),
      await summarise({ from: '2021-04-24', to: '2021-04-30' }),
    );
    // Resolved in April: D1, L4, L5 (L4 late); open at 30/4: N1, O2, N3, O6, all overdue.
    expect(m(whole, 'handled')).toEqual(ids('D1', 'L4', 'L5', 'N1', 'O2', 'N3', 'O6'));
    expect(m(whole, 'handled.inTime')).toEqual(ids('D1', 'L5'));
    for (const id of ['handled', 'handled.inTime']) expect(m(parts, id), id).toEqual(m(whole, id));
    // Added as flows, the first period's open dossiers would be counted twice (N1, N3, L5, O2, L4, O6, W2 + …).
    expect(m(parts, 'handled').count).toBeLessThan(
      m(await summarise({ from: '2021-04-01', to: '2021-04-23' }), 'handled').count +
        m(await summarise({ from: '2021-04-24', to: '2021-04-30' }), 'handled').count,
    );
  });

  it('period 1–30/4: the dossiers resolved, withdrawn or returned by then leave the stock and enter the flows', async () => {
    const s = await summarise(APRIL);
    // Still open at the end of 30/4: N1 (due 23/4), O2 (16/4), N3 (27/4), O6 (31/3): all overdue by then.
    expect(m(s, 'inProcess')).toEqual(ids('N1', 'O2', 'N3', 'O6'));
    expect(m(s, 'inProcess.overdue')).toEqual(ids('N1', 'O2', 'N3', 'O6'));
    expect(m(s, 'inProcess.notDue')).toEqual(ids());
    expect(m(s, 'suspended')).toEqual(ids('S1', 'S2'));
    expect(m(s, 'withdrawn')).toEqual(ids('W1', 'W2'));
    expect(m(s, 'returned')).toEqual(ids('R1', 'R2', 'R3'));
    // L4 (due 19/4, resolved 26/4) late; L5 (due 27/4, resolved 27/4) and D1 on time.
    expect(m(s, 'resolved.late')).toEqual(ids('L4'));
    expect(m(s, 'resolved.onTime')).toEqual(ids('D1', 'L5'));
    // Only W3 (received and withdrawn in March) falls outside.
    expect(s.rows).toEqual({ in: 15, used: 15, rejected: 0, outsidePeriod: 1 });
    expect(m(s, 'received').count).toBe(12);
  });

  it("a dossier in process is not due up to its due day at the period's end, overdue after it, and not counted before it is received", async () => {
    // N1 alone: received Mon 19/4, due Fri 23/4.
    const one = join(folder('one'), 'n1.csv');
    writeFileSync(one, csv(HEADER, [ROWS[0]!]));
    const at = async (to: string) => summariseRecordFiles([one], { calendar: cal, period: { from: '2021-04-01', to }, idLimit: Infinity });
    const before = await at('2021-04-18');
    expect(m(before, 'inProcess').count).toBe(0);
    expect(before.rows.outsidePeriod).toBe(1);
    for (const to of ['2021-04-19', '2021-04-22', '2021-04-23']) {
      const s = await at(to);
      expect(m(s, 'inProcess.notDue'), to).toEqual(ids('N1'));
      expect(m(s, 'inProcess.overdue').count, to).toBe(0);
    }
    // Mon 26/4, the next working day after the due day (and Sat 24/4 already): overdue.
    for (const to of ['2021-04-24', '2021-04-26']) {
      const s = await at(to);
      expect(m(s, 'inProcess.overdue'), to).toEqual(ids('N1'));
      expect(m(s, 'inProcess.notDue').count, to).toBe(0);
    }
  });
});

// ─── 3. A column-mapping file ────────────────────────────────────────────────────────────────────────────────

describe('a column-mapping file (par-index/dossier-columns@1) end to end', () => {
  // Headers no built-in name matches, and status and channel words the built-in tables do not know.
  const HEADER = ['Số phiếu', 'Nộp ngày', 'Hạn (ngày)', 'Xong ngày', 'Tình hình', 'Xã/phường', 'Nộp qua'];
  const ROWS = [
    ['K1', '01/04/2021', '3', '06/04/2021', 'Xong', 'Xã B', 'Cổng tỉnh'], // due Tue 6/4 → on time; online
    ['K2', '01/04/2021', '3', '07/04/2021', 'Xong', 'Xã B', 'Tại xã'], // due 6/4 → late
    ['K3', '20/04/2021', '3', '', 'Đang làm', 'Xã B', 'Tại xã'], // due Mon 26/4, open at 30/4 → overdue
    ['K4', '05/04/2021', '3', '08/04/2021', 'Dân rút', 'Xã B', 'Cổng tỉnh'], // withdrawn 8/4; online
    ['K5', '06/04/2021', '3', '07/04/2021', 'Xong', 'Xã C', 'Tại xã'], // due Fri 9/4 → early
  ];
  const MAPPING = {
    format: 'par-index/dossier-columns@1',
    columns: {
      id: 'Số phiếu',
      received: 'Nộp ngày',
      processingTime: 'Hạn (ngày)',
      resolved: 'Xong ngày',
      status: 'Tình hình',
      unit: 'Xã/phường',
      channel: 'Nộp qua',
    },
    values: {
      status: { Xong: 'resolved', 'Đang làm': 'in-process', 'Dân rút': 'withdrawn' },
      channel: { 'Cổng tỉnh': 'online', 'Tại xã': 'direct' },
    },
    dateFormat: 'dmy',
  };
  const base = folder('columns');
  // The mapping is kept outside the evidence folder (the docs say so), and named from the descriptor relatively.
  const mapDir = join(base, 'mappings');
  const evDir = join(base, 'evidence');
  mkdirSync(mapDir);
  mkdirSync(evDir);
  const mappingFile = join(mapDir, 'mot-cua-v2.yaml');
  writeFileSync(mappingFile, stringify(MAPPING));
  const records = join(evDir, 'so-lieu.csv');
  writeFileSync(records, csv(HEADER, ROWS));
  const descriptor = join(evDir, 'so-lieu.source.yaml');
  writeFileSync(
    descriptor,
    stringify({
      format: 'par-index/dossier-source@1',
      year: 2021,
      period: APRIL,
      records: 'so-lieu.csv',
      columns: '../mappings/mot-cua-v2.yaml',
      units: { 'Xã B': { id: 'xa-b', name: 'Xã B' }, 'Xã C': 'xa-c' },
      measures: {
        'dossiers.late': 'resolved.late',
        'dossiers.withdrawn': 'withdrawn',
        'dossiers.online': 'online',
        'dossiers.overdue': 'inProcess.overdue',
      },
      source: 'Một cửa huyện, kết xuất 30/04/2021',
    }),
  );

  it('reads the mapping file as written', () => {
    const map = readColumnMapping(mappingFile);
    expect(map.columns.id).toBe('Số phiếu');
    expect(map.values.status).toEqual({ Xong: 'resolved', 'Đang làm': 'in-process', 'Dân rút': 'withdrawn' });
    expect(map.dateFormat).toBe('dmy');
  });

  it('(a) through a descriptor whose columns: names the file, relative to the descriptor', async () => {
    const { summary } = await summariseDescriptor(descriptor, { idLimit: 100 });
    expect(summary.rows).toEqual({ in: 5, used: 5, rejected: 0, outsidePeriod: 0 });
    expect(Object.keys(summary.groups)).toEqual(['xa-b', 'xa-c']);
    // Xã B: K1 on time, K2 late, K3 open and overdue, K4 withdrawn ("Dân rút"); online: K1, K4 ("Cổng tỉnh").
    expect(m(summary, 'received', 'xa-b')).toEqual(ids('K1', 'K2', 'K3', 'K4'));
    expect(m(summary, 'resolved.onTime', 'xa-b')).toEqual(ids('K1'));
    expect(m(summary, 'resolved.late', 'xa-b')).toEqual(ids('K2'));
    expect(m(summary, 'inProcess.overdue', 'xa-b')).toEqual(ids('K3'));
    expect(m(summary, 'withdrawn', 'xa-b')).toEqual(ids('K4'));
    expect(m(summary, 'online', 'xa-b')).toEqual(ids('K1', 'K4'));
    // Xã C: K5 early, direct.
    expect(m(summary, 'resolved.early', 'xa-c')).toEqual(ids('K5'));
    expect(m(summary, 'online', 'xa-c').count).toBe(0);
    // The channel column was found through the mapping, so the online measure is available.
    expect(summary.unavailable.map((u) => u.measure)).not.toContain('online');
  });

  it('(a) the same descriptor read as evidence gives each unit the mapped measures, naming the dossiers', async () => {
    const ev = await readEvidenceSources(evDir, { readers: [dossierSource] });
    const b = ev.units.find((u) => u.id === 'xa-b')!.measures;
    const c = ev.units.find((u) => u.id === 'xa-c')!.measures;
    expect([b['dossiers.late']!.value, b['dossiers.withdrawn']!.value, b['dossiers.online']!.value, b['dossiers.overdue']!.value]).toEqual([
      1, 1, 2, 1,
    ]);
    expect(b['dossiers.late']!.source).toMatch(/so-lieu\.csv: 1 hồ sơ \(resolved\.late, 2021-04-01\.\.2021-04-30\); mã hồ sơ: K2$/);
    expect(b['dossiers.online']!.note).toBe('mã hồ sơ: K1, K4');
    expect(c['dossiers.late']!.value).toBe(0);
    expect(c['dossiers.late']!.note).toBe('không có hồ sơ');
  });

  describe('(b) through the command line: node dist/cli.js dossiers <csv> --columns <file>', () => {
    const cli = (...args: string[]) => {
      const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'dossiers', ...args, '--lang', 'en', '--quiet'], {
        encoding: 'utf8',
        cwd: tmp,
      });
      return { code: r.status, out: r.stdout, err: r.stderr };
    };
    const PERIOD_ARGS = ['--from', '01/04/2021', '--to', '30/04/2021'];

    it('prints the table with the counts worked out above and exits 0', () => {
      const r = cli(records, '--columns', mappingFile, ...PERIOD_ARGS);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      // Columns: received, resolved, early, on time, late, late without apology (no apology column: n/a), open not due,
      // open overdue, withdrawn, returned, online, post in, post out (no such column: n/a), in time %.
      // Xã B: 4 received, 2 resolved (K1 on time, K2 late), K3 overdue, K4 withdrawn, 2 online; 1 of 2 in time.
      expect(r.out).toMatch(/^Xã B\s+4\s+2\s+0\s+1\s+1\s+n\/a\s+0\s+1\s+1\s+0\s+2\s+0\s+n\/a\s+50\.00$/m);
      // Xã C: K5 received and resolved early: 1 of 1 in time.
      expect(r.out).toMatch(/^Xã C\s+1\s+1\s+1\s+0\s+0\s+n\/a\s+0\s+0\s+0\s+0\s+0\s+0\s+n\/a\s+100\.00$/m);
      // Total: 2 of 3 resolved in time = 66.67 %.
      expect(r.out).toMatch(/^Total\s+5\s+3\s+1\s+1\s+1\s+n\/a\s+0\s+1\s+1\s+0\s+2\s+0\s+n\/a\s+66\.67$/m);
      expect(r.out).toMatch(/resolved\.inTime ÷ resolved/);
      expect(r.out).toContain('Rows: 5 read = 5 used + 0 rejected; 0 valid rows fall outside the period.');
    });

    it('--format json carries the ids behind each measure', () => {
      const r = cli(records, '--columns', mappingFile, ...PERIOD_ARGS, '--format', 'json');
      expect(r.code).toBe(0);
      const s = JSON.parse(r.out) as DossierSummary;
      expect(s.period).toEqual(APRIL);
      expect(Object.keys(s.groups)).toEqual(['Xã B', 'Xã C']);
      expect(s.groups['Xã B']!.measures['withdrawn']).toMatchObject({ count: 1, ids: ['K4'] });
      expect(s.groups['Xã B']!.measures['inProcess.overdue']).toMatchObject({ count: 1, ids: ['K3'] });
      expect(s.total.measures['online']).toMatchObject({ count: 2, ids: ['K1', 'K4'] });
      expect(s.total.measures['resolved.early']).toMatchObject({ count: 1, ids: ['K5'] });
    });

    it('without --columns the same file is refused for its headers (exit 2)', () => {
      const r = cli(records, ...PERIOD_ARGS);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/no column for id/);
      // None of its headers is a known column: the first row is counted, not echoed (it may be data; issue 21).
      expect(r.err).toMatch(/not listed: the first row, \d+ cells, has none of the columns expected/);
    });

    it('a status word the mapping does not declare, and a date against its dateFormat, are rejected rows (exit 1)', () => {
      const bad = join(folder('columns-bad'), 'so-lieu-loi.csv');
      writeFileSync(
        bad,
        csv(HEADER, [
          ROWS[0]!, // row 2: fine
          ['K6', '06/04/2021', '3', '', 'Chờ ký', 'Xã B', 'Tại xã'], // row 3: "Chờ ký" is in neither table
          ['K7', '2021-04-06', '3', '', 'Đang làm', 'Xã B', 'Tại xã'], // row 4: ISO date, the mapping says dmy
        ]),
      );
      const r = cli(bad, '--columns', mappingFile, ...PERIOD_ARGS);
      expect(r.code).toBe(1);
      expect(r.out).toContain('Rows: 3 read = 1 used + 2 rejected');
      expect(r.out).toMatch(/\[dossier\.bad-value\] row 3 \(K6\): unknown status "Chờ ký"/);
      expect(r.out).toMatch(
        /\[dossier\.bad-date\] row 4 \(K7\): received date: "2021-04-06" is written yyyy-mm-dd; the column mapping declares dd\/mm\/yyyy/,
      );
    });
  });
});
