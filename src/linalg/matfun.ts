/** Functions of symmetric matrices and orthonormality diagnostics. */
import { Tensor } from '../tensor/tensor.js';
import { symmetricEigen } from './eigen.js';
import { assertMatrix, assertSquare, shapeString } from './internal.js';

/**
 * V f(Λ) Vᵀ for symmetric A = V Λ Vᵀ, e.g. f = λ => 1 / Math.sqrt(λ) for A^(-1/2).
 * Throws if f returns a non-finite value for some eigenvalue (e.g. 1/sqrt(0)).
 */
export function symmetricMatrixFunction(A: Tensor, f: (lambda: number) => number): Tensor {
  assertSquare('symmetricMatrixFunction', 'A', A);
  const n = A.rows;
  const { values, vectors } = symmetricEigen(A);
  const fl = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    fl[k] = f(values[k]);
    if (!Number.isFinite(fl[k])) {
      throw new Error(`symmetricMatrixFunction: f(${values[k]}) = ${fl[k]} is not finite (eigenvalue ${k} of A ${shapeString(A)})`);
    }
  }
  const v = vectors.data;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const vi = i * n;
    for (let j = i; j < n; j++) {
      const vj = j * n;
      let s = 0;
      for (let k = 0; k < n; k++) s += v[vi + k] * fl[k] * v[vj + k];
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return new Tensor(out, [n, n]);
}

/** ‖QᵀQ − I‖_F for an m×n matrix Q (0 when the columns are exactly orthonormal). */
export function orthonormalityError(Q: Tensor): number {
  assertMatrix('orthonormalityError', 'Q', Q);
  const m = Q.rows;
  const n = Q.cols;
  const q = Q.data;
  const G = new Float64Array(n * n);
  for (let i = 0; i < m; i++) {
    const qi = i * n;
    for (let a = 0; a < n; a++) {
      const x = q[qi + a];
      if (x === 0) continue;
      const ga = a * n;
      for (let b = 0; b < n; b++) G[ga + b] += x * q[qi + b];
    }
  }
  let sum = 0;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const d = G[a * n + b] - (a === b ? 1 : 0);
      sum += d * d;
    }
  }
  return Math.sqrt(sum);
}
