/**
 * What the network-training simulations (alignment-mnist, alignment-conv, alignment-depth) share:
 * the seeded data splits, the (rule × seed) jobs run on the worker pool, mean ± std over seeds,
 * the table, the series and the accuracy / weight-angle / signal-angle charts.
 */
import { combinePngs, lineChart, type LineSeries } from '../../src/charts/index.js';
import { cifar10Rows, loadCifar10 } from '../../src/data/cifar10.js';
import { loadMnist, splitIndices } from '../../src/data/index.js';
import { BUILTIN_RULES, getRule, ruleNames, ruleSummaries, type Split, type TrainResult } from '../../src/alignment/index.js';
import { fitStandardizer } from '../../src/nn/index.js';
import { isRuleFromFile, runPool, serveJobs, type JsonValue, type ParamSpecs, type RunContext } from '../../src/sim/index.js';
import { mean, sampleStd } from '../../src/sim/sweep/aggregate.js';
import { Rng } from '../../src/random/rng.js';
import type { Tensor } from '../../src/tensor/index.js';

/** Learning rates of B for the local-loss rules, tuned on a validation split of MNIST with Adam (alignment-mnist's MLP) (docs/alignment-tuning.md); others use lr. */
export const TUNED_FEEDBACK_LR: Readonly<Record<string, number>> = { wm: 0.01, sa: 0.01, aa: 0.03, ia: 0.003 };

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

/** The chart colour of a rule (i: its position among the rules shown). */
export const ruleColor = (name: string, i: number): string => COLORS[name] ?? EXTRA_COLORS[i % EXTRA_COLORS.length]!;

/** Sample standard deviation (n − 1); 0 for a single value. */
export const std = sampleStd;
export { mean };
/** Mean of the non-null values, or null if there are none. */
export const meanOrNull = (xs: readonly (number | null)[]): number | null => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? mean(v) : null;
};
export const fmt = (x: number | null, digits = 1): string => (x === null ? '—' : x.toFixed(digits));
/** Sample standard deviation of the non-null values; null when none (0 for one). */
export const stdOrNull = (xs: readonly (number | null)[]): number | null => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? std(v) : null;
};
/** "mean ± std" (just the mean for one seed), "—" when undefined. */
const fmtPm = (m: number | null, sd: number | null, seeds: number, digits = 1): string => (m === null ? '—' : seeds > 1 && sd !== null ? `${m.toFixed(digits)} ± ${sd.toFixed(digits)}` : m.toFixed(digits));

/** Where the data come from, declared once for every network simulation (spread first). */
export const DATA_SOURCE_PARAMS = {
  dataset: { kind: 'choice', choices: ['mnist', 'cifar10'], default: 'mnist', help: 'data set; cifar10 reads the binary files from --data-dir' },
  dataDir: { kind: 'path', mustExist: 'dir', default: '', help: 'folder holding cifar-10-batches-bin/ (or the .bin files) for --dataset cifar10' },
  rules: { kind: 'choiceList', choices: ruleNames(), choiceHelp: ruleSummaries(), default: ruleNames(), help: 'learning rules to compare (registered names)' },
} as const satisfies ParamSpecs;

/** The optimizer of W, b and learned B, declared once for every network simulation. */
export const OPTIMIZER_PARAMS = {
  optimizer: { kind: 'choice', choices: ['adam', 'sgd'], default: 'adam', help: 'optimizer of W, b and learned B' },
  momentum: { kind: 'number', min: 0, max: 0.999, default: 0.9, help: 'SGD momentum (ignored with adam)' },
} as const satisfies ParamSpecs;

/** The element type of training, declared once for every network simulation (TrainerOptions.dtype). */
export const DTYPE_PARAMS = {
  dtype: { kind: 'choice', choices: ['float64', 'float32'], default: 'float64', help: 'element type of the weights, batches and kernels: float32 runs the f32x4 kernels (about twice as fast in the products) and tracks float64 within the tolerance of test/alignment/dtype.test.ts' },
} as const satisfies ParamSpecs;

