/**
 * The Grassmannian Theorem 4.1 (App. E) measured: L_X on Gr_k(R^m), the sum of squared distances
 * from the data points to a k-plane P, is tr C − tr(YᵀCY) for an orthonormal basis Y of P
 * (C = XXᵀ). Its critical points are the C(m, k) principal subspaces span(u_i, i ∈ I), of Morse
 * index d_I = Σ_j (i_j − j) (eq. 4).
 */
import { symmetricEigen, symmetricMatrixFunction } from '../../linalg/index.js';
import { eye, fromData, matmul, trace, type Tensor } from '../../tensor/index.js';
import { indexSets } from './critical-points.js';
import { grassmannianIndex } from './curvature.js';
import { columnsOf } from './spectral.js';

/** d_I = Σ_j (i_j − j) (Theorem 4.1, eq. 4), the count the Curvature Theorem 4.4 builds on. */
export { grassmannianIndex as morseIndex } from './curvature.js';

/** All C(m, k) index sets I ⊂ {1..m} with |I| = k (1-based, increasing, lexicographic). */
export function principalSubspaces(m: number, k: number): number[][] {
  if (!Number.isInteger(m) || !Number.isInteger(k) || k < 1 || k > m) throw new Error(`principalSubspaces: need integers 1 ≤ k ≤ m, got m=${m}, k=${k}`);
  return indexSets(m, k).filter((I) => I.length === k);
}

/** L_X(P) = tr C − tr(YᵀCY), Y (m × k) an orthonormal basis of P. */
export function grassmannianLoss(C: Tensor, Y: Tensor): number {
  return trace(C).item() - trace(matmul(Y, matmul(C, Y), { transposeA: true })).item();
}

/** The measured Hessian of L_X at a principal subspace. */
export interface GrassmannianHessian {
  /** Eigenvalues of the k(m − k) × k(m − k) Hessian in the chart Y(Z), descending. */
  eigenvalues: Float64Array;
  /** Measured Morse index: eigenvalues below −tolerance. */
  negative: number;
  positive: number;
  /** |μ| ≤ tolerance (none at a non-degenerate critical point). */
  zero: number;
  tolerance: number;
}

export interface GrassmannianHessianOptions {
  /** Finite-difference step in Z (default 1e-4). */
  step?: number;
  /** |μ| ≤ relTol·max(1, max|μ|) counts as zero (default 1e-6). */
  relTol?: number;
}

/**
 * The Hessian of L_X at span(U_I), measured in the chart Y(Z) = (U_I + U_J Z)(I + ZᵀZ)^(-1/2)
 * (Z ∈ R^{(m−k)×k}, J the complement of I, U the eigenvectors of C as columns, descending) by
 * central second differences of L_X(Y(Z)) at Z = 0. The chart is an isometry at Z = 0, so the
 * eigenvalues are the Riemannian Hessian's: 2(σ_i² − σ_j²) for u_i (i ∈ I) turned toward u_j (j ∉ I).
 */
export function grassmannianHessian(C: Tensor, U: Tensor, indexSet: readonly number[], options: GrassmannianHessianOptions = {}): GrassmannianHessian {
  const { step: h = 1e-4, relTol = 1e-6 } = options;
  const m = U.rows;
  const k = indexSet.length;
  const complement = Array.from({ length: m }, (_, i) => i + 1).filter((i) => !indexSet.includes(i));
  const UI = columnsOf(U, indexSet);
  const UJ = columnsOf(U, complement);
  const p = (m - k) * k;
  const f = (z: Float64Array): number => {
    const Z = fromData(z, [m - k, k]);
    const norm = symmetricMatrixFunction(eye(k).add(matmul(Z, Z, { transposeA: true })), (v) => 1 / Math.sqrt(v));
    return grassmannianLoss(C, matmul(UI.add(matmul(UJ, Z)), norm));
  };
  const at = (a: number, sa: number, b: number, sb: number): number => {
    const z = new Float64Array(p);
    z[a] += sa * h;
    z[b] += sb * h;
    return f(z);
  };
  const f0 = f(new Float64Array(p));
  const H = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    H[a * p + a] = (at(a, 1, a, 0) - 2 * f0 + at(a, -1, a, 0)) / (h * h);
    for (let b = a + 1; b < p; b++) {
      const v = (at(a, 1, b, 1) - at(a, 1, b, -1) - at(a, -1, b, 1) + at(a, -1, b, -1)) / (4 * h * h);
      H[a * p + b] = v;
      H[b * p + a] = v;
    }
  }
  const eigenvalues = p === 0 ? new Float64Array(0) : symmetricEigen(fromData(H, [p, p])).values;
  const tolerance = relTol * Math.max(1, ...Array.from(eigenvalues, Math.abs));
  const negative = eigenvalues.filter((v) => v < -tolerance).length;
  const positive = eigenvalues.filter((v) => v > tolerance).length;
  return { eigenvalues, negative, positive, zero: p - negative - positive, tolerance };
}

