/**
 * Aggregate tables (issue 20, items 4 and 9): numbers read in the table's declared format (12.000 is refused
 * without one), a part-whole gap reaches the score card as a warning, duplicate headers are refused unless picked
 * by position, and a column mapping names the unit column.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ParIndexError } from '../../src/core/errors.js';
import { NUMBER_FORMATS } from '../../src/core/numbers.js';
import { parseCsv } from '../../src/core/table.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { dossierSource } from '../../src/io/dossier-source.js';
import { readEvidenceSources } from '../../src/io/sources.js';
import { readAggregateTable } from '../../src/measures/aggregates.js';
import { explainText } from '../../src/report/explain.js';
import { makeSet } from '../support/support.js';

const tmp = mkdtempSync(join(tmpdir(), 'par-index-agg-'));
const set = makeSet([
  {
    id: '1',
    title: 'TTHC',
    max: 10,
    children: [
      { id: '1.1', title: 'Đúng hạn', max: 10, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'full' } },
    ],
  },
]);
const descriptor = (extra: Record<string, unknown> = {}) => ({
  format: 'par-index/dossier-source@1',
  year: 2021,
  period: { from: '2021-01-01', to: '2021-12-31' },
  aggregates: 'cong.csv',
  units: { 'Xã A': { id: 'xa-a', name: 'Xã A' } },
  measures: { onTime: 'resolved.inTime', resolved: 'resolved' },
  source: 'Cổng DVC tỉnh, 31/12/2021',
  ...extra,
});
async function read(csv: string, desc: Record<string, unknown> = descriptor()) {
  const dir = mkdtempSync(join(tmp, 'ev-'));
  writeFileSync(join(dir, 'cong.csv'), csv);
  writeFileSync(join(dir, 'cong.source.yaml'), stringify(desc));
  return readEvidenceSources(dir, { readers: [dossierSource] });
}
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => (e instanceof ParIndexError ? e.issues : e),
  );

describe('numbers in the table format its descriptor declares', () => {
  const csv = 'Đơn vị;Đã giải quyết;Trước hạn và đúng hạn\nXã A;12.000;11.500\n';
  it('12.000 in a ;-separated table is refused without a declaration, naming file, row, column and why', async () => {
    const issues = (await failure(read(csv))) as { code: string; message: string; messageVi: string }[];
    // (the table is then read by no descriptor: evidence.missing follows)
    expect(issues.slice(0, 2).map((i) => i.code)).toEqual(['number.ambiguous', 'number.ambiguous']);
    expect(issues[0]!.message).toMatch(
      /cong\.csv: row 2 \(Xã A\), column "Đã giải quyết": "12\.000" is not a count .*12\.000 with a decimal point, or 12000 with a thousands point; declare .*numbers: vi/,
    );
    expect(issues[0]!.messageVi).toMatch(/dòng 2 \(Xã A\), cột "Đã giải quyết": "12\.000" không phải số đếm/);
  });
  it('numbers: vi reads twelve thousand', async () => {
    const ev = await read(csv, descriptor({ numbers: 'vi' }));
    expect(ev.units[0]!.measures['resolved']!.value).toBe(12000);
    expect(ev.units[0]!.measures['onTime']!.value).toBe(11500);
  });
  it('1,5 is refused as a percentage without a declaration, and read with vi', () => {
    const t = parseCsv('Đơn vị;Đã giải quyết;Tỷ lệ (%)\nXã A;200;"1,5"\n');
    const rates = [{ column: 'Tỷ lệ (%)', numerator: ['resolved'], base: 'resolved', decimals: 2 }];
    expect(readAggregateTable(t, rates, 'x.csv').issues.map((i) => i.code)).toEqual(['number.ambiguous']);
    const ok = readAggregateTable(t, rates, 'x.csv', { numbers: NUMBER_FORMATS.vi });
    expect(ok.rows[0]!.percents[0]!.value).toBe(1.5);
  });
  it('unambiguous forms read as before', () => {
    const t = parseCsv('Đơn vị,Đã giải quyết,Tỷ lệ (%)\nXã A,430,97.70\n');
    const r = readAggregateTable(t, [{ column: 'Tỷ lệ (%)', numerator: ['resolved'], base: 'resolved', decimals: 2 }], 'x.csv');
    expect(r.issues).toEqual([]);
    expect(r.rows[0]).toMatchObject({ counts: { resolved: 430 }, percents: [{ value: 97.7 }] });
  });
});

describe('a part-whole gap is a warning on the card', () => {
  it('score, explain: early + on time + late ≠ resolved is shown, not only noted', async () => {
    const ev = await read('Đơn vị,Đã giải quyết,Trước hạn,Đúng hạn,Trễ hạn,Trước hạn và đúng hạn\nXã A,430,120,300,5,420\n');
    const [card] = evaluate(set, ev);
    expect(card!.warnings.map((w) => w.code)).toContain('dossier.aggregate-gap');
    const w = card!.warnings.find((x) => x.code === 'dossier.aggregate-gap')!;
    expect(w.message).toBe('cong.csv: row 2 (Xã A): early 120 + on time 300 + late 5 = 425, but resolved = 430 (gap 5)');
    expect(w.unit).toBe('xa-a');
    const text = explainText(card!, 'en');
    expect(text).toMatch(/gap 5/);
    expect(text).not.toMatch(/No warnings/);
  });
  it('a table that adds up carries no warning, and its evidence keeps its shape', async () => {
    const ev = await read('Đơn vị,Đã giải quyết,Trước hạn,Đúng hạn,Trễ hạn,Trước hạn và đúng hạn\nXã A,425,120,300,5,420\n');
    expect(ev.units[0]!.warnings).toBeUndefined();
    expect(evaluate(set, ev)[0]!.warnings).toEqual([]);
  });
});

describe('columns of an aggregate table', () => {
  it('several columns headed "%" are refused as ambiguous; "#N" picks one by position', async () => {
    const csv = 'Đơn vị,Đã giải quyết,Trước hạn và đúng hạn,%,%\nXã A,400,360,90.00,10.00\n';
    const rate = { numerator: ['resolved.inTime'], base: 'resolved' };
    const issues = (await failure(read(csv, descriptor({ rates: [{ column: '%', ...rate }] })))) as { code: string; message: string }[];
    expect(issues[0]!.code).toBe('table.duplicate-column');
    expect(issues[0]!.message).toMatch(
      /2 columns are headed "%" \(columns 4, 5\): it is ambiguous which one to read; pick one by its position .*"#4"/,
    );
    const ev = await read(csv, descriptor({ rates: [{ column: '#4', ...rate }] }));
    expect(ev.units[0]!.warnings).toBeUndefined();
    const wrong = await read(csv, descriptor({ rates: [{ column: '#5', ...rate }] }));
    expect(wrong.units[0]!.warnings?.map((w) => w.code)).toEqual(['dossier.aggregate-rate']);
  });
  it('two count columns with the same header are refused', async () => {
    const issues = (await failure(read('Đơn vị,Đã giải quyết,Đã giải quyết\nXã A,1,2\n'))) as { code: string }[];
    expect(issues[0]!.code).toBe('table.duplicate-column');
  });
  it.each(['Tỉnh/thành phố', 'Mức độ'])('columns: { unit: "%s" } names the unit column, as for records', async (h) => {
    const csv = `${h},Đã giải quyết,Trước hạn và đúng hạn\nXã A,10,9\n`;
    expect(((await failure(read(csv))) as { code: string }[])[0]!.code).toBe('dossier.bad-header');
    const ev = await read(csv, descriptor({ columns: { columns: { unit: h } } }));
    expect(ev.units[0]!.measures['resolved']!.value).toBe(10);
  });
});
