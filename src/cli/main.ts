/**
 * The `par-index` command. Exit codes: 0 done; 1 the input was read and has problems (check found errors);
 * 2 unreadable or invalid input, or a usage error. A user error never prints a stack trace.
 * @module
 */
import { parseArgs } from 'node:util';
import { formatIssue, issue, ParIndexError, type Lang } from '../core/errors.js';
import { displayPath, readText, writeText } from '../io/files.js';
import { readCriteriaSet } from '../io/criteria-files.js';
import { checkCriteriaSet, type CriteriaCheck } from '../criteria/load.js';
import { criteriaProvenance } from '../criteria/check.js';
import { fullyVerified, type ProvenanceReport } from '../criteria/provenance.js';
import { checkQuestionnaire, type QuestionnaireCheck } from '../sipas/questionnaire.js';
import { QUESTIONNAIRE_FORMAT } from '../sipas/schema.js';
import { parseText } from '../core/document.js';
import { formatTag } from '../io/sources.js';
import type { FolderOptions } from '../io/files.js';
import { readEvidenceSources } from '../io/sources.js';
import { exampleFiles, packageVersion } from '../io/package-files.js';
import { SOURCE_READERS } from './readers.js';
import {
  argLang,
  COMMON_OPTIONS,
  emit,
  FOLDER_OPTION,
  folderOptions,
  printAssumptions,
  printCardWarnings,
  envLang,
  langOf,
  UsageError,
  type Command,
  type Io,
  type SubcommandHelp,
} from './command.js';
import { filesRead, progress, type Progress } from './progress.js';
import { commands as dossierCommands } from './dossiers.js';
import { inspectCommands } from './inspect.js';
import { makeCommands as rankingCommands } from './ranking.js';
import { commands as reportCommands } from './report.js';
import { commands as sipasCommands } from './sipas.js';
import { makeCommands as versionCommands } from './versions.js';
import type { ScoreCard } from '../engine/types.js';
import { cardsOf, type Ranking } from '../ranking/rank.js';
import { score } from '../ranking/score.js';
import { scoreFileCard } from '../ranking/scores.js';
import { explainMarkdown, explainText } from '../report/explain.js';
import { pointsLostText } from '../report/points-lost.js';
import { acknowledgedLines, provenanceLines } from '../report/provenance.js';
import { renderJson, reportMarkdown } from '../report/report.js';
import { renderCsv, renderTable } from '../report/table.js';
import { pushAll } from '../core/lists.js';

async function scoreCards(
  criteria: string,
  evidence: string[],
  trace: boolean,
  p?: Progress,
  lenient = false,
  folders: FolderOptions & { readonly allowOutside?: boolean } = {},
): Promise<{ ranking: Ranking; assumptions: ProvenanceReport }> {
  p?.step('đọc bộ tiêu chí và minh chứng', 'reading the criteria set and the evidence');
  const set = readCriteriaSet(criteria);
  const ev = await readEvidenceSources(evidence, {
    ...folders,
    readers: SOURCE_READERS,
    set,
    onProgress: p ? filesRead(p) : undefined,
  });
  p?.step(`chấm ${ev.units.length} đơn vị`, `scoring ${ev.units.length} units`);
  return { ranking: score(set, ev, { trace, ...(lenient ? { lenient } : {}) }), assumptions: criteriaProvenance(set, set.file) };
}

/** The table, then the warnings that cost points (when any did), each with the points it cost. */
function withPointsLost(table: string, cards: readonly ScoreCard[], lang: Lang): string {
  const lines = pointsLostText(cards, lang);
  if (lines.length === 0) return table;
  return `${table.endsWith('\n') ? table : `${table}\n`}\n${lines.join('\n')}\n`;
}

/**
 * Checks a criteria set or a questionnaire, told apart by the format tag: the file is read and parsed once. A
 * file that cannot be parsed goes to the criteria checker as text, which reports why (as it always has).
 */
