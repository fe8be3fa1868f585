/**
 * Batch normalisation (Ioffe & Szegedy 2015) as one op: y = γ(x − μ)/√(σ² + ε) + β per channel of
 * x (N × C, or N × C × H × W with the statistics over N, H, W). With `stats: 'batch'` μ and σ² are
 * the batch mean and biased variance and the gradient flows through them; with given running
 * statistics they are constants.
 */
import { accumulate, allocate, result } from '../autograd.js';
import { ShapeError } from '../errors.js';
import { channelStats, normalize, normalizeBackward } from '../kernels/index.js';
import { resultDtype } from './operand.js';
import { allocLike, type FloatArray } from '../kernels/dtype.js';
import type { Tensor } from '../tensor.js';

export interface BatchNormOptions {
  /** ε under the square root; default 1e-5. */
  readonly eps?: number;
  /** Running statistics to normalise with (evaluation); omitted: the batch's (training). */
  readonly running?: { readonly mean: Tensor; readonly variance: Tensor };
  /** Receives the batch mean and biased variance (training mode), e.g. for running statistics. */
  readonly onStats?: (mean: Float64Array, variance: Float64Array, count: number) => void;
}

export function batchNorm(x: Tensor, gamma: Tensor, beta: Tensor, options: BatchNormOptions = {}): Tensor {
  const C = gamma.size;
  if ((x.rank !== 2 && x.rank !== 4) || x.shape[1] !== C || beta.size !== C) {
    throw new ShapeError('batchNorm', [x.shape, gamma.shape], `do not fit: x must be N × ${C} or N × ${C} × H × W, γ and β ${C} entries`);
  }
  const { eps = 1e-5, running } = options;
  const N = x.shape[0]!;
  const P = x.size / (N * C);
  let mean: FloatArray, variance: FloatArray;
  if (running === undefined) {
    if (N * P < 2) throw new ShapeError('batchNorm', [x.shape, gamma.shape], 'do not fit: batch statistics need more than one value per channel (batch × positions ≥ 2)');
    const [m, v] = [new Float64Array(C), new Float64Array(C)]; // float64 statistics for either dtype
    channelStats(x.data, N, C, P, m, v);
    options.onStats?.(m, v, N * P);
    [mean, variance] = [m, v];
  } else {
    if (running.mean.size !== C || running.variance.size !== C) throw new ShapeError('batchNorm', [gamma.shape, running.mean.shape, running.variance.shape], 'do not fit: one running mean and variance per channel');
    [mean, variance] = [running.mean.data, running.variance.data];
  }
  const invStd = variance.map((v) => 1 / Math.sqrt(v + eps));
  const xhat = allocLike(x.data, x.size);
  const out = allocate('batchNorm', x.shape, resultDtype(x, gamma, beta));
  normalize(x.data, N, C, P, mean, invStd, gamma.data, beta.data, xhat, out);
  return result(out, x.shape, [x, gamma, beta], (g) => {
    const [dGamma, dBeta] = [allocLike(gamma.data, C), allocLike(beta.data, C)];
    const gx = x.requiresGrad ? allocLike(x.data, x.size) : null;
    normalizeBackward(g, xhat, N, C, P, invStd, gamma.data, dGamma, dBeta, gx, running === undefined);
    if (gx !== null) accumulate(x, gx, true);
    accumulate(gamma, dGamma, true);
    accumulate(beta, dBeta, true);
  });
}
