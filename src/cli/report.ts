/**
 * The `report` command: a scoring run as a self-contained HTML report (charts embedded), an XLSX workbook in
 * the layout offices use, or CSV tables. `main.ts` registers {@link commands}.
 * @module
 */
import { readCriteriaSet, writeText } from '../io/index.js';
import { renderReportHtml } from '../io/render-svg.js';
import { readEvidenceSources } from '../io/sources.js';
import { writeReportCsv, writeReportXlsx } from '../io/xlsx.js';
import { cardsOf } from '../ranking/rank.js';
import { score } from '../ranking/score.js';
import { officeTableCsv, officeTables, pointsLostTable } from '../report/office-tables.js';
import { fieldRows, rowsCsv, traceRows, unitRows, warningRows } from '../report/rows.js';
import {
  emit,
  FOLDER_OPTION,
  folderOptions,
  langOf,
  oneOf,
  printAssumptions,
  printCardWarnings,
  UsageError,
  type Command,
} from './command.js';
import { criteriaProvenance } from '../criteria/check.js';
import { SOURCE_READERS } from './readers.js';
import { filesRead, progress } from './progress.js';

const TABLES = ['ranking', 'units', 'fields', 'trace', 'warnings', 'points-lost', 'all'] as const;

/**
 * The commands of this feature, for `main.ts` to register.
 *
 * @example `main(['report', 'criteria/examples/van-lam-commune-2021.yaml', 'fixtures/van-lam-2021', '--format', 'html', '--out', 'out/report.html'])`
 */
export const commands: Record<string, Command> = {
  report: {
    usage:
      'par-index report <criteria> <evidence…> [--format html|xlsx|csv] [--table ranking|units|fields|trace|warnings|points-lost|all] [--out FILE|FOLDER] [--lang vi|en] [--lenient] [--follow-links] [--allow-outside] [--quiet]',
    summary: {
      vi: 'Xuất kết quả chấm điểm: báo cáo HTML trọn gói (bảng xếp hạng, biểu đồ, cảnh báo, diễn giải từng đơn vị; mở được khi không có mạng), sổ tính XLSX (xếp hạng, từng lĩnh vực, cảnh báo) hoặc bảng CSV.',
      en: "Export a scoring run: a self-contained HTML report (ranked table, charts, warnings, each unit's trace; opens offline), an XLSX workbook (ranking, one sheet per field, warnings) or CSV tables.",
    },
    example: 'par-index report criteria/examples/van-lam-commune-2021.yaml fixtures/van-lam-2021 --format html --out out/bao-cao-2021.html',
    options: {
      format: { type: 'string', default: 'html' },
      table: { type: 'string', default: 'ranking' },
      out: { type: 'string' },
      lenient: { type: 'boolean' },
      ...FOLDER_OPTION,
    },
    async run(pos, opts, io) {
      const lang = langOf(opts['lang']);
      if (pos.length < 2)
        throw new UsageError(
          lang === 'vi'
            ? 'report cần một tệp bộ tiêu chí và ít nhất một tệp hoặc thư mục minh chứng'
            : 'report takes a criteria file and at least one evidence file or folder',
        );
      const format = oneOf('format', opts['format'], ['html', 'xlsx', 'csv'] as const);
      const table = oneOf('table', opts['table'], TABLES);
      const out = typeof opts['out'] === 'string' ? opts['out'] : undefined;
      if (format === 'xlsx' && out === undefined)
        throw new UsageError(
          lang === 'vi'
            ? '--format xlsx ghi sổ tính nhị phân: cần --out TỆP.xlsx'
            : '--format xlsx writes a binary workbook: give --out FILE.xlsx',
        );
      if (format === 'csv' && table === 'all' && out === undefined)
        throw new UsageError(
          lang === 'vi'
            ? '--table all ghi mỗi bảng một tệp CSV: cần --out THƯ_MỤC'
            : '--table all writes one CSV file per table: give --out FOLDER',
        );
      if (format !== 'csv' && opts['table'] !== 'ranking')
        throw new UsageError(lang === 'vi' ? '--table chỉ dùng với --format csv' : '--table applies to --format csv only');
      const p = progress(io, { quiet: opts['quiet'] === true, lang });
      const step = p.step.bind(p);
      step('đọc bộ tiêu chí và minh chứng', 'reading the criteria set and the evidence');
      const set = readCriteriaSet(pos[0]!);
      const evidence = await readEvidenceSources(pos.slice(1), {
        ...folderOptions(opts, lang, io),
        readers: SOURCE_READERS,
        set,
        onProgress: filesRead(p),
      });
      step(`chấm ${evidence.units.length} đơn vị`, `scoring ${evidence.units.length} units`);
      // The trace is built only when the output shows it: the numbers are the same either way.
      const withTrace = format === 'html' || table === 'trace';
      const ranking = score(set, evidence, { trace: withTrace, ...(opts['lenient'] === true ? { lenient: true } : {}) });
      const cards = cardsOf(ranking);
      const assumptions = criteriaProvenance(set, set.file);
      if (format === 'html') {
        step('vẽ biểu đồ và viết báo cáo', 'drawing the charts and writing the report');
        emit(await renderReportHtml(ranking, { lang, bands: set.bands?.levels, assumptions }), out, io);
      } else if (format === 'xlsx') {
        step('viết sổ tính', 'writing the workbook');
        await writeReportXlsx(out!, ranking, { lang, assumptions });
      } else if (table === 'all') {
        const files = writeReportCsv(out!, ranking, { lang, assumptions });
        if (opts['quiet'] !== true)
          io.err(lang === 'vi' ? `Đã ghi ${files.length} tệp CSV vào ${out}` : `Wrote ${files.length} CSV files to ${out}`);
      } else {
        const text =
          table === 'ranking'
            ? officeTableCsv(officeTables(ranking, lang)[0]!)
            : table === 'units'
              ? rowsCsv(unitRows(ranking, lang))
              : table === 'fields'
                ? rowsCsv(fieldRows(ranking, lang))
                : table === 'trace'
                  ? rowsCsv(traceRows(cards, lang))
                  : table === 'points-lost'
                    ? officeTableCsv(pointsLostTable(ranking, lang))
                    : rowsCsv(warningRows(cards, lang), ['unitId', 'unitName', 'code', 'severity', 'node', 'where', 'message']);
        // A byte-order mark only in a file: Excel needs it to read UTF-8, a pipe does not want it.
        if (out !== undefined) writeText(out, `\uFEFF${text}`);
        else emit(text, undefined, io);
      }
      if (out !== undefined && opts['quiet'] !== true && !(format === 'csv' && table === 'all'))
        io.err(lang === 'vi' ? `Đã ghi ${out}` : `Wrote ${out}`);
      printCardWarnings(cards, lang, io);
      printAssumptions(assumptions, pos[0]!, lang, io);
      return 0;
    },
  },
};
