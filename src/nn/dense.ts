import type { Rng } from '../random/rng.js';
import { linear, randn, zeros, type Tensor } from '../tensor/index.js';
import { activate, type Activation } from './activation.js';
import { centerExamples, FeedbackLayer, type RowsLayout } from './feedback-layer.js';
import { initHalfWidth, uniformInit } from './init.js';

export interface DenseOptions {
  inputSize: number;
  outputSize: number;
  /** Applied after the affine map; default 'linear' (none). */
  activation?: Activation;
  /** Draws W, then B (independently), both U(−s, s) with the same s (He for relu, else Glorot). */
  rng: Rng;
  /** Name prefix for the parameters ("layer1" → "layer1.W", "layer1.b", "layer1.B"). */
  name: string;
}

/** Throws unless n is a positive integer, naming the layer and the option. */
export function checkSize(layer: string, what: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${layer}: ${what} must be a positive integer, got ${n}`);
}

/**
 * A dense layer h = f(xWᵀ + b) on row batches x (N × n_in), with forward weights W (n_out × n_in),
 * bias b (1 × n_out) and feedback weights B (n_in × n_out, the slot of Wᵀ) that a learning rule
 * may use instead of Wᵀ to send the error down.
 */
export class Dense extends FeedbackLayer {
  readonly W: Tensor;
  readonly b: Tensor;
  B: Tensor;
  readonly activation: Activation;
  readonly name: string;
  readonly initHalfWidth: number;

  constructor(options: DenseOptions) {
    super();
    const { inputSize, outputSize, activation = 'linear', rng, name } = options;
    checkSize(`Dense ${name}`, 'inputSize', inputSize);
    checkSize(`Dense ${name}`, 'outputSize', outputSize);
    this.activation = activation;
    this.name = name;
    this.initHalfWidth = initHalfWidth(inputSize, outputSize, activation);
    this.W = uniformInit([outputSize, inputSize], this.initHalfWidth, rng.fork('W')).param(`${name}.W`);
    this.b = zeros([1, outputSize]).param(`${name}.b`);
    this.B = uniformInit([inputSize, outputSize], this.initHalfWidth, rng.fork('B'));
    this.B.name = `${name}.B`;
  }

  /** f(xWᵀ + b); the input gradient follows the layer's feedback mode. */
  forward(x: Tensor): Tensor {
    if (x.rank !== 2 || x.cols !== this.inputSize) throw new RangeError(`Dense ${this.name}: input of shape [${x.shape.join(', ')}] does not fit W of shape [${this.W.shape.join(', ')}] (expected N × ${this.inputSize})`);
    return activate(linear(x, this.W, this.b, this.opOptions(x)), this.activation);
  }

  /** Each row is one input. */
  rowsLayout(): RowsLayout {
    const N = this.rows?.rows ?? 0;
    return { batch: N, noise: (std, rng) => randn([N, this.inputSize], rng, std, 0, { dtype: this.W.dtype }), centered: () => centerExamples(this.rows!) };
  }
}
