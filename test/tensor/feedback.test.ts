import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng.js';
import { conv2d, ErrorTap, linear, matmul, noGrad, randn, softmaxCrossEntropy, tapError, Tensor, type InputGradient, type FloatArray } from '../../src/tensor/index.js';
import { gradcheck } from '../helpers/gradcheck.js';

const rng = new Rng('feedback-ops');
const N = (shape: number[]): Tensor => randn(shape, rng);

/** Independent reference: a direct 6-deep loop over the definition of cross-correlation. */
function naiveConv(x: Tensor, Wk: Tensor, b: Tensor | null, kh: number, kw: number, [sh, sw]: number[], [ph, pw]: number[]): number[] {
  const [n, c, h, w] = x.shape as number[];
  const co = Wk.shape[0]!;
  const ho = Math.floor((h! + 2 * ph! - kh) / sh!) + 1;
  const wo = Math.floor((w! + 2 * pw! - kw) / sw!) + 1;
  const out: number[] = [];
  for (let i = 0; i < n!; i++) for (let o = 0; o < co; o++) for (let y = 0; y < ho; y++) for (let z = 0; z < wo; z++) {
    let s = b === null ? 0 : b.data[o]!;
    for (let ci = 0; ci < c!; ci++) for (let u = 0; u < kh; u++) for (let v = 0; v < kw; v++) {
      const yy = y * sh! - ph! + u;
      const zz = z * sw! - pw! + v;
      if (yy < 0 || yy >= h! || zz < 0 || zz >= w!) continue;
      s += x.data[((i * c! + ci) * h! + yy) * w! + zz]! * Wk.data[((o * c! + ci) * kh + u) * kw + v]!;
    }
    out.push(s);
  }
  return out;
}

/** ∂/∂x of Σ f(x) ⊙ G for a fixed G: the input gradient an op delivers. */
function inputGrad(f: (x: Tensor) => Tensor, x0: Tensor, G: Tensor): FloatArray {
  const x = x0.clone().param();
  f(x).backward(G);
  return x.grad!.data;
}

const cases: { label: string; x: number[]; cout: number; k: [number, number]; stride: [number, number]; pad: [number, number] }[] = [
  { label: '3×3, stride 1, no padding', x: [2, 2, 5, 5], cout: 3, k: [3, 3], stride: [1, 1], pad: [0, 0] },
  { label: 'non-square input and kernel, stride 2, padding 1', x: [2, 3, 5, 7], cout: 2, k: [2, 3], stride: [2, 2], pad: [1, 1] },
  { label: 'different strides and paddings per axis, batch 1', x: [1, 2, 6, 4], cout: 4, k: [3, 2], stride: [2, 1], pad: [2, 0] },
  { label: '1×1 kernel, stride 2 (a ResNet shortcut)', x: [3, 4, 4, 4], cout: 2, k: [1, 1], stride: [2, 2], pad: [0, 0] },
  { label: '5×5 kernel, padding 2 (LeNet-5 first layer)', x: [1, 1, 6, 6], cout: 2, k: [5, 5], stride: [1, 1], pad: [2, 2] },
];

