/**
 * The `par-index` command. Exit codes: 0 done; 1 the input was read and has problems (check found errors);
 * 2 unreadable or invalid input, or a usage error. A user error never prints a stack trace.
 * @module
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatIssue, issue, ParIndexError, type Lang } from '../core/errors.js';
import { evaluate } from '../engine/evaluate.js';
import type { ScoreCard } from '../engine/types.js';
import { checkCriteriaFile, readCriteriaSet, writeText } from '../io/index.js';
import { readEvidenceSources, type SourceReader } from '../io/sources.js';
import { dossierSource } from '../io/dossier-source.js';
import { inspectionSource } from '../io/inspection-source.js';
import { surveySource } from '../io/survey-source.js';
import { emit, envLang, langOf, UsageError, type Command, type Io } from './command.js';
import { commands as dossierCommands } from './dossiers.js';
import { inspectCommands } from './inspect.js';
import { makeCommands as rankingCommands } from './ranking.js';
import { commands as reportCommands } from './report.js';
import { commands as sipasCommands } from './sipas.js';
import { makeCommands as versionCommands } from './versions.js';
import { rank } from '../ranking/rank.js';
import { explainMarkdown, explainText } from '../report/explain.js';
import { renderJson, reportMarkdown } from '../report/report.js';
import { renderCsv, renderTable, renderTableMarkdown } from '../report/table.js';


const COMMON = {
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  /** No progress lines (they are shown only on a terminal anyway). */
  quiet: { type: 'boolean', short: 'q' },
} as const satisfies ParseArgsConfig['options'];


