/** Test-only helpers: seeded Gaussians and plain reference matrix arithmetic. */
import seedrandom from 'seedrandom';
import { Tensor } from '../../src/tensor/tensor.js';
import type { NormalSource } from '../../src/linalg/index.js';

/** Seeded standard normal source (Box–Muller on seedrandom). */
export function gaussian(seed: string): NormalSource {
  const u = seedrandom(seed);
  return {
    normal(): number {
      const u1 = 1 - u(); // (0, 1]
      return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u());
    },
  };
}

export function mat(rows: number[][]): Tensor {
  const m = rows.length;
  const n = m === 0 ? 0 : rows[0].length;
  return new Tensor(Float64Array.from(rows.flat()), [m, n]);
}

export function randn(m: number, n: number, rng: NormalSource): Tensor {
  const d = new Float64Array(m * n);
  for (let i = 0; i < d.length; i++) d[i] = rng.normal();
  return new Tensor(d, [m, n]);
}

export function get(A: Tensor, i: number, j: number): number {
  return A.data[i * A.cols + j];
}

export function matmul(A: Tensor, B: Tensor): Tensor {
  const m = A.rows;
  const k = A.cols;
  const n = B.cols;
  if (B.rows !== k) throw new Error('matmul shape mismatch');
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < k; l++) {
      const a = A.data[i * k + l];
      for (let j = 0; j < n; j++) out[i * n + j] += a * B.data[l * n + j];
    }
  }
  return new Tensor(out, [m, n]);
}

export function transpose(A: Tensor): Tensor {
  const out = new Float64Array(A.size);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) out[j * A.rows + i] = get(A, i, j);
  return new Tensor(out, [A.cols, A.rows]);
}

export function sub(A: Tensor, B: Tensor): Tensor {
  return new Tensor(A.data.map((x, i) => x - B.data[i]), A.shape);
}

/** A · diag(d) (scales column j by d[j]). */
export function scaleCols(A: Tensor, d: ArrayLike<number>): Tensor {
  return new Tensor(A.data.map((x, i) => x * d[i % A.cols]), A.shape);
}

export function fro(A: Tensor): number {
  let s = 0;
  for (const x of A.data) s += x * x;
  return Math.sqrt(s);
}

/** First `r` columns of A. */
export function leadingCols(A: Tensor, r: number): Tensor {
  const out = new Float64Array(A.rows * r);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < r; j++) out[i * r + j] = get(A, i, j);
  return new Tensor(out, [A.rows, r]);
}

/** Q diag(λ) Qᵀ, symmetrized exactly. */
export function symmetricFrom(Q: Tensor, lambda: number[]): Tensor {
  const A = matmul(scaleCols(Q, lambda), transpose(Q));
  const n = A.rows;
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d[i * n + j] = 0.5 * (get(A, i, j) + get(A, j, i));
  return new Tensor(d, [n, n]);
}
