import { allocLike, type FloatArray } from '../tensor/kernels/dtype.js';
import { adamStep } from '../tensor/kernels/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { checkHyper, Optimizer } from './optimizer.js';

export interface AdamOptions {
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  /**
   * Time decay of the learning rate used by the paper's companion code (Keras):
   * lr_t = lr / (1 + decay·t), t = number of steps already taken (0 at the first step).
   */
  decay?: number;
}

/** Adam (Kingma & Ba 2015) with bias correction and optional time decay of the learning rate. */
export class Adam extends Optimizer {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly decay: number;
  private readonly m: FloatArray[];
  private readonly v: FloatArray[];

  constructor(params: readonly Tensor[], options: AdamOptions) {
    super(params);
    this.lr = options.lr;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.eps = options.eps ?? 1e-8;
    this.decay = options.decay ?? 0;
    checkHyper('Adam', 'lr', this.lr, 0, Infinity, true);
    checkHyper('Adam', 'beta1', this.beta1, 0, 1);
    checkHyper('Adam', 'beta2', this.beta2, 0, 1);
    checkHyper('Adam', 'eps', this.eps, 0, Infinity);
    checkHyper('Adam', 'decay', this.decay, 0, Infinity);
    if (this.beta1 === 1 || this.beta2 === 1) throw new RangeError('Adam: beta1 and beta2 must be below 1');
    this.m = params.map((p) => allocLike(p.data, p.size));
    this.v = params.map((p) => allocLike(p.data, p.size));
  }

  /** The learning rate the current step uses: lr/(1 + decay·(t − 1)) during step t. */
  get currentLr(): number {
    return this.lr / (1 + this.decay * Math.max(0, this.steps - 1));
  }

  protected update(p: Tensor, g: FloatArray, i: number): void {
    const t = this.steps;
    const c1 = 1 - Math.pow(this.beta1, t);
    const c2 = 1 - Math.pow(this.beta2, t);
    adamStep(p.data, g, this.m[i]!, this.v[i]!, this.currentLr, this.beta1, this.beta2, this.eps, c1, c2);
  }
}
