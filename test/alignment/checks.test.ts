/**
 * The five checks of the reference (alignment-rules.md), each against an independent computation:
 * autograd backprop, closed forms, or the LAE module's loss and closed-form gradient.
 */
import { describe, expect, it } from 'vitest';
import {
  activationAlignment,
  AlignmentTrainer,
  backprop,
  feedbackAlignment,
  informationAlignment,
  kolenPollack,
  Primitives,
  symmetricAlignment,
  trainNetwork,
  weightAngle,
  type LossContext,
} from '../../src/alignment/index.js';
import { laeGradient, laeLoss } from '../../src/lae/index.js';
import { buildMlp, type Activation } from '../../src/nn/index.js';
import { SGD } from '../../src/optim/index.js';
import { Rng } from '../../src/random/rng.js';
import { matmul, noGrad, randn, type Tensor } from '../../src/tensor/index.js';
import { syntheticClasses } from './helpers.js';

const maxAbsDiff = (a: Tensor, b: Tensor): number => {
  expect(a.shape).toEqual(b.shape);
  let m = 0;
  for (let i = 0; i < a.size; i++) m = Math.max(m, Math.abs(a.data[i]! - b.data[i]!));
  return m;
};
const maxAbs = (a: Tensor): number => Array.from(a.data).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
const lossCtx = (rng: Rng, rows: number, cols: number): LossContext => ({ layer: 1, layers: 1, step: 0, rng, noise: (s) => randn([rows, cols], rng, s) });

describe('check 1: with B := Wᵀ the explicit layer-by-layer chain rule reproduces autograd backprop', () => {
  const activations: Activation[] = ['relu', 'tanh', 'sigmoid', 'linear'];
  for (const activation of activations) {
    it(`${activation}: W and b gradients equal loss.backward() to rounding, for the backprop rule and for FA / SA with B held at Wᵀ`, () => {
      const rng = new Rng(`check1-${activation}`);
      const x = randn([16, 7], rng);
      const y = Array.from({ length: 16 }, (_, i) => i % 4);
      const reference = buildMlp({ sizes: [7, 6, 5, 4], activation, rng: new Rng(11) });
      const loss = reference.forward(x).softmaxCrossEntropy(y);
      loss.backward();
      for (const rule of [backprop, feedbackAlignment, symmetricAlignment]) {
        const net = buildMlp({ sizes: [7, 6, 5, 4], activation, rng: new Rng(11) });
        const trainer = new AlignmentTrainer(net, rule, { rng: new Rng(0), lr: 0.1 });
        if (rule !== backprop) for (const layer of net.layers) layer.B.data.set(noGrad(() => layer.W.transpose()).data);
        const { loss: value } = trainer.gradients(x, y);
        expect(value).toBe(loss.item());
        net.layers.forEach((layer, l) => {
          const ref = reference.layers[l]!;
          expect(maxAbsDiff(layer.W.grad!, ref.W.grad!)).toBeLessThanOrEqual(1e-15 * Math.max(1, maxAbs(ref.W.grad!)));
          expect(maxAbsDiff(layer.b.grad!, ref.b.grad!)).toBeLessThanOrEqual(1e-15 * Math.max(1, maxAbs(ref.b.grad!)));
        });
      }
    });
  }
});

describe('check 2: symmetric alignment', () => {
  it('with β = 2α the loss is α‖Wᵀ − B‖²_F and its B-gradient 2α(B − Wᵀ)', () => {
    const rng = new Rng(2);
    const W = randn([5, 8], rng);
    const B = randn([8, 5], rng).param();
    const x = randn([3, 8], rng);
    const alpha = 0.37;
    const sa = symmetricAlignment.with({ alpha, beta: 2 * alpha });
    const R = sa.feedbackLoss!(new Primitives(x, W, B), lossCtx(rng, 3, 8));
    let closed = 0;
    for (let i = 0; i < 8; i++) for (let j = 0; j < 5; j++) closed += (W.get(j, i) - B.get(i, j)) ** 2;
    expect(R.item()).toBeCloseTo(alpha * closed, 10);
    R.backward();
    for (let i = 0; i < 8; i++) for (let j = 0; j < 5; j++) expect(B.grad!.get(i, j)).toBeCloseTo(2 * alpha * (B.get(i, j) - W.get(j, i)), 12);
  });

  it('with only the alignment loss (plain SGD on B, W fixed) B − Wᵀ shrinks by (1 − 2ηα) and the angle falls monotonically', () => {
    const rng = new Rng(3);
    const W = randn([6, 9], rng);
    const B = randn([9, 6], rng).param();
    const x = randn([4, 9], rng);
    const alpha = 1e-3;
    const eta = 20;
    const opt = new SGD([B], { lr: eta });
    const dist = (): number => noGrad(() => W.transpose().sub(B).sumSquares().item());
    let angle = weightAngle(W, B)!;
    let d = dist();
    expect(angle).toBeGreaterThan(60);
    for (let t = 0; t < 60; t++) {
      opt.zeroGrad();
      symmetricAlignment.feedbackLoss!(new Primitives(x, W.detach(), B), lossCtx(rng, 4, 9)).backward();
      opt.step();
      const next = weightAngle(W, B)!;
      expect(next).toBeLessThan(angle);
      expect(Math.sqrt(dist() / d)).toBeCloseTo(1 - 2 * eta * alpha, 12);
      angle = next;
      d = dist();
    }
    expect(angle).toBeLessThan(5);
  });
});

