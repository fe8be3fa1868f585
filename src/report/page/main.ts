/// <reference lib="dom" />
/**
 * Browser entry of results/index.html (bundled by src/report/bundle.ts): turns every embedded chart
 * spec (`<script type="application/json" data-chart="<canvas id>">`) into a Chart.js chart, with the
 * PNG charts' axes (log ticks of src/charts/axes.ts), palette and heat-map colours, and zoom (drag a
 * box; shift-drag pans; double-click or the button resets). Chart.js, hammerjs and
 * chartjs-plugin-zoom are loaded before this script from assets/ as globals.
 */
import type { Chart as ChartClass, ChartConfiguration, ChartDataset, LegendItem, Plugin, PointStyle } from 'chart.js';
import { FONT_FAMILY, axisOptions, formatTickNumber, type ScaleOptions } from '../../charts/axes.js';
import { BAND_ALPHA, seriesColor, withAlpha } from '../../charts/palette.js';
import type { ChartSpec, HeatmapChartSpec, XyChartSpec, XySeries } from '../spec.js';
import { heatmapAxis } from '../../charts/heatmap-canvas.js';
import { heatmapParts } from './heatmap.js';

declare const Chart: typeof ChartClass;

type Point = { x: number; y: number };
type Dataset = ChartDataset<'scatter', Point[]> & { laelabGroup?: number; laelabRole?: string };
type Config = ChartConfiguration<'scatter', Point[]>;


/** Chart.js datasets of the series; see XySeries.order for what is drawn on top. */
export function seriesDatasets(series: readonly XySeries[], markersOnTop: boolean, xLog = false, yLog = false): { datasets: Dataset[]; legend: LegendItem[] } {
  const datasets: Dataset[] = [];
  const legend: LegendItem[] = [];
  let group = -1;
  series.forEach((s, i) => {
    const color = s.color ?? seriesColor(i);
    const line = s.line ?? true;
    const data: Point[] = [];
    for (let j = 0; j < s.x.length; j++) {
      const x = s.x[j]!;
      const y = s.y[j]!;
      if (Number.isFinite(x) && Number.isFinite(y) && !(xLog && x <= 0) && !(yLog && y <= 0)) data.push({ x, y });
    }
    // Marker outlines as the PNG charts draw them: stroked styles (star, cross) in their colour; filled
    // ones with a black rim on heat maps and a thin rim of their colour over a translucent fill elsewhere.
    const style = (s.pointStyle ?? 'circle') as PointStyle;
    const stroked = style === 'star' || style === 'crossRot' || style === 'cross';
    const rim = line ? color : stroked ? color : markersOnTop ? '#000000' : color;
    const rimWidth = line ? (s.width ?? 2) : stroked ? 3 : markersOnTop ? 1.5 : 0.5;
    const fill = line || markersOnTop ? color : withAlpha(color, 0.7);
    if (!s.hideInLegend || group < 0) {
      group++;
      if (!s.hideInLegend && s.label !== '') {
        legend.push({
          text: s.label, datasetIndex: datasets.length, fillStyle: fill, strokeStyle: rim, fontColor: '#222',
          lineWidth: line ? 2.5 : 1.5, lineDash: s.dashed ? [6, 4] : [], pointStyle: line ? 'line' : style, hidden: false,
        });
      }
    }
    const radius = s.pointRadius ?? (line ? 0 : 3);
    datasets.push({
      label: s.label,
      data,
      showLine: line,
      borderColor: rim,
      backgroundColor: fill,
      borderWidth: rimWidth,
      borderDash: s.dashed ? [6, 4] : [],
      pointRadius: radius,
      pointHoverRadius: radius + (radius > 0 ? 2 : 0),
      pointStyle: style,
      order: s.order ?? (line === markersOnTop ? 1 : 0),
      // A tension above 0 keeps Chart.js off its fast path, which merges points sharing a pixel column and notches closed curves.
      ...(line && !monotonic(s.x) ? { tension: 1e-9 } : {}),
      laelabGroup: group,
      laelabRole: line ? 'line' : 'points',
    });
    if (s.band) {
      // As in the PNG charts (lineChart): the upper edge fills down to the lower one, under the lines.
      const edge = (ys: readonly number[], fillTo: false | '-1'): Dataset => ({
        label: '', data: s.x.flatMap((x, j) => (Number.isFinite(x) && Number.isFinite(ys[j]) ? [{ x, y: ys[j]! }] : [])),
        showLine: true, borderWidth: 0, pointRadius: 0, pointHoverRadius: 0, backgroundColor: withAlpha(color, BAND_ALPHA),
        fill: fillTo, order: 2, laelabGroup: group, laelabRole: 'band',
      });
      datasets.push(edge(s.band.lower, false), edge(s.band.upper, '-1'));
    }
  });
  return { datasets, legend };
}

