import { describe, expect, it } from 'vitest';
import { spectrumMatrix } from '../../src/data/synthetic.js';
import { symmetricEigen } from '../../src/linalg/index.js';
import {
  grassmannianHessian,
  grassmannianLoss,
  grassmannianTable,
  morseIndex,
  principalSubspaces,
} from '../../src/lae/theory/grassmannian.js';
import { columnsOf } from '../../src/lae/theory/spectral.js';
import { Rng } from '../../src/random/rng.js';
import { concatRows, matmul, type Tensor } from '../../src/tensor/index.js';

/** The table of App. E for Gr_2(R⁴): the pair of principal directions and its Morse index d. */
const APPENDIX_E_TABLE: [number[], number][] = [
  [[3, 4], 4],
  [[2, 4], 3],
  [[2, 3], 2],
  [[1, 4], 2],
  [[1, 3], 1],
  [[1, 2], 0],
];

/** Betti numbers b_0..b_4 of Gr_2(R⁴) over F2 (Schubert cells: partitions in a 2 × 2 box). */
const BETTI_GR24 = [1, 1, 2, 1, 1];

/** C = XXᵀ for X = U diag(σ) Vᵀ with Haar-random U, V. */
function covariance(m: number, sigma: number[], seed: number): Tensor {
  const { X } = spectrumMatrix(m, m + 3, sigma, new Rng(seed));
  return matmul(X, X, { transposeB: true });
}

/** Distinct random singular values, at least 0.3 apart. */
function randomSpectrum(m: number, rng: Rng): number[] {
  const gaps = Array.from({ length: m }, () => rng.uniformIn(0.3, 1.5));
  return gaps.map((_, i) => gaps.slice(i).reduce((a, b) => a + b, 0));
}

describe('principalSubspaces and morseIndex (Theorem 4.1)', () => {
  it('lists all C(m, k) increasing 1-based index sets', () => {
    expect(principalSubspaces(4, 2)).toEqual([[1, 2], [1, 3], [1, 4], [2, 3], [2, 4], [3, 4]]);
    expect(principalSubspaces(5, 3)).toHaveLength(10);
    expect(principalSubspaces(3, 3)).toEqual([[1, 2, 3]]);
    expect(() => principalSubspaces(3, 4)).toThrow(/k ≤ m/);
  });

  it('reproduces the Gr_2(R⁴) table of Appendix E', () => {
    for (const [I, d] of APPENDIX_E_TABLE) expect(morseIndex(I)).toBe(d);
  });
});

describe('grassmannianTable: measured vs predicted', () => {
  it('Gr_2(R⁴), σ = 4, 3, 2, 1: measured indices equal the appendix table, losses Σ_{i∉I} σi²', () => {
    const sigma2 = [16, 9, 4, 1];
    const rows = grassmannianTable(covariance(4, [4, 3, 2, 1], 1), 2);
    expect(rows).toHaveLength(6);
    for (const [I, d] of APPENDIX_E_TABLE) {
      const row = rows.find((r) => r.indexSet.join() === I.join())!;
      expect(row.measuredIndex).toBe(d);
      expect(row.predictedIndex).toBe(d);
      expect(row.zeroEigenvalues).toBe(0);
      const closed = sigma2.filter((_, i) => !I.includes(i + 1)).reduce((a, b) => a + b, 0);
      expect(row.lossValue).toBeCloseTo(closed, 9);
      expect(row.measuredLoss).toBeCloseTo(closed, 9);
      expect(row.agrees).toBe(true);
    }
  });

  it('the number of index-d critical points of Gr_2(R⁴) equals the F2 Betti number b_d (F2-perfect, Theorem E.1)', () => {
    const rows = grassmannianTable(covariance(4, [4, 3, 2, 1], 2), 2);
    const counts = BETTI_GR24.map((_, d) => rows.filter((r) => r.measuredIndex === d).length);
    expect(counts).toEqual(BETTI_GR24);
  });

  for (const [m, k] of [[4, 2], [5, 2], [5, 3], [5, 1]] as const) {
    it(`random C with distinct eigenvalues, m = ${m}, k = ${k}: measured index = Σ_j (i_j − j) for all C(m, k) subspaces`, () => {
      const rng = new Rng(`gr-${m}-${k}`);
      for (let trial = 0; trial < 3; trial++) {
        const sigma = randomSpectrum(m, rng);
        const rows = grassmannianTable(covariance(m, sigma, trial), k);
        for (const row of rows) {
          const d = row.indexSet.reduce((s, i, j) => s + i - (j + 1), 0);
          expect(row.measuredIndex).toBe(d);
          expect(row.measuredIndex + row.zeroEigenvalues + row.hessianEigenvalues.filter((v) => v > 0).length).toBe(k * (m - k));
          expect(row.zeroEigenvalues).toBe(0);
          expect(row.agrees).toBe(true);
        }
      }
    });
  }

  it('refuses C with a repeated eigenvalue', () => {
    expect(() => grassmannianTable(covariance(4, [3, 2, 2, 1], 3), 2)).toThrow(/not distinct/);
  });
});

describe('grassmannianHessian: eigenvalues in closed form', () => {
  // Turning u_i (i ∈ I) toward u_j (j ∉ I) by angle t: Y_i = cos t·u_i + sin t·u_j, so
  // L_X = const − (σi² cos²t + σj² sin²t) and d²L_X/dt² at 0 is 2(σi² − σj²).
  it('equals {2(σi² − σj²) : i ∈ I, j ∉ I} to 1e-5', () => {
    const sigma = [3.1, 2.4, 1.6, 1.1, 0.5];
    const s2 = sigma.map((s) => s * s);
    const C = covariance(5, sigma, 4);
    const { vectors: U } = symmetricEigen(C);
    for (const I of principalSubspaces(5, 2)) {
      const closed: number[] = [];
      for (const i of I) for (let j = 1; j <= 5; j++) if (!I.includes(j)) closed.push(2 * (s2[i - 1]! - s2[j - 1]!));
      closed.sort((a, b) => b - a);
      const { eigenvalues, negative } = grassmannianHessian(C, U, I);
      expect(eigenvalues).toHaveLength(6);
      eigenvalues.forEach((v, r) => expect(Math.abs(v - closed[r]!)).toBeLessThan(1e-5));
      expect(negative).toBe(closed.filter((v) => v < 0).length);
    }
  });

  it('the one-angle rotation of u_i toward u_j has second derivative 2(σi² − σj²)', () => {
    const sigma = [4, 3, 2, 1];
    const C = covariance(4, sigma, 5);
    const { vectors: U } = symmetricEigen(C);
    const [i, j, other, t] = [3, 1, 2, 1e-3];
    // Y = [cos t·u_i + sin t·u_j, u_other], orthonormal for every t.
    const Y = (angle: number) => {
      const ui = columnsOf(U, [i]).mul(Math.cos(angle)).add(columnsOf(U, [j]).mul(Math.sin(angle)));
      return concatRows([ui.transpose(), columnsOf(U, [other]).transpose()]).transpose();
    };
    const f = (angle: number) => grassmannianLoss(C, Y(angle));
    const second = (f(t) - 2 * f(0) + f(-t)) / (t * t);
    expect(second).toBeCloseTo(2 * (sigma[i - 1]! ** 2 - sigma[j - 1]! ** 2), 4);
  });
});
