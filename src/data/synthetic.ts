import { haarOrthogonal } from '../linalg/index.js';
import type { Rng } from '../random/rng.js';
import { fromData, matmul, mul, type Tensor } from '../tensor/index.js';

/** A data matrix X = U diag(σ) Vᵀ with its factors. */
export interface SpectrumData {
  /** m × n data matrix, data points as columns. */
  X: Tensor;
  /** m × m left singular vectors (principal directions), columns. */
  U: Tensor;
  /** n × n right singular vectors, columns. */
  V: Tensor;
  /** The singular values σ1 ≥ σ2 ≥ … (length min(m, n)). */
  singularValues: Float64Array;
}

/**
 * X = U diag(σ) Vᵀ (m × n) with Haar-random orthogonal U (m×m) and V (n×n), as in §5.1 of the
 * paper (σi = i for the 20 × 20 set of Figs. 3–6). Singular values are sorted descending.
 */
export function spectrumMatrix(m: number, n: number, singularValues: readonly number[], rng: Rng): SpectrumData {
  const r = Math.min(m, n);
  if (singularValues.length !== r) throw new Error(`spectrumMatrix: need min(m, n) = ${r} singular values, got ${singularValues.length}`);
  const s = Float64Array.from(singularValues).sort().reverse();
  if (s[r - 1]! < 0) throw new Error('spectrumMatrix: singular values must be non-negative');
  const U = haarOrthogonal(m, rng);
  const V = haarOrthogonal(n, rng);
  // Σ is m × n with s on the diagonal; X = U Σ Vᵀ = (U[:, :r] · diag(s)) · V[:, :r]ᵀ
  const UrT = U.transpose().sliceRows(0, r); // r × m: the first r left singular vectors as rows
  const VrT = V.transpose().sliceRows(0, r);
  const X = matmul(mul(UrT, fromData(s.slice(), [r, 1])), VrT, { transposeA: true });
  return { X, U, V, singularValues: s };
}
