/**
 * The unary op family. Each op is one definition: its name, its forward y = f(x) and its
 * backward gx = g ⊙ f'(x) (written in x, y = f(x) or g, whichever is cheaper), side by side.
 * Both are whole-array loops, so the hot loop holds no per-element call. Adding a unary op is
 * one `unaryOp({...})` here (export it from ../index.ts) plus its gradcheck in test/tensor/grad.test.ts.
 */
import { allocate, accumulate, result } from '../autograd.js';
import { powScalar, powScalarBackward, reluBackward, reluForward } from '../kernels/index.js';
import { allocLike, type FloatArray } from '../kernels/dtype.js';
import type { Tensor } from '../tensor.js';

/** One elementwise op y = f(x) with its derivative. */
export interface UnaryDefinition {
  /** The op's name, as errors and size limits report it. */
  readonly name: string;
  /** y = f(x) over the whole array. */
  forward(x: FloatArray, y: FloatArray): void;
  /** gx = g ⊙ f'(x) over the whole array, given the input x, the output y = f(x) and the upstream g. */
  backward(x: FloatArray, y: FloatArray, g: FloatArray, gx: FloatArray): void;
}

/** The tensor op of a definition: y = f(x), recording gx = g ⊙ f'(x) for the backward pass. */
export function unaryOp(def: UnaryDefinition): (x: Tensor) => Tensor {
  return (x) => {
    const y = allocate(def.name, x.shape, x.dtype);
    def.forward(x.data, y);
    return result(y, x.shape, [x], (g) => {
      const gx = allocLike(g);
      def.backward(x.data, y, g, gx);
      accumulate(x, gx, true);
    });
  };
}

export const neg = unaryOp({
  name: 'neg',
  forward(x, y) { for (let i = 0; i < x.length; i++) y[i] = -x[i]!; },
  backward(_x, _y, g, gx) { for (let i = 0; i < g.length; i++) gx[i] = -g[i]!; },
});

/** d x² = 2x. */
export const square = unaryOp({
  name: 'square',
  forward(x, y) { for (let i = 0; i < x.length; i++) y[i] = x[i]! * x[i]!; },
  backward(x, _y, g, gx) { for (let i = 0; i < g.length; i++) gx[i] = 2 * x[i]! * g[i]!; },
});

/** d √x = 1/(2√x) = 1/(2y). */
export const sqrt = unaryOp({
  name: 'sqrt',
  forward(x, y) { for (let i = 0; i < x.length; i++) y[i] = Math.sqrt(x[i]!); },
  backward(_x, y, g, gx) { for (let i = 0; i < g.length; i++) gx[i] = (0.5 * g[i]!) / y[i]!; },
});

/** d eˣ = eˣ = y. */
export const exp = unaryOp({
  name: 'exp',
  forward(x, y) { for (let i = 0; i < x.length; i++) y[i] = Math.exp(x[i]!); },
  backward(_x, y, g, gx) { for (let i = 0; i < g.length; i++) gx[i] = y[i]! * g[i]!; },
});

/** d log x = 1/x. */
export const log = unaryOp({
  name: 'log',
  forward(x, y) { for (let i = 0; i < x.length; i++) y[i] = Math.log(x[i]!); },
  backward(x, _y, g, gx) { for (let i = 0; i < g.length; i++) gx[i] = g[i]! / x[i]!; },
});

/** d |x| = sign(x), 0 at 0. */
export const abs = unaryOp({
  name: 'abs',
  forward(x, y) { for (let i = 0; i < x.length; i++) y[i] = Math.abs(x[i]!); },
  backward(x, _y, g, gx) { for (let i = 0; i < g.length; i++) gx[i] = x[i]! > 0 ? g[i]! : x[i]! < 0 ? -g[i]! : 0; },
});

/** max(x, 0), subgradient 0 at 0; the loops are the kernel layer's (WebAssembly SIMD for large arrays). */
export const relu = unaryOp({
  name: 'relu',
  forward: reluForward,
  backward(x, _y, g, gx) { reluBackward(x, g, gx); },
});

/** σ(x) = 1/(1+e^{−x}), stable in both tails (e^{x}/(1+e^{x}) for x < 0); σ' = σ(1 − σ). */
export const sigmoid = unaryOp({
  name: 'sigmoid',
  forward(x, y) {
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (v >= 0) y[i] = 1 / (1 + Math.exp(-v));
      else {
        const e = Math.exp(v);
        y[i] = e / (1 + e);
      }
    }
  },
  backward(_x, y, g, gx) { for (let i = 0; i < g.length; i++) gx[i] = y[i]! * (1 - y[i]!) * g[i]!; },
});

/** tanh' = 1 − tanh². */
export const tanh = unaryOp({
  name: 'tanh',
  forward(x, y) { for (let i = 0; i < x.length; i++) y[i] = Math.tanh(x[i]!); },
  backward(_x, y, g, gx) { for (let i = 0; i < g.length; i++) gx[i] = (1 - y[i]! * y[i]!) * g[i]!; },
});

/** x^p elementwise for a constant exponent p. */
export function pow(x: Tensor, p: number): Tensor {
  if (!Number.isFinite(p)) throw new Error(`pow: exponent must be finite, got ${p}`);
  const y = allocate('pow', x.shape, x.dtype);
  powScalar(x.data, p, y);
  return result(y, x.shape, [x], (g) => {
    const gx = allocLike(g);
    powScalarBackward(x.data, p, g, gx);
    accumulate(x, gx, true);
  });
}