/** Sizes every network simulation declares, with its own defaults: minibatch, the train/validation/test split, the signal-angle batch. */
export function sizeParams(d: { readonly batchSize: number; readonly train: number; readonly trainFull?: number; readonly test: number; readonly signalBatch: number }) {
  return {
    batchSize: { kind: 'integer', min: 1, max: 10000, default: d.batchSize, help: 'minibatch size' },
    train: { kind: 'integer', min: 100, max: 50000, default: d.train, ...(d.trainFull === undefined ? {} : { full: d.trainFull }), help: 'training rows (the validation part included)' },
    validation: { kind: 'integer', min: 0, max: 10000, default: 0, help: 'rows of the training split held out for validation (tuning); 0 = train on all of it' },
    test: { kind: 'integer', min: 100, max: 10000, default: d.test, help: 'test rows' },
    signalBatch: { kind: 'integer', min: 1, max: 10000, default: d.signalBatch, help: 'fixed training rows on which signal angles are measured' },
  } as const satisfies ParamSpecs;
}

/** The reference's options of the local losses (Neural-Alignment flags.py), declared once; see TrainerOptions.alignment. */
export const ALIGNMENT_PARAMS = {
  alignmentBias: { kind: 'boolean', default: true, help: "local losses on a = Wx + b, the layer's bias in both projections (the reference's use_bias_forward/backward); false: on Wx" },
  centerInput: { kind: 'boolean', default: false, help: "local losses on each example's input minus its mean over its features (the reference's center_input)" },
  updateForward: { kind: 'boolean', default: false, help: "the local loss trains W too, not only B (the reference's update_forward)" },
  feedbackNoise: { kind: 'number', min: 0, max: 100, default: 0, help: "noisy feedback updates (Two Routes §5): Gaussian noise of this size relative to the rms of B's gradient is added to it (learned rules)" },
} as const satisfies ParamSpecs;

/** The trainer's options for the local losses from those parameters. */
export const localLossOptions = (p: { readonly alignmentBias: boolean; readonly centerInput: boolean; readonly updateForward: boolean; readonly feedbackNoise: number }) => ({
  alignment: { bias: p.alignmentBias, centerInput: p.centerInput, updateForward: p.updateForward },
  feedbackNoise: p.feedbackNoise,
});

/** The worker count, declared once for every network simulation (spread last). */
export const WORKER_PARAMS = {
  workers: { kind: 'integer', min: 1, max: 64, default: 2, help: 'training jobs run in parallel (worker threads); the results do not depend on it' },
} as const satisfies ParamSpecs;

/** The data parameters every network simulation declares. */
export interface DataParams {
  readonly dataset: string;
  readonly dataDir: string;
  readonly train: number;
  readonly validation: number;
  readonly test: number;
}

export interface Data {
  train: Split;
  validation: Split | undefined;
  test: Split;
  /** One example: [features] for rows, [channels, height, width] for images. */
  inputShape: number[];
  classes: number;
  name: string;
}

/** Parameter checks shared by the network simulations (one line each, or undefined). */
export function checkData(p: DataParams, batchSize: number): string | undefined {
  if (p.dataset === 'cifar10' && p.dataDir === '') return '--dataset cifar10 needs --data-dir <folder holding cifar-10-batches-bin/>';
  if (p.dataset !== 'cifar10' && p.dataDir !== '') return `--data-dir ${p.dataDir} is only used with --dataset cifar10`;
  if (p.dataset === 'mnist' && p.train + p.test > 10000) return `--train ${p.train} + --test ${p.test} exceed the 10,000 MNIST digits`;
  if (p.validation >= p.train) return `--validation ${p.validation} must be smaller than --train ${p.train}`;
  if (batchSize > p.train - p.validation) return `--batchSize ${batchSize} exceeds the ${p.train - p.validation} fitting rows`;
  return undefined;
}

/**
 * The seeded splits, standardised with the fitting rows' statistics (src/nn/preprocess.ts); the
 * first `validation` training rows are held out. `images` reshapes every split to N × C × H × W.
 */
