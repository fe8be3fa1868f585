import { Adam, SGD, type Optimizer } from '../optim/index.js';
import type { Rng } from '../random/rng.js';
import { assertFiniteTraining, noGrad, type Tensor } from '../tensor/index.js';
import { laeLoss, transposeDistance, type LossKind } from './losses.js';
import { LinearAutoencoder } from './model.js';

export interface LaeTrainOptions {
  k: number;
  loss: LossKind;
  lambda: number;
  steps: number;
  optimizer: 'adam' | 'sgd';
  lr: number;
  /** Adam's time decay lr/(1 + decay·t) (companion code: 0.1 for Fig. 3). */
  decay?: number;
  /** SGD momentum. */
  momentum?: number;
  /** Columns per minibatch; omitted or ≥ n means full batch. */
  batchSize?: number;
  initStd: number;
  bias?: boolean;
  rng: Rng;
  /** Called after every step (progress bars). */
  onStep?: (step: number) => void;
}

/** Per-step records of a training run. */
export interface LaeHistory {
  /** The loss before each step's update (full batch: exact; minibatch: the scaled batch estimate). */
  loss: Float64Array;
  /** ‖W1 − W2ᵀ‖²_F after each step (Fig. 3). */
  transposeDistance: Float64Array;
}

function makeOptimizer(params: Tensor[], o: LaeTrainOptions): Optimizer {
  return o.optimizer === 'adam'
    ? new Adam(params, { lr: o.lr, decay: o.decay ?? 0 })
    : new SGD(params, { lr: o.lr, momentum: o.momentum ?? 0 });
}

/**
 * Trains a linear autoencoder on X (m × n, data points as columns) with one of the three losses,
 * full batch or minibatch (columns drawn without replacement each epoch from the seeded rng;
 * batch losses scaled by n/batch so λ keeps its full-data meaning). Stops with a
 * DivergenceError naming the step and parameter at the first non-finite loss, weight or gradient.
 */
export function trainLae(X: Tensor, options: LaeTrainOptions): { model: LinearAutoencoder; history: LaeHistory } {
  const [m, n] = [X.rows, X.cols];
  const model = new LinearAutoencoder({ m, k: options.k, initStd: options.initStd, bias: options.bias ?? false, rng: options.rng });
  const opt = makeOptimizer(model.params, options);
  const batch = Math.min(options.batchSize ?? n, n);
  const Xt = batch < n ? X.transpose() : X; // rows = data points, for minibatch selection
  const history: LaeHistory = { loss: new Float64Array(options.steps), transposeDistance: new Float64Array(options.steps) };
  let order: Int32Array = new Int32Array(0);
  let cursor = n;
  const lossOptions = { loss: options.loss, lambda: options.lambda, b1: model.b1, b2: model.b2 };
  for (let step = 0; step < options.steps; step++) {
    let Xb = X;
    if (batch < n) {
      if (cursor + batch > n) {
        order = options.rng.permutation(n);
        cursor = 0;
      }
      Xb = Xt.gatherRows(order.subarray(cursor, cursor + batch)).transpose();
      cursor += batch;
    }
    opt.zeroGrad();
    const L = laeLoss(Xb, model.W1, model.W2, { ...lossOptions, reconstructionScale: n / Xb.cols });
    L.backward();
    const value = L.item();
    assertFiniteTraining(step, model.params, value);
    opt.step();
    history.loss[step] = value;
    history.transposeDistance[step] = noGrad(() => transposeDistance(model.W1, model.W2));
    options.onStep?.(step);
  }
  assertFiniteTraining(options.steps, model.params);
  return { model, history };
}
