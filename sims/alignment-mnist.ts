/**
 * alignment-mnist — every learning rule of src/alignment on MNIST (or CIFAR-10 from a local
 * folder, --data-dir): test accuracy per epoch, weight angles ∠(Wᵀ, B) per layer and signal angles
 * ∠(delivered δ, backprop δ) per hidden layer, over several seeds, with a final table.
 */
import { combinePngs, lineChart, type LineSeries } from '../src/charts/index.js';
import { cifar10Rows, loadCifar10 } from '../src/data/cifar10.js';
import { loadMnist, splitIndices } from '../src/data/index.js';
import { BUILTIN_RULES, getRule, ruleNames, trainNetwork, type Split, type TrainResult } from '../src/alignment/index.js';
import { ACTIVATIONS, buildMlp, fitStandardizer } from '../src/nn/index.js';
import { defineSimulation, isRuleFromFile, runPool, serveJobs, type JsonValue, type ParamValues } from '../src/sim/index.js';
import { Rng } from '../src/random/rng.js';
import type { Tensor } from '../src/tensor/index.js';

/**
 * Learning rates of B for the rules with a local loss (Adam, forward lr 2e-3 with time decay 5e-3,
 * batch 32, MNIST 784-256-256-10 relu). Chosen by validation accuracy after 4 epochs, with 1,000
 * validation rows held out of the 8,000 training rows (--seed 0, one replicate), from
 * {3e-3, 1e-2, 3e-2}: `--validation 1000 --epochs 4 --seeds 1 --rules wm,sa,aa,ia --feedbackLr 0.01`;
 * the test split was not used. The final comparison then trains on all 8,000 rows. Validation accuracy % at 3e-3 / 1e-2 / 3e-2: WM 95.0 / 95.3 / 95.7, SA 95.9 / 96.4 / 96.1,
 * AA 95.3 / 95.4 / 95.5, IA 94.8 / 94.0 / 94.6. KP's B takes W's optimizer step transposed, so it has
 * no learning rate of its own; its decay λ = 1 was chosen the same way from {0.3, 1, 3, 10}
 * (`--kpLambda`): 94.4 / 94.9 / 94.7 / 93.1 (final top-layer angles 76° / 65° / 24° / 0.3°).
 * Rules not listed (and plug-ins) use the forward learning rate.
 */
export const TUNED_FEEDBACK_LR: Readonly<Record<string, number>> = { wm: 0.03, sa: 0.01, aa: 0.03, ia: 0.003 };

/** One colour per built-in rule (backprop black); plug-ins cycle through the rest. */
const COLORS: Readonly<Record<string, string>> = {
  backprop: '#000000',
  fa: '#D55E00',
  dfa: '#E69F00',
  usf: '#56B4E9',
  frsf: '#0072B2',
  brsf: '#332288',
  kp: '#009E73',
  wm: '#999933',
  sa: '#CC79A7',
  aa: '#882255',
  ia: '#44AA99',
};
const EXTRA_COLORS = ['#117733', '#AA4499', '#DDCC77', '#661100', '#6699CC'];

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Sample standard deviation (n − 1); 0 for a single value. */
const std = (xs: readonly number[]): number => {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};
/** Mean of the non-null values, or null if there are none. */
const meanOrNull = (xs: readonly (number | null)[]): number | null => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? mean(v) : null;
};
const fmt = (x: number | null, digits = 1): string => (x === null ? '—' : x.toFixed(digits));

interface Data {
  train: Split;
  validation: Split | undefined;
  test: Split;
  inputSize: number;
  classes: number;
  name: string;
}

function toSplit(images: Tensor, labels: ArrayLike<number>): Split {
  return { x: images, y: Array.from(labels) };
}

