import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineSimulation, type Simulation, type Summary } from '../../src/sim/index.js';
import { cli, tempDir, toy } from './toy.js';

/** Writes one file, then fails like a diverging optimizer. */
const failing = defineSimulation({
  name: 'failing',
  title: 'Fails midway',
  description: 'Writes a file, then throws.',
  params: { steps: { kind: 'integer', min: 1, max: 10, default: 3, help: 'steps before failing' } },
  run: (ctx) => {
    ctx.writeText('partial.txt', 'written before the failure');
    const err = new Error('loss diverged at step 3 (lr too large?)');
    err.name = 'DivergenceError';
    throw err;
  },
});

const nanMetric = defineSimulation({ name: 'nan-metric', title: 'NaN', description: 'Returns NaN.', params: {}, run: () => ({ loss: NaN }) });

function readSummary(out: string, name: string): Summary {
  return JSON.parse(readFileSync(join(out, name, 'summary.json'), 'utf8')) as Summary;
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' });
}

describe('help', () => {
  it('prints usage and the simulations with no arguments or --help', async () => {
    for (const argv of [[], ['--help'], ['-h']]) {
      const { code, stdout, stderr } = await cli(argv);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toContain('usage:');
      expect(stdout).toMatch(/toy\s+Toy simulation/);
    }
  });

  it('says so when no simulation is registered', async () => {
    expect((await cli(['--help'], [])).stdout).toContain('no simulations registered yet');
  });

  it('describes one simulation and every parameter', async () => {
    const { code, stdout } = await cli(['toy', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Draws a few numbers and writes them.');
    expect(stdout).toContain('--n: an integer in [1, 100]; default 10, full 50');
    expect(stdout).toContain('--lr: a number in (0, 1]; default 0.1');
    expect(stdout).toContain('--mode: one of sum|product|none; default sum, full product');
    expect(stdout).toContain('--lambdas: a comma-separated list of 1 to 4 numbers in [0, 10]; default 1,2');
    expect(stdout).toContain('--losses: a comma-separated subset of l2|l1; default l2');
    expect(stdout).toContain('--verbose: true or false; default false');
    expect(stdout).toContain('learning rate');
    expect(stdout).toContain('--seed N');
  });

  it('shows the kebab-case alias of camelCase names only, and an empty path default as not given', async () => {
    const aliased = defineSimulation({
      name: 'aliased',
      title: 'Aliases',
      description: 'd',
      params: {
        dataDir: { kind: 'path', mustExist: 'dir', default: '', help: 'where the data is' },
        n: { kind: 'integer', min: 1, max: 9, default: 1, help: 'steps' },
      },
      run: () => ({}),
    });
    const { stdout } = await cli(['aliased', '--help'], [aliased]);
    expect(stdout).toContain('  --dataDir, --data-dir: a path to an existing folder; default (not given)\n      where the data is\n');
    expect(stdout).toContain('  --n: an integer in [1, 9]; default 1\n');
  });
});

describe('bad input exits 2 with one line and writes nothing', () => {
  it.each([
    [['nope'], 'error: unknown simulation "nope"; valid: toy, failing\n'],
    [['--seed', '1'], 'error: expected a simulation name first, got "--seed"; valid: toy, failing\n'],
    [['toy', '--lr', 'abc'], 'error: --lr: expected a number in (0, 1], got "abc"\n'],
    [['toy', '--rate', '1'], 'error: unknown parameter --rate; valid: --n, --lr, --mode, --lambdas, --losses, --verbose, --seed, --full, --out\n'],
  ])('%j', async (argv, message) => {
    const out = tempDir();
    const { code, stdout, stderr } = await cli([...argv, '--out', out], [toy, failing]);
    expect(code).toBe(2);
    expect(stderr).toBe(message);
    expect(stdout).toBe('');
    expect(allFiles(out)).toEqual([]);
  });

  it('lists no names when none are registered', async () => {
    expect((await cli(['toy'], [])).stderr).toBe('error: unknown simulation "toy"; no simulations registered yet\n');
  });
});

describe('a run', () => {
  it('writes its files and summary.json, and prints metrics, time and paths', async () => {
    const out = tempDir();
    const { code, stdout, stderr } = await cli(['toy', '--seed', '5', '--n=4', '--mode', 'none', '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const summary = readSummary(out, 'toy');
    expect(Object.keys(summary)).toEqual(['simulation', 'title', 'seed', 'full', 'params', 'metrics', 'versions', 'startedAt', 'wallTimeSeconds', 'files']);
    expect(summary).toMatchObject({
      simulation: 'toy',
      title: 'Toy simulation',
      seed: 5,
      full: false,
      params: { n: 4, lr: 0.1, mode: 'none', lambdas: [1, 2], losses: ['l2'], verbose: false },
      metrics: { mode: 'none', lambdas: [1, 2] },
      versions: { node: process.version, laelab: '0.1.0' },
      files: ['draws.json'],
    });
    expect(summary.metrics['mean']).toBeTypeOf('number');
    expect(Date.parse(summary.startedAt)).not.toBeNaN();
    expect(summary.wallTimeSeconds).toBeGreaterThanOrEqual(0);
    expect(stdout).toMatch(/^toy finished in \d+\.\d\d s \(seed 5, quick\)\n {2}mean {5}0\.\d+\n {2}mode {5}none\n {2}lambdas {2}\[1, 2\]\n/);
    expect(stdout).toContain(`  ${join(out, 'toy', 'summary.json')}\n  ${join(out, 'toy', 'draws.json')}\n`);
  });

  it('draws the same numbers for the same seed', async () => {
    const draws = async (seed: string) => {
      const out = tempDir();
      await cli(['toy', '--seed', seed, '--out', out]);
      return readFileSync(join(out, 'toy', 'draws.json'), 'utf8');
    };
    expect(await draws('9')).toBe(await draws('9'));
    expect(await draws('9')).not.toBe(await draws('10'));
  });

  it('that throws exits 1, prints the message as is, and leaves the earlier summary byte-identical', async () => {
    const out = tempDir();
    const earlier: Simulation = { ...failing, run: (ctx) => ({ written: ctx.writeText('partial.txt', 'earlier run') }) };
    expect((await cli(['failing', '--out', out], [earlier])).code).toBe(0);
    const before = readFileSync(join(out, 'failing', 'summary.json'));

    const { code, stdout, stderr } = await cli(['failing', '--out', out], [failing]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('loss diverged at step 3 (lr too large?)\n');
    expect(readFileSync(join(out, 'failing', 'summary.json'))).toEqual(before);
    expect(readFileSync(join(out, 'failing', 'partial.txt'), 'utf8')).toBe('written before the failure');
    expect(allFiles(out).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('with a non-finite metric fails clearly and writes no summary', async () => {
    const out = tempDir();
    const { code, stderr } = await cli(['nan-metric', '--out', out], [nanMetric]);
    expect(code).toBe(1);
    expect(stderr).toBe('summary.metrics.loss is NaN; JSON has no non-finite numbers, so nothing was written\n');
    expect(existsSync(join(out, 'nan-metric', 'summary.json'))).toBe(false);
  });
});

describe('--all', () => {
  it('says there is nothing to run when the registry is empty', async () => {
    expect(await cli(['--all'], [])).toEqual({ code: 0, stdout: 'no simulations yet\n', stderr: '' });
  });

  it('runs every simulation at quick defaults and ends with a table', async () => {
    const out = tempDir();
    const { code, stdout, stderr } = await cli(['--all', '--seed', '2', '--out', out], [toy, failing]);
    expect(code).toBe(1);
    expect(stderr).toBe('failing failed: loss diverged at step 3 (lr too large?)\n');
    expect(readSummary(out, 'toy')).toMatchObject({ seed: 2, full: false, params: { n: 10 } });
    const table = stdout.slice(stdout.lastIndexOf('name'));
    expect(table).toMatch(new RegExp(`^name +status +seconds +folder\ntoy +ok +\\d+\\.\\d\\d +${join(out, 'toy')}\nfailing +failed +\\d+\\.\\d\\d +${join(out, 'failing')}\n$`));
  });

  it('rejects --full and simulation parameters', async () => {
    expect(await cli(['--all', '--full'])).toMatchObject({ code: 2, stderr: 'error: unknown parameter --full; valid: --seed, --out\n' });
  });
});
