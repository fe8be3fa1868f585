/**
 * The explorer's mathematics, free of the DOM so it runs (and is tested) in Node as well as in the
 * page: the scalar landscapes of §2.1 with the regularizer exponent α, the tied vector case
 * (m = 2, k = 1) and the weight-alignment loss, each with its critical points, plus gradient descent.
 *
 * At α = 2 the scalar losses, gradients, Hessians and critical points are those of
 * src/lae/theory/scalar.ts — the code the lae-scalar simulation draws — bundled into the page.
 */
import type { LossKind } from '../../lae/losses.js';
import { scalarCriticalPoints, scalarGradient, scalarHessian, scalarLoss } from '../../lae/theory/scalar.js';
import { eigenSym2, eigenvector2, type Mat2, type Vec2 } from '../../lae/theory/eigen2.js';

export { eigenSym2, type Mat2, type Vec2 };

export type PointType = 'minimum' | 'saddle' | 'maximum' | 'degenerate minimum' | 'degenerate';

/** Where a critical point comes from: a closed form of the paper, or a numerical search. */
export type Source = 'theory' | 'numerical';

export interface CriticalPointInfo {
  w1: number;
  w2: number;
  type: PointType;
  loss: number;
  source: Source;
}

/** A one-parameter family of critical points (all of one type), drawn as pieces of a curve. */
export interface CriticalCurveInfo {
  /** e.g. "minima curve w2·w1 = 0.8". */
  label: string;
  type: PointType;
  source: Source;
  /** Polylines inside the view. */
  pieces: { x: number[]; y: number[] }[];
  /** Distance-like residual of a point from the curve (0 on it), for naming where a descent ended. */
  residual: (w1: number, w2: number) => number;
}

export interface CriticalSet {
  points: CriticalPointInfo[];
  curves: CriticalCurveInfo[];
}

/** A landscape over (w1, w2): value, gradient and Hessian. */
export interface Landscape {
  loss(w1: number, w2: number): number;
  grad(w1: number, w2: number): Vec2;
  hess(w1: number, w2: number): Mat2;
}

/**
 * Second-derivative test with a relative tolerance; when the Hessian is not finite (|w|^α with
 * α < 2 at a coordinate 0) or is singular, the loss on a small ring around the point decides.
 */
export function classify(l: Landscape, w1: number, w2: number, scale: number): PointType {
  const h = l.hess(w1, w2);
  const tol = 1e-7 * Math.max(1, scale);
  if (h.flat().every(Number.isFinite)) {
    const [hi, lo] = eigenSym2(h);
    if (lo > tol) return 'minimum';
    if (hi < -tol) return 'maximum';
    if (lo < -tol && hi > tol) return 'saddle';
    // Singular with no negative curvature: a degenerate minimum unless a nearby point is lower.
  }
  const f0 = l.loss(w1, w2);
  let below = 0;
  let above = 0;
  for (const r of [1e-3, 1e-4]) {
    for (let i = 0; i < 64; i++) {
      const t = (2 * Math.PI * i) / 64;
      const df = l.loss(w1 + r * Math.cos(t), w2 + r * Math.sin(t)) - f0;
      if (df < -1e-13 * Math.max(1, Math.abs(f0))) below++;
      else if (df > 1e-13 * Math.max(1, Math.abs(f0))) above++;
    }
  }
  if (below === 0) return h.flat().every(Number.isFinite) ? 'degenerate minimum' : 'minimum';
  if (above === 0) return 'maximum';
  return 'saddle';
}

// ---------------------------------------------------------------------------------------------
// Scalar landscapes with exponent α (Fig. 1 generalized)

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

/** The two branches of w2w1 = c (c ≠ 0) inside [−r, r]². */
export function hyperbolaPieces(c: number, r: number, samples = 160): { x: number[]; y: number[] }[] {
  const a = Math.abs(c);
  if (a >= r * r) return [];
  const lo = a / r;
  const w = Array.from({ length: samples }, (_, i) => lo * (r / lo) ** (i / (samples - 1)));
  const s = Math.sign(c);
  return [
    { x: w, y: w.map((v) => (s * a) / v) },
    { x: w.map((v) => -v), y: w.map((v) => (-s * a) / v) },
  ];
}

