import type { ChartDataset } from 'chart.js';
import { checkRange, cleanPoints, type AxisRange, type Numbers, type Point } from './axes.js';
import { downsampleMinMax } from './downsample.js';
import { seriesColor } from './palette.js';
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
   * An edge of a shaded band (e.g. mean ± std) instead of a line: give the 'upper' series, then
   * the 'lower' one right after it; the area between is filled in the colour, and neither edge
   * appears in the legend.
   */
  band?: 'upper' | 'lower';
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
  const { title, subtitle, xLabel, yLabel, series, xLog = false, yLog = false, xRange, yRange, width = 800, height = 500 } = options;
  if (series.length === 0) throw new Error('lineChart: series is empty (0 series given)');
  checkRange('lineChart', 'xRange', xRange, xLog);
  checkRange('lineChart', 'yRange', yRange, yLog);
  const colors = series.map((s, i) => s.color ?? seriesColor(i));
  let nonPositive = 0;
  let nonFinite = 0;
  const datasets: ChartDataset<'scatter', Point[]>[] = series.map((s, i) => {
    const n = s.y.length;
    if (n === 0) throw new Error(`lineChart: series[${i}] ("${s.label}") has 0 y values`);
    if (s.x && s.x.length !== n) {
      throw new Error(`lineChart: series[${i}] ("${s.label}") has x length ${s.x.length} but y length ${n}`);
    }
    const offset = xLog ? 1 : 0;
    const raw = Array.from({ length: n }, (_, j) => ({ x: s.x ? s.x[j]! : j + offset, y: s.y[j]! }));
    const cleaned = cleanPoints(raw, xLog, yLog);
    nonPositive += cleaned.nonPositive;
    nonFinite += cleaned.nonFinite;
    const color = colors[i]!;
    if (s.band !== undefined) {
      if (s.band === 'lower' && series[i - 1]?.band !== 'upper') throw new Error(`lineChart: series[${i}] ("${s.label}") is a lower band edge without an upper edge right before it`);
      return {
        label: s.label,
        data: downsampleMinMax(cleaned.points),
        showLine: true,
        borderColor: 'rgba(0, 0, 0, 0)',
        backgroundColor: `${color}33`, // the colour at 20 % opacity
        borderWidth: 0,
        pointRadius: 0,
        fill: s.band === 'lower' ? '-1' : false,
      };
    }
    return {
      label: s.label,
      data: downsampleMinMax(cleaned.points),
      showLine: true,
      borderColor: color,
      backgroundColor: color,
      borderWidth: 2,
      borderDash: s.dashed ? [6, 4] : [],
      pointRadius: n > MAX_MARKED_POINTS ? 0 : 2.5,
    };
  });
  const legend = series.flatMap((s, i) => (s.band === undefined ? [{ text: s.label, color: colors[i]!, datasetIndex: i, marker: 'line' as const, dashed: s.dashed }] : []));
  return renderXyChart({ title, subtitle, xLabel, yLabel, xLog, yLog, xRange, yRange, fitIntegerX: true, datasets, legend, nonPositive, nonFinite, width, height });
}
