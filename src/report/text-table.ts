import { maxOf } from '../core/lists.js';
import { mdText } from './format.js';
/**
 * An aligned text table for a terminal, or the same rows as a Markdown table, with numeric columns aligned right.
 * @module
 */

/** The table as aligned text (`md: false`, columns joined by two spaces under a rule) or Markdown (every cell escaped). */
export function alignedTable(header: string[], rows: string[][], md: boolean, numeric: (i: number) => boolean): string {
  if (md) {
    // Cells hold unit names and field ids: escaped, so that no cell, tag or link comes from them.
    const esc = mdText;
    return [
      `| ${header.map(esc).join(' | ')} |`,
      `|${header.map((_, i) => (numeric(i) ? ' ---: ' : ' --- ')).join('|')}|`,
      ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
    ].join('\n');
  }
  const all = [header, ...rows];
  const width = header.map((_, i) => maxOf([...all.map((r) => [...(r[i] ?? '')].length)]));
  const line = (r: string[]) =>
    r
      .map((c, i) => (numeric(i) ? c.padStart(width[i]!) : c.padEnd(width[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), width.map((x) => '─'.repeat(x)).join('  '), ...rows.map(line)].join('\n');
}
