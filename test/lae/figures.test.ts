import { beforeAll, describe, expect, it } from 'vitest';
import {
  alignmentMatrix, circleErrors, circleMaps, directionError, isDegenerate, leadingColumns, productEigenvalues, productSvd, section51Data,
  shrinkageTheory, signedIdentityDeviation, trainFigureLae,
} from '../../src/lae/figures.js';
import { laeGradient, type LossKind } from '../../src/lae/index.js';
import { haarOrthogonal, inverse } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/rng.js';
import { eye, fromData, matmul, randn, tensor, type Tensor } from '../../src/tensor/index.js';

// Small §5.1-like set: m = 6, σi = i, k = 3, λ = 4 < σ3² = 16, so all three top directions are active.
const [m, k, lambda] = [6, 3, 4];
const data = section51Data(new Rng('figures'), m);
const U = leadingColumns(data.U, k);
const sigma2 = Array.from({ length: k }, (_, i) => (m - i) ** 2);
const C = matmul(data.X, data.X, { transposeB: true });

/** The paper's τ² at the global minimum, written out independently of shrinkageTheory. */
const expectedTau2: Record<LossKind, (s2: number) => number> = {
  unregularized: () => 1,
  product: (s2) => s2 / (s2 + lambda),
  sum: (s2) => 1 - lambda / s2,
};

const diag = (values: number[]) => fromData(Float64Array.from(values), [values.length]);

/**
 * Theorem 4.2 with I = {1, …, k}: W1 = G D U_Iᵀ, W2 = U_I D G⁻¹ with D = 1 (L), (1 + λσ⁻²)^(-1/2) (Lπ);
 * Lσ: W1 = O D U_Iᵀ, W2 = U_I D Oᵀ with D = (1 − λσ⁻²)^(1/2) and O orthogonal.
 */
function criticalPoint(loss: LossKind, rng: Rng): { W1: Tensor; W2: Tensor } {
  const O = haarOrthogonal(k, rng);
  const G = loss === 'sum' ? O : matmul(O.mul(diag([2, 1, 0.5])), haarOrthogonal(k, rng)); // deliberately not orthogonal
  const D = diag(sigma2.map((s2) => (loss === 'unregularized' ? 1 : loss === 'product' ? (1 + lambda / s2) ** -0.5 : Math.sqrt(1 - lambda / s2))));
  const UD = U.mul(D);
  return { W1: matmul(G, UD, { transposeB: true }), W2: matmul(UD, loss === 'sum' ? O.transpose() : inverse(G)) };
}

const frobenius = (A: Tensor) => Math.sqrt(A.sumSquares().item());

