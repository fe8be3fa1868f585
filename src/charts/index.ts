/**
 * PNG chart rendering for the lab's figures. Every function returns a PNG `Buffer` (the caller
 * writes the file); inputs are plain numbers, so this module depends on nothing else in laelab.
 * Charts are rendered at DEVICE_PIXEL_RATIO, so a 800×500 chart is a 1600×1000 PNG.
 */

/** Render any Chart.js configuration (white background, no animation, shared renderer per size). */
export { renderChart, DEVICE_PIXEL_RATIO, FONT_FAMILY, type ChartSize } from './render.js';

/** Multi-series line chart with log axes, dropped-value subtitle and min/max downsampling. */
export { lineChart, type LineChartOptions, type LineSeries } from './lineChart.js';

/** Point series with optional theory curves (Fig. 5) or a 2-D embedding coloured by class. */
export { scatterChart, type ScatterChartOptions, type ScatterSeries, type ScatterLine } from './scatterChart.js';

/** Heat map of a sampled landscape (Fig. 1) or a signed matrix (Fig. 4), with level lines, markers and colour bar. */
export {
  heatmapChart,
  type HeatmapChartOptions,
  type HeatmapMarker,
  type HeatmapLine,
  type MarkerStyle,
} from './heatmapChart.js';

/** Grid of small grey or diverging images with captions (Fig. 7 eigen-digits). */
export { imageGrid, type ImageGridOptions } from './imageGrid.js';

/** Several PNGs side by side / on a grid in one PNG. */
export { combinePngs, type CombineOptions } from './panels.js';

/** Marching squares level lines of a sampled function. */
export { marchingSquares, type Grid } from './contours.js';

/** Colour scales and value ranges used by heat maps and image tiles. */
export { colorAt, valueRange, type ColorScale, type Rgb } from './colormap.js';

/** Categorical colour-blind-friendly palette. */
export { PALETTE, seriesColor } from './palette.js';

/** Point type, log-axis tick helpers. */
export { formatTickNumber, logTickValues, type Point, type Numbers } from './axes.js';

/** Min/max downsampling used for long series. */
export { downsampleMinMax, MAX_DRAW_POINTS } from './downsample.js';