function checkFile(path: string): CriteriaCheck | QuestionnaireCheck {
  const file = displayPath(path);
  const text = readText(path);
  let doc: unknown;
  try {
    doc = parseText(text, { file });
  } catch {
    return checkCriteriaSet(text, { file });
  }
  // A criteria set is checked from its text, parsed again, so that every message gives its line and column.
  return formatTag(doc) === QUESTIONNAIRE_FORMAT ? checkQuestionnaire(doc, { file }) : checkCriteriaSet(text, { file });
}

const CORE_COMMANDS: Record<string, Command> = {
  check: {
    usage: 'par-index check <criteria|questionnaire> [--strict]',
    summary: {
      vi: 'Kiểm tra một bộ tiêu chí hoặc bộ câu hỏi SIPAS; thoát 0 nếu hợp lệ, 1 và liệt kê mọi lỗi nếu không. In các giả định (nội dung chưa có nguồn xác nhận); với --strict, thoát 1 nếu còn nội dung chưa được xác nhận.',
      en: 'Check a criteria set or a SIPAS questionnaire; exit 0 if valid, 1 listing every problem. Lists its assumptions (content no source confirms); with --strict, exits 1 while anything is not verified.',
    },
    example: 'par-index check criteria/national/766-2022.yaml --strict',
    options: { strict: { type: 'boolean' } },
    async run(pos, opts, io) {
      const lang = langOf(opts['lang']);
      if (pos.length !== 1)
        throw new UsageError('check takes one criteria or questionnaire file', 'check cần đúng một tệp bộ tiêu chí hoặc bộ câu hỏi');
      const path = pos[0]!;
      const r = checkFile(path);
      for (const i of r.issues) io.err(formatIssue(i, lang));
      // The decision's own flaws the set acknowledges are listed whether or not the set is otherwise valid.
      if ('acknowledged' in r) for (const line of acknowledgedLines(r.acknowledged, lang)) io.err(line);
      const checked = 'set' in r ? r.set : (r as QuestionnaireCheck).questionnaire;
      if (!r.ok || !checked) {
        const n = r.issues.filter((i) => i.severity === 'error').length;
        io.err(lang === 'vi' ? `${n} lỗi.` : `${n} error(s).`);
        return 1;
      }
      io.out(
        lang === 'vi'
          ? `Hợp lệ: ${checked.id} ${checked.version} (${checked.hash})`
          : `Valid: ${checked.id} ${checked.version} (${checked.hash})`,
      );
      // Assumptions go to standard error with the other findings: standard output keeps the one "Valid" line.
      const report: ProvenanceReport = 'provenanceReport' in checked ? checked.provenanceReport : criteriaProvenance(checked, checked.file);
      for (const line of provenanceLines(report, lang)) io.err(line);
      if (opts['strict'] === true && !fullyVerified(report)) {
        const k = report.assumptions.length + report.unmarked.length + report.unsourced.length;
        io.err(
          lang === 'vi'
            ? `--strict: ${k} nội dung chưa được xác nhận bằng nguồn (giả định, chưa khai báo nguồn gốc hoặc không có căn cứ).`
            : `--strict: ${k} item(s) not verified against a source (assumed, declaring no provenance, or official without a source).`,
        );
        return 1;
      }
      return 0;
    },
  },
  score: {
    usage:
      'par-index score <criteria> <evidence…> [--format table|json|csv|md] [--out FILE] [--lang vi|en] [--trace] [--lenient] [--follow-links] [--allow-outside] [--quiet]',
    summary: {
      vi: 'Chấm điểm mọi đơn vị trong minh chứng (tệp hoặc thư mục) và xếp hạng.',
      en: 'Score every unit of the evidence (files or folders) and rank them.',
    },
    example: 'par-index score criteria/examples/van-lam-commune-2021.yaml fixtures/van-lam-2021 --format json --out out/scores.json',
    options: {
      format: { type: 'string', default: 'table' },
      out: { type: 'string' },
      trace: { type: 'boolean' },
      lenient: { type: 'boolean' },
      ...FOLDER_OPTION,
    },
    async run(pos, opts, io) {
      const lang = langOf(opts['lang']);
      if (pos.length < 2)
        throw new UsageError(
          'score takes a criteria file and at least one evidence file or folder',
          'score cần một tệp bộ tiêu chí và ít nhất một tệp hoặc thư mục minh chứng',
        );
      const format = String(opts['format']);
      if (!['table', 'json', 'csv', 'md'].includes(format))
        throw new UsageError(
          `--format must be table, json, csv or md, got "${format}"`,
          `--format phải là table, json, csv hoặc md, nhận được "${format}"`,
        );
      const { ranking, assumptions } = await scoreCards(
        pos[0]!,
        pos.slice(1),
        format === 'md' || opts['trace'] === true,
        progress(io, { quiet: opts['quiet'] === true, lang }),
        opts['lenient'] === true,
        folderOptions(opts, lang, io),
      );
      const text =
        format === 'json'
          ? renderJson(ranking, { trace: opts['trace'] === true })
          : format === 'csv'
            ? renderCsv(ranking)
            : format === 'md'
              ? reportMarkdown(ranking, lang, { assumptions, pointsLost: 'end' })
              : withPointsLost(renderTable(ranking, lang), cardsOf(ranking), lang);
      emit(text, opts['out'], io);
      printCardWarnings(cardsOf(ranking), lang, io);
      // JSON and CSV keep standard output for data: the list that the table and Markdown end with goes to stderr.
      if (format === 'json' || format === 'csv') for (const line of pointsLostText(cardsOf(ranking), lang)) io.err(line);
      printAssumptions(assumptions, pos[0]!, lang, io);
      return 0;
    },
  },
  explain: {
    usage:
      'par-index explain <criteria> <evidence…> --unit <id> [--format text|md|json] [--lang vi|en] [--lenient] [--follow-links] [--allow-outside]',
    summary: {
      vi: 'Diễn giải từng điểm của một đơn vị, đến căn cứ và minh chứng.',
      en: "Explain every point of one unit, back to the decision's text and the evidence.",
    },
    example: 'par-index explain criteria/examples/van-lam-commune-2021.yaml fixtures/van-lam-2021 --unit nhu-quynh --lang en',
    options: {
      unit: { type: 'string' },
      format: { type: 'string', default: 'text' },
      out: { type: 'string' },
      lenient: { type: 'boolean' },
      ...FOLDER_OPTION,
    },
    async run(pos, opts, io) {
      const lang = langOf(opts['lang']);
      if (pos.length < 2)
        throw new UsageError(
          'explain takes a criteria file and at least one evidence file or folder',
          'explain cần một tệp bộ tiêu chí và ít nhất một tệp hoặc thư mục minh chứng',
        );
      const unit = opts['unit'];
      if (typeof unit !== 'string') throw new UsageError('explain needs --unit <id>', 'explain cần --unit <mã đơn vị>');
      const format = String(opts['format']);
      if (!['text', 'md', 'json'].includes(format))
        throw new UsageError(
          `--format must be text, md or json, got "${format}"`,
          `--format phải là text, md hoặc json, nhận được "${format}"`,
        );
      const { ranking, assumptions } = await scoreCards(
        pos[0]!,
        pos.slice(1),
        true,
        undefined,
        opts['lenient'] === true,
        folderOptions(opts, lang, io),
      );
      const row = ranking.rows.find((r) => r.card.unit.id === unit);
      if (!row) {
        const ids = ranking.rows.map((r) => r.card.unit.id).join(', ');
        throw new ParIndexError([
          issue(
            'evidence.unknown-unit',
            'error',
            [],
            `no unit "${unit}" in the evidence (units: ${ids})`,
            `không có đơn vị "${unit}" trong minh chứng (các đơn vị: ${ids})`,
          ),
        ]);
      }
      // JSON: the card as a score file holds it, its place included.
      const text =
        format === 'json'
          ? `${JSON.stringify(scoreFileCard(row.card, row, { trace: true }), null, 2)}\n`
          : format === 'md'
            ? explainMarkdown(row.card, lang, 1, row)
            : explainText(row.card, lang, row);
      emit(text, opts['out'], io);
      printAssumptions(assumptions, pos[0]!, lang, io);
      return 0;
    },
  },
  demo: {
    usage: 'par-index demo [--lang vi|en] [--out FILE]',
    summary: {
      vi: 'Chấm ví dụ kèm theo (11 xã, thị trấn của huyện Văn Lâm, 2021), in bảng xếp hạng và ghi báo cáo Markdown.',
      en: 'Score the bundled example (the 11 communes of Văn Lâm, 2021), print the ranked table and write a Markdown report.',
    },
    example: 'par-index demo --lang en',
    options: { out: { type: 'string', default: 'out/van-lam-2021-report.md' } },
    async run(_pos, opts, io) {
      const lang = langOf(opts['lang']);
      const example = exampleFiles();
      const { ranking, assumptions } = await scoreCards(example.criteria, [example.evidence], true);
      io.out(renderTable(ranking, lang));
      const out = String(opts['out']);
      writeText(out, reportMarkdown(ranking, lang, { assumptions }));
      io.out('');
      io.out(lang === 'vi' ? `Báo cáo kèm diễn giải từng đơn vị: ${out}` : `Report with each unit's trace: ${out}`);
      printCardWarnings(cardsOf(ranking), lang, io);
      return 0;
    },
  },
};

