/**
 * Charts (biểu đồ) as Vega-Lite specifications: plain JSON objects with their data inline, so a notebook can
 * hand them to any Vega-Lite renderer and `par-index/io` can render them to SVG without a browser. Pure: no
 * Node built-ins, no renderer imported here.
 *
 * Every spec carries its data and its labels in the chosen language; the same input gives the same object
 * (deterministic order, colours assigned by band order rather than by appearance).
 * @module
 */
import { deepFreeze } from '../core/document.js';
import type { Lang } from '../core/errors.js';
import type { ScoreCard } from '../engine/types.js';
import { cardsOf, type Ranking } from '../ranking/rank.js';
import type { SipasResult } from '../sipas/result.js';
import { fieldRows } from './rows.js';
import { maxOf } from '../core/lists.js';

/**
 * The Vega-Lite schema the specs are written against (a name, never fetched by this library).
 *
 * @example `rankingChart(ranking).$schema === VEGA_LITE_SCHEMA // true`
 */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * A Vega-Lite specification: a plain JSON object with its data inline.
 *
 * @example `const spec: ChartSpec = rankingChart(ranking, { lang: 'en' }); JSON.stringify(spec)`
 */
export interface ChartSpec {
  /** The Vega-Lite schema version the spec follows. */
  readonly $schema: string;
  /** Any other Vega-Lite property. */
  readonly [key: string]: unknown;
}

/**
 * A band (xếp loại) as a chart's legend shows it: id and label. Pass the criteria set's `bands.levels` to fix
 * the legend's order and colours even when some bands were reached by no unit.
 *
 * @example `rankingChart(ranking, { bands: set.bands?.levels })`
 */
export interface ChartBand {
  /** The band's id. */
  readonly id: string;
  /** The Vietnamese label. */
  readonly label: string;
  /** The English label, if any. */
  readonly labelEn?: string | undefined;
}

/**
 * Options shared by the charts.
 *
 * @example `fieldHeatmap(ranking, { lang: 'en', width: 480 })`
 */
export interface ChartOptions {
  /** Labels' language (default Vietnamese). */
  readonly lang?: Lang;
  /** The chart's title; a default in the chosen language otherwise. */
  readonly title?: string;
  /** Width of the plotting area in pixels. */
  readonly width?: number;
}

/**
 * Colours of the bands, best band first: green to red, readable in print and by most colour-blind readers
 * (ColorBrewer RdYlGn, with a neutral grey for "no band").
 *
 * @example `BAND_COLORS[0] // '#1a9850', the best band's colour`
 */
export const BAND_COLORS: readonly string[] = ['#1a9850', '#91cf60', '#fdae61', '#f46d43', '#d73027', '#a50026', '#67001f'];

/**
 * The colour of units without a band.
 *
 * @example `bandColors(cards).get('(chưa xếp loại)') // NO_BAND_COLOR`
 */
export const NO_BAND_COLOR = '#bdbdbd';

