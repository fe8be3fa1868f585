import type { ChartDataset } from 'chart.js';
import { cleanPoints, type Point } from './axes.js';
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

/** A curve drawn as a line through its points in order (e.g. a theory prediction). */
export interface ScatterLine {
  label: string;
  points: readonly Point[];
  color?: string;
  dashed?: boolean;
}

export interface ScatterChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly ScatterSeries[];
  lines?: readonly ScatterLine[];
  xLog?: boolean;
  yLog?: boolean;
  /** CSS pixels; the PNG is DEVICE_PIXEL_RATIO times larger. Default 800×600. */
  width?: number;
  height?: number;
}

/**
 * Scatter plot of point series with optional curves on top. Colours continue through the palette
 * from series to lines; non-positive values on log axes and non-finite values are omitted and
 * counted in a subtitle.
 */
export async function scatterChart(options: ScatterChartOptions): Promise<Buffer> {
  const { title, xLabel, yLabel, series, lines = [], xLog = false, yLog = false, width = 800, height = 600 } = options;
  if (series.length === 0 && lines.length === 0) throw new Error('scatterChart: no series or lines given (0 of each)');
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
      data: clean(s.points),
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
    legend.push({ text: l.label, color, datasetIndex: datasets.length, marker: 'line', dashed: l.dashed });
    datasets.push({
      label: l.label,
      data: clean(l.points),
      showLine: true,
      borderColor: color,
      backgroundColor: color,
      borderWidth: 2.5,
      borderDash: l.dashed ? [6, 4] : [],
      pointRadius: 0,
      order: 0, // lower order draws on top of the points
    });
  });
  return renderXyChart({ title, xLabel, yLabel, xLog, yLog, datasets, legend: legend, nonPositive, nonFinite, width, height });
}
