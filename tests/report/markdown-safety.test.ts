/**
 * Issue 26, item 6: Markdown outputs are safe for an app that renders them to HTML. User text (unit names,
 * titles, sources, messages) is escaped where it is written: no tag, no link, no table cell comes from it, and
 * it still reads as written once rendered.
 */
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { rank } from '../../src/ranking/rank.js';
import { explainMarkdown } from '../../src/report/explain.js';
import { mdCode, mdText } from '../../src/report/format.js';
import { reportMarkdown } from '../../src/report/report.js';
import { renderTableMarkdown } from '../../src/report/table.js';
import { renderChecklist } from '../../src/cli/inspect.js';
import { runCases } from '../../src/cases/run.js';
import { loadCases } from '../../src/cases/load.js';
import { diff } from '../../src/criteria/diff.js';
import { checklist } from '../../src/inspection/checklist.js';
import { compareYears } from '../../src/ranking/compare.js';
import { rankUncertainty } from '../../src/ranking/uncertainty.js';
import { loadUnitMap } from '../../src/ranking/unit-map.js';
import { renderCasesReport } from '../../src/report/cases.js';
import { renderComparison } from '../../src/report/comparison.js';
import { renderDiff } from '../../src/report/diff.js';
import { renderRescore } from '../../src/report/rescore.js';
import { renderSipasMarkdown } from '../../src/report/sipas.js';
import { renderUncertainty } from '../../src/report/uncertainty.js';
import { renderVerifyMarkdown } from '../../src/report/verify.js';
import { computeIndices } from '../../src/sipas/indices.js';
import { loadQuestionnaire } from '../../src/sipas/questionnaire.js';
import { tallyRows } from '../../src/sipas/tallier.js';
import { decisionFromTable } from '../../src/verify/decision-table.js';
import { verifyDecision } from '../../src/verify/verify.js';
import { rescore } from '../../src/versions/rescore.js';
import { makeEvidence, makeSet } from '../support/support.js';

const NAME = '<script>alert(1)</script> [bấm](javascript:alert(2)) | *x* `y` <img src=x onerror=alert(3)>';
const set = makeSet(
  [
    {
      id: '1',
      title: 'Lĩnh vực <b>1</b> | [a](javascript:alert(4))',
      max: 10,
      children: [{ id: '1.1', title: 'Kế hoạch <iframe src=x>', max: 10, rule: { kind: 'task', task: 'ke-hoach' } }],
    },
  ],
  { bands: { levels: [{ id: 'a', label: 'Tốt <svg onload=alert(5)>', min: 0 }] } },
);
const ev = makeEvidence([
  { name: NAME, tasks: { 'ke-hoach': { done: '2021-01-10', source: 'Báo cáo <a href="javascript:alert(6)">x</a>' } } },
  { name: 'Xã thường' },
]);
const ranking = rank(evaluate(set, ev, { trace: true, lenient: true }), set.ranking);

/** What a Markdown-to-HTML renderer makes of it, with the parts an attacker would want. */
function dangerous(html: string): string[] {
  const tags = [...html.matchAll(/<[a-z][^>]*>/gi)].map((m) => m[0]);
  return tags.filter((t) => /^<(script|img|iframe|svg|b)\b/i.test(t) || /\son\w+=|javascript:/i.test(t));
}

describe('Markdown outputs escape user text', () => {
  it('the report: no tag or link from a name, title, band, source or message once rendered', async () => {
    const md = reportMarkdown(ranking, 'vi');
    const html = marked.parse(md, { async: false });
    expect(dangerous(html)).toEqual([]);
    // The text is still there, as written, for a reader.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; [bấm](javascript:alert(2))');
    expect(html).toContain('Lĩnh vực &lt;b&gt;1&lt;/b&gt;');
  });
  it('explain: the same for one unit, its warnings included', async () => {
    const card = ranking.rows.find((r) => r.card.unit.name === NAME)!.card;
    const html = marked.parse(explainMarkdown(card, 'en', 1), { async: false });
    expect(dangerous(html)).toEqual([]);
    expect(html).toMatch(/<h1>&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });
  it('the ranked table keeps its columns: a "|" in a name does not add a cell', async () => {
    const html = marked.parse(renderTableMarkdown(ranking, 'en'), { async: false });
    const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => (m[1]!.match(/<t[dh]\b/g) ?? []).length);
    expect(new Set(rows).size).toBe(1);
    expect(rows).toHaveLength(3);
  });
  it('mdText and mdCode: what they write renders back to the text', async () => {
    for (const s of [NAME, 'a\\b', '1. không', '# tiêu đề', 'x\ny', 'a & b < c > d', '~~gạch~~ _nghiêng_']) {
      const html = await marked.parseInline(mdText(s));
      const text = html
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
      expect(text).toBe(s.replace(/\n/g, ' '));
      expect(await marked.parseInline(mdCode(s))).toMatch(/^<code>[\s\S]*<\/code>$/);
    }
  });
});

