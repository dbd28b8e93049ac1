/**
 * `par-index dossiers`: summarises a one-stop export (dossier records, CSV or XLSX) or a dossier-source
 * descriptor into measures per unit, field or online mode, with every rejected row listed.
 * @module
 */
import { extname, resolve } from 'node:path';
import { ParIndexError, issue, type Lang } from '../core/errors.js';
import { dayFromIso, isDateValue, isoOf, parseDateTime } from '../calendar/dates.js';
import { DOSSIER_MEASURES, DOSSIER_RATES } from '../measures/dossier-measures.js';
import type { DossierSummary, GroupSummary, Period } from '../measures/summary-schema.js';
import { readCalendar, readColumnMapping, summariseDescriptor, summariseRecordFiles } from '../io/dossier-source.js';
import { emit, langOf, oneOf, UsageError, type Command } from './command.js';
import { progress } from './progress.js';
import { maxOf, pushAll } from '../core/lists.js';
import { csvCell } from '../report/table.js';

/** Columns of the summary table: measure id and short headings. */
const TABLE_COLUMNS: readonly [string, string, string][] = [
  ['received', 'Tiếp nhận', 'Received'],
  ['resolved', 'Đã giải quyết', 'Resolved'],
  ['resolved.early', 'Trước hạn', 'Early'],
  ['resolved.onTime', 'Đúng hạn', 'On time'],
  ['resolved.late', 'Trễ hạn', 'Late'],
  ['late.withoutApology', 'Trễ, không xin lỗi', 'Late, no apology'],
  ['inProcess.notDue', 'Đang xử lý trong hạn', 'Open, not due'],
  ['inProcess.overdue', 'Đang xử lý quá hạn', 'Open, overdue'],
  ['withdrawn', 'Rút', 'Withdrawn'],
  ['returned', 'Trả lại', 'Returned'],
  ['online', 'Trực tuyến', 'Online'],
  ['postal.received', 'BCCI nhận', 'Post in'],
  ['postal.returned', 'BCCI trả', 'Post out'],
];

function parseDay(v: unknown, name: string): string | undefined {
  if (v === undefined) return undefined;
  const r = parseDateTime(String(v));
  if (!isDateValue(r) || r.minute !== undefined)
    throw new UsageError(
      `--${name} must be a date (dd/mm/yyyy or yyyy-mm-dd), got "${String(v)}"`,
      `--${name} phải là một ngày (dd/mm/yyyy hoặc yyyy-mm-dd), nhận được "${String(v)}"`,
    );
  return isoOf(r.day);
}

function pct(num: number, den: number, lang: Lang): string {
  if (den === 0) return '—';
  const s = ((num * 100) / den).toFixed(2);
  return lang === 'vi' ? s.replace('.', ',') : s;
}

function cell(g: GroupSummary, id: string, unavailable: ReadonlySet<string>): string {
  return unavailable.has(id) ? 'n/a' : String(g.measures[id]!.count);
}

/**
 * Renders a summary as a text table with rates (each naming its base), row counts and rejected rows.
 *
 * @example renderDossierSummary(summary, 'en')
 */
