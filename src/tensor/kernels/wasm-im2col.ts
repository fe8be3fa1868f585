/**
 * im2col and col2im (./im2col.ts) in WebAssembly: the image (or the patch gradients) copied into the
 * shared wasm memory, the same loops run there without typed-array bounds checks or float
 * conversions, and the result copied back (memcpy). Results are bit-identical to the TypeScript
 * loops. Each function returns false when WebAssembly is unavailable, the arrays' element types
 * differ or they do not fit, and the caller runs its TypeScript loop.
 */
import type { FloatArray } from './dtype.js';
import type { Window2d } from './im2col.js';
import { copyFromWasm, copyToWasm, wasmOperands } from './wasm-runtime.js';

function geometry(g: Window2d): [number, number, number, number, number, number, number, number, number, number, number, number] {
  return [g.N, g.C, g.H, g.W, g.kh, g.kw, g.sh, g.sw, g.ph, g.pw, g.Ho, g.Wo];
}

/** Entries of the patch matrix of a window. */
const patchEntries = (g: Window2d): number => g.N * g.Ho * g.Wo * g.C * g.kh * g.kw;

/** cols = im2col(x). */
export function im2colWasm(x: FloatArray, g: Window2d, cols: FloatArray): boolean {
  const n = patchEntries(g);
  const w = wasmOperands([x, cols], [x.length, n]);
  if (w === null) return false;
  const { rt, es, mem, at: [xi, ci] } = w;
  copyToWasm(mem, xi, x, x.length);
  (w.f32 ? rt.exports.im2col32 : rt.exports.im2col)(xi * es, ci * es, ...geometry(g));
  copyFromWasm(mem, ci, cols, n);
  return true;
}

/** gx += col2im(gcols). */
export function col2imWasm(gcols: FloatArray, g: Window2d, gx: FloatArray): boolean {
  const n = patchEntries(g);
  const w = wasmOperands([gx, gcols], [n, gx.length]);
  if (w === null) return false;
  const { rt, es, mem, at: [ci, xi] } = w;
  copyToWasm(mem, ci, gcols, n);
  copyToWasm(mem, xi, gx, gx.length);
  (w.f32 ? rt.exports.col2im32 : rt.exports.col2im)(ci * es, xi * es, ...geometry(g));
  copyFromWasm(mem, xi, gx, gx.length);
  return true;
}
