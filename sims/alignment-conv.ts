/**
 * alignment-conv — every learning rule on convolutional networks: LeNet-5 and a small
 * ResNet-(6n+2) (src/nn/architectures.ts) on MNIST (1×28×28) or CIFAR-10 (3×32×32, --data-dir),
 * several seeds: test accuracy (mean ± std), per-layer weight angles, signal angles and ‖B‖/‖W‖.
 * The literature judges these rules on conv nets, where FA and DFA fall behind backprop most.
 */
import { getRule, trainNetwork, type TrainResult } from '../src/alignment/index.js';
import { lenet5, resnet, type Network } from '../src/nn/index.js';
import { defineSimulation, type JsonValue, type ParamValues } from '../src/sim/index.js';
import { Rng } from '../src/random/rng.js';
import { checkData, loadData, mean, runJobs, runLine, runResults, TUNED_FEEDBACK_LR, writeComparison, type Data, type Job, serveComparison, splitsOf, type ComparisonInit, DATA_SOURCE_PARAMS, OPTIMIZER_PARAMS, ALIGNMENT_PARAMS, DTYPE_PARAMS, localLossOptions, sizeParams, WORKER_PARAMS } from './alignment/compare.js';

const ARCHS = ['lenet', 'resnet'] as const;
type Arch = (typeof ARCHS)[number];

/**
 * Defaults: Adam, lr 1e-3, batch 64, and for the local-loss rules the feedback learning rates that
 * alignment-mnist tuned on a validation split (TUNED_FEEDBACK_LR; not re-tuned for conv nets — do
 * that with --validation and --feedbackLr, never on the test split). Why not the SGD of the published
 * conv comparisons: with plain SGD the local losses' gradients (coefficients ~1e-3) move B by ~1e-5
 * per step, so SA/AA/IA/WM stay at ≈ 90° for a quick run (measured: LeNet, 1,000 digits, 1 epoch,
 * SGD lr 0.01: angles 82–92°), while Adam normalises the step; `--optimizer sgd --lr 0.01` gives the
 * SGD setting. Quick: 1,000 training digits, 2 epochs, ResNet-8 of width 4, 2 seeds (minutes on 2
 * cores; 2,000 digits at width 8 took 18 min with the machine shared); --full: 9,000 digits, 10 epochs, ResNet-20 of width 16, 3 seeds.
 */
const PARAMS = {
  ...DATA_SOURCE_PARAMS,
  archs: { kind: 'choiceList', choices: [...ARCHS], default: [...ARCHS], help: 'architectures: lenet (LeNet-5) and resnet (ResNet-(6n+2), see --depth, --width)' },
  seeds: { kind: 'integer', min: 1, max: 50, default: 2, full: 3, help: 'seeds per rule and architecture' },
  epochs: { kind: 'integer', min: 1, max: 1000, default: 2, full: 10, help: 'training epochs' },
  depth: { kind: 'integer', min: 8, max: 110, default: 8, full: 20, help: 'ResNet depth 6n + 2 (8, 14, 20, 26, 32, …)' },
  width: { kind: 'integer', min: 1, max: 64, default: 4, full: 16, help: 'channels of the first ResNet stage (He et al.: 16)' },
  lr: { kind: 'number', min: 0, max: 10, exclusiveMin: true, default: 1e-3, help: "learning rate of W and b (and of KP's B)" },
  feedbackLr: { kind: 'number', min: 0, max: 10, default: 0, help: 'learning rate of B for local-loss rules; 0 = the value alignment-mnist tuned per rule (else lr)' },
  inputFeedback: { kind: 'boolean', default: false, help: "train the first layer's B for learned rules (unused: only its angle is reported)" },
  anglesPerEpoch: { kind: 'integer', min: 1, max: 100, default: 2, help: 'angle measurements per epoch (accuracy once per epoch)' },
  ...OPTIMIZER_PARAMS,
  ...ALIGNMENT_PARAMS,
  ...DTYPE_PARAMS,
  ...sizeParams({ batchSize: 64, train: 1000, trainFull: 9000, test: 1000, signalBatch: 128 }),
  ...WORKER_PARAMS,
} as const;

type Params = ParamValues<typeof PARAMS>;

interface ConvJob extends Job {
  readonly arch: Arch;
}

const ARCH_LABEL = (p: Params, arch: Arch): string => (arch === 'lenet' ? 'LeNet-5' : `ResNet-${p.depth} (width ${p.width})`);

/** The network of a job: the same initial weights for every rule at a seed. */
function buildNetwork(p: Params, data: Data, arch: Arch, rng: Rng): Network {
  const inputShape = data.inputShape as [number, number, number];
  return arch === 'lenet'
    ? lenet5({ inputShape, classes: data.classes, rng })
    : resnet({ inputShape, classes: data.classes, depth: p.depth, width: p.width, rng });
}

