/**
 * Baselines on C = XXᵀ (m × m): the exact eigendecomposition, the thin SVD of X, randomized SVD
 * (Halko, Martinsson & Tropp 2011: Algorithm 4.4 randomized subspace iteration, Algorithm 5.3
 * direct eigendecomposition of the small projected matrix), block subspace iteration with
 * Rayleigh–Ritz, the Oja subspace rule, and the short subspace-iteration pilot that picks a
 * default λ and step size for LAE-PCA.
 */
import { qr, svd, symmetricEigen } from '../linalg/index.js';
import type { Rng } from '../random/rng.js';
import { fromData, matmul, randn, type Tensor } from '../tensor/index.js';
import type { Estimate, Tracker } from './history.js';
import { firstColumns, frobenius, symmetrized } from './util.js';

/** Result of a baseline run before it is wrapped into a PcaResult. */
export interface BaselineRun {
  estimate: Estimate;
  iterations: number;
  converged: boolean;
  learningRate?: number;
  notes: string[];
}

/** Ritz pairs of C on span(Q) (Q orthonormal m × b): values descending, vectors m × b. */
export function rayleighRitz(C: Tensor, Q: Tensor, CQ: Tensor = matmul(C, Q)): { values: Float64Array; vectors: Tensor } {
  const H = symmetrized(matmul(Q, CQ, { transposeA: true }));
  const { values, vectors } = symmetricEigen(H);
  return { values, vectors: matmul(Q, vectors) };
}

/**
 * The top b Ritz values of C after `iterations` steps of subspace iteration from a Gaussian block
 * (b ≤ m). By Cauchy interlacing each is a lower bound on the matching eigenvalue of C, so
 * λ = f · θ_b (0 < f < 1) is safely below σ_b².
 */
export function ritzEstimate(C: Tensor, b: number, rng: Rng, iterations = 4): Float64Array {
  let Q = qr(randn([C.rows, b], rng)).Q;
  for (let t = 0; t < iterations; t++) Q = qr(matmul(C, Q)).Q;
  return rayleighRitz(C, Q).values;
}

/** Exact: the symmetric eigendecomposition of C (tred2 + tql2), top k. */
export function eigenBaseline(C: Tensor, k: number, tracker: Tracker): BaselineRun {
  const { values, vectors } = symmetricEigen(C);
  const estimate = { components: firstColumns(vectors, k), eigenvalues: values.slice(0, k) };
  tracker.step(1, 0, () => estimate, true);
  return { estimate, iterations: 1, converged: true, notes: [] };
}

/** Exact: the thin SVD of the centred data X (m × n, points as columns); eigenvalues σ_i². */
export function svdBaseline(X: Tensor, k: number, tracker: Tracker): BaselineRun {
  const { U, S } = svd(X);
  const estimate = { components: firstColumns(U, k), eigenvalues: S.slice(0, k).map((s) => s * s) };
  tracker.step(1, 0, () => estimate, true);
  return { estimate, iterations: 1, converged: true, notes: [] };
}

/** Top-k Ritz pairs of C on span(Q) as an estimate. */
function ritzEstimateOf(C: Tensor, Q: Tensor, k: number, CQ?: Tensor): Estimate {
  const { values, vectors } = rayleighRitz(C, Q, CQ);
  return { components: firstColumns(vectors, k), eigenvalues: values.slice(0, k) };
}

/**
 * Randomized SVD of C (HMT Alg. 4.4 + 5.3): Ω Gaussian m × (k + p), Q = orth(CΩ), then q power
 * iterations Q = orth(CQ) (C is symmetric, so the alternation with Cᵀ is the same product), then
 * the eigendecomposition of QᵀCQ. Fixed work: q + 2 products with C; the history records the
 * estimate after each power iteration.
 */
