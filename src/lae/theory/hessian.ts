import { fromData, noGrad, type Tensor } from '../../tensor/index.js';
import { laeGradient } from '../gradient.js';
import type { LossKind } from '../losses.js';

/**
 * The Hessian of an LAE loss at (W1, W2), a 2km × 2km matrix over θ = (vec W1, vec W2), measured
 * by central differences of the exact gradient (laeGradient, from C = XXᵀ). The gradient is a
 * cubic polynomial in θ, so D(h) = [g(θ + h e) − g(θ − h e)]/2h = g′ + c·h² exactly, and the
 * Richardson combination (4D(h/2) − D(h))/3 removes the h² term: the result is exact up to
 * rounding. Symmetrized.
 */
export function laeHessian(C: Tensor, W1: Tensor, W2: Tensor, loss: LossKind, lambda: number, h = 1e-2): Tensor {
  return noGrad(() => {
    const n1 = W1.size;
    const p = n1 + W2.size;
    const H = new Float64Array(p * p);
    const a = W1.clone();
    const b = W2.clone();
    const grad = (): Float64Array => {
      const { dW1, dW2 } = laeGradient(C, a, b, loss, lambda);
      const g = new Float64Array(p);
      g.set(dW1.data, 0);
      g.set(dW2.data, n1);
      return g;
    };
    const coordinate = (j: number): Float64Array => (j < n1 ? a.f64('hessian') : b.f64('hessian'));
    const difference = (j: number, step: number): Float64Array => {
      const x = coordinate(j);
      const i = j < n1 ? j : j - n1;
      const orig = x[i]!;
      x[i] = orig + step;
      const gp = grad();
      x[i] = orig - step;
      const gm = grad();
      x[i] = orig;
      for (let r = 0; r < p; r++) gp[r] = (gp[r]! - gm[r]!) / (2 * step);
      return gp;
    };
    for (let j = 0; j < p; j++) {
      const coarse = difference(j, h);
      const fine = difference(j, h / 2);
      for (let r = 0; r < p; r++) H[r * p + j] = (4 * fine[r]! - coarse[r]!) / 3;
    }
    for (let r = 0; r < p; r++) {
      for (let c = r + 1; c < p; c++) {
        const s = 0.5 * (H[r * p + c]! + H[c * p + r]!);
        H[r * p + c] = s;
        H[c * p + r] = s;
      }
    }
    return fromData(H, [p, p]);
  });
}
