/**
 * A sweep file → its runs: the cartesian product of the grid axes, each run checked by the CLI's
 * own parser (parseSimulationArgs: unknown names, values, ranges and the simulation's cross-parameter
 * check give exactly the CLI's one-line errors) and its memory estimate, before anything runs.
 * Run ids are stable: a readable slug of the grid point plus a hash of the parsed parameters.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { findSimulation, parseSimulationArgs } from '../cli.js';
import type { ParamValue, Simulation } from '../define.js';
import { checkMemory, machineMemoryBytes } from '../memory.js';
import { formatValue, ParameterError } from '../params.js';
import type { SweepFile, SweepValue } from './file.js';

/** One run of a sweep: an ordinary CLI run of the simulation into its own folder. */
export interface SweepRun {
  /** Position in the plan (the Slurm array index, `--run-index`). */
  readonly index: number;
  /** `<slug>-<hash>`: the folder name under runs/. */
  readonly id: string;
  /** The grid point: axis name → value as the file gives it. */
  readonly point: Readonly<Record<string, SweepValue>>;
  /** The CLI arguments after the simulation name, without --out. */
  readonly args: readonly string[];
  readonly seed: number;
  readonly full: boolean;
  /** Parameters as the CLI parsed them (what summary.json records). */
  readonly params: Readonly<Record<string, ParamValue>>;
}

export interface SweepPlan {
  readonly file: SweepFile;
  readonly simulation: Simulation;
  /** The sweep's folder, `<out>/<name>`. */
  readonly dir: string;
  readonly runs: readonly SweepRun[];
}

/** Parameters the sweep sets itself. */
const SWEEP_OWNED = ['out', 'help'];

/** JSON with sorted keys, so equal parameters always give the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The run id: `rules-fa_seed-1-3f2a9c1e` (slug of the grid point, then 8 hex of sha256 of the canonical parameters). */
export function runId(point: Readonly<Record<string, SweepValue>>, identity: unknown): string {
  const slug = Object.entries(point)
    .map(([k, v]) => `${k}-${formatValue(v as ParamValue).replace(/,/g, '+')}`)
    .join('_')
    .replace(/[^A-Za-z0-9._+-]+/g, '~')
    .slice(0, 80);
  return `${slug}-${createHash('sha256').update(canonicalJson(identity)).digest('hex').slice(0, 8)}`;
}

function axisValues(file: SweepFile, sim: Simulation, name: string): readonly SweepValue[] {
  const axis = file.grid[name]!;
  if ('values' in axis) return axis.values;
  const spec = sim.params[name];
  if (name !== 'seed' && spec?.kind !== 'integer') {
    throw new ParameterError(`${file.path}: "grid.${name}": the range "${axis.text}" is for integer parameters and seed; give --${name} values as a list`);
  }
  const [a, b] = axis.range;
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/** Every grid point, in file order with the last axis fastest. */
function gridPoints(axes: readonly (readonly [string, readonly SweepValue[]])[]): Record<string, SweepValue>[] {
  let points: Record<string, SweepValue>[] = [{}];
  for (const [name, values] of axes) points = points.flatMap((p) => values.map((v) => ({ ...p, [name]: v })));
  return points;
}

/**
 * Expands and validates the sweep against `simulations`; throws a ParameterError (the CLI's message
 * prefixed by the sweep file, or a sweep-file problem) on the first bad run.
 */
export function expandSweep(file: SweepFile, simulations: readonly Simulation[], out: string, memoryBytes = machineMemoryBytes()): SweepPlan {
  const sim = findSimulation(simulations, file.simulation);
  if (simulations.some((s) => s.name === file.name)) {
    throw new ParameterError(`${file.path}: "name": "${file.name}" is a simulation's results folder; choose another sweep name`);
  }
  for (const [where, keys] of [['fixed', Object.keys(file.fixed)], ['grid', Object.keys(file.grid)]] as const) {
    const owned = keys.find((k) => SWEEP_OWNED.includes(k));
    if (owned !== undefined) throw new ParameterError(`${file.path}: "${where}.${owned}": the sweep sets --${owned} itself (give --out to npm run sweep)`);
  }
  const axes = Object.keys(file.grid).map((name) => [name, axisValues(file, sim, name)] as const);
  const flag = (name: string, value: SweepValue): string[] => [`--${name}`, formatValue(value as ParamValue)];
  const fixedArgs = Object.entries(file.fixed).flatMap(([k, v]) => flag(k, v));
  const ids = new Map<string, number>();
  const runs = gridPoints(axes).map((point, index): SweepRun => {
    const args = [...fixedArgs, ...Object.entries(point).flatMap(([k, v]) => flag(k, v))];
    let parsed: ReturnType<typeof parseSimulationArgs>;
    try {
      parsed = parseSimulationArgs(sim, args);
      checkMemory(sim, parsed.params, memoryBytes);
    } catch (err) {
      if (err instanceof ParameterError) throw new ParameterError(`${file.path}: ${err.message}`);
      throw err;
    }
    const { seed, full } = parsed.options;
    const id = runId(point, { simulation: sim.name, seed, full, params: parsed.params });
    const twin = ids.get(id);
    if (twin !== undefined) throw new ParameterError(`${file.path}: runs ${twin} and ${index} have the same parameters (${id}); remove the repeated grid value`);
    ids.set(id, index);
    return { index, id, point, args, seed, full, params: parsed.params };
  });
  return { file, simulation: sim, dir: join(out, file.name), runs };
}

/** The axis a sweep averages over (the seed); the other axes make the series. */
export const SEED_AXIS = 'seed';

/** A grid point for listings: `rules=fa seed=1`. */
export function describePoint(point: Readonly<Record<string, SweepValue>>): string {
  return Object.entries(point).map(([k, v]) => `${k}=${formatValue(v as ParamValue)}`).join(' ');
}
