/**
 * The elementwise loops in WebAssembly SIMD: operands are copied into the shared wasm memory, the
 * f64x2 (float64) or f32x4 (float32) loop runs there and the result is copied back. The copies are
 * plain memcpy, so this pays from a few hundred elements on (`wasmMinElements`): V8's scalar loops
 * with bounds checks and, for ReLU, a data-dependent branch cost more than the copies. Results are
 * bit-identical to the TypeScript loops (the same IEEE operations in the same order; in float32 a
 * single +, −, ×, ÷ computed in float64 and rounded once equals the float32 operation). Each
 * function returns false when WebAssembly is unavailable or the operands' element types differ,
 * and the caller runs its TypeScript loop.
 */
import type { FloatArray } from './dtype.js';
import { wasmOperands } from './wasm-runtime.js';

/**
 * out = a ∘ b over n elements (all contiguous, same length); `out` may alias an operand.
 * `op` is a BinaryOp of ./broadcast.ts: 0 add, 1 sub, 2 mul, 3 div.
 */
export function binaryWasm(op: number, a: FloatArray, b: FloatArray, out: FloatArray, n: number): boolean {
  const w = wasmOperands([out, a, b], [n, n, n]);
  if (w === null) return false;
  const { rt, es, mem, at: [x, y, o] } = w;
  const ex = rt.exports;
  const kernel = [
    [ex.vadd, ex.vsub, ex.vmul, ex.vdiv],
    [ex.vadd32, ex.vsub32, ex.vmul32, ex.vdiv32],
  ][w.f32 ? 1 : 0]![op];
  if (kernel === undefined) return false;
  mem.set(a.length === n ? a : a.subarray(0, n), x);
  mem.set(b.length === n ? b : b.subarray(0, n), y);
  kernel(x * es, y * es, o * es, n);
  out.set(mem.subarray(o, o + n));
  return true;
}

/** out = x > 0 ? x : 0. */
export function reluWasm(x: FloatArray, out: FloatArray): boolean {
  const n = x.length;
  const w = wasmOperands([out, x], [n, n]);
  if (w === null) return false;
  const { rt, es, mem, at: [xi, o] } = w;
  mem.set(x, xi);
  (w.f32 ? rt.exports.relu32 : rt.exports.relu)(xi * es, o * es, n);
  out.set(mem.subarray(o, o + n));
  return true;
}

/** gx = x > 0 ? g : 0. */
export function reluBackwardWasm(x: FloatArray, g: FloatArray, gx: FloatArray): boolean {
  const n = g.length;
  const w = wasmOperands([gx, x, g], [n, n, n]);
  if (w === null) return false;
  const { rt, es, mem, at: [xi, gi, o] } = w;
  mem.set(x.length === n ? x : x.subarray(0, n), xi);
  mem.set(g, gi);
  (w.f32 ? rt.exports.reluBackward32 : rt.exports.reluBackward)(xi * es, gi * es, o * es, n);
  gx.set(mem.subarray(o, o + n));
  return true;
}
