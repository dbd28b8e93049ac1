/** Ranking a published table (unit and index or total, as a province prints it) under the tie rules. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParIndexError } from '../../src/core/errors.js';
import { parseCsv } from '../../src/core/table.js';
import { readPublishedDecision } from '../../src/io/verify-files.js';
import { renderPublishedRanking, renderPublishedRankingCsv } from '../../src/report/published-ranking.js';
import { decisionFromRecords, decisionFromTable } from '../../src/verify/decision-table.js';
import { rankPublished } from '../../src/verify/rank-published.js';

const table = (csv: string) =>
  decisionFromTable(parseCsv(csv, { file: 'xep-hang.csv' }), { format: 'par-index/published@1' }, { file: 'xep-hang.csv' });
const issuesOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ParIndexError) return e.issues;
    throw e;
  }
  throw new Error('no error');
};
// Cường is printed before Bình: the published order and the order of names disagree, so each rule shows.
const LIST = 'STT;Đơn vị;Chỉ số (%);Xếp hạng\n1;Xã An;80,00;1\n2;Xã Cường;70,00;2\n3;Xã Bình;70,00;2\n4;Xã Dương;;\n5;Xã Đông;50,00;4\n';
const places = (r: ReturnType<typeof rankPublished>) => r.rows.map((x) => `${x.unit} ${x.rankOf ?? '—'}`);

describe('rankPublished: the tie rules on a printed list', () => {
  it('competition: tied units share a rank and the next skips; a unit without an index is kept, last, unranked', () => {
    const r = rankPublished(table(LIST));
    // 80 > 70 = 70 > 50: ranks 1, 2, 2, then 4 (two units hold rank 2); 4 units have an index, so N = 4.
    // Bình and Cường are listed by unit id (the name), Dương (empty cell) last with no rank.
    expect(places(r)).toEqual(['Xã An 1/4', 'Xã Bình 2/4', 'Xã Cường 2/4', 'Xã Đông 4/4', 'Xã Dương —']);
    expect(r.by).toBe('index');
    expect(r.notes.map((n) => n.en)).toEqual(['Xã Dương (row 5): no index, not ranked.']);
    expect(r.rows[0]!.printedRank?.text).toBe('1');
  });

  it('dense: the rank after a tie follows it', () => {
    // 80, 70, 70, 50 → 1, 2, 2, 3.
    expect(places(rankPublished(table(LIST), { method: 'dense' })).slice(0, 4)).toEqual([
      'Xã An 1/4',
      'Xã Bình 2/4',
      'Xã Cường 2/4',
      'Xã Đông 3/4',
    ]);
  });

  it('ordinal: ties beyond the keys go by unit id, or by the published order when asked', () => {
    // Without the published order: "bình" < "cường", so Bình 2, Cường 3.
    expect(places(rankPublished(table(LIST), { method: 'ordinal' })).slice(1, 3)).toEqual(['Xã Bình 2/4', 'Xã Cường 3/4']);
    // With it: Cường is printed on row 3, Bình on row 4, so Cường 2, Bình 3.
    expect(places(rankPublished(table(LIST), { method: 'ordinal' }, { publishedOrder: true })).slice(1, 3)).toEqual([
      'Xã Cường 2/4',
      'Xã Bình 3/4',
    ]);
  });

  it('the published order as a tie-break key under competition separates the tie: 1, 2, 3, 4', () => {
    const r = rankPublished(table(LIST), {}, { publishedOrder: true });
    expect(places(r).slice(0, 4)).toEqual(['Xã An 1/4', 'Xã Cường 2/4', 'Xã Bình 3/4', 'Xã Đông 4/4']);
    expect(r.rule.publishedOrder).toBe(true);
  });

  it('declared keys come before the published order: a printed field, then the name', () => {
    const csv = 'Đơn vị;1. Chỉ đạo;Chỉ số (%)\nXã An;5,00;70,00\nXã Bình;7,00;70,00\nXã Cường;7,00;70,00\n';
    // Field 1: Bình and Cường 7 > An 5, so An is third; Bình and Cường stay tied on field 1 (competition: 1, 1, 3).
    expect(places(rankPublished(table(csv), { tieBreak: [{ by: 'node', id: '1' }] }))).toEqual([
      'Xã Bình 1/3',
      'Xã Cường 1/3',
      'Xã An 3/3',
    ]);
    // Then the name: Bình before Cường.
    expect(places(rankPublished(table(csv), { tieBreak: [{ by: 'node', id: '1' }, { by: 'name' }] }))).toEqual([
      'Xã Bình 1/3',
      'Xã Cường 2/3',
      'Xã An 3/3',
    ]);
    // Fewer points first with order asc: An 5 < 7, An first.
    expect(places(rankPublished(table(csv), { tieBreak: [{ by: 'node', id: '1', order: 'asc' }] }))[0]).toBe('Xã An 1/3');
  });

  it('ranks by the total when the table prints no index, with English headers', () => {
    const csv = 'Unit,Total\nXã An,"61,5"\nXã Bình,"72,25"\nXã Cường,"61,5"\n';
    // 72.25 > 61.5 = 61.5: 1, 2, 2.
    const r = rankPublished(table(csv));
    expect(r.by).toBe('total');
    expect(places(r)).toEqual(['Xã Bình 1/3', 'Xã An 2/3', 'Xã Cường 2/3']);
  });

  it('by total over different printed maxima says so in a note', () => {
    const csv = 'Đơn vị;Tổng điểm;Điểm tối đa\nXã An;80;100\nXã Bình;78;90\n';
    expect(rankPublished(table(csv), {}, { by: 'total' }).notes[0]!.en).toMatch(/different maxima/);
  });

  it('on: exact ranks on total ÷ max × 100, where the printed index ties', () => {
    const csv = 'Đơn vị;Tổng điểm;Điểm tối đa;Chỉ số (%)\nXã An;69,996;100;70,00\nXã Bình;70,004;100;70,00\n';
    // Printed: 70,00 and 70,00 tie (1, 1). Exact: 69.996 ÷ 100 × 100 = 69.996 < 70.004, so Bình 1, An 2.
    expect(places(rankPublished(table(csv)))).toEqual(['Xã An 1/2', 'Xã Bình 1/2']);
    const r = rankPublished(table(csv), { on: 'exact' });
    expect(places(r)).toEqual(['Xã Bình 1/2', 'Xã An 2/2']);
    expect(r.rows[0]!.exact).toBe('17501/250'); // 70.004 = 70004/1000 = 17501/250
  });

  it('ranks within kinds when asked', () => {
    const csv = 'Đơn vị;Loại đơn vị;Chỉ số (%)\nXã An;Xã;80\nThị trấn Bình;Thị trấn;75\nXã Cường;Xã;90\n';
    // Xã: Cường 90 (1/2), An 80 (2/2); Thị trấn: Bình alone (1/1). Groups in byte order of the kind.
    expect(rankPublished(table(csv), {}, { groupBy: 'kind' }).rows.map((x) => `${x.group}: ${x.unit} ${x.rankOf}`)).toEqual([
      'Thị trấn: Thị trấn Bình 1/1',
      'Xã: Xã Cường 1/2',
      'Xã: Xã An 2/2',
    ]);
  });

  it('refuses a key the table cannot apply, naming the file and what is missing (vi and en)', () => {
    const is = issuesOf(() => rankPublished(table(LIST), { tieBreak: [{ by: 'node', id: '3' }, { by: 'id' }] }));
    expect(is.map((i) => [i.code, i.file, i.path])).toEqual([
      ['verify.missing-column', 'xep-hang.csv', ['ranking', 'tieBreak', 0]],
      ['verify.missing-column', 'xep-hang.csv', ['ranking', 'tieBreak', 1]],
    ]);
    expect(is[0]!.message).toMatch(/no column for field 3/);
    expect(is[0]!.messageVi).toMatch(/không in cột lĩnh vực 3/);
    expect(issuesOf(() => rankPublished(table('Đơn vị;Xếp hạng\nXã An;1\n')))[0]!.message).toMatch(/no total column/);
    expect(issuesOf(() => rankPublished(table(LIST), { on: 'exact' }))[0]!.message).toMatch(/no total or no maximum/);
    expect(issuesOf(() => rankPublished(table(LIST), {}, { groupBy: 'kind' }))[0]!.message).toMatch(/kind column/);
  });

  it('neither changes the decision nor returns anything mutable', () => {
    const d = table(LIST);
    const before = JSON.stringify(d);
    const r = rankPublished(d, { method: 'dense' });
    expect(JSON.stringify(d)).toBe(before);
    expect(Object.isFrozen(r) && Object.isFrozen(r.rows) && Object.isFrozen(r.rows[0])).toBe(true);
  });

  it('renders as text, Markdown and CSV', () => {
    const r = rankPublished(table(LIST));
    const text = renderPublishedRanking(r, 'en');
    expect(text).toMatch(/^Rank {2}Unit/);
    expect(text).toContain('Xã Dương (row 5): no index, not ranked.');
    expect(renderPublishedRanking(r, 'vi', true)).toMatch(/^\| Hạng \| Đơn vị \| Chỉ số \| Hạng in \| Dòng \|/);
    expect(renderPublishedRankingCsv(r).split('\n').slice(0, 3)).toEqual([
      'rank,rank_of,unit_id,unit_name,group,index,printed_rank,row',
      '1,1/4,,Xã An,,80,1,2',
      '2,2/4,,Xã Bình,,70,2,4',
    ]);
  });
});

describe('a published list as JSON', () => {
  it('reads a list of rows whose keys are the headers, Vietnamese or English', async () => {
    const d = decisionFromRecords(
      [
        { Unit: 'Xã An', Index: 80 },
        { Unit: 'Xã Bình', Index: '90,5' },
      ],
      { file: 'list.json' },
    );
    // 90.5 > 80: Bình 1, An 2.
    expect(places(rankPublished(d))).toEqual(['Xã Bình 1/2', 'Xã An 2/2']);
    const dir = mkdtempSync(join(tmpdir(), 'par-rank-pub-'));
    writeFileSync(
      join(dir, 'list.json'),
      JSON.stringify([
        { 'Đơn vị': 'Xã An', 'Tổng điểm': '61,00' },
        { 'Đơn vị': 'Xã Bình', 'Tổng điểm': '62,00' },
      ]),
    );
    expect(places(rankPublished(await readPublishedDecision(join(dir, 'list.json'))))).toEqual(['Xã Bình 1/2', 'Xã An 2/2']);
  });

  it('refuses a row that is not an object, or a cell that is not text, a number or null, naming row and key', () => {
    const is = issuesOf(() => decisionFromRecords([{ Unit: 'Xã An', Index: { v: 1 } }, 'Xã Bình'], { file: 'list.json' }));
    expect(is.map((i) => [i.path, i.file])).toEqual([
      [[0, 'Index'], 'list.json'],
      [[1], 'list.json'],
    ]);
    expect(is[0]!.messageVi).toMatch(/dòng 1, "Index"/);
  });
});

describe('the guide (docs/ranking.md, "Published tables")', () => {
  const block = /### Published tables[\s\S]*?```csv\n([\s\S]*?)```/.exec(readFileSync('docs/ranking.md', 'utf8'))![1]!;
  const d = table(block);
  it('is the committed fixture', () => {
    expect(readFileSync('fixtures/published-tables/xep-hang-cong-bo.csv', 'utf8').replace(/^\uFEFF/, '')).toBe(block);
  });
  it('ranks as the guide says', () => {
    // 88,52 > 85,10 = 85,10 > 79,46 > 72,05; Lương Tài has no index. Competition: 1, 2, 2, 4, 5 of 5.
    expect(places(rankPublished(d))).toEqual([
      'Xã Đại Đồng 1/5',
      'Xã Chỉ Đạo 2/5',
      'Xã Lạc Hồng 2/5',
      'Thị trấn Như Quỳnh 4/5',
      'Xã Minh Hải 5/5',
      'Xã Lương Tài —',
    ]);
    // Dense: 1, 2, 2, 3, 4.
    expect(places(rankPublished(d, { method: 'dense' })).slice(3, 5)).toEqual(['Thị trấn Như Quỳnh 3/5', 'Xã Minh Hải 4/5']);
    // Published order: Lạc Hồng (row 3) before Chỉ Đạo (row 4).
    expect(places(rankPublished(d, {}, { publishedOrder: true })).slice(1, 3)).toEqual(['Xã Lạc Hồng 2/5', 'Xã Chỉ Đạo 3/5']);
    // The printed ranks are the competition ranks.
    expect(
      rankPublished(d)
        .rows.filter((r) => r.printedRank)
        .every((r) => r.printedRank!.rank === r.rank),
    ).toBe(true);
  });
});
