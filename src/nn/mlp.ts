import type { Rng } from '../random/rng.js';
import { noGrad, type Tensor } from '../tensor/index.js';
import { checkActivation, type Activation } from './activation.js';
import { Dense } from './dense.js';
import { Network } from './module.js';

export interface MlpOptions {
  /** Layer widths from input to output, e.g. [784, 256, 256, 10]. */
  sizes: readonly number[];
  /** Activation of every hidden layer; the output layer is linear (logits). */
  activation: Activation;
  /** Layer l draws from rng.fork(`layer${l}`), so the same seed gives the same W whatever the rule. */
  rng: Rng;
}

/** A multilayer perceptron of Dense layers with linear outputs (logits). */
export class Mlp extends Network {
  readonly layers: readonly Dense[];
  readonly sizes: readonly number[];
  readonly activation: Activation;

  constructor(options: MlpOptions) {
    const { sizes, rng } = options;
    const activation = checkActivation(options.activation);
    if (sizes.length < 2) throw new RangeError(`Mlp: sizes needs at least input and output widths, got [${sizes.join(', ')}]`);
    const L = sizes.length - 1;
    const layers = Array.from({ length: L }, (_, i) => new Dense({
      inputSize: sizes[i]!,
      outputSize: sizes[i + 1]!,
      activation: i === L - 1 ? 'linear' : activation,
      rng: rng.fork(`layer${i + 1}`),
      name: `layer${i + 1}`,
    }));
    super('mlp', layers, [sizes[0]!], sizes[L]!);
    this.layers = layers;
    this.sizes = sizes.slice();
    this.activation = activation;
  }

  /** Logits without recording a graph. */
  predict(x: Tensor): Tensor {
    return noGrad(() => this.forward(x));
  }
}

/** Builds an MLP; see MlpOptions. */
export function buildMlp(options: MlpOptions): Mlp {
  return new Mlp(options);
}
