/** Fig. 5 (§5.1): the spectrum τᵢ² of the trained W* = W2W1 against σᵢ², with the curves of Theorem 4.2. */
import { colorAt, combinePngs, scatterChart, type Point } from '../src/charts/index.js';
import { isDegenerate, latentParam, productEigenvalues, productSvd, section51Data, shrinkageTheory, trainFigureLae, trainingParams } from '../src/lae/figures.js';
import { LOSS_LABELS, type LossKind } from '../src/lae/index.js';
import { defineSimulation } from '../src/sim/index.js';

const THEORY_TEXT: Record<LossKind, string> = { unregularized: 'τ² = 1', product: 'τ² = σ²/(σ² + λ)', sum: 'τ² = max(0, 1 − λ/σ²)' };
const DEGENERATE_COLOR = '#D55E00';
const SIGMA2_MAX = 400;

type ShrinkagePoint = {
  loss: LossKind;
  /** null for L, which does not depend on λ. */
  lambda: number | null;
  sigma2: number;
  /** The i-th largest eigenvalue of W* = W2W1 (real part; see maxImaginary). */
  tau2: number;
  /** The i-th largest singular value of W*, for comparison (equal to tau2 at a critical point). */
  singularValue: number;
  theory: number;
  degenerate: boolean;
};

