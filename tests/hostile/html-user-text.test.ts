/**
 * The HTML report is never refused for user text (issue 21, item 8): a unit name or a band label holding
 * " onclick=" or "url(" is text, escaped where it is written — in the tables and in the SVG charts alike — while
 * an SVG whose structure could run code or reach the network (an element, an attribute, a link) is still refused.
 */
import { describe, expect, it } from 'vitest';
import { ParIndexError } from '../../src/core/errors.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { renderReportHtml } from '../../src/io/render-svg.js';
import { rank } from '../../src/ranking/rank.js';
import { escapeHtml, reportHtml } from '../../src/report/html.js';
import { makeEvidence, makeSet } from '../support/support.js';
import { wellFormed } from '../support/report-example.js';
import { CORPUS_CASES } from '../support/hostile-support.js';

/** User text that looks like markup, an event handler or a CSS resource. */
export const HTML_USER_TEXT = [
  'Xã A onclick=alert(1)',
  'Xã B" onmouseover="alert(1)',
  "Xã C' onload='x()",
  'Xã D url(http://evil.example/x.png)',
  'Xã E <img src=x onerror=alert(1)>',
  'Xã F href=javascript:alert(1)',
  'Xã G <script>alert(1)</script>',
] as const;

const tree = [
  {
    id: '1',
    title: 'Lĩnh vực url(http://x.example) onclick=1',
    max: 10,
    children: [
      { id: '1.1', title: 'Tiêu chí', max: 10, rule: { kind: 'rate', numerator: 'onTime', base: 'resolved', whenBaseZero: 'full' } },
    ],
  },
];
const set = makeSet(tree, {
  bands: {
    levels: [
      { id: 'tot', label: 'Tốt onclick=alert(2)', labelEn: 'Good url(http://evil.example)', min: 50, max: 100, maxInclusive: true },
      { id: 'kem', label: 'Kém" onmouseover="x', min: 0, max: 50 },
    ],
  },
});
const ev = makeEvidence(HTML_USER_TEXT.map((name, i) => ({ name, measures: { onTime: i, resolved: 7 } })));
const ranking = rank(evaluate(set, ev, { trace: true }), set.ranking);

/** Every attribute of every tag in a document, as [name, value] (tags only, never the text between them). */
function attributes(html: string): [string, string][] {
  const out: [string, string][] = [];
  for (const m of html.matchAll(/<[A-Za-z][\w:.-]*((?:\s+[^\s=>/"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*\/?>/g))
    for (const a of m[1]!.matchAll(/\s+([^\s=>/"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/g))
      out.push([a[1]!.toLowerCase(), a[2] ?? a[3] ?? '']);
  return out;
}

describe('user text in the HTML report', () => {
  it('the corpus has the size README counts', () => {
    expect(HTML_USER_TEXT.length).toBe(CORPUS_CASES['unit names and band labels as HTML (tests/hostile/html-user-text.test.ts)']);
  });

  for (const lang of ['vi', 'en'] as const) {
    it(`renders with its charts (${lang}): names and band labels escaped in the tables and in the SVG`, async () => {
      const html = await renderReportHtml(ranking, { lang, bands: set.bands?.levels });
      expect(html.match(/<figure><svg /g)?.length).toBe(2);
      for (const name of HTML_USER_TEXT) expect(html, name).toContain(escapeHtml(name));
      // Escaped in the ranked table (the writer's escaping), and present as text in the SVG (Vega's).
      expect(html).not.toContain('<img src=x');
      expect(html).toContain(escapeHtml(lang === 'en' ? 'Good url(http://evil.example)' : 'Tốt onclick=alert(2)'));
      const svgs = [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
      expect(svgs.join('\n')).toContain('onclick=alert(1)');
      expect(svgs.join('\n')).toContain('url(http://evil.example/x.png)');
      for (const svg of svgs) expect(wellFormed(svg)).toEqual([]);
      // None of it became markup: no event-handler attribute, no script, no image, no outside link.
      const attrs = attributes(html);
      expect(attrs.length).toBeGreaterThan(100);
      expect(attrs.filter(([n]) => n.startsWith('on'))).toEqual([]);
      expect(attrs.filter(([n, v]) => (n === 'href' || n === 'src' || n.endsWith(':href')) && !v.startsWith('#'))).toEqual([]);
      expect(html).not.toMatch(/<script|<img|<iframe|<foreignObject/i);
    });
  }

  it('still refuses an SVG whose structure could run code or reach the network', () => {
    for (const svg of [
      '<svg><script>alert(1)</script></svg>',
      '<svg onload="x()"></svg>',
      '<svg><g ONCLICK = "x()"></g></svg>',
      '<svg><a href="https://example.org/x">x</a></svg>',
      '<svg><use xlink:href="http://example.org/s.svg#a"/></svg>',
      '<svg><rect style="fill:url(http://example.org/p.svg)"/></svg>',
      '<svg><rect fill="url(&#104;ttp://example.org/p)"/></svg>',
      '<svg><image href="#x"/></svg>',
      '<svg><foreignObject><div/></foreignObject></svg>',
      '<svg><!-- x --><text>a</text></svg><svg></svg>',
      '<div></div>',
    ]) {
      expect(() => reportHtml(ranking, { charts: [{ title: 'x', svg }] }), svg).toThrow(ParIndexError);
    }
  });

  it('accepts an SVG whose text (and aria labels) say onclick= or url(', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg"><g aria-label="unit: Xã onclick=1; url(http://x)"><text fill="url(#g1)">Xã A onclick=alert(1) url(http://e.example)</text></g></svg>';
    expect(reportHtml(ranking, { charts: [{ title: 'onclick= url(', svg }] })).toContain(svg);
  });
});
