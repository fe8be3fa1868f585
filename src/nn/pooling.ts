import { avgPool2d, globalAvgPool2d, maxPool2d, type Tensor } from '../tensor/index.js';
import { Stateless } from './module.js';

type Pair = number | readonly [number, number];

/** Max pooling over kh × kw windows (stride defaults to the window). */
export class MaxPool2d extends Stateless {
  constructor(readonly kernel: Pair, readonly stride: Pair = kernel, readonly padding: Pair = 0, name = 'maxpool') {
    super(name);
  }
  forward(x: Tensor): Tensor {
    return maxPool2d(x, { kernel: this.kernel, stride: this.stride, padding: this.padding });
  }
}

/** Average pooling over kh × kw windows (padding counted in the mean, as PyTorch's default). */
export class AvgPool2d extends Stateless {
  constructor(readonly kernel: Pair, readonly stride: Pair = kernel, readonly padding: Pair = 0, name = 'avgpool') {
    super(name);
  }
  forward(x: Tensor): Tensor {
    return avgPool2d(x, { kernel: this.kernel, stride: this.stride, padding: this.padding });
  }
}

/** N × C × H × W → N × C, the mean over each feature map. */
export class GlobalAvgPool2d extends Stateless {
  constructor(name = 'gap') {
    super(name);
  }
  forward(x: Tensor): Tensor {
    return globalAvgPool2d(x);
  }
}
