/**
 * The scalar LAE of §2.1 (n = m = k = 1, Fig. 1): the three losses over (w1, w2) for one data
 * point x with x² given, their gradients and Hessians in closed form, the critical set the paper
 * derives, and sampled grids for heat maps.
 *
 * Every scalar loss is f(p) + ν(w1² + w2²) with p = w2w1 and f(p) = x²(1 − p)² + μp²:
 *   L:  μ = ν = 0;   Lπ: μ = λ, ν = 0;   Lσ: μ = 0, ν = λ.
 */
import type { LossKind } from '../losses.js';
import { eigenSym2, type Mat2, type Vec2 } from './eigen2.js';

export type { Mat2, Vec2 };

/** How a critical point is classified from its Hessian. */
export type ScalarPointType = 'minimum' | 'saddle' | 'degenerate minimum';

/** An isolated critical point with its Hessian eigenvalues (descending) and loss value. */
export interface ScalarCriticalPoint {
  w1: number;
  w2: number;
  type: ScalarPointType;
  loss: number;
  hessianEigenvalues: Vec2;
}

/** A curve of critical points w2w1 = product (both branches), all global minima (§2.1). */
export interface ScalarCriticalCurve {
  kind: 'hyperbola';
  product: number;
  type: 'minimum';
  loss: number;
}

/** The critical set of one scalar landscape: isolated points and curves. */
export interface ScalarCriticalSet {
  points: ScalarCriticalPoint[];
  curves: ScalarCriticalCurve[];
}

function coefficients(kind: LossKind, lambda: number): { mu: number; nu: number } {
  return { mu: kind === 'product' ? lambda : 0, nu: kind === 'sum' ? lambda : 0 };
}

/** L = x²(1 − w2w1)², Lπ = L + λ(w2w1)², Lσ = L + λ(w1² + w2²) (§2, n = m = k = 1). */
export function scalarLoss(kind: LossKind, x2: number, lambda: number, w1: number, w2: number): number {
  const { mu, nu } = coefficients(kind, lambda);
  const p = w1 * w2;
  return x2 * (1 - p) ** 2 + mu * p * p + nu * (w1 * w1 + w2 * w2);
}

/** ∇ = f′(p)·(w2, w1) + 2ν(w1, w2), with f′(p) = 2(μp − x²(1 − p)). */
export function scalarGradient(kind: LossKind, x2: number, lambda: number, w1: number, w2: number): Vec2 {
  const { mu, nu } = coefficients(kind, lambda);
  const d1 = 2 * (mu * w1 * w2 - x2 * (1 - w1 * w2));
  return [d1 * w2 + 2 * nu * w1, d1 * w1 + 2 * nu * w2];
}

/** ∇² = f″(p)·(w2, w1)(w2, w1)ᵀ + f′(p)·[[0, 1], [1, 0]] + 2νI, with f″ = 2(x² + μ). */
export function scalarHessian(kind: LossKind, x2: number, lambda: number, w1: number, w2: number): Mat2 {
  const { mu, nu } = coefficients(kind, lambda);
  const p = w1 * w2;
  const d1 = 2 * (mu * p - x2 * (1 - p));
  const d2 = 2 * (x2 + mu);
  const off = d2 * p + d1;
  return [
    [d2 * w2 * w2 + 2 * nu, off],
    [off, d2 * w1 * w1 + 2 * nu],
  ];
}

/** Eigenvalues (descending) of the closed-form Hessian at (w1, w2). */
export function scalarHessianEigenvalues(kind: LossKind, x2: number, lambda: number, w1: number, w2: number): Vec2 {
  return eigenSym2(scalarHessian(kind, x2, lambda, w1, w2));
}

