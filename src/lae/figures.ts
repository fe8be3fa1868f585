/**
 * What the §5.1 figures (Figs. 3–5) and App. D (Fig. 6) share: the synthetic data set, the training
 * setting and its CLI parameters, and the analysis of a trained W* = W2W1 = U*Σ*V*ᵀ.
 */
import { spectrumMatrix, type SpectrumData } from '../data/synthetic.js';
import { eigenvalues, orthonormalityError, svd } from '../linalg/index.js';
import type { Rng } from '../random/rng.js';
import { concatRows, eye, fromData, matmul, type Tensor } from '../tensor/index.js';
import { LOSS_KINDS, type LossKind } from './losses.js';
import { trainLae, type LaeHistory } from './train.js';

/** §5.1: X is 20 × 20 with σi = i and Haar-random left and right singular vectors (from `rng`). */
export function section51Data(rng: Rng, m = 20): SpectrumData {
  return spectrumMatrix(m, m, Array.from({ length: m }, (_, i) => i + 1), rng);
}

/** The §5.1 optimizer setting: Adam, full batch, normal initialization (companion code). */
export interface FigureTraining {
  k: number;
  lambda: number;
  steps: number;
  lr: number;
  /** Keras time decay lr/(1 + decay·t) of the companion code (0.1); 0 is plain Adam. */
  decay: number;
  initStd: number;
}

/** Trains one LAE on X with the §5.1 setting; returns detached weights and the per-step history. */
export function trainFigureLae(
  X: Tensor,
  loss: LossKind,
  setting: FigureTraining,
  rng: Rng,
  onStep?: (step: number) => void,
): { W1: Tensor; W2: Tensor; history: LaeHistory } {
  const { k, lambda, steps, lr, decay, initStd } = setting;
  const { model, history } = trainLae(X, { k, lambda, steps, lr, decay, initStd, loss, optimizer: 'adam', rng, onStep });
  return { W1: model.W1.detach(), W2: model.W2.detach(), history };
}

/**
 * CLI parameters of the training setting, declared once for the four figure simulations
 * (the kinds of src/sim's parameter declarations). `--full` is the paper's 4000 steps.
 */
export function trainingParams(defaults: { steps: number; initStd: number }) {
  return {
    losses: { kind: 'choiceList', choices: LOSS_KINDS, default: LOSS_KINDS, help: 'losses to train' },
    steps: { kind: 'integer', min: 1, max: 100_000, default: defaults.steps, full: 4000, help: 'full-batch Adam steps (paper: 4000)' },
    lr: { kind: 'number', min: 0, max: 1, exclusiveMin: true, default: 0.05, help: 'Adam learning rate (paper: 0.05)' },
    decay: {
      kind: 'number', min: 0, max: 10, default: 0.1,
      help: 'Adam time decay lr/(1 + decay·t) of the companion code (0.1); 0 is plain Adam',
    },
    initStd: { kind: 'number', min: 0, max: 10, exclusiveMin: true, default: defaults.initStd, help: 'std of the normal initialization' },
  } as const;
}

/** The latent dimension k (§5.1: 10; at most m = 20). */
export function latentParam(k: number) {
  return { kind: 'integer', min: 1, max: 20, default: k, help: 'latent dimension k' } as const;
}

/** The regularization strength λ of Figs. 3, 4 and 6 (§5.1: 10). */
export const LAMBDA_PARAM = { kind: 'number', min: 0, max: 10_000, default: 10, help: 'regularization strength λ' } as const;

/** The first k columns of A. */
export function leadingColumns(A: Tensor, k: number): Tensor {
  return A.transpose().sliceRows(0, k).transpose();
}

/** The top-k part of the SVD W* = U*Σ*V*ᵀ (k = W1.rows): U* and V* are m × k, S the k largest singular values. */
export interface ProductSvd {
  U: Tensor;
  S: Float64Array;
  V: Tensor;
}

/** SVD of the trained product W* = W2W1, truncated to its k leading singular triplets. */
export function productSvd(W1: Tensor, W2: Tensor): ProductSvd {
  const k = W1.rows;
  const { U, S, V } = svd(matmul(W2, W1));
  return { U: leadingColumns(U, k), S: S.slice(0, k), V: leadingColumns(V, k) };
}

/** The k largest eigenvalues of W* = W2W1 (Fig. 5's τᵢ²), with how far they are from real. */
export interface ProductEigenvalues {
  /** Real parts of the eigenvalues of W1W2 (k × k), descending: τ1² ≥ … ≥ τk². */
  tau2: Float64Array;
  /** max |Im λ| over them: 0 at every critical point (W* is then similar to a symmetric PSD matrix), ~0 after training. */
  maxImaginary: number;
}

