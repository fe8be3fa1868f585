/**
 * The tied vector case of Theorem 4.2 with m = 2, k = 1: W1 = wᵀ, W2 = w under the sum loss Lσ, for
 * a 2 × 2 data covariance C with principal directions at a chosen angle.
 */
import type { Mat2, Vec2 } from './eigen2.js';
import { classify, type CriticalPointInfo, type CriticalSet, type Landscape } from './landscape2.js';

export interface TiedSettings {
  /** Eigenvalues σ1², σ2² of the data covariance C = XXᵀ. */
  sigma1sq: number;
  sigma2sq: number;
  /** Angle of the first principal direction u1, in degrees. */
  angleDeg: number;
  lambda: number;
}

/** C = U diag(σ1², σ2²) Uᵀ with u1 = (cos θ, sin θ), u2 = (−sin θ, cos θ). */
export function tiedCovariance(s: TiedSettings): { C: Mat2; u1: Vec2; u2: Vec2 } {
  const t = (s.angleDeg * Math.PI) / 180;
  const u1: Vec2 = [Math.cos(t), Math.sin(t)];
  const u2: Vec2 = [-Math.sin(t), Math.cos(t)];
  const C: Mat2 = [
    [s.sigma1sq * u1[0] * u1[0] + s.sigma2sq * u2[0] * u2[0], s.sigma1sq * u1[0] * u1[1] + s.sigma2sq * u2[0] * u2[1]],
    [s.sigma1sq * u1[0] * u1[1] + s.sigma2sq * u2[0] * u2[1], s.sigma1sq * u1[1] * u1[1] + s.sigma2sq * u2[1] * u2[1]],
  ];
  return { C, u1, u2 };
}

/**
 * Lσ at W1 = wᵀ, W2 = w: ‖X − wwᵀX‖²_F + 2λ‖w‖² = tr C − 2wᵀCw + ‖w‖²·wᵀCw + 2λ‖w‖²;
 * ∇ = −4Cw + 2‖w‖²Cw + 2(wᵀCw)w + 4λw;
 * ∇² = −4C + 2‖w‖²C + 4Cwwᵀ + 4wwᵀC + 2(wᵀCw)I + 4λI.
 */
export function tiedLandscape(s: TiedSettings): Landscape {
  const { C } = tiedCovariance(s);
  const trace = C[0][0] + C[1][1];
  const Cw = (w1: number, w2: number): Vec2 => [C[0][0] * w1 + C[0][1] * w2, C[1][0] * w1 + C[1][1] * w2];
  return {
    loss: (w1, w2) => {
      const [c1, c2] = Cw(w1, w2);
      const q = w1 * c1 + w2 * c2;
      const n2 = w1 * w1 + w2 * w2;
      return trace - 2 * q + n2 * q + 2 * s.lambda * n2;
    },
    grad: (w1, w2) => {
      const [c1, c2] = Cw(w1, w2);
      const q = w1 * c1 + w2 * c2;
      const n2 = w1 * w1 + w2 * w2;
      const a = -4 + 2 * n2;
      return [a * c1 + 2 * q * w1 + 4 * s.lambda * w1, a * c2 + 2 * q * w2 + 4 * s.lambda * w2];
    },
    hess: (w1, w2) => {
      const c = Cw(w1, w2);
      const w: Vec2 = [w1, w2];
      const q = w1 * c[0] + w2 * c[1];
      const n2 = w1 * w1 + w2 * w2;
      const entry = (i: 0 | 1, j: 0 | 1) =>
        (-4 + 2 * n2) * C[i][j] + 4 * c[i] * w[j] + 4 * w[i] * c[j] + (i === j ? 2 * q + 4 * s.lambda : 0);
      return [[entry(0, 0), entry(0, 1)], [entry(1, 0), entry(1, 1)]];
    },
  };
}

/**
 * Theorem 4.2 for Lσ with k = 1, tied: the origin and w = ±√(1 − λ/σi²)·ui for every σi² > λ,
 * classified by the Hessian (at the origin ∇² = 4(λI − C): a minimum once λ > σ1²).
 */
export function tiedCritical(s: TiedSettings): CriticalSet {
  const l = tiedLandscape(s);
  const { u1, u2 } = tiedCovariance(s);
  const scale = Math.max(1, s.sigma1sq, s.sigma2sq, s.lambda);
  const point = (w1: number, w2: number): CriticalPointInfo => ({ w1, w2, type: classify(l, w1, w2, scale), loss: l.loss(w1, w2), source: 'theory' });
  const points = [point(0, 0)];
  for (const [s2, u] of [[s.sigma1sq, u1], [s.sigma2sq, u2]] as const) {
    if (s2 > s.lambda) {
      const a = Math.sqrt(1 - s.lambda / s2);
      points.push(point(a * u[0], a * u[1]), point(-a * u[0], -a * u[1]));
    }
  }
  return { points, curves: [] };
}

