/**
 * im2col and col2im (./im2col.ts) in WebAssembly: the image (or the patch gradients) copied into the
 * shared wasm memory, the same loops run there without typed-array bounds checks or float
 * conversions, and the result copied back (memcpy). Results are bit-identical to the TypeScript
 * loops. Each function returns false when WebAssembly is unavailable, the arrays' element types
 * differ or they do not fit, and the caller runs its TypeScript loop.
 */
import type { FloatArray } from './dtype.js';
import type { Window2d } from './im2col.js';
import { kernelOptions } from './config.js';
import { copyFromWasm, copyToWasm, wasmRuntime } from './wasm-runtime.js';

/** 64-byte aligned element offset after `n` elements from `at`. */
const after = (at: number, n: number, es: number): number => at + Math.ceil((n * es) / 64) * (64 / es);

function geometry(g: Window2d): [number, number, number, number, number, number, number, number, number, number, number, number] {
  return [g.N, g.C, g.H, g.W, g.kh, g.kw, g.sh, g.sw, g.ph, g.pw, g.Ho, g.Wo];
}

/** cols = im2col(x). */
export function im2colWasm(x: FloatArray, g: Window2d, cols: FloatArray): boolean {
  const rt = wasmRuntime(Math.max(2, kernelOptions().threads));
  if (rt === null) return false;
  const f32 = x instanceof Float32Array;
  if ((cols instanceof Float32Array) !== f32) return false;
  const es = f32 ? 4 : 8;
  const xi = rt.operandBase / es;
  const ci = after(xi, x.length, es);
  const n = g.N * g.Ho * g.Wo * g.C * g.kh * g.kw;
  if (!rt.reserve((ci + n) * es)) return false;
  const mem = rt.view(x);
  copyToWasm(mem, xi, x, x.length);
  (f32 ? rt.exports.im2col32 : rt.exports.im2col)(xi * es, ci * es, ...geometry(g));
  copyFromWasm(mem, ci, cols, n);
  return true;
}

/** gx += col2im(gcols). */
export function col2imWasm(gcols: FloatArray, g: Window2d, gx: FloatArray): boolean {
  const rt = wasmRuntime(Math.max(2, kernelOptions().threads));
  if (rt === null) return false;
  const f32 = gx instanceof Float32Array;
  if ((gcols instanceof Float32Array) !== f32) return false;
  const es = f32 ? 4 : 8;
  const n = g.N * g.Ho * g.Wo * g.C * g.kh * g.kw;
  const ci = rt.operandBase / es;
  const xi = after(ci, n, es);
  if (!rt.reserve((xi + gx.length) * es)) return false;
  const mem = rt.view(gx);
  copyToWasm(mem, ci, gcols, n);
  copyToWasm(mem, xi, gx, gx.length);
  (f32 ? rt.exports.col2im32 : rt.exports.col2im)(ci * es, xi * es, ...geometry(g));
  copyFromWasm(mem, xi, gx, gx.length);
  return true;
}
