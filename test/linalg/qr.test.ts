import { describe, it, expect } from 'vitest';
import { Tensor } from '../../src/tensor/tensor.js';
import { qr, orthonormalityError } from '../../src/linalg/index.js';
import { fro, gaussian, get, mat, matmul, randn, sub } from './helpers.js';

function checkQR(A: Tensor, Q: Tensor, R: Tensor): void {
  const [m, n] = A.shape as [number, number];
  expect(Q.shape).toEqual([m, n]);
  expect(R.shape).toEqual([n, n]);
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(get(R, i, j)).toBe(0);
  expect(orthonormalityError(Q)).toBeLessThan(1e-13 * Math.max(1, n));
  expect(fro(sub(matmul(Q, R), A))).toBeLessThanOrEqual(1e-13 * Math.max(1, fro(A)));
}

describe('qr', () => {
  const rng = gaussian('qr');
  for (const [m, n] of [[1, 1], [3, 2], [5, 5], [7, 5], [50, 10], [200, 40]] as const) {
    it(`factors a random ${m}×${n} matrix`, () => {
      const A = randn(m, n, rng);
      const copy = Float64Array.from(A.data);
      for (const positiveDiagonal of [false, true]) {
        const { Q, R } = qr(A, { positiveDiagonal });
        checkQR(A, Q, R);
        if (positiveDiagonal) for (let i = 0; i < n; i++) expect(get(R, i, i)).toBeGreaterThanOrEqual(0);
      }
      expect(A.data).toEqual(copy);
    });
  }

  it('handles rank-deficient input (zero and repeated columns)', () => {
    const B = randn(6, 2, rng);
    const cols = [0, -1, 1, 0]; // column j of A = B[:, cols[j]], or zero for -1
    const A = new Tensor(new Float64Array(6 * 4), [6, 4]);
    for (let i = 0; i < 6; i++) for (let j = 0; j < 4; j++) A.data[i * 4 + j] = cols[j] < 0 ? 0 : get(B, i, cols[j]);
    const { Q, R } = qr(A, { positiveDiagonal: true });
    checkQR(A, Q, R);
    expect(Math.abs(get(R, 1, 1))).toBe(0);
    expect(Math.abs(get(R, 3, 3))).toBeLessThan(1e-14);
  });

  it('handles the zero matrix', () => {
    const A = new Tensor(new Float64Array(12), [4, 3]);
    const { Q, R } = qr(A);
    checkQR(A, Q, R);
    expect(fro(R)).toBe(0);
  });

  it('with positiveDiagonal gives the unique factorization of known matrices', () => {
    const { Q, R } = qr(mat([[-2, 0], [0, 3]]), { positiveDiagonal: true });
    expect(Array.from(Q.data, (x) => x + 0)).toEqual([-1, 0, 0, 1]); // + 0 maps -0 to 0
    expect(Array.from(R.data, (x) => x + 0)).toEqual([2, 0, 0, 3]);

    // A = [[3, 1], [4, 2]]: q1 = (3, 4)/5, r11 = 5, r12 = 11/5, r22 = 2/5, q2 = (−4, 3)/5.
    const f = qr(mat([[3, 1], [4, 2]]), { positiveDiagonal: true });
    const expectedQ = [0.6, -0.8, 0.8, 0.6];
    const expectedR = [5, 2.2, 0, 0.4];
    f.Q.data.forEach((x, i) => expect(x).toBeCloseTo(expectedQ[i], 14));
    f.R.data.forEach((x, i) => expect(x).toBeCloseTo(expectedR[i], 14));
  });

  it('rejects wide and non-2-D input with the shape in the message', () => {
    expect(() => qr(new Tensor(new Float64Array(6), [2, 3]))).toThrow('qr: A must have rows >= cols, got [2, 3]');
    expect(() => qr(new Tensor(new Float64Array(6), [6]))).toThrow('qr: A must be a 2-D matrix, got [6]');
  });
});
