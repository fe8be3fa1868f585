import type { ChartOptions } from 'chart.js';

/** Font stack for all charts, PNG and browser; DejaVu Sans is what fontconfig resolves on the lab machines. */
export const FONT_FAMILY = "'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif";

/** A 2-D data point. */
export interface Point {
  x: number;
  y: number;
}

/** Numeric input arrays accepted by the chart functions. */
export type Numbers = readonly number[] | Float64Array;

export type ScaleOptions = NonNullable<NonNullable<ChartOptions<'scatter'>['scales']>[string]>;

/** Points usable on the given axes, plus how many were dropped and why. */
export interface CleanedPoints {
  points: Point[];
  nonPositive: number;
  nonFinite: number;
}

/** Drop non-finite points, and non-positive coordinates on log axes. */
export function cleanPoints(points: Iterable<Point>, xLog: boolean, yLog: boolean): CleanedPoints {
  const kept: Point[] = [];
  let nonPositive = 0;
  let nonFinite = 0;
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) nonFinite++;
    else if ((xLog && p.x <= 0) || (yLog && p.y <= 0)) nonPositive++;
    else kept.push({ x: p.x, y: p.y });
  }
  return { points: kept, nonPositive, nonFinite };
}

/** Subtitle text reporting dropped points, or undefined when nothing was dropped. */
export function droppedNote(nonPositive: number, nonFinite: number): string | undefined {
  const parts: string[] = [];
  if (nonPositive > 0) parts.push(`${nonPositive} non-positive value${nonPositive === 1 ? '' : 's'} not shown on log axis`);
  if (nonFinite > 0) parts.push(`${nonFinite} non-finite value${nonFinite === 1 ? '' : 's'} not shown`);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** Compact tick label: plain for 1e-3 ≤ |v| < 1e4, otherwise like "1e-9" or "2.5e6". */
export function formatTickNumber(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e4) return String(Number(v.toPrecision(4)));
  const [mantissa, exponent] = v.toExponential(2).split('e');
  return `${Number(mantissa)}e${Number(exponent)}`;
}

/**
 * Tick values for a log axis on [min, max]: powers of ten (every k-th decade so at most
 * `maxTicks`), or a 1-2-5 series when fewer than two decades fit. Empty if neither gives two ticks.
 */
export function logTickValues(min: number, max: number, maxTicks = 8): number[] {
  if (!(min > 0) || !(max > min) || !Number.isFinite(max)) return [];
  const inRange = (v: number) => v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9);
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const decades: number[] = [];
  for (let e = lo; e <= hi; e++) if (inRange(Number(`1e${e}`))) decades.push(e);
  if (decades.length >= 2) {
    const stride = Math.ceil(decades.length / maxTicks);
    const picked = decades.filter((e) => e % stride === 0);
    return (picked.length >= 2 ? picked : decades).map((e) => Number(`1e${e}`));
  }
  const series: number[] = [];
  for (let e = lo; e <= hi; e++) {
    for (const m of [1, 2, 5]) {
      const v = Number(`${m}e${e}`);
      if (inRange(v)) series.push(v);
    }
  }
  return series.length >= 2 ? series : [];
}

/** Explicit axis bounds [min, max]. */
export type AxisRange = readonly [min: number, max: number];

/** Throws (naming the chart function and option) unless `range` is [min, max] with finite min < max, min > 0 on a log axis. */
export function checkRange(fn: string, name: string, range: AxisRange | undefined, log: boolean): void {
  if (range === undefined) return;
  const [min, max] = range;
  if (range.length !== 2 || !Number.isFinite(min) || !Number.isFinite(max) || !(min < max)) {
    throw new Error(`${fn}: ${name} must be [min, max] with finite min < max, got [${range.join(', ')}]`);
  }
  if (log && !(min > 0)) throw new Error(`${fn}: ${name} on a log axis needs min > 0, got [${range.join(', ')}]`);
}

/** [min, max] of the values, or undefined when there are none. */
export function extent(values: Iterable<number>): [number, number] | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : undefined;
}

/**
 * The data range [min, max] when every value is an integer (step counts, indices) and min < max, else
 * undefined: such an x axis should start at the first step and end at the last, not at rounded-out ticks.
 */
export function integerDataRange(values: Iterable<number>): [number, number] | undefined {
  const all: number[] = [];
  for (const v of values) {
    if (!Number.isInteger(v)) return undefined;
    all.push(v);
  }
  const range = extent(all);
  return range && range[0] < range[1] ? range : undefined;
}

/** The range widened by `fraction` of its span on both sides (a zero span becomes ±0.5 around the value). */
export function padRange([min, max]: AxisRange, fraction: number): [number, number] {
  const pad = max > min ? fraction * (max - min) : 0.5;
  return [min - pad, max + pad];
}

/**
 * Ranges covering x and y with the same data units per pixel on a plot area of width × height pixels: the
 * axis with fewer units per pixel is widened about its centre.
 */
export function equalAspectRanges(x: AxisRange, y: AxisRange, width: number, height: number): { x: [number, number]; y: [number, number] } {
  const unit = Math.max((x[1] - x[0]) / width, (y[1] - y[0]) / height);
  const widen = ([min, max]: AxisRange, pixels: number): [number, number] => {
    const centre = (min + max) / 2;
    const half = Math.max((unit * pixels) / 2, (max - min) / 2);
    return [centre - half, centre + half];
  };
  return { x: widen(x, width), y: widen(y, height) };
}

/**
 * Options for one cartesian axis (linear or log with readable ticks). Without `range` a linear axis
 * pads the data by 4% (grace) and rounds out to the next ticks; with it the bounds are exactly `range`
 * and the ticks are the round values inside it.
 */
export function axisOptions(title: string, log: boolean, range?: AxisRange): ScaleOptions {
  const base = {
    title: { display: title !== '', text: title, font: { size: 13 } },
    grid: { color: '#e6e6e6' },
    border: { color: '#888' },
  };
  const bounds = range ? { min: range[0], max: range[1] } : {};
  if (!log) {
    if (range) return { type: 'linear', ...bounds, grace: 0, ticks: { includeBounds: false }, ...base };
    return { type: 'linear', grace: '4%', ...base }; // grace: points on the extremes stay inside the frame
  }
  return {
    type: 'logarithmic',
    ...bounds,
    ...base,
    afterBuildTicks: (axis) => {
      const values = logTickValues(axis.min, axis.max);
      if (values.length > 0) axis.ticks = values.map((value) => ({ value }));
    },
    ticks: { callback: (value) => formatTickNumber(Number(value)), autoSkip: false, maxRotation: 0 },
  };
}
