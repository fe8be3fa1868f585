/**
 * Heat-map drawing shared by node-canvas (./heatmapChart.ts, PNG) and the browser
 * (src/report/page/heatmap.ts): the value raster clipped to the plot area, and the colour bar — a
 * vertical strip right of the plot area, min and max labels (≤ / ≥ when the values were clamped),
 * round 1-2-5 values between, an optional caption. Pure drawing on a 2-D context.
 */
import { FONT_FAMILY, formatTickNumber, type ScaleOptions } from './axes.js';
import { toRgba, type ColorScale } from './colormap.js';

const BAR = { gap: 14, width: 14, labelGap: 6, labelWidth: 52, captionWidth: 20, minLabelSpacing: 16 };

/** Right padding the chart needs for the bar, its labels and (optionally) the caption. */
export function colorBarPadding(caption: boolean): number {
  return BAR.gap + BAR.width + BAR.labelGap + BAR.labelWidth + (caption ? BAR.captionWidth : 0);
}

/**
 * A heat map's axis (PNG and page alike): the cell extent [lo, hi] exactly, no grid, a titled
 * axis when `text` is given, integer ticks for matrix-like grids.
 */
export function heatmapAxis(text: string, extent: readonly [number, number], reverse: boolean, matrixOrientation: boolean): ScaleOptions {
  return {
    type: 'linear',
    min: extent[0],
    max: extent[1],
    reverse,
    title: { display: text !== '', text, font: { size: 13 } },
    grid: { display: false },
    border: { color: '#888' },
    ticks: { includeBounds: false, ...(matrixOrientation ? { precision: 0 } : {}) },
  };
}

/** Cells narrower than this many pixels are interpolated (a smooth field); wider ones stay crisp. */
const SMOOTH_BELOW_PX = 6;

/** The part of a canvas 2-D context used here (node-canvas's and the browser's both fit). */
export interface HeatmapContext<Image> {
  save(): void;
  rect(x: number, y: number, w: number, h: number): void;
  clip(): void;
  restore(): void;
  drawImage(image: Image, dx: number, dy: number, dw: number, dh: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
  fillText(text: string, x: number, y: number): void;
  translate(x: number, y: number): void;
  rotate(angle: number): void;
  imageSmoothingEnabled: boolean;
  strokeStyle: unknown;
  fillStyle: unknown;
  lineWidth: number;
  font: string;
  textAlign: string;
  textBaseline: string;
}

/**
 * RGBA pixels of a rows × cols grid of values (row-major, row r at y_r) as image rows, top to
 * bottom: row 0 on top for matrices (`matrixOrientation`), the highest y on top otherwise.
 */
export function rasterRgba(
  values: ArrayLike<number>, rows: number, cols: number, scale: ColorScale, range: readonly [number, number], matrixOrientation: boolean,
): Uint8ClampedArray {
  const flipped = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const src = matrixOrientation ? r : rows - 1 - r;
    for (let c = 0; c < cols; c++) flipped[r * cols + c] = values[src * cols + c]!;
  }
  return toRgba(flipped, scale, range);
}

/** RGBA pixels of the colour bar's image: a 1 × 256 strip, high values at the top. */
export function colorBarRgba(scale: ColorScale): Uint8ClampedArray {
  return toRgba(Float64Array.from({ length: 256 }, (_, i) => 255 - i), scale, [0, 255]);
}

/**
 * Draws the raster image (cols × rows cells) between the pixel corners px, py, clipped to `area`.
 * Matrix-like grids (`crisp`) and coarse grids show as sharp cells; fine samples are interpolated.
 */
export function drawRaster<Image>(
  ctx: HeatmapContext<Image>,
  raster: Image,
  area: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number },
  px: readonly [number, number],
  py: readonly [number, number],
  cells: { readonly cols: number; readonly rows: number },
  crisp: boolean,
): void {
  const { left, right, top, bottom } = area;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, right - left, bottom - top);
  ctx.clip();
  const w = Math.abs(px[1] - px[0]);
  const h = Math.abs(py[1] - py[0]);
  ctx.imageSmoothingEnabled = !crisp && Math.min(w / cells.cols, h / cells.rows) < SMOOTH_BELOW_PX;
  ctx.drawImage(raster, Math.min(px[0], px[1]), Math.min(py[0], py[1]), w, h);
  ctx.restore();
}

/**
 * Draws the bar image (a 1-pixel-wide strip, high values at the top) right of `area` with its
 * labels for the value `range`.
 */
export function drawColorBar<Image>(
  ctx: HeatmapContext<Image>,
  bar: Image,
  area: { readonly right: number; readonly top: number; readonly bottom: number },
  range: readonly [number, number],
  clamped: { readonly low: boolean; readonly high: boolean },
  caption?: string,
): void {
  const { right, top, bottom } = area;
  const x = right + BAR.gap;
  ctx.save();
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(bar, x, top, BAR.width, bottom - top);
  ctx.strokeStyle = '#888';
  ctx.lineWidth = 1;
  ctx.strokeRect(x, top, BAR.width, bottom - top);
  ctx.fillStyle = '#222';
  ctx.font = `11px ${FONT_FAMILY}`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  const at = (v: number): number => bottom - ((bottom - top) * (v - range[0])) / (range[1] - range[0] || 1);
  const label = (v: number, text: string): void => {
    const y = at(v);
    ctx.beginPath();
    ctx.moveTo(x + BAR.width, y);
    ctx.lineTo(x + BAR.width + 3, y);
    ctx.stroke();
    ctx.fillText(text, x + BAR.width + BAR.labelGap, y);
  };
  const end = (v: number): string => formatTickNumber(Number(v.toPrecision(3)));
  label(range[0], (clamped.low ? '≤ ' : '') + end(range[0]));
  if (range[1] > range[0]) label(range[1], (clamped.high ? '≥ ' : '') + end(range[1]));
  for (const v of niceTicks(range[0], range[1])) {
    const y = at(v);
    if (Math.abs(y - at(range[0])) > BAR.minLabelSpacing && Math.abs(y - at(range[1])) > BAR.minLabelSpacing) label(v, formatTickNumber(v));
  }
  if (caption) {
    ctx.translate(x + BAR.width + BAR.labelGap + BAR.labelWidth + BAR.captionWidth / 2, (top + bottom) / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.font = `12px ${FONT_FAMILY}`;
    ctx.fillText(caption, 0, 0);
  }
  ctx.restore();
}

/** Round multiples of a 1-2-5 step strictly inside (lo, hi), about four of them. */
function niceTicks(lo: number, hi: number): number[] {
  if (!(hi > lo)) return [];
  const raw = (hi - lo) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let k = Math.floor(lo / step) + 1; k * step < hi; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}