const T = {
  ranking: { vi: 'Xếp hạng Chỉ số CCHC', en: 'PAR INDEX ranking' },
  heatmap: { vi: 'Tỷ lệ điểm đạt theo lĩnh vực (%)', en: 'Share of points earned per field (%)' },
  slope: { vi: 'So sánh giữa hai kỳ', en: 'Change between two periods' },
  intervals: { vi: 'Khoảng thứ hạng', en: 'Rank intervals' },
  sipas: { vi: 'Chỉ số hài lòng theo yếu tố (%)', en: 'Satisfaction by factor (%)' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  index: { vi: 'Chỉ số (%)', en: 'Index (%)' },
  total: { vi: 'Tổng điểm', en: 'Total' },
  band: { vi: 'Xếp loại', en: 'Band' },
  noBand: { vi: '(chưa xếp loại)', en: '(no band)' },
  field: { vi: 'Lĩnh vực', en: 'Field' },
  points: { vi: 'Điểm', en: 'Points' },
  percent: { vi: 'Tỷ lệ (%)', en: 'Share (%)' },
  period: { vi: 'Kỳ', en: 'Period' },
  value: { vi: 'Giá trị', en: 'Value' },
  rank: { vi: 'Thứ hạng', en: 'Rank' },
  median: { vi: 'Trung vị', en: 'Median' },
  low: { vi: 'Cận dưới', en: 'Low' },
  high: { vi: 'Cận trên', en: 'High' },
  factor: { vi: 'Yếu tố', en: 'Factor' },
  satisfaction: { vi: 'Hài lòng (%)', en: 'Satisfaction (%)' },
} as const;

const lab = (k: keyof typeof T, lang: Lang): string => T[k][lang];

/** Specs are frozen through and through: a notebook may pass one to several renderers without surprises. */
function done(spec: { $schema: string } & Record<string, unknown>): ChartSpec {
  return deepFreeze(spec);
}

const FONT = { font: 'sans-serif', labelFont: 'sans-serif', titleFont: 'sans-serif' };
/** One config for all charts: a fixed font so text is measured the same in Node and in a browser. */
const CONFIG = {
  font: 'sans-serif',
  axis: { ...FONT, labelLimit: 220 },
  legend: FONT,
  title: { font: 'sans-serif', anchor: 'start' },
  view: { stroke: null },
} as const;

function base(title: string, description: string): { $schema: string } & Record<string, unknown> {
  return { $schema: VEGA_LITE_SCHEMA, title, description, config: CONFIG };
}

function bandName(b: { label: string; labelEn?: string | undefined }, lang: Lang): string {
  return lang === 'en' && b.labelEn ? b.labelEn : b.label;
}

/**
 * The legend of bands, best first: the declared levels when given, otherwise the bands the cards reached,
 * ordered by the best index reaching each (so colours follow merit, not the order of the cards).
 */
function bandScale(cards: readonly ScoreCard[], lang: Lang, bands?: readonly ChartBand[]): { domain: string[]; range: string[] } {
  let levels: ChartBand[];
  if (bands && bands.length) levels = [...bands];
  else {
    const best = new Map<string, { band: ChartBand; index: number }>();
    for (const c of cards) {
      if (!c.band) continue;
      const prev = best.get(c.band.id);
      const i = c.index ?? -Infinity;
      if (!prev || i > prev.index) best.set(c.band.id, { band: c.band, index: i });
    }
    levels = [...best.values()].sort((a, b) => b.index - a.index || (a.band.id < b.band.id ? -1 : 1)).map((x) => x.band);
  }
  const domain = levels.map((b) => bandName(b, lang));
  const range = levels.map((_, i) => BAND_COLORS[Math.min(i, BAND_COLORS.length - 1)]!);
  if (cards.some((c) => !c.band)) {
    domain.push(lab('noBand', lang));
    range.push(NO_BAND_COLOR);
  }
  return { domain, range };
}

/**
 * The colour of each band label in a ranking chart (for an HTML table to colour its band cells the same way).
 *
 * @example `bandColors(cards, 'vi').get('Xuất sắc') // '#1a9850'`
 */
export function bandColors(cards: readonly ScoreCard[], lang: Lang = 'vi', bands?: readonly ChartBand[]): ReadonlyMap<string, string> {
  const s = bandScale(cards, lang, bands);
  return new Map(s.domain.map((d, i) => [d, s.range[i]!]));
}

/**
 * Horizontal bars of every unit's index (chỉ số), in rank order, coloured by band, the value printed at the
 * end of each bar. Units without an index keep their row, with no bar.
 *
 * @example
 * ```ts
 * const spec = rankingChart(rank(evaluate(set, evidence), set.ranking), { lang: 'vi', bands: set.bands?.levels });
 * // in a notebook: Deno.jupyter.display({ 'application/vnd.vegalite.v5+json': spec }) or renderSvg(spec) in Node
 * ```
 */
export function rankingChart(ranking: Ranking, opts: ChartOptions & { readonly bands?: readonly ChartBand[] | undefined } = {}): ChartSpec {
  const lang = opts.lang ?? 'vi';
  const scale = bandScale(cardsOf(ranking), lang, opts.bands);
  const values = ranking.rows.map(({ card: c, rank }, i) => ({
    order: i,
    unit: c.unit.id,
    label: `${rank === null ? '—' : rank}. ${c.unit.name}`,
    name: c.unit.name,
    rank,
    index: c.index,
    total: c.total,
    max: c.max,
    band: c.band ? bandName(c.band, lang) : lab('noBand', lang),
    text:
      c.index === null
        ? '—'
        : lang === 'vi'
          ? c.index.toFixed(c.criteria.indexPrecision).replace('.', ',')
          : c.index.toFixed(c.criteria.indexPrecision),
  }));
  const y = { field: 'label', type: 'nominal', sort: { field: 'order', op: 'min', order: 'ascending' }, title: lab('unit', lang) };
  return done({
    ...base(opts.title ?? lab('ranking', lang), 'ranking bars: one bar per unit, coloured by band'),
    width: opts.width ?? 420,
    height: { step: 22 },
    data: { values },
    encoding: { y },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'index', type: 'quantitative', title: lab('index', lang), scale: { domain: [0, 100] } },
          color: { field: 'band', type: 'nominal', title: lab('band', lang), scale: scale, sort: scale.domain },
          tooltip: [
            { field: 'name', type: 'nominal', title: lab('unit', lang) },
            { field: 'rank', type: 'quantitative', title: lab('rank', lang) },
            { field: 'total', type: 'quantitative', title: lab('total', lang) },
            { field: 'index', type: 'quantitative', title: lab('index', lang) },
            { field: 'band', type: 'nominal', title: lab('band', lang) },
          ],
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 3, fontSize: 10 },
        encoding: { x: { field: 'index', type: 'quantitative' }, text: { field: 'text', type: 'nominal' } },
      },
    ],
  });
}

