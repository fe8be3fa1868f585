import { svd } from '../../linalg/index.js';
import { fromData, type Tensor } from '../../tensor/index.js';

/** X = UΣVᵀ as the theory needs it: principal directions U (m × m) and σ1 > … > σm > 0. */
export interface SpectralData {
  /** Left singular vectors of X as columns (m × m). */
  U: Tensor;
  /** Singular values σ1 ≥ … ≥ σm. */
  sigma: Float64Array;
}

/**
 * The SVD of X (m × n, n ≥ m) that Theorem 4.2 is stated in. Throws when σ are not positive
 * and distinct (the paper's standing assumption, §1).
 */
export function spectralData(X: Tensor): SpectralData {
  const [m, n] = [X.rows, X.cols];
  if (n < m) throw new Error(`spectralData: X must have at least as many columns (data points) as rows, got shape [${m}, ${n}]`);
  const { U, S } = svd(X);
  for (let i = 0; i < m; i++) {
    if (!(S[i]! > 0)) throw new Error(`spectralData: singular value σ${i + 1} = ${S[i]} is not positive`);
    if (i > 0 && S[i - 1]! - S[i]! <= 1e-10 * S[0]!) throw new Error(`spectralData: singular values σ${i} and σ${i + 1} are not distinct`);
  }
  return { U, sigma: S };
}

/** Columns i1, …, iℓ (1-based) of U as an m × ℓ matrix U_I. */
export function columnsOf(U: Tensor, indexSet: readonly number[]): Tensor {
  const m = U.rows;
  const l = indexSet.length;
  const out = new Float64Array(m * l);
  for (let r = 0; r < m; r++) for (let c = 0; c < l; c++) out[r * l + c] = U.data[r * U.cols + indexSet[c]! - 1]!;
  return fromData(out, [m, l]);
}
