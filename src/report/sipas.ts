/**
 * Rendering SIPAS results (báo cáo chỉ số hài lòng): an aligned text table, Markdown and CSV rows, in
 * Vietnamese or English. Pure: the command line and notebooks share it.
 * @module
 */
import { formatPath, type Lang } from '../core/errors.js';
import type { IndexValue, SipasResult, UnitResult } from '../sipas/result.js';
import { maxOf, pushAll } from '../core/lists.js';
import { csvCell } from './table.js';
import { mdCode, mdText } from './format.js';

/**
 * One flat row of a result: a unit's index at one level.
 *
 * @example `sipasRows(result)[0] // { unit: '*', level: 'overall', id: 'overall', value: 87.32, … }`
 */
export interface SipasRow {
  /** The unit's id ("*" for all units). */
  readonly unit: string;
  /** Which level of the questionnaire the row is; `option` is the share of one answer of an item. */
  readonly level: 'overall' | 'part' | 'group' | 'item' | 'option';
  /** The item, group or part id ("overall" for the overall index); for an option, "item id=code". */
  readonly id: string;
  /** What it measures: satisfaction, perception or expectation. */
  readonly measure: string;
  /** The title in the chosen language. */
  readonly title: string;
  /** The index in %, or null when there is no valid answer. */
  readonly value: number | null;
  /** Valid answers, or null. */
  readonly n: number | null;
  /** Interval low bound in %, or null. */
  readonly low: number | null;
  /** Interval high bound in %, or null. */
  readonly high: number | null;
  /** Items: counts behind the index. */
  readonly satisfied?: number;
  /** Answers in the base. */
  readonly valid?: number;
  /** "No opinion" answers. */
  readonly noOpinion?: number;
  /** "Not applicable" answers. */
  readonly notApplicable?: number;
  /** Empty answers. */
  readonly blank?: number;
}

const PART_TITLE = {
  services: { vi: 'Dịch vụ hành chính công', en: 'Administrative services' },
  policy: { vi: 'Chính sách công', en: 'Public policy' },
} as const;

/**
 * The result as flat rows, unit by unit: overall, parts, groups (satisfaction, then perception and
 * expectation shares), items.
 *
 * @example sipasRows(result, 'en')[0] // { unit: 'nhu-quynh', level: 'overall', id: 'overall', value: 90.1, … }
 */
export function sipasRows(
  r: SipasResult,
  lang: Lang = 'vi',
  q?: { items: readonly { id: string; text: string; textEn?: string | undefined }[] },
): SipasRow[] {
  const out: SipasRow[] = [];
  const text = new Map((q?.items ?? []).map((i) => [i.id, lang === 'en' ? (i.textEn ?? i.text) : i.text]));
  const v = (x: IndexValue | undefined) => ({ value: x?.value ?? null, n: x?.n ?? null, low: x?.low ?? null, high: x?.high ?? null });
  for (const u of r.units) {
    out.push({
      unit: u.unit,
      level: 'overall',
      id: 'overall',
      measure: 'satisfaction',
      title: lang === 'vi' ? 'Chỉ số hài lòng chung' : 'Overall satisfaction index',
      ...v(u.overall),
    });
    for (const p of ['services', 'policy'] as const)
      if (u[p]) out.push({ unit: u.unit, level: 'part', id: p, measure: 'satisfaction', title: PART_TITLE[p][lang], ...v(u[p]) });
    for (const g of u.groups) {
      for (const m of ['satisfaction', 'perception', 'expectation'] as const) {
        if (g[m]) out.push({ unit: u.unit, level: 'group', id: g.id, measure: m, title: g.title, ...v(g[m]) });
      }
    }
    for (const it of u.items) {
      out.push({
        unit: u.unit,
        level: 'item',
        id: it.id,
        measure: it.measure,
        title: text.get(it.id) ?? it.id,
        ...v(it.index),
        satisfied: it.counts.satisfied,
        valid: it.counts.valid,
        noOpinion: it.counts.noOpinion,
        notApplicable: it.counts.notApplicable,
        blank: it.counts.blank,
      });
      for (const sh of it.shares ?? [])
        out.push({
          unit: u.unit,
          level: 'option',
          id: `${it.id}=${sh.code}`,
          measure: it.measure,
          title: sh.label,
          value: sh.value,
          n: sh.n,
          low: null,
          high: null,
        });
    }
  }
  return out;
}

const MEASURE = {
  satisfaction: { vi: 'hài lòng', en: 'satisfaction' },
  perception: { vi: 'nhận định', en: 'perception' },
  expectation: { vi: 'mong đợi', en: 'expectation' },
} as const;

