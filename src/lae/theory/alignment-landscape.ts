/**
 * Weight alignment with one forward weight w1 and one backward weight w2 (§6.2): the task term
 * λ_pred(y − w1x)², information alignment's λ_info(x − w2w1x)², and symmetric alignment's
 * λ_reg(w1² + w2²) − 2λ_self·w1w2 (Lemma A.1), with their critical points.
 */
import { classify, fmt, hyperbolaPieces, newtonCriticalPoints, type CriticalPointInfo, type CriticalSet, type Landscape } from './landscape2.js';

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

