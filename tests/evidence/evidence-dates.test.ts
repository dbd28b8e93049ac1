/** A date written dd/mm/yyyy in an evidence file: one message that names the format and gives the ISO form. */
import { describe, expect, it } from 'vitest';
import { ParIndexError } from '../../src/core/errors.js';
import { loadEvidence } from '../../src/evidence/load.js';

const doc = (done: string) => `format: par-index/evidence@1
year: 2021
source: "Báo cáo CCHC năm 2021"
units:
  - id: lac-dao
    name: Xã Lạc Đạo
    tasks:
      ke-hoach: { done: ${done} }
`;

function issuesOf(text: string) {
  try {
    loadEvidence({ data: text, file: 'lac-dao.yaml' });
  } catch (e) {
    if (e instanceof ParIndexError) return e.issues;
    throw e;
  }
  return [];
}

describe('dates in evidence files', () => {
  it('a dd/mm/yyyy date gets one message naming the format and suggesting the ISO form', () => {
    const is = issuesOf(doc('08/02/2021'));
    expect(is).toHaveLength(1);
    expect(is[0]).toMatchObject({ code: 'schema.invalid-date', file: 'lac-dao.yaml' });
    expect(is[0]!.message).toMatch(/"08\/02\/2021" is written dd\/mm\/yyyy: write it as YYYY-MM-DD, 2021-02-08/);
    expect(is[0]!.messageVi).toMatch(/"08\/02\/2021" là ngày viết theo kiểu dd\/mm\/yyyy: cần ghi ngày dạng YYYY-MM-DD, 2021-02-08/);
  });
  it('a day that does not exist, written either way, gets one message', () => {
    expect(issuesOf(doc('31/02/2021'))).toHaveLength(1);
    expect(issuesOf(doc('2021-02-31'))).toHaveLength(1);
    expect(issuesOf(doc('"2021-2-8"'))).toHaveLength(1);
  });
  it('an ISO date is read', () => {
    expect(issuesOf(doc('2021-02-08'))).toEqual([]);
  });
});
