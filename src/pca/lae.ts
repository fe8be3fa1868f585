/**
 * LAE-PCA (§6.1, Algorithm 1) and the six companion variants, all minimizing the sum loss
 * Lσ = ‖X − W2W1X‖²_F + λ(‖W1‖²_F + ‖W2‖²_F) through C = XXᵀ only, so an iteration costs O(m²k)
 * whatever n is: no m × m product is ever formed (W2W1 is never built), every product goes through
 * the tensor core's gemm with transpose flags, and the k × k solves go through linalg.
 *
 * At a minimum with λ < σ_k² the decoder is W2 = U_k (I − λΣ_k⁻²)^(1/2) Oᵀ (Theorem 4.2), so the
 * left singular vectors of W2 are the principal directions and the eigenvalues are λ / (1 − s_i²).
 */
import { solveSPD, svd, symmetricEigen } from '../linalg/index.js';
import type { Rng } from '../random/rng.js';
import { eye, fromData, matmul, randn, type Tensor } from '../tensor/index.js';
import type { Estimate, Tracker } from './history.js';
import type { LaeMethod } from './types.js';
import { firstColumns, frobenius, inverseSPD, symmetrized } from './util.js';

/** The two half-gradients of Lσ (∂Lσ/∂W = 2·D). */
export interface LaeHalfGradients {
  /** D1 = W2ᵀ(W2W1 − I)C + λW1 (k × m). */
  D1: Tensor;
  /** D2 = (W2W1 − I)CW1ᵀ + λW2 (m × k). */
  D2: Tensor;
}

/**
 * D1 and D2 in O(m²k): with P = W1C and C symmetric,
 * D1 = (W2ᵀW2)P − W2ᵀC + λW1 and D2 = W2(PW1ᵀ) − Pᵀ + λW2. Equal to half of `laeGradient`'s
 * sum-loss gradients, which form the m × m product (W2W1 − I)C.
 */
export function laeHalfGradients(C: Tensor, W1: Tensor, W2: Tensor, lambda: number): LaeHalfGradients {
  const P = matmul(W1, C);
  const D1 = matmul(matmul(W2, W2, { transposeA: true }), P).sub(matmul(W2, C, { transposeA: true })).add(W1.mul(lambda));
  const D2 = matmul(W2, matmul(P, W1, { transposeB: true })).sub(P.transpose()).add(W2.mul(lambda));
  return { D1, D2 };
}

/**
 * Directions and eigenvalues from a decoder: W2 = U S Vᵀ → (U_k, λ / (1 − s_i²)) (Algorithm 1).
 * Before convergence a singular value can reach 1, where λ/(1 − s²) is undefined; with C given,
 * such a direction's eigenvalue is estimated by its Rayleigh quotient uᵢᵀCuᵢ instead.
 */
export function decoderDirections(W2: Tensor, lambda: number, k: number, C?: Tensor): Estimate & { singularValues: Float64Array } {
  const { U, S } = svd(W2);
  const components = firstColumns(U, k);
  const rayleigh = (i: number): number => {
    if (C === undefined) return Infinity;
    const u = components.transpose().sliceRows(i, i + 1);
    return matmul(matmul(u, C), u, { transposeB: true }).item();
  };
  const eigenvalues = S.slice(0, k).map((s, i) => (s < 1 ? lambda / (1 - s * s) : rayleigh(i)));
  return { components, eigenvalues, singularValues: S };
}

export interface LaeRunOptions {
  method: LaeMethod;
  /** Latent units k' (≥ the number of directions reported). */
  latent: number;
  /** Directions reported. */
  k: number;
  lambda: number;
  /** GD step size η. */
  eta: number;
  tolerance: number;
  maxIterations: number;
  initStd: number;
  rng: Rng;
}

export interface LaeRun {
  /** The final decoder (m × k'). */
  W2: Tensor;
  iterations: number;
  converged: boolean;
  /** exact-untied: CG iterations spent on the encoder's Sylvester equation. */
  innerIterations: number;
}

/** One iteration's outcome: the new weights and the matrix whose norm is the stopping rule's measure. */
interface Step {
  W1: Tensor | null;
  W2: Tensor;
  /** m × k': W1ᵀ − W2 (untied; sync before tying) or the step ΔW (tied). */
  diff: Tensor;
}

