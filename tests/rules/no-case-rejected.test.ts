/**
 * "No case arose" (a base of 0) is never said silently when rows of the unit were rejected: a unit whose rows were
 * all rejected used to get full points with no word. The score card carries a warning naming the rejected rows
 * (count, first rows and reasons), which `score`, `explain` and the reports show like any other warning.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { evaluate } from '../../src/engine/evaluate.js';
import { readEvidenceSources } from '../../src/io/sources.js';
import { dossierSource } from '../../src/io/dossier-source.js';
import { explainText } from '../../src/report/explain.js';
import { makeSet, pts, scoreLeaf } from '../support/support.js';

const rejected = {
  count: 2,
  rows: [
    {
      file: 'ho-so.csv',
      row: 5,
      message: 'row 5 (B1): received date: "32/03/2021" is not an existing date',
      messageVi: 'dòng 5 (B1): ngày tiếp nhận: "32/03/2021" không phải ngày có thật',
    },
    {
      file: 'ho-so.csv',
      row: 6,
      message: 'row 6 (B2): received date: "33/03/2021" is not an existing date',
      messageVi: 'dòng 6 (B2): ngày tiếp nhận: "33/03/2021" không phải ngày có thật',
    },
  ],
};
const leaf = (policy: string, extra: Record<string, unknown> = {}) => ({
  max: 10,
  rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: policy, ...extra },
});

describe('a base of 0 with rejected rows behind it', () => {
  it('full points under "full", with a warning naming the rows and their reasons', () => {
    const c = scoreLeaf(leaf('full'), {
      measures: { onTime: { value: 0, source: 'Một cửa', rejected }, resolved: { value: 0, source: 'Một cửa', rejected } },
    });
    expect(pts(c, '1.1')).toBe(10);
    const w = c.warnings.filter((x) => x.code === 'eval.base-zero-rejected-rows');
    expect(w).toHaveLength(1);
    expect(w[0]!.node).toBe('1.1');
    expect(w[0]!.message).toMatch(/the base \(resolved\) is 0 and is scored as "no case arose", but 2 row\(s\) of this unit were rejected/);
    expect(w[0]!.message).toMatch(/ho-so\.csv row 5 \(B1\): received date: "32\/03\/2021" is not an existing date; ho-so\.csv row 6/);
    expect(w[0]!.messageVi).toMatch(/không phát sinh", nhưng 2 dòng của đơn vị này bị loại/);
  });

  it('under every policy', () => {
    for (const p of ['zero', 'not-applicable']) {
      const c = scoreLeaf(leaf(p), { measures: { onTime: 0, resolved: { value: 0, source: 'Một cửa', rejected } } });
      expect(c.warnings.map((x) => x.code)).toContain('eval.base-zero-rejected-rows');
    }
  });

  it('no warning when nothing was rejected', () => {
    const c = scoreLeaf(leaf('full'), { measures: { onTime: 0, resolved: 0 } });
    expect(pts(c, '1.1')).toBe(10);
    expect(c.warnings.map((x) => x.code)).not.toContain('eval.base-zero-rejected-rows');
  });
});

describe('from a one-stop export through its descriptor', () => {
  it("a unit whose rows were all rejected gets full points with a warning, in the card and in explain's text", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'par-index-no-case-'));
    const header = 'Mã hồ sơ,Ngày tiếp nhận,Thời hạn giải quyết,Ngày có kết quả,Trạng thái,Đơn vị tiếp nhận';
    writeFileSync(
      join(dir, 'ho-so.csv'),
      [
        header,
        'A1,01/03/2021,5 ngày,02/03/2021,Đã giải quyết,UBND xã A',
        'A2,01/03/2021,5 ngày,03/03/2021,Đã giải quyết,UBND xã A',
        'B1,32/03/2021,5 ngày,02/04/2021,Đã giải quyết,UBND xã B',
        'B2,01/04/2021,-5 ngày,02/04/2021,Đã giải quyết,UBND xã B',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'ho-so.source.yaml'),
      stringify({
        format: 'par-index/dossier-source@1',
        year: 2021,
        period: { from: '2021-01-01', to: '2021-12-31' },
        records: 'ho-so.csv',
        units: { 'UBND xã A': { id: 'a', name: 'Xã A' }, 'UBND xã B': { id: 'b', name: 'Xã B' } },
        measures: { onTime: 'resolved.inTime', resolved: 'resolved' },
        source: 'Một cửa điện tử, kết xuất 31/12/2021',
        allowRejected: 5,
      }),
    );
    const ev = await readEvidenceSources(dir, { readers: [dossierSource] });
    const set = makeSet([{ id: '1', title: 'Lĩnh vực 1', max: 10, children: [{ id: '1.1', title: 'Tiêu chí 1.1', ...leaf('full') }] }]);
    const cards = evaluate(set, ev, { trace: true });
    const a = cards.find((c) => c.unit.id === 'a')!;
    const b = cards.find((c) => c.unit.id === 'b')!;
    expect(pts(a, '1.1')).toBe(10);
    expect(a.warnings.map((w) => w.code)).not.toContain('eval.base-zero-rejected-rows');
    expect(pts(b, '1.1')).toBe(10);
    const w = b.warnings.find((x) => x.code === 'eval.base-zero-rejected-rows');
    expect(w?.message).toMatch(/2 row\(s\) of this unit were rejected from the export: \S*ho-so\.csv row 4 \(B1\): received date/);
    expect(w?.message).toMatch(/ho-so\.csv row 5 \(B2\): processing time "-5 ngày" has a sign/);
    expect(explainText(b, 'en')).toMatch(/eval\.base-zero-rejected-rows|rows? of this unit were rejected/);
  });
});
