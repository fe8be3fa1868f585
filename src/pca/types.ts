/** The PCA API's method names, options and result. */
import type { Rng } from '../random/rng.js';
import type { Tensor } from '../tensor/index.js';
import type { DataLayout } from './covariance.js';

/**
 * LAE-PCA (§6.1, Algorithm 1) and the companion code's variants, all on the sum loss Lσ with
 * half-gradients D1 = W2ᵀ(W2W1 − I)C + λW1, D2 = (W2W1 − I)CW1ᵀ + λW2:
 * - gd-untied: W1 ← W1 − ηD1, then W2 ← W2 − ηD2 at the new W1 (Algorithm 1);
 * - gd-sync: both steps from the same tied point, then W1 ← (W1 + W2ᵀ)/2, W2 ← W1ᵀ;
 * - gd-tied ("regularized Oja"): W ← W − η[(WWᵀ − I)CW + λW];
 * - exact-untied (alternating least squares): W1 solves W2ᵀW2·W1·C + λW1 = W2ᵀC, then
 *   W2 = CW1ᵀ(W1CW1ᵀ + λI)⁻¹;
 * - exact-sync: W1 = (W2ᵀCW2 + λI)⁻¹W2ᵀC, then W2 = CW1ᵀ(W1CW1ᵀ + λI)⁻¹, then averaged and tied;
 * - exact-tied: W ← CW(WᵀCW + λI)⁻¹.
 */
export const LAE_METHODS = ['gd-untied', 'gd-sync', 'gd-tied', 'exact-untied', 'exact-sync', 'exact-tied'] as const;
export type LaeMethod = (typeof LAE_METHODS)[number];

/**
 * Baselines: 'eigen' (symmetric eigendecomposition of C), 'svd' (thin SVD of X; needs the data),
 * 'randomized' (Halko–Martinsson–Tropp randomized range finder with q power iterations and a
 * Rayleigh–Ritz step), 'subspace' (block subspace iteration with Rayleigh–Ritz), and
 * 'oja-subspace' (full-batch Oja subspace rule ΔW = η(I − WWᵀ)CW, which finds the subspace only;
 * its directions come from a final Rayleigh–Ritz step).
 */
export const BASELINE_METHODS = ['eigen', 'svd', 'randomized', 'subspace', 'oja-subspace'] as const;
export type BaselineMethod = (typeof BASELINE_METHODS)[number];

export const PCA_METHODS = [...LAE_METHODS, ...BASELINE_METHODS] as const;
export type PcaMethod = LaeMethod | BaselineMethod;

/** Human-readable method names for charts and tables. */
export const PCA_METHOD_LABELS: Record<PcaMethod, string> = {
  'gd-untied': 'LAE GD-untied',
  'gd-sync': 'LAE GD-sync',
  'gd-tied': 'LAE GD-tied (regularized Oja)',
  'exact-untied': 'LAE exact-untied (ALS)',
  'exact-sync': 'LAE exact-sync',
  'exact-tied': 'LAE exact-tied',
  eigen: 'exact (eigendecomposition of C)',
  svd: 'exact (SVD of X)',
  randomized: 'randomized SVD (HMT)',
  subspace: 'subspace iteration',
  'oja-subspace': 'Oja subspace rule',
};

/** The exact answer, when known, to record the error history against. */
export interface PcaReference {
  /** m × p principal directions as columns (p ≥ k; the first k are used), any sign. */
  components: Tensor;
  /** Their eigenvalues of C = XXᵀ, descending (optional). */
  eigenvalues?: ArrayLike<number>;
}

