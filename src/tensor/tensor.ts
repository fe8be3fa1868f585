import { DivergenceError, formatShape } from './errors.js';
import { firstNonFinite } from './kernels/index.js';
import { sizeOf } from './shape.js';
import * as arith from './ops/arithmetic.js';
import * as unaryOps from './ops/unary.js';
import * as reduce from './ops/reduce.js';
import * as linear from './ops/linear.js';
import * as layout from './ops/layout.js';
import * as losses from './ops/losses.js';
import { backward } from './autograd.js';
import { convert, dtypeOf, type DType, type FloatArray } from './kernels/dtype.js';

/** A tensor or a plain number (broadcast as a scalar). */
export type Operand = Tensor | number;

/** A nested array of numbers, e.g. `[[1, 2], [3, 4]]`. */
export type NestedArray = number | readonly NestedArray[];

/**
 * An n-dimensional array of float64 (default) or float32 values (row-major, contiguous) that records the ops applied
 * to it so that `backward()` can compute gradients by reverse-mode automatic differentiation.
 *
 * Tensors are immutable by convention; only optimizers write `data` in place, between graphs.
 */
export class Tensor {
  /** Row-major values; length = product of shape. */
  readonly data: FloatArray;
  readonly shape: readonly number[];
  readonly size: number;
  /** ∂L/∂this accumulated by backward() (leaf tensors with requiresGrad only). */
  grad: Tensor | null = null;
  /** Whether gradients flow to this tensor. Leaves set it; op results inherit it from operands. */
  requiresGrad: boolean;
  /** Name used in error messages (e.g. "W1"). */
  name: string | undefined = undefined;
  /** @internal Operands of the op that produced this tensor (empty for leaves). */
  _parents: readonly Tensor[] = [];
  /** @internal Pushes the upstream gradient `g` (same shape as this) to the operands. */
  _backward: ((g: FloatArray) => void) | null = null;
  /** @internal Gradient being accumulated during a backward pass. */
  _g: FloatArray | null = null;

  constructor(data: FloatArray, shape: readonly number[], requiresGrad = false) {
    const size = sizeOf(shape);
    if (size !== data.length) throw new Error(`Tensor: data length ${data.length} does not match shape ${formatShape(shape)}`);
    this.data = data;
    this.shape = shape;
    this.size = size;
    this.requiresGrad = requiresGrad;
  }

  /** Element type: 'float64' or 'float32' (the type of `data`). */
  get dtype(): DType {
    return dtypeOf(this.data);
  }

  /**
   * The values as a Float64Array (float64 code such as src/linalg reads tensors through this);
   * a float32 tensor is refused with the op's name rather than converted behind the caller's back.
   */
  f64(op: string): Float64Array {
    if (this.data instanceof Float64Array) return this.data;
    throw new TypeError(`${op}: needs a float64 tensor, got float32 ${formatShape(this.shape)}${this.name ? ` "${this.name}"` : ''}; convert with .to('float64')`);
  }

  /**
   * Converts this leaf's storage to `dtype` in place, keeping its identity, name and requiresGrad
   * (Network.to uses it, as PyTorch's Module.to does, so optimizers and layers keep their
   * references); its gradient is cleared. Refused on op results, whose graph holds the old values.
   */
  convertInPlace(dtype: DType): this {
    if (!this.isLeaf) throw new Error(`convertInPlace: "${this.name ?? 'tensor'}" ${formatShape(this.shape)} is the result of an op; use .to('${dtype}')`);
    if (this.dtype !== dtype) {
      (this as { data: FloatArray }).data = convert(this.data, dtype);
      this.grad = null;
    }
    return this;
  }

  /** Rank (number of dimensions). */
  get rank(): number {
    return this.shape.length;
  }

  /** Number of rows of a 2-D tensor. */
  get rows(): number {
    return this.shape[0]!;
  }

  /** Number of columns of a 2-D tensor. */
  get cols(): number {
    return this.shape[1]!;
  }

  /** Whether this tensor was created by the user rather than by an op. */
  get isLeaf(): boolean {
    return this._backward === null;
  }

