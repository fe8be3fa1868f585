/**
 * First-order training of an LAE on the covariance form of its loss, for the MNIST figures:
 * ‖X − W2W1X‖²_F = tr C − 2 tr(W1CW2) + tr((W2ᵀW2)(W1CW1ᵀ)), so a full-batch Adam step costs
 * O(m²k) through C instead of O(mnk) through X (exactly the same objective and gradients).
 */
import type { LossKind } from '../lae/index.js';
import { Adam } from '../optim/index.js';
import type { Rng } from '../random/rng.js';
import { assertFiniteTraining, matmul, randn, type Tensor } from '../tensor/index.js';

/** The LAE loss (unregularized, product or sum; full-data convention) evaluated through C = XXᵀ. */
export function covarianceLoss(C: Tensor, W1: Tensor, W2: Tensor, loss: LossKind, lambda: number): Tensor {
  const P = matmul(W1, C); // W1C, k × m
  const A = matmul(W2, W2, { transposeA: true }); // W2ᵀW2
  const B = matmul(P, W1, { transposeB: true }); // W1CW1ᵀ
  const traceC = C.trace().item();
  let L = A.mul(B).sum().sub(P.mul(W2.transpose()).sum().mul(2)).add(traceC);
  if (loss === 'product') L = L.add(A.mul(matmul(W1, W1, { transposeB: true })).sum().mul(lambda)); // λ‖W2W1‖²_F
  if (loss === 'sum') L = L.add(W1.sumSquares().add(W2.sumSquares()).mul(lambda));
  return L;
}

export interface CovarianceTrainOptions {
  k: number;
  loss: LossKind;
  lambda: number;
  steps: number;
  /** Adam learning rate and the companion's time decay lr/(1 + decay·t). */
  lr: number;
  decay?: number;
  /** Normal initialization std (companion: 0.05). */
  initStd: number;
  rng: Rng;
  onStep?: (step: number) => void;
}

/** Full-batch Adam on the covariance form; returns the weights and the loss before each step. */
export function trainLaeCovariance(C: Tensor, o: CovarianceTrainOptions): { W1: Tensor; W2: Tensor; loss: Float64Array } {
  const m = C.rows;
  const W1 = randn([o.k, m], o.rng, o.initStd).param('W1');
  const W2 = randn([m, o.k], o.rng, o.initStd).param('W2');
  const opt = new Adam([W1, W2], { lr: o.lr, decay: o.decay ?? 0 });
  const loss = new Float64Array(o.steps);
  for (let t = 0; t < o.steps; t++) {
    opt.zeroGrad();
    const L = covarianceLoss(C, W1, W2, o.loss, o.lambda);
    L.backward();
    loss[t] = L.item();
    assertFiniteTraining(t, [W1, W2], loss[t]!);
    opt.step();
    o.onStep?.(t);
  }
  assertFiniteTraining(o.steps, [W1, W2]);
  return { W1: W1.detach(), W2: W2.detach(), loss };
}