export function renderDossierSummary(s: DossierSummary, lang: Lang): string {
  const na = new Set(s.unavailable.map((u) => u.measure));
  const byHead =
    lang === 'vi' ? { unit: 'Đơn vị', field: 'Lĩnh vực', mode: 'Mức độ' }[s.by] : { unit: 'Unit', field: 'Field', mode: 'Mode' }[s.by];
  const head = [byHead, ...TABLE_COLUMNS.map((c) => (lang === 'vi' ? c[1] : c[2])), lang === 'vi' ? 'Đúng hạn %' : 'In time %'];
  const body = Object.entries(s.groups).map(([k, g]) => [
    k,
    ...TABLE_COLUMNS.map(([id]) => cell(g, id, na)),
    pct(g.rates['inTimeRate']!.num, g.rates['inTimeRate']!.den, lang),
  ]);
  body.push([
    lang === 'vi' ? 'Tổng' : 'Total',
    ...TABLE_COLUMNS.map(([id]) => cell(s.total, id, na)),
    pct(s.total.rates['inTimeRate']!.num, s.total.rates['inTimeRate']!.den, lang),
  ]);
  const widths = head.map((h, i) => maxOf([h.length, ...body.map((r) => r[i]!.length)]));
  const line = (r: readonly string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out: string[] = [];
  out.push(
    lang === 'vi'
      ? `Kỳ: ${s.period.from} đến ${s.period.to} (cả hai ngày); tệp: ${s.files.join(', ')}`
      : `Period: ${s.period.from} to ${s.period.to} (both included); files: ${s.files.join(', ')}`,
  );
  pushAll(out, ['', line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line), '']);
  out.push(lang === 'vi' ? 'Tỷ lệ (tử số ÷ mẫu số), toàn bộ:' : 'Rates (numerator ÷ base), all groups:');
  for (const r of DOSSIER_RATES) {
    const v = s.total.rates[r.id]!;
    const avail = !na.has(r.numerator) && !na.has(r.base);
    out.push(
      `  ${lang === 'vi' ? r.vi : r.en}: ${avail ? `${v.num} ÷ ${v.den} = ${pct(v.num, v.den, lang)}%` : 'n/a'}  [${r.numerator} ÷ ${r.base}]`,
    );
  }
  // A measure may lack more than one column (online.<mode> needs mode and channel); older summaries name one.
  const lacks = (u: DossierSummary['unavailable'][number]) => `${u.measure} (${(u.missing ?? [u.needs]).join(' + ')})`;
  if (s.unavailable.length)
    out.push(
      '',
      lang === 'vi'
        ? `Không tính được (thiếu cột): ${s.unavailable.map(lacks).join(', ')}`
        : `Not computable (missing column): ${s.unavailable.map(lacks).join(', ')}`,
    );
  out.push(
    '',
    lang === 'vi'
      ? `Dòng: ${s.rows.in} đọc = ${s.rows.used} dùng + ${s.rows.rejected} bị loại; ${s.rows.outsidePeriod} dòng hợp lệ ngoài kỳ.`
      : `Rows: ${s.rows.in} read = ${s.rows.used} used + ${s.rows.rejected} rejected; ${s.rows.outsidePeriod} valid rows fall outside the period.`,
  );
  if (s.rows.rejected) {
    out.push(
      lang === 'vi'
        ? `Dòng bị loại (${Object.entries(s.rejectedByCode)
            .map(([k, v]) => `${k}: ${v}`)
            .join(', ')}):`
        : `Rejected rows (${Object.entries(s.rejectedByCode)
            .map(([k, v]) => `${k}: ${v}`)
            .join(', ')}):`,
    );
    for (const r of s.rejected) out.push(`  ${r.file ?? ''}: [${r.code}] ${lang === 'vi' ? r.messageVi : r.message}`);
    if (s.rejected.length < s.rows.rejected) out.push(`  … (+${s.rows.rejected - s.rejected.length})`);
  }
  const nw = Object.values(s.warningsByCode).reduce((a, b) => a + b, 0);
  if (nw) {
    out.push(
      lang === 'vi'
        ? `Cảnh báo (${Object.entries(s.warningsByCode)
            .map(([k, v]) => `${k}: ${v}`)
            .join(', ')}):`
        : `Warnings (${Object.entries(s.warningsByCode)
            .map(([k, v]) => `${k}: ${v}`)
            .join(', ')}):`,
    );
    for (const r of s.warnings.slice(0, 50)) out.push(`  ${r.file ?? ''}: [${r.code}] ${lang === 'vi' ? r.messageVi : r.message}`);
    if (nw > 50) out.push(`  … (+${nw - Math.min(50, s.warnings.length)})`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * CSV: one row per group, every measure, then the rates.
 * @example writeFileSync('summary.csv', dossierSummaryCsv(summary))
 */
export function dossierSummaryCsv(s: DossierSummary): string {
  const na = new Set(s.unavailable.map((u) => u.measure));
  const head = [s.by, ...DOSSIER_MEASURES.map((m) => m.id), ...DOSSIER_RATES.map((r) => `${r.id} (${r.numerator}/${r.base})`)];
  const rows = [...Object.entries(s.groups), ['(total)', s.total] as const].map(([k, g]) => [
    k,
    ...DOSSIER_MEASURES.map((m) => (na.has(m.id) ? '' : String(g.measures[m.id]!.count))),
    ...DOSSIER_RATES.map((r) => (g.rates[r.id]!.value === null || na.has(r.numerator) ? '' : String(g.rates[r.id]!.value))),
  ]);
  return `${[head, ...rows].map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}

/**
 * JSON of a summary, as `--format json` writes it. JSON has no Infinity: a summary that keeps every id
 * (`idLimit: Infinity`, `--ids all`) is written with `"idLimit": "all"`, not the `null` JSON.stringify would
 * write; `loadDossierSummary` reads it back as Infinity (a summary merely cast from JSON.parse keeps "all", which
 * mergeSummaries refuses, saying why).
 *
 * @example JSON.parse(dossierSummaryJson(summary)).idLimit // 20, or "all" for --ids all
 */
export function dossierSummaryJson(s: DossierSummary): string {
  return `${JSON.stringify(s.idLimit === Infinity ? { ...s, idLimit: 'all' } : s, null, 2)}\n`;
}

/** `--ids`: how many dossier ids to keep per measure and group, a whole number ≥ 0 or "all" (Infinity). */
function idsOption(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const t = String(v).trim();
  if (t.toLowerCase() === 'all') return Infinity;
  const n = t === '' ? NaN : Number(t);
  if (!(Number.isInteger(n) && n >= 0))
    throw new UsageError(
      `--ids must be a whole number ≥ 0 or "all", got "${String(v)}"`,
      `--ids phải là số nguyên ≥ 0 hoặc "all" (tất cả), nhận được "${String(v)}"`,
    );
  return n;
}

const isTable = (p: string) => ['.csv', '.tsv', '.txt', '.xlsx'].includes(extname(p).toLowerCase());

/**
 * The `dossiers` command.
 * @example const code = await commands.dossiers.run(['ho-so.source.yaml'], { format: 'table' }, io)
 */
export const commands: Record<string, Command> = {
  dossiers: {
    usage:
      'par-index dossiers <records.csv|.xlsx…|descriptor.yaml> [--from DATE --to DATE] [--by unit|field|mode] [--format table|json|csv] [--calendar vn|FILE] [--columns FILE] [--ids N|all] [--max-bytes N] [--allow-outside] [--out FILE] [--lang vi|en] [--quiet]',
    summary: {
      vi: 'Tổng hợp hồ sơ TTHC theo đơn vị, lĩnh vực hoặc mức độ trong một kỳ (trước hạn, đúng hạn, trễ hạn, đang xử lý, trực tuyến, bưu chính…), liệt kê mọi dòng bị loại; thoát 1 nếu có dòng bị loại. --ids N|all: số mã hồ sơ giữ cho mỗi chỉ số (all: tất cả; mặc định 20, hoặc theo tệp mô tả), in ra với --format json.',
      en: 'Summarise dossier records by unit, field or online mode over a period (early, on time, late, open, online, postal…), listing every rejected row; exit 1 when rows were rejected. --ids N|all: dossier ids kept per measure (all: every one; default 20, or as the descriptor says), shown by --format json.',
    },
    example: 'par-index dossiers fixtures/van-lam-2021/ho-so-mot-cua-2021.source.yaml --by field --lang en',
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      by: { type: 'string' },
      format: { type: 'string', default: 'table' },
      calendar: { type: 'string' },
      columns: { type: 'string' },
      ids: { type: 'string' },
      'max-bytes': { type: 'string' },
      'allow-outside': { type: 'boolean' },
      out: { type: 'string' },
    },
    async run(pos, opts, io) {
      const lang = langOf(opts['lang']);
      if (pos.length === 0)
        throw new UsageError(
          'dossiers takes a descriptor file, or one or more record files (.csv, .xlsx)',
          'dossiers cần một tệp mô tả nguồn, hoặc một hay nhiều tệp hồ sơ (.csv, .xlsx)',
        );
      const format = oneOf('format', opts['format'], ['table', 'json', 'csv'] as const);
      const by = opts['by'] === undefined ? undefined : oneOf('by', opts['by'], ['unit', 'field', 'mode'] as const);
      const from = parseDay(opts['from'], 'from');
      const to = parseDay(opts['to'], 'to');
      if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`, `--from ${from} sau --to ${to}`);
      const ids = idsOption(opts['ids']);
      const maxBytes = opts['max-bytes'] === undefined ? undefined : Number(opts['max-bytes']);
      if (maxBytes !== undefined && !(Number.isInteger(maxBytes) && maxBytes > 0))
        throw new UsageError(
          `--max-bytes must be a whole number of bytes, got "${String(opts['max-bytes'])}"`,
          `--max-bytes phải là số byte nguyên, nhận được "${String(opts['max-bytes'])}"`,
        );
      const table = maxBytes !== undefined ? { maxBytes } : {};
      // A descriptor's tables outside its folder are refused unless asked for (SECURITY.md).
      const allowOutside = opts['allow-outside'] === true;
      // Until the readers report rows as they go, progress names the files being read.
      const p = progress(io, { quiet: opts['quiet'] === true, lang });
      p.step(`đọc ${pos.join(', ')}`, `reading ${pos.join(', ')}`);
      let summary: DossierSummary;
      if (pos.length === 1 && !isTable(pos[0]!)) {
        const d = await summariseDescriptor(resolve(pos[0]!), {
          by: by,
          ...(ids !== undefined ? { idLimit: ids } : {}),
          table,
          allowOutside,
        });
        const period: Period | undefined =
          from || to ? { from: from ?? d.descriptor.period.from, to: to ?? d.descriptor.period.to } : undefined;
        summary = period
          ? (
              await summariseDescriptor(resolve(pos[0]!), {
                by: by,
                period,
                ...(ids !== undefined ? { idLimit: ids } : {}),
                table,
                allowOutside,
              })
            ).summary
          : d.summary;
      } else {
        const bad = pos.filter((p) => !isTable(p));
        if (bad.length)
          throw new UsageError(
            `record files must be .csv, .tsv, .txt or .xlsx: ${bad.join(', ')} (a descriptor is given alone)`,
            `tệp hồ sơ phải là .csv, .tsv, .txt hoặc .xlsx: ${bad.join(', ')} (tệp mô tả nguồn được đưa một mình)`,
          );
        const calendar = readCalendar(typeof opts['calendar'] === 'string' ? opts['calendar'] : 'vn');
        const period = { from: from ?? calendar.covers.from, to: to ?? calendar.covers.to };
        if (dayFromIso(period.from)! < dayFromIso(calendar.covers.from)! || dayFromIso(period.to)! > dayFromIso(calendar.covers.to)!) {
          throw new ParIndexError([
            issue(
              'calendar.out-of-range',
              'error',
              [],
              `the period ${period.from}..${period.to} is not inside calendar ${calendar.id} (${calendar.covers.from}..${calendar.covers.to})`,
              `kỳ ${period.from}..${period.to} nằm ngoài lịch ${calendar.id} (${calendar.covers.from}..${calendar.covers.to})`,
            ),
          ]);
        }
        const mapping = typeof opts['columns'] === 'string' ? readColumnMapping(opts['columns']) : undefined;
        summary = await summariseRecordFiles(pos, {
          calendar,
          period,
          ...(by ? { by } : {}),
          ...(ids !== undefined ? { idLimit: ids } : {}),
          ...(mapping ? { mapping } : {}),
          table,
        });
      }
      const text =
        format === 'json'
          ? dossierSummaryJson(summary)
          : format === 'csv'
            ? dossierSummaryCsv(summary)
            : renderDossierSummary(summary, lang);
      emit(text, opts['out'], io);
      if (format !== 'table' && summary.rows.rejected)
        io.err(
          lang === 'vi'
            ? `${summary.rows.rejected} dòng bị loại (xem "rejected").`
            : `${summary.rows.rejected} row(s) rejected (see "rejected").`,
        );
      return summary.rows.rejected > 0 ? 1 : 0;
    },
  },
};
