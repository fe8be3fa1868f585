import { describe, it, expect } from 'vitest';
import { Tensor } from '../../src/tensor/tensor.js';
import { haarOrthogonal, orthonormalityError, symmetricMatrixFunction } from '../../src/linalg/index.js';
import { fro, gaussian, mat, matmul, randn, sub, symmetricFrom, transpose } from './helpers.js';

function identity(n: number): Tensor {
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) d[i * n + i] = 1;
  return new Tensor(d, [n, n]);
}

describe('symmetricMatrixFunction', () => {
  const rng = gaussian('matfun');

  it('computes the inverse square root (X Xᵀ)^(-1/2): M S M = I, M symmetric', () => {
    const X = randn(8, 20, rng);
    const S = matmul(X, transpose(X));
    const M = symmetricMatrixFunction(S, (l) => 1 / Math.sqrt(l));
    expect(fro(sub(M, transpose(M)))).toBe(0);
    expect(fro(sub(matmul(matmul(M, S), M), identity(8)))).toBeLessThan(1e-12);
    // Whitening: the rows of M X are orthonormal.
    const W = matmul(M, X);
    expect(fro(sub(matmul(W, transpose(W)), identity(8)))).toBeLessThan(1e-12);
  });

  it('matches known functions of a constructed spectrum', () => {
    const Q = haarOrthogonal(5, rng);
    const lambda = [0.5, 1, 2, 3, 1e-3];
    const A = symmetricFrom(Q, lambda);
    const logA = symmetricMatrixFunction(A, Math.log);
    expect(fro(sub(logA, symmetricFrom(Q, lambda.map(Math.log))))).toBeLessThan(1e-12);
    expect(fro(sub(symmetricMatrixFunction(A, (l) => l), A))).toBeLessThan(1e-13);
    const sq = symmetricMatrixFunction(A, (l) => l * l);
    expect(fro(sub(sq, matmul(A, A)))).toBeLessThan(1e-12);
  });

  it('throws when f is not finite on the spectrum, and on bad shapes', () => {
    expect(() => symmetricMatrixFunction(mat([[1, 0], [0, 0]]), (l) => 1 / Math.sqrt(l))).toThrow(
      /symmetricMatrixFunction: f\(0\) = Infinity is not finite \(eigenvalue 1 of A \[2, 2\]\)/,
    );
    expect(() => symmetricMatrixFunction(new Tensor(new Float64Array(6), [2, 3]), (l) => l)).toThrow(
      'symmetricMatrixFunction: A must be square, got [2, 3]',
    );
  });
});

describe('orthonormalityError', () => {
  it('is ‖QᵀQ − I‖_F', () => {
    expect(orthonormalityError(identity(4))).toBe(0);
    expect(orthonormalityError(mat([[2, 0], [0, 1]]))).toBe(3);
    // Columns (1, 1, 0) and (0, 1, 0): QᵀQ = [[2, 1], [1, 1]], so the error is √(1 + 1 + 1).
    expect(orthonormalityError(mat([[1, 0], [1, 1], [0, 0]]))).toBeCloseTo(Math.sqrt(3), 15);
  });

  it('rejects non-2-D input', () => {
    expect(() => orthonormalityError(new Tensor(new Float64Array(3), [3]))).toThrow('orthonormalityError: Q must be a 2-D matrix, got [3]');
  });
});
