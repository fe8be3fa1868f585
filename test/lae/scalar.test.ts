import { describe, expect, it } from 'vitest';
import { LOSS_KINDS } from '../../src/lae/losses.js';
import {
  scalarCriticalPoints,
  scalarGradient,
  scalarGrid,
  scalarHessian,
  scalarHessianEigenvalues,
  scalarLoss,
} from '../../src/lae/theory/scalar.js';

const X2 = 4; // Fig. 1
const SETTINGS = [
  { x2: X2, lambda: 1 }, // λ < x²
  { x2: X2, lambda: 4 }, // λ = x²
  { x2: X2, lambda: 6 }, // λ > x²
  { x2: 0.7, lambda: 0.3 },
];

const norm = ([a, b]: readonly number[]) => Math.hypot(a!, b!);

describe('scalar losses (§2.1)', () => {
  it('match their definitions from the data point x', () => {
    const x = -1.7;
    const [w1, w2, lambda] = [0.4, -1.3, 0.9];
    const L = (x - w2 * w1 * x) ** 2;
    expect(scalarLoss('unregularized', x * x, lambda, w1, w2)).toBeCloseTo(L, 12);
    expect(scalarLoss('product', x * x, lambda, w1, w2)).toBeCloseTo(L + lambda * (w2 * w1) ** 2, 12);
    expect(scalarLoss('sum', x * x, lambda, w1, w2)).toBeCloseTo(L + lambda * (w1 * w1 + w2 * w2), 12);
  });

  it('have gradient and Hessian equal to central differences', () => {
    const h = 1e-5;
    const points = [[0.3, -1.1], [1.7, 0.2], [-0.9, -0.8]] as const;
    for (const kind of LOSS_KINDS) {
      for (const [w1, w2] of points) {
        const f = (a: number, b: number) => scalarLoss(kind, X2, 1.5, a, b);
        const g = scalarGradient(kind, X2, 1.5, w1, w2);
        expect(g[0]).toBeCloseTo((f(w1 + h, w2) - f(w1 - h, w2)) / (2 * h), 5);
        expect(g[1]).toBeCloseTo((f(w1, w2 + h) - f(w1, w2 - h)) / (2 * h), 5);
        const H = scalarHessian(kind, X2, 1.5, w1, w2);
        const gp1 = scalarGradient(kind, X2, 1.5, w1 + h, w2);
        const gm1 = scalarGradient(kind, X2, 1.5, w1 - h, w2);
        const gp2 = scalarGradient(kind, X2, 1.5, w1, w2 + h);
        const gm2 = scalarGradient(kind, X2, 1.5, w1, w2 - h);
        expect(H[0][0]).toBeCloseTo((gp1[0] - gm1[0]) / (2 * h), 5);
        expect(H[1][0]).toBeCloseTo((gp1[1] - gm1[1]) / (2 * h), 5);
        expect(H[0][1]).toBeCloseTo((gp2[0] - gm2[0]) / (2 * h), 5);
        expect(H[1][1]).toBeCloseTo((gp2[1] - gm2[1]) / (2 * h), 5);
      }
    }
  });
});

