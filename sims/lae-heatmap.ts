/** Fig. 4 (§5.1): heat map of [U V*]ᵀ[U U*]; Lπ and Lσ recover the principal directions U as U* and V*, L does not. */
import { combinePngs, heatmapChart } from '../src/charts/index.js';
import {
  LAMBDA_PARAM, alignmentMatrix, directionError, latentParam, leadingColumns, productSvd, section51Data, signedIdentityDeviation,
  trainFigureLae, trainingParams,
} from '../src/lae/figures.js';
import { LOSS_LABELS } from '../src/lae/index.js';
import { defineSimulation } from '../src/sim/index.js';
import { matmul } from '../src/tensor/index.js';

export const laeHeatmap = defineSimulation({
  name: 'lae-heatmap',
  title: 'Fig. 4: heat map of [U V*]ᵀ[U U*], principal directions U of X against the singular vectors of W* = W2W1',
  description:
    'Paper §5.1, Fig. 4, same data and training as lae-transpose (k = λ = 10, Adam lr 0.05 with time decay lr/(1 + decay·t), ' +
    '--decay 0 is plain Adam). For each loss, W* = W2W1 = U*Σ*V*ᵀ after training and the 2k × 2k matrix ' +
    '[U V*]ᵀ[U U*] is drawn from the top-k columns of U, U*, V* on a diverging scale in [−1, 1]. The lower-right block V*ᵀU* ' +
    'is a signed identity for every loss; the off-diagonal blocks UᵀU* and V*ᵀU are signed identities for Lπ and Lσ only ' +
    '(Theorem 4.2: their W* = U diag(τ²) Uᵀ with distinct τ², while L only fixes the subspace). Metrics per loss: ' +
    'directionError = max_i 1 − |⟨u_i, u*_i⟩| and lowerRightDeviation = max |(|V*ᵀU*| − I)_ij|.',
  params: { ...trainingParams({ steps: 1500, initStd: 0.05 }), k: latentParam(10), lambda: LAMBDA_PARAM },
  run: async (ctx) => {
    const p = ctx.params;
    const data = section51Data(ctx.rng);
    const U = leadingColumns(data.U, p.k);
    const bar = ctx.progress('training', p.steps * p.losses.length);
    const metrics: Record<string, { directionError: number; lowerRightDeviation: number }> = {};
    const panels: Buffer[] = [];
    for (const loss of p.losses) {
      const { W1, W2 } = trainFigureLae(data.X, loss, p, ctx.rng.fork(loss), () => bar.tick());
      const w = productSvd(W1, W2);
      const M = alignmentMatrix(U, w);
      metrics[loss] = { directionError: directionError(U, w.U), lowerRightDeviation: signedIdentityDeviation(matmul(w.V, w.U, { transposeA: true })) };
      const n = 2 * p.k;
      ctx.writeJson(`alignment-${loss}.json`, { rows: n, cols: n, values: Array.from(M.data), ...metrics[loss] });
      const edge = p.k + 0.5; // block boundaries between the k columns of U and those of U* (rows: U, V*)
      const png = await heatmapChart({
        title: `${LOSS_LABELS[loss]}: [U V*]ᵀ[U U*], top k = ${p.k} columns of each`,
        xLabel: `column: U (1–${p.k}) | U* (${p.k + 1}–${n})`,
        yLabel: `row: U (1–${p.k}) | V* (${p.k + 1}–${n})`,
        values: M.f64('lae-heatmap'),
        rows: n,
        cols: n,
        xRange: [1, n],
        yRange: [1, n],
        colorScale: 'diverging',
        valueRange: [-1 - 1e-9, 1 + 1e-9], // entries of products of orthonormal columns exceed ±1 only by rounding
        matrixOrientation: true,
        overlayLines: [
          { label: 'block boundaries', color: '#444444', dashed: true, points: [{ x: edge, y: 0.5 }, { x: edge, y: n + 0.5 }] },
          { label: '', color: '#444444', dashed: true, points: [{ x: 0.5, y: edge }, { x: n + 0.5, y: edge }] },
        ],
      });
      ctx.writePng(`alignment-${loss}.png`, png);
      panels.push(png);
    }
    bar.done();
    ctx.writePng('alignment.png', await combinePngs(panels));
    return metrics;
  },
});