export function randomizedBaseline(C: Tensor, k: number, p: number, q: number, rng: Rng, tracker: Tracker): BaselineRun {
  const b = Math.min(C.rows, k + p);
  let Q = qr(matmul(C, randn([C.rows, b], rng))).Q;
  tracker.step(0, 1, () => ritzEstimateOf(C, Q, k));
  for (let t = 1; t <= q; t++) {
    Q = qr(matmul(C, Q)).Q;
    if (t < q) tracker.step(t, 1, () => ritzEstimateOf(C, Q, k));
  }
  const estimate = ritzEstimateOf(C, Q, k);
  tracker.step(Math.max(q, 1), 0, () => estimate, true);
  return { estimate, iterations: q, converged: true, notes: [] };
}

/**
 * Block subspace iteration with Rayleigh–Ritz (b = k + p columns): per iteration one product
 * Z = CQ, the Ritz pairs (θ, v) of span(Q), the residual ‖Cv − θv‖ of the top k, and Q ← orth(Z).
 * Stops when max_j ‖Cv_j − θ_j v_j‖ / θ_1 < tolerance.
 */
export function subspaceBaseline(C: Tensor, k: number, p: number, tolerance: number, maxIterations: number, rng: Rng, tracker: Tracker): BaselineRun {
  const b = Math.min(C.rows, k + p);
  let Q = qr(randn([C.rows, b], rng)).Q;
  let estimate: Estimate | undefined;
  let converged = false;
  let t = 0;
  while (t < maxIterations) {
    t++;
    const Z = matmul(C, Q);
    const H = symmetrized(matmul(Q, Z, { transposeA: true }));
    const { values, vectors } = symmetricEigen(H);
    const Vk = firstColumns(vectors, k);
    const ritzVectors = matmul(Q, Vk);
    // residual of the top k Ritz pairs: ZV − QVΘ, columns scaled by θ
    const theta = values.slice(0, k);
    const residual = matmul(Z, Vk).sub(ritzVectors.mul(fromRow(theta)));
    const measure = columnNormMax(residual) / Math.max(values[0]!, Number.MIN_VALUE);
    estimate = { components: ritzVectors, eigenvalues: theta };
    const done = measure < tolerance;
    const current = estimate;
    tracker.step(t, measure, () => current, done || t === maxIterations);
    if (done) {
      converged = true;
      break;
    }
    Q = qr(Z).Q;
  }
  return { estimate: estimate!, iterations: t, converged, notes: [] };
}

/**
 * Oja's subspace rule, full batch: W ← W + η(I − WWᵀ)CW = W + η(CW − W(WᵀCW)) (the negative
 * decoder half-gradient of the unregularized tied LAE). It converges to an orthonormal basis of
 * the top-k subspace but not to the directions themselves, so the estimate is the Rayleigh–Ritz
 * rotation of that basis. Stops when ‖ΔW‖_F < tolerance.
 */
export function ojaSubspaceBaseline(
  C: Tensor,
  k: number,
  eta: number,
  initStd: number,
  tolerance: number,
  maxIterations: number,
  rng: Rng,
  tracker: Tracker,
): BaselineRun {
  let W = randn([C.rows, k], rng, initStd);
  const estimateOf = (): Estimate => ritzEstimateOf(C, qr(W).Q, k);
  tracker.step(0, Infinity, estimateOf);
  let converged = false;
  let t = 0;
  while (t < maxIterations) {
    t++;
    const G = matmul(C, W);
    const step = G.sub(matmul(W, matmul(W, G, { transposeA: true }))).mul(eta);
    W = W.add(step);
    W.assertFinite(t, 'value', 'W (Oja subspace)');
    const measure = frobenius(step);
    const done = measure < tolerance;
    tracker.step(t, measure, estimateOf, done || t === maxIterations);
    if (done) {
      converged = true;
      break;
    }
  }
  return { estimate: estimateOf(), iterations: t, converged, learningRate: eta, notes: [] };
}

/** A 1 × k row tensor (for scaling columns by broadcasting). */
function fromRow(values: Float64Array): Tensor {
  return fromData(values.slice(), [1, values.length]);
}

/** Largest column 2-norm of a matrix. */
function columnNormMax(A: Tensor): number {
  const sq = A.square().sum(0).data;
  let m = 0;
  for (const v of sq) m = Math.max(m, v);
  return Math.sqrt(m);
}

