/**
 * unfold (im2col) and fold (col2im) as autograd ops: the patches of an NCHW batch as rows, and
 * the sum of patch rows back into the image (overlaps add). Each is the other's adjoint, so each
 * one's backward is the other. fold(rows·B^T) is the transposed convolution with B.
 */
import { accumulate, allocate, result } from '../autograd.js';
import { ShapeError } from '../errors.js';
import { col2im, im2col, type Window2d } from '../kernels/index.js';
import { allocLike } from '../kernels/dtype.js';
import type { Tensor } from '../tensor.js';

const rowsOf = (g: Window2d): [number, number] => [g.N * g.Ho * g.Wo, g.C * g.kh * g.kw];

/** N × C × H × W → (N·H_out·W_out) × (C·kh·kw) patches of the window. */
export function unfold(x: Tensor, g: Window2d): Tensor {
  if (x.rank !== 4 || x.shape[0] !== g.N || x.shape[1] !== g.C || x.shape[2] !== g.H || x.shape[3] !== g.W) {
    throw new ShapeError('unfold', [x.shape, [g.N, g.C, g.H, g.W]], 'differ: the input must have the shape of the window');
  }
  const shape = rowsOf(g);
  const out = allocate('unfold', shape, x.dtype);
  im2col(x.data, g, out);
  return result(out, shape, [x], (gr) => {
    const gx = allocLike(x.data, x.size);
    col2im(gr, g, gx);
    accumulate(x, gx, true);
  });
}

/** (N·H_out·W_out) × (C·kh·kw) patch rows → N × C × H × W, overlapping entries summed. */
export function fold(rows: Tensor, g: Window2d): Tensor {
  const [R, K] = rowsOf(g);
  if (rows.rank !== 2 || rows.rows !== R || rows.cols !== K) throw new ShapeError('fold', [rows.shape, [R, K]], 'differ: one row per output position, one column per patch entry');
  const shape = [g.N, g.C, g.H, g.W];
  const out = allocate('fold', shape, rows.dtype);
  col2im(rows.data, g, out);
  return result(out, shape, [rows], (gx) => {
    const gr = allocLike(gx, R * K);
    im2col(gx, g, gr);
    accumulate(rows, gr, true);
  });
}
