/** A toy simulation and in-memory streams shared by the framework tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineSimulation, runCli, type Simulation } from '../../src/sim/index.js';

export const toyParams = {
  n: { kind: 'integer', min: 1, max: 100, default: 10, full: 50, help: 'number of steps' },
  lr: { kind: 'number', min: 0, max: 1, exclusiveMin: true, default: 0.1, help: 'learning rate' },
  mode: { kind: 'choice', choices: ['sum', 'product', 'none'], default: 'sum', full: 'product', help: 'regularizer' },
  lambdas: { kind: 'numberList', min: 0, max: 10, maxLength: 4, default: [1, 2], help: 'regularization strengths' },
  losses: { kind: 'choiceList', choices: ['l2', 'l1'], default: ['l2'], help: 'losses to track' },
  verbose: { kind: 'boolean', default: false, help: 'log every step' },
} as const;

export const toy = defineSimulation({
  name: 'toy',
  title: 'Toy simulation',
  description: 'Draws a few numbers and writes them.',
  params: toyParams,
  run: (ctx) => {
    const draws = Array.from({ length: ctx.params.n }, () => ctx.rng.uniform());
    ctx.writeJson('draws.json', { draws });
    if (ctx.params.verbose) ctx.log(`drew ${draws.length}`);
    return { mean: draws.reduce((a, b) => a + b, 0) / draws.length, mode: ctx.params.mode, lambdas: ctx.params.lambdas };
  },
});

/** A stream double that records what is written. */
export class Capture {
  text = '';
  readonly isTTY: boolean;
  constructor(isTTY = false) {
    this.isTTY = isTTY;
  }
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'laelab-sim-'));
}

/** Runs the CLI on `argv` with captured streams. */
export async function cli(argv: string[], simulations: readonly Simulation[] = [toy]) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(argv, { simulations, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
