/**
 * Where a sweep's runs execute. Every engine runs the same command per run, the sweep CLI on one
 * run index (`<entry> FILE --out ROOT --run-index i`, see run.ts for its locking and resuming):
 *
 *   local     child processes on this machine, `jobs` at a time (default: one per core);
 *   parallel  a jobs file, one command per line, run by GNU parallel (`--sshloginfile` spreads it
 *             over hosts that share the folder);
 *   slurm     a job-array script (`#SBATCH --array=0-(n-1)`, task i runs run i), submitted with
 *             sbatch or printed.
 */
import { spawn, type SpawnOptions } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { makeFolder } from '../out-folder.js';
import { join, resolve } from 'node:path';
import { ProgressBar, type TextSink } from '../progress.js';
import { writeFileAtomic } from '../results.js';
import type { SweepPlan, SweepRun } from './expand.js';
import { LOG_FILE, parseStatus, runFolder, type RunStatus } from './run.js';

export const EXECUTORS = ['local', 'parallel', 'slurm'] as const;
export type ExecutorName = (typeof EXECUTORS)[number];

/** How to start the sweep CLI: the program and its first arguments (e.g. node, tsx's cli, sims/sweep.ts). */
export interface SweepEntry {
  readonly command: readonly string[];
  /** Folder the commands run in (the package root). */
  readonly cwd: string;
}

/** A word for a POSIX shell. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=+@%-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The argv that runs run `index` of the plan. `id` (the run's id) is checked by the run's process:
 * if the sweep file or the simulation's parameters changed since the jobs were written, the index
 * names another run and the process refuses instead of running it.
 */
export function runArgv(plan: SweepPlan, entry: SweepEntry, index: number, id?: string): string[] {
  return [...runPrefix(plan, entry), String(index), ...(id === undefined ? [] : [RUN_ID_FLAG, id])];
}

/** Every word of a run's command up to its index. */
const runPrefix = (plan: SweepPlan, entry: SweepEntry): string[] => [...entry.command, plan.file.path, '--out', resolve(plan.dir, '..'), '--run-index'];

/** The flag carrying the expected run id (read by sims/sweep.ts before the other flags). */
export const RUN_ID_FLAG = '--run-id';

/** A word written into a shell line as it is (e.g. `"$SLURM_ARRAY_TASK_ID"`), not quoted. */
export interface ShellWord {
  readonly shell: string;
}

const shellWord = (w: number | string | ShellWord): string => (typeof w === 'object' ? w.shell : shellQuote(String(w)));

/** The same as one shell line that can run anywhere the folder is mounted (cd first); index and id may be shell expressions. */
export function runCommand(plan: SweepPlan, entry: SweepEntry, index: number | ShellWord, id?: string | ShellWord): string {
  const words = runPrefix(plan, entry).map(shellQuote);
  words.push(shellWord(index), ...(id === undefined ? [] : [RUN_ID_FLAG, shellWord(id)]));
  return `cd ${shellQuote(entry.cwd)} && ${words.join(' ')}`;
}

/** What each run-index process reported, by run index (see statusLine / parseStatus). */
export type Tally = Map<number, RunStatus>;

/** Runs a child to its end; resolves with its exit code (127 when it could not start, 1 when killed) and its stdout. */
function runChild(argv: readonly string[], options: SpawnOptions): Promise<{ code: number; stdout: string }> {
  return new Promise((done) => {
    const child = spawn(argv[0]!, argv.slice(1), { ...options, stdio: ['ignore', 'pipe', options.stdio === 'inherit' ? 'inherit' : 'ignore'] });
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('error', () => done({ code: 127, stdout }));
    child.on('close', (code, signal) => done({ code: code ?? (signal ? 1 : 0), stdout }));
  });
}

/** With more than one run at a time, each run computes on one thread. */
const childEnv = (jobs: number): NodeJS.ProcessEnv => ({ ...process.env, ...(jobs > 1 ? { LAELAB_THREADS: '1' } : {}) });

/**
 * Local engine: `runs` as child processes, `jobs` at a time. A run another sweep is running (busy)
 * is put back and taken again, waiting for it, once the free runs are done; so two sweeps into the
 * same folder share the work instead of queueing behind each other.
 */
export async function runLocal(plan: SweepPlan, runs: readonly SweepRun[], entry: SweepEntry, jobs: number, stderr: TextSink): Promise<Tally> {
  const bar = new ProgressBar(`${plan.file.name}: runs`, runs.length, stderr);
  const tally: Tally = new Map();
  const queue = runs.map((run) => ({ run, ifFree: true }));
  let finished = 0;
  const worker = async (): Promise<void> => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const { run, ifFree } = job;
      const argv = [...runArgv(plan, entry, run.index, run.id), ...(ifFree ? ['--if-free'] : [])];
      const { code, stdout } = await runChild(argv, { cwd: entry.cwd, env: childEnv(jobs) });
      const status = parseStatus(stdout).get(run.index) ?? 'failed';
      if (status === 'busy') {
        queue.push({ run, ifFree: false });
        continue;
      }
      tally.set(run.index, status);
      finished++;
      bar.clear();
      const line = stdout.trim().split('\n').pop() ?? '';
      stderr.write(status === 'failed' ? `${finished}/${runs.length} FAILED (exit ${code}) ${run.id}, see ${join(runFolder(plan, run), LOG_FILE)}\n` : `${finished}/${runs.length} ${line}\n`);
      bar.tick();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, runs.length)) }, worker));
  bar.done();
  return tally;
}

