/**
 * Category 4: SIGINT or SIGTERM during a simulation stops it promptly (even inside a synchronous
 * training loop); the files of the previous run in its folder stay byte-identical and no temporary
 * file is left behind (src/sim/janitor.ts removes what a kill cut short).
 *
 * - fixtures/interrupt-entry.ts, run by tsx as `npm run sim` runs sims/cli.ts: a test-only
 *   simulation that leaves a temporary file exactly as a write cut short by the kill would, then
 *   spins. Killed by Ctrl-C (SIGINT to the process group), SIGTERM to tsx, and SIGKILL to the
 *   simulation's own process: the temporary file must go, everything else stay.
 * - `npx tsx sims/cli.ts <sim>` for a registered simulation, interrupted by Ctrl-C mid-training.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defineSimulation, type Simulation } from '../../src/sim/index.js';
import { simulations } from '../../sims/registry.js';
import { attempt, trackCounts } from './counter.js';
import { cli, smallestArgs, snapshot, tempDir, tempFiles } from './sims.js';

trackCounts('interruption');

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const ENTRY = join(ROOT, 'test', 'reliability', 'fixtures', 'interrupt-entry.ts');

/** The fixture's simulation as seen in-process, for the previous run (same name, same file). */
const hangComplete: Simulation = defineSimulation({
  name: 'hang',
  title: 'Writes, then hangs until killed',
  description: 'Test-only simulation for the interruption test.',
  params: { mode: { kind: 'choice', choices: ['complete', 'hang'], default: 'complete', help: 'finish, or hang mid-write' } },
  run: (ctx) => {
    ctx.writeJson('result.json', { value: ctx.rng.uniform() });
    return { done: true };
  },
});

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Starts a process in its own process group (as a shell job is), collecting its output. */
function start(command: string, args: readonly string[]): { child: ChildProcess; output: () => string; exited: Promise<Exit> } {
  const child = spawn(command, args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, output: () => output, exited };
}

async function until<T>(what: string, poll: () => T | undefined, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = poll();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Ended by `signal`: killed by it, or exited with 128 + its number (as tsx and shells report it). */
function endedBy(exit: Exit, signal: NodeJS.Signals): boolean {
  return exit.signal === signal || exit.code === 128 + constants.signals[signal];
}

/** Pids of janitor processes watching `dir` (Linux /proc; empty elsewhere). */
function janitorsOf(dir: string): number[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return [];
  }
  return pids.flatMap((pid) => {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return argv.includes('-e') && argv.includes(dir) ? [Number(pid)] : [];
    } catch {
      return [];
    }
  });
}

/** After the process ended: no temporary file (the janitor needs a moment), previous files intact. */
async function expectWhole(out: string, before: Map<string, Buffer>): Promise<void> {
  await until('the temporary files to be removed', () => (tempFiles(out).length === 0 ? true : undefined), 5000);
  expect(snapshot(out), 'the previous run\'s files are byte-identical, nothing added').toEqual(before);
}

describe('a killed run leaves the previous results whole and no temporary file', () => {
  const kills = [
    { how: 'Ctrl-C (SIGINT to the process group)', signal: 'SIGINT', kill: (tsx: number) => process.kill(-tsx, 'SIGINT'), expected: 'SIGINT' },
    { how: 'SIGTERM to tsx', signal: 'SIGTERM', kill: (tsx: number) => process.kill(tsx, 'SIGTERM'), expected: 'SIGTERM' },
    { how: 'SIGKILL to the simulation process', signal: 'SIGKILL', kill: (_: number, sim: number) => process.kill(sim, 'SIGKILL'), expected: null },
  ] as const;

  it.each(kills.map((k) => [k.how, k] as const))('%s, between a write and its rename', async (_, k) => {
    await attempt('interruption', async () => {
      const out = tempDir();
      expect((await cli(['hang', '--out', out], [hangComplete])).code).toBe(0);
      const before = snapshot(out);
      const run = start(process.execPath, [TSX, ENTRY, 'hang', '--mode', 'hang', '--out', out]);
      const simPid = await until('"ready"', () => /ready (\d+)/.exec(run.output())?.[1], 60_000);
      expect(tempFiles(out), 'the cut-short write is there before the kill').toHaveLength(1);
      const killedAt = Date.now();
      k.kill(run.child.pid!, Number(simPid));
      const exit = await run.exited;
      expect(Date.now() - killedAt, 'stops promptly').toBeLessThan(5000);
      if (k.expected !== null) expect(endedBy(exit, k.expected), `exit ${JSON.stringify(exit)}`).toBe(true);
      await expectWhole(out, before);
      await until('the janitor to exit', () => (janitorsOf(join(out, 'hang')).length === 0 ? true : undefined), 5000);
    });
  }, 120_000);

  /** A registered simulation and arguments that keep it training for a long while. */
  const target = (() => {
    const transpose = simulations.find((s) => s.name === 'lae-transpose');
    if (transpose) return { sim: transpose, long: ['--steps=100000'] };
    const sim = simulations.find((s) => s.params['steps']?.kind === 'integer');
    return sim && { sim, long: [`--steps=${(sim.params['steps'] as { max: number }).max}`] };
  })();

  it.runIf(target !== undefined)(`npx tsx sims/cli.ts ${target?.sim.name ?? ''}, Ctrl-C mid-training`, async () => {
    const { sim, long } = target!;
    await attempt('interruption', async () => {
      const out = tempDir();
      const small = smallestArgs(sim);
      const previous = await cli([sim.name, ...small, '--out', out], simulations);
      expect(previous.code, previous.stderr).toBe(0);
      const before = snapshot(out);
      const dir = join(out, sim.name);
      await until('the previous run\'s janitor to exit', () => (janitorsOf(dir).length === 0 ? true : undefined), 5000);
      const args = [...small.filter((a) => !long.some((l) => a.startsWith(l.split('=')[0]!))), ...long];
      const run = start('npx', ['tsx', 'sims/cli.ts', sim.name, ...args, '--out', out]);
      // mid-run: the run has started its janitor (so the simulation is running), then a moment more
      await until('the run to start', () => (janitorsOf(dir).length > 0 || run.child.exitCode !== null ? true : undefined), 60_000);
      await new Promise((r) => setTimeout(r, 500));
      expect(run.child.exitCode, `the run ended before it was interrupted: ${run.output()}`).toBeNull();
      const killedAt = Date.now();
      process.kill(-run.child.pid!, 'SIGINT');
      const exit = await run.exited;
      expect(Date.now() - killedAt, 'stops promptly').toBeLessThan(5000);
      expect(endedBy(exit, 'SIGINT'), `exit ${JSON.stringify(exit)}: ${run.output()}`).toBe(true);
      await expectWhole(out, before);
      await until('the janitor to exit', () => (janitorsOf(dir).length === 0 ? true : undefined), 5000);
    });
  }, 120_000);
});
