/**
 * oja — Oja's rule converging to the top principal direction (App. A), against the tied LAE: the
 * sine of the angle to u1 and the norm of w per sample processed, for stochastic Oja, stochastic
 * regularized Oja (per-sample tied LAE with weight decay λ/n), full-batch Oja, and the tied LAE by
 * gradient descent (GD-tied, "regularized Oja") and by exact steps (exact-tied), k = 1.
 */
import { combinePngs, lineChart, type LineSeries } from '../src/charts/index.js';
import { loadMnist } from '../src/data/index.js';
import { ojaFullBatch, ojaStochastic, pcaFromCovariance, covariance, type PcaResult } from '../src/pca/index.js';
import type { Rng } from '../src/random/rng.js';
import { defineSimulation, type JsonValue } from '../src/sim/index.js';
import { fromData, matmul, randn, type Tensor } from '../src/tensor/index.js';
import { qr } from '../src/linalg/index.js';

interface Curve {
  label: string;
  samples: number[];
  sine: number[];
  norm: number[];
  color: string;
  dashed?: boolean;
}

/** Centred data points as rows: MNIST (10,000 × 784) or Gaussian points with a clear spectrum (n × 50). */
function dataRows(name: string, n: number, rng: Rng): Tensor {
  if (name === 'mnist') {
    const { images } = loadMnist();
    return images.sub(images.mean(0, true));
  }
  const m = 50;
  const sd = fromData(Float64Array.from({ length: m }, (_, i) => 3 * Math.pow(0.8, i)), [1, m]);
  const G = randn([n, m], rng).mul(sd); // independent coordinates with standard deviations sd
  const Q = qr(randn([m, m], rng)).Q; // a random rotation
  const X = matmul(G, Q, { transposeB: true });
  return X.sub(X.mean(0, true));
}

const sinTo = (w: Float64Array, u: Float64Array): number => {
  let ww = 0;
  let wu = 0;
  for (let i = 0; i < w.length; i++) {
    ww += w[i]! * w[i]!;
    wu += w[i]! * u[i]!;
  }
  // ‖w − (wᵀu)u‖ / ‖w‖: stable for small angles
  let r2 = 0;
  for (let i = 0; i < w.length; i++) r2 += (w[i]! - wu * u[i]!) ** 2;
  return Math.sqrt(r2 / ww);
};
const norm = (w: Float64Array): number => Math.sqrt(w.reduce((s, v) => s + v * v, 0));

