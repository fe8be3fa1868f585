/**
 * Eigenvalues of a general real square matrix, as EISPACK's rg driver without vectors: balancing
 * (balanc: a permutation isolating eigenvalues, then diagonal scaling by powers of two), Householder reduction to upper
 * Hessenberg form (orthes), then the shifted QR algorithm with Francis double shifts (hqr; the
 * iteration of JAMA's hqr2 without the eigenvector updates, restricted to the active block).
 * Row-major: H[i][j] is h[i * n + j].
 */
import type { Tensor } from '../tensor/tensor.js';
import { assertFinite, assertSquare, maxAbs, shapeString } from './internal.js';

/** Eigenvalues λ_j = re[j] + i·im[j]. */
export interface EigenvaluesResult {
  /** Real parts, in descending order. */
  re: Float64Array;
  /**
   * Imaginary parts (0 for real eigenvalues). Complex eigenvalues come in conjugate pairs with equal
   * real parts, the one with positive imaginary part first.
   */
  im: Float64Array;
}

/** QR iterations allowed per eigenvalue (between two deflations) are ITERATIONS_PER_N · n. */
const ITERATIONS_PER_N = 30;

/**
 * All eigenvalues of a real n×n matrix A (not necessarily symmetric), sorted by descending real part,
 * ties by descending imaginary part. Throws for non-square or non-finite input, and if the QR
 * iteration does not converge within 30·n iterations for some eigenvalue. The input is not mutated.
 * Accuracy is backward stable (the eigenvalues of A + E with ‖E‖ ≈ ε‖A‖); the forward error of an
 * eigenvalue grows with its condition number (ill-conditioned or defective eigenvalues lose digits).
 */
export function eigenvalues(A: Tensor): EigenvaluesResult {
  assertSquare('eigenvalues', 'A', A);
  assertFinite('eigenvalues', 'A', A);
  const n = A.rows;
  const h = Float64Array.from(A.data);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const { low, high } = isolate(h, n);
  for (let i = 0; i < n; i++) if (i < low || i > high) re[i] = h[i * n + i];
  const nb = high - low + 1;
  if (nb > 0) {
    const block = new Float64Array(nb * nb);
    for (let i = 0; i < nb; i++) block.set(h.subarray((low + i) * n + low, (low + i) * n + low + nb), i * nb);
    // Work at unit scale (as LAPACK dgeev): the shifts are formed from products of entries, which would
    // underflow for a block of size 1e-185 (a weight decayed to 0) or overflow for one of size 1e200.
    const e = Math.floor(Math.log2(maxAbs(block)));
    scaleByPowerOfTwo(block, -e);
    scale(block, nb);
    orthes(block, nb);
    const blockRe = re.subarray(low, high + 1);
    const blockIm = im.subarray(low, high + 1);
    hqr(block, nb, blockRe, blockIm, shapeString(A));
    scaleByPowerOfTwo(blockRe, e);
    scaleByPowerOfTwo(blockIm, e);
  }

  const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => re[q] - re[p] || im[q] - im[p]);
  return { re: Float64Array.from(order, (i) => re[i]), im: Float64Array.from(order, (i) => im[i]) };
}

/** a ← 2^e · a, exactly (in steps that neither overflow nor underflow the factor); a no-op for a zero array. */
function scaleByPowerOfTwo(a: Float64Array, e: number): void {
  if (!Number.isFinite(e)) return; // log2(0) = −∞: the zero block
  while (e !== 0) {
    const step = Math.max(-1000, Math.min(1000, e));
    const f = 2 ** step;
    for (let i = 0; i < a.length; i++) a[i] *= f;
    e -= step;
  }
}

/**
 * The permutation step of EISPACK balanc: a symmetric permutation P A Pᵀ that is block upper
 * triangular, [T1 * *; 0 B *; 0 0 T2] with T1, T2 upper triangular, found by moving rows with no
 * off-diagonal entry in the active columns to the bottom and such columns to the left. Eigenvalues
 * in T1 and T2 (rows outside low..high) are their exact diagonal entries, so a triangular A needs no
 * iteration. Returns the active block B = rows and columns low..high (empty when high < low).
 */
function isolate(h: Float64Array, n: number): { low: number; high: number } {
  const swap = (i: number, j: number): void => {
    if (i === j) return;
    for (let k = 0; k < n; k++) [h[i * n + k], h[j * n + k]] = [h[j * n + k], h[i * n + k]];
    for (let k = 0; k < n; k++) [h[k * n + i], h[k * n + j]] = [h[k * n + j], h[k * n + i]];
  };
  let low = 0;
  let high = n - 1;
  // Rows whose off-diagonal entries in columns low..high are all 0 go to the bottom.
  for (let j = high; j >= low; ) {
    let isolated = true;
    for (let k = low; k <= high && isolated; k++) if (k !== j && h[j * n + k] !== 0) isolated = false;
    if (isolated) {
      swap(j, high);
      high--;
      j = high;
    } else j--;
  }
  // Columns whose off-diagonal entries in rows low..high are all 0 go to the left.
  for (let j = low; j <= high; ) {
    let isolated = true;
    for (let k = low; k <= high && isolated; k++) if (k !== j && h[k * n + j] !== 0) isolated = false;
    if (isolated) {
      swap(j, low);
      low++;
      j = low;
    } else j++;
  }
  return { low, high };
}