/** The simulation's parameters (quick defaults; `full` values for --full). */
const PARAMS = {
  dataset: { kind: 'choice', choices: ['mnist', 'cifar10'], default: 'mnist', help: 'data set; cifar10 reads the binary files from --data-dir' },
  dataDir: { kind: 'path', mustExist: 'dir', default: '', help: 'folder holding cifar-10-batches-bin/ (or the .bin files) for --dataset cifar10' },
  rules: { kind: 'choiceList', choices: ruleNames(), default: ruleNames(), help: 'learning rules to compare (registered names)' },
  seeds: { kind: 'integer', min: 1, max: 50, default: 3, full: 5, help: 'seeds per rule (initial weights, batch order, rule randomness)' },
  epochs: { kind: 'integer', min: 1, max: 1000, default: 5, full: 20, help: 'training epochs' },
  hidden: { kind: 'numberList', min: 1, max: 4096, minLength: 1, maxLength: 8, default: [256, 256], help: 'hidden layer widths' },
  activation: { kind: 'choice', choices: ACTIVATIONS.filter((a) => a !== 'linear'), default: 'relu', help: 'hidden activation' },
  optimizer: { kind: 'choice', choices: ['adam', 'sgd'], default: 'adam', help: 'optimizer of W, b and learned B' },
  lr: { kind: 'number', min: 0, max: 10, exclusiveMin: true, default: 2e-3, help: 'learning rate of W and b (and of KP\'s B)' },
  lrDecay: { kind: 'number', min: 0, max: 10, default: 5e-3, help: "Adam's time decay: lr_t = lr/(1 + lrDecay·t) (0 with sgd)" },
  momentum: { kind: 'number', min: 0, max: 0.999, default: 0.9, help: 'SGD momentum (sgd only)' },
  feedbackLr: { kind: 'number', min: 0, max: 10, default: 0, help: 'learning rate of B for local-loss rules; 0 = the validation-tuned value per rule (else lr)' },
  kpLambda: { kind: 'number', min: 0, max: 1000, default: 0, help: "Kolen-Pollack's weight decay λ on W and B; 0 = the rule's default" },
  batchSize: { kind: 'integer', min: 1, max: 10000, default: 32, help: 'minibatch size' },
  train: { kind: 'integer', min: 100, max: 50000, default: 8000, help: 'training rows (the validation part included)' },
  validation: { kind: 'integer', min: 0, max: 10000, default: 0, help: 'rows of the training split held out for validation (tuning: 1000); 0 = train on all of it' },
  test: { kind: 'integer', min: 100, max: 10000, default: 2000, help: 'test rows' },
  inputFeedback: { kind: 'boolean', default: false, full: true, help: "train layer 1's B for learned rules (unused by every rule: only its angle is reported)" },
  anglesPerEpoch: { kind: 'integer', min: 1, max: 100, default: 4, help: 'angle measurements per epoch (accuracy once per epoch)' },
  signalBatch: { kind: 'integer', min: 1, max: 10000, default: 256, help: 'fixed training rows on which signal angles are measured' },
  workers: { kind: 'integer', min: 1, max: 64, default: 2, help: 'training jobs run in parallel (worker threads); the results do not depend on it' },
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
    if (p.dataset === 'cifar10' && p.dataDir === '') return '--dataset cifar10 needs --data-dir <folder holding cifar-10-batches-bin/>';
    if (p.dataset !== 'cifar10' && p.dataDir !== '') return `--data-dir ${p.dataDir} is only used with --dataset cifar10`;
    if (!p.hidden.every(Number.isInteger)) return `--hidden ${p.hidden.join(',')}: widths must be whole numbers`;
    if (p.dataset === 'mnist' && p.train + p.test > 10000) return `--train ${p.train} + --test ${p.test} exceed the 10,000 MNIST digits`;
    if (p.validation >= p.train) return `--validation ${p.validation} must be smaller than --train ${p.train}`;
    if (p.batchSize > p.train - p.validation) return `--batchSize ${p.batchSize} exceeds the ${p.train - p.validation} fitting rows`;
    if (p.optimizer === 'sgd' && p.lrDecay !== 0) return '--lrDecay is an Adam option; pass --lrDecay 0 with --optimizer sgd';
    return undefined;
  },
  run: async (ctx) => {
    const p = ctx.params;
    const data = loadData(p, ctx.rng.fork('split'));
    const sizes = [data.inputSize, ...p.hidden, data.classes];
    const fitRows = data.train.x.rows;
    const stepsPerEpoch = Math.floor(fitRows / p.batchSize);
    ctx.log(`${data.name}: ${fitRows} training rows, ${data.validation?.x.rows ?? 0} validation, ${data.test.x.rows} test; MLP ${sizes.join('-')} (${p.activation}), ` +
      `${p.optimizer} lr ${p.lr}, batch ${p.batchSize}, ${p.epochs} epochs, ${p.seeds} seeds, rules ${p.rules.join(', ')}`);
    const bar = ctx.progress('training', p.seeds * p.rules.length * p.epochs * stepsPerEpoch);
    const jobs: Job[] = [];
    for (let seed = 0; seed < p.seeds; seed++) for (const rule of p.rules) jobs.push({ seed, rule, feedbackLr: p.feedbackLr > 0 ? p.feedbackLr : (TUNED_FEEDBACK_LR[rule] ?? p.lr) });
    const report = (job: Job, result: TrainResult): void => {
      const f = result.final;
      ctx.log(`seed ${job.seed} ${job.rule.padEnd(8)} test ${(100 * f.testAccuracy!).toFixed(2)} %  weight ∠ ${f.weightAngles.map((a) => fmt(a)).join(' / ')}  ` +
        `signal ∠ ${f.signalAngles.map((a) => fmt(a)).join(' / ')}  (${result.samplesPerSecond.toFixed(0)} samples/s)`);
    };
    const start = performance.now();
    // Built-in rules and rules from --rule-file can run in worker threads (the workers import this file and
    // preload the rule files); plug-ins registered otherwise in this process run here.
    const builtin = new Set(BUILTIN_RULES.map((r) => r.name));
    const pooled = p.workers > 1 ? jobs.filter((j) => builtin.has(j.rule) || isRuleFromFile(j.rule)) : [];
    const local = jobs.filter((j) => !pooled.includes(j));
    const results = new Map<Job, TrainResult>();
    const init: WorkerInit = { rootSeed: ctx.rng.seed, params: p };
    await runPool<Job, TrainResult>(pooled, {
      kind: WORKER_KIND,
      module: import.meta.url,
      init,
      workers: p.workers,
      onTick: (n) => bar.tick(n),
      onResult: (job, r) => {
        results.set(job, r);
        report(job, r);
      },
    });
    for (const job of local) {
      const r = trainJob(p, data, sizes, ctx.rng, job, () => bar.tick());
      results.set(job, r);
      report(job, r);
    }
    bar.done();
    const wallSeconds = (performance.now() - start) / 1000;
    const runs = jobs.map((job) => ({ rule: job.rule, seed: job.seed, feedbackLr: job.feedbackLr, result: results.get(job)! }));

    const L = sizes.length - 1;
    const rows = p.rules.map((name) => {
      const mine = runs.filter((r) => r.rule === name);
      const acc = mine.map((r) => 100 * r.result.final.testAccuracy!);
      const val = mine.map((r) => (r.result.final.validationAccuracy === null ? null : 100 * r.result.final.validationAccuracy));
      return {
        rule: name,
        label: getRule(name).label,
        testAccuracyMean: mean(acc),
        testAccuracyStd: std(acc),
        validationAccuracyMean: meanOrNull(val),
        weightAngles: Array.from({ length: L }, (_, l) => meanOrNull(mine.map((r) => r.result.final.weightAngles[l]!))),
        signalAngles: Array.from({ length: L - 1 }, (_, l) => meanOrNull(mine.map((r) => r.result.final.signalAngles[l]!))),
        normRatios: Array.from({ length: L }, (_, l) => meanOrNull(mine.map((r) => r.result.final.normRatios[l]!))),
        feedbackLr: mine[0]!.feedbackLr,
        samplesPerSecond: mean(mine.map((r) => r.result.samplesPerSecond)),
      };
    });
    const table =
      `Test accuracy (mean ± std over ${p.seeds} seed${p.seeds > 1 ? 's' : ''}) and final angles (mean over seeds; weight angle per layer 1…${L}, signal angle per hidden layer 1…${L - 1}); ` +
      `${data.name}, MLP ${sizes.join('-')} ${p.activation}, ${p.epochs} epochs. — = not defined (DFA below the top layer) or not trained (layer-1 B unused).\n\n` +
      `| rule | test accuracy % | validation % | weight ∠ (°) per layer | signal ∠ (°) per hidden layer | ‖B‖/‖W‖ per layer | samples/s |\n|---|---|---|---|---|---|---|\n` +
      rows.map((r) => `| ${r.label} | ${r.testAccuracyMean.toFixed(2)} ± ${r.testAccuracyStd.toFixed(2)} | ${fmt(r.validationAccuracyMean, 2)} | ${r.weightAngles.map((a) => fmt(a)).join(' / ')} | ` +
        `${r.signalAngles.map((a) => fmt(a)).join(' / ')} | ${r.normRatios.map((a) => fmt(a, 2)).join(' / ')} | ${r.samplesPerSecond.toFixed(0)} |`).join('\n') + '\n';
    ctx.writeText('table.md', table);
    const tableJson = rows.map((r) => ({ ...r })) as unknown as JsonValue;
    ctx.writeJson('table.json', tableJson);

    // Series: per rule, the per-seed histories and their means.
    const color = (name: string, i: number): string => COLORS[name] ?? EXTRA_COLORS[i % EXTRA_COLORS.length]!;
    const series = p.rules.map((name) => {
      const mine = runs.filter((r) => r.rule === name).map((r) => r.result);
      const epochs = mine[0]!.epochs.map((e) => e.epoch);
      const angleEpochs = mine[0]!.angles.map((a) => a.epoch);
      const avg = (pick: (r: TrainResult, i: number) => number | null, n: number): (number | null)[] => Array.from({ length: n }, (_, i) => meanOrNull(mine.map((r) => pick(r, i))));
      return {
        rule: name,
        epochs,
        testAccuracy: avg((r, i) => r.epochs[i]!.testAccuracy, epochs.length),
        validationAccuracy: avg((r, i) => r.epochs[i]!.validationAccuracy, epochs.length),
        testLoss: avg((r, i) => r.epochs[i]!.testLoss, epochs.length),
        trainLoss: avg((r, i) => r.epochs[i]!.trainLoss, epochs.length),
        angleEpochs,
        weightAngles: Array.from({ length: L }, (_, l) => avg((r, i) => r.angles[i]!.weightAngles[l]!, angleEpochs.length)),
        signalAngles: Array.from({ length: L - 1 }, (_, l) => avg((r, i) => r.angles[i]!.signalAngles[l]!, angleEpochs.length)),
        normRatios: Array.from({ length: L }, (_, l) => avg((r, i) => r.angles[i]!.normRatios[l]!, angleEpochs.length)),
      };
    });
    ctx.writeJson('series.json', {
      note: 'means over seeds; per-seed final values are in summary.json metrics.results',
      seeds: p.seeds,
      sizes,
      rules: series,
    } as unknown as JsonValue);

    const lines = (pick: (s: (typeof series)[number]) => { x: number[]; y: (number | null)[] }): LineSeries[] =>
      series.flatMap((s, i) => {
        const { x, y } = pick(s);
        const keep = y.map((v, j) => [x[j]!, v] as const).filter((pt): pt is readonly [number, number] => pt[1] !== null);
        return keep.length ? [{ label: getRule(s.rule).label, x: keep.map((pt) => pt[0]), y: keep.map((pt) => pt[1]), color: color(s.rule, i) }] : [];
      });
    const seedsNote = `mean over ${p.seeds} seed${p.seeds > 1 ? 's' : ''}`;
    ctx.writePng('accuracy.png', await lineChart({
      title: `Test accuracy vs epoch — ${data.name}, MLP ${sizes.join('-')} ${p.activation} (${seedsNote})`,
      xLabel: 'epoch',
      yLabel: 'test accuracy (%)',
      series: lines((s) => ({ x: s.epochs.slice(1), y: s.testAccuracy.slice(1).map((a) => (a === null ? null : 100 * a)) })),
      width: 900,
      height: 560,
    }));
    const weightPanels: Buffer[] = [];
    for (let l = 0; l < L; l++) {
      const panel = lines((s) => ({ x: s.angleEpochs, y: s.weightAngles[l]! }));
      if (panel.length === 0) continue;
      weightPanels.push(await lineChart({
        title: `Weight angle ∠(W${l + 1}ᵀ, B${l + 1}), layer ${l + 1} (${sizes[l]}→${sizes[l + 1]})${l === 0 ? ', B unused' : ''} — ${seedsNote}`,
        xLabel: 'epoch',
        yLabel: 'angle (degrees)',
        series: panel,
        width: 700,
        height: 520,
      }));
    }
    if (weightPanels.length) ctx.writePng('weight-angles.png', await combinePngs(weightPanels, { columns: Math.min(3, weightPanels.length) }));
    const signalPanels: Buffer[] = [];
    for (let l = 0; l < L - 1; l++) {
      signalPanels.push(await lineChart({
        title: `Signal angle, hidden layer ${l + 1}: ∠(δ delivered, δ backprop) — ${seedsNote}`,
        xLabel: 'epoch',
        yLabel: 'angle (degrees)',
        series: lines((s) => ({ x: s.angleEpochs, y: s.signalAngles[l]! })),
        width: 760,
        height: 520,
      }));
    }
    if (signalPanels.length) ctx.writePng('signal-angles.png', await combinePngs(signalPanels, { columns: Math.min(3, signalPanels.length) }));

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
      results: runs.map((r) => ({
        rule: r.rule,
        seed: r.seed,
        testAccuracy: r.result.final.testAccuracy!,
        validationAccuracy: r.result.final.validationAccuracy,
        weightAngles: [...r.result.final.weightAngles],
        signalAngles: [...r.result.final.signalAngles],
        normRatios: [...r.result.final.normRatios],
        samplesPerSecond: r.result.samplesPerSecond,
      })),
      table: tableJson,
    };
  },
});

