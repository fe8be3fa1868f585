import { allocate, accumulate, result } from '../autograd.js';
import { ShapeError } from '../errors.js';
import { gemm, transpose2d } from '../kernels/index.js';
import { allocLike } from '../kernels/dtype.js';
import type { Tensor } from '../tensor.js';
import { resultDtype } from './operand.js';

/** Use the transpose of an operand without copying it. */
export interface MatmulOptions {
  transposeA?: boolean;
  transposeB?: boolean;
}

/**
 * C = op(A)·op(B) for 2-D tensors, op = identity or transpose (read in place by the kernel).
 * Backward, with G = ∂L/∂C (all products again by gemm with flags, nothing transposed in memory):
 *   ∂L/∂A = G·op(B)ᵀ, or op(B)·Gᵀ when A is transposed;
 *   ∂L/∂B = op(A)ᵀ·G, or Gᵀ·op(A) when B is transposed.
 */
export function matmul(a: Tensor, b: Tensor, options: MatmulOptions = {}): Tensor {
  const ta = options.transposeA === true;
  const tb = options.transposeB === true;
  const name = `matmul${ta ? '(Aᵀ)' : ''}${tb ? '(Bᵀ)' : ''}`;
  if (a.rank !== 2 || b.rank !== 2) throw new ShapeError(name, [a.shape, b.shape], 'must both be matrices (rank 2)');
  const M = ta ? a.cols : a.rows;
  const K = ta ? a.rows : a.cols;
  const Kb = tb ? b.cols : b.rows;
  const N = tb ? b.rows : b.cols;
  if (K !== Kb) throw new ShapeError(name, [a.shape, b.shape], `do not fit: inner dimensions ${K} and ${Kb} differ`);
  const out = allocate(name, [M, N], resultDtype(a, b));
  gemm(ta, tb, M, N, K, a.data, b.data, out);
  return result(out, [M, N], [a, b], (g) => {
    // When an operand already holds a gradient from another consumer, the product is accumulated
    // straight into it (gemm's accumulate flag) instead of into a fresh buffer that is then added.
    if (a.requiresGrad) {
      const into = a._g;
      const ga = into ?? allocLike(a.data, a.size);
      if (!ta) gemm(false, !tb, M, K, N, g, b.data, ga, into !== null); // G·op(B)ᵀ  (M×K)
      else gemm(tb, true, K, M, N, b.data, g, ga, into !== null); // op(B)·Gᵀ  (K×M)
      if (into === null) accumulate(a, ga, true);
    }
    if (b.requiresGrad) {
      const into = b._g;
      const gb = into ?? allocLike(b.data, b.size);
      if (!tb) gemm(!ta, false, K, N, M, a.data, g, gb, into !== null); // op(A)ᵀ·G  (K×N)
      else gemm(true, ta, N, K, M, g, a.data, gb, into !== null); // Gᵀ·op(A)  (N×K)
      if (into === null) accumulate(b, gb, true);
    }
  });
}

/** Transpose of a 2-D tensor (a new contiguous tensor); gradient transposed back. */
export function transpose(x: Tensor): Tensor {
  if (x.rank !== 2) throw new ShapeError('transpose', [x.shape], 'is not a matrix (rank 2 expected)');
  const [rows, cols] = [x.rows, x.cols];
  const out = allocate('transpose', [cols, rows], x.dtype);
  transpose2d(x.data, rows, cols, out);
  return result(out, [cols, rows], [x], (g) => {
    const gx = allocLike(x.data, x.size);
    transpose2d(g, cols, rows, gx);
    accumulate(x, gx, true);
  });
}
