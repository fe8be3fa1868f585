/** Thin Householder QR factorization (Golub & Van Loan, Alg. 5.2.1, with backward accumulation of Q, §5.1.6). */
import { Tensor } from '../tensor/tensor.js';
import { assertMatrix, shapeString } from './internal.js';

export interface QRResult {
  /** m×n with orthonormal columns. */
  Q: Tensor;
  /** n×n upper triangular. */
  R: Tensor;
}

export interface QROptions {
  /**
   * Flip signs so that diag(R) ≥ 0, i.e. return (Q·D, D·R) with D = diag(sign(diag R)).
   * Makes the factorization unique for full-rank A; needed for Haar sampling (Mezzadri 2007).
   */
  positiveDiagonal?: boolean;
}

/** Thin QR of an m×n matrix A (m ≥ n): A = Q R. The input is not modified. */
export function qr(A: Tensor, options: QROptions = {}): QRResult {
  assertMatrix('qr', 'A', A);
  const m = A.rows;
  const n = A.cols;
  if (m < n) throw new Error(`qr: A must have rows >= cols, got ${shapeString(A)}`);

  const a = Float64Array.from(A.data); // working copy, becomes R in its top n×n block
  const vs = new Float64Array(n * m); // Householder vector k stored at vs[k*m + k .. k*m + m)
  const tau = new Float64Array(n); // H_k = I − tau_k v_k v_kᵀ (tau_k = 0: H_k = I)
  const w = new Float64Array(n);

  for (let k = 0; k < n; k++) {
    const vo = k * m;
    let colMax = 0;
    for (let i = k; i < m; i++) {
      const x = a[i * n + k];
      vs[vo + i] = x;
      colMax = Math.max(colMax, Math.abs(x));
    }
    if (colMax === 0) continue; // column already zero on and below the diagonal: H_k = I
    let scaled2 = 0; // ‖x / colMax‖², immune to over- and underflow
    for (let i = k; i < m; i++) {
      const y = vs[vo + i] / colMax;
      scaled2 += y * y;
    }
    const norm = colMax * Math.sqrt(scaled2);
    const x0 = vs[vo + k];
    const alpha = x0 >= 0 ? -norm : norm; // H_k x = alpha e_1
    // v = (x − alpha e_1) / v0 with v0 = x0 − alpha (same sign as x0: no cancellation), so v_0 = 1,
    // |v_i| ≤ 1 and tau = 2 / (vᵀv) = −v0 / alpha ∈ [1, 2] (LAPACK dlarfg convention).
    const v0 = x0 - alpha;
    vs[vo + k] = 1;
    for (let i = k + 1; i < m; i++) vs[vo + i] /= v0;
    const t = -v0 / alpha;
    tau[k] = t;

    // a[k:m, k+1:n] −= t v (vᵀ a[k:m, k+1:n])
    w.fill(0, k + 1, n);
    for (let i = k; i < m; i++) {
      const vi = vs[vo + i];
      const row = i * n;
      for (let j = k + 1; j < n; j++) w[j] += vi * a[row + j];
    }
    for (let i = k; i < m; i++) {
      const s = t * vs[vo + i];
      const row = i * n;
      for (let j = k + 1; j < n; j++) a[row + j] -= s * w[j];
    }
    a[k * n + k] = alpha;
  }

  const R = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) R[i * n + j] = a[i * n + j];
  }

  // Q = H_0 H_1 … H_{n−1} [I_n; 0], applied right to left; H_k only touches rows and columns ≥ k.
  const Q = new Float64Array(m * n);
  for (let i = 0; i < n; i++) Q[i * n + i] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const t = tau[k];
    if (t === 0) continue;
    const vo = k * m;
    w.fill(0, k, n);
    for (let i = k; i < m; i++) {
      const vi = vs[vo + i];
      const row = i * n;
      for (let j = k; j < n; j++) w[j] += vi * Q[row + j];
    }
    for (let i = k; i < m; i++) {
      const s = t * vs[vo + i];
      const row = i * n;
      for (let j = k; j < n; j++) Q[row + j] -= s * w[j];
    }
  }

  if (options.positiveDiagonal) {
    for (let k = 0; k < n; k++) {
      if (R[k * n + k] >= 0) continue;
      for (let j = k; j < n; j++) R[k * n + j] = -R[k * n + j];
      for (let i = 0; i < m; i++) Q[i * n + k] = -Q[i * n + k];
    }
  }

  return { Q: new Tensor(Q, [m, n]), R: new Tensor(R, [n, n]) };
}
