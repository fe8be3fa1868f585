import { batchNorm, ones, ShapeError, zeros, type Tensor } from '../tensor/index.js';
import type { FeedbackLayer } from './feedback-layer.js';
import type { Module } from './module.js';
import { checkSize } from './dense.js';

export interface BatchNormOptions {
  /** Channels (N × C × H × W inputs) or features (N × C inputs). */
  features: number;
  name: string;
  /** Default 1e-5. */
  eps?: number;
  /** Running statistics ← (1 − m)·running + m·batch (PyTorch's convention); default 0.1. */
  momentum?: number;
}

/**
 * Batch normalisation (Ioffe & Szegedy 2015): y = γ(x − μ)/√(σ² + ε) + β per channel, with μ, σ²
 * the mean and (biased) variance over the batch and the spatial positions in training mode, and the
 * running statistics in evaluation mode. The running variance takes the unbiased batch variance
 * (PyTorch's convention). The op is src/tensor/ops/norm.ts (one pass forward, one backward through
 * the batch statistics).
 */
export class BatchNorm implements Module {
  readonly name: string;
  readonly gamma: Tensor;
  readonly beta: Tensor;
  readonly runningMean: Tensor;
  readonly runningVar: Tensor;
  readonly eps: number;
  readonly momentum: number;
  training = true;

  constructor(options: BatchNormOptions) {
    const { features, name, eps = 1e-5, momentum = 0.1 } = options;
    checkSize(`BatchNorm ${name}`, 'features', features);
    if (!(eps > 0)) throw new RangeError(`BatchNorm ${name}: eps must be > 0, got ${eps}`);
    if (!(momentum >= 0 && momentum <= 1)) throw new RangeError(`BatchNorm ${name}: momentum must be in [0, 1], got ${momentum}`);
    this.name = name;
    this.eps = eps;
    this.momentum = momentum;
    this.gamma = ones([features]).param(`${name}.gamma`);
    this.beta = zeros([features]).param(`${name}.beta`);
    this.runningMean = zeros([features]);
    this.runningVar = ones([features]);
  }

  forward(x: Tensor): Tensor {
    const C = this.gamma.size;
    if ((x.rank !== 2 && x.rank !== 4) || x.shape[1] !== C) throw new ShapeError(`BatchNorm ${this.name}`, [x.shape, [C]], `do not fit: the input must be N × ${C} or N × ${C} × H × W`);
    if (!this.training) return batchNorm(x, this.gamma, this.beta, { eps: this.eps, running: { mean: this.runningMean, variance: this.runningVar } });
    if (x.size / C < 2) throw new ShapeError(`BatchNorm ${this.name}`, [x.shape, [C]], 'do not fit: training mode needs more than one value per channel (batch × positions ≥ 2)');
    return batchNorm(x, this.gamma, this.beta, {
      eps: this.eps,
      onStats: (mean, variance, count) => {
        const m = this.momentum;
        for (let c = 0; c < C; c++) {
          this.runningMean.data[c] = (1 - m) * this.runningMean.data[c]! + m * mean[c]!;
          this.runningVar.data[c] = (1 - m) * this.runningVar.data[c]! + m * variance[c]! * (count / (count - 1));
        }
      },
    });
  }

  parameters(): Tensor[] {
    return [this.gamma, this.beta];
  }
  feedbackLayers(): FeedbackLayer[] {
    return [];
  }
  buffers(): Tensor[] {
    return [this.runningMean, this.runningVar];
  }
  setTraining(on: boolean): void {
    this.training = on;
  }
}
