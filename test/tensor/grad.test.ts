import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng.js';
import {
  abs, add, concatRows, div, exp, log, matmul, mean, mse, mul, neg, pow, randn, relu, sigmoid, softmaxCrossEntropy,
  sqrt, square, sub, sum, sumSquares, tanh, trace, transpose, rand, type Tensor,
} from '../../src/tensor/index.js';
import { gradcheck } from '../helpers/gradcheck.js';

const rng = new Rng('grad-tests');
const N = (shape: number[]): Tensor => randn(shape, rng);
/** Values bounded away from 0 (for log, sqrt, div, pow, abs, relu kinks). */
const P = (shape: number[]): Tensor => rand(shape, rng, 0.5, 2);
const awayFromZero = (shape: number[]): Tensor => {
  const t = P(shape);
  for (let i = 0; i < t.size; i++) if (rng.uniform() < 0.5) t.data[i] = -t.data[i]!;
  return t;
};

describe('gradient checks: binary ops with NumPy broadcasting', () => {
  const patterns: [string, number[], number[]][] = [
    ['same shape', [3, 4], [3, 4]],
    ['scalar (rank 0) right', [3, 4], []],
    ['scalar (rank 0) left', [], [3, 4]],
    ['row vector [n]', [3, 4], [4]],
    ['row vector [1,n]', [3, 4], [1, 4]],
    ['column vector [m,1]', [3, 4], [3, 1]],
    ['outer product [m,1] with [1,n]', [3, 1], [1, 4]],
    ['trailing dimensions 3-D', [2, 3, 4], [3, 4]],
    ['middle broadcast 3-D', [2, 3, 4], [2, 1, 4]],
    ['both broadcast 3-D', [2, 1, 4], [1, 3, 1]],
    ['1×1 against matrix', [1, 1], [3, 4]],
  ];
  for (const [label, sa, sb] of patterns) {
    it(`add / sub / mul / div: ${label} ${JSON.stringify(sa)} ∘ ${JSON.stringify(sb)}`, () => {
      gradcheck(add, [N(sa), N(sb)]);
      gradcheck(sub, [N(sa), N(sb)]);
      gradcheck(mul, [N(sa), N(sb)]);
      gradcheck(div, [N(sa), awayFromZero(sb)]);
    });
  }
  it('a number operand is a constant scalar', () => {
    gradcheck((x) => x.mul(3).add(1).div(2).sub(5), [N([2, 3])]);
    gradcheck((x) => add(2, x), [N([4])]);
  });
});

describe('gradient checks: unary ops', () => {
  const cases: [string, (x: Tensor) => Tensor, (s: number[]) => Tensor][] = [
    ['neg', neg, N], ['square', square, N], ['sqrt', sqrt, P], ['exp', exp, N], ['log', log, P],
    ['abs', abs, awayFromZero], ['relu', relu, awayFromZero], ['sigmoid', sigmoid, N], ['tanh', tanh, N],
    ['pow 3', (x) => pow(x, 3), N], ['pow −1.5', (x) => pow(x, -1.5), P], ['pow 0.5', (x) => pow(x, 0.5), P],
  ];
  for (const [name, f, make] of cases) {
    it(name, () => {
      gradcheck(f, [make([3, 5])]);
      gradcheck(f, [make([7])]);
    });
  }
  it('sigmoid is stable in both tails', () => {
    const s = sigmoid(randn([1], rng).mul(0).add(-800));
    expect(s.item()).toBe(0);
    expect(sigmoid(randn([1], rng).mul(0).add(800)).item()).toBe(1);
  });
});