/** A colour per λ along viridis (its pale yellow end left out). */
function lambdaColor(index: number, count: number): string {
  const rgb = colorAt('sequential', count === 1 ? 0 : (0.85 * index) / (count - 1));
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** The theory curve over σ² ∈ [0, 400], with its kink at σ² = λ sampled exactly. */
function theoryCurve(loss: LossKind, lambda: number): Point[] {
  const xs = Array.from({ length: 201 }, (_, i) => (SIGMA2_MAX * i) / 200);
  if (lambda < SIGMA2_MAX) xs.push(lambda);
  return xs.sort((a, b) => a - b).map((x) => ({ x, y: shrinkageTheory(loss, x, lambda) }));
}

export const laeShrinkage = defineSimulation({
  name: 'lae-shrinkage',
  title: 'Fig. 5: spectrum τᵢ² of W* = W2W1 against the eigenvalues σᵢ² of XXᵀ, with the theory curves',
  description:
    'Paper §5.1, Fig. 5, same data and training as lae-transpose (k = 10, Adam lr 0.05 with time decay lr/(1 + decay·t), ' +
    '--decay 0 is plain Adam). For every λ in --lambdas the product and sum losses are trained (L does not depend on λ and ' +
    'is trained once), and (σᵢ², τᵢ²) is plotted for the top k directions, τᵢ² being the i-th largest eigenvalue of W* (§5.1), ' +
    'computed as the real part of an eigenvalue of the k × k product W1W2 (same non-zero eigenvalues as the m × m W2W1; the ' +
    'largest |imaginary part| per loss is reported as maxImaginary: 0 for Lπ and Lσ; for L, whose k eigenvalues all equal 1 ' +
    'at the minimum, the residual W1W2 − I (~1e-4 after --full) splits them into conjugate pairs with |Im| ~1e-5, the size of ' +
    'the error itself). Theorem 4.2: L: τ² = 1; Lπ: τ² = σ²/(σ² + λ); Lσ: ' +
    'τ² = max(0, 1 − λ/σ²). Degenerate points: when λ = σᵢ² (here λ = i² for odd i, e.g. 361 = 19²), Lσ along direction i is ' +
    'σ² + 2(λ − σ²)τ² + σ²τ⁴, whose quadratic term vanishes: the Hessian is flat there and τᵢ² → 0 only sublinearly (up to ' +
    '1e-3 left after 4000 steps). Such points (|λ − σᵢ²| ≤ 1% of σᵢ²) are drawn in their own colour, excluded from maxAbsError ' +
    'and reported as degeneratePoints. L and Lπ have no such point. With --full (decay 0.1) every other point is within 3e-5 ' +
    '(L 2.7e-5, Lπ 4.6e-6, Lσ 1.2e-5 at seed 0); --decay 0.01 brings them within 4e-8. The singular values of W* (kept per ' +
    'point as singularValue) are not the paper\'s τ²: after training, L\'s encoder still reads the low-variance directions ' +
    '(W1 = G U_Iᵀ + E with E U_I ≈ 0, curvature ∝ σj² ≤ 100 under a decayed step), which leaves the eigenvalues of W1W2 at 1 but puts the ' +
    'top singular value of W* about 5e-3 above 1.',
  params: {
    ...trainingParams({ steps: 1500, initStd: 0.05 }),
    k: latentParam(10),
    lambdas: {
      kind: 'numberList', min: 0, max: 10_000, maxLength: 20, default: [441, 225, 49, 1], full: [441, 361, 289, 225, 169, 121, 81, 49, 25, 9, 1],
      help: 'regularization strengths λ (companion code: 441, 361, …, 1 = (21 − 2j)²)',
    },
  },
  run: async (ctx) => {
    const p = ctx.params;
    const data = section51Data(ctx.rng);
    const sigma2 = Array.from(data.singularValues.subarray(0, p.k), (s) => s * s);
    const runs = p.losses.flatMap((loss): { loss: LossKind; lambda: number }[] => (loss === 'unregularized' ? [{ loss, lambda: 0 }] : p.lambdas.map((lambda) => ({ loss, lambda }))));
    const bar = ctx.progress('training', p.steps * runs.length);
    const points: ShrinkagePoint[] = [];
    const imaginary: { loss: LossKind; lambda: number | null; maxImaginary: number }[] = [];
    for (const { loss, lambda } of runs) {
      const { W1, W2 } = trainFigureLae(data.X, loss, { ...p, lambda }, ctx.rng.fork(`${loss}/${lambda}`), () => bar.tick());
      const { tau2, maxImaginary } = productEigenvalues(W1, W2);
      const { S } = productSvd(W1, W2);
      const shown = loss === 'unregularized' ? null : lambda;
      imaginary.push({ loss, lambda: shown, maxImaginary });
      tau2.forEach((t2, i) => {
        const s2 = sigma2[i]!;
        points.push({ loss, lambda: shown, sigma2: s2, tau2: t2, singularValue: S[i]!, theory: shrinkageTheory(loss, s2, lambda), degenerate: isDegenerate(loss, s2, lambda) });
      });
    }
    bar.done();

    const error = (q: ShrinkagePoint) => Math.abs(q.tau2 - q.theory);
    const maxAbsError = Object.fromEntries(p.losses.map((loss) => [loss, Math.max(0, ...points.filter((q) => q.loss === loss && !q.degenerate).map(error))]));
    // Diagnostic: the eigenvalues of W1W2 should be real (W* is symmetric PSD at every critical point).
    const maxImaginary = Object.fromEntries(p.losses.map((loss) => [loss, Math.max(0, ...imaginary.filter((q) => q.loss === loss).map((q) => q.maxImaginary))]));
    const degeneratePoints = points.filter((q) => q.degenerate).map((q) => ({ loss: q.loss, lambda: q.lambda, sigma2: q.sigma2, tau2: q.tau2, error: error(q) }));
    if (degeneratePoints.length > 0) {
      const worst = Math.max(...degeneratePoints.map((q) => q.error));
      ctx.log(`note: ${degeneratePoints.length} sum-loss point(s) with λ = σᵢ², where the Hessian is flat and τᵢ² → 0 only sublinearly (largest error ${worst.toExponential(1)}): excluded from maxAbsError, listed in degeneratePoints`);
    }

    const panels: Buffer[] = [];
    for (const loss of p.losses) {
      const mine = points.filter((q) => q.loss === loss);
      const lambdas = loss === 'unregularized' ? [0] : p.lambdas;
      const colors = lambdas.map((_, j) => lambdaColor(j, lambdas.length));
      const lines = lambdas.map((lambda, j) => ({ lambda, points: theoryCurve(loss, lambda), color: colors[j]! }));
      const series = lambdas.map((lambda, j) => ({
        label: loss === 'unregularized' ? 'trained (λ does not enter L)' : `λ = ${lambda}`,
        points: mine.filter((q) => (q.lambda ?? 0) === lambda && !q.degenerate).map((q) => ({ x: q.sigma2, y: q.tau2 })),
        color: colors[j]!,
        pointRadius: 4,
      }));
      const degenerate = mine.filter((q) => q.degenerate).map((q) => ({ x: q.sigma2, y: q.tau2 }));
      if (degenerate.length > 0) series.push({ label: 'λ = σᵢ² (degenerate)', points: degenerate, color: DEGENERATE_COLOR, pointRadius: 7 });
      ctx.writeJson(`shrinkage-${loss}.json`, { points: mine, maxImaginary: imaginary.filter((q) => q.loss === loss), theory: lines.map((l) => ({ lambda: loss === 'unregularized' ? null : l.lambda, sigma2: l.points.map((q) => q.x), tau2: l.points.map((q) => q.y) })) });
      const png = await scatterChart({
        title: `Fig. 5, ${LOSS_LABELS[loss]}: lines ${THEORY_TEXT[loss]}; max error ${maxAbsError[loss]!.toExponential(1)}`,
        xLabel: 'σᵢ² (eigenvalue of XXᵀ)',
        yLabel: 'τᵢ² (eigenvalue of W* = W2W1)',
        series: series.filter((s) => s.points.length > 0),
        lines: lines.map((l) => ({ label: '', points: l.points, color: l.color })),
        xRange: [0, 1.05 * SIGMA2_MAX], // σ² ≥ 0: no negative padding; room for the markers at 400
        width: 760,
        height: 600,
      });
      ctx.writePng(`shrinkage-${loss}.png`, png);
      panels.push(png);
    }
    ctx.writePng('shrinkage.png', await combinePngs(panels));
    return { maxAbsError, maxImaginary, degeneratePoints, points };
  },
});
