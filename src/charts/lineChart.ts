import type { ChartDataset } from 'chart.js';
import { checkRange, cleanPoints, type AxisRange, type Numbers, type Point } from './axes.js';
import { downsampleMinMax } from './downsample.js';
import { BAND_ALPHA, seriesColor, withAlpha } from './palette.js';
import { renderXyChart } from './xyChart.js';

/** One line of a line chart. */
export interface LineSeries {
  label: string;
  /** x values; defaults to the index (0, 1, …, or 1, 2, … on a log x axis). */
  x?: Numbers;
  y: Numbers;
  /** CSS colour; defaults to the palette colour for the series' position. */
  color?: string;
  dashed?: boolean;
  /**
   * A shaded band around the line, e.g. mean − std … mean + std over seeds: lower and upper y at the
   * same x values as the line (non-finite entries leave a gap).
   */
  band?: { lower: Numbers; upper: Numbers };
}

export interface LineChartOptions {
  title: string;
  /** A line of text under the title. */
  subtitle?: string;
  xLabel: string;
  yLabel: string;
  series: readonly LineSeries[];
  xLog?: boolean;
  yLog?: boolean;
  /**
   * Explicit x bounds [min, max]. Default: a linear x axis whose values are all integers (steps, the
   * default index) spans exactly the data; otherwise the data padded by 4%, rounded out to ticks.
   */
  xRange?: AxisRange;
  /** Explicit y bounds [min, max]. Default: the data padded by 4% (linear), rounded out to ticks. */
  yRange?: AxisRange;
  /** Categorical x: series drawn at x ≈ 1 … n are labelled with these names (x range [0.5, n + 0.5]). */
  xCategories?: readonly string[];
  /** CSS pixels; the PNG is DEVICE_PIXEL_RATIO times larger. Default 800×500. */
  width?: number;
  height?: number;
}

/** Series longer than this are drawn without point markers. */
const MAX_MARKED_POINTS = 60;

/**
 * Line chart of several series. Non-positive values on a log axis and non-finite values are
 * omitted (counted in a subtitle); series longer than MAX_DRAW_POINTS are min/max downsampled.
 * Integer x values (steps) span the x axis from the first to the last, without padding.
 */
export async function lineChart(options: LineChartOptions): Promise<Buffer> {
  const { title, subtitle, xLabel, yLabel, series, xLog = false, yLog = false, yRange, xCategories, width = 800, height = 500 } = options;
  const xRange = options.xRange ?? (xCategories ? ([0.5, xCategories.length + 0.5] as AxisRange) : undefined);
  if (series.length === 0) throw new Error('lineChart: series is empty (0 series given)');
  checkRange('lineChart', 'xRange', xRange, xLog);
  checkRange('lineChart', 'yRange', yRange, yLog);
  const colors = series.map((s, i) => s.color ?? seriesColor(i));
  let nonPositive = 0;
  let nonFinite = 0;
  const datasets: ChartDataset<'scatter', Point[]>[] = [];
  const legend = series.map((s, i) => {
    const n = s.y.length;
    if (n === 0) throw new Error(`lineChart: series[${i}] ("${s.label}") has 0 y values`);
    if (s.x && s.x.length !== n) {
      throw new Error(`lineChart: series[${i}] ("${s.label}") has x length ${s.x.length} but y length ${n}`);
    }
    const offset = xLog ? 1 : 0;
    const xs = (j: number): number => (s.x ? s.x[j]! : j + offset);
    const clean = (ys: Numbers): Point[] => {
      const cleaned = cleanPoints(Array.from({ length: n }, (_, j) => ({ x: xs(j), y: ys[j]! })), xLog, yLog);
      nonPositive += cleaned.nonPositive;
      nonFinite += cleaned.nonFinite;
      return downsampleMinMax(cleaned.points);
    };
    const color = colors[i]!;
    const datasetIndex = datasets.length;
    datasets.push({
      label: s.label,
      data: clean(s.y),
      showLine: true,
      borderColor: color,
      backgroundColor: color,
      borderWidth: 2,
      borderDash: s.dashed ? [6, 4] : [],
      pointRadius: n > MAX_MARKED_POINTS ? 0 : 2.5,
    });
    if (s.band) {
      const { lower, upper } = s.band;
      if (lower.length !== n || upper.length !== n) {
        throw new Error(`lineChart: series[${i}] ("${s.label}") has band lengths ${lower.length}/${upper.length} but y length ${n}`);
      }
      // Chart.js's Filler shades between the upper edge and the lower one (the dataset just before it); drawn under the lines.
      const edge = { showLine: true, borderWidth: 0, pointRadius: 0, backgroundColor: withAlpha(color, BAND_ALPHA), order: 1 };
      datasets.push({ ...edge, label: '', data: clean(lower), fill: false });
      datasets.push({ ...edge, label: '', data: clean(upper), fill: '-1' });
    }
    return { text: s.label, color, datasetIndex, marker: 'line' as const, dashed: s.dashed };
  });
  return renderXyChart({ title, subtitle, xLabel, yLabel, xLog, yLog, xRange, yRange, fitIntegerX: true, ...(xCategories ? { xCategories } : {}), datasets, legend, nonPositive, nonFinite, width, height });
}