export function loadData({ dataset, dataDir, train, validation, test }: DataParams, rng: Rng, images = false): Data {
  let trainX: Tensor, trainY: ArrayLike<number>, testX: Tensor, testY: ArrayLike<number>, name: string, image: number[];
  if (dataset === 'mnist') {
    const { images: all, labels } = loadMnist();
    const [tr, te] = splitIndices(all.rows, [train, test], rng);
    trainX = all.gatherRows(tr!).detach();
    trainY = Array.from(tr!, (i) => labels[i]!);
    testX = all.gatherRows(te!).detach();
    testY = Array.from(te!, (i) => labels[i]!);
    name = 'MNIST';
    image = [1, 28, 28];
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
    image = [3, 32, 32];
  }
  const fitX = trainX.sliceRows(validation, trainX.rows).detach();
  const standardize = fitStandardizer(fitX);
  const shaped = (x: Tensor): Tensor => (images ? x.reshape([x.rows, ...image]).detach() : x);
  const ys = Array.from(trainY);
  const split = (x: Tensor, y: ArrayLike<number>): Split => ({ x: shaped(standardize(x)), y: Array.from(y) });
  return {
    train: split(fitX, ys.slice(validation)),
    validation: validation > 0 ? split(trainX.sliceRows(0, validation).detach(), ys.slice(0, validation)) : undefined,
    test: split(testX, testY),
    inputShape: images ? image : [trainX.cols],
    classes: 10,
    name,
  };
}

/** The training, validation and test splits of the data, as trainNetwork takes them. */
export const splitsOf = ({ train, validation, test }: Data): Pick<Data, 'train' | 'validation' | 'test'> => ({ train, validation, test });

/** What a pool worker of a comparison starts with: the run's seed string and its parameters. */
export interface ComparisonInit<P> {
  /** Seed string of ctx.rng; the worker's `new Rng(rootSeed)` is a copy of it. */
  readonly rootSeed: string;
  readonly params: P;
}

/**
 * Worker side of runJobs, called at module level by the simulation file: in a pool worker of this
 * kind, rebuilds the run's generator, lets `setup` load the data once (exactly as the main thread
 * does, from the same seed), then trains each job it is sent. A no-op elsewhere.
 */
export function serveComparison<P, J extends Job>(kind: string, setup: (params: P, root: Rng) => (job: J, tick: () => void) => TrainResult): void {
  serveJobs<ComparisonInit<P>, J, TrainResult>(kind, ({ rootSeed, params }) => {
    const train = setup(params, new Rng(rootSeed));
    return (job, tick) => train(job, () => tick());
  });
}

/** One training run: a rule at a seed (replicate index), plus whatever else the simulation varies. */
export interface Job {
  readonly seed: number;
  readonly rule: string;
  readonly feedbackLr: number;
}

export interface Run<J extends Job> {
  readonly job: J;
  readonly result: TrainResult;
}

export interface RunJobsOptions<J extends Job> {
  /** Worker kind and module (the simulation file, which calls serveJobs(kind, …)). */
  readonly kind: string;
  readonly module: string;
  readonly init: unknown;
  readonly workers: number;
  /** Trains a job in this process (plug-in rules registered here only, or workers = 1). */
  readonly local: (job: J, tick: () => void) => TrainResult;
  readonly tick: (n?: number) => void;
  readonly report?: (job: J, result: TrainResult) => void;
}

/**
 * Runs the jobs: built-in rules and rules from --rule-file on the worker pool when workers > 1 (each
 * worker imports the simulation file and rebuilds the same data from the same seed), the rest (rules
 * registered in this process only) here.
 * Returns the runs in the order of `jobs`; the numbers do not depend on the worker count.
 */
export async function runJobs<J extends Job>(jobs: readonly J[], o: RunJobsOptions<J>): Promise<Run<J>[]> {
  const builtin = new Set(BUILTIN_RULES.map((r) => r.name));
  const pooled = o.workers > 1 ? jobs.filter((j) => builtin.has(j.rule) || isRuleFromFile(j.rule)) : [];
  const local = jobs.filter((j) => !pooled.includes(j));
  const results = new Map<J, TrainResult>();
  const done = (job: J, r: TrainResult): void => {
    results.set(job, r);
    o.report?.(job, r);
  };
  await runPool<J, TrainResult>(pooled, { kind: o.kind, module: o.module, init: o.init, workers: o.workers, onTick: (n) => o.tick(n), onResult: done });
  for (const job of local) done(job, o.local(job, () => o.tick()));
  return jobs.map((job) => ({ job, result: results.get(job)! }));
}

