/**
 * The dossier-source descriptor (`par-index/dossier-source@1`): a small YAML file beside a one-stop export that
 * says what the export is — the table file(s), the period, the calendar, the column mapping, which receiving
 * unit is which evidence unit, which computed measure becomes which evidence measure, and where the export came
 * from. This module holds its schema and turns a summary into an evidence document (pure); reading the files is
 * `io/dossier-source.ts`.
 * @module
 */
import { z } from 'zod';
import { issue, ParIndexError, type Issue } from '../core/errors.js';
import { NumberFormatSchema } from '../core/numbers.js';
import { Id, IsoDate, Name } from '../core/zod-helpers.js';
import { EVIDENCE_FORMAT, EVIDENCE_FORMAT_VERSION } from '../evidence/schema.js';
import { AggregateRateSchema, type AggregateRow } from './aggregates.js';
import { DOSSIER_MEASURE_IDS } from './dossier-measures.js';
import type { DossierSummary } from './summary-schema.js';
import { ColumnMappingSchema } from './columns.js';
import { onlineModeOf, type OnlineMode } from './vocabulary.js';

/**
 * The descriptor's format tag.
 * @example `${DOSSIER_SOURCE_FORMAT}@${DOSSIER_SOURCE_VERSION}` // "par-index/dossier-source@1"
 */
export const DOSSIER_SOURCE_FORMAT = 'par-index/dossier-source';
/**
 * The newest descriptor version this library reads.
 * @example DOSSIER_SOURCE_VERSION // 1
 */
export const DOSSIER_SOURCE_VERSION = 1;

/** An evidence unit: its id alone, or its id and name. */
const UnitTarget = z.union([
  Id,
  z.strictObject({
    /** The unit's id in the evidence. */
    id: Id,
    /** The unit's name in the evidence (given only the id, the unit is named as the export names it). */
    name: Name,
  }),
]);
const Files = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));

/**
 * An online mode written inline: a mode id (full, partial, none, level4 … level1) or a word as exports and
 * catalogue tables write it ("toàn trình", "Mức độ 3", 3) — the words the record and catalogue files accept, so a
 * catalogue copied from a table into the descriptor reads the same. Output: the mode id.
 */
const ModeWord = z.union([z.string(), z.number()]).transform((v, ctx): OnlineMode => {
  const m = onlineModeOf(v);
  if (m === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `unknown online mode "${String(v)}": expected full, partial, none or level1–level4, or a word as exports write it ("toàn trình", "một phần", "Mức độ 3")`,
      params: {
        vi: `mức độ "${String(v)}" không xác định: cần full, partial, none hoặc level1–level4, hoặc cách ghi của tệp kết xuất ("toàn trình", "một phần", "Mức độ 3")`,
      },
    });
    return z.NEVER;
  }
  return m;
});

/** The procedure catalogue written inline: code → field, online mode, processing time. */
const ProcedureEntry = z.strictObject({
  /** The procedure's name. */
  name: z.string().optional(),
  /** Its field (lĩnh vực TTHC). */
  field: z.string().optional(),
  /** How far it is offered online: full, partial, none or the older level4 … level1, or an export's word for one ("toàn trình", "Mức độ 3"). */
  mode: ModeWord.optional(),
  /** As an export writes it: "5 ngày", "trong ngày", "1 giờ". */
  time: z.union([z.string(), z.number()]).optional(),
});

/**
 * The descriptor.
 *
 * @example
 * ```yaml
 * format: par-index/dossier-source@1
 * year: 2021
 * period: { from: 2020-12-15, to: 2021-12-15 }
 * calendar: vn
 * records: ho-so-mot-cua-2021.csv
 * units: { "UBND xã Chỉ Đạo": { id: chi-dao, name: Chỉ Đạo } }
 * measures: { dossiers.onTime: resolved.inTime, dossiers.resolved: resolved }
 * source: "Hệ thống thông tin một cửa điện tử tỉnh Hưng Yên, kết xuất 15/12/2021"
 * ```
 */
