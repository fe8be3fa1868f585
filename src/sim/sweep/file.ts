/**
 * Sweep files (JSON): a simulation, fixed parameters, grid axes. This module reads the file's
 * structure only; the values are checked against the simulation's parameter schema by expand.ts,
 * through the CLI's own parser.
 *
 *   { "name": "mnist-rules", "simulation": "alignment-mnist",
 *     "fixed": { "epochs": 5, "seeds": 1, "workers": 1 },
 *     "grid": { "rules": ["backprop", "fa", "sa", "ia"], "seed": "0..2" },
 *     "ruleFiles": ["my-rule.ts"], "metrics": ["results.0.testAccuracy"],
 *     "labels": { "results.0.testAccuracy": "test accuracy" } }
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { ParameterError } from '../params.js';

/** A value as a sweep file gives it: what the CLI would get as text (lists are comma-joined). */
export type SweepValue = number | boolean | string | readonly (number | string)[];

/** A grid axis: its values in order, or an inclusive integer range `"a..b"`. */
export type SweepAxis = { readonly values: readonly SweepValue[] } | { readonly range: readonly [number, number]; readonly text: string };

export interface SweepFile {
  /** Absolute path of the file. */
  readonly path: string;
  /** Results folder name under the results root (default: the file name without .json). */
  readonly name: string;
  readonly simulation: string;
  readonly description: string;
  /** Parameters shared by every run (parameter name → value), `seed` and `full` included. */
  readonly fixed: Readonly<Record<string, SweepValue>>;
  /** Axes in file order; the runs are their cartesian product (last axis fastest). */
  readonly grid: Readonly<Record<string, SweepAxis>>;
  /** User rule files (absolute), loaded before validation and by every run (`--rule-file`). */
  readonly ruleFiles: readonly string[];
  /** Metric paths to aggregate (e.g. `results.0.testAccuracy`); empty: every numeric metric that varies. */
  readonly metrics: readonly string[];
  /** Readable names of metrics (metric path → label) for chart titles, axes and tables. */
  readonly labels: Readonly<Record<string, string>>;
}

const KEYS = ['name', 'simulation', 'description', 'fixed', 'grid', 'ruleFiles', 'metrics', 'labels'];
const FOLDER_NAME = /^[a-z0-9][a-z0-9._-]*$/;
export const RANGE = /^\s*(-?\d+)\s*\.\.\s*(-?\d+)\s*$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is number | string | boolean => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';
const isValue = (v: unknown): v is SweepValue =>
  isScalar(v) || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' || typeof x === 'string'));

/** Parses the text of a sweep file found at `path`; every problem is a one-line ParameterError naming the file and the field. */
export function parseSweepText(text: string, path: string): SweepFile {
  const fail = (what: string): never => {
    throw new ParameterError(`${path}: ${what}`);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return fail(`not valid JSON (${(err as Error).message}); sweep files are JSON`);
  }
  if (!isRecord(raw)) return fail('expected a JSON object with "simulation", "fixed" and "grid"');
  const unknown = Object.keys(raw).find((k) => !KEYS.includes(k));
  if (unknown !== undefined) fail(`unknown field "${unknown}"; valid: ${KEYS.join(', ')}`);
  if (typeof raw['simulation'] !== 'string' || raw['simulation'] === '') fail('"simulation" must name a simulation (e.g. "alignment-mnist")');
  const name = raw['name'] ?? basename(path).replace(/\.json$/i, '');
  if (typeof name !== 'string' || !FOLDER_NAME.test(name)) fail(`"name": expected lower-case letters, digits, '.', '_' or '-' (a folder name), got ${JSON.stringify(name)}`);
  const description = raw['description'] ?? '';
  if (typeof description !== 'string') fail('"description" must be a string');

  const fixedRaw = raw['fixed'] ?? {};
  if (!isRecord(fixedRaw)) fail('"fixed" must be an object: parameter name → value');
  const fixed: Record<string, SweepValue> = {};
  for (const [k, v] of Object.entries(fixedRaw as Record<string, unknown>)) {
    if (!isValue(v)) fail(`"fixed.${k}": expected a number, string, boolean or a non-empty list of numbers/strings, got ${JSON.stringify(v)}`);
    fixed[k] = v as SweepValue;
  }

  const gridRaw = raw['grid'];
  if (!isRecord(gridRaw) || Object.keys(gridRaw).length === 0) fail('"grid" must be an object with at least one axis: parameter name → list of values or "a..b"');
  const grid: Record<string, SweepAxis> = {};
  for (const [k, v] of Object.entries(gridRaw as Record<string, unknown>)) {
    const m = typeof v === 'string' ? RANGE.exec(v) : null;
    if (m) {
      const [a, b] = [Number(m[1]), Number(m[2])];
      if (b < a) fail(`"grid.${k}": the range "${v as string}" is empty (${b} < ${a})`);
      grid[k] = { range: [a, b], text: v as string };
    } else if (Array.isArray(v) && v.length > 0 && v.every(isValue)) {
      const repeated = v.find((x, i) => v.findIndex((y) => JSON.stringify(y) === JSON.stringify(x)) !== i);
      if (repeated !== undefined) fail(`"grid.${k}": the value ${JSON.stringify(repeated)} is listed twice`);
      grid[k] = { values: v as SweepValue[] };
    } else {
      fail(`"grid.${k}": expected a non-empty list of values or an integer range "a..b", got ${JSON.stringify(v)}`);
    }
  }

  const list = (field: string): string[] => {
    const v = raw[field] ?? [];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x !== '')) fail(`"${field}" must be a list of strings`);
    return v as string[];
  };
  const ruleFiles = list('ruleFiles').map((f) => resolve(dirname(path), f));
  const labels = raw['labels'] ?? {};
  if (!isRecord(labels) || !Object.values(labels).every((v) => typeof v === 'string' && v !== '')) fail('"labels" must be an object: metric path → a non-empty label');
  return { path, name: name as string, simulation: raw['simulation'] as string, description: description as string, fixed, grid, ruleFiles, metrics: list('metrics'), labels: labels as Record<string, string> };
}

/** Reads and parses a sweep file (YAML is not supported: the project has no YAML package). */
export function readSweepFile(file: string): SweepFile {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ParameterError(`sweep file ${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return parseSweepText(text, path);
}
