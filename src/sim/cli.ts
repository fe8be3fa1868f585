/**
 * The simulation CLI as a function of argv, streams and the simulation list (sims/cli.ts wires
 * in the process). Returns the exit code: 0 ok, 1 runtime failure, 2 bad input.
 */
import { join } from 'node:path';
import type { ParamValue, Simulation } from './define.js';
import { simulationHelp, usage } from './help.js';
import { checkMemory, machineMemoryBytes } from './memory.js';
import { checkOutputFolder } from './out-folder.js';
import { ParameterError, parseRunArgs, type RunOptions } from './params.js';
import { formatRunReport, formatTable } from './report.js';
import { runSimulation, type RunDeps } from './run.js';

export interface CliDeps extends RunDeps {
  readonly simulations: readonly Simulation[];
  /** Memory a run may need at most (default: the machine's, see machineMemoryBytes). */
  readonly memoryBytes?: number;
}

const HELP = ['--help', '-h'];

/** The registered simulation of that name; a ParameterError lists the valid names. */
export function findSimulation(simulations: readonly Simulation[], name: string): Simulation {
  const sim = simulations.find((s) => s.name === name);
  if (sim) return sim;
  const valid = simulations.length === 0 ? 'no simulations registered yet' : `valid: ${simulations.map((s) => s.name).join(', ')}`;
  const what = name.startsWith('-') ? `expected a simulation name first, got "${name}"` : `unknown simulation "${name}"`;
  throw new ParameterError(`${what}; ${valid}`);
}

/** Parses a simulation's arguments and applies its cross-parameter check. */
export function parseSimulationArgs(
  sim: Simulation,
  argv: readonly string[],
): { options: RunOptions; params: Record<string, ParamValue> } {
  const parsed = parseRunArgs(sim.params, argv);
  const problem = sim.check(parsed.params);
  if (problem !== undefined) throw new ParameterError(`invalid parameters for ${sim.name}: ${problem}`);
  return parsed;
}

/** Parses as parseSimulationArgs, then refuses a run whose memory estimate is above what the machine has. */
function acceptedArgs(sim: Simulation, argv: readonly string[], deps: CliDeps): { options: RunOptions; params: Record<string, ParamValue> } {
  const parsed = parseSimulationArgs(sim, argv);
  checkMemory(sim, parsed.params, deps.memoryBytes ?? machineMemoryBytes());
  return parsed;
}

function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // Programming errors get their stack; domain errors (e.g. divergence) are printed as they are.
  return (err.name === 'TypeError' || err.name === 'ReferenceError') && err.stack ? err.stack : err.message;
}

async function runOne(sim: Simulation, argv: readonly string[], deps: CliDeps): Promise<number> {
  const { options, params } = acceptedArgs(sim, argv, deps);
  checkOutputFolder(options.out);
  try {
    deps.stdout.write(formatRunReport(await runSimulation(sim, params, options, deps)));
    return 0;
  } catch (err) {
    deps.stderr.write(`${errorText(err)}\n`);
    return 1;
  }
}

async function runAll(argv: readonly string[], deps: CliDeps): Promise<number> {
  const { options } = parseRunArgs({}, argv, false);
  checkOutputFolder(options.out);
  if (deps.simulations.length === 0) {
    deps.stdout.write('no simulations yet\n');
    return 0;
  }
  const rows: string[][] = [];
  for (const sim of deps.simulations) {
    const start = performance.now();
    let status = 'ok';
    try {
      const { params } = acceptedArgs(sim, [], deps);
      deps.stdout.write(formatRunReport(await runSimulation(sim, params, options, deps)));
    } catch (err) {
      status = 'failed';
      deps.stderr.write(`${sim.name} failed: ${errorText(err)}\n`);
    }
    rows.push([sim.name, status, ((performance.now() - start) / 1000).toFixed(2), join(options.out, sim.name)]);
  }
  deps.stdout.write(`\n${formatTable(['name', 'status', 'seconds', 'folder'], rows)}\n`);
  return rows.some((r) => r[1] !== 'ok') ? 1 : 0;
}

/** Runs the CLI; bad input prints one line to stderr, writes nothing and returns 2. */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  const names = deps.simulations.map((s) => s.name);
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated !== undefined) {
    deps.stderr.write(`two simulations are registered as "${repeated}"\n`);
    return 1;
  }
  const [first, ...rest] = argv;
  try {
    if (first === undefined || HELP.includes(first) || (first === '--all' && rest.some((a) => HELP.includes(a)))) {
      deps.stdout.write(usage(deps.simulations));
      return 0;
    }
    if (first === '--all') return await runAll(rest, deps);
    const sim = findSimulation(deps.simulations, first);
    if (rest.some((a) => HELP.includes(a))) {
      deps.stdout.write(simulationHelp(sim));
      return 0;
    }
    return await runOne(sim, rest, deps);
  } catch (err) {
    if (!(err instanceof ParameterError)) throw err;
    deps.stderr.write(`error: ${err.message}\n`);
    return 2;
  }
}
