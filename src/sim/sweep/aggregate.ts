/**
 * A sweep's comparison: per metric, mean ± std over the seed axis at every point of the other axes,
 * written into the sweep folder as aggregate.json (with the chart series), table.md, table.json,
 * one PNG per metric under charts/ (bands = mean ± 1 std), and a summary.json of kind "sweep" so
 * the results page shows the sweep as one section.
 *
 * Charts: x is the last numeric axis other than seed (e.g. lr), one line per combination of the
 * remaining axes; without a numeric axis each grid point is a short level at its position, the band
 * a box around it.
 */
import { readFileSync } from 'node:fs';
import { lineChart, type LineSeries } from '../../charts/index.js';
import type { JsonValue } from '../define.js';
import { formatValue } from '../params.js';
import { ResultFolder } from '../results.js';
import type { Summary } from '../run.js';
import { describePoint, SEED_AXIS, type SweepPlan } from './expand.js';
import type { SweepValue } from './file.js';
import { finishedSummary } from './run.js';

/** Mean ± std of one metric at one grid point (over the seeds that finished). */
export interface GroupStat {
  /** The point without the seed axis. */
  readonly point: Readonly<Record<string, SweepValue>>;
  readonly label: string;
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1); 0 for a single seed. */
  readonly std: number;
  readonly values: readonly number[];
}