  /** Marks this tensor as a trainable parameter (requiresGrad) with a name for error messages. */
  param(name?: string): this {
    this.requiresGrad = true;
    if (name !== undefined) this.name = name;
    return this;
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) throw new Error(`item: tensor has shape ${formatShape(this.shape)}, not one element`);
    return this.data[0]!;
  }

  /** The value at a multi-index. */
  get(...index: number[]): number {
    if (index.length !== this.rank) throw new Error(`get: index of length ${index.length} for shape ${formatShape(this.shape)}`);
    let off = 0;
    for (let d = 0; d < index.length; d++) {
      const i = index[d]!;
      if (!Number.isInteger(i) || i < 0 || i >= this.shape[d]!) throw new Error(`get: index ${i} out of range for dimension ${d} of shape ${formatShape(this.shape)}`);
      off = off * this.shape[d]! + i;
    }
    return this.data[off]!;
  }

  /** The values as nested arrays. */
  toArray(): NestedArray {
    const build = (dim: number, offset: number): NestedArray => {
      if (dim === this.rank) return this.data[offset]!;
      const n = this.shape[dim]!;
      const stride = sizeOf(this.shape.slice(dim + 1));
      return Array.from({ length: n }, (_, i) => build(dim + 1, offset + i * stride));
    };
    return build(0, 0);
  }

  /** A copy with its own data, detached from the graph. */
  clone(): Tensor {
    return new Tensor(this.data.slice(), this.shape.slice());
  }

  /** The same values (shared storage) cut off from the graph: gradients do not flow through it. */
  detach(): Tensor {
    return new Tensor(this.data, this.shape);
  }

  /**
   * Reverse-mode differentiation from this tensor. With no argument this must be a one-element
   * tensor (∂this/∂this = 1); otherwise `grad` is the upstream gradient, of this shape.
   * Gradients are *added* to `.grad` of every leaf that requires grad; the graph is kept, so a
   * second call adds the same gradients again (use `zeroGrad()` or an optimizer's `zeroGrad()`
   * in between to start fresh).
   */
  backward(grad?: Tensor): void {
    backward(this, grad);
  }

  /** Clears the accumulated gradient. */
  zeroGrad(): void {
    this.grad = null;
  }

  /** Throws a DivergenceError naming the step and this tensor if any value is NaN or ±Infinity. */
  assertFinite(step: number, what = 'value', label = this.name ?? 'tensor'): this {
    const i = firstNonFinite(this.data);
    if (i >= 0) {
      throw new DivergenceError(
        `step ${step}: ${what} of "${label}" ${formatShape(this.shape)} is not finite (${this.data[i]} at flat index ${i}); lower the learning rate or check the data`,
        step,
        label,
      );
    }
    return this;
  }

  add(b: Operand): Tensor { return arith.add(this, b); }
  sub(b: Operand): Tensor { return arith.sub(this, b); }
  mul(b: Operand): Tensor { return arith.mul(this, b); }
  div(b: Operand): Tensor { return arith.div(this, b); }
  neg(): Tensor { return unaryOps.neg(this); }
  square(): Tensor { return unaryOps.square(this); }
  sqrt(): Tensor { return unaryOps.sqrt(this); }
  exp(): Tensor { return unaryOps.exp(this); }
  log(): Tensor { return unaryOps.log(this); }
  abs(): Tensor { return unaryOps.abs(this); }
  relu(): Tensor { return unaryOps.relu(this); }
  sigmoid(): Tensor { return unaryOps.sigmoid(this); }
  tanh(): Tensor { return unaryOps.tanh(this); }
  pow(p: number): Tensor { return unaryOps.pow(this, p); }
  sum(axis?: number, keepdims = false): Tensor { return reduce.sum(this, axis, keepdims); }
  mean(axis?: number, keepdims = false): Tensor { return reduce.mean(this, axis, keepdims); }
  /** ‖this‖²_F = Σ x². */
  sumSquares(): Tensor { return reduce.sumSquares(this); }
  trace(): Tensor { return reduce.trace(this); }
  /** This tensor in `dtype` (itself when it already is); differentiable, the gradient converted back. */
  to(dtype: DType): Tensor { return layout.cast(this, dtype); }
  matmul(b: Tensor, options?: linear.MatmulOptions): Tensor { return linear.matmul(this, b, options); }
  /** Transpose of a 2-D tensor (a copy). */
  transpose(): Tensor { return linear.transpose(this); }
  reshape(shape: readonly number[]): Tensor { return layout.reshape(this, shape); }
  gatherRows(indices: ArrayLike<number>): Tensor { return layout.gatherRows(this, indices); }
  sliceRows(start: number, end: number): Tensor { return layout.sliceRows(this, start, end); }
  softmaxCrossEntropy(labels: ArrayLike<number>): Tensor { return losses.softmaxCrossEntropy(this, labels); }
  mse(target: Tensor): Tensor { return losses.mse(this, target); }
}
