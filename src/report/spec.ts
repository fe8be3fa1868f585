/**
 * Declarative chart descriptions: what the generator (Node) embeds into results/index.html as JSON
 * and the page's script (browser) turns into Chart.js charts. Plain data only — no functions — so a
 * spec survives JSON.stringify; callbacks such as log-axis ticks are added in the browser.
 */

/** A line or a set of markers on x/y axes. */
export interface XySeries {
  label: string;
  x: number[];
  y: number[];
  /** CSS colour; defaults to the palette colour of the series' position. */
  color?: string;
  /** Join the points by a line (default true). */
  line?: boolean;
  dashed?: boolean;
  /** Marker radius in CSS px (default 0 for lines, 3 for point series). */
  pointRadius?: number;
  /** Chart.js point style, e.g. 'circle', 'triangle', 'star', 'crossRot'. */
  pointStyle?: string;
  /** Line width (default 2). */
  width?: number;
  /** A shaded band around the line (e.g. mean ± std over seeds): lower and upper y at the same x. */
  band?: { lower: number[]; upper: number[] };
  /** Leave out of the legend (e.g. the second branch of a curve). */
  hideInLegend?: boolean;
  /**
   * Chart.js drawing order: lower is drawn on top; equal orders draw earlier series on top. Defaults
   * as in the PNG charts: on x/y charts lines (0) over point series (1); on heat maps markers (0) over
   * curves (1) over level lines.
   */
  order?: number;
}

export interface XyChartSpec {
  kind: 'xy';
  title: string;
  subtitle?: string;
  xLabel: string;
  yLabel: string;
  xLog?: boolean;
  yLog?: boolean;
  series: XySeries[];
  /** Same data units per pixel on both axes (circles stay circles). */
  equalAspect?: boolean;
  /** Fixed axis limits (e.g. a symmetric square around the origin). */
  xRange?: [number, number];
  /** Categorical x: series at x ≈ 1 … n are labelled with these names (range [0.5, n + 0.5]). */
  xCategories?: string[];
  yRange?: [number, number];
}

/** A sampled scalar field or a matrix on a colour scale, with optional level lines, markers and curves. */
export interface HeatmapChartSpec {
  kind: 'heatmap';
  title: string;
  subtitle?: string;
  xLabel: string;
  yLabel: string;
  /** Row-major rows×cols samples: `values[r * cols + c]` is the value at (x_c, y_r). */
  values: number[];
  rows: number;
  cols: number;
  /** x of the first and last column's samples; y of the first and last row's. */
  xRange: [number, number];
  yRange: [number, number];
  colorScale: 'sequential' | 'diverging';
  /** Colour range; values outside are clamped. */
  valueRange: [number, number];
  colorBarLabel?: string;
  /** Level-line values (marching squares in the browser). */
  contours?: number[];
  /** Row 0 on top, integer ticks (matrices). */
  matrixOrientation?: boolean;
  /** Curves and markers drawn on top (x/y in data units). */
  overlays?: XySeries[];
}

export type ChartSpec = XyChartSpec | HeatmapChartSpec;

/** A table built from a results JSON (e.g. a theorem check row by row). */
export interface TableSpec {
  title: string;
  header: string[];
  rows: string[][];
}

/** What a simulation contributes to the page beyond its summary. */
export interface SectionContent {
  charts: ChartSpec[];
  tables: TableSpec[];
  /** Notes shown under the charts (e.g. a JSON file that could not be read). */
  notes: string[];
}
