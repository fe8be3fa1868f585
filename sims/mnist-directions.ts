/**
 * mnist-directions — Fig. 7 (App. D.1): the left singular vectors of the decoder of an LAE trained
 * on MNIST (k = 9) with each loss, as 28 × 28 images beside the top-9 principal directions. Only
 * the sum loss Lσ recovers the directions themselves (eigen-digits, up to sign); the unregularized
 * and product losses recover the subspace but not the directions.
 */
import { combinePngs, imageGrid } from '../src/charts/index.js';
import { loadMnist, MNIST_SIDE } from '../src/data/index.js';
import { LOSS_KINDS, LOSS_LABELS, trainLae, type LossKind } from '../src/lae/index.js';
import { svd } from '../src/linalg/index.js';
import { componentErrors, covariance, maxOf, pcaFromCovariance, principalAngles, trainLaeCovariance } from '../src/pca/index.js';
import { defineSimulation, type JsonValue } from '../src/sim/index.js';
import { fromData, type Tensor } from '../src/tensor/index.js';
import { MNIST_LAE_PARAMS } from './mnist-lae-params.js';

const K = 9;

/** Column j of an m × c matrix. */
function column(A: Tensor, j: number): Float64Array {
  return Float64Array.from({ length: A.rows }, (_, i) => A.data[i * A.cols + j]!);
}

/** First k columns, each flipped to agree in sign with the matching reference column (for display). */
function alignedColumns(U: Tensor, ref: Tensor, k: number): Float64Array[] {
  return Array.from({ length: k }, (_, j) => {
    const u = column(U, j);
    const r = column(ref, j);
    const dot = u.reduce((s, v, i) => s + v * r[i]!, 0);
    return dot < 0 ? u.map((v) => -v) : u;
  });
}

export const mnistDirections = defineSimulation({
  name: 'mnist-directions',
  title: 'Fig. 7: decoder left singular vectors of LAEs on MNIST vs the principal directions',
  description:
    'Trains an LAE with k = 9 on the 10,000 MNIST digits of the mnist package for each loss (unregularized, product, sum), takes the left singular ' +
    'vectors of the decoder and shows them as 28 × 28 images beside the top-9 principal directions (signed, blue–white–red; each decoder vector is ' +
    'flipped to agree in sign with the matching principal direction). λ is in the full-data convention: the default 3125 is the paper\'s λ = 10 in the ' +
    'companion code\'s per-batch convention (10 × n / batch = 10 × 10,000 / 32). Quick mode: full-batch Adam on the covariance form of the loss on ' +
    'centred data (bias ⇔ centring, App. A). --full: the paper\'s setting, minibatch Adam (batch 32, 100 epochs, lr 0.05, decay 1e-3) on the raw ' +
    'pixels with biases. summary.json lists per loss the principal-angle sines against PCA (subspace) and the per-component errors (directions).',
  params: {
    losses: { kind: 'choiceList', choices: LOSS_KINDS, default: [...LOSS_KINDS], help: 'losses to train' },
    ...MNIST_LAE_PARAMS,
  },
  run: async (ctx) => {
    const p = ctx.params;
    const { images } = loadMnist();
    const C = covariance(images, { layout: 'rows' });
    const pcaResult = pcaFromCovariance(C, { k: K, method: 'eigen' });
    const P = pcaResult.components;
    const side = MNIST_SIDE;
    const panels: Buffer[] = [
      await imageGrid({
        title: 'PCA: top-9 principal directions',
        images: Array.from({ length: K }, (_, j) => column(P, j)),
        width: side,
        height: side,
        columns: 3,
        labels: Array.from({ length: K }, (_, j) => `u${j + 1}  σ² = ${pcaResult.eigenvalues[j]!.toExponential(2)}`),
        scale: 'symmetric-each',
      }),
    ];
    const perLoss: Record<string, JsonValue> = {};
    const vectors: Record<string, number[][]> = { pca: Array.from({ length: K }, (_, j) => Array.from(column(P, j))) };
    const Xcols = p.mode === 'minibatch' ? images.transpose() : null; // 784 × 10,000 raw pixels, points as columns
    for (const loss of p.losses as LossKind[]) {
      const t0 = performance.now();
      let W2: Tensor;
      let finalLoss: number;
      if (p.mode === 'covariance') {
        const bar = ctx.progress(`${loss}: Adam steps`, p.steps);
        const r = trainLaeCovariance(C, { k: K, loss, lambda: p.lambda, steps: p.steps, lr: p.lr, decay: p.decay, initStd: p.initStd, rng: ctx.rng.fork(loss), onStep: () => bar.tick() });
        bar.done();
        W2 = r.W2;
        finalLoss = r.loss[r.loss.length - 1]!;
      } else {
        const stepsPerEpoch = Math.floor(images.rows / p.batchSize);
        const steps = p.epochs * stepsPerEpoch;
        const bar = ctx.progress(`${loss}: minibatch steps`, steps);
        const r = trainLae(Xcols!, {
          k: K, loss, lambda: p.lambda, steps, optimizer: 'adam', lr: p.lr, decay: p.decay, batchSize: p.batchSize, initStd: p.initStd, bias: true, rng: ctx.rng.fork(loss),
          onStep: () => bar.tick(),
        });
        bar.done();
        W2 = r.model.W2.detach();
        finalLoss = r.history.loss[r.history.loss.length - 1]!;
      }
      const seconds = (performance.now() - t0) / 1000;
      const { U, S } = svd(W2);
      const Uk = fromData(Float64Array.from({ length: U.rows * K }, (_, i) => U.data[Math.floor(i / K) * U.cols + (i % K)]!), [U.rows, K]);
      const pa = principalAngles(Uk, P);
      const errs = componentErrors(Uk, P);
      const aligned = alignedColumns(Uk, P, K);
      vectors[loss] = aligned.map((v) => Array.from(v));
      perLoss[loss] = {
        principalAngleSines: Array.from(pa.sines),
        maxPrincipalAngleSine: pa.sines[K - 1]!,
        componentErrors: Array.from(errs),
        maxComponentError: maxOf(errs),
        decoderSingularValues: Array.from(S.slice(0, K)),
        finalLoss,
        seconds,
      };
      ctx.log(`${LOSS_LABELS[loss].padEnd(16)} subspace: max sin θ = ${pa.sines[K - 1]!.toExponential(1)}   directions: max min‖u ∓ û‖ = ${maxOf(errs).toExponential(1)}   (${seconds.toFixed(1)} s)`);
      panels.push(
        await imageGrid({
          title: `${LOSS_LABELS[loss]}: decoder left singular vectors`,
          images: aligned,
          width: side,
          height: side,
          columns: 3,
          labels: Array.from({ length: K }, (_, j) => `v${j + 1}  ‖v ∓ u‖ ${errs[j]! < 0.01 ? errs[j]!.toExponential(0) : errs[j]!.toFixed(2)}`),
          scale: 'symmetric-each',
        }),
      );
    }
    ctx.writePng('fig7-directions.png', await combinePngs(panels, { columns: panels.length <= 2 ? panels.length : 2, gap: 16 }));
    ctx.writeJson('directions.json', vectors as unknown as JsonValue);
    return {
      mode: p.mode,
      lambda: p.lambda,
      lambdaConvention: 'full data: ‖X − W2W1X‖²_F + λ(…) over all 10,000 points; companion per-batch λ = 10 ≈ 3125 here',
      pcaEigenvalues: Array.from(pcaResult.eigenvalues),
      losses: perLoss,
    };
  },
});