describe('gradient checks: reductions', () => {
  for (const shape of [[5], [3, 4], [2, 3, 4]]) {
    it(`sum / mean of all, shape ${JSON.stringify(shape)}`, () => {
      gradcheck((x) => sum(x), [N(shape)]);
      gradcheck((x) => mean(x), [N(shape)]);
      gradcheck((x) => x.sum(undefined, true), [N(shape)]);
    });
    for (let axis = -1; axis < shape.length; axis++) {
      it(`sum / mean along axis ${axis}, keepdims both ways, shape ${JSON.stringify(shape)}`, () => {
        gradcheck((x) => x.sum(axis), [N(shape)]);
        gradcheck((x) => x.sum(axis, true), [N(shape)]);
        gradcheck((x) => x.mean(axis), [N(shape)]);
        gradcheck((x) => x.mean(axis, true), [N(shape)]);
      });
    }
  }
  it('sumSquares (squared Frobenius norm) and trace', () => {
    gradcheck(sumSquares, [N([4, 3])]);
    gradcheck(trace, [N([4, 4])]);
    gradcheck(trace, [N([3, 5])]);
  });
});

describe('gradient checks: matmul with transpose flags', () => {
  // small shapes use the strided loop; larger ones (M·N·K > 4096) the packed, register-tiled path
  for (const [M, K, Nn] of [[2, 3, 4], [1, 5, 1], [21, 17, 19], [9, 33, 6]]) {
    for (const ta of [false, true]) {
      for (const tb of [false, true]) {
        it(`${M}×${K} · ${K}×${Nn}, transposeA=${ta}, transposeB=${tb}`, () => {
          const a = N(ta ? [K, M] : [M, K]);
          const b = N(tb ? [Nn, K] : [K, Nn]);
          gradcheck((x, y) => matmul(x, y, { transposeA: ta, transposeB: tb }), [a, b]);
        });
      }
    }
  }
  it('transpose', () => gradcheck(transpose, [N([3, 5])]));
  it('A·Aᵀ with the same tensor on both sides', () => gradcheck((a) => matmul(a, a, { transposeB: true }), [N([4, 3])]));
});

describe('gradient checks: layout ops and losses', () => {
  it('reshape (with −1)', () => gradcheck((x) => x.reshape([2, -1]).mul(x.reshape([2, 6])), [N([3, 4])]));
  it('gatherRows with repeated indices', () => gradcheck((x) => x.gatherRows([2, 0, 2, 1]), [N([3, 4])]));
  it('sliceRows', () => gradcheck((x) => x.sliceRows(1, 3), [N([4, 2])]));
  it('concatRows', () => gradcheck((x, y) => concatRows([x, y, x]), [N([2, 3]), N([1, 3])]));
  it('softmax cross-entropy', () => gradcheck((z) => softmaxCrossEntropy(z, [0, 3, 1, 1, 2]), [N([5, 4])]));
  it('softmax cross-entropy with huge logits stays finite and correct', () => {
    const z = N([3, 4]).mul(1000);
    const loss = softmaxCrossEntropy(z, [0, 1, 2]);
    expect(Number.isFinite(loss.item())).toBe(true);
    gradcheck((x) => softmaxCrossEntropy(x.mul(50), [0, 1, 2]), [N([3, 4])], 2, { eps: 1e-7 });
  });
  it('mse', () => gradcheck(mse, [N([3, 4]), N([3, 4])]));
});

describe('gradient checks: composite graphs', () => {
  it('the sum-regularized LAE loss ‖X − W2W1X‖² + λ(‖W1‖² + ‖W2‖²)', () => {
    const X = N([5, 7]);
    gradcheck(
      (W1, W2) => sumSquares(X.sub(W2.matmul(W1.matmul(X)))).add(sumSquares(W1).add(sumSquares(W2)).mul(0.7)),
      [N([2, 5]), N([5, 2])],
    );
  });
  it('a two-layer MLP with bias broadcasting and softmax cross-entropy', () => {
    const X = N([6, 4]);
    gradcheck(
      (W1, b1, W2, b2) => X.matmul(W1, { transposeB: true }).add(b1).tanh().matmul(W2, { transposeB: true }).add(b2).softmaxCrossEntropy([0, 1, 2, 0, 1, 2]),
      [N([5, 4]), N([5]), N([3, 5]), N([3])],
    );
  });
});