describe('scalarCriticalPoints (§2.1)', () => {
  for (const { x2, lambda } of SETTINGS) {
    describe(`x² = ${x2}, λ = ${lambda}`, () => {
      it('the origin: loss x²; a saddle for L and Lπ; for Lσ a saddle iff λ < x², a minimum iff λ > x², degenerate at λ = x²', () => {
        const expected = { unregularized: 'saddle', product: 'saddle', sum: lambda < x2 ? 'saddle' : lambda > x2 ? 'minimum' : 'degenerate minimum' };
        for (const kind of LOSS_KINDS) {
          const origin = scalarCriticalPoints(kind, x2, lambda).points.find((p) => p.w1 === 0 && p.w2 === 0);
          expect(origin).toBeDefined();
          expect(origin!.type).toBe(expected[kind]);
          expect(origin!.loss).toBeCloseTo(x2, 12);
        }
      });

      it('every isolated critical point has zero gradient and the closed-form loss', () => {
        for (const kind of LOSS_KINDS) {
          for (const p of scalarCriticalPoints(kind, x2, lambda).points) {
            expect(norm(scalarGradient(kind, x2, lambda, p.w1, p.w2))).toBeLessThan(1e-12);
            const closed = p.w1 === 0 ? x2 : 2 * lambda - (lambda * lambda) / x2;
            expect(p.loss).toBeCloseTo(closed, 12);
          }
        }
      });

      it('Lσ: the minima ±√(1 − λ/x²)(1, 1) exist iff λ < x², and the origin is then the only other point', () => {
        const { points, curves } = scalarCriticalPoints('sum', x2, lambda);
        expect(curves).toEqual([]);
        if (lambda < x2) {
          const a = Math.sqrt(1 - lambda / x2);
          expect(points).toHaveLength(3);
          for (const s of [1, -1]) {
            const p = points.find((q) => Math.sign(q.w1) === s)!;
            expect(p.w1).toBeCloseTo(s * a, 14);
            expect(p.w2).toBeCloseTo(s * a, 14);
            expect(p.type).toBe('minimum');
            expect(p.w1 * p.w2).toBeCloseTo(1 - lambda / x2, 14); // w2w1 = 1 − λx⁻², w1 = w2
          }
        } else {
          expect(points).toHaveLength(1);
        }
      });

      it('L and Lπ: the hyperbolas w2w1 = 1 and (1 + λ/x²)⁻¹ are critical minima with the closed-form loss', () => {
        const cases = [
          { kind: 'unregularized' as const, product: 1, loss: 0 },
          { kind: 'product' as const, product: 1 / (1 + lambda / x2), loss: (lambda * x2) / (x2 + lambda) },
        ];
        for (const { kind, product, loss } of cases) {
          const { points, curves } = scalarCriticalPoints(kind, x2, lambda);
          expect(points).toHaveLength(1);
          expect(curves).toHaveLength(1);
          expect(curves[0]!.kind).toBe('hyperbola');
          expect(curves[0]!.type).toBe('minimum');
          expect(curves[0]!.product).toBeCloseTo(product, 14);
          expect(curves[0]!.loss).toBeCloseTo(loss, 12);
          for (const w1 of [-3, -0.5, 0.25, 0.7, 2]) {
            const w2 = product / w1;
            expect(norm(scalarGradient(kind, x2, lambda, w1, w2))).toBeLessThan(1e-12);
            expect(scalarLoss(kind, x2, lambda, w1, w2)).toBeCloseTo(loss, 12);
            // Morse–Bott minimum: flat along the curve, curved across it.
            const [big, small] = scalarHessianEigenvalues(kind, x2, lambda, w1, w2);
            expect(Math.abs(small)).toBeLessThan(1e-9 * big);
            expect(big).toBeGreaterThan(0);
          }
        }
      });

      it('no grid sample lies below the global minimum value', () => {
        const globalMin = {
          unregularized: 0,
          product: (lambda * x2) / (x2 + lambda),
          sum: lambda < x2 ? 2 * lambda - (lambda * lambda) / x2 : x2,
        };
        for (const kind of LOSS_KINDS) {
          const values = scalarGrid(kind, x2, lambda, [-2.5, 2.5], 101);
          expect(Math.min(...values)).toBeGreaterThanOrEqual(globalMin[kind] - 1e-12);
        }
      });
    });
  }

  it('rejects non-positive x² and λ for the regularized losses', () => {
    expect(() => scalarCriticalPoints('sum', 0, 1)).toThrow(/x²/);
    expect(() => scalarCriticalPoints('product', 4, 0)).toThrow(/λ/);
    expect(() => scalarCriticalPoints('unregularized', 4, 0)).not.toThrow();
  });
});

describe('scalarGrid', () => {
  it('is row-major with row r ↔ w2 = y_r and column c ↔ w1 = x_c', () => {
    const [lo, hi, n] = [-2, 3, 6];
    const values = scalarGrid('sum', X2, 1, [lo, hi], n);
    expect(values).toHaveLength(n * n);
    const at = (i: number) => lo + ((hi - lo) * i) / (n - 1);
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) expect(values[r * n + c]).toBe(scalarLoss('sum', X2, 1, at(c), at(r)));
    }
  });

  it('rejects a bad resolution or range', () => {
    expect(() => scalarGrid('sum', X2, 1, [-1, 1], 1)).toThrow(/resolution/);
    expect(() => scalarGrid('sum', X2, 1, [1, -1], 10)).toThrow(/range/);
  });
});
