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
import { kernelOptions } from './config.js';
import { copyFromWasm, copyToWasm, wasmRuntime } from './wasm-runtime.js';

/** Element offsets of `count` consecutive arrays of n elements from the operand base, 64-byte aligned. */
function offsets(base: number, n: number, es: number, count: number): number[] {
  const stride = Math.ceil((n * es) / 64) * (64 / es);
  return Array.from({ length: count }, (_, i) => base + i * stride);
}

/** SGD step in place (see sgdStep). */
export function sgdWasm(p: FloatArray, g: FloatArray, v: FloatArray, lr: number, momentum: number, weightDecay: number): boolean {
  const rt = wasmRuntime(Math.max(2, kernelOptions().threads));
  if (rt === null) return false;
  const f32 = p instanceof Float32Array;
  if ((g instanceof Float32Array) !== f32 || (momentum !== 0 && (v instanceof Float32Array) !== f32)) return false;
  const es = f32 ? 4 : 8;
  const n = p.length;
  const [po, go, vo] = offsets(rt.operandBase / es, n, es, 3) as [number, number, number];
  if (!rt.reserve((vo + n) * es)) return false;
  const mem = rt.view(p);
  copyToWasm(mem, po, p, n);
  copyToWasm(mem, go, g, n);
  if (momentum !== 0) copyToWasm(mem, vo, v, n);
  (f32 ? rt.exports.sgd32 : rt.exports.sgd)(po * es, go * es, vo * es, lr, momentum, weightDecay, n);
  copyFromWasm(mem, po, p, n);
  if (momentum !== 0) copyFromWasm(mem, vo, v, n);
  return true;
}

/** Adam step in place (see adamStep; a = lr/c1, s = 1/√c2). */
export function adamWasm(p: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, a: number, beta1: number, beta2: number, s: number, eps: number): boolean {
  const rt = wasmRuntime(Math.max(2, kernelOptions().threads));
  if (rt === null) return false;
  const f32 = p instanceof Float32Array;
  if ([g, m, v].some((x) => (x instanceof Float32Array) !== f32)) return false;
  const es = f32 ? 4 : 8;
  const n = p.length;
  const [po, go, mo, vo] = offsets(rt.operandBase / es, n, es, 4) as [number, number, number, number];
  if (!rt.reserve((vo + n) * es)) return false;
  const mem = rt.view(p);
  copyToWasm(mem, po, p, n);
  copyToWasm(mem, go, g, n);
  copyToWasm(mem, mo, m, n);
  copyToWasm(mem, vo, v, n);
  (f32 ? rt.exports.adam32 : rt.exports.adam)(po * es, go * es, mo * es, vo * es, a, beta1, beta2, s, eps, n);
  copyFromWasm(mem, po, p, n);
  copyFromWasm(mem, mo, m, n);
  copyFromWasm(mem, vo, v, n);
  return true;
}
