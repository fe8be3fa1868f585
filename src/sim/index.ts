/**
 * Simulation framework: declare a simulation once (parameters with quick/full presets, a run
 * function) and get CLI parsing, `--help`, validation, seeded randomness, atomic result files and
 * summary.json from that declaration.
 */

/** Declaring simulations: `defineSimulation` and the parameter kinds. */
export {
  defineSimulation,
  type BooleanParam,
  type ChoiceListParam,
  type ChoiceParam,
  type IntegerParam,
  type JsonValue,
  type Metrics,
  type NumberListParam,
  type NumberParam,
  type ParamSpec,
  type ParamSpecs,
  type ParamValue,
  type ParamValues,
  type PathParam,
  type Simulation,
  type SimulationDefinition,
  type ValueOf,
} from './define.js';

/** What `run(ctx)` receives. */
export type { RunContext } from './context.js';
export type { Progress, TextSink } from './progress.js';

/** Bad command-line input (exit code 2), and the options every run takes. */
export { ParameterError, type RunOptions } from './params.js';

/** Atomic file writes, reusable outside simulations. */
export { writeFileAtomic } from './results.js';
export { checkOutputFolder, makeFolder, FolderError } from './out-folder.js';

/** Running a simulation programmatically, and the CLI as a function. */
export { runSimulation, type RunDeps, type RunResult, type Summary } from './run.js';
export { parseSimulationArgs, runCli, type CliDeps } from './cli.js';

/** Worker-thread pool for independent jobs (one module serves them in every worker, through tsx). */
export { addWorkerPreload, runPool, serveJobs, type PoolOptions } from './pool.js';

/** User learning rules from files (`--rule-file`), known to the CLI, sweeps and pool workers. */
export { isRuleFromFile, loadRuleFiles, takeRuleFileArgs } from './rule-files.js';

/** Sweeps over a simulation's parameters (sims/sweep.ts is the CLI). */
export * from './sweep/index.js';
