/**
 * Tensor: a contiguous row-major Float64Array with a shape, and the autograd bookkeeping.
 * (Skeleton: ops and autograd are filled in by src/tensor/ops.ts and src/tensor/autograd.ts.)
 */
export class Tensor {
  /** Row-major values; length = product of shape. */
  readonly data: Float64Array;
  readonly shape: readonly number[];
  readonly size: number;
  /** Accumulated gradient ∂L/∂this (leaves only), same shape. */
  grad: Tensor | null = null;
  requiresGrad: boolean;
  /** Optional name used in error messages (e.g. "W1"). */
  name: string | undefined;

  constructor(data: Float64Array, shape: readonly number[], requiresGrad = false) {
    let size = 1;
    for (const d of shape) size *= d;
    if (size !== data.length) throw new Error(`Tensor: data length ${data.length} does not match shape [${shape.join(', ')}]`);
    this.data = data;
    this.shape = shape;
    this.size = size;
    this.requiresGrad = requiresGrad;
    this.name = undefined;
  }

  /** Number of rows of a 2-D tensor. */
  get rows(): number {
    return this.shape[0]!;
  }

  /** Number of columns of a 2-D tensor. */
  get cols(): number {
    return this.shape[1]!;
  }
}
