import type { Rng } from '../random/rng.js';
import { randn, zeros, matmul, type Tensor } from '../tensor/index.js';

export interface LaeInit {
  /** Input dimension m. */
  m: number;
  /** Latent dimension k ≤ m. */
  k: number;
  /** Standard deviation of the normal initialization (companion code: 0.05; Fig. 6: 0.2). */
  initStd: number;
  /** Add encoder and decoder biases (App. A). */
  bias?: boolean;
  rng: Rng;
}

/** A linear autoencoder x ↦ W2(W1x + b1) + b2 with encoder W1 (k × m) and decoder W2 (m × k). */
export class LinearAutoencoder {
  readonly m: number;
  readonly k: number;
  readonly W1: Tensor;
  readonly W2: Tensor;
  readonly b1: Tensor | undefined;
  readonly b2: Tensor | undefined;

  constructor(init: LaeInit) {
    const { m, k, initStd, rng } = init;
    if (!Number.isInteger(m) || !Number.isInteger(k) || k < 1 || k > m) throw new RangeError(`LinearAutoencoder: need integers 1 ≤ k ≤ m, got k = ${k}, m = ${m}`);
    this.m = m;
    this.k = k;
    this.W1 = randn([k, m], rng, initStd).param('W1');
    this.W2 = randn([m, k], rng, initStd).param('W2');
    this.b1 = init.bias ? zeros([k, 1]).param('b1') : undefined;
    this.b2 = init.bias ? zeros([m, 1]).param('b2') : undefined;
  }

  /** The trainable tensors. */
  get params(): Tensor[] {
    return [this.W1, this.W2, ...(this.b1 ? [this.b1] : []), ...(this.b2 ? [this.b2] : [])];
  }

  /** Latent codes W1X + b1 (k × n) of data X (m × n). */
  encode(X: Tensor): Tensor {
    const Z = matmul(this.W1, X);
    return this.b1 ? Z.add(this.b1) : Z;
  }

  /** Reconstructions W2Z + b2 (m × n). */
  decode(Z: Tensor): Tensor {
    const Xhat = matmul(this.W2, Z);
    return this.b2 ? Xhat.add(this.b2) : Xhat;
  }

  /** The product W* = W2W1 (m × m). */
  product(): Tensor {
    return matmul(this.W2, this.W1);
  }
}
