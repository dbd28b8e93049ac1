/**
 * Rendering a verification report (báo cáo kiểm tra quyết định công bố) as Markdown, as one self-contained HTML
 * page (inline style, no script, nothing fetched), as JSON, or as office tables (one per sheet of an XLSX
 * workbook or per CSV file, as the run report is) — in Vietnamese or English. The report is data
 * ({@link VerifyReport}); these functions only lay it out, from the same labels, so every format says the same.
 * @module
 */
import type { Lang } from '../core/errors.js';
import type { Text } from '../core/text.js';
import type { CheckRun, Discrepancy, DiscrepancyKind, VerifyReport } from '../verify/types.js';
import { finishTables, type OfficeTable } from './office-tables.js';
import { TABLES_CSS } from './tables-html.js';
import { mdText } from './format.js';

/**
 * What each discrepancy kind means, in both languages.
 *
 * @example DISCREPANCY_LABELS.sum.vi // 'Lĩnh vực không cộng đúng tổng điểm'
 */
export const DISCREPANCY_LABELS: Readonly<Record<DiscrepancyKind, Text>> = {
  sum: { vi: 'Lĩnh vực không cộng đúng tổng điểm', en: 'Fields do not add up to the total' },
  'above-max': { vi: 'Điểm vượt điểm tối đa', en: 'Score above its maximum' },
  index: { vi: 'Chỉ số ≠ tổng điểm ÷ điểm tối đa × 100', en: 'Index ≠ total ÷ max × 100' },
  rank: { vi: 'Thứ hạng không theo chỉ số', en: 'Rank does not follow the index' },
  band: { vi: 'Xếp loại không khớp ngưỡng', en: 'Band does not match its threshold' },
  summary: { vi: 'Tổng hợp xếp loại không khớp', en: 'Band summary does not add up' },
  'field-differs': { vi: 'Điểm lĩnh vực khác kết quả tính lại', en: 'Field differs from the recomputation' },
  'total-differs': { vi: 'Tổng điểm khác kết quả tính lại', en: 'Total differs from the recomputation' },
  'max-differs': { vi: 'Điểm tối đa khác kết quả tính lại', en: 'Maximum differs from the recomputation' },
  'index-differs': { vi: 'Chỉ số khác kết quả tính lại', en: 'Index differs from the recomputation' },
  'rank-differs': { vi: 'Thứ hạng khác kết quả tính lại', en: 'Rank differs from the recomputation' },
  'band-differs': { vi: 'Xếp loại khác kết quả tính lại', en: 'Band differs from the recomputation' },
  'unit-not-recomputed': { vi: 'Đơn vị không có trong minh chứng', en: 'Unit not in the evidence' },
  'unit-not-published': { vi: 'Đơn vị có minh chứng nhưng không được công bố', en: 'Unit scored but not published' },
  'unit-name-differs': { vi: 'Tên đơn vị khác tên trong minh chứng', en: 'Unit name differs from the evidence' },
  metadata: { vi: 'Thông tin quyết định không khớp', en: 'Decision metadata differs' },
};

