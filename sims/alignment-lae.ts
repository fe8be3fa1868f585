/**
 * alignment-lae — the link between the paper and neural alignment (§6.2). With the task loss off:
 *  1. Information alignment trains each layer as a sum-regularized LAE (encoder W, decoder B, data =
 *     the layer's inputs). With W and B both learning, the Transpose Theorem 2.1 says B → Wᵀ; the
 *     balance gap WWᵀ − BᵀB shrinks by exactly (1 − 4ηγ) per step to first order in η (the
 *     reconstruction term conserves it, the decay γ(‖W‖² + ‖B‖²) removes it).
 *  2. With W frozen (the rule as used in training: only B learns), B → B* = CWᵀ(WCWᵀ + (γ/β)I)⁻¹,
 *     the ridge decoder of the layer's inputs (C = mean xxᵀ), which is Wᵀ only when W is itself a
 *     critical point of the LAE loss.
 *  3. Symmetric alignment with β = 2α is α‖Wᵀ − B‖²_F: plain gradient descent on B moves it straight
 *     to Wᵀ, ‖B − Wᵀ‖ shrinking by (1 − 2ηα) per step.
 */
import { lineChart, combinePngs, type LineSeries } from '../src/charts/index.js';
import { loadMnist, splitIndices } from '../src/data/index.js';
import { informationAlignment, Primitives, symmetricAlignment, weightAngle, type LossContext } from '../src/alignment/index.js';
import { solveSPD } from '../src/linalg/index.js';
import { buildMlp, fitStandardizer, type Mlp } from '../src/nn/index.js';
import { SGD } from '../src/optim/index.js';
import type { Rng } from '../src/random/rng.js';
import { defineSimulation } from '../src/sim/index.js';
import { assertFiniteTraining, eye, matmul, noGrad, randn, type Tensor } from '../src/tensor/index.js';

const norm = (t: Tensor): number => Math.sqrt(noGrad(() => t.sumSquares().item()));
/** ‖W − Bᵀ‖_F / ‖W‖_F. */
const transposeGap = (W: Tensor, B: Tensor): number => noGrad(() => norm(W.sub(B.transpose())) / norm(W));
/** ‖WWᵀ − BᵀB‖_F, the quantity the reconstruction term conserves. */
const balanceGap = (W: Tensor, B: Tensor): number => noGrad(() => norm(matmul(W, W, { transposeB: true }).sub(matmul(B, B, { transposeA: true }))));

/** The inputs of every layer for a batch, with the network's current weights (no graph). */
function layerInputs(net: Mlp, x: Tensor): Tensor[] {
  return noGrad(() => {
    const inputs: Tensor[] = [];
    let h = x;
    for (const layer of net.layers) {
      inputs.push(h);
      h = layer.forward(h);
    }
    return inputs;
  });
}

const ctxFor = (rng: Rng, layer: number, layers: number, step: number): LossContext => ({ layer, layers, step, rng, noise: () => { throw new Error('no noise in this simulation'); } });