/** Every command: the core ones and those each feature registers. */
const COMMANDS: Record<string, Command> = {
  ...CORE_COMMANDS,
  ...dossierCommands,
  ...inspectCommands(SOURCE_READERS),
  ...sipasCommands,
  ...rankingCommands(SOURCE_READERS),
  ...versionCommands(SOURCE_READERS),
  ...reportCommands,
};

const COMMON_HELP = {
  vi: 'Tùy chọn chung: --lang vi|en (mặc định theo ngôn ngữ của máy: LC_ALL, LC_MESSAGES, LANG), --quiet (không hiện tiến độ; tiến độ chỉ hiện khi stderr là màn hình), --help. Các lệnh chấm minh chứng (score, explain, report, uncertainty, verify, rescore) nhận --lenient: tên chỉ số, nhiệm vụ, tiêu chí hoặc đơn vị không có trong bộ tiêu chí thành cảnh báo thay vì lỗi. Trong thư mục minh chứng, tệp khóa và tệp sao lưu của trình soạn thảo (.#x.yaml, ~$x.xlsx, x.yaml~, .x.swp) và liên kết trỏ tới tệp không tồn tại được bỏ qua kèm cảnh báo; liên kết tượng trưng trỏ ra ngoài thư mục bị bỏ qua trừ khi có --follow-links (score, explain, report, uncertainty, verify, rescore, inspect). Các lệnh đó nhận --allow-outside: tệp mô tả được nêu tệp nằm ngoài thư mục của nó (../, đường dẫn tuyệt đối, liên kết ra ngoài), mặc định bị từ chối.',
  en: "Common options: --lang vi|en (default: the environment's locale, LC_ALL, LC_MESSAGES, LANG), --quiet (no progress; progress shows only when stderr is a terminal), --help. Commands that score evidence (score, explain, report, uncertainty, verify, rescore) take --lenient: a measure, task, node or unit name the criteria set does not declare is then a warning instead of an error. In an evidence folder, editors' lock and backup files (.#x.yaml, ~$x.xlsx, x.yaml~, .x.swp) and links to nothing are skipped with a warning, and a symbolic link pointing outside the folder is skipped unless --follow-links is given (score, explain, report, uncertainty, verify, rescore, inspect). The same commands take --allow-outside: a descriptor may then name files outside its folder (../, absolute paths, links out), refused by default.",
};

