/** Small matrix helpers shared by the PCA methods (copies of rows/columns; no arithmetic loops). */
import { solveSPD } from '../linalg/index.js';
import { eye, fromData, type Tensor } from '../tensor/index.js';

/** The first k columns of an m × c matrix (a copy). */
export function firstColumns(A: Tensor, k: number): Tensor {
  const [m, c] = [A.rows, A.cols];
  if (k > c) throw new Error(`firstColumns: asked for ${k} columns of a matrix with ${c}`);
  if (k === c) return A;
  const out = new Float64Array(m * k);
  for (let i = 0; i < m; i++) out.set(A.data.subarray(i * c, i * c + k), i * k);
  return fromData(out, [m, k]);
}

/** Flips the sign of each column so that its largest-magnitude entry is positive (in place). */
export function normalizeSigns(A: Tensor): Tensor {
  const [m, c] = [A.rows, A.cols];
  const d = A.data;
  for (let j = 0; j < c; j++) {
    let best = 0;
    for (let i = 0; i < m; i++) if (Math.abs(d[i * c + j]!) > Math.abs(d[best * c + j]!)) best = i;
    if (d[best * c + j]! < 0) for (let i = 0; i < m; i++) d[i * c + j] = 0 - d[i * c + j]!; // 0 − x keeps +0
  }
  return A;
}

/** Rows `rows` of A (a copy). */
export function selectRows(A: Tensor, rows: Int32Array): Tensor {
  const c = A.cols;
  const out = new Float64Array(rows.length * c);
  rows.forEach((r, i) => out.set(A.data.subarray(r * c, r * c + c), i * c));
  return fromData(out, [rows.length, c]);
}

/** The m × c matrix whose rows `rows` are those of A and whose other rows are zero. */
export function expandRows(A: Tensor, rows: Int32Array, m: number): Tensor {
  const c = A.cols;
  const out = new Float64Array(m * c);
  rows.forEach((r, i) => out.set(A.data.subarray(i * c, i * c + c), r * c));
  return fromData(out, [m, c]);
}

/** The principal submatrix C[rows, rows] of a square matrix (a copy). */
export function principalSubmatrix(C: Tensor, rows: Int32Array): Tensor {
  const m = C.cols;
  const p = rows.length;
  const out = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    const src = rows[a]! * m;
    for (let b = 0; b < p; b++) out[a * p + b] = C.data[src + rows[b]!]!;
  }
  return fromData(out, [p, p]);
}

/** M⁻¹ of a small symmetric positive definite matrix (Cholesky solve against I). */
export function inverseSPD(M: Tensor): Tensor {
  return solveSPD(symmetrized(M), eye(M.rows));
}

/** (M + Mᵀ)/2: removes the rounding asymmetry of products such as WᵀCW before a Cholesky. */
export function symmetrized(M: Tensor): Tensor {
  const n = M.rows;
  const out = M.data.slice();
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (out[i * n + j]! + out[j * n + i]!);
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return fromData(out, [n, n]);
}

/** Frobenius norm. */
export function frobenius(A: Tensor): number {
  return Math.sqrt(A.sumSquares().item());
}
