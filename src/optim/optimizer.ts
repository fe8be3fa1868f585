import type { FloatArray } from '../tensor/kernels/dtype.js';
import type { Tensor } from '../tensor/tensor.js';

/** Updates parameters in place from their accumulated gradients. */
export abstract class Optimizer {
  /** Number of step() calls so far. */
  steps = 0;

  constructor(readonly params: readonly Tensor[]) {
    for (const p of params) {
      if (!p.requiresGrad) throw new Error(`${this.constructor.name}: parameter "${p.name ?? 'unnamed'}" does not require grad`);
    }
  }

  /** Applies one update to every parameter that has a gradient. */
  step(): void {
    this.steps++;
    this.params.forEach((p, i) => {
      if (p.grad !== null) this.update(p, p.grad.data, i);
    });
  }

  /** Clears the gradients of all parameters. */
  zeroGrad(): void {
    for (const p of this.params) p.zeroGrad();
  }

  protected abstract update(p: Tensor, g: FloatArray, index: number): void;
}

/** Checks an optimizer hyper-parameter lies in [min, max] (or (min, max] when `openMin`). */
export function checkHyper(optimizer: string, name: string, value: number, min: number, max: number, openMin = false): void {
  const ok = Number.isFinite(value) && (openMin ? value > min : value >= min) && value <= max;
  if (!ok) throw new RangeError(`${optimizer}: ${name} must be in ${openMin ? '(' : '['}${min}, ${max}], got ${value}`);
}
