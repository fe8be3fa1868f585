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
 * Gradients flow to whichever of x, W, B require grad: a learning rule passes x and W detached so
 * that only B learns; the LAE view (alignment-lae) leaves W trainable too.
 */
export class Primitives {
  readonly x: Tensor;
  readonly W: Tensor;
  readonly B: Tensor;
  #r: Tensor | undefined;
  #xB: Tensor | undefined;

  constructor(x: Tensor, W: Tensor, B: Tensor) {
    if (x.rank !== 2 || W.rank !== 2 || B.rank !== 2 || x.cols !== W.cols || B.rows !== W.cols || B.cols !== W.rows) {
      throw new RangeError(`Primitives: need x N×n_in, W n_out×n_in, B n_in×n_out; got x [${x.shape.join(', ')}], W [${W.shape.join(', ')}], B [${B.shape.join(', ')}]`);
    }
    this.x = x;
    this.W = W;
    this.B = B;
  }

  /** Rows r_n = W x_n (N × n_out). */
  get r(): Tensor {
    return (this.#r ??= matmul(this.x, this.W, { transposeB: true }));
  }

  /** Rows Bᵀ x_n (N × n_out). */
  get xB(): Tensor {
    return (this.#xB ??= matmul(this.x, this.B));
  }

  get batch(): number {
    return this.x.rows;
  }

  /** ‖W‖²_F + ‖B‖²_F. */
  decay(): Tensor {
    return this.W.sumSquares().add(this.B.sumSquares());
  }

  /** mean_n ‖W x_n‖² + mean_n ‖Bᵀ x_n‖². */
  sparse(): Tensor {
    return this.r.sumSquares().add(this.xB.sumSquares()).div(this.batch);
  }

  /** mean_n ‖B W x_n‖². */
  null(): Tensor {
    return matmul(this.r, this.B, { transposeB: true }).sumSquares().div(this.batch);
  }

  /** −tr(W B) = −⟨vec Wᵀ, vec B⟩. */
  self(): Tensor {
    return this.W.transpose().mul(this.B).sum().neg();
  }

  /** −mean_n x_nᵀ B W x_n = −mean_n ⟨Bᵀ x_n, W x_n⟩. */
  amp(): Tensor {
    return this.xB.mul(this.r).sum().div(-this.batch);
  }

  /** The same primitives on other inputs (weight mirror: noise instead of activity). */
  withInput(x: Tensor): Primitives {
    return new Primitives(x, this.W, this.B);
  }
}
