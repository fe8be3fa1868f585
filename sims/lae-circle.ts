/** Fig. 6 (App. D): the unit circle under A = Σ*^(-1/2)UᵀW2*, B = W1*UΣ*^(-1/2) and AB; AB = I always, A and B orthogonal only for Lσ. */
import { combinePngs, scatterChart, type Point } from '../src/charts/index.js';
import { LAMBDA_PARAM, circleErrors, circleMaps, leadingColumns, productSvd, section51Data, trainFigureLae, trainingParams } from '../src/lae/figures.js';
import { LOSS_LABELS } from '../src/lae/index.js';
import { defineSimulation } from '../src/sim/index.js';
import { eye, type Tensor } from '../src/tensor/index.js';

interface Curve {
  label: string;
  color: string;
  points: Point[];
}

/** Line widths of A, B, AB and the unit circle: later curves are thinner and drawn on top, so coinciding ones (all four for Lσ) stay visible. */
const WIDTHS = [10, 6.5, 3.5, 1.5];
const CIRCLE = Array.from({ length: 181 }, (_, i) => (2 * Math.PI * i) / 180);

/** The image of the unit circle under a 2 × 2 matrix. */
function image(M: Tensor): Point[] {
  return CIRCLE.map((t) => ({ x: M.get(0, 0) * Math.cos(t) + M.get(0, 1) * Math.sin(t), y: M.get(1, 0) * Math.cos(t) + M.get(1, 1) * Math.sin(t) }));
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
    'orthogonalityError.A = ‖AᵀA − I‖_F, orthogonalityError.B = ‖BᵀB − I‖_F, inverseError = ‖AB − I‖_F.',
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
      const subtitle = `‖AᵀA − I‖ = ${errors.orthogonalityError.A.toExponential(1)}, ‖BᵀB − I‖ = ${errors.orthogonalityError.B.toExponential(1)}, ‖AB − I‖ = ${errors.inverseError.toExponential(1)}`;
      const png = await scatterChart({
        title: `Fig. 6, ${LOSS_LABELS[loss]}`,
        subtitle,
        xLabel: 'coordinate 1',
        yLabel: 'coordinate 2',
        series: [],
        lines: curves.map((c, i) => ({ ...c, lineWidth: WIDTHS[i], dashed: i === curves.length - 1 })),
        xRange: [-r, r],
        yRange: [-r, r],
        equalAspect: true,
        width: 560,
        height: 620,
      });
      ctx.writePng(`circle-${loss}.png`, png);
      panels.push(png);
    }
    ctx.writePng('circle.png', await combinePngs(panels));
    return Object.fromEntries(results.map((res) => [res.loss, res.errors]));
  },
});
