/**
 * Category 3: a run made to diverge stops at the first non-finite loss or weight, with the step,
 * the parameter and a hint; through the CLI it exits 1 with that one line and leaves the earlier
 * run's files (summary.json included) byte-identical, with no temporary file.
 *
 * - trainLae (SGD, full batch and minibatch) at random huge learning rates: a DivergenceError
 *   naming step and parameter, and the same training stopped one step earlier is all finite.
 * - the CLI path with a test-only LAE simulation whose --lr range allows divergence (the
 *   registered LAE figures train with Adam at lr ≤ 1, which cannot overflow).
 * - every registered simulation with a recipe below (declared ranges that allow divergence).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trainLae, type LaeTrainOptions } from '../../src/lae/train.js';
import { spectrumMatrix } from '../../src/data/synthetic.js';
import { Rng } from '../../src/random/rng.js';
import { defineSimulation, type Simulation } from '../../src/sim/index.js';
import { DivergenceError } from '../../src/tensor/index.js';
import { simulations } from '../../sims/registry.js';
import { attempt, propertySeed, recordProperty, trackCounts } from './counter.js';
import { cli, smallestArgs, snapshot, tempDir, tempFiles } from './sims.js';

trackCounts('divergence');

/** What a divergence message must say: the step (or sample/iteration count) and a hint. */
const STEP = /\b(step|iteration|epoch)s? \d+|after \d+ (steps|samples|iterations)/i;
const HINT = /\b(lower|reduce|smaller)\b/i;

/**
 * Registered simulations whose declared ranges allow divergence: the arguments that make them
 * diverge, and how their message names the parameter. Names not registered are skipped.
 */