/** The seeded splits, standardised with the fitting rows' statistics. */
function loadData({ dataset, dataDir, train, validation, test }: Params, rng: Rng): Data {
  let trainX: Tensor, trainY: ArrayLike<number>, testX: Tensor, testY: ArrayLike<number>, name: string;
  if (dataset === 'mnist') {
    const { images, labels } = loadMnist();
    const [tr, te] = splitIndices(images.rows, [train, test], rng);
    trainX = images.gatherRows(tr!).detach();
    trainY = Array.from(tr!, (i) => labels[i]!);
    testX = images.gatherRows(te!).detach();
    testY = Array.from(te!, (i) => labels[i]!);
    name = 'MNIST';
  } else {
    const cifar = loadCifar10(dataDir);
    if (train > cifar.train.count) throw new Error(`--train ${train} exceeds the ${cifar.train.count} CIFAR-10 training records in ${cifar.dir}`);
    if (test > cifar.test.count) throw new Error(`--test ${test} exceeds the ${cifar.test.count} CIFAR-10 test records in ${cifar.dir}`);
    const [tr] = splitIndices(cifar.train.count, [train], rng.fork('train'));
    const [te] = splitIndices(cifar.test.count, [test], rng.fork('test'));
    const a = cifar10Rows(cifar.train, tr!);
    const b = cifar10Rows(cifar.test, te!);
    [trainX, trainY, testX, testY] = [a.images, a.labels, b.images, b.labels];
    name = 'CIFAR-10';
  }
  const fitX = trainX.sliceRows(validation, trainX.rows).detach();
  const standardize = fitStandardizer(fitX);
  const ys = Array.from(trainY);
  return {
    train: toSplit(standardize(fitX), ys.slice(validation)),
    validation: validation > 0 ? toSplit(standardize(trainX.sliceRows(0, validation).detach()), ys.slice(0, validation)) : undefined,
    test: toSplit(standardize(testX), testY),
    inputSize: trainX.cols,
    classes: 10,
    name,
  };
}

