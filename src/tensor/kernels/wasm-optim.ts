/**
 * The optimizer updates (./optim.ts) in WebAssembly SIMD: parameters, gradients and state are
 * copied into the shared wasm memory, updated there by one v128 loop and copied back. V8's scalar
 * typed-array loop runs at about 1.5 ns per float32 element here, the copies (memcpy) and the f64x2 /
 * f32x4 loop at a fraction of that. float64 results are bit-identical to the TypeScript loops (the
 * same IEEE operations in the same order); float32 ones are computed in float32 (the TypeScript
 * loop computes in float64 and rounds each stored value), so they agree to float32 rounding.
 * Each function returns false when WebAssembly is unavailable or the arrays' types differ.
 */
import type { FloatArray } from './dtype.js';
import { copyFromWasm, copyToWasm, wasmOperands } from './wasm-runtime.js';

/** SGD step in place (see sgdStep). */
export function sgdWasm(p: FloatArray, g: FloatArray, v: FloatArray, lr: number, momentum: number, weightDecay: number): boolean {
  const n = p.length;
  const w = wasmOperands(momentum !== 0 ? [p, g, v] : [p, g], [n, n, n]);
  if (w === null) return false;
  const { rt, es, mem, at: [po, go, vo] } = w;
  copyToWasm(mem, po, p, n);
  copyToWasm(mem, go, g, n);
  if (momentum !== 0) copyToWasm(mem, vo, v, n);
  (w.f32 ? rt.exports.sgd32 : rt.exports.sgd)(po * es, go * es, vo * es, lr, momentum, weightDecay, n);
  copyFromWasm(mem, po, p, n);
  if (momentum !== 0) copyFromWasm(mem, vo, v, n);
  return true;
}

/** Adam step in place (see adamStep; a = lr/c1, s = 1/√c2). */
export function adamWasm(p: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, a: number, beta1: number, beta2: number, s: number, eps: number): boolean {
  const n = p.length;
  const w = wasmOperands([p, g, m, v], [n, n, n, n]);
  if (w === null) return false;
  const { rt, es, mem, at: [po, go, mo, vo] } = w;
  copyToWasm(mem, po, p, n);
  copyToWasm(mem, go, g, n);
  copyToWasm(mem, mo, m, n);
  copyToWasm(mem, vo, v, n);
  (w.f32 ? rt.exports.adam32 : rt.exports.adam)(po * es, go * es, mo * es, vo * es, a, beta1, beta2, s, eps, n);
  copyFromWasm(mem, po, p, n);
  copyFromWasm(mem, mo, m, n);
  copyFromWasm(mem, vo, v, n);
  return true;
}
