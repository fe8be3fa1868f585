/**
 * Symmetric eigendecomposition: Householder tridiagonalization (tred2) followed by the implicit
 * QL algorithm with Wilkinson-type shifts (tql2) — EISPACK / Numerical Recipes §11.2–11.3, as in JAMA.
 * The orthogonal matrix V is stored transposed (W = Vᵀ) so that every inner loop runs along a
 * contiguous row of the row-major buffer.
 */
import { Tensor } from '../tensor/tensor.js';
import { assertFinite, assertSquare, assertSymmetric, hypot } from './internal.js';

export interface SymmetricEigenResult {
  /** Eigenvalues in descending order. */
  values: Float64Array;
  /** n×n orthogonal matrix whose column j is the eigenvector for values[j]. */
  vectors: Tensor;
}

/** Maximum QL iterations per eigenvalue before giving up (EISPACK uses 30). */
const MAX_ITER = 60;

/** A = V diag(values) Vᵀ for a symmetric A (checked to a relative tolerance of 1e-8, then symmetrized). */
export function symmetricEigen(A: Tensor): SymmetricEigenResult {
  assertSquare('symmetricEigen', 'A', A);
  assertFinite('symmetricEigen', 'A', A);
  assertSymmetric('symmetricEigen', 'A', A);
  const n = A.rows;
  const src = A.data;
  const W = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) W[i * n + j] = 0.5 * (src[i * n + j] + src[j * n + i]);
  }
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (n > 0) {
    tred2(W, n, d, e);
    tql2(W, n, d, e);
  }

  const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => d[q] - d[p]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    const off = order[c] * n; // row order[c] of W is eigenvector order[c]
    values[c] = d[order[c]];
    for (let r = 0; r < n; r++) vectors[r * n + c] = W[off + r];
  }
  return { values, vectors: new Tensor(vectors, [n, n]) };
}

/**
 * Householder reduction to tridiagonal form. On entry W holds the symmetric matrix; on exit W = Vᵀ
 * with V the accumulated orthogonal transformation, d the diagonal and e[1..n−1] the subdiagonal.
 * Index map from the JAMA original: V[a][b] ↔ W[b*n + a].
 */