const W: Record<string, Text> = {
  title: { vi: 'Kiểm tra quyết định công bố kết quả Chỉ số CCHC', en: 'Verification of a published PAR INDEX decision' },
  ok: { vi: 'Nhất quán: không phát hiện sai lệch.', en: 'Consistent: no discrepancy found.' },
  notOk: { vi: 'Phát hiện {n} sai lệch.', en: '{n} discrepancy(ies) found.' },
  decision: { vi: 'Quyết định', en: 'Decision' },
  issuer: { vi: 'Cơ quan ban hành', en: 'Issuer' },
  file: { vi: 'Tệp', en: 'File' },
  criteria: { vi: 'Bộ tiêu chí', en: 'Criteria set' },
  recomputed: { vi: 'Tính lại theo', en: 'Recomputed with' },
  rows: { vi: 'Số dòng', en: 'Rows' },
  tolerance: { vi: 'Sai số cho phép', en: 'Tolerance' },
  tieRule: { vi: 'Quy tắc xếp hạng', en: 'Tie rule' },
  checks: { vi: 'Các phép kiểm tra', en: 'Checks' },
  check: { vi: 'Phép kiểm tra', en: 'Check' },
  result: { vi: 'Kết quả', en: 'Result' },
  notRun: { vi: 'không thực hiện', en: 'not run' },
  discrepancies: { vi: 'Sai lệch', en: 'Discrepancies' },
  kind: { vi: 'Loại', en: 'Kind' },
  source: { vi: 'Nguồn', en: 'Found by' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  row: { vi: 'Dòng', en: 'Row' },
  field: { vi: 'Ô', en: 'Cell' },
  published: { vi: 'Công bố', en: 'Published' },
  expected: { vi: 'Đúng ra', en: 'Expected' },
  delta: { vi: 'Chênh lệch', en: 'Difference' },
  explanation: { vi: 'Giải thích', en: 'Explanation' },
  nodes: { vi: 'Tiêu chí liên quan (tính lại)', en: 'Nodes behind it (recomputed)' },
  notes: { vi: 'Ghi chú', en: 'Notes' },
  note: { vi: 'Ghi chú', en: 'Note' },
  summarySheet: { vi: 'Tóm tắt', en: 'Summary' },
  item: { vi: 'Mục', en: 'Item' },
  val: { vi: 'Nội dung', en: 'Value' },
  count: { vi: 'Số sai lệch', en: 'Discrepancies' },
  table: { vi: 'bảng', en: 'table' },
  evidence: { vi: 'minh chứng', en: 'evidence' },
  both: { vi: 'bảng và minh chứng', en: 'table and evidence' },
  whole: { vi: '(toàn bảng)', en: '(whole table)' },
  cellfield: { vi: 'lĩnh vực', en: 'field' },
  cellcount: { vi: 'số lượng', en: 'count' },
  cellpercent: { vi: 'tỷ lệ', en: 'percent' },
  celltotal: { vi: 'tổng điểm', en: 'total' },
  cellmax: { vi: 'điểm tối đa', en: 'max' },
  cellindex: { vi: 'chỉ số', en: 'index' },
  cellrank: { vi: 'xếp hạng', en: 'rank' },
  cellband: { vi: 'xếp loại', en: 'band' },
  cellunit: { vi: 'đơn vị', en: 'unit' },
  cellmetadata: { vi: 'thông tin', en: 'metadata' },
};

const w = (k: string, lang: Lang): string => W[k]![lang];

function value(v: number | string | null, lang: Lang): string {
  if (v === null) return '—';
  if (typeof v === 'number') return lang === 'vi' ? String(v).replace('.', ',') : String(v);
  return v;
}

function delta(v: number | null, lang: Lang): string {
  if (v === null) return '';
  const s = v > 0 ? `+${v}` : String(v);
  return lang === 'vi' ? s.replace('.', ',') : s;
}

function cellText(d: Discrepancy, lang: Lang): string {
  const base = w(`cell${d.cell}`, lang);
  return d.field !== undefined ? `${base} ${d.field}` : base;
}

function nodeText(n: NonNullable<Discrepancy['nodes']>[number], lang: Lang): string {
  return `${n.id} ${n.title}: ${value(n.points, lang)}/${value(n.max, lang)}${n.status !== 'scored' ? ` (${n.status})` : ''}`;
}

function checkText(c: CheckRun, lang: Lang): string {
  if (!c.run) return `${w('notRun', lang)}${c.reason ? `: ${c.reason[lang]}` : ''}`;
  return c.discrepancies === 0 ? '✓' : `✗ ${c.discrepancies}`;
}

function verdict(r: VerifyReport, lang: Lang): string {
  return r.ok ? w('ok', lang) : w('notOk', lang).replace('{n}', String(r.discrepancies.length));
}

function meta(r: VerifyReport, lang: Lang): [string, string][] {
  const d = r.decision;
  const rows: [string, string][] = [];
  if (d.number || d.date || d.title) rows.push([w('decision', lang), [d.number, d.date, d.title].filter(Boolean).join(', ')]);
  if (d.issuer) rows.push([w('issuer', lang), d.issuer]);
  if (d.file) rows.push([w('file', lang), d.file]);
  if (d.criteria) rows.push([w('criteria', lang), `${d.criteria.id}${d.criteria.version ? ` ${d.criteria.version}` : ''}`]);
  if (r.criteria) rows.push([w('recomputed', lang), `${r.criteria.id} ${r.criteria.version} (${r.criteria.hash})`]);
  rows.push([w('rows', lang), String(d.rows)]);
  rows.push([w('tolerance', lang), r.tolerance.rule[lang]]);
  const rk = r.rules.ranking;
  const keys = rk.tieBreak
    .map((k) => (k.by === 'node' ? `${lang === 'vi' ? 'điểm' : 'points of'} ${k.id}${k.order === 'asc' ? ' ↑' : ''}` : k.by))
    .join(', ');
  rows.push([
    w('tieRule', lang),
    `${rk.method}, ${rk.on}${keys ? `; ${keys}` : ''} (${rk.from})${r.rules.groupBy ? `; ${r.rules.groupBy}` : ''}`,
  ]);
  return rows;
}

/**
 * The report as Markdown: the decision, the verdict, each check (run or why not), every discrepancy with the
 * published and expected values and the difference, the nodes behind recomputed differences, and notes.
 *
 * @example writeFileSync('verify.md', renderVerifyMarkdown(verifyDecision(decision, { set, evidence }), 'vi'))
 */
export function renderVerifyMarkdown(r: VerifyReport, lang: Lang = 'vi'): string {
  // The decision's number, title, issuer and file, unit names, node titles and messages are the table's text.
  const esc = mdText;
  const out = [`# ${w('title', lang)}`, ''];
  for (const [k, v] of meta(r, lang)) out.push(`- ${k}: ${esc(v)}`);
  out.push(
    '',
    `**${verdict(r, lang)}**`,
    '',
    `## ${w('checks', lang)}`,
    '',
    `| ${w('check', lang)} | ${w('result', lang)} |`,
    '| --- | --- |',
  );
  for (const c of r.checks) out.push(`| ${esc(c.title[lang])} | ${esc(checkText(c, lang))} |`);
  if (r.discrepancies.length) {
    out.push(
      '',
      `## ${w('discrepancies', lang)}`,
      '',
      `| # | ${w('kind', lang)} | ${w('unit', lang)} | ${w('row', lang)} | ${w('field', lang)} | ${w('published', lang)} | ${w('expected', lang)} | ${w('delta', lang)} | ${w('source', lang)} |`,
      '| ---: | --- | --- | ---: | --- | ---: | ---: | ---: | --- |',
    );
    r.discrepancies.forEach((d, i) => {
      out.push(
        `| ${i + 1} | ${esc(DISCREPANCY_LABELS[d.kind][lang])} | ${esc(d.unit ?? w('whole', lang))} | ${d.row ?? ''} | ${esc(cellText(d, lang))} | ${esc(value(d.published, lang))} | ${esc(value(d.expected, lang))} | ${delta(d.delta, lang)} | ${w(d.source, lang)} |`,
      );
    });
    out.push('');
    r.discrepancies.forEach((d, i) => {
      out.push(`${i + 1}. ${esc(lang === 'vi' ? d.messageVi : d.message)}`);
      for (const n of d.nodes ?? []) {
        const lost = n.lost.map((x) => x[lang]).join('; ');
        out.push(`   - ${esc(nodeText(n, lang))}${lost ? ` — ${esc(lost)}` : ''}`);
      }
    });
  }
  if (r.notes.length) {
    out.push('', `## ${w('notes', lang)}`, '');
    for (const n of r.notes) out.push(`- ${esc(n[lang])}`);
  }
  return `${out.join('\n')}\n`;
}

function h(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The report as one self-contained HTML page: inline style, no script, no external resource, every text escaped.
 *
 * @example writeFileSync('verify.html', renderVerifyHtml(report, 'en'))
 */
export function renderVerifyHtml(r: VerifyReport, lang: Lang = 'vi'): string {
  const out = [
    `<!doctype html>`,
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(w('title', lang))}${r.decision.number ? ` — ${h(r.decision.number)}` : ''}</title>`,
    `<style>${TABLES_CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${h(w('title', lang))}</h1>`,
    '<dl>',
  ];
  for (const [k, v] of meta(r, lang)) out.push(`<dt>${h(k)}</dt><dd>${h(v)}</dd>`);
  out.push(
    '</dl>',
    `<p class="${r.ok ? 'ok' : 'bad'}">${h(verdict(r, lang))}</p>`,
    `<h2>${h(w('checks', lang))}</h2>`,
    '<table>',
    `<tr><th>${h(w('check', lang))}</th><th>${h(w('result', lang))}</th></tr>`,
  );
  for (const c of r.checks) out.push(`<tr><td>${h(c.title[lang])}</td><td>${h(checkText(c, lang))}</td></tr>`);
  out.push('</table>');
  if (r.discrepancies.length) {
    out.push(
      `<h2>${h(w('discrepancies', lang))}</h2>`,
      '<table>',
      `<tr><th>#</th><th>${h(w('kind', lang))}</th><th>${h(w('unit', lang))}</th><th>${h(w('row', lang))}</th><th>${h(w('field', lang))}</th><th>${h(w('published', lang))}</th><th>${h(w('expected', lang))}</th><th>${h(w('delta', lang))}</th><th>${h(w('explanation', lang))}</th></tr>`,
    );
    r.discrepancies.forEach((d, i) => {
      const nodes = (d.nodes ?? []).map((n) => {
        const lost = n.lost.map((x) => x[lang]).join('; ');
        return `<li>${h(nodeText(n, lang))}${lost ? ` <small>${h(lost)}</small>` : ''}</li>`;
      });
      out.push(
        `<tr><td class="n">${i + 1}</td><td>${h(DISCREPANCY_LABELS[d.kind][lang])}<br><small>${h(w(d.source, lang))}</small></td><td>${h(d.unit ?? w('whole', lang))}</td><td class="n">${d.row ?? ''}</td><td>${h(cellText(d, lang))}</td><td class="n">${h(value(d.published, lang))}</td><td class="n">${h(value(d.expected, lang))}</td><td class="n">${h(delta(d.delta, lang))}</td><td>${h(lang === 'vi' ? d.messageVi : d.message)}${nodes.length ? `<ul class="nodes">${nodes.join('')}</ul>` : ''}</td></tr>`,
      );
    });
    out.push('</table>');
  }
  if (r.notes.length) {
    out.push(`<h2>${h(w('notes', lang))}</h2>`, '<ul>');
    for (const n of r.notes) out.push(`<li>${h(n[lang])}</li>`);
    out.push('</ul>');
  }
  out.push('</body>', '</html>');
  return `${out.join('\n')}\n`;
}

/**
 * The report as JSON: `{ ok, discrepancies: [{ kind, source, unit, unitId?, row?, cell, field?, published,
 * expected, delta, tolerance?, message, messageVi, nodes? }], decision, criteria?, tolerance, rules, checks,
 * notes }`, keys in that fixed order (2-space indent), so the same report is the same bytes.
 *
 * @example JSON.parse(renderVerifyJson(report)).ok
 */
export function renderVerifyJson(r: VerifyReport): string {
  const discrepancies = r.discrepancies.map((d) => ({
    kind: d.kind,
    source: d.source,
    unit: d.unit,
    ...(d.unitId !== undefined ? { unitId: d.unitId } : {}),
    ...(d.row !== undefined ? { row: d.row } : {}),
    cell: d.cell,
    ...(d.field !== undefined ? { field: d.field } : {}),
    published: d.published,
    expected: d.expected,
    delta: d.delta,
    ...(d.tolerance !== undefined ? { tolerance: d.tolerance } : {}),
    message: d.message,
    messageVi: d.messageVi,
    ...(d.nodes ? { nodes: d.nodes } : {}),
  }));
  const doc = {
    ok: r.ok,
    discrepancies,
    decision: r.decision,
    ...(r.criteria ? { criteria: r.criteria } : {}),
    tolerance: r.tolerance,
    rules: r.rules,
    checks: r.checks,
    notes: r.notes,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * The report as office tables, laid out as the run report's (`officeTables`), for an XLSX workbook (one sheet
 * each) or CSV files: `summary` (the decision, the verdict, the tolerance and tie rule, the notes), `checks`
 * (each check and its result, or why it did not run) and `discrepancies` (one row each: kind, who found it, unit,
 * row, cell, published and expected values, difference, explanation and the recomputed nodes behind it).
 * Numbers stay numbers, so a spreadsheet can sort and sum them.
 *
 * @example
 * ```ts
 * const tables = verifyTables(verifyDecision(decision, { set, evidence }), 'vi');
 * tables.map((t) => t.name); // ['Tóm tắt', 'Các phép kiểm tra', 'Sai lệch']
 * ```
 */
export function verifyTables(r: VerifyReport, lang: Lang = 'vi'): readonly OfficeTable[] {
  const title = `${w('title', lang)}${r.decision.number ? ` — ${r.decision.number}` : ''}`;
  const summary: OfficeTable = {
    key: 'summary',
    name: w('summarySheet', lang),
    title,
    header: [w('item', lang), w('val', lang)],
    decimals: [null, null],
    rows: [[w('result', lang), verdict(r, lang)], ...meta(r, lang), ...r.notes.map((n) => [w('note', lang), n[lang]])],
  };
  const checks: OfficeTable = {
    key: 'checks',
    name: w('checks', lang),
    title,
    header: [w('check', lang), w('result', lang), w('count', lang)],
    decimals: [null, null, 0],
    rows: r.checks.map((c) => [c.title[lang], checkText(c, lang), c.run ? c.discrepancies : null]),
  };
  const discrepancies: OfficeTable = {
    key: 'discrepancies',
    name: w('discrepancies', lang),
    title: `${title}: ${verdict(r, lang)}`,
    header: [
      '#',
      w('kind', lang),
      w('source', lang),
      w('unit', lang),
      w('row', lang),
      w('field', lang),
      w('published', lang),
      w('expected', lang),
      w('delta', lang),
      w('explanation', lang),
      w('nodes', lang),
    ],
    decimals: [0, null, null, null, 0, null, null, null, null, null, null],
    rows: r.discrepancies.map((d, i) => [
      i + 1,
      DISCREPANCY_LABELS[d.kind][lang],
      w(d.source, lang),
      d.unit ?? w('whole', lang),
      d.row ?? null,
      cellText(d, lang),
      d.published,
      d.expected,
      d.delta,
      lang === 'vi' ? d.messageVi : d.message,
      (d.nodes ?? []).map((n) => nodeText(n, lang)).join('; ') || null,
    ]),
  };
  return finishTables([summary, checks, discrepancies]);
}
