/**
 * Every report of a scoring run says how many assumptions its criteria set holds: `score` and `explain` in a
 * line on standard error, the Markdown and HTML reports under the set's name and in a closing list, the XLSX
 * workbook and the CSV tables in an "Assumptions" sheet or file. The example set, given a set-level provenance
 * `assumed` (in a temporary copy), holds one assumption that covers the whole set.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { criteriaProvenance } from '../../src/criteria/check.js';
import { readCriteriaSet } from '../../src/io/index.js';
import { officeTables } from '../../src/report/office-tables.js';
import { reportHtml } from '../../src/report/html.js';
import { reportMarkdown } from '../../src/report/report.js';
import { criteriaFile, ranking } from '../support/report-example.js';
import { root } from '../support/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'par-prov-set-'));
const CRITERIA = join(tmp, 'van-lam-assumed.yaml');
const text = readFileSync(criteriaFile, 'utf8');
expect(text).toContain('\nstatus: illustrative\n');
writeFileSync(
  CRITERIA,
  text.replace(
    '\nstatus: illustrative\n',
    '\nstatus: illustrative\nprovenance: { status: assumed, note: "Điểm số minh họa (illustrative points)" }\n',
  ),
);
const EVIDENCE = join(root, 'fixtures/van-lam-2021');

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s), progress: { isTTY: false, write: () => true } });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const set = readCriteriaSet(CRITERIA);
const report = criteriaProvenance(set, CRITERIA);

describe('the assumptions of the criteria set in every report', () => {
  it('the set holds exactly one assumption, its own, covering every node', () => {
    expect(report.assumptions.map((a) => [a.path, a.note])).toEqual([[[], 'Điểm số minh họa (illustrative points)']]);
    // The set's own description and each of its nodes.
    expect([report.entries, report.assumptions[0]!.covers]).toEqual([66, 67]);
    // The example as shipped declares none: nothing is said of it.
    expect(criteriaProvenance(readCriteriaSet(criteriaFile)).assumptions).toEqual([]);
  });

  it('score and explain say it on standard error, not in their output', async () => {
    const s = await run('score', CRITERIA, EVIDENCE, '--lang', 'en', '--quiet');
    expect(s.code).toBe(0);
    expect(s.err).toContain(`Note: the criteria set holds 1 assumption (content no source confirms); see: par-index check ${CRITERIA}`);
    expect(s.out).not.toContain('assumption');
    const e = await run('explain', CRITERIA, EVIDENCE, '--unit', 'lac-dao', '--lang', 'vi', '--quiet');
    expect(e.err).toContain('Lưu ý: bộ tiêu chí có 1 giả định');
  });

  it('the Markdown report counts them under the set and lists them at the end', () => {
    const md = reportMarkdown(ranking, 'en', { assumptions: report });
    const lines = md.split('\n');
    expect(lines).toContain('- Assumptions: the criteria set holds 1 item(s) no source confirms (end of the report)');
    const at = lines.indexOf("# The criteria set's assumptions");
    expect(at).toBeGreaterThan(lines.findIndex((l) => l.startsWith('- Assumptions')));
    expect(lines[at + 2]).toBe('- The whole set: Điểm số minh họa (illustrative points)');
    // Without the option the report is as before: no section.
    expect(reportMarkdown(ranking, 'en')).not.toContain('assumptions');
  });

  it('score --format md and report --format html carry them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'par-prov-'));
    const md = await run('score', CRITERIA, EVIDENCE, '--format', 'md', '--out', join(dir, 's.md'), '--lang', 'vi', '--quiet');
    expect(md.code).toBe(0);
    expect(readFileSync(join(dir, 's.md'), 'utf8')).toContain('# Giả định của bộ tiêu chí');
    const html = await run('report', CRITERIA, EVIDENCE, '--format', 'html', '--out', join(dir, 'r.html'), '--lang', 'en', '--quiet');
    expect(html.code, html.err).toBe(0);
    const page = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(page).toContain('id="assumptions"');
    expect(page).toContain('href="#assumptions"');
    // A set that declares no assumption (the example as shipped) gets no footnote, even when the report is asked.
    const none = reportHtml(ranking, { lang: 'en', assumptions: criteriaProvenance(readCriteriaSet(criteriaFile)) });
    expect(none).not.toContain('id="assumptions"');
    expect(none).not.toContain('href="#assumptions"');
  });

  it('the office tables (XLSX sheets, CSV files) gain an assumptions table only when there are any', async () => {
    const t = officeTables(ranking, 'vi', { assumptions: report });
    const last = t.at(-1)!;
    expect([last.key, last.name, last.rows.length]).toEqual(['assumptions', 'Giả định', 1]);
    expect(officeTables(ranking, 'vi').some((x) => x.key === 'assumptions')).toBe(false);
    expect(officeTables(ranking, 'vi', { assumptions: { ...report, assumptions: [] } }).some((x) => x.key === 'assumptions')).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'par-prov-csv-'));
    const r = await run('report', CRITERIA, EVIDENCE, '--format', 'csv', '--table', 'all', '--out', dir, '--lang', 'en', '--quiet');
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(dir)).toContain('assumptions.csv');
  });
});
