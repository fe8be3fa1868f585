import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng.js';
import { avgPool2d, globalAvgPool2d, maxPool2d, randn, tensor, type Tensor } from '../../src/tensor/index.js';
import { gradcheck } from '../helpers/gradcheck.js';

const rng = new Rng('pool');

/** Independent reference: pooling straight from the definition (padding = −∞ for max, 0 for mean). */
function naivePool(x: Tensor, kind: 'max' | 'avg', [kh, kw]: number[], [sh, sw]: number[], [ph, pw]: number[]): number[] {
  const [N, C, H, W] = x.shape as number[];
  const Ho = Math.floor((H! + 2 * ph! - kh!) / sh!) + 1;
  const Wo = Math.floor((W! + 2 * pw! - kw!) / sw!) + 1;
  const out: number[] = [];
  for (let n = 0; n < N!; n++) for (let c = 0; c < C!; c++) for (let i = 0; i < Ho; i++) for (let j = 0; j < Wo; j++) {
    const vals: number[] = [];
    for (let u = 0; u < kh!; u++) for (let v = 0; v < kw!; v++) {
      const [y, z] = [i * sh! - ph! + u, j * sw! - pw! + v];
      const inside = y >= 0 && y < H! && z >= 0 && z < W!;
      vals.push(inside ? x.get(n, c, y, z) : kind === 'max' ? -Infinity : 0);
    }
    out.push(kind === 'max' ? Math.max(...vals) : vals.reduce((a, b) => a + b, 0) / (kh! * kw!));
  }
  return out;
}

/** Distinct values (no ties, so max pooling is differentiable at the point). */
const distinct = (shape: number[]): Tensor => {
  const t = randn(shape, rng);
  const order = rng.permutation(t.size);
  for (let i = 0; i < t.size; i++) t.data[i] = order[i]! / t.size - 0.5; // spacing 1/size ≫ gradcheck's eps
  return t;
};

const cases = [
  { label: '2×2 stride 2 (LeNet)', x: [2, 3, 4, 6], k: [2, 2], s: [2, 2], p: [0, 0] },
  { label: '3×3 stride 2 padding 1, non-square input', x: [2, 2, 5, 7], k: [3, 3], s: [2, 2], p: [1, 1] },
  { label: 'non-square window, stride 1 (overlapping), batch 1', x: [1, 2, 4, 5], k: [2, 3], s: [1, 1], p: [0, 1] },
  { label: 'stride ≠ window, different per axis', x: [3, 1, 6, 5], k: [3, 2], s: [2, 3], p: [1, 0] },
];

describe('maxPool2d and avgPool2d', () => {
  for (const c of cases) {
    it(`forward matches the definition and gradchecks: ${c.label}`, () => {
      const x = distinct(c.x);
      const o = { kernel: c.k as [number, number], stride: c.s as [number, number], padding: c.p as [number, number] };
      const mp = maxPool2d(x, o);
      naivePool(x, 'max', c.k, c.s, c.p).forEach((v, i) => expect(mp.data[i]).toBe(v));
      const ap = avgPool2d(x, o);
      naivePool(x, 'avg', c.k, c.s, c.p).forEach((v, i) => expect(ap.data[i]).toBeCloseTo(v, 14));
      gradcheck((x) => maxPool2d(x, o), [x.clone()]);
      gradcheck((x) => avgPool2d(x, o), [x.clone()]);
    });
  }

  it('max pooling sends each window\'s gradient to its first maximum on ties', () => {
    const x = tensor([[[[1, 1], [0, 1]]]]).param();
    maxPool2d(x, { kernel: 2 }).sum().backward();
    expect([...x.grad!.data]).toEqual([1, 0, 0, 0]);
  });

  it('hand-computed average with padding counted as zeros', () => {
    const x = tensor([[[[1, 2], [3, 4]]]]);
    // 3×3 window, padding 1, stride 2 → one window covering everything: 10 / 9
    expect(avgPool2d(x, { kernel: 3, stride: 2, padding: 1 }).item()).toBeCloseTo(10 / 9, 15);
  });

  it('names the op and both shapes on a mismatch; refuses padding over half the window', () => {
    expect(() => maxPool2d(randn([2, 3], rng), { kernel: 2 })).toThrow(/maxPool2d: shapes \[2, 3\] and \[2, 2\] do not fit: the input must be N × C × H × W/);
    expect(() => avgPool2d(randn([1, 1, 2, 2], rng), { kernel: 3 })).toThrow(/avgPool2d: shapes \[1, 1, 2, 2\] and \[3, 3\].*larger than the 2×2 input/);
    expect(() => maxPool2d(randn([1, 1, 4, 4], rng), { kernel: 2, padding: 2 })).toThrow(/maxPool2d: padding 2, 2 must be at most half the 2×2 window/);
  });
});

describe('globalAvgPool2d', () => {
  it('is the mean of each feature map and gradchecks (non-square, batch 1)', () => {
    const x = randn([1, 3, 2, 5], rng);
    const y = globalAvgPool2d(x);
    expect(y.shape).toEqual([1, 3]);
    for (let c = 0; c < 3; c++) {
      let s = 0;
      for (let i = 0; i < 2; i++) for (let j = 0; j < 5; j++) s += x.get(0, c, i, j);
      expect(y.get(0, c)).toBeCloseTo(s / 10, 14);
    }
    gradcheck(globalAvgPool2d, [randn([2, 2, 3, 4], rng)]);
    expect(() => globalAvgPool2d(randn([2, 3], rng))).toThrow(/globalAvgPool2d: shapes \[2, 3\] do not fit: the input must be N × C × H × W/);
  });
});
