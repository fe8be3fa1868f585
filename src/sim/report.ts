/** Short readable text for the end of a run and for `--all`. */
import type { JsonValue } from './define.js';
import type { RunResult } from './run.js';

const MAX_WIDTH = 72;
const MAX_LIST = 6;

/** A number with about four significant digits. */
export function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  const a = Math.abs(x);
  return a < 1e-3 || a >= 1e6 ? x.toExponential(3) : String(Number(x.toPrecision(4)));
}

function clip(text: string): string {
  return text.length <= MAX_WIDTH ? text : `${text.slice(0, MAX_WIDTH - 1)}…`;
}

/** One metric value on one line: numbers rounded, long lists elided, objects as clipped JSON. */
export function formatMetric(value: JsonValue): string {
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value !== 'object' || value === null) return String(value);
  if (Array.isArray(value) && value.every((v): v is number => typeof v === 'number')) {
    const shown = value.slice(0, MAX_LIST).map(formatNumber).join(', ');
    return value.length <= MAX_LIST ? `[${shown}]` : `[${shown}, …] (${value.length} values)`;
  }
  return clip(JSON.stringify(value));
}

/** Left-aligned columns with a header row. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [header, ...rows].map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/** What the CLI prints after a successful run: metrics, wall time, files. */
export function formatRunReport(result: RunResult): string {
  const { summary } = result;
  const metrics = Object.entries(summary.metrics);
  const width = Math.max(0, ...metrics.map(([k]) => k.length));
  return [
    `${summary.simulation} finished in ${summary.wallTimeSeconds.toFixed(2)} s (seed ${summary.seed}, ${summary.full ? 'full' : 'quick'})`,
    ...(metrics.length === 0 ? ['  (no metrics)'] : metrics.map(([k, v]) => `  ${k.padEnd(width)}  ${formatMetric(v)}`)),
    `files (${result.dir}):`,
    ...result.paths.map((p) => `  ${p}`),
    '',
  ].join('\n');
}
