import { describe, expect, it } from 'vitest';
import { spectrumMatrix } from '../../src/data/synthetic.js';
import { laeGradient, laeLoss, LOSS_KINDS, trainLae, transposeDistance } from '../../src/lae/index.js';
import {
  activeDirections, correctedCurvature, criticalPoint, criticalPoints, indexSets, laeHessian,
  measureCurvature, paperCurvature, randomFrame, spectralData, sameCounts,
} from '../../src/lae/theory/index.js';
import { symmetricEigen, svd } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/rng.js';
import { matmul, randn, zeros } from '../../src/tensor/index.js';

const rng = new Rng('critical-points');
const sigmas = [5, 4, 3, 2, 1];
const { X } = spectrumMatrix(5, 7, sigmas, rng);
const data = spectralData(X);
const C = matmul(X, X, { transposeB: true });
const gradNorm = (W1: ReturnType<typeof zeros>, W2: ReturnType<typeof zeros>, loss: (typeof LOSS_KINDS)[number], lambda: number): number => {
  const { dW1, dW2 } = laeGradient(C, W1, W2, loss, lambda);
  return Math.sqrt(dW1.sumSquares().item() + dW2.sumSquares().item());
};

describe('index sets and closed forms', () => {
  it('all subsets of size ≤ k: Σ C(m, ℓ)', () => {
    expect(indexSets(5, 3).length).toBe(1 + 5 + 10 + 10);
    expect(indexSets(4, 2)).toContainEqual([2, 4]);
    expect(indexSets(3, 0)).toEqual([[]]);
  });
  it('spectralData recovers the singular values', () => {
    sigmas.forEach((s, i) => expect(data.sigma[i]).toBeCloseTo(s, 12));
  });
  it('m0 counts σi² > λ', () => {
    expect(activeDirections(data.sigma, 2)).toBe(4);
    expect(activeDirections(data.sigma, 10)).toBe(2);
    expect(activeDirections(data.sigma, 30)).toBe(0);
  });
});

describe('Theorem 4.2: critical points of the three losses', () => {
  for (const loss of LOSS_KINDS) {
    for (const lambda of loss === 'unregularized' ? [0] : [2, 10, 5]) {
      it(`${loss}, λ = ${lambda}: every index set |I| ≤ 3 gives a zero gradient and the closed-form loss value`, () => {
        const points = criticalPoints(data, loss, lambda, 3, rng);
        const top = loss === 'sum' ? activeDirections(data.sigma, lambda) : 5;
        expect(points.length).toBe(indexSets(top, 3).length);
        for (const cp of points) {
          expect(gradNorm(cp.W1, cp.W2, loss, lambda)).toBeLessThan(1e-10);
          // the loss evaluated on X against the closed form Σ_{i∉I}σi² + Σ_{i∈I}(…)
          const s2 = sigmas.map((s) => s * s);
          const expected = s2.reduce((acc, v, i) => {
            if (!cp.indexSet.includes(i + 1)) return acc + v;
            if (loss === 'product') return acc + (lambda * v) / (v + lambda);
            if (loss === 'sum') return acc + 2 * lambda - (lambda * lambda) / v;
            return acc;
          }, 0);
          expect(laeLoss(X, cp.W1, cp.W2, { loss, lambda }).item()).toBeCloseTo(expected, 9);
        }
      });
    }
  }
  it('the global minimum of Lσ has W* eigenvalues max(0, 1 − λ/σi²) and W1 = W2ᵀ', () => {
    const cp = criticalPoint(data, 'sum', 10, [1, 2], randomFrame('sum', 3, 2, rng));
    expect(transposeDistance(cp.W1, cp.W2)).toBeLessThan(1e-24);
    const tau = svd(matmul(cp.W2, cp.W1)).S;
    expect(tau[0]).toBeCloseTo(1 - 10 / 25, 12);
    expect(tau[1]).toBeCloseTo(1 - 10 / 16, 12);
    expect(tau[2]).toBeCloseTo(0, 12);
  });
  it('Lσ has no critical point using a direction with σi² ≤ λ', () => {
    expect(() => criticalPoint(data, 'sum', 10, [3], randomFrame('sum', 3, 1, rng))).toThrow(/σ3² = 9.* ≤ λ = 10/);
  });
  it('correction to Theorem 4.2: for ℓ < k every left inverse H of G (not only G⁺) gives a critical point of L and Lπ', () => {
    for (const loss of ['unregularized', 'product'] as const) {
      const G = randomFrame(loss, 3, 1, rng); // 3 × 1
      // H = G⁺ + N with N G = 0 (N's rows orthogonal to G): still HG = I
      const gUnit = G.div(Math.sqrt(G.sumSquares().item()));
      const v = randn([1, 3], rng);
      const N = v.sub(matmul(matmul(v, gUnit), gUnit, { transposeB: true }));
      const pinv = matmul(G, G, { transposeA: true }).item();
      const H = G.transpose().div(pinv).add(N);
      expect(matmul(H, G).item()).toBeCloseTo(1, 12);
      const cp = criticalPoint(data, loss, 2, [2], G, H);
      expect(gradNorm(cp.W1, cp.W2, loss, 2)).toBeLessThan(1e-10);
      expect(N.sumSquares().item()).toBeGreaterThan(1e-2); // genuinely not the pseudo-inverse
    }
  });
});