describe('check 3: Kolen-Pollack', () => {
  it('with plain SGD, ‖W − Bᵀ‖ shrinks by exactly (1 − ηλ) per step in every layer, and ΔW = −η(δxᵀ + λW)', () => {
    const { train } = syntheticClasses(new Rng(4), 200, 12, 3);
    const net = buildMlp({ sizes: [12, 10, 8, 3], activation: 'tanh', rng: new Rng(5) });
    const eta = 0.05;
    const lambda = 0.4;
    const trainer = new AlignmentTrainer(net, kolenPollack.with({ lambda }), { rng: new Rng(6), optimizer: 'sgd', lr: eta, trainInputFeedback: true });
    const gap = (): number[] => net.layers.map((l) => Math.sqrt(noGrad(() => l.W.sub(l.B.transpose()).sumSquares().item())));
    let before = gap();
    for (let step = 0; step < 20; step++) {
      const idx = Array.from({ length: 20 }, (_, i) => (step * 20 + i) % train.x.rows);
      const x = train.x.gatherRows(idx);
      const y = idx.map((i) => train.y[i]!);
      const W0 = net.layers.map((l) => l.W.clone());
      trainer.step(x, y);
      const after = gap();
      after.forEach((g, l) => expect(g / before[l]!).toBeCloseTo(1 - eta * lambda, 12));
      net.layers.forEach((l, i) => {
        const grad = l.W.grad!; // the task gradient δᵀx of this step (the decay is not in it)
        for (let k = 0; k < l.W.size; k += 7) expect(l.W.data[k]!).toBeCloseTo(W0[i]!.data[k]! - eta * (grad.data[k]! + lambda * W0[i]!.data[k]!), 13);
      });
      before = after;
    }
  });
});

describe('activation alignment', () => {
  it('with β = 2α the loss is α·mean‖Wx − Bᵀx‖² and its B-gradient (2α/N) Σ x(Bᵀx − Wx)ᵀ', () => {
    const rng = new Rng(12);
    const N = 7;
    const W = randn([4, 6], rng);
    const B = randn([6, 4], rng).param();
    const x = randn([N, 6], rng);
    const alpha = 0.29;
    const aa = activationAlignment.with({ alpha, beta: 2 * alpha });
    const R = aa.feedbackLoss!(new Primitives(x, W, B), lossCtx(rng, N, 6));
    // closed form, written out with loops: d_n = Wx_n − Bᵀx_n
    const d = (n: number, j: number): number => {
      let v = 0;
      for (let i = 0; i < 6; i++) v += (W.get(j, i) - B.get(i, j)) * x.get(n, i);
      return v;
    };
    let closed = 0;
    for (let n = 0; n < N; n++) for (let j = 0; j < 4; j++) closed += d(n, j) ** 2;
    expect(R.item()).toBeCloseTo((alpha * closed) / N, 10);
    R.backward();
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 4; j++) {
        let g = 0;
        for (let n = 0; n < N; n++) g += x.get(n, i) * -d(n, j);
        expect(B.grad!.get(i, j)).toBeCloseTo((2 * alpha * g) / N, 11);
      }
    }
  });
});

