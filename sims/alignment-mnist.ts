/**
 * alignment-mnist — every learning rule of src/alignment on MNIST (or CIFAR-10 from a local
 * folder, --data-dir): test accuracy per epoch, weight angles ∠(Wᵀ, B) per layer and signal angles
 * ∠(delivered δ, backprop δ) per hidden layer, over several seeds, with a final table.
 */
import { getRule, trainNetwork, type TrainResult } from '../src/alignment/index.js';
import { ACTIVATIONS, buildMlp } from '../src/nn/index.js';
import { defineSimulation, type ParamValues } from '../src/sim/index.js';
import { Rng } from '../src/random/rng.js';
import { checkData, loadData, mean, runJobs, runLine, runResults, TUNED_FEEDBACK_LR, writeComparison, type Data, type Job, serveComparison, splitsOf, type ComparisonInit, DATA_SOURCE_PARAMS, OPTIMIZER_PARAMS, ALIGNMENT_PARAMS, DTYPE_PARAMS, localLossOptions, sizeParams, WORKER_PARAMS } from './alignment/compare.js';


/** The simulation's parameters (quick defaults; `full` values for --full). */
const PARAMS = {
  ...DATA_SOURCE_PARAMS,
  seeds: { kind: 'integer', min: 1, max: 50, default: 3, full: 5, help: 'seeds per rule (initial weights, batch order, rule randomness)' },
  epochs: { kind: 'integer', min: 1, max: 1000, default: 5, full: 20, help: 'training epochs' },
  hidden: { kind: 'numberList', min: 1, max: 4096, minLength: 1, maxLength: 8, default: [256, 256], help: 'hidden layer widths' },
  activation: { kind: 'choice', choices: ACTIVATIONS.filter((a) => a !== 'linear'), default: 'relu', help: 'hidden activation' },
  lr: { kind: 'number', min: 0, max: 10, exclusiveMin: true, default: 2e-3, help: 'learning rate of W and b (and of KP\'s B)' },
  lrDecay: { kind: 'number', min: 0, max: 10, default: 5e-3, help: "Adam's time decay: lr_t = lr/(1 + lrDecay·t) (0 with sgd)" },
  feedbackLr: { kind: 'number', min: 0, max: 10, default: 0, help: 'learning rate of B for local-loss rules; 0 = the validation-tuned value per rule (else lr)' },
  kpLambda: { kind: 'number', min: 0, max: 1000, default: 0, help: "Kolen-Pollack's weight decay λ on W and B; 0 = the rule's default" },
  inputFeedback: { kind: 'boolean', default: false, full: true, help: "train layer 1's B for learned rules (unused by every rule: only its angle is reported)" },
  anglesPerEpoch: { kind: 'integer', min: 1, max: 100, default: 4, help: 'angle measurements per epoch (accuracy once per epoch)' },
  ...OPTIMIZER_PARAMS,
  ...ALIGNMENT_PARAMS,
  ...DTYPE_PARAMS,
  ...sizeParams({ batchSize: 32, train: 8000, test: 2000, signalBatch: 256 }),
  ...WORKER_PARAMS,
} as const;

type Params = ParamValues<typeof PARAMS>;