const RECIPES: { readonly [sim: string]: { readonly args: readonly string[]; readonly parameter: RegExp } } = {
  // plain gradient descent on the quartic scalar landscape: the weights (w1, w2) overflow
  'lae-scalar': { args: ['--x2=100', '--lambdas=1000', '--lr=1', '--initStd=10', '--steps=200', '--resolution=11', '--starts=1'], parameter: /gradient descent from \(|--lr/ },
  // stochastic Oja at α = 10: w overflows within a few samples
  oja: { args: ['--dataset=synthetic', '--n=100', '--epochs=1', '--fullBatchSteps=1', '--alpha=10'], parameter: /\bw\b/ },
  // plain SGD at η = 1000 (the help says 4 already diverges)
  'alignment-lae': { args: ['--lr=1000', '--steps=200', '--batchSize=10', '--rows=100', '--hidden=8'], parameter: /loss|W\d|"[^"]+"/ },
};

function lae(X: ReturnType<typeof spectrumMatrix>['X'], o: Partial<LaeTrainOptions> & { lr: number; seed: string }) {
  return trainLae(X, { k: 3, loss: 'sum', lambda: 1, steps: 200, optimizer: 'sgd', initStd: 0.1, ...o, rng: new Rng(o.seed) });
}

describe('trainLae stops at the first non-finite loss, weight or gradient', () => {
  it('random huge learning rates, full batch and minibatch', () => {
    const X = spectrumMatrix(6, 12, [6, 5, 4, 3, 2, 1], new Rng('divergence-data')).X;
    const details = fc.check(
      fc.property(fc.double({ min: 2, max: 8, noNaN: true }), fc.constantFrom(undefined, 3, 7), fc.nat({ max: 1000 }), (exponent, batchSize, seed) => {
        const o = { lr: 10 ** exponent, batchSize, seed: `lae-${seed}` };
        let err: unknown;
        try {
          lae(X, o);
        } catch (e) {
          err = e;
        }
        if (!(err instanceof DivergenceError)) throw new Error(`lr ${o.lr} did not stop with a DivergenceError: ${String(err)}`);
        expect(err.message).toMatch(new RegExp(`^step ${err.step}: `));
        expect(['loss', 'W1', 'W2']).toContain(err.parameter);
        expect(err.message).toContain(err.parameter === 'loss' ? 'the loss is' : `"${err.parameter}"`);
        expect(err.message).toMatch(/lower the learning rate/);
        // the first: the same training (same seed) run for only err.step steps sees finite losses,
        // weights and gradients throughout (its closing check of the weights may only fail at err.step)
        if (err.step > 0) {
          try {
            const { history } = lae(X, { ...o, steps: err.step });
            expect(history.loss.every(Number.isFinite), 'every loss before the reported step is finite').toBe(true);
          } catch (earlier) {
            expect(earlier instanceof DivergenceError && earlier.step === err.step, `an earlier step already diverged: ${String(earlier)}`).toBe(true);
          }
        }
      }),
      { numRuns: 40, seed: propertySeed() },
    );
    recordProperty('divergence', details);
    expect(details.failed, `${fc.defaultReportMessage(details)}\n${String(details.errorInstance)}`).toBe(false);
  });
});

/** A test-only LAE simulation trained by plain SGD, with an --lr range that allows divergence. */
const divergingLae = defineSimulation({
  name: 'diverging-lae',
  title: 'LAE by SGD (test only)',
  description: 'Trains a small LAE by full-batch SGD; a large --lr diverges.',
  params: {
    lr: { kind: 'number', min: 0, max: 1e6, exclusiveMin: true, default: 1e-3, help: 'SGD learning rate' },
    steps: { kind: 'integer', min: 1, max: 1000, default: 100, help: 'SGD steps' },
  },
  run: (ctx) => {
    const X = spectrumMatrix(6, 12, [6, 5, 4, 3, 2, 1], ctx.rng.fork('data')).X;
    const { history } = trainLae(X, { k: 3, loss: 'sum', lambda: 1, steps: ctx.params.steps, optimizer: 'sgd', lr: ctx.params.lr, initStd: 0.1, rng: ctx.rng.fork('train') });
    ctx.writeJson('loss.json', { loss: Array.from(history.loss) });
    return { finalLoss: history.loss[history.loss.length - 1]! };
  },
});

/**
 * Runs `earlier` into a fresh folder, then `diverging` into the same one: the second must exit 1
 * with one line on stderr naming the step, the parameter (`parameter`) and a hint, print nothing on
 * stdout, and leave every file of the first run byte-identical, with no temporary file.
 */
async function expectCleanDivergence(sims: readonly Simulation[], name: string, earlier: readonly string[], diverging: readonly string[], parameter: RegExp): Promise<void> {
  const out = tempDir();
  const first = await cli([name, ...earlier, '--out', out], sims);
  expect(first.code, first.stderr).toBe(0);
  const before = snapshot(out);
  expect([...before.keys()]).toContain(`${name}/summary.json`);
  const { code, stdout, stderr } = await cli([name, ...diverging, '--out', out], sims);
  expect(code, stderr).toBe(1);
  expect(stdout).toBe('');
  expect(stderr, 'one line').toMatch(/^[^\n]+\n$/);
  expect(stderr, 'names the step').toMatch(STEP);
  expect(stderr, 'names the parameter').toMatch(parameter);
  expect(stderr, 'gives a hint').toMatch(HINT);
  expect(snapshot(out), 'the earlier files are byte-identical and nothing was added').toEqual(before);
  expect(tempFiles(out)).toEqual([]);
}

describe('through the CLI: exit 1, one line with step, parameter and hint, earlier results untouched', () => {
  it.each([['1e3'], ['1e5'], ['1e6']])('test-only LAE simulation, --lr %s', async (lr) => {
    await attempt('divergence', () => expectCleanDivergence([divergingLae], 'diverging-lae', [], [`--lr=${lr}`], /"W[12]"|the loss is/));
  });

  const registered = simulations.filter((s) => Object.hasOwn(RECIPES, s.name));
  it.each(registered.map((s) => [s.name, s] as const))('%s with the arguments that make it diverge', async (name, sim) => {
    const recipe = RECIPES[name]!;
    await attempt('divergence', () => expectCleanDivergence(simulations, name, smallestArgs(sim), recipe.args, recipe.parameter));
  }, 120_000);
});
