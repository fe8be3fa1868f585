import { describe, expect, it } from 'vitest';
import { LOSS_KINDS } from '../../src/lae/losses.js';
import { criticalPoint } from '../../src/lae/theory/index.js';
import { scalarCriticalPoints } from '../../src/lae/theory/scalar.js';
import {
  ALIGNMENT_PRESETS, alignmentCritical, alignmentLandscape, arrival, eigenSym2, gradientDescent, newtonCriticalPoints, scalarCritical,
  scalarLandscape, tiedCritical, tiedLandscape, type Landscape,
} from '../../src/lae/theory/index.js';
import { tensor } from '../../src/tensor/index.js';

const R = 2.5;

/** Gradient and Hessian against central differences of the loss (and of the gradient). */
function checkDerivatives(l: Landscape, points: readonly (readonly [number, number])[]): void {
  const h = 1e-6;
  for (const [a, b] of points) {
    const g = l.grad(a, b);
    expect(g[0]).toBeCloseTo((l.loss(a + h, b) - l.loss(a - h, b)) / (2 * h), 5);
    expect(g[1]).toBeCloseTo((l.loss(a, b + h) - l.loss(a, b - h)) / (2 * h), 5);
    const H = l.hess(a, b);
    const g1p = l.grad(a + h, b);
    const g1m = l.grad(a - h, b);
    const g2p = l.grad(a, b + h);
    const g2m = l.grad(a, b - h);
    expect(H[0][0]).toBeCloseTo((g1p[0] - g1m[0]) / (2 * h), 4);
    expect(H[0][1]).toBeCloseTo((g2p[0] - g2m[0]) / (2 * h), 4);
    expect(H[1][0]).toBeCloseTo((g1p[1] - g1m[1]) / (2 * h), 4);
    expect(H[1][1]).toBeCloseTo((g2p[1] - g2m[1]) / (2 * h), 4);
  }
}

const POINTS = [[0.3, -1.1], [1.7, 0.2], [-0.9, -0.8], [0.6, 0.7]] as const;

describe('explorer: scalar landscapes', () => {
  it('at α = 2 draws exactly the theory of src/lae/theory/scalar.ts', () => {
    for (const kind of LOSS_KINDS) {
      for (const lambda of [0.5, 1, 4, 6]) {
        const set = scalarCritical({ kind, x2: 4, lambda, alpha: 2 }, R);
        const theory = scalarCriticalPoints(kind, 4, lambda);
        expect(set.points.map((p) => [p.w1, p.w2, p.type])).toEqual(theory.points.map((p) => [p.w1, p.w2, p.type]));
        expect(set.points.every((p) => p.source === 'theory')).toBe(true);
        expect(set.curves.map((c) => c.residual(1, theory.curves[0]?.product ?? 0))).toEqual(theory.curves.map(() => 0));
      }
    }
  });

  it('Lσ: the origin turns from saddle to minimum as λ crosses x², minima at ±√(1 − λ/x²)', () => {
    const below = scalarCritical({ kind: 'sum', x2: 4, lambda: 1, alpha: 2 }, R);
    expect(below.points.map((p) => p.type)).toEqual(['saddle', 'minimum', 'minimum']);
    expect(below.points[1]!.w1).toBeCloseTo(Math.sqrt(0.75), 12);
    expect(below.points[2]!.w2).toBeCloseTo(-Math.sqrt(0.75), 12);
    expect(scalarCritical({ kind: 'sum', x2: 4, lambda: 5, alpha: 2 }, R).points.map((p) => p.type)).toEqual(['minimum']);
    expect(scalarCritical({ kind: 'sum', x2: 4, lambda: 4, alpha: 2 }, R).points.map((p) => p.type)).toEqual(['degenerate minimum']);
  });

  it('treats λ = 0 as the unregularized loss', () => {
    const set = scalarCritical({ kind: 'sum', x2: 4, lambda: 0, alpha: 3 }, R);
    expect(set.points.map((p) => p.type)).toEqual(['saddle']);
    expect(set.curves.map((c) => c.residual(2, 0.5))).toEqual([0]);
  });

  it('has exact gradients and Hessians for every exponent α', () => {
    for (const alpha of [1.5, 2, 3]) {
      for (const kind of LOSS_KINDS) checkDerivatives(scalarLandscape({ kind, x2: 4, lambda: 1.3, alpha }), POINTS);
    }
  });

  it('α ≠ 2: the diagonal reduction finds what Newton from a grid of seeds finds, all with ∇L = 0', () => {
    for (const alpha of [1.5, 2.5, 3]) {
      for (const lambda of [0.5, 1, 3]) {
        const s = { kind: 'sum' as const, x2: 4, lambda, alpha };
        const l = scalarLandscape(s);
        const set = scalarCritical(s, R);
        expect(set.points.every((p) => p.source === 'numerical')).toBe(true);
        for (const p of set.points) expect(Math.hypot(...l.grad(p.w1, p.w2))).toBeLessThan(1e-8);
        const key = (p: { w1: number; w2: number; type: string }) => `${p.type} ${p.w1.toFixed(6)} ${p.w2.toFixed(6)}`;
        const newton = newtonCriticalPoints(l, R, 4).map(key).sort();
        expect(set.points.map(key).sort()).toEqual(newton);
      }
    }
  });

  it('α < 2 keeps the origin a minimum; α > 2 keeps it a saddle', () => {
    expect(scalarCritical({ kind: 'sum', x2: 4, lambda: 0.5, alpha: 1.5 }, R).points[0]!.type).toBe('minimum');
    expect(scalarCritical({ kind: 'sum', x2: 4, lambda: 6, alpha: 3 }, R).points[0]!.type).toBe('saddle');
    const product = scalarCritical({ kind: 'product', x2: 4, lambda: 2, alpha: 3 }, R);
    expect(product.points.map((p) => p.type)).toEqual(['saddle']);
    const p = 0.5; // −2x²(1 − p) + λα p² = 0 at x² = 4, λ = 2, α = 3: −8 + 8p + 6p² → p = (−8 + √(64 + 192))/12
    expect(product.curves[0]!.residual(1, (-8 + Math.sqrt(64 + 192)) / 12)).toBeLessThan(1e-12);
    expect(product.curves[0]!.residual(1, p)).toBeGreaterThan(0.1);
  });

  it('gradient descent from a click reaches a minimum, and arrival names it', () => {
    const s = { kind: 'sum' as const, x2: 4, lambda: 1, alpha: 2 };
    const run = gradientDescent(scalarLandscape(s), [0.3, 0.1], 0.01, 20000);
    expect(run.status).toBe('converged');
    const at = arrival(run.end, scalarCritical(s, R));
    expect(at?.kind === 'point' && at.point.type).toBe('minimum');
    expect(run.path.length).toBeLessThanOrEqual(1502);
    expect(gradientDescent(scalarLandscape(s), [2, 2], 1, 100).status).toBe('diverged');
  });
});

