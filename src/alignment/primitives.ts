import { matmul, type Tensor } from '../tensor/index.js';

/**
 * The five local "Two Routes" primitives of one layer (Kunin et al. 2020), as autograd expressions
 * in x (N × n_in, rows are inputs), W (n_out × n_in) and B (n_in × n_out, the slot of Wᵀ). Sums run
 * over units and means over the batch; with r_n = W x_n:
 *
 *   decay  = ‖W‖²_F + ‖B‖²_F                        ∂/∂B = 2B
 *   sparse = mean_n ‖W x_n‖² + mean_n ‖Bᵀ x_n‖²       ∂/∂B = (2/N) Σ x_n x_nᵀ B
 *   null   = mean_n ‖B W x_n‖²                       ∂/∂B = (2/N) Σ (B r_n) r_nᵀ
 *   self   = −tr(W B)                               ∂/∂B = −Wᵀ
 *   amp    = −mean_n x_nᵀ B W x_n                    ∂/∂B = −(1/N) Σ x_n r_nᵀ
 *
 * With the layer's bias b (`layout.bias`, the reference's default use_bias_forward/backward) both
 * projections carry it: r_n = W x_n + b and Bᵀx_n + b. Then null and amp act on a_n = W x_n + b, the
 * layer's actual pre-activation (IA: the LAE reconstructs x from a, x ≈ B a), and in AA's
 * sparse + 2·amp the biases cancel.
 *
 * Gradients flow to whichever of x, W, B require grad: a learning rule passes x and W detached so
 * that only B learns; the LAE view (alignment-lae) leaves W trainable too.
 *
 * A convolution is the same algebra on its unfolded patches (rows x_p, W the kernel matrix), in
 * the reference's operator form (Neural-Alignment, Alignments/alignment.py: projections conv2d(x, W)
 * and conv2d(x, B), reconstructions conv2d_transpose; primitives.py: sums over every unit and
 * position, means over the batch of images): `batch` is then the number of images N, not of patches,
 * and `fold` maps patch rows back onto the image, so null = mean_n ‖fold(B W x)‖², the transposed
 * convolution of the convolution (overlapping patches add).
 */
export interface PrimitivesLayout {
  /** Examples the means run over; default x.rows (dense). For a conv layer: the images N. */
  readonly batch?: number;
  /** Patch rows → the layer input (conv: col2im); default none (dense: a row is an input). */
  readonly fold?: (rows: Tensor) => Tensor;
  /** The layer's bias (1 × n_out or n_out), added to both projections; default none. */
  readonly bias?: Tensor;
}

export class Primitives {
  readonly x: Tensor;
  readonly W: Tensor;
  readonly B: Tensor;
  readonly layout: PrimitivesLayout;
  #r: Tensor | undefined;
  #xB: Tensor | undefined;

  constructor(x: Tensor, W: Tensor, B: Tensor, layout: PrimitivesLayout = {}) {
    if (x.rank !== 2 || W.rank !== 2 || B.rank !== 2 || x.cols !== W.cols || B.rows !== W.cols || B.cols !== W.rows) {
      throw new RangeError(`Primitives: need x N×n_in, W n_out×n_in, B n_in×n_out; got x [${x.shape.join(', ')}], W [${W.shape.join(', ')}], B [${B.shape.join(', ')}]`);
    }
    this.x = x;
    this.W = W;
    this.B = B;
    this.layout = layout;
  }

  /** Rows r_n = W x_n (+ b) (N × n_out). */
  get r(): Tensor {
    return (this.#r ??= this.#withBias(matmul(this.x, this.W, { transposeB: true })));
  }

  /** Rows Bᵀ x_n (+ b) (N × n_out). */
  get xB(): Tensor {
    return (this.#xB ??= this.#withBias(matmul(this.x, this.B)));
  }

  #withBias(projection: Tensor): Tensor {
    const { bias } = this.layout;
    return bias ? projection.add(bias) : projection;
  }

  get batch(): number {
    return this.layout.batch ?? this.x.rows;
  }

  /** ‖W‖²_F + ‖B‖²_F. */
  decay(): Tensor {
    return this.W.sumSquares().add(this.B.sumSquares());
  }

  /** mean_n ‖W x_n (+ b)‖² + mean_n ‖Bᵀ x_n (+ b)‖². */
  sparse(): Tensor {
    return this.r.sumSquares().add(this.xB.sumSquares()).div(this.batch);
  }

  /** mean_n ‖B (W x_n + b)‖² (conv: of the folded reconstruction). */
  null(): Tensor {
    const rows = matmul(this.r, this.B, { transposeB: true });
    const { fold } = this.layout;
    return (fold ? fold(rows) : rows).sumSquares().div(this.batch);
  }

  /** −tr(W B) = −⟨vec Wᵀ, vec B⟩. */
  self(): Tensor {
    return this.W.transpose().mul(this.B).sum().neg();
  }

  /** −mean_n ⟨Bᵀ x_n (+ b), W x_n (+ b)⟩ (without bias −mean_n x_nᵀ B W x_n). */
  amp(): Tensor {
    return this.xB.mul(this.r).sum().div(-this.batch);
  }

  /** The same primitives on other inputs of the same layout (weight mirror: noise instead of activity). */
  withInput(x: Tensor): Primitives {
    return new Primitives(x, this.W, this.B, this.layout);
  }
}