/** The help of one command, or of one of its sub-commands: usage, summary and example, indented by `indent`. */
function usageBlock(c: SubcommandHelp, lang: Lang, indent: string): string[] {
  return [`${indent}${c.usage}`, `${indent}    ${c.summary[lang]}`, `${indent}    ${lang === 'vi' ? 'Ví dụ' : 'Example'}: ${c.example}`];
}

function help(lang: Lang): string {
  const lines = [
    lang === 'vi'
      ? 'par-index — chấm điểm Chỉ số CCHC từ bộ tiêu chí và minh chứng'
      : 'par-index — scores the PAR INDEX from criteria sets and evidence',
    '',
  ];
  for (const c of Object.values(COMMANDS)) pushAll(lines, [...usageBlock(c, lang, '  '), '']);
  lines.push(
    COMMON_HELP[lang],
    lang === 'vi' ? 'par-index --version: in số phiên bản.' : 'par-index --version: print the version.',
    lang === 'vi'
      ? 'Mã thoát: 0 xong; 1 có lỗi trong nội dung được kiểm tra; 2 không đọc được dữ liệu hoặc sai cú pháp lệnh.'
      : 'Exit codes: 0 done; 1 problems found in what was checked; 2 unreadable or invalid input, or a usage error.',
  );
  return lines.join('\n');
}