export const DossierSourceSchema = z
  .strictObject({
    /** The format tag: `par-index/dossier-source@1`. */
    format: z.string(),
    /** The year assessed. */
    year: z.number().int().min(2000).max(2100),
    /** The period the counts cover. */
    period: z.strictObject({
      /** First day (ISO date), included. */
      from: IsoDate,
      /** Last day (ISO date), included. */
      to: IsoDate,
    }),
    /** "vn" (the bundled calendar) or a calendar file, relative to the descriptor. */
    calendar: z.string().min(1).default('vn'),
    /** The export's record files (CSV or XLSX), relative to the descriptor. */
    records: Files.optional(),
    /** Or: a table of published counts per unit (aggregate-only evidence). */
    aggregates: z.string().min(1).optional(),
    /** With aggregates: the printed percentage columns and the counts they follow from. */
    rates: z.array(AggregateRateSchema).default([]),
    /** With aggregates: measure id → the table's header for it (or "#N", the N-th column), beyond the usual wordings. */
    counts: z.record(z.string(), z.string().min(1)).optional(),
    /** How the tables write numbers: vi (1.234,5), en (1,234.5) or { decimal, thousands }. Without it, 12.000 or 1,5 is refused. */
    numbers: NumberFormatSchema.optional(),
    /** XLSX: the sheet to read. */
    sheet: z.union([z.string(), z.number().int().positive()]).optional(),
    /** A column mapping, inline or as a file (format par-index/dossier-columns@1). */
    columns: z.union([z.string().min(1), ColumnMappingSchema]).optional(),
    /** The procedure catalogue, inline (code → entry) or a CSV/YAML file. */
    procedures: z.union([z.string().min(1), z.record(z.string(), ProcedureEntry)]).optional(),
    /** The export's receiving-unit names → evidence units. */
    units: z.record(Name, UnitTarget),
    /** Evidence measure name → computed measure id. Absent: every computed measure as `dossiers.<id>`. */
    measures: z.record(Id, z.string()).optional(),
    /** Provenance of the export (hệ thống, ngày kết xuất). */
    source: z.string().min(1),
    /** Rejected rows tolerated before the read fails (default 0: any rejected row stops it). */
    allowRejected: z.number().int().min(0).default(0),
    /** Dossier ids quoted in each measure's source and note (default 5; 0: none). */
    idsInNote: z.number().int().min(0).max(1000).default(5),
    /** A note for readers of the file. */
    notes: z.string().optional(),
  })
  .refine((d) => (d.records === undefined) !== (d.aggregates === undefined), {
    message: 'give either records (dossier records) or aggregates (published counts), not both',
  });
/**
 * A dossier-source descriptor after validation and defaults.
 * @example const d: DossierSourceData = DossierSourceSchema.parse(doc)
 */
export type DossierSourceData = z.output<typeof DossierSourceSchema>;

/**
 * The evidence-unit target of each export name: id and name.
 * @example unitTargets(d).get('UBND xã Chỉ Đạo') // { id: 'chi-dao', name: 'Chỉ Đạo' }
 */
export function unitTargets(d: DossierSourceData): Map<string, { id: string; name: string }> {
  const m = new Map<string, { id: string; name: string }>();
  for (const [k, v] of Object.entries(d.units)) m.set(k.trim(), typeof v === 'string' ? { id: v, name: k.trim() } : v);
  return m;
}

/**
 * The evidence measure name → computed measure id mapping, with the default naming when none is given.
 * @example measureMapping(d) // [['dossiers.onTime', 'resolved.inTime'], …]
 */
export function measureMapping(d: DossierSourceData, file?: string): [string, string][] {
  const entries = d.measures ? Object.entries(d.measures) : DOSSIER_MEASURE_IDS.map((id) => [`dossiers.${id}`, id] as [string, string]);
  const bad = entries.filter(([, c]) => !DOSSIER_MEASURE_IDS.includes(c));
  if (bad.length) {
    throw new ParIndexError(
      bad.map(([e, c]) =>
        issue(
          'dossier.unknown-measure',
          'error',
          ['measures', e],
          `"${c}" is not a measure computed from dossiers (known: ${DOSSIER_MEASURE_IDS.join(', ')})`,
          `"${c}" không phải chỉ số tính từ hồ sơ (các chỉ số: ${DOSSIER_MEASURE_IDS.join(', ')})`,
          { file },
        ),
      ),
    );
  }
  return entries;
}

/** "A, B, C … (+N)": the ids quoted, and how many more dossiers there are. */
function idList(ids: readonly string[], count: number): string {
  return `${ids.join(', ')}${count > ids.length ? ` … (+${count - ids.length})` : ''}`;
}