describe('linear y = xWᵀ + b with a feedback path', () => {
  it('forward is xWᵀ + b and gradchecks (x, W, b; batch 1 and 4)', () => {
    for (const rows of [1, 4]) {
      const [x, W, b] = [N([rows, 5]), N([3, 5]), N([3])];
      const y = linear(x, W, b);
      const ref = noGrad(() => matmul(x, W, { transposeB: true }).add(b));
      expect([...y.data].map((v, i) => v - ref.data[i]!).every((d) => Math.abs(d) < 1e-14)).toBe(true);
      gradcheck((x, W, b) => linear(x, W, b), [x, W, b]);
      gradcheck((x, W) => linear(x, W, null), [N([rows, 5]), N([3, 5])]);
    }
  });

  it('with B = Wᵀ the feedback op equals the plain op exactly (all gradients)', () => {
    const [x0, W0, b0, G] = [N([6, 7]), N([4, 7]), N([4]), N([6, 4])];
    const run = (input: InputGradient | undefined): FloatArray[] => {
      const [x, W, b] = [x0.clone().param(), W0.clone().param(), b0.clone().param()];
      linear(x, W, b, input ? { input } : {}).backward(G);
      return [x.grad!.data, W.grad!.data, b.grad!.data];
    };
    const plain = run(undefined);
    const fb = run({ kind: 'feedback', B: noGrad(() => W0.transpose()) });
    fb.forEach((g, i) => expect([...g]).toEqual([...plain[i]!]));
  });

  it('with random B: ∂x = δBᵀ, while ∇W = δᵀx and ∇b = Σδ stay the true gradients', () => {
    const [x0, W0, b0, G, B] = [N([5, 3]), N([2, 3]), N([2]), N([5, 2]), N([3, 2])];
    const [x, W, b] = [x0.clone().param(), W0.clone().param(), b0.clone().param()];
    linear(x, W, b, { input: { kind: 'feedback', B } }).backward(G);
    const ref = [x0, W0, b0].map((t) => t.clone().param());
    linear(ref[0]!, ref[1]!, ref[2]!).backward(G);
    const gx = noGrad(() => matmul(G, B, { transposeB: true }));
    x.grad!.data.forEach((v, i) => expect(v).toBeCloseTo(gx.data[i]!, 13));
    expect([...W.grad!.data]).toEqual([...ref[1]!.grad!.data]);
    expect([...b.grad!.data]).toEqual([...ref[2]!.grad!.data]);
  });

  it('direct: the hidden layer receives (e·Bᵀ) ⊙ f′(a), e = ∂L/∂logits caught by tapError', () => {
    const [x, W1, W2, Bd] = [N([4, 3]), N([5, 3]).param(), N([2, 5]).param(), N([5, 2])];
    const labels = [0, 1, 1, 0];
    const tap = new ErrorTap();
    let delta1: Tensor | null = null;
    const a1 = linear(x, W1, null, { onDelta: (d) => { delta1 = d; } });
    const logits = tapError(linear(a1.tanh(), W2, null, { input: { kind: 'direct', B: Bd, tap } }), tap);
    softmaxCrossEntropy(logits, labels).backward();
    // e is the true output error (softmax − one-hot)/N
    const p = noGrad(() => logits.exp().div(logits.exp().sum(1, true)));
    tap.error!.data.forEach((v, i) => expect(v).toBeCloseTo((p.data[i]! - (labels[Math.floor(i / 2)] === i % 2 ? 1 : 0)) / 4, 14));
    const expected = noGrad(() => matmul(tap.error!, Bd, { transposeB: true }).mul(a1.tanh().square().neg().add(1)));
    delta1!.data.forEach((v, i) => expect(v).toBeCloseTo(expected.data[i]!, 14));
    // without a tap the op says what is missing
    const lost = linear(linear(x, W1, null), W2, null, { input: { kind: 'direct', B: Bd, tap: new ErrorTap() } });
    expect(() => lost.sum().backward()).toThrow(/direct feedback needs the output error/);
  });

  it('names the op and both shapes on a mismatch', () => {
    expect(() => linear(N([2, 3]), N([4, 5]), null)).toThrow(/linear: shapes \[2, 3\] and \[4, 5\]/);
    expect(() => linear(N([2, 3]), N([4, 3]), N([5]))).toThrow(/linear: shapes \[4, 3\] and \[5\]/);
    expect(() => linear(N([2, 3]), N([4, 3]), null, { input: { kind: 'feedback', B: N([4, 3]) } })).toThrow(/linear \(feedback B\): shapes \[4, 3\] and \[4, 3\].*\[3, 4\]/);
  });
});