/** One training run: a rule at a seed (replicate index). */
interface Job {
  readonly seed: number;
  readonly rule: string;
  readonly feedbackLr: number;
}

/**
 * Trains one job. Replicate `seed` draws everything from root.fork(`seed${seed}`): the network from
 * .fork('network') (the same initial W for every rule) and batches and rule streams from .fork('train').
 */
function trainJob(p: Params, data: Data, sizes: readonly number[], root: Rng, job: Job, onStep: () => void): TrainResult {
  const seedRng = root.fork(`seed${job.seed}`);
  return trainNetwork({
    network: buildMlp({ sizes, activation: p.activation, rng: seedRng.fork('network') }),
    rule: job.rule === 'kp' && p.kpLambda > 0 ? getRule('kp').with({ lambda: p.kpLambda }) : getRule(job.rule),
    train: data.train,
    validation: data.validation,
    test: data.test,
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
    rng: seedRng.fork('train'),
    onStep,
  });
}

// ---------------------------------------------------------------------------------------------
// Worker threads (src/sim/pool.ts): each worker imports this file, loads and splits the data exactly
// as the main thread does (same seed string), and trains the jobs it is sent.

const WORKER_KIND = 'alignment-mnist-train';

interface WorkerInit {
  /** Seed string of ctx.rng; the worker's `new Rng(rootSeed)` is a copy of it. */
  readonly rootSeed: string;
  readonly params: Params;
}

serveJobs<WorkerInit, Job, TrainResult>(WORKER_KIND, ({ rootSeed, params }) => {
  const root = new Rng(rootSeed);
  const data = loadData(params, root.fork('split'));
  const sizes = [data.inputSize, ...params.hidden, data.classes];
  return (job, tick) => trainJob(params, data, sizes, root, job, () => tick());
});