function monotonic(xs: readonly number[]): boolean {
  for (let i = 1; i < xs.length; i++) if (xs[i]! < xs[i - 1]!) return false;
  return true;
}

/** Legend options: explicit items; a click hides or shows every dataset of the item's group. */
function legendOptions(items: readonly LegendItem[]) {
  const linesOnly = items.every((e) => e.pointStyle === 'line');
  return {
    display: items.length > 0,
    labels: {
      usePointStyle: true,
      boxHeight: 10,
      padding: 12,
      ...(linesOnly ? { pointStyleWidth: 30 } : {}),
      generateLabels: (chart: ChartClass) => items.map((item) => ({ ...item, hidden: item.datasetIndex !== undefined && !chart.isDatasetVisible(item.datasetIndex) })),
    },
    onClick: (_e: unknown, item: LegendItem, legend: { chart: ChartClass }) => {
      const chart = legend.chart;
      const first = item.datasetIndex ?? 0;
      const group = (chart.data.datasets[first] as Dataset).laelabGroup;
      const show = !chart.isDatasetVisible(first);
      chart.data.datasets.forEach((d, i) => {
        if ((d as Dataset).laelabGroup === group) chart.setDatasetVisibility(i, show);
      });
      chart.update();
    },
  };
}

const zoomOptions = {
  zoom: { drag: { enabled: true, backgroundColor: 'rgba(0,114,178,0.12)', borderColor: '#0072B2', borderWidth: 1 }, mode: 'xy' },
  pan: { enabled: true, modifierKey: 'shift', mode: 'xy' },
};

function baseOptions(spec: ChartSpec, legend: readonly LegendItem[]) {
  // Heat maps: only markers under the pointer; x/y charts: the nearest point of any series.
  const intersect = spec.kind === 'heatmap';
  return {
    parsing: false as const,
    animation: false as const,
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: 'nearest' as const, intersect },
    plugins: {
      title: { display: true, text: spec.title, font: { size: 15, weight: 'bold' as const } },
      subtitle: { display: spec.subtitle !== undefined && spec.subtitle !== '', text: spec.subtitle ?? '', font: { size: 11 }, color: '#555' },
      legend: legendOptions(legend),
      tooltip: {
        filter: (item: { dataset: Dataset }) => item.dataset.laelabRole !== 'contour' && item.dataset.laelabRole !== 'band',
        callbacks: {
          label: (item: { dataset: Dataset; parsed: Point }) =>
            `${item.dataset.label ? `${item.dataset.label}: ` : ''}(${formatTickNumber(item.parsed.x)}, ${formatTickNumber(item.parsed.y)})`,
        },
      },
      zoom: zoomOptions,
    },
  };
}

export function xyConfig(spec: XyChartSpec): Config {
  const { datasets, legend } = seriesDatasets(spec.series, false, spec.xLog, spec.yLog);
  const scale = (label: string, log: boolean | undefined, range: [number, number] | undefined): ScaleOptions => {
    const axis = axisOptions(label, log ?? false);
    return range ? { ...axis, min: range[0], max: range[1], grace: 0 } as ScaleOptions : axis;
  };
  const plugins: Plugin<'scatter'>[] = spec.equalAspect ? [equalAspectPlugin(spec)] : [];
  const categories = spec.xCategories;
  let x = scale(spec.xLabel, spec.xLog, categories ? [0.5, categories.length + 0.5] : spec.xRange);
  if (categories) {
    // category i at x = i + 1, labelled with its name (as the PNG's xCategories)
    x = { ...x, afterBuildTicks: (axis: { ticks: { value: number }[] }) => void (axis.ticks = categories.map((_, i) => ({ value: i + 1 }))), ticks: { callback: (v: number | string) => categories[Number(v) - 1] ?? '', autoSkip: false, maxRotation: 30 } } as ScaleOptions;
  }
  return {
    type: 'scatter',
    data: { datasets },
    options: { ...baseOptions(spec, legend), scales: { x, y: scale(spec.yLabel, spec.yLog, spec.yRange) } },
    plugins,
  } as Config;
}

