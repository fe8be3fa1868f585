import { allocate, accumulate, result } from '../autograd.js';
import { formatShape, ShapeError } from '../errors.js';
import { gatherRows as gatherKernel, scatterAddRows } from '../kernels/index.js';
import { checkShape, sameShape, sizeOf } from '../shape.js';
import { allocLike, convert, type DType } from '../kernels/dtype.js';
import type { Tensor } from '../tensor.js';
import { resultDtype } from './operand.js';

/** Same values in a new shape (storage shared); one dimension may be −1 (inferred). */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  if (shape.some((d) => !Number.isInteger(d) || d < -1) || shape.filter((d) => d === -1).length > 1) {
    throw new ShapeError('reshape', [x.shape, shape], 'are incompatible: the target must have dimensions ≥ 0 and at most one −1');
  }
  const inferred = shape.indexOf(-1);
  let target = shape.slice();
  if (inferred >= 0) {
    const known = sizeOf(shape.filter((_, i) => i !== inferred));
    if (known === 0 || x.size % known !== 0) throw new ShapeError('reshape', [x.shape, shape], 'are incompatible: cannot infer the −1 dimension');
    target[inferred] = x.size / known;
  }
  checkShape('reshape', target);
  if (sizeOf(target) !== x.size) throw new ShapeError('reshape', [x.shape, target], `are incompatible: ${x.size} vs ${sizeOf(target)} elements`);
  return result(x.data, target, [x], (g) => accumulate(x, g, false));
}

/** Width of a "row" (everything after the first dimension). */
function rowWidth(x: Tensor, op: string): number {
  if (x.rank < 1) throw new ShapeError(op, [x.shape], 'have no rows (rank 0)');
  return x.size / x.shape[0]!;
}

/** Rows x[indices[r]] stacked (minibatch selection); repeated indices allowed. */
export function gatherRows(x: Tensor, indices: ArrayLike<number>): Tensor {
  const n = x.shape[0] ?? 0;
  const cols = rowWidth(x, 'gatherRows');
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r]!;
    if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`gatherRows: index ${i} out of range for ${n} rows of a tensor of shape ${formatShape(x.shape)}`);
  }
  const shape = [indices.length, ...x.shape.slice(1)];
  const out = allocate('gatherRows', shape, x.dtype);
  gatherKernel(x.data, cols, indices, out);
  return result(out, shape, [x], (g) => {
    const gx = allocLike(x.data, x.size);
    scatterAddRows(g, cols, indices, gx);
    accumulate(x, gx, true);
  });
}

/** Rows start..end−1 (a copy). */
export function sliceRows(x: Tensor, start: number, end: number): Tensor {
  const n = x.shape[0] ?? 0;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > n || start > end) {
    throw new RangeError(`sliceRows: range [${start}, ${end}) invalid for ${n} rows of a tensor of shape ${formatShape(x.shape)}`);
  }
  const cols = rowWidth(x, 'sliceRows');
  const shape = [end - start, ...x.shape.slice(1)];
  const out = x.data.slice(start * cols, end * cols);
  return result(out, shape, [x], (g) => {
    const gx = allocLike(x.data, x.size);
    gx.set(g, start * cols);
    accumulate(x, gx, true);
  });
}

/** Stacks tensors along the first dimension; all other dimensions must agree. */
export function concatRows(parts: readonly Tensor[]): Tensor {
  if (parts.length === 0) throw new Error('concatRows: no tensors given');
  const first = parts[0]!;
  const tail = first.shape.slice(1);
  for (const p of parts) {
    if (p.rank < 1 || !sameShape(p.shape.slice(1), tail)) throw new ShapeError('concatRows', [first.shape, p.shape], 'differ beyond the first dimension');
  }
  const rows = parts.reduce((s, p) => s + p.shape[0]!, 0);
  const shape = [rows, ...tail];
  const out = allocate('concatRows', shape, resultDtype(...parts));
  let off = 0;
  for (const p of parts) {
    out.set(p.data, off);
    off += p.size;
  }
  return result(out, shape, parts, (g) => {
    let o = 0;
    for (const p of parts) {
      accumulate(p, g.slice(o, o + p.size), true);
      o += p.size;
    }
  });
}

/** x in `dtype` (x itself when it already is one); the gradient goes back converted to x's dtype. */
export function cast(x: Tensor, dtype: DType): Tensor {
  if (x.dtype === dtype) return x;
  return result(convert(x.data, dtype), x.shape, [x], (g) => accumulate(x, convert(g, x.dtype), true));
}