/**
 * A heatmap of every unit's points in every field, as a share of the field's maximum, with the points printed
 * in each cell; bonus and penalty blocks are grey cells with their points. Rows are the units in rank order, columns the fields in
 * the decision's order.
 *
 * @example `fieldHeatmap(ranking, { lang: 'en' }).data // { values: [{ unit: 'Như Quỳnh', field: '1', percent: 100, … }, …] }`
 */
export function fieldHeatmap(ranking: Ranking, opts: ChartOptions = {}): ChartSpec {
  const lang = opts.lang ?? 'vi';
  const cards = cardsOf(ranking);
  const p = cards[0]?.criteria.precision ?? 2;
  const order = new Map(cards.map((c, i) => [c.unit.id, i]));
  const values = fieldRows(ranking, lang).map((r) => ({
    order: order.get(r.unitId) ?? 0,
    unit: r.unitName,
    field: r.fieldId,
    title: r.fieldTitle,
    points: r.points,
    max: r.block ? r.cap : r.max,
    percent: r.percent,
    block: r.block,
    text: lang === 'vi' ? r.points.toFixed(p).replace('.', ',') : r.points.toFixed(p),
  }));
  const fieldOrder = (cards[0]?.fields ?? []).map((f) => f.id);
  const x = { field: 'field', type: 'ordinal', sort: fieldOrder, title: lab('field', lang), axis: { labelAngle: 0 } };
  const y = { field: 'unit', type: 'nominal', sort: { field: 'order', op: 'min', order: 'ascending' }, title: lab('unit', lang) };
  return done({
    ...base(opts.title ?? lab('heatmap', lang), 'heatmap: units × fields, colour = share of the field maximum'),
    width: opts.width ?? Math.max(240, 38 * fieldOrder.length),
    height: { step: 22 },
    data: { values },
    encoding: { x, y },
    layer: [
      // Bonus and penalty blocks have no "share of the maximum" to colour (0 is good for a penalty): grey cells.
      { transform: [{ filter: 'datum.block != null' }], mark: { type: 'rect', color: '#eeeeee' } },
      {
        transform: [{ filter: 'datum.block == null' }],
        mark: { type: 'rect' },
        encoding: {
          color: {
            field: 'percent',
            type: 'quantitative',
            title: lab('percent', lang),
            scale: { scheme: 'redyellowgreen', domain: [0, 100], clamp: true },
          },
          tooltip: [
            { field: 'unit', type: 'nominal', title: lab('unit', lang) },
            { field: 'title', type: 'nominal', title: lab('field', lang) },
            { field: 'points', type: 'quantitative', title: lab('points', lang) },
            { field: 'percent', type: 'quantitative', title: lab('percent', lang) },
          ],
        },
      },
      { mark: { type: 'text', fontSize: 9 }, encoding: { text: { field: 'text', type: 'nominal' } } },
    ],
  });
}

/**
 * One unit's value in two periods (or under two criteria sets), for a slope chart.
 *
 * @example `{ unit: 'nhu-quynh', name: 'Như Quỳnh', a: 91.2, b: 95.41 }`
 */