function fmtNum(x: number | null, lang: Lang, d = 2): string {
  if (x === null) return '—';
  const s = x.toFixed(d);
  return lang === 'vi' ? s.replace('.', ',') : s;
}

function unitLabel(u: UnitResult, lang: Lang): string {
  const name = u.unit === '*' ? (lang === 'vi' ? 'tất cả đơn vị' : 'all units') : u.unit;
  return lang === 'vi' ? `Đơn vị: ${name} — ${u.respondents} phiếu` : `Unit: ${name} — ${u.respondents} respondents`;
}

/**
 * "This questionnaire contains N assumptions:" and one line per assumption (path, entry, part assumed, note), or
 * nothing when it declares none. Every report of a SIPAS result prints it, so no figure is read as official
 * where its method is assumed.
 *
 * @example `assumptionLines(result, 'en')[0] // "This questionnaire contains 27 assumptions (the method is not all sourced):"`
 */
export function assumptionLines(r: SipasResult, lang: Lang): string[] {
  const n = r.assumptions.length;
  if (n === 0) return [];
  const out = [
    lang === 'vi'
      ? `Bộ câu hỏi có ${n} giả định (phương pháp chưa được nguồn nào xác nhận hết):`
      : `This questionnaire contains ${n} assumption${n === 1 ? '' : 's'} (the method is not all sourced):`,
  ];
  for (const a of r.assumptions) {
    const where = formatPath(a.path) || 'questionnaire';
    // An option's or a scale's label is its path; a group's or an item's id says more than its index.
    const label = a.label.replace(/[^\p{L}\p{N}]/gu, '') === where.replace(/[^\p{L}\p{N}]/gu, '') ? '' : ` (${a.label})`;
    out.push(`- ${where}${label}${a.at ? ` ${a.at}` : ''}: ${a.note}`);
  }
  return out;
}

function intervalLabel(r: SipasResult, lang: Lang): string {
  const m =
    r.method.interval.method === 'korn-graubard' ? 'Korn–Graubard' : r.method.interval.method === 'wilson' ? 'Wilson' : 'Clopper–Pearson';
  return `${lang === 'vi' ? 'KTC' : 'CI'} ${Math.round(r.method.interval.level * 100)}% (${m})`;
}

/**
 * An aligned text table per unit, with a header naming the questionnaire and the method.
 *
 * @example console.log(renderSipasTable(result, 'vi', q));
 */
