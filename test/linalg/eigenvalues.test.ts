import { describe, expect, it } from 'vitest';
import { Tensor } from '../../src/tensor/tensor.js';
import { eigenvalues, haarOrthogonal, inverse, symmetricEigen } from '../../src/linalg/index.js';
import { gaussian, mat, matmul, randn, scaleCols, symmetricFrom, transpose } from './helpers.js';

const SIZES = [1, 2, 3, 10, 30];

/** An eigenvalue a + ib. */
type Complex = [number, number];

/** Sorted as `eigenvalues` promises: descending real part, then descending imaginary part. */
function sortExpected(values: readonly Complex[]): Complex[] {
  return [...values].sort((p, q) => q[0] - p[0] || q[1] - p[1]);
}

/** Checks the result's form (lengths, order, exact conjugate pairs) and returns it as complex numbers. */
function checked(A: Tensor): Complex[] {
  const { re, im } = eigenvalues(A);
  expect(re.length).toBe(A.rows);
  expect(im.length).toBe(A.rows);
  for (let i = 1; i < re.length; i++) {
    expect(re[i]).toBeLessThanOrEqual(re[i - 1]);
    if (re[i] === re[i - 1]) expect(im[i]).toBeLessThanOrEqual(im[i - 1]);
  }
  // Complex eigenvalues come as exact conjugate pairs, the positive imaginary part first.
  for (let i = 0; i < re.length; i++) {
    if (im[i] > 0) {
      expect(re[i + 1]).toBe(re[i]);
      expect(im[i + 1]).toBe(-im[i]);
    }
  }
  expect(im.filter((v) => v > 0).length).toBe(im.filter((v) => v < 0).length);
  return Array.from(re, (r, i): Complex => [r, im[i]]);
}

/** |actual_j − expected_j| ≤ tol · max(1, max|expected|) for each j after sorting both. */
function expectEigenvalues(actual: Complex[], expected: readonly Complex[], tol: number): void {
  const sorted = sortExpected(expected);
  const scale = Math.max(1, ...expected.map(([a, b]) => Math.hypot(a, b)));
  expect(actual.length).toBe(sorted.length);
  sorted.forEach(([a, b], j) => {
    const [x, y] = actual[j]!;
    expect(Math.hypot(x - a, y - b), `eigenvalue ${j}: got ${x} + ${y}i, expected ${a} + ${b}i`).toBeLessThanOrEqual(tol * scale);
  });
}

/** S = Q1 diag(s) Q2 with singular values s in [1, 2]: cond(S) ≤ 2. */
function wellConditioned(n: number, seed: string): Tensor {
  const rng = gaussian(seed);
  const s = Array.from({ length: n }, (_, i) => 1 + (n > 1 ? i / (n - 1) : 0));
  return matmul(scaleCols(haarOrthogonal(n, rng), s), haarOrthogonal(n, rng));
}

/** Block diagonal with 1×1 blocks λ (real) and 2×2 blocks [[a, −b], [b, a]] (eigenvalues a ± ib). */
function blockDiagonal(values: readonly Complex[]): Tensor {
  const n = values.length;
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const [a, b] = values[i]!;
    D[i * n + i] = a;
    if (b > 0) {
      D[i * n + i + 1] = -b;
      D[(i + 1) * n + i] = b;
      D[(i + 1) * n + i + 1] = a;
      i++;
    }
  }
  return new Tensor(D, [n, n]);
}

/** The companion matrix of the monic polynomial with the given real roots (first row: −coefficients). */
function companion(roots: readonly number[]): Tensor {
  const n = roots.length;
  let c = [1]; // coefficients of Π (x − r), highest degree first
  for (const r of roots) c = [...c, 0].map((v, i) => v - r * (i > 0 ? c[i - 1]! : 0));
  const C = new Float64Array(n * n);
  for (let j = 0; j < n; j++) C[j] = -c[j + 1]!;
  for (let i = 1; i < n; i++) C[i * n + i - 1] = 1;
  return new Tensor(C, [n, n]);
}

/** det A by Gaussian elimination with partial pivoting (reference for Π λ). */
function determinant(A: Tensor): number {
  const n = A.rows;
  const a = Float64Array.from(A.data);
  let det = 1;
  for (let k = 0; k < n; k++) {
    let piv = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i * n + k]) > Math.abs(a[piv * n + k])) piv = i;
    if (piv !== k) {
      for (let j = 0; j < n; j++) [a[k * n + j], a[piv * n + j]] = [a[piv * n + j], a[k * n + j]];
      det = -det;
    }
    const pivot = a[k * n + k];
    det *= pivot;
    if (pivot === 0) return 0;
    for (let i = k + 1; i < n; i++) {
      const l = a[i * n + k] / pivot;
      for (let j = k; j < n; j++) a[i * n + j] -= l * a[k * n + j];
    }
  }
  return det;
}