function packageFile(rel: string): string {
  // dist/cli.js → package root; src/cli/main.ts (tests) → package root.
  for (const base of ['../', '../../']) {
    const p = fileURLToPath(new URL(base + rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  return rel;
}

/** The readers of evidence sources other than evidence files (dossier exports, survey responses…). */
const SOURCE_READERS: readonly SourceReader[] = [dossierSource, inspectionSource, surveySource];

async function scoreCards(criteria: string, evidence: string[], trace: boolean): Promise<{ cards: readonly ScoreCard[] }> {
  const set = readCriteriaSet(criteria);
  const ev = await readEvidenceSources(evidence, { readers: SOURCE_READERS, set });
  return { cards: rank(evaluate(set, ev, { trace }), set.ranking) };
}


const CORE_COMMANDS: Record<string, Command> = {
  check: {
    usage: 'par-index check <criteria>',
    summary: { vi: 'Kiểm tra một bộ tiêu chí; thoát 0 nếu hợp lệ, 1 và liệt kê mọi lỗi nếu không.', en: 'Check a criteria set; exit 0 if valid, 1 listing every problem.' },
    example: 'par-index check criteria/examples/van-lam-commune-2021.yaml',
    options: {},
    async run(pos, opts, io) {
      const lang = langOf(opts['lang']);
      if (pos.length !== 1) throw new UsageError('check takes one criteria file');
      const r = checkCriteriaFile(pos[0]!);
      for (const i of r.issues) io.err(formatIssue(i, lang));
      if (!r.ok) {
        const n = r.issues.filter((i) => i.severity === 'error').length;
        io.err(lang === 'vi' ? `${n} lỗi.` : `${n} error(s).`);
        return 1;
      }
      const s = r.set!;
      io.out(lang === 'vi' ? `Hợp lệ: ${s.id} ${s.version} (${s.hash})` : `Valid: ${s.id} ${s.version} (${s.hash})`);
      return 0;
    },
  },
  score: {
    usage: 'par-index score <criteria> <evidence…> [--format table|json|csv|md] [--out FILE] [--lang vi|en] [--trace]',
    summary: { vi: 'Chấm điểm mọi đơn vị trong minh chứng (tệp hoặc thư mục) và xếp hạng.', en: 'Score every unit of the evidence (files or folders) and rank them.' },
    example: 'par-index score criteria/examples/van-lam-commune-2021.yaml fixtures/van-lam-2021 --format json --out out/scores.json',
    options: { format: { type: 'string', default: 'table' }, out: { type: 'string' }, trace: { type: 'boolean' } },
    async run(pos, opts, io) {
      const lang = langOf(opts['lang']);
      if (pos.length < 2) throw new UsageError('score takes a criteria file and at least one evidence file or folder');
      const format = String(opts['format']);
      if (!['table', 'json', 'csv', 'md'].includes(format)) throw new UsageError(`--format must be table, json, csv or md, got "${format}"`);
      const { cards } = await scoreCards(pos[0]!, pos.slice(1), format === 'md' || opts['trace'] === true);
      const text = format === 'json' ? renderJson(cards, { trace: opts['trace'] === true }) : format === 'csv' ? renderCsv(cards) : format === 'md' ? reportMarkdown(cards, lang) : renderTable(cards, lang);
      emit(text, opts['out'], io);
      printWarnings(cards, lang, io);
      return 0;
    },
  },
  explain: {
    usage: 'par-index explain <criteria> <evidence…> --unit <id> [--format text|md|json] [--lang vi|en]',
    summary: { vi: 'Diễn giải từng điểm của một đơn vị, đến căn cứ và minh chứng.', en: "Explain every point of one unit, back to the decision's text and the evidence." },
    example: 'par-index explain criteria/examples/van-lam-commune-2021.yaml fixtures/van-lam-2021 --unit nhu-quynh --lang en',
    options: { unit: { type: 'string' }, format: { type: 'string', default: 'text' }, out: { type: 'string' } },
    async run(pos, opts, io) {
      const lang = langOf(opts['lang']);
      if (pos.length < 2) throw new UsageError('explain takes a criteria file and at least one evidence file or folder');
      const unit = opts['unit'];
      if (typeof unit !== 'string') throw new UsageError('explain needs --unit <id>');
      const format = String(opts['format']);
      if (!['text', 'md', 'json'].includes(format)) throw new UsageError(`--format must be text, md or json, got "${format}"`);
      const { cards } = await scoreCards(pos[0]!, pos.slice(1), true);
      const card = cards.find((c) => c.unit.id === unit);
      if (!card) {
        throw new ParIndexError([issue('evidence.unknown-unit', 'error', [], `no unit "${unit}" in the evidence (units: ${cards.map((c) => c.unit.id).join(', ')})`, `không có đơn vị "${unit}" trong minh chứng (các đơn vị: ${cards.map((c) => c.unit.id).join(', ')})`)]);
      }
      const text = format === 'json' ? `${JSON.stringify(card, null, 2)}\n` : format === 'md' ? explainMarkdown(card, lang, 1) : explainText(card, lang);
      emit(text, opts['out'], io);
      return 0;
    },
  },
  demo: {
    usage: 'par-index demo [--lang vi|en] [--out FILE]',
    summary: { vi: 'Chấm ví dụ kèm theo (11 xã, thị trấn của huyện Văn Lâm, 2021), in bảng xếp hạng và ghi báo cáo Markdown.', en: 'Score the bundled example (the 11 communes of Văn Lâm, 2021), print the ranked table and write a Markdown report.' },
    example: 'par-index demo --lang en',
    options: { out: { type: 'string', default: 'out/van-lam-2021-report.md' } },
    async run(_pos, opts, io) {
      const lang = langOf(opts['lang']);
      const { cards } = await scoreCards(packageFile('criteria/examples/van-lam-commune-2021.yaml'), [packageFile('fixtures/van-lam-2021')], true);
      io.out(renderTable(cards, lang));
      const out = String(opts['out']);
      writeText(out, reportMarkdown(cards, lang));
      io.out('');
      io.out(lang === 'vi' ? `Báo cáo kèm diễn giải từng đơn vị: ${out}` : `Report with each unit's trace: ${out}`);
      printWarnings(cards, lang, io);
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

function printWarnings(cards: readonly ScoreCard[], lang: Lang, io: Io): void {
  const n = cards.reduce((s, c) => s + c.warnings.length, 0);
  if (n === 0) return;
  io.err(lang === 'vi' ? `${n} cảnh báo:` : `${n} warning(s):`);
  for (const c of cards) for (const w of c.warnings) io.err(`  ${c.unit.id}: ${formatIssue(w, lang)}`);
}

function help(lang: Lang): string {
  const lines = [lang === 'vi' ? 'par-index — chấm điểm Chỉ số CCHC từ bộ tiêu chí và minh chứng' : 'par-index — scores the PAR INDEX from criteria sets and evidence', ''];
  for (const c of Object.values(COMMANDS)) lines.push(`  ${c.usage}`, `      ${c.summary[lang]}`, `      ${lang === 'vi' ? 'Ví dụ' : 'Example'}: ${c.example}`, '');
  lines.push(lang === 'vi' ? 'Mã thoát: 0 xong; 1 có lỗi trong nội dung được kiểm tra; 2 không đọc được dữ liệu hoặc sai cú pháp lệnh.' : 'Exit codes: 0 done; 1 problems found in what was checked; 2 unreadable or invalid input, or a usage error.');
  return lines.join('\n');
}

/** Runs the command line; resolves to the exit code. Exported for tests. */
export async function main(argv: readonly string[], io: Io = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) }): Promise<number> {
  const [name, ...rest] = argv;
  let lang: Lang = envLang();
  const li = rest.indexOf('--lang');
  if (li >= 0 && (rest[li + 1] === 'vi' || rest[li + 1] === 'en')) lang = rest[li + 1] as Lang;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(help(lang));
    return name === undefined ? 2 : 0;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.err(lang === 'vi' ? `Lệnh không tồn tại: ${name}\n\n${help(lang)}` : `Unknown command: ${name}\n\n${help(lang)}`);
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({ args: [...rest], options: { ...COMMON, ...cmd.options }, allowPositionals: true, strict: true });
    if (values['help']) {
      io.out(`${cmd.usage}\n  ${cmd.summary[lang]}\n  ${lang === 'vi' ? 'Ví dụ' : 'Example'}: ${cmd.example}`);
      return 0;
    }
    return await cmd.run(positionals, values as Record<string, unknown>, io);
  } catch (e) {
    if (e instanceof ParIndexError) {
      for (const i of e.issues) io.err(formatIssue(i, lang));
      return 2;
    }
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(e as Error).message}\n${lang === 'vi' ? 'Cách dùng' : 'Usage'}: ${cmd.usage}`);
      return 2;
    }
    throw e;
  }
}

const invokedDirectly = typeof process !== 'undefined' && process.argv[1] !== undefined && /cli\.(c?js|ts)$/.test(process.argv[1]);
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // A bug, not a user error: say so plainly, with the stack for the report.
      process.stderr.write(`par-index: internal error — please report it with the command and input:\n${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 3;
    },
  );
}
