/**
 * Elementwise loops over contiguous Float64Arrays: forward maps and the matching backward
 * products `gx = g ⊙ f'(·)`. One tight loop each, nothing allocated. ReLU forward and backward
 * (and the same-shape binary ops in ./broadcast.ts) go to WebAssembly SIMD from `wasmMinElements`
 * elements on (./wasm-elementwise.ts), with bit-identical results.
 */

import { kernelOptions } from './config.js';
import { reluBackwardWasm, reluWasm } from './wasm-elementwise.js';

export const enum UnaryOp {
  Neg,
  Square,
  Sqrt,
  Exp,
  Log,
  Abs,
  Relu,
  Sigmoid,
  Tanh,
}

/** out = f(x) for the unary op. */
export function unary(op: UnaryOp, x: Float64Array, out: Float64Array): void {
  const n = x.length;
  switch (op) {
    case UnaryOp.Neg:
      for (let i = 0; i < n; i++) out[i] = -x[i]!;
      break;
    case UnaryOp.Square:
      for (let i = 0; i < n; i++) out[i] = x[i]! * x[i]!;
      break;
    case UnaryOp.Sqrt:
      for (let i = 0; i < n; i++) out[i] = Math.sqrt(x[i]!);
      break;
    case UnaryOp.Exp:
      for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]!);
      break;
    case UnaryOp.Log:
      for (let i = 0; i < n; i++) out[i] = Math.log(x[i]!);
      break;
    case UnaryOp.Abs:
      for (let i = 0; i < n; i++) out[i] = Math.abs(x[i]!);
      break;
    case UnaryOp.Relu:
      if (n >= kernelOptions().wasmMinElements && kernelOptions().backend !== 'js' && reluWasm(x, out)) break;
      for (let i = 0; i < n; i++) out[i] = x[i]! > 0 ? x[i]! : 0;
      break;
    case UnaryOp.Sigmoid:
      // stable in both tails: σ(x) = 1/(1+e^{-x}) for x ≥ 0, e^{x}/(1+e^{x}) otherwise
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        if (v >= 0) out[i] = 1 / (1 + Math.exp(-v));
        else {
          const e = Math.exp(v);
          out[i] = e / (1 + e);
        }
      }
      break;
    case UnaryOp.Tanh:
      for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]!);
      break;
  }
}

/**
 * gx = g ⊙ f'(x), written in terms of the input x and/or the output y = f(x), whichever is cheaper.
 */
export function unaryBackward(op: UnaryOp, x: Float64Array, y: Float64Array, g: Float64Array, gx: Float64Array): void {
  const n = g.length;
  switch (op) {
    case UnaryOp.Neg:
      for (let i = 0; i < n; i++) gx[i] = -g[i]!;
      break;
    case UnaryOp.Square: // d x² = 2x
      for (let i = 0; i < n; i++) gx[i] = 2 * x[i]! * g[i]!;
      break;
    case UnaryOp.Sqrt: // d √x = 1/(2√x)
      for (let i = 0; i < n; i++) gx[i] = (0.5 * g[i]!) / y[i]!;
      break;
    case UnaryOp.Exp:
      for (let i = 0; i < n; i++) gx[i] = y[i]! * g[i]!;
      break;
    case UnaryOp.Log:
      for (let i = 0; i < n; i++) gx[i] = g[i]! / x[i]!;
      break;
    case UnaryOp.Abs: // sign(x), 0 at 0
      for (let i = 0; i < n; i++) gx[i] = x[i]! > 0 ? g[i]! : x[i]! < 0 ? -g[i]! : 0;
      break;
    case UnaryOp.Relu: // subgradient 0 at 0
      if (n >= kernelOptions().wasmMinElements && kernelOptions().backend !== 'js' && reluBackwardWasm(x, g, gx)) break;
      for (let i = 0; i < n; i++) gx[i] = x[i]! > 0 ? g[i]! : 0;
      break;
    case UnaryOp.Sigmoid: // σ' = σ(1 − σ)
      for (let i = 0; i < n; i++) gx[i] = y[i]! * (1 - y[i]!) * g[i]!;
      break;
    case UnaryOp.Tanh: // tanh' = 1 − tanh²
      for (let i = 0; i < n; i++) gx[i] = (1 - y[i]! * y[i]!) * g[i]!;
      break;
  }
}

/** out = x^p elementwise. */
export function powScalar(x: Float64Array, p: number, out: Float64Array): void {
  for (let i = 0; i < x.length; i++) out[i] = Math.pow(x[i]!, p);
}

/** gx = g ⊙ p·x^(p−1). */
export function powScalarBackward(x: Float64Array, p: number, g: Float64Array, gx: Float64Array): void {
  for (let i = 0; i < g.length; i++) gx[i] = p * Math.pow(x[i]!, p - 1) * g[i]!;
}

/** y += alpha · x. */
export function axpy(alpha: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i] += alpha * x[i]!;
}

/** out = alpha · x. */
export function scale(alpha: number, x: Float64Array, out: Float64Array): void {
  for (let i = 0; i < x.length; i++) out[i] = alpha * x[i]!;
}

/** Index of the first NaN or ±Infinity, or −1. */
export function firstNonFinite(x: Float64Array): number {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v - v !== 0) return i; // NaN − NaN and ∞ − ∞ are NaN
  }
  return -1;
}
