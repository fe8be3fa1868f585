/**
 * mnist-embedding — Fig. 8 (App. D.1): the k = 2 latent representation W1x of MNIST learned by an
 * LAE with the sum loss Lσ beside the PCA embedding U2ᵀx, coloured by digit. By Theorem 4.2
 * W1 = O (I − λΣ⁻²)^(1/2) U2ᵀ, so the LAE embedding is the PCA embedding shrunk along each
 * principal direction and rotated: Z_lae = M Z_pca with M = O·diag(√(1 − λ/σ_i²)).
 */
import { combinePngs, PALETTE, scatterChart } from '../src/charts/index.js';
import { loadMnist, splitIndices } from '../src/data/index.js';
import { trainLae } from '../src/lae/index.js';
import { solveSPD, svd } from '../src/linalg/index.js';
import { covariance, maxPrincipalAngleSine, pcaFromCovariance, trainLaeCovariance } from '../src/pca/index.js';
import { defineSimulation, type JsonValue } from '../src/sim/index.js';
import { matmul, type Tensor } from '../src/tensor/index.js';
import { MNIST_LAE_PARAMS } from './mnist-lae-params.js';

const K = 2;

export const mnistEmbedding = defineSimulation({
  name: 'mnist-embedding',
  title: 'Fig. 8: k = 2 embedding of MNIST by an Lσ-trained LAE beside PCA',
  description:
    'Trains an LAE with k = 2 and the sum loss Lσ on the 10,000 MNIST digits and plots the latent codes W1x beside the PCA embedding U2ᵀx, ' +
    'coloured by digit (a seeded subsample of points for readability). Theory (Theorem 4.2): W1 = O·diag(√(1 − λ/σ_i²))·U2ᵀ, so the LAE ' +
    'embedding is the PCA one shrunk along each principal direction and rotated; summary.json has the least-squares map M with Z_lae ≈ M·Z_pca, ' +
    'its singular values beside √(1 − λ/σ_i²), the fit residual and the decoder\'s principal-angle sine against PCA. λ is in the full-data ' +
    'convention (3125 = the companion\'s per-batch λ = 10). Quick: full-batch Adam on the covariance form (centred data); --full: minibatch Adam ' +
    '(batch 32, 100 epochs, decay 1e-3) on the raw pixels with biases.',
  params: {
    ...MNIST_LAE_PARAMS,
    points: { kind: 'integer', min: 100, max: 10_000, default: 2500, help: 'points drawn per panel (seeded subsample)' },
  },
  run: async (ctx) => {
    const p = ctx.params;
    const { images, labels } = loadMnist();
    const n = images.rows;
    const mean = images.mean(0, true);
    const Xc = images.sub(mean); // n × 784, centred rows
    const C = covariance(images, { layout: 'rows' });
    const pcaResult = pcaFromCovariance(C, { k: K, method: 'eigen' });
    const U2 = pcaResult.components; // 784 × 2
    const Zpca = matmul(U2, Xc, { transposeA: true, transposeB: true }); // 2 × n

    const t0 = performance.now();
    let W1: Tensor;
    let W2: Tensor;
    let Zlae: Tensor;
    if (p.mode === 'covariance') {
      const bar = ctx.progress('Lσ: Adam steps', p.steps);
      const r = trainLaeCovariance(C, { k: K, loss: 'sum', lambda: p.lambda, steps: p.steps, lr: p.lr, decay: p.decay, initStd: p.initStd, rng: ctx.rng.fork('train'), onStep: () => bar.tick() });
      bar.done();
      W1 = r.W1;
      W2 = r.W2;
      Zlae = matmul(W1, Xc, { transposeB: true });
    } else {
      const steps = p.epochs * Math.floor(n / p.batchSize);
      const bar = ctx.progress('Lσ: minibatch steps', steps);
      const r = trainLae(images.transpose(), {
        k: K, loss: 'sum', lambda: p.lambda, steps, optimizer: 'adam', lr: p.lr, decay: p.decay, batchSize: p.batchSize, initStd: p.initStd, bias: true, rng: ctx.rng.fork('train'),
        onStep: () => bar.tick(),
      });
      bar.done();
      W1 = r.model.W1.detach();
      W2 = r.model.W2.detach();
      Zlae = r.model.encode(images.transpose()).detach(); // W1x + b1 on the raw pixels
      Zlae = Zlae.sub(Zlae.mean(1, true)); // centre the codes (the bias only shifts them)
    }
    const seconds = (performance.now() - t0) / 1000;

    // Least-squares M with Z_lae ≈ M Z_pca: M = Z_lae Z_pcaᵀ (Z_pca Z_pcaᵀ)⁻¹ (2 × 2).
    const G = matmul(Zpca, Zpca, { transposeB: true });
    const M = solveSPD(G, matmul(Zpca, Zlae, { transposeB: true })).transpose();
    const fitResidual = Math.sqrt(Zlae.sub(matmul(M, Zpca)).sumSquares().item() / Zlae.sumSquares().item());
    const mSingular = Array.from(svd(M).S);
    const theory = Array.from(pcaResult.eigenvalues, (s2) => Math.sqrt(Math.max(0, 1 - p.lambda / s2)));
    const subspaceSine = maxPrincipalAngleSine(W2, U2);

    const [sample] = splitIndices(n, [Math.min(p.points, n)], ctx.rng.fork('subsample'));
    const panel = (Z: Tensor, title: string, xLabel: string, yLabel: string) =>
      scatterChart({
        title,
        xLabel,
        yLabel,
        series: Array.from({ length: 10 }, (_, d) => ({
          label: String(d),
          color: PALETTE[d]!,
          pointRadius: 2,
          // sorted by x: the chart renders with Chart.js parsing off, which takes the x range from the first and last points
          points: Array.from(sample!).filter((i) => labels[i] === d).map((i) => ({ x: Z.data[i]!, y: Z.data[n + i]! })).sort((a, b) => a.x - b.x),
        })),
        width: 700,
        height: 620,
      });
    const png = await combinePngs(
      [
        await panel(Zlae, `LAE, sum loss Lσ (λ = ${p.lambda}): latent codes W1x`, 'latent 1', 'latent 2'),
        await panel(Zpca, 'PCA: projections on the top-2 principal directions', 'principal component 1', 'principal component 2'),
      ],
      { columns: 2, gap: 16 },
    );
    ctx.writePng('fig8-embedding.png', png);
    ctx.writeJson('embedding.json', {
      indices: Array.from(sample!),
      labels: Array.from(sample!, (i) => labels[i]!),
      lae: Array.from(sample!, (i) => [Zlae.data[i]!, Zlae.data[n + i]!]),
      pca: Array.from(sample!, (i) => [Zpca.data[i]!, Zpca.data[n + i]!]),
    });
    ctx.log(`Lσ decoder vs PCA: max sin θ = ${subspaceSine.toExponential(1)}; Z_lae ≈ M·Z_pca with residual ${fitResidual.toExponential(1)}, singular values of M ${mSingular.map((v) => v.toFixed(4)).join(', ')} (theory √(1 − λ/σ²) = ${theory.map((v) => v.toFixed(4)).join(', ')})`);
    return {
      mode: p.mode,
      lambda: p.lambda,
      trainSeconds: seconds,
      decoderMaxPrincipalAngleSine: subspaceSine,
      map: M.toArray() as JsonValue,
      mapSingularValues: mSingular,
      theorySingularValues: theory,
      mapFitRelativeResidual: fitResidual,
      pcaEigenvalues: Array.from(pcaResult.eigenvalues),
    };
  },
});

