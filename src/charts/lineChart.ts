import type { ChartDataset } from 'chart.js';
import { cleanPoints, type Numbers, type Point } from './axes.js';
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
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly LineSeries[];
  xLog?: boolean;
  yLog?: boolean;
  /** CSS pixels; the PNG is DEVICE_PIXEL_RATIO times larger. Default 800×500. */
  width?: number;
  height?: number;
}

/** Series longer than this are drawn without point markers. */
const MAX_MARKED_POINTS = 60;

/**
 * Line chart of several series. Non-positive values on a log axis and non-finite values are
 * omitted (counted in a subtitle); series longer than MAX_DRAW_POINTS are min/max downsampled.
 */
export async function lineChart(options: LineChartOptions): Promise<Buffer> {
  const { title, xLabel, yLabel, series, xLog = false, yLog = false, width = 800, height = 500 } = options;
  if (series.length === 0) throw new Error('lineChart: series is empty (0 series given)');
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
  return renderXyChart({ title, xLabel, yLabel, xLog, yLog, datasets, legend: series.map((s, i) => ({ text: s.label, color: colors[i]!, datasetIndex: i, marker: 'line' as const, dashed: s.dashed })), nonPositive, nonFinite, width, height });
}