/** Roots of a continuous g on (lo, hi) by a sign scan on `samples` points and bisection. */
export function rootsOf(g: (t: number) => number, lo: number, hi: number, samples = 2000): number[] {
  const roots: number[] = [];
  let t0 = lo;
  let g0 = g(t0);
  for (let i = 1; i <= samples; i++) {
    const t1 = lo + ((hi - lo) * i) / samples;
    const g1 = g(t1);
    if (g0 === 0) roots.push(t0);
    else if (Number.isFinite(g0) && Number.isFinite(g1) && g0 * g1 < 0) {
      let [a, b, ga] = [t0, t1, g0];
      for (let k = 0; k < 100 && b - a > 1e-15 * Math.max(1, Math.abs(a)); k++) {
        const m = 0.5 * (a + b);
        const gm = g(m);
        if (gm === 0) {
          a = b = m;
          break;
        }
        if (ga * gm < 0) b = m;
        else [a, ga] = [m, gm];
      }
      roots.push(0.5 * (a + b));
    }
    [t0, g0] = [t1, g1];
  }
  return roots;
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

// ---------------------------------------------------------------------------------------------
// Tied vector case m = 2, k = 1: W1 = wᵀ, W2 = w

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

// ---------------------------------------------------------------------------------------------
// Weight alignment: forward weight w1, backward weight w2

export interface AlignmentSettings {
  x: number;
  y: number;
  pred: number;
  info: number;
  reg: number;
  self: number;
}

/**
 * Presets (data x = y = 1). With L = λ_pred(y − w1x)² + λ_info(x − w2w1x)² + λ_reg(w1² + w2²) − 2λ_self·w1w2,
 * a critical point on the diagonal w2 = w1 = t needs ∂L/∂w1 − ∂L/∂w2 = −2λ_pred·x(y − tx) = 0, so
 * t = y/x, and then ∂L/∂w2 = 0 reads λ_info(x² − y²) = λ_reg − λ_self. Hence:
 * - backprop: only the task term, λ_pred = 1: L does not depend on the backward weight, whose
 *   minima fill the line w1 = y/x — nothing aligns w2 with w1;
 * - information alignment: λ_pred = λ_info = 1 (x = y so λ_reg = λ_self = 0 satisfies the condition):
 *   L = (1 − w1)² + (1 − w2w1)², the unique minimum (1, 1) on the diagonal, a saddle at (0, −1);
 * - symmetric alignment: λ_pred = 1, λ_reg = λ_self = ½: L = (y − w1x)² + ½(w1 − w2)², the unique
 *   minimum (y/x, y/x) on the diagonal for any data.
 */
export const ALIGNMENT_PRESETS: Readonly<Record<'backprop' | 'information' | 'symmetric', AlignmentSettings>> = {
  backprop: { x: 1, y: 1, pred: 1, info: 0, reg: 0, self: 0 },
  information: { x: 1, y: 1, pred: 1, info: 1, reg: 0, self: 0 },
  symmetric: { x: 1, y: 1, pred: 1, info: 0, reg: 0.5, self: 0.5 },
};

/** ∂L/∂w1 = −2λ_pred x(y − w1x) − 2λ_info x²(1 − p)w2 + 2λ_reg w1 − 2λ_self w2, and symmetrically. */
export function alignmentLandscape(s: AlignmentSettings): Landscape {
  const { x, y, pred, info, reg, self } = s;
  const x2 = x * x;
  return {
    loss: (w1, w2) => pred * (y - w1 * x) ** 2 + info * (x - w2 * w1 * x) ** 2 + reg * (w1 * w1 + w2 * w2) - 2 * self * w1 * w2,
    grad: (w1, w2) => {
      const r = -2 * info * x2 * (1 - w1 * w2);
      return [-2 * pred * x * (y - w1 * x) + r * w2 + 2 * reg * w1 - 2 * self * w2, r * w1 + 2 * reg * w2 - 2 * self * w1];
    },
    hess: (w1, w2) => {
      const off = -2 * info * x2 * (1 - 2 * w1 * w2) - 2 * self;
      return [[2 * pred * x2 + 2 * info * x2 * w2 * w2 + 2 * reg, off], [off, 2 * info * x2 * w1 * w1 + 2 * reg]];
    },
  };
}

/**
 * Critical points of the alignment loss. Two families are found in closed form: without λ_info,
 * λ_reg, λ_self the loss ignores w2 (minima on the line w1 = y/x); without λ_pred and λ_reg it is a
 * function of p = w2w1 (minima on the hyperbola w2w1 = 1 + λ_self/(λ_info x²)). Otherwise the
 * critical points are isolated and found numerically (damped Newton from a grid of seeds).
 */
export function alignmentCritical(s: AlignmentSettings, range: number): CriticalSet {
  const l = alignmentLandscape(s);
  const scale = Math.max(1, s.pred, s.info, s.reg, s.self) * Math.max(1, s.x * s.x, s.y * s.y);
  const x2 = s.x * s.x;
  if (s.info === 0 && s.reg === 0 && s.self === 0) {
    if (s.pred === 0 || s.x === 0) return { points: [], curves: [] };
    const c = s.y / s.x;
    return {
      points: [],
      curves: [{
        label: `minima line w1 = ${fmt(c)} (any backward weight)`,
        type: 'minimum',
        source: 'theory',
        pieces: Math.abs(c) < range ? [{ x: [c, c], y: [-range, range] }] : [],
        residual: (w1) => Math.abs(w1 - c),
      }],
    };
  }
  if ((s.pred === 0 || s.x === 0) && s.reg === 0) {
    const origin: CriticalPointInfo = { w1: 0, w2: 0, type: classify(l, 0, 0, scale), loss: l.loss(0, 0), source: 'theory' };
    if (s.info === 0 || x2 === 0) return { points: [origin], curves: [] };
    const product = 1 + s.self / (s.info * x2);
    return {
      points: [origin],
      curves: product === 0 ? [] : [{
        label: `minima curve w2·w1 = ${fmt(product)}`,
        type: 'minimum',
        source: 'theory',
        pieces: hyperbolaPieces(product, range),
        residual: (w1, w2) => Math.abs(w1 * w2 - product),
      }],
    };
  }
  return { points: newtonCriticalPoints(l, range, scale), curves: [] };
}

/**
 * Isolated critical points in [−2r, 2r]² by damped Newton on ∇L = 0 from a 9 × 9 grid of seeds
 * over [−r, r]², merged when closer than 1e-6·scale, each classified by its Hessian.
 */
export function newtonCriticalPoints(l: Landscape, r: number, scale = 1): CriticalPointInfo[] {
  const found: CriticalPointInfo[] = [];
  const seeds: Vec2[] = [];
  for (let i = 0; i < 9; i++) for (let j = 0; j < 9; j++) seeds.push([-r + (2 * r * i) / 8, -r + (2 * r * j) / 8]);
  for (const seed of seeds) {
    const w = newton(l, seed);
    if (!w || Math.abs(w[0]) > 2 * r || Math.abs(w[1]) > 2 * r) continue;
    if (found.some((p) => Math.hypot(p.w1 - w[0], p.w2 - w[1]) < 1e-6 * Math.max(1, r))) continue;
    found.push({ w1: clean(w[0]), w2: clean(w[1]), type: classify(l, w[0], w[1], scale), loss: l.loss(w[0], w[1]), source: 'numerical' });
  }
  return found.sort((a, b) => a.w1 - b.w1 || a.w2 - b.w2);
}

/** Levenberg–Marquardt steps on ∇L = 0: (∇² + μI)δ = −∇, accepted when ‖∇‖ drops. */
function newton(l: Landscape, start: Vec2): Vec2 | undefined {
  let w: Vec2 = [...start];
  let g = l.grad(w[0], w[1]);
  let gn = Math.hypot(g[0], g[1]);
  let mu = 1e-6;
  for (let it = 0; it < 200 && gn > 1e-13; it++) {
    const h = l.hess(w[0], w[1]);
    const [a, b, c, d] = [h[0][0] + mu, h[0][1], h[1][0], h[1][1] + mu];
    const det = a * d - b * c;
    if (!Number.isFinite(det) || det === 0) {
      mu = Math.max(1e-6, mu * 10);
      continue;
    }
    const next: Vec2 = [w[0] - (d * g[0] - b * g[1]) / det, w[1] - (-c * g[0] + a * g[1]) / det];
    const gNext = l.grad(next[0], next[1]);
    const nNext = Math.hypot(gNext[0], gNext[1]);
    if (Number.isFinite(nNext) && nNext < gn) {
      [w, g, gn] = [next, gNext, nNext];
      mu = Math.max(1e-12, mu / 10);
    } else {
      mu *= 10;
      if (mu > 1e12) break;
    }
  }
  return gn < 1e-9 ? w : undefined;
}

/** Rounds values within 1e-12 of zero to 0 (so the list reads "(0, 0)"). */
const clean = (v: number) => (Math.abs(v) < 1e-12 ? 0 : v);

/** Three decimals without trailing zeros or "-0": 0.866, 0, −1.5 (ASCII minus). */
export function fmt(v: number): string {
  const r = Number(v.toFixed(3));
  return String(r === 0 ? 0 : r);
}

// ---------------------------------------------------------------------------------------------
// Gradient descent

export interface DescentResult {
  path: Vec2[];
  end: Vec2;
  steps: number;
  status: 'converged' | 'diverged' | 'max steps';
  gradNorm: number;
}

/**
 * Plain gradient descent w ← w − η∇L(w) until ‖∇L‖ < tol (converged), a non-finite or huge value
 * (diverged) or maxSteps. The path keeps at most ~maxPoints points, always the first and last.
 */
export function gradientDescent(l: Landscape, start: Vec2, lr: number, maxSteps: number, tol = 1e-8, maxPoints = 1500): DescentResult {
  const all: Vec2[] = [[...start]];
  let w: Vec2 = [...start];
  let g = l.grad(w[0], w[1]);
  let gn = Math.hypot(g[0], g[1]);
  let steps = 0;
  let status: DescentResult['status'] = 'max steps';
  while (steps < maxSteps) {
    if (gn < tol) {
      status = 'converged';
      break;
    }
    w = [w[0] - lr * g[0], w[1] - lr * g[1]];
    steps++;
    if (!Number.isFinite(w[0]) || !Number.isFinite(w[1]) || Math.hypot(w[0], w[1]) > 1e6) {
      status = 'diverged';
      break;
    }
    all.push(w);
    g = l.grad(w[0], w[1]);
    gn = Math.hypot(g[0], g[1]);
  }
  if (status === 'max steps' && gn < tol) status = 'converged';
  const every = Math.max(1, Math.ceil(all.length / maxPoints));
  const path = all.filter((_, i) => i % every === 0);
  if (path[path.length - 1] !== all[all.length - 1]) path.push(all[all.length - 1]!);
  return { path, end: w, steps, status, gradNorm: gn };
}

/** Which critical point or curve a descent ended at (within `tol`), for the result line. */
export function arrival(end: Vec2, set: CriticalSet, tol = 1e-3): { kind: 'point'; point: CriticalPointInfo } | { kind: 'curve'; curve: CriticalCurveInfo } | undefined {
  let best: CriticalPointInfo | undefined;
  let bestDistance = Infinity;
  for (const p of set.points) {
    const d = Math.hypot(end[0] - p.w1, end[1] - p.w2);
    if (d < bestDistance) [best, bestDistance] = [p, d];
  }
  if (best && bestDistance < tol) return { kind: 'point', point: best };
  const curve = set.curves.find((c) => c.residual(end[0], end[1]) < tol);
  return curve ? { kind: 'curve', curve } : undefined;
}

/** The principal axes of a symmetric matrix: eigenvalues descending with unit eigenvectors. */
export function principalAxes(m: Mat2): { values: Vec2; vectors: [Vec2, Vec2] } {
  const values = eigenSym2(m);
  return { values, vectors: [eigenvector2(m, values[0]), eigenvector2(m, values[1])] };
}