describe('eigenvalues', () => {
  it('triangular matrices: the eigenvalues are the diagonal entries', () => {
    const rng = gaussian('triangular');
    for (const n of SIZES) {
      const A = randn(n, n, rng);
      const upper = new Tensor(A.data.map((v, i) => (i % n >= Math.floor(i / n) ? v : 0)), [n, n]);
      const diagonal = Array.from({ length: n }, (_, i): Complex => [A.data[i * n + i], 0]);
      // balancing's permutation step isolates every diagonal entry: exact, however non-normal
      expectEigenvalues(checked(upper), diagonal, 0);
      expectEigenvalues(checked(transpose(upper)), diagonal, 0);
    }
    expect(eigenvalues(mat([[3, 5, -1], [0, 3, 2], [0, 0, -4]]))).toEqual({ re: Float64Array.of(3, 3, -4), im: new Float64Array(3) });
  });

  it('S diag(λ) S⁻¹ with a random well-conditioned S: λ recovered to 1e-10, including nearly repeated and complex pairs', () => {
    const rng = gaussian('similarity');
    for (const n of SIZES) {
      const lambda: Complex[] = Array.from({ length: n }, () => [rng.normal() * 3, 0]);
      const S = wellConditioned(n, `S${n}`);
      expectEigenvalues(checked(matmul(matmul(S, blockDiagonal(lambda)), inverse(S))), lambda, 1e-10);
    }
    const spectra: Record<string, Complex[]> = {
      'nearly repeated': [[1, 0], [1 + 1e-9, 0], [1 - 1e-9, 0], [-2, 0], [5, 0], [5 + 1e-7, 0]],
      'exactly repeated': [[2, 0], [2, 0], [2, 0], [-1, 0], [-1, 0]],
      'complex pairs': [[1, 2], [1, -2], [-0.5, 0.25], [-0.5, -0.25], [3, 0], [0, 1e-3], [0, -1e-3], [-4, 0]],
      'widely spread': [[1e6, 0], [-3e3, 0], [1, 0], [1e-3, 0], [2e-6, 0]],
    };
    for (const [name, lambda] of Object.entries(spectra)) {
      const S = wellConditioned(lambda.length, name);
      const got = checked(matmul(matmul(S, blockDiagonal(sortExpected(lambda))), inverse(S)));
      // Bauer–Fike: |δλ| ≤ cond(S)·‖E‖ with ‖E‖ ≈ nε‖A‖, so relative to |λ| and to the spectral scale
      const scale = Math.max(...lambda.map(([a, b]) => Math.hypot(a, b)));
      sortExpected(lambda).forEach(([a, b], j) => {
        const error = Math.hypot(got[j]![0] - a, got[j]![1] - b);
        expect(error, `${name}: eigenvalue ${j}`).toBeLessThanOrEqual(Math.max(1e-10 * Math.hypot(a, b), 1e-13 * scale));
      });
    }
  });

  it('a rotation by θ has eigenvalues cos θ ± i sin θ', () => {
    for (const theta of [0.3, Math.PI / 2, 2.5, -1]) {
      const [c, s] = [Math.cos(theta), Math.sin(theta)];
      const got = checked(mat([[c, -s], [s, c]]));
      expectEigenvalues(got, [[c, s], [c, -s]], 1e-15);
      // in 3-D about an axis: 1 and the same pair
      const Q = haarOrthogonal(3, gaussian(`axis${theta}`));
      const R3 = matmul(matmul(Q, mat([[1, 0, 0], [0, c, -s], [0, s, c]])), transpose(Q));
      expectEigenvalues(checked(R3), [[1, 0], [c, s], [c, -s]], 1e-14);
    }
  });

  it('companion matrices: the roots of the polynomial', () => {
    expectEigenvalues(checked(companion([1, 2, 3, 4, 5])), [1, 2, 3, 4, 5].map((r): Complex => [r, 0]), 1e-10);
    expectEigenvalues(checked(companion([-3, 0.5, 2, -1.25, 7, 0.1])), [-3, 0.5, 2, -1.25, 7, 0.1].map((r): Complex => [r, 0]), 1e-10);
    // xⁿ − 1: the n-th roots of unity (perfectly conditioned; the unbalanced cyclic shift stalls plain QR).
    for (const n of SIZES) {
      const C = new Float64Array(n * n);
      C[n - 1] = 1;
      for (let i = 1; i < n; i++) C[i * n + i - 1] = 1;
      const roots: Complex[] = [];
      for (let k = 0; 2 * k <= n; k++) {
        const [c, s] = [Math.cos((2 * Math.PI * k) / n), Math.sin((2 * Math.PI * k) / n)];
        roots.push(...(k === 0 || 2 * k === n ? [[c, 0] as Complex] : [[c, s] as Complex, [c, -s] as Complex]));
      }
      expectEigenvalues(checked(new Tensor(C, [n, n])), roots, 1e-12);
    }
  });

  it('random matrices: trace = Σ Re λ and det = Π λ (det by LU)', () => {
    const rng = gaussian('trace-det');
    for (const n of SIZES) {
      for (let trial = 0; trial < 3; trial++) {
        const A = randn(n, n, rng);
        const lambda = checked(A);
        let trace = 0;
        let scale = 0;
        for (let i = 0; i < n; i++) {
          trace += A.data[i * n + i];
          scale += Math.abs(A.data[i * n + i]);
        }
        const sumRe = lambda.reduce((s, [a]) => s + a, 0);
        expect(Math.abs(sumRe - trace)).toBeLessThanOrEqual(1e-12 * n * Math.max(1, scale, Math.sqrt(n)));
        expect(Math.abs(lambda.reduce((s, [, b]) => s + b, 0))).toBe(0);
        let [pr, pi] = [1, 0];
        for (const [a, b] of lambda) [pr, pi] = [pr * a - pi * b, pr * b + pi * a];
        const det = determinant(A);
        expect(Math.abs(pi)).toBeLessThanOrEqual(1e-10 * Math.abs(det) + 1e-300);
        expect(Math.abs(pr - det)).toBeLessThanOrEqual(1e-10 * Math.abs(det));
      }
    }
  });

  it('symmetric input agrees with symmetricEigen', () => {
    const rng = gaussian('symmetric');
    for (const n of SIZES) {
      const X = randn(n, n, rng);
      const A = symmetricFrom(haarOrthogonal(n, rng), Array.from({ length: n }, () => rng.normal()));
      const B = matmul(X, transpose(X));
      for (const M of [A, new Tensor(B.data.map((v, i) => 0.5 * (v + B.data[(i % n) * n + Math.floor(i / n)])), [n, n])]) {
        const { re, im } = eigenvalues(M);
        const { values } = symmetricEigen(M);
        const scale = Math.max(1, ...values.map(Math.abs));
        expect(Array.from(im)).toEqual(new Array(n).fill(0));
        values.forEach((v, i) => expect(Math.abs(re[i] - v)).toBeLessThanOrEqual(1e-13 * n * scale));
      }
    }
  });

  it('special cases: 0×0, zero, diagonal, nilpotent, a 2×2 by hand, badly scaled; the input is not mutated', () => {
    expect(eigenvalues(new Tensor(new Float64Array(0), [0, 0]))).toEqual({ re: new Float64Array(0), im: new Float64Array(0) });
    expect(eigenvalues(new Tensor(new Float64Array(9), [3, 3]))).toEqual({ re: new Float64Array(3), im: new Float64Array(3) });
    expect(eigenvalues(mat([[-1, 0, 0], [0, 4, 0], [0, 0, 2]])).re).toEqual(Float64Array.of(4, 2, -1));
    expect(eigenvalues(mat([[0, 1, 0], [0, 0, 1], [0, 0, 0]]))).toEqual({ re: new Float64Array(3), im: new Float64Array(3) });
    expect(eigenvalues(mat([[7.5]]))).toEqual({ re: Float64Array.of(7.5), im: Float64Array.of(0) });
    // [[1, 2], [3, 4]]: (5 ± √33)/2
    expectEigenvalues(checked(mat([[1, 2], [3, 4]])), [[(5 + Math.sqrt(33)) / 2, 0], [(5 - Math.sqrt(33)) / 2, 0]], 1e-15);
    // D A D⁻¹ with D spanning 1e-8 … 1e8: same eigenvalues as A (balancing removes the scaling)
    const A = mat([[4, 1, 2], [1, -3, 1], [0.5, 2, 1]]);
    const d = [1e-8, 1, 1e8];
    const scaled = new Tensor(A.data.map((v, i) => (v * d[Math.floor(i / 3)]!) / d[i % 3]!), [3, 3]);
    const copy = Float64Array.from(scaled.data);
    expectEigenvalues(checked(scaled), checked(A), 1e-13);
    expect(scaled.data).toEqual(copy);
  });

  it('is scale invariant down to 1e-300 and up to 1e300 (no underflow or overflow in the shifts)', () => {
    const A = randn(10, 10, gaussian('scale'));
    const reference = eigenvalues(A);
    for (const e of [-1000, -600, -200, 200, 600]) {
      // a power of two scales exactly, and so do the eigenvalues
      const f = 2 ** e;
      const got = eigenvalues(new Tensor(A.data.map((v) => v * f), [10, 10]));
      expect(got.re).toEqual(reference.re.map((v) => v * f));
      expect(got.im).toEqual(reference.im.map((v) => v * f));
    }
    for (const c of [1e-300, 1e-185, 1e-160, 1e150, 1e300]) {
      const got = checked(new Tensor(A.data.map((v) => v * c), [10, 10]));
      got.forEach(([a, b], j) => expect(Math.hypot(a / c - reference.re[j], b / c - reference.im[j])).toBeLessThan(1e-12));
    }
  });

  it('throws clear errors for non-square, non-2-D and non-finite input', () => {
    expect(() => eigenvalues(new Tensor(new Float64Array(6), [2, 3]))).toThrow('eigenvalues: A must be square, got [2, 3]');
    expect(() => eigenvalues(new Tensor(new Float64Array(4), [4]))).toThrow('eigenvalues: A must be a 2-D matrix, got [4]');
    expect(() => eigenvalues(mat([[1, NaN], [0, 1]]))).toThrow('eigenvalues: A [2, 2] has a non-finite entry at flat index 1');
  });
});
