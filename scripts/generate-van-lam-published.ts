/**
 * Generates the decision the Văn Lâm example would publish (fixtures/van-lam-2021/published/): the ranked table
 * of the 11 communes and town as a district's office prints it — CSV with Vietnamese headers, ";" between cells
 * and comma decimals, described by a YAML file with the decision's metadata and band summary — and the same as
 * one JSON document; then a copy with three errors put in on purpose (a field that does not add up, two ranks
 * swapped, a band wrong), in both forms.
 *
 * ILLUSTRATIVE: the decision number is invented ("…/QĐ-UBND (minh họa)"), like the criteria set's. The numbers are
 * the engine's own output on the example, so the correct copy verifies clean. Deterministic: same inputs, same bytes.
 *
 * Run after the example's criteria or evidence change: npx tsx scripts/generate-van-lam-published.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { Exact } from '../src/core/exact.js';
import { num } from '../src/core/text.js';
import type { CriteriaSet } from '../src/criteria/load.js';
import { readCriteriaSet } from '../src/io/index.js';
import { dossierSource } from '../src/io/dossier-source.js';
import { inspectionSource } from '../src/io/inspection-source.js';
import { readEvidenceSources } from '../src/io/sources.js';
import { surveySource } from '../src/io/survey-source.js';
import type { Ranking } from '../src/ranking/rank.js';
import { score } from '../src/ranking/score.js';

/** The base name of the correct and of the erroneous copy. */
export const PUBLISHED_NAME = 'cong-bo-chi-so-cchc-2021';
export const ERRONEOUS_NAME = 'cong-bo-chi-so-cchc-2021-co-loi';

/** An error put in the erroneous copy, as a test expects verify to report it. */
export interface PlantedError {
  readonly what: 'field' | 'ranks-swapped' | 'band';
  readonly units: readonly string[];
  readonly field?: string;
  readonly printed: string;
  readonly correct: string;
}

interface Row {
  unitId: string;
  unit: string;
  kind: string;
  fields: Record<string, string>;
  total: string;
  max: string;
  index: string;
  rank: string;
  band: string;
}

const KIND: Record<string, string> = { xa: 'Xã', 'thi-tran': 'Thị trấn', phuong: 'Phường' };

function rowsOf(ranking: Ranking): Row[] {
  return ranking.rows.map(({ card: c, rankOf }) => {
    const p = c.criteria.precision;
    const kind = KIND[c.unit.kind ?? ''] ?? '';
    return {
      unitId: c.unit.id,
      unit: kind ? `${kind} ${c.unit.name}` : c.unit.name,
      kind,
      fields: Object.fromEntries(c.fields.map((f) => [f.id, num(f.points, p, 'vi')])),
      total: num(c.total, p, 'vi'),
      max: num(c.max, p, 'vi'),
      index: num(c.index, c.criteria.indexPrecision, 'vi'),
      rank: rankOf ?? '',
      band: c.band?.label ?? '',
    };
  });
}

function summaryOf(rows: readonly Row[], set: CriteriaSet): { band: string; count: number; percent: string }[] {
  return (set.bands?.levels ?? [])
    .map((b) => {
      const count = rows.filter((r) => r.band === b.label).length;
      return {
        band: b.label,
        count,
        percent: Exact.ratio(count * 100, rows.length)
          .toFixed(2, 'half-up')
          .replace('.', ','),
      };
    })
    .filter((s) => s.count > 0);
}

/** A field's column header as printed: "1. Công tác … (12 điểm)", a block "9. Điểm thưởng (tối đa 2 điểm)". */
function header(n: CriteriaSet['tree'][number]): string {
  const max = n.block ? n.block.cap : (n.max ?? 0);
  return `${n.id}. ${n.title} (${n.block ? 'tối đa ' : ''}${num(max, 0, 'vi')} điểm)`;
}

function csv(rows: readonly Row[], set: CriteriaSet): string {
  const cell = (s: string) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const head = [
    'STT',
    'Đơn vị',
    'Loại đơn vị',
    ...set.tree.map(header),
    'Tổng điểm',
    'Điểm tối đa',
    'Chỉ số CCHC (%)',
    'Xếp hạng',
    'Xếp loại',
  ];
  const body = rows.map((r, i) => [
    String(i + 1),
    r.unit,
    r.kind,
    ...set.tree.map((n) => r.fields[n.id] ?? ''),
    r.total,
    r.max,
    r.index,
    r.rank,
    r.band,
  ]);
  // A UTF-8 byte-order mark, as spreadsheet exports carry, so Excel opens the Vietnamese text correctly.
  return `\uFEFF${[head, ...body].map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}

function metadata(set: CriteriaSet, year: number): Record<string, unknown> {
  return {
    format: 'par-index/published@1',
    issuer: set.issuer,
    number: '…/QĐ-UBND (minh họa)',
    date: '2022-01-12',
    title: `Quyết định (minh họa) công bố kết quả xác định Chỉ số cải cách hành chính năm ${year} của UBND các xã, thị trấn huyện Văn Lâm`,
    year,
    criteria: { id: set.id, version: set.version },
    ranking: { method: set.ranking.method, on: set.ranking.on, tieBreak: set.ranking.tieBreak },
    bands: { on: set.bands?.on ?? 'rounded', levels: set.bands?.levels ?? [] },
  };
}

function yamlDoc(set: CriteriaSet, year: number, table: string, rows: readonly Row[], erroneous: boolean): string {
  const head = [
    `# ${erroneous ? 'ERRONEOUS COPY (errors put in on purpose, see README.md) of the' : 'The'} decision the Văn Lâm example would publish — ILLUSTRATIVE.`,
    "# Generated by scripts/generate-van-lam-published.ts from the engine's output; do not edit by hand.",
  ].join('\n');
  return `${head}\n${stringify({ ...metadata(set, year), table, summary: summaryOf(rows, set) }, { lineWidth: 0 })}`;
}

