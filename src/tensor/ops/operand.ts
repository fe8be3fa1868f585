import { allocLike, type DType } from '../kernels/dtype.js';
import { Tensor, type Operand } from '../tensor.js';

/** A plain number becomes a rank-0 tensor, of the dtype of `like` when that is a tensor (else float64). */
export function asTensor(x: Operand, like?: Operand): Tensor {
  if (typeof x !== 'number') return x;
  const data = typeof like === 'number' || like === undefined ? new Float64Array(1) : allocLike(like.data, 1);
  data[0] = x;
  return new Tensor(data, []);
}

/**
 * The dtype of an op's result: float32 when every tensor operand is float32, else float64 (NumPy's
 * and PyTorch's promotion). Gradients reach each operand in its own dtype (`accumulate` converts).
 */
export function resultDtype(...operands: readonly Tensor[]): DType {
  return operands.every((t) => t.dtype === 'float32') ? 'float32' : 'float64';
}