describe('conv2d by im2col with a feedback path', () => {
  for (const c of cases) {
    it(`forward matches the definition and gradchecks: ${c.label}`, () => {
      const [x, Wk, b] = [N(c.x), N([c.cout, c.x[1]!, ...c.k]), N([c.cout])];
      const opts = { stride: c.stride, padding: c.pad };
      const y = conv2d(x, Wk, b, opts);
      const ref = naiveConv(x, Wk, b, c.k[0], c.k[1], c.stride, c.pad);
      expect(y.size).toBe(ref.length);
      y.data.forEach((v, i) => expect(v).toBeCloseTo(ref[i]!, 12));
      gradcheck((x, Wk, b) => conv2d(x, Wk, b, opts), [x, Wk, b]);
      // the kernel as a C_out × (C_in·kh·kw) matrix, as the feedback layers store it
      const Wm = new Tensor(Wk.data.slice(), [c.cout, Wk.size / c.cout]);
      gradcheck((x, Wm) => conv2d(x, Wm, null, { ...opts, kernel: c.k }), [x, Wm]);
    });

    it(`feedback B = Wᵀ equals the plain op exactly; random B gives the transposed convolution with B: ${c.label}`, () => {
      const cin = c.x[1]!;
      const K = cin * c.k[0] * c.k[1];
      const [x0, Wm0, b0] = [N(c.x), N([c.cout, K]), N([c.cout])];
      const opts = { stride: c.stride, padding: c.pad, kernel: c.k };
      const G = N(noGrad(() => conv2d(x0, Wm0, b0, opts)).shape as number[]);
      const run = (input?: InputGradient): FloatArray[] => {
        const [x, Wm, b] = [x0.clone().param(), Wm0.clone().param(), b0.clone().param()];
        conv2d(x, Wm, b, input ? { ...opts, input } : opts).backward(G);
        return [x.grad!.data, Wm.grad!.data, b.grad!.data];
      };
      const plain = run();
      run({ kind: 'feedback', B: noGrad(() => Wm0.transpose()) }).forEach((g, i) => expect([...g]).toEqual([...plain[i]!]));
      // with random B: ∂x is the true ∂x of the convolution whose kernel matrix is Bᵀ
      const B = N([K, c.cout]);
      const fb = run({ kind: 'feedback', B });
      const viaB = inputGrad((x) => conv2d(x, noGrad(() => B.transpose()), b0, opts), x0, G);
      fb[0]!.forEach((v, i) => expect(v).toBeCloseTo(viaB[i]!, 12));
      expect([...fb[1]!]).toEqual([...plain[1]!]);
      expect([...fb[2]!]).toEqual([...plain[2]!]);
    });
  }

  it('hands the unfolded patches to onRows (rows = N·H_out·W_out, columns = C_in·kh·kw)', () => {
    let rows: Tensor | null = null;
    const x = N([2, 3, 5, 4]);
    conv2d(x, N([2, 3, 3, 3]), null, { padding: 1, onRows: (r) => { rows = r; } });
    expect(rows!.shape).toEqual([2 * 5 * 4, 27]);
    // centre of the first patch of image 0 is x[0, 0, 0, 0]
    expect(rows!.get(0, 4)).toBe(x.get(0, 0, 0, 0));
    expect(rows!.get(0, 0)).toBe(0); // padding
  });

  it('names the op and both shapes on a mismatch', () => {
    expect(() => conv2d(N([2, 3, 5, 5]), N([4, 2, 3, 3]), null)).toThrow(/conv2d: shapes \[2, 3, 5, 5\] and \[4, 2, 3, 3\]/);
    expect(() => conv2d(N([2, 3, 2, 2]), N([4, 3, 3, 3]), null)).toThrow(/conv2d: shapes \[2, 3, 2, 2\] and \[4, 3, 3, 3\].*larger than the 2×2 input/);
    expect(() => conv2d(N([2, 12]), N([4, 3, 3, 3]), null)).toThrow(/conv2d: shapes \[2, 12\] and \[4, 3, 3, 3\].*N × C × H × W/);
    expect(() => conv2d(N([1, 1, 4, 4]), N([2, 1, 3, 3]), null, { stride: 0 })).toThrow(/conv2d: stride must be an integer ≥ 1, got 0/);
  });
});
