import { describe, expect, it } from 'vitest';
import { Adam, SGD } from '../src/optim/index.js';
import { tensor } from '../src/tensor/index.js';

/** Runs `steps` optimizer steps on L = Σ c ⊙ p (constant gradient c) or on a custom loss. */
function gradOf(p: ReturnType<typeof tensor>, g: number[]): void {
  p.grad = tensor(g);
}

describe('SGD against hand-computed values', () => {
  it('plain step p − lr·g', () => {
    const p = tensor([1, -2]).param('p');
    const opt = new SGD([p], { lr: 0.1 });
    gradOf(p, [0.5, -1]);
    opt.step();
    expect(Array.from(p.data)).toEqual([1 - 0.05, -2 + 0.1]);
  });
  it('momentum and weight decay over two steps', () => {
    // v1 = g + wd·p0 = 1 + 0.1·2 = 1.2; p1 = 2 − 0.5·1.2 = 1.4
    // v2 = 0.9·1.2 + 1 + 0.1·1.4 = 2.22; p2 = 1.4 − 0.5·2.22 = 0.29
    const p = tensor([2]).param('p');
    const opt = new SGD([p], { lr: 0.5, momentum: 0.9, weightDecay: 0.1 });
    gradOf(p, [1]);
    opt.step();
    expect(p.data[0]).toBeCloseTo(1.4, 14);
    opt.step();
    expect(p.data[0]).toBeCloseTo(0.29, 14);
  });
  it('minimizes a quadratic through autograd', () => {
    const p = tensor([3, -4]).param('p');
    const opt = new SGD([p], { lr: 0.1 });
    for (let i = 0; i < 200; i++) {
      opt.zeroGrad();
      p.square().sum().backward();
      opt.step();
    }
    expect(Math.hypot(p.data[0]!, p.data[1]!)).toBeLessThan(1e-12);
  });
  it('rejects bad hyper-parameters by name and range', () => {
    expect(() => new SGD([tensor([1]).param()], { lr: -1 })).toThrow('SGD: lr must be in (0, Infinity], got -1');
    expect(() => new SGD([tensor([1]).param()], { lr: 0.1, momentum: 2 })).toThrow('SGD: momentum must be in [0, 1], got 2');
    expect(() => new SGD([tensor([1])], { lr: 0.1 })).toThrow(/does not require grad/);
  });
});

describe('Adam against hand-computed values', () => {
  it('first step moves each coordinate by lr·sign(g) (bias-corrected m̂/√v̂ = ±1)', () => {
    const p = tensor([1, 1]).param('p');
    const opt = new Adam([p], { lr: 0.01, eps: 0 });
    gradOf(p, [3, -0.2]);
    opt.step();
    expect(p.data[0]).toBeCloseTo(0.99, 15);
    expect(p.data[1]).toBeCloseTo(1.01, 15);
  });
  it('second step with a different gradient', () => {
    // g1 = 1, g2 = 2; β1 = 0.9, β2 = 0.999, lr = 0.1, ε = 1e-8
    const b1 = 0.9, b2 = 0.999, lr = 0.1, eps = 1e-8;
    const m1 = (1 - b1) * 1, v1 = (1 - b2) * 1;
    const p1 = 0 - (lr * (m1 / (1 - b1))) / (Math.sqrt(v1 / (1 - b2)) + eps);
    const m2 = b1 * m1 + (1 - b1) * 2, v2 = b2 * v1 + (1 - b2) * 4;
    const p2 = p1 - (lr * (m2 / (1 - b1 ** 2))) / (Math.sqrt(v2 / (1 - b2 ** 2)) + eps);
    const p = tensor([0]).param('p');
    const opt = new Adam([p], { lr, beta1: b1, beta2: b2, eps });
    gradOf(p, [1]);
    opt.step();
    expect(p.data[0]).toBeCloseTo(p1, 14);
    gradOf(p, [2]);
    opt.step();
    expect(p.data[0]).toBeCloseTo(p2, 14);
  });
  it('time decay lr/(1 + decay·t) with t the number of earlier steps', () => {
    const p = tensor([0]).param('p');
    const opt = new Adam([p], { lr: 0.05, decay: 0.1, eps: 0 });
    const seen: number[] = [];
    for (let t = 0; t < 3; t++) {
      gradOf(p, [1]); // constant gradient: m̂/√v̂ = 1, so each step moves by exactly lr_t
      const before = p.data[0]!;
      opt.step();
      seen.push(before - p.data[0]!);
    }
    expect(seen[0]).toBeCloseTo(0.05, 15);
    expect(seen[1]).toBeCloseTo(0.05 / 1.1, 15);
    expect(seen[2]).toBeCloseTo(0.05 / 1.2, 15);
  });
  it('parameters without a gradient are left alone', () => {
    const p = tensor([1]).param('p');
    new Adam([p], { lr: 1 }).step();
    expect(p.data[0]).toBe(1);
  });
});