/**
 * Second-derivative test: a negative eigenvalue makes a saddle, all positive a minimum. A zero
 * eigenvalue with none negative leaves the test inconclusive; it occurs only at the origin of Lσ
 * with λ = x², which §2.1 places at the start of the regime where the origin is the unique global
 * minimum (Lσ ≥ x²(1 + (w2w1)²) there), hence "degenerate minimum".
 */
function classify(eigenvalues: Vec2, scale: number): ScalarPointType {
  const tol = 1e-9 * scale;
  if (eigenvalues[1] < -tol) return 'saddle';
  return eigenvalues[1] <= tol ? 'degenerate minimum' : 'minimum';
}

/**
 * The critical set of §2.1, each isolated point classified by its Hessian:
 * - all three losses: the origin (loss x²);
 * - L: the hyperbola w2w1 = 1 of global minima;
 * - Lπ: the hyperbola w2w1 = (1 + λ/x²)⁻¹ of global minima;
 * - Lσ, λ < x²: the minima w1 = w2 = ±√(1 − λ/x²) (loss 2λ − λ²/x²), the origin a saddle;
 *   λ ≥ x²: the origin only (a minimum; degenerate at λ = x²).
 * Requires x² > 0, and λ > 0 for the regularized losses (the paper's standing assumption, §2).
 */
export function scalarCriticalPoints(kind: LossKind, x2: number, lambda: number): ScalarCriticalSet {
  if (!(x2 > 0 && Number.isFinite(x2))) throw new Error(`scalarCriticalPoints: x² must be positive and finite, got ${x2}`);
  if (kind !== 'unregularized' && !(lambda > 0 && Number.isFinite(lambda))) {
    throw new Error(`scalarCriticalPoints: λ must be positive and finite for the ${kind} loss, got ${lambda}`);
  }
  const scale = Math.max(1, x2, kind === 'unregularized' ? 0 : lambda);
  const point = (w1: number, w2: number): ScalarCriticalPoint => {
    const hessianEigenvalues = scalarHessianEigenvalues(kind, x2, lambda, w1, w2);
    return { w1, w2, type: classify(hessianEigenvalues, scale), loss: scalarLoss(kind, x2, lambda, w1, w2), hessianEigenvalues };
  };
  const curve = (product: number): ScalarCriticalCurve => ({
    kind: 'hyperbola',
    product,
    type: 'minimum',
    loss: scalarLoss(kind, x2, lambda, 1, product),
  });
  const origin = point(0, 0);
  switch (kind) {
    case 'unregularized':
      return { points: [origin], curves: [curve(1)] };
    case 'product':
      return { points: [origin], curves: [curve(1 / (1 + lambda / x2))] };
    case 'sum': {
      if (lambda >= x2) return { points: [origin], curves: [] };
      const a = Math.sqrt(1 - lambda / x2);
      return { points: [origin, point(a, a), point(-a, -a)], curves: [] };
    }
  }
}

/**
 * Loss values on a resolution × resolution grid over range² for a heat map, row-major with
 * row r ↔ w2 = y_r and column c ↔ w1 = x_c (heatmapChart's `values[r*cols + c] = f(x_c, y_r)`);
 * samples t_i = lo + i(hi − lo)/(resolution − 1) on both axes.
 */
export function scalarGrid(
  kind: LossKind,
  x2: number,
  lambda: number,
  range: readonly [number, number],
  resolution: number,
): Float64Array {
  const [lo, hi] = range;
  if (!Number.isInteger(resolution) || resolution < 2) throw new Error(`scalarGrid: resolution must be an integer ≥ 2, got ${resolution}`);
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) throw new Error(`scalarGrid: range must be finite and increasing, got [${lo}, ${hi}]`);
  const at = (i: number) => lo + ((hi - lo) * i) / (resolution - 1);
  const values = new Float64Array(resolution * resolution);
  for (let r = 0; r < resolution; r++) {
    for (let c = 0; c < resolution; c++) values[r * resolution + c] = scalarLoss(kind, x2, lambda, at(c), at(r));
  }
  return values;
}
