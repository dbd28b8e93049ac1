/**
 * Reading a published decision from files (Node only, exported through `par-index/io`): a bare CSV or XLSX table,
 * a YAML/JSON document with the rows inline, or a YAML/JSON descriptor naming its table file.
 * @module
 */
import { dirname, extname, resolve } from 'node:path';
import { parseText } from '../core/document.js';
import type { TableRow } from '../core/table.js';
import { loadPublishedDecision, type ReadDecisionOptions, type PublishedDecision } from '../verify/decision.js';
import { decisionFromRecords, decisionFromTable } from '../verify/decision-table.js';
import { parsePublished, PUBLISHED_FORMAT, PUBLISHED_FORMAT_VERSION } from '../verify/published.js';
import { distributionFromTable, isDistributionHeader, loadDistribution, type Distribution } from '../verify/distribution.js';
import { displayPath, readText, type ReadOptions } from './files.js';
import { openTable, wholeTable, type TableInput } from './table.js';

const TABLE_EXT = new Set(['.csv', '.tsv', '.txt', '.xlsx']);

async function readTable(
  path: string | TableInput,
  sheet: string | number | undefined,
  maxBytes: number | undefined,
  maxRows: number | undefined,
): Promise<{ file: string; header: readonly string[]; rows: TableRow[] }> {
  // A decision has a row per unit, and its rows are kept: the limit of files read whole, not of streamed tables.
  const t = await openTable(path, {
    ...wholeTable({ maxBytes }),
    ...(sheet !== undefined ? { sheet } : {}),
    ...(maxRows !== undefined ? { maxRows } : {}),
  });
  const rows: TableRow[] = [];
  for await (const r of t.rows) rows.push(r);
  return { file: t.file, header: t.header, rows };
}

/**
 * Reads a published decision from a file: `.csv`/`.xlsx` (headers recognised by their Vietnamese names, no
 * metadata), a JSON list of rows (`[{ "Đơn vị": "Xã An", "Chỉ số (%)": "80,00" }, …]`, read as such a table), or `.yaml`/`.yml`/`.json` in the `par-index/published@1` format (rows inline, or `table:` naming a
 * CSV/XLSX file beside it). A bare table may also come as a {@link TableInput} (an upload's body or bytes, with
 * its name); a YAML/JSON text in memory is read by `loadPublishedDecision`. `fields` (from the criteria set) lets
 * columns be matched by field title. Throws `ParIndexError` naming the file, row and column of every problem.
 *
 * @example
 * ```ts
 * const d = await readPublishedDecision('fixtures/van-lam-2021/published/cong-bo-chi-so-cchc-2021.yaml');
 * d.rows.length; // 11
 * ```
 */
export async function readPublishedDecision(
  source: string | TableInput,
  opts: Omit<ReadDecisionOptions, 'file'> & ReadOptions = {},
): Promise<PublishedDecision> {
  const fields = opts.fields;
  // The caller's limits hold on every step: the file's size, its text, its rows inline or in a table.
  const limits = opts.limits;
  const lim = limits ? { limits } : {};
  if (typeof source !== 'string') {
    const t = await readTable(source, undefined, opts.maxBytes, limits?.maxRows);
    return decisionFromTable(t, { format: `${PUBLISHED_FORMAT}@${PUBLISHED_FORMAT_VERSION}` }, { file: t.file, fields, limits });
  }
  const path = source;
  const ext = extname(path).toLowerCase();
  if (TABLE_EXT.has(ext)) {
    const t = await readTable(path, undefined, opts.maxBytes, limits?.maxRows);
    return decisionFromTable(t, { format: `${PUBLISHED_FORMAT}@${PUBLISHED_FORMAT_VERSION}` }, { file: t.file, fields, limits });
  }
  const file = displayPath(path);
  const doc = parseText(readText(path, { ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}), ...lim }), { file, ...lim });
  // A bare list of rows (a province's published list as JSON): each object's keys are the table's headers.
  if (Array.isArray(doc)) return decisionFromRecords(doc, { file, fields, limits });
  const meta = parsePublished(doc, { file, limits });
  if (meta.table === undefined) return loadPublishedDecision(doc, { file, fields, limits });
  const t = await readTable(resolve(dirname(path), meta.table), meta.sheet, opts.maxBytes, limits?.maxRows);
  return decisionFromTable(t, meta, { file: t.file, fields, limits });
}

/**
 * What a file given to `verify` holds: a published decision (a table of units, or a `par-index/published@1`
 * document), a grade distribution (a table of grade, count and percentage columns, or a
 * `par-index/distribution@1` document) or published SIPAS figures (`par-index/sipas-figures@1`).
 *
 * @example await publishedKind('tong-hop-xep-loai.csv') // 'distribution'
 */
export async function publishedKind(path: string, opts: ReadOptions = {}): Promise<'decision' | 'distribution' | 'sipas-figures'> {
  const ext = extname(path).toLowerCase();
  if (TABLE_EXT.has(ext)) {
    const t = await readTable(path, undefined, opts.maxBytes, opts.limits?.maxRows);
    return isDistributionHeader(t.header) ? 'distribution' : 'decision';
  }
  const lim = opts.limits ? { limits: opts.limits } : {};
  const doc = parseText(readText(path, { ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}), ...lim }), {
    file: displayPath(path),
    ...lim,
  });
  const tag = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as { format?: unknown }).format : undefined;
  if (typeof tag === 'string' && tag.startsWith('par-index/distribution@')) return 'distribution';
  if (typeof tag === 'string' && tag.startsWith('par-index/sipas-figures@')) return 'sipas-figures';
  return 'decision';
}

/**
 * Reads a grade distribution: a `par-index/distribution@1` document (YAML or JSON), or a CSV/XLSX table with
 * grade, count and percentage columns and a total row. Throws `ParIndexError` naming the file, row and column.
 *
 * @example verifyDistribution(await readDistribution('tong-hop-xep-loai.yaml')).ok
 */
export async function readDistribution(path: string, opts: ReadOptions = {}): Promise<Distribution> {
  const ext = extname(path).toLowerCase();
  if (TABLE_EXT.has(ext)) {
    const t = await readTable(path, undefined, opts.maxBytes, opts.limits?.maxRows);
    return distributionFromTable(t, { file: t.file });
  }
  const file = displayPath(path);
  const lim = opts.limits ? { limits: opts.limits } : {};
  const text = readText(path, { ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}), ...lim });
  return loadDistribution(parseText(text, { file, ...lim }), { file, limits: opts.limits });
}
