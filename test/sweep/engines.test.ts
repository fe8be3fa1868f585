/**
 * The sweep's external engines for real on this machine: GNU parallel (Debian `parallel`) on the
 * jobs file, and a Slurm job array on a one-node slurmctld/slurmd started for the test
 * (fixtures/slurm-cluster.sh; Debian `slurm-wlm` + `munge`, as root). .ci/setup installs both; a
 * missing engine fails the test with the install hint rather than skipping it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closingCounts, readAggregate, root, runSummaries, sweep, sweepFile } from './helpers.js';

const have = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

function checkSweep(sweepDir: string, seeds: number[]): void {
  const summaries = runSummaries(sweepDir);
  expect(summaries.size).toBe(4);
  expect([...summaries.values()].map((s) => s.seed).sort()).toEqual(seeds);
  const agg = readAggregate(sweepDir);
  expect(agg.runs).toEqual({ total: 4, finished: 4, missing: [] });
  const acc = agg.metrics.find((m) => m.name === 'results.0.testAccuracy')!;
  expect(acc.groups.map((g) => [g.label, g.n])).toEqual([['rules=backprop', 2], ['rules=fa', 2]]);
  expect(existsSync(join(sweepDir, 'charts', 'results.0.testAccuracy.png'))).toBe(true);
}

describe('sweep --executor parallel (GNU parallel)', () => {
  it('runs every run through parallel, with its joblog, then aggregates; the rerun skips them all', () => {
    expect(have('parallel'), 'GNU parallel is missing: apt-get install parallel').toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'sweep-parallel-'));
    const file = sweepFile(dir, { rules: ['backprop', 'fa'], seed: '0..1' });
    const out = join(dir, 'out');
    const r = sweep([file, '--out', out, '--executor', 'parallel', '--jobs', '2']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/4 runs with GNU parallel: parallel --will-cite --jobs 2 --joblog \S+parallel\.log --arg-file \S+jobs\.txt/);
    expect(closingCounts(r.stdout)).toEqual({ skipped: 0, ran: 4, meanwhile: 0, failed: 0 });
    // parallel's joblog: a header and one line per job, every exit value 0 (column 7)
    const joblog = readFileSync(join(out, 'tiny', 'parallel.log'), 'utf8').trim().split('\n');
    expect(joblog).toHaveLength(5);
    expect(joblog.slice(1).map((l) => l.split('\t')[6])).toEqual(['0', '0', '0', '0']);
    expect(readFileSync(join(out, 'tiny', 'jobs.txt'), 'utf8').trim().split('\n')).toHaveLength(4);
    checkSweep(join(out, 'tiny'), [0, 0, 1, 1]);
    const again = sweep([file, '--out', out, '--executor', 'parallel']);
    expect(closingCounts(again.stdout)).toEqual({ skipped: 4, ran: 0, meanwhile: 0, failed: 0 });
  }, 300_000);
});

describe('sweep --executor slurm (a real one-node Slurm cluster)', () => {
  const cluster = mkdtempSync(join(tmpdir(), 'slurm-'));
  const script = join(root, 'test/sweep/fixtures/slurm-cluster.sh');
  let env: NodeJS.ProcessEnv = process.env;
  beforeAll(() => {
    for (const b of ['munged', 'slurmctld', 'slurmd', 'sbatch']) expect(have(b), `${b} is missing: apt-get install slurm-wlm munge (and run as root)`).toBe(true);
    const started = execFileSync('bash', [script, 'start', cluster], { encoding: 'utf8', timeout: 60_000 });
    env = { ...process.env, SLURM_CONF: /SLURM_CONF=(\S+)/.exec(started)![1]! };
  }, 90_000);
  afterAll(() => {
    execFileSync('bash', [script, 'stop', cluster]);
  });

  it('prints the sbatch command without --submit, writing the array script', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sweep-slurm-'));
    const r = sweep([sweepFile(dir, { rules: ['backprop', 'fa'], seed: '0..1' }), '--out', join(dir, 'out'), '--executor', 'slurm'], env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/submit it with:\n {2}sbatch \S+sweep\.sbatch/);
    const sbatch = readFileSync(join(dir, 'out', 'tiny', 'sweep.sbatch'), 'utf8');
    expect(sbatch).toMatch(/^#SBATCH --array=0-3$/m);
    expect(sbatch).toMatch(/--run-index "\$SLURM_ARRAY_TASK_ID" --run-id "\$\{RUN_IDS\[\$SLURM_ARRAY_TASK_ID\]\}"$/m);
    expect(sbatch).toMatch(/^RUN_IDS=\(rules-backprop_seed-0-\S+ rules-backprop_seed-1-\S+ rules-fa_seed-0-\S+ rules-fa_seed-1-\S+\)$/m);
    expect(existsSync(join(dir, 'out', 'tiny', 'runs'))).toBe(false);
  });

  it('submits a job array (sbatch --wait), every task runs its run, then aggregates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sweep-slurm-'));
    const file = sweepFile(dir, { rules: ['backprop', 'fa'], seed: '0..1' });
    const out = join(dir, 'out');
    const r = sweep([file, '--out', out, '--executor', 'slurm', '--submit', '--wait'], env);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/Submitted batch job \d+/);
    expect(closingCounts(r.stdout)).toEqual({ skipped: 0, ran: 4, meanwhile: 0, failed: 0 });
    checkSweep(join(out, 'tiny'), [0, 0, 1, 1]);
    // sacct needs accounting; the per-task output files are Slurm's own record that 4 tasks ran
    const job = /Submitted batch job (\d+)/.exec(r.stdout)![1]!;
    for (let task = 0; task < 4; task++) expect(readFileSync(join(out, 'tiny', 'slurm', `${job}_${task}.out`), 'utf8')).toMatch(new RegExp(`^run ${task} \\S+: ran`, 'm'));
  }, 300_000);
});
