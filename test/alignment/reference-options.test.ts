/**
 * The reference's formulation of the local losses (Neural-Alignment flags use_bias_forward /
 * use_bias_backward, center_input, update_forward), each against a closed form written in the test.
 */
import { describe, expect, it } from 'vitest';
import { activationAlignment, AlignmentTrainer, defineRule, informationAlignment, Primitives, symmetricAlignment, type LossContext } from '../../src/alignment/index.js';
import { buildMlp, Conv2d, Dense, Flatten, Network } from '../../src/nn/index.js';
import { Rng } from '../../src/random/rng.js';
import { convWindow, fromData, randn, unfold, type Tensor } from '../../src/tensor/index.js';

const ctx = (rng: Rng): LossContext => ({ layer: 1, layers: 1, step: 0, rng, noise: () => { throw new Error('unused'); } });

describe('projections with the layer bias, a = Wx + b', () => {
  const rng = new Rng(31);
  const N = 9;
  const x = randn([N, 6], rng);
  const W = randn([4, 6], rng);
  const b = randn([1, 4], rng);

  it('IA with α = 2β: the B-gradient is (2β/N) Σ (B a_n − x_n) a_nᵀ + 2γB, the LAE that reconstructs x from the pre-activation a', () => {
    const B = randn([6, 4], rng).param();
    const beta = 0.6;
    const gamma = 0.03;
    informationAlignment.with({ alpha: 2 * beta, beta, gamma }).feedbackLoss!(new Primitives(x, W, B, { bias: b }), ctx(rng)).backward();
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 4; j++) {
        let g = 0;
        for (let n = 0; n < N; n++) {
          const a = (k: number) => { let v = b.get(0, k); for (let m = 0; m < 6; m++) v += W.get(k, m) * x.get(n, m); return v; };
          let Ba = 0;
          for (let k = 0; k < 4; k++) Ba += B.get(i, k) * a(k);
          g += (Ba - x.get(n, i)) * a(j);
        }
        expect(B.grad!.get(i, j)).toBeCloseTo((2 * beta * g) / N + 2 * gamma * B.get(i, j), 11);
      }
    }
  });

  it('AA with β = 2α: the biases cancel, the loss is α·mean‖Wx − Bᵀx‖² either way', () => {
    const B = randn([6, 4], rng);
    const aa = activationAlignment.with({ alpha: 0.4, beta: 0.8 });
    const plain = aa.feedbackLoss!(new Primitives(x, W, B), ctx(rng)).item();
    expect(aa.feedbackLoss!(new Primitives(x, W, B, { bias: b }), ctx(rng)).item()).toBeCloseTo(plain, 11);
  });
});

/** A rule whose loss records the Primitives it was given (and trains B by SA). */
function recorder(): { rule: ReturnType<typeof defineRule>; seen: Primitives[] } {
  const seen: Primitives[] = [];
  const rule = defineRule({
    name: 'recorder', label: 'recorder', summary: 'records its inputs', feedback: 'learned',
    feedbackLoss: (p) => { seen.push(p); return p.decay().mul(1e-3).add(p.self().mul(2e-3)); },
  });
  return { rule, seen };
}

describe('trainer options: alignment.bias, centerInput, updateForward', () => {
  const x = randn([16, 10], new Rng('x'));
  const y = Array.from({ length: 16 }, (_, i) => i % 3);
  const net = () => buildMlp({ sizes: [10, 8, 3], activation: 'relu', rng: new Rng(4) });

  it('bias: on by default (the layer b), off with bias: false', () => {
    for (const bias of [undefined, false]) {
      const { rule, seen } = recorder();
      const t = new AlignmentTrainer(net(), rule, { rng: new Rng(1), lr: 0.01, alignment: bias === undefined ? {} : { bias } });
      t.gradients(x, y);
      seen.forEach((p, l) => (bias === false ? expect(p.layout.bias).toBeUndefined() : expect(p.layout.bias!.data).toEqual(t.layers[l]!.b.data)));
    }
  });

  it('centerInput: each example of the local loss’s input has mean 0 over its features, and is the raw input minus that mean', () => {
    const { rule, seen } = recorder();
    const t = new AlignmentTrainer(net(), rule, { rng: new Rng(1), lr: 0.01, alignment: { centerInput: true } });
    t.gradients(x, y);
    const p = seen[0]!; // layer 1: its input is x
    for (let n = 0; n < 16; n++) {
      let m = 0;
      for (let i = 0; i < 10; i++) m += x.get(n, i) / 10;
      for (let i = 0; i < 10; i++) expect(p.x.get(n, i)).toBeCloseTo(x.get(n, i) - m, 12);
    }
    expect(t.layers.length).toBe(2);
  });

  it('centerInput on a conv layer: the image is centred first and then unfolded (padding stays 0)', () => {
    const { rule, seen } = recorder();
    const rng = new Rng(5);
    const conv = new Conv2d({ inChannels: 2, outChannels: 3, kernel: 3, padding: 1, rng, name: 'c1' });
    const network = new Network('tiny-conv', [conv, new Flatten(), new Dense({ inputSize: 3 * 4 * 4, outputSize: 3, rng, name: 'fc' })], [2, 4, 4], 3);
    const images = randn([5, 2, 4, 4], new Rng(6));
    const t = new AlignmentTrainer(network, rule, { rng: new Rng(1), lr: 0.01, alignment: { centerInput: true } });
    t.gradients(images, [0, 1, 2, 0, 1]);
    const centred: number[] = [];
    for (let n = 0; n < 5; n++) {
      const block = Array.from(images.data.subarray(n * 32, (n + 1) * 32));
      const m = block.reduce((s, v) => s + v, 0) / 32;
      centred.push(...block.map((v) => v - m));
    }
    const image = fromData(Float64Array.from(centred), [5, 2, 4, 4]);
    const expected = unfold(image, convWindow('test', image, [3, 3], [3, 18], 1, 1));
    expect(Array.from(seen[0]!.x.data).map((v) => Number(v.toFixed(12)))).toEqual(Array.from(expected.data).map((v) => Number(v.toFixed(12))));
  });

  it('updateForward: W also descends the local loss; for SA its W-gradient adds 2αW − βBᵀ to the task gradient', () => {
    const grads = (updateForward: boolean): { W: Tensor[]; B: Tensor[] } => {
      const t = new AlignmentTrainer(net(), symmetricAlignment, { rng: new Rng(1), lr: 0.01, alignment: { updateForward } });
      t.gradients(x, y);
      return { W: t.layers.map((l) => l.W.grad!.clone()), B: t.layers.map((l) => l.B.clone()) };
    };
    const off = grads(false);
    const on = grads(true);
    const Wt = net().feedbackLayers(); // the same initial W (same seed)
    for (let l = 0; l < 2; l++) {
      const W = Wt[l]!.W;
      for (let i = 0; i < W.rows; i++) {
        for (let j = 0; j < W.cols; j++) {
          expect(on.W[l]!.get(i, j) - off.W[l]!.get(i, j)).toBeCloseTo(2e-3 * W.get(i, j) - 2e-3 * off.B[l]!.get(j, i), 12);
        }
      }
    }
  });
});
