/**
 * The `rank`, `compare`, `uncertainty` and `verify` commands. Reading evidence needs the source readers
 * (dossier exports, survey responses…) that `main.ts` holds; importing them from there would be a cycle, so this
 * file exports {@link makeCommands}, which takes them, and {@link commands}, built with none.
 * @module
 */
import { extname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseText } from '../core/document.js';
import { formatIssue } from '../core/errors.js';
import { Exact } from '../core/exact.js';
import { readCriteriaSet } from '../io/index.js';
import { displayPath, readText } from '../io/files.js';
import { readEvidenceSources, type SourceReader } from '../io/sources.js';
import { compareYears } from '../ranking/compare.js';
import { cardsOf, rank, RANK_METHODS, type RankRule, type TieBreakKey } from '../ranking/rank.js';
import { readScoreCards, readUncertaintySpec, readUnitMap } from '../io/ranking-files.js';
import { rankUncertainty } from '../ranking/uncertainty.js';
import { DEFAULT_UNCERTAINTY_SPEC } from '../ranking/uncertainty-spec.js';
import { renderComparison } from '../report/comparison.js';
import { renderJson } from '../report/report.js';
import { renderCsv, renderTable, renderTableMarkdown } from '../report/table.js';
import { officeTableCsv } from '../report/office-tables.js';
import { renderUncertainty } from '../report/uncertainty.js';
import { renderPublishedRanking, renderPublishedRankingCsv } from '../report/published-ranking.js';
import { renderVerifyHtml, renderVerifyJson, renderVerifyMarkdown, verifyTables } from '../report/verify.js';
import { writeOfficeTablesCsv, writeOfficeTablesXlsx } from '../io/xlsx.js';
import { publishedKind, readDistribution, readPublishedDecision } from '../io/verify-files.js';
import { readSipasFigures } from '../io/sipas-figures-files.js';
import { verifyDistribution } from '../verify/distribution.js';
import { verifySipasFigures } from '../verify/sipas-figures.js';
import { distributionTables, distributionTitle, distributionVerdict, renderDistributionMarkdown } from '../report/distribution.js';
import { renderSipasFiguresMarkdown, sipasFiguresTables, sipasFiguresTitle, sipasFiguresVerdict } from '../report/sipas-figures.js';
import { officeTablesHtml } from '../report/tables-html.js';
import { decisionFields, verifyDecision } from '../verify/verify.js';
import { rankPublished } from '../verify/rank-published.js';
import { emit, FOLDER_OPTION, folderOptions, langOf, oneOf, UsageError, type Command } from './command.js';
import { filesRead, progress } from './progress.js';

/** Parses `--tie-break node:3,name,id,node:2:asc` into keys. */
function tieBreak(v: unknown): TieBreakKey[] {
  return String(v)
    .split(',')
    .filter((s) => s.trim() !== '')
    .map((s) => {
      const p = s.trim().split(':');
      if (p[0] === 'name' || p[0] === 'id') return { by: p[0] };
      if (p[0] === 'node' && p[1]) {
        if (p[2] !== undefined && p[2] !== 'asc' && p[2] !== 'desc')
          throw new UsageError(
            `--tie-break: order must be asc or desc, got "${p[2]}"`,
            `--tie-break: thứ tự phải là asc hoặc desc, nhận được "${p[2]}"`,
          );
        return { by: 'node', id: p[1], ...(p[2] ? { order: p[2] } : {}) };
      }
      throw new UsageError(
        `--tie-break takes a comma-separated list of name, id, node:<id>[:asc|desc]; got "${s}"`,
        `--tie-break nhận danh sách cách nhau bởi dấu phẩy gồm name, id, node:<mã>[:asc|desc]; nhận được "${s}"`,
      );
    });
}

/**
 * Whether a file is a score file (the JSON `score` writes: a list of cards tagged `par-index/scorecard@…`) rather
 * than a published table: a table, a YAML document or a JSON list of printed rows is a published table.
 */
function isScoreFile(path: string): boolean {
  if (extname(path).toLowerCase() !== '.json') return false;
  const doc = parseText(readText(path), { file: displayPath(path) });
  if (!Array.isArray(doc)) return false;
  const first: unknown = doc[0];
  if (first === undefined) return true;
  const tag = first !== null && typeof first === 'object' ? (first as { format?: unknown }).format : undefined;
  return typeof tag === 'string' && tag.startsWith('par-index/scorecard');
}