describe('analysis of exact critical points (Theorem 4.2)', () => {
  const rng = new Rng('critical');
  const points = { unregularized: criticalPoint('unregularized', rng), product: criticalPoint('product', rng), sum: criticalPoint('sum', rng) };

  it('the constructed points are critical', () => {
    for (const [loss, { W1, W2 }] of Object.entries(points) as [LossKind, { W1: Tensor; W2: Tensor }][]) {
      const { dW1, dW2 } = laeGradient(C, W1, W2, loss, lambda);
      expect(frobenius(dW1) + frobenius(dW2)).toBeLessThan(1e-10);
    }
  });

  it('τ² equals the closed form for every loss (eigenvalues and singular values of W* agree here), and shrinkageTheory agrees', () => {
    for (const [loss, { W1, W2 }] of Object.entries(points) as [LossKind, { W1: Tensor; W2: Tensor }][]) {
      const { S } = productSvd(W1, W2);
      const { tau2, maxImaginary } = productEigenvalues(W1, W2);
      expect(tau2.length).toBe(k);
      expect(maxImaginary).toBeLessThan(1e-12);
      sigma2.forEach((s2, i) => {
        expect(Math.abs(tau2[i]! - expectedTau2[loss](s2))).toBeLessThan(1e-12);
        expect(S[i]).toBeCloseTo(expectedTau2[loss](s2), 12);
        expect(shrinkageTheory(loss, s2, lambda)).toBeCloseTo(expectedTau2[loss](s2), 14);
      });
    }
  });

  it('Fig. 5 reads eigenvalues, not singular values: an encoder perturbation outside span(U_I) changes only the latter', () => {
    // W1 = G D U_Iᵀ + E with E U_I = 0, W2 = U_I D H, H G = I: W1W2 = G D² H, so the eigenvalues of W* are still
    // D² exactly, while W* = U_I D² U_Iᵀ + U_I D H E is no longer symmetric and its singular values grow.
    const E = matmul(randn([k, m], new Rng('perturbation'), 0.3), eye(m).sub(matmul(U, U, { transposeB: true })));
    expect(frobenius(matmul(E, U))).toBeLessThan(1e-14);
    for (const [loss, { W1, W2 }] of Object.entries(points) as [LossKind, { W1: Tensor; W2: Tensor }][]) {
      const W1e = W1.add(E);
      const Wstar = matmul(W2, W1e);
      expect(frobenius(Wstar.sub(Wstar.transpose()))).toBeGreaterThan(0.1);
      const { tau2, maxImaginary } = productEigenvalues(W1e, W2);
      expect(maxImaginary).toBeLessThan(1e-12);
      sigma2.forEach((s2, i) => expect(Math.abs(tau2[i]! - expectedTau2[loss](s2))).toBeLessThan(1e-12));
      const { S } = productSvd(W1e, W2);
      expect(S[0]! - expectedTau2[loss](sigma2[0]!)).toBeGreaterThan(1e-3);
    }
  });

  it('Lπ and Lσ: U* and V* are the principal directions up to sign (Fig. 4)', () => {
    for (const loss of ['product', 'sum'] as const) {
      const w = productSvd(points[loss].W1, points[loss].W2);
      expect(directionError(U, w.U)).toBeLessThan(1e-12);
      const M = alignmentMatrix(U, w);
      expect(M.shape).toEqual([2 * k, 2 * k]);
      for (const [r, c] of [[0, 0], [0, k], [k, 0], [k, k]]) {
        const block = fromData(Float64Array.from({ length: k * k }, (_, j) => M.get(r + Math.floor(j / k), c + (j % k))), [k, k]);
        expect(signedIdentityDeviation(block)).toBeLessThan(1e-12);
      }
    }
  });

  it('L: W* is the projection onto the top-k subspace, so V*ᵀU* = I while U* is any basis of it', () => {
    const w = productSvd(points.unregularized.W1, points.unregularized.W2);
    expect(signedIdentityDeviation(matmul(w.V, w.U, { transposeA: true }))).toBeLessThan(1e-12);
    expect(frobenius(matmul(matmul(U, U, { transposeB: true }), w.U).sub(w.U))).toBeLessThan(1e-12); // U* ⊂ span U
  });

  it('App. D (9): AB = I for every loss, A and B orthogonal for Lσ only', () => {
    for (const [loss, { W1, W2 }] of Object.entries(points) as [LossKind, { W1: Tensor; W2: Tensor }][]) {
      const e = circleErrors(circleMaps(W1, W2, U, productSvd(W1, W2).S));
      expect(e.inverseError).toBeLessThan(1e-12);
      if (loss === 'sum') expect(Math.max(e.orthogonalityError.A, e.orthogonalityError.B)).toBeLessThan(1e-12);
      else expect(Math.min(e.orthogonalityError.A, e.orthogonalityError.B)).toBeGreaterThan(0.5);
    }
  });
});