/**
 * The scaling step of EISPACK balanc: D⁻¹ A D with D a diagonal of powers of two chosen so that each
 * row and column have comparable off-diagonal 1-norms. Exact in floating point, and it leaves the
 * eigenvalues unchanged while reducing the norm that the QR iteration's errors are relative to.
 */
function scale(h: Float64Array, n: number): void {
  const RADIX = 2;
  const RADIX2 = RADIX * RADIX;
  for (let sweep = 0, converged = false; !converged && sweep < 100; sweep++) {
    converged = true;
    for (let i = 0; i < n; i++) {
      let c = 0;
      let r = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        c += Math.abs(h[j * n + i]);
        r += Math.abs(h[i * n + j]);
      }
      if (c === 0 || r === 0) continue;
      const s = c + r;
      let f = 1;
      let g = r / RADIX;
      while (c < g) {
        f *= RADIX;
        c *= RADIX2;
      }
      g = r * RADIX;
      while (c >= g) {
        f /= RADIX;
        c /= RADIX2;
      }
      if ((c + r) / f < 0.95 * s) {
        converged = false;
        const inv = 1 / f;
        for (let j = 0; j < n; j++) h[i * n + j] *= inv; // row i / f
        for (let j = 0; j < n; j++) h[j * n + i] *= f; // column i · f
      }
    }
  }
}

/**
 * EISPACK orthes: orthogonal similarity reduction to upper Hessenberg form by Householder
 * reflections (I − u uᵀ/h) H (I − u uᵀ/h), column by column. Entries below the subdiagonal are set to 0.
 */
function orthes(h: Float64Array, n: number): void {
  const u = new Float64Array(n);
  for (let m = 1; m < n - 1; m++) {
    let scale = 0;
    for (let i = m; i < n; i++) scale += Math.abs(h[i * n + m - 1]);
    if (scale === 0) continue;
    let hh = 0;
    for (let i = n - 1; i >= m; i--) {
      u[i] = h[i * n + m - 1] / scale;
      hh += u[i] * u[i];
    }
    let g = Math.sqrt(hh);
    if (u[m] > 0) g = -g;
    hh -= u[m] * g;
    u[m] -= g;

    // Left: rows m..n−1 of H −= u (uᵀH)/hh, accumulated along contiguous rows.
    const f = new Float64Array(n);
    for (let i = m; i < n; i++) {
      const ui = u[i];
      const row = i * n;
      for (let j = m; j < n; j++) f[j] += ui * h[row + j];
    }
    for (let i = m; i < n; i++) {
      const c = u[i] / hh;
      const row = i * n;
      for (let j = m; j < n; j++) h[row + j] -= c * f[j];
    }
    // Right: H −= (H u) uᵀ/hh on columns m..n−1 of every row.
    for (let i = 0; i < n; i++) {
      const row = i * n;
      let s = 0;
      for (let j = m; j < n; j++) s += u[j] * h[row + j];
      s /= hh;
      for (let j = m; j < n; j++) h[row + j] -= s * u[j];
    }
    h[m * n + m - 1] = scale * g;
    for (let i = m + 1; i < n; i++) h[i * n + m - 1] = 0;
  }
}

/**
 * EISPACK hqr: eigenvalues of the upper Hessenberg H (overwritten) by the Francis double-shift QR
 * iteration with deflation at negligible subdiagonal entries, exceptional shifts every 10 iterations
 * without deflation (Wilkinson's ad hoc shift, alternating with MATLAB's), and the 2×2 blocks solved
 * in closed form. `shape` is used in the error message only.
 */
