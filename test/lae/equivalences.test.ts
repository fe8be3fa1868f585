import { describe, expect, it } from 'vitest';
import { spectrumMatrix } from '../../src/data/synthetic.js';
import { LOSS_KINDS, laeLoss, trainLae } from '../../src/lae/index.js';
import {
  contractiveLoss, denoisingExpectedLoss, denoisingLossMonteCarlo, jacobianCentralDifference, lossAtOptimalBias, optimalBias,
} from '../../src/lae/theory/equivalences.js';
import { Rng } from '../../src/random/rng.js';
import { matmul, randn, type Tensor } from '../../src/tensor/index.js';

const [m, n, k] = [5, 30, 2];
const rng = new Rng('equivalences');
const raw = spectrumMatrix(m, n, [8, 5, 3, 2, 1], rng).X;
const Xc = raw.sub(raw.mean(1, true)); // centred
const X = Xc.add(randn([m, 1], rng)); // the same points shifted by a random mean

const norm = (t: Tensor): number => Math.sqrt(t.sumSquares().item());
const relDiff = (a: Tensor, b: Tensor): number => norm(a.sub(b)) / norm(b);

describe('bias ⇔ mean centring (App. A)', () => {
  const W1 = randn([k, m], rng);
  const W2 = randn([m, k], rng);

  it('the biased loss at the optimal bias equals the unbiased loss on centred data, for every loss', () => {
    for (const loss of LOSS_KINDS) {
      const centred = laeLoss(Xc, W1, W2, { loss, lambda: 3 }).item();
      expect(Math.abs(lossAtOptimalBias(X, W1, W2, { loss, lambda: 3 }).item() - centred)).toBeLessThan(1e-10 * centred);
    }
  });

  it('the autograd gradient with respect to b1 and b2 vanishes at b = W2b1 + b2 = (I − W2W1)x̄', () => {
    const b1 = randn([k, 1], rng).param('b1');
    const b2 = optimalBias(X, W1, W2).sub(matmul(W2, b1)).detach().param('b2');
    laeLoss(X, W1, W2, { loss: 'sum', lambda: 3, b1, b2 }).backward();
    const offB2 = randn([m, 1], rng).param('b2');
    laeLoss(X, W1, W2, { loss: 'sum', lambda: 3, b2: offB2 }).backward();
    const scale = norm(offB2.grad!);
    expect(norm(b1.grad!)).toBeLessThan(1e-12 * scale);
    expect(norm(b2.grad!)).toBeLessThan(1e-12 * scale);
  });

  it('training with biases on uncentred data and without on centred data reach the same product and loss', () => {
    const options = { k, loss: 'sum', lambda: 12, steps: 4000, optimizer: 'adam', lr: 0.1, decay: 0.01, initStd: 0.1 } as const;
    const biased = trainLae(X, { ...options, bias: true, rng: new Rng('train') }).model;
    const plain = trainLae(Xc, { ...options, rng: new Rng('train') }).model;
    expect(relDiff(biased.product(), plain.product())).toBeLessThan(1e-6);
    const biasedLoss = laeLoss(X, biased.W1, biased.W2, { loss: 'sum', lambda: 12, b1: biased.b1, b2: biased.b2 }).item();
    const plainLoss = laeLoss(Xc, plain.W1, plain.W2, { loss: 'sum', lambda: 12 }).item();
    expect(Math.abs(biasedLoss - plainLoss)).toBeLessThan(1e-6 * plainLoss);
    expect(laeLoss(X, plain.W1, plain.W2, { loss: 'sum', lambda: 12 }).item()).toBeGreaterThan(1.5 * plainLoss); // the mean matters
    // the learned combined bias W2b1 + b2 is the optimal one at the learned weights
    const learned = matmul(biased.W2, biased.b1!).add(biased.b2!);
    expect(relDiff(learned, optimalBias(X, biased.W1, biased.W2))).toBeLessThan(1e-6);
  });
});

describe('denoising ⇔ product loss (App. C)', () => {
  it('the Monte Carlo mean of ‖X − W2W1(X + ε)‖² matches Lπ with λ = n s², and not λ = s²', () => {
    const s = 0.3;
    const W1 = randn([k, m], rng, 0.5);
    const W2 = randn([m, k], rng, 0.5);
    const { mean, standardError } = denoisingLossMonteCarlo(Xc, W1, W2, s, 4000, rng.fork('noise'));
    expect(Math.abs(mean - denoisingExpectedLoss(Xc, W1, W2, s).item())).toBeLessThan(4 * standardError);
    const wrong = laeLoss(Xc, W1, W2, { loss: 'product', lambda: s * s }).item();
    expect(Math.abs(mean - wrong)).toBeGreaterThan(20 * standardError);
  });
});

describe('tied contractive ⇔ sum loss (App. C)', () => {
  it('the central-difference Jacobian of the encoder x ↦ Wx is W', () => {
    const W = randn([k, m], rng);
    expect(relDiff(jacobianCentralDifference((Z) => matmul(W, Z), randn([m, 1], rng)), W)).toBeLessThan(1e-14);
  });

  it('L_CAE(W) = Lσ(W, Wᵀ) with λ = γ/2, values and autograd gradients', () => {
    for (const gamma of [0.5, 4, 30]) {
      const Wc = randn([k, m], rng).param('W');
      const Ws = Wc.detach().clone().param('W');
      const cae = contractiveLoss(Xc, Wc, gamma);
      const sum = laeLoss(Xc, Ws, Ws.transpose(), { loss: 'sum', lambda: gamma / 2 });
      expect(Math.abs(cae.item() - sum.item())).toBeLessThan(1e-12 * sum.item());
      cae.backward();
      sum.backward();
      expect(relDiff(Wc.grad!, Ws.grad!)).toBeLessThan(1e-12);
      const wrong = laeLoss(Xc, Ws, Ws.transpose(), { loss: 'sum', lambda: gamma }).item();
      expect(Math.abs(cae.item() - wrong)).toBeGreaterThan(1e-3 * wrong);
    }
  });
});