export const alignmentLae = defineSimulation({
  name: 'alignment-lae',
  title: 'Information alignment is a regularized LAE: B → Wᵀ (Transpose Theorem), and SA\'s closed form',
  description:
    'Task loss off, MNIST inputs through an MLP. (1) The information-alignment loss α·amp + β·null + γ·decay (α = 2β) trains W and B of every layer as a ' +
    'sum-regularized LAE: B converges to Wᵀ on each layer, and ‖WWᵀ − BᵀB‖ follows (1 − 4ηγ)^t. (2) With W frozen, B converges instead to the ridge decoder ' +
    'CWᵀ(WCWᵀ + (γ/β)I)⁻¹ of the layer inputs, not to Wᵀ. (3) Symmetric alignment α·decay + 2α·self equals α‖Wᵀ − B‖²; ‖B − Wᵀ‖ follows (1 − 2ηα)^t.',
  params: {
    hidden: { kind: 'numberList', min: 1, max: 4096, minLength: 1, maxLength: 6, default: [64, 64], help: 'hidden widths of the relu MLP 784-…-10' },
    steps: { kind: 'integer', min: 1, max: 100000, default: 1500, full: 5000, help: 'plain SGD steps per experiment' },
    batchSize: { kind: 'integer', min: 1, max: 10000, default: 100, full: 400, help: 'minibatch rows (MNIST digits); larger batches lower the SGD-noise floor' },
    rows: { kind: 'integer', min: 100, max: 10000, default: 2000, help: 'digits the batches are drawn from (and C is computed on)' },
    lr: { kind: 'number', min: 0, max: 1000, exclusiveMin: true, default: 2, help: 'SGD learning rate η (the coefficients are ~1e-3, so ηγ sets the pace; 4 diverges)' },
  },
  run: async (ctx) => {
    const { hidden, steps, batchSize, rows, lr } = ctx.params;
    const { images } = loadMnist();
    const [pick] = splitIndices(images.rows, [rows], ctx.rng.fork('rows'));
    const raw = images.gatherRows(pick!).detach();
    const X = fitStandardizer(raw)(raw);
    const sizes = [X.cols, ...hidden, 10];
    const L = sizes.length - 1;
    const { alpha, beta, gamma } = informationAlignment.coefficients as { alpha: number; beta: number; gamma: number };
    const ia = informationAlignment.with({ alpha: 2 * beta }); // the LAE identity needs α = 2β (the default already has it)
    const bar = ctx.progress('steps', 3 * steps);
    const every = Math.max(1, Math.round(steps / 300)); // record ~300 points per curve
    const recorded = (t: number): boolean => t % every === 0 || t === steps;
    const stepAxis = [0, ...Array.from({ length: steps }, (_, i) => i + 1).filter(recorded)];
    const batches = ctx.rng.fork('batches');
    const batch = (): Tensor => X.gatherRows(Array.from({ length: batchSize }, () => batches.int(rows)));

    // ---- 1. IA as an LAE: W and B both learn -------------------------------------------------
    const net = buildMlp({ sizes, activation: 'relu', rng: ctx.rng.fork('network') });
    for (const layer of net.layers) layer.B.param(`${layer.name}.B`);
    const params = net.layers.flatMap((l) => [l.W, l.B]);
    const opt = new SGD(params, { lr });
    const record = (): { angle: number[]; gap: number[]; balance: number[] } => ({
      angle: net.layers.map((l) => weightAngle(l.W, l.B)!),
      gap: net.layers.map((l) => transposeGap(l.W, l.B)),
      balance: net.layers.map((l) => balanceGap(l.W, l.B)),
    });
    const lae = [record()];
    for (let t = 1; t <= steps; t++) {
      opt.zeroGrad();
      const inputs = layerInputs(net, batch());
      const losses = net.layers.map((l, i) => ia.feedbackLoss!(new Primitives(inputs[i]!, l.W, l.B), ctxFor(ctx.rng, i + 1, L, t)));
      const total = losses.reduce((a, b) => a.add(b));
      total.backward();
      assertFiniteTraining(t, params, total.item());
      opt.step();
      if (recorded(t)) lae.push(record());
      bar.tick();
    }
    const rate = 1 - 4 * lr * gamma;

    // ---- 2. IA with W frozen: B → the ridge decoder B* ----------------------------------------
    const frozen = buildMlp({ sizes, activation: 'relu', rng: ctx.rng.fork('network') });
    for (const layer of frozen.layers) layer.B.param(`${layer.name}.B`);
    const fullInputs = layerInputs(frozen, X);
    const ridge = frozen.layers.map((l, i) => noGrad(() => {
      const x = fullInputs[i]!;
      const C = matmul(x, x, { transposeA: true }).div(rows); // mean x xᵀ (m × m)
      const WC = matmul(l.W, C); // k × m
      const A = matmul(WC, l.W, { transposeB: true }).add(eye(l.outputSize).mul(gamma / beta));
      return solveSPD(A, WC).transpose(); // B* = C Wᵀ (W C Wᵀ + (γ/β) I)⁻¹
    }));
    const fOpt = new SGD(frozen.layers.map((l) => l.B), { lr });
    const frozenRecord = (): { toWt: number[]; toRidge: number[] } => ({
      toWt: frozen.layers.map((l) => weightAngle(l.W, l.B)!),
      toRidge: frozen.layers.map((l, i) => weightAngle(ridge[i]!.transpose(), l.B)!),
    });
    const fixedW = [frozenRecord()];
    for (let t = 1; t <= steps; t++) {
      fOpt.zeroGrad();
      const inputs = layerInputs(frozen, batch());
      const total = frozen.layers.map((l, i) => ia.feedbackLoss!(new Primitives(inputs[i]!, l.W.detach(), l.B), ctxFor(ctx.rng, i + 1, L, t))).reduce((a, b) => a.add(b));
      total.backward();
      assertFiniteTraining(t, frozen.layers.map((l) => l.B), total.item());
      fOpt.step();
      if (recorded(t)) fixedW.push(frozenRecord());
      bar.tick();
    }
    const ridgeAngles = frozen.layers.map((l, i) => weightAngle(l.W, ridge[i]!)!);

    // ---- 3. SA's closed form --------------------------------------------------------------------
    const saAlpha = (symmetricAlignment.coefficients as { alpha: number }).alpha;
    const sa = symmetricAlignment.with({ alpha: saAlpha, beta: 2 * saAlpha });
    const saNet = buildMlp({ sizes, activation: 'relu', rng: ctx.rng.fork('network') });
    for (const layer of saNet.layers) layer.B.param(`${layer.name}.B`);
    // the identity α·decay + 2α·self = α‖Wᵀ − B‖², on random matrices of every layer's shape
    const identityError = Math.max(...saNet.layers.map((l, i) => {
      const Bt = randn([l.inputSize, l.outputSize], ctx.rng.fork(`sa-check${i}`));
      const value = sa.feedbackLoss!(new Primitives(randn([2, l.inputSize], ctx.rng.fork(`sa-x${i}`)), l.W, Bt), ctxFor(ctx.rng, i + 1, L, 0)).item();
      const closed = saAlpha * noGrad(() => l.W.transpose().sub(Bt).sumSquares().item());
      return Math.abs(value - closed) / closed;
    }));
    const sOpt = new SGD(saNet.layers.map((l) => l.B), { lr });
    const saDist = (): number[] => saNet.layers.map((l) => noGrad(() => norm(l.B.sub(l.W.transpose()))));
    const saRecord = [{ dist: saDist(), angle: saNet.layers.map((l) => weightAngle(l.W, l.B)!) }];
    for (let t = 1; t <= steps; t++) {
      sOpt.zeroGrad();
      const inputs = layerInputs(saNet, batch());
      saNet.layers.map((l, i) => sa.feedbackLoss!(new Primitives(inputs[i]!, l.W.detach(), l.B), ctxFor(ctx.rng, i + 1, L, t))).reduce((a, b) => a.add(b)).backward();
      sOpt.step();
      if (recorded(t)) saRecord.push({ dist: saDist(), angle: saNet.layers.map((l) => weightAngle(l.W, l.B)!) });
      bar.tick();
    }
    bar.done();
    const saRate = 1 - 2 * lr * saAlpha;

    // ---- charts and numbers ------------------------------------------------------------------------
    const layerLabel = (i: number): string => `layer ${i + 1} (${sizes[i]}→${sizes[i + 1]})`;
    const dashedTheory = (y0: number, r: number, label: string, color: string): LineSeries => ({ label, x: stepAxis, y: stepAxis.map((t) => y0 * r ** t), color, dashed: true });
    const colors = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
    const laePanels = [
      await lineChart({
        title: 'IA alone, W and B learning (an LAE per layer): ∠(Wᵀ, B)',
        xLabel: 'SGD step', yLabel: 'weight angle (degrees)',
        series: net.layers.map((_, i) => ({ label: layerLabel(i), x: stepAxis, y: lae.map((r) => r.angle[i]!), color: colors[i % 7]! })),
        width: 760, height: 520,
      }),
      await lineChart({
        title: `‖WWᵀ − BᵀB‖ (solid) vs (1 − 4ηγ)ᵗ (dashed) until the SGD-noise floor`,
        xLabel: `SGD step (η = ${lr}, γ = ${gamma})`, yLabel: '‖WWᵀ − BᵀB‖_F', yLog: true,
        series: net.layers.flatMap((_, i) => [
          { label: layerLabel(i), x: stepAxis, y: lae.map((r) => r.balance[i]!), color: colors[i % 7]! },
          dashedTheory(lae[0]!.balance[i]!, rate, `closed form, layer ${i + 1}`, colors[i % 7]!),
        ]),
        width: 760, height: 520,
      }),
      await lineChart({
        title: 'IA alone, W and B learning: ‖W − Bᵀ‖ / ‖W‖',
        xLabel: 'SGD step', yLabel: 'relative transpose gap', yLog: true,
        series: net.layers.map((_, i) => ({ label: layerLabel(i), x: stepAxis, y: lae.map((r) => r.gap[i]!), color: colors[i % 7]! })),
        width: 760, height: 520,
      }),
    ];
    ctx.writePng('ia-lae.png', await combinePngs(laePanels, { columns: 3 }));
    ctx.writePng('ia-frozen-w.png', await lineChart({
      title: 'IA with W frozen (only B learns): ∠(B, Wᵀ) solid, ∠(B, ridge decoder B*) dashed',
      xLabel: 'SGD step', yLabel: 'angle (degrees)',
      series: frozen.layers.flatMap((_, i) => [
        { label: `∠(B, Wᵀ), ${layerLabel(i)}`, x: stepAxis, y: fixedW.map((r) => r.toWt[i]!), color: colors[i % 7]! },
        { label: `∠(B, B*), ${layerLabel(i)}`, x: stepAxis, y: fixedW.map((r) => r.toRidge[i]!), color: colors[i % 7]!, dashed: true },
      ]),
      width: 900, height: 560,
    }));
    ctx.writePng('sa-closed-form.png', await lineChart({
      title: `SA alone (β = 2α): ‖B − Wᵀ‖ measured (solid) and (1 − 2ηα)ᵗ (dashed) coincide`,
      xLabel: `SGD step (η = ${lr}, α = ${saAlpha})`, yLabel: '‖B − Wᵀ‖_F', yLog: true,
      series: saNet.layers.flatMap((_, i) => [
        { label: layerLabel(i), x: stepAxis, y: saRecord.map((r) => r.dist[i]!), color: colors[i % 7]! },
        dashedTheory(saRecord[0]!.dist[i]!, saRate, `closed form, layer ${i + 1}`, colors[i % 7]!),
      ]),
      width: 900, height: 560,
    }));
    ctx.writeJson('series.json', {
      steps: stepAxis,
      iaLae: { angle: net.layers.map((_, i) => lae.map((r) => r.angle[i]!)), gap: net.layers.map((_, i) => lae.map((r) => r.gap[i]!)), balance: net.layers.map((_, i) => lae.map((r) => r.balance[i]!)), closedFormRate: rate },
      iaFrozenW: { angleToWt: frozen.layers.map((_, i) => fixedW.map((r) => r.toWt[i]!)), angleToRidge: frozen.layers.map((_, i) => fixedW.map((r) => r.toRidge[i]!)), ridgeAngleToWt: ridgeAngles },
      sa: { distance: saNet.layers.map((_, i) => saRecord.map((r) => r.dist[i]!)), angle: saNet.layers.map((_, i) => saRecord.map((r) => r.angle[i]!)), closedFormRate: saRate },
    });

    // measured per-step factor of the balance gap over the first ~100 steps (before the O(η²)
    // minibatch-noise floor), geometric mean, vs the closed form
    const early = stepAxis.findIndex((t) => t >= Math.min(100, steps));
    const measuredRate = net.layers.map((_, i) => (lae[early]!.balance[i]! / lae[0]!.balance[i]!) ** (1 / stepAxis[early]!));
    const saMeasured = saNet.layers.map((_, i) => (saRecord[saRecord.length - 1]!.dist[i]! / saRecord[0]!.dist[i]!) ** (1 / steps));
    const final = lae[lae.length - 1]!;
    const lines = [
      `IA as an LAE (coefficients α = ${alpha}, β = ${beta}, γ = ${gamma}; η = ${lr}, ${steps} steps of batch ${batchSize}):`,
      ...net.layers.map((_, i) => `  ${layerLabel(i)}: ∠(Wᵀ, B) ${lae[0]!.angle[i]!.toFixed(1)}° → ${final.angle[i]!.toFixed(2)}°, ‖W − Bᵀ‖/‖W‖ ${lae[0]!.gap[i]!.toFixed(3)} → ${final.gap[i]!.toExponential(2)}, ` +
        `balance-gap factor per step over steps 1–${stepAxis[early]} ${measuredRate[i]!.toFixed(6)} (closed form 1 − 4ηγ = ${rate.toFixed(6)}), final gap ${final.balance[i]!.toExponential(2)} (noise floor)`),
      `IA with W frozen: final ∠(B, Wᵀ) ${fixedW[fixedW.length - 1]!.toWt.map((a) => a.toFixed(1)).join(' / ')}°, ∠(B, B*) ${fixedW[fixedW.length - 1]!.toRidge.map((a) => a.toFixed(1)).join(' / ')}°, ` +
        `ridge decoder's own ∠(B*, Wᵀ) ${ridgeAngles.map((a) => a.toFixed(1)).join(' / ')}°`,
      `SA: |loss − α‖Wᵀ − B‖²| / α‖Wᵀ − B‖² ≤ ${identityError.toExponential(1)}; ‖B − Wᵀ‖ factor per step ${saMeasured.map((r) => r.toFixed(6)).join(' / ')} (closed form 1 − 2ηα = ${saRate.toFixed(6)}); ` +
        `final ∠ ${saRecord[saRecord.length - 1]!.angle.map((a) => a.toFixed(3)).join(' / ')}°`,
    ];
    for (const line of lines) ctx.log(line);
    ctx.writeText('report.md', lines.join('\n') + '\n');
    return {
      sizes,
      iaLae: { initialAngles: lae[0]!.angle, finalAngles: final.angle, finalTransposeGap: final.gap, balanceFactorMeasured: measuredRate, balanceFactorClosedForm: rate },
      iaFrozenW: { finalAngleToWt: fixedW[fixedW.length - 1]!.toWt, finalAngleToRidge: fixedW[fixedW.length - 1]!.toRidge, ridgeAngleToWt: ridgeAngles },
      symmetricAlignment: { identityRelativeError: identityError, factorMeasured: saMeasured, factorClosedForm: saRate, finalAngles: saRecord[saRecord.length - 1]!.angle },
    };
  },
});