/** The log line of one finished run. */
export function runLine(job: Job, result: TrainResult, prefix = ''): string {
  const f = result.final;
  return `${prefix}seed ${job.seed} ${job.rule.padEnd(8)} test ${(100 * f.testAccuracy!).toFixed(2)} %  weight ∠ ${f.weightAngles.map((a) => fmt(a)).join(' / ')}  ` +
    `signal ∠ ${f.signalAngles.map((a) => fmt(a)).join(' / ')}  (${result.samplesPerSecond.toFixed(0)} samples/s)`;
}

/** Where a comparison writes its files (a simulation's RunContext). */
export type ResultWriter = Pick<RunContext, 'writeText' | 'writeJson' | 'writePng'>;

/** Per-rule summary of a comparison (mean ± std over seeds of the final records). */
export interface RuleRow {
  rule: string;
  label: string;
  testAccuracyMean: number;
  testAccuracyStd: number;
  validationAccuracyMean: number | null;
  weightAngles: (number | null)[];
  weightAnglesStd: (number | null)[];
  signalAngles: (number | null)[];
  signalAnglesStd: (number | null)[];
  normRatios: (number | null)[];
  feedbackLr: number;
  samplesPerSecond: number;
}

export interface ComparisonOptions {
  readonly rules: readonly string[];
  readonly seeds: number;
  /** Feedback layers of the network (weight angles are per layer, signal angles per hidden layer). */
  readonly layers: number;
  /** Table caption, e.g. "MNIST, MLP 784-256-256-10 relu, 5 epochs". */
  readonly caption: string;
  /** Chart title suffix, e.g. "MNIST, MLP 784-256-256-10 relu". */
  readonly network: string;
  /** Per-layer chart label, e.g. "layer 2 (256→256)". */
  readonly layerLabel: (l: number) => string;
  /** File name prefix (alignment-conv writes one set per architecture). */
  readonly prefix?: string;
  /** More fields for series.json, after `seeds`. */
  readonly seriesFields?: Record<string, JsonValue>;
}

/** The per-rule rows of a set of runs. */
function ruleRows(runs: readonly Run<Job>[], o: Pick<ComparisonOptions, 'rules' | 'layers'>): RuleRow[] {
  const L = o.layers;
  return o.rules.map((name) => {
    const mine = runs.filter((r) => r.job.rule === name);
    const acc = mine.map((r) => 100 * r.result.final.testAccuracy!);
    const val = mine.map((r) => (r.result.final.validationAccuracy === null ? null : 100 * r.result.final.validationAccuracy));
    return {
      rule: name,
      label: getRule(name).label,
      testAccuracyMean: mean(acc),
      testAccuracyStd: std(acc),
      validationAccuracyMean: meanOrNull(val),
      weightAngles: Array.from({ length: L }, (_, l) => meanOrNull(mine.map((r) => r.result.final.weightAngles[l]!))),
      weightAnglesStd: Array.from({ length: L }, (_, l) => stdOrNull(mine.map((r) => r.result.final.weightAngles[l]!))),
      signalAngles: Array.from({ length: L - 1 }, (_, l) => meanOrNull(mine.map((r) => r.result.final.signalAngles[l]!))),
      signalAnglesStd: Array.from({ length: L - 1 }, (_, l) => stdOrNull(mine.map((r) => r.result.final.signalAngles[l]!))),
      normRatios: Array.from({ length: L }, (_, l) => meanOrNull(mine.map((r) => r.result.final.normRatios[l]!))),
      feedbackLr: mine[0]!.job.feedbackLr,
      samplesPerSecond: mean(mine.map((r) => r.result.samplesPerSecond)),
    };
  });
}

/**
 * Writes the comparison of one network: table.md / table.json, series.json (means over seeds) and
 * accuracy.png, weight-angles.png, signal-angles.png (each with `prefix`). Returns the table text
 * and rows.
 */
