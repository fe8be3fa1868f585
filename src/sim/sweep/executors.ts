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
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { makeFolder } from '../out-folder.js';
import { join, resolve } from 'node:path';
import { ProgressBar, type TextSink } from '../progress.js';
import { writeFileAtomic } from '../results.js';
import type { SweepPlan, SweepRun } from './expand.js';
import { runFolder } from './run.js';

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

/** The argv that runs run `index` of the plan. */
export function runArgv(plan: SweepPlan, entry: SweepEntry, index: number | string): string[] {
  return [...entry.command, plan.file.path, '--out', resolve(plan.dir, '..'), '--run-index', String(index)];
}

/** The same as one shell line that can run anywhere the folder is mounted (cd first). */
export function runCommand(plan: SweepPlan, entry: SweepEntry, index: number | string): string {
  const words = runArgv(plan, entry, index).map(shellQuote);
  if (typeof index === 'string') words[words.length - 1] = index; // a shell expression such as "$SLURM_ARRAY_TASK_ID"
  return `cd ${shellQuote(entry.cwd)} && ${words.join(' ')}`;
}

export interface ExecutorResult {
  readonly ran: number;
  readonly failed: readonly SweepRun[];
}

/** Runs a child to its end; resolves with its exit code (or 1 when it could not start / was killed). */
function exitCode(argv: readonly string[], options: Parameters<typeof spawn>[2]): Promise<number> {
  return new Promise((done) => {
    const child = spawn(argv[0]!, argv.slice(1), options);
    child.on('error', () => done(127));
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

/**
 * Local engine: `runs` as child processes, `jobs` at a time; each child's output goes to
 * `runs/<id>/log.txt`. With more than one job each child computes on one thread (LAELAB_THREADS=1).
 */
export async function runLocal(plan: SweepPlan, runs: readonly SweepRun[], entry: SweepEntry, jobs: number, stderr: TextSink): Promise<ExecutorResult> {
  const bar = new ProgressBar(`${plan.file.name}: runs`, runs.length, stderr);
  const failed: SweepRun[] = [];
  let next = 0;
  let ran = 0;
  const env = { ...process.env, ...(jobs > 1 ? { LAELAB_THREADS: '1' } : {}) };
  const worker = async (): Promise<void> => {
    while (next < runs.length) {
      const run = runs[next++]!;
      const dir = runFolder(plan, run);
      makeFolder(dir);
      const log = openSync(join(dir, 'log.txt'), 'w');
      const start = performance.now();
      let code: number;
      try {
        code = await exitCode(runArgv(plan, entry, run.index), { cwd: entry.cwd, env, stdio: ['ignore', log, log] });
      } finally {
        closeSync(log);
      }
      ran++;
      if (code !== 0) failed.push(run);
      bar.clear();
      stderr.write(`${code === 0 ? 'done' : `FAILED (exit ${code}, see ${join(dir, 'log.txt')})`} ${ran}/${runs.length} ${run.id} (${((performance.now() - start) / 1000).toFixed(1)} s)\n`);
      bar.tick();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, runs.length)) }, worker));
  bar.done();
  return { ran, failed };
}

/** Writes `<sweep>/jobs.txt`: one command per run of `runs`; returns its path. */
export function writeJobsFile(plan: SweepPlan, runs: readonly SweepRun[], entry: SweepEntry): string {
  const path = join(plan.dir, 'jobs.txt');
  makeFolder(plan.dir);
  writeFileAtomic(path, runs.map((r) => `${runCommand(plan, entry, r.index)} > ${shellQuote(join(runFolder(plan, r), 'log.txt'))} 2>&1`).join('\n') + '\n');
  return path;
}

/** The GNU parallel command line for a jobs file. */
export function parallelArgv(jobsFile: string, jobs: number, joblog: string, sshloginfile: string | undefined, bar: boolean): string[] {
  return ['parallel', '--will-cite', '--jobs', String(jobs), '--joblog', joblog, ...(sshloginfile ? ['--sshloginfile', sshloginfile] : []), ...(bar ? ['--bar'] : []), '--arg-file', jobsFile];
}

/**
 * GNU parallel engine: writes jobs.txt and runs it (`parallel --jobs N --joblog <sweep>/parallel.log
 * --arg-file jobs.txt`, plus `--sshloginfile`). Failed runs are read back from the runs' summaries by
 * the caller; returns parallel's exit code (the number of failed jobs, capped at 101 by parallel).
 */
export async function runParallel(plan: SweepPlan, runs: readonly SweepRun[], entry: SweepEntry, jobs: number, sshloginfile: string | undefined, stderr: TextSink): Promise<{ code: number; jobsFile: string }> {
  const jobsFile = writeJobsFile(plan, runs, entry);
  for (const r of runs) makeFolder(runFolder(plan, r));
  const argv = parallelArgv(jobsFile, jobs, join(plan.dir, 'parallel.log'), sshloginfile, stderr.isTTY === true);
  stderr.write(`${plan.file.name}: ${runs.length} runs with GNU parallel: ${argv.map(shellQuote).join(' ')}\n`);
  const env = { ...process.env, ...(jobs > 1 ? { LAELAB_THREADS: '1' } : {}) };
  const code = await exitCode(argv, { cwd: entry.cwd, env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (code === 127) throw new Error('GNU parallel was not found: install the Debian package "parallel" (apt-get install parallel)');
  return { code, jobsFile };
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
    runCommand(plan, entry, '"$SLURM_ARRAY_TASK_ID"'),
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
