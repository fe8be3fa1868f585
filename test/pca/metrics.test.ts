import { describe, expect, it } from 'vitest';
import { componentErrors, eigenvalueRelativeErrors, maxPrincipalAngleSine, principalAngles } from '../../src/pca/index.js';
import { tensor } from '../../src/tensor/index.js';

/** Two planes in R^4 meeting at angles (0, θ): span(e1, e2) and span(e1, cos θ e2 + sin θ e3). */
function planes(theta: number) {
  const A = tensor([[1, 0], [0, 1], [0, 0], [0, 0]]);
  const B = tensor([[1, 0], [0, Math.cos(theta)], [0, Math.sin(theta)], [0, 0]]);
  return { A, B };
}

describe('principal angles', () => {
  it('two planes at a known angle: angles (0, θ), sines and cosines in closed form', () => {
    for (const theta of [0.3, Math.PI / 4, 1.2, Math.PI / 2]) {
      const { A, B } = planes(theta);
      const pa = principalAngles(A, B);
      expect(pa.angles[0]).toBeCloseTo(0, 12);
      expect(pa.angles[1]).toBeCloseTo(theta, 12);
      expect(pa.sines[1]).toBeCloseTo(Math.sin(theta), 12);
      expect(pa.cosines[1]).toBeCloseTo(Math.cos(theta), 12);
      expect(maxPrincipalAngleSine(A, B)).toBeCloseTo(Math.sin(theta), 12);
    }
  });

  it('does not depend on the bases chosen (non-orthonormal, mixed columns)', () => {
    const theta = 0.7;
    const { A, B } = planes(theta);
    const mix = tensor([[2, 1], [-1, 3]]);
    expect(maxPrincipalAngleSine(A.matmul(mix), B.matmul(mix.transpose()))).toBeCloseTo(Math.sin(theta), 12);
  });

  it('keeps full relative accuracy for tiny angles (sine route, not 1 − cos²)', () => {
    for (const theta of [1e-6, 1e-9, 1e-12]) {
      const { A, B } = planes(theta);
      const s = maxPrincipalAngleSine(A, B);
      expect(Math.abs(s - Math.sin(theta)) / Math.sin(theta)).toBeLessThan(1e-8);
      expect(Math.abs(principalAngles(A, B).angles[1]! - theta) / theta).toBeLessThan(1e-8);
    }
  });

  it('a line against a plane containing it, and against an orthogonal line', () => {
    const plane = tensor([[1, 0], [0, 1], [0, 0]]);
    const inside = tensor([[3], [4], [0]]);
    const outside = tensor([[0], [0], [2]]);
    expect(maxPrincipalAngleSine(plane, inside)).toBeLessThan(1e-15);
    expect(maxPrincipalAngleSine(plane, outside)).toBeCloseTo(1, 14);
    expect(principalAngles(inside, plane).angles.length).toBe(1);
  });

  it('refuses matrices with different row counts', () => {
    expect(() => maxPrincipalAngleSine(tensor([[1], [0]]), tensor([[1], [0], [0]]))).toThrow(/same number of rows/);
  });
});

describe('per-component and eigenvalue errors', () => {
  it('componentErrors is sign-invariant and equals 2 sin(θ/2) per column', () => {
    const theta = 0.1;
    const ref = tensor([[1, 0], [0, 1], [0, 0]]);
    // column 0 flipped (error 0), column 1 rotated by θ towards e3 and scaled (normalization)
    const est = tensor([[-1, 0], [0, 5 * Math.cos(theta)], [0, 5 * Math.sin(theta)]]);
    const e = componentErrors(est, ref);
    expect(e[0]).toBeLessThan(1e-15);
    expect(e[1]).toBeCloseTo(2 * Math.sin(theta / 2), 14);
  });

  it('eigenvalueRelativeErrors', () => {
    const e = eigenvalueRelativeErrors([11, 4.5], [10, 5]);
    expect(e[0]).toBeCloseTo(0.1, 15);
    expect(e[1]).toBeCloseTo(0.1, 15);
  });
});