describe('check 4: information alignment is the regularized LAE loss', () => {
  it('with α = 2β, IA = β(mean‖x − BWx‖² − mean‖x‖²) + γ·decay, and its gradients are the LAE closed-form gradients', () => {
    const rng = new Rng(8);
    const N = 11;
    const x = randn([N, 6], rng);
    const W = randn([3, 6], rng).param(); // encoder (k × m)
    const B = randn([6, 3], rng).param(); // decoder (m × k)
    const beta = 0.7;
    const gamma = 0.05;
    const ia = informationAlignment.with({ alpha: 2 * beta, beta, gamma });
    const R = ia.feedbackLoss!(new Primitives(x, W, B), lossCtx(rng, N, 6));
    // the LAE of src/lae, data points as columns: Lσ = ‖X − BWX‖² + λ(‖W‖² + ‖B‖²) with λ = γN/β
    const X = x.transpose();
    const lambda = (gamma * N) / beta;
    const lae = laeLoss(X, W.detach(), B.detach(), { loss: 'sum', lambda }).item();
    const meanSq = x.sumSquares().item() / N;
    expect(R.item()).toBeCloseTo((beta / N) * lae - beta * meanSq, 11);
    R.backward();
    const C = matmul(X, X, { transposeB: true });
    const { dW1, dW2 } = laeGradient(C, W.detach(), B.detach(), 'sum', lambda);
    expect(maxAbsDiff(B.grad!, dW2.mul(beta / N))).toBeLessThan(1e-12);
    expect(maxAbsDiff(W.grad!, dW1.mul(beta / N))).toBeLessThan(1e-12);
  });

  it('trained as an LAE (W and B both learning), one SGD step maps D = WWᵀ − BᵀB to (1 − 4ηγ)D + η²(G_W G_Wᵀ − G_Bᵀ G_B)', () => {
    const rng = new Rng(14);
    const x = randn([9, 7], rng);
    const W = randn([4, 7], rng).param();
    const B = randn([7, 4], rng).param();
    const { beta, gamma } = informationAlignment.coefficients as { beta: number; gamma: number };
    const eta = 3;
    const gram = (): Tensor => noGrad(() => matmul(W, W, { transposeB: true }).sub(matmul(B, B, { transposeA: true })));
    const D = gram();
    informationAlignment.with({ alpha: 2 * beta }).feedbackLoss!(new Primitives(x, W, B), lossCtx(rng, 9, 7)).backward();
    const [GW, GB] = [W.grad!, B.grad!];
    const second = noGrad(() => matmul(GW, GW, { transposeB: true }).sub(matmul(GB, GB, { transposeA: true })).mul(eta * eta));
    const opt = new SGD([W, B], { lr: eta });
    opt.step();
    const expected = noGrad(() => D.mul(1 - 4 * eta * gamma).add(second));
    expect(maxAbsDiff(gram(), expected)).toBeLessThan(1e-12 * Math.max(1, maxAbs(D)));
  });

  it('each primitive matches its closed-form B-gradient', () => {
    const rng = new Rng(9);
    const N = 5;
    const x = randn([N, 4], rng);
    const W = randn([3, 4], rng);
    const Bv = randn([4, 3], rng);
    const r = matmul(x, W, { transposeB: true }); // rows r_n = W x_n
    const grads: Record<string, Tensor> = {
      decay: Bv.mul(2),
      sparse: matmul(matmul(x, x, { transposeA: true }), Bv).mul(2 / N), // (2/N) Σ x xᵀ B
      null: matmul(matmul(r, Bv, { transposeB: true }), r, { transposeA: true }).mul(2 / N), // (2/N) Σ (B r) rᵀ
      self: W.transpose().neg(),
      amp: matmul(x, r, { transposeA: true }).mul(-1 / N), // −(1/N) Σ x rᵀ
    };
    for (const [name, expected] of Object.entries(grads)) {
      const B = Bv.clone().param();
      const p = new Primitives(x, W, B);
      const value = { decay: () => p.decay(), sparse: () => p.sparse(), null: () => p.null(), self: () => p.self(), amp: () => p.amp() }[name]!();
      value.backward();
      expect(maxAbsDiff(B.grad!, expected), name).toBeLessThan(1e-12);
    }
  });
});

describe('check 5: angles', () => {
  it("FA's hidden→output angle falls well below 90° during training; backprop's is 0", () => {
    const { train, test } = syntheticClasses(new Rng(10), 1200, 30, 5, 0.4);
    const run = (rule: typeof feedbackAlignment) =>
      trainNetwork({ network: buildMlp({ sizes: [30, 40, 40, 5], activation: 'tanh', rng: new Rng(12) }), rule, train, test, epochs: 10, batchSize: 20, lr: 0.05, optimizer: 'sgd', momentum: 0.9, rng: new Rng(13) });
    const fa = run(feedbackAlignment);
    const top = (r: ReturnType<typeof run>, e: number) => r.epochs[e]!.weightAngles[2]!;
    expect(top(fa, 0)).toBeGreaterThan(80);
    expect(top(fa, 10)).toBeLessThan(65);
    expect(top(fa, 10)).toBeLessThan(top(fa, 1) - 5);
    expect(fa.final.signalAngles[1]!).toBeLessThan(65);
    expect(fa.final.testAccuracy!).toBeGreaterThan(0.5);
    const bp = run(backprop);
    for (const e of bp.epochs) {
      for (const a of e.weightAngles) expect(a!).toBeLessThan(1e-5);
      for (const a of e.signalAngles) expect(a).toBeLessThan(1e-5);
    }
  });
});
