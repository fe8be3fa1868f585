import type { Tensor } from '../tensor/index.js';

/**
 * sign(W)ᵀ elementwise with sign(0) = 0, composed from kernel ops: w/(|w| + 5e-324) is exactly ±1
 * for every normal w (the added subnormal is below half an ulp) and 0 for w = 0.
 */
export function signTransposed(W: Tensor): Tensor {
  const Wt = W.transpose();
  return Wt.div(Wt.abs().add(Number.MIN_VALUE));
}
