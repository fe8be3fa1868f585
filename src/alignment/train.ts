import type { Network } from '../nn/index.js';
import type { LearningRule } from './rule.js';
import { AlignmentTrainer, type Split, type TrainerOptions } from './trainer.js';

export interface TrainOptions extends TrainerOptions {
  /** Trained in place; build a fresh one per rule (the same seed gives the same initial W). */
  network: Network;
  rule: LearningRule | string;
  train: Split;
  test?: Split;
  /** A part of the training data held out for tuning; never the test split. */
  validation?: Split;
  epochs: number;
  batchSize: number;
  /** Training rows of the fixed batch on which signal angles are measured; default 512. */
  signalBatch?: number;
  /**
   * Angle records per epoch (evenly spaced in steps, the last at the epoch's end); default 1.
   * Only angles and norm ratios are measured in between, accuracies once per epoch.
   */
  anglesPerEpoch?: number;
  /** Called after every step (progress bars). */
  onStep?: () => void;
  /** Called with every epoch's record, epoch 0 (before training) included. */
  onEpoch?: (record: EpochRecord) => void;
}

/** Metrics at the end of an epoch (epoch 0: before training). */
export interface EpochRecord {
  readonly epoch: number;
  readonly steps: number;
  /** Mean task loss over the epoch's steps (null at epoch 0). */
  readonly trainLoss: number | null;
  readonly testLoss: number | null;
  readonly testAccuracy: number | null;
  readonly validationLoss: number | null;
  readonly validationAccuracy: number | null;
  /** ∠(W_lᵀ, B_l) per layer, degrees; null where undefined (DFA below the top layer). */
  readonly weightAngles: readonly (number | null)[];
  /** ∠(delivered δ, backprop δ) per hidden layer, degrees. */
  readonly signalAngles: readonly number[];
  /** ‖B_l‖/‖W_l‖ per layer. */
  readonly normRatios: readonly (number | null)[];
}

/** Alignment measured during training; `epoch` is fractional (steps / steps per epoch). */
export interface AngleRecord {
  readonly epoch: number;
  readonly steps: number;
  readonly weightAngles: readonly (number | null)[];
  readonly signalAngles: readonly number[];
  readonly normRatios: readonly (number | null)[];
}

export interface TrainResult {
  readonly rule: string;
  readonly epochs: readonly EpochRecord[];
  /** Every angle record, epoch ends included (epoch 0 first). */
  readonly angles: readonly AngleRecord[];
  readonly final: EpochRecord;
  readonly steps: number;
  /** Time spent in training steps only (evaluation excluded). */
  readonly trainSeconds: number;
  readonly samplesPerSecond: number;
}

/**
 * Seeded minibatch training of `network` with a learning rule: each epoch visits a fresh
 * permutation of the training rows in batches of `batchSize` (the last partial batch is dropped),
 * then records test/validation loss and accuracy, weight angles, signal angles and norm ratios.
 * Stops with a DivergenceError naming the epoch, step and layer at the first NaN/±Infinity.
 */
export function trainNetwork(options: TrainOptions): TrainResult {
  const { network, train, test, validation, epochs, batchSize, rng, onStep, onEpoch } = options;
  const N = train.x.rows;
  if (!Number.isInteger(epochs) || epochs < 0) throw new RangeError(`trainNetwork: epochs must be a non-negative integer, got ${epochs}`);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > N) throw new RangeError(`trainNetwork: batchSize must be an integer in [1, ${N}], got ${batchSize}`);
  if (train.y.length !== N) throw new RangeError(`trainNetwork: ${N} training rows but ${train.y.length} labels`);
  const trainer = new AlignmentTrainer(network, options.rule, options);
  const trainX = train.x.to(trainer.dtype); // converted once, not per batch
  const signalRows = rng.fork('signal-batch').permutation(N).slice(0, Math.min(options.signalBatch ?? 512, N));
  const signalBatch: Split = { x: trainX.gatherRows(signalRows).detach(), y: Array.from(signalRows, (i) => train.y[i]!) };
  const order = rng.fork('batches');
  const angleRecord = (epoch: number): AngleRecord => {
    const a: AngleRecord = { epoch, steps: trainer.steps, ...trainer.measureAlignment(signalBatch.x, signalBatch.y) };
    angles.push(a);
    return a;
  };
  const record = (epoch: number, trainLoss: number | null): EpochRecord => {
    const t = test ? trainer.evaluate(test) : undefined;
    const v = validation ? trainer.evaluate(validation) : undefined;
    const a = angleRecord(epoch);
    const r: EpochRecord = {
      epoch,
      steps: trainer.steps,
      trainLoss,
      testLoss: t?.loss ?? null,
      testAccuracy: t?.accuracy ?? null,
      validationLoss: v?.loss ?? null,
      validationAccuracy: v?.accuracy ?? null,
      signalAngles: a.signalAngles,
      weightAngles: a.weightAngles,
      normRatios: a.normRatios,
    };
    onEpoch?.(r);
    return r;
  };
  const angles: AngleRecord[] = [];
  const history: EpochRecord[] = [record(0, null)];
  const stepsPerEpoch = Math.floor(N / batchSize);
  const perEpoch = options.anglesPerEpoch ?? 1;
  if (!Number.isInteger(perEpoch) || perEpoch < 1) throw new RangeError(`trainNetwork: anglesPerEpoch must be a positive integer, got ${perEpoch}`);
  const marks = new Set(Array.from({ length: perEpoch - 1 }, (_, k) => Math.round(((k + 1) * stepsPerEpoch) / perEpoch)));
  const labels = new Int32Array(batchSize);
  let seconds = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    trainer.epoch = epoch;
    const perm = order.permutation(N);
    let lossSum = 0;
    let start = performance.now();
    for (let s = 0; s < stepsPerEpoch; s++) {
      const idx = perm.subarray(s * batchSize, (s + 1) * batchSize);
      for (let i = 0; i < batchSize; i++) labels[i] = train.y[idx[i]!]!;
      lossSum += trainer.step(trainX.gatherRows(idx), labels);
      onStep?.();
      if (marks.has(s + 1)) {
        seconds += (performance.now() - start) / 1000;
        angleRecord(epoch - 1 + (s + 1) / stepsPerEpoch);
        start = performance.now();
      }
    }
    seconds += (performance.now() - start) / 1000;
    history.push(record(epoch, lossSum / stepsPerEpoch));
  }
  return {
    rule: trainer.rule.name,
    epochs: history,
    angles,
    final: history[history.length - 1]!,
    steps: trainer.steps,
    trainSeconds: seconds,
    samplesPerSecond: seconds > 0 ? (trainer.steps * batchSize) / seconds : 0,
  };
}
