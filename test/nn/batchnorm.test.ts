import { describe, expect, it } from 'vitest';
import { BatchNorm } from '../../src/nn/index.js';
import { Rng } from '../../src/random/rng.js';
import { noGrad, randn, type Tensor } from '../../src/tensor/index.js';
import { gradcheck } from '../helpers/gradcheck.js';

const rng = new Rng('bn');

/** Per-channel mean and biased variance over batch and positions, straight from the definition. */
function stats(x: Tensor): { mean: number[]; variance: number[]; count: number } {
  const [N, C] = x.shape as [number, number];
  const P = x.size / (N * C);
  const mean: number[] = [];
  const variance: number[] = [];
  for (let c = 0; c < C; c++) {
    const v: number[] = [];
    for (let n = 0; n < N; n++) for (let p = 0; p < P; p++) v.push(x.data[(n * C + c) * P + p]!);
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    mean.push(m);
    variance.push(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length);
  }
  return { mean, variance, count: N * P };
}

describe('BatchNorm', () => {
  it('training mode: y = γ(x − μ)/√(σ² + ε) + β per channel (N × C × H × W and N × C)', () => {
    for (const shape of [[3, 2, 2, 5], [6, 4]]) {
      const bn = new BatchNorm({ features: shape[1]!, name: 'bn' });
      bn.gamma.data.set(Array.from({ length: shape[1]! }, (_, c) => 1 + c));
      bn.beta.data.set(Array.from({ length: shape[1]! }, (_, c) => -c));
      const x = randn(shape, rng);
      const y = noGrad(() => bn.forward(x));
      const { mean, variance } = stats(x);
      const P = x.size / (shape[0]! * shape[1]!);
      for (let i = 0; i < x.size; i++) {
        const c = Math.floor(i / P) % shape[1]!;
        expect(y.data[i]).toBeCloseTo((1 + c) * (x.data[i]! - mean[c]!) / Math.sqrt(variance[c]! + 1e-5) - c, 12);
      }
    }
  });

  it('gradchecks in training mode (through the batch statistics) and in eval mode, x, γ and β; batch 1 with positions', () => {
    const bn = new BatchNorm({ features: 2, name: 'bn' });
    bn.gamma.data.set([0.7, -1.3]);
    bn.beta.data.set([0.2, 0.5]);
    gradcheck((x) => bn.forward(x), [randn([3, 2, 2, 3], rng), bn.gamma, bn.beta]);
    gradcheck((x) => bn.forward(x), [randn([1, 2, 3, 2], rng), bn.gamma, bn.beta]);
    bn.setTraining(false);
    gradcheck((x) => bn.forward(x), [randn([2, 2, 3, 3], rng), bn.gamma, bn.beta]);
  });

  it('running statistics after two steps follow (1 − m)·running + m·batch with the unbiased variance', () => {
    const bn = new BatchNorm({ features: 3, name: 'bn', momentum: 0.25 });
    const xs = [randn([4, 3, 2, 2], rng), randn([4, 3, 2, 2], rng).mul(3).add(1)];
    let mean = [0, 0, 0];
    let variance = [1, 1, 1];
    for (const x of xs) {
      noGrad(() => bn.forward(x));
      const s = stats(x);
      mean = mean.map((m, c) => 0.75 * m + 0.25 * s.mean[c]!);
      variance = variance.map((v, c) => 0.75 * v + 0.25 * s.variance[c]! * (s.count / (s.count - 1)));
    }
    mean.forEach((m, c) => expect(bn.runningMean.data[c]).toBeCloseTo(m, 13));
    variance.forEach((v, c) => expect(bn.runningVar.data[c]).toBeCloseTo(v, 13));
  });

  it('eval mode with the running statistics of a batch equals training mode on that batch', () => {
    const bn = new BatchNorm({ features: 2, name: 'bn', momentum: 1 }); // running = the last batch exactly
    const x = randn([5, 2, 3, 1], rng);
    const train = noGrad(() => bn.forward(x));
    // momentum 1 stores the unbiased variance; scale it back to the biased one training normalises by
    const count = 15;
    for (let c = 0; c < 2; c++) bn.runningVar.data[c] = bn.runningVar.data[c]! * (count - 1) / count;
    bn.setTraining(false);
    const evaluated = noGrad(() => bn.forward(x));
    evaluated.data.forEach((v, i) => expect(v).toBeCloseTo(train.data[i]!, 12));
  });

  it('names the layer and both shapes on a bad input', () => {
    const bn = new BatchNorm({ features: 3, name: 'stem.bn' });
    expect(() => bn.forward(randn([2, 4, 2, 2], rng))).toThrow(/BatchNorm stem\.bn: shapes \[2, 4, 2, 2\] and \[3\] do not fit/);
    expect(() => bn.forward(randn([1, 3], rng))).toThrow(/BatchNorm stem\.bn: .*more than one value per channel/);
  });
});
