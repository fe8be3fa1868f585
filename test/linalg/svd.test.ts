import { describe, it, expect } from 'vitest';
import { Tensor } from '../../src/tensor/tensor.js';
import { haarOrthogonal, orthonormalityError, svd, symmetricEigen } from '../../src/linalg/index.js';
import { fro, gaussian, leadingCols, mat, matmul, randn, scaleCols, sub, transpose } from './helpers.js';
import type { NormalSource } from '../../src/linalg/index.js';

/** Checks A = U diag(S) Vᵀ, orthonormal U and V, S descending and ≥ 0; returns S. */
function checkSVD(A: Tensor, tol = 1e-12): Float64Array {
  const [m, n] = A.shape as [number, number];
  const r = Math.min(m, n);
  const copy = Float64Array.from(A.data);
  const { U, S, V } = svd(A);
  expect(A.data).toEqual(copy);
  expect(U.shape).toEqual([m, r]);
  expect(V.shape).toEqual([n, r]);
  expect(S.length).toBe(r);
  for (let i = 0; i < r; i++) {
    expect(S[i]).toBeGreaterThanOrEqual(0);
    if (i > 0) expect(S[i]).toBeLessThanOrEqual(S[i - 1]);
  }
  expect(orthonormalityError(U)).toBeLessThan(tol * Math.max(1, r));
  expect(orthonormalityError(V)).toBeLessThan(tol * Math.max(1, r));
  expect(fro(sub(matmul(scaleCols(U, S), transpose(V)), A))).toBeLessThanOrEqual(tol * Math.max(1, r) * fro(A));
  return S;
}

/** U diag(σ) Vᵀ with Haar-random orthonormal U (m×r), V (n×r). */
function constructed(m: number, n: number, sigma: number[], rng: NormalSource): Tensor {
  const U = leadingCols(haarOrthogonal(m, rng), sigma.length);
  const V = leadingCols(haarOrthogonal(n, rng), sigma.length);
  return matmul(scaleCols(U, sigma), transpose(V));
}

function expectSingularValues(S: Float64Array, sigma: number[], tol = 1e-13): void {
  const sorted = [...sigma].sort((a, b) => b - a);
  while (sorted.length < S.length) sorted.push(0);
  const scale = Math.max(...sorted);
  sorted.forEach((s, i) => expect(Math.abs(S[i] - s)).toBeLessThanOrEqual(tol * scale));
}

describe('svd', () => {
  const rng = gaussian('svd');
  const shapes = [[1, 1], [3, 2], [2, 3], [7, 5], [5, 7], [20, 20], [50, 10], [10, 50], [1, 6], [6, 1]] as const;

  for (const [m, n] of shapes) {
    it(`recovers known singular values of a constructed ${m}×${n} matrix`, () => {
      const r = Math.min(m, n);
      const sigma = Array.from({ length: r }, (_, i) => 3 / (i + 1) + 0.1 * i);
      expectSingularValues(checkSVD(constructed(m, n, sigma, rng)), sigma);
    });

    it(`decomposes a random ${m}×${n} matrix; S² are the eigenvalues of AᵀA`, () => {
      const A = randn(m, n, rng);
      const S = checkSVD(A);
      const small = m <= n ? matmul(A, transpose(A)) : matmul(transpose(A), A);
      const ev = symmetricEigen(small).values;
      S.forEach((s, i) => expect(s * s).toBeCloseTo(ev[i], 10));
    });
  }

  it('handles rank-deficient input with orthonormal U and V', () => {
    expectSingularValues(checkSVD(constructed(7, 5, [4, 1], rng)), [4, 1]);
    expectSingularValues(checkSVD(constructed(5, 7, [2, 2, 0.5], rng)), [2, 2, 0.5]);
    expectSingularValues(checkSVD(constructed(30, 30, [1, 1e-3, 1e-6], rng)), [1, 1e-3, 1e-6]);
    const ones = new Tensor(new Float64Array(12).fill(1), [3, 4]);
    expectSingularValues(checkSVD(ones), [Math.sqrt(12)]);
  });

  it('handles exact zeros: zero matrix, zero rows and zero columns', () => {
    const S0 = checkSVD(new Tensor(new Float64Array(12), [4, 3]));
    expect(Array.from(S0)).toEqual([0, 0, 0]);
    const S1 = checkSVD(mat([[1, 0, 2], [0, 0, 0], [3, 0, 4], [0, 0, 0]]));
    expect(S1[2]).toBe(0);
    const S2 = checkSVD(mat([[0, 0], [0, 5]]));
    expect(Array.from(S2)).toEqual([5, 0]);
  });

  it('handles nearly and exactly repeated singular values', () => {
    const near = [1, 1 + 1e-9, 0.5, 0.5 + 1e-12];
    expectSingularValues(checkSVD(constructed(9, 6, near, rng)), near);
    expectSingularValues(checkSVD(constructed(6, 9, near, rng)), near);
    const exact = [3, 3, 3, 1];
    expectSingularValues(checkSVD(constructed(8, 4, exact, rng)), exact);
  });

  it('is scale invariant over a wide range', () => {
    for (const scale of [1e-200, 1e-8, 1e8, 1e200]) {
      const sigma = [2 * scale, scale, 0.25 * scale];
      expectSingularValues(checkSVD(constructed(6, 4, sigma, rng)), sigma);
    }
  });

  it('handles a 100×1000 matrix', () => {
    checkSVD(randn(100, 1000, rng));
  });

  it('rejects bad input with clear messages', () => {
    expect(() => svd(new Tensor(new Float64Array(4), [4]))).toThrow('svd: A must be a 2-D matrix, got [4]');
    expect(() => svd(mat([[1, Infinity]]))).toThrow(/svd: A \[1, 2\] has a non-finite entry/);
  });
});