/** Widens one axis after layout so a data unit has the same length on both (circles stay round). */
function equalAspectPlugin(spec: XyChartSpec): Plugin<'scatter'> {
  const [x0, x1] = spec.xRange ?? [-1, 1];
  const [y0, y1] = spec.yRange ?? [-1, 1];
  let applied = '';
  return {
    id: 'laelabEqualAspect',
    afterLayout(chart) {
      const { width, height } = chart.chartArea;
      if (!(width > 0 && height > 0)) return;
      const perPixel = Math.max((x1 - x0) / width, (y1 - y0) / height);
      const xs = (perPixel * width) / 2;
      const ys = (perPixel * height) / 2;
      const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
      const key = `${Math.round(width)}x${Math.round(height)}`;
      if (key === applied) return;
      applied = key;
      const scales = chart.options.scales as Record<string, { min?: number; max?: number }>;
      Object.assign(scales['x']!, { min: cx - xs, max: cx + xs });
      Object.assign(scales['y']!, { min: cy - ys, max: cy + ys });
      chart.update('none');
    },
  };
}

export function heatmapConfig(spec: HeatmapChartSpec): Config {
  const parts = heatmapParts(spec);
  const overlay = seriesDatasets(spec.overlays ?? [], true);
  const datasets: Dataset[] = [...parts.contourDatasets, ...overlay.datasets.map((d) => ({ ...d, laelabGroup: (d.laelabGroup ?? 0) + 1 }))];
  const legend: LegendItem[] = [
    ...(parts.contourDatasets.length > 0 ? [parts.contourLegend] : []),
    ...overlay.legend.map((item) => ({ ...item, datasetIndex: (item.datasetIndex ?? 0) + parts.contourDatasets.length })),
  ];
  const options = baseOptions(spec, legend);
  return {
    type: 'scatter',
    data: { datasets },
    options: {
      ...options,
      layout: { padding: { right: parts.barPadding } },
      scales: { x: heatmapAxis(spec.xLabel, parts.xExtent, false, spec.matrixOrientation ?? false), y: heatmapAxis(spec.yLabel, parts.yExtent, spec.matrixOrientation ?? false, spec.matrixOrientation ?? false) },
      plugins: { ...options.plugins, zoom: { ...zoomOptions, limits: { x: { min: parts.xExtent[0], max: parts.xExtent[1] }, y: { min: parts.yExtent[0], max: parts.yExtent[1] } } } },
    },
    plugins: [parts.plugin],
  } as Config;
}

export function chartConfig(spec: ChartSpec): Config {
  return spec.kind === 'heatmap' ? heatmapConfig(spec) : xyConfig(spec);
}

function main(): void {
  Chart.defaults.font.family = FONT_FAMILY;
  Chart.defaults.font.size = 12;
  Chart.defaults.color = '#222';
  const specs = document.querySelectorAll<HTMLScriptElement>('script[type="application/json"][data-chart]');
  let drawn = 0;
  let failed = 0;
  specs.forEach((el) => {
    const id = el.dataset['chart']!;
    const canvas = document.getElementById(id);
    if (!(canvas instanceof HTMLCanvasElement)) return;
    try {
      const spec = JSON.parse(el.textContent ?? '') as ChartSpec;
      const chart = new Chart(canvas, chartConfig(spec));
      const reset = () => (chart as unknown as { resetZoom(): void }).resetZoom();
      canvas.addEventListener('dblclick', reset);
      document.querySelector(`button[data-reset="${id}"]`)?.addEventListener('click', reset);
      canvas.dataset['drawn'] = 'true';
      drawn++;
    } catch (err) {
      failed++;
      console.error(`chart ${id}:`, err);
      canvas.replaceWith(Object.assign(document.createElement('p'), { className: 'chart-error', textContent: `This chart could not be drawn: ${String(err)}` }));
    }
  });
  document.body.dataset['charts'] = String(drawn);
  document.body.dataset['chartsFailed'] = String(failed);
  document.body.dataset['ready'] = 'true';
}

if (typeof document !== 'undefined') main();