describe('helpers on hand-made matrices', () => {
  it('directionError: 0 for sign flips, 1 for orthogonal columns', () => {
    const I = tensor([[1, 0], [0, 1], [0, 0]]);
    expect(directionError(I, tensor([[-1, 0], [0, 1], [0, 0]]))).toBe(0);
    expect(directionError(I, tensor([[0, 1], [1, 0], [0, 0]]))).toBe(1);
  });

  it('signedIdentityDeviation: 0 for a diagonal of signs, the worst entry otherwise', () => {
    expect(signedIdentityDeviation(tensor([[1, 0], [0, -1]]))).toBe(0);
    expect(signedIdentityDeviation(tensor([[0, 1], [1, 0]]))).toBe(1);
    expect(signedIdentityDeviation(tensor([[0.9, 0.2], [0, 1]]))).toBeCloseTo(0.2, 15);
  });

  it('isDegenerate: the sum loss within 1% of λ = σ², never L or Lπ', () => {
    expect(isDegenerate('sum', 361, 361)).toBe(true);
    expect(isDegenerate('sum', 361, 358)).toBe(true);
    expect(isDegenerate('sum', 361, 350)).toBe(false);
    expect(isDegenerate('product', 361, 361)).toBe(false);
    expect(isDegenerate('unregularized', 361, 361)).toBe(false);
  });

  it('shrinkageTheory: Lσ is 0 for σ² ≤ λ', () => {
    expect(shrinkageTheory('sum', 9, 25)).toBe(0);
    expect(shrinkageTheory('sum', 25, 25)).toBe(0);
  });
});

describe('short trainings reproduce the qualitative results (m = 6, k = 3, λ = 4)', () => {
  // Decay 0.02 instead of the companion's 0.1 so that 1000 steps reach the minimum; init std 0.2 as in Fig. 6.
  const setting = { k, lambda, steps: 1000, lr: 0.05, decay: 0.02, initStd: 0.2 };
  let runs: Record<LossKind, ReturnType<typeof trainFigureLae>>;
  beforeAll(() => {
    runs = {
      unregularized: trainFigureLae(data.X, 'unregularized', setting, new Rng('train/unregularized')),
      product: trainFigureLae(data.X, 'product', setting, new Rng('train/product')),
      sum: trainFigureLae(data.X, 'sum', setting, new Rng('train/sum')),
    };
  });
  const last = (loss: LossKind) => runs[loss].history.transposeDistance[setting.steps - 1]!;

  it('Fig. 3: only Lσ drives ‖W1 − W2ᵀ‖² to 0', () => {
    expect(last('sum')).toBeLessThan(1e-12);
    expect(Math.min(last('unregularized'), last('product'))).toBeGreaterThan(0.05);
  });

  it('Figs. 4, 5: Lπ and Lσ find the principal directions and the predicted τ²; L finds the subspace only', () => {
    for (const loss of ['product', 'sum'] as const) {
      const w = productSvd(runs[loss].W1, runs[loss].W2);
      expect(directionError(U, w.U)).toBeLessThan(1e-8);
      sigma2.forEach((s2, i) => expect(Math.abs(w.S[i]! - expectedTau2[loss](s2))).toBeLessThan(1e-8));
    }
    for (const loss of ['unregularized', 'product', 'sum'] as const) {
      const { tau2 } = productEigenvalues(runs[loss].W1, runs[loss].W2);
      sigma2.forEach((s2, i) => expect(Math.abs(tau2[i]! - expectedTau2[loss](s2))).toBeLessThan(1e-8));
    }
    const w = productSvd(runs.unregularized.W1, runs.unregularized.W2);
    expect(directionError(U, w.U)).toBeGreaterThan(0.1);
    expect(frobenius(matmul(matmul(U, U, { transposeB: true }), w.U).sub(w.U))).toBeLessThan(1e-4);
  });

  it('Fig. 6: AB = I for every loss, A and B orthogonal only for Lσ', () => {
    for (const loss of ['unregularized', 'product', 'sum'] as const) {
      const { W1, W2 } = runs[loss];
      const e = circleErrors(circleMaps(W1, W2, U, productSvd(W1, W2).S));
      expect(e.inverseError).toBeLessThan(1e-5);
      if (loss === 'sum') expect(Math.max(e.orthogonalityError.A, e.orthogonalityError.B)).toBeLessThan(1e-8);
      else expect(Math.min(e.orthogonalityError.A, e.orthogonalityError.B)).toBeGreaterThan(0.2);
    }
  });
});
