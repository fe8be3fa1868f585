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
import { kernelOptions } from './config.js';
import { wasmRuntime, type WasmRuntime } from './wasm-runtime.js';

function runtime(): WasmRuntime | null {
  return wasmRuntime(Math.max(2, kernelOptions().threads));
}

/** Element offsets rounded up to 64 bytes. */
function align(n: number, es: number): number {
  const per = 64 / es;
  return Math.ceil(n / per) * per;
}

/** The memory view, element size and operand base for arrays like `out`, or null when their types differ. */
function layout(rt: WasmRuntime, out: FloatArray, ...operands: FloatArray[]): { es: number; f32: boolean; base: number } | null {
  const f32 = out instanceof Float32Array;
  if (operands.some((a) => a instanceof Float32Array !== f32)) return null;
  const es = f32 ? 4 : 8;
  return { es, f32, base: rt.operandBase / es };
}

/**
 * out = a ∘ b over n elements (all contiguous, same length); `out` may alias an operand.
 * `op` is a BinaryOp of ./broadcast.ts: 0 add, 1 sub, 2 mul, 3 div.
 */
export function binaryWasm(op: number, a: FloatArray, b: FloatArray, out: FloatArray, n: number): boolean {
  const rt = runtime();
  if (rt === null) return false;
  const l = layout(rt, out, a, b);
  if (l === null) return false;
  const { es, f32 } = l;
  const x = l.base;
  const y = x + align(n, es);
  const o = y + align(n, es);
  if (!rt.reserve((o + n) * es)) return false;
  const mem = rt.view(out);
  mem.set(a.length === n ? a : a.subarray(0, n), x);
  mem.set(b.length === n ? b : b.subarray(0, n), y);
  const ex = rt.exports;
  const kernel = [
    [ex.vadd, ex.vsub, ex.vmul, ex.vdiv],
    [ex.vadd32, ex.vsub32, ex.vmul32, ex.vdiv32],
  ][f32 ? 1 : 0]![op];
  if (kernel === undefined) return false;
  kernel(x * es, y * es, o * es, n);
  out.set(mem.subarray(o, o + n));
  return true;
}

/** out = x > 0 ? x : 0. */
export function reluWasm(x: FloatArray, out: FloatArray): boolean {
  const rt = runtime();
  if (rt === null) return false;
  const l = layout(rt, out, x);
  if (l === null) return false;
  const { es, f32 } = l;
  const n = x.length;
  const xi = l.base;
  const o = xi + align(n, es);
  if (!rt.reserve((o + n) * es)) return false;
  const mem = rt.view(out);
  mem.set(x, xi);
  (f32 ? rt.exports.relu32 : rt.exports.relu)(xi * es, o * es, n);
  out.set(mem.subarray(o, o + n));
  return true;
}

/** gx = x > 0 ? g : 0. */
export function reluBackwardWasm(x: FloatArray, g: FloatArray, gx: FloatArray): boolean {
  const rt = runtime();
  if (rt === null) return false;
  const l = layout(rt, gx, x, g);
  if (l === null) return false;
  const { es, f32 } = l;
  const n = g.length;
  const xi = l.base;
  const gi = xi + align(n, es);
  const o = gi + align(n, es);
  if (!rt.reserve((o + n) * es)) return false;
  const mem = rt.view(gx);
  mem.set(x.length === n ? x : x.subarray(0, n), xi);
  mem.set(g, gi);
  (f32 ? rt.exports.reluBackward32 : rt.exports.reluBackward)(xi * es, gi * es, o * es, n);
  gx.set(mem.subarray(o, o + n));
  return true;
}
