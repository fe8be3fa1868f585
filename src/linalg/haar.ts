/** Haar-distributed random orthogonal matrices (Mezzadri 2007, "How to generate random matrices from the classical compact groups"). */
import { Tensor } from '../tensor/tensor.js';
import { qr } from './qr.js';

/** Any source of standard normal deviates (the project's seeded generator satisfies this). */
export interface NormalSource {
  normal(): number;
}

/**
 * n×n orthogonal matrix drawn from the Haar measure on O(n): Q·diag(sign(diag R)) where G = Q R is
 * the QR factorization of an n×n standard Gaussian G (filled row by row from `rng`).
 */
export function haarOrthogonal(n: number, rng: NormalSource): Tensor {
  if (!Number.isInteger(n) || n < 1) throw new Error(`haarOrthogonal: n must be a positive integer, got ${n}`);
  const g = new Float64Array(n * n);
  for (let i = 0; i < g.length; i++) g[i] = rng.normal();
  return qr(new Tensor(g, [n, n]), { positiveDiagonal: true }).Q;
}