function tred2(W: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  for (let j = 0; j < n; j++) d[j] = W[j * n + n - 1];

  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = W[j * n + i - 1];
        W[j * n + i] = 0;
        W[i * n + j] = 0;
      }
    } else {
      // Householder vector from the scaled row.
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;

      // Similarity transformation of the leading i×i block S: p = S u / h, K = uᵀp / 2h, q = p − K u,
      // then S −= u qᵀ + q uᵀ (u is kept in row i of W for the accumulation below).
      for (let j = 0; j < i; j++) W[i * n + j] = d[j];
      symmetricProduct(W, n, i, d, e);
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      rank2Update(W, n, i, d, e);
    }
    d[i] = h;
  }

  // Accumulate the transformations.
  for (let i = 0; i < n - 1; i++) {
    W[i * n + n - 1] = W[i * n + i];
    W[i * n + i] = 1;
    const h = d[i + 1];
    const u = (i + 1) * n;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = W[u + k] / h;
      // Rows j of the leading block: row_j −= (u · row_j) d, two rows per pass to share loads of u and d.
      let j = 0;
      for (; j + 1 <= i; j += 2) {
        const r1 = j * n;
        const r2 = r1 + n;
        let g1 = 0;
        let g2 = 0;
        for (let k = 0; k <= i; k++) {
          const uk = W[u + k];
          g1 += uk * W[r1 + k];
          g2 += uk * W[r2 + k];
        }
        for (let k = 0; k <= i; k++) {
          const dk = d[k];
          W[r1 + k] -= g1 * dk;
          W[r2 + k] -= g2 * dk;
        }
      }
      if (j === i) {
        const row = j * n;
        let g = 0;
        for (let k = 0; k <= i; k++) g += W[u + k] * W[row + k];
        for (let k = 0; k <= i; k++) W[row + k] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) W[u + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = W[j * n + n - 1];
    W[j * n + n - 1] = 0;
  }
  W[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/**
 * e[0..i) = S d for the symmetric i×i block S held in the upper triangle of rows 0..i−1 of W
 * (rows processed two at a time to share loads of d and e).
 */
function symmetricProduct(W: Float64Array, n: number, i: number, d: Float64Array, e: Float64Array): void {
  e.fill(0, 0, i);
  let j = 0;
  for (; j + 1 < i; j += 2) {
    const r1 = j * n;
    const r2 = r1 + n;
    const f1 = d[j];
    const f2 = d[j + 1];
    const v = W[r1 + j + 1];
    let g1 = e[j] + W[r1 + j] * f1 + v * f2;
    let g2 = e[j + 1] + v * f1 + W[r2 + j + 1] * f2;
    for (let k = j + 2; k < i; k++) {
      const v1 = W[r1 + k];
      const v2 = W[r2 + k];
      const dk = d[k];
      g1 += v1 * dk;
      g2 += v2 * dk;
      e[k] += v1 * f1 + v2 * f2;
    }
    e[j] = g1;
    e[j + 1] = g2;
  }
  if (j < i) e[j] += W[j * n + j] * d[j];
}

/**
 * S −= d eᵀ + e dᵀ on the upper triangle of rows 0..i−1 of W (two rows per pass), then moves the
 * next row to reduce into d (d[j] = V[i−1][j]) and clears V[i][j], as in JAMA tred2.
 */
function rank2Update(W: Float64Array, n: number, i: number, d: Float64Array, e: Float64Array): void {
  let j = 0;
  for (; j + 1 < i; j += 2) {
    const r1 = j * n;
    const r2 = r1 + n;
    const f1 = d[j];
    const g1 = e[j];
    const f2 = d[j + 1];
    const g2 = e[j + 1];
    W[r1 + j] -= 2 * f1 * g1;
    for (let k = j + 1; k < i; k++) {
      const ek = e[k];
      const dk = d[k];
      W[r1 + k] -= f1 * ek + g1 * dk;
      W[r2 + k] -= f2 * ek + g2 * dk;
    }
    d[j] = W[r1 + i - 1];
    W[r1 + i] = 0;
    d[j + 1] = W[r2 + i - 1];
    W[r2 + i] = 0;
  }
  if (j < i) {
    const row = j * n;
    W[row + j] -= 2 * d[j] * e[j];
    d[j] = W[row + i - 1];
    W[row + i] = 0;
  }
}

/**
 * Implicit QL iteration on the tridiagonal (d, e) from tred2, applying the Givens rotations to the
 * rows of W = Vᵀ. On exit d holds the (unsorted) eigenvalues and row j of W the j-th eigenvector.
 * Each sweep's rotations are recorded and then applied as a sequence (as LAPACK dsteqr/dlasr).
 */
function tql2(W: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;

  let f = 0;
  let tst1 = 0;
  const eps = Number.EPSILON;
  const cs = new Float64Array(n); // rotations of one QL sweep, applied to W afterwards
  const ss = new Float64Array(n);
  for (let l = 0; l < n; l++) {
    // Find a negligible subdiagonal element (e[n−1] = 0 terminates the search).
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (Math.abs(e[m]) > eps * tst1) m++;

    if (m > l) {
      let iter = 0;
      do {
        if (++iter > MAX_ITER) throw new Error(`symmetricEigen: QL iteration did not converge for eigenvalue ${l} of ${n}`);
        // Implicit shift.
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;

        // Implicit QL transformation.
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          cs[i] = c;
          ss[i] = s;
        }
        applyRotations(W, n, l, m, cs, ss);
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
}

/**
 * Applies the Givens rotations i = m−1, …, l (in that order) to the row pairs (i, i+1) of W:
 * [row i; row i+1] ← [c·row i − s·row i+1; s·row i + c·row i+1]. Four consecutive rotations are
 * fused per pass so each element is loaded and stored once per four rotations instead of every one.
 */
function applyRotations(W: Float64Array, n: number, l: number, m: number, cs: Float64Array, ss: Float64Array): void {
  let i = m - 1;
  for (; i - 3 >= l; i -= 4) {
    const c1 = cs[i], s1 = ss[i], c2 = cs[i - 1], s2 = ss[i - 1];
    const c3 = cs[i - 2], s3 = ss[i - 2], c4 = cs[i - 3], s4 = ss[i - 3];
    const r0 = (i - 3) * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    const r4 = r3 + n;
    for (let k = 0; k < n; k++) {
      let b = W[r4 + k]; // carries the updated lower row of each pair down the sequence
      let a = W[r3 + k];
      W[r4 + k] = s1 * a + c1 * b;
      b = c1 * a - s1 * b;
      a = W[r2 + k];
      W[r3 + k] = s2 * a + c2 * b;
      b = c2 * a - s2 * b;
      a = W[r1 + k];
      W[r2 + k] = s3 * a + c3 * b;
      b = c3 * a - s3 * b;
      a = W[r0 + k];
      W[r1 + k] = s4 * a + c4 * b;
      W[r0 + k] = c4 * a - s4 * b;
    }
  }
  for (; i >= l; i--) {
    const c = cs[i];
    const s = ss[i];
    const ri = i * n;
    const ri1 = ri + n;
    for (let k = 0; k < n; k++) {
      const a = W[ri + k];
      const b = W[ri1 + k];
      W[ri1 + k] = s * a + c * b;
      W[ri + k] = c * a - s * b;
    }
  }
}
