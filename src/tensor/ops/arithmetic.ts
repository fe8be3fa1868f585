import { allocate, accumulate, result } from '../autograd.js';
import { BinaryOp, broadcastBinary, scale, sumToShape } from '../kernels/index.js';
import { broadcastShapes, sameShape } from '../shape.js';
import type { Operand, Tensor } from '../tensor.js';
import { allocLike, type FloatArray } from '../kernels/dtype.js';
import { asTensor, resultDtype } from './operand.js';

/**
 * Sends a gradient `g` of the broadcast output shape to operand `t`: summed over the broadcast
 * dimensions when t is smaller (expand forward ⇔ sum backward), handed over as is otherwise.
 */
function sendReduced(t: Tensor, g: FloatArray, outShape: readonly number[], owned: boolean): void {
  if (!t.requiresGrad) return;
  if (sameShape(t.shape, outShape)) {
    accumulate(t, g, owned);
    return;
  }
  const r = allocLike(t.data, t.size);
  sumToShape(g, outShape, r, t.shape);
  accumulate(t, r, true);
}

/** out = a ∘ b with broadcasting; the result shape and a buffer for it. */
function forward(name: string, op: BinaryOp, a: Tensor, b: Tensor): { out: FloatArray; shape: number[] } {
  const shape = broadcastShapes(name, a.shape, b.shape);
  const out = allocate(name, shape, resultDtype(a, b));
  broadcastBinary(op, a.data, a.shape, b.data, b.shape, out, shape);
  return { out, shape };
}

/** Elementwise a + b (NumPy broadcasting). */
export function add(x: Operand, y: Operand): Tensor {
  const a = asTensor(x, y), b = asTensor(y, x);
  const { out, shape } = forward('add', BinaryOp.Add, a, b);
  return result(out, shape, [a, b], (g) => {
    sendReduced(a, g, shape, false);
    sendReduced(b, g, shape, false);
  });
}

/** Elementwise a − b (NumPy broadcasting). */
export function sub(x: Operand, y: Operand): Tensor {
  const a = asTensor(x, y), b = asTensor(y, x);
  const { out, shape } = forward('sub', BinaryOp.Sub, a, b);
  return result(out, shape, [a, b], (g) => {
    sendReduced(a, g, shape, false);
    if (b.requiresGrad) {
      const ng = allocLike(g);
      scale(-1, g, ng);
      sendReduced(b, ng, shape, true);
    }
  });
}

/** Elementwise a ⊙ b (NumPy broadcasting). */
export function mul(x: Operand, y: Operand): Tensor {
  const a = asTensor(x, y), b = asTensor(y, x);
  const { out, shape } = forward('mul', BinaryOp.Mul, a, b);
  return result(out, shape, [a, b], (g) => {
    if (a.requiresGrad) {
      const ga = allocLike(g); // ∂(ab)/∂a = b
      broadcastBinary(BinaryOp.Mul, g, shape, b.data, b.shape, ga, shape);
      sendReduced(a, ga, shape, true);
    }
    if (b.requiresGrad) {
      const gb = allocLike(g); // ∂(ab)/∂b = a
      broadcastBinary(BinaryOp.Mul, g, shape, a.data, a.shape, gb, shape);
      sendReduced(b, gb, shape, true);
    }
  });
}

/** Elementwise a / b (NumPy broadcasting). */
export function div(x: Operand, y: Operand): Tensor {
  const a = asTensor(x, y), b = asTensor(y, x);
  const { out, shape } = forward('div', BinaryOp.Div, a, b);
  return result(out, shape, [a, b], (g) => {
    if (a.requiresGrad) {
      const ga = allocLike(g); // ∂(a/b)/∂a = 1/b
      broadcastBinary(BinaryOp.Div, g, shape, b.data, b.shape, ga, shape);
      sendReduced(a, ga, shape, true);
    }
    if (b.requiresGrad) {
      const gb = allocLike(g); // ∂(a/b)/∂b = −(a/b)/b = −out/b
      broadcastBinary(BinaryOp.Mul, g, shape, out, shape, gb, shape);
      broadcastBinary(BinaryOp.Div, gb, shape, b.data, b.shape, gb, shape);
      scale(-1, gb, gb);
      sendReduced(b, gb, shape, true);
    }
  });
}
