import { eye, matmul, type Tensor } from '../tensor/index.js';
import type { LossKind } from './losses.js';

/** Gradients of a loss with respect to the encoder and the decoder. */
export interface LaeGradient {
  dW1: Tensor;
  dW2: Tensor;
}

/**
 * Closed-form gradients (proof of Theorem 2.1), from C = XXᵀ (m × m) and W = W2W1:
 *   ∂L/∂W1 = 2W2ᵀ(W − I)C,             ∂L/∂W2 = 2(W − I)CW1ᵀ
 *   ∂Lπ adds 2λW2ᵀW and 2λWW1ᵀ;         ∂Lσ adds 2λW1 and 2λW2.
 * Costs O(m²k) whatever n is, which is what the Hessian measurements need.
 */
export function laeGradient(C: Tensor, W1: Tensor, W2: Tensor, loss: LossKind, lambda: number): LaeGradient {
  const m = C.rows;
  const W = matmul(W2, W1);
  const E = matmul(W.sub(eye(m)), C); // (W − I)C
  let dW1 = matmul(W2, E, { transposeA: true }).mul(2);
  let dW2 = matmul(E, W1, { transposeB: true }).mul(2);
  if (loss === 'product') {
    dW1 = dW1.add(matmul(W2, W, { transposeA: true }).mul(2 * lambda));
    dW2 = dW2.add(matmul(W, W1, { transposeB: true }).mul(2 * lambda));
  } else if (loss === 'sum') {
    dW1 = dW1.add(W1.mul(2 * lambda));
    dW2 = dW2.add(W2.mul(2 * lambda));
  }
  return { dW1, dW2 };
}
