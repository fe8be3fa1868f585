import { Tensor, type Operand } from '../tensor.js';

/** A plain number becomes a rank-0 tensor. */
export function asTensor(x: Operand): Tensor {
  return typeof x === 'number' ? new Tensor(Float64Array.of(x), []) : x;
}