export function renderSipasTable(r: SipasResult, lang: Lang = 'vi', q?: Parameters<typeof sipasRows>[2]): string {
  const rows = sipasRows(r, lang, q);
  const lines: string[] = [];
  lines.push(`${r.questionnaire.title}`);
  lines.push(
    lang === 'vi'
      ? `${r.questionnaire.id} ${r.questionnaire.version} (${r.questionnaire.hash.slice(0, 19)}…) — nhóm: ${r.method.group}; phần: ${r.method.part}; chung: ${r.method.overall}; "không có ý kiến": ${r.method.noOpinion}; làm tròn ${r.method.rounding.precision} số ở mức ${r.method.rounding.stage}${r.weighted ? '; có trọng số' : ''}`
      : `${r.questionnaire.id} ${r.questionnaire.version} (${r.questionnaire.hash.slice(0, 19)}…) — group: ${r.method.group}; part: ${r.method.part}; overall: ${r.method.overall}; no opinion: ${r.method.noOpinion}; rounded to ${r.method.rounding.precision} at ${r.method.rounding.stage}${r.weighted ? '; weighted' : ''}`,
  );
  if (r.unverified.length)
    lines.push(
      lang === 'vi'
        ? `Chưa đối chiếu văn bản (unverified): ${r.unverified.length} lựa chọn/câu hỏi`
        : `Unverified against the decision: ${r.unverified.length} options/items`,
    );
  pushAll(
    lines,
    assumptionLines(r, lang).map((l, i) => (i === 0 ? l : `  ${l}`)),
  );
  const head = [lang === 'vi' ? 'Chỉ số' : 'Index', lang === 'vi' ? 'đo' : 'measure', '%', 'n', intervalLabel(r, lang)];
  for (const u of r.units) {
    lines.push('', unitLabel(u, lang));
    const body = rows
      .filter((x) => x.unit === u.unit)
      .map((x) => {
        const indent =
          x.level === 'overall'
            ? ''
            : x.level === 'part'
              ? '  '
              : x.level === 'group'
                ? '    '
                : x.level === 'item'
                  ? '      '
                  : '        ';
        const label = `${indent}${x.level === 'overall' || x.level === 'part' ? '' : x.level === 'option' ? `= ${x.id.slice(x.id.lastIndexOf('=') + 1)} ` : `${x.id} `}${x.title}`;
        return [
          label.length > 60 ? `${label.slice(0, 59)}…` : label,
          MEASURE[x.measure as keyof typeof MEASURE]?.[lang] ?? x.measure,
          fmtNum(x.value, lang),
          x.n === null ? '—' : String(x.n),
          x.low === null ? '—' : `[${fmtNum(x.low, lang)}; ${fmtNum(x.high, lang)}]`,
        ];
      });
    const all = [head, ...body];
    const widths = head.map((_, i) => maxOf([...all.map((row) => row[i]!.length)]));
    for (const row of all)
      lines.push(
        `  ${row
          .map((c, i) => (i === 2 || i === 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
          .join('  ')
          .trimEnd()}`,
      );
    for (const w of u.warnings) lines.push(`  ! ${lang === 'vi' ? w.messageVi : w.message}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Markdown: one table per unit.
 *
 * @example writeFileSync('sipas.md', renderSipasMarkdown(result, 'vi', q));
 */
export function renderSipasMarkdown(r: SipasResult, lang: Lang = 'vi', q?: Parameters<typeof sipasRows>[2]): string {
  const rows = sipasRows(r, lang, q);
  // Titles, ids, unit names, assumption notes and warnings are the questionnaire's and the responses' text.
  const esc = mdText;
  const out = [
    `# ${esc(r.questionnaire.title)}`,
    '',
    `${mdCode(r.questionnaire.id)} ${esc(r.questionnaire.version)} — ${r.questionnaire.hash}`,
    '',
  ];
  out.push(
    esc(
      lang === 'vi'
        ? `Phương pháp: nhóm ${r.method.group}; phần ${r.method.part}; chung ${r.method.overall}; "không có ý kiến" ${r.method.noOpinion}; làm tròn ${r.method.rounding.precision} số ở mức ${r.method.rounding.stage}; ${intervalLabel(r, lang)}.`
        : `Method: group ${r.method.group}; part ${r.method.part}; overall ${r.method.overall}; no opinion ${r.method.noOpinion}; rounded to ${r.method.rounding.precision} at ${r.method.rounding.stage}; ${intervalLabel(r, lang)}.`,
    ),
  );
  if (r.unverified.length)
    out.push(
      '',
      lang === 'vi'
        ? `Chưa đối chiếu văn bản: ${r.unverified.map(mdCode).join(', ')}.`
        : `Unverified: ${r.unverified.map(mdCode).join(', ')}.`,
    );
  const assumed = assumptionLines(r, lang);
  if (assumed.length) pushAll(out, ['', esc(assumed[0]!), '', ...assumed.slice(1).map((l) => `- ${esc(l.slice(2))}`)]);
  for (const u of r.units) {
    out.push(
      '',
      `## ${esc(unitLabel(u, lang))}`,
      '',
      `| ${lang === 'vi' ? 'Cấp' : 'Level'} | ${lang === 'vi' ? 'Mã' : 'Id'} | ${lang === 'vi' ? 'Nội dung' : 'Title'} | ${lang === 'vi' ? 'Đo' : 'Measure'} | % | n | ${intervalLabel(r, lang)} |`,
      '|---|---|---|---|--:|--:|---|',
    );
    for (const x of rows.filter((y) => y.unit === u.unit)) {
      out.push(
        `| ${x.level} | ${esc(x.id)} | ${esc(x.title)} | ${esc(MEASURE[x.measure as keyof typeof MEASURE]?.[lang] ?? x.measure)} | ${fmtNum(x.value, lang)} | ${x.n ?? '—'} | ${x.low === null ? '—' : `[${fmtNum(x.low, lang)}; ${fmtNum(x.high, lang)}]`} |`,
      );
    }
    for (const w of u.warnings) out.push('', `> ${esc(lang === 'vi' ? w.messageVi : w.message)}`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * CSV (comma, "." decimals, UTF-8): one line per unit × index, with the counts behind item indices.
 *
 * @example renderSipasCsv(result).split('\n')[0] // "unit,level,id,measure,title,value,n,low,high,satisfied,valid,no_opinion,not_applicable,blank"
 */
export function renderSipasCsv(r: SipasResult, q?: Parameters<typeof sipasRows>[2]): string {
  const cell = (x: unknown) => (x === null || x === undefined || typeof x === 'number' ? csvCell(x) : csvCell(String(x)));
  const lines = ['unit,level,id,measure,title,value,n,low,high,satisfied,valid,no_opinion,not_applicable,blank'];
  for (const x of sipasRows(r, 'vi', q))
    lines.push(
      [x.unit, x.level, x.id, x.measure, x.title, x.value, x.n, x.low, x.high, x.satisfied, x.valid, x.noOpinion, x.notApplicable, x.blank]
        .map(cell)
        .join(','),
    );
  return `${lines.join('\n')}\n`;
}