/** The closed-form Hessian eigenvalues {2(σ_i² − σ_j²) : i ∈ I, j ∉ I} (σ² = eigenvalues of C, descending order of indices), sorted descending. */
export function predictedHessianEigenvalues(sigma2: ArrayLike<number>, indexSet: readonly number[]): Float64Array {
  const out: number[] = [];
  for (let j = 1; j <= sigma2.length; j++) {
    if (indexSet.includes(j)) continue;
    for (const i of indexSet) out.push(2 * (sigma2[i - 1]! - sigma2[j - 1]!));
  }
  return Float64Array.from(out).sort().reverse();
}

/** One principal subspace: predicted vs measured index and loss value (a type alias, so rows are JSON values). */
export type GrassmannianRow = {
  indexSet: number[];
  /** d_I, eq. 4. */
  predictedIndex: number;
  /** Negative eigenvalues of the measured Hessian. */
  measuredIndex: number;
  /** Zero eigenvalues of the measured Hessian (0 at a non-degenerate critical point). */
  zeroEigenvalues: number;
  /** Σ_{i∉I} σ_i² (closed form). */
  lossValue: number;
  /** L_X(span U_I) evaluated directly. */
  measuredLoss: number;
  /** Measured Hessian eigenvalues, descending. */
  hessianEigenvalues: number[];
  /** Closed-form eigenvalues 2(σ_i² − σ_j²), i ∈ I, j ∉ I, descending. */
  predictedHessianEigenvalues: number[];
  /** max |measured − predicted| over the sorted eigenvalues. */
  hessianError: number;
  /** Same index, no zero eigenvalue, and loss values equal to 1e-9 relative. */
  agrees: boolean;
};

/**
 * Every principal k-subspace of C (m × m, symmetric, distinct eigenvalues σ1² > … > σm²) with its
 * predicted and measured Morse index and its loss value, in principalSubspaces order.
 */
export function grassmannianTable(C: Tensor, k: number, options: GrassmannianHessianOptions = {}): GrassmannianRow[] {
  const { values: sigma2, vectors: U } = symmetricEigen(C);
  const m = sigma2.length;
  for (let i = 1; i < m; i++) {
    if (!(sigma2[i - 1]! - sigma2[i]! > 1e-8 * Math.max(1, Math.abs(sigma2[0]!)))) {
      throw new Error(`grassmannianTable: eigenvalues ${i} and ${i + 1} of C are not distinct (${sigma2[i - 1]}, ${sigma2[i]})`);
    }
  }
  const scale = Math.max(1, sigma2.reduce((a, b) => a + Math.abs(b), 0));
  return principalSubspaces(m, k).map((I) => {
    const hessian = grassmannianHessian(C, U, I, options);
    const predicted = predictedHessianEigenvalues(sigma2, I);
    const lossValue = sigma2.reduce((s, v, i) => (I.includes(i + 1) ? s : s + v), 0);
    const measuredLoss = grassmannianLoss(C, columnsOf(U, I));
    const predictedIndex = grassmannianIndex(I);
    return {
      indexSet: I,
      predictedIndex,
      measuredIndex: hessian.negative,
      zeroEigenvalues: hessian.zero,
      lossValue,
      measuredLoss,
      hessianEigenvalues: Array.from(hessian.eigenvalues),
      predictedHessianEigenvalues: Array.from(predicted),
      hessianError: Math.max(0, ...hessian.eigenvalues.map((v, r) => Math.abs(v - predicted[r]!))),
      agrees: hessian.negative === predictedIndex && hessian.zero === 0 && Math.abs(lossValue - measuredLoss) <= 1e-9 * scale,
    };
  });
}
