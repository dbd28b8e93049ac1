/**
 * The row issues of a dossier summary as library issues. Pure: no Node.
 * @module
 */
import { issue, type Issue } from '../core/errors.js';
import type { DossierSummary } from './dossier-summary.js';
import type { RowIssue } from './dossier-record.js';

/**
 * Turns the row issues of a summary into library issues (errors for rejections, warnings for warnings).
 * @example summaryIssues(summary).map((i) => formatIssue(i, 'vi'))
 */
export function summaryIssues(s: DossierSummary): Issue[] {
  const conv = (x: RowIssue, sev: 'error' | 'warning') => issue(x.code, sev, ['row', x.row], x.message, x.messageVi, { file: x.file });
  return [...s.rejected.map((x) => conv(x, 'error')), ...s.warnings.map((x) => conv(x, 'warning'))];
}