describe('the measured Hessian', () => {
  it('is exact at the origin: L has eigenvalues ±2σi², Lσ has 2(λ ± σi²), each k times', () => {
    const k = 2;
    const W1 = zeros([k, 5]);
    const W2 = zeros([5, k]);
    const expectSpectrum = (values: Float64Array, expected: number[]): void => {
      const sorted = expected.flatMap((e) => Array(k).fill(e) as number[]).sort((a, b) => b - a);
      sorted.forEach((e, i) => expect(values[i]).toBeCloseTo(e, 8));
    };
    expectSpectrum(symmetricEigen(laeHessian(C, W1, W2, 'unregularized', 0)).values, sigmas.flatMap((s) => [2 * s * s, -2 * s * s]));
    expectSpectrum(symmetricEigen(laeHessian(C, W1, W2, 'sum', 7)).values, sigmas.flatMap((s) => [2 * (7 + s * s), 2 * (7 - s * s)]));
  });
  it('agrees with a directional second difference of the loss itself', () => {
    const W1 = randn([2, 5], rng);
    const W2 = randn([5, 2], rng);
    const H = laeHessian(C, W1, W2, 'product', 3);
    const e = randn([20], rng);
    const h = 1e-4;
    const at = (t: number): number => laeLoss(X, W1.add(e.sliceRows(0, 10).reshape([2, 5]).mul(t)), W2.add(e.sliceRows(10, 20).reshape([5, 2]).mul(t)), { loss: 'product', lambda: 3 }).item();
    const second = (at(h) - 2 * at(0) + at(-h)) / (h * h);
    const quad = matmul(matmul(e.reshape([1, 20]), H), e.reshape([20, 1])).item();
    expect(second).toBeCloseTo(quad, 2);
  });
});

describe('Curvature Theorem 4.4: measured counts', () => {
  for (const [loss, lambda] of [['unregularized', 0], ['product', 2], ['product', 10], ['sum', 2], ['sum', 10], ['sum', 5]] as const) {
    it(`${loss}, λ = ${lambda}: the measured counts equal the corrected statement at every critical manifold`, () => {
      for (const cp of criticalPoints(data, loss, lambda, 3, rng)) {
        const measured = measureCurvature(C, cp.W1, cp.W2, loss, lambda).counts;
        expect(measured, `I = {${cp.indexSet}}`).toEqual(correctedCurvature(data.sigma, 3, cp.indexSet, loss, lambda));
      }
    });
  }
  it('the printed theorem holds where the corrections vanish (ℓ = k; Lσ with λ < σm²) and misses elsewhere', () => {
    const full = [1, 3, 4];
    for (const loss of LOSS_KINDS) expect(correctedCurvature(data.sigma, 3, full, loss, 0.5)).toEqual(paperCurvature(5, 3, full, loss));
    expect(correctedCurvature(data.sigma, 3, [2], 'sum', 0.5)).toEqual(paperCurvature(5, 3, [2], 'sum'));
    // L, ℓ = 1 < k = 3: flat 2kℓ − ℓ² = 5, not kℓ = 3
    expect(correctedCurvature(data.sigma, 3, [2], 'unregularized', 0).flat).toBe(5);
    expect(paperCurvature(5, 3, [2], 'unregularized').flat).toBe(3);
    // Lσ, λ = 10 (m0 = 2), I = {1}: descending 0 + (3 − 1)(2 − 1) = 2, printed (3 − 1)(5 − 1) = 8
    expect(correctedCurvature(data.sigma, 3, [1], 'sum', 10).descending).toBe(2);
    expect(paperCurvature(5, 3, [1], 'sum').descending).toBe(8);
    expect(sameCounts(correctedCurvature(data.sigma, 3, [], 'sum', 10), paperCurvature(5, 3, [], 'sum'))).toBe(false);
  });
  it('counts add up to 2km and the global minima have no descending direction', () => {
    for (const loss of LOSS_KINDS) {
      const c = correctedCurvature(data.sigma, 3, [1, 2, 3], loss, 1);
      expect(c.descending + c.flat + c.ascending).toBe(30);
      expect(c.descending).toBe(0);
    }
  });
});

describe('Transpose Theorem 2.1 at trained minima', () => {
  it('Adam on Lσ ends with W1 = W2ᵀ; on L it does not', () => {
    const { X: Y } = spectrumMatrix(6, 10, [6, 5, 4, 3, 2, 1], rng);
    const train = (loss: 'sum' | 'unregularized') =>
      trainLae(Y, { k: 3, loss, lambda: 4, steps: 3000, optimizer: 'adam', lr: 0.05, decay: 0.01, initStd: 0.1, rng: rng.fork(loss) });
    const sum = train('sum');
    expect(sum.history.transposeDistance[2999]).toBeLessThan(1e-10);
    const tau = svd(sum.model.product()).S; // eigenvalues of W* at the minimum: 1 − λ/σi²
    [6, 5, 4].forEach((s, i) => expect(tau[i]).toBeCloseTo(1 - 4 / (s * s), 6));
    expect(train('unregularized').history.transposeDistance[2999]).toBeGreaterThan(1e-3);
  });
});
