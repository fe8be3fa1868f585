/**
 * Two-parameter landscapes L(w1, w2) as the results-page explorer draws them (runs in Node and in
 * the page, DOM-free): the Landscape interface (value, gradient, Hessian), critical points and
 * curves with their type by the second-derivative test, a damped-Newton search for isolated critical
 * points, root scans, and plain gradient descent. The landscapes themselves are in scalar-alpha.ts
 * (§2.1 with exponent α), tied.ts (Theorem 4.2, m = 2, k = 1) and alignment-landscape.ts (§6.2).
 */
import { eigenSym2, eigenvector2, type Mat2, type Vec2 } from './eigen2.js';

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