export const oja = defineSimulation({
  name: 'oja',
  title: "Oja's rule vs the tied LAE: convergence to the top principal direction",
  description:
    "Runs Oja's rule (App. A) for the top principal direction (k = 1): stochastic (Δw = α(x y − w y²), y = xᵀw, a seeded sample order per epoch, " +
    'step α/(1 + t/τ)), stochastic with the tied LAE\'s weight decay λ/n per sample (regularized Oja), full batch (Δw = α(I − wwᵀ)Cw), and the tied ' +
    'LAE on the sum loss by gradient descent (GD-tied) and by exact steps (exact-tied). Plots the sine of the angle between w and the exact top ' +
    'direction u1, and ‖w‖, against samples processed (a full-batch step counts n samples). Oja normalizes w to 1; the tied LAE converges to ' +
    '√(1 − λ/σ1²) u1.',
  params: {
    dataset: { kind: 'choice', choices: ['mnist', 'synthetic'], default: 'mnist', help: 'MNIST (784 × 10,000, centred) or Gaussian points with σ_i = 3·0.8^(i−1) in 50 dimensions' },
    n: { kind: 'integer', min: 100, max: 100_000, default: 5000, help: 'synthetic: number of points' },
    epochs: { kind: 'integer', min: 1, max: 1000, default: 10, full: 50, help: 'passes over the data for the stochastic rules' },
    alpha: { kind: 'number', min: 0, max: 10, exclusiveMin: true, default: 0.002, help: 'stochastic step α (times 1/‖x‖²-scale of the data: 0.002 suits MNIST)' },
    decayEpochs: { kind: 'number', min: 0, max: 1000, exclusiveMin: true, default: 0.03, help: 'step decay: α_t = α/(1 + t/τ), τ = this many epochs of samples (α·τ ≈ 0.6 gives the 1/t rate on MNIST)' },
    lambdaFraction: { kind: 'number', min: 0, max: 1, exclusiveMin: true, default: 0.5, help: 'tied LAE λ as a fraction of σ1² (must be < 1)' },
    fullBatchSteps: { kind: 'integer', min: 1, max: 100_000, default: 300, full: 2000, help: 'iterations of full-batch Oja and GD-tied' },
  },
  check: (p) => (p.lambdaFraction >= 1 ? `--lambdaFraction must be below 1 (λ < σ1²), got ${p.lambdaFraction}` : undefined),
  run: async (ctx) => {
    const p = ctx.params;
    const X = dataRows(p.dataset, p.n, ctx.rng.fork('data'));
    const n = X.rows;
    const C = covariance(X, { layout: 'rows', center: false });
    const exact = pcaFromCovariance(C, { k: 1, method: 'eigen', dropZeroVariance: false });
    const u1 = exact.components.f64('oja').slice();
    const sigma1 = exact.eigenvalues[0]!;
    const lambda = p.lambdaFraction * sigma1;
    const eta = 0.5 / sigma1;
    const w0 = ctx.rng.fork('w0').fillNormal(new Float64Array(X.cols));
    const w0n = norm(w0);
    for (let i = 0; i < w0.length; i++) w0[i] = w0[i]! / w0n;
    const curves: Curve[] = [];

    const stochastic = (label: string, lam: number, color: string): void => {
      const c: Curve = { label, samples: [], sine: [], norm: [], color };
      const bar = ctx.progress(label, p.epochs);
      ojaStochastic(X, {
        alpha: p.alpha,
        decaySamples: p.decayEpochs * n,
        epochs: p.epochs,
        lambda: lam,
        rng: ctx.rng.fork(label),
        w0,
        recordEvery: Math.max(1, Math.floor(n / 50)),
        onRecord: (s, w) => {
          c.samples.push(s);
          c.sine.push(sinTo(w, u1));
          c.norm.push(norm(w));
          if (s > 0 && s % n === 0) bar.tick();
        },
      });
      bar.done();
      curves.push(c);
    };
    stochastic("stochastic Oja", 0, '#0072B2');
    stochastic(`stochastic regularized Oja (λ = ${lambda.toExponential(2)})`, lambda, '#56B4E9');

    const full: Curve = { label: 'full-batch Oja', samples: [], sine: [], norm: [], color: '#D55E00', dashed: true };
    ojaFullBatch(C, w0, eta, p.fullBatchSteps, (t, w) => {
      full.samples.push(t * n);
      full.sine.push(sinTo(w, u1));
      full.norm.push(norm(w));
    });
    curves.push(full);

    const lae = (method: 'gd-tied' | 'exact-tied', label: string, color: string): PcaResult => {
      // the pca API's LAE runs start from its own seeded normal init; record the angle from its history
      const r = pcaFromCovariance(C, {
        k: 1, method, lambda, learningRate: eta, tolerance: 1e-14, maxIterations: p.fullBatchSteps, rng: ctx.rng.fork(method),
        reference: { components: exact.components, eigenvalues: exact.eigenvalues }, dropZeroVariance: false,
      });
      const h = r.history;
      curves.push({ label, samples: h.iteration.map((t) => t * n), sine: h.subspaceError, norm: h.iteration.map(() => NaN), color, dashed: true });
      return r;
    };
    const gd = lae('gd-tied', `tied LAE, GD-tied (λ = ${lambda.toExponential(2)}, η = ${eta.toExponential(2)})`, '#009E73');
    const ex = lae('exact-tied', 'tied LAE, exact-tied', '#CC79A7');

    const sineSeries: LineSeries[] = curves.map((c) => {
      const idx = c.samples.map((_, i) => i).filter((i) => c.samples[i]! > 0);
      return { label: c.label, x: idx.map((i) => c.samples[i]!), y: idx.map((i) => Math.max(c.sine[i]!, 1e-16)), color: c.color, dashed: c.dashed };
    });
    const normSeries: LineSeries[] = curves
      .filter((c) => c.norm.some((v) => Number.isFinite(v)))
      .map((c) => {
        const idx = c.samples.map((_, i) => i).filter((i) => c.samples[i]! > 0);
        return { label: c.label, x: idx.map((i) => c.samples[i]!), y: idx.map((i) => c.norm[i]!), color: c.color, dashed: c.dashed };
      });
    const xMax = Math.max(...curves.map((c) => c.samples[c.samples.length - 1]!));
    const target = Math.sqrt(1 - lambda / sigma1);
    normSeries.push({ label: '1 (Oja)', x: [n / 50, xMax], y: [1, 1], color: '#999999', dashed: true });
    normSeries.push({ label: `√(1 − λ/σ1²) = ${target.toFixed(3)} (tied LAE)`, x: [n / 50, xMax], y: [target, target], color: '#000000', dashed: true });
    const title = p.dataset === 'mnist' ? 'MNIST (784 × 10,000)' : `Gaussian, 50 × ${n}`;
    const png = await combinePngs(
      [
        await lineChart({ title: `${title}: angle to the top principal direction`, xLabel: 'samples processed (log)', yLabel: 'sin ∠(w, u1)', series: sineSeries, xLog: true, yLog: true, width: 1000, height: 560 }),
        await lineChart({ title: `${title}: ‖w‖`, xLabel: 'samples processed (log)', yLabel: '‖w‖', series: normSeries, xLog: true, width: 1000, height: 420 }),
      ],
      { columns: 1, gap: 8 },
    );
    ctx.writePng('oja-convergence.png', png);
    ctx.writeJson('curves.json', curves.map((c) => ({ label: c.label, samples: c.samples, sine: c.sine, norm: c.norm.map((v) => (Number.isFinite(v) ? v : null)) })) as unknown as JsonValue);
    const final = Object.fromEntries(curves.map((c) => [c.label, { samples: c.samples[c.samples.length - 1]!, sine: c.sine[c.sine.length - 1]!, ...(Number.isFinite(c.norm[c.norm.length - 1]!) ? { norm: c.norm[c.norm.length - 1]! } : {}) }]));
    for (const c of curves) ctx.log(`${c.label.padEnd(60)} sin ∠(w, u1) = ${c.sine[c.sine.length - 1]!.toExponential(2)} after ${c.samples[c.samples.length - 1]} samples`);
    return {
      dataset: p.dataset,
      sigma1Squared: sigma1,
      lambda,
      learningRateFullBatch: eta,
      final: final as JsonValue,
      tiedLaeEigenvalue: { gdTied: gd.eigenvalues[0]!, exactTied: ex.eigenvalues[0]!, exact: sigma1 },
      tiedLaeNorm: { gdTied: gd.decoderSingularValues![0]!, exactTied: ex.decoderSingularValues![0]! },
      tiedLaeNormTheory: target,
    };
  },
});
