import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng.js';
import { accuracy, buildMlp, crossEntropy, Dense, fitStandardizer } from '../../src/nn/index.js';
import { tensor } from '../../src/tensor/index.js';

describe('Dense and Mlp', () => {
  it('draws W and B in U(−s, s) with He / Glorot half-widths, b = 0, B in the slot of Wᵀ', () => {
    const relu = new Dense({ inputSize: 50, outputSize: 20, activation: 'relu', rng: new Rng(1), name: 'l' });
    const tanh = new Dense({ inputSize: 50, outputSize: 20, activation: 'tanh', rng: new Rng(1), name: 'l' });
    expect(relu.W.shape).toEqual([20, 50]);
    expect(relu.B.shape).toEqual([50, 20]);
    expect(relu.b.shape).toEqual([1, 20]);
    expect(relu.initHalfWidth).toBeCloseTo(Math.sqrt(6 / 50), 15);
    expect(tanh.initHalfWidth).toBeCloseTo(Math.sqrt(6 / 70), 15);
    for (const v of [...relu.W.data, ...relu.B.data]) expect(Math.abs(v)).toBeLessThan(relu.initHalfWidth);
    expect([...relu.b.data].every((v) => v === 0)).toBe(true);
    expect([...relu.W.data]).not.toEqual([...relu.B.data]);
  });

  it('the same seed gives the same network; the forward pass is f(xWᵀ + b) layer by layer', () => {
    const a = buildMlp({ sizes: [3, 4, 2], activation: 'tanh', rng: new Rng(7) });
    const b = buildMlp({ sizes: [3, 4, 2], activation: 'tanh', rng: new Rng(7) });
    expect([...a.layers[0]!.W.data]).toEqual([...b.layers[0]!.W.data]);
    const x = tensor([[0.5, -1, 2], [1, 0, -0.5]]);
    const out = a.predict(x);
    // independent computation with plain loops
    const [L1, L2] = a.layers as [Dense, Dense];
    for (let n = 0; n < 2; n++) {
      const h = Array.from({ length: 4 }, (_, j) => Math.tanh([0, 1, 2].reduce((s, i) => s + L1.W.get(j, i) * x.get(n, i), 0) + L1.b.get(0, j)));
      for (let k = 0; k < 2; k++) {
        const z = h.reduce((s, hj, j) => s + L2.W.get(k, j) * hj, 0) + L2.b.get(0, k);
        expect(out.get(n, k)).toBeCloseTo(z, 12);
      }
    }
    expect(a.layers.map((l) => l.activation)).toEqual(['tanh', 'linear']);
    expect(() => buildMlp({ sizes: [3], activation: 'relu', rng: new Rng(0) })).toThrow(/at least input and output/);
    expect(() => buildMlp({ sizes: [3, 2], activation: 'softplus' as never, rng: new Rng(0) })).toThrow(/activation "softplus" is not one of/);
  });
});

describe('loss, accuracy, standardisation', () => {
  it('cross-entropy and accuracy match hand computations', () => {
    const z = tensor([[2, 1, 0], [0, 0, 3]]);
    const ce = (row: number[], y: number) => Math.log(row.reduce((s, v) => s + Math.exp(v), 0)) - row[y]!;
    expect(crossEntropy(z, [0, 1]).item()).toBeCloseTo((ce([2, 1, 0], 0) + ce([0, 0, 3], 1)) / 2, 14);
    expect(accuracy(z, [0, 1])).toBe(0.5);
    expect(accuracy(z, [0, 2])).toBe(1);
  });
  it('standardises with the training mean per feature and one overall std', () => {
    const train = tensor([[0, 10], [2, 14]]);
    const s = fitStandardizer(train);
    // centred: [[-1, -2], [1, 2]] → σ = √((1 + 4 + 1 + 4)/4) = √2.5
    const out = s(tensor([[1, 12], [3, 12]]));
    expect(out.get(0, 0)).toBeCloseTo(0, 15);
    expect(out.get(1, 0)).toBeCloseTo(2 / Math.sqrt(2.5), 14);
    expect(() => fitStandardizer(tensor([[1, 1], [1, 1]]))).toThrow(/constant/);
  });
});
