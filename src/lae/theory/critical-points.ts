import { haarOrthogonal, inverse, qr } from '../../linalg/index.js';
import type { Rng } from '../../random/rng.js';
import { fromData, matmul, randn, zeros, type Tensor } from '../../tensor/index.js';
import type { LossKind } from '../losses.js';
import { columnsOf, type SpectralData } from './spectral.js';

/** A critical point (W1, W2) of one loss, from Theorem 4.2. */
export interface CriticalPoint {
  loss: LossKind;
  lambda: number;
  /** The index set I (1-based, increasing). */
  indexSet: number[];
  W1: Tensor;
  W2: Tensor;
  /** The loss value at every point of this critical manifold (closed form). */
  lossValue: number;
}

/** Every index set I ⊂ {1..m} with |I| ≤ maxSize, by size then lexicographically (1-based). */
export function indexSets(m: number, maxSize: number): number[][] {
  const out: number[][] = [];
  const grow = (prefix: number[], next: number, size: number): void => {
    if (prefix.length === size) {
      out.push(prefix.slice());
      return;
    }
    for (let i = next; i <= m; i++) {
      prefix.push(i);
      grow(prefix, i + 1, size);
      prefix.pop();
    }
  };
  for (let size = 0; size <= Math.min(maxSize, m); size++) grow([], 1, size);
  return out;
}

/**
 * Loss value at the critical manifold of index set I (closed forms derived from Theorem 4.2):
 *   L:  Σ_{i∉I} σi²;   Lπ: Σ_{i∉I} σi² + Σ_{i∈I} λσi²/(σi² + λ);   Lσ: Σ_{i∉I} σi² + Σ_{i∈I} (2λ − λ²/σi²).
 */
export function criticalLossValue(sigma: Float64Array, loss: LossKind, lambda: number, indexSet: readonly number[]): number {
  const inI = new Set(indexSet);
  let value = 0;
  sigma.forEach((s, i0) => {
    const s2 = s * s;
    if (!inI.has(i0 + 1)) value += s2;
    else if (loss === 'product') value += (lambda * s2) / (s2 + lambda);
    else if (loss === 'sum') value += 2 * lambda - (lambda * lambda) / s2;
  });
  return value;
}

/** Number m0 of principal directions with σi² > λ: Lσ's critical index sets lie in {1..m0}. */
export function activeDirections(sigma: Float64Array, lambda: number): number {
  return sigma.filter((s) => s * s > lambda).length;
}

/** Per-direction factors of Theorem 4.2: 1 (L), (1 + λσi⁻²)^(-1/2) (Lπ), (1 − λσi⁻²)^(1/2) (Lσ). */
function shrinkFactors(sigma: Float64Array, loss: LossKind, lambda: number, indexSet: readonly number[]): Tensor {
  return fromData(
    Float64Array.from(indexSet, (i) => {
      const r = lambda / (sigma[i - 1]! * sigma[i - 1]!);
      return loss === 'unregularized' ? 1 : loss === 'product' ? 1 / Math.sqrt(1 + r) : Math.sqrt(1 - r);
    }),
    [indexSet.length],
  );
}

/**
 * The critical point of Theorem 4.2 for index set I and frame F (k × ℓ):
 *   L:  W1 = G U_Iᵀ,             W2 = U_I H
 *   Lπ: W1 = G D U_Iᵀ,           W2 = U_I D H,    D = (I + λΣ_I⁻²)^(-1/2)
 *   Lσ: W1 = O D U_Iᵀ,           W2 = U_I D Oᵀ,   D = (I − λΣ_I⁻²)^(1/2), O with orthonormal columns
 * where H is a left inverse of G (HG = I_ℓ). The paper uses H = G⁺ only; every left inverse gives a
 * critical point, which is why the critical manifold of L and Lπ is larger than F_I when ℓ < k
 * (see curvature.ts). `leftInverse` defaults to G⁺.
 */
export function criticalPoint(
  data: SpectralData,
  loss: LossKind,
  lambda: number,
  indexSet: readonly number[],
  frame: Tensor,
  leftInverse?: Tensor,
): CriticalPoint {
  const l = indexSet.length;
  const k = frame.rows;
  if (frame.cols !== l) throw new Error(`criticalPoint: frame must be k × ℓ = ${k} × ${l}, got [${frame.shape.join(', ')}]`);
  if (loss === 'sum') {
    const bad = indexSet.find((i) => data.sigma[i - 1]! ** 2 <= lambda);
    if (bad !== undefined) throw new Error(`criticalPoint: Lσ has no critical point with index ${bad}: σ${bad}² = ${data.sigma[bad - 1]! ** 2} ≤ λ = ${lambda}`);
  }
  const m = data.U.rows;
  const lossValue = criticalLossValue(data.sigma, loss, lambda, indexSet);
  if (l === 0) return { loss, lambda, indexSet: [], W1: zeros([k, m]), W2: zeros([m, k]), lossValue };
  const UD = columnsOf(data.U, indexSet).mul(shrinkFactors(data.sigma, loss, lambda, indexSet)); // U_I D (m × ℓ)
  const H = loss === 'sum' ? frame.transpose() : (leftInverse ?? pseudoInverse(frame));
  const W1 = matmul(frame, UD, { transposeB: true }); // F D U_Iᵀ
  const W2 = matmul(UD, H); // U_I D H
  return { loss, lambda, indexSet: indexSet.slice(), W1, W2, lossValue };
}

/** G⁺ = (GᵀG)⁻¹Gᵀ for G with independent columns. */
export function pseudoInverse(G: Tensor): Tensor {
  return matmul(inverse(matmul(G, G, { transposeA: true })), G, { transposeB: true });
}

/**
 * A random frame for index-set size ℓ: O ∈ V_I with orthonormal columns (Lσ: QR of a Gaussian), or
 * G = O·diag(d)·Vᵀ ∈ F_I (L, Lπ) with singular values d uniform in [1/2, 2] and a Haar-random V,
 * so that G is generic but well conditioned (an ill-conditioned G makes small true curvatures
 * indistinguishable from flat ones at float64 precision).
 */
export function randomFrame(loss: LossKind, k: number, l: number, rng: Rng): Tensor {
  if (l === 0) return zeros([k, 0]);
  const O = qr(randn([k, l], rng)).Q;
  if (loss === 'sum') return O;
  const d = fromData(Float64Array.from({ length: l }, () => rng.uniformIn(0.5, 2)), [l]);
  return matmul(O.mul(d), haarOrthogonal(l, rng), { transposeB: true });
}

/**
 * One critical point per index set |I| ≤ k (for Lσ only I ⊂ {1..m0}, σi² > λ), each on a random
 * frame from `rng`.
 */
export function criticalPoints(data: SpectralData, loss: LossKind, lambda: number, k: number, rng: Rng): CriticalPoint[] {
  const m = data.U.rows;
  const top = loss === 'sum' ? activeDirections(data.sigma, lambda) : m;
  return indexSets(top, k).map((I) => criticalPoint(data, loss, lambda, I, randomFrame(loss, k, I.length, rng)));
}
