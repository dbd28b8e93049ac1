/**
 * A whole scoring run as one self-contained HTML file (báo cáo HTML): the criteria set's decision and hash, the
 * ranked table with field scores and bands, the charts as inline SVG, the warnings, and every unit's trace in
 * a collapsible `<details>`. It opens from a disk or an e-mail attachment with no network: no script, no
 * external style sheet, font or image. Every text is escaped.
 *
 * Pure: charts come in already rendered (see `renderReportHtml` in `par-index/io`, which renders the
 * Vega-Lite specs of `charts.ts` to SVG), so this runs in a browser as well. The same cards and options give
 * the same bytes: nothing here reads the clock.
 * @module
 */
import { formatIssue, formatPath, issue, ParIndexError, type Lang } from '../core/errors.js';
import type { ProvenanceReport } from '../criteria/provenance.js';
import { num, pick } from '../core/text.js';
import type { ScoreCard, TraceNode } from '../engine/types.js';
import { cardsOf, type Ranked, type Ranking } from '../ranking/rank.js';
import { bandColors, NO_BAND_COLOR, type ChartBand } from './charts.js';
import { calcText, L, statusText } from './format.js';
import { allPointsLost, pointsLostHeading, pointsLostLine } from './points-lost.js';
import { inputLabel, legalLabel } from './rows.js';
import { SourceIds } from '../engine/trace-sources.js';
import { fieldMax } from './table.js';
import { acknowledgedLine } from './provenance.js';
import { pushAll } from '../core/lists.js';

/**
 * A chart already rendered to SVG, for {@link reportHtml}.
 *
 * @example `{ title: 'Xếp hạng', svg: await renderSvg(rankingChart(ranking)) }`
 */
export interface HtmlChart {
  /** The caption under the chart. */
  readonly title: string;
  /** The SVG document (`<svg …>…</svg>`); it may not hold scripts, event handlers or links out. */
  readonly svg: string;
}

/**
 * Options of {@link reportHtml}.
 *
 * @example `reportHtml(ranking, { lang: 'en', charts: [{ title: 'Ranking', svg }] })`
 */
export interface HtmlReportOptions {
  /** The report's language (default Vietnamese). */
  readonly lang?: Lang;
  /** The page title; a default in the chosen language otherwise. */
  readonly title?: string;
  /** Charts rendered to SVG, in the order they appear. */
  readonly charts?: readonly HtmlChart[];
  /** The criteria set's band levels, to colour the band cells as the ranking chart does. */
  readonly bands?: readonly ChartBand[] | undefined;
  /**
   * A line naming when and how the report was made (e.g. "par-index 0.1.0, 2021-12-20"). Absent by default:
   * the report is then a function of the cards alone, byte for byte.
   */
  readonly generated?: string;
  /**
   * What the criteria set says about its own certainty (`criteriaProvenance(set, file)`): printed as a footnote
   * with every assumption, and marked beside the criteria set's name. Absent: no footnote.
   */
  readonly assumptions?: ProvenanceReport;
}

const H = {
  contents: { vi: 'Mục lục', en: 'Contents' },
  ranking: { vi: 'Bảng xếp hạng', en: 'Ranked table' },
  charts: { vi: 'Biểu đồ', en: 'Charts' },
  fields: { vi: 'Các lĩnh vực', en: 'Fields' },
  units: { vi: 'đơn vị', en: 'units' },
  issuer: { vi: 'Cơ quan ban hành', en: 'Issued by' },
  year: { vi: 'Năm đánh giá', en: 'Year assessed' },
  noCards: { vi: 'Không có đơn vị nào được chấm.', en: 'No unit was scored.' },
  lang: { vi: 'vi', en: 'en' },
  openAll: {
    vi: 'Bấm vào tên đơn vị để mở diễn giải; mỗi tiêu chí có thể mở tiếp.',
    en: 'Click a unit to open its trace; every criterion opens further.',
  },
  missingLeaves: { vi: 'tiêu chí thiếu minh chứng', en: 'leaves with missing evidence' },
  noTrace: { vi: 'Phiếu điểm này được chấm không kèm diễn giải.', en: 'This card was scored without its trace.' },
  generated: { vi: 'Lập bởi', en: 'Made by' },
  assumptions: { vi: 'Giả định', en: 'Assumptions' },
} as const;

