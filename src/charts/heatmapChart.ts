import type { ChartConfiguration, ChartDataset, Plugin, PointStyle } from 'chart.js';
import { formatTickNumber, type Numbers, type Point } from './axes.js';
import { colorBarPadding, colorBarRgba, drawColorBar, drawRaster, heatmapAxis, rasterRgba } from './heatmap-canvas.js';
import { valueRange } from './colormap.js';
import { marchingSquares } from './contours.js';
import { legendOptions, type LegendEntry } from './legend.js';
import { rgbaCanvas } from './raster.js';
import { nodeContext, renderChart } from './render.js';

export type MarkerStyle = 'circle' | 'triangle' | 'cross' | 'star';

/** Points marked on a heat map (e.g. critical points), with a legend entry. */
export interface HeatmapMarker {
  label: string;
  points: readonly Point[];
  color: string;
  style?: MarkerStyle;
}

/** A curve drawn over a heat map; a point with a NaN coordinate breaks the line. */
export interface HeatmapLine {
  label: string;
  points: readonly Point[];
  color: string;
  dashed?: boolean;
}

export interface HeatmapChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Row-major rows×cols samples: `values[r * cols + c]` is the value at (x_c, y_r). */
  values: Numbers;
  rows: number;
  cols: number;
  /** x of the first and last column's samples (cell centres). Default [0, cols − 1]. */
  xRange?: readonly [number, number];
  /** y of the first and last row's samples (cell centres). Default [0, rows − 1]. */
  yRange?: readonly [number, number];
  /** Default 'sequential' (viridis); 'diverging' is blue–white–red. */
  colorScale?: 'diverging' | 'sequential';
  /** Colour range [−max|v|, max|v|] so 0 is the centre colour. Default: true for diverging. */
  symmetric?: boolean;
  /**
   * Fixed colour range, e.g. to share one scale across panels or to keep a few large values from
   * washing out the rest; values outside are clamped (the colour bar marks this with ≤ / ≥).
   * Overrides `symmetric`.
   */
  valueRange?: readonly [number, number];
  /** Caption for the colour bar. */
  colorBarLabel?: string;
  /** Values at which to draw level lines (one legend entry for all). */
  contours?: readonly number[];
  markers?: readonly HeatmapMarker[];
  overlayLines?: readonly HeatmapLine[];
  /** Row 0 at the top (y axis pointing down), integer ticks: for drawing matrices. */
  matrixOrientation?: boolean;
  /** CSS pixels; the PNG is DEVICE_PIXEL_RATIO times larger. Default 680×600. */
  width?: number;
  height?: number;
}

const POINT_STYLE: Record<MarkerStyle, PointStyle> = {
  circle: 'circle',
  triangle: 'triangle',
  cross: 'crossRot',
  star: 'star',
};

const CONTOUR_COLOR = '#1a1a1a';

/** Axis extent covering whole cells: the sample range widened by half a cell on each side. */
function cellExtent(range: readonly [number, number], n: number, name: string): [number, number] {
  if (!(Number.isFinite(range[0]) && Number.isFinite(range[1])) || (n > 1 && !(range[1] > range[0]))) {
    throw new Error(`heatmapChart: ${name} must be finite and increasing, got [${range[0]}, ${range[1]}]`);
  }
  const half = n > 1 ? (range[1] - range[0]) / (n - 1) / 2 : 0.5;
  return [range[0] - half, range[1] + half];
}

/**
 * Heat map of a sampled scalar field or a matrix, with optional level lines (marching squares),
 * point markers, overlay curves and a colour bar. Non-finite cells are drawn grey.
 */
