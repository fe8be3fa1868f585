/** Fig. 6 (App. D): the unit circle under A = Σ*^(-1/2)UᵀW2*, B = W1*UΣ*^(-1/2) and AB; AB = I always, A and B orthogonal only for Lσ. */
import type { ChartConfiguration, Plugin } from 'chart.js';
import { combinePngs, renderChart, type Point } from '../src/charts/index.js';
import { LAMBDA_PARAM, circleErrors, circleMaps, leadingColumns, productSvd, section51Data, trainFigureLae, trainingParams } from '../src/lae/figures.js';
import { LOSS_LABELS } from '../src/lae/index.js';
import { defineSimulation } from '../src/sim/index.js';
import { eye, type Tensor } from '../src/tensor/index.js';

interface Curve {
  label: string;
  color: string;
  points: Point[];
}

const SIZE = { width: 560, height: 620 };
/** Line widths of A, B, AB and the unit circle. */
const WIDTHS = [10, 6.5, 3.5, 1.5];
const CIRCLE = Array.from({ length: 181 }, (_, i) => (2 * Math.PI * i) / 180);

/** The image of the unit circle under a 2 × 2 matrix. */
function image(M: Tensor): Point[] {
  return CIRCLE.map((t) => ({ x: M.get(0, 0) * Math.cos(t) + M.get(0, 1) * Math.sin(t), y: M.get(1, 0) * Math.cos(t) + M.get(1, 1) * Math.sin(t) }));
}

function config(title: string, subtitle: string, curves: readonly Curve[], xMax: number, yMax: number, plugins: Plugin<'scatter'>[]): ChartConfiguration<'scatter', Point[]> {
  // Fixed axis sizes keep the plot area independent of the tick labels, so one measurement fixes the aspect.
  const axis = (text: string, max: number, fit: (scale: { width: number; height: number }) => void) => ({
    type: 'linear' as const, min: -max, max, afterFit: fit,
    title: { display: true, text, font: { size: 13 } }, grid: { color: '#e6e6e6' }, ticks: { includeBounds: false },
  });
  return {
    type: 'scatter',
    data: {
      // Later curves are drawn thinner and on top, so curves that coincide (all four for Lσ) stay visible. A tension
      // above 0 keeps Chart.js off its fast path, which merges points sharing a pixel column and notches closed curves.
      datasets: curves.map((c, i) => ({
        label: c.label, data: c.points, showLine: true, pointRadius: 0, borderColor: c.color, backgroundColor: c.color, tension: 1e-9,
        borderWidth: WIDTHS[i], borderCapStyle: 'round' as const, borderDash: i === curves.length - 1 ? [6, 4] : [], order: curves.length - i,
      })),
    },
    options: {
      parsing: false,
      scales: { x: axis('coordinate 1', xMax, (s) => (s.height = 44)), y: axis('coordinate 2', yMax, (s) => (s.width = 56)) },
      plugins: {
        title: { display: true, text: title, font: { size: 15, weight: 'bold' } },
        subtitle: { display: true, text: subtitle, font: { size: 12 } },
        // Explicit items: in curve order, as filled boxes (Chart.js would stroke them with the curves' thick widths).
        legend: {
          labels: {
            boxHeight: 8,
            generateLabels: () => curves.map((c, i) => ({ text: c.label, fillStyle: c.color, strokeStyle: c.color, lineWidth: 0, hidden: false, datasetIndex: i })),
          },
        },
      },
    },
    plugins,
  };
}

/** A line chart with equal scales on both axes (circles stay circles), covering at least [−r, r]². */
async function equalAspectChart(title: string, subtitle: string, curves: readonly Curve[], r: number): Promise<Buffer> {
  let area = { width: 1, height: 1 };
  const measure: Plugin<'scatter'> = { id: 'laelabMeasure', afterLayout: (chart) => void (area = chart.chartArea) };
  await renderChart(config(title, subtitle, curves, r, r, [measure]), SIZE);
  const ratio = area.width / area.height;
  return renderChart(config(title, subtitle, curves, r * Math.max(1, ratio), r * Math.max(1, 1 / ratio), []), SIZE);
}