const h = (k: keyof typeof H, lang: Lang) => H[k][lang];

/**
 * Escapes text for HTML element content and double- or single-quoted attribute values.
 *
 * @example `escapeHtml('<b>"Tốt" & đủ</b>') // '&lt;b&gt;&quot;Tốt&quot; &amp; đủ&lt;/b&gt;'`
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

const e = escapeHtml;

/** The SVG elements a chart may hold: shapes, text, grouping, clipping and paint servers. Nothing that loads or runs. */
const SVG_ELEMENTS = new Set([
  'svg',
  'g',
  'defs',
  'title',
  'desc',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'clippath',
  'lineargradient',
  'radialgradient',
  'stop',
  'pattern',
  'mask',
  'marker',
  'symbol',
]);

/** One start or end tag: its name and its attributes (quoted values may hold any text but their own quote). */
const TAG = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[^\s=>/"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*(\/?)>/y;
const ATTR = /\s+([^\s=>/"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/g;

/** Decodes the character references of an attribute value, so that `&#104;ttp:` is read as `http:`. */
function decodeRefs(v: string): string {
  return v.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (all, r: string) => {
    if (r[0] !== '#') return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[r.toLowerCase()] ?? all;
    const n = r[1] === 'x' || r[1] === 'X' ? parseInt(r.slice(2), 16) : Number(r.slice(1));
    return Number.isFinite(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
  });
}

/**
 * Refuses an SVG whose structure could run code or reach the network when the report is opened: a report is
 * evidence that gets mailed around, so what it embeds must be inert. Only the markup is judged — element names,
 * attribute names, links and \`url()\` in attributes that style or paint — never the text or the aria labels, where
 * a unit's name such as "Xã A onclick=1" is text that the renderer has escaped.
 */
function checkSvg(svg: string, title: string): string {
  const s = svg.trim();
  const bad = new Set<string>();
  let depth = 0;
  let closed = false;
  for (let at = s.indexOf('<'); at >= 0 && bad.size === 0; at = s.indexOf('<', at)) {
    TAG.lastIndex = at;
    const m = TAG.exec(s);
    if (!m) {
      bad.add('holds markup other than elements (a comment, a declaration, a stray "<")');
      break;
    }
    at = TAG.lastIndex;
    const [, end, rawName, attrs, selfClosing] = m;
    const name = rawName!.toLowerCase();
    if (closed || (depth === 0 && (end || name !== 'svg'))) bad.add('not a single <svg> element');
    if (!SVG_ELEMENTS.has(name)) bad.add(`contains a <${rawName!}> element (only shapes, text and groups are embedded)`);
    if (end) {
      depth--;
      if (depth === 0) closed = true;
      continue;
    }
    for (const a of attrs!.matchAll(ATTR)) {
      const an = a[1]!.toLowerCase();
      // eslint-disable-next-line no-control-regex -- white space and controls a browser skips inside a URL
      const value = decodeRefs(a[2] ?? a[3] ?? '').replace(/[\s\u0000-\u001f]+/g, '');
      if (an.startsWith('on')) bad.add('has an event-handler attribute');
      else if (an === 'href' || an.endsWith(':href') || an === 'src') {
        if (!value.startsWith('#')) bad.add('links outside the document');
      } else if (!an.startsWith('aria-') && !an.startsWith('xmlns') && /url\((?!["']?#)/i.test(value))
        bad.add('references an outside resource in url()');
    }
    if (!selfClosing) depth++;
    else if (depth === 0) closed = true;
  }
  if (!/^<svg[\s>]/i.test(s) || !closed || depth !== 0) bad.add('not a single <svg> element');
  if (bad.size) {
    throw new ParIndexError([
      issue(
        'usage.invalid',
        'error',
        ['charts', title],
        `chart "${title}" cannot be embedded: ${[...bad].join('; ')}`,
        `không thể nhúng biểu đồ "${title}": ${[...bad].join('; ')}`,
      ),
    ]);
  }
  return s;
}

/** Ids usable as fragment anchors whatever characters a unit id holds. */
function anchor(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`)}`;
}

const CSS = `
:root{--ink:#1b1b1b;--muted:#5f6368;--line:#d0d4d9;--bg:#fff;--head:#f1f3f5}
*{box-sizing:border-box}
body{font-family:"Segoe UI","Noto Sans",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg);margin:0 auto;max-width:1180px;padding:24px;line-height:1.45;font-size:14px}
h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:28px 0 10px;border-bottom:2px solid var(--line);padding-bottom:4px}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:8px 0 16px}dl.meta dt{color:var(--muted)}dl.meta dd{margin:0}
code{font-family:Consolas,"DejaVu Sans Mono",monospace;font-size:12px;word-break:break-all}
nav ul{display:flex;flex-wrap:wrap;gap:4px 16px;padding:0;list-style:none}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid var(--line);padding:4px 6px;vertical-align:top}
th{background:var(--head);text-align:left;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.band{white-space:nowrap}span.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;vertical-align:baseline}
figure{margin:12px 0 24px;overflow-x:auto}figcaption{color:var(--muted);font-size:12px}
details{margin:2px 0}summary{cursor:pointer}details.unit{border:1px solid var(--line);border-radius:4px;padding:6px 10px;margin:6px 0}
details.unit>summary{font-weight:600}ul.trace{list-style:none;padding-left:16px;margin:4px 0}ul.trace li{margin:2px 0}
ul.lines{list-style:disc;padding-left:22px;margin:2px 0;color:#333}ul.lines li.lost{color:#a50026}ul.lines li.warn{color:#8a5a00}
.st{color:var(--muted);font-size:12px}.pts{font-variant-numeric:tabular-nums}
@media print{details{display:block}details>summary{list-style:none}}
`.trim();

function pts(t: TraceNode, card: ScoreCard, lang: Lang): string {
  const p = card.criteria.precision;
  // Nodes below the rounding stage keep exact values: show them with 4 more decimals only when they need it.
  const shown = Number(t.points.toFixed(p)) === t.points ? p : p + 4;
  return `${num(t.points, shown, lang)}/${num(t.max, p, lang)}`;
}

function nodeLines(t: TraceNode, card: ScoreCard, lang: Lang, ids: SourceIds): string[] {
  const p = card.criteria.precision;
  const lines: string[] = [];
  if (t.legal.length) lines.push(`<li>${e(L('legal', lang))}: ${e(legalLabel(t))}</li>`);
  if (t.rule) {
    const params = Object.entries(t.rule.params)
      .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
      .join(', ');
    lines.push(`<li>${e(L('rule', lang))}: ${e(pick(t.rule.title, lang))}${params ? ` <code>${e(params)}</code>` : ''}</li>`);
  }
  for (const i of t.inputs) lines.push(`<li>${e(L('inputs', lang))}: ${e(inputLabel(i, lang, ids))}</li>`);
  for (const s of t.steps)
    lines.push(
      `<li>${e(pick(s, lang))}${s.calc ? `${s.calc.startsWith('→') ? ' ' : ': '}<code>${e(calcText(s.calc, lang))}</code>` : ''}</li>`,
    );
  if (t.lostPoints > 0 && t.lost.length)
    lines.push(
      `<li class="lost">${e(L('lost', lang))} (−${e(num(t.lostPoints, p, lang))}): ${e(t.lost.map((x) => pick(x, lang)).join('; '))}</li>`,
    );
  for (const w of t.warnings) lines.push(`<li class="warn">⚠ ${e(pick(w, lang))}</li>`);
  for (const a of t.acknowledged ?? []) lines.push(`<li class="ack">ⓘ ${e(pick(a, lang))}</li>`);
  return lines;
}

function nodeHtml(t: TraceNode, card: ScoreCard, lang: Lang, ids: SourceIds): string {
  const title = lang === 'en' && t.titleEn ? t.titleEn : t.title;
  const status = t.status === 'scored' ? '' : ` <span class="st">[${e(statusText(t.status, lang))}]</span>`;
  const head = `<b>${e(t.printedId !== undefined ? `${t.printedId} [${t.id}]` : t.id)}</b> ${e(title)}: <span class="pts">${e(pts(t, card, lang))}</span>${status}`;
  const lines = nodeLines(t, card, lang, ids);
  const body = `${lines.length ? `<ul class="lines">${lines.join('')}</ul>` : ''}${t.children.length ? `<ul class="trace">${t.children.map((c) => `<li>${nodeHtml(c, card, lang, ids)}</li>`).join('')}</ul>` : ''}`;
  if (!body) return head;
  return `<details id="${e(anchor(`n-${card.unit.id}`, t.id))}"><summary>${head}</summary>${body}</details>`;
}

function bandText(c: ScoreCard, lang: Lang): string {
  return c.band ? (lang === 'en' && c.band.labelEn ? c.band.labelEn : c.band.label) : '—';
}

function headline(c: ScoreCard, rankOf: string | null, lang: Lang): string {
  const p = c.criteria.precision;
  return [
    `${L('total', lang)} ${num(c.total, p, lang)}/${num(c.max, p, lang)}`,
    `${L('index', lang)} ${num(c.index, c.criteria.indexPrecision, lang)}`,
    `${L('band', lang)} ${bandText(c, lang)}`,
    rankOf ? `${L('rank', lang)} ${rankOf}` : '',
  ]
    .filter(Boolean)
    .join(' — ');
}

function unitHtml({ card: c, rankOf }: Ranked, lang: Lang, ids: SourceIds): string {
  const parts = [
    `<details class="unit" id="${e(anchor('u', c.unit.id))}"><summary>${e(rankOf ?? '—')} ${e(c.unit.name)} <span class="st">(${e(c.unit.id)})</span> — ${e(headline(c, rankOf, lang))}</summary>`,
  ];
  if (c.missing > 0) parts.push(`<p class="st">${c.missing} ${e(h('missingLeaves', lang))}</p>`);
  // Bands with conditions: how the band was reached (each condition checked, each band passed over).
  if (c.band?.steps?.length)
    parts.push(
      `<p><b>${e(`${L('band', lang)} ${bandText(c, lang)}`)}</b></p><ul class="lines">${c.band.steps.map((s) => `<li>${e(pick(s, lang))}</li>`).join('')}</ul>`,
    );
  if (c.trace === undefined) parts.push(`<p class="st">${e(h('noTrace', lang))}</p>`);
  else parts.push(`<ul class="trace">${c.trace.map((t) => `<li>${nodeHtml(t, c, lang, ids)}</li>`).join('')}</ul>`);
  if (c.warnings.length)
    parts.push(
      `<p><b>${e(L('warnings', lang))}</b></p><ul class="lines">${c.warnings.map((w) => `<li class="warn">${e(formatIssue(w, lang))}</li>`).join('')}</ul>`,
    );
  parts.push('</details>');
  return parts.join('');
}

/**
 * Renders a ranking of traced score cards as one self-contained HTML document. Charts, when given, must be SVG
 * already rendered (`renderReportHtml` in `par-index/io` does both); an SVG with a script, an event handler or
 * an outside link is refused with {@link ParIndexError} (`usage.invalid`).
 *
 * @example
 * ```ts
 * const ranking = rank(evaluate(set, evidence), set.ranking);
 * const html = reportHtml(ranking, { lang: 'vi' }); // no charts: pure, runs in a browser too
 * ```
 */
export function reportHtml(ranking: Ranking, opts: HtmlReportOptions = {}): string {
  const lang = opts.lang ?? 'vi';
  const cards = cardsOf(ranking);
  const c0 = cards[0];
  const title = opts.title ?? L('title', lang);
  const charts = (opts.charts ?? []).map((c) => ({ title: c.title, svg: checkSvg(c.svg, c.title) }));
  const colors = bandColors(cards, lang, opts.bands);
  // Only declared assumptions earn the footnote: a user's own set without provenance marks is not official data.
  const assumed = (opts.assumptions?.assumptions.length ?? 0) > 0;
  const out: string[] = [];
  out.push(
    '<!DOCTYPE html>',
    `<html lang="${h('lang', lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
  );
  out.push(`<title>${e(title)}${c0 ? ` — ${e(c0.criteria.title)}` : ''}</title>`, `<style>${CSS}</style>`, '</head>', '<body>');
  out.push(`<h1>${e(title)}</h1>`);
  if (!c0) {
    out.push(`<p>${e(h('noCards', lang))}</p>`, '</body>', '</html>', '');
    return out.join('\n');
  }
  const p = c0.criteria.precision;
  out.push(
    '<dl class="meta">',
    `<dt>${e(L('criteria', lang))}</dt><dd>${e(c0.criteria.title)} (<code>${e(c0.criteria.id)}</code>, ${e(c0.criteria.version)})${assumed ? '<sup><a href="#assumptions">*</a></sup>' : ''}${c0.criteria.acknowledged?.length ? ` <a href="#acknowledged">${e(lang === 'vi' ? `(${c0.criteria.acknowledged.length} lỗi đã ghi nhận)` : `(${c0.criteria.acknowledged.length} acknowledged)`)}</a>` : ''}</dd>`,
    `<dt>${e(L('decision', lang))}</dt><dd>${e(c0.criteria.decision.number)}, ${e(c0.criteria.decision.date)}</dd>`,
    `<dt>${e(h('issuer', lang))}</dt><dd>${e(c0.criteria.issuer)}</dd>`,
    `<dt>${e(L('hash', lang))}</dt><dd><code>${e(c0.criteria.hash)}</code></dd>`,
    `<dt>${e(L('evidence', lang))}</dt><dd>${e(h('year', lang))} ${c0.evidence.year} — <code>${e(c0.evidence.hash)}</code></dd>`,
    `<dt>${e(L('unit', lang))}</dt><dd>${cards.length} ${e(h('units', lang))}</dd>`,
  );
  if (opts.generated !== undefined) out.push(`<dt>${e(h('generated', lang))}</dt><dd class="st">${e(opts.generated)}</dd>`);
  out.push('</dl>');
  const nWarn = cards.reduce((s, c) => s + c.warnings.length, 0);
  out.push(
    `<nav><b>${e(h('contents', lang))}</b><ul><li><a href="#ranking">${e(h('ranking', lang))}</a></li>${charts.length ? `<li><a href="#charts">${e(h('charts', lang))}</a></li>` : ''}<li><a href="#warnings">${e(L('warnings', lang))} (${nWarn})</a></li><li><a href="#traces">${e(L('traceOf', lang))}</a></li></ul></nav>`,
  );

  // Before anything else: the warnings that cost points, each with the points (none: no section).
  const lost = allPointsLost(cards);
  if (lost.length > 0) {
    pushAll(out, [
      `<section id="points-lost" class="warn"><h2>${e(pointsLostHeading(lost, lang).replace(/:$/, ''))}</h2><ul class="lines">`,
      ...lost.map((l) => `<li class="warn">${e(pointsLostLine(l, lang))}</li>`),
      '</ul></section>',
    ]);
  }

  // The ranked table: the same columns as the text table, each field headed by its id with its title on hover.
  out.push(`<h2 id="ranking">${e(h('ranking', lang))}</h2>`, '<table class="ranking">', '<thead><tr>');
  out.push(`<th>${e(L('rank', lang))}</th><th>${e(L('unit', lang))}</th>`);
  for (const f of c0.fields) out.push(`<th title="${e(`${f.title} (${fieldMax(f, p, lang)})`)}">${e(f.id)}</th>`);
  out.push(
    `<th>${e(L('total', lang))}</th><th>${e(L('max', lang))}</th><th>${e(L('index', lang))}</th><th>${e(L('band', lang))}</th></tr></thead>`,
    '<tbody>',
  );
  for (const { card: c, rankOf } of ranking.rows) {
    const cp = c.criteria.precision;
    const band = bandText(c, lang);
    const color = c.band ? (colors.get(band) ?? NO_BAND_COLOR) : NO_BAND_COLOR;
    const cells = [
      `<td class="n">${e(rankOf ?? '—')}</td>`,
      `<td><a href="#${e(anchor('u', c.unit.id))}">${e(c.unit.name)}</a></td>`,
      ...c0.fields.map((f) => {
        const x = c.fields.find((y) => y.id === f.id);
        return `<td class="n">${x ? e(num(x.points, cp, lang)) : '—'}</td>`;
      }),
      `<td class="n"><b>${e(num(c.total, cp, lang))}</b></td>`,
      `<td class="n">${e(num(c.max, cp, lang))}</td>`,
      `<td class="n">${e(num(c.index, c.criteria.indexPrecision, lang))}</td>`,
      `<td class="band"><span class="sw" style="background:${color}"></span>${e(band)}</td>`,
    ];
    out.push(`<tr id="${e(anchor('r', c.unit.id))}">${cells.join('')}</tr>`);
  }
  out.push('</tbody>', '</table>');
  out.push(`<h3>${e(h('fields', lang))}</h3>`, '<ul>');
  for (const f of c0.fields) out.push(`<li><b>${e(f.id)}</b>: ${e(f.title)} (${e(fieldMax(f, p, lang))})</li>`);
  out.push('</ul>');

  if (charts.length) {
    out.push(`<h2 id="charts">${e(h('charts', lang))}</h2>`);
    for (const c of charts) out.push(`<figure>${c.svg}<figcaption>${e(c.title)}</figcaption></figure>`);
  }

  out.push(`<h2 id="warnings">${e(L('warnings', lang))}</h2>`);
  if (nWarn === 0) out.push(`<p>${e(L('noWarnings', lang))}</p>`);
  else {
    out.push(
      '<table class="warnings"><thead><tr>',
      `<th>${e(L('unit', lang))}</th><th>${e(lang === 'vi' ? 'Cảnh báo' : 'Warning')}</th></tr></thead><tbody>`,
    );
    for (const c of cards) for (const w of c.warnings) out.push(`<tr><td>${e(c.unit.name)}</td><td>${e(formatIssue(w, lang))}</td></tr>`);
    out.push('</tbody></table>');
  }

  out.push(`<h2 id="traces">${e(L('traceOf', lang))}</h2>`, `<p class="st">${e(h('openAll', lang))}</p>`);
  const ids = new SourceIds();
  for (const r of ranking.rows) out.push(unitHtml(r, lang, ids));
  if (assumed) out.push(assumptionsFootnote(opts.assumptions!, lang));
  const acknowledged = c0.criteria.acknowledged ?? [];
  if (acknowledged.length > 0) {
    // The decision's own flaws the set keeps as printed: an auditor reads them beside the scores.
    out.push(
      `<footer id="acknowledged" class="st"><h2>${e(lang === 'vi' ? 'Lỗi đã ghi nhận của bộ tiêu chí' : "The criteria set's acknowledged findings")}</h2><ol>${acknowledged.map((f) => `<li>${e(acknowledgedLine(f, lang))}</li>`).join('')}</ol></footer>`,
    );
  }
  out.push('</body>', '</html>', '');
  return out.join('\n');
}

/**
 * The footnote on the criteria set's certainty: a reader of the report must not take an assumed rule for the
 * decision's text. Every assumption with its node and note; the nodes that declare no provenance.
 */
function assumptionsFootnote(r: ProvenanceReport, lang: Lang): string {
  const n = r.assumptions.length;
  const parts = [`<footer id="assumptions" class="st"><h2>* ${e(h('assumptions', lang))}</h2>`];
  parts.push(
    `<p>${e(n > 0 ? (lang === 'vi' ? `Bộ tiêu chí có ${n} giả định: nội dung chưa được nguồn nào đã đọc xác nhận. Điểm tính theo các nội dung này không phải là quy định chính thức.` : `This set contains ${n} assumption${n === 1 ? '' : 's'}: content that no source read confirms. Points that depend on them are not the decision's.`) : lang === 'vi' ? 'Bộ tiêu chí không có giả định nào được khai báo.' : 'This set declares no assumption.')}</p>`,
  );
  if (n > 0) {
    parts.push('<ol>');
    for (const a of r.assumptions)
      parts.push(
        `<li><code>${e(formatPath(a.path) || (lang === 'vi' ? 'bộ tiêu chí' : 'set'))}</code> <b>${e(a.label)}</b>${a.at ? ` <code>${e(a.at)}</code>` : ''}: ${e(a.note)}${a.source ? ` <i>(${e(a.source)})</i>` : ''}</li>`,
      );
    parts.push('</ol>');
  }
  if (r.unmarked.length > 0) {
    parts.push(
      `<p>${e(lang === 'vi' ? `${r.unmarked.length}/${r.entries} nút chưa khai báo nguồn gốc (provenance): ${r.unmarked.map((u) => u.label).join(', ')}.` : `${r.unmarked.length}/${r.entries} node(s) declare no provenance: ${r.unmarked.map((u) => u.label).join(', ')}.`)}</p>`,
    );
  }
  parts.push('</footer>');
  return parts.join('');
}
