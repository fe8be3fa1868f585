import type { Rng } from '../random/rng.js';
import { conv2d, convWindow, fold, randn, unfold, zeros, type Tensor, type Window2d } from '../tensor/index.js';
import type { Activation } from './activation.js';
import { checkSize } from './dense.js';
import { centerExamples, FeedbackLayer, type RowsLayout } from './feedback-layer.js';
import { initHalfWidth, uniformInit } from './init.js';

type Pair = number | readonly [number, number];

export interface Conv2dLayerOptions {
  inChannels: number;
  outChannels: number;
  kernel: Pair;
  /** Default 1. */
  stride?: Pair;
  /** Zero padding; default 0. */
  padding?: Pair;
  /** Bias per output channel; default true (false before a BatchNorm). */
  bias?: boolean;
  /** The nonlinearity that follows, for the init scale only (He for relu, the default; else Glorot). */
  init?: Activation;
  rng: Rng;
  name: string;
}

const pair = (v: Pair): [number, number] => (typeof v === 'number' ? [v, v] : [v[0], v[1]]);

/**
 * A 2-D convolution layer on NCHW batches. W is the kernel [C_out, C_in, kh, kw] stored as the
 * C_out × (C_in·kh·kw) matrix that acts on unfolded patches; B ((C_in·kh·kw) × C_out) takes the
 * slot of its transpose, so the input gradient is the transposed convolution with B.
 */
export class Conv2d extends FeedbackLayer {
  readonly W: Tensor;
  readonly b: Tensor;
  B: Tensor;
  readonly name: string;
  readonly initHalfWidth: number;
  readonly kernel: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];
  readonly inChannels: number;
  readonly hasBias: boolean;
  #window: Window2d | null = null;

  constructor(options: Conv2dLayerOptions) {
    super();
    const { inChannels, outChannels, rng, name } = options;
    this.name = name;
    this.kernel = pair(options.kernel);
    this.stride = pair(options.stride ?? 1);
    this.padding = pair(options.padding ?? 0);
    checkSize(`Conv2d ${name}`, 'inChannels', inChannels);
    checkSize(`Conv2d ${name}`, 'outChannels', outChannels);
    for (const k of this.kernel) checkSize(`Conv2d ${name}`, 'kernel', k);
    this.inChannels = inChannels;
    this.hasBias = options.bias ?? true;
    const area = this.kernel[0] * this.kernel[1];
    this.initHalfWidth = initHalfWidth(inChannels * area, outChannels * area, options.init ?? 'relu');
    const K = inChannels * area;
    this.W = uniformInit([outChannels, K], this.initHalfWidth, rng.fork('W')).param(`${name}.W`);
    this.b = zeros([outChannels]).param(`${name}.b`);
    this.B = uniformInit([K, outChannels], this.initHalfWidth, rng.fork('B'));
    this.B.name = `${name}.B`;
  }

  forward(x: Tensor): Tensor {
    if (x.rank !== 4 || x.shape[1] !== this.inChannels) {
      throw new RangeError(`Conv2d ${this.name}: input of shape [${x.shape.join(', ')}] does not fit kernel [${this.outputSize}, ${this.inChannels}, ${this.kernel.join(', ')}] (expected N × ${this.inChannels} × H × W)`);
    }
    this.#window = convWindow(`Conv2d ${this.name}`, x, this.kernel, this.W.shape, this.stride, this.padding);
    return conv2d(x, this.W, this.hasBias ? this.b : null, { ...this.opOptions(x), kernel: this.kernel, stride: this.stride, padding: this.padding });
  }

  /**
   * Rows are the unfolded patches of N images: means over the images, fold = col2im, and noise
   * drawn on the input image and then unfolded (as the reference convolves image-shaped noise).
   */
  rowsLayout(): RowsLayout {
    const g = this.#window;
    if (g === null) throw new Error(`Conv2d ${this.name}: no forward pass yet`);
    return {
      batch: g.N,
      fold: (rows) => fold(rows, g),
      noise: (std, rng) => unfold(randn([g.N, g.C, g.H, g.W], rng, std, 0, { dtype: this.W.dtype }), g),
      // centred on the image, then unfolded: padding stays 0, as in the reference (centre, then convolve)
      centered: () => unfold(centerExamples(this.input!.reshape([g.N, g.C, g.H, g.W])), g),
    };
  }

  override parameters(): Tensor[] {
    return this.hasBias ? [this.W, this.b] : [this.W];
  }
}
