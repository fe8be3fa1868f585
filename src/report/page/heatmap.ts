/// <reference lib="dom" />
/**
 * The browser twin of src/charts/heatmapChart.ts (which renders through node-canvas): the raster is
 * drawn under the datasets by a Chart.js plugin, so it follows zoom and pan; level lines are
 * marching-squares polylines (src/charts/contours.ts) drawn dark on a light halo; a colour bar with
 * ≤ / ≥ marks for clamped ends sits right of the plot area.
 */
import type { Chart, ChartDataset, LegendItem, Plugin } from 'chart.js';
import { formatTickNumber } from '../../charts/axes.js';
import { colorBarPadding, colorBarRgba, drawColorBar, drawRaster, rasterRgba } from '../../charts/heatmap-canvas.js';
import { valueRange } from '../../charts/colormap.js';
import { marchingSquares } from '../../charts/contours.js';
import type { HeatmapChartSpec } from '../spec.js';

type Point = { x: number; y: number };

const CONTOUR_COLOR = '#1a1a1a';

/** Axis extent covering whole cells: the sample range widened by half a cell on each side. */
function cellExtent(range: readonly [number, number], n: number): [number, number] {
  const half = n > 1 ? (range[1] - range[0]) / (n - 1) / 2 : 0.5;
  return [range[0] - half, range[1] + half];
}

/** A canvas holding RGBA pixels of width × height. */
export function canvasOf(rgba: Uint8ClampedArray, width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(width, height);
  image.data.set(rgba);
  ctx.putImageData(image, 0, 0);
  return canvas;
}

export interface HeatmapParts {
  plugin: Plugin<'scatter'>;
  contourDatasets: (ChartDataset<'scatter', Point[]> & { laelabGroup: number; laelabRole: string })[];
  contourLegend: LegendItem;
  xExtent: [number, number];
  yExtent: [number, number];
  barPadding: number;
}

export function heatmapParts(spec: HeatmapChartSpec): HeatmapParts {
  const { values, rows, cols, xRange, yRange, valueRange: range, colorScale } = spec;
  if (values.length !== rows * cols) throw new Error(`heat map "${spec.title}": ${values.length} values for ${rows}×${cols}`);
  const matrix = spec.matrixOrientation ?? false;
  const xExtent = cellExtent(xRange, cols);
  const yExtent = cellExtent(yRange, rows);
  const [dataMin, dataMax] = valueRange(values, false);
  const clamped = { low: dataMin < range[0], high: dataMax > range[1] };

  let raster: HTMLCanvasElement | undefined;
  let bar: HTMLCanvasElement | undefined;

  const levels = (spec.contours ?? []).filter(Number.isFinite);
  const contourDatasets: HeatmapParts['contourDatasets'] = [];
  for (const level of levels) {
    for (const line of marchingSquares({ values, rows, cols, xRange, yRange }, level)) {
      const base = { data: line, showLine: true, pointRadius: 0, pointHoverRadius: 0, laelabGroup: 0, laelabRole: 'contour' };
      contourDatasets.push(
        { ...base, label: `level ${formatTickNumber(level)}`, borderColor: CONTOUR_COLOR, borderWidth: 1.2, order: 1000 },
        { ...base, label: '', borderColor: 'rgba(255,255,255,0.75)', borderWidth: 3.2, order: 1001 },
      );
    }
  }
  const shown = levels.length <= 6 ? `: ${levels.map(formatTickNumber).join(', ')}` : '';
  const contourLegend: LegendItem = {
    text: `level lines${shown}`, datasetIndex: 0, fillStyle: CONTOUR_COLOR, strokeStyle: CONTOUR_COLOR, fontColor: '#222',
    lineWidth: 2.5, lineDash: [], pointStyle: 'line', hidden: false,
  };

  const plugin: Plugin<'scatter'> = {
    id: 'laelabHeatmap',
    beforeDatasetsDraw(chart: Chart<'scatter'>) {
      raster ??= canvasOf(rasterRgba(values, rows, cols, colorScale, range, matrix), cols, rows);
      const px = [chart.scales['x']!.getPixelForValue(xExtent[0]), chart.scales['x']!.getPixelForValue(xExtent[1])] as const;
      const py = [chart.scales['y']!.getPixelForValue(yExtent[0]), chart.scales['y']!.getPixelForValue(yExtent[1])] as const;
      drawRaster(chart.ctx, raster, chart.chartArea, px, py, { cols, rows }, matrix);
    },
    afterDraw(chart: Chart<'scatter'>) {
      bar ??= canvasOf(colorBarRgba(colorScale), 1, 256);
      drawColorBar(chart.ctx, bar, chart.chartArea, range, clamped, spec.colorBarLabel);
    },
  };
  return {
    plugin,
    contourDatasets,
    contourLegend,
    xExtent,
    yExtent,
    barPadding: colorBarPadding(Boolean(spec.colorBarLabel)),
  };
}

