import type { ChartDataset } from 'chart.js';
import { checkRange, cleanPoints, type AxisRange, type Point } from './axes.js';
import type { LegendEntry } from './legend.js';
import { seriesColor, withAlpha } from './palette.js';
import { renderXyChart } from './xyChart.js';

/** A set of points drawn as markers. */
export interface ScatterSeries {
  label: string;
  points: readonly Point[];
  color?: string;
  /** Marker radius in CSS pixels (default 3). */
  pointRadius?: number;
}

/** A curve drawn as a line through its points in order (e.g. a theory prediction, or a closed curve). */
export interface ScatterLine {
  label: string;
  points: readonly Point[];
  color?: string;
  dashed?: boolean;
  /** Line width in CSS pixels (default 2.5). */
  lineWidth?: number;
}

export interface ScatterChartOptions {
  title: string;
  /** A line of text under the title. */
  subtitle?: string;
  xLabel: string;
  yLabel: string;
  series: readonly ScatterSeries[];
  lines?: readonly ScatterLine[];
  xLog?: boolean;
  yLog?: boolean;
  /** Explicit x bounds [min, max]. Default: the data padded by 4% (linear), rounded out to ticks. */
  xRange?: AxisRange;
  /** Explicit y bounds [min, max]. Default: the data padded by 4% (linear), rounded out to ticks. */
  yRange?: AxisRange;
  /**
   * Same data units per pixel on both axes (circles stay circles; linear axes only): the ranges (xRange,
   * yRange, or the data padded by 4%) are widened about their centres to the plot area's aspect.
   */
  equalAspect?: boolean;
  /** CSS pixels; the PNG is DEVICE_PIXEL_RATIO times larger. Default 800×600. */
  width?: number;
  height?: number;
}

/**
 * Scatter plot of point series with optional curves on top (later curves above earlier ones). Colours
 * continue through the palette from series to lines; non-positive values on log axes and non-finite
 * values are omitted and counted in a subtitle.
 */
export async function scatterChart(options: ScatterChartOptions): Promise<Buffer> {
  const { title, subtitle, xLabel, yLabel, series, lines = [], xLog = false, yLog = false, xRange, yRange, equalAspect = false, width = 800, height = 600 } = options;
  if (series.length === 0 && lines.length === 0) throw new Error('scatterChart: no series or lines given (0 of each)');
  checkRange('scatterChart', 'xRange', xRange, xLog);
  checkRange('scatterChart', 'yRange', yRange, yLog);
  if (equalAspect && (xLog || yLog)) throw new Error(`scatterChart: equalAspect needs linear axes, got xLog = ${xLog}, yLog = ${yLog}`);
  let nonPositive = 0;
  let nonFinite = 0;
  const clean = (points: readonly Point[]) => {
    const cleaned = cleanPoints(points, xLog, yLog);
    nonPositive += cleaned.nonPositive;
    nonFinite += cleaned.nonFinite;
    return cleaned.points;
  };
  const datasets: ChartDataset<'scatter', Point[]>[] = [];
  const legend: LegendEntry[] = [];
  series.forEach((s, i) => {
    if (s.points.length === 0) throw new Error(`scatterChart: series[${i}] ("${s.label}") has 0 points`);
    const color = s.color ?? seriesColor(i);
    legend.push({ text: s.label, color, datasetIndex: datasets.length, marker: 'circle' });
    datasets.push({
      label: s.label,
      // markers only: sorted by x, since with parsing off Chart.js takes the x range from the ends
      data: clean(s.points).sort((a, b) => a.x - b.x),
      borderColor: color,
      backgroundColor: withAlpha(color, 0.7),
      borderWidth: 0.5,
      pointRadius: s.pointRadius ?? 3,
      order: 1,
    });
  });
  lines.forEach((l, i) => {
    if (l.points.length === 0) throw new Error(`scatterChart: lines[${i}] ("${l.label}") has 0 points`);
    const color = l.color ?? seriesColor(series.length + i);
    const data = clean(l.points);
    legend.push({ text: l.label, color, datasetIndex: datasets.length, marker: 'line', dashed: l.dashed });
    datasets.push({
      label: l.label,
      data,
      showLine: true,
      borderColor: color,
      backgroundColor: color,
      borderWidth: l.lineWidth ?? 2.5,
      borderDash: l.dashed ? [6, 4] : [],
      pointRadius: 0,
      // Chart.js's fast path for straight lines merges the points that share a pixel column, which is
      // only right when x increases: a curve that turns back (a circle) needs the general path.
      ...(data.every((p, j) => j === 0 || p.x >= data[j - 1]!.x) ? {} : { tension: 1e-9 }),
      order: -i, // above the points (order 1), and later lines above earlier ones
    });
  });
  return renderXyChart({ title, subtitle, xLabel, yLabel, xLog, yLog, xRange, yRange, equalAspect, datasets, legend, nonPositive, nonFinite, width, height });
}
