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
