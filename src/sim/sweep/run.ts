/**
 * One run of a sweep, in this process: an ordinary CLI run (runCli) of the simulation into
 * `<sweep>/runs/<id>/`, so its files are `<sweep>/runs/<id>/<simulation>/summary.json` and the rest.
 *
 * Resuming: a run whose summary.json exists with the same simulation, seed, presets and parameters
 * is done and skipped; anything else in its folder is a half-written run and is removed before it
 * runs again (summary.json is written last and atomically, so it exists only for a finished run).
 *
 * Two sweeps (or two array tasks) never run the same run at once: a run is taken by creating
 * `runs/<id>/lock` exclusively (pid and host inside). A lock whose process is gone (kill -9) is stale
 * and is taken over; a live one is waited for (or, with `ifFree`, reported `busy` so the caller can
 * take another run first), and the run is then skipped if it finished. Even if two processes did run
 * it, every file is written by an atomic rename, so no summary.json is ever half written.
 *
 * Only the lock holder writes the run's log (`runs/<id>/log.txt`: the simulation's stdout and
 * stderr); the process says what happened in one status line (statusLine, read back by parseStatus).
 */
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import type { TextSink } from '../progress.js';
import { makeFolder } from '../out-folder.js';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCli, type CliDeps } from '../cli.js';
import { SUMMARY_FILE } from '../results.js';
import type { Summary } from '../run.js';
import { canonicalJson, type SweepPlan, type SweepRun } from './expand.js';

/** `<sweep>/runs/<id>`: the run's --out. */
export function runFolder(plan: SweepPlan, run: SweepRun): string {
  return resolve(plan.dir, 'runs', run.id);
}

/** `<sweep>/runs/<id>/<simulation>`: where the run's files are. */
export function runResultsFolder(plan: SweepPlan, run: SweepRun): string {
  return join(runFolder(plan, run), plan.simulation.name);
}

/** The run's summary.json when it is there, readable and made with exactly this run's parameters. */
export function finishedSummary(plan: SweepPlan, run: SweepRun): Summary | undefined {
  const path = join(runResultsFolder(plan, run), SUMMARY_FILE);
  if (!existsSync(path)) return undefined;
  let s: Summary;
  try {
    s = JSON.parse(readFileSync(path, 'utf8')) as Summary;
  } catch {
    return undefined;
  }
  const same = s.simulation === plan.simulation.name && s.seed === run.seed && s.full === run.full && canonicalJson(s.params) === canonicalJson(run.params);
  return same ? s : undefined;
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
}

/** An unreadable (just created, or cut short) lock older than this is stale. */
const EMPTY_LOCK_SECONDS = 10;
const POLL_MS = 250;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates the lock file exclusively; false when it exists. */
function tryLock(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() } satisfies LockOwner));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Whether an existing lock is held by a live process (a lock of another host counts as live). */
function lockIsLive(path: string): boolean {
  let owner: LockOwner | undefined;
  let ageSeconds = 0;
  try {
    ageSeconds = (Date.now() - statSync(path).mtimeMs) / 1000;
    owner = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
  }
  if (owner === undefined || typeof owner.pid !== 'number') return ageSeconds < EMPTY_LOCK_SECONDS;
  return owner.host !== hostname() || isAlive(owner.pid);
}

export type RunStatus = 'ran' | 'failed' | 'skipped' | 'busy';
export type RunOutcome = { readonly status: 'skipped' | 'busy' } | { readonly status: 'ran' | 'failed'; readonly code: number; readonly seconds: number };

/** A sink appending to an open file descriptor (the run's log). */
function fileSink(fd: number): TextSink {
  return { write: (text: string) => writeSync(fd, text), isTTY: false };
}

/**
 * Runs `run` unless it is finished, holding its lock (see the module comment); the simulation's
 * output goes to `runs/<id>/log.txt`. `ifFree`: when another live process holds the lock, return
 * `busy` at once instead of waiting for it. A failed run comes back with the CLI's exit code
 * (1: the run failed, 2: bad input).
 */
export async function executeRun(plan: SweepPlan, run: SweepRun, simulations: CliDeps['simulations'], ifFree = false): Promise<RunOutcome> {
  const folder = runFolder(plan, run);
  makeFolder(folder);
  const lock = join(folder, 'lock');
  for (;;) {
    if (finishedSummary(plan, run)) return { status: 'skipped' };
    if (tryLock(lock)) break;
    if (!lockIsLive(lock)) rmSync(lock, { force: true });
    else if (ifFree) return { status: 'busy' };
    else await sleep(POLL_MS);
  }
  try {
    if (finishedSummary(plan, run)) return { status: 'skipped' };
    rmSync(runResultsFolder(plan, run), { recursive: true, force: true });
    const log = openSync(join(folder, LOG_FILE), 'w');
    const start = performance.now();
    let code: number;
    try {
      const sink = fileSink(log);
      code = await runCli([plan.simulation.name, ...run.args, '--out', folder], { simulations, stdout: sink, stderr: sink });
    } finally {
      closeSync(log);
    }
    return { status: code === 0 ? 'ran' : 'failed', code, seconds: (performance.now() - start) / 1000 };
  } finally {
    rmSync(lock, { force: true });
  }
}

/** The run's log, written by the process that ran it. */
export const LOG_FILE = 'log.txt';

/** One line saying what a run-index process did: `run 3 rules-fa_seed-1-d47cd10a: ran (exit 0, 12.3 s)`. */
export function statusLine(run: SweepRun, outcome: RunOutcome): string {
  const detail = 'code' in outcome ? ` (exit ${outcome.code}, ${outcome.seconds.toFixed(1)} s)` : outcome.status === 'skipped' ? ' (already finished)' : ' (another process holds its lock)';
  return `run ${run.index} ${run.id}: ${outcome.status}${detail}\n`;
}

/** The status of every run named in `text` (output of run-index processes, e.g. GNU parallel's or Slurm's), by run index. */
export function parseStatus(text: string): Map<number, RunStatus> {
  const found = new Map<number, RunStatus>();
  for (const m of text.matchAll(/^run (\d+) \S+: (ran|failed|skipped|busy)\b/gm)) found.set(Number(m[1]), m[2] as RunStatus);
  return found;
}
