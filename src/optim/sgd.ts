import { allocLike, type FloatArray } from '../tensor/kernels/dtype.js';
import { sgdStep } from '../tensor/kernels/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { checkHyper, Optimizer } from './optimizer.js';

export interface SgdOptions {
  lr: number;
  /** Heavy-ball momentum μ (0 = plain SGD). */
  momentum?: number;
  /** L2 weight decay added to the gradient: g + wd·p. */
  weightDecay?: number;
}

/** Stochastic gradient descent: v ← μv + g + wd·p, p ← p − lr·v. */
export class SGD extends Optimizer {
  readonly lr: number;
  readonly momentum: number;
  readonly weightDecay: number;
  private readonly velocity: FloatArray[];

  constructor(params: readonly Tensor[], options: SgdOptions) {
    super(params);
    this.lr = options.lr;
    this.momentum = options.momentum ?? 0;
    this.weightDecay = options.weightDecay ?? 0;
    checkHyper('SGD', 'lr', this.lr, 0, Infinity, true);
    checkHyper('SGD', 'momentum', this.momentum, 0, 1);
    checkHyper('SGD', 'weightDecay', this.weightDecay, 0, Infinity);
    this.velocity = params.map((p) => allocLike(p.data, this.momentum > 0 ? p.size : 0));
  }

  protected update(p: Tensor, g: FloatArray, i: number): void {
    sgdStep(p.data, g, this.velocity[i]!, this.lr, this.momentum, this.weightDecay);
  }
}
