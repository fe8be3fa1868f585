/**
 * Elementwise loops over contiguous float arrays shared by several ops (the unary op family's
 * own loops sit beside their derivatives in ../ops/unary.ts). One tight loop each, nothing
 * allocated. ReLU forward and backward
 * (and the same-shape binary ops in ./broadcast.ts) go to WebAssembly SIMD from `wasmMinElements`
 * elements on (./wasm-elementwise.ts), with bit-identical results.
 */

import type { FloatArray } from './dtype.js';
import { wasmElementwise } from './config.js';
import { reluBackwardWasm, reluWasm } from './wasm-elementwise.js';


/** out = max(x, 0); relu(NaN) = 0 and relu(−0) = +0 on both paths. */
export function reluForward(x: FloatArray, out: FloatArray): void {
  const n = x.length;
  if (wasmElementwise(n) && reluWasm(x, out)) return;
  for (let i = 0; i < n; i++) out[i] = x[i]! > 0 ? x[i]! : 0;
}

/** gx = g ⊙ [x > 0], the subgradient 0 at 0. */
export function reluBackward(x: FloatArray, g: FloatArray, gx: FloatArray): void {
  const n = g.length;
  if (wasmElementwise(n) && reluBackwardWasm(x, g, gx)) return;
  for (let i = 0; i < n; i++) gx[i] = x[i]! > 0 ? g[i]! : 0;
}

/** out = x^p elementwise. */
export function powScalar(x: FloatArray, p: number, out: FloatArray): void {
  for (let i = 0; i < x.length; i++) out[i] = Math.pow(x[i]!, p);
}

/** gx = g ⊙ p·x^(p−1). */
export function powScalarBackward(x: FloatArray, p: number, g: FloatArray, gx: FloatArray): void {
  for (let i = 0; i < g.length; i++) gx[i] = p * Math.pow(x[i]!, p - 1) * g[i]!;
}

/** y += alpha · x. */
export function axpy(alpha: number, x: FloatArray, y: FloatArray): void {
  for (let i = 0; i < x.length; i++) y[i] += alpha * x[i]!;
}

/** out = alpha · x. */
export function scale(alpha: number, x: FloatArray, out: FloatArray): void {
  for (let i = 0; i < x.length; i++) out[i] = alpha * x[i]!;
}

/** Index of the first NaN or ±Infinity, or −1. */
export function firstNonFinite(x: FloatArray): number {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v - v !== 0) return i; // NaN − NaN and ∞ − ∞ are NaN
  }
  return -1;
}
