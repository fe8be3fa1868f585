/**
 * The elementwise loops in WebAssembly SIMD: operands are copied into the shared wasm memory, the
 * f64x2 loop runs there and the result is copied back. The copies are plain memcpy, so this pays
 * from a few hundred elements on (`wasmMinElements`): V8's scalar loops with bounds checks and,
 * for ReLU, a data-dependent branch cost more than the copies. Results are bit-identical to the
 * TypeScript loops (the same IEEE operations in the same order). Each function returns false when
 * WebAssembly is unavailable, and the caller runs its TypeScript loop.
 */
import { kernelOptions } from './config.js';
import { wasmRuntime, type WasmRuntime } from './wasm-runtime.js';

function runtime(): WasmRuntime | null {
  return wasmRuntime(Math.max(2, kernelOptions().threads));
}

function align(n: number): number {
  return Math.ceil(n / 8) * 8;
}

/**
 * out = a ∘ b over n elements (all contiguous, same length); `out` may alias an operand.
 * `op` is a BinaryOp of ./broadcast.ts: 0 add, 1 sub, 2 mul, 3 div.
 */
export function binaryWasm(op: number, a: Float64Array, b: Float64Array, out: Float64Array, n: number): boolean {
  const rt = runtime();
  if (rt === null) return false;
  const x = rt.operandBase / 8;
  const y = x + align(n);
  const o = y + align(n);
  if (!rt.reserve((o + n) * 8)) return false;
  const mem = rt.f64();
  mem.set(a.length === n ? a : a.subarray(0, n), x);
  mem.set(b.length === n ? b : b.subarray(0, n), y);
  const ex = rt.exports;
  switch (op) {
    case 0: ex.vadd(x * 8, y * 8, o * 8, n); break;
    case 1: ex.vsub(x * 8, y * 8, o * 8, n); break;
    case 2: ex.vmul(x * 8, y * 8, o * 8, n); break;
    case 3: ex.vdiv(x * 8, y * 8, o * 8, n); break;
    default: return false;
  }
  out.set(mem.subarray(o, o + n));
  return true;
}

/** out = x > 0 ? x : 0. */
export function reluWasm(x: Float64Array, out: Float64Array): boolean {
  const rt = runtime();
  if (rt === null) return false;
  const n = x.length;
  const xi = rt.operandBase / 8;
  const o = xi + align(n);
  if (!rt.reserve((o + n) * 8)) return false;
  const mem = rt.f64();
  mem.set(x, xi);
  rt.exports.relu(xi * 8, o * 8, n);
  out.set(mem.subarray(o, o + n));
  return true;
}

/** gx = x > 0 ? g : 0. */
export function reluBackwardWasm(x: Float64Array, g: Float64Array, gx: Float64Array): boolean {
  const rt = runtime();
  if (rt === null) return false;
  const n = g.length;
  const xi = rt.operandBase / 8;
  const gi = xi + align(n);
  const o = gi + align(n);
  if (!rt.reserve((o + n) * 8)) return false;
  const mem = rt.f64();
  mem.set(x.length === n ? x : x.subarray(0, n), xi);
  mem.set(g, gi);
  rt.exports.reluBackward(xi * 8, gi * 8, o * 8, n);
  gx.set(mem.subarray(o, o + n));
  return true;
}
