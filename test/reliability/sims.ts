/**
 * What the registry-driven reliability tests share: the smallest size of a simulation, the CLI
 * with captured streams, and snapshots of result folders.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSimulationArgs, runCli, type ParamSpec, type ParamValue, type Simulation } from '../../src/sim/index.js';
import { formatValue } from '../../src/sim/params.js';

/**
 * Parameter values for sims whose greedy minimum (below) is still slow, fails their check, or
 * would not use the seed. Keyed by simulation, then parameter; names not registered are ignored,
 * so the table can list simulations before they are added to the registry.
 */
export const SMALLEST_OVERRIDES: { readonly [sim: string]: { readonly [param: string]: ParamValue } } = {
  // one start per landscape, so the seed matters
  'lae-scalar': { starts: 1, resolution: 11, lambdas: [1] },
  'lae-curvature': { m: 2, n: 2, k: 1, singularValues: [2, 1], lambdas: [2], losses: ['unregularized'] },
  grassmannian: { m: 2, k: 1, n: 2, singularValues: [2, 1] },
  oja: { dataset: 'synthetic', n: 100, epochs: 1, fullBatchSteps: 1 },
  'mnist-directions': { mode: 'covariance', steps: 1, losses: ['sum'] },
  'mnist-embedding': { mode: 'covariance', steps: 1, points: 100 },
  // gd-untied stopped by the iteration cap: decoder singular values ≥ 1 get Rayleigh-quotient eigenvalues
  'lae-pca-bench': { datasets: ['companion'], methods: ['gd-untied'], companionN: 100, maxIterations: 10, oversample: 0 },
  'alignment-lae': { steps: 1, batchSize: 1, rows: 100, hidden: [1] },
  'alignment-conv': { archs: ['lenet'], seeds: 1, epochs: 1, train: 100, validation: 0, test: 100, batchSize: 50, signalBatch: 8, anglesPerEpoch: 1, workers: 1 },
  'alignment-depth': { depths: [1], width: 4, seeds: 1, epochs: 1, train: 100, validation: 0, test: 100, batchSize: 50, signalBatch: 8, workers: 1 },
  'alignment-mnist': { seeds: 1, epochs: 1, hidden: [1], train: 100, validation: 0, test: 100, batchSize: 100, signalBatch: 1, anglesPerEpoch: 1, workers: 1 },
};

function smallestValue(spec: ParamSpec): ParamValue {
  switch (spec.kind) {
    case 'integer':
      return spec.min;
    case 'numberList':
      return spec.default.slice(0, Math.max(1, spec.minLength ?? 1));
    case 'choiceList':
      return spec.default.slice(0, 1);
    default:
      return Array.isArray(spec.default) ? [...spec.default] : spec.default;
  }
}

function sameValue(a: ParamValue, b: ParamValue): boolean {
  return formatValue(a) === formatValue(b);
}

/**
 * The parameters of a simulation's smallest run: the override table first, then greedily, in
 * declaration order, each integer at its minimum, each list cut to its minimum length and each
 * choice list to its first default entry, keeping only changes its cross-parameter check accepts.
 * Returned as CLI arguments (only what differs from the defaults).
 */
export function smallestArgs(sim: Simulation): string[] {
  const defaults = parseSimulationArgs(sim, []).params;
  const params: Record<string, ParamValue> = { ...defaults };
  const overrides = SMALLEST_OVERRIDES[sim.name] ?? {};
  for (const [name, value] of Object.entries(overrides)) if (Object.hasOwn(sim.params, name)) params[name] = value;
  if (sim.check(params) !== undefined) throw new Error(`SMALLEST_OVERRIDES for ${sim.name} fail its check: ${sim.check(params)}`);
  for (const [name, spec] of Object.entries(sim.params)) {
    if (Object.hasOwn(overrides, name)) continue;
    const candidate = { ...params, [name]: smallestValue(spec) };
    if (sim.check(candidate) === undefined) Object.assign(params, candidate);
  }
  return Object.entries(params).flatMap(([name, value]) => (sameValue(value, defaults[name]!) ? [] : [`--${name}=${formatValue(value)}`]));
}

/** A stream double that records what is written. */
export class Capture {
  text = '';
  readonly isTTY = false;
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process on `argv` with captured streams (and, if given, the memory available). */
export async function cli(argv: readonly string[], simulations: readonly Simulation[], memoryBytes?: number): Promise<CliOutcome> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(argv, { simulations, stdout, stderr, ...(memoryBytes === undefined ? {} : { memoryBytes }) });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export function tempDir(prefix = 'laelab-reliability-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Every file under `dir` (relative paths, sorted). */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

/** Every file under `dir` with its bytes. */
export function snapshot(dir: string): Map<string, Buffer> {
  return new Map(listFiles(dir).map((f) => [f, readFileSync(join(dir, f))]));
}

/** Temporary files of atomic writes (`<name>.tmp-<pid>-<n>`). */
export function tempFiles(dir: string): string[] {
  return listFiles(dir).filter((f) => /\.tmp-\d+-\d+$/.test(f));
}

/**
 * Keys holding wall-clock measurements: start time, wall time, seconds per run, elapsed/duration,
 * …Ms, and throughputs (…PerSecond).
 */
export const WALL_TIME_KEY = /^(startedAt|wallTimeSeconds|seconds|setupSeconds|elapsed|elapsedMs|duration|durationMs|ms)$|Seconds$|Ms$|PerSecond$/;

/** JSON with every wall-time field replaced by a marker (recursively). */
export function maskWallTime(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskWallTime);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, WALL_TIME_KEY.test(k) ? '<wall time>' : maskWallTime(v)]));
  }
  return value;
}
