/**
 * Due dates over provisional or uncovered days: a warning naming the days and how to supply a calendar file, never
 * a crash and never a silent guess — through the calendar, the dossier summary, a descriptor with its own calendar
 * file, and the command (in-process and the built dist/cli.js). And the corrected 2025 calendar through the same
 * paths: a dossier received Friday 24/1/2025 with 10 working days is due Friday 14/2/2025 (3–7/2 and 10–14/2;
 * Saturday 8/2 is not a make-up day), where the old file said Thursday 13/2.
 * Every due date below is counted by hand from the published schedules (see tests/calendar/calendar-years.test.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadCalendar } from '../../src/calendar/calendar.js';
import { displayDue } from '../../src/calendar/working-calendar.js';
import { dayFromIso } from '../../src/calendar/dates.js';
import { ParIndexError } from '../../src/core/errors.js';
import { parseCsv } from '../../src/core/table.js';
import { main } from '../../src/cli/main.js';
import { summariseDescriptor } from '../../src/io/dossier-source.js';
import { summariseDossiers } from '../../src/measures/dossier-aggregator.js';
import type { DossierSummary } from '../../src/measures/summary-schema.js';
import { root } from '../support/paths.js';

const text = readFileSync(`${root}data/calendars/vn.yaml`, 'utf8');
const cal = loadCalendar(text, { file: 'data/calendars/vn.yaml' });
const tmp = mkdtempSync(join(tmpdir(), 'par-index-calendar-provisional-'));
const d = (iso: string) => ({ day: dayFromIso(iso)!, minute: undefined });
const days = (n: number) => ({ kind: 'days', days: n }) as const;

const HEADER = 'Mã hồ sơ,Ngày tiếp nhận,Thời hạn giải quyết,Ngày có kết quả,Trạng thái,Đơn vị tiếp nhận';
const summarise = (csv: string, period: { from: string; to: string }, calendar = cal): DossierSummary =>
  summariseDossiers([{ file: 'hs.csv', table: parseCsv(csv, { file: 'hs.csv' }) }], { calendar, period, idLimit: Infinity }).summary;

describe('the calendar: provisional and uncovered windows', () => {
  it('21/12/2026 + 10 working days is 5/1/2027 (1/1 off), with a calendar.provisional warning naming the days and how to supply a calendar', () => {
    // The old file ended on 31/12/2026: this due date could not be computed at all.
    const r = cal.dueChecked(d('2026-12-21'), days(10));
    expect(displayDue(r.due)).toBe('05/01/2027');
    expect(r.warning?.code).toBe('calendar.provisional');
    expect(r.warning?.severity).toBe('warning');
    expect(r.warning?.message).toContain('21/12/2026–05/01/2027');
    expect(r.warning?.message).toMatch(/2027 is provisional in calendar vn/);
    expect(r.warning?.message).toMatch(/--calendar FILE/);
    expect(r.warning?.message).toMatch(/docs\/calendar\.md/);
    expect(r.warning?.messageVi).toMatch(/năm 2027 trong lịch vn là tạm tính/);
    expect(r.warning?.file).toBe('data/calendars/vn.yaml');
  });

  it('names the assumed entries the window crosses: 3/2/2027 + 2 working days over Tết Đinh Mùi is 12/2/2027', () => {
    // 4/2–10/2 off (the placement assumption and its compensatory days): Thursday 11/2 and Friday 12/2.
    const r = cal.dueChecked(d('2027-02-03'), days(2));
    expect(displayDue(r.due)).toBe('12/02/2027');
    expect(r.warning?.message).toContain('Tết Nguyên đán Đinh Mùi 04/02/2027–08/02/2027');
    expect(r.warning?.message).toContain('Nghỉ bù Tết Nguyên đán Đinh Mùi');
  });

  it('no warning for a window of settled days', () => {
    const r = cal.dueChecked(d('2026-12-07'), days(5));
    expect(displayDue(r.due)).toBe('14/12/2026');
    expect(r.warning).toBeUndefined();
    expect(cal.checkWindow('2025-01-24', '2025-02-14')).toBeUndefined();
    expect(cal.fast.uncertain(dayFromIso('2026-12-31')!, dayFromIso('2026-12-31')!)).toBe(false);
    expect(cal.fast.uncertain(dayFromIso('2026-12-31')!, dayFromIso('2027-01-01')!)).toBe(true);
  });

  it('past the file: 20/12/2027 + 10 is 4/1/2028 on the statutory holidays (1/1/2028 a Saturday, 3/1 compensatory), with calendar.beyond-coverage', () => {
    const r = cal.dueChecked(d('2027-12-20'), days(10));
    expect(displayDue(r.due)).toBe('04/01/2028');
    expect(r.warning?.code).toBe('calendar.beyond-coverage');
    expect(r.warning?.message).toMatch(
      /days after 31\/12\/2027 are past calendar vn's last year and counted from the statutory holidays alone/,
    );
    expect(r.warning?.message).toContain('Nghỉ bù Tết Dương lịch (1/1 là thứ Bảy) 03/01/2028');
    expect(r.warning?.messageVi).toMatch(/chỉ tính theo ngày lễ do luật định/);
  });

  it('one provisional entry in a settled year warns for windows crossing it only', () => {
    const doc = parse(text) as { years: Record<string, { daysOff: { name: string; provisional?: boolean }[] }> };
    doc.years['2026']!.daysOff.find((e) => e.name === 'Quốc khánh')!.provisional = true;
    const c = loadCalendar(stringify(doc), { file: 'one-entry.yaml' });
    const w = c.checkWindow('2026-08-28', '2026-09-03');
    expect(w?.code).toBe('calendar.provisional');
    expect(w?.message).toContain('calendar vn marks days in it as provisional; assumed: Quốc khánh 01/09/2026–02/09/2026');
    expect(w?.message).not.toMatch(/2026 is provisional/);
    expect(c.checkWindow('2026-08-03', '2026-08-31')).toBeUndefined();
    expect(c.note('2026-09-01')).toMatchObject({ provisional: true, verified: false });
  });

  it('past the statutory extension: a typed calendar.out-of-range error, not a crash', () => {
    try {
      cal.dueChecked(d('2029-01-02'), days(1));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ParIndexError);
      expect((e as ParIndexError).issues[0]).toMatchObject({ code: 'calendar.out-of-range', file: 'data/calendars/vn.yaml' });
      expect((e as ParIndexError).issues[0]!.messageVi).toMatch(/cần bổ sung năm đó kèm căn cứ/);
    }
  });
});

describe('the dossier summary: warnings, not rejections', () => {
  const CSV = [
    HEADER,
    'A-1,21/12/2026,10 ngày,05/01/2027,Đã giải quyết,UBND xã A',
    'A-2,20/12/2027,10 ngày,,Đang xử lý,UBND xã A',
    'A-3,02/01/2029,10 ngày,,Đang xử lý,UBND xã A',
    'A-4,01/12/2026,5 ngày,08/12/2026,Đã giải quyết,UBND xã A',
    '',
  ].join('\n');

  it('counts the provisional and beyond-coverage rows with a warning each, and rejects only what no rule covers', () => {
    const s = summarise(CSV, { from: '2026-12-01', to: '2029-12-31' });
    expect(s.rows).toEqual({ in: 4, used: 3, rejected: 1, outsidePeriod: 0 });
    expect(s.warningsByCode).toEqual({ 'calendar.provisional': 1, 'calendar.beyond-coverage': 1 });
    const [w1, w2] = s.warnings;
    expect(w1).toMatchObject({ row: 2, id: 'A-1', code: 'calendar.provisional', column: 'Ngày tiếp nhận', file: 'hs.csv' });
    expect(w1!.message).toMatch(
      /^row 2 \(A-1\): due 05\/01\/2027 \(10 working day\(s\) after receipt\) counted over 21\/12\/2026–05\/01\/2027/,
    );
    expect(w1!.messageVi).toMatch(/^dòng 2 \(A-1\): hạn 05\/01\/2027/);
    expect(w2).toMatchObject({ row: 3, id: 'A-2', code: 'calendar.beyond-coverage' });
    expect(w2!.message).toContain('due 04/01/2028');
    // A-1 was resolved on its (provisional) due date: on time, and counted. A-4: Tuesday 1/12/2026 + 5 is Tuesday 8/12.
    expect(s.total.measures['resolved.onTime']!.ids).toEqual(['A-1', 'A-4']);
    expect(s.total.measures['resolved.early']!.ids).toEqual([]);
    expect(s.rejected[0]).toMatchObject({ row: 4, id: 'A-3', code: 'calendar.out-of-range' });
    expect(s.rejected[0]!.message).toMatch(/covers 2020-01-01 to 2027-12-31 \(and 2028-12-31 from the statutory holidays alone\)/);
    expect(s.rejected[0]!.message).toMatch(/--calendar FILE/);
  });

  it('a calendar file that settles 2027 silences the warning: the fix the message asks for works', () => {
    const own = parse(text) as { years: Record<string, { provisional?: boolean; daysOff: { provisional?: boolean }[] }> };
    own.years['2027']!.provisional = false;
    for (const e of own.years['2027']!.daysOff) delete e.provisional;
    const settled = loadCalendar(stringify(own), { file: 'my-calendar.yaml' });
    const s = summarise(CSV, { from: '2026-12-01', to: '2029-12-31' }, settled);
    expect(s.warningsByCode).toEqual({ 'calendar.beyond-coverage': 1 });
  });
});

describe('Tết 2025 corrected: received 24/1/2025, 10 working days, due Friday 14/2/2025', () => {
  const CSV = [
    `${HEADER},Ngày hẹn trả`,
    'T-1,24/01/2025,10 ngày,14/02/2025,Đã giải quyết,UBND xã A,14/02/2025',
    'T-2,24/01/2025,10 ngày,13/02/2025,Đã giải quyết,UBND xã A,',
    'T-3,24/01/2025,10 ngày,17/02/2025,Đã giải quyết,UBND xã A,',
    '',
  ].join('\n');
  const PERIOD = { from: '2025-01-01', to: '2025-12-31' };

  it("through the library: resolved on 14/2 on time, on 13/2 early, on 17/2 late; the export's due date 14/2 agrees", () => {
    expect(displayDue(cal.due(d('2025-01-24'), days(10)))).toBe('14/02/2025');
    const s = summarise(CSV, PERIOD);
    expect(s.rows).toEqual({ in: 3, used: 3, rejected: 0, outsidePeriod: 0 });
    expect(s.total.measures['resolved.onTime']!.ids).toEqual(['T-1']);
    expect(s.total.measures['resolved.early']!.ids).toEqual(['T-2']);
    expect(s.total.measures['resolved.late']!.ids).toEqual(['T-3']);
    // With the old make-up Saturday 8/2 the calendar said 13/2 and T-1's due date 14/2 was reported as a mismatch.
    expect(s.warningsByCode).toEqual({});
  });

  it('through the command (in-process): the same counts as JSON', async () => {
    const p = join(tmp, 'tet-2025.csv');
    writeFileSync(p, CSV);
    const out: string[] = [];
    const code = await main(['dossiers', p, '--from', '2025-01-01', '--to', '2025-12-31', '--format', 'json', '--quiet'], {
      out: (x) => out.push(x),
      err: () => {},
    });
    expect(code).toBe(0);
    const s = JSON.parse(out.join('\n')) as DossierSummary;
    expect([
      s.total.measures['resolved.early']!.ids,
      s.total.measures['resolved.onTime']!.ids,
      s.total.measures['resolved.late']!.ids,
    ]).toEqual([['T-2'], ['T-1'], ['T-3']]);
  });

  it('through the built command (node dist/cli.js): the same counts; a provisional row is listed under Warnings and exits 0', async () => {
    const p = join(tmp, 'tet-2025-dist.csv');
    writeFileSync(p, CSV);
    const run = promisify(execFile);
    const { stdout } = await run(
      process.execPath,
      [join(root, 'dist/cli.js'), 'dossiers', p, '--from', '2025-01-01', '--to', '2025-12-31', '--format', 'json', '--quiet'],
      { cwd: root },
    );
    const s = JSON.parse(stdout) as DossierSummary;
    expect([
      s.total.measures['resolved.early']!.ids,
      s.total.measures['resolved.onTime']!.ids,
      s.total.measures['resolved.late']!.ids,
    ]).toEqual([['T-2'], ['T-1'], ['T-3']]);
    const q = join(tmp, 'provisional-dist.csv');
    writeFileSync(q, `${HEADER}\nP-1,21/12/2026,10 ngày,05/01/2027,Đã giải quyết,UBND xã A\n`);
    const table = await run(
      process.execPath,
      [join(root, 'dist/cli.js'), 'dossiers', q, '--from', '2026-12-01', '--to', '2027-12-31', '--lang', 'en', '--quiet'],
      { cwd: root },
    );
    expect(table.stdout).toMatch(/Warnings \(calendar\.provisional: 1\):/);
    expect(table.stdout).toMatch(/row 2 \(P-1\): due 05\/01\/2027/);
  });
});

describe('a descriptor with its own calendar file', () => {
  it('reads "calendar: FILE" relative to the descriptor, and the warning names that file', async () => {
    const dir = mkdtempSync(join(tmp, 'desc-'));
    writeFileSync(join(dir, 'lich-tinh.yaml'), text);
    writeFileSync(join(dir, 'hs.csv'), `${HEADER}\nD-1,21/12/2026,10 ngày,05/01/2027,Đã giải quyết,UBND xã A\n`);
    writeFileSync(
      join(dir, 'hs.source.yaml'),
      stringify({
        format: 'par-index/dossier-source@1',
        year: 2026,
        period: { from: '2026-12-01', to: '2027-01-31' },
        calendar: 'lich-tinh.yaml',
        records: 'hs.csv',
        units: { 'UBND xã A': { id: 'xa-a', name: 'Xã A' } },
        source: 'kết xuất thử',
      }),
    );
    const { summary } = await summariseDescriptor(join(dir, 'hs.source.yaml'));
    expect(summary.warningsByCode).toEqual({ 'calendar.provisional': 1 });
    expect(summary.warnings[0]!.message).toMatch(/lich-tinh\.yaml/);
    expect(summary.total.measures['resolved.onTime']!.ids).toEqual(['D-1']);
  });
});
