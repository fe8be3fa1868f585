import type { Rng } from '../random/rng.js';
import { noGrad, type Tensor } from '../tensor/index.js';
import { checkActivation, type Activation } from './activation.js';
import { Dense, type LayerTrace } from './dense.js';

export interface MlpOptions {
  /** Layer widths from input to output, e.g. [784, 256, 256, 10]. */
  sizes: readonly number[];
  /** Activation of every hidden layer; the output layer is linear (logits). */
  activation: Activation;
  /** Layer l draws from rng.fork(`layer${l}`), so the same seed gives the same W whatever the rule. */
  rng: Rng;
}

/** A multilayer perceptron of Dense layers with linear outputs (logits). */
export class Mlp {
  readonly layers: readonly Dense[];
  readonly sizes: readonly number[];
  readonly activation: Activation;

  constructor(options: MlpOptions) {
    const { sizes, rng } = options;
    this.activation = checkActivation(options.activation);
    if (sizes.length < 2) throw new RangeError(`Mlp: sizes needs at least input and output widths, got [${sizes.join(', ')}]`);
    this.sizes = sizes.slice();
    const L = sizes.length - 1;
    this.layers = Array.from({ length: L }, (_, i) => new Dense({
      inputSize: sizes[i]!,
      outputSize: sizes[i + 1]!,
      activation: i === L - 1 ? 'linear' : this.activation,
      rng: rng.fork(`layer${i + 1}`),
      name: `layer${i + 1}`,
    }));
  }

  /** Logits, recorded for autograd (the reference backprop path). */
  forward(x: Tensor): Tensor {
    let h = x;
    for (const layer of this.layers) h = layer.forward(h);
    return h;
  }

  /** Logits without recording a graph. */
  predict(x: Tensor): Tensor {
    return noGrad(() => this.forward(x));
  }

  /** Layer-by-layer traces for an explicit backward pass; the last output is the logits. */
  trace(x: Tensor): LayerTrace[] {
    const traces: LayerTrace[] = [];
    let h = x.detach();
    for (const layer of this.layers) {
      const t = layer.trace(h);
      traces.push(t);
      h = t.output.detach();
    }
    return traces;
  }

  /** Forward parameters W and b of every layer. */
  parameters(): Tensor[] {
    return this.layers.flatMap((l) => [l.W, l.b]);
  }
}

/** Builds an MLP; see MlpOptions. */
export function buildMlp(options: MlpOptions): Mlp {
  return new Mlp(options);
}