export const alignmentConv = defineSimulation({
  name: 'alignment-conv',
  title: 'Learning rules on convolutional networks: LeNet-5 and a small ResNet',
  description:
    'Trains LeNet-5 and a ResNet-(6n+2) (3 stages of n basic blocks, BatchNorm, 1×1-conv projection shortcuts) with every registered learning rule, ' +
    'the same initial weights per seed and architecture. Feedback lives in the ops: each conv and dense layer sends its input gradient through B ' +
    '(the transposed convolution with B), or the output error for DFA. Charts and tables per architecture: test accuracy vs epoch, weight angles ' +
    '∠(Wᵀ, B) of the kernel matrices, signal angles. MNIST by default (1×28×28); --dataset cifar10 --data-dir <folder> for CIFAR-10 (3×32×32).',
  params: PARAMS,
  check: (p) => {
    if ((p.depth - 2) % 6 !== 0) return `--depth ${p.depth} must be 6n + 2 (8, 14, 20, 26, 32, …)`;
    return checkData(p, p.batchSize);
  },
  run: async (ctx) => {
    const p = ctx.params;
    const data = loadData(p, ctx.rng.fork('split'), true);
    const stepsPerEpoch = Math.floor(data.train.x.rows / p.batchSize);
    ctx.log(`${data.name}: ${data.train.x.rows} training images, ${data.validation?.x.rows ?? 0} validation, ${data.test.x.rows} test; ` +
      `${p.archs.map((a) => ARCH_LABEL(p, a)).join(', ')}; ${p.optimizer} lr ${p.lr}, batch ${p.batchSize}, ${p.epochs} epochs, ${p.seeds} seeds, rules ${p.rules.join(', ')}`);
    const jobs: ConvJob[] = [];
    for (const arch of p.archs) for (let seed = 0; seed < p.seeds; seed++) for (const rule of p.rules) jobs.push({ arch, seed, rule, feedbackLr: p.feedbackLr > 0 ? p.feedbackLr : (TUNED_FEEDBACK_LR[rule] ?? p.lr) });
    const bar = ctx.progress('training', jobs.length * p.epochs * stepsPerEpoch);
    const start = performance.now();
    const runs = await runJobs(jobs, {
      kind: WORKER_KIND,
      module: import.meta.url,
      init: { rootSeed: ctx.rng.seed, params: p } satisfies ComparisonInit<Params>,
      workers: p.workers,
      local: (job, tick) => trainJob(p, data, ctx.rng, job, tick),
      tick: (n) => bar.tick(n),
      report: (job, r) => ctx.log(runLine(job, r, `${job.arch.padEnd(6)} `)),
    });
    bar.done();
    const wallSeconds = (performance.now() - start) / 1000;
    const tables: string[] = [];
    const perArch: Record<string, JsonValue> = {};
    for (const arch of p.archs) {
      const mine = runs.filter((r) => r.job.arch === arch);
      const layers = buildNetwork(p, data, arch, new Rng(0)).feedbackLayers();
      const label = ARCH_LABEL(p, arch);
      const { table, tableJson } = await writeComparison(ctx, mine, {
        rules: p.rules,
        seeds: p.seeds,
        layers: layers.length,
        caption: `${data.name}, ${label}, ${p.optimizer} lr ${p.lr}, ${p.epochs} epochs`,
        network: `${data.name}, ${label}`,
        layerLabel: (l) => `layer ${l + 1} (${layers[l]!.name}, ${layers[l]!.W.rows}×${layers[l]!.W.cols})`,
        prefix: `${arch}-`,
        seriesFields: { architecture: label, layers: layers.map((l) => l.name) },
      });
      tables.push(`### ${label}\n\n${table}`);
      perArch[arch] = { architecture: label, layers: layers.map((l) => l.name), table: tableJson, results: runResults(mine) };
    }
    const table = tables.join('\n');
    ctx.writeText('table.md', table);
    const totalSamples = runs.reduce((s, r) => s + r.result.steps * p.batchSize, 0);
    ctx.log(`\n${table}\ntraining: ${wallSeconds.toFixed(1)} s wall for ${runs.length} runs, ${(totalSamples / wallSeconds).toFixed(0)} training samples/s overall`);
    return {
      dataset: p.dataset,
      trainingWallSeconds: wallSeconds,
      samplesPerSecond: mean(runs.map((r) => r.result.samplesPerSecond)),
      architectures: perArch,
    };
  },
});

/** One run; seed s draws the network from root.fork(`seed${s}`).fork(arch) and the rest from .fork('train'). */
function trainJob(p: Params, data: Data, root: Rng, job: ConvJob, onStep: () => void): TrainResult {
  const seedRng = root.fork(`seed${job.seed}`);
  return trainNetwork({
    network: buildNetwork(p, data, job.arch, seedRng.fork(job.arch)),
    rule: getRule(job.rule),
    ...splitsOf(data),
    epochs: p.epochs,
    batchSize: p.batchSize,
    optimizer: p.optimizer,
    lr: p.lr,
    momentum: p.optimizer === 'sgd' ? p.momentum : 0,
    feedbackLr: job.feedbackLr,
    trainInputFeedback: p.inputFeedback,
    anglesPerEpoch: p.anglesPerEpoch,
    signalBatch: p.signalBatch,
    ...localLossOptions(p),
    dtype: p.dtype,
    rng: seedRng.fork(`train/${job.arch}`),
    onStep,
  });
}

const WORKER_KIND = 'alignment-conv-train';

serveComparison<Params, ConvJob>(WORKER_KIND, (params, root) => {
  const data = loadData(params, root.fork('split'), true);
  return (job, tick) => trainJob(params, data, root, job, tick);
});
