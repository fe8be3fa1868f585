import type { ChartConfiguration, ChartDataset, Plugin } from 'chart.js';
import { axisOptions, droppedNote, equalAspectRanges, extent, integerDataRange, padRange, type AxisRange, type Point, type ScaleOptions } from './axes.js';
import { legendOptions, type LegendEntry } from './legend.js';
import { renderChart } from './render.js';

/** What line and scatter charts share: x/y axes (linear or log), title, dropped-value note, legend. */
export interface XyChartSpec {
  title: string;
  /** A line under the title (above the dropped-value note). */
  subtitle?: string;
  xLabel: string;
  yLabel: string;
  xLog: boolean;
  yLog: boolean;
  /** Explicit axis bounds; otherwise chosen from the data. */
  xRange?: AxisRange;
  yRange?: AxisRange;
  /**
   * Without xRange, fit a linear x axis exactly to the data when every x is an integer (step counts),
   * instead of padding it by 4% and rounding out to the next ticks.
   */
  fitIntegerX?: boolean;
  /** Categorical x: category i is drawn at x = i + 1 and the x ticks are these labels (with xRange [0.5, n + 0.5]). */
  xCategories?: readonly string[];
  /**
   * Same data units per pixel on both (linear) axes: the ranges (given, or the data's padded by 4%) are
   * widened about their centres to the plot area's aspect, measured on a first layout pass.
   */
  equalAspect?: boolean;
  datasets: ChartDataset<'scatter', Point[]>[];
  legend: readonly LegendEntry[];
  /** Points left out because a log axis cannot show them. */
  nonPositive: number;
  nonFinite: number;
  width: number;
  height: number;
}

/** Plot area and axis sizes in CSS pixels, as laid out by Chart.js. */
interface Layout {
  width: number;
  height: number;
  yAxisWidth: number;
  xAxisHeight: number;
}

/** Renders x/y datasets on a scatter-type chart (lines are scatter datasets with showLine). */
export async function renderXyChart(spec: XyChartSpec): Promise<Buffer> {
  const size = { width: spec.width, height: spec.height };
  const points = spec.datasets.flatMap((d) => d.data);
  let xRange = spec.xRange;
  if (xRange === undefined && spec.fitIntegerX && !spec.xLog) xRange = integerDataRange(points.map((p) => p.x));
  if (!spec.equalAspect) return renderChart(xyConfig(spec, xRange, spec.yRange), size);

  // Equal aspect: lay out, measure the plot area, choose the ranges for it and lay out again until the
  // area no longer changes (axis sizes only grow between passes, so this settles, normally on pass 2).
  const wantX = xRange ?? padRange(extent(points.map((p) => p.x)) ?? [-1, 1], 0.04);
  const wantY = spec.yRange ?? padRange(extent(points.map((p) => p.y)) ?? [-1, 1], 0.04);
  let ranges = equalAspectRanges(wantX, wantY, spec.width, spec.height);
  let minSizes = { yAxisWidth: 0, xAxisHeight: 0 };
  let png: Buffer = Buffer.alloc(0);
  for (let pass = 0; pass < 4; pass++) {
    let layout: Layout | undefined;
    const measure: Plugin<'scatter'> = {
      id: 'laelabMeasure',
      afterLayout: (chart) => {
        const area = chart.chartArea;
        layout = { width: area.width, height: area.height, yAxisWidth: chart.scales.y!.width, xAxisHeight: chart.scales.x!.height };
      },
    };
    png = await renderChart(xyConfig(spec, ranges.x, ranges.y, minSizes, [measure]), size);
    if (layout === undefined) break;
    const next = equalAspectRanges(wantX, wantY, layout.width, layout.height);
    if (sameRanges(next.x, ranges.x) && sameRanges(next.y, ranges.y)) break;
    ranges = next;
    minSizes = { yAxisWidth: Math.max(minSizes.yAxisWidth, layout.yAxisWidth), xAxisHeight: Math.max(minSizes.xAxisHeight, layout.xAxisHeight) };
  }
  return png;
}

/** Equal to within 1e-4 of the span (well under a pixel). */
function sameRanges(a: AxisRange, b: AxisRange): boolean {
  const tol = 1e-4 * (b[1] - b[0]);
  return Math.abs(a[0] - b[0]) <= tol && Math.abs(a[1] - b[1]) <= tol;
}

/** The Chart.js configuration; `minSizes` keeps the axes at least as wide/high as on an earlier pass. */
function xyConfig(
  spec: XyChartSpec,
  xRange: AxisRange | undefined,
  yRange: AxisRange | undefined,
  minSizes?: { yAxisWidth: number; xAxisHeight: number },
  plugins: Plugin<'scatter'>[] = [],
): ChartConfiguration<'scatter', Point[]> {
  const dropped = droppedNote(spec.nonPositive, spec.nonFinite);
  const lines = [spec.subtitle, dropped].filter((t): t is string => t !== undefined && t !== '');
  let x: ScaleOptions = axisOptions(spec.xLabel, spec.xLog, xRange);
  let y: ScaleOptions = axisOptions(spec.yLabel, spec.yLog, yRange);
  const categories = spec.xCategories;
  if (categories) {
    x = {
      ...x,
      afterBuildTicks: (axis) => void (axis.ticks = categories.map((_, i) => ({ value: i + 1 }))),
      ticks: { callback: (value) => categories[Number(value) - 1] ?? '', autoSkip: false, maxRotation: 30 },
    };
  }
  if (minSizes) {
    x = { ...x, afterFit: (scale) => void (scale.height = Math.max(scale.height, minSizes.xAxisHeight)) };
    y = { ...y, afterFit: (scale) => void (scale.width = Math.max(scale.width, minSizes.yAxisWidth)) };
  }
  return {
    type: 'scatter',
    data: { datasets: spec.datasets },
    options: {
      parsing: false,
      layout: { padding: { right: 16 } }, // room for the last x tick label
      scales: { x, y },
      plugins: {
        title: { display: true, text: spec.title, font: { size: 16, weight: 'bold' } },
        subtitle: {
          display: lines.length > 0,
          text: lines,
          // The dropped-value note alone is a warning; under a subtitle it is one more line of it.
          ...(spec.subtitle ? { color: '#222', font: { size: 12 } } : { color: '#a33', font: { size: 11, style: 'italic' as const } }),
        },
        legend: legendOptions(spec.legend.filter((e) => e.text !== '')),
      },
    },
    plugins,
  };
}