export const laeCircle = defineSimulation({
  name: 'lae-circle',
  title: 'Fig. 6: the unit circle under A, B and AB (App. D, k = 2): AB = I for every loss, A and B orthogonal only for Lσ',
  description:
    'Paper App. D, Fig. 6: the §5.1 data (X 20×20, σi = i) and training (λ = 10, Adam lr 0.05 with time decay ' +
    'lr/(1 + decay·t), --decay 0 is plain Adam) with k = 2 and init std 0.2. With U the top-2 principal directions of X ' +
    'and Σ* the top-2 singular values of W* = W2W1, (9): A = Σ*^(-1/2)UᵀW2*, B = W1*UΣ*^(-1/2). Theorem 4.2 gives AB = I ' +
    'for every loss, and A, B orthogonal for Lσ only (for L and Lπ they are G⁺ and G for an arbitrary invertible G). ' +
    'Draws the unit circle and its images under A, B, AB with equal axis scales. Metrics per loss: ' +
    'orthogonalityErrorA = ‖AᵀA − I‖_F, orthogonalityErrorB = ‖BᵀB − I‖_F, inverseError = ‖AB − I‖_F.',
  params: { ...trainingParams({ steps: 1500, initStd: 0.2 }), lambda: LAMBDA_PARAM },
  // Σ*^(-1/2) needs rank W* = 2; for Lσ that is σ2² = 19² > λ (Theorem 4.2).
  check: (q) => (q.losses.includes('sum') && q.lambda >= 361 ? `the sum loss needs λ < σ2² = 361 for W* to have rank 2, got ${q.lambda}` : undefined),
  run: async (ctx) => {
    const p = ctx.params;
    const k = 2;
    const data = section51Data(ctx.rng);
    const U = leadingColumns(data.U, k);
    const bar = ctx.progress('training', p.steps * p.losses.length);
    const results = p.losses.map((loss) => {
      const { W1, W2 } = trainFigureLae(data.X, loss, { ...p, k }, ctx.rng.fork(loss), () => bar.tick());
      const maps = circleMaps(W1, W2, U, productSvd(W1, W2).S);
      const curves: Curve[] = [
        { label: 'A', color: '#0072B2', points: image(maps.A) },
        { label: 'B', color: '#E69F00', points: image(maps.B) },
        { label: 'AB', color: '#009E73', points: image(maps.AB) },
        { label: 'unit circle', color: '#000000', points: image(eye(2)) },
      ];
      return { loss, maps, curves, errors: circleErrors(maps) };
    });
    bar.done();

    const r = 1.1 * Math.max(...results.flatMap((res) => res.curves.flatMap((c) => c.points.map((q) => Math.max(Math.abs(q.x), Math.abs(q.y))))));
    const panels: Buffer[] = [];
    for (const { loss, maps, curves, errors } of results) {
      ctx.writeJson(`circle-${loss}.json`, {
        A: maps.A.toArray(), B: maps.B.toArray(), AB: maps.AB.toArray(), ...errors,
        curves: curves.map((c) => ({ label: c.label, x: c.points.map((q) => q.x), y: c.points.map((q) => q.y) })),
      });
      const subtitle = `‖AᵀA − I‖ = ${errors.orthogonalityErrorA.toExponential(1)}, ‖BᵀB − I‖ = ${errors.orthogonalityErrorB.toExponential(1)}, ‖AB − I‖ = ${errors.inverseError.toExponential(1)}`;
      const png = await equalAspectChart(`Fig. 6, ${LOSS_LABELS[loss]}`, subtitle, curves, r);
      ctx.writePng(`circle-${loss}.png`, png);
      panels.push(png);
    }
    ctx.writePng('circle.png', await combinePngs(panels));
    return Object.fromEntries(results.map((res) => [res.loss, res.errors]));
  },
});
