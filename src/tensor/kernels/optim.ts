/**
 * In-place parameter updates of the optimizers (src/optim), one fused loop each; from
 * `wasmMinElements` elements on they run in WebAssembly SIMD (./wasm-optim.ts).
 */
import type { FloatArray } from './dtype.js';
import { wasmElementwise } from './config.js';
import { adamWasm, sgdWasm } from './wasm-optim.js';

/**
 * SGD with momentum μ and L2 weight decay wd (PyTorch's convention):
 * d = g + wd·p;  v ← μv + d;  p ← p − lr·v   (v unused when μ = 0).
 */
export function sgdStep(p: FloatArray, g: FloatArray, v: FloatArray, lr: number, momentum: number, weightDecay: number): void {
  const n = p.length;
  if (wasmElementwise(n) && sgdWasm(p, g, v, lr, momentum, weightDecay)) return;
  if (momentum === 0) {
    for (let i = 0; i < n; i++) p[i] -= lr * (g[i]! + weightDecay * p[i]!);
    return;
  }
  for (let i = 0; i < n; i++) {
    const vi = momentum * v[i]! + g[i]! + weightDecay * p[i]!;
    v[i] = vi;
    p[i] -= lr * vi;
  }
}

/**
 * Adam (Kingma & Ba 2015, Algorithm 1): m ← β1m + (1−β1)g; v ← β2v + (1−β2)g²;
 * p ← p − lr · m̂/(√v̂ + ε) with m̂ = m/c1, v̂ = v/c2 (bias corrections c1 = 1−β1ᵗ, c2 = 1−β2ᵗ).
 */
export function adamStep(
  p: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray,
  lr: number, beta1: number, beta2: number, eps: number, c1: number, c2: number,
): void {
  const n = p.length;
  const a = lr / c1;
  const s = 1 / Math.sqrt(c2);
  if (wasmElementwise(n) && adamWasm(p, g, m, v, a, beta1, beta2, s, eps)) return;
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const mi = beta1 * m[i]! + (1 - beta1) * gi;
    const vi = beta2 * v[i]! + (1 - beta2) * gi * gi;
    m[i] = mi;
    v[i] = vi;
    p[i] -= (a * mi) / (Math.sqrt(vi) * s + eps);
  }
}