describe('explorer: tied vector case (m = 2, k = 1)', () => {
  const settings = { sigma1sq: 4, sigma2sq: 2, angleDeg: 30, lambda: 1 };

  it('has exact gradients and Hessians', () => {
    checkDerivatives(tiedLandscape(settings), POINTS);
  });

  it('lists the critical points of Theorem 4.2 (src/lae/theory criticalPoint, Lσ, k = 1)', () => {
    const t = (30 * Math.PI) / 180;
    const data = { U: tensor([[Math.cos(t), -Math.sin(t)], [Math.sin(t), Math.cos(t)]]), sigma: Float64Array.from([2, Math.SQRT2]) };
    const set = tiedCritical(settings);
    const l = tiedLandscape(settings);
    for (const i of [1, 2]) {
      const cp = criticalPoint(data, 'sum', 1, [i], tensor([[1]]));
      const w = [cp.W2.get(0, 0), cp.W2.get(1, 0)];
      expect(cp.W1.get(0, 0)).toBeCloseTo(w[0]!, 12); // tied: W1 = W2ᵀ
      const match = set.points.find((p) => Math.hypot(p.w1 - w[0]!, p.w2 - w[1]!) < 1e-12);
      expect(match?.type).toBe(i === 1 ? 'minimum' : 'saddle');
      expect(match?.loss).toBeCloseTo(cp.lossValue, 10);
    }
    expect(set.points[0]!.type).toBe('maximum'); // both σi² > λ
    for (const p of set.points) expect(Math.hypot(...l.grad(p.w1, p.w2))).toBeLessThan(1e-12);
    expect(tiedCritical({ ...settings, lambda: 5 }).points.map((p) => p.type)).toEqual(['minimum']);
  });
});

describe('explorer: weight alignment', () => {
  it('has exact gradients and Hessians', () => {
    checkDerivatives(alignmentLandscape({ x: 1.3, y: 0.7, pred: 0.9, info: 1.1, reg: 0.4, self: 0.3 }), POINTS);
  });

  it('presets: backprop leaves w2 free, information and symmetric alignment put the minimum on w2 = w1', () => {
    const bp = alignmentCritical(ALIGNMENT_PRESETS.backprop, R);
    expect(bp.points).toEqual([]);
    expect(bp.curves[0]!.residual(1, -2)).toBe(0);
    for (const preset of [ALIGNMENT_PRESETS.information, ALIGNMENT_PRESETS.symmetric]) {
      const minima = alignmentCritical(preset, R).points.filter((p) => p.type === 'minimum');
      expect(minima).toHaveLength(1);
      expect(minima[0]!.w1).toBeCloseTo(1, 9);
      expect(minima[0]!.w2).toBeCloseTo(1, 9);
    }
    const ia = alignmentCritical(ALIGNMENT_PRESETS.information, R).points;
    expect(ia.find((p) => p.type === 'saddle')).toMatchObject({ w1: expect.closeTo(0, 9), w2: expect.closeTo(-1, 9) });
  });

  it('a loss of w2w1 only has a hyperbola of minima', () => {
    const set = alignmentCritical({ x: 1, y: 1, pred: 0, info: 1, reg: 0, self: 0.5 }, R);
    expect(set.curves[0]!.residual(1, 1.5)).toBe(0);
  });
});

describe('eigenSym2', () => {
  it('gives the eigenvalues of symmetric 2 × 2 matrices, descending', () => {
    expect(eigenSym2([[2, 0], [0, 3]])).toEqual([3, 2]);
    const [a, b] = eigenSym2([[0, -8], [-8, 0]]);
    expect([a, b]).toEqual([8, -8]);
  });
});
