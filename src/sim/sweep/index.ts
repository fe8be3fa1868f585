/** Sweeps: a grid of ordinary simulation runs from a JSON file, resumable, aggregated, on local cores, GNU parallel or Slurm. */
export { parseSweepText, readSweepFile, type SweepAxis, type SweepFile, type SweepValue } from './file.js';
export { canonicalJson, describePoint, expandSweep, runId, SEED_AXIS, type SweepPlan, type SweepRun } from './expand.js';
export { executeRun, finishedSummary, LOG_FILE, parseStatus, runFolder, runResultsFolder, statusLine, type RunOutcome, type RunStatus } from './run.js';
export { aggregateSweep, aggregateTable, chartFile, numericLeaves, sampleStd, writeAggregate, type BandSeries, type GroupStat, type MetricAggregate, type SweepAggregate } from './aggregate.js';
export {
  EXECUTORS,
  parallelArgv,
  runArgv,
  runCommand,
  RUN_ID_FLAG,
  runLocal,
  runParallel,
  slurmJobId,
  slurmTally,
  shellQuote,
  submitSlurm,
  writeJobsFile,
  writeSlurmScript,
  type ExecutorName,
  type ShellWord,
  type Tally,
  type SweepEntry,
} from './executors.js';
