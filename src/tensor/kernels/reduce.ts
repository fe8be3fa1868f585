/** Reductions and row/column loops over contiguous float arrays. */
import type { FloatArray } from './dtype.js';

/** Σ x. */
export function sumAll(x: FloatArray): number {
  let s0 = 0, s1 = 0;
  const n = x.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    s0 += x[i]!;
    s1 += x[i + 1]!;
  }
  if (i < n) s0 += x[i]!;
  return s0 + s1;
}

/** Σ x ⊙ y. */
export function dot(x: FloatArray, y: FloatArray): number {
  let s0 = 0, s1 = 0;
  const n = x.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    s0 += x[i]! * y[i]!;
    s1 += x[i + 1]! * y[i + 1]!;
  }
  if (i < n) s0 += x[i]! * y[i]!;
  return s0 + s1;
}

/**
 * Sum over the middle axis of x viewed as [outer, len, inner]: out[o, i] = Σ_l x[o, l, i].
 */
export function sumAxis(x: FloatArray, outer: number, len: number, inner: number, out: FloatArray): void {
  out.fill(0, 0, outer * inner);
  for (let o = 0; o < outer; o++) {
    const ob = o * inner;
    for (let l = 0; l < len; l++) {
      const xb = (o * len + l) * inner;
      for (let i = 0; i < inner; i++) out[ob + i] += x[xb + i]!;
    }
  }
}

/** x[r, c] += v[c] for every row r of a rows×cols matrix (a bias on every row). */
export function addRowVector(x: FloatArray, rows: number, cols: number, v: FloatArray): void {
  for (let r = 0; r < rows; r++) {
    const b = r * cols;
    for (let c = 0; c < cols; c++) x[b + c] += v[c]!;
  }
}

/** Σ_i A[i, i] of a rows×cols matrix. */
export function traceOf(a: FloatArray, rows: number, cols: number): number {
  let s = 0;
  const n = Math.min(rows, cols);
  for (let i = 0; i < n; i++) s += a[i * cols + i]!;
  return s;
}

/** out (cols×rows) = xᵀ for x rows×cols, in 32×32 blocks for cache locality. */
export function transpose2d(x: FloatArray, rows: number, cols: number, out: FloatArray): void {
  const B = 32;
  for (let i0 = 0; i0 < rows; i0 += B) {
    const i1 = Math.min(rows, i0 + B);
    for (let j0 = 0; j0 < cols; j0 += B) {
      const j1 = Math.min(cols, j0 + B);
      for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) out[j * rows + i] = x[i * cols + j]!;
    }
  }
}

/** out[r, :] = x[indices[r], :] (row gather, width `cols`). */
export function gatherRows(x: FloatArray, cols: number, indices: ArrayLike<number>, out: FloatArray): void {
  for (let r = 0; r < indices.length; r++) {
    const src = indices[r]! * cols;
    out.set(x.subarray(src, src + cols), r * cols);
  }
}

/** gx[indices[r], :] += g[r, :] (the backward of gatherRows; repeated indices accumulate). */
export function scatterAddRows(g: FloatArray, cols: number, indices: ArrayLike<number>, gx: FloatArray): void {
  for (let r = 0; r < indices.length; r++) {
    const dst = indices[r]! * cols;
    const src = r * cols;
    for (let j = 0; j < cols; j++) gx[dst + j] += g[src + j]!;
  }
}

/**
 * Softmax cross-entropy over rows of logits (N×C) with integer labels, numerically stable
 * (log-sum-exp with the row maximum subtracted). Writes the softmax probabilities to `probs`
 * and returns the mean loss −(1/N) Σ_n log p[n, y_n].
 */
export function softmaxCrossEntropyRows(logits: FloatArray, N: number, C: number, labels: ArrayLike<number>, probs: FloatArray): number {
  let loss = 0;
  for (let n = 0; n < N; n++) {
    const b = n * C;
    let max = -Infinity;
    for (let c = 0; c < C; c++) if (logits[b + c]! > max) max = logits[b + c]!;
    let z = 0;
    for (let c = 0; c < C; c++) {
      const e = Math.exp(logits[b + c]! - max);
      probs[b + c] = e;
      z += e;
    }
    const inv = 1 / z;
    for (let c = 0; c < C; c++) probs[b + c]! *= inv;
    loss += max + Math.log(z) - logits[b + labels[n]!]!;
  }
  return loss / N;
}

/** gx = (g/N)(p − onehot(y)): the backward of the mean softmax cross-entropy. */
export function softmaxCrossEntropyBackward(probs: FloatArray, N: number, C: number, labels: ArrayLike<number>, g: number, gx: FloatArray): void {
  const s = g / N;
  for (let i = 0; i < N * C; i++) gx[i] = s * probs[i]!;
  for (let n = 0; n < N; n++) gx[n * C + labels[n]!] -= s;
}
