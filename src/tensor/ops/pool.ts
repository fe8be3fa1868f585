/**
 * Pooling over NCHW batches: max and average pooling with any window, stride and zero padding,
 * and global average pooling (composed: the mean over the flattened feature map).
 */
import { accumulate, allocate, result } from '../autograd.js';
import { ShapeError } from '../errors.js';
import { avgPool, avgPoolBackward, maxPool, maxPoolBackward } from '../kernels/index.js';
import { allocLike } from '../kernels/dtype.js';
import type { Tensor } from '../tensor.js';
import { convWindow } from './feedback.js';

type Pair = number | readonly [number, number];

export interface Pool2dOptions {
  /** Window [kh, kw] (one number for both). */
  readonly kernel: Pair;
  /** Default: the window (non-overlapping). */
  readonly stride?: Pair;
  /** Zero padding; default 0. */
  readonly padding?: Pair;
}

const pair = (v: Pair): [number, number] => (typeof v === 'number' ? [v, v] : [v[0], v[1]]);

function window(op: string, x: Tensor, o: Pool2dOptions) {
  const kernel = pair(o.kernel);
  const g = convWindow(op, x, kernel, kernel, o.stride ?? kernel, o.padding ?? 0);
  if (2 * g.ph > g.kh || 2 * g.pw > g.kw) throw new RangeError(`${op}: padding ${g.ph}, ${g.pw} must be at most half the ${g.kh}×${g.kw} window`);
  return g;
}

/** y[n, c, oh, ow] = max of x over the window; ∂x: g to each window's (first) maximum. */
export function maxPool2d(x: Tensor, options: Pool2dOptions): Tensor {
  const g = window('maxPool2d', x, options);
  const shape = [g.N, g.C, g.Ho, g.Wo];
  const out = allocate('maxPool2d', shape, x.dtype);
  const argmax = new Int32Array(out.length);
  maxPool(x.data, g, out, argmax);
  return result(out, shape, [x], (gy) => {
    const gx = allocLike(x.data, x.size);
    maxPoolBackward(gy, argmax, gx);
    accumulate(x, gx, true);
  });
}

/** y[n, c, oh, ow] = Σ window / (kh·kw), padding counted as zeros (PyTorch's default); ∂x: its adjoint. */
export function avgPool2d(x: Tensor, options: Pool2dOptions): Tensor {
  const g = window('avgPool2d', x, options);
  const shape = [g.N, g.C, g.Ho, g.Wo];
  const out = allocate('avgPool2d', shape, x.dtype);
  avgPool(x.data, g, out);
  return result(out, shape, [x], (gy) => {
    const gx = allocLike(x.data, x.size);
    avgPoolBackward(gy, g, gx);
    accumulate(x, gx, true);
  });
}

/** N × C × H × W → N × C, the mean of each feature map. */
export function globalAvgPool2d(x: Tensor): Tensor {
  if (x.rank !== 4) throw new ShapeError('globalAvgPool2d', [x.shape], 'do not fit: the input must be N × C × H × W');
  const [N, C] = x.shape as [number, number];
  return x.reshape([N, C, -1]).mean(2);
}