export async function writeComparison(ctx: ResultWriter, runs: readonly Run<Job>[], o: ComparisonOptions): Promise<{ table: string; rows: RuleRow[]; tableJson: JsonValue }> {
  const L = o.layers;
  const pre = o.prefix ?? '';
  const rows = ruleRows(runs, o);
  const table =
    `Test accuracy and final angles, mean ± std over ${o.seeds} seed${o.seeds > 1 ? 's' : ''} (weight angle per layer 1…${L}, signal angle per hidden layer 1…${L - 1}; ‖B‖/‖W‖ mean); ` +
    `${o.caption}. — = not defined (DFA below the top layer) or not trained (layer-1 B unused).\n\n` +
    `| rule | test accuracy % | validation % | weight ∠ (°) per layer | signal ∠ (°) per hidden layer | ‖B‖/‖W‖ per layer | samples/s |\n|---|---|---|---|---|---|---|\n` +
    rows.map((r) => `| ${r.label} | ${r.testAccuracyMean.toFixed(2)} ± ${r.testAccuracyStd.toFixed(2)} | ${fmt(r.validationAccuracyMean, 2)} | ${r.weightAngles.map((a, l) => fmtPm(a, r.weightAnglesStd[l]!, o.seeds)).join(' / ')} | ` +
      `${r.signalAngles.map((a, l) => fmtPm(a, r.signalAnglesStd[l]!, o.seeds)).join(' / ')} | ${r.normRatios.map((a) => fmt(a, 2)).join(' / ')} | ${r.samplesPerSecond.toFixed(0)} |`).join('\n') + '\n';
  ctx.writeText(`${pre}table.md`, table);
  const tableJson = rows.map((r) => ({ ...r })) as unknown as JsonValue;
  ctx.writeJson(`${pre}table.json`, tableJson);

  // Series: per rule, the means and standard deviations over seeds of the histories.
  const series = o.rules.map((name, ruleIndex) => {
    const mine = runs.filter((r) => r.job.rule === name).map((r) => r.result);
    const epochs = mine[0]!.epochs.map((e) => e.epoch);
    const angleEpochs = mine[0]!.angles.map((a) => a.epoch);
    const avg = (pick: (r: TrainResult, i: number) => number | null, n: number): (number | null)[] => Array.from({ length: n }, (_, i) => meanOrNull(mine.map((r) => pick(r, i))));
    const sd = (pick: (r: TrainResult, i: number) => number | null, n: number): (number | null)[] => Array.from({ length: n }, (_, i) => stdOrNull(mine.map((r) => pick(r, i))));
    return {
      rule: name,
      label: getRule(name).label,
      color: ruleColor(name, ruleIndex),
      epochs,
      testAccuracy: avg((r, i) => r.epochs[i]!.testAccuracy, epochs.length),
      testAccuracyStd: sd((r, i) => r.epochs[i]!.testAccuracy, epochs.length),
      validationAccuracy: avg((r, i) => r.epochs[i]!.validationAccuracy, epochs.length),
      testLoss: avg((r, i) => r.epochs[i]!.testLoss, epochs.length),
      trainLoss: avg((r, i) => r.epochs[i]!.trainLoss, epochs.length),
      angleEpochs,
      weightAngles: Array.from({ length: L }, (_, l) => avg((r, i) => r.angles[i]!.weightAngles[l]!, angleEpochs.length)),
      weightAnglesStd: Array.from({ length: L }, (_, l) => sd((r, i) => r.angles[i]!.weightAngles[l]!, angleEpochs.length)),
      signalAngles: Array.from({ length: L - 1 }, (_, l) => avg((r, i) => r.angles[i]!.signalAngles[l]!, angleEpochs.length)),
      signalAnglesStd: Array.from({ length: L - 1 }, (_, l) => sd((r, i) => r.angles[i]!.signalAngles[l]!, angleEpochs.length)),
      normRatios: Array.from({ length: L }, (_, l) => avg((r, i) => r.angles[i]!.normRatios[l]!, angleEpochs.length)),
    };
  });
  ctx.writeJson(`${pre}series.json`, {
    note: 'means over seeds (…Std: sample standard deviations); per-seed final values are in summary.json metrics.results',
    seeds: o.seeds,
    ...o.seriesFields,
    rules: series,
  } as unknown as JsonValue);
  // One line per rule; with two or more seeds a ±1 std band around it.
  const lines = (pick: (s: (typeof series)[number]) => { x: number[]; y: (number | null)[]; sd: (number | null)[] }): LineSeries[] =>
    series.flatMap((s) => {
      const { x, y, sd } = pick(s);
      const keep = y.flatMap((v, j) => (v === null ? [] : [{ x: x[j]!, y: v, sd: sd[j] ?? 0 }]));
      if (keep.length === 0) return [];
      const band = o.seeds > 1 ? { lower: keep.map((p) => p.y - p.sd), upper: keep.map((p) => p.y + p.sd) } : undefined;
      return [{ label: s.label, x: keep.map((p) => p.x), y: keep.map((p) => p.y), color: s.color, ...(band ? { band } : {}) }];
    });
  const seedsNote = o.seeds > 1 ? `mean ± std over ${o.seeds} seeds` : 'one seed';
  const percent = (v: (number | null)[]) => v.map((a) => (a === null ? null : 100 * a));
  ctx.writePng(`${pre}accuracy.png`, await lineChart({
    title: `Test accuracy vs epoch — ${o.network} (${seedsNote})`,
    xLabel: 'epoch',
    yLabel: 'test accuracy (%)',
    series: lines((s) => ({ x: s.epochs.slice(1), y: percent(s.testAccuracy.slice(1)), sd: percent(s.testAccuracyStd.slice(1)) })),
    width: 900,
    height: 560,
  }));
  // angle charts: epochs 0 … last exactly (measurements fall between whole epochs), degrees from 0 to 90 unless a band goes beyond
  const lastEpoch = Math.max(...series.map((s) => s.angleEpochs[s.angleEpochs.length - 1] ?? 0));
  const angleAxes = (panel: LineSeries[]) => {
    const top = Math.max(...panel.flatMap((s) => [...(s.band?.upper ?? s.y)]));
    return { xRange: [0, Math.max(lastEpoch, 1e-9)] as [number, number], ...(top <= 90 ? { yRange: [0, 90] as [number, number] } : {}) };
  };
  const weightPanels: Buffer[] = [];
  for (let l = 0; l < L; l++) {
    const panel = lines((s) => ({ x: s.angleEpochs, y: s.weightAngles[l]!, sd: s.weightAnglesStd[l]! }));
    if (panel.length === 0) continue;
    weightPanels.push(await lineChart({
      title: `Weight angle ∠(W${l + 1}ᵀ, B${l + 1}), ${o.layerLabel(l)}${l === 0 ? ', B unused' : ''} — ${seedsNote}`,
      xLabel: 'epoch',
      yLabel: 'angle (degrees)',
      series: panel,
      ...angleAxes(panel),
      width: 700,
      height: 520,
    }));
  }
  if (weightPanels.length) ctx.writePng(`${pre}weight-angles.png`, await combinePngs(weightPanels, { columns: Math.min(3, weightPanels.length) }));
  const signalPanels: Buffer[] = [];
  for (let l = 0; l < L - 1; l++) {
    const panel = lines((s) => ({ x: s.angleEpochs, y: s.signalAngles[l]!, sd: s.signalAnglesStd[l]! }));
    signalPanels.push(await lineChart({
      title: `Signal angle, hidden layer ${l + 1}: ∠(δ delivered, δ backprop) — ${seedsNote}`,
      xLabel: 'epoch',
      yLabel: 'angle (degrees)',
      series: panel,
      ...angleAxes(panel),
      width: 760,
      height: 520,
    }));
  }
  if (signalPanels.length) ctx.writePng(`${pre}signal-angles.png`, await combinePngs(signalPanels, { columns: Math.min(3, signalPanels.length) }));
  return { table, rows, tableJson };
}

/** The per-seed final values of every run, for summary.json. */
export function runResults(runs: readonly Run<Job>[]): JsonValue {
  return runs.map((r) => ({
    rule: r.job.rule,
    seed: r.job.seed,
    testAccuracy: r.result.final.testAccuracy!,
    validationAccuracy: r.result.final.validationAccuracy,
    weightAngles: [...r.result.final.weightAngles],
    signalAngles: [...r.result.final.signalAngles],
    normRatios: [...r.result.final.normRatios],
    samplesPerSecond: r.result.samplesPerSecond,
  })) as unknown as JsonValue;
}
