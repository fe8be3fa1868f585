/**
 * Charts for simulations the report has no builder for, guessed from the shape of their JSON:
 * - `{ <x>: number[], <name>: number[] | { <series>: number[] }, … }` with equal lengths: a line chart
 *   (x from a key such as step/epoch/iteration, else the index), log y when the values span > 3 decades;
 * - an array of `{ label|name: string, <x>: number[], <y>: number[] }`: one line chart per y key;
 *   (a series whose x values are not sorted is drawn as points, not a line);
 * - `{ <name>: [[x, y], …], labels?: number[] }`: a scatter plot, one colour per label (≤ 20 labels);
 * - `{ rows, cols, values }`: a heat map (diverging when values change sign);
 * - `{ rows: [{…}, …] }` or an array of flat objects: a table.
 * Anything else is shown as its PNGs and links only.
 */
import { downsampleMinMax } from '../../charts/downsample.js';
import { seriesColor } from '../../charts/palette.js';
import { formatNumber } from '../format.js';
import type { Json } from '../load.js';
import type { ChartSpec, SectionContent, TableSpec, XySeries } from '../spec.js';
import type { JsonObject, SectionBuilder } from './util.js';

const X_KEYS = ['step', 'steps', 'epoch', 'epochs', 'iteration', 'iterations', 'iter', 'sample', 'samples', 't', 'time', 'seconds', 'x', 'sigma2', 'lambda', 'lambdas', 'n'];
/** Bookkeeping arrays that are not series. */
const NOT_SERIES = ['index', 'indices', 'id', 'ids', 'label', 'labels', 'seed', 'seeds'];
const MAX_TABLE_ROWS = 200;
const MAX_POINTS = 4000;

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumbers = (v: Json | undefined): v is number[] => Array.isArray(v) && v.length >= 2 && v.every((x) => typeof x === 'number');

function yLogWanted(series: readonly XySeries[]): boolean {
  const ys = series.flatMap((s) => s.y);
  if (ys.length === 0 || ys.some((y) => !(y > 0))) return false;
  return Math.max(...ys) / Math.min(...ys) > 1e3;
}

const sorted = (xs: readonly number[]) => xs.every((v, i) => i === 0 || v >= xs[i - 1]!);

/** Every k-th point so at most MAX_POINTS remain. */
function thin<T>(items: readonly T[]): T[] {
  const every = Math.ceil(items.length / MAX_POINTS);
  return items.filter((_, i) => i % every === 0);
}

/** A line through sorted x (min/max downsampled), else the points themselves. */
function line(label: string, x: number[], y: number[], i: number): XySeries {
  const raw = x.map((xv, j) => ({ x: xv, y: y[j]! }));
  if (!sorted(x)) {
    const pts = thin(raw);
    return { label, x: pts.map((p) => p.x), y: pts.map((p) => p.y), color: seriesColor(i), line: false, pointRadius: 2 };
  }
  const pts = downsampleMinMax(raw);
  return { label, x: pts.map((p) => p.x), y: pts.map((p) => p.y), color: seriesColor(i), width: 2, pointRadius: pts.length <= 60 ? 2.5 : 0 };
}

const isPairs = (v: Json | undefined): v is [number, number][] =>
  Array.isArray(v) && v.length >= 3 && v.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'number' && typeof p[1] === 'number');

/** Scatter plots of [x, y] pair lists, one colour per label when a `labels` array fits. */
function pointClouds(file: string, o: JsonObject): ChartSpec[] {
  const labels = o['labels'];
  return Object.entries(o).flatMap(([key, v]): ChartSpec[] => {
    if (!isPairs(v)) return [];
    const groups = new Map<string, { x: number; y: number }[]>();
    const classes = Array.isArray(labels) && labels.length === v.length && new Set(labels.map(String)).size <= 20 ? labels.map(String) : undefined;
    v.forEach(([x, y], i) => {
      const g = classes ? classes[i]! : key;
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g)!.push({ x, y });
    });
    const names = [...groups.keys()].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
    const series = names.map((g, i): XySeries => {
      const pts = thin(groups.get(g)!);
      return { label: classes ? `label ${g}` : g, x: pts.map((p) => p.x), y: pts.map((p) => p.y), color: seriesColor(i), line: false, pointRadius: 2 };
    });
    return [{ kind: 'xy', title: `${file}: ${key}`, xLabel: `${key} 1`, yLabel: `${key} 2`, series }];
  });
}