/** A tolerance option: a number ≥ 0, with a comma or a point. */
function toleranceOption(name: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const t = Exact.parse(String(v));
  if (!t || t.sign() < 0)
    throw new UsageError(
      `--${name} must be a number ≥ 0 (e.g. 0,01), got "${String(v)}"`,
      `--${name} phải là số ≥ 0 (ví dụ 0,01), nhận được "${String(v)}"`,
    );
  return t.toNumber();
}

function wholeNumber(name: string, v: unknown, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(
      `--${name} must be a whole number ≥ ${min}, got "${String(v)}"`,
      `--${name} phải là số nguyên ≥ ${min}, nhận được "${String(v)}"`,
    );
  return n;
}

/**
 * Builds the commands with the evidence-source readers to use (the lead passes main.ts's list).
 *
 * @example
 * ```ts
 * const COMMANDS = { ...CORE_COMMANDS, ...makeCommands(SOURCE_READERS) };
 * ```
 */
export function makeCommands(readers: readonly SourceReader[]): Record<string, Command> {
  return {
    rank: {
      usage:
        'par-index rank <scores.json|published.csv|xlsx|json|yaml> [--criteria FILE] [--method competition|dense|ordinal] [--on rounded|exact] [--tie-break name,id,node:<id>[:asc]] [--published-order] [--by index|total] [--group-by kind|parent|<attribute>] [--format table|json|csv|md] [--out FILE] [--lang vi|en]',
      summary: {
        vi: 'Xếp hạng lại các phiếu điểm (tệp JSON của lệnh score) hoặc một bảng kết quả đã công bố (CSV, XLSX, JSON: đơn vị và chỉ số hoặc tổng điểm): cạnh tranh (1, 2, 2, 4), liền (1, 2, 2, 3) hoặc thứ tự, theo chỉ số in hoặc chính xác, trong từng nhóm đơn vị; --published-order phân định theo thứ tự công bố.',
        en: 'Re-rank score cards (the JSON of the score command) or a published table (CSV, XLSX, JSON: unit and index or total): competition (1, 2, 2, 4), dense (1, 2, 2, 3) or ordinal, on the printed or exact index, within groups of units; --published-order breaks ties by the published order.',
      },
      example: 'par-index rank out/scores.json --criteria criteria/examples/van-lam-commune-2021.yaml --group-by kind',
      options: {
        criteria: { type: 'string' },
        method: { type: 'string' },
        on: { type: 'string' },
        'tie-break': { type: 'string' },
        'published-order': { type: 'boolean' },
        by: { type: 'string' },
        'group-by': { type: 'string' },
        format: { type: 'string', default: 'table' },
        out: { type: 'string' },
      },
      async run(pos, opts, io) {
        const lang = langOf(opts['lang']);
        if (pos.length !== 1)
          throw new UsageError(
            'rank takes one score file or published table',
            'rank cần đúng một tệp phiếu điểm hoặc một bảng kết quả đã công bố',
          );
        const format = oneOf('format', opts['format'], ['table', 'json', 'csv', 'md'] as const);
        const set = typeof opts['criteria'] === 'string' ? readCriteriaSet(opts['criteria']) : undefined;
        const declared: RankRule = set ? set.ranking : {};
        const rule: RankRule = {
          ...declared,
          ...(opts['method'] !== undefined ? { method: oneOf('method', opts['method'], RANK_METHODS) } : {}),
          ...(opts['on'] !== undefined ? { on: oneOf('on', opts['on'], ['rounded', 'exact'] as const) } : {}),
          ...(opts['tie-break'] !== undefined ? { tieBreak: tieBreak(opts['tie-break']) } : {}),
        };
        if (!isScoreFile(pos[0]!)) {
          const groupBy = opts['group-by'];
          if (groupBy !== undefined && groupBy !== 'kind')
            throw new UsageError(
              `a published table is ranked within its kinds of unit only: --group-by kind, got "${String(groupBy)}"`,
              `bảng công bố chỉ xếp hạng theo loại đơn vị: --group-by kind, nhận được "${String(groupBy)}"`,
            );
          const decision = await readPublishedDecision(pos[0]!, set ? { fields: decisionFields(set) } : {});
          const ranked = rankPublished(decision, rule, {
            ...(opts['by'] !== undefined ? { by: oneOf('by', opts['by'], ['index', 'total'] as const) } : {}),
            ...(groupBy === 'kind' ? { groupBy: 'kind' as const } : {}),
            ...(opts['published-order'] === true ? { publishedOrder: true } : {}),
          });
          const out =
            format === 'json'
              ? `${JSON.stringify(ranked, null, 2)}\n`
              : format === 'csv'
                ? renderPublishedRankingCsv(ranked)
                : renderPublishedRanking(ranked, lang, format === 'md');
          emit(out, opts['out'], io);
          return 0;
        }
        if (opts['by'] !== undefined || opts['published-order'] === true)
          throw new UsageError(
            '--by and --published-order apply to a published table, not to a score file',
            '--by và --published-order dùng cho bảng công bố, không dùng cho tệp phiếu điểm',
          );
        const ranking = rank(
          cardsOf(readScoreCards(pos[0]!)),
          rule,
          typeof opts['group-by'] === 'string' ? { groupBy: opts['group-by'] } : {},
        );
        const text =
          format === 'json'
            ? renderJson(ranking)
            : format === 'csv'
              ? renderCsv(ranking)
              : format === 'md'
                ? `${renderTableMarkdown(ranking, lang)}\n`
                : renderTable(ranking, lang);
        emit(text, opts['out'], io);
        return 0;
      },
    },
    compare: {
      usage: 'par-index compare <scores-a.json> <scores-b.json> [--map unit-map.yaml] [--format table|md|json] [--out FILE] [--lang vi|en]',
      summary: {
        vi: 'So sánh hai năm: thay đổi chỉ số, thứ hạng, xếp loại và từng lĩnh vực; đơn vị sáp nhập, chia tách, đổi tên đối chiếu theo bảng đối chiếu; đơn vị không có tương ứng được liệt kê.',
        en: 'Compare two years: change of index, rank, band and each field; merged, split or renamed units matched through a unit map; units without a match are listed.',
      },
      example: 'par-index compare fixtures/van-lam-2020/scores-2020.json out/scores.json --map fixtures/van-lam-2020/unit-map-2021.yaml',
      options: { map: { type: 'string' }, format: { type: 'string', default: 'table' }, out: { type: 'string' } },
      run(pos, opts, io) {
        const lang = langOf(opts['lang']);
        if (pos.length !== 2)
          throw new UsageError(
            'compare takes two score files: the earlier year, then the later',
            'compare cần hai tệp phiếu điểm: năm trước rồi năm sau',
          );
        const format = oneOf('format', opts['format'], ['table', 'md', 'json'] as const);
        const map = typeof opts['map'] === 'string' ? readUnitMap(opts['map']) : undefined;
        const cmp = compareYears(readScoreCards(pos[0]!), readScoreCards(pos[1]!), map);
        emit(format === 'json' ? `${JSON.stringify(cmp, null, 2)}\n` : renderComparison(cmp, lang, format === 'md'), opts['out'], io);
        for (const w of cmp.warnings) io.err(formatIssue(w, lang));
        return 0;
      },
    },
    uncertainty: {
      usage:
        'par-index uncertainty <criteria> <evidence…> [--spec FILE] [--draws N] [--seed S] [--format table|md|json] [--out FILE] [--lang vi|en] [--lenient] [--follow-links] [--quiet]',
      summary: {
        vi: 'Độ bất định của thứ hạng: rút ngẫu nhiên (có hạt giống) trọng số các lĩnh vực và các tùy chọn phương pháp trong khoảng khai báo; trung vị, khoảng 5–95 % của thứ hạng và lĩnh vực tác động nhiều nhất.',
        en: 'Rank uncertainty: draw field weights and methodology options within declared ranges (seeded); each unit’s median rank, 5–95 % interval and the fields that move it most.',
      },
      example: 'par-index uncertainty criteria/examples/van-lam-commune-2021.yaml fixtures/van-lam-2021 --draws 1000 --seed 2021 --lang en',
      options: {
        spec: { type: 'string' },
        draws: { type: 'string' },
        seed: { type: 'string' },
        format: { type: 'string', default: 'table' },
        out: { type: 'string' },
        lenient: { type: 'boolean' },
        ...FOLDER_OPTION,
      },
      async run(pos, opts, io) {
        const lang = langOf(opts['lang']);
        if (pos.length < 2)
          throw new UsageError(
            'uncertainty takes a criteria file and at least one evidence file or folder',
            'uncertainty cần một tệp bộ tiêu chí và ít nhất một tệp hoặc thư mục minh chứng',
          );
        const format = oneOf('format', opts['format'], ['table', 'md', 'json'] as const);
        const draws = wholeNumber('draws', opts['draws'], 1);
        const seed = opts['seed'] === undefined ? undefined : Number(opts['seed']);
        if (seed !== undefined && !Number.isInteger(seed))
          throw new UsageError(
            `--seed must be a whole number, got "${String(opts['seed'])}"`,
            `--seed phải là số nguyên, nhận được "${String(opts['seed'])}"`,
          );
        const spec = typeof opts['spec'] === 'string' ? readUncertaintySpec(opts['spec']) : DEFAULT_UNCERTAINTY_SPEC;
        const p = progress(io, { quiet: opts['quiet'] === true, lang });
        p.step('đọc bộ tiêu chí và minh chứng', 'reading the criteria set and the evidence');
        const set = readCriteriaSet(pos[0]!);
        const ev = await readEvidenceSources(pos.slice(1), { ...folderOptions(opts, lang, io), readers, set, onProgress: filesRead(p) });
        const t0 = performance.now();
        const r = rankUncertainty(set, ev, spec, {
          draws,
          seed,
          ...(opts['lenient'] === true ? { lenient: true } : {}),
          ...(p.shown ? { onProgress: (done: number, total: number) => p.count(done, total, 'lần rút', 'draws') } : {}),
        });
        p.done();
        const ms = performance.now() - t0;
        emit(format === 'json' ? `${JSON.stringify(r, null, 2)}\n` : renderUncertainty(r, lang, format === 'md'), opts['out'], io);
        io.err(lang === 'vi' ? `${r.draws} lần rút trong ${ms.toFixed(0)} ms` : `${r.draws} draws in ${ms.toFixed(0)} ms`);
        return 0;
      },
    },
    verify: {
      usage:
        'par-index verify <published.csv|xlsx|json|yaml | distribution.yaml|csv | sipas-figures.yaml> [--criteria C] [--evidence E…] [--tolerance T] [--parts-tolerance T] [--format md|json|html|xlsx|csv] [--out FILE|FOLDER] [--lang vi|en] [--lenient] [--follow-links]',
      summary: {
        vi: 'Kiểm tra một quyết định công bố kết quả: các con số của bảng có khớp với nhau không (tổng, chỉ số, điểm tối đa, thứ hạng, xếp loại, tổng hợp), và khi có bộ tiêu chí và minh chứng, có khớp với kết quả tính lại không; báo cáo dạng Markdown, HTML trọn gói, JSON, sổ tính XLSX hoặc bảng CSV; cũng kiểm tra riêng một bảng tổng hợp xếp loại (số lượng, tỷ lệ, dòng tổng) hoặc số liệu SIPAS công bố (so với cách tổng hợp đã khai báo); thoát 0 nếu nhất quán, 1 nếu có sai lệch.',
        en: 'Verify a published decision: whether the table agrees with itself (totals, index, maxima, ranks, bands, summaries) and, given criteria and evidence, with the recomputed scores; the report as Markdown, self-contained HTML, JSON, an XLSX workbook or CSV tables; also checks a grade distribution by itself (counts, percentages, the total row) or published SIPAS figures (against the declared composition); exit 0 when consistent, 1 when discrepancies are found.',
      },
      example:
        'par-index verify fixtures/van-lam-2021/published/cong-bo-chi-so-cchc-2021-co-loi.yaml --criteria criteria/examples/van-lam-commune-2021.yaml --evidence fixtures/van-lam-2021 --format md',
      options: {
        criteria: { type: 'string' },
        evidence: { type: 'string', multiple: true },
        tolerance: { type: 'string' },
        'parts-tolerance': { type: 'string' },
        format: { type: 'string', default: 'md' },
        out: { type: 'string' },
        lenient: { type: 'boolean' },
        ...FOLDER_OPTION,
      },
      async run(pos, opts, io) {
        const lang = langOf(opts['lang']);
        if (pos.length !== 1)
          throw new UsageError(
            'verify takes one published decision (CSV, XLSX, JSON or YAML)',
            'verify cần đúng một quyết định công bố (CSV, XLSX, JSON hoặc YAML)',
          );
        const format = oneOf('format', opts['format'], ['md', 'json', 'html', 'xlsx', 'csv'] as const);
        const out = typeof opts['out'] === 'string' ? opts['out'] : undefined;
        if (format === 'xlsx' && out === undefined)
          throw new UsageError(
            lang === 'vi'
              ? '--format xlsx ghi sổ tính nhị phân: cần --out TỆP.xlsx'
              : '--format xlsx writes a binary workbook: give --out FILE.xlsx',
          );
        const evidencePaths = (opts['evidence'] as string[] | undefined) ?? [];
        if (evidencePaths.length && typeof opts['criteria'] !== 'string')
          throw new UsageError(
            '--evidence needs --criteria: the evidence is scored with that criteria set',
            '--evidence cần --criteria: minh chứng được chấm theo bộ tiêu chí đó',
          );
        const tolerance = toleranceOption('tolerance', opts['tolerance']);
        const partsTolerance = toleranceOption('parts-tolerance', opts['parts-tolerance']);
        const kind = await publishedKind(pos[0]!);
        if (kind !== 'decision') {
          // A distribution or SIPAS figures are checked by themselves: options of a decision's check do not apply.
          for (const o of ['criteria', 'evidence', 'tolerance'] as const)
            if (opts[o] !== undefined)
              throw new UsageError(
                `--${o} applies to a published decision, not to ${kind === 'distribution' ? 'a grade distribution' : 'SIPAS figures'}${o === 'tolerance' ? ' (use --parts-tolerance)' : ''}`,
                `--${o} dùng cho quyết định công bố, không dùng cho ${kind === 'distribution' ? 'bảng tổng hợp xếp loại' : 'số liệu SIPAS'}${o === 'tolerance' ? ' (dùng --parts-tolerance)' : ''}`,
              );
          const r =
            kind === 'distribution'
              ? verifyDistribution(await readDistribution(pos[0]!), partsTolerance !== undefined ? { partsTolerance } : {})
              : verifySipasFigures(readSipasFigures(pos[0]!), partsTolerance !== undefined ? { tolerance: partsTolerance } : {});
          const dist = 'units' in r ? r : undefined;
          const figs = 'units' in r ? undefined : r;
          const tables = dist ? distributionTables(dist, lang) : sipasFiguresTables(figs!, lang);
          // The same outputs as a decision's check: a workbook, a CSV per table in a folder (or the discrepancies on
          // standard output), one HTML page, Markdown or JSON.
          if (format === 'xlsx') await writeOfficeTablesXlsx(out!, tables);
          else if (format === 'csv' && out !== undefined) writeOfficeTablesCsv(out, tables);
          else if (format === 'csv') emit(officeTableCsv(tables[2]!), undefined, io);
          else if (format === 'html')
            emit(
              officeTablesHtml(tables, {
                lang,
                title: dist ? distributionTitle(dist, lang) : sipasFiguresTitle(figs!, lang),
                verdict: { ok: r.ok, text: dist ? distributionVerdict(dist, lang) : sipasFiguresVerdict(figs!, lang) },
              }),
              out,
              io,
            );
          else
            emit(
              format === 'json'
                ? `${JSON.stringify(r, null, 2)}\n`
                : dist
                  ? renderDistributionMarkdown(dist, lang)
                  : renderSipasFiguresMarkdown(figs!, lang),
              out,
              io,
            );
          return r.ok ? 0 : 1;
        }
        const set = typeof opts['criteria'] === 'string' ? readCriteriaSet(opts['criteria']) : undefined;
        const decision = await readPublishedDecision(pos[0]!, set ? { fields: decisionFields(set) } : {});
        const evidence =
          set && evidencePaths.length
            ? await readEvidenceSources(evidencePaths, { ...folderOptions(opts, lang, io), readers, set })
            : undefined;
        const report = verifyDecision(decision, {
          ...(set ? { set } : {}),
          ...(evidence ? { evidence } : {}),
          ...(tolerance !== undefined ? { tolerance } : {}),
          ...(partsTolerance !== undefined ? { partsTolerance } : {}),
          ...(opts['lenient'] === true ? { lenient: true } : {}),
        });
        if (format === 'xlsx') await writeOfficeTablesXlsx(out!, verifyTables(report, lang));
        // CSV: every table as a file in the --out folder, as `report --table all` does; without --out, the
        // discrepancies on standard output (no byte-order mark: a pipe does not want one).
        else if (format === 'csv' && out !== undefined) writeOfficeTablesCsv(out, verifyTables(report, lang));
        else if (format === 'csv') emit(officeTableCsv(verifyTables(report, lang)[2]!), undefined, io);
        else
          emit(
            format === 'json'
              ? renderVerifyJson(report)
              : format === 'html'
                ? renderVerifyHtml(report, lang)
                : renderVerifyMarkdown(report, lang),
            out,
            io,
          );
        if (out !== undefined)
          io.err(
            report.ok
              ? lang === 'vi'
                ? 'Nhất quán.'
                : 'Consistent.'
              : lang === 'vi'
                ? `${report.discrepancies.length} sai lệch.`
                : `${report.discrepancies.length} discrepancy(ies).`,
          );
        return report.ok ? 0 : 1;
      },
    },
  };
}

/**
 * The commands built without evidence-source readers (evidence files only). Prefer {@link makeCommands} with
 * main.ts's readers.
 *
 * @example `main(['verify', 'published.csv'])`
 */
export const commands: Record<string, Command> = makeCommands([]);