function hqr(h: Float64Array, nn: number, re: Float64Array, im: Float64Array, shape: string): void {
  const H = (i: number, j: number): number => h[i * nn + j];
  const eps = Number.EPSILON;
  const maxIter = ITERATIONS_PER_N * nn;
  let norm = 0;
  for (let i = 0; i < nn; i++) for (let j = Math.max(i - 1, 0); j < nn; j++) norm += Math.abs(H(i, j));
  if (norm === 0) return; // the zero matrix: every eigenvalue is 0

  let exshift = 0;
  let n = nn - 1; // last row of the active block
  let iter = 0;
  let p = 0, q = 0, r = 0, s = 0, w = 0, x = 0, y = 0, z = 0;
  while (n >= 0) {
    // Look for a single negligible subdiagonal element.
    let l = n;
    while (l > 0) {
      s = Math.abs(H(l - 1, l - 1)) + Math.abs(H(l, l));
      if (s === 0) s = norm;
      if (Math.abs(H(l, l - 1)) <= eps * s) break;
      l--;
    }

    if (l === n) {
      // One root found.
      re[n] = H(n, n) + exshift;
      im[n] = 0;
      n--;
      iter = 0;
    } else if (l === n - 1) {
      // Two roots found: the eigenvalues of the trailing 2×2 block.
      w = H(n, n - 1) * H(n - 1, n);
      p = (H(n - 1, n - 1) - H(n, n)) / 2;
      q = p * p + w;
      z = Math.sqrt(Math.abs(q));
      x = H(n, n) + exshift;
      if (q >= 0) {
        z = p >= 0 ? p + z : p - z;
        re[n - 1] = x + z;
        re[n] = z !== 0 ? x - w / z : x + z;
        im[n - 1] = 0;
        im[n] = 0;
      } else {
        re[n - 1] = x + p;
        re[n] = x + p;
        im[n - 1] = z;
        im[n] = -z;
      }
      n -= 2;
      iter = 0;
    } else {
      // No convergence yet: form the shift.
      x = H(n, n);
      y = H(n - 1, n - 1);
      w = H(n, n - 1) * H(n - 1, n);
      if (iter > 0 && iter % 10 === 0) {
        if (iter % 20 === 10) {
          // Wilkinson's original ad hoc shift.
          exshift += x;
          for (let i = 0; i <= n; i++) h[i * nn + i] -= x;
          s = Math.abs(H(n, n - 1)) + Math.abs(H(n - 1, n - 2));
          x = y = 0.75 * s;
          w = -0.4375 * s * s;
        } else {
          // MATLAB's ad hoc shift.
          s = (y - x) / 2;
          s = s * s + w;
          if (s > 0) {
            s = Math.sqrt(s);
            if (y < x) s = -s;
            s = x - w / ((y - x) / 2 + s);
            for (let i = 0; i <= n; i++) h[i * nn + i] -= s;
            exshift += s;
            x = y = w = 0.964;
          }
        }
      }
      if (++iter > maxIter) {
        throw new Error(`eigenvalues: QR iteration did not converge within ${maxIter} iterations for eigenvalue ${n} of A ${shape}`);
      }

      // Look for two consecutive small subdiagonal elements (where the double-shift bulge can start).
      let m = n - 2;
      for (;;) {
        z = H(m, m);
        r = x - z;
        s = y - z;
        p = (r * s - w) / H(m + 1, m) + H(m, m + 1);
        q = H(m + 1, m + 1) - z - r - s;
        r = H(m + 2, m + 1);
        s = Math.abs(p) + Math.abs(q) + Math.abs(r);
        p /= s;
        q /= s;
        r /= s;
        if (m === l) break;
        if (Math.abs(H(m, m - 1)) * (Math.abs(q) + Math.abs(r)) < eps * (Math.abs(p) * (Math.abs(H(m - 1, m - 1)) + Math.abs(z) + Math.abs(H(m + 1, m + 1))))) break;
        m--;
      }
      for (let i = m + 2; i <= n; i++) {
        h[i * nn + i - 2] = 0;
        if (i > m + 2) h[i * nn + i - 3] = 0;
      }

      // Double QR step on rows l..n and columns m..n (chasing the bulge with 3×3 reflections).
      for (let k = m; k <= n - 1; k++) {
        const notLast = k !== n - 1;
        if (k !== m) {
          p = H(k, k - 1);
          q = H(k + 1, k - 1);
          r = notLast ? H(k + 2, k - 1) : 0;
          x = Math.abs(p) + Math.abs(q) + Math.abs(r);
          if (x === 0) continue;
          p /= x;
          q /= x;
          r /= x;
        }
        s = Math.sqrt(p * p + q * q + r * r);
        if (p < 0) s = -s;
        if (s === 0) continue;
        if (k !== m) h[k * nn + k - 1] = -s * x;
        else if (l !== m) h[k * nn + k - 1] = -H(k, k - 1);
        p += s;
        x = p / s;
        y = q / s;
        z = r / s;
        q /= p;
        r /= p;

        // Row modification (columns k..n of the active block).
        const rk = k * nn;
        const rk1 = rk + nn;
        const rk2 = rk1 + nn;
        for (let j = k; j <= n; j++) {
          let t = h[rk + j] + q * h[rk1 + j];
          if (notLast) {
            t += r * h[rk2 + j];
            h[rk2 + j] -= t * z;
          }
          h[rk + j] -= t * x;
          h[rk1 + j] -= t * y;
        }
        // Column modification (rows l..min(n, k+3)).
        const iMax = Math.min(n, k + 3);
        for (let i = l; i <= iMax; i++) {
          const ri = i * nn;
          let t = x * h[ri + k] + y * h[ri + k + 1];
          if (notLast) {
            t += z * h[ri + k + 2];
            h[ri + k + 2] -= t * r;
          }
          h[ri + k] -= t;
          h[ri + k + 1] -= t * q;
        }
      }
    }
  }
}