export interface SlopeRow {
  /** The unit's id. */
  readonly unit: string;
  /** The unit's name (the id when absent). */
  readonly name?: string | undefined;
  /** The value in the first period, or null when the unit was not scored then. */
  readonly a: number | null;
  /** The value in the second period, or null. */
  readonly b: number | null;
}

/**
 * Pairs two sets of cards unit by unit (by id): every unit of either set gets a row, with null where it is
 * missing from one set, never dropped. Rows follow the second set's order, then units only in the first.
 *
 * @example `slopeRows(cards2020, cards2021, 'index') // [{ unit: 'nhu-quynh', name: 'Như Quỳnh', a: 91.2, b: 95.41 }, …]`
 */
export function slopeRows(a: readonly ScoreCard[], b: readonly ScoreCard[], measure: 'index' | 'total' = 'index'): readonly SlopeRow[] {
  const va = new Map(a.map((c) => [c.unit.id, c]));
  const vb = new Map(b.map((c) => [c.unit.id, c]));
  const ids = [...b.map((c) => c.unit.id), ...a.map((c) => c.unit.id).filter((id) => !vb.has(id))];
  return Object.freeze(
    ids.map((id) => {
      const x = va.get(id);
      const y = vb.get(id);
      return Object.freeze({ unit: id, name: (y ?? x)!.unit.name, a: x ? x[measure] : null, b: y ? y[measure] : null });
    }),
  );
}

/**
 * A slope chart: one line per unit from its value in the first period to the second. Input: rows
 * `{ unit, a, b }` (e.g. from a year-over-year comparison), or two sets of cards.
 *
 * @example
 * ```ts
 * slopeChart({ a: cards2020, b: cards2021 }, { labels: ['2020', '2021'], lang: 'en' });
 * slopeChart([{ unit: 'x', a: 80, b: 85 }], { labels: ['2020', '2021'] });
 * ```
 */
export function slopeChart(
  input: readonly SlopeRow[] | { readonly a: readonly ScoreCard[]; readonly b: readonly ScoreCard[]; readonly measure?: 'index' | 'total' },
  opts: ChartOptions & { readonly labels?: readonly [string, string]; readonly measureTitle?: string } = {},
): ChartSpec {
  const lang = opts.lang ?? 'vi';
  const rows =
    'a' in input && !Array.isArray(input)
      ? slopeRows(
          (input as { a: readonly ScoreCard[] }).a,
          (input as { b: readonly ScoreCard[] }).b,
          (input as { measure?: 'index' | 'total' }).measure,
        )
      : (input as readonly SlopeRow[]);
  const [la, lb] = opts.labels ?? ['A', 'B'];
  const values = rows.flatMap((r) => [
    { unit: r.name ?? r.unit, period: la, value: r.a },
    { unit: r.name ?? r.unit, period: lb, value: r.b },
  ]);
  const enc = {
    x: { field: 'period', type: 'ordinal', sort: [la, lb], title: lab('period', lang), axis: { labelAngle: 0 }, scale: { padding: 0.3 } },
    y: { field: 'value', type: 'quantitative', title: opts.measureTitle ?? lab('index', lang), scale: { zero: false } },
    color: { field: 'unit', type: 'nominal', title: lab('unit', lang), sort: rows.map((r) => r.name ?? r.unit) },
  };
  return done({
    ...base(opts.title ?? lab('slope', lang), 'slope chart: one line per unit between two periods'),
    width: opts.width ?? 260,
    height: 320,
    data: { values },
    encoding: enc,
    layer: [
      { mark: { type: 'line' } },
      {
        mark: { type: 'point', filled: true },
        encoding: {
          tooltip: [
            { field: 'unit', type: 'nominal' },
            { field: 'period', type: 'ordinal' },
            { field: 'value', type: 'quantitative' },
          ],
        },
      },
    ],
  });
}

/**
 * One unit's rank under uncertainty: the median rank over the draws and an interval.
 *
 * @example `{ unit: 'Như Quỳnh', median: 1, low: 1, high: 2 }`
 */
export interface RankIntervalRow {
  /** The unit (name or id, as it should be printed). */
  readonly unit: string;
  /** The median rank. */
  readonly median: number;
  /** The best rank in the interval. */
  readonly low: number;
  /** The worst rank in the interval. */
  readonly high: number;
}

