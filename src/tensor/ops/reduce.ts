import { allocate, accumulate, result } from '../autograd.js';
import { ShapeError } from '../errors.js';
import { axpy, broadcastTo, dot, scale, sumAll, sumAxis, traceOf } from '../kernels/index.js';
import { normalizeAxis } from '../shape.js';
import { allocLike, type FloatArray } from '../kernels/dtype.js';
import type { Tensor } from '../tensor.js';

/** A one-element buffer of x's dtype holding v. */
function scalarLike(x: Tensor, v: number): FloatArray {
  const out = allocLike(x.data, 1);
  out[0] = v;
  return out;
}

/** Σ (or mean when factor = 1/count) over all elements or along one axis. */
function reduceSum(name: string, x: Tensor, axis: number | undefined, keepdims: boolean, mean: boolean): Tensor {
  if (axis === undefined) {
    const factor = mean ? 1 / x.size : 1;
    const shape = keepdims ? x.shape.map(() => 1) : [];
    return result(scalarLike(x, sumAll(x.data) * factor), shape, [x], (g) => {
      accumulate(x, allocLike(x.data, x.size).fill(g[0]! * factor), true);
    });
  }
  const ax = normalizeAxis(name, x.shape, axis);
  const len = x.shape[ax]!;
  const factor = mean ? 1 / len : 1;
  let outer = 1, inner = 1;
  for (let d = 0; d < ax; d++) outer *= x.shape[d]!;
  for (let d = ax + 1; d < x.rank; d++) inner *= x.shape[d]!;
  const kept = x.shape.map((d, i) => (i === ax ? 1 : d));
  const shape = keepdims ? kept : x.shape.filter((_, i) => i !== ax);
  const out = allocate(name, shape, x.dtype);
  sumAxis(x.data, outer, len, inner, out);
  if (mean) scale(factor, out, out);
  return result(out, shape, [x], (g) => {
    const gx = allocLike(x.data, x.size);
    broadcastTo(g, kept, gx, x.shape);
    if (mean) scale(factor, gx, gx);
    accumulate(x, gx, true);
  });
}

/** Sum of all elements, or along `axis` (keeping it as size 1 when `keepdims`). */
export function sum(x: Tensor, axis?: number, keepdims = false): Tensor {
  return reduceSum('sum', x, axis, keepdims, false);
}

/** Mean of all elements, or along `axis`. */
export function mean(x: Tensor, axis?: number, keepdims = false): Tensor {
  if (x.size === 0) throw new ShapeError('mean', [x.shape], 'have no elements');
  return reduceSum('mean', x, axis, keepdims, true);
}

/** Squared Frobenius norm ‖x‖²_F = Σ x²; gradient 2x. */
export function sumSquares(x: Tensor): Tensor {
  return result(scalarLike(x, dot(x.data, x.data)), [], [x], (g) => {
    if (x._g !== null) {
      axpy(2 * g[0]!, x.data, x._g); // x already holds a gradient: add 2g·x into it
      return;
    }
    const gx = allocLike(x.data, x.size);
    scale(2 * g[0]!, x.data, gx);
    accumulate(x, gx, true);
  });
}

/** tr(X) of a 2-D tensor (any rectangular shape: sum of the main diagonal); gradient g·I. */
export function trace(x: Tensor): Tensor {
  if (x.rank !== 2) throw new ShapeError('trace', [x.shape], 'is not a matrix (rank 2 expected)');
  const [rows, cols] = [x.rows, x.cols];
  return result(scalarLike(x, traceOf(x.data, rows, cols)), [], [x], (g) => {
    const gx = allocLike(x.data, x.size);
    for (let i = 0; i < Math.min(rows, cols); i++) gx[i * cols + i] = g[0]!;
    accumulate(x, gx, true);
  });
}

