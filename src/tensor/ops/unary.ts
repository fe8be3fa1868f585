import { allocate, accumulate, result } from '../autograd.js';
import { powScalar, powScalarBackward, unary, unaryBackward, UnaryOp } from '../kernels/index.js';
import type { Tensor } from '../tensor.js';

/** y = f(x) elementwise, with gx = g ⊙ f'(x) from the kernel layer. */
function map(name: string, op: UnaryOp, x: Tensor): Tensor {
  const y = allocate(name, x.shape);
  unary(op, x.data, y);
  return result(y, x.shape, [x], (g) => {
    const gx = new Float64Array(g.length);
    unaryBackward(op, x.data, y, g, gx);
    accumulate(x, gx, true);
  });
}

export const neg = (x: Tensor): Tensor => map('neg', UnaryOp.Neg, x);
export const square = (x: Tensor): Tensor => map('square', UnaryOp.Square, x);
export const sqrt = (x: Tensor): Tensor => map('sqrt', UnaryOp.Sqrt, x);
export const exp = (x: Tensor): Tensor => map('exp', UnaryOp.Exp, x);
export const log = (x: Tensor): Tensor => map('log', UnaryOp.Log, x);
export const abs = (x: Tensor): Tensor => map('abs', UnaryOp.Abs, x);
export const relu = (x: Tensor): Tensor => map('relu', UnaryOp.Relu, x);
export const sigmoid = (x: Tensor): Tensor => map('sigmoid', UnaryOp.Sigmoid, x);
export const tanh = (x: Tensor): Tensor => map('tanh', UnaryOp.Tanh, x);

/** x^p elementwise for a constant exponent p. */
export function pow(x: Tensor, p: number): Tensor {
  if (!Number.isFinite(p)) throw new Error(`pow: exponent must be finite, got ${p}`);
  const y = allocate('pow', x.shape);
  powScalar(x.data, p, y);
  return result(y, x.shape, [x], (g) => {
    const gx = new Float64Array(g.length);
    powScalarBackward(x.data, p, g, gx);
    accumulate(x, gx, true);
  });
}