export async function heatmapChart(options: HeatmapChartOptions): Promise<Buffer> {
  const { title, xLabel, yLabel, values, rows, cols, contours = [], markers = [], overlayLines = [] } = options;
  const { colorScale = 'sequential', matrixOrientation = false, width = 680, height = 600 } = options;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) {
    throw new Error(`heatmapChart: rows and cols must be positive integers, got rows=${rows}, cols=${cols}`);
  }
  if (values.length !== rows * cols) {
    throw new Error(`heatmapChart: values length ${values.length} does not match rows×cols = ${rows}×${cols} = ${rows * cols}`);
  }
  const xRange = options.xRange ?? [0, cols - 1];
  const yRange = options.yRange ?? [0, rows - 1];
  const [xLo, xHi] = cellExtent(xRange, cols, 'xRange');
  const [yLo, yHi] = cellExtent(yRange, rows, 'yRange');
  const range = options.valueRange ?? valueRange(values, options.symmetric ?? colorScale === 'diverging');
  const [dataMin, dataMax] = valueRange(values, false);
  const clamped = { low: dataMin < range[0], high: dataMax > range[1] };

  const raster = rgbaCanvas(rasterRgba(values, rows, cols, colorScale, range, matrixOrientation), cols, rows);
  const bar = rgbaCanvas(colorBarRgba(colorScale), 1, 256);

  const datasets: ChartDataset<'scatter', Point[]>[] = [];
  const legend: LegendEntry[] = [];
  // One dataset per unbroken piece: with parsing off, Chart.js treats scatter data as sorted and
  // stops drawing a dataset at its first NaN, so breaks cannot be encoded inside one dataset.
  const levels = contours.filter(Number.isFinite);
  const contourLines = levels.flatMap((level) => marchingSquares({ values, rows, cols, xRange, yRange }, level));
  if (contourLines.length > 0) {
    const shown = levels.length <= 6 ? `: ${levels.map(formatTickNumber).join(', ')}` : '';
    legend.push({ text: `level lines${shown}`, color: CONTOUR_COLOR, datasetIndex: datasets.length, marker: 'line' });
    // A dark line on a light halo stays visible on both ends of the colour scale.
    for (const line of contourLines) {
      datasets.push(
        { label: 'level lines', data: line, showLine: true, borderColor: CONTOUR_COLOR, borderWidth: 1.2, pointRadius: 0, order: 2 },
        { label: '', data: line, showLine: true, borderColor: 'rgba(255,255,255,0.75)', borderWidth: 3.2, pointRadius: 0, order: 3 },
      );
    }
  }
  overlayLines.forEach((l) => {
    legend.push({ text: l.label, color: l.color, datasetIndex: datasets.length, marker: 'line', dashed: l.dashed });
    for (const piece of unbrokenPieces(l.points)) {
      datasets.push({
        label: l.label,
        data: piece,
        showLine: true,
        borderColor: l.color,
        borderWidth: 2.5,
        borderDash: l.dashed ? [6, 4] : [],
        pointRadius: 0,
        order: 1,
      });
    }
  });
  markers.forEach((m) => {
    const style = m.style ?? 'circle';
    const filled = style === 'circle' || style === 'triangle';
    const borderColor = filled ? '#000000' : m.color;
    legend.push({ text: m.label, color: m.color, borderColor, datasetIndex: datasets.length, marker: POINT_STYLE[style] });
    datasets.push({
      label: m.label,
      data: m.points.map((p) => ({ x: p.x, y: p.y })),
      pointStyle: POINT_STYLE[style],
      pointRadius: filled ? 7 : 8,
      backgroundColor: m.color,
      borderColor,
      borderWidth: filled ? 1.5 : 3,
      order: 0,
    });
  });

  const rasterPlugin: Plugin<'scatter'> = {
    id: 'laelabHeatmap',
    beforeDatasetsDraw(chart) {
      const px = [chart.scales.x.getPixelForValue(xLo), chart.scales.x.getPixelForValue(xHi)] as const;
      const py = [chart.scales.y.getPixelForValue(yLo), chart.scales.y.getPixelForValue(yHi)] as const;
      // matrix-like grids as crisp cells; fine samples of a smooth field interpolated
      drawRaster(nodeContext(chart), raster, chart.chartArea, px, py, { cols, rows }, matrixOrientation);
    },
    afterDraw(chart) {
      drawColorBar(nodeContext(chart), bar, chart.chartArea, range, clamped, options.colorBarLabel);
    },
  };

  const config: ChartConfiguration<'scatter', Point[]> = {
    type: 'scatter',
    data: { datasets },
    options: {
      parsing: false,
      layout: { padding: { right: colorBarPadding(Boolean(options.colorBarLabel)) } },
      scales: { x: heatmapAxis(xLabel, [xLo, xHi], false, matrixOrientation), y: heatmapAxis(yLabel, [yLo, yHi], matrixOrientation, matrixOrientation) },
      plugins: {
        title: { display: true, text: title, font: { size: 16, weight: 'bold' } },
        legend: legendOptions(legend.filter((e) => e.text !== '')),
      },
    },
    plugins: [rasterPlugin],
  };
  return renderChart(config, { width, height });
}

/** Splits a polyline at points with a non-finite coordinate. */
export function unbrokenPieces(points: readonly Point[]): Point[][] {
  const pieces: Point[][] = [];
  let current: Point[] = [];
  for (const p of points) {
    if (Number.isFinite(p.x) && Number.isFinite(p.y)) current.push({ x: p.x, y: p.y });
    else if (current.length > 0) {
      pieces.push(current);
      current = [];
    }
  }
  if (current.length > 0) pieces.push(current);
  return pieces;
}
