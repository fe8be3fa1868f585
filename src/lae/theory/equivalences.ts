/**
 * Equivalences between LAE variants: biases ⇔ mean centring (App. A), denoising ⇔ product loss and
 * tied contractive ⇔ sum loss (App. C). X is m × n with data points as columns.
 */
import type { Rng } from '../../random/rng.js';
import { eye, matmul, noGrad, randn, type Tensor } from '../../tensor/index.js';
import { laeLoss, type LaeLossOptions } from '../losses.js';

/**
 * App. A: with b = W2b1 + b2 the biased loss is ‖X − W2W1X − beᵀ‖²_F (8), and ∂/∂b = 0 gives
 * b = (I − W2W1)x̄, x̄ = Xe/n. (The paper's Lβ has a sign slip, "… + b2eᵀ"; the reconstruction is
 * W2(W1X + b1eᵀ) + b2eᵀ, so the residual is X − W2(W1X + b1eᵀ) − b2eᵀ.)
 */
export function optimalBias(X: Tensor, W1: Tensor, W2: Tensor): Tensor {
  const mean = X.mean(1, true);
  return mean.sub(matmul(W2, matmul(W1, mean)));
}

/**
 * The biased loss (any of the three; biases are not regularized) at the optimal bias, as an autograd
 * expression in W1, W2. App. A: it equals the unbiased loss on the centred data X − x̄eᵀ.
 */
export function lossAtOptimalBias(X: Tensor, W1: Tensor, W2: Tensor, options: Pick<LaeLossOptions, 'loss' | 'lambda'>): Tensor {
  return laeLoss(X, W1, W2, { ...options, b2: optimalBias(X, W1, W2) });
}

/** A Monte Carlo mean with its estimated standard error (sample standard deviation / √samples). */
export interface MonteCarloEstimate {
  mean: number;
  standardError: number;
}

/**
 * App. C, linear DAE: Monte Carlo estimate of E‖X − W2W1(X + ε)‖²_F over ε with iid N(0, s²) entries
 * (`samples` draws from `rng`, no gradients recorded).
 */
export function denoisingLossMonteCarlo(X: Tensor, W1: Tensor, W2: Tensor, s: number, samples: number, rng: Rng): MonteCarloEstimate {
  if (!Number.isInteger(samples) || samples < 2) throw new RangeError(`denoisingLossMonteCarlo: need an integer samples ≥ 2, got ${samples}`);
  const values = noGrad(() => {
    const W = matmul(W2, W1);
    const R = X.sub(matmul(W, X));
    return Float64Array.from({ length: samples }, () => R.sub(matmul(W, randn(X.shape, rng, s))).sumSquares().item());
  });
  const mean = values.reduce((a, v) => a + v, 0) / samples;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (samples - 1);
  return { mean, standardError: Math.sqrt(variance / samples) };
}

/**
 * App. C: E‖X − W(X + ε)‖²_F = ‖X − WX‖²_F + n s²‖W‖²_F (the cross term has mean 0 and
 * E‖Wε‖²_F = Σ_i E‖Wε_i‖² = n s² tr(WᵀW)), i.e. exactly Lπ with λ = n s².
 * Normalization: the paper defines L_DAE = ‖X − W2W1X̃‖²_F but then writes E[L_DAE] =
 * (1/2n)Σ‖x_i − Wx_i‖² + (s²/2)tr(WWᵀ) = (1/2n)Lπ, which is the expectation of (1/2n)·L_DAE.
 * For the unnormalized L_DAE, E[L_DAE] = Lπ (λ = n s² either way).
 */
export function denoisingExpectedLoss(X: Tensor, W1: Tensor, W2: Tensor, s: number): Tensor {
  return laeLoss(X, W1, W2, { loss: 'product', lambda: X.cols * s * s });
}

/**
 * Central-difference Jacobian (k × m) of a column map f: R^m → R^k at x (m × 1), column j =
 * (f(x + he_j) − f(x − he_j))/2h; built from tensor ops, so it is differentiable in f's parameters.
 */
export function jacobianCentralDifference(f: (X: Tensor) => Tensor, x: Tensor, h = 1): Tensor {
  const H = eye(x.rows).mul(h);
  return f(x.add(H)).sub(f(x.sub(H))).div(2 * h);
}

/**
 * App. C, tied linear CAE (W1 = W2ᵀ = W, k × m, encoder f(x) = Wx):
 *   L_CAE(W) = L(W, Wᵀ) + γ‖J_f(x)‖²_F,  J_f measured by central differences at x̄
 * (f is linear, so any x gives J_f = W). Since ‖J_f‖²_F = ‖W‖²_F = ‖Wᵀ‖²_F, L_CAE(W) = Lσ(W, Wᵀ)
 * with λ = γ/2. (With Rifai et al.'s penalty summed over the n data points, λ = nγ/2.)
 */
export function contractiveLoss(X: Tensor, W: Tensor, gamma: number): Tensor {
  const J = jacobianCentralDifference((Z) => matmul(W, Z), X.mean(1, true));
  return laeLoss(X, W, W.transpose(), { loss: 'unregularized', lambda: 0 }).add(J.sumSquares().mul(gamma));
}
