/**
 * Entry point of `npm run sweep -- FILE [options]`: expands a sweep file into ordinary CLI runs of a
 * simulation, runs the unfinished ones (local cores, GNU parallel or a Slurm array), then writes the
 * aggregate (mean ± std over seeds) into `<out>/<sweep name>/`. See docs/sweeps.md.
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  describePoint,
  executeRun,
  expandSweep,
  finishedSummary,
  loadRuleFiles,
  ParameterError,
  readSweepFile,
  runCommand,
  RUN_ID_FLAG,
  LOG_FILE,
  runFolder,
  runLocal,
  runParallel,
  shellQuote,
  slurmJobId,
  slurmTally,
  statusLine,
  submitSlurm,
  writeAggregate,
  writeSlurmScript,
  type ParamSpecs,
  type SweepEntry,
  type SweepPlan,
  type Tally,
} from '../src/sim/index.js';
import { describeAllowed, parseRunArgs } from '../src/sim/params.js';
import { checkOutputFolder } from '../src/sim/out-folder.js';
import { startJanitor } from '../src/sim/janitor.js';

const FLAGS = {
  dryRun: { kind: 'boolean', default: false, help: 'list the runs (index, id, done or to run, grid point) and the command of each engine; run nothing' },
  aggregate: { kind: 'boolean', default: false, help: 'only aggregate the finished runs (mean ± std over seeds: table.md, table.json, charts/)' },
  executor: { kind: 'choice', choices: ['local', 'parallel', 'slurm'], default: 'local', help: 'local child processes, GNU parallel (jobs.txt), or a Slurm job array (sweep.sbatch)' },
  jobs: { kind: 'integer', min: 1, max: 1024, default: availableParallelism(), help: 'runs at a time (local and parallel; default: the cores of this machine)' },
  sshloginfile: { kind: 'path', mustExist: 'file', default: '', help: "parallel: GNU parallel's --sshloginfile (hosts sharing this folder)" },
  submit: { kind: 'boolean', default: false, help: 'slurm: submit the script with sbatch (otherwise print the command)' },
  wait: { kind: 'boolean', default: false, help: 'slurm --submit: wait for every array task (sbatch --wait), then aggregate' },
  runIndex: { kind: 'integer', min: -1, max: 10_000_000, default: -1, help: 'run only run I of the sweep in this process (what every engine calls); -1: all' },
  ifFree: { kind: 'boolean', default: false, help: '--run-index: when another process is running that run, say "busy" and exit at once instead of waiting' },
} as const satisfies ParamSpecs;

const USAGE = `usage: npm run sweep -- FILE [--out DIR] [--dry-run] [--aggregate] [--executor local|parallel|slurm] [--jobs N]
                       [--sshloginfile FILE] [--submit [--wait]] [--run-index I [--run-id ID] [--if-free]]

FILE is a JSON sweep file: {"simulation": NAME, "fixed": {param: value}, "grid": {param: [values] or "a..b"},
"name"?, "ruleFiles"?, "metrics"?}. Runs go to DIR/<sweep name>/runs/<id>/<simulation>/ (DIR default results);
finished runs are skipped, half-written ones redone. See docs/sweeps.md.

options:
  --out DIR  results root (default results)
  --run-id ID: with --run-index, the id the run must have (the engines pass it; a mismatch means the
      sweep file or the simulation changed since the jobs were written, and nothing runs)
${Object.entries(FLAGS).map(([name, spec]) => `  --${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${describeAllowed(spec)}\n      ${spec.help}`).join('\n')}
`;

const here = fileURLToPath(import.meta.url);
const ENTRY: SweepEntry = { command: [process.execPath, createRequire(import.meta.url).resolve('tsx/cli'), here], cwd: resolve(dirname(here), '..') };

const seconds = (start: number): string => `${((performance.now() - start) / 1000).toFixed(1)} s`;

async function aggregateAndSay(plan: SweepPlan): Promise<void> {
  const janitor = startJanitor(plan.dir);
  try {
    const { aggregate, files } = await writeAggregate(plan);
    const rel = relative(process.cwd(), plan.dir);
    const where = rel.startsWith('..') ? resolve(plan.dir) : rel || '.';
    process.stdout.write(
      `aggregate: ${aggregate.metrics.length} metric${aggregate.metrics.length === 1 ? '' : 's'} over ${aggregate.runs.finished}/${aggregate.runs.total} finished runs` +
        `${aggregate.runs.missing.length ? ` (missing: ${aggregate.runs.missing.join(', ')})` : ''}\n` +
        files.map((f) => `  ${join(where, f)}\n`).join('') +
        `results page (the sweep is one section): npm run report -- --out ${shellQuote(resolve(plan.dir, '..'))}\n`,
    );
  } finally {
    janitor.release();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const [file, ...rest] = argv;
  if (file === undefined || file === '--help' || file === '-h' || rest.includes('--help') || rest.includes('-h')) {
    (file === undefined ? process.stderr : process.stdout).write(USAGE);
    return file === undefined ? 2 : 0;
  }
  let plan: SweepPlan;
  let flags: ReturnType<typeof parseRunArgs>['params'];
  try {
    if (file.startsWith('--')) throw new ParameterError(`expected the sweep file first, got "${file}"`);
    const given = rest.find((a) => a === '--seed' || a.startsWith('--seed='));
    if (given) throw new ParameterError('--seed: seeds are a grid axis of the sweep file ("seed": "0..4"), not a sweep option');
    const idAt = rest.indexOf(RUN_ID_FLAG);
    const expectedId = idAt >= 0 ? rest[idAt + 1] : undefined;
    if (idAt >= 0 && (expectedId === undefined || expectedId.startsWith('--'))) throw new ParameterError(`${RUN_ID_FLAG}: missing value (the id of the run --run-index names)`);
    const parsed = parseRunArgs(FLAGS, idAt >= 0 ? [...rest.slice(0, idAt), ...rest.slice(idAt + 2)] : rest, false);
    flags = parsed.params;
    const sweep = readSweepFile(file);
    await loadRuleFiles(sweep.ruleFiles);
    const { simulations } = await import('./registry.js');
    plan = expandSweep(sweep, simulations, parsed.options.out);
    checkOutputFolder(parsed.options.out, '--out'); // after the file is validated: a bad file writes nothing
    const index = flags['runIndex'] as number;
    if (index >= plan.runs.length) throw new ParameterError(`--run-index: expected an integer in [0, ${plan.runs.length - 1}] (the sweep has ${plan.runs.length} runs), got "${index}"`);
    if (flags['executor'] !== 'parallel' && flags['sshloginfile'] !== '') throw new ParameterError('--sshloginfile is for --executor parallel');
    if (flags['executor'] !== 'slurm' && (flags['submit'] || flags['wait'])) throw new ParameterError('--submit and --wait are for --executor slurm');
    if (flags['wait'] && !flags['submit']) throw new ParameterError('--wait needs --submit');
    if (flags['ifFree'] && index < 0) throw new ParameterError('--if-free is for --run-index');
    if (expectedId !== undefined && index < 0) throw new ParameterError(`${RUN_ID_FLAG} is for --run-index`);
    if (expectedId !== undefined && plan.runs[index]!.id !== expectedId) {
      throw new ParameterError(`${RUN_ID_FLAG}: run ${index} of ${file} is now ${plan.runs[index]!.id}, not ${expectedId}: the sweep file or the simulation's parameters changed since the jobs were written; run the sweep again`);
    }
  } catch (err) {
    if (!(err instanceof ParameterError)) throw err;
    process.stderr.write(`error: ${err.message}\n`);
    return 2;
  }

  const index = flags['runIndex'] as number;
  if (index >= 0) {
    const run = plan.runs[index]!;
    const outcome = await executeRun(plan, run, [plan.simulation], flags['ifFree'] as boolean);
    process.stdout.write(statusLine(run, outcome));
    return outcome.status === 'ran' || outcome.status === 'failed' ? outcome.code : 0;
  }

  const pending = plan.runs.filter((r) => finishedSummary(plan, r) === undefined);
  if (flags['dryRun']) {
    const rows = plan.runs.map((r) => `  ${String(r.index).padStart(4)}  ${pending.includes(r) ? 'to run' : 'done  '}  ${r.id}  ${describePoint(r.point)}`);
    process.stdout.write(
      `sweep ${plan.file.name}: ${plan.runs.length} runs of ${plan.simulation.name}, ${plan.runs.length - pending.length} done, ${pending.length} to run; folder ${plan.dir}\n` +
        `${rows.join('\n')}\n` +
        `each run: ${runCommand(plan, ENTRY, { shell: '<index>' }, { shell: '<id>' })}\n`,
    );
    return 0;
  }
  if (flags['aggregate']) {
    await aggregateAndSay(plan);
    return 0;
  }

  const start = performance.now();
  const executor = flags['executor'] as string;
  let tally: Tally;
  if (executor === 'slurm') {
    const script = writeSlurmScript(plan, ENTRY);
    if (!flags['submit']) {
      process.stdout.write(`sweep ${plan.file.name}: Slurm job-array script for ${plan.runs.length} runs (${pending.length} to run) written to ${script}\nsubmit it with:\n  sbatch ${shellQuote(script)}\nthen aggregate with:\n  npm run sweep -- ${shellQuote(file)} --aggregate\n`);
      return 0;
    }
    const { code, output } = await submitSlurm(script, flags['wait'] as boolean, ENTRY.cwd);
    process.stdout.write(output);
    const job = slurmJobId(output);
    if (job === undefined) {
      process.stderr.write(`sbatch failed (exit ${code})\n`);
      return 1;
    }
    if (!flags['wait']) {
      process.stdout.write(`submitted ${script} as job ${job}; when the array has finished: npm run sweep -- ${shellQuote(file)} --aggregate\n`);
      return 0;
    }
    tally = slurmTally(plan, job);
  } else if (executor === 'parallel') {
    tally = await runParallel(plan, pending, ENTRY, flags['jobs'] as number, (flags['sshloginfile'] as string) || undefined, process.stderr);
  } else {
    process.stderr.write(`sweep ${plan.file.name}: ${plan.runs.length} runs, ${plan.runs.length - pending.length} already done, ${pending.length} to run, ${Math.min(flags['jobs'] as number, Math.max(1, pending.length))} at a time\n`);
    tally = await runLocal(plan, pending, ENTRY, flags['jobs'] as number, process.stderr);
  }
  const failed = plan.runs.filter((r) => finishedSummary(plan, r) === undefined);
  const count = (status: string): number => pending.filter((r) => tally.get(r.index) === status).length;
  process.stdout.write(
    `sweep ${plan.file.name}: ${plan.runs.length - pending.length} skipped (already done), ${count('ran')} ran, ` +
      `${count('skipped')} done meanwhile by another process, ${failed.length} failed, in ${seconds(start)}; runs in ${join(plan.dir, 'runs')}\n`,
  );
  for (const r of failed) process.stdout.write(`  failed: ${r.id} (log: ${join(runFolder(plan, r), LOG_FILE)})\n`);
  await aggregateAndSay(plan);
  return failed.length ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
