import { describe, expect, it } from 'vitest';
import { Primitives } from '../../src/alignment/index.js';
import { Conv2d } from '../../src/nn/index.js';
import { Rng } from '../../src/random/rng.js';
import { conv2d, convWindow, fold, noGrad, randn, unfold, zeros } from '../../src/tensor/index.js';
import { gradcheck } from '../helpers/gradcheck.js';

const rng = new Rng('conv-primitives');

describe('unfold / fold (im2col / col2im as ops)', () => {
  const x = randn([2, 3, 5, 4], rng);
  const g = convWindow('test', x, [3, 2], [], [2, 1], [1, 1]);
  it('are adjoint: ⟨unfold(x), r⟩ = ⟨x, fold(r)⟩', () => {
    const r = randn([g.N * g.Ho * g.Wo, g.C * g.kh * g.kw], rng);
    const lhs = noGrad(() => unfold(x, g).mul(r).sum().item());
    const rhs = noGrad(() => x.mul(fold(r, g)).sum().item());
    expect(lhs).toBeCloseTo(rhs, 12);
  });
  it('gradcheck', () => {
    gradcheck((x) => unfold(x, g), [x.clone()]);
    gradcheck((r) => fold(r, g), [randn([g.N * g.Ho * g.Wo, g.C * g.kh * g.kw], rng)]);
  });
});

describe('conv-layer primitives equal the reference operator form (conv2d projections, conv2d_transpose reconstructions)', () => {
  it('decay, sparse, null, self, amp on a Conv2d layer', () => {
    const layer = new Conv2d({ inChannels: 2, outChannels: 3, kernel: [3, 2], stride: [1, 2], padding: 1, rng: rng.fork('c'), name: 'c' });
    const x = randn([4, 2, 5, 6], rng);
    const B = randn([layer.inputSize, layer.outputSize], rng);
    layer.forward(x);
    const p = new Primitives(layer.rows!, layer.W, B, layer.rowsLayout());
    const opts = { kernel: layer.kernel, stride: layer.stride, padding: layer.padding };
    const N = x.shape[0]!;
    noGrad(() => {
      const Bk = B.transpose(); // the backward kernel, in W's shape
      const fp = conv2d(x, layer.W, null, opts); // forward projection
      const bp = conv2d(x, Bk, null, opts); // backward projection
      expect(p.amp().item()).toBeCloseTo(-fp.mul(bp).sum().item() / N, 10);
      expect(p.sparse().item()).toBeCloseTo((fp.sumSquares().item() + bp.sumSquares().item()) / N, 10);
      expect(p.self().item()).toBeCloseTo(-layer.W.mul(Bk).sum().item(), 12);
      expect(p.decay().item()).toBeCloseTo(layer.W.sumSquares().item() + B.sumSquares().item(), 12);
    });
    // null: the forward reconstruction conv2d_transpose(fp, backward kernel) = ∂/∂x ⟨conv2d(x, Bᵀ), fp⟩,
    // through autograd's own transposed convolution
    const probe = zeros(x.shape as number[]).param();
    const fp = noGrad(() => conv2d(x, layer.W, null, opts));
    conv2d(probe, noGrad(() => B.transpose()), null, opts).backward(fp);
    const reconstruction = probe.grad!;
    expect(noGrad(() => p.null().item())).toBeCloseTo(reconstruction.sumSquares().item() / N, 10);
  });
});
