import { describe, it, expect } from 'vitest';
import { Tensor } from '../../src/tensor/tensor.js';
import { haarOrthogonal, orthonormalityError, symmetricEigen } from '../../src/linalg/index.js';
import { fro, gaussian, get, mat, matmul, randn, scaleCols, sub, symmetricFrom, transpose } from './helpers.js';

/** Checks A V = V Λ, VᵀV = I and descending order; returns the values. */
function checkEigen(A: Tensor, tol = 1e-12): Float64Array {
  const n = A.rows;
  const { values, vectors } = symmetricEigen(A);
  expect(values.length).toBe(n);
  expect(vectors.shape).toEqual([n, n]);
  for (let i = 1; i < n; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
  expect(orthonormalityError(vectors)).toBeLessThan(tol * Math.max(1, n));
  const residual = fro(sub(matmul(A, vectors), scaleCols(vectors, values)));
  expect(residual).toBeLessThanOrEqual(tol * Math.max(1, n) * Math.max(fro(A), Number.MIN_VALUE));
  return values;
}

function expectValues(actual: Float64Array, expected: number[], tol: number): void {
  const sorted = [...expected].sort((a, b) => b - a);
  const scale = Math.max(...expected.map(Math.abs), 1e-300);
  sorted.forEach((v, i) => expect(Math.abs(actual[i] - v)).toBeLessThanOrEqual(tol * scale));
}

describe('symmetricEigen', () => {
  const rng = gaussian('eigen');
  const spectra: Record<string, number[]> = {
    distinct: [5, -3, 2, 0.5, 1e-3, -7],
    'nearly repeated (1, 1 + 1e-10)': [1, 1 + 1e-10, 2, -3, 0.5],
    'exactly repeated': [2, 2, 2, 1, -1, 0, 0],
    'clustered at 1e-8 scale': [1e-8, 1e-8 * (1 + 1e-9), -2e-8, 3e-8],
    'large scale': [1e8, -2e8, 3e7, 1],
    'single eigenvalue': [4.5],
  };
  for (const [name, lambda] of Object.entries(spectra)) {
    it(`recovers a known ${name} spectrum from Q diag(λ) Qᵀ`, () => {
      const A = symmetricFrom(haarOrthogonal(lambda.length, rng), lambda);
      expectValues(checkEigen(A), lambda, 1e-13);
    });
  }

  it('recovers a known spectrum at n = 150', () => {
    const lambda = Array.from({ length: 150 }, (_, i) => Math.cos(i) * (i % 7));
    const A = symmetricFrom(haarOrthogonal(150, rng), lambda);
    expectValues(checkEigen(A), lambda, 1e-12);
  });

  it('solves a 2×2 by hand: [[2, 1], [1, 2]] has eigenvalues 3, 1 with vectors (1, ±1)/√2', () => {
    const { values, vectors } = symmetricEigen(mat([[2, 1], [1, 2]]));
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    expect(Math.abs(get(vectors, 0, 0))).toBeCloseTo(Math.SQRT1_2, 14);
    expect(get(vectors, 0, 0) * get(vectors, 1, 0)).toBeGreaterThan(0);
    expect(get(vectors, 0, 1) * get(vectors, 1, 1)).toBeLessThan(0);
  });

  it('handles diagonal, zero and random symmetric matrices without mutating the input', () => {
    expectValues(checkEigen(mat([[1, 0, 0], [0, -2, 0], [0, 0, 3]])), [1, -2, 3], 0);
    expectValues(checkEigen(new Tensor(new Float64Array(16), [4, 4])), [0, 0, 0, 0], 0);
    const X = randn(60, 60, rng);
    const A = symmetricFrom(X, Array(60).fill(1)); // X Xᵀ
    const copy = Float64Array.from(A.data);
    const values = checkEigen(A);
    expect(A.data).toEqual(copy);
    let trace = 0;
    for (let i = 0; i < 60; i++) trace += get(A, i, i);
    expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(trace, 9);
  });

  it('handles an MNIST-like covariance: constant (all-zero) features and low rank', () => {
    const n = 40;
    const X = randn(n, 15, rng); // 15 samples → rank ≤ 15
    for (const zeroFeature of [0, 1, 7, 20, 39]) for (let j = 0; j < 15; j++) X.data[zeroFeature * 15 + j] = 0;
    const C = matmul(X, transpose(X));
    const values = checkEigen(C);
    for (let i = 15; i < n; i++) expect(Math.abs(values[i])).toBeLessThan(1e-12 * values[0]);
    expect(values[14]).toBeGreaterThan(1e-6);
  });

  it('accepts tiny asymmetry from floating point (e.g. X Xᵀ computed directly)', () => {
    const X = randn(8, 30, rng);
    checkEigen(matmul(X, transpose(X)));
  });

  it('rejects bad input with clear messages', () => {
    expect(() => symmetricEigen(new Tensor(new Float64Array(12), [3, 4]))).toThrow('symmetricEigen: A must be square, got [3, 4]');
    expect(() => symmetricEigen(mat([[1, 2], [3, 4]]))).toThrow(/symmetricEigen: A \[2, 2\] must be symmetric/);
    expect(() => symmetricEigen(mat([[1, NaN], [NaN, 1]]))).toThrow(/symmetricEigen: A \[2, 2\] has a non-finite entry/);
  });
});