/**
 * Rank-uncertainty intervals: per unit a line from its best to its worst plausible rank and a dot at the
 * median, units ordered by median rank (rank 1 at the top).
 *
 * @example `rankIntervalChart([{ unit: 'Như Quỳnh', median: 1, low: 1, high: 2 }, { unit: 'Đại Đồng', median: 2, low: 1, high: 3 }])`
 */
export function rankIntervalChart(rows: readonly RankIntervalRow[], opts: ChartOptions = {}): ChartSpec {
  const lang = opts.lang ?? 'vi';
  const sorted = [...rows].sort((a, b) => a.median - b.median || a.low - b.low || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
  const values = sorted.map((r, i) => ({ order: i, unit: r.unit, median: r.median, low: r.low, high: r.high }));
  const y = { field: 'unit', type: 'nominal', sort: { field: 'order', op: 'min', order: 'ascending' }, title: lab('unit', lang) };
  const max = maxOf([1, ...rows.map((r) => r.high)]);
  const x = { type: 'quantitative', title: lab('rank', lang), scale: { domain: [1, max], nice: false }, axis: { tickMinStep: 1 } };
  return done({
    ...base(opts.title ?? lab('intervals', lang), 'rank intervals: low–high rank per unit, dot at the median'),
    width: opts.width ?? 360,
    height: { step: 22 },
    data: { values },
    encoding: { y },
    layer: [
      { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: { field: 'low', ...x }, x2: { field: 'high' } } },
      {
        mark: { type: 'point', filled: true, size: 60 },
        encoding: {
          x: { field: 'median', ...x },
          tooltip: [
            { field: 'unit', type: 'nominal', title: lab('unit', lang) },
            { field: 'median', type: 'quantitative', title: lab('median', lang) },
            { field: 'low', type: 'quantitative', title: lab('low', lang) },
            { field: 'high', type: 'quantitative', title: lab('high', lang) },
          ],
        },
      },
    ],
  });
}

/**
 * SIPAS factor profiles: for every unit, the satisfaction index of each group (yếu tố) with its interval, the
 * groups in the questionnaire's order. Groups without a satisfaction index (no valid answer) keep their
 * place with no point.
 *
 * @example `sipasProfileChart(computeIndices(q, tally), { lang: 'en' })`
 */
export function sipasProfileChart(
  result: SipasResult,
  opts: ChartOptions & { readonly kind?: 'factor' | 'content' | 'all' } = {},
): ChartSpec {
  const lang = opts.lang ?? 'vi';
  const kind = opts.kind ?? 'all';
  const values = result.units.flatMap((u) =>
    u.groups
      .filter((g) => kind === 'all' || g.kind === kind)
      .map((g) => ({
        unit: u.unit === '*' ? (lang === 'vi' ? 'tất cả' : 'all') : u.unit,
        group: g.id,
        title: g.title,
        value: g.satisfaction?.value ?? null,
        low: g.satisfaction?.low ?? null,
        high: g.satisfaction?.high ?? null,
        n: g.satisfaction?.n ?? null,
      })),
  );
  const groupOrder = [...new Set(values.map((v) => v.group))];
  const enc = {
    x: { field: 'group', type: 'ordinal', sort: groupOrder, title: lab('factor', lang), axis: { labelAngle: -30 } },
    color: { field: 'unit', type: 'nominal', title: lab('unit', lang) },
  };
  const y = { type: 'quantitative', title: lab('satisfaction', lang), scale: { zero: false } };
  return done({
    ...base(opts.title ?? lab('sipas', lang), 'SIPAS profiles: satisfaction index per group and unit, with intervals'),
    width: opts.width ?? Math.max(240, 48 * groupOrder.length),
    height: 260,
    data: { values },
    encoding: enc,
    layer: [
      { mark: { type: 'rule' }, encoding: { y: { field: 'low', ...y }, y2: { field: 'high' } } },
      {
        mark: { type: 'line', point: { filled: true } },
        encoding: {
          y: { field: 'value', ...y },
          tooltip: [
            { field: 'unit', type: 'nominal' },
            { field: 'title', type: 'nominal' },
            { field: 'value', type: 'quantitative' },
            { field: 'low', type: 'quantitative' },
            { field: 'high', type: 'quantitative' },
            { field: 'n', type: 'quantitative' },
          ],
        },
      },
    ],
  });
}
