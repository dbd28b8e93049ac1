/**
 * Office tables as one self-contained HTML page (inline style, no script, no external resource, every text
 * escaped): what `verify` writes with `--format html` for the checks that are tables and findings only — a grade
 * distribution, published SIPAS figures — so every check the command runs reads the same way in a browser.
 *
 * Pure: no Node built-ins.
 * @module
 */
import type { Lang } from '../core/errors.js';
import { escapeHtml as h } from './html.js';
import type { OfficeCell, OfficeTable } from './office-tables.js';

/** The style of the verify pages: tables with a verdict above them. */
export const TABLES_CSS = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}
.ok{color:#0a6b2d;font-weight:600}.bad{color:#a4000f;font-weight:600}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}
ul.nodes{margin:.3rem 0 0 1rem;padding:0;font-size:.92em}small{color:#555}`;

/** A cell as printed: numbers with their column's decimals (a decimal comma in Vietnamese), text as it is. */
function cellText(v: OfficeCell, decimals: number | null | undefined, lang: Lang): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  const s = decimals === null || decimals === undefined ? String(v) : v.toFixed(decimals);
  return lang === 'vi' ? s.replace('.', ',') : s;
}

/**
 * The tables as one HTML page: a heading, the verdict (green when consistent, red when not), then each table
 * under its name. The first column of numbers is right-aligned, as in the other reports.
 *
 * @example writeFileSync('distribution.html', officeTablesHtml(distributionTables(report, 'en'), { lang: 'en', title: 'Check of a grade distribution', verdict: { ok: report.ok, text: '2 discrepancies found.' } }))
 */
export function officeTablesHtml(
  tables: readonly OfficeTable[],
  opts: { readonly lang: Lang; readonly title: string; readonly verdict?: { readonly ok: boolean; readonly text: string } },
): string {
  const out = [
    '<!doctype html>',
    `<html lang="${opts.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(opts.title)}</title>`,
    `<style>${TABLES_CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${h(opts.title)}</h1>`,
  ];
  if (opts.verdict) out.push(`<p class="${opts.verdict.ok ? 'ok' : 'bad'}">${h(opts.verdict.text)}</p>`);
  for (const t of tables) {
    out.push(`<h2>${h(t.name)}</h2>`, '<table>', `<tr>${t.header.map((x) => `<th>${h(x)}</th>`).join('')}</tr>`);
    for (const r of t.rows)
      out.push(
        `<tr>${r.map((v, i) => `<td${typeof v === 'number' ? ' class="n"' : ''}>${h(cellText(v, t.decimals[i], opts.lang))}</td>`).join('')}</tr>`,
      );
    out.push('</table>');
  }
  out.push('</body>', '</html>');
  return `${out.join('\n')}\n`;
}
