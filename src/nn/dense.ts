import type { Rng } from '../random/rng.js';
import { matmul, noGrad, zeros, type Tensor } from '../tensor/index.js';
import { activate, type Activation } from './activation.js';
import { initHalfWidth, uniformInit } from './init.js';

/**
 * What a dense layer's forward pass leaves for an explicit, layer-by-layer backward pass:
 * the input x (no graph), the pre-activation a = xWᵀ + b (no graph), and h = f(a) recorded from a
 * leaf copy of a, so that `output.backward(g)` puts g ⊙ f'(a) into `preactivation.grad`.
 */
export interface LayerTrace {
  readonly input: Tensor;
  readonly preactivation: Tensor;
  readonly output: Tensor;
}

export interface DenseOptions {
  inputSize: number;
  outputSize: number;
  activation: Activation;
  /** Draws W, then B (independently), both U(−s, s) with the same s (He for relu, else Glorot). */
  rng: Rng;
  /** Name prefix for the parameters ("layer1" → "layer1.W", "layer1.b", "layer1.B"). */
  name: string;
}

/**
 * A dense layer h = f(xWᵀ + b) on row batches x (N × n_in), with forward weights W (n_out × n_in),
 * bias b (1 × n_out) and feedback weights B (n_in × n_out, the slot of Wᵀ) that a learning rule
 * may use instead of Wᵀ to send the error down.
 */
export class Dense {
  readonly W: Tensor;
  readonly b: Tensor;
  /** Feedback weights; a rule replaces or trains them (see src/alignment). */
  B: Tensor;
  readonly activation: Activation;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly name: string;
  /** Half-width of W's uniform initialisation (the "same init scale" of random feedback). */
  readonly initHalfWidth: number;

  constructor(options: DenseOptions) {
    const { inputSize, outputSize, activation, rng, name } = options;
    for (const [what, n] of [['inputSize', inputSize], ['outputSize', outputSize]] as const) {
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`Dense ${name}: ${what} must be a positive integer, got ${n}`);
    }
    this.inputSize = inputSize;
    this.outputSize = outputSize;
    this.activation = activation;
    this.name = name;
    this.initHalfWidth = initHalfWidth(inputSize, outputSize, activation);
    this.W = uniformInit([outputSize, inputSize], this.initHalfWidth, rng.fork('W')).param(`${name}.W`);
    this.b = zeros([1, outputSize]).param(`${name}.b`);
    this.B = uniformInit([inputSize, outputSize], this.initHalfWidth, rng.fork('B'));
    this.B.name = `${name}.B`;
  }

  /** f(xWᵀ + b), recorded for autograd (the reference backprop path). */
  forward(x: Tensor): Tensor {
    return activate(matmul(x, this.W, { transposeB: true }).add(this.b), this.activation);
  }

  /** Forward pass for an explicit backward pass (see LayerTrace); x must carry no graph. */
  trace(x: Tensor): LayerTrace {
    const a = noGrad(() => matmul(x, this.W, { transposeB: true }).add(this.b));
    const leaf = a.detach();
    leaf.requiresGrad = true;
    return { input: x, preactivation: leaf, output: activate(leaf, this.activation) };
  }
}
