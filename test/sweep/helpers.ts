/** Running the sweep CLI in tests: tiny alignment-mnist grids (300 digits, one hidden layer of 16, 1 epoch). */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');
const argv = (args: readonly string[]): string[] => [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'sims/sweep.ts'), ...args];

/** `npm run sweep -- ARGS`, to its end. */
export const sweep = (args: readonly string[], env: NodeJS.ProcessEnv = process.env) => spawnSync(process.execPath, argv(args), { cwd: root, encoding: 'utf8', timeout: 300_000, env });

/** The same, started in its own process group (so the test can kill -9 it with every child) with stdout collected. */
export function startSweep(args: readonly string[]): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string }> } {
  const child = spawn(process.execPath, argv(args), { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  const done = new Promise<{ code: number | null; stdout: string }>((ok) => child.on('close', (code) => ok({ code, stdout })));
  return { child, done };
}

/** Writes `<dir>/tiny.json`: a tiny alignment-mnist sweep over `grid`. */
export function sweepFile(dir: string, grid: object, extra: object = {}): string {
  const path = join(dir, 'tiny.json');
  writeFileSync(path, JSON.stringify({ name: 'tiny', simulation: 'alignment-mnist', fixed: { seeds: 1, workers: 1, epochs: 1, train: 300, test: 100, hidden: [16] }, grid, ...extra }));
  return path;
}

export interface Aggregate {
  runs: { total: number; finished: number; missing: string[] };
  metrics: { name: string; groups: { n: number; label: string; mean: number }[] }[];
}
export const readAggregate = (sweepDir: string): Aggregate => JSON.parse(readFileSync(join(sweepDir, 'aggregate.json'), 'utf8')) as Aggregate;

/** Every file under `dir` (relative paths). */
export const filesUnder = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' });

/** The run folders' summary.json paths under `<sweep>/runs`, parsed (throws if any is not valid JSON). */
export function runSummaries(sweepDir: string): Map<string, { text: string; seed: number }> {
  const out = new Map<string, { text: string; seed: number }>();
  for (const id of readdirSync(join(sweepDir, 'runs'))) {
    const path = join(sweepDir, 'runs', id, 'alignment-mnist', 'summary.json');
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    out.set(id, { text, seed: (JSON.parse(text) as { seed: number }).seed });
  }
  return out;
}

/** The numbers in the sweep's closing line "… N skipped (already done), N ran, N done meanwhile by another process, N failed …". */
export function closingCounts(stdout: string): { skipped: number; ran: number; meanwhile: number; failed: number } {
  const m = /(\d+) skipped \(already done\), (\d+) ran, (\d+) done meanwhile by another process, (\d+) failed/.exec(stdout);
  if (!m) throw new Error(`no closing line in:\n${stdout}`);
  return { skipped: Number(m[1]), ran: Number(m[2]), meanwhile: Number(m[3]), failed: Number(m[4]) };
}