/** The provenance of a measure: the export, the count, and (up to `idsInNote`) the ids of the dossiers behind it. */
function sourceText(d: DossierSourceData, files: readonly string[], count: number, measure: string, ids: readonly string[]): string {
  const quoted = ids.length ? `; mã hồ sơ: ${idList(ids, count)}` : '';
  return `${d.source} — ${files.join(', ')}: ${count} hồ sơ (${measure}, ${d.period.from}..${d.period.to})${quoted}`;
}

/**
 * Evidence (format par-index/evidence@1) from a summary grouped by unit: each mapped unit with the mapped
 * measures, each quoting in its source the export, the count of dossiers behind it and the first of their ids
 * (up to the descriptor's `idsInNote`, then "… (+N)"), so a score's trace names them; the note repeats the ids.
 * A measure the export cannot give (a missing column) is an error, never a zero.
 *
 * @example
 * ```ts
 * const doc = dossierEvidence(summary, descriptor, { file: 'ho-so.dossiers.yaml', files: ['ho-so.csv'] });
 * doc.units[0].measures['dossiers.onTime'].value;
 * ```
 */
export function dossierEvidence(
  summary: DossierSummary,
  d: DossierSourceData,
  where: {
    file?: string | undefined;
    files: readonly string[];
    /** How a rejected row's file is named in the evidence (default: as the summary names it). */
    name?: ((file: string) => string) | undefined;
  },
): Record<string, unknown> {
  const mapping = measureMapping(d, where.file);
  const nameOf = where.name ?? ((f: string) => f);
  const missing = mapping.flatMap(([e, c]) => {
    const u = summary.unavailable.find((x) => x.measure === c);
    return u ? [{ e, c, fields: (u.missing ?? [u.needs]).map((f) => `"${f}"`) }] : [];
  });
  if (missing.length) {
    throw new ParIndexError(
      missing.map(({ e, c, fields }) =>
        issue(
          'dossier.bad-header',
          'error',
          ['measures', e],
          `${e} ← ${c} needs the ${fields.length > 1 ? 'columns' : 'column'} ${fields.join(' and ')}, which the export does not have: it cannot be counted (and is not set to 0)`,
          `${e} ← ${c} cần cột ${fields.join(' và ')} mà tệp kết xuất không có: không tính được (và không gán 0)`,
          { file: where.file },
        ),
      ),
    );
  }
  const units = new Map<string, { id: string; name: string }>();
  for (const t of unitTargets(d).values()) if (!units.has(t.id)) units.set(t.id, t);
  const rejectedNote = summary.rows.rejected > 0 ? `; ${summary.rows.rejected} dòng bị loại (xem: par-index dossiers)` : '';
  const byUnit = summary.rejectedByUnit ?? {};
  const unattributed = summary.rows.rejected - Object.values(byUnit).reduce((a, b) => a + b, 0);
  /** The rejected rows that may hide cases of a unit: its own, and those whose unit could not be read. */
  const rejectedOf = (id: string) => {
    const count = Object.hasOwn(byUnit, id) ? byUnit[id]! : 0;
    if (count + unattributed === 0) return undefined;
    const rows = summary.rejected
      .filter((r) => (count > 0 ? r.unit === id : r.unit === undefined))
      .slice(0, 5)
      .map((r) => ({ ...(r.file === undefined ? {} : { file: nameOf(r.file) }), row: r.row, message: r.message, messageVi: r.messageVi }));
    return { count, ...(unattributed > 0 ? { unattributed } : {}), rows };
  };
  const out = [...units.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((u) => {
      const g = summary.groups[u.id];
      const measures: Record<string, unknown> = {};
      for (const [name, c] of mapping) {
        const m = g?.measures[c];
        const count = m?.count ?? 0;
        const ids = (m?.ids ?? []).slice(0, d.idsInNote);
        const note =
          count === 0
            ? `không có hồ sơ${rejectedNote}`
            : ids.length === 0
              ? `${count} hồ sơ; mã hồ sơ không liệt kê (idsInNote: 0)${rejectedNote}`
              : `mã hồ sơ: ${idList(ids, count)}${rejectedNote}`;
        const rejected = rejectedOf(u.id);
        measures[name] = {
          value: count,
          source: sourceText(d, where.files, count, c, count === 0 ? [] : ids),
          note,
          ...(rejected ? { rejected } : {}),
        };
      }
      return { id: u.id, name: u.name, measures };
    });
  const warn = Object.entries(summary.warningsByCode)
    .map(([k, v]) => `${v} × ${k}`)
    .join(', ');
  return {
    format: `${EVIDENCE_FORMAT}@${EVIDENCE_FORMAT_VERSION}`,
    year: d.year,
    period: { from: d.period.from, to: d.period.to },
    source: d.source,
    notes: `Tính từ ${summary.rows.used}/${summary.rows.in} dòng hồ sơ (${summary.rows.rejected} dòng bị loại${warn ? `; cảnh báo: ${warn}` : ''}) — computed from dossier records by par-index.`,
    units: out,
  };
}

/**
 * Evidence from published counts (aggregate-only), with the consistency warnings written into the notes of
 * the unit's measures. A mapped measure the table does not give is an error, never a zero.
 *
 * @example aggregateEvidence(rows, warnings, descriptor, { file, files: ['cong-dvc.csv'] })
 */
export function aggregateEvidence(
  rows: readonly AggregateRow[],
  warnings: readonly Issue[],
  d: DossierSourceData,
  where: { file?: string | undefined; files: readonly string[] },
): Record<string, unknown> {
  const mapping = measureMapping(d, where.file);
  const targets = unitTargets(d);
  const issues: Issue[] = [];
  const units = new Map<string, { id: string; name: string; measures: Record<string, unknown>; warnings?: unknown[] }>();
  for (const r of rows) {
    const t = targets.get(r.unit);
    if (!t) {
      issues.push(
        issue(
          'dossier.unknown-unit',
          'error',
          ['row', r.row],
          `row ${r.row}: unknown unit "${r.unit}": add it to the descriptor's units`,
          `dòng ${r.row}: đơn vị "${r.unit}" không có trong units của tệp mô tả`,
          { file: where.file },
        ),
      );
      continue;
    }
    if (units.has(t.id)) {
      issues.push(
        issue(
          'dossier.duplicate-id',
          'error',
          ['row', r.row],
          `row ${r.row}: unit ${t.id} appears twice in the table`,
          `dòng ${r.row}: đơn vị ${t.id} xuất hiện hai lần`,
          { file: where.file },
        ),
      );
      continue;
    }
    const ownIssues = warnings.filter((w) => w.unit === r.unit);
    const own = ownIssues.map((w) => w.messageVi);
    const measures: Record<string, unknown> = {};
    for (const [name, c] of mapping) {
      const v = r.counts[c];
      if (v === undefined) {
        if (d.measures)
          issues.push(
            issue(
              'dossier.missing-value',
              'error',
              ['row', r.row],
              `row ${r.row} (${r.unit}): ${name} ← ${c} is not in the table (it is not set to 0)`,
              `dòng ${r.row} (${r.unit}): ${name} ← ${c} không có trong bảng (không gán 0)`,
              { file: where.file, unit: r.unit },
            ),
          );
        continue;
      }
      measures[name] = {
        value: v,
        source: `${d.source} — ${where.files.join(', ')} dòng ${r.row}: ${c} = ${v} (số liệu tổng hợp, ${d.period.from}..${d.period.to})`,
        ...(own.length ? { note: `cảnh báo: ${own.join('; ')}` } : {}),
      };
    }
    // The checks' warnings go on the unit's cards (score, explain, the report), not only into a note.
    const table = where.files.join(', ');
    units.set(t.id, {
      id: t.id,
      name: t.name,
      measures,
      ...(ownIssues.length
        ? { warnings: ownIssues.map((w) => ({ code: w.code, message: `${table}: ${w.message}`, messageVi: `${table}: ${w.messageVi}` })) }
        : {}),
    });
  }
  ParIndexError.throwIfErrors(issues);
  return {
    format: `${EVIDENCE_FORMAT}@${EVIDENCE_FORMAT_VERSION}`,
    year: d.year,
    period: { from: d.period.from, to: d.period.to },
    source: d.source,
    ...(warnings.length
      ? { notes: `${warnings.length} cảnh báo khi đối chiếu số liệu tổng hợp: ${warnings.map((w) => w.messageVi).join(' | ')}` }
      : {}),
    units: [...units.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
}