export const alignmentMnist = defineSimulation({
  name: 'alignment-mnist',
  title: 'Learning rules without weight transport: accuracy and alignment on MNIST',
  description:
    'Trains the same MLP (same initial W per seed, same batch order) with every learning rule: backprop, feedback alignment, direct feedback alignment, ' +
    'sign symmetry (uSF, frSF, brSF), Kolen-Pollack, weight mirror, symmetric / activation / information alignment, and any registered plug-in. ' +
    'Seeded split of the 10,000 MNIST digits into train and test; --validation holds a part of the training split out for tuning (reported; the test split is never used for it). ' +
    'Charts: test accuracy vs epoch, weight angle ∠(Wᵀ, B) vs epoch per layer, signal angle ∠(delivered δ, backprop δ) vs epoch per hidden layer; ' +
    'table.md: accuracy mean ± std over seeds and final angles. --dataset cifar10 --data-dir <folder> reads the CIFAR-10 binary files from that folder.',
  params: PARAMS,
  check: (p) => {
    if (!p.hidden.every(Number.isInteger)) return `--hidden ${p.hidden.join(',')}: widths must be whole numbers`;
    if (p.optimizer === 'sgd' && p.lrDecay !== 0) return '--lrDecay is an Adam option; pass --lrDecay 0 with --optimizer sgd';
    return checkData(p, p.batchSize);
  },
  run: async (ctx) => {
    const p = ctx.params;
    const data = loadData(p, ctx.rng.fork('split'));
    const sizes = [data.inputShape[0]!, ...p.hidden, data.classes];
    const fitRows = data.train.x.rows;
    const stepsPerEpoch = Math.floor(fitRows / p.batchSize);
    ctx.log(`${data.name}: ${fitRows} training rows, ${data.validation?.x.rows ?? 0} validation, ${data.test.x.rows} test; MLP ${sizes.join('-')} (${p.activation}), ` +
      `${p.optimizer} lr ${p.lr}, batch ${p.batchSize}, ${p.epochs} epochs, ${p.seeds} seeds, rules ${p.rules.join(', ')}`);
    const bar = ctx.progress('training', p.seeds * p.rules.length * p.epochs * stepsPerEpoch);
    const jobs: Job[] = [];
    for (let seed = 0; seed < p.seeds; seed++) for (const rule of p.rules) jobs.push({ seed, rule, feedbackLr: p.feedbackLr > 0 ? p.feedbackLr : (TUNED_FEEDBACK_LR[rule] ?? p.lr) });
    const start = performance.now();
    const runs = await runJobs(jobs, {
      kind: WORKER_KIND,
      module: import.meta.url,
      init: { rootSeed: ctx.rng.seed, params: p } satisfies ComparisonInit<Params>,
      workers: p.workers,
      local: (job, tick) => trainJob(p, data, sizes, ctx.rng, job, tick),
      tick: (n) => bar.tick(n),
      report: (job, r) => ctx.log(runLine(job, r)),
    });
    bar.done();
    const wallSeconds = (performance.now() - start) / 1000;
    const L = sizes.length - 1;
    const { table, tableJson } = await writeComparison(ctx, runs, {
      rules: p.rules,
      seeds: p.seeds,
      layers: L,
      caption: `${data.name}, MLP ${sizes.join('-')} ${p.activation}, ${p.epochs} epochs`,
      network: `${data.name}, MLP ${sizes.join('-')} ${p.activation}`,
      layerLabel: (l) => `layer ${l + 1} (${sizes[l]}→${sizes[l + 1]})`,
      seriesFields: { sizes },
    });

    const throughput = mean(runs.map((r) => r.result.samplesPerSecond));
    const totalSamples = runs.reduce((s, r) => s + r.result.steps * p.batchSize, 0);
    ctx.log(`\n${table}\ntraining: ${wallSeconds.toFixed(1)} s wall for ${runs.length} runs (${p.workers > 1 ? `${Math.min(p.workers, jobs.length)} workers` : 'in process'}), ` +
      `${(totalSamples / wallSeconds).toFixed(0)} training samples/s overall, ${throughput.toFixed(0)} per run on average`);
    return {
      dataset: p.dataset,
      sizes,
      samplesPerSecond: throughput,
      overallSamplesPerSecond: totalSamples / wallSeconds,
      trainingWallSeconds: wallSeconds,
      trainSeconds: runs.reduce((s, r) => s + r.result.trainSeconds, 0),
      results: runResults(runs),
      table: tableJson,
    };
  },
});

/**
 * Trains one job. Replicate `seed` draws everything from root.fork(`seed${seed}`): the network from
 * .fork('network') (the same initial W for every rule) and batches and rule streams from .fork('train').
 */
function trainJob(p: Params, data: Data, sizes: readonly number[], root: Rng, job: Job, onStep: () => void): TrainResult {
  const seedRng = root.fork(`seed${job.seed}`);
  return trainNetwork({
    network: buildMlp({ sizes, activation: p.activation, rng: seedRng.fork('network') }),
    rule: job.rule === 'kp' && p.kpLambda > 0 ? getRule('kp').with({ lambda: p.kpLambda }) : getRule(job.rule),
    ...splitsOf(data),
    epochs: p.epochs,
    batchSize: p.batchSize,
    optimizer: p.optimizer,
    lr: p.lr,
    lrDecay: p.optimizer === 'adam' ? p.lrDecay : 0,
    momentum: p.momentum,
    feedbackLr: job.feedbackLr,
    trainInputFeedback: p.inputFeedback,
    anglesPerEpoch: p.anglesPerEpoch,
    signalBatch: p.signalBatch,
    ...localLossOptions(p),
    dtype: p.dtype,
    rng: seedRng.fork('train'),
    onStep,
  });
}

// ---------------------------------------------------------------------------------------------
// Worker threads (src/sim/pool.ts): each worker imports this file, loads and splits the data exactly
// as the main thread does (same seed string), and trains the jobs it is sent.

const WORKER_KIND = 'alignment-mnist-train';

serveComparison<Params, Job>(WORKER_KIND, (params, root) => {
  const data = loadData(params, root.fork('split'));
  const sizes = [data.inputShape[0]!, ...params.hidden, data.classes];
  return (job, tick) => trainJob(params, data, sizes, root, job, tick);
});