/**
 * §5.1, Fig. 5: τᵢ² is the i-th largest eigenvalue of W* = W2W1 (m × m, rank ≤ k). Its non-zero eigenvalues
 * are those of W1W2 (k × k), so they are computed from the smaller product. Unlike the singular values of W*,
 * they ignore what the encoder still reads outside the decoder's column space (e.g. L's low-variance
 * directions left after training): for W1 = G U_Iᵀ + E with E U_I = 0 and W2 = U_I H, HG = I, W1W2 = I exactly
 * while ‖W*‖₂ > 1.
 */
export function productEigenvalues(W1: Tensor, W2: Tensor): ProductEigenvalues {
  const { re, im } = eigenvalues(matmul(W1, W2));
  let maxImaginary = 0;
  for (const v of im) maxImaginary = Math.max(maxImaginary, Math.abs(v));
  return { tau2: re, maxImaginary };
}

/** Fig. 4: [U V*]ᵀ[U U*] (2k × 2k) from the top-k principal directions U (m × k) of X. */
export function alignmentMatrix(U: Tensor, w: ProductSvd): Tensor {
  return matmul(concatRows([U.transpose(), w.V.transpose()]), concatRows([U.transpose(), w.U.transpose()]), { transposeB: true });
}

/** max over i of 1 − |⟨u_i, u*_i⟩|: 0 when the columns of U* are those of U up to sign (Lπ, Lσ in Fig. 4). */
export function directionError(U: Tensor, Ustar: Tensor): number {
  const G = matmul(U, Ustar, { transposeA: true });
  let worst = 0;
  for (let i = 0; i < G.rows; i++) worst = Math.max(worst, 1 - Math.abs(G.get(i, i)));
  return worst;
}

/** max over (i, j) of ||M_ij| − δ_ij|: how far a square matrix is from a diagonal of signs. */
export function signedIdentityDeviation(M: Tensor): number {
  let worst = 0;
  for (let i = 0; i < M.rows; i++) {
    for (let j = 0; j < M.cols; j++) worst = Math.max(worst, Math.abs(Math.abs(M.get(i, j)) - (i === j ? 1 : 0)));
  }
  return worst;
}

/**
 * Fig. 5: τ² at the global minimum (Theorem 4.2) for a direction with eigenvalue σ² of XXᵀ:
 * L: 1;  Lπ: σ²/(σ² + λ);  Lσ: max(0, 1 − λ/σ²).
 */
export function shrinkageTheory(loss: LossKind, sigma2: number, lambda: number): number {
  if (loss === 'unregularized') return 1;
  return loss === 'product' ? sigma2 / (sigma2 + lambda) : Math.max(0, 1 - lambda / sigma2);
}

/** Relative distance |λ − σ²|/σ² below which a sum-loss direction counts as degenerate. */
export const DEGENERACY_TOLERANCE = 1e-2;

/**
 * Lσ at λ = σi²: along direction i the loss is σ² + 2(λ − σ²)τ² + σ²τ⁴ (τ² = w²), so the quadratic
 * term vanishes, the Hessian is flat and τ² → 0 only sublinearly. L and Lπ have no such point.
 */
export function isDegenerate(loss: LossKind, sigma2: number, lambda: number): boolean {
  return loss === 'sum' && Math.abs(lambda - sigma2) <= DEGENERACY_TOLERANCE * sigma2;
}

/** App. D (9): A = Σ*^(-1/2)UᵀW2*, B = W1*UΣ*^(-1/2) and their product AB (all k × k). */
export interface CircleMaps {
  A: Tensor;
  B: Tensor;
  AB: Tensor;
}

/** The maps of (9) from trained weights, the top-k principal directions U (m × k) and Σ* (top-k singular values of W*). */
export function circleMaps(W1: Tensor, W2: Tensor, U: Tensor, S: Float64Array): CircleMaps {
  const scale = fromData(Float64Array.from(S, (s) => 1 / Math.sqrt(s)), [S.length, 1]); // Σ*^(-1/2) as a column
  const A = matmul(U, W2, { transposeA: true }).mul(scale);
  const B = matmul(W1, U).mul(scale.transpose());
  return { A, B, AB: matmul(A, B) };
}

/** ‖AᵀA − I‖_F, ‖BᵀB − I‖_F (0 for Lσ only) and ‖AB − I‖_F (0 for every loss). */
export function circleErrors(maps: CircleMaps): { orthogonalityError: { A: number; B: number }; inverseError: number } {
  return {
    orthogonalityError: { A: orthonormalityError(maps.A), B: orthonormalityError(maps.B) },
    inverseError: Math.sqrt(maps.AB.sub(eye(maps.AB.rows)).sumSquares().item()),
  };
}
