/**
 * Oja's rule (Oja 1982; paper App. A) for the top principal direction (k = 1):
 * - per sample x: y = xᵀw, Δw = α(x y − w y²);
 * - summed over the data (full batch): Δw = α(I − wwᵀ)Cw, which is −α/2 times the decoder
 *   gradient ∂L/∂W2 = 2(W2W1 − I)CW1ᵀ of the unregularized LAE at W1 = wᵀ, W2 = w;
 * - the subspace form ΔW = α(I − WWᵀ)CW is `pca(…, { method: 'oja-subspace' })`.
 * The per-sample update is two length-m kernel calls (dot, axpy).
 */
import type { Rng } from '../random/rng.js';
import { axpy, dot, firstNonFinite } from '../tensor/kernels/index.js';
import { DivergenceError, fromData, matmul, type Tensor } from '../tensor/index.js';

/**
 * One stochastic Oja step in place: y = xᵀw, w ← w + α(x y − w y² − μw). Returns y. μ = 0 is
 * Oja's rule; μ = λ/n is the per-sample share of the tied LAE's weight decay (summed over the n
 * points: α[(I − wwᵀ)Cw − λw], the regularized Oja / GD-tied update).
 */
export function ojaUpdate(w: Float64Array, x: Float64Array, alpha: number, mu = 0): number {
  const y = dot(x, w);
  const shrink = 1 - alpha * (y * y + mu);
  for (let i = 0; i < w.length; i++) w[i] = w[i]! * shrink;
  axpy(alpha * y, x, w);
  return y;
}

/**
 * Σ over the data points (rows of `samples`) of the per-sample increment α(x y − w y² − (λ/n)w) at a
 * fixed w (not applied); λ = 0 is Oja's rule.
 */
export function ojaSummedIncrement(samples: Tensor, w: Float64Array, alpha: number, lambda = 0): Float64Array {
  const [n, m] = [samples.rows, samples.cols];
  const out = new Float64Array(m);
  let y2 = 0;
  for (let p = 0; p < n; p++) {
    const x = samples.data.subarray(p * m, (p + 1) * m);
    const y = dot(x, w);
    axpy(alpha * y, x, out);
    y2 += y * y;
  }
  axpy(-alpha * (y2 + lambda), w, out);
  return out;
}

/** The full-batch Oja increment α(I − wwᵀ)Cw = α(Cw − w(wᵀCw)) for w (m × 1). */
export function ojaFullBatchIncrement(C: Tensor, w: Tensor, alpha: number): Tensor {
  const Cw = matmul(C, w);
  return Cw.sub(w.mul(matmul(w, Cw, { transposeA: true }))).mul(alpha);
}

export interface OjaStochasticOptions {
  /** Step size α_t = alpha / (1 + t / decaySamples) (t = samples seen). */
  alpha: number;
  /** Samples after which the step has halved (default Infinity: constant step). */
  decaySamples?: number;
  /** Passes over the data, each in a fresh seeded order. */
  epochs: number;
  /** Weight decay λ of the tied LAE (full-data convention; each sample applies λ/n). Default 0: Oja's rule. */
  lambda?: number;
  rng: Rng;
  /** Starting vector (length m); default a seeded normal vector of unit length. */
  w0?: Float64Array;
  /** Record w every this many samples (default n / 20). */
  recordEvery?: number;
  /** Called with (samples seen, w) at each record. */
  onRecord?: (samples: number, w: Float64Array) => void;
}

/**
 * Stochastic Oja's rule over data points given as the rows of `samples` (n × m, centred), in a
 * seeded random order per epoch. Returns the final w and the samples seen; a DivergenceError
 * names the step (samples seen) and the entry of w at the first NaN/±Infinity.
 */
export function ojaStochastic(samples: Tensor, o: OjaStochasticOptions): { w: Float64Array; samples: number } {
  const [n, m] = [samples.rows, samples.cols];
  if (!(o.alpha > 0)) throw new RangeError(`ojaStochastic: alpha must be positive, got ${o.alpha}`);
  let w: Float64Array;
  if (o.w0) {
    if (o.w0.length !== m) throw new Error(`ojaStochastic: w0 has length ${o.w0.length}, expected ${m}`);
    w = o.w0.slice();
  } else {
    w = o.rng.fillNormal(new Float64Array(m));
    const norm = Math.sqrt(dot(w, w));
    for (let i = 0; i < m; i++) w[i] = w[i]! / norm;
  }
  const every = o.recordEvery ?? Math.max(1, Math.floor(n / 20));
  const decay = o.decaySamples ?? Infinity;
  const mu = (o.lambda ?? 0) / n;
  let seen = 0;
  o.onRecord?.(0, w);
  for (let e = 0; e < o.epochs; e++) {
    const order = o.rng.permutation(n);
    for (let r = 0; r < n; r++) {
      const p = order[r]!;
      const alpha = o.alpha / (1 + seen / decay);
      ojaUpdate(w, samples.f64('oja').subarray(p * m, (p + 1) * m), alpha, mu);
      seen++;
      const bad = firstNonFinite(w);
      if (bad >= 0) throw new DivergenceError(`ojaStochastic: w[${bad}] = ${w[bad]} after ${seen} samples (step ${seen}); lower alpha (${o.alpha})`, seen, `w[${bad}]`);
      if (seen % every === 0) o.onRecord?.(seen, w);
    }
  }
  return { w, samples: seen };
}

/** Full-batch Oja: w ← w + α(I − wwᵀ)Cw for `steps` steps, recording w after each. */
export function ojaFullBatch(C: Tensor, w0: Float64Array, alpha: number, steps: number, onStep?: (step: number, w: Float64Array) => void): Float64Array {
  let w = fromData(w0.slice(), [w0.length, 1]);
  onStep?.(0, w.f64('oja'));
  for (let t = 1; t <= steps; t++) {
    w = w.add(ojaFullBatchIncrement(C, w, alpha));
    w.assertFinite(t, 'value', 'w (Oja)');
    onStep?.(t, w.f64('oja'));
  }
  return w.f64('oja');
}
