import { noGrad, type Tensor } from '../tensor/index.js';

const DEGREES = 180 / Math.PI;

/**
 * Angle in degrees between two tensors seen as vectors: arccos(⟨a, b⟩/(‖a‖‖b‖)) with the cosine
 * clipped to [−1, 1]; 90° when either is zero (no direction).
 */
export function vectorAngle(a: Tensor, b: Tensor): number {
  if (a.size !== b.size) throw new RangeError(`vectorAngle: sizes ${a.size} and ${b.size} differ`);
  return noGrad(() => {
    const na = Math.sqrt(a.sumSquares().item());
    const nb = Math.sqrt(b.sumSquares().item());
    if (na === 0 || nb === 0) return 90;
    const dot = a.reshape(b.shape).mul(b).sum().item();
    return Math.acos(Math.min(1, Math.max(-1, dot / (na * nb)))) * DEGREES;
  });
}

/** Weight angle ∠(Wᵀ, B) in degrees; null when B does not have Wᵀ's shape (DFA's lower layers). */
export function weightAngle(W: Tensor, B: Tensor): number | null {
  if (B.rows !== W.cols || B.cols !== W.rows) return null;
  return vectorAngle(noGrad(() => W.transpose()), B);
}

/** ‖B‖_F / ‖W‖_F. */
export function normRatio(W: Tensor, B: Tensor): number {
  return noGrad(() => Math.sqrt(B.sumSquares().item() / W.sumSquares().item()));
}
