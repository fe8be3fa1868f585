/**
 * The scalar landscapes of §2.1 (Fig. 1) with a regularizer exponent α: Lπ = L + λ|w2w1|^α,
 * Lσ = L + λ(|w1|^α + |w2|^α). At α = 2 (the paper's) the losses, gradients, Hessians and critical
 * points are scalar.ts's closed forms, which the lae-scalar simulation draws; for α ≠ 2 the critical
 * points are found numerically.
 */
import type { LossKind } from '../losses.js';
import { classify, fmt, hyperbolaPieces, rootsOf, type CriticalCurveInfo, type CriticalPointInfo, type CriticalSet, type Landscape, type Source } from './landscape2.js';
import { scalarCriticalPoints, scalarGradient, scalarHessian, scalarLoss } from './scalar.js';

export interface ScalarSettings {
  kind: LossKind;
  x2: number;
  lambda: number;
  /** Exponent of the regularizer: Lπ = L + λ|w2w1|^α, Lσ = L + λ(|w1|^α + |w2|^α); α = 2 is the paper's. */
  alpha: number;
}

/** |v|^e · sign(v) and |v|^e without NaN at 0 for e > 0 (and +∞ at 0 for e < 0). */
const signedPow = (v: number, e: number) => Math.sign(v) * Math.abs(v) ** e;
const absPow = (v: number, e: number) => Math.abs(v) ** e;

/** The effective loss kind: with λ = 0 both regularized losses are L (theory needs λ > 0). */
export function effectiveKind(s: ScalarSettings): LossKind {
  return s.kind !== 'unregularized' && s.lambda === 0 ? 'unregularized' : s.kind;
}

/** Whether the paper's closed forms apply (α = 2, or a loss with no regularizer). */
export function usesTheory(s: ScalarSettings): boolean {
  return effectiveKind(s) === 'unregularized' || s.alpha === 2;
}

export function scalarLandscape(s: ScalarSettings): Landscape {
  const kind = effectiveKind(s);
  const { x2, lambda, alpha } = s;
  if (usesTheory(s)) {
    return {
      loss: (w1, w2) => scalarLoss(kind, x2, lambda, w1, w2),
      grad: (w1, w2) => scalarGradient(kind, x2, lambda, w1, w2),
      hess: (w1, w2) => scalarHessian(kind, x2, lambda, w1, w2),
    };
  }
  if (kind === 'product') {
    // f(p) = x²(1 − p)² + λ|p|^α, p = w2w1; ∇ = f′(p)(w2, w1), ∇² = f″(p)(w2, w1)(w2, w1)ᵀ + f′(p)[[0, 1], [1, 0]].
    const d1 = (p: number) => -2 * x2 * (1 - p) + lambda * alpha * signedPow(p, alpha - 1);
    const d2 = (p: number) => 2 * x2 + lambda * alpha * (alpha - 1) * absPow(p, alpha - 2);
    return {
      loss: (w1, w2) => x2 * (1 - w1 * w2) ** 2 + lambda * absPow(w1 * w2, alpha),
      grad: (w1, w2) => {
        const g = d1(w1 * w2);
        return [g * w2, g * w1];
      },
      hess: (w1, w2) => {
        const p = w1 * w2;
        // f″ may be infinite at p = 0 (α < 2); its factor (w2, w1)(w2, w1)ᵀ then vanishes only at the origin.
        const c = w1 === 0 && w2 === 0 ? 0 : d2(p);
        const off = c * p + d1(p);
        return [[c * w2 * w2, off], [off, c * w1 * w1]];
      },
    };
  }
  // Lσ with exponent α: x²(1 − w2w1)² + λ(|w1|^α + |w2|^α).
  return {
    loss: (w1, w2) => x2 * (1 - w1 * w2) ** 2 + lambda * (absPow(w1, alpha) + absPow(w2, alpha)),
    grad: (w1, w2) => {
      const r = -2 * x2 * (1 - w1 * w2);
      return [r * w2 + lambda * alpha * signedPow(w1, alpha - 1), r * w1 + lambda * alpha * signedPow(w2, alpha - 1)];
    },
    hess: (w1, w2) => {
      const off = 2 * x2 * (2 * w1 * w2 - 1);
      const reg = (w: number) => lambda * alpha * (alpha - 1) * absPow(w, alpha - 2);
      return [[2 * x2 * w2 * w2 + reg(w1), off], [off, 2 * x2 * w1 * w1 + reg(w2)]];
    },
  };
}


/**
 * Critical points of a scalar landscape. With the paper's closed forms (α = 2 or no regularizer)
 * these are scalarCriticalPoints' — the theory the simulations use. For α ≠ 2 they are numerical:
 * - Lπ: the origin (a saddle, ∇² = −2x²[[0, 1], [1, 0]] there) and the hyperbola w2w1 = p* of
 *   minima, p* ∈ (0, 1) the root of f′(p) = −2x²(1 − p) + λα p^(α−1) (f is convex, so one root);
 * - Lσ: multiplying ∂L/∂w_i by w_i gives 2x²(1 − p)p = λα|w1|^α = λα|w2|^α, so critical points off
 *   the origin have w1 = w2 = ±t with 2x²(1 − t²) = λα t^(α−2), t ∈ (0, 1): solved by scan and
 *   bisection, then classified by the Hessian (the origin, where |w|^α is not twice differentiable
 *   for α < 2, by the loss on a small ring).
 */
export function scalarCritical(s: ScalarSettings, range: number): CriticalSet {
  const kind = effectiveKind(s);
  const l = scalarLandscape(s);
  const scale = Math.max(1, s.x2, s.lambda);
  const hyperbola = (product: number, source: Source): CriticalCurveInfo => ({
    label: `minima curve w2·w1 = ${fmt(product)}`,
    type: 'minimum',
    source,
    pieces: hyperbolaPieces(product, range),
    residual: (w1, w2) => Math.abs(w1 * w2 - product),
  });
  if (usesTheory(s)) {
    const set = scalarCriticalPoints(kind, s.x2, s.lambda);
    return {
      points: set.points.map((p) => ({ w1: p.w1, w2: p.w2, type: p.type, loss: p.loss, source: 'theory' })),
      curves: set.curves.map((c) => hyperbola(c.product, 'theory')),
    };
  }
  const origin: CriticalPointInfo = { w1: 0, w2: 0, type: classify(l, 0, 0, scale), loss: l.loss(0, 0), source: 'numerical' };
  if (kind === 'product') {
    const fp = (p: number) => -2 * s.x2 * (1 - p) + s.lambda * s.alpha * p ** (s.alpha - 1);
    const roots = rootsOf(fp, 0, 1);
    return { points: [origin], curves: roots.map((p) => hyperbola(p, 'numerical')) };
  }
  const g = (t: number) => 2 * s.x2 * (1 - t * t) - s.lambda * s.alpha * t ** (s.alpha - 2);
  const points = [origin];
  for (const t of rootsOf(g, 1e-9, 1)) {
    for (const sign of [1, -1]) {
      const w = sign * t;
      points.push({ w1: w, w2: w, type: classify(l, w, w, scale), loss: l.loss(w, w), source: 'numerical' });
    }
  }
  return { points, curves: [] };
}