/** Writes `<sweep>/jobs.txt`: one command per run of `runs`; returns its path. */
export function writeJobsFile(plan: SweepPlan, runs: readonly SweepRun[], entry: SweepEntry): string {
  const path = join(plan.dir, 'jobs.txt');
  makeFolder(plan.dir);
  writeFileAtomic(path, runs.map((r) => runCommand(plan, entry, r.index, r.id)).join('\n') + '\n');
  return path;
}

/** The GNU parallel command line for a jobs file. */
export function parallelArgv(jobsFile: string, jobs: number, joblog: string, sshloginfile: string | undefined, bar: boolean): string[] {
  return ['parallel', '--will-cite', '--jobs', String(jobs), '--joblog', joblog, ...(sshloginfile ? ['--sshloginfile', sshloginfile] : []), ...(bar ? ['--bar'] : []), '--arg-file', jobsFile];
}

/**
 * GNU parallel engine: writes jobs.txt and runs it (`parallel --jobs N --joblog <sweep>/parallel.log
 * --arg-file jobs.txt`, plus `--sshloginfile`); the runs' status lines come back on parallel's stdout.
 */
export async function runParallel(plan: SweepPlan, runs: readonly SweepRun[], entry: SweepEntry, jobs: number, sshloginfile: string | undefined, stderr: TextSink): Promise<Tally> {
  const jobsFile = writeJobsFile(plan, runs, entry);
  const argv = parallelArgv(jobsFile, jobs, join(plan.dir, 'parallel.log'), sshloginfile, stderr.isTTY === true);
  stderr.write(`${plan.file.name}: ${runs.length} runs with GNU parallel: ${argv.map(shellQuote).join(' ')}\n`);
  const { code, stdout } = await runChild(argv, { cwd: entry.cwd, env: childEnv(jobs), stdio: 'inherit' });
  if (code === 127) throw new Error('GNU parallel was not found: install the Debian package "parallel" (apt-get install parallel)');
  return parseStatus(stdout);
}

/** Writes `<sweep>/sweep.sbatch`, one array task per run of the plan; returns its path. */
export function writeSlurmScript(plan: SweepPlan, entry: SweepEntry): string {
  const path = join(plan.dir, 'sweep.sbatch');
  const logs = join(resolve(plan.dir), 'slurm');
  makeFolder(logs);
  const script = [
    '#!/bin/bash',
    `# ${plan.file.name}: ${plan.runs.length} runs of ${plan.simulation.name} from ${plan.file.path}.`,
    '# Task i runs run i of the sweep (finished runs are skipped); options given to sbatch on its command line override these.',
    `#SBATCH --job-name=${plan.file.name}`,
    `#SBATCH --array=0-${plan.runs.length - 1}`,
    '#SBATCH --ntasks=1',
    '#SBATCH --cpus-per-task=1',
    `#SBATCH --output=${logs}/%A_%a.out`,
    'export LAELAB_THREADS=1',
    `RUN_IDS=(${plan.runs.map((r) => r.id).join(' ')})`,
    runCommand(plan, entry, { shell: '"$SLURM_ARRAY_TASK_ID"' }, { shell: '"${RUN_IDS[$SLURM_ARRAY_TASK_ID]}"' }),
    '',
  ].join('\n');
  writeFileAtomic(path, script);
  return path;
}

/** Submits the script with sbatch (`--wait`: until every task ended); resolves with sbatch's exit code and output. */
export function submitSlurm(script: string, wait: boolean, cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn('sbatch', [...(wait ? ['--wait'] : []), script], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (err) => done({ code: 127, output: `sbatch could not be started (${err.message}); install Slurm (Debian: slurm-wlm) or run the script on a login node` }));
    child.on('exit', (code) => done({ code: code ?? 1, output }));
  });
}

/** The job id in sbatch's "Submitted batch job 42". */
export function slurmJobId(sbatchOutput: string): string | undefined {
  return /Submitted batch job (\d+)/.exec(sbatchOutput)?.[1];
}

/** The status lines of every task of array job `jobId`, read from the script's output files (`slurm/<job>_<task>.out`). */
export function slurmTally(plan: SweepPlan, jobId: string): Tally {
  const logs = join(resolve(plan.dir), 'slurm');
  const text = readdirSync(logs)
    .filter((f) => f.startsWith(`${jobId}_`) && f.endsWith('.out'))
    .map((f) => readFileSync(join(logs, f), 'utf8'))
    .join('\n');
  return parseStatus(text);
}