/**
 * Runs one LAE variant from a random normal start until its stopping rule (< tolerance) or the
 * cap. Throws a DivergenceError naming the iteration when the weights stop being finite (GD with
 * too large a step).
 */
export function runLae(C: Tensor, o: LaeRunOptions, tracker: Tracker): LaeRun {
  const m = C.rows;
  const kk = o.latent;
  const { lambda, eta } = o;
  const tied = o.method === 'gd-sync' || o.method === 'gd-tied' || o.method === 'exact-sync' || o.method === 'exact-tied';
  let W2 = randn([m, kk], o.rng, o.initStd);
  let W1: Tensor | null = tied ? null : randn([kk, m], o.rng, o.initStd);
  let P = W1 ? matmul(W1, C) : null; // gd-untied keeps W1C between its two half-steps
  let inner = 0;
  const estimate = (): Estimate => decoderDirections(W2, lambda, o.k, C);
  tracker.step(0, Infinity, estimate);

  const step = (): Step => {
    switch (o.method) {
      case 'gd-untied': {
        // W1 ← W1 − ηD1 at (W1, W2); then W2 ← W2 − ηD2 at (new W1, W2).
        const D1 = matmul(matmul(W2, W2, { transposeA: true }), P!).sub(matmul(W2, C, { transposeA: true })).add(W1!.mul(lambda));
        const W1n = W1!.sub(D1.mul(eta));
        P = matmul(W1n, C);
        const D2 = matmul(W2, matmul(P, W1n, { transposeB: true })).sub(P.transpose()).add(W2.mul(lambda));
        const W2n = W2.sub(D2.mul(eta));
        return { W1: W1n, W2: W2n, diff: W1n.transpose().sub(W2n) };
      }
      case 'gd-sync': {
        // From the tied point W1 = Wᵀ, W2 = W (so W1C = (CW)ᵀ): D1ᵀ = G(WᵀW) − G + λW, D2 = W(WᵀG) − G + λW.
        const G = matmul(C, W2);
        const D1t = matmul(G, matmul(W2, W2, { transposeA: true })).sub(G).add(W2.mul(lambda));
        const D2 = matmul(W2, matmul(W2, G, { transposeA: true })).sub(G).add(W2.mul(lambda));
        const W1t = W2.sub(D1t.mul(eta));
        const W2n = W2.sub(D2.mul(eta));
        return { W1: null, W2: W1t.add(W2n).mul(0.5), diff: W1t.sub(W2n) };
      }
      case 'gd-tied': {
        const G = matmul(C, W2);
        const D = matmul(W2, matmul(W2, G, { transposeA: true })).sub(G).add(W2.mul(lambda));
        const dW = D.mul(eta);
        return { W1: null, W2: W2.sub(dW), diff: dW };
      }
      case 'exact-untied': {
        const solved = solveEncoder(C, W2, lambda, W1!);
        inner += solved.iterations;
        const W1n = solved.W1;
        const Pn = matmul(W1n, C);
        const M = matmul(Pn, W1n, { transposeB: true }).add(eye(kk).mul(lambda));
        const W2n = matmul(Pn, inverseSPD(M), { transposeA: true });
        return { W1: W1n, W2: W2n, diff: W1n.transpose().sub(W2n) };
      }
      case 'exact-sync': {
        const V = tiedExactStep(C, W2, lambda); // W1ᵀ = CW(WᵀCW + λI)⁻¹
        const W2n = tiedExactStep(C, V, lambda); // W2 = CW1ᵀ(W1CW1ᵀ + λI)⁻¹
        return { W1: null, W2: V.add(W2n).mul(0.5), diff: V.sub(W2n) };
      }
      case 'exact-tied': {
        const W2n = tiedExactStep(C, W2, lambda);
        return { W1: null, W2: W2n, diff: W2n.sub(W2) };
      }
    }
  };

  let converged = false;
  let t = 0;
  while (t < o.maxIterations) {
    t++;
    const s = step();
    W2 = s.W2;
    W1 = s.W1;
    W2.assertFinite(t, 'value', 'W2');
    W1?.assertFinite(t, 'value', 'W1');
    // With extra latent units only the top-k latent directions count: ‖diff·V_k‖, V_k the top-k right singular vectors of W2.
    const measure = kk > o.k ? frobenius(matmul(s.diff, firstColumns(svd(W2).V, o.k))) : frobenius(s.diff);
    const done = measure < o.tolerance;
    tracker.step(t, measure, estimate, done || t === o.maxIterations);
    if (done) {
      converged = true;
      break;
    }
  }
  return { W2, iterations: t, converged, innerIterations: inner };
}

