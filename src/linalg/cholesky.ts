/** Cholesky factorization and SPD solves (Golub & Van Loan, Alg. 4.2.1; forward/back substitution, Alg. 3.1.1–3.1.2). */
import { Tensor } from '../tensor/tensor.js';
import { assertFinite, assertMatrix, assertSquare, assertSymmetric, shapeString } from './internal.js';

/**
 * Lower-triangular L with A = L Lᵀ, for A symmetric positive definite (symmetry checked to a relative
 * tolerance of 1e-8; only the lower triangle is read). Throws if a pivot is not positive.
 */
export function cholesky(A: Tensor): Tensor {
  return new Tensor(choleskyFactor('cholesky', A), [A.rows, A.cols]);
}

/** X with A X = B for A (n×n) symmetric positive definite and B (n×p), via Cholesky. */
export function solveSPD(A: Tensor, B: Tensor): Tensor {
  assertSquare('solveSPD', 'A', A);
  assertMatrix('solveSPD', 'B', B);
  const n = A.rows;
  if (B.rows !== n) throw new Error(`solveSPD: B must have ${n} rows to match A ${shapeString(A)}, got ${shapeString(B)}`);
  assertFinite('solveSPD', 'B', B);
  const L = choleskyFactor('solveSPD', A);
  const p = B.cols;
  const X = Float64Array.from(B.data);

  // L Y = B, row by row: Y_i = (B_i − Σ_{k<i} L_ik Y_k) / L_ii.
  for (let i = 0; i < n; i++) {
    const xi = i * p;
    for (let k = 0; k < i; k++) {
      const l = L[i * n + k];
      if (l === 0) continue;
      const xk = k * p;
      for (let j = 0; j < p; j++) X[xi + j] -= l * X[xk + j];
    }
    const inv = 1 / L[i * n + i];
    for (let j = 0; j < p; j++) X[xi + j] *= inv;
  }
  // Lᵀ X = Y, bottom up: X_i = (Y_i − Σ_{k>i} L_ki X_k) / L_ii.
  for (let i = n - 1; i >= 0; i--) {
    const xi = i * p;
    for (let k = i + 1; k < n; k++) {
      const l = L[k * n + i];
      if (l === 0) continue;
      const xk = k * p;
      for (let j = 0; j < p; j++) X[xi + j] -= l * X[xk + j];
    }
    const inv = 1 / L[i * n + i];
    for (let j = 0; j < p; j++) X[xi + j] *= inv;
  }
  return new Tensor(X, [n, p]);
}

/** Row-major lower-triangular Cholesky factor; errors are reported under the caller's name `fn`. */
function choleskyFactor(fn: string, A: Tensor): Float64Array {
  assertSquare(fn, 'A', A);
  assertFinite(fn, 'A', A);
  assertSymmetric(fn, 'A', A);
  const n = A.rows;
  const a = A.data;
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const li = i * n;
    for (let j = 0; j <= i; j++) {
      const lj = j * n;
      let s = a[li + j];
      for (let k = 0; k < j; k++) s -= L[li + k] * L[lj + k];
      if (i === j) {
        if (!(s > 0)) {
          throw new Error(`${fn}: A ${shapeString(A)} is not positive definite (pivot ${i} is ${s})`);
        }
        L[li + i] = Math.sqrt(s);
      } else {
        L[li + j] = s / L[lj + j];
      }
    }
  }
  return L;
}