/** One chart line: mean with its band. */
export interface BandSeries {
  readonly label: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

export interface MetricAggregate {
  /** Path in summary.json's metrics, e.g. `results.0.testAccuracy`. */
  readonly name: string;
  /** The sweep file's label for it, else the path. */
  readonly label: string;
  readonly groups: readonly GroupStat[];
  readonly chart: { readonly xLabel: string; readonly categorical: boolean; readonly series: readonly BandSeries[] };
}

export interface SweepAggregate {
  readonly sweep: string;
  readonly simulation: string;
  readonly file: string;
  readonly axes: Readonly<Record<string, readonly SweepValue[]>>;
  readonly seedAxis: string | null;
  readonly runs: { readonly total: number; readonly finished: number; readonly missing: readonly string[] };
  readonly metrics: readonly MetricAggregate[];
}

/** The mean of the values (NaN for none). */
export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Sample standard deviation (n − 1); 0 for fewer than two values. */
export function sampleStd(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
}

/** Every finite number in `value`, by dotted path (array entries by index). */
export function numericLeaves(value: unknown, prefix = '', out = new Map<string, number>()): Map<string, number> {
  if (typeof value === 'number' && Number.isFinite(value)) out.set(prefix, value);
  else if (Array.isArray(value)) value.forEach((v, i) => numericLeaves(v, prefix ? `${prefix}.${i}` : String(i), out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) numericLeaves(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

const keyOf = (point: Readonly<Record<string, SweepValue>>): string => JSON.stringify(point);
const text = (v: SweepValue): string => formatValue(v as string);

/** Computes the aggregate from the finished runs' summaries (`summaries[i]` of run i, or undefined). */
export function aggregateSweep(plan: SweepPlan, summaries: readonly (Summary | undefined)[]): SweepAggregate {
  const axisNames = Object.keys(plan.file.grid);
  const axes: Record<string, SweepValue[]> = {};
  for (const run of plan.runs) for (const name of axisNames) {
    const list = (axes[name] ??= []);
    const v = run.point[name]!;
    if (!list.some((x) => keyOf({ x }) === keyOf({ x: v }))) list.push(v);
  }
  const seedAxis = axisNames.includes(SEED_AXIS) ? SEED_AXIS : null;
  const others = axisNames.filter((a) => a !== seedAxis);
  const xAxis = [...others].reverse().find((a) => axes[a]!.length > 1 && axes[a]!.every((v) => typeof v === 'number'));
  const leaves = plan.runs.map((_, i) => (summaries[i] ? numericLeaves(summaries[i]!.metrics) : undefined));

  // Metrics: the file's list, else every numeric leaf that is not the same in every finished run.
  let names = [...plan.file.metrics];
  if (names.length === 0) {
    const seen = new Map<string, Set<number>>();
    for (const l of leaves) for (const [k, v] of l ?? []) (seen.get(k) ?? seen.set(k, new Set()).get(k)!).add(v);
    names = [...seen].filter(([, vs]) => vs.size > 1).map(([k]) => k);
  }

  // Grid points without the seed, in plan order.
  const points: Record<string, SweepValue>[] = [];
  for (const run of plan.runs) {
    const p = Object.fromEntries(others.map((a) => [a, run.point[a]!]));
    if (!points.some((q) => keyOf(q) === keyOf(p))) points.push(p);
  }
  const metrics = names.map((name): MetricAggregate => {
    const groups = points.flatMap((point): GroupStat[] => {
      const values = plan.runs.flatMap((run, i) => {
        const v = leaves[i]?.get(name);
        return v !== undefined && others.every((a) => keyOf({ x: run.point[a]! }) === keyOf({ x: point[a]! })) ? [v] : [];
      });
      return values.length ? [{ point, label: describePoint(point) || 'all runs', n: values.length, mean: mean(values), std: sampleStd(values), values }] : [];
    });
    return { name, label: plan.file.labels[name] ?? name, groups, chart: chartSeries(groups, others, xAxis) };
  });
  const missing = plan.runs.filter((_, i) => summaries[i] === undefined).map((r) => r.id);
  return {
    sweep: plan.file.name,
    simulation: plan.simulation.name,
    file: plan.file.path,
    axes,
    seedAxis,
    runs: { total: plan.runs.length, finished: plan.runs.length - missing.length, missing },
    metrics,
  };
}

/** Half the width of a categorical level (x units = grid positions). */
const LEVEL_HALF_WIDTH = 0.3;

function chartSeries(groups: readonly GroupStat[], others: readonly string[], xAxis: string | undefined): MetricAggregate['chart'] {
  if (xAxis === undefined) {
    const series = groups.map((g, i) => {
      const x = [i + 1 - LEVEL_HALF_WIDTH, i + 1 + LEVEL_HALF_WIDTH];
      return { label: g.label, x, y: [g.mean, g.mean], lower: [g.mean - g.std, g.mean - g.std], upper: [g.mean + g.std, g.mean + g.std] };
    });
    return { xLabel: 'grid point', categorical: true, series };
  }
  const rest = others.filter((a) => a !== xAxis);
  const lines = new Map<string, GroupStat[]>();
  for (const g of groups) {
    const key = rest.map((a) => `${a}=${text(g.point[a]!)}`).join(' ') || 'mean';
    (lines.get(key) ?? lines.set(key, []).get(key)!).push(g);
  }
  const series = [...lines].map(([label, gs]) => {
    const sorted = [...gs].sort((a, b) => (a.point[xAxis] as number) - (b.point[xAxis] as number));
    return {
      label,
      x: sorted.map((g) => g.point[xAxis] as number),
      y: sorted.map((g) => g.mean),
      lower: sorted.map((g) => g.mean - g.std),
      upper: sorted.map((g) => g.mean + g.std),
    };
  });
  return { xLabel: xAxis, categorical: false, series };
}

const fmt = (x: number): string => (Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(3) : x.toPrecision(4));

/** The markdown table: one row per metric and grid point. */
export function aggregateTable(agg: SweepAggregate): string {
  const seeds = agg.seedAxis ? `over ${agg.seedAxis}s ${agg.axes[agg.seedAxis]!.map(text).join(', ')}` : 'one run per point';
  const rows = agg.metrics.flatMap((m) => m.groups.map((g) => `| ${m.label} | ${g.label} | ${fmt(g.mean)} ± ${fmt(g.std)} | ${g.n} |`));
  return [
    `Sweep ${agg.sweep} (${agg.simulation}): mean ± std ${seeds}; ${agg.runs.finished} of ${agg.runs.total} runs finished.`,
    '',
    '| metric | grid point | mean ± std | n |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

/** A file name for a metric's chart. */
export function chartFile(metric: string): string {
  return `charts/${metric.replace(/[^A-Za-z0-9._-]+/g, '_')}.png`;
}

let version: string | undefined;

/**
 * Reads every finished run, writes the aggregate files and the sweep's summary.json (kind "sweep")
 * into the sweep folder atomically, and returns the aggregate and the files written.
 */
export async function writeAggregate(plan: SweepPlan): Promise<{ aggregate: SweepAggregate; files: string[] }> {
  const summaries = plan.runs.map((r) => finishedSummary(plan, r));
  const agg = aggregateSweep(plan, summaries);
  const folder = new ResultFolder(plan.dir);
  folder.write('aggregate.json', `${JSON.stringify(agg, null, 2)}\n`);
  folder.write('table.md', aggregateTable(agg));
  folder.write('table.json', `${JSON.stringify(agg.metrics.flatMap((m) => m.groups.map((g) => ({ metric: m.name, ...g.point, n: g.n, mean: g.mean, std: g.std }))), null, 2)}\n`);
  const seeds = agg.seedAxis ? `mean ± std over ${agg.axes[agg.seedAxis]!.length} seeds` : 'one run per point';
  for (const m of agg.metrics) {
    if (m.chart.series.length === 0) continue;
    const series: LineSeries[] = m.chart.series.map((s) => ({ label: s.label, x: s.x, y: s.y, band: { lower: s.lower, upper: s.upper } }));
    folder.write(chartFile(m.name), await lineChart({
      title: `${m.label} — sweep ${agg.sweep} (${agg.simulation})`,
      subtitle: `${seeds}; band = ±1 std${m.label === m.name ? '' : ` (metric ${m.name})`}`,
      xLabel: m.chart.xLabel,
      yLabel: m.label,
      series,
      ...(m.chart.categorical ? { xCategories: m.chart.series.map((s) => s.label) } : {}),
      width: 900,
      height: 540,
    }));
  }
  const done = summaries.filter((s): s is Summary => s !== undefined);
  version ??= (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  const startedAt = done.map((s) => s.startedAt).sort()[0] ?? new Date().toISOString();
  const summary = {
    kind: 'sweep',
    simulation: plan.simulation.name,
    title: `Sweep ${plan.file.name}: ${plan.simulation.title}`,
    seed: plan.runs[0]?.seed ?? 0,
    full: plan.runs.some((r) => r.full),
    params: { fixed: plan.file.fixed, grid: agg.axes } as unknown as JsonValue,
    metrics: { runs: agg.runs.total, finished: agg.runs.finished, missing: agg.runs.missing, metrics: agg.metrics.length },
    sweep: { runs: agg.runs.total, seeds: agg.seedAxis ? agg.axes[agg.seedAxis]! : [] },
    versions: { node: process.version, laelab: version },
    startedAt,
    wallTimeSeconds: Math.round(done.reduce((t, s) => t + s.wallTimeSeconds, 0) * 1000) / 1000,
    files: folder.files,
  };
  folder.writeSummary(summary);
  return { aggregate: agg, files: [...folder.files, 'summary.json'] };
}
