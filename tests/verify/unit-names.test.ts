/** Verify (issue 20, item 3): a printed unit name differing in a tone mark is a discrepancy, never a match. */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/table.js';
import { loadEvidence } from '../../src/evidence/load.js';
import { decisionFromTable } from '../../src/verify/decision-table.js';
import { verifyDecision } from '../../src/verify/verify.js';
import { makeSet } from '../support/support.js';

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
const evidence = loadEvidence({
  data: {
    format: 'par-index/evidence@1',
    year: 2021,
    source: 'Một cửa',
    units: [
      { id: 'tan-hoa', name: 'Tân Hòa', measures: { onTime: 9, resolved: 10 } },
      { id: 'an-binh', name: 'An Bình', measures: { onTime: 5, resolved: 10 } },
    ],
  },
});
const decide = (csv: string) =>
  verifyDecision(decisionFromTable(parseCsv(csv, { file: 'qd.csv' }), { format: 'par-index/published@1' }, { file: 'qd.csv' }), {
    set,
    evidence,
  });

describe('unit names in a published decision', () => {
  it('the same names (any case, with the prefix) verify clean', () => {
    const r = decide('STT,Đơn vị,Tổng điểm,Xếp hạng\n1,Xã Tân Hòa,"9,00",1\n2,xã an bình,"5,00",2\n');
    expect(r.discrepancies.map((d) => d.kind)).toEqual([]);
  });
  it('"Tân Hóa" printed for the unit "Tân Hòa" is a discrepancy that names the near match', () => {
    const r = decide('STT,Đơn vị,Tổng điểm,Xếp hạng\n1,Xã Tân Hóa,"9,00",1\n2,Xã An Bình,"5,00",2\n');
    expect(r.discrepancies.map((d) => [d.kind, d.unit])).toEqual(
      expect.arrayContaining([
        ['unit-not-recomputed', 'Xã Tân Hóa'],
        ['unit-not-published', 'Tân Hòa'],
      ]),
    );
    const d = r.discrepancies.find((x) => x.kind === 'unit-not-recomputed')!;
    expect(d.message).toMatch(/the evidence has "Tân Hòa" \(tan-hoa\): the name differs in its diacritics/);
    expect(d.messageVi).toMatch(/tên khác dấu/);
  });
  it('with the unit id printed, the row is compared, and the name differing in a tone mark is reported', () => {
    const r = decide('STT,Mã đơn vị,Đơn vị,Tổng điểm,Xếp hạng\n1,tan-hoa,Xã Tân Hóa,"9,00",1\n2,an-binh,Xã An Bình,"5,00",2\n');
    expect(r.discrepancies.map((d) => [d.kind, d.unit, d.published, d.expected])).toEqual([
      ['unit-name-differs', 'Xã Tân Hóa', 'Xã Tân Hóa', 'Tân Hòa'],
    ]);
  });
});