export interface PcaOptions {
  /** Number of principal directions, 1 ≤ k ≤ m. */
  k: number;
  method: PcaMethod;
  /**
   * LAE: the regularization λ. Must lie below σ_k'² (k' = k + oversample), the k'-th eigenvalue
   * of C, for all k' latent directions to survive. Default: `lambdaFraction` × the k'-th Ritz
   * value of a short subspace-iteration pilot (a lower bound on σ_k'², so λ < σ_k'²).
   */
  lambda?: number;
  /** Default 0.75 (see `lambda`). */
  lambdaFraction?: number;
  /** GD variants and Oja: step size η. Default 0.5 / θ1, θ1 the pilot's top Ritz value. */
  learningRate?: number;
  /**
   * Stopping rule ε (default 1e-8, the companion's). LAE untied: ‖W1 − W2ᵀ‖_F < ε; sync: the
   * same before tying; tied and Oja: ‖ΔW‖_F < ε; with extra latent units (oversample) the LAE
   * matrices are first multiplied by the top-k right singular vectors of the decoder, so only
   * the reported directions count. Subspace iteration: max relative Ritz residual
   * ‖Cv − θv‖ / θ1 < ε. For GD the step is η times the gradient, so ε must be far below the
   * accuracy wanted (on MNIST, ε = 1e-10 for a principal-angle sine near 1e-7).
   */
  tolerance?: number;
  /** Iteration cap (default 100,000 for GD and Oja, 10,000 otherwise). */
  maxIterations?: number;
  /**
   * Extra columns: LAE latent units beyond k (the top-k left singular vectors of the wider
   * decoder are returned), the block size of subspace iteration, the oversampling p of
   * randomized SVD. Default 0, and 10 for randomized.
   */
  oversample?: number;
  /** Randomized SVD: power iterations q (default 2). */
  powerIterations?: number;
  /** Random initialization and sketches; default `new Rng('pca')`. */
  rng?: Rng;
  /** LAE / Oja: standard deviation of the normal initialization (default 1/√m). */
  initStd?: number;
  /** Record the error against this exact answer in the history. */
  reference?: PcaReference;
  /** Record the history every this many iterations (default 1; the last one always). */
  historyEvery?: number;
  /** Called after every iteration (progress bars). */
  onIteration?: (iteration: number) => void;
  /**
   * Work on the features with non-zero variance only (C_ii > 0; e.g. MNIST's 111 always-blank
   * pixels): exact, and the directions are zero on the others. Default true.
   */
  dropZeroVariance?: boolean;
  /** `pca(X, …)` only: data layout (default 'columns': m × n, points as columns). */
  layout?: DataLayout;
  /** `pca(X, …)` only: subtract the mean point (default true). */
  center?: boolean;
}

/** Error and timing per recorded iteration. */
export interface PcaHistory {
  iteration: number[];
  /** Compute seconds since the start, excluding the time spent measuring errors. */
  seconds: number[];
  /** The stopping rule's measure at that iteration. */
  convergence: number[];
  /** With a reference: sin of the largest principal angle to the exact k-subspace. */
  subspaceError: number[];
  /** With a reference: max_j min(‖u_j − û_j‖, ‖u_j + û_j‖) over the k directions. */
  directionError: number[];
  /** With a reference that has eigenvalues: max_j |λ̂_j − λ_j| / λ_j. */
  eigenvalueError: number[];
}

export interface PcaResult {
  method: PcaMethod;
  k: number;
  /** m × k, orthonormal columns, eigenvalues descending; each column's largest entry is positive. */
  components: Tensor;
  /** Eigenvalues of C = XXᵀ for the components (LAE: λ / (1 − s_i²), s_i the decoder's singular values). */
  eigenvalues: Float64Array;
  iterations: number;
  /** Whether the stopping rule was met before the iteration cap. */
  converged: boolean;
  /** Compute seconds (pilot and iterations; error measurement excluded). */
  seconds: number;
  history: PcaHistory;
  /** LAE: the λ used. */
  lambda?: number;
  /** GD / Oja: the step size used. */
  learningRate?: number;
  /** LAE: the decoder's singular values (k' of them). */
  decoderSingularValues?: Float64Array;
  /** Width of the working block (k + oversample). */
  blockSize: number;
  /** Features kept after dropping zero-variance ones. */
  activeFeatures: number;
  /** Warnings, e.g. a collapsed latent direction (λ too large). */
  notes: string[];
}
