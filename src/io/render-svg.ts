/**
 * Rendering Vega-Lite specifications to SVG without a browser (Node): Vega-Lite compiles the spec to Vega,
 * and Vega's headless view (renderer "none") writes the SVG. And the HTML report with its charts embedded.
 *
 * Vega is an ES module with top-level await, which `require()` cannot load, so it is imported lazily with
 * `import()`: this file works from both builds of `par-index/io`, and loading `par-index/io` costs nothing
 * until a chart is drawn.
 * @module
 */
import { issue, ParIndexError, type Lang } from '../core/errors.js';
import { loadOptional } from './optional.js';
import type { Ranking } from '../ranking/rank.js';
import { fieldHeatmap, rankingChart, type ChartBand, type ChartSpec } from '../report/charts.js';
import { reportHtml, type HtmlChart, type HtmlReportOptions } from '../report/html.js';

type VegaModule = typeof import('vega');
type VegaLiteModule = typeof import('vega-lite');

let loaded: Promise<[VegaModule, VegaLiteModule]> | undefined;

function load(): Promise<[VegaModule, VegaLiteModule]> {
  // A plain import() that bundlers keep as is in the CommonJS build (esbuild leaves external dynamic imports alone).
  loaded ??= loadOptional(
    ['vega', 'vega-lite'],
    { en: 'Drawing charts (SVG, the HTML report)', vi: 'Vẽ biểu đồ (SVG, báo cáo HTML)' },
    () => Promise.all([import('vega'), import('vega-lite')]),
  );
  loaded.catch(() => (loaded = undefined));
  return loaded;
}

/**
 * Vega numbers its clip paths and gradients with a counter that lives as long as the process, so the same chart
 * drawn twice would differ in those ids. Renumbering them in order of appearance makes the SVG a function of
 * the spec alone.
 */
function stableIds(svg: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) if (!ids.has(m[1]!)) ids.set(m[1]!, `pi${ids.size + 1}`);
  if (ids.size === 0) return svg;
  return svg
    .replace(/\sid="([^"]+)"/g, (_, id: string) => ` id="${ids.get(id)}"`)
    .replace(/url\(#([^)]+)\)/g, (all, id: string) => (ids.has(id) ? `url(#${ids.get(id)})` : all))
    .replace(/href="#([^"]+)"/g, (all, id: string) => (ids.has(id) ? `href="#${ids.get(id)}"` : all));
}

/**
 * Renders a Vega-Lite specification to an SVG document, headless. Throws {@link ParIndexError}
 * (`usage.invalid`) when Vega-Lite or Vega rejects the spec; warnings (a dropped sort, an unknown field) go to
 * `onWarning` rather than the console.
 *
 * @example
 * ```ts
 * import { rankingChart } from 'par-index';
 * import { renderSvg, writeText } from 'par-index/io';
 * writeText('out/ranking.svg', await renderSvg(rankingChart(rank(cards, set.ranking), { lang: 'vi' })));
 * ```
 */
export async function renderSvg(spec: ChartSpec, opts: { readonly onWarning?: (message: string) => void } = {}): Promise<string> {
  const [vega, vl] = await load();
  // Vega-Lite prints its warnings to the console by default; a library must not write there uninvited.
  const warn = (...args: readonly unknown[]) => opts.onWarning?.(args.map(String).join(' '));
  const logger = vega.logger(vega.Warn);
  logger.warn = (...args: readonly unknown[]) => {
    warn(...args);
    return logger;
  };
  // Vega logs a failed data load and draws an empty chart; a report must not show an empty chart as if it were data.
  const errors: string[] = [];
  logger.error = (...args: readonly unknown[]) => {
    errors.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
    return logger;
  };
  let svg: string;
  try {
    // structuredClone: Vega-Lite annotates the spec it compiles; the caller's object stays as it was.
    const compiled = vl.compile(structuredClone(spec) as unknown as Parameters<VegaLiteModule['compile']>[0], { logger }).spec;
    // A loader that refuses every URL: the specs carry their data inline, and a report must not reach the network.
    const loader = vega.loader({ mode: 'file' });
    loader.load = (uri: string) => {
      // Vega reports a failed load only as a warning and draws an empty chart: remember it and fail below.
      errors.push(`the chart asks for outside data (${uri}); par-index charts load no external data`);
      return Promise.reject(new Error('par-index charts load no external data'));
    };
    const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader, logger });
    try {
      svg = await view.toSVG();
    } finally {
      view.finalize();
    }
    if (errors.length) throw new Error(errors.join('; '));
  } catch (err) {
    const msg = (err as Error).message;
    throw new ParIndexError([issue('usage.invalid', 'error', [], `the chart cannot be rendered: ${msg}`, `không vẽ được biểu đồ: ${msg}`)]);
  }
  return stableIds(svg);
}

/**
 * Options of {@link reportCharts} and {@link renderReportHtml}.
 *
 * @example `{ lang: 'en', bands: set.bands?.levels, extra: [{ title: 'Rank intervals', spec }] }`
 */
export interface ReportChartOptions {
  /** Labels' language (default Vietnamese). */
  readonly lang?: Lang;
  /** The criteria set's band levels, to fix the colours and legend order. */
  readonly bands?: readonly ChartBand[] | undefined;
  /** More charts to draw after the ranking and the heatmap (a slope chart, rank intervals, SIPAS profiles…). */
  readonly extra?: readonly {
    /** The caption under the chart. */
    readonly title: string;
    /** The Vega-Lite spec to draw. */
    readonly spec: ChartSpec;
  }[];
}

/**
 * The charts of a scoring run's report, rendered to SVG: the ranking bars and the field heatmap, then any
 * extra specs.
 *
 * @example `const charts = await reportCharts(rank(cards, set.ranking), { lang: 'vi', bands: set.bands?.levels });`
 */
export async function reportCharts(ranking: Ranking, opts: ReportChartOptions = {}): Promise<HtmlChart[]> {
  const lang = opts.lang ?? 'vi';
  const specs: { title: string; spec: ChartSpec }[] = [
    {
      title:
        lang === 'vi'
          ? 'Chỉ số CCHC của các đơn vị, theo thứ hạng, màu theo xếp loại'
          : 'Index of every unit, in rank order, coloured by band',
      spec: rankingChart(ranking, { lang, bands: opts.bands }),
    },
    {
      title:
        lang === 'vi' ? 'Tỷ lệ điểm đạt của từng lĩnh vực (số trong ô: điểm)' : 'Share of each field’s maximum earned (numbers: points)',
      spec: fieldHeatmap(ranking, { lang }),
    },
    ...(opts.extra ?? []),
  ];
  const out: HtmlChart[] = [];
  // One at a time: the output order is the spec order, and Vega's views do not share state between renders.
  for (const s of specs) out.push({ title: s.title, svg: await renderSvg(s.spec) });
  return out;
}

/**
 * The HTML report of a scoring run with its charts rendered and embedded: one self-contained file.
 *
 * @example
 * ```ts
 * const ranking = rank(evaluate(set, readEvidence('fixtures/van-lam-2021'), { trace: true }), set.ranking);
 * writeText('out/report.html', await renderReportHtml(ranking, { lang: 'vi', bands: set.bands?.levels }));
 * ```
 */
export async function renderReportHtml(
  ranking: Ranking,
  opts: ReportChartOptions & Omit<HtmlReportOptions, 'charts' | 'lang' | 'bands'> = {},
): Promise<string> {
  const charts = await reportCharts(ranking, opts);
  const { extra: _extra, ...rest } = opts;
  void _extra;
  return reportHtml(ranking, { ...rest, charts });
}
