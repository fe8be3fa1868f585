/** Runs one simulation into `<out>/<name>` and writes summary.json when it succeeds. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRunContext } from './context.js';
import type { Metrics, ParamValue, Simulation } from './define.js';
import { startJanitor } from './janitor.js';
import type { RunOptions } from './params.js';
import type { TextSink } from './progress.js';
import { ResultFolder } from './results.js';
import { Rng } from '../random/rng.js';

/** The content of summary.json, in this key order. */
export interface Summary {
  readonly simulation: string;
  readonly title: string;
  readonly seed: number;
  readonly full: boolean;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly metrics: Metrics;
  readonly versions: { readonly node: string; readonly laelab: string };
  /** ISO 8601 time the run started. */
  readonly startedAt: string;
  readonly wallTimeSeconds: number;
  /** Files this run wrote, relative to the run's folder (summary.json excluded). */
  readonly files: readonly string[];
}

/** What the runner needs from outside: the output streams. */
export interface RunDeps {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
}

export interface RunResult {
  readonly summary: Summary;
  /** The run's folder, `<out>/<name>`. */
  readonly dir: string;
  /** Paths of every file written, summary.json first. */
  readonly paths: readonly string[];
}

let laelabVersion: string | undefined;

function packageVersion(): string {
  laelabVersion ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return laelabVersion;
}

/**
 * Runs `sim` with already validated `params`. On success writes summary.json last; when `run`
 * throws, the error propagates and summary.json (maybe from an earlier run) is left untouched.
 * When the process is killed mid-run, a janitor process removes its temporary files (janitor.ts).
 */
export async function runSimulation(
  sim: Simulation,
  params: Record<string, ParamValue>,
  options: RunOptions,
  deps: RunDeps,
): Promise<RunResult> {
  const startedAt = new Date();
  const start = performance.now();
  const folder = new ResultFolder(join(options.out, sim.name));
  // Removes this process's temporary files from the folder if the process is killed mid-run.
  const janitor = startJanitor(folder.dir);
  try {
    const ctx = createRunContext({
      params,
      seed: options.seed,
      full: options.full,
      folder,
      rng: new Rng(options.seed),
      stdout: deps.stdout,
      stderr: deps.stderr,
    });
    // Copy parameters before the run so a simulation mutating its arrays cannot change the record.
    const recorded = structuredClone(params);
    const metrics = await sim.run(ctx);
    const summary: Summary = {
      simulation: sim.name,
      title: sim.title,
      seed: options.seed,
      full: options.full,
      params: recorded,
      metrics,
      versions: { node: process.version, laelab: packageVersion() },
      startedAt: startedAt.toISOString(),
      wallTimeSeconds: Math.round(performance.now() - start) / 1000,
      files: folder.files,
    };
    const summaryPath = folder.writeSummary(summary);
    return { summary, dir: folder.dir, paths: [summaryPath, ...folder.files.map((f) => join(folder.dir, f))] };
  } finally {
    janitor.release();
  }
}
