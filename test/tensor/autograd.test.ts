import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng.js';
import {
  DivergenceError, ShapeError, SizeLimitError, assertFiniteTraining, eye, fromData, full, getMaxTensorElements, isGradEnabled,
  matmul, noGrad, ones, randn, setMaxTensorElements, tensor, zeros,
} from '../../src/tensor/index.js';

describe('autograd semantics', () => {
  it('diamond (x + x)·x: d/dx = 4x', () => {
    const x = tensor([1.5, -2, 3]).param('x');
    x.add(x).mul(x).sum().backward();
    expect(Array.from(x.grad!.data)).toEqual([6, -8, 12]);
  });

  it('a node reused by several consumers accumulates every path', () => {
    const x = tensor([[2]]).param('x');
    const y = x.mul(3); // reused below: L = y² + y + exp(0·y) → dL/dx = (2y + 1)·3
    y.square().add(y).add(y.mul(0).exp()).sum().backward();
    expect(x.grad!.item()).toBe((2 * 6 + 1) * 3);
  });

  it('deep chains do not overflow the stack (iterative topological sort)', () => {
    const x = tensor([1]).param('x');
    let y = x;
    for (let i = 0; i < 20000; i++) y = y.mul(1);
    y.sum().backward();
    expect(x.grad!.item()).toBe(1);
  });

  it('a second backward() adds the same gradients again; zeroGrad() starts fresh', () => {
    const x = tensor([1, 2]).param('x');
    const L = x.square().sum();
    L.backward();
    expect(Array.from(x.grad!.data)).toEqual([2, 4]);
    L.backward();
    expect(Array.from(x.grad!.data)).toEqual([4, 8]);
    x.zeroGrad();
    expect(x.grad).toBeNull();
    L.backward();
    expect(Array.from(x.grad!.data)).toEqual([2, 4]);
  });

  it('backward with an upstream gradient of the output shape', () => {
    const x = tensor([1, 2, 3]).param('x');
    x.mul(2).backward(tensor([1, 10, 100]));
    expect(Array.from(x.grad!.data)).toEqual([2, 20, 200]);
  });

  it('noGrad records nothing, restores the mode, even after a throw', () => {
    const x = tensor([1, 2]).param('x');
    const y = noGrad(() => {
      expect(isGradEnabled()).toBe(false);
      return x.mul(2);
    });
    expect(isGradEnabled()).toBe(true);
    expect(y.requiresGrad).toBe(false);
    expect(() => y.sum().backward()).toThrow(/does not require grad/);
    expect(() => noGrad(() => { throw new Error('boom'); })).toThrow('boom');
    expect(isGradEnabled()).toBe(true);
  });

  it('detach() shares values but stops gradients', () => {
    const x = tensor([3]).param('x');
    const d = x.detach();
    expect(d.data).toBe(x.data);
    x.mul(d).sum().backward(); // d is a constant: d/dx (x·3) = 3
    expect(x.grad!.item()).toBe(3);
  });

  it('tensors that do not require grad receive none', () => {
    const x = tensor([1, 2]).param('x');
    const c = tensor([5, 6]);
    x.mul(c).sum().backward();
    expect(c.grad).toBeNull();
  });

  it('backward on a non-scalar without a gradient is an error', () => {
    expect(() => tensor([1, 2]).param().mul(2).backward()).toThrow(/shape \[2\]/);
  });
});

describe('shape errors name the op and both shapes', () => {
  const a = zeros([2, 3]);
  it.each([
    ['add', () => a.add(zeros([4, 3])), /^add: shapes \[2, 3\] and \[4, 3\] cannot be broadcast/],
    ['mul', () => a.mul(zeros([2])), /^mul: shapes \[2, 3\] and \[2\]/],
    ['matmul', () => matmul(a, zeros([4, 5])), /^matmul: shapes \[2, 3\] and \[4, 5\] do not fit: inner dimensions 3 and 4 differ/],
    ['matmul Bᵀ', () => matmul(a, zeros([4, 5]), { transposeB: true }), /^matmul\(Bᵀ\): shapes \[2, 3\] and \[4, 5\]/],
    ['reshape', () => a.reshape([4, 2]), /^reshape: shapes \[2, 3\] and \[4, 2\] are incompatible/],
    ['mse', () => a.mse(zeros([3, 2])), /^mse: shapes \[2, 3\] and \[3, 2\] differ/],
    ['sum axis', () => a.sum(2), /^sum: shapes \[2, 3\] have no axis 2/],
    ['softmaxCrossEntropy', () => a.softmaxCrossEntropy([0]), /^softmaxCrossEntropy: shapes \[2, 3\] and \[1\]/],
  ])('%s', (_name, f, message) => {
    expect(f).toThrow(ShapeError);
    expect(f).toThrow(message);
  });
  it('out-of-range rows and labels', () => {
    expect(() => a.gatherRows([2])).toThrow(/gatherRows: index 2 out of range for 2 rows/);
    expect(() => a.sliceRows(1, 3)).toThrow(/sliceRows: range \[1, 3\)/);
    expect(() => a.softmaxCrossEntropy([0, 3])).toThrow(/label 3 at row 1/);
  });
});

describe('creation', () => {
  it('zeros, ones, full, eye, tensor, fromData', () => {
    expect(zeros([2, 2]).toArray()).toEqual([[0, 0], [0, 0]]);
    expect(ones([3]).toArray()).toEqual([1, 1, 1]);
    expect(full([1, 2], 7).toArray()).toEqual([[7, 7]]);
    expect(eye(2, 3).toArray()).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect(tensor([[1, 2], [3, 4]]).shape).toEqual([2, 2]);
    expect(tensor(5).shape).toEqual([]);
    expect(fromData(Float64Array.of(1, 2, 3, 4, 5, 6), [3, 2]).get(2, 1)).toBe(6);
  });
  it('ragged nested arrays and bad shapes are errors', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(/ragged nested array at \[1\]/);
    expect(() => zeros([2, -1])).toThrow(/zeros: shapes \[2, -1\] is not a valid shape/);
  });
  it('seeded rand/randn: same seed, same numbers; different seed, different numbers', () => {
    const a = randn([4, 4], new Rng(7));
    const b = randn([4, 4], new Rng(7));
    const c = randn([4, 4], new Rng(8));
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(Array.from(a.data)).not.toEqual(Array.from(c.data));
  });
  it('a tensor over the size limit is refused up front with the estimate', () => {
    const before = getMaxTensorElements();
    setMaxTensorElements(1000);
    try {
      expect(() => zeros([100, 100])).toThrow(SizeLimitError);
      expect(() => zeros([100, 100])).toThrow(/zeros: a tensor of shape \[100, 100\] needs 10000 elements/);
    } finally {
      setMaxTensorElements(before);
    }
  });
});

describe('divergence guard', () => {
  it('names the step and the parameter for NaN values, Inf gradients and a NaN loss', () => {
    const W = tensor([1, Number.NaN]).param('W1');
    expect(() => assertFiniteTraining(12, [W])).toThrow(DivergenceError);
    expect(() => assertFiniteTraining(12, [W])).toThrow(/^step 12: value of "W1" \[2\] is not finite \(NaN at flat index 1\)/);
    const V = tensor([1, 2]).param('W2');
    V.grad = tensor([Infinity, 0]);
    expect(() => assertFiniteTraining(3, [V])).toThrow(/step 3: gradient of "W2"/);
    expect(() => assertFiniteTraining(4, [], Number.NaN)).toThrow(/step 4: the loss is NaN/);
    expect(() => assertFiniteTraining(5, [tensor([1]).param('ok')], 1)).not.toThrow();
  });
});
