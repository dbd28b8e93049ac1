/**
 * `par-index inspect`: the checklist of a criteria set for a unit (what to check, the criterion it feeds, the
 * evidence to ask for), and the summary of an inspection plan (rounds, coverage, findings and their follow-up).
 * @module
 */
import type { Lang } from '../core/errors.js';
import { ParIndexError, issue } from '../core/errors.js';
import { checklist, findingPoints, type Checklist } from '../inspection/checklist.js';
import { inspectionCoverage } from '../inspection/coverage.js';
import type { InspectionPlan } from '../inspection/plan-schema.js';
import type { CriteriaSet } from '../criteria/load.js';
import { readCriteriaSet } from '../io/index.js';
import { readEvidenceSources, type SourceReader } from '../io/sources.js';
import { dossierSource } from '../io/dossier-source.js';
import { inspectionSource, readInspectionPlan } from '../io/inspection-source.js';
import { mdText } from '../report/format.js';
import { emit, FOLDER_OPTION, folderOptions, langOf, oneOf, UsageError, type Command } from './command.js';

/**
 * Renders a checklist as text (or Markdown with `md`).
 *
 * @example renderChecklist(checklist(set, { id: 'chi-dao', name: 'Chỉ Đạo' }), 'vi')
 */
export function renderChecklist(c: Checklist, lang: Lang, md = false): string {
  const out: string[] = [];
  // Unit names, titles, legal references and evidence asks are the files' text: escaped in Markdown.
  const e = md ? mdText : (s: string) => s;
  const h = (s: string) => (md ? `## ${e(s)}` : s);
  out.push(
    md
      ? `# ${lang === 'vi' ? 'Phiếu kiểm tra' : 'Inspection checklist'}: ${e(c.unit?.name ?? '')}`
      : `${lang === 'vi' ? 'PHIẾU KIỂM TRA' : 'INSPECTION CHECKLIST'} — ${c.unit ? `${c.unit.name} (${c.unit.id})` : ''}`,
  );
  out.push(`${lang === 'vi' ? 'Bộ tiêu chí' : 'Criteria set'}: ${e(`${c.set.id} ${c.set.version} (${c.set.decision})`)}`);
  if (c.complete !== undefined)
    out.push(
      lang === 'vi'
        ? `Minh chứng: ${c.complete} tiêu chí đủ, ${c.missing} tiêu chí còn thiếu.`
        : `Evidence: ${c.complete} criteria complete, ${c.missing} missing something.`,
    );
  out.push('');
  for (const it of c.items) {
    out.push(h(`${it.node} ${it.title}${it.max !== undefined ? ` (${lang === 'vi' ? 'tối đa' : 'max'} ${it.max})` : ''}`));
    out.push(`${md ? '- ' : '  '}${lang === 'vi' ? 'Thuộc' : 'Feeds'}: ${e(it.path.slice(0, -1).join(' › '))}`);
    out.push(`${md ? '- ' : '  '}${lang === 'vi' ? 'Kiểm tra' : 'Check'}: ${e(lang === 'vi' ? it.check.vi : it.check.en)}`);
    if (it.legal.length) out.push(`${md ? '- ' : '  '}${lang === 'vi' ? 'Căn cứ' : 'Legal basis'}: ${e(it.legal.join('; '))}`);
    for (const ev of it.evidence) {
      const mark = ev.present === undefined ? '[ ]' : ev.present ? '[x]' : '[!]';
      out.push(
        `${md ? '- ' : '  '}${mark} ${e(`${lang === 'vi' ? ev.ask.vi : ev.ask.en} (${ev.kind} ${ev.id})`)}${ev.present === false ? (lang === 'vi' ? ' — CHƯA CÓ' : ' — MISSING') : ''}`,
      );
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

/**
 * Renders a plan's summary: its documents, rounds, coverage, and findings with the points the criteria deduct.
 *
 * @example renderInspectionSummary(plan, set, 'en')
 */
export function renderInspectionSummary(plan: InspectionPlan, set: CriteriaSet | undefined, lang: Lang): string {
  const cov = inspectionCoverage(plan);
  const vi = lang === 'vi';
  const pctOf = (n: number | null) => (n === null ? '—' : `${(n * 100).toFixed(2)}%`);
  const out: string[] = [];
  out.push(`${plan.title ?? (vi ? 'Kiểm tra CCHC' : 'CCHC inspection')} — ${plan.inspector.name}`);
  out.push(
    `${vi ? 'Kế hoạch' : 'Plan'}: ${plan.plan.number} (${plan.plan.date})${plan.decision ? `; ${vi ? 'Quyết định' : 'Decision'} ${plan.decision.number} (${plan.decision.date})` : ''}`,
  );
  out.push('');
  for (const r of plan.rounds) {
    const planned = r.visits.filter((v) => v.kind === 'planned').map((v) => plan.units[v.unit]?.name ?? v.unit);
    const un = r.visits.filter((v) => v.kind === 'unannounced').map((v) => plan.units[v.unit]?.name ?? v.unit);
    out.push(
      `${vi ? 'Đợt' : 'Round'} ${r.notice.number} (${r.notice.date}): ${r.visits.length} ${vi ? 'đơn vị' : 'units'} — ${vi ? 'theo kế hoạch' : 'planned'}: ${planned.join(', ') || '—'}; ${vi ? 'đột xuất' : 'unannounced'}: ${un.join(', ') || '—'}`,
    );
  }
  out.push('');
  out.push(
    vi
      ? `${cov.rounds} đợt, ${cov.unitsVisited} đơn vị (${cov.plannedVisited.length} theo kế hoạch, ${cov.unannouncedVisits} lượt đột xuất).`
      : `${cov.rounds} rounds, ${cov.unitsVisited} units (${cov.plannedVisited.length} planned, ${cov.unannouncedVisits} unannounced visits).`,
  );
  out.push(
    `${vi ? 'Tỷ lệ hoàn thành kế hoạch' : 'Plan coverage'}: ${cov.coverage.num}/${cov.coverage.den} = ${pctOf(cov.coverage.value)} [${cov.coverage.numerator} ÷ ${cov.coverage.base}]`,
  );
  if (cov.plannedNotVisited.length) out.push(`${vi ? 'Chưa kiểm tra' : 'Not visited'}: ${cov.plannedNotVisited.join(', ')}`);
  out.push(
    `${vi ? 'Tồn tại khắc phục đúng hạn' : 'Findings fixed by their deadline'}: ${cov.fixedByDeadline.num}/${cov.fixedByDeadline.den} = ${pctOf(cov.fixedByDeadline.value)} [${cov.fixedByDeadline.numerator} ÷ ${cov.fixedByDeadline.base}] (${vi ? 'tính đến' : 'as of'} ${cov.asOf})`,
  );
  out.push('');
  out.push(vi ? `Tồn tại (${plan.findings.length}):` : `Findings (${plan.findings.length}):`);
  for (const f of plan.findings) {
    const pts = set ? findingPoints(set, f) : f.points;
    const state = f.fixedOn
      ? f.deadline && f.fixedOn > f.deadline
        ? vi
          ? `khắc phục ${f.fixedOn}, quá hạn ${f.deadline}`
          : `fixed ${f.fixedOn}, after the deadline ${f.deadline}`
        : vi
          ? `đã khắc phục ${f.fixedOn}`
          : `fixed ${f.fixedOn}`
      : f.deadline && f.deadline < cov.asOf
        ? vi
          ? `CHƯA khắc phục, quá hạn ${f.deadline}`
          : `NOT fixed, deadline ${f.deadline} passed`
        : vi
          ? `chưa khắc phục (hạn ${f.deadline ?? '—'})`
          : `not yet fixed (deadline ${f.deadline ?? '—'})`;
    out.push(
      `  ${f.id} ${plan.units[f.unit]?.name ?? f.unit} [${f.node}${f.severity ? `, ${f.severity}` : ''}]${pts !== undefined ? ` −${pts}` : ''}: ${f.description} — ${state}`,
    );
  }
  return `${out.join('\n')}\n`;
}

/**
 * The `inspect` command (sub-commands `checklist` and `summary`), reading evidence for a checklist with the
 * given source readers (pass the CLI's SOURCE_READERS so every descriptor in an evidence folder is read).
 *
 * @example const { inspect } = inspectCommands([dossierSource, inspectionSource, surveySource]);
 */
export function inspectCommands(readers: readonly SourceReader[]): Record<string, Command> {
  return {
    inspect: {
      usage:
        'par-index inspect checklist <criteria> --unit <id> [evidence…] [--format text|md|json] | par-index inspect summary <plan> [--criteria FILE] [--format text|json] [--lang vi|en] [--out FILE]',
      summary: {
        vi: 'Phiếu kiểm tra từ bộ tiêu chí cho một đơn vị (nội dung kiểm tra, tiêu chí, minh chứng cần xuất trình); tổng hợp kế hoạch kiểm tra (các đợt, tỷ lệ hoàn thành, tồn tại và việc khắc phục).',
        en: 'A checklist from a criteria set for one unit (what to check, the criterion, the evidence to ask for); the summary of an inspection plan (rounds, coverage, findings and their follow-up).',
      },
      example:
        'par-index inspect summary fixtures/van-lam-2021/kiem-tra-cchc-2021.source.yaml --criteria criteria/examples/van-lam-commune-2021.yaml',
      subcommands: {
        checklist: {
          usage: 'par-index inspect checklist <criteria> --unit <id> [evidence…] [--format text|md|json] [--out FILE] [--lang vi|en]',
          summary: {
            vi: 'Phiếu kiểm tra của một đơn vị: nội dung kiểm tra theo từng tiêu chí, căn cứ, minh chứng cần xuất trình; khi có minh chứng, đánh dấu phần đã có và phần còn thiếu.',
            en: 'The checklist of one unit: what to check for each criterion, the legal basis, the evidence to ask for; given the evidence, marks what is there and what is missing.',
          },
          example:
            'par-index inspect checklist criteria/examples/van-lam-commune-2021.yaml --unit lac-dao fixtures/van-lam-2021 --format md',
        },
        summary: {
          usage: 'par-index inspect summary <plan> [--criteria FILE] [--format text|json] [--out FILE] [--lang vi|en]',
          summary: {
            vi: 'Tổng hợp một kế hoạch kiểm tra: các đợt, đơn vị được kiểm tra, tỷ lệ hoàn thành kế hoạch, tồn tại, điểm bị trừ và việc khắc phục.',
            en: 'The summary of an inspection plan: rounds, units visited, plan coverage, findings, the points they cost and their follow-up.',
          },
          example:
            'par-index inspect summary fixtures/van-lam-2021/kiem-tra-cchc-2021.source.yaml --criteria criteria/examples/van-lam-commune-2021.yaml --lang en',
        },
      },
      options: {
        unit: { type: 'string' },
        format: { type: 'string', default: 'text' },
        criteria: { type: 'string' },
        out: { type: 'string' },
        ...FOLDER_OPTION,
      },
      async run(pos, opts, io) {
        const lang = langOf(opts['lang']);
        const [sub, ...rest] = pos;
        const format = oneOf('format', opts['format'], ['text', 'md', 'json'] as const);
        if (sub === 'checklist') {
          if (rest.length < 1)
            throw new UsageError(
              'inspect checklist takes a criteria file (and optionally evidence files or folders)',
              'inspect checklist cần một tệp bộ tiêu chí (và có thể thêm tệp hoặc thư mục minh chứng)',
            );
          const unitId = opts['unit'];
          if (typeof unitId !== 'string')
            throw new UsageError('inspect checklist needs --unit <id>', 'inspect checklist cần --unit <mã đơn vị>');
          const set = readCriteriaSet(rest[0]!);
          let unit = { id: unitId, name: unitId };
          let ev;
          if (rest.length > 1) {
            const evidence = await readEvidenceSources(rest.slice(1), { ...folderOptions(opts, lang, io), readers, set });
            ev = evidence.units.find((u) => u.id === unitId);
            if (!ev)
              throw new ParIndexError([
                issue(
                  'evidence.unknown-unit',
                  'error',
                  [],
                  `no unit "${unitId}" in the evidence (units: ${evidence.units.map((u) => u.id).join(', ')})`,
                  `không có đơn vị "${unitId}" trong minh chứng`,
                ),
              ]);
            unit = { id: ev.id, name: ev.name };
          }
          const c = checklist(set, unit, ev);
          emit(format === 'json' ? `${JSON.stringify(c, null, 2)}\n` : renderChecklist(c, lang, format === 'md'), opts['out'], io);
          return 0;
        }
        if (sub === 'summary') {
          if (rest.length !== 1)
            throw new UsageError('inspect summary takes one inspection-plan file', 'inspect summary cần đúng một tệp kế hoạch kiểm tra');
          const plan = readInspectionPlan(rest[0]!);
          const set = typeof opts['criteria'] === 'string' ? readCriteriaSet(opts['criteria']) : undefined;
          if (format === 'json') {
            const cov = inspectionCoverage(plan);
            const findings = plan.findings.map((f) => ({
              ...f,
              pointsDeducted: set ? (findingPoints(set, f) ?? null) : (f.points ?? null),
            }));
            emit(
              `${JSON.stringify({ plan: plan.plan, decision: plan.decision, rounds: plan.rounds, coverage: cov, findings }, null, 2)}\n`,
              opts['out'],
              io,
            );
          } else emit(renderInspectionSummary(plan, set, lang), opts['out'], io);
          return 0;
        }
        throw new UsageError(
          `inspect takes a sub-command: checklist or summary${sub ? ` (got "${sub}")` : ''}`,
          `inspect cần một lệnh con: checklist hoặc summary${sub ? ` (nhận được "${sub}")` : ''}`,
        );
      },
    },
  };
}

/**
 * The `inspect` command with this module's readers (dossier sources and inspection plans).
 * @example const code = await commands.inspect.run(['summary', 'kiem-tra-cchc-2021.source.yaml'], { format: 'text' }, io)
 */
export const commands: Record<string, Command> = inspectCommands([dossierSource, inspectionSource]);
