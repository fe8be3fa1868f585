import type { DType, Tensor } from '../tensor/index.js';
import type { FeedbackLayer } from './feedback-layer.js';

/**
 * A piece of a network: a forward pass recorded for autograd, its trainable parameters, the
 * feedback layers inside it (whose input gradient a learning rule chooses), its buffers (running
 * statistics) and a train/eval switch. Backward passes are never written by hand: the autograd
 * runs them through the ops, feedback ops included.
 */
export interface Module {
  readonly name: string;
  forward(x: Tensor): Tensor;
  /** Forward parameters (W, b, BatchNorm's γ, β), in a fixed order. */
  parameters(): Tensor[];
  /** Dense and conv layers, in forward order. */
  feedbackLayers(): FeedbackLayer[];
  /** State that is not trained by gradients (running mean and variance). */
  buffers(): Tensor[];
  /** Training mode (batch statistics) or evaluation mode (running statistics); default training. */
  setTraining(on: boolean): void;
}

/** Base of the modules without parameters (activations, pooling, flatten). */
export abstract class Stateless implements Module {
  constructor(readonly name: string) {}
  abstract forward(x: Tensor): Tensor;
  parameters(): Tensor[] {
    return [];
  }
  feedbackLayers(): FeedbackLayer[] {
    return [];
  }
  buffers(): Tensor[] {
    return [];
  }
  setTraining(): void {}
}

/** Modules applied one after the other. */
export class Sequential implements Module {
  readonly modules: readonly Module[];
  constructor(readonly name: string, modules: readonly Module[]) {
    this.modules = modules.slice();
  }
  forward(x: Tensor): Tensor {
    let h = x;
    for (const m of this.modules) h = m.forward(h);
    return h;
  }
  parameters(): Tensor[] {
    return this.modules.flatMap((m) => m.parameters());
  }
  feedbackLayers(): FeedbackLayer[] {
    return this.modules.flatMap((m) => m.feedbackLayers());
  }
  buffers(): Tensor[] {
    return this.modules.flatMap((m) => m.buffers());
  }
  setTraining(on: boolean): void {
    for (const m of this.modules) m.setTraining(on);
  }
}

/**
 * A classifier: modules from an input of `inputShape` (one example, e.g. [784] or [1, 28, 28]) to
 * `classes` logits. Anything built from modules is a network every learning rule can train.
 */
export class Network extends Sequential {
  readonly inputShape: readonly number[];
  readonly classes: number;
  constructor(name: string, modules: readonly Module[], inputShape: readonly number[], classes: number) {
    super(name, modules);
    this.inputShape = inputShape.slice();
    this.classes = classes;
  }

  /** The element type of the network's weights (float64 unless converted by `to`). */
  get dtype(): DType {
    return this.feedbackLayers()[0]?.W.dtype ?? 'float64';
  }

  /**
   * Converts every parameter, buffer and feedback matrix to `dtype` in place (float32 for fast
   * training: the f32x4 kernels); call it before building a trainer or optimizer. Returns this.
   */
  to(dtype: DType): this {
    for (const t of [...this.parameters(), ...this.buffers()]) t.convertInPlace(dtype);
    for (const layer of this.feedbackLayers()) layer.B.convertInPlace(dtype);
    return this;
  }
}
