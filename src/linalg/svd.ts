/**
 * Thin singular value decomposition by QR preconditioning followed by one-sided (Hestenes) Jacobi
 * on the rows of the triangular factor (Demmel & Veselić 1992; Drmač & Veselić 2008). One-sided
 * Jacobi orthogonalizes to a *relative* tolerance, so small and nearly repeated singular values are
 * computed accurately and the singular vectors stay orthonormal even for rank-deficient input.
 */
import { Tensor } from '../tensor/tensor.js';
import { assertFinite, assertMatrix, hypot, maxAbs } from './internal.js';
import { qr } from './qr.js';

export interface SVDResult {
  /** m×r with orthonormal columns, r = min(m, n). */
  U: Tensor;
  /** The r singular values, descending. */
  S: Float64Array;
  /** n×r with orthonormal columns. */
  V: Tensor;
}

const MAX_SWEEPS = 80;
/** Squared row norms (after scaling to max|entry| = 1) below this are treated as exact zeros. */
const TINY = 1e-300;

/** Thin SVD A = U diag(S) Vᵀ of an m×n matrix. Vectors of zero singular values complete U, V orthonormally. */
export function svd(A: Tensor): SVDResult {
  assertMatrix('svd', 'A', A);
  assertFinite('svd', 'A', A);
  const m = A.rows;
  const n = A.cols;
  const tall = m >= n;
  const k = tall ? n : m;
  const L = tall ? m : n;

  // Tall: A = Q R. Wide: Aᵀ = Q R, so A = Rᵀ Qᵀ. Jacobi gives R = Tᵀ diag(sigma) Z (T, Z orthogonal), hence
  // tall: U = Q Tᵀ, V = Zᵀ;  wide: U = Zᵀ, V = Q Tᵀ.
  const { Q, R } = qr(tall ? A : transpose(A));
  const { sigma, T, Z } = jacobiRows(R.f64('svd'), k);

  const order = Array.from({ length: k }, (_, i) => i).sort((p, q) => sigma[q] - sigma[p]);
  const S = new Float64Array(k);
  for (let c = 0; c < k; c++) S[c] = sigma[order[c]];

  const q = Q.data;
  const QT = new Float64Array(L * k);
  for (let i = 0; i < L; i++) {
    const qo = i * k;
    for (let c = 0; c < k; c++) {
      const to = order[c] * k;
      let sum = 0;
      for (let l = 0; l < k; l++) sum += q[qo + l] * T[to + l];
      QT[qo + c] = sum;
    }
  }
  const Zt = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    const zo = order[c] * k;
    for (let r = 0; r < k; r++) Zt[r * k + c] = Z[zo + r];
  }

  const qtTensor = new Tensor(QT, [L, k]);
  const ztTensor = new Tensor(Zt, [k, k]);
  return tall ? { U: qtTensor, S, V: ztTensor } : { U: ztTensor, S, V: qtTensor };
}

function transpose(A: Tensor): Tensor {
  const m = A.rows;
  const n = A.cols;
  const a = A.data;
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) out[j * m + i] = a[i * n + j];
  }
  return new Tensor(out, [n, m]);
}

/**
 * One-sided Jacobi on the rows of the k×k matrix R (row-major): finds an orthogonal T such that the
 * rows of T R are mutually orthogonal, i.e. T R = diag(sigma) Z with Z orthogonal. Cyclic-by-row
 * ordering; a pair is rotated when |cos angle| > sqrt(k)·eps. Rows of exactly zero (or underflowing)
 * norm get sigma = 0 and an orthonormal completion in Z.
 */
function jacobiRows(R: Float64Array, k: number): { sigma: Float64Array; T: Float64Array; Z: Float64Array } {
  const scale = maxAbs(R);
  const B = new Float64Array(k * k);
  if (scale > 0) for (let i = 0; i < B.length; i++) B[i] = R[i] / scale;
  const T = new Float64Array(k * k);
  for (let i = 0; i < k; i++) T[i * k + i] = 1;

  const tol = Math.sqrt(k) * Number.EPSILON;
  let converged = false;
  for (let sweep = 0; sweep < MAX_SWEEPS && !converged; sweep++) {
    converged = true;
    for (let p = 0; p < k - 1; p++) {
      const po = p * k;
      for (let q = p + 1; q < k; q++) {
        const qo = q * k;
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < k; i++) {
          const x = B[po + i];
          const y = B[qo + i];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (alpha < TINY || beta < TINY || Math.abs(gamma) <= tol * Math.sqrt(alpha) * Math.sqrt(beta)) continue;
        converged = false;
        // Rotation zeroing the off-diagonal of [[alpha, gamma], [gamma, beta]] (smaller angle, |t| ≤ 1).
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + hypot(1, zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotateRows(B, po, qo, k, c, s);
        rotateRows(T, po, qo, k, c, s);
      }
    }
  }
  if (!converged) throw new Error(`svd: one-sided Jacobi did not converge in ${MAX_SWEEPS} sweeps (k = ${k})`);

  const sigma = new Float64Array(k);
  const Z = new Float64Array(k * k);
  const accepted: number[] = [];
  const missing: number[] = [];
  for (let p = 0; p < k; p++) {
    const po = p * k;
    let norm2 = 0;
    for (let i = 0; i < k; i++) norm2 += B[po + i] * B[po + i];
    if (norm2 < TINY) {
      missing.push(p);
      continue;
    }
    const norm = Math.sqrt(norm2);
    sigma[p] = norm * scale;
    for (let i = 0; i < k; i++) Z[po + i] = B[po + i] / norm;
    accepted.push(p);
  }
  completeOrthonormalRows(Z, k, accepted, missing);
  return { sigma, T, Z };
}

/** [x; y] ← [c·x − s·y; s·x + c·y] for rows starting at offsets po, qo. */
function rotateRows(M: Float64Array, po: number, qo: number, len: number, c: number, s: number): void {
  for (let i = 0; i < len; i++) {
    const x = M[po + i];
    const y = M[qo + i];
    M[po + i] = c * x - s * y;
    M[qo + i] = s * x + c * y;
  }
}

/**
 * Fills rows `missing` of the k×k matrix Z so that all rows are orthonormal, given orthonormal rows
 * `accepted`: each new row is the standard basis vector least represented in the current span,
 * orthogonalized twice by Gram–Schmidt ("twice is enough") and normalized.
 */
function completeOrthonormalRows(Z: Float64Array, k: number, accepted: number[], missing: number[]): void {
  if (missing.length === 0) return;
  const weight = new Float64Array(k); // weight[j] = ‖projection of e_j onto the span of accepted rows‖²
  const addWeight = (p: number): void => {
    for (let j = 0; j < k; j++) weight[j] += Z[p * k + j] * Z[p * k + j];
  };
  for (const p of accepted) addWeight(p);
  const v = new Float64Array(k);
  for (const p of missing) {
    let best = 0;
    for (let j = 1; j < k; j++) if (weight[j] < weight[best]) best = j;
    v.fill(0);
    v[best] = 1;
    for (let pass = 0; pass < 2; pass++) {
      for (const r of accepted) {
        const ro = r * k;
        let dot = 0;
        for (let j = 0; j < k; j++) dot += v[j] * Z[ro + j];
        for (let j = 0; j < k; j++) v[j] -= dot * Z[ro + j];
      }
    }
    let norm2 = 0;
    for (let j = 0; j < k; j++) norm2 += v[j] * v[j];
    const inv = 1 / Math.sqrt(norm2);
    for (let j = 0; j < k; j++) Z[p * k + j] = v[j] * inv;
    accepted.push(p);
    addWeight(p);
  }
}