/**
 * The other Markdown renderers, each rendered twice: with ordinary texts and with hostile ones in every place a
 * file's text reaches (names, titles, decision numbers, notes…). Rendered to HTML, both must have the same tags —
 * no element, attribute, link or table cell from the text — and the hostile text must still read as written.
 */
const BODY = '<script>alert(1)</script> <img src=x onerror=alert(3)> a | b *x* _y_ `z` [x](javascript:alert(2)) dòng\nmới';
// A text that starts a line could start a heading, a list, a quote or a rule.
const STARTS = ['# ', '1. ', '- ', '> ', '=== '];
type Texts = (k: number) => string;
const hostile: Texts = (k) => `${STARTS[k % STARTS.length]}${BODY} ${k}`;
const plain: Texts = (k) => `Tên ${k}`;

/** The tags of rendered HTML, in order, attributes included (text between them left out). */
const tagsOf = (html: string) => html.match(/<[^>]+>/g) ?? [];
/** The text a reader sees: tags dropped, entities decoded. */
const visible = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
/** The number of cells of each row of each table. */
const cellsPerRow = (html: string) =>
  [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((t) =>
    [...t[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => (m[1]!.match(/<t[dh]\b/g) ?? []).length),
  );

/** Renders with both kinds of text and checks the hostile rendering against the ordinary one. */
function expectSafe(render: (t: Texts) => string, shown: readonly number[]): string {
  const bad = marked.parse(render(hostile), { async: false });
  const ok = marked.parse(render(plain), { async: false });
  expect(dangerous(bad)).toEqual([]);
  expect(tagsOf(bad)).toEqual(tagsOf(ok));
  for (const rows of cellsPerRow(bad)) expect(new Set(rows).size).toBe(1);
  const text = visible(bad);
  for (const k of shown) expect(text).toContain(hostile(k).replace(/\n/g, ' '));
  return bad;
}

/** A two-field set whose titles, band labels and decision are texts 20…29. */
const setOf = (t: Texts, version = '1', max2 = 10) =>
  makeSet(
    [
      {
        id: '1',
        title: t(20),
        max: 10,
        children: [
          { id: '1.1', title: t(21), max: 10, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'zero' } },
        ],
      },
      {
        id: '2',
        title: t(22),
        max: max2,
        children: [{ id: '2.1', title: t(23), max: max2, rule: { kind: 'task', task: 'ke-hoach' } }],
      },
    ],
    {
      version,
      title: t(24),
      issuer: t(25),
      decision: { number: t(26), date: '2021-01-05' },
      bands: {
        levels: [
          { id: 'a', label: t(27), min: 50 },
          { id: 'b', label: t(28), max: 50 },
        ],
      },
    },
  );
/** Two units named by texts 30 and 31 (ids stay ids). */
const evOf = (t: Texts) =>
  makeEvidence(
    [
      { id: 'an', name: t(30), measures: { onTime: 9, resolved: 10 }, tasks: { 'ke-hoach': { done: '2021-01-10', source: t(32) } } },
      { id: 'binh', name: t(31), measures: { onTime: 4, resolved: 10 } },
    ],
    { source: t(33) },
  );

describe('every other Markdown renderer escapes user text', () => {
  it('SIPAS: titles, item texts, unit names, assumptions and warnings', () => {
    const md = (t: Texts) => {
      const q = loadQuestionnaire({
        format: 'par-index/questionnaire@1',
        id: 'test.sipas',
        version: '1',
        title: t(0),
        issuer: t(1),
        decision: { number: t(2), date: '2023-01-02' },
        years: [2023],
        status: 'illustrative',
        provenance: { status: 'assumed', note: t(3), assumptions: [{ at: 'items', note: t(4) }] },
        scales: {
          hl5: {
            title: t(5),
            levels: [1, 2, 3, 4, 5].map((c) => ({ code: c, label: `${t(6)} ${c}` })),
            satisfied: { codes: [4, 5], legal: 'unverified' },
          },
        },
        groups: [
          { id: 'g1', part: 'services', kind: 'factor', title: t(7) },
          { id: 'p1', part: 'policy', kind: 'content', title: t(11) },
        ],
        items: [
          { id: 'a1', group: 'g1', measure: 'satisfaction', scale: 'hl5', text: t(8), wording: 'unverified' },
          { id: 'a2', group: 'g1', measure: 'satisfaction', scale: 'hl5', text: t(9), wording: 'illustrative' },
          { id: 'c1', group: 'p1', measure: 'satisfaction', scale: 'hl5', text: t(12), wording: 'illustrative' },
        ],
        options: {
          noOpinion: { treatment: 'exclude', legal: 'unverified' },
          group: { method: 'mean-of-items', legal: 'unverified' },
          part: { method: 'mean-of-groups', legal: 'unverified' },
          overall: { method: 'mean-of-parts', legal: 'unverified' },
          rounding: { stage: 'overall', precision: 2, mode: 'half-up', legal: 'unverified' },
        },
      });
      // a2 has no valid answer: the unit gets a warning.
      const r = computeIndices(
        q,
        tallyRows(q, [
          { unit: t(10), answers: { a1: 4, c1: 5 } },
          { unit: t(10), answers: { a1: 2, c1: 3 } },
        ]),
      );
      return renderSipasMarkdown(r, 'vi', q);
    };
    expectSafe(md, [0, 7, 8, 9, 10, 11]);
  });

  it('verify: the decision, unit names, node titles, messages and notes', () => {
    const md = (t: Texts) => {
      const set = setOf(t);
      const ranking = rank(evaluate(set, evOf(t)), set.ranking);
      const decision = decisionFromTable(
        {
          header: ['Đơn vị', 'Lĩnh vực 1', 'Lĩnh vực 2', 'Tổng điểm', 'Điểm tối đa', 'Chỉ số (%)', 'Xếp hạng', 'Xếp loại'],
          rows: [
            // 1.1 is 9, published 8: field, total and index differ from the recomputation; the rank is wrong.
            { row: 2, cells: [t(30), '8', '10', '18', '20', '90', '2', t(27)] },
            { row: 3, cells: [t(31), '4', '0', '4', '20', '20', '1', t(28)] },
          ],
        },
        { format: 'par-index/published@1', number: t(40), issuer: t(41), title: t(42) },
        { file: t(43) },
      );
      return renderVerifyMarkdown(verifyDecision(decision, { set, ranking }), 'en');
    };
    expectSafe(md, [30, 31, 40, 41, 42, 43]);
  });

  it('compare: unit names in the table and in the lists of unmatched units', () => {
    const md = (t: Texts) => {
      const set = setOf(plain);
      const year = (units: Record<string, unknown>[]) => rank(evaluate(set, makeEvidence(units)), set.ranking);
      const before = year([
        { id: 'an', name: t(30), measures: { onTime: 9, resolved: 10 } },
        { id: 'cu', name: t(34), measures: { onTime: 2, resolved: 10 } },
      ]);
      const after = year([
        { id: 'an-moi', name: t(35), measures: { onTime: 8, resolved: 10 } },
        { id: 'moi', name: t(36), measures: { onTime: 5, resolved: 10 } },
      ]);
      const map = loadUnitMap({
        format: 'par-index/unit-map@1',
        decision: { number: t(37), date: '2021-03-12', issuer: t(38) },
        entries: [{ from: 'an', to: 'an-moi' }],
      });
      return renderComparison(compareYears(before, after, map), 'vi', true);
    };
    expectSafe(md, [30, 34, 35, 36]);
  });

  it('diff: titles, decision numbers and set-level values of both sets', () => {
    const md = (t: Texts) => {
      const u = (k: number) => t(k + 50);
      return renderDiff(diff(setOf(t), setOf(u, '2', 12)), 'en', 'md');
    };
    expectSafe(md, [20, 21, 70, 71, 24, 74]);
  });

  it('rescore: unit names, titles, bands and the set lines', () => {
    const md = (t: Texts) => renderRescore(rescore(setOf(t), setOf(t, '2', 12), evOf(t)), 'en');
    expectSafe(md, [20, 23, 30, 31]);
  });

  it('uncertainty: unit names in the table', () => {
    const md = (t: Texts) => {
      const set = setOf(t);
      return renderUncertainty(rankUncertainty(set, evOf(t), undefined, { draws: 20, seed: 1 }), 'en', true);
    };
    expectSafe(md, [30, 31]);
  });

  it('test cases: the file name, case names and the problems that refused a case', () => {
    const md = (t: Texts) => {
      const set = setOf(plain);
      const data = loadCases({
        format: 'par-index/cases@1',
        criteria: 'x.yaml',
        cases: [
          { name: t(60), unit: { measures: { onTime: 9, resolved: 10 } }, expect: { index: 1 } },
          // Refused (a negative count): the problem's line starts with the case's name.
          { name: t(61), unit: { measures: { onTime: -1, resolved: 10 } }, expect: { index: 1 } },
        ],
      });
      return renderCasesReport(runCases(data, set, { file: t(62) }), 'en', 'md');
    };
    expectSafe(md, [60, 61, 62]);
  });

  it('inspection checklist: the unit, titles and the set', () => {
    const md = (t: Texts) => {
      const set = setOf(t);
      return renderChecklist(checklist(set, { id: 'an', name: t(30) }, evOf(t).units[0]), 'en', true);
    };
    expectSafe(md, [21, 23, 30]);
  });
});
