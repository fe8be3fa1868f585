/**
 * Probabilistic PCA and the pPCA Theorem 3.1.
 *
 * Scaling. Tipping & Bishop's pPCA draws x_i = W z_i + ε_i, z_i ~ N(0, I_k), ε_i ~ N(0, s²I_m),
 * and with the sample covariance S = XXᵀ/n its maximum-likelihood loading is
 * W_ML = U_k(Λ_k − s²I)^(1/2)R, Λ = eig(S). The paper's eq. (3), W0 = U_I Σ_I(I − σ²Σ_I⁻²)^(1/2)Oᵀ
 * = U_I(Σ_I² − σ²I)^(1/2)Oᵀ, is that formula with S replaced by C = XXᵀ = nS (Σ² = nΛ). Hence
 *   W0(C, σ² = λ) = √n · W_ML(S, s² = λ/n),   i.e. λ = n·s²,
 * and Theorem 3.1 in T&B's own scaling reads: the decoders of the critical points of
 * Lσ(W1S^(-1/2), S^(-1/2)W2) with λ = n s² are S^(1/2)W2 = W_ML (the pPCA critical points).
 * Every function here takes the "covariance" as an argument, so pass C for the paper's
 * convention and S for T&B's.
 */
import { cholesky, solveSPD, symmetricEigen, symmetricMatrixFunction } from '../../linalg/index.js';
import type { Rng } from '../../random/rng.js';
import { eye, fromData, matmul, randn, type Tensor } from '../../tensor/index.js';

/**
 * T&B's closed-form maximum-likelihood loading (up to rotation) U_k(Λ_k − σ²I)^(1/2), Λ, U from
 * `symmetricEigen(C)`; a column with Λ_i ≤ σ² is zero (the direction is lost to the noise).
 */
export function ppcaMaximumLikelihood(C: Tensor, k: number, sigma2: number): Tensor {
  const { values, vectors } = symmetricEigen(C);
  const scale = Float64Array.from(values.subarray(0, k), (l) => Math.sqrt(Math.max(l - sigma2, 0)));
  return vectors.transpose().sliceRows(0, k).transpose().mul(fromData(scale, [1, k]));
}

export interface PpcaEmOptions {
  /** Maximum number of EM steps. */
  iterations: number;
  /** Stop when ‖W_new − W‖_F ≤ tolerance·‖W_new‖_F. */
  tolerance: number;
  /** Draws the N(0, 1) starting loading. */
  rng: Rng;
}

export interface PpcaEmResult {
  W: Tensor;
  /** EM steps taken. */
  iterations: number;
  converged: boolean;
}

/**
 * Tipping & Bishop's EM algorithm for pPCA with the noise variance σ² held fixed (T&B 1999,
 * with S = C): W ← CW(σ²I + M⁻¹WᵀCW)⁻¹, M = WᵀW + σ²I. Since σ²I + M⁻¹WᵀCW = M⁻¹(σ²M + WᵀCW),
 * the step is W ← CW·(σ²M + WᵀCW)⁻¹M with an SPD solve. An oracle independent of the eigensolver.
 */
export function ppcaEm(C: Tensor, k: number, sigma2: number, options: PpcaEmOptions): PpcaEmResult {
  let W = randn([C.rows, k], options.rng);
  for (let it = 1; it <= options.iterations; it++) {
    const CW = matmul(C, W);
    const M = matmul(W, W, { transposeA: true }).add(eye(k).mul(sigma2));
    const B = M.mul(sigma2).add(matmul(W, CW, { transposeA: true }));
    const next = matmul(CW, solveSPD(B, M));
    const step = Math.sqrt(next.sub(W).sumSquares().item());
    W = next;
    if (step <= options.tolerance * Math.sqrt(W.sumSquares().item())) return { W, iterations: it, converged: true };
  }
  return { W, iterations: options.iterations, converged: false };
}

/**
 * Theorem 3.1: critical points of L0σ(W1, W2) = Lσ(W1C^(-1/2), C^(-1/2)W2) are (W1'C^(1/2), C^(1/2)W2')
 * for critical (W1', W2') of Lσ, and the decoder W0 = C^(1/2)W2' is eq. (3) with σ² = λ.
 */
export function laeToPpca(W2: Tensor, C: Tensor): Tensor {
  return matmul(symmetricMatrixFunction(C, (l) => Math.sqrt(Math.max(l, 0))), W2);
}

/** ‖WWᵀ − W_ref W_refᵀ‖_F / ‖W_ref W_refᵀ‖_F: compares loadings up to the rotation R. */
export function loadingGramError(W: Tensor, Wref: Tensor): number {
  const G = matmul(W, W, { transposeB: true });
  const Gref = matmul(Wref, Wref, { transposeB: true });
  return Math.sqrt(G.sub(Gref).sumSquares().item() / Gref.sumSquares().item());
}

/**
 * pPCA log-likelihood of n points with sample covariance S = XXᵀ/n (Tipping & Bishop 1999):
 *   −n/2 [m ln 2π + ln|S_model| + tr(S_model⁻¹S)],  S_model = WWᵀ + s²I.
 */
export function ppcaLogLikelihood(S: Tensor, n: number, W: Tensor, s2: number): number {
  const m = S.rows;
  const model = matmul(W, W, { transposeB: true }).add(eye(m).mul(s2));
  const L = cholesky(model);
  let logDet = 0;
  for (let i = 0; i < m; i++) logDet += 2 * Math.log(L.data[i * m + i]!);
  return (-n / 2) * (m * Math.log(2 * Math.PI) + logDet + solveSPD(model, S).trace().item());
}
