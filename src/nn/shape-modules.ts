import type { Tensor } from '../tensor/index.js';
import { activate, checkActivation, type Activation } from './activation.js';
import { Stateless, type Module } from './module.js';
import type { FeedbackLayer } from './feedback-layer.js';

/** An elementwise nonlinearity as a module. */
export class ActivationModule extends Stateless {
  readonly activation: Activation;
  constructor(activation: Activation, name: string = activation) {
    super(name);
    this.activation = checkActivation(activation);
  }
  forward(x: Tensor): Tensor {
    return activate(x, this.activation);
  }
}

/** N × C × H × W → N × (C·H·W). */
export class Flatten extends Stateless {
  constructor(name = 'flatten') {
    super(name);
  }
  forward(x: Tensor): Tensor {
    return x.reshape([x.shape[0]!, -1]);
  }
}

/**
 * A residual block y = f(body(x) + shortcut(x)) (He et al. 2016), with an identity shortcut
 * (null) or a projection (e.g. a 1×1 convolution with stride, then BatchNorm).
 */
export class Residual implements Module {
  readonly activation: Activation;
  constructor(readonly name: string, readonly body: Module, readonly shortcut: Module | null, activation: Activation = 'relu') {
    this.activation = checkActivation(activation);
  }
  forward(x: Tensor): Tensor {
    const main = this.body.forward(x);
    const skip = this.shortcut === null ? x : this.shortcut.forward(x);
    if (main.shape.length !== skip.shape.length || main.shape.some((d, i) => d !== skip.shape[i])) {
      throw new RangeError(`Residual ${this.name}: body output [${main.shape.join(', ')}] and shortcut output [${skip.shape.join(', ')}] differ (use a projection shortcut)`);
    }
    return activate(main.add(skip), this.activation);
  }
  parameters(): Tensor[] {
    return [...this.body.parameters(), ...(this.shortcut?.parameters() ?? [])];
  }
  feedbackLayers(): FeedbackLayer[] {
    return [...this.body.feedbackLayers(), ...(this.shortcut?.feedbackLayers() ?? [])];
  }
  buffers(): Tensor[] {
    return [...this.body.buffers(), ...(this.shortcut?.buffers() ?? [])];
  }
  setTraining(on: boolean): void {
    this.body.setTraining(on);
    this.shortcut?.setTraining(on);
  }
}