/** W ← CW(WᵀCW + λI)⁻¹: one product with C, one k × k SPD solve. */
function tiedExactStep(C: Tensor, W: Tensor, lambda: number): Tensor {
  const G = matmul(C, W);
  const M = matmul(W, G, { transposeA: true }).add(eye(W.cols).mul(lambda));
  return matmul(G, inverseSPD(M));
}

/** Above this many features the encoder's Sylvester equation is solved by CG instead of k Cholesky factorizations of m × m. */
const DIRECT_MAX = 100;
const CG_TOLERANCE = 1e-13;

/**
 * The exact encoder for a fixed decoder: W1 solving (W2ᵀW2)·W1·C + λW1 = W2ᵀC. With
 * W2ᵀW2 = V diag(a) Vᵀ and Y = VᵀW1 the rows decouple: y_i(a_i C + λI) = (VᵀW2ᵀC)_i, each SPD
 * with eigenvalues in [λ, a_i σ1² + λ]. Small m: k Cholesky solves; large m: block conjugate
 * gradients (one product with C per iteration for all k rows), warm-started from the previous
 * encoder, to a relative residual of 1e-13 per row.
 */
export function solveEncoder(C: Tensor, W2: Tensor, lambda: number, W1start: Tensor): { W1: Tensor; iterations: number } {
  const m = C.rows;
  const k = W2.cols;
  const { values: a, vectors: V } = symmetricEigen(symmetrized(matmul(W2, W2, { transposeA: true })));
  const B = matmul(V, matmul(W2, C, { transposeA: true }), { transposeA: true }); // VᵀW2ᵀC, k × m
  if (m <= DIRECT_MAX) {
    const Y = new Float64Array(k * m);
    for (let i = 0; i < k; i++) {
      const Mi = C.mul(a[i]!).add(eye(m).mul(lambda));
      const rhs = fromData(B.data.slice(i * m, (i + 1) * m), [m, 1]);
      Y.set(solveSPD(symmetrized(Mi), rhs).data, i * m);
    }
    return { W1: matmul(V, fromData(Y, [k, m])), iterations: 0 };
  }
  const aCol = fromData(Float64Array.from(a, (x) => Math.max(x, 0)), [k, 1]);
  const op = (Y: Tensor): Tensor => matmul(Y, C).mul(aCol).add(Y.mul(lambda));
  const rowSq = (A: Tensor): Float64Array => A.square().sum(1).f64('lae-pca');
  const rowDot = (A: Tensor, Bm: Tensor): Float64Array => A.mul(Bm).sum(1).f64('lae-pca');
  const col = (v: Float64Array): Tensor => fromData(v, [k, 1]);
  let Y = matmul(V, W1start, { transposeA: true });
  let R = B.sub(op(Y));
  let P = R;
  let rr = rowSq(R);
  const bb = rowSq(B);
  const maxIter = Math.max(50, 4 * m);
  let it = 0;
  const done = (): boolean => rr.every((r, i) => r <= CG_TOLERANCE * CG_TOLERANCE * bb[i]!);
  while (!done() && it < maxIter) {
    it++;
    const Q = op(P);
    const pq = rowDot(P, Q);
    const alpha = rr.map((r, i) => (r > 0 && pq[i]! > 0 ? r / pq[i]! : 0));
    Y = Y.add(P.mul(col(alpha)));
    R = R.sub(Q.mul(col(alpha)));
    const rrNew = rowSq(R);
    const beta = rrNew.map((r, i) => (rr[i]! > 0 ? r / rr[i]! : 0));
    P = R.add(P.mul(col(beta)));
    rr = rrNew;
  }
  return { W1: matmul(V, Y), iterations: it };
}
