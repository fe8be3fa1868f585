import { describe, expect, it } from 'vitest';
import { laeGradient } from '../../src/lae/index.js';
import { haarOrthogonal } from '../../src/linalg/index.js';
import { covariance, ojaFullBatch, ojaFullBatchIncrement, ojaStochastic, ojaSummedIncrement, ojaUpdate } from '../../src/pca/index.js';
import { Rng } from '../../src/random/rng.js';
import { DivergenceError, fromData, randn } from '../../src/tensor/index.js';

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

/**
 * Points ±σ_i u_i (i = 1..m), repeated r times: centred, C = XXᵀ = 2r Σ σ_i² u_i u_iᵀ exactly, so the
 * top principal direction is u_1 in closed form.
 */
function symmetricCloud(sigma: number[], r: number, seed: string) {
  const m = sigma.length;
  const U = haarOrthogonal(m, new Rng(seed));
  const rows: number[] = [];
  for (let rep = 0; rep < r; rep++) {
    for (let i = 0; i < m; i++) {
      for (const sign of [1, -1]) for (let a = 0; a < m; a++) rows.push(sign * sigma[i]! * U.data[a * m + i]!);
    }
  }
  const u1 = Float64Array.from({ length: m }, (_, a) => U.data[a * m]!);
  return { samples: fromData(Float64Array.from(rows), [2 * m * r, m]), u1 };
}

/** sin of the angle between w and the unit vector u, as ‖ŵ − (ŵᵀu)u‖ (stable for tiny angles, unlike √(1 − c²)). */
const sinAngle = (w: Float64Array, u: Float64Array): number => {
  const nw = Math.hypot(...w);
  const c = w.reduce((s, v, i) => s + v * u[i]!, 0) / nw;
  return Math.hypot(...Array.from(w, (v, i) => v / nw - c * u[i]!));
};

describe("Oja's rule", () => {
  it('one step: y = xᵀw, w ← w + α(x y − w y²)', () => {
    const w = Float64Array.of(1, 2);
    const y = ojaUpdate(w, Float64Array.of(3, -1), 0.1); // y = 1
    expect(y).toBe(1);
    expect(w[0]).toBeCloseTo(1 + 0.1 * (3 - 1), 15);
    expect(w[1]).toBeCloseTo(2 + 0.1 * (-1 - 2), 15);
  });

  it('App. A: summed over the data, Oja = α(I − wwᵀ)Cw = −α/2 · ∂L/∂W2 of the unregularized tied LAE (W1 = wᵀ, W2 = w)', () => {
    const rng = new Rng('oja-identity');
    const m = 7;
    const samples = randn([50, m], rng); // rows are points (not centred: the identity holds for any data)
    const C = covariance(samples, { layout: 'rows', center: false });
    const w = randn([m, 1], rng, 0.5);
    const alpha = 0.013;
    const summed = ojaSummedIncrement(samples, w.f64('test'), alpha);
    const batch = ojaFullBatchIncrement(C, w, alpha);
    const { dW2 } = laeGradient(C, w.transpose(), w, 'unregularized', 0);
    const scale = maxAbsDiff(batch.data, new Float64Array(m));
    expect(maxAbsDiff(summed, batch.data) / scale).toBeLessThan(1e-12);
    expect(maxAbsDiff(dW2.mul(-alpha / 2).data, batch.data) / scale).toBeLessThan(1e-12);
  });

  it('with weight decay λ/n per sample, the sum is −α/2 · ∂Lσ/∂W2 of the tied sum-loss LAE (regularized Oja = GD-tied)', () => {
    const rng = new Rng('oja-identity-reg');
    const m = 5;
    const samples = randn([40, m], rng);
    const C = covariance(samples, { layout: 'rows', center: false });
    const w = randn([m, 1], rng, 0.5);
    const alpha = 0.007;
    const lambda = 3.3;
    const summed = ojaSummedIncrement(samples, w.f64('test'), alpha, lambda);
    const { dW2 } = laeGradient(C, w.transpose(), w, 'sum', lambda);
    const expected = dW2.mul(-alpha / 2).data;
    const scale = maxAbsDiff(expected, new Float64Array(m));
    expect(maxAbsDiff(summed, expected) / scale).toBeLessThan(1e-12);
  });

  it('full batch converges to the top principal direction (closed form u1)', () => {
    const { samples, u1 } = symmetricCloud([3, 2, 1.5, 1, 0.5, 0.3], 1, 'oja-full');
    const C = covariance(samples, { layout: 'rows', center: false });
    const w0 = new Rng('w0').fillNormal(new Float64Array(6));
    const w = ojaFullBatch(C, w0, 0.5 / (2 * 9), 400);
    expect(sinAngle(w, u1)).toBeLessThan(1e-10);
    expect(Math.hypot(...w)).toBeCloseTo(1, 10); // Oja's rule normalizes w
  });

  it('stochastic, with a decaying step over seeded sample orders, converges to u1; same seed, same path', () => {
    const { samples, u1 } = symmetricCloud([3, 2, 1.5, 1, 0.5, 0.3], 100, 'oja-sgd');
    const run = (seed: number) => ojaStochastic(samples, { alpha: 0.02, decaySamples: 500, epochs: 10, rng: new Rng(seed) });
    const a = run(1);
    expect(a.samples).toBe(10 * 1200);
    expect(sinAngle(a.w, u1)).toBeLessThan(1e-2);
    expect(Array.from(run(1).w)).toEqual(Array.from(a.w));
  });

  it('stochastic with a step far too large stops at the first non-finite entry, naming the step and the entry', () => {
    const { samples } = symmetricCloud([3, 2, 1.5, 1, 0.5, 0.3], 100, 'oja-diverge');
    let err: unknown;
    try {
      ojaStochastic(samples, { alpha: 1e6, epochs: 1, rng: new Rng(3) });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DivergenceError);
    const d = err as DivergenceError;
    expect(d.step).toBeGreaterThan(0);
    expect(d.step).toBeLessThan(1200);
    expect(d.parameter).toMatch(/^w\[\d+\]$/);
    expect(d.message).toContain(`after ${d.step} samples`);
    expect(d.message).toMatch(/lower alpha/);
  });
});
