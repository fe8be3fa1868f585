import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng.js';
import { ActivationModule, Conv2d, Dense, Flatten, Network, Residual, Sequential } from '../../src/nn/index.js';
import { noGrad, randn, type Tensor } from '../../src/tensor/index.js';
import { gradcheck } from '../helpers/gradcheck.js';

const rng = new Rng('layers');

/** Gradcheck of a module in x and all its parameters (perturbed in place by gradcheck). */
function checkModule(m: { forward(x: Tensor): Tensor; parameters(): Tensor[] }, x: Tensor): void {
  gradcheck((xi) => m.forward(xi), [x, ...m.parameters()]);
}

describe('layers gradcheck as modules (x and every parameter)', () => {
  it('Dense with tanh, batch 1 and 3', () => {
    for (const n of [1, 3]) checkModule(new Dense({ inputSize: 4, outputSize: 3, activation: 'tanh', rng: rng.fork(`d${n}`), name: 'd' }), randn([n, 4], rng));
  });

  it('Conv2d: stride 2, padding 1, non-square input and kernel, batch 1', () => {
    const conv = new Conv2d({ inChannels: 2, outChannels: 3, kernel: [3, 2], stride: 2, padding: 1, rng: rng.fork('c'), name: 'c' });
    checkModule(conv, randn([1, 2, 5, 7], rng));
    expect(conv.W.shape).toEqual([3, 2 * 3 * 2]);
    expect(conv.B.shape).toEqual([12, 3]);
  });

  it('Residual blocks: identity shortcut and 1×1-conv projection with stride 2; Flatten', () => {
    const r = rng.fork('res');
    const body = (cin: number, cout: number, stride: number) => new Sequential('body', [
      new Conv2d({ inChannels: cin, outChannels: cout, kernel: 3, stride, padding: 1, rng: r.fork(`a${cin}${stride}`), name: 'a' }),
      new ActivationModule('tanh'),
      new Conv2d({ inChannels: cout, outChannels: cout, kernel: 3, padding: 1, rng: r.fork(`b${cin}${stride}`), name: 'b' }),
    ]);
    checkModule(new Residual('id', body(2, 2, 1), null, 'tanh'), randn([2, 2, 4, 5], rng));
    const proj = new Conv2d({ inChannels: 2, outChannels: 3, kernel: 1, stride: 2, rng: r.fork('p'), name: 'p' });
    const block = new Residual('proj', body(2, 3, 2), proj, 'tanh');
    checkModule(new Sequential('s', [block, new Flatten()]), randn([2, 2, 5, 4], rng));
    expect(block.feedbackLayers().map((l) => l.name)).toEqual(['a', 'b', 'p']);
    expect(() => new Residual('bad', body(2, 3, 2), null).forward(randn([1, 2, 4, 4], rng))).toThrow(/Residual bad: body output \[1, 3, 2, 2\] and shortcut output \[1, 2, 4, 4\] differ/);
  });

  it('with every layer in feedback mode and B = Wᵀ, a network gives the plain gradients exactly', () => {
    const build = () => new Network('n', [
      new Conv2d({ inChannels: 1, outChannels: 2, kernel: 3, padding: 1, rng: new Rng('n1'), name: 'c1' }),
      new ActivationModule('relu'),
      new Residual('r', new Conv2d({ inChannels: 2, outChannels: 2, kernel: 3, padding: 1, rng: new Rng('n2'), name: 'c2' }), null),
      new Flatten(),
      new Dense({ inputSize: 2 * 4 * 4, outputSize: 3, rng: new Rng('n3'), name: 'fc' }),
    ], [1, 4, 4], 3);
    const x = randn([2, 1, 4, 4], rng);
    const G = randn([2, 3], rng);
    const grads = (feedback: boolean): number[][] => {
      const net = build();
      if (feedback) for (const l of net.feedbackLayers()) { l.B = noGrad(() => l.W.transpose()); l.mode = { kind: 'feedback' }; }
      const xi = x.clone().param();
      net.forward(xi).backward(G);
      return [xi, ...net.parameters()].map((p) => [...p.grad!.data]);
    };
    expect(grads(true)).toEqual(grads(false));
  });

  it('layers name themselves and both shapes on a bad input', () => {
    expect(() => new Dense({ inputSize: 4, outputSize: 2, rng, name: 'fc1' }).forward(randn([2, 5], rng))).toThrow(/Dense fc1: input of shape \[2, 5\] does not fit W of shape \[2, 4\]/);
    expect(() => new Conv2d({ inChannels: 3, outChannels: 2, kernel: 3, rng, name: 'conv1' }).forward(randn([2, 1, 5, 5], rng))).toThrow(/Conv2d conv1: input of shape \[2, 1, 5, 5\] does not fit kernel \[2, 3, 3, 3\]/);
    expect(() => new Conv2d({ inChannels: 0, outChannels: 2, kernel: 3, rng, name: 'c' })).toThrow(/Conv2d c: inChannels must be a positive integer, got 0/);
  });
});
