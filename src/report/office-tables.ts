/**
 * The "office tables": a scoring run's results laid out the way a district office's spreadsheet is (a ranking
 * sheet, one sheet per field, a warnings sheet, the assumptions), which the XLSX and CSV writers of
 * `par-index/io` and the HTML report share. Built on the flat rows of `rows.ts`.
 *
 * Pure: no Node built-ins. Every function returns new frozen arrays and never mutates the cards.
 * @module
 */
import { formatPath, type Lang } from '../core/errors.js';
import type { NodeScore, ScoreCard } from '../engine/types.js';
import type { ProvenanceReport } from '../criteria/provenance.js';
import { cardsOf, type Ranking } from '../ranking/rank.js';
import { L } from './format.js';
import { bandLabel, warningRows } from './rows.js';
import { csvCell } from './table.js';
import { allPointsLost, pointsLostHeading } from './points-lost.js';

/**
 * A cell of an office table: text, a number (kept a number so spreadsheets can sum it), or empty.
 *
 * @example `officeTables(ranking)[0]!.rows[0] // ['1/11', 'Như Quỳnh', 12, 7.5, …, 'Xuất sắc']`
 */
export type OfficeCell = string | number | null;

/**
 * One table laid out as a district office's spreadsheet: a name (the sheet's or the CSV file's), a header and
 * rows; `decimals` says how many decimals each numeric column prints with (absent: text).
 *
 * @example `officeTables(ranking, 'vi')[0]!.name // 'Xếp hạng'`
 */
export interface OfficeTable {
  /** Short stable key: `ranking`, `field-3`, `warnings`, for file names and code. */
  readonly key: string;
  /** The sheet name in the chosen language (at most 31 characters, as Excel requires). */
  readonly name: string;
  /** A title line above the table. */
  readonly title: string;
  /** Column headers. */
  readonly header: readonly string[];
  /** Decimals per column for numbers; null for text columns. */
  readonly decimals: readonly (number | null)[];
  /** The rows. */
  readonly rows: readonly (readonly OfficeCell[])[];
}

const OFFICE = {
  ranking: { vi: 'Xếp hạng', en: 'Ranking' },
  warnings: { vi: 'Cảnh báo', en: 'Warnings' },
  pointsLost: { vi: 'Mất điểm', en: 'Points lost' },
  lost: { vi: 'Điểm mất', en: 'Points lost' },
  fieldSheet: { vi: 'Lĩnh vực', en: 'Field' },
  code: { vi: 'Mã', en: 'Code' },
  severity: { vi: 'Mức', en: 'Severity' },
  node: { vi: 'Tiêu chí', en: 'Criterion' },
  where: { vi: 'Vị trí', en: 'Where' },
  message: { vi: 'Nội dung', en: 'Message' },
  assumptions: { vi: 'Giả định', en: 'Assumptions' },
  part: { vi: 'Phần giả định', en: 'Part assumed' },
  source: { vi: 'Theo', en: 'After' },
  summary: { vi: 'Tóm tắt', en: 'Summary' },
  item: { vi: 'Mục', en: 'Item' },
  value: { vi: 'Giá trị', en: 'Value' },
  result: { vi: 'Kết quả', en: 'Result' },
} as const;

