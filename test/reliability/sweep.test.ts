/**
 * Sweeps lose nothing: kill -9 of a whole sweep (parent and runs) in the middle of a run, then the
 * rerun; and two sweeps writing into the same results folder at once (per-run locks, atomic renames).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { closingCounts, filesUnder, readAggregate, root, runSummaries, startSweep, sweep, sweepFile } from '../sweep/helpers.js';
import { attempt, trackCounts } from './counter.js';

trackCounts('sweep');

const GRID = { rules: ['backprop', 'fa'], seed: '0..1' };
const temporaries = (dir: string): string[] => filesUnder(dir).filter((f) => /\.tmp-\d+-\d+$/.test(f));
const locks = (dir: string): string[] => filesUnder(dir).filter((f) => f.endsWith('/lock'));

/** Polls until `ready()` or the deadline. */
async function until(ready: () => boolean, seconds: number, what: string): Promise<void> {
  const end = Date.now() + seconds * 1000;
  while (!ready()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('sweeps under kill -9 and concurrency', () => {
  it('kill -9 mid-run, then rerun: finished runs kept byte-identical and skipped, the cut run redone, no temporary file or lock left', async () => {
    await attempt('sweeps', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sweep-kill-'));
      const file = sweepFile(dir, GRID);
      const out = join(dir, 'out');
      const sweepDir = join(out, 'tiny');
      const { child, done } = startSweep([file, '--out', out, '--jobs', '1']);
      // wait until one run has finished and the next one holds its lock, then kill the process group
      await until(() => existsSync(join(sweepDir, 'runs')) && runSummaries(sweepDir).size >= 1 && locks(sweepDir).length === 1, 120, 'a finished run and a running one');
      await sleep(300);
      process.kill(-child.pid!, 'SIGKILL');
      await done;
      const before = runSummaries(sweepDir);
      expect(before.size).toBeGreaterThanOrEqual(1);
      expect(before.size).toBeLessThan(4);
      await until(() => temporaries(out).length === 0, 10, 'the janitors to remove the killed runs’ temporary files');

      const again = sweep([file, '--out', out, '--jobs', '1']);
      expect(again.status, again.stderr).toBe(0);
      expect(closingCounts(again.stdout)).toEqual({ skipped: before.size, ran: 4 - before.size, meanwhile: 0, failed: 0 });
      const after = runSummaries(sweepDir);
      expect(after.size).toBe(4);
      for (const [id, s] of before) expect(after.get(id)!.text, `${id} was rewritten`).toBe(s.text);
      expect(temporaries(out)).toEqual([]);
      expect(locks(out)).toEqual([]);
      expect(readAggregate(sweepDir).runs).toEqual({ total: 4, finished: 4, missing: [] });
    });
  }, 300_000);

  it('two sweeps into one folder at once: every run runs once, every summary.json and the page are whole', async () => {
    await attempt('sweeps', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sweep-two-'));
      const file = sweepFile(dir, GRID);
      const out = join(dir, 'out');
      const a = startSweep([file, '--out', out, '--jobs', '1']);
      const b = startSweep([file, '--out', out, '--jobs', '1']);
      const [ra, rb] = await Promise.all([a.done, b.done]);
      expect([ra.code, rb.code]).toEqual([0, 0]);
      const ca = closingCounts(ra.stdout);
      const cb = closingCounts(rb.stdout);
      expect(ca.ran + cb.ran, `${ra.stdout}\n${rb.stdout}`).toBe(4);
      expect([ca.ran + ca.meanwhile, cb.ran + cb.meanwhile, ca.failed + cb.failed]).toEqual([4, 4, 0]);
      expect(runSummaries(join(out, 'tiny')).size).toBe(4); // each parsed as JSON
      expect(readAggregate(join(out, 'tiny')).runs).toEqual({ total: 4, finished: 4, missing: [] });
      expect(temporaries(out)).toEqual([]);
      expect(locks(out)).toEqual([]);
      const report = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'sims/report.ts'), '--out', out], { cwd: root, encoding: 'utf8', timeout: 120_000 });
      expect(report.status, report.stderr).toBe(0);
      expect(readdirSync(out)).toContain('index.html');
    });
  }, 300_000);
});
