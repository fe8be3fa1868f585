import { describe, expect, it } from 'vitest';
import { spectrumMatrix } from '../../src/data/synthetic.js';
import { trainLae } from '../../src/lae/index.js';
import { laeToPpca, loadingGramError, ppcaEm, ppcaLogLikelihood, ppcaMaximumLikelihood } from '../../src/lae/theory/ppca.js';
import { haarOrthogonal, solve, symmetricEigen } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/rng.js';
import { eye, matmul, randn, type Tensor } from '../../src/tensor/index.js';

// Centred data, m = 6, n = 40; eigenvalues of C = XXᵀ ≈ 100, 49, 25, 9.7, 4, 1.
const [m, n, k] = [6, 40, 3];
const rng = new Rng('ppca');
const raw = spectrumMatrix(m, n, [10, 7, 5, 3.5, 2, 1], rng).X;
const X = raw.sub(raw.mean(1, true));
const C = matmul(X, X, { transposeB: true });
const S = C.div(n);
const ev = symmetricEigen(C).values;
const between = (i: number): number => Math.sqrt(ev[i - 1]! * ev[i]!); // λ strictly between σ_i² and σ_{i+1}²
const cases = [
  { name: 'σ4² < λ < σ3² (all k directions kept)', lambda: between(3) },
  { name: 'σ3² < λ < σ2² (direction 3 of the top k zeroed)', lambda: between(2) },
];

/** Sum-loss LAE trained to convergence (Adam with time decay, full batch). */
function trainedDecoder(lambda: number): Tensor {
  const { model } = trainLae(X, { k, loss: 'sum', lambda, steps: 5000, optimizer: 'adam', lr: 0.05, decay: 0.01, initStd: 0.1, rng: new Rng(`train-${lambda}`) });
  return model.W2;
}

/** Σ_i ln N(x_i; 0, WWᵀ + s²I), column by column, with ln|Σ| from eigenvalues and an LU solve. */
function directLogLikelihood(W: Tensor, s2: number): number {
  const model = matmul(W, W, { transposeB: true }).add(eye(m).mul(s2));
  const logDet = symmetricEigen(model).values.reduce((a, v) => a + Math.log(v), 0);
  const quad = X.mul(solve(model, X)).sum().item(); // Σ_i x_iᵀ Σ⁻¹ x_i
  return -0.5 * (n * (m * Math.log(2 * Math.PI) + logDet) + quad);
}

describe('pPCA Theorem 3.1: C^(1/2)·W2 at the trained minimum of Lσ is the pPCA maximum likelihood (σ² = λ)', () => {
  for (const { name, lambda } of cases) {
    it(name, () => {
      const W0 = laeToPpca(trainedDecoder(lambda), C);
      const ml = ppcaMaximumLikelihood(C, k, lambda);
      const em = ppcaEm(C, k, lambda, { iterations: 5000, tolerance: 1e-14, rng: new Rng('em-a') });
      expect(em.converged).toBe(true);
      expect(loadingGramError(W0, ml)).toBeLessThan(1e-6);
      expect(loadingGramError(W0, em.W)).toBeLessThan(1e-6);
    });
  }
});

describe('ppcaEm (Tipping & Bishop EM, σ² fixed)', () => {
  it('agrees with the closed form from several random starts, including collapsed directions', () => {
    for (const lambda of [between(3), between(2), between(1)]) {
      const ml = ppcaMaximumLikelihood(C, k, lambda);
      for (const seed of ['em-1', 'em-2']) {
        const em = ppcaEm(C, k, lambda, { iterations: 5000, tolerance: 1e-14, rng: new Rng(seed) });
        expect(em.converged).toBe(true);
        expect(loadingGramError(em.W, ml)).toBeLessThan(1e-9);
      }
    }
  });
});

describe('pPCA log-likelihood (S = XXᵀ/n, noise s²)', () => {
  const s2 = between(2) / n;
  const ml = ppcaMaximumLikelihood(S, k, s2);
  const best = ppcaLogLikelihood(S, n, ml, s2);

  it('equals the sum of the per-point Gaussian log-densities', () => {
    const W = randn([m, k], rng);
    expect(ppcaLogLikelihood(S, n, W, s2)).toBeCloseTo(directLogLikelihood(W, s2), 9);
    expect(best).toBeCloseTo(directLogLikelihood(ml, s2), 9);
  });

  it('is higher at W_ML than at perturbed loadings, and the same at W_ML·R', () => {
    const norm = Math.sqrt(ml.sumSquares().item());
    for (const t of [1e-3, 1e-2, 1e-1, 1]) {
      for (let draw = 0; draw < 5; draw++) {
        const D = randn([m, k], rng);
        const W = ml.add(D.mul((t * norm) / Math.sqrt(D.sumSquares().item())));
        expect(ppcaLogLikelihood(S, n, W, s2)).toBeLessThan(best);
      }
    }
    const rotated = matmul(ml, haarOrthogonal(k, rng));
    expect(Math.abs(ppcaLogLikelihood(S, n, rotated, s2) - best)).toBeLessThan(1e-10 * Math.abs(best));
  });
});

describe('scaling: with S = XXᵀ/n, Theorem 3.1 holds for the pPCA noise variance s² = λ/n', () => {
  const lambda = between(2);
  const W2 = trainedDecoder(lambda);
  const target = ppcaMaximumLikelihood(S, k, lambda / n);

  it('C^(1/2)W2/√n = S^(1/2)W2 = W_ML(S, λ/n), which the EM oracle and the likelihood confirm', () => {
    expect(loadingGramError(laeToPpca(W2, C).div(Math.sqrt(n)), target)).toBeLessThan(1e-6);
    const W0 = laeToPpca(W2, S);
    expect(loadingGramError(W0, target)).toBeLessThan(1e-6);
    const em = ppcaEm(S, k, lambda / n, { iterations: 5000, tolerance: 1e-14, rng: new Rng('em-d') });
    expect(loadingGramError(W0, em.W)).toBeLessThan(1e-6);
    const at = ppcaLogLikelihood(S, n, W0, lambda / n);
    for (let draw = 0; draw < 5; draw++) expect(ppcaLogLikelihood(S, n, W0.add(randn([m, k], rng, 0.05)), lambda / n)).toBeLessThan(at);
  });

  it('the unscaled reading s² = λ with S does not match (here λ exceeds every eigenvalue of S: W_ML = 0)', () => {
    expect(loadingGramError(ppcaMaximumLikelihood(S, k, lambda), laeToPpca(W2, S))).toBe(1);
  });
});