/** A check's first table: its verdict, then what it read (item, value), as `verify`'s workbooks begin. */
export function summaryTable(title: string, lang: Lang, verdict: string, rows: readonly (readonly string[])[]): OfficeTable {
  return {
    key: 'summary',
    name: OFFICE.summary[lang],
    title,
    header: [OFFICE.item[lang], OFFICE.value[lang]],
    decimals: [null, null],
    rows: [[OFFICE.result[lang], verdict], ...rows],
  };
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
function sheetName(s: string): string {
  return s.replace(/[[\]:*?/\\]/g, '-').slice(0, 31);
}

/** The first `max` UTF-16 units of `s`, never cutting a surrogate pair in two. */
function cut(s: string, max: number): string {
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/**
 * Makes names distinct without regard to case (as Excel, Windows and macOS compare them): a name met again gets
 * " (2)", " (3)"… (or "-2"…), cut so that it stays within `max`.
 */
function distinct(names: readonly string[], max: number, suffix: (n: number) => string): string[] {
  const key = (x: string) => x.normalize('NFC').toLowerCase();
  const taken = new Set<string>();
  return names.map((name) => {
    let out = name;
    for (let n = 2; taken.has(key(out)); n++) out = `${cut(name, max - suffix(n).length)}${suffix(n)}`;
    taken.add(key(out));
    return out;
  });
}

/**
 * Sheet names Excel accepts, distinct without regard to case: at most 31 characters, none of \`[]:*?/\\\` or a control
 * character, no apostrophe at either end, not "History" (reserved); a name met again gets " (2)"… Two fields whose
 * ids differ only in case, or share their first 22 characters, would otherwise make the same sheet twice.
 */
export function safeSheetNames(names: readonly string[]): string[] {
  const clean = names.map((n) => {
    // eslint-disable-next-line no-control-regex -- control characters are what Excel refuses
    let s = cut(n.replace(/[[\]:*?/\\\u0000-\u001f\u007f]/g, '-').replace(/^'+|'+$/g, ''), 31).replace(/'+$/, '');
    if (s === '') s = 'Sheet';
    if (s.toLowerCase() === 'history') s = `${s}-`;
    return s;
  });
  return distinct(clean, 31, (n) => ` (${n})`);
}

/** Names Windows reserves for devices, with any extension (\`con.csv\` is the console). */
const RESERVED_FILE = /^(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])(\.|$)/i;

/**
 * File names (without extension) valid on Windows, macOS and Linux, distinct without regard to case: no
 * \`<>:"/\\|?*\\` or control character, no dot or space at the end, not a device name Windows reserves (CON, NUL,
 * COM1…), at most 100 characters; a name met again gets "-2"… so that \`field-a.csv\` and \`field-A.csv\` do not
 * overwrite each other where the file system ignores case.
 */
export function safeFileStems(keys: readonly string[]): string[] {
  const clean = keys.map((k) => {
    // eslint-disable-next-line no-control-regex -- control characters are refused by Windows
    let s = cut(k.replace(/[<>:"/\\|?*\u0000-\u001f\u007f]/g, '-'), 100).replace(/[. ]+$/, '');
    if (s === '' || s.startsWith('.')) s = `table${s}`;
    if (RESERVED_FILE.test(s)) s = `_${s}`;
    return s;
  });
  return distinct(clean, 100, (n) => `-${n}`);
}

/**
 * The tables with sheet names made valid and distinct (see {@link safeSheetNames}), frozen all the way down
 * (the list, each table, its header, decimals, rows and each row), as every result of the library is.
 */
export function finishTables(tables: readonly OfficeTable[]): readonly OfficeTable[] {
  const names = safeSheetNames(tables.map((t) => t.name));
  return Object.freeze(
    tables.map((t, i) =>
      Object.freeze({
        ...t,
        name: names[i]!,
        header: Object.freeze([...t.header]),
        decimals: Object.freeze([...t.decimals]),
        rows: Object.freeze(t.rows.map((r) => Object.freeze([...r]))),
      }),
    ),
  );
}

/**
 * The tables a district office keeps for a scoring run: the ranking (rank, unit, every field, total, maximum,
 * index, band), the warnings that cost points (when any did: unit, criterion, points lost, code, message), one
 * table per field (every criterion of the field, then the field's points), the warnings, and —
 * when `opts.assumptions` is given and lists any — the criteria set's assumptions (content no source confirms).
 * Numbers stay numbers; `decimals` carries the criteria set's precision, so a writer prints "19,90" and not
 * "19.9". The XLSX and CSV writers of `par-index/io` lay these out unchanged.
 *
 * @example
 * ```ts
 * const tables = officeTables(rank(evaluate(set, evidence), set.ranking), 'vi');
 * tables.map((t) => t.name); // ['Xếp hạng', 'Lĩnh vực 1', …, 'Lĩnh vực 10', 'Cảnh báo']
 * ```
 */
export function officeTables(
  ranking: Ranking,
  lang: Lang = 'vi',
  opts: { readonly assumptions?: ProvenanceReport | undefined } = {},
): readonly OfficeTable[] {
  const cards = cardsOf(ranking);
  const c0 = cards[0];
  const p = c0?.criteria.precision ?? 2;
  const ip = c0?.criteria.indexPrecision ?? 2;
  const fields = c0?.fields ?? [];
  const heading = c0 ? `${c0.criteria.title} — ${L('decision', lang)} ${c0.criteria.decision.number} (${c0.criteria.decision.date})` : '';
  const out: OfficeTable[] = [];
  out.push({
    key: 'ranking',
    name: sheetName(OFFICE.ranking[lang]),
    title: heading,
    header: [
      L('rank', lang),
      L('unit', lang),
      ...fields.map((f) => `${f.id}. ${f.title}`),
      L('total', lang),
      L('max', lang),
      L('index', lang),
      L('band', lang),
    ],
    decimals: [null, null, ...fields.map(() => p), p, p, ip, null],
    rows: ranking.rows.map(({ card: c, rankOf }) => [
      rankOf,
      c.unit.name,
      ...fields.map((f) => c.fields.find((x) => x.id === f.id)?.points ?? null),
      c.total,
      c.max,
      c.index,
      bandLabel(c, lang),
    ]),
  });
  // The warnings that cost points come right after the ranking, as they come at the top of the other reports.
  const lost = pointsLostTable(ranking, lang);
  if (lost.rows.length > 0) out.push(lost);
  for (const f of fields) {
    // The criteria (depth 2) of the field, in the decision's order, as the columns of its sheet.
    const crit = (c: ScoreCard): NodeScore[] => {
      const i = c.nodes.findIndex((n) => n.id === f.id);
      const list: NodeScore[] = [];
      for (let j = i + 1; j < c.nodes.length && c.nodes[j]!.depth > 1; j++) if (c.nodes[j]!.depth === 2) list.push(c.nodes[j]!);
      return list;
    };
    const cols = c0 ? crit(c0) : [];
    out.push({
      key: `field-${f.id}`,
      name: sheetName(`${OFFICE.fieldSheet[lang]} ${f.id}`),
      title: `${f.id}. ${f.title}`,
      header: [
        L('rank', lang),
        L('unit', lang),
        ...cols.map((n) => `${n.printedId ?? n.id}. ${n.title}`),
        `${L('field', lang)} ${f.id}`,
        L('max', lang),
      ],
      decimals: [null, null, ...cols.map(() => p), p, p],
      rows: ranking.rows.map(({ card: c, rankOf }) => {
        const mine = crit(c);
        const cf = c.fields.find((x) => x.id === f.id);
        return [
          rankOf,
          c.unit.name,
          ...cols.map((n) => mine.find((x) => x.id === n.id)?.points ?? null),
          cf?.points ?? null,
          cf?.max ?? null,
        ];
      }),
    });
  }
  out.push({
    key: 'warnings',
    name: sheetName(OFFICE.warnings[lang]),
    title: L('warnings', lang),
    header: [L('unit', lang), OFFICE.code[lang], OFFICE.severity[lang], OFFICE.node[lang], OFFICE.where[lang], OFFICE.message[lang]],
    decimals: [null, null, null, null, null, null],
    rows: warningRows(cards, lang).map((w) => [w.unitName, w.code, w.severity, w.node, w.where, w.message]),
  });
  const assumed = opts.assumptions?.assumptions ?? [];
  if (assumed.length > 0) {
    out.push({
      key: 'assumptions',
      name: sheetName(OFFICE.assumptions[lang]),
      title: `${OFFICE.assumptions[lang]}: ${assumed.length}`,
      header: [OFFICE.where[lang], OFFICE.node[lang], OFFICE.part[lang], OFFICE.message[lang], OFFICE.source[lang]],
      decimals: [null, null, null, null, null],
      rows: assumed.map((a) => [formatPath(a.path), a.label, a.at ?? null, a.note, a.source ?? null]),
    });
  }
  return finishTables(out);
}

/**
 * The warnings that cost points as an office table: unit, criterion, points lost (a number, at the criteria
 * set's precision), code and message; no rows when no warning cost a point. `officeTables` includes it, right
 * after the ranking, when it has rows; `par-index report --format csv --table points-lost` writes it alone.
 *
 * @example `pointsLostTable(ranking, 'vi').rows[0] // ['Tân Quang', '5.2', 2, 'evidence.missing', '…']`
 */
export function pointsLostTable(ranking: Ranking, lang: Lang = 'vi'): OfficeTable {
  const cards = cardsOf(ranking);
  const p = cards[0]?.criteria.precision ?? 2;
  const lost = allPointsLost(cards);
  const unitName = new Map(cards.map((c) => [c.unit.id, c.unit.name]));
  return Object.freeze({
    key: 'points-lost',
    name: sheetName(OFFICE.pointsLost[lang]),
    title: pointsLostHeading(lost, lang).replace(/:$/, ''),
    header: Object.freeze([L('unit', lang), OFFICE.node[lang], OFFICE.lost[lang], OFFICE.code[lang], OFFICE.message[lang]]),
    decimals: Object.freeze([null, null, p, null, null]),
    rows: Object.freeze(
      lost.map((l) => Object.freeze([unitName.get(l.unit) ?? l.unit, l.node, l.points, l.code, lang === 'vi' ? l.messageVi : l.message])),
    ),
  });
}

/**
 * One office table as CSV: a header line and the rows, numbers with "." decimals at the table's precision (so
 * spreadsheets in any locale read them as numbers), empty cells for nothing.
 *
 * @example `officeTableCsv(officeTables(ranking, 'vi')[0]!).split('\n')[1] // "1/11,Như Quỳnh,12.00,7.50,…"`
 */
export function officeTableCsv(t: OfficeTable): string {
  const cell = (v: OfficeCell, i: number) => {
    if (v === null) return '';
    if (typeof v === 'number') {
      const d = t.decimals[i];
      return d === null || d === undefined ? String(v) : v.toFixed(d);
    }
    return csvCell(v);
  };
  return [t.header.map(csvCell).join(','), ...t.rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
}
