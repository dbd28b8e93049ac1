/**
 * Vega-Lite specs: their data and labels, determinism, immutability, and that each renders headless to a
 * well-formed SVG with the right number of marks and no Vega-Lite warning.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { renderSvg } from '../../src/io/render-svg.js';
import { readQuestionnaire, readResponses } from '../../src/io/survey-source.js';
import {
  BAND_COLORS,
  fieldHeatmap,
  rankIntervalChart,
  rankingChart,
  sipasProfileChart,
  slopeChart,
  slopeRows,
  VEGA_LITE_SCHEMA,
  type ChartSpec,
} from '../../src/report/charts.js';
import { computeIndices } from '../../src/sipas/indices.js';
import { cards, EXPECTED, evidence, fixtureDir, marksIn, ranking, set, wellFormed } from '../support/report-example.js';
import { root } from '../support/paths.js';

const values = (s: ChartSpec) => (s['data'] as { values: Record<string, unknown>[] }).values;

async function svgOf(spec: ChartSpec): Promise<string> {
  const warnings: string[] = [];
  const svg = await renderSvg(spec, { onWarning: (w) => warnings.push(w) });
  expect(warnings, 'Vega-Lite warnings').toEqual([]);
  expect(wellFormed(svg)).toEqual([]);
  expect(svg.startsWith('<svg')).toBe(true);
  return svg;
}

const q = readQuestionnaire(`${root}questionnaires/van-lam-commune-2021.yaml`);
const { tally } = await readResponses(`${fixtureDir}/survey/responses-2021.csv`, q, { unitColumn: 'xa' });
const sipas = computeIndices(q, tally);

describe('ranking bars', () => {
  const spec = rankingChart(ranking, { lang: 'vi', bands: set.bands?.levels });

  it('one bar per unit in rank order, coloured by band in the declared order', async () => {
    expect(spec.$schema).toBe(VEGA_LITE_SCHEMA);
    expect(values(spec).map((v) => [v['unit'], v['index']])).toEqual(
      EXPECTED.map(([id]) => [id, cards.find((c) => c.unit.id === id)!.index]),
    );
    const color = (spec['layer'] as { encoding: { color?: { scale: { domain: string[]; range: string[] } } } }[])[0]!.encoding.color!;
    expect(color.scale.domain).toEqual(['Xuất sắc', 'Tốt', 'Khá', 'Trung bình', 'Yếu']);
    expect(color.scale.range).toEqual(BAND_COLORS.slice(0, 5));
    const svg = await svgOf(spec);
    expect(marksIn(svg, 'class="mark-rect role-mark', 'path')).toBe(cards.length);
    expect(svg).toContain('Như Quỳnh');
    expect(svg).toContain('95,41');
  });

  it('is deterministic, frozen, and leaves the cards alone', async () => {
    const before = JSON.stringify(cards);
    const again = rankingChart(ranking, { lang: 'vi', bands: set.bands?.levels });
    expect(again).toEqual(spec);
    expect(Object.isFrozen(spec) && Object.isFrozen(values(spec)[0])).toBe(true);
    expect(await renderSvg(spec)).toBe(await renderSvg(again));
    expect(JSON.stringify(cards)).toBe(before);
  });

  it('labels in English on request; without declared bands, colours follow merit', () => {
    const en = rankingChart(ranking, { lang: 'en' });
    expect(en['title']).toBe('PAR INDEX ranking');
    const color = (en['layer'] as { encoding: { color?: { scale: { domain: string[] } } } }[])[0]!.encoding.color!;
    expect(color.scale.domain).toEqual(['Excellent', 'Good', 'Fair']);
  });
});

describe('field heatmap', () => {
  it('a cell per unit × field with the share of the maximum', async () => {
    const spec = fieldHeatmap(ranking, { lang: 'en' });
    const v = values(spec);
    expect(v).toHaveLength(cards.length * cards[0]!.fields.length);
    expect(v.find((x) => x['unit'] === 'Như Quỳnh' && x['field'] === '3')).toMatchObject({ points: 19.9, percent: 99.5, text: '19.90' });
    const svg = await svgOf(spec);
    const blocks = cards[0]!.fields.filter((f) => f.block).length;
    expect(marksIn(svg, 'class="mark-rect role-mark layer_0_marks', 'path')).toBe(cards.length * blocks);
    expect(marksIn(svg, 'class="mark-rect role-mark layer_1_marks', 'path')).toBe(cards.length * (cards[0]!.fields.length - blocks));
  });
});

describe('year-over-year slopes', () => {
  it('pairs units by id and keeps a unit missing from one year with null', async () => {
    const before = evaluate(set, evidence, { trace: false }).filter((c) => c.unit.id !== 'tan-quang');
    const rows = slopeRows(before, cards);
    expect(rows).toHaveLength(cards.length);
    expect(rows.find((r) => r.unit === 'tan-quang')).toEqual({ unit: 'tan-quang', name: 'Tân Quang', a: null, b: 70.72 });
    const spec = slopeChart({ a: before, b: cards }, { labels: ['2020', '2021'], lang: 'en' });
    expect(values(spec)).toHaveLength(cards.length * 2);
    const svg = await svgOf(spec);
    expect(svg).toContain('2020');
  });

  it('accepts plain rows { unit, a, b }', async () => {
    const spec = slopeChart(
      [
        { unit: 'x', a: 80, b: 85 },
        { unit: 'y', name: 'Y', a: 90, b: 70 },
      ],
      { labels: ['2020', '2021'] },
    );
    expect(values(spec)).toEqual([
      { unit: 'x', period: '2020', value: 80 },
      { unit: 'x', period: '2021', value: 85 },
      { unit: 'Y', period: '2020', value: 90 },
      { unit: 'Y', period: '2021', value: 70 },
    ]);
    const svg = await svgOf(spec);
    expect(svg.split('<g class="mark-line role-mark').length - 1).toBe(2);
  });
});

describe('rank-uncertainty intervals', () => {
  it('a rule and a dot per unit, ordered by median rank', async () => {
    const rows = [
      { unit: 'B', median: 2, low: 1, high: 4 },
      { unit: 'A', median: 1, low: 1, high: 2 },
      { unit: 'C', median: 3, low: 2, high: 4 },
    ];
    const spec = rankIntervalChart(rows, { lang: 'en' });
    expect(values(spec).map((v) => v['unit'])).toEqual(['A', 'B', 'C']);
    expect(rows[0]!.unit).toBe('B');
    const svg = await svgOf(spec);
    expect(marksIn(svg, 'class="mark-rule role-mark', 'line')).toBe(3);
    expect(marksIn(svg, 'class="mark-symbol role-mark', 'path')).toBe(3);
  });
});

describe('SIPAS factor profiles', () => {
  it('a point per unit × group with a satisfaction index, groups in the questionnaire’s order', async () => {
    const spec = sipasProfileChart(sipas, { lang: 'vi' });
    const expected = sipas.units.flatMap((u) => u.groups.map((g) => [u.unit, g.id, g.satisfaction?.value ?? null]));
    expect(values(spec).map((v) => [v['unit'], v['group'], v['value']])).toEqual(expected);
    expect(expected.length).toBeGreaterThan(sipas.units.length);
    const svg = await svgOf(spec);
    // One line per unit (Vega draws each series in its own group).
    expect(svg.split('<g class="mark-line role-mark').length - 1).toBe(sipas.units.length);
  });
});

describe('rendering', () => {
  it('refuses a spec Vega-Lite cannot compile, with a bilingual error', async () => {
    await expect(renderSvg({ $schema: VEGA_LITE_SCHEMA, mark: 'nonsense', data: { values: [] } })).rejects.toThrow(/cannot be rendered/);
  });

  it('never fetches data: a spec pointing at a URL fails instead of reaching the network', async () => {
    await expect(
      renderSvg({
        $schema: VEGA_LITE_SCHEMA,
        mark: 'bar',
        data: { url: 'https://example.org/data.json' },
        encoding: { x: { field: 'a', type: 'quantitative' } },
      }),
    ).rejects.toThrow(/load no external data|cannot be rendered/);
  });
});