/** Numeric series of one object: equal-length arrays, directly or one level down. */
function objectSeries(o: JsonObject): { xKey?: string; x?: number[]; ys: { label: string; y: number[] }[] } | undefined {
  const arrays: { label: string; y: number[] }[] = [];
  for (const [key, v] of Object.entries(o)) {
    if (NOT_SERIES.includes(key.toLowerCase())) continue;
    if (isNumbers(v)) arrays.push({ label: key, y: v });
    else if (isObject(v)) for (const [sub, w] of Object.entries(v)) if (isNumbers(w)) arrays.push({ label: `${key}.${sub}`, y: w });
  }
  if (arrays.length === 0) return undefined;
  const n = Math.max(...arrays.map((a) => a.y.length));
  const same = arrays.filter((a) => a.y.length === n);
  const xi = same.findIndex((a) => X_KEYS.includes(a.label.toLowerCase()));
  if (xi >= 0) {
    const [xs] = same.splice(xi, 1);
    return same.length > 0 ? { xKey: xs!.label, x: xs!.y, ys: same } : undefined;
  }
  return { ys: same };
}

function tableOf(title: string, rows: readonly Json[]): TableSpec | undefined {
  if (rows.length === 0 || !rows.every(isObject)) return undefined;
  const objects = rows as JsonObject[];
  const header = [...new Set(objects.flatMap((r) => Object.keys(r)))];
  const cell = (v: Json | undefined) => (v === undefined ? '' : typeof v === 'number' ? formatNumber(v) : typeof v === 'string' ? v : JSON.stringify(v));
  const shown = objects.slice(0, MAX_TABLE_ROWS);
  return {
    title: objects.length > shown.length ? `${title} (first ${shown.length} of ${objects.length} rows)` : title,
    header,
    rows: shown.map((r) => header.map((h) => cell(r[h]))),
  };
}

/** What the generic reading makes of one JSON file. */
export function genericFromJson(file: string, data: Json): { charts: ChartSpec[]; tables: TableSpec[] } {
  const charts: ChartSpec[] = [];
  const tables: TableSpec[] = [];
  if (isObject(data)) {
    const { rows, cols, values } = data;
    if (typeof rows === 'number' && typeof cols === 'number' && isNumbers(values) && values.length === rows * cols) {
      const negative = values.some((v) => v < 0) && values.some((v) => v > 0);
      const m = Math.max(...values.map(Math.abs));
      charts.push({
        kind: 'heatmap', title: file, xLabel: 'column', yLabel: 'row', values, rows, cols,
        xRange: [1, cols], yRange: [1, rows], matrixOrientation: true,
        colorScale: negative ? 'diverging' : 'sequential',
        valueRange: negative ? [-m, m] : [Math.min(...values), Math.max(...values)],
      });
      return { charts, tables };
    }
    charts.push(...pointClouds(file, data));
    const found = objectSeries(data);
    if (found) {
      const series = found.ys.map((s, i) => line(s.label, found.x ?? s.y.map((_, j) => j), s.y, i));
      charts.push({ kind: 'xy', title: file, xLabel: found.xKey ?? 'index', yLabel: 'value', yLog: yLogWanted(series), series });
    }
    for (const [key, v] of Object.entries(data)) {
      if (Array.isArray(v)) {
        const t = tableOf(`${file}: ${key}`, v);
        if (t) tables.push(t);
      }
    }
  } else if (Array.isArray(data) && data.length > 0 && data.every(isObject)) {
    const objects = data as JsonObject[];
    const name = (o: JsonObject, i: number) => (typeof o['label'] === 'string' ? o['label'] : typeof o['name'] === 'string' ? o['name'] : `#${i + 1}`);
    const perObject = objects.map((o) => objectSeries(o));
    const yKeys = [...new Set(perObject.flatMap((p) => p?.ys.map((s) => s.label) ?? []))];
    for (const key of yKeys) {
      let xKey: string | undefined;
      const series = objects.flatMap((o, i) => {
        const s = perObject[i]?.ys.find((q) => q.label === key);
        if (!s) return [];
        xKey ??= perObject[i]?.xKey;
        return [line(name(o, i), perObject[i]?.x ?? s.y.map((_, j) => j), s.y, i)];
      });
      if (series.length > 0) charts.push({ kind: 'xy', title: `${file}: ${key}`, xLabel: xKey ?? 'index', yLabel: key, yLog: yLogWanted(series), series });
    }
    if (charts.length === 0) {
      const t = tableOf(file, objects);
      if (t) tables.push(t);
    }
  }
  return { charts, tables };
}

export const generic: SectionBuilder = (sim) => {
  const out: SectionContent = { charts: [], tables: [], notes: [] };
  for (const [file, data] of sim.json) {
    const { charts, tables } = genericFromJson(file, data);
    out.charts.push(...charts);
    out.tables.push(...tables);
  }
  return out;
};
