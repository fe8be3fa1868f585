import { describe, it, expect } from 'vitest';
import { Tensor } from '../../src/tensor/tensor.js';
import { cholesky, haarOrthogonal, inverse, solve, solveSPD } from '../../src/linalg/index.js';
import { fro, gaussian, get, mat, matmul, randn, scaleCols, sub, symmetricFrom, transpose } from './helpers.js';

function identity(n: number): Tensor {
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) d[i * n + i] = 1;
  return new Tensor(d, [n, n]);
}

/** ‖A X − B‖_F / (‖A‖_F ‖X‖_F), the normwise backward error. */
function relResidual(A: Tensor, X: Tensor, B: Tensor): number {
  return fro(sub(matmul(A, X), B)) / (fro(A) * fro(X));
}

describe('cholesky / solveSPD', () => {
  const rng = gaussian('spd');

  it('factors A = L Lᵀ with L lower triangular and a positive diagonal', () => {
    for (const n of [1, 2, 5, 40]) {
      const X = randn(n, n + 3, rng);
      const A = symmetricFrom(X, Array(n + 3).fill(1)); // X Xᵀ
      const L = cholesky(A);
      for (let i = 0; i < n; i++) {
        expect(get(L, i, i)).toBeGreaterThan(0);
        for (let j = i + 1; j < n; j++) expect(get(L, i, j)).toBe(0);
      }
      expect(fro(sub(matmul(L, transpose(L)), A))).toBeLessThan(1e-13 * fro(A));
    }
  });

  it('solves A X = B with a small residual, including ill-conditioned A', () => {
    for (const [n, p] of [[1, 1], [4, 2], [30, 5]] as const) {
      const A = symmetricFrom(randn(n, n + 2, rng), Array(n + 2).fill(1));
      const B = randn(n, p, rng);
      const copyA = Float64Array.from(A.data);
      const X = solveSPD(A, B);
      expect(X.shape).toEqual([n, p]);
      expect(relResidual(A, X, B)).toBeLessThan(1e-14);
      expect(A.data).toEqual(copyA);
    }
    const lambda = [1, 1e-4, 1e-8, 1e-6, 1e2];
    const A = symmetricFrom(haarOrthogonal(5, rng), lambda);
    const B = randn(5, 3, rng);
    expect(relResidual(A, solveSPD(A, B), B)).toBeLessThan(1e-14);
  });

  it('solves a known 2×2 system', () => {
    const X = solveSPD(mat([[4, 2], [2, 3]]), mat([[2], [1]])); // x = (0.5, 0)
    expect(X.data[0]).toBeCloseTo(0.5, 15);
    expect(X.data[1]).toBeCloseTo(0, 15);
  });

  it('throws on indefinite and semidefinite matrices', () => {
    const indefinite = symmetricFrom(haarOrthogonal(4, rng), [3, 1, -0.5, 2]);
    expect(() => cholesky(indefinite)).toThrow(/cholesky: A \[4, 4\] is not positive definite/);
    expect(() => solveSPD(indefinite, randn(4, 1, rng))).toThrow(/solveSPD: A \[4, 4\] is not positive definite/);
    expect(() => cholesky(mat([[1, 2], [2, 4]]))).toThrow(/not positive definite \(pivot 1/);
    expect(() => cholesky(mat([[0]]))).toThrow(/not positive definite/);
  });

  it('rejects bad shapes and asymmetric input', () => {
    expect(() => solveSPD(new Tensor(new Float64Array(12), [3, 4]), randn(3, 1, rng))).toThrow('solveSPD: A must be square, got [3, 4]');
    expect(() => solveSPD(identity(3), randn(2, 1, rng))).toThrow('solveSPD: B must have 3 rows to match A [3, 3], got [2, 1]');
    expect(() => solveSPD(identity(3), new Tensor(new Float64Array(3), [3]))).toThrow('solveSPD: B must be a 2-D matrix, got [3]');
    expect(() => cholesky(new Tensor(new Float64Array(6), [2, 3]))).toThrow('cholesky: A must be square, got [2, 3]');
    expect(() => cholesky(mat([[2, 1], [0, 2]]))).toThrow(/cholesky: A \[2, 2\] must be symmetric/);
  });
});

describe('solve / inverse (LU with partial pivoting)', () => {
  const rng = gaussian('lu');

  it('solves random systems with a small residual', () => {
    for (const [n, p] of [[1, 1], [3, 2], [25, 4], [80, 80]] as const) {
      const A = randn(n, n, rng);
      const B = randn(n, p, rng);
      const copyA = Float64Array.from(A.data);
      const copyB = Float64Array.from(B.data);
      const X = solve(A, B);
      expect(X.shape).toEqual([n, p]);
      expect(relResidual(A, X, B)).toBeLessThan(1e-14);
      expect(A.data).toEqual(copyA);
      expect(B.data).toEqual(copyB);
    }
  });

  it('pivots on a zero leading entry and accepts badly scaled but well-posed input', () => {
    const X = solve(mat([[0, 1], [1, 0]]), mat([[2], [3]]));
    expect(Array.from(X.data)).toEqual([3, 2]);
    const Y = solve(mat([[1e10, 0], [0, 1e-10]]), mat([[1e10], [1e-10]]));
    expect(Array.from(Y.data)).toEqual([1, 1]);
    // A = diag(1e20, 1e-20) [[1, 2], [3, 4]] diag(1e-15, 1e15): equilibration recovers the well-conditioned core.
    const Z = solve(mat([[1e5, 2e35], [3e-35, 4e-5]]), mat([[3e20], [7e-20]])); // x = (1e15, 1e-15)
    expect(Z.data[0] / 1e15).toBeCloseTo(1, 14);
    expect(Z.data[1] / 1e-15).toBeCloseTo(1, 14);
  });

  it('accepts ill-conditioned (cond 1e12) matrices with a small backward error', () => {
    const n = 12;
    const s = Array.from({ length: n }, (_, i) => 1e-12 ** (i / (n - 1)));
    const A = matmul(scaleCols(haarOrthogonal(n, rng), s), transpose(haarOrthogonal(n, rng)));
    const B = randn(n, 2, rng);
    expect(relResidual(A, solve(A, B), B)).toBeLessThan(1e-14);
  });

  it('inverts: A A⁻¹ = A⁻¹ A = I, and a known 2×2 inverse', () => {
    const A = randn(6, 6, rng);
    const Ainv = inverse(A);
    expect(fro(sub(matmul(A, Ainv), identity(6)))).toBeLessThan(1e-12);
    expect(fro(sub(matmul(Ainv, A), identity(6)))).toBeLessThan(1e-12);
    const inv2 = inverse(mat([[4, 7], [2, 6]])); // det 10
    [0.6, -0.7, -0.2, 0.4].forEach((v, i) => expect(inv2.data[i]).toBeCloseTo(v, 15));
  });

  it('throws on singular matrices', () => {
    expect(() => solve(mat([[1, 2], [2, 4]]), mat([[1], [1]]))).toThrow(/solve: A \[2, 2\] is singular/);
    expect(() => inverse(mat([[0, 0], [0, 1]]))).toThrow(/inverse: A \[2, 2\] is singular/);
    expect(() => solve(mat([[1, 0], [1, 0]]), mat([[1], [1]]))).toThrow('solve: A [2, 2] is singular (column 1 is zero)');
    // Rank-deficient products are singular only up to rounding: caught by the condition estimate.
    for (const [n, r] of [[5, 3], [12, 11], [30, 1]] as const) {
      const lowRank = matmul(randn(n, r, rng), randn(r, n, rng));
      expect(() => inverse(lowRank)).toThrow(`inverse: A [${n}, ${n}] is singular to working precision`);
    }
  });

  it('rejects bad shapes', () => {
    expect(() => solve(new Tensor(new Float64Array(12), [3, 4]), randn(3, 1, rng))).toThrow('solve: A must be square, got [3, 4]');
    expect(() => solve(identity(2), randn(3, 2, rng))).toThrow('solve: B must have 2 rows to match A [2, 2], got [3, 2]');
    expect(() => inverse(new Tensor(new Float64Array(6), [6]))).toThrow('inverse: A must be a 2-D matrix, got [6]');
  });
});
