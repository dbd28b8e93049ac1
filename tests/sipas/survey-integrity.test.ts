/**
 * No silent wrong score (issue 20): responses that would be counted wrongly without a word are refused or
 * rejected, each with the file, the row and what was expected — unit codes compared exactly (after NFC, never
 * with diacritics folded), rows with missing or extra cells, duplicate respondent ids.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/table.js';
import { loadQuestionnaire } from '../../src/sipas/questionnaire.js';
import { NUMBER_FORMATS } from '../../src/core/numbers.js';
import { importResponses } from '../../src/sipas/responses.js';
import { issuesOf } from '../support/support.js';

const doc = {
  format: 'par-index/questionnaire@1',
  id: 'test.integrity',
  version: '1',
  title: 'Phiếu thử',
  issuer: 'Thử',
  decision: { number: '1/QĐ', date: '2023-01-02' },
  years: [2023],
  status: 'illustrative',
  scales: {
    hl5: {
      title: 'Hài lòng',
      levels: [1, 2, 3, 4, 5].map((c) => ({ code: c, label: `Mức ${c}` })),
      satisfied: { codes: [4, 5], legal: 'unverified' },
    },
  },
  groups: [{ id: 'g1', part: 'services', kind: 'factor', title: 'Yếu tố 1' }],
  items: [
    { id: 'a1', group: 'g1', measure: 'satisfaction', scale: 'hl5', text: 'A1', wording: 'illustrative' },
    { id: 'a2', group: 'g1', measure: 'satisfaction', scale: 'hl5', text: 'A2', wording: 'illustrative' },
  ],
  options: {
    noOpinion: { treatment: 'exclude', legal: 'unverified' },
    group: { method: 'mean-of-items', legal: 'unverified' },
    part: { method: 'mean-of-groups', legal: 'unverified' },
    overall: { method: 'services', legal: 'unverified' },
    rounding: { stage: 'overall', precision: 2, mode: 'half-up', legal: 'unverified' },
  },
};
const q = loadQuestionnaire(doc, { file: 'q.yaml' });

const NFC = 'Tân Hòa'.normalize('NFC');
const NFD = 'Tân Hòa'.normalize('NFD');

describe('unit codes compare exactly after NFC, never with diacritics folded', () => {
  const units = [
    { id: 'tan-hoa', codes: ['Tân Hòa'] },
    { id: 'tan-hoa-2', codes: ['Tân Hóa'] },
  ];

  it('"Tân Hòa" and "Tân Hóa" are two units: each row goes to its own', () => {
    const csv = `phieu,don vi,a1,a2\n1,Tân Hòa,5,5\n2,Tân Hóa,1,1\n3,Tân Hóa,2,2\n`;
    const { tally, report } = importResponses(q, parseCsv(csv), { file: 'r.csv', units });
    expect(report.rowsRejected).toBe(0);
    expect(tally.units['tan-hoa']!.respondents).toBe(1);
    expect(tally.units['tan-hoa-2']!.respondents).toBe(2);
  });

  it('a declared list whose codes coincide after NFC is refused, naming both units', () => {
    const issues = issuesOf(() =>
      importResponses(q, parseCsv('don vi,a1,a2\nX,1,1\n'), {
        file: 'r.csv',
        units: [
          { id: 'a', codes: [NFC] },
          { id: 'b', codes: [NFD] },
        ],
      }),
    );
    expect(issues[0]).toMatchObject({ code: 'sipas.duplicate-unit-code', file: 'r.csv' });
    expect(issues[0]!.message).toMatch(/"a".*"b"|"b".*"a"/);
  });

  it('a spelling that matches only with diacritics folded is rejected, with the unit it may mean', () => {
    const csv = `don vi,a1,a2\nTan Hoa,5,5\ntân hòa,5,5\n`;
    const { tally, report } = importResponses(q, parseCsv(csv), { file: 'r.csv', units: [{ id: 'tan-hoa', codes: ['Tân Hòa'] }] });
    expect(tally.units['tan-hoa']).toBeUndefined();
    expect(report.rejectedRows).toEqual([2, 3]);
    expect(report.issues[0]).toMatchObject({ code: 'sipas.unknown-unit', file: 'r.csv', path: ['row', 2, 'don vi'] });
    expect(report.issues[0]!.message).toMatch(/did you mean "Tân Hòa" \(tan-hoa\)/);
    expect(report.issues[0]!.messageVi).toMatch(/có phải "Tân Hòa" \(tan-hoa\)/);
  });

  it('NFD and NFC spellings of one name are the same unit, declared or not', () => {
    const csv = `don vi,a1,a2\n${NFC},5,5\n${NFD},4,4\n`;
    const undeclared = importResponses(q, parseCsv(csv), { file: 'r.csv' });
    expect(Object.keys(undeclared.tally.units)).toEqual([NFC]);
    expect(undeclared.tally.units[NFC]!.respondents).toBe(2);
    const declared = importResponses(q, parseCsv(csv), { file: 'r.csv', units: [{ id: 'tan-hoa', codes: [NFD] }] });
    expect(declared.tally.units['tan-hoa']!.respondents).toBe(2);
  });
});

describe('rows with missing or extra cells are rejected', () => {
  it('names the file, the row and the expected and actual number of cells', () => {
    const csv = 'phieu,don vi,a1,a2\n1,x,5,5\n2,x,5\n3,x,5,5,4\n4,x,4,4\n';
    const { tally, report } = importResponses(q, parseCsv(csv, { file: 'r.csv' }), { file: 'r.csv' });
    expect(report).toMatchObject({ rowsIn: 4, rowsUsed: 2, rowsRejected: 2, rejectedRows: [3, 4] });
    expect(tally.units['x']!.respondents).toBe(2);
    expect(report.issues.map((i) => i.code)).toEqual(['sipas.row-cells', 'sipas.row-cells']);
    expect(report.issues[0]).toMatchObject({ file: 'r.csv', path: ['row', 3] });
    expect(report.issues[0]!.message).toBe('row 3: expected 4 cells (one per column of the header), found 3');
    expect(report.issues[0]!.messageVi).toBe('dòng 3: cần 4 ô (mỗi cột của dòng tiêu đề một ô), có 3');
    expect(report.issues[1]!.message).toBe('row 4: expected 4 cells (one per column of the header), found 5');
  });
});

describe('duplicate respondent ids are rejected', () => {
  it('names both rows and the file; the first row is counted once', () => {
    const csv = 'phieu,don vi,a1,a2\nP1,x,5,5\nP2,x,1,1\nP1,x,5,5\n';
    const { tally, report } = importResponses(q, parseCsv(csv), { file: 'r.csv' });
    expect(report).toMatchObject({ rowsIn: 3, rowsUsed: 2, rowsRejected: 1, rejectedRows: [4] });
    expect(tally.units['x']!.respondents).toBe(2);
    expect(report.issues[0]).toMatchObject({ code: 'sipas.duplicate-respondent', file: 'r.csv', path: ['row', 4, 'phieu'] });
    expect(report.issues[0]!.message).toBe('row 4: respondent "P1" of unit "x" is already at row 2 of r.csv: a respondent is counted once');
    expect(report.issues[0]!.messageVi).toBe('dòng 4: phiếu "P1" của đơn vị "x" đã có ở dòng 2 của r.csv: mỗi phiếu chỉ tính một lần');
  });

  it('a rejected row does not claim its id, and ids are per unit (forms are often numbered per commune)', () => {
    const csv = 'phieu,don vi,a1,a2\nP1,x,8,5\nP1,x,5,5\nP1,y,5,5\n';
    const { tally, report } = importResponses(q, parseCsv(csv), { file: 'r.csv' });
    expect(report.rejectedRows).toEqual([2]);
    expect(report.issues.map((i) => i.code)).toEqual(['sipas.answer-out-of-scale']);
    expect(tally.units['x']!.respondents).toBe(1);
    expect(tally.units['y']!.respondents).toBe(1);
  });
});

describe('weights are read as the table writes numbers, never guessed', () => {
  const qw = loadQuestionnaire(
    { ...doc, options: { ...doc.options, weights: { use: true, decimals: 3, legal: 'unverified' } } },
    { file: 'qw.yaml' },
  );
  const csv = (w: string) => `don vi,w,a1,a2\nx,"${w}",5,5\n`;
  const weightOf = (w: string, numbers?: (typeof NUMBER_FORMATS)['vi']) =>
    importResponses(qw, parseCsv(csv(w)), { file: 'r.csv', ...(numbers ? { numbers } : {}) });

  it('without a declared format, "1.250" and "1,5" are refused as ambiguous, naming the row and both readings', () => {
    const { tally, report } = weightOf('1.250');
    expect(report).toMatchObject({ rowsUsed: 0, rowsRejected: 1, rejectedRows: [2] });
    expect(tally.units['x']).toBeUndefined();
    expect(report.issues.map((i) => [i.code, i.path])).toEqual([['number.ambiguous', ['row', 2, 'w']]]);
    expect(report.issues[0]!.message).toMatch(/^row 2: weight "1\.250" is ambiguous: 1\.250 with a decimal point, or 1250/);
    expect(report.issues[0]!.messageVi).toMatch(/^dòng 2: trọng số "1\.250" không rõ nghĩa/);
    expect(weightOf('1,5').report.issues.map((i) => i.code)).toEqual(['number.ambiguous']);
  });

  it('without a declaration, forms only one format can mean still read: "1.25", "0.125", "3"', () => {
    expect(weightOf('1.25').tally.units['x']!.weight).toBe('1250');
    expect(weightOf('0.125').tally.units['x']!.weight).toBe('125');
    expect(weightOf('3').tally.units['x']!.weight).toBe('3000');
  });

  it('declared vi: "1.250" is one thousand two hundred and fifty, "1,25" one and a quarter', () => {
    expect(weightOf('1.250', NUMBER_FORMATS.vi).tally.units['x']!.weight).toBe('1250000');
    expect(weightOf('1,25', NUMBER_FORMATS.vi).tally.units['x']!.weight).toBe('1250');
    expect(weightOf('1.234,5', NUMBER_FORMATS.vi).tally.units['x']!.weight).toBe('1234500');
  });

  it('declared en: "1,250.5" reads with its grouping; a vi-only form is not a number there', () => {
    expect(weightOf('1,250.5', NUMBER_FORMATS.en).tally.units['x']!.weight).toBe('1250500');
    const { report } = weightOf('1,25', NUMBER_FORMATS.en);
    expect(report.issues.map((i) => i.code)).toEqual(['sipas.bad-weight']);
  });
});