/** `par-index <cmd> --help`: the command's usage, summary and example, then each sub-command's; or one sub-command's. */
function commandHelp(cmd: Command, sub: string | undefined, lang: Lang): string {
  const only = sub !== undefined ? cmd.subcommands?.[sub] : undefined;
  if (only) return [...usageBlock(only, lang, ''), '', COMMON_HELP[lang]].join('\n');
  const lines = usageBlock(cmd, lang, '');
  for (const s of Object.values(cmd.subcommands ?? {})) pushAll(lines, ['', ...usageBlock(s, lang, '  ')]);
  lines.push('', COMMON_HELP[lang]);
  return lines.join('\n');
}

/** The names of the registered commands, in the order `par-index --help` lists them (for tests and completion). */
export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

/** The names of a command's sub-commands (`inspect` → `checklist`, `summary`); empty when it has none. */
export function subcommandNames(name: string): readonly string[] {
  return Object.keys(COMMANDS[name]?.subcommands ?? {});
}

const STD_IO: Io = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`), progress: process.stderr };

/** Runs the command line; resolves to the exit code. Exported for tests. */
export async function main(argv: readonly string[], io: Io = STD_IO): Promise<number> {
  const [name, ...rest] = argv;
  const lang: Lang = argLang(argv) ?? envLang();
  // `par-index --lang en score …`: the language given before the command applies to it, as after it.
  const langFirst = name === '--lang' ? 2 : name?.startsWith('--lang=') ? 1 : 0;
  if (langFirst > 0 && argv.length > langFirst) return main([...argv.slice(langFirst), ...argv.slice(0, langFirst)], io);
  if (name === undefined || langFirst > 0 || name === '--help' || name === '-h' || name === 'help') {
    // `par-index help score` is `par-index score --help`.
    if (name === 'help' && rest[0] !== undefined && COMMANDS[rest[0]]) return main([rest[0], '--help', ...rest.slice(1)], io);
    io.out(help(lang));
    return name === undefined || langFirst > 0 ? 2 : 0;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.out(packageVersion());
    return 0;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.err(lang === 'vi' ? `Lệnh không tồn tại: ${name}\n\n${help(lang)}` : `Unknown command: ${name}\n\n${help(lang)}`);
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: { ...COMMON_OPTIONS, ...cmd.options },
      allowPositionals: true,
      strict: true,
    });
    if (values['help']) {
      io.out(commandHelp(cmd, positionals[0], lang));
      return 0;
    }
    return await cmd.run(positionals, values, io);
  } catch (e) {
    if (e instanceof ParIndexError) {
      for (const i of e.issues) io.err(formatIssue(i, lang));
      return 2;
    }
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      // Node's own parse errors are in English only: say in Vietnamese what kind of error it is.
      const msg =
        e instanceof UsageError
          ? lang === 'vi'
            ? e.vi
            : e.message
          : lang === 'vi'
            ? `Tùy chọn không hợp lệ: ${(e as Error).message}`
            : (e as Error).message;
      io.err(`${msg}\n${lang === 'vi' ? 'Cách dùng' : 'Usage'}: ${cmd.usage}`);
      return 2;
    }
    throw e;
  }
}