function jsonDoc(set: CriteriaSet, year: number, rows: readonly Row[]): string {
  const fields = set.tree.map((n) => ({
    id: n.id,
    title: n.title,
    max: n.block ? n.block.cap : (n.max ?? 0),
    ...(n.block ? { block: n.block.kind } : {}),
  }));
  const doc = {
    ...metadata(set, year),
    fields,
    rows: rows.map((r) => ({
      unit: r.unit,
      unitId: r.unitId,
      kind: r.kind,
      fields: r.fields,
      total: r.total,
      max: r.max,
      index: r.index,
      rank: r.rank,
      band: r.band,
    })),
    summary: summaryOf(rows, set),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * Puts the three errors in a copy of the rows (of at least 8 units with a field 3; fewer are copied unchanged): the 4th-ranked unit's field 3 with two digits swapped (its total
 * left as it was), the ranks of the 6th and 7th swapped, and the 8th given the band above its own.
 */
export function plantErrors(rows: readonly Row[], set: CriteriaSet): { rows: Row[]; planted: PlantedError[] } {
  const out = rows.map((r) => ({ ...r, fields: { ...r.fields } }));
  const planted: PlantedError[] = [];
  if (out.length < 8 || out[3]!.fields['3'] === undefined) return { rows: out, planted };
  const f = out[3]!;
  const was = f.fields['3']!;
  const [i, d = ''] = was.split(',') as [string, string?];
  // Two decimals swapped, the commonest slip of hand copying; the last digit moved on when they are equal.
  const wrong =
    d.length >= 2 && d[0] !== d[1] ? `${i},${d[1]}${d[0]}${d.slice(2)}` : `${i},${d.slice(0, -1)}${(Number(d.slice(-1) || '0') + 1) % 10}`;
  f.fields['3'] = wrong;
  planted.push({ what: 'field', units: [f.unitId], field: '3', printed: wrong, correct: was });
  const a = out[5]!;
  const b = out[6]!;
  if (a.rank !== b.rank) {
    [a.rank, b.rank] = [b.rank, a.rank];
    planted.push({ what: 'ranks-swapped', units: [a.unitId, b.unitId], printed: `${a.rank}, ${b.rank}`, correct: `${b.rank}, ${a.rank}` });
  }
  const c = out[7]!;
  const levels = set.bands?.levels ?? [];
  const k = levels.findIndex((l) => l.label === c.band);
  // The band above its own (the one below for a unit already in the top band).
  const other = levels[k > 0 ? k - 1 : k + 1];
  if (k >= 0 && other) {
    planted.push({ what: 'band', units: [c.unitId], printed: other.label, correct: c.band });
    c.band = other.label;
  }
  return { rows: out, planted };
}

/** Every file of fixtures/van-lam-2021/published/ (except README.md), by name, from ranked cards. */
export function publishedFiles(set: CriteriaSet, ranking: Ranking): { files: Record<string, string>; planted: PlantedError[] } {
  const year = ranking.rows[0]?.card.evidence.year ?? 0;
  const rows = rowsOf(ranking);
  const bad = plantErrors(rows, set);
  return {
    files: {
      [`${PUBLISHED_NAME}.csv`]: csv(rows, set),
      [`${PUBLISHED_NAME}.yaml`]: yamlDoc(set, year, `${PUBLISHED_NAME}.csv`, rows, false),
      [`${PUBLISHED_NAME}.json`]: jsonDoc(set, year, rows),
      [`${ERRONEOUS_NAME}.csv`]: csv(bad.rows, set),
      [`${ERRONEOUS_NAME}.yaml`]: yamlDoc(set, year, `${ERRONEOUS_NAME}.csv`, bad.rows, true),
      [`${ERRONEOUS_NAME}.json`]: jsonDoc(set, year, bad.rows),
    },
    planted: bad.planted,
  };
}

/** Scores the example as the tests do: criteria, and the fixture folder read with the source readers. */
export async function exampleCards(root: string): Promise<{ set: CriteriaSet; ranking: Ranking }> {
  const set = readCriteriaSet(`${root}criteria/examples/van-lam-commune-2021.yaml`);
  const evidence = await readEvidenceSources([`${root}fixtures/van-lam-2021`], {
    readers: [dossierSource, inspectionSource, surveySource],
    set,
  });
  return { set, ranking: score(set, evidence, { trace: false }) };
}

const invoked = process.argv[1] !== undefined && /generate-van-lam-published\.ts$/.test(process.argv[1]);
if (invoked) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const { set, ranking } = await exampleCards(root);
  const { files, planted } = publishedFiles(set, ranking);
  const dir = `${root}fixtures/van-lam-2021/published`;
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(`${dir}/${name}`, text, 'utf8');
  console.log(`wrote ${Object.keys(files).length} files to ${dir}`);
  for (const p of planted)
    console.log(`planted: ${p.what} ${p.units.join(', ')}${p.field ? ` field ${p.field}` : ''}: ${p.printed} (correct ${p.correct})`);
}
