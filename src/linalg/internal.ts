/** Shared internal helpers for src/linalg: argument checks and a few scalar kernels. Not re-exported. */
import type { Tensor } from '../tensor/tensor.js';

/** Shape as it appears in error messages, e.g. "[3, 4]". */
export function shapeString(t: Tensor): string {
  return `[${t.shape.join(', ')}]`;
}

/** Throws unless `t` is 2-D. */
export function assertMatrix(fn: string, name: string, t: Tensor): void {
  if (t.shape.length !== 2) throw new Error(`${fn}: ${name} must be a 2-D matrix, got ${shapeString(t)}`);
}

/** Throws unless `t` is a square 2-D matrix. */
export function assertSquare(fn: string, name: string, t: Tensor): void {
  assertMatrix(fn, name, t);
  if (t.rows !== t.cols) throw new Error(`${fn}: ${name} must be square, got ${shapeString(t)}`);
}

/** Throws if any entry is NaN or ±Infinity. */
export function assertFinite(fn: string, name: string, t: Tensor): void {
  const d = t.data;
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i])) throw new Error(`${fn}: ${name} ${shapeString(t)} has a non-finite entry at flat index ${i}`);
  }
}

/** Largest absolute entry (0 for an empty array). */
export function maxAbs(d: Float64Array): number {
  let m = 0;
  for (let i = 0; i < d.length; i++) {
    const a = Math.abs(d[i]);
    if (a > m) m = a;
  }
  return m;
}

/**
 * Throws unless the square matrix `t` is symmetric up to |A_ij − A_ji| ≤ relTol · max|A|
 * (a loose check: covariances computed in floating point are accepted).
 */
export function assertSymmetric(fn: string, name: string, t: Tensor, relTol = 1e-8): void {
  const n = t.rows;
  const d = t.f64(fn);
  const tol = relTol * maxAbs(d);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const diff = Math.abs(d[i * n + j] - d[j * n + i]);
      if (!(diff <= tol)) {
        throw new Error(`${fn}: ${name} ${shapeString(t)} must be symmetric, but |A[${i}][${j}] - A[${j}][${i}]| = ${diff}`);
      }
    }
  }
}

/** sqrt(a² + b²) without overflow or destructive underflow. */
export function hypot(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  if (x < y) {
    const t = x;
    x = y;
    y = t;
  }
  if (x === 0) return 0;
  const r = y / x;
  return x * Math.sqrt(1 + r * r);
}
