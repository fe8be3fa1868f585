import { matmul, type Tensor } from '../tensor/index.js';

/** The three losses of §2: unregularized L, product Lπ, sum Lσ. */
export const LOSS_KINDS = ['unregularized', 'product', 'sum'] as const;
export type LossKind = (typeof LOSS_KINDS)[number];

/** Display names with the paper's symbols. */
export const LOSS_LABELS: Record<LossKind, string> = {
  unregularized: 'unregularized L',
  product: 'product Lπ',
  sum: 'sum Lσ',
};

export interface LaeLossOptions {
  loss: LossKind;
  /** Regularization strength λ ≥ 0 (ignored by the unregularized loss). */
  lambda: number;
  /** Encoder bias b1 (k × 1) and decoder bias b2 (m × 1), App. A. */
  b1?: Tensor;
  b2?: Tensor;
  /**
   * Factor on the reconstruction term (default 1). Minibatch training passes n / batch so that
   * each batch loss is an unbiased estimate of the full-data objective with the same λ.
   */
  reconstructionScale?: number;
}

/**
 * The LAE losses of §2 as an autograd expression, X (m × n) with data points as columns,
 * encoder W1 (k × m), decoder W2 (m × k):
 *   L  = ‖X − W2W1X‖²_F
 *   Lπ = L + λ‖W2W1‖²_F
 *   Lσ = L + λ(‖W1‖²_F + ‖W2‖²_F)
 * With biases the reconstruction is W2(W1X + b1) + b2 (App. A).
 */
export function laeLoss(X: Tensor, W1: Tensor, W2: Tensor, options: LaeLossOptions): Tensor {
  let Z = matmul(W1, X);
  if (options.b1) Z = Z.add(options.b1);
  let Xhat = matmul(W2, Z);
  if (options.b2) Xhat = Xhat.add(options.b2);
  let loss = X.sub(Xhat).sumSquares();
  if (options.reconstructionScale !== undefined && options.reconstructionScale !== 1) loss = loss.mul(options.reconstructionScale);
  const reg = regularizer(W1, W2, options.loss, options.lambda);
  return reg === null ? loss : loss.add(reg);
}

/** The regularization term of a loss: none, λ‖W2W1‖²_F or λ(‖W1‖²_F + ‖W2‖²_F). */
export function regularizer(W1: Tensor, W2: Tensor, loss: LossKind, lambda: number): Tensor | null {
  switch (loss) {
    case 'unregularized':
      return null;
    case 'product':
      return matmul(W2, W1).sumSquares().mul(lambda);
    case 'sum':
      return W1.sumSquares().add(W2.sumSquares()).mul(lambda);
  }
}

/** ‖W1 − W2ᵀ‖²_F, the distance the Transpose Theorem 2.1 says vanishes at critical points of Lσ. */
export function transposeDistance(W1: Tensor, W2: Tensor): number {
  return W1.sub(W2.transpose()).sumSquares().item();
}
