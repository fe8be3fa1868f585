import { describe, it, expect } from 'vitest';
import { haarOrthogonal, orthonormalityError } from '../../src/linalg/index.js';
import { gaussian, get } from './helpers.js';

describe('haarOrthogonal', () => {
  it('returns orthogonal matrices (QᵀQ = I to 1e-12)', () => {
    const rng = gaussian('haar-orth');
    for (const n of [1, 2, 5, 50, 200]) {
      const Q = haarOrthogonal(n, rng);
      expect(Q.shape).toEqual([n, n]);
      expect(orthonormalityError(Q)).toBeLessThan(1e-12);
    }
  });

  it('is deterministic for a given seed and differs between seeds', () => {
    const a = haarOrthogonal(6, gaussian('same'));
    const b = haarOrthogonal(6, gaussian('same'));
    const c = haarOrthogonal(6, gaussian('other'));
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(Array.from(a.data)).not.toEqual(Array.from(c.data));
  });

  it('has Haar moments: E[Q_ij²] = 1/n, E[Q_ii] = 0, P(det Q = +1) = 1/2', () => {
    const rng = gaussian('haar-dist');
    const n = 3;
    const draws = 4000;
    let sumSq00 = 0;
    let sumSq21 = 0;
    let sumDiag = 0;
    let positiveDet = 0;
    for (let t = 0; t < draws; t++) {
      const Q = haarOrthogonal(n, rng);
      const q = (i: number, j: number): number => get(Q, i, j);
      sumSq00 += q(0, 0) ** 2;
      sumSq21 += q(2, 1) ** 2;
      sumDiag += q(0, 0) + q(1, 1) + q(2, 2);
      const det =
        q(0, 0) * (q(1, 1) * q(2, 2) - q(1, 2) * q(2, 1)) -
        q(0, 1) * (q(1, 0) * q(2, 2) - q(1, 2) * q(2, 0)) +
        q(0, 2) * (q(1, 0) * q(2, 1) - q(1, 1) * q(2, 0));
      expect(Math.abs(Math.abs(det) - 1)).toBeLessThan(1e-12);
      if (det > 0) positiveDet++;
    }
    // Q_ij² ~ Beta(1/2, (n−1)/2): mean 1/3, sd 0.30 → sd of the mean ≈ 0.005. Tolerances are ~5 sd.
    expect(Math.abs(sumSq00 / draws - 1 / n)).toBeLessThan(0.025);
    expect(Math.abs(sumSq21 / draws - 1 / n)).toBeLessThan(0.025);
    expect(Math.abs(sumDiag / (n * draws))).toBeLessThan(0.03);
    expect(Math.abs(positiveDet / draws - 0.5)).toBeLessThan(0.04);
  });

  it('rejects invalid n', () => {
    const rng = gaussian('bad');
    expect(() => haarOrthogonal(0, rng)).toThrow('haarOrthogonal: n must be a positive integer, got 0');
    expect(() => haarOrthogonal(2.5, rng)).toThrow('haarOrthogonal: n must be a positive integer, got 2.5');
  });
});
