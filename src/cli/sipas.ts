/**
 * The `sipas` command: satisfaction indices from a questionnaire and responses (CSV/XLSX), tallies or a
 * survey-source descriptor — several inputs are merged as tallies. `main.ts` registers {@link commands}.
 * @module
 */
import { NUMBER_FORMATS } from '../core/numbers.js';
import { formatIssue, type Issue } from '../core/errors.js';
import { computeIndices } from '../sipas/indices.js';
import type { ImportReport } from '../sipas/responses.js';
import { mergeTallies, poolUnits } from '../sipas/tally-merge.js';
import type { Tally } from '../sipas/tally.js';
import { writeText } from '../io/index.js';
import { renderSipasCsv, renderSipasMarkdown, renderSipasTable } from '../report/sipas.js';
import { readQuestionnaire, readSurveyInput, SurveyRead } from '../io/survey-source.js';
import { emit, langOf, oneOf, UsageError, type Command } from './command.js';
import { progress } from './progress.js';
import { pushAll } from '../core/lists.js';

/**
 * The commands of this feature, for `main.ts` to register.
 *
 * @example `main(['sipas', 'questionnaires/van-lam-commune-2021.yaml', 'responses.csv', '--unit-column', 'xa'])`
 */
export const commands: Record<string, Command> = {
  sipas: {
    usage:
      'par-index sipas <questionnaire> <responses|tally|descriptor…> [--by unit] [--format table|json|csv|md] [--interval wilson|clopper-pearson] [--unit-column NAME] [--weight-column NAME] [--numbers vi|en] [--tally-out FILE] [--allow-outside] [--out FILE] [--lang vi|en] [--quiet]',
    summary: {
      vi: 'Tính chỉ số hài lòng (SIPAS) theo câu hỏi, nhóm, phần và chung, kèm n và khoảng tin cậy, từ phiếu khảo sát (CSV/XLSX), bảng đếm hoặc tệp mô tả nguồn; liệt kê mọi dòng bị loại (thoát 1 nếu có).',
      en: 'Compute satisfaction indices (SIPAS) per item, group, part and overall, with n and intervals, from responses (CSV/XLSX), tallies or a survey-source descriptor; lists every rejected row (exit 1 if any).',
    },
    example:
      'par-index sipas questionnaires/van-lam-commune-2021.yaml fixtures/van-lam-2021/survey/responses-2021.csv --unit-column xa --by unit --lang en',
    options: {
      by: { type: 'string' },
      format: { type: 'string', default: 'table' },
      interval: { type: 'string' },
      'unit-column': { type: 'string' },
      'weight-column': { type: 'string' },
      numbers: { type: 'string' },
      'tally-out': { type: 'string' },
      'allow-outside': { type: 'boolean' },
      out: { type: 'string' },
    },
    async run(pos, opts, io) {
      const lang = langOf(opts['lang']);
      if (pos.length < 2)
        throw new UsageError(
          'sipas takes a questionnaire and at least one responses table, tally or descriptor',
          'sipas cần một bộ câu hỏi và ít nhất một bảng phiếu, bảng đếm hoặc tệp mô tả nguồn',
        );
      const format = oneOf('format', opts['format'], ['table', 'json', 'csv', 'md'] as const);
      const by = opts['by'] === undefined ? undefined : oneOf('by', opts['by'], ['unit'] as const);
      const interval =
        opts['interval'] === undefined ? undefined : oneOf('interval', opts['interval'], ['wilson', 'clopper-pearson'] as const);
      const q = readQuestionnaire(pos[0]!);
      const tallies: Tally[] = [];
      const reports: ImportReport[] = [];
      const p = progress(io, { quiet: opts['quiet'] === true, lang });
      // One read for every input: a file given twice (or a copy of it) is refused, a form counted once.
      const read = new SurveyRead();
      for (const input of pos.slice(1)) {
        p.step(`đọc ${input}`, `reading ${input}`);
        const r = await readSurveyInput(input, q, {
          ...(typeof opts['unit-column'] === 'string' ? { unitColumn: opts['unit-column'] } : {}),
          ...(typeof opts['weight-column'] === 'string' ? { weightColumn: opts['weight-column'] } : {}),
          ...(opts['numbers'] !== undefined ? { numbers: NUMBER_FORMATS[oneOf('numbers', opts['numbers'], ['vi', 'en'] as const)] } : {}),
          ...(p.shown ? { onProgress: (n: number) => p.count(n, undefined, 'dòng', 'rows') } : {}),
          read,
          ...(opts['allow-outside'] === true ? { allowOutside: true } : {}),
        });
        p.done();
        tallies.push(r.tally);
        pushAll(reports, r.reports);
      }
      const tally = mergeTallies(tallies);
      if (typeof opts['tally-out'] === 'string') writeText(opts['tally-out'], `${JSON.stringify(tally)}\n`);
      const result = computeIndices(q, by === 'unit' ? tally : poolUnits(tally, '*'), interval ? { interval } : {});
      const text =
        format === 'json'
          ? `${JSON.stringify({ ...result, rows: reports.map(reportSummary) }, null, 2)}\n`
          : format === 'csv'
            ? renderSipasCsv(result, q)
            : format === 'md'
              ? renderSipasMarkdown(result, lang, q)
              : renderSipasTable(result, lang, q);
      emit(text, opts['out'], io);
      let rejected = 0;
      for (const r of reports) {
        io.err(
          lang === 'vi'
            ? `${r.file ?? ''}: ${r.rowsIn} dòng = ${r.rowsUsed} dùng + ${r.rowsRejected} bị loại`
            : `${r.file ?? ''}: ${r.rowsIn} rows = ${r.rowsUsed} used + ${r.rowsRejected} rejected`,
        );
        for (const i of r.issues) io.err(`  ${formatIssue(i, lang)}`);
        if (r.moreIssues > 0) io.err(lang === 'vi' ? `  … và ${r.moreIssues} lỗi khác` : `  … and ${r.moreIssues} more`);
        rejected += r.rowsRejected;
      }
      const warnings: Issue[] = result.units.flatMap((u) => u.warnings);
      for (const w of warnings) io.err(formatIssue(w, lang));
      return rejected > 0 ? 1 : 0;
    },
  },
};

function reportSummary(r: ImportReport): Record<string, unknown> {
  return {
    file: r.file,
    rowsIn: r.rowsIn,
    rowsUsed: r.rowsUsed,
    rowsRejected: r.rowsRejected,
    rejectedRows: r.rejectedRows,
    issues: r.issues,
    moreIssues: r.moreIssues,
  };
}
